//! PDFs of the print pages, printed by a real engine: Debian's headless Chromium or WeasyPrint.
//!
//! The engine is named by `--pdf-engine` or `POLICYC_PDF_ENGINE` (`chromium`, `weasyprint`, or a
//! path to either), else found on PATH. Printing happens inside the build's temporary folder, so a
//! failure leaves `output/` untouched like any other build error. The engines stamp the print time
//! into the PDF; [`normalize`] replaces it with the version's update date, so the same content gives
//! the same bytes.

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
pub fn print(engine: &Engine, html: &Path, pdf: &Path, scratch: &Path, date: Date) -> Result<Vec<u8>> {
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
