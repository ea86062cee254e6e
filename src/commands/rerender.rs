//! `policyc rerender VERSION --reason …`: renders the sealed text of a released version's pages
//! again with today's templates and messages, stores it in `published/` and seals it; the hashes it
//! replaces and the reason go into the lock's history. Also how a version sealed by a
//! `policyc.lock/1` lock gets its sealed text.

use crate::cli::RerenderArgs;
use crate::error::{Error, Result};
use crate::ids::VersionId;
use crate::seal::{Action, Event, Lock};
use crate::{load, output};

use super::Ctx;
use super::lifecycle::{policy_today, released, render_sealed_text, store_sealed_text};

/// Runs the command; returns the exit code.
pub fn run(ctx: &Ctx, args: &RerenderArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let id = VersionId::parse(&args.version).map_err(Error::Usage)?;
    let mut lock = content.lock.clone().unwrap_or_else(Lock::new);
    let version = released(&content, &id, &lock)?;
    // the sources must hold; only the stored text of this version may be replaced
    let stored = version.dir.join("published");
    let broken: Vec<_> = crate::seal::verify(&content)
        .into_iter()
        .filter(|d| !d.file.starts_with(&stored))
        .collect();
    if !broken.is_empty() {
        return Err(Error::Inputs(broken));
    }
    let today = policy_today(&content)?;
    let texts = render_sealed_text(ctx, args.templates.as_deref(), &content, version)?;
    let seal = lock
        .versions
        .get(id.as_str())
        .cloned()
        .expect("released: in the lock");
    lock.history.push(Event {
        action: Action::Rerender,
        version: id.to_string(),
        date: today.date.to_string(),
        reason: args.reason.clone(),
        previous: seal
            .published
            .iter()
            .map(|(l, h)| (format!("published/{l}.html"), h.clone()))
            .collect(),
        clock: today.clock_note(),
    });
    let published = store_sealed_text(&version.dir, &texts)?;
    let changed = published != seal.published;
    lock.versions
        .insert(id.to_string(), crate::seal::Seal { published, ..seal });
    let lock_path = ctx.content.join("versions.lock");
    output::write_file(&lock_path, lock.to_toml().as_bytes())?;
    ctx.report(
        args.format,
        &format!(
            "rendered the sealed text of {id} again ({}); recorded in {}",
            if changed { "changed" } else { "unchanged" },
            lock_path.display()
        ),
        serde_json::json!({"schema": "policyc.rerender/1", "version": id, "date": today.date, "changed": changed, "lock": lock_path.display().to_string(), "clock": today.clock_note()}),
    )?;
    Ok(0)
}
