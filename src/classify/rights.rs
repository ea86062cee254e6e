//! Users' rights named in prose, each as one [`Right`], read two ways: [`stated`], every right a
//! text mentions, so that a passage taken out can be told from a right taken away (the right is
//! then stated nowhere else in the new version); and [`rights`], the extractor, the rights a
//! sentence grants or tells the user how to exercise (not `we delete your data`, nor a complaint
//! sent to the company itself). Sources: GDPR Art. 7(3) and Arts. 15–22, 77; PIPL Arts. 44–48 and 50; CCPA/CPRA Cal.
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
    /// To stop receiving marketing messages at any time: unsubscribe (GDPR Art. 21(2)-(3);
    /// ePrivacy Directive 2002/58/EC Art. 13(2); CAN-SPAM Act 15 U.S.C. §7704(a)(3); China's
    /// Advertising Law Art. 43, 拒绝接收 and 退订). A right of its own: a policy that still lets users
    /// opt out of cookies has taken it away when its unsubscribe route goes.
    MarketingOptOut,
    /// To withdraw consent (GDPR Art. 7(3); PIPL Art. 15).
    WithdrawConsent,
    /// To opt out of the sale or sharing of personal information (CCPA §1798.120).
    OptOutOfSale,
    /// Not to be subject to automated decisions, or to have them explained (GDPR Art. 22; PIPL
    /// Art. 24).
    AutomatedDecisions,
    /// To appeal a decision on a request (CPRA §1798.185(a)(7); GB/T 35273-2020 §7.7: 申诉), or to
    /// take an unresolved complaint to binding arbitration (EU–U.S. Data Privacy Framework and
    /// Privacy Shield Principles, Recourse, Enforcement and Liability; Annex I).
    Appeal,
    /// To complain to the handler or an authority (GDPR Art. 77; PIPL Arts. 50 and 65).
    Complaint,
    /// To close or cancel the account (GB/T 35273-2020 §8.5; PIPL Art. 47).
    AccountDeletion,
    /// Not to be discriminated against for exercising rights (CCPA §1798.125).
    NonDiscrimination,
    /// To obtain a copy (GDPR Art. 15(3); PIPL Art. 45: 复制).
    Copy,
    /// To have the handler explain its rules or a decision (PIPL Arts. 24 and 48: 解释说明).
    Explanation,
}

/// The words that state each right, in normal form (`*`: any word ending; Chinese anywhere).
/// The US states with a comprehensive consumer privacy law, whose residents such a law gives its
/// rights (CCPA/CPRA California; VCDPA Virginia; CPA Colorado; CTDPA Connecticut; UCPA Utah;
/// TDPSA Texas; OCPA Oregon; MCDPA Montana; ICDPA Iowa; DPDPA Delaware; NHPA New Hampshire; NJDPA
/// New Jersey; TIPA Tennessee; MCDPA Minnesota; MODPA Maryland; INCDPA Indiana; KCDPA Kentucky;
/// RIDTPPA Rhode Island; NDPA Nebraska), and Nevada's opt-out of sale (NRS 603A).
const PRIVACY_LAW_STATES: &[&str] = &[
    "california",
    "virginia",
    "colorado",
    "connecticut",
    "utah",
    "texas",
    "oregon",
    "montana",
    "iowa",
    "delaware",
    "new hampshire",
    "new jersey",
    "tennessee",
    "minnesota",
    "maryland",
    "indiana",
    "kentucky",
    "rhode island",
    "nebraska",
    "nevada",
];

/// The states whose residents a sentence speaks of (`Information for Virginia, Connecticut,
/// Colorado, and Utah Residents`): the reach of the rights it introduces. `None` when it speaks of
/// no residents.
pub fn residents_states(sentence: &str) -> Option<BTreeSet<&'static str>> {
    if !(sentence.contains("esident") || sentence.contains("ESIDENT")) {
        return None;
    }
    // (words in normal form: `Non-California` names California; `West Virginia` is no Virginia)
    let normal = crate::diff::text::normal_form(sentence).replace("west virginia", " ");
    let states = PRIVACY_LAW_STATES
        .iter()
        .copied()
        .filter(|s| super::consent::contains_term(&normal, s))
        .collect();
    Some(states)
}

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
            // (access coordinated with another right of the data subject's: `access or update
            // certain personal information`, `access, correct or delete`)
            "access or update",
            "access or correct",
            "access or amend",
            "access or modify",
            "access or delete",
            "access update",
            "access correct",
            "access amend",
            "access modify",
            "access delete",
            "access and update",
            "access and correct",
            "access and amend",
            "access and modify",
            "access and delete",
            "copy of your",
            "copy of the personal",
            "right to know",
            "查阅",
            // (PIPL Art. 45 查阅、复制其个人信息: copying one's data, not a text copied as it is)
            "复制您的",
            "复制你的",
            "复制其",
            "复制个人",
            "复制权",
            "副本",
        ],
    ),
    // (GDPR Art. 16 also lets the data subject complete or update their data: `update your
    // personal information`, `modify, or amend, your email address`)
    (
        Right::Rectification,
        &[
            "rectif*",
            "correct*",
            "update your personal*",
            "update your information",
            "update your data",
            "amend your",
            "or amend",
            "modify your personal*",
            "更正",
            "补充",
        ],
    ),
    (Right::Erasure, &["erase*", "erasure", "delet*", "删除"]),
    (
        Right::Portability,
        &["portab*", "machine readable", "可携带", "转移"],
    ),
    (Right::Restriction, &["restrict*", "limit the use", "限制"]),
    (Right::Objection, &["object*", "opt out", "opt outs", "拒绝"]),
    (
        Right::MarketingOptOut,
        &[
            "unsubscrib*",
            "opt out of marketing",
            "opt out of direct marketing",
            "opt out of promotional",
            "opt out of receiving",
            "退订",
            "取消订阅",
            "拒绝接收",
        ],
    ),
    (
        Right::WithdrawConsent,
        &[
            "withdraw*",
            "revoke*",
            "revocation",
            "撤回",
            "撤销",
            // (收回, take back, said of consent as 撤回 is)
            "收回授权",
            "收回您的授权",
            "收回同意",
        ],
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
    (Right::Appeal, &["appeal*", "binding arbitration", "申诉"]),
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
            "cancellation of your account",
            "account cancellation",
            "注销",
        ],
    ),
    (Right::NonDiscrimination, &["discriminat*", "歧视"]),
];

/// The ways a sentence tells users to exercise a right: where a request goes or what they do
/// themselves (GDPR Art. 12(2): the controller facilitates the exercise; PIPL Art. 50: a
/// convenient mechanism for requests; GB/T 35273-2020 §8.7), in normal form.
const WAYS: &[&str] = &[
    "settings",
    "setting",
    "turn off",
    "switch off",
    "toggle",
    "disable",
    "email",
    "e mail",
    "web form",
    "online form",
    "form",
    "portal",
    "phone",
    "telephone",
    "call us",
    "write to",
    "by post",
    "in writing",
    "account page",
    "设置",
    "关闭",
    "邮件",
    "邮箱",
    "电话",
    "表单",
    "信函",
    "书面",
];

/// The way a modified sentence that grants the same right before and after newly names to
/// exercise it (`contact customer service, or turn off the permission in your device's settings,
/// to withdraw your consent`): a changed procedure (§VIII 8.4). `old`, `new`: the changed
/// sentences.
pub fn way_added(old: &str, new: &str) -> Option<&'static str> {
    let (ro, rn) = (rights(old), rights(new));
    if !ro.iter().any(|r| rn.contains(r)) {
        return None;
    }
    // (words in quotes name a button or a menu, `“Account Settings and Profile”`: no way of their own)
    let unquoted = |s: &str| -> String {
        let mut out = String::with_capacity(s.len());
        let mut open: Option<char> = None;
        for c in s.chars() {
            match (open, c) {
                (None, '“' | '"' | '「') => open = Some(c),
                (Some('“'), '”') | (Some('"'), '"') | (Some('「'), '」') => {
                    open = None;
                    out.push(' ');
                }
                (None, _) => out.push(c),
                _ => {}
            }
        }
        out
    };
    let (on, nn) = (
        crate::diff::text::normal_form(&unquoted(old)),
        crate::diff::text::normal_form(&unquoted(new)),
    );
    WAYS.iter()
        .copied()
        .find(|w| super::consent::contains_term(&nn, w) && !super::consent::contains_term(&on, w))
}

/// The rights a normal-form text states (any mention; [`Right::Copy`] and [`Right::Explanation`]
/// count as access and automated decisions here).
pub fn stated(hay: &Haystack) -> BTreeSet<Right> {
    TERMS
        .iter()
        .filter(|(_, terms)| terms.iter().any(|t| hay.has(t)))
        .map(|(r, _)| *r)
        .collect()
}

/// The extractor's terms: a right granted or exercised, lowercase (see [`super::spans`]; the longest
/// term wins, so `拒绝或撤回授权` is consent withdrawn, not an objection). Sources as on [`Right`].
const GRANTED: &[(Right, &[&str])] = &[
    // GDPR Art. 15; PIPL Art. 45; CCPA §1798.110
    (
        Right::Access,
        &[
            "right to request access",
            "obtain access",
            "subject access",
            "access request*",
            "know what personal",
            "know whether",
            "know the categories",
            "know about the personal",
            "confirm whether",
            "access and receive",
            "access to personal*",
            "access to any personal*",
            "访问权",
            "查阅权",
            "查询您的",
            "查询你的",
            "right of access",
            "right to access",
            "right to know",
            "access your personal*",
            "access your data",
            "access your information",
            "access the personal*",
            "access the information",
            "access the data",
            "access to your personal*",
            "access to the personal*",
            "access to your data",
            "access to your information",
            "request access",
            "access,",
            "access or",
            "know/access",
            "access/portability",
            "whether we hold",
            "whether we are processing",
            "whether or not we are processing",
            "request for your personal*",
            "information about your personal data",
            "查阅",
            "查询",
            "访问您的",
            "访问你的",
            "访问、",
            "访问或",
            "有权访问",
        ],
    ),
    // GDPR Art. 15(3); PIPL Art. 45
    (
        Right::Copy,
        &[
            "copy of it",
            "copy of them",
            "copy of these",
            "copy of this information",
            "copy of this data",
            "obtain a copy",
            "receive a copy",
            "request a copy",
            "electronic copy",
            "paper copy",
            "获取副本",
            "获得副本",
            "copy of your",
            "copy of that",
            "copy of this",
            "copy of the personal*",
            "copy of the information",
            "copy of the data",
            "副本",
            "复制您的",
            "复制你的",
            "复制其",
            "复制个人",
            "复制权",
            "导出",
        ],
    ),
    // GDPR Art. 16; PIPL Art. 46
    (
        Right::Rectification,
        &[
            "right to correct",
            "request correction",
            "update your personal*",
            "update your information",
            "update your data",
            "modify your personal*",
            "amend*",
            "correct any",
            "correct or update",
            "correct, update",
            "inaccurate personal*",
            "incomplete personal*",
            "修改您的",
            "修改你的",
            "修正",
            "更正权",
            "rectif*",
            "correct your",
            "correct the",
            "correct inaccurate",
            "correct, or",
            "correct or",
            "correct,",
            "correction*",
            "update or correct",
            "更正",
            "补充",
            "完善",
        ],
    ),
    // GDPR Art. 17; PIPL Art. 47; CCPA §1798.105
    (
        Right::Erasure,
        &[
            "that we delete",
            "us to delete",
            "us delete",
            "deletion request*",
            "right to deletion",
            "request to delete",
            "delete any personal*",
            "delete all personal*",
            "删除权",
            "erasure",
            "erase*",
            "be forgotten",
            "right to delete",
            "request deletion",
            "request for deletion",
            "deletion of your",
            "delete your personal*",
            "delete your data",
            "delete your information",
            "delete the personal*",
            "delete personal*",
            "delete it",
            "or delete",
            "data deleted",
            "information deleted",
            "删除",
        ],
    ),
    // GDPR Art. 20; PIPL Art. 45
    (
        Right::Portability,
        &[
            "transfer your personal*",
            "transmit your personal*",
            "transmitted to another",
            "another controller",
            "structured, commonly used",
            "转移到其他",
            "转移给您指定",
            "转移您的个人信息",
            "portab*",
            "portable",
            "machine-readable",
            "machine readable",
            "转移至其他",
            "转移至指定",
            "转移至其指定",
            "转移给其他",
            "可携带",
        ],
    ),
    // GDPR Art. 18; PIPL Art. 44
    (
        Right::Restriction,
        &[
            "limit the use",
            "limit the processing",
            "limit our use",
            "limit how we use",
            "right to limit",
            "restrict how",
            "限制对",
            "限制使用",
            "限制我们处理",
            "restriction of processing",
            "restrict the processing",
            "restrict processing",
            "restrict our",
            "restrict the use",
            "right to restrict*",
            "right to restriction",
            "限制处理",
            "限制我们",
            "或限制",
        ],
    ),
    // GDPR Art. 21; PIPL Art. 44
    (
        Right::Objection,
        &[
            "object to the processing",
            "object to processing",
            "opt out of the processing",
            "opt out of profiling",
            "反对处理",
            "拒绝我们处理",
            "object to",
            "right to object",
            "objection",
            "拒绝或",
            "拒绝某些",
            "拒绝我们",
            "拒绝处理",
            "有权拒绝",
            "反对",
        ],
    ),
    // GDPR Art. 21(2)-(3); ePrivacy Directive Art. 13(2); CAN-SPAM §7704(a)(3); Advertising Law
    // Art. 43
    (
        Right::MarketingOptOut,
        &[
            "unsubscribe from",
            "unsubscribe at any time",
            "unsubscribe by",
            "unsubscribe via",
            "unsubscribe link",
            "opt out of marketing",
            "opt out of direct marketing",
            "opt out of promotional",
            "opt out of receiving",
            "退订",
            "取消订阅",
            "拒绝接收",
        ],
    ),
    // GDPR Art. 7(3); PIPL Art. 15; GB/T 35273-2020 §8.4
    (
        Right::WithdrawConsent,
        &[
            "withdraw your permission",
            "withdraw your authori*",
            "revoke your permission",
            "revoke your authori*",
            "撤回同意",
            "撤回授权",
            "撤回您的同意",
            "取消授权",
            "withdraw your consent",
            "withdraw consent",
            "withdraw their consent",
            "withdrawal of consent",
            "withdraw the consent",
            "revoke your consent",
            "revoke consent",
            "撤回",
            "撤销授权",
            "撤销同意",
            // (收回, take back, said of consent as 撤回 is)
            "收回授权",
            "收回您的授权",
            "收回同意",
            "拒绝或撤回授权",
            "授权同意的范围",
        ],
    ),
    // CCPA §1798.120
    (
        Right::OptOutOfSale,
        &[
            "do not sell",
            "opt out of sale",
            "opt out of the sale",
            "opt-out of sale",
            "opt-out of the sale",
            "opt out of selling",
            "opt out of sharing",
            "sale and sharing",
            "sale or sharing",
            "selling or sharing",
            "sell or share",
        ],
    ),
    // GDPR Art. 22; PIPL Art. 24
    (
        Right::AutomatedDecisions,
        &[
            "automated decision*",
            "automated individual decision*",
            "not to be subject",
            "自动化决策",
            "拒绝基于自动化决策",
        ],
    ),
    // PIPL Arts. 24 and 48
    (
        Right::Explanation,
        &[
            "right to an explanation",
            "obtain an explanation",
            "解释说明",
            "予以说明",
        ],
    ),
    // GDPR Art. 77; PIPL Art. 65
    (
        Right::Complaint,
        &[
            "complaint with",
            "lodge",
            "judicial remedy",
            "bring proceedings",
            "提起诉讼",
            "起诉",
            "lodge a complaint",
            "file a complaint",
            "make a complaint",
            "submit a complaint",
            "complain to",
            "投诉",
            "举报",
        ],
    ),
    // GB/T 35273-2020 §8.5; PIPL Art. 47
    (
        Right::AccountDeletion,
        &[
            "close their account",
            "account closure",
            "terminate your account",
            "delete my account",
            "注销账号",
            "注销帐号",
            "注销账户",
            "delete your account",
            "delete their account",
            "close your account",
            "deactivate your account",
            "cancel your account",
            "cancellation of your account",
            "account cancellation",
            "account deletion",
            "注销",
        ],
    ),
];

/// The words that make a sentence about the user's rights, what the user may do or ask (a heading,
/// of a few words, needs none): `we delete it after a year` and 我们会删除已收集的个人信息 state no
/// right.
const ABOUT_RIGHTS_ZH: &[&str] = &[
    "可以",
    "可通过",
    "可要求",
    "可向",
    "可在",
    "可随时",
    "您可",
    "你可",
    "有权",
    "请求",
    "要求",
    "申请",
    "提出",
    "权利",
    "随时",
];
const ABOUT_RIGHTS_EN: &[&str] = &[
    "right",
    "rights",
    "request*",
    "you can",
    "you may",
    "you have",
    "ask us",
    "ask that",
    "wish*",
    "exercis*",
    "able to",
    "opt out",
    "opt-out",
    "choose",
    "contact us",
    "call us",
    "email",
];

/// Phrases that hold a right's word in another sense (`access or use our services`).
const NOT_RIGHTS: &[&str] = &[
    "access or use",
    "access and use",
    "access our",
    "access the service*",
    "a copy of our",
    "copy of this policy",
    "copy of this notice",
    "copy of this privacy",
    "copy of the policy",
    "copy of the notice",
    // access denied to someone, as small apps promise of themselves (`we cannot access your
    // data`, `开发者无法访问`): no right granted
    "cannot access",
    "can't access",
    "can not access",
    "not have access",
    "no access to",
    "never access",
    "无法访问",
    "不能访问",
    "无权访问",
    "不会访问",
];

/// Who a complaint counts against: an authority, a court or a regulator, not the company itself
/// (GDPR Art. 77; PIPL Art. 65).
const AUTHORITY: &[&str] = &[
    "authorit*",
    "regulator*",
    "commissioner*",
    // a data protection commission (Ireland's, France's Commission nationale de l'informatique
    // et des libertés)
    "commission",
    "court*",
    "ombudsman",
    "attorney general",
    "监管",
    "机构",
    "法院",
    "部门",
    "机关",
    "网信",
];

/// [`GRANTED`], searched in one pass.
static GRANTED_LEXICON: super::spans::Lexicon<'static, Right> = super::spans::Lexicon::new(GRANTED);

/// The rights a sentence grants or tells the user how to exercise, each once, in the order of
/// [`Right`].
pub fn rights(text: &str) -> Vec<Right> {
    use super::spans::{lower, occurrences, spans};
    let low = lower(text);
    let has = |terms: &[&str]| terms.iter().any(|t| !occurrences(&low, t).is_empty());
    let chinese = text.chars().any(crate::diff::text::is_cjk);
    let heading = text.chars().filter(|c| !c.is_whitespace()).count() <= 20;
    if !heading && !has(if chinese { ABOUT_RIGHTS_ZH } else { ABOUT_RIGHTS_EN }) {
        return vec![];
    }
    let noise: Vec<(usize, usize)> = NOT_RIGHTS.iter().flat_map(|t| occurrences(&low, t)).collect();
    let mut out: Vec<Right> = spans(&low, &GRANTED_LEXICON)
        .into_iter()
        .filter(|s| noise.iter().all(|&(a, b)| s.end <= a || b <= s.start))
        .map(|s| s.kind)
        .filter(|r| *r != Right::Complaint || has(AUTHORITY))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::text::normal_form;

    #[test]
    fn access_denied_to_someone_is_no_right() {
        assert!(rights("We cannot access your data: it stays on your device.").is_empty());
        assert!(rights("我们作为开发者无法访问或查看您的任何数据。").is_empty());
        assert!(rights("您可以访问或更正您的个人信息。").contains(&Right::Access));
    }

    #[test]
    fn copying_a_text_is_no_right_to_a_copy() {
        assert!(rights("你可以原样复制使用，只需要把邮箱换成你自己的即可。").is_empty());
        assert!(rights("您有权复制您的个人信息。").contains(&Right::Copy));
    }

    #[test]
    fn the_states_whose_residents_a_sentence_names() {
        let states = |s: &str| residents_states(s).map(|v| v.into_iter().collect::<Vec<_>>());
        assert_eq!(
            states("Information for Virginia, Connecticut, and Utah Residents Only"),
            Some(vec!["connecticut", "utah", "virginia"])
        );
        assert_eq!(states("For Non-California residents"), Some(vec!["california"]));
        assert_eq!(states("Residents of West Virginia"), Some(vec![]));
        assert_eq!(states("California consumers may ask"), None);
    }

    fn of(s: &str) -> Vec<Right> {
        stated(&Haystack::new(&normal_form(s))).into_iter().collect()
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
        // a way of exercising a right newly named in its sentence, in both languages
        assert_eq!(
            way_added(
                "You may contact customer service to withdraw your consent.",
                "You may contact customer service, or turn off the permission in your device's settings, to withdraw your consent."
            ),
            Some("settings")
        );
        assert_eq!(
            way_added(
                "您可以联系客服撤回您的同意。",
                "您可以联系客服或在系统设置中关闭相应权限，撤回您的同意。"
            ),
            Some("设置")
        );
        // reworded with the ways it had, or a way named in a sentence granting no right
        assert_eq!(
            way_added(
                "Email us to delete your data.",
                "Send us an email to delete your personal data."
            ),
            None
        );
        assert_eq!(way_added("We may call you.", "We may call you by phone."), None);
        assert_eq!(
            way_added(
                "You may delete your account by contacting us.",
                "You may delete your account by contacting us: select “Account Settings and Profile”."
            ),
            None
        );
        // unsubscribing from marketing is a right apart from opting out of cookies
        assert_eq!(
            of("You can unsubscribe from our newsletter at any time."),
            [Right::MarketingOptOut]
        );
        assert_eq!(of("You can opt out of cookies."), [Right::Objection]);
        assert_eq!(of("如不愿接收，您可以回复短信退订。"), [Right::MarketingOptOut]);
    }

    #[test]
    fn rights_granted_are_extracted() {
        assert_eq!(
            rights("You have the right to request that we delete Personal Data we collected."),
            [Right::Erasure]
        );
        assert_eq!(
            rights("您有权拒绝或撤回授权；您可以注销您的帐号。"),
            [Right::WithdrawConsent, Right::AccountDeletion]
        );
        assert_eq!(
            rights("You may lodge a complaint with a supervisory authority."),
            [Right::Complaint]
        );
        assert_eq!(
            rights("You may access, correct, or delete the personal information we collect."),
            [Right::Access, Right::Rectification, Right::Erasure]
        );
        assert!(rights("You may access or use the Services.").is_empty());
        assert!(rights("You may request a copy of our cookie policy.").is_empty());
        assert!(rights("我们建议您定期查阅本页面，以获取我们隐私权实践的最新信息。").is_empty());
        assert_eq!(rights("删除您的个人信息"), [Right::Erasure]);
        // deleted by the company, and a complaint to the company
        assert!(rights("Photos marked for deletion are removed after 30 days.").is_empty());
        assert!(rights("如您有任何疑问、建议或投诉，请与我们联系。").is_empty());
    }
}
