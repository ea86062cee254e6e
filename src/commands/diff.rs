//! `policyc diff OLD NEW`: resolve both inputs, compare them, present.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;

use crate::classify::Severity;
use crate::cli::{DiffArgs, DiffFormat, FailOn};
use crate::compare;
use crate::diff::{DiffInput, input};
use crate::error::{Error, Result};
use crate::ids::Locale;
use crate::load::{self, DiffSource};
use crate::model::Content;
use crate::report;

use super::Ctx;

/// Runs the diff; exit 1 when `--fail-on` is triggered.
pub fn run(ctx: &Ctx, args: &DiffArgs) -> Result<i32> {
    let locale = args
        .locale
        .as_deref()
        .map(Locale::parse)
        .transpose()
        .map_err(Error::Usage)?;
    let sources = [
        load::diff_source(&args.old, &ctx.content)?,
        load::diff_source(&args.new, &ctx.content)?,
    ];
    let mut contents: BTreeMap<PathBuf, Content> = BTreeMap::new();
    for s in &sources {
        if let DiffSource::Version { root, .. } = s
            && !contents.contains_key(root)
        {
            contents.insert(root.clone(), load::load_content(root)?);
        }
    }
    let rules_root = sources.iter().rev().find_map(|s| match s {
        DiffSource::Version { root, .. } => Some(root.clone()),
        DiffSource::File(_) => None,
    });
    // a file's text is freed once parsed, so what comes next reuses its memory
    let make = |s: DiffSource, label: &str| -> Result<DiffInput> {
        match s {
            DiffSource::Version { root, id } => {
                let content = &contents[&root];
                let l = locale
                    .clone()
                    .unwrap_or_else(|| content.config.default_locale.clone());
                input::from_version(content, &id, &l, label.to_string()).map_err(Error::Usage)
            }
            DiffSource::File(src) => Ok(input::from_markdown(
                &src.text,
                locale.as_ref(),
                label.to_string(),
            )),
        }
    };
    // large inputs are parsed on both cores; small ones are quicker without a thread
    let size: usize = sources
        .iter()
        .map(|s| match s {
            DiffSource::File(src) => src.text.len(),
            DiffSource::Version { .. } => 0,
        })
        .sum();
    let rules;
    let comparison = if let [
        DiffSource::Version { root: ra, id: ia },
        DiffSource::Version { root: rb, id: ib },
    ] = &sources
    {
        let side = |root, id, label: &String| {
            let content = &contents[root];
            input::Side {
                content,
                id,
                locale: locale.as_ref().unwrap_or(&content.config.default_locale),
                label: label.clone(),
                facts: None,
            }
        };
        rules = load::load_rules(rules_root.as_deref())?;
        compare::versions(side(ra, ia, &args.old), side(rb, ib, &args.new), &rules).map_err(Error::Usage)?
    } else {
        let [a, b] = sources;
        // the rules are parsed on the other core while the documents are
        let (old, new, loaded) = std::thread::scope(|scope| {
            let rules = scope.spawn(|| load::load_rules(rules_root.as_deref()));
            let (old, new) = if size > 512 * 1024 {
                let old = scope.spawn(|| make(a, &args.old));
                let new = make(b, &args.new);
                (old.join().expect("parsing thread does not panic"), new)
            } else {
                let old = make(a, &args.old);
                (old, make(b, &args.new))
            };
            (old, new, rules.join().expect("rules thread does not panic"))
        });
        let (old, mut new) = (old?, new?);
        rules = loaded?;
        if locale.is_none() && new.version.is_none() && old.version.is_none() {
            new.locale = old.locale.clone();
        }
        let locales: Vec<String> = contents
            .values()
            .next()
            .map(Content::locale_tags)
            .unwrap_or_else(|| vec![old.locale.clone()]);
        compare::inputs(old, new, &locales, &rules)
    };
    let r = comparison.report();
    let out = match args.format {
        DiffFormat::Json => report::json::render(&r),
        DiffFormat::Markdown => report::markdown::render(&r),
        DiffFormat::Html => {
            let templates = load::load_templates(
                rules_root
                    .as_deref()
                    .map(super::build::default_templates_dir)
                    .as_deref(),
            )?;
            report::html::render(&r, &templates)?
        }
        DiffFormat::Text => {
            let color =
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            report::text::render(&r, report::text::TextOptions { color })
        }
    };
    let mut out = out;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    crate::output::stdout(&out)?;
    let assessment = comparison.assessment();
    let triggered = match args.fail_on {
        None => false,
        Some(FailOn::Material) => assessment.material,
        Some(FailOn::Any) => assessment
            .verdicts
            .iter()
            .any(|v| v.severity >= Severity::Editorial),
    };
    Ok(if triggered { 1 } else { 0 })
}
