//! The redlines between consecutive published versions (`<locale>/changes/<old>..<new>.html`, the
//! notice on top) and the change summaries that the archive and the feed show. The comparison
//! itself is [`crate::compare`]'s; this only presents it.

use crate::error::{Diagnostic, Result};
use crate::ids::Locale;
use crate::model::Version;
use crate::output::Artifact;
use crate::render::templates::Messages;
use crate::render::views::Alternate;
use crate::report::consent::PairConsent;

use super::{Site, UnitSummary, relative};

/// The changes between two consecutive published versions in one locale.
pub(super) struct PairChanges {
    pub(super) old: String,
    pub(super) new: String,
    /// Titles of the clauses triggered.
    pub(super) clauses: Vec<String>,
    /// What users must consent to again (found by the default locale's redline).
    pub(super) consent: Option<PairConsent>,
}

impl PairChanges {
    /// From `old` to `new`, as the redline's `summary` says.
    pub(super) fn new(old: &Version, new: &Version, summary: UnitSummary) -> Self {
        PairChanges {
            old: old.meta.id.to_string(),
            new: new.meta.id.to_string(),
            clauses: summary.clauses,
            consent: summary.consent,
        }
    }
}

/// "Material changes: …", "No material change" or "First published version", the clauses joined
/// with the locale's own list separator (`; `, `；`).
pub(super) fn summary_of(changes: &[PairChanges], id: &str, msg: &Messages) -> String {
    let m = |k: &str| msg.get(k).cloned().unwrap_or_default();
    match changes.iter().find(|c| c.new == id) {
        None => m("versions_first"),
        Some(c) if c.clauses.is_empty() => m("versions_no_material"),
        Some(c) => format!(
            "{}{}{}",
            m("versions_summary"),
            m("colon"),
            c.clauses.join(&m("list_separator"))
        ),
    }
}

/// What `changes.html` sees.
#[derive(serde::Serialize)]
struct ChangesView<'a> {
    #[serde(flatten)]
    diff: crate::report::html::DiffView<'a>,
    product: &'a str,
    canonical: String,
    alternates: Vec<Alternate>,
    links: ChangesLinks,
    /// The two versions' dates, shown beside their ids.
    old_dates: crate::render::views::Dates,
    new_dates: crate::render::views::Dates,
    notice: crate::report::notice::NoticeView,
}

#[derive(serde::Serialize)]
struct ChangesLinks {
    home: String,
    /// The current policy in the page's locale (where the masthead leads).
    policy: String,
    versions: String,
    old: String,
    new: String,
}

/// Published versions `a` and `b` of `content` compared in `locale` alone.
fn compare_in<'r>(
    content: &crate::model::Content,
    cache: &super::cache::Cache,
    rules: &'r crate::classify::RuleSet,
    locale: &Locale,
    a: &Version,
    b: &Version,
) -> std::result::Result<crate::compare::Comparison<'r>, String> {
    let side = |v| crate::diff::input::Side {
        facts: Some(cache.facts_tree(v)),
        ..crate::diff::input::Side::of(content, v, locale)
    };
    crate::compare::versions_in(side(a), side(b), rules)
}

impl Site<'_> {
    /// The redline page from published version `a` to `b` in `locale`, and its summary: the
    /// titles of the clauses the change triggers, and in the default locale what users must
    /// consent to again.
    pub(super) fn redline<'v>(
        &self,
        locale: &'v Locale,
        a: &'v Version,
        b: &'v Version,
    ) -> Result<(Artifact, UnitSummary)> {
        let base = &self.content.config.base_url;
        let kit = self.kit(locale);
        let (ai, bi) = (a.meta.id.as_str(), b.meta.id.as_str());
        // one verdict per pair: this locale's comparison carries what the others' texts change.
        // Each locale's comparison is made once: by its own redline, or by the first redline of
        // the pair that needs its findings, which leaves it for its own redline to take.
        let key = |l: &Locale| format!("{ai}..{bi}@{l}");
        let compare_in = |l: &Locale| compare_in(self.content, &self.cache, self.rules, l, a, b);
        let taken = crate::parallel::lock(&self.pending).remove(&key(locale));
        let mut comparison = match taken {
            Some(parts) => crate::compare::Comparison::from_parts(parts, self.rules),
            None => compare_in(locale).map_err(|m| Diagnostic::file_error(&b.dir, m))?,
        };
        self.cache.keep_findings(&key(locale), comparison.findings());
        let others: Vec<crate::compare::LocaleFindings> = self
            .content
            .config
            .locales
            .iter()
            .filter(|l| *l != locale)
            .filter_map(|l| {
                self.cache
                    .findings(&key(l), || {
                        let c = compare_in(l).ok()?;
                        let f = c.findings();
                        crate::parallel::lock(&self.pending).insert(key(l), c.into_parts());
                        Some(f)
                    })
                    .map(|f| (*f).clone())
            })
            .collect();
        comparison.carry(&others);
        let assessment = comparison.assessment();
        let report = comparison.report();
        let file = format!("{ai}..{bi}.html");
        let dir = format!("{locale}/changes/");
        let url = format!("{base}{dir}{file}");
        let notice = crate::report::notice::view(
            &report,
            &kit.messages,
            &self.content.config.product,
            ai,
            bi,
            kit.dates.format(b.meta.effective),
            url.clone(),
        );
        let alternates = self.alternates(locale, &dir, |l| {
            (format!("{l}/changes/{file}"), format!("{l}/changes/{file}"))
        });
        let view = ChangesView {
            diff: crate::report::html::view(&report, kit.messages.clone()).for_public(),
            product: &self.content.config.product,
            canonical: url,
            alternates,
            links: ChangesLinks {
                home: relative(&dir, "index.html"),
                policy: "../index.html".into(),
                versions: "../versions.html".into(),
                old: format!("../{ai}/index.html"),
                new: format!("../{bi}/index.html"),
            },
            old_dates: self.dates(a, locale),
            new_dates: self.dates(b, locale),
            notice,
        };
        let page = Artifact::new(format!("{dir}{file}"), self.render("changes.html", &view)?);
        let clauses: Vec<String> = assessment
            .clauses
            .iter()
            .map(|c| {
                format!(
                    "{c} {}",
                    self.rules.clause(c).map_or("", |x| x.title(locale.as_str()))
                )
            })
            .collect();
        let consent = (*locale == self.content.config.default_locale)
            .then(|| PairConsent::of(&report, &self.content.locale_tags()));
        Ok((page, UnitSummary { clauses, consent }))
    }
}
