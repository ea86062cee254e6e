//! One short orchestrator per subcommand: resolve inputs, call the stages, hand results to output.

pub mod build;
pub mod check;
pub mod diff;
pub mod import;
pub mod lifecycle;
pub mod man;
pub mod notice;
pub mod rerender;
pub mod serve;
pub mod show;
pub mod translated;
pub mod withdraw;

use std::path::PathBuf;

use crate::Verbosity;
use crate::error::Error;

/// What every command gets from the global flags.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The content folder.
    pub content: PathBuf,
    /// How much to print.
    pub verbosity: Verbosity,
}

impl Ctx {
    /// Reports the result of a command that has done its work (built the site, written content):
    /// the JSON document with `--format json`, else the text line (on stderr, unless quiet). A
    /// report that cannot be written is [`Error::Unreported`] (exit 3): the work stays done.
    pub fn report(
        &self,
        format: crate::cli::ReportFormat,
        text: &str,
        json: serde_json::Value,
    ) -> crate::error::Result<()> {
        let written = match format {
            crate::cli::ReportFormat::Json => {
                let mut out = serde_json::to_string_pretty(&json).expect("JSON serialises");
                out.push('\n');
                crate::output::stdout(&out)
            }
            crate::cli::ReportFormat::Text if self.verbosity > Verbosity::Quiet => {
                crate::output::stderr(&format!("{text}\n"))
            }
            crate::cli::ReportFormat::Text => Ok(()),
        };
        written.map_err(|e| Error::Unreported(Box::new(e)))
    }

    /// Prints a warning unless quiet.
    pub fn warn(&self, message: &str) {
        if self.verbosity > Verbosity::Quiet {
            eprintln!("warning: {}", crate::clean::visible(message));
        }
    }

    /// Prints a warning-level diagnostic (it names its own level) unless quiet.
    pub fn warn_diagnostic(&self, d: &crate::error::Diagnostic) {
        if self.verbosity > Verbosity::Quiet {
            eprintln!("{}", crate::clean::visible(&d.render_long()));
        }
    }

    /// Prints a progress note when verbose.
    pub fn note(&self, message: &str) {
        if self.verbosity >= Verbosity::Verbose {
            eprintln!("{message}");
        }
    }
}
