//! The only writer: the site's files become the output folder, all or nothing.
//!
//! 1. the output folder is checked: a build replaces only a folder that is policyc's own, never
//!    the content, templates or current folder ([`folder`]); its lock is taken, one build at a
//!    time ([`lock`]); temporary folders of killed runs are removed;
//! 2. each file is written into a fresh temporary folder beside the output folder
//!    (`.<name>.policyc-tmp-<pid>`) as soon as it is made ([`SiteWriter`], from any thread), or
//!    hard-linked there from the previous output when an incremental build keeps it; then
//!    `manifest.json` with the sha256 of each file, the marker `.policyc-output`, and the entries
//!    of the previous output that policyc did not write;
//! 3. the new folder takes the old one's place in one atomic exchange (or renames where the file
//!    system cannot, or file by file where the output folder cannot be moved), and the old one is
//!    removed.
//!
//! A failure before step 3 removes the temporary folder and leaves the output folder untouched.
//!
//! Also the only other writer: content files replaced atomically ([`write_file`],
//! [`write_new_folder`]), a scratch folder for programs policyc runs ([`Scratch`]) and the removal
//! of what they leave ([`remove_file`]), and standard output ([`stdout`]).

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

mod folder;
mod lock;

pub use folder::Protected;
pub use lock::Wait;

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
    hex(&Sha256::digest(bytes))
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// `manifest.json` for the sha256 of each file by path, and the build's as-of date.
fn manifest_of(
    files: &std::collections::BTreeMap<String, String>,
    as_of: Option<crate::date::Date>,
) -> Artifact {
    let files: Vec<_> = files
        .iter()
        .map(|(path, sha)| serde_json::json!({"path": path, "sha256": sha}))
        .collect();
    let manifest = match as_of {
        Some(date) => serde_json::json!({ "as_of": date, "files": files }),
        None => serde_json::json!({ "files": files }),
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).expect("JSON serialises");
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

/// Removes the temporary folders left beside `out` (resolved) by earlier runs whose process is
/// gone (`.<name>.policyc-tmp-<pid>`, `.<name>.policyc-old-<pid>`); a folder of a running process
/// is left alone. Returns a warning for each one that cannot be removed.
fn remove_leftovers(out: &Path) -> Vec<String> {
    let (Some(name), Some(parent)) = (out.file_name(), out.parent()) else {
        return Vec::new();
    };
    let prefix = format!(".{}.policyc-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let owner = ["tmp-", "old-"]
            .iter()
            .find_map(|tag| rest.strip_prefix(tag))
            .and_then(|pid| pid.parse::<u32>().ok());
        let Some(owner) = owner else { continue };
        if process_alive(owner) {
            continue;
        }
        let p = entry.path();
        if let Err(e) = fs::remove_dir_all(&p) {
            warnings.push(format!(
                "{}: cannot remove what a killed build left: {e}",
                p.display()
            ));
        }
    }
    warnings
}

/// Whether process `pid` is running (this one included).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    // elsewhere the lock is the guard: no other build of this output folder runs now
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// A site being written: each file goes into a temporary folder beside the output folder as soon as
/// it is made (so no build holds every page in memory), from any thread; [`SiteWriter::finish`]
/// adds `manifest.json` and swaps the folder in. Dropped unfinished, it removes the temporary
/// folder and the output folder stays as it was. It holds the output folder's lock from
/// [`SiteWriter::create`] until it is dropped.
pub struct SiteWriter {
    /// The output folder, resolved.
    out: PathBuf,
    /// Whether a previous output is there.
    replaces: bool,
    /// The marker's text.
    marker: String,
    tmp: PathBuf,
    /// sha256 of each file written, by path.
    files: std::sync::Mutex<std::collections::BTreeMap<String, String>>,
    /// Folders already made inside `tmp`.
    dirs: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    /// What the build should be told (leftovers that could not be removed).
    warnings: Vec<String>,
    /// The build's as-of date, recorded in `manifest.json`.
    as_of: Option<crate::date::Date>,
    finished: bool,
    _lock: lock::BuildLock,
}

/// What [`SiteWriter::finish`] did.
#[derive(Debug, Default)]
pub struct Finished {
    /// Entries of the previous output policyc did not write, carried into the new one.
    pub carried: Vec<String>,
    /// Things the user should know: the swap was not atomic, the previous site could not be
    /// removed completely.
    pub warnings: Vec<String>,
}

impl SiteWriter {
    /// Starts a site for `out`: checks that a build may replace it ([`folder::check`]), takes its
    /// lock (waiting for another build with [`Wait::Yes`], after telling `on_wait` who holds it),
    /// removes leftovers of killed runs, creates the temporary folder.
    pub fn create(out: &Path, protected: Protected, wait: Wait, on_wait: &dyn Fn(&str)) -> Result<Self> {
        if out.exists() && !out.is_dir() {
            return Err(Error::io(
                "cannot write",
                out,
                std::io::Error::other("exists and is not a folder"),
            ));
        }
        let target = folder::check(out, protected)?;
        let resolved = target.resolved;
        let (Some(parent), Some(name)) = (resolved.parent(), resolved.file_name()) else {
            return Err(Error::Usage(format!(
                "{}: not a usable output folder",
                out.display()
            )));
        };
        fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
        let lock = lock::acquire(
            &lock::lock_path(parent, &name.to_string_lossy()),
            out,
            wait,
            on_wait,
        )?;
        let warnings = remove_leftovers(&resolved);
        let tmp = sibling(&resolved, "tmp")?;
        fs::create_dir_all(&tmp).map_err(|e| Error::io("cannot create", &tmp, e))?;
        Ok(SiteWriter {
            replaces: resolved.is_dir(),
            out: resolved,
            marker: target.marker,
            tmp,
            files: Default::default(),
            dirs: Default::default(),
            warnings,
            as_of: None,
            finished: false,
            _lock: lock,
        })
    }

    /// The temporary folder the site is written into.
    pub fn tmp(&self) -> &Path {
        &self.tmp
    }

    /// Warnings gathered while starting (leftovers of killed runs that could not be removed).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn target(&self, rel: &str) -> Result<PathBuf> {
        let path = self.tmp.join(rel);
        if let Some(dir) = path.parent() {
            let mut dirs = crate::parallel::lock(&self.dirs);
            if !dirs.contains(dir) {
                fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
                dirs.insert(dir.to_path_buf());
            }
        }
        Ok(path)
    }

    fn record(&self, rel: &str, sha256: String) {
        crate::parallel::lock(&self.files).insert(rel.to_string(), sha256);
    }

    /// Writes one file; returns its sha256.
    pub fn put(&self, artifact: &Artifact) -> Result<String> {
        let path = self.target(&artifact.path)?;
        fs::write(&path, &artifact.bytes).map_err(|e| Error::io("cannot write", &path, e))?;
        let sha = sha256_hex(&artifact.bytes);
        self.record(&artifact.path, sha.clone());
        Ok(sha)
    }

    /// Takes file `rel` unchanged from `from` (a file of the previous output whose sha256 the caller
    /// checked): a hard link where the file system allows, else a copy.
    pub fn keep(&self, rel: &str, from: &Path, sha256: &str) -> Result<()> {
        let path = self.target(rel)?;
        if fs::hard_link(from, &path).is_err() {
            fs::copy(from, &path).map_err(|e| Error::io("cannot copy", from, e))?;
        }
        self.record(rel, sha256.to_string());
        Ok(())
    }

    /// How many files were written so far.
    pub fn file_count(&self) -> usize {
        crate::parallel::lock(&self.files).len()
    }

    /// The sha256 of a file written so far.
    pub fn sha256_of(&self, rel: &str) -> Option<String> {
        crate::parallel::lock(&self.files).get(rel).cloned()
    }

    /// Records the build's as-of date in `manifest.json`.
    pub fn record_as_of(&mut self, date: crate::date::Date) {
        self.as_of = Some(date);
    }

    /// Writes a file that is not part of the site (not listed in the manifest): build records.
    pub fn put_unlisted(&self, artifact: &Artifact) -> Result<()> {
        let path = self.target(&artifact.path)?;
        fs::write(&path, &artifact.bytes).map_err(|e| Error::io("cannot write", &path, e))
    }

    /// Adds `manifest.json` and the marker, carries over what policyc did not write, and replaces
    /// the output folder with the new site in one step. An error leaves the previous output as it
    /// was; once the new site is in place, what goes wrong is a warning.
    pub fn finish(mut self) -> Result<Finished> {
        let files = std::mem::take(&mut *crate::parallel::lock(&self.files));
        let manifest = manifest_of(&files, self.as_of);
        self.put_unlisted(&manifest)?;
        self.put_unlisted(&Artifact::new(
            folder::MARKER.to_string(),
            self.marker.clone().into_bytes(),
        ))?;
        let mut done = Finished {
            carried: if self.replaces {
                folder::carry_foreign(&self.out, &self.tmp)?
            } else {
                Vec::new()
            },
            warnings: std::mem::take(&mut self.warnings),
        };
        if self.replaces {
            probe_writable(&self.out)?;
        }
        done.warnings.extend(swap_in(&self.tmp, &self.out, &files)?);
        self.finished = true;
        Ok(done)
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Fails when entries of folder `dir` cannot be removed (a read-only output folder), before
/// anything changes.
fn probe_writable(dir: &Path) -> Result<()> {
    let probe = dir.join(format!(".policyc-probe-{}", std::process::id()));
    fs::write(&probe, b"")
        .and_then(|()| fs::remove_file(&probe))
        .map_err(|e| Error::io("cannot replace the previous site in", dir, e))
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

/// Puts the site written in `tmp` in the place of `out`: one exchange, else two renames (rolled
/// back on failure), else, when `out` cannot be moved at all (a mount point), its contents
/// replaced file by file. Returns warnings; an error means `out` is as it was.
fn swap_in(tmp: &Path, out: &Path, site: &std::collections::BTreeMap<String, String>) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    let mut removed = |old: &Path| {
        if let Err(e) = remove_tree(old) {
            warnings.push(format!(
                "the new site is in place, but the previous one could not be removed completely \
                 ({e}); the next build retries"
            ));
        }
    };
    if out.is_dir() && exchange(tmp, out).is_ok() {
        // `tmp` now holds the previous output
        removed(tmp);
        return Ok(warnings);
    }
    if out.exists() {
        let old = sibling(out, "old")?;
        if let Err(e) = fs::rename(out, &old) {
            if e.kind() == std::io::ErrorKind::ResourceBusy || e.raw_os_error() == Some(libc::EXDEV) {
                replace_contents(tmp, out, site)?;
                removed(tmp);
                warnings.push(format!(
                    "{} cannot be replaced in one step (a mount point?): its contents were \
                     replaced file by file",
                    out.display()
                ));
                return Ok(warnings);
            }
            return Err(Error::io("cannot move aside", out, e));
        }
        if let Err(e) = fs::rename(tmp, out) {
            let _ = fs::rename(&old, out);
            return Err(Error::io("cannot move into place", out, e));
        }
        removed(&old);
    } else {
        fs::rename(tmp, out).map_err(|e| Error::io("cannot move into place", out, e))?;
    }
    Ok(warnings)
}

/// Replaces the contents of folder `out` by the site written in `tmp` file by file (each file
/// written beside its place, then renamed over it), for an output folder that cannot itself be
/// moved. What the previous build wrote and the new site does not have is removed; entries
/// policyc did not write stay where they are. Not atomic: a failure midway leaves a mix.
fn replace_contents(tmp: &Path, out: &Path, site: &std::collections::BTreeMap<String, String>) -> Result<()> {
    let previous = folder::previous_site(out);
    let own = [folder::MARKER, crate::incremental::RECORD, "manifest.json"];
    let ours = site
        .keys()
        .map(String::as_str)
        .chain(own)
        .filter(|rel| tmp.join(rel).is_file());
    for rel in ours {
        let to = out.join(rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
        }
        let part = out.join(format!("{rel}.policyc-part"));
        fs::copy(tmp.join(rel), &part)
            .map_err(|e| Error::io("cannot write", &part, e))
            .and_then(|_| fs::rename(&part, &to).map_err(|e| Error::io("cannot replace", &to, e)))
            .inspect_err(|_| {
                let _ = fs::remove_file(&part);
            })?;
    }
    for rel in previous.iter().filter(|rel| !site.contains_key(*rel)) {
        let path = out.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("cannot remove", &path, e)),
        }
        // folders the removal left empty go too
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != out) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(())
}

/// Removes folder `dir` and everything in it, its top-level entries on every core (a previous
/// site is thousands of files). Links are removed, never followed.
fn remove_tree(dir: &Path) -> Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)
        .and_then(|d| d.collect::<std::io::Result<_>>())
        .map_err(|e| Error::io("cannot read", dir, e))?;
    crate::parallel::try_map(&entries, |entry| {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let removed = if is_dir {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.map_err(|e| Error::io("cannot remove", &path, e))
    })?;
    fs::remove_dir(dir).map_err(|e| Error::io("cannot remove", dir, e))
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

/// Removes a file policyc or a program it ran made (a printed PDF once read).
pub fn remove_file(path: &Path) -> Result<()> {
    fs::remove_file(path).map_err(|e| Error::io("cannot remove", path, e))
}

/// Removes folder `dir`, which must be empty (an empty folder `import` fills).
pub fn remove_empty_folder(dir: &Path) -> Result<()> {
    fs::remove_dir(dir).map_err(|e| Error::io("cannot replace", dir, e))
}

/// A temporary folder for programs policyc runs (a PDF engine's profiles), outside the output
/// folder: `<temp>/policyc-<tag>-<pid>`. It is made by whoever first writes into it; it and
/// everything in it is removed when dropped.
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// The scratch folder for `tag` of this process.
    pub fn new(tag: &str) -> Self {
        Scratch {
            dir: std::env::temp_dir().join(format!("policyc-{tag}-{}", std::process::id())),
        }
    }

    /// The folder for `name` inside the scratch folder (not made).
    pub fn folder(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Removes the folder `name` and what is in it; what cannot be removed stays until the drop.
    pub fn clear(&self, name: &str) {
        let _ = fs::remove_dir_all(self.folder(name));
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
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

/// Writes a command's report line to standard error; errors as [`stdout`] (`<stderr>`).
pub fn stderr(text: &str) -> Result<()> {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    match err.write_all(text.as_bytes()).and_then(|()| err.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("cannot write", Path::new("<stderr>"), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected(dir: &Path) -> Protected<'static> {
        let content = Box::leak(dir.join("content").into_boxed_path());
        fs::create_dir_all(&*content).unwrap();
        Protected {
            content,
            templates: None,
        }
    }

    #[test]
    fn replaces_whole_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let write = |path: &str, bytes: &[u8]| {
            let w = SiteWriter::create(&out, protected(dir.path()), Wait::No, &|_| {}).unwrap();
            w.put(&Artifact::new(path.into(), bytes.to_vec())).unwrap();
            w.finish().unwrap();
        };
        write("a/b.html", b"one");
        fs::write(out.join("CNAME"), b"policy.example").unwrap();
        write("c.html", b"two");
        assert!(!out.join("a").exists());
        assert_eq!(fs::read(out.join("c.html")).unwrap(), b"two");
        assert_eq!(fs::read(out.join("CNAME")).unwrap(), b"policy.example");
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec![".output.policyc-lock", "content", "output"]);
        let m: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(m["files"][0]["path"], "c.html");
        assert_eq!(m["files"][0]["sha256"], sha256_hex(b"two"));
        assert_eq!(m["files"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn contents_replaced_file_by_file_keep_what_policyc_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let (out, tmp) = (dir.path().join("out"), dir.path().join("tmp"));
        fs::create_dir_all(out.join("en")).unwrap();
        fs::create_dir_all(out.join("old")).unwrap();
        fs::write(out.join("en/index.html"), b"old").unwrap();
        fs::write(out.join("old/gone.html"), b"old").unwrap();
        fs::write(out.join("en/notes.txt"), b"mine").unwrap();
        fs::write(
            out.join("manifest.json"),
            br#"{"files": [{"path": "en/index.html"}, {"path": "old/gone.html"}]}"#,
        )
        .unwrap();
        fs::create_dir_all(tmp.join("en")).unwrap();
        fs::write(tmp.join("en/index.html"), b"new").unwrap();
        fs::write(tmp.join("manifest.json"), b"{}").unwrap();
        let site = [("en/index.html".to_string(), String::new())].into();
        replace_contents(&tmp, &out, &site).unwrap();
        assert_eq!(fs::read(out.join("en/index.html")).unwrap(), b"new");
        assert_eq!(fs::read(out.join("en/notes.txt")).unwrap(), b"mine");
        assert!(!out.join("old").exists());
        assert_eq!(fs::read(out.join("manifest.json")).unwrap(), b"{}");
    }
}
