//! A section file: `+++` TOML front matter, then the Markdown body.

use crate::config::SectionMeta;
use crate::error::Diagnostic;
use crate::ids::HeadingId;
use crate::markdown;
use crate::model::{Heading, Section};
use crate::source::SourceFile;

/// Splits the front matter off: returns (front matter text, its offset, body offset).
pub fn split_front_matter(src: &SourceFile) -> Result<(&str, usize, usize), Diagnostic> {
    let text = &src.text;
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "+++" {
        return Err(Diagnostic::at(
            src,
            0,
            "missing front matter: a section file starts with a `+++` line",
        ));
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == "+++" {
            return Ok((&text[first_end..pos], first_end, end));
        }
        pos = end;
    }
    Err(Diagnostic::at(
        src,
        0,
        "front matter is not closed: no `+++` line after the first",
    ))
}

/// Parses a section file.
pub fn parse_section(src: SourceFile, allowed_inline: &[String]) -> Result<Section, Diagnostic> {
    let (front, front_start, body_start) = split_front_matter(&src)?;
    let meta: SectionMeta = crate::parse::toml_file::parse_at(&src, front, front_start)?;
    let body = &src.text[body_start..];
    let info = markdown::analyze(body, allowed_inline)
        .map_err(|l| Diagnostic::at(&src, body_start + l.offset, l.message))?;
    let headings = info
        .headings
        .into_iter()
        .map(|h| {
            let id = HeadingId::parse(&h.id).map_err(|m| Diagnostic::at(&src, body_start + h.offset, m))?;
            Ok(Heading {
                id,
                level: h.level,
                text: h.text,
                offset: body_start + h.offset,
            })
        })
        .collect::<Result<_, Diagnostic>>()?;
    let directives = info
        .directives
        .into_iter()
        .map(|(o, d)| (body_start + o, d))
        .collect();
    let anchors = info
        .anchors
        .into_iter()
        .map(|(o, a)| (body_start + o, a))
        .collect();
    let images = info
        .images
        .into_iter()
        .map(|(o, a)| (body_start + o, a))
        .collect();
    Ok(Section {
        meta,
        file: src,
        body_start,
        headings,
        directives,
        anchors,
        images,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(t: &str) -> SourceFile {
        SourceFile::new("x.md", t)
    }

    #[test]
    fn front_matter() {
        let s = parse_section(
            src("+++\nid = \"minors\"\norder = 6\ntitle = \"T\"\n+++\n\nBody {#x}\n"),
            &[],
        )
        .unwrap();
        assert_eq!(s.id().as_str(), "minors");
        assert_eq!(s.body(), "\nBody {#x}\n");
    }

    #[test]
    fn errors_are_placed() {
        let e = parse_section(src("+++\nid = \"minors\"\norder = \"six\"\n+++\n"), &[]).unwrap_err();
        assert_eq!(e.pos.unwrap().line, 3, "{e}");
        let e = parse_section(src("+++\nid = \"minors\"\norder = 6\nsurprise = 1\n+++\n"), &[]).unwrap_err();
        assert!(e.message.contains("surprise"), "{e}");
        let e = parse_section(src("no front matter\n"), &[]).unwrap_err();
        assert_eq!(e.pos.unwrap().line, 1);
        let e = parse_section(src("+++\nid = \"minors\"\norder = 6\n+++\n\n# Heading\n"), &[]).unwrap_err();
        assert_eq!(e.pos.unwrap().line, 6, "{e}");
        assert!(parse_section(src("+++\nid = \"a\"\n"), &[]).is_err());
    }
}
