//! The material-change rules: §VIII clauses with their titles, fact paths, section topics and
//! lexicons. Built-in defaults are embedded; `content/rules.toml` replaces them.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::diff::text::normal_form;

/// The built-in rules (the sample policy's §VIII), as written.
pub const BUILTIN: &str = include_str!("rules.toml");

/// The same rules converted to JSON by the build script (parsed much faster).
const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rules.json"));

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
    pub title: BTreeMap<String, String>,
    /// Fact path prefixes.
    #[serde(default)]
    pub facts: Vec<String>,
    /// Section ids of its topic.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Heading words of its topic, per locale.
    #[serde(default)]
    pub headings: BTreeMap<String, Vec<String>>,
    /// Strong terms per locale.
    #[serde(default)]
    pub strong: BTreeMap<String, Vec<String>>,
    /// Medium (generic) terms per locale.
    #[serde(default)]
    pub medium: BTreeMap<String, Vec<String>>,
    /// Weak terms per locale.
    #[serde(default)]
    pub weak: BTreeMap<String, Vec<String>>,
}

impl RuleSet {
    /// The built-in rules.
    pub fn builtin() -> Self {
        // the build script has normalised the terms already
        let mut rules: RuleSet = serde_json::from_str(BUILTIN_JSON).expect("built-in rules parse");
        rules.fingerprint = crate::output::sha256_hex(BUILTIN_JSON.as_bytes());
        rules.checked().expect("built-in rules are valid")
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
                        *t = if prefix { format!("{n}*") } else { n };
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
            .filter(|(f, _)| path == f.as_str() || path.starts_with(&format!("{f}.")))
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
            .map_or("", String::as_str)
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

/// A normal-form text prepared for many term look-ups: padded with spaces, and its words sorted.
pub struct Haystack {
    padded: String,
    /// The distinct words, sorted: exact and prefix look-ups by binary search.
    words: Vec<String>,
}

impl Haystack {
    /// Prepares a normal-form text.
    pub fn new(normal: &str) -> Self {
        let mut words: Vec<String> = normal
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        words.sort_unstable();
        words.dedup();
        Haystack {
            padded: format!(" {normal} "),
            words,
        }
    }

    fn has_word(&self, w: &str) -> bool {
        self.words.binary_search_by(|x| x.as_str().cmp(w)).is_ok()
    }

    fn has_word_starting(&self, p: &str) -> bool {
        let i = self.words.partition_point(|x| x.as_str() < p);
        self.words.get(i).is_some_and(|w| w.starts_with(p))
    }

    /// Does it contain `term` (normalised; `*` = any word ending)?
    pub fn has(&self, term: &str) -> bool {
        let prefix = term.ends_with('*');
        let t = term.trim_end_matches('*');
        if t.is_empty() {
            return false;
        }
        if t.is_ascii() {
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

fn hits_in(hay: &Haystack, terms: Option<&Vec<String>>) -> Vec<String> {
    terms
        .map(|ts| ts.iter().filter(|t| hay.has(t)).cloned().collect())
        .unwrap_or_default()
}

fn hits(normal: &str, terms: Option<&Vec<String>>) -> Vec<String> {
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
