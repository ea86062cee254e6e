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
    source: String,
    text: String,
    facts: BTreeMap<String, serde_json::Value>,
}

/// The two halves of the set, by the company whose policy a sentence comes from: tuning (its misses
/// may be read and the extractors tuned on them) and test (scored only; its misses are never shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Tune,
    Test,
}

impl Part {
    fn as_str(self) -> &'static str {
        match self {
            Part::Tune => "tune",
            Part::Test => "test",
        }
    }
}

/// The company of a source path: `tune/036-coinbase/new.md` → `coinbase`, `zh-policies/xiaomi.md`
/// → `xiaomi`; a path of any other shape is its own company.
fn company(source: &str) -> &str {
    let parts: Vec<&str> = source.split('/').collect();
    match parts.as_slice() {
        [_, folder, _] => folder
            .split_once('-')
            .filter(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()))
            .map_or(folder, |(_, slug)| slug),
        ["zh-policies", file] => file.strip_suffix(".md").unwrap_or(file),
        _ => source,
    }
}

/// The part of a sentence: the parity of the 64-bit FNV-1a hash of its company (README of the set).
fn part(source: &str) -> Part {
    let h = company(source).bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    if h % 2 == 0 { Part::Tune } else { Part::Test }
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

/// Scores found against labelled, `same` deciding whether a found item is a labelled one; returns
/// the misses (labelled, not found) and the false finds.
fn score(
    found: &[String],
    labelled: &[String],
    same: impl Fn(&str, &str) -> bool,
    c: &mut Counts,
) -> (Vec<String>, Vec<String>) {
    let missed: Vec<String> = labelled
        .iter()
        .filter(|l| !found.iter().any(|f| same(f, l)))
        .cloned()
        .collect();
    let wrong: Vec<String> = found
        .iter()
        .filter(|f| !labelled.iter().any(|l| same(f, l)))
        .cloned()
        .collect();
    c.tp += labelled.len() - missed.len();
    c.fn_ += missed.len();
    c.fp += wrong.len();
    (missed, wrong)
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

/// Both sides of one fact type in one sentence: what the extractor found, what the labels say, and
/// when a found item is a labelled one.
struct Facts {
    kind: &'static str,
    found: Vec<String>,
    labelled: Vec<String>,
    same: fn(&str, &str) -> bool,
}

fn equal(f: &str, l: &str) -> bool {
    f == l
}

/// Every scored fact type of one sentence.
fn facts_of(s: &Sentence) -> Vec<Facts> {
    use policyc::classify as c;
    let get = |k: &str| strings(s.facts.get(k));
    vec![
        Facts {
            kind: "email",
            found: c::emails(&s.text),
            labelled: get("email").iter().map(|e| e.to_lowercase()).collect(),
            same: equal,
        },
        Facts {
            kind: "phone",
            found: c::phones(&s.text),
            labelled: get("phone"),
            same: |f, l| f.ends_with(l) || l.ends_with(f),
        },
        Facts {
            kind: "address",
            found: c::addresses(&s.text),
            labelled: get("address"),
            same: |f, l| alnum(l).contains(&alnum(f)),
        },
        Facts {
            kind: "duration",
            found: c::durations(&s.text).iter().map(u32::to_string).collect(),
            labelled: get("duration_days"),
            same: equal,
        },
        Facts {
            kind: "country",
            found: c::places(&s.text).iter().map(|p| p.to_string()).collect(),
            labelled: get("country"),
            same: |f, l| alnum(f) == alnum(l),
        },
        Facts {
            kind: "organisation",
            found: c::companies(&s.text),
            labelled: get("organisation"),
            same: |f, l| {
                let (f, l) = (alnum(f), alnum(l));
                !f.is_empty() && (f == l || l.contains(&f) || f.contains(&l))
            },
        },
    ]
}

#[test]
fn extractors_on_labelled_sentences() {
    let text = std::fs::read_to_string(repo().join("tests/corpus/sentences/labels.jsonl")).expect("labels");
    // the tuning part's misses on request; the test part's are never shown
    let show = std::env::var_os("EXTRACTORS_SHOW_MISSES").is_some();
    let mut counts: BTreeMap<(Part, &'static str, String), Counts> = BTreeMap::new();
    let mut sentences: BTreeMap<(Part, String), usize> = BTreeMap::new();
    let mut misses = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let s: Sentence = serde_json::from_str(line).expect("a labelled sentence");
        let part = part(&s.source);
        *sentences.entry((part, s.lang.clone())).or_default() += 1;
        for f in facts_of(&s) {
            let c = counts.entry((part, f.kind, s.lang.clone())).or_default();
            let (missed, wrong) = score(&f.found, &f.labelled, f.same, c);
            if show && part == Part::Tune && (!missed.is_empty() || !wrong.is_empty()) {
                let _ = writeln!(
                    misses,
                    "{} [{}] missed {missed:?} wrong {wrong:?}\n    {}",
                    f.kind, s.lang, s.text
                );
            }
        }
    }
    if show {
        eprintln!("tuning part, misses and false finds:\n{misses}");
    }
    let mut table = String::new();
    for p in [Part::Tune, Part::Test] {
        let n: Vec<String> = sentences
            .iter()
            .filter(|((q, _), _)| *q == p)
            .map(|((_, lang), n)| format!("{n} {lang}"))
            .collect();
        let _ = write!(
            table,
            "{} part: {} sentences\n| fact | lang | labelled | found right | precision | recall |\n|---|---|---|---|---|---|\n",
            p.as_str(),
            n.join(", ")
        );
        for ((_, kind, lang), k) in counts.iter().filter(|((q, _, _), _)| *q == p) {
            let _ = writeln!(
                table,
                "| {kind} | {lang} | {} | {} | {:.2} | {:.2} |",
                k.tp + k.fn_,
                k.tp,
                k.precision(),
                k.recall()
            );
        }
        table.push('\n');
    }
    eprintln!("{table}");
    assert!(sentences.values().sum::<usize>() >= 300, "{sentences:?}");
    for ((p, kind, lang), k) in &counts {
        let (fp, fr) = floor(*p, kind, lang);
        // the floors are the figures the table prints, to two decimals
        let two = |x: f64| (x * 100.0).round() / 100.0;
        assert!(
            two(k.precision()) >= fp && two(k.recall()) >= fr,
            "{kind} ({lang}, {} part): precision {:.2} (floor {fp}), recall {:.2} (floor {fr})\n{table}",
            p.as_str(),
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
fn floor(part: Part, kind: &str, lang: &str) -> (f64, f64) {
    use Part::{Test, Tune};
    match (part, kind, lang) {
        (Tune, "address", "en") => (1.0, 1.0),
        (Tune, "address", _) => (1.0, 0.57),
        (Test, "address", "en") => (1.0, 0.55),
        (Test, "address", _) => (0.57, 0.57),
        (Tune, "country", "en") => (1.0, 0.97),
        (Tune, "country", _) => (0.79, 0.9),
        (Test, "country", "en") => (1.0, 0.97),
        (Test, "country", _) => (0.82, 1.0),
        (Tune, "duration", "en") => (1.0, 1.0),
        (Tune, "duration", _) => (0.88, 1.0),
        (Test, "duration", "en") => (0.96, 1.0),
        (Test, "duration", _) => (0.93, 1.0),
        (_, "email", _) => (1.0, 1.0),
        (Tune, "organisation", "en") => (1.0, 0.24),
        (Tune, "organisation", _) => (1.0, 0.62),
        (Test, "organisation", "en") => (0.92, 0.52),
        (Test, "organisation", _) => (1.0, 0.66),
        (_, "phone", _) => (1.0, 1.0),
        _ => panic!(
            "no floor for {kind} ({lang}, {} part): every measured type has one",
            part.as_str()
        ),
    }
}
