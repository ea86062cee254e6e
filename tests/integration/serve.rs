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

#[test]
fn live_preview_rebuilds_and_shows_errors() {
    let p = Project::sample_with_draft();
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
    let _server = Server(child);
    let port: u16 = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{first}"));
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
