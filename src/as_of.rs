//! The as-of date of a build, a preview or `policyc show`: the day whose version in force the
//! pages show ([`crate::timeline`]). `--as-of DATE` when given, else the day of
//! `SOURCE_DATE_EPOCH` when set (reproducible builds), else today.
//!
//! Today is the clock's day in the policy's time zone (`time_zone` in policy.toml), or
//! `POLICYC_TODAY` (a `YYYY-MM-DD` date) when set, so tests pin it: [`crate::date::today`], the
//! one reader of the clock, which `release` uses too.

use crate::date::Date;
use crate::error::{Error, Result};

/// Where an as-of date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// `--as-of`.
    Flag,
    /// The day of `SOURCE_DATE_EPOCH`.
    SourceDateEpoch,
    /// Today.
    Today,
}

/// The as-of date and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    /// The day.
    pub date: Date,
    /// Its source.
    pub source: Source,
}

/// The as-of date: `flag` (`--as-of`), else `SOURCE_DATE_EPOCH`'s day, else today in `zone`. A
/// value that is not a date is a usage error naming where it came from.
pub fn resolve(flag: Option<&str>, zone: &crate::date::Zone) -> Result<AsOf> {
    if let Some(s) = flag {
        let date = Date::parse(s).map_err(|m| Error::Usage(format!("--as-of: {m}")))?;
        return Ok(AsOf {
            date,
            source: Source::Flag,
        });
    }
    if let Some(secs) = env("SOURCE_DATE_EPOCH") {
        let date = epoch_day(&secs).map_err(|m| Error::Usage(format!("SOURCE_DATE_EPOCH: {m}")))?;
        return Ok(AsOf {
            date,
            source: Source::SourceDateEpoch,
        });
    }
    Ok(AsOf {
        date: crate::date::today(zone).map_err(Error::Usage)?.date,
        source: Source::Today,
    })
}

/// A variable's value, when set and not empty.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|s| !s.trim().is_empty())
}

/// The UTC day of a `SOURCE_DATE_EPOCH` value (whole seconds since 1970-01-01T00:00:00Z).
fn epoch_day(secs: &str) -> std::result::Result<Date, String> {
    let secs: u64 = secs
        .trim()
        .parse()
        .map_err(|_| format!("`{}` is not a number of seconds since 1970", secs.escape_debug()))?;
    if secs > 253_402_300_799 {
        return Err(format!("{secs} is after the year 9999"));
    }
    Ok(day_of(secs))
}

/// The UTC day of `secs` seconds since 1970.
fn day_of(secs: u64) -> Date {
    let epoch = Date::parse("1970-01-01").expect("a valid date").day_number();
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    Date::from_day_number(epoch + days).unwrap_or(Date {
        year: 9999,
        month: 12,
        day: 31,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_gives_its_utc_day() {
        assert_eq!(epoch_day("0").unwrap().to_string(), "1970-01-01");
        // 2026-12-06T23:59:59Z and the next second
        assert_eq!(epoch_day("1796601599").unwrap().to_string(), "2026-12-06");
        assert_eq!(epoch_day("1796601600").unwrap().to_string(), "2026-12-07");
        assert!(epoch_day("yesterday").is_err());
        assert!(epoch_day("-5").is_err());
        assert!(epoch_day("99999999999999").is_err());
    }
}
