//! Users' rights narrowed by a passage (§VIII: such a change needs express consent): a new ground
//! for refusing requests, a fee (or the only promise that requests are free taken out), a right
//! negated or made conditional, and rights taken out: a right counts as taken out only when the new
//! version states it nowhere else ([`super::rights`]), or when a listed ground or way of exercising
//! it goes.

use super::evidence::Documents;
use super::lexicon::excerpt;
use super::rights::{Right, stated};
use super::rules::Haystack;
use super::{Change, Consent, Found, Kind, Role, RuleSet};
use crate::diff::text::{normal_form, words};

pub(super) fn rights_consent(
    change: &Change,
    ins: &str,
    del: &str,
    rules: &RuleSet,
    lx: &str,
    docs: &Documents<'_>,
    found: &mut Found,
) {
    let (ni, nd) = (normal_form(ins), normal_form(del));
    let lead = normal_form(change.lead_in.as_deref().unwrap_or(""));
    let is_refusal_list = refuses_requests(&lead);
    let fee = |s: &str| {
        // a fee named, or priced in a currency (GDPR Art. 12(5), GB/T 35273-2020 §8.7: requests
        // are free of charge in principle)
        [
            "fee", "fees", "charge", "charges", "cost", "costs", "eur", "usd", "gbp", "rmb", "cny", "收费",
            "费用",
        ]
        .iter()
        .filter(|k| contains_term(s, k))
        .count()
            + usize::from(yuan_amount(s))
    };
    let negation = |s: &str| NEGATIONS.iter().filter(|k| s.contains(*k)).count();
    let rights_terms = |s: &str| {
        rules
            .by_role(Role::Rights)
            .map_or(0, |c| c.strong_hits(s, lx).len() + c.medium_hits(s, lx).len())
    };
    // the rights named in `taken` and in none of `kept` nor anywhere in the new version: text
    // about a right taken out while the right is still stated elsewhere removes nothing
    let lost = |taken: &str, kept: &str| -> Vec<Right> {
        let still = stated(&Haystack::new(kept));
        stated(&Haystack::new(taken))
            .into_iter()
            .filter(|r| !still.contains(r) && !docs.rights(true).contains(r))
            .collect()
    };
    let free = |s: &str| FREE.iter().any(|k| contains_term(s, k));
    let consent = match change.kind {
        Kind::Added if is_refusal_list => Some(Consent::RefusalGround(excerpt(ins))),
        // a passage saying requests may be refused, where the old version said so nowhere
        Kind::Added if refusing_sentence(ins) && !refuses_requests(docs.normal(false)) => {
            Some(Consent::RefusalGround(excerpt(ins)))
        }
        Kind::Added if fee(&ni) > 0 && !free(&ni) => Some(Consent::FeeAdded(excerpt(ins))),
        // a new statement that a right cannot be exercised (`you cannot delete …`, `您不能删除…`)
        Kind::Added if denies_user_a_right(&ni) => Some(Consent::RightRestricted(excerpt(ins))),
        // requests were said to be free of charge, and the new version no longer says so
        Kind::Removed if free(&nd) && !free(docs.normal(true)) => Some(Consent::NoLongerFree(excerpt(del))),
        Kind::Removed if !is_refusal_list => {
            // an item of a list introduced as a right's grounds or ways (`you may ask us to
            // delete it where:`) is one of them taken away; other text, a right taken away only
            // when the new version states it nowhere else
            let lead_rights = stated(&Haystack::new(&lead));
            let rights = if !lead_rights.is_empty() {
                lead_rights.into_iter().collect()
            } else {
                lost(&nd, "")
            };
            (!rights.is_empty()).then(|| Consent::TextRemoved {
                rights,
                excerpt: excerpt(del),
            })
        }
        Kind::Modified => {
            // the sentence that said requests are free now names a fee (`原则上不收取费用` →
            // `可能酌情收取费用`: the fee word stays, the promise goes)
            let (os, ns) = super::lexicon::changed_sentences(
                change.old.as_deref().unwrap_or(""),
                change.new.as_deref().unwrap_or(""),
            );
            let (on, nn) = (normal_form(&os), normal_form(&ns));
            if fee(&ni) > fee(&nd) && !free(&ni) || free(&on) && !free(&nn) && fee(&nn) > 0 {
                Some(Consent::FeeAdded(excerpt(if ins.trim().is_empty() {
                    &ns
                } else {
                    ins
                })))
            } else if negation(&ni) > negation(&nd) && {
                // (the words around a negation are in its sentences, not in the changed words)
                let (os, ns) = super::lexicon::changed_sentences(
                    change.old.as_deref().unwrap_or(""),
                    change.new.as_deref().unwrap_or(""),
                );
                user_negations(&normal_form(&ns)) > user_negations(&normal_form(&os))
            } {
                Some(Consent::RightRestricted(excerpt(ins)))
            } else if let Some(sentence) = qualified(change) {
                Some(Consent::RightQualified(excerpt(&sentence)))
            } else if let Some(sentence) = condition_joined(change)
                .or_else(|| step_required(change).map(|(_, new)| new))
                .or_else(|| promise_weakened(change, rules, lx).map(|(_, new)| new))
            {
                Some(Consent::RightQualified(excerpt(&sentence)))
            } else if let Some(ground) = refusal_ground_added(change).or_else(|| exception_widened(change)) {
                Some(Consent::RefusalGround(excerpt(&ground)))
            } else if rights_terms(&nd) > rights_terms(&ni) && words(&ni).len() < words(&nd).len() {
                let rights = lost(&nd, &ni);
                (!rights.is_empty()).then(|| Consent::RightWordsRemoved {
                    rights,
                    excerpt: excerpt(del),
                })
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

/// Words that negate an ability or a promise.
const NEGATIONS: &[&str] = &[
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
];

/// The negations in a (normal-form) sentence of what the user may do or of our answering them
/// (`you can no longer delete`, `we will not respond`, `您将无法注销`), not of what we do with data
/// (`… will not be shared with any third parties`: a promise, which narrows no right).
fn user_negations(s: &str) -> usize {
    NEGATIONS
        .iter()
        .flat_map(|k| s.match_indices(k))
        .filter(|(at, k)| {
            let before: Vec<&str> = s[..*at].split_whitespace().rev().take(3).collect();
            let after: Vec<&str> = s[at + k.len()..].split_whitespace().take(4).collect();
            let zh_after: String = s[at + k.len()..].chars().take(12).collect();
            let zh_before: String = {
                let near: Vec<char> = s[..*at].chars().rev().take(6).collect();
                near.into_iter().rev().collect()
            };
            before.iter().any(|w| matches!(*w, "you" | "user" | "users"))
                || RIGHT_VERBS.iter().any(|v| {
                    after.iter().any(|w| w.starts_with(v)) || (!v.is_ascii() && zh_after.contains(v))
                })
                || ["您", "用户"].iter().any(|u| zh_before.contains(u))
        })
        .count()
}

/// Verbs of exercising a right, or of answering a request (GDPR Arts. 12 and 15–22; PIPL Arts.
/// 44–47, 50): a negation before one of them narrows the right.
const RIGHT_VERBS: &[&str] = &[
    "access",
    "delet",
    "eras",
    "correct",
    "rectif",
    "updat",
    "withdraw",
    "object",
    "opt",
    "port",
    "download",
    "request",
    "unsubscrib",
    "respond",
    "reply",
    "answer",
    "honor",
    "honour",
    "accept",
    "process your request",
    "查阅",
    "访问",
    "复制",
    "删除",
    "更正",
    "撤回",
    "注销",
    "获取",
    "转移",
    "退订",
    "响应",
    "答复",
    "受理",
    "处理您的",
];

/// Does a (normal-form) passage tell the user they cannot do what a right lets them do (`you cannot
/// delete …`, `您无法撤回…`): the user as the subject, a negated ability, and the right's verb right
/// after it (GDPR Arts. 15-21; PIPL Arts. 44-47: access, correct, delete, withdraw, object, port)?
fn denies_user_a_right(normal: &str) -> bool {
    const DENIED: &[&str] = &[
        "you cannot ",
        "you can not ",
        "you may not ",
        "you will not be able to ",
        "you are not able to ",
        "you will no longer be able to ",
        "您不能",
        "您无法",
        "您将无法",
        "您不可以",
    ];
    const VERBS: &[&str] = &[
        "access",
        "delete",
        "erase",
        "correct",
        "rectify",
        "update",
        "withdraw",
        "object",
        "opt out",
        "port",
        "download",
        "request",
        "unsubscribe",
    ];
    // what the verb acts on: the user's own data, not the service (`you may not access the app`)
    const OBJECTS: &[&str] = &["your", "data", "information", "account", "it", "them", "from"];
    DENIED.iter().any(|d| {
        normal.match_indices(d).any(|(at, _)| {
            let rest = &normal[at + d.len()..];
            let words: Vec<&str> = rest.split_whitespace().take(5).collect();
            let english = VERBS.iter().any(|v| {
                let n = v.split(' ').count();
                words.len() > n
                    && words[..n].join(" ") == *v
                    && words[n..].iter().take(3).any(|w| OBJECTS.contains(w))
            });
            // a Chinese verb ends its clause (`您无法从我们的邮件列表中退订`)
            let clause: String = rest
                .split([',', '.', ';', '，', '。', '；'])
                .next()
                .unwrap_or("")
                .chars()
                .take(24)
                .collect();
            english || RIGHT_VERBS.iter().any(|v| !v.is_ascii() && clause.contains(v))
        })
    })
}

/// Does a (normal-form) text say the company may refuse or not answer requests (GDPR Art. 12(5);
/// GB/T 35273-2020 §8.7: the grounds for refusing are the exceptions to answering)?
pub(super) fn refuses_requests(normal: &str) -> bool {
    REFUSAL.iter().any(|k| normal.contains(k))
        && ["respond", "request", "响应", "请求"]
            .iter()
            .any(|k| normal.contains(k))
}

/// Phrases that say a request may go unanswered.
const REFUSAL: &[&str] = &[
    "not be able to respond",
    "unable to respond",
    "may refuse",
    "may reject",
    "may decline",
    "will not respond",
    "cannot respond",
    // GDPR Art. 12(5): the controller may "refuse to act on the request"
    "refuse to act",
    "decline to act",
    "decline your request",
    "refuse your request",
    "deny your request",
    "reject your request",
    "无法响应",
    "不予响应",
    "拒绝",
    "无法",
];

/// Does one sentence of a passage say requests may be refused (the refusal and the
/// request in the same sentence: `…无法恢复。…请求删除…` says no such thing)? A refusal under a
/// condition or named as the thing appealed (`If we deny your request, you may appeal`, `the right
/// to appeal our decision to deny your request`) tells what follows a refusal, not a ground for one.
fn refusing_sentence(text: &str) -> bool {
    const AFTER_REFUSAL: &[&str] = &["if", "when", "should", "decision", "decisions", "appeal"];
    // (the sentences of the text as written, each in normal form: the normal form has no stops)
    crate::diff::sentences(text).into_iter().any(|(_, s)| {
        refuses_requests(&s)
            // (`无法` alone says too little here: `您将无法使用…`)
            && REFUSAL.iter().filter(|k| **k != "无法").any(|k| {
                s.match_indices(k).any(|(at, _)| {
                    let before = &s[..at];
                    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
                    let near: Vec<char> = before.chars().rev().take(6).collect();
                    let near: String = near.into_iter().rev().collect();
                    !words.iter().any(|w| AFTER_REFUSAL.contains(w))
                        && !["如果", "若", "一旦"].iter().any(|k| near.contains(k))
                })
            })
    })
}

/// The changed sentence of a modification that puts words into a sentence saying requests may be
/// refused, and takes none out: one more ground for refusing them (`…, concern information more
/// than 12 months old, or are highly impractical`); or one whose grounds, counted by their
/// conditions, grew though it was reworded (`including if the request is unlawful or if …` →
/// `including if we are unable to authenticate you, if the request is unlawful or invalid, or if …`).
pub(super) fn refusal_ground_added(change: &Change) -> Option<String> {
    let (old, new) = (change.old.as_deref()?, change.new.as_deref()?);
    // (most modifications say nothing of refusing: passed over before their sentences are
    // compared; the words' ends, in any case of their first letter)
    if !["efuse", "eject", "ecline", "espond", "拒绝", "无法", "不予"]
        .iter()
        .any(|k| new.contains(k))
    {
        return None;
    }
    let takes_out = change
        .redline
        .iter()
        .any(|s| matches!(s, crate::diff::text::Segment::Del(t) if t.chars().any(char::is_alphanumeric)));
    let (os, ns) = super::lexicon::changed_sentences(old, new);
    let (on, nn) = (normal_form(&os), normal_form(&ns));
    if !(refuses_requests(&on) && refuses_requests(&nn)) {
        return None;
    }
    let (ow, nw) = (words(&on), words(&nn));
    // every old word kept, in order, and at least two put in
    let mut kept = nw.iter();
    let subsequence = !takes_out && ow.iter().all(|w| kept.any(|x| x == w)) && nw.len() >= ow.len() + 2;
    // the conditions under which a request may be refused
    let grounds = |w: &[&str], n: &str| {
        w.iter()
            .filter(|x| matches!(**x, "if" | "where" | "unless"))
            .count()
            + n.matches("如果").count()
    };
    (subsequence || grounds(&nw, &nn) > grounds(&ow, &on)).then_some(ns)
}

/// The changed sentence of a modification that makes a step users may have to take to exercise a
/// right one they must take (`you may need to make a written request or otherwise prove your
/// identity` → `you must make a written request and prove your identity`, `您可能需要…` →
/// `您须…`): a stricter procedure (GDPR Art. 12(2) and (6): the controller facilitates requests
/// and asks for identification only where it has reasonable doubts).
pub(super) fn step_required(change: &Change) -> Option<(String, String)> {
    const OPTIONAL: &[&str] = &[
        "may need to",
        "may be required to",
        "may have to",
        "may ask you to",
        "may be asked to",
        "might need to",
        "may request that you",
        "可能需要",
        "可能会要求",
        "可能要求",
        "或许需要",
    ];
    const REQUIRED: &[&str] = &[
        "must",
        "are required to",
        "will be required to",
        "will need to",
        "need to",
        "have to",
        "shall",
        "须",
        "需要",
        "应当",
        "务必",
    ];
    const REQUESTS: &[&str] = &[
        "request",
        "verify",
        "verification",
        "identity",
        "proof",
        "请求",
        "申请",
        "身份",
        "验证",
    ];
    let (os, ns) = super::lexicon::changed_sentences(change.old.as_deref()?, change.new.as_deref()?);
    let (on, nn) = (normal_form(&os), normal_form(&ns));
    let has = |s: &str, ks: &[&str]| ks.iter().any(|k| contains_term(s, k));
    (has(&on, OPTIONAL)
        && !has(&nn, OPTIONAL)
        && has(&nn, REQUIRED)
        && has(&on, REQUESTS)
        && has(&nn, REQUESTS))
    .then_some((os, ns))
}

/// The words a modification puts, and nothing else, into the exception a sentence granting a right
/// makes (`you have the right to access it, except in circumstances set forth in laws and
/// regulations` → `… laws and regulations or in our User Agreement`, `除法律法规规定的例外情况外，
/// 您有权访问` → `除法律法规或本应用《用户协议》规定的…外`): one more case where the right does
/// not hold.
pub(super) fn exception_widened(change: &Change) -> Option<String> {
    use crate::diff::text::Segment;
    // one run put in, or a word re-written with the words put after it (`regulations.` →
    // `regulations or in our User Agreement.`: the redline keeps punctuation with its word)
    let changed: Vec<&Segment> = change
        .redline
        .iter()
        .filter(|s| !matches!(s, Segment::Same(_)))
        .collect();
    let (taken, put) = match changed.as_slice() {
        [Segment::Ins(b)] => ("", b.as_str()),
        [Segment::Del(a), Segment::Ins(b)] | [Segment::Ins(b), Segment::Del(a)] => (a.as_str(), b.as_str()),
        _ => return None,
    };
    let prefix = taken
        .char_indices()
        .zip(put.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((i, a), _)| i + a.len_utf8());
    let suffix = taken[prefix..]
        .chars()
        .rev()
        .zip(put[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    if prefix + suffix != taken.len() {
        return None;
    }
    let (lead, tail) = (&put[..prefix], &put[put.len() - suffix..]);
    let put = &put[prefix..put.len() - suffix];
    let mut before = String::new();
    let mut after = String::new();
    let mut seen = false;
    for s in &change.redline {
        match s {
            Segment::Same(t) if seen => after.push_str(t),
            Segment::Same(t) => before.push_str(t),
            _ => seen = true,
        }
    }
    before.push_str(lead);
    after.insert_str(0, tail);
    // the sentence (or clause) the words went into
    let start = before
        .char_indices()
        .rfind(|(_, c)| matches!(c, '.' | '。' | ';' | '；' | '\n'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (head, rest) = (before[start..].to_lowercase(), after.to_lowercase());
    let end = rest.find(['.', '。', ';', '；', '\n']).unwrap_or(rest.len());
    let sentence = format!("{head}{} {}", put.to_lowercase(), &rest[..end]);
    // (a sentence granting users something: `we delete your data … unless …` grants nothing)
    let grants = ["right to", "you have the right", "entitled", "有权", "权利"]
        .iter()
        .any(|k| sentence.contains(k))
        || !stated(&Haystack::new(&normal_form(&sentence))).is_empty()
            && ["you have access", "you can", "you may", "您可以", "你可以"]
                .iter()
                .any(|k| sentence.contains(k));
    // inside the exception: after the word `except` or `unless`, or between `除` and its `外`
    let en = head
        .split(|c: char| !c.is_alphanumeric())
        .collect::<Vec<_>>()
        .iter()
        .rposition(|w| matches!(*w, "except" | "unless"))
        .is_some_and(|_| {
            let at = head
                .rfind("except ")
                .into_iter()
                .chain(head.rfind("unless "))
                .max()
                .unwrap_or(0);
            !head[at..].contains(',')
        });
    let zh = head
        .rfind('除')
        .is_some_and(|at| !head[at..].contains(['，', ',']))
        && {
            let clause_end = rest.find(['，', ',']).unwrap_or(end);
            rest[..clause_end].contains('外')
        };
    let entry = put.trim();
    let joined = ["or ", "and ", "或", "和", "及", "、"]
        .iter()
        .any(|j| entry.starts_with(j) || entry.contains(&format!(" {j}")));
    (grants && joined && (en || zh)).then(|| put.trim().to_string())
}

/// The changed sentences of a modification that turns what we promise into what we may do, and
/// nothing else (`we will provide a means of appeal` → `we may provide …`, `我们也将…提供申诉方法`
/// → `我们也可能…`), in a sentence about users' rights: a right's guarantee made discretionary.
pub(super) fn promise_weakened(change: &Change, rules: &RuleSet, lx: &str) -> Option<(String, String)> {
    let (os, ns) = super::lexicon::changed_sentences(change.old.as_deref()?, change.new.as_deref()?);
    let (on, nn) = (normal_form(&os), normal_form(&ns));
    let weakened = [
        (" will ", " may "),
        (" shall ", " may "),
        (" will ", " might "),
        ("将", "可能"),
        ("会", "可能"),
        ("将", "可能会"),
    ]
    .iter()
    .any(|(promise, maybe)| {
        let padded = format!(" {on} ");
        padded.match_indices(promise).any(|(at, _)| {
            let mut s = padded.clone();
            s.replace_range(at..at + promise.len(), maybe);
            s.trim() == nn
        })
    });
    let about_rights = rules.by_role(Role::Rights).is_some_and(|c| {
        let hay = Haystack::new(&on);
        !c.strong_in(&hay, lx).is_empty() || !c.medium_in(&hay, lx).is_empty()
    }) || !stated(&Haystack::new(&on)).is_empty();
    (weakened && about_rights).then_some((os, ns))
}

/// The changed sentence of a modification that joins another condition to a condition (`If you
/// no longer use our services` → `… and have already cancelled your account`, `如果…，且已注销账号`):
/// a ground for exercising a right that now holds in fewer cases. (A ground for refusing a
/// request, joined so, holds in fewer cases too, which widens the right: not this.)
pub(super) fn condition_joined(change: &Change) -> Option<String> {
    let (old, new) = (change.old.as_deref()?, change.new.as_deref()?);
    if !["and ", "且", "并", "同时"].iter().any(|k| new.contains(k)) {
        return None;
    }
    let (os, ns) = super::lexicon::changed_sentences(old, new);
    // the sentence, past a list number (`3.4`, `(2)`, `（二）`)
    let bare = |s: &str| -> String {
        s.trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || ".()（）一二三四五六七八九十、-*".contains(c)
        })
        .to_lowercase()
    };
    let (ob, nb) = (bare(&os), bare(&ns));
    if !super::lexicon::conditional(&ob) || refuses_requests(&normal_form(&nb)) {
        return None;
    }
    // the old condition kept whole, a conjunction after it
    let stem = ob.trim_end_matches(|c: char| !c.is_alphanumeric());
    let rest = nb.strip_prefix(stem)?;
    let rest = rest.trim_start_matches([',', '，', ' ']);
    ["and ", "且", "并且", "并已", "同时"]
        .iter()
        .any(|k| rest.starts_with(k))
        .then_some(ns)
}

/// Phrases that say requests cost nothing (GDPR Art. 12(5); GB/T 35273-2020 §8.7).
const FREE: &[&str] = &[
    "free of charge",
    "free of cost",
    "at no cost",
    "at no charge",
    "without charge",
    "do not charge",
    "will not charge",
    "不收取",
    "免费",
];

/// Phrases that make a right conditional (GDPR Art. 17(3), Art. 20(1) and Art. 21: the grounds on
/// which a right applies; PIPL Art. 47: 有下列情形之一的): a statement of a right that gains one now
/// holds only sometimes.
const QUALIFIERS: &[&str] = &[
    "in certain circumstances",
    "in some circumstances",
    "in certain cases",
    "in some cases",
    "where applicable",
    "if applicable",
    "where required by",
    "to the extent required",
    "to the extent permitted",
    "subject to",
    "limited to",
    "may be limited",
    "may be restricted",
    "except",
    "unless",
    "在某些情况下",
    "特定情况下",
    "符合法律",
    "仅限",
    "除外",
    "除非",
];

/// The changed sentence of a modified passage when it states a right it stated before and now
/// holds more qualifiers that make it conditional ([`QUALIFIERS`] or [`PRECONDITIONS`]).
fn qualified(change: &Change) -> Option<String> {
    more_of(change, &[QUALIFIERS, PRECONDITIONS, FREQUENCY, PROOF]).map(|(_, new)| new)
}

/// Qualifiers that put a precondition before a right: it holds only once users meet it (GDPR
/// Art. 12(2): the controller facilitates the exercise of rights; PIPL Art. 50: 便捷的申请受理和
/// 处理机制).
const PRECONDITIONS: &[&str] = &[
    "only if",
    "only where",
    "only when",
    "only after",
    "only once",
    "provided that",
    "on condition that",
    "方可",
    "前提下",
];

/// Words that limit how often a right may be exercised (`once in any 12-month period`, `每12个月
/// …一次`): requests are free and may be refused only when manifestly unfounded or excessive (GDPR
/// Art. 12(5)); a business need not answer more than twice in 12 months only where a law says so
/// (CCPA §1798.130(b)).
const FREQUENCY: &[&str] = &[
    "once a",
    "once per",
    "once in",
    "once every",
    "once within",
    "twice a",
    "twice per",
    "twice in",
    "twice every",
    "twice within",
    "times a year",
    "times per year",
    "month period",
    "per calendar year",
    "每年",
    "每月",
    "每季度",
    "个月",
    "一次",
    "两次",
];

/// Words that ask users for proof before a right holds (`and can provide official documents
/// proving …`, `提供证明材料`): more than the identity check a controller may ask for when it has
/// reasonable doubts (GDPR Art. 12(6)); a right made conditional.
const PROOF: &[&str] = &[
    "proof",
    "prove",
    "proving",
    "evidence",
    "documents",
    "documentation",
    "证明",
    "证明材料",
    "凭证",
];

/// The changed sentences, old and new, of a modified passage that states a right it stated before
/// and now makes it hold only on a precondition (`only after`, `方可`) or only so often (`once in
/// any 12-month period`, or on proof: `documents proving …`): a right made conditional (GDPR Art. 12(2) and 12(5), PIPL Art. 50: the
/// exercise of rights is to be facilitated).
pub(super) fn condition_added(change: &Change) -> Option<(String, String)> {
    more_of(change, &[PRECONDITIONS, FREQUENCY, PROOF])
}

/// The changed sentences of a modified passage that states a right on both sides and holds more
/// of the `words` lists' words in its new sentence than in its old.
fn more_of(change: &Change, words: &[&[&str]]) -> Option<(String, String)> {
    let (old, new) = (change.old.as_deref()?, change.new.as_deref()?);
    let (os, ns) = super::lexicon::changed_sentences(old, new);
    let (on, nn) = (normal_form(&os), normal_form(&ns));
    let count = |s: &str| {
        words
            .iter()
            .flat_map(|w| w.iter())
            .filter(|q| contains_term(s, q))
            .count()
    };
    let (ro, rn) = (stated(&Haystack::new(&on)), stated(&Haystack::new(&nn)));
    (count(&nn) > count(&on) && ro.intersection(&rn).next().is_some()).then_some((os, ns))
}

/// Does a text price something in yuan: 元 right after a number (`20元`, `二十 元`)? 元 elsewhere is
/// part of a word (元数据 metadata, 单元 unit, 元素 element).
fn yuan_amount(normal: &str) -> bool {
    normal.match_indices('元').any(|(at, _)| {
        normal[..at]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || "零一二三四五六七八九十百千万两".contains(c))
    })
}

pub(super) fn contains_term(normal: &str, term: &str) -> bool {
    if !term.is_ascii() {
        return normal.contains(term);
    }
    if term.contains(' ') {
        return format!(" {normal} ").contains(&format!(" {term} "));
    }
    normal.split(' ').any(|w| w == term)
}

#[cfg(test)]
mod tests {
    #[test]
    fn yuan_is_a_price_only_after_a_number() {
        assert!(super::yuan_amount("每次请求收取20元"));
        assert!(super::yuan_amount("收取二十 元"));
        assert!(!super::yuan_amount("仓库元数据和通知元数据"));
        assert!(!super::yuan_amount("多元化的服务单元"));
    }

    #[test]
    fn a_user_denied_a_right_is_told_so_in_words() {
        let n = crate::diff::text::normal_form;
        assert!(denies_user_a_right(&n(
            "You cannot delete your personal information yourself."
        )));
        assert!(denies_user_a_right(&n("您无法撤回已经作出的授权。")));
        assert!(denies_user_a_right(&n("您无法从我们的邮件列表中退订。")));
        // a negation about something else
        assert!(!denies_user_a_right(&n(
            "If we cannot verify your identity, we will ask again."
        )));
        assert!(!denies_user_a_right(&n(
            "You cannot use the app without an account."
        )));
        assert!(!denies_user_a_right(&n(
            "You may not access our services if you are under 16."
        )));
        assert!(denies_user_a_right(&n(
            "You will not be able to unsubscribe from our emails."
        )));
    }

    use super::*;

    #[test]
    fn a_ground_for_refusing_is_told_apart_from_what_follows_a_refusal() {
        assert!(refusing_sentence(
            "Applicable law may require or permit us to decline your request."
        ));
        assert!(refusing_sentence("我们可能拒绝您的请求。"));
        // what follows a refusal, or the refusal appealed
        assert!(!refusing_sentence(
            "If we deny your request, you may appeal by emailing us."
        ));
        assert!(!refusing_sentence(
            "You have the right to appeal our decision to deny your request."
        ));
        assert!(!refusing_sentence("如果我们拒绝您的请求，我们会说明理由。"));
        // a refusal and a request in two sentences
        assert!(!refusing_sentence("删除后无法恢复。您可以请求删除数据。"));
        assert!(!refusing_sentence(
            "我们拒绝任何形式的垃圾邮件。您可以请求删除数据。"
        ));
    }

    #[test]
    fn terms_match_whole_words_and_chinese_anywhere() {
        assert!(contains_term("a fee applies", "fee"));
        assert!(!contains_term("coffee applies", "fee"));
        assert!(contains_term("需要收费的情形", "收费"));
        assert!(contains_term("only if you ask", "only if"));
        assert!(!contains_term("commonly if", "only if"));
    }
}
