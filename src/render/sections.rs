//! Section bodies to HTML, with facts expanded from the localized facts tree.

use std::collections::BTreeSet;

use crate::error::{Diagnostic, Result};
use crate::facts;
use crate::markdown::{self, RenderOptions, Resolve};
use crate::model::Section;
use crate::render::templates::{DATES_DECLARATION, Messages};

/// The page level of a section heading; body headings start one below it.
pub const SECTION_HEADING_LEVEL: u8 = 2;

/// Version facts in one locale, and what partials may show besides them.
pub struct FactResolver<'a> {
    /// The localized facts tree.
    tree: &'a serde_json::Value,
    /// The template engine holding `partials/`.
    tera: &'a tera::Tera,
    /// What every partial sees but `item`, converted once (a clone shares it).
    base: tera::Context,
    /// `base` with the version's dates, for the partials that declare they show them.
    dated: tera::Context,
    /// Those partials, by name.
    dated_partials: &'a BTreeSet<String>,
}

impl<'a> FactResolver<'a> {
    /// A resolver over the localized `tree` (`facts`: the same as a template value), rendering
    /// partials with `tera`.
    pub fn new(
        tree: &'a serde_json::Value,
        facts: tera::Value,
        tera: &'a tera::Tera,
        shared: PartialShared<'a>,
    ) -> Self {
        let mut base = tera::Context::new();
        base.insert_value("facts", facts);
        base.insert("lang", shared.lang);
        base.insert_value("msg", shared.msg);
        let mut dated = base.clone();
        dated.insert("dates", shared.dates);
        FactResolver {
            tree,
            tera,
            base,
            dated,
            dated_partials: shared.dated_partials,
        }
    }
}

/// What every partial sees besides `item` and `facts`.
#[derive(Debug, Clone)]
pub struct PartialShared<'a> {
    /// Page language.
    pub lang: &'a str,
    /// UI messages, as a template value.
    pub msg: tera::Value,
    /// Formatted version dates, seen only by the partials in `dated_partials`.
    pub dates: &'a crate::render::views::Dates,
    /// The partials that declare they show the dates
    /// ([`crate::render::templates::TemplateSet::dated_partials`]).
    pub dated_partials: &'a BTreeSet<String>,
}

impl Resolve for FactResolver<'_> {
    fn fact(&self, path: &str) -> Result<String, String> {
        match facts::lookup(self.tree, path) {
            Some(serde_json::Value::String(s)) => Ok(s.clone()),
            Some(serde_json::Value::Number(n)) => Ok(n.to_string()),
            Some(serde_json::Value::Null) => Err(format!(
                "fact `{path}` is not stated in this version: state it in facts.toml or remove the reference"
            )),
            Some(_) => Err(format!(
                "fact `{path}` is not a single value: show it with a partial"
            )),
            None => Err(format!("unknown fact `{path}`")),
        }
    }

    fn partial(&self, name: &str, path: Option<&str>) -> Result<String, String> {
        let template = format!("partials/{name}.html");
        if !self.tera.contains_template(&template) {
            return Err(format!("unknown partial `{name}` (no template {template})"));
        }
        let item = match path {
            Some(p) => facts::lookup(self.tree, p)
                .cloned()
                .ok_or_else(|| format!("unknown fact `{p}`"))?,
            None => serde_json::Value::Null,
        };
        let dated = self.dated_partials.contains(name);
        let mut ctx = if dated {
            self.dated.clone()
        } else {
            self.base.clone()
        };
        ctx.insert("item", &item);
        self.tera.render(&template, &ctx).map_err(|e| {
            let mut m = format!("partial `{name}`: {e}");
            let mut s = std::error::Error::source(&e);
            while let Some(x) = s {
                m.push_str(&format!(": {x}"));
                s = x.source();
            }
            if !dated && m.contains("`dates`") {
                m.push_str(&format!(
                    " (a partial that shows the version's dates opens with `{DATES_DECLARATION}`)"
                ));
            }
            m.replace('\n', " ")
        })
    }
}

/// A section rendered: its heading text, body HTML and table-of-contents entries.
pub struct RenderedSection {
    /// Heading as displayed (`I. How we collect …`), if the section has a title.
    pub heading: Option<String>,
    /// Body HTML.
    pub html: String,
    /// Body headings.
    pub toc: Vec<markdown::TocItem>,
}

/// Renders one section.
pub fn render_section(section: &Section, resolver: &FactResolver, msg: &Messages) -> Result<RenderedSection> {
    let opts = RenderOptions {
        heading_shift: SECTION_HEADING_LEVEL,
        id_prefix: section.id().as_str(),
    };
    let rendered = markdown::render(section.body(), &opts, resolver)
        .map_err(|l| Diagnostic::at(&section.file, section.body_start + l.offset, l.message))?;
    let heading = section
        .meta
        .title
        .as_ref()
        .map(|title| match &section.meta.number {
            Some(n) => format!(
                "{n}{}{title}",
                msg.get("number_separator").map_or(". ", String::as_str)
            ),
            None => title.clone(),
        });
    Ok(RenderedSection {
        heading,
        html: rendered.html,
        toc: rendered.toc,
    })
}
