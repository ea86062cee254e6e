//! `policyc notice OLD NEW`: the user-facing notice of a new version, on stdout.
//!
//! OLD and NEW are two different versions, OLD the earlier; they may be several versions apart.
//! The notice compares OLD with NEW directly: it tells a user who accepted OLD how NEW differs from
//! what they accepted, so a change made in a version between and undone later is not listed, and
//! a value changed twice is shown from OLD's value to NEW's. The versions between are named in
//! the JSON (`between`), and the notice then links to the archive of versions rather than to a
//! redline, since the site has redlines between consecutive published versions only.

use crate::cli::{NoticeArgs, NoticeFormat};
use crate::config::Status;
use crate::error::{Error, Result};
use crate::ids::{Locale, VersionId};
use crate::render::dates::DateFormat;
use crate::{compare, diff, load, report};

use super::Ctx;

/// Runs the command.
pub fn run(ctx: &Ctx, args: &NoticeArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let locale = match &args.locale {
        Some(l) => Locale::parse(l).map_err(Error::Usage)?,
        None => content.config.default_locale.clone(),
    };
    let old_id = VersionId::parse(&args.old).map_err(Error::Usage)?;
    let new_id = VersionId::parse(&args.new).map_err(Error::Usage)?;
    if old_id == new_id {
        return Err(Error::Usage(format!(
            "a notice is about the changes from one version to another: OLD and NEW are both {old_id} \
             (give the version users accepted, then the new one)"
        )));
    }
    if new_id < old_id {
        return Err(Error::Usage(format!(
            "a notice goes from an earlier version to a later one: {old_id} is later than {new_id} \
             (did you mean `policyc notice {new_id} {old_id}`?)"
        )));
    }
    let side = |id, label: &String| diff::input::Side {
        content: &content,
        id,
        locale: &locale,
        label: label.clone(),
        facts: None,
    };
    let rules = load::load_rules(Some(&ctx.content))?;
    let comparison = compare::versions(side(&old_id, &args.old), side(&new_id, &args.new), &rules)
        .map_err(Error::Usage)?;
    // the published versions between the two, whose changes the notice sums up
    let between: Vec<String> = content
        .versions
        .range(&old_id..&new_id)
        .filter(|(id, v)| **id != old_id && v.meta.status == Status::Published)
        .map(|(id, _)| id.to_string())
        .collect();
    let templates = load::load_templates(Some(&super::build::default_templates_dir(&ctx.content)))?;
    let msg = templates.messages(&locale)?;
    let dates = DateFormat::new(&locale).map_err(Error::Usage)?;
    let version = &content.versions[&new_id];
    let base = &content.config.base_url;
    // the site has a redline between consecutive published versions; across several, the archive
    let url = if between.is_empty() {
        format!("{base}{locale}/changes/{old_id}..{new_id}.html")
    } else {
        format!("{base}{locale}/versions.html")
    };
    let report = comparison.report();
    let view = report::notice::view(
        &report,
        &msg,
        &content.config.product,
        old_id.as_str(),
        new_id.as_str(),
        dates.format(version.meta.effective),
        url,
    );
    let text = match args.format {
        NoticeFormat::Json => report::notice::json(&view, &report, &between),
        format => {
            let template = match format {
                NoticeFormat::Text => "notice.txt",
                NoticeFormat::Markdown => "notice.md",
                _ => "notice.html",
            };
            report::notice::render(&templates, template, locale.as_str(), &view, &msg)?
        }
    };
    crate::output::stdout(&text)?;
    Ok(0)
}
