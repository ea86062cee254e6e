//! The sealed, append-only archive (issue 19, items 1 and 2): a version in `versions.lock` cannot
//! vanish, go back to draft or be released again; changes are explicit, logged commands
//! (`release --reseal`, `withdraw`, `rerender`) with a reason; the sealed text of a page does not
//! drift with templates or messages; seals survive CRLF checkouts; old locks still load; release
//! dates come from the (pinned) clock.

use std::fs;

use crate::harness::{DRAFT, Project, main_of, run_in};

const SEALED: &str = "2022-10-19";
const DRAFT_DIR: &str = "content/versions/2026-12-01";

/// The `[versions.<id>.published]` hash of page `locale` (`en`, `en.print`) in the lock.
fn sealed_hash(p: &Project, id: &str, locale: &str) -> String {
    let lock = p.read("content/versions.lock");
    let table = format!("[versions.{id}.published]\n");
    let at = lock
        .find(&table)
        .unwrap_or_else(|| panic!("no {table} in\n{lock}"))
        + table.len();
    let key = if locale.contains('.') {
        format!("\"{locale}\" = \"")
    } else {
        format!("{locale} = \"")
    };
    let line = lock[at..]
        .lines()
        .find(|l| l.starts_with(&key))
        .unwrap_or_else(|| panic!("no {locale} hash for {id}"));
    line[key.len()..line.len() - 1].to_string()
}

/// The sha256 of a file's bytes, in hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_missing_sealed_version_stops_build_and_release_and_is_a_check_error() {
    let p = Project::sample_with_draft();
    fs::remove_dir_all(p.version_dir()).unwrap();
    let build = p.run(&["build"]);
    assert_eq!(build.code, 2, "{}", build.stderr);
    insta::assert_snapshot!("missing_sealed_version", build.stderr);
    assert!(!p.path().join("output").exists(), "nothing written");
    let release = p.run(&["release", DRAFT]);
    assert_eq!(release.code, 2, "{}", release.stderr);
    assert!(
        release.stderr.contains("sealed version 2022-10-19 is missing"),
        "{}",
        release.stderr
    );
    let check = p.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "sealed-version-changed")
        .expect("a sealed-version-changed finding");
    assert_eq!(finding["level"], "error");
    assert_eq!(finding["file"], "content/versions.lock");
    assert!(finding["line"].as_u64().unwrap() > 1, "{finding}");
}

#[test]
fn a_sealed_version_set_back_to_draft_cannot_be_released_again() {
    let p = Project::sample();
    let lock_before = p.read("content/versions.lock");
    let meta = format!("content/versions/{SEALED}/version.toml");
    p.edit(&meta, "status = \"published\"", "status = \"draft\"");
    let build = p.run(&["build"]);
    assert_eq!(build.code, 2, "{}", build.stderr);
    assert!(
        build.stderr.contains("versions.lock:")
            && build
                .stderr
                .contains("sealed version 2022-10-19 is set back to draft")
            && build.stderr.contains("[versions.2022-10-19]"),
        "{}",
        build.stderr
    );
    assert_eq!(p.run(&["check", "-q"]).code, 1);
    // the reproduction: edit the email, review the translations, release it again
    p.edit(
        &format!("content/versions/{SEALED}/facts.toml"),
        "email = \"app@smallrig.com\"",
        "email = \"privacy@smallrig.com\"",
    );
    p.run(&[
        "translated",
        "all",
        "--locale",
        "zh-CN",
        "--version",
        SEALED,
        "-q",
    ]);
    let again = p.run(&["release", SEALED, "--date", SEALED]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("version 2022-10-19 was released on 2022-10-19 (lock entry [versions.2022-10-19]"),
        "{}",
        again.stderr
    );
    let today = p.run(&["release", SEALED]);
    assert_eq!(today.code, 2, "{}", today.stderr);
    assert_eq!(
        lock_before,
        p.read("content/versions.lock"),
        "the lock is untouched"
    );
}

#[test]
fn reseal_needs_a_reason_that_says_something() {
    let p = Project::sample();
    let lock_before = p.read("content/versions.lock");
    for reason in ["", "   "] {
        let run = p.run(&["release", "--reseal", SEALED, "--reason", reason]);
        assert_eq!(run.code, 2, "{reason:?}: {}", run.stderr);
        assert!(run.stderr.contains("a reason must say why"), "{}", run.stderr);
    }
    assert_eq!(
        p.run(&["release", "--reseal", SEALED]).code,
        2,
        "no reason at all"
    );
    assert_eq!(lock_before, p.read("content/versions.lock"));
}

#[test]
fn withdraw_keeps_the_pages_and_says_so() {
    let p = Project::material_draft();
    p.release_draft_now();
    p.run(&["build", "-q"]).ok();
    assert_eq!(p.run(&["withdraw", DRAFT]).code, 2, "a withdrawal needs a reason");
    assert_eq!(p.run(&["withdraw", DRAFT, "--reason", ""]).code, 2);
    assert_eq!(
        p.run(&["withdraw", "2026-11-30", "--reason", "x"]).code,
        2,
        "no such version"
    );
    let run = p.run(&[
        "withdraw",
        DRAFT,
        "--reason",
        "published by mistake",
        "--format",
        "json",
    ]);
    let run = run.ok();
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["schema"], "policyc.withdraw/1");
    assert_eq!(report["date"], "2026-12-01");
    let lock = p.read("content/versions.lock");
    assert!(
        lock.contains("[versions.2026-12-01.withdrawn]")
            && lock.contains("action = \"withdraw\"")
            && lock.contains("reason = \"published by mistake\"")
            && lock.contains("clock = \"POLICYC_TODAY=2026-12-01\""),
        "{lock}"
    );
    let twice = p.run(&["withdraw", DRAFT, "--reason", "again"]);
    assert_eq!(twice.code, 2, "{}", twice.stderr);
    assert!(
        twice.stderr.contains("withdrawn on 2026-12-01 already"),
        "{}",
        twice.stderr
    );
    // the pages stay, with a banner outside <main>; the archive says "Withdrawn"
    p.run(&["build", "-q"]).ok();
    for (page, said) in [
        (
            "output/en/2026-12-01/index.html",
            "This version was withdrawn on December 1, 2026",
        ),
        (
            "output/zh-CN/2026-12-01/index.html",
            "此版本已于2026年12月1日撤回",
        ),
    ] {
        let html = p.read(page);
        assert!(html.contains("class=\"banner withdrawn\""), "{page}");
        assert!(html.contains(said), "{page}");
        assert!(
            !main_of(&html).contains("banner"),
            "{page}: the banner is outside <main>"
        );
    }
    // so does its print page (and so its PDF), above the sealed text
    let print = p.read("output/en/2026-12-01/print.html");
    assert!(print.contains("class=\"withdrawn-note\""));
    assert!(print.contains("This version was withdrawn on December 1, 2026"));
    assert!(!main_of(&print).contains("withdrawn-note"));
    // the version in force is the one before it, not superseded by a withdrawn one
    let old = p.read("output/en/2022-10-19/index.html");
    assert!(!old.contains("banner withdrawn") && !old.contains("banner archived"));
    assert_eq!(main_of(&p.read("output/en/index.html")), main_of(&old));
    let versions = p.read("output/en/versions.html");
    assert!(versions.contains(">Withdrawn<"), "{versions}");
    assert!(p.read("output/zh-CN/versions.html").contains(">已撤回<"));
    let banner = |page: &str| {
        let html = p.read(page);
        let start = html.find("<aside class=\"banner withdrawn\"").expect("banner");
        html[start..start + html[start..].find("</aside>").unwrap() + "</aside>".len()].to_string()
    };
    insta::assert_snapshot!(
        "withdrawn_banners",
        format!(
            "{}\n{}",
            banner("output/en/2026-12-01/index.html"),
            banner("output/zh-CN/2026-12-01/index.html")
        )
    );
    // the build after the withdrawal kept what it could, and is what a clean build makes
    let incremental = p.output_files();
    p.run(&["build", "-q", "--clean"]).ok();
    assert_eq!(incremental, p.output_files());
}

#[test]
fn seals_hold_on_a_crlf_checkout_with_a_byte_order_mark() {
    let p = Project::sample();
    for rel in [
        "content/versions/2022-10-19/en/06-minors.md",
        "content/versions/2022-10-19/facts.toml",
        "content/versions/2022-10-19/published/en.html",
    ] {
        let text = p.read(rel);
        assert!(!text.contains('\r'));
        p.write(rel, &format!("\u{feff}{}", text.replace('\n', "\r\n")));
    }
    let check = p.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(!check.stdout.contains("\"error\""), "{}", check.stdout);
    assert!(
        !check.stdout.contains("sealed-version-changed"),
        "{}",
        check.stdout
    );
    p.run(&["build", "-q"]).ok();
}

#[test]
fn a_lock_of_the_previous_format_still_loads() {
    let p = Project::sample();
    // what policyc wrote before page texts were sealed: schema /1, no published/ folder
    let lock = p.read("content/versions.lock");
    let cut = lock
        .find("\n[versions.2022-10-19.published]")
        .expect("published hashes");
    let v1 = lock[..cut].replace(
        "schema = \"policyc.lock/2\"",
        "schema = \"policyc.lock/1\"\nhistory = []",
    );
    p.write("content/versions.lock", &format!("{v1}\n"));
    fs::remove_dir_all(p.version_dir().join("published")).unwrap();
    let check = p.run(&["check", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "sealed-text-missing")
        .expect("a sealed-text-missing warning");
    assert_eq!(finding["level"], "warning");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("policyc rerender 2022-10-19")
    );
    p.run(&["build", "-q"]).ok();
    assert!(
        p.read("output/en/2022-10-19/index.html")
            .contains("<main id=\"policy\">")
    );
    // rerender stores the text: the warning goes, and the lock is written as /2
    p.run(&["rerender", SEALED, "--reason", "seal the page text", "-q"])
        .ok();
    let lock = p.read("content/versions.lock");
    assert!(lock.contains("schema = \"policyc.lock/2\""), "{lock}");
    assert!(p.version_dir().join("published/zh-CN.print.html").exists());
    let check = p.run(&["check", "--format", "json"]).ok();
    assert!(!check.stdout.contains("sealed-text-missing"), "{}", check.stdout);
    // a lock of a schema this policyc does not know is refused, placed
    p.write(
        "content/versions.lock",
        &format!("{}\n", v1.replace("policyc.lock/1", "policyc.lock/9")),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("content/versions.lock:2:1: unknown lock schema `policyc.lock/9`"),
        "{}",
        run.stderr
    );
}

/// Overrides a partial shown inside `<main>` and a message shown in it.
fn override_templates(p: &Project) {
    let partial = policyc_builtin("templates/partials/contact-block.html");
    p.write(
        "templates/partials/contact-block.html",
        &format!("<p>OVERRIDDEN CONTACT</p>\n{partial}"),
    );
    let messages = policyc_builtin("templates/messages/en.toml");
    p.write(
        "templates/messages/en.toml",
        &messages.replace(
            "effective_date = \"Effective date\"",
            "effective_date = \"Takes effect\"",
        ),
    );
}

fn policyc_builtin(rel: &str) -> String {
    fs::read_to_string(crate::harness::repo().join(rel)).unwrap()
}

#[test]
fn template_and_message_overrides_leave_every_sealed_main_byte_identical() {
    let p = Project::material_draft();
    p.edit(
        &format!("{DRAFT_DIR}/version.toml"),
        "effective = 2026-12-01",
        "effective = 2026-12-31",
    );
    p.run(&["release", DRAFT, "-q"]).ok();
    // release stored the sealed text of each page and sealed it
    for key in ["en", "en.print", "zh-CN", "zh-CN.print"] {
        let stored = fs::read(p.path().join(format!("{DRAFT_DIR}/published/{key}.html"))).unwrap();
        assert_eq!(sha256_hex(&stored), sealed_hash(&p, DRAFT, key));
    }
    // seen from the day it takes effect, so that 2022-10-19 is superseded
    p.run(&["build", "-q", "--as-of", "2026-12-31"]).ok();
    let pages = [
        "output/en/index.html",
        "output/en/print.html",
        "output/en/2022-10-19/index.html",
        "output/en/2022-10-19/print.html",
        "output/en/2026-12-01/index.html",
        "output/zh-CN/2022-10-19/index.html",
        "output/zh-CN/2022-10-19/print.html",
    ];
    let before: Vec<String> = pages.iter().map(|f| main_of(&p.read(f)).to_string()).collect();
    override_templates(&p);
    p.run(&["new-version", "2026-12-24", "-q"]).ok();
    p.run(&["build", "-q", "--drafts", "--as-of", "2026-12-31"]).ok();
    for (page, main) in pages.iter().zip(&before) {
        assert_eq!(main_of(&p.read(page)), main, "{page}: the sealed text changed");
    }
    // the chrome is today's, and a draft shows the override
    assert!(
        p.read("output/en/2022-10-19/index.html")
            .contains("banner archived")
    );
    let draft = p.read("output/drafts/en/2026-12-24/index.html");
    assert!(draft.contains("OVERRIDDEN CONTACT") && draft.contains("Takes effect"));
    // the current page's links inside the sealed text lead where they should from its folder
    assert!(
        p.read("output/en/index.html")
            .contains("href=\"changes/2022-10-19..2026-12-01.html\"")
    );
    assert!(
        p.read("output/en/2026-12-01/index.html")
            .contains("href=\"../changes/2022-10-19..2026-12-01.html\"")
    );
    // footer and data JSON show the hash of the sealed text
    let hash = sealed_hash(&p, SEALED, "en");
    let page = p.read("output/en/2022-10-19/index.html");
    assert!(page.contains(&format!("<code>sha256:{hash}</code>")), "footer");
    let print_hash = sealed_hash(&p, SEALED, "en.print");
    assert!(
        p.read("output/en/2022-10-19/print.html")
            .contains(&format!("<code>sha256:{print_hash}</code>"))
    );
    let data: serde_json::Value = serde_json::from_str(&p.read("output/data/2022-10-19.json")).unwrap();
    assert_eq!(data["sealed_text"]["en"], hash.as_str());
    assert_eq!(
        data["sealed_text"]["zh-CN"],
        sealed_hash(&p, SEALED, "zh-CN").as_str()
    );
}

#[test]
fn a_changed_sealed_text_stops_build_until_it_is_rerendered() {
    let p = Project::sample();
    let old_hash = sealed_hash(&p, SEALED, "en");
    p.edit(
        "content/versions/2022-10-19/published/en.html",
        "<h1>Privacy policy</h1>",
        "<h1>Privacy notice</h1>",
    );
    let build = p.run(&["build"]);
    assert_eq!(build.code, 2, "{}", build.stderr);
    assert!(
        build.stderr.contains("content/versions/2022-10-19/published/en.html: the sealed text of version 2022-10-19 (en) does not match its seal"),
        "{}",
        build.stderr
    );
    let check = p.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 1);
    assert!(check.stdout.contains("published/en.html"), "{}", check.stdout);
    // a deliberate re-render with today's (overridden) templates, logged with the old hashes
    override_templates(&p);
    assert_eq!(p.run(&["rerender", SEALED]).code, 2, "needs a reason");
    assert_eq!(p.run(&["rerender", SEALED, "--reason", " "]).code, 2);
    assert_eq!(p.run(&["rerender", "2026-11-30", "--reason", "x"]).code, 2);
    p.run(&[
        "rerender",
        SEALED,
        "--reason",
        "new contact block approved by legal",
        "-q",
    ])
    .ok();
    let lock = p.read("content/versions.lock");
    assert!(
        lock.contains("action = \"rerender\"")
            && lock.contains("new contact block approved by legal")
            && lock.contains(&format!("\"published/en.html\" = \"{old_hash}\"")),
        "{lock}"
    );
    assert_ne!(sealed_hash(&p, SEALED, "en"), old_hash);
    p.run(&["check", "-q"]).ok();
    p.run(&["build", "-q"]).ok();
    let page = p.read("output/en/2022-10-19/index.html");
    assert!(main_of(&page).contains("OVERRIDDEN CONTACT") && main_of(&page).contains("Takes effect"));
}

#[test]
fn release_takes_its_day_from_the_clock() {
    let p = Project::sample_with_draft();
    // later than today: refused
    let future = p.run(&["release", DRAFT, "--date", "2026-12-02"]);
    assert_eq!(future.code, 2);
    assert!(
        future
            .stderr
            .contains("--date 2026-12-02 is later than today (2026-12-01)"),
        "{}",
        future.stderr
    );
    // earlier: only with --backdate --reason
    let early = p.run(&["release", DRAFT, "--date", "2026-11-01"]);
    assert_eq!(early.code, 2);
    assert!(
        early.stderr.contains("needs --backdate --reason"),
        "{}",
        early.stderr
    );
    assert_eq!(
        p.run(&["release", DRAFT, "--date", "2026-11-01", "--backdate"])
            .code,
        2
    );
    assert_eq!(
        p.run(&["release", DRAFT, "--backdate", "--reason", "x"]).code,
        2,
        "--backdate needs --date"
    );
    // no --date: today, and the lock says the clock was pinned
    p.run(&["release", DRAFT, "-q"]).ok();
    assert!(
        p.read(&format!("{DRAFT_DIR}/version.toml"))
            .contains("updated = 2026-12-01")
    );
    let lock = p.read("content/versions.lock");
    assert!(
        lock.contains("action = \"release\"\nversion = \"2026-12-01\"\ndate = \"2026-12-01\"")
            && lock.contains("clock = \"POLICYC_TODAY=2026-12-01\""),
        "{lock}"
    );
    // a malformed pinned day is refused, not ignored
    let q = Project::sample_with_draft();
    let bad = run_in(q.path(), &["release", DRAFT], &[("POLICYC_TODAY", "tomorrow")]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("POLICYC_TODAY: invalid date `tomorrow`"),
        "{}",
        bad.stderr
    );
}

#[test]
fn backdating_does_not_shorten_the_notice_period() {
    let p = Project::material_draft();
    p.edit(
        &format!("{DRAFT_DIR}/version.toml"),
        "effective = 2026-12-01",
        "effective = 2026-12-20",
    );
    // sixty days back: the notice period would pass from that date, but counts from today
    let run = p.run(&["release", DRAFT, "--date", "2026-10-02"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--backdate"), "{}", run.stderr);
    let backdated = p.run(&[
        "release",
        DRAFT,
        "--date",
        "2026-10-02",
        "--backdate",
        "--reason",
        "signed off in October",
    ]);
    assert_eq!(backdated.code, 2, "{}", backdated.stderr);
    assert!(
        backdated
            .stderr
            .contains("after the release date 2026-12-01, so 2026-12-31 or later"),
        "{}",
        backdated.stderr
    );
    // effective 30 days after today: released, dated as asked, the backdating recorded
    p.edit(
        &format!("{DRAFT_DIR}/version.toml"),
        "effective = 2026-12-20",
        "effective = 2026-12-31",
    );
    p.run(&[
        "release",
        DRAFT,
        "--date",
        "2026-10-02",
        "--backdate",
        "--reason",
        "signed off in October",
        "-q",
    ])
    .ok();
    assert!(
        p.read(&format!("{DRAFT_DIR}/version.toml"))
            .contains("updated = 2026-10-02")
    );
    let lock = p.read("content/versions.lock");
    assert!(
        lock.contains("action = \"backdate\"")
            && lock.contains("reason = \"dated 2026-10-02: signed off in October\""),
        "{lock}"
    );
}

#[test]
fn the_policy_time_zone_is_checked() {
    let p = Project::sample_with_draft();
    p.edit(
        "content/policy.toml",
        "notice_period_days",
        "time_zone = \"Mars/Olympus\"\nnotice_period_days",
    );
    let run = p.run(&["release", DRAFT]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("content/policy.toml:")
            && run.stderr.contains("unknown time zone `Mars/Olympus`"),
        "{}",
        run.stderr
    );
    for zone in ["Asia/Shanghai", "+08:00", "UTC"] {
        let q = Project::sample_with_draft();
        q.edit(
            "content/policy.toml",
            "notice_period_days",
            &format!("time_zone = \"{zone}\"\nnotice_period_days"),
        );
        q.run(&["release", DRAFT, "-q"]).ok();
    }
}

#[test]
fn a_draft_never_shows_stored_text_and_rerender_takes_a_templates_folder() {
    let p = Project::sample_with_draft();
    // a published/ folder copied into a draft by hand is not what its pages show
    for name in ["en.html", "en.print.html", "zh-CN.html", "zh-CN.print.html"] {
        let text = p.read(&format!("content/versions/{SEALED}/published/{name}"));
        p.write(
            &format!("{DRAFT_DIR}/published/{name}"),
            &text.replace("<h1>", "<h1>STALE "),
        );
    }
    p.run(&["build", "-q", "--drafts"]).ok();
    for page in [
        "output/drafts/en/2026-12-01/index.html",
        "output/drafts/en/2026-12-01/print.html",
    ] {
        assert!(!p.read(page).contains("STALE"), "{page}");
    }
    // the sealed text rendered with another templates folder, as `build --templates` takes it
    let partial = policyc_builtin("templates/partials/contact-block.html");
    p.write(
        "elsewhere/partials/contact-block.html",
        &format!("<p>FROM ELSEWHERE</p>\n{partial}"),
    );
    p.run(&[
        "rerender",
        SEALED,
        "--templates",
        "elsewhere",
        "--reason",
        "new contact block",
        "-q",
    ])
    .ok();
    assert!(
        p.read(&format!("content/versions/{SEALED}/published/en.html"))
            .contains("FROM ELSEWHERE")
    );
    p.run(&["build", "-q"]).ok();
    assert!(main_of(&p.read("output/en/2022-10-19/print.html")).contains("FROM ELSEWHERE"));
    let incremental = p.output_files();
    p.run(&["build", "-q", "--clean"]).ok();
    assert_eq!(
        incremental,
        p.output_files(),
        "an incremental build after rerender is a clean one"
    );
}
