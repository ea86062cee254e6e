//! `policyc build`: load, render every page, write the output folder atomically.

use crate::cli::BuildArgs;
use crate::error::{Error, Result};
use crate::render::site::{SiteOptions, render_site};
use crate::{Verbosity, load, output};

use super::Ctx;

/// Runs the build; returns the exit code.
pub fn run(ctx: &Ctx, args: &BuildArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let broken = crate::seal::verify(&content);
    if !broken.is_empty() {
        return Err(Error::Inputs(broken));
    }
    let templates_dir = args
        .templates
        .clone()
        .unwrap_or_else(|| default_templates_dir(&ctx.content));
    let templates = load::load_templates(Some(&templates_dir))?;
    let warnings = crate::commands::check::stale_translations(&content);
    for w in &warnings {
        ctx.warn_diagnostic(w);
    }
    if args.strict && !warnings.is_empty() {
        return Err(Error::Usage(format!(
            "{} warning(s) and --strict: nothing written",
            warnings.len()
        )));
    }
    let rules = load::load_rules(Some(&ctx.content))?;
    let artifacts = render_site(&content, &templates, &rules, SiteOptions { drafts: args.drafts })?;
    ctx.note(&format!("rendered {} files", artifacts.len()));
    output::write_site(&args.out, &artifacts)?;
    if ctx.verbosity > Verbosity::Quiet {
        eprintln!("built {} files into {}", artifacts.len() + 1, args.out.display());
    }
    Ok(0)
}

/// `templates/` beside the content folder.
pub fn default_templates_dir(content: &std::path::Path) -> std::path::PathBuf {
    match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("templates"),
        _ => std::path::PathBuf::from("templates"),
    }
}
