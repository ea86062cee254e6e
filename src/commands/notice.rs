//! `policyc notice OLD NEW`: the user-facing notice of a new version, on stdout.

use crate::cli::{NoticeArgs, NoticeFormat};
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
    let templates = load::load_templates(Some(&super::build::default_templates_dir(&ctx.content)))?;
    let msg = templates.messages(&locale)?;
    let dates = DateFormat::new(&locale).map_err(Error::Usage)?;
    let version = &content.versions[&new_id];
    let url = format!(
        "{}{locale}/changes/{old_id}..{new_id}.html",
        content.config.base_url
    );
    let view = report::notice::view(
        comparison.assessment(),
        &rules,
        &msg,
        locale.as_str(),
        &content.config.product,
        old_id.as_str(),
        new_id.as_str(),
        dates.format(version.meta.effective),
        url,
    );
    let template = match args.format {
        NoticeFormat::Text => "notice.txt",
        NoticeFormat::Markdown => "notice.md",
        NoticeFormat::Html => "notice.html",
    };
    let text = report::notice::render(&templates, template, locale.as_str(), &view, &msg)?;
    crate::output::stdout(&text)?;
    Ok(0)
}
