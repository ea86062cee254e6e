//! `policyc man`: one page on stdout, or one page per subcommand in a folder; every page it
//! names exists, and every subcommand's options are documented.

use std::collections::BTreeSet;

use crate::harness::{Project, tree};

/// Every `name(1)` a roff page refers to (roff writes `-` as `\-`).
fn references(roff: &str) -> BTreeSet<String> {
    let text = roff.replace("\\-", "-");
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices("(1)") {
        let name: String = text[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

/// The subcommands `policyc --help` lists (but `help`, which has no page).
fn subcommands(p: &Project) -> Vec<String> {
    let help = p.run(&["--help"]).ok().stdout;
    let list = &help[help.find("Commands:\n").expect("a Commands section") + 10..];
    let list = &list[..list.find("\n\n").unwrap_or(list.len())];
    let names: Vec<String> = list
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_string)
        .collect();
    for known in ["build", "diff", "check", "translated", "man"] {
        assert!(names.iter().any(|n| n == known), "{known} not in {names:?}");
    }
    names
}

#[test]
fn man_out_writes_one_page_per_subcommand_and_names_only_pages_it_wrote() {
    let p = Project::sample();
    p.run(&["man", "--out", "man1"]).ok();
    let pages = tree(&p.path().join("man1"));
    let names: BTreeSet<String> = pages
        .keys()
        .map(|k| k.trim_end_matches(".1").to_string())
        .collect();
    let mut want: BTreeSet<String> = subcommands(&p).iter().map(|s| format!("policyc-{s}")).collect();
    want.insert("policyc".into());
    assert_eq!(names, want);
    for (file, bytes) in &pages {
        let roff = String::from_utf8(bytes.clone()).unwrap();
        for name in references(&roff) {
            assert!(
                names.contains(&name),
                "{file} refers to {name}(1), which was not written"
            );
        }
    }
    let main = String::from_utf8(pages["policyc.1"].clone()).unwrap();
    assert!(references(&main).contains("policyc-build"), "{main}");
    // each subcommand's page has its own options
    let build = String::from_utf8(pages["policyc-build.1"].clone()).unwrap();
    assert!(
        build.starts_with(".ie \\n(.g .ds Aq") || build.contains(".TH policyc-build 1"),
        "{build}"
    );
    for flag in [
        "\\-\\-drafts",
        "\\-\\-strict",
        "\\-\\-pdf\\-engine",
        "\\-\\-content",
    ] {
        assert!(build.contains(flag), "policyc-build.1 lacks {flag}");
    }
    let diff = String::from_utf8(pages["policyc-diff.1"].clone()).unwrap();
    assert!(diff.contains("\\-\\-fail\\-on"), "{diff}");
    // a second run into the same folder replaces the pages and keeps other files
    p.write("man1/other.1", ".TH other 1\n");
    p.run(&["man", "--out", "man1"]).ok();
    assert_eq!(p.read("man1/other.1"), ".TH other 1\n");
    assert_eq!(tree(&p.path().join("man1")).len(), pages.len() + 1);
}

#[test]
fn man_on_stdout_is_one_page_with_every_subcommands_options_and_no_reference_to_other_pages() {
    let p = Project::sample();
    let page = p.run(&["man"]).ok().stdout;
    assert!(page.contains(".TH policyc 1"));
    let refs = references(&page);
    assert!(
        refs.iter().all(|r| r == "policyc"),
        "refers to pages it is not: {refs:?}"
    );
    for sub in subcommands(&p) {
        let title = format!(".SH \"POLICYC {}\"", sub.to_uppercase());
        assert!(page.contains(&title), "no section {title}");
    }
    for flag in [
        "\\-\\-fail\\-on",
        "\\-\\-pdf\\-engine",
        "\\-\\-reseal",
        "\\-\\-port",
    ] {
        assert!(page.contains(flag), "the page lacks {flag}");
    }
}

#[test]
fn man_out_into_an_unwritable_place_is_exit_2() {
    let p = Project::sample();
    p.write("file", "x");
    let run = p.run(&["man", "--out", "file/man1"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}
