//! `policyc translated SECTION --locale L`: records that a translated section was reviewed against
//! the current source text, by writing the source's hashes into its front matter.
//! `policyc translated --fact PATH --locale L`: the same for a fact's text in `facts.toml`, recorded
//! in the version's `translations.toml`.

use crate::cli::TranslatedArgs;
use crate::config::Status;
use crate::error::{Diagnostic, Error, Result};
use crate::ids::{Locale, VersionId};
use crate::lint::staleness;
use crate::model::{Content, FACT_REVIEWS};
use crate::{load, output};

use super::Ctx;

/// Runs the command.
pub fn run(ctx: &Ctx, args: &TranslatedArgs) -> Result<i32> {
    let content = load::load_content(&ctx.content)?;
    let locale = Locale::parse(&args.locale).map_err(Error::Usage)?;
    if locale == content.config.default_locale {
        return Err(Error::Usage(format!(
            "`{locale}` is the source locale: translations are of the other locales"
        )));
    }
    let version_id = match &args.version {
        Some(v) => VersionId::parse(v).map_err(Error::Usage)?,
        None => content
            .versions
            .keys()
            .next_back()
            .cloned()
            .ok_or_else(|| Error::Usage("no versions".into()))?,
    };
    let version = content
        .versions
        .get(&version_id)
        .ok_or_else(|| Error::Usage(format!("no version `{version_id}`")))?;
    let source = &version.editions[&content.config.default_locale];
    let target = version
        .editions
        .get(&locale)
        .ok_or_else(|| Error::Usage(format!("locale `{locale}` is not declared in policy.toml")))?;
    let section = match (&args.fact, &args.section) {
        (Some(fact), _) => return record_fact(ctx, args, &content, &version_id, fact, &locale),
        (None, Some(section)) => section,
        (None, None) => return Err(Error::Usage("name a section, or a fact with --fact".into())),
    };
    let wanted: Vec<_> = target
        .sections
        .iter()
        .filter(|s| section == "all" || s.id().as_str() == section)
        .collect();
    if wanted.is_empty() {
        return Err(Error::Usage(format!(
            "no section `{section}` in {version_id}/{locale}"
        )));
    }
    let mut recorded = Vec::new();
    for section in wanted {
        let src = source
            .sections
            .iter()
            .find(|s| s.id() == section.id())
            .expect("parity checked at load");
        let record = staleness::record(src);
        let text = with_record(&section.file.text, &record)
            .map_err(|m| Error::from(Diagnostic::file_error(&section.file.path, m)))?;
        output::write_file(&section.file.path, text.as_bytes())?;
        recorded.push((
            section.file.path.display().to_string(),
            src.file.path.display().to_string(),
        ));
    }
    let text: Vec<String> = recorded
        .iter()
        .map(|(f, s)| format!("recorded review of {f} against {s}"))
        .collect();
    ctx.report(
        args.format,
        &text.join("\n"),
        serde_json::json!({"schema": "policyc.translated/1", "recorded": recorded.iter().map(|(f, s)| serde_json::json!({"file": f, "source": s})).collect::<Vec<_>>()}),
    )?;
    Ok(0)
}

/// Records the review of the `locale` text of fact `path` (or of every stale one, `all`) in the
/// version's `translations.toml`.
fn record_fact(
    ctx: &Ctx,
    args: &TranslatedArgs,
    content: &Content,
    version_id: &VersionId,
    path: &str,
    locale: &Locale,
) -> Result<i32> {
    let (position, version) = content
        .versions
        .iter()
        .enumerate()
        .find(|(_, (id, _))| *id == version_id)
        .map(|(i, (_, v))| (i, v))
        .expect("the version was found");
    if version.meta.status == Status::Published {
        return Err(Error::Usage(format!(
            "version {version_id} is published and sealed: record reviews in a draft (`policyc new-version`)"
        )));
    }
    let source_locale = content.config.default_locale.as_str();
    let texts = staleness::fact_texts(content, version);
    let paths: Vec<&str> = if path == "all" {
        let previous = position
            .checked_sub(1)
            .and_then(|i| content.versions.values().nth(i));
        let stale = staleness::stale_facts(content, version, previous);
        texts
            .iter()
            .map(|(p, _)| p.as_str())
            .filter(|p| stale.iter().any(|s| s.path == *p && s.locale == *locale))
            .collect()
    } else if texts.iter().any(|(p, _)| p == path) {
        vec![path]
    } else {
        return Err(Error::Usage(format!(
            "no fact text `{path}` in {version_id}: a fact path whose value has one text per locale, such as `sdks.<id>.purpose`"
        )));
    };
    let mut reviews = version.fact_reviews.clone();
    for p in &paths {
        let (_, by_locale) = texts.iter().find(|(q, _)| q == p).expect("listed above");
        let source = by_locale.get(source_locale).ok_or_else(|| {
            Error::Usage(format!(
                "fact `{p}` has no {source_locale} text to review against"
            ))
        })?;
        reviews
            .entry(locale.clone())
            .or_default()
            .insert((*p).to_string(), staleness::fact_record(source));
    }
    let file = version.dir.join(FACT_REVIEWS);
    output::write_file(&file, fact_reviews_toml(&reviews).as_bytes())?;
    let text: Vec<String> = paths
        .iter()
        .map(|p| {
            format!(
                "recorded review of the {locale} text of `{p}` in {}",
                file.display()
            )
        })
        .collect();
    let text = if text.is_empty() {
        format!("no stale {locale} fact text in {version_id}")
    } else {
        text.join("\n")
    };
    ctx.report(
        args.format,
        &text,
        serde_json::json!({"schema": "policyc.translated/1", "recorded": paths.iter().map(|p| serde_json::json!({"file": file.display().to_string(), "fact": p, "locale": locale})).collect::<Vec<_>>()}),
    )?;
    Ok(0)
}

/// `translations.toml` as written: a comment saying what it is, then one table per locale.
fn fact_reviews_toml(reviews: &crate::config::FactReviews) -> String {
    let tables: std::collections::BTreeMap<&str, &std::collections::BTreeMap<String, String>> =
        reviews.iter().map(|(l, r)| (l.as_str(), r)).collect();
    let body = toml::to_string(&tables).expect("tables of strings serialise as TOML");
    format!(
        "# Reviews of translated fact texts, written by `policyc translated --fact PATH --locale L`:\n\
         # for each locale, the sha256 of the source-locale text each translation was reviewed against.\n\n{body}"
    )
}

/// The file text with its `[translation]` table replaced by `record` (kept last in the front matter).
fn with_record(text: &str, record: &crate::config::TranslationRecord) -> Result<String, String> {
    let src = crate::source::SourceFile::new("", text);
    let (front, front_start, body_start) =
        crate::parse::section::split_front_matter(&src).map_err(|d| d.message)?;
    let kept: String = match front.find("[translation]") {
        Some(i) => front[..i].to_string(),
        None => front.to_string(),
    };
    let mut table = toml::Table::new();
    table.insert(
        "translation".into(),
        toml::Value::try_from(record).map_err(|e| e.to_string())?,
    );
    let rendered = toml::to_string(&table).map_err(|e| e.to_string())?;
    let mut out = String::with_capacity(text.len() + 200);
    out.push_str(&text[..front_start]);
    out.push_str(kept.trim_end_matches('\n'));
    out.push_str("\n\n");
    out.push_str(&rendered);
    let closing_start = text[..body_start].trim_end_matches(['\n', '\r']).len() - "+++".len();
    out.push_str(&text[closing_start..]);
    Ok(out)
}
