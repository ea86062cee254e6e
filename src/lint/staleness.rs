//! `translation-stale`: a translated section records the hash of the source-locale text it was
//! reviewed against; when the source changes, the translation is stale until someone reviews it
//! and runs `policyc translated`. Fact identifiers are not part of the text, so changing an email
//! in `facts.toml` makes nothing stale.
//!
//! A fact's localized texts (`sdks.glide.purpose = { en = …, zh-CN = … }`) are tracked the same way:
//! a translated locale's text of a fact is reviewed against the source-locale text whose sha256
//! `translations.toml` records for it (`policyc translated --fact PATH --locale L`), or, with no
//! record, against the source text of the version before (the draft's starting point). When the
//! source text differs from what was reviewed, the translation is stale.

use std::collections::BTreeMap;

use crate::config::TranslationRecord;
use crate::error::{Diagnostic, Level};
use crate::ids::Locale;
use crate::model::{Content, Section, Version};

/// The rule.
pub const RULE: super::Rule = super::Rule {
    id: "translation-stale",
    default: Level::Error,
    explain: "The source-locale text of a section changed after its translation was last reviewed. \
Each translated section records a hash of the source text (title and paragraphs) in its front matter \
under [translation]. Update the translation, then record the review with \
`policyc translated SECTION --locale LOCALE`. A fact's text in facts.toml (a purpose, a name) is stale \
in the other locales when its source-locale text changed since their review (recorded in \
translations.toml by `policyc translated --fact PATH --locale LOCALE`, else the text of the version \
before). Findings on a published (sealed) version are warnings.",
    run,
};

/// The paragraphs of a section's source text, whitespace-normalised (a reflow changes nothing).
pub fn paragraphs(section: &Section) -> Vec<(usize, String)> {
    let body = section.body();
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, normalise(&body[s..offset])));
            }
        } else if start.is_none() {
            start = Some(offset);
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push((s, normalise(&body[s..])));
    }
    out.into_iter()
        .map(|(o, p)| (section.body_start + o, p))
        .collect()
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hex(bytes: &[u8]) -> String {
    crate::output::sha256_hex(bytes)
}

/// The record a translation of `source` carries once reviewed.
pub fn record(source: &Section) -> TranslationRecord {
    let paras = paragraphs(source);
    let mut whole = String::new();
    whole.push_str(source.meta.number.as_deref().unwrap_or(""));
    whole.push('\n');
    whole.push_str(source.meta.title.as_deref().unwrap_or(""));
    for (_, p) in &paras {
        whole.push_str("\n\n");
        whole.push_str(p);
    }
    TranslationRecord {
        source: format!("sha256:{}", hex(whole.as_bytes())),
        paragraphs: paras
            .iter()
            .map(|(_, p)| hex(p.as_bytes())[..12].to_string())
            .collect(),
    }
}

/// The record of a fact text's review: the sha256 of the source-locale text.
pub fn fact_record(source_text: &str) -> String {
    format!("sha256:{}", hex(source_text.as_bytes()))
}

/// A translated fact text whose source-locale text changed since it was reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFact {
    /// The fact's path (`sdks.glide.purpose`).
    pub path: String,
    /// The translated locale.
    pub locale: Locale,
    /// The source-locale text now.
    pub source_text: String,
    /// The translated text, as it stands.
    pub translated_text: String,
}

/// The localized texts of a version's facts: path, then text by locale tag.
pub fn fact_texts(content: &Content, version: &Version) -> Vec<(String, BTreeMap<String, String>)> {
    let tags = content.locale_tags();
    let tree = version.facts.to_tree();
    crate::facts::texts(&tree, &tags)
        .into_iter()
        .map(|(path, text)| {
            let by_locale = text
                .iter()
                .filter_map(|(tag, v)| Some((tag.clone(), v.as_str()?.to_string())))
                .collect();
            (path, by_locale)
        })
        .collect()
}

/// The stale fact translations of `version`, whose predecessor (the version it was started from)
/// is `previous`; by path, then locale.
pub fn stale_facts(content: &Content, version: &Version, previous: Option<&Version>) -> Vec<StaleFact> {
    let source = content.config.default_locale.as_str();
    let before: BTreeMap<String, String> = previous
        .map(|p| fact_texts(content, p))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(path, mut texts)| Some((path, texts.remove(source)?)))
        .collect();
    let mut out = Vec::new();
    for (path, texts) in fact_texts(content, version) {
        let Some(now) = texts.get(source) else {
            continue;
        };
        let now_record = fact_record(now);
        for locale in content.config.locales.iter().filter(|l| l.as_str() != source) {
            let Some(translated) = texts.get(locale.as_str()) else {
                // no text at all is `fact-translation-missing`
                continue;
            };
            let reviewed = match version.fact_reviews.get(locale).and_then(|r| r.get(&path)) {
                Some(record) => record.clone(),
                // a fact the version before lacked came with its translations
                None => match before.get(&path) {
                    Some(old) => fact_record(old),
                    None => continue,
                },
            };
            if reviewed != now_record {
                out.push(StaleFact {
                    path: path.clone(),
                    locale: locale.clone(),
                    source_text: now.clone(),
                    translated_text: translated.clone(),
                });
            }
        }
    }
    out
}

/// Each version with the one before it.
pub fn with_previous(content: &Content) -> Vec<(&Version, Option<&Version>)> {
    let versions: Vec<&Version> = content.versions.values().collect();
    versions
        .iter()
        .enumerate()
        .map(|(i, v)| (*v, i.checked_sub(1).map(|j| versions[j])))
        .collect()
}

fn fact_finding(content: &Content, version: &Version, stale: &StaleFact) -> Diagnostic {
    let src = &version.facts_file;
    // at the translated text, where the translator will look
    let quoted = toml::Value::String(stale.translated_text.clone()).to_string();
    let offset = src.text.find(&quoted).unwrap_or(0);
    let excerpt: String = stale.source_text.chars().take(70).collect();
    let more = if stale.source_text.chars().count() > 70 {
        "…"
    } else {
        ""
    };
    Diagnostic::at(
        src,
        offset,
        format!(
            "stale translation: the {} text of fact `{}` changed since its {} text was reviewed (now \"{excerpt}{more}\"); after updating run `policyc translated --fact {} --locale {}`",
            content.config.default_locale, stale.path, stale.locale, stale.path, stale.locale
        ),
    )
}

/// Stale translations of every version, as findings on the translated files (sections) and on
/// `facts.toml` (fact texts).
pub fn run(content: &Content) -> Vec<Diagnostic> {
    let mut out = sections(content);
    for (version, previous) in with_previous(content) {
        out.extend(
            stale_facts(content, version, previous)
                .iter()
                .map(|stale| fact_finding(content, version, stale)),
        );
    }
    out
}

/// Stale translated sections.
fn sections(content: &Content) -> Vec<Diagnostic> {
    let source_locale = &content.config.default_locale;
    let versions: Vec<&crate::model::Version> = content.versions.values().collect();
    // each source text's record, made once for all its translations and for every version that
    // shares the text (by its sha256)
    let shared = crate::parallel::Bounded::new(8 * content.config.sections.len());
    let record_of = |version: &crate::model::Version, src: &Section| {
        let name = src
            .file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let key = name.and_then(|n| version.source_hashes.get(&format!("{source_locale}/{n}")));
        if let Some(found) = key.and_then(|k| shared.get(k)) {
            return found;
        }
        let made = std::sync::Arc::new(record(src));
        match key {
            Some(k) => shared.insert(k, made),
            None => made,
        }
    };
    // versions on every core, findings in version order
    crate::parallel::map(&versions, |version| {
        let mut out = Vec::new();
        let Some(source) = version.editions.get(source_locale) else {
            return out;
        };
        let mut records: Vec<Option<std::sync::Arc<TranslationRecord>>> = vec![None; source.sections.len()];
        for (locale, edition) in &version.editions {
            if locale == source_locale {
                continue;
            }
            for section in &edition.sections {
                let Some(i) = source.sections.iter().position(|s| s.id() == section.id()) else {
                    continue;
                };
                let src = &source.sections[i];
                let now = records[i].get_or_insert_with(|| record_of(version, src));
                if let Some(d) = stale(src, now, section) {
                    out.push(d);
                }
            }
        }
        out
    })
    .into_iter()
    .flatten()
    .collect()
}

/// How many changed paragraphs a finding quotes.
const QUOTED: usize = 5;

fn stale(source: &Section, now: &TranslationRecord, translated: &Section) -> Option<Diagnostic> {
    let src_path = source.file.path.display();
    let at = translated.file.text.find("[translation]").unwrap_or(0);
    let Some(old) = &translated.meta.translation else {
        return Some(Diagnostic::at(
            &translated.file,
            at,
            format!(
                "translation of {src_path} has no [translation] record: review it, then run `policyc translated {} --locale {}`",
                source.id(),
                translated_locale(translated)
            ),
        ));
    };
    if old.source == now.source {
        return None;
    }
    let reviewed: std::collections::HashSet<&str> = old.paragraphs.iter().map(String::as_str).collect();
    let changed: Vec<(usize, String)> = paragraphs(source)
        .into_iter()
        .zip(&now.paragraphs)
        .filter(|(_, h)| !reviewed.contains(h.as_str()))
        .map(|(p, _)| p)
        .collect();
    let mut quoted: Vec<String> = changed
        .iter()
        .take(QUOTED)
        .map(|(offset, p)| {
            let line = source.file.line_col(*offset).line;
            let excerpt: String = p.chars().take(70).collect();
            let more = if p.chars().count() > 70 { "…" } else { "" };
            format!("{src_path}:{line}: \"{excerpt}{more}\"")
        })
        .collect();
    if changed.len() > QUOTED {
        quoted.push(format!("and {} more", changed.len() - QUOTED));
    }
    let what = if changed.is_empty() {
        "paragraphs were removed, reordered or retitled".to_string()
    } else {
        format!("changed source paragraph(s): {}", quoted.join("; "))
    };
    Some(Diagnostic::at(
        &translated.file,
        at,
        format!(
            "stale translation: {src_path} changed since this translation was reviewed; {what}; after updating run `policyc translated {} --locale {}`",
            source.id(),
            translated_locale(translated)
        ),
    ))
}

fn translated_locale(section: &Section) -> String {
    section
        .file
        .path
        .parent()
        .and_then(|p| p.file_name())
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}
