//! The English page says everything the seed says: sentence by sentence, after the listed
//! corrections; lines whose facts a template shows as a table or block have every value on the page.

use serde::Deserialize;

use crate::harness::{Project, html_text, main_of, normalize_ws, repo};

#[derive(Deserialize)]
struct Fixture {
    correction: Vec<Correction>,
    #[serde(default)]
    tabled: Vec<Tabled>,
}

#[derive(Deserialize)]
struct Correction {
    from: String,
    to: String,
    reason: String,
}

#[derive(Deserialize)]
struct Tabled {
    line: String,
    values: Vec<String>,
}

fn fixture() -> Fixture {
    toml::from_str(&std::fs::read_to_string(repo().join("tests/fixtures/seed-corrections.toml")).unwrap())
        .unwrap()
}

fn seed() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/seed-privacy-policy.txt")).unwrap()
}

/// Sentences of a line: split after `.`, `;`, `?`, `!` followed by a space.
fn sentences(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for w in chars.windows(2) {
        let ((i, c), (_, next)) = (w[0], w[1]);
        if matches!(c, '.' | ';' | '?' | '!') && next == ' ' {
            out.push(line[start..=i].trim().to_string());
            start = i + 1;
        }
    }
    out.push(line[start..].trim().to_string());
    out.into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| normalize_ws(&s))
        .collect()
}

#[test]
fn corrections_are_few_short_and_real() {
    let f = fixture();
    let seed = seed();
    assert!(f.correction.len() <= 8, "corrections should be few");
    for c in &f.correction {
        assert!(
            seed.contains(&c.from),
            "correction source not in the seed: {:?}",
            c.from
        );
        assert!(
            c.reason.split_whitespace().count() <= 5,
            "reason too long: {:?}",
            c.reason
        );
        assert_ne!(c.from, c.to);
    }
}

#[test]
fn every_seed_sentence_is_on_the_english_page() {
    let project = Project::sample();
    project.run(&["build", "-q"]).ok();
    let page = html_text(main_of(&project.read("output/en/index.html")));
    let f = fixture();
    let mut seed = seed();
    for c in &f.correction {
        seed = seed.replace(&c.from, &c.to);
    }
    let mut missing = Vec::new();
    let mut checked = 0;
    for line in seed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(t) = f
            .tabled
            .iter()
            .find(|t| normalize_ws(&t.line) == normalize_ws(line))
        {
            for v in &t.values {
                if !page.contains(&normalize_ws(v)) {
                    missing.push(format!("table value {v:?} of line {line:?}"));
                }
            }
            continue;
        }
        for s in sentences(line) {
            checked += 1;
            if !page.contains(&s) {
                missing.push(s);
            }
        }
    }
    assert!(checked > 200, "only {checked} sentences checked");
    assert!(
        missing.is_empty(),
        "{} seed sentence(s) not on the page:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn tabled_lines_are_seed_lines() {
    let mut seed = seed();
    for c in &fixture().correction {
        seed = seed.replace(&c.from, &c.to);
    }
    let lines: Vec<String> = seed.lines().map(normalize_ws).collect();
    for t in fixture().tabled {
        assert!(
            lines.contains(&normalize_ws(&t.line)),
            "not a seed line: {:?}",
            t.line
        );
        assert!(!t.values.is_empty());
    }
}
