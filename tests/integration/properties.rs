//! Invariants of the diff, over generated policies: a document compared with itself has no change;
//! a pure reflow or formatting change is never material; the JSON always parses and carries the schema.

use policyc::classify::{RuleSet, assess};
use policyc::diff::{diff, input::from_markdown};
use policyc::report::{Report, json};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "we",
    "collect",
    "your",
    "data",
    "share",
    "with",
    "partners",
    "rights",
    "delete",
    "contact",
    "email",
    "days",
    "security",
    "policy",
    "service",
    "information",
    "may",
    "use",
    "cookies",
    "process",
    "我们",
    "收集",
    "您的",
    "信息",
    "共享",
    "权利",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 3..14).prop_map(|w| {
        let mut s = w.join(" ");
        s.push('.');
        s
    })
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" "))
}

#[derive(Debug, Clone)]
struct Section {
    heading: String,
    paragraphs: Vec<String>,
    items: Vec<String>,
}

fn section() -> impl Strategy<Value = Section> {
    (
        sentence(),
        prop::collection::vec(paragraph(), 1..4),
        prop::collection::vec(sentence(), 0..4),
    )
        .prop_map(|(h, paragraphs, items)| Section {
            heading: h.trim_end_matches('.').to_string(),
            paragraphs,
            items,
        })
}

fn policy() -> impl Strategy<Value = Vec<Section>> {
    prop::collection::vec(section(), 2..6)
}

/// Renders a policy; `style` varies only its formatting.
fn render(sections: &[Section], style: u8) -> String {
    let mut out = String::from("# Privacy policy\n\n");
    for (i, s) in sections.iter().enumerate() {
        let hashes = if style & 1 == 1 { "###" } else { "##" };
        out.push_str(&format!("{hashes} {}. {}\n\n", i + 1, s.heading));
        for p in &s.paragraphs {
            let p = if style & 2 == 2 {
                // reflow: one sentence a line
                p.replace(". ", ".\n")
            } else {
                p.clone()
            };
            let p = if style & 4 == 4 {
                p.replacen("we ", "**we** ", 1)
            } else {
                p
            };
            out.push_str(&p);
            out.push_str("\n\n");
        }
        for item in &s.items {
            let marker = if style & 8 == 8 { "*" } else { "-" };
            out.push_str(&format!("{marker} {item}\n"));
        }
        out.push('\n');
    }
    out
}

fn json_of(a: &str, b: &str) -> serde_json::Value {
    let old = from_markdown(a, None, "old".into());
    let new = from_markdown(b, None, "new".into());
    let rules = RuleSet::builtin();
    let d = diff(&old, &new, &["en".to_string()]);
    let assessment = assess(&d, &rules, &new.locale, false);
    let report = Report {
        old: &old,
        new: &new,
        diff: &d,
        assessment: &assessment,
        rules: &rules,
        dates: [None, None],
        bodies: &Default::default(),
    };
    serde_json::from_str(&json::render(&report)).expect("the JSON parses")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_policy_compared_with_itself_has_no_change(p in policy()) {
        let text = render(&p, 0);
        let j = json_of(&text, &text);
        prop_assert_eq!(&j["schema"], "policyc.diff/1");
        prop_assert_eq!(&j["material"], false);
        prop_assert_eq!(j["changes"].as_array().unwrap().len(), 0);
        prop_assert_eq!(j["clauses"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn reflow_and_formatting_are_never_material(p in policy(), style in 1u8..16) {
        let j = json_of(&render(&p, 0), &render(&p, style));
        prop_assert_eq!(&j["material"], false, "{}", j);
        for c in j["changes"].as_array().unwrap() {
            prop_assert_eq!(&c["severity"], "editorial", "{}", c);
        }
    }

    #[test]
    fn any_pair_gives_schema_json(a in policy(), b in policy()) {
        let j = json_of(&render(&a, 0), &render(&b, 3));
        prop_assert_eq!(&j["schema"], "policyc.diff/1");
        let material = j["material"].as_bool().unwrap();
        prop_assert_eq!(material, !j["clauses"].as_array().unwrap().is_empty());
        for c in j["changes"].as_array().unwrap() {
            let kind = c["kind"].as_str().unwrap();
            prop_assert!(["added", "removed", "modified", "moved"].contains(&kind));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(a in "\\PC{0,400}", b in "\\PC{0,400}") {
        let _ = json_of(&a, &b);
    }
}
