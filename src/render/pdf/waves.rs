//! The method section's waves (a workspace only): each wave's file, rubric
//! and counts, then how changes were tested, the rubric revisions and
//! participation.

use super::layout::{Align, Column, Layout, Span};
use super::sections::bullet;
use crate::report::model::Report;

pub(super) fn waves(l: &mut Layout, r: &Report) {
    let Some(h) = &r.history else {
        return;
    };
    let w = l.width();
    l.heading("The waves", 12.0, 60.0);
    let col = |title: &str, share: f64, align| Column {
        title: title.into(),
        width: share * w,
        align,
    };
    let cols = [
        col("Wave", 0.13, Align::Left),
        col("Date", 0.15, Align::Left),
        col("File", 0.22, Align::Left),
        col("Rubric", 0.24, Align::Left),
        col("Read", 0.08, Align::Right),
        col("Scored", 0.09, Align::Right),
        col("Invited", 0.09, Align::Right),
    ];
    let rows: Vec<Vec<Vec<Span>>> = h
        .waves
        .iter()
        .map(|p| {
            let rubric = if p.revised {
                format!("{} (revised)", p.rubric)
            } else {
                p.rubric.clone()
            };
            vec![
                vec![Span::plain(p.label.clone())],
                vec![Span::plain(p.date.clone().unwrap_or_else(|| "—".into()))],
                vec![Span::plain(p.file.clone())],
                vec![Span::plain(rubric)],
                vec![Span::plain(p.read.to_string())],
                vec![Span::plain(p.respondents.to_string())],
                vec![Span::plain(p.invited.map_or("—".into(), |n| n.to_string()))],
            ]
        })
        .collect();
    l.table(&cols, &rows, 9.0);
    for s in &h.method {
        bullet(l, &[Span::plain(s.clone())]);
    }
}
