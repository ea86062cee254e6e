//! Faults root cannot bypass: a build killed with SIGKILL at many points leaves the previous output
//! or the complete new one (never a mix, never no folder) and no stray temporary folder survives the
//! next build; write errors are clear errors with exit 2.

use std::process::Command;
use std::time::Instant;

use crate::harness::{Project, copy_dir, tree};

/// A content folder with many drafts, so a build takes long enough to be interrupted.
fn big_project() -> Project {
    let p = Project::sample();
    for i in 0..60 {
        let id = format!("2030-01-{:02}", i % 28 + 1);
        let id = if i >= 28 {
            format!("2031-{:02}-{:02}", i / 28, i % 28 + 1)
        } else {
            id
        };
        let dir = p.content().join("versions").join(&id);
        if dir.exists() {
            continue;
        }
        copy_dir(&p.version_dir(), &dir);
        let meta = std::fs::read_to_string(dir.join("version.toml")).unwrap();
        let meta = meta
            .replace("id = \"2022-10-19\"", &format!("id = \"{id}\""))
            .replace("status = \"published\"", "status = \"draft\"");
        std::fs::write(dir.join("version.toml"), meta).unwrap();
    }
    p
}

#[test]
fn a_killed_build_leaves_old_or_new_output_whole() {
    let p = big_project();
    p.run(&["build", "-q", "--drafts"]).ok();
    let old = p.output_files();
    p.edit(
        "content/policy.toml",
        "product = \"SmallGoGo\"",
        "product = \"SmallGoGo Pro\"",
    );
    let started = Instant::now();
    p.run(&["build", "-q", "--drafts", "--out", "reference"]).ok();
    let duration = started.elapsed();
    let new = tree(&p.path().join("reference"));
    assert_ne!(old, new);
    let (mut saw_old, mut saw_new) = (0, 0);
    for step in 1..=10u32 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
            .args(["build", "-q", "--drafts"])
            .current_dir(p.path())
            .spawn()
            .unwrap();
        std::thread::sleep(duration * step / 10);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = p.output_files();
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
            // start the next round from the old output again
            std::fs::remove_dir_all(p.path().join("output")).unwrap();
            copy_dir(&p.path().join("reference"), &p.path().join("output"));
            p.edit(
                "content/policy.toml",
                "product = \"SmallGoGo Pro\"",
                "product = \"SmallGoGo\"",
            );
            p.run(&["build", "-q", "--drafts"]).ok();
            p.edit(
                "content/policy.toml",
                "product = \"SmallGoGo\"",
                "product = \"SmallGoGo Pro\"",
            );
            assert_eq!(p.output_files(), old);
        } else {
            panic!(
                "after a kill at {}% the output is neither the old nor the new site",
                step * 10
            );
        }
    }
    assert!(
        saw_old > 0,
        "no kill landed before the swap ({saw_old} old, {saw_new} new)"
    );
    eprintln!("kills: {saw_old} left the old site, {saw_new} the new one");
    // the next build cleans up whatever the killed ones left
    p.run(&["build", "-q", "--drafts"]).ok();
    assert_eq!(p.output_files(), new);
    let stray: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("policyc-") && !n.ends_with(".policyc-lock"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn a_file_where_the_output_folder_must_go() {
    let p = Project::sample();
    p.write("blocker", "a file");
    let run = p.run(&["build", "--out", "blocker/site"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: ") && run.stderr.contains("blocker"),
        "{}",
        run.stderr
    );
    let run = p.run(&["build", "--out", "blocker"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("blocker") && run.stderr.contains("not a folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_full_disk_on_stdout_is_a_clear_error() {
    let p = Project::sample();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["diff", "2022-10-19", "2022-10-19", "--format", "json"])
        .current_dir(p.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: <stdout>: cannot write"), "{stderr}");
}
