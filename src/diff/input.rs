//! Building a [`DiffInput`] from a loaded version or from a plain Markdown text (pure).

use std::collections::BTreeMap;

use crate::diff::DiffInput;
use crate::diff::doc::{self, Doc, DocSection};
use crate::diff::text::cjk_ratio;
use crate::ids::{Locale, VersionId};
use crate::markdown::Directive;
use crate::model::Content;

/// The diff input of version `id` of `content` in `locale`.
pub fn from_version(
    content: &Content,
    id: &VersionId,
    locale: &Locale,
    label: String,
) -> Result<DiffInput, String> {
    let version = content
        .versions
        .get(id)
        .ok_or_else(|| format!("no version `{id}` in {}", content.root.display()))?;
    let edition = version.editions.get(locale).ok_or_else(|| {
        format!(
            "locale `{locale}` is not one of the policy's locales ({})",
            content.locale_tags().join(", ")
        )
    })?;
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
                blocks: doc::section_blocks(s.body()),
            }
        })
        .collect();
    // facts shown through a whole-facts partial (contact block) belong to its section too
    if let Some(contact) = fact_sections.get("contact").cloned() {
        fact_sections.entry("controller".into()).or_insert(contact);
    }
    Ok(DiffInput {
        label,
        version: Some(id.to_string()),
        locale: locale.to_string(),
        doc: Doc { sections },
        facts: Some(version.facts.to_tree()),
        fact_sections,
    })
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
