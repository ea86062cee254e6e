//! `check`'s rules: one module per rule, each a pure function from the content to findings.
//! Levels come from the rule's default, overridden by `policy.toml`'s `[lint]` table.

mod anchors;
mod content_rules;
mod fact_translations;
mod parity;
mod prose_facts;
mod sealed;

pub use prose_facts::{find_facts_in, find_phones, same_phone};
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
    sealed::TEXT_RULE,
    staleness::RULE,
];

/// Rules whose findings on a published version are warnings, whatever their level: its files are
/// sealed, so nobody may act on them there (they are errors on drafts).
pub const SOFTENED_WHEN_SEALED: &[&str] = &[parity::RULE.id, staleness::RULE.id];

/// Runs every rule that is not off; findings sorted by file and position.
pub fn run(content: &Content) -> Vec<Diagnostic> {
    let enabled: Vec<(&Rule, Level)> = RULES
        .iter()
        .filter_map(|rule| match content.config.lint.get(rule.id) {
            Some(LintLevel::Off) => None,
            Some(LintLevel::Error) => Some((rule, Level::Error)),
            Some(LintLevel::Warning) => Some((rule, Level::Warning)),
            None => Some((rule, rule.default)),
        })
        .collect();
    // the rules are independent: they run on every core, the findings are sorted after
    let sealed: Vec<&std::path::Path> = content
        .versions
        .values()
        .filter(|v| v.meta.status == crate::config::Status::Published)
        .map(|v| v.dir.as_path())
        .collect();
    let found = crate::parallel::map(&enabled, |(rule, level)| {
        let softened = SOFTENED_WHEN_SEALED.contains(&rule.id);
        (rule.run)(content)
            .into_iter()
            .map(|d| {
                let on_sealed = softened && sealed.iter().any(|dir| d.file.starts_with(dir));
                let level = if on_sealed { Level::Warning } else { *level };
                d.with_rule(rule.id, level)
            })
            .collect::<Vec<_>>()
    });
    let mut out: Vec<Diagnostic> = found.into_iter().flatten().collect();
    out.sort_by(|a, b| (&a.file, a.pos, a.rule).cmp(&(&b.file, b.pos, b.rule)));
    out
}

/// The rule with `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
