//! Organisations an English policy names without a legal form (`Stripe`, `Amazon Web Services`,
//! `Hetzner Online`): runs of capitalised words inside a sentence whose first word the documents
//! never write in lower case. GDPR Art. 13(1)(e) asks for the recipients of personal data, which
//! policies mostly name by brand; the legal forms `Inc`, `GmbH`, `有限公司` are read by
//! `evidence::companies`.

/// Month and weekday names: capitalised, never written in lower case, and no organisation.
const CALENDAR: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Words of a sentence that say data goes to, or is handled by, whoever it names: sharing and
/// disclosure (GDPR Art. 4(9)), processing on the company's behalf (Art. 28), the services a
/// policy names processors for (hosting, payment, analytics, advertising, SDKs).
const RECIPIENT_CUES: &[&str] = &[
    "share",
    "shared",
    "sharing",
    "disclos",
    "transfer",
    "provider",
    "processor",
    "processed by",
    "process your",
    "partner",
    "vendor",
    "third part",
    "recipient",
    "on our behalf",
    "sdk",
    "we use",
    "powered by",
    "hosted",
    "hosting",
    "analytics",
    "advertis",
    "payment",
];

/// Is `sentence` a sentence (some words in lower case, not a bar of links or a menu) about whom
/// data goes to or who handles it?
pub fn about_recipients(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    let prose = sentence
        .split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .count()
        >= 5;
    prose && sentence.matches("](").count() <= 1 && RECIPIENT_CUES.iter().any(|c| lower.contains(c))
}

/// Is the organisation `name` in `sentence` named as a recipient: a word of [`RECIPIENT_CUES`]
/// within eight words of it, outside the name itself (`Interactive Advertising Bureau` holds a cue
/// and is no recipient by that)?
pub fn named_as_recipient(sentence: &str, name: &str) -> bool {
    let Some(at) = sentence.find(name) else {
        return false;
    };
    let (before, after) = (&sentence[..at], &sentence[at + name.len()..]);
    let before: Vec<&str> = before.split_whitespace().rev().take(8).collect();
    let after: Vec<&str> = after.split_whitespace().take(8).collect();
    let near = format!(
        "{} {}",
        before.into_iter().rev().collect::<Vec<_>>().join(" "),
        after.join(" ")
    )
    .to_lowercase();
    RECIPIENT_CUES.iter().any(|c| near.contains(c))
}

/// The last words of a capitalised run that make it no organisation: the policy's own site or app
/// (`the Nimbus Site`), a law or an instrument (`General Data Protection Regulation`, `Model
/// Standard Contractual Clauses`), a defined kind of data (`Anonymised Data`, `Account
/// Information`) or a street (`Harbour Street`).
const NOT_AN_ORGANISATION: &[&str] = &[
    "Site",
    "Sites",
    "Website",
    "Websites",
    "App",
    "Apps",
    "Application",
    "Applications",
    "Act",
    "Law",
    "Laws",
    "Regulation",
    "Regulations",
    "Directive",
    "Code",
    "Clauses",
    "Framework",
    "Shield",
    "Principles",
    "Agreement",
    "Policy",
    "Notice",
    "Terms",
    "Rights",
    "Users",
    "Control",
    "Data",
    "Information",
    "Records",
    "Street",
    "St",
    "Road",
    "Avenue",
    "Ave",
    "Blvd",
    "Boulevard",
];

/// Words of a name that make it a technical standard (`Transport Layer Security`, `Secure Sockets
/// Layer`, `Advanced Encryption Standard`): how data is protected (GB/T 35273-2020 §6.3, GDPR
/// Art. 32), not anyone it goes to.
const TECHNICAL_STANDARD: &[&str] = &["Layer", "Protocol", "Encryption", "Standard", "Cipher"];

/// Words of a name that make it a court or a public body (`Court of Justice`, `European
/// Commission`): where complaints and appeals go (§VIII 8.5), not a recipient.
const PUBLIC_BODY: &[&str] = &[
    "Court",
    "Courts",
    "Commission",
    "Commissioner",
    "Authority",
    "Ombudsman",
    "Tribunal",
];

/// The states of the United States and the provinces and territories of Canada (ISO 3166-2:US,
/// ISO 3166-2:CA), which policies name for their laws: places, not organisations.
const REGIONS: &[&str] = &[
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
    "Alberta",
    "British Columbia",
    "Manitoba",
    "New Brunswick",
    "Newfoundland and Labrador",
    "Nova Scotia",
    "Ontario",
    "Prince Edward Island",
    "Quebec",
    "Québec",
    "Saskatchewan",
    "Yukon",
    "Nunavut",
    "Northwest Territories",
];

/// Is `word` an acronym standing alone (`GDPR`, `APIs`): laws and technical terms far more often
/// than organisations.
fn acronym(word: &str) -> bool {
    let stem = word.strip_suffix('s').unwrap_or(word);
    stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Does one of `texts` write `word` (in lower case) as a word of its own (`services`, the
/// `third` of `third-party`)? A capitalised word written so is an ordinary word, not a name.
pub fn written_in_lower_case(texts: &[&str], word: &str) -> bool {
    !word.is_empty()
        && texts.iter().any(|t| {
            t.match_indices(word).any(|(at, _)| {
                let before = t[..at].chars().next_back();
                let after = t[at + word.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
        })
}

/// [`candidates`] whose first word is no ordinary word (`ordinary`): the names of organisations in
/// `sentence`.
#[cfg(test)]
fn names(sentence: &str, ordinary: &dyn Fn(&str) -> bool) -> Vec<String> {
    candidates(sentence)
        .into_iter()
        .filter(|n| !ordinary_word(n, ordinary))
        .collect()
}

/// The names of organisations an English `sentence` may hold: runs of capitalised words (with `&`
/// or `of` between two of them) not at the start of a line, a sentence or a label's value, of at
/// most four words, no month or weekday, no acronym standing alone (`GDPR`, `CCPA` name laws) and
/// none of the runs [`NOT_AN_ORGANISATION`], [`PUBLIC_BODY`] and [`REGIONS`] tell apart. Whether
/// the first word is an ordinary word ([`ordinary_word`]) takes a search of the documents: the
/// caller asks it last.
pub fn candidates(sentence: &str) -> Vec<String> {
    // a name never runs from one line into the next (`Mastodon` / `Tools` are two menu entries)
    // (nor across a table's cells or an HTML line break)
    sentence
        .split(['\n', '|'])
        .flat_map(|line| line.split("<br>"))
        .flat_map(names_in_line)
        .collect()
}

/// Is the first word of `name` an ordinary word (a hyphenated word is when its first part is:
/// `Third-Party`, `US-based`)?
pub fn ordinary_word(name: &str, ordinary: &dyn Fn(&str) -> bool) -> bool {
    let first = name.split([' ', '-']).next().unwrap_or(name);
    ordinary(&first.to_lowercase())
}

fn names_in_line(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    let tokens: Vec<&str> = sentence.split_whitespace().collect();
    // does a run starting at token `i` begin the line, a sentence or a label's value (`Purpose:
    // Notify …`): only marks, numbers and capitals (`-`, `1.`, `**`, `NOTE`) before it, or a
    // colon or a sentence's end just before?
    // (the index of the first token with a lower-case letter, found once; a Chinese word, which
    // has no case, is no start of a sentence either: `支付信息由 Apple 处理`)
    let first_lower = tokens
        .iter()
        .position(|t| {
            t.chars()
                .any(|c| c.is_lowercase() || crate::diff::text::is_cjk(c))
        })
        .unwrap_or(tokens.len());
    let initial = |i: usize| i <= first_lower || tokens[i - 1].ends_with([':', '.', '!', '?', ';']);
    let mut run: Vec<&str> = Vec::new();
    // the index of the run's first word in the sentence
    let mut start = 0;
    let mut flush = |run: &mut Vec<&str>, start: usize| {
        // a connector never ends a name
        while run.last().is_some_and(|w| matches!(*w, "&" | "of")) {
            run.pop();
        }
        if let Some(first) = run.first()
            && !initial(start)
            && run.len() <= 4
            && !run.last().is_some_and(|w| NOT_AN_ORGANISATION.contains(w))
            && !CALENDAR.contains(first)
            // a court, a public body, or a reference into a law (`GDPR Art`, `Section 5`)
            && !run.iter().any(|w| PUBLIC_BODY.contains(w) || matches!(*w, "Art" | "Article" | "Section"))
            && !run.iter().any(|w| TECHNICAL_STANDARD.contains(w))
            // shouting (`AS PROVIDED BY LAW`), not a name
            && !run.iter().all(|w| !w.chars().any(char::is_lowercase))
            && !(run.len() == 1 && acronym(first))
        {
            let name = run.join(" ");
            if !REGIONS.iter().any(|r| name.starts_with(r)) {
                out.push(name);
            }
        }
        run.clear();
    };
    for (i, token) in tokens.iter().enumerate() {
        let opens = token.starts_with(|c: char| !c.is_alphanumeric() && c != '&');
        let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let closes =
            !token.ends_with(|c: char| c.is_alphanumeric() || c == '&') || word.len() + 2 <= token.len();
        if opens {
            flush(&mut run, start);
        }
        let capital = word.chars().next().is_some_and(|c| c.is_uppercase())
            && word.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let connector = !run.is_empty() && matches!(word, "&" | "of");
        if capital || connector {
            if run.is_empty() {
                start = i;
            }
            run.push(word);
        } else {
            flush(&mut run, start);
        }
        if closes {
            flush(&mut run, start);
        }
    }
    flush(&mut run, start);
    out
}

/// Chinese: the head a brand name ends in when it names a cloud provider (阿里云, 腾讯云, 华为云,
/// 百度智能云), the processor a Chinese policy most often names without a legal form (GB/T
/// 35273-2020 §9.1, entrusted processing; PIPL Art. 21). The legal forms (`有限公司`) are read by
/// `evidence::companies`, SDKs by `sdk::sdks`.
const ZH_HEAD: char = '云';

/// What stands just before a name in a Chinese sentence: a provider's category (`云服务提供商阿里云`),
/// an example or a list (`例如`, `、`), the prepositions and verbs that take an organisation (`与`,
/// `由`, `托管于`, `使用`), punctuation, or the line's start.
const ZH_BEFORE_NAME: &[&str] = &[
    "提供商",
    "服务商",
    "供应商",
    "合作方",
    "合作伙伴",
    "例如",
    "如",
    "包括",
    "与",
    "由",
    "向",
    "和",
    "及",
    "或",
    "于",
    "在",
    "至",
    "到",
    "使用",
    "采用",
    "选用",
    "委托",
    "通过",
    "：",
    ":",
    "、",
    "，",
    ",",
    "（",
    "(",
    "“",
    "\"",
    "「",
    "《",
];

/// Modifiers of 云 that say what kind of cloud it is, not whose: `私有云`, `境内云`.
const ZH_GENERIC_CLOUD: &[&str] = &[
    "私有",
    "公有",
    "混合",
    "专有",
    "专属",
    "政务",
    "行业",
    "边缘",
    "境内",
    "境外",
    "国内",
    "海外",
    "本地",
    "第三方",
    "服务商",
    "提供商",
    "我们的",
    "自有",
];

/// The cloud providers a Chinese `line` names by brand ([`ZH_HEAD`] after two to four Chinese
/// characters that follow one of [`ZH_BEFORE_NAME`]; the shortest such name).
pub fn zh_names(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in line.match_indices(ZH_HEAD) {
        let before = &line[..at];
        let chars: Vec<(usize, char)> = before.char_indices().rev().take(4).collect();
        for k in 2..=chars.len() {
            let (start, _) = chars[k - 1];
            let modifier = &before[start..];
            // (`我们与云服务`: a preposition, not a name, stands before 云)
            if !modifier.chars().all(crate::diff::text::is_cjk)
                || modifier.contains(['的', '们'])
                || ZH_BEFORE_NAME.iter().any(|c| modifier.ends_with(c))
            {
                break;
            }
            let context = &before[..start];
            if context.trim_end().is_empty() || ZH_BEFORE_NAME.iter().any(|c| context.ends_with(c)) {
                if !ZH_GENERIC_CLOUD.contains(&modifier) {
                    out.push(format!("{modifier}{ZH_HEAD}"));
                }
                break;
            }
        }
    }
    out
}

/// Words of a Chinese sentence that say data goes to, or is handled by, whoever it names (the
/// counterparts of [`RECIPIENT_CUES`]).
const ZH_RECIPIENT_CUES: &[&str] = &[
    "共享",
    "提供给",
    "委托",
    "服务商",
    "提供商",
    "合作方",
    "合作伙伴",
    "第三方",
    "托管",
    "存储",
    "储存",
    "部署",
    "代表我们",
    "处理",
    "传输",
];

/// Is the Chinese `line` about whom data goes to or who handles it?
pub fn zh_about_recipients(line: &str) -> bool {
    ZH_RECIPIENT_CUES.iter().any(|c| line.contains(c))
}

#[cfg(test)]
mod tests {
    use super::{
        about_recipients, named_as_recipient, names, written_in_lower_case, zh_about_recipients, zh_names,
    };

    #[test]
    fn brands_inside_a_sentence_are_names() {
        let text = "We use Stripe to process your payments and host data with Amazon Web Services, in Ireland. \
                    Our services and web pages are listed under Services.";
        let ordinary = |w: &str| written_in_lower_case(&[text], w);
        assert_eq!(
            names(
                "We use Stripe to process your payments and host data with Amazon Web Services, in Ireland.",
                &ordinary
            ),
            ["Stripe", "Amazon Web Services", "Ireland"]
        );
        // an ordinary word, capitalised; a law's acronym; a month; the first word of a sentence
        assert!(
            names(
                "Please see our Services and the GDPR, as of March 2025.",
                &ordinary
            )
            .is_empty()
        );
        assert!(names("Stripe processes payments.", &ordinary).is_empty());
        // a list item's first word, a label's value, a law, a defined kind of data, an acronym
        assert!(names("- Notify you of changes, as we share data", &ordinary).is_empty());
        assert!(names("Purpose: Understand how you use it", &ordinary).is_empty());
        assert!(
            names(
                "We rely on the General Data Protection Regulation for Anonymised Data and APIs",
                &ordinary
            )
            .is_empty()
        );
        // a product of the policy's own, and a run too long for a name (a menu)
        assert!(names("Settings on the Nimbus Site are yours.", &ordinary).is_empty());
        assert!(
            names(
                "residents of California or of New York, and the Court of Justice",
                &ordinary
            )
            .is_empty()
        );
        assert!(names("| a cell | Grounds for it<br>Imagery of the face", &ordinary).is_empty());
        assert!(
            names(
                "Follow the paper on Mastodon Tools Portfolio Today Markets",
                &ordinary
            )
            .is_empty()
        );
        assert_eq!(names("Follow us on Mastodon\nTools", &ordinary), ["Mastodon"]);
        // connectors inside a name, a possessive, brackets
        assert_eq!(
            names(
                "We share it with Bird & Bird and with Bank of America's (BoA) team.",
                &ordinary
            ),
            ["Bird & Bird", "Bank of America", "BoA"]
        );
    }

    #[test]
    fn a_recipient_is_named_near_its_cue() {
        let s = "We use Stripe to process your payments.";
        assert!(named_as_recipient(s, "Stripe"));
        let s =
            "We follow the Interactive Advertising Bureau's principles for our newsletters and our events.";
        assert!(!named_as_recipient(s, "Interactive Advertising Bureau"));
        let s = "Acme may share aggregated figures, as the law of our country and the rules of the Zeta Guild permit.";
        assert!(!named_as_recipient(s, "Zeta Guild"));
    }

    #[test]
    fn recipients_are_named_where_data_goes() {
        assert!(about_recipients("We use Stripe to process your payments."));
        assert!(about_recipients("Your data is hosted for us by Hetzner Online."));
        assert!(!about_recipients("Our office is in Berlin."));
        assert!(!about_recipients(
            "[Advertise](https://a.example) [Share](https://b.example) now"
        ));
    }

    #[test]
    fn chinese_cloud_providers_are_named_by_brand() {
        assert_eq!(
            zh_names("我们与云服务提供商阿里云共享数据，由其代表我们处理。"),
            ["阿里云"]
        );
        assert_eq!(
            zh_names("数据托管于华为云和百度智能云。"),
            ["华为云", "百度智能云"]
        );
        // what kind of cloud, not whose; a cloud with no name before it
        assert!(zh_names("数据存储在私有云中，并同步到云端。").is_empty());
        assert!(zh_names("我们使用云服务保存数据。").is_empty());
        assert!(zh_about_recipients("我们与云服务提供商阿里云共享数据"));
        assert!(!zh_about_recipients("阿里云是一家公司"));
    }
}
