//! The structure reader on real policies (`tests/corpus/structure/`, labelled by a reader who never
//! saw policyc's output): the top-level sections a careful reader sees, and the controller.

use std::collections::BTreeMap;
use std::fs;

use serde::Deserialize;

use crate::harness::repo;

#[derive(Deserialize)]
struct Expected {
    lang: String,
    controller: Option<String>,
    #[serde(default)]
    controller_alternatives: Vec<String>,
    sections: Vec<String>,
    #[serde(default)]
    ambiguous_sections: Vec<String>,
    #[serde(default)]
    phones: Vec<String>,
    #[serde(default)]
    not_phones: Vec<String>,
}

/// A heading compared as a reader would: case, numbering, punctuation and spacing aside.
fn key(h: &str) -> String {
    let h = h.trim();
    // Roman numbering ("IV. Your choices") is numbering too.
    let roman = h
        .find(['.', ')'])
        .filter(|&i| i > 0 && h[..i].chars().all(|c| "IVXLC".contains(c)) && h[i + 1..].starts_with(' '));
    let h = roman.map_or(h, |i| &h[i + 1..]);
    // so is a numbering word with its number (`Article 1 : Legal requirements`, `Section 2.`) and
    // a capital letter (`A. Personal Information Collected`)
    let words = ["Article", "Section", "Chapter", "Part", "Art."];
    let h = words
        .iter()
        // (only with its number: `Part of our service` is a title, not numbering)
        .find_map(|w| {
            h.strip_prefix(w)
                .filter(|r| r.starts_with(' ') && r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|r| {
            r.trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                .trim_start_matches([' ', ':', '-', '–'])
        })
        .unwrap_or(h);
    let lettered = h.len() > 3
        && h.as_bytes()[0].is_ascii_uppercase()
        && (h[1..].starts_with(". ") || h[1..].starts_with(") "));
    let h = if lettered { &h[3..] } else { h };
    let h = h.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十、.．()（）#* \t".contains(c)
    });
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn cases() -> BTreeMap<String, (String, Expected)> {
    cases_in("tests/corpus/structure")
}

fn cases_in(folder: &str) -> BTreeMap<String, (String, Expected)> {
    let dir = repo().join(folder);
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(&dir).expect("the structure corpus").flatten() {
        let p = entry.path();
        if !p.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let policy = fs::read_to_string(p.join("policy.md")).expect("policy.md");
        let expected: Expected =
            serde_json::from_str(&fs::read_to_string(p.join("expected.json")).expect("expected.json"))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        out.insert(name, (policy, expected));
    }
    out
}

/// The reader finds a policy's sections when it finds at least 90 % of the labelled top-level
/// sections (ambiguous ones aside) and at most a tenth more that the reader would not call one.
#[test]
fn sections_and_controller_of_real_policies() {
    let cases = cases();
    assert!(cases.len() >= 30, "{} policies", cases.len());
    let (sections_ok, controller_ok, lines) = score(&cases);
    let n = cases.len();
    eprintln!(
        "structure: sections {sections_ok}/{n}, controller {controller_ok}/{n}\n{}",
        lines.join("\n")
    );
    assert!(sections_ok >= FLOOR_SECTIONS, "sections {sections_ok}/{n}");
    assert!(
        controller_ok >= FLOOR_CONTROLLER,
        "controller {controller_ok}/{n}"
    );
}

/// The second tuning set (`tests/corpus/structure-tune2/`, 24 policies labelled before anything
/// was run on them). First run, before any change to the reader: sections 19/24, controller
/// 10/24; tuned on since (24/24 and 24/24).
#[test]
fn sections_and_controller_of_second_tuning_set() {
    tuning_set(
        "tests/corpus/structure-tune2",
        "tune2",
        20,
        (TUNE2_SECTIONS, TUNE2_CONTROLLER),
    );
}

/// The third tuning set (`tests/corpus/structure-tune3/`, 25 policies labelled before anything
/// was run on them). First run, before any change to the reader: sections 17/25, controller 19/25
/// (19/25 sections once the scoring read `Article 1 :` and `A.` as numbering); tuned on since.
#[test]
fn sections_and_controller_of_third_tuning_set() {
    tuning_set(
        "tests/corpus/structure-tune3",
        "tune3",
        25,
        (TUNE3_SECTIONS, TUNE3_CONTROLLER),
    );
}

/// Scores a tuning set of at least `min` policies against its floors, printing what it gets wrong.
fn tuning_set(folder: &str, name: &str, min: usize, (floor_sections, floor_controller): (usize, usize)) {
    let cases = cases_in(folder);
    assert!(cases.len() >= min, "{} policies", cases.len());
    let (sections_ok, controller_ok, lines) = score(&cases);
    let n = cases.len();
    eprintln!(
        "structure ({name}): sections {sections_ok}/{n}, controller {controller_ok}/{n}\n{}",
        lines.join("\n")
    );
    assert!(sections_ok >= floor_sections, "sections {sections_ok}/{n}");
    assert!(
        controller_ok >= floor_controller,
        "controller {controller_ok}/{n}"
    );
}

/// The held-out set (`tests/corpus/structure-test/`, 25 policies labelled blind after the reader
/// was tuned on the set above): only its totals are printed, so that its failures stay unseen.
/// Scored twice: 16/25 and 16/25 at its first run; 17/25 and 20/25 after the reader and the
/// controller finder were generalised on `structure/` and `structure-tune2/` (session of the
/// second tuning set; each run only after all tuning was done).
#[test]
fn sections_and_controller_of_held_out_policies() {
    held_out_set(
        "tests/corpus/structure-test",
        "held out",
        25,
        (HELD_OUT_SECTIONS, HELD_OUT_CONTROLLER),
    );
}

/// The second held-out set (`tests/corpus/structure-test2/`, 30 policies, 15 en and 15 zh,
/// labelled blind in session 18 after the reader was last changed): only its totals are printed.
/// First run on 15dbc466 (its README).
#[test]
fn sections_and_controller_of_second_held_out_set() {
    held_out_set(
        "tests/corpus/structure-test2",
        "held out 2",
        30,
        (HELD_OUT2_SECTIONS, HELD_OUT2_CONTROLLER),
    );
}

/// Scores a held-out set of at least `min` policies against its floors, printing its totals only,
/// so that its failures stay unseen.
fn held_out_set(folder: &str, name: &str, min: usize, (floor_sections, floor_controller): (usize, usize)) {
    let cases = cases_in(folder);
    assert!(cases.len() >= min, "{} policies", cases.len());
    let (sections_ok, controller_ok, _) = score(&cases);
    let n = cases.len();
    eprintln!("structure ({name}): sections {sections_ok}/{n}, controller {controller_ok}/{n}");
    assert!(sections_ok >= floor_sections, "sections {sections_ok}/{n}");
    assert!(
        controller_ok >= floor_controller,
        "controller {controller_ok}/{n}"
    );
}

/// The number of policies whose sections and whose controller the reader finds, and a line for
/// each policy it gets wrong.
fn score(cases: &BTreeMap<String, (String, Expected)>) -> (usize, usize, Vec<String>) {
    let (mut sections_ok, mut controller_ok) = (0, 0);
    let mut lines = Vec::new();
    for (name, (policy, exp)) in cases {
        let doc = policyc::diff::doc::from_markdown(policy);
        let found: Vec<String> = doc
            .sections
            .iter()
            .filter(|s| !s.heading.is_empty())
            .map(|s| key(&s.heading))
            .collect();
        let ambiguous: Vec<String> = exp.ambiguous_sections.iter().map(|s| key(s)).collect();
        let want: Vec<String> = exp
            .sections
            .iter()
            .map(|s| key(s))
            .filter(|s| !ambiguous.contains(s))
            .collect();
        let hit = want.iter().filter(|w| found.contains(w)).count();
        let extra = found
            .iter()
            .filter(|f| !want.contains(f) && !ambiguous.contains(f))
            .count();
        let ok = if want.is_empty() {
            found.len() <= 1
        } else {
            hit * 10 >= want.len() * 9 && extra * 10 <= want.len().max(10)
        };
        sections_ok += usize::from(ok);
        let controller = policyc::classify::controller(policy);
        let c_ok = match (&exp.controller, &controller) {
            (None, None) => true,
            (Some(want), Some(got)) => {
                let k = key(got);
                k == key(want) || exp.controller_alternatives.iter().any(|a| key(a) == k)
            }
            _ => false,
        };
        controller_ok += usize::from(c_ok);
        if !ok || !c_ok {
            lines.push(format!(
                "{name} ({}): sections {hit}/{} (+{extra} extra){} controller {:?} want {:?}",
                exp.lang,
                want.len(),
                if ok { "" } else { " WRONG" },
                controller,
                exp.controller
            ));
        }
    }
    (sections_ok, controller_ok, lines)
}

/// Measured floors (README "Measured quality": 16 and 17 of 32 at the first run, before the
/// reader knew plain numbered titles and the controller's own cues; 28 and 20 before the second
/// tuning set); the target is 27 of 30 on policies nobody here has seen.
const FLOOR_SECTIONS: usize = 29;
const FLOOR_CONTROLLER: usize = 31;

/// The second tuning set's floors (measured).
const TUNE2_SECTIONS: usize = 24;
const TUNE2_CONTROLLER: usize = 24;

/// The third tuning set's floors (measured).
const TUNE3_SECTIONS: usize = 23;
const TUNE3_CONTROLLER: usize = 21;

/// The held-out set's latest run (README "Measured quality"; 16 and 16 at its first).
const HELD_OUT_SECTIONS: usize = 17;
const HELD_OUT_CONTROLLER: usize = 20;

/// The second held-out set's first run.
const HELD_OUT2_SECTIONS: usize = 24;
const HELD_OUT2_CONTROLLER: usize = 29;

/// Phone detection on the same policies: every labelled phone number found, none of the labelled
/// look-alikes (standard, licence and registration numbers, dates, versions) taken for one.
#[test]
fn phone_numbers_of_real_policies() {
    let (mut found, mut total) = (0, 0);
    let (mut false_pos, mut missed): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for (name, (policy, exp)) in cases() {
        let got = policyc::classify::phones(&policy);
        for p in &exp.phones {
            total += 1;
            let hit = got
                .iter()
                .any(|g| g.ends_with(p.as_str()) || p.ends_with(g.as_str()));
            found += usize::from(hit);
            if !hit {
                missed.push(format!("{name}: {p}"));
            }
        }
        for n in &exp.not_phones {
            let digits: String = n.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 7 && got.contains(&digits) {
                false_pos.push(format!("{name}: {n}"));
            }
        }
    }
    eprintln!(
        "phones: {found}/{total} found (missed {missed:?}); look-alikes taken for phones: {false_pos:?}"
    );
    assert!(found * 100 >= total * FLOOR_PHONE_RECALL, "{found}/{total}");
    assert!(false_pos.len() <= MAX_PHONE_FALSE, "{false_pos:?}");
}

/// Measured: 17 of 19 found (the two missed are five-digit service numbers, 12306 and 12361); 2
/// look-alikes taken for phones (35 at the first run, before standards, registers, dates and
/// postcodes were told apart). The target is 95 % and none.
const FLOOR_PHONE_RECALL: usize = 89;
const MAX_PHONE_FALSE: usize = 2;
