//! The executive page's chart: each dimension's score as a dot on one 0-100
//! axis, sorted, with its 95% interval as a whisker and the last wave's
//! score as a hollow marker. Level bands behind it only when levels are
//! cut-offs on the score; on staged rubrics each row says how many of its
//! next level's practices are in place instead.

use super::{approx_width, text, Anchor, Chart, Shape, ACCENT, GRID, INK, MUTED};
use crate::report::model::Report;

const ROW: f64 = 26.0;
const TOP: f64 = 24.0;

/// One dimension's row, whichever layout draws it.
struct Row {
    short_name: String,
    score: f64,
    ci95: Option<[f64; 2]>,
    /// The last wave's score, where the two were compared.
    before: Option<f64>,
    /// "1/2 Experimenting" (staged) or the score.
    right: String,
    alt: String,
}

/// The dimensions with a score, highest first.
fn rows(report: &Report) -> Vec<Row> {
    let dims = &report.dimensions;
    let mut order: Vec<usize> = (0..dims.len())
        .filter(|&i| dims[i].score.is_some())
        .collect();
    order.sort_by(|&a, &b| {
        dims[b]
            .score
            .unwrap_or(0.0)
            .total_cmp(&dims[a].score.unwrap_or(0.0))
            .then(a.cmp(&b))
    });
    let staged = report.rubric.staged;
    let previous = report.history.as_ref().and_then(|h| {
        let n = h.waves.len();
        (n >= 2).then(|| &h.waves[n - 2])
    });
    order
        .into_iter()
        .map(|i| {
            let d = &dims[i];
            let s = d.score.unwrap_or(0.0);
            // The last wave's score, only where the two were compared:
            // across a revision that shares no question it measured
            // something else.
            let before = previous
                .filter(|_| report.change_since_previous(&d.id).is_some())
                .and_then(|w| w.dimensions.get(i).copied().flatten());
            let right = if staged {
                // "1/2 Experimenting": of the next level's practices, in place.
                d.next_level.as_ref().map_or_else(
                    || d.level_label.clone(),
                    |n| {
                        n.text
                            .split(" practices")
                            .next()
                            .unwrap_or(&n.text)
                            .replace(" of ", "/")
                    },
                )
            } else {
                format!("{}", s.round() as i64)
            };
            let ci = d.ci95.map_or(String::new(), |[lo, hi]| {
                format!(
                    " (95% interval {}–{})",
                    lo.round() as i64,
                    hi.round() as i64
                )
            });
            let was = before.map_or(String::new(), |b| {
                format!(", last survey {}", b.round() as i64)
            });
            let alt = format!(
                "{} {}{ci}{was}, {}",
                d.name,
                s.round() as i64,
                if staged {
                    right.clone()
                } else {
                    d.level_label.clone()
                }
            );
            Row {
                short_name: d.short_name.clone(),
                score: s,
                ci95: d.ci95,
                before,
                right,
                alt,
            }
        })
        .collect()
}

/// A row's marks at height `y` on the axis `x`: whisker, last wave, dot.
fn marks(shapes: &mut Vec<Shape>, row: &Row, y: f64, x: &dyn Fn(f64) -> f64) {
    if let Some([lo, hi]) = row.ci95 {
        shapes.push(Shape::Line {
            x1: x(lo),
            y1: y,
            x2: x(hi),
            y2: y,
            stroke: MUTED,
            width: 1.5,
            dash: false,
        });
    }
    if let Some(b) = row.before {
        // Hollow: a ring of the muted colour around white.
        shapes.push(Shape::Circle {
            cx: x(b),
            cy: y,
            r: 4.5,
            fill: MUTED,
        });
        shapes.push(Shape::Circle {
            cx: x(b),
            cy: y,
            r: 3.0,
            fill: "#ffffff",
        });
    }
    shapes.push(Shape::Circle {
        cx: x(row.score),
        cy: y,
        r: 5.0,
        fill: ACCENT,
    });
}

/// Level bands (cut-off rubrics, named where the name fits) or plain
/// quarters, between `top` and `bottom`, and the axis' numbers under it.
fn axis(
    shapes: &mut Vec<Shape>,
    report: &Report,
    (top, bottom): (f64, f64),
    size: f64,
    x: &dyn Fn(f64) -> f64,
) {
    if report.rubric.staged {
        for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
            shapes.push(Shape::Line {
                x1: x(v),
                y1: top - 4.0,
                x2: x(v),
                y2: bottom,
                stroke: GRID,
                width: 0.5,
                dash: v > 0.0 && v < 100.0,
            });
        }
    } else {
        for (i, l) in report.levels.iter().enumerate() {
            shapes.push(Shape::Rect {
                x: x(l.min),
                y: top - 4.0,
                w: x(l.max) - x(l.min),
                h: bottom - top + 4.0,
                fill: if i % 2 == 0 { "#f4f6f9" } else { "#ffffff" },
                stroke: None,
                hatch: false,
            });
            let mid = (x(l.min) + x(l.max)) / 2.0;
            if approx_width(&l.name, size) < x(l.max) - x(l.min) {
                shapes.push(Shape::Text {
                    x: mid,
                    y: top - 8.0,
                    text: l.name.clone(),
                    size,
                    anchor: Anchor::Middle,
                    bold: false,
                    fill: MUTED,
                });
            }
        }
    }
    for v in [0.0, 50.0, 100.0] {
        shapes.push(text(
            x(v),
            bottom + size + 6.0,
            format!("{}", v as i64),
            size,
            Anchor::Middle,
        ));
    }
}

fn chart(rows: &[Row], width: f64, height: f64, shapes: Vec<Shape>) -> Chart {
    Chart {
        width,
        height,
        title: "Scores by dimension, highest first, with 95% intervals".into(),
        alt: format!(
            "{}.",
            rows.iter()
                .map(|r| r.alt.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        shapes,
    }
}

pub fn dots(report: &Report) -> Option<Chart> {
    let rows = rows(report);
    if rows.is_empty() {
        return None;
    }
    let staged = report.rubric.staged;
    let label_w = rows
        .iter()
        .map(|r| approx_width(&r.short_name, 12.0) * 1.15)
        .fold(70.0f64, f64::max)
        .min(170.0)
        + 12.0;
    let right_w = if staged { 120.0 } else { 36.0 };
    let width = label_w + 280.0 + right_w;
    let (x0, x1) = (label_w, width - right_w);
    let x = |v: f64| x0 + (x1 - x0) * v.clamp(0.0, 100.0) / 100.0;
    let height = TOP + ROW * rows.len() as f64 + 22.0;
    let bottom = TOP + ROW * rows.len() as f64;
    let mut shapes = Vec::new();
    axis(&mut shapes, report, (TOP, bottom), 8.0, &x);
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64 + ROW / 2.0;
        shapes.push(text(
            x0 - 8.0,
            y + 4.0,
            row.short_name.clone(),
            12.0,
            Anchor::End,
        ));
        marks(&mut shapes, row, y, &x);
        shapes.push(Shape::Text {
            x: x1 + 8.0,
            y: y + 3.5,
            text: row.right.clone(),
            size: 11.0,
            anchor: Anchor::Start,
            bold: !staged,
            fill: INK,
        });
    }
    Some(chart(&rows, width, height, shapes))
}

/// The width of the phone layout: drawn at about this many CSS pixels on a
/// 375 px screen, so its 11-unit text is 11 px.
pub const PHONE_W: f64 = 330.0;

/// The same chart for a phone: each dimension's name and figure on a line
/// of their own above its dot, so the axis spans the screen and no text is
/// under 11 px (the wide layout, shrunk to a phone, printed its labels at
/// 5 to 7 px).
pub fn dots_phone(report: &Report) -> Option<Chart> {
    let rows = rows(report);
    if rows.is_empty() {
        return None;
    }
    const PHONE_ROW: f64 = 40.0;
    const SIZE: f64 = 12.0;
    let (x0, x1) = (8.0, PHONE_W - 12.0);
    let x = |v: f64| x0 + (x1 - x0) * v.clamp(0.0, 100.0) / 100.0;
    let top = 24.0;
    let bottom = top + PHONE_ROW * rows.len() as f64;
    let mut shapes = Vec::new();
    axis(&mut shapes, report, (top, bottom), 11.0, &x);
    for (i, row) in rows.iter().enumerate() {
        let y = top + PHONE_ROW * i as f64;
        shapes.push(text(
            0.0,
            y + 13.0,
            row.short_name.clone(),
            SIZE,
            Anchor::Start,
        ));
        shapes.push(Shape::Text {
            x: PHONE_W,
            y: y + 13.0,
            text: row.right.clone(),
            size: SIZE,
            anchor: Anchor::End,
            bold: !report.rubric.staged,
            fill: INK,
        });
        marks(&mut shapes, row, y + 27.0, &x);
    }
    Some(chart(&rows, PHONE_W, bottom + 24.0, shapes))
}

/// The strip of key figures as boxes, for the PDF (HTML lays them out
/// with CSS so that they wrap on a phone).
pub fn key_strip(report: &Report, width: f64) -> Option<Chart> {
    let n = report.key_figures.len();
    if n == 0 {
        return None;
    }
    let gap = 8.0;
    let w = (width - gap * (n - 1) as f64) / n as f64;
    let chars = ((w - 12.0) / (7.5 * 0.53)) as usize;
    let mut shapes = Vec::new();
    let mut height: f64 = 0.0;
    for (i, k) in report.key_figures.iter().enumerate() {
        let x = i as f64 * (w + gap);
        let lines = super::wrap(&k.note, chars.max(8));
        let h = 44.0 + 9.0 * lines.len().min(3) as f64;
        height = height.max(h);
        shapes.push(Shape::Text {
            x: x + 6.0,
            y: 12.0,
            text: k.label.clone(),
            size: 8.0,
            anchor: Anchor::Start,
            bold: false,
            fill: MUTED,
        });
        // The value as large as fits its box ("Experimenting" is long).
        let size = (17.0f64).min((w - 12.0) / (approx_width(&k.value, 1.0) * 1.1));
        shapes.push(Shape::Text {
            x: x + 6.0,
            y: 32.0,
            text: k.value.clone(),
            size,
            anchor: Anchor::Start,
            bold: true,
            fill: ACCENT,
        });
        for (j, line) in lines.iter().take(3).enumerate() {
            shapes.push(Shape::Text {
                x: x + 6.0,
                y: 44.0 + 9.0 * j as f64,
                text: line.clone(),
                size: 7.5,
                anchor: Anchor::Start,
                bold: false,
                fill: MUTED,
            });
        }
    }
    // Backgrounds first, as tall as the tallest box.
    let mut all: Vec<Shape> = (0..n)
        .map(|i| Shape::Rect {
            x: i as f64 * (w + gap),
            y: 0.0,
            w,
            h: height,
            fill: "#f4f6f9",
            stroke: None,
            hatch: false,
        })
        .collect();
    all.extend(shapes);
    Some(Chart {
        width,
        height,
        title: "Key figures".into(),
        alt: report
            .key_figures
            .iter()
            .map(|k| format!("{}: {} ({})", k.label, k.value, k.note))
            .collect::<Vec<_>>()
            .join("; "),
        shapes: all,
    })
}
