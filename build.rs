//! Converts the built-in rules (`src/classify/rules.toml`, the readable source) to JSON at build
//! time, so the binary parses them in microseconds on every `diff`.

use std::path::PathBuf;

fn main() {
    let src = "src/classify/rules.toml";
    println!("cargo:rerun-if-changed={src}");
    let text = std::fs::read_to_string(src).expect("read rules.toml");
    let value: toml::Value = toml::from_str(&text).expect("rules.toml is valid TOML");
    let json = serde_json::to_string(&value).expect("TOML values convert to JSON");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules.json");
    std::fs::write(out, json).expect("write rules.json");
}
