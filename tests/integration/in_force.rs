//! The version in force: the as-of date of a build, what the current pages show and announce,
//! the archive's status column, `policyc show`, and `data/consent.json`. Every test pins its date.

use crate::harness::{Project, main_of, run_in};

/// The sample (2022-10-19, effective 2022-08-15), then 2026-12-01 (effective the same day), which
/// adds a fee for access requests (limits rights: consent), then 2026-12-15, effective
/// 2027-01-05, which changes nothing that needs consent.
fn three_versions() -> Project {
    let p = Project::sample();
    p.run(&["new-version", "2026-12-01", "-q"]).ok();
    for (locale, sentence) in [
        (
            "en",
            "Each request to access your personal information costs 20 EUR.",
        ),
        ("zh-CN", "每次访问您个人信息的请求收费20元。"),
    ] {
        p.edit(
            &format!("content/versions/2026-12-01/{locale}/05-your-rights.md"),
            "{{ rights.access.how }}",
            &format!("{sentence}\n\n{{{{ rights.access.how }}}}"),
        );
    }
    p.run(&[
        "translated",
        "all",
        "--locale",
        "zh-CN",
        "--version",
        "2026-12-01",
        "-q",
    ])
    .ok();
    p.run(&[
        "release",
        "2026-12-01",
        "--date",
        "2026-12-01",
        "--no-notice-period",
        "--reason",
        "test",
        "-q",
    ])
    .ok();
    p.run(&["new-version", "2026-12-15", "-q"]).ok();
    p.edit(
        "content/versions/2026-12-15/version.toml",
        "effective = 2026-12-15",
        "effective = 2027-01-05",
    );
    // released on its own day: the clock says so
    run_in(
        p.path(),
        &["release", "2026-12-15", "--date", "2026-12-15", "-q"],
        &[("POLICYC_TODAY", "2026-12-15")],
    )
    .ok();
    p
}

fn build_report(p: &Project, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["build", "--format", "json"];
    all.extend_from_slice(args);
    let run = p.run(&all).ok();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn json(p: &Project, rel: &str) -> serde_json::Value {
    serde_json::from_str(&p.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of the page's version banner (outside `<main>`), or "" when it has none.
fn banner(html: &str) -> &str {
    let Some(start) = html.find("<aside class=\"banner") else {
        return "";
    };
    let end = start + html[start..].find("</aside>").expect("a closed banner");
    assert!(
        end < html.find("<main").unwrap(),
        "the banner comes before <main>"
    );
    &html[start..end]
}

#[test]
fn the_current_page_shows_the_version_in_force_and_announces_the_upcoming_one() {
    let p = three_versions();
    let report = build_report(&p, &["--as-of", "2026-12-20"]);
    assert_eq!(report["as_of"], "2026-12-20");
    assert_eq!(report["as_of_source"], "flag");
    assert_eq!(report["in_force"], "2026-12-01");
    assert_eq!(report["upcoming"], serde_json::json!(["2026-12-15"]));
    assert_eq!(json(&p, "output/manifest.json")["as_of"], "2026-12-20");

    // the current page: the version in force, and a banner announcing the upcoming one
    let current = p.read("output/en/index.html");
    assert!(main_of(&current).contains("<dd>2026-12-01</dd>"), "{current}");
    assert_eq!(
        banner(&current),
        "<aside class=\"banner\" aria-label=\"About this version\">\n<p>An updated policy takes effect on January 5, 2027: <a href=\"changes/2026-12-01..2026-12-15.html\">see what changes</a></p>\n"
    );
    assert!(
        p.path()
            .join("output/en/changes/2026-12-01..2026-12-15.html")
            .is_file()
    );
    let zh = p.read("output/zh-CN/index.html");
    assert!(
        banner(&zh).contains("更新后的隐私政策将于2027年1月5日起生效：<a href=\"changes/2026-12-01..2026-12-15.html\">查看将有哪些变更</a>"),
        "{}",
        banner(&zh)
    );
    // the version in force's own page says the same
    assert!(banner(&p.read("output/en/2026-12-01/index.html")).contains("takes effect on January 5, 2027"));

    // the upcoming version's page: labelled, leading to the version in force
    let upcoming = p.read("output/en/2026-12-15/index.html");
    assert_eq!(
        banner(&upcoming),
        "<aside class=\"banner upcoming\" aria-label=\"About this version\">\n<p>This version is not yet in force: it takes effect on January 5, 2027. <a href=\"../index.html\">Read the version in force</a></p>\n"
    );
    // a superseded page: to the version in force and to the redline to its successor
    let old = p.read("output/en/2022-10-19/index.html");
    let b = banner(&old);
    assert!(b.contains("class=\"banner archived\""), "{b}");
    assert!(
        b.contains("This is an archived version: it is no longer in force."),
        "{b}"
    );
    assert!(
        b.contains("<a href=\"../index.html\">Read the version in force</a>"),
        "{b}"
    );
    assert!(
        b.contains(
            "<a href=\"../changes/2022-10-19..2026-12-01.html\">see what changed in the next version</a>"
        ),
        "{b}"
    );
    assert!(
        banner(&p.read("output/zh-CN/2022-10-19/index.html")).contains("这是已归档的历史版本，已不再生效。")
    );

    // the archive marks each version
    let versions = p.read("output/en/versions.html");
    for (id, status) in [
        ("2026-12-15", "Upcoming"),
        ("2026-12-01", "In force"),
        ("2022-10-19", "Superseded"),
    ] {
        let row = versions.find(&format!(">{id}</a></th>")).unwrap();
        let cell = versions[row..].find("data-label=\"Status\">").unwrap() + row;
        assert!(
            versions[cell..].starts_with(&format!("data-label=\"Status\">{status}</td>")),
            "{id}: {}",
            &versions[cell..cell + 60]
        );
    }
    assert!(versions.contains("<tr class=\"current\"><th scope=\"row\"><a href=\"2026-12-01/index.html\">"));
    let zh = p.read("output/zh-CN/versions.html");
    for status in ["即将生效", "现行有效", "已失效"] {
        assert!(
            zh.contains(&format!("data-label=\"状态\">{status}</td>")),
            "{status}"
        );
    }
}

#[test]
fn on_the_effective_date_the_upcoming_version_takes_over() {
    let p = three_versions();
    build_report(&p, &["--as-of", "2027-01-05"]);
    let current = p.read("output/en/index.html");
    assert!(main_of(&current).contains("<dd>2026-12-15</dd>"));
    assert_eq!(banner(&current), "", "nothing to announce");
    let was_in_force = p.read("output/en/2026-12-01/index.html");
    assert!(
        banner(&was_in_force).contains("<a href=\"../changes/2026-12-01..2026-12-15.html\">"),
        "{}",
        banner(&was_in_force)
    );
}

#[test]
fn before_any_version_takes_effect_the_earliest_upcoming_one_is_shown_labelled() {
    let p = Project::sample();
    build_report(&p, &["--as-of", "2022-08-14"]);
    let current = p.read("output/en/index.html");
    assert!(main_of(&current).contains("<dd>2022-10-19</dd>"));
    assert_eq!(
        banner(&current),
        "<aside class=\"banner upcoming\" aria-label=\"About this version\">\n<p>This version is not yet in force: it takes effect on August 15, 2022.</p>\n"
    );
    assert!(banner(&p.read("output/zh-CN/index.html")).contains("此版本尚未生效，将于2022年8月15日起生效。"));
    assert!(
        p.read("output/en/versions.html")
            .contains("data-label=\"Status\">Upcoming</td>")
    );
}

#[test]
fn the_as_of_date_comes_from_the_flag_then_source_date_epoch_then_today() {
    let p = Project::sample();
    let build = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["build", "--format", "json", "--out", "out"];
        all.extend_from_slice(args);
        let run = run_in(p.path(), &all, env);
        (run.code, run.stdout, run.stderr)
    };
    let epoch = [
        ("SOURCE_DATE_EPOCH", "1796601600"),
        ("POLICYC_TODAY", "2030-01-01"),
    ];
    let (code, out, _) = build(&[], &epoch);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["as_of"], "2026-12-07");
    assert_eq!(report["as_of_source"], "source_date_epoch");
    assert_eq!(json(&p, "out/manifest.json")["as_of"], "2026-12-07");
    let (_, out, _) = build(&["--as-of", "2026-12-10"], &epoch);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (report["as_of"].as_str(), report["as_of_source"].as_str()),
        (Some("2026-12-10"), Some("flag"))
    );
    let (_, out, _) = build(&[], &[("POLICYC_TODAY", "2030-01-01")]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (report["as_of"].as_str(), report["as_of_source"].as_str()),
        (Some("2030-01-01"), Some("today"))
    );
    // a value that is no date stops the build, naming where it came from
    let (code, _, err) = build(&["--as-of", "2026-13-01"], &[]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "error: --as-of: invalid date `2026-13-01` (expected YYYY-MM-DD)\n"
        )
    );
    let (code, _, err) = build(&[], &[("SOURCE_DATE_EPOCH", "soon")]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "error: SOURCE_DATE_EPOCH: `soon` is not a number of seconds since 1970\n"
        )
    );
}

#[test]
fn the_same_content_and_as_of_date_give_the_same_bytes_and_pages_depend_on_their_status_only() {
    let p = three_versions();
    let first = build_report(&p, &["--as-of", "2026-12-20"]);
    assert_eq!(first["kept"], 0);
    let before = p.output_files();
    // another day with the same statuses: every unit kept, only the dated data differs
    let later = build_report(&p, &["--as-of", "2026-12-28"]);
    assert_eq!(
        (later["kept"].as_u64(), later["rendered"].as_u64()),
        (first["rendered"].as_u64(), Some(0))
    );
    let after = p.output_files();
    let changed: Vec<&String> = after.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
    assert_eq!(changed, ["data/consent.json", "manifest.json"]);
    // the upcoming version takes effect: the pages whose status changed are made again, and the
    // result is the clean build's, byte for byte
    let switched = build_report(&p, &["--as-of", "2027-01-05"]);
    assert!(switched["kept"].as_u64().unwrap() > 0, "{switched}");
    p.run(&[
        "build",
        "-q",
        "--clean",
        "--out",
        "clean",
        "--as-of",
        "2027-01-05",
    ])
    .ok();
    let (a, b) = (
        crate::harness::tree(&p.path().join("output")),
        crate::harness::tree(&p.path().join("clean")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs from a clean build");
    }
}

#[test]
fn a_user_two_versions_behind_must_consent_again() {
    let p = three_versions();
    build_report(&p, &["--as-of", "2027-01-05"]);
    let consent = json(&p, "output/data/consent.json");
    assert_eq!(consent["schema"], "policyc.consent/1");
    assert_eq!(consent["as_of"], "2027-01-05");
    assert_eq!(consent["in_force"], "2026-12-15");
    let versions = consent["versions"].as_array().unwrap();
    let summary: Vec<(&str, &str, bool)> = versions
        .iter()
        .map(|v| {
            (
                v["version"].as_str().unwrap(),
                v["status"].as_str().unwrap(),
                v["requires_consent"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2022-10-19", "superseded", false),
            ("2026-12-01", "superseded", true),
            ("2026-12-15", "in_force", false),
        ]
    );
    let fee = &versions[1]["reasons"][0];
    assert_eq!(fee["kind"], "limits-rights-fee-added");
    assert_eq!(fee["clause"], "8.4");
    assert_eq!(fee["section"], "your-rights");
    assert!(
        fee["text"]["en"].as_str().unwrap().contains("costs 20 EUR"),
        "{fee}"
    );
    assert!(
        fee["text"]["zh-CN"].as_str().unwrap().starts_with("限制用户权利"),
        "{fee}"
    );
    // the user who accepted 2022-10-19, two versions behind, must consent again, because of
    // 2026-12-01; whoever accepted 2026-12-01 or later need not
    let accepted = consent["accepted"].as_array().unwrap();
    let who: Vec<(&str, bool)> = accepted
        .iter()
        .map(|a| {
            (
                a["version"].as_str().unwrap(),
                a["must_consent"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        who,
        [("2022-10-19", true), ("2026-12-01", false), ("2026-12-15", false)]
    );
    assert_eq!(accepted[0]["because"][0]["version"], "2026-12-01");
    assert_eq!(accepted[0]["because"][0]["reasons"][0], *fee);
    // kept redlines still know what they found: an incremental build writes the same file
    let before = p.read("output/data/consent.json");
    let again = build_report(&p, &["--as-of", "2027-01-05"]);
    assert_eq!(again["rendered"], 0);
    assert_eq!(p.read("output/data/consent.json"), before);
}

#[test]
fn show_says_which_version_was_in_force() {
    let p = three_versions();
    let text = p.run(&["show", "--as-of", "2026-12-20"]).ok();
    insta::assert_snapshot!("show_text", text.stdout);
    let run = p.run(&["show", "--as-of", "2027-01-05", "--format", "json"]).ok();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["schema"], "policyc.show/1");
    assert_eq!(doc["as_of"], "2027-01-05");
    assert_eq!(
        doc["in_force"],
        serde_json::json!({"version": "2026-12-15", "effective": "2027-01-05", "updated": "2026-12-15", "status": "in_force"})
    );
    assert_eq!(doc["upcoming"], serde_json::json!([]));
    assert_eq!(doc["versions"].as_array().unwrap().len(), 3);
    let early = p.run(&["show", "--as-of", "2022-01-01"]).ok();
    assert!(
        early
            .stdout
            .contains("in force: none (no published version takes effect on or before 2022-01-01)\n"),
        "{}",
        early.stdout
    );
    let bad = p.run(&["show", "--as-of", "tomorrow", "--format", "json"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stdout.contains("policyc.error/1"), "{}", bad.stdout);
}
