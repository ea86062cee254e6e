//! Sealing of published versions: `content/versions.lock` records, for every released version, the
//! sha256 of each of its source files and of the sealed text of its pages (the rendered `<main>` of
//! each locale, stored in `published/<locale>.html`), whether it was withdrawn, and the history of
//! every release and deliberate change (reseal, rerender, withdrawal, backdating, waived notice
//! period). The archive is append-only: a version in the lock must exist, published, with its sealed
//! bytes. [`verify`] is pure: it compares the loaded content with the lock.
//!
//! Text is hashed as [`text_sha256`] says (CRLF as LF; a leading byte order mark is dropped at load),
//! so a checkout with other line endings keeps its seals. Locks of schema `policyc.lock/1` are read
//! as they are (their versions have no sealed page text yet); the lock is written as
//! `policyc.lock/2`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::Status;
use crate::error::Diagnostic;
use crate::ids::VersionId;
use crate::model::{Content, Version};

/// `content/versions.lock`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// `policyc.lock/2` (or `/1`, read as it is).
    pub schema: String,
    /// Seals by version id.
    #[serde(default)]
    pub versions: BTreeMap<String, Seal>,
    /// Releases and deliberate changes, oldest first.
    #[serde(default)]
    pub history: Vec<Event>,
}

/// The seal of one published version.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// The release date.
    pub released: String,
    /// sha256 of each source file, by path inside the version folder.
    pub files: BTreeMap<String, String>,
    /// sha256 of the sealed text of the pages, by page (`en` for `published/en.html`, `en.print`
    /// for `published/en.print.html`); empty for a version sealed by a `policyc.lock/1` lock until
    /// it is rerendered.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub published: BTreeMap<String, String>,
    /// Set when the version was withdrawn: its pages stay and say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
}

/// When and why a version was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// The day of the withdrawal.
    pub date: String,
    /// Why, in the user's words.
    pub reason: String,
}

/// What a history event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// A draft was published and sealed.
    Release,
    /// A published version's corrected sources were sealed again.
    Reseal,
    /// A material change was released without the notice period.
    NoNoticePeriod,
    /// A release dated before the day it was made.
    Backdate,
    /// A version published by mistake was withdrawn.
    Withdraw,
    /// The sealed text of a version's pages was rendered again.
    Rerender,
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// What was done.
    pub action: Action,
    /// The version concerned.
    pub version: String,
    /// When (the day it was done; for a release, its release date).
    pub date: String,
    /// Why, in the user's words (empty for a plain release).
    #[serde(default)]
    pub reason: String,
    /// For a reseal or rerender: the hashes it replaced.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub previous: BTreeMap<String, String>,
    /// Set when the day was not read from the system clock (`POLICYC_TODAY=2026-12-06`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<String>,
}

/// The lock schema written.
pub const SCHEMA: &str = "policyc.lock/2";

/// The lock schemas read.
pub const SCHEMAS_READ: [&str; 2] = ["policyc.lock/1", SCHEMA];

impl Lock {
    /// An empty lock.
    pub fn new() -> Self {
        Lock {
            schema: SCHEMA.to_string(),
            versions: BTreeMap::new(),
            history: vec![],
        }
    }

    /// The lock as written to disk (always the current schema).
    pub fn to_toml(&self) -> String {
        let lock = Lock {
            schema: SCHEMA.to_string(),
            ..self.clone()
        };
        let body = toml::to_string(&lock).expect("the lock serialises");
        format!("# Seals of the published versions (policyc release). Do not edit by hand.\n{body}")
    }

    /// When `id` was withdrawn.
    pub fn withdrawal(&self, id: &VersionId) -> Option<&Withdrawal> {
        self.versions.get(id.as_str()).and_then(|s| s.withdrawn.as_ref())
    }
}

/// The sha256 of a text as sealed: CRLF line endings count as LF (a leading byte order mark was
/// dropped when the file was read), so a checkout with other line endings keeps its seal.
pub fn text_sha256(text: &str) -> String {
    if text.contains('\r') {
        crate::output::sha256_hex(text.replace("\r\n", "\n").as_bytes())
    } else {
        crate::output::sha256_hex(text.as_bytes())
    }
}

/// The sealed hash of each source file of a version (text normalised, images as bytes).
pub fn hashes(version: &Version) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = version
        .sources()
        .into_iter()
        .map(|(rel, src)| (rel, text_sha256(&src.text)))
        .collect();
    for (rel, sha) in &version.source_hashes {
        if rel.starts_with("images/") {
            out.insert(rel.clone(), sha.clone());
        }
    }
    out
}

/// The sealed hash of each stored page text of a version, by page key (`en`, `en.print`).
pub fn published_hashes(version: &Version) -> BTreeMap<String, String> {
    version
        .published
        .iter()
        .map(|(page, src)| (page.key(), text_sha256(&src.text)))
        .collect()
}

/// Every way the content differs from the lock: a sealed version missing, set back to draft, or
/// with changed, added or removed files; a stored page text that does not match its seal; a version
/// marked published without a seal.
pub fn verify(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let lock_path = content.root.join("versions.lock");
    let empty = Lock::new();
    let lock = content.lock.as_ref().unwrap_or(&empty);
    // every lock entry must exist, published
    for id in lock.versions.keys() {
        let state = match VersionId::parse(id) {
            Ok(vid) => content.versions.get(&vid).map(|v| v.meta.status),
            Err(_) => None,
        };
        let problem = match state {
            Some(Status::Published) => continue,
            Some(Status::Draft) => "is set back to draft",
            None => "is missing from versions/",
        };
        let message = format!(
            "sealed version {id} {problem}: the archive is append-only (its lock entry [versions.{id}] stays); restore content/versions/{id} as released (a version published by mistake stays, withdrawn with `policyc withdraw {id} --reason \"…\"`)"
        );
        out.push(match &content.lock_file {
            Some(src) => Diagnostic::at(src, entry_offset(&src.text, id), message),
            None => Diagnostic::file_error(&lock_path, message),
        });
    }
    for (id, version) in &content.versions {
        if version.meta.status != Status::Published {
            continue;
        }
        let Some(seal) = lock.versions.get(id.as_str()) else {
            let offset = version.meta_file.text.find("status").unwrap_or(0);
            out.push(Diagnostic::at(
                &version.meta_file,
                offset,
                format!("version {id} is marked published but is not sealed in {}: publish drafts with `policyc release {id}`", lock_path.display()),
            ));
            continue;
        };
        verify_files(id, version, seal, &mut out);
        verify_published(id, version, seal, &mut out);
    }
    out
}

/// Released versions whose pages have no sealed text yet (sealed by a `policyc.lock/1` lock): their
/// pages follow today's templates until `policyc rerender` stores it.
pub fn unsealed_texts(content: &Content) -> Vec<Diagnostic> {
    let (Some(lock), Some(src)) = (&content.lock, &content.lock_file) else {
        return Vec::new();
    };
    lock.versions
        .iter()
        .filter(|(_, seal)| seal.published.is_empty())
        .filter_map(|(id, _)| {
            let version = content.versions.get(&VersionId::parse(id).ok()?)?;
            (version.meta.status == Status::Published && version.published.is_empty()).then(|| {
                Diagnostic::at(
                    src,
                    entry_offset(&src.text, id),
                    format!(
                        "version {id} was sealed without the text of its pages, so they follow today's templates and messages: store it with `policyc rerender {id} --reason \"…\"`"
                    ),
                )
            })
        })
        .collect()
}

/// The byte offset of `[versions.<id>]` in the lock's text.
fn entry_offset(text: &str, id: &str) -> usize {
    text.find(&format!("[versions.{id}]"))
        .or_else(|| text.find(&format!("[versions.\"{id}\"]")))
        .unwrap_or(0)
}

/// The source files of a published version against its seal.
fn verify_files(id: &VersionId, version: &Version, seal: &Seal, out: &mut Vec<Diagnostic>) {
    let now = hashes(version);
    let changed = format!(
        "sealed file of published version {id} changed since its release; a deliberate correction needs `policyc release --reseal {id} --reason \"…\"`"
    );
    for (rel, sha) in &now {
        match seal.files.get(rel) {
            Some(h) if h == sha => {}
            Some(_) => out.push(Diagnostic::file_error(version.dir.join(rel), changed.clone())),
            None => out.push(Diagnostic::file_error(
                version.dir.join(rel),
                format!("file added to published version {id} after its release"),
            )),
        }
    }
    for rel in seal.files.keys().filter(|r| !now.contains_key(*r)) {
        out.push(Diagnostic::file_error(
            version.dir.join(rel),
            format!("sealed file of published version {id} was removed"),
        ));
    }
}

/// The stored page texts of a published version against their seals.
fn verify_published(id: &VersionId, version: &Version, seal: &Seal, out: &mut Vec<Diagnostic>) {
    let now = published_hashes(version);
    let path = |key: &str| version.dir.join("published").join(format!("{key}.html"));
    for (page, sha) in &now {
        match seal.published.get(page) {
            Some(h) if h == sha => {}
            Some(h) => out.push(Diagnostic::file_error(
                path(page),
                format!(
                    "the sealed text of version {id} ({page}) does not match its seal in versions.lock (sha256 {sha}, sealed {h}); a deliberate re-render needs `policyc rerender {id} --reason \"…\"`"
                ),
            )),
            None => out.push(Diagnostic::file_error(
                path(page),
                format!("stored text of version {id} ({page}) is not sealed in versions.lock"),
            )),
        }
    }
    for page in seal.published.keys().filter(|p| !now.contains_key(*p)) {
        out.push(Diagnostic::file_error(
            path(page),
            format!("the sealed text of version {id} ({page}) was removed; a deliberate re-render needs `policyc rerender {id} --reason \"…\"`"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_hashes_as_lf() {
        assert_eq!(text_sha256("a\r\nb\r\n"), text_sha256("a\nb\n"));
        assert_ne!(text_sha256("a\rb"), text_sha256("a\nb"));
    }

    #[test]
    fn old_locks_read_and_write_as_the_new_schema() {
        let old = "schema = \"policyc.lock/1\"\nhistory = [{action = \"reseal\", version = \"2022-10-19\", date = \"2022-11-01\", reason = \"typo\"}]\n[versions.2022-10-19]\nreleased = \"2022-10-19\"\nfiles = {}\n";
        let lock: Lock = toml::from_str(old).unwrap();
        assert_eq!(lock.history[0].action, Action::Reseal);
        assert!(lock.versions["2022-10-19"].published.is_empty());
        assert!(lock.to_toml().contains("schema = \"policyc.lock/2\""));
    }
}
