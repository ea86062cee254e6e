//! `fact-translation-missing`: every human text in `facts.toml` has a value in every locale.

use crate::error::{Diagnostic, Level};
use crate::facts;
use crate::model::Content;

/// The rule.
pub const RULE: super::Rule = super::Rule {
    id: "fact-translation-missing",
    default: Level::Error,
    explain: "A text in facts.toml (a name, purpose or description) lacks one of the locales of \
policy.toml. Identifiers such as emails and package names are single values and need no translation; \
human text needs one value per locale, or the page in that locale cannot be built.",
    run,
};

fn run(content: &Content) -> Vec<Diagnostic> {
    let tags = content.locale_tags();
    let mut out = Vec::new();
    for version in content.versions.values() {
        let tree = &version.facts.to_tree();
        for (path, text) in facts::texts(tree, &tags) {
            for tag in &tags {
                if !text.contains_key(tag) {
                    let src = &version.facts_file;
                    let offset = text
                        .values()
                        .filter_map(|v| v.as_str())
                        .find_map(|s| src.text.find(&toml_quote(s)))
                        .unwrap_or(0);
                    out.push(Diagnostic::at(
                        src,
                        offset,
                        format!("fact `{path}` has no `{tag}` text"),
                    ));
                }
            }
        }
    }
    out
}

fn toml_quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
