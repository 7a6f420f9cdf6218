//! The importance × performance chart of the driver analysis: each
//! dimension of the model at its score (across) and its relative weight as
//! a share of R² (up), on a grid split at the mean score and at an even
//! share, with the quadrants named in plain words.

use super::*;
use crate::report::drivers::{IMPROVE_FIRST, KEEP_UP, MAINTAIN, WATCH};
use crate::report::model::Report;

/// `None` when the driver analysis is not shown.
pub fn impact(report: &Report) -> Option<Chart> {
    let d = report.drivers.as_ref().filter(|d| d.shown)?;
    let (score_line, share_line) = (d.score_line?, d.share_line?);
    if d.rows.is_empty() {
        return None;
    }
    let (w, h) = (640.0, 400.0);
    let (left, right, top, bottom) = (52.0, 600.0, 30.0, 346.0);
    // Scores: the data's range widened to whole tens; shares: 0 up to the
    // largest, in tens.
    let lo = d.rows.iter().map(|r| r.score).fold(f64::INFINITY, f64::min);
    let hi = d.rows.iter().map(|r| r.score).fold(0.0, f64::max);
    let (x0, x1) = (
        ((lo - 5.0) / 10.0).floor().max(0.0) * 10.0,
        ((hi + 5.0) / 10.0).ceil().min(10.0) * 10.0,
    );
    let top_share = d
        .rows
        .iter()
        .map(|r| r.share_pct)
        .fold(share_line, f64::max);
    let y1 = ((top_share + 5.0) / 10.0).ceil() * 10.0;
    let x = |v: f64| left + (right - left) * (v - x0) / (x1 - x0).max(1.0);
    let y = |v: f64| bottom - (bottom - top) * v / y1.max(1.0);
    let mut shapes = Vec::new();
    // The quadrant that asks for action first, tinted.
    shapes.push(Shape::Rect {
        x: left,
        y: top,
        w: x(score_line) - left,
        h: y(share_line) - top,
        fill: "#fdf0e6",
        stroke: None,
        hatch: false,
    });
    let mut v = x0;
    while v <= x1 + 1e-9 {
        shapes.push(Shape::Line {
            x1: x(v),
            y1: top,
            x2: x(v),
            y2: bottom,
            stroke: GRID,
            width: 0.4,
            dash: false,
        });
        shapes.push(text(x(v), bottom + 14.0, fmt_score(v), 8.5, Anchor::Middle));
        v += 10.0;
    }
    let mut v = 0.0;
    while v <= y1 + 1e-9 {
        shapes.push(Shape::Line {
            x1: left,
            y1: y(v),
            x2: right,
            y2: y(v),
            stroke: GRID,
            width: 0.4,
            dash: false,
        });
        shapes.push(text(
            left - 4.0,
            y(v) + 3.0,
            format!("{v}%"),
            8.5,
            Anchor::End,
        ));
        v += 10.0;
    }
    // The dividing lines.
    for (a, b, c, e) in [
        (x(score_line), top, x(score_line), bottom),
        (left, y(share_line), right, y(share_line)),
    ] {
        shapes.push(Shape::Line {
            x1: a,
            y1: b,
            x2: c,
            y2: e,
            stroke: MUTED,
            width: 1.0,
            dash: true,
        });
    }
    let corner = |s: &str, x: f64, y: f64, anchor| Shape::Text {
        x,
        y,
        text: s.to_string(),
        size: 10.0,
        anchor,
        bold: true,
        fill: MUTED,
    };
    shapes.push(corner(IMPROVE_FIRST, left + 6.0, top + 14.0, Anchor::Start));
    shapes.push(corner(KEEP_UP, right - 6.0, top + 14.0, Anchor::End));
    // The lower quadrants' names just under the even-share line, where
    // points are rarer than near zero.
    let below = (y(share_line) + 14.0).min(bottom - 6.0);
    shapes.push(corner(WATCH, left + 6.0, below, Anchor::Start));
    shapes.push(corner(MAINTAIN, right - 6.0, below, Anchor::End));
    // Boxes already taken (x, baseline, width): the quadrant names, the
    // axis numbers' band, and each label placed.
    let mut placed: Vec<(f64, f64, f64)> = vec![
        (left + 6.0, top + 14.0, approx_width(IMPROVE_FIRST, 10.0)),
        (
            right - 6.0 - approx_width(KEEP_UP, 10.0),
            top + 14.0,
            approx_width(KEEP_UP, 10.0),
        ),
        (left + 6.0, below, approx_width(WATCH, 10.0)),
        (
            right - 6.0 - approx_width(MAINTAIN, 10.0),
            below,
            approx_width(MAINTAIN, 10.0),
        ),
        (left - 40.0, bottom + 14.0, right - left + 80.0),
    ];
    let mut rows: Vec<_> = d.rows.iter().collect();
    rows.sort_by(|a, b| b.share_pct.total_cmp(&a.share_pct));
    let points: Vec<(f64, f64)> = rows.iter().map(|r| (x(r.score), y(r.share_pct))).collect();
    for (r, &(px, py)) in rows.iter().zip(&points) {
        shapes.push(Shape::Circle {
            cx: px,
            cy: py,
            r: 4.5,
            fill: if r.quadrant == IMPROVE_FIRST {
                "#d55e00"
            } else {
                ACCENT
            },
        });
    }
    // Each label beside its point: right or left, level or a line or more
    // up or down, the first place that overlaps no other label or point.
    for (r, &(px, py)) in rows.iter().zip(&points) {
        let label = r.short_name.clone();
        let lw = approx_width(&label, 9.0);
        let free = |lx: f64, ly: f64| {
            lx >= 2.0
                && lx + lw <= w - 2.0
                && placed
                    .iter()
                    .all(|&(ox, oy, ow)| (ly - oy).abs() >= 10.0 || lx >= ox + ow || ox >= lx + lw)
                && points.iter().all(|&(qx, qy)| {
                    (qx - px).abs() + (qy - py).abs() < 0.1
                        || !(qx + 5.0 > lx
                            && qx - 5.0 < lx + lw
                            && qy + 5.0 > ly - 9.0
                            && qy - 5.0 < ly + 2.0)
                })
        };
        let mut spot = None;
        'search: for dy in [0.0, -11.0, 11.0, -22.0, 22.0, -33.0, 33.0, -44.0, 44.0] {
            for lx in [px + 7.0, px - 7.0 - lw] {
                if free(lx, py + 3.0 + dy) {
                    spot = Some((lx, py + 3.0 + dy));
                    break 'search;
                }
            }
        }
        let (lx, ly) = spot.unwrap_or((px + 7.0, py + 3.0));
        if (ly - py - 3.0).abs() > 1.0 {
            // A label moved off its point: a thin line back to it.
            shapes.push(Shape::Line {
                x1: px,
                y1: py,
                x2: if lx > px { lx - 1.0 } else { lx + lw + 1.0 },
                y2: ly - 3.0,
                stroke: GRID,
                width: 0.6,
                dash: false,
            });
        }
        placed.push((lx, ly, lw));
        shapes.push(text(lx, ly, label, 9.0, Anchor::Start));
    }
    shapes.push(text(
        (left + right) / 2.0,
        bottom + 32.0,
        "Score (0–100)",
        9.5,
        Anchor::Middle,
    ));
    shapes.push(Shape::Text {
        x: left - 40.0,
        y: top - 12.0,
        text: "Share of the link to value (relative weight, % of R²)".into(),
        size: 9.5,
        anchor: Anchor::Start,
        bold: false,
        fill: INK,
    });
    let alt = d
        .rows
        .iter()
        .map(|r| {
            format!(
                "{}: score {}, {}% of the link to value ({})",
                r.short_name,
                r.score.round() as i64,
                r.share_pct.round() as i64,
                r.quadrant.to_lowercase()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Some(Chart {
        width: w,
        height: h,
        title: "What goes with value: each dimension's score against its share of the link to the outcome index".into(),
        alt,
        shapes,
    })
}
