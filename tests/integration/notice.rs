//! `policyc notice`: each material clause with its concrete changes in every format and locale,
//! the `policyc.notice/1` document, notices across several versions, and the usage errors.

use serde_json::{Value, json};

use crate::harness::{DRAFT, Project};

const DRAFT_DIR: &str = "content/versions/2026-12-01";

/// The sample with a draft that adds an SDK, moves the privacy mailbox, doubles the response
/// time (which limits rights) and adds a sentence about selling location data.
fn draft_with_changes() -> Project {
    let p = Project::material_draft();
    p.edit(
        &format!("{DRAFT_DIR}/facts.toml"),
        "response_days = 30",
        "response_days = 60",
    );
    p.edit(
        &format!("{DRAFT_DIR}/en/03-sharing.md"),
        "Currently, our authorized partners include the following types:",
        "Currently, our authorized partners include the following types. We may also sell your location data to data brokers.",
    );
    p
}

fn notice_json(p: &Project, args: &[&str]) -> Value {
    let run = p.run(args).ok();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// The clause `id` of a notice document.
fn clause<'v>(doc: &'v Value, id: &str) -> &'v Value {
    doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no clause {id} in {doc:#}"))
}

#[test]
fn notice_json_lists_each_clause_with_its_concrete_changes() {
    let p = draft_with_changes();
    let doc = notice_json(&p, &["notice", "2022-10-19", DRAFT, "--format", "json"]);
    assert_eq!(doc["schema"], "policyc.notice/1");
    assert_eq!(
        doc["old"],
        json!({"version": "2022-10-19", "locale": "en", "effective": "2022-08-15", "updated": "2022-10-19"})
    );
    assert_eq!(doc["new"]["version"], DRAFT);
    assert_eq!(doc["effective"], "2026-12-01");
    assert_eq!(doc["requires_consent"], true);
    assert_eq!(doc["material"], true);
    assert_eq!(doc["locale"], "en");
    assert_eq!(doc["between"], json!([]));
    assert_eq!(
        doc["redline_url"],
        "https://privacy.smallgogo.example/en/changes/2022-10-19..2026-12-01.html"
    );
    let ids: Vec<&str> = doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["8.3", "8.4", "8.5"], "{doc:#}");
    // a fact's old and new value
    assert_eq!(
        clause(&doc, "8.5")["changes"],
        json!([{"what": "Contact email", "old": "app@smallrig.com", "new": "privacy@smallrig.com",
                "kind": "fact-value-changed", "section": "contact", "requires_consent": false}])
    );
    // a change that limits rights, once, with its consent flag
    let rights = clause(&doc, "8.4");
    assert_eq!(rights["requires_consent"], true);
    assert_eq!(
        rights["changes"],
        json!([{"what": "Response time (days)", "old": "30", "new": "60",
                "kind": "fact-value-changed", "section": "your-rights", "requires_consent": true}])
    );
    // the SDK added and the sentence added (not its whole paragraph)
    let sharing = clause(&doc, "8.3");
    assert!(
        sharing["title"]
            .as_str()
            .unwrap()
            .starts_with("Change in the main recipients"),
        "{sharing:#}"
    );
    let changes = sharing["changes"].as_array().unwrap();
    assert!(
        changes.iter().any(|c| c["what"] == "Third-party SDK added"
            && c["old"].is_null()
            && c["new"].as_str().unwrap().starts_with("Firebase Analytics")),
        "{sharing:#}"
    );
    assert!(
        changes.iter().any(|c| c["what"] == "Text added"
            && c["old"].is_null()
            && c["new"] == "We may also sell your location data to data brokers."),
        "{sharing:#}"
    );

    // in Chinese: titles and labels in the locale's language, the same verdict
    let zh = notice_json(
        &p,
        &[
            "notice",
            "2022-10-19",
            DRAFT,
            "--format",
            "json",
            "--locale",
            "zh-CN",
        ],
    );
    assert_eq!(zh["locale"], "zh-CN");
    assert_eq!(zh["requires_consent"], true);
    assert_eq!(
        clause(&zh, "8.5")["changes"][0],
        json!({"what": "联系邮箱", "old": "app@smallrig.com", "new": "privacy@smallrig.com",
               "kind": "fact-value-changed", "section": "contact", "requires_consent": false})
    );
    assert_eq!(
        clause(&zh, "8.3")["title"],
        "个人信息共享、转让或公开披露的主要对象发生变化"
    );
    assert_eq!(clause(&zh, "8.4")["changes"][0]["what"], "答复期限（天）");
    // a sentence only the English text adds is quoted in English, and says so
    assert!(
        clause(&zh, "8.3")["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["what"] == "新增内容"
                && c["new"] == "We may also sell your location data to data brokers."
                && c["locale"] == "en"),
        "{zh:#}"
    );
    assert!(
        clause(&doc, "8.3")["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c.get("locale").is_none()),
        "{doc:#}"
    );
}

#[test]
fn notice_snapshots() {
    let p = draft_with_changes();
    for (name, args) in [
        ("notice_text", &["notice", "2022-10-19", DRAFT][..]),
        (
            "notice_markdown_zh",
            &[
                "notice",
                "2022-10-19",
                DRAFT,
                "--locale",
                "zh-CN",
                "--format",
                "markdown",
            ],
        ),
        (
            "notice_json",
            &["notice", "2022-10-19", DRAFT, "--format", "json"],
        ),
    ] {
        let run = p.run(args).ok();
        insta::assert_snapshot!(name, run.stdout);
    }
}

#[test]
fn notice_text_markdown_and_html_list_the_concrete_changes() {
    let p = draft_with_changes();
    let text = p.run(&["notice", "2022-10-19", DRAFT]).ok().stdout;
    for line in [
        "- Change in the department responsible for personal information security, the contact details or the complaint channels\n  - Contact email: app@smallrig.com → privacy@smallrig.com\n",
        "  - Response time (days): 30 → 60\n",
        "  - Text added: We may also sell your location data to data brokers.\n",
        "  - Third-party SDK added: Firebase Analytics",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    let md = p
        .run(&[
            "notice",
            "2022-10-19",
            DRAFT,
            "--format",
            "markdown",
            "--locale",
            "zh-CN",
        ])
        .ok()
        .stdout;
    assert!(
        md.contains("  - 联系邮箱：app@smallrig.com → privacy@smallrig.com\n"),
        "{md}"
    );
    assert!(md.contains("  - 答复期限（天）：30 → 60\n"), "{md}");
    let html = p
        .run(&["notice", "2022-10-19", DRAFT, "--format", "html"])
        .ok()
        .stdout;
    assert!(
        html.contains("<li>Contact email: app@smallrig.com → privacy@smallrig.com</li>"),
        "{html}"
    );
}

#[test]
fn a_notice_of_a_version_against_itself_is_a_usage_error() {
    let p = Project::sample_with_draft();
    let run = p.run(&["notice", "2022-10-19", "2022-10-19"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: a notice is about the changes from one version to another: OLD and NEW are both \
         2022-10-19 (give the version users accepted, then the new one)\n"
    );
    let run = p.run(&["notice", DRAFT, "2022-10-19"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: a notice goes from an earlier version to a later one: 2026-12-01 is later than \
         2022-10-19 (did you mean `policyc notice 2022-10-19 2026-12-01`?)\n"
    );
}

#[test]
fn a_notice_across_several_versions_sums_up_everything_since_old() {
    // 2022-10-19 → 2026-12-01 (mailbox moved, SDK added, released) → 2027-03-01 (mailbox moved
    // back, response time doubled)
    let p = Project::material_draft();
    p.release_draft_now();
    let next = "2027-03-01";
    p.run(&["new-version", next, "-q"]).ok();
    let facts = format!("content/versions/{next}/facts.toml");
    p.edit(
        &facts,
        "email = \"privacy@smallrig.com\"",
        "email = \"app@smallrig.com\"",
    );
    p.edit(&facts, "response_days = 30", "response_days = 60");

    let doc = notice_json(&p, &["notice", "2022-10-19", next, "--format", "json"]);
    assert_eq!(doc["between"], json!([DRAFT]));
    assert_eq!(
        doc["redline_url"],
        "https://privacy.smallgogo.example/en/versions.html"
    );
    // the SDK added in the version between is listed, with the response time added since
    let all = doc["clauses"].to_string();
    assert!(all.contains("Firebase Analytics"), "{doc:#}");
    assert!(all.contains("Response time (days)"), "{doc:#}");
    // the mailbox moved and moved back is no change for a user who accepted 2022-10-19
    assert!(!all.contains("privacy@smallrig.com"), "{doc:#}");
    assert_eq!(doc["requires_consent"], true);

    // from the version between, the move back is a change
    let doc = notice_json(&p, &["notice", DRAFT, next, "--format", "json"]);
    assert_eq!(doc["between"], json!([]));
    assert_eq!(
        clause(&doc, "8.5")["changes"][0],
        json!({"what": "Contact email", "old": "privacy@smallrig.com", "new": "app@smallrig.com",
               "kind": "fact-value-changed", "section": "contact", "requires_consent": false})
    );
    let text = p.run(&["notice", "2022-10-19", next]).ok().stdout;
    assert!(
        text.contains("See every change: https://privacy.smallgogo.example/en/versions.html"),
        "{text}"
    );
}

#[test]
fn a_limit_of_rights_is_shown_by_its_sentence_and_needs_consent() {
    let p = Project::sample_with_draft();
    p.edit(
        &format!("{DRAFT_DIR}/en/05-your-rights.md"),
        "We will respond within {{ requests.response_days }} days. If",
        "We will respond within {{ requests.response_days }} days. We charge a fee of 10 dollars for each request. If",
    );
    let doc = notice_json(&p, &["notice", "2022-10-19", DRAFT, "--format", "json"]);
    assert_eq!(doc["requires_consent"], true);
    let rights = clause(&doc, "8.4");
    assert_eq!(rights["requires_consent"], true);
    assert_eq!(
        rights["changes"],
        json!([{"what": "Fee for exercising your rights", "old": null,
                "new": "We charge a fee of 10 dollars for each request.",
                "kind": "limits-rights-fee-added", "section": "your-rights", "requires_consent": true}])
    );
    let zh = p
        .run(&["notice", "2022-10-19", DRAFT, "--locale", "zh-CN"])
        .ok()
        .stdout;
    assert!(
        zh.contains("  - 行使权利须支付费用：We charge a fee of 10 dollars for each request.\n")
            && zh.contains("明示同意"),
        "{zh}"
    );
}
