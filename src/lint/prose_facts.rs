//! `prose-contains-fact`: emails, phone numbers and package names belong in `facts.toml`, so that
//! changing one there changes every page; prose refers to them with `{{ … }}`.

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

/// Phone numbers in `text`: runs of digits with separators, 7 digits or more, that are not dates.
pub fn find_phones(text: &str) -> Vec<String> {
    phone_runs(text).into_iter().map(|(_, r)| r).collect()
}

fn phone_runs(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut j = 0;
    while j < bytes.len() {
        if !(bytes[j].is_ascii_digit() || bytes[j] == b'+') || (j > 0 && bytes[j - 1].is_ascii_alphanumeric())
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
        if digits >= 7 && !is_date && !look_alike(text, start, start + run.len(), run) {
            out.push((start, run.to_string()));
        }
        j = end.max(j + 1);
    }
    out
}

/// A number that looks like a phone number but is another identifier: a standard's (GB/T 35273-2020,
/// ISO 27001), a register's or licence's (company, VAT, ICP 备案, 统一社会信用代码), a date
/// (20220210), a postcode (01418-200, 91521-7667), or a digit string glued to letters. A number
/// written without separators needs a phone word before it (phone, tel, 电话 …).
fn look_alike(text: &str, start: usize, end: usize, run: &str) -> bool {
    let before = &text[text[..start].char_indices().rev().nth(30).map_or(0, |(i, _)| i)..start];
    let lower = before.to_lowercase();
    let after = text[end..].chars().next();
    if after.is_some_and(|c| c.is_ascii_alphabetic()) || before.ends_with(['-', '/', '.']) {
        return true;
    }
    let phone_word = [
        "phone", "tel", "call", "fax", "hotline", "helpline", "contact", "电话", "热线", "客服", "传真",
        "致电", "拨打", "号码",
    ]
    .iter()
    .any(|k| lower.contains(k));
    if phone_word {
        return false;
    }
    // identifiers' names: Chinese anywhere, English as whole words (`act`, not `contact`)
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
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
        assert_eq!(kinds("Call us at 1-833-611-1920").len(), 1);
        assert_eq!(kinds("客服电话 4008353331").len(), 1);
    }
}
