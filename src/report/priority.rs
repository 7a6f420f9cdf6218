//! One priority rule for the summary, the dimension sections and the action
//! plan (issue 16).
//!
//! Urgency is the dimension's weight times the mean of four parts, each
//! 0 to 1, which the report shows as a chip beside each priority:
//! - **gap**: on staged rubrics the share of the next level's practices not
//!   in place; otherwise the points still missing to 100, over 100. Not
//!   the distance to the next cut-off: that would rank a dimension just
//!   past a threshold (61, 19 points from the next) above a weaker one just
//!   below it (59, 1 point away), a strength above a weakness;
//! - **unfavorable**: the share of answers that are not favorable;
//! - **trend**: 1 when the dimension fell clearly since the last wave, 0.5
//!   when it stalled (no clear change over the last two quarters);
//! - **teams**: the share of shown groups scoring 10 or more points below
//!   the organization on it;
//! - **impact**, only when the driver analysis is shown (rubrics with
//!   outcome items, enough respondents): the dimension's relative weight
//!   over the largest one (1 for the dimension that goes most with the
//!   outcome index); a dimension left out of the model gets the mean of the
//!   others'. Urgency is then the mean of five parts, so among equally weak
//!   dimensions the one that goes with more value reported comes first.
//!   Without the analysis the rule is the four parts above, unchanged.
//!
//! With the other parts fixed, a higher score never raises urgency: only
//! the gap depends on the score, and it shrinks. Dimensions at the top level
//! have no gap to close and are never priorities. Priorities are at most
//! three, never padded; strengths (at most two) are not priorities, have a
//! clear majority of favorable answers (60%) and score clearly above every
//! priority in a paired test (Holm-corrected); where no such test can be
//! made (fewer than k answered both), nothing is called a strength. A
//! dimension can be neither.

use super::model::{DimensionSection, History};
use crate::rubric::Rubric;
use crate::score::model::{Paired, Scores};

/// How far below the organization a group must be to count ("10 or more
/// points").
pub const WELL_BELOW: f64 = 10.0;
/// Holm-corrected significance for "clearly different".
const ALPHA: f64 = 0.05;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    pub gap: f64,
    pub unfavorable: f64,
    pub trend: f64,
    pub teams: f64,
    /// The driver analysis's part, when it is shown (see the module).
    pub impact: Option<f64>,
}

impl Parts {
    pub fn urgency(&self, weight: f64) -> f64 {
        let four = self.gap + self.unfavorable + self.trend + self.teams;
        match self.impact {
            Some(i) => weight * (four + i) / 5.0,
            None => weight * four / 4.0,
        }
    }
}

/// The gap part of a rubric that levels by score: room to 100.
pub fn score_gap(score: f64) -> f64 {
    ((100.0 - score) / 100.0).clamp(0.0, 1.0)
}

/// The parts of one dimension's urgency and its chip.
pub fn parts(
    rubric: &Rubric,
    d: &DimensionSection,
    scores: &Scores,
    history: Option<&History>,
) -> Option<(Parts, String)> {
    let score = d.score?;
    let next = d.next_level.as_ref()?;
    let gap = if rubric.staged() {
        next.gap
    } else {
        score_gap(score)
    };
    let favorable = d.favorable_pct.unwrap_or(0.0);
    let change = history
        .and_then(|h| h.dimensions.iter().find(|c| c.id == d.id))
        .and_then(|c| c.change.since_previous.as_ref());
    let fell = change.is_some_and(|c| c.verdict == crate::trend::Verdict::Declined);
    // The history marks a stalled dimension among its momentum statements.
    let stalled = !fell
        && history.is_some_and(|h| {
            h.momentum
                .iter()
                .any(|m| m.dimension_id == d.id && m.chip == "stalled")
        });
    let impact = super::drivers::impact_part(scores, &d.id);
    let (mut below, mut shown) = (0usize, 0usize);
    for g in scores.groups.iter().filter(|g| !g.suppressed) {
        if let Some(s) = g
            .dimensions
            .iter()
            .find(|x| x.id == d.id)
            .and_then(|x| x.score)
        {
            shown += 1;
            below += usize::from(s <= score - WELL_BELOW);
        }
    }
    let p = Parts {
        gap,
        unfavorable: (1.0 - favorable / 100.0).clamp(0.0, 1.0),
        trend: if fell {
            1.0
        } else if stalled {
            0.5
        } else {
            0.0
        },
        teams: if shown > 0 {
            below as f64 / shown as f64
        } else {
            0.0
        },
        impact: impact.map(|i| i.0),
    };
    // The score (or the staged gap) is in the sentence beside the chip.
    let mut chip = vec![format!("{}% favorable", favorable.round() as i64)];
    if let Some(c) = change.filter(|_| fell) {
        chip.push(format!(
            "fell {}",
            crate::text::plural(c.delta.abs().round() as usize, "point")
        ));
    }
    if stalled {
        chip.push("stalled".into());
    }
    if let Some((_, Some(share))) = impact {
        chip.push(format!("{}% of the link to value", share.round() as i64));
    }
    if below > 0 {
        chip.push(format!(
            "{below} of {shown} groups {}+ points below",
            WELL_BELOW as i64
        ));
    }
    Some((p, chip.join(" · ")))
}

/// The outcome of the rule.
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    /// Dimension indices, most urgent first.
    pub priorities: Vec<usize>,
    pub strengths: Vec<usize>,
    /// Per dimension: urgency and chip, where it has a next level.
    pub chips: Vec<Option<(f64, String)>>,
    /// Said when the priorities' scores are not clearly different.
    pub note: Option<String>,
}

/// Holm's step-down correction: which of `ps` are significant at `ALPHA`.
pub fn holm(ps: &[f64]) -> Vec<bool> {
    let mut idx: Vec<usize> = (0..ps.len()).collect();
    idx.sort_by(|&a, &b| ps[a].total_cmp(&ps[b]).then(a.cmp(&b)));
    let m = ps.len();
    let mut out = vec![false; m];
    for (rank, &i) in idx.iter().enumerate() {
        if ps[i] <= ALPHA / (m - rank) as f64 {
            out[i] = true;
        } else {
            break;
        }
    }
    out
}

fn pair<'a>(paired: &'a [Paired], a: &str, b: &str) -> Option<&'a Paired> {
    paired
        .iter()
        .find(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a))
}

pub fn rank(
    rubric: &Rubric,
    dims: &[DimensionSection],
    scores: &Scores,
    history: Option<&History>,
) -> Ranking {
    let chips: Vec<Option<(f64, String)>> = dims
        .iter()
        .map(|d| parts(rubric, d, scores, history).map(|(p, c)| (p.urgency(d.weight), c)))
        .collect();
    let mut candidates: Vec<usize> = (0..dims.len())
        .filter(|&i| chips[i].as_ref().is_some_and(|(u, _)| *u > 0.0))
        .collect();
    candidates.sort_by(|&a, &b| {
        let (ua, ub) = (chips[a].as_ref().unwrap().0, chips[b].as_ref().unwrap().0);
        ub.total_cmp(&ua)
            .then(
                dims[a]
                    .score
                    .unwrap_or(0.0)
                    .total_cmp(&dims[b].score.unwrap_or(0.0)),
            )
            .then(a.cmp(&b))
    });
    candidates.truncate(3);
    let priorities = candidates;

    // Strengths: a clear majority favorable, not a priority, and clearly
    // above every priority where a paired test exists.
    let level = |d: &DimensionSection| {
        d.level
            .as_deref()
            .and_then(|l| rubric.level_index(l))
            .unwrap_or(0)
    };
    let mut strengths: Vec<usize> = (0..dims.len())
        .filter(|i| !priorities.contains(i))
        .filter(|&i| dims[i].score.is_some() && dims[i].favorable_pct.unwrap_or(0.0) >= 60.0)
        .collect();
    strengths.retain(|&s| {
        let ps: Vec<(f64, bool)> = priorities
            .iter()
            .filter_map(|&p| {
                let t = pair(&scores.paired, &dims[s].id, &dims[p].id)?;
                // Higher on the paired mean, also when every difference is
                // the same (then there is no t to read the sign from). An
                // equal mean has p = 1 and never passes the test below.
                let higher = if t.a == dims[s].id {
                    t.a_higher
                } else {
                    !t.a_higher
                };
                Some((t.p, higher))
            })
            .collect();
        if ps.len() < priorities.len() {
            // Not testable against some priority: not clearly above it.
            return false;
        }
        let sig = holm(&ps.iter().map(|x| x.0).collect::<Vec<_>>());
        ps.iter().zip(&sig).all(|((_, higher), s)| *higher && *s)
    });
    strengths.sort_by(|&a, &b| {
        level(&dims[b]).cmp(&level(&dims[a])).then(
            dims[b]
                .score
                .unwrap_or(0.0)
                .total_cmp(&dims[a].score.unwrap_or(0.0)),
        )
    });
    strengths.truncate(2);

    // Do the priorities' scores differ at all?
    let mut tests = Vec::new();
    for (x, &a) in priorities.iter().enumerate() {
        for &b in &priorities[x + 1..] {
            if let Some(t) = pair(&scores.paired, &dims[a].id, &dims[b].id) {
                tests.push(t.p);
            }
        }
    }
    let note = (priorities.len() >= 2 && !tests.is_empty() && !holm(&tests).contains(&true))
        .then(|| {
            format!(
                "The {} priorities’ scores are not clearly different from one another (paired comparisons on the same respondents, Holm-corrected): read them as a group; their order comes from the rest of the rule.",
                match priorities.len() {
                    2 => "two",
                    _ => "three",
                }
            )
        });
    Ranking {
        priorities,
        strengths,
        chips,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Holm (1979) on p = (0.01, 0.04, 0.03, 0.005) at 0.05: sorted
    /// 0.005 <= 0.05/4, 0.01 <= 0.05/3, 0.03 > 0.05/2 stops. Pinned against
    /// Python's statsmodels 0.14, `multipletests(p, 0.05, "holm")`:
    /// rejects [True, False, False, True] (adjusted 0.03 0.06 0.06 0.02),
    /// and for (0.2, 0.01) [False, True].
    #[test]
    fn holm_steps_down_and_stops() {
        assert_eq!(holm(&[0.01, 0.04, 0.03, 0.005]), [true, false, false, true]);
        assert_eq!(holm(&[]), Vec::<bool>::new());
        assert_eq!(holm(&[0.2, 0.01]), [false, true]);
    }

    #[test]
    fn urgency_never_rises_as_the_score_rises() {
        // Other parts fixed, at several values; the score over 0..=100 in
        // steps of 0.5.
        for (unfavorable, trend, teams) in [(0.0, 0.0, 0.0), (0.7, 1.0, 0.3), (1.0, 0.0, 1.0)] {
            let mut last = f64::INFINITY;
            for s in 0..=200 {
                let p = Parts {
                    gap: score_gap(s as f64 / 2.0),
                    unfavorable,
                    trend,
                    teams,
                    impact: None,
                };
                let u = p.urgency(1.5);
                assert!(u <= last, "score {} urgency {u} > {last}", s as f64 / 2.0);
                last = u;
            }
        }
    }

    #[test]
    fn urgency_is_the_weighted_mean_of_its_parts() {
        let p = Parts {
            gap: 1.0,
            unfavorable: 0.5,
            trend: 0.0,
            teams: 0.5,
            impact: None,
        };
        assert_eq!(p.urgency(2.0), 1.0);
        // With the driver analysis: the mean of five parts.
        let p = Parts {
            impact: Some(1.0),
            ..p
        };
        assert_eq!(p.urgency(2.0), 1.2);
    }
}
