//! Dates in the reader's language, through ICU4X (`October 19, 2022`, `2022年10月19日`).

use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_locale_core::Locale as IcuLocale;

use crate::date::Date;
use crate::ids::Locale;

/// Formats dates for one locale.
pub struct DateFormat {
    formatter: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
}

impl DateFormat {
    /// A long year-month-day format for `locale`; an error names the locale.
    pub fn new(locale: &Locale) -> Result<Self, String> {
        let icu: IcuLocale = locale
            .as_str()
            .parse()
            .map_err(|e| format!("locale `{locale}` is not understood by ICU: {e:?}"))?;
        let formatter = FixedCalendarDateTimeFormatter::try_new(icu.into(), YMD::long())
            .map_err(|e| format!("no date format for locale `{locale}`: {e:?}"))?;
        Ok(DateFormat { formatter })
    }

    /// The long form of `date`.
    pub fn format(&self, date: Date) -> String {
        let d = IcuDate::try_new_gregorian(i32::from(date.year), date.month, date.day)
            .expect("Date holds a valid Gregorian date");
        self.formatter.format(&d).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_chinese() {
        let d = Date::parse("2022-10-19").unwrap();
        let en = DateFormat::new(&Locale::parse("en").unwrap()).unwrap();
        assert_eq!(en.format(d), "October 19, 2022");
        let zh = DateFormat::new(&Locale::parse("zh-CN").unwrap()).unwrap();
        assert_eq!(zh.format(d), "2022年10月19日");
    }
}
