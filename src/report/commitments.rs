//! Commitments across quarters: last quarter's priorities and what moved
//! since, and the workspace's targets with the progress toward each. Both
//! read figures the waves already published (dimension scores, levels and
//! the comparisons between waves), so they add nothing to disclose.

use super::model::{History, Statement};
use crate::score::waves::Waves;
use crate::workspace::Target;

/// Last quarter's priorities, by the same rule applied to the previous
/// wave's scores, each with its change since.
pub fn last_priorities(all: &Waves, h: &History) -> Vec<Statement> {
    let n = all.waves.len();
    if n < 2 {
        return Vec::new();
    }
    let (prev, now) = (&all.waves[n - 2], &all.waves[n - 1]);
    let before = super::build(&prev.rubric, &prev.scores, &super::ReportOptions::default());
    before
        .summary
        .priorities
        .iter()
        .map(|p| {
            let id = &p.dimension_id;
            let name = now
                .rubric
                .dimensions
                .iter()
                .find(|d| &d.id == id)
                .map_or_else(|| id.clone(), |d| d.name.clone());
            let was = before.dimensions.iter().find(|d| &d.id == id);
            let is = now.scores.dimensions.iter().find(|d| &d.stats.id == id);
            let change = h
                .dimensions
                .iter()
                .find(|d| &d.id == id)
                .and_then(|d| d.change.since_previous.as_ref());
            let moved = match (
                was.and_then(|d| d.score),
                is.and_then(|d| d.stats.score),
                change,
            ) {
                (Some(a), Some(b), Some(c)) => format!(
                    "{} → {} ({}, {})",
                    a.round() as i64,
                    b.round() as i64,
                    crate::trend::signed(c.delta),
                    c.words
                ),
                (_, None, _) => "not in this survey".to_string(),
                _ => "not comparable (the rubric asked different questions)".to_string(),
            };
            Statement {
                dimension_id: id.clone(),
                text: format!("{name}: {moved}."),
                chip: String::new(),
            }
        })
        .collect()
}

/// Progress toward each target of the workspace, as of the last wave.
pub fn targets(targets: &[Target], all: &Waves) -> Vec<Statement> {
    let Some(now) = all.waves.last() else {
        return Vec::new();
    };
    let labels: Vec<&str> = all.waves.iter().map(|w| w.label.as_str()).collect();
    targets
        .iter()
        .map(|t| {
            let dim = now.rubric.dimensions.iter().find(|d| d.id == t.dimension);
            let s = now
                .scores
                .dimensions
                .iter()
                .find(|d| d.stats.id == t.dimension);
            let Some((d, s)) = dim.zip(s) else {
                return Statement {
                    dimension_id: String::new(),
                    text: format!(
                        "Target for `{}`: the rubric of {} has no such dimension.",
                        t.dimension, now.label
                    ),
                    chip: "unknown".into(),
                };
            };
            let mut want = Vec::new();
            let mut met = true;
            let mut known = true;
            if let Some(l) = &t.level {
                want.push(l.clone());
                let target = now.rubric.level_index(l);
                let at = s
                    .stats
                    .level
                    .as_deref()
                    .and_then(|x| now.rubric.level_index(x));
                match (target, at) {
                    (Some(a), Some(b)) => met &= b >= a,
                    (None, _) => {
                        return Statement {
                            dimension_id: d.id.clone(),
                            text: format!(
                                "{}: target level “{l}” is not a level of the rubric.",
                                d.name
                            ),
                            chip: "unknown".into(),
                        }
                    }
                    _ => known = false,
                }
            }
            if let Some(x) = t.score {
                want.push(format!("{}", x.round() as i64));
                match s.stats.score {
                    Some(v) => met &= v >= x,
                    None => known = false,
                }
            }
            let by = t.by.as_ref().map_or(String::new(), |b| format!(" by {b}"));
            let due_passed =
                t.by.as_ref()
                    .and_then(|b| labels.iter().position(|l| l == b))
                    == Some(labels.len() - 1)
                    || t.by
                        .as_ref()
                        .and_then(|b| labels.iter().position(|l| l == b))
                        .is_some_and(|i| i < labels.len() - 1);
            let status = match (known, met, due_passed) {
                (false, _, _) => "not measurable now (hidden or not asked)",
                (true, true, _) => "met",
                (true, false, true) => "missed",
                (true, false, false) => "open",
            };
            let now_text = match (&s.stats.level, s.stats.score) {
                (Some(l), Some(v)) => {
                    let next = s.next_level.as_ref().map_or(String::new(), |n| {
                        format!(
                            ", {} of {} {} practices in place",
                            n.in_place, n.total, n.level
                        )
                    });
                    format!("now {l}{next}, score {}", v.round() as i64)
                }
                _ => "not shown now".to_string(),
            };
            Statement {
                dimension_id: d.id.clone(),
                text: format!("{}: {}{by}; {now_text}.", d.name, want.join(" and ")),
                chip: status.to_string(),
            }
        })
        .collect()
}
