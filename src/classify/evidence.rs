//! Hard evidence in a changed passage: email addresses, phone numbers, organisations (with the part
//! they play: responsible entity, contact route, recipient) and numbers of days (retention,
//! response time), compared between the old and new text.

use std::collections::BTreeSet;

use super::{Consent, EntityRole, Found, NameChange, Reason, Role};
use crate::diff::text::normal_form;

/// Emails, phone numbers, company names and numbers of days in the changed text.
pub(super) fn hard_evidence<'c>(
    ins: &str,
    del: &str,
    old_full: &str,
    new_full: &str,
    context: &dyn Fn() -> &'c str,
    topics: &BTreeSet<Role>,
    found: &mut Found,
) {
    let (ei, ed) = (emails(new_full), emails(old_full));
    if ei != ed
        && let Some(change) = NameChange::of(ed.first(), ei.first())
    {
        found.add(Role::Contact, Reason::Email(change));
    }
    let (pi, pd) = (phones(new_full), phones(old_full));
    if pi != pd {
        found.add(Role::Contact, Reason::Phones { old: pd, new: pi });
    }
    let (ci, cd) = (companies(new_full), companies(old_full));
    let added: Vec<&String> = ci.iter().filter(|c| !cd.contains(c)).collect();
    let removed: Vec<&String> = cd.iter().filter(|c| !ci.contains(c)).collect();
    if let Some(who) = NameChange::of(removed.first().copied(), added.first().copied()) {
        let has = |ks: &[&str]| ks.iter().any(|k| context().contains(k));
        let control = has(&[
            "controller",
            "operated by",
            "owned by",
            "acquir",
            "merg",
            "is responsible",
            "控制者",
            "运营",
            "收购",
            "合并",
        ]);
        let complaint = has(&[
            "complain",
            "contact us",
            "inquir",
            "投诉",
            "联系",
        ]);
        let recipient = has(&[
            "processor",
            "partner",
            "service provider",
            "vendor",
            "share",
            "disclos",
            "transfer",
            "recipient",
            "third part",
            "共享",
            "委托",
            "第三方",
            "合作",
        ]);
        let entity = |role| Reason::Entity {
            role,
            change: who.clone(),
        };
        if control {
            found.add(Role::Control, entity(EntityRole::Responsible));
        }
        if complaint {
            found.add(Role::Contact, entity(EntityRole::ContactRoute));
        }
        if !control && (recipient || !complaint) {
            found.add(Role::Recipients, entity(EntityRole::Recipient));
        }
    }
    let (dn, dold) = (days(new_full), days(old_full));
    let retention_words = [
        "retain",
        "keep",
        "store",
        "retention",
        "delete",
        "保存",
        "保留",
        "存储",
        "删除",
    ];
    if dold.is_empty()
        && dn.iter().any(|d| ins.contains(&d.to_string()))
        && retention_words.iter().any(|k| context().contains(k))
        && !topics.contains(&Role::Rights)
    {
        found.add(Role::Purposes, Reason::RetentionStated { days: dn[0] });
    }
    if !dn.is_empty()
        && !dold.is_empty()
        && dn != dold
        && (dn.iter().any(|d| ins.contains(&d.to_string()))
            || dold.iter().any(|d| del.contains(&d.to_string())))
    {
        let (a, b) = (dold[0], dn[0]);
        let retention = ["retain", "keep", "store", "retention", "保存", "保留", "存储"]
            .iter()
            .any(|k| context().contains(k));
        let response = [
            "respond",
            "reply",
            "response",
            "request",
            "答复",
            "回复",
            "响应",
            "处理您的请求",
            "处理您的申请",
        ]
        .iter()
        .any(|k| context().contains(k));
        if response || topics.contains(&Role::Rights) {
            found.add(Role::Rights, Reason::ResponseTime { old: a, new: b });
            if b > a {
                found
                    .consent
                    .push((Role::Rights, Consent::ResponseLengthened { old: a, new: b }));
            }
        } else if retention {
            found.add(Role::Purposes, Reason::Retention { old: a, new: b });
        }
    }
}

/// Email addresses in `s`, sorted.
pub fn emails(s: &str) -> Vec<String> {
    // every address holds an `@`: most passages hold none
    if !s.contains('@') {
        return vec![];
    }
    let mut out: Vec<String> = s
        .split(|c: char| c.is_whitespace() || "()<>[]\"'“”‘’,;：:，；（）".contains(c))
        .map(|w| w.trim_end_matches(['.', '!', '?', '。']))
        .filter(|w| {
            w.split_once('@').is_some_and(|(u, d)| {
                !u.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
            })
        })
        .map(|w| w.trim_start_matches("mailto:").to_lowercase())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Phone numbers (7 digits or more with separators) in `s`, digits only, sorted.
pub fn phones(s: &str) -> Vec<String> {
    crate::lint::find_phones(s)
        .into_iter()
        .map(|p| p.chars().filter(char::is_ascii_digit).collect())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect()
}

/// Company names (words before a corporate suffix) in `s`.
pub fn companies(s: &str) -> Vec<String> {
    let mut out = BTreeSet::new();
    // the (up to) three words before the current one, the latest last
    let mut before: [&str; 3] = [""; 3];
    for (seen, t) in s.split_whitespace().enumerate() {
        out.extend(company_name(&before[3 - seen.min(3)..], t));
        before.rotate_left(1);
        before[2] = t;
    }
    for (i, _) in s.match_indices("有限公司") {
        let start = s[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| crate::diff::text::is_cjk(*c))
            .last()
            .map_or(i, |(j, _)| j);
        if start < i {
            out.insert(s[start..i + "有限公司".len()].to_string());
        }
    }
    out.into_iter().collect()
}

/// The company that `token` ends, when it is a corporate suffix after capitalised words: up to
/// three of `before` (the words before it, the latest last).
fn company_name(before: &[&str], token: &str) -> Option<String> {
    // every suffix begins with a capital or `p` (plc): most words end the look-up here
    if before.is_empty() || !token.starts_with(|c: char| c.is_ascii_uppercase() || c == 'p') {
        return None;
    }
    let bare = token
        .trim_end_matches([',', ';', ')', '’', '\'', 's'])
        .trim_end_matches("’");
    let bare_t = token.trim_end_matches([',', ';', ')']);
    if !is_company_suffix(bare_t) && !is_company_suffix(bare) {
        return None;
    }
    let mut name: Vec<&str> = Vec::new();
    for w in before.iter().rev() {
        let w = w.trim_end_matches(',');
        if w.chars().next().is_some_and(|c| c.is_uppercase()) {
            name.insert(0, w);
        } else {
            break;
        }
    }
    (!name.is_empty()).then(|| format!("{} {}", name.join(" "), bare_t.trim_end_matches(['.', ','])))
}

/// A company-form suffix (a `match` on the word compiles to a length switch, not a list walk).
fn is_company_suffix(w: &str) -> bool {
    matches!(
        w,
        "Inc"
            | "Inc."
            | "LLC"
            | "L.L.C."
            | "Ltd"
            | "Ltd."
            | "LTD"
            | "LTD."
            | "Limited"
            | "GmbH"
            | "AG"
            | "A/S"
            | "ApS"
            | "AB"
            | "AS"
            | "Oy"
            | "Oyj"
            | "S.A."
            | "SA"
            | "SAS"
            | "S.A.S."
            | "S.L."
            | "B.V."
            | "BV"
            | "N.V."
            | "NV"
            | "PLC"
            | "plc"
            | "Corp"
            | "Corp."
            | "Corporation"
            | "Co."
            | "KK"
            | "K.K."
            | "Pte"
            | "Pty"
            | "S.p.A."
            | "SpA"
            | "S.r.l."
            | "SE"
    )
}

/// Numbers of days mentioned in `s` (`30 days`, `30 calendar days`, `30天`, `30日`).
pub(super) fn days(s: &str) -> Vec<u32> {
    // a number is ASCII digits, or full-width ones (bytes 0xef 0xbc 0x90..=0x99) folded to them
    if !s.bytes().any(|b| b.is_ascii_digit() || b == 0xef) {
        return vec![];
    }
    // a number of days needs the word (any case) or 天, 日 or 个 after the digits (full-width
    // letters, folded later, are looked at the long way)
    let b = s.as_bytes();
    let day_word = b.windows(3).any(|w| w.eq_ignore_ascii_case(b"day"));
    if !day_word && !b.contains(&0xef) && !s.contains(['天', '日', '个']) {
        return vec![];
    }
    let n = normal_form(s);
    let w: Vec<&str> = n.split(' ').collect();
    let mut out = Vec::new();
    for (i, word) in w.iter().enumerate() {
        if let Ok(v) = word.parse::<u32>() {
            let next = w.get(i + 1).copied().unwrap_or("");
            let next2 = w.get(i + 2).copied().unwrap_or("");
            if next.starts_with("day")
                || (matches!(next, "calendar" | "business" | "working") && next2.starts_with("day"))
            {
                out.push(v);
            }
        }
        // CJK: digits followed by 天 or 日 (个工作日)
        let mut digits = String::new();
        for c in word.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else {
                if !digits.is_empty()
                    && (c == '天' || c == '日' || c == '个')
                    && let Ok(v) = digits.parse()
                {
                    out.push(v);
                }
                digits.clear();
            }
        }
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    /// `companies` as first written, with every word in a vector: the oracle for the window of
    /// three words.
    fn companies_reference(s: &str) -> Vec<String> {
        let tokens: Vec<&str> = s.split_whitespace().collect();
        let mut out: BTreeSet<String> = (0..tokens.len())
            .filter_map(|i| company_name(&tokens[i.saturating_sub(3)..i], tokens[i]))
            .collect();
        out.extend(companies(s).into_iter().filter(|c| c.ends_with("有限公司")));
        out.into_iter().collect()
    }

    #[test]
    fn companies_are_the_capitalised_words_before_a_suffix() {
        let mut texts: Vec<String> = [
            "Data is shared with Acme Cloud Services Ltd. and Beta GmbH, and with Gamma plc.",
            "Inc. at the start, then Foo Inc, then a b C D E F Corp.",
            "Operated by Zeta Holdings S.A.S. (the controller); see Omega, Inc. and delta LLC",
            "PayCo AB's terms; Example Pte Ltd; Sigma’s SE",
            "Corp",
            "",
            "深圳市乐奇网络科技有限公司 operates it",
        ]
        .map(String::from)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/heldout/plain");
        for entry in std::fs::read_dir(root).expect("the held-out corpus").flatten() {
            for side in ["old.md", "new.md"] {
                if let Ok(t) = std::fs::read_to_string(entry.path().join(side)) {
                    texts.push(t);
                }
            }
        }
        let mut found = 0;
        for t in &texts {
            let c = companies(t);
            found += c.len();
            assert_eq!(c, companies_reference(t), "{t:.60}");
        }
        assert!(found > 10, "the texts name companies: {found}");
        assert_eq!(
            companies("Shared with Acme Cloud Services Ltd. and Beta GmbH, with Gamma plc, with Corp."),
            ["Acme Cloud Services Ltd", "Beta GmbH", "Gamma plc"]
        );
    }

    #[test]
    fn days_and_emails_found_in_either_width() {
        assert_eq!(days("within 30 calendar days"), vec![30]);
        assert_eq!(days("在３０天内"), vec![30]);
        assert_eq!(days("promptly"), Vec::<u32>::new());
        assert_eq!(
            emails("write to Privacy@Example.com."),
            vec!["privacy@example.com"]
        );
        assert_eq!(emails("no address here"), Vec::<String>::new());
    }
}
