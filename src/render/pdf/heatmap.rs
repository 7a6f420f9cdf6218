//! The PDF's group heatmaps, laid out on pages.

use super::draw;
use super::layout::{Layout, MARGIN};
use crate::report::chart;
use crate::report::model::Report;

/// One breakdown's heatmap: panels of whole columns at full size (one chart
/// of every column, scaled to the page, printed its changes at 5 pt), each
/// in slices of rows that fill the room left on the page, so a long
/// breakdown neither leaves a page mostly empty nor runs off it.
pub(super) fn heatmap(l: &mut Layout, r: &Report, b: &crate::report::model::Breakdown) {
    let w = l.width();
    let split = chart::print_columns(b, r, w);
    let mut first = true;
    for (p, cols) in split.iter().enumerate() {
        let last_panel = p + 1 == split.len();
        let mut start = 0;
        loop {
            let left = b.groups.len() - start;
            // A slice's height: its heading, column headers, the
            // organization's row, its rows and (last) the legend.
            let fixed = 30.0 + 60.0 + 24.0 + if last_panel { 60.0 } else { 10.0 };
            let fit = ((l.room() - fixed) / 24.0).floor().max(0.0) as usize;
            // At least three rows (or all that are left) on a page.
            if fit < left.min(3) && !l.at_top() {
                l.ensure(f64::INFINITY);
                continue;
            }
            let end = start + fit.max(1).min(left);
            let part = crate::report::model::Breakdown {
                groups: b.groups[start..end].to_vec(),
                ..b.clone()
            };
            let c = chart::print_panel(
                &part,
                r,
                cols,
                (last_panel && end == b.groups.len()).then_some(w),
            );
            let s = (w / c.width).min(1.0);
            let title = if first {
                format!("Scores by {} and dimension", b.column)
            } else {
                format!("Scores by {} and dimension (continued)", b.column)
            };
            first = false;
            l.heading(&title, 11.5, c.height * s);
            let y0 = l.y;
            draw::chart(l, &c, MARGIN, y0, s);
            l.y += c.height * s + 10.0;
            start = end;
            if start >= b.groups.len() {
                break;
            }
        }
    }
}
