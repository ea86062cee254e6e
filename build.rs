//! The build script:
//! - converts the built-in rules (`src/classify/rules.toml`, the readable source) to Rust code, with
//!   every lexicon term already in its normal form, so a `diff` neither parses nor copies them;
//! - hashes the source into `POLICYC_SOURCE_HASH` (incremental builds);
//! - links the binary for a quick process start (`link_for_quick_start`).

use std::path::PathBuf;

#[path = "src/diff/normal.rs"]
#[allow(dead_code)]
mod normal;

fn normalise_terms(value: &mut toml::Value) {
    let Some(clauses) = value.get_mut("clause").and_then(|c| c.as_array_mut()) else {
        return;
    };
    for clause in clauses {
        for key in ["headings", "strong", "medium", "weak"] {
            let Some(by_locale) = clause.get_mut(key).and_then(|v| v.as_table_mut()) else {
                continue;
            };
            for (_, terms) in by_locale.iter_mut() {
                let Some(list) = terms.as_array_mut() else {
                    continue;
                };
                let normalised: Vec<toml::Value> = list
                    .iter()
                    .filter_map(|t| t.as_str())
                    .map(|t| {
                        let prefix = t.ends_with('*');
                        let n = normal::normal_form(t.trim_end_matches('*'));
                        if prefix { format!("{n}*") } else { n }
                    })
                    .filter(|t| !t.trim_end_matches('*').is_empty())
                    .map(toml::Value::String)
                    .collect();
                *list = normalised;
            }
        }
    }
}

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

/// Links the `policyc` binary for a quick process start, on x86-64 Linux with the GNU C library
/// (elsewhere the toolchain's defaults stand). A `policyc diff` of two files is over in about
/// 2 ms, and starting the process was half of it. Measured on a 2-core VM against the default
/// link, each change on its own (`docs/performance-diff.md`):
/// - `-no-pie`: a position-dependent executable needs none of the 9,000 relocations that a PIE's
///   tables (vtables, string tables) get at every start, nor the 44 pages they dirty: 0.1 ms.
/// - `-z lazy`: library functions are bound at their first call, not all 150 at start (as
///   `git` is linked): 0.1 ms.
/// - the unwinder linked in: `-lgcc_s` finds a copy of GCC's static unwinder (`libgcc_eh.a`, what
///   `-static-libgcc` links into C++ programs) before the shared one, so the process loads one
///   library fewer, and not its constructor, which runs CPUID ten times (a trap to the hypervisor
///   of 4 µs each on a VM). With `pow` from the `libm` crate (`src/main.rs`), libm goes too.
fn link_for_quick_start() {
    let target = std::env::var("TARGET").unwrap_or_default();
    // (not when cross-compiling: `cc` would then be the host's compiler)
    if target != "x86_64-unknown-linux-gnu" || std::env::var("HOST").as_deref() != Ok(target.as_str()) {
        return;
    }
    println!("cargo:rustc-link-arg-bins=-no-pie");
    println!("cargo:rustc-link-arg-bins=-Wl,-z,lazy");
    println!("cargo:rerun-if-env-changed=CC");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let Ok(out) = std::process::Command::new(cc)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
    else {
        return;
    };
    let unwinder = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    // a compiler without the file prints its bare name
    if !unwinder.is_absolute() || !unwinder.is_file() {
        return;
    }
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("unwinder");
    std::fs::create_dir_all(&dir).expect("create the unwinder folder");
    std::fs::copy(&unwinder, dir.join("libgcc_s.a")).expect("copy libgcc_eh.a");
    println!("cargo:rustc-link-search=native={}", dir.display());
}

fn main() {
    source_hash();
    link_for_quick_start();
    println!("cargo:rustc-link-arg-bins=-no-pie");
    println!("cargo:rustc-link-arg-bins=-Wl,-z,lazy");
    let src = "src/classify/rules.toml";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=src/diff/normal.rs");
    let text = std::fs::read_to_string(src).expect("read rules.toml");
    let mut value: toml::Value = toml::from_str(&text).expect("rules.toml is valid TOML");
    normalise_terms(&mut value);
    let json = serde_json::to_string(&value).expect("TOML values convert to JSON");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // the rules' fingerprint, so a `diff` need not hash them at run time
    let digest: String = <sha2::Sha256 as sha2::Digest>::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(dir.join("rules.sha256"), digest).expect("write rules.sha256");
    std::fs::write(dir.join("rules.rs"), rules_code(&value)).expect("write rules.rs");
    // what the fingerprint hashes, and what a test reads the generated code against
    std::fs::write(dir.join("rules.json"), json).expect("write rules.json");
}

/// The clauses of the (normalised) built-in rules as a Rust expression of type
/// `Vec<ClauseRule>`, for `RuleSet::builtin` (`src/classify/rules.rs`) to include.
fn rules_code(rules: &toml::Value) -> String {
    let table = rules.as_table().expect("rules.toml is a table");
    for key in table.keys() {
        assert!(
            ["schema", "clause"].contains(&key.as_str()),
            "rules.toml: unknown key `{key}`"
        );
    }
    assert_eq!(
        table.get("schema").and_then(|s| s.as_str()),
        Some("policyc.rules/1"),
        "rules.toml: schema"
    );
    let strings = |v: Option<&toml::Value>| -> String {
        let items: Vec<String> = v
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .map(|t| format!("{:?}", t.as_str().expect("terms are strings")))
                    .collect()
            })
            .unwrap_or_default();
        format!("&[{}]", items.join(", "))
    };
    let mut out = String::from("vec![\n");
    for clause in table["clause"].as_array().expect("`clause` is an array") {
        let c = clause.as_table().expect("a clause is a table");
        for key in c.keys() {
            assert!(
                [
                    "id", "title", "facts", "sections", "headings", "strong", "medium", "weak"
                ]
                .contains(&key.as_str()),
                "rules.toml: unknown clause key `{key}`"
            );
        }
        let id = c["id"].as_str().expect("a clause id is a string");
        let titles: Vec<String> = c["title"]
            .as_table()
            .expect("a clause title is a table")
            .iter()
            .map(|(l, t)| {
                format!(
                    "(Cow::Borrowed({l:?}), Cow::Borrowed({:?}))",
                    t.as_str().expect("titles are strings")
                )
            })
            .collect();
        out.push_str(&format!(
            "    ClauseRule {{\n        id: {id:?}.to_string(),\n        title: BTreeMap::from([{}]),\n        facts: terms({}),\n        sections: terms({}),\n",
            titles.join(", "),
            strings(c.get("facts")),
            strings(c.get("sections")),
        ));
        for key in ["headings", "strong", "medium", "weak"] {
            let lists: Vec<String> = c
                .get(key)
                .and_then(|v| v.as_table())
                .map(|t| {
                    t.iter()
                        .map(|(l, v)| format!("({l:?}, {})", strings(Some(v))))
                        .collect()
                })
                .unwrap_or_default();
            out.push_str(&format!("        {key}: by_locale(&[{}]),\n", lists.join(", ")));
        }
        out.push_str("    },\n");
    }
    out.push(']');
    out
}
