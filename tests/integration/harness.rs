//! A small harness over the real binary: temporary copies of the sample content, runs with
//! captured output, and helpers to read pages.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The id of the draft made by [`Project::sample_with_draft`].
pub const DRAFT: &str = "2026-12-01";

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary project: `content/` (a copy of the sample unless empty) and room for `output/`.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A copy of the shipped sample content.
    pub fn sample() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        Project { dir }
    }

    /// A copy of the sample with a draft `2026-12-01` made by `policyc new-version`.
    pub fn sample_with_draft() -> Self {
        let p = Self::sample();
        p.run(&["new-version", DRAFT, "-q"]).ok();
        p
    }

    /// A sample with a draft that adds an SDK and moves the privacy mailbox (material: 8.3, 8.5).
    pub fn material_draft() -> Self {
        let p = Self::sample_with_draft();
        let facts_path = "content/versions/2026-12-01/facts.toml";
        p.edit(
            facts_path,
            "email = \"app@smallrig.com\"",
            "email = \"privacy@smallrig.com\"",
        );
        let facts = p.read(facts_path);
        let at = facts
            .find("\n# I 2.2.2 permissions")
            .expect("the sample's permissions comment");
        let sdk = "\n[[sdks]]\nid = \"firebase\"\nname = { en = \"Firebase Analytics\", zh-CN = \"Firebase Analytics\" }\npackage = \"com.google.firebase.analytics\"\npurpose = { en = \"collects app usage events\", zh-CN = \"收集应用使用事件\" }\ndata = \"not_stated\"\n";
        p.write(facts_path, &format!("{}{sdk}{}", &facts[..at], &facts[at..]));
        p
    }

    /// Releases the draft [`DRAFT`] on 2026-12-01, waiving the notice period.
    pub fn release_draft_now(&self) {
        self.release_draft_now_for("test");
    }

    /// [`Project::release_draft_now`], giving `reason` for waiving the notice period.
    pub fn release_draft_now_for(&self, reason: &str) {
        self.run(&[
            "release",
            DRAFT,
            "--date",
            "2026-12-01",
            "--no-notice-period",
            "--reason",
            reason,
        ])
        .ok();
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn content(&self) -> PathBuf {
        self.path().join("content")
    }

    pub fn version_dir(&self) -> PathBuf {
        self.content().join("versions/2022-10-19")
    }

    /// Runs policyc in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args, &[])
    }

    /// Reads a file of the project.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Writes a file of the project.
    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Replaces `from` (which must occur) by `to` in a project file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Every file under `output/` with its bytes.
    pub fn output_files(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.path().join("output"))
    }
}

/// The captured result of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

/// The day every test run takes as today (`POLICYC_TODAY`), unless `env` says otherwise.
pub const TODAY: &str = "2026-12-01";

/// Runs the binary in `dir` with extra environment variables; the clock is pinned to [`TODAY`].
pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_policyc"));
    // the clock is pinned and the as-of date is what each test says, never the caller's
    // environment
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("POLICYC_TODAY", TODAY);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run policyc");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file below `root`, by `/`-separated relative path.
pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries {
            let p = entry.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The text of an HTML fragment as a reader sees it: tags removed (inline ones without a gap),
/// entities decoded, whitespace (no-break spaces included) collapsed.
pub fn html_text(html: &str) -> String {
    const INLINE: &[&str] = &[
        "a", "strong", "em", "code", "time", "span", "abbr", "sub", "sup", "b", "i", "del", "ins", "wbr",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i + 1..i + j];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name == "style" && !tag.starts_with('/') {
            let end = rest.find("</style>").map_or(rest.len(), |k| k + "</style>".len());
            rest = &rest[end..];
            continue;
        }
        if !INLINE.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    normalize_ws(&decoded)
}

pub fn normalize_ws(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &tail[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ if ent.starts_with("#x") => {
                    u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The inside of the `<main>` element of a page.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page has </main>");
    &html[start..end]
}

/// `check --format json` in `p`: its exit code (0 or 1) and its findings of `rule`.
pub fn findings(p: &Project, rule: &str) -> (i32, Vec<serde_json::Value>) {
    let run = p.run(&["check", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("check --format json");
    let found = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .cloned()
        .collect();
    (run.code, found)
}
