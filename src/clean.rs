//! Control characters: content may hold none but tab, carriage return and line feed (found here,
//! refused at load with their place); text policyc was only given to compare or import (a
//! vendor's policy, an old HTML file) is never refused for them, and is made visible instead, so
//! that no terminal escape, NUL or bell reaches a report, a page or a terminal. Also what an image
//! file must be: its name and its first bytes agree. Pure.

use std::borrow::Cow;

/// Whether `c` is a control character content may not hold: C0 controls other than tab, line
/// feed and carriage return, DEL, and the C1 controls (U+0080–U+009F).
pub fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{feff}'
}

/// The byte offsets of the forbidden characters in `text`, in order, told from their UTF-8 bytes (a
/// C0 control or DEL is one byte; a C1 control is 0xC2 then 0x80–0x9F; U+FEFF is EF BB BF): a
/// whole document is scanned without decoding it.
fn forbidden_at(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(i) = next_candidate(b, from) {
            from = i + 1;
            let at = match b[i] {
                b'\t' | b'\n' | b'\r' => None,
                0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)).then_some(i),
                // U+FEFF is found by its middle byte: Chinese text is full of 0xEF (the
                // full-width punctuation) and has few 0xBB
                0xBB => (i > 0 && b[i - 1] == 0xEF && b.get(i + 1) == Some(&0xBF)).then(|| i - 1),
                _ => Some(i),
            };
            if at.is_some() {
                return at;
            }
        }
        from = b.len();
        None
    })
}

/// Whether byte `c` can be part of a forbidden character: a C0 control (tab and line ends
/// included, told apart by the caller), DEL, the first byte of a C1 control or the middle byte of
/// U+FEFF.
fn candidate(c: &u8) -> bool {
    *c < 0x20 || matches!(*c, 0x7F | 0xC2 | 0xBB)
}

/// The offset of the first [`candidate`] byte at or after `from`. Eight bytes are tested at once
/// (most texts hold few candidates but a line feed now and then), and only a group that may hold
/// one is looked at byte by byte.
fn next_candidate(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // the high bit of a byte is set where the byte is below `n`, n <= 0x80 ("hasless", Bit
    // Twiddling Hacks: exact for whether any byte is)
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x;
    let equal = |x: u64, v: u8| below(x ^ (ONES * u64::from(v)), 1);
    let rest = b.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        let x = u64::from_ne_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        let may = below(x, 0x20) | equal(x, 0x7F) | equal(x, 0xC2) | equal(x, 0xBB);
        if may & HIGHS != 0
            && let Some(p) = chunk.iter().position(candidate)
        {
            return Some(at + p);
        }
        at += 8;
    }
    chunks.remainder().iter().position(candidate).map(|p| at + p)
}

/// The byte offset and character of the first forbidden control character in `text`.
pub fn first_forbidden(text: &str) -> Option<(usize, char)> {
    forbidden_at(text)
        .next()
        .and_then(|i| text[i..].chars().next().map(|c| (i, c)))
}

/// How many forbidden control characters `text` holds.
pub fn count_forbidden(text: &str) -> usize {
    forbidden_at(text).count()
}

/// How a control character is named in a message: `U+001B (escape)`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{b}' => " (vertical tab)",
        '\u{c}' => " (form feed)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        '\u{9b}' => " (control sequence introducer)",
        '\u{feff}' => " (byte order mark)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

/// `text` with every forbidden control character replaced by a visible stand-in: the Unicode
/// control picture of a C0 control (`␛` for ESC, `␀` for NUL), `␡` for DEL, `�` for a C1 control
/// or a byte order mark inside the text. Borrowed when there is none.
pub fn visible(text: &str) -> Cow<'_, str> {
    if first_forbidden(text).is_none() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !forbidden(c) => c,
                '\u{7f}' => '\u{2421}',
                c if u32::from(c) < 0x20 => {
                    char::from_u32(0x2400 + u32::from(c)).expect("control pictures are chars")
                }
                _ => '\u{fffd}',
            })
            .collect(),
    )
}

/// `text` without a byte order mark at its start.
pub fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// The kind of image a file name promises (`"PNG"` …), for a name of letters, digits, `-`, `_` and
/// one of the extensions pages may show; `None` otherwise (SVG included: it can hold scripts).
pub fn image_kind(name: &str) -> Option<&'static str> {
    let (stem, ext) = name.rsplit_once('.')?;
    let plain = !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !plain {
        return None;
    }
    match ext.to_ascii_lowercase().as_str() {
        "png" => Some("PNG"),
        "jpg" | "jpeg" => Some("JPEG"),
        "gif" => Some("GIF"),
        "webp" => Some("WebP"),
        "avif" => Some("AVIF"),
        _ => None,
    }
}

/// Whether `bytes` start as a file of image `kind` (from [`image_kind`]) does.
pub fn is_image(kind: &str, bytes: &[u8]) -> bool {
    match kind {
        "PNG" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "JPEG" => bytes.starts_with(&[0xff, 0xd8, 0xff]),
        "GIF" => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
        "WebP" => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "AVIF" => bytes.len() >= 12 && &bytes[4..8] == b"ftyp" && matches!(&bytes[8..12], b"avif" | b"avis"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_shows_controls() {
        assert_eq!(first_forbidden("a\tb\r\nc"), None);
        assert_eq!(first_forbidden("ab\u{1b}[2J"), Some((2, '\u{1b}')));
        assert_eq!(first_forbidden("é\u{9b}"), Some((2, '\u{9b}')));
        assert_eq!(count_forbidden("，\u{feff}x\u{7f}\u{85}"), 3);
        assert_eq!(visible("\u{1b}]0;x\u{7}\0\u{7f}\u{9b}"), "␛]0;x␇␀␡\u{fffd}");
        assert!(matches!(visible("plain\ttext\n"), Cow::Borrowed(_)));
        assert_eq!(describe('\u{1b}'), "U+001B (escape)");
        assert_eq!(strip_bom("\u{feff}+++".into()), "+++");
    }

    #[test]
    fn images_are_what_their_names_say() {
        assert_eq!(image_kind("logo.PNG"), Some("PNG"));
        for bad in ["logo.svg", "../x.png", "a b.png", ".png", "x.png.exe", "noext"] {
            assert_eq!(image_kind(bad), None, "{bad}");
        }
        assert!(is_image("PNG", b"\x89PNG\r\n\x1a\nrest"));
        assert!(!is_image("PNG", b"<svg onload=alert(1)>"));
        assert!(is_image("WebP", b"RIFF\0\0\0\0WEBPVP8 "));
    }

    #[test]
    fn eight_bytes_at_a_time_find_the_first_candidate_byte() {
        // every byte value at every place of a group, among every other byte value
        for filler in (0..=255u8).filter(|c| !candidate(c)) {
            for probe in 0..=255u8 {
                for place in 0..12 {
                    let mut buf = vec![filler; 19];
                    buf[place] = probe;
                    let want = buf.iter().position(candidate);
                    assert_eq!(next_candidate(&buf, 0), want, "{filler:#x} {probe:#x} at {place}");
                    assert_eq!(next_candidate(&buf, 3), want.filter(|&w| w >= 3), "from 3");
                }
            }
        }
    }

    proptest::proptest! {
        /// The byte scan finds exactly the characters `forbidden` names, at their offsets.
        #[test]
        fn the_byte_scan_agrees_with_the_characters(text in "\\PC*|[\u{0}-\u{a0}\u{feff}\u{fefb}Ȼ，é]*") {
            let want: Vec<usize> = text.char_indices().filter(|&(_, c)| forbidden(c)).map(|(i, _)| i).collect();
            let got: Vec<usize> = forbidden_at(&text).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
