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
    /// What happened, for people: `added`, `removed`, `modified`, `moved`, `section_added`,
    /// `section_removed` (the message `change_<label>`).
    label: &'static str,
    /// The change as lines of runs: a fact change in each sentence that states it, else `runs`.
    lines: Vec<Vec<Run>>,
    /// An added or removed SDK or data category as a table row (`row_tag`: `ins` or `del`).
    row: Option<super::context::Row>,
    row_tag: &'static str,
    moved_from: Option<String>,
    /// A moved section's places, old → new (`3 → 2`).
    position: Option<String>,
    /// The passage's changed links.
    links: Vec<LinkView>,
}

/// A changed link: `label "text": old → new`.
#[derive(Serialize)]
struct LinkView {
    /// `link` or `image` in the page's language.
    label: &'static str,
    text: String,
    old: Option<String>,
    new: Option<String>,
}

fn link_view(l: &crate::diff::LinkChange, zh: bool) -> LinkView {
    use crate::diff::links::LinkKind;
    LinkView {
        label: match (l.kind, zh) {
            (LinkKind::Link, false) => "link",
            (LinkKind::Image, false) => "image",
            (LinkKind::Link, true) => "链接",
            (LinkKind::Image, true) => "图片",
        },
        text: l.text.clone(),
        old: l.old.clone(),
        new: l.new.clone(),
    }
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
    /// ` (effective …)` beside each side that is a version (`old_effective`, `new_effective`).
    old_effective: String,
    new_effective: String,
    material: bool,
    requires_consent: bool,
    clauses: Vec<ClauseView>,
    changes: Vec<ChangeView>,
    editorial: usize,
    substantive: usize,
    bounded: bool,
    /// A page for the public (the site's redlines): no instructions meant for the legal team.
    public: bool,
    msg: crate::render::templates::Messages,
}

impl DiffView<'_> {
    /// The view as the public sees it on the site.
    pub fn for_public(mut self) -> Self {
        self.public = true;
        self
    }
}

fn run(s: Segment) -> Run {
    match s {
        Segment::Same(text) => Run { tag: "same", text },
        Segment::Del(text) => Run { tag: "del", text },
        Segment::Ins(text) => Run { tag: "ins", text },
    }
}

fn label(c: &crate::diff::Change) -> &'static str {
    match c.kind {
        Kind::Added if c.whole_section => "section_added",
        Kind::Removed if c.whole_section => "section_removed",
        k => k.as_str(),
    }
}

fn runs(c: &crate::diff::Change, old: &crate::diff::DiffInput, new: &crate::diff::DiffInput) -> Vec<Run> {
    let text = |s: &Option<String>, side| super::context::expand(&s.clone().unwrap_or_default(), side);
    match c.kind {
        Kind::Added => vec![Run {
            tag: "ins",
            text: text(&c.new, new),
        }],
        Kind::Removed => vec![Run {
            tag: "del",
            text: text(&c.old, old),
        }],
        Kind::Moved => vec![Run {
            tag: "moved",
            text: text(&c.new, new),
        }],
        Kind::Modified if c.redline.is_empty() => vec![
            Run {
                tag: "del",
                text: text(&c.old, old),
            },
            Run {
                tag: "ins",
                text: text(&c.new, new),
            },
        ],
        Kind::Modified => super::context::expand_segments(&c.redline, old, new)
            .into_iter()
            .map(run)
            .collect(),
    }
}

/// The redline view of a report, with the UI messages of `msg`.
pub fn view<'a>(r: &'a Report, msg: crate::render::templates::Messages) -> DiffView<'a> {
    let locale = r.locale();
    let changes: Vec<ChangeView> = r
        .items()
        .map(|(c, v)| {
            let mut in_context = super::context::fact_in_sentences(c, r.new, r.bodies);
            if in_context.is_empty() {
                in_context.extend(super::context::fact_in_block(c, locale, &msg));
            }
            let lines = if in_context.is_empty() {
                vec![runs(c, r.old, r.new)]
            } else {
                in_context
                    .into_iter()
                    .map(|l| l.into_iter().map(run).collect())
                    .collect()
            };
            (c, v, lines)
        })
        .map(|(c, v, lines)| (c, v, lines, super::context::row(c, locale, &msg)))
        .enumerate()
        .map(|(i, (c, v, lines, row))| ChangeView {
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
            runs: runs(c, r.old, r.new),
            label: label(c),
            lines,
            row_tag: if c.kind == Kind::Removed { "del" } else { "ins" },
            row,
            moved_from: c.moved_from.clone(),
            position: c.position.map(|p| format!("{} → {}", p.old, p.new)),
            links: c
                .links
                .iter()
                .map(|l| link_view(l, locale.starts_with("zh")))
                .collect(),
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
        old_effective: r.effective(0),
        new_effective: r.effective(1),
        material: r.assessment.material,
        requires_consent: r.assessment.requires_consent,
        clauses,
        editorial: r.count(crate::classify::Severity::Editorial),
        substantive: r.count(crate::classify::Severity::Substantive),
        changes,
        bounded: r.diff.bounded,
        public: false,
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
