//! Local images (issue 20): a file of the version's `images/` folder is shown on the page, copied
//! beside every page that shows the version, listed in the manifest and covered by the seal; a
//! missing file, a file that is not what its name says and an SVG are refused.

use std::fs;

use crate::harness::{DRAFT, Project};

/// A 1x1 transparent PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00,
    0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00,
    0x01, 0x7a, 0x5e, 0xab, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const SECTION: &str = "content/versions/2026-12-01/en/06-minors.md";

fn with_image() -> Project {
    let p = Project::sample_with_draft();
    let dir = p.content().join(format!("versions/{DRAFT}/images"));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("parental-consent.png"), PNG).unwrap();
    p.edit(
        SECTION,
        "Minors may not create",
        "![How a parent gives consent](images/parental-consent.png)\n\nMinors may not create",
    );
    // the translation shows the same image: recorded as reviewed
    p.edit(
        "content/versions/2026-12-01/zh-CN/06-minors.md",
        "未成年人未经父母",
        "![家长如何表示同意](images/parental-consent.png)\n\n未成年人未经父母",
    );
    p.run(&["translated", "minors", "--locale", "zh-CN", "-q"]).ok();
    p
}

fn manifest_paths(p: &Project) -> Vec<String> {
    let m: serde_json::Value = serde_json::from_str(&p.read("output/manifest.json")).unwrap();
    m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_local_image_is_shown_copied_listed_and_sealed() {
    let p = with_image();
    p.run(&["build", "-q", "--drafts"]).ok();
    let page = p.read(&format!("output/drafts/en/{DRAFT}/index.html"));
    assert!(
        page.contains("<img src=\"images/parental-consent.png\" alt=\"How a parent gives consent\""),
        "{page}"
    );
    for locale in ["en", "zh-CN"] {
        let copied = format!("drafts/{locale}/{DRAFT}/images/parental-consent.png");
        assert_eq!(fs::read(p.path().join("output").join(&copied)).unwrap(), PNG);
        assert!(manifest_paths(&p).contains(&copied));
    }
    // released, it is sealed, and shown from the archived page and the current copy
    p.release_draft_now();
    let lock = p.read("content/versions.lock");
    assert!(lock.contains("\"images/parental-consent.png\""), "{lock}");
    p.run(&["build", "-q"]).ok();
    let paths = manifest_paths(&p);
    for copy in [
        format!("en/{DRAFT}/images/parental-consent.png"),
        "en/images/parental-consent.png".to_string(),
        "zh-CN/images/parental-consent.png".to_string(),
    ] {
        assert!(paths.contains(&copy), "{copy} not in {paths:?}");
    }
    assert!(
        p.read("output/en/index.html")
            .contains("src=\"images/parental-consent.png\"")
    );
    // a changed image breaks the seal like a changed text
    let image = p
        .content()
        .join(format!("versions/{DRAFT}/images/parental-consent.png"));
    let mut changed = PNG.to_vec();
    changed.push(0);
    fs::write(&image, changed).unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("images/parental-consent.png: sealed file of published version 2026-12-01 changed"),
        "{}",
        run.stderr
    );
    fs::write(&image, PNG).unwrap();
    // and so does an image added after the release
    fs::write(image.with_file_name("extra.png"), PNG).unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("file added to published version"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_version_copies_the_images() {
    let p = with_image();
    p.release_draft_now();
    p.run(&["new-version", "2027-01-01", "-q"]).ok();
    assert_eq!(
        fs::read(
            p.content()
                .join("versions/2027-01-01/images/parental-consent.png")
        )
        .unwrap(),
        PNG
    );
    p.run(&["check", "-q"]).ok();
}

#[test]
fn images_that_are_not_what_they_claim_are_refused() {
    let p = with_image();
    p.edit(SECTION, "images/parental-consent.png", "images/missing.png");
    let run = p.run(&["build", "--drafts"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(&format!(
            "error: {SECTION}:8:1: image `images/missing.png` is not a file of this version"
        )),
        "{}",
        run.stderr
    );
    let p = with_image();
    let dir = p.content().join(format!("versions/{DRAFT}/images"));
    fs::write(dir.join("parental-consent.png"), "<svg onload=alert(1)>").unwrap();
    let run = p.run(&["build", "--drafts"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("parental-consent.png: is not a PNG file"),
        "{}",
        run.stderr
    );
    let p = with_image();
    let dir = p.content().join(format!("versions/{DRAFT}/images"));
    fs::write(dir.join("logo.svg"), "<svg/>").unwrap();
    let run = p.run(&["build", "--drafts"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("logo.svg: not an image policyc publishes"),
        "{}",
        run.stderr
    );
}
