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
    if about_date && wi.iter().all(date_word) && wd.iter().all(date_word) && context.chars().count() < 200 {
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
        if pairs.iter().all(|(a, b)| is_typo_fix(a, b)) {
            return Some(Reason::TypoFix);
        }
    }
    None
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
    if a.chars().any(|c| c.is_ascii_digit())
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!is_typo_fix("30", "90"));
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
