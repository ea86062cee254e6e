//! `locale-parity`: every locale of a version says the same things in the same places as the source
//! locale. Per section:
//! 1. the same headings (by id, in the same order), so anchors and permanent links work in every
//!    language; a renamed id is reported both ways (the new one extra, the old one missing);
//! 2. under each heading, as many paragraphs, list items and table rows as the source, so a
//!    paragraph deleted or added in one language is seen;
//! 3. no paragraph or list item in another script than its locale's (an English paragraph left in
//!    a Chinese file), headings, the product's name, fact values, code and links aside.
//!
//! On a published version these findings are warnings (its files are sealed: nobody may edit them);
//! `lint::run` softens them, as it does for every rule in [`super::SOFTENED_WHEN_SEALED`].

use std::collections::BTreeMap;

use crate::error::{Diagnostic, Level};
use crate::markdown::{self, BlockKind, Segment};
use crate::model::{Content, Section};

/// The rule.
pub const RULE: super::Rule = super::Rule {
    id: "locale-parity",
    default: Level::Error,
    explain: "A translated section differs in shape from the same section in the source locale: a \
different set or order of heading ids, a different number of paragraphs, list items or table rows \
under a heading, or a paragraph written in another script than its locale's (an English paragraph \
left in a Chinese file). Heading ids are the anchors of permanent links and must be the same in every \
locale; a missing or extra block is usually a sentence left untranslated or deleted. Findings on a \
published (sealed) version are warnings, on drafts errors.",
    run,
};

fn run(content: &Content) -> Vec<Diagnostic> {
    let source_locale = &content.config.default_locale;
    let exempt = exempt_names(content);
    let mut out = Vec::new();
    for version in content.versions.values() {
        let Some(source) = version.editions.get(source_locale) else {
            continue;
        };
        for (locale, edition) in &version.editions {
            let script = Script::of(locale.as_str());
            for section in &edition.sections {
                out.extend(wrong_script(section, script, locale.as_str(), &exempt));
                if locale == source_locale {
                    continue;
                }
                let Some(src) = source.sections.iter().find(|s| s.id() == section.id()) else {
                    continue;
                };
                out.extend(headings(src, section, source_locale.as_str(), locale.as_str()));
                out.extend(blocks(src, section, source_locale.as_str()));
            }
        }
    }
    out
}

/// Heading ids: the same set, in the same order.
fn headings(src: &Section, section: &Section, source_locale: &str, locale: &str) -> Vec<Diagnostic> {
    let want: Vec<&str> = src.headings.iter().map(|h| h.id.as_str()).collect();
    let have: Vec<&str> = section.headings.iter().map(|h| h.id.as_str()).collect();
    if want == have {
        return Vec::new();
    }
    let mut out = Vec::new();
    let src_path = src.file.path.display();
    // a renamed id is both: the new one is extra, the old one missing
    let extra = section.headings.iter().filter(|h| !want.contains(&h.id.as_str()));
    let missing: Vec<_> = src
        .headings
        .iter()
        .filter(|h| !have.contains(&h.id.as_str()))
        .collect();
    for h in extra {
        out.push(Diagnostic::at(
            &section.file,
            h.offset,
            format!("heading `{}` is not in {src_path} ({source_locale})", h.id),
        ));
    }
    for h in &missing {
        out.push(Diagnostic::at(
            &section.file,
            0,
            format!(
                "heading `{}` of {src_path} is missing in this {locale} translation",
                h.id
            ),
        ));
    }
    if out.is_empty() {
        out.push(Diagnostic::at(
            &section.file,
            0,
            format!(
                "headings are in another order than in {src_path} ({})",
                want.join(", ")
            ),
        ));
    }
    out
}

/// Under each heading both have, the same number of blocks of each kind. A translation with no
/// block at all is `section-empty`'s finding, not this one.
fn blocks(src: &Section, section: &Section, source_locale: &str) -> Vec<Diagnostic> {
    let ours = markdown::outline(section.body());
    if ours.iter().all(|s| s.blocks.is_empty()) {
        return Vec::new();
    }
    let theirs: BTreeMap<Option<String>, Segment> = markdown::outline(src.body())
        .into_iter()
        .map(|s| (s.heading.clone(), s))
        .collect();
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for segment in &ours {
        seen.insert(segment.heading.clone());
        let Some(source) = theirs.get(&segment.heading) else {
            // a heading the source lacks is reported by `headings`; text before the first heading
            // that the source lacks is an extra block
            if segment.heading.is_none() {
                out.extend(count_findings(section, segment, &empty(), src, source_locale));
            }
            continue;
        };
        out.extend(count_findings(section, segment, source, src, source_locale));
    }
    if !seen.contains(&None)
        && let Some(source) = theirs.get(&None)
    {
        let here = Segment {
            heading: None,
            offset: 0,
            blocks: Vec::new(),
        };
        out.extend(count_findings(section, &here, source, src, source_locale));
    }
    out
}

fn empty() -> Segment {
    Segment {
        heading: None,
        offset: 0,
        blocks: Vec::new(),
    }
}

const KINDS: [(BlockKind, &str, &str); 3] = [
    (BlockKind::Paragraph, "paragraph", "paragraphs"),
    (BlockKind::ListItem, "list item", "list items"),
    (BlockKind::TableRow, "table row", "table rows"),
];

fn count_findings(
    section: &Section,
    ours: &Segment,
    theirs: &Segment,
    src: &Section,
    source_locale: &str,
) -> Vec<Diagnostic> {
    let count = |s: &Segment, kind| s.blocks.iter().filter(|b| b.kind == kind).count();
    let place = match &ours.heading {
        Some(id) => format!("under heading `{id}`"),
        None => "before the first heading".to_string(),
    };
    let mut out = Vec::new();
    for (kind, one, many) in KINDS {
        let (have, want) = (count(ours, kind), count(theirs, kind));
        if have == want {
            continue;
        }
        let name = |n: usize| format!("{n} {}", if n == 1 { one } else { many });
        // counting cannot tell which block is missing or extra: the finding is at the first block
        // without a counterpart here (or the heading), and names the source's heading
        let at = ours
            .blocks
            .iter()
            .filter(|b| b.kind == kind)
            .nth(want.min(have))
            .map_or(ours.offset, |b| b.offset);
        let src_at = match (&theirs.heading, theirs.blocks.first()) {
            // no heading to name: the first of its blocks
            (None, Some(first)) => first.offset,
            _ => theirs.offset,
        };
        let src_line = src.file.line_col(src.body_start + src_at).line;
        out.push(Diagnostic::at(
            &section.file,
            section.body_start + at,
            format!(
                "{place}: {} here, {} in {}:{src_line} ({source_locale}): a block was added or left out in translation",
                name(have),
                name(want),
                src.file.path.display(),
            ),
        ));
    }
    out
}

/// The writing system a locale's prose is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// Chinese, Japanese, Korean: Han (and kana, hangul) characters.
    Cjk,
    /// Languages written in the Latin alphabet.
    Latin,
}

impl Script {
    fn of(locale: &str) -> Self {
        let language = locale.split(['-', '_']).next().unwrap_or("");
        match language {
            "zh" | "ja" | "ko" => Script::Cjk,
            _ => Script::Latin,
        }
    }
}

/// Names that stand as they are in every language: the product, and the names of the SDKs and
/// organisations the facts name (their values in every locale).
fn exempt_names(content: &Content) -> Vec<String> {
    let mut names = vec![content.config.product.clone()];
    let tags = content.locale_tags();
    for version in content.versions.values() {
        for (_, text) in crate::facts::texts(&version.facts.to_tree(), &tags) {
            for value in text.values().filter_map(|v| v.as_str()) {
                if value.split_whitespace().count() <= 4 {
                    names.push(value.to_string());
                }
            }
        }
    }
    names.retain(|n| !n.trim().is_empty());
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    names
}

/// CJK characters and Latin words of a text, names, addresses and links left out.
fn letters(text: &str, exempt: &[String]) -> (usize, usize) {
    let mut text = text.to_string();
    for name in exempt {
        if text.contains(name.as_str()) {
            text = text.replace(name.as_str(), " ");
        }
    }
    let mut cjk = 0;
    let mut latin = 0;
    for word in text.split_whitespace() {
        if word.contains('@') || word.contains("://") || word.starts_with("www.") {
            continue;
        }
        cjk += word.chars().filter(|c| is_cjk(*c)).count();
        // runs of two or more Latin letters are words ("a" and unit letters are not)
        latin += word
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 2)
            .count();
    }
    (cjk, latin)
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'      // kana
        | '\u{3400}'..='\u{4DBF}'    // Han extension A
        | '\u{4E00}'..='\u{9FFF}'    // Han
        | '\u{AC00}'..='\u{D7AF}'    // hangul
        | '\u{F900}'..='\u{FAFF}'    // Han compatibility
        | '\u{20000}'..='\u{2FA1F}') // Han extensions B and later
}

/// Whether a block's words are mostly in another script than `script`.
fn is_wrong_script(text: &str, script: Script, exempt: &[String]) -> bool {
    let (cjk, latin) = letters(text, exempt);
    match script {
        // a Chinese text names Latin terms (IMEI, Android ID): only a text of Latin words with
        // hardly a CJK character is English left untranslated
        Script::Cjk => latin >= 4 && cjk * 4 < latin,
        Script::Latin => cjk >= 4 && cjk > 3 * latin,
    }
}

fn wrong_script(section: &Section, script: Script, locale: &str, exempt: &[String]) -> Vec<Diagnostic> {
    markdown::outline(section.body())
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| b.kind != BlockKind::TableRow && is_wrong_script(&b.text, script, exempt))
        .map(|b| {
            let excerpt: String = b.text.chars().take(60).collect();
            let more = if b.text.chars().count() > 60 { "…" } else { "" };
            let expected = match script {
                Script::Cjk => "Chinese, Japanese or Korean characters",
                Script::Latin => "the Latin alphabet",
            };
            Diagnostic::at(
                &section.file,
                section.body_start + b.offset,
                format!(
                    "this {locale} text is in another script than {expected}: \"{excerpt}{more}\": translate it"
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_paragraphs() {
        let none: Vec<String> = Vec::new();
        let english = "We collect your device model and operating system version to fix crashes.";
        assert!(is_wrong_script(english, Script::Cjk, &none));
        assert!(!is_wrong_script(english, Script::Latin, &none));
        let chinese =
            "我们会收集您的设备型号、操作系统版本、IMEI、MAC 地址、Android ID、IDFA 和 OAID，用于修复崩溃。";
        assert!(!is_wrong_script(chinese, Script::Cjk, &none));
        assert!(is_wrong_script(chinese, Script::Latin, &none));
        // a name kept as it is, and a link, are not English prose
        let names = vec!["TBS Tencent browsing service".to_string()];
        assert!(!is_wrong_script(
            "TBS Tencent browsing service https://x.example/a",
            Script::Cjk,
            &names
        ));
        assert!(!is_wrong_script(
            "The controller is 深圳市乐其网络科技有限公司 in Shenzhen, China.",
            Script::Latin,
            &none
        ));
    }

    #[test]
    fn locales_scripts() {
        assert_eq!(Script::of("zh-CN"), Script::Cjk);
        assert_eq!(Script::of("ja"), Script::Cjk);
        assert_eq!(Script::of("en"), Script::Latin);
        assert_eq!(Script::of("fr-CA"), Script::Latin);
    }
}
