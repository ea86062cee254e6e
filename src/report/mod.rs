//! Presenters of a diff and its assessment: text (terminal), JSON (the `policyc.diff/1` contract),
//! Markdown (a pull-request comment) and HTML (a self-contained redline). The diff computes; these
//! only format.

pub mod consent;
pub mod context;
pub mod html;
pub mod json;
pub mod markdown;
pub mod notice;
pub mod reasons;
pub mod text;

use crate::classify::{Assessment, RuleSet, Severity};
use crate::diff::text::{Segment, normal_form, words};
use crate::diff::{Change, DiffInput, Kind, PolicyDiff};

/// Everything a presenter needs.
pub struct Report<'a> {
    /// The old side.
    pub old: &'a DiffInput,
    /// The new side.
    pub new: &'a DiffInput,
    /// The changes.
    pub diff: &'a PolicyDiff,
    /// Their verdicts.
    pub assessment: &'a Assessment,
    /// The rules (clause titles).
    pub rules: &'a RuleSet,
    /// The dates of the old and the new version, when the sides are versions.
    pub dates: [Option<VersionDates>; 2],
    /// The new version's texts of sections stating a changed fact that the diff did not parse.
    pub bodies: &'a context::Bodies,
}

/// A version's dates, shown beside its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionDates {
    /// When it takes effect.
    pub effective: crate::date::Date,
    /// When it was last updated.
    pub updated: crate::date::Date,
}

/// Counts for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Sections with at least one change.
    pub sections_changed: usize,
    /// Words added (CJK characters count one each).
    pub words_added: usize,
    /// Words removed.
    pub words_removed: usize,
}

impl Report<'_> {
    /// The report's locale (for clause titles).
    pub fn locale(&self) -> &str {
        &self.new.locale
    }

    /// Changes with their verdicts.
    pub fn items(&self) -> impl Iterator<Item = (&Change, &crate::classify::Verdict)> {
        self.diff.changes.iter().zip(&self.assessment.verdicts)
    }

    /// Counts.
    pub fn stats(&self) -> Stats {
        let sections: std::collections::BTreeSet<&str> =
            self.diff.changes.iter().map(|c| c.section.as_str()).collect();
        let count = |s: &str| words(&normal_form(s)).len();
        let (mut added, mut removed) = (0, 0);
        for c in &self.diff.changes {
            match c.kind {
                Kind::Added => added += c.new.as_deref().map_or(0, count),
                Kind::Removed => removed += c.old.as_deref().map_or(0, count),
                Kind::Modified if c.redline.is_empty() => {
                    added += c.new.as_deref().map_or(0, count);
                    removed += c.old.as_deref().map_or(0, count);
                }
                Kind::Modified => {
                    for s in &c.redline {
                        match s {
                            Segment::Ins(t) => added += count(t),
                            Segment::Del(t) => removed += count(t),
                            Segment::Same(_) => {}
                        }
                    }
                }
                Kind::Moved => {}
            }
        }
        Stats {
            sections_changed: sections.len(),
            words_added: added,
            words_removed: removed,
        }
    }

    /// Number of changes of each severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.assessment
            .verdicts
            .iter()
            .filter(|v| v.severity == severity)
            .count()
    }

    /// How the two sides are named, each version with its effective date in the report's language
    /// (`2022-10-19 (effective 2022-08-15) → 2026-12-01 (effective 2027-01-05)`); plain files by
    /// what the user named.
    pub fn sides(&self) -> String {
        format!(
            "{}{} → {}{}",
            self.old.label,
            self.effective(0),
            self.new.label,
            self.effective(1)
        )
    }

    /// ` (effective 2022-08-15)` (`（2022-08-15生效）`) for side 0 (old) or 1 (new) when it is a
    /// version; empty otherwise.
    pub fn effective(&self, side: usize) -> String {
        match self.dates[side] {
            Some(d) if self.locale().starts_with("zh") => format!("（{}生效）", d.effective),
            Some(d) => format!(" (effective {})", d.effective),
            None => String::new(),
        }
    }

    /// Where a change is: `Section › sub-heading`.
    pub fn place(change: &Change) -> String {
        let mut parts = vec![if change.heading.is_empty() {
            change.section.clone()
        } else {
            change.heading.clone()
        }];
        parts.extend(change.path.iter().cloned());
        parts.join(" › ")
    }
}
