//! `policyc import FILE`: an existing whole-policy Markdown or HTML file into a new content folder.

use crate::cli::ImportArgs;
use crate::error::{Error, Result};
use crate::ids::{Locale, VersionId};
use crate::{Verbosity, import, load, output};

use super::Ctx;

/// Runs the import; refuses a content folder that already holds a policy.
pub fn run(ctx: &Ctx, args: &ImportArgs) -> Result<i32> {
    let (src, controls) = load::read_foreign(&args.file)?;
    let is_html = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let markdown = if is_html {
        import::html_to_markdown(&src.text)
    } else {
        src.text.clone()
    };
    let locale = match &args.locale {
        Some(l) => Locale::parse(l).map_err(Error::Usage)?,
        None => Locale::parse(if crate::diff::text::cjk_ratio(&markdown) > 0.3 {
            "zh-CN"
        } else {
            "en"
        })
        .expect("valid"),
    };
    let version = match &args.version {
        Some(v) => VersionId::parse(v).map_err(Error::Usage)?,
        None => VersionId::parse(&super::lifecycle::today().to_string()).expect("today is a date"),
    };
    if load::holds_policy(&ctx.content) {
        return Err(Error::Usage(format!(
            "{} already holds a policy: import into a new folder (--content DIR), then copy what you need",
            ctx.content.display()
        )));
    }
    if load::is_empty_folder(&ctx.content)? {
        output::remove_empty_folder(&ctx.content)?;
    }
    let product = args
        .file
        .file_stem()
        .map_or_else(|| "Policy".to_string(), |s| s.to_string_lossy().into_owned());
    let mut imported = import::import(&markdown, version.as_str(), locale.as_str(), &product);
    if controls > 0 {
        imported.report.push(format!(
            "{controls} control character(s) (terminal escapes, NUL, bell …) in the file were replaced by visible symbols such as ␛ and ␀: content may not hold them; remove them"
        ));
    }
    let files: Vec<(String, Vec<u8>)> = imported
        .files
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    output::write_new_folder(&ctx.content, &files)?;
    let mut report = format!(
        "imported {} into {} (version {version}, locale {locale})\n",
        args.file.display(),
        ctx.content.display()
    );
    for line in &imported.report {
        report.push_str(&format!("  - {line}\n"));
    }
    report.push_str("next: policyc check, then policyc build --drafts\n");
    match args.format {
        crate::cli::ReportFormat::Json => {
            let json = serde_json::json!({
                "schema": "policyc.import/1",
                "content": ctx.content.display().to_string(),
                "version": version,
                "locale": locale,
                "files": files.len(),
                "report": imported.report,
            });
            ctx.report(args.format, "", json)?;
        }
        crate::cli::ReportFormat::Text if ctx.verbosity > Verbosity::Quiet => {
            output::stdout(&report).map_err(|e| Error::Unreported(Box::new(e)))?
        }
        crate::cli::ReportFormat::Text => {}
    }
    Ok(0)
}
