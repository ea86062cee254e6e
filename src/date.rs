//! Calendar dates as the content writes them (`YYYY-MM-DD`), validated as real days; the policy's
//! time zone ([`Zone`]) and today's date in it ([`today`], pinned by `POLICYC_TODAY`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1..=9999.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, 1..=31.
    pub day: u8,
}

impl Date {
    /// Parses exactly `YYYY-MM-DD` and checks the day exists.
    pub fn parse(s: &str) -> Result<Self, String> {
        let err = || format!("invalid date `{}` (expected YYYY-MM-DD)", s.escape_debug());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u16, String> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if year == 0 || !(1..=12).contains(&month) || day == 0 {
            return Err(err());
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day > days {
            return Err(format!("invalid date `{s}`: month {month} has {days} days"));
        }
        Ok(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Days since 0000-03-01 (for differences between dates).
    pub fn day_number(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (i64::from(self.year) - 1, i64::from(self.month) + 9)
        } else {
            (i64::from(self.year), i64::from(self.month) - 3)
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + i64::from(self.day) - 1
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// Accepts a TOML date (`2022-10-19`) or a string holding one.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Text(String),
        }
        let text = match Raw::deserialize(d)
            .map_err(|_| serde::de::Error::custom("expected a date such as 2022-10-19"))?
        {
            Raw::Toml(dt) => {
                if dt.time.is_some() || dt.offset.is_some() {
                    return Err(serde::de::Error::custom(
                        "expected a date without a time, such as 2022-10-19",
                    ));
                }
                dt.to_string()
            }
            Raw::Text(s) => s,
        };
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let a = Date::parse("2022-08-15").unwrap();
        let b = Date::parse("2022-10-19").unwrap();
        assert!(a < b);
        assert_eq!(b.day_number() - a.day_number(), 65);
        assert_eq!(a.to_string(), "2022-08-15");
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2023-02-29").is_err());
    }
}

impl Date {
    /// The date of a day number (inverse of [`Date::day_number`]).
    pub fn from_day_number(n: i64) -> Option<Self> {
        // civil-from-days for a March-based year
        let y = (10000 * n + 14780) / 3652425;
        let mut doy = n - (365 * y + y / 4 - y / 100 + y / 400);
        let mut y = y;
        if doy < 0 {
            y -= 1;
            doy = n - (365 * y + y / 4 - y / 100 + y / 400);
        }
        let mi = (100 * doy + 52) / 3060;
        let day = doy - (mi * 306 + 5) / 10 + 1;
        let month = (mi + 2) % 12 + 1;
        let year = y + (mi + 2) / 12;
        Date::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
    }

    /// `self` plus `days`.
    pub fn plus_days(self, days: i64) -> Option<Self> {
        Self::from_day_number(self.day_number() + days)
    }
}

#[cfg(test)]
mod arithmetic_tests {
    use super::Date;

    #[test]
    fn day_numbers_round_trip() {
        for s in [
            "2022-10-19",
            "2024-02-29",
            "2000-03-01",
            "1999-12-31",
            "2026-01-01",
        ] {
            let d = Date::parse(s).unwrap();
            assert_eq!(Date::from_day_number(d.day_number()), Some(d), "{s}");
        }
        assert_eq!(
            Date::parse("2022-12-20")
                .unwrap()
                .plus_days(30)
                .unwrap()
                .to_string(),
            "2023-01-19"
        );
    }
}

/// The environment variable that pins today's date (`POLICYC_TODAY=2026-12-06`), for tests and
/// reproducible runs; a release made under it says so in the lock's history.
pub const TODAY_VAR: &str = "POLICYC_TODAY";

/// A time zone as `policy.toml` names it: an IANA name (`Asia/Shanghai`, from the tz data built
/// into policyc), `UTC`, or a fixed offset (`+08:00`, `-05:30`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    name: String,
    tz: jiff::tz::TimeZone,
}

impl Zone {
    /// UTC, the default.
    pub fn utc() -> Self {
        Zone {
            name: "UTC".into(),
            tz: jiff::tz::TimeZone::UTC,
        }
    }

    /// Parses a zone name or offset.
    pub fn parse(s: &str) -> Result<Self, String> {
        let tz = match fixed_offset(s) {
            Some(secs) => jiff::tz::Offset::from_seconds(secs)
                .map(jiff::tz::TimeZone::fixed)
                .map_err(|_| format!("time zone offset `{s}` is out of range"))?,
            None => jiff::tz::TimeZone::get(s).map_err(|_| {
                format!(
                    "unknown time zone `{}` (expected an IANA name such as Asia/Shanghai, UTC, or an offset such as +08:00)",
                    s.escape_debug()
                )
            })?,
        };
        Ok(Zone {
            name: s.to_string(),
            tz,
        })
    }

    /// The name as written.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The date in this zone at the instant `seconds` after the Unix epoch.
    pub fn date_at(&self, seconds: i64) -> Option<Date> {
        let ts = jiff::Timestamp::from_second(seconds).ok()?;
        let d = ts.to_zoned(self.tz.clone()).date();
        Date::parse(&format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())).ok()
    }
}

/// `+HH:MM` or `-HH:MM` as seconds east of UTC.
fn fixed_offset(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if b.len() != 6 || b[3] != b':' || !s[1..3].bytes().chain(s[4..6].bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i32, i32) = (s[1..3].parse().ok()?, s[4..6].parse().ok()?);
    (m < 60).then_some(sign * (h * 3600 + m * 60))
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name)
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Zone::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Today's date and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today {
    /// The day.
    pub date: Date,
    /// Read from [`TODAY_VAR`], not the system clock.
    pub pinned: bool,
}

impl Today {
    /// What the lock's history says of the clock: `None` for the system clock.
    pub fn clock_note(self) -> Option<String> {
        self.pinned.then(|| format!("{TODAY_VAR}={}", self.date))
    }
}

/// Today in `zone`: [`TODAY_VAR`] when it is set (it must hold a date), else the system clock.
pub fn today(zone: &Zone) -> Result<Today, String> {
    if let Some(pinned) = std::env::var_os(TODAY_VAR) {
        let text = pinned.to_string_lossy();
        let date = Date::parse(&text).map_err(|e| format!("{TODAY_VAR}: {e}"))?;
        return Ok(Today { date, pinned: true });
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let date = zone
        .date_at(secs)
        .ok_or_else(|| "the system clock is out of range".to_string())?;
    Ok(Today { date, pinned: false })
}

#[cfg(test)]
mod zone_tests {
    use super::*;

    #[test]
    fn zones_and_offsets() {
        // 2026-12-06T20:00:00Z
        let t = 1_796_587_200;
        assert_eq!(Zone::utc().date_at(t).unwrap().to_string(), "2026-12-06");
        assert_eq!(
            Zone::parse("Asia/Shanghai")
                .unwrap()
                .date_at(t)
                .unwrap()
                .to_string(),
            "2026-12-07"
        );
        assert_eq!(
            Zone::parse("+08:00").unwrap().date_at(t).unwrap().to_string(),
            "2026-12-07"
        );
        assert_eq!(
            Zone::parse("-05:30").unwrap().date_at(t).unwrap().to_string(),
            "2026-12-06"
        );
        assert!(Zone::parse("Mars/Olympus").is_err());
        assert!(Zone::parse("+8").is_err());
    }
}
