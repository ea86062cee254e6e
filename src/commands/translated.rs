//! `policyc translated SECTION --locale L`: records that a translated section was reviewed against
//! the current source text, by writing the source's hashes into its front matter.

use crate::cli::TranslatedArgs;
use crate::error::{Diagnostic, Error, Result};
use crate::ids::{Locale, VersionId};
use crate::lint::staleness;
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
    let wanted: Vec<_> = target
        .sections
        .iter()
        .filter(|s| args.section == "all" || s.id().as_str() == args.section)
        .collect();
    if wanted.is_empty() {
        return Err(Error::Usage(format!(
            "no section `{}` in {version_id}/{locale}",
            args.section
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
