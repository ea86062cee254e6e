//! The command lines scripts run most, `policyc diff OLD NEW [options]`, parsed without clap.
//!
//! Building clap's command tree (twelve subcommands and their arguments) costs about 0.2 ms per
//! run, a tenth of a diff of two files (`docs/performance-diff.md`). This parser accepts only what
//! clap parses the same way and declines everything else, which clap then parses: help, version,
//! other subcommands, unknown or repeated options (`-v` on both sides of `diff` too), `--opt=`
//! forms of flags, values that are empty or look like options, `--`, and arguments that are not
//! UTF-8. So every message, error and exit code stays clap's. The test `agrees_with_clap` holds
//! it to clap over generated command lines; a field added to [`Cli`] or [`DiffArgs`] fails to
//! compile here until it is handled.

use std::ffi::OsString;

use clap::ValueEnum;

use crate::cli::{Cli, Command, DiffArgs, DiffFormat, FailOn};

/// The arguments of `diff` seen so far.
#[derive(Default)]
struct Diff<'a> {
    paths: Vec<&'a str>,
    locale: Option<&'a str>,
    format: Option<DiffFormat>,
    fail_on: Option<FailOn>,
}

/// The global options seen so far.
#[derive(Default)]
struct Globals<'a> {
    content: Option<&'a str>,
    quiet: bool,
    /// `-v` before the subcommand, and after it: clap keeps only the latter where both occur.
    verbose: [u8; 2],
}

/// `args` (program name first) as clap would parse them, or `None` where clap must decide.
pub fn parse(args: &[OsString]) -> Option<Cli> {
    let mut globals = Globals::default();
    let mut diff: Option<Diff> = None;
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let arg = arg.to_str()?;
        if let Some(long) = arg.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (long, None),
            };
            match (name, diff.as_mut()) {
                ("content", _) => once(&mut globals.content, value(inline, &mut rest)?)?,
                ("quiet", _) if inline.is_none() => quiet(&mut globals)?,
                ("verbose", _) if inline.is_none() => verbose(&mut globals, diff.is_some())?,
                ("locale", Some(d)) => once(&mut d.locale, value(inline, &mut rest)?)?,
                ("format", Some(d)) => {
                    let format = DiffFormat::from_str(value(inline, &mut rest)?, false).ok()?;
                    once(&mut d.format, format)?;
                }
                ("fail-on", Some(d)) => {
                    let fail_on = FailOn::from_str(value(inline, &mut rest)?, false).ok()?;
                    once(&mut d.fail_on, fail_on)?;
                }
                _ => return None,
            }
        } else if arg == "-q" {
            quiet(&mut globals)?;
        } else if arg == "-v" {
            verbose(&mut globals, diff.is_some())?;
        } else if arg.is_empty() || arg.starts_with('-') {
            return None;
        } else if let Some(d) = diff.as_mut() {
            d.paths.push(arg);
        } else if arg == "diff" {
            diff = Some(Diff::default());
        } else {
            return None;
        }
    }
    let d = diff?;
    let [old, new] = d.paths.as_slice() else {
        return None;
    };
    Some(Cli {
        content: globals.content.unwrap_or("content").into(),
        quiet: globals.quiet,
        verbose: match globals.verbose {
            [before, 0] => before,
            [0, after] => after,
            _ => return None,
        },
        command: Command::Diff(DiffArgs {
            old: (*old).to_string(),
            new: (*new).to_string(),
            locale: d.locale.map(str::to_string),
            format: d.format.unwrap_or(DiffFormat::Text),
            fail_on: d.fail_on,
        }),
    })
}

/// An option's value, from `--opt=VALUE` or the next argument; not one clap could read otherwise.
fn value<'a>(inline: Option<&'a str>, rest: &mut impl Iterator<Item = &'a OsString>) -> Option<&'a str> {
    let value = match inline {
        Some(v) => v,
        None => rest.next()?.to_str()?,
    };
    (!value.is_empty() && !value.starts_with('-')).then_some(value)
}

/// Sets an option given once; a repeat is clap's to report.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

fn quiet(globals: &mut Globals) -> Option<()> {
    (!globals.quiet).then(|| globals.quiet = true)
}

fn verbose(globals: &mut Globals, after_subcommand: bool) -> Option<()> {
    let count = &mut globals.verbose[usize::from(after_subcommand)];
    (*count < 8).then(|| *count += 1)
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use proptest::prelude::*;

    use super::*;

    fn argv(words: &[&str]) -> Vec<OsString> {
        std::iter::once("policyc")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    /// Both parsers' results, as comparable text.
    fn both(args: &[OsString]) -> (Option<String>, Result<String, String>) {
        let quick = parse(args).map(|cli| format!("{cli:?}"));
        let clap = Cli::try_parse_from(args)
            .map(|cli| format!("{cli:?}"))
            .map_err(|e| e.to_string());
        (quick, clap)
    }

    #[test]
    fn takes_the_usual_diff_command_lines() {
        for words in [
            &["diff", "old.md", "new.md"][..],
            &["diff", "a", "b", "--format", "json", "--fail-on", "material"],
            &[
                "diff",
                "--format=html",
                "2022-01-01",
                "2022-10-19",
                "--locale",
                "zh-CN",
            ],
            &[
                "--content",
                "policy",
                "-q",
                "diff",
                "a",
                "b",
                "-v",
                "--fail-on=any",
            ],
            &["diff", "a", "b", "--content=c", "--verbose", "--verbose"],
        ] {
            let (quick, clap) = both(&argv(words));
            assert_eq!(
                quick.as_ref(),
                Some(clap.as_ref().expect("clap parses it")),
                "{words:?}"
            );
        }
    }

    #[test]
    fn leaves_the_rest_to_clap() {
        for words in [
            &[][..],
            &["--help"],
            &["diff", "--help"],
            &["-V"],
            &["build"],
            &["diff", "a"],
            &["diff", "a", "b", "c"],
            &["diff", "a", "b", "--format", "xml"],
            &["diff", "a", "b", "--format", "json", "--format", "text"],
            &["diff", "a", "b", "--locale", ""],
            &["diff", "a", "b", "--locale", "--format"],
            &["diff", "a", "b", "--quiet=true"],
            &["diff", "a", "b", "-qv"],
            &["diff", "-", "b"],
            &["-v", "diff", "a", "b", "-v"],
            &["diff", "--", "a", "b"],
            &["--format", "json", "diff", "a", "b"],
            &["diff", "a", "b", "--fail-on", "Material"],
        ] {
            assert!(parse(&argv(words)).is_none(), "{words:?}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let mut args = argv(&["diff", "a"]);
            args.push(OsString::from_vec(b"b\xff".to_vec()));
            assert!(parse(&args).is_none());
        }
    }

    const WORDS: &[&str] = &[
        "diff",
        "build",
        "a.md",
        "b.md",
        "2022-10-19",
        "--format",
        "--format=json",
        "json",
        "text",
        "html",
        "markdown",
        "xml",
        "--fail-on",
        "--fail-on=any",
        "material",
        "any",
        "--locale",
        "--locale=zh-CN",
        "en",
        "--content",
        "--content=",
        "dir",
        "-q",
        "--quiet",
        "-v",
        "--verbose",
        "-vv",
        "-",
        "--",
        "help",
        "--help",
        "-h",
        "-V",
        "",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Where the quick parser answers, clap gives the same answer.
        #[test]
        fn agrees_with_clap(
            picks in proptest::collection::vec(0..WORDS.len(), 0..9),
            at in 0..9usize,
        ) {
            // most lines name the subcommand somewhere, so that many reach the quick path
            let mut words: Vec<&str> = picks.iter().map(|&i| WORDS[i]).collect();
            words.insert(at.min(words.len()), "diff");
            let (quick, clap) = both(&argv(&words));
            if let Some(quick) = quick {
                prop_assert_eq!(Ok(quick), clap, "{:?}", words);
            }
        }
    }
}
