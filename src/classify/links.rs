//! Changed link targets: one address written differently is editorial, another address is
//! substantive, and a contact channel whose target changed (a `mailto:` or `tel:` link, a
//! complaint, request or contact form), or an email address or phone number that only a link held,
//! new or gone, triggers the contact clause (§VIII 8.5: the contact details or the complaint
//! channels). What a link is comes from its scheme, its text and the
//! words of its path, matched against the sourced [`GROUPS`]; the verdict on the links is joined
//! to the verdict on the passage's text ([`with_links`]). A link that is how users exercise a right
//! (in a sentence that addresses them about one: `ask us to delete your data through <link>`, `to
//! exercise your rights, click here`) taken to another site, put in with its own new words, or
//! taken out, changes the procedure for exercising rights (§VIII 8.4).

use std::collections::BTreeSet;

use super::{Channel, Evidence, Found, Reason, Role, RuleSet, Severity, Verdict};
use crate::diff::{Change, LinkChange};

/// Words that make a link a contact channel, by what they name. Terms are lowercase; a trailing
/// `*` matches any word ending; a term of several words matches consecutive words; Chinese terms
/// match anywhere in the link's text.
struct Group {
    channel: Channel,
    /// The standard or law that names this channel (for its readers and the test that every
    /// group has one; the classifier does not read it).
    #[allow(dead_code)]
    source: &'static str,
    en: &'static [&'static str],
    zh: &'static [&'static str],
}

/// The lexicon of contact channels, each group with its source (as the groups of `rules.toml`).
const GROUPS: &[Group] = &[
    Group {
        channel: Channel::Complaint,
        source: "Complaint channels: GDPR Art. 13(2)(d) and Art. 77 (right to lodge a complaint); \
                 PIPL Art. 65 (投诉、举报); GB/T 35273-2020 §8.8 (投诉管理: 投诉渠道)",
        en: &["complain*", "grievance*"],
        zh: &["投诉", "举报"],
    },
    Group {
        channel: Channel::Request,
        source: "How requests are made: GDPR Art. 12(2) (facilitate the exercise of data subject \
                 rights); CCPA Cal. Civ. Code §1798.130(a)(1) (methods for submitting requests, an \
                 interactive webform); PIPL Art. 50 (便捷的申请受理和处理机制); GB/T 35273-2020 §8.7 \
                 (响应个人信息主体的请求)",
        en: &[
            "data subject*",
            "dsar",
            "privacy request*",
            "request form",
            "webform",
            "web form",
        ],
        zh: &["申请表", "请求表", "行使权利", "权利请求"],
    },
    Group {
        channel: Channel::Contact,
        source: "Contact details of the handler and its DPO: GDPR Art. 13(1)(a)-(b); PIPL Art. 17 \
                 (联系方式) and Art. 52 (个人信息保护负责人); GB/T 35273-2020 Annex D part IX \
                 (如何联系我们)",
        en: &["contact*", "data protection officer", "dpo", "privacy team"],
        zh: &["联系", "联络", "个人信息保护负责人"],
    },
];

/// The words of a text: lowercase runs of letters and digits.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Does `term` occur in `words` (consecutive words; a trailing `*` matches a word's beginning)?
fn has_term(words: &[String], term: &str) -> bool {
    let parts: Vec<&str> = term.split(' ').collect();
    let matches = |w: &str, t: &str| match t.strip_suffix('*') {
        Some(stem) => w.starts_with(stem),
        None => w == t,
    };
    words
        .windows(parts.len())
        .any(|win| win.iter().zip(&parts).all(|(w, t)| matches(w, t)))
}

/// The path of a URL (without scheme, host, query and fragment): what its words name.
fn path_of(url: &str) -> &str {
    let url = url.split(['?', '#']).next().unwrap_or(url);
    match url.find("//") {
        Some(i) => {
            let rest = &url[i + 2..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => url,
    }
}

/// The contact channel a target with link text `text` is, if it is one.
fn channel_of(text: &str, target: &str) -> Option<Channel> {
    let lower = target.trim().to_ascii_lowercase();
    if lower.starts_with("mailto:") {
        return Some(Channel::Email);
    }
    if lower.starts_with("tel:") || lower.starts_with("sms:") {
        return Some(Channel::Phone);
    }
    // a place in a page (`#contact`, `…/privacy#contact-us`) is navigation, not a channel; so is
    // a script (`javascript:;`) or any scheme but the web's: no one can be reached through it
    if lower.split_once('#').is_some_and(|(_, f)| !f.is_empty()) {
        return None;
    }
    // (`host:8080/…` has a port, not a scheme)
    let scheme = lower
        .split_once(':')
        .filter(|(s, rest)| {
            s.starts_with(|c: char| c.is_ascii_alphabetic())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !rest.starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|(s, _)| s);
    if scheme.is_some_and(|s| s != "http" && s != "https") {
        return None;
    }
    let text_words = words(text);
    let path_words = words(path_of(target));
    GROUPS
        .iter()
        .find(|g| {
            g.en.iter()
                .any(|t| has_term(&text_words, t) || has_term(&path_words, t))
                || g.zh.iter().any(|t| text.contains(t))
        })
        .map(|g| g.channel)
}

/// The email address a link target leads to or ends with (`mailto:a@b.org?subject=…`,
/// `https://site/a@b.org`), in lowercase.
fn address_of(target: &str) -> Option<String> {
    let t = target.trim();
    let t = t
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("mailto:"))
        .map_or(t, |_| &t[7..]);
    let last = t
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('/')
        .next()
        .unwrap_or("");
    let (user, domain) = last.split_once('@')?;
    (!user.is_empty() && domain.contains('.') && !domain.ends_with('.')).then(|| last.to_ascii_lowercase())
}

/// The contact channel a link whose target changed is, on either side. A form's link added to
/// words or taken off them is none: the words still say how to reach the controller. An email
/// address or a phone number that only a link held (its words do not show it: those that do are
/// read as text) is one, new or gone.
pub(super) fn channel(link: &LinkChange) -> Option<Channel> {
    match (&link.old, &link.new) {
        // one address both ways (a broken link to it repaired: `…/legal/privacy@x.com` to
        // `mailto:privacy@x.com`): the same mailbox
        (Some(old), Some(new)) if address_of(old).is_some() && address_of(old) == address_of(new) => None,
        // one form moved within its provider's site (`app.onetrust.com/app/#/webform/c121cce6-…`
        // → `privacyportal.onetrust.com/webform/…/c121cce6-…`): the same form, by its identifier
        (Some(old), Some(new)) if same_form(old, new) => None,
        (Some(old), Some(new)) => channel_of(&link.text, new).or_else(|| channel_of(&link.text, old)),
        (Some(only), None) | (None, Some(only)) => {
            channel_of(&link.text, only).filter(|c| matches!(c, Channel::Email | Channel::Phone))
        }
        (None, None) => None,
    }
}

/// Do two web addresses on one site carry the same identifier (a part of the address of at least
/// 16 letters, digits and dashes, with a digit: a form's or a page's id)?
fn same_form(old: &str, new: &str) -> bool {
    let ids = |url: &str| -> Vec<String> {
        url.split(['/', '#', '?', '=', '&'])
            .filter(|p| {
                p.len() >= 16
                    && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && p.chars().any(|c| c.is_ascii_digit())
            })
            .map(str::to_ascii_lowercase)
            .collect()
    };
    site(old).is_some() && site(old) == site(new) && {
        let kept = ids(new);
        ids(old).iter().any(|i| kept.contains(i))
    }
}

/// The site a web address belongs to: its host without `www.`, from its registrable part on
/// (`submit-irm.trustarc.com` → `trustarc.com`, `www.example.co.uk` → `example.co.uk`).
fn site(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    if n < 2 {
        return (n == 1).then(|| host.clone());
    }
    // a country's second level (`co.uk`, `com.cn`) is part of the suffix
    let second_level = n >= 3
        && labels[n - 1].len() == 2
        && matches!(
            labels[n - 2],
            "co" | "com" | "org" | "net" | "gov" | "ac" | "edu" | "ne" | "or"
        );
    let keep = if second_level { 3 } else { 2 };
    Some(labels[n - keep..].join("."))
}

/// Does the sentence address users about exercising a right (a right it names, or `exercise your
/// rights`, 行使…权利)? Only then is a link in it the route by which they exercise one.
fn about_exercising_rights(sentence: &str) -> bool {
    let normal = crate::diff::text::normal_form(sentence);
    let hay = super::rules::Haystack::new(&normal);
    let addressed = hay.has("you") || hay.has("your") || normal.contains('您') || normal.contains("用户");
    let exercise = (hay.has("exercis*") && hay.has("right*")) || normal.contains("行使");
    // (a complaint to an authority is a complaint channel, §VIII 8.5, not a right exercised here)
    let rights = super::rights::stated(&hay);
    addressed && (exercise || rights.iter().any(|r| *r != super::rights::Right::Complaint))
}

/// The sentence of `passage` that holds `text`, if any.
fn sentence_with<'a>(passage: &'a str, text: &str) -> Option<&'a str> {
    (!text.trim().is_empty())
        .then(|| {
            crate::diff::sentences(passage)
                .into_iter()
                .map(|(s, _)| s)
                .find(|s| s.contains(text.trim()))
        })
        .flatten()
}

/// Is link `l` of passage `old` → `new` a route for exercising rights that changed: taken to
/// another site, or put in or taken out with words of its own (a link laid on words that stay
/// says nothing new: the words still tell how)?
fn rights_route(l: &LinkChange, channel: Option<Channel>, old: &str, new: &str) -> bool {
    if l.equivalent || matches!(channel, Some(Channel::Email | Channel::Phone)) {
        return false;
    }
    // (a web address on each side it has: a place in the page is navigation)
    let moved = match (&l.old, &l.new) {
        (Some(a), Some(b)) => site(a).is_some() && site(b).is_some() && site(a) != site(b),
        (None, Some(b)) => site(b).is_some() && !old.contains(l.text.trim()),
        (Some(a), None) => site(a).is_some() && !new.contains(l.text.trim()),
        (None, None) => false,
    };
    let side = if l.new.is_some() { new } else { old };
    moved && sentence_with(side, &l.text).is_some_and(about_exercising_rights)
}

/// The web addresses written out in `text` (`https://…`, `www.…`), without the punctuation that
/// closes a sentence or a bracket after them.
fn urls(text: &str) -> Vec<&str> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, '（' | '）' | '，' | '。' | '；' | '、' | '<' | '>' | '"')
    })
    // (a Markdown link a capture left unparsed glues its address to its label: `more](https://…`)
    .map(|w| w.rsplit_once("](").map_or(w, |(_, target)| target))
    .map(|w| w.trim_start_matches(['(', '[', '“', '\'']))
    .filter(|w| {
        let lower = w.get(..8).unwrap_or(w).to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("www.")
    })
    // (an address ends where Chinese text runs on from it: `https://x.com/的`)
    .map(|w| &w[..w.find(|c: char| !c.is_ascii()).unwrap_or(w.len())])
    .map(|w| w.trim_end_matches(['.', ',', ';', ':', ')', ']', '”', '\'', '!', '?']))
    .filter(|w| w.len() > 8)
    .collect()
}

/// `text` with the web addresses [`urls`] finds in it blanked out: a link's path is where it goes,
/// not words of the passage (`…/memory-storage/portable-ssd/` names no right to portability).
pub(super) fn without_urls(text: &str) -> std::borrow::Cow<'_, str> {
    let found = urls(text);
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for u in found {
        // (each address is a slice of `text`: its place is its offset)
        let at = u.as_ptr() as usize - text.as_ptr() as usize;
        out.push_str(&text[from..at]);
        out.push(' ');
        from = at + u.len();
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}

/// Web addresses written out in a passage's words that are how users exercise a right, put in or
/// taken out (one address taken to another site counts as both): each as the link it is. An
/// address on a site the other document names anywhere (the policy's own site, its account pages)
/// is a route it already gave; `old_doc`, `new_doc` are the two whole documents.
pub(super) fn text_routes(old: &str, new: &str, old_doc: &str, new_doc: &str) -> Vec<LinkChange> {
    let full = |u: &str| {
        if u.contains("://") {
            u.to_string()
        } else {
            format!("https://{u}")
        }
    };
    let (before, after) = (urls(old), urls(new));
    let mut out = Vec::new();
    let mut route = |u: &str, passage: &str, added: bool| {
        let other_doc = if added { old_doc } else { new_doc };
        let known = site(&full(u)).is_none_or(|s| other_doc.contains(&s));
        if !known && sentence_with(passage, u).is_some_and(about_exercising_rights) {
            out.push(LinkChange {
                kind: crate::diff::links::LinkKind::Link,
                text: u.to_string(),
                old: (!added).then(|| u.to_string()),
                new: added.then(|| u.to_string()),
                equivalent: false,
            });
        }
    };
    // an address on a site the other side also has is the same place written more or less fully
    let sites = |us: &[&str]| -> Vec<Option<String>> { us.iter().map(|u| site(&full(u))).collect() };
    let (before_sites, after_sites) = (sites(&before), sites(&after));
    for (u, s) in after.iter().zip(&after_sites) {
        if !before_sites.contains(s) {
            route(u, new, true);
        }
    }
    for (u, s) in before.iter().zip(&before_sites) {
        if !after_sites.contains(s) {
            route(u, old, false);
        }
    }
    out
}

/// The verdict on the links of a change alone (`old`, `new`: the passage's two texts).
fn links_verdict(links: &[LinkChange], rules: &RuleSet, old: &str, new: &str) -> Verdict {
    let mut found = Found::new();
    let mut editorial = true;
    for l in links {
        let channel = if l.equivalent { None } else { channel(l) };
        editorial &= l.equivalent;
        if rights_route(l, channel, old, new) {
            found.add(Role::Rights, Reason::RightsRoute(l.clone()));
        }
        let reason = Reason::Link {
            change: l.clone(),
            channel,
        };
        if channel.is_some() {
            found.add(Role::Contact, reason);
        } else {
            found.reasons.push(Evidence { clause: None, reason });
        }
    }
    let verdict = found.finish(rules, Reason::NoClause);
    if editorial {
        Verdict {
            severity: Severity::Editorial,
            ..verdict
        }
    } else {
        verdict
    }
}

/// `text` (the verdict on the passage's words) joined with the verdict on its changed links: the
/// higher severity, both sets of clauses and reasons. When the words did not change at all, the
/// links alone decide.
pub(super) fn with_links(text: Verdict, change: &Change, rules: &RuleSet) -> Verdict {
    if change.links.is_empty() {
        return text;
    }
    let links = links_verdict(
        &change.links,
        rules,
        change.old.as_deref().unwrap_or(""),
        change.new.as_deref().unwrap_or(""),
    );
    if change.old == change.new {
        return links;
    }
    let clauses: BTreeSet<String> = text.clauses.iter().chain(&links.clauses).cloned().collect();
    let roles: BTreeSet<Role> = text.roles.iter().chain(&links.roles).copied().collect();
    let mut reasons: Vec<Evidence> = text.reasons;
    // "no clause is affected" no longer holds once a link triggers one
    if !clauses.is_empty() {
        reasons.retain(|e| e.reason != Reason::NoClause);
    }
    reasons.extend(links.reasons);
    Verdict {
        severity: text.severity.max(links.severity),
        clauses: clauses.into_iter().collect(),
        roles: roles.into_iter().collect(),
        requires_consent: text.requires_consent || links.requires_consent,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::links::LinkKind;

    #[test]
    fn a_form_moved_within_its_providers_site_is_the_same_form() {
        let old = "https://app.onetrust.com/app/#/webform/c121cce6-6cfb-4c3d-9b61-334f56a01b5f";
        let new = "https://privacyportal.onetrust.com/webform/8a471a7b-6a52-49d0-bcb0-fa8bdb61598f/c121cce6-6cfb-4c3d-9b61-334f56a01b5f";
        assert!(same_form(old, new));
        // another form of the provider, or the same id on another site, is another form
        assert!(!same_form(
            old,
            "https://privacyportal.onetrust.com/webform/8a471a7b-6a52-49d0-bcb0-fa8bdb61598f"
        ));
        assert!(!same_form(
            old,
            "https://forms.example.com/c121cce6-6cfb-4c3d-9b61-334f56a01b5f"
        ));
    }

    #[test]
    fn a_site_is_the_registrable_part_of_the_host() {
        assert_eq!(
            site("https://submit-irm.trustarc.com/a?b=1").as_deref(),
            Some("trustarc.com")
        );
        assert_eq!(
            site("https://www.example.co.uk:443/x").as_deref(),
            Some("example.co.uk")
        );
        assert_eq!(site("http://localhost/x").as_deref(), Some("localhost"));
        assert_eq!(site("#contact"), None);
        assert_eq!(site("mailto:a@b.com"), None);
    }

    #[test]
    fn web_addresses_written_out_are_read_whole() {
        assert_eq!(
            urls(
                "delete it through https://a.example.net/x. Or see (www.b.example.org/y), “https://c.example/z”。"
            ),
            [
                "https://a.example.net/x",
                "www.b.example.org/y",
                "https://c.example/z"
            ]
        );
        assert_eq!(
            urls("请访问 https://d.example.cn/del的页面"),
            ["https://d.example.cn/del"]
        );
    }

    fn change(text: &str, old: &str, new: &str) -> LinkChange {
        LinkChange {
            kind: LinkKind::Link,
            text: text.into(),
            old: Some(old.into()),
            new: Some(new.into()),
            equivalent: false,
        }
    }

    #[test]
    fn a_link_to_the_same_address_repaired_is_no_new_channel() {
        assert_eq!(
            address_of("mailto:Privacy@X.com?subject=hi").as_deref(),
            Some("privacy@x.com")
        );
        assert_eq!(
            address_of("https://x.com/legal/abc/Privacy@X.com").as_deref(),
            Some("privacy@x.com")
        );
        assert_eq!(address_of("https://x.com/contact"), None);
        let link = |old: &str, new: &str| LinkChange {
            kind: crate::diff::links::LinkKind::Link,
            text: "Privacy@X.com".into(),
            old: Some(old.into()),
            new: Some(new.into()),
            equivalent: false,
        };
        assert_eq!(
            channel(&link("https://x.com/legal/Privacy@X.com", "mailto:privacy@x.com")),
            None
        );
        assert_eq!(
            channel(&link("mailto:privacy@x.com", "mailto:other@x.com")),
            Some(Channel::Email)
        );
    }

    #[test]
    fn only_web_addresses_mail_and_phones_are_channels() {
        assert_eq!(channel_of("Contact us", "javascript:;"), None);
        assert_eq!(channel_of("Contact us", "linkto:#ps-t9"), None);
        assert_eq!(channel_of("Contact us", "#contact"), None);
        assert_eq!(
            channel_of("Contact us", "https://example.com/contact"),
            Some(Channel::Contact)
        );
        assert_eq!(
            channel_of("Contact us", "example.com:8443/contact"),
            Some(Channel::Contact)
        );
        assert_eq!(channel_of("Contact us", "/contact"), Some(Channel::Contact));
        assert_eq!(
            channel_of("Write to us", "mailto:a@b.example"),
            Some(Channel::Email)
        );
    }

    #[test]
    fn every_group_names_its_source() {
        for g in GROUPS {
            assert!(
                g.source.contains("GDPR") && g.source.contains("PIPL"),
                "{}",
                g.source
            );
            assert!(!g.en.is_empty() && !g.zh.is_empty());
        }
    }

    #[test]
    fn contact_channels_by_scheme_text_and_path() {
        let c = |t, o, n| channel(&change(t, o, n));
        assert_eq!(
            c("write to us", "mailto:a@x.com", "mailto:b@x.com"),
            Some(Channel::Email)
        );
        assert_eq!(c("call", "tel:+1555", "tel:+1556"), Some(Channel::Phone));
        assert_eq!(
            c("this form", "https://x.com/complaints", "https://x.com/forms/9"),
            Some(Channel::Complaint)
        );
        assert_eq!(
            c("submit a privacy request", "https://x.com/a", "https://x.com/b"),
            Some(Channel::Request)
        );
        // a request in general words is no form of the rights' requests
        assert_eq!(c("request a demo", "https://x.com/a", "https://x.com/b"), None);
        assert_eq!(
            c("here", "https://x.com/data-subject-access", "https://x.com/dsar"),
            Some(Channel::Request)
        );
        assert_eq!(
            c("投诉渠道", "https://x.cn/a", "https://x.cn/b"),
            Some(Channel::Complaint)
        );
        assert_eq!(
            c("Contact us", "https://x.com/a", "https://x.com/b"),
            Some(Channel::Contact)
        );
        // words of the host or the query name no channel; other links are none
        assert_eq!(
            c(
                "cookie notice",
                "https://contact.x.com/cookies",
                "https://x.com/cookies?request=1"
            ),
            None
        );
        assert_eq!(
            c("our partners", "https://x.com/partners", "https://y.com/partners"),
            None
        );
        assert_eq!(c("IX. How to contact us", "#contact", "#contact-us"), None);
        assert_eq!(
            c(
                "Contact us",
                "https://x.com/p#contact",
                "https://x.com/privacy#contact"
            ),
            None
        );
        // a form's link added to words (or taken off them) is no channel's change; an address
        // only a link held is
        let added = LinkChange {
            old: None,
            ..change("complaint form", "", "https://x.com/complaints")
        };
        assert_eq!(channel(&added), None);
        let removed = LinkChange {
            new: None,
            ..change("our DPO", "mailto:dpo@x.com", "")
        };
        assert_eq!(channel(&removed), Some(Channel::Email));
    }
}
