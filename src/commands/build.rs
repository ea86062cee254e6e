//! `policyc build`: load, render every page, write the output folder atomically.

use crate::cli::BuildArgs;
use crate::error::{Error, Result};
use crate::render::site::{SiteOptions, render_site_with_progress};
use crate::{Verbosity, load, output};

use super::Ctx;

/// Runs the build; returns the exit code.
pub fn run(ctx: &Ctx, args: &BuildArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
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
            eprint!("\rrendering version {done}/{total}");
            if done == total {
                eprint!("\r{:40}\r", "");
            }
        }
    };
    let artifacts = render_site_with_progress(
        &content,
        &templates,
        &rules,
        SiteOptions {
            drafts: args.drafts,
            pdf: engine.is_some(),
        },
        &progress,
    )?;
    ctx.note(&format!("rendered {} files", artifacts.len()));
    match &engine {
        Some(engine) => {
            let jobs = pdf_jobs(&content);
            let step = |tmp: &std::path::Path| print_pdfs(engine, tmp, &jobs, ctx);
            output::write_site_with(&args.out, &artifacts, Some(&step))?;
        }
        None => output::write_site(&args.out, &artifacts)?,
    }
    let pdfs = if engine.is_some() {
        pdf_jobs(&content).len() + content.config.locales.len()
    } else {
        0
    };
    let files = artifacts.len() + pdfs + 1;
    ctx.report(
        args.format,
        &format!("built {files} files into {}", args.out.display()),
        serde_json::json!({
            "schema": "policyc.build/1",
            "out": args.out.display().to_string(),
            "files": files,
            "pdfs": pdfs,
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

fn pdf_jobs(content: &crate::model::Content) -> Vec<PdfJob> {
    let current = content.current().cloned();
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
                current: Some(id) == current.as_ref(),
            });
        }
    }
    jobs
}

/// Prints every job's print page inside the temporary output folder, on both cores.
fn print_pdfs(
    engine: &crate::pdf::Engine,
    tmp: &std::path::Path,
    jobs: &[PdfJob],
    ctx: &Ctx,
) -> Result<Vec<output::Artifact>> {
    let scratch = std::env::temp_dir().join(format!("policyc-pdf-{}", std::process::id()));
    let results: Vec<Result<Vec<output::Artifact>>> = std::thread::scope(|scope| {
        let workers = 2.min(jobs.len().max(1));
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let scratch = scratch.join(w.to_string());
                scope.spawn(move || -> Result<Vec<output::Artifact>> {
                    let mut out = Vec::new();
                    for job in jobs.iter().skip(w).step_by(workers) {
                        let dir = tmp.join(&job.locale).join(&job.version);
                        let pdf_path = dir.join("policy.pdf.part");
                        crate::pdf::print(engine, &dir.join("print.html"), &pdf_path, &scratch, job.updated)?;
                        let bytes =
                            std::fs::read(&pdf_path).map_err(|e| Error::io("cannot read", &pdf_path, e))?;
                        std::fs::remove_file(&pdf_path)
                            .map_err(|e| Error::io("cannot remove", &pdf_path, e))?;
                        let bytes = crate::pdf::normalize(&bytes, job.updated);
                        if job.current {
                            out.push(output::Artifact::new(
                                format!("{}/policy.pdf", job.locale),
                                bytes.clone(),
                            ));
                        }
                        out.push(output::Artifact::new(
                            format!("{}/{}/policy.pdf", job.locale, job.version),
                            bytes,
                        ));
                    }
                    Ok(out)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a PDF worker does not panic"))
            .collect()
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let mut all = Vec::new();
    for r in results {
        all.extend(r?);
    }
    all.sort_by(|a, b| a.path.cmp(&b.path));
    ctx.note(&format!(
        "printed {} PDFs with {}",
        all.len(),
        engine.program.display()
    ));
    Ok(all)
}
