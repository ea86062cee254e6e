//! Durations read from prose, in either language: `30 days`, `thirty calendar days`, `5 years`,
//! `six months`, `三十天`, `15个工作日`, `６个月`, `三年`. Each is counted in days (a week 7, a month
//! 30, a year 360, so `12 months` and `one year` agree). Dates are not durations: `19日` after a
//! month (`10月19日`), `2024年` and a month name without `个` are left alone. Also the other way a
//! retention period changes in prose: a new ground for keeping data past it.

use crate::diff::text::fold_width;

/// Days per unit word.
fn unit_days(word: &str) -> Option<u32> {
    match word {
        "day" | "days" => Some(1),
        "week" | "weeks" => Some(7),
        "month" | "months" => Some(30),
        "year" | "years" => Some(360),
        _ => None,
    }
}

/// An English number word (`thirty`, `forty-five`) or digits.
fn english_number(word: &str) -> Option<u32> {
    if let Ok(v) = word.parse::<u32>() {
        return Some(v);
    }
    let small = |w: &str| -> Option<u32> {
        Some(match w {
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            _ => return None,
        })
    };
    match word.split_once('-') {
        Some((tens, ones)) => Some(small(tens)? + small(ones)?),
        None => small(word),
    }
}

/// A Chinese numeral of up to three digits (`十五`, `三十`, `一百八十`, `两`).
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .find(c)
            .map(|i| (i / 3) as u32)
            .or((c == '两').then_some(2))
            .or((c == '〇').then_some(0))
    };
    let (mut total, mut current) = (0u32, None::<u32>);
    for c in s.chars() {
        match c {
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            c => current = Some(digit(c)?),
        }
    }
    let v = total + current.unwrap_or(0);
    (!s.is_empty()).then_some(v)
}

fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
    )
}

/// The durations stated in `s`, in days, in order.
pub fn durations(s: &str) -> Vec<u32> {
    if !may_hold_duration(s) {
        return Vec::new();
    }
    durations_unchecked(s)
}

/// [`durations`] without the look for a unit first.
fn durations_unchecked(s: &str) -> Vec<u32> {
    // numbers and units are matched in ASCII (full-width letters, digits and spaces folded to it)
    // and in Chinese, which has no case: ASCII case folding is all the matching needs. Full-width
    // punctuation reads the same folded or not, so a text without full-width letters or digits
    // (most Chinese prose) is not rebuilt character by character.
    let mut text: String = if has_full_width_alphanumeric(s) {
        s.chars().map(fold_width).collect()
    } else {
        s.to_string()
    };
    text.make_ascii_lowercase();
    let mut out = english(&text);
    if !text.is_ascii() {
        out.extend(chinese(&text));
    }
    out
}

/// Does `s` hold a full-width letter or digit (U+FF10..=U+FF5A) or an ideographic space
/// (U+3000), the characters [`fold_width`] changes that a duration can be made of?
fn has_full_width_alphanumeric(s: &str) -> bool {
    s.as_bytes().windows(3).any(|w| match w {
        [0xEF, 0xBC, c] => (0x90..=0xBF).contains(c),
        [0xEF, 0xBD, c] => (0x80..=0x9A).contains(c),
        [0xE3, 0x80, 0x80] => true,
        _ => false,
    })
}

/// Can `s` hold a duration: does a unit's word occur in it, in any case, or a full-width form
/// (`ｄａｙｓ`, `６个月`) that folding may make one? Most passages hold none and are passed over
/// before they are folded and split into words.
fn may_hold_duration(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    ["day", "week", "month", "year"].iter().any(|u| lower.contains(u))
        || ['天', '日', '周', '月', '年'].iter().any(|c| s.contains(*c))
        || s.contains("星期")
        || has_full_width_alphanumeric(s)
}

fn english(text: &str) -> Vec<u32> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(n) = english_number(w) else { continue };
        let mut j = i + 1;
        if words
            .get(j)
            .is_some_and(|x| matches!(*x, "calendar" | "business" | "working"))
        {
            j += 1;
        }
        if let Some(unit) = words.get(j).and_then(|u| unit_days(u)) {
            out.push(n.saturating_mul(unit));
        }
    }
    out
}

fn chinese(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    // the character before the current one
    let mut before: Option<char> = None;
    while let Some((start, c)) = chars.next() {
        let numeral = if c.is_ascii_digit() {
            |d: char| d.is_ascii_digit()
        } else if is_chinese_numeral(c) {
            is_chinese_numeral
        } else {
            before = Some(c);
            continue;
        };
        // the whole figure, and its last character
        let (mut end, mut last) = (start + c.len_utf8(), c);
        while let Some(&(j, d)) = chars.peek().filter(|(_, d)| numeral(*d)) {
            chars.next();
            (end, last) = (j + d.len_utf8(), d);
        }
        let figure = &text[start..end];
        let value = if c.is_ascii_digit() {
            figure.parse::<u32>().ok()
        } else {
            chinese_number(figure)
        };
        let preceding = before;
        before = Some(last);
        let Some(n) = value else { continue };
        let mut rest = text[end..].trim_start_matches(' ');
        // `六（6）个月`: the figure repeated in brackets
        if rest.starts_with(['（', '(']) {
            let close = rest.char_indices().take(6).find(|(_, c)| matches!(c, '）' | ')'));
            if let Some((p, c)) = close {
                rest = &rest[p + c.len_utf8()..];
            }
        }
        let counted = rest.starts_with('个');
        if counted {
            rest = &rest['个'.len_utf8()..];
        }
        let unit = if rest.starts_with("工作日") || rest.starts_with('天') {
            Some(1)
        } else if rest.starts_with('日') {
            // `10月19日` is a date
            (preceding != Some('月')).then_some(1)
        } else if rest.starts_with('周') || rest.starts_with("星期") {
            Some(7)
        } else if rest.starts_with('月') {
            // `6个月` is a duration, `6月` is June
            counted.then_some(30)
        } else if let Some(after) = rest.strip_prefix('年') {
            // `2024年` is a year, and `3年` in `2023年3月` is not followed by a duration word
            (n < 100 && !after.starts_with(|c: char| c.is_ascii_digit())).then_some(360)
        } else {
            None
        };
        if let Some(unit) = unit {
            out.push(n.saturating_mul(unit));
        }
    }
    out
}

/// Words that say data is kept (GB/T 35273-2020 §6.1: retention as short as the purpose
/// needs; GDPR Art. 5(1)(e) and Art. 13(2)(a)), and words that open an exception to a limit on it.
const KEPT: &[&str] = &[
    "retain",
    "retained",
    "retention",
    "keep",
    "kept",
    "store",
    "stored",
    "保留",
    "保存",
    "存储",
];
const EXCEPT: &[&str] = &["unless", "except", "other than", "除非", "除外"];

/// The changed sentence of a modification that gives a limit on keeping data one more ground to
/// be exceeded (`unless an extension is required by law` → `… or is needed for our internal
/// analysis`, `除非法律要求…，或出于…的需要`): retention changed (§VIII 8.1). The old sentence is
/// kept whole, and what is put in is an alternative (`or`, `或`).
pub(super) fn retention_ground_added(old: &str, new: &str) -> Option<String> {
    use super::consent::contains_term;
    use crate::diff::text::{normal_form, words};
    let (os, ns) = super::lexicon::changed_sentences(old, new);
    let (on, nn) = (normal_form(&os), normal_form(&ns));
    let about =
        |n: &str| KEPT.iter().any(|k| contains_term(n, k)) && EXCEPT.iter().any(|k| contains_term(n, k));
    if !(about(&on) && about(&nn)) {
        return None;
    }
    let (ow, nw) = (words(&on), words(&nn));
    let mut kept = nw.iter();
    let whole = ow.iter().all(|w| kept.any(|x| x == w)) && nw.len() >= ow.len() + 2;
    let alternatives =
        |w: &[&str], n: &str| w.iter().filter(|x| **x == "or").count() + n.matches('或').count();
    (whole && alternatives(&nw, &nn) > alternatives(&ow, &on)).then_some(ns)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_ground_to_keep_data_longer_is_a_retention_change() {
        let g = super::retention_ground_added;
        assert!(g(
            "We delete it after the period, unless an extension of the retention period is required by law.",
            "We delete it after the period, unless an extension of the retention period is required by law or is needed for our internal analysis."
        )
        .is_some());
        assert!(
            g(
                "超出保留期后删除，除非法律要求延长保留期。",
                "超出保留期后删除，除非法律要求延长保留期，或出于内部分析的需要。"
            )
            .is_some()
        );
        // reworded, or a ground taken out: no ground added
        assert!(
            g(
                "We keep it unless the law requires more.",
                "We keep it unless the law requires us to keep it longer."
            )
            .is_none()
        );
        assert!(
            g(
                "We keep it unless the law or a court requires more.",
                "We keep it unless the law requires more."
            )
            .is_none()
        );
    }

    use super::*;

    #[test]
    fn english_durations() {
        assert_eq!(durations("within 30 calendar days"), [30]);
        assert_eq!(durations("for thirty days, then forty-five days"), [30, 45]);
        assert_eq!(durations("kept for one year"), [360]);
        assert_eq!(durations("kept for 12 months"), [360]);
        assert_eq!(durations("kept for five years"), [1800]);
        assert_eq!(durations("promptly, in 2024"), Vec::<u32>::new());
    }

    #[test]
    fn chinese_durations_and_dates() {
        assert_eq!(durations("在３０天内"), [30]);
        assert_eq!(durations("验证您的用户身份后的三十天内"), [30]);
        assert_eq!(durations("15个工作日内"), [15]);
        assert_eq!(durations("保存期为您注销账号后六（6）个月"), [180]);
        assert_eq!(durations("保存三年"), [1080]);
        assert_eq!(durations("更新日期：2022年10月19日"), Vec::<u32>::new());
        assert_eq!(durations("6月1日起生效"), Vec::<u32>::new());
        assert_eq!(chinese_number("一百八十"), Some(180));
        assert_eq!(chinese_number("十五"), Some(15));
        assert_eq!(chinese_number("两"), Some(2));
    }

    /// `chinese` as first written, over a vector of characters: the oracle for the reading by
    /// byte offsets.
    fn chinese_reference(text: &str) -> Vec<u32> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let start = i;
            let (value, end) = if chars[i].is_ascii_digit() {
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let digits: String = chars[start..i].iter().collect();
                (digits.parse::<u32>().ok(), i)
            } else if is_chinese_numeral(chars[i]) {
                while i < chars.len() && is_chinese_numeral(chars[i]) {
                    i += 1;
                }
                let numeral: String = chars[start..i].iter().collect();
                (chinese_number(&numeral), i)
            } else {
                i += 1;
                continue;
            };
            let Some(n) = value else { continue };
            let before = start.checked_sub(1).map(|k| chars[k]);
            let mut k = end;
            while k < chars.len() && chars[k] == ' ' {
                k += 1;
            }
            // `六（6）个月`: the figure repeated in brackets
            if matches!(chars.get(k), Some('（' | '(')) {
                let close = chars[k..chars.len().min(k + 6)]
                    .iter()
                    .position(|c| matches!(c, '）' | ')'));
                if let Some(p) = close {
                    k += p + 1;
                }
            }
            let counted = chars.get(k) == Some(&'个');
            if counted {
                k += 1;
            }
            let rest: String = chars[k..chars.len().min(k + 3)].iter().collect();
            let unit = if rest.starts_with("工作日") || rest.starts_with('天') {
                Some(1)
            } else if rest.starts_with('日') {
                // `10月19日` is a date
                (before != Some('月')).then_some(1)
            } else if rest.starts_with('周') || rest.starts_with("星期") {
                Some(7)
            } else if rest.starts_with('月') {
                // `6个月` is a duration, `6月` is June
                counted.then_some(30)
            } else if rest.starts_with('年') {
                // `2024年` is a year, and `3年` in `2023年3月` is not followed by a duration word
                (n < 100 && !chars.get(k + 1).is_some_and(|c| c.is_ascii_digit())).then_some(360)
            } else {
                None
            };
            if let Some(unit) = unit {
                out.push(n.saturating_mul(unit));
            }
        }
        out
    }

    proptest::proptest! {
        /// Text passed over unread holds no duration the full reading would find.
        #[test]
        fn text_passed_over_holds_no_duration(
            s in "([0-9 ]|thirty|One|DAYS|day|Weeks|month|YEAR|ｄａｙｓ|６|三十|个|月|天|年|日|周|星期|[a-z]|\\PC){0,24}"
        ) {
            if !may_hold_duration(&s) {
                proptest::prop_assert!(durations_unchecked(&s).is_empty());
            }
        }

        /// Chinese figures and units read by byte offsets as they were read over characters.
        #[test]
        fn chinese_reading_agrees_with_the_reference(
            s in "([0-9 ]|[一二三四五六七八九十百千两零]|个|月|年|日|天|周|星期|工作日|（|）|\\(|\\)|的|\\PC){0,30}"
        ) {
            proptest::prop_assert_eq!(chinese(&s), chinese_reference(&s));
        }
    }
}
