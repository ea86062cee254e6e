//! `policyc serve`: starts on a free port, serves the pages and drafts, rebuilds on an edit, shows a
//! build error in the page.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Project;

fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls `path` until `pred` holds (at most 15 s).
fn wait_for(port: u16, path: &str, pred: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let start = Instant::now();
    loop {
        let (status, body) = get(port, path);
        // generous: a rebuild of the debug binary on a loaded 2-core machine can take seconds
        if pred(status, &body) || start.elapsed() > Duration::from_secs(60) {
            return (status, body);
        }
        std::thread::sleep(Duration::from_millis(150));
    }
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `policyc serve` on a free port in `p`; returns the server (stopped when dropped) and
/// its port.
fn start(p: &Project) -> (Server, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policyc"))
        .args(["serve", "--port", "0", "-q"])
        .current_dir(p.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let port: u16 = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{first}"));
    (Server(child), port)
}

/// Sends `raw` and returns the status and the whole answer.
fn raw_request(port: u16, raw: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    // the server may answer (and close) before everything is sent
    let _ = s.write_all(raw);
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, answer)
}

#[test]
fn live_preview_rebuilds_and_shows_errors() {
    let p = Project::sample_with_draft();
    let (_server, port) = start(&p);
    let (status, body) = get(port, "/en/");
    assert_eq!(status, 200);
    assert!(
        body.contains("<main id=\"policy\">") && body.contains("/__policyc/generation"),
        "{body}"
    );
    let draft = "/drafts/en/2026-12-01/index.html";
    assert_eq!(get(port, draft).0, 200);
    assert_eq!(get(port, "/nope.html").0, 404);
    // an edit of the draft shows up without a restart
    p.edit(
        "content/versions/2026-12-01/en/06-minors.md",
        "Minors may not create",
        "Children may not create",
    );
    let (_, body) = wait_for(port, draft, |_, b| b.contains("Children may not create"));
    assert!(
        body.contains("Children may not create"),
        "the edit never appeared"
    );
    // a broken file shows the error, with file and line, in the page
    p.edit(
        "content/versions/2026-12-01/en/06-minors.md",
        "order = 6",
        "order = six",
    );
    let (status, body) = wait_for(port, draft, |s, _| s == 500);
    assert_eq!(status, 500);
    assert!(
        body.contains("content/versions/2026-12-01/en/06-minors.md:3:9"),
        "{body}"
    );
    // and fixing it brings the page back
    p.edit(
        "content/versions/2026-12-01/en/06-minors.md",
        "order = six",
        "order = 6",
    );
    let (status, _) = wait_for(port, draft, |s, _| s == 200);
    assert_eq!(status, 200);
}

/// Issue 20, item 3: bounded heads, the Host check, a slow reader and idle connections that block
/// no one, a cap on connections.
#[test]
fn the_preview_survives_its_clients() {
    let p = Project::sample_with_draft();
    let (_server, port) = start(&p);
    // a request line that never ends: 414 once it passes 8 KiB, not memory without end
    let (status, _) = raw_request(port, &vec![b'a'; 64 * 1024]);
    assert_eq!(status, 414);
    let long = format!("GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "x".repeat(9000));
    assert_eq!(raw_request(port, long.as_bytes()).0, 414);
    let headers = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{}\r\n",
        "X-Pad: 0123456789012345678901234567890123456789\r\n".repeat(500)
    );
    assert_eq!(raw_request(port, headers.as_bytes()).0, 431);
    // another origin (DNS rebinding) gets nothing
    let (status, answer) = raw_request(port, b"GET /en/ HTTP/1.1\r\nHost: attacker.example\r\n\r\n");
    assert_eq!(status, 403);
    assert!(!answer.contains("<main"), "{answer}");
    let (status, _) = raw_request(port, b"GET /en/ HTTP/1.1\r\nHost: localhost:1\r\n\r\n");
    assert_eq!(status, 403);
    assert_eq!(
        raw_request(port, b"DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n").0,
        405
    );
    let (status, answer) = raw_request(
        port,
        format!("GET /nope HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 404, "{answer}");
    // a client that asks for a page and never reads it, and clients that never ask, block no one
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(slow, "GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let idle: Vec<TcpStream> = (0..50)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    let started = Instant::now();
    let (status, body) = get(port, "/__policyc/generation");
    assert_eq!(status, 200);
    assert!(body.parse::<u64>().is_ok(), "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    drop(idle);
    drop(slow);
}

/// Beyond 2,048 connections at once, a connection is answered 503 and closed; the server serves
/// again once they are gone.
#[test]
fn too_many_connections_are_answered_503() {
    let p = Project::sample();
    let (_server, port) = start(&p);
    // in batches, so that the kernel's queue of connections waiting to be accepted never overflows
    let mut idle = Vec::new();
    for _ in 0..32 {
        idle.extend((0..64).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()));
        std::thread::sleep(Duration::from_millis(20));
    }
    // the kernel may hand over connections that overflowed its queue out of order: the server
    // answers 503 once it holds all 2,048 (and they time out only after 10 s)
    let started = Instant::now();
    let status = loop {
        let (status, _) = raw_request(port, b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        if status == 503 || started.elapsed() > Duration::from_secs(8) {
            break status;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status, 503);
    drop(idle);
    let (status, _) = wait_for(port, "/en/", |s, _| s == 200);
    assert_eq!(status, 200);
}

/// Issue 19: `/drafts/`, the address docs/ci.md gives, is an index of the drafts.
#[test]
fn drafts_index_links_to_each_locale_of_each_draft() {
    let p = Project::sample_with_draft();
    let (_server, port) = start(&p);
    let (status, body) = get(port, "/drafts/");
    assert_eq!(status, 200, "{body}");
    for locale in ["en", "zh-CN"] {
        let link = format!("href=\"/drafts/{locale}/2026-12-01/\"");
        assert!(body.contains(&link), "no {link} in {body}");
        let (status, page) = get(port, &format!("/drafts/{locale}/2026-12-01/"));
        assert_eq!(status, 200);
        assert!(page.contains("<main id=\"policy\">"), "{page}");
    }
    // the published version is no draft
    assert!(!body.contains("2022-10-19"), "{body}");
    assert!(!body.contains("Preview of an edited sealed version"), "{body}");
}

/// Issue 19: a page whose sealed (published) sources were edited is previewed with a warning.
#[test]
fn an_edited_sealed_version_is_previewed_with_a_warning_banner() {
    let p = Project::sample_with_draft();
    let (_server, port) = start(&p);
    let banner = "Preview of an edited sealed version";
    let (status, body) = get(port, "/zh-CN/2022-10-19/index.html");
    assert_eq!(status, 200);
    assert!(!body.contains(banner), "a banner before any edit");
    p.edit(
        "content/versions/2022-10-19/zh-CN/06-minors.md",
        "未成年人未经父母",
        "未满十四周岁的未成年人未经父母",
    );
    let (_, body) = wait_for(port, "/zh-CN/2022-10-19/index.html", |_, b| {
        b.contains("未满十四周岁")
    });
    assert!(body.contains(banner), "{body}");
    assert!(
        body.contains("zh-CN/06-minors.md"),
        "the banner names the edited file: {body}"
    );
    assert!(body.contains("policyc release --reseal 2022-10-19"), "{body}");
    // the banner is outside <main>, right after <body>
    let at = body.find(banner).unwrap();
    assert!(at < body.find("<main").unwrap());
    // every page of that version, and the current pages showing it, carry it; drafts do not
    for path in ["/en/2022-10-19/index.html", "/en/", "/zh-CN/print.html"] {
        let (status, page) = get(port, path);
        assert_eq!(status, 200, "{path}");
        assert!(page.contains(banner), "{path} has no banner");
    }
    for path in ["/drafts/en/2026-12-01/index.html", "/drafts/"] {
        let (_, page) = get(port, path);
        assert!(!page.contains(banner), "{path} has a banner");
    }
    // undoing the edit removes it
    p.edit(
        "content/versions/2022-10-19/zh-CN/06-minors.md",
        "未满十四周岁的未成年人未经父母",
        "未成年人未经父母",
    );
    let (_, body) = wait_for(port, "/zh-CN/2022-10-19/index.html", |_, b| !b.contains(banner));
    assert!(!body.contains(banner));
}
