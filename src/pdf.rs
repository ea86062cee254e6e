//! PDFs of the print pages, printed by a real engine: Debian's headless Chromium or WeasyPrint.
//!
//! The engine is named by `--pdf-engine` or `POLICYC_PDF_ENGINE` (`chromium`, `weasyprint`, or a
//! path to either), else found on PATH. Printing happens inside the build's temporary folder, so a
//! failure leaves `output/` untouched like any other build error. The engines stamp the print time
//! into the PDF; [`normalize`] replaces it with the version's update date, so the same content gives
//! the same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::date::Date;
use crate::error::{Error, Result};

/// Which engine a program is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    /// Chromium or Chrome (`--print-to-pdf`).
    Chromium,
    /// WeasyPrint.
    WeasyPrint,
}

/// A PDF engine found on this machine.
#[derive(Debug, Clone)]
pub struct Engine {
    /// Which one.
    pub kind: EngineKind,
    /// Its program.
    pub program: PathBuf,
}

const INSTALL_HINT: &str = "install Debian's Chromium (`apt-get install chromium`) or WeasyPrint \
(`apt-get install weasyprint` or `pip install weasyprint`), or name one with --pdf-engine or POLICYC_PDF_ENGINE";

fn kind_of(program: &Path) -> EngineKind {
    let name = program
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.contains("weasyprint") {
        EngineKind::WeasyPrint
    } else {
        EngineKind::Chromium
    }
}

/// Finds the engine: `spec` (a name or a path) if given, else Chromium, else WeasyPrint, on PATH.
pub fn find(spec: Option<&str>) -> Result<Engine> {
    let candidates: Vec<&str> = match spec {
        Some("chromium") => vec![
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ],
        Some("weasyprint") => vec!["weasyprint"],
        Some(path) => {
            let p = PathBuf::from(path);
            if crate::load::is_file(&p) {
                return Ok(Engine {
                    kind: kind_of(&p),
                    program: p,
                });
            }
            return Err(Error::Usage(format!(
                "PDF engine `{path}` not found: {INSTALL_HINT}"
            )));
        }
        None => vec![
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
            "weasyprint",
        ],
    };
    candidates
        .iter()
        .find_map(|n| crate::load::on_path(n))
        .map(|program| Engine {
            kind: kind_of(&program),
            program,
        })
        .ok_or_else(|| Error::Usage(format!("no PDF engine found: {INSTALL_HINT}")))
}

/// Prints `html` to the file `pdf`, dated `date` where the engine takes a date, and returns the
/// PDF's bytes (the file is removed once read); `scratch` is a folder for the engine's profile.
/// With Chromium the contents get their page numbers in a second pass ([`print_numbered`]).
pub fn print(engine: &Engine, html: &Path, pdf: &Path, scratch: &Path, date: Date) -> Result<Vec<u8>> {
    match engine.kind {
        EngineKind::Chromium => print_numbered(engine, html, pdf, scratch, date),
        EngineKind::WeasyPrint => print_once(engine, html, pdf, scratch, date),
    }
}

/// Chromium ignores `target-counter()`, so its contents would have no page numbers. The page is
/// printed from a copy beside it (so its relative links still resolve) with a two-digit
/// placeholder after each contents entry; the page of each heading is read from that PDF's named
/// destinations ([`destination_pages`]); the copy is printed again with the numbers in place of the
/// placeholders (which kept the layout, so no heading moves). Without a contents, or when a
/// destination cannot be read, the page is printed once as it is.
fn print_numbered(engine: &Engine, html: &Path, pdf: &Path, scratch: &Path, date: Date) -> Result<Vec<u8>> {
    let html = crate::load::resolve(html)?;
    let text = crate::load::read_text(&html)?.text;
    let ids = contents_ids(&text);
    if ids.is_empty() {
        return print_once(engine, &html, pdf, scratch, date);
    }
    let copy = html.with_file_name(".print-numbered.html");
    let placeholders: BTreeMap<String, u32> = ids.iter().map(|id| (id.clone(), 88)).collect();
    let pass = |pages: &BTreeMap<String, u32>| -> Result<Vec<u8>> {
        crate::output::write_file(&copy, with_page_numbers(&text, pages).as_bytes())?;
        print_once(engine, &copy, pdf, scratch, date)
    };
    let result = pass(&placeholders).and_then(|first| {
        let pages = destination_pages(&first);
        if ids.iter().all(|id| pages.contains_key(id)) {
            pass(&pages)
        } else {
            print_once(engine, &html, pdf, scratch, date)
        }
    });
    let removed = crate::output::remove_file(&copy);
    let bytes = result?;
    removed?;
    Ok(bytes)
}

/// The ids the contents of a print page link to, in order.
fn contents_ids(html: &str) -> Vec<String> {
    let Some(toc) = contents(html) else {
        return Vec::new();
    };
    toc.split("<a href=\"#")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id.to_string()))
        .collect()
}

/// The byte range of the contents (`<nav class="toc"…</nav>`) of a print page.
fn contents_range(html: &str) -> Option<std::ops::Range<usize>> {
    let start = html.find("<nav class=\"toc\"")?;
    let end = start + html[start..].find("</nav>")?;
    Some(start..end)
}

fn contents(html: &str) -> Option<&str> {
    contents_range(html).map(|r| &html[r])
}

/// The page with its contents entries followed by `<span class="toc-page">N</span>` (inside the
/// link), `N` the page of the entry's heading in `pages`.
fn with_page_numbers(html: &str, pages: &BTreeMap<String, u32>) -> String {
    let Some(range) = contents_range(html) else {
        return html.to_string();
    };
    let toc = &html[range.clone()];
    let mut out = String::with_capacity(html.len() + pages.len() * 40);
    out.push_str(&html[..range.start]);
    let mut parts = toc.split("<a href=\"#");
    out.push_str(parts.next().unwrap_or(""));
    for part in parts {
        out.push_str("<a href=\"#");
        let page = part.split_once('"').and_then(|(id, _)| pages.get(id)).copied();
        match (page, part.find("</a>")) {
            (Some(n), Some(close)) => {
                out.push_str(&part[..close]);
                out.push_str(&format!("<span class=\"toc-page\">{n}</span>"));
                out.push_str(&part[close..]);
            }
            _ => out.push_str(part),
        }
    }
    out.push_str(&html[range.end..]);
    out
}

/// The page (from 1) of each named destination of a PDF as Chromium (Skia) writes it: the
/// catalog's `/Dests` dictionary of `/name [page-object 0 R /XYZ …]`, the pages in the order of the
/// `/Pages` tree. Empty when the PDF is written otherwise (compressed object streams, say).
pub fn destination_pages(pdf: &[u8]) -> BTreeMap<String, u32> {
    let text = String::from_utf8_lossy(pdf);
    let object = |n: u32| -> Option<&str> {
        let head = format!("{n} 0 obj");
        let mut from = 0;
        loop {
            let i = from + text[from..].find(&head)?;
            let at_line_start = i == 0 || matches!(text.as_bytes()[i - 1], b'\n' | b'\r');
            if at_line_start {
                let body = &text[i + head.len()..];
                return body.find("endobj").map(|end| &body[..end]);
            }
            from = i + head.len();
        }
    };
    let reference = |dict: &str, key: &str| -> Option<u32> {
        let rest = &dict[dict.find(key)? + key.len()..];
        rest.split_whitespace().next()?.parse().ok()
    };
    let Some(catalog) = text
        .match_indices("/Type /Catalog")
        .next()
        .map(|(i, _)| &text[i..])
    else {
        return BTreeMap::new();
    };
    let (Some(pages_root), Some(dests)) = (reference(catalog, "/Pages "), reference(catalog, "/Dests "))
    else {
        return BTreeMap::new();
    };
    // the pages in order: a depth-first walk of the /Pages tree
    let mut order = Vec::new();
    let mut stack = vec![pages_root];
    while let Some(n) = stack.pop() {
        let Some(body) = object(n) else { continue };
        match body.find("/Kids [") {
            Some(k) if body.contains("/Type /Pages") => {
                let kids = &body[k + 7..];
                let kids = &kids[..kids.find(']').unwrap_or(kids.len())];
                let refs: Vec<u32> = kids
                    .split(" R")
                    .filter_map(|r| r.split_whitespace().next()?.parse().ok())
                    .collect();
                stack.extend(refs.into_iter().rev());
            }
            _ => order.push(n),
        }
        if order.len() > 100_000 {
            break;
        }
    }
    let page_of: BTreeMap<u32, u32> = order
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, u32::try_from(i + 1).unwrap_or(u32::MAX)))
        .collect();
    let Some(dict) = object(dests) else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for entry in dict.split('/').skip(1) {
        // `name [12 0 R /XYZ …]` (the /XYZ of the array is its own piece)
        let Some((name, rest)) = entry.split_once(char::is_whitespace) else {
            continue;
        };
        let Some(array) = rest.trim_start().strip_prefix('[') else {
            continue;
        };
        let page = array
            .split_whitespace()
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .and_then(|n| page_of.get(&n).copied());
        if let Some(p) = page {
            out.insert(decode_name(name), p);
        }
    }
    out
}

/// A PDF name without its `#xx` escapes.
fn decode_name(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'#'
            && let Some(v) = name
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Prints `html` once.
fn print_once(engine: &Engine, html: &Path, pdf: &Path, scratch: &Path, date: Date) -> Result<Vec<u8>> {
    let html = crate::load::resolve(html)?;
    let mut cmd = Command::new(&engine.program);
    match engine.kind {
        EngineKind::Chromium => {
            cmd.args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--no-first-run",
                "--no-pdf-header-footer",
                "--generate-pdf-document-outline",
                "--run-all-compositor-stages-before-draw",
            ])
            .arg(format!("--user-data-dir={}", scratch.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display()));
        }
        EngineKind::WeasyPrint => {
            // a fixed hash seed and SOURCE_DATE_EPOCH (font subset timestamps) make the output stable
            let epoch =
                (date.day_number() - Date::parse("1970-01-01").expect("valid date").day_number()) * 86_400;
            cmd.env("PYTHONHASHSEED", "0")
                .env("SOURCE_DATE_EPOCH", epoch.to_string())
                .arg("--quiet")
                .arg(&html)
                .arg(pdf);
        }
    }
    let out = cmd
        .output()
        .map_err(|e| Error::io("cannot run the PDF engine", &engine.program, e))?;
    let printed = if out.status.success() {
        crate::load::written_by_program(pdf)?
    } else {
        None
    };
    let Some(bytes) = printed else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("no output");
        return Err(Error::Usage(format!(
            "{} failed to print {}: {last}",
            engine.program.display(),
            html.display()
        )));
    };
    crate::output::remove_file(pdf)?;
    Ok(bytes)
}

/// Replaces the creation and modification dates in a PDF with `date` (midnight UTC), keeping every
/// byte offset: the date strings keep their length.
pub fn normalize(pdf: &[u8], date: Date) -> Vec<u8> {
    let mut out = pdf.to_vec();
    let stamp = format!("{:04}{:02}{:02}000000", date.year, date.month, date.day);
    for key in [&b"/CreationDate ("[..], &b"/ModDate ("[..]] {
        let mut from = 0;
        while let Some(i) = position(&out[from..], key) {
            let start = from + i + key.len();
            // D:YYYYMMDDHHmmSS…
            if out.get(start..start + 2) == Some(b"D:") && out.len() >= start + 16 {
                out[start + 2..start + 16].copy_from_slice(stamp.as_bytes());
            }
            from = start;
        }
    }
    out
}

fn position(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_get_the_pages_of_the_named_destinations() {
        let pdf = "%PDF-1.4\n1 0 obj\n<</Type /Pages\n/Count 3\n/Kids [2 0 R 5 0 R]>>\nendobj\n\
2 0 obj\n<</Type /Pages\n/Count 2\n/Kids [3 0 R 4 0 R]>>\nendobj\n\
3 0 obj\n<</Type /Page>>\nendobj\n4 0 obj\n<</Type /Page>>\nendobj\n5 0 obj\n<</Type /Page>>\nendobj\n\
6 0 obj\n<</intro [3 0 R /XYZ 0 700 0]\n/your-rights [5 0 R /XYZ 0 300 0]\n/a#2Db [4 0 R /XYZ 0 1 0]>>\nendobj\n\
7 0 obj\n<</Type /Catalog\n/Pages 1 0 R\n/Dests 6 0 R>>\nendobj\n";
        let pages = destination_pages(pdf.as_bytes());
        assert_eq!(pages.get("intro"), Some(&1));
        assert_eq!(pages.get("a-b"), Some(&2));
        assert_eq!(pages.get("your-rights"), Some(&3));
        assert!(destination_pages(b"%PDF-1.7 nothing here").is_empty());
        let html = "<p>x</p><nav class=\"toc\"><ol><li><a href=\"#intro\">Intro</a></li>\
<li><a href=\"#your-rights\">Rights</a></li></ol></nav><a href=\"#intro\">again</a>";
        assert_eq!(contents_ids(html), ["intro", "your-rights"]);
        assert_eq!(
            with_page_numbers(html, &pages),
            "<p>x</p><nav class=\"toc\"><ol><li><a href=\"#intro\">Intro<span class=\"toc-page\">1</span></a></li>\
<li><a href=\"#your-rights\">Rights<span class=\"toc-page\">3</span></a></li></ol></nav><a href=\"#intro\">again</a>"
        );
    }

    #[test]
    fn dates_are_replaced_in_place() {
        let pdf = b"x /CreationDate (D:20261129181113+00'00') /ModDate (D:20261129181113+00'00') y";
        let out = normalize(pdf, Date::parse("2022-10-19").unwrap());
        assert_eq!(out.len(), pdf.len());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "x /CreationDate (D:20221019000000+00'00') /ModDate (D:20221019000000+00'00') y"
        );
    }
}
