//! What `build --out` may replace (issue 20): never the content, templates or current folder, nor
//! a folder policyc did not make; what policyc did not write is carried into the new output; one
//! build at a time per output folder, and the leftover sweep spares running builds.

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Project, tree};

/// Runs `build --out out` and asserts it is refused (exit 2, nothing changed) with `expected` in
/// the message.
#[track_caller]
fn refused(p: &Project, out: &str, expected: &str) {
    let before = tree(p.path());
    let run = p.run(&["build", "--out", out]);
    assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
    assert!(
        run.stderr.starts_with("error: ") && run.stderr.contains(expected),
        "--out {out}: {}",
        run.stderr
    );
    let after: std::collections::BTreeMap<_, _> = tree(p.path())
        .into_iter()
        .filter(|(k, _)| !k.ends_with(".policyc-lock"))
        .collect();
    assert_eq!(before, after, "--out {out} changed the project");
}

#[test]
fn never_the_content_templates_or_current_folder() {
    let p = Project::sample();
    p.write("templates/style.css", "body { color: black }\n");
    refused(
        &p,
        "content",
        "is the content folder, which a build never replaces",
    );
    refused(&p, "content/site", "lies inside the content folder");
    refused(&p, "content/versions", "lies inside the content folder");
    refused(&p, ".", "contains the content folder");
    refused(&p, &p.path().display().to_string(), "contains the content folder");
    refused(&p, "templates", "is the templates folder");
    refused(&p, "templates/out", "lies inside the templates folder");
    // the current folder even where the content lies elsewhere
    let elsewhere = Project::sample();
    let run = crate::harness::run_in(
        &p.path().join("templates"),
        &[
            "build",
            "--content",
            &elsewhere.content().display().to_string(),
            "--templates",
            &elsewhere.path().join("none").display().to_string(),
            "--out",
            ".",
        ],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is the current folder"), "{}", run.stderr);
    // a link to the content folder is the content folder
    std::os::unix::fs::symlink(p.content(), p.path().join("link")).unwrap();
    refused(&p, "link", "is the content folder");
}

#[test]
fn never_a_folder_policyc_did_not_make() {
    let p = Project::sample();
    p.write("docs/guide.md", "# Our guide\n");
    p.write("docs/img/logo.svg", "<svg/>");
    refused(
        &p,
        "docs",
        "not an output folder of policyc (no .policyc-output marker); a build would replace its 2 entries (guide.md, img)",
    );
    // an empty folder, dotfiles aside, is fine, and the dotfiles stay
    p.write("site/.gitkeep", "");
    p.run(&["build", "-q", "--out", "site"]).ok();
    assert!(p.path().join("site/.gitkeep").is_file());
    assert!(p.path().join("site/en/index.html").is_file());
    assert_eq!(
        p.read("site/.policyc-output").lines().last(),
        Some("content = \"content\"")
    );
}

#[test]
fn what_policyc_did_not_write_is_carried_over() {
    let p = Project::sample();
    p.run(&["build", "-q", "--drafts"]).ok();
    let drafts_made = p.path().join("output/drafts").exists();
    // a Pages worktree: git's folder, a domain, a note inside a site folder, a link
    p.write("output/.git/HEAD", "ref: refs/heads/gh-pages\n");
    p.write("output/.git/objects/ab/cdef", "blob");
    p.write("output/CNAME", "privacy.smallgogo.example\n");
    p.write("output/.nojekyll", "");
    p.write("output/en/notes.txt", "ours\n");
    std::os::unix::fs::symlink("en/index.html", p.path().join("output/home.html")).unwrap();
    p.run(&["build", "-q"]).ok();
    assert_eq!(p.read("output/.git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert_eq!(p.read("output/.git/objects/ab/cdef"), "blob");
    assert_eq!(p.read("output/CNAME"), "privacy.smallgogo.example\n");
    assert!(p.path().join("output/.nojekyll").is_file());
    assert_eq!(p.read("output/en/notes.txt"), "ours\n");
    assert_eq!(
        fs::read_link(p.path().join("output/home.html")).unwrap(),
        std::path::Path::new("en/index.html")
    );
    // what the previous build wrote and this one does not is gone
    let _ = drafts_made;
    assert!(!p.path().join("output/drafts").exists());
    // the manifest lists only the site
    let manifest = p.read("output/manifest.json");
    for foreign in ["CNAME", ".git", "notes.txt", ".nojekyll", "home.html"] {
        assert!(!manifest.contains(foreign), "{foreign} in the manifest");
    }
    // and a third build still keeps them
    p.run(&["build", "-q", "--clean"]).ok();
    assert_eq!(p.read("output/CNAME"), "privacy.smallgogo.example\n");
    assert_eq!(p.read("output/en/notes.txt"), "ours\n");
}

#[test]
fn a_foreign_file_where_the_site_needs_one_stops_the_build() {
    let p = Project::sample();
    // policyc's marker, but no manifest: nothing there is known to be policyc's
    p.write("output/.policyc-output", "");
    p.write("output/en/index.html", "a page someone wrote\n");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "en/index.html: policyc did not write this, and the new site has a file of the same name"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("output/en/index.html"), "a page someone wrote\n");
    assert_eq!(tree(&p.path().join("output")).len(), 2);
}

#[test]
fn an_output_of_an_older_policyc_is_recognised_by_its_build_record() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    fs::remove_file(p.path().join("output/.policyc-output")).unwrap();
    p.run(&["build", "-q"]).ok();
    assert!(p.path().join("output/.policyc-output").is_file());
}

/// Holds the lock of output folder `output` of `p` as a build would: locked, with the pid inside.
fn hold_lock(p: &Project) -> fs::File {
    let lock = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(p.path().join(".output.policyc-lock"))
        .unwrap();
    lock.try_lock().unwrap();
    use std::io::Write;
    (&lock)
        .write_all(std::process::id().to_string().as_bytes())
        .unwrap();
    lock
}

#[test]
fn a_second_build_fails_at_once_naming_the_holder() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let before = p.output_files();
    let lock = hold_lock(&p);
    let run = p.run(&["build", "--clean"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "error: output: another build is writing this output folder (process {}",
            std::process::id()
        )) && run.stderr.contains("--wait"),
        "{}",
        run.stderr
    );
    assert_eq!(p.output_files(), before);
    drop(lock);
    p.run(&["build", "-q", "--clean"]).ok();
}

#[test]
fn build_wait_waits_for_the_holder_then_builds() {
    let p = Project::sample();
    let lock = hold_lock(&p);
    let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["build", "--wait"])
        .current_dir(p.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "the build did not wait");
    assert!(!p.path().join("output").exists());
    drop(lock);
    let start = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(start.elapsed() < Duration::from_secs(120));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "waiting for the build of process {}",
            std::process::id()
        )),
        "{stderr}"
    );
    // the site is whole: every file of the manifest is there
    let manifest: serde_json::Value = serde_json::from_str(&p.read("output/manifest.json")).unwrap();
    for f in manifest["files"].as_array().unwrap() {
        assert!(
            p.path()
                .join("output")
                .join(f["path"].as_str().unwrap())
                .is_file(),
            "{f}"
        );
    }
}

#[test]
fn the_leftover_sweep_spares_folders_of_running_processes() {
    let p = Project::sample();
    let alive = format!(".output.policyc-tmp-{}", std::process::id());
    p.write(&format!("{alive}/en/index.html"), "being written");
    // beyond the largest process id Linux hands out
    p.write(".output.policyc-tmp-4294967/en/index.html", "killed");
    p.write(".output.policyc-old-4294968/en/index.html", "killed");
    p.run(&["build", "-q"]).ok();
    assert!(p.path().join(&alive).join("en/index.html").is_file());
    assert!(!p.path().join(".output.policyc-tmp-4294967").exists());
    assert!(!p.path().join(".output.policyc-old-4294968").exists());
}

/// A tmpfs mounted on a folder while it lives (unmounted when dropped); `None` where mounting is
/// not allowed (not root, no capability).
struct Mounted(std::path::PathBuf);

impl Mounted {
    fn tmpfs(dir: &std::path::Path) -> Option<Self> {
        fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "none"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mounted(dir.to_path_buf()))
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn an_output_folder_that_is_a_mount_point_is_replaced_file_by_file() {
    let p = Project::sample_with_draft();
    let Some(_mount) = Mounted::tmpfs(&p.path().join("output")) else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    p.write("output/.nojekyll", "");
    let run = p.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "cannot be replaced in one step (a mount point?): its contents were replaced file by file"
        ),
        "{}",
        run.stderr
    );
    assert!(p.path().join("output/drafts/en/2026-12-01/index.html").is_file());
    p.write("output/CNAME", "privacy.smallgogo.example\n");
    // a build without drafts: what the last build wrote and this one does not is removed
    p.run(&["build", "-q"]).ok();
    assert!(!p.path().join("output/drafts").exists());
    assert!(p.path().join("output/.nojekyll").is_file());
    assert_eq!(p.read("output/CNAME"), "privacy.smallgogo.example\n");
    assert_output_whole(&p);
}

/// Issue 20, item 2, as reported: two builds started together into one output folder. Whichever
/// way they meet, each either builds or fails at once naming the other; the site left is whole
/// and nothing is left beside it.
#[test]
fn two_builds_at_once_leave_a_whole_site() {
    let p = Project::sample_with_draft();
    p.run(&["build", "-q", "--drafts"]).ok();
    for _ in 0..3 {
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_policyc"))
                .args(["build", "--clean", "--drafts", "-q"])
                .current_dir(p.path())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let mut built = 0;
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => built += 1,
                Some(2) => assert!(
                    stderr.contains("another build is writing this output folder"),
                    "{stderr}"
                ),
                other => panic!("{other:?}: {stderr}"),
            }
        }
        assert!(built >= 1);
        assert_output_whole(&p);
    }
}

/// Every file `output/manifest.json` lists is there, and no temporary or old folder of a build is
/// left beside the output.
fn assert_output_whole(p: &Project) {
    let manifest: serde_json::Value = serde_json::from_str(&p.read("output/manifest.json")).unwrap();
    for f in manifest["files"].as_array().unwrap() {
        assert!(
            p.path()
                .join("output")
                .join(f["path"].as_str().unwrap())
                .is_file(),
            "{f}"
        );
    }
    let stray: Vec<String> = fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("policyc-tmp") || n.contains("policyc-old"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}
