//! `translation-stale`: a translated section records the hash of the source-locale text it was
//! reviewed against; when the source changes, the translation is stale until someone reviews it
//! and runs `policyc translated`. Fact identifiers are not part of the text, so changing an email
//! in `facts.toml` makes nothing stale.

use crate::config::TranslationRecord;
use crate::error::{Diagnostic, Level};
use crate::model::{Content, Section};

/// The rule.
pub const RULE: super::Rule = super::Rule {
    id: "translation-stale",
    default: Level::Error,
    explain: "The source-locale text of a section changed after its translation was last reviewed. \
Each translated section records a hash of the source text (title and paragraphs) in its front matter \
under [translation]. Update the translation, then record the review with \
`policyc translated SECTION --locale LOCALE`.",
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

/// Stale translations of every version, as findings on the translated files.
pub fn run(content: &Content) -> Vec<Diagnostic> {
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
