//! The user-facing notice of changes that §VIII promises: each triggered clause with its concrete
//! changes (a fact's old → new value, the sentences added or removed), when the new version takes
//! effect, where the redline is, and a consent call-out when rights are limited. Text, Markdown
//! and HTML come from the per-locale messages and the `notice.*` templates; `--format json` is the
//! `policyc.notice/1` document ([`json`]).
//!
//! 1. [`view`] walks the assessment clause by clause: for each change that triggers the clause,
//!    the typed reasons that triggered it become [`NoticeChange`]s (a fact's or a name's old and
//!    new value first; else what limits rights; else the passage's changed sentences);
//! 2. [`render`] hands the view to a template, [`json`] serialises it with the sides and dates.

use serde::Serialize;

use crate::classify::{Channel, Consent, EntityRole, FactList, NameChange, Reason, Verdict};
use crate::diff::{Change, Kind};
use crate::error::Result;
use crate::render::templates::{Messages, TemplateSet, template_error};

use super::Report;

/// One concrete change under a clause: what changed, from what, to what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeChange {
    /// What changed, in the notice's locale (`Contact email`, `Third-party SDK added`).
    pub what: String,
    /// Before (`None`: it is new).
    pub old: Option<String>,
    /// After (`None`: it is gone).
    pub new: Option<String>,
    /// A stable machine-readable name: the reason's kind of `policyc.diff/1` (`email-changed`,
    /// `fact-value-changed` …), or `text-added`, `text-removed`, `text-changed` for a passage.
    pub kind: &'static str,
    /// The section id where the change is.
    pub section: String,
    /// The change limits users' rights (it needs their express consent).
    pub requires_consent: bool,
    /// The locale whose text makes the change, when it is not the notice's (only another
    /// locale's text makes it, and `old`/`new` quote that text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// A clause named in the notice, with its concrete changes.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeClause {
    /// `8.3`.
    pub id: String,
    /// Its title in the notice's locale.
    pub title: String,
    /// A change under it limits users' rights.
    pub requires_consent: bool,
    /// What changed under it, in document order, without repeats.
    pub changes: Vec<NoticeChange>,
}

/// What the notice templates see as `notice`.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    /// Subject line.
    pub subject: String,
    /// Product name.
    pub product: String,
    /// Old version id.
    pub old: String,
    /// New version id.
    pub new: String,
    /// The new version's effective date, formatted for the locale.
    pub effective: String,
    /// Any material change.
    pub material: bool,
    /// A change limits users' rights.
    pub requires_consent: bool,
    /// The clauses triggered, each with its changes.
    pub clauses: Vec<NoticeClause>,
    /// Absolute URL of the redline page.
    pub redline_url: String,
}

/// Builds the notice view of `report` (in the report's locale).
pub fn view(
    report: &Report,
    msg: &Messages,
    product: &str,
    old: &str,
    new: &str,
    effective: String,
    redline_url: String,
) -> NoticeView {
    let assessment = report.assessment;
    NoticeView {
        subject: msg.get("notice_subject").cloned().unwrap_or_default(),
        product: product.to_string(),
        old: old.to_string(),
        new: new.to_string(),
        effective,
        material: assessment.material,
        requires_consent: assessment.requires_consent,
        clauses: assessment.clauses.iter().map(|id| clause(report, id)).collect(),
        redline_url,
    }
}

/// Clause `id` with the concrete changes of every change that triggers it.
fn clause(report: &Report, id: &str) -> NoticeClause {
    let mut changes: Vec<NoticeChange> = Vec::new();
    let mut requires_consent = false;
    for (change, verdict) in report.items().filter(|(_, v)| v.clauses.iter().any(|c| c == id)) {
        requires_consent |= verdict.requires_consent;
        for item in concrete(report, change, verdict, id) {
            if !changes
                .iter()
                .any(|c| c.what == item.what && c.old == item.old && c.new == item.new)
            {
                changes.push(item);
            }
        }
    }
    NoticeClause {
        id: id.to_string(),
        title: report
            .rules
            .clause(id)
            .map_or(String::new(), |c| c.title(report.locale()).to_string()),
        requires_consent,
        changes,
    }
}

/// How specific a reason's account of a change is: a value beats a limit of rights, which beats
/// the passage's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Value,
    Limit,
    Passage,
}

/// The concrete changes of one change under clause `id`: those of its most specific reasons.
fn concrete(report: &Report, change: &Change, verdict: &Verdict, id: &str) -> Vec<NoticeChange> {
    let zh = report.locale().starts_with("zh");
    let mut found: Vec<(Rank, NoticeChange)> = Vec::new();
    let mut shows_fact = false;
    let at = |what: String, old: Option<String>, new: Option<String>, kind: &'static str| NoticeChange {
        what,
        old,
        new,
        kind,
        section: change.section.clone(),
        requires_consent: verdict.requires_consent,
        locale: change.locale.clone(),
    };
    for reason in verdict.reasons_for(id, report.rules) {
        let kind = reason.kind();
        let value = |what: &str, old: Option<String>, new: Option<String>| {
            (
                Rank::Value,
                at(edited(what, old.is_some(), new.is_some(), zh), old, new, kind),
            )
        };
        let limit = |what: &str, old: Option<String>, new: Option<String>| {
            (Rank::Limit, at(what.to_string(), old, new, kind))
        };
        match reason {
            Reason::Email(c) => found.push(value(
                pick(zh, "Email address", "电子邮箱"),
                names(c).0,
                names(c).1,
            )),
            Reason::Address(c) => found.push(value(
                pick(zh, "Postal address", "通信地址"),
                names(c).0,
                names(c).1,
            )),
            Reason::Places { added, removed } => {
                // (named here whole: "… where data is stored or sent added" does not read)
                let place = |what: &str, old: Option<&String>, new: Option<&String>| {
                    (
                        Rank::Value,
                        at(what.to_string(), old.cloned(), new.cloned(), kind),
                    )
                };
                let gone = pick(
                    zh,
                    "Country or region no longer named for storing or sending data",
                    "不再列明的存储或传输个人信息的国家或地区",
                );
                let named = pick(
                    zh,
                    "New country or region where data is stored or sent",
                    "新增存储或传输个人信息的国家或地区",
                );
                found.extend(removed.iter().map(|p| place(gone, Some(p), None)));
                found.extend(added.iter().map(|p| place(named, None, Some(p))));
            }
            Reason::Phones { old, new } => {
                let join = |v: &[String]| (!v.is_empty()).then(|| v.join(", "));
                found.push(value(pick(zh, "Phone number", "电话号码"), join(old), join(new)));
            }
            Reason::Entity { role, change: c } => {
                let what = match role {
                    EntityRole::Responsible => pick(
                        zh,
                        "Organisation responsible for your personal information",
                        "负责处理您个人信息的机构",
                    ),
                    EntityRole::ContactRoute => pick(
                        zh,
                        "Organisation that handles contacts and complaints",
                        "受理联系与投诉的机构",
                    ),
                    EntityRole::Recipient => {
                        pick(zh, "Recipient of personal information", "个人信息的接收方")
                    }
                };
                found.push(value(what, names(c).0, names(c).1));
            }
            Reason::RetentionStated { days } => {
                found.push(value(
                    pick(zh, "Retention period", "保存期限"),
                    None,
                    Some(in_days(*days, zh)),
                ));
            }
            Reason::Retention { old, new } => found.push(value(
                pick(zh, "Retention period", "保存期限"),
                Some(in_days(*old, zh)),
                Some(in_days(*new, zh)),
            )),
            Reason::ResponseTime { old, new } => found.push(value(
                pick(zh, "Time to answer your requests", "答复您请求的期限"),
                Some(in_days(*old, zh)),
                Some(in_days(*new, zh)),
            )),
            Reason::FactItemAdded { list, description } => {
                found.push(value(list_label(*list, zh), None, Some(description.clone())));
            }
            Reason::FactItemRemoved { list, description } => {
                found.push(value(list_label(*list, zh), Some(description.clone()), None));
            }
            Reason::FactValue { path, old, new } => {
                // the whole value, not the reason's excerpt of it
                let full = |v: Option<&serde_json::Value>, short: &Option<String>| {
                    v.map(crate::diff::fact_text).or_else(|| short.clone())
                };
                let fact = change.fact.as_ref().filter(|f| &f.path == path);
                let (old, new) = match fact {
                    Some(f) => (full(f.old.as_ref(), old), full(f.new.as_ref(), new)),
                    None => (old.clone(), new.clone()),
                };
                found.push(value(
                    &capitalized(&super::reasons::fact_label(path, report.locale())),
                    old,
                    new,
                ));
            }
            Reason::SdkProcesses(terms) => found.push(value(
                pick(
                    zh,
                    "Personal information a new SDK processes",
                    "新增SDK处理的个人信息",
                ),
                None,
                Some(terms.join(if zh { "、" } else { ", " })),
            )),
            Reason::LimitsRights(c) => match c {
                // a quoted limit is shown by the sentences of the passage, under its own label
                // (the reason's quote is a clipped excerpt of the words inserted or deleted)
                Consent::RefusalGround(_)
                | Consent::FeeAdded(_)
                | Consent::RightRestricted(_)
                | Consent::RightQualified(_)
                | Consent::NoLongerFree(_) => {
                    let what = match c {
                        Consent::RefusalGround(_) => pick(
                            zh,
                            "New ground for refusing your requests",
                            "新增拒绝您请求的理由",
                        ),
                        Consent::FeeAdded(_) => {
                            pick(zh, "Fee for exercising your rights", "行使权利须支付费用")
                        }
                        Consent::RightRestricted(_) => pick(zh, "Right restricted", "权利受到限制"),
                        Consent::RightQualified(_) => pick(zh, "Right made conditional", "权利附加了条件"),
                        _ => pick(
                            zh,
                            "Requests are no longer stated to be free of charge",
                            "不再说明请求免费",
                        ),
                    };
                    let text = passage(report, change, verdict, zh);
                    found.push((
                        Rank::Limit,
                        NoticeChange {
                            what: what.to_string(),
                            kind,
                            ..text
                        },
                    ));
                }
                Consent::RequestFee(q) => found.push(limit(
                    pick(zh, "Fee for exercising your rights", "行使权利须支付费用"),
                    None,
                    Some(q.clone()),
                )),
                Consent::RightRemoved(name) => {
                    found.push(limit(
                        pick(zh, "Right removed", "删除的权利"),
                        Some(name.clone()),
                        None,
                    ));
                }
                Consent::AuthorityRemoved(name) => found.push(limit(
                    pick(zh, "Complaint route removed", "删除的投诉途径"),
                    Some(name.clone()),
                    None,
                )),
                Consent::HowRemoved(path) | Consent::RouteRemoved(path) => found.push(limit(
                    pick(zh, "No longer stated", "不再说明"),
                    Some(super::reasons::fact_label(path, report.locale())),
                    None,
                )),
                Consent::TextRemoved { .. } | Consent::RightWordsRemoved { .. } => {
                    found.push((Rank::Passage, passage(report, change, verdict, zh)));
                }
                // the value of the response time, when a reason states it, says the same
                Consent::ResponseLengthened { old, new } => found.push(limit(
                    pick(zh, "Time to answer your requests", "答复您请求的期限"),
                    Some(in_days(*old, zh)),
                    Some(in_days(*new, zh)),
                )),
            },
            // a contact channel's link: its old and new address
            Reason::Link {
                change: l,
                channel: Some(channel),
            } => {
                let what = match channel {
                    Channel::Email => pick(zh, "Email link", "电子邮件链接"),
                    Channel::Phone => pick(zh, "Phone link", "电话链接"),
                    Channel::Complaint => pick(zh, "Complaint form", "投诉表单"),
                    Channel::Request => pick(zh, "Request form", "请求表单"),
                    Channel::Contact => pick(zh, "Contact form", "联系表单"),
                };
                found.push(value(what, l.old.clone(), l.new.clone()));
            }
            Reason::ShowsFact { .. } => shows_fact = true,
            Reason::Terms { .. }
            | Reason::Source { .. }
            | Reason::TopicPassage { .. }
            | Reason::ListEntries { .. }
            | Reason::Rights { .. }
            | Reason::PolarityFlip { .. }
            | Reason::DenialRemoved { .. }
            | Reason::DenialNarrowed { .. }
            | Reason::StepRequired { .. }
            | Reason::ConditionAdded { .. }
            | Reason::PromiseWeakened { .. }
            | Reason::InSectionAbout(_) => found.push((Rank::Passage, passage(report, change, verdict, zh))),
            // editorial, moves and the like name no concrete change; a carried change is listed
            // by the reasons it carries
            _ => {}
        }
    }
    if found.is_empty() && !shows_fact {
        found.push((Rank::Passage, passage(report, change, verdict, zh)));
    }
    let best = found.iter().map(|(r, _)| *r).min();
    found
        .into_iter()
        .filter(|(r, _)| Some(*r) == best)
        .map(|(_, c)| c)
        .collect()
}

/// `en` or `zh`.
fn pick(zh: bool, en: &'static str, zh_text: &'static str) -> &'static str {
    if zh { zh_text } else { en }
}

/// `what`, marked as added or removed when only one side has a value.
fn edited(what: &str, old: bool, new: bool, zh: bool) -> String {
    match (old, new, zh) {
        (false, true, false) => format!("{what} added"),
        (true, false, false) => format!("{what} removed"),
        (false, true, true) => format!("新增{what}"),
        (true, false, true) => format!("删除{what}"),
        _ => what.to_string(),
    }
}

/// `s` with its first letter in upper case (`contact email` → `Contact email`).
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The two sides of a name change.
fn names(c: &NameChange) -> (Option<String>, Option<String>) {
    match c {
        NameChange::Changed { old, new } => (Some(old.clone()), Some(new.clone())),
        NameChange::Added(n) => (None, Some(n.clone())),
        NameChange::Removed(o) => (Some(o.clone()), None),
    }
}

fn in_days(days: u32, zh: bool) -> String {
    if zh {
        format!("{days}天")
    } else if days == 1 {
        "1 day".into()
    } else {
        format!("{days} days")
    }
}

fn list_label(list: FactList, zh: bool) -> &'static str {
    match list {
        FactList::Sdk => pick(zh, "Third-party SDK", "第三方SDK"),
        FactList::Permission => pick(zh, "Permission", "权限"),
        FactList::DataCategory => pick(zh, "Category of personal information", "个人信息类型"),
        FactList::Right => pick(zh, "Right", "权利"),
    }
}

/// A passage's change as the sentences added or removed: a new or removed passage by its really
/// new (or really gone) sentences, a modified one by the sentences of each side the other lacks;
/// fact references shown as their values.
fn passage(report: &Report, change: &Change, verdict: &Verdict, zh: bool) -> NoticeChange {
    let expand_old = |t: &str| super::context::expand(t, report.old);
    let expand_new = |t: &str| super::context::expand(t, report.new);
    let whole = |t: &Option<String>| t.as_deref().map(str::to_string);
    let (old, new) = match change.kind {
        Kind::Added => (None, change.novel.clone().or_else(|| whole(&change.new))),
        Kind::Removed => (change.novel.clone().or_else(|| whole(&change.old)), None),
        Kind::Modified | Kind::Moved => match (&change.old, &change.new) {
            (Some(a), Some(b)) => {
                let (a, b) = changed_sentences(a, b, zh);
                if a.is_none() && b.is_none() {
                    (whole(&change.old), whole(&change.new))
                } else {
                    (a, b)
                }
            }
            _ => (whole(&change.old), whole(&change.new)),
        },
    };
    let (what, kind) = match (&old, &new) {
        (None, Some(_)) => (pick(zh, "Text added", "新增内容"), "text-added"),
        (Some(_), None) => (pick(zh, "Text removed", "删除内容"), "text-removed"),
        _ => (pick(zh, "Text changed", "修改内容"), "text-changed"),
    };
    NoticeChange {
        what: what.to_string(),
        old: old.map(|t| expand_old(&t)),
        new: new.map(|t| expand_new(&t)),
        kind,
        section: change.section.clone(),
        requires_consent: verdict.requires_consent,
        locale: change.locale.clone(),
    }
}

/// The sentences of `old` that `new` lacks and those of `new` that `old` lacks (compared on their
/// normal form), each side joined; `None` for a side with none.
fn changed_sentences(old: &str, new: &str, zh: bool) -> (Option<String>, Option<String>) {
    let a = crate::diff::sentences(old);
    let b = crate::diff::sentences(new);
    let only = |x: &[(&str, String)], y: &[(&str, String)]| {
        let kept: Vec<&str> = x
            .iter()
            .filter(|(_, n)| !y.iter().any(|(_, m)| m == n))
            .map(|(s, _)| *s)
            .collect();
        (!kept.is_empty()).then(|| kept.join(if zh { "" } else { " " }))
    };
    (only(&a, &b), only(&b, &a))
}

/// Renders the notice with template `notice.txt`, `notice.md` or `notice.html`.
pub fn render(
    templates: &TemplateSet,
    template: &str,
    lang: &str,
    notice: &NoticeView,
    msg: &Messages,
) -> Result<String> {
    let tera = templates.engine()?;
    let mut ctx = tera::Context::new();
    ctx.insert("notice", notice);
    ctx.insert("msg", msg);
    ctx.insert("lang", lang);
    tera.render(template, &ctx)
        .map_err(|e| template_error(templates, &e))
}

/// A side of the notice in `policyc.notice/1`.
#[derive(Serialize)]
struct SideJson<'a> {
    version: &'a str,
    locale: &'a str,
    effective: Option<String>,
    updated: Option<String>,
}

/// `policyc.notice/1`: the contract's fields first, then ours (docs/diff.md#notices).
#[derive(Serialize)]
struct NoticeJson<'a> {
    schema: &'static str,
    old: SideJson<'a>,
    new: SideJson<'a>,
    effective: Option<String>,
    requires_consent: bool,
    clauses: Vec<ClauseJson<'a>>,
    locale: &'a str,
    product: &'a str,
    material: bool,
    subject: &'a str,
    /// The versions between the two, whose changes the notice sums up (OLD is compared with NEW).
    between: &'a [String],
    redline_url: &'a str,
}

#[derive(Serialize)]
struct ClauseJson<'a> {
    id: &'a str,
    title: &'a str,
    changes: &'a [NoticeChange],
    requires_consent: bool,
}

/// The `policyc.notice/1` document of `notice` (made by [`view`] from `report`); `between` are
/// the ids of the versions between the two sides.
pub fn json(notice: &NoticeView, report: &Report, between: &[String]) -> String {
    let sides = [(report.old, &notice.old), (report.new, &notice.new)];
    let [old, new] = [0, 1].map(|i| SideJson {
        version: sides[i].1,
        locale: &sides[i].0.locale,
        effective: report.dates[i].map(|d| d.effective.to_string()),
        updated: report.dates[i].map(|d| d.updated.to_string()),
    });
    let doc = NoticeJson {
        schema: "policyc.notice/1",
        effective: report.dates[1].map(|d| d.effective.to_string()),
        old,
        new,
        requires_consent: notice.requires_consent,
        clauses: notice
            .clauses
            .iter()
            .map(|c| ClauseJson {
                id: &c.id,
                title: &c.title,
                changes: &c.changes,
                requires_consent: c.requires_consent,
            })
            .collect(),
        locale: report.locale(),
        product: &notice.product,
        material: notice.material,
        subject: &notice.subject,
        between,
        redline_url: &notice.redline_url,
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("JSON serialises");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_sentences_are_those_one_side_lacks() {
        let (old, new) = changed_sentences(
            "We keep data. We respond within 30 days.",
            "We keep data. We respond within 60 days. We may sell it.",
            false,
        );
        assert_eq!(old.as_deref(), Some("We respond within 30 days."));
        assert_eq!(new.as_deref(), Some("We respond within 60 days. We may sell it."));
        // a sentence added in Chinese, joined without spaces
        let (old, new) = changed_sentences(
            "我们保存数据。",
            "我们保存数据。我们可能出售数据。另见附录。",
            true,
        );
        assert_eq!(old, None);
        assert_eq!(new.as_deref(), Some("我们可能出售数据。另见附录。"));
        assert_eq!(changed_sentences("Same.", "Same.", false), (None, None));
    }

    #[test]
    fn labels_say_added_or_removed_when_one_side_is_missing() {
        assert_eq!(edited("Email address", false, true, false), "Email address added");
        assert_eq!(
            edited("Email address", true, false, false),
            "Email address removed"
        );
        assert_eq!(edited("Email address", true, true, false), "Email address");
        assert_eq!(edited("电子邮箱", false, true, true), "新增电子邮箱");
        assert_eq!(edited("电子邮箱", true, false, true), "删除电子邮箱");
        assert_eq!(capitalized("contact email"), "Contact email");
        assert_eq!(capitalized(""), "");
        assert_eq!(in_days(1, false), "1 day");
        assert_eq!(in_days(30, true), "30天");
    }
}
