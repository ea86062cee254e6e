//! Third-party SDKs and embedded components named in prose (GB/T 35273-2020 §9.7 and the
//! 网络安全标准实践指南—移动互联网应用程序（App）使用第三方SDK: a policy lists each SDK with its
//! purpose and the data it takes; GDPR Art. 13(1)(e) recipients). Read by their general shapes
//! only, never from a list of vendors:
//!
//! 1. a name followed by `SDK` (`Foo SDK`, `FooSDK`, `某某分享 SDK`, `maasdk`), the name taken back
//!    to the words that lead into it (集成, 使用, `the`, `our` …); a bare `the SDK` names none;
//! 2. the value of an `SDK名称：` field, or the name that opens an entry whose `使用目的：` or
//!    `使用场景：` follows (the guideline's layout);
//! 3. a capitalised name followed by a component kind (`Foo Analytics`, `Foo Pixel`, `Foo Tag
//!    Manager`) or a CAPTCHA service (`reCAPTCHA`);
//! 4. an Android package name (`com.example.sdk`);
//! 5. the other short items of a list one of whose items is an SDK by 1.

/// Words that lead into an SDK's name and are not part of it, and the generic ones that name
/// no SDK (`the SDK`, `第三方SDK`).
const LEAD_ZH: &[&str] = &[
    "集成", "接入", "使用", "嵌入", "通过", "采用", "包括", "以及", "的", "了", "和", "及", "或", "为", "如",
    "由", "等", "用于", "改善", "以",
];
const GENERIC: &[&str] = &[
    "the",
    "our",
    "this",
    "that",
    "these",
    "those",
    "any",
    "a",
    "an",
    "such",
    "its",
    "their",
    "your",
    "third-party",
    "third party",
    "mobile",
    "an sdk",
    "第三方",
    "该",
    "此",
    "这些",
    "相关",
    "以下",
    "上述",
    "其他",
    "各",
    "本",
    "部分",
    "某些",
    "这类",
    "该类",
    "名称",
];
/// Component kinds that follow a product's name (category 3).
const KINDS: &[&str] = &["Analytics", "Pixel", "Tag Manager", "Crashlytics"];

/// The SDKs `text` names, as written, in text order, each once.
pub fn sdks(text: &str) -> Vec<String> {
    // the abbreviation written out names the same kit (`a push software development kit (SDK)`,
    // `推送软件开发工具包（SDK）`)
    // (looked for without a lowercase copy: `Development` or `development`)
    if text.contains("evelopment kit") || text.contains("EVELOPMENT KIT") || text.contains("软件开发工具包")
    {
        return sdks_abbreviated(&abbreviated(text));
    }
    sdks_abbreviated(text)
}

/// `text` with every written-out software development kit said as `SDK` (an `(SDK)` after it
/// dropped).
fn abbreviated(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let long = "software development kit";
    loop {
        let lower = rest.to_ascii_lowercase();
        let en = lower.find(long).map(|at| (at, long.len()));
        let zh = rest.find("软件开发工具包").map(|at| (at, "软件开发工具包".len()));
        let Some((at, len)) = [en, zh].into_iter().flatten().min() else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        out.push_str("SDK");
        rest = &rest[at + len..];
        // a plural, then the abbreviation given in brackets
        rest = rest.strip_prefix('s').unwrap_or(rest);
        for given in [" (SDK)", "(SDK)", "（SDK）", " (SDKs)", "（SDKs）"] {
            if let Some(r) = rest.strip_prefix(given) {
                rest = r;
                break;
            }
        }
    }
}

fn sdks_abbreviated(text: &str) -> Vec<String> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut push = |at: usize, name: &str| {
        let name = name.trim_matches(|c: char| c.is_whitespace() || "*_\"“”'‘’「」【】".contains(c));
        if !name.is_empty()
            && !GENERIC.contains(&name.to_lowercase().trim_end_matches("sdk").trim())
            && !out.iter().any(|(_, n)| n == name)
        {
            out.push((at, name.to_string()));
        }
    };
    // each kind of mention looked for only where its mark is (a passage rarely names an SDK)
    let has = |mark: &str| {
        text.as_bytes()
            .windows(mark.len())
            .any(|w| w.eq_ignore_ascii_case(mark.as_bytes()))
    };
    let suffixed = if has("sdk") { suffixed(text) } else { vec![] };
    for &(at, ref name) in &suffixed {
        push(at, name);
    }
    for (at, name) in fields(text) {
        push(at, &name);
    }
    for (at, name) in kinds(text) {
        push(at, &name);
    }
    if ["com.", "cn.", "net.", "org.", "io."]
        .iter()
        .any(|p| text.contains(p))
    {
        for (at, name) in packages(text) {
            push(at, &name);
        }
    }
    if !suffixed.is_empty() {
        for (at, name) in list_mates(text, &suffixed) {
            push(at, &name);
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, n)| n).collect()
}

/// Can `c` be part of an SDK's name?
fn name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '+' | '-' | '.' | '_')
}

/// Category 1: `… SDK`, the name run back from the suffix.
fn suffixed(text: &str) -> Vec<(usize, String)> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for (at, _) in lower.match_indices("sdk") {
        let end = at + 3;
        // `SDKs` and `SDK` inside a longer word (`sdkversion`) are not a name's suffix
        if lower[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        // inside a link (`…/Android_SDK%E8…`, `/about/thirdpartsdk`)
        let token_start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(k, c)| k + c.len_utf8());
        if text[token_start..at].contains(['/', '%', '=']) {
            continue;
        }
        let mut start = at;
        let mut words = 0;
        // back over the name: a run of name characters, a bracketed part, single spaces between
        // capitalised Latin words (at most three) or before `SDK`
        let mut i = at;
        let before = &text[..at];
        let mut chars = before.char_indices().rev().peekable();
        let mut open: Option<char> = None;
        while let Some((j, c)) = chars.next() {
            if let Some(close) = open {
                if (close == '）' && c == '（') || (close == ')' && c == '(') {
                    open = None;
                }
                i = j;
                continue;
            }
            if c == '）' || c == ')' {
                open = Some(c);
                i = j;
                continue;
            }
            if c == ' ' {
                // a space right before `SDK`, or between capitalised Latin words
                let next_is_name = chars
                    .peek()
                    .is_some_and(|&(_, p)| name_char(p) || p == '）' || p == ')');
                let word = &text[i..at];
                let capital = word.chars().next().is_some_and(|c| c.is_uppercase());
                if next_is_name && (i == at || (capital && words < 2)) {
                    if i != at {
                        words += 1;
                    }
                    i = j;
                    continue;
                }
                break;
            }
            if !name_char(c) {
                break;
            }
            i = j;
        }
        start = start.min(i);
        let raw = text[start..at].trim_end();
        let mut name = raw.trim_start().to_string();
        // the words that lead into the name are not part of it
        if let Some((k, lead)) = LEAD_ZH
            .iter()
            .filter_map(|l| name.rfind(l).map(|k| (k, l.len())))
            .max_by_key(|(k, _)| *k)
        {
            name = name[k + lead..].to_string();
        }
        // nor is a list number before it (`2.1.3`, `⑨`)
        let name =
            name.trim_start_matches(|c: char| c.is_numeric() || matches!(c, '.' | '-' | '_' | '+' | ' '));
        let mut words: Vec<&str> = name.split(' ').collect();
        while words.first().is_some_and(|w| {
            GENERIC.contains(&w.to_lowercase().as_str())
                || w.chars().next().is_some_and(char::is_lowercase) && words.len() > 1
        }) {
            words.remove(0);
        }
        let name = words.join(" ");
        let bare = name.trim_end_matches(['-', '.', '_', ' ']);
        // a name has a letter: `（三）SDK` is a heading's number
        let lettered = bare
            .chars()
            .any(|c| c.is_alphabetic() && !"一二三四五六七八九十".contains(c));
        if !lettered || bare.chars().count() > 16 || GENERIC.contains(&bare.to_lowercase().as_str()) {
            continue;
        }
        let name_start = start + raw.len() - name.len();
        out.push((name_start, text[name_start..end].to_string()));
    }
    out
}

/// Category 2: the value of an `SDK名称：` (or `SDK 名称:`) field.
fn fields(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (at, m) in text.match_indices("名称") {
        let head = text[..at].trim_end().to_ascii_lowercase();
        if !head.ends_with("sdk") {
            continue;
        }
        let rest = text[at + m.len()..].trim_start_matches([':', '：', ' ', '*']);
        let value: String = rest
            .chars()
            .take_while(|&c| !matches!(c, '，' | ',' | '。' | '；' | ';' | '\n' | '*' | '（' | '('))
            .collect();
        let value = value.trim();
        if !value.is_empty() && value.chars().count() <= 20 {
            out.push((at, value.to_string()));
        }
    }
    // the guideline's layout: an SDK's name opens its entry, its purpose follows
    // (`**Foo** **使用目的：**…`)
    for field in ["使用目的", "使用场景"] {
        for (at, _) in text.match_indices(field) {
            if !text[at + field.len()..]
                .trim_start_matches('*')
                .starts_with([':', '：'])
            {
                continue;
            }
            let line_start = text[..at].rfind('\n').map_or(0, |k| k + 1);
            let head = text[line_start..at].trim_matches(|c: char| c == '*' || c.is_whitespace());
            let name = head.trim_start_matches(|c: char| c.is_numeric() || ".、)）(（-•·*# ".contains(c));
            let name = name.trim_matches(|c: char| c == '*' || c.is_whitespace());
            if (2..=20).contains(&name.chars().count())
                && name.chars().all(|c| name_char(c) || " （）()".contains(c))
                && name.chars().any(char::is_alphabetic)
            {
                out.push((line_start, name.to_string()));
            }
        }
    }
    out
}

/// Category 3: `Foo Analytics`, `Foo Pixel`, `reCAPTCHA`.
fn kinds(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for kind in KINDS {
        for (at, _) in text.match_indices(kind) {
            if text[at + kind.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            // the capitalised word before it, with its possessive dropped
            let before = text[..at].trim_end_matches(' ');
            if before.len() == text[..at].len() {
                continue;
            }
            let word_start = before
                .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
                .map_or(0, |k| k + before[k..].chars().next().map_or(1, char::len_utf8));
            let word = &before[word_start..];
            if word.chars().next().is_some_and(char::is_uppercase)
                && !GENERIC.contains(&word.to_lowercase().as_str())
                && word_start > 0
                || word_start == 0 && word.chars().next().is_some_and(char::is_uppercase) && word != "The"
            {
                out.push((word_start, format!("{word} {kind}")));
            }
        }
    }
    for (at, word) in text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
    {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = w.to_ascii_lowercase();
        if let Some(k) = lower.find("captcha")
            && k > 0
            && w.is_ascii()
        {
            out.push((at, w.to_string()));
        }
    }
    out
}

/// Category 4: Android package names (three or more lowercase dotted parts, the first a domain).
fn packages(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_')) {
        let w = word.trim_end_matches('.');
        let parts: Vec<&str> = w.split('.').collect();
        let at = w.as_ptr() as usize - text.as_ptr() as usize;
        // a host name (`cn.example.com`, `//com.example.cn`) reads like one but ends in a
        // top-level domain, or stands in a link
        let host = matches!(
            parts.last(),
            Some(&("com" | "cn" | "net" | "org" | "io" | "co" | "uk"))
        ) || text[..at].ends_with("//")
            || text[..at].ends_with('@');
        if parts.len() >= 3
            && !host
            && matches!(parts[0], "com" | "cn" | "net" | "org" | "io")
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        {
            out.push((at, w.to_string()));
        }
    }
    out
}

/// Category 5: the other short items of a list (`，`, `、`, `,`) that holds a suffixed SDK.
fn list_mates(text: &str, suffixed: &[(usize, String)]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for clause in text.split(['。', '；', ';', '\n', '：', ':']) {
        let base = clause.as_ptr() as usize - text.as_ptr() as usize;
        let items: Vec<&str> = clause.split(['，', '、', ',']).collect();
        if items.len() < 3 {
            continue;
        }
        let holds = |item: &str| {
            let item = item.trim();
            suffixed.iter().any(|(_, n)| item == n.as_str())
        };
        // the list is the SDKs' when at least two items are SDKs by their suffix
        if items.iter().filter(|i| holds(i)).count() < 2 {
            continue;
        }
        // the run of short names around the SDKs: it ends at the first item that is not one
        // (`…，GroMore也需要使用设备信息，广告归因` stops before the clause)
        let name = |t: &str| (1..=16).contains(&t.chars().count()) && t.chars().all(name_char);
        let first = items.iter().position(|i| holds(i)).unwrap_or(0);
        let from = items[..first]
            .iter()
            .rposition(|i| !name(i.trim()))
            .map_or(0, |k| k + 1);
        for item in &items[from..] {
            let t = item.trim();
            if !name(t) {
                break;
            }
            if !holds(t) {
                out.push((
                    base + (item.as_ptr() as usize - clause.as_ptr() as usize),
                    t.to_string(),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kit_written_out_is_the_same_sdk() {
        assert_eq!(
            sdks("Our products integrate a push software development kit (SDK), which collects"),
            sdks("Our products integrate a push SDK, which collects")
        );
        assert_eq!(
            sdks("我们的产品集成了推送软件开发工具包（SDK），该SDK"),
            sdks("我们的产品集成了推送SDK，该SDK")
        );
    }

    #[test]
    fn sdks_by_their_shapes() {
        assert_eq!(sdks("我们的产品集成友盟+SDK，用于统计"), ["友盟+SDK"]);
        assert_eq!(
            sdks("We use the Facebook SDK and the iOS SDK."),
            ["Facebook SDK", "iOS SDK"]
        );
        assert_eq!(sdks("SDK名称：极光推送"), ["极光推送"]);
        assert_eq!(
            sdks("we use Foo Analytics and reCAPTCHA"),
            ["Foo Analytics", "reCAPTCHA"]
        );
        assert_eq!(sdks("包名：com.example.push"), ["com.example.push"]);
        // a host name is no package
        assert!(sdks("](https://cn.example.com/)").is_empty());
        assert!(sdks("see com.example.cn for details").is_empty());
        assert!(sdks("我们接入的第三方SDK").is_empty());
        assert_eq!(sdks("2.1.3第三方SDK提供方：某公司"), Vec::<String>::new());
        assert_eq!(sdks("⑨SDK 名称：某某搜索SDK"), ["某某搜索SDK"]);
        assert_eq!(sdks("**Foo（某某） SDK** 使用目的"), ["Foo（某某） SDK"]);
        assert!(sdks("The SDK collects data.").is_empty());
        assert!(sdks("（三）SDK和共享").is_empty());
        assert_eq!(sdks("**某某推送** **使用目的：**推送消息"), ["某某推送"]);
        assert!(sdks("使用目的：统计分析").is_empty());
        assert!(sdks("见 https://example.com/wiki/Android_SDK 页面").is_empty());
        assert_eq!(
            sdks("甲乙，丙丁SDK，戊己SDK，GroMore也需要使用设备信息以用于广告投放合作，广告归因"),
            ["甲乙", "丙丁SDK", "戊己SDK"]
        );
    }
}
