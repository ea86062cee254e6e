//! Hard evidence in a changed passage: email addresses, phone numbers, organisations (with the part
//! they play: responsible entity, contact route, recipient) and numbers of days (retention,
//! response time), compared between the old and new text.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::address::{addresses, units};
use super::quantity::durations;
use super::{Consent, EntityRole, Found, NameChange, Reason, Role};

/// Emails, phone numbers, company names and numbers of days in the changed text.
/// What the two whole documents state: a name, address or number that a passage adds but the
/// old document already stated elsewhere is not new, and one a passage drops but the new document
/// still states is not gone. Shared by the threads that judge changes: each fact of a side is found
/// by the first that asks for it.
pub(super) struct Documents<'d> {
    old: Side<'d>,
    new: Side<'d>,
}

/// One whole document and what it states, each found when first asked for.
struct Side<'d> {
    text: &'d str,
    /// The text with ASCII letters lowercased (cheap, and enough for most names).
    ascii_lower: OnceLock<String>,
    /// The text lowercased in full, for a name with letters beyond ASCII.
    lower: OnceLock<String>,
    emails: OnceLock<BTreeSet<String>>,
    phones: OnceLock<BTreeSet<String>>,
    addresses: OnceLock<BTreeSet<String>>,
    places: OnceLock<Vec<&'static str>>,
    rights: OnceLock<BTreeSet<super::rights::Right>>,
    controller: OnceLock<Option<String>>,
    normal: OnceLock<String>,
    /// How many lines have each [`title_key`].
    titles: OnceLock<std::collections::HashMap<String, usize>>,
}

impl<'d> Documents<'d> {
    pub(super) fn new(old: &'d str, new: &'d str) -> Self {
        Documents {
            old: Side::new(old),
            new: Side::new(new),
        }
    }

    /// The new document's text, or the old one's, lowercased.
    pub(super) fn lower(&self, new: bool) -> &str {
        let side = self.side(new);
        side.lower.get_or_init(|| side.text.to_lowercase())
    }

    /// The titles `passage` quotes that are lines of their own in the (old or new) document: the
    /// headings a cross-reference names (`详见本政策“一、我们如何收集和使用您的个人信息”部分`,
    /// `see "How we use your data"`), each with its number and without it.
    pub(super) fn quoted_titles(&self, new: bool, passage: &str) -> Vec<String> {
        let mut out = vec![];
        for (open, close) in [('“', '”'), ('"', '"'), ('「', '」')] {
            let mut rest = passage;
            while let Some(a) = rest.find(open) {
                let after = &rest[a + open.len_utf8()..];
                let Some(b) = after.find(close) else { break };
                let title = after[..b].trim();
                rest = &after[b + close.len_utf8()..];
                let key = title_key(title);
                if title.chars().count() >= 4 && self.title_count(new, &key) > 0 {
                    out.push(title.to_string());
                    // (`一、`, `1.`, `IV.` before it)
                    if key != title {
                        out.push(key);
                    }
                }
            }
        }
        out
    }

    /// How many lines of the (old or new) document are written as `key` ([`title_key`]): a
    /// heading and its entry in a table of contents are two. Counted once per document.
    pub(super) fn title_count(&self, new: bool, key: &str) -> usize {
        let side = self.side(new);
        let titles = side.titles.get_or_init(|| {
            let mut counts = std::collections::HashMap::new();
            for line in side.text.lines() {
                *counts.entry(title_key(line)).or_insert(0) += 1;
            }
            counts
        });
        titles.get(key).copied().unwrap_or(0)
    }

    /// The new document's text, or the old one's.
    pub(super) fn text(&self, new: bool) -> &'d str {
        self.side(new).text
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

    /// Is `name` the organisation the (old or new) document names as its controller (the same
    /// letters and digits, or one holding the other), introduced where a policy introduces who it
    /// is: in its first part (a fifth of the text, or its first 3,000 bytes)?
    fn is_controller(&self, new: bool, name: &str) -> bool {
        let side = self.side(new);
        let Some(controller) = side.controller.get_or_init(|| controller(side.text)) else {
            return false;
        };
        let head = controller.split_whitespace().next().unwrap_or(controller);
        let opening = (side.text.len() / 5).max(3000);
        if side.text.find(head).is_none_or(|at| at > opening) {
            return false;
        }
        let key = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let (a, b) = (key(controller), key(name));
        a.chars().count().min(b.chars().count()) >= 4 && (a.contains(&b) || b.contains(&a))
    }

    /// Do the two documents name different organisations as their controller? Spellings of one
    /// legal form (`Limited`/`Ltd`, `Incorporated`/`Inc`, `Corporation`/`Corp`, `Company`/`Co`) are
    /// one name; another legal form (`Limited` → `Pte. Ltd.`) is another company.
    fn controller_changed(&self) -> bool {
        let named = |new: bool| {
            let side = self.side(new);
            side.controller.get_or_init(|| controller(side.text)).clone()
        };
        let (Some(a), Some(b)) = (named(false), named(true)) else {
            return false;
        };
        legal_key(&a) != legal_key(&b)
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
            ascii_lower: OnceLock::new(),
            lower: OnceLock::new(),
            emails: OnceLock::new(),
            phones: OnceLock::new(),
            addresses: OnceLock::new(),
            places: OnceLock::new(),
            rights: OnceLock::new(),
            controller: OnceLock::new(),
            normal: OnceLock::new(),
            titles: OnceLock::new(),
        }
    }
}

/// A line as a title is known wherever it is written (a heading, its entry in a table of contents,
/// a cross-reference quoting it): without a list marker (`- `), its numbering (`V.`, `3.1`, `二、`,
/// `第一部分`, a few numerals closed by a mark or followed by a space) and the mark that closes an
/// entry of a list (`;`, `。`).
pub(super) fn title_key(line: &str) -> String {
    let line = line.trim().trim_start_matches(['-', '*', '•']).trim_start();
    let numeral =
        |c: char| c.is_ascii_digit() || "IVXivx一二三四五六七八九十第部分章节条.()（）、".contains(c);
    let end = line.find(|c: char| !numeral(c)).unwrap_or(line.len());
    let (number, rest) = line.split_at(end);
    let closed = number.ends_with(['.', '、', ')', '）', '分', '章', '节', '条']) || rest.starts_with(' ');
    let numbered = !number.is_empty() && number.chars().count() <= 6 && closed && !rest.trim().is_empty();
    let title = if numbered { rest } else { line };
    title
        .trim()
        .trim_end_matches(|c: char| c.is_whitespace() || ";.,:；。，：".contains(c))
        .to_string()
}

/// The sentence of `text` around byte `at` (at most 400 bytes either way): from the end of the
/// sentence before to the end of its own, where a full stop after a legal-form abbreviation
/// (`Co.`, `Ltd.`, `Inc.`) ends none.
fn sentence_near(text: &str, at: usize) -> &str {
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

/// The values (emails, postal addresses) a passage puts in and takes out, `new` and `old` its
/// two sides' and `elsewhere` those the old and the new whole documents name: a value the other
/// document names anywhere was moved, not changed. But one value put in the place of another in
/// the same passage (the passages alike) is a new route for what the passage is about, even where
/// both are written elsewhere (`mailed to: …, Porkkalankatu 1` → `…, Kaarlenkatu 11`, the latter
/// the head office named above).
fn put_in_and_taken_out<'a>(
    new: &'a [String],
    old: &'a [String],
    (in_old_doc, in_new_doc): (&BTreeSet<String>, &BTreeSet<String>),
    old_full: &str,
    new_full: &str,
) -> (Vec<&'a String>, Vec<&'a String>) {
    let (added, removed) = (fresh(new, old, in_old_doc), fresh(old, new, in_new_doc));
    if !added.is_empty() || !removed.is_empty() {
        return (added, removed);
    }
    let none = BTreeSet::new();
    let (swapped_in, swapped_out) = (fresh(new, old, &none), fresh(old, new, &none));
    if !swapped_in.is_empty()
        && !swapped_out.is_empty()
        && super::lexicon::sentence_similarity(old_full, new_full) >= 0.6
    {
        (swapped_in, swapped_out)
    } else {
        (added, removed)
    }
}

/// The hard evidence of one change: `old_full` and `new_full` are its texts, `frame` the headings
/// above it and its lead-in (normal form), `context` the whole passage with them.
#[allow(clippy::too_many_arguments)]
pub(super) fn hard_evidence<'c>(
    old_full: &str,
    new_full: &str,
    frame: &str,
    context: &dyn Fn() -> &'c str,
    topics: &BTreeSet<Role>,
    docs: &Documents<'_>,
    found: &mut Found,
) {
    let (ei, ed) = (emails(new_full), emails(old_full));
    if ei != ed {
        let (mut added, mut removed) = put_in_and_taken_out(
            &ei,
            &ed,
            (docs.emails(false), docs.emails(true)),
            old_full,
            new_full,
        );
        // scraped link text glued to an address is not a new address
        added.retain(|a| !ed.iter().any(|d| same_address(a, d)));
        removed.retain(|d| !ei.iter().any(|a| same_address(a, d)));
        if let Some(change) = NameChange::of(removed.first().copied(), added.first().copied()) {
            found.add(Role::Contact, Reason::Email(change));
        }
    }
    let (pi, pd) = (phones(new_full), phones(old_full));
    let fresh_phones = |a: &[String], b: &[String], elsewhere: &BTreeSet<String>| {
        a.iter()
            .any(|x| !b.iter().chain(elsewhere).any(|y| crate::lint::same_phone(x, y)))
    };
    if pi != pd && (fresh_phones(&pi, &pd, docs.phones(false)) || fresh_phones(&pd, &pi, docs.phones(true))) {
        found.add(Role::Contact, Reason::Phones { old: pd, new: pi });
    }
    let (ai, ad) = (addresses(new_full), addresses(old_full));
    if ai != ad {
        let (added, removed) = put_in_and_taken_out(
            &ai,
            &ad,
            (docs.addresses(false), docs.addresses(true)),
            old_full,
            new_full,
        );
        if let Some(change) = NameChange::of(removed.first().copied(), added.first().copied()) {
            found.add(Role::Contact, Reason::Address(change));
        }
    }
    // the same street, another suite or floor (both versions giving one)
    if !found.clauses.contains(&Role::Contact) {
        let (ui, ud) = (units(new_full), units(old_full));
        let moved = ui.iter().find_map(|(place, unit)| {
            ud.iter()
                .find(|(p, u)| p == place && u != unit && !ui.iter().any(|x| x.0 == *p && x.1 == *u))
                .map(|(_, old)| (place, old, unit))
        });
        if let Some((place, old, new)) = moved {
            found.add(
                Role::Contact,
                Reason::Address(NameChange::Changed {
                    old: format!("{place}, {old}"),
                    new: format!("{place}, {new}"),
                }),
            );
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
        // where a processor handles the data for the company, or the data centres that hold it
        // (GDPR Arts. 13(1)(f) and 28; GB/T 35273-2020 §9.8)
        "on our behalf",
        "data cent",
        "outside",
        "abroad",
        "cross-border",
        "country",
        "countries",
        "存储",
        "存放",
        "服务器",
        "数据中心",
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
    // a whole passage put in or taken out that says where data is kept or sent to (`Our servers
    // are located in Germany.`, `我们将您的信息存储于新加坡的服务器`): a place its sentences about
    // storage or transfer name, which the other document names nowhere (GDPR Art. 13(1)(f); PIPL
    // Art. 38)
    if old_full.is_empty() != new_full.is_empty() {
        const KEPT: &[&str] = &[
            "server",
            "stored",
            "storage",
            "hosted",
            "data cent",
            "transfer",
            "存储",
            "存放",
            "服务器",
            "数据中心",
            "出境",
            "跨境",
        ];
        let (text, new) = if old_full.is_empty() {
            (new_full, true)
        } else {
            (old_full, false)
        };
        let about: Vec<&str> = crate::diff::sentences(text)
            .into_iter()
            .filter(|(_, n)| KEPT.iter().any(|k| n.contains(k)))
            .map(|(s, _)| s)
            .collect();
        if !about.is_empty() {
            let places: Vec<String> = super::place::places(&about.join(" "))
                .into_iter()
                .filter(|p| !docs.places(!new).contains(p))
                .map(|p| p.to_string())
                .collect();
            if !places.is_empty() {
                let (added, removed) = if new { (places, vec![]) } else { (vec![], places) };
                found.add(Role::Recipients, Reason::Places { added, removed });
            }
        }
    }
    let (ci, cd) = (companies(new_full), companies(old_full));
    let added: Vec<&String> = ci
        .iter()
        .filter(|c| !cd.contains(c) && !docs.names(false, c) && !is_forum(c))
        .collect();
    let removed: Vec<&String> = cd
        .iter()
        .filter(|c| !ci.contains(c) && !docs.names(true, c) && !is_forum(c))
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
    // an authority taken out of the route of a complaint, none put in: one place fewer to complain
    // to (the right to lodge a complaint, GDPR Art. 77; PIPL Art. 65)
    if let ([gone, ..], []) = (auth_removed.as_slice(), auth_added.as_slice())
        && ["complain", "lodge", "投诉", "举报"]
            .iter()
            .any(|k| context().contains(k))
    {
        found
            .consent
            .push((Role::Contact, Consent::AuthorityRemoved(gone.to_string())));
    }
    let added: Vec<&String> = added.into_iter().filter(|c| !authority(c)).collect();
    let removed: Vec<&String> = removed.into_iter().filter(|c| !authority(c)).collect();
    // the passage defines "we" as another company (its name perhaps without a legal form), or
    // as another group of companies (a joint controller put in or taken out)
    let (wo, wn) = (we_group(old_full, &cd), we_group(new_full, &ci));
    let we_redefined = defined_we(old_full)
        .zip(defined_we(new_full))
        .filter(|(a, b)| legal_key(a) != legal_key(b))
        .map(|(old, new)| NameChange::Changed { old, new })
        .or_else(|| {
            (!wo.is_empty() && !wn.is_empty())
                .then(|| NameChange::of(wo.difference(&wn).next(), wn.difference(&wo).next()))
                .flatten()
        });
    if let Some(who) = NameChange::of(removed.first().copied(), added.first().copied()) {
        let has = |ks: &[&str]| ks.iter().any(|k| context().contains(k));
        // (`operated by X` names who runs the policy's service, unless X processes users' data
        // for the service it operates: `a cloud region operated by X, which processes your email
        // address` is a processor, GDPR Art. 28)
        let processes = has(&[
            "processes your",
            "process your",
            "processing your",
            "on our behalf",
            "处理您的",
            "代表我们",
        ]);
        let operated = has(&["operated by", "运营"]) && !processes;
        let control = operated
            || has(&[
                "controller",
                "owned by",
                "acquir",
                "acquisition",
                "merg",
                "is responsible",
                // ownership (GDPR Art. 4(19) group of undertakings; PIPL Art. 22 merger, division)
                "subsidiary of",
                "wholly owned",
                "wholly-owned",
                "控制者",
                "收购",
                "合并",
                "全资子公司",
                "控股股东",
                "实际控制人",
            ]);
        // the people a user writes to, said of the organisation itself (in the sentence that
        // names it)
        let officer = added.first().or(removed.first()).is_some_and(|name| {
            let head = name.split_whitespace().next().unwrap_or(name);
            [new_full, old_full].into_iter().any(|text| {
                text.match_indices(head).take(20).any(|(at, _)| {
                    let near = crate::diff::text::normal_form(sentence_near(text, at));
                    OFFICER.iter().any(|k| near.contains(k))
                })
            })
        });
        // (or the passage stands under a heading, or after a lead-in, that names the officer or
        // the representative as such: `… may contact our data protection representatives
        // according to Articles 27 EU and UK GDPR:` above `EU: DP-Dock GmbH, …`)
        let officer = officer || names_officer(frame);
        let complaint = officer || has(&["complain", "contact us", "inquir", "投诉", "联系"]);
        // the policy's own controller renamed or replaced (the old one's name out, the new one's
        // in) is a change of who controls the data
        // (or a name put in that is the new controller, where the documents name two: the old
        // name may stay elsewhere in the new text, as a former name or an affiliate)
        let control = control
            || removed.first().is_some_and(|n| docs.is_controller(false, n))
                && added.first().is_some_and(|n| docs.is_controller(true, n))
            || added
                .first()
                // (the text's own words first: finding a document's controller reads all of it)
                .is_some_and(|n| called_we(docs.text(true), n) && docs.is_controller(true, n))
                && docs.controller_changed()
            // (or the old controller's name taken out, where the new document names another
            // controller and not this one: a template policy of one company replaced by another's)
            || removed.first().is_some_and(|n| docs.is_controller(false, n)) && docs.controller_changed()
            // (or the passage defines "we" as another company)
            || we_redefined.is_some();
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
            found.add(
                Role::Control,
                Reason::Entity {
                    role: EntityRole::Responsible,
                    change: we_redefined.clone().unwrap_or_else(|| who.clone()),
                },
            );
        }
        if complaint {
            found.add(Role::Contact, entity(EntityRole::ContactRoute));
        }
        if !control && (recipient || !complaint) {
            found.add(Role::Recipients, entity(EntityRole::Recipient));
        }
    }
    // the passage defines its "we" as another company (`TikTok Inc. ("TikTok", "we")` → `TikTok
    // USDS Joint Venture LLC ("…", "we")`): who is responsible changed, though the other document
    // may name the new company elsewhere (a second policy on the same page)
    // (or who a sentence says "we" are: `We are Mailgun Technologies, an email service
    // provider.` → `We are Sinch Email, the Developer & Email business unit of Sinch.`)
    if !found.clauses.contains(&Role::Control) {
        let we = |names: &[String], text: &str| {
            names
                .iter()
                .find(|n| called_we(text, n))
                .cloned()
                .or_else(|| we_are(text))
                .or_else(|| defined_we(text))
        };
        let b = we(&ci, new_full);
        // (a passage that now says who we are, where the old one said nothing of it: who the old
        // document said we were, a paragraph split in two having moved the sentence)
        let a = we(&cd, old_full).or_else(|| b.as_ref().and_then(|_| we_are(docs.text(false))));
        if let (Some(a), Some(b)) = (a, b) {
            let (ka, kb) = (legal_key(&a), legal_key(&b));
            if !ka.contains(&kb) && !kb.contains(&ka) {
                found.add(
                    Role::Control,
                    Reason::Entity {
                        role: EntityRole::Responsible,
                        change: NameChange::Changed { old: a, new: b },
                    },
                );
            }
        }
    }
    // an organisation named by its brand alone, put in or taken out of a sentence about whom data
    // goes to (`our hosting provider, Amazon Web Services,` → `…, Hetzner Online,`)
    if !found.clauses.contains(&Role::Recipients)
        && let Some(who) = brands_changed(old_full, new_full, frame, docs)
    {
        found.add(
            Role::Recipients,
            Reason::Entity {
                role: EntityRole::Recipient,
                change: who,
            },
        );
    }
    // a web address by which users exercise a right, written out in the words
    for route in super::links::text_routes(old_full, new_full, docs.text(false), docs.text(true)) {
        found.add(Role::Rights, Reason::RightsRoute(route));
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
        // words of the storage period (GDPR Art. 13(2)(a); PIPL Art. 19; GB/T 35273-2020 §6.1:
        // 保存期限), of answering requests (GDPR Art. 12(3); GB/T 35273-2020 §8.7: 答复), and of
        // requests themselves
        let retention_in = |t: &str| {
            [
                "retain",
                "keep",
                "kept",
                "store",
                "retention",
                "archiv",
                "duration",
                "保存",
                "保留",
                "存储",
                "存档",
                "期限",
            ]
            .iter()
            .any(|k| t.contains(k))
        };
        let answer_in = |t: &str| {
            [
                "respond",
                "reply",
                "答复",
                "回复",
                "响应",
                "处理您的请求",
                "处理您的申请",
            ]
            .iter()
            .any(|k| t.contains(k))
        };
        let request_in = |t: &str| ["response", "request"].iter().any(|k| t.contains(k));
        // the sentence that states the new figure says what it measures (`stored … for a
        // maximum of 30 days in order to … optimise response recognition` is a retention); the
        // whole passage, when no one sentence does
        let (retention, response) = match figure_sentence(new_full, b).map(str::to_lowercase) {
            Some(t) if answer_in(&t) => (false, true),
            Some(t) if retention_in(&t) => (true, false),
            Some(t) if request_in(&t) => (false, true),
            _ => (
                retention_in(context()),
                answer_in(context()) || request_in(context()),
            ),
        };
        if response || !retention && topics.contains(&Role::Rights) {
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

/// The sentence of `text` that states a duration of `days` days: sentences end at a full stop
/// before a capital (not at `max. 34 days`), at Chinese stops and at line ends.
fn figure_sentence(text: &str, days: u32) -> Option<&str> {
    let mut start = 0;
    let mut ends = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let stop = match c {
            '。' | '！' | '？' | '；' | ';' | '\n' => true,
            '.' | '!' | '?' => {
                let rest = text[end..].trim_start();
                rest.is_empty() || rest.starts_with(char::is_uppercase) && text[end..].starts_with(' ')
            }
            _ => false,
        };
        if stop {
            ends.push((start, end));
            start = end;
        }
    }
    ends.push((start, text.len()));
    ends.into_iter()
        .map(|(a, b)| &text[a..b])
        .find(|s| durations(s).contains(&days))
}

/// `s` with the at signs and dots of addresses written against harvesters (`(at)`, `[at]`,
/// `{at}`, with or without spaces around; `(dot)`, `[dot]`) put back; `None` when it has none.
fn unobfuscated(s: &str) -> Option<String> {
    const AT: &[&str] = &["(at)", "[at]", "{at}"];
    const DOT: &[&str] = &["(dot)", "[dot]", "{dot}"];
    // (brackets are rare, and most hold no `at`: told without a lowercased copy)
    let b = s.as_bytes();
    let marked = s.match_indices(['(', '[', '{']).any(|(i, _)| {
        b.get(i + 1..i + 4)
            .is_some_and(|w| w[..2].eq_ignore_ascii_case(b"at") && matches!(w[2], b')' | b']' | b'}'))
    });
    if !marked {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &lower[i..];
        let mark = AT
            .iter()
            .map(|m| (m, '@'))
            .chain(DOT.iter().map(|m| (m, '.')))
            .find_map(|(m, c)| {
                // the mark, with at most one space either side
                let spaced = rest.strip_prefix(' ').map_or((0, rest), |r| (1, r));
                spaced.1.strip_prefix(*m).map(|after| {
                    let tail = usize::from(after.starts_with(' '));
                    (spaced.0 + m.len() + tail, c)
                })
            });
        if let Some((len, c)) = mark {
            out.push(c);
            i += len;
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    Some(out)
}

/// Email addresses in `s`, sorted; an address written against harvesters (`errata (at) pglaf.org`,
/// `privacy[at]example[dot]com`) is read as the address it spells.
pub fn emails(s: &str) -> Vec<String> {
    if let Some(spelled) = unobfuscated(s) {
        return emails(&spelled);
    }
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
                    | '`'
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

/// Words naming the people a user writes to: GDPR Art. 13(1)(a)-(b) (representative, data
/// protection officer), PIPL Arts. 52-53 (个人信息保护负责人, 专门机构或者指定代表).
const OFFICER: &[&str] = &[
    "protection officer",
    "dpo",
    "representative",
    "保护负责人",
    "指定代表",
];

/// Does a passage's frame (its headings and lead-in, normalised) name the officer or the
/// representative as such (`… may contact our representative according to Article 27 GDPR:`)?
fn names_officer(frame: &str) -> bool {
    OFFICER
        .iter()
        .chain(&["article 27", "articles 27"])
        .any(|k| frame.contains(k))
}

/// The first organisation named by its brand (`Stripe`, no legal form) as a recipient in the lines
/// of each side of an English passage, which the other whole document does not name: the policy's
/// own name (in its title, or its controller's) and an officer, a representative or an authority
/// a user writes to are none.
fn brands_changed(old_full: &str, new_full: &str, frame: &str, docs: &Documents<'_>) -> Option<NameChange> {
    use crate::diff::text::cjk_ratio;
    if names_officer(frame) {
        return None;
    }
    if cjk_ratio(old_full) > 0.3 || cjk_ratio(new_full) > 0.3 {
        return zh_brands_changed(old_full, new_full, docs);
    }
    // (a word either document writes in lower case is an ordinary word)
    let texts = [docs.text(false), docs.text(true)];
    let ordinary = |w: &str| super::brand::written_in_lower_case(&texts, w);
    // the names in the lines of a side that name them as recipients
    let read = |text: &str| -> Vec<String> {
        let mut out = vec![];
        for line in text.lines() {
            let found = super::brand::candidates(line);
            if found.is_empty() || !super::brand::about_recipients(line) {
                continue;
            }
            let lower = line.to_lowercase();
            if OFFICER
                .iter()
                .chain(&["complain", "authority"])
                .any(|k| lower.contains(k))
            {
                continue;
            }
            out.extend(
                found
                    .into_iter()
                    .filter(|n| super::brand::named_as_recipient(line, n)),
            );
        }
        out
    };
    let (ni, nd) = (read(new_full), read(old_full));
    // (a place is no organisation)
    let name = |n: &&String| !super::brand::ordinary_word(n, &ordinary) && super::place::places(n).is_empty();
    // the policy's own name or one of its products (`Nimbus Pay` in `Nimbus Notes`' policy): its
    // first word in the policy's title, or the controller's name
    let own = |new: bool, n: &str| {
        let text = docs.text(new);
        let title = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let first = n.split([' ', '-']).next().unwrap_or(n);
        title.split(|c: char| !c.is_alphanumeric()).any(|w| w == first) || docs.is_controller(new, n)
    };
    let added = ni
        .iter()
        .filter(|n| !nd.contains(n) && !docs.states(false, n) && !own(true, n))
        .find(name);
    let removed = nd
        .iter()
        .filter(|n| !ni.contains(n) && !docs.states(true, n) && !own(false, n))
        .find(name);
    NameChange::of(removed, added)
}

/// [`brands_changed`] in Chinese: the cloud providers named by brand (`阿里云` → `腾讯云`) in the
/// lines of each side that say whom data goes to, which the other whole document does not name
/// and which are not the policy's own (its title's, or its controller's, first characters).
fn zh_brands_changed(old_full: &str, new_full: &str, docs: &Documents<'_>) -> Option<NameChange> {
    // (and the names written in Latin letters there: `Google Analytics 以及 Ko-fi 等第三方组件`)
    let read = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| super::brand::zh_about_recipients(l))
            .flat_map(|l| {
                // (a name followed by a colon labels a value, `X-Title: Cebian`, a request
                // header's name: no organisation; a name written against Chinese characters,
                // `由Apple处理`, is a word of its own)
                // (a word mostly in capitals, `DDoS`, abbreviates a term as an acronym does)
                let acronym = |n: &str| {
                    !n.contains(' ')
                        && n.chars().filter(char::is_ascii_uppercase).count()
                            > n.chars().filter(char::is_ascii_lowercase).count()
                };
                let latin = super::brand::candidates(&spaced(l)).into_iter().filter(move |n| {
                    n.is_ascii()
                        && !acronym(n)
                        && n.chars().filter(char::is_ascii_alphabetic).count() >= 3
                        && !l.contains(&format!("{n}:"))
                        && !l.contains(&format!("{n}："))
                });
                super::brand::zh_names(l).into_iter().chain(latin)
            })
            .collect()
    };
    let (ni, nd) = (read(new_full), read(old_full));
    let own = |new: bool, n: &str| {
        let text = docs.text(new);
        let title = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let stem = n.trim_end_matches('云');
        let side = docs.side(new);
        let controller = side.controller.get_or_init(|| controller(side.text));
        title.contains(stem)
            || controller.as_deref().is_some_and(|c| c.contains(stem))
            || zh_policy_subject(text, n)
    };
    let added = ni
        .iter()
        .find(|n| !nd.contains(n) && !docs.states(false, n) && !own(true, n));
    let removed = nd
        .iter()
        .find(|n| !ni.contains(n) && !docs.states(true, n) && !own(false, n));
    NameChange::of(removed, added)
}

/// `line` with a space wherever Chinese characters and Latin letters or digits meet (`由Apple处理` →
/// `由 Apple 处理`), so that a Latin name stands as words of its own.
fn spaced(line: &str) -> String {
    use crate::diff::text::is_cjk;
    let mut out = String::with_capacity(line.len() + 8);
    let mut last: Option<char> = None;
    for c in line.chars() {
        if let Some(p) = last
            && (is_cjk(p) && c.is_ascii_alphanumeric() || p.is_ascii_alphanumeric() && is_cjk(c))
        {
            out.push(' ');
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// Does a sentence of a Chinese policy that says what the policy covers name `name` as what it
/// covers (`本政策说明 Talo 如何处理数据`, `本隐私政策适用于 X`): the policy's own product, not a
/// recipient? The services it says it does not cover (`不适用于 Codex、ChatGPT…`) are others.
fn zh_policy_subject(text: &str, name: &str) -> bool {
    text.split(['。', '！', '？', '\n'])
        .filter(|s| {
            ["本政策", "本隐私政策", "本声明", "本指引"]
                .iter()
                .any(|k| s.contains(k))
        })
        .any(|s| {
            let covered = s.find("不适用").map_or(s, |at| &s[..at]);
            ["说明", "适用于", "适用", "涵盖"]
                .iter()
                .any(|k| covered.contains(k))
                && covered.contains(name)
        })
}

/// A company's name compared across spellings of one legal form (`Limited`/`Ltd`,
/// `Incorporated`/`Inc`, `Corporation`/`Corp`, `Company`/`Co`), case and punctuation aside.
fn legal_key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w.to_lowercase().as_str() {
            "limited" => "ltd".to_string(),
            "incorporated" => "inc".to_string(),
            "corporation" => "corp".to_string(),
            "company" => "co".to_string(),
            other => other.to_string(),
        })
        .collect()
}

/// The name a sentence of `text` opens by saying "we" are (`We are Mailgun Technologies, an
/// email service provider.`, `We're Bending Spoons S.p.A.`): capitalised name words only, so `We
/// are committed …` names no one.
fn we_are(text: &str) -> Option<String> {
    ["We are ", "We're ", "We’re "].iter().find_map(|opening| {
        text.match_indices(opening).find_map(|(at, _)| {
            let starts = text[..at]
                .trim_end_matches([' ', '*', '_'])
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':'));
            let rest = &text[at + opening.len()..];
            // a name in apposition (`We are X, …`, `We are X (…)`, `We are X.`), not a word
            // that describes us (`We are GDPR compliant`)
            let apposition = |n: &String| {
                rest.get(..n.len() + 8)
                    .and_then(|head| head.find(n.as_str()))
                    .is_some_and(|i| {
                        let after = rest[i + n.len()..].trim_start_matches(['*', '_', '"', '”', '’']);
                        after.is_empty() || after.starts_with([',', '(', '.', ';', '，', '（', '\n'])
                    })
            };
            starts
                .then(|| leading_name(rest))
                .flatten()
                .filter(|n| !matches!(n.as_str(), "The" | "Here" | "Not") && apposition(n))
        })
    })
}

/// The name a definition says the policy's "we" refers to, the bracket before it (`Company
/// (referred to as either "the Company", "We", "Us" or "Our" in this Agreement) refers to Acme
/// Inc., …`, `公司：（在本协议中称为"本公司"、"我们"…）是指X，地址为…`), as the common policy
/// generators write it.
fn defined_we(text: &str) -> Option<String> {
    const REFERS: &[&str] = &["refers to ", "means ", "is ", "是指", "系指", "指"];
    text.match_indices(['(', '（']).find_map(|(at, open)| {
        let rest = &text[at + open.len()..];
        let close = rest
            .char_indices()
            .take(160)
            .find(|(_, c)| matches!(c, ')' | '）'))?
            .0;
        let inside = rest[..close].to_lowercase();
        let we = ["\"we\"", "“we”", "'we'", "‘we’", "\"我们\"", "“我们”", "我们"]
            .iter()
            .any(|w| inside.contains(w));
        if !we {
            return None;
        }
        let after = rest[close..].trim_start_matches([')', '）', ' ']);
        let named = REFERS.iter().find_map(|r| after.strip_prefix(r))?.trim_start();
        let end = named
            .find([',', '，', '。', ';', '；', '(', '（', '\n', '、'])
            .unwrap_or(named.len());
        let name = named[..end].trim_end_matches(['.', ' ']).trim();
        let letters = name.chars().filter(|c| c.is_alphanumeric()).count();
        ((3..=80).contains(&letters)
            && name
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_ascii())
            && !name.to_lowercase().starts_with("the "))
        .then(|| name.to_string())
    })
}

/// Is the bracket text `inside` one that defines the policy's "we" (`"we"`, `together, "we"`,
/// `以下合称"我们"`)?
fn defines_we(inside: &str) -> bool {
    let inside = inside.to_lowercase();
    ["\"we\"", "“we”", "'we'", "‘we’", "我们"]
        .iter()
        .any(|w| inside.contains(w))
}

/// The companies of `names` that a sentence of `text` defines together as the policy's "we"
/// (`X and Y, as joint controllers of your personal information (together, "we")`, `X与Y作为共同
/// 个人信息处理者（以下合称"我们"）`): the names in the words of its sentence before the bracket.
fn we_group(text: &str, names: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, open) in text.match_indices(['(', '（']) {
        let rest = &text[at + open.len()..];
        let Some((close, _)) = rest
            .char_indices()
            .take(160)
            .find(|(_, c)| matches!(c, ')' | '）'))
        else {
            continue;
        };
        if !defines_we(&rest[..close]) {
            continue;
        }
        // the sentence before the bracket: from the last line break, full stop, or full stop and
        // a capital (`Co., LTD. and` runs on)
        let before = &text[..at];
        let mut start = before
            .char_indices()
            .rfind(|(_, c)| matches!(c, '\n' | '。'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        for (i, _) in before.match_indices(". ") {
            if before[i + 2..].starts_with(|c: char| c.is_uppercase()) && i + 2 > start {
                start = i + 2;
            }
        }
        let sentence = &before[start..];
        out.extend(names.iter().filter(|n| sentence.contains(n.as_str())).cloned());
    }
    out
}

/// Does `text` define `name` as the policy's "we" where it names it (`X ("TP-Link", "we", "us" or
/// "our")`, `X（以下简称"我们"）`)? That is how a policy says who is responsible for it.
fn called_we(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let after: String = text[at + name.len()..].chars().take(60).collect();
        let bracket = after.trim_start_matches(['.', ',', ' ']).starts_with(['(', '（']);
        let lower = after.to_lowercase();
        bracket
            && (["\"we\"", "“we”", "'we'", "‘we’", "“we,”", "\"we,\""]
                .iter()
                .any(|w| lower.contains(w))
                || after.contains("我们"))
    })
}

/// Company names (words before a corporate suffix) in `s`.
pub fn companies(s: &str) -> Vec<String> {
    let mut out = BTreeSet::new();
    // a name never runs from one block (line) into the next: `Privacy Policy` / `Limited
    // Warranty` are two menu entries, not a company
    for line in s.lines() {
        // the (up to) three words before the current one, the latest last
        // (four words where one is a place in brackets: `SmallRig Technology (Shenzhen) Co., Ltd.`)
        let mut before: [&str; 4] = [""; 4];
        for (seen, t) in line.split_whitespace().enumerate() {
            let window = &before[4 - seen.min(4)..];
            let window = if window.len() == 4 && !window.iter().any(|w| bracketed_place(w)) {
                &window[1..]
            } else {
                window
            };
            out.extend(company_name(window, t));
            before.rotate_left(1);
            before[3] = t;
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
        // a regulator named in Chinese: where a complaint goes (PIPL Art. 65)
        "管理局",
        "网信办",
    ]
    .iter()
    .any(|h| name.ends_with(h))
}

/// Is this name a court or an arbitration body (`上海仲裁委员会`, `the Arbitration Tribunal`): where
/// a dispute is settled, neither a recipient nor a route of complaints?
fn is_forum(name: &str) -> bool {
    ["仲裁委员会", "仲裁院", "仲裁中心", "法院", "Tribunal"]
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
    // a possessive is no name of a company (`Google's Limited Use requirements`)
    if before
        .last()
        .is_some_and(|w| w.ends_with("'s") || w.ends_with("’s"))
    {
        return None;
    }
    let mut name: Vec<&str> = Vec::new();
    for (i, w) in before.iter().enumerate().rev() {
        // a label (`Attn:`, `Controller:`) ends the words before a name
        if w.ends_with([':', '：']) {
            break;
        }
        let w = w.trim_end_matches(',');
        // a short number right before the legal form, after a capitalised word, is part of the
        // name (`Singularity 6 Corporation`, `Studio 71 GmbH`)
        let numbered = name.is_empty()
            && (1..=3).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_digit())
            && i > 0
            && before[i - 1].starts_with(|c: char| c.is_uppercase());
        if numbered {
            name.insert(0, w);
            continue;
        }
        // a capitalised word, or a brand written in camel case (`ironSource`), or a place in
        // brackets inside the name (`Tencent Technology (Shenzhen) Co., Ltd.`)
        let camel = w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.chars().skip(1).any(|c| c.is_ascii_uppercase());
        if w.chars().next().is_some_and(|c| c.is_uppercase())
            || camel && name.is_empty()
            || bracketed_place(w)
        {
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
    // (`Co., Ltd.` alone is two legal forms, no name)
    let named = name
        .iter()
        .any(|w| !is_company_suffix(w.trim_end_matches(',')) && !bracketed_place(w));
    named.then(|| format!("{} {}", name.join(" "), bare_t.trim_end_matches(['.', ','])))
}

/// A capitalised word in brackets (`(Shenzhen)`), as the English names of Chinese companies
/// write their place of registration.
fn bracketed_place(w: &str) -> bool {
    w.strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .is_some_and(|w| {
            w.len() >= 2
                && w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.chars().all(|c| c.is_ascii_alphabetic())
        })
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
/// 处理者): of the organisations a text names, the one its own sentences make responsible.
///
/// Candidates are every legal name (words before a company form, 有限公司) and every name a
/// policy's own wording puts in the responsible party's place, with or without a legal form:
///
/// 1. the name a "we" is defined as: `X ("we", "us")`, `X, together with its affiliates ("X",
///    "we")`, `(hereinafter "X", "we")`, `X（以下简称"我们"）`;
/// 2. `operated by X`, `offered by X`, `The data controller … is X`, `Controller: X`, `X, as data
///    controller`, `由X开发`, `运营者：X`, `公司名称：X`;
/// 3. a name that abbreviates itself (`Flickr, Inc. ("Flickr")`), a legal name in the title, the
///    subject of the policy's own verbs (`Visible values your business`, `how X collects`), the
///    copyright line (weak).
///
/// Cues in a sentence about recipients (processors, partners, advertisers, SDKs) do not count.
/// A bare name merges into a legal name that begins with it (`Wolfram` → `Wolfram Research,
/// Inc.`). Among equals the first named wins; `None` when the text names no organisation. A
/// Chinese name without a legal form counts only when it reads as an organisation (公司, 团队,
/// 中心, Studio …): a product (`微力同步（以下简称"我们"）`) is not a controller.
pub fn controller(text: &str) -> Option<String> {
    // markup is not part of a name, nor are the spaces a capture leaves around a bracketed place
    // (`沛肯信息科技 (上海) 有限公司`)
    let text = &plain_for_names(text);
    // every mention of a legal name, where it stands (a cue looks for the one in its sentence)
    let mut legal = legal_names(text);
    for name in companies(text) {
        if name.chars().any(crate::diff::text::is_cjk) {
            legal.extend(text.match_indices(&name).map(|(at, _)| (at, name.clone())));
        }
    }
    legal.retain(|(_, name)| !is_authority(name));
    legal.sort();
    let mut cands = Candidates::default();
    for (at, name) in &legal {
        cands.add(name, 0, *at, true);
    }
    for cue in cues(text, &legal) {
        cands.add(&cue.name, cue.weight, cue.at, false);
    }
    if cands.list.is_empty() {
        return None;
    }
    cands.merge_bare_into_legal();
    let lower = lowercase_in_place(text);
    // a cue outweighs what the sentences around mere mentions suggest
    for c in &mut cands.list {
        c.score = 3 * c.score + mention_score(&lower, &c.name, c.legal);
    }
    cands
        .list
        .into_iter()
        .max_by(|a, b| a.score.cmp(&b.score).then(b.first.cmp(&a.first)))
        .map(|c| c.name)
}

/// Words that make the sentence around a name speak of the responsible party, or of a recipient.
const FOR_CONTROLLER: &[&str] = &[
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
const AGAINST_CONTROLLER: &[&str] = &[
    "processor",
    "partner",
    "service provider",
    "services of",
    "vendor",
    "sdk",
    "third part",
    "third-part",
    "advertis",
    "analytics",
    "第三方",
    "合作",
    "委托",
    "传输给",
    "提供给",
];

/// A candidate controller: its name as written, the weight of the cues that name it, where it
/// is first named, and whether the name carries a legal form.
struct Candidate {
    name: String,
    score: i64,
    cues: u32,
    first: usize,
    legal: bool,
}

#[derive(Default)]
struct Candidates {
    list: Vec<Candidate>,
}

impl Candidates {
    /// Adds `weight` to the candidate of this name (letters and digits compared), or a new one.
    fn add(&mut self, name: &str, weight: i64, at: usize, legal: bool) {
        let key = name_key(name);
        if key.chars().count() < 2 {
            return;
        }
        if let Some(c) = self.list.iter_mut().find(|c| name_key(&c.name) == key) {
            // two cues say it; more (one per row of a table of SDKs) add nothing
            if weight > 0 && c.cues < 2 {
                c.score += weight;
                c.cues += 1;
            }
            c.first = c.first.min(at);
            // a legal form over a bare name, the name with its own `The` over the one without
            if legal && (!c.legal || name.len() > c.name.len()) {
                c.name = name.to_string();
                c.legal = true;
            }
        } else {
            let cues = u32::from(weight > 0);
            self.list.push(Candidate {
                name: name.to_string(),
                score: weight,
                cues,
                first: at,
                legal,
            });
        }
    }

    /// A bare name (`Wolfram`) gives its cues to the first legal name that begins with it
    /// (`Wolfram Research, Inc.`).
    fn merge_bare_into_legal(&mut self) {
        let mut i = 0;
        while i < self.list.len() {
            let bare = &self.list[i];
            let key = name_key(&bare.name);
            let target = (!bare.legal)
                .then(|| {
                    self.list
                        .iter()
                        .enumerate()
                        .filter(|(j, c)| *j != i && c.legal && name_key(&c.name).starts_with(&key))
                        .min_by_key(|(_, c)| c.first)
                        .map(|(j, _)| j)
                })
                .flatten();
            if let Some(j) = target {
                let bare = self.list.remove(i);
                let j = if j > i { j - 1 } else { j };
                self.list[j].score += bare.score;
                self.list[j].first = self.list[j].first.min(bare.first);
            } else {
                i += 1;
            }
        }
    }
}

/// `text` in lower case, letter for letter in the same bytes (a letter whose lower case is longer
/// or shorter stays as it is), so that a place found in one is the same place in the other.
fn lowercase_in_place(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(low), None) if low.len_utf8() == c.len_utf8() => low,
                _ => c,
            }
        })
        .collect()
}

/// Letters and digits of a name, lowercase, without a leading `The`: `Signal Messenger, LLC` =
/// `Signal Messenger LLC`, `The Mirror Megaverse Inc.` = `Mirror Megaverse Inc.`.
fn name_key(name: &str) -> String {
    let name = name.strip_prefix("The ").unwrap_or(name);
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The score of a name from the sentences that mention it (whole-word mentions only): words of
/// responsibility count for it, words of recipients against it; a few mentions, and one near the
/// top, count a little.
fn mention_score(lower: &str, name: &str, legal: bool) -> i64 {
    let full = name.to_lowercase();
    // mentions by the name without its legal form (`DeviantArt` for `DeviantArt Inc`)
    let key = full
        .trim_end_matches(['.', ','])
        .rsplit_once(' ')
        .filter(|_| full.split_whitespace().count() > 1)
        .map_or(full.as_str(), |(base, _)| base.trim_end_matches(','))
        .to_string();
    let key = if key.chars().count() >= 3 { key } else { full };
    let (mut score, mut against, mut first, mut count) = (0i64, 0i64, usize::MAX, 0i64);
    for (at, _) in lower.match_indices(&key) {
        let before = lower[..at].chars().next_back();
        let after = lower[at + key.len()..].chars().next();
        let latin_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if key.is_ascii() && (latin_word(before) || latin_word(after)) {
            continue;
        }
        first = first.min(at);
        count += 1;
        let sentence = sentence_around(lower, at, at + key.len());
        score += 3 * FOR_CONTROLLER.iter().filter(|k| sentence.contains(*k)).count() as i64;
        against += 2 * AGAINST_CONTROLLER
            .iter()
            .filter(|k| sentence.contains(*k))
            .count() as i64;
    }
    // a company's own legal name stands in many sentences about the recipients it shares with:
    // those weigh against it no more than a few mentions in a recipient's place would (a bare
    // name, often a product's, keeps their full weight)
    score -= if legal { against.min(12) } else { against };
    score += count.min(5);
    if first < 600 {
        score += 2;
    }
    score
}

/// The sentence holding `start..end`: from the end of the one before (`. `, `。`, a line break,
/// `;`) to its own end.
fn sentence_around(s: &str, start: usize, end: usize) -> &str {
    let start = s.floor_char_boundary(start.min(s.len()));
    let end = s.floor_char_boundary(end.max(start).min(s.len()));
    let from = sentence_start(s, start);
    let to = [". ", "。", "\n", "; ", "；"]
        .iter()
        .filter_map(|m| s[end..].find(m).map(|i| end + i))
        .min()
        .unwrap_or(s.len());
    &s[from..to]
}

/// Where the sentence holding `at` begins: after the last `. `, `。`, line break or `;` before it,
/// a company form's full stop (`eVenture Ltd. ("we")`) aside.
fn sentence_start(s: &str, at: usize) -> usize {
    let head = &s[..at];
    let mut best = 0;
    for m in ["。", "\n", "; ", "；"] {
        if let Some(i) = head.rfind(m) {
            best = best.max(i + m.len());
        }
    }
    let mut end = head.len();
    while let Some(i) = head[..end].rfind(". ") {
        let word = head[..i + 1].rsplit(char::is_whitespace).next().unwrap_or("");
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        let abbreviation = [
            "inc.", "ltd.", "co.", "corp.", "pte.", "s.a.", "b.v.", "n.v.", "l.l.c.", "s.p.a.", "s.r.l.",
            "s.l.", "s.a.s.", "k.k.", "plc.",
        ];
        if abbreviation.contains(&word.to_lowercase().as_str()) {
            end = i;
            continue;
        }
        best = best.max(i + 2);
        break;
    }
    best
}

/// The text with emphasis marks and escapes dropped, and a bracketed place inside a Chinese name
/// closed up (`信息科技 (上海) 有限公司` → `信息科技(上海)有限公司`).
fn plain_for_names(text: &str) -> String {
    let s: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '\\' | '\u{200d}'))
        .collect();
    let cjk_or_bracket = |c: char| crate::diff::text::is_cjk(c) || matches!(c, '(' | ')' | '（' | '）');
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = chars[..i].iter().rev().find(|c| **c != ' ');
            let next = chars[i + 1..].iter().find(|c| **c != ' ');
            let bracket = |c: Option<&char>| c.is_some_and(|c| matches!(c, '(' | ')' | '（' | '）'));
            if prev.is_some_and(|c| cjk_or_bracket(*c))
                && next.is_some_and(|c| cjk_or_bracket(*c))
                && (bracket(prev) || bracket(next))
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Leading words that label a name in a contact block or a title, not part of it.
const NAME_LABELS: &[&str] = &[
    "privacy",
    "attn",
    "attn.",
    "attention",
    "contact",
    "controller",
    "data",
    "legal",
    "policy",
    "notice",
    "terms",
    "dear",
    "name",
    "company",
    "address",
    "email",
    "e-mail",
    "the",
    "this",
    "our",
    "by",
    "to",
    "from",
    "at",
    "between",
    "and",
    "copyright",
    "all",
    "rights",
    "post",
    "mail",
    "joint",
    "operator",
    "owner",
    "publisher",
    "provider",
    "statement",
];

/// Capitalised words that are never the name of an organisation on their own: the policy's own
/// defined terms and headings' words.
const NOT_NAMES: &[&str] = &[
    "privacy",
    "policy",
    "notice",
    "statement",
    "terms",
    "services",
    "service",
    "site",
    "sites",
    "website",
    "websites",
    "platform",
    "app",
    "apps",
    "application",
    "company",
    "companies",
    "user",
    "users",
    "you",
    "your",
    "we",
    "our",
    "us",
    "other",
    "these",
    "this",
    "that",
    "those",
    "please",
    "if",
    "when",
    "officer",
    "department",
    "representative",
    "member",
    "members",
    "states",
    "union",
    "area",
    "affiliates",
    "group",
    "content",
    "information",
    "data",
    "personal",
    "account",
    "agreement",
    "section",
    "global",
    "all",
    "any",
    "each",
    "such",
    "addendum",
    "supplement",
    "annex",
    "appendix",
    "schedule",
    "exhibit",
];

/// Is `name` (found by its capitals, not a legal form) the proper name of something: none of
/// its words is a policy word, and the text writes it with its capitals inside a sentence at
/// least once, not only where every word is capitalised (a sentence's first word, a heading)?
fn is_proper_name(text: &str, name: &str) -> bool {
    if name.split_whitespace().any(|w| {
        NOT_NAMES.contains(
            &w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    }) {
        return false;
    }
    // two capitalised words in a row are a name wherever they stand (`Stiftung Ethereum`)
    name.split_whitespace().count() > 1
        || text.match_indices(name).any(|(at, _)| {
            let before = text[..at].trim_end_matches(' ');
            before.ends_with(|c: char| c.is_lowercase() || c == ',')
        })
}

/// Words that may sit between the words of a name (`Time and Date AS`, `Bank of X`).
const NAME_LINKS: &[&str] = &[
    "and", "&", "of", "de", "du", "des", "der", "für", "und", "y", "et",
];

/// A word of a name (markup and brackets around it aside): it begins with a capital, or a digit
/// followed by letters (`123Greetings.com`), or holds a capital (`eVenture`).
fn is_name_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| "*_([“”\"'‘’".contains(c));
    if w.chars()
        .any(|c| crate::diff::text::is_cjk(c) || matches!(c, '[' | ']' | '，' | '：'))
    {
        return false;
    }
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => w.chars().any(char::is_alphabetic),
        // `eVenture`, not `non-Nagravision`
        Some(c) if c.is_lowercase() => !w.contains('-') && w.chars().skip(1).any(char::is_uppercase),
        _ => false,
    }
}

/// Legal names in English (and other Latin-script) text, with where each starts: the name words
/// before a company form (`Signal Messenger, LLC`, `ASUSTeK COMPUTER INC.`, `eVenture Ltd.`,
/// `123Greetings.com, Inc.`), without a label before them (`Attn: Privacy`, `Data Controller:`).
fn legal_names(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let words: Vec<(usize, &str)> = line
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
            .collect();
        for (i, &(at, w)) in words.iter().enumerate() {
            let core = w.trim_matches(|c: char| "*_()[]“”\"'‘’,;:".contains(c));
            // forms `is_company_suffix` leaves out: spellings in capitals, Danish, French,
            // German and Australian forms, British charities and community companies
            let upper = matches!(
                core,
                "INC"
                    | "INC."
                    | "CORP"
                    | "CORP."
                    | "LIMITED"
                    | "CORPORATION"
                    | "LLP"
                    | "Aps"
                    | "APS"
                    | "Sarl"
                    | "SARL"
                    | "S.à.r.l."
                    | "SRL"
                    | "Srl"
                    | "PBC"
                    | "CIC"
                    | "CIO"
                    | "e.V."
                    | "KG"
                    | "UG"
                    | "LP"
                    | "Plc"
                    | "S.L.U."
                    | "SpA"
                    | "S.p.A"
            );
            if i == 0 || !(is_company_suffix(core) || upper) || w.ends_with(':') {
                continue;
            }
            // `AS`, `SA`, `AB` in a line of capitals are words (`UPDATED AS OF`): such a form
            // follows a name written in lower case too (`Jotta AS`)
            let short_form = core.len() <= 3 && core.chars().all(|c| c.is_ascii_uppercase());
            let capitals_before = words[i.saturating_sub(3)..i]
                .iter()
                .all(|(_, v)| !v.chars().any(char::is_lowercase));
            if short_form
                && !matches!(
                    core,
                    "INC" | "LLC" | "LTD" | "PLC" | "CIC" | "CIO" | "PBC" | "LLP"
                )
                && capitals_before
            {
                continue;
            }
            // a possessive is no name of a company (`Google's Limited Use requirements`)
            let owner = words[i - 1].1.trim_end_matches(['*', '_']);
            if owner.ends_with("'s") || owner.ends_with("’s") {
                continue;
            }
            // the name words before it, back to a label, a sentence end or a small word
            let mut start = i;
            for j in (0..i).rev() {
                let v = words[j].1.trim_end_matches(['*', '_']);
                let last_before_suffix = j + 1 == i;
                if v.ends_with(':') || v.ends_with('.') && !last_before_suffix && !v.contains("..") {
                    break;
                }
                // a comma ends the name, but not before a country's initials (`Toyota Motor
                // Sales, U.S.A., Inc.`)
                let initials = |w: &str| {
                    w.contains('.') && w.chars().all(|c| c.is_ascii_uppercase() || c == '.' || c == ',')
                };
                if v.ends_with([',', ';']) && !last_before_suffix && !initials(words[j + 1].1) {
                    break;
                }
                // a link word only inside a short name (`Time and Date AS`, not `Instacart and
                // Maplebear Canada Inc.`, two companies)
                let link = NAME_LINKS.contains(&v)
                    && j + 1 < i
                    && i - j <= 2
                    && j > 0
                    && is_name_word(words[j - 1].1);
                // a short number right before the form, after a name word (`Singularity 6
                // Corporation`)
                let numbered = last_before_suffix
                    && (1..=3).contains(&v.len())
                    && v.bytes().all(|b| b.is_ascii_digit())
                    && j > 0
                    && is_name_word(words[j - 1].1);
                if is_name_word(v) || link || numbered {
                    start = j;
                } else {
                    // a name written after its Chinese form (`小米新加坡私人有限公司[Xiaomi
                    // Singapore Pte. Ltd.]`) is a translation: the Chinese name stands
                    if v.chars().any(crate::diff::text::is_cjk) && !v.ends_with(['。', '，', '：', '；'])
                    {
                        start = i;
                    }
                    break;
                }
                if i - j >= 5 {
                    break;
                }
            }
            // a connector never begins a name, nor does a label
            while start < i {
                let v = words[start]
                    .1
                    .trim_matches(|c: char| "*_([“”\"'‘’".contains(c))
                    .to_lowercase();
                // a capital `The` inside a sentence is the name's (`provided by The Mirror
                // Megaverse Inc.`)
                let own_the = words[start].1 == "The"
                    && start > 0
                    && words[start - 1]
                        .1
                        .chars()
                        .all(|c| c.is_lowercase() || !c.is_alphabetic())
                    && words[start - 1].1.chars().any(char::is_alphabetic);
                if !own_the && (NAME_LINKS.contains(&v.as_str()) || NAME_LABELS.contains(&v.as_str())) {
                    start += 1;
                } else {
                    break;
                }
            }
            // `The Foundation`, `The Company`: a reference to a name, not one
            let the_only = i - start == 1
                && words[start]
                    .1
                    .trim_start_matches(|c: char| "*_([“”\"'‘’".contains(c))
                    == "The";
            if start == i || the_only {
                continue;
            }
            let from = words[start].0 + words[start].1.len()
                - words[start]
                    .1
                    .trim_start_matches(|c: char| "*_([“”\"'‘’".contains(c))
                    .len();
            let core_end = at + w.find(core).unwrap_or(0) + core.len();
            let name = line[from..core_end].trim_end_matches([',', '.']);
            let name = if core.ends_with('.') && !name.ends_with('.') {
                format!("{name}.")
            } else {
                name.to_string()
            };
            // `Kick Streaming Pty Ltd`: the longest name from one start
            if let Some(last) = out.last_mut()
                && last.0 == line_start + from
            {
                *last = (line_start + from, name);
            } else {
                out.push((line_start + from, name));
            }
        }
        line_start += line.len();
    }
    out
}

/// A name that a cue puts in the responsible party's place, with the cue's weight.
struct Cue {
    name: String,
    weight: i64,
    at: usize,
}

/// The name words that begin `s` (after markup and an opening quote), up to five, stopping at
/// a comma, a bracket or a lower-case word: `Spectria ("we"…` → `Spectria`.
fn leading_name(s: &str) -> Option<String> {
    let mut words = Vec::new();
    for w in s.split_whitespace() {
        if words.len() == 5 {
            break;
        }
        let stop_after = w.ends_with([',', ';', ':', ')', '.']) && !w.trim_end_matches('.').contains('.');
        let v = w.trim_matches(|c: char| "*_([“”\"'‘’,;:.)".contains(c));
        if v.is_empty() || w.starts_with(['(', '（']) {
            break;
        }
        if is_name_word(v) || (!words.is_empty() && NAME_LINKS.contains(&v)) {
            words.push(v);
        } else {
            break;
        }
        if stop_after {
            break;
        }
    }
    while words.last().is_some_and(|w| NAME_LINKS.contains(w)) {
        words.pop();
    }
    while words
        .first()
        .is_some_and(|w| NAME_LABELS.contains(&w.to_lowercase().as_str()))
    {
        words.remove(0);
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The name words that end `s`: `… is operated by Spectria ` → `Spectria`; `None` when the word
/// before them ends a clause (`Zug, Switzerland`), since then they are a place or an apposition.
fn trailing_name(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 && words.len() - start < 5 {
        let v = words[start - 1];
        if is_name_word(v) && !v.ends_with([',', ';', ':', ')', '.'])
            || start < words.len() && NAME_LINKS.contains(&v)
        {
            start -= 1;
        } else {
            break;
        }
    }
    if start == words.len() || start > 0 && words[start - 1].ends_with([',', ';']) {
        return None;
    }
    leading_name(&words[start..].join(" "))
}

/// Does this Chinese (or mixed) name read as an organisation rather than a product?
fn reads_as_organisation(name: &str) -> bool {
    [
        "公司",
        "集团",
        "团队",
        "工作室",
        "中心",
        "研究院",
        "委员会",
        "基金会",
        "协会",
        "事务所",
        "Studio",
        "Team",
        "Inc",
        "Ltd",
        "LLC",
        "GmbH",
    ]
    .iter()
    .any(|k| name.contains(k))
}

/// The run of a Chinese name that ends just before `end`: back to a punctuation mark, a line
/// start or a word that leads into a name (由, 即, 是, 为).
fn cjk_name_before(s: &str, end: usize) -> Option<&str> {
    let head = &s[..end];
    let from = head
        .char_indices()
        .rev()
        .find(|(_, c)| "，。；：:、\n“”\"「」【】》《由即是为与和及于指的".contains(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let name = head[from..].trim();
    (name.chars().count() >= 2 && name.chars().count() <= 40).then_some(name)
}

/// The Chinese name that starts `s`, up to a punctuation mark or a verb that follows a name
/// (开发, 运营, 制定, 提供, 负责).
fn cjk_name_after(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let mut end = s.len();
    for m in [
        "，",
        "。",
        "；",
        "\n",
        "、",
        "（以下",
        "(以下",
        "开发",
        "运营",
        "制定",
        "提供",
        "负责",
        " 2",
        "  ",
    ] {
        if let Some(i) = s.find(m) {
            end = end.min(i);
        }
    }
    let name = s[..end].trim();
    (name.chars().count() >= 2 && name.chars().count() <= 40).then_some(name)
}

/// The cues that name the responsible party (see [`controller`]); `legal` are the legal names
/// found, with where each starts.
fn cues(text: &str, legal: &[(usize, String)]) -> Vec<Cue> {
    let lower = lowercase_in_place(text);
    let mut out = Vec::new();
    // a cue in a clause about a recipient (`uses the services of X`, `SDK 由X提供`) does not
    // count: the words from the sentence's start to just after the name decide
    let recipient = |at: usize, end: usize| {
        let from = sentence_start(&lower, lower.floor_char_boundary(at.min(lower.len())));
        let to = lower.floor_char_boundary((end + 40).min(lower.len()));
        let clause = &lower[from..to.max(from)];
        AGAINST_CONTROLLER.iter().any(|k| clause.contains(k))
    };
    // a name found by its capitals must be a proper name; a Chinese name is cut to the legal name
    // it holds (`北京豆网科技有限公司及其关联公司`), and one that begins with a pointing word
    // (其关联公司) is none
    let fit = |name: String| -> Option<String> {
        // a template's placeholder (`[您的姓名/公司名]`, `{company}`) names nobody
        if name.contains(['[', ']', '{', '}', '<', '>']) {
            return None;
        }
        if name.chars().any(crate::diff::text::is_cjk) {
            if let Some((_, l)) = legal
                .iter()
                .filter(|(_, l)| name.contains(l.as_str()))
                .max_by_key(|(_, l)| l.len())
            {
                return Some(l.clone());
            }
            let pointing = ["其", "该", "本", "各", "相关", "上述", "我们", "贵"]
                .iter()
                .any(|p| name.starts_with(p));
            return (!pointing && !name.contains("适用")).then_some(name);
        }
        let is_legal = legal.iter().any(|(_, l)| *l == name);
        let organisation = reads_as_organisation(&name) && name.split_whitespace().count() > 1;
        (is_legal || organisation || is_proper_name(text, &name)).then_some(name)
    };
    // 1. a bracket that defines "we": the legal name in the clause before it, else the name just
    // before it, else the name that begins the sentence, else the name quoted inside it
    for (open, _) in text.match_indices(['(', '（']) {
        let close = text[open..].find([')', '）']).map_or(text.len(), |i| open + i);
        let inner = &text[open..text.floor_char_boundary(close.min(open + 300))].to_lowercase();
        // a quoted "we" (`“we”`, `"us,"`, `“我们”`), not a word beginning so (`“web beacons”`)
        let we = inner
            .split(['“', '”', '"', '‘', '’', '「', '」'])
            .skip(1)
            .step_by(2)
            .any(|q| {
                let q = q.trim().trim_end_matches([',', '，', '.']);
                matches!(
                    q,
                    "we" | "us"
                        | "our"
                        | "we/our/us"
                        | "we/us/our"
                        | "我们"
                        | "开发者"
                        | "本公司"
                        | "公司"
                        | "本平台"
                )
            });
        let zh = text[open..].starts_with('（') || inner.contains("以下简称") || inner.contains("下称");
        if !we {
            continue;
        }
        if recipient(open, close.min(text.len())) {
            continue;
        }
        let sentence_start = sentence_start(text, open);
        let prefix = &text[sentence_start..open];
        let name = if zh && !prefix.is_ascii() || inner.contains("以下简称") {
            cjk_name_before(text, open)
                .filter(|n| reads_as_organisation(n) || legal.iter().any(|(_, l)| l == n))
                .map(str::to_string)
        } else {
            legal
                .iter()
                .filter(|(at, _)| *at >= sentence_start && *at < open)
                // the clause's subject: the first named (`Maplebear Inc. d/b/a Instacart and
                // Maplebear Canada Inc. ("we")`)
                .min_by_key(|(at, _)| *at)
                .map(|(_, n)| n.clone())
                .or_else(|| trailing_name(prefix))
                .or_else(|| leading_name(prefix))
                .or_else(|| {
                    let quoted = text[open + 1..close].split(['“', '”', '"']).nth(1)?;
                    is_name_word(quoted).then(|| quoted.to_string())
                })
        };
        if let Some(name) = name.and_then(fit) {
            out.push(Cue {
                name,
                weight: 10,
                at: open,
            });
        }
    }
    // a name that abbreviates itself: `Flickr, Inc. ("Flickr")`, `Academia.edu ("Academia")`,
    // `Jotta AS (Jottacloud)`
    for (open, _) in text.match_indices('(') {
        let Some(inner) = text[open + 1..].split(')').next().filter(|i| i.len() < 40) else {
            continue;
        };
        let head = text[..open].trim_end().trim_end_matches(',');
        let name = legal
            .iter()
            .find(|(at, l)| at + l.len() == head.len() || at + l.trim_end_matches('.').len() == head.len())
            .map(|(_, l)| l.clone())
            .or_else(|| trailing_name(&text[..open]));
        let Some(name) = name else { continue };
        let alias = name_key(inner);
        let first = name_key(name.split_whitespace().next().unwrap_or(""));
        let same =
            alias.len() >= 3 && first.len() >= 3 && (alias.starts_with(&first) || first.starts_with(&alias));
        // a bare name abbreviates itself only in quotes (`Map (Mapping)` is a gloss)
        let quoted = inner.contains(['"', '“', '”']);
        let legal_name = legal.iter().any(|(_, l)| *l == name);
        // a bare name's alias is no longer than it (`DPF (“DPF Personal Information”)` defines
        // a term)
        let shorter = legal_name || alias.len() <= name_key(&name).len();
        if same
            && shorter
            && (quoted || legal_name)
            && !recipient(open, open + inner.len())
            && let Some(name) = fit(name)
        {
            out.push(Cue {
                name,
                weight: 10,
                at: open,
            });
        }
    }
    // 2. `operated by X`, `offered by X`
    for phrase in ["operated by ", "offered by "] {
        for (at, _) in lower.match_indices(phrase) {
            let rest = &text[at + phrase.len()..];
            let name = legal
                .iter()
                .find(|(l, _)| *l == at + phrase.len())
                .map(|(_, n)| n.clone())
                .or_else(|| leading_name(rest));
            if let Some(name) = name.and_then(fit)
                && !recipient(at, at + phrase.len() + name.len())
            {
                out.push(Cue { name, weight: 10, at });
            }
        }
    }
    // `the data controller … is X`, `Controller: X`, `X, as data controller`
    for (at, _) in lower.match_indices("controller") {
        let end = at + "controller".len();
        let rest = &text[end..text.floor_char_boundary((end + 400).min(text.len()))];
        let clause = &rest[..rest.find(". ").unwrap_or(rest.len())];
        // the verb on the same line (`… is:` then the name on the next one), and no other party
        // named between (`our representative … is X`)
        let line = &clause[..clause.find('\n').unwrap_or(clause.len())];
        let other = |i: usize| {
            ["representative", "officer", "processor", "dpo"]
                .iter()
                .any(|w| line[..i].to_lowercase().contains(w))
        };
        let named = line
            .find(" is ")
            .filter(|&i| !other(i))
            .map(|i| &clause[i + 4..])
            .or_else(|| line.find(" is:").filter(|&i| !other(i)).map(|i| &clause[i + 4..]))
            .or_else(|| clause.trim_start().strip_prefix(':'))
            .or_else(|| clause.strip_prefix("s:"));
        let by_name = named.and_then(|r| {
            let r = r.trim_start();
            let at_r = text.len() - text[end..].len() + (r.as_ptr() as usize - rest.as_ptr() as usize);
            legal
                .iter()
                .find(|(l, _)| *l == at_r)
                .map(|(_, n)| n.clone())
                .or_else(|| leading_name(r))
        });
        let apposition = || {
            let head = lower[..at].trim_end();
            let head = head.strip_suffix("data").unwrap_or(head).trim_end();
            let head = head.strip_suffix("the").unwrap_or(head).trim_end();
            let head = head.strip_suffix(" as")?;
            let head = head.strip_suffix(',').unwrap_or(head);
            trailing_name(&text[..head.len()])
        };
        if let Some(name) = by_name.or_else(apposition).and_then(fit)
            && !name_key(&name).contains("controller")
        {
            out.push(Cue { name, weight: 10, at });
        }
    }
    // 由X开发, 运营者：X, 公司名称：X
    for (at, _) in text.match_indices('由') {
        let rest = &text[at + '由'.len_utf8()..];
        if let Some(name) = cjk_name_after(rest) {
            let verb = rest[name.as_ptr() as usize - rest.as_ptr() as usize + name.len()..].trim_start();
            // 由X提供 names a supplier as often as the owner: only making and running count
            let verb_ok = ["开发", "运营", "制定"].iter().any(|v| verb.starts_with(v));
            if verb_ok
                && reads_as_organisation(name)
                && !recipient(at, at + name.len())
                && let Some(name) = fit(name.to_string())
            {
                out.push(Cue { name, weight: 10, at });
            }
        }
    }
    for label in [
        "运营者",
        "控制者",
        "处理者",
        "运营方",
        "运营主体",
        "公司名称",
        "服务提供者",
    ] {
        for (at, _) in text.match_indices(label) {
            let rest = &text[at + label.len()..];
            let rest = rest.trim_start_matches(|c: char| {
                c != '：' && c != ':' && c != '\n' && !crate::diff::text::is_cjk(c) || c == '/'
            });
            // `服务提供者：指…的法人主体，即X`: the name is the one after 即
            let named = match rest.find('即') {
                Some(i) if rest.starts_with(['：', ':']) && i < 200 && !rest[..i].contains(['。', '\n']) => {
                    Some(&rest[i + '即'.len_utf8()..])
                }
                _ => rest.strip_prefix(['：', ':']),
            };
            if let Some(r) = named
                && let Some(name) = cjk_name_after(r)
                && reads_as_organisation(name)
                && !recipient(at, at + label.len() + name.len())
                && let Some(name) = fit(name.to_string())
            {
                out.push(Cue { name, weight: 10, at });
            }
        }
    }
    // 3. a legal name in the title (the first line with words)
    if let Some(title) = text.lines().find(|l| l.chars().any(char::is_alphanumeric)) {
        let end = title.as_ptr() as usize - text.as_ptr() as usize + title.len();
        for (at, name) in legal.iter().filter(|(at, _)| *at < end) {
            out.push(Cue {
                name: name.clone(),
                weight: 6,
                at: *at,
            });
        }
    }
    // the subject of the policy's own verbs: `Visible values…`, `how Streamable collects…`
    const VERBS: &[&str] = &[
        "collects",
        "processes",
        "uses",
        "values",
        "takes",
        "respects",
        "is committed",
        "understands",
        "cares",
        "protects",
        "operates",
        "records",
        "respect",
    ];
    let mut subject_hits: Vec<(String, usize)> = Vec::new();
    for line in text.lines() {
        for sentence in line.split(". ") {
            let sentence = sentence.trim_start_matches(|c: char| !c.is_alphanumeric());
            let starts = std::iter::once(sentence)
                .chain(sentence.match_indices("how ").map(|(i, _)| &sentence[i + 4..]));
            for s in starts {
                let Some(name) = leading_name(s) else { continue };
                let after = s[s.find(name.split_whitespace().last().unwrap_or("")).unwrap_or(0)..]
                    .split_once(' ')
                    .map_or("", |(_, r)| r);
                let at = s.as_ptr() as usize - text.as_ptr() as usize;
                // only where the policy introduces itself: a vendor is described further down
                if VERBS.iter().any(|v| after.starts_with(v))
                    && name.split_whitespace().count() <= 4
                    && at < (text.len() / 5).max(3000)
                {
                    subject_hits.push((name, at));
                }
            }
        }
    }
    for (name, at) in &subject_hits {
        let mentions = lower.matches(&name.to_lowercase()).count();
        let hits = subject_hits.iter().filter(|(n, _)| n == name).count();
        if mentions >= 3 && hits <= 2 && is_proper_name(text, name) {
            out.push(Cue {
                name: name.clone(),
                weight: 3,
                at: *at,
            });
        }
    }
    // the copyright line
    for mark in ["©", "Copyright"] {
        for (at, _) in text.match_indices(mark) {
            if let Some((_, name)) = legal.iter().find(|(l, _)| *l > at && *l < at + 40) {
                out.push(Cue {
                    name: name.clone(),
                    weight: 2,
                    at,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_numbered_line_is_also_known_without_its_number() {
        let key = super::title_key;
        assert_eq!(key("I. How we collect"), "How we collect");
        assert_eq!(
            key("- V. How you manage your information;"),
            "How you manage your information"
        );
        assert_eq!(key("一、总则"), "总则");
        assert_eq!(key("3.1 Sharing"), "Sharing");
        assert_eq!(key("第一部分 我们如何收集"), "我们如何收集");
        // no numbering: the line as it is (`Invite` keeps its `I`)
        assert_eq!(key("Invite friends."), "Invite friends");
    }

    use super::*;

    #[test]
    fn the_product_a_chinese_policy_covers_is_its_own() {
        let text = "# 隐私政策\n\n本政策说明 Talo 如何处理数据。它只适用于 Talo 本身，不适用于 Codex、ChatGPT 或其他服务。";
        assert!(zh_policy_subject(text, "Talo"));
        assert!(!zh_policy_subject(text, "ChatGPT"));
        // a name in a sentence that says nothing of what the policy covers
        assert!(!zh_policy_subject("我们使用 Sentry 收集崩溃日志。", "Sentry"));
        // the renamed product is not a third party added
        let docs = Documents::new(
            "# 隐私政策\n\n本政策说明 Codex Memory 插件怎样处理数据。它只适用于插件本身，不适用于 Codex、ChatGPT、GitHub 或用户选择配合使用的其他服务。\n",
            "# 隐私政策\n\n本政策说明 Talo 如何处理数据。它只适用于 Talo 本身，不适用于 Codex、ChatGPT、GitHub 或用户选择配合使用的其他服务。\n",
        );
        assert!(zh_brands_changed(docs.text(false), docs.text(true), &docs).is_none());
    }

    #[test]
    fn the_controller_is_the_organisation_a_policy_opens_with() {
        let old = "Acme Widgets Ltd. (\"we\") explain how we use data. We share it with Beta Cloud Inc.";
        let new = "Acme Gadgets Ltd. (\"we\") explain how we use data. We share it with Beta Cloud Inc.";
        let docs = Documents::new(old, new);
        assert!(docs.is_controller(false, "Acme Widgets Ltd"));
        assert!(docs.is_controller(true, "Acme Gadgets Ltd"));
        assert!(!docs.is_controller(true, "Beta Cloud Inc"));
    }

    #[test]
    fn a_number_before_the_legal_form_is_part_of_the_name() {
        let t = "# Privacy Notice of Singularity 6 Corporation\n\nWe make games. Singularity 6 Corporation is the controller.";
        assert_eq!(controller(t).as_deref(), Some("Singularity 6 Corporation"));
        // a bare `The` before a form refers to a name, it is not one
        let t = "Stiftung Ethereum (the \"Foundation\", \"we\") runs the site. The Foundation keeps logs.";
        assert_eq!(controller(t).as_deref(), Some("Stiftung Ethereum"));
    }

    #[test]
    fn a_company_named_beside_its_recipients_stays_the_controller() {
        // the company's own name stands in every sentence about partners and advertisers; its
        // EU representative is named once, in an address block
        let mut t = String::from("Write to us at:\nAcme Games Corporation\n1 Main St.\n\n");
        for _ in 0..12 {
            t.push_str("Acme shares data with advertising partners and analytics vendors. ");
        }
        t.push_str("\n\nOur representative:\nRep Dock GmbH\nAttn: Acme Games Corporation\n");
        assert_eq!(controller(&t).as_deref(), Some("Acme Games Corporation"));
    }

    #[test]
    fn the_sentence_near_a_name_runs_past_legal_form_abbreviations() {
        let t = "We share data. We appointed Acme Co., Ltd. as our data protection officer. Write to us.";
        let at = t.find("Acme").unwrap();
        assert_eq!(
            sentence_near(t, at),
            " We appointed Acme Co., Ltd. as our data protection officer"
        );
        let zh = "我们与合作方共享。我们委托甲公司担任个人信息保护负责人；其他";
        let at = zh.find("甲公司").unwrap();
        assert_eq!(sentence_near(zh, at), "我们委托甲公司担任个人信息保护负责人");
        // no stop nearby: at most 400 characters either way
        let long = "x".repeat(5000);
        assert!(sentence_near(&long, 2500).len() <= 802);
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
    fn a_label_ends_the_words_of_a_name() {
        let c =
            companies("UK: DP Data Protection Services UK Ltd., Attn: Flickr Inc., 16 Great Queen Street");
        assert!(c.contains(&"Flickr Inc".to_string()), "{c:?}");
        assert!(!c.iter().any(|n| n.contains("Attn")), "{c:?}");
        assert_eq!(companies("Controller: Acme Ltd"), ["Acme Ltd"]);
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
    fn a_name_labelling_a_value_is_no_recipient() {
        let (old, title) = ("当你选择 OpenRouter 作为服务商时，请求会发往它。", "隐私政策\n");
        let doc = |t: &str| format!("{title}{t}");
        let new = "当你选择 OpenRouter 作为服务商时，Cebian 会在每个请求的请求头里附带两个固定的应用标识（HTTP-Referer: https://cebian.catcat.work 与 X-Title: Cebian）。";
        let (a, b) = (doc(old), doc(new));
        assert_eq!(zh_brands_changed(old, new, &Documents::new(&a, &b)), None);
        let old = "";
        let new = "我们与第三方服务商 Google Analytics 以及 Ko-fi 共享数据。";
        let (a, b) = (doc(old), doc(new));
        assert!(zh_brands_changed(old, new, &Documents::new(&a, &b)).is_some());
    }

    #[test]
    fn an_address_written_against_harvesters_is_read() {
        assert_eq!(
            emails("by email to `errata2026 (at) pglaf.org`"),
            vec!["errata2026@pglaf.org"]
        );
        assert_eq!(emails("privacy[at]example[dot]com."), vec!["privacy@example.com"]);
        assert_eq!(emails("请发送至 dpo {AT} 例子.cn"), Vec::<String>::new());
        assert_eq!(emails("contact us (at) any time"), Vec::<String>::new());
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
    fn the_controller_is_the_name_the_policy_puts_in_its_own_place() {
        let c = |t: &str| controller(t);
        // defined as "we", with or without a legal form
        assert_eq!(
            c("Tildes is operated by Spectria (\"we\", \"us\"), a not-for-profit.").as_deref(),
            Some("Spectria")
        );
        assert_eq!(
            c("eVenture Ltd. (\"us\", \"we\") operates the VPN. We use Paddle.com Market Ltd for payments.")
                .as_deref(),
            Some("eVenture Ltd.")
        );
        // named as controller, over a vendor named more often
        let t = "The Data Controller is Bertheussen IT AS.\nAds by Google LLC. Google LLC may set cookies. Google LLC again.";
        assert_eq!(c(t).as_deref(), Some("Bertheussen IT AS"));
        // a vendor's own abbreviation does not make it the controller
        let t = "Savetz Publishing takes privacy seriously. Savetz Publishing records visits.\nThis website uses the services of Ezoic Inc. (“Ezoic”), including to manage third-party advertising. Savetz Publishing again.";
        assert_eq!(c(t).as_deref(), Some("Savetz Publishing"));
        // Chinese: the name 以下简称"我们" stands for, if it is an organisation; a product is not
        assert_eq!(
            c("Mitoo App Studio（以下简称\"开发者\"）致力于保护您的隐私。").as_deref(),
            Some("Mitoo App Studio")
        );
        assert_eq!(
            c("数据控制者/运营者：杭州耶里信息技术有限责任公司\n联系邮箱").as_deref(),
            Some("杭州耶里信息技术有限责任公司")
        );
        assert_eq!(c("微力同步（以下简称“我们”）重视您的隐私。"), None);
        // an SDK's supplier is not the controller
        let t = "本政策由北京甲乙科技有限公司制定。\n| 推送SDK | 主体名称：腾讯科技（深圳）有限公司 |";
        assert_eq!(c(t).as_deref(), Some("北京甲乙科技有限公司"));
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
