//! `policyc man [--out DIR]`: the manual pages, made from the clap definitions of `cli.rs`.
//!
//! On stdout, one page (`policyc.1`) that lists every subcommand with its synopsis and options, so
//! it refers to no other page. With `--out DIR`, the set `man` tools expect: `policyc.1` naming
//! `policyc-build(1)` … and one page per subcommand with its options. Rendering is pure
//! ([`single_page`], [`pages`]); only [`run`] hands the bytes to `output.rs`.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::Result;
use crate::output;

/// The command tree as the pages show it: built (global flags propagated, display names
/// `policyc-build` …), without the `help` subcommand, which has no page.
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The footer's source of every page: `policyc 0.1.0`.
fn source() -> String {
    format!("policyc {}", env!("CARGO_PKG_VERSION"))
}

/// Renders one section of a page into roff.
fn roff(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    render(&mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("clap_mangen writes UTF-8 roff")
}

/// `policyc.1` alone: the main page, then each subcommand's synopsis, description, options and
/// examples as subsections (`.SS`) of a section of its own, instead of references to other pages.
pub fn single_page() -> String {
    let cmd = command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = roff(|w| {
        man.render_title(w)?;
        man.render_name_section(w)?;
        man.render_synopsis_section(w)?;
        man.render_description_section(w)?;
        man.render_options_section(w)?;
        man.render_extra_section(w)?;
        man.render_version_section(w)
    });
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        page.push_str(&format!(".SH \"POLICYC {}\"\n", sub.get_name().to_uppercase()));
        let man = clap_mangen::Man::new(sub.clone());
        let body = roff(|w| {
            man.render_synopsis_section(w)?;
            man.render_description_section(w)?;
            man.render_options_section(w)?;
            man.render_extra_section(w)
        });
        // the sections of the subcommand's own page become subsections of this one
        for line in body.lines() {
            match line.strip_prefix(".SH ") {
                Some(title) => page.push_str(&format!(".SS {title}\n")),
                None => {
                    page.push_str(line);
                    page.push('\n');
                }
            }
        }
    }
    page
}

/// The set of pages for a man folder, by file name: `policyc.1` (naming each subcommand's page)
/// and `policyc-<subcommand>.1`, each with its options.
pub fn pages() -> Vec<(String, Vec<u8>)> {
    let cmd = command();
    let mut out = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let man = clap_mangen::Man::new(sub.clone()).source(source());
        let mut text = roff(|w| man.render(w));
        text.push_str(".SH \"SEE ALSO\"\npolicyc(1)\n");
        out.push((man.get_filename(), text.into_bytes()));
    }
    let man = clap_mangen::Man::new(cmd);
    out.push((man.get_filename(), roff(|w| man.render(w)).into_bytes()));
    out.sort();
    out
}

/// Runs the command.
pub fn run(args: &ManArgs) -> Result<i32> {
    let Some(dir) = &args.out else {
        output::stdout(&single_page())?;
        return Ok(0);
    };
    write_pages(dir, &pages())?;
    Ok(0)
}

/// Writes the pages into `dir`: a new folder all at once, or each page replaced atomically in an
/// existing one (a system's `man1` folder holds other programs' pages).
fn write_pages(dir: &Path, pages: &[(String, Vec<u8>)]) -> Result<()> {
    if crate::load::is_dir(dir) {
        for (name, bytes) in pages {
            output::write_file(&dir.join(name), bytes)?;
        }
        Ok(())
    } else {
        output::write_new_folder(dir, pages)
    }
}
