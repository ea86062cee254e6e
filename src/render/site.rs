//! Every page of the site: published versions x locales (and drafts on request), the current
//! version's copy, the redlines, each locale's archive and feed, the language chooser and the facts
//! data. The work is cut into units with fingerprints of their inputs, run on every core, and each
//! unit's files go to a [`Sink`] as soon as they are made.

use std::collections::BTreeMap;

use std::sync::Mutex;

use crate::config::Status;
use crate::error::{Diagnostic, Result};
use crate::facts;
use crate::fingerprint::{Fingerprint, Hasher};
use crate::ids::{Locale, VersionId};
use crate::model::{Content, Section, Version};
use crate::output::Artifact;
use crate::parallel::Bounded;
use crate::render::dates::DateFormat;
use crate::render::sections::{FactResolver, PartialShared, RenderedSection, render_section};
use crate::render::templates::{Messages, TemplateSet, template_error};
use crate::render::views::*;

/// What to render besides the published versions.
#[derive(Debug, Clone, Copy, Default)]
pub struct SiteOptions {
    /// Render drafts under `drafts/`.
    pub drafts: bool,
    /// PDFs are printed beside the print pages: link them.
    pub pdf: bool,
}

/// Per-locale resources, made once.
struct LocaleKit {
    messages: Messages,
    /// The messages as a template value, converted once for every page.
    msg: tera::Value,
    dates: DateFormat,
}

struct Site<'a> {
    pdf: bool,
    content: &'a Content,
    rules: &'a crate::classify::RuleSet,
    templates: &'a TemplateSet,
    tera: tera::Tera,
    kits: BTreeMap<Locale, LocaleKit>,
    /// Everything every page depends on: policyc, the templates, `policy.toml`, the rules, options.
    fingerprint: Fingerprint,
    /// Sections rendered so far, by [`Site::section_key`], with how many more pages will ask for
    /// them: versions repeat most sections and facts byte for byte, and the same inputs render
    /// the same HTML. An entry goes when its last page has it, so the map stays small.
    sections: Mutex<std::collections::HashMap<String, (std::sync::Arc<RenderedSection>, usize)>>,
    /// How many pages ask for each key of `sections` in the whole site.
    section_uses: std::collections::HashMap<String, usize>,
    /// The partials whose templates cannot show a version's dates (nor pull in one that could).
    undated_partials: std::collections::BTreeSet<String>,
    /// Facts trees made lately, by the sha256 of their file.
    trees: Bounded<std::sync::Arc<serde_json::Value>>,
    /// Facts files localized lately, by sha256 and locale.
    localized: Bounded<std::sync::Arc<(serde_json::Value, tera::Value)>>,
}

/// Where the rendered files go, and what an earlier build left that can be kept. The site is made
/// of units of work (a version's pages in one locale, one redline, one facts file), each with a
/// fingerprint of its inputs; a few pages that sum up the others (archives, feeds, the language
/// chooser) are always made anew.
pub trait Sink: Sync {
    /// Takes one file that belongs to no unit.
    fn put(&self, file: Artifact) -> Result<()>;
    /// Takes the files of the unit made from inputs with `fingerprint`, with its summary (the
    /// titles of the clauses a redline triggers, or nothing).
    fn unit(&self, fingerprint: &Fingerprint, files: Vec<Artifact>, summary: Vec<String>) -> Result<()>;
    /// When an earlier build made a unit from the same inputs and its files are intact: keeps them
    /// and returns the unit's summary. `None`: the unit is rendered.
    fn reuse(&self, _fingerprint: &Fingerprint) -> Result<Option<Vec<String>>> {
        Ok(None)
    }
}

/// A sink that keeps every file in memory (for `serve` and tests).
#[derive(Default)]
pub struct Collect(Mutex<Vec<Artifact>>);

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<Artifact> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, file: Artifact) -> Result<()> {
        crate::parallel::lock(&self.0).push(file);
        Ok(())
    }

    fn unit(&self, _: &Fingerprint, files: Vec<Artifact>, _: Vec<String>) -> Result<()> {
        crate::parallel::lock(&self.0).extend(files);
        Ok(())
    }
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

/// How many consecutive redlines one job makes.
const PAIRS_PER_JOB: usize = 8;

/// A job for one worker.
enum Job<'c> {
    /// Redlines `pairs` (indices into the published versions: pair k is k -> k+1), all locales.
    Changes(std::ops::Range<usize>),
    /// Every page of one version, all locales.
    Pages(&'c Version),
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
    let mut kits = BTreeMap::new();
    for locale in &content.config.locales {
        let messages = templates.messages(locale)?;
        let dates =
            DateFormat::new(locale).map_err(|m| Diagnostic::file_error(&content.config_file.path, m))?;
        let msg = tera::Value::try_from_serializable(&messages).map_err(|e| template_error(templates, &e))?;
        kits.insert(locale.clone(), LocaleKit { messages, msg, dates });
    }
    let mut site = Site {
        pdf: opts.pdf,
        content,
        rules,
        templates,
        tera: templates.engine()?,
        kits,
        fingerprint: Hasher::new("site")
            .with(&templates.fingerprint())
            .part(&content.config_file.text)
            .part(&rules.fingerprint)
            .part([u8::from(opts.pdf)])
            .finish(),
        sections: Mutex::default(),
        section_uses: std::collections::HashMap::new(),
        undated_partials: templates
            .iter()
            .filter(|(_, t)| {
                !["dates", "include", "import", "extends"]
                    .iter()
                    .any(|w| t.text.contains(w))
            })
            .filter_map(|(name, _)| {
                name.strip_prefix("partials/")?
                    .strip_suffix(".html")
                    .map(str::to_string)
            })
            .collect(),
        // a few versions' worth: the jobs take versions in order, on every core
        localized: Bounded::new(4 * content.config.locales.len()),
        trees: Bounded::new(8),
    };
    site.section_uses = site.count_section_uses();
    let versions: Vec<&Version> = content.versions.values().collect();
    let fingerprints: BTreeMap<&VersionId, Fingerprint> = versions
        .iter()
        .map(|v| (&v.meta.id, version_fingerprint(v)))
        .collect();
    let published: Vec<&Version> = versions
        .iter()
        .copied()
        .filter(|v| v.meta.status == Status::Published)
        .collect();
    // the redlines first: they are the longest jobs
    let pairs = published.len().saturating_sub(1);
    let mut jobs: Vec<Job> = (0..pairs)
        .step_by(PAIRS_PER_JOB)
        .map(|start| Job::Changes(start..(start + PAIRS_PER_JOB).min(pairs)))
        .collect();
    jobs.extend(
        versions
            .iter()
            .filter(|v| opts.drafts || v.meta.status == Status::Published)
            .map(|v| Job::Pages(v)),
    );
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results = crate::parallel::try_map(&jobs, |job| {
        let r = match job {
            Job::Changes(pairs) => site.changes(&published, pairs.clone(), &fingerprints, sink),
            Job::Pages(version) => site
                .version_units(version, &fingerprints[&version.meta.id], sink)
                .map(|()| Vec::new()),
        };
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(n, jobs.len());
        r
    })?;
    // the redlines of each locale, in version order
    let mut changes: Vec<Vec<PairChanges>> = content.config.locales.iter().map(|_| Vec::new()).collect();
    for (locale, pair) in results.into_iter().flatten() {
        changes[locale].push(pair);
    }
    for (locale, changes) in content.config.locales.iter().zip(changes) {
        sink.put(site.versions_page(locale, &changes)?)?;
        sink.put(site.feed(locale, &changes)?)?;
    }
    sink.put(site.index_page()?)?;
    Ok(())
}

/// The fingerprint of a version's source files.
fn version_fingerprint(version: &Version) -> Fingerprint {
    version
        .source_hashes
        .iter()
        .fold(Hasher::new("version"), |h, (rel, sha)| h.part(rel).part(sha))
        .finish()
}

impl VersionPages<'_> {
    fn version_is_draft(&self) -> bool {
        self.version.meta.status == Status::Draft
    }
}

/// The rendered parts of one version in one locale, shared by its web and print pages.
struct VersionPages<'a> {
    version: &'a Version,
    locale: &'a Locale,
    dates: Dates,
    /// The [`SectionView`]s as a template value, shared by the web and print pages.
    sections: tera::Value,
    toc: Vec<TocEntry>,
}

impl<'a> Site<'a> {
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

    /// Every page of `version` in every locale, and its facts data when published: each a unit.
    fn version_units(&self, version: &Version, fingerprint: &Fingerprint, sink: &dyn Sink) -> Result<()> {
        let id = &version.meta.id;
        let published = version.meta.status == Status::Published;
        let current = self.content.current();
        let superseded = published && current.is_some_and(|c| c > id);
        let is_current = current == Some(id);
        let mut tree = None;
        for locale in &self.content.config.locales {
            let dir = if published {
                format!("{locale}/{id}/")
            } else {
                format!("drafts/{locale}/{id}/")
            };
            let fp = Hasher::new("pages")
                .with(&self.fingerprint)
                .with(fingerprint)
                .part(locale.as_str())
                .part(&dir)
                .part([u8::from(superseded), u8::from(is_current)])
                .finish();
            if self.reuse(&fp, sink)? {
                continue;
            }
            let tree = tree.get_or_insert_with(|| self.facts_tree(version));
            let pages = self.version_pages(version, locale, tree)?;
            let mut files = self.page_pair(&pages, &dir, |l| format!("{l}/{id}/"), superseded)?;
            if is_current {
                files.extend(self.page_pair(&pages, &format!("{locale}/"), |l| format!("{l}/"), false)?);
            }
            sink.unit(&fp, files, Vec::new())?;
        }
        if published {
            let fp = Hasher::new("data").with(fingerprint).finish();
            if !self.reuse(&fp, sink)? {
                let tree = tree.get_or_insert_with(|| self.facts_tree(version));
                sink.unit(&fp, vec![data_artifact(version, tree)], Vec::new())?;
            }
        }
        Ok(())
    }

    /// `true` when `sink` kept the unit `fingerprint` from an earlier build.
    fn reuse(&self, fingerprint: &Fingerprint, sink: &dyn Sink) -> Result<bool> {
        Ok(sink.reuse(fingerprint)?.is_some())
    }

    fn version_pages(
        &self,
        version: &'a Version,
        locale: &'a Locale,
        facts: &serde_json::Value,
    ) -> Result<VersionPages<'a>> {
        let kit = self.kit(locale);
        let dates = self.dates(version, locale);
        let edition = version.editions.get(locale).expect("every locale loaded");
        let keys: Vec<Option<String>> = edition
            .sections
            .iter()
            .map(|s| self.section_key(version, locale, s))
            .collect();
        let memo = |k: &Option<String>| k.as_ref().and_then(|k| self.shared_section(k));
        let mut rendered: Vec<_> = keys.iter().map(memo).collect();
        if rendered.iter().any(Option::is_none) {
            let localized = self.localized(version, locale, facts)?;
            let resolver = FactResolver::new(
                &localized.0,
                localized.1.clone(),
                &self.tera,
                PartialShared {
                    lang: locale.as_str(),
                    msg: kit.msg.clone(),
                    dates: &dates,
                },
            );
            for ((section, key), slot) in edition.sections.iter().zip(&keys).zip(&mut rendered) {
                if slot.is_none() {
                    let r = std::sync::Arc::new(render_section(section, &resolver, &kit.messages)?);
                    if let Some(k) = key {
                        self.share_section(k, &r);
                    }
                    *slot = Some(r);
                }
            }
        }
        let mut sections = Vec::new();
        let mut toc = Vec::new();
        for (section, r) in edition.sections.iter().zip(rendered.into_iter().flatten()) {
            if let Some(h) = &r.heading {
                toc.push(TocEntry {
                    id: section.id().to_string(),
                    text: h.clone(),
                    level: 1,
                    alternates: vec![],
                });
            }
            toc.extend(r.toc.iter().map(|t| TocEntry {
                id: t.id.clone(),
                text: t.text.clone(),
                level: t.level + 1,
                alternates: vec![],
            }));
            sections.push(SectionView {
                id: section.id().to_string(),
                heading: r.heading.clone(),
                html: r.html.clone(),
            });
        }
        Ok(VersionPages {
            version,
            locale,
            dates,
            sections: tera::Value::try_from_serializable(&sections)
                .map_err(|e| template_error(self.templates, &e))?,
            toc,
        })
    }

    /// How many pages show each shareable section (by [`Site::section_key`]).
    fn count_section_uses(&self) -> std::collections::HashMap<String, usize> {
        let mut uses = std::collections::HashMap::new();
        for v in self.content.versions.values() {
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

    /// The section rendered for `key` by an earlier page, counting this page as one of its uses.
    fn shared_section(&self, key: &str) -> Option<std::sync::Arc<RenderedSection>> {
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
    fn share_section(&self, key: &str, r: &std::sync::Arc<RenderedSection>) {
        let left = self.section_uses.get(key).map_or(0, |n| n.saturating_sub(1));
        if left > 0 {
            crate::parallel::lock(&self.sections).insert(key.to_string(), (r.clone(), left));
        }
    }

    /// A version's facts as data, made once per facts file (the same tree for every version that
    /// shares the file, which also tells the diff at once that they are equal).
    fn facts_tree(&self, version: &Version) -> std::sync::Arc<serde_json::Value> {
        let Some(key) = version.source_hashes.get("facts.toml") else {
            return std::sync::Arc::new(version.facts.to_tree());
        };
        if let Some(found) = self.trees.get(key) {
            return found;
        }
        self.trees
            .insert(key, std::sync::Arc::new(version.facts.to_tree()))
    }

    /// A version's facts in `locale`, as data and as a template value; made once per facts file
    /// and locale (versions share most facts files byte for byte).
    fn localized(
        &self,
        version: &Version,
        locale: &Locale,
        facts: &serde_json::Value,
    ) -> Result<std::sync::Arc<(serde_json::Value, tera::Value)>> {
        let key = version
            .source_hashes
            .get("facts.toml")
            .map(|h| format!("{h} {locale}"));
        if let Some(found) = key.as_ref().and_then(|k| self.localized.get(k)) {
            return Ok(found);
        }
        let tree = facts::localize(facts, locale.as_str(), &self.content.locale_tags()).map_err(|m| {
            Diagnostic::file_error(
                &version.facts_file.path,
                format!("fact `{}` has no `{locale}` text", m.path),
            )
        })?;
        let value =
            tera::Value::try_from_serializable(&tree).map_err(|e| template_error(self.templates, &e))?;
        let made = std::sync::Arc::new((tree, value));
        Ok(match key {
            Some(k) => self.localized.insert(&k, made),
            None => made,
        })
    }

    /// What a section's HTML is made from, as a key of [`Site::sections`]: its text, the facts and
    /// the locale (the templates and messages are the same for the whole site). `None` for a
    /// section that shows its version's dates: not to be shared.
    fn section_key(&self, version: &Version, locale: &Locale, section: &Section) -> Option<String> {
        let name = section.file.path.file_name()?.to_str()?;
        let text = version.source_hashes.get(&format!("{locale}/{name}"))?;
        let facts = version.source_hashes.get("facts.toml")?;
        // a partial sees the version's dates; one whose template could show them makes the
        // section the version's own: nothing to share
        let dated = section.directives.iter().any(|(_, d)| match d {
            crate::markdown::Directive::Partial { name, .. } => !self.undated_partials.contains(name),
            crate::markdown::Directive::Fact { .. } => false,
        });
        (!dated).then(|| format!("{text} {facts} {locale}"))
    }

    /// The web and print pages of a version in folder `dir`; `dir_of(locale)` is the same page's
    /// folder in another locale.
    fn page_pair(
        &self,
        pages: &VersionPages,
        dir: &str,
        dir_of: impl Fn(&Locale) -> String,
        superseded: bool,
    ) -> Result<Vec<Artifact>> {
        let locale = pages.locale;
        let kit = self.kit(locale);
        let base = &self.content.config.base_url;
        let mut out = Vec::new();
        for (kind, file, template) in [
            ("web", "index.html", "page.html"),
            ("print", "print.html", "print.html"),
        ] {
            let alternates = self.alternates(locale, dir, |l| {
                (
                    format!("{}{file}", dir_of(l)),
                    format!("{}{}", dir_of(l), if kind == "web" { "" } else { file }),
                )
            });
            let view = PageView {
                kind,
                lang: locale.as_str(),
                product: &self.content.config.product,
                version: pages.version.meta.id.as_str(),
                draft: pages.version.meta.status == Status::Draft,
                superseded,
                dates: &pages.dates,
                canonical: format!("{base}{dir}{}", if kind == "web" { "" } else { file }),
                links: PageLinks {
                    web: "index.html".into(),
                    print: "print.html".into(),
                    versions: relative(dir, &format!("{locale}/versions.html")),
                    home: relative(dir, "index.html"),
                    pdf: (self.pdf && !pages.version_is_draft()).then(|| "policy.pdf".to_string()),
                },
                toc: pages
                    .toc
                    .iter()
                    .map(|e| TocEntry {
                        alternates: if e.level == 1 {
                            alternates
                                .iter()
                                .filter(|a| !a.current)
                                .map(|a| LocaleLink {
                                    lang: a.lang.clone(),
                                    name: a.name.clone(),
                                    href: format!("{}#{}", a.href, e.id),
                                })
                                .collect()
                        } else {
                            vec![]
                        },
                        ..e.clone()
                    })
                    .collect(),
                alternates,
            };
            let shared = [("sections", &pages.sections), ("msg", &kit.msg)];
            out.push(Artifact::new(
                format!("{dir}{file}"),
                self.render_with(template, &view, &shared)?,
            ));
        }
        Ok(out)
    }

    fn versions_page(&self, locale: &Locale, changes: &[PairChanges]) -> Result<Artifact> {
        let dir = format!("{locale}/");
        let current = self.content.current();
        let versions = self
            .content
            .versions
            .iter()
            .rev()
            .filter(|(_, v)| v.meta.status == Status::Published)
            .map(|(id, v)| VersionRow {
                id: id.to_string(),
                dates: self.dates(v, locale),
                href: format!("{id}/index.html"),
                print_href: format!("{id}/print.html"),
                current: Some(id) == current,
                summary: summary_of(changes, id.as_str(), &self.kit(locale).messages),
                pdf_href: self.pdf.then(|| format!("{id}/policy.pdf")),
                changes_href: changes
                    .iter()
                    .find(|c| c.new == id.as_str())
                    .map(|c| format!("changes/{}..{}.html", c.old, c.new)),
            })
            .collect();
        let base = &self.content.config.base_url;
        let view = VersionsView {
            lang: locale.as_str(),
            product: &self.content.config.product,
            canonical: format!("{base}{locale}/versions.html"),
            alternates: self.alternates(locale, &dir, |l| {
                (format!("{l}/versions.html"), format!("{l}/versions.html"))
            }),
            current_href: "index.html".into(),
            versions,
            msg: &self.kit(locale).messages,
        };
        Ok(Artifact::new(
            format!("{dir}versions.html"),
            self.render("versions.html", &view)?,
        ))
    }

    fn index_page(&self) -> Result<Artifact> {
        let default = &self.content.config.default_locale;
        let languages = self
            .content
            .config
            .locales
            .iter()
            .map(|l| {
                let m = &self.kit(l).messages;
                LanguageLink {
                    lang: l.to_string(),
                    name: m.get("language_name").cloned().unwrap_or_default(),
                    title: m.get("policy_title").cloned().unwrap_or_default(),
                    href: format!("{l}/index.html"),
                }
            })
            .collect();
        let view = IndexView {
            lang: default.as_str(),
            product: &self.content.config.product,
            canonical: self.content.config.base_url.clone(),
            languages,
            msg: &self.kit(default).messages,
        };
        Ok(Artifact::new(
            "index.html".to_string(),
            self.render("index.html", &view)?,
        ))
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

/// `output/data/<version>.json`: the typed facts of a published version (`facts`), all locales.
fn data_artifact(version: &Version, facts: &serde_json::Value) -> Artifact {
    let value = serde_json::json!({
        "schema": "policyc.facts/1",
        "version": version.meta.id,
        "effective": version.meta.effective,
        "updated": version.meta.updated,
        "facts": facts,
    });
    let mut bytes = serde_json::to_vec_pretty(&value).expect("JSON values serialise");
    bytes.push(b'\n');
    Artifact::new(format!("data/{}.json", version.meta.id), bytes)
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

/// The changes between two consecutive published versions in one locale.
struct PairChanges {
    old: String,
    new: String,
    /// Titles of the clauses triggered.
    clauses: Vec<String>,
}

/// "Material changes: …", "No material change" or "First published version".
fn summary_of(changes: &[PairChanges], id: &str, msg: &Messages) -> String {
    let m = |k: &str| msg.get(k).cloned().unwrap_or_default();
    match changes.iter().find(|c| c.new == id) {
        None => m("versions_first"),
        Some(c) if c.clauses.is_empty() => m("versions_no_material"),
        Some(c) => format!("{}{}{}", m("versions_summary"), m("colon"), c.clauses.join("; ")),
    }
}

/// What `changes.html` sees.
#[derive(serde::Serialize)]
struct ChangesView<'a> {
    #[serde(flatten)]
    diff: crate::report::html::DiffView<'a>,
    product: &'a str,
    canonical: String,
    alternates: Vec<Alternate>,
    links: ChangesLinks,
    notice: crate::report::notice::NoticeView,
}

#[derive(serde::Serialize)]
struct ChangesLinks {
    home: String,
    versions: String,
    old: String,
    new: String,
}

/// An Atom entry.
#[derive(serde::Serialize)]
struct FeedEntry {
    id: String,
    url: String,
    updated: String,
    summary: String,
}

impl Site<'_> {
    /// The redlines of `pairs` of consecutive `published` versions in every locale, each a unit;
    /// what each triggers, with the index of its locale. Each version's facts tree is made once
    /// for all locales.
    fn changes(
        &self,
        published: &[&Version],
        pairs: std::ops::Range<usize>,
        fingerprints: &BTreeMap<&VersionId, Fingerprint>,
        sink: &dyn Sink,
    ) -> Result<Vec<(usize, PairChanges)>> {
        let mut out = Vec::new();
        for (li, locale) in self.content.config.locales.iter().enumerate() {
            for k in pairs.clone() {
                let c = self.pair_changes(locale, published, k, fingerprints, sink)?;
                out.push((li, c));
            }
        }
        Ok(out)
    }

    /// The redline of published versions `k` and `k + 1` in `locale`.
    fn pair_changes(
        &self,
        locale: &Locale,
        published: &[&Version],
        k: usize,
        fingerprints: &BTreeMap<&VersionId, Fingerprint>,
        sink: &dyn Sink,
    ) -> Result<PairChanges> {
        let base = &self.content.config.base_url;
        let kit = self.kit(locale);
        let (a, b) = (published[k], published[k + 1]);
        let (ai, bi) = (a.meta.id.as_str(), b.meta.id.as_str());
        let fp = Hasher::new("changes")
            .with(&self.fingerprint)
            .with(&fingerprints[&a.meta.id])
            .with(&fingerprints[&b.meta.id])
            .part(locale.as_str())
            .finish();
        if let Some(clauses) = sink.reuse(&fp)? {
            return Ok(PairChanges {
                old: ai.to_string(),
                new: bi.to_string(),
                clauses,
            });
        }
        let side = |i: usize| crate::diff::input::Side {
            facts: Some(self.facts_tree(published[i])),
            ..crate::diff::input::Side::of(self.content, published[i], locale)
        };
        let comparison = crate::compare::versions(side(k), side(k + 1), self.rules)
            .map_err(|m| Diagnostic::file_error(&b.dir, m))?;
        let assessment = comparison.assessment();
        let report = comparison.report();
        let file = format!("{ai}..{bi}.html");
        let dir = format!("{locale}/changes/");
        let url = format!("{base}{dir}{file}");
        let notice = crate::report::notice::view(
            assessment,
            self.rules,
            &kit.messages,
            locale.as_str(),
            &self.content.config.product,
            ai,
            bi,
            kit.dates.format(b.meta.effective),
            url.clone(),
        );
        let alternates = self.alternates(locale, &dir, |l| {
            (format!("{l}/changes/{file}"), format!("{l}/changes/{file}"))
        });
        let view = ChangesView {
            diff: crate::report::html::view(&report, kit.messages.clone()),
            product: &self.content.config.product,
            canonical: url,
            alternates,
            links: ChangesLinks {
                home: relative(&dir, "index.html"),
                versions: "../versions.html".into(),
                old: format!("../{ai}/index.html"),
                new: format!("../{bi}/index.html"),
            },
            notice,
        };
        let page = Artifact::new(format!("{dir}{file}"), self.render("changes.html", &view)?);
        let clauses: Vec<String> = assessment
            .clauses
            .iter()
            .map(|c| {
                format!(
                    "{c} {}",
                    self.rules.clause(c).map_or("", |x| x.title(locale.as_str()))
                )
            })
            .collect();
        sink.unit(&fp, vec![page], clauses.clone())?;
        Ok(PairChanges {
            old: ai.to_string(),
            new: bi.to_string(),
            clauses,
        })
    }

    /// `feed.xml` of `locale`: one Atom entry per published version, newest first.
    fn feed(&self, locale: &Locale, changes: &[PairChanges]) -> Result<Artifact> {
        let base = &self.content.config.base_url;
        let kit = self.kit(locale);
        let entries: Vec<FeedEntry> = self
            .content
            .versions
            .values()
            .rev()
            .filter(|v| v.meta.status == Status::Published)
            .map(|v| FeedEntry {
                id: v.meta.id.to_string(),
                url: format!("{base}{locale}/{}/", v.meta.id),
                updated: format!("{}T00:00:00Z", v.meta.updated),
                summary: summary_of(changes, v.meta.id.as_str(), &kit.messages),
            })
            .collect();
        let updated = entries
            .first()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |e| e.updated.clone());
        let author = self
            .content
            .versions
            .values()
            .next_back()
            .and_then(|v| {
                v.facts.controller.name.get(locale.as_str()).or_else(|| {
                    v.facts
                        .controller
                        .name
                        .get(self.content.config.default_locale.as_str())
                })
            })
            .unwrap_or(&self.content.config.product)
            .to_string();
        let mut ctx = tera::Context::new();
        ctx.insert("lang", locale.as_str());
        ctx.insert("product", &self.content.config.product);
        ctx.insert("msg", &kit.messages);
        ctx.insert("feed_id", &format!("{base}{locale}/"));
        ctx.insert("self_url", &format!("{base}{locale}/feed.xml"));
        ctx.insert("versions_url", &format!("{base}{locale}/versions.html"));
        ctx.insert("updated", &updated);
        ctx.insert("author", &author);
        ctx.insert("entries", &entries);
        let xml = self
            .tera
            .render("feed.xml", &ctx)
            .map_err(|e| template_error(self.templates, &e))?;
        Ok(Artifact::new(format!("{locale}/feed.xml"), xml.into_bytes()))
    }
}
