//! The only reader: `content/` and `templates/` in, [`Content`] and [`TemplateSet`] out; and every
//! other look at the file system policyc makes (diff inputs, an earlier build's record and files,
//! the PDF engine and what it printed, the folders `serve` watches). [`crate::output`] is the only
//! writer; no other module touches the file system.
//!
//! Loading content: read `policy.toml`; for each folder under `versions/` read `version.toml`,
//! `facts.toml` and one folder per declared locale of `NN-<section>.md` files; then
//! [`crate::validate`] checks what spans files. The first problem stops loading with a
//! [`Diagnostic`] naming file and line.
//!
//! Every path read from a content or templates folder must resolve inside it (a link leading out
//! is refused before it is read, so no message shows what it holds); pipes, devices and sockets
//! are refused from their `stat`, never opened; content holds no control character but tab, CR
//! and LF ([`crate::clean`]); a byte order mark at the start of a text file is dropped.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::{PolicyConfig, VersionMeta};
use crate::error::{Diagnostic, Error, Result};
use crate::facts::Facts;
use crate::ids::{Locale, VersionId};
use crate::model::{Content, Edition, Section, Version};
use crate::parse::{section::parse_section, toml_file};
use crate::render::templates::TemplateSet;
use crate::source::SourceFile;

/// Largest file policyc reads (a guard against runaway input).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What a file system entry is when it is neither a regular file nor a folder, for messages.
fn special_kind(kind: fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_file() || kind.is_dir() || kind.is_symlink() {
        None
    } else if kind.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_block_device() || kind.is_char_device() {
        Some("a device")
    } else {
        Some("not a regular file")
    }
}

/// The error for special file `path`: refused without being opened.
fn special_file(path: &Path, kind: &str) -> Error {
    Diagnostic::file_error(path, format!("is {kind}, expected a regular file (not opened)")).into()
}

/// Reads a UTF-8 text file (a byte order mark at its start is dropped); a directory, a special
/// file (refused before it is opened), a missing file or invalid UTF-8 is a diagnostic.
pub fn read_text(path: &Path) -> Result<SourceFile> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let not_found = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Error::from(Diagnostic::file_error(path, "file not found")),
        _ => Error::io("cannot read", path, e),
    };
    // one stat, one open, one read: this runs for every file of the content
    let meta = fs::metadata(path).map_err(not_found)?;
    if meta.is_dir() {
        return Err(Diagnostic::file_error(path, "is a directory, expected a file").into());
    }
    if let Some(kind) = special_kind(meta.file_type()) {
        return Err(special_file(path, kind));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    // non-blocking: should a pipe take the file's place after the look, opening it cannot hang
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(not_found)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("cannot read", path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    // validated by simdutf8 (vector code, several times quicker than the standard library's check
    // on Chinese text) and copied, which costs less than a second check; on an error the standard
    // library tells where the error lies
    let checked = match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => String::from_utf8(bytes),
    };
    match checked {
        Ok(text) => Ok(SourceFile::new(path, crate::clean::strip_bom(text))),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let src = SourceFile::new(path, valid);
            let mut d = Diagnostic::at(
                &src,
                offset,
                format!("file is not valid UTF-8 (byte offset {offset})"),
            );
            d.source_line = None;
            Err(d.into())
        }
    }
}

fn too_large(path: &Path) -> Error {
    Diagnostic::file_error(path, format!("file is larger than {} MiB", MAX_FILE_BYTES >> 20)).into()
}

/// Reads a text file of content folder `root`: it must lie inside `root` (a link leading out is
/// refused before it is read) and hold no control character but tab, CR and LF (refused with its
/// place).
fn read_content(root: &Path, path: &Path) -> Result<SourceFile> {
    check_inside(root, path, "content")?;
    let src = read_text(path)?;
    refuse_controls(&src)?;
    Ok(src)
}

/// An error at the first forbidden control character of `src`, if any.
fn refuse_controls(src: &SourceFile) -> Result<()> {
    match crate::clean::first_forbidden(&src.text) {
        None => Ok(()),
        Some((offset, c)) => {
            let mut d = Diagnostic::at(
                src,
                offset,
                format!(
                    "control character {} is not allowed (only tab, carriage return and line feed)",
                    crate::clean::describe(c)
                ),
            );
            d.source_line = d.source_line.map(|l| crate::clean::visible(&l).into_owned());
            Err(d.into())
        }
    }
}

/// Refuses `path`, an entry of a folder known to lie inside folder `root`, when it is a symbolic
/// link resolving outside `root` (`what` names the folder in the message). One `lstat` for what
/// is no link.
fn check_inside(root: &Path, path: &Path, what: &str) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_symlink() => return Ok(()),
        Err(_) => return Ok(()), // missing: reading it reports that
        Ok(_) => {}
    }
    let root_resolved = fs::canonicalize(root).map_err(|e| Error::io("cannot read", root, e))?;
    let target = fs::canonicalize(path).map_err(|e| Error::io("cannot follow link", path, e))?;
    if target.starts_with(&root_resolved) {
        Ok(())
    } else {
        Err(Diagnostic::file_error(
            path,
            format!("leads outside the {what} folder (a symbolic link); refused without reading it"),
        )
        .into())
    }
}

/// The entries of a folder, sorted by name; symbolic links leading outside `root` and special
/// files (pipes, devices, sockets) are refused without being opened.
fn list_dir(dir: &Path, root: &Path) -> Result<Vec<(String, PathBuf, bool)>> {
    let meta = fs::metadata(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::from(Diagnostic::file_error(dir, "folder not found")),
        _ => Error::io("cannot read", dir, e),
    })?;
    if !meta.is_dir() {
        return Err(Diagnostic::file_error(dir, "is a file, expected a folder").into());
    }
    let mut canonical_root = None;
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io("cannot read", dir, e))? {
        let entry = entry.map_err(|e| Error::io("cannot read", dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = entry
            .file_type()
            .map_err(|e| Error::io("cannot read", &path, e))?;
        if file_type.is_symlink() {
            let canonical_root = match &canonical_root {
                Some(r) => r,
                None => canonical_root
                    .insert(fs::canonicalize(root).map_err(|e| Error::io("cannot read", root, e))?),
            };
            let target = fs::canonicalize(&path).map_err(|e| Error::io("cannot follow link", &path, e))?;
            if !target.starts_with(canonical_root) {
                return Err(
                    Diagnostic::file_error(&path, "symbolic link leads outside the content folder").into(),
                );
            }
        }
        // the entry's own type, but a link's target's
        let kind = if file_type.is_symlink() {
            fs::metadata(&path)
                .map_err(|e| Error::io("cannot read", &path, e))?
                .file_type()
        } else {
            file_type
        };
        if let Some(kind) = special_kind(kind) {
            return Err(special_file(&path, kind));
        }
        out.push((name, path, kind.is_dir()));
    }
    out.sort();
    Ok(out)
}

/// Loads and validates the whole content folder.
pub fn load_content(root: &Path) -> Result<Content> {
    let config_file = read_content(root, &root.join("policy.toml"))?;
    let config: PolicyConfig = toml_file::parse(&config_file)?;
    crate::validate::config(&config, &config_file)?;
    let versions_dir = root.join("versions");
    check_inside(root, &versions_dir, "content")?;
    let mut folders = Vec::new();
    for (name, path, is_dir) in list_dir(&versions_dir, root)? {
        if !is_dir {
            return Err(Diagnostic::file_error(
                &path,
                "unexpected file: `versions/` holds only version folders",
            )
            .into());
        }
        let id = VersionId::parse(&name).map_err(|m| {
            Diagnostic::file_error(&path, format!("{m}: version folders are named by their date"))
        })?;
        folders.push((folders.len(), id, path));
    }
    // versions load on every core; the first error in folder order is the one reported
    let memo = Memo::default();
    let versions: BTreeMap<VersionId, Version> = crate::parallel::try_map(&folders, |(i, id, path)| {
        let v = load_version(root, path, id, &config, &memo.at(*i));
        memo.forget_before(i.saturating_sub(2));
        v
    })?
    .into_iter()
    .map(|v| (v.meta.id.clone(), v))
    .collect();
    let lock_path = root.join("versions.lock");
    let (lock, lock_file) = if lock_path.exists() {
        let src = read_content(root, &lock_path)?;
        let lock: crate::seal::Lock = toml_file::parse(&src)?;
        if !crate::seal::SCHEMAS_READ.contains(&lock.schema.as_str()) {
            let offset = src.text.find("schema").unwrap_or(0);
            return Err(Diagnostic::at(
                &src,
                offset,
                format!(
                    "unknown lock schema `{}` (this policyc reads {})",
                    lock.schema,
                    crate::seal::SCHEMAS_READ.join(" and ")
                ),
            )
            .into());
        }
        (Some(lock), Some(src))
    } else {
        (None, None)
    };
    let content = Content {
        root: root.to_path_buf(),
        config,
        config_file,
        versions,
        lock,
        lock_file,
    };
    crate::validate::content(&content)?;
    Ok(content)
}

/// What the files of this load parsed to, by the sha256 of their text. Versions repeat most of
/// their files byte for byte from one to the next, and the same text parses to the same thing
/// wherever it is; a text that fails to parse is never recorded, so each copy reports its own
/// error. A section not met in the last few versions is forgotten, so the memo stays small.
#[derive(Default)]
struct Memo {
    /// Sections, their text left out (each copy keeps its own file), with the index of the last
    /// version that had them.
    sections: Mutex<HashMap<String, (usize, Section)>>,
    /// Facts, one copy shared by every version whose `facts.toml` is the same.
    facts: Mutex<HashMap<String, std::sync::Arc<Facts>>>,
}

/// The memo as seen while loading the version of index `version`.
struct MemoAt<'m> {
    memo: &'m Memo,
    version: usize,
}

impl Memo {
    fn at(&self, version: usize) -> MemoAt<'_> {
        MemoAt { memo: self, version }
    }

    /// Forgets the sections no version from index `first` on has had.
    fn forget_before(&self, first: usize) {
        crate::parallel::lock(&self.sections).retain(|_, (last, _)| *last >= first);
    }
}

impl MemoAt<'_> {
    fn section(&self, src: SourceFile, hash: &str, allowed_inline: &[String]) -> Result<Section> {
        let seen = crate::parallel::lock(&self.memo.sections)
            .get_mut(hash)
            .map(|(last, section)| {
                *last = (*last).max(self.version);
                section.clone()
            });
        if let Some(mut section) = seen {
            section.file = src;
            return Ok(section);
        }
        let section = parse_section(src, allowed_inline)?;
        let mut copy = section.clone();
        copy.file.text = String::new();
        crate::parallel::lock(&self.memo.sections).insert(hash.to_string(), (self.version, copy));
        Ok(section)
    }

    fn facts(&self, src: &SourceFile, hash: &str) -> Result<std::sync::Arc<Facts>> {
        if let Some(facts) = crate::parallel::lock(&self.memo.facts).get(hash) {
            return Ok(facts.clone());
        }
        let facts: std::sync::Arc<Facts> = std::sync::Arc::new(toml_file::parse(src)?);
        crate::parallel::lock(&self.memo.facts).insert(hash.to_string(), facts.clone());
        Ok(facts)
    }
}

fn load_version(
    root: &Path,
    dir: &Path,
    id: &VersionId,
    config: &PolicyConfig,
    memo: &MemoAt,
) -> Result<Version> {
    let meta_file = read_content(root, &dir.join("version.toml"))?;
    let meta: VersionMeta = toml_file::parse(&meta_file)?;
    if &meta.id != id {
        let offset = meta_file.text.find(meta.id.as_str()).unwrap_or(0);
        return Err(Diagnostic::at(
            &meta_file,
            offset,
            format!("id `{}` differs from the folder name `{id}`", meta.id),
        )
        .into());
    }
    let facts_file = read_content(root, &dir.join("facts.toml"))?;
    // every file's sha256, for the seals and the fingerprints; also the memo's key
    let mut hashes = BTreeMap::new();
    let facts_hash = crate::output::sha256_hex(facts_file.text.as_bytes());
    let facts = memo.facts(&facts_file, &facts_hash)?;
    hashes.insert("facts.toml".to_string(), facts_hash);
    hashes.insert(
        "version.toml".to_string(),
        crate::output::sha256_hex(meta_file.text.as_bytes()),
    );
    let mut editions = BTreeMap::new();
    let mut images = BTreeMap::new();
    let mut published = BTreeMap::new();
    let mut fact_reviews = crate::config::FactReviews::new();
    let mut fact_reviews_file = None;
    for (name, path, is_dir) in list_dir(dir, root)? {
        match (name.as_str(), is_dir) {
            ("version.toml" | "facts.toml", false) => {}
            ("published", true) => published = load_published(root, &path, config)?,
            (crate::model::FACT_REVIEWS, false) => {
                let file = read_content(root, &path)?;
                fact_reviews = toml_file::parse(&file)?;
                if let Some(locale) = fact_reviews.keys().find(|l| !config.locales.contains(l)) {
                    let offset = file.text.find(locale.as_str()).unwrap_or(0);
                    return Err(Diagnostic::at(
                        &file,
                        offset,
                        format!("locale `{locale}` is not declared in policy.toml"),
                    )
                    .into());
                }
                hashes.insert(name.clone(), crate::output::sha256_hex(file.text.as_bytes()));
                fact_reviews_file = Some(file);
            }
            ("images", true) => {
                for (file, path, is_dir) in list_dir(&path, root)? {
                    let bytes = read_image(&path, &file, is_dir)?;
                    let rel = format!("images/{file}");
                    hashes.insert(rel.clone(), crate::output::sha256_hex(&bytes));
                    images.insert(rel, std::sync::Arc::new(bytes));
                }
            }
            (_, true) => {
                let locale = Locale::parse(&name)
                    .ok()
                    .filter(|l| config.locales.contains(l))
                    .ok_or_else(|| {
                        let declared: Vec<_> = config.locales.iter().map(Locale::as_str).collect();
                        Diagnostic::file_error(
                            &path,
                            format!(
                                "unknown locale `{name}` (policy.toml declares {})",
                                declared.join(", ")
                            ),
                        )
                    })?;
                let edition = load_edition(root, &path, locale.clone(), config, memo, &mut hashes)?;
                editions.insert(locale, edition);
            }
            _ => return Err(Diagnostic::file_error(&path, "unexpected file in a version folder").into()),
        }
    }
    for locale in &config.locales {
        if !editions.contains_key(locale) {
            return Err(Diagnostic::file_error(
                dir.join(locale.as_str()),
                format!("missing locale folder `{locale}`"),
            )
            .into());
        }
    }
    // the sealed page texts count among the version's inputs (fingerprints)
    for (page, src) in &published {
        hashes.insert(
            format!("published/{}", page.file_name()),
            crate::seal::text_sha256(&src.text),
        );
    }
    Ok(Version {
        source_hashes: hashes,
        meta,
        meta_file,
        dir: dir.to_path_buf(),
        facts,
        facts_file,
        editions,
        fact_reviews,
        fact_reviews_file,
        images,
        published,
    })
}

/// Loads a version's `published/` folder: the sealed text of its pages, one `<locale>.html` per
/// declared locale.
fn load_published(
    root: &Path,
    dir: &Path,
    config: &PolicyConfig,
) -> Result<BTreeMap<crate::model::SealedPage, SourceFile>> {
    let mut out = BTreeMap::new();
    for (name, path, is_dir) in list_dir(dir, root)? {
        let page = crate::model::SealedPage::from_file_name(&name, &config.locales)
            .filter(|_| !is_dir)
            .ok_or_else(|| {
                Diagnostic::file_error(
                    &path,
                    "unexpected entry: `published/` holds `<locale>.html` and `<locale>.print.html` per declared locale (written by policyc release)",
                )
            })?;
        // listed by list_dir: inside the content folder
        let src = read_text(&path)?;
        refuse_controls(&src)?;
        out.insert(page, src);
    }
    Ok(out)
}

/// Reads image `name` of a version's `images/` folder (listed by `list_dir`: inside the content
/// folder, no special file): a PNG, JPEG, GIF, WebP or AVIF file whose bytes are what its name
/// says.
fn read_image(path: &Path, name: &str, is_dir: bool) -> Result<Vec<u8>> {
    use std::io::Read;
    if is_dir {
        return Err(
            Diagnostic::file_error(path, "unexpected folder: `images/` holds only image files").into(),
        );
    }
    let Some(kind) = crate::clean::image_kind(name) else {
        return Err(Diagnostic::file_error(
            path,
            "not an image policyc publishes: name it with letters, digits, `-`, `_` and one of .png, .jpg, .jpeg, .gif, .webp, .avif",
        )
        .into());
    };
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io("cannot read", path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    if !crate::clean::is_image(kind, &bytes) {
        return Err(Diagnostic::file_error(
            path,
            format!("is not a {kind} file (its first bytes say otherwise)"),
        )
        .into());
    }
    Ok(bytes)
}

/// Loads a locale folder; each file's sha256 goes into `hashes` under `<locale>/<file name>`.
fn load_edition(
    root: &Path,
    dir: &Path,
    locale: Locale,
    config: &PolicyConfig,
    memo: &MemoAt,
    hashes: &mut BTreeMap<String, String>,
) -> Result<Edition> {
    let mut sections = Vec::new();
    for (name, path, is_dir) in list_dir(dir, root)? {
        if is_dir || !name.ends_with(".md") {
            return Err(Diagnostic::file_error(
                &path,
                "unexpected entry: a locale folder holds only `NN-<section>.md` files",
            )
            .into());
        }
        // listed by list_dir: inside the content folder
        let src = read_text(&path)?;
        refuse_controls(&src)?;
        let hash = crate::output::sha256_hex(src.text.as_bytes());
        sections.push(memo.section(src, &hash, &config.allowed_inline_html)?);
        hashes.insert(format!("{locale}/{name}"), hash);
    }
    sections.sort_by_key(|s| s.meta.order);
    Ok(Edition { locale, sections })
}

/// Loads the templates: the built-in set, overridden file by file by `dir` when it exists. A link
/// leading outside `dir` and a control character other than tab, CR and LF are refused; a linked
/// folder is walked once.
pub fn load_templates(dir: Option<&Path>) -> Result<TemplateSet> {
    let mut set = TemplateSet::builtin();
    let Some(dir) = dir else { return Ok(set) };
    if !dir.is_dir() {
        return Ok(set);
    }
    let root = fs::canonicalize(dir).map_err(|e| Error::io("cannot read", dir, e))?;
    let mut seen = std::collections::HashSet::from([root.clone()]);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(|e| Error::io("cannot read", &d, e))? {
            let entry = entry.map_err(|e| Error::io("cannot read", &d, e))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let own = entry
                .file_type()
                .map_err(|e| Error::io("cannot read", &path, e))?;
            let is_dir = if own.is_symlink() {
                check_inside(&root, &path, "templates")?;
                let target =
                    fs::canonicalize(&path).map_err(|e| Error::io("cannot follow link", &path, e))?;
                if target.is_dir() && !seen.insert(target) {
                    continue; // a folder already walked: a loop of links
                }
                path.is_dir()
            } else {
                own.is_dir()
            };
            if is_dir {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(dir)
                .expect("walked below dir")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if TemplateSet::is_template_name(&rel) {
                // what reaches every page holds no control character either
                let src = read_text(&path)?;
                refuse_controls(&src)?;
                set.insert(rel, src);
            }
        }
    }
    Ok(set)
}

/// Reads a text file policyc only compares or imports (not content): never refused for control
/// characters, which are made visible instead ([`crate::clean::visible`]); returns how many were.
pub fn read_foreign(path: &Path) -> Result<(SourceFile, usize)> {
    let mut src = read_text(path)?;
    let count = crate::clean::count_forbidden(&src.text);
    if count > 0 {
        src.text = crate::clean::visible(&src.text).into_owned();
    }
    Ok((src, count))
}

/// What a `diff` argument names.
#[derive(Debug, Clone)]
pub enum DiffSource {
    /// A version of a content folder (by id, or by its folder).
    Version {
        /// The content folder.
        root: PathBuf,
        /// The version.
        id: VersionId,
    },
    /// A whole-policy Markdown file.
    File(SourceFile),
}

/// Resolves a `diff` argument: an existing folder (a version folder), an existing file (Markdown),
/// or else a version id in `content`.
pub fn diff_source(arg: &str, content: &Path) -> Result<DiffSource> {
    let path = Path::new(arg);
    let meta = fs::metadata(path).ok();
    if meta.as_ref().is_some_and(fs::Metadata::is_dir) {
        let root = path
            .parent()
            .and_then(Path::parent)
            .filter(|r| r.join("policy.toml").is_file())
            .ok_or_else(|| {
                Error::from(Diagnostic::file_error(
                    path,
                    "not a version folder: expected <content>/versions/<id>/ with policy.toml two levels up",
                ))
            })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = VersionId::parse(&name).map_err(|m| Error::from(Diagnostic::file_error(path, m)))?;
        return Ok(DiffSource::Version {
            root: root.to_path_buf(),
            id,
        });
    }
    if meta.as_ref().is_some_and(fs::Metadata::is_file) {
        return Ok(DiffSource::File(read_foreign(path)?.0));
    }
    match VersionId::parse(arg) {
        Ok(id) => Ok(DiffSource::Version {
            root: content.to_path_buf(),
            id,
        }),
        Err(_) => Err(Diagnostic::file_error(
            path,
            "no such file or folder, and not a version id (YYYY-MM-DD)",
        )
        .into()),
    }
}

/// The material-change rules of a content folder: `rules.toml` when it exists, else the built-in ones.
pub fn load_rules(content: Option<&Path>) -> Result<crate::classify::RuleSet> {
    // anything of that name is read (and refused when it is no regular file inside the folder)
    let Some((root, path)) = content
        .map(|c| (c, c.join("rules.toml")))
        .filter(|(_, p)| fs::symlink_metadata(p).is_ok())
    else {
        return Ok(crate::classify::RuleSet::builtin());
    };
    let src = read_content(root, &path)?;
    crate::classify::RuleSet::parse(&src.text).map_err(|m| Diagnostic::file_error(&path, m).into())
}

/// Whether folder `dir` holds a policy (`policy.toml`).
pub fn holds_policy(dir: &Path) -> bool {
    dir.join("policy.toml").exists()
}

/// `true` when `dir` is a folder with nothing in it; `false` when it is not a folder or missing.
pub fn is_empty_folder(dir: &Path) -> Result<bool> {
    if !dir.is_dir() {
        return Ok(false);
    }
    Ok(fs::read_dir(dir)
        .map_err(|e| Error::io("cannot read", dir, e))?
        .next()
        .is_none())
}

/// Paths, sizes and modification times of every file below `dirs`, sorted: changes when any file
/// does (what `serve` watches). Unreadable folders and entries are left out.
pub fn tree_stamp(dirs: &[&Path]) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            match e.metadata() {
                Ok(m) if m.is_dir() => stack.push(p),
                Ok(m) => out.push((p, m.len(), m.modified().ok())),
                Err(_) => {}
            }
        }
    }
    out.sort();
    out
}

/// Output folder `out` resolved, where an earlier build left files a unit may keep (they must lie
/// inside it); `None` when there is none.
pub fn previous_output(out: &Path) -> Option<PathBuf> {
    fs::canonicalize(out).ok()
}

/// The bytes of the build record `name` an earlier build left in output folder `out`. `None` when
/// it is missing or unreadable: an incremental build then makes everything anew, so that is no
/// error.
pub fn build_record(out: &Path, name: &str) -> Option<Vec<u8>> {
    fs::read(out.join(name)).ok()
}

/// File `rel` of an earlier build's output folder `dir` (resolved) with its bytes, when it is a
/// plain file inside `dir` (no link leads elsewhere). `None` otherwise, or when it cannot be read:
/// the unit is then made again.
pub fn previous_file(dir: &Path, rel: &str) -> Option<(PathBuf, Vec<u8>)> {
    let path = fs::canonicalize(dir.join(rel)).ok()?;
    if !path.starts_with(dir) || !fs::symlink_metadata(&path).ok()?.is_file() {
        return None;
    }
    let bytes = fs::read(&path).ok()?;
    Some((path, bytes))
}

/// `path` made absolute with every link resolved; an error names it.
pub fn resolve(path: &Path) -> Result<PathBuf> {
    fs::canonicalize(path).map_err(|e| Error::io("cannot read", path, e))
}

/// Whether `path` is a file (a program named by its path).
pub fn is_file(path: &Path) -> bool {
    path.is_file()
}

/// Whether `path` is a folder (after links).
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// The first file named `name` in a folder of `PATH`.
pub fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The size of file `path` in bytes and its modification time in seconds since 1970, each 0 when
/// it cannot be read (what tells one build of a program from another).
pub fn file_stamp(path: &Path) -> (u64, u64) {
    let meta = fs::metadata(path).ok();
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    (meta.map_or(0, |m| m.len()), modified)
}

/// The bytes of a file another program wrote (a printed PDF); `None` when it is not a file.
pub fn written_by_program(path: &Path) -> Result<Option<Vec<u8>>> {
    if !path.is_file() {
        return Ok(None);
    }
    fs::read(path)
        .map(Some)
        .map_err(|e| Error::io("cannot read", path, e))
}
