//! Scores across survey waves.

use super::*;
use crate::report::model::Report;

/// Okabe–Ito: categorical colours that stay apart for colour-blind readers
/// (its yellow left out: 1.3:1 against white is too faint for a line).
pub const OKABE_ITO: [&str; 6] = [
    "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7",
];

/// The score axis: from a multiple of 10 below the lowest value to one
/// above the highest, at least 30 points tall, within 0-100, so that lines
/// that all sit between 44 and 70 are not squeezed into a third of the
/// chart.
fn axis(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 100.0);
    }
    let mut lo = ((lo - 2.0) / 10.0).floor() * 10.0;
    let mut hi = ((hi + 2.0) / 10.0).ceil() * 10.0;
    while hi - lo < 30.0 {
        if lo > 0.0 {
            lo -= 10.0;
        }
        if hi - lo < 30.0 && hi < 100.0 {
            hi += 10.0;
        }
    }
    (lo.max(0.0), hi.min(100.0))
}

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
    let (lo, hi) = axis(h.waves.iter().flat_map(|p| {
        p.dimensions
            .iter()
            .flatten()
            .copied()
            .chain(p.overall)
            .chain(p.overall_band.into_iter().flatten())
    }));
    let y = |v: f64| bottom - (bottom - top) * (v - lo) / (hi - lo);
    let step = if hi - lo > 60.0 { 20.0 } else { 10.0 };
    let mut shapes = Vec::new();
    let ticks = (0..=((hi - lo) / step).round() as usize).map(|k| lo + step * k as f64);
    for v in ticks {
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
    // A rubric revision between two waves: a dashed rule with the new
    // rubric, and the lines across it dashed: the scores on either side
    // measure different questions.
    for (i, p) in h.waves.iter().enumerate().skip(1) {
        if p.revised {
            let mx = (x(i - 1) + x(i)) / 2.0;
            shapes.push(Shape::Line {
                x1: mx,
                y1: top,
                x2: mx,
                y2: bottom,
                stroke: MUTED,
                width: 0.8,
                dash: true,
            });
            let version = p.rubric.rsplit(' ').next().unwrap_or(&p.rubric);
            shapes.push(text(
                mx + 3.0,
                top + 8.0,
                format!("rubric {version}"),
                7.5,
                Anchor::Start,
            ));
        }
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
                OKABE_ITO[d % OKABE_ITO.len()],
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
    for (j, (_, colour, width, values)) in series.iter().enumerate() {
        // Past six dimensions the colours repeat: the repeats are dashed.
        let second_cycle = j >= OKABE_ITO.len() && j + 1 < series.len();
        for i in 1..n {
            if let (Some(a), Some(b)) = (values[i - 1], values[i]) {
                let revised = h.waves[i].revised;
                shapes.push(Shape::Line {
                    x1: x(i - 1),
                    y1: y(a),
                    x2: x(i),
                    y2: y(b),
                    stroke: colour,
                    width: if revised { width * 0.6 } else { *width },
                    dash: revised || second_cycle,
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
        let index = series.iter().position(|s| s.0 == *name).unwrap_or(0);
        shapes.push(Shape::Line {
            x1: right + 14.0,
            y1: ly,
            x2: right + 34.0,
            y2: ly,
            stroke: colour,
            width: *width,
            dash: index >= OKABE_ITO.len() && index + 1 < series.len(),
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
    let revisions: Vec<String> = h
        .waves
        .iter()
        .filter(|p| p.revised)
        .map(|p| {
            format!(
                " The rubric was revised at {}: lines across it are dashed.",
                p.label
            )
        })
        .collect();
    Some(Chart {
        width: w,
        height: ht,
        title: format!("Scores across waves (axis {lo:.0}-{hi:.0} of 0-100)"),
        alt: format!(
            "Line chart of scores across waves {}, axis from {lo:.0} to {hi:.0}. {alt}.{}",
            labels.join(", "),
            revisions.concat()
        ),
        shapes,
    })
}
