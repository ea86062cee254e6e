//! Converts the built-in rules (`src/classify/rules.toml`, the readable source) to JSON at build
//! time, with every lexicon term already in its normal form, so a `diff` loads them in microseconds.

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

fn main() {
    let src = "src/classify/rules.toml";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=src/diff/normal.rs");
    let text = std::fs::read_to_string(src).expect("read rules.toml");
    let mut value: toml::Value = toml::from_str(&text).expect("rules.toml is valid TOML");
    normalise_terms(&mut value);
    let json = serde_json::to_string(&value).expect("TOML values convert to JSON");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules.json");
    std::fs::write(out, json).expect("write rules.json");
}
