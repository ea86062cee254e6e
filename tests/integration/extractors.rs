//! The fact extractors that read prose (emails, phone numbers, postal addresses, durations,
//! organisations) against sentences of real policies labelled by a reader who never saw their
//! output (`tests/corpus/sentences/`). Precision and recall per fact type and language, with floors.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::harness::repo;

#[derive(Deserialize)]
struct Sentence {
    lang: String,
    text: String,
    facts: BTreeMap<String, serde_json::Value>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

fn alnum(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Scores found against labelled, `same` deciding whether a found item is a labelled one.
fn score(found: &[String], labelled: &[String], same: impl Fn(&str, &str) -> bool, c: &mut Counts) {
    let hit = |f: &String| labelled.iter().any(|l| same(f, l));
    c.tp += labelled
        .iter()
        .filter(|l| found.iter().any(|f| same(f, l)))
        .count();
    c.fn_ += labelled
        .iter()
        .filter(|l| !found.iter().any(|f| same(f, l)))
        .count();
    c.fp += found.iter().filter(|f| !hit(f)).count();
}

fn strings(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| match x {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    serde_json::Value::Object(o) => {
                        o.get("name").and_then(|n| n.as_str()).map(str::to_string)
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn extractors_on_labelled_sentences() {
    let text = std::fs::read_to_string(repo().join("tests/corpus/sentences/labels.jsonl")).expect("labels");
    let mut counts: BTreeMap<(&'static str, String), Counts> = BTreeMap::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let s: Sentence = serde_json::from_str(line).expect("a labelled sentence");
        n += 1;
        let lang = s.lang.clone();
        score(
            &policyc::classify::emails(&s.text),
            &strings(s.facts.get("email"))
                .iter()
                .map(|e| e.to_lowercase())
                .collect::<Vec<_>>(),
            |f, l| f == l,
            counts.entry(("email", lang.clone())).or_default(),
        );
        score(
            &policyc::classify::phones(&s.text),
            &strings(s.facts.get("phone")),
            |f, l| f.ends_with(l) || l.ends_with(f),
            counts.entry(("phone", lang.clone())).or_default(),
        );
        score(
            &policyc::classify::addresses(&s.text),
            &strings(s.facts.get("address")),
            |f, l| alnum(l).contains(&alnum(f)),
            counts.entry(("address", lang.clone())).or_default(),
        );
        score(
            &policyc::classify::durations(&s.text)
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>(),
            &strings(s.facts.get("duration_days")),
            |f, l| f == l,
            counts.entry(("duration", lang.clone())).or_default(),
        );
        score(
            &policyc::classify::places(&s.text)
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>(),
            &strings(s.facts.get("country")),
            |f, l| alnum(f) == alnum(l),
            counts.entry(("country", lang.clone())).or_default(),
        );
        score(
            &policyc::classify::companies(&s.text),
            &strings(s.facts.get("organisation")),
            |f, l| {
                let (f, l) = (alnum(f), alnum(l));
                !f.is_empty() && (f == l || l.contains(&f) || f.contains(&l))
            },
            counts.entry(("organisation", lang)).or_default(),
        );
    }
    let mut table = format!(
        "{n} sentences\n| fact | lang | labelled | found right | precision | recall |\n|---|---|---|---|---|---|\n"
    );
    for ((kind, lang), k) in &counts {
        let _ = writeln!(
            table,
            "| {kind} | {lang} | {} | {} | {:.2} | {:.2} |",
            k.tp + k.fn_,
            k.tp,
            k.precision(),
            k.recall()
        );
    }
    eprintln!("{table}");
    assert!(n >= 300, "{n} sentences");
    for ((kind, lang), k) in &counts {
        let (p, r) = floor(kind, lang);
        assert!(
            k.precision() >= p && k.recall() >= r,
            "{kind} ({lang}): precision {:.2} (floor {p}), recall {:.2} (floor {r})\n{table}",
            k.precision(),
            k.recall()
        );
    }
}

/// Floors at the figures measured (README "Measured quality"); the target is precision 0.95 and
/// recall 0.90 for every type. First run, before any change made after seeing these sentences:
/// address en 1.00/0.62, zh 0.73/0.57; duration en 0.98/1.00, zh 0.92/1.00; email en 1.00/1.00,
/// zh 0.67/0.67; organisation en 0.93/0.38, zh 1.00/0.60; phone en 0.88/1.00, zh 0.75/0.75;
/// country (its first run came later, with the extractor) en 1.00/0.97, zh 0.80/0.93. Now: Chinese
/// organisations 1.00/0.64 (有限责任公司 and bracketed places read); English organisations
/// 0.93/0.43 (authorities named by their head word).
fn floor(kind: &str, lang: &str) -> (f64, f64) {
    match (kind, lang) {
        ("address", "en") => (0.95, 0.7),
        ("address", _) => (0.7, 0.55),
        ("country", "en") => (0.95, 0.95),
        ("country", _) => (0.75, 0.9),
        ("duration", "en") => (0.95, 0.95),
        ("duration", _) => (0.9, 0.95),
        ("email", _) => (0.95, 0.95),
        ("organisation", "en") => (0.9, 0.42),
        ("organisation", _) => (0.95, 0.62),
        ("phone", "en") => (0.95, 0.95),
        ("phone", _) => (0.95, 0.7),
        _ => panic!("no floor for {kind} ({lang}): every measured type has one"),
    }
}
