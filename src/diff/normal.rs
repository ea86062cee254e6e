//! The editorial normal form of a text, dependency-free so the build script can share it (it
//! normalises the built-in lexicon at build time).

/// The editorial normal form: width-folded, case-folded, quotes and punctuation dropped, whitespace
/// collapsed. Two texts with the same form differ only editorially.
pub fn normal_form(s: &str) -> String {
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        let mut pending_space = false;
        for &b in s.as_bytes() {
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
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut last_cjk = false;
    for c in s.chars() {
        let c = fold_width(c);
        let word_char = c.is_alphanumeric() || !(c.is_whitespace() || is_punct(c));
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
