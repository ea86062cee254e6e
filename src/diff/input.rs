//! Building a [`DiffInput`] from a loaded version or from a plain Markdown text (pure).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diff::DiffInput;
use crate::diff::doc::{self, Doc, DocSection};
use crate::diff::text::cjk_ratio;
use crate::ids::{Locale, VersionId};
use crate::markdown::Directive;
use crate::model::{Content, Section};

/// The diff input of version `id` of `content` in `locale`.
pub fn from_version(
    content: &Content,
    id: &VersionId,
    locale: &Locale,
    label: String,
) -> Result<DiffInput, String> {
    let edition = edition(content, id, locale)?;
    Ok(build(content, id, locale, edition, label, None, &|_| true))
}

/// One side of a version diff: version `id` of `content` in `locale`, shown as `label`.
pub struct Side<'a> {
    /// The content folder.
    pub content: &'a Content,
    /// The version.
    pub id: &'a VersionId,
    /// The locale.
    pub locale: &'a Locale,
    /// How the side is named in reports.
    pub label: String,
    /// The version's facts tree when the caller has made it already (shared between locales).
    pub facts: Option<Arc<serde_json::Value>>,
}

impl<'a> Side<'a> {
    /// `version` of `content` in `locale`, labelled with its id.
    pub fn of(content: &'a Content, version: &'a crate::model::Version, locale: &'a Locale) -> Self {
        Side {
            content,
            id: &version.meta.id,
            locale,
            label: version.meta.id.to_string(),
            facts: None,
        }
    }
}

/// The diff inputs of two versions. A section whose source file is byte-identical on both sides
/// cannot hold a change: it keeps its place, heading and facts, but its body is not parsed into
/// blocks, which is most of the work on consecutive versions.
pub fn version_pair(old: Side, new: Side) -> Result<(DiffInput, DiffInput), String> {
    let (a, b) = (
        edition(old.content, old.id, old.locale)?,
        edition(new.content, new.id, new.locale)?,
    );
    let (ta, tb) = (texts(a), texts(b));
    let changed_in_a = |s: &Section| tb.get(s.id().as_str()) != Some(&s.file.text.as_str());
    let changed_in_b = |s: &Section| ta.get(s.id().as_str()) != Some(&s.file.text.as_str());
    Ok((
        build(
            old.content,
            old.id,
            old.locale,
            a,
            old.label,
            old.facts,
            &changed_in_a,
        ),
        build(
            new.content,
            new.id,
            new.locale,
            b,
            new.label,
            new.facts,
            &changed_in_b,
        ),
    ))
}

/// The source text of each section of an edition, by section id.
fn texts(e: &crate::model::Edition) -> BTreeMap<&str, &str> {
    e.sections
        .iter()
        .map(|s| (s.id().as_str(), s.file.text.as_str()))
        .collect()
}

fn edition<'c>(
    content: &'c Content,
    id: &VersionId,
    locale: &Locale,
) -> Result<&'c crate::model::Edition, String> {
    let version = content
        .versions
        .get(id)
        .ok_or_else(|| format!("no version `{id}` in {}", content.root.display()))?;
    version.editions.get(locale).ok_or_else(|| {
        format!(
            "locale `{locale}` is not one of the policy's locales ({})",
            content.locale_tags().join(", ")
        )
    })
}

/// The input of one edition; only sections for which `parse` holds get their blocks.
fn build(
    content: &Content,
    id: &VersionId,
    locale: &Locale,
    edition: &crate::model::Edition,
    label: String,
    facts: Option<Arc<serde_json::Value>>,
    parse: &dyn Fn(&Section) -> bool,
) -> DiffInput {
    let version = &content.versions[id];
    let zh = locale.as_str().starts_with("zh") || locale.as_str().starts_with("ja");
    let mut fact_sections = BTreeMap::new();
    let sections = edition
        .sections
        .iter()
        .map(|s| {
            for (_, d) in &s.directives {
                let path = match d {
                    Directive::Fact { path } => Some(path.clone()),
                    Directive::Partial { path, .. } => path.clone(),
                };
                if let Some(p) = path {
                    fact_sections.entry(p).or_insert_with(|| s.id().to_string());
                }
            }
            let heading = match (&s.meta.number, &s.meta.title) {
                (Some(n), Some(t)) => format!("{n}{}{t}", if zh { "、" } else { ". " }),
                (None, Some(t)) => t.clone(),
                _ => String::new(),
            };
            DocSection {
                id: s.id().to_string(),
                heading,
                blocks: if parse(s) {
                    doc::section_blocks(s.body())
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    // facts shown through a whole-facts partial (contact block) belong to its section too
    if let Some(contact) = fact_sections.get("contact").cloned() {
        fact_sections.entry("controller".into()).or_insert(contact);
    }
    DiffInput {
        label,
        version: Some(id.to_string()),
        locale: locale.to_string(),
        doc: Doc { sections },
        facts: Some(facts.unwrap_or_else(|| Arc::new(version.facts.to_tree()))),
        fact_sections,
    }
}

/// The diff input of a whole-policy Markdown text; its locale is `locale` or guessed from the text.
pub fn from_markdown(text: &str, locale: Option<&Locale>, label: String) -> DiffInput {
    let locale = match locale {
        Some(l) => l.to_string(),
        // a sample of the text tells the script as well as the whole
        None if cjk_ratio(sample(text, 16 * 1024)) > 0.3 => "zh-CN".to_string(),
        None => "en".to_string(),
    };
    DiffInput {
        label,
        version: None,
        locale,
        doc: doc::from_markdown(text),
        facts: None,
        fact_sections: BTreeMap::new(),
    }
}

/// At most `max` bytes from the start of `text`, cut at a character boundary.
fn sample(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
