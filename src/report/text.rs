//! `policyc diff` for a terminal: the verdict and triggered clauses first, then the changes
//! grouped by section with inline redlines (colour on a terminal, `[-…-]{+…+}` otherwise).

use std::fmt::Write;

use super::Report;
use crate::classify::Severity;
use crate::diff::Kind;
use crate::diff::text::Segment;

/// Text options.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    /// ANSI colours.
    pub color: bool,
}

fn paint(s: &str, code: &str, on: bool) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// The text report.
pub fn render(r: &Report, opts: TextOptions) -> String {
    let c = opts.color;
    let zh = r.locale().starts_with("zh");
    let mut out = String::new();
    let a = r.assessment;
    let _ = writeln!(out, "{}", r.sides());
    if a.material {
        let head = if zh {
            "重大变更（第八条）：新版本生效前须显著通知用户"
        } else {
            "MATERIAL under §VIII: users must be given notice before the new version takes effect"
        };
        let _ = writeln!(out, "{}", paint(head, "1;31", c));
    } else if r.diff.changes.is_empty() {
        let _ = writeln!(out, "{}", if zh { "无变更" } else { "No changes" });
    } else {
        let _ = writeln!(
            out,
            "{}",
            paint(
                if zh {
                    "非重大变更（第八条）"
                } else {
                    "Not material under §VIII"
                },
                "1;32",
                c
            )
        );
    }
    if a.requires_consent {
        let line = if zh {
            "须征得用户明示同意：变更限制了用户的权利"
        } else {
            "Requires users' express consent: a change limits users' rights"
        };
        let _ = writeln!(out, "{}", paint(line, "1;33", c));
    }
    for clause in &a.clauses {
        let title = r.rules.clause(clause).map_or("", |x| x.title(r.locale()));
        let _ = writeln!(out, "  {}  {title}", paint(clause, "1", c));
        for (change, v) in r.items().filter(|(_, v)| v.clauses.contains(clause)) {
            let mark = match change.kind {
                Kind::Added => "+",
                Kind::Removed => "-",
                _ => "~",
            };
            for reason in v.reasons_for(clause, r.rules) {
                let reason = super::reasons::text(reason, r.locale());
                let _ = writeln!(out, "       {mark} {reason}");
            }
        }
    }
    let editorial = r.count(Severity::Editorial);
    let substantive = r.count(Severity::Substantive);
    if editorial + substantive > 0 {
        if zh {
            let _ = writeln!(
                out,
                "编辑性修改：{editorial} 处；其他实质性修改（不触发第八条）：{substantive} 处"
            );
        } else {
            let _ = writeln!(
                out,
                "Editorial: {editorial} change(s); substantive but not material: {substantive} change(s)"
            );
        }
    }
    if r.diff.bounded {
        let _ = writeln!(
            out,
            "{}",
            if zh {
                "注意：部分超大段落按句而非逐字比较。"
            } else {
                "note: some very large passages were compared by sentence, not word by word (size bound)"
            }
        );
    }
    let mut last_place = String::new();
    for (change, v) in r.items() {
        let place = Report::place(change);
        if place != last_place {
            let _ = writeln!(out, "\n{}", paint(&place, "1;4", c));
            last_place = place;
        }
        let severity = if zh {
            match v.severity {
                Severity::Editorial => "编辑性",
                Severity::Substantive => "实质性",
                Severity::Material => "重大",
            }
        } else {
            v.severity.as_str()
        };
        let mut label = match v.severity {
            Severity::Material => format!("{severity} {}", v.clauses.join(" ")),
            _ => severity.to_string(),
        };
        // a change only another locale's text makes: say whose, in the reader's words
        for e in v
            .reasons
            .iter()
            .filter(|e| matches!(e.reason, crate::classify::Reason::OnlyInLocale { .. }))
        {
            label.push_str(if zh { "；" } else { "; " });
            label.push_str(&super::reasons::text(&e.reason, r.locale()));
        }
        let kind = |k: Kind| {
            if !zh {
                return k.as_str();
            }
            match k {
                Kind::Added => "新增",
                Kind::Removed => "删除",
                Kind::Modified => "修改",
                Kind::Moved => "移动",
            }
        };
        let from = change.moved_from.as_deref().unwrap_or("");
        let what = match (&change.fact, change.kind, zh) {
            (Some(f), k, false) => format!("fact {} {}", f.path, kind(k)),
            (Some(f), k, true) => format!("事实 {} {}", f.path, kind(k)),
            (None, Kind::Moved, false) if let Some(p) = change.position => {
                format!("section moved: position {} → {}", p.old, p.new)
            }
            (None, Kind::Moved, true) if let Some(p) = change.position => {
                format!("整节移动：第 {} 节 → 第 {} 节", p.old, p.new)
            }
            (None, Kind::Moved, false) => format!("moved from {from}"),
            (None, Kind::Moved, true) => format!("移自 {from}"),
            (None, Kind::Modified, false) if !from.is_empty() => format!("modified, moved from {from}"),
            (None, Kind::Modified, true) if !from.is_empty() => format!("修改，移自 {from}"),
            (None, k, _) => kind(k).to_string(),
        };
        let sep = if zh { "；" } else { "; " };
        let _ = writeln!(out, "  [{what}{sep}{label}]");
        let redline = |segments: &[Segment]| {
            let mut line = String::from("~ ");
            for s in segments {
                match s {
                    Segment::Same(t) => line.push_str(t),
                    Segment::Del(t) if c => line.push_str(&paint(t, "31;9", true)),
                    Segment::Ins(t) if c => line.push_str(&paint(t, "32;4", true)),
                    Segment::Del(t) => line.push_str(&format!("[-{t}-]")),
                    Segment::Ins(t) => line.push_str(&format!("{{+{t}+}}")),
                }
            }
            line
        };
        // a changed fact is shown in the sentences that state it
        let sentences = super::context::fact_in_sentences(change, r.new, r.bodies);
        if !sentences.is_empty() {
            for s in &sentences {
                let _ = writeln!(out, "{}", redline(s));
            }
            continue;
        }
        // the passage's changed links, below its text
        let mut links = String::new();
        for l in &change.links {
            let old = l.old.as_deref().map(|t| paint(t, "31", c));
            let new = l.new.as_deref().map(|t| paint(t, "32", c));
            let none = if zh { "（无）" } else { "(none)" };
            let what = match (l.kind, zh) {
                (crate::diff::links::LinkKind::Link, false) => "link",
                (crate::diff::links::LinkKind::Image, false) => "image",
                (crate::diff::links::LinkKind::Link, true) => "链接",
                (crate::diff::links::LinkKind::Image, true) => "图片",
            };
            let (open, close) = if zh { ("“", "”：") } else { (" \"", "\": ") };
            let _ = writeln!(
                links,
                "@ {what}{open}{}{close}{} → {}",
                l.text,
                old.as_deref().unwrap_or(none),
                new.as_deref().unwrap_or(none)
            );
        }
        let old = super::context::expand(change.old.as_deref().unwrap_or(""), r.old);
        let new = super::context::expand(change.new.as_deref().unwrap_or(""), r.new);
        match change.kind {
            Kind::Added => {
                for line in new.lines() {
                    let _ = writeln!(out, "{}", paint(&format!("+ {line}"), "32", c));
                }
            }
            Kind::Removed => {
                for line in old.lines() {
                    let _ = writeln!(out, "{}", paint(&format!("- {line}"), "31", c));
                }
            }
            Kind::Moved => {
                let _ = writeln!(out, "{}", paint(&format!("> {new}"), "36", c));
            }
            Kind::Modified if change.redline.is_empty() => {
                let _ = writeln!(out, "{}", paint(&format!("- {old}"), "31", c));
                let _ = writeln!(out, "{}", paint(&format!("+ {new}"), "32", c));
            }
            Kind::Modified => {
                let segments = super::context::expand_segments(&change.redline, r.old, r.new);
                let _ = writeln!(out, "{}", redline(&segments));
            }
        }
        out.push_str(&links);
    }
    out
}
