//! Fees stated in prose, each as one [`Fee`]: what a user pays to exercise a right or use a
//! remedy (GDPR Art. 12(5): free of charge unless manifestly unfounded or excessive; PIPL Art. 50;
//! CCPA §1798.100(d) and §1798.130(a)(2): free of charge; GB/T 35273-2020 §8.7). `free of
//! charge`, `at no cost`, 免费, 不收取费用 are a fee of zero; an amount with a currency is read
//! only in a sentence with a fee word (`fee`, `charge`, 费用, 收费), as a price alone is no fee. A fee that may be charged,
//! with no amount, is not a fact.

use super::spans::{lower, occurrences};

/// A fee: an amount in hundredths of its currency; free is zero with no currency.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fee {
    /// The amount in hundredths (cents, fen): `20 EUR` is 2000.
    pub hundredths: u64,
    /// The currency's ISO 4217 code, or `None` for free.
    pub currency: Option<&'static str>,
}

impl Fee {
    /// No fee: free of charge.
    pub const FREE: Fee = Fee {
        hundredths: 0,
        currency: None,
    };

    /// Is it free?
    pub fn is_free(&self) -> bool {
        self.hundredths == 0
    }
}

/// The words that say no fee is charged (GDPR Art. 12(5) "free of charge"; PIPL; CCPA "free of
/// charge"), lowercase.
const FREE: &[&str] = &[
    "free of charge",
    "free-of-charge",
    "for free",
    "at no cost",
    "at no charge",
    "at no extra cost",
    "at no additional cost",
    "without charge",
    "without cost",
    "without any charge",
    "no charge",
    "no fee",
    "no fees",
    "no cost to you",
    "not charge you",
    "not charge a fee",
    "not charge any fee*",
    "not charge for",
    "no administrative fee*",
    "free information",
    "free copy",
    "free access",
    "免费",
    "不收取费用",
    "不收取任何费用",
    "不会收取费用",
    "不收费",
    "无需支付费用",
    "无需支付任何费用",
    "无须支付费用",
];

/// The words that make an amount a fee.
const FEE_WORDS: &[&str] = &["fee", "fees", "charge*", "cost*", "费用", "收费", "手续费"];

/// Currencies by the symbol or code a policy writes them with.
const CURRENCIES: &[(&str, &str)] = &[
    ("$", "USD"),
    ("usd", "USD"),
    ("us$", "USD"),
    ("€", "EUR"),
    ("eur", "EUR"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("£", "GBP"),
    ("gbp", "GBP"),
    ("¥", "CNY"),
    ("rmb", "CNY"),
    ("cny", "CNY"),
    ("元", "CNY"),
    ("人民币", "CNY"),
];

/// The fees `text` states: free once if it says so, and each amount next to a fee word.
pub fn fees(text: &str) -> Vec<Fee> {
    let low = lower(text);
    let mut out = Vec::new();
    if FREE.iter().any(|t| !occurrences(&low, t).is_empty()) {
        out.push(Fee::FREE);
    }
    if FEE_WORDS.iter().any(|t| !occurrences(&low, t).is_empty()) {
        out.extend(amounts(&low));
    }
    out.sort();
    out.dedup();
    out
}

/// Amounts with a currency before or after them (`$10`, `20 EUR`, `10元`).
fn amounts(low: &str) -> Vec<Fee> {
    let mut out = Vec::new();
    let b = low.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',' || b[i] == b'.') {
            i += 1;
        }
        let number = low[start..i].trim_end_matches(['.', ',']);
        let (before, after) = (low[..start].trim_end(), low[start + number.len()..].trim_start());
        let currency = CURRENCIES.iter().find_map(|(sym, code)| {
            // a code is a whole word: `usd`, not the end of `thousand`
            let alone = |c: Option<char>| !sym.is_ascii() || c.is_none_or(|c| !c.is_ascii_alphabetic());
            let ends = before.ends_with(sym) && alone(before[..before.len() - sym.len()].chars().next_back());
            let starts = after.starts_with(sym) && alone(after[sym.len()..].chars().next());
            (ends || starts).then_some(*code)
        });
        if let Some(code) = currency
            && let Some(hundredths) = hundredths(number)
            && hundredths > 0
        {
            out.push(Fee {
                hundredths,
                currency: Some(code),
            });
        }
    }
    out
}

/// `1,000.50` as 100050 hundredths.
fn hundredths(number: &str) -> Option<u64> {
    let plain: String = number.chars().filter(|&c| c != ',').collect();
    let (whole, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let whole: u64 = whole.parse().ok()?;
    let frac: u64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u64>().ok()? * 10,
        2 => frac.parse().ok()?,
        _ => return None,
    };
    whole.checked_mul(100)?.checked_add(frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_and_amounts() {
        assert_eq!(fees("You may withdraw your consent free of charge."), [Fee::FREE]);
        assert_eq!(fees("我们将免费提供一份副本。"), [Fee::FREE]);
        assert_eq!(
            fees("We may charge a fee of $10 per request."),
            [Fee {
                hundredths: 1000,
                currency: Some("USD")
            }]
        );
        assert_eq!(
            fees("a processing fee of 20 EUR"),
            [Fee {
                hundredths: 2000,
                currency: Some("EUR")
            }]
        );
        // a fee that may be charged, with no amount, and a price with no fee word
        assert!(fees("We may charge a reasonable fee.").is_empty());
        assert!(fees("The premium plan costs nothing extra; it is sold at 10 USD.").len() <= 1);
        assert!(fees("Feel free to contact us.").is_empty());
    }
}
