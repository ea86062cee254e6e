//! Errors and diagnostics, and the mapping from them to exit codes.
//!
//! A [`Diagnostic`] is a value that says where (file, line, column) and what; the same value is
//! printed as text, serialised as JSON by `check`, and decides the exit code. [`Error`] is what stops
//! a command: bad input (exit 2) or an I/O failure naming its path (exit 2).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::source::{LineCol, SourceFile};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Stops `check` (exit 1); for load problems, stops every command (exit 2).
    Error,
    /// Reported, never fatal.
    Warning,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
        })
    }
}

/// Something wrong at a place in the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// The lint rule that found it, if any (load errors have none).
    pub rule: Option<&'static str>,
    /// The file, as shown to the user.
    pub file: PathBuf,
    /// Line and column, when known.
    pub pos: Option<LineCol>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The offending source line, for the caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn file_error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            rule: None,
            file: file.into(),
            pos: None,
            message: message.into(),
            source_line: None,
        }
    }

    /// An error at byte `offset` of `src`.
    pub fn at(src: &SourceFile, offset: usize, message: impl Into<String>) -> Self {
        let pos = src.line_col(offset);
        Diagnostic {
            level: Level::Error,
            rule: None,
            file: src.path.clone(),
            pos: Some(pos),
            message: message.into(),
            source_line: Some(crate::source::line_text(&src.text, pos.line).to_string()),
        }
    }

    /// The same finding under a lint rule and level.
    pub fn with_rule(mut self, rule: &'static str, level: Level) -> Self {
        self.rule = Some(rule);
        self.level = level;
        self
    }

    /// `file:line:col: ` (the parts known).
    pub fn location(&self) -> String {
        // a file name may hold a terminal escape; it never reaches the terminal as one
        let file = self.file.display().to_string();
        let file = crate::clean::visible(&file);
        match self.pos {
            Some(p) => format!("{file}:{}:{}", p.line, p.column),
            None => file.into_owned(),
        }
    }

    /// `level[rule]: message` as rustc prints it, plus the source line with a caret.
    pub fn render_long(&self) -> String {
        let head = match self.rule {
            Some(rule) => format!("{}: {}[{rule}]: {}", self.location(), self.level, self.message),
            None => format!("{}: {}: {}", self.location(), self.level, self.message),
        };
        match (&self.source_line, self.pos) {
            (Some(line), Some(p)) => {
                let gutter = p.line.to_string().len();
                let caret_pad: String = line
                    .chars()
                    .take(p.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                format!(
                    "{head}\n{:gutter$} |\n{} | {line}\n{:gutter$} | {caret_pad}^",
                    "", p.line, ""
                )
            }
            _ => head,
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: message`, the form errors are printed in after `error: `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

/// What stops a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Content that cannot be loaded or rendered (exit 2).
    #[error("{0}")]
    Input(Box<Diagnostic>),
    /// Several load problems at once (exit 2).
    #[error("{}", .0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\nerror: "))]
    Inputs(Vec<Diagnostic>),
    /// A file system operation failed.
    #[error("{}: {action}: {source}", crate::clean::visible(&path.display().to_string()))]
    Io {
        /// What was being done (`cannot read`, `cannot write` …).
        action: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A command-line argument that names nothing usable.
    #[error("{0}")]
    Usage(String),
    /// The command did its work (the site is built, the content written), but its report could
    /// not be written (exit 3).
    #[error("done, but the report could not be written: {0}")]
    Unreported(Box<Error>),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// Exit code for this error: 3 when only the report was lost (the work is done); every error
    /// that stops a command is bad input or environment, 2.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Unreported(_) => 3,
            _ => 2,
        }
    }

    /// The error as the entries of `policyc.error/1`: one per problem, with its place where known.
    pub fn entries(&self) -> Vec<ErrorEntry> {
        match self {
            Error::Input(d) => vec![ErrorEntry::of(d)],
            Error::Inputs(ds) => ds.iter().map(ErrorEntry::of).collect(),
            Error::Io { action, path, source } => vec![ErrorEntry {
                file: Some(path.display().to_string()),
                line: None,
                column: None,
                message: format!("{action}: {source}"),
            }],
            Error::Usage(message) => vec![ErrorEntry::message(message.clone())],
            Error::Unreported(inner) => inner
                .entries()
                .into_iter()
                .map(|e| ErrorEntry {
                    message: format!("done, but the report could not be written: {}", e.message),
                    ..e
                })
                .collect(),
        }
    }
}

/// One error of `policyc.error/1` (CONTRACT.md "Errors as JSON"): where, when known, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorEntry {
    /// The file, as shown to the user.
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// What is wrong, without the place.
    pub message: String,
}

impl ErrorEntry {
    /// An error at no place (a usage error).
    pub fn message(message: String) -> Self {
        ErrorEntry {
            file: None,
            line: None,
            column: None,
            message,
        }
    }

    fn of(d: &Diagnostic) -> Self {
        let file = d.file.display().to_string();
        ErrorEntry {
            file: (!file.is_empty()).then_some(file),
            line: d.pos.map(|p| p.line),
            column: d.pos.map(|p| p.column),
            message: d.message.clone(),
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Input(Box::new(d))
    }
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
