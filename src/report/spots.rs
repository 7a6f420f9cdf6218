//! Hot and bright spots for the executive page: the shown group cells
//! furthest below and above the organization, with their change since the
//! last wave where the group is shown in both. Read from figures already
//! published and cleared by the disclosure audit (group cells, group
//! changes), so they add nothing an attacker could not read elsewhere.

use super::model::{DimensionSection, History, Statement};
use crate::score::model::Scores;

/// How far from the organization a cell must be to be named.
const SPOT: f64 = 10.0;
const MAX_HOT: usize = 3;
const MAX_BRIGHT: usize = 2;

struct Cell<'a> {
    group: String,
    dimension_id: &'a str,
    dimension: &'a str,
    score: f64,
    gap: f64,
    change: Option<&'a crate::trend::Change>,
}

/// (hot spots, bright spots), largest gap first (ties: file order of the
/// groups, then rubric order).
pub fn spots(
    scores: &Scores,
    dims: &[DimensionSection],
    history: Option<&History>,
) -> (Vec<Statement>, Vec<Statement>) {
    let mut cells: Vec<Cell> = Vec::new();
    for g in scores.groups.iter().filter(|g| !g.suppressed) {
        let change = history.and_then(|h| {
            h.groups
                .iter()
                .find(|c| c.column == g.column && c.value == g.value)
        });
        for (j, (d, gd)) in scores.dimensions.iter().zip(&g.dimensions).enumerate() {
            let (Some(org), Some(s)) = (d.stats.score, gd.score) else {
                continue;
            };
            let short = dims
                .get(j)
                .map_or(d.name.as_str(), |x| x.short_name.as_str());
            cells.push(Cell {
                group: format!("{} ({})", g.value, g.column),
                dimension_id: &d.stats.id,
                dimension: short,
                score: s,
                gap: s - org,
                change: change.and_then(|c| c.dimensions.get(j)?.as_ref()),
            });
        }
    }
    let text = |c: &Cell, word: &str| {
        let since = match (c.change, history.and_then(|h| h.previous.as_deref())) {
            (Some(ch), Some(prev)) => format!("; {} since {prev}", ch.short()),
            _ => String::new(),
        };
        Statement {
            dimension_id: c.dimension_id.to_string(),
            text: format!(
                "{}: {} {}, {} points {word} the organization{since}.",
                c.group,
                c.dimension,
                c.score.round() as i64,
                c.gap.abs().round() as i64
            ),
            chip: String::new(),
        }
    };
    let mut hot: Vec<&Cell> = cells.iter().filter(|c| c.gap <= -SPOT).collect();
    hot.sort_by(|a, b| a.gap.total_cmp(&b.gap));
    let mut bright: Vec<&Cell> = cells.iter().filter(|c| c.gap >= SPOT).collect();
    bright.sort_by(|a, b| b.gap.total_cmp(&a.gap));
    (
        hot.iter().take(MAX_HOT).map(|c| text(c, "below")).collect(),
        bright
            .iter()
            .take(MAX_BRIGHT)
            .map(|c| text(c, "above"))
            .collect(),
    )
}
