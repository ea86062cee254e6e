//! The build script hashes the source into `POLICYC_SOURCE_HASH`, so incremental builds never
//! keep pages another renderer made. The binary is linked with the toolchain's defaults
//! (position-independent, full RELRO, non-executable stack), which `scripts/e2e` checks.

use std::path::PathBuf;

/// Every file below `dir`, sorted.
fn files_below(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_below(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// `POLICYC_SOURCE_HASH`: the sha256 of the source, the built-in templates and the locked
/// dependencies, so incremental builds never keep what another renderer made.
fn source_hash() {
    use sha2::{Digest, Sha256};
    let mut files = vec![
        PathBuf::from("Cargo.toml"),
        PathBuf::from("Cargo.lock"),
        PathBuf::from("build.rs"),
    ];
    files_below(std::path::Path::new("src"), &mut files);
    files_below(std::path::Path::new("templates"), &mut files);
    files.sort();
    let mut hash = Sha256::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        hash.update(f.to_string_lossy().as_bytes());
        hash.update([0]);
        hash.update(std::fs::read(f).unwrap_or_default());
        hash.update([0]);
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=templates");
    let hex: String = hash
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    println!("cargo:rustc-env=POLICYC_SOURCE_HASH={hex}");
}

fn main() {
    source_hash();
}
