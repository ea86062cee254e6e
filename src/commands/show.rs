//! `policyc show [--as-of DATE]`: which published version was in force on a day and which were
//! upcoming (the question an auditor asks first), as text or `policyc.show/1` on stdout.

use serde::Serialize;

use crate::cli::{ReportFormat, ShowArgs};
use crate::date::Date;
use crate::error::Result;
use crate::model::Content;
use crate::timeline::{Standing, Timeline};
use crate::{as_of, load, output};

use super::Ctx;

/// One published version as `show` lists it.
#[derive(Serialize)]
struct Entry<'a> {
    version: &'a str,
    effective: Date,
    updated: Date,
    status: &'static str,
}

/// `policyc.show/1`.
#[derive(Serialize)]
struct ShowJson<'a> {
    schema: &'static str,
    as_of: Date,
    as_of_source: as_of::Source,
    in_force: Option<Entry<'a>>,
    upcoming: Vec<Entry<'a>>,
    /// Every published version, newest first.
    versions: Vec<Entry<'a>>,
}

/// Prints the versions in force and upcoming on the as-of date; returns the exit code.
pub fn run(ctx: &Ctx, args: &ShowArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let as_of = as_of::resolve(args.as_of.as_deref(), &content.config.time_zone)?;
    let timeline = Timeline::of(&content, as_of.date);
    let entry = |id: &crate::ids::VersionId| entry_of(&content, &timeline, id);
    let doc = ShowJson {
        schema: "policyc.show/1",
        as_of: as_of.date,
        as_of_source: as_of.source,
        in_force: timeline.in_force().and_then(entry),
        upcoming: timeline.upcoming().iter().filter_map(entry).collect(),
        versions: timeline
            .versions()
            .rev()
            .filter_map(|(id, _, _)| entry(id))
            .collect(),
    };
    let text = match args.format {
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&doc).expect("JSON serialises");
            s.push('\n');
            s
        }
        ReportFormat::Text => text(&doc),
    };
    output::stdout(&text)?;
    Ok(0)
}

/// Published version `id` as `show` lists it.
fn entry_of<'a>(content: &'a Content, timeline: &Timeline, id: &crate::ids::VersionId) -> Option<Entry<'a>> {
    let v = content.versions.get(id)?;
    Some(Entry {
        version: v.meta.id.as_str(),
        effective: v.meta.effective,
        updated: v.meta.updated,
        status: timeline.standing(id).map_or("superseded", Standing::as_str),
    })
}

/// The text report: the answer first, then every published version.
fn text(doc: &ShowJson) -> String {
    let dated = |e: &Entry| format!("{} (effective {}, updated {})", e.version, e.effective, e.updated);
    let mut out = format!("as of {}\n", doc.as_of);
    match &doc.in_force {
        Some(e) => out.push_str(&format!("in force: {}\n", dated(e))),
        None => out.push_str(&format!(
            "in force: none (no published version takes effect on or before {})\n",
            doc.as_of
        )),
    }
    if doc.upcoming.is_empty() {
        out.push_str("upcoming: none\n");
    }
    for e in &doc.upcoming {
        out.push_str(&format!("upcoming: {}\n", dated(e)));
    }
    if !doc.versions.is_empty() {
        out.push_str("\nversion     effective   status\n");
        for e in &doc.versions {
            out.push_str(&format!(
                "{:<11} {:<11} {}\n",
                e.version,
                e.effective.to_string(),
                e.status.replace('_', " ")
            ));
        }
    }
    out
}
