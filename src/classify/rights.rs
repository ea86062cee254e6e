//! Users' rights named in prose, each as one [`Right`]: the rights a text states, so that a passage
//! taken out can be told from a right taken away (the right is then stated nowhere else in the new
//! version). Sources: GDPR Art. 7(3) and Arts. 15–22, 77; PIPL Arts. 44–48 and 50; CCPA/CPRA Cal.
//! Civ. Code §§1798.100–1798.125; GB/T 35273-2020 §8.

use std::collections::BTreeSet;

use super::rules::Haystack;

/// A user's right over their personal information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Right {
    /// To know, access and obtain a copy (GDPR Art. 15; PIPL Art. 45; CCPA §1798.110).
    Access,
    /// To correct or complete (GDPR Art. 16; PIPL Art. 46).
    Rectification,
    /// To have personal information deleted (GDPR Art. 17; PIPL Art. 47; CCPA §1798.105).
    Erasure,
    /// To receive it in a portable form or have it transferred (GDPR Art. 20; PIPL Art. 45).
    Portability,
    /// To restrict processing (GDPR Art. 18; PIPL Art. 44).
    Restriction,
    /// To object to or refuse processing, or opt out of it (GDPR Art. 21; PIPL Art. 44).
    Objection,
    /// To withdraw consent (GDPR Art. 7(3); PIPL Art. 15).
    WithdrawConsent,
    /// To opt out of the sale or sharing of personal information (CCPA §1798.120).
    OptOutOfSale,
    /// Not to be subject to automated decisions, or to have them explained (GDPR Art. 22; PIPL
    /// Art. 24).
    AutomatedDecisions,
    /// To appeal a decision on a request (CPRA §1798.185(a)(7); GB/T 35273-2020 §7.7: 申诉).
    Appeal,
    /// To complain to the handler or an authority (GDPR Art. 77; PIPL Arts. 50 and 65).
    Complaint,
    /// To close or cancel the account (GB/T 35273-2020 §8.5; PIPL Art. 47).
    AccountDeletion,
    /// Not to be discriminated against for exercising rights (CCPA §1798.125).
    NonDiscrimination,
}

/// The words that state each right, in normal form (`*`: any word ending; Chinese anywhere).
const TERMS: &[(Right, &[&str])] = &[
    (
        Right::Access,
        &[
            "right of access",
            "right to access",
            "access your",
            "access to your",
            "access the personal",
            "request access",
            "copy of your",
            "copy of the personal",
            "right to know",
            "查阅",
            "复制",
            "副本",
        ],
    ),
    (Right::Rectification, &["rectif*", "correct*", "更正", "补充"]),
    (Right::Erasure, &["erase*", "erasure", "delet*", "删除"]),
    (
        Right::Portability,
        &["portab*", "machine readable", "可携带", "转移"],
    ),
    (Right::Restriction, &["restrict*", "limit the use", "限制"]),
    (
        Right::Objection,
        &["object*", "opt out", "opt outs", "unsubscrib*", "拒绝", "退订"],
    ),
    (
        Right::WithdrawConsent,
        &["withdraw*", "revoke*", "revocation", "撤回", "撤销"],
    ),
    (
        Right::OptOutOfSale,
        &[
            "do not sell",
            "do not share",
            "opt out of sale",
            "opt out of the sale",
            "opt out of selling",
            "opt out of sharing",
            "sale or sharing",
        ],
    ),
    (
        Right::AutomatedDecisions,
        &[
            "automated decision*",
            "not to be subject",
            "human intervention",
            "自动化决策",
            "人工复核",
            "解释说明",
        ],
    ),
    (Right::Appeal, &["appeal*", "申诉"]),
    (
        Right::Complaint,
        &["complain*", "lodge", "supervisory authorit*", "投诉", "举报"],
    ),
    (
        Right::AccountDeletion,
        &[
            "delete your account",
            "close your account",
            "delete account",
            "deactivat*",
            "cancel your account",
            "注销",
        ],
    ),
    (Right::NonDiscrimination, &["discriminat*", "歧视"]),
];

/// The rights a normal-form text states.
pub fn rights(hay: &Haystack) -> BTreeSet<Right> {
    TERMS
        .iter()
        .filter(|(_, terms)| terms.iter().any(|t| hay.has(t)))
        .map(|(r, _)| *r)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::text::normal_form;

    fn of(s: &str) -> Vec<Right> {
        rights(&Haystack::new(&normal_form(s))).into_iter().collect()
    }

    #[test]
    fn rights_are_named_in_both_languages() {
        assert_eq!(
            of("You may request a copy of your data, or ask us to delete it."),
            [Right::Access, Right::Erasure]
        );
        assert_eq!(
            of("You can opt-out of the sale of your personal information."),
            [Right::Objection, Right::OptOutOfSale]
        );
        assert_eq!(
            of("您可以撤回授权，或注销账号。"),
            [Right::WithdrawConsent, Right::AccountDeletion]
        );
        assert!(of("We keep your data for two years.").is_empty());
    }
}
