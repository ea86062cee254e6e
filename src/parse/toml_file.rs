//! TOML files parsed strictly, with errors placed at `file:line:col`.

use serde::de::DeserializeOwned;

use crate::error::Diagnostic;
use crate::source::SourceFile;

/// Parses `text`, which starts at byte `base` of `src`, as `T`.
pub fn parse_at<T: DeserializeOwned>(src: &SourceFile, text: &str, base: usize) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let offset = base + e.span().map_or(0, |s| s.start);
        let message = e.message().trim().replace('\n', " ");
        Diagnostic::at(src, offset, message)
    })
}

/// Parses a whole TOML file as `T`.
pub fn parse<T: DeserializeOwned>(src: &SourceFile) -> Result<T, Diagnostic> {
    parse_at(src, &src.text, 0)
}
