//! `locale-parity`: every locale of a version has the same headings (by id, in the same order) as the
//! source locale, so anchors and permanent links work in every language.

use crate::error::{Diagnostic, Level};
use crate::model::Content;

/// The rule.
pub const RULE: super::Rule = super::Rule {
    id: "locale-parity",
    default: Level::Error,
    explain: "A translated section has a different set or order of heading ids than the same section in \\
the source locale. Heading ids are the anchors of permanent links: they must be the same in every \\
locale. Add the missing heading (with the same `{#id}`) or remove the extra one.",
    run,
};

fn run(content: &Content) -> Vec<Diagnostic> {
    let source_locale = &content.config.default_locale;
    let mut out = Vec::new();
    for version in content.versions.values() {
        let Some(source) = version.editions.get(source_locale) else {
            continue;
        };
        for (locale, edition) in version.editions.iter().filter(|(l, _)| *l != source_locale) {
            for section in &edition.sections {
                let Some(src) = source.sections.iter().find(|s| s.id() == section.id()) else {
                    continue;
                };
                let want: Vec<&str> = src.headings.iter().map(|h| h.id.as_str()).collect();
                let have: Vec<&str> = section.headings.iter().map(|h| h.id.as_str()).collect();
                if want == have {
                    continue;
                }
                // a renamed id is both: the new one is extra, the old one missing
                let extra: Vec<_> = section
                    .headings
                    .iter()
                    .filter(|h| !want.contains(&h.id.as_str()))
                    .collect();
                let missing: Vec<_> = src
                    .headings
                    .iter()
                    .filter(|h| !have.contains(&h.id.as_str()))
                    .collect();
                for h in &extra {
                    out.push(Diagnostic::at(
                        &section.file,
                        h.offset,
                        format!(
                            "heading `{}` is not in {} ({source_locale})",
                            h.id,
                            src.file.path.display()
                        ),
                    ));
                }
                for h in &missing {
                    out.push(Diagnostic::at(
                        &section.file,
                        0,
                        format!(
                            "heading `{}` of {} is missing in this {locale} translation",
                            h.id,
                            src.file.path.display()
                        ),
                    ));
                }
                if extra.is_empty() && missing.is_empty() {
                    out.push(Diagnostic::at(
                        &section.file,
                        0,
                        format!(
                            "headings are in another order than in {} ({})",
                            src.file.path.display(),
                            want.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    out
}
