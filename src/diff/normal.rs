//! The editorial normal form of a text: what two texts share when they differ only editorially
//! (lexicon terms and texts are matched in it).

/// The editorial normal form: width-folded, case-folded, quotes and punctuation dropped, whitespace
/// collapsed. Two texts with the same form differ only editorially.
pub fn normal_form(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    if s.is_ascii() {
        // byte by byte: the quickest for ASCII text
        for &b in bytes {
            if b.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(b.to_ascii_lowercase() as char);
            } else {
                pending_space = true;
            }
        }
        return out;
    }
    let mut last_cjk = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            if !bytes[i].is_ascii_alphanumeric() {
                // spaces, punctuation and control characters separate words
                pending_space = true;
                i += 1;
                continue;
            }
            // a run of ASCII letters and digits, copied and lowercased at once (between curly quotes
            // and other non-ASCII characters, most of a Latin text is such runs)
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if pending_space && !out.is_empty() && !last_cjk {
                out.push(' ');
            }
            pending_space = false;
            last_cjk = false;
            let from = out.len();
            out.push_str(&s[start..i]);
            out[from..].make_ascii_lowercase();
            continue;
        }
        // a run of common ideographs (U+4E00..=U+9FFF: lead byte E4 with a second byte from B8, up
        // to E9), copied at once: most of a Chinese text, with no case, width or punctuation
        let start = i;
        while i + 2 < bytes.len()
            && ((0xE5..=0xE9).contains(&bytes[i]) || (bytes[i] == 0xE4 && bytes[i + 1] >= 0xB8))
        {
            i += 3;
        }
        if i > start {
            pending_space = false;
            last_cjk = true;
            out.push_str(&s[start..i]);
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let c = fold_width(c);
        // an ideograph, kana or hangul: a word character without case (the common case in Chinese
        // text, answered without the Unicode tables)
        if is_cjk(c) && !is_punct(c) {
            pending_space = false;
            last_cjk = true;
            out.push(c);
            continue;
        }
        // punctuation first: it is never alphanumeric, and asking the Unicode tables costs more
        let word_char = !is_punct(c) && (c.is_alphanumeric() || !(c.is_whitespace() || c.is_ascii()));
        if !word_char {
            pending_space = true;
            continue;
        }
        let cjk = is_cjk(c);
        // no space between words when either side is CJK (Chinese has no word spaces)
        if pending_space && !out.is_empty() && !cjk && !last_cjk {
            out.push(' ');
        }
        pending_space = false;
        last_cjk = cjk;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Full-width ASCII forms and the ideographic space to their ASCII counterparts.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '“' | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '–'
                | '—'
                | '…'
                | '、'
                | '。'
                | '「'
                | '」'
                | '『'
                | '』'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '【'
                | '】'
                | '・'
                | '·'
                | '•'
                | '¶'
                | '§'
        )
}

/// `true` for Han, kana and Hangul characters.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
}

/// The text without its list markers (`(a)`, `（二）`, `iv)`, `3.` at a line's start, `(12)`): what
/// a list says when its items are laid out with bullets instead. A marker stands at the text's or a
/// line's start, or after a space or a colon; anything else in brackets (`(30 days)`, `(GDPR)`) is
/// kept.
pub fn without_list_markers(s: &str) -> std::borrow::Cow<'_, str> {
    fn marker_body(body: &str) -> bool {
        let n = body.chars().count();
        (1..=3).contains(&n)
            && (body.chars().all(|c| c.is_ascii_digit())
                || (n == 1 && body.chars().all(|c| c.is_ascii_alphabetic()))
                || body.chars().all(|c| "ivxIVX".contains(c))
                || body.chars().all(|c| "一二三四五六七八九十".contains(c)))
    }
    // the length of a marker at the start of `rest`, if one stands there
    let marker_at = |rest: &str, at_line_start: bool| -> Option<usize> {
        // `(a)` / `（一）` anywhere a marker may stand; `a)` / `3.` only at a line's start
        let bracketed = ['(', '（'].iter().find_map(|open| {
            let inner = rest.strip_prefix(*open)?;
            let close = inner.find([')', '）'])?;
            marker_body(&inner[..close])
                .then(|| open.len_utf8() + close + inner[close..].chars().next().map_or(1, char::len_utf8))
        });
        bracketed.or_else(|| {
            if !at_line_start {
                return None;
            }
            let end = rest.find(['.', ')', '、'])?;
            let after = rest[end..].chars().nth(1);
            (marker_body(&rest[..end]) && after.is_none_or(char::is_whitespace))
                .then(|| end + rest[end..].chars().next().map_or(1, char::len_utf8))
        })
    };
    // most texts have no marker: a bracket, or a line that opens with a short run and a stop
    let may_hold = s.contains(['(', '（'])
        || s.split('\n').any(|line| {
            let line = line.trim_start();
            line.char_indices()
                .take(5)
                .any(|(i, c)| i > 0 && matches!(c, '.' | ')' | '、'))
        });
    if !may_hold {
        return std::borrow::Cow::Borrowed(s);
    }
    // (the text is copied in runs between markers)
    let mut out = String::new();
    let mut copied = 0;
    let mut at_line_start = true;
    let mut after_gap = true;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        if after_gap
            && (c == '(' || c == '（' || (at_line_start && c.is_alphanumeric()))
            && let Some(len) = marker_at(&s[i..], at_line_start)
        {
            out.push_str(&s[copied..i]);
            out.push(' ');
            copied = i + len;
            skip_to = i + len;
            at_line_start = false;
            after_gap = true;
            continue;
        }
        at_line_start = c == '\n' || (at_line_start && (c == ' ' || c == '\t'));
        after_gap = c.is_whitespace() || matches!(c, ':' | '：' | ';' | '；' | '-' | '*' | '•');
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(s);
    }
    out.push_str(&s[copied..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers_go_and_bracketed_words_stay() {
        let w = |s: &str| normal_form(&without_list_markers(s));
        assert_eq!(w("Lead: (a) one; (b) two"), w("Lead:\n- one;\n- two"));
        assert_eq!(
            w("如下：（一）经您同意；（二）依法"),
            w("如下：\n- 经您同意；\n- 依法")
        );
        assert_eq!(w("iv) first\n3. second"), w("first\nsecond"));
        // a figure or an abbreviation in brackets is text
        assert_ne!(w("kept (30 days) (GDPR)"), w("kept"));
        assert!(w("kept for (30 days)").contains("30"));
        assert!(w("within 30 days.").contains("30"));
    }

    /// The normal form character by character, as it was first written: the oracle for the
    /// byte-run version above.
    fn reference(s: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        let mut last_cjk = false;
        for c in s.chars() {
            let c = fold_width(c);
            let word_char = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric() || !(c.is_whitespace() || is_punct(c))
            };
            if !word_char {
                pending_space = true;
                continue;
            }
            let cjk = is_cjk(c);
            if pending_space && !out.is_empty() && !cjk && !last_cjk {
                out.push(' ');
            }
            pending_space = false;
            last_cjk = cjk;
            out.extend(c.to_lowercase());
        }
        out
    }

    #[test]
    fn agrees_with_the_reference_on_every_character_between_words() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("Ab{c}9z"),
                format!("中{c}文 x{c}"),
                format!("{c}{c} “Q”"),
            ] {
                assert_eq!(normal_form(&text), reference(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn folds_what_is_editorial() {
        assert_eq!(
            normal_form("We  **Collect**\n“data”, ＡＢ１."),
            "we collect data ab1"
        );
        assert_eq!(normal_form("您好，世界。 Hello 世界"), "您好世界hello世界");
        assert_eq!(normal_form("a\u{1}b"), "a b");
        assert_eq!(normal_form(""), "");
    }
}
