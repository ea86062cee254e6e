//! The CI recipe of docs/ci.md, run against a git fixture: the pull-request gate passes an
//! editorial draft, stops a material one until it is approved, and the publishing job builds and
//! verifies the site.

use std::process::Command;

use crate::harness::{Project, repo};

fn sh(p: &Project, script: &str, env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("scripts/ci").join(script))
        .current_dir(p.path())
        .env("POLICYC", env!("CARGO_BIN_EXE_policyc"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn git(p: &Project, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(p.path())
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn pull_request_gate_and_publishing() {
    let p = Project::sample();
    git(&p, &["init", "-q"]);
    git(&p, &["add", "content"]);
    git(&p, &["commit", "-qm", "published policy"]);
    // nothing to compare yet
    assert_eq!(sh(&p, "policy-pr.sh", &[]).0, 0);
    // an editorial draft passes
    p.run(&["new-version", "2026-12-01", "-q"]).ok();
    p.edit(
        "content/versions/2026-12-01/en/02-cookies.md",
        "give you a easier",
        "give you an easier",
    );
    p.run(&["translated", "cookies", "--locale", "zh-CN", "-q"]).ok();
    git(&p, &["add", "content"]);
    git(&p, &["commit", "-qm", "typo"]);
    let (code, out) = sh(&p, "policy-pr.sh", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(p.read("policy-diff.md").contains("not material"));
    // a material change stops the gate until approved
    p.edit(
        "content/versions/2026-12-01/facts.toml",
        "email = \"app@smallrig.com\"",
        "email = \"privacy@smallrig.com\"",
    );
    git(&p, &["commit", "-qam", "new mailbox"]);
    let (code, out) = sh(&p, "policy-pr.sh", &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("approval is required"), "{out}");
    assert!(p.read("policy-diff.md").contains("**MATERIAL**"));
    assert_eq!(sh(&p, "policy-pr.sh", &[("POLICY_APPROVED", "true")]).0, 0);
    // a check error stops it whatever the approval
    p.edit(
        "content/versions/2026-12-01/en/06-minors.md",
        "Minors may not",
        "TODO Minors may not",
    );
    let (code, out) = sh(&p, "policy-pr.sh", &[("POLICY_APPROVED", "true")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("placeholder"), "{out}");
    // publishing: build and verify against the manifest (PDFs are the e2e suite's business)
    let (code, out) = sh(&p, "policy-publish.sh", &[("PDF", "0")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("verified against manifest.json"), "{out}");
}
