//! The groups x dimensions heatmap.
//!
//! Cells are coloured by their difference from the organization, not by
//! absolute score bands: a team at 41 where the organization is at 57 is a
//! hot spot, while 41 and 59 fell in one blue band before. The first row is
//! the organization itself (all respondents), uncoloured.

use super::*;
use crate::report::model::{Breakdown, GroupRow, Report};

/// Colour and text colour of a cell `gap` points from the organization:
/// five steps of 5 and 10 points (ColorBrewer RdBu, colour-blind safe).
/// Text on the two dark ends is white (contrast above 4.5:1).
pub fn gap_colors(gap: f64) -> (&'static str, &'static str) {
    match gap {
        g if g <= -10.0 => (DIVERGING_5[0], "#ffffff"),
        g if g <= -5.0 => (DIVERGING_5[1], INK),
        g if g < 5.0 => (DIVERGING_5[2], INK),
        g if g < 10.0 => (DIVERGING_5[3], INK),
        _ => (DIVERGING_5[4], "#ffffff"),
    }
}

/// Groups x dimensions heatmap, numbers printed in the cells; suppressed
/// groups hatched grey and labelled, never coloured like a score.
pub fn heatmap(b: &Breakdown, r: &Report) -> Chart {
    let dims = &r.dimensions[..];
    let min_group_size = r.data_quality.min_group_size;
    let changes = r.history.as_ref().map_or(&[][..], |h| &h.groups[..]);
    let org_row = GroupRow {
        value: "All respondents".into(),
        suppressed: false,
        n: Some(r.respondents.scored),
        scores: b
            .dimensions
            .iter()
            .map(|id| dims.iter().find(|d| d.id == *id).and_then(|d| d.score))
            .collect(),
        hidden: vec![false; b.dimensions.len()],
        levels: vec![None; b.dimensions.len()],
        overall: r.overall.score,
    };
    let org: Vec<Option<f64>> = org_row
        .scores
        .iter()
        .copied()
        .chain([r.overall.score])
        .collect();
    let rows: Vec<&GroupRow> = std::iter::once(&org_row).chain(&b.groups).collect();
    // Response rates, for the breakdown the workspace's `invited` counts
    // are matched on (the first): shown teams only, as participation is.
    let rates: Option<Vec<Option<String>>> = r
        .history
        .as_ref()
        .filter(|h| !h.participation.is_empty())
        .filter(|_| r.breakdowns.first().is_some_and(|f| f.column == b.column))
        .map(|h| {
            let invited: u64 = h.participation.iter().map(|p| p.invited).sum();
            rows.iter()
                .enumerate()
                .map(|(i, g)| {
                    let pct = |x: f64| format!("{}%", (x * 100.0).round() as i64);
                    if i == 0 {
                        return (invited > 0)
                            .then(|| pct(r.respondents.scored as f64 / invited as f64));
                    }
                    h.participation
                        .iter()
                        .find(|p| {
                            crate::survey::answer::normalize(&p.team)
                                == crate::survey::answer::normalize(&g.value)
                        })
                        .and_then(|p| p.rate)
                        .filter(|_| !g.suppressed)
                        .map(pct)
                })
                .collect()
        });
    let rate_w = if rates.is_some() { 44.0 } else { 0.0 };
    let label_w = rows
        .iter()
        .map(|g| approx_width(&g.value, 9.0))
        .fold(70.0, f64::max)
        .min(170.0)
        + 10.0;
    let (cell_w, cell_h, head_h) = (64.0, 24.0, 40.0);
    let cols = dims.len() + 1;
    let width = label_w + 40.0 + rate_w + cell_w * cols as f64;
    let height = head_h + cell_h * rows.len() as f64 + 34.0;
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
    if rates.is_some() {
        shapes.push(Shape::Text {
            x: label_w + 40.0 + rate_w - 6.0,
            y: head_h - 8.0,
            text: "rate".into(),
            size: 9.0,
            anchor: Anchor::End,
            bold: true,
            fill: INK,
        });
    }
    let x0 = label_w + 40.0 + rate_w;
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
    let mut leaves_out = false;
    for (i, g) in rows.iter().enumerate() {
        let is_org = i == 0;
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
        shapes.push(Shape::Text {
            x: 0.0,
            y: y + cell_h / 2.0 + 3.2,
            text: label,
            size: 9.0,
            anchor: Anchor::Start,
            bold: is_org,
            fill: INK,
        });
        shapes.push(Shape::Text {
            x: label_w + 34.0,
            y: y + cell_h / 2.0 + 3.2,
            text: g.n.map_or("—".into(), |n| n.to_string()),
            size: 9.0,
            anchor: Anchor::End,
            bold: false,
            fill: MUTED,
        });
        if let Some(rate) = rates.as_ref().and_then(|r| r[i].clone()) {
            shapes.push(Shape::Text {
                x: label_w + 40.0 + rate_w - 6.0,
                y: y + cell_h / 2.0 + 3.2,
                text: rate,
                size: 9.0,
                anchor: Anchor::End,
                bold: false,
                fill: MUTED,
            });
        }
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
        // A shown overall that leaves out a hidden cell is marked: it is the
        // mean over fewer dimensions than its neighbours'.
        let partial = g.overall.is_some() && g.hidden.iter().any(|&h| h);
        leaves_out |= partial;
        // Change since the previous wave, when the group is shown in both.
        let change = changes
            .iter()
            .find(|c| !is_org && c.column == b.column && c.value == g.value);
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
                    let (fill, ink) = match org.get(j).copied().flatten() {
                        Some(o) if !is_org => gap_colors(s - o),
                        _ => ("#ffffff", INK),
                    };
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
                    let star = if j == dims.len() && partial { "*" } else { "" };
                    shapes.push(Shape::Text {
                        x: x + cell_w / 2.0 - if ch.is_some() { 11.0 } else { 1.0 },
                        // One baseline per row: the label's.
                        y: y + cell_h / 2.0 + 3.2,
                        text: format!("{}{star}", fmt_score(s)),
                        size: 10.0,
                        anchor: Anchor::Middle,
                        bold: j == dims.len() || is_org,
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
                            x: x + cell_w - 4.0,
                            y: y + cell_h / 2.0 + 3.2,
                            text: format!("{}{mark}", crate::trend::signed(c.delta)),
                            size: 8.5,
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
    // Legend: the five steps of difference from the organization.
    let ly = height - 16.0;
    shapes.push(text(0.0, ly + 8.0, "vs all", 8.0, Anchor::Start));
    let steps = ["≤ −10", "−10 to −5", "±5", "+5 to +10", "≥ +10"];
    let mut x = 40.0;
    for (c, label) in DIVERGING_5.iter().zip(steps) {
        shapes.push(Shape::Rect {
            x,
            y: ly,
            w: 14.0,
            h: 10.0,
            fill: c,
            stroke: Some(GRID),
            hatch: false,
        });
        shapes.push(text(x + 18.0, ly + 8.0, label, 8.0, Anchor::Start));
        // Room for the widest font either renderer uses.
        x += 30.0 + approx_width(label, 8.0) * 1.2;
    }
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
    if leaves_out {
        shapes.push(text(
            x + 118.0,
            ly + 8.0,
            "* overall leaves out a hidden cell",
            8.0,
            Anchor::Start,
        ));
    }
    let x = if leaves_out { x + 150.0 } else { x };
    Chart {
        width: width.max(x + 110.0),
        height,
        title: format!("Scores by {} and dimension", b.column),
        alt: format!(
            "Heatmap of scores by {}, coloured by each cell's difference from all respondents. {}.",
            b.column,
            alt.join("; ")
        ),
        shapes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_coloured_by_their_distance_from_the_organization() {
        // 41 and 59 against 57: a hot spot and a neutral cell, where
        // absolute 20-point bands gave both one colour.
        assert_eq!(gap_colors(41.0 - 57.0), (DIVERGING_5[0], "#ffffff"));
        assert_eq!(gap_colors(59.0 - 57.0).0, DIVERGING_5[2]);
        assert_eq!(gap_colors(-5.0).0, DIVERGING_5[1]);
        assert_eq!(gap_colors(-4.9).0, DIVERGING_5[2]);
        assert_eq!(gap_colors(5.0).0, DIVERGING_5[3]);
        assert_eq!(gap_colors(10.0), (DIVERGING_5[4], "#ffffff"));
    }
}
