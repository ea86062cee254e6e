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
        schema(&["notice", "2022-10-19", "2026-12-01", "--format", "json"]),
        "policyc.notice/1"
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

/// The binary is an ordinary hardened executable: position-independent (`ET_DYN` with an
/// interpreter), bound at start with a read-only GOT (`BIND_NOW` and a `PT_GNU_RELRO` segment) and
/// with a non-executable stack. `scripts/e2e` checks the release binary the same way with readelf.
#[test]
#[cfg(target_os = "linux")]
fn binary_is_pie_with_full_relro_and_no_executable_stack() {
    use object::elf;
    use object::read::elf::{Dyn, ElfFile64, FileHeader, ProgramHeader};
    let data = std::fs::read(env!("CARGO_BIN_EXE_policyc")).expect("read the binary");
    let file = ElfFile64::<object::Endianness>::parse(&*data).expect("an ELF64 file");
    let endian = file.endian();
    let header = file.elf_header();
    assert_eq!(
        header.e_type(endian),
        elf::ET_DYN,
        "not position-independent (ET_EXEC)"
    );
    let segments = file.elf_program_headers();
    let kinds: Vec<u32> = segments.iter().map(|s| s.p_type(endian)).collect();
    assert!(
        kinds.contains(&elf::PT_INTERP),
        "ET_DYN without an interpreter is a library"
    );
    assert!(kinds.contains(&elf::PT_GNU_RELRO), "no RELRO segment");
    let stack = segments
        .iter()
        .find(|s| s.p_type(endian) == elf::PT_GNU_STACK)
        .expect("a PT_GNU_STACK segment");
    assert_eq!(stack.p_flags(endian) & elf::PF_X, 0, "the stack is executable");
    let dynamic = segments
        .iter()
        .find(|s| s.p_type(endian) == elf::PT_DYNAMIC)
        .expect("a dynamic segment");
    let entries: &[elf::Dyn64<object::Endianness>] = dynamic
        .dynamic(endian, &*data)
        .expect("readable dynamic segment")
        .expect("dynamic entries");
    let bind_now = entries.iter().any(|d| {
        let tag = d.d_tag(endian) as u32;
        let val = d.d_val(endian);
        tag == elf::DT_BIND_NOW
            || (tag == elf::DT_FLAGS && val & u64::from(elf::DF_BIND_NOW) != 0)
            || (tag == elf::DT_FLAGS_1 && val & u64::from(elf::DF_1_NOW) != 0)
    });
    assert!(bind_now, "lazy binding: the GOT stays writable (no BIND_NOW)");
    let pie_flag = entries.iter().any(|d| {
        d.d_tag(endian) as u32 == elf::DT_FLAGS_1 && d.d_val(endian) & u64::from(elf::DF_1_PIE) != 0
    });
    assert!(pie_flag, "DT_FLAGS_1 lacks PIE");
}

/// A reader that closes the pipe early (`| head`) gets a clean exit, not a death by SIGPIPE
/// (`output::stdout` treats a closed pipe as the end of the reader's interest).
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
