//! The adding up of scored rows, batch by batch: the answer counts and
//! moments of every population, the covariances of each dimension's items,
//! the organization's paired differences and the driver sums. Split from
//! `engine`, which reads and checks the records.
//!
//! In two halves, so that most of the work runs on several threads and the
//! result is still the same however many: [`Counts`] (integer sums, and
//! each row's scores worked out) on any thread in any order, [`Ordered`]
//! (floating-point sums, whose result depends on the order of additions)
//! on one thread in file order.

use super::engine::{scored_dim, Batch, GroupAcc, Plan, NOT_APPLICABLE, NOT_SURE, NO_ANSWER};
use super::stats::{CovAccumulator, ExactMoments, Moments};

/// The sums that are integers (answer counts, respondents, the
/// covariances' pair counts, the overall scores in fixed point): exact,
/// so that rows split over several threads, each adding its own batches,
/// add up to the same as one thread adding them all. Each thread also
/// works out every row's dimension scores, the costly part, for
/// [`Ordered`].
pub(super) struct Counts {
    pub(super) groups: Vec<GroupCounts>,
    pub(super) cov: Vec<CovAccumulator>,
    work: Work,
}

#[derive(Clone)]
pub(super) struct GroupCounts {
    respondents: u64,
    overall: ExactMoments,
    counts: Vec<u64>,
    not_applicable: Vec<u64>,
}

impl GroupCounts {
    fn new(plan: &Plan) -> GroupCounts {
        GroupCounts {
            respondents: 0,
            overall: ExactMoments::default(),
            counts: vec![0; plan.count_block],
            not_applicable: vec![0; plan.measured.len()],
        }
    }
}

/// A batch with what [`Counts::add`] worked out of each row: its score on
/// each dimension (`None` where not scored) and its outcome index.
pub(super) struct Scored {
    pub(super) batch: Batch,
    dim_score: Vec<Option<f64>>,
    outcome: Vec<Option<f64>>,
}

impl Counts {
    pub(super) fn new(plan: &Plan) -> Counts {
        Counts {
            groups: vec![GroupCounts::new(plan)],
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
            work: Work::new(plan),
        }
    }

    /// Adds a batch's counts, and returns it with its rows' scores.
    pub(super) fn add(&mut self, plan: &Plan, b: Batch) -> Scored {
        let (nq, ndims) = (plan.questions.len(), plan.measured.len());
        let per_row = b.members.len() / b.rows.max(1);
        let no = plan.outcome.as_ref().map_or(0, |o| o.items.len());
        let mut dim_scores = Vec::with_capacity(b.rows * ndims);
        let mut outcomes = Vec::with_capacity(b.rows);
        let w = &mut self.work;
        for r in 0..b.rows {
            let answers = &b.answers[r * nq..(r + 1) * nq];
            let members = &b.members[r * per_row..(r + 1) * per_row];
            w.dim_sum.fill(0.0);
            w.dim_weight.fill(0.0);
            w.dim_answered.fill(0);
            w.dim_na.fill(0);
            for a in w.answered.iter_mut() {
                a.clear();
            }
            w.slots.clear();
            // One walk over the answers: the dimension sums, the answered
            // items of each dimension (for the covariances), and the count
            // slots, the same for each of the row's groups. A dimension's
            // questions are walked together, its sums kept in registers:
            // through memory, each answer waited for the one before.
            for run in &w.runs {
                let d = run.dim;
                let (mut sum, mut weight) = (w.dim_sum[d], w.dim_weight[d]);
                let (mut answered, mut na) = (w.dim_answered[d], w.dim_na[d]);
                let items = &mut w.answered[d];
                for (q, &p) in plan.questions[run.questions.clone()]
                    .iter()
                    .zip(&answers[run.questions.clone()])
                {
                    let slot = match p {
                        NO_ANSWER => continue,
                        NOT_SURE => q.points,
                        NOT_APPLICABLE => {
                            na += 1;
                            q.points + 1
                        }
                        p => {
                            sum += q.weight * q.item_score[p as usize];
                            weight += q.weight;
                            answered += 1;
                            items.push((q.slot as u16, p));
                            p as usize
                        }
                    };
                    w.slots.push((q.offset + slot) as u32);
                }
                (w.dim_sum[d], w.dim_weight[d]) = (sum, weight);
                (w.dim_answered[d], w.dim_na[d]) = (answered, na);
            }
            let (mut ow, mut os) = (0.0, 0.0);
            for d in 0..ndims {
                let score =
                    scored_dim(plan, &w.dim_answered, d).then(|| w.dim_sum[d] / w.dim_weight[d]);
                if score.is_some() {
                    os += plan.dim_weights[d] * w.dim_sum[d] / w.dim_weight[d];
                    ow += plan.dim_weights[d];
                }
                dim_scores.push(score);
            }
            outcomes.push(
                plan.outcome
                    .as_ref()
                    .and_then(|o| o.index(&b.outcome[r * no..(r + 1) * no])),
            );
            let overall = os / ow;
            for &g in members {
                let g = g as usize;
                while self.groups.len() <= g {
                    self.groups.push(GroupCounts::new(plan));
                }
                let acc = &mut self.groups[g];
                acc.respondents += 1;
                acc.overall.add(overall);
                let counts = &mut acc.counts[..];
                for &s in &w.slots {
                    counts[s as usize] += 1;
                }
                for ((na, &n), &measured) in acc
                    .not_applicable
                    .iter_mut()
                    .zip(&w.dim_na)
                    .zip(&plan.measured)
                {
                    *na += u64::from(n * 2 > measured);
                }
            }
            for (cov, answered) in self.cov.iter_mut().zip(&w.answered) {
                cov.add(answered);
            }
        }
        Scored {
            batch: b,
            dim_score: dim_scores,
            outcome: outcomes,
        }
    }

    /// Adds another thread's counts.
    pub(super) fn merge(&mut self, plan: &Plan, other: Counts) {
        for (g, theirs) in other.groups.into_iter().enumerate() {
            if self.groups.len() <= g {
                self.groups.push(theirs);
                continue;
            }
            let mine = &mut self.groups[g];
            mine.respondents += theirs.respondents;
            mine.overall.merge(&theirs.overall);
            for (a, b) in mine.counts.iter_mut().zip(&theirs.counts) {
                *a += b;
            }
            for (a, b) in mine.not_applicable.iter_mut().zip(&theirs.not_applicable) {
                *a += b;
            }
        }
        for (a, b) in self.cov.iter_mut().zip(&other.cov) {
            a.merge(b);
        }
        debug_assert!(self
            .groups
            .iter()
            .all(|g| g.counts.len() == plan.count_block));
    }
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
                for j in i + 1..ndims {
                    if let Some(sj) = scores[j] {
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
pub(super) fn groups(plan: &Plan, counts: Vec<GroupCounts>, ordered: &Ordered) -> Vec<GroupAcc> {
    counts
        .into_iter()
        .enumerate()
        .map(|(g, c)| {
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
            acc
        })
        .collect()
}

/// A row's intermediate values, kept from row to row so that adding
/// allocates nothing.
pub(super) struct Work {
    dim_sum: Vec<f64>,
    dim_weight: Vec<f64>,
    dim_answered: Vec<usize>,
    dim_na: Vec<usize>,
    /// Per dimension, (slot, point) of each item answered with a point.
    answered: Vec<Vec<(u16, u8)>>,
    /// The count slots of the row's answers.
    slots: Vec<u32>,
    /// The questions in runs of one dimension, in plan order.
    runs: Vec<Run>,
}

struct Run {
    dim: usize,
    questions: std::ops::Range<usize>,
}

impl Work {
    fn new(plan: &Plan) -> Work {
        let ndims = plan.measured.len();
        Work {
            dim_sum: vec![0.0; ndims],
            dim_weight: vec![0.0; ndims],
            dim_answered: vec![0; ndims],
            dim_na: vec![0; ndims],
            answered: plan
                .measured
                .iter()
                .map(|&k| Vec::with_capacity(k))
                .collect(),
            slots: Vec::with_capacity(plan.questions.len()),
            runs: plan
                .questions
                .iter()
                .enumerate()
                .fold(Vec::new(), |mut runs, (i, q)| {
                    match runs.last_mut() {
                        Some(Run { dim, questions }) if *dim == q.dim => questions.end = i + 1,
                        _ => runs.push(Run {
                            dim: q.dim,
                            questions: i..i + 1,
                        }),
                    }
                    runs
                }),
        }
    }
}
