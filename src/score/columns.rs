//! The integer half of adding up ([`Counts`]), a batch at a time and a
//! question at a time: each question's answers are read down the batch
//! into a column, and every sum is a tight loop over that column or a
//! histogram of it.
//!
//! Why columns: row by row, each answer waited for the one before (a
//! dimension's running sum), and each covariance pair count was a branch
//! on whether both items were answered. Down a column nothing depends on
//! the row before, answers pick their contribution from a table instead
//! of branching, and the pair counts become histograms of two columns,
//! counted in four interleaved copies so that equal neighbours do not
//! wait on each other's increment. The result is the same: per row, a
//! dimension's sum still adds its questions in plan order (a non-answer
//! adds 0.0, which leaves a sum unchanged), and integer counts do not
//! depend on order.

use super::engine::{scored_dim, Batch, Plan, NOT_APPLICABLE, NOT_SURE, NO_ANSWER};
use super::stats::{CovAccumulator, ExactMoments};
use super::sums::Scored;

/// An answer code's index in a question's tables: a point keeps its value
/// (a scale has at most 21 points), and the codes above every point land
/// on 28 to 31.
fn compact(p: u8) -> u8 {
    p & 31
}

/// What each answer code of one question contributes.
struct Tables {
    dim: usize,
    /// Its slot in a group's counts; "no answer" counts in the slot after
    /// the block, which is dropped.
    slot: [u32; 32],
    /// Weight times the 0-100 score, and the weight, of a point; 0.0 else.
    score: [f64; 32],
    weight: [f64; 32],
    /// 1 for a point, else 0.
    point: [u16; 32],
    /// 1 for "does not apply", else 0.
    na: [u16; 32],
    /// For the covariances: the point, or the dimension's width for none.
    cov: [u8; 32],
    /// Its place among its dimension's measured items, when the file has
    /// its column.
    item: Option<usize>,
}

/// The sums that are integers (answer counts, respondents, the
/// covariances' pair counts, the overall scores in fixed point): exact,
/// so that rows split over several threads, each adding its own batches,
/// add up to the same as one thread adding them all. Each thread also
/// works out every row's dimension scores, for the ordered half.
pub(super) struct Counts {
    /// Each group's count block and one slot more (no answer), group after
    /// group.
    stride: usize,
    counts: Vec<u64>,
    respondents: Vec<u64>,
    overall: Vec<ExactMoments>,
    /// Per group and dimension.
    not_applicable: Vec<u64>,
    pub(super) cov: Vec<CovAccumulator>,
    tables: Vec<Tables>,
    work: Work,
}

/// A batch's columns, kept from batch to batch so that adding allocates
/// nothing once warm.
#[derive(Default)]
struct Work {
    column: Vec<u8>,
    /// Per breakdown then row: where the row's group's counts start.
    bases: Vec<usize>,
    /// Per dimension then row.
    sum: Vec<f64>,
    weight: Vec<f64>,
    answered: Vec<u16>,
    na: Vec<u16>,
    /// Per dimension: its items' covariance codes, item after item.
    codes: Vec<Vec<u8>>,
    hist: Vec<u32>,
}

/// One group's integer sums, for [`super::sums::groups`].
pub(super) struct GroupCounts {
    pub(super) respondents: u64,
    pub(super) overall: ExactMoments,
    pub(super) counts: Vec<u64>,
    pub(super) not_applicable: Vec<u64>,
}

impl Counts {
    pub(super) fn new(plan: &Plan) -> Counts {
        let ndims = plan.measured.len();
        let cov: Vec<CovAccumulator> = (0..ndims)
            .map(|d| {
                CovAccumulator::new(
                    plan.questions
                        .iter()
                        .filter(|q| q.dim == d && q.col.is_some())
                        .map(|q| q.item_score.clone())
                        .collect(),
                )
            })
            .collect();
        let dump = plan.count_block as u32;
        let tables = plan
            .questions
            .iter()
            .map(|q| {
                let mut t = Tables {
                    dim: q.dim,
                    slot: [dump; 32],
                    score: [0.0; 32],
                    weight: [0.0; 32],
                    point: [0; 32],
                    na: [0; 32],
                    cov: [cov[q.dim].width() as u8; 32],
                    item: q.col.map(|_| q.slot),
                };
                for p in 0..q.points {
                    t.slot[p] = (q.offset + p) as u32;
                    t.score[p] = q.weight * q.item_score[p];
                    t.weight[p] = q.weight;
                    t.point[p] = 1;
                    t.cov[p] = p as u8;
                }
                t.slot[usize::from(compact(NOT_SURE))] = (q.offset + q.points) as u32;
                t.slot[usize::from(compact(NOT_APPLICABLE))] = (q.offset + q.points + 1) as u32;
                t.na[usize::from(compact(NOT_APPLICABLE))] = 1;
                debug_assert_eq!(t.slot[usize::from(compact(NO_ANSWER))], dump);
                t
            })
            .collect();
        let mut c = Counts {
            stride: plan.count_block + 1,
            counts: Vec::new(),
            respondents: Vec::new(),
            overall: Vec::new(),
            not_applicable: Vec::new(),
            cov,
            tables,
            work: Work::default(),
        };
        c.grow(1, ndims);
        c
    }

    fn grow(&mut self, groups: usize, ndims: usize) {
        if self.respondents.len() < groups {
            self.counts.resize(groups * self.stride, 0);
            self.respondents.resize(groups, 0);
            self.overall.resize(groups, ExactMoments::default());
            self.not_applicable.resize(groups * ndims, 0);
        }
    }

    /// Groups counted so far (the organization included).
    pub(super) fn groups(&self) -> usize {
        self.respondents.len()
    }

    /// Takes the last group's sums off, freeing their memory as it goes:
    /// taken from the last group to the first, the counts never exist
    /// twice in full.
    pub(super) fn pop_group(&mut self, ndims: usize) -> Option<GroupCounts> {
        let g = self.respondents.len().checked_sub(1)?;
        let mut counts = self.counts.split_off(g * self.stride);
        counts.pop(); // the "no answer" slot
        let group = GroupCounts {
            respondents: self.respondents.pop()?,
            overall: self.overall.pop()?,
            counts,
            not_applicable: self.not_applicable.split_off(g * ndims),
        };
        if g % 64 == 0 {
            self.counts.shrink_to_fit();
        }
        Some(group)
    }

    /// Adds a batch's counts, and returns it with its rows' scores.
    pub(super) fn add(&mut self, plan: &Plan, b: Batch) -> Scored {
        let (nq, ndims, rows) = (plan.questions.len(), plan.measured.len(), b.rows);
        let per_row = b.members.len() / rows.max(1);
        let groups = b.members.iter().max().map_or(1, |&g| g as usize + 1);
        self.grow(groups, ndims);
        let w = &mut self.work;
        w.sum.clear();
        w.sum.resize(ndims * rows, 0.0);
        w.weight.clear();
        w.weight.resize(ndims * rows, 0.0);
        w.answered.clear();
        w.answered.resize(ndims * rows, 0);
        w.na.clear();
        w.na.resize(ndims * rows, 0);
        w.codes.resize(ndims, Vec::new());
        for (codes, &k) in w.codes.iter_mut().zip(&plan.measured) {
            codes.resize(k * rows, 0);
        }

        // Each row's place in the counts of its group of each breakdown.
        let stride = self.stride;
        w.bases.clear();
        for m in 1..per_row {
            w.bases
                .extend((0..rows).map(|r| b.members[r * per_row + m] as usize * stride));
        }
        let counts = &mut self.counts[..];
        for (qi, t) in self.tables.iter().enumerate() {
            w.column.clear();
            w.column
                .extend((0..rows).map(|r| compact(b.answers[r * nq + qi])));
            let col = &w.column[..];
            let range = t.dim * rows..(t.dim + 1) * rows;
            let sums = w.sum[range.clone()]
                .iter_mut()
                .zip(&mut w.weight[range.clone()])
                .zip(&mut w.answered[range.clone()])
                .zip(&mut w.na[range]);
            for ((((sum, weight), answered), na), &c) in sums.zip(col) {
                let c = usize::from(c);
                *sum += t.score[c];
                *weight += t.weight[c];
                *answered += t.point[c];
                *na += t.na[c];
            }
            // The organization: every row, a histogram of the column.
            let mut hist = [[0u64; 32]; 4];
            let mut quads = col.chunks_exact(4);
            for q in &mut quads {
                hist[0][usize::from(q[0])] += 1;
                hist[1][usize::from(q[1])] += 1;
                hist[2][usize::from(q[2])] += 1;
                hist[3][usize::from(q[3])] += 1;
            }
            for &c in quads.remainder() {
                hist[0][usize::from(c)] += 1;
            }
            for c in 0..32 {
                let n = hist[0][c] + hist[1][c] + hist[2][c] + hist[3][c];
                if n > 0 {
                    counts[t.slot[c] as usize] += n;
                    // An item paired with itself: its answers' counts.
                    if let (Some(item), true) = (t.item, t.point[c] == 1) {
                        self.cov[t.dim].add_cell(item, item, c, c, n as u32);
                    }
                }
            }
            // Each breakdown's groups.
            for bases in w.bases.chunks_exact(rows.max(1)) {
                for (&base, &c) in bases.iter().zip(col) {
                    counts[base + t.slot[usize::from(c)] as usize] += 1;
                }
            }
            if let Some(item) = t.item {
                let codes = &mut w.codes[t.dim][item * rows..(item + 1) * rows];
                for (code, &c) in codes.iter_mut().zip(col) {
                    *code = t.cov[usize::from(c)];
                }
            }
        }

        // Per row: its scores, its overall score, and its groups' sums.
        let mut dim_score = Vec::with_capacity(rows * ndims);
        let mut outcome = Vec::with_capacity(rows);
        let no = plan.outcome.as_ref().map_or(0, |o| o.items.len());
        let mut answered = vec![0usize; ndims];
        for r in 0..rows {
            let (mut ow, mut os) = (0.0, 0.0);
            for (d, a) in answered.iter_mut().enumerate() {
                *a = usize::from(w.answered[d * rows + r]);
            }
            for d in 0..ndims {
                let (sum, weight) = (w.sum[d * rows + r], w.weight[d * rows + r]);
                let score = scored_dim(plan, &answered, d).then(|| sum / weight);
                if score.is_some() {
                    os += plan.dim_weights[d] * sum / weight;
                    ow += plan.dim_weights[d];
                }
                dim_score.push(score);
            }
            outcome.push(
                plan.outcome
                    .as_ref()
                    .and_then(|o| o.index(&b.outcome[r * no..(r + 1) * no])),
            );
            let overall = os / ow;
            for &g in &b.members[r * per_row..(r + 1) * per_row] {
                let g = g as usize;
                self.respondents[g] += 1;
                self.overall[g].add(overall);
                for (d, &measured) in plan.measured.iter().enumerate() {
                    let na = usize::from(w.na[d * rows + r]);
                    self.not_applicable[g * ndims + d] += u64::from(na * 2 > measured);
                }
            }
        }

        // The covariances: per pair of items, a histogram of their two
        // columns' codes (none = the width, counted and then dropped).
        for (cov, codes) in self.cov.iter_mut().zip(&w.codes) {
            let (k, width) = (cov.items(), cov.width());
            let side = width + 1;
            w.hist.resize(4 * side * side, 0);
            for i in 0..k {
                let ci = &codes[i * rows..(i + 1) * rows];
                // (i, i) is counted with the answers above.
                for j in i + 1..k {
                    let cj = &codes[j * rows..(j + 1) * rows];
                    let hist = &mut w.hist[..4 * side * side];
                    hist.fill(0);
                    let (h0, rest) = hist.split_at_mut(side * side);
                    let (h1, rest) = rest.split_at_mut(side * side);
                    let (h2, h3) = rest.split_at_mut(side * side);
                    let mut a = ci.chunks_exact(4);
                    let mut bq = cj.chunks_exact(4);
                    for (x, y) in (&mut a).zip(&mut bq) {
                        h0[usize::from(x[0]) * side + usize::from(y[0])] += 1;
                        h1[usize::from(x[1]) * side + usize::from(y[1])] += 1;
                        h2[usize::from(x[2]) * side + usize::from(y[2])] += 1;
                        h3[usize::from(x[3]) * side + usize::from(y[3])] += 1;
                    }
                    for (x, y) in a.remainder().iter().zip(bq.remainder()) {
                        h0[usize::from(*x) * side + usize::from(*y)] += 1;
                    }
                    cov.add_pair(i, j, |pi, pj| {
                        let cell = pi * side + pj;
                        h0[cell] + h1[cell] + h2[cell] + h3[cell]
                    });
                }
            }
        }
        Scored {
            batch: b,
            dim_score,
            outcome,
        }
    }

    /// Adds another thread's counts.
    pub(super) fn merge(&mut self, plan: &Plan, other: Counts) {
        self.grow(other.groups(), plan.measured.len());
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        for (a, b) in self.respondents.iter_mut().zip(&other.respondents) {
            *a += b;
        }
        for (a, b) in self.overall.iter_mut().zip(&other.overall) {
            a.merge(b);
        }
        for (a, b) in self.not_applicable.iter_mut().zip(&other.not_applicable) {
            *a += b;
        }
        for (a, b) in self.cov.iter_mut().zip(&other.cov) {
            a.merge(b);
        }
    }
}
