//! Where the terms of a typed lexicon occur in a sentence, as byte spans of its lowercase text:
//! English terms as whole words (`*` at the end: any word ending), Chinese terms anywhere. When
//! terms overlap the longest wins, so `personalised advertising` is one purpose, not two, and
//! `拒绝或撤回授权` one right. Shared by the purpose, data-category and rights extractors; the
//! place extractor reads a lexicon's raw [`Hit`]s under its own rule for word edges.

use std::sync::OnceLock;

/// One occurrence of a term of kind `K`: `[start, end)` in the lowercase text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span<K> {
    pub start: usize,
    pub end: usize,
    pub kind: K,
}

/// The lowercase form the lexicons are written in: curly apostrophes and dashes as ASCII, runs of
/// whitespace as one space.
pub(super) fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{2010}'..='\u{2013}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && space {
            continue;
        }
        space = c == ' ';
        out.push(c);
    }
    out
}

fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// The spans of every occurrence of `term` in `lower` (see the module doc for the forms).
pub(super) fn occurrences(lower: &str, term: &str) -> Vec<(usize, usize)> {
    let prefix = term.ends_with('*');
    let t = term.trim_end_matches('*');
    if t.is_empty() {
        return vec![];
    }
    let ascii = t.is_ascii();
    lower
        .match_indices(t)
        .filter_map(|(at, _)| {
            let mut end = at + t.len();
            if !ascii {
                return Some((at, end));
            }
            let before = lower[..at].chars().next_back().is_none_or(|c| !word_char(c));
            if !before {
                return None;
            }
            if prefix {
                end += lower[end..]
                    .find(|c: char| !word_char(c))
                    .unwrap_or(lower.len() - end);
            } else if lower[end..].chars().next().is_some_and(word_char) {
                return None;
            }
            Some((at, end))
        })
        .collect()
}

/// A typed lexicon, with its terms indexed on first use: the terms written in Latin letters by
/// their first word, to pass over those whose first word a text lacks, and the others (Chinese,
/// which may occur anywhere) by their first character, found in one pass over the text. A lexicon
/// has hundreds of terms, and searching a text for each in turn cost more than anything else the
/// classifier does.
pub(super) struct Lexicon<'a, K> {
    entries: &'a [(K, &'a [&'a str])],
    index: OnceLock<Index<'a>>,
}

/// A term of a [`Lexicon`]: its ordinal in the lexicon (which breaks ties as the lexicon's order),
/// its entry and its text as written.
#[derive(Clone, Copy)]
struct Term<'a> {
    ordinal: usize,
    entry: usize,
    text: &'a str,
}

/// The terms of a [`Lexicon`], indexed.
struct Index<'a> {
    /// The ASCII terms, in the lexicon's order.
    ascii: Vec<Term<'a>>,
    /// The other terms by their first character, sorted by it (and then by ordinal).
    by_first: Vec<(char, Term<'a>)>,
    /// Does one of them begin with an ASCII character (`app内`)?
    ascii_first: bool,
}

impl<'a, K: Copy> Lexicon<'a, K> {
    /// A lexicon of `entries`; they are indexed when it is first searched.
    pub const fn new(entries: &'a [(K, &'a [&'a str])]) -> Self {
        Lexicon {
            entries,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index<'a> {
        self.index.get_or_init(|| {
            let mut ascii = Vec::new();
            let mut by_first = Vec::new();
            let mut ordinal = 0;
            for (entry, (_, written)) in self.entries.iter().enumerate() {
                for text in written.iter() {
                    let term = Term { ordinal, entry, text };
                    ordinal += 1;
                    let bare = text.trim_end_matches('*');
                    match bare.chars().next() {
                        None => {}
                        Some(_) if bare.is_ascii() => ascii.push(term),
                        Some(first) => by_first.push((first, term)),
                    }
                }
            }
            by_first.sort_by_key(|(c, t)| (*c, t.ordinal));
            let ascii_first = by_first.iter().any(|(c, _)| c.is_ascii());
            Index {
                ascii,
                by_first,
                ascii_first,
            }
        })
    }
}

/// Where a term's letters occur in a text, before any look at what stands beside them: `[start,
/// end)` without the ending a `*` allows.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit<K> {
    pub kind: K,
    pub start: usize,
    pub end: usize,
    /// The term's ordinal in the lexicon.
    ordinal: usize,
    /// The term ends in `*`.
    prefix: bool,
    /// The term is ASCII (its occurrences are whole words).
    pub ascii: bool,
}

impl<K: Copy> Lexicon<'_, K> {
    /// Every occurrence of every term's letters in `lower`: of one term, left to right and without
    /// overlapping each other, as a string search takes them.
    pub fn hits(&self, lower: &str) -> Vec<Hit<K>> {
        let index = self.index();
        let words = Words::of(lower);
        let hit = |t: &Term, start: usize, end: usize, ascii: bool| Hit {
            kind: self.entries[t.entry].0,
            start,
            end,
            ordinal: t.ordinal,
            prefix: t.text.ends_with('*'),
            ascii,
        };
        let mut all: Vec<Hit<K>> = index
            .ascii
            .iter()
            .filter(|t| words.may_hold(t.text))
            .flat_map(|t| {
                let bare = t.text.trim_end_matches('*');
                lower
                    .match_indices(bare)
                    .map(move |(at, _)| hit(t, at, at + bare.len(), true))
            })
            .collect();
        if !lower.is_ascii() && !index.by_first.is_empty() {
            // where each term's last occurrence ended, by ordinal
            let mut ends: Vec<(usize, usize)> = Vec::new();
            for (at, c) in lower
                .char_indices()
                .filter(|(_, c)| index.ascii_first || !c.is_ascii())
            {
                let from = index.by_first.partition_point(|(f, _)| *f < c);
                for (_, t) in index.by_first[from..].iter().take_while(|(f, _)| *f == c) {
                    let bare = t.text.trim_end_matches('*');
                    if !lower[at..].starts_with(bare) {
                        continue;
                    }
                    let end = at + bare.len();
                    match ends.iter_mut().find(|(o, _)| *o == t.ordinal) {
                        Some((_, last)) if at < *last => continue,
                        Some((_, last)) => *last = end,
                        None => ends.push((t.ordinal, end)),
                    }
                    all.push(hit(t, at, end, false));
                }
            }
        }
        all
    }
}

/// Every term of `lexicon` found in `lower`, overlapping ones resolved longest first, in text order.
/// The same as searching for each term in turn with [`occurrences`] (a test holds them equal).
pub(super) fn spans<K: Copy>(lower: &str, lexicon: &Lexicon<K>) -> Vec<Span<K>> {
    let mut all: Vec<(usize, Span<K>)> = lexicon
        .hits(lower)
        .into_iter()
        .filter_map(|h| {
            let mut end = h.end;
            if h.ascii {
                // a whole word, or a word's beginning for a term with `*`
                if lower[..h.start].chars().next_back().is_some_and(word_char) {
                    return None;
                }
                if h.prefix {
                    end += lower[end..]
                        .find(|c: char| !word_char(c))
                        .unwrap_or(lower.len() - end);
                } else if lower[end..].chars().next().is_some_and(word_char) {
                    return None;
                }
            }
            Some((
                h.ordinal,
                Span {
                    start: h.start,
                    end,
                    kind: h.kind,
                },
            ))
        })
        .collect();
    // longest first; among equals the earlier, then the lexicon's order
    all.sort_by_key(|(ordinal, s)| (std::cmp::Reverse(s.end - s.start), s.start, *ordinal));
    // the spans kept, by start: they never overlap, so of those starting before a span ends only
    // the last can reach into it (a text made of one term repeated stays n log n)
    let mut kept: std::collections::BTreeMap<usize, Span<K>> = std::collections::BTreeMap::new();
    for (_, s) in all {
        if kept
            .range(..s.end)
            .next_back()
            .is_none_or(|(_, k)| k.end <= s.start)
        {
            kept.insert(s.start, s);
        }
    }
    kept.into_values().collect()
}

/// The words of a lowercase text, sorted, to pass over the terms it cannot hold before any is
/// looked for in it (a lexicon has hundreds of terms; a sentence holds a few).
struct Words<'a> {
    sorted: Vec<&'a str>,
    /// The text has a CJK character (every CJK character's UTF-8 begins with a byte of 0xe3 or
    /// more; the terms are ASCII or Chinese).
    cjk: bool,
}

impl<'a> Words<'a> {
    fn of(lower: &'a str) -> Self {
        let mut sorted: Vec<&str> = lower
            .split(|c: char| !word_char(c))
            .filter(|w| !w.is_empty())
            .collect();
        sorted.sort_unstable();
        sorted.dedup();
        Words {
            sorted,
            cjk: lower.bytes().any(|b| b >= 0xe3),
        }
    }

    /// Can `term` occur (see [`occurrences`]): an ASCII term's first word is one of the text's
    /// words (or begins one, for a one-word term with `*`); a Chinese term needs CJK text.
    fn may_hold(&self, term: &str) -> bool {
        if !term.is_ascii() {
            return self.cjk;
        }
        let t = term.trim_end_matches('*');
        let first = t.split(|c: char| !word_char(c)).next().unwrap_or("");
        if first.is_empty() {
            return true;
        }
        let prefix = first.len() == t.len() && term.ends_with('*');
        let at = self.sorted.partition_point(|w| *w < first);
        self.sorted
            .get(at)
            .is_some_and(|w| if prefix { w.starts_with(first) } else { *w == first })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Overlapping spans resolved, the longest first, in text order.
    fn longest_first<K: Copy>(mut all: Vec<Span<K>>) -> Vec<Span<K>> {
        // longest first; among equals the earlier, then the lexicon's order (a stable sort)
        all.sort_by_key(|s| (std::cmp::Reverse(s.end - s.start), s.start));
        let mut kept: Vec<Span<K>> = Vec::new();
        for s in all {
            if kept.iter().all(|k| s.end <= k.start || k.end <= s.start) {
                kept.push(s);
            }
        }
        kept.sort_by_key(|s| s.start);
        kept
    }

    /// [`spans`] without the automaton: every term searched for in turn.
    fn spans_reference<K: Copy>(lower: &str, lexicon: &[(K, &[&str])]) -> Vec<Span<K>> {
        longest_first(
            lexicon
                .iter()
                .flat_map(|(kind, terms)| {
                    terms.iter().flat_map(move |t| {
                        occurrences(lower, t).into_iter().map(move |(start, end)| Span {
                            start,
                            end,
                            kind: *kind,
                        })
                    })
                })
                .collect(),
        )
    }

    proptest::proptest! {
        /// The automaton finds what searching for every term in turn finds: prefixes, words joined
        /// by marks, Chinese terms, terms at the text's ends, a term that overlaps itself, the
        /// same term in two entries.
        #[test]
        fn the_automaton_finds_what_each_search_finds(
            s in "(opt|out|opt-out|of|sale|delet|deletes|delete|e|mail|e-mail|my|your|data|删除|数据|撤回| |-|'|,|é|x){0,24}"
        ) {
            let lex: &[(u8, &[&str])] = &[
                (1, &["opt out", "opt-out", "opt out of sale"]),
                (2, &["delet*", "delete your data"]),
                (3, &["e-mail", "mail*", "your"]),
                (4, &["删除", "撤回"]),
                (5, &["*", "-"]),
                (6, &["数据数", "据数据", "撤回删除", "x删除", "é"]),
                (7, &["your", "delete*", "data"]),
            ];
            let low = lower(&s);
            proptest::prop_assert_eq!(spans(&low, &Lexicon::new(lex)), spans_reference(&low, lex));
        }
    }

    #[test]
    fn whole_words_prefixes_and_the_longest_term() {
        assert_eq!(occurrences("usage and use", "use"), [(10, 13)]);
        assert_eq!(occurrences("advertisers", "advertis*"), [(0, 11)]);
        assert_eq!(occurrences("广告投放", "广告"), [(0, 6)]);
        let lex: &[(u8, &[&str])] = &[(1, &["advertising"]), (2, &["personalised advertising"])];
        let found = spans("for personalised advertising", &Lexicon::new(lex));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, 2);
        assert_eq!(lower("We’re  Here"), "we're here");
    }
}
