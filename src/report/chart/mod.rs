//! Chart descriptions: shapes, text and colours in a box of `width` x
//! `height` points, origin top-left, y pointing down. The SVG and PDF
//! renderers both draw these, so the two formats always show the same chart.
//! Built from the report model only.

use serde::Serialize;

use crate::score::practice::{band, Band};

/// ColorBrewer RdBu, colour-blind safe: least to most favorable.
pub const DIVERGING_5: [&str; 5] = ["#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"];
pub const DIVERGING_7: [&str; 7] = [
    "#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac",
];
pub const INK: &str = "#1a1a1a";
pub const MUTED: &str = "#595959";
pub const GRID: &str = "#c8c8c8";
pub const SUPPRESSED: &str = "#e0e0e0";
pub const ACCENT: &str = "#0571b0";
/// The middle (neutral) answers in a bar: a grey that shows against the
/// white page, which the diverging palettes' near-white does not.
pub const BAR_NEUTRAL: &str = "#cfcfcf";

/// A bar's colour per answer point, least to most favorable: the
/// diverging palette with a visible neutral middle.
fn bar_palette(k: usize) -> Vec<&'static str> {
    let mut p: Vec<&'static str> = match k {
        5 => DIVERGING_5.to_vec(),
        7 => DIVERGING_7.to_vec(),
        _ => (0..k)
            .map(|p| {
                if p < 2 {
                    DIVERGING_5[0]
                } else if p + 2 >= k {
                    DIVERGING_5[4]
                } else {
                    DIVERGING_5[2]
                }
            })
            .collect(),
    };
    for c in p.iter_mut() {
        if *c == DIVERGING_5[2] || *c == DIVERGING_7[3] {
            *c = BAR_NEUTRAL;
        }
    }
    p
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Shape {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: &'static str,
        stroke: Option<&'static str>,
        /// Diagonal hatching over the fill: marks "no data", never a score.
        hatch: bool,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: &'static str,
        width: f64,
        dash: bool,
    },
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Option<&'static str>,
        opacity: f64,
        stroke: Option<&'static str>,
        width: f64,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        fill: &'static str,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        anchor: Anchor,
        bold: bool,
        fill: &'static str,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// What the chart shows, in one line.
    pub title: String,
    /// The same information as text, for screen readers.
    pub alt: String,
    pub shapes: Vec<Shape>,
}

pub(super) fn text(x: f64, y: f64, s: impl Into<String>, size: f64, anchor: Anchor) -> Shape {
    Shape::Text {
        x,
        y,
        text: s.into(),
        size,
        anchor,
        bold: false,
        fill: INK,
    }
}

/// Rough advance width of a text in points, enough to place labels; both
/// renderers use proportional sans-serif fonts of similar widths.
pub fn approx_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.53
}

/// Splits a label into lines of at most `max` characters, at spaces.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in s.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= max => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

pub(super) fn fmt_score(s: f64) -> String {
    format!("{}", s.round() as i64)
}

/// One diverging stacked bar: unfavorable answers left of the centre line,
/// favorable right, the neutral middle split across it.
pub fn diverging_bar(shares: &[f64], width: f64, height: f64) -> Chart {
    let mid = width / 2.0;
    let scale = mid / 100.0;
    // The zero line is drawn first and stands out above and below the bar,
    // so it never crosses the label of the neutral segment.
    let pad = 3.0;
    let bar_h = height - 2.0 * pad;
    let mut shapes = vec![Shape::Line {
        x1: mid,
        y1: 0.0,
        x2: mid,
        y2: height,
        stroke: INK,
        width: 1.0,
        dash: false,
    }];
    let k = shares.len();
    let palette = bar_palette(k);
    let neutral = k % 2 == 1;
    let centre = k / 2;
    // Left side: from the centre outwards.
    let left_start = if neutral {
        shares.get(centre).copied().unwrap_or(0.0) / 2.0
    } else {
        0.0
    };
    let mut x = mid - left_start * scale;
    for p in (0..centre).rev() {
        let w = shares[p] * scale;
        x -= w;
        shapes.push(segment(x, pad, w, bar_h, palette[p]));
    }
    if neutral && k > 0 {
        let w = shares[centre] * scale;
        shapes.push(segment(mid - w / 2.0, pad, w, bar_h, palette[centre]));
    }
    let mut x = mid + left_start * scale;
    for p in (centre + usize::from(neutral))..k {
        let w = shares[p] * scale;
        shapes.push(segment(x, pad, w, bar_h, palette[p]));
        x += w;
    }
    let labels: Vec<Shape> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect { x, w, fill, .. } => {
                let pct = w / scale;
                (*w >= 24.0).then(|| Shape::Text {
                    x: x + w / 2.0,
                    y: height / 2.0 + 3.5,
                    text: format!("{}%", pct.round() as i64),
                    size: 9.0,
                    anchor: Anchor::Middle,
                    bold: false,
                    fill: if *fill == palette[0] || *fill == palette[k - 1] {
                        "#ffffff"
                    } else {
                        INK
                    },
                })
            }
            _ => None,
        })
        .collect();
    shapes.extend(labels);
    Chart {
        width,
        height,
        title: "Answers, unfavorable to favorable".into(),
        alt: shares
            .iter()
            .map(|s| format!("{}%", s.round() as i64))
            .collect::<Vec<_>>()
            .join(", "),
        shapes,
    }
}

fn segment(x: f64, y: f64, w: f64, h: f64, fill: &'static str) -> Shape {
    Shape::Rect {
        x,
        y,
        w,
        h,
        fill,
        stroke: None,
        hatch: false,
    }
}

/// The legend of a diverging bar: its swatches grouped as the scoring
/// groups answers (after reverse keying): the two lowest points
/// unfavorable, the two highest favorable, the rest neutral. The answer
/// labels themselves are in the alt text.
pub fn bar_legend(labels: &[String]) -> Chart {
    let k = labels.len();
    let palette = bar_palette(k);
    let band = |p: usize| match band(p, k) {
        Band::Unfavorable => 0,
        Band::Neutral => 1,
        Band::Favorable => 2,
    };
    let mut shapes = Vec::new();
    let mut x = 0.0;
    for (b, name) in ["Unfavorable", "Neutral", "Favorable"].iter().enumerate() {
        let points: Vec<usize> = (0..k).filter(|&p| band(p) == b).collect();
        if points.is_empty() {
            continue;
        }
        for p in points {
            shapes.push(Shape::Rect {
                x,
                y: 2.0,
                w: 10.0,
                h: 10.0,
                fill: palette[p],
                stroke: Some(GRID),
                hatch: false,
            });
            x += 11.0;
        }
        shapes.push(text(x + 3.0, 10.5, *name, 8.5, Anchor::Start));
        x += 3.0 + approx_width(name, 8.5) + 14.0;
    }
    Chart {
        width: x,
        height: 14.0,
        title: "Answer scale".into(),
        alt: format!(
            "Unfavorable to favorable, after reverse keying: {}",
            labels.join(", ")
        ),
        shapes,
    }
}

mod dots;
mod heatmap;
mod impact;
mod trend;

pub use dots::{dots, dots_phone, key_strip, PHONE_W};
pub use heatmap::{heatmap, heatmap_phone, print_columns, print_panel};
pub use impact::impact;
pub use trend::{trend, OKABE_ITO};
