//! Statistics on streamed sums: mean, standard deviation, Student-t
//! confidence intervals, Cronbach's alpha and corrected item-total
//! correlations from pairwise-complete covariances (R `psych::alpha`'s
//! convention with `cov(use = "pairwise")`).

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Running sums of one variable.
#[derive(Debug, Clone, Copy, Default)]
pub struct Moments {
    pub n: u64,
    pub sum: f64,
    pub sum_sq: f64,
}

impl Moments {
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    /// Takes back a value added before.
    pub fn remove(&mut self, x: f64) {
        self.n -= 1;
        self.sum -= x;
        self.sum_sq -= x * x;
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// Sample standard deviation (n - 1 in the denominator).
    pub fn sd(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        let var = (self.sum_sq - self.sum * self.sum / n) / (n - 1.0);
        // Rounding can leave a tiny negative variance when all values agree.
        Some(var.max(0.0).sqrt())
    }

    /// 95% confidence interval of the mean with Student's t on n - 1 degrees
    /// of freedom, cut to `bounds`: a mean of 0-100 scores cannot leave
    /// 0-100, and the cut interval covers the true mean at least as often.
    pub fn ci95(&self, bounds: (f64, f64)) -> Option<[f64; 2]> {
        let (mean, sd) = (self.mean()?, self.sd()?);
        let half = t_975(self.n - 1) * sd / (self.n as f64).sqrt();
        Some([(mean - half).max(bounds.0), (mean + half).min(bounds.1)])
    }
}

/// Running sums of values in 0..=100 kept in fixed point, so that adding
/// and taking back values is exact and the order of rows does not matter:
/// a respondent taken out again (see `score::finish`) leaves the sums
/// exactly as if they had never been added.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExactMoments {
    pub n: u64,
    sum: i128,
    sum_sq: i128,
}

/// Truncation (one instruction; `round` is a library call on baseline
/// x86-64 and this runs for every row and group): a pure function of the
/// value, which is all exact taking-back needs.
fn fixed(x: f64) -> i128 {
    i128::from(x as i64)
}

/// 2^-52 resolution on values, 2^-40 on squares: far below what is shown.
const SUM_SCALE: f64 = (1u64 << 52) as f64;
const SQ_SCALE: f64 = (1u64 << 40) as f64;

impl ExactMoments {
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += fixed(x * SUM_SCALE);
        self.sum_sq += fixed(x * x * SQ_SCALE);
    }

    pub fn remove(&mut self, x: f64) {
        self.n -= 1;
        self.sum -= fixed(x * SUM_SCALE);
        self.sum_sq -= fixed(x * x * SQ_SCALE);
    }

    /// Adds another's sums: exact, so in any order.
    pub fn merge(&mut self, o: &ExactMoments) {
        self.n += o.n;
        self.sum += o.sum;
        self.sum_sq += o.sum_sq;
    }

    pub fn moments(&self) -> Moments {
        Moments {
            n: self.n,
            sum: self.sum as f64 / SUM_SCALE,
            sum_sq: self.sum_sq as f64 / SQ_SCALE,
        }
    }
}

/// The 0.975 quantile of Student's t with `df` degrees of freedom.
pub fn t_975(df: u64) -> f64 {
    StudentsT::new(0.0, 1.0, df as f64)
        .map(|t| t.inverse_cdf(0.975))
        .unwrap_or(f64::NAN)
}

/// Sums over the respondents who answered both items of a pair.
#[derive(Debug, Clone, Copy, Default)]
pub struct PairSums {
    pub n: u64,
    pub sx: f64,
    pub sy: f64,
    pub sxy: f64,
}

impl PairSums {
    /// Sample covariance over the pairwise-complete cases, with the means
    /// of those same cases (as R's `cov(use = "pairwise")`).
    pub fn cov(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        Some((self.sxy - self.sx * self.sy / n) / (n - 1.0))
    }
}

/// Pairwise-complete sums for the k items of one dimension, kept as counts
/// of each pair of answers: answers are a few discrete points, so one
/// counter increment per item pair and respondent carries everything, and
/// the sums are formed once at the end. With item scores that are exact in
/// floating point (multiples of 25 on a 5-point scale, of 10 on 0-10) the
/// result is exact whatever the order of rows.
#[derive(Debug, Clone)]
pub struct CovAccumulator {
    k: usize,
    /// Points of the longest scale among the items: the stride of a pair's
    /// block of counts.
    width: usize,
    /// Per item, the 0-100 score of each of its points.
    values: Vec<Vec<f64>>,
    /// Upper triangle including the diagonal, pair by pair; each pair a
    /// `width` x `width` block indexed by (point of i, point of j).
    counts: Vec<u32>,
}

impl CovAccumulator {
    /// `values[i][p]` is item i's score at point p.
    pub fn new(values: Vec<Vec<f64>>) -> Self {
        let k = values.len();
        let width = values.iter().map(Vec::len).max().unwrap_or(0);
        CovAccumulator {
            k,
            width,
            values,
            counts: vec![0; k * (k + 1) / 2 * width * width],
        }
    }

    /// Items.
    pub fn items(&self) -> usize {
        self.k
    }

    /// Points of the longest scale among the items.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Adds to pair (i, j), i <= j, the count `cell(pi, pj)` of
    /// respondents who answered point pi of item i and pj of item j.
    pub fn add_pair(&mut self, i: usize, j: usize, cell: impl Fn(usize, usize) -> u32) {
        let (w, start) = (self.width, self.block(i, j));
        for pi in 0..w {
            for pj in 0..w {
                self.counts[start + pi * w + pj] += cell(pi, pj);
            }
        }
    }

    /// Adds `n` respondents who answered point pi of item i and pj of
    /// item j (i <= j).
    pub fn add_cell(&mut self, i: usize, j: usize, pi: usize, pj: usize, n: u32) {
        let cell = self.block(i, j) + pi * self.width + pj;
        self.counts[cell] += n;
    }

    /// Where pair (i, j)'s block starts in `counts`, i <= j: after the
    /// pairs of the rows before i, then j - i pairs into row i.
    fn block(&self, i: usize, j: usize) -> usize {
        (i * self.k - i * (i + 1) / 2 + j) * self.width * self.width
    }

    /// Adds another accumulator's counts (of the same items).
    pub fn merge(&mut self, o: &CovAccumulator) {
        for (a, b) in self.counts.iter_mut().zip(&o.counts) {
            *a += b;
        }
    }

    fn pair(&self, i: usize, j: usize) -> PairSums {
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        let (w, start) = (self.width, self.block(i, j));
        let cells = &self.counts[start..start + w * w];
        let mut s = PairSums::default();
        for (pi, x) in self.values[i].iter().enumerate() {
            for (pj, y) in self.values[j].iter().enumerate() {
                let c = cells[pi * w + pj];
                if c > 0 {
                    let c64 = f64::from(c);
                    s.n += u64::from(c);
                    s.sx += c64 * x;
                    s.sy += c64 * y;
                    s.sxy += c64 * x * y;
                }
            }
        }
        s
    }

    /// The k x k covariance matrix, or `None` when some pair has fewer than
    /// two respondents in common.
    #[allow(clippy::needless_range_loop)] // i and j index a symmetric matrix
    pub fn matrix(&self) -> Option<Vec<Vec<f64>>> {
        let mut c = vec![vec![0.0; self.k]; self.k];
        for i in 0..self.k {
            for j in i..self.k {
                let v = self.pair(i, j).cov()?;
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        Some(c)
    }
}

/// Raw Cronbach's alpha from a covariance matrix:
/// `k / (k - 1) * (1 - trace(C) / sum(C))`.
pub fn cronbach_alpha(c: &[Vec<f64>]) -> Option<f64> {
    let k = c.len();
    if k < 2 {
        return None;
    }
    let total: f64 = c.iter().flatten().sum();
    let trace: f64 = (0..k).map(|i| c[i][i]).sum();
    if total <= 0.0 {
        return None;
    }
    Some(k as f64 / (k as f64 - 1.0) * (1.0 - trace / total))
}

/// Corrected item-total correlation of each item: its correlation with the
/// sum of the other items, from the covariance matrix (`r.drop` in psych).
pub fn item_total_r(c: &[Vec<f64>]) -> Vec<Option<f64>> {
    let k = c.len();
    (0..k)
        .map(|i| {
            if k < 2 {
                return None;
            }
            let cov_rest: f64 = (0..k).filter(|&j| j != i).map(|j| c[i][j]).sum();
            let var_rest: f64 = (0..k)
                .filter(|&j| j != i)
                .flat_map(|j| (0..k).filter(move |&l| l != i).map(move |l| (j, l)))
                .map(|(j, l)| c[j][l])
                .sum();
            let denom = (c[i][i] * var_rest).sqrt();
            (denom > 0.0).then(|| cov_rest / denom)
        })
        .collect()
}

/// The paired t-test of differences summarised in `m` (each respondent's
/// score on one dimension minus their score on another): `(t, p)`, p
/// two-sided with n - 1 degrees of freedom. `t` is `None` when every
/// difference is the same (no spread): then p is 0, or 1 when they are all
/// zero.
pub fn paired_t(m: &Moments) -> Option<(Option<f64>, f64)> {
    let mean = m.mean()?;
    let sd = m.sd()?;
    if sd <= 1e-12 * mean.abs().max(1.0) {
        return Some((None, if mean == 0.0 { 1.0 } else { 0.0 }));
    }
    let t = mean / (sd / (m.n as f64).sqrt());
    let dist = StudentsT::new(0.0, 1.0, (m.n - 1) as f64).ok()?;
    Some((Some(t), 2.0 * (1.0 - dist.cdf(t.abs()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pinned against SciPy 1.17: `scipy.stats.ttest_rel(a, b)` with
    /// a = [70, 55, 80, 62.5, 90, 40, 75, 58], b = [60, 50, 85, 50, 70, 45,
    /// 60, 55] gives t = 2.1552672518287896, p = 0.06808204875258703.
    #[test]
    fn paired_t_matches_scipy() {
        let mut m = Moments::default();
        for d in [10.0, 5.0, -5.0, 12.5, 20.0, -5.0, 15.0, 3.0] {
            m.add(d);
        }
        let (t, p) = paired_t(&m).unwrap();
        assert!((t.unwrap() - 2.155_267_251_828_789_6).abs() < 1e-10);
        assert!((p - 0.068_082_048_752_587_03).abs() < 1e-10);
        let mut same = Moments::default();
        same.add(4.0);
        same.add(4.0);
        assert_eq!(paired_t(&same), Some((None, 0.0)));
    }
}
