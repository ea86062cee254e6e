//! policyc keeps a privacy policy as structured Markdown and turns it into what a company must
//! publish and prove about it.
//!
//! Data flows one way: `load` (the only reader) → `parse` → `model` → `compare` (diff and
//! classify) | `render` | `check` → `output` (the only writer). [`run`] is the only place that
//! prints errors (as text on stderr; with `--format json` also as `policyc.error/1` on stdout) and
//! picks exit codes.

pub mod as_of;
pub mod classify;
pub mod clean;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod config;
pub mod date;
pub mod diff;
pub mod error;
pub mod facts;
pub mod fingerprint;
#[doc(hidden)]
pub mod fuzzing;
pub mod ids;
pub mod import;
pub mod incremental;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod parallel;
pub mod parse;
pub mod pdf;
pub mod render;
pub mod report;
pub mod seal;
pub mod source;
pub mod timeline;
pub mod validate;

use std::ffi::OsString;

use clap::Parser;

/// How much a command prints besides its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings and a summary line.
    Normal,
    /// Also what is done.
    Verbose,
}

/// Runs policyc with `args` (program name first) and returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    let json_in_args = json_in_args(&args);
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            if code != 0 && json_in_args {
                print_error_json(vec![error::ErrorEntry::message(clap_message(&e))]);
            }
            return code;
        }
    };
    let json = json_requested(&cli.command);
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose > 0 {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let ctx = commands::Ctx {
        content: cli.content.clone(),
        verbosity,
    };
    let result = match cli.command {
        cli::Command::Build(args) => commands::build::run(&ctx, &args),
        cli::Command::Pdf(mut args) => {
            args.pdf = true;
            commands::build::run(&ctx, &args)
        }
        cli::Command::Check(args) => commands::check::run(&ctx, &args),
        cli::Command::Diff(args) => commands::diff::run(&ctx, &args),
        cli::Command::Notice(args) => commands::notice::run(&ctx, &args),
        cli::Command::NewVersion(args) => commands::lifecycle::new_version(&ctx, &args),
        cli::Command::Release(args) => commands::lifecycle::release(&ctx, &args),
        cli::Command::Withdraw(args) => commands::withdraw::run(&ctx, &args),
        cli::Command::Rerender(args) => commands::rerender::run(&ctx, &args),
        cli::Command::Import(args) => commands::import::run(&ctx, &args),
        cli::Command::Serve(args) => commands::serve::run(&ctx, &args),
        cli::Command::Show(args) => commands::show::run(&ctx, &args),
        cli::Command::Completions(args) => {
            let mut out = Vec::new();
            clap_complete::generate(
                args.shell,
                &mut <cli::Cli as clap::CommandFactory>::command(),
                "policyc",
                &mut out,
            );
            output::stdout(&String::from_utf8_lossy(&out)).map(|()| 0)
        }
        cli::Command::Man(args) => commands::man::run(&args),
        cli::Command::Translated(args) => commands::translated::run(&ctx, &args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // nothing is left to tell should standard error itself fail: the exit code says it;
            // never a terminal escape, whatever a path or a message holds
            let message = format!("error: {e}\n");
            let _ = std::io::Write::write_all(&mut std::io::stderr(), clean::visible(&message).as_bytes());
            if json {
                print_error_json(e.entries());
            }
            e.exit_code()
        }
    }
}

/// Whether the command asks for JSON (`--format json`): its failure is then printed as
/// `policyc.error/1` on stdout as well (CONTRACT.md "Errors as JSON").
fn json_requested(command: &cli::Command) -> bool {
    use cli::{Command, DiffFormat, NoticeFormat, ReportFormat};
    match command {
        Command::Build(a) | Command::Pdf(a) => a.format == ReportFormat::Json,
        Command::Check(a) => a.format == ReportFormat::Json,
        Command::Diff(a) => a.format == DiffFormat::Json,
        Command::Notice(a) => a.format == NoticeFormat::Json,
        Command::NewVersion(a) => a.format == ReportFormat::Json,
        Command::Release(a) => a.format == ReportFormat::Json,
        Command::Withdraw(a) => a.format == ReportFormat::Json,
        Command::Rerender(a) => a.format == ReportFormat::Json,
        Command::Import(a) => a.format == ReportFormat::Json,
        Command::Translated(a) => a.format == ReportFormat::Json,
        Command::Show(a) => a.format == ReportFormat::Json,
        Command::Serve(_) | Command::Completions(_) | Command::Man(_) => false,
    }
}

/// Whether a command line that clap refused says `--format json` (or `--format=json`) before any
/// `--`: its usage error is then printed as JSON too.
fn json_in_args(args: &[OsString]) -> bool {
    let args: Vec<&std::ffi::OsStr> = args
        .iter()
        .skip(1)
        .map(OsString::as_os_str)
        .take_while(|a| *a != "--")
        .collect();
    args.iter().any(|a| *a == "--format=json")
        || args.windows(2).any(|w| w[0] == "--format" && w[1] == "json")
}

/// A clap error's message in one line, as `policyc.error/1` gives it: the error part of clap's
/// text (before the usage and the tip), without its `error: ` prefix.
fn clap_message(e: &clap::Error) -> String {
    let text = e.to_string();
    let head = text.split("\n\n").next().unwrap_or_default();
    head.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches("error: ")
        .to_string()
}

/// Prints `{"schema": "policyc.error/1", "errors": […]}` on stdout, after the text on stderr.
fn print_error_json(errors: Vec<error::ErrorEntry>) {
    #[derive(serde::Serialize)]
    struct ErrorJson {
        schema: &'static str,
        errors: Vec<error::ErrorEntry>,
    }
    let doc = ErrorJson {
        schema: "policyc.error/1",
        errors,
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("JSON serialises");
    text.push('\n');
    // the error is on stderr already: a failure to write stdout changes nothing
    let _ = output::stdout(&text);
}
