//! Input policyc cannot load or render: exit 2, `error: file:line:col: message` on stderr,
//! `output/` byte-identical, no temporary folder left behind.

use std::fs;

use crate::harness::Project;

const EN: &str = "content/versions/2022-10-19/en";

/// Builds once, breaks the project with `mutate`, builds again: asserts the refusal.
#[track_caller]
fn refused(mutate: impl FnOnce(&Project), expect_file: &str, expect_line: Option<usize>, expect_msg: &str) {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let before = p.output_files();
    mutate(&p);
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    let first = run.stderr.lines().next().unwrap_or("");
    assert!(first.starts_with("error: "), "{}", run.stderr);
    let location = match expect_line {
        Some(line) => format!("{expect_file}:{line}:"),
        None => expect_file.to_string(),
    };
    assert!(first.contains(&location), "expected {location} in: {first}");
    assert!(!expect_msg.is_empty(), "a refusal names its message");
    assert!(first.contains(expect_msg), "expected {expect_msg:?} in: {first}");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(before, p.output_files(), "output/ changed");
    let mut names: Vec<String> = fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // the lock file of output/ stays: removing a lock file would let two builds lock two files
    names.retain(|n| n != "templates" && n != ".output.policyc-lock");
    assert_eq!(names, ["content", "output"], "stray files beside output/");
}

#[test]
fn malformed_front_matter() {
    refused(
        |p| p.edit(&format!("{EN}/06-minors.md"), "order = 6", "order = six"),
        "06-minors.md",
        Some(3),
        "string values must be quoted",
    );
}

#[test]
fn unclosed_front_matter() {
    refused(
        |p| {
            p.write(
                &format!("{EN}/06-minors.md"),
                "+++\nid = \"minors\"\norder = 6\n\nBody.\n",
            )
        },
        "06-minors.md",
        Some(1),
        "front matter is not closed",
    );
}

#[test]
fn unknown_front_matter_key() {
    refused(
        |p| {
            p.edit(
                &format!("{EN}/06-minors.md"),
                "order = 6",
                "order = 6\nauthor = \"x\"",
            )
        },
        "06-minors.md",
        Some(4),
        "author",
    );
}

#[test]
fn unparseable_facts() {
    refused(
        |p| {
            p.edit(
                "content/versions/2022-10-19/facts.toml",
                "phone = \"0755-28283350\"",
                "phone = \"0755-28283350",
            )
        },
        "facts.toml",
        Some(11),
        "invalid basic string",
    );
}

#[test]
fn unknown_fact_field() {
    refused(
        |p| {
            p.edit(
                "content/versions/2022-10-19/facts.toml",
                "email = \"app@smallrig.com\"",
                "email = \"app@smallrig.com\"\nfax = \"1\"",
            )
        },
        "facts.toml",
        Some(13),
        "fax",
    );
}

#[test]
fn invalid_utf8() {
    refused(
        |p| {
            let path = p.path().join(format!("{EN}/06-minors.md"));
            let mut bytes = fs::read(&path).unwrap();
            bytes.extend_from_slice(b"\nbad \xff byte\n");
            fs::write(path, bytes).unwrap();
        },
        "06-minors.md",
        None,
        "not valid UTF-8 (byte offset",
    );
}

#[test]
fn directory_where_a_file_belongs() {
    refused(
        |p| {
            let f = p.version_dir().join("version.toml");
            fs::remove_file(&f).unwrap();
            fs::create_dir(&f).unwrap();
        },
        "version.toml",
        None,
        "is a directory",
    );
}

#[test]
fn unknown_locale() {
    refused(
        |p| fs::create_dir(p.version_dir().join("fr")).unwrap(),
        "2022-10-19/fr",
        None,
        "unknown locale `fr`",
    );
}

#[test]
fn traversal_locale() {
    refused(
        |p| {
            p.edit(
                "content/policy.toml",
                "locales = [\"en\", \"zh-CN\"]",
                "locales = [\"en\", \"zh-CN\", \"../../etc\"]",
            )
        },
        "content/policy.toml",
        None,
        "invalid locale `../../etc`",
    );
}

#[test]
fn missing_version_file() {
    refused(
        |p| fs::remove_file(p.version_dir().join("version.toml")).unwrap(),
        "version.toml",
        None,
        "file not found",
    );
}

#[test]
fn duplicate_section() {
    refused(
        |p| {
            fs::copy(
                p.path().join(format!("{EN}/06-minors.md")),
                p.path().join(format!("{EN}/10-minors.md")),
            )
            .map(|_| ())
            .unwrap()
        },
        "-minors.md",
        None,
        "duplicate section `minors`",
    );
}

#[test]
fn duplicate_heading_id() {
    refused(
        |p| p.edit(&format!("{EN}/03-sharing.md"), "{#transfer}", "{#share}"),
        "03-sharing.md",
        None,
        "duplicate heading id `share`",
    );
}

#[test]
fn missing_required_section() {
    refused(
        |p| fs::remove_file(p.path().join(format!("{EN}/06-minors.md"))).unwrap(),
        "06-minors.md",
        None,
        "missing required section `minors`",
    );
}

#[test]
fn heading_without_id() {
    refused(
        |p| p.edit(&format!("{EN}/03-sharing.md"), " {#transfer}", ""),
        "03-sharing.md",
        None,
        "heading has no id",
    );
}

#[test]
fn script_in_markdown() {
    refused(
        |p| {
            let f = format!("{EN}/06-minors.md");
            let text = p.read(&f);
            p.write(&f, &format!("{text}\n<script>alert(1)</script>\n"));
        },
        "06-minors.md",
        None,
        "`<script>` is never allowed",
    );
}

#[test]
fn event_handler_in_inline_html() {
    refused(
        |p| {
            let f = format!("{EN}/06-minors.md");
            let text = p.read(&f);
            p.write(&f, &format!("{text}\nA line<br onmouseover=\"x()\">break.\n"));
        },
        "06-minors.md",
        None,
        "event handler attribute",
    );
}

#[test]
fn javascript_link() {
    refused(
        |p| {
            let f = format!("{EN}/06-minors.md");
            let text = p.read(&f);
            p.write(&f, &format!("{text}\n[click](javascript:alert(1))\n"));
        },
        "06-minors.md",
        None,
        "link scheme `javascript:`",
    );
}

#[test]
fn unknown_fact_reference() {
    refused(
        |p| {
            let f = format!("{EN}/06-minors.md");
            let text = p.read(&f);
            p.write(&f, &format!("{text}\nFax: {{{{ contact.fax }}}}\n"));
        },
        "06-minors.md",
        None,
        "unknown fact `contact.fax`",
    );
}

#[test]
fn template_with_undefined_variable() {
    refused(
        |p| {
            let page = policyc::render::templates::BUILTIN
                .iter()
                .find(|(n, _)| *n == "page.html")
                .unwrap()
                .1;
            p.write(
                "templates/page.html",
                &page.replace("{{ msg.toc }}", "{{ no_such_variable }}"),
            );
        },
        "templates/page.html",
        None,
        "template error",
    );
}

/// Only a partial that declares it shows the version's dates is given them: an override that
/// shows them without the declaration stops the build, naming the declaration.
#[test]
fn partial_showing_dates_without_declaring_them() {
    refused(
        |p| {
            let dated = policyc::render::templates::BUILTIN
                .iter()
                .find(|(n, _)| *n == "partials/version-dates.html")
                .unwrap()
                .1;
            let undeclared = dated.replace(policyc::render::templates::DATES_DECLARATION, "");
            assert_ne!(undeclared, dated);
            p.write("templates/partials/version-dates.html", &undeclared);
        },
        "09-contact.md",
        None,
        "opens with `{# policyc: dates #}`",
    );
}

#[test]
fn missing_ui_message() {
    refused(
        |p| {
            let zh = policyc::render::templates::BUILTIN
                .iter()
                .find(|(n, _)| *n == "messages/zh-CN.toml")
                .unwrap()
                .1;
            let without: String = zh
                .lines()
                .filter(|l| !l.starts_with("archived_versions"))
                .map(|l| format!("{l}\n"))
                .collect();
            p.write("templates/messages/zh-CN.toml", &without);
        },
        "messages/zh-CN.toml",
        None,
        "missing UI message `archived_versions` for locale `zh-CN`",
    );
}

#[test]
fn nothing_written_on_first_failure_either() {
    let p = Project::sample();
    p.edit(&format!("{EN}/06-minors.md"), "order = 6", "order = six");
    assert_eq!(p.run(&["build"]).code, 2);
    assert!(!p.path().join("output").exists());
}

#[test]
fn missing_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::harness::run_in(dir.path(), &["build"], &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: content/policy.toml: file not found"),
        "{}",
        run.stderr
    );
}

/// `policyc.error/1` from stdout.
#[track_caller]
fn error_json(run: &crate::harness::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: stdout {:?}, stderr {}", run.stdout, run.stderr))
}

#[test]
fn with_format_json_a_load_error_is_also_json_on_stdout() {
    let p = Project::sample();
    p.edit(&format!("{EN}/06-minors.md"), "order = 6", "order = six");
    let text = "error: content/versions/2022-10-19/en/06-minors.md:3:9: string values must be quoted, \
                expected literal string\n";
    let expected = serde_json::json!({
        "schema": "policyc.error/1",
        "errors": [{"file": "content/versions/2022-10-19/en/06-minors.md", "line": 3, "column": 9,
                    "message": "string values must be quoted, expected literal string"}]
    });
    for args in [
        &["build", "--format", "json"][..],
        &["check", "--format", "json"],
        &["diff", "2022-10-19", "2022-10-19", "--format", "json"],
        &["notice", "2022-10-19", "2026-12-01", "--format=json"],
        &["new-version", "2026-12-01", "--format", "json"],
    ] {
        let run = p.run(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stderr, text, "{args:?}: the text on stderr is unchanged");
        assert_eq!(error_json(&run), expected, "{args:?}");
        // without --format json, stdout stays empty
        let plain: Vec<&str> = args
            .iter()
            .copied()
            .filter(|a| !a.contains("json") && *a != "--format")
            .collect();
        let run = p.run(&plain);
        assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{plain:?}");
    }
}

#[test]
fn with_format_json_every_error_of_a_run_is_listed() {
    let p = Project::sample();
    for locale in ["en", "zh-CN"] {
        let file = format!("content/versions/2022-10-19/{locale}/06-minors.md");
        let text = p.read(&file);
        p.write(&file, &format!("{text}\nedited\n"));
    }
    let run = p.run(&["build", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    let doc = error_json(&run);
    let errors = doc["errors"].as_array().unwrap();
    let files: Vec<&str> = errors.iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        [
            "content/versions/2022-10-19/en/06-minors.md",
            "content/versions/2022-10-19/zh-CN/06-minors.md"
        ]
    );
    assert!(errors.iter().all(|e| {
        e["line"].is_null()
            && e["column"].is_null()
            && e["message"]
                .as_str()
                .unwrap()
                .starts_with("sealed file of published version 2022-10-19 changed")
    }));
}

#[test]
fn with_format_json_usage_and_file_errors_are_json_too() {
    let p = Project::sample();
    // a usage error names no file
    let run = p.run(&["notice", "2022-10-19", "2022-10-19", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        error_json(&run),
        serde_json::json!({"schema": "policyc.error/1", "errors": [{"file": null, "line": null, "column": null,
            "message": "a notice is about the changes from one version to another: OLD and NEW are both \
                        2022-10-19 (give the version users accepted, then the new one)"}]})
    );
    // a diff input that does not exist names it
    let run = p.run(&["diff", "2022-10-19", "missing.md", "--format", "json"]);
    assert_eq!(run.code, 2);
    let doc = error_json(&run);
    assert_eq!(doc["errors"][0]["file"], "missing.md", "{doc:#}");
    assert!(run.stderr.starts_with("error: missing.md: "), "{}", run.stderr);
    // a command line clap refuses, when it asks for JSON
    let run = p.run(&["diff", "2022-10-19", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        error_json(&run)["errors"][0]["message"],
        "the following required arguments were not provided: <NEW>"
    );
    assert!(
        run.stderr.starts_with("error: the following required arguments"),
        "{}",
        run.stderr
    );
    // a result is not an error: check's findings (exit 1) stay policyc.check/1
    p.edit(
        &format!("{EN}/06-minors.md"),
        "Minors may not create",
        "Minors may not create app@smallrig.com",
    );
    let run = p.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(error_json(&run)["schema"], "policyc.check/1");
}
