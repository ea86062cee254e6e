//! The part of HTTP/1.1 the preview speaks, bounded so that no client can starve it: a request
//! head is read within a deadline and a size limit (a request line over [`MAX_LINE`] is answered
//! 414, a head over [`MAX_HEAD`] 431, a head not complete in time 408), only `GET` and `HEAD` are
//! served, the `Host` header must name the loopback address served (403 otherwise: a page of
//! another origin reached through DNS rebinding gets nothing), and a response is written within a
//! deadline, in pieces, so a slow reader only ever holds its own connection.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

/// The longest request line served.
pub const MAX_LINE: usize = 8 * 1024;
/// The largest request head (request line and headers) served.
pub const MAX_HEAD: usize = 16 * 1024;

/// A stream whose blocking calls can be given a timeout.
pub trait Timed: Read + Write {
    /// Sets the timeout of the next reads.
    fn read_timeout(&mut self, timeout: Duration) -> std::io::Result<()>;
    /// Sets the timeout of the next writes.
    fn write_timeout(&mut self, timeout: Duration) -> std::io::Result<()>;
}

impl Timed for std::net::TcpStream {
    fn read_timeout(&mut self, timeout: Duration) -> std::io::Result<()> {
        self.set_read_timeout(Some(timeout.max(Duration::from_millis(1))))
    }
    fn write_timeout(&mut self, timeout: Duration) -> std::io::Result<()> {
        self.set_write_timeout(Some(timeout.max(Duration::from_millis(1))))
    }
}

/// A request, as far as the preview needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET` or `HEAD`.
    pub head_only: bool,
    /// The path, without query or fragment.
    pub path: String,
}

/// Why a request is not served: each is an answer with its status, or no answer at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 400: not a request.
    Malformed,
    /// 403: a `Host` that is not the loopback address served.
    ForeignHost,
    /// 405: a method other than GET and HEAD.
    Method,
    /// 408: the head did not arrive in time.
    TimedOut,
    /// 414: the request line is longer than [`MAX_LINE`].
    LineTooLong,
    /// 431: the head is larger than [`MAX_HEAD`].
    HeadTooLarge,
    /// The client went away: nothing to answer.
    Gone,
}

impl Refusal {
    /// The status answered, `None` when there is no one to answer.
    pub fn status(self) -> Option<u16> {
        Some(match self {
            Refusal::Malformed => 400,
            Refusal::ForeignHost => 403,
            Refusal::Method => 405,
            Refusal::TimedOut => 408,
            Refusal::LineTooLong => 414,
            Refusal::HeadTooLarge => 431,
            Refusal::Gone => return None,
        })
    }
}

/// Reads and checks a request head from `stream` before `deadline`; `port` is the port served,
/// which a `Host` header may name.
pub fn read_request(stream: &mut impl Timed, deadline: Instant, port: u16) -> Result<Request, Refusal> {
    let head = read_head(stream, deadline)?;
    parse(&head, port)
}

fn read_head(stream: &mut impl Timed, deadline: Instant) -> Result<Vec<u8>, Refusal> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Refusal::TimedOut);
        }
        stream.read_timeout(left).map_err(|_| Refusal::Gone)?;
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(Refusal::Gone),
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Refusal::TimedOut);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(Refusal::Gone),
        };
        let searched_from = head.len().saturating_sub(3);
        head.extend_from_slice(&chunk[..n]);
        let line_end = head.iter().position(|&b| b == b'\n');
        if line_end.map_or(head.len(), |i| i) > MAX_LINE {
            return Err(Refusal::LineTooLong);
        }
        if let Some(end) = find_end(&head[searched_from..]) {
            head.truncate(searched_from + end);
            return Ok(head);
        }
        if head.len() > MAX_HEAD {
            return Err(Refusal::HeadTooLarge);
        }
    }
}

/// The end of the head (after the blank line) in `bytes`.
fn find_end(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len()).find_map(|i| {
        if bytes[i..].starts_with(b"\r\n\r\n") {
            Some(i + 4)
        } else if bytes[i..].starts_with(b"\n\n") {
            Some(i + 2)
        } else {
            None
        }
    })
}

fn parse(head: &[u8], port: u16) -> Result<Request, Refusal> {
    let text = std::str::from_utf8(head).map_err(|_| Refusal::Malformed)?;
    let mut lines = text.lines();
    let mut parts = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::Malformed);
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(Refusal::Malformed);
    }
    let host = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim().to_ascii_lowercase());
    if !host.as_deref().is_some_and(|h| loopback_host(h, port)) {
        return Err(Refusal::ForeignHost);
    }
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return Err(Refusal::Method),
    };
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    Ok(Request { head_only, path })
}

/// Whether `host` (lowercase) names the loopback address on `port`: `127.0.0.1`, `localhost` or
/// `[::1]`, with `:port` or without.
fn loopback_host(host: &str, port: u16) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') && !p.contains(']') => {
            if p != port.to_string() {
                return false;
            }
            name
        }
        _ => host,
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}

/// The reason phrase of `status`.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

/// Writes a response (the body left out with `head_only`) before `deadline`, in pieces, each
/// write given the time that is left; the connection is closed after it.
pub fn send(
    stream: &mut impl Timed,
    status: u16,
    kind: &str,
    body: &[u8],
    head_only: bool,
    deadline: Instant,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        reason(status),
        body.len()
    );
    let body = if head_only { &[][..] } else { body };
    for piece in std::iter::once(head.as_bytes()).chain(body.chunks(16 * 1024)) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.write_timeout(left)?;
        stream.write_all(piece)?;
    }
    stream.flush()
}

/// A response with a one-line plain-text body for a refusal or an error status.
pub fn send_status(stream: &mut impl Timed, status: u16, deadline: Instant) -> std::io::Result<()> {
    let body = format!("{status} {}\n", reason(status));
    send(
        stream,
        status,
        "text/plain; charset=utf-8",
        body.as_bytes(),
        false,
        deadline,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An in-memory stream: what is read, and what was written.
    struct Mem(std::io::Cursor<Vec<u8>>, Vec<u8>);

    impl Read for Mem {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.0.read(buf)
        }
    }
    impl Write for Mem {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.1.write(buf)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl Timed for Mem {
        fn read_timeout(&mut self, _: Duration) -> std::io::Result<()> {
            Ok(())
        }
        fn write_timeout(&mut self, _: Duration) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn request(raw: &[u8]) -> Result<Request, Refusal> {
        let mut m = Mem(std::io::Cursor::new(raw.to_vec()), Vec::new());
        read_request(&mut m, Instant::now() + Duration::from_secs(5), 8000)
    }

    #[test]
    fn heads_are_bounded_and_checked() {
        let ok = request(b"GET /en/?q=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n").unwrap();
        assert_eq!(ok.path, "/en/");
        assert!(
            request(b"HEAD / HTTP/1.1\r\nhost: localhost\r\n\r\n")
                .unwrap()
                .head_only
        );
        assert!(request(b"GET / HTTP/1.1\r\nHost: [::1]:8000\r\n\r\n").is_ok());
        let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_LINE));
        assert_eq!(request(long.as_bytes()), Err(Refusal::LineTooLong));
        let no_newline = vec![b'a'; MAX_LINE + 10];
        assert_eq!(request(&no_newline), Err(Refusal::LineTooLong));
        let big = format!(
            "GET / HTTP/1.1\r\n{}",
            "X-Pad: aaaaaaaaaaaaaaaaaaaa\r\n".repeat(1000)
        );
        assert_eq!(request(big.as_bytes()), Err(Refusal::HeadTooLarge));
        for host in [
            "evil.example",
            "127.0.0.1:9999",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
        ] {
            let raw = format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
            assert_eq!(request(raw.as_bytes()), Err(Refusal::ForeignHost), "{host}");
        }
        assert_eq!(request(b"GET / HTTP/1.1\r\n\r\n"), Err(Refusal::ForeignHost));
        assert_eq!(
            request(b"POST / HTTP/1.1\r\nHost: localhost\r\n\r\n"),
            Err(Refusal::Method)
        );
        assert_eq!(request(b"GET / HTTP/1.1\r\nHost: loc"), Err(Refusal::Gone));
        assert_eq!(request(b"nonsense\r\n\r\n"), Err(Refusal::Malformed));
    }

    #[test]
    fn responses_carry_their_length_and_head_omits_the_body() {
        let mut m = Mem(std::io::Cursor::new(Vec::new()), Vec::new());
        let deadline = Instant::now() + Duration::from_secs(5);
        send(&mut m, 200, "text/plain", b"hello", true, deadline).unwrap();
        let text = String::from_utf8(m.1).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n") && text.contains("Content-Length: 5\r\n"));
        assert!(text.ends_with("\r\n\r\n"));
    }
}
