//! Replays the fuzz targets' corpora (fuzz/corpus/<target>/*) through the same entry points, so a
//! crash found by fuzzing stays fixed.

use std::fs;

use crate::harness::repo;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = repo().join("fuzz/corpus").join(target);
    let mut n = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        run(&data);
        n += 1;
    }
    assert!(n > 0, "empty corpus {}", dir.display());
}

#[test]
fn section_corpus() {
    replay("section", policyc::fuzzing::section);
}

#[test]
fn split_corpus() {
    replay("split", policyc::fuzzing::split);
}

#[test]
fn diff_pair_corpus() {
    replay("diff_pair", policyc::fuzzing::diff_pair);
}

#[test]
fn partials_corpus() {
    replay("partials", policyc::fuzzing::partials);
}

/// The importer meets the splitter's corpus (arbitrary Markdown-like text).
#[test]
fn import_on_the_split_corpus() {
    replay("split", policyc::fuzzing::import);
}
