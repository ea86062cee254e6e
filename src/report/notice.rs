//! The user-facing notice of changes that §VIII promises: what changed (clause titles), when the
//! new version takes effect, where the redline is, and a consent call-out when rights are limited.
//! The wording lives in the per-locale messages and the `notice.*` templates, not here.

use serde::Serialize;

use crate::classify::{Assessment, RuleSet};
use crate::error::Result;
use crate::render::templates::{Messages, TemplateSet, template_error};

/// A clause named in the notice.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseTitle {
    /// `8.3`.
    pub id: String,
    /// Its title in the notice's locale.
    pub title: String,
}

/// What the notice templates see as `notice`.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    /// Subject line.
    pub subject: String,
    /// Product name.
    pub product: String,
    /// Old version id.
    pub old: String,
    /// New version id.
    pub new: String,
    /// The new version's effective date, formatted for the locale.
    pub effective: String,
    /// Any material change.
    pub material: bool,
    /// A change limits users' rights.
    pub requires_consent: bool,
    /// The clauses triggered.
    pub clauses: Vec<ClauseTitle>,
    /// Absolute URL of the redline page.
    pub redline_url: String,
}

/// Builds the notice view.
#[allow(clippy::too_many_arguments)]
pub fn view(
    assessment: &Assessment,
    rules: &RuleSet,
    msg: &Messages,
    locale: &str,
    product: &str,
    old: &str,
    new: &str,
    effective: String,
    redline_url: String,
) -> NoticeView {
    NoticeView {
        subject: msg.get("notice_subject").cloned().unwrap_or_default(),
        product: product.to_string(),
        old: old.to_string(),
        new: new.to_string(),
        effective,
        material: assessment.material,
        requires_consent: assessment.requires_consent,
        clauses: assessment
            .clauses
            .iter()
            .map(|id| ClauseTitle {
                id: id.clone(),
                title: rules
                    .clause(id)
                    .map_or(String::new(), |c| c.title(locale).to_string()),
            })
            .collect(),
        redline_url,
    }
}

/// Renders the notice with template `notice.txt`, `notice.md` or `notice.html`.
pub fn render(
    templates: &TemplateSet,
    template: &str,
    lang: &str,
    notice: &NoticeView,
    msg: &Messages,
) -> Result<String> {
    let tera = templates.engine()?;
    let mut ctx = tera::Context::new();
    ctx.insert("notice", notice);
    ctx.insert("msg", msg);
    ctx.insert("lang", lang);
    tera.render(template, &ctx)
        .map_err(|e| template_error(templates, &e))
}
