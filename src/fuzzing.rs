//! Entry points shared by the fuzz targets (`fuzz/`) and the test that replays their corpus: each
//! takes arbitrary bytes and drives one parser or stage; none may panic.

use crate::markdown::{self, RenderOptions, Resolve};
use crate::source::SourceFile;

struct Values;

impl Resolve for Values {
    fn fact(&self, path: &str) -> Result<String, String> {
        if path.len().is_multiple_of(3) {
            Ok(format!("<value of {path}>"))
        } else {
            Err(format!("unknown fact `{path}`"))
        }
    }
    fn partial(&self, name: &str, _path: Option<&str>) -> Result<String, String> {
        Ok(format!("<div>{name}</div>"))
    }
}

/// A section file: front matter, Markdown analysis, rendering.
pub fn section(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let src = SourceFile::new("fuzz.md", text);
    if let Ok(section) = crate::parse::section::parse_section(src, &["br".to_string(), "sub".to_string()]) {
        let opts = RenderOptions {
            heading_shift: 2,
            id_prefix: "fuzz",
        };
        if let Ok(r) = markdown::render(section.body(), &opts, &Values) {
            assert!(
                !r.html.to_ascii_lowercase().contains("<script"),
                "a script reached the HTML"
            );
        }
    }
}

/// The plain-Markdown section splitter.
pub fn split(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let doc = crate::diff::doc::from_markdown(&text);
    for s in &doc.sections {
        assert!(!s.id.is_empty());
    }
}

/// Diff and classification of an arbitrary pair (the input split at its first NUL byte or middle).
pub fn diff_pair(data: &[u8]) {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len() / 2);
    let (a, b) = (
        String::from_utf8_lossy(&data[..cut]),
        String::from_utf8_lossy(&data[(cut + 1).min(data.len())..]),
    );
    let old = crate::diff::input::from_markdown(&a, None, "old".into());
    let new = crate::diff::input::from_markdown(&b, None, "new".into());
    let rules = crate::classify::RuleSet::builtin();
    let comparison = crate::compare::inputs(old, new, &["en".to_string(), "zh-CN".to_string()], &rules);
    let report = comparison.report();
    let json = crate::report::json::render(&report);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    let _ = crate::report::text::render(&report, crate::report::text::TextOptions { color: false });
    let _ = crate::report::markdown::render(&report);
    if a == b {
        assert!(
            comparison.diff().changes.is_empty(),
            "a text compared with itself has changes"
        );
    }
}

/// The built-in fact partials with arbitrary values: they render, and never pass markup through.
pub fn partials(data: &[u8]) {
    // the value between two different markers, so the check below matches only the inserted text
    let value = format!("\u{a7}{}\u{b6}", String::from_utf8_lossy(data));
    let templates = crate::render::templates::TemplateSet::builtin();
    let tera = templates.engine().expect("built-in templates parse");
    let msg = templates
        .messages(&crate::ids::Locale::parse("en").expect("valid"))
        .expect("messages");
    let text = serde_json::Value::String(value.clone());
    let item = serde_json::json!({"id": "x", "name": text, "package": text, "purpose": text, "data": text,
        "description": text, "scenario": text, "refusal": text, "notes": [text], "items": text, "sensitive": true,
        "phone": text, "email": text});
    let facts = serde_json::json!({"controller": {"name": text, "address": text}});
    let dates = crate::render::views::Dates {
        effective: value.clone(),
        effective_iso: value.clone(),
        updated: value.clone(),
        updated_iso: value.clone(),
    };
    for name in [
        "sdk-table",
        "data-table",
        "permission",
        "contact-block",
        "list",
        "version-dates",
    ] {
        let item = match name {
            "sdk-table" | "data-table" | "list" => serde_json::Value::Array(vec![if name == "list" {
                text.clone()
            } else {
                item.clone()
            }]),
            _ => item.clone(),
        };
        let mut ctx = tera::Context::new();
        ctx.insert("item", &item);
        ctx.insert("facts", &facts);
        ctx.insert("msg", &msg);
        ctx.insert("lang", "en");
        ctx.insert("dates", &dates);
        let html = tera
            .render(&format!("partials/{name}.html"), &ctx)
            .expect("partials render any text");
        if value.contains(['<', '>', '"', '&']) {
            assert!(
                !html.contains(value.as_str()),
                "unescaped value in {name}: {html}"
            );
        }
    }
}

/// The importer on arbitrary text (Markdown, and the same bytes read as HTML).
pub fn import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let imported = crate::import::import(&text, "2024-01-01", "en", "fuzz");
    assert!(imported.files.iter().any(|(p, _)| p == "policy.toml"));
    let _ = crate::import::import(
        &crate::import::html_to_markdown(&text),
        "2024-01-01",
        "en",
        "fuzz",
    );
}
