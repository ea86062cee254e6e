//! Phone numbers in prose without false positives: on 35 real policies labelled by reading
//! (`tests/corpus/phones/labels.toml`), every number found is a labelled phone and at least 95 % of
//! the labelled phones are found; through the binary, `check` takes standard, register and licence
//! numbers, dates and versions for what they are, and `import` leaves them in the text.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::harness::{Project, repo};

#[derive(Deserialize)]
struct Labels {
    policy: Vec<Policy>,
}

#[derive(Deserialize)]
struct Policy {
    file: String,
    lang: String,
    phones: Vec<String>,
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn real_policies_phones_found_without_false_positives() {
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(repo().join("tests/corpus/phones/labels.toml")).unwrap())
            .unwrap();
    let companies: BTreeSet<&str> = labels.policy.iter().map(|p| p.file.as_str()).collect();
    assert!(companies.len() >= 20, "a corpus of at least 20 policies");
    for lang in ["en", "zh"] {
        assert!(
            labels.policy.iter().filter(|p| p.lang == lang).count() >= 10,
            "{lang}"
        );
    }
    let (mut found_right, mut labelled) = (0, 0);
    let mut wrong = Vec::new();
    let mut missed = Vec::new();
    for policy in &labels.policy {
        let text = std::fs::read_to_string(repo().join("tests/corpus/real").join(&policy.file)).unwrap();
        let want: BTreeSet<String> = policy.phones.iter().map(|p| digits(p)).collect();
        let got: BTreeSet<String> = policyc::lint::find_phones(&text)
            .iter()
            .map(|p| digits(p))
            .collect();
        labelled += want.len();
        found_right += want.intersection(&got).count();
        wrong.extend(got.difference(&want).map(|p| format!("{}: {p}", policy.file)));
        missed.extend(want.difference(&got).map(|p| format!("{}: {p}", policy.file)));
    }
    assert!(labelled >= 20, "{labelled} labelled phones");
    assert!(wrong.is_empty(), "numbers taken for phones: {wrong:#?}");
    let recall = found_right as f64 / labelled as f64;
    assert!(recall >= 0.95, "recall {recall:.2}; missed {missed:#?}");
}

const DRAFT_ZH: &str = "content/versions/2026-12-01/zh-CN/09-contact.md";
const DRAFT_EN: &str = "content/versions/2026-12-01/en/09-contact.md";

/// The `prose-contains-fact` findings of `check --format json`, as (file, message).
fn prose_facts(p: &Project) -> Vec<(String, String)> {
    let run = p.run(&["check", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "prose-contains-fact")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Appends a paragraph to a draft's section file.
fn append(p: &Project, file: &str, paragraph: &str) {
    let text = p.read(file);
    p.write(file, &format!("{}\n\n{paragraph}\n", text.trim_end()));
}

#[test]
fn check_takes_standards_registers_licences_dates_and_versions_for_what_they_are() {
    let p = Project::sample_with_draft();
    append(
        &p,
        DRAFT_ZH,
        "本政策依据 GB/T 35273-2020《信息安全技术 个人信息安全规范》、ISO/IEC 27001:2013 与 GB/T 22239-2019 制定。\
我们的统一社会信用代码为 91440300MA5DC4XK2R，营业执照注册号 440301113457789，粤ICP备17096621号-1，\
增值电信业务经营许可证 粤B2-20190012。本版本 2.3.1 更新于 2022-10-19，即 20221019。",
    );
    append(
        &p,
        DRAFT_EN,
        "This policy follows ISO/IEC 29100:2011, RFC 6265 and EN 301 549 V3.2.1 (2021-03), IEC 62443-3-3 and \
GB/T 35273-2020. Company registration number 10254738; licence no. 2019-0042. App version 10.2.1045.7, \
released 2022-10-19.",
    );
    let found = prose_facts(&p);
    assert!(found.is_empty(), "{found:#?}");
    // a real phone number still is one
    append(&p, DRAFT_ZH, "如有疑问，请拨打客服电话 400-835-3331。");
    let found = prose_facts(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, DRAFT_ZH);
    assert!(
        found[0].1.contains("phone number `400-835-3331`"),
        "{}",
        found[0].1
    );
}

#[test]
fn import_leaves_a_standard_number_in_the_text() {
    let p = Project::sample();
    let policy = repo().join("tests/corpus/real/zh-policies/coolapk.md");
    let run = p.run(&[
        "import",
        policy.to_str().unwrap(),
        "--content",
        "imported",
        "--version",
        "2024-01-01",
        "--locale",
        "zh-CN",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all: String = crate::harness::tree(&p.path().join("imported"))
        .into_iter()
        .filter(|(k, _)| k.ends_with(".md"))
        .map(|(_, v)| String::from_utf8(v).unwrap())
        .collect();
    assert!(
        all.contains("GB/T 35273-2017"),
        "the standard's number was rewritten"
    );
    let facts = p.read("imported/versions/2024-01-01/facts.toml");
    assert!(!facts.contains("35273"), "{facts}");
}
