//! `output/data/consent.json` (schema `policyc.consent/1`), pure: for app teams, whether users must
//! give express consent again (§VIII: a change that limits their rights).
//!
//! 1. [`PairConsent::of`] takes, from one comparison of two consecutive published versions, the
//!    classifier's consent reasons (each [`Reason::LimitsRights`], with its clause and section),
//!    their text in every locale; the site keeps it with the redline it made it for;
//! 2. [`document`] lists each published version with the consent its change from its predecessor
//!    needs, and, for a user who accepted any earlier version, whether they must consent again to
//!    the version in force and why: every consent reason of the versions between, cumulated.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Report;
use crate::classify::Reason;
use crate::date::Date;
use crate::ids::VersionId;
use crate::timeline::{Standing, Timeline};

/// The schema name.
pub const SCHEMA: &str = "policyc.consent/1";

/// What the change between two consecutive published versions needs consent for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairConsent {
    /// A change limits users' rights.
    pub requires_consent: bool,
    /// Why: each change that limits them.
    pub reasons: Vec<ConsentReason>,
}

/// One change that limits users' rights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentReason {
    /// The reason's kind (`limits-rights-fee-added` …), as in `policyc.diff/1`'s `evidence`.
    pub kind: String,
    /// The §VIII clause it is listed under, when one.
    pub clause: Option<String>,
    /// The section that makes the change.
    pub section: String,
    /// What it limits, in each locale of the policy.
    pub text: BTreeMap<String, String>,
}

impl PairConsent {
    /// The consent reasons of a comparison's report; `locales` are the policy's locale tags.
    pub fn of(report: &Report, locales: &[String]) -> Self {
        let mut reasons: Vec<ConsentReason> = Vec::new();
        for (change, verdict) in report.items().filter(|(_, v)| v.requires_consent) {
            for e in &verdict.reasons {
                if !matches!(e.reason, Reason::LimitsRights(_)) {
                    continue;
                }
                let reason = ConsentReason {
                    kind: e.reason.kind().to_string(),
                    clause: e
                        .clause
                        .and_then(|role| report.rules.id_of(role))
                        .map(str::to_string),
                    section: change.section.clone(),
                    text: locales
                        .iter()
                        .map(|l| (l.clone(), super::reasons::text(&e.reason, l)))
                        .collect(),
                };
                if !reasons.contains(&reason) {
                    reasons.push(reason);
                }
            }
        }
        PairConsent {
            requires_consent: report.assessment.requires_consent,
            reasons,
        }
    }
}

/// A published version as `consent.json` lists it.
#[derive(Debug, Clone)]
pub struct Published<'a> {
    /// Its id.
    pub id: &'a VersionId,
    /// Its effective date.
    pub effective: Date,
    /// What its change from the published version before it needs (`None`: the first one).
    pub consent: Option<&'a PairConsent>,
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    as_of: Date,
    in_force: Option<&'a VersionId>,
    versions: Vec<VersionEntry<'a>>,
    accepted: Vec<AcceptedEntry<'a>>,
}

#[derive(Serialize)]
struct VersionEntry<'a> {
    version: &'a VersionId,
    effective: Date,
    status: &'static str,
    previous: Option<&'a VersionId>,
    requires_consent: bool,
    reasons: &'a [ConsentReason],
}

/// A user who accepted `version`: must they consent again to the version in force?
#[derive(Serialize)]
struct AcceptedEntry<'a> {
    version: &'a VersionId,
    must_consent: bool,
    /// Each later version up to the one in force whose change needs consent, with why.
    because: Vec<Because<'a>>,
}

#[derive(Serialize)]
struct Because<'a> {
    version: &'a VersionId,
    reasons: &'a [ConsentReason],
}

/// The `policyc.consent/1` document of `published` (oldest first) seen on `timeline`'s date.
pub fn document<'a>(published: &[Published<'a>], timeline: &'a Timeline) -> Vec<u8> {
    let in_force = timeline.in_force();
    let versions = published
        .iter()
        .enumerate()
        .map(|(i, v)| VersionEntry {
            version: v.id,
            effective: v.effective,
            status: timeline.standing(v.id).map_or("superseded", Standing::as_str),
            previous: i.checked_sub(1).map(|p| published[p].id),
            requires_consent: v.consent.is_some_and(|c| c.requires_consent),
            reasons: v.consent.map_or(&[], |c| &c.reasons),
        })
        .collect();
    // a user who accepted a version before the one in force is asked again when any change since
    // needs consent
    let accepted = match published.iter().position(|v| Some(v.id) == in_force) {
        None => Vec::new(),
        Some(end) => (0..=end)
            .map(|start| {
                let because: Vec<Because> = published[start + 1..=end]
                    .iter()
                    .filter_map(|v| {
                        let c = v.consent.filter(|c| c.requires_consent)?;
                        Some(Because {
                            version: v.id,
                            reasons: &c.reasons,
                        })
                    })
                    .collect();
                AcceptedEntry {
                    version: published[start].id,
                    must_consent: !because.is_empty(),
                    because,
                }
            })
            .collect(),
    };
    let doc = Document {
        schema: SCHEMA,
        as_of: timeline.as_of(),
        in_force,
        versions,
        accepted,
    };
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("JSON serialises");
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Status;

    fn reason(kind: &str) -> ConsentReason {
        ConsentReason {
            kind: kind.into(),
            clause: Some("8.4".into()),
            section: "your-rights".into(),
            text: BTreeMap::from([("en".into(), format!("{kind} text"))]),
        }
    }

    #[test]
    fn a_user_behind_a_change_that_needs_consent_is_asked_again() {
        let ids = ["2024-01-01", "2025-01-01", "2026-01-01"];
        let vids: Vec<VersionId> = ids.iter().map(|i| VersionId::parse(i).unwrap()).collect();
        let dates: Vec<Date> = ids.iter().map(|i| Date::parse(i).unwrap()).collect();
        let timeline = Timeline::from_dates(
            vids.iter().zip(&dates).map(|(i, d)| (i, *d, Status::Published)),
            &std::collections::BTreeSet::new(),
            Date::parse("2026-06-01").unwrap(),
        );
        let fee = PairConsent {
            requires_consent: true,
            reasons: vec![reason("limits-rights-fee-added")],
        };
        let none = PairConsent::default();
        let published: Vec<Published> = [None, Some(&fee), Some(&none)]
            .into_iter()
            .zip(vids.iter().zip(&dates))
            .map(|(consent, (id, effective))| Published {
                id,
                effective: *effective,
                consent,
            })
            .collect();
        let doc: serde_json::Value = serde_json::from_slice(&document(&published, &timeline)).unwrap();
        assert_eq!(doc["in_force"], "2026-01-01");
        let accepted = doc["accepted"].as_array().unwrap();
        assert_eq!(accepted.len(), 3);
        assert_eq!(accepted[0]["version"], "2024-01-01");
        assert_eq!(accepted[0]["must_consent"], true);
        assert_eq!(accepted[0]["because"][0]["version"], "2025-01-01");
        assert_eq!(
            accepted[1]["must_consent"], false,
            "the fee came with the version they accepted"
        );
        assert_eq!(accepted[2]["must_consent"], false);
        assert_eq!(doc["versions"][1]["requires_consent"], true);
        assert_eq!(doc["versions"][2]["status"], "in_force");
    }
}
