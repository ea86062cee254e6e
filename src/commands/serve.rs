//! `policyc serve`: a live preview on 127.0.0.1. The site (drafts included) is built in memory,
//! rebuilt when a file under the content or templates folder changes, and served with a small
//! reload script injected into every page (preview only: published pages carry no script). A build
//! error is shown in the page and in the terminal, naming file and line.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::render::site::{SiteOptions, render_site};
use crate::{Verbosity, load};

use super::Ctx;

/// What the server serves.
#[derive(Default)]
struct State {
    files: BTreeMap<String, Vec<u8>>,
    error: Option<String>,
    generation: u64,
}

/// Builds the site in memory: every page, or the error that stopped it.
fn build(content_dir: &Path, templates_dir: &Path) -> std::result::Result<BTreeMap<String, Vec<u8>>, String> {
    let run = || -> Result<BTreeMap<String, Vec<u8>>> {
        let content = load::load_content(content_dir)?;
        let templates = load::load_templates(Some(templates_dir))?;
        let rules = load::load_rules(Some(content_dir))?;
        let artifacts = render_site(
            &content,
            &templates,
            &rules,
            SiteOptions {
                drafts: true,
                pdf: false,
            },
        )?;
        Ok(artifacts.into_iter().map(|a| (a.path, a.bytes)).collect())
    };
    run().map_err(|e| format!("error: {e}"))
}

/// Runs the preview server until the process is stopped.
pub fn run(ctx: &Ctx, args: &ServeArgs) -> Result<i32> {
    let content_dir = ctx.content.clone();
    let templates_dir = args
        .templates
        .clone()
        .unwrap_or_else(|| super::build::default_templates_dir(&content_dir));
    let listener = TcpListener::bind(("127.0.0.1", args.port)).map_err(|e| {
        Error::io(
            "cannot listen on",
            Path::new(&format!("127.0.0.1:{}", args.port)),
            e,
        )
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io("cannot listen on", Path::new("127.0.0.1"), e))?
        .port();
    let state = Arc::new(Mutex::new(State::default()));
    let rebuild = |state: &Mutex<State>| {
        let result = build(&content_dir, &templates_dir);
        let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
        s.generation += 1;
        match result {
            Ok(files) => {
                s.files = files;
                s.error = None;
                if ctx.verbosity > Verbosity::Quiet {
                    eprintln!("built {} files (preview {})", s.files.len(), s.generation);
                }
            }
            Err(message) => {
                eprintln!("{message}");
                s.error = Some(message);
            }
        }
    };
    rebuild(&state);
    crate::output::stdout(&format!(
        "serving http://127.0.0.1:{port}/ (drafts under /drafts/; Ctrl-C stops)\n"
    ))?;
    std::thread::scope(|scope| {
        let watched = Arc::clone(&state);
        let (c, t) = (content_dir.clone(), templates_dir.clone());
        scope.spawn(move || {
            let mut last = load::tree_stamp(&[&c, &t]);
            loop {
                std::thread::sleep(Duration::from_millis(300));
                let now = load::tree_stamp(&[&c, &t]);
                if now != last {
                    last = now;
                    rebuild(&watched);
                }
            }
        });
        for stream in listener.incoming().flatten() {
            let state = Arc::clone(&state);
            scope.spawn(move || {
                let _ = respond(stream, &state);
            });
        }
    });
    Ok(0)
}

const RELOAD: &str = "<script>(()=>{const g='GEN';setInterval(async()=>{try{const r=await fetch('/__policyc/generation',{cache:'no-store'});if((await r.text())!==g)location.reload()}catch(e){}},500)})()</script>";

fn respond(stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // drain the headers
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let path = line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let s = state.lock().unwrap_or_else(|p| p.into_inner());
    let generation = s.generation.to_string();
    if path == "/__policyc/generation" {
        return send(stream, 200, "text/plain; charset=utf-8", generation.as_bytes());
    }
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    let reload = RELOAD.replace("GEN", &generation);
    if let Some(error) = &s.error {
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>policyc: build error</title></head><body><h1>The preview cannot be built</h1><pre>{}</pre>{reload}</body></html>",
            escape(error)
        );
        return send(stream, 500, "text/html; charset=utf-8", page.as_bytes());
    }
    match s.files.get(&rel) {
        Some(bytes) if rel.ends_with(".html") => {
            let html = String::from_utf8_lossy(bytes).replacen("</body>", &format!("{reload}</body>"), 1);
            send(stream, 200, "text/html; charset=utf-8", html.as_bytes())
        }
        Some(bytes) => {
            let kind = if rel.ends_with(".xml") {
                "application/atom+xml"
            } else if rel.ends_with(".json") {
                "application/json"
            } else {
                "application/octet-stream"
            };
            send(stream, 200, kind, bytes)
        }
        None => send(
            stream,
            404,
            "text/plain; charset=utf-8",
            format!("not found: {path}\n").as_bytes(),
        ),
    }
}

/// Minimal HTML escaping for the error page.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn send(mut stream: TcpStream, status: u16, kind: &str, body: &[u8]) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Internal Server Error",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}
