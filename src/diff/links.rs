//! Link targets and image sources: what a block links to ([`Links`], read by `doc.rs` from the
//! parser's events, so no second pass over the text, and kept in one buffer per block), how the
//! links of two versions of a block pair up ([`changes`]), and when two targets are the same
//! address written differently ([`normalise`]: scheme and host case, a default port, a trailing
//! slash, tracking parameters). Pure: no lexicon here; whether a target is a contact channel is
//! the classifier's question.

/// What a target is the target of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// A hyperlink (`[text](url)`).
    Link,
    /// An image (`![alt](src)`).
    Image,
}

impl LinkKind {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Link => "link",
            LinkKind::Image => "image",
        }
    }
}

/// One link of a block, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'a> {
    /// Link or image.
    pub kind: LinkKind,
    /// The text a reader sees (an image's alt text), whitespace collapsed.
    pub text: &'a str,
    /// The target as written.
    pub target: &'a str,
}

/// The links of a block, in order: their texts and targets in one buffer (a block with none
/// allocates nothing, one with several allocates twice).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// Each link's text, then its target.
    buf: String,
    /// Each link's kind and where its text and its target end in `buf`.
    items: Vec<(LinkKind, u32, u32)>,
}

impl Links {
    /// Adds a link.
    pub fn push(&mut self, kind: LinkKind, text: &str, target: &str) {
        self.buf.push_str(text);
        let text_end = self.buf.len();
        self.buf.push_str(target);
        // a block is far smaller than 4 GiB: loading refuses such files
        let end = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.items.push((kind, end(text_end), end(self.buf.len())));
    }

    /// No links.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The links in order.
    pub fn iter(&self) -> impl Iterator<Item = Link<'_>> {
        let mut start = 0usize;
        self.items.iter().map(move |&(kind, text_end, end)| {
            let (text_end, end) = (text_end as usize, end as usize);
            let link = Link {
                kind,
                text: self.buf.get(start..text_end).unwrap_or_default(),
                target: self.buf.get(text_end..end).unwrap_or_default(),
            };
            start = end;
            link
        })
    }
}

/// A link whose target changed, appeared or went away while its text stayed where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkChange {
    /// Link or image.
    pub kind: LinkKind,
    /// The link's text (the new side's, when it has one).
    pub text: String,
    /// The old target (`None`: the text was not a link before).
    pub old: Option<String>,
    /// The new target (`None`: the text is no longer a link).
    pub new: Option<String>,
    /// The two targets are one address written differently ([`normalise`]).
    pub equivalent: bool,
}

/// Query parameters that only track where a visitor came from: they never change what an address
/// leads to (Google Analytics `utm_*` and `_ga`/`_gl`, the click ids of Facebook, Google Ads,
/// Microsoft Ads, Yandex, Twitter, TikTok and LinkedIn, Mailchimp, HubSpot, Marketo, Instagram,
/// Alibaba's `spm`/`scm`, referral `ref`).
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "igshid",
    "_ga",
    "_gl",
    "spm",
    "scm",
    "ref",
    "ref_src",
];

fn tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_") || TRACKING.contains(&name.as_str())
}

/// Does a port written after a host of `scheme` say nothing (the scheme's default)? The web's
/// two schemes are one here (below), so either's default port is.
fn default_port(scheme: &str, port: &str) -> bool {
    match scheme {
        "http" | "https" => port == "80" || port == "443",
        "ws" => port == "80",
        "wss" => port == "443",
        "ftp" => port == "21",
        _ => false,
    }
}

/// The scheme of `url` (`https`, `mailto`), when it starts with one (RFC 3986 §3.1: a letter,
/// then letters, digits, `+`, `-`, `.`, then `:`).
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let s = &url[..end];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(s)
}

/// `url` in a canonical spelling: two targets with the same canonical spelling lead to the same
/// place. Lowercases the scheme and the host (RFC 3986 §6.2.2.1), drops a default port (§6.2.3),
/// a trailing slash of the path, tracking parameters and an empty query or fragment, and writes
/// percent-escapes in capitals; `http` is read as `https` (the same page, moved to TLS as nearly
/// every site has). A `tel:` number loses its visual separators (RFC 3966 §5.1.1); a `mailto:`
/// address keeps only the address, its domain in lowercase (a subject or body it suggests does
/// not change where mail goes). Idempotent: one pass can leave what another would fold (a space
/// before a query that held only trackers), so passes repeat until one changes nothing.
pub fn normalise(url: &str) -> String {
    let mut out = normalise_once(url);
    // each pass only drops, folds or respells parts: a few are always enough
    for _ in 0..8 {
        let next = normalise_once(&out);
        if next == out {
            break;
        }
        out = next;
    }
    out
}

/// The address an archived copy stands for: the Wayback Machine serves a page it keeps under
/// `https://web.archive.org/web/<timestamp>[flag_]/<address>`, and a page captured through the
/// archive has every link rewritten so; the archived address is the one the policy names.
fn archived(url: &str) -> Option<&str> {
    let lower_prefix = |p: &str| url.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let rest = ["https://web.archive.org/web/", "http://web.archive.org/web/"]
        .iter()
        .find(|p| lower_prefix(p))
        .map(|p| &url[p.len()..])?;
    let (stamp, original) = rest.split_once('/')?;
    let digits = stamp.bytes().take_while(u8::is_ascii_digit).count();
    let flag = &stamp[digits..];
    let stamped = (4..=14).contains(&digits) && flag.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    (stamped && scheme_of(original).is_some()).then_some(original)
}

/// One pass of [`normalise`].
fn normalise_once(url: &str) -> String {
    let url = url.trim();
    let url = archived(url).unwrap_or(url);
    let (scheme, rest) = match scheme_of(url) {
        Some(s) => (Some(s.to_ascii_lowercase()), &url[s.len() + 1..]),
        None => (None, url),
    };
    match scheme.as_deref() {
        Some("tel") | Some("sms") => {
            let number: String = rest
                .chars()
                .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
                .collect();
            return format!("{}:{number}", scheme.unwrap_or_default());
        }
        Some("mailto") => {
            let (address, _) = split_once_keep(rest, '?');
            let address = match address.rsplit_once('@') {
                Some((local, domain)) => format!("{local}@{}", domain.to_ascii_lowercase()),
                None => address.to_string(),
            };
            return format!("mailto:{address}");
        }
        _ => {}
    }
    // split off the fragment, then the query
    let (before_fragment, fragment) = split_once_keep(rest, '#');
    let (before_query, query) = split_once_keep(before_fragment, '?');
    let mut out = String::with_capacity(url.len());
    let mut path = before_query;
    if let Some(s) = &scheme {
        out.push_str(if s == "http" { "https" } else { s });
        out.push(':');
    }
    if let Some(after) = before_query.strip_prefix("//") {
        let end = after.find('/').unwrap_or(after.len());
        let (authority, p) = after.split_at(end);
        path = p;
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let hostport = hostport.to_ascii_lowercase();
        out.push_str("//");
        if let Some(u) = userinfo {
            out.push_str(u);
            out.push('@');
        }
        // `host:port` (digits); an IPv6 literal keeps its colons inside brackets, and anything
        // else with a colon is left as written
        let split = hostport
            .rsplit_once(':')
            .filter(|(h, p)| p.bytes().all(|b| b.is_ascii_digit()) && (!h.contains(':') || h.ends_with(']')));
        match split {
            Some((host, port)) => {
                out.push_str(host.trim_end_matches('.'));
                let default = scheme.as_deref().is_some_and(|s| default_port(s, port));
                if !port.is_empty() && !default {
                    out.push(':');
                    out.push_str(port);
                }
            }
            None if hostport.contains(':') => out.push_str(&hostport),
            None => out.push_str(hostport.trim_end_matches('.')),
        }
    }
    // a trailing slash names the same resource, but a relative `/` alone is the site's root
    let trimmed = path.trim_end_matches('/');
    let path = if trimmed.is_empty() && scheme.is_none() && !before_query.starts_with("//") {
        &path[..path.len().min(1)]
    } else {
        trimmed
    };
    out.push_str(&escapes_upper(path));
    out.push_str(&query_part(query));
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        out.push('#');
        out.push_str(&escapes_upper(f));
    }
    out
}

/// `s` split at the first `sep` (the part after it, when there is one).
fn split_once_keep(s: &str, sep: char) -> (&str, Option<&str>) {
    match s.split_once(sep) {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}

/// `?query` without its tracking parameters and empty pairs; empty when nothing is left.
fn query_part(query: Option<&str>) -> String {
    let Some(q) = query else { return String::new() };
    let kept: Vec<String> = q
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| !tracking(pair.split('=').next().unwrap_or(pair)))
        .map(escapes_upper)
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// Percent-escapes with their hex digits in capitals (`%2f` → `%2F`).
fn escapes_upper(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let hex = rest.get(..2).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        if let Some(h) = hex {
            out.push_str(&h.to_ascii_uppercase());
            rest = &rest[2..];
        }
    }
    out.push_str(rest);
    out
}

/// Does the link's text show its target (`[privacy@x.com](mailto:privacy@x.com)`,
/// `[https://x.com/a](https://x.com/a/)`)? Then the text says what the link does, and the text
/// diff sees a change of it.
fn shown_by_text(link: &Link<'_>) -> bool {
    let target = percent_decoded(link.target.trim());
    // an address Cloudflare hides from pages read without script (`[email protected]` linking to
    // `/cdn-cgi/l/email-protection#…`): the text stands for the address, and the diff sees it
    if target.contains("/cdn-cgi/l/email-protection") {
        return true;
    }
    let text = link.text.trim();
    let bare = ["mailto:", "tel:", "sms:"]
        .iter()
        .find_map(|s| {
            target
                .get(..s.len())
                .filter(|p| p.eq_ignore_ascii_case(s))
                .map(|_| &target[s.len()..])
        })
        .map(|rest| rest.split('?').next().unwrap_or(rest));
    match bare {
        Some(address) => address.eq_ignore_ascii_case(text),
        None => normalise(&target) == normalise(text) || target.eq_ignore_ascii_case(text),
    }
}

/// `s` with its percent-escapes of ASCII characters decoded (`%2B` → `+`); others kept.
fn percent_decoded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let byte = rest
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .filter(u8::is_ascii);
        match byte {
            Some(b) => {
                out.push(char::from(b));
                rest = &rest[i + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The link changes between the links of an old block and of the new block it became. Links are
/// paired by place when both sides have as many, else by their text (in order); a pair whose
/// targets differ is a change, and a link with no partner is one added or removed. A link whose
/// text shows its target is read as text (as an autolink, `<https://…>`, which is not given
/// here): the text diff shows it, unless the text stayed and the target did not.
pub fn changes(old: &Links, new: &Links) -> Vec<LinkChange> {
    if old == new {
        return vec![];
    }
    let (old, new): (Vec<Link>, Vec<Link>) = (old.iter().collect(), new.iter().collect());
    let mut out = Vec::new();
    let pair = |a: Option<&Link>, b: Option<&Link>, out: &mut Vec<LinkChange>| {
        let (old_t, new_t) = (a.map(|l| l.target), b.map(|l| l.target));
        if old_t == new_t || [a, b].into_iter().all(|l| l.is_none_or(shown_by_text)) {
            return;
        }
        let Some(l) = b.or(a) else { return };
        let equivalent = match (old_t, new_t) {
            (Some(x), Some(y)) => normalise(x) == normalise(y),
            _ => false,
        };
        out.push(LinkChange {
            kind: l.kind,
            text: l.text.to_string(),
            old: old_t.map(str::to_string),
            new: new_t.map(str::to_string),
            equivalent,
        });
    };
    if old.len() == new.len() {
        for (a, b) in old.iter().zip(&new) {
            pair(Some(a), Some(b), &mut out);
        }
        return out;
    }
    let mut used = vec![false; old.len()];
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    for (j, b) in new.iter().enumerate() {
        let found = (0..old.len()).find(|&i| !used[i] && old[i].kind == b.kind && old[i].text == b.text);
        if let Some(i) = found {
            used[i] = true;
            partner[j] = Some(i);
        }
    }
    for (a, _) in old.iter().zip(&used).filter(|(_, used)| !**used) {
        pair(Some(a), None, &mut out);
    }
    for (j, b) in new.iter().enumerate() {
        pair(partner[j].map(|i| &old[i]), Some(b), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spellings_of_one_address_are_equal() {
        let same = [
            ("https://Example.COM/cookies/", "https://example.com/cookies"),
            ("HTTPS://example.com:443/a", "https://example.com/a"),
            ("http://example.com:80/", "http://example.com"),
            (
                "https://example.com/p?utm_source=mail&utm_medium=x&id=3&fbclid=abc",
                "https://example.com/p?id=3",
            ),
            ("https://example.com/p?gclid=1#", "https://example.com/p"),
            ("https://example.com/a%2fb", "https://example.com/a%2Fb"),
            ("tel:+1 (555) 010-0000", "tel:+15550100000"),
            ("MAILTO:privacy@Example.com", "mailto:privacy@example.com"),
            (
                "mailto:privacy@example.com?subject=GDPR",
                "mailto:privacy@example.com",
            ),
            ("http://example.com/a", "https://example.com/a"),
            ("/privacy/", "/privacy"),
            (
                "https://web.archive.org/web/20230306004036/https://www.trg.de/opt-out/",
                "https://www.trg.de/opt-out",
            ),
            (
                "https://web.archive.org/web/20230306004036id_/mailto:privacy@trg.de",
                "mailto:privacy@trg.de",
            ),
        ];
        for (a, b) in same {
            assert_eq!(normalise(a), normalise(b), "{a} vs {b}");
        }
    }

    #[test]
    fn other_addresses_stay_apart() {
        let apart = [
            (
                "https://example.com/complaints",
                "https://example.com/complaints-new",
            ),
            ("https://example.com:8443/a", "https://example.com/a"),
            ("ftp://example.com/a", "https://example.com/a"),
            ("https://example.com/a?id=3", "https://example.com/a?id=4"),
            ("https://example.com/a#x", "https://example.com/a#y"),
            ("https://example.com/A", "https://example.com/a"),
            ("mailto:privacy@example.com", "mailto:dpo@example.com"),
            ("mailto:Privacy@example.com", "mailto:privacy@example.com"),
            ("tel:+15550100000", "tel:+15550100001"),
            // the archive's own pages are not an archived address
            ("https://web.archive.org/web/", "https://example.com"),
            (
                "https://web.archive.org/about/https://example.com",
                "https://example.com",
            ),
        ];
        for (a, b) in apart {
            assert_ne!(normalise(a), normalise(b), "{a} vs {b}");
        }
    }

    fn links(items: &[(&str, &str)]) -> Links {
        let mut out = Links::default();
        for (text, target) in items {
            out.push(LinkKind::Link, text, target);
        }
        out
    }

    #[test]
    fn links_pair_by_place_or_by_text() {
        let (form, mail) = (("form", "https://a.example/f"), ("mail", "mailto:a@b.c"));
        let old = links(&[form, mail]);
        let new = links(&[("form", "https://a.example/g"), mail]);
        let c = changes(&old, &new);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].text, "form");
        assert_eq!(c[0].old.as_deref(), Some("https://a.example/f"));
        assert_eq!(c[0].new.as_deref(), Some("https://a.example/g"));
        assert!(!c[0].equivalent);
        // a link added before the others pairs the rest by text
        let added = links(&[("new", "https://n.example"), form, mail]);
        let c = changes(&old, &added);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(
            (c[0].old.as_deref(), c[0].new.as_deref()),
            (None, Some("https://n.example"))
        );
        assert!(changes(&old, &old).is_empty());
        let read: Vec<(&str, &str)> = added.iter().map(|l| (l.text, l.target)).collect();
        assert_eq!(read, [("new", "https://n.example"), form, mail]);
    }

    /// A link whose text shows its target is read as text: making an address a link, or no longer
    /// one, changes nothing; its target leaving the text it shows is a change.
    #[test]
    fn links_that_show_their_target_are_text() {
        let shown = links(&[("fDi+ccpa@ft.com", "mailto:fDi%2Bccpa@ft.com")]);
        assert!(changes(&shown, &Links::default()).is_empty());
        assert!(
            changes(
                &Links::default(),
                &links(&[("https://x.com/a", "https://x.com/a/")])
            )
            .is_empty()
        );
        let c = changes(&shown, &links(&[("fDi+ccpa@ft.com", "mailto:dpo@ft.com")]));
        assert_eq!(c.len(), 1, "{c:?}");
    }

    /// A URL with the parts normalisation looks at: scheme, host, port, path, query, fragment.
    fn url() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec!["http", "https", "HTTPS", "ftp", "Mailto", "tel", ""]),
            "[a-zA-Z0-9.-]{1,12}",
            prop::option::of(prop::sample::select(vec!["80", "443", "8080", ""])),
            "(/[a-zA-Z0-9%._~-]{0,6}){0,3}/?",
            prop::collection::vec(("[a-z_]{1,8}", "[a-zA-Z0-9%]{0,4}"), 0..4),
            prop::option::of("[a-zA-Z0-9-]{0,6}"),
        )
            .prop_map(|(scheme, host, port, path, query, fragment)| {
                let mut u = String::new();
                if !scheme.is_empty() {
                    u.push_str(scheme);
                    u.push_str("://");
                }
                u.push_str(&host);
                if let Some(p) = port {
                    u.push(':');
                    u.push_str(p);
                }
                u.push_str(&path);
                if !query.is_empty() {
                    let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    u.push('?');
                    u.push_str(&pairs.join("&"));
                }
                if let Some(f) = fragment {
                    u.push('#');
                    u.push_str(&f);
                }
                u
            })
    }

    proptest! {
        /// Any text at all: no panic, and a second pass changes nothing.
        #[test]
        fn normalising_any_text_is_idempotent(u in "[a-zA-Z0-9:/?#@%.\\[\\]&=_ é-]{0,30}") {
            let once = normalise(&u);
            prop_assert_eq!(normalise(&once), once);
        }

        #[test]
        fn normalising_is_idempotent(u in url()) {
            let once = normalise(&u);
            prop_assert_eq!(normalise(&once), once);
        }

        /// Equal URLs stay equal, and so do the spellings normalisation folds: the host's case,
        /// tracking parameters added, a trailing slash.
        #[test]
        fn spellings_stay_equal(u in url(), tracker in "utm_[a-z]{1,6}|fbclid|gclid") {
            prop_assert_eq!(normalise(&u), normalise(&u.clone()));
            let (base, fragment) = match u.split_once('#') {
                Some((b, f)) => (b.to_string(), format!("#{f}")),
                None => (u.clone(), String::new()),
            };
            let sep = if base.contains('?') { "&" } else { "?" };
            let tracked = format!("{base}{sep}{tracker}=x{fragment}");
            if !u.to_ascii_lowercase().starts_with("mailto") && !u.starts_with("tel") {
                prop_assert_eq!(normalise(&tracked), normalise(&u));
            }
        }
    }
}
