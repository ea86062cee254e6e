//! Snapshots of what people read: the rendered pages of the sample and error output.

use crate::harness::Project;

#[test]
fn sample_pages() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
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
