//! Policy x Policy -> [`PolicyDiff`]: sections aligned, blocks aligned inside them, words diffed
//! inside changed blocks, moves detected, facts compared field by field. No output format here.
//!
//! 1. sections: by id (versioned) or by heading text, then by content similarity (plain Markdown);
//! 2. blocks: aligned on their editorial normal form ([`text::normal_form`]), so an edit that changes
//!    only formatting, case, quotes or punctuation pairs up as an editorial modification;
//! 3. changed runs: old and new blocks paired by similarity, the rest added or removed;
//! 4. moves: a removed block whose normal form was added elsewhere is one move;
//! 5. facts: [`facts::diff_facts`], each change placed in the section that shows it.

pub mod align;
pub mod chrome;
pub mod doc;
pub mod facts;
pub mod input;
pub mod links;
pub mod normal;
pub mod refs;
pub mod text;

use std::collections::BTreeMap;

use ahash::AHashMap as HashMap;

use doc::{Block, BlockKind, Doc, DocSection};
use facts::FactChange;
pub use links::{LinkChange, Links};
use text::{Segment, normal_form, redline, similarity};

/// One side of a diff.
#[derive(Debug, Clone)]
pub struct DiffInput {
    /// What the user named (a version id, a folder, a file).
    pub label: String,
    /// The version id, for versioned inputs.
    pub version: Option<String>,
    /// The locale compared.
    pub locale: String,
    /// The prose.
    pub doc: Doc,
    /// The facts tree (versioned inputs only).
    pub facts: Option<std::sync::Arc<serde_json::Value>>,
    /// Fact path -> id of the section that shows it.
    pub fact_sections: BTreeMap<String, String>,
}

/// What happened to a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// New text or fact.
    Added,
    /// Text or fact gone.
    Removed,
    /// Text or fact changed.
    Modified,
    /// The same text elsewhere.
    Moved,
}

impl Kind {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Modified => "modified",
            Kind::Moved => "moved",
        }
    }
}

/// One change between the two inputs.
#[derive(Debug, Clone)]
pub struct Change {
    /// Section id (in the new input where it exists).
    pub section: String,
    /// Section heading.
    pub heading: String,
    /// Headings above the passage inside the section.
    pub path: Vec<String>,
    /// What happened.
    pub kind: Kind,
    /// Old text, plain.
    pub old: Option<String>,
    /// New text, plain.
    pub new: Option<String>,
    /// Word-level redline of a modification.
    pub redline: Vec<Segment>,
    /// The two texts differ only editorially (formatting, case, quotes, punctuation, whitespace).
    pub editorial_form: bool,
    /// A fact change, when this is one.
    pub fact: Option<FactChange>,
    /// For a move: the section it came from.
    pub moved_from: Option<String>,
    /// The section is new or removed as a whole.
    pub whole_section: bool,
    /// The kind of block changed (prose changes).
    pub block_kind: Option<doc::BlockKind>,
    /// For an added or removed block: the paragraph introducing it (`… in the following cases:`).
    pub lead_in: Option<String>,
    /// For an added or removed passage of which some sentences are found elsewhere in the other
    /// document: only the sentences that are really new (or really gone).
    pub novel: Option<String>,
    /// The locale whose text carries the change, when it is not the comparison's own (a change
    /// that only another locale's text makes; see [`crate::compare`]).
    pub locale: Option<String>,
    /// For a section that moved: its place among the sections before and after.
    pub position: Option<Position>,
    /// Link targets (and image sources) that changed inside the passage.
    pub links: Vec<LinkChange>,
    /// The passage is page chrome of a captured web page on both sides it has (menus, link bars,
    /// a footer: [`chrome`]).
    pub chrome: bool,
}

/// A section's place in each document, counting from 1 (the text before the first heading, when
/// there is any, is the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// In the old document.
    pub old: usize,
    /// In the new document.
    pub new: usize,
}

impl Change {
    /// A change of prose in `section` with nothing filled in but what every change has.
    fn in_section(section: &DocSection, kind: Kind, old: Option<String>, new: Option<String>) -> Change {
        Change {
            section: section.id.clone(),
            heading: section.heading.clone(),
            ..Change::blank(kind, old, new)
        }
    }

    /// A change of prose with nothing filled in but its kind and texts.
    fn blank(kind: Kind, old: Option<String>, new: Option<String>) -> Change {
        Change {
            section: String::new(),
            heading: String::new(),
            path: vec![],
            kind,
            old,
            new,
            redline: vec![],
            editorial_form: false,
            fact: None,
            moved_from: None,
            whole_section: false,
            block_kind: None,
            lead_in: None,
            novel: None,
            locale: None,
            position: None,
            links: vec![],
            chrome: false,
        }
    }
}

/// The difference of two inputs.
#[derive(Debug, Clone)]
pub struct PolicyDiff {
    /// Changes in new-document order (facts first within their section).
    pub changes: Vec<Change>,
    /// A size bound made part of the comparison coarser (huge blocks or runs).
    pub bounded: bool,
    /// The whole old document's text (headings and blocks, fact references shown as values, then
    /// the values of its facts), for evidence that must know whether a name or address is still
    /// stated elsewhere.
    pub old_text: String,
    /// The whole new document's text.
    pub new_text: String,
}

/// A document's text: every heading and block, one per line.
fn doc_text(doc: &Doc) -> String {
    let mut out = String::new();
    for s in &doc.sections {
        out.push_str(&s.heading);
        out.push('\n');
        for b in &s.blocks {
            out.push_str(&b.text);
            out.push('\n');
        }
    }
    out
}

/// Compares two inputs.
pub fn diff(old: &DiffInput, new: &DiffInput, locales: &[String]) -> PolicyDiff {
    let mut bounded = false;
    let pairs = align_sections(&old.doc, &new.doc);
    // the sites the two captures were made from (their page chrome links there)
    let sites = (chrome::own_site(&old.doc), chrome::own_site(&new.doc));
    let mut changes = Vec::new();
    let mut new_order: HashMap<String, usize> = HashMap::new();
    for (i, s) in new.doc.sections.iter().enumerate() {
        new_order.insert(s.id.clone(), i);
    }
    // sections moved as a whole (order changed)
    let matched: Vec<(usize, usize)> = pairs
        .iter()
        .filter_map(|p| match p {
            SectionPair::Both(o, n) => Some((*o, *n)),
            _ => None,
        })
        .collect();
    // `matched` is in new-document order: the sections whose old positions keep increasing along
    // it stayed in place, the others moved
    let seq: Vec<usize> = matched.iter().map(|(o, _)| *o).collect();
    let keep: std::collections::HashSet<usize> = align::lis_positions(&seq).into_iter().collect();
    for (i, (o, n)) in matched.iter().enumerate() {
        if !keep.contains(&i) {
            let s = &new.doc.sections[*n];
            changes.push(Change {
                kind: Kind::Moved,
                editorial_form: true,
                moved_from: Some(old.doc.sections[*o].heading.clone()),
                whole_section: true,
                position: Some(Position {
                    old: *o + 1,
                    new: *n + 1,
                }),
                ..Change::in_section(
                    s,
                    Kind::Moved,
                    Some(old.doc.sections[*o].heading.clone()),
                    Some(s.heading.clone()),
                )
            });
        }
    }
    for pair in &pairs {
        match pair {
            SectionPair::Both(o, n) => {
                let (os, ns) = (&old.doc.sections[*o], &new.doc.sections[*n]);
                if os.heading != ns.heading {
                    let (a, b) = (heading_block(os), heading_block(ns));
                    // a heading renumbered (as a reorder renumbers them) says the same
                    let editorial = normal_form(&a.text) == normal_form(&b.text)
                        || heading_key(&a.text) == heading_key(&b.text);
                    changes.push(block_change(ns, &a, &b, editorial));
                }
                bounded |= diff_section(os, ns, &sites, &mut changes);
            }
            SectionPair::Old(o) => {
                changes.push(whole_section(&old.doc.sections[*o], Kind::Removed, &sites.0))
            }
            SectionPair::New(n) => changes.push(whole_section(&new.doc.sections[*n], Kind::Added, &sites.1)),
        }
    }
    detect_moves(&mut changes);
    mark_restated(&mut changes);
    mark_regrouped(&mut changes);
    show_fact_values(&mut changes, old, new);
    // equal trees (the same facts file, most often) hold no change: skip the walk
    if let (Some(of), Some(nf)) = (&old.facts, &new.facts)
        && !(std::sync::Arc::ptr_eq(of, nf) || of == nf)
    {
        let fallback = locales.first().map_or("en", String::as_str);
        for fc in facts::diff_facts(of, nf, &new.locale, fallback, locales) {
            let section_id = section_of(&fc.path, &new.fact_sections)
                .or_else(|| section_of(&fc.path, &old.fact_sections))
                .unwrap_or_default();
            let heading = new
                .doc
                .sections
                .iter()
                .chain(&old.doc.sections)
                .find(|s| s.id == section_id)
                .map(|s| s.heading.clone())
                .unwrap_or_default();
            let kind = match fc.kind {
                facts::FactKind::Added => Kind::Added,
                facts::FactKind::Removed => Kind::Removed,
                facts::FactKind::Modified => Kind::Modified,
            };
            let show = |v: &Option<serde_json::Value>| v.as_ref().map(|x| fact_text_in(x, &new.locale));
            let (old_t, new_t) = (show(&fc.old), show(&fc.new));
            let editorial_form =
                matches!((&old_t, &new_t), (Some(a), Some(b)) if normal_form(a) == normal_form(b));
            let (redline, _) = match (&old_t, &new_t) {
                (Some(a), Some(b)) => redline(a, b),
                _ => (vec![], false),
            };
            changes.push(Change {
                section: section_id,
                heading,
                path: vec![],
                kind,
                old: old_t,
                new: new_t,
                redline,
                editorial_form,
                fact: Some(fc),
                moved_from: None,
                whole_section: false,
                block_kind: None,
                lead_in: None,
                novel: None,
                locale: None,
                position: None,
                links: vec![],
                chrome: false,
            });
        }
    }
    // order: by section position in the new document (old-only sections after), facts first
    let position = |c: &Change| new_order.get(&c.section).copied().unwrap_or(usize::MAX);
    let mut indexed: Vec<(usize, Change)> = changes.into_iter().enumerate().collect();
    indexed.sort_by_key(|(i, c)| (position(c), c.fact.is_none(), *i));
    PolicyDiff {
        changes: indexed.into_iter().map(|(_, c)| c).collect(),
        bounded,
        old_text: stated(old),
        new_text: stated(new),
    }
}

/// A fact value as one line of text.
pub fn fact_text(v: &serde_json::Value) -> String {
    fact_text_in(v, "en")
}

/// A fact value as one line of text, field names as a reader of `locale` reads them.
pub fn fact_text_in(v: &serde_json::Value, locale: &str) -> String {
    let (colon, sep) = if locale.starts_with("zh") {
        ("：", "；")
    } else {
        (": ", "; ")
    };
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(m) => {
            let name = m.get("name").and_then(|n| n.as_str()).unwrap_or_default();
            let rest: Vec<String> = m
                .iter()
                .filter(|(k, v)| !matches!(k.as_str(), "id" | "name") && !v.is_null())
                .map(|(k, v)| {
                    format!(
                        "{}{colon}{}",
                        crate::facts::field_label(k, locale),
                        fact_text_in(v, locale)
                    )
                })
                .collect();
            if name.is_empty() {
                rest.join(sep)
            } else {
                format!("{name} ({})", rest.join(sep))
            }
        }
        serde_json::Value::Array(items) => items
            .iter()
            .map(|x| fact_text_in(x, locale))
            .collect::<Vec<_>>()
            .join(sep),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn section_of(path: &str, map: &BTreeMap<String, String>) -> Option<String> {
    let mut best: Option<(&String, &String)> = None;
    for (p, s) in map {
        let prefix = path == p || path.starts_with(&format!("{p}.")) || p.starts_with(&format!("{path}."));
        if prefix && best.is_none_or(|(bp, _)| p.len() > bp.len()) {
            best = Some((p, s));
        }
    }
    best.map(|(_, s)| s.clone())
}

fn heading_block(s: &DocSection) -> Block {
    Block {
        kind: doc::BlockKind::Heading,
        text: s.heading.clone(),
        path: vec![],
        links: Links::default(),
    }
}

fn section_change(s: &DocSection, kind: Kind) -> Change {
    let text: Vec<&str> = std::iter::once(s.heading.as_str())
        .chain(s.blocks.iter().map(|b| b.text.as_str()))
        .filter(|t| !t.is_empty())
        .collect();
    let text = text.join("\n");
    let (old, new) = if kind == Kind::Removed {
        (Some(text), None)
    } else {
        (None, Some(text))
    };
    Change {
        whole_section: true,
        ..Change::in_section(s, kind, old, new)
    }
}

/// A section added or removed as a whole: page chrome when four in five of its blocks are; else
/// its text without the chrome it carries (a capture's menu above the policy's first section).
fn whole_section(s: &DocSection, kind: Kind, site: &str) -> Change {
    let marks = chrome::chrome(&s.blocks, site);
    let n = marks.iter().filter(|c| **c).count();
    if n == 0 {
        return section_change(s, kind);
    }
    if n * 5 >= s.blocks.len() * 4 {
        return Change {
            chrome: true,
            ..section_change(s, kind)
        };
    }
    let text = DocSection {
        blocks: s
            .blocks
            .iter()
            .zip(&marks)
            .filter(|(_, c)| !**c)
            .map(|(b, _)| b.clone())
            .collect(),
        ..s.clone()
    };
    section_change(&text, kind)
}

/// What a side states: its text with fact references shown as values, then its facts' values.
fn stated(input: &DiffInput) -> String {
    let text = refs::expand(&doc_text(&input.doc), input);
    match input.facts {
        Some(_) => format!("{text}\n{}", refs::stated_values(input)),
        None => text,
    }
}

/// Prose changes read with their fact references shown as values, each side's from its own facts
/// (versioned inputs; plain Markdown has none): the classifier then sees "within 30 days" become
/// "within 45 days" when a reference was replaced by a literal value, and a reference replaced by
/// the value it showed is no change of meaning. Moves keep their texts (they matched as written).
fn show_fact_values(changes: &mut [Change], old: &DiffInput, new: &DiffInput) {
    if old.facts.is_none() && new.facts.is_none() {
        return;
    }
    let shown = |t: &mut Option<String>, input: &DiffInput| {
        if let Some(text) = t.as_mut().filter(|x| x.contains("{{")) {
            *text = refs::expand(text, input);
        }
    };
    for c in changes
        .iter_mut()
        .filter(|c| c.fact.is_none() && c.kind != Kind::Moved)
    {
        let had = (c.old.clone(), c.new.clone());
        shown(&mut c.old, old);
        shown(&mut c.new, new);
        let side = if c.kind == Kind::Removed { old } else { new };
        shown(&mut c.novel, side);
        shown(&mut c.lead_in, side);
        if (c.old.clone(), c.new.clone()) == had {
            continue;
        }
        if let (Kind::Modified, Some(a), Some(b)) = (c.kind, &c.old, &c.new) {
            c.editorial_form |= normal_form(a) == normal_form(b);
            c.redline = if a == b {
                vec![Segment::Same(b.clone())]
            } else {
                redline(a, b).0
            };
        }
    }
}

/// The change of block `old` into `new`; `editorial` says their normal forms are equal.
fn block_change(section: &DocSection, old: &Block, new: &Block, editorial: bool) -> Change {
    // the same text with other links: one unchanged run
    let (redline, _) = if old.text == new.text {
        (vec![Segment::Same(new.text.clone())], false)
    } else {
        redline(&old.text, &new.text)
    };
    Change {
        path: new.path.clone(),
        redline,
        links: links::changes(&old.links, &new.links),
        editorial_form: editorial,
        block_kind: Some(new.kind),
        ..Change::in_section(
            section,
            Kind::Modified,
            Some(old.text.clone()),
            Some(new.text.clone()),
        )
    }
}

fn one_side(section: &DocSection, index: usize, kind: Kind) -> Change {
    let block = &section.blocks[index];
    // the paragraph that introduces the list the block is in: only list items or table rows lie
    // between them (a numbered paragraph or a heading ends the list)
    let lead_in = section.blocks[..index]
        .iter()
        .rev()
        .take(40)
        .find(|b| !b.kind.is_item(&b.text))
        .filter(|b| b.kind == doc::BlockKind::Paragraph && (b.text.ends_with(':') || b.text.ends_with('：')))
        .map(|b| b.text.clone());
    let (old, new) = if kind == Kind::Removed {
        (Some(block.text.clone()), None)
    } else {
        (None, Some(block.text.clone()))
    };
    Change {
        path: block.path.clone(),
        block_kind: Some(block.kind),
        lead_in,
        ..Change::in_section(section, kind, old, new)
    }
}

/// Compares the blocks of two matched sections; returns whether a bound was hit.
fn diff_section(old: &DocSection, new: &DocSection, sites: &(String, String), out: &mut Vec<Change>) -> bool {
    // a block is unchanged when its text and its links' targets are
    let unchanged = |a: &Block, b: &Block| a.text == b.text && a.links == b.links;
    let same = old.blocks.len() == new.blocks.len()
        && old.blocks.iter().zip(&new.blocks).all(|(a, b)| unchanged(a, b));
    if same {
        return false;
    }
    // blocks of the same text at both ends align with each other whatever the rest: only the
    // middle needs its normal forms and an alignment
    let prefix = old
        .blocks
        .iter()
        .zip(&new.blocks)
        .take_while(|(a, b)| unchanged(a, b))
        .count();
    let suffix = old.blocks[prefix..]
        .iter()
        .rev()
        .zip(new.blocks[prefix..].iter().rev())
        .take_while(|(a, b)| unchanged(a, b))
        .count();
    let (oe, ne) = (old.blocks.len() - suffix, new.blocks.len() - suffix);
    let ok: Vec<String> = old.blocks[prefix..oe]
        .iter()
        .map(|b| normal_form(&b.text))
        .collect();
    // a new block whose text an old one has (most of them) has its normal form already
    let by_text: HashMap<&str, usize> = old.blocks[prefix..oe]
        .iter()
        .enumerate()
        .map(|(i, b)| (b.text.as_str(), i))
        .collect();
    let nk: Vec<String> = new.blocks[prefix..ne]
        .iter()
        .map(|b| match by_text.get(b.text.as_str()) {
            Some(&i) => ok[i].clone(),
            None => normal_form(&b.text),
        })
        .collect();
    let (ops, mut bounded) = align::align(&ok, &nk);
    // which blocks are page chrome, found when a block is first added, removed or changed
    let (old_chrome, new_chrome) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
    let chrome_old = |i: usize| old_chrome.get_or_init(|| chrome::chrome(&old.blocks, &sites.0))[i];
    let chrome_new = |j: usize| new_chrome.get_or_init(|| chrome::chrome(&new.blocks, &sites.1))[j];
    for op in ops.into_iter().map(|op| op.shifted(prefix)) {
        match op {
            align::Op::Equal { old: o, new: n, len } => {
                for i in 0..len {
                    let (a, b) = (&old.blocks[o + i], &new.blocks[n + i]);
                    if !unchanged(a, b) {
                        // aligned as equal: their normal forms are
                        out.push(block_change(new, a, b, true));
                    }
                }
            }
            align::Op::Change {
                old: (o0, o1),
                new: (n0, n1),
            } => {
                if (o1 - o0) * (n1 - n0) > 40_000 {
                    bounded = true;
                    out.extend((o0..o1).map(|i| one_side(old, i, Kind::Removed)));
                    out.extend((n0..n1).map(|j| one_side(new, j, Kind::Added)));
                    continue;
                }
                // the normal forms of this run (`ok` and `nk` start at `prefix`)
                let (okr, nkr) = (&ok[o0 - prefix..o1 - prefix], &nk[n0 - prefix..n1 - prefix]);
                for (i, j) in pair_blocks(okr, nkr) {
                    match (i, j) {
                        (Some(i), Some(j)) => {
                            let (a, b) = (&old.blocks[o0 + i], &new.blocks[n0 + j]);
                            let c = Change {
                                chrome: chrome_old(o0 + i) && chrome_new(n0 + j),
                                ..block_change(new, a, b, okr[i] == nkr[j])
                            };
                            bounded |= c.redline.is_empty() && a.text != b.text;
                            out.push(c);
                        }
                        (Some(i), None) => out.push(Change {
                            chrome: chrome_old(o0 + i),
                            ..one_side(old, o0 + i, Kind::Removed)
                        }),
                        (None, Some(j)) => {
                            let mut c = Change {
                                chrome: chrome_new(n0 + j),
                                ..one_side(new, n0 + j, Kind::Added)
                            };
                            if stands_as_title(&new.blocks, n0 + j, old) {
                                c.block_kind = Some(BlockKind::Heading);
                            }
                            out.push(c);
                        }
                        (None, None) => {}
                    }
                }
            }
        }
    }
    bounded
}

/// Does block `at` of `blocks`, a paragraph put in, stand as the title of text that was there
/// before (`other` holds it)? A capture that lost its heading markup writes a subsection's title
/// as a paragraph (`Data Rights Requests Details` above `When you submit a request, …`): one short
/// line with no closing mark, number, address or words of a statement (`we`, `may`, `not`), after a
/// heading, a list item or a sentence (not among other short lines, as a list without markers
/// would be), and before a sentence the other side holds word for word. It is judged as a heading.
fn stands_as_title(blocks: &[Block], at: usize, other: &DocSection) -> bool {
    let b = &blocks[at];
    let t = b.text.trim();
    let cjk = t.chars().filter(|c| normal::is_cjk(*c)).count();
    let short = if cjk > 0 {
        t.chars().count() <= 20
    } else {
        t.split_whitespace().nth(12).is_none()
    };
    let sentence = |x: &Block| {
        let x = x.text.trim();
        x.ends_with(['.', '。', '!', '?', '！', '？'])
            && (x.split_whitespace().nth(14).is_some()
                || x.chars().filter(|c| normal::is_cjk(*c)).count() >= 30)
    };
    if b.kind != BlockKind::Paragraph
        || t.is_empty()
        || !short
        || t.contains('\n')
        || t.ends_with(['.', '。', '!', '?', '！', '？', ';', '；', ':', '：', ','])
        || t.contains(|c: char| c.is_ascii_digit() || c == '@')
        || t.contains("http")
    {
        return false;
    }
    // a statement without its full stop (`We may sell your data`) is no title: it is judged
    const SAYS: &[&str] = &[
        "we", "you", "i", "may", "will", "can", "must", "shall", "do", "does", "not", "never", "is", "are",
    ];
    const SAYS_ZH: &[&str] = &["我们", "您", "你", "可能", "将", "会", "不"];
    let lower = t.to_lowercase();
    if lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| SAYS.contains(&w))
        || SAYS_ZH.iter().any(|w| t.contains(w))
    {
        return false;
    }
    let before = at.checked_sub(1).map(|i| &blocks[i]);
    let before_ok =
        before.is_none_or(|p| matches!(p.kind, BlockKind::Heading | BlockKind::ListItem) || sentence(p));
    let after_ok = blocks.get(at + 1).is_some_and(|n| {
        n.kind == BlockKind::Paragraph && sentence(n) && other.blocks.iter().any(|o| o.text == n.text)
    });
    before_ok && after_ok
}

/// Pairs the blocks of a changed run, given by their normal forms: the most similar pairs first
/// (similarity at least 0.5), keeping document order on both sides; the rest are removed or added.
/// Returns the sequence in document order.
fn pair_blocks(olds: &[String], news: &[String]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let bag = |normal: &String| text::WordBag::of_normal(normal);
    let (old_bags, new_bags): (Vec<_>, Vec<_>) =
        (olds.iter().map(bag).collect(), news.iter().map(bag).collect());
    let (old_phones, new_phones): (Vec<_>, Vec<_>) = (
        olds.iter().map(|t| without_phones(t)).collect(),
        news.iter().map(|t| without_phones(t)).collect(),
    );
    for (i, a) in old_bags.iter().enumerate() {
        for (j, b) in new_bags.iter().enumerate() {
            if i.abs_diff(j) > 40 {
                continue;
            }
            let mut s = a.similarity(b);
            // (a contact line whose number is only written another way, `0755-28283350` →
            // `+86 755 2828 3350`, is the same line)
            if s < 0.5
                && let (Some((rest_a, pa)), Some((rest_b, pb))) = (&old_phones[i], &new_phones[j])
                && rest_a == rest_b
                && pa.len() == pb.len()
                && pa.iter().zip(pb).all(|(x, y)| crate::lint::same_phone(x, y))
            {
                s = 1.0;
            }
            if s >= 0.5 {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (_, i, j) in candidates {
        let consistent = pairs
            .iter()
            .all(|&(pi, pj)| (pi < i && pj < j) || (pi > i && pj > j));
        if consistent {
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs.into_iter().chain(std::iter::once((olds.len(), news.len()))) {
        out.extend((i..pi).map(|k| (Some(k), None)));
        out.extend((j..pj).map(|k| (None, Some(k))));
        if pi < olds.len() && pj < news.len() {
            out.push((Some(pi), Some(pj)));
        }
        i = pi + 1;
        j = pj + 1;
    }
    out
}

/// A block's normal form without its telephone numbers, and the numbers' digits; `None` for a
/// block that writes none.
fn without_phones(normal: &str) -> Option<(String, Vec<String>)> {
    if normal.bytes().filter(u8::is_ascii_digit).count() < 7 {
        return None;
    }
    let phones = crate::lint::find_phones(normal);
    if phones.is_empty() {
        return None;
    }
    let mut rest = normal.to_string();
    for p in &phones {
        rest = rest.replacen(p.as_str(), " ", 1);
    }
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = phones
        .iter()
        .map(|p| p.chars().filter(char::is_ascii_digit).collect())
        .collect();
    Some((rest, digits))
}

/// Turns a removed block and an added block with the same normal form into one move.
fn detect_moves(changes: &mut Vec<Change>) {
    let mut added: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        if c.kind == Kind::Added
            && !c.whole_section
            && let Some(t) = &c.new
        {
            let key = normal_form(t);
            if key.split(' ').count() >= 4 || key.chars().count() >= 12 {
                added.entry(key).or_default().push(i);
            }
        }
    }
    let mut remove = Vec::new();
    for i in 0..changes.len() {
        let c = &changes[i];
        if c.kind != Kind::Removed || c.whole_section {
            continue;
        }
        let Some(t) = &c.old else { continue };
        if let Some(list) = added.get_mut(&normal_form(t))
            && let Some(j) = list.pop()
        {
            let from = c.heading.clone();
            let old_text = c.old.clone();
            let target = &mut changes[j];
            target.kind = Kind::Moved;
            target.editorial_form =
                old_text.as_deref().map(normal_form) == target.new.as_deref().map(normal_form);
            target.old = old_text;
            target.moved_from = Some(from);
            remove.push(i);
        }
    }
    let remove: std::collections::HashSet<usize> = remove.into_iter().collect();
    let mut index = 0;
    changes.retain(|_| {
        let keep = !remove.contains(&index);
        index += 1;
        keep
    });
}

/// The sentences of a text, each with its normal form.
pub fn sentences(text: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let ends = match c {
                '。' | '！' | '？' | '；' => true,
                '.' | '!' | '?' | ';' => {
                    let next = chars.peek().map(|&(_, n)| n);
                    // a full stop glued to the next sentence (`data.You`) ends a sentence too
                    next.is_none_or(char::is_whitespace)
                        || (c == '.'
                            && next.is_some_and(char::is_uppercase)
                            && line[..i].chars().next_back().is_some_and(char::is_lowercase))
                }
                _ => false,
            };
            if ends {
                let end = i + c.len_utf8();
                out.push(&line[start..end]);
                start = end;
            }
        }
        out.push(&line[start..]);
    }
    out.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| (s, normal_form(s)))
        .filter(|(_, n)| !n.is_empty())
        .collect()
}

/// Neighbouring changes of one section that say the same words in the same order on both sides,
/// only split or joined differently (a paragraph with typed bullets becomes a heading and a list,
/// a list becomes one paragraph, a run-in title becomes a heading): the text is laid out anew and
/// says nothing new, so all of them are editorial in form. Words compare as [`normal_form`] has
/// them (a bullet glyph or a list's dash is no word); any other word added, dropped or moved keeps
/// the changes as they are.
fn mark_regrouped(changes: &mut [Change]) {
    let prose = |c: &Change| c.fact.is_none() && c.kind != Kind::Moved && !c.editorial_form;
    if changes.iter().filter(|c| prose(c)).count() < 2 {
        return;
    }
    // each prose change's two sides as normal-form words without list markers (`(a)` became a
    // bullet), once
    let normal = |t: &Option<String>| {
        t.as_deref()
            .map(|t| normal_form(&normal::without_list_markers(t)))
            .unwrap_or_default()
    };
    let forms: Vec<(String, String)> = changes
        .iter()
        .map(|c| {
            if prose(c) {
                (normal(&c.old), normal(&c.new))
            } else {
                Default::default()
            }
        })
        .collect();
    // (words compare without the spaces between them: Chinese has none, and a run of ideographs
    // split at a marker is the same run)
    let words: Vec<(Vec<u8>, Vec<u8>)> = forms
        .iter()
        .map(|(o, n)| {
            (
                o.bytes().filter(|b| *b != b' ').collect(),
                n.bytes().filter(|b| *b != b' ').collect(),
            )
        })
        .collect();
    let mut i = 0;
    while i < changes.len() {
        let (mut old, mut new): (Vec<u8>, Vec<u8>) = (Vec::new(), Vec::new());
        let mut end = None;
        let mut j = i;
        // while one side's words begin the other's, the group may still close
        // (a layout regroups a few blocks: a long run of additions is no regrouping to walk)
        while j < changes.len()
            && j - i < 40
            && prose(&changes[j])
            && changes[j].section == changes[i].section
        {
            old.extend_from_slice(&words[j].0);
            new.extend_from_slice(&words[j].1);
            let n = old.len().min(new.len());
            if old[..n] != new[..n] {
                break;
            }
            j += 1;
            if j - i >= 2 && !old.is_empty() && old == new {
                end = Some(j);
            }
        }
        match end {
            Some(end) => {
                for c in &mut changes[i..end] {
                    c.editorial_form = true;
                }
                i = end;
            }
            None => i += 1,
        }
    }
}

/// A sentence too short to carry meaning on its own (`Yes.`, a bare heading word).
fn trivial(normal: &str) -> bool {
    normal.chars().filter(|c| !c.is_whitespace()).count() < 4 && !normal.chars().any(|c| c.is_ascii_digit())
}

/// Passages added or removed whose sentences all stand in text the other side changed (a
/// restructured page, a reflowed list, a section split in two: what one place lost, another
/// gained) are restatements: an addition becomes a move from where the sentences stood, a removal
/// is dropped (its sentences are still in the policy). A passage with some new sentences keeps only
/// those as its [`Change::novel`] text. Only changed text is looked at: unchanged passages cannot
/// have received or given up a sentence.
fn mark_restated(changes: &mut Vec<Change>) {
    let candidates = changes
        .iter()
        .any(|c| c.fact.is_none() && matches!(c.kind, Kind::Added | Kind::Removed));
    if !candidates {
        return;
    }
    // each change's sentences, on each side, split and normalised once
    // (and without a run-in label: a heading that became `Contacting us: We are here …`, or the
    // reverse, moved no statement)
    let split = |text: &Option<String>, fact: bool| -> Vec<Sentence> {
        match text {
            Some(t) if !fact => sentences(t)
                .into_iter()
                .map(|(s, n)| (s.to_string(), n, unlabelled(s).map(normal_form)))
                .collect(),
            _ => vec![],
        }
    };
    let olds: Vec<Vec<Sentence>> = changes.iter().map(|c| split(&c.old, c.fact.is_some())).collect();
    let news: Vec<Vec<Sentence>> = changes.iter().map(|c| split(&c.new, c.fact.is_some())).collect();
    let headings: Vec<String> = changes.iter().map(|c| c.heading.clone()).collect();
    // what the changes took out and what they put in: sentence -> the section it stood in
    fn index(side: &[Vec<Sentence>]) -> HashMap<&str, usize> {
        let mut out = HashMap::new();
        for (i, sents) in side.iter().enumerate() {
            for (_, n, bare) in sents {
                out.entry(n.as_str()).or_insert(i);
                if let Some(bare) = bare {
                    out.entry(bare.as_str()).or_insert(i);
                }
            }
        }
        out
    }
    let known = |other: &HashMap<&str, usize>, n: &str, bare: &Option<String>| -> Option<usize> {
        other
            .get(n)
            .or_else(|| bare.as_deref().and_then(|b| other.get(b)))
            .copied()
    };
    let (old_index, new_index) = (index(&olds), index(&news));
    // every sentence the changes took out and put in, for the statements said with a filler
    // word more or less
    // every sentence the changes took out and put in, by a hash of its words without fillers,
    // for the statements said with a filler word more or less: made when first needed, one
    // look-up each
    let keys = ahash::RandomState::new();
    let by_skeleton = |side: &[Vec<Sentence>]| -> HashMap<u64, Vec<(usize, usize)>> {
        let mut out: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
        for (i, sents) in side.iter().enumerate() {
            for (j, (_, n, _)) in sents.iter().enumerate() {
                out.entry(skeleton(n, &keys)).or_default().push((i, j));
            }
        }
        out
    };
    let (old_skeletons, new_skeletons) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
    let reworded = |index: &HashMap<u64, Vec<(usize, usize)>>, side: &[Vec<Sentence>], n: &str| {
        index
            .get(&skeleton(n, &keys))?
            .iter()
            .find(|&&(i, j)| same_statement(&side[i][j].1, n))
            .map(|&(i, _)| i)
    };
    // each added or removed passage's body (a whole section's heading is its label, not a
    // statement: its body decides) and the sentences of it the other side does not hold
    let mut bodies: Vec<&[Sentence]> = vec![&[]; changes.len()];
    let mut novel: Vec<Vec<usize>> = vec![vec![]; changes.len()];
    // for an addition: the section that held the first of its sentences found elsewhere
    let mut found_in: Vec<Option<String>> = vec![None; changes.len()];
    for (i, c) in changes.iter().enumerate() {
        if c.fact.is_some() || !matches!(c.kind, Kind::Added | Kind::Removed) {
            continue;
        }
        let (all, other, other_side, skeletons) = match c.kind {
            Kind::Added => (&news[i], &old_index, &olds, &old_skeletons),
            _ => (&olds[i], &new_index, &news, &new_skeletons),
        };
        let known = |n: &str, bare: &Option<String>| {
            known(other, n, bare)
                .or_else(|| reworded(skeletons.get_or_init(|| by_skeleton(other_side)), other_side, n))
        };
        bodies[i] = if c.whole_section && all.len() > 1 {
            &all[1..]
        } else {
            &all[..]
        };
        novel[i] = (0..bodies[i].len())
            .filter(|&k| {
                let (_, n, bare) = &bodies[i][k];
                known(n, bare).is_none()
            })
            .collect();
        if c.kind == Kind::Added {
            found_in[i] = bodies[i]
                .iter()
                .find_map(|(_, n, bare)| known(n, bare))
                .map(|j| headings[j].clone());
        }
    }
    // a sentence taken out in one place and put back, edited, in another (a list renumbered and
    // moved, a paragraph merged under a new heading): the edit is what changed
    let reworded_pairs = pair_reworded(changes, &bodies, &novel);
    let mut edits: Vec<Vec<Change>> = vec![vec![]; changes.len()];
    let mut paired_from: Vec<Option<String>> = vec![None; changes.len()];
    for &((ai, ak), (ri, rk)) in &reworded_pairs {
        novel[ai].retain(|&k| k != ak);
        novel[ri].retain(|&k| k != rk);
        let (added, removed) = (&changes[ai], &changes[ri]);
        let (old, new) = (bodies[ri][rk].0.clone(), bodies[ai][ak].0.clone());
        let (redline, _) = redline(&old, &new);
        paired_from[ai].get_or_insert_with(|| removed.heading.clone());
        edits[ai].push(Change {
            path: added.path.clone(),
            redline,
            moved_from: Some(removed.heading.clone()),
            block_kind: Some(doc::BlockKind::Paragraph),
            locale: added.locale.clone(),
            ..Change {
                section: added.section.clone(),
                heading: added.heading.clone(),
                ..Change::blank(Kind::Modified, Some(old), Some(new))
            }
        });
    }
    let mut drop = vec![false; changes.len()];
    for (i, c) in changes.iter_mut().enumerate() {
        if c.fact.is_some() || !matches!(c.kind, Kind::Added | Kind::Removed) {
            continue;
        }
        let body = bodies[i];
        let kept: Vec<&str> = novel[i].iter().map(|&k| body[k].0.as_str()).collect();
        if kept.iter().all(|s| trivial(&normal_form(s))) {
            if c.kind == Kind::Removed {
                drop[i] = true;
            } else {
                let from = found_in[i].take().or_else(|| paired_from[i].take());
                c.kind = Kind::Moved;
                c.old = c.new.clone();
                c.editorial_form = true;
                c.moved_from = from;
            }
        } else if kept.len() < body.len() {
            // (a sentence with no closing mark was a line of its own, a title: it stays one, so
            // that no name runs from it into the next sentence: `Declared Purposes` / `Infolinks
            // Media, LLC is …`)
            let mut text = String::new();
            for s in &kept {
                if !text.is_empty() {
                    let closed = text.ends_with(['.', '!', '?', ';', '。', '！', '？', '；', ':', '：']);
                    text.push(if closed { ' ' } else { '\n' });
                }
                text.push_str(s);
            }
            c.novel = Some(text);
        }
    }
    let mut out = Vec::with_capacity(changes.len() + reworded_pairs.len());
    for ((c, dropped), edits) in std::mem::take(changes).into_iter().zip(drop).zip(edits) {
        if !dropped {
            out.push(c);
        }
        out.extend(edits);
    }
    *changes = out;
}

/// Sentences added in one passage and removed from another that say nearly the same (Dice
/// similarity of their words at least [`REWORDED`], eight words or more each): each added sentence
/// with the removed one most like it, the most alike first, each sentence in one pair at most. The
/// pairs are `((added change, sentence), (removed change, sentence))`, in added-sentence order.
/// Past [`PAIRING_LIMIT`] comparisons (a rewrite of the whole document) none is paired.
fn pair_reworded(
    changes: &[Change],
    bodies: &[&[Sentence]],
    novel: &[Vec<usize>],
) -> Vec<((usize, usize), (usize, usize))> {
    // the sentences of each side, counted before any is split into words
    let side = |kind: Kind| -> Vec<(usize, usize)> {
        changes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == kind && c.fact.is_none())
            .flat_map(|(i, _)| novel[i].iter().map(move |&k| (i, k)))
            .collect()
    };
    let (added, removed) = (side(Kind::Added), side(Kind::Removed));
    if added.is_empty() || removed.is_empty() {
        return vec![];
    }
    let bags = |at: Vec<(usize, usize)>| -> Vec<((usize, usize), text::WordBag)> {
        at.into_iter()
            .map(|(i, k)| ((i, k), text::WordBag::of_normal(&bodies[i][k].1)))
            .filter(|(_, bag)| bag.len() >= 8)
            .collect()
    };
    let (added, removed) = (bags(added), bags(removed));
    // Prefix filtering (the AllPairs join): with every sentence's words ordered rarest first, two
    // sentences alike enough share one of the first words of each, so only sentences that share
    // one of those are compared. Dice >= t needs, of a sentence of n words, t / (2 - t) * n words
    // in common, so its first n - that + 1 words must meet the other's.
    let tokens = |side: &[((usize, usize), text::WordBag)]| -> Vec<Vec<u64>> {
        side.iter().map(|(_, bag)| bag.tokens()).collect()
    };
    let (mut tok_a, mut tok_r) = (tokens(&added), tokens(&removed));
    let mut frequency: HashMap<u64, u32> = HashMap::new();
    for t in tok_a.iter().chain(&tok_r).flatten() {
        *frequency.entry(*t).or_default() += 1;
    }
    for t in tok_a.iter_mut().chain(tok_r.iter_mut()) {
        t.sort_unstable_by_key(|x| (frequency[x], *x));
    }
    let share = REWORDED / (2.0 - REWORDED);
    let prefix = |n: usize| (n - (share * n as f64).floor() as usize + 1).min(n);
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (r, t) in tok_r.iter().enumerate() {
        for x in &t[..prefix(t.len())] {
            index.entry(*x).or_default().push(r);
        }
    }
    let mut candidates: Vec<(f64, usize, usize)> = vec![];
    let mut compared = 0usize;
    let mut seen = vec![usize::MAX; removed.len()];
    for (a, t) in tok_a.iter().enumerate() {
        let bag_a = &added[a].1;
        for x in &t[..prefix(t.len())] {
            for &r in index.get(x).map_or(&[][..], Vec::as_slice) {
                if seen[r] == a {
                    continue;
                }
                seen[r] = a;
                let bag_r = &removed[r].1;
                // Dice cannot reach the bar when one bag is much the larger
                let (x, y) = (bag_a.len().min(bag_r.len()), bag_a.len().max(bag_r.len()));
                if (2 * x) as f64 / ((x + y) as f64) < REWORDED {
                    continue;
                }
                compared += 1;
                if compared > PAIRING_LIMIT {
                    return vec![];
                }
                let sim = bag_a.similarity(bag_r);
                if sim >= REWORDED {
                    candidates.push((sim, a, r));
                }
            }
        }
    }
    // the most alike first; ties in document order, so the result never depends on sorting
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_a, mut used_r) = (vec![false; added.len()], vec![false; removed.len()]);
    let mut pairs = vec![];
    for (_, a, r) in candidates {
        if !used_a[a] && !used_r[r] {
            used_a[a] = true;
            used_r[r] = true;
            pairs.push((added[a].0, removed[r].0));
        }
    }
    pairs.sort();
    pairs
}

/// How alike two sentences' words must be for one to be the other reworded.
const REWORDED: f64 = 0.75;

/// The most sentence comparisons [`pair_reworded`] makes after its prefix filter (the real pairs
/// of the corpus need a few hundred at most; text made of a few words repeated may need them all).
const PAIRING_LIMIT: usize = 50_000;

/// Do two normalised sentences make the same statement, one with a few filler words more or
/// less (`any questions, concerns, complaints` / `any questions, concerns, or complaints`)? No
/// word that can change what is said (a negation, a modal, a quantity, a name) is a filler.
fn same_statement(a: &str, b: &str) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 24 {
        return a == b;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if wa.len().min(wb.len()) < 6 {
        return false;
    }
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for w in &wa {
        *counts.entry(w).or_default() += 1;
    }
    for w in &wb {
        *counts.entry(w).or_default() -= 1;
    }
    let differing: Vec<(&str, i32)> = counts.into_iter().filter(|(_, c)| *c != 0).collect();
    let extra: i32 = differing.iter().map(|(_, c)| c.abs()).sum();
    extra <= 3 && differing.iter().all(|(w, _)| FILLERS.contains(w))
}

/// Words that join or introduce, but never change what a sentence says.
const FILLERS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "as", "also", "such",
    "this", "that", "these", "those", "please", "的", "和", "及", "或", "与",
];

/// A hash of a normalised sentence's words without [`FILLERS`], randomly keyed (no text can be
/// made to collide on purpose): two sentences that make the [`same_statement`] have the same
/// skeleton.
fn skeleton(n: &str, keys: &ahash::RandomState) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = keys.build_hasher();
    for w in n.split(' ').filter(|w| !FILLERS.contains(w)) {
        h.write(w.as_bytes());
        h.write_u8(0xff);
    }
    h.finish()
}

/// A sentence as written, its normal form, and the normal form without its run-in label.
type Sentence = (String, String, Option<String>);

/// A sentence without its run-in label (`Contacting us: We are here …` -> `We are here …`): a
/// label of five words at most before a colon, with a statement of three words or more after it.
fn unlabelled(s: &str) -> Option<&str> {
    let (label, rest) = s.split_once([':', '：'])?;
    let rest = rest.trim_start();
    let label = label.trim();
    (!label.is_empty() && label.split_whitespace().count() <= 5 && rest.split_whitespace().count() >= 3)
        .then_some(rest)
}

enum SectionPair {
    Both(usize, usize),
    Old(usize),
    New(usize),
}

/// Heading text without its numbering, lowercased: `III. How we share` -> `how we share`.
fn heading_key(h: &str) -> String {
    let n = normal_form(h);
    let words: Vec<&str> = n.split(' ').collect();
    let numbering = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (!w.is_empty() && w.chars().all(|c| "ivxlc".contains(c)) && w.len() <= 4)
            || (w.len() == 1 && w.chars().all(|c| c.is_ascii_lowercase()))
            || w.chars().all(|c| "一二三四五六七八九十".contains(c))
            || matches!(w, "section" | "article" | "part" | "chapter")
    };
    let skip = words.iter().take_while(|w| numbering(w)).count();
    let rest = words[skip..].join(" ");
    if rest.is_empty() { n } else { rest }
}

fn align_sections(old: &Doc, new: &Doc) -> Vec<SectionPair> {
    let mut old_used = vec![false; old.sections.len()];
    let mut new_match: Vec<Option<usize>> = vec![None; new.sections.len()];
    // 1. same id, 2. same heading text without numbering
    let old_keys: Vec<String> = old.sections.iter().map(|s| heading_key(&s.heading)).collect();
    for (n, ns) in new.sections.iter().enumerate() {
        let new_key = heading_key(&ns.heading);
        let found = old
            .sections
            .iter()
            .enumerate()
            .find(|(o, os)| !old_used[*o] && os.id == ns.id)
            .or_else(|| {
                old.sections
                    .iter()
                    .enumerate()
                    .find(|(o, _)| !old_used[*o] && !ns.heading.is_empty() && old_keys[*o] == new_key)
            })
            .map(|(o, _)| o);
        if let Some(o) = found {
            old_used[o] = true;
            new_match[n] = Some(o);
        }
    }
    // 3. content similarity for the rest (a retitled section)
    let body = |s: &DocSection| {
        s.blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (n, ns) in new.sections.iter().enumerate() {
        if new_match[n].is_some() {
            continue;
        }
        let nb = body(ns);
        let best = old
            .sections
            .iter()
            .enumerate()
            .filter(|(o, _)| !old_used[*o])
            .map(|(o, os)| (o, similarity(&body(os), &nb)))
            .filter(|(_, s)| *s >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((o, _)) = best {
            old_used[o] = true;
            new_match[n] = Some(o);
        }
    }
    let mut out = Vec::new();
    let mut emitted_old = vec![false; old.sections.len()];
    for (n, m) in new_match.iter().enumerate() {
        match m {
            Some(o) => {
                // removed old sections that came before this one
                for (k, used) in old_used.iter().enumerate().take(*o) {
                    if !used && !emitted_old[k] {
                        emitted_old[k] = true;
                        out.push(SectionPair::Old(k));
                    }
                }
                out.push(SectionPair::Both(*o, n));
            }
            None => out.push(SectionPair::New(n)),
        }
    }
    for (k, used) in old_used.iter().enumerate() {
        if !used && !emitted_old[k] {
            out.push(SectionPair::Old(k));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_statement_with_a_filler_word_more_is_the_same_one_a_negation_is_not() {
        let n = normal_form;
        let a = n("If you have any questions,concerns, complaints about our Privacy Policy, contact us.");
        let b = n("If you have any questions, concerns, or complaints about our Privacy Policy, contact us.");
        assert!(same_statement(&a, &b));
        let c = n("We do not sell your personal information to data brokers or advertisers.");
        let d = n("We do sell your personal information to data brokers or advertisers.");
        assert!(!same_statement(&c, &d));
        let e = n("We may share your personal information with our advertising partners.");
        let f = n("We will share your personal information with our advertising partners.");
        assert!(!same_statement(&e, &f));
        assert!(!same_statement(
            &n("Share it with us."),
            &n("Share it with us and.")
        ));
    }

    #[test]
    fn a_run_in_label_is_taken_off_a_statement_only() {
        assert_eq!(
            unlabelled("Contacting us: We are here to help."),
            Some("We are here to help.")
        );
        assert_eq!(unlabelled("Email: a@b.c"), None);
        assert_eq!(
            unlabelled("We collect the following data from you and others: names."),
            None
        );
    }

    use super::*;

    fn input(md: &str) -> DiffInput {
        DiffInput {
            label: "x".into(),
            version: None,
            locale: "en".into(),
            doc: doc::from_markdown(md),
            facts: None,
            fact_sections: BTreeMap::new(),
        }
    }

    const A: &str = "# P\n\n## Data we collect\n\nWe collect your name and email.\n\nWe keep logs.\n\n## Sharing\n\nWe share data with partners.\n\nWe never sell your data to anyone at all.\n";

    fn with_facts(md: &str, facts: serde_json::Value) -> DiffInput {
        DiffInput {
            facts: Some(std::sync::Arc::new(facts)),
            ..input(md)
        }
    }

    #[test]
    fn a_fact_reference_is_compared_on_the_value_it_shows() {
        let facts = serde_json::json!({"requests": {"response_days": 30}});
        let old = with_facts(
            "# Requests\n\nWe reply within {{ requests.response_days }} days.\n",
            facts.clone(),
        );
        // the reference written out as the value it showed: no change of meaning
        let same = with_facts("# Requests\n\nWe reply within 30 days.\n", facts.clone());
        let d = diff(&old, &same, &["en".to_string()]);
        assert_eq!(d.changes.len(), 1);
        assert!(d.changes[0].editorial_form, "{:?}", d.changes[0]);
        assert_eq!(d.changes[0].old.as_deref(), Some("We reply within 30 days."));
        // written out as another value: the classifier sees both values
        let longer = with_facts("# Requests\n\nWe reply within 45 days.\n", facts);
        let d = diff(&old, &longer, &["en".to_string()]);
        assert!(!d.changes[0].editorial_form);
        assert_eq!(d.changes[0].old.as_deref(), Some("We reply within 30 days."));
        assert!(d.old_text.contains("within 30 days") && d.old_text.contains("\n30\n"));
    }

    #[test]
    fn a_removed_section_is_read_without_the_menu_it_carried() {
        let menu = "[Terms](https://x.com/terms)\n\n[EULA](https://x.com/eula)\n\n\
                    [Limited Warranty](https://x.com/warranty)\n\n";
        let old = input(&format!(
            "# A\n\nText a.\n\n# Legal\n\n{menu}We changed this policy on 1 May.\n\n# B\n\nText b.\n\n# C\n\nText c.\n"
        ));
        let new = input("# A\n\nText a.\n\n# B\n\nText b.\n\n# C\n\nText c.\n");
        let d = diff(&old, &new, &["en".to_string()]);
        let removed = d
            .changes
            .iter()
            .find(|c| c.kind == Kind::Removed)
            .expect("a removed section");
        let text = removed.old.as_deref().unwrap_or("");
        assert!(
            text.contains("We changed this policy") && !text.contains("Warranty"),
            "{text}"
        );
        assert!(!removed.chrome);
    }

    #[test]
    fn identical_inputs_have_no_changes() {
        let d = diff(&input(A), &input(A), &["en".into()]);
        assert!(d.changes.is_empty());
    }

    #[test]
    fn reflow_and_formatting_are_editorial() {
        let b = A.replace(
            "We collect your name and email.",
            "We **collect** your\nname and email",
        );
        let d = diff(&input(A), &input(&b), &["en".into()]);
        assert_eq!(d.changes.len(), 1);
        assert!(d.changes[0].editorial_form);
    }

    #[test]
    fn modified_added_and_moved() {
        let b = "# P\n\n## 1. Data we collect\n\nWe collect your name, email and location.\n\nWe keep logs.\n\nWe never sell your data to anyone at all.\n\n## 2. Sharing\n\nWe share data with partners.\n\nWe use processors.\n";
        let d = diff(&input(A), &input(b), &["en".into()]);
        let kinds: Vec<_> = d.changes.iter().map(|c| (c.section.as_str(), c.kind)).collect();
        assert!(
            kinds.contains(&("1-data-we-collect", Kind::Modified)),
            "{kinds:?}"
        );
        assert!(kinds.contains(&("1-data-we-collect", Kind::Moved)), "{kinds:?}");
        assert!(kinds.contains(&("2-sharing", Kind::Added)), "{kinds:?}");
        assert!(!kinds.iter().any(|(_, k)| *k == Kind::Removed), "{kinds:?}");
    }

    /// A page restructured (headings demoted, paragraphs joined) restates its sentences: no
    /// passage is added or removed, and a really new sentence is kept apart as the novel text.
    #[test]
    fn a_title_kept_among_new_sentences_stays_a_line_of_its_own() {
        let old = input(
            "# Policy\n\n## Data\n\nWe collect your name.\n\n## Vendors\n\nWe keep it safe. We check it often.\n\n## Contact\n\nWrite to us.\n",
        );
        let new = input(
            "# Policy\n\n## Data\n\nWe collect your name.\n\n## Contact\n\nWrite to us.\n\n## Vendors and purposes\n\n**Declared Purposes**\n\nWe keep it safe. Acme Media, LLC is a registered vendor.\n",
        );
        let d = diff(&old, &new, &[]);
        let novel: Vec<&str> = d.changes.iter().filter_map(|c| c.novel.as_deref()).collect();
        assert!(
            novel.iter().any(|n| n.contains("Declared Purposes\nAcme Media")),
            "{:#?}",
            d.changes
        );
    }

    #[test]
    fn restructured_text_is_restated_and_new_sentences_stay_new() {
        let old = input(
            "# Policy\n\n## Data\n\nWe collect your name. We keep it safe.\n\n## Contact\n\nWrite to us at the office.\n",
        );
        let new = input(
            "# Policy\n\n### Data and contact\n\nWe collect your name.We keep it safe.\n\nWrite to us at the office. We also collect your face.\n",
        );
        let d = diff(&old, &new, &[]);
        assert!(
            !d.changes.iter().any(|c| c.kind == Kind::Removed),
            "{:#?}",
            d.changes
        );
        let added: Vec<&Change> = d
            .changes
            .iter()
            .filter(|c| c.kind == Kind::Added && c.block_kind != Some(doc::BlockKind::Heading))
            .collect();
        assert_eq!(added.len(), 1, "{:#?}", d.changes);
        assert_eq!(added[0].novel.as_deref(), Some("We also collect your face."));
        assert_eq!(
            sentences("One. Two!Three. data.You")
                .iter()
                .map(|(s, _)| *s)
                .collect::<Vec<_>>(),
            ["One.", "Two!Three.", "data.", "You"]
        );
    }

    #[test]
    fn a_sentence_moved_and_edited_is_a_modification_where_it_went() {
        let old = input(
            "# Policy\n\n## Notices\n\nWe tell you of every change to this policy by email.\n\nThe state law permits users who are residents to request from us, once a year and free of charge, a list of the third parties we shared personal information with. If you are a resident and want such a list, write to old@example.com.\n\n## Data\n\nWe collect your name.\n",
        );
        let new = input(
            "# Policy\n\n## Notices\n\nWe tell you of every change to this policy by email.\n\n## Data\n\nWe collect your name.\n\n## Residents\n\nThe state law permits our users who are residents to request from us, once a year and free of charge, a list of the third parties we shared personal information with. If you are a resident and want such a list, write to new@example.com.\n",
        );
        let d = diff(&old, &new, &[]);
        // nothing is said to be taken out; the text that went is where it went, edited
        assert!(
            !d.changes.iter().any(|c| c.kind == Kind::Removed),
            "{:#?}",
            d.changes
        );
        let edits: Vec<&Change> = d
            .changes
            .iter()
            .filter(|c| c.kind == Kind::Modified && c.moved_from.is_some())
            .collect();
        assert_eq!(edits.len(), 2, "{:#?}", d.changes);
        assert!(
            edits
                .iter()
                .all(|c| c.section == "residents" && c.moved_from.as_deref() == Some("Notices"))
        );
        assert_eq!(
            edits[1].old.as_deref(),
            Some("If you are a resident and want such a list, write to old@example.com.")
        );
        assert_eq!(
            edits[1].new.as_deref(),
            Some("If you are a resident and want such a list, write to new@example.com.")
        );
        assert!(
            d.changes
                .iter()
                .any(|c| c.kind == Kind::Moved && c.section == "residents"),
            "{:#?}",
            d.changes
        );
        // a sentence that says something else is no edit of one taken out
        let unlike = input(
            "# Policy\n\n## Notices\n\nWe tell you of every change to this policy by email.\n\n## Data\n\nWe collect your name.\n\n## Residents\n\nWe sell the browsing history of every visitor to data brokers in several countries around the world.\n",
        );
        let d = diff(&old, &unlike, &[]);
        assert!(
            !d.changes
                .iter()
                .any(|c| c.moved_from.is_some() && c.kind == Kind::Modified)
        );
        assert!(d.changes.iter().any(|c| c.kind == Kind::Added));
    }
}
