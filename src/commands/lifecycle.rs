//! `policyc new-version` and `policyc release`: start a draft from the latest version; publish and
//! seal a draft (check, notice period, update date, `versions.lock`); deliberately re-seal.

use crate::cli::{NewVersionArgs, ReleaseArgs};
use crate::config::Status;
use crate::date::Date;
use crate::error::{Diagnostic, Error, Level, Result};
use crate::ids::VersionId;
use crate::model::{Content, Version};
use crate::seal::{self, Event, Lock, Seal};
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

/// Today's date (UTC).
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let epoch = Date::parse("1970-01-01").expect("valid date").day_number();
    Date::from_day_number(epoch + (secs / 86_400) as i64).expect("a date after 1970")
}

/// `policyc release VERSION` and `policyc release --reseal VERSION --reason …`.
pub fn release(ctx: &Ctx, args: &ReleaseArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let id = VersionId::parse(&args.version).map_err(Error::Usage)?;
    let version = content
        .versions
        .get(&id)
        .ok_or_else(|| Error::Usage(format!("no version {id}")))?;
    let mut lock = content.lock.clone().unwrap_or_else(Lock::new);
    let date = match &args.date {
        Some(d) => Date::parse(d).map_err(Error::Usage)?,
        None => today(),
    };
    // every other published version must still match its seal
    let broken: Vec<Diagnostic> = seal::verify(&content)
        .into_iter()
        .filter(|d| !(args.reseal && d.file.starts_with(&version.dir)))
        .collect();
    if !broken.is_empty() {
        return Err(Error::Inputs(broken));
    }
    let lock_path = ctx.content.join("versions.lock");
    if args.reseal {
        let reason = args
            .reason
            .clone()
            .ok_or_else(|| Error::Usage("--reseal needs --reason \"…\"".into()))?;
        if version.meta.status != Status::Published {
            return Err(Error::Usage(format!(
                "version {id} is a draft: release it instead of resealing"
            )));
        }
        let previous = lock
            .versions
            .get(id.as_str())
            .map(|s| s.files.clone())
            .unwrap_or_default();
        lock.history.push(Event {
            action: "reseal".into(),
            version: id.to_string(),
            date: date.to_string(),
            reason,
            previous,
        });
        let released = lock
            .versions
            .get(id.as_str())
            .map_or_else(|| date.to_string(), |s| s.released.clone());
        lock.versions.insert(
            id.to_string(),
            Seal {
                released,
                files: seal::hashes(version),
            },
        );
        output::write_file(&lock_path, lock.to_toml().as_bytes())?;
        ctx.report(
            args.format,
            &format!("resealed {id}; the old hashes and the reason are kept in {}", lock_path.display()),
            serde_json::json!({"schema": "policyc.release/1", "action": "reseal", "version": id, "date": date, "lock": lock_path.display().to_string()}),
        )?;
        return Ok(0);
    }
    if version.meta.status == Status::Published {
        return Err(Error::Usage(format!(
            "version {id} is already published; a correction needs `policyc release --reseal {id} --reason \"…\"`"
        )));
    }
    if args.no_notice_period && args.reason.is_none() {
        return Err(Error::Usage("--no-notice-period needs --reason \"…\"".into()));
    }
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
    if let Some(prev) = previous_published(&content, &id) {
        notice_period(&content, prev, version, date, args, &mut lock)?;
    }
    let new_meta = version_toml(&id, version.meta.effective, date, Status::Published);
    let mut files = seal::hashes(version);
    files.insert("version.toml".into(), output::sha256_hex(new_meta.as_bytes()));
    lock.versions.insert(
        id.to_string(),
        Seal {
            released: date.to_string(),
            files,
        },
    );
    output::write_file(&version.dir.join("version.toml"), new_meta.as_bytes())?;
    output::write_file(&lock_path, lock.to_toml().as_bytes())?;
    ctx.report(
        args.format,
        &format!("released {id} on {date} (effective {}); sealed in {}", version.meta.effective, lock_path.display()),
        serde_json::json!({"schema": "policyc.release/1", "action": "release", "version": id, "date": date, "effective": version.meta.effective, "lock": lock_path.display().to_string()}),
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
    date: Date,
    args: &ReleaseArgs,
    lock: &mut Lock,
) -> Result<()> {
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
            action: "no-notice-period".into(),
            version: draft.meta.id.to_string(),
            date: date.to_string(),
            reason,
            previous: Default::default(),
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
