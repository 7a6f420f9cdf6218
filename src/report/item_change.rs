//! Change of each statement's favorable share since the previous wave.
//!
//! The figure is the difference of two figures already published: the
//! organization's favorable share of the statement in each wave, each shown
//! only when that wave's disclosure control showed the statement. So it adds
//! no cell to the disclosure audit (README, "Privacy", "Waves").
//!
//! A statement is the same across waves when its dimension and id are (the
//! rule the dimension comparisons use) and its scale has as many points and
//! the same keying: "favorable" (the top two points after reverse keying)
//! means something else on a scale of another length.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::score::model::{QuestionScore, Scores};
use crate::score::waves::ScoredWave;

/// One statement's change since the previous wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemChange {
    /// Favorable share now minus then, in percentage points.
    pub delta: f64,
    /// Two-sided p of the two-proportion z-test.
    pub p: Option<f64>,
    /// p below [`crate::trend::ALPHA`]: not a test corrected for the many
    /// statements compared, which the report says.
    pub clear: bool,
}

impl ItemChange {
    /// "+8 ▲", "−3", as the heatmap writes group changes.
    pub fn short(&self) -> String {
        let mark = match (self.clear, self.delta > 0.0) {
            (false, _) => "",
            (true, true) => " ▲",
            (true, false) => " ▼",
        };
        format!("{}{mark}", crate::trend::signed(self.delta))
    }
}

/// Favorable answers and answers on the scale, from a distribution as
/// given (least to most agreeing), by the scoring's own rule
/// ([`crate::score::practice::band`]) after reverse keying.
fn favorable(dist: &[u64], reverse: bool) -> (u64, u64) {
    use crate::score::practice::{band, Band};
    let points = dist.len();
    let fav = dist
        .iter()
        .enumerate()
        .filter(|&(p, _)| {
            let position = if reverse { points - 1 - p } else { p };
            band(position, points) == Band::Favorable
        })
        .map(|(_, c)| c)
        .sum();
    (fav, dist.iter().sum())
}

/// The two-proportion z-test (pooled, no continuity correction): two-sided
/// p of `x1/n1` against `x2/n2`. `None` when either is empty or the pooled
/// share is 0 or 1 (no variance: nothing to test).
pub fn two_proportion_p(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<f64> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let pooled = (x1 + x2) as f64 / (n1f + n2f);
    let var = pooled * (1.0 - pooled) * (1.0 / n1f + 1.0 / n2f);
    if var <= 0.0 {
        return None;
    }
    let z = (x2 as f64 / n2f - x1 as f64 / n1f) / var.sqrt();
    let normal = Normal::new(0.0, 1.0).ok()?;
    Some(2.0 * (1.0 - normal.cdf(z.abs())))
}

fn question<'s>(s: &'s Scores, dim: &str, id: &str) -> Option<&'s QuestionScore> {
    s.dimensions
        .iter()
        .find(|d| d.stats.id == dim)?
        .questions
        .iter()
        .find(|q| q.id == id)
}

fn same_statement(before: &ScoredWave, now: &ScoredWave, dim: &str, id: &str) -> bool {
    let find = |w: &ScoredWave| {
        w.rubric
            .dimensions
            .iter()
            .find(|d| d.id == dim)
            .and_then(|d| d.questions.iter().find(|q| q.id == id))
            .map(|q| (q.scale.points(), q.reverse))
    };
    matches!((find(before), find(now)), (Some(a), Some(b)) if a == b)
}

/// The change of statement `id` of dimension `dim` from `before` to
/// `now`, when both waves showed it.
pub fn item_change(
    before: &ScoredWave,
    now: &ScoredWave,
    dim: &str,
    id: &str,
) -> Option<ItemChange> {
    if !same_statement(before, now, dim, id) {
        return None;
    }
    let shown = |w: &ScoredWave| {
        let q = question(&w.scores, dim, id)?;
        if q.suppressed || !q.measured {
            return None;
        }
        let (fav, n) = favorable(q.distribution.as_deref()?, q.reverse);
        (n > 0).then_some((fav, n))
    };
    let ((x1, n1), (x2, n2)) = (shown(before)?, shown(now)?);
    let delta = 100.0 * (x2 as f64 / n2 as f64 - x1 as f64 / n1 as f64);
    let p = two_proportion_p(x1, n1, x2, n2);
    Some(ItemChange {
        delta,
        p,
        clear: p.is_some_and(|p| p < crate::trend::ALPHA),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_proportion_test_matches_r() {
        // R 4.x: prop.test(c(30, 45), c(60, 60), correct = FALSE) gives
        // X-squared = 8, p-value = 0.004678 (= erfc(2), since z = 2*sqrt(2)).
        let p = two_proportion_p(30, 60, 45, 60).unwrap();
        assert!((p - 0.004_677_735).abs() < 1e-8, "{p}");
        // prop.test(c(12, 15), c(40, 50), correct = FALSE): X-squared = 0,
        // p-value = 1 (equal shares).
        assert!((two_proportion_p(12, 40, 15, 50).unwrap() - 1.0).abs() < 1e-12);
        // No variance, or no answers: nothing to test.
        assert_eq!(two_proportion_p(0, 10, 0, 12), None);
        assert_eq!(two_proportion_p(10, 10, 12, 12), None);
        assert_eq!(two_proportion_p(0, 0, 3, 12), None);
    }

    #[test]
    fn favorable_is_the_top_two_points_after_reverse_keying() {
        // 1..5 as given: 2, 3, 4, 5, 6 answers.
        assert_eq!(favorable(&[2, 3, 4, 5, 6], false), (11, 20));
        // Reverse-keyed: disagreeing (1 and 2) is favorable.
        assert_eq!(favorable(&[2, 3, 4, 5, 6], true), (5, 20));
        // A 3-point scale: its top two points.
        assert_eq!(favorable(&[1, 2, 3], false), (5, 6));
    }

    #[test]
    fn short_marks_only_clear_changes() {
        let c = |delta, clear| ItemChange {
            delta,
            p: None,
            clear,
        };
        assert_eq!(c(8.4, true).short(), "+8 ▲");
        assert_eq!(c(-3.2, true).short(), "−3 ▼");
        assert_eq!(c(2.0, false).short(), "+2");
    }
}
