//! What a build may replace. The output folder is policyc's own: a build replaces a folder only
//! when it is missing, empty (dotfiles such as `.gitkeep` aside) or carries the marker
//! `.policyc-output` that every build writes (or, from builds before the marker, the build record
//! `.policyc-cache.json`). It never replaces the content folder, the templates folder or the
//! current folder, nor a folder that contains one of them or lies inside the content or templates
//! folder; there is no override for these.
//!
//! Entries of the previous output that policyc did not write (not in its `manifest.json`: a
//! `.git`, `CNAME` or `.nojekyll` of a Pages worktree, a `.gitkeep`) are carried into the new
//! output: hard-linked (copied where the file system cannot link), folders made anew, links
//! copied as links, so that the previous output stays whole until the new one takes its place.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The marker file a build writes into its output folder.
pub const MARKER: &str = ".policyc-output";
/// The files policyc writes into the output folder that the manifest does not list.
const OWN: &[&str] = &["manifest.json", MARKER, crate::incremental::RECORD];

/// The folders a build must never replace, contain or write into.
#[derive(Debug, Clone, Copy)]
pub struct Protected<'a> {
    /// The content folder the site is built from.
    pub content: &'a Path,
    /// The templates folder, when there is one.
    pub templates: Option<&'a Path>,
}

/// The output folder, resolved, once it is known that a build may replace it.
#[derive(Debug)]
pub struct Target {
    /// `out` with every existing link resolved (it may not exist yet).
    pub resolved: PathBuf,
    /// The marker's text for this build: the content folder relative to the output folder.
    pub marker: String,
}

/// Checks that a build may replace `out` (see the module documentation); an error says why not
/// and what would be lost.
pub fn check(out: &Path, protected: Protected) -> Result<Target> {
    let resolved = resolve_missing(out)?;
    let content =
        fs::canonicalize(protected.content).map_err(|e| Error::io("cannot read", protected.content, e))?;
    let refuse = |why: String| Err(Error::Usage(format!("{}: {why}; nothing written", out.display())));
    if let Some(why) = overlap(&resolved, &content, "content") {
        return refuse(why);
    }
    if let Some(templates) = protected.templates.and_then(|t| fs::canonicalize(t).ok())
        && let Some(why) = overlap(&resolved, &templates, "templates")
    {
        return refuse(why);
    }
    let cwd = std::env::current_dir()
        .and_then(fs::canonicalize)
        .map_err(|e| Error::io("cannot read", Path::new("."), e))?;
    if cwd.starts_with(&resolved) {
        let what = if cwd == resolved { "is" } else { "contains" };
        return refuse(format!(
            "{what} the current folder, which a build never replaces; choose another --out"
        ));
    }
    if resolved.is_dir() {
        let entries = entry_names(&resolved)?;
        let own = entries
            .iter()
            .any(|n| n == MARKER || n == crate::incremental::RECORD);
        let visible: Vec<&String> = entries.iter().filter(|n| !n.starts_with('.')).collect();
        if !own && !visible.is_empty() {
            // names as they are, but never a terminal escape
            let mut shown: Vec<String> = visible
                .iter()
                .take(5)
                .map(|s| crate::clean::visible(s).into_owned())
                .collect();
            if visible.len() > 5 {
                shown.push(format!("and {} more", visible.len() - 5));
            }
            return refuse(format!(
                "not an output folder of policyc (no {MARKER} marker); a build would replace its {} \
                 entr{} ({}); empty it, remove it or choose another --out",
                visible.len(),
                if visible.len() == 1 { "y" } else { "ies" },
                shown.join(", ")
            ));
        }
    }
    let marker = format!(
        "This folder is the output of `policyc build`; the next build replaces what policyc wrote \
         here (listed in manifest.json) and keeps everything else.\ncontent = {:?}\n",
        relative(&content, resolved.parent().unwrap_or(Path::new("/")))
    );
    Ok(Target { resolved, marker })
}

/// Why `out` may not be written when it overlaps `folder` (the `what` folder), else `None`.
fn overlap(out: &Path, folder: &Path, what: &str) -> Option<String> {
    if out == folder {
        Some(format!("is the {what} folder, which a build never replaces"))
    } else if folder.starts_with(out) {
        Some(format!(
            "contains the {what} folder {}, which a build never replaces",
            folder.display()
        ))
    } else if out.starts_with(folder) {
        Some(format!(
            "lies inside the {what} folder {}; choose an output folder outside it",
            folder.display()
        ))
    } else {
        None
    }
}

/// `path` made absolute with the links of its existing part resolved; the missing part is
/// appended as written (it may not go up with `..`).
fn resolve_missing(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io("cannot read", path, e))?;
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    loop {
        if let Ok(mut resolved) = fs::canonicalize(existing) {
            for part in missing.iter().rev() {
                resolved.push(part);
            }
            return Ok(resolved);
        }
        // `file_name` is `None` for a path ending in `..`: it cannot be resolved without the folder
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            return Err(Error::Usage(format!(
                "{}: not a usable output folder (`..` after a folder that does not exist)",
                path.display()
            )));
        };
        missing.push(name.to_os_string());
        existing = parent;
    }
}

/// `to` relative to folder `from` (both absolute and resolved), `/`-separated.
fn relative(to: &Path, from: &Path) -> String {
    let to: Vec<_> = to.components().collect();
    let from: Vec<_> = from.components().collect();
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

fn entry_names(dir: &Path) -> Result<Vec<String>> {
    let mut names = fs::read_dir(dir)
        .and_then(|d| {
            d.map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect::<std::io::Result<Vec<_>>>()
        })
        .map_err(|e| Error::io("cannot read", dir, e))?;
    names.sort();
    Ok(names)
}

/// The files the previous build in `out` wrote, from its `manifest.json`; empty when there is
/// none (then every entry is carried over: nothing policyc cannot prove it wrote is deleted).
pub(super) fn previous_site(out: &Path) -> BTreeSet<String> {
    let Ok(bytes) = fs::read(out.join("manifest.json")) else {
        return BTreeSet::new();
    };
    let Ok(manifest) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return BTreeSet::new();
    };
    manifest["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["path"].as_str().map(str::to_string))
        .collect()
}

/// Carries every entry of the previous output `out` that policyc did not write into the new site
/// `new` (see the module documentation); returns their paths. An entry the new site also has is
/// an error: neither may be lost.
pub fn carry_foreign(out: &Path, new: &Path) -> Result<Vec<String>> {
    let files = previous_site(out);
    let mut dirs = BTreeSet::new();
    for f in &files {
        let mut rest = f.as_str();
        while let Some((dir, _)) = rest.rsplit_once('/') {
            dirs.insert(dir.to_string());
            rest = dir;
        }
    }
    let mut carried = Vec::new();
    carry_dir(out, new, "", &files, &dirs, &mut carried)?;
    Ok(carried)
}

fn carry_dir(
    old: &Path,
    new: &Path,
    rel_dir: &str,
    files: &BTreeSet<String>,
    dirs: &BTreeSet<String>,
    carried: &mut Vec<String>,
) -> Result<()> {
    let dir = old.join(rel_dir);
    for name in entry_names(&dir)? {
        if rel_dir.is_empty() && OWN.contains(&name.as_str()) {
            continue;
        }
        let rel = if rel_dir.is_empty() {
            name.clone()
        } else {
            format!("{rel_dir}/{name}")
        };
        if files.contains(&rel) {
            continue;
        }
        let from = dir.join(&name);
        let is_dir = fs::symlink_metadata(&from)
            .map_err(|e| Error::io("cannot read", &from, e))?
            .is_dir();
        // a folder the new site also has is merged entry by entry
        if is_dir && (dirs.contains(&rel) || new.join(&rel).is_dir()) {
            carry_dir(old, new, &rel, files, dirs, carried)?;
            continue;
        }
        let to = new.join(&rel);
        if fs::symlink_metadata(&to).is_ok() {
            return Err(Error::Usage(format!(
                "{}: policyc did not write this, and the new site has a file of the same name; \
                 move it away (nothing written)",
                from.display()
            )));
        }
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
        }
        copy_entry(&from, &to)?;
        carried.push(rel);
    }
    Ok(())
}

/// Copies `from` to `to`: files hard-linked (or copied), folders made and filled, links as links.
fn copy_entry(from: &Path, to: &Path) -> Result<()> {
    let meta = fs::symlink_metadata(from).map_err(|e| Error::io("cannot read", from, e))?;
    let kind = meta.file_type();
    if kind.is_symlink() {
        let target = fs::read_link(from).map_err(|e| Error::io("cannot read", from, e))?;
        symlink(&target, to).map_err(|e| Error::io("cannot create", to, e))
    } else if kind.is_dir() {
        fs::create_dir(to).map_err(|e| Error::io("cannot create", to, e))?;
        for name in entry_names(from)? {
            copy_entry(&from.join(&name), &to.join(&name))?;
        }
        Ok(())
    } else if kind.is_file() {
        if fs::hard_link(from, to).is_err() {
            fs::copy(from, to).map_err(|e| Error::io("cannot copy", from, e))?;
        }
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{}: a special file (not a file, folder or link) policyc did not write; move it away \
             (nothing written)",
            from.display()
        )))
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative(Path::new("/a/b/content"), Path::new("/a/b")), "content");
        assert_eq!(relative(Path::new("/a/content"), Path::new("/a/b")), "../content");
        assert_eq!(relative(Path::new("/a"), Path::new("/a")), ".");
    }

    #[test]
    fn overlaps() {
        let c = Path::new("/p/content");
        assert!(overlap(Path::new("/p/content"), c, "content").is_some());
        assert!(overlap(Path::new("/p"), c, "content").is_some());
        assert!(overlap(Path::new("/p/content/site"), c, "content").is_some());
        assert!(overlap(Path::new("/p/output"), c, "content").is_none());
        assert!(overlap(Path::new("/p/content-site"), c, "content").is_none());
    }
}
