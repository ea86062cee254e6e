//! The only place pulldown-cmark is configured and driven.
//!
//! Two passes over a section body, both pure:
//! 1. [`analyze`] (at load): headings and their ids, fact references, and the safety rules (raw HTML,
//!    link schemes), so bad input is refused before anything renders;
//! 2. [`render`] (at build): HTML with heading levels shifted below the section heading, footnote ids
//!    prefixed by the section id so they cannot clash, and `{{ … }}` fact references expanded through
//!    a [`Resolve`]r.
//!
//! [`outline`] (for `check`) lists the blocks under each heading.

mod outline;

pub use outline::{Block, BlockKind, Segment, outline};

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, TextMergeWithOffset};

/// The Markdown dialect of section files.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A problem at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// Byte offset in the text given.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

fn located(offset: usize, message: impl Into<String>) -> Located {
    Located {
        offset,
        message: message.into(),
    }
}

/// A `{{ … }}` reference in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// `{{ path }}`: one fact value, inline.
    Fact {
        /// Dotted path into the facts.
        path: String,
    },
    /// `{{> partial path }}`: a template rendering a fact, alone in its paragraph.
    Partial {
        /// Template name under `partials/`.
        name: String,
        /// Dotted path of the value given to it as `item`.
        path: Option<String>,
    },
}

/// Finds the `{{ … }}` references in a run of text, with their byte ranges.
pub fn scan_directives(text: &str) -> Result<Vec<(Range<usize>, Directive)>, Located> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("{{") {
        let start = from + i;
        let Some(len) = text[start..].find("}}") else {
            return Err(located(start, "`{{` is not closed by `}}`"));
        };
        let end = start + len + 2;
        let inner = text[start + 2..end - 2].trim();
        let directive = parse_directive(inner).map_err(|m| located(start, m))?;
        out.push((start..end, directive));
        from = end;
    }
    Ok(out)
}

fn is_path(p: &str) -> bool {
    !p.is_empty()
        && p.split('.').all(|k| {
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        })
}

fn parse_directive(inner: &str) -> Result<Directive, String> {
    if let Some(rest) = inner.strip_prefix('>') {
        let mut words = rest.split_whitespace();
        let name = words.next().unwrap_or("");
        let path = words.next();
        if !crate::ids::is_slug(name) || words.next().is_some() || path.is_some_and(|p| !is_path(p)) {
            return Err(format!(
                "malformed partial reference `{{{{{inner}}}}}` (expected `{{{{> name path }}}}`)"
            ));
        }
        Ok(Directive::Partial {
            name: name.to_string(),
            path: path.map(str::to_string),
        })
    } else if is_path(inner) {
        Ok(Directive::Fact {
            path: inner.to_string(),
        })
    } else {
        Err(format!(
            "malformed fact reference `{{{{ {inner} }}}}` (expected a dotted path such as `contact.email`)"
        ))
    }
}

/// A heading inside a section body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingInfo {
    /// Its explicit id.
    pub id: String,
    /// Level as written (`#` = 1).
    pub level: u8,
    /// Its text as written (references unexpanded).
    pub text: String,
    /// Byte offset of the heading.
    pub offset: usize,
}

/// What [`analyze`] finds in a body.
#[derive(Debug, Clone, Default)]
pub struct BodyInfo {
    /// Headings in order.
    pub headings: Vec<HeadingInfo>,
    /// Fact references with their offsets.
    pub directives: Vec<(usize, Directive)>,
    /// Internal links (`#anchor`) with their offsets.
    pub anchors: Vec<(usize, String)>,
    /// Image sources as written, with their offsets.
    pub images: Vec<(usize, String)>,
}

/// An event with its byte range.
type Spanned<'a> = (Event<'a>, Range<usize>);

/// Checks a body and lists its headings and references. Refuses headings without ids, raw HTML
/// outside `allowed_inline` (never scripts, frames or event handlers) or not closed in the
/// paragraph (heading, cell, item) that opens it, unsafe link schemes, and partial references
/// that do not stand alone in a paragraph.
pub fn analyze(body: &str, allowed_inline: &[String]) -> Result<BodyInfo, Located> {
    let mut info = BodyInfo::default();
    // inline tags open in the current block: name and offset
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut heading: Option<HeadingInfo> = None;
    let mut paragraph: Option<Vec<Spanned>> = None;
    let events = TextMergeWithOffset::new(Parser::new_ext(body, options()).into_offset_iter());
    for (event, range) in events {
        if let Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item) = &event
            && let Some((name, at)) = open.pop()
        {
            return Err(located(
                at,
                format!("`<{name}>` is not closed: close it with `</{name}>` in the same paragraph"),
            ));
        }
        match &event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let Some(id) = id else {
                    return Err(located(
                        range.start,
                        "heading has no id: end it with `{#some-id}`",
                    ));
                };
                if !crate::ids::is_slug(id) {
                    return Err(located(
                        range.start,
                        format!("invalid heading id `{id}` (expected lowercase letters, digits and `-`)"),
                    ));
                }
                if !classes.is_empty() || !attrs.is_empty() {
                    return Err(located(
                        range.start,
                        "heading attributes other than `{#id}` are not allowed",
                    ));
                }
                heading = Some(HeadingInfo {
                    id: id.to_string(),
                    level: heading_level(*level),
                    text: String::new(),
                    offset: range.start,
                });
            }
            Event::End(TagEnd::Heading(_)) => info.headings.extend(heading.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(t);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let inline = matches!(event, Event::InlineHtml(_));
                check_html(html, inline, allowed_inline).map_err(|m| located(range.start, m))?;
                if inline {
                    balance(&mut open, html, range.start)?;
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                check_url(dest_url).map_err(|m| located(range.start, m))?;
                if let Some(anchor) = dest_url.strip_prefix('#') {
                    info.anchors.push((range.start, anchor.to_string()));
                }
                if matches!(event, Event::Start(Tag::Image { .. })) {
                    info.images.push((range.start, dest_url.to_string()));
                }
            }
            _ => {}
        }
        if let Event::Text(t) = &event {
            for (r, d) in
                scan_directives(t).map_err(|l| located(range.start + l.offset.min(range.len()), l.message))?
            {
                let at = range.start + r.start.min(range.len());
                let alone = paragraph.as_ref().is_some_and(Vec::is_empty) && t.trim() == &t[r.clone()];
                if matches!(d, Directive::Partial { .. }) && !alone {
                    return Err(located(
                        at,
                        "a `{{> partial }}` reference must stand alone in its paragraph",
                    ));
                }
                info.directives.push((at, d));
            }
        }
        match &event {
            Event::Start(Tag::Paragraph) => paragraph = Some(Vec::new()),
            Event::End(TagEnd::Paragraph) => paragraph = None,
            _ => {
                if let Some(evs) = paragraph.as_mut() {
                    evs.push((event.clone(), range.clone()));
                }
            }
        }
    }
    if let Some((name, at)) = open.pop() {
        return Err(located(at, format!("`<{name}>` is not closed")));
    }
    Ok(info)
}

/// Elements that have no closing tag.
const VOID_TAGS: &[&str] = &["br", "wbr", "hr"];

/// Follows inline tag `html` (already checked) at `at`: an opening tag is pushed on `open`, a
/// closing one must close the innermost open tag.
fn balance(open: &mut Vec<(String, usize)>, html: &str, at: usize) -> Result<(), Located> {
    let t = html.trim();
    if t.starts_with("<!--") {
        return Ok(());
    }
    let closing = t.starts_with("</");
    let name: String = t
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if VOID_TAGS.contains(&name.as_str()) || t.ends_with("/>") {
        return Ok(());
    }
    if !closing {
        open.push((name, at));
        return Ok(());
    }
    match open.pop() {
        Some((top, _)) if top == name => Ok(()),
        Some((top, _)) => Err(located(
            at,
            format!("`</{name}>` closes `<{top}>`: inline tags must be closed in the order they were opened"),
        )),
        None => Err(located(at, format!("`</{name}>` closes no open `<{name}>`"))),
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// HTML tags that never reach a page, whatever `policy.toml` allows.
const FORBIDDEN_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "style", "link", "meta", "form", "frame", "frameset", "base",
    "svg", "math",
];

fn check_html(html: &str, inline: bool, allowed: &[String]) -> Result<(), String> {
    let t = html.trim();
    if t.starts_with("<!--") && t.ends_with("-->") {
        return Ok(());
    }
    let shown: String = t.chars().take(60).collect();
    let lower = t.to_ascii_lowercase();
    let name: String = lower
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if FORBIDDEN_TAGS.contains(&name.as_str()) {
        return Err(format!("raw HTML `<{name}>` is never allowed in policy text"));
    }
    if !inline {
        return Err(format!(
            "raw HTML block `{shown}` is not allowed: write Markdown instead"
        ));
    }
    let attrs = parse_tag(t).ok_or_else(|| format!("raw HTML `{shown}` is not allowed"))?;
    for (attr, value) in &attrs {
        if attr.starts_with("on") {
            return Err(format!("event handler attribute `{attr}` is never allowed"));
        }
        if !matches!(attr.as_str(), "title" | "lang") || value.contains('<') {
            return Err(format!(
                "attribute `{attr}` of `<{name}>` is not allowed (only title and lang)"
            ));
        }
    }
    if allowed.iter().any(|a| a.eq_ignore_ascii_case(&name)) {
        Ok(())
    } else {
        let list = if allowed.is_empty() {
            "none".to_string()
        } else {
            allowed.join(", ")
        };
        Err(format!(
            "raw HTML `<{name}>` is not allowed (inline tags allowed by policy.toml: {list})"
        ))
    }
}

/// Parses `<name attr="v" …>` / `</name>` / `<name/>`; returns its attributes.
fn parse_tag(t: &str) -> Option<Vec<(String, String)>> {
    let inner = t.strip_prefix('<')?.strip_suffix('>')?;
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    if name_len == 0 {
        return None;
    }
    let mut rest = &inner[name_len..];
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Some(attrs);
        }
        let n = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        if n == 0 {
            return None;
        }
        let attr = rest[..n].to_ascii_lowercase();
        rest = rest[n..].trim_start();
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let q = r.chars().next()?;
            if q != '"' && q != '\'' {
                return None;
            }
            let close = r[1..].find(q)?;
            value = r[1..1 + close].to_string();
            rest = &r[close + 2..];
        }
        attrs.push((attr, value));
    }
}

fn check_url(url: &str) -> Result<(), String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    if let Some(i) = scheme_end.filter(|&i| cleaned.as_bytes()[i] == b':') {
        let scheme = &cleaned[..i];
        if !matches!(scheme, "http" | "https" | "mailto" | "tel") {
            return Err(format!(
                "link scheme `{scheme}:` is not allowed (use https:, http:, mailto:, tel: or a relative link)"
            ));
        }
    }
    Ok(())
}

/// Supplies fact values and partial renderings to [`render`].
pub trait Resolve {
    /// The display text of the fact at `path`.
    fn fact(&self, path: &str) -> Result<String, String>;
    /// The HTML of partial `name` for the value at `path`.
    fn partial(&self, name: &str, path: Option<&str>) -> Result<String, String>;
}

/// Settings of one [`render`] call.
#[derive(Debug, Clone)]
pub struct RenderOptions<'a> {
    /// Levels added to each heading (`#` + shift = the HTML level, at most 6).
    pub heading_shift: u8,
    /// Prefix for footnote ids (the section id), so footnotes of different sections never clash.
    pub id_prefix: &'a str,
}

/// A heading as rendered, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocItem {
    /// Anchor.
    pub id: String,
    /// Level as written (`#` = 1).
    pub level: u8,
    /// Display text, references expanded.
    pub text: String,
}

/// The HTML of a body and its headings.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// HTML fragment.
    pub html: String,
    /// Headings in order.
    pub toc: Vec<TocItem>,
}

/// Renders a body that passed [`analyze`].
pub fn render(body: &str, opts: &RenderOptions, facts: &dyn Resolve) -> Result<Rendered, Located> {
    let raw: Vec<(Event, Range<usize>)> =
        TextMergeWithOffset::new(Parser::new_ext(body, options()).into_offset_iter()).collect();
    let mut out: Vec<Event> = Vec::with_capacity(raw.len());
    let mut toc = Vec::new();
    let mut heading: Option<TocItem> = None;
    let mut footnotes: Vec<String> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let (event, range) = &raw[i];
        // A paragraph holding only `{{> partial }}` becomes the partial's HTML.
        if let (
            Event::Start(Tag::Paragraph),
            Some((Event::Text(t), r)),
            Some((Event::End(TagEnd::Paragraph), _)),
        ) = (event, raw.get(i + 1), raw.get(i + 2))
        {
            let found = scan_directives(t).map_err(|l| located(r.start, l.message))?;
            if let [(span, Directive::Partial { name, path })] = found.as_slice()
                && t.trim() == &t[span.clone()]
            {
                let html = facts
                    .partial(name, path.as_deref())
                    .map_err(|m| located(r.start, m))?;
                out.push(Event::Html(CowStr::from(html)));
                i += 3;
                continue;
            }
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let shifted = (heading_level(*level) + opts.heading_shift).min(6);
                heading = Some(TocItem {
                    id: id.as_deref().unwrap_or("").to_string(),
                    level: heading_level(*level),
                    text: String::new(),
                });
                out.push(Event::Start(Tag::Heading {
                    level: to_level(shifted),
                    id: id.clone(),
                    classes: vec![],
                    attrs: vec![],
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let shifted = (heading_level(*level) + opts.heading_shift).min(6);
                toc.extend(heading.take());
                out.push(Event::End(TagEnd::Heading(to_level(shifted))));
            }
            Event::Text(t) => {
                let mut last = 0;
                for (span, d) in scan_directives(t).map_err(|l| located(range.start, l.message))? {
                    let Directive::Fact { path } = d else {
                        return Err(located(
                            range.start,
                            "a `{{> partial }}` reference must stand alone in its paragraph",
                        ));
                    };
                    push_text(&mut out, &mut heading, &t[last..span.start]);
                    let value = facts.fact(&path).map_err(|m| located(range.start, m))?;
                    push_text(&mut out, &mut heading, &value);
                    last = span.end;
                }
                push_text(&mut out, &mut heading, &t[last..]);
            }
            Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(t);
                }
                out.push(event.clone());
            }
            Event::Html(h) | Event::InlineHtml(h) if h.trim_start().starts_with("<!--") => {}
            Event::FootnoteReference(label) => {
                let n = footnote_number(&mut footnotes, label);
                let id = footnote_id(opts.id_prefix, label);
                out.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"fnref-{id}\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = footnote_number(&mut footnotes, label);
                let id = footnote_id(opts.id_prefix, label);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"fn-{id}\"><span class=\"footnote-label\"><a href=\"#fnref-{id}\">{n}</a></span>"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html(CowStr::from("</div>\n"))),
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Ok(Rendered { html, toc })
}

fn push_text<'a>(out: &mut Vec<Event<'a>>, heading: &mut Option<TocItem>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(h) = heading.as_mut() {
        h.text.push_str(s);
    }
    out.push(Event::Text(CowStr::from(s.to_string())));
}

fn to_level(n: u8) -> HeadingLevel {
    match n {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn footnote_number(seen: &mut Vec<String>, label: &str) -> usize {
    match seen.iter().position(|l| l == label) {
        Some(i) => i + 1,
        None => {
            seen.push(label.to_string());
            seen.len()
        }
    }
}

fn footnote_id(prefix: &str, label: &str) -> String {
    let slug: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{slug}")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Facts;
    impl Resolve for Facts {
        fn fact(&self, path: &str) -> Result<String, String> {
            match path {
                "contact.email" => Ok("a<b@example.com".into()),
                _ => Err(format!("unknown fact `{path}`")),
            }
        }
        fn partial(&self, name: &str, path: Option<&str>) -> Result<String, String> {
            Ok(format!(
                "<div data-partial=\"{name}\" data-path=\"{}\"></div>",
                path.unwrap_or("")
            ))
        }
    }

    const OPTS: RenderOptions = RenderOptions {
        heading_shift: 2,
        id_prefix: "contact",
    };

    #[test]
    fn headings_need_ids() {
        assert!(analyze("# Title {#t}\n", &[]).is_ok());
        let e = analyze("text\n\n# Title\n", &[]).unwrap_err();
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("no id"));
    }

    #[test]
    fn html_rules() {
        let allowed = vec!["br".to_string()];
        assert!(analyze("a<br>b\n", &allowed).is_ok());
        assert!(analyze("a<br/>b <!-- note -->\n", &allowed).is_ok());
        for bad in [
            "<script>alert(1)</script>\n",
            "a <span>b</span>\n",
            "a <br onclick=\"x()\">\n",
            "<div>\nblock\n</div>\n",
            "[x](javascript:alert(1))\n",
            "[x](JaVaScript:alert(1))\n",
            "[x](<java\tscript:alert(1)>)\n",
            "![x](data:text/html,hi)\n",
            "<iframe src=\"x\"></iframe>\n",
        ] {
            assert!(analyze(bad, &allowed).is_err(), "{bad}");
        }
        let e = analyze("ok\n\nline <script>x</script>\n", &["script".into()]).unwrap_err();
        assert!(e.message.contains("never allowed"), "{}", e.message);
    }

    #[test]
    fn inline_html_is_balanced() {
        let allowed = ["sub".to_string(), "sup".to_string(), "br".to_string()];
        assert!(analyze("H<sub>2</sub>O and x<sup>2</sup><br>\n", &allowed).is_ok());
        assert!(analyze("<sub>a<sup>b</sup></sub>\n", &allowed).is_ok());
        let e = analyze("Text <sub>never closed.\n\nNext.\n", &allowed).unwrap_err();
        assert_eq!(e.offset, 5);
        assert!(e.message.contains("`<sub>` is not closed"), "{}", e.message);
        let e = analyze("<sub>a<sup>b</sub></sup>\n", &allowed).unwrap_err();
        assert!(e.message.contains("`</sub>` closes `<sup>`"), "{}", e.message);
        let e = analyze("a</sub>\n", &allowed).unwrap_err();
        assert!(e.message.contains("closes no open"), "{}", e.message);
    }

    #[test]
    fn directives() {
        let info = analyze("Mail {{ contact.email }} now.\n\n{{> sdk-table sdks }}\n", &[]).unwrap();
        assert_eq!(info.directives.len(), 2);
        assert!(analyze("Text {{> sdk-table sdks }} inline\n", &[]).is_err());
        assert!(analyze("Text {{ contact.email\n", &[]).is_err());
        assert!(analyze("Text {{ Bad Path }}\n", &[]).is_err());
    }

    #[test]
    fn renders_facts_escaped_and_headings_shifted() {
        let r = render(
            "# Contact {#reach}\n\nMail {{ contact.email }}.\n\n{{> contact-block contact }}\n",
            &OPTS,
            &Facts,
        )
        .unwrap();
        assert!(r.html.contains("<h3 id=\"reach\">Contact</h3>"), "{}", r.html);
        assert!(r.html.contains("Mail a&lt;b@example.com."), "{}", r.html);
        assert!(
            r.html
                .contains("<div data-partial=\"contact-block\" data-path=\"contact\"></div>")
        );
        assert_eq!(
            r.toc,
            vec![TocItem {
                id: "reach".into(),
                level: 1,
                text: "Contact".into()
            }]
        );
    }

    #[test]
    fn footnote_ids_are_prefixed() {
        let r = render("A[^1].\n\n[^1]: Note.\n", &OPTS, &Facts).unwrap();
        assert!(r.html.contains("href=\"#fn-contact-1\""), "{}", r.html);
        assert!(r.html.contains("id=\"fn-contact-1\""));
    }

    #[test]
    fn unknown_fact_is_an_error() {
        assert!(render("{{ nope }}\n", &OPTS, &Facts).is_err());
    }
}
