//! The command line itself: help with examples, version, completions, the manual page.

use crate::harness::{Project, repo};

#[test]
fn help_shows_examples_and_exit_codes() {
    let p = Project::sample();
    for cmd in [
        "build",
        "check",
        "diff",
        "notice",
        "new-version",
        "release",
        "translated",
        "pdf",
        "completions",
    ] {
        let run = p.run(&[cmd, "--help"]).ok();
        assert!(
            run.stdout.contains("Example"),
            "{cmd} --help has no example:\n{}",
            run.stdout
        );
    }
    let top = p.run(&["--help"]).ok();
    assert!(top.stdout.contains("Exit codes"));
    let version = p.run(&["--version"]).ok();
    assert!(version.stdout.starts_with("policyc "), "{}", version.stdout);
    let bad = p.run(&["frobnicate"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn completions_for_every_shell() {
    let p = Project::sample();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = p.run(&["completions", shell]).ok();
        for sub in ["build", "diff", "release", "new-version"] {
            assert!(run.stdout.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    assert_eq!(p.run(&["completions", "tcsh"]).code, 2);
}

#[test]
fn the_committed_man_page_is_current() {
    let p = Project::sample();
    let run = p.run(&["man"]).ok();
    assert!(run.stdout.contains(".TH policyc 1"));
    let committed = std::fs::read_to_string(repo().join("docs/policyc.1")).unwrap();
    assert_eq!(
        committed, run.stdout,
        "docs/policyc.1 is stale: regenerate it with `policyc man > docs/policyc.1`"
    );
}

#[test]
fn every_reporting_command_speaks_json() {
    let p = Project::sample();
    let schema = |args: &[&str]| -> String {
        let run = p.run(args).ok();
        let v: serde_json::Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", run.stdout));
        v["schema"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(schema(&["build", "--format", "json"]), "policyc.build/1");
    assert_eq!(schema(&["check", "--format", "json"]), "policyc.check/1");
    assert_eq!(
        schema(&["new-version", "2026-12-01", "--format", "json"]),
        "policyc.new-version/1"
    );
    assert_eq!(
        schema(&["translated", "all", "--locale", "zh-CN", "--format", "json"]),
        "policyc.translated/1"
    );
    assert_eq!(
        schema(&["diff", "2022-10-19", "2026-12-01", "--format", "json"]),
        "policyc.diff/1"
    );
    assert_eq!(
        schema(&[
            "release",
            "2026-12-01",
            "--date",
            "2026-12-01",
            "--format",
            "json"
        ]),
        "policyc.release/1"
    );
    p.write("other.md", "# P\n\n## A\n\nText.\n\n## B\n\nMore.\n");
    assert_eq!(
        schema(&["import", "other.md", "--content", "imported", "--format", "json"]),
        "policyc.import/1"
    );
}

/// A plain pair of the held-out corpus with a material change (a new processor).
const SMALL_PAIR: &str = "tests/corpus/heldout/plain/01-ridelog-new-processor-row";

/// The allocator switch of `src/main.rs`: a build (which loads a content tree) starts mimalloc,
/// a diff of two files never does, and both work with blocks of either allocator freed by the one
/// that made them. mimalloc says when it starts if `MIMALLOC_VERBOSE` is set.
#[test]
fn bulk_work_switches_allocator_and_short_commands_do_not() {
    let p = Project::sample();
    let verbose = [("MIMALLOC_VERBOSE", "1")];
    let build = crate::harness::run_in(p.path(), &["build", "-q"], &verbose).ok();
    assert!(
        build.stderr.contains("mimalloc: process init"),
        "a build should run on mimalloc:\n{}",
        build.stderr
    );
    let pair = repo().join(SMALL_PAIR);
    let (old, new) = (pair.join("old.md"), pair.join("new.md"));
    let args = [
        "diff",
        old.to_str().expect("utf-8 path"),
        new.to_str().expect("utf-8 path"),
    ];
    let diff = crate::harness::run_in(p.path(), &args, &verbose);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert!(diff.stdout.contains("MATERIAL"), "{}", diff.stdout);
    // where `.cargo/config.toml` builds mimalloc without its constructor, it does not start at all
    if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        assert!(
            !diff.stderr.contains("mimalloc"),
            "a diff of two files should not start mimalloc:\n{}",
            diff.stderr
        );
    }
}

/// `src/main.rs` starts the process itself: a reader that closes the pipe early (`| head`) still
/// gets a clean exit, not a death by SIGPIPE, and a panic-free run exits with its own code.
#[test]
fn closed_pipe_is_a_clean_exit() {
    let pair = repo().join(SMALL_PAIR);
    let big = tempfile::tempdir().expect("temp dir");
    // a redline far larger than a pipe's buffer, so the writes meet the closed end
    let (old, new) = (big.path().join("old.md"), big.path().join("new.md"));
    let text = std::fs::read_to_string(pair.join("old.md")).expect("fixture");
    std::fs::write(&old, text.repeat(40)).expect("write");
    std::fs::write(&new, text.replace("data", "records").repeat(40)).expect("write");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run policyc");
    drop(child.stdout.take());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{status:?}");
}
