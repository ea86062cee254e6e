//! PolicyDiff -> [`Assessment`]: severity, §VIII clauses, reasons with evidence, and whether a
//! change limits users' rights (express consent, §VIII).
//!
//! A change is *editorial* when it changes no meaning a reader relies on (formatting, case, quotes,
//! punctuation, reflow, a date bump, an isolated typo, a modal-verb swap, a move); *material* when it
//! triggers a clause: through a fact field ([`RuleSet`] `facts`), through hard evidence in the changed
//! words (an email, a phone number, a company name, a number of days), or through the clause's
//! lexicon (strong terms anywhere, weak terms inside a section of the clause's topic); else
//! *substantive*.

pub mod reason;
pub mod rules;

use std::collections::BTreeSet;

use crate::diff::text::{Segment, changed_text, cjk_ratio, normal_form, words};
use crate::diff::{Change, Kind, PolicyDiff, fact_text};
pub use reason::{Consent, Edit, EntityRole, Evidence, FactList, NameChange, Reason};
pub use rules::{ClauseRule, Role, RuleSet};

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
    /// Triggered clauses (their ids in the rules), sorted.
    pub clauses: Vec<String>,
    /// The roles of the triggered clauses.
    pub roles: Vec<Role>,
    /// The change limits users' rights.
    pub requires_consent: bool,
    /// Why, each reason with the clause it triggered.
    pub reasons: Vec<Evidence>,
}

impl Verdict {
    /// The reasons that triggered the clause with `id`.
    pub fn reasons_for<'v>(&'v self, id: &'v str, rules: &'v RuleSet) -> impl Iterator<Item = &'v Reason> {
        let role = rules.clause(id).map(|c| c.role);
        self.reasons
            .iter()
            .filter(move |e| role.is_some() && e.clause == role)
            .map(|e| &e.reason)
    }

    /// The reasons why the change limits users' rights.
    pub fn consent_reasons(&self) -> impl Iterator<Item = &Consent> {
        self.reasons.iter().filter_map(|e| match &e.reason {
            Reason::LimitsRights(c) => Some(c),
            _ => None,
        })
    }
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

fn editorial(reason: Reason) -> Verdict {
    Verdict {
        severity: Severity::Editorial,
        clauses: vec![],
        roles: vec![],
        requires_consent: false,
        reasons: vec![Evidence { clause: None, reason }],
    }
}

/// What the evidence of one change has found so far.
struct Found {
    clauses: BTreeSet<Role>,
    reasons: Vec<Evidence>,
    /// Why the change limits users' rights, each with the role it concerns.
    consent: Vec<(Role, Consent)>,
}

impl Found {
    fn new() -> Self {
        Found {
            clauses: BTreeSet::new(),
            reasons: vec![],
            consent: vec![],
        }
    }

    fn add(&mut self, role: Role, reason: Reason) {
        self.clauses.insert(role);
        let e = Evidence {
            clause: Some(role),
            reason,
        };
        if !self.reasons.contains(&e) {
            self.reasons.push(e);
        }
    }

    /// The verdict: clauses named by their ids in `rules` (a role the rules lack triggers nothing).
    fn finish(mut self, rules: &RuleSet, otherwise: Reason) -> Verdict {
        self.clauses.retain(|r| rules.id_of(*r).is_some());
        for e in &mut self.reasons {
            if e.clause.is_some_and(|r| !self.clauses.contains(&r)) {
                e.clause = None;
            }
        }
        let requires_consent = !self.consent.is_empty();
        for (role, c) in self.consent {
            // listed under the clause it concerns, else under the change's first clause
            let clause = if self.clauses.contains(&role) {
                Some(role)
            } else {
                self.clauses.first().copied()
            };
            self.reasons.push(Evidence {
                clause,
                reason: Reason::LimitsRights(c),
            });
        }
        let mut clauses: Vec<String> = self
            .clauses
            .iter()
            .filter_map(|r| rules.id_of(*r).map(str::to_string))
            .collect();
        clauses.sort();
        if clauses.is_empty() && self.reasons.is_empty() {
            self.reasons.push(Evidence {
                clause: None,
                reason: otherwise,
            });
        }
        Verdict {
            severity: if clauses.is_empty() {
                Severity::Substantive
            } else {
                Severity::Material
            },
            clauses,
            roles: self.clauses.into_iter().collect(),
            requires_consent,
            reasons: self.reasons,
        }
    }
}

/// The clauses whose topic a passage is in, by (section, heading, headings path, lexicon locale).
type TopicsMemo<'d> =
    std::collections::HashMap<(&'d str, &'d str, &'d [String], &'static str), BTreeSet<Role>>;

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
            Reason::SectionMoved
        } else {
            Reason::PassageMoved
        });
    }
    if change.editorial_form {
        return editorial(Reason::FormattingOnly);
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
    let topics: &BTreeSet<Role> = topics
        .entry((&change.section, &change.heading, &change.path, lx))
        .or_insert_with(|| rules.topics(&change.section, &change.heading, &change.path, lx));
    hard_evidence(&ins, &del, old_full, new_full, &context, topics, &mut found);
    let hard: BTreeSet<Role> = found.clauses.clone();
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
    let edit = edit_of(change.kind);
    let mut lexical: BTreeSet<Role> = BTreeSet::new();
    let mut single_term: BTreeSet<Role> = BTreeSet::new();
    for clause in &rules.clauses {
        // in a modification, a term already on both sides is context, not the change
        let strong: Vec<String> = clause
            .strong_in(&hay, lx)
            .into_iter()
            .filter(|t| clause.role != Role::Risk || !negated(&changed, t))
            .filter(|t| whole_block || !(old_hay().has(t) && new_hay().has(t)))
            .collect();
        if !strong.is_empty() {
            if strong.len() == 1 {
                single_term.insert(clause.role);
            }
            found.add(clause.role, terms_reason(edit, strong, quoted));
            lexical.insert(clause.role);
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
            (!medium.is_empty() && topics.contains(&clause.role)) || medium.len() >= 2
        } else {
            fresh.len() >= 2
        };
        if by_medium {
            found.add(clause.role, terms_reason(edit, medium, quoted));
            lexical.insert(clause.role);
            continue;
        }
        if whole_block && topics.contains(&clause.role) && changed_words >= 2 {
            let weak = clause.weak_in(&hay, lx);
            let structural = topics.len() == 1 && is_item(change);
            if !weak.is_empty() || structural {
                let terms = if weak.is_empty() { medium.clone() } else { weak };
                found.add(
                    clause.role,
                    Reason::TopicPassage {
                        edit,
                        topic: clause.role,
                        excerpt: excerpt(quoted),
                        terms: terms
                            .iter()
                            .map(|t| t.trim_end_matches('*').to_string())
                            .collect(),
                    },
                );
                lexical.insert(clause.role);
            }
        }
    }
    // A high-risk assessment is what the passage is about: other terms in it are its context.
    let dropped: Vec<Role> = if lexical.contains(&Role::Risk) {
        lexical
            .iter()
            .copied()
            .filter(|c| *c != Role::Risk && !hard.contains(c))
            .collect()
    } else if let Some(topic) = topics.iter().find(|t| lexical.contains(*t)).copied() {
        // the section's own clause is triggered: a clause resting on one stray term is context
        single_term
            .iter()
            .copied()
            .filter(|c| *c != topic && !hard.contains(c))
            .collect()
    } else {
        vec![]
    };
    // A high-risk assessment is what the passage is about: other terms in it are its context.
    for role in &dropped {
        found.clauses.remove(role);
    }
    found
        .reasons
        .retain(|e| !e.clause.is_some_and(|r| dropped.contains(&r)));
    if versioned
        && !lexical.is_empty()
        && rules.topics_by_id(&change.section).contains(&Role::Recipients)
        && !found.clauses.contains(&Role::Recipients)
    {
        // a material change inside the sharing section also changes what is shared
        found.add(Role::Recipients, Reason::InSectionAbout(Role::Recipients));
    }
    if found.clauses.contains(&Role::Rights) {
        rights_consent(change, &ins, &del, rules, lx, &mut found);
    }
    found.finish(rules, Reason::NoClause)
}

/// The kind of edit a change is.
fn edit_of(kind: Kind) -> Edit {
    match kind {
        Kind::Added => Edit::Added,
        Kind::Removed => Edit::Removed,
        _ => Edit::Changed,
    }
}

/// The matched terms (at most three, as written) and a short excerpt of the passage.
fn terms_reason(edit: Edit, terms: Vec<String>, passage: &str) -> Reason {
    Reason::Terms {
        edit,
        terms: terms
            .iter()
            .take(3)
            .map(|t| t.trim_end_matches('*').to_string())
            .collect(),
        excerpt: excerpt(passage),
    }
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
fn editorial_edit(redline: &[Segment]) -> Option<Reason> {
    let (ins, del) = changed_text(redline);
    let (ni, nd) = (normal_form(&ins), normal_form(&del));
    let (wi, wd) = (words(&ni), words(&nd));
    if wi.is_empty() && wd.is_empty() {
        return Some(Reason::PunctuationOnly);
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
        return Some(Reason::PolicyDateOnly);
    }
    if wi.len() == wd.len() && !wi.is_empty() {
        let pairs: Vec<(&&str, &&str)> = wd.iter().zip(wi.iter()).collect();
        if pairs
            .iter()
            .all(|(a, b)| MODALS.contains(a) && MODALS.contains(b))
        {
            return Some(Reason::ModalSwap);
        }
        if pairs.iter().all(|(a, b)| is_typo_fix(a, b)) {
            return Some(Reason::TypoFix);
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
            "处理您的",
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
            .by_role(Role::Rights)
            .map_or(0, |c| c.strong_hits(s, lx).len() + c.medium_hits(s, lx).len())
    };
    let consent = match change.kind {
        Kind::Added if is_refusal_list => Some(Consent::RefusalGround(excerpt(ins))),
        Kind::Removed if !is_refusal_list => Some(Consent::TextRemoved(excerpt(del))),
        Kind::Modified => {
            if fee(&ni) > fee(&nd)
                && !["free of charge", "do not charge", "不收取", "免费"]
                    .iter()
                    .any(|k| ni.contains(k))
            {
                Some(Consent::FeeAdded(excerpt(ins)))
            } else if negation(&ni) > negation(&nd) {
                Some(Consent::RightRestricted(excerpt(ins)))
            } else if rights_terms(&nd) > rights_terms(&ni) && words(&ni).len() < words(&nd).len() {
                Some(Consent::RightWordsRemoved(excerpt(del)))
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
            let role = rules.fact_role(&fc.path);
            let v = &mut verdicts[i];
            v.roles = role.into_iter().collect();
            v.clauses = role
                .and_then(|r| rules.id_of(r))
                .map(str::to_string)
                .into_iter()
                .collect();
            v.reasons = vec![Evidence {
                clause: role,
                reason: Reason::ShowsFact {
                    path: fc.path.clone(),
                },
            }];
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
        return editorial(Reason::FactFormattingOnly);
    }
    let mut found = Found::new();
    let clause = rules.fact_role(&fc.path);
    let reason = fact_reason(fc);
    match clause {
        Some(c) => found.add(c, reason),
        None => found.reasons.push(Evidence { clause: None, reason }),
    }
    // a recipient that receives a specific kind of data also changes what is processed
    if clause == Some(Role::Recipients)
        && fc.path.starts_with("sdks.")
        && fc.kind != crate::diff::facts::FactKind::Removed
    {
        let lx = if locale.starts_with("zh") { "zh-CN" } else { "en" };
        let text = normal_form(&change.new.clone().unwrap_or_default());
        if let Some(purposes) = rules.by_role(Role::Purposes) {
            let hits = purposes.strong_hits(&text, lx);
            if !hits.is_empty() {
                found.add(
                    Role::Purposes,
                    Reason::SdkProcesses(hits.iter().map(|h| h.trim_end_matches('*').to_string()).collect()),
                );
            }
        }
    }
    let role = clause.unwrap_or(Role::Rights);
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
            found.consent.push((
                role,
                Consent::RightRemoved(item_name(&fc.old).unwrap_or_else(|| path.to_string())),
            ));
        } else if path.ends_with(".how") && fc.kind == FactKind::Removed {
            found.consent.push((role, Consent::HowRemoved(path.to_string())));
        }
    }
    if path == "requests.response_days"
        && let (Some(a), Some(b)) = (
            fc.old.as_ref().and_then(|v| v.as_u64()),
            fc.new.as_ref().and_then(|v| v.as_u64()),
        )
        && b > a
    {
        found.consent.push((
            role,
            Consent::ResponseLengthened {
                old: u32::try_from(a).unwrap_or(u32::MAX),
                new: u32::try_from(b).unwrap_or(u32::MAX),
            },
        ));
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
            found.consent.push((role, Consent::RequestFee(excerpt(b))));
        }
    }
    if (path == "requests.appeal" || path == "requests.complaint") && fc.kind == FactKind::Removed {
        found
            .consent
            .push((role, Consent::RouteRemoved(path.to_string())));
    }
    found.finish(rules, Reason::FactChanged)
}

/// A fact change as a reason: a list item added or removed with its description (`Firebase
/// Analytics (com.google.firebase.analytics) — collects app usage events`), else the value's change.
fn fact_reason(fc: &crate::diff::facts::FactChange) -> Reason {
    use crate::diff::facts::FactKind;
    let list = match fc.path.split('.').next().unwrap_or("") {
        "sdks" => Some(FactList::Sdk),
        "permissions" => Some(FactList::Permission),
        "data" => Some(FactList::DataCategory),
        "rights" => Some(FactList::Right),
        _ => None,
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
    let item = fc.path.split('.').count() == 2;
    match (fc.kind, list) {
        (FactKind::Added, Some(list)) if item => Reason::FactItemAdded {
            list,
            description: fc.new.as_ref().map(describe).unwrap_or_default(),
        },
        (FactKind::Removed, Some(list)) if item => Reason::FactItemRemoved {
            list,
            description: fc.old.as_ref().map(describe).unwrap_or_default(),
        },
        _ => Reason::FactValue {
            path: fc.path.clone(),
            old: fc.old.as_ref().map(|v| excerpt(&fact_text(v))),
            new: fc.new.as_ref().map(|v| excerpt(&fact_text(v))),
        },
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
