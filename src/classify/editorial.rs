//! Editorial edits: changes that alter no meaning a reader relies on (the policy's own date line,
//! isolated typo fixes, a modal-verb swap, punctuation).

use super::Reason;
use crate::diff::text::{Segment, changed_text, normal_form, words};

/// An edit that changes no meaning: a date bump, isolated typo fixes, a modal-verb swap.
pub(super) fn editorial_edit(redline: &[Segment]) -> Option<Reason> {
    let (ins, del) = changed_text(redline);
    let (ni, nd) = (normal_form(&ins), normal_form(&del));
    let (wi, wd) = (words(&ni), words(&nd));
    if wi.is_empty() && wd.is_empty() {
        return Some(Reason::PunctuationOnly);
    }
    let date_word = |w: &&str| {
        MONTHS.iter().any(|m| m.starts_with(*w) && w.len() >= 3)
            || w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 4
            || matches!(*w, "年" | "月" | "日" | "st" | "nd" | "rd" | "th")
            || w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '日'))
    };
    // A date bump: only date parts change, and the passage is about the policy's own date.
    let context = redline
        .iter()
        .map(|s| match s {
            Segment::Same(t) | Segment::Del(t) | Segment::Ins(t) => t.as_str(),
        })
        .collect::<String>()
        .to_lowercase();
    let about_date = [
        "updated",
        "update",
        "effective",
        "published",
        "revised",
        "revision",
        "last modified",
        "date",
        "version",
        "更新",
        "生效",
        "发布",
        "修订",
        "版本",
    ]
    .iter()
    .any(|k| context.contains(k));
    // …and the numbers that changed are a date's, not a duration's (`within 30 days of the date of
    // your request`), in a line that carries a date (a year or a month's name)
    let (old_text, new_text) = (side_text(redline, false), side_text(redline, true));
    let dated = |t: &str| {
        let lower = t.to_lowercase();
        MONTHS.iter().any(|m| lower.contains(m))
            || t.contains('年')
            || t.split(|c: char| !c.is_ascii_digit())
                .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
    };
    if about_date
        && wi.iter().all(date_word)
        && wd.iter().all(date_word)
        && context.chars().count() < 200
        && super::quantity::durations(&old_text) == super::quantity::durations(&new_text)
        && dated(&old_text)
        && dated(&new_text)
    {
        return Some(Reason::PolicyDateOnly);
    }
    if wi.len() == wd.len() && !wi.is_empty() {
        let pairs: Vec<(&&str, &&str)> = wd.iter().zip(wi.iter()).collect();
        if pairs
            .iter()
            .all(|(a, b)| MODALS.contains(a) && MODALS.contains(b))
        {
            return Some(Reason::ModalSwap);
        }
        // a word written with a capital is a name (a company's, a product's): one letter of a
        // name is another name
        let names = changed_words_capitalised(redline);
        if !names && pairs.iter().all(|(a, b)| is_typo_fix(a, b)) {
            return Some(Reason::TypoFix);
        }
    }
    None
}

/// The whole text of one side of a redline: the old side (unchanged and deleted) or the new one.
fn side_text(redline: &[Segment], new: bool) -> String {
    redline
        .iter()
        .filter_map(|s| match s {
            Segment::Same(t) => Some(t.as_str()),
            Segment::Del(t) if !new => Some(t.as_str()),
            Segment::Ins(t) if new => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

/// Does a changed word of the redline begin with a capital (not as a sentence's first word)?
fn changed_words_capitalised(redline: &[Segment]) -> bool {
    let mut after_stop = true;
    for s in redline {
        let (Segment::Same(t) | Segment::Del(t) | Segment::Ins(t)) = s;
        let changed = !matches!(s, Segment::Same(_));
        for w in t.split_whitespace() {
            if changed && !after_stop && w.chars().next().is_some_and(char::is_uppercase) {
                return true;
            }
            after_stop = w.ends_with(['.', '!', '?', ':']);
        }
    }
    false
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const MODALS: &[&str] = &["can", "may", "might", "could"];

fn is_typo_fix(a: &str, b: &str) -> bool {
    // numbers, addresses and identifiers have no typos: each character is the fact
    let factual = |w: &str| w.contains(['@', '.', '_', '/']);
    if factual(a)
        || factual(b)
        || a.chars().any(|c| c.is_ascii_digit())
        || b.chars().any(|c| c.is_ascii_digit())
        || a.chars().any(crate::diff::text::is_cjk)
    {
        return false;
    }
    let d = levenshtein(a, b);
    let len = a.chars().count().max(b.chars().count());
    d >= 1 && (d <= 2 && len >= 5 || d == 1 && len >= 2)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The Windows-1252 characters of bytes 0x80-0x9F (the rest of 0x80-0xFF are Latin-1's).
const CP1252: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// `text` as it was before a wrong encoding garbled it: UTF-8 whose bytes were read as Windows-1252
/// (`’` became `â€™`, `ß` became `ÃŸ`), read back. A byte the garbling could not show (0x81, 0x8D,
/// 0x8F, 0x90, 0x9D) is commonly shown as `�`; any other character, or bytes that are no UTF-8,
/// and the text was not garbled so (`None`).
fn ungarbled(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if (c as u32) < 0x100 => bytes.push(c as u32 as u8),
            // (an undefined byte: taken as the one quote mark it most often closes, `â€�` for `”`)
            '\u{FFFD}' => bytes.push(0x9D),
            c => bytes.push(CP1252.iter().find(|(k, _)| *k == c)?.1),
        }
    }
    String::from_utf8(bytes).ok()
}

/// Do two texts differ only by characters a wrong encoding garbled on one side (a crawler that
/// read a UTF-8 page as Windows-1252)? Only where there is garbling: two equal texts are not.
pub(super) fn encoding_only(old: &str, new: &str) -> bool {
    if old == new {
        return false;
    }
    let same = |garbled: &str, clean: &str| {
        garbled.contains(['Ã', 'â', 'Â'])
            && ungarbled(garbled).is_some_and(|g| normal_form(&g) == normal_form(clean))
    };
    same(new, old) || same(old, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_garbled_by_a_wrong_encoding_is_told_apart() {
        assert!(encoding_only(
            "the “Services” of our operating system’s settings, Große Bleichen 21",
            "the â€œServicesâ€\u{FFFD} of our operating systemâ€™s settings, GroÃŸe Bleichen 21"
        ));
        // garbled and changed, or changed with no garbling
        assert!(!encoding_only(
            "our operating system’s settings",
            "our partners’ systemâ€™s settings"
        ));
        assert!(!encoding_only("we do not sell", "we sell"));
        assert!(!encoding_only("same", "same"));
    }

    fn edit(old: &str, new: &str) -> Vec<Segment> {
        vec![
            Segment::Same("Last updated: ".into()),
            Segment::Del(old.into()),
            Segment::Ins(new.into()),
        ]
    }

    #[test]
    fn date_bumps_typos_and_modals_are_editorial_and_facts_are_not() {
        assert_eq!(
            editorial_edit(&edit("2022", "2023")),
            Some(Reason::PolicyDateOnly)
        );
        let typo = vec![
            Segment::Same("we ".into()),
            Segment::Del("colect".into()),
            Segment::Ins("collect".into()),
            Segment::Same(" data".into()),
        ];
        assert_eq!(editorial_edit(&typo), Some(Reason::TypoFix));
        let modal = vec![Segment::Del("can".into()), Segment::Ins("may".into())];
        assert_eq!(editorial_edit(&modal), Some(Reason::ModalSwap));
        // a number is never a typo
        let days = vec![
            Segment::Same("within ".into()),
            Segment::Del("30".into()),
            Segment::Ins("90".into()),
            Segment::Same(" days".into()),
        ];
        assert_eq!(editorial_edit(&days), None);
        assert!(is_typo_fix("recieve", "receive"));
        // a response time in a sentence about a date is no date bump
        let response = vec![
            Segment::Same("We respond within ".into()),
            Segment::Del("30".into()),
            Segment::Ins("90".into()),
            Segment::Same(" days of the date of your request.".into()),
        ];
        assert_eq!(editorial_edit(&response), None);
        // one letter of a name is another name; an address's letters are the address
        let name = vec![
            Segment::Same("shared with ".into()),
            Segment::Del("Acme".into()),
            Segment::Ins("Acne".into()),
            Segment::Same(" Ltd".into()),
        ];
        assert_eq!(editorial_edit(&name), None);
        assert!(!is_typo_fix("app@smallrig.com", "app@smalrig.com"));
        assert!(!is_typo_fix("30", "90"));
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
