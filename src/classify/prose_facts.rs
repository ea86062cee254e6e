//! Facts read from the sentences a change touched, compared between the old and the new text:
//! SDKs (a recipient, 8.3), purposes of processing and kinds of personal information (8.1). A fact
//! the other whole document states elsewhere is neither new nor gone: it moved.
//!
//! Measured on the corpora (2026-12-06): SDKs everywhere and purposes and kinds inside sections
//! about them change no verdict of the tuning part and name the evidence; purposes and kinds read
//! in every section cost one clause set of the tuning part and one of the sample edits (the
//! extractors' precision on unseen companies is 0.6-0.9), so they are not read there.

use std::collections::BTreeSet;

use super::evidence::Documents;
use super::{Found, Reason, Role};

/// Adds what the change's sentences state that the other side does not: `old` and `new` are the
/// changed sentences of a modification, or a whole added (or removed) passage and nothing. SDKs
/// count wherever they are named; purposes and kinds of personal information only in a section
/// about them, as elsewhere a sentence names them in passing (what a processor does, what a right
/// covers).
pub(super) fn prose_facts(
    old: &str,
    new: &str,
    docs: &Documents,
    topics: &BTreeSet<Role>,
    found: &mut Found,
) {
    let (so, sn) = (super::sdks(old), super::sdks(new));
    let added: Vec<String> = sn
        .iter()
        .filter(|s| !so.contains(s) && !docs.states(false, s))
        .cloned()
        .collect();
    let removed: Vec<String> = so
        .iter()
        .filter(|s| !sn.contains(s) && !docs.states(true, s))
        .cloned()
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        found.add(Role::Recipients, Reason::Sdks { added, removed });
    }
    if !topics.contains(&Role::Purposes) {
        return;
    }
    let kinds = |a: Vec<super::Purpose>| a.into_iter().collect::<BTreeSet<_>>();
    let (po, pn) = (kinds(super::purposes(old)), kinds(super::purposes(new)));
    let added: Vec<super::Purpose> = pn
        .difference(&po)
        .filter(|p| !docs.purposes(false).contains(p))
        .copied()
        .collect();
    let removed: Vec<super::Purpose> = po
        .difference(&pn)
        .filter(|p| !docs.purposes(true).contains(p))
        .copied()
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        found.add(Role::Purposes, Reason::Purposes { added, removed });
    }
    let kinds = |a: Vec<super::Category>| a.into_iter().collect::<BTreeSet<_>>();
    let (co, cn) = (
        kinds(super::data_categories(old)),
        kinds(super::data_categories(new)),
    );
    let added: Vec<super::Category> = cn
        .difference(&co)
        .filter(|c| !docs.categories(false).contains(c))
        .copied()
        .collect();
    let removed: Vec<super::Category> = co
        .difference(&cn)
        .filter(|c| !docs.categories(true).contains(c))
        .copied()
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        found.add(Role::Purposes, Reason::Categories { added, removed });
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::evidence::Documents;
    use super::super::{Found, Reason, Role};
    use super::prose_facts;

    fn found(old: &str, new: &str, topics: &[Role]) -> Found {
        let docs = Documents::new(old, new);
        let mut found = Found::new();
        let topics: BTreeSet<Role> = topics.iter().copied().collect();
        prose_facts(old, new, &docs, &topics, &mut found);
        found
    }

    #[test]
    fn a_new_sdk_is_a_recipient_a_moved_one_is_not() {
        let f = found("We use analytics.", "We use the Umeng SDK for analytics.", &[]);
        assert!(f.clauses.contains(&Role::Recipients));
        assert!(
            f.reasons
                .iter()
                .any(|e| matches!(&e.reason, Reason::Sdks { added, .. } if added == &["Umeng SDK"]))
        );
        // named elsewhere in the old document: it moved
        let docs = Documents::new(
            "We use the Umeng SDK. We use analytics.",
            "We use the Umeng SDK for analytics.",
        );
        let mut f = Found::new();
        prose_facts(
            "We use analytics.",
            "We use the Umeng SDK for analytics.",
            &docs,
            &BTreeSet::new(),
            &mut f,
        );
        assert!(f.clauses.is_empty());
    }

    #[test]
    fn kinds_of_information_count_in_a_section_about_them_only() {
        let (old, new) = (
            "We collect your name.",
            "We collect your name and your precise location.",
        );
        assert!(
            found(old, new, &[Role::Purposes])
                .clauses
                .contains(&Role::Purposes)
        );
        assert!(!found(old, new, &[Role::Rights]).clauses.contains(&Role::Purposes));
    }

    proptest::proptest! {
        /// Every extractor reads any text without panicking: the marks and words they cut at
        /// (multi-byte full stops, brackets, cue words) in any order.
        #[test]
        fn extractors_read_any_text(
            s in "(。|；|：|\u{3000}|\u{a0}|（|）|“|”|、|，|\\.|;|:|\\(|\\)|用于|为了|目的|广告|SDK|sdk|com\\.a\\.b|for|to|purposes|advertising|email|phone|address|地址|电话|free|fee|￥|\\$|EUR|5|０|[a-zA-Z]|\\PC| ){0,40}"
        ) {
            let _ = super::super::purposes(&s);
            let _ = super::super::data_categories(&s);
            let _ = super::super::sdks(&s);
            let _ = super::super::fees(&s);
            let _ = super::super::rights(&s);
            let _ = super::super::addresses(&s);
            let _ = super::super::companies(&s);
            let _ = super::super::places(&s);
        }
    }
}
