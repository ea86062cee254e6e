//! Load-time rules that span files: what must hold for the content to be usable at all (exit 2).
//! Rules about content that loads but is wrong live in `check`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::config::PolicyConfig;
use crate::error::{Diagnostic, Result};
use crate::facts;
use crate::ids::Locale;
use crate::markdown::Directive;
use crate::model::{Content, Version};
use crate::source::SourceFile;

/// Element ids the page templates use themselves.
pub const RESERVED_IDS: &[&str] = &["top", "toc", "main", "policy", "versions", "languages"];

/// Checks `policy.toml` beyond its types.
pub fn config(c: &PolicyConfig, src: &SourceFile) -> Result<()> {
    let at_key = |key: &str, msg: String| {
        let offset = src.text.find(&format!("\n{key}")).map_or(0, |i| i + 1);
        Diagnostic::at(src, offset, msg)
    };
    if c.locales.is_empty() {
        return Err(at_key("locales", "`locales` is empty".into()).into());
    }
    if let Some(dup) = duplicate(c.locales.iter()) {
        return Err(at_key("locales", format!("locale `{dup}` is listed twice")).into());
    }
    if !c.locales.contains(&c.default_locale) {
        return Err(at_key(
            "default_locale",
            format!("default locale `{}` is not in `locales`", c.default_locale),
        )
        .into());
    }
    if c.sections.is_empty() {
        return Err(at_key("sections", "`sections` is empty".into()).into());
    }
    if let Some(dup) = duplicate(c.sections.iter()) {
        return Err(at_key("sections", format!("section `{dup}` is listed twice")).into());
    }
    if let Some(unknown) = c.lint.keys().find(|k| crate::lint::rule(k).is_none()) {
        let ids: Vec<&str> = crate::lint::RULES.iter().map(|r| r.id).collect();
        let offset = src.text.find(unknown.as_str()).unwrap_or(0);
        return Err(Diagnostic::at(
            src,
            offset,
            format!("unknown lint rule `{unknown}` (rules: {})", ids.join(", ")),
        )
        .into());
    }
    let scheme_ok = c.base_url.starts_with("https://") || c.base_url.starts_with("http://");
    if !scheme_ok || !c.base_url.ends_with('/') || c.base_url.contains(char::is_whitespace) {
        return Err(at_key(
            "base_url",
            format!(
                "base_url `{}` must be an absolute http(s) URL ending in `/`",
                c.base_url
            ),
        )
        .into());
    }
    if let Some(bad) = c
        .image_origins
        .iter()
        .find(|o| image_origin(o).as_deref() != Some(o.as_str()))
    {
        return Err(at_key(
            "image_origins",
            format!("image origin `{bad}` must be a scheme and host such as `https://cdn.example.com`"),
        )
        .into());
    }
    Ok(())
}

/// The origin (`https://host:port`, lowercase) of an absolute or scheme-relative image URL; `None`
/// for a relative one.
pub fn image_origin(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let (scheme, rest) = if let Some(rest) = lower.strip_prefix("//") {
        ("https", rest)
    } else {
        let i = lower.find(':')?;
        if lower[..i].contains(['/', '?', '#']) {
            return None;
        }
        (&lower[..i], lower[i + 1..].trim_start_matches('/'))
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    Some(format!("{scheme}://{host}"))
}

fn duplicate<T: Ord + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut seen = BTreeSet::new();
    items.into_iter().find(|i| !seen.insert(i.clone()))
}

/// Checks every version: sections, heading ids, fact locales and fact references.
pub fn content(c: &Content) -> Result<()> {
    let locales = c.locale_tags();
    let versions: Vec<&Version> = c.versions.values().collect();
    // one facts tree per facts file: versions share most of them byte for byte
    let mut trees: HashMap<&str, serde_json::Value> = HashMap::new();
    for v in &versions {
        if let Some(hash) = v.source_hashes.get("facts.toml") {
            trees.entry(hash.as_str()).or_insert_with(|| v.facts.to_tree());
        }
    }
    // versions on every core; the first error in version order is the one reported
    crate::parallel::try_map(&versions, |version| {
        match version
            .source_hashes
            .get("facts.toml")
            .and_then(|h| trees.get(h.as_str()))
        {
            Some(tree) => self::version(c, version, tree, &locales),
            None => self::version(c, version, &version.facts.to_tree(), &locales),
        }
    })?;
    Ok(())
}

/// The checks of [`content`] on one version whose facts make `tree`.
fn version(c: &Content, version: &Version, tree: &serde_json::Value, locales: &[String]) -> Result<()> {
    fact_locales(version, tree, &c.config.locales)?;
    for edition in version.editions.values() {
        sections(c, version, edition)?;
        let mut ids: BTreeMap<&str, &SourceFile> = BTreeMap::new();
        for section in &edition.sections {
            for h in &section.headings {
                let id = h.id.as_str();
                if RESERVED_IDS.contains(&id) || c.config.sections.iter().any(|s| s.as_str() == id) {
                    return Err(Diagnostic::at(
                        &section.file,
                        h.offset,
                        format!("heading id `{id}` is reserved (a section id or a page element)"),
                    )
                    .into());
                }
                if let Some(first) = ids.insert(id, &section.file) {
                    return Err(Diagnostic::at(
                        &section.file,
                        h.offset,
                        format!("duplicate heading id `{id}` (also in {})", first.path.display()),
                    )
                    .into());
                }
            }
            for (offset, d) in &section.directives {
                let (path, block) = match d {
                    Directive::Fact { path } => (Some(path.as_str()), false),
                    Directive::Partial { path, .. } => (path.as_deref(), true),
                };
                let Some(path) = path else { continue };
                match facts::lookup(tree, path) {
                    None => {
                        return Err(Diagnostic::at(
                            &section.file,
                            *offset,
                            format!(
                                "unknown fact `{path}` (not in {})",
                                version.facts_file.path.display()
                            ),
                        )
                        .into());
                    }
                    Some(v) if !(block || v.is_string() || v.is_number() || facts::is_text(v, locales)) => {
                        return Err(Diagnostic::at(&section.file, *offset, format!("fact `{path}` is not a single value: show it with a `{{{{> partial {path} }}}}`")).into());
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

fn sections(c: &Content, version: &Version, edition: &crate::model::Edition) -> Result<()> {
    let dir = version.dir.join(edition.locale.as_str());
    let mut seen = BTreeMap::new();
    for s in &edition.sections {
        let id = s.id();
        let Some(index) = c.config.sections.iter().position(|x| x == id) else {
            let offset = s.file.text.find("id").unwrap_or(0);
            return Err(Diagnostic::at(
                &s.file,
                offset,
                format!("section `{id}` is not declared in policy.toml"),
            )
            .into());
        };
        if let Some(first) = seen.insert(id.clone(), &s.file) {
            return Err(Diagnostic::file_error(
                &s.file.path,
                format!("duplicate section `{id}` (also {})", first.path.display()),
            )
            .into());
        }
        if s.meta.order as usize != index {
            let offset = s.file.text.find("order").unwrap_or(0);
            return Err(Diagnostic::at(
                &s.file,
                offset,
                format!(
                    "section `{id}` has order {} but is number {index} in policy.toml",
                    s.meta.order
                ),
            )
            .into());
        }
        for (offset, src) in &s.images {
            let problem = match image_origin(src) {
                Some(origin) if !c.config.image_origins.contains(&origin) => format!(
                    "remote image `{src}` is not allowed: pages make no network requests (put the file in the version's images/ folder, or allow `{origin}` with image_origins in policy.toml)"
                ),
                Some(_) => continue,
                None if version.images.contains_key(src.as_str()) => continue,
                None => format!(
                    "image `{src}` is not a file of this version: write `images/<file>` for a file in {}",
                    version.dir.join("images").display()
                ),
            };
            return Err(Diagnostic::at(&s.file, *offset, problem).into());
        }
        let expected = format!("{index:02}-{id}.md");
        if s.file.path.file_name().is_some_and(|n| n != expected.as_str()) {
            return Err(Diagnostic::file_error(
                &s.file.path,
                format!("file name should be `{expected}` (order and section id)"),
            )
            .into());
        }
    }
    for (index, id) in c.config.sections.iter().enumerate() {
        if !seen.contains_key(id) {
            return Err(Diagnostic::file_error(
                dir.join(format!("{index:02}-{id}.md")),
                format!("missing required section `{id}`"),
            )
            .into());
        }
    }
    Ok(())
}

/// Every text in the facts uses only declared locales.
fn fact_locales(version: &Version, tree: &serde_json::Value, declared: &[Locale]) -> Result<()> {
    fn walk(v: &serde_json::Value, found: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                let texty = !m.is_empty() && m.iter().all(|(k, x)| x.is_string() && Locale::parse(k).is_ok());
                if texty {
                    found.extend(m.keys().cloned());
                } else {
                    m.values().for_each(|x| walk(x, found));
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| walk(x, found)),
            _ => {}
        }
    }
    let mut found = BTreeSet::new();
    walk(tree, &mut found);
    for tag in found {
        if !declared.iter().any(|l| l.as_str() == tag) {
            let src = &version.facts_file;
            let offset = src
                .text
                .find(&format!("{tag} ="))
                .or_else(|| src.text.find(&format!("\"{tag}\"")))
                .unwrap_or(0);
            return Err(Diagnostic::at(
                src,
                offset,
                format!(
                    "unknown locale `{tag}` in a fact text (policy.toml declares {})",
                    declared.iter().map(Locale::as_str).collect::<Vec<_>>().join(", ")
                ),
            )
            .into());
        }
    }
    Ok(())
}
