//! The lexicon's side of a prose change: what kind of edit it is, the terms it matched, whether a
//! term is negated where it occurs, whether the passage is a list item, and the excerpt quoted.

use super::{Change, Edit, Kind, Reason};
use crate::diff::text::{cjk_ratio, normal_form};

/// The kind of edit a change is.
pub(super) fn edit_of(kind: Kind) -> Edit {
    match kind {
        Kind::Added => Edit::Added,
        Kind::Removed => Edit::Removed,
        _ => Edit::Changed,
    }
}

/// The matched terms (at most three, as written) and a short excerpt of the passage.
pub(super) fn terms_reason(edit: Edit, terms: Vec<String>, passage: &str) -> Reason {
    Reason::Terms {
        edit,
        terms: terms
            .iter()
            .take(3)
            .map(|t| t.trim_end_matches('*').to_string())
            .collect(),
        excerpt: excerpt(passage),
    }
}

/// A list item, table row, or a paragraph numbered like one (`3.4 …`, `(2) …`, `（二）…`).
pub(super) fn is_item(change: &Change) -> bool {
    let text = change.new.as_deref().or(change.old.as_deref()).unwrap_or("");
    change.block_kind.is_some_and(|k| k.is_item(text))
}

/// `true` when every occurrence of `term` in `normal` is negated (`no high risk`, `未发现高风险`).
pub(super) fn negated(normal: &str, term: &str) -> bool {
    let t = normal_form(term.trim_end_matches('*'));
    let mut any = false;
    for (i, _) in normal.match_indices(&t) {
        any = true;
        let before: String = normal[..i]
            .chars()
            .rev()
            .take(24)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let neg = [
            "no ",
            "not ",
            "without ",
            "low ",
            "never ",
            "未发现",
            "不存在",
            "没有",
            "无",
            "并非",
            "低",
        ]
        .iter()
        .any(|n| {
            before.trim_end().ends_with(n.trim_end())
                || before.contains(&format!("{n}a "))
                || before.ends_with(&format!("{n}any "))
        });
        if !neg {
            return false;
        }
    }
    any
}

/// At most ~12 words (or 40 CJK characters) of `s`.
pub fn excerpt(s: &str) -> String {
    let s = crate::diff::doc::clean(s);
    if cjk_ratio(&s) > 0.3 {
        let mut out: String = s.chars().take(40).collect();
        if s.chars().count() > 40 {
            out.push('…');
        }
        return out;
    }
    let mut words = s.split(' ');
    let mut out = words.by_ref().take(12).collect::<Vec<_>>().join(" ");
    if words.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negated_terms_and_excerpts() {
        assert!(negated("no high risk was found", "high risk"));
        assert!(!negated("a high risk was found", "high risk"));
        assert!(negated("未发现高风险", "高风险"));
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen";
        assert!(excerpt(long).ends_with('…'));
        assert_eq!(excerpt("short text"), "short text");
        assert_eq!(
            terms_reason(Edit::Added, vec!["shar*".into()], "we share it"),
            Reason::Terms {
                edit: Edit::Added,
                terms: vec!["shar".into()],
                excerpt: "we share it".into()
            }
        );
    }
}
