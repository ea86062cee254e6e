//! Fact-text staleness: a fact's source-locale text changed in a draft (the English
//! `sdks.glide.purpose`) makes its other locales' texts stale until `policyc translated --fact PATH
//! --locale L` records the review in the version's `translations.toml`.

use crate::harness::{Project, findings};

const FACTS: &str = "content/versions/2026-12-01/facts.toml";
const REVIEWS: &str = "content/versions/2026-12-01/translations.toml";
const GLIDE_EN: &str = "purpose = { en = \"used to load images natively\"";

/// `check --format json`: exit code and the translation-stale findings.
fn stale(p: &Project) -> (i32, Vec<serde_json::Value>) {
    findings(p, "translation-stale")
}

#[test]
fn an_english_fact_text_changed_makes_its_chinese_text_stale_until_reviewed() {
    let p = Project::sample_with_draft();
    assert_eq!(stale(&p), (0, vec![]));
    p.edit(
        FACTS,
        GLIDE_EN,
        "purpose = { en = \"used to load and cache images\"",
    );
    let (code, found) = stale(&p);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f["level"], "error");
    assert_eq!(f["file"], FACTS);
    let facts = p.read(FACTS);
    let line = facts[..facts.find("used to load and cache images").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(f["line"], line as u64);
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("`sdks.glide.purpose`")
            && message.contains("zh-CN")
            && message.contains("policyc translated --fact sdks.glide.purpose --locale zh-CN"),
        "{message}"
    );
    // build warns about it, --strict refuses
    let build = p.run(&["build", "--drafts"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.contains("sdks.glide.purpose"), "{}", build.stderr);
    // the translator reviews the Chinese text and records it
    p.run(&[
        "translated",
        "--fact",
        "sdks.glide.purpose",
        "--locale",
        "zh-CN",
        "-q",
    ])
    .ok();
    assert!(
        p.read(REVIEWS)
            .contains("[zh-CN]\n\"sdks.glide.purpose\" = \"sha256:"),
        "{}",
        p.read(REVIEWS)
    );
    assert_eq!(stale(&p), (0, vec![]));
    // a later change of the English text is stale again, against the recorded review
    p.edit(
        FACTS,
        "used to load and cache images",
        "used to load, resize and cache images",
    );
    let (code, found) = stale(&p);
    assert_eq!((code, found.len()), (1, 1), "{found:#?}");
    // `all` records every stale fact text of the locale
    p.run(&["translated", "--fact", "all", "--locale", "zh-CN", "-q"])
        .ok();
    assert_eq!(stale(&p), (0, vec![]));
    // the record is part of the version: sealed at release, carried into the next draft
    p.run(&[
        "release",
        "2026-12-01",
        "--date",
        "2026-12-01",
        "--no-notice-period",
        "--reason",
        "test",
    ])
    .ok();
    assert!(
        p.read("content/versions.lock")
            .contains("\"translations.toml\" = ")
    );
    p.run(&["new-version", "2026-12-02", "-q"]).ok();
    assert_eq!(
        p.read("content/versions/2026-12-02/translations.toml"),
        p.read(REVIEWS)
    );
    assert_eq!(stale(&p), (0, vec![]));
}

#[test]
fn a_changed_translation_alone_or_an_identifier_makes_nothing_stale() {
    let p = Project::sample_with_draft();
    p.edit(FACTS, "zh-CN = \"用于原生加载图片\"", "zh-CN = \"用于加载图片\"");
    p.edit(
        FACTS,
        "package = \"com.bumptech.glide\"",
        "package = \"com.bumptech.glide4\"",
    );
    assert_eq!(stale(&p), (0, vec![]));
}

#[test]
fn translated_fact_refuses_a_sealed_version_an_unknown_path_and_the_source_locale() {
    let p = Project::sample_with_draft();
    let sealed = p.run(&[
        "translated",
        "--fact",
        "sdks.glide.purpose",
        "--locale",
        "zh-CN",
        "--version",
        "2022-10-19",
    ]);
    assert_eq!(sealed.code, 2);
    assert!(
        sealed.stderr.contains("published and sealed"),
        "{}",
        sealed.stderr
    );
    let unknown = p.run(&["translated", "--fact", "sdks.glide.package", "--locale", "zh-CN"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no fact text `sdks.glide.package`"),
        "{}",
        unknown.stderr
    );
    let source = p.run(&["translated", "--fact", "sdks.glide.purpose", "--locale", "en"]);
    assert_eq!(source.code, 2);
    // nothing was written
    assert!(!p.path().join(REVIEWS).exists());
    assert!(
        !p.path()
            .join("content/versions/2022-10-19/translations.toml")
            .exists()
    );
    // a section and a fact at once is a usage error
    assert_eq!(
        p.run(&[
            "translated",
            "minors",
            "--fact",
            "sdks.glide.purpose",
            "--locale",
            "zh-CN"
        ])
        .code,
        2
    );
}

/// What a translator reads when a fact's English text changed.
#[test]
fn check_output_for_a_stale_fact_text() {
    let p = Project::sample_with_draft();
    p.edit(
        FACTS,
        GLIDE_EN,
        "purpose = { en = \"used to load and cache images\"",
    );
    let run = p.run(&["check", "-q"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("check_stale_fact", run.stdout);
}
