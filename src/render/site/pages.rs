//! The page views: a version's web and print pages (and the current copy), each locale's archive
//! (`versions.html`), the language chooser and the facts data. Each takes what a unit has rendered
//! and makes [`Artifact`]s; which units exist and whether they are kept is [`super::jobs`]'s.

use std::sync::Arc;

use crate::config::Status;
use crate::error::Result;
use crate::ids::Locale;
use crate::model::{PageKind, SealedPage, Version};
use crate::output::Artifact;
use crate::render::sections::{FactResolver, PartialShared, render_section};
use crate::render::templates::template_error;
use crate::render::views::*;
use crate::timeline::Standing;

use super::changes::{PairChanges, summary_of};
use super::status::PageStatus;
use super::{Site, relative};

/// The rendered parts of one version in one locale, shared by its web and print pages.
pub(super) struct VersionPages<'a> {
    version: &'a Version,
    locale: &'a Locale,
    dates: Dates,
    /// The [`SectionView`]s as a template value, shared by the web and print pages.
    sections: tera::Value,
    toc: Vec<TocEntry>,
}

impl VersionPages<'_> {
    fn version_is_draft(&self) -> bool {
        self.version.meta.status == Status::Draft
    }
}

impl<'a> Site<'a> {
    /// The sections and table of contents of `version` in `locale` (`facts`: its facts tree),
    /// each section taken from the cache when another page rendered it already.
    pub(super) fn version_pages(
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
            .map(|s| self.cache.section_key(version, locale, s))
            .collect();
        let memo = |k: &Option<String>| k.as_ref().and_then(|k| self.cache.shared_section(k));
        let mut rendered: Vec<_> = keys.iter().map(memo).collect();
        if rendered.iter().any(Option::is_none) {
            let localized = self.cache.localized(version, locale, facts, self.templates)?;
            let resolver = FactResolver::new(
                &localized.0,
                localized.1.clone(),
                &self.tera,
                PartialShared {
                    lang: locale.as_str(),
                    msg: kit.msg.clone(),
                    dates: &dates,
                    dated_partials: self.cache.dated_partials(),
                },
            );
            for ((section, key), slot) in edition.sections.iter().zip(&keys).zip(&mut rendered) {
                if slot.is_none() {
                    let r = Arc::new(render_section(section, &resolver, &kit.messages)?);
                    if let Some(k) = key {
                        self.cache.share_section(k, &r);
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

    /// The web and print pages of a version in folder `dir`; `dir_of(locale)` is the same page's
    /// folder in another locale.
    pub(super) fn page_pair(
        &self,
        pages: &VersionPages,
        dir: &str,
        dir_of: impl Fn(&Locale) -> String,
        status: &PageStatus,
    ) -> Result<Vec<Artifact>> {
        let locale = pages.locale;
        let kit = self.kit(locale);
        let base = &self.content.config.base_url;
        let previous = self.predecessor(pages.version).map(|v| v.meta.id.to_string());
        let banner = self.banner(status, pages.version, dir, locale);
        let withdrawn = self.withdrawn(pages.version, locale);
        let mut out = Vec::new();
        for (kind, file, template) in [
            ("web", "index.html", "page.html"),
            ("print", "print.html", "print.html"),
        ] {
            let page_kind = if kind == "web" {
                PageKind::Web
            } else {
                PageKind::Print
            };
            // a draft always shows its sources as they are now
            let stored = pages
                .version
                .published
                .get(&SealedPage {
                    locale: locale.clone(),
                    kind: page_kind,
                })
                .filter(|_| !pages.version_is_draft());
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
                superseded: banner.superseded,
                banner: banner.clone(),
                dates: &pages.dates,
                canonical: format!("{base}{dir}{}", if kind == "web" { "" } else { file }),
                links: PageLinks {
                    web: "index.html".into(),
                    print: "print.html".into(),
                    versions: relative(dir, &format!("{locale}/versions.html")),
                    home: relative(dir, "index.html"),
                    policy: in_locale(dir, locale, "index.html"),
                    changes: previous.as_ref().map(|p| {
                        in_locale(
                            dir,
                            locale,
                            &format!("changes/{p}..{}.html", pages.version.meta.id),
                        )
                    }),
                    previous: previous.clone(),
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
                sealed_sha256: stored.map(|s| crate::seal::text_sha256(&s.text)),
                withdrawn: withdrawn.clone(),
            };
            let shared = [("sections", &pages.sections), ("msg", &kit.msg)];
            let mut bytes = self.render_with(template, &view, &shared)?;
            // the page shows the sealed text stored at release, in today's chrome
            if let Some(stored) = stored {
                let up = dir == format!("{locale}/");
                let page = String::from_utf8_lossy(&bytes);
                bytes = super::sealed::embed(&page, &stored.text, up)
                    .ok_or_else(|| {
                        crate::error::Error::Usage(format!(
                            "the page template ({template}) has no <main>…</main> to show the sealed text of {} in",
                            pages.version.meta.id
                        ))
                    })?
                    .into_bytes();
            }
            out.push(Artifact::new(format!("{dir}{file}"), bytes));
        }
        Ok(out)
    }

    /// `versions.html` of `locale`: every published version, newest first, with what changed.
    pub(super) fn versions_page(&self, locale: &Locale, changes: &[PairChanges]) -> Result<Artifact> {
        let dir = format!("{locale}/");
        let current = self.timeline.current();
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
                status: self.timeline.standing(id).map_or("superseded", Standing::as_str),
                summary: summary_of(changes, id.as_str(), &self.kit(locale).messages),
                clauses: changes
                    .iter()
                    .find(|c| c.new == id.as_str())
                    .map(|c| c.clauses.clone())
                    .unwrap_or_default(),
                first: !changes.iter().any(|c| c.new == id.as_str()),
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

    /// `index.html`: the language chooser.
    pub(super) fn index_page(&self) -> Result<Artifact> {
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
}

impl Site<'_> {
    /// When `version` was withdrawn, as `locale`'s pages show it.
    pub(super) fn withdrawn(&self, version: &Version, locale: &Locale) -> Option<Dated> {
        let w = self.content.lock.as_ref()?.withdrawal(&version.meta.id)?;
        let date = crate::date::Date::parse(&w.date).ok()?;
        Some(Dated {
            date: self.kit(locale).dates.format(date),
            iso: w.date.clone(),
        })
    }
}

/// The link from a page in folder `dir` to `to` inside the folder of `locale`: short when the page
/// is in that folder already (`changes/…`, `../index.html`), from the root otherwise (drafts).
pub(super) fn in_locale(dir: &str, locale: &Locale, to: &str) -> String {
    match dir.strip_prefix(&format!("{locale}/")) {
        Some(rest) => relative(rest, to),
        None => relative(dir, &format!("{locale}/{to}")),
    }
}

/// `output/data/<version>.json`: the typed facts of a published version (`facts`), all locales,
/// with the sha256 of the sealed text of its pages by locale (`sealed_text`, empty when none is
/// stored).
pub(super) fn data_artifact(version: &Version, facts: &serde_json::Value) -> Artifact {
    let value = serde_json::json!({
        "schema": "policyc.facts/1",
        "version": version.meta.id,
        "effective": version.meta.effective,
        "updated": version.meta.updated,
        "facts": facts,
        "sealed_text": crate::seal::published_hashes(version),
    });
    let mut bytes = serde_json::to_vec_pretty(&value).expect("JSON values serialise");
    bytes.push(b'\n');
    Artifact::new(format!("data/{}.json", version.meta.id), bytes)
}
