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
//! A [`Comparison`] owns all of it (the labels travel in the inputs; for two versions also their
//! dates, and the new version's texts of the sections that state a changed fact, which the diff did
//! not parse where the file is unchanged) and hands the presenters their [`Report`].
//!
//! One verdict per version pair: two versions are compared in every locale the content has, and
//! the report's locale carries each change that bears on the verdict (material, or limiting
//! rights) which only another locale's text makes, quoted in that locale's words. So `material`,
//! `requires_consent` and `clauses` do not depend on the locale a report is read in.

use crate::classify::{self, Assessment, Evidence, Reason, RuleSet, Severity, Verdict};
use crate::diff::input::{self, Side};
use crate::diff::{self, Change, DiffInput, PolicyDiff};
use crate::report::context::Bodies;
use crate::report::{Report, VersionDates};

/// Two inputs compared: the inputs, their diff and its assessment under the rules used.
#[derive(Debug)]
pub struct Comparison<'r> {
    old: DiffInput,
    new: DiffInput,
    diff: PolicyDiff,
    assessment: Assessment,
    /// The versions' dates, for versioned sides (shown beside their ids in reports).
    dates: [Option<VersionDates>; 2],
    /// The new version's texts of the sections that state a changed fact, by section id (the diff
    /// does not parse a section whose file is unchanged; reports show the fact in its sentences).
    bodies: Bodies,
    rules: &'r RuleSet,
}

/// The changes of one locale's comparison that bear on the verdict (material, or limiting users'
/// rights), with their verdicts: what the reports in the other locales must carry when their own
/// text lacks them.
#[derive(Debug, Clone)]
pub struct LocaleFindings {
    /// The locale compared.
    pub locale: String,
    /// Its changes that bear on the verdict.
    pub items: Vec<(Change, Verdict)>,
}

/// Compares two versions in the sides' locale and in every other locale both versions have; the
/// report is in the sides' locale and carries what only the others' texts change. `Err`: a
/// version or a locale that the content does not have (the message names it).
pub fn versions<'r, 'r2>(
    old: Side<'r2>,
    new: Side<'r2>,
    rules: &'r RuleSet,
) -> Result<Comparison<'r>, String> {
    let mut others = Vec::new();
    for locale in new.content.config.locales.iter().filter(|l| *l != new.locale) {
        let in_locale = |side: &Side<'r2>| -> Side<'r2> {
            Side {
                locale,
                label: side.label.clone(),
                facts: side.facts.clone(),
                ..*side
            }
        };
        // a locale one of the versions lacks has nothing to compare
        if let Ok(c) = versions_in(in_locale(&old), in_locale(&new), rules) {
            others.push(c.findings());
        }
    }
    versions_with(old, new, rules, &others)
}

/// Compares two versions in the sides' locale only.
pub fn versions_in<'r>(old: Side, new: Side, rules: &'r RuleSet) -> Result<Comparison<'r>, String> {
    let locales = new.content.locale_tags();
    let dates = [dates_of(&old), dates_of(&new)];
    let edition = new
        .content
        .versions
        .get(new.id)
        .and_then(|v| v.editions.get(new.locale));
    let (old, new) = input::version_pair(old, new)?;
    let c = inputs(old, new, &locales, rules);
    let paths: Vec<&str> = c
        .diff
        .changes
        .iter()
        .filter_map(|ch| ch.fact.as_ref().map(|f| f.path.as_str()))
        .collect();
    let bodies = edition
        .map(|e| {
            e.sections
                .iter()
                .filter(|s| paths.iter().any(|p| s.body().contains(p)))
                .map(|s| (s.id().to_string(), s.body().to_string()))
                .collect()
        })
        .unwrap_or_default();
    Ok(Comparison { dates, bodies, ..c })
}

/// The dates of a side's version.
fn dates_of(side: &Side) -> Option<VersionDates> {
    side.content.versions.get(side.id).map(|v| VersionDates {
        effective: v.meta.effective,
        updated: v.meta.updated,
    })
}

/// Compares two versions in the sides' locale, carrying the findings of the other locales (which
/// a caller that compares every pair in every locale, the site, keeps rather than recomputes).
pub fn versions_with<'r>(
    old: Side,
    new: Side,
    rules: &'r RuleSet,
    others: &[LocaleFindings],
) -> Result<Comparison<'r>, String> {
    let mut c = versions_in(old, new, rules)?;
    c.carry(others);
    Ok(c)
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
        dates: [None, None],
        bodies: Bodies::new(),
        rules,
    }
}

/// A comparison apart from the rules it was made under, to be kept (by the site, between one
/// locale's redline and another's) and put back together with them.
#[derive(Debug)]
pub struct Parts {
    old: DiffInput,
    new: DiffInput,
    diff: PolicyDiff,
    assessment: Assessment,
    dates: [Option<VersionDates>; 2],
    bodies: Bodies,
}

impl<'r> Comparison<'r> {
    /// The comparison without its rules.
    pub fn into_parts(self) -> Parts {
        Parts {
            old: self.old,
            new: self.new,
            diff: self.diff,
            assessment: self.assessment,
            dates: self.dates,
            bodies: self.bodies,
        }
    }

    /// A comparison kept as parts, under the rules it was made under.
    pub fn from_parts(parts: Parts, rules: &'r RuleSet) -> Self {
        Comparison {
            old: parts.old,
            new: parts.new,
            diff: parts.diff,
            assessment: parts.assessment,
            dates: parts.dates,
            bodies: parts.bodies,
            rules,
        }
    }

    /// Its changes that bear on the verdict, to be carried into the other locales' reports.
    pub fn findings(&self) -> LocaleFindings {
        LocaleFindings {
            locale: self.new.locale.clone(),
            items: self
                .diff
                .changes
                .iter()
                .zip(&self.assessment.verdicts)
                .filter(|(_, v)| v.severity == Severity::Material || v.requires_consent)
                .map(|(c, v)| (c.clone(), v.clone()))
                .collect(),
        }
    }

    /// Adds the changes that only other locales' texts make (a fact change is one change in every
    /// locale; a prose change is carried when no change of this locale in the same section
    /// triggers its clauses), then makes the verdict on the whole again.
    pub fn carry(&mut self, others: &[LocaleFindings]) {
        let own = self.new.locale.clone();
        for f in others.iter().filter(|f| f.locale != own) {
            for (change, verdict) in &f.items {
                let covered = self
                    .diff
                    .changes
                    .iter()
                    .zip(&self.assessment.verdicts)
                    .any(|(c, v)| match (&change.fact, &c.fact) {
                        (Some(a), Some(b)) => a.path == b.path,
                        (Some(_), None) | (None, Some(_)) => false,
                        (None, None) => {
                            c.section == change.section
                                && verdict.clauses.iter().all(|k| v.clauses.contains(k))
                                && (!verdict.requires_consent || v.requires_consent)
                        }
                    });
                if covered {
                    continue;
                }
                let mut change = change.clone();
                change.locale = Some(f.locale.clone());
                let mut verdict = verdict.clone();
                verdict.reasons.push(Evidence {
                    clause: None,
                    reason: Reason::OnlyInLocale {
                        locale: f.locale.clone(),
                        missing: own.clone(),
                    },
                });
                self.diff.changes.push(change);
                self.assessment.verdicts.push(verdict);
            }
        }
        let clauses: std::collections::BTreeSet<String> = self
            .assessment
            .verdicts
            .iter()
            .flat_map(|v| v.clauses.iter().cloned())
            .collect();
        self.assessment.material = !clauses.is_empty();
        self.assessment.requires_consent = self.assessment.verdicts.iter().any(|v| v.requires_consent);
        self.assessment.clauses = clauses.into_iter().collect();
    }

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
            dates: self.dates,
            bodies: &self.bodies,
        }
    }
}
