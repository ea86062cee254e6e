//! The zh-CN edition: parity with English, localized dates and messages, staleness workflow.

use std::collections::BTreeSet;

use crate::harness::{Project, html_text, main_of};

fn heading_ids(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| {
            l.rsplit_once("{#")
                .map(|(_, id)| id.trim_end_matches('}').to_string())
        })
        .collect()
}

#[test]
fn both_locales_have_every_section_with_equal_heading_ids() {
    let p = Project::sample();
    let dir = p.version_dir();
    let names = |l: &str| -> BTreeSet<String> {
        std::fs::read_dir(dir.join(l))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names("en"), names("zh-CN"));
    assert_eq!(names("en").len(), 10);
    for name in names("en") {
        let en = p.read(&format!("content/versions/2022-10-19/en/{name}"));
        let zh = p.read(&format!("content/versions/2022-10-19/zh-CN/{name}"));
        assert_eq!(heading_ids(&en), heading_ids(&zh), "{name}");
    }
}

#[test]
fn chinese_page_is_localized() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let zh = p.read("output/zh-CN/index.html");
    assert!(zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(zh.contains("<time datetime=\"2022-10-19\">2022年10月19日</time>"));
    assert!(zh.contains("<time datetime=\"2022-08-15\">2022年8月15日</time>"));
    assert!(zh.contains("hreflang=\"en\" href=\"https://privacy.smallgogo.example/en/\""));
    assert!(zh.contains("深圳市乐其网络科技有限公司"));
    assert!(zh.contains("一、我们如何收集和使用您的个人信息"));
    assert!(!zh.contains("10/19/2022"));
    // the language switcher of an archived page keeps the version
    let archived = p.read("output/zh-CN/2022-10-19/index.html");
    assert!(archived.contains("href=\"../../en/2022-10-19/index.html\""));
}

/// Latin words allowed in Chinese body text: product, SDK and technical names.
const ALLOWED_LATIN: &[&str] = &[
    "SmallGoGo",
    "Cookie",
    "IMEI",
    "IDFA",
    "IMSI",
    "OAID",
    "MAC",
    "SIM",
    "HTTPS",
    "SSL",
    "SDK",
    "APP",
    "App",
    "uni",
    "app",
    "Wap",
    "DCloud",
    "Android",
    "TBS",
    "Bugly",
    "Glide",
    "URL",
    "HTML",
    "WebView",
    "ID",
    "IP",
    "SD",
    "com",
    "bumptech",
    "glide",
    "tencent",
    "smtt",
    "bugly",
    "smallrig",
];

#[test]
fn no_english_in_chinese_body() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let text = html_text(main_of(&p.read("output/zh-CN/index.html")));
    let mut found = BTreeSet::new();
    for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if word.len() >= 2 && !ALLOWED_LATIN.contains(&word) {
            found.insert(word.to_string());
        }
    }
    assert!(found.is_empty(), "English in the zh-CN page: {found:?}");
}

/// Runs `check --format json`, expects exit 1, returns the error-level findings.
#[track_caller]
fn check_errors(p: &Project) -> Vec<serde_json::Value> {
    let run = p.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["schema"], "policyc.check/1");
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["level"] == "error")
        .cloned()
        .collect()
}

#[test]
fn stale_translation_is_found_and_cleared() {
    let p = Project::sample_with_draft();
    p.run(&["check"]).ok();
    p.edit(
        "content/versions/2026-12-01/en/06-minors.md",
        "Minors may not create their own user accounts",
        "Minors under 14 may not create their own user accounts",
    );
    let findings = check_errors(&p);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f["rule"], "translation-stale");
    assert_eq!(f["file"], "content/versions/2026-12-01/zh-CN/06-minors.md");
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains("content/versions/2026-12-01/en/06-minors.md"),
        "{msg}"
    );
    assert!(msg.contains("Minors under 14 may not create"), "{msg}");
    // build warns, --strict refuses
    let build = p.run(&["build", "--drafts"]);
    assert_eq!(build.code, 0);
    assert!(
        build.stderr.contains("warning[translation-stale]"),
        "{}",
        build.stderr
    );
    assert_eq!(p.run(&["build", "--strict"]).code, 2);
    // the translator marks the section reviewed
    p.run(&["translated", "minors", "--locale", "zh-CN"]).ok();
    p.run(&["check"]).ok();
}

#[test]
fn a_fact_change_makes_nothing_stale() {
    let p = Project::sample_with_draft();
    p.edit(
        "content/versions/2026-12-01/facts.toml",
        "email = \"app@smallrig.com\"",
        "email = \"privacy@smallrig.com\"",
    );
    p.edit(
        "content/versions/2026-12-01/facts.toml",
        "package = \"com.tencent.bugly\"",
        "package = \"com.tencent.bugly.pro\"",
    );
    p.run(&["check"]).ok();
}

#[test]
fn a_new_fact_without_chinese_text_is_a_finding() {
    let p = Project::sample_with_draft();
    let facts = p.read("content/versions/2026-12-01/facts.toml");
    let sdk = "\n[[sdks]]\nid = \"firebase\"\nname = { en = \"Firebase Analytics\" }\npackage = \"com.google.firebase.analytics\"\npurpose = { en = \"collects app usage events\" }\ndata = \"not_stated\"\n";
    let at = facts.find("\n# I 2.2.2 permissions").unwrap();
    p.write(
        "content/versions/2026-12-01/facts.toml",
        &format!("{}{sdk}{}", &facts[..at], &facts[at..]),
    );
    let findings = check_errors(&p);
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!(f["rule"], "fact-translation-missing", "{f}");
        assert!(f["message"].as_str().unwrap().contains("sdks.firebase"), "{f}");
    }
    // and the Chinese page cannot be built
    let build = p.run(&["build", "--drafts"]);
    assert_eq!(build.code, 2);
    assert!(
        build
            .stderr
            .contains("fact `sdks.firebase.name` has no `zh-CN` text"),
        "{}",
        build.stderr
    );
}

#[test]
fn a_heading_renamed_in_one_locale_is_reported_by_both_ids() {
    let p = Project::sample_with_draft();
    p.edit(
        "content/versions/2026-12-01/zh-CN/03-sharing.md",
        " {#transfer}",
        " {#transfer-zh}",
    );
    // a renamed id is reported both ways: the new id is extra, the old one missing
    let findings = check_errors(&p);
    assert_eq!(findings.len(), 2, "{findings:#?}");
    for f in &findings {
        assert_eq!(f["rule"], "locale-parity");
        assert_eq!(f["file"], "content/versions/2026-12-01/zh-CN/03-sharing.md");
    }
    let messages: Vec<&str> = findings.iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert!(
        messages.iter().any(|m| m.contains("`transfer-zh` is not in"))
            && messages
                .iter()
                .any(|m| m.contains("`transfer` of") && m.contains("is missing")),
        "{messages:#?}"
    );
}

#[test]
fn no_english_in_a_chinese_redline() {
    // a released material change: a new SDK and a new privacy mailbox
    let p = Project::material_draft();
    p.release_draft_now();
    p.run(&["build", "-q"]).ok();
    let page = p.read(&format!(
        "output/zh-CN/changes/2022-10-19..{}.html",
        crate::harness::DRAFT
    ));
    let text = html_text(main_of(&page));
    assert!(text.contains("新增 SDK：Firebase Analytics"), "{text}");
    assert!(text.contains("联系邮箱："), "{text}");
    let mut found = BTreeSet::new();
    // the new SDK's own name and package, and the mailbox, are evidence, not English prose
    let evidence = [
        "firebase",
        "analytics",
        "google",
        "privacy",
        "app",
        "com",
        "comprivacy",
    ];
    // the notice's link to this page
    let url_words = ["https", "smallgogo", "example", "zh", "cn", "changes", "html"];
    for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
        let lower = word.to_ascii_lowercase();
        if word.len() >= 2
            && !ALLOWED_LATIN.contains(&word)
            && !evidence.contains(&lower.as_str())
            && !url_words.contains(&lower.as_str())
        {
            found.insert(word.to_string());
        }
    }
    assert!(found.is_empty(), "English in the zh-CN redline: {found:?}");
}

/// One verdict per version: a change made in the English text only is a material change in the
/// Chinese archive, redline and feed too, with the English sentence quoted as written.
#[test]
fn an_english_only_change_is_material_in_every_locale_page() {
    let p = Project::sample_with_draft();
    p.edit(
        &format!("content/versions/{}/en/03-sharing.md", crate::harness::DRAFT),
        "{#transfer}\n\nWe do not transfer",
        // inside a paragraph: a paragraph more would be a locale-parity error, refused at release
        "{#transfer}\n\nWe sell your personal information to data brokers. We do not transfer",
    );
    // the translator marks the Chinese text reviewed without carrying the sentence over
    p.run(&["translated", "sharing", "--locale", "zh-CN"]).ok();
    p.release_draft_now();
    p.run(&["build", "-q"]).ok();
    let title_zh = "个人信息共享、转让或公开披露的主要对象发生变化";
    let versions = p.read("output/zh-CN/versions.html");
    assert!(versions.contains(title_zh), "{}", html_text(main_of(&versions)));
    let redline = p.read(&format!(
        "output/zh-CN/changes/2022-10-19..{}.html",
        crate::harness::DRAFT
    ));
    assert!(
        redline.contains("data brokers"),
        "{}",
        html_text(main_of(&redline))
    );
    assert!(p.read("output/zh-CN/feed.xml").contains(title_zh));
    let en_versions = p.read("output/en/versions.html");
    assert!(en_versions.contains("Change in the main recipients"));
}
