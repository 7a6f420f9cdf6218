//! Driver analysis, the streaming half: the cross-products of respondents'
//! dimension scores and outcome index, accumulated exactly.
//!
//! Which dimensions enter the model is known only after the pass (those the
//! organization shows and that apply to most people), and a respondent
//! enters when they have an outcome index and a score on every dimension of
//! the model. So the sums are kept per *pattern*: the set of dimensions a
//! respondent with an outcome index is scored on. A file has few patterns
//! (people skip a dimension that does not apply to them, or answer too
//! little of one), at most 2^dims, and the model's sums are those of every
//! pattern that holds all its dimensions.
//!
//! Values are kept in fixed point (a 0-100 score times 2^32, truncated: a
//! resolution of 2.3e-10) and summed as integers, so the sums are exact
//! whatever the order of rows, and two passes' sums merge by addition.

use std::collections::BTreeMap;

/// 2^32: the fixed-point scale of a score.
const SCALE: f64 = 4_294_967_296.0;

fn fixed(x: f64) -> i128 {
    i128::from((x * SCALE) as i64)
}

/// The sums of one pattern over its dimensions (in index order) and the
/// outcome, the outcome last: `n`, `sum[i]` and `cross[i * (i + 1) / 2 + j]`
/// for `j <= i`, over the pattern's variables and the outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatternSums {
    pub n: u64,
    pub sum: Vec<i128>,
    pub cross: Vec<i128>,
}

/// Per pattern (a bit per dimension scored), its sums.
#[derive(Debug, Clone, Default)]
pub struct DriverSums {
    pub dims: usize,
    pub patterns: BTreeMap<u64, PatternSums>,
}

impl DriverSums {
    pub fn new(dims: usize) -> DriverSums {
        DriverSums {
            dims,
            patterns: BTreeMap::new(),
        }
    }

    /// Adds a respondent with outcome index `y` and their dimension scores.
    /// Patterns need one bit per dimension: rubrics with more than 64
    /// dimensions are not analysed.
    pub fn add(&mut self, scores: &[Option<f64>], y: f64) {
        if scores.len() > 64 {
            return;
        }
        let mut key = 0u64;
        let mut v: Vec<i128> = Vec::with_capacity(scores.len() + 1);
        for (d, x) in scores.iter().enumerate() {
            if let Some(x) = x {
                key |= 1 << d;
                v.push(fixed(*x));
            }
        }
        v.push(fixed(y));
        let m = v.len();
        let p = self.patterns.entry(key).or_insert_with(|| PatternSums {
            n: 0,
            sum: vec![0; m],
            cross: vec![0; m * (m + 1) / 2],
        });
        p.n += 1;
        let mut c = 0;
        for i in 0..m {
            p.sum[i] += v[i];
            for j in 0..=i {
                p.cross[c] += v[i] * v[j];
                c += 1;
            }
        }
    }

    /// Adds another pass's sums (the sums are exact, so the order of the
    /// passes does not matter).
    pub fn merge(&mut self, o: &DriverSums) {
        for (k, p) in &o.patterns {
            let mine = self.patterns.entry(*k).or_insert_with(|| PatternSums {
                n: 0,
                sum: vec![0; p.sum.len()],
                cross: vec![0; p.cross.len()],
            });
            mine.n += p.n;
            for (a, b) in mine.sum.iter_mut().zip(&p.sum) {
                *a += b;
            }
            for (a, b) in mine.cross.iter_mut().zip(&p.cross) {
                *a += b;
            }
        }
    }

    /// The sums over respondents scored on every dimension of `model` (a
    /// set of dimension indices, ascending), restricted to those dimensions
    /// and the outcome: `n`, means and the covariance matrix (n - 1) of
    /// `model` then the outcome.
    pub fn model(&self, model: &[usize]) -> Option<Moments2> {
        let want: u64 = model.iter().fold(0, |k, &d| k | (1 << d));
        let m = model.len() + 1;
        let mut n = 0u64;
        let mut sum = vec![0i128; m];
        let mut cross = vec![vec![0i128; m]; m];
        for (&key, p) in &self.patterns {
            if key & want != want {
                continue;
            }
            // Positions of the model's dimensions (and the outcome) in
            // this pattern's variables.
            let pos: Vec<usize> = model
                .iter()
                .map(|&d| (key & ((1u64 << d) - 1)).count_ones() as usize)
                .chain(std::iter::once(key.count_ones() as usize))
                .collect();
            n += p.n;
            for (a, &i) in pos.iter().enumerate() {
                sum[a] += p.sum[i];
                for (b, &j) in pos.iter().enumerate() {
                    let (hi, lo) = if i >= j { (i, j) } else { (j, i) };
                    cross[a][b] += p.cross[hi * (hi + 1) / 2 + lo];
                }
            }
        }
        if n < 2 {
            return None;
        }
        // Centred cross-products, exactly: n Sxy - Sx Sy, in integers
        // (each value is below 2^39).
        // Beyond about ten million respondents the products could leave
        // i128: then no model rather than a wrong one.
        let nn = i128::from(n as i64);
        let mut cov = vec![vec![0.0; m]; m];
        for a in 0..m {
            for b in 0..m {
                let c = nn
                    .checked_mul(cross[a][b])?
                    .checked_sub(sum[a].checked_mul(sum[b])?)?;
                cov[a][b] = c as f64 / (SCALE * SCALE) / (n as f64 * (n - 1) as f64);
            }
        }
        Some(Moments2 {
            n,
            mean: sum.iter().map(|&s| s as f64 / SCALE / n as f64).collect(),
            cov,
        })
    }
}

/// The model's respondents: their number, each variable's mean and the
/// covariance matrix (n - 1 in the denominator), the outcome last.
#[derive(Debug, Clone)]
pub struct Moments2 {
    pub n: u64,
    pub mean: Vec<f64>,
    pub cov: Vec<Vec<f64>>,
}
