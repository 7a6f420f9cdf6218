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
    pub fn add(&mut self, x: f64, y: f64) {
        self.n += 1;
        self.sx += x;
        self.sy += y;
        self.sxy += x * y;
    }

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

/// Pairwise sums for the k items of one dimension, upper triangle including
/// the diagonal (where x = y, so `sxy` is the sum of squares).
#[derive(Debug, Clone)]
pub struct CovAccumulator {
    k: usize,
    pairs: Vec<PairSums>,
}

impl CovAccumulator {
    pub fn new(k: usize) -> Self {
        CovAccumulator {
            k,
            pairs: vec![PairSums::default(); k * (k + 1) / 2],
        }
    }

    fn index(&self, i: usize, j: usize) -> usize {
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        i * self.k - i * (i + 1) / 2 + j
    }

    /// Adds one respondent's item scores (`None` = not answered).
    pub fn add(&mut self, items: &[Option<f64>]) {
        for (i, x) in items.iter().enumerate() {
            let Some(x) = *x else { continue };
            for (j, y) in items.iter().enumerate().skip(i) {
                if let Some(y) = *y {
                    let at = self.index(i, j);
                    self.pairs[at].add(x, y);
                }
            }
        }
    }

    /// The k x k covariance matrix, or `None` when some pair has fewer than
    /// two respondents in common.
    #[allow(clippy::needless_range_loop)] // i and j index a symmetric matrix
    pub fn matrix(&self) -> Option<Vec<Vec<f64>>> {
        let mut c = vec![vec![0.0; self.k]; self.k];
        for i in 0..self.k {
            for j in i..self.k {
                let v = self.pairs[self.index(i, j)].cov()?;
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
