//! The adding up of scored rows, batch by batch: the answer counts and
//! moments of every population, the covariances of each dimension's items,
//! the organization's paired differences and the driver sums. Split from
//! `engine`, which reads and checks the records.
//!
//! In two halves, so that most of the work runs on several threads and the
//! result is still the same however many: [`Counts`] (`columns`: integer
//! sums, and each row's scores worked out) on any thread in any order,
//! [`Ordered`] (floating-point sums, whose result depends on the order of
//! additions) on one thread in file order.

use super::columns::Counts;
use super::engine::{Batch, GroupAcc, Plan};
use super::stats::Moments;

/// A batch with what [`Counts::add`] worked out of each row: its score on
/// each dimension (`None` where not scored) and its outcome index.
pub(super) struct Scored {
    pub(super) batch: Batch,
    pub(super) dim_score: Vec<Option<f64>>,
    pub(super) outcome: Vec<Option<f64>>,
}

/// The sums in floating point (the dimensions' and outcome's moments per
/// group, the paired differences) and the drivers' sample: their result
/// depends on the order of the additions, so one thread adds them, batch
/// after batch in file order, from the scores [`Counts::add`] worked out.
pub(super) struct Ordered {
    dims: Vec<Vec<Moments>>,
    outcome: Vec<Moments>,
    pub(super) pairs: Vec<Moments>,
    pub(super) drivers: super::drivers::DriverSums,
}

impl Ordered {
    pub(super) fn new(plan: &Plan) -> Ordered {
        let ndims = plan.measured.len();
        Ordered {
            dims: vec![vec![Moments::default(); ndims]],
            outcome: vec![Moments::default()],
            pairs: vec![Moments::default(); ndims * ndims],
            drivers: super::drivers::DriverSums::new(ndims),
        }
    }

    /// Adds the next batch in file order.
    pub(super) fn add(&mut self, plan: &Plan, s: &Scored) {
        let ndims = plan.measured.len();
        let b = &s.batch;
        let per_row = b.members.len() / b.rows.max(1);
        for r in 0..b.rows {
            let scores = &s.dim_score[r * ndims..(r + 1) * ndims];
            let outcome = s.outcome[r];
            if let Some(y) = outcome {
                self.drivers.add(scores, y);
            }
            // Paired differences, for comparing dimensions on the same
            // people (the organization only).
            for i in 0..ndims {
                let Some(si) = scores[i] else { continue };
                for (j, sj) in scores.iter().enumerate().skip(i + 1) {
                    if let Some(sj) = sj {
                        self.pairs[i * ndims + j].add(si - sj);
                    }
                }
            }
            for &g in &b.members[r * per_row..(r + 1) * per_row] {
                let g = g as usize;
                while self.dims.len() <= g {
                    self.dims.push(vec![Moments::default(); ndims]);
                    self.outcome.push(Moments::default());
                }
                if let Some(y) = outcome {
                    self.outcome[g].add(y);
                }
                for (m, s) in self.dims[g].iter_mut().zip(scores) {
                    if let Some(s) = s {
                        m.add(*s);
                    }
                }
            }
        }
    }
}

/// The groups' accumulators from both halves.
pub(super) fn groups(plan: &Plan, mut counts: Counts, ordered: &Ordered) -> Vec<GroupAcc> {
    let ndims = plan.measured.len();
    let mut groups = Vec::with_capacity(counts.groups());
    while let Some(c) = counts.pop_group(ndims) {
        let g = counts.groups();
        let mut acc = GroupAcc::new(plan);
        acc.respondents = c.respondents;
        acc.overall = c.overall;
        acc.counts = c.counts;
        acc.not_applicable = c.not_applicable;
        if let Some(d) = ordered.dims.get(g) {
            acc.dims.clone_from(d);
        }
        if let Some(o) = ordered.outcome.get(g) {
            acc.outcome = *o;
        }
        groups.push(acc);
    }
    groups.reverse();
    groups
}
