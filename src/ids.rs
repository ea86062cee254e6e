//! Typed identifiers, validated once where they enter the program.
//!
//! Version ids, locales, section and heading ids become path segments and URL anchors, so each is
//! checked against a strict grammar here (no `..`, no slashes, no spaces) and is a plain string after.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident, $check:path, $what:literal, $expected:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Validates `s`; the error says what was expected.
            pub fn parse(s: &str) -> Result<Self, String> {
                if $check(s) {
                    Ok(Self(s.to_string()))
                } else {
                    Err(format!(concat!("invalid ", $what, " `{}` (expected ", $expected, ")"), s.escape_debug()))
                }
            }

            /// The id as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

string_id!(
    /// A version id: a real calendar date `YYYY-MM-DD`; ids compare as dates.
    VersionId,
    is_version_id,
    "version id",
    "a date YYYY-MM-DD"
);
string_id!(
    /// A BCP 47 language tag of the simple form policyc supports: `en`, `zh-CN`, `pt-BR`, `zh-Hant-TW`.
    Locale,
    is_locale,
    "locale",
    "a BCP 47 tag such as `en` or `zh-CN`"
);
string_id!(
    /// The stable id of a top-level section (`collect-and-use`).
    SectionId,
    is_slug,
    "section id",
    "lowercase letters, digits and `-`"
);
string_id!(
    /// The stable anchor of a heading inside a section (`sdk-list`).
    HeadingId,
    is_slug,
    "heading id",
    "lowercase letters, digits and `-`"
);

impl VersionId {
    /// The date this id names.
    pub fn date(&self) -> crate::date::Date {
        crate::date::Date::parse(&self.0).expect("validated as a date on construction")
    }
}

fn is_version_id(s: &str) -> bool {
    crate::date::Date::parse(s).is_ok()
}

/// `true` for `a-z0-9` words joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn is_locale(s: &str) -> bool {
    let mut parts = s.split('-');
    let lang = parts.next().unwrap_or("");
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let mut seen_region = false;
    let mut seen_script = false;
    for p in parts {
        let script = p.len() == 4
            && p.as_bytes()[0].is_ascii_uppercase()
            && p.bytes().skip(1).all(|b| b.is_ascii_lowercase());
        let region = (p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase()))
            || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()));
        if script && !seen_script && !seen_region {
            seen_script = true;
        } else if region && !seen_region {
            seen_region = true;
        } else {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        for ok in ["en", "zh-CN", "zh-Hant-TW", "es-419", "fil"] {
            assert!(Locale::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "EN", "../../etc", "zh_CN", "zh-cn", "en-US-US", "e", "zh-CN/"] {
            assert!(Locale::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn version_ids_are_real_dates() {
        assert!(VersionId::parse("2022-10-19").is_ok());
        for bad in [
            "2022-02-30",
            "2022-13-01",
            "22-10-19",
            "../2022-10-19",
            "2022-10-19x",
        ] {
            assert!(VersionId::parse(bad).is_err(), "{bad}");
        }
        assert!(VersionId::parse("2022-10-19").unwrap() < VersionId::parse("2023-01-02").unwrap());
    }

    #[test]
    fn slugs() {
        assert!(is_slug("sdk-list"));
        assert!(is_slug("perm-2"));
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "a/b", ".."] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
