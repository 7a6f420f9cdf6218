//! Staged levels: whether each practice is in place in a population, and
//! the level a dimension attains from them (the staged representation of
//! CMMI: a level is attained when its practices and those of every level
//! below are in place; the first level needs none).
//!
//! The rule, as the README states it with a worked example:
//! - a practice is *unknown* when fewer than `k` people answered it (or its
//!   question is hidden), or when most of those who responded said "not
//!   sure"; otherwise it is *in place* when its favorable share (agree or
//!   strongly agree) reaches the rubric's threshold, and *not in place*
//!   when it does not;
//! - an unknown practice counts as not in place: the level claims only what
//!   the answers show;
//! - the level is *uncertain* when a practice that decided it is within
//!   sampling error of the threshold (the 95% Wilson interval of its share
//!   contains it) or is unknown. Why not demand a share clearly above the
//!   threshold instead: at n = 12 that needs 11 of 12 to agree, so small
//!   teams would sit at the first level whatever they do; the point
//!   estimate with a visible "uncertain" keeps the level checkable against
//!   the bars the reader sees.

use serde::Serialize;

use super::engine::{Plan, QuestionPlan};
use crate::rubric::Rubric;

/// 97.5th percentile of the standard normal distribution.
const Z95: f64 = 1.959_963_984_540_054;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InPlace,
    NotInPlace,
    Unknown,
}

/// One practice in one population.
#[derive(Debug, Clone, Copy)]
pub struct Practice {
    /// Index of the question in the plan.
    pub question: usize,
    /// Index of its level in the rubric.
    pub level: usize,
    /// Answers on the scale (not "not sure", not "does not apply").
    pub answered: u64,
    pub favorable: u64,
    pub not_sure: u64,
    pub status: Status,
    /// The 95% interval of the favorable share contains the threshold.
    pub borderline: bool,
}

impl Practice {
    /// Favorable share of answers on the scale, in percent.
    pub fn share_pct(&self) -> Option<f64> {
        (self.answered > 0).then(|| 100.0 * self.favorable as f64 / self.answered as f64)
    }
}

/// The practices of one dimension in one population, and what they attain.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub practices: Vec<Practice>,
    /// Index of the attained level.
    pub level: usize,
    pub uncertain: bool,
}

impl Assessment {
    /// The next level's practices not in place, weakest first (lowest
    /// favorable share; unknown ones after, then rubric order), with how
    /// many of that level's practices are in place and how many it has.
    pub fn next_missing(&self, levels: usize) -> Option<(usize, Vec<Practice>, usize, usize)> {
        let next = self.level + 1;
        if next >= levels {
            return None;
        }
        let at: Vec<&Practice> = self.practices.iter().filter(|p| p.level == next).collect();
        let in_place = at.iter().filter(|p| p.status == Status::InPlace).count();
        let mut missing: Vec<Practice> = at
            .iter()
            .filter(|p| p.status != Status::InPlace)
            .map(|p| **p)
            .collect();
        // Stable sort: ties keep rubric order.
        missing.sort_by(|a, b| match (a.share_pct(), b.share_pct()) {
            (Some(x), Some(y)) if a.status != Status::Unknown && b.status != Status::Unknown => {
                x.total_cmp(&y)
            }
            _ => (a.status == Status::Unknown).cmp(&(b.status == Status::Unknown)),
        });
        Some((next, missing, in_place, at.len()))
    }
}

/// Where an answer point falls: the top two points (after reverse keying)
/// are favorable, then the bottom two unfavorable, the rest neutral. On a
/// scale of three or four points favorable wins where the two overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Unfavorable,
    Neutral,
    Favorable,
}

/// The band of favorability `position` (0 = least favorable) on a scale
/// of `points`: the one rule the scores, the report's shares, its bars and
/// its legends all use.
pub fn band(position: usize, points: usize) -> Band {
    if position + 2 >= points {
        Band::Favorable
    } else if position < 2 {
        Band::Unfavorable
    } else {
        Band::Neutral
    }
}

/// Answers on the scale, favorable answers and "not sure" answers of one
/// question in a count block.
pub fn tally(q: &QuestionPlan, counts: &[u64]) -> (u64, u64, u64) {
    let block = &counts[q.offset..q.offset + q.points + 2];
    let answered: u64 = block[..q.points].iter().sum();
    let favorable: u64 = (0..q.points)
        .filter(|&p| band(q.position[p], q.points) == Band::Favorable)
        .map(|p| block[p])
        .sum();
    (answered, favorable, block[q.points])
}

/// The 95% Wilson score interval of `x` successes in `n` trials.
pub fn wilson(x: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (n, p) = (n as f64, x as f64 / n as f64);
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Assesses dimension `di` in a population with count block `counts`;
/// `visible[qi]` says whether question `qi` may be used at all (shown for
/// the organization). `None` when the rubric is not staged or the
/// dimension has no levelled question.
pub fn assess(
    rubric: &Rubric,
    plan: &Plan,
    di: usize,
    counts: &[u64],
    k: u64,
    visible: &[bool],
) -> Option<Assessment> {
    let questions = rubric.dimensions[di].questions.iter();
    let in_dim = plan
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.dim == di);
    let mut practices = Vec::new();
    for (q, (qi, qp)) in questions.zip(in_dim) {
        let Some(level) = q.level.as_deref().and_then(|l| rubric.level_index(l)) else {
            continue;
        };
        let (answered, favorable, not_sure) = if qp.col.is_some() {
            tally(qp, counts)
        } else {
            (0, 0, 0)
        };
        let threshold = rubric.practice_threshold / 100.0;
        let known = visible[qi] && answered >= k && answered > 0 && not_sure <= answered;
        let (status, borderline) = if !known {
            (Status::Unknown, false)
        } else {
            // share >= t as fav * 100 >= t% * n: no division, so 3 of 5 is
            // exactly 60%.
            let in_place =
                (favorable as f64) * 100.0 >= rubric.practice_threshold * answered as f64;
            let (lo, hi) = wilson(favorable, answered).expect("answered > 0");
            let status = if in_place {
                Status::InPlace
            } else {
                Status::NotInPlace
            };
            (status, lo <= threshold && threshold <= hi)
        };
        practices.push(Practice {
            question: qi,
            level,
            answered,
            favorable,
            not_sure,
            status,
            borderline,
        });
    }
    if practices.is_empty() {
        return None;
    }
    let levels = rubric.levels.len();
    let mut level = 0;
    for j in 1..levels {
        if practices
            .iter()
            .filter(|p| p.level == j)
            .all(|p| p.status == Status::InPlace)
        {
            level = j;
        } else {
            break;
        }
    }
    let uncertain = practices.iter().any(|p| {
        p.level <= level + 1
            && (p.borderline || (p.level == level + 1 && p.status == Status::Unknown))
    });
    Some(Assessment {
        practices,
        level,
        uncertain,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pinned against Python's statsmodels 0.14,
    /// `proportion_confint(x, n, method="wilson")`: (7, 12) gives
    /// (0.31951131254954973, 0.8067396863412435), (10, 10) gives
    /// (0.7224672001371106, 1.0), (3, 5) (0.2307242812760129,
    /// 0.8823792257673522).
    #[test]
    fn wilson_matches_statsmodels() {
        for (x, n, want) in [
            (7, 12, (0.319_511_312_549_549_73, 0.806_739_686_341_243_5)),
            (10, 10, (0.722_467_200_137_110_6, 1.0)),
            (3, 5, (0.230_724_281_276_012_9, 0.882_379_225_767_352_2)),
        ] {
            let (lo, hi) = wilson(x, n).unwrap();
            assert!((lo - want.0).abs() < 1e-12, "{x}/{n}: {lo}");
            assert!((hi - want.1).abs() < 1e-12, "{x}/{n}: {hi}");
        }
        assert_eq!(wilson(0, 0), None);
    }
}
