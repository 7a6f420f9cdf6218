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

/// Sizes of one rendering of the heatmap.
#[derive(Debug, Clone, Copy)]
struct Style {
    cell_w: f64,
    /// A cell's score and its change since the last wave.
    score: f64,
    change: f64,
    /// "hidden", the legend.
    small: f64,
    /// Group labels, n, rate and column headers.
    label: f64,
    /// Height of a row.
    row: f64,
    /// Drawn in panels of some columns (paper, phone), which name their
    /// columns in the text alternative.
    panel: bool,
    /// Longest group label, in points.
    max_label: f64,
}

/// On screen: one chart with every column (phones scroll it sideways).
const SCREEN: Style = Style {
    cell_w: 64.0,
    score: 10.0,
    change: 8.5,
    small: 8.0,
    label: 9.0,
    row: 24.0,
    panel: false,
    max_label: 170.0,
};

/// On paper the chart is drawn at full size, never scaled down, so no
/// figure is under 9 pt: narrower cells, and the columns split into panels
/// that each fit the page.
const PRINT: Style = Style {
    cell_w: 56.0,
    score: 10.0,
    change: 9.0,
    small: 9.0,
    label: 9.0,
    row: 24.0,
    panel: true,
    max_label: 120.0,
};

/// On a phone, panels as on paper, at the size that reads as 11 px on a
/// 375 px screen: the group labels stay beside every cell, where one wide
/// chart scrolled them out of sight.
const PHONE: Style = Style {
    cell_w: 64.0,
    score: 12.0,
    change: 11.0,
    small: 11.0,
    label: 11.0,
    row: 28.0,
    panel: true,
    max_label: 96.0,
};

/// Groups x dimensions heatmap, numbers printed in the cells; suppressed
/// groups hatched grey and labelled, never coloured like a score.
pub fn heatmap(b: &Breakdown, r: &Report) -> Chart {
    let cols: Vec<usize> = (0..=r.dimensions.len()).collect();
    heatmap_part(b, r, &cols, SCREEN, Some(f64::INFINITY))
}

/// The heatmap for a phone: panels [`super::PHONE_W`] wide whose smallest
/// text is 11 units, drawn at about 11 px on a 375 px screen.
pub fn heatmap_phone(b: &Breakdown, r: &Report) -> Vec<Chart> {
    panels(b, r, super::PHONE_W, PHONE)
}

fn panels(b: &Breakdown, r: &Report, width: f64, st: Style) -> Vec<Chart> {
    let split = columns(b, r, width, st);
    let last = split.len();
    split
        .iter()
        .enumerate()
        .map(|(i, c)| heatmap_part(b, r, c, st, (i + 1 == last).then_some(width)))
        .collect()
}

/// The columns of each panel `width` wide: as many whole columns as fit
/// beside the labels, spread evenly over the fewest panels.
fn columns(b: &Breakdown, r: &Report, width: f64, st: Style) -> Vec<Vec<usize>> {
    let cols = r.dimensions.len() + 1;
    // What every panel repeats: labels, n and the response rate.
    let fixed = heatmap_part(b, r, &[], st, None).width;
    let fit = (((width - fixed) / st.cell_w).floor() as usize).max(1);
    let panels = cols.div_ceil(fit);
    let per = cols.div_ceil(panels);
    let all: Vec<usize> = (0..cols).collect();
    all.chunks(per).map(<[usize]>::to_vec).collect()
}

/// The print panels' columns for a page `width` wide: whole columns
/// (dimensions, then the overall), each panel at full size with the group
/// labels, so a change figure stays at 9 pt where one chart of every column
/// would be shrunk to about 5. Decided on all of `b`'s groups, so that every
/// slice of rows keeps them.
pub fn print_columns(b: &Breakdown, r: &Report, width: f64) -> Vec<Vec<usize>> {
    columns(b, r, width, PRINT)
}

/// One print panel of columns `cols` (see [`print_columns`]), for the
/// groups of `b`; with the legend under it, wrapped at `legend`'s width,
/// when it is given (the page's last panel).
pub fn print_panel(b: &Breakdown, r: &Report, cols: &[usize], legend: Option<f64>) -> Chart {
    heatmap_part(b, r, cols, PRINT, legend)
}

/// The heatmap's columns `cols` (indices into the dimensions; one past the
/// last is the overall).
/// With `legend` = `Some(w)`, the legend under it, wrapped at `w` (the
/// page's or screen's width, not the panel's: a narrow panel's legend may
/// run past it).
fn heatmap_part(
    b: &Breakdown,
    r: &Report,
    cols: &[usize],
    st: Style,
    legend: Option<f64>,
) -> Chart {
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
        .map(|g| approx_width(&g.value, st.label))
        .fold(70.0, f64::max)
        .min(st.max_label)
        + 10.0;
    let (cell_w, cell_h) = (st.cell_w, st.row);
    let head_h = 22.0 + 2.0 * st.label;
    // Text baselines sit this far below a row's middle.
    let base = st.label * 0.36;
    let width = label_w + 40.0 + rate_w + cell_w * cols.len() as f64;
    // A shown overall that leaves out a hidden cell is marked with a star.
    let leaves_out = rows
        .iter()
        .any(|g| !g.suppressed && g.overall.is_some() && g.hidden.iter().any(|&h| h));
    // On screen the legend is one line, however wide; panels wrap it to
    // their own width.
    let items = legend_items(leaves_out);
    let max_w = legend.unwrap_or(f64::INFINITY);
    let (at, lines, legend_right) = legend_flow(&items, st.small, max_w);
    let legend_h = if legend.is_some() {
        18.0 + (lines - 1) as f64 * (st.small + 7.0) + 16.0
    } else {
        6.0
    };
    let height = head_h + cell_h * rows.len() as f64 + legend_h;
    let mut shapes = Vec::new();
    shapes.push(Shape::Text {
        x: 0.0,
        y: head_h - 8.0,
        text: b.column.clone(),
        size: st.label,
        anchor: Anchor::Start,
        bold: true,
        fill: INK,
    });
    shapes.push(Shape::Text {
        x: label_w + 34.0,
        y: head_h - 8.0,
        text: "n".into(),
        size: st.label,
        anchor: Anchor::End,
        bold: true,
        fill: INK,
    });
    if rates.is_some() {
        shapes.push(Shape::Text {
            x: label_w + 40.0 + rate_w - 6.0,
            y: head_h - 8.0,
            text: "rate".into(),
            size: st.label,
            anchor: Anchor::End,
            bold: true,
            fill: INK,
        });
    }
    let x0 = label_w + 40.0 + rate_w;
    let names: Vec<&str> = dims
        .iter()
        .map(|d| d.short_name.as_str())
        .chain(["Overall"])
        .collect();
    for (k, &j) in cols.iter().enumerate() {
        let chars = ((st.cell_w - 6.0) / (st.label * 0.53)) as usize;
        let lines = wrap(names[j], chars.max(10));
        let n = lines.len().min(2);
        for (li, line) in lines.into_iter().take(2).enumerate() {
            let y = head_h - 8.0 - (st.label + 2.0) * (n - 1 - li) as f64;
            shapes.push(Shape::Text {
                x: x0 + cell_w * (k as f64 + 0.5) - 1.0,
                y,
                text: line,
                size: st.label,
                anchor: Anchor::Middle,
                bold: j == dims.len(),
                fill: INK,
            });
        }
    }
    let mut alt = Vec::new();
    for (i, g) in rows.iter().enumerate() {
        let is_org = i == 0;
        let y = head_h + cell_h * i as f64;
        let label = if approx_width(&g.value, st.label) > label_w - 10.0 {
            let max = ((label_w - 10.0) / (st.label * 0.53)) as usize;
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
            y: y + cell_h / 2.0 + base,
            text: label,
            size: st.label,
            anchor: Anchor::Start,
            bold: is_org,
            fill: INK,
        });
        shapes.push(Shape::Text {
            x: label_w + 34.0,
            y: y + cell_h / 2.0 + base,
            text: g.n.map_or("—".into(), |n| n.to_string()),
            size: st.label,
            anchor: Anchor::End,
            bold: false,
            fill: MUTED,
        });
        if let Some(rate) = rates.as_ref().and_then(|r| r[i].clone()) {
            shapes.push(Shape::Text {
                x: label_w + 40.0 + rate_w - 6.0,
                y: y + cell_h / 2.0 + base,
                text: rate,
                size: st.label,
                anchor: Anchor::End,
                bold: false,
                fill: MUTED,
            });
        }
        if g.suppressed && cols.is_empty() {
            alt.push(format!("{}: suppressed", g.value));
            continue;
        }
        if g.suppressed {
            let w = cell_w * cols.len() as f64;
            // The long reason on screen; on paper the legend gives it.
            let why = if st.panel || cols.len() < 5 {
                "suppressed (privacy)".to_string()
            } else {
                format!("suppressed: fewer than {min_group_size} respondents, or hidden to protect a smaller group")
            };
            shapes.push(Shape::Rect {
                x: x0,
                y: y + 1.0,
                w: w - 2.0,
                h: cell_h - 2.0,
                fill: SUPPRESSED,
                stroke: None,
                hatch: true,
            });
            shapes.push(Shape::Text {
                x: x0 + w / 2.0,
                y: y + cell_h / 2.0 + base,
                text: why,
                size: st.small,
                anchor: Anchor::Middle,
                bold: false,
                fill: INK,
            });
            alt.push(format!("{}: suppressed", g.value));
            continue;
        }
        let all_cells: Vec<(Option<f64>, bool)> = g
            .scores
            .iter()
            .zip(&g.hidden)
            .map(|(s, h)| (*s, *h))
            .chain([(g.overall, false)])
            .collect();
        let cells = cols.iter().map(|&j| (j, all_cells[j]));
        // A shown overall that leaves out a hidden cell is marked: it is the
        // mean over fewer dimensions than its neighbours'.
        let partial = g.overall.is_some() && g.hidden.iter().any(|&h| h);
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
        for (k, (j, (score, hidden))) in cells.enumerate() {
            let x = x0 + cell_w * k as f64;
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
                        // With a change, the score starts at the left edge
                        // and the change ends at the right one, so a
                        // "−15 ▼" never runs into the score.
                        x: if ch.is_some() {
                            x + 5.0
                        } else {
                            x + cell_w / 2.0 - 1.0
                        },
                        // One baseline per row: the label's.
                        y: y + cell_h / 2.0 + base,
                        text: format!("{}{star}", fmt_score(s)),
                        size: st.score,
                        anchor: if ch.is_some() {
                            Anchor::Start
                        } else {
                            Anchor::Middle
                        },
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
                            y: y + cell_h / 2.0 + base,
                            text: format!("{}{mark}", crate::trend::signed(c.delta)),
                            size: st.change,
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
                        y: y + cell_h / 2.0 + base,
                        text: t.clone(),
                        size: st.small,
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
    let mut right = width;
    if legend.is_some() {
        heat_legend(
            &mut shapes,
            head_h + cell_h * rows.len() as f64 + 18.0,
            st.small,
            &items,
            &at,
        );
        right = right.max(legend_right);
    }
    // A panel names its columns; the one wide chart has them all.
    let columns = if st.panel {
        let names: Vec<&str> = cols.iter().map(|&j| names[j]).collect();
        format!(" ({})", names.join(", "))
    } else {
        String::new()
    };
    Chart {
        width: right,
        height,
        title: format!("Scores by {} and dimension", b.column),
        alt: format!(
            "Heatmap of scores by {}{columns}, coloured by each cell's difference from all respondents. {}.",
            b.column,
            alt.join("; ")
        ),
        shapes,
    }
}

/// One legend entry: a swatch (its fill, hatched or not) and its label,
/// or a label alone.
type Item = (Option<(&'static str, bool)>, &'static str);

/// The legend's entries: the five steps of difference from the
/// organization, the suppressed mark and, where used, the star.
fn legend_items(leaves_out: bool) -> Vec<Item> {
    let steps = ["≤ −10", "−10 to −5", "±5", "+5 to +10", "≥ +10"];
    let mut items: Vec<Item> = vec![(None, "vs all")];
    items.extend(
        DIVERGING_5
            .iter()
            .zip(steps)
            .map(|(c, l)| (Some((*c, false)), l)),
    );
    items.push((Some((SUPPRESSED, true)), "suppressed (privacy)"));
    if leaves_out {
        items.push((None, "* overall leaves out a hidden cell"));
    }
    items
}

/// Where each entry goes, flowing onto a new line (indented past "vs
/// all") before `max_w`: (x, line) per entry, the number of lines and the
/// right edge. Widths leave room for the widest font either renderer uses.
fn legend_flow(items: &[Item], size: f64, max_w: f64) -> (Vec<(f64, usize)>, usize, f64) {
    let (mut x, mut line, mut right) = (0.0, 0usize, 0.0f64);
    let mut at = Vec::new();
    for (i, (swatch, label)) in items.iter().enumerate() {
        let w = match (i, swatch) {
            (0, _) => 40.0,
            (_, Some(_)) => 30.0 + approx_width(label, size) * 1.2,
            (_, None) => 12.0 + approx_width(label, size) * 1.2,
        };
        if i > 1 && x + w > max_w {
            line += 1;
            x = 40.0;
        }
        at.push((x, line));
        x += w;
        right = right.max(x);
    }
    (at, line + 1, right)
}

/// Draws the legend with its first line's top at `ly`.
fn heat_legend(shapes: &mut Vec<Shape>, ly: f64, size: f64, items: &[Item], at: &[(f64, usize)]) {
    for ((swatch, label), &(x, line)) in items.iter().zip(at) {
        let y = ly + line as f64 * (size + 7.0);
        match swatch {
            Some((fill, hatch)) => {
                shapes.push(Shape::Rect {
                    x,
                    y,
                    w: 14.0,
                    h: 10.0,
                    fill,
                    stroke: Some(GRID),
                    hatch: *hatch,
                });
                shapes.push(text(x + 18.0, y + 8.0, *label, size, Anchor::Start));
            }
            None => shapes.push(text(x, y + 8.0, *label, size, Anchor::Start)),
        }
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
