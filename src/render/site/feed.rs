//! Each locale's Atom feed (`<locale>/feed.xml`): one entry per published version, newest first,
//! summed up as the archive sums it up.

use crate::config::Status;
use crate::error::Result;
use crate::ids::Locale;
use crate::output::Artifact;
use crate::render::templates::template_error;

use super::Site;
use super::changes::{PairChanges, summary_of};

/// An Atom entry.
#[derive(serde::Serialize)]
struct FeedEntry {
    id: String,
    url: String,
    updated: String,
    summary: String,
}

impl Site<'_> {
    /// `feed.xml` of `locale`: one Atom entry per published version, newest first.
    pub(super) fn feed(&self, locale: &Locale, changes: &[PairChanges]) -> Result<Artifact> {
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
