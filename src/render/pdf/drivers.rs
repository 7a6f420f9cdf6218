//! The outcome index and driver analysis on PDF pages: the same view as
//! the HTML and Markdown (`render::drivers`), with the importance ×
//! performance chart.

use super::draw;
use super::layout::{Align, Column, Layout, Span, BODY, MARGIN};
use crate::render::drivers::{view, HEADERS};
use crate::report::chart;
use crate::report::model::Report;

/// The section, on a page of its own; nothing without outcome items.
pub fn section(l: &mut Layout, r: &Report) {
    let Some(v) = view(r) else {
        return;
    };
    let w = l.width();
    l.new_page();
    l.anchor("drivers");
    l.bookmark(v.title.clone());
    l.heading(&v.title, 16.0, 80.0);
    l.paragraph(&[Span::bold(v.outcome_text.clone())], BODY, MARGIN, w);
    for t in v.change_text.iter() {
        l.paragraph(&[Span::plain(t.clone())], BODY, MARGIN, w);
    }
    if let Some(t) = &v.trend_text {
        l.paragraph(&[Span::muted(format!("Across waves: {t}"))], 9.0, MARGIN, w);
    }
    l.space(4.0);
    if !v.groups.is_empty() {
        let cols = [
            ("Group", 0.5, Align::Left),
            ("n", 0.12, Align::Right),
            ("Index", 0.2, Align::Right),
            ("95% CI", 0.18, Align::Right),
        ]
        .map(|(t, f, a)| Column {
            title: t.into(),
            width: w * f,
            align: a,
        });
        let rows: Vec<Vec<Vec<Span>>> = v
            .groups
            .iter()
            .map(|g| g.iter().map(|c| vec![Span::plain(c.clone())]).collect())
            .collect();
        l.table(&cols, &rows, 9.0);
        l.space(8.0);
    }
    // The heading, the finding and the chart stay on one page.
    let chart = chart::impact(r).filter(|_| v.shown);
    let s = chart.as_ref().map_or(0.0, |c| (w / c.width).min(0.9));
    l.ensure(chart.as_ref().map_or(0.0, |c| c.height * s) + 90.0);
    l.heading("What goes with value", 12.0, 60.0);
    l.paragraph(&[Span::plain(v.summary.clone())], BODY, MARGIN, w);
    if v.shown {
        if let Some(c) = chart {
            l.ensure(c.height * s + 10.0);
            let y0 = l.y;
            draw::chart(l, &c, MARGIN + (w - c.width * s) / 2.0, y0, s);
            l.y += c.height * s + 8.0;
        }
        let widths = [0.3, 0.09, 0.22, 0.23, 0.16];
        let cols: Vec<Column> = HEADERS
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (t, f))| Column {
                title: (*t).into(),
                width: w * f,
                align: if i == 1 { Align::Right } else { Align::Left },
            })
            .collect();
        let rows: Vec<Vec<Vec<Span>>> = v
            .rows
            .iter()
            .map(|row| row.iter().map(|c| vec![Span::plain(c.clone())]).collect())
            .collect();
        l.table(&cols, &rows, 8.5);
        l.space(4.0);
        l.paragraph(&[Span::muted(v.note.clone())], 9.0, MARGIN, w);
    }
    for lo in &v.left_out {
        l.paragraph(
            &[Span::muted(format!("Left out of the model: {lo}."))],
            9.0,
            MARGIN,
            w,
        );
    }
}

/// The method section's paragraph on drivers.
pub fn method(l: &mut Layout, r: &Report) {
    let Some(d) = &r.drivers else {
        return;
    };
    let w = l.width();
    l.heading("Outcome index and drivers", 12.0, 40.0);
    l.paragraph(&[Span::plain(d.method.clone())], 9.5, MARGIN, w);
    l.space(4.0);
}
