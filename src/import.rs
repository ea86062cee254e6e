//! `policyc import`: an existing whole-policy document (Markdown, or HTML converted to Markdown) to
//! the content layout, pure: text in, files and a report out.
//!
//! 1. HTML is reduced to Markdown (headings, paragraphs, list items, line breaks; scripts dropped);
//! 2. sections come from the headings as the diff finds them (the shallowest level used at least
//!    twice, bold-only short paragraphs counting as headings); text before the first is the preamble;
//! 3. every heading below a section gets an explicit id; raw HTML the content format refuses is
//!    removed, keeping its text;
//! 4. emails, phone numbers and package names become facts, referenced inline where they stood, so
//!    the page reads as before and changing one fact changes every page.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diff::doc::slug;

/// What an import produces.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Files relative to the content folder.
    pub files: Vec<(String, String)>,
    /// What could not be mapped, or needs a person's attention.
    pub report: Vec<String>,
}

/// Reduces an HTML document to Markdown.
pub fn html_to_markdown(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    while let Some(i) = rest.find('<') {
        if skip_until.is_none() {
            out.push_str(&decode(&rest[..i]).replace(['\n', '\r'], " "));
        }
        let Some(j) = rest[i..].find('>') else { break };
        let tag = rest[i + 1..i + j].trim().to_ascii_lowercase();
        rest = &rest[i + j + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let closing = tag.starts_with('/');
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
            continue;
        }
        match (name.as_str(), closing) {
            ("script" | "style" | "head" | "nav" | "noscript", false) => {
                skip_until = Some(match name.as_str() {
                    "script" => "script",
                    "style" => "style",
                    "head" => "head",
                    "nav" => "nav",
                    _ => "noscript",
                })
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                let level = name[1..].parse::<usize>().unwrap_or(2);
                out.push_str("\n\n");
                out.push_str(&"#".repeat(level));
                out.push(' ');
            }
            ("li", false) => out.push_str("\n- "),
            ("br", _) => out.push_str("  \n"),
            (
                "p" | "div" | "section" | "article" | "ul" | "ol" | "table" | "tr" | "h1" | "h2" | "h3"
                | "h4" | "h5" | "h6" | "li",
                _,
            ) => out.push_str("\n\n"),
            ("td" | "th", _) => out.push(' '),
            _ => {}
        }
    }
    if skip_until.is_none() {
        out.push_str(&decode(rest));
    }
    // tidy: trim lines, at most one blank line in a row
    let mut tidy = String::new();
    let mut blank = 0;
    for line in out.lines() {
        let l = line.trim();
        if l.is_empty() || l == "-" {
            blank += 1;
            continue;
        }
        if blank > 0 && !tidy.is_empty() {
            tidy.push_str(if l.starts_with("- ") && !tidy.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            });
        } else if !tidy.is_empty() {
            tidy.push('\n');
        }
        tidy.push_str(l);
        blank = 0;
    }
    tidy.push('\n');
    tidy
}

/// Decodes the entities of HTML text for Markdown, keeping text text: `&lt;` stays an entity (a
/// decoded `<script>` would be markup in Markdown), and so does `&amp;` where a decoded `&` would
/// start an entity.
fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (text, len) = [
            ("&nbsp;", " "),
            ("&lt;", "&lt;"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&#39;", "'"),
            ("&amp;", "&"),
        ]
        .iter()
        .find(|(entity, _)| tail.starts_with(entity))
        .map_or(("&", 1), |(entity, text)| (*text, entity.len()));
        let after = &tail[len..];
        let starts_entity = after.split_once(';').is_some_and(|(name, _)| {
            !name.is_empty()
                && name.len() <= 10
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
        });
        out.push_str(if text == "&" && len > 1 && starts_entity {
            "&amp;"
        } else {
            text
        });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Facts found in the text.
#[derive(Default)]
struct Found {
    address: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    packages: Vec<String>,
}

/// Replaces emails, phones and package names in `text` by fact references; records them.
fn factor(text: &str, found: &mut Found, report: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (offset, what) in crate::lint::find_facts_in(text) {
        let (kind, value) = what;
        let end = offset + value.len();
        if offset < last || text.get(offset..end) != Some(value.as_str()) {
            continue;
        }
        // a number inside a URL or a link target is part of it, not a fact
        let token_start = text[..offset]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let token_end = text[end..]
            .find(|c: char| c.is_whitespace())
            .map_or(text.len(), |i| end + i);
        let token = &text[token_start..token_end];
        if token.contains("://")
            || token.contains("](")
            || token.contains("www.")
            || (kind == "phone" && token.contains('/'))
        {
            continue;
        }
        let reference = match kind {
            "email" => match &found.email {
                None => {
                    found.email = Some(value.clone());
                    Some("{{ contact.email }}".to_string())
                }
                Some(e) if *e == value => Some("{{ contact.email }}".to_string()),
                Some(_) => None,
            },
            "phone" => match &found.phone {
                None => {
                    found.phone = Some(value.clone());
                    Some("{{ contact.phone }}".to_string())
                }
                Some(p) if *p == value => Some("{{ contact.phone }}".to_string()),
                Some(_) => None,
            },
            _ => {
                if !found.packages.contains(&value) {
                    found.packages.push(value.clone());
                }
                let n = found.packages.iter().position(|p| *p == value).unwrap_or(0) + 1;
                Some(format!("{{{{ sdks.sdk-{n}.package }}}}"))
            }
        };
        match reference {
            Some(r) => {
                out.push_str(&text[last..offset]);
                out.push_str(&r);
                last = end;
            }
            None => {
                let line = format!(
                    "another {kind} `{value}` is left in the text (the content model has one {kind}): move it to facts.toml by hand"
                );
                if !report.contains(&line) {
                    report.push(line);
                }
            }
        }
    }
    out.push_str(&text[last..]);
    out
}

/// A place to cut the text: a heading (level, text) to rewrite, or raw HTML to drop (`None`).
type Cut = (std::ops::Range<usize>, Option<(u8, String)>);

/// Labels that introduce a postal address on its own line.
const ADDRESS_LABELS: &[&str] = &[
    "office address:",
    "registered address:",
    "postal address:",
    "mailing address:",
    "address:",
    "办公地址：",
    "注册地址：",
    "联系地址：",
    "地址：",
];

/// The first line of the form `Address: …` gives the controller's address, referenced in place.
fn factor_address(text: &str, found: &mut Found) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(['*', '_', ' ', '-']);
        let lower = trimmed.to_lowercase();
        let label = ADDRESS_LABELS.iter().find(|l| lower.starts_with(*l));
        if let (Some(label), None) = (label, &found.address) {
            let value = trimmed[label.len()..].trim().trim_end_matches(['*', '_']).trim();
            if value.chars().count() >= 8 && !value.contains("{{") {
                found.address = Some(value.to_string());
                let at = line.len() - trimmed.len() + label.len();
                out.push_str(&line[..at]);
                out.push_str(" {{ controller.address }}");
                if line.ends_with('\n') {
                    out.push('\n');
                }
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// A section being built: id, title and Markdown body.
struct Part {
    id: String,
    title: Option<String>,
    body: String,
}

/// Imports a whole-policy Markdown text.
pub fn import(markdown: &str, version: &str, locale: &str, product: &str) -> Imported {
    let mut report = Vec::new();
    let text = if markdown.contains("{{") {
        report.push(
            "`{{` in the text was written as `{ {` (it starts a fact reference in the content format)".into(),
        );
        markdown.replace("{{", "{ {")
    } else {
        markdown.to_string()
    };
    let text = neutralize_links(&text, &mut report);
    let mut found = Found::default();
    let text = factor(&text, &mut found, &mut report);
    let text = factor_address(&text, &mut found);

    // headings with their ranges, levels and text; raw HTML ranges to drop
    let mut heads: Vec<(std::ops::Range<usize>, u8, String)> = Vec::new();
    let mut drop: Vec<std::ops::Range<usize>> = Vec::new();
    let mut cur: Option<(std::ops::Range<usize>, u8, String)> = None;
    let mut para: Option<(std::ops::Range<usize>, bool, String, bool)> = None; // range, only strong, text, saw text
    let mut strong = 0usize;
    for (event, range) in Parser::new_ext(&text, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => cur = Some((range, level as u8, String::new())),
            Event::End(TagEnd::Heading(_)) => heads.extend(cur.take()),
            Event::Start(Tag::Paragraph) => para = Some((range, true, String::new(), false)),
            Event::End(TagEnd::Paragraph) => {
                if let Some((r, only, t, saw)) = para.take()
                    && only
                    && saw
                    && t.chars().count() <= 120
                {
                    heads.push((r, 7, t));
                }
            }
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, s)) = cur.as_mut() {
                    s.push_str(&t);
                }
                if let Some((_, only, s, saw)) = para.as_mut() {
                    s.push_str(&t);
                    if !t.trim().is_empty() {
                        *saw = true;
                        if strong == 0 {
                            *only = false;
                        }
                    }
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let t = h.trim().to_ascii_lowercase();
                let harmless = ["<br", "</br", "<sub", "</sub", "<sup", "</sup"]
                    .iter()
                    .any(|p| t.starts_with(p))
                    && !t.contains(" on");
                if !harmless {
                    drop.push(range);
                }
            }
            _ => {}
        }
    }
    if !drop.is_empty() {
        report.push(format!(
            "{} piece(s) of raw HTML removed (the content format allows only harmless inline tags)",
            drop.len()
        ));
    }
    let levels: Vec<u8> = heads.iter().map(|h| h.1).collect();
    let split = (1..=7u8).find(|&l| levels.iter().filter(|&&x| x == l).count() >= 2);
    heads.sort_by_key(|h| h.0.start);

    // cut the text into sections, rewriting headings with ids and dropping raw HTML
    let mut parts: Vec<Part> = vec![Part {
        id: "preamble".into(),
        title: None,
        body: String::new(),
    }];
    let mut used: BTreeSet<String> = BTreeSet::from(["preamble".to_string()]);
    let mut pos = 0;
    let mut cuts: Vec<Cut> = heads
        .iter()
        .map(|(r, l, t)| (r.clone(), Some((*l, t.clone()))))
        .collect();
    cuts.extend(drop.iter().map(|r| (r.clone(), None)));
    cuts.sort_by_key(|c| c.0.start);
    let unique = |base: String, used: &mut BTreeSet<String>| {
        let base = if base.is_empty() || !crate::ids::is_slug(&base) {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) || crate::validate::RESERVED_IDS.contains(&id.as_str()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        id
    };
    for (range, head) in cuts {
        if range.start < pos {
            continue;
        }
        parts
            .last_mut()
            .expect("at least the preamble")
            .body
            .push_str(&text[pos..range.start]);
        pos = range.end;
        let Some((level, title)) = head else { continue };
        let title = crate::diff::doc::clean(&title);
        if Some(level) == split {
            let id = unique(ascii_slug(&title), &mut used);
            parts.push(Part {
                id,
                title: Some(title),
                body: String::new(),
            });
        } else {
            let id = unique(ascii_slug(&title), &mut used);
            let depth = match split {
                Some(s) if level > s => (level - s).min(4),
                _ => 1,
            };
            let body = &mut parts.last_mut().expect("at least the preamble").body;
            body.push_str(&format!("{} {title} {{#{id}}}\n\n", "#".repeat(depth as usize)));
        }
    }
    parts
        .last_mut()
        .expect("at least the preamble")
        .body
        .push_str(&text[pos..]);
    if parts[0].body.trim().is_empty() && parts.len() > 1 {
        parts.remove(0);
    }

    let mut files = Vec::new();
    let ids: Vec<String> = parts.iter().map(|p| p.id.clone()).collect();
    for (i, part) in parts.iter().enumerate() {
        let mut front = format!("+++\nid = \"{}\"\norder = {i}\n", part.id);
        if let Some(t) = &part.title {
            front.push_str(&format!("title = {}\n", toml::Value::String(t.clone())));
        }
        front.push_str("+++\n\n");
        files.push((
            format!("versions/{version}/{locale}/{i:02}-{}.md", part.id),
            format!("{front}{}\n", part.body.trim()),
        ));
    }
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let ids_toml = ids.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ");
    files.push((
        "policy.toml".into(),
        format!(
            "# Made by policyc import: review base_url, the sections and the facts.\nproduct = {}\ndefault_locale = {}\nlocales = [{}]\nbase_url = \"https://policy.invalid/\"\nsections = [{ids_toml}]\nallowed_inline_html = [\"br\", \"sub\", \"sup\"]\n\n[lint]\n",
            q(product),
            q(locale),
            q(locale)
        ),
    ));
    files.push((
        format!("versions/{version}/version.toml"),
        format!("id = \"{version}\"\neffective = {version}\nupdated = {version}\nstatus = \"draft\"\n"),
    ));
    let found_controller = crate::classify::controller(markdown);
    let controller = found_controller.clone().unwrap_or_else(|| product.to_string());
    if found_controller.is_none() {
        report.push(format!(
            "no company name recognised: controller.name is set to the product name `{product}`"
        ));
    }
    let lt = |s: &str| format!("{{ {locale} = {} }}", q(s));
    let stated = |v: &Option<String>| v.as_ref().map_or_else(|| "\"not_stated\"".to_string(), |s| q(s));
    let mut facts = format!(
        "# Made by policyc import: every fact the text states must be filled in; \"not_stated\" marks the rest.\n[controller]\nname = {}\naddress = {}\ndepartment = \"not_stated\"\n\n[contact]\nphone = {}\nemail = {}\ncustomer_service = \"not_stated\"\ncomplaint = \"not_stated\"\nbreach_report = \"not_stated\"\n",
        lt(&controller),
        found
            .address
            .as_ref()
            .map_or_else(|| "\"not_stated\"".to_string(), |a| lt(a)),
        stated(&found.phone),
        stated(&found.email)
    );
    for (n, p) in found.packages.iter().enumerate() {
        facts.push_str(&format!("\n[[sdks]]\nid = \"sdk-{}\"\nname = {}\npackage = {}\npurpose = \"not_stated\"\ndata = \"not_stated\"\n", n + 1, lt(p), q(p)));
    }
    facts.push_str("\n[storage]\nlocation = \"not_stated\"\n\n[retention]\nperiod = \"not_stated\"\n\n[requests]\nresponse_days = \"not_stated\"\nfee = \"not_stated\"\ncomplaint = \"not_stated\"\nappeal = \"not_stated\"\n");
    files.push((format!("versions/{version}/facts.toml"), facts));
    report.push(format!(
        "{} section(s); facts recognised: {} address, {} email, {} phone, {} package name(s); data categories, rights, retention and storage are not recognised from prose: add them to facts.toml",
        ids.len(),
        usize::from(found.address.is_some()),
        usize::from(found.email.is_some()),
        usize::from(found.phone.is_some()),
        found.packages.len()
    ));
    Imported { files, report }
}

/// Link destinations the content format refuses (`javascript:`, `data:`, `vbscript:` …, however
/// they are spelt: entities, case, spaces) become `#`; `tel:` and `mailto:` links stay; a remote
/// image becomes a link to it (pages make no network requests). Each is reported.
fn neutralize_links(text: &str, report: &mut Vec<String>) -> String {
    // (range to replace, replacement)
    let mut cuts: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    let mut unsafe_links = Vec::new();
    let mut remote_images = 0;
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        let (dest_url, image) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let d: String = dest_url
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        let scheme = d
            .split_once(':')
            .map(|(s, _)| s)
            .filter(|s| !s.contains(['/', '?', '#']));
        if scheme.is_some_and(|s| !matches!(s, "http" | "https" | "mailto" | "tel")) {
            let raw = &text[range.clone()];
            let dest =
                raw_destination(raw).or_else(|| raw.find(dest_url.as_ref()).map(|i| i..i + dest_url.len()));
            let shown: String = crate::clean::visible(dest_url).chars().take(60).collect();
            unsafe_links.push(shown);
            match dest {
                Some(r) => cuts.push((range.start + r.start..range.start + r.end, "#")),
                // not found as written (a reference definition): the whole link becomes its text
                None => cuts.push((range.clone(), "")),
            }
        } else if image && crate::validate::image_origin(dest_url).is_some() {
            remote_images += 1;
            // `![alt](url)` → `[alt](url)`
            cuts.push((range.start..range.start + 1, ""));
        }
    }
    if !unsafe_links.is_empty() {
        report.push(format!(
            "{} link(s) with a refused scheme now point to `#`: {}",
            unsafe_links.len(),
            unsafe_links.join(", ")
        ));
    }
    if remote_images > 0 {
        report.push(format!(
            "{remote_images} remote image(s) became links to them: pages make no network requests (copy the images into the content folder, or allow their origin with image_origins in policy.toml)"
        ));
    }
    if cuts.is_empty() {
        return text.to_string();
    }
    cuts.sort_by_key(|c| c.0.start);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (c, with) in cuts {
        if c.start < last {
            continue;
        }
        out.push_str(&text[last..c.start]);
        out.push_str(with);
        last = c.end;
    }
    out.push_str(&text[last..]);
    out
}

/// The range of the destination as written in an inline link `[text](dest "title")`.
fn raw_destination(raw: &str) -> Option<std::ops::Range<usize>> {
    let inner_start = raw.rfind("](")? + 2;
    let inner = raw[inner_start..].strip_suffix(')')?;
    let lead = inner.len() - inner.trim_start().len();
    let inner = inner.trim_start();
    let len = if inner.starts_with('<') {
        inner.find('>')? + 1
    } else {
        inner.find(char::is_whitespace).unwrap_or(inner.len())
    };
    (len > 0).then(|| inner_start + lead..inner_start + lead + len)
}

/// A slug of ASCII letters and digits (non-ASCII headings get a generic id).
fn ascii_slug(title: &str) -> String {
    let s = slug(title);
    let ascii: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let ascii = ascii
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    ascii
        .chars()
        .take(48)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_links_are_neutralized_and_reported_safe_ones_kept() {
        let mut report = Vec::new();
        let text = "[a](javascript&#58;alert(1)) [b](JavaScript:x) [c](tel:+86-755-1234) [d](mailto:a@b.c) [e](<vbscript:y> \"t\") ![f](https://t.example/p.gif)\n";
        let out = neutralize_links(text, &mut report);
        assert_eq!(
            out,
            "[a](#) [b](#) [c](tel:+86-755-1234) [d](mailto:a@b.c) [e](# \"t\") [f](https://t.example/p.gif)\n"
        );
        assert!(
            report[0].starts_with("3 link(s) with a refused scheme now point to `#`: javascript:alert(1)"),
            "{report:?}"
        );
        assert!(report[1].starts_with("1 remote image(s)"), "{report:?}");
    }

    #[test]
    fn escaped_markup_stays_text() {
        assert_eq!(
            decode("a &lt;script&gt; b &amp; c &amp;lt; d"),
            "a &lt;script> b & c &amp;lt; d"
        );
        let md = html_to_markdown("<p>Never type &lt;script&gt;alert(1)&lt;/script&gt; into the form.</p>");
        let imported = import(&md, "2024-01-01", "en", "P");
        let body: String = imported.files.iter().map(|(_, t)| t.as_str()).collect();
        assert!(
            body.contains("Never type &lt;script>alert(1)&lt;/script> into the form."),
            "{body}"
        );
    }
}
