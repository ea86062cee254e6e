//! Typed views: exactly what each template sees, borrowed from the model where possible.

use serde::Serialize;

use crate::render::templates::Messages;

/// A version's dates, formatted for the page locale and as ISO dates.
#[derive(Debug, Clone, Serialize)]
pub struct Dates {
    /// Effective date, long form (`August 15, 2022`).
    pub effective: String,
    /// Effective date, `YYYY-MM-DD`.
    pub effective_iso: String,
    /// Last-update date, long form.
    pub updated: String,
    /// Last-update date, `YYYY-MM-DD`.
    pub updated_iso: String,
}

/// A link to the same page in another locale.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// BCP 47 tag.
    pub lang: String,
    /// The language's name in itself (`简体中文`).
    pub name: String,
    /// Relative link from the current page.
    pub href: String,
    /// Absolute URL (for `hreflang`).
    pub url: String,
    /// `true` for the page's own locale.
    pub current: bool,
}

/// One entry of the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// Anchor.
    pub id: String,
    /// Text.
    pub text: String,
    /// 1 for a section, 2 for its `#` headings, and so on.
    pub level: u8,
    /// For a section: the same section in the other locales (language switch that keeps the place).
    pub alternates: Vec<LocaleLink>,
}

/// A link to the same place in another locale.
#[derive(Debug, Clone, Serialize)]
pub struct LocaleLink {
    /// BCP 47 tag.
    pub lang: String,
    /// The language's name in itself.
    pub name: String,
    /// Relative link with the anchor.
    pub href: String,
}

/// A section on the page.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// Section id (the anchor).
    pub id: String,
    /// Heading text, if any.
    pub heading: Option<String>,
    /// Body HTML (already safe).
    pub html: String,
}

/// Relative links from a page to its siblings.
#[derive(Debug, Clone, Serialize)]
pub struct PageLinks {
    /// The web page of this version.
    pub web: String,
    /// The print page of this version.
    pub print: String,
    /// The locale's archive.
    pub versions: String,
    /// The language chooser.
    pub home: String,
    /// The current policy in the page's locale (where the masthead leads).
    pub policy: String,
    /// The redline from the published version before this one, when there is one.
    pub changes: Option<String>,
    /// The published version before this one, when there is one.
    pub previous: Option<String>,
    /// The PDF of this version, when printed.
    pub pdf: Option<String>,
}

/// A policy page (web or print). Rendered with `sections` ([`SectionView`]s) and `msg` (the UI
/// messages) besides, converted once and shared by every page that shows them.
#[derive(Debug, Clone, Serialize)]
pub struct PageView<'a> {
    /// `web` or `print`.
    pub kind: &'static str,
    /// BCP 47 tag of the page.
    pub lang: &'a str,
    /// Product name.
    pub product: &'a str,
    /// Version id.
    pub version: &'a str,
    /// `true` for a draft.
    pub draft: bool,
    /// `true` when another version is in force and this one is not upcoming.
    pub superseded: bool,
    /// What the page's banner says about where the version stands.
    pub banner: Banner,
    /// Dates.
    pub dates: &'a Dates,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Links.
    pub links: PageLinks,
    /// The page in every locale.
    pub alternates: Vec<Alternate>,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// The sha256 of the sealed text the page shows (`published/<locale>.html`), for the footer.
    pub sealed_sha256: Option<String>,
    /// When the version was withdrawn (a long date in the page's locale).
    pub withdrawn: Option<Dated>,
}

/// A date as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Dated {
    /// Long form in the page's locale.
    pub date: String,
    /// `YYYY-MM-DD`.
    pub iso: String,
}

/// Where a page's version stands on the build's date, as its banner says (outside `<main>`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Banner {
    /// `in_force`, `upcoming` or `superseded` (`None`: a draft).
    pub standing: Option<&'static str>,
    /// A superseded version: the banner says it is archived.
    pub superseded: bool,
    /// An upcoming version: the day it takes effect, long form.
    pub takes_effect: Option<String>,
    /// The current page, showing the version in force, when this one is not it.
    pub in_force_href: Option<String>,
    /// A superseded version: the redline to the published version after it.
    pub next_changes_href: Option<String>,
    /// The current version: the upcoming version it announces.
    pub announced: Option<Announcement>,
}

/// An updated policy that takes effect later.
#[derive(Debug, Clone, Serialize)]
pub struct Announcement {
    /// The day it takes effect, long form.
    pub date: String,
    /// The same, `YYYY-MM-DD`.
    pub date_iso: String,
    /// The redline that leads to it.
    pub changes_href: Option<String>,
}

/// One row of the archive.
#[derive(Debug, Clone, Serialize)]
pub struct VersionRow {
    /// Version id.
    pub id: String,
    /// Dates.
    pub dates: Dates,
    /// Link to its page.
    pub href: String,
    /// Link to its print page.
    pub print_href: String,
    /// `true` for the version the current pages show.
    pub current: bool,
    /// `in_force`, `upcoming`, `superseded` or `withdrawn` (the archive's status column;
    /// `status_<status>` in the messages).
    pub status: &'static str,
    /// One line: the material changes from its predecessor.
    pub summary: String,
    /// The §VIII clauses its changes from its predecessor trigger (`8.5 …`), one line each.
    pub clauses: Vec<String>,
    /// `true` for the first published version (nothing to compare with).
    pub first: bool,
    /// Link to the redline from its predecessor.
    pub changes_href: Option<String>,
    /// Link to its PDF, when printed.
    pub pdf_href: Option<String>,
}

/// The archive page of a locale.
#[derive(Debug, Clone, Serialize)]
pub struct VersionsView<'a> {
    /// Page language.
    pub lang: &'a str,
    /// Product name.
    pub product: &'a str,
    /// Absolute canonical URL.
    pub canonical: String,
    /// The archive in every locale.
    pub alternates: Vec<Alternate>,
    /// Link to the current policy.
    pub current_href: String,
    /// Newest first.
    pub versions: Vec<VersionRow>,
    /// UI messages.
    pub msg: &'a Messages,
}

/// One language on the chooser.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    /// BCP 47 tag.
    pub lang: String,
    /// Name of the language in itself.
    pub name: String,
    /// The policy title in that language.
    pub title: String,
    /// Link to its current policy.
    pub href: String,
}

/// `output/index.html`.
#[derive(Debug, Clone, Serialize)]
pub struct IndexView<'a> {
    /// Page language (the default locale).
    pub lang: &'a str,
    /// Product name.
    pub product: &'a str,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Every locale.
    pub languages: Vec<LanguageLink>,
    /// UI messages of the default locale.
    pub msg: &'a Messages,
}
