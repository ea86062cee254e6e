//! `link-unresolved`: every internal link (`#collect-and-use`) names a section or heading id of the
//! same edition.

use std::collections::BTreeSet;

use crate::error::{Diagnostic, Level};
use crate::model::Content;

/// The rule.
pub const RULE: super::Rule = super::Rule {
    id: "link-unresolved",
    default: Level::Error,
    explain: "An internal link points at an anchor that no section or heading of the same version and \
locale has. Anchors are the section ids of policy.toml and the explicit `{#id}` of headings.",
    run,
};

fn run(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for version in content.versions.values() {
        for edition in version.editions.values() {
            let ids: BTreeSet<&str> = edition
                .sections
                .iter()
                .flat_map(|s| {
                    std::iter::once(s.id().as_str()).chain(s.headings.iter().map(|h| h.id.as_str()))
                })
                .collect();
            for section in &edition.sections {
                for (offset, anchor) in &section.anchors {
                    if !ids.contains(anchor.as_str()) {
                        out.push(Diagnostic::at(
                            &section.file,
                            *offset,
                            format!("link to `#{anchor}`, which no section or heading has"),
                        ));
                    }
                }
            }
        }
    }
    out
}
