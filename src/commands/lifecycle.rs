//! `policyc new-version` and `policyc release`: start a draft from the latest version; publish and
//! seal a draft (check, the day from the clock in the policy's time zone, notice period counted from
//! it, the sealed text of its pages, `versions.lock`); deliberately re-seal. Also the helpers the
//! other archive commands (`withdraw`, `rerender`) share: today, released versions, seals, the
//! sealed text.

use std::collections::BTreeMap;

use crate::cli::{NewVersionArgs, ReleaseArgs};
use crate::config::Status;
use crate::date::{Date, Today};
use crate::error::{Diagnostic, Error, Level, Result};
use crate::ids::VersionId;
use crate::model::{Content, SealedPage, Version};
use crate::seal::{self, Action, Event, Lock, Seal};
use crate::{compare, diff, lint, load, output};

use super::Ctx;

/// The `version.toml` of a version with these values.
fn version_toml(id: &VersionId, effective: Date, updated: Date, status: Status) -> String {
    let status = match status {
        Status::Draft => "draft",
        Status::Published => "published",
    };
    format!("id = \"{id}\"\neffective = {effective}\nupdated = {updated}\nstatus = \"{status}\"\n")
}

/// `policyc new-version VERSION`.
pub fn new_version(ctx: &Ctx, args: &NewVersionArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let id = VersionId::parse(&args.version).map_err(Error::Usage)?;
    if content.versions.contains_key(&id) {
        return Err(Error::Usage(format!("version {id} already exists")));
    }
    let (latest_id, latest) = content
        .versions
        .iter()
        .next_back()
        .ok_or_else(|| Error::Usage("no version to start from".into()))?;
    if id <= *latest_id {
        return Err(Error::Usage(format!(
            "version {id} is not later than the latest version {latest_id}"
        )));
    }
    let day = id.date();
    let effective = if latest.meta.effective > day {
        latest.meta.effective
    } else {
        day
    };
    let files: Vec<(String, Vec<u8>)> = latest
        .sources()
        .into_iter()
        .map(|(rel, src)| {
            let bytes = if rel == "version.toml" {
                version_toml(&id, effective, day, Status::Draft).into_bytes()
            } else {
                src.text.as_bytes().to_vec()
            };
            (rel, bytes)
        })
        .chain(
            latest
                .images
                .iter()
                .map(|(rel, bytes)| (rel.clone(), bytes.to_vec())),
        )
        .collect();
    let dir = ctx.content.join("versions").join(id.as_str());
    output::write_new_folder(&dir, &files)?;
    ctx.report(
        args.format,
        &format!("created draft {} from {latest_id} ({} files)", dir.display(), files.len()),
        serde_json::json!({"schema": "policyc.new-version/1", "version": id, "from": latest_id, "dir": dir.display().to_string(), "files": files.len()}),
    )?;
    Ok(0)
}

/// Today's date in UTC ([`crate::date::TODAY_VAR`] when set), for commands that have no policy yet.
pub fn today() -> Date {
    crate::date::today(&crate::date::Zone::utc())
        .map(|t| t.date)
        .unwrap_or_else(|_| Date::parse("1970-01-01").expect("valid date"))
}

/// Today in the policy's time zone.
pub(super) fn policy_today(content: &Content) -> Result<Today> {
    crate::date::today(&content.config.time_zone).map_err(Error::Usage)
}

/// The released (sealed) version `id` of `content`, published.
pub(super) fn released<'c>(content: &'c Content, id: &VersionId, lock: &Lock) -> Result<&'c Version> {
    let version = content
        .versions
        .get(id)
        .ok_or_else(|| Error::Usage(format!("no version {id}")))?;
    if version.meta.status != Status::Published || !lock.versions.contains_key(id.as_str()) {
        return Err(Error::Usage(format!("version {id} is not a released version")));
    }
    Ok(version)
}

/// Every seal that does not hold, leaving out the files of version `except` (being corrected).
pub(super) fn refuse_broken_seals(content: &Content, except: Option<&Version>) -> Result<()> {
    let broken: Vec<Diagnostic> = seal::verify(content)
        .into_iter()
        .filter(|d| except.is_none_or(|v| !d.file.starts_with(&v.dir)))
        .collect();
    if broken.is_empty() {
        Ok(())
    } else {
        Err(Error::Inputs(broken))
    }
}

/// The sealed text of `version`'s pages rendered now (any stored text left out), with the
/// templates of `templates_dir` (default: beside the content folder).
pub(super) fn render_sealed_text(
    ctx: &Ctx,
    templates_dir: Option<&std::path::Path>,
    content: &Content,
    version: &Version,
) -> Result<BTreeMap<SealedPage, String>> {
    let dir = templates_dir
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| super::build::default_templates_dir(&ctx.content));
    let templates = load::load_templates(Some(&dir))?;
    let rules = load::load_rules(Some(&ctx.content))?;
    let mut fresh = version.clone();
    fresh.published.clear();
    crate::render::site::sealed_mains(content, &templates, &rules, &fresh)
}

/// Writes the sealed text of a version's pages into `<dir>/published/`; their sealed hashes.
pub(super) fn store_sealed_text(
    dir: &std::path::Path,
    texts: &BTreeMap<SealedPage, String>,
) -> Result<BTreeMap<String, String>> {
    let folder = dir.join("published");
    let files: Vec<(String, Vec<u8>)> = texts
        .iter()
        .map(|(page, t)| (page.file_name(), t.as_bytes().to_vec()))
        .collect();
    if folder.exists() {
        for (name, bytes) in &files {
            output::write_file(&folder.join(name), bytes)?;
        }
    } else {
        output::write_new_folder(&folder, &files)?;
    }
    Ok(texts
        .iter()
        .map(|(page, t)| (page.key(), seal::text_sha256(t)))
        .collect())
}

/// The release day: `--date` checked against today (never later; earlier only with `--backdate
/// --reason`, which is recorded), else today.
fn release_day(args: &ReleaseArgs, today: Today, id: &VersionId, lock: &mut Lock) -> Result<Date> {
    let Some(given) = &args.date else {
        return Ok(today.date);
    };
    let date = Date::parse(given).map_err(Error::Usage)?;
    if date > today.date {
        return Err(Error::Usage(format!(
            "--date {date} is later than today ({}): a version is released on the day it is released",
            today.date
        )));
    }
    if date < today.date {
        let Some(reason) = args.reason.clone().filter(|_| args.backdate) else {
            return Err(Error::Usage(format!(
                "--date {date} is earlier than today ({}): backdating a release needs --backdate --reason \"…\" (recorded in versions.lock)",
                today.date
            )));
        };
        lock.history.push(Event {
            action: Action::Backdate,
            version: id.to_string(),
            date: today.date.to_string(),
            reason: format!("dated {date}: {reason}"),
            previous: BTreeMap::new(),
            clock: today.clock_note(),
        });
    }
    Ok(date)
}

/// `policyc release VERSION` and `policyc release --reseal VERSION --reason …`.
pub fn release(ctx: &Ctx, args: &ReleaseArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let id = VersionId::parse(&args.version).map_err(Error::Usage)?;
    let mut lock = content.lock.clone().unwrap_or_else(Lock::new);
    let today = policy_today(&content)?;
    if args.reseal {
        return reseal(ctx, args, &content, &id, lock, today);
    }
    let version = content
        .versions
        .get(&id)
        .ok_or_else(|| Error::Usage(format!("no version {id}")))?;
    if let Some(seal) = lock.versions.get(id.as_str()) {
        return Err(Error::Usage(format!(
            "version {id} was released on {} (lock entry [versions.{id}] in {}): a released version is never released again; correct it with `policyc release --reseal {id} --reason \"…\"` or `policyc withdraw {id} --reason \"…\"`",
            seal.released,
            ctx.content.join("versions.lock").display()
        )));
    }
    if version.meta.status == Status::Published {
        return Err(Error::Usage(format!(
            "version {id} is marked published but was never released: set its status back to draft and release it"
        )));
    }
    refuse_broken_seals(&content, None)?;
    if args.no_notice_period && args.reason.is_none() {
        return Err(Error::Usage("--no-notice-period needs --reason \"…\"".into()));
    }
    if args.backdate && args.reason.is_none() {
        return Err(Error::Usage("--backdate needs --reason \"…\"".into()));
    }
    let date = release_day(args, today, &id, &mut lock)?;
    let errors: Vec<Diagnostic> = lint::run(&content)
        .into_iter()
        .filter(|d| d.level == Level::Error)
        .collect();
    if !errors.is_empty() {
        for d in &errors {
            eprintln!("{}\n", d.render_long());
        }
        return Err(Error::Usage(format!(
            "policyc check found {} error(s): {id} is not released",
            errors.len()
        )));
    }
    // the notice period counts from the day of the release, whatever --date says
    if let Some(prev) = previous_published(&content, &id) {
        notice_period(&content, prev, version, today, args, &mut lock)?;
    }
    let new_meta = version_toml(&id, version.meta.effective, date, Status::Published);
    // the pages' sealed text, rendered as the released version
    let mut released = version.clone();
    released.meta.status = Status::Published;
    released.meta.updated = date;
    let mut with_release = content.clone();
    with_release.versions.insert(id.clone(), released.clone());
    let texts = render_sealed_text(ctx, args.templates.as_deref(), &with_release, &released)?;
    let mut files = seal::hashes(version);
    files.insert("version.toml".into(), seal::text_sha256(&new_meta));
    lock.history.push(Event {
        action: Action::Release,
        version: id.to_string(),
        date: date.to_string(),
        reason: String::new(),
        previous: BTreeMap::new(),
        clock: today.clock_note(),
    });
    let published = store_sealed_text(&version.dir, &texts)?;
    lock.versions.insert(
        id.to_string(),
        Seal {
            released: date.to_string(),
            files,
            published,
            withdrawn: None,
        },
    );
    output::write_file(&version.dir.join("version.toml"), new_meta.as_bytes())?;
    let lock_path = ctx.content.join("versions.lock");
    output::write_file(&lock_path, lock.to_toml().as_bytes())?;
    ctx.report(
        args.format,
        &format!("released {id} on {date} (effective {}); sealed in {}", version.meta.effective, lock_path.display()),
        serde_json::json!({"schema": "policyc.release/1", "action": "release", "version": id, "date": date, "effective": version.meta.effective, "lock": lock_path.display().to_string(), "clock": today.clock_note()}),
    )?;
    Ok(0)
}

/// `policyc release --reseal VERSION --reason …`: seals the corrected sources of a released
/// version and renders its sealed text again; the old hashes and the reason go into the history.
fn reseal(
    ctx: &Ctx,
    args: &ReleaseArgs,
    content: &Content,
    id: &VersionId,
    mut lock: Lock,
    today: Today,
) -> Result<i32> {
    let reason = args
        .reason
        .clone()
        .ok_or_else(|| Error::Usage("--reseal needs --reason \"…\"".into()))?;
    if args.date.is_some() || args.backdate || args.no_notice_period {
        return Err(Error::Usage(
            "--reseal keeps the release date: --date, --backdate and --no-notice-period do not apply".into(),
        ));
    }
    let version = released(content, id, &lock)?;
    refuse_broken_seals(content, Some(version))?;
    let texts = render_sealed_text(ctx, args.templates.as_deref(), content, version)?;
    let old = lock
        .versions
        .get(id.as_str())
        .cloned()
        .expect("released: in the lock");
    let mut previous = old.files.clone();
    previous.extend(
        old.published
            .iter()
            .map(|(l, h)| (format!("published/{l}.html"), h.clone())),
    );
    lock.history.push(Event {
        action: Action::Reseal,
        version: id.to_string(),
        date: today.date.to_string(),
        reason,
        previous,
        clock: today.clock_note(),
    });
    let published = store_sealed_text(&version.dir, &texts)?;
    lock.versions.insert(
        id.to_string(),
        Seal {
            files: seal::hashes(version),
            published,
            ..old
        },
    );
    let lock_path = ctx.content.join("versions.lock");
    output::write_file(&lock_path, lock.to_toml().as_bytes())?;
    ctx.report(
        args.format,
        &format!("resealed {id}; the old hashes and the reason are kept in {}", lock_path.display()),
        serde_json::json!({"schema": "policyc.release/1", "action": "reseal", "version": id, "date": today.date, "lock": lock_path.display().to_string(), "clock": today.clock_note()}),
    )?;
    Ok(0)
}

fn previous_published<'a>(content: &'a Content, id: &VersionId) -> Option<&'a Version> {
    content
        .versions
        .range(..id.clone())
        .rev()
        .map(|(_, v)| v)
        .find(|v| v.meta.status == Status::Published)
}

/// A material change needs `notice_period_days` between release and effective date, unless waived.
fn notice_period(
    content: &Content,
    prev: &Version,
    draft: &Version,
    today: Today,
    args: &ReleaseArgs,
    lock: &mut Lock,
) -> Result<()> {
    let date = today.date;
    let locale = &content.config.default_locale;
    let rules = load::load_rules(Some(&content.root))?;
    let comparison = compare::versions(
        diff::input::Side::of(content, prev, locale),
        diff::input::Side::of(content, draft, locale),
        &rules,
    )
    .map_err(Error::Usage)?;
    let assessment = comparison.assessment();
    if !assessment.material {
        return Ok(());
    }
    let days = i64::from(content.config.notice_period_days);
    let earliest = date
        .plus_days(days)
        .ok_or_else(|| Error::Usage("date out of range".into()))?;
    if draft.meta.effective >= earliest {
        return Ok(());
    }
    if args.no_notice_period {
        let reason = args.reason.clone().unwrap_or_default();
        lock.history.push(Event {
            action: Action::NoNoticePeriod,
            version: draft.meta.id.to_string(),
            date: date.to_string(),
            reason,
            previous: BTreeMap::new(),
            clock: today.clock_note(),
        });
        return Ok(());
    }
    let offset = draft.meta_file.text.find("effective").unwrap_or(0);
    Err(Diagnostic::at(
        &draft.meta_file,
        offset,
        format!(
            "the change from {} is material under §VIII ({}): the effective date {} must be at least {days} days after the release date {date}, so {earliest} or later (or pass --no-notice-period --reason \"…\")",
            prev.meta.id,
            assessment.clauses.join(", "),
            draft.meta.effective,
        ),
    )
    .into())
}
