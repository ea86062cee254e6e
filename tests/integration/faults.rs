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
            // the day the other builds took as today
            .env("POLICYC_TODAY", crate::harness::TODAY)
            .env_remove("SOURCE_DATE_EPOCH")
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

/// Issue 20, item 8: a report that cannot be printed after a successful build is exit 3, not 2,
/// and says the site was built.
#[test]
fn a_lost_report_after_a_build_is_exit_3() {
    let p = Project::sample();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["build", "--format", "json"])
        .current_dir(p.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: done, but the report could not be written: <stdout>: cannot write"),
        "{stderr}"
    );
    assert!(p.path().join("output/en/index.html").is_file());
    // the same for a command that writes content
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["new-version", "2026-12-01", "--format", "json"])
        .current_dir(p.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(p.content().join("versions/2026-12-01/version.toml").is_file());
}

/// Makes `path` immutable (`chattr +i`) for as long as it lives; `None` where the file system
/// cannot.
struct Immutable(std::path::PathBuf);

impl Immutable {
    fn set(path: &std::path::Path) -> Option<Self> {
        let ok = Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

/// Issue 20, item 8: an output folder whose entries cannot be removed stops the build before
/// anything changes (exit 2: the previous output is unchanged, nothing is left beside it); a
/// previous site that cannot be removed after the swap is a warning, not a failure of this or any
/// later build.
#[test]
fn an_output_folder_that_cannot_be_changed_is_left_as_it_was() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let before = p.output_files();
    p.edit(
        "content/policy.toml",
        "product = \"SmallGoGo\"",
        "product = \"SmallGoGo Pro\"",
    );
    let Some(lock) = Immutable::set(&p.path().join("output")) else {
        eprintln!("skipped: chattr +i is not supported here");
        return;
    };
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot replace the previous site in"),
        "{}",
        run.stderr
    );
    drop(lock);
    assert_eq!(p.output_files(), before);
    let stray: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("policyc-tmp") || n.contains("policyc-old"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");

    // a folder inside that cannot be emptied: the new site is in place, with a warning
    let lock = Immutable::set(&p.path().join("output/en")).unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the new site is in place, but the previous one could not be removed completely"),
        "{}",
        run.stderr
    );
    assert!(p.read("output/en/index.html").contains("SmallGoGo Pro"));
    // and the next build is not stopped by what was left
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot remove what a killed build left"),
        "{}",
        run.stderr
    );
    // the immutable folder moved with the previous site into what was left
    let left = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".output.policyc-tmp-"))
        .expect("the previous site is left beside the output");
    drop(lock);
    drop(Immutable(left.join("en")));
    p.run(&["build", "-q"]).ok();
    let stray: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("policyc-tmp") || n.contains("policyc-old"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}
