//! Files are only what they claim to be, and text is clean (issue 20, items 4, 5, 6, 9): links out
//! of the content or templates folder and special files are refused without being read, and
//! error messages never show what such a file holds; control characters are refused in content
//! with their place and made visible in every report of `diff`; a byte order mark is accepted.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Project, Run};

const EN: &str = "content/versions/2022-10-19/en";

/// A file outside the project holding a secret.
fn secret(p: &Project) -> std::path::PathBuf {
    let path = p.path().join("secret-credentials");
    std::fs::write(&path, "aws_secret_access_key = \"hunter2-SECRET\"\n").unwrap();
    path
}

/// Runs policyc with a deadline: a hang is a failure, not a stuck test.
fn run_bounded(p: &Project, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(args)
        .current_dir(p.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("policyc {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[track_caller]
fn refused(p: &Project, args: &[&str], expected: &str) {
    let run = run_bounded(p, args);
    assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    for leak in ["hunter2", "aws_secret"] {
        assert!(
            !run.stderr.contains(leak) && !run.stdout.contains(leak),
            "{args:?} leaks: {}",
            run.stderr
        );
    }
}

#[test]
fn links_out_of_the_content_folder_are_refused_unread() {
    for name in ["rules.toml", "policy.toml", "versions.lock"] {
        let p = Project::sample();
        let target = secret(&p);
        let link = p.content().join(name);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let expected = format!("content/{name}: leads outside the content folder");
        refused(&p, &["build"], &expected);
        refused(&p, &["check"], &expected);
    }
    // the versions folder itself
    let p = Project::sample();
    let elsewhere = p.path().join("elsewhere");
    std::fs::rename(p.content().join("versions"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, p.content().join("versions")).unwrap();
    refused(
        &p,
        &["build"],
        "content/versions: leads outside the content folder",
    );
}

#[test]
fn links_out_of_the_templates_folder_are_refused_unread() {
    let p = Project::sample();
    let target = secret(&p);
    std::fs::create_dir_all(p.path().join("templates")).unwrap();
    std::os::unix::fs::symlink(&target, p.path().join("templates/page.html")).unwrap();
    refused(
        &p,
        &["build"],
        "templates/page.html: leads outside the templates folder",
    );
    // a loop of linked folders inside is walked once
    let p = Project::sample();
    std::fs::create_dir_all(p.path().join("templates/partials")).unwrap();
    std::os::unix::fs::symlink("..", p.path().join("templates/partials/up")).unwrap();
    let run = run_bounded(&p, &["build", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn mkfifo(path: &std::path::Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn special_files_are_refused_without_opening_them() {
    let p = Project::sample();
    mkfifo(&p.path().join(format!("{EN}/13-pipe.md")));
    let expected = format!("{EN}/13-pipe.md: is a named pipe (FIFO), expected a regular file (not opened)");
    refused(&p, &["build"], &expected);
    refused(&p, &["check"], &expected);
    let p = Project::sample();
    mkfifo(&p.content().join("rules.toml"));
    refused(&p, &["check"], "content/rules.toml: is a named pipe (FIFO)");
    let p = Project::sample();
    std::fs::remove_file(p.content().join("policy.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", p.content().join("policy.toml")).unwrap();
    refused(
        &p,
        &["check"],
        "content/policy.toml: leads outside the content folder",
    );
    // diff and import are given files by name: a pipe there is refused too
    let p = Project::sample();
    mkfifo(&p.path().join("old.md"));
    refused(&p, &["diff", "old.md", "2022-10-19"], "old.md");
    refused(
        &p,
        &["import", "old.md", "--content", "imported"],
        "old.md: is a named pipe (FIFO)",
    );
}

#[test]
fn control_characters_in_content_are_refused_with_their_place() {
    let p = Project::sample();
    p.edit(
        &format!("{EN}/06-minors.md"),
        "Minors may not create",
        "Minors \u{1b}]0;owned\u{7}may not create",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        format!(
            "error: {EN}/06-minors.md:8:8: control character U+001B (escape) is not allowed (only tab, carriage return and line feed)"
        )
    );
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'));
    let run = p.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // a template override, which reaches every page, likewise
    let p = Project::sample();
    p.write("templates/messages/en.toml", "x = \"\u{7}\"\n");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: templates/messages/en.toml:1:6: control character U+0007 (bell)"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    // facts: a NUL would make feed.xml invalid XML
    let p = Project::sample();
    p.edit(
        "content/versions/2022-10-19/facts.toml",
        "email = \"app@smallrig.com\"",
        "email = \"app@smallrig.com\u{0}\"",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("facts.toml:") && run.stderr.contains("U+0000 (NUL)"),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("output").exists());
}

#[test]
fn diff_reports_make_terminal_escapes_visible_in_every_format() {
    let p = Project::sample();
    p.write(
        "old.md",
        "# Policy\n\n## Contact\n\nWrite to us at the address below.\n",
    );
    p.write(
        "new.md",
        "# Policy\n\n## Contact\n\nWrite to us \u{1b}]0;pwned\u{7}at the address \u{1b}[2J below.\u{0}\u{9b}\n",
    );
    for format in ["text", "markdown", "html", "json"] {
        let run = p.run(&["diff", "old.md", "new.md", "--format", format]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        for c in ['\u{1b}', '\u{7}', '\u{0}', '\u{9b}'] {
            assert!(!run.stdout.contains(c), "{format}: raw {c:?} in {}", run.stdout);
            assert!(!run.stderr.contains(c), "{format}: raw {c:?} in {}", run.stderr);
        }
        assert!(run.stdout.contains('␛'), "{format}: {}", run.stdout);
    }
    // nor does an error naming a file whose name holds one
    let run = p.run(&["diff", "old\u{1b}]0;pwned\u{7}.md", "new.md"]);
    assert_eq!(run.code, 2);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("old␛]0;pwned␇.md"), "{}", run.stderr);
}

#[test]
fn check_validates_the_rules_file() {
    let p = Project::sample();
    p.write("content/rules.toml", "schema = \"policyc.rules/2\"\nclause = 3\n");
    let run = p.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: content/rules.toml"),
        "{}",
        run.stderr
    );
    assert_eq!(p.run(&["build"]).code, 2);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let p = Project::sample();
    let path = format!("{EN}/06-minors.md");
    let text = p.read(&path);
    p.write(&path, &format!("\u{feff}{text}"));
    let facts = "content/versions/2022-10-19/facts.toml";
    let text = p.read(facts);
    p.write(facts, &format!("\u{feff}{text}"));
    p.run(&["build", "-q"]).ok();
    p.run(&["check", "-q"]).ok();
}

#[test]
fn inline_html_must_be_closed_in_its_paragraph() {
    let p = Project::sample();
    p.edit(
        &format!("{EN}/06-minors.md"),
        "Minors may not create",
        "Minors <sub>may not create",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        format!(
            "error: {EN}/06-minors.md:8:8: `<sub>` is not closed: close it with `</sub>` in the same paragraph"
        )
    );
}

#[test]
fn remote_images_are_refused_unless_their_origin_is_allowed() {
    let p = Project::sample_with_draft();
    let draft = "content/versions/2026-12-01/en/06-minors.md";
    p.edit(
        draft,
        "Minors may not create",
        "![x](https://tracker.example/p.gif) Minors may not create",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error: content/versions/2026-12-01/en/06-minors.md:8:1: remote image `https://tracker.example/p.gif` is not allowed: pages make no network requests"
        ),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("output").exists());
    let run = p.run(&["check"]);
    assert_eq!(run.code, 2);
    // protocol-relative is remote too
    p.edit(draft, "https://tracker", "//tracker");
    assert_eq!(p.run(&["build"]).code, 2);
    // allowed by name, it is shown
    p.edit(
        "content/policy.toml",
        "allowed_inline_html",
        "image_origins = [\"https://tracker.example\"]\nallowed_inline_html",
    );
    p.run(&["build", "-q", "--drafts"]).ok();
    assert!(
        p.read("output/drafts/en/2026-12-01/index.html")
            .contains("src=\"//tracker.example/p.gif\""),
    );
    // an origin is a scheme and a host, nothing more
    p.edit(
        "content/policy.toml",
        "\"https://tracker.example\"",
        "\"https://tracker.example/images\"",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("image origin `https://tracker.example/images` must be a scheme and host"),
        "{}",
        run.stderr
    );
}
