//! The template set: built-in templates, CSS and UI messages embedded in the binary, overridden
//! file by file from a `templates/` folder; and the tera engine built from it.
//!
//! Templates declare what the site must know about them. A partial that shows the version's dates
//! opens with [`DATES_DECLARATION`], the comment `{# policyc: dates #}` (it renders as nothing);
//! only such a partial is given `dates`, and a section showing one is rendered for each version
//! instead of once for every version that shares its text ([`TemplateSet::dated_partials`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::error::{Diagnostic, Result};
use crate::ids::Locale;
use crate::source::SourceFile;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// Every built-in file, by name under `templates/`.
pub const BUILTIN: &[(&str, &str)] = builtin![
    "base.html",
    "page.html",
    "print.html",
    "index.html",
    "versions.html",
    "diff.html",
    "changes.html",
    "notice.html",
    "notice.txt",
    "notice.md",
    "feed.xml",
    "redline.css",
    "partials/redline.html",
    "partials/notice.html",
    "partials/masthead.html",
    "partials/version-banner.html",
    "partials/contact-block.html",
    "partials/data-table.html",
    "partials/list.html",
    "partials/permission.html",
    "partials/sdk-table.html",
    "partials/version-dates.html",
    "partials/keep-place.html",
    "style.css",
    "print.css",
    "messages/en.toml",
    "messages/zh-CN.toml",
];

/// The comment that opens a partial showing the version's dates (`dates`). A partial without it is
/// not given them: it renders the same for every version, so its section can be shared.
pub const DATES_DECLARATION: &str = "{# policyc: dates #}";

/// Template files by name (`page.html`, `partials/sdk-table.html`, `messages/en.toml`).
#[derive(Debug, Clone)]
pub struct TemplateSet {
    files: BTreeMap<String, SourceFile>,
}

/// UI strings of one locale.
pub type Messages = BTreeMap<String, String>;

impl TemplateSet {
    /// The built-in set.
    pub fn builtin() -> Self {
        let files = BUILTIN
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    SourceFile::new(PathBuf::from("<built-in>/templates").join(name), *text),
                )
            })
            .collect();
        TemplateSet { files }
    }

    /// `true` for file names the set takes.
    pub fn is_template_name(name: &str) -> bool {
        [".html", ".css", ".xml", ".toml", ".txt", ".md"]
            .iter()
            .any(|ext| name.ends_with(ext))
    }

    /// Adds or replaces a file.
    pub fn insert(&mut self, name: String, file: SourceFile) {
        self.files.insert(name, file);
    }

    /// The sha256 of every file of the set, names included.
    pub fn fingerprint(&self) -> crate::fingerprint::Fingerprint {
        self.files
            .iter()
            .fold(crate::fingerprint::Hasher::new("templates"), |h, (name, src)| {
                h.part(name).part(&src.text)
            })
            .finish()
    }

    /// The source of a file.
    pub fn get(&self, name: &str) -> Option<&SourceFile> {
        self.files.get(name)
    }

    /// Every file, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &SourceFile)> {
        self.files.iter()
    }

    /// The partials, by name (`version-dates` for `partials/version-dates.html`), that open with
    /// [`DATES_DECLARATION`] (blanks and `-` whitespace control inside the comment do not matter).
    pub fn dated_partials(&self) -> BTreeSet<String> {
        self.files
            .iter()
            .filter(|(_, src)| declares_dates(&src.text))
            .filter_map(|(name, _)| {
                name.strip_prefix("partials/")?
                    .strip_suffix(".html")
                    .map(str::to_string)
            })
            .collect()
    }

    /// The UI messages of `locale`: every key of the built-in English file must be present.
    pub fn messages(&self, locale: &Locale) -> Result<Messages> {
        let name = format!("messages/{locale}.toml");
        let Some(src) = self.files.get(&name) else {
            return Err(Diagnostic::file_error(
                PathBuf::from("templates").join(&name),
                format!("no UI messages for locale `{locale}`: add templates/{name}"),
            )
            .into());
        };
        let messages: Messages = crate::parse::toml_file::parse(src)?;
        let reference: Messages = toml::from_str(
            BUILTIN
                .iter()
                .find(|(n, _)| *n == "messages/en.toml")
                .expect("built in")
                .1,
        )
        .expect("built-in messages parse");
        if let Some(key) = reference.keys().find(|k| !messages.contains_key(*k)) {
            return Err(Diagnostic::file_error(
                &src.path,
                format!("missing UI message `{key}` for locale `{locale}`"),
            )
            .into());
        }
        Ok(messages)
    }

    /// A tera engine holding every template of the set.
    pub fn engine(&self) -> Result<tera::Tera> {
        let mut tera = tera::Tera::new();
        let templates: Vec<(&str, &str)> = self
            .files
            .iter()
            .filter(|(name, _)| !name.starts_with("messages/"))
            .map(|(name, src)| (name.as_str(), src.text.as_str()))
            .collect();
        tera.add_raw_templates(templates)
            .map_err(|e| template_error(self, &e))?;
        Ok(tera)
    }
}

/// `true` when `text` opens with [`DATES_DECLARATION`], give or take blanks and whitespace control.
fn declares_dates(text: &str) -> bool {
    let wanted = DATES_DECLARATION
        .trim_start_matches("{#")
        .trim_end_matches("#}")
        .trim();
    text.trim_start()
        .strip_prefix("{#")
        .and_then(|rest| rest.split_once("#}"))
        .is_some_and(|(comment, _)| comment.trim_matches(|c: char| c == '-' || c.is_whitespace()) == wanted)
}

/// Turns a tera error into a diagnostic naming the template file.
pub fn template_error(set: &TemplateSet, e: &tera::Error) -> crate::error::Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    let message = message.replace('\n', " ");
    let file = set
        .files
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .map_or_else(|| PathBuf::from("templates"), |(_, src)| src.path.clone());
    Diagnostic::file_error(file, format!("template error: {message}")).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_declared_by_the_opening_comment_only() {
        assert!(declares_dates("{# policyc: dates #}<p>{{ dates.updated }}</p>"));
        assert!(declares_dates("\n{#- policyc: dates -#}\n<p></p>"));
        assert!(declares_dates("{#policyc: dates#}"));
        // mentioning dates is not declaring them
        assert!(!declares_dates("<p>{{ dates.updated }}</p>"));
        assert!(!declares_dates("<p></p>{# policyc: dates #}"));
        assert!(!declares_dates("{# an override #}{# policyc: dates #}"));
        assert!(!declares_dates("{# policyc: dates and more #}"));
        let builtin = TemplateSet::builtin().dated_partials();
        assert_eq!(builtin.into_iter().collect::<Vec<_>>(), ["version-dates"]);
    }
}
