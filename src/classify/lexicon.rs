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
            // (`*` ends a word beginning, also before a gap: `train* … model*`)
            .map(|t| t.replace('*', ""))
            .collect(),
        excerpt: excerpt(passage),
    }
}

/// A list item, table row, or a paragraph numbered like one (`3.4 …`, `(2) …`, `（二）…`).
pub(super) fn is_item(change: &Change) -> bool {
    let text = change.new.as_deref().or(change.old.as_deref()).unwrap_or("");
    change.block_kind.is_some_and(|k| k.is_item(text))
}

/// The last `n` characters of `s` (all of it when shorter), a slice of it.
fn last_chars(s: &str, n: usize) -> &str {
    match n.checked_sub(1).and_then(|k| s.char_indices().rev().nth(k)) {
        Some((at, _)) => &s[at..],
        None => s,
    }
}

/// `true` when every occurrence of `term` in `normal` is negated (`no high risk`, `未发现高风险`).
pub(super) fn negated(normal: &str, term: &str) -> bool {
    let t = normal_form(term.trim_end_matches('*'));
    let mut any = false;
    for (i, _) in normal.match_indices(&t) {
        any = true;
        let before = last_chars(&normal[..i], 24);
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

/// `true` when every mention of `term` in `lower` (a lowercase sentence, its punctuation kept) is
/// denied in its own clause: a negation (`never`, `do not`, `不会`, `不得`) before it since the last
/// comma, semicolon or full stop, within six words (or forty characters of Chinese, whose verb ends
/// its clause: `我们不会将您的个人信息与合作伙伴共享`), brackets left out. `false` when there is no
/// mention.
pub(super) fn denied(lower: &str, term: &str) -> bool {
    let t = term.trim_end_matches('*');
    // what a bracket explains (`个人身份信息（指…，例如…）`) is no clause of the sentence
    let mut depth = 0usize;
    let lower: String = lower
        .chars()
        .filter(|c| {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect();
    let lower = lower.as_str();
    let mut any = false;
    for (i, _) in lower.match_indices(t) {
        any = true;
        let head = &lower[..i];
        let clause = head
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, ',' | ';' | '.' | '，' | '；' | '。' | '：' | ':'))
            .map_or(head, |(at, c)| &head[at + c.len_utf8()..]);
        let zh = last_chars(clause, 40);
        let en: Vec<&str> = clause.split_whitespace().rev().take(6).collect();
        let no = en.iter().any(|w| {
            matches!(
                *w,
                "not" | "never" | "no" | "cannot" | "won't" | "don't" | "doesn't" | "stop" | "cease"
            )
        }) || [
            "不会",
            "不得",
            "不将",
            "不会将",
            "绝不",
            "从不",
            "不",
            "未",
            "禁止",
            "严禁",
            "停止",
            "无法",
            // (`无权` has no right to: `合作伙伴无权将共享的个人信息用于…`)
            "无权",
        ]
        .iter()
        .any(|n| zh.contains(n))
            || interrupted_denial(head);
        if !no {
            return false;
        }
    }
    any
}

/// The entries a denial no longer covers: `new` is `old` with one stretch of words taken out
/// (nothing put in), after a negation of the same clause, and the stretch held a list's separator
/// (`We do not transfer it to any company, organization or individual` → `to any individual`,
/// `不会转让给任何公司、组织和个人` → `任何个人`). What the denial no longer names may now be done.
pub(super) fn denial_narrowed(old: &str, new: &str) -> Option<String> {
    let (o, n): (Vec<char>, Vec<char>) = (old.trim().chars().collect(), new.trim().chars().collect());
    let (prefix, suffix) = crate::diff::align::common_ends(&o, &n);
    // nothing put in
    if prefix + suffix != n.len() || o.len() <= n.len() {
        return None;
    }
    let dropped: String = o[prefix..o.len() - suffix].iter().collect();
    let before: String = o[..prefix].iter().collect::<String>().to_lowercase();
    // the negation stands before the stretch, in its clause
    let clause = before
        .rsplit(['.', ';', '。', '；', '!', '?', '！', '？'])
        .next()
        .unwrap_or(&before);
    // (a separator between words: `, ever,` is an aside, not entries)
    let inner = dropped.trim_matches(|c: char| !c.is_alphanumeric());
    let separator = [",", "、", "，", " or ", " and ", "和", "或", "及"]
        .iter()
        .any(|s| format!(" {inner} ").contains(s));
    let letters = dropped.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2 && separator && negation_changed(clause)).then(|| inner.to_string())
}

/// Is every mention of `term` in `normal` (a normal form) the source data comes from rather than
/// a recipient (`information that we obtain from our partners`, `从合作伙伴处获取的信息`, `来自第三方`)?
/// GDPR Art. 14(2)(f) and PIPL Art. 13 ask for the sources of data collected (§VIII 8.1), not its
/// recipients. `false` when there is no mention.
pub(super) fn as_source(normal: &str, term: &str) -> bool {
    let t = term.trim_end_matches('*');
    let mut any = false;
    for (at, _) in normal.match_indices(t) {
        any = true;
        let head = &normal[..at];
        let source = if t.is_ascii() {
            // `from` among the four words before it, with no `to`, `with` or `and` after `from`
            let words: Vec<&str> = head.split_whitespace().rev().take(4).collect();
            words
                .iter()
                .position(|w| *w == "from")
                .is_some_and(|p| !words[..p].iter().any(|w| matches!(*w, "to" | "with" | "and")))
        } else {
            let before = last_chars(head, 8);
            before
                .rfind(['从'])
                .or_else(|| before.rfind("来自"))
                .is_some_and(|p| !before[p..].contains(['给', '向', '与', '和']))
        };
        if !source {
            return false;
        }
    }
    any
}

/// Does a negation end a clause of `head` that only short asides follow (`we will not, under any
/// circumstances,` before `sell`; `we never, ever` before `sell`)?
fn interrupted_denial(head: &str) -> bool {
    let sentence = head.rsplit(['.', ';', ':']).next().unwrap_or(head);
    let mut segments = sentence.rsplit(',');
    // the clause the term is in, which holds no negation
    segments.next();
    for segment in segments {
        let words: Vec<&str> = segment.split_whitespace().collect();
        if words
            .last()
            .is_some_and(|w| matches!(*w, "not" | "never" | "won't" | "don't" | "doesn't" | "cannot"))
        {
            return true;
        }
        if words.len() > 4 {
            break;
        }
    }
    false
}

/// Does some sentence of `lower` (a lowercase text) deny `term` (every mention of it in that
/// sentence denied, as [`denied`] reads it)?
pub(super) fn denied_somewhere(lower: &str, term: &str) -> bool {
    let t = term.trim_end_matches('*');
    lower
        .lines()
        .flat_map(|line| line.split_inclusive(['.', '!', '?', ';', '。', '！', '？', '；']))
        .any(|s| s.contains(t) && denied(s, term))
}

/// Is a sentence a condition (`If you do not provide your email, …`, `如果您不同意…`)? What it
/// denies is what the reader does, not what is done with the data.
pub(super) fn conditional(sentence: &str) -> bool {
    let lower = sentence.trim_start().to_lowercase();
    [
        "if ", "unless ", "when ", "where ", "in case ", "should ", "如果", "若", "除非", "假如", "当您",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

/// Words that make an event a possibility rather than a fact (`if we are acquired by`, `we may
/// merge with`, `will not be merged with`, `如果我们被收购`).
const HYPOTHETICAL: &[&str] = &[
    "if",
    "in the event",
    "in case",
    "should",
    "may",
    "might",
    "could",
    "would",
    "whether",
    "potential",
    "proposed",
    "prospective",
    "not",
    "never",
    "如果",
    "假如",
    "如发生",
    "一旦",
    "可能",
    "不会",
];

/// `true` when `term` occurs in the passages and every sentence that holds it speaks of a
/// possibility: a conditional, modal or negated word comes before the term in that sentence.
pub(super) fn hypothetical(passages: &[&str], term: &str) -> bool {
    preceded_in_every_sentence(passages, term, HYPOTHETICAL)
}

/// Words that put an event under a condition (`in the event of a breach that is likely to result
/// in a high risk`, `where processing is likely to result in a high risk`, `如发生…高风险`): the
/// test a law sets (GDPR Arts. 33–35), not a finding.
const CONDITION: &[&str] = &[
    "if",
    "in the event",
    "in case",
    "where",
    "when",
    "whenever",
    "如果",
    "如发生",
    "一旦",
    "若",
];

/// Does every sentence of `passages` that names `term` put it under a condition?
pub(super) fn under_condition(passages: &[&str], term: &str) -> bool {
    preceded_in_every_sentence(passages, term, CONDITION)
}

/// Does every sentence of `passages` that names `term` have one of `words` before it (and one
/// sentence at least name it)?
fn preceded_in_every_sentence(passages: &[&str], term: &str, words: &[&str]) -> bool {
    let t = normal_form(term.trim_end_matches('*'));
    let mut any = false;
    for passage in passages {
        for (_, normal) in crate::diff::sentences(passage) {
            let Some(at) = normal.find(&t) else { continue };
            any = true;
            let before = format!(" {} ", &normal[..at]);
            let possible = words.iter().any(|w| {
                if w.is_ascii() {
                    before.contains(&format!(" {w} "))
                } else {
                    before.contains(w)
                }
            });
            if !possible {
                return false;
            }
        }
    }
    any
}

/// Is `term`, a word of erasure, in every sentence of `changed` that names it the end of a
/// retention period (`remain active for 30 days before deletion`, `保存30天后删除`): the sentence
/// states how long data is kept and asks nothing of the user and grants no right. Retention is
/// what data is kept and for how long (8.1); the right to erasure (GDPR Art. 17, PIPL Art. 47) is
/// a user's request.
pub(super) fn end_of_retention(changed: &str, term: &str) -> bool {
    const ERASURE: &[&str] = &["delet", "eras", "删除", "销毁"];
    const ASKED: &[&str] = &[
        "right",
        "rights",
        "request",
        "ask",
        "you can",
        "you may",
        "权利",
        "有权",
        "请求",
        "申请",
        "您可以",
        "你可以",
    ];
    // (English words whole: `task` asks nothing)
    let asked = |normal: &str| {
        let padded = format!(" {normal} ");
        ASKED.iter().any(|w| {
            if w.is_ascii() {
                padded.contains(&format!(" {w} "))
            } else {
                normal.contains(w)
            }
        })
    };
    let t = normal_form(term.trim_end_matches('*'));
    if !ERASURE.iter().any(|e| t.contains(e)) {
        return false;
    }
    let mut any = false;
    for (sentence, normal) in crate::diff::sentences(changed) {
        if !normal.contains(&t) {
            continue;
        }
        any = true;
        if super::quantity::durations(sentence).is_empty() || asked(&normal) {
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

/// An English word that negates (after `n't` was spelled ` not`): what [`negative`],
/// [`negation_changed`] and [`negation_scope`] count.
fn negation_word(w: &str) -> bool {
    // (`we will stop processing` denies processing as `we will no longer process` does)
    matches!(
        w,
        "not" | "never" | "no" | "cannot" | "neither" | "nor" | "without" | "stop" | "cease"
    )
}

/// Is a sentence negated (an odd number of negations: `we never sell`, `you cannot delete`, `我们不会
/// 出售`)? Compounds that only look negative (`不限于`, `不同`, `not only`) do not count.
pub(super) fn negative(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut zh = lower.clone();
    for compound in [
        "不限于",
        "不仅",
        "不同",
        "不断",
        "不得不",
        "不时",
        "无论",
        "不定期",
    ] {
        zh = zh.replace(compound, "");
    }
    let zh_count = ["不", "未", "无", "没有", "禁止", "非", "停止"]
        .iter()
        .map(|n| zh.matches(n).count())
        .sum::<usize>();
    let lower = lower.replace("not only", "").replace("n't", " not");
    let en_count = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| negation_word(w))
        .count();
    (zh_count + en_count) % 2 == 1
}

/// Do the changed words hold a negation (`never` → `may`, `can` → `cannot`, `不会` → `可能`)? The
/// flip of a sentence's polarity must be the change itself, not a rewording around it.
pub(super) fn negation_changed(changed: &str) -> bool {
    let lower = changed.to_lowercase().replace("n't", " not");
    lower.split(|c: char| !c.is_alphanumeric()).any(negation_word)
        || ["不", "未", "无", "没有", "禁止", "停止"]
            .iter()
            .any(|k| lower.contains(k))
}

/// The words a sentence's negations apply to: the few words after each (`never sell your personal
/// information`, `不会出售您的`), where what is denied is named.
pub(super) fn negation_scope(text: &str) -> String {
    let lower = text.to_lowercase().replace("n't", " not");
    let mut out = String::new();
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        if negation_word(bare) {
            out.push_str(&words[i + 1..(i + 7).min(words.len())].join(" "));
            out.push(' ');
        }
    }
    let chars: Vec<char> = lower.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        // (to the clause's end, up to twenty characters: a verb after `将` and its object ends a
        // Chinese clause, `不会将您的个人信息转让给…`)
        if matches!(c, '不' | '未' | '无' | '禁') {
            out.extend(
                chars[i + 1..(i + 21).min(chars.len())]
                    .iter()
                    .take_while(|c| !matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | ':' | '！' | '？')),
            );
            out.push(' ');
        }
    }
    out
}

/// The sentences of a modified passage that changed: those of each side the other side lacks.
pub(super) fn changed_sentences(old: &str, new: &str) -> (String, String) {
    let (a, b) = (crate::diff::sentences(old), crate::diff::sentences(new));
    let only = |x: &[(&str, String)], y: &[(&str, String)]| {
        x.iter()
            .filter(|(_, n)| !y.iter().any(|(_, m)| m == n))
            .map(|(s, _)| *s)
            .collect::<Vec<_>>()
            .join(" ")
    };
    (only(&a, &b), only(&b, &a))
}

/// How alike two sentences are: shared words, or for Chinese shared characters, over the longer.
pub(super) fn sentence_similarity(a: &str, b: &str) -> f64 {
    if cjk_ratio(a) > 0.3 || cjk_ratio(b) > 0.3 {
        let mut counts: std::collections::HashMap<char, i64> = std::collections::HashMap::new();
        let (na, nb) = (normal_form(a), normal_form(b));
        for c in na.chars() {
            *counts.entry(c).or_default() += 1;
        }
        let shared = nb
            .chars()
            .filter(|c| {
                let n = counts.entry(*c).or_default();
                *n -= 1;
                *n >= 0
            })
            .count();
        let longer = na.chars().count().max(nb.chars().count()).max(1);
        return shared as f64 / longer as f64;
    }
    crate::diff::text::similarity(a, b)
}

#[cfg(test)]
mod tests {
    #[test]
    fn deletion_ending_a_retention_period_is_retention() {
        let said = "Cookies will remain active for 30 days before deletion or until you remove them.";
        assert!(end_of_retention(said, "deletion"));
        assert!(end_of_retention("日志保存30天后删除。", "删除"));
        // a request, a right, or no period stated: the right to erasure
        assert!(!end_of_retention(
            "You can request deletion within 30 days.",
            "deletion"
        ));
        assert!(!end_of_retention(
            "You have the right to deletion; we answer in 30 days.",
            "deletion"
        ));
        assert!(!end_of_retention("We keep data until deletion.", "deletion"));
        // (a task is no asking)
        assert!(end_of_retention(
            "Task logs are kept for 7 days before deletion.",
            "deletion"
        ));
        assert!(!end_of_retention("Logs are kept for 7 days.", "retain*"));
    }

    #[test]
    fn partners_data_comes_from_are_sources() {
        use super::as_source;
        assert!(as_source(
            "information about you that we obtain from our partners",
            "partner*"
        ));
        assert!(as_source("我们从合作伙伴处获取的关于您的信息", "合作伙伴"));
        assert!(!as_source("we share it with our partners", "partner*"));
        assert!(!as_source(
            "data we send from our servers to partners",
            "partner*"
        ));
        assert!(!as_source("我们从不与合作伙伴共享", "合作伙伴"));
        assert!(!as_source(
            "we obtain it from partners and share it with partners",
            "partner*"
        ));
    }

    #[test]
    fn last_chars_cut_at_a_character() {
        use super::last_chars;
        assert_eq!(last_chars("我们不会共享", 2), "共享");
        assert_eq!(last_chars("ab", 5), "ab");
        assert_eq!(last_chars("ab", 0), "ab");
    }

    #[test]
    fn entries_taken_out_of_a_denial_narrow_it() {
        use super::denial_narrowed;
        assert_eq!(
            denial_narrowed(
                "We do not transfer your data to any company, organization or individual, except:",
                "We do not transfer your data to any individual, except:"
            )
            .as_deref(),
            Some("company, organization or")
        );
        assert_eq!(
            denial_narrowed(
                "我们不会将您的信息转让给任何公司、组织和个人。",
                "我们不会将您的信息转让给任何个人。"
            )
            .as_deref(),
            Some("公司、组织和")
        );
        // an aside taken out, words put in, no negation before the stretch
        assert_eq!(
            denial_narrowed("We will not, ever, sell it.", "We will not sell it."),
            None
        );
        assert_eq!(
            denial_narrowed("We do not sell it to A or B.", "We do not sell it to C."),
            None
        );
        assert_eq!(
            denial_narrowed("We share it with A, B or C.", "We share it with C."),
            None
        );
    }

    #[test]
    fn a_term_is_denied_in_its_own_clause_only() {
        let n = |s: &str| s.to_lowercase();
        assert!(denied(&n("我们不会将您的个人信息转让给任何公司"), "转让"));
        assert!(!denied(
            &n("我们可能会将您的个人信息转让给关联公司；除此之外，我们不会将您的个人信息转让给其他公司"),
            "转让"
        ));
        assert!(denied(&n("We never sell your personal information."), "sell"));
        assert!(!denied(
            &n("We do not rent it. We sell your personal information."),
            "sell"
        ));
        assert!(!denied(&n("no mention here"), "sell"));
        assert!(denied(
            &n("否则我们不会将您的个人身份信息（指姓名，例如电子邮箱）与提供广告服务的合作伙伴共享"),
            "共享"
        ));
        // a negation that short asides interrupt still denies
        assert!(denied(
            &n("We will not, under any circumstances, sell it."),
            "sell"
        ));
        assert!(denied(&n("We never, ever sell it."), "sell"));
        assert!(!denied(
            &n("We do not rent your data to brokers or to anyone at all, but we sell it."),
            "sell"
        ));
    }

    #[test]
    fn an_event_a_policy_provides_for_is_hypothetical() {
        let h = |p: &str| hypothetical(&[p], "acquired by");
        assert!(h(
            "If we sell, merge or are acquired by another company, we may transfer data."
        ));
        assert!(h("Your data will not be acquired by anyone."));
        assert!(!h(
            "If you have questions, write to us. We were acquired by Acme Ltd."
        ));
        assert!(!h("Acme, acquired by Beta in 2024, now runs the service."));
        assert!(!hypothetical(&["本公司已被收购。"], "被收购"));
        assert!(hypothetical(&["如果我们被收购，我们将通知您。"], "被收购"));
    }

    use super::*;

    #[test]
    fn polarity_of_sentences() {
        assert!(negative("We never sell your personal information."));
        assert!(!negative("We may sell your personal information to partners."));
        assert!(negative("You cannot delete your account."));
        assert!(!negative("You can delete your account."));
        assert!(negative("我们不会出售您的个人信息"));
        assert!(!negative("包括但不限于您的设备信息"));
        assert!(negation_changed("never may"));
        assert!(negation_changed("cannot"));
        assert!(!negation_changed("only"));
        assert!(!negation_changed("partners"));
    }

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
