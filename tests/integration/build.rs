//! `policyc build` on the sample: the layout of CONTRACT.md, facts single-sourced, determinism.

use std::collections::BTreeSet;

use crate::harness::{Project, html_text, main_of, repo, run_in, tree};

#[test]
fn writes_the_contract_layout() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let files: BTreeSet<String> = p.output_files().into_keys().collect();
    for f in [
        "index.html",
        "manifest.json",
        "en/index.html",
        "en/print.html",
        "en/versions.html",
        "en/2022-10-19/index.html",
        "en/2022-10-19/print.html",
        "zh-CN/index.html",
        "zh-CN/print.html",
        "zh-CN/versions.html",
        "zh-CN/2022-10-19/index.html",
        "zh-CN/2022-10-19/print.html",
        "data/2022-10-19.json",
    ] {
        assert!(files.contains(f), "missing {f}; have {files:?}");
    }
    let en = p.read("output/en/index.html");
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert_eq!(en.matches("<main").count(), 1);
    assert!(en.contains("<link rel=\"canonical\" href=\"https://privacy.smallgogo.example/en/\">"));
    assert!(en.contains("hreflang=\"zh-CN\" href=\"https://privacy.smallgogo.example/zh-CN/\""));
    assert!(en.contains("<time datetime=\"2022-08-15\">August 15, 2022</time>"));
    assert!(en.contains("<time datetime=\"2022-10-19\">October 19, 2022</time>"));
    // The current copy and the archived page carry the same policy body, and so does the print page.
    assert_eq!(main_of(&en), main_of(&p.read("output/en/2022-10-19/index.html")));
    let sections = |html: &str| main_of(html)[main_of(html).find("<section").unwrap()..].to_string();
    assert_eq!(sections(&en), sections(&p.read("output/en/print.html")));
    // No external resources, and no script but the inline one that keeps the reader's place on a
    // change of language (the pages work without it).
    let keep_place = policyc::render::templates::BUILTIN
        .iter()
        .find(|(n, _)| *n == "partials/keep-place.html")
        .unwrap()
        .1;
    for (path, bytes) in p.output_files() {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            let scripts = html.matches("<script").count();
            assert!(
                scripts == 0 || (scripts == 1 && html.contains(keep_place.trim())),
                "{path}"
            );
            assert!(!html.contains("<script src"), "{path}");
            assert!(!html.contains("src=\"http"), "{path}");
            assert!(!html.contains("@import"), "{path}");
        }
    }
}

#[test]
fn toc_links_every_section_and_heading() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let html = p.read("output/en/index.html");
    let toc_start = html.find("<nav class=\"toc").unwrap();
    let toc = &html[toc_start..html[toc_start..].find("</nav>").unwrap() + toc_start];
    let ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(i, _)| {
            let rest = &html[i + 5..];
            &rest[..rest.find('"').unwrap()]
        })
        .filter(|id| !["policy", "toc-title"].contains(id))
        .collect();
    assert!(ids.len() > 30, "{ids:?}");
    for id in ids.iter().filter(|id| **id != "preamble") {
        assert!(toc.contains(&format!("href=\"#{id}\"")), "toc lacks #{id}");
    }
}

#[test]
fn manifest_hashes_match() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let files = p.output_files();
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let listed = manifest["files"].as_array().unwrap();
    // every file but the manifest itself, the build record and the marker is listed
    assert!(files.contains_key(policyc::incremental::RECORD));
    assert!(files.contains_key(".policyc-output"));
    assert_eq!(listed.len(), files.len() - 3);
    for entry in listed {
        let path = entry["path"].as_str().unwrap();
        let digest = policyc::output::sha256_hex(&files[path]);
        assert_eq!(entry["sha256"], digest, "{path}");
    }
}

/// Changing the email in facts.toml alone changes every page, in every locale (on a draft: the
/// published version is sealed).
#[test]
fn facts_are_single_sourced() {
    let p = crate::harness::Project::sample_with_draft();
    p.run(&["build", "-q", "--drafts", "--out", "before"]).ok();
    p.edit(
        "content/versions/2026-12-01/facts.toml",
        "email = \"app@smallrig.com\"",
        "email = \"privacy@smallrig.com\"",
    );
    p.run(&["build", "-q", "--drafts", "--out", "after"]).ok();
    let before = tree(&p.path().join("before"));
    let after = tree(&p.path().join("after"));
    let pages: Vec<&String> = before
        .keys()
        .filter(|k| k.starts_with("drafts/") && (k.ends_with("index.html") || k.ends_with("print.html")))
        .collect();
    assert_eq!(pages.len(), 4);
    for page in pages {
        let new = String::from_utf8(after[page].clone()).unwrap();
        assert_ne!(before[page], after[page], "{page} did not change");
        assert!(
            new.contains("privacy@smallrig.com") && !new.contains("app@smallrig.com"),
            "{page}"
        );
    }
    // the published pages are untouched
    for (path, bytes) in &before {
        if !path.starts_with("drafts/") && path.ends_with(".html") {
            assert_eq!(bytes, &after[path], "{path}");
        }
    }
}

/// No Markdown file of the shipped content holds an email, a phone number or a package name.
#[test]
fn prose_holds_no_identifiers() {
    let mut offenders = Vec::new();
    for (path, bytes) in tree(&repo().join("content")) {
        if !path.ends_with(".md") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        for word in text.split(|c: char| c.is_whitespace() || "()[]{}<>,;\"'，。；：（）".contains(c)) {
            let w = word.trim_end_matches(['.', ':']);
            let digits = w.chars().filter(char::is_ascii_digit).count();
            let email = w.contains('@');
            let package = w.starts_with("com.") || w.starts_with("org.") || w.starts_with("cn.");
            let phone = digits >= 7 && w.chars().all(|c| c.is_ascii_digit() || "-+ ".contains(c));
            if email || package || phone {
                offenders.push(format!("{path}: {w}"));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
    // and the linter agrees
    let p = Project::sample();
    let out = p.run(&["check", "--format", "json"]).ok();
    assert!(!out.stdout.contains("prose-contains-fact"), "{}", out.stdout);
}

/// Two builds from different absolute paths, time zones and locales give identical bytes.
#[test]
fn builds_are_deterministic() {
    let a = Project::sample();
    let b = Project::sample();
    run_in(a.path(), &["build", "-q"], &[("TZ", "UTC"), ("LC_ALL", "C")]).ok();
    run_in(
        b.path(),
        &["build", "-q"],
        &[("TZ", "Asia/Shanghai"), ("LC_ALL", "zh_CN.UTF-8")],
    )
    .ok();
    assert_eq!(a.output_files(), b.output_files());
    assert_ne!(a.path(), b.path());
}

#[test]
fn drafts_only_on_request() {
    let p = crate::harness::Project::sample_with_draft();
    p.run(&["build", "-q"]).ok();
    let files = p.output_files();
    assert!(!files.keys().any(|k| k.contains("2026-12-01")));
    p.run(&["build", "-q", "--drafts"]).ok();
    let files = p.output_files();
    assert!(files.contains_key("drafts/en/2026-12-01/index.html"));
    assert!(files.contains_key("drafts/zh-CN/2026-12-01/print.html"));
    // The current version is still the published one.
    let current = html_text(&p.read("output/en/index.html"));
    assert!(current.contains("Version 2022-10-19"), "{current}");
}

/// Versions share most section files byte for byte, and a build renders a shared text once per
/// facts file: each version's page still shows its own facts and its own dates.
#[test]
fn shared_sections_show_each_versions_own_facts_and_dates() {
    let p = crate::harness::Project::sample_with_draft();
    p.edit(
        &format!("content/versions/{}/facts.toml", crate::harness::DRAFT),
        "en = \"Shenzhen Leqi Network Technology Co., LTD.\"",
        "en = \"Leqi Holdings Ltd.\"",
    );
    // the Chinese name was reviewed and stays
    p.run(&[
        "translated",
        "--fact",
        "controller.name",
        "--locale",
        "zh-CN",
        "-q",
    ])
    .ok();
    p.release_draft_now();
    // one worker: the second version meets the first one's sections already rendered
    crate::harness::run_in(p.path(), &["build", "-q"], &[("POLICYC_JOBS", "1")]).ok();
    let old = p.read("output/en/2022-10-19/index.html");
    let new = p.read(&format!("output/en/{}/index.html", crate::harness::DRAFT));
    // the preamble's `{{ controller.name }}`, in a section file both versions share
    let preamble = |page: &str| {
        let at = page.find("id=\"preamble\"").expect("the preamble section");
        page[at..at + 2000].to_string()
    };
    assert!(preamble(&old).contains("Shenzhen Leqi Network Technology Co., LTD."));
    assert!(
        preamble(&new).contains("Leqi Holdings Ltd."),
        "{}",
        preamble(&new)
    );
    assert!(!new.contains("Shenzhen Leqi Network Technology Co., LTD."));
    // the contact section's `{{> version-dates }}`
    assert!(old.contains("<time datetime=\"2022-08-15\">"));
    assert!(new.contains("<time datetime=\"2026-12-01\">"));
    assert!(!new.contains("<time datetime=\"2022-08-15\">"));
}

/// A partial that declares it shows the version's dates makes its section each version's own, even
/// when the section's text and facts are the same in both versions.
#[test]
fn a_partial_declaring_dates_shows_each_versions_own() {
    let p = crate::harness::Project::sample_with_draft();
    let list = policyc::render::templates::BUILTIN
        .iter()
        .find(|(n, _)| *n == "partials/list.html")
        .unwrap()
        .1;
    p.write(
        "templates/partials/list.html",
        &format!(
            "{}{list}<p class=\"shown\">{{{{ dates.effective_iso }}}}</p>",
            policyc::render::templates::DATES_DECLARATION
        ),
    );
    p.release_draft_now();
    // the released version's sealed text was rendered before the partial: render it again
    p.run(&["rerender", "2022-10-19", "--reason", "show the dates in lists"])
        .ok();
    crate::harness::run_in(p.path(), &["build", "-q"], &[("POLICYC_JOBS", "1")]).ok();
    let old = p.read("output/en/2022-10-19/index.html");
    let new = p.read(&format!("output/en/{}/index.html", crate::harness::DRAFT));
    assert!(old.contains("<p class=\"shown\">2022-08-15</p>"), "{old}");
    assert!(new.contains("<p class=\"shown\">2026-12-01</p>"), "{new}");
}

/// The archive as a legal team shows it, and the route from the policy to what changed.
#[test]
fn archive_and_policy_pages_lead_to_what_changed() {
    let p = Project::material_draft();
    p.release_draft_now();
    p.run(&["build", "-q", "--as-of", "2026-12-06"]).ok();
    let zh = p.read("output/zh-CN/versions.html");
    assert!(zh.contains("<title>隐私政策版本记录 · SmallGoGo</title>"), "{zh}");
    assert!(zh.contains("<td data-label=\"状态\">现行有效</td>"), "{zh}");
    assert!(zh.contains("<td data-label=\"状态\">已失效</td>"), "{zh}");
    assert!(
        zh.contains("<li><a href=\"changes/2022-10-19..2026-12-01.html#clauses\">8.3 "),
        "{zh}"
    );
    assert!(
        !zh.contains("重大变更："),
        "no 'Material changes:' in the cell: {zh}"
    );
    // the feed sums a version up with the clauses joined in the locale's own punctuation
    let feed = p.read("output/zh-CN/feed.xml");
    assert!(feed.contains("；8.5 "), "{feed}");
    let en = p.read("output/en/versions.html");
    assert!(en.contains("<h1>Versions of the privacy policy</h1>"), "{en}");
    // the current page: title, dates, version, then the link to what changed, then the contents
    let page = p.read("output/en/index.html");
    let link = page
        .find("<a href=\"changes/2022-10-19..2026-12-01.html\">see what changed</a>")
        .expect("a 'see what changed' link");
    let h1 = page.find("<h1>").unwrap();
    let contents = page.find("<summary>Contents</summary>").unwrap();
    assert!(
        h1 < link && link < contents,
        "title, then what changed, then contents"
    );
    assert!(
        page.find("<h2 id=\"toc-title\"").unwrap() > h1,
        "the h1 comes first"
    );
    assert!(!page.contains("toc-lang"), "no per-entry language badges");
    // the masthead leads to the policy, not to the language chooser
    assert!(
        page.contains("<p class=\"product\"><a href=\"index.html\">SmallGoGo</a></p>"),
        "{page}"
    );
    let archived = p.read("output/en/2026-12-01/index.html");
    assert!(archived.contains("<a href=\"../changes/2022-10-19..2026-12-01.html\">see what changed</a>"));
    assert!(archived.contains("<p class=\"product\"><a href=\"../index.html\">SmallGoGo</a></p>"));
    let old = p.read("output/en/2022-10-19/index.html");
    assert!(
        !crate::harness::main_of(&old).contains("see what changed"),
        "the first version has no predecessor"
    );
    assert!(old.contains("<aside class=\"banner archived\" aria-label=\"About this version\">"));
}
