//! Field-by-field comparison of two versions' typed facts, in one locale.

use serde_json::Value;

use crate::facts::{NOT_STATED, is_text};

/// What happened to a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    /// A list item (an SDK, a right …) or a value that was unstated.
    Added,
    /// A list item or a value now unstated.
    Removed,
    /// A value changed.
    Modified,
}

/// One fact change.
#[derive(Debug, Clone, PartialEq)]
pub struct FactChange {
    /// Dotted path (`sdks.firebase`, `contact.email`, `requests.response_days`).
    pub path: String,
    /// What happened.
    pub kind: FactKind,
    /// The old value (texts in the diff locale), if any.
    pub old: Option<Value>,
    /// The new value, if any.
    pub new: Option<Value>,
}

/// Compares two facts trees in `locale` (texts missing in it fall back to `fallback`).
pub fn diff_facts(
    old: &Value,
    new: &Value,
    locale: &str,
    fallback: &str,
    locales: &[String],
) -> Vec<FactChange> {
    let old = project(old, locale, fallback, locales);
    let new = project(new, locale, fallback, locales);
    let mut out = Vec::new();
    walk(&old, &new, String::new(), &mut out);
    out
}

/// Texts to their string in `locale`, "not_stated" to null.
fn project(v: &Value, locale: &str, fallback: &str, locales: &[String]) -> Value {
    match v {
        _ if is_text(v, locales) => v
            .get(locale)
            .or_else(|| v.get(fallback))
            .cloned()
            .unwrap_or(Value::Null),
        Value::String(s) if s == NOT_STATED => Value::Null,
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, c)| (k.clone(), project(c, locale, fallback, locales)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|c| project(c, locale, fallback, locales))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}.{b}")
    }
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id").and_then(Value::as_str)
}

fn walk(old: &Value, new: &Value, path: String, out: &mut Vec<FactChange>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                walk(
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    join(&path, k),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) if a.iter().chain(b).all(|x| id_of(x).is_some()) => {
            for item in a {
                let id = id_of(item).unwrap_or_default();
                match b.iter().find(|x| id_of(x) == Some(id)) {
                    Some(other) => walk(item, other, join(&path, id), out),
                    None => out.push(FactChange {
                        path: join(&path, id),
                        kind: FactKind::Removed,
                        old: Some(item.clone()),
                        new: None,
                    }),
                }
            }
            for item in b {
                let id = id_of(item).unwrap_or_default();
                if !a.iter().any(|x| id_of(x) == Some(id)) {
                    out.push(FactChange {
                        path: join(&path, id),
                        kind: FactKind::Added,
                        old: None,
                        new: Some(item.clone()),
                    });
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for item in a.iter().filter(|x| !b.contains(x)) {
                out.push(FactChange {
                    path: path.clone(),
                    kind: FactKind::Removed,
                    old: Some(item.clone()),
                    new: None,
                });
            }
            for item in b.iter().filter(|x| !a.contains(x)) {
                out.push(FactChange {
                    path: path.clone(),
                    kind: FactKind::Added,
                    old: None,
                    new: Some(item.clone()),
                });
            }
        }
        (Value::Null, n) => out.push(FactChange {
            path,
            kind: FactKind::Added,
            old: None,
            new: Some(n.clone()),
        }),
        (o, Value::Null) => out.push(FactChange {
            path,
            kind: FactKind::Removed,
            old: Some(o.clone()),
            new: None,
        }),
        (o, n) => out.push(FactChange {
            path,
            kind: FactKind::Modified,
            old: Some(o.clone()),
            new: Some(n.clone()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn by_id_and_by_field() {
        let locales = vec!["en".to_string(), "zh-CN".to_string()];
        let old = json!({"contact": {"email": "a@x.com"}, "sdks": [{"id": "g", "name": {"en": "G", "zh-CN": "G"}}]});
        let new = json!({"contact": {"email": "b@x.com"}, "sdks": [{"id": "g", "name": {"en": "G", "zh-CN": "G2"}}, {"id": "f", "name": {"en": "F"}}]});
        let en = diff_facts(&old, &new, "en", "en", &locales);
        assert_eq!(en.len(), 2, "{en:?}");
        assert_eq!(en[0].path, "contact.email");
        assert_eq!(en[1].path, "sdks.f");
        assert_eq!(en[1].kind, FactKind::Added);
        let zh = diff_facts(&old, &new, "zh-CN", "en", &locales);
        assert!(zh.iter().any(|c| c.path == "sdks.g.name"));
    }
}
