//! Lists written inside a sentence ("your email, mobile phone number and other information",
//! "搜索结果、了解产品适配性、识别账号异常状态"): the entries a modification puts into one or
//! takes out of one while every other entry stays. In a section about purposes and data types,
//! recipients or rights, one more (or one fewer) entry is one more (or fewer) of what the section
//! lists, however the entry is worded (GB/T 35273-2020 §5.3 and §9.2 ask each type, purpose and
//! recipient to be listed one by one; GDPR Art. 13(1)(c)-(e) the same).

use std::collections::BTreeSet;

use crate::diff::text::{Segment, normal_form};

/// Words that separate the entries of a list written in a sentence (besides commas, semicolons and
/// the Chinese enumeration mark).
const WORDS: &[&str] = &[" and ", " or ", "以及", "和", "或"];

/// Entries that end a list without naming anything (`and others`, `等`).
const FILLERS: &[&str] = &[
    "etc",
    "etc.",
    "others",
    "other",
    "and so on",
    "等",
    "等等",
    "其他",
];

/// The entries of `sentence`: its parts between list separators, in normal form, each naming
/// something (letters or ideographs, not a bare filler).
fn entries(sentence: &str) -> Vec<String> {
    let mut text = std::borrow::Cow::Borrowed(sentence);
    // `with` parts the recipients a sentence shares with from the words that share (`we may share
    // your data with our parent company, X, and our auditors`); elsewhere it joins (`in accordance
    // with the law`)
    if text.contains(" with ")
        && ["share", "shares", "shared", "sharing"].iter().any(|w| {
            text.split(|c: char| !c.is_alphanumeric())
                .any(|x| x.eq_ignore_ascii_case(w))
        })
    {
        text = std::borrow::Cow::Owned(text.replace(" with ", ","));
    }
    for w in WORDS {
        if text.contains(w) {
            text = std::borrow::Cow::Owned(text.replace(w, ","));
        }
    }
    // `等` (and so on) closes a Chinese list before the noun it sums up: `您的电子邮箱、手机号码等信息`
    for close in ["等信息", "等个人信息", "等数据", "等内容", "等权限"] {
        if text.contains(close) {
            text = std::borrow::Cow::Owned(text.replace(close, &format!(",{}", &close['等'.len_utf8()..])));
        }
    }
    // (a colon introduces a list: `以下信息：您的电子邮箱`)
    text.split([',', ';', '、', '，', '；', '：'])
        .map(|p| {
            normal_form(p)
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !FILLERS.contains(&p.as_str()))
        .collect()
}

/// The entries `new` adds to the lists of `old`, or takes out of them, when that is all that
/// changed between the two (changed) sentences: `(added, removed)`, one of them empty. `None` when
/// entries were both added and removed (a rewording), when nothing did, or when neither side
/// holds a list of two entries at least.
pub(super) fn list_change(old: &str, new: &str) -> Option<(Vec<String>, Vec<String>)> {
    let (o, n) = (entries(old), entries(new));
    if o.len().min(n.len()) < 2 || o.len().max(n.len()) < 3 {
        return None;
    }
    let (os, ns): (BTreeSet<&String>, BTreeSet<&String>) = (o.iter().collect(), n.iter().collect());
    let added: Vec<String> = ns.difference(&os).map(|s| s.to_string()).collect();
    let removed: Vec<String> = os.difference(&ns).map(|s| s.to_string()).collect();
    let named = |xs: &[String]| xs.iter().all(|x| names_a_thing(x));
    (added.is_empty() != removed.is_empty() && named(&added) && named(&removed)).then_some((added, removed))
}

/// Does an entry name a thing (`mobile phone number`, `了解产品适配性`) rather than say something
/// (`you may be able to`, `if you are a resident of Quebec`, `我们可能会`): short, and without a
/// subject, a modal verb or a condition.
fn names_a_thing(entry: &str) -> bool {
    names_in(entry, 6)
}

/// Does an entry of at most `max_words` words name something (see [`names_a_thing`])?
fn names_in(entry: &str, max_words: usize) -> bool {
    const SAYS: &[&str] = &[
        "i", "you", "we", "they", "it", "he", "she", "may", "can", "will", "must", "shall", "should", "if",
        "unless", "please", "is", "are", "be",
    ];
    const SAYS_ZH: &[&str] = &[
        "您", "你", "我们", "可能", "可以", "将会", "如果", "若", "除非", "请",
    ];
    let words: Vec<&str> = entry.split_whitespace().collect();
    let cjk = entry.chars().filter(|c| crate::diff::normal::is_cjk(*c)).count();
    // a web address (`https fal ai` in the normal form) is a link, which the link rules read
    let link = words
        .first()
        .is_some_and(|w| ["http", "https", "www"].contains(w));
    !link
        && words.len() <= max_words
        && cjk <= 16
        && !words.iter().any(|w| SAYS.contains(w))
        && !SAYS_ZH.iter().any(|w| entry.contains(w))
}

/// Words naming a way to reach a company: the contact details GDPR Art. 13(1)(a)-(b) and PIPL
/// Art. 17 ask for, and the channels GB/T 35273-2020 Annex D part IX lists (客服, 电话, 邮箱,
/// 在线表单, 小程序, 公众号 …).
const CHANNELS: &[&str] = &[
    "customer service",
    "customer support",
    "support team",
    "email",
    "e-mail",
    "e mail",
    "phone",
    "telephone",
    "hotline",
    "helpline",
    "live chat",
    "online chat",
    "web form",
    "contact form",
    "online form",
    "mini program",
    "small program",
    "official account",
    "postal address",
    "mailing address",
    "post",
    "mail",
    "客服",
    "邮箱",
    "邮件",
    "电话",
    "热线",
    "表单",
    "小程序",
    "公众号",
    "信箱",
    "邮寄",
    "在线咨询",
];

/// What `long` holds besides all of `short`, when `short` is a start and an end of `long` (`APP`
/// and `;` of `APP, or our official account;`) and the rest lies between them.
fn glued_extra<'a>(short: &str, long: &'a str) -> Option<&'a str> {
    if short.len() >= long.len() {
        return None;
    }
    // the longest start the two share, then the longest end of what is left of `short`
    let head = short
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take_while(|&end| long.starts_with(&short[..end]))
        .last()
        .unwrap_or(0);
    let tail = &short[head..];
    long.get(head..)?
        .strip_suffix(tail)
        .filter(|extra| !extra.trim().is_empty())
}

/// `text` without what its quotation marks enclose (a title, a name).
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '“' | '「' | '《' => depth += 1,
            '”' | '」' | '》' => depth = depth.saturating_sub(1),
            // (a straight quote opens where none is open, and closes the one that is)
            '"' => depth = if depth == 0 { 1 } else { depth - 1 },
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Does a list entry name a way to reach the company (`the mini program's customer service`,
/// `小程序客服`)?
pub(super) fn names_a_channel(entry: &str) -> bool {
    let entry = entry.to_lowercase();
    CHANNELS.iter().any(|c| {
        if c.is_ascii() {
            // (whole words: `post` is no `postpone`)
            entry.match_indices(c).any(|(at, _)| {
                let before = entry[..at].chars().next_back();
                let after = entry[at + c.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(|x| x.is_alphanumeric() && x != 's')
            })
        } else {
            entry.contains(c)
        }
    })
}

/// The entry a modification coordinates into a phrase, or out of one, when that is all it does
/// (`Cloud Infrastructure for the US version` → `… for Le Chat and the US version`, `with our
/// partners` → `with our partners and affiliates`, `、用户画像`): the one changed run of the
/// redline, put in or taken out, is a joining word or mark and an entry naming a thing.
/// `(added, removed)`, one of them empty.
pub(super) fn coordinated_entry(redline: &[Segment]) -> Option<(Vec<String>, Vec<String>)> {
    let mut changed = redline.iter().filter(|s| !matches!(s, Segment::Same(_)));
    let (run, added) = match (changed.next()?, changed.next(), changed.next()) {
        (Segment::Ins(t), None, _) => (t.as_str(), true),
        (Segment::Del(t), None, _) => (t.as_str(), false),
        // a word the redline took out and put back with a way of reaching the company glued to
        // it (`APP;` → `APP, or our official account;`): the entry is what the longer side has
        // more (only a channel: other words glued on are as often an apposition or an example)
        (Segment::Del(a), Some(Segment::Ins(b)), None) | (Segment::Ins(b), Some(Segment::Del(a)), None) => {
            match (glued_extra(a, b), glued_extra(b, a)) {
                (Some(more), None) if names_a_channel(more) => (more, true),
                (None, Some(more)) if names_a_channel(more) => (more, false),
                _ => return None,
            }
        }
        _ => return None,
    };
    let run = run.trim();
    // a quoted title joined in is a cross-reference (`as described in the "Outside of the United
    // States" and the "Privacy Supplement for China Users" section`), not an entry; a way of
    // reaching the company may carry its quoted name (`our WeChat official account "X Service"`)
    if run.contains(['"', '“', '”', '「', '」', '《']) && !names_a_channel(&unquoted(run)) {
        return None;
    }
    // the joining word or mark at one end of the run, the entry the rest of it
    const JOINS: &[&str] = &["and ", "or ", ", ", "以及", "及", "和", "或", "、", "，"];
    let entry = JOINS.iter().find_map(|j| {
        // (a Latin word ends the run after a space: `Portland` ends in no `and`)
        let suffix = if j.is_ascii() {
            format!(" {}", j.trim_end())
        } else {
            j.to_string()
        };
        run.strip_prefix(j).or_else(|| run.strip_suffix(suffix.as_str()))
    })?;
    // (`, or by leaving a message …`: a mark and a word join it)
    let entry = ["or ", "and "]
        .iter()
        .find_map(|j| entry.trim_start().strip_prefix(j))
        .unwrap_or(entry);
    let entry = normal_form(entry).trim().to_string();
    (!entry.is_empty()
        && entry.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !FILLERS.contains(&entry.as_str())
        // (a way of reaching the company comes with how it is used: `or by leaving a message on
        // our WeChat official account`)
        && (names_a_thing(&entry) || names_a_channel(&entry) && names_in(&entry, 14)))
    .then(|| {
        if added {
            (vec![entry], vec![])
        } else {
            (vec![], vec![entry])
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_address_is_no_entry() {
        assert!(names_a_thing("mobile phone number"));
        assert!(!names_a_thing("https fal ai"));
        assert!(!names_a_thing("www example com"));
        assert_eq!(
            list_change(
                "our website, https://fal.ai/, apps, and other services",
                "our website, /, apps, and other services"
            ),
            None
        );
    }

    #[test]
    fn an_entry_coordinated_in_or_out_is_found() {
        let ins = |t: &str| {
            vec![
                Segment::Same("for ".into()),
                Segment::Ins(t.into()),
                Segment::Same("the US version".into()),
            ]
        };
        assert_eq!(
            coordinated_entry(&ins("Le Chat and ")),
            Some((vec!["le chat".to_string()], vec![]))
        );
        assert_eq!(
            coordinated_entry(&[
                Segment::Same("与合作伙伴".into()),
                Segment::Del("和广告商".into())
            ]),
            Some((vec![], vec!["广告商".to_string()]))
        );
        // not a joined entry: a word changed, a clause, or two runs
        assert_eq!(coordinated_entry(&ins("new ")), None);
        assert_eq!(coordinated_entry(&ins("Portland ")), None);
        assert_eq!(coordinated_entry(&ins("and the “Privacy Supplement” ")), None);
        assert_eq!(coordinated_entry(&ins("and we may sell it ")), None);
        assert_eq!(
            coordinated_entry(&[
                Segment::Ins("and ads ".into()),
                Segment::Same("x".into()),
                Segment::Del("y".into())
            ]),
            None
        );
    }

    #[test]
    fn an_entry_put_in_or_taken_out_is_found() {
        assert_eq!(
            list_change(
                "To register you need to provide your email and other information.",
                "To register you need to provide your email, mobile phone number and other information."
            ),
            Some((vec!["mobile phone number".to_string()], vec![]))
        );
        assert_eq!(
            list_change(
                "您需要提供以下信息：您的电子邮箱等信息。",
                "您需要提供以下信息：您的电子邮箱、手机号码等信息。"
            ),
            Some((vec!["手机号码".to_string()], vec![]))
        );
        assert_eq!(
            list_change(
                "用于推送搜索结果、了解产品适配性、识别账号异常状态。",
                "用于推送搜索结果、识别账号异常状态。"
            ),
            Some((vec![], vec!["了解产品适配性".to_string()]))
        );
    }

    #[test]
    fn a_reworded_entry_a_filler_or_no_list_is_no_list_change() {
        // one entry for another: a rewording, decided elsewhere
        assert_eq!(
            list_change("We use your email and phone.", "We use your e-mail and phone."),
            None
        );
        // a filler entry names nothing
        assert_eq!(
            list_change("names, emails and addresses", "names, emails, addresses etc."),
            None
        );
        // no list at all
        assert_eq!(list_change("We reply quickly.", "We reply promptly."), None);
        // a new sentence is no entry of a list
        assert_eq!(list_change("", "We use names, emails and addresses."), None);
        // clauses between commas are no entries
        assert_eq!(
            list_change(
                "Depending on your residence, under law, you may be able to, you can make choices.",
                "Depending on your residence, under law, you can make choices."
            ),
            None
        );
        // the same entries, punctuated otherwise
        assert_eq!(
            list_change("names, emails and addresses", "names, emails, and addresses"),
            None
        );
    }
}
