//! `prose-contains-fact`: emails, phone numbers and package names belong in `facts.toml`, so that
//! changing one there changes every page; prose refers to them with `{{ … }}`.
//!
//! Phone detection is also `import`'s and the diff's (`find_phones`), so it must not take other
//! numbers for phones: standards (GB/T, ISO, IEC, RFC, EN), register and licence numbers
//! (统一社会信用代码, ICP备, 营业执照, company numbers), dates, year ranges, versions, postcodes,
//! street numbers and identifiers in URLs. `tests/corpus/phones/labels.toml` holds the real phones of
//! 35 real policies, labelled by reading; `tests/integration/phones.rs` holds it to no false
//! positive and at least 95 % found.

use crate::error::{Diagnostic, Level};
use crate::model::Content;

/// The rule.
pub const RULE: super::Rule = super::Rule {
    id: "prose-contains-fact",
    default: Level::Error,
    explain: "A section file contains an email address, a phone number or a package name. These are facts: \
write them once in facts.toml and refer to them from the prose (`{{ contact.email }}`, or a partial such as \
`{{> sdk-table sdks }}`), so a change in facts.toml changes every page and every locale at once.",
    run,
};

fn run(content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for version in content.versions.values() {
        for edition in version.editions.values() {
            for section in &edition.sections {
                for (offset, what) in find_facts(section.body()) {
                    out.push(Diagnostic::at(
                        &section.file,
                        section.body_start + offset,
                        format!("{what} in prose: move it to facts.toml and refer to it with `{{{{ … }}}}`"),
                    ));
                }
            }
        }
    }
    out
}

/// Emails, phones and package names in `text`: (byte offset, (kind, value)), sorted by offset.
pub fn find_facts_in(text: &str) -> Vec<(usize, (&'static str, String))> {
    find_facts(text)
        .into_iter()
        .filter_map(|(offset, what)| {
            let value = what.split('`').nth(1)?.to_string();
            let kind = if what.starts_with("email") {
                "email"
            } else if what.starts_with("phone") {
                "phone"
            } else {
                "package"
            };
            Some((offset, (kind, value)))
        })
        .collect()
}

/// Package-name prefixes (reverse domain names).
const PACKAGE_ROOTS: &[&str] = &[
    "com", "org", "net", "cn", "io", "android", "androidx", "me", "tv", "app", "dev", "de", "uk", "jp",
];

/// Byte offsets and kinds of email addresses, phone numbers and package names in `text`.
pub fn find_facts(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '@');
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().expect("in bounds");
        if !token_char(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < text.len() && token_char(text[i..].chars().next().expect("in bounds")) {
            i += 1;
        }
        let token = text[start..i].trim_end_matches(['.', '-', '_']);
        if let Some((user, domain)) = token.split_once('@')
            && !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
        {
            out.push((start, format!("email address `{token}`")));
            continue;
        }
        let parts: Vec<&str> = token.split('.').collect();
        if parts.len() >= 3
            && PACKAGE_ROOTS.contains(&parts[0])
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.starts_with(|c: char| c.is_ascii_lowercase()))
        {
            out.push((start, format!("package name `{token}`")));
        }
    }
    for (offset, run) in phone_runs(text) {
        out.push((offset, format!("phone number `{run}`")));
    }
    out.sort();
    out
}

/// Are the digits `a` and `b` one telephone number, written in another format: with or without
/// the international prefix and the country code (`+86 755 …` or `0086 755 …`), with or without
/// the national trunk prefix (`0755 …`), as ITU-T E.164 numbers are written nationally and
/// internationally? The part both keep must be a whole subscriber number (seven digits or more).
pub fn same_phone(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    long == short || (short.len() >= 7 && long.len() - short.len() <= 3 && long.ends_with(short))
}

/// Phone numbers in `text`: runs of digits with separators, 7 digits or more, that are not dates.
pub fn find_phones(text: &str) -> Vec<String> {
    phone_runs(text).into_iter().map(|(_, r)| r).collect()
}

fn phone_runs(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut j = 0;
    while j < bytes.len() {
        if !(bytes[j].is_ascii_digit() || bytes[j] == b'+')
            || (j > 0 && bytes[j - 1].is_ascii_alphanumeric() && !after_phone_word(&text[..j]))
        {
            j += 1;
            continue;
        }
        let start = j;
        let mut end = j;
        let mut digits = 0;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit() || matches!(bytes[end], b'-' | b' ' | b'(' | b')' | b'+'))
        {
            if bytes[end].is_ascii_digit() {
                digits += 1;
            }
            end += 1;
        }
        let run = text[start..end].trim_end_matches([' ', '-', '(']);
        let is_date = crate::date::Date::parse(run).is_ok();
        let phone = if digits >= 7 {
            !is_date && !look_alike(text, start, start + run.len(), run)
        } else {
            (5..=6).contains(&digits) && is_service_number(text, start, start + run.len(), run)
        };
        if phone {
            out.push((start, run.to_string()));
        }
        j = end.max(j + 1);
    }
    out
}

/// Does `before` end in a word that names a phone line, written with no space before the number
/// (`Contact0755-28283350`, `Tel.` aside: a layout that lost its space)? A number glued to other
/// letters (`ABC1234567`) is an identifier.
fn after_phone_word(before: &str) -> bool {
    let word = &before[before
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |at| at + before[at..].chars().next().map_or(1, char::len_utf8))..];
    ["contact", "phone", "telephone", "tel", "hotline", "mobile"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// A short service number (12306, 95588): five or six digits alone, right after a phone word
/// (`电话：12306`, `客服电话“12361”`, `Tel: 95588`), with at most a colon, a space or an opening
/// quote or bracket between.
fn is_service_number(text: &str, start: usize, end: usize, run: &str) -> bool {
    if !run.bytes().all(|b| b.is_ascii_digit())
        || text[end..].chars().next().is_some_and(|c| c.is_alphanumeric())
    {
        return false;
    }
    let before = text[..start].trim_end_matches([' ', ':', '：', '“', '"', '「', '（', '(', '【']);
    if text[..start].len() - before.len() > 6 {
        return false;
    }
    let lower = before.to_lowercase();
    ["电话", "热线", "客服", "phone", "tel", "hotline"]
        .iter()
        .any(|w| lower.ends_with(w))
}

/// Street words after a number: `2600-1066 West Hastings Street` is an address.
const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "lane",
    "drive",
    "dr",
    "square",
    "place",
    "way",
    "court",
    "highway",
];

/// Whether the few words after `end` name a street, or are a Dutch postcode's letters (`1101 AX`).
fn address_follows(text: &str, end: usize) -> bool {
    let after: Vec<&str> = text[end..]
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let dutch_postcode = after.first().is_some_and(|w| {
        w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase()) && text[end..].starts_with(' ')
    });
    dutch_postcode
        || after.iter().any(|w| {
            let w = w.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            STREET_WORDS.contains(&w.as_str())
        })
}

/// Whether `words` (lower case, in order) name a phone: whole English words (`tel`, not `hotel`;
/// `Tel Aviv` is a city), Chinese anywhere in `lower`.
fn names_a_phone(lower: &str, words: &[&str]) -> bool {
    let chinese = ["电话", "热线", "客服", "传真", "致电", "拨打", "号码"]
        .iter()
        .any(|k| lower.contains(k));
    let english = words.iter().enumerate().any(|(i, w)| {
        let w = w.trim_matches(['.', ':', '/', '-']);
        match w {
            "tel" => words.get(i + 1).is_none_or(|next| *next != "aviv"),
            _ => [
                "phone",
                "telephone",
                "call",
                "fax",
                "hotline",
                "helpline",
                "contact",
                "voicemail",
                "mobile",
            ]
            .iter()
            .any(|k| w.starts_with(k)),
        }
    });
    chinese || english
}

/// A number that looks like a phone number but is another identifier: a standard's (GB/T 35273-2020,
/// ISO 27001), a register's or licence's (company, VAT, ICP 备案, 统一社会信用代码), a date
/// (20220210), a postcode (01418-200, 91521-7667), or a digit string glued to letters. A number
/// written without separators needs a phone word before it (phone, tel, 电话 …).
fn look_alike(text: &str, start: usize, end: usize, run: &str) -> bool {
    let before = &text[text[..start].char_indices().rev().nth(30).map_or(0, |(i, _)| i)..start];
    let lower = before.to_lowercase();
    let after = text[end..].chars().next();
    // glued to letters, inside a URL or an identifier (`/360004450251`, `=1008008`, `#28-0001`)
    if after.is_some_and(|c| c.is_ascii_alphabetic())
        || before.ends_with(['-', '/', '.', '=', '#', '_', '?', '&'])
    {
        return true;
    }
    if address_follows(text, end) || is_year_range(run) {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    if names_a_phone(&lower, &words) {
        return false;
    }
    // identifiers' names: Chinese anywhere, English as whole words (`act`, not `contact`)
    let identifier = ["备", "许可证", "执照", "代码", "注册号", "标准"]
        .iter()
        .any(|k| lower.contains(k))
        || ["company number", "company no", "number:", "reg no", "no."]
            .iter()
            .any(|k| lower.contains(k))
        || words.iter().any(|w| {
            matches!(
                *w,
                "gb/t"
                    | "gb"
                    | "iso"
                    | "iec"
                    | "rfc"
                    | "icp"
                    | "vat"
                    | "reg"
                    | "no"
                    | "siren"
                    | "siret"
                    | "rcs"
                    | "hrb"
                    | "kvk"
                    | "abn"
                    | "acn"
                    | "ein"
                    | "cnpj"
                    | "nif"
                    | "cif"
                    | "frn"
                    | "id"
                    | "article"
                    | "section"
                    | "law"
                    | "act"
                    | "registered"
            ) || w.starts_with("registr")
                || w.starts_with("licen")
                || w.starts_with("doc-")
        });
    if identifier {
        return true;
    }
    let digits: String = run.chars().filter(char::is_ascii_digit).collect();
    let shape: String = run
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    // dates and postcodes
    let dated = digits.len() == 8
        && (digits.starts_with("19") || digits.starts_with("20"))
        && matches!(
            &digits[4..6],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        );
    let postcode = matches!(shape.as_str(), "99999-999" | "99999-9999" | "999 999 999");
    // a bare run of digits with no separator and no phone word is some other number
    let bare = !run.contains([' ', '-', '(', ')', '+']) && digits.len() <= 9;
    dated || postcode || bare
}

/// `2006-2018`, `1998 - 2024`: two years, the second not earlier.
fn is_year_range(run: &str) -> bool {
    let years: Vec<&str> = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let year = |y: &str| y.len() == 4 && (y.starts_with("19") || y.starts_with("20"));
    years.len() == 2 && years.iter().all(|y| year(y)) && years[0] <= years[1]
}

#[cfg(test)]
mod tests {
    use super::find_facts;

    #[test]
    fn finds_facts() {
        let kinds = |t: &str| find_facts(t).into_iter().map(|(_, k)| k).collect::<Vec<_>>();
        assert_eq!(
            kinds("Mail app@smallrig.com now."),
            vec!["email address `app@smallrig.com`"]
        );
        assert_eq!(kinds("Call 0755-28283350."), vec!["phone number `0755-28283350`"]);
        assert_eq!(
            kinds("Uses com.tencent.bugly here"),
            vec!["package name `com.tencent.bugly`"]
        );
        assert!(
            kinds(
                "Within 30 days, 25-29 years old, on 2022-10-19, see www.example.com and {{ contact.email }}"
            )
            .is_empty()
        );
        assert!(kinds("电话：0755 2828 3350").len() == 1);
        // look-alikes: standards, registers, dates, postcodes
        for t in [
            "符合 GB/T 35273-2020 的要求",
            "Company number 6048248, VAT GB 201935002N",
            "updated 20220210",
            "São Paulo, 01418-200",
            "SIREN 535 217 723",
            "粤ICP备12345678号",
        ] {
            assert!(kinds(t).is_empty(), "{t}: {:?}", kinds(t));
        }
        for t in [
            "Tel Aviv 6350671, Israel",
            "© 2006-2018 Wix.com",
            "2600-1066 West Hastings Street; Vancouver",
            "De Passage 144 1101 AX Amsterdam",
            "One Marina Boulevard, #28-00018989",
            "topic/2919631?hl=en&ref_topic=1008008",
            "欢迎使用12306网购票",
        ] {
            assert!(kinds(t).is_empty(), "{t}: {:?}", kinds(t));
        }
        assert_eq!(kinds("电话：12306"), vec!["phone number `12306`"]);
        assert_eq!(kinds("拨打我们的客服电话“12361”或"), vec!["phone number `12361`"]);
        assert_eq!(kinds("Call us at 1-833-611-1920").len(), 1);
        assert_eq!(kinds("客服电话 4008353331").len(), 1);
        // a phone word that lost its space is still one; other letters make an identifier
        assert_eq!(
            kinds("Contact0755-28283350"),
            vec!["phone number `0755-28283350`"]
        );
        assert!(kinds("Order ABC0755283350").is_empty());
    }
}
