//! `policyc diff --format json`: the `policyc.diff/1` document of CONTRACT.md.

use serde_json::{Value, json};

use super::Report;

/// The JSON document.
pub fn render(r: &Report) -> String {
    let side =
        |i: &crate::diff::DiffInput| json!({"label": i.label, "version": i.version, "locale": i.locale});
    let changes: Vec<Value> = r
        .items()
        .map(|(c, v)| {
            let mut o = json!({
                "section": c.section,
                "heading": c.heading,
                "kind": c.kind.as_str(),
                "severity": v.severity.as_str(),
                "clauses": v.clauses,
                "requires_consent": v.requires_consent,
                "reasons": v.reasons,
                "old": c.old,
                "new": c.new,
            });
            if !c.path.is_empty() {
                o["path"] = json!(c.path);
            }
            if let Some(f) = &c.fact {
                o["fact"] = json!(f.path);
            }
            if let Some(m) = &c.moved_from {
                o["moved_from"] = json!(m);
            }
            o
        })
        .collect();
    let stats = r.stats();
    let doc = json!({
        "schema": "policyc.diff/1",
        "old": side(r.old),
        "new": side(r.new),
        "material": r.assessment.material,
        "requires_consent": r.assessment.requires_consent,
        "clauses": r.assessment.clauses,
        "changes": changes,
        "stats": {
            "sections_changed": stats.sections_changed,
            "words_added": stats.words_added,
            "words_removed": stats.words_removed,
        },
        "bounded": r.diff.bounded,
    });
    serde_json::to_string_pretty(&doc).expect("JSON serialises")
}
