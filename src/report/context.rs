//! What a reader of a redline needs around a change: fact references shown as their values, a fact
//! change shown inside the sentences that state it, an added or removed list entry (an SDK, a data
//! category) as a table row. Presentation only: it reads the two inputs' texts and facts trees and
//! the change, and returns runs of text for the presenters to mark up.

use crate::diff::text::Segment;
use crate::diff::{Change, DiffInput};
use serde_json::Value;

pub use crate::diff::refs::expand;
use crate::diff::refs::value_text;
use crate::markdown::{Directive, scan_directives};

/// The segments of a change with fact references shown as values (`Del` text from the old input,
/// the rest from the new).
pub fn expand_segments(segments: &[Segment], old: &DiffInput, new: &DiffInput) -> Vec<Segment> {
    segments
        .iter()
        .map(|s| match s {
            Segment::Same(t) => Segment::Same(expand(t, new)),
            Segment::Del(t) => Segment::Del(expand(t, old)),
            Segment::Ins(t) => Segment::Ins(expand(t, new)),
        })
        .collect()
}

/// The Markdown bodies of the new side's sections by id, when the caller has them: a section whose
/// text did not change is not parsed into the diff input, yet may state a changed fact.
pub type Bodies = std::collections::BTreeMap<String, String>;

/// A changed fact value shown in the sentences of the new text that state it: each sentence
/// holding a reference to the fact, with the reference shown as the old value deleted and the new
/// one inserted, and the other references as their values. Empty when the fact is not stated in a
/// sentence (a table, a contact block) or is not a single value.
pub fn fact_in_sentences(change: &Change, new: &DiffInput, bodies: &Bodies) -> Vec<Vec<Segment>> {
    let Some(fact) = &change.fact else {
        return Vec::new();
    };
    let locale = new.locale.as_str();
    let was = fact.old.as_ref().and_then(|v| value_text(v, locale));
    let is = fact.new.as_ref().and_then(|v| value_text(v, locale));
    if was.is_none() && is.is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    // the section that shows the fact first, then the others
    let sections = new
        .doc
        .sections
        .iter()
        .filter(|s| s.id == change.section)
        .chain(new.doc.sections.iter().filter(|s| s.id != change.section));
    for section in sections {
        let parsed;
        let blocks = match bodies.get(&section.id).map(String::as_str) {
            Some(body) if section.blocks.is_empty() && body.contains(&fact.path) => {
                parsed = crate::diff::doc::section_blocks(body);
                &parsed
            }
            _ => &section.blocks,
        };
        for block in blocks {
            if !block.text.contains("{{") {
                continue;
            }
            for (sentence, _) in crate::diff::sentences(&block.text) {
                let Ok(refs) = scan_directives(sentence) else {
                    continue;
                };
                if !refs
                    .iter()
                    .any(|(_, d)| matches!(d, Directive::Fact { path } if *path == fact.path))
                    || !seen.insert(sentence.to_string())
                {
                    continue;
                }
                let mut segments = Vec::new();
                let mut at = 0;
                for (range, directive) in refs {
                    if let Directive::Fact { path } = directive
                        && path == fact.path
                    {
                        segments.push(Segment::Same(expand(&sentence[at..range.start], new)));
                        if let Some(w) = &was {
                            segments.push(Segment::Del(w.clone()));
                        }
                        if let Some(i) = &is {
                            segments.push(Segment::Ins(i.clone()));
                        }
                        at = range.end;
                    }
                }
                segments.push(Segment::Same(expand(&sentence[at..], new)));
                segments.retain(|s| !matches!(s, Segment::Same(t) if t.is_empty()));
                out.push(segments);
            }
        }
    }
    out
}

/// The UI message naming a fact that the site shows in a labelled block rather than a sentence
/// (the contact block).
fn block_label(path: &str) -> Option<&'static str> {
    match path {
        "contact.email" => Some("email"),
        "contact.phone" => Some("phone"),
        "controller.name" => Some("company_name"),
        "controller.address" => Some("office_address"),
        _ => None,
    }
}

/// A changed fact shown in a labelled block (the contact block) as its line there: `Email: ` with
/// the old value deleted and the new inserted; `None` for other facts.
pub fn fact_in_block(
    change: &Change,
    locale: &str,
    msg: &crate::render::templates::Messages,
) -> Option<Vec<Segment>> {
    let fact = change.fact.as_ref()?;
    let label = msg.get(block_label(&fact.path)?)?;
    let mut line = vec![Segment::Same(format!(
        "{label}{}",
        msg.get("colon").map_or(": ", String::as_str)
    ))];
    if let Some(v) = fact.old.as_ref().and_then(|v| value_text(v, locale)) {
        line.push(Segment::Del(v));
    }
    if let Some(v) = fact.new.as_ref().and_then(|v| value_text(v, locale)) {
        line.push(Segment::Ins(v));
    }
    (line.len() > 1).then_some(line)
}

/// The columns of a list of facts shown as a table on the site (`sdks`, `data`): each field with
/// the UI message naming it.
fn columns(list: &str) -> Option<&'static [(&'static str, &'static str)]> {
    match list {
        "sdks" => Some(&[
            ("name", "sdk_name"),
            ("package", "sdk_package"),
            ("purpose", "sdk_purpose"),
            ("data", "sdk_data"),
        ]),
        "data" => Some(&[
            ("name", "data_name"),
            ("items", "data_items"),
            ("purpose", "data_purpose"),
            ("sensitive", "data_sensitive"),
        ]),
        _ => None,
    }
}

/// A whole entry of a list shown as a table (an SDK, a data category) added or removed: its column
/// headings and its cells, in the messages' language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    /// The list (`sdks`, `data`).
    pub list: String,
    /// The headings.
    pub headings: Vec<String>,
    /// The cells.
    pub cells: Vec<String>,
}

/// The table row of an added or removed list entry, when its list is shown as a table; headings,
/// yes/no and "not stated" from `msg`.
pub fn row(change: &Change, locale: &str, msg: &crate::render::templates::Messages) -> Option<Row> {
    let m = |k: &str| msg.get(k).cloned().unwrap_or_default();
    let fact = change.fact.as_ref()?;
    let (list, _) = fact.path.split_once('.')?;
    let columns = columns(list)?;
    let value = match (&fact.old, &fact.new) {
        (None, Some(v)) | (Some(v), None) => v,
        _ => return None,
    };
    let Value::Object(entry) = value else {
        return None;
    };
    let cells = columns
        .iter()
        .map(|(field, _)| match entry.get(*field) {
            Some(Value::Bool(b)) => m(if *b { "yes" } else { "no" }),
            Some(v) => value_text(v, locale).unwrap_or_else(|| m("not_stated")),
            None => m("not_stated"),
        })
        .collect();
    Some(Row {
        list: list.to_string(),
        headings: columns.iter().map(|(_, k)| m(k)).collect(),
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::doc::{Doc, DocSection};
    use crate::diff::facts::{FactChange, FactKind};
    use crate::diff::{Change, Kind};

    fn input(body: &str, facts: Value, parsed: bool) -> DiffInput {
        DiffInput {
            label: "v".into(),
            version: Some("v".into()),
            locale: "en".into(),
            doc: Doc {
                sections: vec![DocSection {
                    id: "rights".into(),
                    heading: "Your rights".into(),
                    blocks: if parsed {
                        crate::diff::doc::section_blocks(body)
                    } else {
                        Vec::new()
                    },
                }],
            },
            facts: Some(std::sync::Arc::new(facts)),
            fact_sections: Default::default(),
        }
    }

    fn fact_change(path: &str, old: Value, new: Value) -> Change {
        Change {
            section: "rights".into(),
            heading: "Your rights".into(),
            path: vec![],
            kind: Kind::Modified,
            old: None,
            new: None,
            redline: vec![],
            editorial_form: false,
            fact: Some(FactChange {
                path: path.into(),
                kind: FactKind::Modified,
                old: Some(old),
                new: Some(new),
            }),
            moved_from: None,
            whole_section: false,
            block_kind: None,
            lead_in: None,
            novel: None,
            locale: None,
            position: None,
            links: vec![],
            chrome: false,
        }
    }

    const BODY: &str =
        "We reply in {{ requests.days }} days. Complain to {{ contact.desk }}.\n\nNothing else.\n";

    #[test]
    fn references_are_shown_as_values_in_the_locale() {
        let facts = serde_json::json!({
            "requests": {"days": 15},
            "contact": {"desk": {"en": "the help desk", "zh-CN": "客服"}},
        });
        let new = input(BODY, facts, true);
        assert_eq!(
            expand(
                "Complain to {{ contact.desk }} within {{ requests.days }} days ({{ x.y }}).",
                &new
            ),
            "Complain to the help desk within 15 days ({{ x.y }})."
        );
    }

    #[test]
    fn a_fact_change_is_shown_in_the_sentence_that_states_it() {
        let facts = serde_json::json!({"requests": {"days": 15}, "contact": {"desk": "the desk"}});
        let change = fact_change("requests.days", serde_json::json!(30), serde_json::json!(15));
        let want = vec![vec![
            Segment::Same("We reply in ".into()),
            Segment::Del("30".into()),
            Segment::Ins("15".into()),
            Segment::Same(" days.".into()),
        ]];
        // from the parsed blocks, or from the section's text when the diff did not parse it
        let parsed = input(BODY, facts.clone(), true);
        assert_eq!(fact_in_sentences(&change, &parsed, &Bodies::new()), want);
        let unparsed = input(BODY, facts, false);
        assert!(fact_in_sentences(&change, &unparsed, &Bodies::new()).is_empty());
        let bodies: Bodies = [("rights".to_string(), BODY.to_string())].into_iter().collect();
        assert_eq!(fact_in_sentences(&change, &unparsed, &bodies), want);
    }
}
