//! One test per lint rule: a draft broken in exactly one way gives exactly one new finding, with the
//! rule id, the file and the line.

use std::collections::BTreeSet;

use crate::harness::{Project, run_in};

type Finding = (String, String, String, u64);

fn findings(p: &Project) -> (i32, BTreeSet<Finding>) {
    findings_with(p, &[])
}

fn findings_with(p: &Project, env: &[(&str, &str)]) -> (i32, BTreeSet<Finding>) {
    let run = run_in(p.path(), &["check", "--format", "json"], env);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["schema"], "policyc.check/1");
    let set = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["level"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    (run.code, set)
}

const D: &str = "content/versions/2026-12-01";

/// Breaks a fresh draft with `mutate`; asserts exactly one new finding with `rule`, `level`, `file`
/// and the line where `marker` first occurs in the broken file.
#[track_caller]
fn one_new_finding(mutate: impl FnOnce(&Project), rule: &str, level: &str, file: &str, marker: &str) {
    let p = Project::sample_with_draft();
    let (code, before) = findings(&p);
    assert_eq!(code, 0, "the shipped content has only warnings: {before:?}");
    mutate(&p);
    let (code, after) = findings(&p);
    let new: Vec<&Finding> = after.difference(&before).collect();
    assert_eq!(new.len(), 1, "expected one new finding, got {new:#?}");
    let text = p.read(file);
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} not in {file}"));
    let line = text[..at].matches('\n').count() as u64 + 1;
    let (r, l, f, n) = new[0];
    assert_eq!(
        (r.as_str(), l.as_str(), f.as_str(), *n),
        (rule, level, file, line),
        "{new:?}"
    );
    assert_eq!(code, if level == "error" { 1 } else { 0 });
}

#[test]
fn the_shipped_content_passes() {
    let p = Project::sample();
    let (code, found) = findings(&p);
    assert_eq!(code, 0);
    assert!(
        found
            .iter()
            .all(|(rule, level, _, _)| rule == "fact-not-stated" && level == "warning"),
        "{found:#?}"
    );
}

#[test]
fn section_empty() {
    one_new_finding(
        |p| {
            let file = format!("{D}/zh-CN/06-minors.md");
            let text = p.read(&file);
            let end = text[3..].find("+++").unwrap() + 6;
            p.write(&file, &format!("{}\n\n", &text[..end]));
        },
        "section-empty",
        "error",
        &format!("{D}/zh-CN/06-minors.md"),
        "+++\n\n",
    );
}

#[test]
fn placeholder_text() {
    one_new_finding(
        |p| p.edit(&format!("{D}/zh-CN/06-minors.md"), "未成年人", "TODO 未成年人"),
        "placeholder-text",
        "error",
        &format!("{D}/zh-CN/06-minors.md"),
        "TODO",
    );
}

#[test]
fn prose_contains_fact() {
    one_new_finding(
        |p| {
            // inside a paragraph of its own: a paragraph more would be a locale-parity finding too
            p.edit(
                &format!("{D}/zh-CN/09-contact.md"),
                "进行举报；",
                "进行举报（邮箱 app@smallrig.com）；",
            )
        },
        "prose-contains-fact",
        "error",
        &format!("{D}/zh-CN/09-contact.md"),
        "app@",
    );
}

#[test]
fn link_unresolved() {
    one_new_finding(
        |p| p.edit(&format!("{D}/zh-CN/00-preamble.md"), "(#minors)", "(#children)"),
        "link-unresolved",
        "error",
        &format!("{D}/zh-CN/00-preamble.md"),
        "- [六",
    );
}

#[test]
fn fact_format() {
    one_new_finding(
        |p| {
            p.edit(
                &format!("{D}/facts.toml"),
                "email = \"app@smallrig.com\"",
                "email = \"app@smallrig\"",
            )
        },
        "fact-format",
        "error",
        &format!("{D}/facts.toml"),
        "email =",
    );
}

#[test]
fn required_facts() {
    one_new_finding(
        |p| {
            p.edit(
                &format!("{D}/facts.toml"),
                "response_days = 30",
                "response_days = \"not_stated\"",
            )
        },
        "required-facts",
        "error",
        &format!("{D}/facts.toml"),
        "response_days",
    );
}

/// Required facts left out of facts.toml altogether are findings, every one in the same run (not a
/// load error that stops at the first).
#[test]
fn required_facts_left_out_are_all_listed() {
    let p = Project::sample_with_draft();
    let facts = p.read(&format!("{D}/facts.toml"));
    let without: String = facts
        .lines()
        .filter(|l| !l.starts_with("phone =") && !l.starts_with("email ="))
        .collect::<Vec<_>>()
        .join("\n");
    let start = without
        .find("[retention]")
        .expect("the sample states its retention");
    let end = start + without[start..].find("\n[").expect("a table follows [retention]") + 1;
    p.write(
        &format!("{D}/facts.toml"),
        &format!("{}{}", &without[..start], &without[end..]),
    );
    let run = p.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let required: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["rule"] == "required-facts" && f["file"].as_str().is_some_and(|x| x.contains("2026-12-01"))
        })
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        required.iter().any(|m| m.contains("retention.period"))
            && required
                .iter()
                .any(|m| m.contains("email") || m.contains("contact")),
        "{required:#?}"
    );
}

#[test]
fn fact_unshown() {
    one_new_finding(
        |p| {
            let facts = p.read(&format!("{D}/facts.toml"));
            p.write(&format!("{D}/facts.toml"), &format!("{facts}\n[[rights]]\nid = \"portability\"\nname = {{ en = \"Data portability\", zh-CN = \"个人信息转移\" }}\nhow = {{ en = \"Ask customer service.\", zh-CN = \"请联系客服。\" }}\n").replacen("\n[[rights]]\nid = \"portability\"", "\n[[rights]]\nid = \"portability\"", 1));
        },
        "fact-unshown",
        "error",
        &format!("{D}/facts.toml"),
        "id = \"portability\"",
    );
}

#[test]
fn fact_not_stated() {
    one_new_finding(
        |p| {
            p.edit(
                &format!("{D}/facts.toml"),
                "phone = \"0755-28283350\"",
                "phone = \"not_stated\"",
            )
        },
        "fact-not-stated",
        "warning",
        &format!("{D}/facts.toml"),
        "phone =",
    );
}

#[test]
fn version_dates() {
    one_new_finding(
        |p| {
            p.edit(
                &format!("{D}/version.toml"),
                "effective = 2026-12-01",
                "effective = 2020-01-01",
            )
        },
        "version-dates",
        "error",
        &format!("{D}/version.toml"),
        "effective",
    );
}

#[test]
fn levels_come_from_policy_toml() {
    let p = Project::sample_with_draft();
    p.edit(
        &format!("{D}/facts.toml"),
        "email = \"app@smallrig.com\"",
        "email = \"app@smallrig\"",
    );
    assert_eq!(findings(&p).0, 1);
    let policy = p.read("content/policy.toml");
    p.write(
        "content/policy.toml",
        &format!("{policy}fact-format = \"warning\"\n"),
    );
    let (code, found) = findings(&p);
    assert_eq!(code, 0, "lowered to a warning");
    assert!(
        found
            .iter()
            .any(|(r, l, _, _)| r == "fact-format" && l == "warning")
    );
    p.write("content/policy.toml", &format!("{policy}fact-format = \"off\"\n"));
    assert!(!findings(&p).1.iter().any(|(r, _, _, _)| r == "fact-format"));
    p.write(
        "content/policy.toml",
        &format!("{policy}no-such-rule = \"off\"\n"),
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("policy.toml") && run.stderr.contains("unknown lint rule `no-such-rule`"),
        "{}",
        run.stderr
    );
}

/// A text both versions share is parsed once, yet each copy's findings name its own file.
#[test]
fn shared_text_findings_name_each_file() {
    let p = Project::sample_with_draft();
    let (_, before) = findings(&p);
    for v in ["content/versions/2022-10-19", D] {
        p.edit(
            &format!("{v}/zh-CN/09-contact.md"),
            "{{> contact-block contact }}",
            "邮箱 app@smallrig.com\n\n{{> contact-block contact }}",
        );
    }
    // one worker: the second version meets the first one's texts already parsed
    let (_, after) = findings_with(&p, &[("POLICYC_JOBS", "1")]);
    let files: BTreeSet<&str> = after.difference(&before).map(|f| f.2.as_str()).collect();
    assert_eq!(
        files,
        BTreeSet::from([
            "content/versions/2022-10-19/zh-CN/09-contact.md",
            "content/versions/2026-12-01/zh-CN/09-contact.md",
        ])
    );
}
