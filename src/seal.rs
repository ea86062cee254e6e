//! Sealing of published versions: `content/versions.lock` records the sha256 of every source file of
//! every published version, and the history of deliberate reseals and notice-period waivers.
//! [`verify`] is pure: it compares the loaded content with the lock.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::Status;
use crate::error::Diagnostic;
use crate::model::{Content, Version};

/// `content/versions.lock`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// `policyc.lock/1`.
    pub schema: String,
    /// Seals by version id.
    #[serde(default)]
    pub versions: BTreeMap<String, Seal>,
    /// Deliberate corrections and waivers, oldest first.
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
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// `reseal` or `no-notice-period`.
    pub action: String,
    /// The version concerned.
    pub version: String,
    /// When.
    pub date: String,
    /// Why, in the user's words.
    pub reason: String,
    /// For a reseal: the hashes it replaced.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub previous: BTreeMap<String, String>,
}

/// The lock schema name.
pub const SCHEMA: &str = "policyc.lock/1";

impl Lock {
    /// An empty lock.
    pub fn new() -> Self {
        Lock {
            schema: SCHEMA.to_string(),
            versions: BTreeMap::new(),
            history: vec![],
        }
    }

    /// The lock as written to disk.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).expect("the lock serialises");
        format!("# Seals of the published versions (policyc release). Do not edit by hand.\n{body}")
    }
}

/// The sha256 of each source file of a version (made when it was loaded).
pub fn hashes(version: &Version) -> BTreeMap<String, String> {
    version.source_hashes.clone()
}

/// Every way the published versions differ from their seals.
pub fn verify(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let lock_path = content.root.join("versions.lock");
    for (id, version) in &content.versions {
        if version.meta.status != Status::Published {
            continue;
        }
        let Some(seal) = content.lock.as_ref().and_then(|l| l.versions.get(id.as_str())) else {
            let offset = version.meta_file.text.find("status").unwrap_or(0);
            out.push(Diagnostic::at(
                &version.meta_file,
                offset,
                format!("version {id} is marked published but is not sealed in {}: publish drafts with `policyc release {id}`", lock_path.display()),
            ));
            continue;
        };
        let now = &version.source_hashes;
        for (rel, src) in version.sources() {
            match seal.files.get(&rel) {
                Some(h) if *h == now[&rel] => {}
                Some(_) => out.push(Diagnostic::file_error(
                    &src.path,
                    format!("sealed file of published version {id} changed since its release; a deliberate correction needs `policyc release --reseal {id} --reason \"…\"`"),
                )),
                None => out.push(Diagnostic::file_error(&src.path, format!("file added to published version {id} after its release"))),
            }
        }
        // images are no text files: compared by their hashes alone
        for rel in now.keys().filter(|r| r.starts_with("images/")) {
            let path = version.dir.join(rel);
            match seal.files.get(rel) {
                Some(h) if *h == now[rel] => {}
                Some(_) => out.push(Diagnostic::file_error(
                    &path,
                    format!("sealed file of published version {id} changed since its release; a deliberate correction needs `policyc release --reseal {id} --reason \"…\"`"),
                )),
                None => out.push(Diagnostic::file_error(&path, format!("file added to published version {id} after its release"))),
            }
        }
        for rel in seal.files.keys().filter(|r| !now.contains_key(*r)) {
            out.push(Diagnostic::file_error(
                version.dir.join(rel),
                format!("sealed file of published version {id} was removed"),
            ));
        }
    }
    out
}
