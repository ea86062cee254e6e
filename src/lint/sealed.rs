//! `sealed-version-changed`: published versions are sealed in `versions.lock`; a changed, added or
//! removed source file, a stored page text that no longer matches its seal, a sealed version missing
//! or set back to draft, or a version published by hand without a seal, is an error.
//! `sealed-text-missing`: a version sealed before page texts were stored (a `policyc.lock/1` lock)
//! is a warning until `policyc rerender` stores them.

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

/// The rule for versions sealed without the text of their pages.
pub const TEXT_RULE: super::Rule = super::Rule {
    id: "sealed-text-missing",
    default: Level::Warning,
    explain: "A released version was sealed (by a lock of schema policyc.lock/1) without the rendered \
text of its pages, so its pages follow today's templates and messages, and a template change changes \
what the published version shows. `policyc rerender VERSION --reason \"…\"` stores and seals the \
text (published/<locale>.html, published/<locale>.print.html), logged in versions.lock.",
    run: crate::seal::unsealed_texts,
};
