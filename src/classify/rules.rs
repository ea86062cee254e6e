//! The material-change rules: §VIII clauses with their roles, titles, fact paths, section topics
//! and lexicons. Built-in defaults are embedded; `content/rules.toml` replaces them.
//!
//! The classifier never names a clause by its number: it asks for a [`Role`] (`purposes`,
//! `control`, `recipients`, `rights`, `contact`, `risk`), and the rules say which clause id and
//! title carry it, so a policy's own rules file may renumber or retitle its clauses freely.
//! Every lexicon term belongs to a group that names the standard or category it comes from.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::diff::text::{is_cjk, normal_form};

/// The built-in rules (the sample policy's §VIII), as written.
pub const BUILTIN: &str = include_str!("rules.toml");

/// The schema this version reads.
pub const SCHEMA: &str = "policyc.rules/2";

/// What a rules file of the first schema is told.
const OLD_SCHEMA: &str = "rules schema `policyc.rules/1` is no longer read: set `schema = \"policyc.rules/2\"`, \
     give each clause a `role` (purposes, control, recipients, rights, contact or risk) and put its \
     terms in `[[clause.terms]]` groups with `strength` and `source` (README: converting a rules file)";

/// A locale, title or term.
pub type Term = String;

/// What a clause is about: the classifier's name for it, whatever its number or title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Purposes, types of personal information, how it is used (8.1 in the sample).
    Purposes,
    /// Ownership or control of the business (8.2).
    Control,
    /// Recipients of sharing, transfer, disclosure; cross-border destinations (8.3).
    Recipients,
    /// Users' rights and how they are exercised (8.4).
    Rights,
    /// The responsible department, contact details, complaint channels (8.5).
    Contact,
    /// A security impact assessment that indicates high risk (8.6).
    Risk,
}

impl Role {
    /// Every role, in the sample's order.
    pub const ALL: [Role; 6] = [
        Role::Purposes,
        Role::Control,
        Role::Recipients,
        Role::Rights,
        Role::Contact,
        Role::Risk,
    ];

    /// The name used in rules files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Purposes => "purposes",
            Role::Control => "control",
            Role::Recipients => "recipients",
            Role::Rights => "rights",
            Role::Contact => "contact",
            Role::Risk => "risk",
        }
    }
}

/// How strongly a term points at its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Specific: triggers the clause when it occurs in changed words.
    Strong,
    /// Generic: triggers a new or removed passage in a section of the clause's topic, or any
    /// passage where two of them are new.
    Medium,
    /// Triggers a new or removed passage only inside a section of the clause's topic.
    Weak,
}

/// A group of lexicon terms from one source: `strength`, `source`, and the terms per locale under
/// locale keys (`en = [...]`, `zh-CN = [...]`). Read by its own map visitor rather than serde's
/// `flatten`, which buffers every value before deciding where it goes; [`ClauseRule::from_file`]
/// checks that the other keys are locales.
#[derive(Debug, Clone)]
pub struct TermGroup {
    /// How strongly its terms point at the clause.
    pub strength: Strength,
    /// The standard, law or category of personal information the terms come from.
    pub source: String,
    /// Terms per locale (`en = [...]`, `zh-CN = [...]`).
    pub terms: BTreeMap<String, Vec<String>>,
}

impl<'de> Deserialize<'de> for TermGroup {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Group;
        impl<'de> serde::de::Visitor<'de> for Group {
            type Value = TermGroup;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a term group: `strength`, `source` and terms per locale")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<TermGroup, A::Error> {
                use serde::de::Error;
                let (mut strength, mut source, mut terms) = (None, None, BTreeMap::new());
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "strength" if strength.is_none() => strength = Some(map.next_value()?),
                        "source" if source.is_none() => source = Some(map.next_value()?),
                        "strength" => return Err(A::Error::duplicate_field("strength")),
                        "source" => return Err(A::Error::duplicate_field("source")),
                        _ if terms.contains_key(&key) => {
                            return Err(A::Error::custom(format!("duplicate key `{key}`")));
                        }
                        _ => {
                            let list: Vec<String> = map.next_value()?;
                            terms.insert(key, list);
                        }
                    }
                }
                Ok(TermGroup {
                    strength: strength.ok_or_else(|| A::Error::missing_field("strength"))?,
                    source: source.ok_or_else(|| A::Error::missing_field("source"))?,
                    terms,
                })
            }
        }
        d.deserialize_map(Group)
    }
}

/// A rules file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    schema: String,
    #[serde(rename = "clause")]
    clauses: Vec<ClauseFile>,
}

/// A clause as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClauseFile {
    id: String,
    role: Role,
    title: BTreeMap<String, String>,
    #[serde(default)]
    facts: Vec<String>,
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    headings: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    terms: Vec<TermGroup>,
}

/// Only the schema line, read first so an old file gets a clear message.
#[derive(Deserialize)]
struct SchemaOnly {
    schema: Option<String>,
}

/// A rules file, ready for the classifier.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// `policyc.rules/2`.
    pub schema: String,
    /// The clauses, in order (shared: every command's copy of the built-in rules is one parse).
    pub clauses: std::sync::Arc<[ClauseRule]>,
    /// The text the rules were read from.
    source: std::sync::Arc<str>,
    /// Its sha256, made when first asked for (only builds need it).
    fingerprint: std::sync::OnceLock<String>,
}

/// One clause.
#[derive(Debug, Clone)]
pub struct ClauseRule {
    /// `8.1` …
    pub id: String,
    /// What it is about.
    pub role: Role,
    /// Title per locale.
    pub title: BTreeMap<Term, Term>,
    /// Fact path prefixes.
    pub facts: Vec<Term>,
    /// Section ids of its topic.
    pub sections: Vec<Term>,
    /// Heading words of its topic, per locale (normal form).
    pub headings: BTreeMap<Term, Vec<Term>>,
    /// The term groups as written, with their sources.
    pub groups: Vec<TermGroup>,
    /// Strong terms per locale (normal form).
    pub strong: BTreeMap<Term, Vec<Term>>,
    /// Medium (generic) terms per locale (normal form).
    pub medium: BTreeMap<Term, Vec<Term>>,
    /// Weak terms per locale (normal form).
    pub weak: BTreeMap<Term, Vec<Term>>,
}

/// A term in the normal form texts are matched in (`*` kept); `None` when nothing is left.
fn normal_term(t: &str) -> Option<String> {
    // a term of two parts near each other (`train* … model*`): each part in its normal form
    // (the ellipsis looked for first: a character search costs less than setting up a search
    // for the three-character gap, and a thousand terms are read at every start)
    if t.contains('…') && t.contains(GAP) {
        let parts: Vec<String> = t.split(GAP).map(normal_term).collect::<Option<_>>()?;
        return Some(parts.join(GAP));
    }
    let prefix = t.ends_with('*');
    let bare = t.trim_end_matches('*');
    // most terms are already in normal form: lowercase ASCII words with single spaces, or common
    // ideographs alone
    let ascii_normal = bare
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
        && !bare.starts_with(' ')
        && !bare.ends_with(' ')
        && !bare.contains("  ");
    let ideographs = bare.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let n = if ascii_normal || ideographs {
        bare.to_string()
    } else {
        normal_form(bare)
    };
    (!n.is_empty()).then(|| if prefix { format!("{n}*") } else { n })
}

impl RuleSet {
    /// The built-in rules, parsed from the embedded `rules.toml` once per process.
    pub fn builtin() -> Self {
        static BUILTIN_RULES: std::sync::LazyLock<RuleSet> = std::sync::LazyLock::new(|| {
            RuleSet::parse(BUILTIN).expect("the built-in rules are valid (a unit test parses them)")
        });
        BUILTIN_RULES.clone()
    }

    /// Parses and checks a rules file.
    pub fn parse(text: &str) -> Result<Self, String> {
        // one parse: the schema line is read apart only when the file does not parse, so that an
        // old file gets a message saying how to convert it
        let file: RulesFile = match toml::from_str(text) {
            Ok(file) => file,
            Err(e) => {
                let schema = toml::from_str::<SchemaOnly>(text).ok().and_then(|s| s.schema);
                return Err(match schema.as_deref() {
                    Some("policyc.rules/1") => OLD_SCHEMA.to_string(),
                    Some(s) if s != SCHEMA => format!("unknown rules schema `{s}` (expected {SCHEMA})"),
                    _ => e.to_string(),
                });
            }
        };
        if file.schema == "policyc.rules/1" {
            return Err(OLD_SCHEMA.to_string());
        }
        if file.schema != SCHEMA {
            return Err(format!(
                "unknown rules schema `{}` (expected {SCHEMA})",
                file.schema
            ));
        }
        let clauses = file
            .clauses
            .into_iter()
            .map(ClauseRule::from_file)
            .collect::<Result<Vec<_>, _>>()?
            .into();
        RuleSet {
            schema: file.schema,
            clauses,
            source: std::sync::Arc::from(text),
            fingerprint: std::sync::OnceLock::new(),
        }
        .checked()
    }

    /// Checks the clause ids and roles.
    fn checked(self) -> Result<Self, String> {
        let mut roles = BTreeSet::new();
        let mut ids = BTreeSet::new();
        for c in self.clauses.iter() {
            let ok =
                c.id.strip_prefix("8.")
                    .and_then(|n| n.parse::<u8>().ok())
                    .is_some_and(|n| (1..=9).contains(&n));
            if !ok {
                return Err(format!("clause id `{}` is not of the form 8.N", c.id));
            }
            if !ids.insert(c.id.as_str()) {
                return Err(format!("clause id `{}` appears twice", c.id));
            }
            if !roles.insert(c.role) {
                return Err(format!("role `{}` belongs to two clauses", c.role.as_str()));
            }
        }
        Ok(self)
    }

    /// sha256 of the text the rules were read from (for incremental builds).
    pub fn fingerprint(&self) -> &str {
        self.fingerprint
            .get_or_init(|| crate::output::sha256_hex(self.source.as_bytes()))
    }

    /// The clause that carries `role`, if the rules have one.
    pub fn by_role(&self, role: Role) -> Option<&ClauseRule> {
        self.clauses.iter().find(|c| c.role == role)
    }

    /// The clause id that carries `role`.
    pub fn id_of(&self, role: Role) -> Option<&str> {
        self.by_role(role).map(|c| c.id.as_str())
    }

    /// The role of the clause a fact path triggers (longest matching prefix).
    pub fn fact_role(&self, path: &str) -> Option<Role> {
        self.clauses
            .iter()
            .flat_map(|c| c.facts.iter().map(move |f| (f, c.role)))
            .filter(|(f, _)| {
                path.strip_prefix(f.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            })
            .max_by_key(|(f, _)| f.len())
            .map(|(_, role)| role)
    }

    /// The roles whose topic a section id is (versioned inputs).
    pub fn topics_by_id(&self, section: &str) -> BTreeSet<Role> {
        self.clauses
            .iter()
            .filter(|c| c.sections.iter().any(|s| s == section))
            .map(|c| c.role)
            .collect()
    }

    /// The roles whose topic a passage is in: by section id, else by the words of its headings.
    pub fn topics(&self, section: &str, heading: &str, path: &[String], locale: &str) -> BTreeSet<Role> {
        let by_id = self.topics_by_id(section);
        if !by_id.is_empty() {
            return by_id;
        }
        let text = format!(" {} ", normal_form(&format!("{heading} {}", path.join(" "))));
        fn matched<'c>(c: &'c ClauseRule, text: &str, locale: &str) -> Vec<&'c Term> {
            c.headings
                .get(locale)
                .or_else(|| c.headings.get("en"))
                .map(|terms| terms.iter().filter(|t| matches_padded(text, t)).collect())
                .unwrap_or_default()
        }
        let matched = |c| matched(c, &text, locale);
        let mut topics: BTreeSet<Role> = self
            .clauses
            .iter()
            .filter(|c| !matched(c).is_empty())
            .map(|c| c.role)
            .collect();
        // a heading naming whom data goes to and saying only that "we use" them (`Third-party
        // services we use`, `我们使用的第三方服务`) is about the recipients, not about a use of data
        if topics.contains(&Role::Recipients)
            && self.clauses.iter().filter(|c| c.role == Role::Purposes).all(|c| {
                matched(c).iter().all(|t| {
                    let t = t.to_string();
                    ["使用", "we use", "uses", "used", "use of"].contains(&t.as_str())
                })
            })
        {
            topics.remove(&Role::Purposes);
        }
        topics
    }

    /// The clause with `id`.
    pub fn clause(&self, id: &str) -> Option<&ClauseRule> {
        self.clauses.iter().find(|c| c.id == id)
    }
}

impl ClauseRule {
    /// A clause as written, its terms in normal form and gathered by strength.
    fn from_file(c: ClauseFile) -> Result<Self, String> {
        let mut lists: [BTreeMap<Term, Vec<Term>>; 3] = Default::default();
        for g in &c.terms {
            if g.source.trim().is_empty() {
                return Err(format!(
                    "clause {}: a term group has no `source` (name the standard or category its terms come from)",
                    c.id
                ));
            }
            let slot = match g.strength {
                Strength::Strong => 0,
                Strength::Medium => 1,
                Strength::Weak => 2,
            };
            for (locale, terms) in &g.terms {
                let tag = locale
                    .split('-')
                    .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()));
                if !tag {
                    return Err(format!(
                        "clause {}: `{locale}` in a term group is neither `strength`, `source` nor a locale",
                        c.id
                    ));
                }
                lists[slot]
                    .entry(locale.clone())
                    .or_default()
                    .extend(terms.iter().filter_map(|t| normal_term(t)));
            }
        }
        let headings = c
            .headings
            .into_iter()
            .map(|(l, ts)| (l, ts.iter().filter_map(|t| normal_term(t)).collect()))
            .collect();
        let [strong, medium, weak] = lists;
        Ok(ClauseRule {
            id: c.id,
            role: c.role,
            title: c.title,
            facts: c.facts,
            sections: c.sections,
            headings,
            groups: c.terms,
            strong,
            medium,
            weak,
        })
    }

    /// Are two terms (in normal form, as found) of one group: said of the same thing, so one put
    /// in the place of the other says it again (`响应` → `答复`)?
    pub fn same_group(&self, a: &str, b: &str) -> bool {
        self.groups.iter().any(|g| {
            let has = |t: &str| {
                g.terms
                    .values()
                    .flatten()
                    .any(|x| normal_term(x).as_deref() == Some(t))
            };
            has(a) && has(b)
        })
    }

    /// Strong terms found in a normal-form text.
    pub fn strong_hits(&self, normal: &str, locale: &str) -> Vec<String> {
        hits(normal, self.strong.get(locale).or_else(|| self.strong.get("en")))
    }

    /// Strong terms found in a prepared text.
    pub fn strong_in(&self, hay: &Haystack, locale: &str) -> Vec<String> {
        hits_in(hay, self.strong.get(locale).or_else(|| self.strong.get("en")))
    }

    /// Medium terms found in a prepared text.
    pub fn medium_in(&self, hay: &Haystack, locale: &str) -> Vec<String> {
        hits_in(hay, self.medium.get(locale).or_else(|| self.medium.get("en")))
    }

    /// Weak terms found in a prepared text.
    pub fn weak_in(&self, hay: &Haystack, locale: &str) -> Vec<String> {
        hits_in(hay, self.weak.get(locale).or_else(|| self.weak.get("en")))
    }

    /// Medium terms found in a normal-form text.
    pub fn medium_hits(&self, normal: &str, locale: &str) -> Vec<String> {
        hits(normal, self.medium.get(locale).or_else(|| self.medium.get("en")))
    }

    /// Weak terms found in a normal-form text.
    pub fn weak_hits(&self, normal: &str, locale: &str) -> Vec<String> {
        hits(normal, self.weak.get(locale).or_else(|| self.weak.get("en")))
    }

    /// The title in `locale` (English when missing).
    pub fn title(&self, locale: &str) -> &str {
        self.title
            .get(locale)
            .or_else(|| self.title.get("en"))
            .map_or("", |t| t)
    }

    /// A short topic name for reasons: the role's own words, which do not depend on how a rules
    /// file titles the clause.
    pub fn short(&self, locale: &str) -> &'static str {
        short_topic(self.role, locale)
    }
}

/// A role's short topic name in `locale`.
pub fn short_topic(role: Role, locale: &str) -> &'static str {
    let zh = locale.starts_with("zh");
    match (role, zh) {
        (Role::Purposes, true) => "个人信息的收集和使用",
        (Role::Purposes, false) => "collection and use",
        (Role::Control, true) => "控制权",
        (Role::Control, false) => "control",
        (Role::Recipients, true) => "共享、转让和披露",
        (Role::Recipients, false) => "sharing and disclosure",
        (Role::Rights, true) => "您的权利",
        (Role::Rights, false) => "users' rights",
        (Role::Contact, true) => "联系和投诉方式",
        (Role::Contact, false) => "contact and complaints",
        (Role::Risk, true) => "安全影响评估",
        (Role::Risk, false) => "security impact assessment",
    }
}

/// A normal-form text prepared for many term look-ups: padded with spaces, its distinct words
/// sorted, a bitmap of the words' first two bytes that rejects most absent ASCII terms at once, and
/// a bitmap of its non-ASCII characters that rejects most absent Chinese terms at once.
pub struct Haystack {
    padded: String,
    /// The distinct words that an ASCII term can be made of (a lone CJK character cannot), sorted:
    /// each as its first eight bytes read as a big-endian number (zero-padded, which orders the
    /// numbers as the words) and its byte range in `padded`. Look-ups are binary searches that
    /// compare numbers, and bytes only past the eighth.
    words: Vec<(u64, usize, usize)>,
    /// One bit per [`pair_bit`] of each word.
    pairs: [u64; 16],
    /// One bit per [`char_bit`] of each non-ASCII character.
    chars: [u64; 64],
}

/// The bitmap bit of a word or word beginning: its first two bytes, hashed to 0..1024.
fn pair_bit(w: &[u8]) -> usize {
    let a = usize::from(w.first().copied().unwrap_or(0));
    let b = usize::from(w.get(1).copied().unwrap_or(0));
    (a * 31 + b) % 1024
}

/// The bitmap bit of a non-ASCII character: its code point modulo 4096 (the common ideographs
/// U+4E00..U+9FFF spread over every bit).
fn char_bit(c: char) -> usize {
    c as usize % 4096
}

/// The words of a normal form that are not CJK characters: [`crate::diff::text::words`] without
/// the characters it counts one each (the runs between them are words of their own).
fn latin_words(normal: &str) -> Vec<&str> {
    let b = normal.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c == b' ' {
                if start < i {
                    out.push(&normal[start..i]);
                }
                start = i + 1;
            }
            i += 1;
            continue;
        }
        // a character of several bytes: a CJK one ends the run before it
        let ch = normal[i..].chars().next().unwrap_or(' ');
        let next = i + ch.len_utf8();
        if is_cjk(ch) {
            if start < i {
                out.push(&normal[start..i]);
            }
            start = next;
        }
        i = next;
    }
    if start < b.len() {
        out.push(&normal[start..]);
    }
    out
}

/// The first eight bytes of `w` as a big-endian number, zero-padded.
fn key(w: &[u8]) -> u64 {
    let mut k = [0u8; 8];
    let n = w.len().min(8);
    k[..n].copy_from_slice(&w[..n]);
    u64::from_be_bytes(k)
}

impl Haystack {
    /// Prepares a normal-form text.
    pub fn new(normal: &str) -> Self {
        let padded = format!(" {normal} ");
        let b = padded.as_bytes();
        let mut chars = [0u64; 64];
        if !padded.is_ascii() {
            for c in padded.chars().filter(|c| !c.is_ascii()) {
                let bit = char_bit(c);
                chars[bit / 64] |= 1 << (bit % 64);
            }
        }
        // words as the diff counts them: a Latin run glued to Chinese (`获取imei号`) is a word of
        // its own, so an ASCII term finds it in Chinese text; a lone CJK character is no word an
        // ASCII term could hold, and Chinese terms are looked for in the text itself
        let base = padded.as_ptr() as usize;
        let all = latin_words(&padded);
        // each distinct word once, then sorted for look-ups; the hasher's keys are random, so no
        // text can be made to collide on purpose
        let mut seen =
            std::collections::HashSet::with_capacity_and_hasher(all.len() / 4, ahash::RandomState::new());
        let mut words: Vec<(u64, usize, usize)> = all
            .into_iter()
            .filter(|w| seen.insert(*w))
            .map(|w| {
                let start = w.as_ptr() as usize - base;
                (key(w.as_bytes()), start, start + w.len())
            })
            .collect();
        words.sort_unstable_by(|x, y| x.0.cmp(&y.0).then_with(|| b[x.1..x.2].cmp(&b[y.1..y.2])));
        let mut pairs = [0u64; 16];
        for w in &words {
            let bit = pair_bit(&b[w.1..w.2]);
            pairs[bit / 64] |= 1 << (bit % 64);
        }
        Haystack {
            padded,
            words,
            pairs,
            chars,
        }
    }

    /// Can the text hold every non-ASCII character of `t`?
    fn may_hold(&self, t: &str) -> bool {
        t.chars().filter(|c| !c.is_ascii()).all(|c| {
            let bit = char_bit(c);
            self.chars[bit / 64] & (1 << (bit % 64)) != 0
        })
    }

    /// How the word at `entry` compares with `w`, whose [`key`] is `k`.
    fn compare(&self, entry: &(u64, usize, usize), k: u64, w: &[u8]) -> std::cmp::Ordering {
        entry
            .0
            .cmp(&k)
            .then_with(|| self.padded.as_bytes()[entry.1..entry.2].cmp(w))
    }

    /// Can a word of the text begin with `w`'s first two bytes (`w` at least two bytes long)?
    fn may_begin(&self, w: &str) -> bool {
        let bit = pair_bit(w.as_bytes());
        w.len() < 2 || self.pairs[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn has_word(&self, w: &str) -> bool {
        // one-byte words hash with a zero second byte, as they were stored
        let w = w.as_bytes();
        let bit = pair_bit(w);
        if self.pairs[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
        let k = key(w);
        self.words.binary_search_by(|e| self.compare(e, k, w)).is_ok()
    }

    fn has_word_starting(&self, p: &str) -> bool {
        if !self.may_begin(p) {
            return false;
        }
        let (k, p) = (key(p.as_bytes()), p.as_bytes());
        let i = self
            .words
            .partition_point(|e| self.compare(e, k, p) == std::cmp::Ordering::Less);
        self.words
            .get(i)
            .is_some_and(|e| self.padded.as_bytes()[e.1..e.2].starts_with(p))
    }

    /// Does it contain `term` (normalised; `*` = any word ending)?
    pub fn has(&self, term: &str) -> bool {
        let prefix = term.ends_with('*');
        let t = term.trim_end_matches('*');
        if t.is_empty() {
            return false;
        }
        if t.is_ascii() {
            // the bitmap answers at once for most absent terms (a first word of two bytes or more)
            if t.as_bytes().get(1).is_some_and(|&b| b != b' ') && !self.may_begin(t) {
                return false;
            }
            // every word of the term must be a word of the text (the last may only begin one)
            // before a phrase search is worth making
            let mut parts = t.split(' ').peekable();
            while let Some(w) = parts.next() {
                let last = parts.peek().is_none();
                let present = if last && prefix {
                    self.has_word_starting(w)
                } else {
                    self.has_word(w)
                };
                if !present {
                    return false;
                }
                if last && !t.contains(' ') {
                    return true;
                }
            }
        } else if term.as_bytes()[0].is_ascii()
            && let Some((first, second)) = term.split_once(GAP)
        {
            // (a gap term joins words by `…`, not ASCII: a term not ASCII that begins with an
            // ASCII letter, unlike a Chinese one, is looked into for it)
            return self.has(first) && self.has(second) && self.near(first, second);
        } else if !self.may_hold(t) {
            return false;
        }
        matches_padded(&self.padded, term)
    }
}

impl Haystack {
    /// Does a match of `second` follow one of `first` within [`GAP_WORDS`] words?
    fn near(&self, first: &str, second: &str) -> bool {
        let words: Vec<&str> = self.padded.split(' ').filter(|w| !w.is_empty()).collect();
        let at = |term: &str, i: usize| -> bool {
            let prefix = term.ends_with('*');
            let parts: Vec<&str> = term.trim_end_matches('*').split(' ').collect();
            parts.iter().enumerate().all(|(k, p)| {
                words.get(i + k).is_some_and(|w| {
                    if prefix && k + 1 == parts.len() {
                        w.starts_with(p)
                    } else {
                        w == p
                    }
                })
            })
        };
        (0..words.len()).any(|i| at(first, i) && (i + 1..=i + GAP_WORDS).any(|j| at(second, j)))
    }
}

/// What joins the two parts of a term matched near each other: `train* … model*` is `train`,
/// `trains`, `training` followed within [`GAP_WORDS`] words by `model`, `models` (`to train and
/// improve our sound-recognition models`).
pub const GAP: &str = " … ";

/// How many words may stand between the two parts of a [`GAP`] term.
const GAP_WORDS: usize = 6;

fn hits_in(hay: &Haystack, terms: Option<&Vec<Term>>) -> Vec<String> {
    terms
        .map(|ts| ts.iter().filter(|t| hay.has(t)).map(|t| t.to_string()).collect())
        .unwrap_or_default()
}

fn hits(normal: &str, terms: Option<&Vec<Term>>) -> Vec<String> {
    hits_in(&Haystack::new(normal), terms)
}

/// Does a normal-form text contain `term` (`*` = any word ending; non-ASCII terms anywhere)?
pub fn matches(normal: &str, term: &str) -> bool {
    let prefix = term.ends_with('*');
    let t = normal_form(term.trim_end_matches('*'));
    let term = if prefix { format!("{t}*") } else { t };
    matches_padded(&format!(" {normal} "), &term)
}

/// [`matches`] for a text padded with a space on each side and a normalised term.
pub fn matches_padded(padded: &str, term: &str) -> bool {
    let prefix = term.ends_with('*');
    let t = term.trim_end_matches('*');
    if t.is_empty() {
        return false;
    }
    if !t.is_ascii() {
        return padded.contains(t);
    }
    let mut from = 0;
    while let Some(i) = padded[from..].find(t) {
        let start = from + i;
        let end = start + t.len();
        // a space on either side, or a Chinese character next to a letter or digit (`获取imei号`)
        let glued = |edge: Option<char>, c: char| {
            c == ' ' || (is_cjk(c) && edge.is_some_and(|e| e.is_ascii_alphanumeric()))
        };
        let before_ok = padded[..start]
            .chars()
            .next_back()
            .is_some_and(|c| glued(t.chars().next(), c));
        let after_ok = prefix
            || padded[end..]
                .chars()
                .next()
                .is_some_and(|c| glued(t.chars().next_back(), c));
        if before_ok && after_ok {
            return true;
        }
        from = start + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A term already in normal form is kept as written; any other is normalised.
        #[test]
        fn terms_take_their_normal_form(t in "[a-zA-Z0-9 *中文éÄ’.-]{0,12}") {
            let reference = {
                let n = normal_form(t.trim_end_matches('*'));
                (!n.is_empty()).then(|| if t.ends_with('*') { format!("{n}*") } else { n })
            };
            proptest::prop_assert_eq!(normal_term(&t), reference);
        }
    }

    #[test]
    fn a_gap_term_matches_its_parts_near_each_other() {
        let hay = |t: &str| Haystack::new(&normal_form(t));
        let term = normal_term("train* … model*").unwrap();
        assert!(hay("we use it to train and improve our sound-recognition models").has(&term));
        assert!(hay("training of our models").has(&term));
        // too far apart, in the wrong order, or a part missing
        assert!(!hay("we train our staff every year so that the support team can explain how our business model works").has(&term));
        assert!(!hay("our models are trained").has(&term));
        assert!(!hay("we train our staff").has(&term));
    }

    #[test]
    fn ascii_terms_are_found_glued_to_chinese() {
        let hay = Haystack::new(&normal_form("获取IMEI号、第三方SDK和Android ID"));
        assert!(hay.has("imei") && hay.has("sdk*") && hay.has("android id"));
        assert!(!hay.has("ime") && !Haystack::new("timei").has("imei"));
        assert!(matches_padded(" 获取imei号 ", "imei"));
    }

    #[test]
    fn builtin_rules_parse_and_their_fingerprint_is_the_hash_of_their_text() {
        let rules = RuleSet::parse(BUILTIN).expect("built-in rules parse");
        assert_eq!(rules.fingerprint(), crate::output::sha256_hex(BUILTIN.as_bytes()));
        assert_eq!(RuleSet::builtin().fingerprint(), rules.fingerprint());
        assert!(!rules.clauses.is_empty());
    }

    #[test]
    fn latin_words_are_the_words_that_are_no_cjk_character() {
        for t in [
            "获取imei号、第三方sdk和android id",
            "a b  c",
            "",
            "数据 共享 a b",
            "é 数据x数 ab",
        ] {
            let n = normal_form(t);
            let lone = |w: &&str| {
                let mut cs = w.chars();
                cs.next().is_some_and(is_cjk) && cs.next().is_none()
            };
            let expected: Vec<&str> = crate::diff::text::words(&n)
                .into_iter()
                .filter(|w| !lone(w))
                .collect();
            assert_eq!(latin_words(&n), expected, "{t}");
        }
    }

    #[test]
    fn a_term_group_needs_its_strength_and_source_once_and_locales_as_other_keys() {
        let file = |group: &str| {
            format!(
                "schema = \"{SCHEMA}\"\n[[clause]]\nid = \"8.1\"\nrole = \"purposes\"\ntitle = {{ en = \"P\" }}\n[[clause.terms]]\n{group}"
            )
        };
        let ok = RuleSet::parse(&file(
            "strength = \"strong\"\nsource = \"GDPR Art. 9\"\nen = [\"Health\"]\nzh-CN = [\"健康\"]\n",
        ))
        .expect("a whole group parses");
        let c = &ok.clauses[0];
        assert_eq!(c.groups[0].terms.len(), 2);
        assert_eq!(c.strong["en"], ["health"]);
        for (group, says) in [
            ("source = \"s\"\nen = [\"x\"]\n", "strength"),
            ("strength = \"weak\"\nen = [\"x\"]\n", "source"),
            ("strength = \"weak\"\nsource = \"s\"\nen = \"x\"\n", "sequence"),
            (
                "strength = \"weak\"\nsource = \"s\"\nnot_a_locale = [\"x\"]\n",
                "neither",
            ),
            ("strength = \"loud\"\nsource = \"s\"\n", "loud"),
        ] {
            let e = RuleSet::parse(&file(group)).expect_err(group);
            assert!(e.contains(says), "{group}: {e}");
        }
    }

    #[test]
    fn haystack_look_ups_agree_with_a_phrase_search() {
        let texts = [
            "we share your data with partners",
            "a",
            "",
            "partner sharing data x",
            "数据 共享 a b",
        ];
        let terms = [
            "share",
            "shar*",
            "partner*",
            "partners",
            "data with",
            "with part*",
            "a",
            "a*",
            "b",
            "x y",
            "your data with partners",
            "共享",
            "数据*",
            "s*",
            "sharing",
            "w*",
        ];
        for text in texts {
            let hay = Haystack::new(text);
            let padded = format!(" {text} ");
            for term in terms {
                assert_eq!(
                    hay.has(term),
                    matches_padded(&padded, term),
                    "{term:?} in {text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Look-ups agree with a phrase search on texts of words that share long beginnings.
        #[test]
        fn haystack_agrees_with_a_phrase_search_on_any_text(
            text in proptest::collection::vec(0..WORDS.len(), 0..40),
            term in proptest::collection::vec(0..WORDS.len(), 1..4),
            cut in 0..12usize,
            prefix in proptest::bool::ANY,
        ) {
            let text: Vec<&str> = text.iter().map(|&i| WORDS[i]).collect();
            let text = text.join(" ");
            let mut term: Vec<&str> = term.iter().map(|&i| WORDS[i]).collect();
            // a word beginning as the last word of a prefix term
            let last = term.pop().unwrap_or_default();
            let last: String = last.chars().take(cut).collect();
            term.push(&last);
            let term = format!("{}{}", term.join(" "), if prefix { "*" } else { "" });
            let hay = Haystack::new(&text);
            proptest::prop_assert_eq!(
                hay.has(&term),
                matches_padded(&format!(" {text} "), &term),
                "{:?} in {:?}", term, text
            );
        }
    }

    const WORDS: &[&str] = &[
        "information",
        "informational",
        "informatio",
        "informationx",
        "info",
        "in",
        "i",
        "personalised",
        "personalize",
        "personal",
        "person",
        "we",
        "share",
        "shared",
        "a",
        "b",
        "数据",
        "共享",
        "数据库",
        "zz",
        "zzzzzzzzz",
        "zzzzzzzz",
    ];

    #[test]
    fn terms_of_one_group_are_the_same_thing_said_again() {
        let r = RuleSet::builtin();
        let rights = r.clauses.iter().find(|c| c.role == Role::Rights).unwrap();
        assert!(rights.same_group("响应", "答复"));
        assert!(!rights.same_group("响应", "费用"));
        assert!(!rights.same_group("响应", "not a term"));
    }

    #[test]
    fn builtin_rules_parse_and_match() {
        let r = RuleSet::builtin();
        assert_eq!(r.clauses.len(), 6);
        assert_eq!(r.fact_role("controller.name"), Some(Role::Control));
        assert_eq!(r.fact_role("controller.address"), Some(Role::Contact));
        assert_eq!(r.fact_role("sdks.firebase"), Some(Role::Recipients));
        let ids: Vec<_> = Role::ALL.iter().map(|&role| r.id_of(role)).collect();
        assert_eq!(ids, ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6"].map(Some));
        assert!(matches("we share data with third parties", "third part*"));
        assert!(!matches("we shared", "share"));
        assert!(matches("we shared", "shar*"));
        assert!(matches("我们会与第三方共享", "第三方"));
        assert!(
            r.topics("x", "How we share your data", &[], "en")
                .contains(&Role::Recipients)
        );
    }

    /// Every term group names the standard or category it comes from; a group without one, an
    /// old-schema file and a role given twice are refused with a message that says so.
    #[test]
    fn every_term_group_has_a_source() {
        for c in RuleSet::builtin().clauses.iter() {
            for g in &c.groups {
                assert!(
                    g.source.trim().len() >= 8,
                    "clause {}: source {:?}",
                    c.id,
                    g.source
                );
                assert!(
                    g.terms.values().any(|t| !t.is_empty()),
                    "clause {}: empty group",
                    c.id
                );
            }
        }
        let unsourced = BUILTIN.replacen("source = \"", "source = \"\" # \"", 1);
        let err = RuleSet::parse(&unsourced).unwrap_err();
        assert!(err.contains("no `source`"), "{err}");
        let old = BUILTIN.replacen("schema = \"policyc.rules/2\"", "schema = \"policyc.rules/1\"", 1);
        let err = RuleSet::parse(&old).unwrap_err();
        assert!(err.contains("no longer read") && err.contains("role"), "{err}");
        let twice = BUILTIN.replacen("role = \"control\"", "role = \"purposes\"", 1);
        assert!(RuleSet::parse(&twice).unwrap_err().contains("two clauses"));
    }

    /// A rules file that renumbers and retitles the clauses keeps every behaviour: the classifier
    /// asks for roles, and the answer carries the file's own ids.
    #[test]
    fn renumbered_rules_keep_their_roles() {
        let renumbered = BUILTIN
            .replace("id = \"8.1\"", "id = \"8.9\"")
            .replace("id = \"8.5\"", "id = \"8.1\"")
            .replace("id = \"8.9\"", "id = \"8.5\"");
        let r = RuleSet::parse(&renumbered).unwrap();
        assert_eq!(r.id_of(Role::Contact), Some("8.1"));
        assert_eq!(r.id_of(Role::Purposes), Some("8.5"));
        assert_eq!(r.fact_role("contact.email"), Some(Role::Contact));
    }
}
