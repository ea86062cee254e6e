//! `policyc build`: load, render every page, write the output folder atomically.

use crate::cli::BuildArgs;
use crate::error::{Error, Result};
use crate::fingerprint::Hasher;
use crate::incremental::Incremental;
use crate::render::site::{Sink, SiteOptions, render_site_into};
use crate::{Verbosity, load, output};

use super::Ctx;

/// Runs the build; returns the exit code.
pub fn run(ctx: &Ctx, args: &BuildArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let as_of = crate::as_of::resolve(args.as_of.as_deref(), &content.config.time_zone)?;
    let broken = crate::seal::verify(&content);
    if !broken.is_empty() {
        return Err(Error::Inputs(broken));
    }
    let templates_dir = args
        .templates
        .clone()
        .unwrap_or_else(|| default_templates_dir(&ctx.content));
    let templates = load::load_templates(Some(&templates_dir))?;
    let warnings = crate::commands::check::stale_translations(&content);
    for w in &warnings {
        ctx.warn_diagnostic(w);
    }
    if args.strict && !warnings.is_empty() {
        return Err(Error::Usage(format!(
            "{} warning(s) and --strict: nothing written",
            warnings.len()
        )));
    }
    let engine = if args.pdf {
        let spec = args
            .pdf_engine
            .clone()
            .or_else(|| std::env::var("POLICYC_PDF_ENGINE").ok().filter(|s| !s.is_empty()));
        Some(crate::pdf::find(spec.as_deref())?)
    } else {
        None
    };
    let rules = load::load_rules(Some(&ctx.content))?;
    // a progress line for long builds, on a terminal only, never under CI or -q
    use std::io::IsTerminal;
    let show = ctx.verbosity > Verbosity::Quiet
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none();
    let progress = |done: usize, total: usize| {
        if show && total >= 10 {
            eprint!("\rrendering {done}/{total}");
            if done == total {
                eprint!("\r{:40}\r", "");
            }
        }
    };
    let timeline = crate::timeline::Timeline::of(&content, as_of.date);
    // files go to a temporary folder as they are made; it replaces the output folder at the end
    let mut writer = output::SiteWriter::create(
        &args.out,
        output::Protected {
            content: &ctx.content,
            templates: Some(&templates_dir),
        },
        if args.wait {
            output::Wait::Yes
        } else {
            output::Wait::No
        },
        &|holder| {
            ctx.warn(&format!(
                "{}: waiting for the build of {holder} to end",
                args.out.display()
            ))
        },
    )?;
    for w in writer.warnings() {
        ctx.warn(w);
    }
    writer.record_as_of(as_of.date);
    let sink = Incremental::new(&writer, &args.out, args.clean);
    render_site_into(
        &content,
        &templates,
        &rules,
        SiteOptions {
            drafts: args.drafts,
            pdf: engine.is_some(),
            as_of: as_of.date,
        },
        &sink,
        &progress,
    )?;
    // the images beside the pages that show them (site files, in the manifest)
    for image in crate::render::images::artifacts(&content, args.drafts, timeline.current()) {
        sink.put(image)?;
    }
    let pdfs = match &engine {
        Some(engine) => print_pdfs(engine, &writer, &pdf_jobs(&content, &timeline), &sink)?,
        None => 0,
    };
    let (kept, made) = sink.counts();
    ctx.note(&format!(
        "{made} unit(s) rendered, {kept} kept unchanged from the previous build"
    ));
    sink.finish()?;
    let files = writer.file_count() + 1;
    let finished = writer.finish()?;
    for w in &finished.warnings {
        ctx.warn(w);
    }
    // the process ends soon: freeing the loaded content piece by piece would only cost time
    std::mem::forget(content);
    ctx.report(
        args.format,
        &format!("built {files} files into {}", args.out.display()),
        serde_json::json!({
            "schema": "policyc.build/1",
            "out": args.out.display().to_string(),
            "as_of": as_of.date,
            "as_of_source": as_of.source,
            "in_force": timeline.in_force(),
            "upcoming": timeline.upcoming(),
            "files": files,
            "pdfs": pdfs,
            "kept": kept,
            "rendered": made,
            "carried": finished.carried,
            "warnings": warnings.iter().map(|w| serde_json::json!({
                "file": w.file.display().to_string(), "line": w.pos.map(|p| p.line), "rule": w.rule, "message": w.message,
            })).collect::<Vec<_>>(),
        }),
    )?;
    Ok(0)
}

/// `templates/` beside the content folder.
pub fn default_templates_dir(content: &std::path::Path) -> std::path::PathBuf {
    match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("templates"),
        _ => std::path::PathBuf::from("templates"),
    }
}

/// One PDF to print: the print page of a published version in a locale.
struct PdfJob {
    locale: String,
    version: String,
    updated: crate::date::Date,
    current: bool,
}

/// The PDFs of every published version; the current pages' version's also as `<locale>/policy.pdf`.
fn pdf_jobs(content: &crate::model::Content, timeline: &crate::timeline::Timeline) -> Vec<PdfJob> {
    let current = timeline.current();
    let mut jobs = Vec::new();
    for (id, v) in &content.versions {
        if v.meta.status != crate::config::Status::Published {
            continue;
        }
        for locale in &content.config.locales {
            jobs.push(PdfJob {
                locale: locale.to_string(),
                version: id.to_string(),
                updated: v.meta.updated,
                current: Some(id) == current,
            });
        }
    }
    jobs
}

/// Prints every job's print page inside the temporary output folder, on every core; a PDF whose
/// print page and engine are those of the previous build is kept. Returns the number of PDF files.
fn print_pdfs(
    engine: &crate::pdf::Engine,
    writer: &output::SiteWriter,
    jobs: &[PdfJob],
    sink: &Incremental,
) -> Result<usize> {
    // removed with what the engines left in it when the printing is over
    let scratch = output::Scratch::new("pdf");
    let engine_id = engine_identity(engine);
    let result = crate::parallel::try_map(jobs, |job| -> Result<usize> {
        let tmp = writer.tmp();
        let dir = format!("{}/{}/", job.locale, job.version);
        let mut paths = vec![format!("{dir}policy.pdf")];
        if job.current {
            paths.push(format!("{}/policy.pdf", job.locale));
        }
        let count = paths.len();
        let fp = Hasher::new("pdf")
            .part(&engine_id)
            .part(writer.sha256_of(&format!("{dir}print.html")).unwrap_or_default())
            .part(job.updated.to_string())
            .part(paths.join("\n"))
            .finish();
        if sink.reuse(&fp)?.is_some() {
            return Ok(count);
        }
        // one scratch profile folder per job: engines keep state there
        let profile = format!("{}-{}", job.locale, job.version);
        let bytes = crate::pdf::print(
            engine,
            &tmp.join(&dir).join("print.html"),
            &tmp.join(&dir).join("policy.pdf.part"),
            &scratch.folder(&profile),
            job.updated,
        )?;
        scratch.clear(&profile);
        let bytes = crate::pdf::normalize(&bytes, job.updated);
        let files = paths
            .into_iter()
            .map(|p| output::Artifact::new(p, bytes.clone()))
            .collect();
        sink.unit(&fp, files, crate::render::site::UnitSummary::default())?;
        Ok(count)
    });
    drop(scratch);
    Ok(result?.into_iter().sum())
}

/// What identifies the PDF engine: its path, size and modification time (an upgraded engine may
/// print differently).
fn engine_identity(engine: &crate::pdf::Engine) -> String {
    let (size, modified) = load::file_stamp(&engine.program);
    format!("{}\n{size}\n{modified}", engine.program.display())
}
