//! Changes of typed facts (`facts.toml`): the clause of the fact's path, its reason, the consent
//! rules of rights and requests, and prose that only shows a fact change (counted once, there).

use super::lexicon::excerpt;
use super::{
    Change, Consent, Evidence, FactList, Found, Kind, Reason, Role, RuleSet, Severity, Verdict, editorial,
};
use crate::diff::text::{changed_text, normal_form};
use crate::diff::{PolicyDiff, fact_text};

/// A prose change whose changed words repeat a fact change's text merely shows that fact: it takes
/// the fact's clauses instead of its own, so the change is counted once.
pub(super) fn reflect_facts(diff: &PolicyDiff, mut verdicts: Vec<Verdict>, rules: &RuleSet) -> Vec<Verdict> {
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

pub(super) fn fact_verdict(
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
    use crate::diff::facts::{FactChange, FactKind};

    fn change(
        path: &str,
        kind: FactKind,
        old: Option<serde_json::Value>,
        new: Option<serde_json::Value>,
    ) -> FactChange {
        FactChange {
            path: path.into(),
            kind,
            old,
            new,
        }
    }

    #[test]
    fn list_items_and_values_become_their_reasons() {
        let sdk =
            serde_json::json!({"name": "Glide", "package": "com.bumptech.glide", "purpose": "loads images"});
        assert_eq!(
            fact_reason(&change("sdks.glide", FactKind::Added, None, Some(sdk))),
            Reason::FactItemAdded {
                list: FactList::Sdk,
                description: "Glide (com.bumptech.glide) — loads images".into()
            }
        );
        assert_eq!(
            fact_reason(&change(
                "contact.email",
                FactKind::Modified,
                Some("a@x.com".into()),
                Some("b@x.com".into())
            )),
            Reason::FactValue {
                path: "contact.email".into(),
                old: Some("a@x.com".into()),
                new: Some("b@x.com".into())
            }
        );
    }
}
