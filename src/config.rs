//! Settings files, parsed strictly: `policy.toml`, `version.toml`, and a section's front matter.
//! Unknown keys are errors naming the key, so a typo is never silently ignored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::{Date, Zone};
use crate::ids::{Locale, SectionId, VersionId};

/// `content/policy.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    /// The product the policy covers.
    pub product: String,
    /// The source locale translations are made from.
    #[serde(default = "default_locale")]
    pub default_locale: Locale,
    /// Every locale of the policy, in display order.
    pub locales: Vec<Locale>,
    /// Absolute URL the site is published under (ends with `/`).
    pub base_url: String,
    /// The sections every version must have, in order.
    pub sections: Vec<SectionId>,
    /// Days between the release of a material change and its effective date.
    #[serde(default = "default_notice_period")]
    pub notice_period_days: u32,
    /// The time zone whose calendar day is "today" for `release` and `withdraw`: an IANA name or a
    /// fixed offset (`+08:00`); UTC by default.
    #[serde(default = "Zone::utc")]
    pub time_zone: Zone,
    /// Raw inline HTML tags allowed in Markdown.
    #[serde(default)]
    pub allowed_inline_html: Vec<String>,
    /// Origins (`https://host`) remote images may come from; none by default, since pages make no
    /// network requests.
    #[serde(default)]
    pub image_origins: Vec<String>,
    /// Lint rule levels: rule id -> level.
    #[serde(default)]
    pub lint: BTreeMap<String, LintLevel>,
}

fn default_locale() -> Locale {
    Locale::parse("en").expect("`en` is a valid locale")
}

fn default_notice_period() -> u32 {
    30
}

/// A lint rule's level as `policy.toml` sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    /// Findings fail `check`.
    Error,
    /// Findings are reported.
    Warning,
    /// The rule does not run.
    Off,
}

/// Whether a version is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Work in progress: rendered only with `--drafts`.
    Draft,
    /// Released: rendered, archived forever.
    Published,
}

/// `versions/<id>/version.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VersionMeta {
    /// Must equal the folder name.
    pub id: VersionId,
    /// The date the version takes effect.
    pub effective: Date,
    /// The last-update date shown on the page.
    pub updated: Date,
    /// Draft or published.
    pub status: Status,
}

/// The TOML front matter of a section file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    /// The stable section id.
    pub id: SectionId,
    /// Position in the policy.
    pub order: u32,
    /// The label shown before the title (`I`, `一`).
    #[serde(default)]
    pub number: Option<String>,
    /// The section title; the preamble may have none.
    #[serde(default)]
    pub title: Option<String>,
    /// For a translated section: what it was translated from.
    #[serde(default)]
    pub translation: Option<TranslationRecord>,
}

/// `versions/<id>/translations.toml` (written by `policyc translated --fact`): for each translated
/// locale, by fact path (`sdks.glide.purpose`), the sha256 of the source-locale text its translation
/// was last reviewed against (`sha256:<hex>`).
pub type FactReviews = BTreeMap<Locale, BTreeMap<String, String>>;

/// What a translated section records about the source text it was last reviewed against.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationRecord {
    /// Hash of the whole source section (title and body).
    pub source: String,
    /// Short hashes of the source's paragraphs, to name the ones that changed.
    #[serde(default)]
    pub paragraphs: Vec<String>,
}
