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
    let p = Project::sample();
    p.edit(
        "content/versions/2022-10-19/en/02-cookies.md",
        "small data files called cookies",
        "small data files called cookies or local storage",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("check_stale", run.stdout);
}
