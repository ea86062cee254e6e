//! Fingerprints: the sha256 of everything a piece of output is made from. Two builds that see the
//! same fingerprint make the same bytes, which is what lets `build` keep files it made before.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// This build of policyc: its version and a hash of its source, templates and locked dependencies
/// (from `build.rs`), so a changed renderer never reuses what an older one made.
pub const ENGINE: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("POLICYC_SOURCE_HASH"));

/// The sha256 of a unit of work's inputs, lowercase hex.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The hex digest.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Builds a fingerprint from parts; each part is length-prefixed, so ("ab", "c") and ("a", "bc")
/// differ.
pub struct Hasher(Sha256);

impl Hasher {
    /// A fingerprint of `kind` (`pages`, `changes`, …).
    pub fn new(kind: &str) -> Self {
        Hasher(Sha256::new()).part(ENGINE).part(kind)
    }

    /// Adds a part.
    pub fn part(mut self, part: impl AsRef<[u8]>) -> Self {
        let part = part.as_ref();
        self.0.update((part.len() as u64).to_le_bytes());
        self.0.update(part);
        self
    }

    /// Adds another fingerprint.
    pub fn with(self, other: &Fingerprint) -> Self {
        self.part(other.0.as_bytes())
    }

    /// The fingerprint.
    pub fn finish(self) -> Fingerprint {
        Fingerprint(crate::output::hex(&self.0.finalize()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited() {
        let a = Hasher::new("t").part("ab").part("c").finish();
        let b = Hasher::new("t").part("a").part("bc").finish();
        assert_ne!(a, b);
        assert_eq!(a, Hasher::new("t").part("ab").part("c").finish());
        assert_eq!(a.as_str().len(), 64);
    }
}
