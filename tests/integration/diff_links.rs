//! The diff sees links and order (issue 19 items 7 and 8): a changed link target is a change
//! (editorial when only its spelling changed, substantive otherwise, material 8.5 for a contact
//! channel), and reordered sections of a plain Markdown file are moves, in every report and under
//! `--fail-on`.

use serde_json::Value;

use crate::harness::{DRAFT, Project, Run, run_in};

const POLICY: &str = "# Privacy policy

## Data we collect

We collect your name and email when you sign up. ![Logo](images/logo-v1.png)

## Sharing

We share data with [our partners](https://example.com/partners) only.

## Contact

Write to us at [privacy@example.com](mailto:privacy@example.com) or use our [complaint form](https://example.com/complaints).

Read our [cookie notice](https://Example.com:443/cookies/?utm_source=newsletter&fbclid=abc).
";

/// `old.md` (the policy above) and `new.md` (`edit` applied to it) in a fresh folder.
fn pair(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.md"), POLICY).unwrap();
    let new = edit(POLICY);
    assert_ne!(new, POLICY, "the edit changes the file");
    std::fs::write(dir.path().join("new.md"), new).unwrap();
    dir
}

fn diff(dir: &tempfile::TempDir, extra: &[&str]) -> Run {
    let mut args = vec!["diff", "old.md", "new.md"];
    args.extend_from_slice(extra);
    run_in(dir.path(), &args, &[])
}

fn json(dir: &tempfile::TempDir) -> Value {
    let run = diff(dir, &["--format", "json"]).ok();
    serde_json::from_str(&run.stdout).unwrap()
}

/// The exit codes under `--fail-on material` and `--fail-on any`.
fn fail_on(dir: &tempfile::TempDir) -> (i32, i32) {
    (
        diff(dir, &["--fail-on", "material"]).code,
        diff(dir, &["--fail-on", "any"]).code,
    )
}

/// The one change of a JSON report.
fn only_change(doc: &Value) -> &Value {
    let changes = doc["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{doc:#}");
    &changes[0]
}

#[test]
fn a_link_target_written_differently_is_editorial() {
    let dir = pair(|p| {
        p.replace(
            "https://Example.com:443/cookies/?utm_source=newsletter&fbclid=abc",
            "https://example.com/cookies",
        )
    });
    let doc = json(&dir);
    let c = only_change(&doc);
    assert_eq!(c["severity"], "editorial", "{c:#}");
    assert_eq!(c["evidence"][0]["kind"], "link-target-equivalent");
    assert_eq!(c["links"][0]["equivalent"], true);
    assert_eq!(c["links"][0]["new"], "https://example.com/cookies");
    assert_eq!(doc["material"], false);
    assert_eq!(fail_on(&dir), (0, 1));
}

#[test]
fn another_link_target_is_substantive() {
    let dir = pair(|p| {
        p.replace(
            "https://example.com/partners",
            "https://example.com/partners-2026",
        )
    });
    let doc = json(&dir);
    let c = only_change(&doc);
    assert_eq!(c["severity"], "substantive", "{c:#}");
    assert_eq!(c["evidence"][0]["kind"], "link-target-changed");
    assert_eq!(c["links"][0]["text"], "our partners");
    assert_eq!(c["links"][0]["old"], "https://example.com/partners");
    assert_eq!(c["links"][0]["new"], "https://example.com/partners-2026");
    assert_eq!(fail_on(&dir), (0, 1));
    let text = diff(&dir, &[]).ok().stdout;
    assert!(
        text.contains(
            "@ link \"our partners\": https://example.com/partners → https://example.com/partners-2026"
        ),
        "{text}"
    );
}

#[test]
fn a_changed_mailto_is_a_contact_channel_change() {
    let dir = pair(|p| p.replace("mailto:privacy@example.com", "mailto:dpo@example.com"));
    let doc = json(&dir);
    let c = only_change(&doc);
    assert_eq!(c["severity"], "material", "{c:#}");
    assert_eq!(c["clauses"], serde_json::json!(["8.5"]));
    assert_eq!(c["evidence"][0]["kind"], "contact-link-changed");
    assert_eq!(c["evidence"][0]["clause"], "8.5");
    assert_eq!(doc["clauses"], serde_json::json!(["8.5"]));
    assert_eq!(fail_on(&dir), (1, 1));
}

/// An address that only a link held is a contact channel gone; a form's link taken off words
/// that stay is not.
#[test]
fn an_address_only_a_link_held_is_a_channel() {
    let dpo = |p: &str| {
        p.replace(
            "[privacy@example.com](mailto:privacy@example.com)",
            "[our DPO](mailto:dpo@example.com)",
        )
    };
    let dir = pair(|p| dpo(p).replace("[our DPO](mailto:dpo@example.com)", "our DPO"));
    std::fs::write(dir.path().join("old.md"), dpo(POLICY)).unwrap();
    let doc = json(&dir);
    let c = only_change(&doc);
    assert_eq!(c["evidence"][0]["kind"], "contact-link-removed", "{c:#}");
    assert_eq!(c["clauses"], serde_json::json!(["8.5"]));
    assert_eq!(fail_on(&dir), (1, 1));
    let dir = pair(|p| {
        p.replace(
            "[complaint form](https://example.com/complaints)",
            "complaint form",
        )
    });
    let c = only_change(&json(&dir)).clone();
    assert_eq!(c["evidence"][0]["kind"], "link-removed", "{c:#}");
    assert_eq!(fail_on(&dir), (0, 1));
}

#[test]
fn a_changed_complaint_form_is_a_contact_channel_change() {
    let dir = pair(|p| p.replace("https://example.com/complaints", "https://forms.example.net/f/81"));
    let doc = json(&dir);
    assert_eq!(doc["clauses"], serde_json::json!(["8.5"]), "{doc:#}");
    let c = only_change(&doc);
    assert!(
        c["reasons"][0]
            .as_str()
            .unwrap()
            .starts_with("contact channel (complaint form) changed"),
        "{c:#}"
    );
    assert_eq!(fail_on(&dir), (1, 1));
    // the HTML redline shows the old address deleted and the new one inserted
    let html = diff(&dir, &["--format", "html"]).ok().stdout;
    assert!(
        html.contains("https://example.com/complaints<span class=\"vh\">] </span></del> → <ins>"),
        "{html}"
    );
    assert!(html.contains("https://forms.example.net/f/81<span class=\"vh\">] </span></ins>"));
}

#[test]
fn a_changed_image_source_is_a_change() {
    let dir = pair(|p| p.replace("images/logo-v1.png", "images/logo-v2.png"));
    let doc = json(&dir);
    let c = only_change(&doc);
    assert_eq!(c["links"][0]["kind"], "image", "{c:#}");
    assert_eq!(c["severity"], "substantive");
    assert_eq!(fail_on(&dir), (0, 1));
}

/// What people read of a link change: the verdict, the clause, and the old → new address.
#[test]
fn text_report_of_a_link_change() {
    let dir = pair(|p| {
        p.replace("mailto:privacy@example.com", "mailto:dpo@example.com")
            .replace("https://example.com/partners", "https://partners.example.org/")
    });
    let run = diff(&dir, &[]).ok();
    insta::assert_snapshot!("diff_text_links", run.stdout);
}

#[test]
fn reordered_sections_are_moves() {
    let dir = pair(|p| {
        let sharing =
            "## Sharing\n\nWe share data with [our partners](https://example.com/partners) only.\n\n";
        let p = p.replace(sharing, "");
        p.replace("## Data we collect", &format!("{sharing}## Data we collect"))
    });
    let doc = json(&dir);
    let c = only_change(&doc);
    assert_eq!(c["kind"], "moved", "{c:#}");
    assert_eq!(c["section"], "sharing");
    assert_eq!(c["severity"], "editorial");
    assert_eq!(c["position"], serde_json::json!({"old": 3, "new": 2}));
    assert_eq!(c["evidence"][0]["kind"], "section-moved");
    assert_eq!(fail_on(&dir), (0, 1));
    let text = diff(&dir, &[]).ok().stdout;
    assert!(
        text.contains("[section moved: position 3 → 2; editorial]"),
        "{text}"
    );
}

/// Numbered sections reordered are renumbered too: the move and the new numbers are editorial.
#[test]
fn reordered_numbered_sections_are_editorial_moves() {
    let numbered = |p: &str, first: &str, second: &str| {
        p.replace("## Data we collect", &format!("## {first}. Data we collect"))
            .replace("## Sharing", &format!("## {second}. Sharing"))
            .replace("## Contact", "## 3. Contact")
    };
    let dir = pair(|p| {
        let sharing =
            "## Sharing\n\nWe share data with [our partners](https://example.com/partners) only.\n\n";
        let p = p.replace(sharing, "");
        numbered(
            &p.replace("## Data we collect", &format!("{sharing}## Data we collect")),
            "2",
            "1",
        )
    });
    std::fs::write(dir.path().join("old.md"), numbered(POLICY, "1", "2")).unwrap();
    let doc = json(&dir);
    let changes = doc["changes"].as_array().unwrap();
    assert!(changes.iter().any(|c| c["kind"] == "moved"), "{doc:#}");
    assert!(changes.iter().all(|c| c["severity"] == "editorial"), "{doc:#}");
    assert_eq!(fail_on(&dir), (0, 1));
}

#[test]
fn links_of_versions_are_compared_too() {
    let p = Project::sample_with_draft();
    // an in-page link to another place: substantive, not a contact channel
    p.edit(
        &format!("content/versions/{DRAFT}/en/00-preamble.md"),
        "(#collect-and-use)",
        "(#cookies)",
    );
    let run = p.run(&["diff", "2022-10-19", DRAFT, "--format", "json"]).ok();
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    let c = only_change(&doc);
    assert_eq!(c["severity"], "substantive", "{c:#}");
    assert_eq!(c["links"][0]["old"], "#collect-and-use");
    assert_eq!(c["links"][0]["new"], "#cookies");
    assert_eq!(p.run(&["diff", "2022-10-19", DRAFT, "--fail-on", "any"]).code, 1);
    assert_eq!(
        p.run(&["diff", "2022-10-19", DRAFT, "--fail-on", "material"])
            .code,
        0
    );
    // the contact section's link to a contact form leads elsewhere: a contact channel changed
    // (the published version is edited in this copy only, to give it the link)
    for (version, form) in [("2022-10-19", "contact-form"), (DRAFT, "feedback")] {
        p.edit(
            &format!("content/versions/{version}/en/09-contact.md"),
            "you may contact us through",
            &format!("you may [contact us](https://smallgogo.example/{form}) through"),
        );
    }
    let run = p.run(&["diff", "2022-10-19", DRAFT, "--format", "json"]).ok();
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["clauses"], serde_json::json!(["8.5"]), "{doc:#}");
    let kinds: Vec<&str> = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap())
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"contact-link-changed"), "{kinds:?}");
    // the notice names the channel with its old and new address
    let notice = p.run(&["notice", "2022-10-19", DRAFT, "--format", "json"]).ok();
    let notice: Value = serde_json::from_str(&notice.stdout).unwrap();
    let change = &notice["clauses"][0]["changes"][0];
    assert_eq!(change["what"], "Contact form", "{notice:#}");
    assert_eq!(change["old"], "https://smallgogo.example/contact-form");
    assert_eq!(change["new"], "https://smallgogo.example/feedback");
    assert_eq!(
        p.run(&["diff", "2022-10-19", DRAFT, "--fail-on", "material"])
            .code,
        1
    );
}
