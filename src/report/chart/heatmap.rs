//! The groups x dimensions heatmap.

use super::*;
use crate::report::model::{Breakdown, DimensionSection, GroupChange};

/// Groups x dimensions heatmap, numbers printed in the cells; suppressed
/// groups hatched grey and labelled, never coloured like a score.
pub fn heatmap(
    b: &Breakdown,
    dims: &[DimensionSection],
    min_group_size: usize,
    changes: &[GroupChange],
) -> Chart {
    let label_w = b
        .groups
        .iter()
        .map(|g| approx_width(&g.value, 9.0))
        .fold(70.0, f64::max)
        .min(170.0)
        + 10.0;
    let (cell_w, cell_h, head_h) = (64.0, 24.0, 40.0);
    let cols = dims.len() + 1;
    let width = label_w + 40.0 + cell_w * cols as f64;
    let height = head_h + cell_h * b.groups.len() as f64 + 34.0;
    let mut shapes = Vec::new();
    shapes.push(Shape::Text {
        x: 0.0,
        y: head_h - 8.0,
        text: b.column.clone(),
        size: 9.0,
        anchor: Anchor::Start,
        bold: true,
        fill: INK,
    });
    shapes.push(Shape::Text {
        x: label_w + 34.0,
        y: head_h - 8.0,
        text: "n".into(),
        size: 9.0,
        anchor: Anchor::End,
        bold: true,
        fill: INK,
    });
    let x0 = label_w + 40.0;
    for (j, d) in dims
        .iter()
        .map(|d| d.short_name.as_str())
        .chain(["Overall"])
        .enumerate()
    {
        let lines = wrap(d, 12);
        let n = lines.len().min(2);
        for (li, line) in lines.into_iter().take(2).enumerate() {
            let y = head_h - 8.0 - 11.0 * (n - 1 - li) as f64;
            shapes.push(Shape::Text {
                x: x0 + cell_w * (j as f64 + 0.5) - 1.0,
                y,
                text: line,
                size: 9.0,
                anchor: Anchor::Middle,
                bold: j == dims.len(),
                fill: INK,
            });
        }
    }
    let mut alt = Vec::new();
    for (i, g) in b.groups.iter().enumerate() {
        let y = head_h + cell_h * i as f64;
        let label = if approx_width(&g.value, 9.0) > label_w - 10.0 {
            let max = ((label_w - 10.0) / (9.0 * 0.53)) as usize;
            format!(
                "{}…",
                g.value
                    .chars()
                    .take(max.saturating_sub(1))
                    .collect::<String>()
            )
        } else {
            g.value.clone()
        };
        shapes.push(text(0.0, y + cell_h / 2.0 + 3.2, label, 9.0, Anchor::Start));
        shapes.push(Shape::Text {
            x: label_w + 34.0,
            y: y + cell_h / 2.0 + 3.2,
            text: g.n.map_or("—".into(), |n| n.to_string()),
            size: 9.0,
            anchor: Anchor::End,
            bold: false,
            fill: MUTED,
        });
        if g.suppressed {
            let w = cell_w * cols as f64;
            shapes.push(Shape::Rect {
                x: x0,
                y: y + 1.0,
                w: w - 2.0,
                h: cell_h - 2.0,
                fill: SUPPRESSED,
                stroke: None,
                hatch: true,
            });
            shapes.push(Shape::Text { x: x0 + w / 2.0, y: y + cell_h / 2.0 + 3.2, text: format!("suppressed: fewer than {min_group_size} respondents, or hidden to protect a smaller group"), size: 8.0, anchor: Anchor::Middle, bold: false, fill: INK });
            alt.push(format!("{}: suppressed", g.value));
            continue;
        }
        let cells = g
            .scores
            .iter()
            .zip(&g.hidden)
            .map(|(s, h)| (*s, *h))
            .chain([(g.overall, false)]);
        // Change since the previous wave, when the group is shown in both.
        let change = changes
            .iter()
            .find(|c| c.column == b.column && c.value == g.value);
        let change_of = |j: usize| -> Option<&crate::trend::Change> {
            let c = change?;
            if j < dims.len() {
                c.dimensions.get(j)?.as_ref()
            } else {
                c.overall.as_ref()
            }
        };
        let mut row_alt = Vec::new();
        for (j, (score, hidden)) in cells.enumerate() {
            let x = x0 + cell_w * j as f64;
            match score {
                Some(s) => {
                    let (fill, ink) = score_colors(s);
                    shapes.push(Shape::Rect {
                        x,
                        y: y + 1.0,
                        w: cell_w - 2.0,
                        h: cell_h - 2.0,
                        fill,
                        stroke: None,
                        hatch: false,
                    });
                    let ch = change_of(j);
                    shapes.push(Shape::Text {
                        x: x + cell_w / 2.0 - if ch.is_some() { 9.0 } else { 1.0 },
                        y: y + cell_h / 2.0 + 3.2,
                        text: fmt_score(s),
                        size: 9.0,
                        anchor: Anchor::Middle,
                        bold: j == dims.len(),
                        fill: ink,
                    });
                    if let Some(c) = ch {
                        // A clear change is marked with an arrow.
                        let mark = match c.verdict {
                            crate::trend::Verdict::Improved => "▲",
                            crate::trend::Verdict::Declined => "▼",
                            crate::trend::Verdict::NoClearChange => "",
                        };
                        shapes.push(Shape::Text {
                            x: x + cell_w - 5.0,
                            y: y + cell_h / 2.0 + 3.0,
                            text: format!("{}{mark}", crate::trend::signed(c.delta)),
                            size: 7.0,
                            anchor: Anchor::End,
                            bold: c.verdict != crate::trend::Verdict::NoClearChange,
                            fill: ink,
                        });
                    }
                    row_alt.push(match ch {
                        Some(c) => format!(
                            "{} ({} since last wave, {})",
                            fmt_score(s),
                            crate::trend::signed(c.delta),
                            c.words
                        ),
                        None => fmt_score(s),
                    });
                }
                None => {
                    shapes.push(Shape::Rect {
                        x,
                        y: y + 1.0,
                        w: cell_w - 2.0,
                        h: cell_h - 2.0,
                        fill: if hidden { SUPPRESSED } else { "#ffffff" },
                        stroke: Some(GRID),
                        hatch: hidden,
                    });
                    let t = if hidden {
                        "hidden".to_string()
                    } else {
                        "—".into()
                    };
                    shapes.push(Shape::Text {
                        x: x + cell_w / 2.0 - 1.0,
                        y: y + cell_h / 2.0 + 3.2,
                        text: t.clone(),
                        size: 8.0,
                        anchor: Anchor::Middle,
                        bold: false,
                        fill: INK,
                    });
                    row_alt.push(t);
                }
            }
        }
        alt.push(format!("{}: {}", g.value, row_alt.join(", ")));
    }
    // Legend: the five bands.
    let ly = height - 16.0;
    shapes.push(text(0.0, ly + 8.0, "Score", 8.0, Anchor::Start));
    for (i, c) in BLUES_5.iter().enumerate() {
        let x = 40.0 + 62.0 * i as f64;
        shapes.push(Shape::Rect {
            x,
            y: ly,
            w: 14.0,
            h: 10.0,
            fill: c,
            stroke: Some(GRID),
            hatch: false,
        });
        shapes.push(text(
            x + 18.0,
            ly + 8.0,
            format!("{}–{}", i * 20, i * 20 + 20),
            8.0,
            Anchor::Start,
        ));
    }
    let x = 40.0 + 62.0 * 5.0;
    shapes.push(Shape::Rect {
        x,
        y: ly,
        w: 14.0,
        h: 10.0,
        fill: SUPPRESSED,
        stroke: Some(GRID),
        hatch: true,
    });
    shapes.push(text(
        x + 18.0,
        ly + 8.0,
        "suppressed (privacy)",
        8.0,
        Anchor::Start,
    ));
    Chart {
        width: width.max(x + 110.0),
        height,
        title: format!("Scores by {} and dimension", b.column),
        alt: format!("Heatmap of scores by {}. {}.", b.column, alt.join("; ")),
        shapes,
    }
}
