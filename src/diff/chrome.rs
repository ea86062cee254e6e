//! Page chrome in captures of web pages: the menus, link bars and footers a saved policy page
//! carries around its text ("Games · Shop · News", "Careers · About · Contact Us", "© 2020 … All
//! rights reserved."). A capture that gains or loses them has not changed the policy, so changes
//! made only of chrome are editorial.
//!
//! A block is chrome when it sits in a run of at least three *navigation* blocks (nothing but
//! links, each a short label, to pages of the site the policy itself is on), with short labels
//! among them, or is a link bar of its own (one navigation block of three links or more). A list of other companies' policies (links to their sites), a contact address or a
//! form (`mailto:`, `tel:`) is never chrome, nor is a sentence.

use super::doc::{Block, BlockKind, Doc};
use super::links::LinkKind;

/// The site most of a document's links (not its images) lead to (its host without `www.`, by its last two
/// labels): the site of the page the policy was captured from. Empty when it has no web links.
pub fn own_site(doc: &Doc) -> String {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for b in doc.sections.iter().flat_map(|s| &s.blocks) {
        for l in b.links.iter().filter(|l| l.kind == LinkKind::Link) {
            if let Some(site) = site_of(l.target) {
                *counts.entry(site).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(site, _)| site)
        .unwrap_or_default()
}

/// The site of a web link (`https://www.blizzard.com/legal` → `blizzard.com`).
fn site_of(target: &str) -> Option<String> {
    let rest = target
        .strip_prefix("https://")
        .or_else(|| target.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#', ':']).next()?.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    (labels.len() >= 2).then(|| labels[labels.len() - 2..].join("."))
}

/// Is `b` nothing but links to pages of `site` (or of the page itself), each a short label?
fn navigation(b: &Block, site: &str) -> bool {
    if matches!(b.kind, BlockKind::Heading | BlockKind::Code) {
        return false;
    }
    if b.links.is_empty() {
        return unread_anchor_link(&b.text);
    }
    let mut rest = b.text.clone();
    for l in b.links.iter() {
        let target = l.target.trim();
        let own = target.starts_with('#')
            || target.starts_with('/') && !target.starts_with("//")
            || site_of(target).is_some_and(|s| s == site);
        // a section's title in a table of contents may be longer than a menu's label
        let most = if target.starts_with('#') { 15 } else { 8 };
        if !own || l.text.split_whitespace().count() > most {
            return false;
        }
        rest = rest.replacen(l.text, "", 1);
    }
    !rest.chars().any(char::is_alphanumeric)
}

/// A link to a place in the page that Markdown could not read because its anchor holds spaces, as
/// captured tables of contents write them: `[4. Your rights](#4. Your rights)`.
fn unread_anchor_link(t: &str) -> bool {
    let t = t.trim();
    t.strip_prefix('[')
        .and_then(|r| r.strip_suffix(')'))
        .and_then(|r| r.split_once("](#"))
        .is_some_and(|(label, anchor)| {
            !label.contains(['[', ']'])
                && !anchor.contains(['(', ')', '[', ']'])
                && label.split_whitespace().nth(15).is_none()
        })
}

/// A short label among navigation links (`Menu`, `Search`): at most five words in at most 200
/// bytes and no sentence, or the page's [`remains`].
fn label(b: &Block) -> bool {
    let t = b.text.trim();
    // a word count that stops early: paragraphs are long
    let short = |n: usize| t.split_whitespace().nth(n).is_none();
    remains(b)
        || t.len() <= 200
            && short(5)
            && !t.contains(['@', '.', '。', ':', '：'])
            && !t.chars().any(|c| c.is_ascii_digit())
}

/// A copyright line (`© 2020 Blizzard Entertainment, Inc. All rights reserved.`) or the remains of
/// a link a capture broke over lines (`](https://example.com/fr)[`).
fn remains(b: &Block) -> bool {
    let t = b.text.trim();
    let bare = t
        .trim_start_matches(['[', ']', '('])
        .trim_end_matches([')', '[', ']']);
    let fragment = (t.starts_with("](") || t.ends_with(")[")) && !bare.contains(char::is_whitespace);
    let copyright = t.starts_with('©') || t.get(..9).is_some_and(|h| h.eq_ignore_ascii_case("copyright"));
    (fragment || copyright) && t.split_whitespace().nth(12).is_none()
}

/// A page's credit to the tool that built or hosts it (`Powered by Mintlify`, `Powered by`
/// followed by the tool's blurb), as documentation sites print under every page: short, and
/// saying nothing about information.
fn credit(b: &Block) -> bool {
    let t = b.text.trim();
    let lower = t.to_lowercase();
    lower.starts_with("powered by")
        && t.split_whitespace().nth(25).is_none()
        && !["data", "information", "personal"]
            .iter()
            .any(|w| lower.contains(w))
}

/// Which of `blocks` are page chrome (see the module doc), given the document's own site.
pub fn chrome(blocks: &[Block], site: &str) -> Vec<bool> {
    let mut out = vec![false; blocks.len()];
    // (with no site known, links within the page, `#…` and `/…`, are still its own: a table of
    // contents of a page with no web links)
    let nav: Vec<bool> = blocks.iter().map(|b| navigation(b, site)).collect();
    let in_run: Vec<bool> = blocks.iter().zip(&nav).map(|(b, &n)| n || label(b)).collect();
    let mut i = 0;
    while i < blocks.len() {
        if !in_run[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < blocks.len() && in_run[i] {
            i += 1;
        }
        // at least three links: the labels between the first and the last are the menu's, and
        // a copyright line or a broken link's remains anywhere in the run are the page's
        let links: Vec<usize> = (start..i).filter(|&k| nav[k]).collect();
        if let [first, .., last] = links[..]
            && links.len() >= 3
        {
            for (k, mark) in out.iter_mut().enumerate().take(i).skip(start) {
                *mark = (first..=last).contains(&k) || remains(&blocks[k]);
            }
        }
    }
    // a link bar on one line (`[About us](…) [Jobs](…) [Partner UP](…)`): three links or more to
    // the site's own pages and nothing else
    for (k, b) in blocks.iter().enumerate() {
        if nav[k] && b.links.iter().nth(2).is_some() || credit(b) {
            out[k] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(md: &str) -> (Vec<Block>, String) {
        let doc = crate::diff::doc::from_markdown(md);
        let site = own_site(&doc);
        (doc.sections.into_iter().flat_map(|s| s.blocks).collect(), site)
    }

    #[test]
    fn a_link_bar_on_one_line_is_chrome_two_links_or_a_sentence_are_not() {
        let (b, site) = blocks(
            "# Policy\n\nWe keep your data ([more](https://www.d.com/legal)).\n\n\
             [About us](https://www.d.com/about) [Jobs](https://jobs.d.com/) [Partner UP](https://www.d.com/up)\n\n\
             [About us](https://www.d.com/about) [Jobs](https://jobs.d.com/)\n\n\
             Read [Terms](https://www.d.com/t), [Privacy](https://www.d.com/p) and [Cookies](https://www.d.com/c) first.\n",
        );
        assert_eq!(site, "d.com");
        assert_eq!(
            chrome(&b, &site),
            [false, false, true, false, false],
            "heading, sentence, bar, two links, sentence"
        );
    }

    #[test]
    fn a_run_of_site_links_is_chrome_a_list_of_other_sites_is_not() {
        let (b, site) = blocks(
            "# Policy\n\n## Data\n\nWe keep your data.\n\n## Rights\n\n## More\n\n\
             We keep your data safe and share it only as described below in detail.\n\n\
             [Careers](https://www.blizzard.com/careers)\n\n](https://www.blizzard.com/fr)[\n\n\
             [About](https://www.blizzard.com/about)\n\n\
             [Contact Us](https://eu.blizzard.com/contact)\n\n© 2020 Blizzard Entertainment, Inc. All rights reserved.\n\n\
             [Do not sell my personal information](https://www.blizzard.com/legal/x)\n",
        );
        assert_eq!(site, "blizzard.com");
        let marks = chrome(&b, &site);
        assert_eq!(
            &marks[marks.len() - 7..],
            [false, true, true, true, true, true, true]
        );
        let (b, site) = blocks(
            "# Policy\n\n## Data\n\nWe keep your data.\n\n## Rights\n\n## Partners\n\n\
             We share data with these partners (see [us](https://a.example.com/x)):\n\n\
             * [Google](https://policies.google.com/privacy)\n* [Meta](https://facebook.com/policy)\n\
             * [Adjust](https://adjust.com/privacy)\n* [Braze](https://braze.com/privacy)\n",
        );
        assert!(chrome(&b, &site).iter().all(|c| !c), "{site}");
    }

    #[test]
    fn a_run_of_anchor_links_markdown_could_not_read_is_chrome() {
        let md = "# P\n\nSee [our help pages](https://ex.com/help) for help.\n\n## A\n\n* [1\\. Introduction](#1. Introduction)\n* [2\\. Your rights](#2. Your rights)\n* [3\\. Contact](#3. Contact)\n\nWe value your trust.\n\n## B\n\nx\n";
        let (b, site) = blocks(md);
        let marks = chrome(&b, &site);
        let marked: Vec<&str> = b
            .iter()
            .zip(&marks)
            .filter(|(_, m)| **m)
            .map(|(b, _)| b.text.as_str())
            .collect();
        assert_eq!(marked.len(), 3, "{marked:?}");
        assert!(marked.iter().all(|t| t.contains("](#")));
        // one such line in a paragraph of its own is not a run
        assert!(!unread_anchor_link("See [the rules](#rules) for more."));
    }

    #[test]
    fn a_builders_credit_is_chrome() {
        let (b, site) = blocks(
            "Intro.\n\nPowered byThis documentation is built and hosted on Mintlify, a developer documentation platform\n",
        );
        assert_eq!(chrome(&b, &site), [false, true]);
        let (b, site) = blocks("Powered by Stripe, your payment information is processed securely.\n");
        assert_eq!(chrome(&b, &site), [false]);
    }

    #[test]
    fn contact_links_and_sentences_are_never_chrome() {
        let (b, site) = blocks(
            "# Policy\n\n## Data\n\nWe keep your data.\n\n## Rights\n\n## Contact\n\n\
             [privacy@x.com](mailto:privacy@x.com)\n\n[Call us](tel:+15550100)\n\n\
             [Form](https://x.com/form)\n\n[Help](https://x.com/help)\n",
        );
        assert!(chrome(&b, &site).iter().all(|c| !c));
    }
}
