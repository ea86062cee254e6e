//! The labelled corpora: edits of the sample policy (tests/corpus/sample, labels written before the
//! classifier was tuned) and real published version pairs of other companies' policies
//! (tests/corpus/shared-real-pairs, a copy of the shared corpus with a careful reader's labels).

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::harness::{Project, Run, copy_dir, repo, run_in};

/// `policyc diff OLD NEW --format json` on two files, run in `dir`.
fn diff_json(dir: &Path, old: &Path, new: &Path) -> Run {
    run_in(
        dir,
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "json",
        ],
        &[],
    )
}

/// A labelled case: edits of the sample version's files (`E` = [`Edit`]) or of a whole policy
/// written as plain Markdown (`E` = [`PlainEdit`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case<E = Edit> {
    description: String,
    locale: String,
    material: bool,
    clauses: Vec<String>,
    requires_consent: bool,
    reason: String,
    #[serde(default = "Vec::new")]
    edit: Vec<E>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    find: Option<String>,
    replace: Option<String>,
    append: Option<String>,
}

const NEW: &str = "2023-01-01";

/// A project holding the sample version and a draft made from it by the case's edits.
fn project_for(case: &Case) -> Project {
    let p = Project::sample();
    let new_dir = p.content().join("versions").join(NEW);
    copy_dir(&p.version_dir(), &new_dir);
    let vt = new_dir.join("version.toml");
    let text = fs::read_to_string(&vt)
        .unwrap()
        .replace("id = \"2022-10-19\"", &format!("id = \"{NEW}\""))
        .replace("status = \"published\"", "status = \"draft\"");
    fs::write(&vt, text).unwrap();
    for e in &case.edit {
        let path = new_dir.join(&e.file);
        let text = fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        let text = match (&e.find, &e.replace, &e.append) {
            (Some(f), Some(r), None) => {
                assert_eq!(
                    text.matches(f.as_str()).count(),
                    1,
                    "{}: find must occur once: {f:?}",
                    e.file
                );
                text.replacen(f.as_str(), r, 1)
            }
            (None, None, Some(a)) => format!("{text}{a}"),
            _ => panic!("edit needs find+replace or append"),
        };
        fs::write(&path, text).unwrap();
    }
    p
}

struct Outcome {
    ok: bool,
    exact: bool,
    line: String,
}

/// Runs every case of a corpus of sample edits; returns (verdicts right, exact, total, failure lines).
fn run_sample_corpus(dir: &std::path::Path) -> (usize, usize, usize, Vec<String>, usize, usize) {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    let (mut en, mut zh) = (0, 0);
    let mut outcomes = Vec::new();
    for case_dir in &names {
        let case: Case = toml::from_str(&fs::read_to_string(case_dir.join("case.toml")).unwrap()).unwrap();
        assert!(!case.description.is_empty() && !case.reason.is_empty());
        assert_eq!(case.material, !case.clauses.is_empty());
        if case.locale == "en" {
            en += 1
        } else {
            zh += 1
        }
        let p = project_for(&case);
        let run = run_in(
            p.path(),
            &[
                "diff",
                "2022-10-19",
                NEW,
                "--locale",
                &case.locale,
                "--format",
                "json",
            ],
            &[],
        );
        assert_eq!(run.code, 0, "{}: {}", case_dir.display(), run.stderr);
        let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        // one verdict per version pair: the report in the other locale agrees, and carries the
        // change in the locale whose text makes it
        let other = if case.locale == "en" { "zh-CN" } else { "en" };
        let across = run_in(
            p.path(),
            &["diff", "2022-10-19", NEW, "--locale", other, "--format", "json"],
            &[],
        );
        let across: serde_json::Value = serde_json::from_str(&across.stdout).unwrap();
        for key in ["material", "requires_consent", "clauses"] {
            assert_eq!(
                got[key],
                across[key],
                "{}: {key} differs between the {} and {other} reports",
                case_dir.display(),
                case.locale
            );
        }
        assert_eq!(across["new"]["locale"], other);
        let (clauses, material, consent) = verdict_of(&got);
        let exact = clauses == case.clauses && consent == case.requires_consent && material == case.material;
        let name = case_dir.file_name().unwrap().to_string_lossy().into_owned();
        let reasons: Vec<String> = got["changes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| {
                c["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_string())
            })
            .collect();
        outcomes.push(Outcome {
            ok: material == case.material,
            exact,
            line: format!(
                "{name}: want {:?} consent={} got {clauses:?} consent={consent}; reasons {reasons:?}",
                case.clauses, case.requires_consent
            ),
        });
    }
    let wrong: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.exact)
        .map(|o| o.line.clone())
        .collect();
    let verdicts = outcomes.iter().filter(|o| o.ok).count();
    (
        verdicts,
        outcomes.len() - wrong.len(),
        outcomes.len(),
        wrong,
        en,
        zh,
    )
}

/// The tuning corpus: every verdict, clause set and consent flag as labelled.
#[test]
fn sample_edit_corpus_verdicts() {
    let (verdicts, exact, n, wrong, en, zh) = run_sample_corpus(&repo().join("tests/corpus/sample"));
    assert!(en >= 30 && zh >= 15, "corpus too small: {en} en, {zh} zh-CN");
    eprintln!("sample corpus: {verdicts}/{n} verdicts right, {exact}/{n} exact");
    assert!(
        wrong.is_empty(),
        "{} case(s) wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The held-out corpus (written without sight of the classifier): measured, with a floor.
#[test]
fn heldout_sample_edits() {
    let (verdicts, exact, n, wrong, _, _) = run_sample_corpus(&repo().join("tests/corpus/heldout/sample"));
    eprintln!(
        "held-out sample edits: {verdicts}/{n} verdicts right, {exact}/{n} exact\n{}",
        wrong.join("\n")
    );
    assert!(verdicts == n, "verdicts {verdicts}/{n}\n{}", wrong.join("\n"));
    assert!(exact * 100 >= n * 95, "exact {exact}/{n}\n{}", wrong.join("\n"));
}

/// The blind corpus (`tests/corpus/blind/`: 40 edits written and labelled by a reader who never
/// ran policyc). First run (2026-12-06, before any change made after scoring it): 33/40 verdicts (5
/// of 21 material changes missed, 2 false alarms), 29/40 exact. Its failures were then read and
/// fixed by general rules, so it is *tuned* now: only its first run estimates unseen edits.
/// `BLIND_SHOW=1` prints the failing cases.
#[test]
fn blind_sample_edits() {
    blind_sample_corpus("tests/corpus/blind/sample", "blind sample edits", BLIND_FLOORS);
}

/// Scores a blind corpus of sample edits: totals only (`BLIND_SHOW=1` prints the failing cases),
/// each language holding 20 cases at least, against floors of (verdicts, exact).
fn blind_sample_corpus(dir: &str, name: &str, (floor_verdicts, floor_exact): (usize, usize)) {
    let (verdicts, exact, n, wrong, en, zh) = run_sample_corpus(&repo().join(dir));
    assert!(en >= 20 && zh >= 20, "{en} en, {zh} zh-CN");
    // a missed material change wants clauses and got none
    let missed = wrong
        .iter()
        .filter(|l| !l.contains("want []") && l.contains("got []"))
        .count();
    let alarms = wrong
        .iter()
        .filter(|l| l.contains("want []") && !l.contains("got []"))
        .count();
    eprintln!(
        "{name}: {verdicts}/{n} verdicts right ({missed} material missed, {alarms} false alarms), {exact}/{n} exact"
    );
    if std::env::var_os("BLIND_SHOW").is_some() {
        eprintln!("{}", wrong.join("\n"));
    }
    assert!(verdicts >= floor_verdicts, "verdicts {verdicts}/{n}");
    assert!(exact >= floor_exact, "exact {exact}/{n}");
}

/// Verdicts and exact clause sets of the blind corpus now (its first run: 33 and 29).
const BLIND_FLOORS: (usize, usize) = (40, 38);

/// The second blind corpus (`tests/corpus/blind2/`: 20 edits, each written in both languages, by a
/// reader who never ran policyc), written after the first was tuned on. First run (2026-12-06,
/// before any change made after scoring it): 38/40 verdicts (2 of 24 material changes missed, no
/// false alarm), 37/40 exact. Its two misses were then read and fixed by general rules (a denial
/// read over its whole Chinese clause, brackets aside; `acquisition`; `您无法…退订`), so it is
/// *tuned* now. `BLIND_SHOW=1` prints the failing cases.
#[test]
fn second_blind_sample_edits() {
    blind_sample_corpus(
        "tests/corpus/blind2/sample",
        "second blind sample edits",
        BLIND2_FLOORS,
    );
}

/// Verdicts and exact clause sets of the second blind corpus now (its first run: 38 and 37).
const BLIND2_FLOORS: (usize, usize) = (40, 40);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlainCase {
    description: String,
    locale: String,
    material: bool,
    clauses: Vec<String>,
    requires_consent: bool,
    reason: String,
}

/// Held-out pairs of fictional companies' plain Markdown policies.
#[test]
fn heldout_plain_pairs() {
    let dir = repo().join("tests/corpus/heldout/plain");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    let tmp = tempfile::tempdir().unwrap();
    let (mut verdicts, mut exact) = (0, 0);
    let mut lines = Vec::new();
    for case_dir in &names {
        let case: PlainCase =
            toml::from_str(&fs::read_to_string(case_dir.join("case.toml")).unwrap()).unwrap();
        assert!(!case.description.is_empty() && !case.reason.is_empty());
        let old = case_dir.join("old.md");
        let new = case_dir.join("new.md");
        let run = diff_json(tmp.path(), &old, &new);
        assert_eq!(run.code, 0, "{}: {}", case_dir.display(), run.stderr);
        let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            got["new"]["locale"],
            case.locale.as_str(),
            "{}: locale guessed from the text",
            case_dir.display()
        );
        let (clauses, material, consent) = verdict_of(&got);
        verdicts += usize::from(material == case.material);
        let e = clauses == case.clauses && consent == case.requires_consent;
        exact += usize::from(e);
        if !e {
            let reasons: Vec<String> = got["changes"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|c| {
                    c["reasons"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| r.as_str().unwrap().to_string())
                })
                .collect();
            lines.push(format!(
                "{}: want {:?} consent={} got {clauses:?} consent={consent}; {reasons:?}",
                case_dir.file_name().unwrap().to_string_lossy(),
                case.clauses,
                case.requires_consent
            ));
        }
    }
    let n = names.len();
    eprintln!(
        "held-out plain pairs: {verdicts}/{n} verdicts right, {exact}/{n} exact\n{}",
        lines.join("\n")
    );
    assert!(n >= 10);
    assert!(
        verdicts * 100 >= n * 90,
        "verdicts {verdicts}/{n}\n{}",
        lines.join("\n")
    );
    assert!(exact * 100 >= n * 75, "exact {exact}/{n}\n{}", lines.join("\n"));
}

#[derive(Deserialize)]
struct Label {
    material: bool,
    clauses: Vec<String>,
    also_ok: Vec<String>,
}

/// The ten real pairs of the steering repository's shared corpus (`shared/corpus/real-pairs`),
/// copied here as they are so the test runs on every checkout.
fn real_pairs() -> PathBuf {
    repo().join("tests/corpus/shared-real-pairs")
}

#[test]
fn real_pairs_verdicts() {
    let dir = real_pairs();
    let labels: std::collections::BTreeMap<String, Label> =
        serde_json::from_str(&fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (mut verdicts, mut exact) = (0, 0);
    let mut report = Vec::new();
    for (name, label) in &labels {
        let old = dir.join(name).join("old.md");
        let new = dir.join(name).join("new.md");
        let run = diff_json(tmp.path(), &old, &new);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(got["schema"], "policyc.diff/1");
        let sections = got["changes"].as_array().unwrap().len();
        assert!(
            sections < 200,
            "{name}: {sections} changes is not a sensible diff"
        );
        let clauses: Vec<String> = got["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        let material = got["material"].as_bool().unwrap();
        let v = material == label.material;
        let e = label.clauses.iter().all(|c| clauses.contains(c))
            && clauses
                .iter()
                .all(|c| label.clauses.contains(c) || label.also_ok.contains(c));
        verdicts += usize::from(v);
        exact += usize::from(e);
        report.push(format!(
            "{name}: want {:?} (also ok {:?}) got {clauses:?}",
            label.clauses, label.also_ok
        ));
    }
    let n = labels.len();
    eprintln!(
        "real pairs: {verdicts}/{n} verdicts, {exact}/{n} exact clause sets\n{}",
        report.join("\n")
    );
    assert!(
        verdicts * 100 >= n * 95,
        "verdicts {verdicts}/{n}\n{}",
        report.join("\n")
    );
    assert!(
        exact * 100 >= n * 80,
        "exact clause sets {exact}/{n}\n{}",
        report.join("\n")
    );
}

/// A policy's own rules file may renumber and retitle its clauses: every verdict stays the same,
/// named by the file's ids and titles (the classifier works by role, never by number). The rules
/// file of the old schema is refused with a message that says how to convert it.
#[test]
fn renumbered_rules_file_keeps_every_behaviour() {
    let builtin = policyc::classify::rules::BUILTIN;
    // 8.3 (recipients) becomes 8.9 and 8.5 (contact) becomes 8.3, with new titles
    let renumbered = builtin
        .replacen("id = \"8.3\"", "id = \"8.9\"", 1)
        .replacen("id = \"8.5\"", "id = \"8.3\"", 1)
        .replace(
            "en = \"Change in the department responsible",
            "en = \"Contact points (renumbered): change in the department responsible",
        );
    assert_ne!(renumbered, builtin);
    let run = |p: &Project| {
        let r = p.run(&["diff", "2022-10-19", crate::harness::DRAFT, "--format", "json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()
    };
    let plain = Project::material_draft();
    let before = run(&plain);
    assert_eq!(before["clauses"], serde_json::json!(["8.3", "8.5"]));
    let custom = Project::material_draft();
    custom.write("content/rules.toml", &renumbered);
    let after = run(&custom);
    assert_eq!(after["material"], before["material"]);
    assert_eq!(after["requires_consent"], before["requires_consent"]);
    assert_eq!(after["clauses"], serde_json::json!(["8.3", "8.9"]));
    // each change keeps its reasons, now under the renumbered clause
    let kinds = |v: &serde_json::Value| -> Vec<(String, String)> {
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["evidence"].as_array().unwrap().clone())
            .map(|e| (e["kind"].as_str().unwrap().to_string(), e["clause"].to_string()))
            .collect()
    };
    let map = |id: &str| match id {
        "\"8.3\"" => "\"8.9\"".to_string(),
        "\"8.5\"" => "\"8.3\"".to_string(),
        other => other.to_string(),
    };
    let expected: Vec<(String, String)> = kinds(&before).into_iter().map(|(k, c)| (k, map(&c))).collect();
    assert_eq!(kinds(&after), expected);
    let text = custom.run(&["diff", "2022-10-19", crate::harness::DRAFT]);
    assert!(
        text.stdout.contains("Contact points (renumbered)"),
        "{}",
        text.stdout
    );
    // the old schema is refused, naming the way to convert
    custom.write(
        "content/rules.toml",
        &builtin.replacen("schema = \"policyc.rules/2\"", "schema = \"policyc.rules/1\"", 1),
    );
    let old = custom.run(&["diff", "2022-10-19", crate::harness::DRAFT]);
    assert_eq!(old.code, 2);
    assert!(
        old.stderr.contains("rules.toml") && old.stderr.contains("no longer read"),
        "{}",
        old.stderr
    );
}

/// An edit made in one locale's text only is the same verdict in every locale's report: the
/// Chinese report carries the English change, marked with its locale and quoted as written.
#[test]
fn a_change_in_one_locale_is_reported_in_every_locale() {
    let p = Project::sample_with_draft();
    p.edit(
        &format!("content/versions/{}/en/03-sharing.md", crate::harness::DRAFT),
        "{#transfer}",
        "{#transfer}\n\nWe sell your personal information to data brokers.\n",
    );
    let run = |locale: &str| {
        let r = p.run(&[
            "diff",
            "2022-10-19",
            crate::harness::DRAFT,
            "--locale",
            locale,
            "--format",
            "json",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()
    };
    let (en, zh) = (run("en"), run("zh-CN"));
    assert_eq!(en["material"], true);
    assert_eq!(en["clauses"], zh["clauses"]);
    assert_eq!(en["requires_consent"], zh["requires_consent"]);
    let carried: Vec<&serde_json::Value> = zh["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["locale"] == "en")
        .collect();
    assert_eq!(carried.len(), 1, "{zh:#}");
    assert!(carried[0]["new"].as_str().unwrap().contains("data brokers"));
    assert!(
        carried[0]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "only-in-locale")
    );
    let text = p.run(&["diff", "2022-10-19", crate::harness::DRAFT, "--locale", "zh-CN"]);
    assert!(text.stdout.contains("zh-CN 文本未作此修改"), "{}", text.stdout);
}

/// Sentences that now say the opposite, or price a right, are material whatever words stand on
/// both sides (new examples, not corpus cases): a negation or modality flip takes the clause of
/// what the sentence is about; a fee and a right withdrawn limit rights (consent).
#[test]
fn polarity_and_fees_in_prose() {
    let tmp = tempfile::tempdir().unwrap();
    let check = |name: &str, section: &str, old: &str, new: &str, clause: &str, consent: bool| {
        let (a, b) = (
            tmp.path().join(format!("{name}-old.md")),
            tmp.path().join(format!("{name}-new.md")),
        );
        let doc = |t: &str| {
            format!(
                "# Policy\n\n## Introduction\n\nThis policy explains what we do.\n\n## {section}\n\n{t}\n\n## Contact\n\nWrite to the privacy team.\n"
            )
        };
        fs::write(&a, doc(old)).unwrap();
        fs::write(&b, doc(new)).unwrap();
        let run = diff_json(tmp.path(), &a, &b);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(got["material"], true, "{name}: {got:#}");
        assert!(
            got["clauses"].as_array().unwrap().iter().any(|c| c == clause),
            "{name}: {clause} in {}",
            got["clauses"]
        );
        assert_eq!(got["requires_consent"], consent, "{name}: {got:#}");
    };
    check(
        "sell",
        "Sharing",
        "We never sell your personal information.",
        "We may sell your personal information to partners.",
        "8.3",
        false,
    );
    check(
        "fee",
        "Your rights",
        "Requests to access your data are free of charge.",
        "Each request to access your data costs 20 EUR.",
        "8.4",
        true,
    );
    check(
        "delete",
        "Your rights",
        "You can delete your account at any time.",
        "You cannot delete your account at any time.",
        "8.4",
        true,
    );
    check(
        "stored",
        "Storage",
        "Your personal information is stored in Ireland.",
        "Your personal information is stored in Ireland and the United States.",
        "8.3",
        false,
    );
    check(
        "zh-stored",
        "存储",
        "您的个人信息存储在中国境内的服务器上。",
        "您的个人信息存储在新加坡的服务器上。",
        "8.3",
        false,
    );
    check(
        "zh-sell",
        "共享",
        "我们不会出售您的个人信息。",
        "我们可能出售您的个人信息。",
        "8.3",
        false,
    );
}

/// A right is taken away only when the new version states it nowhere: text about a right taken
/// out while the right is still stated elsewhere is not a limit (new examples, not corpus cases).
#[test]
fn a_right_still_stated_elsewhere_is_not_taken_away() {
    let tmp = tempfile::tempdir().unwrap();
    let consent = |old: &str, new: &str| -> (bool, serde_json::Value) {
        let (a, b) = (tmp.path().join("old.md"), tmp.path().join("new.md"));
        fs::write(&a, old).unwrap();
        fs::write(&b, new).unwrap();
        let run = diff_json(tmp.path(), &a, &b);
        let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        (got["requires_consent"] == true, got)
    };
    let rights = "# Policy\n\n## Your rights\n\nYou can ask us to delete your personal data at any time.\n\n";
    // the marketing section's reminder goes; the right stays in the rights section
    let (c, got) = consent(
        &format!(
            "{rights}## Marketing\n\nWe send offers by email.\n\nYou may also ask us to delete the data we use for offers.\n"
        ),
        &format!("{rights}## Marketing\n\nWe send offers by email.\n"),
    );
    assert!(!c, "{got:#}");
    // the only statement of the right goes
    let (c, got) = consent(
        &format!(
            "{rights}## Legitimate interests\n\nYou may object to processing based on our legitimate interests.\n"
        ),
        &format!("{rights}## Legitimate interests\n\nWe process data based on our legitimate interests.\n"),
    );
    assert!(c, "{got:#}");
    // a ground listed under a right's lead-in is one of its grounds taken away
    let list = |items: &[&str]| {
        format!(
            "# Policy\n\n## Your rights\n\nYou may ask us to delete your data where:\n\n{}\n",
            items.iter().map(|i| format!("- {i}\n")).collect::<String>()
        )
    };
    let (c, got) = consent(
        &list(&["you close your account;", "we no longer need it;"]),
        &list(&["you close your account;"]),
    );
    assert!(c, "{got:#}");
}

/// The verdict of a `policyc.diff/1` document: its clauses, `material` and `requires_consent`.
fn verdict_of(got: &serde_json::Value) -> (Vec<String>, bool, bool) {
    let clauses = got["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    (
        clauses,
        got["material"].as_bool().unwrap(),
        got["requires_consent"].as_bool().unwrap(),
    )
}

/// One edit of a plain-Markdown case: `find` occurs once in the text so far.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlainEdit {
    find: String,
    replace: String,
}

/// Runs the plain-Markdown edit cases of `dir/cases` on `dir/base-<locale>.md`: (verdicts right,
/// exact, total, missed material, false alarms, failing case lines).
fn run_plain_edits(dir: &Path) -> (usize, usize, usize, usize, usize, Vec<String>) {
    let mut names: Vec<PathBuf> = fs::read_dir(dir.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    names.sort();
    let tmp = tempfile::tempdir().unwrap();
    let (mut verdicts, mut exact, mut missed, mut alarms) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for path in &names {
        let case: Case<PlainEdit> = toml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        assert!(!case.description.is_empty() && !case.reason.is_empty());
        assert_eq!(case.material, !case.clauses.is_empty(), "{}", path.display());
        assert!(!case.edit.is_empty(), "{}: no edit", path.display());
        let base = fs::read_to_string(dir.join(format!("base-{}.md", case.locale))).unwrap();
        let mut text = base.clone();
        for e in &case.edit {
            assert_eq!(
                text.matches(&e.find).count(),
                1,
                "{}: find must occur once: {:?}",
                path.display(),
                e.find
            );
            text = text.replacen(&e.find, &e.replace, 1);
        }
        let (old, new) = (tmp.path().join("old.md"), tmp.path().join("new.md"));
        fs::write(&old, &base).unwrap();
        fs::write(&new, &text).unwrap();
        let run = diff_json(tmp.path(), &old, &new);
        assert_eq!(run.code, 0, "{}: {}", path.display(), run.stderr);
        let got: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let (clauses, material, consent) = verdict_of(&got);
        verdicts += usize::from(material == case.material);
        missed += usize::from(case.material && !material);
        alarms += usize::from(!case.material && material);
        if clauses == case.clauses && consent == case.requires_consent {
            exact += 1;
        } else {
            wrong.push(format!(
                "{}: want {:?} consent={} got {clauses:?} consent={consent}",
                path.file_name().unwrap().to_string_lossy(),
                case.clauses,
                case.requires_consent
            ));
        }
    }
    (verdicts, exact, names.len(), missed, alarms, wrong)
}

/// Scores a blind corpus of plain-Markdown edits (`dir` under `tests/corpus/`, at least `min`
/// cases) against its floors, printing only its totals (and, with `BLIND_SHOW`, its failures).
fn blind_plain(dir: &str, name: &str, min: usize, (floor_verdicts, floor_exact): (usize, usize)) {
    let (verdicts, exact, n, missed, alarms, wrong) = run_plain_edits(&repo().join("tests/corpus").join(dir));
    if std::env::var_os("BLIND_SHOW").is_some() {
        eprintln!("{}", wrong.join("\n"));
    }
    assert!(n >= min, "{n} cases");
    eprintln!(
        "{name} plain-Markdown edits: {verdicts}/{n} verdicts right ({missed} material missed, {alarms} false alarms), {exact}/{n} exact"
    );
    assert!(verdicts >= floor_verdicts, "verdicts {verdicts}/{n}");
    assert!(exact >= floor_exact, "exact {exact}/{n}");
}

/// The third blind corpus (`tests/corpus/blind3/`: 20 edits of the sample as plain Markdown, each
/// in both languages, written by a reader who never ran policyc): only its totals are printed.
/// First run (2026-12-06, before any change made after scoring it): 39/40 verdicts (no material
/// change missed, 1 false alarm), 36/40 exact. Its failures were then read (`BLIND_SHOW=1`) and
/// one fixed by a general rule (回复 in the response group), so it is *tuned* now.
#[test]
fn blind_plain_markdown_edits() {
    blind_plain("blind3", "blind", 40, BLIND3_FLOORS);
}

/// Verdicts and exact clause sets of the third blind corpus now (its first run: 39 and 36).
const BLIND3_FLOORS: (usize, usize) = (40, 37);

/// The fourth blind corpus (`tests/corpus/blind4/`: 16 edits of the sample as plain Markdown, each
/// in both languages, written by a reader who never ran policyc, after the others were tuned on):
/// only its totals are printed. First run (2026-12-06, before any change made after scoring it):
/// 31/32 verdicts (1 of 16 material changes missed, no false alarm), 29/32 exact. Its failures
/// were then read (`BLIND_SHOW=1`) and the company renamed fixed by a general rule (the controller's
/// own name out and in is control), so it is *tuned* now.
#[test]
fn fourth_blind_plain_markdown_edits() {
    blind_plain("blind4", "fourth blind", 32, BLIND4_FLOORS);
}

/// Verdicts and exact clause sets of the fourth blind corpus now (its first run: 31 and 29).
const BLIND4_FLOORS: (usize, usize) = (31, 31);

/// The fifth blind corpus (`tests/corpus/blind5/`: 22 edits of the sample as plain Markdown, each
/// in both languages, written by a reader who never ran policyc and was asked for kinds the other
/// blind sets lack: a value, a name or a negation inside an unchanged sentence, and removals).
#[test]
fn fifth_blind_plain_markdown_edits() {
    blind_plain("blind5", "fifth blind", 44, BLIND5_FLOORS);
}

/// The sixth blind corpus (`tests/corpus/blind6/`: 24 edits of the sample as plain Markdown, each
/// in both languages, written by a reader who never ran policyc, asked for every clause including
/// 8.2 and 8.6, rights-limiting edits, and tempting false alarms): only its totals are printed.
#[test]
fn sixth_blind_plain_markdown_edits() {
    blind_plain("blind6", "sixth blind", 48, BLIND6_FLOORS);
}

/// The seventh blind corpus (`tests/corpus/blind7/`: 24 edits of the sample as plain Markdown,
/// each in both languages, written by a reader who never ran policyc, asked for kinds of edit no
/// earlier blind set used): only its totals are printed.
#[test]
fn seventh_blind_plain_markdown_edits() {
    blind_plain("blind7", "seventh blind", 48, BLIND7_FLOORS);
}

/// Verdicts and exact clause sets of the seventh blind corpus now. First run (2026-12-07 on
/// d6165bb7, before any change made after scoring it): 35/48 verdicts (7 material changes missed,
/// 6 false alarms), 33/48 exact. Its failures were then read and fixed by general rules (a phone
/// number written another way, a contact channel taken out of a list, a step made mandatory,
/// approximate location, human review, a risk rated as high, a technical standard, a recipient's
/// name written another way, a joint controller), so it is *tuned* now: 48/48, 48/48.
const BLIND7_FLOORS: (usize, usize) = (48, 48);

/// The eighth blind corpus (`tests/corpus/blind8/`: 24 edits of the sample as plain Markdown,
/// each in both languages, written by a reader who never ran policyc, asked for kinds of edit no
/// earlier blind set used and for edits in two places at once): only its totals are printed.
#[test]
fn eighth_blind_plain_markdown_edits() {
    blind_plain("blind8", "eighth blind", 48, BLIND8_FLOORS);
}

/// Verdicts and exact clause sets of the eighth blind corpus now. First run (2026-12-07 on
/// bc152b89, before any change made after scoring it): 39/48 verdicts (4 material changes missed,
/// 5 false alarms), 32/48 exact. Some of its failures were then read and fixed by general rules (a
/// promise made a possibility, an exception widened, `stop` as a denial), so it is *tuned*: 41/48,
/// 36/48.
const BLIND8_FLOORS: (usize, usize) = (41, 36);

/// The ninth blind corpus (`tests/corpus/blind9/`: 24 edits of the sample as plain Markdown,
/// each in both languages, written by a reader who never ran policyc, asked for kinds of edit no
/// earlier blind set used, decisive words inside unchanged sentences and edits in several places):
/// only its totals are printed.
#[test]
fn ninth_blind_plain_markdown_edits() {
    blind_plain("blind9", "ninth blind", 48, BLIND9_FLOORS);
}

/// Verdicts and exact clause sets of the ninth blind corpus now. First run (2026-12-07 on
/// 707a6df2, before any change made after scoring it): 30/48 verdicts (9 material changes missed,
/// 9 false alarms), 25/48 exact. Some of its failures were then read and fixed by general rules (a
/// purpose stated in a sentence, insolvency proceedings, a contact channel with its quoted name, a
/// risk rated as high, a precondition put before a right, a processor that operates what data
/// goes through), so it is *tuned*: 38/48, 35/48.
const BLIND9_FLOORS: (usize, usize) = (38, 35);

/// The tenth blind corpus (`tests/corpus/blind10/`: 24 edits of the sample as plain Markdown,
/// each in both languages, written by a reader who never ran policyc, asked for kinds of edit no
/// earlier blind set used, values inside unchanged sentences, and edits a keyword tool might
/// wrongly flag): only its totals are printed.
#[test]
fn tenth_blind_plain_markdown_edits() {
    blind_plain("blind10", "tenth blind", 48, BLIND10_FLOORS);
}

/// Verdicts and exact clause sets of the tenth blind corpus now. First run (2026-12-08 on
/// e40da5f9, before any change made after scoring it): 32/48 verdicts (7 material changes missed,
/// 9 false alarms), 27/48 exact. Some of its failures were then read and fixed by general rules (a
/// kind of personal information a sentence says we process, a right limited in frequency or to
/// proof), so it is *tuned*: 38/48, 34/48.
const BLIND10_FLOORS: (usize, usize) = (38, 34);

/// Verdicts and exact clause sets of the sixth blind corpus now. First run (2026-12-07 on
/// e69f6f02, before any change made after scoring it): 38/48 verdicts (5 material changes missed,
/// 5 false alarms), 37/48 exact. Its failures were then read and fixed by general rules (a new way
/// of exercising a right, a heading reworded, a phone glued to its label, trained algorithms, a
/// new ground for keeping data, a heading quoted without its number, a promise of free requests
/// turned into a fee), so it is *tuned* now.
const BLIND6_FLOORS: (usize, usize) = (47, 47);

/// Verdicts and exact clause sets of the fifth blind corpus now. First run (2026-12-06, before any
/// change made after scoring it): 35/44 verdicts (5 material changes missed, 4 false alarms), 28/44
/// exact. Its failures were then read and fixed by general rules (entries taken out of a denial, a
/// ground for refusing requests added, a condition joined to a right's ground, `无权`, `等信息`
/// closing a list, a kit's name written out, a partner as a source, a quoted heading, `train* …
/// model*`), so it is *tuned* now.
const BLIND5_FLOORS: (usize, usize) = (44, 42);
