//! Fact references in prose (`{{ requests.response_days }}`) read as the values they show: a
//! reader of a version sees the value, and so does the classifier of a changed passage (a
//! reference replaced by a literal value, or the reverse, is compared on what it shows).

use serde_json::Value;

use super::DiffInput;
use crate::markdown::{Directive, scan_directives};

/// The text of the fact at `path` of `input` in `locale` (a locale's string of a text, a number, a
/// date), or `None` when unstated or not a single value.
fn fact_text(input: &DiffInput, path: &str) -> Option<String> {
    let tree = input.facts.as_deref()?;
    value_text(crate::facts::lookup(tree, path)?, &input.locale)
}

/// A value as text in `locale`: strings, numbers, booleans, and texts (tables of locales).
pub fn value_text(v: &Value, locale: &str) -> Option<String> {
    match v {
        Value::String(s) if s == crate::facts::NOT_STATED => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(m) if !m.is_empty() && m.values().all(Value::is_string) => m
            .get(locale)
            .or_else(|| m.values().next())
            .and_then(|s| value_text(s, locale)),
        _ => None,
    }
}

/// `text` with each fact reference (`{{ requests.complaint }}`) replaced by its value in `input`;
/// a reference without a single value, and a partial (`{{> sdk-table sdks }}`), stay as written.
pub fn expand(text: &str, input: &DiffInput) -> String {
    if input.facts.is_none() || !text.contains("{{") {
        return text.to_string();
    }
    let Ok(refs) = scan_directives(text) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, directive) in refs {
        if let Directive::Fact { path } = directive
            && let Some(v) = fact_text(input, &path)
        {
            out.push_str(&text[at..range.start]);
            out.push_str(&v);
            at = range.end;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Every value the facts of `input` state, one per line (texts in its locale): what a version
/// states includes its facts, shown in tables and contact blocks, not only its prose.
pub fn stated_values(input: &DiffInput) -> String {
    fn walk(v: &Value, locale: &str, out: &mut String) {
        if let Some(t) = value_text(v, locale) {
            out.push_str(&t);
            out.push('\n');
            return;
        }
        match v {
            Value::Object(m) => m.values().for_each(|x| walk(x, locale, out)),
            Value::Array(a) => a.iter().for_each(|x| walk(x, locale, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    if let Some(tree) = input.facts.as_deref() {
        walk(tree, &input.locale, &mut out);
    }
    out
}
