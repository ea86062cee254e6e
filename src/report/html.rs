//! `policyc diff --format html`: a self-contained redline page rendered by the `diff.html` template.

use serde::Serialize;

use super::Report;
use crate::diff::Kind;
use crate::diff::text::Segment;
use crate::error::Result;
use crate::render::templates::{TemplateSet, template_error};

#[derive(Serialize)]
struct Run {
    tag: &'static str,
    text: String,
}

#[derive(Serialize)]
struct ChangeView {
    n: usize,
    place: String,
    section: String,
    kind: &'static str,
    severity: &'static str,
    clauses: Vec<String>,
    requires_consent: bool,
    reasons: Vec<String>,
    runs: Vec<Run>,
    moved_from: Option<String>,
}

#[derive(Serialize)]
struct Evidence {
    n: usize,
    reason: String,
}

#[derive(Serialize)]
struct ClauseView {
    id: String,
    title: String,
    changes: Vec<Evidence>,
}

/// What the redline templates (`diff.html`, `changes.html`, `partials/redline.html`) see.
#[derive(Serialize)]
pub struct DiffView<'a> {
    lang: &'a str,
    old: &'a str,
    new: &'a str,
    material: bool,
    requires_consent: bool,
    clauses: Vec<ClauseView>,
    changes: Vec<ChangeView>,
    editorial: usize,
    substantive: usize,
    bounded: bool,
    msg: crate::render::templates::Messages,
}

fn runs(c: &crate::diff::Change) -> Vec<Run> {
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    match c.kind {
        Kind::Added => vec![Run {
            tag: "ins",
            text: text(&c.new),
        }],
        Kind::Removed => vec![Run {
            tag: "del",
            text: text(&c.old),
        }],
        Kind::Moved => vec![Run {
            tag: "moved",
            text: text(&c.new),
        }],
        Kind::Modified if c.redline.is_empty() => vec![
            Run {
                tag: "del",
                text: text(&c.old),
            },
            Run {
                tag: "ins",
                text: text(&c.new),
            },
        ],
        Kind::Modified => c
            .redline
            .iter()
            .map(|s| match s {
                Segment::Same(t) => Run {
                    tag: "same",
                    text: t.clone(),
                },
                Segment::Del(t) => Run {
                    tag: "del",
                    text: t.clone(),
                },
                Segment::Ins(t) => Run {
                    tag: "ins",
                    text: t.clone(),
                },
            })
            .collect(),
    }
}

/// The redline view of a report, with the UI messages of `msg`.
pub fn view<'a>(r: &'a Report, msg: crate::render::templates::Messages) -> DiffView<'a> {
    let locale = r.locale();
    let changes: Vec<ChangeView> = r
        .items()
        .enumerate()
        .map(|(i, (c, v))| ChangeView {
            n: i + 1,
            place: Report::place(c),
            section: c.section.clone(),
            kind: c.kind.as_str(),
            severity: v.severity.as_str(),
            clauses: v.clauses.clone(),
            requires_consent: v.requires_consent,
            reasons: v
                .reasons
                .iter()
                .map(|e| super::reasons::text(&e.reason, r.locale()))
                .collect(),
            runs: runs(c),
            moved_from: c.moved_from.clone(),
        })
        .collect();
    let clauses = r
        .assessment
        .clauses
        .iter()
        .map(|id| ClauseView {
            id: id.clone(),
            title: r
                .rules
                .clause(id)
                .map_or(String::new(), |x| x.title(r.locale()).to_string()),
            changes: r
                .items()
                .enumerate()
                .filter(|(_, (_, v))| v.clauses.contains(id))
                .flat_map(|(i, (_, v))| {
                    v.reasons_for(id, r.rules).map(move |x| Evidence {
                        n: i + 1,
                        reason: super::reasons::text(x, r.locale()),
                    })
                })
                .collect(),
        })
        .collect();
    DiffView {
        lang: locale,
        old: &r.old.label,
        new: &r.new.label,
        material: r.assessment.material,
        requires_consent: r.assessment.requires_consent,
        clauses,
        editorial: r.count(crate::classify::Severity::Editorial),
        substantive: r.count(crate::classify::Severity::Substantive),
        changes,
        bounded: r.diff.bounded,
        msg,
    }
}

/// The HTML page.
pub fn render(r: &Report, templates: &TemplateSet) -> Result<String> {
    let locale = crate::ids::Locale::parse(r.locale())
        .unwrap_or_else(|_| crate::ids::Locale::parse("en").expect("valid"));
    let msg = templates
        .messages(&locale)
        .or_else(|_| templates.messages(&crate::ids::Locale::parse("en").expect("valid")))?;
    let view = view(r, msg);
    let tera = templates.engine()?;
    let ctx = tera::Context::from_serialize(&view).map_err(|e| template_error(templates, &e))?;
    tera.render("diff.html", &ctx)
        .map_err(|e| template_error(templates, &e))
}
