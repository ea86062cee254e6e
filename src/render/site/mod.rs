//! Every page of the site: published versions x locales (and drafts on request), the current
//! version's copy, the redlines, each locale's archive and feed, the language chooser and the facts
//! data.
//!
//! 1. [`render_site_into`] makes a `Site`: the templates' engine, each locale's messages and date
//!    format, and the fingerprint of what every page depends on;
//! 2. `jobs` cuts the site into units of work (a version's pages in one locale, one redline, one
//!    facts file), each with a fingerprint of its inputs, runs them on every core and hands each
//!    unit's files to a [`Sink`] as soon as they are made, or lets the sink keep what an earlier
//!    build made from the same inputs;
//! 3. `pages` renders a version's web and print pages, the archive and the language chooser;
//!    `changes` the redlines (through [`crate::compare`]) and the change summaries that the
//!    archive and `feed` show;
//! 4. `cache` keeps what a build renders once and shows many times: a section's HTML, a facts
//!    tree, a localized facts tree.
//!
//! A section is rendered once for all versions that share its text, facts file and locale, unless it
//! shows a partial that shows the version's own dates. Which partials those are is declared by the
//! templates themselves, never guessed from their text: a partial that shows the dates opens with
//! the comment `{# policyc: dates #}` ([`crate::render::templates::DATES_DECLARATION`]), and only
//! such a partial is given `dates` when it renders, so an undeclared one that tries to show them
//! fails the build instead of showing another version's dates.

mod cache;
mod changes;
mod feed;
mod jobs;
mod pages;
mod sealed;
mod status;

use std::collections::BTreeMap;

use crate::error::{Diagnostic, Result};
use crate::fingerprint::{Fingerprint, Hasher};
use crate::ids::Locale;
use crate::model::{Content, Version};
use crate::output::Artifact;
use crate::render::dates::DateFormat;
use crate::render::templates::{Messages, TemplateSet, template_error};
use crate::render::views::{Alternate, Dates};

pub use jobs::{Collect, Sink, UnitSummary};
pub use sealed::{extract_main, sealed_mains};

/// What to render besides the published versions, and on which day.
#[derive(Debug, Clone, Copy)]
pub struct SiteOptions {
    /// Render drafts under `drafts/`.
    pub drafts: bool,
    /// PDFs are printed beside the print pages: link them.
    pub pdf: bool,
    /// The build's as-of date: the current pages show the version in force on it.
    pub as_of: crate::date::Date,
}

/// Per-locale resources, made once.
struct LocaleKit {
    messages: Messages,
    /// The messages as a template value, converted once for every page.
    msg: tera::Value,
    dates: DateFormat,
}

/// What every unit of the site is rendered with.
struct Site<'a> {
    pdf: bool,
    content: &'a Content,
    /// Where each published version stands on the build's date.
    timeline: crate::timeline::Timeline,
    rules: &'a crate::classify::RuleSet,
    templates: &'a TemplateSet,
    tera: tera::Tera,
    kits: BTreeMap<Locale, LocaleKit>,
    /// Everything every page depends on: policyc, the templates, `policy.toml`, the rules, options.
    fingerprint: Fingerprint,
    /// What the build renders once and shows many times.
    cache: cache::Cache,
    /// Comparisons of a version pair in one locale, made for another locale's redline (which needs
    /// their findings) and kept until the locale's own redline takes them: each pair is compared
    /// once in each locale.
    pending: std::sync::Mutex<std::collections::HashMap<String, crate::compare::Parts>>,
}

/// Renders the whole site into memory, files sorted by path.
pub fn render_site(
    content: &Content,
    templates: &TemplateSet,
    rules: &crate::classify::RuleSet,
    opts: SiteOptions,
) -> Result<Vec<Artifact>> {
    let sink = Collect::default();
    render_site_into(content, templates, rules, opts, &sink, &|_, _| {})?;
    Ok(sink.into_files())
}

/// Renders the whole site into `sink`, on every core, calling `progress(done, total)` after each
/// job.
pub fn render_site_into(
    content: &Content,
    templates: &TemplateSet,
    rules: &crate::classify::RuleSet,
    opts: SiteOptions,
    sink: &dyn Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<()> {
    let site = Site::new(content, templates, rules, opts)?;
    // the redlines of each locale, in version order
    let changes = jobs::run(&site, opts.drafts, sink, progress)?;
    for (locale, changes) in content.config.locales.iter().zip(&changes) {
        if *locale == content.config.default_locale {
            sink.put(site.consent_data(changes))?;
        }
        sink.put(site.versions_page(locale, changes)?)?;
        sink.put(site.feed(locale, changes)?)?;
    }
    sink.put(site.index_page()?)?;
    Ok(())
}

impl<'a> Site<'a> {
    /// The engine, each locale's kit and the fingerprint every page depends on.
    fn new(
        content: &'a Content,
        templates: &'a TemplateSet,
        rules: &'a crate::classify::RuleSet,
        opts: SiteOptions,
    ) -> Result<Self> {
        let mut kits = BTreeMap::new();
        for locale in &content.config.locales {
            let messages = templates.messages(locale)?;
            let dates =
                DateFormat::new(locale).map_err(|m| Diagnostic::file_error(&content.config_file.path, m))?;
            let msg =
                tera::Value::try_from_serializable(&messages).map_err(|e| template_error(templates, &e))?;
            kits.insert(locale.clone(), LocaleKit { messages, msg, dates });
        }
        Ok(Site {
            pdf: opts.pdf,
            content,
            timeline: crate::timeline::Timeline::of(content, opts.as_of),
            rules,
            templates,
            tera: templates.engine()?,
            kits,
            fingerprint: Hasher::new("site")
                .with(&templates.fingerprint())
                .part(&content.config_file.text)
                .part(rules.fingerprint())
                .part([u8::from(opts.pdf)])
                .finish(),
            cache: cache::Cache::new(content, templates),
            pending: std::sync::Mutex::default(),
        })
    }
}

impl Site<'_> {
    /// The same page in every locale, seen from folder `dir` of `locale`; `target(l)` gives the
    /// page's path in locale `l` and the path of its absolute URL (both from the site root).
    fn alternates(
        &self,
        locale: &Locale,
        dir: &str,
        target: impl Fn(&Locale) -> (String, String),
    ) -> Vec<Alternate> {
        let base = &self.content.config.base_url;
        self.content
            .config
            .locales
            .iter()
            .map(|l| {
                let (path, url_path) = target(l);
                Alternate {
                    lang: l.to_string(),
                    name: self
                        .kit(l)
                        .messages
                        .get("language_name")
                        .cloned()
                        .unwrap_or_default(),
                    href: relative(dir, &path),
                    url: format!("{base}{url_path}"),
                    current: l == locale,
                }
            })
            .collect()
    }

    /// `data/consent.json`: what users must consent to again, from the default locale's
    /// `changes` between consecutive published versions.
    fn consent_data(&self, changes: &[changes::PairChanges]) -> Artifact {
        let published: Vec<crate::report::consent::Published> = self
            .content
            .versions
            .values()
            .filter(|v| v.meta.status == crate::config::Status::Published)
            .map(|v| crate::report::consent::Published {
                id: &v.meta.id,
                effective: v.meta.effective,
                consent: changes
                    .iter()
                    .find(|c| c.new == v.meta.id.as_str())
                    .and_then(|c| c.consent.as_ref()),
            })
            .collect();
        Artifact::new(
            "data/consent.json".to_string(),
            crate::report::consent::document(&published, &self.timeline),
        )
    }

    /// The published version before `version`, when `version` is published and has one: its pages
    /// link to the redline between the two.
    fn predecessor(&self, version: &Version) -> Option<&Version> {
        if version.meta.status != crate::config::Status::Published {
            return None;
        }
        self.content
            .versions
            .range(..&version.meta.id)
            .rev()
            .map(|(_, v)| v)
            .find(|v| v.meta.status == crate::config::Status::Published)
    }

    fn kit(&self, locale: &Locale) -> &LocaleKit {
        self.kits.get(locale).expect("a kit per declared locale")
    }

    fn dates(&self, version: &Version, locale: &Locale) -> Dates {
        let f = &self.kit(locale).dates;
        Dates {
            effective: f.format(version.meta.effective),
            effective_iso: version.meta.effective.to_string(),
            updated: f.format(version.meta.updated),
            updated_iso: version.meta.updated.to_string(),
        }
    }

    fn render(&self, template: &str, view: &impl serde::Serialize) -> Result<Vec<u8>> {
        self.render_with(template, view, &[])
    }

    /// [`Site::render`] with values converted beforehand added to the view (cheap: they share).
    fn render_with(
        &self,
        template: &str,
        view: &impl serde::Serialize,
        shared: &[(&'static str, &tera::Value)],
    ) -> Result<Vec<u8>> {
        let mut ctx = tera::Context::from_serialize(view).map_err(|e| template_error(self.templates, &e))?;
        for (key, value) in shared {
            ctx.insert_value(*key, (*value).clone());
        }
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| template_error(self.templates, &e))?;
        Ok(html.into_bytes())
    }
}

/// The link from a page in folder `from_dir` (ending in `/`, or empty for the root) to `to`.
fn relative(from_dir: &str, to: &str) -> String {
    let depth = from_dir.matches('/').count();
    format!("{}{to}", "../".repeat(depth))
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn relative_links() {
        assert_eq!(
            relative("en/2022-10-19/", "zh-CN/2022-10-19/index.html"),
            "../../zh-CN/2022-10-19/index.html"
        );
        assert_eq!(relative("en/", "index.html"), "../index.html");
        assert_eq!(relative("", "en/index.html"), "en/index.html");
    }
}
