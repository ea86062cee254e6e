//! Which published version is in force on a date, pure: the as-of date of a build or of `policyc
//! show` against the versions' effective dates.
//!
//! The version in force on a date is the published version with the latest effective date on or
//! before it (the highest id among equal dates); drafts never are. A published version whose
//! effective date is later is *upcoming*; any other published version is *superseded*. The
//! version a locale's current page (`<locale>/index.html`) shows is the one in force, or, when none
//! is in force yet, the earliest upcoming one.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Status;
use crate::date::Date;
use crate::ids::VersionId;
use crate::model::Content;

/// Where a published version stands on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The version in force.
    InForce,
    /// Takes effect after the as-of date.
    Upcoming,
    /// Took effect on or before the as-of date, but another version took effect later.
    Superseded,
    /// Published by mistake and withdrawn (`policyc withdraw`): never in force nor upcoming,
    /// whatever its effective date.
    Withdrawn,
}

impl Standing {
    /// The stable name (JSON values, the archive's `status_<name>` UI messages).
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::InForce => "in_force",
            Standing::Upcoming => "upcoming",
            Standing::Superseded => "superseded",
            Standing::Withdrawn => "withdrawn",
        }
    }
}

/// The published versions of a content folder seen from one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    as_of: Date,
    /// Every published version's standing, by id.
    standings: BTreeMap<VersionId, (Standing, Date)>,
    in_force: Option<VersionId>,
    /// Upcoming versions, earliest effective date first (then by id).
    upcoming: Vec<VersionId>,
}

impl Timeline {
    /// The published versions of `content` on `as_of` (withdrawn ones as its lock records them).
    pub fn of(content: &Content, as_of: Date) -> Self {
        let withdrawn: BTreeSet<&VersionId> = content
            .versions
            .keys()
            .filter(|id| content.lock.as_ref().is_some_and(|l| l.withdrawal(id).is_some()))
            .collect();
        Self::from_dates(
            content
                .versions
                .values()
                .map(|v| (&v.meta.id, v.meta.effective, v.meta.status)),
            &withdrawn,
            as_of,
        )
    }

    /// From each version's id, effective date and status, and the ids of the withdrawn ones.
    pub fn from_dates<'v>(
        versions: impl IntoIterator<Item = (&'v VersionId, Date, Status)>,
        withdrawn: &BTreeSet<&VersionId>,
        as_of: Date,
    ) -> Self {
        let all: Vec<(&VersionId, Date)> = versions
            .into_iter()
            .filter(|(_, _, status)| *status == Status::Published)
            .map(|(id, effective, _)| (id, effective))
            .collect();
        let published: Vec<(&VersionId, Date)> = all
            .iter()
            .copied()
            .filter(|(id, _)| !withdrawn.contains(id))
            .collect();
        let in_force = published
            .iter()
            .filter(|(_, effective)| *effective <= as_of)
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)))
            .map(|(id, _)| (*id).clone());
        let mut upcoming: Vec<(Date, &VersionId)> = published
            .iter()
            .filter(|(_, effective)| *effective > as_of)
            .map(|(id, effective)| (*effective, *id))
            .collect();
        upcoming.sort();
        let standings = all
            .iter()
            .map(|(id, effective)| {
                let standing = if withdrawn.contains(id) {
                    Standing::Withdrawn
                } else if Some(*id) == in_force.as_ref() {
                    Standing::InForce
                } else if *effective > as_of {
                    Standing::Upcoming
                } else {
                    Standing::Superseded
                };
                ((*id).clone(), (standing, *effective))
            })
            .collect();
        Timeline {
            as_of,
            standings,
            in_force,
            upcoming: upcoming.into_iter().map(|(_, id)| id.clone()).collect(),
        }
    }

    /// The date the timeline is seen from.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The version in force, if any has taken effect.
    pub fn in_force(&self) -> Option<&VersionId> {
        self.in_force.as_ref()
    }

    /// The upcoming versions, the earliest to take effect first.
    pub fn upcoming(&self) -> &[VersionId] {
        &self.upcoming
    }

    /// The version the current pages show: the one in force, else the earliest upcoming one.
    pub fn current(&self) -> Option<&VersionId> {
        self.in_force.as_ref().or_else(|| self.upcoming.first())
    }

    /// The upcoming version the current pages announce: the earliest one after the version they
    /// show.
    pub fn announced(&self) -> Option<&VersionId> {
        let current = self.current();
        self.upcoming.iter().find(|id| Some(*id) != current)
    }

    /// Where published version `id` stands (`None`: not a published version).
    pub fn standing(&self, id: &VersionId) -> Option<Standing> {
        self.standings.get(id).map(|(s, _)| *s)
    }

    /// Every published version with its standing and effective date, by id.
    pub fn versions(&self) -> impl DoubleEndedIterator<Item = (&VersionId, Standing, Date)> {
        self.standings.iter().map(|(id, (s, d))| (id, *s, *d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(versions: &[(&str, &str, Status)], date: &str) -> Timeline {
        let ids: Vec<(VersionId, Date, Status)> = versions
            .iter()
            .map(|(id, effective, status)| {
                (
                    VersionId::parse(id).unwrap(),
                    Date::parse(effective).unwrap(),
                    *status,
                )
            })
            .collect();
        Timeline::from_dates(
            ids.iter().map(|(i, d, s)| (i, *d, *s)),
            &BTreeSet::new(),
            Date::parse(date).unwrap(),
        )
    }

    fn id(s: &str) -> VersionId {
        VersionId::parse(s).unwrap()
    }

    #[test]
    fn the_latest_effective_date_on_or_before_the_day_is_in_force() {
        let v = [
            ("2022-10-19", "2022-08-15", Status::Published),
            ("2026-12-01", "2027-01-05", Status::Published),
            ("2027-02-01", "2027-02-01", Status::Draft),
        ];
        let before = on(&v, "2027-01-04");
        assert_eq!(before.in_force(), Some(&id("2022-10-19")));
        assert_eq!(before.upcoming(), &[id("2026-12-01")]);
        assert_eq!(before.current(), Some(&id("2022-10-19")));
        assert_eq!(before.announced(), Some(&id("2026-12-01")));
        assert_eq!(before.standing(&id("2026-12-01")), Some(Standing::Upcoming));
        assert_eq!(before.standing(&id("2027-02-01")), None, "drafts never stand");
        let on_the_day = on(&v, "2027-01-05");
        assert_eq!(on_the_day.in_force(), Some(&id("2026-12-01")));
        assert_eq!(on_the_day.standing(&id("2022-10-19")), Some(Standing::Superseded));
        assert_eq!(on_the_day.announced(), None);
        // a draft is never in force, whatever its effective date
        assert_eq!(on(&v, "2030-01-01").in_force(), Some(&id("2026-12-01")));
    }

    #[test]
    fn before_any_effective_date_the_earliest_upcoming_is_shown() {
        let v = [
            ("2026-12-01", "2027-01-05", Status::Published),
            ("2026-12-20", "2027-03-01", Status::Published),
        ];
        let t = on(&v, "2026-12-25");
        assert_eq!(t.in_force(), None);
        assert_eq!(t.current(), Some(&id("2026-12-01")));
        assert_eq!(t.announced(), Some(&id("2026-12-20")));
    }

    #[test]
    fn an_earlier_effective_date_under_a_later_id_wins_by_date() {
        let v = [
            ("2026-01-01", "2026-03-01", Status::Published),
            ("2026-02-01", "2026-02-01", Status::Published),
        ];
        let t = on(&v, "2026-02-15");
        assert_eq!(t.in_force(), Some(&id("2026-02-01")));
        assert_eq!(t.standing(&id("2026-01-01")), Some(Standing::Upcoming));
    }
}
