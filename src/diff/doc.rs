//! The diffable form of a policy: sections of plain-text blocks, from a versioned edition or from
//! any whole-policy Markdown file.
//!
//! For a versioned edition, sections are the section files and fact references stay as written
//! (`{{ contact.email }}`), so a fact change is reported once, by the facts diff, not again in prose.
//! For a plain Markdown file, sections come from its headings: the shallowest heading level with
//! three different headings (bold-only short paragraphs count as the deepest level, as many
//! published policies mark headings that way; numbered and plain title lines below those). The
//! reader then corrects what a page capture does to that outline, by rules about the shape of
//! documents, never about one file:
//!
//! 1. what is no section: the title at the sections' level (`Privacy Notice`, then the company's
//!    name), date and version lines, the heading of a table of contents and the contents
//!    themselves, page furniture repeated around the text;
//! 2. what is one level: siblings whose markup switches midway (numbered `1.`–`3.` before `4.`
//!    on), one heading marked a level too high before its siblings, sub-numbered `3.1` among
//!    `1.`, `2.` …, the titles of several documents held in one file (their sections divide);
//! 3. what is a heading though Markdown says otherwise: the items of a numbered list that is the
//!    outline (their titles on a line of their own or run in bold into their text), a lone numbered item or its first line (`1. 信息收集` then its text), a title run
//!    into its paragraph by a hard break, a bold title whose closing marks an export moved, lines
//!    holding only invisible characters read as blank.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::links::{LinkKind, Links};

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

impl BlockKind {
    /// Is a block of this kind with `text` an item of a list: a list item, a table row, or a
    /// paragraph numbered like one (`3.4 …`, `(2) …`, `（二）…`, `二、…`)?
    pub fn is_item(self, text: &str) -> bool {
        match self {
            BlockKind::ListItem | BlockKind::TableRow => true,
            BlockKind::Paragraph => {
                let head: String = text
                    .trim_start()
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .collect();
                let dotted = head.split('.').filter(|p| !p.is_empty()).count() >= 2
                    && head
                        .trim_end_matches('.')
                        .split('.')
                        .all(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty());
                let paren = (head.starts_with('(') || head.starts_with('（'))
                    && (head.contains(')') || head.contains('）'));
                let cn = head
                    .chars()
                    .next()
                    .is_some_and(|c| "一二三四五六七八九十".contains(c))
                    && head.contains('、');
                dotted || paren || cn
            }
            _ => false,
        }
    }
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
    /// Its links and images, in order (their targets are not part of `text`).
    pub links: Links,
}

/// A heading or pseudo-heading found while splitting.
struct Item {
    level: u8,
    block: Block,
    /// For a list item: how deep its list is nested (1 = a list in the body) and whether that
    /// list is numbered.
    list: Option<(usize, bool)>,
    /// For a list item of several paragraphs: its first paragraph (a title, in an outline).
    lead: Option<String>,
}

/// The blocks of a Markdown text, with heading levels (bold-only short paragraphs as level 7 or
/// 8); `whole_policy`: a whole document rather than one section file.
fn items(markdown: &str, whole_policy: bool) -> Vec<Item> {
    items_of(markdown, whole_policy, true)
}

/// Is the text of an indented code block prose that a capture indented (a page converted with
/// its sections' text four spaces in, which Markdown reads as code), not code: most of its lines
/// words, and next to none of the marks code is written with?
fn indented_prose(code: &str) -> bool {
    let lines: Vec<&str> = code.lines().filter(|l| !l.trim().is_empty()).collect();
    let wordy = |l: &&str| {
        l.split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .count()
            >= 4
            || l.chars().filter(|c| super::text::is_cjk(*c)).count() >= 8
    };
    let marks = code
        .chars()
        .filter(|c| matches!(c, '{' | '}' | '=' | '<' | '>' | '$' | '\\'))
        .count();
    !lines.is_empty()
        && lines.iter().filter(|l| wordy(l)).count() * 10 >= lines.len() * 6
        && marks * 200 <= code.len()
}

/// [`items`]; `dedent`: an indented code block of prose is read as the Markdown it holds (once:
/// the blocks inside it are not dedented again).
fn items_of(markdown: &str, whole_policy: bool, dedent: bool) -> Vec<Item> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut stack: Vec<(BlockKind, u8)> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut only_strong = true;
    let mut strong_depth = 0usize;
    let mut saw_text = false;
    // still on a paragraph's first line: a bold first line broken from the text after it
    // (`**Overview**  ` then the text) is a heading run into its paragraph
    let mut first_line = false;
    // where the text after a title run into its paragraph begins, while its first line is read
    let mut run_in: Option<usize> = None;
    // the first paragraph of the list item being read, once a second one begins
    let mut lead: Option<String> = None;
    // a bold span opened at the start of a list item's text, while it is read
    let mut bold_lead = false;
    // open lists: their first number (ordered ones) and where their items begin in `out`
    let mut lists: Vec<(Option<u64>, usize)> = Vec::new();
    // where the line being read of a paragraph begins in `text`
    let mut line_start = 0usize;
    // links of the block being read, and those still open: kind, target, where their text starts
    let mut links = Links::default();
    let mut open: Vec<Option<(LinkKind, pulldown_cmark::CowStr, usize)>> = Vec::new();
    // an indented code block is being read at the top level
    let mut indented = false;
    let opts = crate::markdown::options();
    for event in Parser::new_ext(markdown, opts) {
        let line_break = matches!(event, Event::SoftBreak | Event::HardBreak);
        match event {
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) => {
                // an autolink's text is its target: the text diff sees it
                let shown = !matches!(link_type, LinkType::Autolink | LinkType::Email);
                open.push(shown.then_some((LinkKind::Link, dest_url, text.len())));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                open.push(Some((LinkKind::Image, dest_url, text.len())));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some(Some((kind, target, start))) = open.pop() {
                    let shown = cleaned(text.get(start..).unwrap_or_default());
                    // a link with no text cannot be followed: no reader sees it
                    if kind == LinkKind::Image || !shown.is_empty() {
                        links.push(kind, &shown, &target);
                    }
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut text, &mut links, &stack, only_strong && saw_text);
                stack.push((BlockKind::Heading, level as u8));
            }
            Event::Start(Tag::Paragraph) => {
                if !matches!(stack.last(), Some((BlockKind::ListItem, _))) {
                    flush(&mut out, &mut text, &mut links, &stack, false);
                    stack.push((BlockKind::Paragraph, 0));
                } else if !text.trim().is_empty() {
                    if lead.is_none() {
                        lead = Some(clean(&text));
                    }
                    text.push(' ');
                }
                only_strong = true;
                saw_text = false;
                first_line = matches!(stack.last(), Some((BlockKind::Paragraph, _)));
                line_start = text.len();
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut text, &mut links, &stack, false);
                stack.push((BlockKind::ListItem, 0));
                lead = None;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                flush(&mut out, &mut text, &mut links, &stack, false);
                indented =
                    dedent && stack.is_empty() && matches!(kind, pulldown_cmark::CodeBlockKind::Indented);
                stack.push((BlockKind::Code, 0));
            }
            Event::End(TagEnd::CodeBlock) if std::mem::take(&mut indented) && indented_prose(&text) => {
                out.extend(items_of(&std::mem::take(&mut text), whole_policy, false));
                links = Links::default();
                stack.pop();
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
                if row.chars().any(|c| c != '|' && !c.is_whitespace()) {
                    out.push(Item {
                        level: 0,
                        block: Block {
                            kind: BlockKind::TableRow,
                            text: clean(&row),
                            path: vec![],
                            links: std::mem::take(&mut links),
                        },
                        list: None,
                        lead: None,
                    });
                }
                cells.clear();
                links = Links::default();
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut out, &mut text, &mut links, &stack, false);
                stack.pop();
            }
            Event::End(TagEnd::Paragraph) => {
                if whole_policy && run_in.is_none() {
                    split_title_line(&mut out, &mut text, &mut links, &mut stack, line_start);
                }
                split_run_in(&mut out, &mut text, &stack, run_in.take());
                if matches!(stack.last(), Some((BlockKind::Paragraph, _))) {
                    flush(&mut out, &mut text, &mut links, &stack, only_strong && saw_text);
                    stack.pop();
                }
            }
            Event::End(TagEnd::Item) | Event::End(TagEnd::CodeBlock) => {
                let n = out.len();
                flush(&mut out, &mut text, &mut links, &stack, false);
                if out.len() > n
                    && let Some(last) = out.last_mut()
                    && last.block.kind == BlockKind::ListItem
                {
                    last.lead = lead.take();
                }
                stack.pop();
            }
            Event::Start(Tag::List(start)) => {
                // a nested list ends the text of its parent item
                if matches!(stack.last(), Some((BlockKind::ListItem, _))) {
                    let n = out.len();
                    flush(&mut out, &mut text, &mut links, &stack, false);
                    if out.len() > n
                        && let Some(last) = out.last_mut()
                    {
                        last.lead = lead.take();
                    }
                    lead = None;
                }
                lists.push((start, out.len()));
            }
            Event::End(TagEnd::List(_)) => {
                let depth = lists.len();
                if let Some((Some(_), first)) = lists.last() {
                    for it in &mut out[*first..] {
                        if let Some((d, ordered)) = &mut it.list
                            && *d == depth
                        {
                            *ordered = true;
                        }
                    }
                }
                // in a whole policy, `7. Contact` alone in its list, between paragraphs, is a
                // numbered title that Markdown took for a list
                // (or its first line, the text running on below it: `1. 信息收集` then text)
                if let Some((Some(n), first)) = lists.pop()
                    && whole_policy
                    && out.len() == first + 1
                    && out[first].block.kind == BlockKind::ListItem
                {
                    let item = &mut out[first];
                    let whole = lone_item_title(&item.block.text);
                    let lead = item.lead.take().filter(|l| !whole && lone_item_title(l));
                    if whole || lead.is_some() {
                        let body = lead.map(|l| {
                            let body = item.block.text[l.len().min(item.block.text.len())..]
                                .trim()
                                .to_string();
                            item.block.text = l;
                            body
                        });
                        let level = title_line_level(&format!("{n}. {}", item.block.text));
                        item.block.kind = BlockKind::Heading;
                        let cjk = item.block.text.chars().any(crate::diff::normal::is_cjk);
                        item.level = level.unwrap_or(if cjk { 8 } else { 7 });
                        if let Some(body) = body.filter(|b| !b.is_empty()) {
                            let links = std::mem::take(&mut out[first].block.links);
                            let block = Block {
                                kind: BlockKind::Paragraph,
                                text: body,
                                path: vec![],
                                links,
                            };
                            out.push(Item {
                                level: 0,
                                block,
                                list: None,
                                lead: None,
                            });
                        }
                    }
                }
            }
            Event::Start(Tag::Strong) => {
                // a list item that opens with a bold title run into its text (`1. **Use of Your
                // Information.** We use …`): the title is its lead, as a first line would be
                if matches!(stack.last(), Some((BlockKind::ListItem, _)))
                    && lead.is_none()
                    && text.trim().is_empty()
                {
                    bold_lead = true;
                }
                strong_depth += 1;
            }
            Event::End(TagEnd::Strong) => {
                strong_depth = strong_depth.saturating_sub(1);
                if std::mem::take(&mut bold_lead) && strong_depth == 0 && lead.is_none() {
                    let title = clean(&text);
                    if !title.trim().is_empty() {
                        lead = Some(title);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                // invisible marks, or a bold mark Markdown left as text, are nothing to read yet
                let shown = t.trim_matches(|c: char| c.is_whitespace() || INVISIBLE.contains(&c));
                if !shown.is_empty() && shown != "**" {
                    saw_text = true;
                    if strong_depth == 0 {
                        only_strong = false;
                    }
                }
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak
                if whole_policy
                    && run_in.is_none()
                    && split_title_line(&mut out, &mut text, &mut links, &mut stack, line_start) =>
            {
                // a Chinese numbered title (`二、…`) or a heading written without its space
                // (`##总则`) on a line of its own inside a paragraph: the text goes on below it
                first_line = false;
                only_strong = true;
                saw_text = false;
                line_start = text.len();
            }
            Event::SoftBreak | Event::HardBreak if !saw_text => text.push(' '),
            Event::HardBreak
                if first_line
                    && whole_policy
                    && !only_strong
                    && matches!(stack.last(), Some((BlockKind::Paragraph, _)))
                    && loose_title(&text) =>
            {
                // a title on its own line, run into its paragraph by a hard break (`How we use
                // your data  ` then the text): a heading of its own if the next line is prose
                first_line = false;
                run_in = Some(text.len());
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak if run_in.is_some() => {
                split_run_in(&mut out, &mut text, &stack, run_in.take());
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => {
                // a list item's first line, kept in case it is a title
                if matches!(stack.last(), Some((BlockKind::ListItem, _))) && lead.is_none() {
                    lead = Some(clean(&text));
                }
                if std::mem::take(&mut first_line) && only_strong && saw_text {
                    flush(&mut out, &mut text, &mut links, &stack, true);
                    saw_text = false;
                } else {
                    text.push(' ');
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if h.trim_start().starts_with("<br") => text.push(' '),
            Event::FootnoteReference(_) => {}
            _ => {}
        }
        if line_break {
            line_start = text.len();
        }
    }
    flush(&mut out, &mut text, &mut links, &stack, false);
    out
}

/// The last line of a paragraph being read (from `line_start` in `text`) when it is a title a
/// Markdown reader ran into the paragraph: a Chinese numbered title (`二、我们收集的信息`,
/// `（一）…`), as Word pastes and plain-text policies write them with no blank line around, or an
/// ATX heading written without the space after its marks (`##总则`), which CommonMark reads as
/// text. The text before it is flushed as a paragraph of its own and the line as a heading;
/// returns whether it split.
fn split_title_line(
    out: &mut Vec<Item>,
    text: &mut String,
    links: &mut Links,
    stack: &mut Vec<(BlockKind, u8)>,
    line_start: usize,
) -> bool {
    if !matches!(stack.last(), Some((BlockKind::Paragraph, _))) {
        return false;
    }
    fn bare(t: &str) -> &str {
        t.trim_matches(|c: char| c.is_whitespace() || INVISIBLE.contains(&c))
    }
    let Some(line) = text.get(line_start..).map(bare) else {
        return false;
    };
    // an ATX heading's level is its marks'; a numbered title's comes from its numbering
    let atx = tight_atx_level(line);
    let numbered = || {
        line.chars().any(crate::diff::normal::is_cjk)
            && matches!(title_line_level(line), Some(7 | 9))
            && !line.contains(['：', ':'])
    };
    if atx.is_none() && !numbered() {
        return false;
    }
    let line = text.split_off(line_start);
    if !bare(text).is_empty() {
        flush(out, text, links, stack, false);
    }
    text.clear();
    match atx {
        Some(level) => {
            *text = bare(&line).trim_start_matches('#').to_string();
            stack.push((BlockKind::Heading, level));
            flush(out, text, &mut Links::default(), stack, false);
            stack.pop();
        }
        None => {
            *text = line;
            flush(out, text, &mut Links::default(), stack, true);
        }
    }
    true
}

/// The level of `##总则`, a heading whose marks a Chinese writer did not follow by a space: one to
/// six `#` then a Chinese character, on a short line that is no sentence.
fn tight_atx_level(line: &str) -> Option<u8> {
    let marks = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[marks..];
    let starts_cjk = rest.chars().next().is_some_and(crate::diff::normal::is_cjk);
    let short = rest.chars().count() <= 40 && !rest.ends_with(['。', '；', '，', '.', ';']);
    ((1..=6).contains(&marks) && starts_cjk && short).then_some(marks as u8)
}

fn flush(
    out: &mut Vec<Item>,
    text: &mut String,
    links: &mut Links,
    stack: &[(BlockKind, u8)],
    pseudo_heading: bool,
) {
    let t = clean(text);
    let t = match t.trim_matches(INVISIBLE) {
        trimmed if trimmed.len() < t.len() => trimmed.to_string(),
        _ => t,
    };
    text.clear();
    let links = std::mem::take(links);
    if t.is_empty() {
        return;
    }
    let (kind, level) = stack.last().copied().unwrap_or((BlockKind::Paragraph, 0));
    // a bold title whose closing marks a page export moved away (`**Legal bases  ` then a blank
    // line): Markdown leaves the opening `**` as text
    let (t, pseudo_heading) = match t.trim_start_matches(INVISIBLE).strip_prefix("**") {
        Some(rest) if kind == BlockKind::Paragraph && !rest.contains("**") && loose_title(rest) => {
            (rest.trim().to_string(), true)
        }
        _ => (t, pseudo_heading),
    };
    // a Chinese title is short and no sentence (looked at only for a bold line)
    let cjk_sentence =
        || t.chars().any(crate::diff::normal::is_cjk) && (t.chars().count() > 40 || t.ends_with('。'));
    let (kind, level) =
        if kind == BlockKind::Paragraph && pseudo_heading && t.chars().count() <= 120 && !cjk_sentence() {
            // a bold line: numbered or in capitals it is a main title, else a sub-title
            let caps = t.chars().any(char::is_alphabetic)
                && !t.chars().any(char::is_lowercase)
                && !t.chars().any(crate::diff::normal::is_cjk);
            // `1. Data controller` in bold is a main title whatever its case; `3.1 …` is not
            let numbered = {
                let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
                !digits.is_empty() && digits.len() <= 2 && {
                    let rest = &t[digits.len()..];
                    rest.starts_with(". ") || rest.starts_with('、') || rest.starts_with(") ")
                }
            };
            let level = match title_line_level(&t) {
                Some(l) => l,
                None if caps || numbered => 7,
                None => 8,
            };
            (BlockKind::Heading, level)
        } else if kind == BlockKind::Paragraph
            && let Some(level) = title_line_level(&t)
        {
            (BlockKind::Heading, level)
        } else {
            (kind, level)
        };
    let depth = stack.iter().filter(|(k, _)| *k == BlockKind::ListItem).count();
    out.push(Item {
        level,
        block: Block {
            kind,
            text: t,
            path: vec![],
            links,
        },
        list: (kind == BlockKind::ListItem).then_some((depth, false)),
        lead: None,
    });
}

/// Characters that show nothing (joiners, zero-width space, byte-order mark): a page export
/// leaves them on lines of their own and before markup.
const INVISIBLE: &[char] = &['\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}', '\u{2060}'];

/// Could this line be a title, judged without its markup: short, beginning with a capital, a
/// digit or a Chinese character, not ending like a sentence or a label, no link, address or
/// `Label: value`, and no date line?
fn loose_title(line: &str) -> bool {
    let t = clean(line);
    let t = t.trim_matches(|c: char| INVISIBLE.contains(&c) || c == '*' || c.is_whitespace());
    let Some(first) = t.chars().next() else {
        return false;
    };
    let cjk = t.chars().any(crate::diff::normal::is_cjk);
    let short = if cjk {
        t.chars().count() <= 30
    } else {
        t.split(' ').count() <= 12 && t.len() <= 90
    };
    short
        && (first.is_uppercase() || first.is_ascii_digit() || crate::diff::normal::is_cjk(first))
        && !t.ends_with(['.', ',', ';', ':', '。', '；', '，', '：', '、'])
        && !t.contains(": ")
        && !t.contains("http")
        && !t.contains('@')
        && !date_line(t)
}

/// Ends a title run into its paragraph (`cut`: where the text after it begins) when the line
/// after it is prose (long, or ending like a sentence or an announcement): the title becomes a
/// heading of its own. After a short line (`PO Box 134` / `Route de Genève 22`) it stays text.
fn split_run_in(out: &mut Vec<Item>, text: &mut String, stack: &[(BlockKind, u8)], cut: Option<usize>) {
    let Some(cut) = cut.filter(|&c| c <= text.len()) else {
        return;
    };
    let second = text[cut..].trim().trim_start_matches(INVISIBLE);
    let prose = second.chars().count() > 60 || second.ends_with(['.', ':', '。', '：']);
    // a hard-wrapped sentence goes on in lower case, or its first line ends on a small word
    let goes_on = second
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase);
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "of", "to", "in", "for", "on", "with", "by", "we", "our", "your",
        "you", "is", "are", "that", "this", "as", "at", "from", "may", "will",
    ];
    let last_word = text[..cut]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    if !prose || goes_on || SMALL.contains(&last_word.as_str()) {
        return;
    }
    let rest = text.split_off(cut);
    flush(out, text, &mut Links::default(), stack, true);
    *text = rest;
}

/// Is a line only a date or a version (`Last modified March 2023`, `Effective Date: May, 2023`,
/// `更新日期：2025年…`): page furniture, not a title?
fn date_line(t: &str) -> bool {
    let lower = t.to_lowercase();
    let lead = [
        "last updated",
        "last modified",
        "last revised",
        "last update",
        "updated",
        "effective",
        "date of last",
        "version",
        "revised",
        "生效日期",
        "更新日期",
        "最后更新",
        "发布日期",
        "版本",
    ];
    lead.iter()
        .any(|l| lower.trim_start_matches(['*', '_', ' ']).starts_with(l))
        && t.chars().count() <= 60
        && t.chars().any(|c| c.is_ascii_digit())
}

/// Is this the heading of a table of contents (`Table of Contents`, `CONTENTS`, `目录`)?
fn contents_heading(t: &str) -> bool {
    let key: String = t
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(key.as_str(), "tableofcontents" | "contents" | "目录" | "目次")
}

/// Is the text of a numbered list's only item a title: short, beginning like one and not ending
/// like a sentence (`Data controller`, `How do we use your data?`)?
fn lone_item_title(t: &str) -> bool {
    let first = t.chars().next();
    first.is_some_and(|c| c.is_uppercase() || crate::diff::normal::is_cjk(c))
        && t.split(' ').count() <= 10
        && t.chars().count() <= 80
        && !t.ends_with(['.', ';', ':', ',', '。', '；', '：', '，'])
        && !t.contains(": ")
}

/// The level of a plain line that is a numbered title, as real policies write them without
/// Markdown: `一、我们如何收集…` or `1. WHAT INFORMATION WE COLLECT` (7, as a main title), `3、信息存储`
/// or `3. 信息存储` (8: below `一、` where a text has both), `（一）…` (9). A title is short and does not end like a
/// sentence; `3.1 …` is no main title.
fn title_line_level(t: &str) -> Option<u8> {
    // most paragraphs are answered by their first character
    let first = t.chars().next()?;
    if !(first.is_ascii_digit() || "一二三四五六七八九十（(".contains(first)) {
        return None;
    }
    let cjk = t.chars().any(crate::diff::normal::is_cjk);
    let short = if cjk {
        t.chars().count() <= 40
    } else {
        t.split(' ').count() <= 12 && t.len() <= 100
    };
    if !short || t.ends_with(['.', '。', ';', '；', ',', '，', ':', '：']) {
        return None;
    }
    let mut chars = t.chars();
    chars.next();
    if "一二三四五六七八九十".contains(first) {
        let numeral: String = t
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .collect();
        return t[numeral.len()..].starts_with('、').then_some(7);
    }
    if first == '（' || first == '(' {
        let inner: String = chars.take_while(|c| *c != '）' && *c != ')').collect();
        return (!inner.is_empty() && inner.chars().all(|c| "一二三四五六七八九十".contains(c))).then_some(9);
    }
    if first.is_ascii_digit() {
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        let rest = &t[digits.len()..];
        let rest = rest.strip_prefix('\\').unwrap_or(rest);
        // `1. Title`, `1、标题`, `1) Title`; not `42 Charlemont Street` (an address line). In
        // Chinese, `1、` ranks below `一、` (一、 › （一） › 1、): a main title only where no
        // `一、` is
        if let Some(after) = rest.strip_prefix('、') {
            return (cjk && digits.len() <= 2 && !after.is_empty()).then_some(8);
        }
        // Chinese writes `6.标题` without the space (not `6.1`)
        let tight = || {
            rest.strip_prefix(['.', '．'])
                .filter(|a| cjk && a.chars().next().is_some_and(crate::diff::normal::is_cjk))
        };
        let after = rest
            .strip_prefix(". ")
            .or_else(|| rest.strip_prefix(") "))
            .or_else(tight)?;
        let starts_title = after
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || crate::diff::normal::is_cjk(c));
        // `1. WHAT WE COLLECT` or `1. What We Collect`: a title's words are capitalised
        let words: Vec<&str> = after.split(' ').filter(|w| w.len() > 3).collect();
        let titled = cjk
            || words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let level = if cjk { 8 } else { 7 };
        return (starts_title && titled && digits.len() <= 2).then_some(level);
    }
    None
}

/// [`clean`], borrowing the text when it is clean already (most link texts).
fn cleaned(s: &str) -> std::borrow::Cow<'_, str> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}');
    if needs_folding(t) {
        std::borrow::Cow::Owned(clean(t))
    } else {
        std::borrow::Cow::Borrowed(t)
    }
}

/// Collapses whitespace (no-break spaces included): trimmed, each run of it one ASCII space.
pub fn clean(s: &str) -> String {
    let s = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}');
    if !needs_folding(s) {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // `kept..i` is text to copy as it is: single ASCII spaces between words stay in it, so a run
    // is copied whole up to the next whitespace to fold (the text is trimmed: every such run lies
    // between two characters of text and becomes one space)
    let (mut kept, mut i) = (0, 0);
    while i < b.len() {
        let c = b[i];
        // bytes above the ASCII space and below 0xc2 never start a space
        if c > b' ' && c < 0xc2 {
            i += 1;
            continue;
        }
        let n = space_len(&b[i..]);
        if n == 0 || (c == b' ' && space_len(&b[i + 1..]) == 0) {
            i += n.max(1);
            continue;
        }
        let mut end = i;
        while end < b.len() {
            match space_len(&b[end..]) {
                0 => break,
                m => end += m,
            }
        }
        // `i` and `end` start characters: a space was checked whole, and the text is trimmed
        out.push_str(&s[kept..i]);
        out.push(' ');
        kept = end;
        i = end;
    }
    out.push_str(&s[kept..]);
    out
}

/// Does a trimmed text hold whitespace other than single ASCII spaces? Two passes over byte pairs
/// and triples with no early exit (they compile to vector code): most text is already clean.
fn needs_folding(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&last) = b.last() else { return false };
    // ASCII controls (tab, newlines …), two spaces, U+0085 and U+00A0
    let pairs = b.iter().zip(&b[1..]).fold(last < b' ', |acc, (&x, &y)| {
        acc | (x < b' ') | (x == b' ') & (y == b' ') | (x == 0xc2) & ((y == 0x85) | (y == 0xa0))
    });
    // U+1680, U+2000..=U+200B, U+2028, U+2029, U+202F, U+205F and U+3000
    let triples = || b.iter().zip(&b[1..]).zip(b.get(2..).unwrap_or_default());
    pairs
        || triples().fold(false, |acc, ((&x, &y), &z)| {
            acc | (x == 0xe1) & (y == 0x9a) & (z == 0x80)
                | (x == 0xe2)
                    & ((y == 0x80) & ((z <= 0x8b) | (z == 0xa8) | (z == 0xa9) | (z == 0xaf))
                        | (y == 0x81) & (z == 0x9f))
                | (x == 0xe3) & (y == 0x80) & (z == 0x80)
        })
}

/// The length in bytes of the whitespace character `b` starts with (Unicode White_Space and the
/// zero-width space), or 0.
fn space_len(b: &[u8]) -> usize {
    match b {
        [b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r', ..] => 1,
        [c, ..] if *c < 0xc2 => 0,
        // U+0085, U+00A0
        [0xc2, 0x85 | 0xa0, ..] => 2,
        // U+1680
        [0xe1, 0x9a, 0x80, ..] => 3,
        // U+2000..=U+200B, U+2028, U+2029, U+202F, U+205F
        [0xe2, 0x80, 0x80..=0x8b | 0xa8 | 0xa9 | 0xaf, ..] | [0xe2, 0x81, 0x9f, ..] => 3,
        // U+3000
        [0xe3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// The text with lines that hold only invisible characters (a page export's `‍  ` lines between
/// paragraphs) made blank, as a reader sees them.
fn without_invisible_lines(markdown: &str) -> std::borrow::Cow<'_, str> {
    // one fast search per character (a set of characters is matched one character at a time)
    if !INVISIBLE.iter().any(|c| markdown.contains(*c)) {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.contains(INVISIBLE)
            && body
                .chars()
                .all(|c| c == ' ' || c == '\t' || INVISIBLE.contains(&c))
        {
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Splits a whole-policy Markdown text into sections by its headings.
pub fn from_markdown(markdown: &str) -> Doc {
    let markdown = without_invisible_lines(markdown);
    let mut items = items(&markdown, true);
    // a date or version line in bold or as a heading is page furniture, and the heading of a
    // table of contents heads no section
    for it in &mut items {
        if it.block.kind == BlockKind::Heading
            && (date_line(&it.block.text) || contents_heading(&it.block.text))
        {
            it.block.kind = BlockKind::Paragraph;
            it.level = 0;
        }
    }
    let mut split_level = split_level(&items);
    // no heading divides the text, but one numbered list holds it, its items titles with text
    // below them: the list is the outline
    if split_level.is_none_or(|l| count_at(&items, l) < 3) {
        let outline = outline_items(&items);
        if outline.len() >= 3 {
            // an item's first paragraph is its title, the rest its text
            for i in outline.into_iter().rev() {
                let item = &mut items[i];
                let rest = item.lead.take().map(|lead| {
                    let body = item.block.text[lead.len().min(item.block.text.len())..]
                        .trim()
                        .to_string();
                    item.block.text = lead;
                    body
                });
                item.block.kind = BlockKind::Heading;
                item.level = OUTLINE;
                if let Some(body) = rest.filter(|b| !b.is_empty()) {
                    let links = std::mem::take(&mut items[i].block.links);
                    let block = Block {
                        kind: BlockKind::Paragraph,
                        text: body,
                        path: vec![],
                        links,
                    };
                    items.insert(
                        i + 1,
                        Item {
                            level: 0,
                            block,
                            list: None,
                            lead: None,
                        },
                    );
                }
            }
            split_level = Some(OUTLINE);
        }
    }
    // no heading divides the text: a policy copied as plain text has its titles on lines of their
    // own, which then divide it when there are three or more
    if split_level.is_none() {
        let titles = plain_titles(&items);
        if titles.len() >= 3 {
            for i in titles {
                items[i].block.kind = BlockKind::Heading;
                items[i].level = PLAIN_TITLE;
            }
            split_level = Some(PLAIN_TITLE);
        }
    }
    if let Some(level) = split_level {
        drop_contents(&mut items, level);
        promote_lone_shallower(&mut items, level);
        promote_earlier_numbers(&mut items, level);
        demote_sub_numbered(&mut items, level);
        demote_leading_titles(&mut items, level);
    }
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

/// The level given to the items of an outline list (below every heading and plain title).
const OUTLINE: u8 = 11;

/// How many headings of `level` there are.
fn count_at(items: &[Item], level: u8) -> usize {
    items
        .iter()
        .filter(|i| i.block.kind == BlockKind::Heading && i.level == level)
        .count()
}

/// The items of a numbered list in the body that is the document's outline: three or more
/// top-level items, each a title (short, no sentence) with deeper items or paragraphs below it
/// before the next one.
fn outline_items(items: &[Item]) -> Vec<usize> {
    let top: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].list == Some((1, true)))
        .collect();
    let title = |it: &Item| it.lead.clone().unwrap_or_else(|| it.block.text.clone());
    // a bold item title may end with a full stop (`1. **Use of Your Information.**`)
    let titled = |i: usize| {
        let t = title(&items[i]);
        let t = t.strip_suffix('.').filter(|t| !t.contains(". ")).unwrap_or(&t);
        lone_item_title(t)
    };
    let with_body = |i: usize| {
        items[i].lead.is_some()
            || items.get(i + 1).is_some_and(|next| {
                next.list.is_some_and(|(d, _)| d > 1)
                    || next.list.is_none() && next.block.kind != BlockKind::Heading
            })
    };
    // an item with no title after a titled one is a further paragraph of it (`12. **For users in
    // the EEA**` then `We will use appropriate safeguards …` in the same item): a quarter of them
    // at most
    let titles: Vec<usize> = top.iter().copied().filter(|&i| titled(i)).collect();
    let continued = top
        .iter()
        .filter(|&&i| !titled(i))
        .all(|&i| titles.first().is_some_and(|&t| t < i));
    if titles.len() >= 3
        && titles.len() * 4 >= top.len() * 3
        && continued
        && titles.iter().all(|&i| with_body(i))
    {
        titles
    } else {
        Vec::new()
    }
}

/// One heading shallower than the dividing level, after the title and the text below it, is a
/// section whose heading was marked one level too high (`### What we collect` then four
/// `####`): it divides the text too. Two or more such headings are parts, and stay above.
fn promote_lone_shallower(items: &mut [Item], level: u8) {
    let headings: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].block.kind == BlockKind::Heading)
        .collect();
    let Some(&first_split) = headings.iter().find(|&&i| items[i].level == level) else {
        return;
    };
    // the title: the headings at the top, before any text
    let title_end = headings.iter().enumerate().take_while(|&(n, &i)| i == n).count();
    let shallower: Vec<usize> = headings
        .iter()
        .copied()
        .filter(|&i| i >= title_end && items[i].level < level)
        .collect();
    if let [only] = shallower[..]
        && only < first_split
        && only > 0
        && items[only + 1..first_split]
            .iter()
            .any(|it| it.block.kind != BlockKind::Heading)
    {
        items[only].level = level;
    }
}

/// The number a heading begins with when it is a single one (`4.`, `4)`, `4 `), not `4.1`.
fn lead_number(t: &str) -> Option<u32> {
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t[digits.len()..].strip_prefix('\\').unwrap_or(&t[digits.len()..]);
    let single = rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with(' ') || rest == ".";
    (!digits.is_empty() && digits.len() <= 2 && single)
        .then(|| digits.parse().ok())
        .flatten()
}

/// Where the dividing headings are numbered from `4.` on, the headings numbered `1.` to `3.`
/// before them are their siblings marked up another way (an underline style switched midway).
fn promote_earlier_numbers(items: &mut [Item], level: u8) {
    let is_heading = |it: &Item| it.block.kind == BlockKind::Heading;
    // the first numbered dividing heading (a title may come before it)
    let Some(first) = items
        .iter()
        .position(|it| is_heading(it) && it.level == level && lead_number(&it.block.text).is_some())
    else {
        return;
    };
    let Some(start) = lead_number(&items[first].block.text).filter(|&n| n > 1) else {
        return;
    };
    // the headings numbered start-1, start-2 … 1, going back from the first dividing one
    let mut want = start - 1;
    let mut found = Vec::new();
    for i in (0..first).rev() {
        if want == 0 {
            break;
        }
        if is_heading(&items[i]) && lead_number(&items[i].block.text) == Some(want) {
            found.push(i);
            want -= 1;
        }
    }
    if want == 0 {
        for i in found {
            items[i].level = level;
        }
    }
}

/// Where most dividing headings are numbered `1.`, `2.` …, one numbered `3.1` is below them.
fn demote_sub_numbered(items: &mut [Item], level: u8) {
    let number = |t: &str| -> Option<usize> {
        let head: &str = t.split(' ').next().unwrap_or("");
        let head = head.trim_end_matches('.');
        (!head.is_empty()
            && head
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
        .then(|| head.split('.').count())
    };
    let split: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].block.kind == BlockKind::Heading && items[i].level == level)
        .collect();
    let main = split
        .iter()
        .filter(|&&i| number(&items[i].block.text) == Some(1))
        .count();
    let numbered = split
        .iter()
        .filter(|&&i| number(&items[i].block.text).is_some())
        .count();
    if main < 3 || numbered * 2 < split.len() {
        return;
    }
    for i in split {
        if number(&items[i].block.text).is_some_and(|n| n > 1) {
            items[i].level = OUTLINE + 1;
        }
    }
}

/// Dividing headings at the top with nothing below them (`Privacy Policy`, then the company's
/// name, then `1. General`) are the document's title, not empty sections.
fn demote_leading_titles(items: &mut [Item], level: u8) {
    let is_split = |it: &Item| it.block.kind == BlockKind::Heading && it.level == level;
    let Some(first) = items.iter().position(is_split) else {
        return;
    };
    // the first dividing heading, with only headings above it, names the document
    let top = items[..first]
        .iter()
        .all(|it| it.block.kind == BlockKind::Heading);
    if !top || !names_the_document(&items[first].block.text) {
        return;
    }
    items[first].block.kind = BlockKind::Paragraph;
    items[first].level = 0;
    let mut i = first + 1;
    while i + 1 < items.len() && is_split(&items[i]) && is_split(&items[i + 1]) {
        items[i].block.kind = BlockKind::Paragraph;
        items[i].level = 0;
        i += 1;
    }
}

/// Is this heading a policy's title (`Privacy Notice`, `Wolfram Privacy Policy`, `隐私政策`)?
fn names_the_document(t: &str) -> bool {
    let lower = t.to_lowercase();
    let words = t.split_whitespace().count();
    let cjk = t.chars().any(crate::diff::normal::is_cjk);
    let title = [
        "privacy policy",
        "privacy notice",
        "privacy statement",
        "privacy and cookie",
        "data protection notice",
        "data protection policy",
        "隐私政策",
        "隐私权政策",
        "隐私保护政策",
        "个人信息保护政策",
        "隐私条款",
        "隐私声明",
    ];
    title.iter().any(|k| lower.contains(k))
        && !lower.starts_with("changes")
        && !lower.contains("update")
        && if cjk { t.chars().count() <= 30 } else { words <= 8 }
}

/// A table of contents written as plain titles is no run of empty sections: a run of three or
/// more titles of the dividing level with nothing between them, whose first title comes again
/// later, becomes text of the section before it.
fn drop_contents(items: &mut [Item], level: u8) {
    let is_title = |it: &Item| it.block.kind == BlockKind::Heading && it.level == level;
    let key = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut i = 0;
    while i < items.len() {
        let run = items[i..].iter().take_while(|it| is_title(it)).count();
        // the contents end where their first title comes again: inside the run (the contents
        // run straight into the first section) or after it
        if run >= 3 {
            let first = key(&items[i].block.text);
            let end = (i + 1..items.len())
                .find(|&j| is_title(&items[j]) && key(&items[j].block.text) == first)
                .map(|j| j.min(i + run));
            if let Some(end) = end.filter(|&e| e - i >= 3) {
                for it in &mut items[i..end] {
                    it.block.kind = BlockKind::Paragraph;
                    it.level = 0;
                }
                i = end;
                continue;
            }
        }
        i += run.max(1);
    }
}

/// The level of a title found on a plain line (below every marked-up one).
const PLAIN_TITLE: u8 = 10;

/// The heading level that divides the text into sections: the shallowest with three different
/// headings or more (one or two of a level are the document's titles; page furniture repeated
/// around the text, `About Us` twice, counts once), else the shallowest that repeats. Where
/// that level has only two or three headings over many more of the next level used (at least
/// four times as many) and each names a document, they are the titles of documents held in one
/// file, and the next level divides them.
fn split_level(items: &[Item]) -> Option<u8> {
    let mut seen: Vec<std::collections::BTreeSet<&str>> = vec![Default::default(); 12];
    let mut count = [0usize; 12];
    for i in items.iter().filter(|i| i.block.kind == BlockKind::Heading) {
        let l = usize::from(i.level).min(11);
        seen[l].insert(i.block.text.as_str());
        count[l] += 1;
    }
    let level = (1..=PLAIN_TITLE)
        .find(|&l| seen[usize::from(l)].len() >= 3)
        .or_else(|| (1..=PLAIN_TITLE).find(|&l| count[usize::from(l)] >= 2))?;
    let n = count[usize::from(level)];
    let deeper = (level + 1..=PLAIN_TITLE).find(|&l| count[usize::from(l)] > 0);
    // each names a document (`Privacy Notice`, `DPF Notice`, `Addendum`), not a part (`定义`)
    let documents = seen[usize::from(level)].iter().all(|t| {
        let lower = t.to_lowercase();
        let words = t.split_whitespace().count();
        [
            "notice",
            "policy",
            "statement",
            "addendum",
            "政策",
            "声明",
            "指引",
        ]
        .iter()
        .any(|k| lower.contains(k))
            && words <= 8
    });
    match deeper {
        Some(d) if documents && n <= 3 && count[usize::from(d)] >= 4 * n && count[usize::from(d)] >= 8 => {
            Some(d)
        }
        _ => Some(level),
    }
}

/// The paragraphs that are titles written on lines of their own: shaped like a title
/// ([`title_shaped`]), found once in the text (a repeated table header or `Attention: …` line is
/// none), after the end of a sentence, a heading or another title (not the rest of a line a PDF
/// copy broke: `Email address of Account` / `Holder and End Users`), and before text or another
/// title (not the first line of an address block); not three or more in a row (a list).
fn plain_titles(items: &[Item]) -> Vec<usize> {
    let paragraph = |i: usize| items.get(i).filter(|it| it.block.kind == BlockKind::Paragraph);
    let shaped: Vec<bool> = (0..items.len())
        .map(|i| paragraph(i).is_some_and(|it| title_shaped(&it.block.text)))
        .collect();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for it in items {
        *seen.entry(it.block.text.as_str()).or_default() += 1;
    }
    let ends_sentence = |t: &str| {
        t.ends_with([
            '.', '!', '?', ':', ';', ')', '。', '！', '？', '：', '；', '）', '”', '"',
        ])
    };
    let mut titles: Vec<usize> = Vec::new();
    for i in 0..items.len() {
        if !shaped[i] || seen[items[i].block.text.as_str()] > 1 {
            continue;
        }
        // after a title taken as one, or after the end of a sentence; a line after a colon is
        // what the colon announced (an address, a list), no title
        let after = i == 0 || titles.last() == Some(&(i - 1)) || {
            let prev = &items[i - 1].block;
            let t = prev.text.as_str();
            prev.kind != BlockKind::Paragraph
                || (!t.ends_with([':', '：'])
                    && (ends_sentence(t) || t.chars().count() > 40 || t.contains('@')))
        };
        let before = items.get(i + 1).is_some_and(|next| match next.block.kind {
            BlockKind::Heading => false,
            BlockKind::Paragraph => {
                shaped[i + 1] || next.block.text.chars().count() > 40 || ends_sentence(&next.block.text)
            }
            _ => true,
        });
        if after && before {
            titles.push(i);
        }
    }
    // three such lines or more in a row, with no text between them, are the entries of a list
    // written without markers (`Name` / `Email address` / `Precise geolocation`), no titles
    let mut kept: Vec<usize> = Vec::with_capacity(titles.len());
    let mut k = 0;
    while k < titles.len() {
        let run = titles[k..]
            .iter()
            .enumerate()
            .take_while(|&(n, &i)| i == titles[k] + n)
            .count();
        if run < 3 {
            kept.extend(&titles[k..k + run]);
        }
        k += run;
    }
    kept
}

/// Is a paragraph shaped like a title: short, not ending like a sentence or a list entry, and in
/// English either a question or in Title Case (`Collection of Information`, `What information
/// does Evernote collect?`), without a link, an address or a `Label: value`?
fn title_shaped(t: &str) -> bool {
    let Some(first) = t.chars().next() else {
        return false;
    };
    let last = t.chars().next_back().unwrap_or(first);
    if ".,;:!。；，：、".contains(last) || t.contains("http") || t.contains('@') || t.contains(" | ") {
        return false;
    }
    if t.chars().any(crate::diff::normal::is_cjk) {
        let clauses = t.contains(['，', ',', ';', '；']);
        return t.chars().count() <= 30 && !t.contains('。') && (!clauses || last == '？' || last == '?');
    }
    let words: Vec<&str> = t.split(' ').collect();
    if words.len() > 12 || t.len() > 90 || !first.is_uppercase() || t.contains(": ") {
        return false;
    }
    if !(last.is_alphanumeric() || last == '?' || last == ')') {
        return false;
    }
    let question = last == '?';
    let titled = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        });
    // sentence case too when short (`Other information`)
    (question || titled || words.len() <= 6) && !t.contains(", ") && t.chars().any(char::is_alphabetic)
}

/// The blocks of one section body (a versioned section file's Markdown).
pub fn section_blocks(markdown: &str) -> Vec<Block> {
    let mut path: Vec<(u8, String)> = Vec::new();
    items(markdown, false)
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
    fn an_ordered_list_of_bold_run_in_titles_is_the_outline() {
        let md = "Privacy Policy\n\n1. **What We Collect.** We collect your name.\n2. **How We Use It.**\n   1. **Service.** To run the service.\n3. **Sharing.** We share with processors.\n\n   If you are in the EEA, see section 4.\n4. **Contact.** Write to privacy@example.com.\n";
        let doc = from_markdown(md);
        let headings: Vec<_> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            ["", "What We Collect.", "How We Use It.", "Sharing.", "Contact."],
            "{doc:#?}"
        );
        // a bold word opening an item of a list that is no outline stays in its text
        let doc = from_markdown(
            "# Policy\n\n## Data\n\n1. **Name**, to address you.\n2. **Email**, to write.\n\n## Sharing\n\nNone.\n\n## Contact\n\nWrite.\n",
        );
        let headings: Vec<_> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings[headings.len() - 3..],
            ["Data", "Sharing", "Contact"],
            "{doc:#?}"
        );
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
    fn space_len_knows_every_space() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            let space = c.is_whitespace() || c == '\u{200b}';
            assert_eq!(space_len(enc), if space { enc.len() } else { 0 }, "{c:?}");
        }
    }

    #[test]
    fn needs_folding_sees_every_space_but_one_ascii_space() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let space = c.is_whitespace() || c == '\u{200b}';
            // other ASCII controls may be looked at closer too: never a space missed
            let control = c < ' ';
            let s = format!("a{c}b");
            assert!(needs_folding(&s) == (space && c != ' ') || control, "{c:?}");
            let s = format!("{c}{c}");
            assert!(needs_folding(&s) == space || control, "{c:?}{c:?}");
        }
        assert!(!needs_folding(""));
        assert!(needs_folding("\n"));
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
            "\u{85}", "\u{1680}", "\u{2009}", "\u{2028}", "\u{202f}", "\u{205f}", "’", "“", "\u{200c}",
        ];
        for i in 0..pieces.len().pow(4) {
            let s: String = (0..4)
                .map(|k| pieces[i / pieces.len().pow(k) % pieces.len()])
                .collect();
            assert_eq!(clean(&s), reference(&s), "{s:?}");
        }
    }

    #[test]
    fn three_short_lines_in_a_row_are_a_list_not_titles() {
        let md = "# Policy\n\n## Data we collect\n\nName\n\nEmail Address\n\nPrecise Geolocation\n\n\
                  We use these to run the service and to answer your requests, as described below in detail.\n";
        assert!(
            headings(md)
                .iter()
                .all(|h| !["Name", "Email Address", "Precise Geolocation"].contains(&h.as_str())),
            "{:?}",
            headings(md)
        );
    }

    fn headings(md: &str) -> Vec<String> {
        from_markdown(md)
            .sections
            .into_iter()
            .map(|s| s.heading)
            .filter(|h| !h.is_empty())
            .collect()
    }

    #[test]
    fn document_shapes_found_in_the_wild() {
        // a numbered list that is the outline: its items are the sections
        let md = "Intro.\n\n1. Data we collect\n\n   We collect names.\n\n2. How we use it\n\n   To run the site.\n\n3. Your rights\n\n   Ask us.\n";
        assert_eq!(headings(md), ["Data we collect", "How we use it", "Your rights"]);
        // the title at the sections' level, a date line, sub-numbered headings
        let md = "### Privacy Policy\n\n### ACME Oy\n\n### 1. General\n\nText.\n\n### 2. Data\n\nText.\n\n### 2.1 Detail\n\nText.\n\n### 3. Rights\n\nText.\n";
        assert_eq!(headings(md), ["1. General", "2. Data", "3. Rights"]);
        let md = "**Privacy Notice**\n\n**Last modified March 2023**\n\nIntro.\n\n**Contact**\n\nUs.\n\n**Children**\n\nNo.\n\n**Security**\n\nYes.\n";
        assert_eq!(headings(md), ["Contact", "Children", "Security"]);
        // one heading a level too high before its siblings
        let md = "Policy\n------\n\nIntro.\n\n### What we collect\n\nA.\n\n#### Where it is stored\n\nB.\n\n#### Sharing\n\nC.\n\n#### Changes\n\nD.\n";
        assert_eq!(
            headings(md),
            ["What we collect", "Where it is stored", "Sharing", "Changes"]
        );
        // the heading of a table of contents heads no section
        let md = "## Table of Contents\n\n- [A](#a)\n- [B](#b)\n\n## A\n\nx\n\n## B\n\ny\n\n## C\n\nz\n";
        assert_eq!(headings(md), ["A", "B", "C"]);
        // two documents in one file: their titles over many sections each
        let mut md = String::from("Privacy Notice\n==============\n\nIntro.\n\n");
        for doc in ["Privacy Notice Addendum", "DPF Notice"] {
            for n in 1..=6 {
                md.push_str(&format!("Part {n} of it\n------------\n\nText {n}.\n\n"));
            }
            md.push_str(&format!("{doc}\n=====\n\nMore.\n\n"));
        }
        assert_eq!(headings(&md).len(), 12);
        // a title run into its paragraph by a hard break; an address line is no title
        let md = "Intro.\n\nHow we use the information we collect  \n\u{200d}**We use it:\n\n\u{200d}  \n\n**Legal bases for using your information  \n\nWe rely on consent.\n\n**Sharing**\n\nNever.\n\nACME Ltd  \nPO Box 1  \nTown\n";
        assert_eq!(
            headings(md),
            [
                "How we use the information we collect",
                "Legal bases for using your information",
                "Sharing"
            ]
        );
    }

    #[test]
    fn titles_a_paragraph_swallowed_are_found() {
        // a Word paste: Chinese numbered titles on lines of their own with no blank line around
        let md = "欢迎使用本应用。\n\u{200b}一、我们收集的信息\u{200b}\n我们收集您的邮箱。\n二、信息的共享\n我们不共享。\n（一）例外\n依法披露。\n三、联系我们\n";
        assert_eq!(
            headings(md),
            ["一、我们收集的信息", "二、信息的共享", "三、联系我们"]
        );
        // the text around each stays with its section
        let doc = from_markdown(md);
        let shared = doc
            .sections
            .iter()
            .find(|s| s.heading == "二、信息的共享")
            .expect("found");
        assert!(
            shared.blocks.iter().any(|b| b.text == "我们不共享。"),
            "{:?}",
            shared.blocks
        );
        // a label line or a sentence that begins like a title is text
        let md = "说明。\n一、联系方式：电话 123。\n二、我们会在十五日内答复，\n请耐心等待。\n";
        assert!(headings(md).is_empty(), "{:?}", headings(md));
        // ATX headings written without their space, which CommonMark reads as text
        let md = "##隐私政策\n\n####总则\n以下内容适用于您。\n\n####修订策略\n我们保留修改的权利。\n\n####信息的保护\n我们加密。\n";
        assert_eq!(headings(md), ["总则", "修订策略", "信息的保护"]);
        // an English `#hashtag` line is no heading
        let md = "Intro.\n#privacy matters to us\nMore text.\n";
        assert!(headings(md).is_empty(), "{:?}", headings(md));
    }

    #[test]
    fn tables_and_setext() {
        let md = "Title\n=====\n\nA\n---\n\n| a | b |\n|---|---|\n| x | y |\n\nB\n---\n\ntext\n";
        let doc = from_markdown(md);
        assert_eq!(doc.sections.len(), 3);
        assert_eq!(doc.sections[1].blocks[1].text, "x | y");
    }
}
