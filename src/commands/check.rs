//! `policyc check`: load, run every lint rule, report as text or JSON.

use crate::cli::{CheckArgs, ReportFormat};
use crate::error::{Diagnostic, Level, Result};
use crate::model::Content;
use crate::{Verbosity, lint, load};

use super::Ctx;

/// Runs the linter; exit 1 when a finding is at error level.
pub fn run(ctx: &Ctx, args: &CheckArgs) -> Result<i32> {
    if let Some(id) = &args.explain {
        return explain(id);
    }
    let content = load::load_content(&ctx.content)?;
    // the rules a build and a diff would use: an invalid rules.toml fails here as it would there
    load::load_rules(Some(&ctx.content))?;
    let findings = lint::run(&content);
    let errors = findings.iter().filter(|d| d.level == Level::Error).count();
    match args.format {
        ReportFormat::Json => crate::output::stdout(&format!("{}\n", to_json(&findings)))?,
        ReportFormat::Text => {
            let mut text = String::new();
            for d in &findings {
                if d.level == Level::Error || ctx.verbosity > Verbosity::Quiet {
                    text.push_str(&format!("{}\n\n", d.render_long()));
                }
            }
            if ctx.verbosity > Verbosity::Quiet {
                let warnings = findings.len() - errors;
                text.push_str(&format!("check: {errors} error(s), {warnings} warning(s)\n"));
            }
            crate::output::stdout(&text)?;
        }
    }
    Ok(if errors > 0 { 1 } else { 0 })
}

/// `check --explain RULE`: the rule's explanation and default level; `all` lists every rule.
fn explain(id: &str) -> Result<i32> {
    if id == "all" {
        let list: String = lint::RULES
            .iter()
            .map(|r| format!("{:<28} {}\n", r.id, r.default))
            .collect();
        crate::output::stdout(&list)?;
        return Ok(0);
    }
    let rule = lint::rule(id).ok_or_else(|| {
        let ids: Vec<&str> = lint::RULES.iter().map(|r| r.id).collect();
        crate::error::Error::Usage(format!("unknown rule `{id}` (rules: {})", ids.join(", ")))
    })?;
    crate::output::stdout(&format!(
        "{} (default level: {})\n\n{}\n",
        rule.id, rule.default, rule.explain
    ))?;
    Ok(0)
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
