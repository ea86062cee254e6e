//! The PDF step's plumbing with a stand-in engine (the real engines run in the e2e suite): PDFs land
//! beside the print pages inside the atomic build, are listed in the manifest, linked from the pages,
//! dated by the version; a missing engine is a clear error and nothing is written.

use std::os::unix::fs::PermissionsExt;

use crate::harness::{Project, run_in};

/// A fake `weasyprint` that writes a tiny PDF stamped with the current time and appends the page it
/// printed to `calls.log`.
fn fake_engine(p: &Project) -> String {
    let path = p.path().join("bin/weasyprint");
    let log = p.path().join("calls.log");
    p.write(
        "bin/weasyprint",
        &format!(
            "#!/bin/sh\n# called as: weasyprint --quiet IN OUT\necho \"$2\" >> '{}'\nprintf '%%PDF-1.4\\n/CreationDate (D:20261129181113Z) /Title (policy)\\n' > \"$3\"\n",
            log.display()
        ),
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn pdfs_are_built_listed_and_linked() {
    let p = Project::sample();
    let engine = fake_engine(&p);
    p.run(&["build", "--pdf", "--pdf-engine", &engine, "-q"]).ok();
    let files = p.output_files();
    for f in [
        "en/policy.pdf",
        "en/2022-10-19/policy.pdf",
        "zh-CN/policy.pdf",
        "zh-CN/2022-10-19/policy.pdf",
    ] {
        let pdf = String::from_utf8(files[f].clone()).unwrap();
        assert!(pdf.starts_with("%PDF-1.4"), "{f}");
        assert!(
            pdf.contains("/CreationDate (D:20221019000000Z)"),
            "{f}: dated by the version: {pdf}"
        );
        assert!(!files.keys().any(|k| k.ends_with(".part")));
    }
    let manifest = String::from_utf8(files["manifest.json"].clone()).unwrap();
    assert!(manifest.contains("\"zh-CN/2022-10-19/policy.pdf\""));
    assert!(p.read("output/en/index.html").contains("href=\"policy.pdf\""));
    assert!(
        p.read("output/en/versions.html")
            .contains("href=\"2022-10-19/policy.pdf\"")
    );
    // `policyc pdf` is the same build
    let again = tempfile::tempdir().unwrap();
    let out = again.path().join("site");
    p.run(&[
        "pdf",
        "--pdf-engine",
        &engine,
        "-q",
        "--out",
        out.to_str().unwrap(),
    ])
    .ok();
    // the marker names the content folder relative to the output folder, which lies elsewhere here
    let files: std::collections::BTreeMap<_, _> = files
        .into_iter()
        .filter(|(k, _)| k != ".policyc-output")
        .collect();
    let mut again = crate::harness::tree(&out);
    assert!(again.remove(".policyc-output").is_some());
    assert_eq!(again.keys().collect::<Vec<_>>(), files.keys().collect::<Vec<_>>());
    assert!(again == files, "`policyc pdf` and `policyc build --pdf` differ");
}

#[test]
fn a_missing_engine_is_a_clear_error_and_nothing_is_written() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let before = p.output_files();
    let run = run_in(
        p.path(),
        &["build", "--pdf"],
        &[("PATH", "/nonexistent"), ("POLICYC_PDF_ENGINE", "")],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no PDF engine found") && run.stderr.contains("apt-get install chromium"),
        "{}",
        run.stderr
    );
    let named = p.run(&["build", "--pdf", "--pdf-engine", "/no/such/engine"]);
    assert_eq!(named.code, 2);
    assert_eq!(before, p.output_files());
}

#[test]
fn a_failing_engine_leaves_output_untouched() {
    let p = Project::sample();
    p.run(&["build", "-q"]).ok();
    let before = p.output_files();
    p.write("bin/weasyprint", "#!/bin/sh\necho 'cannot print' >&2\nexit 3\n");
    std::fs::set_permissions(
        p.path().join("bin/weasyprint"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let run = p.run(&[
        "build",
        "--pdf",
        "--pdf-engine",
        p.path().join("bin/weasyprint").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot print"), "{}", run.stderr);
    assert_eq!(before, p.output_files());
    let names: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("policyc-tmp")), "{names:?}");
}

#[test]
fn unchanged_print_pages_are_not_printed_again() {
    let p = Project::sample();
    let engine = fake_engine(&p);
    let calls = || {
        std::fs::read_to_string(p.path().join("calls.log"))
            .unwrap_or_default()
            .lines()
            .count()
    };
    p.run(&["build", "--pdf", "--pdf-engine", &engine, "-q"]).ok();
    assert_eq!(calls(), 2, "one print per locale");
    let first = p.output_files();
    p.run(&["build", "--pdf", "--pdf-engine", &engine, "-q"]).ok();
    assert_eq!(calls(), 2, "nothing changed: the PDFs are kept");
    assert!(p.output_files() == first, "a kept PDF is the same file");
    // a change to the print style changes every print page: both are printed again
    p.write("templates/print.css", "@page { size: A4; margin: 2cm; }\n");
    p.run(&["build", "--pdf", "--pdf-engine", &engine, "-q"]).ok();
    assert_eq!(calls(), 4);
    // --clean prints everything
    p.run(&["build", "--pdf", "--pdf-engine", &engine, "-q", "--clean"])
        .ok();
    assert_eq!(calls(), 6);
}
