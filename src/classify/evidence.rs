//! Hard evidence in a changed passage: email addresses, phone numbers, organisations (with the part
//! they play: responsible entity, contact route, recipient) and numbers of days (retention,
//! response time), compared between the old and new text.

use std::cell::OnceCell;
use std::collections::BTreeSet;

use super::address::addresses;
use super::quantity::durations;
use super::{Consent, EntityRole, Found, NameChange, Reason, Role};

/// Emails, phone numbers, company names and numbers of days in the changed text.
/// What the two whole documents state: a name, address or number that a passage adds but the
/// old document already stated elsewhere is not new, and one a passage drops but the new document
/// still states is not gone.
pub(super) struct Documents<'d> {
    old: Side<'d>,
    new: Side<'d>,
}

/// One whole document and what it states, each found when first asked for.
struct Side<'d> {
    text: &'d str,
    /// The text with ASCII letters lowercased (cheap, and enough for most names).
    ascii_lower: OnceCell<String>,
    /// The text lowercased in full, for a name with letters beyond ASCII.
    lower: OnceCell<String>,
    emails: OnceCell<BTreeSet<String>>,
    phones: OnceCell<BTreeSet<String>>,
    addresses: OnceCell<BTreeSet<String>>,
    places: OnceCell<Vec<&'static str>>,
    rights: OnceCell<BTreeSet<super::rights::Right>>,
    purposes: OnceCell<BTreeSet<super::Purpose>>,
    categories: OnceCell<BTreeSet<super::Category>>,
    normal: OnceCell<String>,
}

impl<'d> Documents<'d> {
    pub(super) fn new(old: &'d str, new: &'d str) -> Self {
        Documents {
            old: Side::new(old),
            new: Side::new(new),
        }
    }

    /// The new document, or the old one.
    fn side(&self, new: bool) -> &Side<'d> {
        if new { &self.new } else { &self.old }
    }

    fn emails(&self, new: bool) -> &BTreeSet<String> {
        let side = self.side(new);
        side.emails
            .get_or_init(|| emails(side.text).into_iter().collect())
    }

    fn phones(&self, new: bool) -> &BTreeSet<String> {
        let side = self.side(new);
        side.phones
            .get_or_init(|| phones(side.text).into_iter().collect())
    }

    fn addresses(&self, new: bool) -> &BTreeSet<String> {
        let side = self.side(new);
        side.addresses
            .get_or_init(|| addresses(side.text).into_iter().collect())
    }

    fn places(&self, new: bool) -> &[&'static str] {
        let side = self.side(new);
        side.places.get_or_init(|| super::place::places(side.text))
    }

    /// The users' rights the (old or new) document states anywhere.
    pub(super) fn rights(&self, new: bool) -> &BTreeSet<super::rights::Right> {
        let side = self.side(new);
        side.rights
            .get_or_init(|| super::rights::stated(&super::rules::Haystack::new(self.normal(new))))
    }

    /// The purposes the (old or new) document states anywhere.
    pub(super) fn purposes(&self, new: bool) -> &BTreeSet<super::Purpose> {
        let side = self.side(new);
        side.purposes
            .get_or_init(|| super::purposes(side.text).into_iter().collect())
    }

    /// The kinds of personal information the (old or new) document names anywhere.
    pub(super) fn categories(&self, new: bool) -> &BTreeSet<super::Category> {
        let side = self.side(new);
        side.categories
            .get_or_init(|| super::data_categories(side.text).into_iter().collect())
    }

    /// Does the (old or new) document name `name` anywhere (any case)?
    pub(super) fn states(&self, new: bool, name: &str) -> bool {
        let side = self.side(new);
        let lower = name.to_lowercase();
        if lower.is_ascii() {
            side.ascii_lower
                .get_or_init(|| side.text.to_ascii_lowercase())
                .contains(&lower)
        } else {
            side.lower
                .get_or_init(|| side.text.to_lowercase())
                .contains(&lower)
        }
    }

    /// The (old or new) document in normal form.
    pub(super) fn normal(&self, new: bool) -> &str {
        let side = self.side(new);
        side.normal
            .get_or_init(|| crate::diff::text::normal_form(side.text))
    }

    /// Does the (old or new) document name this organisation anywhere (its words before the
    /// legal-form suffix, any case)?
    fn names(&self, new: bool, company: &str) -> bool {
        let base = company
            .rsplit_once(' ')
            .map_or(company, |(name, _)| name)
            .to_lowercase();
        let side = self.side(new);
        if base.is_empty() {
            return false;
        }
        let text = if base.is_ascii() {
            side.ascii_lower.get_or_init(|| side.text.to_ascii_lowercase())
        } else {
            side.lower.get_or_init(|| side.text.to_lowercase())
        };
        text.contains(&base)
    }
}

impl<'d> Side<'d> {
    fn new(text: &'d str) -> Self {
        Side {
            text,
            ascii_lower: OnceCell::new(),
            lower: OnceCell::new(),
            emails: OnceCell::new(),
            phones: OnceCell::new(),
            addresses: OnceCell::new(),
            places: OnceCell::new(),
            rights: OnceCell::new(),
            purposes: OnceCell::new(),
            categories: OnceCell::new(),
            normal: OnceCell::new(),
        }
    }
}

/// The sentence of `text` around byte `at` (at most 400 bytes either way): from the end of the
/// sentence before to the end of its own, where a full stop after a legal-form abbreviation
/// (`Co.`, `Ltd.`, `Inc.`) ends none.
fn sentence_around(text: &str, at: usize) -> &str {
    const REACH: usize = 400;
    let ends = |i: usize| {
        let rest = &text[i..];
        if ["。", "；", "; ", "\n"].iter().any(|t| rest.starts_with(t)) {
            return true;
        }
        if !(rest.starts_with(". ") || rest.starts_with(".\n")) {
            return false;
        }
        let word = text[..i]
            .rsplit(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        !["co", "ltd", "inc", "corp", "llc", "pty", "gmbh"]
            .iter()
            .any(|a| word.eq_ignore_ascii_case(a))
    };
    let start = text[..at]
        .char_indices()
        .rev()
        .take(REACH)
        .find(|&(i, _)| ends(i))
        .map_or(at.saturating_sub(REACH), |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .take(REACH)
        .find(|&(i, _)| ends(at + i))
        .map_or(text.len().min(at + REACH), |(i, _)| at + i);
    let (mut start, mut end) = (start, end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}

/// Two addresses that differ only by letters glued after the domain (`x@a.org` and
/// `x@a.orgopens`, scraped link text) are one address.
fn same_address(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.starts_with(short) && long[short.len()..].chars().all(|c| c.is_ascii_alphabetic())
}

/// Items of `a` not in `b`, nor stated anywhere in the other document (`elsewhere`).
fn fresh<'a>(a: &'a [String], b: &[String], elsewhere: &BTreeSet<String>) -> Vec<&'a String> {
    a.iter()
        .filter(|x| !b.contains(x) && !elsewhere.contains(*x))
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub(super) fn hard_evidence<'c>(
    old_full: &str,
    new_full: &str,
    context: &dyn Fn() -> &'c str,
    topics: &BTreeSet<Role>,
    docs: &Documents<'_>,
    found: &mut Found,
) {
    let (ei, ed) = (emails(new_full), emails(old_full));
    if ei != ed {
        let mut added = fresh(&ei, &ed, docs.emails(false));
        let mut removed = fresh(&ed, &ei, docs.emails(true));
        // scraped link text glued to an address is not a new address
        added.retain(|a| !ed.iter().any(|d| same_address(a, d)));
        removed.retain(|d| !ei.iter().any(|a| same_address(a, d)));
        if let Some(change) = NameChange::of(removed.first().copied(), added.first().copied()) {
            found.add(Role::Contact, Reason::Email(change));
        }
    }
    let (pi, pd) = (phones(new_full), phones(old_full));
    if pi != pd
        && (!fresh(&pi, &pd, docs.phones(false)).is_empty() || !fresh(&pd, &pi, docs.phones(true)).is_empty())
    {
        found.add(Role::Contact, Reason::Phones { old: pd, new: pi });
    }
    let (ai, ad) = (addresses(new_full), addresses(old_full));
    if ai != ad {
        let added = fresh(&ai, &ad, docs.addresses(false));
        let removed = fresh(&ad, &ai, docs.addresses(true));
        if let Some(change) = NameChange::of(removed.first().copied(), added.first().copied()) {
            found.add(Role::Contact, Reason::Address(change));
        }
    }
    // a country or region added or dropped where data is stored or sent (in a passage that was
    // there before, about storage or transfer: a new passage is judged by its words)
    const TRANSFER: &[&str] = &[
        "transfer",
        "stored",
        "store",
        "storage",
        "server",
        "hosted",
        "located",
        "processed in",
        "outside",
        "abroad",
        "cross-border",
        "country",
        "countries",
        "存储",
        "存放",
        "服务器",
        "境外",
        "出境",
        "跨境",
        "传输",
        "转移",
        "提供给",
    ];
    if !old_full.is_empty() && !new_full.is_empty() && TRANSFER.iter().any(|k| context().contains(k)) {
        // the sentences that changed, not the whole passage
        let (old_s, new_s) = super::lexicon::changed_sentences(old_full, new_full);
        let (pi, pd) = (super::place::places(&new_s), super::place::places(&old_s));
        if pi != pd {
            // a place the other document names elsewhere is no new destination, nor a dropped one
            let added: Vec<String> = pi
                .iter()
                .filter(|p| !pd.contains(p) && !docs.places(false).contains(p))
                .map(|p| p.to_string())
                .collect();
            let removed: Vec<String> = pd
                .iter()
                .filter(|p| !pi.contains(p) && !docs.places(true).contains(p))
                .map(|p| p.to_string())
                .collect();
            if !added.is_empty() || !removed.is_empty() {
                found.add(Role::Recipients, Reason::Places { added, removed });
            }
        }
    }
    let (ci, cd) = (companies(new_full), companies(old_full));
    let added: Vec<&String> = ci
        .iter()
        .filter(|c| !cd.contains(c) && !docs.names(false, c))
        .collect();
    let removed: Vec<&String> = cd
        .iter()
        .filter(|c| !ci.contains(c) && !docs.names(true, c))
        .collect();
    // an authority is where complaints go, whatever the passage around it says
    let authority = |c: &&String| is_authority(c);
    let (auth_added, auth_removed): (Vec<&String>, Vec<&String>) = (
        added.iter().copied().filter(authority).collect(),
        removed.iter().copied().filter(authority).collect(),
    );
    if let Some(who) = NameChange::of(auth_removed.first().copied(), auth_added.first().copied()) {
        found.add(
            Role::Contact,
            Reason::Entity {
                role: EntityRole::ContactRoute,
                change: who,
            },
        );
    }
    let added: Vec<&String> = added.into_iter().filter(|c| !authority(c)).collect();
    let removed: Vec<&String> = removed.into_iter().filter(|c| !authority(c)).collect();
    if let Some(who) = NameChange::of(removed.first().copied(), added.first().copied()) {
        let has = |ks: &[&str]| ks.iter().any(|k| context().contains(k));
        let control = has(&[
            "controller",
            "operated by",
            "owned by",
            "acquir",
            "merg",
            "is responsible",
            // ownership (GDPR Art. 4(19) group of undertakings; PIPL Art. 22 merger, division)
            "subsidiary of",
            "wholly owned",
            "wholly-owned",
            "控制者",
            "运营",
            "收购",
            "合并",
            "全资子公司",
            "控股股东",
            "实际控制人",
        ]);
        // the people a user writes to: GDPR Art. 13(1)(a)-(b) (representative, data protection
        // officer), PIPL Arts. 52-53 (个人信息保护负责人, 专门机构或者指定代表), said of the
        // organisation itself (in the sentence that names it)
        let officer = added.first().or(removed.first()).is_some_and(|name| {
            let head = name.split_whitespace().next().unwrap_or(name);
            [new_full, old_full].into_iter().any(|text| {
                text.match_indices(head).take(20).any(|(at, _)| {
                    let near = crate::diff::text::normal_form(sentence_around(text, at));
                    [
                        "protection officer",
                        "dpo",
                        "representative",
                        "保护负责人",
                        "指定代表",
                    ]
                    .iter()
                    .any(|k| near.contains(k))
                })
            })
        });
        let complaint = officer || has(&["complain", "contact us", "inquir", "投诉", "联系"]);
        let recipient = has(&[
            "processor",
            "partner",
            "service provider",
            "vendor",
            "share",
            "disclos",
            "transfer",
            "recipient",
            "third part",
            "共享",
            "委托",
            "第三方",
            "合作",
        ]);
        let entity = |role| Reason::Entity {
            role,
            change: who.clone(),
        };
        if control {
            found.add(Role::Control, entity(EntityRole::Responsible));
        }
        if complaint {
            found.add(Role::Contact, entity(EntityRole::ContactRoute));
        }
        if !control && (recipient || !complaint) {
            found.add(Role::Recipients, entity(EntityRole::Recipient));
        }
    }
    let (dn, dold) = (durations(new_full), durations(old_full));
    let retention_words = [
        "retain",
        "keep",
        "store",
        "retention",
        "delete",
        "保存",
        "保留",
        "存储",
        "删除",
    ];
    if dold.is_empty()
        && !dn.is_empty()
        && retention_words.iter().any(|k| context().contains(k))
        && !topics.contains(&Role::Rights)
    {
        found.add(Role::Purposes, Reason::RetentionStated { days: dn[0] });
    }
    if !dn.is_empty() && !dold.is_empty() && dn != dold {
        // the first figure that changed, on each side
        let a = dold.iter().copied().find(|d| !dn.contains(d)).unwrap_or(dold[0]);
        let b = dn.iter().copied().find(|d| !dold.contains(d)).unwrap_or(dn[0]);
        let retention = ["retain", "keep", "store", "retention", "保存", "保留", "存储"]
            .iter()
            .any(|k| context().contains(k));
        let response = [
            "respond",
            "reply",
            "response",
            "request",
            "答复",
            "回复",
            "响应",
            "处理您的请求",
            "处理您的申请",
        ]
        .iter()
        .any(|k| context().contains(k));
        if response || topics.contains(&Role::Rights) {
            found.add(Role::Rights, Reason::ResponseTime { old: a, new: b });
            if b > a {
                found
                    .consent
                    .push((Role::Rights, Consent::ResponseLengthened { old: a, new: b }));
            }
        } else if retention {
            found.add(Role::Purposes, Reason::Retention { old: a, new: b });
        }
    }
}

/// Email addresses in `s`, sorted.
pub fn emails(s: &str) -> Vec<String> {
    // An address ends at a space, a bracket or quote, or a Chinese character or mark glued to it
    // (`请发送至app@x.com联系`). Every address holds an `@`, so the text is read outward from each
    // `@` only: most passages hold none, and a long document is not split word by word.
    let is_end = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | ')'
                    | '<'
                    | '>'
                    | '['
                    | ']'
                    | '"'
                    | '\''
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | ','
                    | ';'
                    | '：'
                    | ':'
                    | '，'
                    | '；'
                    | '（'
                    | '）'
                    | '、'
                    | '。'
                    | '！'
                    | '？'
                    | '《'
                    | '》'
                    | '【'
                    | '】'
            )
            || crate::diff::text::is_cjk(c)
    };
    let mut out: Vec<String> = Vec::new();
    let mut from = 0;
    for (at, _) in s.match_indices('@') {
        if at < from {
            continue; // this `@` belongs to the word already read
        }
        let start = s[from..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_end(c))
            .map_or(from, |(i, c)| from + i + c.len_utf8());
        let end = s[at..].find(is_end).map_or(s.len(), |i| at + i);
        from = end;
        let w = s[start..end].trim_end_matches(['.', '!', '?', '。']);
        let ok = w.split_once('@').is_some_and(|(u, d)| {
            !u.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
        });
        if ok {
            out.push(w.trim_start_matches("mailto:").to_lowercase());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Phone numbers (7 digits or more with separators) in `s`, digits only, sorted.
pub fn phones(s: &str) -> Vec<String> {
    crate::lint::find_phones(s)
        .into_iter()
        .map(|p| p.chars().filter(char::is_ascii_digit).collect())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect()
}

/// Company names (words before a corporate suffix) in `s`.
pub fn companies(s: &str) -> Vec<String> {
    let mut out = BTreeSet::new();
    // a name never runs from one block (line) into the next: `Privacy Policy` / `Limited
    // Warranty` are two menu entries, not a company
    for line in s.lines() {
        // the (up to) three words before the current one, the latest last
        let mut before: [&str; 3] = [""; 3];
        for (seen, t) in line.split_whitespace().enumerate() {
            out.extend(company_name(&before[3 - seen.min(3)..], t));
            before.rotate_left(1);
            before[2] = t;
        }
    }
    out.extend(authorities(s));
    out.extend(named_in_field(s));
    out.extend(named_before_english(s));
    // the two legal forms of the Company Law of the PRC: 有限责任公司 and (股份)有限公司; a group
    // (集团, not a part of a longer name); a court or an arbitration commission (人民法院,
    // 仲裁委员会: PIPL Art. 50, the complaint channels of §VIII 8.5)
    let suffixes = ["有限公司", "有限责任公司", "集团", "人民法院", "仲裁委员会"]
        .iter()
        .flat_map(|f| s.match_indices(f))
        .filter(|(i, f)| {
            *f != "集团"
                || !["有限", "股份", "控股"]
                    .iter()
                    .any(|n| s[i + f.len()..].starts_with(n))
        });
    for (i, suffix) in suffixes {
        // the name's characters run back from the suffix: Chinese characters, and a place in
        // brackets inside the name (`百度时代网络技术（北京）有限公司`)
        let mut start = i;
        // the end of an open bracket's closing mark, while inside one
        let mut open: Option<usize> = None;
        for (j, c) in s[..i].char_indices().rev() {
            match c {
                '）' | ')' if open.is_none() => open = Some(j + c.len_utf8()),
                '（' | '(' if open.is_some() => open = None,
                c if crate::diff::text::is_cjk(c) => {}
                // a space beside a bracket (`沛肯信息科技 (上海) 有限公司`)
                ' ' if s[..j].ends_with([')', '）']) || s[j + 1..].starts_with(['(', '（']) => {}
                _ => break,
            }
            start = j;
        }
        if let Some(after) = open {
            // a bracket that does not hold a Chinese place: the name starts after it
            start = after;
        }
        // the name starts at its place name (北京…, 广东…), else after the words that lead into it
        // (由…, 指…, 的运营主体…)
        // (a run that holds an earlier company name starts after it: `…有限公司和小米科技…`)
        let start = s[start..i]
            .rfind("公司")
            .map_or(start, |at| start + at + "公司".len());
        let run = &s[start..i];
        // a place in brackets is part of the name, not its beginning
        let head = &run[..run.find(['（', '(']).unwrap_or(run.len())];
        let start = PLACES
            .iter()
            .filter_map(|p| head.find(p))
            .min()
            .map(|at| start + at)
            .unwrap_or_else(|| {
                let lead = run
                    .char_indices()
                    .rfind(|(_, c)| "由指的是为即系与和及或被在向将经从对自称".contains(*c))
                    .map_or(0, |(at, c)| at + c.len_utf8());
                start + lead
            });
        // a group needs a name of two characters or more that is not a reference (本集团, 该集团)
        let generic = suffix == "集团"
            && (s[start..i].chars().count() < 2
                || s[start..i].starts_with(['本', '该', '其', '我', '贵', '各', '此']));
        if start < i && !generic {
            out.insert(s[start..i + suffix.len()].to_string());
        }
    }
    out.into_iter().collect()
}

/// A Chinese name followed by its English legal name in brackets (`小米荷兰公司[Xiaomi Technology
/// Netherlands B.V.]`): the Chinese name is the organisation's, whatever its form.
fn named_before_english(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, open) in s.match_indices(['[', '（', '(']) {
        let close = match open {
            "[" => ']',
            "（" => '）',
            _ => ')',
        };
        let Some(len) = s[at + open.len()..].find(close) else {
            continue;
        };
        let inside = s[at + open.len()..at + open.len() + len].trim();
        let last = inside.rsplit(' ').next().unwrap_or("");
        if !inside.contains(' ')
            || !(is_company_suffix(last) || is_company_suffix(last.trim_end_matches('.')))
        {
            continue;
        }
        let run_start = s[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| {
                crate::diff::text::is_cjk(*c) && !"由指的是为即系与和及或被在向将经从对自称".contains(*c)
            })
            .last()
            .map_or(at, |(k, _)| k);
        if s[run_start..at].chars().count() >= 3 {
            out.push(s[run_start..at].to_string());
        }
    }
    out
}

/// The value of a field that names an organisation in an SDK or contact list (`SDK提供方：…`,
/// `主体名称：…`, `第三方名称：…`; the 网络安全标准实践指南 on third-party SDKs asks each SDK's
/// provider to be named).
fn named_in_field(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for label in ["提供方", "主体名称", "第三方名称", "合作方名称", "公司名称"] {
        for (at, _) in s.match_indices(label) {
            let rest = &s[at + label.len()..];
            let Some(rest) = rest.strip_prefix(['：', ':']) else {
                continue;
            };
            let value: String = rest
                .trim_start_matches([' ', '*'])
                .chars()
                .take_while(|c| !matches!(c, '。' | '，' | ',' | '；' | ';' | '、' | '\n' | '*' | '|'))
                .collect();
            let value = value.trim();
            if (2..=30).contains(&value.chars().count()) && value.chars().any(|c| c.is_alphabetic()) {
                out.push(value.to_string());
            }
        }
    }
    out
}

/// Is this name one of [`authorities`]?
fn is_authority(name: &str) -> bool {
    [
        "Commission",
        "Authority",
        "Agency",
        "Inspectorate",
        "Ombudsman",
        "Commissioner's Office",
    ]
    .iter()
    .any(|h| name.ends_with(h))
}

/// Public authorities named in English (`the Data Protection Commission`, `the Information
/// Commissioner's Office`): capitalised words before a head word that names an authority (GDPR
/// Art. 51; the complaint channels of §VIII 8.5).
fn authorities(s: &str) -> Vec<String> {
    const HEADS: &[&str] = &["Commission", "Authority", "Agency", "Inspectorate", "Ombudsman"];
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let word = t.trim_end_matches([',', '.', ';', ':', ')']);
        let office = (word == "Office"
            && i > 0
            && tokens[i - 1].ends_with("Commissioner's")
            && !tokens[i - 1].ends_with(['.', ',']))
            // a data protection office or board (`European Data Protection Board`)
            || (matches!(word, "Office" | "Board") && i > 0 && tokens[i - 1] == "Protection");
        // a court named by its country or place after it (`the Courts of Singapore`)
        if matches!(word, "Court" | "Courts") && word == *t && tokens.get(i + 1) == Some(&"of") {
            let place: Vec<&str> = tokens[i + 2..]
                .iter()
                .take(3)
                .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
                .copied()
                .collect();
            if let Some(last) = place.last() {
                let mut name = format!("{word} of {}", place[..place.len() - 1].join(" "));
                name = format!(
                    "{} {}",
                    name.trim_end(),
                    last.trim_end_matches([',', '.', ';', ':', ')'])
                );
                out.push(name);
            }
            continue;
        }
        if !HEADS.contains(&word) && !office {
            continue;
        }
        // the capitalised words before it (`of`, `for`, `and` between them), within the clause
        let mut start = i;
        for j in (i.saturating_sub(6)..i).rev() {
            let w = tokens[j];
            if w.ends_with([',', '.', ';', ':']) {
                break;
            }
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if capital || (["of", "for", "and"].contains(&w) && start == j + 1 && start < i) {
                start = j;
            } else {
                break;
            }
        }
        // a leading connector or `The` is not part of the name
        while start < i && ["of", "for", "and", "The"].contains(&tokens[start]) {
            start += 1;
        }
        if start < i {
            let mut name = tokens[start..i].join(" ");
            name.push(' ');
            name.push_str(word);
            out.push(name);
        }
    }
    out
}

/// Province and city names a Chinese company name begins with.
const PLACES: &[&str] = &[
    "北京",
    "上海",
    "天津",
    "重庆",
    "深圳",
    "广州",
    "杭州",
    "南京",
    "成都",
    "武汉",
    "西安",
    "苏州",
    "厦门",
    "广东",
    "浙江",
    "江苏",
    "福建",
    "山东",
    "河南",
    "河北",
    "湖北",
    "湖南",
    "四川",
    "安徽",
    "江西",
    "辽宁",
    "吉林",
    "黑龙江",
    "山西",
    "陕西",
    "云南",
    "贵州",
    "广西",
    "海南",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "西藏",
    "内蒙古",
    "香港",
    "澳门",
    "中国",
    "中华",
];

/// The company that `token` ends, when it is a corporate suffix after capitalised words: up to
/// three of `before` (the words before it, the latest last).
fn company_name(before: &[&str], token: &str) -> Option<String> {
    // every suffix begins with a capital or `p` (plc): most words end the look-up here
    if before.is_empty() || !token.starts_with(|c: char| c.is_ascii_uppercase() || c == 'p') {
        return None;
    }
    let bare = token
        .trim_end_matches([',', ';', ')', '’', '\'', 's'])
        .trim_end_matches("’");
    let bare_t = token.trim_end_matches([',', ';', ')']);
    let upper_ok = |w: &str| {
        matches!(
            w,
            "INC" | "INC." | "CORP" | "CORP." | "LIMITED" | "CORPORATION" | "CO." | "LLP" | "L.P."
        )
    };
    if !is_company_suffix(bare_t) && !is_company_suffix(bare) && !upper_ok(bare_t) {
        return None;
    }
    let mut name: Vec<&str> = Vec::new();
    for w in before.iter().rev() {
        let w = w.trim_end_matches(',');
        // a capitalised word, or a brand written in camel case (`ironSource`)
        let camel = w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.chars().skip(1).any(|c| c.is_ascii_uppercase());
        if w.chars().next().is_some_and(|c| c.is_uppercase()) || camel && name.is_empty() {
            name.insert(0, w);
        } else {
            break;
        }
    }
    // `The Foundation` is a reference, not a name; a name runs within one sentence
    if bare_t == "Foundation" {
        let from = name
            .iter()
            .rposition(|w| *w == "The" || w.ends_with('.'))
            .map_or(0, |k| k + 1);
        name.drain(..from);
    }
    (!name.is_empty()).then(|| format!("{} {}", name.join(" "), bare_t.trim_end_matches(['.', ','])))
}

/// A company-form suffix (a `match` on the word compiles to a length switch, not a list walk).
fn is_company_suffix(w: &str) -> bool {
    matches!(
        w,
        "Inc"
            | "Inc."
            | "LLC"
            | "L.L.C."
            | "Ltd"
            | "Ltd."
            | "LTD"
            | "LTD."
            | "Limited"
            | "GmbH"
            | "AG"
            | "A/S"
            | "ApS"
            | "AB"
            | "AS"
            | "Oy"
            | "Oyj"
            | "S.A."
            | "SA"
            | "SAS"
            | "S.A.S."
            | "S.L."
            | "B.V."
            | "BV"
            | "N.V."
            | "NV"
            | "PLC"
            | "plc"
            | "Corp"
            | "Corp."
            | "Corporation"
            | "Co."
            | "KK"
            | "K.K."
            | "Pte"
            | "Pty"
            | "S.p.A."
            | "SpA"
            | "S.r.l."
            | "SE"
            | "Foundation"
    )
}

/// The entity responsible for the policy (the controller, GDPR Art. 4(7); PIPL Art. 73(1) 个人信息
/// 处理者): of the organisations a text names, the one its own sentences make responsible ("we",
/// "the controller", "operated by", 以下简称"我们", 运营者); recipients (processors, partners, SDK
/// vendors) are passed over; among equals, the first named. `None` when the text names none.
pub fn controller(text: &str) -> Option<String> {
    const FOR: &[&str] = &[
        "controller",
        "responsible for",
        "operated by",
        "operates",
        "provided by",
        "we are",
        "(\"we",
        "(“we",
        "\"we\"",
        "“we”",
        "referred to as",
        "hereinafter",
        "owned by",
        "our company",
        "以下简称",
        "简称“我们”",
        "我们",
        "运营者",
        "运营",
        "个人信息处理者",
        "控制者",
        "本政策",
        "本应用",
    ];
    const AGAINST: &[&str] = &[
        "processor",
        "partner",
        "service provider",
        "vendor",
        "sdk",
        "third part",
        "advertis",
        "analytics",
        "第三方",
        "合作",
        "sdk",
        "委托",
    ];
    // an authority is never the controller
    let names: Vec<String> = companies(text).into_iter().filter(|c| !is_authority(c)).collect();
    if names.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    let mut best: Option<(i64, usize, String)> = None;
    for name in names {
        // mentions by the name without its legal form (`DeviantArt` for `DeviantArt Inc`)
        let full = name.to_lowercase();
        let key = full
            .rsplit_once(' ')
            .map_or(full.as_str(), |(base, _)| base)
            .to_string();
        let key = if key.chars().count() >= 3 { key } else { full };
        let mut score = 0i64;
        let mut first = usize::MAX;
        let mut count = 0i64;
        for (at, _) in lower.match_indices(&key) {
            first = first.min(at);
            count += 1;
            // the sentence around this mention
            let start = lower[..at]
                .rfind(['.', '。', '\n', ';', '；'])
                .map_or(0, |i| i + lower[i..].chars().next().map_or(1, char::len_utf8));
            let end = lower[at..]
                .find(['.', '。', '\n', ';', '；'])
                .map_or(lower.len(), |i| at + i);
            let sentence = &lower[start..end.max(at + key.len())];
            score += 3 * FOR.iter().filter(|k| sentence.contains(*k)).count() as i64;
            score -= 2 * AGAINST.iter().filter(|k| sentence.contains(*k)).count() as i64;
        }
        score += count.min(5);
        if first < 600 {
            score += 2;
        }
        let better = best
            .as_ref()
            .is_none_or(|(s, f, _)| score > *s || (score == *s && first < *f));
        if better {
            best = Some((score, first, name));
        }
    }
    best.map(|(_, _, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_around_a_name_runs_past_legal_form_abbreviations() {
        let t = "We share data. We appointed Acme Co., Ltd. as our data protection officer. Write to us.";
        let at = t.find("Acme").unwrap();
        assert_eq!(
            sentence_around(t, at),
            " We appointed Acme Co., Ltd. as our data protection officer"
        );
        let zh = "我们与合作方共享。我们委托甲公司担任个人信息保护负责人；其他";
        let at = zh.find("甲公司").unwrap();
        assert_eq!(sentence_around(zh, at), "我们委托甲公司担任个人信息保护负责人");
        // no stop nearby: at most 400 characters either way
        let long = "x".repeat(5000);
        assert!(sentence_around(&long, 2500).len() <= 802);
    }

    /// `companies` as first written, with every word in a vector: the oracle for the window of
    /// three words.
    fn companies_reference(s: &str) -> Vec<String> {
        let tokens: Vec<&str> = s.split_whitespace().collect();
        let mut out: BTreeSet<String> = (0..tokens.len())
            .filter_map(|i| company_name(&tokens[i.saturating_sub(3)..i], tokens[i]))
            .collect();
        out.extend(
            companies(s)
                .into_iter()
                .filter(|c| c.chars().any(crate::diff::text::is_cjk)),
        );
        out.extend(authorities(s));
        out.into_iter().collect()
    }

    #[test]
    fn companies_are_the_capitalised_words_before_a_suffix() {
        let mut texts: Vec<String> = [
            "Data is shared with Acme Cloud Services Ltd. and Beta GmbH, and with Gamma plc.",
            "Inc. at the start, then Foo Inc, then a b C D E F Corp.",
            "Operated by Zeta Holdings S.A.S. (the controller); see Omega, Inc. and delta LLC",
            "PayCo AB's terms; Example Pte Ltd; Sigma’s SE",
            "Corp",
            "",
            "深圳市乐奇网络科技有限公司 operates it",
        ]
        .map(String::from)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/heldout/plain");
        for entry in std::fs::read_dir(root).expect("the held-out corpus").flatten() {
            for side in ["old.md", "new.md"] {
                if let Ok(t) = std::fs::read_to_string(entry.path().join(side)) {
                    texts.push(t);
                }
            }
        }
        let mut found = 0;
        for t in &texts {
            let c = companies(t);
            found += c.len();
            assert_eq!(c, companies_reference(t), "{t:.60}");
        }
        assert!(found > 10, "the texts name companies: {found}");
        assert_eq!(
            companies("Shared with Acme Cloud Services Ltd. and Beta GmbH, with Gamma plc, with Corp."),
            ["Acme Cloud Services Ltd", "Beta GmbH", "Gamma plc"]
        );
    }

    #[test]
    fn organisations_by_their_general_forms() {
        let has = |s: &str, name: &str| companies(s).iter().any(|c| c == name);
        assert!(has(
            "**某某荷兰公司[Example Technology Netherlands B.V.]** 地址",
            "某某荷兰公司"
        ));
        assert!(has("第三方SDK提供方：某某集团。", "某某集团"));
        assert!(has(
            "将投诉移交给广东省东莞市第二人民法院进行司法管辖",
            "广东省东莞市第二人民法院"
        ));
        assert!(has(
            "exclusive jurisdiction of the Courts of Singapore.",
            "Courts of Singapore"
        ));
        assert!(has("exampleCorp Ltd., located at", "exampleCorp Ltd"));
        assert!(has("the Example Foundation operates", "Example Foundation"));
        assert!(!companies("本集团及关联公司").iter().any(|c| c.contains("集团")));
        assert!(
            !companies("Websites. The Foundation is the operator")
                .iter()
                .any(|c| c.contains("Foundation"))
        );
    }

    #[test]
    fn days_and_emails_found_in_either_width() {
        assert_eq!(
            emails("write to Privacy@Example.com."),
            vec!["privacy@example.com"]
        );
        assert_eq!(emails("no address here"), Vec::<String>::new());
    }

    #[test]
    fn authorities_are_named_by_their_head_word() {
        assert_eq!(
            authorities(
                "In the UK, the relevant authority is the Information Commissioner's Office, Wycliffe House."
            ),
            ["Information Commissioner's Office"]
        );
        assert_eq!(
            authorities("complain to the Irish Data Protection Commission or the authority where you live"),
            ["Irish Data Protection Commission"]
        );
        assert!(authorities("an Authority. The Agency said").is_empty());
        assert_eq!(
            authorities("the Office of Privacy and Data Protection Agency"),
            ["Office of Privacy and Data Protection Agency"]
        );
    }

    #[test]
    fn chinese_companies_of_both_legal_forms() {
        assert_eq!(
            companies("由百度时代网络技术（北京）有限公司和小米科技有限责任公司提供"),
            ["小米科技有限责任公司", "百度时代网络技术（北京）有限公司"]
        );
        assert_eq!(companies("Acme (Beijing)有限公司"), Vec::<String>::new());
    }

    #[test]
    fn an_address_is_read_whole_from_its_at_sign() {
        assert_eq!(
            emails("请发送至app@x.com联系，或(mailto:DPO@x.com); a@b@c.org and @x.com, x@y."),
            vec!["a@b@c.org", "app@x.com", "dpo@x.com"]
        );
        assert_eq!(emails("me@host.cn。"), vec!["me@host.cn"]);
    }
}
