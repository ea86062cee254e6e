//! The sealed text of a version's pages: the `<main>` of its web and print pages in each locale,
//! rendered as its archived pages (`<locale>/<version>/index.html`, `print.html`) show them.
//! `release` and `rerender` store them in `published/<locale>.html` and `<locale>.print.html`
//! ([`sealed_mains`]); every later build puts that stored text into
//! today's page chrome ([`embed`]), so templates and messages may change without changing what a
//! published version said.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::model::{Content, PageKind, SealedPage, Version};
use crate::render::templates::TemplateSet;

use super::{Site, SiteOptions};

/// The `<main>` of `version`'s web and print pages in every locale, rendered now (stored texts of
/// `version` are not used: the caller leaves them out to render anew).
pub fn sealed_mains(
    content: &Content,
    templates: &TemplateSet,
    rules: &crate::classify::RuleSet,
    version: &Version,
) -> Result<BTreeMap<SealedPage, String>> {
    // what a page's `<main>` says does not depend on the build's date (banners stand outside it)
    let opts = SiteOptions {
        drafts: false,
        pdf: false,
        as_of: version.meta.effective,
    };
    let site = Site::new(content, templates, rules, opts)?;
    let id = &version.meta.id;
    let tree = site.cache.facts_tree(version);
    let mut out = BTreeMap::new();
    for locale in &content.config.locales {
        let pages = site.version_pages(version, locale, &tree)?;
        let dir = format!("{locale}/{id}/");
        let files = site.page_pair(&pages, &dir, |l| format!("{l}/{id}/"), &site.page_status(version))?;
        for (kind, file) in [(PageKind::Web, "index.html"), (PageKind::Print, "print.html")] {
            let page = files
                .iter()
                .find(|f| f.path == format!("{dir}{file}"))
                .expect("page_pair makes the web and print pages");
            let html = String::from_utf8_lossy(&page.bytes);
            let main = extract_main(&html).ok_or_else(|| {
                Error::Usage(format!(
                    "the page template of {file} has no <main>…</main>: the sealed text of {id} ({locale}) cannot be taken from it"
                ))
            })?;
            let mut text = main.to_string();
            text.push('\n');
            out.insert(
                SealedPage {
                    locale: locale.clone(),
                    kind,
                },
                text,
            );
        }
    }
    Ok(out)
}

/// The byte range of the `<main …>…</main>` element of a page: from the first `<main` to the end
/// of the last `</main>`.
fn main_range(html: &str) -> Option<std::ops::Range<usize>> {
    let start = html.find("<main")?;
    let end = html.rfind("</main>")? + "</main>".len();
    (start < end).then_some(start..end)
}

/// The `<main …>…</main>` element of a page.
pub fn extract_main(html: &str) -> Option<&str> {
    main_range(html).map(|r| &html[r])
}

/// `page` with its `<main>` replaced by the stored sealed text `stored` (its trailing newline
/// dropped). `up` says the page lies one folder above the archived page the text was rendered
/// for (the current copy, `<locale>/index.html`): its links that climb a folder (`../changes/…`)
/// then climb one less. Images are copied beside every page that shows them, so other relative
/// links stay as they are.
pub(super) fn embed(page: &str, stored: &str, up: bool) -> Option<String> {
    let range = main_range(page)?;
    let stored = stored.strip_suffix('\n').unwrap_or(stored);
    let main = if up {
        stored
            .replace("href=\"../", "href=\"")
            .replace("src=\"../", "src=\"")
    } else {
        stored.to_string()
    };
    Some(format!("{}{main}{}", &page[..range.start], &page[range.end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_the_stored_main_in_todays_chrome() {
        let page = "<header>new</header><main id=\"policy\"><p>today</p></main><footer>f</footer>";
        let stored = "<main id=\"policy\"><p>sealed <a href=\"../changes/a..b.html\">x</a></p></main>\n";
        assert_eq!(
            embed(page, stored, false).unwrap(),
            "<header>new</header><main id=\"policy\"><p>sealed <a href=\"../changes/a..b.html\">x</a></p></main><footer>f</footer>"
        );
        assert!(
            embed(page, stored, true)
                .unwrap()
                .contains("href=\"changes/a..b.html\"")
        );
        assert_eq!(
            extract_main(page),
            Some("<main id=\"policy\"><p>today</p></main>")
        );
        assert_eq!(embed("<p>no main</p>", stored, false), None);
    }
}
