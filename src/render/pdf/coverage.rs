//! Which names of a report the PDF's fonts cannot draw. The embedded DejaVu
//! Sans covers Latin, Greek, Cyrillic and more, but not Chinese, Japanese
//! or Korean: without a fallback font (`report --font`) that has them, a
//! team named in those scripts comes out blank in the PDF (the HTML,
//! Markdown and JSON show it). The command says so, naming the groups and
//! how to fix it (issue 13, finding 14). Pure but for `suggest`, which
//! only looks for an installed font to name; the caller prints the warning.

use super::fallback::FallbackFont;
use super::fonts::Coverage;
use crate::report::model::Report;

/// Group names (and the title, organization or survey label) with a
/// character neither font has a glyph for, each once, in report order;
/// then, as one entry, how many other texts (rubric, comments) have one.
pub fn undrawable(r: &Report, fallback: Option<&FallbackFont>) -> Vec<String> {
    let fonts = Coverage::new(fallback);
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !fonts.draws(&s) && !out.contains(&s) {
            out.push(s);
        }
    };
    for (what, s) in [
        ("the title", Some(&r.title)),
        ("the organization", r.organization.as_ref()),
        ("the survey label", Some(&r.survey_label)),
    ] {
        if let Some(s) = s {
            add(format!("{what} \"{s}\""));
        }
    }
    for b in &r.breakdowns {
        for g in &b.groups {
            add(format!("{} \"{}\"", b.column, g.value));
        }
    }
    // Any other text: the rubric's (dimensions, statements, levels) and
    // comments. Every string of the report model is looked at, so nothing
    // drawn is missed; they are counted, with the first as an example.
    let model = serde_json::to_value(r).unwrap_or_default();
    let mut texts = Vec::new();
    let mut seen = std::collections::HashSet::new();
    strings(&model, &mut |s| {
        if seen.insert(s) {
            texts.push(s);
        }
    });
    // A sentence that names a group already listed ("The team 工程部
    // fell …") is not another text unless more than the name is missing.
    let names: Vec<&str> = [Some(r.title.as_str()), r.organization.as_deref()]
        .into_iter()
        .flatten()
        .chain([r.survey_label.as_str()])
        .chain(
            r.breakdowns
                .iter()
                .flat_map(|b| b.groups.iter().map(|g| g.value.as_str())),
        )
        .filter(|n| !fonts.draws(n))
        .collect();
    let mut others = texts.into_iter().filter(|s| {
        !fonts.draws(s) && !fonts.draws(&names.iter().fold(s.to_string(), |t, n| t.replace(n, "")))
    });
    if let Some(first) = others.next() {
        let n = 1 + others.count();
        let example: String = first.chars().take(40).collect();
        let more = if example.len() < first.len() {
            "…"
        } else {
            ""
        };
        out.push(format!(
            "{} such as \"{}{more}\"",
            crate::text::plural(n, "other text"),
            crate::text::visible(&example)
        ));
    }
    out
}

/// Calls `f` with every string in `v`.
fn strings<'v>(v: &'v serde_json::Value, f: &mut impl FnMut(&'v str)) {
    match v {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, f)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, f)),
        _ => {}
    }
}

/// The warning for a PDF with names it cannot draw, if there are any:
/// which names, and what to do about it. `suggest` finds an installed font
/// to name in it (the report never uses one the user did not give).
pub fn warning(
    r: &Report,
    fallback: Option<&FallbackFont>,
    suggest: impl FnOnce() -> Option<String>,
) -> Option<String> {
    const SHOWN: usize = 10;
    let names = undrawable(r, fallback);
    if names.is_empty() {
        return None;
    }
    let more = names.len().saturating_sub(SHOWN);
    let mut list = names[..names.len().min(SHOWN)].join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    let why = match fallback {
        None => "its font (DejaVu Sans) has no Chinese, Japanese or Korean glyphs".to_string(),
        Some(f) => format!(
            "neither its font (DejaVu Sans) nor {} ({}) has glyphs for them",
            f.label, f.family
        ),
    };
    let fix = match (fallback, suggest()) {
        (None, Some(found)) => format!(
            "; give a font that has them with --font FILE (this machine has {found}, for example: --font {found})"
        ),
        (None, None) => "; give a font that has them with --font FILE (a .ttf, .otf or .ttc such as Noto Sans CJK)".to_string(),
        (Some(_), _) => "; give a font that has them with --font FILE".to_string(),
    };
    Some(format!(
        "report.pdf cannot draw some letters of {list}: {why}, so these names are blank or partly blank in the PDF{fix}; the HTML, Markdown and JSON reports show them"
    ))
}
