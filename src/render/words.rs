//! Phrases every format shares about a dimension, so that HTML, PDF and
//! Markdown say the same thing.

use crate::report::model::{DimensionSection, Report};

/// "Applies to 30% of respondents · 12% not sure", or empty when the scale
/// offers neither answer (or the dimension applies to everyone and nobody
/// was unsure).
pub fn applies_text(d: &DimensionSection) -> String {
    let mut parts = Vec::new();
    if let Some(p) = d.applies_to_pct.filter(|p| *p < 100.0) {
        parts.push(format!("Applies to {}% of respondents", p.round() as i64));
    }
    if let Some(p) = d.not_sure_pct.filter(|p| *p > 0.0) {
        parts.push(format!("{}% of responses “not sure”", p.round() as i64));
    }
    parts.join(" · ")
}

/// Why a measured dimension shows no score.
pub fn hidden_reason(d: &DimensionSection, k: usize) -> String {
    match d.applies_to_pct {
        Some(p) if p < 50.0 => format!(
            "Not shown: it applies to {}% of respondents (the others answered that it does not apply to their work), and fewer than {k} of them answered enough of these questions. It is left out of the overall score rather than counted as low.",
            p.round() as i64
        ),
        _ => format!(
            "Not shown: fewer than {k} respondents answered enough of these questions."
        ),
    }
}

/// The heading above a dimension's recommendations.
pub fn rec_heading(r: &Report, d: &DimensionSection) -> String {
    if r.rubric.staged {
        match &d.next_level {
            Some(n) => format!("Next steps towards {}, weakest practice first", n.name),
            None => format!(
                "Recommended at {}",
                d.level.as_deref().unwrap_or("this level")
            ),
        }
    } else {
        match &d.level {
            Some(l) => format!("Recommended at this level ({l})"),
            None => "Recommended at this level".into(),
        }
    }
}
