//! `policyc diff --format markdown`: a pull-request comment: verdict, clause table with evidence,
//! then every change under a collapsed section.

use std::fmt::Write;

use super::Report;
use crate::classify::Severity;
use crate::diff::Kind;
use crate::diff::text::Segment;

/// Escapes Markdown punctuation in text.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if "\\`*_[]<>|~".contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The Markdown report.
pub fn render(r: &Report) -> String {
    let a = r.assessment;
    let mut out = String::new();
    let verdict = if a.material {
        format!("**MATERIAL** under §VIII ({})", a.clauses.join(", "))
    } else if r.diff.changes.is_empty() {
        "no changes".to_string()
    } else {
        "not material under §VIII".to_string()
    };
    let _ = writeln!(
        out,
        "### policyc diff `{}`{} → `{}`{}: {verdict}\n",
        r.old.label,
        esc(&r.effective(0)),
        r.new.label,
        esc(&r.effective(1))
    );
    if a.requires_consent {
        let _ = writeln!(
            out,
            "> **Requires users' express consent**: a change limits users' rights (§VIII).\n"
        );
    }
    if a.material {
        let _ = writeln!(out, "| Clause | Evidence |\n|---|---|");
        for clause in &a.clauses {
            let title = r.rules.clause(clause).map_or("", |x| x.title(r.locale()));
            let reasons: Vec<String> = r
                .items()
                .filter(|(_, v)| v.clauses.contains(clause))
                .flat_map(|(_, v)| {
                    v.reasons_for(clause, r.rules)
                        .map(|x| esc(&super::reasons::text(x, r.locale())))
                })
                .collect();
            let _ = writeln!(out, "| **{clause}** {} | {} |", esc(title), reasons.join("<br>"));
        }
        out.push('\n');
    }
    let s = r.stats();
    let _ = writeln!(
        out,
        "{} change(s): {} material, {} substantive, {} editorial; {} section(s); +{} / −{} words.\n",
        r.diff.changes.len(),
        r.count(Severity::Material),
        r.count(Severity::Substantive),
        r.count(Severity::Editorial),
        s.sections_changed,
        s.words_added,
        s.words_removed
    );
    if r.diff.changes.is_empty() {
        return out;
    }
    let _ = writeln!(out, "<details><summary>All changes</summary>\n");
    let mut last = String::new();
    for (c, v) in r.items() {
        let place = Report::place(c);
        if place != last {
            let _ = writeln!(out, "\n#### {}\n", esc(&place));
            last = place;
        }
        let tag = if v.clauses.is_empty() {
            v.severity.as_str().to_string()
        } else {
            format!("{} {}", v.severity.as_str(), v.clauses.join(" "))
        };
        let redline = |segments: &[Segment]| -> String {
            segments
                .iter()
                .map(|s| match s {
                    Segment::Same(t) => esc(t),
                    Segment::Del(t) if t.trim().is_empty() => String::new(),
                    Segment::Ins(t) if t.trim().is_empty() => t.clone(),
                    Segment::Del(t) => format!("~~{}~~", esc(t.trim())),
                    Segment::Ins(t) => format!("**{}**", esc(t.trim())),
                })
                .collect()
        };
        let old = super::context::expand(c.old.as_deref().unwrap_or(""), r.old);
        let new = super::context::expand(c.new.as_deref().unwrap_or(""), r.new);
        // a changed fact is shown in the sentences that state it
        let sentences = super::context::fact_in_sentences(c, r.new, r.bodies);
        let body = match c.kind {
            _ if !sentences.is_empty() => sentences
                .iter()
                .map(|s| redline(s))
                .collect::<Vec<_>>()
                .join(" … "),
            Kind::Added => format!("**{}**", esc(&new)),
            Kind::Removed => format!("~~{}~~", esc(&old)),
            Kind::Moved if let Some(p) = c.position => format!(
                "section moved from position {} to {}: {}",
                p.old,
                p.new,
                esc(&new)
            ),
            Kind::Moved => format!(
                "moved from _{}_: {}",
                esc(c.moved_from.as_deref().unwrap_or("")),
                esc(&new)
            ),
            Kind::Modified => redline(&super::context::expand_segments(&c.redline, r.old, r.new)),
        };
        let _ = writeln!(
            out,
            "- _{} ({tag})_: {}",
            c.kind.as_str(),
            body.replace('\n', " ")
        );
        for l in &c.links {
            let target = |t: &Option<String>| {
                t.as_deref()
                    .map_or_else(|| "—".to_string(), |t| format!("`{}`", t.replace('`', "")))
            };
            let _ = writeln!(
                out,
                "  - {} \"{}\": {} → {}",
                l.kind.as_str(),
                esc(&l.text),
                target(&l.old),
                target(&l.new)
            );
        }
    }
    let _ = writeln!(out, "\n</details>");
    out
}
