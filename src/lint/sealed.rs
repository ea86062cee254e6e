//! `sealed-version-changed`: published versions are sealed in `versions.lock`; a changed, added or
//! removed source file, or a version published by hand without a seal, is an error.

use crate::error::Level;

/// The rule.
pub const RULE: super::Rule = super::Rule {
    id: "sealed-version-changed",
    default: Level::Error,
    explain: "A published version's source files no longer match the sha256 recorded in versions.lock \
when it was released, or a version is marked published without having been released. Published \
versions never change silently: make changes in a draft (`policyc new-version`), or record a deliberate \
correction with `policyc release --reseal VERSION --reason \"…\"`.",
    run: crate::seal::verify,
};
