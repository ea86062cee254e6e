//! Integration tests: the real `policyc` binary on fixture content trees.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

mod archive;
mod build;
mod ci_recipe;
mod cli;
mod corpus;
mod diff_links;
mod errors;
mod extractors;
mod fact_staleness;
mod faults;
mod fidelity;
mod fuzz_corpus;
mod hostile_files;
mod images;
mod import;
mod in_force;
mod incremental;
mod l10n;
mod lint;
mod man;
mod notice;
mod output_folder;
mod pdf;
mod phones;
mod properties;
mod prose_reading;
mod publish;
mod real_corpus;
mod serve;
mod snapshots;
mod structure;
mod text_parity;
