//! Which names of a report the PDF's font cannot draw. The embedded DejaVu
//! Sans covers Latin, Greek, Cyrillic and more, but not Chinese, Japanese
//! or Korean: a team named in those scripts comes out blank in the PDF
//! (the HTML, Markdown and JSON show it). Until a font with those glyphs
//! can be used, the command says so, naming the groups (issue 13, finding
//! 14). Pure: the caller prints the warning.

use crate::report::model::Report;

/// Group names (and the title, organization or survey label) with a
/// character the font has no glyph for, each once, in report order.
pub fn undrawable(r: &Report) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !super::fonts::draws(&s) && !out.contains(&s) {
            out.push(s);
        }
    };
    for (what, s) in [
        ("the title", Some(&r.title)),
        ("the organization", r.organization.as_ref()),
        ("the survey label", Some(&r.survey_label)),
    ] {
        if let Some(s) = s {
            if !super::fonts::draws(s) {
                add(format!("{what} \"{s}\""));
            }
        }
    }
    for b in &r.breakdowns {
        for g in &b.groups {
            add(format!("{} \"{}\"", b.column, g.value));
        }
    }
    out
}

/// The warning for a PDF with names it cannot draw, if there are any.
pub fn warning(r: &Report) -> Option<String> {
    const SHOWN: usize = 10;
    let names = undrawable(r);
    if names.is_empty() {
        return None;
    }
    let more = names.len().saturating_sub(SHOWN);
    let mut list = names[..names.len().min(SHOWN)].join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    Some(format!(
        "report.pdf cannot draw some letters of {list}: its font (DejaVu Sans) has no Chinese, Japanese or Korean glyphs, so these names are blank or partly blank in the PDF; the HTML, Markdown and JSON reports show them"
    ))
}
