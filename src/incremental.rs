//! Incremental builds. The output folder carries `.policyc-cache.json`: for each unit of work of the
//! build that made it (a version's pages in one locale, one redline, one facts file, one PDF), the
//! fingerprint of the unit's inputs, the files it made with their sha256, and its summary. The next
//! build keeps a unit's files, hard-linked from the previous output, when the fingerprint is the
//! same and every file still has its recorded sha256; anything else is made again. The record is
//! not part of the site and not in `manifest.json`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::fingerprint::Fingerprint;
use crate::output::{Artifact, SiteWriter, sha256_hex};
use crate::render::site::{Sink, UnitSummary};

/// The record's file name inside the output folder.
pub const RECORD: &str = ".policyc-cache.json";
const SCHEMA: &str = "policyc.cache/2";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    schema: String,
    units: BTreeMap<Fingerprint, Unit>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Unit {
    /// sha256 by path below the output folder.
    files: BTreeMap<String, String>,
    summary: UnitSummary,
}

/// A sink writing into a [`SiteWriter`] that keeps what the previous build in the same output
/// folder made from the same inputs.
pub struct Incremental<'w> {
    writer: &'w SiteWriter,
    /// The previous output folder, resolved (`None` when there is none).
    previous_dir: Option<PathBuf>,
    previous: Record,
    made: Mutex<BTreeMap<Fingerprint, Unit>>,
    kept: AtomicUsize,
    rendered: AtomicUsize,
}

impl<'w> Incremental<'w> {
    /// A sink over `writer` for output folder `out`; `clean` ignores the previous build.
    pub fn new(writer: &'w SiteWriter, out: &Path, clean: bool) -> Self {
        let previous = if clean {
            Record::default()
        } else {
            crate::load::build_record(out, RECORD)
                .and_then(|b| serde_json::from_slice::<Record>(&b).ok())
                .filter(|r| r.schema == SCHEMA)
                .unwrap_or_default()
        };
        Incremental {
            writer,
            previous_dir: crate::load::previous_output(out),
            previous,
            made: Mutex::new(BTreeMap::new()),
            kept: AtomicUsize::new(0),
            rendered: AtomicUsize::new(0),
        }
    }

    /// Units kept from the previous build and units made anew, so far.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.kept.load(Ordering::Relaxed),
            self.rendered.load(Ordering::Relaxed),
        )
    }

    /// Writes the record of this build into the writer's folder.
    pub fn finish(self) -> Result<()> {
        let record = Record {
            schema: SCHEMA.to_string(),
            units: self.made.into_inner().unwrap_or_else(|e| e.into_inner()),
        };
        let mut bytes = serde_json::to_vec(&record).expect("the record serialises");
        bytes.push(b'\n');
        self.writer
            .put_unlisted(&Artifact::new(RECORD.to_string(), bytes))
    }

    fn remember(&self, fingerprint: &Fingerprint, unit: Unit) {
        crate::parallel::lock(&self.made).insert(fingerprint.clone(), unit);
    }
}

impl Sink for Incremental<'_> {
    fn put(&self, file: Artifact) -> Result<()> {
        self.writer.put(&file).map(drop)
    }

    fn unit(&self, fingerprint: &Fingerprint, files: Vec<Artifact>, summary: UnitSummary) -> Result<()> {
        let mut hashes = BTreeMap::new();
        for f in &files {
            let sha = self.writer.put(f)?;
            hashes.insert(f.path.clone(), sha);
        }
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.remember(
            fingerprint,
            Unit {
                files: hashes,
                summary,
            },
        );
        Ok(())
    }

    fn reuse(&self, fingerprint: &Fingerprint) -> Result<Option<UnitSummary>> {
        let (Some(unit), Some(dir)) = (self.previous.units.get(fingerprint), &self.previous_dir) else {
            return Ok(None);
        };
        // every file must still be what the record says, a plain file inside the previous output:
        // an edited, missing or linked file is made again
        let mut sources = Vec::with_capacity(unit.files.len());
        for (rel, sha) in &unit.files {
            match kept_file(dir, rel, sha) {
                Some(path) => sources.push((rel, path, sha)),
                None => return Ok(None),
            }
        }
        for (rel, path, sha) in sources {
            self.writer.keep(rel, &path, sha)?;
        }
        self.kept.fetch_add(1, Ordering::Relaxed);
        self.remember(fingerprint, unit.clone());
        Ok(Some(unit.summary.clone()))
    }
}

/// The file `rel` of the previous output `dir` when it is a plain file inside `dir` (no link leads
/// elsewhere) whose bytes have the sha256 `sha`.
fn kept_file(dir: &Path, rel: &str, sha: &str) -> Option<PathBuf> {
    if !safe_relative(rel) {
        return None;
    }
    let (path, bytes) = crate::load::previous_file(dir, rel)?;
    (sha256_hex(&bytes) == sha).then_some(path)
}

/// `true` for a `/`-separated relative path that stays inside its folder.
fn safe_relative(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.starts_with('/')
        && rel
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains('\\'))
}

#[cfg(test)]
mod tests {
    use super::safe_relative;

    #[test]
    fn record_paths_stay_inside() {
        assert!(safe_relative("en/2022-10-19/index.html"));
        for bad in ["", "/etc/passwd", "../x", "en/../../x", "a//b", "a\\..\\b"] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }
}
