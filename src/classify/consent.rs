//! Users' rights narrowed by a passage (§VIII: such a change needs express consent): a new ground
//! for refusing requests, a fee, a restriction, rights taken out.

use super::lexicon::excerpt;
use super::{Change, Consent, Found, Kind, Role, RuleSet};
use crate::diff::text::{normal_form, words};

pub(super) fn rights_consent(
    change: &Change,
    ins: &str,
    del: &str,
    rules: &RuleSet,
    lx: &str,
    found: &mut Found,
) {
    let (ni, nd) = (normal_form(ins), normal_form(del));
    let lead = normal_form(change.lead_in.as_deref().unwrap_or(""));
    let refusal = [
        "not be able to respond",
        "unable to respond",
        "may refuse",
        "may reject",
        "will not respond",
        "cannot respond",
        "无法响应",
        "不予响应",
        "拒绝",
        "无法",
    ];
    let is_refusal_list = refusal.iter().any(|k| lead.contains(k))
        && (lead.contains("respond")
            || lead.contains("request")
            || lead.contains("响应")
            || lead.contains("请求"));
    let fee = |s: &str| {
        // a fee named, or priced in a currency (GDPR Art. 12(5), GB/T 35273-2020 §8.7: requests
        // are free of charge in principle)
        [
            "fee", "fees", "charge", "charges", "cost", "costs", "eur", "usd", "gbp", "rmb", "cny", "收费",
            "费用", "元",
        ]
        .iter()
        .filter(|k| contains_term(s, k))
        .count()
    };
    let negation = |s: &str| {
        [
            "no longer",
            "not be able",
            "cannot",
            "can not",
            "will not",
            "unable",
            "不再",
            "无法",
            "不能",
            "不予",
        ]
        .iter()
        .filter(|k| s.contains(*k))
        .count()
    };
    let rights_terms = |s: &str| {
        rules
            .by_role(Role::Rights)
            .map_or(0, |c| c.strong_hits(s, lx).len() + c.medium_hits(s, lx).len())
    };
    let consent = match change.kind {
        Kind::Added if is_refusal_list => Some(Consent::RefusalGround(excerpt(ins))),
        Kind::Removed if !is_refusal_list => Some(Consent::TextRemoved(excerpt(del))),
        Kind::Modified => {
            if fee(&ni) > fee(&nd)
                && !["free of charge", "do not charge", "不收取", "免费"]
                    .iter()
                    .any(|k| ni.contains(k))
            {
                Some(Consent::FeeAdded(excerpt(ins)))
            } else if negation(&ni) > negation(&nd) {
                Some(Consent::RightRestricted(excerpt(ins)))
            } else if rights_terms(&nd) > rights_terms(&ni) && words(&ni).len() < words(&nd).len() {
                Some(Consent::RightWordsRemoved(excerpt(del)))
            } else {
                None
            }
        }
        _ => None,
    };
    if let Some(c) = consent {
        found.consent.push((Role::Rights, c));
    }
}

pub(super) fn contains_term(normal: &str, term: &str) -> bool {
    if !term.is_ascii() {
        return normal.contains(term);
    }
    normal.split(' ').any(|w| w == term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_match_whole_words_and_chinese_anywhere() {
        assert!(contains_term("a fee applies", "fee"));
        assert!(!contains_term("coffee applies", "fee"));
        assert!(contains_term("需要收费的情形", "收费"));
    }
}
