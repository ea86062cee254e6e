//! `policyc import`: the seed (as Markdown by a documented rule), each real policy of the shared
//! corpus and an HTML page become content folders that build.

use std::fs;

use crate::harness::{html_text, main_of, normalize_ws, repo, run_in};

/// The seed as Markdown: Roman-numeral lines are sections (`##`), numbered lines (`1.`, `2.1`,
/// `3.10`) subsections (`###`), every other line a paragraph.
fn seed_as_markdown() -> String {
    let seed = fs::read_to_string(repo().join("tests/fixtures/seed-privacy-policy.txt")).unwrap();
    let mut out = String::new();
    for line in seed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let roman = line
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| "IVX".contains(c)));
        let numbered = line.split_once(' ').is_some_and(|(n, _)| {
            let n = n.trim_end_matches('.');
            !n.is_empty()
                && n.split('.')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        });
        if roman {
            out.push_str(&format!("## {line}\n\n"));
        } else if numbered {
            out.push_str(&format!("### {line}\n\n"));
        } else {
            out.push_str(&format!("{line}\n\n"));
        }
    }
    out
}

#[test]
fn the_seed_imports_and_builds_with_every_sentence() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("smallgogo.md"), seed_as_markdown()).unwrap();
    let run = run_in(
        dir.path(),
        &[
            "import",
            "smallgogo.md",
            "--version",
            "2022-10-19",
            "--locale",
            "en",
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("facts recognised: 1 address, 1 email, 1 phone, 3 package name(s)"),
        "{}",
        run.stdout
    );
    // no identifier is left in the prose
    for entry in fs::read_dir(dir.path().join("content/versions/2022-10-19/en")).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(
            !text.contains("app@smallrig.com")
                && !text.contains("com.tencent.bugly")
                && !text.contains("Yazhou Industrial Park")
        );
    }
    run_in(dir.path(), &["build", "--drafts", "-q"], &[]).ok();
    let page = html_text(main_of(
        &fs::read_to_string(dir.path().join("output/drafts/en/2022-10-19/index.html")).unwrap(),
    ));
    let seed = fs::read_to_string(repo().join("tests/fixtures/seed-privacy-policy.txt")).unwrap();
    let mut missing = Vec::new();
    for line in seed.lines().map(normalize_ws).filter(|l| !l.is_empty()) {
        if !page.contains(&line) {
            missing.push(line);
        }
    }
    assert!(
        missing.is_empty(),
        "{} seed line(s) not on the imported page:\n{}",
        missing.len(),
        missing.join("\n")
    );
    // and a second import into the same folder is refused
    assert_eq!(run_in(dir.path(), &["import", "smallgogo.md"], &[]).code, 2);
}

#[test]
fn every_real_policy_imports_and_builds() {
    let corpus = repo().join("tests/corpus/shared-real-pairs");
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    for entry in fs::read_dir(&corpus).unwrap() {
        let pair = entry.unwrap().path();
        if !pair.is_dir() {
            continue;
        }
        let name = pair.file_name().unwrap().to_string_lossy().into_owned();
        let content = format!("c-{name}");
        let import = run_in(
            dir.path(),
            &[
                "import",
                pair.join("old.md").to_str().unwrap(),
                "--content",
                &content,
                "--version",
                "2024-01-01",
                "-q",
            ],
            &[],
        );
        assert_eq!(import.code, 0, "{name}: {}", import.stderr);
        let build = run_in(
            dir.path(),
            &[
                "build",
                "--content",
                &content,
                "--drafts",
                "--out",
                &format!("o-{name}"),
                "-q",
            ],
            &[],
        );
        assert_eq!(build.code, 0, "{name}: {}", build.stderr);
        n += 1;
    }
    assert_eq!(n, 10);
}

#[test]
fn an_html_page_imports() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><head><title>x</title><script>track()</script></head><body><h1>Privacy</h1><p>Intro &amp; scope.</p>\
                <h2>What we collect</h2><p>Your name and <b>email</b>.</p><ul><li>Name</li><li>Email</li></ul>\
                <h2>Contact</h2><p>Write to privacy@example.org or call +1 555 123 4567.</p></body></html>";
    fs::write(dir.path().join("acme.html"), html).unwrap();
    run_in(
        dir.path(),
        &["import", "acme.html", "--version", "2025-01-01", "-q"],
        &[],
    )
    .ok();
    let files: Vec<String> = fs::read_dir(dir.path().join("content/versions/2025-01-01/en"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        files.contains(&"01-what-we-collect.md".to_string()) && files.contains(&"02-contact.md".to_string()),
        "{files:?}"
    );
    let facts = fs::read_to_string(dir.path().join("content/versions/2025-01-01/facts.toml")).unwrap();
    assert!(
        facts.contains("email = \"privacy@example.org\"") && facts.contains("phone = \"+1 555 123 4567\""),
        "{facts}"
    );
    run_in(dir.path(), &["build", "--drafts", "-q"], &[]).ok();
    let page = fs::read_to_string(dir.path().join("output/drafts/en/2025-01-01/index.html")).unwrap();
    assert!(page.contains("privacy@example.org") && !page.contains("track()"));
}

/// Issue 20, item 7: unsafe links neutralised and reported, `tel:` and `mailto:` kept, escaped
/// markup kept as text, control characters made visible and reported; the result builds.
#[test]
fn import_neutralises_unsafe_links_and_keeps_text_text() {
    let dir = tempfile::tempdir().unwrap();
    let md = "# Privacy\n\nIntro.\n\n## Contact\n\nClick [here](javascript&#58;alert(1)) or [there](JaVaScRiPt:alert(2)).\nCall [our line](tel:+1-555-0100) or [write](mailto:dpo@example.org).\n\n## Data\n\nWe never log \u{1b}[2Jescapes.\n";
    fs::write(dir.path().join("p.md"), md).unwrap();
    let run = run_in(dir.path(), &["import", "p.md", "--version", "2025-01-01"], &[]).ok();
    assert!(
        run.stdout.contains(
            "2 link(s) with a refused scheme now point to `#`: javascript:alert(1), JaVaScRiPt:alert(2)"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 control character(s)"), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}'));
    let contact =
        fs::read_to_string(dir.path().join("content/versions/2025-01-01/en/01-contact.md")).unwrap();
    assert!(
        contact.contains("[here](#)")
            && contact.contains("[there](#)")
            && contact.contains("(tel:+1-555-0100)"),
        "{contact}"
    );
    run_in(dir.path(), &["build", "--drafts", "-q"], &[]).ok();
    let page = fs::read_to_string(dir.path().join("output/drafts/en/2025-01-01/index.html")).unwrap();
    assert!(page.contains("href=\"tel:+1-555-0100\""), "{page}");
    assert!(!page.to_ascii_lowercase().contains("javascript"));
    assert!(page.contains("␛[2Jescapes"));

    // HTML whose text shows markup keeps it as text, with the words around it
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><body><h1>Privacy</h1><p>Intro.</p><h2>Security</h2><p>Input such as &lt;script&gt;alert(1)&lt;/script&gt; is rejected by our forms.</p><h2>Contact</h2><p>Write to us.</p></body></html>";
    fs::write(dir.path().join("p.html"), html).unwrap();
    run_in(
        dir.path(),
        &["import", "p.html", "--version", "2025-01-01", "-q"],
        &[],
    )
    .ok();
    run_in(dir.path(), &["build", "--drafts", "-q"], &[]).ok();
    let page = fs::read_to_string(dir.path().join("output/drafts/en/2025-01-01/index.html")).unwrap();
    assert!(
        page.contains("Input such as &lt;script&gt;alert(1)&lt;/script&gt; is rejected by our forms."),
        "{page}"
    );
}
