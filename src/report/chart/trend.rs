//! Scores across survey waves.

use super::*;
use crate::report::model::Report;

/// Okabe–Ito: categorical colours that stay apart for colour-blind readers.
pub const OKABE_ITO: [&str; 7] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
];

/// Scores across waves: the overall score with its 95% band, and one line
/// per dimension. `None` with fewer than two waves.
pub fn trend(report: &Report) -> Option<Chart> {
    let h = report.history.as_ref()?;
    if h.waves.len() < 2 {
        return None;
    }
    let (w, ht) = (640.0, 330.0);
    let (left, right, top, bottom) = (34.0, 470.0, 14.0, 290.0);
    let n = h.waves.len();
    let x = |i: usize| left + 20.0 + (right - left - 40.0) * i as f64 / (n - 1) as f64;
    let y = |v: f64| bottom - (bottom - top) * v / 100.0;
    let mut shapes = Vec::new();
    for v in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
        shapes.push(Shape::Line {
            x1: left,
            y1: y(v),
            x2: right,
            y2: y(v),
            stroke: GRID,
            width: 0.5,
            dash: false,
        });
        shapes.push(text(
            left - 4.0,
            y(v) + 3.0,
            format!("{v}"),
            8.5,
            Anchor::End,
        ));
    }
    for (i, p) in h.waves.iter().enumerate() {
        shapes.push(Shape::Text {
            x: x(i),
            y: bottom + 16.0,
            text: p.label.clone(),
            size: 9.0,
            anchor: Anchor::Middle,
            bold: i == n - 1,
            fill: INK,
        });
    }
    // The overall band first, so that the lines are drawn over it.
    let band: Vec<(usize, [f64; 2])> = h
        .waves
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.overall_band.map(|b| (i, b)))
        .collect();
    if band.len() >= 2 {
        let mut pts: Vec<(f64, f64)> = band.iter().map(|(i, b)| (x(*i), y(b[1]))).collect();
        pts.extend(band.iter().rev().map(|(i, b)| (x(*i), y(b[0]))));
        shapes.push(Shape::Polygon {
            points: pts,
            fill: Some(MUTED),
            opacity: 0.22,
            stroke: None,
            width: 0.0,
        });
    }
    let mut series: Vec<(String, &'static str, f64, Vec<Option<f64>>)> = report
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            (
                dim.short_name.clone(),
                OKABE_ITO[d % 7],
                1.4,
                h.waves
                    .iter()
                    .map(|p| p.dimensions.get(d).copied().flatten())
                    .collect(),
            )
        })
        .collect();
    series.push((
        "Overall".into(),
        INK,
        2.6,
        h.waves.iter().map(|p| p.overall).collect(),
    ));
    for (_, colour, width, values) in &series {
        for i in 1..n {
            if let (Some(a), Some(b)) = (values[i - 1], values[i]) {
                shapes.push(Shape::Line {
                    x1: x(i - 1),
                    y1: y(a),
                    x2: x(i),
                    y2: y(b),
                    stroke: colour,
                    width: *width,
                    dash: false,
                });
            }
        }
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                shapes.push(Shape::Circle {
                    cx: x(i),
                    cy: y(*v),
                    r: width + 1.0,
                    fill: colour,
                });
            }
        }
    }
    // Legend on the right, ordered as the lines end (top to bottom), with
    // each line's last value.
    let mut legend: Vec<&(String, &'static str, f64, Vec<Option<f64>>)> = series.iter().collect();
    legend.sort_by(|a, b| {
        let last = |s: &(String, &'static str, f64, Vec<Option<f64>>)| {
            s.3.last().copied().flatten().unwrap_or(-1.0)
        };
        last(b)
            .partial_cmp(&last(a))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for (j, (name, colour, width, values)) in legend.iter().enumerate() {
        let ly = top + 8.0 + 17.0 * j as f64;
        shapes.push(Shape::Line {
            x1: right + 14.0,
            y1: ly,
            x2: right + 34.0,
            y2: ly,
            stroke: colour,
            width: *width,
            dash: false,
        });
        let last = values
            .last()
            .copied()
            .flatten()
            .map_or("—".into(), fmt_score);
        shapes.push(Shape::Text {
            x: right + 40.0,
            y: ly + 3.5,
            text: format!("{name} {last}"),
            size: 9.0,
            anchor: Anchor::Start,
            bold: name == "Overall",
            fill: INK,
        });
    }
    shapes.push(text(
        right + 14.0,
        top + 12.0 + 17.0 * legend.len() as f64,
        "grey band: overall, 95%",
        7.5,
        Anchor::Start,
    ));
    let alt = series
        .iter()
        .map(|(name, _, _, values)| {
            let v: Vec<String> = values
                .iter()
                .map(|v| v.map_or("—".into(), fmt_score))
                .collect();
            format!("{name}: {}", v.join(" → "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let labels: Vec<&str> = h.waves.iter().map(|p| p.label.as_str()).collect();
    Some(Chart {
        width: w,
        height: ht,
        title: "Scores across waves (0-100)".into(),
        alt: format!(
            "Line chart of scores across waves {}. {alt}.",
            labels.join(", ")
        ),
        shapes,
    })
}
