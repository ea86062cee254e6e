//! Source files and positions: byte offsets are kept everywhere and turned into `line:col` (1-based,
//! columns counted in characters) only when something is reported.

use std::path::{Path, PathBuf};

/// One text file of the content, as read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as it is shown to the user (relative to where policyc runs when possible).
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
}

/// A position in a file, ready for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl SourceFile {
    /// A file from its display path and text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The line and column of byte `offset` (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        line_col(&self.text, offset)
    }

    /// The display path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The line and column of byte `offset` in `text` (clamped; snapped back to a char boundary).
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    LineCol { line, column }
}

/// The text of 1-based line `line` of `text`, without its line break.
pub fn line_text(text: &str, line: usize) -> &str {
    text.split('\n')
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let t = "ab\nc中d\n";
        assert_eq!(line_col(t, 0), LineCol { line: 1, column: 1 });
        assert_eq!(line_col(t, 3), LineCol { line: 2, column: 1 });
        assert_eq!(line_col(t, 7), LineCol { line: 2, column: 3 });
        assert_eq!(line_col(t, 5), LineCol { line: 2, column: 2 }); // inside 中: snapped back
        assert_eq!(line_text(t, 2), "c中d");
    }
}
