//! `sealed-version-changed`: published versions are sealed in `versions.lock`; a changed, added or
//! removed source file, a stored page text that no longer matches its seal, a sealed version missing
//! or set back to draft, or a version published by hand without a seal, is an error.

use crate::error::Level;

/// The rule.
pub const RULE: super::Rule = super::Rule {
    id: "sealed-version-changed",
    default: Level::Error,
    explain: "A published version's source files, or the sealed text of its pages \
(published/<locale>.html), no longer match the sha256 recorded in versions.lock when it was released; \
a version in versions.lock is missing or set back to draft; or a version is marked published without \
having been released. The archive is append-only and published versions never change silently: make \
changes in a draft (`policyc new-version`), or record a deliberate change with `policyc release \
--reseal VERSION --reason \"…\"`, `policyc rerender VERSION --reason \"…\"` or `policyc withdraw \
VERSION --reason \"…\"`.",
    run: crate::seal::verify,
};
