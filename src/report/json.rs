//! `policyc diff --format json`: the `policyc.diff/1` document of CONTRACT.md, as typed structs so
//! the field order is the contract's.

use serde::Serialize;

use super::Report;
use crate::diff::DiffInput;

#[derive(Serialize)]
struct Side<'a> {
    label: &'a str,
    version: Option<&'a str>,
    locale: &'a str,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    /// The locale whose text carries the change.
    locale: &'a str,
    section: &'a str,
    heading: &'a str,
    kind: &'static str,
    severity: &'static str,
    clauses: &'a [String],
    requires_consent: bool,
    /// The reasons in English (scripts match on them).
    reasons: Vec<String>,
    /// The same reasons, machine-readable: kind, the clause each triggered, English text.
    evidence: Vec<EvidenceJson<'a>>,
    old: Option<&'a str>,
    new: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    path: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    moved_from: Option<&'a str>,
    /// A moved section's place in the old and the new document.
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<PositionJson>,
    /// The passage's links whose target changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<LinkJson<'a>>,
}

#[derive(Serialize)]
struct PositionJson {
    old: usize,
    new: usize,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    kind: &'static str,
    text: &'a str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    /// The two targets are one address written differently.
    equivalent: bool,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    kind: &'static str,
    clause: Option<&'a str>,
    text: String,
}

#[derive(Serialize)]
struct Stats {
    sections_changed: usize,
    words_added: usize,
    words_removed: usize,
}

#[derive(Serialize)]
struct DiffJson<'a> {
    schema: &'static str,
    old: Side<'a>,
    new: Side<'a>,
    material: bool,
    requires_consent: bool,
    clauses: &'a [String],
    changes: Vec<ChangeJson<'a>>,
    stats: Stats,
    bounded: bool,
}

fn side(i: &DiffInput) -> Side<'_> {
    Side {
        label: &i.label,
        version: i.version.as_deref(),
        locale: &i.locale,
    }
}

/// The JSON document.
pub fn render(r: &Report) -> String {
    let s = r.stats();
    let doc = DiffJson {
        schema: "policyc.diff/1",
        old: side(r.old),
        new: side(r.new),
        material: r.assessment.material,
        requires_consent: r.assessment.requires_consent,
        clauses: &r.assessment.clauses,
        changes: r
            .items()
            .map(|(c, v)| ChangeJson {
                locale: c.locale.as_deref().unwrap_or(&r.new.locale),
                section: &c.section,
                heading: &c.heading,
                kind: c.kind.as_str(),
                severity: v.severity.as_str(),
                clauses: &v.clauses,
                requires_consent: v.requires_consent,
                reasons: v
                    .reasons
                    .iter()
                    .map(|e| super::reasons::text(&e.reason, "en"))
                    .collect(),
                evidence: v
                    .reasons
                    .iter()
                    .map(|e| EvidenceJson {
                        kind: e.reason.kind(),
                        clause: e.clause.and_then(|role| r.rules.id_of(role)),
                        text: super::reasons::text(&e.reason, "en"),
                    })
                    .collect(),
                old: c.old.as_deref(),
                new: c.new.as_deref(),
                path: &c.path,
                fact: c.fact.as_ref().map(|f| f.path.as_str()),
                moved_from: c.moved_from.as_deref(),
                position: c.position.map(|p| PositionJson {
                    old: p.old,
                    new: p.new,
                }),
                links: c
                    .links
                    .iter()
                    .map(|l| LinkJson {
                        kind: l.kind.as_str(),
                        text: &l.text,
                        old: l.old.as_deref(),
                        new: l.new.as_deref(),
                        equivalent: l.equivalent,
                    })
                    .collect(),
            })
            .collect(),
        stats: Stats {
            sections_changed: s.sections_changed,
            words_added: s.words_added,
            words_removed: s.words_removed,
        },
        bounded: r.diff.bounded,
    };
    serde_json::to_string_pretty(&doc).expect("JSON serialises")
}
