//! The PDF's lines about staged levels: applicability, the level's change,
//! the next level's missing practices, and a recommendation's owner,
//! horizon and findings.

use super::layout::{Layout, Span, BODY, MARGIN};
use crate::report::model::{DimensionSection, Report};

/// Below a dimension's figures: who it applies to, how its level moved,
/// and the practices still missing for the next level.
pub fn facts(l: &mut Layout, r: &Report, d: &DimensionSection) {
    let w = l.width();
    let applies = crate::render::applies_text(d);
    if !applies.is_empty() {
        l.paragraph(&[Span::plain(applies)], BODY, MARGIN, w);
    }
    let change = r
        .history
        .as_ref()
        .and_then(|h| h.dimensions.iter().find(|x| x.id == d.id))
        .and_then(|x| x.level_change.clone());
    if let Some(c) = change {
        l.paragraph(&[Span::muted(crate::text::capitalized(&c))], 9.0, MARGIN, w);
    }
    if let (Some(n), false) = (&d.next_level, d.missing_practices.is_empty()) {
        l.space(3.0);
        l.heading(
            &format!("Not yet in place for {}, weakest first", n.name),
            11.0,
            40.0,
        );
        for p in &d.missing_practices {
            l.paragraph(
                &[
                    Span::plain(format!("• {}", p.text)),
                    Span::muted(format!(" ({})", p.state)),
                ],
                9.5,
                MARGIN + 4.0,
                w - 4.0,
            );
        }
    }
}

/// A recommendation's owner and horizon, then each citation's finding.
pub fn evidence(l: &mut Layout, meta: &str, findings: &[(usize, String)], x: f64, w: f64) {
    if !meta.is_empty() {
        l.paragraph(&[Span::muted(meta.to_string())], 8.5, x, w);
    }
    for (n, f) in findings {
        l.paragraph(&[Span::muted(format!("[{n}] {f}"))], 8.5, x, w);
    }
}
