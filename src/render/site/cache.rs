//! What a build renders once and shows many times. Versions repeat most sections and facts files
//! byte for byte, and the same inputs render the same HTML:
//!
//! - a section's HTML, by [`Cache::section_key`] (its text, facts file and locale), kept until the
//!   last page that shows it has it, so the map stays small; a section showing a partial that
//!   declares it shows the version's dates ([`TemplateSet::dated_partials`]) has no key and is
//!   rendered for each version;
//! - a version's facts tree, by the sha256 of its `facts.toml` (the same tree for every version
//!   that shares the file, which also tells the diff at once that they are equal);
//! - a facts tree localized for one locale, with its template value.
//!
//! Sharing changes how often work is done, never what it makes.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use crate::error::{Diagnostic, Result};
use crate::facts;
use crate::ids::Locale;
use crate::markdown::Directive;
use crate::model::{Content, Section, Version};
use crate::parallel::Bounded;
use crate::render::sections::RenderedSection;
use crate::render::templates::{TemplateSet, template_error};

/// The caches of one build.
pub(super) struct Cache {
    /// Sections rendered so far, by [`Cache::section_key`], with how many more pages will ask for
    /// them. An entry goes when its last page has it.
    sections: Mutex<HashMap<String, (Arc<RenderedSection>, usize)>>,
    /// How many pages ask for each key of `sections` in the whole site.
    section_uses: HashMap<String, usize>,
    /// The partials that declare they show the version's dates.
    dated_partials: BTreeSet<String>,
    /// The locale tags of the content (localizing a facts tree needs them all).
    locale_tags: Vec<String>,
    /// Facts trees made lately, by the sha256 of their file.
    trees: Bounded<Arc<serde_json::Value>>,
    /// Facts files localized lately, by sha256 and locale.
    localized: Bounded<Arc<(serde_json::Value, tera::Value)>>,
    /// What each locale's comparison of a version pair found that bears on the verdict, by
    /// `old..new@locale`: every locale's redline carries the others' (one verdict per pair).
    findings: Bounded<Arc<crate::compare::LocaleFindings>>,
}

impl Cache {
    /// Empty caches for the site of `content` rendered with `templates`.
    pub(super) fn new(content: &Content, templates: &TemplateSet) -> Self {
        let mut cache = Cache {
            sections: Mutex::default(),
            section_uses: HashMap::new(),
            dated_partials: templates.dated_partials(),
            locale_tags: content.locale_tags(),
            // a few versions' worth: the jobs take versions in order, on every core
            localized: Bounded::new(4 * content.config.locales.len()),
            trees: Bounded::new(8),
            // a few pairs' worth in every locale: the jobs take versions in order
            findings: Bounded::new(8 * content.config.locales.len() * content.config.locales.len()),
        };
        cache.section_uses = cache.count_section_uses(content);
        cache
    }

    /// The findings of a pair's comparison in one locale, made by `compare` when not kept.
    pub(super) fn findings(
        &self,
        key: &str,
        compare: impl FnOnce() -> Option<crate::compare::LocaleFindings>,
    ) -> Option<Arc<crate::compare::LocaleFindings>> {
        if let Some(f) = self.findings.get(key) {
            return Some(f);
        }
        compare().map(|f| self.findings.insert(key, Arc::new(f)))
    }

    /// Keeps the findings of a comparison made anyway (a locale's own redline).
    pub(super) fn keep_findings(&self, key: &str, f: crate::compare::LocaleFindings) {
        self.findings.insert(key, Arc::new(f));
    }

    /// The partials that declare they show the version's dates (the only ones given `dates`).
    pub(super) fn dated_partials(&self) -> &BTreeSet<String> {
        &self.dated_partials
    }

    /// How many pages show each shareable section (by [`Cache::section_key`]).
    fn count_section_uses(&self, content: &Content) -> HashMap<String, usize> {
        let mut uses = HashMap::new();
        for v in content.versions.values() {
            for (locale, edition) in &v.editions {
                for s in &edition.sections {
                    if let Some(k) = self.section_key(v, locale, s) {
                        *uses.entry(k).or_default() += 1;
                    }
                }
            }
        }
        uses
    }

    /// What a section's HTML is made from, as a key of [`Cache::sections`]: its text, the facts and
    /// the locale (the templates and messages are the same for the whole site). `None` for a
    /// section that shows its version's dates: not to be shared.
    pub(super) fn section_key(
        &self,
        version: &Version,
        locale: &Locale,
        section: &Section,
    ) -> Option<String> {
        let name = section.file.path.file_name()?.to_str()?;
        let text = version.source_hashes.get(&format!("{locale}/{name}"))?;
        let facts = version.source_hashes.get("facts.toml")?;
        // only a partial declared to show the dates sees them: such a partial makes the section
        // the version's own
        let dated = section.directives.iter().any(|(_, d)| match d {
            Directive::Partial { name, .. } => self.dated_partials.contains(name),
            Directive::Fact { .. } => false,
        });
        (!dated).then(|| format!("{text} {facts} {locale}"))
    }

    /// The section rendered for `key` by an earlier page, counting this page as one of its uses.
    pub(super) fn shared_section(&self, key: &str) -> Option<Arc<RenderedSection>> {
        let mut map = crate::parallel::lock(&self.sections);
        let (r, left) = map.get_mut(key)?;
        let r = r.clone();
        *left -= 1;
        if *left == 0 {
            map.remove(key);
        }
        Some(r)
    }

    /// Keeps section `r` of `key`, just rendered, for the other pages that show it.
    pub(super) fn share_section(&self, key: &str, r: &Arc<RenderedSection>) {
        let left = self.section_uses.get(key).map_or(0, |n| n.saturating_sub(1));
        if left > 0 {
            crate::parallel::lock(&self.sections).insert(key.to_string(), (r.clone(), left));
        }
    }

    /// A version's facts as data, made once per facts file.
    pub(super) fn facts_tree(&self, version: &Version) -> Arc<serde_json::Value> {
        let Some(key) = version.source_hashes.get("facts.toml") else {
            return Arc::new(version.facts.to_tree());
        };
        if let Some(found) = self.trees.get(key) {
            return found;
        }
        self.trees.insert(key, Arc::new(version.facts.to_tree()))
    }

    /// A version's facts in `locale`, as data and as a template value; made once per facts file
    /// and locale.
    pub(super) fn localized(
        &self,
        version: &Version,
        locale: &Locale,
        facts: &serde_json::Value,
        templates: &TemplateSet,
    ) -> Result<Arc<(serde_json::Value, tera::Value)>> {
        let key = version
            .source_hashes
            .get("facts.toml")
            .map(|h| format!("{h} {locale}"));
        if let Some(found) = key.as_ref().and_then(|k| self.localized.get(k)) {
            return Ok(found);
        }
        let tree = facts::localize(facts, locale.as_str(), &self.locale_tags).map_err(|m| {
            Diagnostic::file_error(
                &version.facts_file.path,
                format!("fact `{}` has no `{locale}` text", m.path),
            )
        })?;
        let value = tera::Value::try_from_serializable(&tree).map_err(|e| template_error(templates, &e))?;
        let made = Arc::new((tree, value));
        Ok(match key {
            Some(k) => self.localized.insert(&k, made),
            None => made,
        })
    }
}
