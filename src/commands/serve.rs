//! `policyc serve`: a live preview on 127.0.0.1. The site (drafts included) is built in memory,
//! rebuilt when a file under the content or templates folder changes, and served with a small
//! reload script injected into every page (preview only: published pages carry no script). A build
//! error is shown in the page and in the terminal, naming file and line.
//!
//! Two pages exist only here: `/drafts/` lists every draft with a link to each of its locales, and
//! a page of a published version whose sealed sources were edited (what `seal::verify` reports,
//! and `build` refuses) carries a warning banner naming the files, so nobody takes the preview of
//! a changed sealed text for what was published.
//!
//! It survives its clients: each connection has its own small thread, at most
//! [`MAX_CONNECTIONS`] at once (503 beyond), each request head is bounded in size and time and
//! each response in time ([`http`]); the pages are a snapshot taken under the lock and sent after
//! it is released, so a slow reader holds nothing but its own connection; a failed `accept` (no
//! file descriptor left) backs off instead of spinning.

mod http;

use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::cli::ServeArgs;
use crate::error::{Error, Result};
use crate::render::site::{SiteOptions, render_site};
use crate::{Verbosity, load};

use super::Ctx;

/// Connections served at once; one more is answered 503 and closed.
const MAX_CONNECTIONS: usize = 2048;
/// Time a client has to send its request head.
const READ_TIME: Duration = Duration::from_secs(10);
/// Time a client has to read its response.
const WRITE_TIME: Duration = Duration::from_secs(60);
/// Stack of a connection's thread: it only looks up a page and writes it.
const STACK: usize = 128 * 1024;

/// What the server serves: one snapshot, replaced whole by each rebuild.
#[derive(Default)]
struct Snapshot {
    files: BTreeMap<String, Vec<u8>>,
    /// The banner of each page of a published version whose sealed sources were edited, by path.
    banners: BTreeMap<String, String>,
    error: Option<String>,
    generation: u64,
}

/// A preview build: the pages, and the banners some of them carry.
struct Preview {
    files: BTreeMap<String, Vec<u8>>,
    banners: BTreeMap<String, String>,
}

/// The current snapshot; the lock is held only to clone or replace the `Arc`.
type State = Mutex<Arc<Snapshot>>;

fn snapshot(state: &State) -> Arc<Snapshot> {
    Arc::clone(&state.lock().unwrap_or_else(|p| p.into_inner()))
}

/// Counts a connection for as long as it lives.
struct Active(Arc<AtomicUsize>);

impl Drop for Active {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Builds the site in memory: every page, the drafts' index and the banners of edited sealed
/// versions, or the error that stopped it.
fn build(content_dir: &Path, templates_dir: &Path) -> std::result::Result<Preview, String> {
    let run = || -> Result<Preview> {
        let content = load::load_content(content_dir)?;
        let templates = load::load_templates(Some(templates_dir))?;
        let rules = load::load_rules(Some(content_dir))?;
        // the preview shows the version in force today, as a build would
        let as_of = crate::as_of::resolve(None, &content.config.time_zone)?.date;
        let artifacts = render_site(
            &content,
            &templates,
            &rules,
            SiteOptions {
                drafts: true,
                pdf: false,
                as_of,
            },
        )?;
        let current = crate::timeline::Timeline::of(&content, as_of);
        let images = crate::render::images::artifacts(&content, true, current.current());
        let mut files: BTreeMap<String, Vec<u8>> = artifacts
            .into_iter()
            .chain(images)
            .map(|a| (a.path, a.bytes))
            .collect();
        files
            .entry("drafts/index.html".to_string())
            .or_insert_with(|| drafts_index(&content).into_bytes());
        let banners = edited_sealed_banners(&content, &files, current.current());
        Ok(Preview { files, banners })
    };
    run().map_err(|e| crate::clean::visible(&format!("error: {e}")).into_owned())
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
    let state: State = Mutex::new(Arc::new(Snapshot::default()));
    let rebuild = |state: &State| {
        // built outside the lock: requests go on being answered from the previous snapshot
        let result = build(&content_dir, &templates_dir);
        let generation = snapshot(state).generation + 1;
        let next = match result {
            Ok(Preview { files, banners }) => {
                if ctx.verbosity > Verbosity::Quiet {
                    eprintln!("built {} files (preview {generation})", files.len());
                }
                Snapshot {
                    files,
                    banners,
                    error: None,
                    generation,
                }
            }
            Err(message) => {
                eprintln!("{message}");
                Snapshot {
                    files: BTreeMap::new(),
                    banners: BTreeMap::new(),
                    error: Some(message),
                    generation,
                }
            }
        };
        *state.lock().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
    };
    // the files' times are read before the first build: an edit made while it runs, or before the
    // watcher starts, is then a change the watcher sees (at worst one rebuild too many)
    let first = load::tree_stamp(&[&content_dir, &templates_dir]);
    rebuild(&state);
    crate::output::stdout(&format!(
        "serving http://127.0.0.1:{port}/ (drafts under /drafts/; Ctrl-C stops)\n"
    ))?;
    let active = Arc::new(AtomicUsize::new(0));
    std::thread::scope(|scope| {
        let (c, t) = (content_dir.clone(), templates_dir.clone());
        let (state, rebuild) = (&state, &rebuild);
        scope.spawn(move || {
            let mut last = first;
            loop {
                std::thread::sleep(Duration::from_millis(300));
                let now = load::tree_stamp(&[&c, &t]);
                if now != last {
                    last = now;
                    rebuild(state);
                }
            }
        });
        for stream in listener.incoming() {
            let mut stream = match stream {
                Ok(s) => s,
                Err(_) => {
                    // out of file descriptors (or another passing failure): back off, do not spin
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
            };
            if active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                let deadline = Instant::now() + Duration::from_millis(200);
                let _ = http::send_status(&mut stream, 503, deadline);
                continue;
            }
            active.fetch_add(1, Ordering::SeqCst);
            let counted = Active(Arc::clone(&active));
            let spawned = std::thread::Builder::new()
                .stack_size(STACK)
                .spawn_scoped(scope, move || {
                    let _counted = counted;
                    respond(stream, state, port);
                });
            if spawned.is_err() {
                // no thread to be had: the connection is dropped (and uncounted with the closure)
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    });
    Ok(0)
}

const RELOAD: &str = "<script>(()=>{const g='GEN';setInterval(async()=>{try{const r=await fetch('/__policyc/generation',{cache:'no-store'});if((await r.text())!==g)location.reload()}catch(e){}},500)})()</script>";

/// Answers one connection: one request, one response, then the connection is closed.
fn respond(mut stream: TcpStream, state: &State, port: u16) {
    let request = http::read_request(&mut stream, Instant::now() + READ_TIME, port);
    let deadline = Instant::now() + WRITE_TIME;
    let request = match request {
        Ok(r) => r,
        Err(refusal) => {
            if let Some(status) = refusal.status() {
                let _ = http::send_status(&mut stream, status, deadline);
            }
            return;
        }
    };
    // the snapshot is taken under the lock and sent without it
    let s = snapshot(state);
    let (status, kind, body) = page(&s, &request.path);
    let _ = http::send(&mut stream, status, kind, &body, request.head_only, deadline);
}

/// The status, type and body answering `path` from snapshot `s`.
fn page<'s>(s: &'s Snapshot, path: &str) -> (u16, &'static str, std::borrow::Cow<'s, [u8]>) {
    use std::borrow::Cow;
    let generation = s.generation.to_string();
    if path == "/__policyc/generation" {
        return (
            200,
            "text/plain; charset=utf-8",
            Cow::Owned(generation.into_bytes()),
        );
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
        return (500, "text/html; charset=utf-8", Cow::Owned(page.into_bytes()));
    }
    match s.files.get(&rel) {
        Some(bytes) if rel.ends_with(".html") => {
            // one copy of the page, with the banner (if any) after `<body …>` and the reload script
            // before `</body>`
            let banner = s.banners.get(&rel).map_or("", String::as_str);
            let body_open = bytes
                .windows(5)
                .position(|w| w == b"<body")
                .and_then(|at| {
                    bytes[at..]
                        .iter()
                        .position(|&b| b == b'>')
                        .map(|end| at + end + 1)
                })
                .unwrap_or(0);
            let at = bytes
                .windows(7)
                .position(|w| w == b"</body>")
                .unwrap_or(bytes.len())
                .max(body_open);
            let mut html = Vec::with_capacity(bytes.len() + banner.len() + reload.len());
            html.extend_from_slice(&bytes[..body_open]);
            html.extend_from_slice(banner.as_bytes());
            html.extend_from_slice(&bytes[body_open..at]);
            html.extend_from_slice(reload.as_bytes());
            html.extend_from_slice(&bytes[at..]);
            (200, "text/html; charset=utf-8", Cow::Owned(html))
        }
        Some(bytes) => {
            let kind = if rel.ends_with(".xml") {
                "application/atom+xml"
            } else if rel.ends_with(".json") {
                "application/json"
            } else {
                image_type(&rel).unwrap_or("application/octet-stream")
            };
            (200, kind, Cow::Borrowed(bytes))
        }
        None => {
            // the path is bounded by the request limit; shown shortened, control characters visible
            let shown: String = crate::clean::visible(path).chars().take(200).collect();
            (
                404,
                "text/plain; charset=utf-8",
                Cow::Owned(format!("not found: {shown}\n").into_bytes()),
            )
        }
    }
}

/// `/drafts/`: every draft version, newest first, with a link to its page in each locale.
fn drafts_index(content: &crate::model::Content) -> String {
    let drafts: Vec<_> = content
        .versions
        .iter()
        .rev()
        .filter(|(_, v)| v.meta.status == crate::config::Status::Draft)
        .collect();
    let mut items = String::new();
    for (id, version) in &drafts {
        let id = escape(id.as_str());
        let links: Vec<String> = version
            .editions
            .keys()
            .map(|l| {
                let l = escape(l.as_str());
                format!("<a href=\"/drafts/{l}/{id}/\" hreflang=\"{l}\">{l}</a>")
            })
            .collect();
        items.push_str(&format!(
            "<li>{id} (effective {}): {}</li>",
            version.meta.effective,
            links.join(" · ")
        ));
    }
    let list = if drafts.is_empty() {
        "<p>There is no draft. Start one with <code>policyc new-version VERSION</code>.</p>".to_string()
    } else {
        format!("<ul>{items}</ul>")
    };
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drafts: {product} preview</title></head><body><h1>Drafts</h1>{list}<p><a href=\"/\">Published pages</a></p></body></html>",
        product = escape(&content.config.product)
    )
}

/// The banner of each page of a published version whose sealed sources were edited: the pages
/// under `<locale>/<version>/`, and `<locale>/index.html` and `print.html` when it is `current` (the
/// version the current pages show).
fn edited_sealed_banners(
    content: &crate::model::Content,
    files: &BTreeMap<String, Vec<u8>>,
    current: Option<&crate::ids::VersionId>,
) -> BTreeMap<String, String> {
    let mut edited: BTreeMap<&crate::ids::VersionId, Vec<String>> = BTreeMap::new();
    for finding in crate::seal::verify(content) {
        if let Some((id, version)) = content
            .versions
            .iter()
            .find(|(_, v)| finding.file.starts_with(&v.dir))
        {
            let rel = finding.file.strip_prefix(&version.dir).unwrap_or(&finding.file);
            edited.entry(id).or_default().push(rel.display().to_string());
        }
    }
    let mut out = BTreeMap::new();
    for (id, changed) in edited {
        let banner = format!(
            "<div role=\"alert\" style=\"background:#fff3cd;color:#5c4400;border-bottom:2px solid #b38600;padding:.75rem 1rem;font:1rem/1.4 system-ui,sans-serif\"><strong>Preview of an edited sealed version.</strong> The sources of published version {v} were changed after it was sealed ({files}), so this page is not what was published; <code>policyc build</code> refuses it. Undo the edit, or record a deliberate correction with <code>policyc release --reseal {v} --reason \"…\"</code>.</div>",
            v = escape(id.as_str()),
            files = escape(&changed.join(", ")),
        );
        for path in files.keys().filter(|p| p.ends_with(".html")) {
            let parts: Vec<&str> = path.split('/').collect();
            let of_version = parts.len() >= 3 && parts[1] == id.as_str();
            let current_page = parts.len() == 2
                && parts[0] != "drafts"
                && current == Some(id)
                && matches!(parts[1], "index.html" | "print.html");
            if of_version || current_page {
                out.insert(path.clone(), banner.clone());
            }
        }
    }
    out
}

/// The media type of an image file of the site.
fn image_type(rel: &str) -> Option<&'static str> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    Some(match crate::clean::image_kind(name)? {
        "PNG" => "image/png",
        "JPEG" => "image/jpeg",
        "GIF" => "image/gif",
        "WebP" => "image/webp",
        _ => "image/avif",
    })
}

/// Minimal HTML escaping for the error page.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
