//! The images of the pages, pure: each version's `images/` files are copied beside every page
//! that shows the version, so that a section's `images/<file>` resolves from the archived page
//! (`<locale>/<version>/`), the current copy (`<locale>/`) and a draft (`drafts/<locale>/<version>/`)
//! alike, with the same section HTML everywhere. They are site files: listed in `manifest.json`.

use crate::config::Status;
use crate::ids::VersionId;
use crate::model::Content;
use crate::output::Artifact;

/// Every image file of the site (drafts' too with `drafts`), in a stable order; `current` is the
/// version the current pages show.
pub fn artifacts(content: &Content, drafts: bool, current: Option<&VersionId>) -> Vec<Artifact> {
    let mut out = Vec::new();
    for (id, version) in &content.versions {
        let published = version.meta.status == Status::Published;
        if version.images.is_empty() || !(published || drafts) {
            continue;
        }
        for locale in &content.config.locales {
            let mut dirs = vec![if published {
                format!("{locale}/{id}/")
            } else {
                format!("drafts/{locale}/{id}/")
            }];
            if current == Some(id) {
                dirs.push(format!("{locale}/"));
            }
            for dir in dirs {
                for (rel, bytes) in &version.images {
                    out.push(Artifact::new(format!("{dir}{rel}"), bytes.to_vec()));
                }
            }
        }
    }
    out
}
