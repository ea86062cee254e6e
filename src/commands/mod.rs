//! One short orchestrator per subcommand: resolve inputs, call the stages, hand results to output.

pub mod build;
pub mod check;
pub mod diff;
pub mod import;
pub mod lifecycle;
pub mod notice;
pub mod serve;
pub mod translated;

use std::path::PathBuf;

use crate::Verbosity;

/// What every command gets from the global flags.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The content folder.
    pub content: PathBuf,
    /// How much to print.
    pub verbosity: Verbosity,
}

impl Ctx {
    /// Prints a warning unless quiet.
    pub fn warn(&self, message: &str) {
        if self.verbosity > Verbosity::Quiet {
            eprintln!("warning: {message}");
        }
    }

    /// Prints a warning-level diagnostic (it names its own level) unless quiet.
    pub fn warn_diagnostic(&self, d: &crate::error::Diagnostic) {
        if self.verbosity > Verbosity::Quiet {
            eprintln!("{}", d.render_long());
        }
    }

    /// Prints a progress note when verbose.
    pub fn note(&self, message: &str) {
        if self.verbosity >= Verbosity::Verbose {
            eprintln!("{message}");
        }
    }
}
