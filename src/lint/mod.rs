//! `check`'s rules: one module per rule, each a pure function from the content to findings.
//! Levels come from the rule's default, overridden by `policy.toml`'s `[lint]` table.

mod anchors;
mod content_rules;
mod fact_translations;
mod parity;
mod prose_facts;
mod sealed;

pub use prose_facts::{find_facts_in, find_phones};
pub mod staleness;

use crate::config::LintLevel;
use crate::error::{Diagnostic, Level};
use crate::model::Content;

/// A lint rule.
pub struct Rule {
    /// Stable id (`translation-stale`).
    pub id: &'static str,
    /// Level when `policy.toml` says nothing.
    pub default: Level,
    /// One paragraph for `check --explain`.
    pub explain: &'static str,
    /// The check.
    pub run: fn(&Content) -> Vec<Diagnostic>,
}

/// Every rule, in the order findings are reported.
pub const RULES: &[Rule] = &[
    content_rules::SECTION_EMPTY,
    content_rules::PLACEHOLDER,
    prose_facts::RULE,
    anchors::RULE,
    content_rules::FACT_FORMAT,
    content_rules::REQUIRED,
    content_rules::UNSHOWN,
    content_rules::NOT_STATED_RULE,
    content_rules::DATES,
    fact_translations::RULE,
    parity::RULE,
    sealed::RULE,
    staleness::RULE,
];

/// Runs every rule that is not off; findings sorted by file and position.
pub fn run(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        let level = match content.config.lint.get(rule.id) {
            Some(LintLevel::Off) => continue,
            Some(LintLevel::Error) => Level::Error,
            Some(LintLevel::Warning) => Level::Warning,
            None => rule.default,
        };
        out.extend(
            (rule.run)(content)
                .into_iter()
                .map(|d| d.with_rule(rule.id, level)),
        );
    }
    out.sort_by(|a, b| (&a.file, a.pos, a.rule).cmp(&(&b.file, b.pos, b.rule)));
    out
}

/// The rule with `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
