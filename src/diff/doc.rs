//! The diffable form of a policy: sections of plain-text blocks, from a versioned edition or from
//! any whole-policy Markdown file.
//!
//! For a versioned edition, sections are the section files and fact references stay as written
//! (`{{ contact.email }}`), so a fact change is reported once, by the facts diff, not again in prose.
//! For a plain Markdown file, sections come from its headings: the shallowest heading level that
//! occurs at least twice (bold-only short paragraphs count as the deepest level, as many published
//! policies mark headings that way).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A policy prepared for diffing.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Sections in document order.
    pub sections: Vec<DocSection>,
}

/// One section.
#[derive(Debug, Clone)]
pub struct DocSection {
    /// Stable id (a section id, or a slug of the heading).
    pub id: String,
    /// Heading as displayed.
    pub heading: String,
    /// Blocks in order.
    pub blocks: Vec<Block>,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading below the section heading.
    Heading,
    /// A paragraph.
    Paragraph,
    /// A list item (its own text, without nested lists).
    ListItem,
    /// A table row (cells joined by ` | `).
    TableRow,
    /// A code block.
    Code,
}

/// A paragraph-sized unit of text.
#[derive(Debug, Clone)]
pub struct Block {
    /// Kind.
    pub kind: BlockKind,
    /// The text as a reader sees it (Markdown formatting removed).
    pub text: String,
    /// The headings above it inside the section (for a breadcrumb).
    pub path: Vec<String>,
}

/// A heading or pseudo-heading found while splitting.
struct Item {
    level: u8,
    block: Block,
}

/// The blocks of a Markdown text, with heading levels (bold-only short paragraphs as level 7).
fn items(markdown: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut stack: Vec<(BlockKind, u8)> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut only_strong = true;
    let mut strong_depth = 0usize;
    let mut saw_text = false;
    let opts = crate::markdown::options();
    for event in Parser::new_ext(markdown, opts) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut text, &stack, only_strong && saw_text);
                stack.push((BlockKind::Heading, level as u8));
            }
            Event::Start(Tag::Paragraph) => {
                if !matches!(stack.last(), Some((BlockKind::ListItem, _))) {
                    flush(&mut out, &mut text, &stack, false);
                    stack.push((BlockKind::Paragraph, 0));
                } else if !text.trim().is_empty() {
                    text.push(' ');
                }
                only_strong = true;
                saw_text = false;
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut text, &stack, false);
                stack.push((BlockKind::ListItem, 0));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut out, &mut text, &stack, false);
                stack.push((BlockKind::Code, 0));
            }
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => {
                cells.clear();
                stack.push((BlockKind::TableRow, 0));
            }
            Event::Start(Tag::TableCell) => text.clear(),
            Event::End(TagEnd::TableCell) => cells.push(std::mem::take(&mut text).trim().to_string()),
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                stack.pop();
                let row = cells.join(" | ");
                if !row.replace('|', "").trim().is_empty() {
                    out.push(Item {
                        level: 0,
                        block: Block {
                            kind: BlockKind::TableRow,
                            text: clean(&row),
                            path: vec![],
                        },
                    });
                }
                cells.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut out, &mut text, &stack, false);
                stack.pop();
            }
            Event::End(TagEnd::Paragraph) => {
                if matches!(stack.last(), Some((BlockKind::Paragraph, _))) {
                    flush(&mut out, &mut text, &stack, only_strong && saw_text);
                    stack.pop();
                }
            }
            Event::End(TagEnd::Item) | Event::End(TagEnd::CodeBlock) => {
                flush(&mut out, &mut text, &stack, false);
                stack.pop();
            }
            Event::Start(Tag::List(_)) => {
                // a nested list ends the text of its parent item
                if matches!(stack.last(), Some((BlockKind::ListItem, _))) {
                    flush(&mut out, &mut text, &stack, false);
                }
            }
            Event::Start(Tag::Strong) => strong_depth += 1,
            Event::End(TagEnd::Strong) => strong_depth = strong_depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => {
                if !t.trim().is_empty() {
                    saw_text = true;
                    if strong_depth == 0 {
                        only_strong = false;
                    }
                }
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Html(h) | Event::InlineHtml(h) if h.trim_start().starts_with("<br") => text.push(' '),
            Event::FootnoteReference(_) => {}
            _ => {}
        }
    }
    flush(&mut out, &mut text, &stack, false);
    out
}

fn flush(out: &mut Vec<Item>, text: &mut String, stack: &[(BlockKind, u8)], pseudo_heading: bool) {
    let t = clean(text);
    text.clear();
    if t.is_empty() {
        return;
    }
    let (kind, level) = stack.last().copied().unwrap_or((BlockKind::Paragraph, 0));
    let (kind, level) = if kind == BlockKind::Paragraph && pseudo_heading && t.chars().count() <= 120 {
        (BlockKind::Heading, 7)
    } else {
        (kind, level)
    };
    out.push(Item {
        level,
        block: Block {
            kind,
            text: t,
            path: vec![],
        },
    });
}

/// Collapses whitespace (no-break spaces included).
pub fn clean(s: &str) -> String {
    // most text has single ASCII spaces only: nothing to fold
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}');
    let b = t.as_bytes();
    let simple = !b
        .iter()
        .any(|&c| matches!(c, b'\n' | b'\r' | b'\t' | 0x0b | 0x0c) || c >= 0x80)
        && !b.windows(2).any(|w| w == b"  ");
    if simple {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    // runs of ASCII non-space bytes are copied whole; other characters one by one
    let mut rest = t;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| b.is_ascii_whitespace() || b == 0x0b || b >= 0x80)
            .unwrap_or(rest.len());
        if run > 0 {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        let c = rest.chars().next().expect("rest is not empty");
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Splits a whole-policy Markdown text into sections by its headings.
pub fn from_markdown(markdown: &str) -> Doc {
    let items = items(markdown);
    let levels: Vec<u8> = items
        .iter()
        .filter(|i| i.block.kind == BlockKind::Heading)
        .map(|i| i.level)
        .collect();
    let count = |l: u8| levels.iter().filter(|&&x| x == l).count();
    let split_level = (1..=7u8).find(|&l| count(l) >= 2);
    let mut sections: Vec<DocSection> = Vec::new();
    let mut current = DocSection {
        id: "preamble".into(),
        heading: String::new(),
        blocks: vec![],
    };
    let mut path: Vec<(u8, String)> = Vec::new();
    for item in items {
        let is_split = item.block.kind == BlockKind::Heading && Some(item.level) == split_level;
        if is_split {
            if !current.blocks.is_empty() || !current.heading.is_empty() {
                sections.push(current);
            }
            current = DocSection {
                id: String::new(),
                heading: item.block.text.clone(),
                blocks: vec![],
            };
            path.clear();
            continue;
        }
        current.blocks.push(with_path(item, &mut path));
    }
    if !current.blocks.is_empty() || !current.heading.is_empty() {
        sections.push(current);
    }
    let mut used = std::collections::BTreeSet::new();
    for s in &mut sections {
        if s.id.is_empty() {
            let base = slug(&s.heading);
            let mut id = if base.is_empty() {
                "section".to_string()
            } else {
                base
            };
            let mut n = 2;
            while used.contains(&id) {
                id = format!("{}-{n}", slug(&s.heading));
                n += 1;
            }
            s.id = id;
        }
        used.insert(s.id.clone());
    }
    Doc { sections }
}

/// The blocks of one section body (a versioned section file's Markdown).
pub fn section_blocks(markdown: &str) -> Vec<Block> {
    let mut path: Vec<(u8, String)> = Vec::new();
    items(markdown)
        .into_iter()
        .map(|item| with_path(item, &mut path))
        .collect()
}

/// The item's block with the headings above it; a heading also becomes part of the path.
fn with_path(item: Item, path: &mut Vec<(u8, String)>) -> Block {
    let mut block = item.block;
    if block.kind == BlockKind::Heading {
        path.retain(|(l, _)| *l < item.level);
    }
    block.path = path.iter().map(|(_, t)| t.clone()).collect();
    if block.kind == BlockKind::Heading {
        path.push((item.level, block.text.clone()));
    }
    block
}

/// A URL-style slug of a heading: lowercase ASCII words, other scripts kept.
pub fn slug(heading: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in heading.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
        if out.len() > 60 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_by_the_repeated_heading_level() {
        let md = "# Policy\n\nIntro text.\n\n## Data we collect\n\n- Name\n- Email\n\n## Sharing\n\n### Partners\n\nWe share.\n";
        let doc = from_markdown(md);
        let ids: Vec<_> = doc.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["preamble", "data-we-collect", "sharing"]);
        assert_eq!(doc.sections[1].blocks.len(), 2);
        assert_eq!(doc.sections[2].blocks[1].path, vec!["Partners".to_string()]);
    }

    #[test]
    fn bold_paragraphs_act_as_headings() {
        let md = "**Who we are**\n\nWe are a shop.\n\n**What we collect**\n\nNames.\n\n**Not a heading** but text.\n";
        let doc = from_markdown(md);
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[1].blocks.len(), 2);
    }

    #[test]
    fn clean_collapses_every_kind_of_space() {
        assert_eq!(clean("  a  b\n c\t"), "a b c");
        assert_eq!(clean("a\u{a0}b\u{200b}c"), "a b c");
        assert_eq!(clean("plain text"), "plain text");
        assert_eq!(clean("中文\n文本"), "中文 文本");
    }

    #[test]
    fn clean_matches_a_char_by_char_fold() {
        let reference = |s: &str| -> String {
            let mut out = String::new();
            let mut space = false;
            for c in s.chars() {
                if c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' {
                    space = !out.is_empty();
                } else {
                    if space {
                        out.push(' ');
                    }
                    space = false;
                    out.push(c);
                }
            }
            out
        };
        let pieces = [
            "a", "é", " ", "  ", "\n", "\t", "\u{a0}", "\u{200b}", "\u{3000}", "中", "x\r\n", "\u{b}",
        ];
        for i in 0..pieces.len().pow(4) {
            let s: String = (0..4)
                .map(|k| pieces[i / pieces.len().pow(k) % pieces.len()])
                .collect();
            assert_eq!(clean(&s), reference(&s), "{s:?}");
        }
    }

    #[test]
    fn tables_and_setext() {
        let md = "Title\n=====\n\nA\n---\n\n| a | b |\n|---|---|\n| x | y |\n\nB\n---\n\ntext\n";
        let doc = from_markdown(md);
        assert_eq!(doc.sections.len(), 3);
        assert_eq!(doc.sections[1].blocks[1].text, "x | y");
    }
}
