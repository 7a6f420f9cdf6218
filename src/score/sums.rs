//! What the accumulating thread owns and adds up, batch by batch: the
//! answer counts and moments of every population, the covariances of each
//! dimension's items, the organization's paired differences and the driver
//! sums. Split from `engine`, which reads and checks the records.

use super::engine::{
    is_point, scored_dim, Batch, GroupAcc, Plan, NOT_APPLICABLE, NOT_SURE, NO_ANSWER,
};
use super::stats::{CovAccumulator, Moments};

/// What the accumulating thread owns.
pub(super) struct Sums {
    pub(super) groups: Vec<GroupAcc>,
    pub(super) cov: Vec<CovAccumulator>,
    pub(super) pairs: Vec<Moments>,
    pub(super) drivers: super::drivers::DriverSums,
}

impl Sums {
    pub(super) fn new(plan: &Plan) -> Sums {
        Sums {
            groups: vec![GroupAcc::new(plan)],
            cov: (0..plan.measured.len())
                .map(|d| {
                    CovAccumulator::new(
                        plan.questions
                            .iter()
                            .filter(|q| q.dim == d && q.col.is_some())
                            .map(|q| q.item_score.clone())
                            .collect(),
                    )
                })
                .collect(),
            pairs: vec![Moments::default(); plan.measured.len() * plan.measured.len()],
            drivers: super::drivers::DriverSums::new(plan.measured.len()),
        }
    }

    /// Adds a batch, row by row in file order, so that floating-point sums
    /// come out the same as in a single-threaded pass.
    pub(super) fn add(&mut self, plan: &Plan, b: &Batch) {
        let (nq, ndims) = (plan.questions.len(), plan.measured.len());
        let per_row = b.members.len() / b.rows.max(1);
        let mut dim_sum = vec![0.0f64; ndims];
        let mut dim_weight = vec![0.0f64; ndims];
        let mut dim_answered = vec![0usize; ndims];
        let mut dim_na = vec![0usize; ndims];
        let mut items: Vec<Vec<Option<u8>>> =
            plan.measured.iter().map(|&k| vec![None; k]).collect();
        let no = plan.outcome.as_ref().map_or(0, |o| o.items.len());
        let mut scores = vec![None; ndims];
        // Per row: its dimension scores, and the count slots of its
        // answers, the same for each of its groups (worked out once, not
        // once per group).
        let mut dim_score: Vec<Option<f64>> = vec![None; ndims];
        let mut slots: Vec<u32> = Vec::with_capacity(nq);
        for r in 0..b.rows {
            let answers = &b.answers[r * nq..(r + 1) * nq];
            let members = &b.members[r * per_row..(r + 1) * per_row];
            dim_sum.fill(0.0);
            dim_weight.fill(0.0);
            dim_answered.fill(0);
            dim_na.fill(0);
            for it in items.iter_mut() {
                it.fill(None);
            }
            for (q, &p) in plan.questions.iter().zip(answers) {
                if is_point(p) {
                    dim_sum[q.dim] += q.weight * q.item_score[p as usize];
                    dim_weight[q.dim] += q.weight;
                    dim_answered[q.dim] += 1;
                    items[q.dim][q.slot] = Some(p);
                } else if p == NOT_APPLICABLE {
                    dim_na[q.dim] += 1;
                }
            }
            let (mut ow, mut os) = (0.0, 0.0);
            for d in 0..ndims {
                if scored_dim(plan, &dim_answered, d) {
                    os += plan.dim_weights[d] * dim_sum[d] / dim_weight[d];
                    ow += plan.dim_weights[d];
                }
            }
            let outcome = plan
                .outcome
                .as_ref()
                .and_then(|o| o.index(&b.outcome[r * no..(r + 1) * no]));
            if let Some(y) = outcome {
                for (d, x) in scores.iter_mut().enumerate() {
                    *x = scored_dim(plan, &dim_answered, d).then(|| dim_sum[d] / dim_weight[d]);
                }
                self.drivers.add(&scores, y);
            }
            // Paired differences, for comparing dimensions on the same
            // people (the organization only).
            for i in 0..ndims {
                if !scored_dim(plan, &dim_answered, i) {
                    continue;
                }
                let si = dim_sum[i] / dim_weight[i];
                for j in i + 1..ndims {
                    if scored_dim(plan, &dim_answered, j) {
                        self.pairs[i * ndims + j].add(si - dim_sum[j] / dim_weight[j]);
                    }
                }
            }
            for (d, s) in dim_score.iter_mut().enumerate() {
                *s = scored_dim(plan, &dim_answered, d).then(|| dim_sum[d] / dim_weight[d]);
            }
            slots.clear();
            for (q, &p) in plan.questions.iter().zip(answers) {
                let slot = match p {
                    NO_ANSWER => continue,
                    NOT_SURE => q.points,
                    NOT_APPLICABLE => q.points + 1,
                    p => p as usize,
                };
                slots.push((q.offset + slot) as u32);
            }
            let overall = os / ow;
            for &g in members {
                let g = g as usize;
                while self.groups.len() <= g {
                    self.groups.push(GroupAcc::new(plan));
                }
                let acc = &mut self.groups[g];
                acc.respondents += 1;
                acc.overall.add(overall);
                if let Some(y) = outcome {
                    acc.outcome.add(y);
                }
                for (m, s) in acc.dims.iter_mut().zip(&dim_score) {
                    if let Some(s) = s {
                        m.add(*s);
                    }
                }
                let counts = &mut acc.counts[..];
                for &s in &slots {
                    counts[s as usize] += 1;
                }
                for ((na, &n), &measured) in acc
                    .not_applicable
                    .iter_mut()
                    .zip(&dim_na)
                    .zip(&plan.measured)
                {
                    *na += u64::from(n * 2 > measured);
                }
            }
            for (d, cov) in self.cov.iter_mut().enumerate() {
                cov.add(&items[d]);
            }
        }
    }
}
