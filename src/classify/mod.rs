//! PolicyDiff -> [`Assessment`]: severity, §VIII clauses, reasons with evidence, and whether a
//! change limits users' rights (express consent, §VIII).
//!
//! A change is *editorial* when it changes no meaning a reader relies on (formatting, case, quotes,
//! punctuation, reflow, a date bump, an isolated typo, a modal-verb swap, a move); *material* when it
//! triggers a clause: through a fact field ([`RuleSet`] `facts`), through hard evidence in the changed
//! words (an email, a phone number, a company name, a number of days), or through the clause's
//! lexicon (strong terms anywhere, weak terms inside a section of the clause's topic); else
//! *substantive*.
//!
//! The parts: `evidence` (emails, phones, organisations and their roles, days), `sdk`, `purpose`,
//! `category` (kinds of personal information) and `fee` (typed facts read from sentences, over
//! `spans`), `prose_facts` (the SDKs a change names), `lexicon` (terms, negation and denial,
//! excerpts), `enumeration` (an entry put into or taken out of a list in a sentence), `editorial`
//! (date bumps, typos), `consent` (narrowed rights), `facts` (typed facts), `links` (changed link
//! targets, contact channels), `reason` (why, as data) and `rules` (clauses by role, sourced term
//! groups).

mod address;
mod brand;
mod category;
mod consent;
mod editorial;
mod enumeration;
mod evidence;
mod facts;
mod fee;
mod lexicon;
mod links;
mod place;
mod prose_facts;
mod purpose;
mod quantity;
pub mod reason;
mod rights;
pub mod rules;
mod sdk;
mod spans;

use std::collections::BTreeSet;

use crate::diff::text::{changed_text, cjk_ratio, normal_form, words};
use crate::diff::{Change, Kind, PolicyDiff};
pub use address::addresses;
pub use category::{Category, data_categories};
use consent::rights_consent;
use editorial::editorial_edit;
use evidence::hard_evidence;
pub use evidence::{companies, controller, emails, phones};
use facts::{fact_verdict, reflect_facts};
pub use fee::{Fee, fees};
pub use lexicon::excerpt;
use lexicon::{
    as_source, changed_sentences, conditional, denied, denied_somewhere, edit_of, end_of_retention,
    hypothetical, is_item, negated, negation_changed, negation_scope, negative, sentence_similarity,
    terms_reason, under_condition,
};
pub use place::places;
pub use purpose::{Purpose, purposes};
pub use quantity::durations;
pub use reason::{Channel, Consent, Edit, EntityRole, Evidence, FactList, NameChange, Reason};
pub use rights::{Right, rights};
pub use rules::{ClauseRule, Role, RuleSet};
pub use sdk::sdks;

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
    let docs = evidence::Documents::new(&diff.old_text, &diff.new_text);
    // each change is judged on its own, so many are judged on all cores; changes of one passage
    // share its topics, found once per worker
    let verdicts: Vec<Verdict> = crate::parallel::map_with(
        &diff.changes,
        if worth_threads(&diff.changes) {
            crate::parallel::workers()
        } else {
            1
        },
        TopicsMemo::new,
        |topics, c| links::with_links(verdict(c, rules, locale, versioned, topics, &docs), c, rules),
    );
    let verdicts = reflect_facts(diff, verdicts, rules);
    let clauses: BTreeSet<String> = verdicts.iter().flat_map(|v| v.clauses.iter().cloned()).collect();
    Assessment {
        material: !clauses.is_empty(),
        requires_consent: verdicts.iter().any(|v| v.requires_consent),
        clauses: clauses.into_iter().collect(),
        verdicts,
    }
}

/// Does a piece of evidence rest on lexicon terms alone, each of them one `term` accepts?
fn only_terms(e: &Evidence, term: impl Fn(&str) -> bool) -> bool {
    matches!(&e.reason, Reason::Terms { terms, .. } if terms.iter().all(|t| term(t)))
}

/// A purpose of processing, else a kind of personal information we process, that a changed
/// sentence states and the old passage spoke of nowhere (GDPR Art. 13(1)(c) and 14(1)(d), PIPL
/// Art. 17: the purposes and types of personal information a policy states): a new use of the
/// data, or more data used. A sentence about a right names the information the right is about
/// (`you may correct your e-mail address`): its kinds are not read so.
fn stated_anew(old_full: &str, new_sentence: &str) -> Option<Reason> {
    let mut purposes = purpose::particular_purposes(new_sentence);
    if !purposes.is_empty() {
        let before = purpose::mentioned(old_full);
        purposes.retain(|p| !before.contains(p));
    }
    if !purposes.is_empty() {
        return Some(Reason::PurposesAdded {
            purposes,
            sentence: excerpt(new_sentence),
        });
    }
    if !rights::rights(new_sentence).is_empty() {
        return None;
    }
    let before = category::mentioned(old_full);
    let categories: Vec<Category> = category::processed(new_sentence)
        .into_iter()
        .filter(|c| !before.contains(c))
        .collect();
    (!categories.is_empty()).then(|| Reason::CategoriesAdded {
        categories,
        sentence: excerpt(new_sentence),
    })
}

/// Records the words a modification put in (`ins`) as one more entry of what a passage about
/// `topic` lists: a ground, a way of exercising a right, a ground for keeping data.
fn put_in(found: &mut Found, topic: Role, ins: &str) {
    let added = ins.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    found.add(
        topic,
        Reason::ListEntries {
            topic,
            added: vec![added],
            removed: vec![],
        },
    );
}

/// Is a modified passage a heading reworded, or a table of contents' entry for one (a list item
/// whose words are a heading's, on each side), with no fact (a number past its numbering, an
/// address, a place or the residents a section's rights reach) and no negation in it?
fn names_a_heading(change: &Change, docs: &evidence::Documents<'_>) -> bool {
    use crate::diff::doc::BlockKind;
    let (Some(old), Some(new)) = (change.old.as_deref(), change.new.as_deref()) else {
        return false;
    };
    let plain = |s: &str| {
        let b = evidence::title_key(s);
        !b.is_empty()
            && !s.contains('\n')
            && !b.contains(|c: char| c.is_ascii_digit() || c == '@')
            && !lexicon::negative(&b)
            && rights::residents_states(&b).is_none()
            && place::places(&b).is_empty()
    };
    if !(plain(old) && plain(new)) {
        return false;
    }
    match change.block_kind {
        Some(BlockKind::Heading) => true,
        // an entry of a table of contents: its words are also a line of their own elsewhere
        Some(BlockKind::ListItem) => [(old, false), (new, true)]
            .iter()
            .all(|(text, side)| docs.title_count(*side, &evidence::title_key(text)) >= 2),
        _ => false,
    }
}

/// Whether the changes hold enough text that judging them on several threads beats starting them
/// (a thread costs about as much as judging a few hundred bytes).
fn worth_threads(changes: &[Change]) -> bool {
    const ENOUGH: usize = 8 * 1024;
    let mut bytes = 0;
    for c in changes {
        bytes += c.old.as_ref().map_or(0, String::len) + c.new.as_ref().map_or(0, String::len);
        if bytes >= ENOUGH {
            return changes.len() > 1;
        }
    }
    false
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
    std::collections::HashMap<(&'d str, &'d str, &'d [String], &'static str), (BTreeSet<Role>, bool)>;

/// Words of a heading over how the company keeps data safe (GDPR Art. 32, security of
/// processing; GB/T 35273-2020 Annex D part VI, 我们如何保护您的个人信息): no §VIII clause's topic.
const SECURITY_HEADINGS: &[&str] = &[
    "security",
    "secure",
    "safeguard",
    "how we protect",
    "protecting your",
    "protect your",
    "安全",
    "如何保护",
    "保护您的个人信息",
];

/// The topics of a passage, and whether it stands in a subsection about security: a passage
/// under a heading about keeping data safe (`D. How we protect your personal information`, inside
/// `4. How we disclose …`) is of that heading's topic, not the section's, unless the heading also
/// names a clause's own topic (`Security and retention`).
fn passage_topics(rules: &RuleSet, change: &Change, lx: &str) -> (BTreeSet<Role>, bool) {
    let inner = change.path.last().unwrap_or(&change.heading);
    let lower = inner.to_lowercase();
    // (`Social Security numbers` is a kind of data, not how it is kept safe)
    let security = rules.topics_by_id(&change.section).is_empty()
        && SECURITY_HEADINGS.iter().any(|w| lower.contains(w))
        && !lower.contains("social security")
        && rules.topics("", inner, &[], lx).is_empty();
    if security {
        (BTreeSet::new(), true)
    } else {
        (
            rules.topics(&change.section, &change.heading, &change.path, lx),
            false,
        )
    }
}

fn verdict<'d>(
    change: &'d Change,
    rules: &RuleSet,
    locale: &str,
    versioned: bool,
    topics: &mut TopicsMemo<'d>,
    docs: &evidence::Documents<'_>,
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
    if change.chrome {
        return editorial(Reason::PageChrome);
    }
    if let (Some(old), Some(new)) = (change.old.as_deref(), change.new.as_deref())
        && editorial::encoding_only(old, new)
    {
        return editorial(Reason::EncodingOnly);
    }
    // a heading added or removed on its own labels text that is judged where it stands
    let heading_text = change.new.as_deref().or(change.old.as_deref()).unwrap_or("");
    if matches!(change.kind, Kind::Added | Kind::Removed)
        && change.block_kind == Some(crate::diff::doc::BlockKind::Heading)
        // a heading that states a fact (an address, an email) is judged as the fact
        && !heading_text.contains(|c: char| c.is_ascii_digit() || c == '@')
    {
        return editorial(Reason::HeadingOnly);
    }
    // a heading reworded, or its entry in a table of contents, names what the section is about;
    // what the section says is judged in its text (a heading that states a fact, or negates,
    // is read as prose)
    if change.kind == Kind::Modified && names_a_heading(change, docs) {
        return editorial(Reason::HeadingOnly);
    }
    let (ins, del) = match change.kind {
        // Chinese is diffed character by character: each change with a few characters of its
        // context, so a term the diff cut in two is matched whole
        Kind::Modified if cjk_ratio(change.new.as_deref().unwrap_or("")) > 0.3 => {
            crate::diff::text::changed_text_in_context(&change.redline, 3)
        }
        Kind::Modified => changed_text(&change.redline),
        // of a passage partly restated elsewhere, only what is really new or really gone
        Kind::Added => (
            change
                .novel
                .clone()
                .or_else(|| change.new.clone())
                .unwrap_or_default(),
            String::new(),
        ),
        Kind::Removed => (
            String::new(),
            change
                .novel
                .clone()
                .or_else(|| change.old.clone())
                .unwrap_or_default(),
        ),
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
    let (old_full, new_full) = match change.kind {
        Kind::Added => ("", ins.as_str()),
        Kind::Removed => (del.as_str(), ""),
        _ => (
            change.old.as_deref().unwrap_or(""),
            change.new.as_deref().unwrap_or(""),
        ),
    };
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
    let (topics, security): &(BTreeSet<Role>, bool) = topics
        .entry((&change.section, &change.heading, &change.path, lx))
        .or_insert_with(|| passage_topics(rules, change, lx));
    let security = *security;
    let frame = normal_form(&format!(
        "{} {} {}",
        change.heading,
        change.path.join(" "),
        change.lead_in.as_deref().unwrap_or("")
    ));
    hard_evidence(old_full, new_full, &frame, &context, topics, docs, &mut found);
    // (a web address a capture left unparsed is where a link goes, not words: `portable-ssd` in a
    // shop's link names no right to portability)
    let changed = normal_form(&links::without_urls(&format!("{ins} {del}")));
    // a heading quoted by a cross-reference names a part of the policy, not what it says there
    // (`见本政策第一部分` → `详见本政策“一、我们如何收集和使用您的个人信息”部分`)
    let changed = if ins.contains(['“', '"', '「']) || del.contains(['“', '"', '「']) {
        let mut titles = docs.quoted_titles(true, new_full);
        titles.extend(docs.quoted_titles(false, old_full));
        titles.iter().fold(changed, |c, t| {
            let t = normal_form(t);
            if t.is_empty() { c } else { c.replace(&t, " ") }
        })
    } else {
        changed
    };
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
    // the sentences a modification changed
    let (old_sentence, new_sentence) = if change.kind == Kind::Modified {
        changed_sentences(old_full, new_full)
    } else {
        (String::new(), String::new())
    };
    let (sentences_old, sentences_new) = match change.kind {
        Kind::Modified => (old_sentence.as_str(), new_sentence.as_str()),
        _ => (del.as_str(), ins.as_str()),
    };
    // (an SDK named in a passage about a high-risk assessment is its context: not hard evidence)
    let mut hard: BTreeSet<Role> = found.clauses.clone();
    prose_facts::sdks(sentences_old, sentences_new, docs, &mut found);
    if topics.contains(&Role::Recipients) {
        prose_facts::table_recipients(old_full, new_full, docs, &mut found);
    }
    // what the changed sentence newly says is done with the data (a sentence bringing in a
    // recipient says what the recipient does or receives: 8.3)
    if change.kind == Kind::Modified
        && !found.clauses.contains(&Role::Purposes)
        && !found.clauses.contains(&Role::Recipients)
        && let Some(reason) = stated_anew(old_full, &new_sentence)
    {
        found.add(Role::Purposes, reason);
    }
    let mut lexical: BTreeSet<Role> = BTreeSet::new();
    let mut single_term: BTreeSet<Role> = BTreeSet::new();
    // the changed words name a right (or a complaint route): the sentences are read for rights
    let mut rights_words = false;
    let about_rights = |role: Role| matches!(role, Role::Rights | Role::Contact);
    let mut source_terms: Vec<String> = vec![];
    for clause in rules.clauses.iter() {
        // in a modification, a term already on both sides is context, not the change
        let strong = clause.strong_in(&hay, lx);
        rights_words |= about_rights(clause.role) && !strong.is_empty();
        let strong: Vec<String> = strong
            .into_iter()
            .filter(|t| clause.role != Role::Risk || !negated(&changed, t))
            // a high risk under a condition is the test a law sets (`in the event of a breach
            // likely to result in a high risk, we will notify …`), not an assessment's finding
            .filter(|t| clause.role != Role::Risk || !under_condition(&[old_full, new_full], t))
            // a change of control is an event that happened, not one a policy provides for
            .filter(|t| clause.role != Role::Control || !hypothetical(&[old_full, new_full], t))
            // deletion at the end of a stated retention period is how long data is kept
            .filter(|t| clause.role != Role::Rights || !end_of_retention(&changed, t))
            .filter(|t| whole_block || !(old_hay().has(t) && new_hay().has(t)))
            .collect();
        // a recipient named as where data comes from is a source of it (purposes and types, 8.1)
        let (strong, sources): (Vec<String>, Vec<String>) = strong
            .into_iter()
            .partition(|t| clause.role != Role::Recipients || !as_source(&changed, t));
        source_terms.extend(sources);
        // in a modification, a term put in the place of one of its group says the same again
        let strong = if change.kind == Kind::Modified {
            let (gone, put): (Vec<&String>, Vec<&String>) = strong.iter().partition(|t| old_hay().has(t));
            // a term taken out whose group has one put in, or the reverse
            // (in a Chinese text, also one written in English on the other side: an API's name,
            // `clipboardWrite：…` → `…调用浏览器剪贴板能力`)
            let english = |new: bool| {
                if lx == "en" {
                    vec![]
                } else {
                    clause.strong_in(if new { new_hay() } else { old_hay() }, "en")
                }
            };
            let swapped = |t: &String| {
                let taken_out = gone.contains(&t);
                let others = if taken_out { &put } else { &gone };
                others.iter().any(|o| clause.same_group(t, o))
                    || english(taken_out).iter().any(|o| clause.same_group(t, o))
            };
            strong.iter().filter(|t| !swapped(t)).cloned().collect()
        } else {
            strong
        };
        if !strong.is_empty() {
            // one term named once may be a stray mention; named again, it is what the passage
            // is about (`…传输给第三方认证机构，并委托第三方认证机构…`)
            if let [term] = strong.as_slice()
                && changed.matches(term.trim_end_matches('*')).count() < 2
            {
                single_term.insert(clause.role);
            }
            found.add(clause.role, terms_reason(edit, strong, quoted));
            lexical.insert(clause.role);
            continue;
        }
        let medium = clause.medium_in(&hay, lx);
        rights_words |= about_rights(clause.role) && !medium.is_empty();
        let fresh: Vec<&String> = medium
            .iter()
            .filter(|t| match change.kind {
                Kind::Removed => !new_hay().has(t),
                _ => !old_hay().has(t),
            })
            .collect();
        // (in a passage about security, generic terms name what is kept safe: `secure
        // collection, transfer, processing and storage`)
        let by_medium = !security
            && if whole_block {
                (!medium.is_empty() && topics.contains(&clause.role)) || medium.len() >= 2
            } else {
                fresh.len() >= 2
            };
        if by_medium {
            found.add(clause.role, terms_reason(edit, medium, quoted));
            lexical.insert(clause.role);
            continue;
        }
        // a change of control is an event named as one (a strong term, or the controller's
        // name changing): a passage in a section about owners is not one by being there
        if whole_block && topics.contains(&clause.role) && clause.role != Role::Control && changed_words >= 2
        {
            let weak = clause.weak_in(&hay, lx);
            // a new or removed item of a list in a section of one topic is one more of what the
            // list names (a data type, a recipient, a ground): contact details, owners and risks
            // are named by what they are, never by being listed
            let structural = topics.len() == 1
                && is_item(change)
                && matches!(clause.role, Role::Purposes | Role::Recipients | Role::Rights);
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
    if !source_terms.is_empty() && !found.clauses.contains(&Role::Purposes) {
        found.add(
            Role::Purposes,
            Reason::Source {
                terms: source_terms
                    .iter()
                    .map(|t| t.trim_end_matches('*').to_string())
                    .collect(),
                excerpt: excerpt(quoted),
            },
        );
        lexical.insert(Role::Purposes);
    }
    // the changed sentences, quoted, as the reason of a flip of what they say
    let flip = || Reason::PolarityFlip {
        old: excerpt(&old_sentence),
        new: excerpt(&new_sentence),
    };
    // A high-risk assessment is what the passage is about: other terms in it are its context.
    // a sentence that now says the opposite (`never` → `may`, `can` → `cannot`): what it is about
    // changed, though its terms stand on both sides
    if change.kind == Kind::Modified
        && negation_changed(&format!("{ins} {del}"))
        && negative(&old_sentence) != negative(&new_sentence)
        // the same sentence, not a rewrite that happens to hold a negation
        && sentence_similarity(&old_sentence, &new_sentence) >= 0.6
    {
        // what the negation denies names the clause (`never sell …`), not a word elsewhere in the
        // sentence (`… on the platform, not on paper`)
        let negated_side = if negative(&old_sentence) {
            &old_sentence
        } else {
            &new_sentence
        };
        let whole = normal_form(&negation_scope(negated_side));
        let hay = rules::Haystack::new(&whole);
        for clause in rules.clauses.iter().filter(|c| c.role != Role::Risk) {
            if !clause.strong_in(&hay, lx).is_empty() || !clause.medium_in(&hay, lx).is_empty() {
                found.add(clause.role, flip());
                lexical.insert(clause.role);
            }
        }
    }
    // a term every mention of which the old sentences denied, now stated without a denial, or
    // the reverse (`我们不会…转让…` → `我们可能会将…转让给关联公司；除此之外，我们不会…`): what may
    // be done with it changed, though the term and a denial stand on both sides
    if change.kind == Kind::Modified && !old_sentence.trim().is_empty() && !new_sentence.trim().is_empty() {
        // (the same sentence, not a term denied in one and stated in an unrelated other: asked
        // only of a flip found)
        let alike = std::cell::OnceCell::new();
        let alike = || *alike.get_or_init(|| sentence_similarity(&old_sentence, &new_sentence) >= 0.4);
        let (on, nn) = (normal_form(&old_sentence), normal_form(&new_sentence));
        let (oh, nh) = (rules::Haystack::new(&on), rules::Haystack::new(&nn));
        let (ol, nl) = (old_sentence.to_lowercase(), new_sentence.to_lowercase());
        // a mention or a negation put in or taken out: `never sell` → `never, ever sell` adds
        // neither
        let edited = format!("{ins} {del}").to_lowercase();
        let negation_edited = negation_changed(&edited);
        for clause in rules.clauses.iter().filter(|c| c.role != Role::Risk) {
            if found.clauses.contains(&clause.role) {
                continue;
            }
            let flipped = clause
                .strong_in(&nh, lx)
                .iter()
                .chain(&clause.medium_in(&nh, lx))
                .any(|t| {
                    oh.has(t)
                        && denied(&ol, t) != denied(&nl, t)
                        && (negation_edited || edited.contains(t.trim_end_matches('*')))
                });
            if flipped && alike() {
                found.add(clause.role, flip());
                lexical.insert(clause.role);
            }
        }
    }
    // a sentence that denied doing something, taken out, where the new document denies it
    // nowhere (`We do not share your data with advertisers.` dropped): what it ruled out no longer
    // is. (A denial put in rules more out; a condition denies what the reader does.)
    // (only where the sentences taken out hold a negation at all)
    if change.kind == Kind::Modified && negation_changed(&old_sentence) {
        let put: Vec<(&str, String)> = crate::diff::sentences(&new_sentence);
        for (gone, _) in crate::diff::sentences(&old_sentence) {
            // the same sentence edited is judged as a flip (above), not as one taken out
            if !negative(gone) || conditional(gone) {
                continue;
            }
            if let Some((edited, _)) = put.iter().find(|(s, _)| sentence_similarity(gone, s) >= 0.6) {
                // the same sentence with entries taken out of what it denies (`to any company,
                // organization or individual` → `to any individual`): what is no longer ruled
                // out takes the clause of the denial's terms
                if let Some(dropped) = lexicon::denial_narrowed(gone, edited) {
                    let hay = rules::Haystack::new(&normal_form(&negation_scope(gone)));
                    for clause in rules.clauses.iter().filter(|c| c.role != Role::Risk) {
                        if !found.clauses.contains(&clause.role)
                            && (!clause.strong_in(&hay, lx).is_empty()
                                || !clause.medium_in(&hay, lx).is_empty())
                        {
                            found.add(
                                clause.role,
                                Reason::DenialNarrowed {
                                    sentence: excerpt(gone),
                                    dropped: dropped.clone(),
                                },
                            );
                            lexical.insert(clause.role);
                        }
                    }
                }
                continue;
            }
            let lower = gone.to_lowercase();
            let scope = normal_form(&negation_scope(gone));
            let hay = rules::Haystack::new(&scope);
            for clause in rules.clauses.iter().filter(|c| c.role != Role::Risk) {
                if found.clauses.contains(&clause.role) {
                    continue;
                }
                let lifted = clause
                    .strong_in(&hay, lx)
                    .iter()
                    .chain(&clause.medium_in(&hay, lx))
                    .any(|t| denied(&lower, t) && !denied_somewhere(docs.lower(true), t));
                if lifted {
                    found.add(
                        clause.role,
                        Reason::DenialRemoved {
                            sentence: excerpt(gone),
                        },
                    );
                    lexical.insert(clause.role);
                }
            }
        }
    }
    // one entry more or fewer in a list of what the section is about (a data type, a purpose, a
    // recipient, a right), the rest of the list as it was
    // (what the list is of: the section's one topic, else what its own sentence is about, by the
    // terms of the sentence around the list)
    let listed = |r: &Role| matches!(r, Role::Purposes | Role::Recipients | Role::Rights);
    let one_topic = match topics.iter().copied().collect::<Vec<_>>().as_slice() {
        [topic] if listed(topic) => Some(*topic),
        _ => None,
    };
    // (a list's sentence is read for its topic only when few words changed, as an entry or a
    // few make: a rewritten sentence is no list that grew)
    if change.kind == Kind::Modified
        && (one_topic.is_some() || changed_words <= 40)
        && let Some((added, removed)) = enumeration::list_change(&old_sentence, &new_sentence)
            .or_else(|| enumeration::coordinated_entry(&change.redline))
    {
        let list_topics: Vec<Role> = match one_topic {
            Some(topic) => vec![topic],
            None => {
                let sentence = if added.is_empty() {
                    &old_sentence
                } else {
                    &new_sentence
                };
                let hay = rules::Haystack::new(&normal_form(sentence));
                let mut roles: Vec<Role> = rules
                    .clauses
                    .iter()
                    .filter(|c| listed(&c.role))
                    .filter(|c| !c.strong_in(&hay, lx).is_empty() || !c.medium_in(&hay, lx).is_empty())
                    .map(|c| c.role)
                    .collect();
                // a list of whose residents hold a right (`Residents of certain jurisdictions
                // (e.g., California, Colorado, …) have the right to opt out of the sale`) is the
                // right's reach, whatever the right is about (the US state privacy laws name
                // their consumers as residents, e.g. Cal. Civ. Code §1798.140(i))
                let lower = sentence.to_lowercase();
                if roles.contains(&Role::Rights)
                    && ["resident", "jurisdiction", "居民", "所在地区"]
                        .iter()
                        .any(|k| lower.contains(k))
                {
                    roles.retain(|r| *r == Role::Rights);
                }
                roles
            }
        };
        // one way of reaching the company more or fewer in a list of them (`via the mini program's
        // customer service and the app` → `via the app`) is a changed contact detail
        let sentence = if added.is_empty() {
            &old_sentence
        } else {
            &new_sentence
        };
        // (a list of the kinds of data a contact form takes, `name, postal address`, is no list
        // of channels: the section is about contact, or the sentence invites users to get in
        // touch)
        let mut list_topics = list_topics;
        if added
            .iter()
            .chain(&removed)
            .all(|e| enumeration::names_a_channel(e))
            && !list_topics.contains(&Role::Purposes)
            && (topics.contains(&Role::Contact)
                || rules.by_role(Role::Contact).is_some_and(|c| {
                    !c.medium_in(&rules::Haystack::new(&normal_form(sentence)), lx)
                        .is_empty()
                }))
        {
            list_topics.push(Role::Contact);
        }
        // an entry saying where data comes from (`from our advertisers`, GDPR Art. 14(2)(f): the
        // source of the data) is a new source of collection, however the sentence names its
        // other sources (`partners`, `third party services`), not someone data goes to
        let from = |e: &String| e.starts_with("from ") || e.starts_with('从') || e.starts_with("来自");
        if added.iter().chain(&removed).all(from) && list_topics.contains(&Role::Recipients) {
            list_topics.retain(|r| *r != Role::Recipients);
            if !list_topics.contains(&Role::Purposes) {
                list_topics.push(Role::Purposes);
            }
        }
        for topic in list_topics {
            if found.clauses.contains(&topic) {
                continue;
            }
            found.add(
                topic,
                Reason::ListEntries {
                    topic,
                    added: added.clone(),
                    removed: removed.clone(),
                },
            );
            lexical.insert(topic);
        }
    }
    // the states whose residents the rights reach, changed in a sentence about residents
    // (`Information for Virginia, Connecticut, Colorado, and Utah Residents Only` → `Information
    // for Non-California Residents in US States with Data Privacy Laws`)
    if change.kind == Kind::Modified && !found.clauses.contains(&Role::Rights) {
        // (both sentences speak of residents: `California residents` → `California consumers`
        // is a rewording)
        if let (Some(was), Some(now)) = (
            rights::residents_states(&old_sentence),
            rights::residents_states(&new_sentence),
        ) && was != now
        {
            found.add(
                Role::Rights,
                Reason::ListEntries {
                    topic: Role::Rights,
                    added: now.difference(&was).map(|s| s.to_string()).collect(),
                    removed: was.difference(&now).map(|s| s.to_string()).collect(),
                },
            );
            lexical.insert(Role::Rights);
        }
    }
    // one more ground for refusing users' requests, put into the sentence that lists them however
    // the ground is worded (`…, concern information more than 12 months old, or …`)
    // (and, in a section about rights, a condition joined to a ground for exercising one:
    // `If you no longer use our services` → `… and have closed your account`)
    if change.kind == Kind::Modified
        && !found.clauses.contains(&Role::Rights)
        && (consent::refusal_ground_added(change).is_some()
            || topics.contains(&Role::Rights) && consent::condition_joined(change).is_some())
    {
        put_in(&mut found, Role::Rights, &ins);
        lexical.insert(Role::Rights);
    }
    // a step users may have to take to exercise a right, now one they must take (a stricter
    // procedure), what we promised users about a right, now only what we may do, or a right
    // that now holds only on a condition users must meet first
    if change.kind == Kind::Modified
        && !found.clauses.contains(&Role::Rights)
        && let Some(reason) = consent::step_required(change)
            .map(|(old, new)| Reason::StepRequired {
                old: lexicon::excerpt(&old),
                new: lexicon::excerpt(&new),
            })
            .or_else(|| {
                consent::promise_weakened(change, rules, lx).map(|(old, new)| Reason::PromiseWeakened {
                    old: lexicon::excerpt(&old),
                    new: lexicon::excerpt(&new),
                })
            })
            .or_else(|| {
                consent::condition_added(change).map(|(old, new)| Reason::ConditionAdded {
                    old: lexicon::excerpt(&old),
                    new: lexicon::excerpt(&new),
                })
            })
    {
        found.add(Role::Rights, reason);
        hard.insert(Role::Rights);
    }
    // one more case where a right does not hold, put into the exception its sentence makes
    if change.kind == Kind::Modified && consent::exception_widened(change).is_some() {
        if !found.clauses.contains(&Role::Rights) {
            put_in(&mut found, Role::Rights, &ins);
        }
        hard.insert(Role::Rights);
    }
    // a new way of exercising a right the sentence grants on both sides: a changed procedure
    if change.kind == Kind::Modified
        && !found.clauses.contains(&Role::Rights)
        && rights::way_added(sentences_old, sentences_new).is_some()
    {
        put_in(&mut found, Role::Rights, &ins);
        hard.insert(Role::Rights);
    }
    // a limit on keeping data given a new ground to be exceeded: retention changed
    if change.kind == Kind::Modified
        && !found.clauses.contains(&Role::Purposes)
        && quantity::retention_ground_added(old_full, new_full).is_some()
    {
        put_in(&mut found, Role::Purposes, &ins);
        hard.insert(Role::Purposes);
    }
    if (rights_words || topics.contains(&Role::Rights)) && !rights::stated(&hay).is_empty() {
        hard.extend(prose_facts::rights(
            sentences_old,
            sentences_new,
            docs,
            &mut found,
        ));
    }
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
    let mut dropped = dropped;
    // a joint controller put into who "we" are is a change of who controls the data (GDPR Art.
    // 26): the words naming it so are its description, not a recipient
    if found.reasons.iter().any(|e| {
        matches!(
            &e.reason,
            Reason::Entity {
                role: EntityRole::Responsible,
                ..
            }
        )
    }) && !hard.contains(&Role::Recipients)
        && found
            .reasons
            .iter()
            .filter(|e| e.clause == Some(Role::Recipients))
            .all(|e| {
                only_terms(e, |t| {
                    t.starts_with("joint controller") || t.starts_with("共同个人信息")
                })
            })
    {
        dropped.push(Role::Recipients);
    }
    // a new passage that brings in a recipient (an SDK, a processor named) describes that
    // processing: words about opting out of it, or about rights, are part of the description, not
    // a change to the rights users hold (those stand where the policy states them)
    // (a request to exercise a right, or an address to send it to, is a procedure: it stays)
    if change.kind == Kind::Added
        && hard.contains(&Role::Recipients)
        && lexical.contains(&Role::Rights)
        && !hard.contains(&Role::Rights)
        && found
            .reasons
            .iter()
            .filter(|e| e.clause == Some(Role::Rights))
            .all(|e| {
                only_terms(e, |t| {
                    matches!(
                        t.trim_end_matches('*'),
                        "opt out" | "opt in" | "your right" | "your rights"
                    )
                })
            })
    {
        dropped.push(Role::Rights);
    }
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
        rights_consent(change, &ins, &del, rules, lx, docs, &mut found);
    }
    found.finish(rules, Reason::NoClause)
}
