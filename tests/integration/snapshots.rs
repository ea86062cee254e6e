//! Snapshots of what people read: the rendered pages of the sample and error output.

use crate::harness::Project;

#[test]
fn sample_pages() {
    let p = Project::sample();
    p.run(&["build", "-q", "--as-of", "2026-12-06"]).ok();
    insta::assert_snapshot!("en_index", p.read("output/en/index.html"));
    insta::assert_snapshot!("zh_cn_print", p.read("output/zh-CN/print.html"));
    insta::assert_snapshot!("en_versions", p.read("output/en/versions.html"));
    insta::assert_snapshot!("index", p.read("output/index.html"));
}

#[test]
fn check_output_for_a_stale_translation() {
    let p = Project::sample_with_draft();
    p.edit(
        "content/versions/2026-12-01/en/02-cookies.md",
        "small data files called cookies",
        "small data files called cookies or local storage",
    );
    let run = p.run(&["check", "-q"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("check_stale", run.stdout);
}

/// A draft that adds an SDK, moves the privacy mailbox and fixes a typo, as every format shows it.
#[test]
fn diff_outputs() {
    let p = Project::material_draft();
    p.edit(
        "content/versions/2026-12-01/en/02-cookies.md",
        "give you a easier",
        "give you an easier",
    );
    for format in ["text", "json", "markdown", "html"] {
        let run = p
            .run(&["diff", "2022-10-19", "2026-12-01", "--format", format])
            .ok();
        insta::assert_snapshot!(format!("diff_{format}"), run.stdout);
    }
    let zh = p
        .run(&["diff", "2022-10-19", "2026-12-01", "--locale", "zh-CN"])
        .ok();
    insta::assert_snapshot!("diff_text_zh", zh.stdout);
    assert_eq!(
        p.run(&["diff", "2022-10-19", "2026-12-01", "--fail-on", "material"])
            .code,
        1
    );
    assert_eq!(
        p.run(&["diff", "2022-10-19", "2022-10-19", "--fail-on", "any"])
            .code,
        0
    );
}

/// A changed fact is shown in the sentences that state it, in every report and on the site's
/// redline, even though the section's own text did not change; fact references read as values.
#[test]
fn a_changed_fact_is_shown_in_its_sentences() {
    let p = Project::sample_with_draft();
    p.edit(
        "content/versions/2026-12-01/facts.toml",
        "response_days = 30",
        "response_days = 15",
    );
    let text = p.run(&["diff", "2022-10-19", "2026-12-01"]).ok().stdout;
    assert!(
        text.starts_with("2022-10-19 (effective 2022-08-15) → 2026-12-01"),
        "{text}"
    );
    assert!(
        text.contains("~ We will respond within [-30-]{+15+} days."),
        "{text}"
    );
    let zh = p
        .run(&["diff", "2022-10-19", "2026-12-01", "--locale", "zh-CN"])
        .ok()
        .stdout;
    assert!(zh.contains("~ 我们将在[-30-]{+15+}天内作出答复。"), "{zh}");
    let md = p
        .run(&["diff", "2022-10-19", "2026-12-01", "--format", "markdown"])
        .ok()
        .stdout;
    assert!(md.contains("We will respond within ~~30~~**15** days."), "{md}");
    let html = p
        .run(&["diff", "2022-10-19", "2026-12-01", "--format", "html"])
        .ok()
        .stdout;
    assert!(html.contains("<p class=\"text\">We will respond within <del><span class=\"vh\">[deleted: </span>30<span class=\"vh\">] </span></del><ins><span class=\"vh\">[inserted: </span>15<span class=\"vh\">] </span></ins> days.</p>"), "{html}");
    assert!(!html.contains("{{"), "{html}");
}
