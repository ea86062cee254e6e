//! Text comparison: the editorial normal form, similarity, and the word (or, for CJK, character)
//! diff inside a changed block, coalesced so a redline reads as words, not tokens.

use similar::{Algorithm, ChangeTag, TextDiff};

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

/// Share of CJK characters among the letters of `s`.
pub fn cjk_ratio(s: &str) -> f64 {
    if s.is_ascii() {
        return 0.0;
    }
    let (mut letters, mut cjk) = (0usize, 0usize);
    for c in s.chars() {
        if c.is_ascii() {
            letters += usize::from(c.is_ascii_alphabetic());
        } else if is_cjk(c) {
            letters += 1;
            cjk += 1;
        } else if c.is_alphabetic() {
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
    let mut out = Vec::new();
    for w in normal.split(' ') {
        if w.chars().any(is_cjk) {
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
        } else if !w.is_empty() {
            out.push(w);
        }
    }
    out
}

/// Similarity of two texts in 0..=1: the Dice coefficient of their word multisets.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (na, nb) = (normal_form(a), normal_form(b));
    let (wa, wb) = (words(&na), words(&nb));
    if wa.is_empty() && wb.is_empty() {
        return 1.0;
    }
    let mut counts: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for w in &wa {
        *counts.entry(w).or_default() += 1;
    }
    let mut common = 0;
    for w in &wb {
        if let Some(n) = counts.get_mut(w)
            && *n > 0
        {
            *n -= 1;
            common += 1;
        }
    }
    2.0 * common as f64 / (wa.len() + wb.len()) as f64
}

/// The redline of `old` → `new`; the flag says the diff was bounded (compared by sentences).
pub fn redline(old: &str, new: &str) -> (Vec<Segment>, bool) {
    let cjk = cjk_ratio(old).max(cjk_ratio(new)) > 0.3;
    let tokens = old.len().max(new.len()) / if cjk { 3 } else { 5 };
    let bounded = tokens > WORD_DIFF_LIMIT;
    let mut config = TextDiff::configure();
    config.algorithm(Algorithm::Patience);
    let diff = if bounded {
        config.diff_lines(old, new)
    } else if cjk {
        config.diff_chars(old, new)
    } else {
        config.diff_unicode_words(old, new)
    };
    let mut segments: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let v = change.value();
        let seg = match change.tag() {
            ChangeTag::Equal => Segment::Same(v.to_string()),
            ChangeTag::Delete => Segment::Del(v.to_string()),
            ChangeTag::Insert => Segment::Ins(v.to_string()),
        };
        push(&mut segments, seg);
    }
    let segments = coalesce(segments);
    let segments = if cjk { segments } else { widen_to_tokens(segments) };
    (segments, bounded)
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn similarity_bounds() {
        assert_eq!(similarity("a b c", "a b c"), 1.0);
        assert!(similarity("we share data with partners", "we share data with vendors") > 0.7);
        assert!(similarity("cookies", "retention period") < 0.1);
    }
}
