//! Integration tests: the real `policyc` binary on fixture content trees.

mod harness;

mod build;
mod errors;
mod fidelity;
mod l10n;
