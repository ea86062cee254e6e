//! PolicyDiff -> [`Assessment`]: severity, §VIII clauses, reasons with evidence, and whether a
//! change limits users' rights (express consent, §VIII).
//!
//! A change is *editorial* when it changes no meaning a reader relies on (formatting, case, quotes,
//! punctuation, reflow, a date bump, an isolated typo, a modal-verb swap, a move); *material* when it
//! triggers a clause: through a fact field ([`RuleSet`] `facts`), through hard evidence in the changed
//! words (an email, a phone number, a company name, a number of days), or through the clause's
//! lexicon (strong terms anywhere, weak terms inside a section of the clause's topic); else
//! *substantive*.

pub mod rules;

use std::collections::BTreeSet;

use crate::diff::text::{Segment, changed_text, cjk_ratio, normal_form, words};
use crate::diff::{Change, Kind, PolicyDiff, fact_text};
pub use rules::{ClauseRule, RuleSet};

/// How much a change matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Wording that changes nothing a reader relies on.
    Editorial,
    /// A real change that triggers no §VIII clause.
    Substantive,
    /// Triggers at least one §VIII clause.
    Material,
}

impl Severity {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Editorial => "editorial",
            Severity::Substantive => "substantive",
            Severity::Material => "material",
        }
    }
}

/// The verdict on one change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Severity.
    pub severity: Severity,
    /// Triggered clauses, sorted.
    pub clauses: Vec<String>,
    /// The change limits users' rights.
    pub requires_consent: bool,
    /// Why, quoting the evidence.
    pub reasons: Vec<String>,
}

/// The verdict on a whole diff.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// One verdict per change of the diff, same order.
    pub verdicts: Vec<Verdict>,
    /// Any change is material.
    pub material: bool,
    /// Any change requires consent.
    pub requires_consent: bool,
    /// Union of the triggered clauses, sorted.
    pub clauses: Vec<String>,
}

/// Classifies every change of `diff` under `rules`; `locale` picks the lexicon and the section
/// topics come from section ids (versioned inputs) or headings (plain Markdown).
pub fn assess(diff: &PolicyDiff, rules: &RuleSet, locale: &str, versioned: bool) -> Assessment {
    // changes of one passage share its topics: found once
    let mut topics = TopicsMemo::new();
    let verdicts: Vec<Verdict> = diff
        .changes
        .iter()
        .map(|c| verdict(c, rules, locale, versioned, &mut topics))
        .collect();
    let verdicts = reflect_facts(diff, verdicts, rules);
    let clauses: BTreeSet<String> = verdicts.iter().flat_map(|v| v.clauses.iter().cloned()).collect();
    Assessment {
        material: !clauses.is_empty(),
        requires_consent: verdicts.iter().any(|v| v.requires_consent),
        clauses: clauses.into_iter().collect(),
        verdicts,
    }
}

fn editorial(reason: &str) -> Verdict {
    Verdict {
        severity: Severity::Editorial,
        clauses: vec![],
        requires_consent: false,
        reasons: vec![reason.to_string()],
    }
}

struct Found {
    clauses: BTreeSet<String>,
    reasons: Vec<String>,
    consent: Vec<String>,
}

impl Found {
    fn new() -> Self {
        Found {
            clauses: BTreeSet::new(),
            reasons: vec![],
            consent: vec![],
        }
    }

    fn add(&mut self, clause: &str, reason: String) {
        self.clauses.insert(clause.to_string());
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    fn finish(mut self, otherwise: &str) -> Verdict {
        let requires_consent = !self.consent.is_empty();
        self.reasons.extend(
            self.consent
                .into_iter()
                .map(|c| format!("limits users' rights: {c}")),
        );
        if self.clauses.is_empty() {
            if self.reasons.is_empty() {
                self.reasons.push(otherwise.to_string());
            }
            Verdict {
                severity: Severity::Substantive,
                clauses: vec![],
                requires_consent,
                reasons: self.reasons,
            }
        } else {
            Verdict {
                severity: Severity::Material,
                clauses: self.clauses.into_iter().collect(),
                requires_consent,
                reasons: self.reasons,
            }
        }
    }
}

/// The clauses whose topic a passage is in, by (section, heading, headings path, lexicon locale).
type TopicsMemo<'d> =
    std::collections::HashMap<(&'d str, &'d str, &'d [String], &'static str), BTreeSet<String>>;

fn verdict<'d>(
    change: &'d Change,
    rules: &RuleSet,
    locale: &str,
    versioned: bool,
    topics: &mut TopicsMemo<'d>,
) -> Verdict {
    if let Some(fc) = &change.fact {
        return fact_verdict(change, fc, rules, locale);
    }
    if change.kind == Kind::Moved {
        return editorial(if change.whole_section {
            "section moved"
        } else {
            "passage moved unchanged"
        });
    }
    if change.editorial_form {
        return editorial("formatting, case, quotes, punctuation or whitespace only");
    }
    let (ins, del) = match change.kind {
        Kind::Modified => changed_text(&change.redline),
        Kind::Added => (change.new.clone().unwrap_or_default(), String::new()),
        Kind::Removed => (String::new(), change.old.clone().unwrap_or_default()),
        Kind::Moved => unreachable!("handled above"),
    };
    if change.kind == Kind::Modified
        && let Some(reason) = editorial_edit(&change.redline)
    {
        return editorial(reason);
    }
    let lx = if cjk_ratio(&format!("{ins}{del}")) > 0.3 || locale.starts_with("zh") {
        "zh-CN"
    } else {
        "en"
    };
    let mut found = Found::new();
    let old_full = change.old.as_deref().unwrap_or("");
    let new_full = change.new.as_deref().unwrap_or("");
    // the passage with its headings and lead-in, normalised: only some hard evidence needs it
    let context_cell = std::cell::OnceCell::new();
    let context = || -> &str {
        context_cell.get_or_init(|| {
            normal_form(&format!(
                "{} {} {} {}",
                change.path.join(" "),
                change.lead_in.as_deref().unwrap_or(""),
                old_full,
                new_full
            ))
        })
    };
    let topics: &BTreeSet<String> = topics
        .entry((&change.section, &change.heading, &change.path, lx))
        .or_insert_with(|| rules.topics(&change.section, &change.heading, &change.path, lx));
    hard_evidence(&ins, &del, old_full, new_full, &context, topics, &mut found);
    let hard: BTreeSet<String> = found.clauses.clone();
    let changed = normal_form(&format!("{ins} {del}"));
    let changed_words = words(&changed).len();
    let whole_block = matches!(change.kind, Kind::Added | Kind::Removed);
    let quoted = if change.kind == Kind::Removed {
        old_full
    } else {
        new_full
    };
    let hay = rules::Haystack::new(&changed);
    // the whole old and new texts are looked into only when the changed words hit a term
    let (old_hay, new_hay) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
    let old_hay = || old_hay.get_or_init(|| rules::Haystack::new(&normal_form(old_full)));
    let new_hay = || new_hay.get_or_init(|| rules::Haystack::new(&normal_form(new_full)));
    let mut lexical = BTreeSet::new();
    let mut single_term: BTreeSet<String> = BTreeSet::new();
    let mut single_reason: Vec<(String, String)> = Vec::new();
    for clause in &rules.clauses {
        // in a modification, a term already on both sides is context, not the change
        let strong: Vec<String> = clause
            .strong_in(&hay, lx)
            .into_iter()
            .filter(|t| clause.id != "8.6" || !negated(&changed, t))
            .filter(|t| whole_block || !(old_hay().has(t) && new_hay().has(t)))
            .collect();
        if !strong.is_empty() {
            let reason = format!("{}: {}", verb(change.kind), quote(&strong, quoted));
            if strong.len() == 1 {
                single_term.insert(clause.id.clone());
                single_reason.push((clause.id.clone(), reason.clone()));
            }
            found.add(&clause.id, reason);
            lexical.insert(clause.id.clone());
            continue;
        }
        let medium = clause.medium_in(&hay, lx);
        let fresh: Vec<&String> = medium
            .iter()
            .filter(|t| match change.kind {
                Kind::Removed => !new_hay().has(t),
                _ => !old_hay().has(t),
            })
            .collect();
        let by_medium = if whole_block {
            (!medium.is_empty() && topics.contains(&clause.id)) || medium.len() >= 2
        } else {
            fresh.len() >= 2
        };
        if by_medium {
            found.add(
                &clause.id,
                format!("{}: {}", verb(change.kind), quote(&medium, quoted)),
            );
            lexical.insert(clause.id.clone());
            continue;
        }
        if whole_block && topics.contains(&clause.id) && changed_words >= 2 {
            let weak = clause.weak_in(&hay, lx);
            let structural = topics.len() == 1 && is_item(change);
            if !weak.is_empty() || structural {
                let terms = if weak.is_empty() { medium.clone() } else { weak };
                found.add(
                    &clause.id,
                    format!(
                        "{} in a section about {}: \"{}\"{}",
                        verb(change.kind),
                        clause.short(lx),
                        excerpt(quoted),
                        if terms.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", terms.join(", "))
                        }
                    ),
                );
                lexical.insert(clause.id.clone());
            }
        }
    }
    // A high-risk assessment is what the passage is about: other terms in it are its context.
    if lexical.contains("8.6") {
        for id in lexical.iter().filter(|c| *c != "8.6" && !hard.contains(*c)) {
            found.clauses.remove(id);
        }
        found
            .reasons
            .retain(|r| !r.starts_with(verb(change.kind)) || r.contains("risk") || r.contains("风险"));
    } else if let Some(topic) = topics.iter().find(|t| lexical.contains(*t)).cloned() {
        // the section's own clause is triggered: a clause resting on one stray term is context
        for id in single_term.iter().filter(|c| **c != topic && !hard.contains(*c)) {
            found.clauses.remove(id);
        }
        found.reasons.retain(|r| {
            !single_reason
                .iter()
                .any(|(id, x)| x == r && *id != topic && !hard.contains(id))
        });
    }
    if versioned && !lexical.is_empty() {
        // a material change inside the sharing section also changes what is shared
        for t in rules
            .topics_by_id(&change.section)
            .into_iter()
            .filter(|t| t == "8.3")
        {
            if !found.clauses.contains(&t) {
                let title = rules.clause(&t).map_or(String::new(), |c| c.short(lx));
                found.add(&t, format!("the change is in the section about {title}"));
            }
        }
    }
    if found.clauses.contains("8.4") {
        rights_consent(change, &ins, &del, rules, lx, &mut found);
    }
    found.finish("wording changed; no §VIII clause is affected")
}

/// A list item, table row, or a paragraph numbered like one (`3.4 …`, `(2) …`, `（二）…`).
fn is_item(change: &Change) -> bool {
    use crate::diff::doc::BlockKind;
    match change.block_kind {
        Some(BlockKind::ListItem | BlockKind::TableRow) => true,
        Some(BlockKind::Paragraph) => {
            let text = change
                .new
                .as_deref()
                .or(change.old.as_deref())
                .unwrap_or("")
                .trim_start();
            let head: String = text.chars().take_while(|c| !c.is_whitespace()).collect();
            let dotted = head.split('.').filter(|p| !p.is_empty()).count() >= 2
                && head
                    .trim_end_matches('.')
                    .split('.')
                    .all(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty());
            let paren = (head.starts_with('(') || head.starts_with('（'))
                && (head.contains(')') || head.contains('）'));
            let cn = head
                .chars()
                .next()
                .is_some_and(|c| "一二三四五六七八九十".contains(c))
                && head.contains('、');
            dotted || paren || cn
        }
        _ => false,
    }
}

/// `true` when every occurrence of `term` in `normal` is negated (`no high risk`, `未发现高风险`).
fn negated(normal: &str, term: &str) -> bool {
    let t = normal_form(term.trim_end_matches('*'));
    let mut any = false;
    for (i, _) in normal.match_indices(&t) {
        any = true;
        let before: String = normal[..i]
            .chars()
            .rev()
            .take(24)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
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

fn verb(kind: Kind) -> &'static str {
    match kind {
        Kind::Added => "added text",
        Kind::Removed => "removed text",
        _ => "changed wording",
    }
}

/// The matched terms, and a short excerpt of the passage.
fn quote(terms: &[String], passage: &str) -> String {
    let mut s = terms
        .iter()
        .take(3)
        .map(|t| format!("\"{}\"", t.trim_end_matches('*')))
        .collect::<Vec<_>>()
        .join(", ");
    s.push_str(&format!(" in \"{}\"", excerpt(passage)));
    s
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

/// An edit that changes no meaning: a date bump, isolated typo fixes, a modal-verb swap.
fn editorial_edit(redline: &[Segment]) -> Option<&'static str> {
    let (ins, del) = changed_text(redline);
    let (ni, nd) = (normal_form(&ins), normal_form(&del));
    let (wi, wd) = (words(&ni), words(&nd));
    if wi.is_empty() && wd.is_empty() {
        return Some("punctuation or whitespace only");
    }
    let date_word = |w: &&str| {
        MONTHS.iter().any(|m| m.starts_with(*w) && w.len() >= 3)
            || w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 4
            || matches!(*w, "年" | "月" | "日" | "st" | "nd" | "rd" | "th")
            || w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '日'))
    };
    // A date bump: only date parts change, and the passage is about the policy's own date.
    let context = redline
        .iter()
        .map(|s| match s {
            Segment::Same(t) | Segment::Del(t) | Segment::Ins(t) => t.as_str(),
        })
        .collect::<String>()
        .to_lowercase();
    let about_date = [
        "updated",
        "update",
        "effective",
        "published",
        "revised",
        "revision",
        "last modified",
        "date",
        "version",
        "更新",
        "生效",
        "发布",
        "修订",
        "版本",
    ]
    .iter()
    .any(|k| context.contains(k));
    if about_date && wi.iter().all(date_word) && wd.iter().all(date_word) && context.chars().count() < 200 {
        return Some("the policy's date only");
    }
    if wi.len() == wd.len() && !wi.is_empty() {
        let pairs: Vec<(&&str, &&str)> = wd.iter().zip(wi.iter()).collect();
        if pairs
            .iter()
            .all(|(a, b)| MODALS.contains(a) && MODALS.contains(b))
        {
            return Some("modal verb swapped (can/may)");
        }
        if pairs.iter().all(|(a, b)| is_typo_fix(a, b)) {
            return Some("typo fix");
        }
    }
    None
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MODALS: &[&str] = &["can", "may", "might", "could"];

fn is_typo_fix(a: &str, b: &str) -> bool {
    if a.chars().any(|c| c.is_ascii_digit())
        || b.chars().any(|c| c.is_ascii_digit())
        || a.chars().any(crate::diff::text::is_cjk)
    {
        return false;
    }
    let d = levenshtein(a, b);
    let len = a.chars().count().max(b.chars().count());
    d >= 1 && (d <= 2 && len >= 5 || d == 1 && len >= 2)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Emails, phone numbers, company names and numbers of days in the changed text.
fn hard_evidence<'c>(
    ins: &str,
    del: &str,
    old_full: &str,
    new_full: &str,
    context: &dyn Fn() -> &'c str,
    topics: &BTreeSet<String>,
    found: &mut Found,
) {
    let (ei, ed) = (emails(new_full), emails(old_full));
    if ei != ed {
        let reason = match (ed.first(), ei.first()) {
            (Some(a), Some(b)) => format!("contact email changed: {a} → {b}"),
            (None, Some(b)) => format!("email address added: {b}"),
            (Some(a), None) => format!("email address removed: {a}"),
            (None, None) => unreachable!("sets differ"),
        };
        found.add("8.5", reason);
    }
    let (pi, pd) = (phones(new_full), phones(old_full));
    if pi != pd {
        found.add(
            "8.5",
            format!("phone number changed: {} → {}", pd.join(", "), pi.join(", ")),
        );
    }
    let (ci, cd) = (companies(new_full), companies(old_full));
    let added: Vec<&String> = ci.iter().filter(|c| !cd.contains(c)).collect();
    let removed: Vec<&String> = cd.iter().filter(|c| !ci.contains(c)).collect();
    if !added.is_empty() || !removed.is_empty() {
        let who = match (removed.first(), added.first()) {
            (Some(a), Some(b)) => format!("{a} → {b}"),
            (None, Some(b)) => format!("{b} added"),
            (Some(a), None) => format!("{a} removed"),
            (None, None) => unreachable!("one side non-empty"),
        };
        let has = |ks: &[&str]| ks.iter().any(|k| context().contains(k));
        let control = has(&[
            "controller",
            "provider of the service",
            "operated by",
            "owned by",
            "acquir",
            "merg",
            "liable",
            "certif",
            "complies",
            "is responsible",
            "regulatory enforcement",
            "控制者",
            "运营",
            "收购",
            "合并",
        ]);
        let complaint = has(&[
            "complain",
            "should first contact",
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
            "provides a platform",
            "共享",
            "委托",
            "第三方",
            "合作",
        ]);
        if control {
            found.add("8.2", format!("responsible entity changed: {who}"));
        }
        if complaint {
            found.add(
                "8.5",
                format!("complaint or contact route names another entity: {who}"),
            );
        }
        if !control && (recipient || !complaint) {
            found.add("8.3", format!("recipient changed: {who}"));
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
        && !topics.contains("8.4")
    {
        found.add("8.1", format!("retention period stated: {} days", dn[0]));
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
            "处理您的",
        ]
        .iter()
        .any(|k| context().contains(k));
        if response || topics.contains("8.4") {
            found.add("8.4", format!("response time: {a} → {b} days"));
            if b > a {
                found
                    .consent
                    .push(format!("response time lengthened from {a} to {b} days"));
            }
        } else if retention {
            found.add("8.1", format!("retention period: {a} → {b} days"));
        }
    }
}

fn rights_consent(change: &Change, ins: &str, del: &str, rules: &RuleSet, lx: &str, found: &mut Found) {
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
        ["fee", "fees", "charge", "charges", "收费", "费用"]
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
            .clause("8.4")
            .map_or(0, |c| c.strong_hits(s, lx).len() + c.medium_hits(s, lx).len())
    };
    match change.kind {
        Kind::Added if is_refusal_list => found.consent.push(format!(
            "adds a ground for refusing requests: \"{}\"",
            excerpt(ins)
        )),
        Kind::Removed if !is_refusal_list => found.consent.push(format!("removed: \"{}\"", excerpt(del))),
        Kind::Modified => {
            if fee(&ni) > fee(&nd)
                && !["free of charge", "do not charge", "不收取", "免费"]
                    .iter()
                    .any(|k| ni.contains(k))
            {
                found.consent.push(format!("adds a fee: \"{}\"", excerpt(ins)));
            } else if negation(&ni) > negation(&nd) {
                found
                    .consent
                    .push(format!("restricts a right: \"{}\"", excerpt(ins)));
            } else if rights_terms(&nd) > rights_terms(&ni) && words(&ni).len() < words(&nd).len() {
                found.consent.push(format!("removes: \"{}\"", excerpt(del)));
            }
        }
        _ => {}
    }
}

/// A prose change whose changed words repeat a fact change's text merely shows that fact: it takes
/// the fact's clauses instead of its own, so the change is counted once.
fn reflect_facts(diff: &PolicyDiff, mut verdicts: Vec<Verdict>, rules: &RuleSet) -> Vec<Verdict> {
    let facts: Vec<(usize, Vec<String>)> = diff
        .changes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.fact.as_ref().map(|f| (i, fact_strings(f))))
        .collect();
    if facts.is_empty() {
        return verdicts;
    }
    for (i, c) in diff.changes.iter().enumerate() {
        if c.fact.is_some() || verdicts[i].severity != Severity::Material {
            continue;
        }
        let (ins, del) = match c.kind {
            Kind::Modified => changed_text(&c.redline),
            _ => (
                c.new.clone().unwrap_or_default(),
                c.old.clone().unwrap_or_default(),
            ),
        };
        let changed = normal_form(&format!("{ins} {del}"));
        if let Some((fi, _)) = facts
            .iter()
            .find(|(_, texts)| texts.iter().any(|t| changed.contains(t.as_str())))
        {
            let fc = diff.changes[*fi].fact.as_ref().expect("a fact change");
            let clause = rules.fact_clause(&fc.path);
            let v = &mut verdicts[i];
            v.clauses = clause.into_iter().collect();
            v.reasons = vec![format!("shows the fact change of `{}` (counted there)", fc.path)];
            if v.clauses.is_empty() {
                v.severity = Severity::Substantive;
            }
        }
    }
    verdicts
}

/// Normal forms of the longer texts inside a fact change's values.
fn fact_strings(fc: &crate::diff::facts::FactChange) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => {
                let n = normal_form(s);
                if n.chars().count() >= 12 {
                    out.push(n);
                }
            }
            serde_json::Value::Object(m) => m.values().for_each(|x| walk(x, out)),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for v in [&fc.old, &fc.new].into_iter().flatten() {
        walk(v, &mut out);
    }
    out
}

fn contains_term(normal: &str, term: &str) -> bool {
    if !term.is_ascii() {
        return normal.contains(term);
    }
    normal.split(' ').any(|w| w == term)
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
            | "Aps"
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
fn days(s: &str) -> Vec<u32> {
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

fn fact_verdict(
    change: &Change,
    fc: &crate::diff::facts::FactChange,
    rules: &RuleSet,
    locale: &str,
) -> Verdict {
    if change.editorial_form {
        return editorial("fact text: formatting, case or punctuation only");
    }
    let mut found = Found::new();
    let clause = rules.fact_clause(&fc.path);
    let reason = fact_reason(fc);
    match &clause {
        Some(c) => found.add(c, reason),
        None => found.reasons.push(reason),
    }
    // a recipient that receives a specific kind of data also changes what is processed
    if clause.as_deref() == Some("8.3")
        && fc.path.starts_with("sdks.")
        && fc.kind != crate::diff::facts::FactKind::Removed
    {
        let lx = if locale.starts_with("zh") { "zh-CN" } else { "en" };
        let text = normal_form(&change.new.clone().unwrap_or_default());
        if let Some(c81) = rules.clause("8.1") {
            let hits = c81.strong_hits(&text, lx);
            if !hits.is_empty() {
                found.add(
                    "8.1",
                    format!(
                        "the SDK processes {}",
                        hits.iter()
                            .map(|h| format!("\"{}\"", h.trim_end_matches('*')))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }
    let item_name = |v: &Option<serde_json::Value>| {
        v.as_ref()
            .and_then(|x| x.get("name"))
            .and_then(|n| n.as_str())
            .map(str::to_string)
    };
    let path = fc.path.as_str();
    use crate::diff::facts::FactKind;
    if path.starts_with("rights.") {
        let depth = path.split('.').count();
        if depth == 2 && fc.kind == FactKind::Removed {
            found.consent.push(format!(
                "right removed: {}",
                item_name(&fc.old).unwrap_or_else(|| path.to_string())
            ));
        } else if path.ends_with(".how") && fc.kind == FactKind::Removed {
            found
                .consent
                .push(format!("how to exercise a right no longer stated ({path})"));
        }
    }
    if path == "requests.response_days"
        && let (Some(a), Some(b)) = (
            fc.old.as_ref().and_then(|v| v.as_u64()),
            fc.new.as_ref().and_then(|v| v.as_u64()),
        )
        && b > a
    {
        found
            .consent
            .push(format!("response time lengthened from {a} to {b} days"));
    }
    if path == "requests.fee" && fc.kind != FactKind::Removed {
        let (a, b) = (
            change.old.as_deref().unwrap_or(""),
            change.new.as_deref().unwrap_or(""),
        );
        let waived = ["free of charge", "do not charge", "不收取", "免费"]
            .iter()
            .any(|k| b.to_lowercase().contains(k) && !a.to_lowercase().contains(k));
        if !waived {
            found
                .consent
                .push(format!("fee for requests: \"{}\"", excerpt(b)));
        }
    }
    if (path == "requests.appeal" || path == "requests.complaint") && fc.kind == FactKind::Removed {
        found.consent.push(format!("{path} removed"));
    }
    found.finish("fact changed")
}

/// "new SDK: Firebase Analytics (com.google.firebase.analytics) — collects app usage events".
fn fact_reason(fc: &crate::diff::facts::FactChange) -> String {
    use crate::diff::facts::FactKind;
    let mut parts = fc.path.split('.');
    let list = parts.next().unwrap_or("");
    let noun = match list {
        "sdks" => "SDK",
        "permissions" => "permission",
        "data" => "data category",
        "rights" => "right",
        _ => "",
    };
    let describe = |v: &serde_json::Value| {
        let name = v
            .get("name")
            .and_then(|n| n.as_str())
            .unwrap_or_default()
            .to_string();
        let id = v
            .get("package")
            .and_then(|n| n.as_str())
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        let what = ["purpose", "items", "how", "scenario"]
            .iter()
            .find_map(|k| v.get(*k).and_then(|x| x.as_str()))
            .map(|p| format!(" — {}", excerpt(p)))
            .unwrap_or_default();
        format!("{name}{id}{what}")
    };
    let label = fc.path.replace(['.', '_'], " ");
    match (fc.kind, noun.is_empty(), fc.path.split('.').count()) {
        (FactKind::Added, false, 2) => format!(
            "new {noun}: {}",
            fc.new.as_ref().map(describe).unwrap_or_default()
        ),
        (FactKind::Removed, false, 2) => format!(
            "{noun} removed: {}",
            fc.old.as_ref().map(describe).unwrap_or_default()
        ),
        _ => {
            let show = |v: &Option<serde_json::Value>| {
                v.as_ref().map(fact_text).unwrap_or_else(|| "not stated".into())
            };
            let label = match fc.path.as_str() {
                "contact.email" => "contact email".to_string(),
                "contact.phone" => "contact phone".to_string(),
                "controller.name" => "controller (legal name)".to_string(),
                "controller.address" => "controller address".to_string(),
                "requests.response_days" => "response time (days)".to_string(),
                _ => label,
            };
            format!(
                "{label}: {} → {}",
                excerpt(&show(&fc.old)),
                excerpt(&show(&fc.new))
            )
        }
    }
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
