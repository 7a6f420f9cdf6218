//! Chart description -> inline SVG. Every text is escaped here, since chart
//! labels carry team names straight from the survey file.

use std::fmt::Write;

use crate::report::chart::{Anchor, Chart, Shape};

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The smallest text, in CSS px, a chart may show on a phone.
pub const MIN_TEXT_PX: f64 = 11.0;

/// Numbers with at most two decimals, so output is compact and stable.
fn n(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// Renders `chart` as an `<svg>` element. `id` must be unique in the page:
/// it names the hatch pattern and the title.
pub fn render(chart: &Chart, id: &str) -> String {
    let mut s = String::new();
    // The width at which the chart's smallest text is 11 px: on a phone the
    // stylesheet keeps the chart at least this wide (its box scrolls
    // sideways) rather than shrinking its labels out of legibility.
    let smallest = chart
        .shapes
        .iter()
        .filter_map(|sh| match sh {
            Shape::Text { size, .. } => Some(*size),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    let legible = if smallest.is_finite() && smallest < MIN_TEXT_PX {
        chart.width * MIN_TEXT_PX / smallest
    } else {
        chart.width
    };
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" style="--legible-w: {lw}px" role="img" aria-labelledby="{id}-t {id}-d" class="chart">"#,
        w = n(chart.width),
        h = n(chart.height),
        lw = n(legible.ceil()),
    );
    let _ = write!(
        s,
        r#"<title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(&chart.title),
        escape(&chart.alt)
    );
    if chart
        .shapes
        .iter()
        .any(|sh| matches!(sh, Shape::Rect { hatch: true, .. }))
    {
        let _ = write!(
            s,
            r##"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" stroke-width="1.2"/></pattern></defs>"##
        );
    }
    for shape in &chart.shapes {
        match shape {
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
                hatch,
            } => {
                let stroke = stroke.map_or(String::new(), |c| {
                    format!(r#" stroke="{c}" stroke-width="0.6""#)
                });
                let _ = write!(
                    s,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"{stroke}/>"#,
                    n(*x),
                    n(*y),
                    n(*w),
                    n(*h)
                );
                if *hatch {
                    let _ = write!(
                        s,
                        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{id}-hatch)"/>"#,
                        n(*x),
                        n(*y),
                        n(*w),
                        n(*h)
                    );
                }
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                stroke,
                width,
                dash,
            } => {
                let dash = if *dash {
                    r#" stroke-dasharray="3 3""#
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"{dash}/>"#,
                    n(*x1),
                    n(*y1),
                    n(*x2),
                    n(*y2),
                    n(*width)
                );
            }
            Shape::Polygon {
                points,
                fill,
                opacity,
                stroke,
                width,
            } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                    .collect();
                let fill = fill.map_or("none".to_string(), str::to_string);
                let stroke = stroke.map_or(String::new(), |c| {
                    format!(r#" stroke="{c}" stroke-width="{}""#, n(*width))
                });
                let _ = write!(
                    s,
                    r#"<polygon points="{}" fill="{fill}" fill-opacity="{}"{stroke}/>"#,
                    pts.join(" "),
                    n(*opacity)
                );
            }
            Shape::Circle { cx, cy, r, fill } => {
                let _ = write!(
                    s,
                    r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}"/>"#,
                    n(*cx),
                    n(*cy),
                    n(*r)
                );
            }
            Shape::Text {
                x,
                y,
                text,
                size,
                anchor,
                bold,
                fill,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let weight = if *bold { r#" font-weight="700""# } else { "" };
                let _ = write!(
                    s,
                    r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" fill="{fill}"{weight}>{}</text>"#,
                    n(*x),
                    n(*y),
                    n(*size),
                    escape(text)
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        let chart = Chart {
            width: 10.0,
            height: 10.0,
            title: "<t>".into(),
            alt: "a & b".into(),
            shapes: vec![Shape::Text {
                x: 1.0,
                y: 2.5,
                text: "<script>alert(1)</script>".into(),
                size: 9.0,
                anchor: Anchor::Start,
                bold: false,
                fill: "#000",
            }],
        };
        let svg = render(&chart, "c1");
        assert!(
            svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{svg}"
        );
        assert!(!svg.contains("<script"));
        assert!(svg.contains("<title id=\"c1-t\">&lt;t&gt;</title>"));
        assert!(svg.contains(r#"x="1" y="2.5""#));
    }
}
