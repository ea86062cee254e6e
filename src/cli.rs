//! The command line: clap definitions only. Doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  policyc build                         render content/ into output/
  policyc build --drafts --out site     also render drafts, into site/
  policyc check --format json           lint the content for CI
  policyc translated cookies --locale zh-CN --version 2022-10-19
                                        mark a reviewed translation up to date

Exit codes: 0 success; 1 check found errors; 2 bad input (file:line:col on stderr).";

/// policyc: a privacy policy kept as structured Markdown, rendered, diffed and checked.
#[derive(Debug, Parser)]
#[command(name = "policyc", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// The content folder.
    #[arg(long, global = true, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more about what is done.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render every published version x locale into the output folder.
    #[command(
        after_help = "Example:\n  policyc build --content content --out output\n\nExit codes: 0 built; 2 bad input, nothing written."
    )]
    Build(BuildArgs),
    /// The build plus a PDF of every print page (same as `build --pdf`).
    #[command(
        after_help = "Example:\n  policyc pdf --pdf-engine weasyprint\n\nExit codes: 0 built; 2 bad input or no PDF engine (nothing written)."
    )]
    Pdf(BuildArgs),
    /// Lint the content: findings as file:line:col: level[rule]: message.
    #[command(
        after_help = "Example:\n  policyc check --format json\n\nExit codes: 0 clean (warnings allowed); 1 errors found; 2 unreadable input."
    )]
    Check(CheckArgs),
    /// Compare two versions and flag material changes under §VIII.
    #[command(
        after_help = "OLD and NEW are each a version id of the content folder, a version folder, or a whole-policy Markdown file.\n\nExamples:\n  policyc diff 2022-10-19 2026-12-01\n  policyc diff 2022-10-19 2026-12-01 --locale zh-CN --format html > redline.html\n  policyc diff vendor-2025.md vendor-2026.md --format json --fail-on material\n\nExit codes: 0 compared; 1 only with --fail-on, when triggered; 2 bad input."
    )]
    Diff(DiffArgs),
    /// Print the user-facing notice of the changes between two versions (§VIII).
    #[command(
        after_help = "Examples:\n  policyc notice 2022-10-19 2026-12-01 --locale zh-CN --format text\n  policyc notice 2022-10-19 2026-12-01 --format json\n\nOLD and NEW may be several versions apart: the notice compares OLD with NEW directly.\n\nExit codes: 0 printed; 2 bad input (OLD not earlier than NEW included)."
    )]
    Notice(NoticeArgs),
    /// Start a draft version from the latest one (all locales, facts, translation records).
    #[command(
        after_help = "Example:\n  policyc new-version 2026-12-01\n\nExit codes: 0 created; 2 bad input (an existing id, or one not later than the latest)."
    )]
    NewVersion(NewVersionArgs),
    /// Publish and seal a draft: check, notice period, update date, versions.lock.
    #[command(
        after_help = "Examples:\n  policyc release 2026-12-01 --date 2026-12-01\n  policyc release 2026-12-01 --no-notice-period --reason \"regulator order\"\n  policyc release --reseal 2022-10-19 --reason \"typo in the Chinese title\"\n\nExit codes: 0 released; 2 refused (check errors, notice period, sealed files changed, bad input)."
    )]
    Release(ReleaseArgs),
    /// Which published version was in force on a day, and which was upcoming.
    #[command(
        after_help = "Examples:\n  policyc show --as-of 2026-12-10\n  policyc show --as-of 2027-01-05 --format json\n\nExit codes: 0 shown; 2 bad input."
    )]
    Show(ShowArgs),
    /// Withdraw a version published by mistake: recorded in versions.lock; its pages stay and say so.
    #[command(
        after_help = "Example:\n  policyc withdraw 2026-12-01 --reason \"published by mistake: the legal review was not finished\"\n\nExit codes: 0 withdrawn; 2 refused (not a released version, already withdrawn, sealed files changed)."
    )]
    Withdraw(WithdrawArgs),
    /// Render the sealed text of a published version's pages again (deliberately; logged in versions.lock).
    #[command(
        after_help = "Example:\n  policyc rerender 2022-10-19 --reason \"store the sealed text of a version released before policyc 0.2\"\n\nExit codes: 0 rendered and sealed; 2 refused (not a released version, sealed files changed, bad templates)."
    )]
    Rerender(RerenderArgs),
    /// Turn an existing whole-policy Markdown or HTML file into a new content folder.
    #[command(
        after_help = "Example:\n  policyc import old-policy.md --content imported --version 2024-01-01 --locale en\n\nExit codes: 0 imported (see the report for what needs a person); 2 bad input or an existing policy in the folder."
    )]
    Import(ImportArgs),
    /// Live preview on 127.0.0.1: builds in memory (drafts included) and reloads on every change.
    #[command(
        after_help = "Example:\n  policyc serve --port 8000    then open http://127.0.0.1:8000/drafts/\n\nExit codes: 2 when the port cannot be used; runs until stopped otherwise."
    )]
    Serve(ServeArgs),
    /// Print a shell completion script on stdout.
    #[command(
        after_help = "Examples:\n  policyc completions bash > /etc/bash_completion.d/policyc\n  policyc completions zsh > \"${fpath[1]}/_policyc\"\n\nExit codes: 0 printed; 2 unknown shell."
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on stdout, or write one page per subcommand into a folder.
    #[command(
        after_help = "Examples:\n  policyc man > /usr/local/share/man/man1/policyc.1    one page, every subcommand's options\n  policyc man --out /usr/local/share/man/man1         policyc.1, policyc-build.1 …\n\nExit codes: 0 written; 2 the folder cannot be written."
    )]
    Man(ManArgs),
    /// Record that a translated section was reviewed against the current source text.
    #[command(
        after_help = "Examples:\n  policyc translated cookies --locale zh-CN\n  policyc translated --fact sdks.glide.purpose --locale zh-CN\n\nExit codes: 0 recorded; 2 bad input."
    )]
    Translated(TranslatedArgs),
}

/// `policyc man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `policyc.1` and one `policyc-<command>.1` per subcommand into this folder (created
    /// when missing; other files in it are kept) instead of one page on stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `policyc build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The output folder; replaced whole, only when everything rendered. Only a folder policyc
    /// made (marked `.policyc-output`), an empty or a new one; never the content, templates or
    /// current folder. What policyc did not write there (`.git`, `CNAME` …) is kept.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// Wait for another build writing the same output folder to end, instead of failing at once.
    #[arg(long)]
    pub wait: bool,
    /// Also render draft versions, under `drafts/`.
    #[arg(long)]
    pub drafts: bool,
    /// Fail (exit 2) on warnings such as stale translations.
    #[arg(long)]
    pub strict: bool,
    /// Template overrides [default: `templates` beside the content folder].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Also print every print page to PDF (policy.pdf beside it).
    #[arg(long)]
    pub pdf: bool,
    /// The PDF engine: `chromium`, `weasyprint` or a path [default: $POLICYC_PDF_ENGINE, else found on PATH].
    #[arg(long, value_name = "ENGINE")]
    pub pdf_engine: Option<String>,
    /// Make every file anew instead of keeping the previous build's files whose inputs did not change.
    #[arg(long)]
    pub clean: bool,
    /// The day the current pages show the version in force on [default: the day of
    /// $SOURCE_DATE_EPOCH when set, else today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// `policyc show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The day to ask about [default: the day of $SOURCE_DATE_EPOCH when set, else today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// `policyc diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version: a version id, a version folder or a Markdown file.
    pub old: String,
    /// The new version: a version id, a version folder or a Markdown file.
    pub new: String,
    /// The locale to compare [default: the policy's default locale; for files, guessed from the text].
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Exit 1 when the diff has a material change, or any change.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<FailOn>,
}

/// Output format of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Verdict first, then changes by section (colour on a terminal).
    Text,
    /// `policyc.diff/1`.
    Json,
    /// A pull-request comment.
    Markdown,
    /// A self-contained redline page.
    Html,
}

/// When `diff` exits 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any material change.
    Material,
    /// Any change at all.
    Any,
}

/// `policyc import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Markdown (.md) or HTML (.html) file.
    pub file: PathBuf,
    /// The version id [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub version: Option<String>,
    /// The locale of the text [default: guessed from it].
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// `policyc serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Template overrides [default: `templates` beside the content folder].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// `policyc completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `policyc notice`.
#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// The old version id.
    pub old: String,
    /// The new version id.
    pub new: String,
    /// The notice's locale [default: the policy's default locale].
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: NoticeFormat,
}

/// Output format of `notice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NoticeFormat {
    /// Plain text (an email or an in-app banner).
    Text,
    /// Markdown.
    Markdown,
    /// An HTML page.
    Html,
    /// `policyc.notice/1`: each clause with its changes, for an app to show.
    Json,
}

/// `policyc new-version`.
#[derive(Debug, Args)]
pub struct NewVersionArgs {
    /// The new version id: a date later than the latest version.
    pub version: String,
    /// Output format of the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// `policyc release`.
#[derive(Debug, Args)]
pub struct ReleaseArgs {
    /// The version to release (or, with --reseal, to re-seal).
    pub version: String,
    /// The release (last-update) date [default: today in the policy's time_zone]. Never later than
    /// today; earlier only with --backdate.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Accept a --date earlier than today (needs --reason; recorded in the lock). The notice period
    /// still counts from today.
    #[arg(long, requires = "date")]
    pub backdate: bool,
    /// Release a material change without the notice period (needs --reason; recorded in the lock).
    #[arg(long)]
    pub no_notice_period: bool,
    /// Re-seal a corrected published version (needs --reason; the old hashes are kept).
    #[arg(long)]
    pub reseal: bool,
    /// Why (recorded in versions.lock; not blank).
    #[arg(long, value_name = "TEXT", value_parser = not_blank)]
    pub reason: Option<String>,
    /// Template overrides the sealed text is rendered with [default: `templates` beside the content
    /// folder].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// `policyc withdraw`.
#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The released version to withdraw.
    pub version: String,
    /// Why (recorded in versions.lock; not blank).
    #[arg(long, value_name = "TEXT", value_parser = not_blank, required = true)]
    pub reason: String,
    /// Output format of the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// `policyc rerender`.
#[derive(Debug, Args)]
pub struct RerenderArgs {
    /// The released version whose sealed page text is rendered again.
    pub version: String,
    /// Why (recorded in versions.lock; not blank).
    #[arg(long, value_name = "TEXT", value_parser = not_blank, required = true)]
    pub reason: String,
    /// Template overrides the sealed text is rendered with [default: `templates` beside the content
    /// folder].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// Output format of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people.
    Text,
    /// For programs: one JSON document on stdout, its `schema` naming the command (`policyc.check/1`,
    /// `policyc.build/1`, `policyc.release/1` …).
    Json,
}

/// `policyc check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Explain a rule (or `all` to list them) instead of checking.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
}

/// `policyc translated`.
#[derive(Debug, Args)]
pub struct TranslatedArgs {
    /// The section id (`cookies`), or `all`.
    #[arg(required_unless_present = "fact", conflicts_with = "fact")]
    pub section: Option<String>,
    /// Instead of a section, a fact text of facts.toml (`sdks.glide.purpose`), or `all` (every stale
    /// one): records its review in the version's translations.toml.
    #[arg(long, value_name = "PATH")]
    pub fact: Option<String>,
    /// The translated locale.
    #[arg(long, value_name = "LOCALE")]
    pub locale: String,
    /// The version [default: the newest].
    #[arg(long, value_name = "VERSION")]
    pub version: Option<String>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
}

/// A reason that says something: a blank `--reason` records nothing an auditor could read.
fn not_blank(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("a reason must say why (it is recorded in versions.lock)".into())
    } else {
        Ok(s.to_string())
    }
}
