//! `policyc check`: load, run every lint rule, report as text or JSON.

use crate::cli::{CheckArgs, ReportFormat};
use crate::error::{Diagnostic, Level, Result};
use crate::model::Content;
use crate::{Verbosity, lint, load};

use super::Ctx;

/// Runs the linter; exit 1 when a finding is at error level.
pub fn run(ctx: &Ctx, args: &CheckArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let findings = lint::run(&content);
    let errors = findings.iter().filter(|d| d.level == Level::Error).count();
    match args.format {
        ReportFormat::Json => println!("{}", to_json(&findings)),
        ReportFormat::Text => {
            for d in &findings {
                if d.level == Level::Error || ctx.verbosity > Verbosity::Quiet {
                    println!("{}\n", d.render_long());
                }
            }
            if ctx.verbosity > Verbosity::Quiet {
                let warnings = findings.len() - errors;
                println!("check: {errors} error(s), {warnings} warning(s)");
            }
        }
    }
    Ok(if errors > 0 { 1 } else { 0 })
}

/// The `policyc.check/1` JSON document.
pub fn to_json(findings: &[Diagnostic]) -> String {
    let items: Vec<_> = findings
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file.display().to_string(),
                "line": d.pos.map(|p| p.line),
                "column": d.pos.map(|p| p.column),
                "level": d.level,
                "rule": d.rule,
                "message": d.message,
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({"schema": "policyc.check/1", "findings": items}))
        .expect("JSON serialises")
}

/// Stale translations, as `build` reports them (warnings).
pub fn stale_translations(content: &Content) -> Vec<Diagnostic> {
    lint::staleness::run(content)
        .into_iter()
        .map(|d| d.with_rule(lint::staleness::RULE.id, Level::Warning))
        .collect()
}
