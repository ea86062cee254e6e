//! Where the terms of a typed lexicon occur in a sentence, as byte spans of its lowercase text:
//! English terms as whole words (`*` at the end: any word ending), Chinese terms anywhere. When
//! terms overlap the longest wins, so `personalised advertising` is one purpose, not two, and
//! `拒绝或撤回授权` one right. Shared by the purpose, data-category and rights extractors.

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

/// Every term of `lexicon` found in `lower`, overlapping ones resolved longest first, in text order.
pub(super) fn spans<K: Copy>(lower: &str, lexicon: &[(K, &[&str])]) -> Vec<Span<K>> {
    let words = Words::of(lower);
    let all: Vec<Span<K>> = lexicon
        .iter()
        .flat_map(|(kind, terms)| {
            let words = &words;
            terms
                .iter()
                .filter(move |t| words.may_hold(t))
                .flat_map(move |t| {
                    occurrences(lower, t).into_iter().map(move |(start, end)| Span {
                        start,
                        end,
                        kind: *kind,
                    })
                })
        })
        .collect();
    longest_first(all)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`spans`] without the look at the text's words first: every term searched.
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
        /// Passing over the terms whose first word the text lacks finds what searching every term
        /// finds: prefixes, words joined by marks, Chinese terms, terms at the text's ends.
        #[test]
        fn the_word_look_up_loses_no_span(
            s in "(opt|out|opt-out|of|sale|delet|deletes|delete|e|mail|e-mail|my|your|data|删除|数据|撤回| |-|'|,|é|x){0,24}"
        ) {
            let lex: &[(u8, &[&str])] = &[
                (1, &["opt out", "opt-out", "opt out of sale"]),
                (2, &["delet*", "delete your data"]),
                (3, &["e-mail", "mail*", "your"]),
                (4, &["删除", "撤回"]),
                (5, &["*", "-"]),
            ];
            let low = lower(&s);
            proptest::prop_assert_eq!(spans(&low, lex), spans_reference(&low, lex));
        }
    }

    #[test]
    fn whole_words_prefixes_and_the_longest_term() {
        assert_eq!(occurrences("usage and use", "use"), [(10, 13)]);
        assert_eq!(occurrences("advertisers", "advertis*"), [(0, 11)]);
        assert_eq!(occurrences("广告投放", "广告"), [(0, 6)]);
        let lex: &[(u8, &[&str])] = &[(1, &["advertising"]), (2, &["personalised advertising"])];
        let found = spans("for personalised advertising", lex);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, 2);
        assert_eq!(lower("We’re  Here"), "we're here");
    }
}
