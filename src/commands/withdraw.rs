//! `policyc withdraw VERSION --reason …`: marks a released version as published by mistake. The
//! lock records the withdrawal (on the version's seal and in the history); nothing is deleted: the
//! version's pages stay and say when it was withdrawn.

use std::collections::BTreeMap;

use crate::cli::WithdrawArgs;
use crate::error::{Error, Result};
use crate::ids::VersionId;
use crate::seal::{Action, Event, Lock, Withdrawal};
use crate::{load, output};

use super::Ctx;
use super::lifecycle::{policy_today, refuse_broken_seals, released};

/// Runs the command; returns the exit code.
pub fn run(ctx: &Ctx, args: &WithdrawArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let id = VersionId::parse(&args.version).map_err(Error::Usage)?;
    let mut lock = content.lock.clone().unwrap_or_else(Lock::new);
    released(&content, &id, &lock)?;
    if let Some(w) = lock.withdrawal(&id) {
        return Err(Error::Usage(format!(
            "version {id} was withdrawn on {} already",
            w.date
        )));
    }
    refuse_broken_seals(&content, None)?;
    let today = policy_today(&content)?;
    lock.history.push(Event {
        action: Action::Withdraw,
        version: id.to_string(),
        date: today.date.to_string(),
        reason: args.reason.clone(),
        previous: BTreeMap::new(),
        clock: today.clock_note(),
    });
    if let Some(seal) = lock.versions.get_mut(id.as_str()) {
        seal.withdrawn = Some(Withdrawal {
            date: today.date.to_string(),
            reason: args.reason.clone(),
        });
    }
    let lock_path = ctx.content.join("versions.lock");
    output::write_file(&lock_path, lock.to_toml().as_bytes())?;
    ctx.report(
        args.format,
        &format!(
            "withdrew {id} on {}; its pages stay and say so (recorded in {})",
            today.date,
            lock_path.display()
        ),
        serde_json::json!({"schema": "policyc.withdraw/1", "version": id, "date": today.date, "reason": args.reason, "lock": lock_path.display().to_string(), "clock": today.clock_note()}),
    )?;
    Ok(0)
}
