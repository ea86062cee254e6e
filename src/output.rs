//! The only writer: a list of artifacts becomes the output folder, all or nothing.
//!
//! 1. every artifact is written into a fresh temporary folder beside the output folder
//!    (`.<name>.policyc-tmp-<pid>`), plus `manifest.json` with the sha256 of each file;
//! 2. the old output folder is renamed aside, the new one renamed into place, the old one removed.
//!
//! A failure before step 2 removes the temporary folder and leaves the output folder untouched.
//! Leftovers of an earlier killed run (`.<name>.policyc-*`) are removed first.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Path below the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl Artifact {
    /// A file at `path` with `bytes`.
    pub fn new(path: String, bytes: Vec<u8>) -> Self {
        Artifact { path, bytes }
    }
}

/// The sha256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `manifest.json` for a set of artifacts (sorted by path).
pub fn manifest(artifacts: &[Artifact]) -> Artifact {
    let mut files: Vec<_> = artifacts
        .iter()
        .map(|a| serde_json::json!({"path": a.path, "sha256": sha256_hex(&a.bytes)}))
        .collect();
    files.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    let mut bytes =
        serde_json::to_vec_pretty(&serde_json::json!({ "files": files })).expect("JSON serialises");
    bytes.push(b'\n');
    Artifact::new("manifest.json".into(), bytes)
}

fn sibling(out: &Path, tag: &str) -> Result<PathBuf> {
    let name = out
        .file_name()
        .ok_or_else(|| Error::Usage(format!("{}: not a usable output folder", out.display())))?
        .to_string_lossy();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(parent.join(format!(".{name}.policyc-{tag}-{}", std::process::id())))
}

/// Removes temporary folders left beside `out` by earlier runs that were killed.
fn remove_leftovers(out: &Path) -> Result<()> {
    let (Some(name), Some(parent)) = (out.file_name(), out.parent()) else {
        return Ok(());
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.policyc-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let p = entry.path();
            fs::remove_dir_all(&p).map_err(|e| Error::io("cannot remove leftover", &p, e))?;
        }
    }
    Ok(())
}

/// A step run on the written temporary folder before it is swapped in (PDF printing); what it
/// returns is written too and listed in the manifest.
pub type PostStep<'a> = &'a dyn Fn(&Path) -> Result<Vec<Artifact>>;

/// Writes the site into `out`, replacing it whole. Adds `manifest.json`.
pub fn write_site(out: &Path, artifacts: &[Artifact]) -> Result<()> {
    write_site_with(out, artifacts, None)
}

/// [`write_site`] with a post step.
pub fn write_site_with(out: &Path, artifacts: &[Artifact], post: Option<PostStep>) -> Result<()> {
    if out.exists() && !out.is_dir() {
        return Err(Error::io(
            "cannot write",
            out,
            std::io::Error::other("exists and is not a folder"),
        ));
    }
    remove_leftovers(out)?;
    let tmp = sibling(out, "tmp")?;
    let result = write_all(&tmp, artifacts, post).and_then(|()| swap_in(&tmp, out));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

fn write_all(tmp: &Path, artifacts: &[Artifact], post: Option<PostStep>) -> Result<()> {
    fs::create_dir_all(tmp).map_err(|e| Error::io("cannot create", tmp, e))?;
    write_files(tmp, artifacts)?;
    let extra = match post {
        Some(step) => step(tmp)?,
        None => Vec::new(),
    };
    write_files(tmp, &extra)?;
    let all: Vec<Artifact> = artifacts.iter().chain(&extra).cloned().collect();
    write_files(tmp, &[manifest(&all)])
}

fn write_files(tmp: &Path, artifacts: &[Artifact]) -> Result<()> {
    for a in artifacts {
        let path = tmp.join(&a.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
        }
        fs::write(&path, &a.bytes).map_err(|e| Error::io("cannot write", &path, e))?;
    }
    Ok(())
}

/// Exchanges two paths in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`), so there is no
/// moment at which the output folder is missing; `Err` where the file system cannot.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings that live across the call; the call
    // reads them only.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn swap_in(tmp: &Path, out: &Path) -> Result<()> {
    if out.is_dir() && exchange(tmp, out).is_ok() {
        // `tmp` now holds the previous output
        return fs::remove_dir_all(tmp).map_err(|e| Error::io("cannot remove", tmp, e));
    }
    if out.exists() {
        let old = sibling(out, "old")?;
        fs::rename(out, &old).map_err(|e| Error::io("cannot move aside", out, e))?;
        if let Err(e) = fs::rename(tmp, out) {
            let _ = fs::rename(&old, out);
            return Err(Error::io("cannot move into place", out, e));
        }
        fs::remove_dir_all(&old).map_err(|e| Error::io("cannot remove", &old, e))?;
    } else {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
        }
        fs::rename(tmp, out).map_err(|e| Error::io("cannot move into place", out, e))?;
    }
    Ok(())
}

/// Replaces one content file atomically (write beside it, then rename over it).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = sibling(path, "tmp")?;
    let result = fs::write(&tmp, bytes)
        .map_err(|e| Error::io("cannot write", &tmp, e))
        .and_then(|()| fs::rename(&tmp, path).map_err(|e| Error::io("cannot replace", path, e)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes a new folder `dir` holding `files` (relative paths), all or nothing: written beside it
/// first, then renamed into place. Refuses an existing folder.
pub fn write_new_folder(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    if dir.exists() {
        return Err(Error::io(
            "cannot create",
            dir,
            std::io::Error::other("already exists"),
        ));
    }
    let tmp = sibling(dir, "tmp")?;
    let result = (|| {
        for (rel, bytes) in files {
            let path = tmp.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
            }
            fs::write(&path, bytes).map_err(|e| Error::io("cannot write", &path, e))?;
        }
        fs::rename(&tmp, dir).map_err(|e| Error::io("cannot move into place", dir, e))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Writes a command's result to standard output; a write error (a full disk, a closed file) is an
/// error naming `<stdout>`, a closed pipe (`policyc diff … | head`) simply ends the output.
pub fn stdout(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("cannot write", Path::new("<stdout>"), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[Artifact::new("a/b.html".into(), b"one".to_vec())]).unwrap();
        write_site(&out, &[Artifact::new("c.html".into(), b"two".to_vec())]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read(out.join("c.html")).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("output")]);
        let m: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(m["files"][0]["path"], "c.html");
        assert_eq!(m["files"][0]["sha256"], sha256_hex(b"two"));
    }
}
