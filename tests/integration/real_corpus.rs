//! The real-pairs corpus (`tests/corpus/real/`): consecutive published versions of other
//! companies' privacy policies, labelled under `LABELLING.md` by readers who never saw policyc's
//! output, split by company into a tuning part and a test part before any tuning.
//!
//! Scoring, as the labelling guide defines it: a verdict is right when `material` agrees (a label
//! of `null` accepts either); a clause set is exact when the verdict is right and the answer holds
//! every clause of `clauses` and nothing outside `clauses` ∪ `also_ok`; `requires_consent` is
//! compared with `limits_rights`. Run with `--nocapture` to see the score table
//! (`FIRST_RUN.md` keeps the test part's first one).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::harness::{repo, run_in};

/// The six clauses of §VIII.
const CLAUSES: [&str; 6] = ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    material: Option<bool>,
    clauses: Vec<String>,
    also_ok: Vec<String>,
    limits_rights: bool,
    note: String,
}

#[derive(Deserialize)]
struct Meta {
    company: String,
    language: String,
    source_repo: String,
    old_commit: Option<String>,
    new_commit: Option<String>,
}

/// Counts of one binary decision.
#[derive(Default, Clone, Copy)]
struct Confusion {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Confusion {
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The score of one part of the corpus.
#[derive(Default)]
struct Score {
    n: usize,
    zh: usize,
    verdicts: usize,
    exact: usize,
    /// labelled material
    labelled_material: usize,
    /// labelled material, answered not material: the misses a lawyer cannot forgive
    missed: usize,
    /// labelled not material, answered material
    false_alarms: usize,
    clauses: BTreeMap<&'static str, Confusion>,
    consent: Confusion,
    wrong: Vec<String>,
}

impl Score {
    fn table(&self, title: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{title}: {} pairs ({} zh)\n\nverdicts {}/{} · exact clause sets {}/{} · missed material {}/{} · false alarms {}\n",
            self.n,
            self.zh,
            self.verdicts,
            self.n,
            self.exact,
            self.n,
            self.missed,
            self.labelled_material,
            self.false_alarms
        );
        let _ = writeln!(
            s,
            "| clause | labelled | found | precision | recall |\n|---|---|---|---|---|"
        );
        for (c, k) in &self.clauses {
            let _ = writeln!(
                s,
                "| {c} | {} | {} | {:.2} | {:.2} |",
                k.tp + k.fn_,
                k.tp,
                k.precision(),
                k.recall()
            );
        }
        let k = self.consent;
        let _ = writeln!(
            s,
            "| consent (limits_rights) | {} | {} | {:.2} | {:.2} |",
            k.tp + k.fn_,
            k.tp,
            k.precision(),
            k.recall()
        );
        s
    }
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Runs `policyc diff --format json` on every pair of a part and scores it against its labels.
fn score_part(part: &str) -> Score {
    score_folder(&repo().join("tests/corpus/real").join(part))
}

/// [`score_part`] for any folder of labelled pairs laid out as the corpus's parts are.
fn score_folder(dir: &Path) -> Score {
    let labels: BTreeMap<String, Label> =
        serde_json::from_str(&fs::read_to_string(dir.join("labels.json")).expect("labels.json"))
            .expect("labels parse");
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut score = Score {
        clauses: CLAUSES.iter().map(|&c| (c, Confusion::default())).collect(),
        ..Score::default()
    };
    for (name, label) in &labels {
        let pair = dir.join(name);
        let zh = check_provenance(&pair, name, label);
        let (old, new) = (pair.join("old.md"), pair.join("new.md"));
        let run = run_in(
            tmp.path(),
            &[
                "diff",
                old.to_str().expect("utf-8 path"),
                new.to_str().expect("utf-8 path"),
                "--format",
                "json",
            ],
            &[],
        );
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let got: serde_json::Value = serde_json::from_str(&run.stdout).expect("diff JSON");
        let clauses = strings(&got["clauses"]);
        let material = got["material"].as_bool().expect("material");
        let consent = got["requires_consent"].as_bool().expect("requires_consent");
        score.n += 1;
        score.zh += usize::from(zh);
        let verdict = label.material.is_none_or(|m| m == material);
        let exact = verdict
            && label.clauses.iter().all(|c| clauses.contains(c))
            && clauses
                .iter()
                .all(|c| label.clauses.contains(c) || label.also_ok.contains(c));
        score.verdicts += usize::from(verdict);
        score.exact += usize::from(exact);
        score.labelled_material += usize::from(label.material == Some(true));
        score.missed += usize::from(label.material == Some(true) && !material);
        score.false_alarms += usize::from(label.material == Some(false) && material);
        for c in CLAUSES {
            let k = score.clauses.get_mut(c).expect("every clause");
            let (want, ok, has) = (
                label.clauses.iter().any(|x| x == c),
                label.also_ok.iter().any(|x| x == c),
                clauses.iter().any(|x| x == c),
            );
            match (want, has) {
                (true, true) => k.tp += 1,
                (true, false) => k.fn_ += 1,
                (false, true) if !ok => k.fp += 1,
                _ => {}
            }
        }
        match (label.limits_rights, consent) {
            (true, true) => score.consent.tp += 1,
            (true, false) => score.consent.fn_ += 1,
            (false, true) => score.consent.fp += 1,
            (false, false) => {}
        }
        if !exact || label.limits_rights != consent {
            score.wrong.push(format!(
                "{name}: want {:?} (also ok {:?}) consent={} got {clauses:?} consent={consent} — {}",
                label.clauses, label.also_ok, label.limits_rights, label.note
            ));
        }
    }
    score
}

/// Every pair carries its provenance, and its label is well formed. Returns whether the pair is
/// Chinese.
fn check_provenance(pair: &Path, name: &str, label: &Label) -> bool {
    let meta: Meta = serde_json::from_str(&fs::read_to_string(pair.join("meta.json")).expect("meta.json"))
        .unwrap_or_else(|e| panic!("{name}: meta.json: {e}"));
    assert!(
        !meta.company.is_empty() && !meta.source_repo.is_empty(),
        "{name}: provenance"
    );
    assert!(
        meta.old_commit.is_some() || meta.new_commit.is_some(),
        "{name}: no commit"
    );
    // the corpus's Chinese pairs are numbered from 200, the fresh sets' from 319, 423, 524, 623,
    // 723, 823, 923, 1023, 1123, 1223, 1323, 1423, 1523 and 1623
    let number = name.split('-').next().and_then(|n| n.parse::<u32>().ok());
    let numbered_zh = match number {
        Some(n @ 1600..) => n >= 1623,
        Some(n @ 1500..) => n >= 1523,
        Some(n @ 1400..) => n >= 1423,
        Some(n @ 1300..) => n >= 1323,
        Some(n @ 1200..) => n >= 1223,
        Some(n @ 1100..) => n >= 1123,
        Some(n @ 1000..) => n >= 1023,
        Some(n @ 900..) => n >= 923,
        Some(n @ 800..) => n >= 823,
        Some(n @ 700..) => n >= 723,
        Some(n @ 600..) => n >= 623,
        Some(n @ 500..) => n >= 524,
        Some(n @ 400..) => n >= 423,
        Some(n @ 300..) => n >= 319,
        _ => name.starts_with('2'),
    };
    assert_eq!(meta.language.starts_with("zh"), numbered_zh, "{name}: language");
    assert!(!label.note.is_empty(), "{name}: a label names its evidence");
    for c in label.clauses.iter().chain(&label.also_ok) {
        assert!(CLAUSES.contains(&c.as_str()), "{name}: unknown clause {c}");
    }
    assert!(
        label.material != Some(false) || label.clauses.is_empty(),
        "{name}: not material but clauses required"
    );
    assert!(
        label.material != Some(true) || !label.clauses.is_empty(),
        "{name}: material without a clause"
    );
    meta.language.starts_with("zh")
}

/// The corpus is what the issue asks for, and the split is by company: no company in both parts.
#[test]
fn real_corpus_shape_and_split() {
    let root = repo().join("tests/corpus/real");
    let mut companies: BTreeMap<&str, std::collections::BTreeSet<String>> = BTreeMap::new();
    let (mut n, mut zh, mut material) = (0, 0, 0);
    for part in ["tune", "test"] {
        let labels: BTreeMap<String, Label> = serde_json::from_str(
            &fs::read_to_string(root.join(part).join("labels.json")).expect("labels.json"),
        )
        .expect("labels parse");
        for (name, label) in &labels {
            let meta: Meta = serde_json::from_str(
                &fs::read_to_string(root.join(part).join(name).join("meta.json")).expect("meta"),
            )
            .expect("meta parses");
            companies.entry(part).or_default().insert(meta.company);
            n += 1;
            zh += usize::from(name.starts_with('2'));
            material += usize::from(label.material == Some(true));
        }
    }
    let (tune, test) = (&companies["tune"], &companies["test"]);
    assert!(
        tune.is_disjoint(test),
        "a company in both parts: {:?}",
        tune.intersection(test)
    );
    assert!(
        n >= 150 && tune.len() + test.len() >= 40 && zh >= 20,
        "{n} pairs, {zh} zh"
    );
    assert!(material * 100 >= n * 40, "{material}/{n} material");
}

/// Floors on the tuning part (the classifier may be tuned on it; rules still need a source).
#[test]
fn real_corpus_tuning_part() {
    let s = score_part("tune");
    eprintln!("{}\n{}", s.table("tuning part"), s.wrong.join("\n"));
    assert!(s.n >= 100);
    assert_floors(&s, FLOORS_TUNE);
}

/// Floors on the test part, scored once before any change made after seeing it (`FIRST_RUN.md`).
#[test]
fn real_corpus_test_part() {
    let s = score_part("test");
    // the table only: which test pairs fail stays unseen, so the part keeps estimating text
    // nobody here tuned on
    eprintln!("{}", s.table("test part"));
    assert!(s.n >= 50);
    assert_floors(&s, FLOORS_TEST);
}

/// The fresh set (`tests/corpus/real-fresh/`, 24 pairs of 16 companies in none of the corpora,
/// labelled blind in session 14): scored as the test part is, the table only. First run in its
/// README; the floors keep today's figures.
#[test]
fn real_fresh_set() {
    score_fresh("real-fresh", "fresh set", 24, FLOORS_FRESH);
}

/// The second fresh set (`tests/corpus/real-fresh2/`, 30 pairs of 20 companies in none of the
/// other corpora, labelled blind in session 15, *tuned* since): the table only. First run in its
/// README; the floors keep today's figures.
#[test]
fn real_fresh2_set() {
    score_fresh("real-fresh2", "second fresh set", 30, FLOORS_FRESH2);
}

/// The third fresh set (`tests/corpus/real-fresh3/`, 30 pairs of 22 companies in none of the
/// other corpora, labelled blind in session 15 and scored once at its end, *tuned* since): the
/// table only. First run in its README.
#[test]
fn real_fresh3_set() {
    score_fresh("real-fresh3", "third fresh set", 30, FLOORS_FRESH3);
}

/// The fourth fresh set (`tests/corpus/real-fresh4/`, 30 pairs of 22 companies in none of the
/// other corpora, labelled blind in session 16 and scored once at its start, *tuned* since): the
/// table only. First run in its README.
#[test]
fn real_fresh4_set() {
    score_fresh("real-fresh4", "fourth fresh set", 30, FLOORS_FRESH4);
}

/// The fifth fresh set (`tests/corpus/real-fresh5/`, 30 pairs of 23 companies in none of the
/// other corpora, labelled blind in session 16 and scored once at its end, *tuned* since): the
/// table only. First run in its README.
#[test]
fn real_fresh5_set() {
    score_fresh("real-fresh5", "fifth fresh set", 30, FLOORS_FRESH5);
}

/// The sixth fresh set (`tests/corpus/real-fresh6/`, 30 pairs of 28 companies in none of the
/// other corpora, labelled blind in session 17 and scored once on a4e534a7, before any change
/// made after it arrived, *tuned* since): the table only. First run in its README.
#[test]
fn real_fresh6_set() {
    score_fresh("real-fresh6", "sixth fresh set", 30, FLOORS_FRESH6);
}

/// The seventh fresh set (`tests/corpus/real-fresh7/`, 30 pairs of 30 companies in none of the
/// other corpora, labelled blind in session 17 and scored once on 002abef6, before any change made
/// after it arrived, *tuned* since): the table only. First run in its README.
#[test]
fn real_fresh7_set() {
    score_fresh("real-fresh7", "seventh fresh set", 30, FLOORS_FRESH7);
}

/// The eighth fresh set (`tests/corpus/real-fresh8/`, 30 pairs of 30 companies in none of the
/// other corpora, labelled blind in session 18 and scored once on dbe38892, before any change made
/// after it arrived, *tuned* since): the table only. First run in its README.
#[test]
fn real_fresh8_set() {
    score_fresh("real-fresh8", "eighth fresh set", 30, FLOORS_FRESH8);
}

/// The ninth fresh set (`tests/corpus/real-fresh9/`, 30 pairs of 30 companies in none of the
/// other corpora, labelled blind in session 18 and scored once on 10a4c60f, before any change made
/// after it arrived, *tuned* since): the table only. First run in its README.
#[test]
fn real_fresh9_set() {
    score_fresh("real-fresh9", "ninth fresh set", 30, FLOORS_FRESH9);
}

/// The tenth fresh set (`tests/corpus/real-fresh10/`, 30 pairs of 30 companies in none of the
/// other corpora, labelled blind in session 19 and scored once on e69f6f02, before any change made
/// after it arrived, *tuned* since): the table only. First run in its README.
#[test]
fn real_fresh10_set() {
    score_fresh("real-fresh10", "tenth fresh set", 30, FLOORS_FRESH10);
}

/// The eleventh fresh set (`tests/corpus/real-fresh11/`, 29 pairs of 29 companies in none of the
/// other corpora, labelled blind in session 20 and scored once on 60a69c9e, before any change made
/// after it arrived, *tuned* since): the table only. First run in its README.
#[test]
fn real_fresh11_set() {
    score_fresh("real-fresh11", "eleventh fresh set", 29, FLOORS_FRESH11);
}

/// The twelfth fresh set (`tests/corpus/real-fresh12/`, 30 pairs of 30 companies in none of the
/// other corpora, labelled blind in session 20 and scored once on 63cfbd8f, before any change made
/// after it arrived, *tuned* since): the table only. First run in its README.
#[test]
fn real_fresh12_set() {
    score_fresh("real-fresh12", "twelfth fresh set", 30, FLOORS_FRESH12);
}

/// The thirteenth fresh set (`tests/corpus/real-fresh13/`, 27 pairs of 27 companies in none of
/// the other corpora, labelled blind in session 21 and scored once on 707a6df2, before any change
/// made after it arrived, *tuned* since): the table only. First run in its README.
#[test]
fn real_fresh13_set() {
    score_fresh("real-fresh13", "thirteenth fresh set", 27, FLOORS_FRESH13);
}

/// The fourteenth fresh set (`tests/corpus/real-fresh14/`, 27 pairs of 27 companies in none of
/// the other corpora, labelled blind in session 22 and scored once on e40da5f9, before any change
/// made after it arrived): the table only. First run in its README.
#[test]
fn real_fresh14_set() {
    score_fresh("real-fresh14", "fourteenth fresh set", 27, FLOORS_FRESH14);
}

/// Scores a fresh set of labelled pairs (`tests/corpus/<folder>/`, at least `pairs` of them) and
/// prints its table only.
fn score_fresh(folder: &str, title: &str, pairs: usize, floors: Floors) {
    let s = score_folder(&repo().join("tests/corpus").join(folder));
    eprintln!("{}", s.table(title));
    assert!(s.n >= pairs, "{folder}: {} pairs", s.n);
    assert_floors(&s, floors);
}

/// Minimum shares: verdicts, exact clause sets, material recall (of pairs labelled material, the
/// share answered material), consent recall and precision.
struct Floors {
    verdicts: f64,
    exact: f64,
    material_recall: f64,
    consent_recall: f64,
    consent_precision: f64,
}

/// First run 111/136, 79/136, 66/75, consent 10/12; now 130/136, 112/136, 75/75, consent 10/12 at
/// precision 10/15 (it was 10/12 at 10/29, while any rights text taken out counted as a right taken
/// away, even when the right stayed stated elsewhere).
const FLOORS_TUNE: Floors = Floors {
    verdicts: 0.94,
    exact: 0.8,
    material_recall: 0.98,
    consent_recall: 0.66,
    consent_precision: 0.55,
};

/// First run (`FIRST_RUN.md`) 53/63, 34/63, 25/28, consent 5/5; now 57/63, 47/63, 25/28, consent
/// 4/5 at precision 4/5 (it was 5/5 at 5/11 before rights were read as kinds). Exact clause sets
/// were 48/63 until organisations named by brand alone became recipients (session 12): the rule
/// changed nothing on the tuning part and one test pair's clause set, not its verdict; it is kept
/// because a named processor swapped (`Amazon Web Services` → `Hetzner Online`) went unnoticed
/// without it.
const FLOORS_TEST: Floors = Floors {
    verdicts: 0.9,
    exact: 0.74,
    material_recall: 0.89,
    consent_recall: 0.8,
    consent_precision: 0.8,
};

/// The fresh set's floors: its first run (README), 21/24, 15/24, 12/14, consent 2/2 at 2/2.
const FLOORS_FRESH: Floors = Floors {
    verdicts: 0.87,
    exact: 0.62,
    material_recall: 0.85,
    consent_recall: 1.0,
    consent_precision: 1.0,
};

/// The second fresh set's floors: first run (README) 27/30, 17/30, 18/19, consent 0/2 with no
/// false consent; now, after its failures were read (session 15), 29/30, 24/30, 18/19, consent 1/2
/// at 1/1.
const FLOORS_FRESH2: Floors = Floors {
    verdicts: 0.96,
    exact: 0.8,
    material_recall: 0.94,
    consent_recall: 0.5,
    consent_precision: 1.0,
};

/// The third fresh set's floors: first run (README) 22/30, 16/30, 14/18, consent 1/2 at 1/3; now,
/// after its failures were read (session 15: a street written as one word with its name, a Latin
/// name in a Chinese list of third parties, a request form moved within its provider's site;
/// session 16: a passage newly saying requests may be declined, an entry coordinated into a
/// processor's purpose), 26/30, 20/30, 17/18, consent 2/2 at 2/4.
const FLOORS_FRESH3: Floors = Floors {
    verdicts: 0.86,
    exact: 0.66,
    material_recall: 0.94,
    consent_recall: 1.0,
    consent_precision: 0.5,
};

/// The fourth fresh set's floors: first run (README) 25/30, 22/30, 16/16, consent 1/1 at 1/2;
/// now, after its failures were read (session 16: list markers that became bullets, a security
/// subsection, a product the policy covers, a breach's high risk, a promise not to share), 27/30,
/// 25/30, 16/16, consent 1/1 at 1/1; since session 19 at 1/2: 620's rewrite takes out the way
/// to opt out of marketing e-mails while it still markets on consent (the unsubscribe right, GDPR
/// Art. 21(2)), which the labeller did not count as limiting.
const FLOORS_FRESH4: Floors = Floors {
    verdicts: 0.9,
    exact: 0.83,
    material_recall: 1.0,
    consent_recall: 1.0,
    consent_precision: 0.5,
};

/// The fifth fresh set's floors: its first run (README) was 27/30, 20/30, 16/16, consent 0/1 (none
/// flagged); now, after its failures were read (session 17: a web address is no list entry, a
/// one-line link bar is chrome, a table of recipients names them), 29/30, 23/30, 16/16, consent
/// 0/1.
const FLOORS_FRESH5: Floors = Floors {
    verdicts: 0.96,
    exact: 0.76,
    material_recall: 1.0,
    consent_recall: 0.0,
    consent_precision: 0.0,
};

/// The sixth fresh set's floors: its first run (README) was 25/30, 21/30, 17/17, consent 1/1 at
/// precision 1/2; now, after its failures were read (session 17: a table of contents of in-page
/// links, flips of one sentence, courts and arbitration bodies, a title line above kept text),
/// 26/30, 23/30, 17/17, consent 1/1 at 1/2.
const FLOORS_FRESH6: Floors = Floors {
    verdicts: 0.86,
    exact: 0.76,
    material_recall: 1.0,
    consent_recall: 1.0,
    consent_precision: 0.5,
};

/// The seventh fresh set's floors: its first run (README) was 28/30, 23/30, 10/12, consent 1/1 at
/// precision 1/2; now, after its failures were read (session 17: obfuscated emails, a passage on
/// where data is kept, the old controller taken out; session 18: an app's own update checks,
/// `服务器` alone no transfer, a heading's `access` a right only as the reader's), 30/30, 29/30,
/// 12/12, consent 1/1 at 1/2.
const FLOORS_FRESH7: Floors = Floors {
    verdicts: 1.0,
    exact: 0.96,
    material_recall: 1.0,
    consent_recall: 1.0,
    consent_precision: 0.5,
};

/// The eighth fresh set's floors: its first run (README) was 26/30, 22/30, 15/15, consent 1/1 at
/// precision 1/2; now, after its failures were read (session 18: archived and Cloudflare-hidden
/// link targets, a builder's credit, deletion ending a retention period, 复制 as a copied text),
/// 27/30, 25/30, 15/15, consent 1/1 at 1/1.
const FLOORS_FRESH8: Floors = Floors {
    verdicts: 0.9,
    exact: 0.83,
    material_recall: 1.0,
    consent_recall: 1.0,
    consent_precision: 1.0,
};

/// The ninth fresh set's floors: its first run (README) was 26/30, 17/30, 16/17, consent 0/2; now,
/// after its failures were read (session 18: behavioural advertising, Finnish street names, an
/// address swapped in its passage), 27/30, 18/30, 17/17, consent 0/2; session 21: 19/30 exact (a
/// Latin name against Chinese characters).
const FLOORS_FRESH9: Floors = Floors {
    verdicts: 0.9,
    exact: 0.6,
    material_recall: 1.0,
    consent_recall: 0.0,
    consent_precision: 0.0,
};

/// The tenth fresh set's floors: its first run (e69f6f02) 24/30, 22/30, missed 3/13, consent 0/1;
/// now, after its failures were read (session 19: a Baltic street, a recipient taken out of the
/// list shared with, the list of installed apps, text a wrong encoding garbled), 28/30, 26/30,
/// 0/13.
const FLOORS_FRESH10: Floors = Floors {
    verdicts: 0.93,
    exact: 0.86,
    material_recall: 1.0,
    consent_recall: 0.0,
    consent_precision: 0.0,
};

/// The eleventh fresh set's floors: its first run (60a69c9e) 27/29, 21/29, missed 1/13, no
/// rights-limiting pair; now, after its failures were read (session 20: text a capture indented,
/// a new source of data, the company "we" refers to, updating one's data, opt-outs of a new
/// processing), 28/29, 25/29, 0/13.
const FLOORS_FRESH11: Floors = Floors {
    verdicts: 0.96,
    exact: 0.86,
    material_recall: 1.0,
    consent_recall: 0.0,
    consent_precision: 0.0,
};

/// The twelfth fresh set's floors: its first run (63cfbd8f) 26/30, 23/30, missed 2/11, consent
/// 1/1 at precision 1; now 26/30, 25/30 (a list of third-party services we use names recipients;
/// access written with another right).
const FLOORS_FRESH12: Floors = Floors {
    verdicts: 0.86,
    exact: 0.83,
    material_recall: 0.81,
    consent_recall: 1.0,
    consent_precision: 1.0,
};

/// The thirteenth fresh set's floors: its first run (707a6df2) 24/27, 21/27, missed 0/11, no
/// rights-limiting pair; now 24/27, 22/27 (a Latin name against Chinese characters, `由Apple处理`).
const FLOORS_FRESH13: Floors = Floors {
    verdicts: 0.88,
    exact: 0.81,
    material_recall: 1.0,
    consent_recall: 0.0,
    consent_precision: 0.0,
};

/// The fourteenth fresh set's floors: its first run (e40da5f9) 25/27, 20/27, missed 0/10, no
/// rights-limiting pair.
const FLOORS_FRESH14: Floors = Floors {
    verdicts: 0.92,
    exact: 0.74,
    material_recall: 1.0,
    consent_recall: 0.0,
    consent_precision: 0.0,
};

fn assert_floors(s: &Score, f: Floors) {
    let verdicts = ratio(s.verdicts, s.n);
    let exact = ratio(s.exact, s.n);
    assert!(verdicts >= f.verdicts, "verdicts {verdicts:.2} < {}", f.verdicts);
    assert!(exact >= f.exact, "exact {exact:.2} < {}", f.exact);
    let material_recall = 1.0 - ratio(s.missed, s.labelled_material);
    assert!(
        material_recall >= f.material_recall,
        "material recall {material_recall:.2}"
    );
    assert!(
        s.consent.recall() >= f.consent_recall,
        "consent recall {:.2} < {}",
        s.consent.recall(),
        f.consent_recall
    );
    assert!(
        s.consent.precision() >= f.consent_precision,
        "consent precision {:.2} < {}",
        s.consent.precision(),
        f.consent_precision
    );
}
