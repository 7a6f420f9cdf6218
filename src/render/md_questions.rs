//! A dimension's answers in the Markdown report: the favorable, neutral
//! and unfavorable shares and the distance to the next level, then one row
//! per question with what the HTML's bars show as numbers.

use std::fmt::Write;

use super::markdown::esc;
use crate::report::model::{DimensionSection, Report};

pub(super) fn answers(o: &mut String, r: &Report, d: &DimensionSection) {
    if d.score.is_none() {
        return;
    }
    let [fav, neu, unf] = super::shares_100([d.favorable_pct, d.neutral_pct, d.unfavorable_pct]);
    let mut line = format!("Favorable {fav} · neutral {neu} · unfavorable {unf}");
    if let (Some(n), false) = (&d.next_level, r.rubric.staged) {
        let _ = write!(line, " · {}", n.text);
    }
    let _ = writeln!(o, "{}.\n", esc(&line));
    let shown: Vec<_> = d.questions.iter().collect();
    if shown.is_empty() {
        return;
    }
    let staged = r.rubric.staged;
    // The change column, in every dimension's table once any statement of
    // the report has a change, so the tables keep one shape.
    let since = r
        .history
        .as_ref()
        .and_then(|h| h.previous.as_deref())
        .filter(|_| {
            r.dimensions
                .iter()
                .flat_map(|d| &d.questions)
                .any(|q| q.change.is_some())
        });
    let _ = writeln!(
        o,
        "| Statement | n | Unfavorable | Neutral | Favorable | Score |{}{}",
        since.map_or(String::new(), |s| format!(" Since {} |", esc(s))),
        if staged { " Practice |" } else { "" }
    );
    let _ = writeln!(
        o,
        "|---|---:|---:|---:|---:|---:|{}{}",
        if since.is_some() { "---:|" } else { "" },
        if staged { "---|" } else { "" }
    );
    for q in shown {
        let text = if q.reverse {
            format!("{} (reverse-keyed)", q.text)
        } else {
            q.text.clone()
        };
        let cells = if !q.measured {
            "— | — | — | — | — | not in the survey file".to_string()
        } else if q.suppressed || q.shares.is_empty() {
            "— | — | — | — | — | too few answers to show".to_string()
        } else {
            let (u, n, f) = bands(&q.shares);
            let [u, n, f] = super::shares_100([Some(u), Some(n), Some(f)]);
            format!(
                "{} | {u} | {n} | {f} | {}",
                q.n.map_or("—".into(), |n| n.to_string()),
                q.score.map_or("—".into(), |s| format!("{s:.0}"))
            )
        };
        let change = if since.is_some() {
            format!(" {} |", q.change.as_ref().map_or("—".into(), |c| c.short()))
        } else {
            String::new()
        };
        let practice = if staged {
            let level = q.level.as_deref().unwrap_or("");
            let status = q.status.as_deref().unwrap_or("");
            format!(" {} |", esc(&format!("{level} · {status}")))
        } else {
            String::new()
        };
        let _ = writeln!(o, "| {} | {cells} |{change}{practice}", esc(&text));
    }
    let _ = writeln!(o);
    if let Some(note) = super::item_change_note(r, d, true) {
        let _ = writeln!(o, "{}\n", esc(&note));
    }
}

/// Unfavorable, neutral and favorable shares from the shares per point
/// (least to most favorable), by the scoring's own rule
/// ([`crate::score::practice::band`]).
fn bands(shares: &[f64]) -> (f64, f64, f64) {
    use crate::score::practice::{band, Band};
    let n = shares.len();
    let (mut low, mut mid, mut high) = (0.0, 0.0, 0.0);
    for (p, s) in shares.iter().enumerate() {
        match band(p, n) {
            Band::Favorable => high += s,
            Band::Unfavorable => low += s,
            Band::Neutral => mid += s,
        }
    }
    (low, mid, high)
}
