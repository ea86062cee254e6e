//! Versioned publishing: new-version → edit → check → release → build, seals, reseal, the notice
//! period, the archive, redlines, notices and feeds.

use std::fs;

use crate::harness::{DRAFT, Project, main_of, tree};

const DRAFT_DIR: &str = "content/versions/2026-12-01";

fn material_draft() -> Project {
    Project::material_draft()
}

#[test]
fn new_version_copies_everything_as_a_draft() {
    let p = Project::sample_with_draft();
    let draft = tree(&p.path().join(DRAFT_DIR));
    // everything but the sealed text of the published version's pages
    let mut published = tree(&p.version_dir());
    published.retain(|rel, _| !rel.starts_with("published/"));
    assert_eq!(
        draft.keys().collect::<Vec<_>>(),
        published.keys().collect::<Vec<_>>()
    );
    for (rel, bytes) in &draft {
        if rel != "version.toml" {
            assert_eq!(bytes, &published[rel], "{rel}");
        }
    }
    let meta = String::from_utf8(draft["version.toml"].clone()).unwrap();
    assert!(
        meta.contains("id = \"2026-12-01\"") && meta.contains("status = \"draft\""),
        "{meta}"
    );
    // refused: an existing id, an earlier id, a malformed id
    for bad in [DRAFT, "2021-01-01", "2026-13-01", "../x"] {
        let run = p.run(&["new-version", bad]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
    }
}

#[test]
fn lifecycle_with_notice_period() {
    let p = material_draft();
    p.run(&["check"]).ok();
    p.run(&["build", "-q"]).ok();
    let first_main = main_of(&p.read("output/en/2022-10-19/index.html")).to_string();
    // material change, effective date too early: refused, naming version.toml
    let run = p.run(&["release", DRAFT, "--date", "2026-12-01"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("2026-12-01/version.toml:") && run.stderr.contains("2026-12-31 or later"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("8.3, 8.5"), "{}", run.stderr);
    assert!(
        p.read(&format!("{DRAFT_DIR}/version.toml"))
            .contains("status = \"draft\"")
    );
    // moved 30 days out: released and sealed
    p.edit(
        &format!("{DRAFT_DIR}/version.toml"),
        "effective = 2026-12-01",
        "effective = 2026-12-31",
    );
    p.run(&["release", DRAFT, "--date", "2026-12-01"]).ok();
    let meta = p.read(&format!("{DRAFT_DIR}/version.toml"));
    assert!(
        meta.contains("status = \"published\"") && meta.contains("updated = 2026-12-01"),
        "{meta}"
    );
    let lock = p.read("content/versions.lock");
    assert!(
        lock.contains("[versions.2026-12-01]") && lock.contains("[versions.2022-10-19]"),
        "{lock}"
    );
    // a second release refuses
    assert_eq!(p.run(&["release", DRAFT]).code, 2);
    // the site on the day the new version takes effect: both versions, the current one is the
    // new one, the old body unchanged
    p.run(&["build", "-q", "--as-of", "2026-12-31"]).ok();
    let files = p.output_files();
    for f in [
        "en/2026-12-01/index.html",
        "zh-CN/2026-12-01/print.html",
        "en/changes/2022-10-19..2026-12-01.html",
        "zh-CN/changes/2022-10-19..2026-12-01.html",
        "en/feed.xml",
        "data/2026-12-01.json",
    ] {
        assert!(files.contains_key(f), "missing {f}");
    }
    assert_eq!(
        main_of(&p.read("output/en/2022-10-19/index.html")),
        first_main,
        "the sealed body changed"
    );
    assert!(p.read("output/en/index.html").contains("privacy@smallrig.com"));
    let archived = p.read("output/en/2022-10-19/index.html");
    assert!(
        archived.contains("class=\"banner archived\"")
            && archived.contains("href=\"../../en/versions.html\""),
        "archived page links to the archive"
    );
    let versions = p.read("output/en/versions.html");
    assert!(
        versions.contains("changes/2022-10-19..2026-12-01.html"),
        "{versions}"
    );
    assert!(
        versions.contains("8.3 Change in the main recipients"),
        "{versions}"
    );
    let redline = p.read("output/zh-CN/changes/2022-10-19..2026-12-01.html");
    assert!(
        redline.contains("我们更新了隐私政策") && redline.contains("<ins>"),
        "notice on top, redline below"
    );
}

#[test]
fn feed_is_atom() {
    let p = material_draft();
    p.edit(
        &format!("{DRAFT_DIR}/version.toml"),
        "effective = 2026-12-01",
        "effective = 2027-01-15",
    );
    p.run(&["release", DRAFT, "--date", "2026-12-01", "-q"]).ok();
    p.run(&["build", "-q"]).ok();
    for locale in ["en", "zh-CN"] {
        let xml = p.read(&format!("output/{locale}/feed.xml"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
        assert_eq!(feed.tag_name().name(), "feed");
        for required in ["id", "title", "updated"] {
            assert!(
                feed.children().any(|c| c.tag_name().name() == required),
                "{required}"
            );
        }
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.tag_name().name() == "entry")
            .collect();
        assert_eq!(entries.len(), 2);
        for e in &entries {
            for required in ["id", "title", "updated", "link", "summary"] {
                assert!(
                    e.children().any(|c| c.tag_name().name() == required),
                    "entry lacks {required}"
                );
            }
        }
        let first_updated = entries[0]
            .children()
            .find(|c| c.tag_name().name() == "updated")
            .unwrap()
            .text()
            .unwrap();
        assert_eq!(first_updated, "2026-12-01T00:00:00Z");
    }
}

#[test]
fn waiving_the_notice_period_is_recorded() {
    let p = material_draft();
    assert_eq!(
        p.run(&["release", DRAFT, "--date", "2026-12-01", "--no-notice-period"])
            .code,
        2,
        "needs a reason"
    );
    p.release_draft_now_for("regulator order");
    let lock = p.read("content/versions.lock");
    assert!(
        lock.contains("action = \"no-notice-period\"") && lock.contains("regulator order"),
        "{lock}"
    );
}

#[test]
fn an_edited_sealed_file_stops_build_and_release() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let before = p.output_files();
    p.edit(
        "content/versions/2022-10-19/zh-CN/06-minors.md",
        "监护人",
        "监护者",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: content/versions/2022-10-19/zh-CN/06-minors.md: sealed file"),
        "{}",
        run.stderr
    );
    assert_eq!(before, p.output_files());
    let check = p.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains("sealed-version-changed"),
        "{}",
        check.stdout
    );
    p.run(&["new-version", DRAFT, "-q"]).ok();
    assert_eq!(
        p.run(&["release", DRAFT, "--date", "2026-12-01"]).code,
        2,
        "release refuses while a seal is broken"
    );
    // a blank reason records nothing: refused, and the lock is not touched
    let lock_before = p.read("content/versions.lock");
    let blank = p.run(&["release", "--reseal", "2022-10-19", "--reason", "  "]);
    assert_eq!(blank.code, 2, "{}", blank.stderr);
    assert!(blank.stderr.contains("a reason must say why"), "{}", blank.stderr);
    assert_eq!(lock_before, p.read("content/versions.lock"));
    // a deliberate correction: resealed, with the reason and the old hashes kept
    p.run(&[
        "release",
        "--reseal",
        "2022-10-19",
        "--reason",
        "guardian wording",
    ])
    .ok();
    let lock = p.read("content/versions.lock");
    assert!(
        lock.contains("action = \"reseal\"")
            && lock.contains("guardian wording")
            && lock.contains("[history.previous]"),
        "{lock}"
    );
    p.run(&["build", "-q"]).ok();
}

#[test]
fn a_version_published_by_hand_is_refused() {
    let p = Project::sample_with_draft();
    p.edit(
        &format!("{DRAFT_DIR}/version.toml"),
        "status = \"draft\"",
        "status = \"published\"",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "2026-12-01/version.toml:4:1: version 2026-12-01 is marked published but is not sealed"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn notice_in_both_languages() {
    let p = material_draft();
    p.edit(
        &format!("{DRAFT_DIR}/version.toml"),
        "effective = 2026-12-01",
        "effective = 2027-01-15",
    );
    let en = p.run(&["notice", "2022-10-19", DRAFT]).ok();
    assert!(
        en.stdout.contains("January 15, 2027") && en.stdout.contains("Change in the main recipients"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout
            .contains("https://privacy.smallgogo.example/en/changes/2022-10-19..2026-12-01.html")
    );
    let zh = p
        .run(&[
            "notice",
            "2022-10-19",
            DRAFT,
            "--locale",
            "zh-CN",
            "--format",
            "markdown",
        ])
        .ok();
    assert!(
        zh.stdout.contains("2027年1月15日")
            && zh
                .stdout
                .contains("个人信息共享、转让或公开披露的主要对象发生变化"),
        "{}",
        zh.stdout
    );
    let html = p.run(&["notice", "2022-10-19", DRAFT, "--format", "html"]).ok();
    assert!(html.stdout.starts_with("<!DOCTYPE html>"));
    // a change that limits rights carries the consent call-out
    p.edit(
        &format!("{DRAFT_DIR}/facts.toml"),
        "response_days = 30",
        "response_days = 60",
    );
    let consent = p.run(&["notice", "2022-10-19", DRAFT]).ok();
    assert!(consent.stdout.contains("express consent"), "{}", consent.stdout);
    let _ = fs::metadata(p.path());
}
