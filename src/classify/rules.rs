//! The material-change rules: §VIII clauses with their titles, fact paths, section topics and
//! lexicons. Built-in defaults are embedded; `content/rules.toml` replaces them.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::diff::text::normal_form;

/// The built-in rules (the sample policy's §VIII), as written.
pub const BUILTIN: &str = include_str!("rules.toml");

/// A locale, title or term: the built-in rules' point into the binary, a rules file's are owned.
pub type Term = Cow<'static, str>;

/// A rules file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// `policyc.rules/1`.
    pub schema: String,
    /// The clauses, in order.
    #[serde(rename = "clause")]
    pub clauses: Vec<ClauseRule>,
    /// sha256 of the text the rules were read from (for incremental builds).
    #[serde(skip)]
    pub fingerprint: String,
}

/// One clause.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseRule {
    /// `8.1` …
    pub id: String,
    /// Title per locale.
    pub title: BTreeMap<Term, Term>,
    /// Fact path prefixes.
    #[serde(default)]
    pub facts: Vec<Term>,
    /// Section ids of its topic.
    #[serde(default)]
    pub sections: Vec<Term>,
    /// Heading words of its topic, per locale.
    #[serde(default)]
    pub headings: BTreeMap<Term, Vec<Term>>,
    /// Strong terms per locale.
    #[serde(default)]
    pub strong: BTreeMap<Term, Vec<Term>>,
    /// Medium (generic) terms per locale.
    #[serde(default)]
    pub medium: BTreeMap<Term, Vec<Term>>,
    /// Weak terms per locale.
    #[serde(default)]
    pub weak: BTreeMap<Term, Vec<Term>>,
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
        let mut rules: RuleSet = toml::from_str(text).map_err(|e| e.to_string())?;
        rules.fingerprint = crate::output::sha256_hex(text.as_bytes());
        rules.prepared()?.checked()
    }

    /// Normalises the rules' terms.
    fn prepared(mut self) -> Result<Self, String> {
        // terms are matched against normal forms: normalise them once here
        for c in &mut self.clauses {
            for lists in [&mut c.headings, &mut c.strong, &mut c.medium, &mut c.weak] {
                for terms in lists.values_mut() {
                    for t in terms.iter_mut() {
                        let prefix = t.ends_with('*');
                        let n = normal_form(t.trim_end_matches('*'));
                        *t = Cow::Owned(if prefix { format!("{n}*") } else { n });
                    }
                    terms.retain(|t| !t.trim_end_matches('*').is_empty());
                }
            }
        }
        Ok(self)
    }

    /// Checks the schema and the clause ids.
    fn checked(self) -> Result<Self, String> {
        if self.schema != "policyc.rules/1" {
            return Err(format!(
                "unknown rules schema `{}` (expected policyc.rules/1)",
                self.schema
            ));
        }
        for c in &self.clauses {
            let ok =
                c.id.strip_prefix("8.")
                    .and_then(|n| n.parse::<u8>().ok())
                    .is_some_and(|n| (1..=9).contains(&n));
            if !ok {
                return Err(format!("clause id `{}` is not of the form 8.N", c.id));
            }
        }
        Ok(self)
    }

    /// The clause a fact path triggers (longest matching prefix).
    pub fn fact_clause(&self, path: &str) -> Option<String> {
        self.clauses
            .iter()
            .flat_map(|c| c.facts.iter().map(move |f| (f, &c.id)))
            .filter(|(f, _)| {
                path.strip_prefix(f.as_ref())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            })
            .max_by_key(|(f, _)| f.len())
            .map(|(_, id)| id.clone())
    }

    /// The clauses whose topic a section id is (versioned inputs).
    pub fn topics_by_id(&self, section: &str) -> BTreeSet<String> {
        self.clauses
            .iter()
            .filter(|c| c.sections.iter().any(|s| s == section))
            .map(|c| c.id.clone())
            .collect()
    }

    /// The clauses whose topic a passage is in: by section id, else by the words of its headings.
    pub fn topics(&self, section: &str, heading: &str, path: &[String], locale: &str) -> BTreeSet<String> {
        let by_id = self.topics_by_id(section);
        if !by_id.is_empty() {
            return by_id;
        }
        let text = format!(" {} ", normal_form(&format!("{heading} {}", path.join(" "))));
        self.clauses
            .iter()
            .filter(|c| {
                c.headings
                    .get(locale)
                    .or_else(|| c.headings.get("en"))
                    .is_some_and(|terms| terms.iter().any(|t| matches_padded(&text, t)))
            })
            .map(|c| c.id.clone())
            .collect()
    }

    /// The clause with `id`.
    pub fn clause(&self, id: &str) -> Option<&ClauseRule> {
        self.clauses.iter().find(|c| c.id == id)
    }
}

impl ClauseRule {
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

    /// A short topic name for reasons.
    pub fn short(&self, locale: &str) -> String {
        let zh = locale.starts_with("zh");
        match self.id.as_str() {
            "8.1" if zh => "个人信息的收集和使用".into(),
            "8.1" => "collection and use".into(),
            "8.2" if zh => "控制权".into(),
            "8.2" => "control".into(),
            "8.3" if zh => "共享、转让和披露".into(),
            "8.3" => "sharing and disclosure".into(),
            "8.4" if zh => "您的权利".into(),
            "8.4" => "users' rights".into(),
            "8.5" if zh => "联系和投诉方式".into(),
            "8.5" => "contact and complaints".into(),
            _ => self.title(locale).to_string(),
        }
    }
}

/// A normal-form text prepared for many term look-ups: padded with spaces, its distinct words
/// sorted, and a bitmap of the words' first two bytes that rejects most absent terms at once.
pub struct Haystack {
    padded: String,
    /// The distinct words, sorted: each as its first eight bytes read as a big-endian number
    /// (zero-padded, which orders the numbers as the words) and its byte range in `padded`.
    /// Look-ups are binary searches that compare numbers, and bytes only past the eighth.
    words: Vec<(u64, usize, usize)>,
    /// One bit per [`pair_bit`] of each word.
    pairs: [u64; 16],
}

/// The bitmap bit of a word or word beginning: its first two bytes, hashed to 0..1024.
fn pair_bit(w: &[u8]) -> usize {
    let a = usize::from(w.first().copied().unwrap_or(0));
    let b = usize::from(w.get(1).copied().unwrap_or(0));
    (a * 31 + b) % 1024
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
        let mut words: Vec<(u64, usize, usize)> = Vec::new();
        let mut start = 1;
        for (i, &c) in b.iter().enumerate().skip(1) {
            if c == b' ' {
                if i > start {
                    words.push((key(&b[start..i]), start, i));
                }
                start = i + 1;
            }
        }
        words.sort_unstable_by(|x, y| x.0.cmp(&y.0).then_with(|| b[x.1..x.2].cmp(&b[y.1..y.2])));
        words.dedup_by(|x, y| b[x.1..x.2] == b[y.1..y.2]);
        let mut pairs = [0u64; 16];
        for w in &words {
            let bit = pair_bit(&b[w.1..w.2]);
            pairs[bit / 64] |= 1 << (bit % 64);
        }
        Haystack { padded, words, pairs }
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
        }
        matches_padded(&self.padded, term)
    }
}

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
        let before_ok = padded[..start].ends_with(' ');
        let after_ok = prefix || padded[end..].starts_with(' ');
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

    #[test]
    fn builtin_rules_parse_and_their_fingerprint_is_the_hash_of_their_text() {
        let rules = RuleSet::parse(BUILTIN).expect("built-in rules parse");
        assert_eq!(rules.fingerprint, crate::output::sha256_hex(BUILTIN.as_bytes()));
        assert_eq!(RuleSet::builtin().fingerprint, rules.fingerprint);
        assert!(!rules.clauses.is_empty());
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
    fn builtin_terms_are_normalised_like_a_rules_file() {
        let built = RuleSet::builtin();
        let parsed = RuleSet::parse(BUILTIN).unwrap();
        for (a, b) in built.clauses.iter().zip(&parsed.clauses) {
            assert_eq!(a.strong, b.strong);
            assert_eq!(a.medium, b.medium);
            assert_eq!(a.weak, b.weak);
            assert_eq!(a.headings, b.headings);
        }
    }

    #[test]
    fn builtin_rules_parse_and_match() {
        let r = RuleSet::builtin();
        assert_eq!(r.clauses.len(), 6);
        assert_eq!(r.fact_clause("controller.name").as_deref(), Some("8.2"));
        assert_eq!(r.fact_clause("controller.address").as_deref(), Some("8.5"));
        assert_eq!(r.fact_clause("sdks.firebase").as_deref(), Some("8.3"));
        assert!(matches("we share data with third parties", "third part*"));
        assert!(!matches("we shared", "share"));
        assert!(matches("we shared", "shar*"));
        assert!(matches("我们会与第三方共享", "第三方"));
        assert!(r.topics("x", "How we share your data", &[], "en").contains("8.3"));
    }
}
