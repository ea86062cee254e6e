//! The compare stage: two versions (or two parsed texts) -> [`Comparison`], the one place where a
//! pair of inputs is diffed and assessed. `policyc diff`, `notice`, `release` (the notice period),
//! the site's redlines and the fuzz targets all compare through here; none calls
//! [`crate::diff::diff`] or [`crate::classify::assess`] itself.
//!
//! 1. the two sides become [`DiffInput`]s ([`versions`] from loaded versions, skipping the bodies of
//!    sections whose file is the same on both sides; [`inputs`] takes inputs the caller parsed);
//! 2. [`crate::diff::diff`] compares them in the locale of the sides;
//! 3. [`crate::classify::assess`] gives the §VIII verdicts, in the new side's locale.
//!
//! A [`Comparison`] owns all of it (the labels travel in the inputs) and hands the presenters their
//! [`Report`].

use crate::classify::{self, Assessment, RuleSet};
use crate::diff::input::{self, Side};
use crate::diff::{self, DiffInput, PolicyDiff};
use crate::report::Report;

/// Two inputs compared: the inputs, their diff and its assessment under the rules used.
#[derive(Debug)]
pub struct Comparison<'r> {
    old: DiffInput,
    new: DiffInput,
    diff: PolicyDiff,
    assessment: Assessment,
    rules: &'r RuleSet,
}

/// Compares two versions, each in its side's locale, under `rules`. Fact texts are told apart
/// by the locales of the new side's content. `Err`: a version or a locale that the content does not
/// have (the message names it).
pub fn versions<'r>(old: Side, new: Side, rules: &'r RuleSet) -> Result<Comparison<'r>, String> {
    let locales = new.content.locale_tags();
    let (old, new) = input::version_pair(old, new)?;
    Ok(inputs(old, new, &locales, rules))
}

/// Compares two inputs the caller made (Markdown texts, or a version and a text); `locales` are the
/// locale tags of the facts trees (the fallback first). Facts are compared, and clauses found
/// through section ids, only when both sides are versions.
pub fn inputs<'r>(old: DiffInput, new: DiffInput, locales: &[String], rules: &'r RuleSet) -> Comparison<'r> {
    let diff = diff::diff(&old, &new, locales);
    let versioned = old.facts.is_some() && new.facts.is_some();
    let assessment = classify::assess(&diff, rules, &new.locale, versioned);
    Comparison {
        old,
        new,
        diff,
        assessment,
        rules,
    }
}

impl<'r> Comparison<'r> {
    /// The old side (its label is what the user named).
    pub fn old_input(&self) -> &DiffInput {
        &self.old
    }

    /// The new side.
    pub fn new_input(&self) -> &DiffInput {
        &self.new
    }

    /// The changes.
    pub fn diff(&self) -> &PolicyDiff {
        &self.diff
    }

    /// The verdicts on the changes and on the whole.
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// The rules the assessment applied.
    pub fn rules(&self) -> &'r RuleSet {
        self.rules
    }

    /// Everything a presenter needs.
    pub fn report(&self) -> Report<'_> {
        Report {
            old: &self.old,
            new: &self.new,
            diff: &self.diff,
            assessment: &self.assessment,
            rules: self.rules,
        }
    }
}
