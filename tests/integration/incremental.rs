//! Incremental builds: a build keeps the previous build's files whose inputs did not change, and
//! the result is always byte-identical to a clean build of the same content.

use std::collections::BTreeMap;

use crate::harness::Project;

/// Builds into `out` with `extra` flags; returns the JSON report.
fn build(p: &Project, out: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["build", "--format", "json", "--out", out];
    args.extend_from_slice(extra);
    // every build on the same day: the pages show the version in force on it
    if !extra.contains(&"--as-of") {
        args.extend_from_slice(&["--as-of", "2026-12-06"]);
    }
    let run = p.run(&args).ok();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn files(p: &Project, out: &str) -> BTreeMap<String, Vec<u8>> {
    crate::harness::tree(&p.path().join(out))
}

/// The incremental output equals a clean build of the same content, file for file.
#[track_caller]
fn assert_same_as_clean(p: &Project) {
    build(p, "clean-output", &["--clean"]);
    let (a, b) = (files(p, "output"), files(p, "clean-output"));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs from a clean build");
    }
    std::fs::remove_dir_all(p.path().join("clean-output")).unwrap();
}

fn counts(report: &serde_json::Value) -> (u64, u64) {
    (
        report["kept"].as_u64().unwrap(),
        report["rendered"].as_u64().unwrap(),
    )
}

#[test]
fn an_unchanged_tree_is_kept_whole_and_a_release_renders_only_what_it_touches() {
    let p = Project::material_draft();
    let first = build(&p, "output", &[]);
    let (kept, rendered) = counts(&first);
    assert_eq!(kept, 0, "{first}");
    // one version: its pages in 2 locales and its facts data
    assert_eq!(rendered, 3, "{first}");

    let again = build(&p, "output", &[]);
    assert_eq!(counts(&again), (3, 0), "{again}");
    assert_same_as_clean(&p);

    // a release: the new version's pages, its facts, the redlines; the old version is now
    // superseded, so its pages change too; its facts data is kept
    p.release_draft_now();
    let released = build(&p, "output", &[]);
    assert_eq!(counts(&released), (1, 7), "{released}");
    assert!(
        p.read("output/en/2022-10-19/index.html")
            .contains("banner archived")
    );
    assert_same_as_clean(&p);
    let again = build(&p, "output", &[]);
    assert_eq!(counts(&again), (8, 0), "{again}");
}

#[test]
fn an_edited_output_file_is_made_again() {
    let p = Project::sample();
    build(&p, "output", &[]);
    let page = "output/en/2022-10-19/index.html";
    let original = p.read(page);
    p.write(page, "<p>defaced</p>");
    let report = build(&p, "output", &[]);
    // the English pages are made again; the Chinese pages and the facts data are kept
    assert_eq!(counts(&report), (2, 1), "{report}");
    assert_eq!(p.read(page), original);
    assert_same_as_clean(&p);
}

#[test]
fn a_template_change_renders_every_page_again() {
    let p = Project::sample();
    build(&p, "output", &[]);
    p.write(
        "templates/partials/masthead.html",
        "{# an override #}<p class=\"masthead\">SmallGoGo</p>",
    );
    let report = build(&p, "output", &[]);
    let (kept, rendered) = counts(&report);
    // only the facts data, which no template shapes, is kept
    assert_eq!((kept, rendered), (1, 2), "{report}");
    assert!(
        p.read("output/en/index.html")
            .contains("<p class=\"masthead\">SmallGoGo</p>")
    );
    assert_same_as_clean(&p);
}

#[test]
fn a_corrupt_record_means_a_full_build() {
    let p = Project::sample();
    build(&p, "output", &[]);
    p.write(&format!("output/{}", policyc::incremental::RECORD), "{ not json");
    let report = build(&p, "output", &[]);
    assert_eq!(counts(&report), (0, 3), "{report}");
    // a record naming a file outside the output folder is not followed
    let record = p.read(&format!("output/{}", policyc::incremental::RECORD));
    let hostile = record.replacen("\"data/2022-10-19.json\"", "\"../content/policy.toml\"", 1);
    assert_ne!(hostile, record);
    p.write(&format!("output/{}", policyc::incremental::RECORD), &hostile);
    let report = build(&p, "output", &[]);
    assert_eq!(counts(&report), (2, 1), "{report}");
    assert_same_as_clean(&p);
}

#[test]
fn a_linked_output_file_is_not_followed() {
    let p = Project::sample();
    build(&p, "output", &[]);
    // the same bytes, but behind a link to a file outside the output folder
    let data = p.path().join("output/data/2022-10-19.json");
    let outside = p.path().join("elsewhere.json");
    std::fs::copy(&data, &outside).unwrap();
    std::fs::remove_file(&data).unwrap();
    std::os::unix::fs::symlink(&outside, &data).unwrap();
    let report = build(&p, "output", &[]);
    assert_eq!(counts(&report), (2, 1), "{report}");
    let meta = std::fs::symlink_metadata(&data).unwrap();
    assert!(meta.is_file(), "the facts data is a file of its own again");
    assert_same_as_clean(&p);
}

#[test]
fn the_number_of_workers_changes_nothing() {
    // two published versions (a redline) and a draft
    let p = Project::material_draft();
    p.release_draft_now();
    p.run(&["new-version", "2027-01-01", "-q"]).ok();
    for (jobs, out) in [("1", "one"), ("5", "many")] {
        crate::harness::run_in(
            p.path(),
            &["build", "-q", "--drafts", "--out", out],
            &[("POLICYC_JOBS", jobs)],
        )
        .ok();
    }
    let (one, many) = (files(&p, "one"), files(&p, "many"));
    assert!(one.keys().any(|k| k.contains("/changes/")) && one.keys().any(|k| k.starts_with("drafts/")));
    assert_eq!(one.keys().collect::<Vec<_>>(), many.keys().collect::<Vec<_>>());
    assert!(one == many, "one worker and five give different bytes");
}
