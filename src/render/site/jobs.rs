//! The site's scheduler: which units of work the site is made of, the fingerprint of each unit's
//! inputs, and the jobs that run them on every core.
//!
//! A unit is a version's pages in one locale (with the current copy for the version in force), one
//! redline in one locale, or one version's facts data. Its fingerprint covers everything it is made
//! from; when the [`Sink`] still holds what an earlier build made from the same fingerprint, the
//! unit is kept, else it is rendered and handed over. Jobs are the redlines first (the longest, a
//! few consecutive pairs each), then one job per version; results come back in job order, so the
//! output does not depend on scheduling.

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::config::Status;
use crate::error::Result;
use crate::fingerprint::{Fingerprint, Hasher};
use crate::ids::VersionId;
use crate::model::Version;
use crate::output::Artifact;
use crate::report::consent::PairConsent;

use super::Site;
use super::changes::PairChanges;

/// Where the rendered files go, and what an earlier build left that can be kept. The site is made
/// of units of work (a version's pages in one locale, one redline, one facts file), each with a
/// fingerprint of its inputs; a few pages that sum up the others (archives, feeds, the language
/// chooser) are always made anew.
pub trait Sink: Sync {
    /// Takes one file that belongs to no unit.
    fn put(&self, file: Artifact) -> Result<()>;
    /// Takes the files of the unit made from inputs with `fingerprint`, with its summary (what a
    /// redline found, or nothing).
    fn unit(&self, fingerprint: &Fingerprint, files: Vec<Artifact>, summary: UnitSummary) -> Result<()>;
    /// When an earlier build made a unit from the same inputs and its files are intact: keeps them
    /// and returns the unit's summary. `None`: the unit is rendered.
    fn reuse(&self, _fingerprint: &Fingerprint) -> Result<Option<UnitSummary>> {
        Ok(None)
    }
}

/// What a unit found that pages summing up the others show (the archive, the feed,
/// `consent.json`), kept with the unit so a kept unit need not be made again to know it. Empty
/// for every unit but a redline.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UnitSummary {
    /// The clauses a redline's change triggers (`8.5 <title>`).
    pub clauses: Vec<String>,
    /// What users must consent to again for the change (the default locale's redline only).
    pub consent: Option<PairConsent>,
}

/// A sink that keeps every file in memory (for `serve` and tests).
#[derive(Default)]
pub struct Collect(Mutex<Vec<Artifact>>);

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<Artifact> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, file: Artifact) -> Result<()> {
        crate::parallel::lock(&self.0).push(file);
        Ok(())
    }

    fn unit(&self, _: &Fingerprint, files: Vec<Artifact>, _: UnitSummary) -> Result<()> {
        crate::parallel::lock(&self.0).extend(files);
        Ok(())
    }
}

/// How many consecutive redlines one job makes.
const PAIRS_PER_JOB: usize = 8;

/// A job for one worker.
enum Job<'c> {
    /// Redlines `pairs` (indices into the published versions: pair k is k -> k+1), all locales.
    Changes(std::ops::Range<usize>),
    /// Every page of one version, all locales.
    Pages(&'c Version),
}

/// Runs every unit of `site` (drafts too with `drafts`) into `sink`, on every core, calling
/// `progress(done, total)` after each job. Returns, for each locale of the site in order, the
/// changes between consecutive published versions, in version order.
pub(super) fn run(
    site: &Site,
    drafts: bool,
    sink: &dyn Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Vec<PairChanges>>> {
    let content = site.content;
    let versions: Vec<&Version> = content.versions.values().collect();
    let fingerprints: BTreeMap<&VersionId, Fingerprint> = versions
        .iter()
        .map(|v| (&v.meta.id, version_fingerprint(v)))
        .collect();
    let published: Vec<&Version> = versions
        .iter()
        .copied()
        .filter(|v| v.meta.status == Status::Published)
        .collect();
    // the redlines first: they are the longest jobs
    let pairs = published.len().saturating_sub(1);
    let mut jobs: Vec<Job> = (0..pairs)
        .step_by(PAIRS_PER_JOB)
        .map(|start| Job::Changes(start..(start + PAIRS_PER_JOB).min(pairs)))
        .collect();
    jobs.extend(
        versions
            .iter()
            .filter(|v| drafts || v.meta.status == Status::Published)
            .map(|v| Job::Pages(v)),
    );
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results = crate::parallel::try_map(&jobs, |job| {
        let r = match job {
            Job::Changes(pairs) => site.changes_units(&published, pairs.clone(), &fingerprints, sink),
            Job::Pages(version) => site
                .version_units(version, &fingerprints[&version.meta.id], sink)
                .map(|()| Vec::new()),
        };
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(n, jobs.len());
        r
    })?;
    let mut changes: Vec<Vec<PairChanges>> = content.config.locales.iter().map(|_| Vec::new()).collect();
    for (locale, pair) in results.into_iter().flatten() {
        changes[locale].push(pair);
    }
    Ok(changes)
}

/// The fingerprint of a version's source files.
fn version_fingerprint(version: &Version) -> Fingerprint {
    version
        .source_hashes
        .iter()
        .fold(Hasher::new("version"), |h, (rel, sha)| h.part(rel).part(sha))
        .finish()
}

impl Site<'_> {
    /// Every page of `version` in every locale, and its facts data when published: each a unit.
    fn version_units(&self, version: &Version, fingerprint: &Fingerprint, sink: &dyn Sink) -> Result<()> {
        let id = &version.meta.id;
        let published = version.meta.status == Status::Published;
        // where the version stands on the build's date, not the date itself
        let status = self.page_status(version);
        let status_key = serde_json::to_string(&status).expect("a status serialises");
        // its pages link to the redline from the published version before it
        let predecessor = self.predecessor(version).map_or("", |v| v.meta.id.as_str());
        let mut tree = None;
        for locale in &self.content.config.locales {
            let dir = if published {
                format!("{locale}/{id}/")
            } else {
                format!("drafts/{locale}/{id}/")
            };
            let fp = Hasher::new("pages")
                .with(&self.fingerprint)
                .with(fingerprint)
                .part(locale.as_str())
                .part(&dir)
                .part(&status_key)
                .part(predecessor)
                .part(self.withdrawn(version, locale).map_or(String::new(), |w| w.iso))
                .finish();
            if sink.reuse(&fp)?.is_some() {
                continue;
            }
            let tree = tree.get_or_insert_with(|| self.cache.facts_tree(version));
            let pages = self.version_pages(version, locale, tree)?;
            let mut files = self.page_pair(&pages, &dir, |l| format!("{l}/{id}/"), &status)?;
            if status.current {
                files.extend(self.page_pair(&pages, &format!("{locale}/"), |l| format!("{l}/"), &status)?);
            }
            sink.unit(&fp, files, UnitSummary::default())?;
        }
        if published {
            let fp = Hasher::new("data").with(fingerprint).finish();
            if sink.reuse(&fp)?.is_none() {
                let tree = tree.get_or_insert_with(|| self.cache.facts_tree(version));
                sink.unit(
                    &fp,
                    vec![super::pages::data_artifact(version, tree)],
                    UnitSummary::default(),
                )?;
            }
        }
        Ok(())
    }

    /// The redlines of `pairs` of consecutive `published` versions in every locale, each a unit;
    /// what each triggers, with the index of its locale.
    fn changes_units(
        &self,
        published: &[&Version],
        pairs: std::ops::Range<usize>,
        fingerprints: &BTreeMap<&VersionId, Fingerprint>,
        sink: &dyn Sink,
    ) -> Result<Vec<(usize, PairChanges)>> {
        let mut out = Vec::new();
        for (li, locale) in self.content.config.locales.iter().enumerate() {
            for k in pairs.clone() {
                let (a, b) = (published[k], published[k + 1]);
                let fp = Hasher::new("changes")
                    .with(&self.fingerprint)
                    .with(&fingerprints[&a.meta.id])
                    .with(&fingerprints[&b.meta.id])
                    .part(locale.as_str())
                    .finish();
                let summary = match sink.reuse(&fp)? {
                    Some(summary) => summary,
                    None => {
                        let (page, summary) = self.redline(locale, a, b)?;
                        sink.unit(&fp, vec![page], summary.clone())?;
                        summary
                    }
                };
                out.push((li, PairChanges::new(a, b, summary)));
            }
        }
        Ok(out)
    }
}
