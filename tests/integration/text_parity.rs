//! `locale-parity` on text: under each heading a translation has as many paragraphs, list items and
//! table rows as the source, and no paragraph in another script than its locale's; on a sealed
//! (published) version these are warnings, on drafts errors.

use crate::harness::{Project, findings};

const DRAFT_ZH: &str = "content/versions/2026-12-01/zh-CN/06-minors.md";
const SEALED_ZH: &str = "content/versions/2022-10-19/zh-CN/06-minors.md";
const SECOND_ZH: &str = "对于未成年人的个人信息，我们只会在法律法规允许、父母或监护人明确同意或者保护未成年人所必要的情况下使用、共享、转让或披露。";
const ENGLISH: &str = "For the personal information of minors, we only use, share, transfer or disclose it when the law allows it, parents or guardians consent, or it is necessary to protect the minor.";

/// `check --format json`: its exit code and its locale-parity findings.
fn parity(p: &Project) -> (i32, Vec<serde_json::Value>) {
    findings(p, "locale-parity")
}

fn line_of(p: &Project, file: &str, marker: &str) -> u64 {
    let text = p.read(file);
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("{marker:?} not in {file}"));
    text[..at].matches('\n').count() as u64 + 1
}

#[test]
fn the_sample_and_a_fresh_draft_have_no_parity_finding() {
    let p = Project::sample_with_draft();
    let (code, found) = parity(&p);
    assert_eq!((code, found.len()), (0, 0), "{found:#?}");
}

#[test]
fn an_english_paragraph_left_in_a_chinese_draft_is_an_error() {
    let p = Project::sample_with_draft();
    p.edit(DRAFT_ZH, SECOND_ZH, ENGLISH);
    let (code, found) = parity(&p);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f["level"], "error");
    assert_eq!(f["file"], DRAFT_ZH);
    assert_eq!(f["line"], line_of(&p, DRAFT_ZH, "For the personal"));
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("another script") && message.contains("For the personal information"),
        "{message}"
    );
}

#[test]
fn a_chinese_paragraph_deleted_from_a_draft_is_an_error_naming_the_source() {
    let p = Project::sample_with_draft();
    p.edit(DRAFT_ZH, &format!("\n\n{SECOND_ZH}"), "");
    let (code, found) = parity(&p);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f["level"], "error");
    assert_eq!(f["file"], DRAFT_ZH);
    let message = f["message"].as_str().unwrap();
    let en = "content/versions/2026-12-01/en/06-minors.md";
    // the text before the first heading starts there
    let heading_en = line_of(&p, en, "Minors may not create");
    assert!(
        message.contains("1 paragraph here, 2 paragraphs in")
            && message.contains(&format!("{en}:{heading_en}")),
        "{message}"
    );
}

#[test]
fn a_list_item_added_in_one_locale_is_an_error() {
    let p = Project::sample_with_draft();
    let file = "content/versions/2026-12-01/zh-CN/00-preamble.md";
    let text = p.read(file);
    // the first list item of the file, doubled
    let at = text
        .find("\n- ")
        .or_else(|| text.find("\n1. "))
        .expect("a list in the preamble");
    let end = at + 1 + text[at + 1..].find('\n').unwrap();
    let item = text[at..end].to_string();
    p.write(file, &format!("{}{item}{}", &text[..end], &text[end..]));
    let (code, found) = parity(&p);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]["message"].as_str().unwrap().contains("list items here"),
        "{found:#?}"
    );
}

#[test]
fn on_a_sealed_version_the_same_findings_are_warnings() {
    let p = Project::sample();
    p.edit(SEALED_ZH, SECOND_ZH, ENGLISH);
    let (_, found) = parity(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["level"], "warning");
    assert_eq!(found[0]["file"], SEALED_ZH);
    // the edit itself is what the seal reports, as an error
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("sealed-version-changed"), "{}", run.stdout);
}

/// What a translator reads: an English paragraph left in one Chinese file, a paragraph deleted
/// from another.
#[test]
fn check_output_for_a_translation_out_of_shape() {
    let p = Project::sample_with_draft();
    p.edit(DRAFT_ZH, SECOND_ZH, ENGLISH);
    p.edit(
        "content/versions/2026-12-01/zh-CN/03-sharing.md",
        "我们不会将您的个人信息转让给任何公司、组织和个人，但以下情况除外：\n\n",
        "",
    );
    let run = p.run(&["check", "-q"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("check_out_of_shape", run.stdout);
}
