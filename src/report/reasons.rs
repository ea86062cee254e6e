//! Reasons in the reader's language. The classifier states its reasons in English, in a fixed set
//! of forms with the evidence (quoted words, addresses, numbers) in slots; for a Chinese report each
//! form is rewritten in Chinese and the evidence kept as it is. A reason in no known form is shown
//! as it is. The JSON report keeps the English forms: scripts match on them.

/// What a form's slots hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slots {
    /// The policy's words or values: never rewritten.
    Evidence,
    /// Reasons of their own (a consent reason, an entity change): rewritten in turn.
    Reasons,
    /// A form that only occurs inside another reason's slot.
    NestedOnly,
    /// The first slot is a fact's path in words (`permissions location purpose`), the others values.
    FactPath,
}

/// `(English form, Chinese form, slots)`; `{}` marks a slot, filled in order.
const FORMS: &[(&str, &str, Slots)] = &[
    ("limits users' rights: {}", "限制用户权利：{}", Slots::Reasons),
    (
        "added text: {} in \"{}\"",
        "新增文字：{}，见“{}”",
        Slots::Evidence,
    ),
    (
        "removed text: {} in \"{}\"",
        "删除文字：{}，见“{}”",
        Slots::Evidence,
    ),
    (
        "changed wording: {} in \"{}\"",
        "措辞修改：{}，见“{}”",
        Slots::Evidence,
    ),
    (
        "added text in a section about {}: \"{}\"{}",
        "在关于{}的部分新增文字：“{}”{}",
        Slots::Evidence,
    ),
    (
        "removed text in a section about {}: \"{}\"{}",
        "在关于{}的部分删除文字：“{}”{}",
        Slots::Evidence,
    ),
    (
        "changed wording in a section about {}: \"{}\"{}",
        "在关于{}的部分修改措辞：“{}”{}",
        Slots::Evidence,
    ),
    (
        "the change is in the section about {}",
        "修改位于关于{}的部分",
        Slots::Evidence,
    ),
    (
        "contact email changed: {} → {}",
        "联系邮箱变更：{} → {}",
        Slots::Evidence,
    ),
    ("email address added: {}", "新增邮箱地址：{}", Slots::Evidence),
    ("email address removed: {}", "删除邮箱地址：{}", Slots::Evidence),
    (
        "phone number changed: {} → {}",
        "电话号码变更：{} → {}",
        Slots::Evidence,
    ),
    (
        "responsible entity changed: {}",
        "责任主体变更：{}",
        Slots::Reasons,
    ),
    (
        "complaint or contact route names another entity: {}",
        "投诉或联系渠道指向其他主体：{}",
        Slots::Reasons,
    ),
    ("recipient changed: {}", "接收方变更：{}", Slots::Reasons),
    (
        "retention period stated: {} days",
        "规定保存期限：{} 天",
        Slots::Evidence,
    ),
    (
        "response time: {} → {} days",
        "答复期限：{} → {} 天",
        Slots::Evidence,
    ),
    (
        "response time lengthened from {} to {} days",
        "答复期限由 {} 天延长至 {} 天",
        Slots::Evidence,
    ),
    (
        "retention period: {} → {} days",
        "保存期限：{} → {} 天",
        Slots::Evidence,
    ),
    ("removed: \"{}\"", "删除：“{}”", Slots::Evidence),
    ("adds a fee: \"{}\"", "新增收费：“{}”", Slots::Evidence),
    ("restricts a right: \"{}\"", "限制一项权利：“{}”", Slots::Evidence),
    ("removes: \"{}\"", "删除：“{}”", Slots::Evidence),
    (
        "shows the fact change of `{}` (counted there)",
        "显示事实 `{}` 的变更（已在该处计入）",
        Slots::Evidence,
    ),
    (
        "how to exercise a right no longer stated ({})",
        "不再说明如何行使一项权利（{}）",
        Slots::Evidence,
    ),
    ("fee for requests: \"{}\"", "请求收费：“{}”", Slots::Evidence),
    ("the SDK processes {}", "该 SDK 处理{}", Slots::Evidence),
    (
        "adds a ground for refusing requests: \"{}\"",
        "新增拒绝请求的理由：“{}”",
        Slots::Evidence,
    ),
    ("new SDK: {}", "新增 SDK：{}", Slots::Evidence),
    ("SDK removed: {}", "删除 SDK：{}", Slots::Evidence),
    ("new permission: {}", "新增权限：{}", Slots::Evidence),
    ("permission removed: {}", "删除权限：{}", Slots::Evidence),
    ("new data category: {}", "新增个人信息类型：{}", Slots::Evidence),
    (
        "data category removed: {}",
        "删除个人信息类型：{}",
        Slots::Evidence,
    ),
    ("new right: {}", "新增权利：{}", Slots::Evidence),
    ("right removed: {}", "删除权利：{}", Slots::Evidence),
    ("contact email: {} → {}", "联系邮箱：{} → {}", Slots::Evidence),
    ("contact phone: {} → {}", "联系电话：{} → {}", Slots::Evidence),
    (
        "controller (legal name): {} → {}",
        "个人信息处理者（法定名称）：{} → {}",
        Slots::Evidence,
    ),
    (
        "controller address: {} → {}",
        "个人信息处理者地址：{} → {}",
        Slots::Evidence,
    ),
    (
        "response time (days): {} → {}",
        "答复期限（天）：{} → {}",
        Slots::Evidence,
    ),
    (
        "wording changed; no §VIII clause is affected",
        "措辞修改，不涉及第八条任何一款",
        Slots::Evidence,
    ),
    ("fact changed", "事实变更", Slots::Evidence),
    (
        "formatting, case, quotes, punctuation or whitespace only",
        "仅格式、大小写、引号、标点或空白",
        Slots::Evidence,
    ),
    (
        "fact text: formatting, case or punctuation only",
        "事实文字：仅格式、大小写或标点",
        Slots::Evidence,
    ),
    ("punctuation or whitespace only", "仅标点或空白", Slots::Evidence),
    ("the policy's date only", "仅政策日期", Slots::Evidence),
    (
        "modal verb swapped (can/may)",
        "情态动词替换（can/may）",
        Slots::Evidence,
    ),
    ("typo fix", "错别字修正", Slots::Evidence),
    ("section moved", "整节移动", Slots::Evidence),
    ("passage moved unchanged", "段落原样移动", Slots::Evidence),
    ("not stated", "未说明", Slots::Evidence),
    ("{} added", "{} 已新增", Slots::NestedOnly),
    ("{}: {} → {}", "{}：{} → {}", Slots::FactPath),
    ("{} removed", "{} 已删除", Slots::NestedOnly),
];

/// `true` when `reason` is in one of the known forms (so a Chinese report can show it in Chinese).
pub fn has_form(reason: &str) -> bool {
    rewrite(reason, false) != reason
}

/// `reason` in `locale`: Chinese for `zh*`, else as it is.
pub fn localized(reason: &str, locale: &str) -> String {
    if !locale.starts_with("zh") {
        return reason.to_string();
    }
    rewrite(reason, false)
}

fn rewrite(reason: &str, nested: bool) -> String {
    for (en, zh, kind) in FORMS {
        if *kind == Slots::NestedOnly && !nested {
            continue;
        }
        if let Some(slots) = slots(en, reason)
            && (*kind != Slots::FactPath || is_fact_path(slots[0]))
        {
            let mut out = String::with_capacity(zh.len() + reason.len());
            let mut pieces = zh.split("{}");
            out.push_str(pieces.next().unwrap_or(""));
            for (i, (slot, piece)) in slots.iter().zip(pieces).enumerate() {
                // a consent reason inside "limits users' rights: …", an entity change inside
                // "recipient changed: …"; the policy's own words are never touched
                if *kind == Slots::Reasons {
                    out.push_str(&rewrite(slot, true));
                } else if *kind == Slots::FactPath && i == 0 {
                    out.push_str(&fact_path_zh(slot));
                } else if *slot == "not stated" {
                    // policyc's word for a missing fact value, not the policy's
                    out.push_str("未说明");
                } else {
                    out.push_str(slot);
                }
                out.push_str(piece);
            }
            return out;
        }
    }
    reason.to_string()
}

/// A fact's path in words: lowercase letters, digits, `-` and spaces.
fn is_fact_path(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ' || b == b'-')
}

/// The words of a fact's path in Chinese; item ids (`location`, `glide`) stay as they are.
fn fact_path_zh(path: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut rest = path;
    'outer: while !rest.is_empty() {
        for (key, zh) in crate::facts::FIELD_LABELS_ZH {
            let en = key.replace('_', " ");
            if let Some(after) = rest.strip_prefix(en.as_str())
                && (after.is_empty() || after.starts_with(' '))
            {
                words.push((*zh).to_string());
                rest = after.trim_start();
                continue 'outer;
            }
        }
        let (word, after) = rest.split_once(' ').unwrap_or((rest, ""));
        words.push(word.to_string());
        rest = after;
    }
    words.join(" ")
}

/// The slots of `form` in `text` when `text` has that form (leftmost match of each literal).
fn slots<'t>(form: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let literals: Vec<&str> = form.split("{}").collect();
    let (first, last) = (literals[0], literals[literals.len() - 1]);
    if literals.len() == 1 {
        return (text == form).then(Vec::new);
    }
    let body = text.strip_prefix(first)?.strip_suffix(last)?;
    let mut out = Vec::new();
    let mut rest = body;
    for lit in &literals[1..literals.len() - 1] {
        let at = rest.find(lit)?;
        out.push(&rest[..at]);
        rest = &rest[at + lit.len()..];
    }
    out.push(rest);
    // an empty slot is no evidence: the form does not fit
    (!out.iter().any(|s| s.is_empty()) || form.ends_with("{}")).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_stays_english() {
        assert_eq!(localized("typo fix", "en"), "typo fix");
    }

    #[test]
    fn forms_are_rewritten_with_their_evidence() {
        assert_eq!(
            localized("contact email: app@smallrig.com → privacy@smallrig.com", "zh-CN"),
            "联系邮箱：app@smallrig.com → privacy@smallrig.com"
        );
        assert_eq!(
            localized(
                "limits users' rights: response time lengthened from 15 to 30 days",
                "zh-CN"
            ),
            "限制用户权利：答复期限由 15 天延长至 30 天"
        );
        assert_eq!(
            localized("added text: \"境外\" in \"我们会将信息存储在境外\"", "zh-CN"),
            "新增文字：\"境外\"，见“我们会将信息存储在境外”"
        );
        assert_eq!(
            localized("responsible entity changed: A Co., Ltd. → B Co., Ltd.", "zh-CN"),
            "责任主体变更：A Co., Ltd. → B Co., Ltd."
        );
        assert_eq!(localized("something new", "zh-CN"), "something new");
        // a consent reason naming a removed fact path, nested
        assert_eq!(
            localized("limits users' rights: rights.delete removed", "zh-CN"),
            "限制用户权利：rights.delete 已删除"
        );
        // the policy's words in a slot are never rewritten, even when they read like a reason
        assert_eq!(localized("removed: \"typo fix\"", "zh-CN"), "删除：“typo fix”");
        assert_eq!(localized("X removed", "zh-CN"), "X removed");
        assert_eq!(
            localized(
                "permissions location purpose: not stated → to scan for devices",
                "zh-CN"
            ),
            "权限 位置 目的：未说明 → to scan for devices"
        );
        assert_eq!(
            localized("requests fee: free → 10 yuan", "zh-CN"),
            "请求 收费：free → 10 yuan"
        );
        // not a fact path: left alone
        assert_eq!(localized("Some Words: a → b", "zh-CN"), "Some Words: a → b");
    }

    #[test]
    fn every_form_round_trips() {
        for (en, zh, kind) in FORMS.iter().filter(|f| f.2 != Slots::FactPath) {
            let filled = en.replace("{}", "X");
            let out = if *kind == Slots::NestedOnly {
                rewrite(&filled, true)
            } else {
                localized(&filled, "zh-CN")
            };
            // slots filled with X come back; the form's literals are Chinese
            assert_eq!(out, zh.replace("{}", "X"), "{en}");
        }
    }
}
