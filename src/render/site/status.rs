//! Where each published version stands on the build's as-of date ([`crate::timeline`]), and the
//! banner its pages carry: an upcoming version says when it takes effect; a superseded one links
//! to the version in force and to the redline to its successor; the version the current pages show
//! announces the next upcoming version, linking to the redline that leads to it.
//!
//! A page depends on its [`PageStatus`], never on the as-of date itself: units fingerprint the
//! status, so a build on another day remakes only the pages whose status changed.

use serde::Serialize;

use crate::config::Status;
use crate::date::Date;
use crate::ids::{Locale, VersionId};
use crate::model::Version;
use crate::render::views::{Announcement, Banner};
use crate::timeline::Standing;

use super::Site;

/// What a version's pages say about where it stands, besides its own sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct PageStatus {
    /// `None`: a draft.
    standing: Option<Standing>,
    /// The current pages show this version.
    pub(super) current: bool,
    /// A version is in force (the current pages show it).
    in_force: bool,
    /// The next published version, for a superseded one (its banner links the redline to it).
    successor: Option<VersionId>,
    /// The upcoming version the current version's pages announce.
    announced: Option<Announced>,
}

/// An upcoming version, announced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Announced {
    /// When it takes effect.
    effective: Date,
    /// It and the published version before it: the redline between them.
    redline: Option<(VersionId, VersionId)>,
}

impl Site<'_> {
    /// The status of `version`'s pages on the build's date.
    pub(super) fn page_status(&self, version: &Version) -> PageStatus {
        let id = &version.meta.id;
        let t = &self.timeline;
        let standing = (version.meta.status == Status::Published)
            .then(|| t.standing(id))
            .flatten();
        let current = standing.is_some() && t.current() == Some(id);
        let successor = (standing == Some(Standing::Superseded))
            .then(|| self.successor(version).map(|v| v.meta.id.clone()))
            .flatten();
        let announced = t
            .announced()
            .filter(|_| current)
            .and_then(|a| self.content.versions.get(a))
            .map(|a| Announced {
                effective: a.meta.effective,
                redline: self
                    .predecessor(a)
                    .map(|p| (p.meta.id.clone(), a.meta.id.clone())),
            });
        PageStatus {
            standing,
            current,
            in_force: t.in_force().is_some(),
            successor,
            announced,
        }
    }

    /// The banner of a page with `status` of `version` in folder `dir` of `locale`.
    pub(super) fn banner(
        &self,
        status: &PageStatus,
        version: &Version,
        dir: &str,
        locale: &Locale,
    ) -> Banner {
        let dates = &self.kit(locale).dates;
        let changes = |old: &VersionId, new: &VersionId| {
            super::pages::in_locale(dir, locale, &format!("changes/{old}..{new}.html"))
        };
        let in_force_href =
            (status.in_force && !status.current).then(|| super::pages::in_locale(dir, locale, "index.html"));
        Banner {
            standing: status.standing.map(Standing::as_str),
            superseded: status.standing == Some(Standing::Superseded),
            takes_effect: (status.standing == Some(Standing::Upcoming))
                .then(|| dates.format(version.meta.effective)),
            in_force_href,
            next_changes_href: status
                .successor
                .as_ref()
                .map(|next| changes(&version.meta.id, next)),
            announced: status.announced.as_ref().map(|a| Announcement {
                date: dates.format(a.effective),
                date_iso: a.effective.to_string(),
                changes_href: a.redline.as_ref().map(|(old, new)| changes(old, new)),
            }),
        }
    }

    /// The published version after `version`, when `version` is published and has one.
    fn successor(&self, version: &Version) -> Option<&Version> {
        self.content
            .versions
            .range(&version.meta.id..)
            .map(|(_, v)| v)
            .filter(|v| v.meta.id != version.meta.id)
            .find(|v| v.meta.status == Status::Published)
    }
}
