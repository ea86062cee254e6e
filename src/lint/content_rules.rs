//! Rules about what the policy says: empty sections, placeholder text, fact formats, facts left
//! unstated, facts never shown, the facts every policy must state, and version dates.

use std::collections::BTreeSet;

use crate::error::{Diagnostic, Level};
use crate::facts::{self, NOT_STATED};
use crate::markdown::Directive;
use crate::model::{Content, Version};
use crate::source::SourceFile;

/// The byte offset of `needle` in a file, or of the start.
fn offset_of(src: &SourceFile, needle: &str) -> usize {
    src.text.find(needle).unwrap_or(0)
}

/// The offset of the line that sets `key` inside the table or list item named by `path`.
fn offset_of_path(src: &SourceFile, path: &str) -> usize {
    let parts: Vec<&str> = path.split('.').collect();
    let mut from = 0;
    // walk to the item (`id = "…"`) or table header, then to the key
    for p in &parts[..parts.len().saturating_sub(1)] {
        let candidates = [format!("id = \"{p}\""), format!("[{p}]"), format!("[[{p}]]")];
        if let Some(i) = candidates
            .iter()
            .filter_map(|c| src.text[from..].find(c.as_str()))
            .min()
        {
            from += i;
        }
    }
    let key = parts.last().copied().unwrap_or("");
    [format!("id = \"{key}\""), format!("{key} =")]
        .iter()
        .filter_map(|c| src.text[from..].find(c.as_str()))
        .min()
        .map_or(from, |i| from + i)
}

/// `section-empty`.
pub const SECTION_EMPTY: super::Rule = super::Rule {
    id: "section-empty",
    default: Level::Error,
    explain: "A section file has no text below its front matter. Every section policy.toml declares must say \
something; if a topic does not apply, say so in the section.",
    run: section_empty,
};

fn section_empty(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for v in content.versions.values() {
        for e in v.editions.values() {
            for s in &e.sections {
                if s.body().trim().is_empty() {
                    let closing = s.file.text[..s.body_start].rfind("+++").unwrap_or(0);
                    out.push(Diagnostic::at(
                        &s.file,
                        closing,
                        "section has no text below its front matter",
                    ));
                }
            }
        }
    }
    out
}

/// `placeholder-text`.
pub const PLACEHOLDER: super::Rule = super::Rule {
    id: "placeholder-text",
    default: Level::Error,
    explain: "A section or a fact contains TODO, FIXME, TBD, XXX, lorem ipsum or a bracketed placeholder. \
Published versions and drafts (which are about to be released) must not carry unfinished text.",
    run: placeholder,
};

const PLACEHOLDERS: &[&str] = &[
    "TODO",
    "FIXME",
    "TBD",
    "XXX",
    "lorem ipsum",
    "[placeholder]",
    "待定",
    "待补充",
];

fn placeholder(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for v in content.versions.values() {
        let files = v.sources();
        for (_, src) in files {
            let lower = src.text.to_lowercase();
            for p in PLACEHOLDERS {
                let needle = p.to_lowercase();
                let mut from = 0;
                while let Some(i) = lower[from..].find(&needle) {
                    let at = from + i;
                    let end = at + needle.len();
                    let word_start = at == 0
                        || !lower[..at]
                            .chars()
                            .next_back()
                            .is_some_and(|c| c.is_ascii_alphanumeric());
                    let word_end = end >= lower.len()
                        || !lower[end..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphanumeric());
                    // case matters for the all-caps markers: "tbd" inside prose is not one
                    let exact =
                        !p.chars().all(|c| c.is_ascii_uppercase()) || src.text.get(at..end) == Some(*p);
                    if word_start && word_end && exact {
                        out.push(Diagnostic::at(src, at, format!("placeholder text `{p}`")));
                    }
                    from = end;
                }
            }
        }
    }
    out
}

/// `fact-format`.
pub const FACT_FORMAT: super::Rule = super::Rule {
    id: "fact-format",
    default: Level::Error,
    explain: "An email address or phone number in facts.toml is not well formed (an email needs a local \
part, `@` and a domain with a dot; a phone number 5 to 20 digits with spaces, dashes, parentheses or a \
leading `+`), or a package name is not a dotted reverse domain name.",
    run: fact_format,
};

fn valid_email(s: &str) -> bool {
    let Some((user, domain)) = s.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !s.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && domain
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

fn valid_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (5..=20).contains(&digits)
        && s.chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || " -().".contains(c) || (c == '+' && i == 0))
}

fn valid_package(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !p.starts_with(|c: char| c.is_ascii_digit())
        })
}

fn fact_format(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for v in content.versions.values() {
        let src = &v.facts_file;
        if let Some(e) = v.facts.contact.email.value()
            && !valid_email(e)
        {
            out.push(Diagnostic::at(
                src,
                offset_of_path(src, "contact.email"),
                format!("contact email `{e}` is not a well-formed address"),
            ));
        }
        if let Some(p) = v.facts.contact.phone.value()
            && !valid_phone(p)
        {
            out.push(Diagnostic::at(
                src,
                offset_of_path(src, "contact.phone"),
                format!("contact phone `{p}` is not a well-formed phone number"),
            ));
        }
        for sdk in &v.facts.sdks {
            if let Some(p) = sdk.package.value()
                && !valid_package(p)
            {
                out.push(Diagnostic::at(
                    src,
                    offset_of_path(src, &format!("sdks.{}.package", sdk.id)),
                    format!("package name `{p}` of SDK `{}` is not a dotted name", sdk.id),
                ));
            }
        }
    }
    out
}

/// `fact-not-stated`.
pub const NOT_STATED_RULE: super::Rule = super::Rule {
    id: "fact-not-stated",
    default: Level::Warning,
    explain: "A fact is recorded as \"not_stated\": the policy does not say it (for example which department \
is responsible, the consequence of refusing a permission, or the data an SDK collects). GB/T 35273 §5.5 \
and GDPR Art. 13 expect it; state it, or keep the warning as a reminder.",
    run: not_stated,
};

fn not_stated(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for v in content.versions.values() {
        let tree = &v.facts.to_tree();
        let mut paths = Vec::new();
        walk_not_stated(tree, String::new(), &mut paths);
        // a required fact left unstated is a `required-facts` error, not also a warning
        for path in paths
            .into_iter()
            .filter(|p| !REQUIRED_PATHS.contains(&p.as_str()))
        {
            out.push(Diagnostic::at(
                &v.facts_file,
                offset_of_path(&v.facts_file, &path),
                format!("`{path}` is not stated by the policy"),
            ));
        }
    }
    out
}

fn walk_not_stated(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match v {
        serde_json::Value::String(s) if s == NOT_STATED => out.push(path),
        serde_json::Value::Object(m) => m.iter().for_each(|(k, c)| walk_not_stated(c, join(k), out)),
        serde_json::Value::Array(items) => items.iter().enumerate().for_each(|(i, c)| {
            let key = c
                .get("id")
                .and_then(|x| x.as_str())
                .map_or_else(|| i.to_string(), str::to_string);
            walk_not_stated(c, join(&key), out);
        }),
        _ => {}
    }
}

/// Facts whose absence `required-facts` reports.
const REQUIRED_PATHS: &[&str] = &["retention.period", "storage.location", "requests.response_days"];

/// `fact-unshown`.
pub const UNSHOWN: super::Rule = super::Rule {
    id: "fact-unshown",
    default: Level::Error,
    explain: "A fact declared in facts.toml is shown on no page: no section refers to it (`{{ path }}`) or \
to a list or table holding it (`{{> partial path }}`; the contact block also shows the controller). A \
fact nobody can read is not part of the policy: show it or remove it.",
    run: unshown,
};

fn unshown(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for v in content.versions.values() {
        let shown = shown_paths(v);
        let covered = |p: &str| {
            shown
                .iter()
                .any(|s| p == s || p.starts_with(&format!("{s}.")) || s.starts_with(&format!("{p}.")))
        };
        let tree = &v.facts.to_tree();
        let Some(top) = tree.as_object() else { continue };
        for (key, value) in top {
            let tags = content.locale_tags();
            let children: Vec<String> = match value {
                serde_json::Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.get("id").and_then(|x| x.as_str()))
                    .map(|id| format!("{key}.{id}"))
                    .collect(),
                serde_json::Value::Object(m) if !facts::is_text(value, &tags) => m
                    .iter()
                    .filter(|(_, c)| c.as_str() != Some(NOT_STATED))
                    .map(|(k, _)| format!("{key}.{k}"))
                    .collect(),
                _ => vec![key.clone()],
            };
            for path in children.iter().filter(|p| !covered(p)) {
                out.push(Diagnostic::at(
                    &v.facts_file,
                    offset_of_path(&v.facts_file, path),
                    format!("fact `{path}` is shown on no page"),
                ));
            }
        }
    }
    out
}

fn shown_paths(v: &Version) -> BTreeSet<String> {
    let mut shown = BTreeSet::new();
    for e in v.editions.values() {
        for s in &e.sections {
            for (_, d) in &s.directives {
                match d {
                    Directive::Fact { path } => {
                        shown.insert(path.clone());
                    }
                    Directive::Partial { name, path } => {
                        if let Some(p) = path {
                            shown.insert(p.clone());
                        }
                        if name == "contact-block" {
                            shown.insert("controller".to_string());
                        }
                    }
                }
            }
        }
    }
    shown
}

/// `required-facts`.
pub const REQUIRED: super::Rule = super::Rule {
    id: "required-facts",
    default: Level::Error,
    explain: "The policy lacks something every privacy policy must state (GB/T 35273-2020 §5.5, GDPR Art. 13): \
a section on collection and use, sharing, users' rights, minors, cross-border transfer, updates and \
contact (by their standard section ids in policy.toml), a contact channel (email or phone), categories of personal information, each with a purpose, the \
retention period or criterion, where data is stored, users' rights, the response time to requests, and \
a complaint channel.",
    run: required,
};

/// Sections every policy needs, by the standard section ids, with what they cover.
const REQUIRED_SECTIONS: &[(&str, &str)] = &[
    (
        "collect-and-use",
        "how personal information is collected and used",
    ),
    ("sharing", "sharing, transfer and public disclosure"),
    ("your-rights", "users' rights"),
    ("minors", "the personal information of minors"),
    ("cross-border", "storage location and cross-border transfer"),
    ("updates", "how the policy is updated"),
    ("contact", "how to contact the controller"),
];

fn required(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let src = &content.config_file;
    for (id, what) in REQUIRED_SECTIONS {
        if !content.config.sections.iter().any(|s| s.as_str() == *id) {
            out.push(Diagnostic::at(
                src,
                offset_of(src, "sections"),
                format!("policy.toml declares no `{id}` section: the policy must say {what}"),
            ));
        }
    }
    for v in content.versions.values() {
        let f = &v.facts;
        let src = &v.facts_file;
        let mut need = |ok: bool, path: &str, what: &str| {
            if !ok {
                out.push(Diagnostic::at(
                    src,
                    offset_of_path(src, path),
                    format!("the policy must state {what}"),
                ));
            }
        };
        need(
            f.contact.email.value().is_some() || f.contact.phone.value().is_some(),
            "contact.email",
            "a contact email or phone (contact.email, contact.phone)",
        );
        need(
            !f.data.is_empty(),
            "data",
            "the categories of personal information it processes ([[data]])",
        );
        for d in &f.data {
            need(
                d.purpose.value().is_some() || d.items.value().is_some(),
                &format!("data.{}.purpose", d.id),
                &format!("what data category `{}` holds or why it is processed", d.id),
            );
        }
        need(
            f.retention.period.value().is_some(),
            "retention.period",
            "how long personal information is kept (retention.period)",
        );
        need(
            f.storage.location.value().is_some(),
            "storage.location",
            "where personal information is stored (storage.location)",
        );
        need(!f.rights.is_empty(), "rights", "users' rights ([[rights]])");
        need(
            f.requests.response_days.value().is_some(),
            "requests.response_days",
            "the response time to requests (requests.response_days)",
        );
        need(
            f.contact.complaint.value().is_some() || f.requests.complaint.value().is_some(),
            "contact.complaint",
            "a complaint channel (contact.complaint or requests.complaint)",
        );
    }
    out
}

/// `version-dates`.
pub const DATES: super::Rule = super::Rule {
    id: "version-dates",
    default: Level::Error,
    explain: "Version dates are out of order: each version's update date must be later than the previous \
version's, its effective date not earlier than the previous version's, and a version's effective date \
not earlier than the version it replaces took effect.",
    run: dates,
};

fn dates(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let versions: Vec<&Version> = content.versions.values().collect();
    for pair in versions.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b.meta.updated <= a.meta.updated {
            out.push(Diagnostic::at(
                &b.meta_file,
                offset_of(&b.meta_file, "updated"),
                format!(
                    "update date {} is not later than {} of version {}",
                    b.meta.updated, a.meta.updated, a.meta.id
                ),
            ));
        }
        if b.meta.effective < a.meta.effective {
            out.push(Diagnostic::at(
                &b.meta_file,
                offset_of(&b.meta_file, "effective"),
                format!(
                    "effective date {} is earlier than {} of version {}",
                    b.meta.effective, a.meta.effective, a.meta.id
                ),
            ));
        }
    }
    out
}
