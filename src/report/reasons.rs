//! Reasons in the reader's language: each [`Reason`] rendered in English or Chinese with its
//! evidence (quoted words, addresses, numbers) as the policy wrote it. The JSON report keeps the
//! English text (scripts match on it) beside each reason's `kind`.

use crate::classify::rules::short_topic;
use crate::classify::{Channel, Consent, Edit, EntityRole, FactList, NameChange, Reason, Right};
use crate::diff::LinkChange;
use crate::diff::links::LinkKind;

/// `reason` in `locale`: Chinese for `zh*`, else English.
pub fn text(reason: &Reason, locale: &str) -> String {
    if locale.starts_with("zh") {
        zh(reason)
    } else {
        en(reason)
    }
}

/// Terms as `"a", "b"`.
fn quoted(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn name_change_en(c: &NameChange) -> String {
    match c {
        NameChange::Changed { old, new } => format!("{old} → {new}"),
        NameChange::Added(n) => format!("{n} added"),
        NameChange::Removed(o) => format!("{o} removed"),
    }
}

fn name_change_zh(c: &NameChange) -> String {
    match c {
        NameChange::Changed { old, new } => format!("{old} → {new}"),
        NameChange::Added(n) => format!("{n} 已新增"),
        NameChange::Removed(o) => format!("{o} 已删除"),
    }
}

/// A fact's label in `locale` (Chinese for `zh*`, else English): `contact.email` → `contact email`.
pub(crate) fn fact_label(path: &str, locale: &str) -> String {
    if locale.starts_with("zh") {
        fact_label_zh(path)
    } else {
        fact_label_en(path)
    }
}

/// A fact's label: the usual fields by name, others as their path in words.
fn fact_label_en(path: &str) -> String {
    match path {
        "contact.email" => "contact email".into(),
        "contact.phone" => "contact phone".into(),
        "controller.name" => "controller (legal name)".into(),
        "controller.address" => "controller address".into(),
        "requests.response_days" => "response time (days)".into(),
        _ => path.replace(['.', '_'], " "),
    }
}

fn fact_label_zh(path: &str) -> String {
    match path {
        "contact.email" => "联系邮箱".into(),
        "contact.phone" => "联系电话".into(),
        "controller.name" => "个人信息处理者（法定名称）".into(),
        "controller.address" => "个人信息处理者地址".into(),
        "requests.response_days" => "答复期限（天）".into(),
        _ => fact_path_zh(path),
    }
}

/// The words of a fact's path in Chinese; item ids (`location`, `glide`) stay as they are.
fn fact_path_zh(path: &str) -> String {
    path.split('.')
        .map(|part| {
            crate::facts::FIELD_LABELS_ZH
                .iter()
                .find(|(key, _)| *key == part)
                .map_or_else(|| part.replace('_', " "), |(_, zh)| (*zh).to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn list_en(l: FactList) -> &'static str {
    match l {
        FactList::Sdk => "SDK",
        FactList::Permission => "permission",
        FactList::DataCategory => "data category",
        FactList::Right => "right",
    }
}

/// (a space parts the Latin name from the Chinese verb before it)
fn list_zh(l: FactList) -> &'static str {
    match l {
        FactList::Sdk => " SDK",
        FactList::Permission => "权限",
        FactList::DataCategory => "个人信息类型",
        FactList::Right => "权利",
    }
}

fn en(reason: &Reason) -> String {
    let verb = |e: Edit| match e {
        Edit::Added => "added text",
        Edit::Removed => "removed text",
        Edit::Changed => "changed wording",
    };
    match reason {
        Reason::FormattingOnly => "formatting, case, quotes, punctuation or whitespace only".into(),
        Reason::FactFormattingOnly => "fact text: formatting, case or punctuation only".into(),
        Reason::PunctuationOnly => "punctuation or whitespace only".into(),
        Reason::EncodingOnly => "characters garbled by a wrong text encoding only".into(),
        Reason::PolicyDateOnly => "the policy's date only".into(),
        Reason::ModalSwap => "modal verb swapped (can/may)".into(),
        Reason::TypoFix => "typo fix".into(),
        Reason::SectionMoved => "section moved".into(),
        Reason::HeadingOnly => "a heading only".into(),
        Reason::PassageMoved => "passage moved unchanged".into(),
        Reason::PageChrome => "menus, links or footer of a captured web page, not the policy's text".into(),
        Reason::NoClause => "wording changed; no §VIII clause is affected".into(),
        Reason::FactChanged => "fact changed".into(),
        Reason::Email(NameChange::Changed { old, new }) => {
            format!("contact email changed: {old} → {new}")
        }
        Reason::Email(NameChange::Added(n)) => format!("email address added: {n}"),
        Reason::Email(NameChange::Removed(o)) => format!("email address removed: {o}"),
        Reason::Address(NameChange::Changed { old, new }) => {
            format!("postal address changed: {old} → {new}")
        }
        Reason::Address(NameChange::Added(n)) => format!("postal address added: {n}"),
        Reason::Address(NameChange::Removed(o)) => format!("postal address removed: {o}"),
        Reason::Places { added, removed } => match (added.is_empty(), removed.is_empty()) {
            (false, true) => format!("where data is stored or sent, added: {}", added.join(", ")),
            (true, false) => format!("where data is stored or sent, removed: {}", removed.join(", ")),
            _ => format!(
                "where data is stored or sent: {} → {}",
                removed.join(", "),
                added.join(", ")
            ),
        },
        Reason::Phones { old, new } => {
            format!("phone number changed: {} → {}", old.join(", "), new.join(", "))
        }
        Reason::Entity { role, change } => {
            let who = name_change_en(change);
            match role {
                EntityRole::Responsible => format!("responsible entity changed: {who}"),
                EntityRole::ContactRoute => {
                    format!("complaint or contact route names another entity: {who}")
                }
                EntityRole::Recipient => format!("recipient changed: {who}"),
            }
        }
        Reason::RetentionStated { days } => format!("retention period stated: {days} days"),
        Reason::Retention { old, new } => format!("retention period: {old} → {new} days"),
        Reason::ResponseTime { old, new } => format!("response time: {old} → {new} days"),
        Reason::Terms { edit, terms, excerpt } => {
            format!("{}: {} in \"{excerpt}\"", verb(*edit), quoted(terms))
        }
        Reason::Source { terms, excerpt } => {
            format!("where data comes from: {} in \"{excerpt}\"", quoted(terms))
        }
        Reason::TopicPassage {
            edit,
            topic,
            excerpt,
            terms,
        } => format!(
            "{} in a section about {}: \"{excerpt}\"{}",
            verb(*edit),
            short_topic(*topic, "en"),
            if terms.is_empty() {
                String::new()
            } else {
                format!(" ({})", terms.join(", "))
            }
        ),
        Reason::ListEntries {
            topic,
            added,
            removed,
        } => {
            let quoted = |xs: &[String]| {
                xs.iter()
                    .map(|x| format!("\"{x}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if removed.is_empty() {
                format!(
                    "a list about {} names more: {}",
                    short_topic(*topic, "en"),
                    quoted(added)
                )
            } else {
                format!(
                    "a list about {} names less: {} taken out",
                    short_topic(*topic, "en"),
                    quoted(removed)
                )
            }
        }
        Reason::Sdks { added, removed } => sdks_en(added, removed),
        Reason::Rights { added, removed } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("now stated: {}", rights_en(added)));
            }
            if !removed.is_empty() {
                parts.push(format!("no longer stated anywhere: {}", rights_en(removed)));
            }
            parts.join("; ")
        }
        Reason::InSectionAbout(role) => {
            format!("the change is in the section about {}", short_topic(*role, "en"))
        }
        Reason::ShowsFact { path } => format!("shows the fact change of `{path}` (counted there)"),
        Reason::FactItemAdded { list, description } => {
            format!("new {}: {description}", list_en(*list))
        }
        Reason::FactItemRemoved { list, description } => {
            format!("{} removed: {description}", list_en(*list))
        }
        Reason::FactValue { path, old, new } => format!(
            "{}: {} → {}",
            fact_label_en(path),
            old.as_deref().unwrap_or("not stated"),
            new.as_deref().unwrap_or("not stated")
        ),
        Reason::SdkProcesses(terms) => format!("the SDK processes {}", quoted(terms)),
        Reason::PolarityFlip { old, new } => {
            format!("the sentence now says the opposite: \"{old}\" → \"{new}\"")
        }
        Reason::StepRequired { old, new } => {
            format!("a step for exercising a right is now required: \"{old}\" → \"{new}\"")
        }
        Reason::ConditionAdded { old, new } => {
            format!("a right now holds only on a condition: \"{old}\" → \"{new}\"")
        }
        Reason::PurposesAdded { purposes, sentence } => {
            let names: Vec<&str> = purposes.iter().map(|p| p.name(false)).collect();
            format!(
                "a new purpose of processing ({}): \"{sentence}\"",
                names.join(", ")
            )
        }
        Reason::CategoriesAdded { categories, sentence } => {
            let names: Vec<&str> = categories.iter().map(|c| c.name(false)).collect();
            format!(
                "new kinds of personal information processed ({}): \"{sentence}\"",
                names.join(", ")
            )
        }
        Reason::PromiseWeakened { old, new } => {
            format!("what was promised about a right is now only possible: \"{old}\" → \"{new}\"")
        }
        Reason::DenialRemoved { sentence } => {
            format!("a sentence ruling this out was taken out: \"{sentence}\"")
        }
        Reason::DenialNarrowed { sentence, dropped } => {
            format!("\"{dropped}\" was taken out of what this sentence rules out: \"{sentence}\"")
        }
        Reason::LimitsRights(c) => format!("limits users' rights: {}", consent_en(c)),
        Reason::OnlyInLocale { locale, missing } => {
            format!("found in the {locale} text; the {missing} text does not carry this change")
        }
        Reason::Link { change, channel } => link_en(change, *channel),
        Reason::RightsRoute(l) => format!(
            "how users exercise their rights {}: link {}",
            link_edit(l, false),
            link_targets(l, "\"", "\"")
        ),
    }
}

/// A right's name in English.
/// `new SDK: a, b; SDK no longer named: c` (the parts that apply).
fn sdks_en(added: &[String], removed: &[String]) -> String {
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("new SDK: {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("SDK no longer named: {}", removed.join(", ")));
    }
    parts.join("; ")
}

/// `新增SDK：a、b；不再列明SDK：c`.
fn sdks_zh(added: &[String], removed: &[String]) -> String {
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("新增SDK：{}", added.join("、")));
    }
    if !removed.is_empty() {
        parts.push(format!("不再列明SDK：{}", removed.join("、")));
    }
    parts.join("；")
}

fn right_en(r: Right) -> &'static str {
    match r {
        Right::Access => "the right of access",
        Right::Rectification => "the right to rectification",
        Right::Erasure => "the right to erasure",
        Right::Portability => "the right to data portability",
        Right::Restriction => "the right to restrict processing",
        Right::Objection => "the right to object or opt out",
        Right::MarketingOptOut => "the right to unsubscribe from marketing",
        Right::WithdrawConsent => "the right to withdraw consent",
        Right::OptOutOfSale => "the right to opt out of sale or sharing",
        Right::AutomatedDecisions => "rights on automated decisions",
        Right::Appeal => "the right to appeal",
        Right::Complaint => "the right to complain",
        Right::AccountDeletion => "the right to close the account",
        Right::NonDiscrimination => "the right to non-discrimination",
        Right::Copy => "the right to obtain a copy",
        Right::Explanation => "the right to an explanation",
    }
}

/// A right's name in Chinese.
fn right_zh(r: Right) -> &'static str {
    match r {
        Right::Access => "查阅、复制权",
        Right::Rectification => "更正、补充权",
        Right::Erasure => "删除权",
        Right::Portability => "可携带权",
        Right::Restriction => "限制处理权",
        Right::Objection => "拒绝（反对）处理权",
        Right::MarketingOptOut => "退订营销信息权",
        Right::WithdrawConsent => "撤回同意权",
        Right::OptOutOfSale => "拒绝出售或共享权",
        Right::AutomatedDecisions => "自动化决策相关权利",
        Right::Appeal => "申诉权",
        Right::Complaint => "投诉、举报权",
        Right::AccountDeletion => "注销账号权",
        Right::NonDiscrimination => "不受歧视权",
        Right::Copy => "获取副本权",
        Right::Explanation => "要求解释说明权",
    }
}

fn rights_en(rights: &[Right]) -> String {
    rights.iter().map(|r| right_en(*r)).collect::<Vec<_>>().join(", ")
}

fn rights_zh(rights: &[Right]) -> String {
    rights.iter().map(|r| right_zh(*r)).collect::<Vec<_>>().join("、")
}

fn consent_en(c: &Consent) -> String {
    match c {
        Consent::RefusalGround(x) => format!("adds a ground for refusing requests: \"{x}\""),
        Consent::TextRemoved { rights, excerpt } => {
            format!("removed: \"{excerpt}\" (no longer stated: {})", rights_en(rights))
        }
        Consent::FeeAdded(x) => format!("adds a fee: \"{x}\""),
        Consent::RightRestricted(x) => format!("restricts a right: \"{x}\""),
        Consent::RightQualified(x) => format!("makes a right conditional: \"{x}\""),
        Consent::NoLongerFree(x) => format!("requests are no longer said to be free: \"{x}\""),
        Consent::RightWordsRemoved { rights, excerpt } => {
            format!("removes: \"{excerpt}\" (no longer stated: {})", rights_en(rights))
        }
        Consent::RightRemoved(x) => format!("right removed: {x}"),
        Consent::HowRemoved(p) => format!("how to exercise a right no longer stated ({p})"),
        Consent::ResponseLengthened { old, new } => {
            format!("response time lengthened from {old} to {new} days")
        }
        Consent::RequestFee(x) => format!("fee for requests: \"{x}\""),
        Consent::RouteRemoved(p) => format!("{p} removed"),
        Consent::AuthorityRemoved(x) => format!("complaint to {x} no longer offered"),
    }
}

fn zh(reason: &Reason) -> String {
    let verb = |e: Edit| match e {
        Edit::Added => "新增",
        Edit::Removed => "删除",
        Edit::Changed => "修改",
    };
    match reason {
        Reason::FormattingOnly => "仅格式、大小写、引号、标点或空白".into(),
        Reason::FactFormattingOnly => "事实文字：仅格式、大小写或标点".into(),
        Reason::PunctuationOnly => "仅标点或空白".into(),
        Reason::EncodingOnly => "仅为文本编码错误造成的乱码".into(),
        Reason::PolicyDateOnly => "仅政策日期".into(),
        Reason::ModalSwap => "情态动词替换（can/may）".into(),
        Reason::TypoFix => "错别字修正".into(),
        Reason::SectionMoved => "整节移动".into(),
        Reason::HeadingOnly => "仅标题".into(),
        Reason::PassageMoved => "段落原样移动".into(),
        Reason::PageChrome => "所抓取网页的菜单、链接或页脚，并非政策正文".into(),
        Reason::NoClause => "措辞修改，不涉及第八条任何一款".into(),
        Reason::FactChanged => "事实变更".into(),
        Reason::Email(NameChange::Changed { old, new }) => format!("联系邮箱变更：{old} → {new}"),
        Reason::Email(NameChange::Added(n)) => format!("新增邮箱地址：{n}"),
        Reason::Email(NameChange::Removed(o)) => format!("删除邮箱地址：{o}"),
        Reason::Address(NameChange::Changed { old, new }) => format!("通讯地址变更：{old} → {new}"),
        Reason::Address(NameChange::Added(n)) => format!("新增通讯地址：{n}"),
        Reason::Address(NameChange::Removed(o)) => format!("删除通讯地址：{o}"),
        Reason::Places { added, removed } => match (added.is_empty(), removed.is_empty()) {
            (false, true) => format!("新增存储或传输地：{}", added.join("、")),
            (true, false) => format!("删除存储或传输地：{}", removed.join("、")),
            _ => format!("存储或传输地变更：{} → {}", removed.join("、"), added.join("、")),
        },
        Reason::Phones { old, new } => {
            format!("电话号码变更：{} → {}", old.join(", "), new.join(", "))
        }
        Reason::Entity { role, change } => {
            let who = name_change_zh(change);
            match role {
                EntityRole::Responsible => format!("责任主体变更：{who}"),
                EntityRole::ContactRoute => format!("投诉或联系渠道指向其他主体：{who}"),
                EntityRole::Recipient => format!("接收方变更：{who}"),
            }
        }
        Reason::RetentionStated { days } => format!("规定保存期限：{days} 天"),
        Reason::Retention { old, new } => format!("保存期限：{old} → {new} 天"),
        Reason::ResponseTime { old, new } => format!("答复期限：{old} → {new} 天"),
        Reason::Terms { edit, terms, excerpt } => {
            let what = match edit {
                Edit::Added => "新增文字",
                Edit::Removed => "删除文字",
                Edit::Changed => "措辞修改",
            };
            format!("{what}：{}，见“{excerpt}”", quoted(terms))
        }
        Reason::Source { terms, excerpt } => format!("个人信息的来源：{}，见“{excerpt}”", quoted(terms)),
        Reason::TopicPassage {
            edit,
            topic,
            excerpt,
            terms,
        } => format!(
            "在关于{}的部分{}文字：“{excerpt}”{}",
            short_topic(*topic, "zh-CN"),
            match edit {
                Edit::Changed => "修改",
                e => verb(*e),
            },
            if terms.is_empty() {
                String::new()
            } else {
                format!("（{}）", terms.join("、"))
            }
        ),
        Reason::ListEntries {
            topic,
            added,
            removed,
        } => {
            let quoted = |xs: &[String]| xs.iter().map(|x| format!("“{x}”")).collect::<Vec<_>>().join("、");
            if removed.is_empty() {
                format!(
                    "关于{}的列表新增：{}",
                    short_topic(*topic, "zh-CN"),
                    quoted(added)
                )
            } else {
                format!(
                    "关于{}的列表删除：{}",
                    short_topic(*topic, "zh-CN"),
                    quoted(removed)
                )
            }
        }
        Reason::Sdks { added, removed } => sdks_zh(added, removed),
        Reason::Rights { added, removed } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("新载明：{}", rights_zh(added)));
            }
            if !removed.is_empty() {
                parts.push(format!("全文不再载明：{}", rights_zh(removed)));
            }
            parts.join("；")
        }
        Reason::InSectionAbout(role) => {
            format!("修改位于关于{}的部分", short_topic(*role, "zh-CN"))
        }
        Reason::ShowsFact { path } => format!("显示事实 `{path}` 的变更（已在该处计入）"),
        Reason::FactItemAdded { list, description } => {
            format!("新增{}：{description}", list_zh(*list))
        }
        Reason::FactItemRemoved { list, description } => {
            format!("删除{}：{description}", list_zh(*list))
        }
        Reason::FactValue { path, old, new } => format!(
            "{}：{} → {}",
            fact_label_zh(path),
            old.as_deref().unwrap_or("未说明"),
            new.as_deref().unwrap_or("未说明")
        ),
        Reason::SdkProcesses(terms) => format!("该 SDK 处理{}", quoted(terms)),
        Reason::PolarityFlip { old, new } => format!("句意反转：“{old}” → “{new}”"),
        Reason::StepRequired { old, new } => format!("行使权利的一个步骤改为必须：“{old}” → “{new}”"),
        Reason::ConditionAdded { old, new } => format!("权利改为附条件行使：“{old}” → “{new}”"),
        Reason::PurposesAdded { purposes, sentence } => {
            let names: Vec<&str> = purposes.iter().map(|p| p.name(true)).collect();
            format!("新增处理目的（{}）：“{sentence}”", names.join("、"))
        }
        Reason::CategoriesAdded { categories, sentence } => {
            let names: Vec<&str> = categories.iter().map(|c| c.name(true)).collect();
            format!("新增处理的个人信息类型（{}）：“{sentence}”", names.join("、"))
        }
        Reason::PromiseWeakened { old, new } => format!("关于权利的承诺改为可能：“{old}” → “{new}”"),
        Reason::DenialRemoved { sentence } => format!("删除了排除此项处理的语句：“{sentence}”"),
        Reason::DenialNarrowed { sentence, dropped } => {
            format!("语句排除的范围中删去了“{dropped}”：“{sentence}”")
        }
        Reason::LimitsRights(c) => format!("限制用户权利：{}", consent_zh(c)),
        Reason::OnlyInLocale { locale, missing } => {
            format!("见于 {locale} 文本；{missing} 文本未作此修改")
        }
        Reason::Link { change, channel } => link_zh(change, *channel),
        Reason::RightsRoute(l) => format!(
            "行使权利的途径{}：链接{}",
            link_edit(l, true),
            link_targets(l, "“", "”").replacen(": ", "：", 1)
        ),
    }
}

/// `"text": old → new` (`"text" → new` for a new link, `"text" (old)` for one gone).
fn link_targets(l: &LinkChange, open: &str, close: &str) -> String {
    match (&l.old, &l.new) {
        (Some(o), Some(n)) => format!("{open}{}{close}: {o} → {n}", l.text),
        (None, Some(n)) => format!("{open}{}{close} → {n}", l.text),
        (Some(o), None) => format!("{open}{}{close} ({o})", l.text),
        (None, None) => format!("{open}{}{close}", l.text),
    }
}

/// What happened to a link: changed, added or removed (in Chinese when `zh`).
fn link_edit(l: &LinkChange, zh: bool) -> &'static str {
    match (&l.old, &l.new, zh) {
        (Some(_), Some(_), false) => "changed",
        (None, _, false) => "added",
        (Some(_), None, false) => "removed",
        (Some(_), Some(_), true) => "变更",
        (None, _, true) => "新增",
        (Some(_), None, true) => "删除",
    }
}

fn link_en(l: &LinkChange, channel: Option<Channel>) -> String {
    let what = match l.kind {
        LinkKind::Link => "link",
        LinkKind::Image => "image",
    };
    let targets = link_targets(l, "\"", "\"");
    if l.equivalent {
        return format!("{what} {targets} (the same address written differently)");
    }
    let edit = link_edit(l, false);
    match channel {
        Some(c) => {
            let name = match c {
                Channel::Email => "email address",
                Channel::Phone => "phone number",
                Channel::Complaint => "complaint form",
                Channel::Request => "request form",
                Channel::Contact => "contact form",
            };
            format!("contact channel ({name}) {edit}: {what} {targets}")
        }
        None if edit == "changed" => format!("{what} target changed: {targets}"),
        None => format!("{what} {edit}: {targets}"),
    }
}

fn link_zh(l: &LinkChange, channel: Option<Channel>) -> String {
    let what = match l.kind {
        LinkKind::Link => "链接",
        LinkKind::Image => "图片",
    };
    let targets = link_targets(l, "“", "”").replacen(": ", "：", 1);
    if l.equivalent {
        return format!("{what}{targets}（同一地址的不同写法）");
    }
    let edit = link_edit(l, true);
    match channel {
        Some(c) => {
            let name = match c {
                Channel::Email => "电子邮件地址",
                Channel::Phone => "电话号码",
                Channel::Complaint => "投诉表单",
                Channel::Request => "请求表单",
                Channel::Contact => "联系表单",
            };
            format!("联系渠道（{name}）{edit}：{what}{targets}")
        }
        None if edit == "变更" => format!("{what}地址变更：{targets}"),
        None => format!("{what}{edit}：{targets}"),
    }
}

fn consent_zh(c: &Consent) -> String {
    match c {
        Consent::RefusalGround(x) => format!("新增拒绝请求的理由：“{x}”"),
        Consent::TextRemoved { rights, excerpt } | Consent::RightWordsRemoved { rights, excerpt } => {
            format!("删除：“{excerpt}”（不再载明：{}）", rights_zh(rights))
        }
        Consent::FeeAdded(x) => format!("新增收费：“{x}”"),
        Consent::RightRestricted(x) => format!("限制一项权利：“{x}”"),
        Consent::RightQualified(x) => format!("为一项权利增设条件：“{x}”"),
        Consent::NoLongerFree(x) => format!("不再承诺免费响应请求：“{x}”"),
        Consent::RightRemoved(x) => format!("删除权利：{x}"),
        Consent::HowRemoved(p) => format!("不再说明如何行使一项权利（{p}）"),
        Consent::ResponseLengthened { old, new } => {
            format!("答复期限由 {old} 天延长至 {new} 天")
        }
        Consent::RequestFee(x) => format!("请求收费：“{x}”"),
        Consent::RouteRemoved(p) => format!("{p} 已删除"),
        Consent::AuthorityRemoved(x) => format!("不再提供向{x}投诉的途径"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Role;

    /// One of every kind of reason, with evidence in its slots.
    fn every_reason() -> Vec<Reason> {
        let s = |x: &str| x.to_string();
        let mut out = vec![
            Reason::FormattingOnly,
            Reason::FactFormattingOnly,
            Reason::PunctuationOnly,
            Reason::EncodingOnly,
            Reason::PolicyDateOnly,
            Reason::ModalSwap,
            Reason::TypoFix,
            Reason::SectionMoved,
            Reason::HeadingOnly,
            Reason::PassageMoved,
            Reason::PageChrome,
            Reason::NoClause,
            Reason::FactChanged,
            Reason::Email(NameChange::Changed {
                old: s("a@x.com"),
                new: s("b@x.com"),
            }),
            Reason::Email(NameChange::Added(s("b@x.com"))),
            Reason::Email(NameChange::Removed(s("a@x.com"))),
            Reason::Phones {
                old: vec![s("075528283350")],
                new: vec![],
            },
            Reason::Address(NameChange::Changed {
                old: s("42 charlemont street"),
                new: s("1 hatch street upper"),
            }),
            Reason::Address(NameChange::Added(s("1 hatch street upper"))),
            Reason::Address(NameChange::Removed(s("42 charlemont street"))),
            Reason::Places {
                added: vec![s("United States")],
                removed: vec![],
            },
            Reason::RetentionStated { days: 30 },
            Reason::Retention { old: 30, new: 90 },
            Reason::ResponseTime { old: 15, new: 30 },
            Reason::Terms {
                edit: Edit::Added,
                terms: vec![s("境外")],
                excerpt: s("我们会将信息存储在境外"),
            },
            Reason::Source {
                terms: vec![s("合作伙伴")],
                excerpt: s("我们从合作伙伴处获取的信息"),
            },
            Reason::TopicPassage {
                edit: Edit::Removed,
                topic: Role::Rights,
                excerpt: s("you may delete"),
                terms: vec![s("delete")],
            },
            Reason::InSectionAbout(Role::Recipients),
            Reason::ListEntries {
                topic: Role::Purposes,
                added: vec![s("mobile phone number")],
                removed: vec![],
            },
            Reason::ListEntries {
                topic: Role::Recipients,
                added: vec![],
                removed: vec![s("advertising partners")],
            },
            Reason::Sdks {
                added: vec![s("Umeng SDK")],
                removed: vec![s("com.example.push")],
            },
            Reason::Rights {
                added: vec![Right::Portability],
                removed: vec![Right::Erasure],
            },
            Reason::ShowsFact {
                path: s("contact.email"),
            },
            Reason::FactItemAdded {
                list: FactList::Sdk,
                description: s("Glide (com.bumptech.glide)"),
            },
            Reason::FactItemRemoved {
                list: FactList::Right,
                description: s("Deletion"),
            },
            Reason::FactValue {
                path: s("permissions.location.purpose"),
                old: None,
                new: Some(s("to scan for devices")),
            },
            Reason::SdkProcesses(vec![s("device identifier")]),
            Reason::PolarityFlip {
                old: s("We never sell"),
                new: s("We may sell"),
            },
            Reason::DenialRemoved {
                sentence: s("We do not share your data with advertisers."),
            },
            Reason::StepRequired {
                old: s("you may need to prove your identity"),
                new: s("you must prove your identity"),
            },
            Reason::ConditionAdded {
                old: s("you may apply for cancellation of your account"),
                new: s("you may apply for cancellation of your account only after unbinding devices"),
            },
            Reason::PromiseWeakened {
                old: s("we will provide a means of appeal"),
                new: s("we may provide a means of appeal"),
            },
            Reason::DenialNarrowed {
                sentence: s("We do not transfer it to any company, organization or individual."),
                dropped: s("company, organization or"),
            },
            Reason::OnlyInLocale {
                locale: s("en"),
                missing: s("zh-CN"),
            },
        ];
        let link = |old: Option<&str>, new: Option<&str>, equivalent| LinkChange {
            kind: LinkKind::Link,
            text: s("complaint form"),
            old: old.map(s),
            new: new.map(s),
            equivalent,
        };
        let (a, b) = (
            Some("https://x.com/complaints"),
            Some("https://x.com/complaints-new"),
        );
        for (change, channel) in [
            (link(a, Some("https://X.com/complaints/"), true), None),
            (link(a, b, false), Some(Channel::Complaint)),
            (link(None, Some("mailto:dpo@x.com"), false), Some(Channel::Email)),
            (link(Some("tel:+15550100"), None, false), Some(Channel::Phone)),
            (link(a, b, false), None),
            (link(None, b, false), None),
            (link(a, None, false), None),
        ] {
            out.push(Reason::Link { change, channel });
        }
        for change in [link(a, b, false), link(None, b, false), link(a, None, false)] {
            out.push(Reason::RightsRoute(change));
        }
        for role in [
            EntityRole::Responsible,
            EntityRole::ContactRoute,
            EntityRole::Recipient,
        ] {
            out.push(Reason::Entity {
                role,
                change: NameChange::Changed {
                    old: s("A Co., Ltd."),
                    new: s("B Co., Ltd."),
                },
            });
        }
        for c in [
            Consent::RefusalGround(s("x")),
            Consent::TextRemoved {
                rights: vec![Right::Erasure],
                excerpt: s("x"),
            },
            Consent::FeeAdded(s("x")),
            Consent::RightRestricted(s("x")),
            Consent::RightQualified(s("x")),
            Consent::NoLongerFree(s("x")),
            Consent::RightWordsRemoved {
                rights: vec![Right::Access],
                excerpt: s("x"),
            },
            Consent::RightRemoved(s("x")),
            Consent::HowRemoved(s("rights.delete.how")),
            Consent::ResponseLengthened { old: 15, new: 30 },
            Consent::RequestFee(s("x")),
            Consent::RouteRemoved(s("requests.appeal")),
        ] {
            out.push(Reason::LimitsRights(c));
        }
        out
    }

    #[test]
    fn english_forms_are_the_contract_s() {
        let r = |x: Reason| text(&x, "en");
        assert_eq!(
            r(Reason::FactValue {
                path: "contact.email".into(),
                old: Some("app@smallrig.com".into()),
                new: Some("privacy@smallrig.com".into()),
            }),
            "contact email: app@smallrig.com → privacy@smallrig.com"
        );
        assert_eq!(
            r(Reason::LimitsRights(Consent::ResponseLengthened {
                old: 15,
                new: 30
            })),
            "limits users' rights: response time lengthened from 15 to 30 days"
        );
        assert_eq!(
            r(Reason::Terms {
                edit: Edit::Changed,
                terms: vec!["third part".into(), "sdk".into()],
                excerpt: "we share with third parties".into(),
            }),
            "changed wording: \"third part\", \"sdk\" in \"we share with third parties\""
        );
    }

    #[test]
    fn chinese_forms_keep_the_evidence() {
        let r = |x: Reason| text(&x, "zh-CN");
        assert_eq!(
            r(Reason::FactValue {
                path: "contact.email".into(),
                old: Some("app@smallrig.com".into()),
                new: Some("privacy@smallrig.com".into()),
            }),
            "联系邮箱：app@smallrig.com → privacy@smallrig.com"
        );
        assert_eq!(
            r(Reason::LimitsRights(Consent::ResponseLengthened {
                old: 15,
                new: 30
            })),
            "限制用户权利：答复期限由 15 天延长至 30 天"
        );
        // the policy's words are never translated, even when they read like a reason
        assert_eq!(
            r(Reason::LimitsRights(Consent::TextRemoved {
                rights: vec![Right::Erasure],
                excerpt: "typo fix".into(),
            })),
            "限制用户权利：删除：“typo fix”（不再载明：删除权）"
        );
    }

    /// Every kind renders in both languages, the Chinese form with no English word of policyc's
    /// own (only the evidence may be English), and each kind has its own machine name.
    #[test]
    fn every_reason_renders_in_both_languages() {
        let mut kinds = std::collections::BTreeSet::new();
        for r in every_reason() {
            let (e, z) = (text(&r, "en"), text(&r, "zh-CN"));
            assert!(!e.is_empty() && !z.is_empty());
            assert_ne!(e, z, "{r:?}");
            for word in [
                "changed", "added", "removed", "rights", "response", "section", "fact",
            ] {
                let own = z.contains(word)
                    && !matches!(
                        r,
                        Reason::ShowsFact { .. } | Reason::LimitsRights(Consent::HowRemoved(_))
                    );
                assert!(!own, "{word} in {z}");
            }
            kinds.insert(r.kind());
        }
        assert_eq!(kinds.len(), every_reason().len(), "kinds are distinct");
    }
}
