//! The block outline of a section body: under each heading, its paragraphs, list items and table
//! rows in order, each with its plain text (fact references, inline code, HTML and link targets left
//! out). What `locale-parity` compares between a source text and its translations. Pure.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The kinds of block a translation must keep, one for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockKind {
    /// A paragraph outside a list item.
    Paragraph,
    /// A list item (its own text, without the items nested in it).
    ListItem,
    /// A table row, the header row included.
    TableRow,
}

/// One block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Byte offset in the body.
    pub offset: usize,
    /// Its words as a reader sees them, without fact references, code or markup.
    pub text: String,
}

/// The blocks under one heading (or before the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The heading's explicit id; `None` for the blocks before any heading.
    pub heading: Option<String>,
    /// Byte offset of the heading (0 for the blocks before any).
    pub offset: usize,
    /// Its blocks in order.
    pub blocks: Vec<Block>,
}

/// Cuts `body` into segments by heading. Never fails: what `analyze` refused never gets here, and
/// anything unexpected is only text.
pub fn outline(body: &str) -> Vec<Segment> {
    let mut segments = vec![Segment {
        heading: None,
        offset: 0,
        blocks: Vec::new(),
    }];
    // indices (into the current segment's blocks) of the blocks open, innermost last
    let mut open: Vec<usize> = Vec::new();
    let mut in_heading = false;
    for (event, range) in Parser::new_ext(body, super::options()).into_offset_iter() {
        let segment = segments.last_mut().expect("one segment at least");
        let start = |kind, segment: &mut Segment, open: &mut Vec<usize>| {
            segment.blocks.push(Block {
                kind,
                offset: range.start,
                text: String::new(),
            });
            open.push(segment.blocks.len() - 1);
        };
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                in_heading = true;
                segments.push(Segment {
                    heading: id.map(|i| i.to_string()),
                    offset: range.start,
                    blocks: Vec::new(),
                });
                open.clear();
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Item) => start(BlockKind::ListItem, segment, &mut open),
            Event::Start(Tag::TableHead | Tag::TableRow) => start(BlockKind::TableRow, segment, &mut open),
            Event::Start(Tag::Paragraph) if open.is_empty() => {
                start(BlockKind::Paragraph, segment, &mut open)
            }
            Event::End(TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow) => {
                open.pop();
            }
            // a paragraph inside an item or a row is part of it, and was never opened
            Event::End(TagEnd::Paragraph)
                if open
                    .last()
                    .is_some_and(|&i| segment.blocks[i].kind == BlockKind::Paragraph) =>
            {
                open.pop();
            }
            Event::Text(t) if !in_heading => {
                if let Some(&i) = open.last() {
                    let text = &mut segment.blocks[i].text;
                    text.push_str(&without_references(&t));
                    text.push(' ');
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(&i) = open.last() {
                    segment.blocks[i].text.push(' ');
                }
            }
            _ => {}
        }
    }
    for segment in &mut segments {
        for block in &mut segment.blocks {
            block.text = block.text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    if segments[0].blocks.is_empty() {
        segments.remove(0);
    }
    segments
}

/// `text` without its `{{ … }}` references (fact values are the same in every locale).
fn without_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        match rest[i..].find("}}") {
            Some(j) => rest = &rest[i + j + 2..],
            None => {
                rest = "";
            }
        }
        out.push(' ');
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &Segment) -> Vec<BlockKind> {
        s.blocks.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn blocks_by_heading_with_their_kinds() {
        let body = "Intro {{ contact.email }} here.\n\n# A {#a}\n\nOne `code`.\n\n- x\n- y\n  - nested\n\n\
# B {#b}\n\n| h |\n|---|\n| 1 |\n| 2 |\n\n1. loose\n\n   with a paragraph\n";
        let segments = outline(body);
        assert_eq!(segments.len(), 3);
        assert_eq!(segments[0].heading, None);
        assert_eq!(segments[0].blocks[0].text, "Intro here.");
        assert_eq!(segments[1].heading.as_deref(), Some("a"));
        use BlockKind::*;
        assert_eq!(kinds(&segments[1]), [Paragraph, ListItem, ListItem, ListItem]);
        assert_eq!(segments[1].blocks[0].text, "One .", "inline code left out");
        assert_eq!(segments[1].blocks[2].text, "y");
        assert_eq!(segments[1].blocks[3].text, "nested");
        assert_eq!(kinds(&segments[2]), [TableRow, TableRow, TableRow, ListItem]);
        assert_eq!(segments[2].blocks[3].text, "loose with a paragraph");
    }

    #[test]
    fn no_text_before_the_first_heading_is_no_segment() {
        let segments = outline("# A {#a}\n\ntext\n");
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].heading.as_deref(), Some("a"));
    }
}
