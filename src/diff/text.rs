//! Text comparison: the editorial normal form, similarity, and the word (or, for CJK, character)
//! diff inside a changed block, coalesced so a redline reads as words, not tokens.

use ahash::AHashMap as HashMap;

use similar::Algorithm;

/// One run of a redline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Unchanged text.
    Same(String),
    /// Removed text.
    Del(String),
    /// Added text.
    Ins(String),
}

/// Tokens above which a block is compared by sentences instead of words (bounds the work).
pub const WORD_DIFF_LIMIT: usize = 20_000;

pub use super::normal::{fold_width, is_cjk, normal_form};

/// U+2000..=U+206F: spaces, dashes, quotes, bullets; no letter among them.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206f}';

/// Chinese punctuation and full-width symbols (`，。、（）：`), frequent in Chinese text: none is a
/// letter, which this tells without the alphabet tables.
fn cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x303D..=0x303F | 0xFF00..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Share of CJK characters among the letters of `s`.
pub fn cjk_ratio(s: &str) -> f64 {
    let b = s.as_bytes();
    // every CJK character's UTF-8 begins with a byte of 0xe3 or more: most Latin texts have none,
    // which the largest byte tells (a vectorised pass) before anything is counted
    if b.iter().copied().max().unwrap_or(0) < 0xe3 {
        return 0.0;
    }
    // ASCII letters in one pass with no early exit (it compiles to vector code)
    let mut letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    let mut cjk = 0usize;
    let mut i = 0;
    while i < b.len() {
        // ASCII eight bytes at a time, then the other characters one by one
        if let Some(chunk) = b.get(i..i + 8)
            && u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) & 0x8080_8080_8080_8080 == 0
        {
            i += 8;
            continue;
        }
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        // a common ideograph (U+4E00..=U+9FFF), told by its first two bytes
        if (0xE5..=0xE9).contains(&b[i]) || (b[i] == 0xE4 && b.get(i + 1).is_some_and(|&c| c >= 0xB8)) {
            letters += 1;
            cjk += 1;
            i += 3;
            continue;
        }
        // `i` is at a character boundary: it only ever moves past whole characters
        let Some(c) = s[i..].chars().next() else { break };
        i += c.len_utf8();
        if is_cjk(c) {
            letters += 1;
            cjk += 1;
        } else if !GENERAL_PUNCTUATION.contains(&c) && !cjk_punctuation(c) && c.is_alphabetic() {
            // (curly quotes and dashes, frequent in Latin text, skip the alphabet tables)
            letters += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        cjk as f64 / letters as f64
    }
}

/// Words of a normal form (CJK characters count one each).
pub fn words(normal: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(normal.len() / 6 + 1);
    let b = normal.as_bytes();
    // words are short: a byte loop finds the spaces quicker than a searcher called per word
    let mut start = 0;
    for i in 0..=b.len() {
        if b.get(i).is_none_or(|&c| c == b' ') {
            if start < i {
                push_word(&normal[start..i], &mut out);
            }
            start = i + 1;
        }
    }
    out
}

/// Pushes `w`, or its CJK characters one by one with the runs of other characters between them.
fn push_word<'a>(w: &'a str, out: &mut Vec<&'a str>) {
    // every CJK character's UTF-8 begins with a byte of 0xe3 or more
    if !w.bytes().any(|c| c >= 0xe3) || !w.chars().any(is_cjk) {
        out.push(w);
        return;
    }
    let mut start = 0;
    for (i, c) in w.char_indices() {
        if is_cjk(c) {
            if start < i {
                out.push(&w[start..i]);
            }
            out.push(&w[i..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < w.len() {
        out.push(&w[start..]);
    }
}

/// Similarity of two texts in 0..=1: the Dice coefficient of their word multisets.
pub fn similarity(a: &str, b: &str) -> f64 {
    WordBag::new(a).similarity(&WordBag::new(b))
}

/// The words of a text's normal form, as sorted 64-bit hashes: made once per text, compared with
/// many others. (Sorting and merging numbers is several times quicker than comparing the words; two
/// different words share a hash with odds of about one in 2^64 per pair, and then only nudge a
/// similarity score.)
pub struct WordBag {
    hashes: Vec<u64>,
}

impl WordBag {
    /// The bag of `text`'s words.
    pub fn new(text: &str) -> Self {
        Self::of_normal(&normal_form(text))
    }

    /// The bag of the words of a normal form.
    pub fn of_normal(normal: &str) -> Self {
        let mut hashes: Vec<u64> = words(normal).into_iter().map(word_hash).collect();
        hashes.sort_unstable();
        WordBag { hashes }
    }

    /// How many words the bag holds.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Each word of the bag once, a word's second and later occurrences as other tokens: the
    /// common tokens of two bags are their common words, each occurrence once.
    pub fn tokens(&self) -> Vec<u64> {
        let mut out = Vec::with_capacity(self.hashes.len());
        let mut occurrence = 0u64;
        for (i, &h) in self.hashes.iter().enumerate() {
            occurrence = if i > 0 && self.hashes[i - 1] == h {
                occurrence + 1
            } else {
                0
            };
            out.push(h.wrapping_add(occurrence.wrapping_mul(0x9e37_79b9_7f4a_7c15)));
        }
        out
    }

    /// The bag holds no word.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The Dice coefficient of the two bags (1 for two empty ones).
    pub fn similarity(&self, other: &WordBag) -> f64 {
        let (a, b) = (&self.hashes, &other.hashes);
        let (n, m) = (a.len(), b.len());
        if n == 0 && m == 0 {
            return 1.0;
        }
        // both sorted: one merge walk counts the common words, each occurrence once
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < n && j < m {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * common as f64 / (n + m) as f64
    }
}

/// A fixed 64-bit hash of a word (FNV-1a, then a final mix so near words spread apart): the same
/// on every run and machine.
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in w.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The redline of `old` → `new`; the flag says the diff was bounded (compared by sentences).
pub fn redline(old: &str, new: &str) -> (Vec<Segment>, bool) {
    let cjk = cjk_ratio(old).max(cjk_ratio(new)) > 0.3;
    let tokens = old.len().max(new.len()) / if cjk { 3 } else { 5 };
    let bounded = tokens > WORD_DIFF_LIMIT;
    let split = if bounded {
        lines
    } else if cjk {
        chars
    } else {
        words_and_spaces
    };
    let segments = coalesce(raw_segments(old, new, split));
    let segments = if cjk { segments } else { widen_to_tokens(segments) };
    (segments, bounded)
}

/// The Myers diff of `old` and `new` cut into tokens by `split`, as runs of equal, removed and
/// added text (adjacent runs of one kind merged).
fn raw_segments(old: &str, new: &str, split: fn(&str) -> Vec<(usize, usize)>) -> Vec<Segment> {
    let (a, b) = (split(old), split(new));
    // tokens as numbers: the diff compares integers, not strings
    let mut ids: HashMap<&str, u32> = HashMap::with_capacity(a.len() + b.len());
    let (ia, ib) = (intern(&mut ids, old, &a), intern(&mut ids, new, &b));
    // the text of tokens `r` of one side (tokens are contiguous)
    let text = |tokens: &[(usize, usize)], s: &str, r: std::ops::Range<usize>| -> String {
        if r.is_empty() {
            String::new()
        } else {
            s[tokens[r.start].0..tokens[r.end - 1].1].to_string()
        }
    };
    let mut segments: Vec<Segment> = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &ia, &ib) {
        let (o, n) = (op.old_range(), op.new_range());
        match op.tag() {
            similar::DiffTag::Equal => push(&mut segments, Segment::Same(text(&a, old, o))),
            similar::DiffTag::Delete => push(&mut segments, Segment::Del(text(&a, old, o))),
            similar::DiffTag::Insert => push(&mut segments, Segment::Ins(text(&b, new, n))),
            similar::DiffTag::Replace => {
                push(&mut segments, Segment::Del(text(&a, old, o)));
                push(&mut segments, Segment::Ins(text(&b, new, n)));
            }
        }
    }
    segments
}

/// The number of each token of `s`; equal tokens, of either side, get equal numbers.
fn intern<'s>(ids: &mut HashMap<&'s str, u32>, s: &'s str, tokens: &[(usize, usize)]) -> Vec<u32> {
    tokens
        .iter()
        .map(|&(a, b)| {
            let next = ids.len() as u32;
            *ids.entry(&s[a..b]).or_insert(next)
        })
        .collect()
}

/// Byte ranges of the runs of whitespace and of other characters that make up `s`.
fn words_and_spaces(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut space = None;
    for (i, c) in s.char_indices() {
        let w = c.is_whitespace();
        if space.is_some_and(|sp| sp != w) {
            out.push((start, i));
            start = i;
        }
        space = Some(w);
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

/// Byte ranges of the characters of `s`.
fn chars(s: &str) -> Vec<(usize, usize)> {
    s.char_indices().map(|(i, c)| (i, i + c.len_utf8())).collect()
}

/// Byte ranges of the lines of `s`, each with its line break.
fn lines(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in s.match_indices('\n') {
        out.push((start, i + 1));
        start = i + 1;
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

/// Widens each change to whole whitespace-separated tokens, so `privacy@[-a.com-]{+b.com+}` reads
/// `[-privacy@a.com-]{+privacy@b.com+}`.
fn widen_to_tokens(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    let mut i = 0;
    while i < segments.len() {
        if matches!(segments[i], Segment::Same(_)) {
            out.push(segments[i].clone());
            i += 1;
            continue;
        }
        // a run of changes: segments[i..j]
        let mut j = i;
        let (mut del, mut ins) = (String::new(), String::new());
        while j < segments.len() {
            match &segments[j] {
                Segment::Del(t) => del.push_str(t),
                Segment::Ins(t) => ins.push_str(t),
                Segment::Same(_) => break,
            }
            j += 1;
        }
        // the partial token before the change
        let mut head = String::new();
        if let Some(Segment::Same(prev)) = out.last_mut() {
            let first = del.chars().next().or_else(|| ins.chars().next());
            if first.is_some_and(|c| !c.is_whitespace()) && !prev.ends_with(char::is_whitespace) {
                let cut = prev
                    .rfind(char::is_whitespace)
                    .map_or(0, |k| k + prev[k..].chars().next().map_or(1, char::len_utf8));
                head = prev[cut..].to_string();
                prev.truncate(cut);
                if prev.is_empty() {
                    out.pop();
                }
            }
        }
        // the partial token after it
        let mut tail = String::new();
        let mut next_same: Option<String> = None;
        if let Some(Segment::Same(next)) = segments.get(j) {
            let last = del.chars().last().or_else(|| ins.chars().last());
            if last.is_some_and(|c| !c.is_whitespace()) && !next.starts_with(char::is_whitespace) {
                let cut = next.find(char::is_whitespace).unwrap_or(next.len());
                tail = next[..cut].to_string();
                next_same = Some(next[cut..].to_string());
            }
        }
        let d = format!("{head}{del}{tail}");
        let n = format!("{head}{ins}{tail}");
        let widened = !head.is_empty() || !tail.is_empty();
        if !del.is_empty() || widened {
            out.push(Segment::Del(d));
        }
        if !ins.is_empty() || widened {
            out.push(Segment::Ins(n));
        }
        match next_same {
            Some(rest) => {
                if !rest.is_empty() {
                    out.push(Segment::Same(rest));
                }
                i = j + 1;
            }
            None => i = j,
        }
    }
    out
}

fn push(out: &mut Vec<Segment>, seg: Segment) {
    match (out.last_mut(), &seg) {
        (Some(Segment::Same(a)), Segment::Same(b))
        | (Some(Segment::Del(a)), Segment::Del(b))
        | (Some(Segment::Ins(a)), Segment::Ins(b)) => a.push_str(b),
        _ => out.push(seg),
    }
}

/// Folds whitespace-only or one-character unchanged runs between changes into the changes, then
/// orders each change run as deletion before insertion.
fn coalesce(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    let mut del = String::new();
    let mut ins = String::new();
    let n = segments.len();
    for (i, seg) in segments.into_iter().enumerate() {
        match seg {
            Segment::Del(t) => del.push_str(&t),
            Segment::Ins(t) => ins.push_str(&t),
            Segment::Same(t) => {
                let in_change = !(del.is_empty() && ins.is_empty());
                let small =
                    t.trim().is_empty() || (t.chars().count() == 1 && !t.chars().all(char::is_alphanumeric));
                if in_change && small && i + 1 < n {
                    del.push_str(&t);
                    ins.push_str(&t);
                } else {
                    flush(&mut out, &mut del, &mut ins);
                    out.push(Segment::Same(t));
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

fn flush(out: &mut Vec<Segment>, del: &mut String, ins: &mut String) {
    // a whitespace run folded at the end of both sides goes back to the unchanged text
    let common: String = {
        let d: Vec<char> = del.chars().rev().collect();
        let i: Vec<char> = ins.chars().rev().collect();
        d.iter()
            .zip(i.iter())
            .take_while(|(a, b)| a == b && a.is_whitespace())
            .map(|(a, _)| *a)
            .collect()
    };
    let keep = common.chars().rev().collect::<String>();
    let dl = del.len() - keep.len();
    let il = ins.len() - keep.len();
    if dl > 0 {
        out.push(Segment::Del(del[..dl].to_string()));
    }
    if il > 0 {
        out.push(Segment::Ins(ins[..il].to_string()));
    }
    if !keep.is_empty() && (dl > 0 || il > 0) {
        push(out, Segment::Same(keep));
    }
    del.clear();
    ins.clear();
}

/// The inserted and deleted text of a redline.
pub fn changed_text(segments: &[Segment]) -> (String, String) {
    let mut ins = String::new();
    let mut del = String::new();
    for s in segments {
        match s {
            Segment::Ins(t) => {
                ins.push_str(t);
                ins.push(' ');
            }
            Segment::Del(t) => {
                del.push_str(t);
                del.push(' ');
            }
            Segment::Same(_) => {}
        }
    }
    (ins, del)
}

/// [`changed_text`] with up to `window` characters of the unchanged text on each side of every
/// change, for text diffed character by character (Chinese): a term the diff cut in two (`境内` →
/// `境外` changes only `内` → `外`) is whole again.
pub fn changed_text_in_context(segments: &[Segment], window: usize) -> (String, String) {
    let tail = |t: &str| -> String {
        let n = t.chars().count();
        t.chars().skip(n.saturating_sub(window)).collect()
    };
    let head = |t: &str| -> String { t.chars().take(window).collect() };
    let mut ins = String::new();
    let mut del = String::new();
    for (i, s) in segments.iter().enumerate() {
        let (Segment::Ins(t) | Segment::Del(t)) = s else {
            continue;
        };
        // the unchanged text nearest before and after (past the other side of a replacement)
        let before = segments[..i]
            .iter()
            .rev()
            .find_map(|x| match x {
                Segment::Same(x) => Some(tail(x)),
                _ => None,
            })
            .unwrap_or_default();
        let after = segments[i + 1..]
            .iter()
            .find_map(|x| match x {
                Segment::Same(x) => Some(head(x)),
                _ => None,
            })
            .unwrap_or_default();
        let out = if matches!(s, Segment::Ins(_)) {
            &mut ins
        } else {
            &mut del
        };
        out.push_str(&before);
        out.push_str(t);
        out.push_str(&after);
        out.push(' ');
    }
    (ins, del)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A bag's tokens hold each occurrence of a word once: two bags' common tokens are their
        /// common words, so a Dice score from tokens (what the pairing of reworded sentences
        /// filters on) is the bags' own.
        #[test]
        fn common_tokens_are_common_words(a in "(we|data|share|the|你|数据| ){0,30}", b in "(we|data|share|the|你|数据| ){0,30}") {
            let (ba, bb) = (WordBag::new(&a), WordBag::new(&b));
            let tb: std::collections::HashSet<u64> = bb.tokens().into_iter().collect();
            let common = ba.tokens().iter().filter(|t| tb.contains(t)).count();
            let total = ba.len() + bb.len();
            let dice = if total == 0 { 1.0 } else { 2.0 * common as f64 / total as f64 };
            proptest::prop_assert_eq!(dice, ba.similarity(&bb));
        }
    }

    #[test]
    fn cjk_punctuation_holds_no_letter() {
        let all = (0x3000..=0x303Fu32)
            .chain(0xFF00..=0xFF65)
            .filter_map(char::from_u32);
        for c in all.filter(|&c| cjk_punctuation(c)) {
            assert!(!c.is_alphabetic(), "{c:?}");
        }
        assert!(
            cjk_punctuation('，')
                && cjk_punctuation('。')
                && !cjk_punctuation('々')
                && !cjk_punctuation('Ａ')
        );
    }

    #[test]
    fn context_makes_a_cut_term_whole() {
        let segs = vec![
            Segment::Same("存储在境".into()),
            Segment::Del("内".into()),
            Segment::Ins("外".into()),
            Segment::Same("的服务器".into()),
        ];
        let (ins, del) = changed_text_in_context(&segs, 3);
        assert!(ins.contains("境外"), "{ins}");
        assert!(del.contains("境内"), "{del}");
    }

    #[test]
    fn token_diff_matches_similar_text_diff() {
        // the interned-token diff makes the same decisions as `similar`'s own text diff
        let reference = |old: &str, new: &str, cjk: bool| -> Vec<Segment> {
            let mut config = similar::TextDiff::configure();
            config.algorithm(Algorithm::Myers);
            let diff = if cjk {
                config.diff_chars(old, new)
            } else {
                config.diff_words(old, new)
            };
            let mut out = Vec::new();
            for c in diff.iter_all_changes() {
                let v = c.value().to_string();
                push(
                    &mut out,
                    match c.tag() {
                        similar::ChangeTag::Equal => Segment::Same(v),
                        similar::ChangeTag::Delete => Segment::Del(v),
                        similar::ChangeTag::Insert => Segment::Ins(v),
                    },
                );
            }
            out
        };
        let pieces = [
            "we",
            " ",
            "share",
            "  ",
            "data",
            "\n",
            "with",
            "partners.",
            "中",
            "文",
            "é",
        ];
        for i in 0..pieces.len().pow(4) {
            let old: String = (0..4)
                .map(|k| pieces[i / pieces.len().pow(k) % pieces.len()])
                .collect();
            let new: String = (0..4).map(|k| pieces[(i * 7 + k) % pieces.len()]).collect();
            assert_eq!(
                raw_segments(&old, &new, words_and_spaces),
                reference(&old, &new, false),
                "{old:?} {new:?}"
            );
            assert_eq!(
                raw_segments(&old, &new, chars),
                reference(&old, &new, true),
                "{old:?} {new:?}"
            );
        }
    }

    #[test]
    fn general_punctuation_has_no_letter() {
        assert!(GENERAL_PUNCTUATION.into_iter().all(|c| !c.is_alphabetic()));
    }

    #[test]
    fn cjk_ratio_matches_a_char_by_char_count() {
        let reference = |s: &str| {
            let letters = s
                .chars()
                .filter(|c| c.is_ascii_alphabetic() || !c.is_ascii() && (is_cjk(*c) || c.is_alphabetic()))
                .count();
            let cjk = s.chars().filter(|c| is_cjk(*c)).count();
            if letters == 0 {
                0.0
            } else {
                cjk as f64 / letters as f64
            }
        };
        let pieces = ["a", "1", " ", "é", "中", "・", "。", "ß", "한", "\u{20000}"];
        for i in 0..pieces.len().pow(4) {
            let s: String = (0..4)
                .map(|k| pieces[i / pieces.len().pow(k) % pieces.len()])
                .collect();
            assert_eq!(cjk_ratio(&s), reference(&s), "{s:?}");
            // and where the eight-byte ASCII steps meet other characters
            let long = format!("abcdefghi{s}jklmnop 12{s}{s}");
            assert_eq!(cjk_ratio(&long), reference(&long), "{long:?}");
        }
    }

    #[test]
    fn editorial_forms_match() {
        assert_eq!(
            normal_form("We  **collect**\n“data”."),
            normal_form("we collect \"data\"")
        );
        assert_eq!(normal_form("您好，世界。"), normal_form("您好,世界."));
        assert_ne!(normal_form("30 days"), normal_form("60 days"));
        assert_eq!(normal_form("费用 100 元"), "费用100元");
    }

    #[test]
    fn redline_reads_as_words() {
        let (segs, bounded) = redline(
            "We respond within 30 days of your request.",
            "We respond within 60 calendar days of your request.",
        );
        assert!(!bounded);
        assert_eq!(
            segs,
            vec![
                Segment::Same("We respond within ".into()),
                Segment::Del("30".into()),
                Segment::Ins("60 calendar".into()),
                Segment::Same(" days of your request.".into()),
            ]
        );
    }

    #[test]
    fn changes_widen_to_whole_tokens() {
        let (segs, _) = redline(
            "Email: app@smallrig.com today",
            "Email: privacy@smallrig.com today",
        );
        assert_eq!(
            segs,
            vec![
                Segment::Same("Email: ".into()),
                Segment::Del("app@smallrig.com".into()),
                Segment::Ins("privacy@smallrig.com".into()),
                Segment::Same(" today".into()),
            ]
        );
    }

    #[test]
    fn chinese_by_character() {
        let (segs, _) = redline("我们将在30天内答复。", "我们将在15天内答复。");
        assert!(
            segs.contains(&Segment::Del("30".into()))
                || segs
                    .iter()
                    .any(|s| matches!(s, Segment::Del(t) if t.contains('3')))
        );
    }

    #[test]
    fn words_are_split_at_spaces_and_cjk_characters() {
        // the same words character by character: a space ends a word, a CJK character is one
        fn reference(normal: &str) -> Vec<String> {
            let (mut out, mut word) = (Vec::new(), String::new());
            for c in normal.chars() {
                if c == ' ' || is_cjk(c) {
                    if !word.is_empty() {
                        out.push(std::mem::take(&mut word));
                    }
                    if c != ' ' {
                        out.push(c.to_string());
                    }
                } else {
                    word.push(c);
                }
            }
            if !word.is_empty() {
                out.push(word);
            }
            out
        }
        let en = include_str!("../../content/versions/2022-10-19/en/03-sharing.md");
        let zh = include_str!("../../content/versions/2022-10-19/zh-CN/03-sharing.md");
        for text in en.split("\n\n").chain(zh.split("\n\n")) {
            let n = normal_form(text);
            assert_eq!(words(&n), reference(&n));
        }
        for raw in [
            "",
            " ",
            "a",
            "  a  b ",
            "数据a",
            "a数据b 〇 ｱ x",
            "\u{3000}a \u{a000}b",
        ] {
            assert_eq!(words(raw), reference(raw), "{raw:?}");
        }
        assert_eq!(
            words("we share 数据 with x"),
            ["we", "share", "数", "据", "with", "x"]
        );
    }

    #[test]
    fn word_bags_agree_with_comparing_the_words() {
        // the Dice coefficient over the words themselves, as the hashed bags should give it
        fn by_words(a: &str, b: &str) -> f64 {
            let (na, nb) = (normal_form(a), normal_form(b));
            let (mut x, mut y) = (words(&na), words(&nb));
            if x.is_empty() && y.is_empty() {
                return 1.0;
            }
            x.sort_unstable();
            y.sort_unstable();
            let (mut i, mut j, mut common) = (0, 0, 0);
            while i < x.len() && j < y.len() {
                match x[i].cmp(y[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => (common, i, j) = (common + 1, i + 1, j + 1),
                }
            }
            2.0 * common as f64 / (x.len() + y.len()) as f64
        }
        let sample = include_str!("../../content/versions/2022-10-19/en/03-sharing.md");
        let zh = include_str!("../../content/versions/2022-10-19/zh-CN/03-sharing.md");
        let paragraphs: Vec<&str> = sample.split("\n\n").chain(zh.split("\n\n")).collect();
        assert!(paragraphs.len() > 20);
        for a in &paragraphs {
            for b in &paragraphs {
                assert_eq!(similarity(a, b), by_words(a, b), "{a:?} vs {b:?}");
            }
        }
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("a a b", "a b b"), 2.0 * 2.0 / 6.0);
    }

    #[test]
    fn similarity_bounds() {
        assert_eq!(similarity("a b c", "a b c"), 1.0);
        assert!(similarity("we share data with partners", "we share data with vendors") > 0.7);
        assert!(similarity("cookies", "retention period") < 0.1);
    }
}
