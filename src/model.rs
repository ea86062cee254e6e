//! The loaded policy: plain data, no I/O. [`Content`] holds every version, each version its facts
//! and one [`Edition`] per locale, each edition its [`Section`]s in order.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::{PolicyConfig, SectionMeta, VersionMeta};
use crate::facts::Facts;
use crate::ids::{HeadingId, Locale, SectionId, VersionId};
use crate::markdown::Directive;
use crate::source::SourceFile;

/// The file of a version folder that records the reviews of translated fact texts.
pub const FACT_REVIEWS: &str = "translations.toml";

/// Everything under `content/`.
#[derive(Debug, Clone)]
pub struct Content {
    /// The content folder as given.
    pub root: PathBuf,
    /// `policy.toml`.
    pub config: PolicyConfig,
    /// Its source, for positions.
    pub config_file: SourceFile,
    /// Every version, oldest first.
    pub versions: BTreeMap<VersionId, Version>,
    /// `versions.lock`: the seals of published versions, if any.
    pub lock: Option<crate::seal::Lock>,
    /// Its source.
    pub lock_file: Option<SourceFile>,
}

/// One version of the policy.
#[derive(Debug, Clone)]
pub struct Version {
    /// `version.toml`.
    pub meta: VersionMeta,
    /// Its source.
    pub meta_file: SourceFile,
    /// The version folder.
    pub dir: PathBuf,
    /// `facts.toml`, typed.
    pub facts: std::sync::Arc<Facts>,
    /// Its source.
    pub facts_file: SourceFile,
    /// The sha256 of each source file, by path inside the version folder (see [`Version::sources`]).
    pub source_hashes: BTreeMap<String, String>,
    /// One edition per locale of the policy.
    pub editions: BTreeMap<Locale, Edition>,
    /// `translations.toml`: the reviews of translated fact texts (empty when the file is absent).
    pub fact_reviews: crate::config::FactReviews,
    /// Its source, when the version has one.
    pub fact_reviews_file: Option<SourceFile>,
    /// The files of its `images/` folder by path inside the version folder (`images/logo.png`),
    /// with their bytes; their sha256 are in `source_hashes` (so the seal covers them).
    pub images: BTreeMap<String, std::sync::Arc<Vec<u8>>>,
    /// The sealed text of its pages (`published/<locale>.html`, `published/<locale>.print.html`: the
    /// rendered `<main>` stored at release); empty for a draft, or a version sealed before page texts
    /// were stored.
    pub published: BTreeMap<SealedPage, SourceFile>,
}

/// Which page of a version a sealed text is the `<main>` of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    /// The web page (`index.html`).
    Web,
    /// The print page (`print.html`), which PDFs are printed from.
    Print,
}

/// One sealed page text: a page kind in one locale.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SealedPage {
    /// The page's locale.
    pub locale: Locale,
    /// Web or print.
    pub kind: PageKind,
}

impl SealedPage {
    /// Its key in `versions.lock` and the data JSON: `en`, `en.print`.
    pub fn key(&self) -> String {
        match self.kind {
            PageKind::Web => self.locale.to_string(),
            PageKind::Print => format!("{}.print", self.locale),
        }
    }

    /// Its file name in `published/`: `en.html`, `en.print.html`.
    pub fn file_name(&self) -> String {
        format!("{}.html", self.key())
    }

    /// The sealed page a file of `published/` holds, when its name is one of `locales`' (a locale
    /// tag has no `.`, so the name is never ambiguous).
    pub fn from_file_name(name: &str, locales: &[Locale]) -> Option<Self> {
        let stem = name.strip_suffix(".html")?;
        let (tag, kind) = match stem.strip_suffix(".print") {
            Some(tag) => (tag, PageKind::Print),
            None => (stem, PageKind::Web),
        };
        let locale = locales.iter().find(|l| l.as_str() == tag)?.clone();
        Some(SealedPage { locale, kind })
    }
}

/// The sections of one version in one locale.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Its locale.
    pub locale: Locale,
    /// Sections in policy order.
    pub sections: Vec<Section>,
}

/// One section file.
#[derive(Debug, Clone)]
pub struct Section {
    /// Front matter.
    pub meta: SectionMeta,
    /// The whole file.
    pub file: SourceFile,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// Headings of the body.
    pub headings: Vec<Heading>,
    /// `{{ … }}` references of the body, with file offsets.
    pub directives: Vec<(usize, Directive)>,
    /// Internal links (`#anchor`), with file offsets.
    pub anchors: Vec<(usize, String)>,
    /// Image sources as written, with file offsets.
    pub images: Vec<(usize, String)>,
}

/// A heading in a section body.
#[derive(Debug, Clone)]
pub struct Heading {
    /// Stable anchor.
    pub id: HeadingId,
    /// Level as written (`#` = 1).
    pub level: u8,
    /// Text as written.
    pub text: String,
    /// File offset.
    pub offset: usize,
}

impl Section {
    /// The section id.
    pub fn id(&self) -> &SectionId {
        &self.meta.id
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }
}

impl Content {
    /// The locales as plain strings (for fact trees).
    pub fn locale_tags(&self) -> Vec<String> {
        self.config.locales.iter().map(|l| l.to_string()).collect()
    }
}

impl Version {
    /// Every source file of the version with its path relative to the version folder
    /// (`version.toml`, `facts.toml`, `en/00-preamble.md` …), sorted.
    pub fn sources(&self) -> Vec<(String, &SourceFile)> {
        let mut out = vec![
            ("version.toml".to_string(), &self.meta_file),
            ("facts.toml".to_string(), &self.facts_file),
        ];
        if let Some(file) = &self.fact_reviews_file {
            out.push((FACT_REVIEWS.to_string(), file));
        }
        for (locale, edition) in &self.editions {
            for s in &edition.sections {
                let name = s
                    .file
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                out.push((format!("{locale}/{name}"), &s.file));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

#[cfg(test)]
mod sealed_page_tests {
    use super::*;

    #[test]
    fn sealed_page_names_round_trip() {
        let locales = [Locale::parse("en").unwrap(), Locale::parse("zh-CN").unwrap()];
        for name in ["en.html", "en.print.html", "zh-CN.html", "zh-CN.print.html"] {
            let page = SealedPage::from_file_name(name, &locales).unwrap();
            assert_eq!(page.file_name(), name);
        }
        let print = SealedPage::from_file_name("zh-CN.print.html", &locales).unwrap();
        assert_eq!(
            (print.key(), print.kind),
            ("zh-CN.print".to_string(), PageKind::Print)
        );
        for bad in ["fr.html", "en.txt", "en.pdf.html", "en", ".html"] {
            assert_eq!(SealedPage::from_file_name(bad, &locales), None, "{bad}");
        }
    }
}
