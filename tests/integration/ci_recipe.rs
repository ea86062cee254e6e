//! The CI recipe of docs/ci.md, run against a git fixture: the pull-request gate passes an
//! editorial draft, stops a material one until it is approved, fails on a check error with the
//! findings left for the comment step, and the publishing job builds and verifies the site. The
//! GitHub Actions workflow itself deploys to Pages daily and on push, and its own steps run here.

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
    // a check error stops it whatever the approval, and the comment posts the findings
    p.edit(
        "content/versions/2026-12-01/en/06-minors.md",
        "Minors may not",
        "TODO Minors may not",
    );
    std::fs::remove_file(p.path().join("policy-diff.md")).unwrap();
    let (code, out) = sh(&p, "policy-pr.sh", &[("POLICY_APPROVED", "true")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("placeholder"), "{out}");
    let comment = p.read("policy-diff.md");
    assert!(comment.starts_with("### policyc check found errors"), "{comment}");
    assert!(
        comment.contains("content/versions/2026-12-01/en/06-minors.md")
            && comment.contains("error[placeholder-text]"),
        "{comment}"
    );
    assert!(!comment.contains('\u{1b}'), "no terminal colour in a comment");
    // publishing: build and verify against the manifest (PDFs are the e2e suite's business)
    let (code, out) = sh(&p, "policy-publish.sh", &[("PDF", "0")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("verified against manifest.json"), "{out}");
}

/// The GitHub Actions workflow of docs/ci.md.
fn github_workflow() -> String {
    let doc = std::fs::read_to_string(repo().join("docs/ci.md")).unwrap();
    let start = doc.find("### GitHub Actions").unwrap();
    let yaml = &doc[start..];
    let yaml = &yaml[yaml.find("```yaml\n").unwrap() + 8..];
    yaml[..yaml.find("```").unwrap()].to_string()
}

/// The shell of the step named `name` (`run: …` on one line, or a `run: |` block).
fn step_run(yaml: &str, name: &str) -> String {
    let at = yaml
        .find(&format!("- name: {name}\n"))
        .unwrap_or_else(|| panic!("no step {name}"));
    let step = &yaml[at..];
    let run = step.find("run: ").unwrap();
    let rest = &step[run + 5..];
    if let Some(block) = rest.strip_prefix("|\n") {
        let indent = block.len() - block.trim_start().len();
        block
            .lines()
            .take_while(|l| l.len() > indent && l[..indent].trim().is_empty())
            .map(|l| format!("{}\n", &l[indent..]))
            .collect()
    } else {
        rest.lines().next().unwrap().to_string()
    }
}

#[test]
fn the_github_workflow_deploys_to_pages_daily_and_on_push() {
    let yaml = github_workflow();
    for needed in [
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
        "pages: write",
        "id-token: write",
        "schedule:",
        "- cron: ",
        "push:",
        "pull_request:",
        "SOURCE_DATE_EPOCH=",
    ] {
        assert!(yaml.contains(needed), "the workflow lacks {needed}");
    }
    // deploy-pages after the upload, in the job that has the permissions; not on pull requests
    let publish = &yaml[yaml.find("  publish:").unwrap()..];
    assert!(publish.contains("if: github.event_name != 'pull_request'"));
    assert!(publish.find("upload-pages-artifact").unwrap() < publish.find("deploy-pages").unwrap());
    assert!(publish.find("id-token: write").unwrap() < publish.find("steps:").unwrap());
    // the comment step posts the file the gate writes, whether it passed or not
    let comment = step_run(&yaml, "post the redline, or the check findings");
    assert!(comment.contains("--body-file policy-diff.md"), "{comment}");
    let review = &yaml[yaml.find("  review:").unwrap()..yaml.find("  publish:").unwrap()];
    assert!(
        review.contains("if: always() && hashFiles('policy-diff.md') != ''"),
        "{review}"
    );
}

/// The workflow's own steps, run in a git fixture: the gate with a check error leaves the findings
/// for the comment step; the publishing step builds as of the run's day and verifies the site.
#[test]
fn the_github_workflow_steps_run_in_a_fixture() {
    let p = Project::sample();
    let scripts = p.path().join("scripts/ci");
    std::fs::create_dir_all(&scripts).unwrap();
    for name in ["policy-pr.sh", "policy-publish.sh"] {
        std::fs::copy(repo().join("scripts/ci").join(name), scripts.join(name)).unwrap();
    }
    git(&p, &["init", "-q"]);
    git(&p, &["add", "content", "scripts"]);
    git(&p, &["commit", "-qm", "published policy"]);
    let yaml = github_workflow();
    let bash = |script: &str, env: &[(&str, &str)]| {
        let mut cmd = Command::new("bash");
        cmd.args(["-euo", "pipefail", "-c", script])
            .current_dir(p.path())
            .env("POLICYC", env!("CARGO_BIN_EXE_policyc"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), text)
    };
    // a draft with a check error: the gate fails and the comment file holds the findings
    p.run(&["new-version", "2026-12-01", "-q"]).ok();
    p.edit(
        "content/versions/2026-12-01/zh-CN/06-minors.md",
        "未成年人未经",
        "TODO 未成年人未经",
    );
    let gate = step_run(&yaml, "check and redline");
    let (code, out) = bash(&gate, &[("POLICY_APPROVED", "false")]);
    assert_eq!(code, 1, "{out}");
    assert!(
        p.read("policy-diff.md").contains("error[placeholder-text]"),
        "{out}"
    );
    // fixed, the same step passes and the comment is the redline
    p.edit(
        "content/versions/2026-12-01/zh-CN/06-minors.md",
        "TODO 未成年人未经",
        "未成年人未经",
    );
    let (code, out) = bash(&gate, &[("POLICY_APPROVED", "false")]);
    assert_eq!(code, 0, "{out}");
    assert!(
        !p.read("policy-diff.md").contains("check found errors"),
        "{}",
        p.read("policy-diff.md")
    );
    // the publishing step (PDFs are the e2e suite's business)
    let publish = step_run(&yaml, "build as of the run's day");
    assert!(publish.contains("export SOURCE_DATE_EPOCH="), "{publish}");
    let (code, out) = bash(&publish, &[("PDF", "0")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("verified against manifest.json"), "{out}");
    assert!(p.path().join("output/en/index.html").is_file());
}
