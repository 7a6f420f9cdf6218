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

/// Per pattern (a bit per dimension scored), its sums; and a sample of
/// respondents for the bootstrap.
#[derive(Debug, Clone, Default)]
pub struct DriverSums {
    pub dims: usize,
    pub patterns: BTreeMap<u64, PatternSums>,
    /// Up to [`SAMPLE`] respondents with an outcome index, drawn uniformly
    /// from all of them (reservoir sampling with a fixed seed, so the same
    /// file gives the same sample): `dims + 1` values each, the outcome
    /// last, NaN where not scored. Single precision: 40 bytes a respondent
    /// with nine dimensions, 400 kB at most.
    pub sample: Vec<f32>,
    /// Respondents offered to the sample.
    pub seen: u64,
    rng: u64,
    buf: Vec<i128>,
}

/// The bootstrap's sample size, at most.
pub const SAMPLE: usize = 10_000;

/// splitmix64: a small, fixed-seed generator (the output must not depend
/// on anything but the input).
pub(super) fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl DriverSums {
    pub fn new(dims: usize) -> DriverSums {
        DriverSums {
            dims,
            patterns: BTreeMap::new(),
            sample: Vec::new(),
            seen: 0,
            rng: 0x5eed_0018,
            buf: Vec::with_capacity(dims + 1),
        }
    }

    /// Adds a respondent with outcome index `y` and their dimension scores.
    /// Patterns need one bit per dimension: rubrics with more than 64
    /// dimensions are not analysed.
    pub fn add(&mut self, scores: &[Option<f64>], y: f64) {
        if scores.len() > 64 {
            return;
        }
        self.offer(scores, y);
        let mut key = 0u64;
        let v = &mut self.buf;
        v.clear();
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

    /// Reservoir sampling (Vitter's algorithm R): the i-th respondent
    /// replaces a random one of the sample with probability SAMPLE / i.
    fn offer(&mut self, scores: &[Option<f64>], y: f64) {
        let w = scores.len() + 1;
        self.seen += 1;
        let slot = if self.sample.len() < SAMPLE * w {
            if self.sample.is_empty() {
                // Exactly the sample's size: growing by doubling could
                // take twice the memory.
                self.sample.reserve_exact(SAMPLE * w);
            }
            self.sample.resize(self.sample.len() + w, f32::NAN);
            self.sample.len() / w - 1
        } else {
            let j = next(&mut self.rng) % self.seen;
            if j >= SAMPLE as u64 {
                return;
            }
            j as usize
        };
        let row = &mut self.sample[slot * w..(slot + 1) * w];
        for (x, s) in row.iter_mut().zip(scores) {
            *x = s.map_or(f32::NAN, |s| s as f32);
        }
        row[w - 1] = y as f32;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_exact_whatever_the_order_and_merge_by_addition() {
        let rows: Vec<(Vec<Option<f64>>, f64)> = (0..50)
            .map(|i| {
                let x = f64::from(i) * 100.0 / 7.0 % 100.0;
                let skip = i % 5 == 0;
                (
                    vec![Some(x), (!skip).then_some(100.0 - x / 3.0), Some(x * 0.37)],
                    (x * 1.3) % 100.0,
                )
            })
            .collect();
        let mut all = DriverSums::new(3);
        for (x, y) in &rows {
            all.add(x, *y);
        }
        let (mut a, mut b) = (DriverSums::new(3), DriverSums::new(3));
        for (x, y) in rows.iter().rev().take(20) {
            a.add(x, *y);
        }
        for (x, y) in rows.iter().rev().skip(20) {
            b.add(x, *y);
        }
        b.merge(&a);
        assert_eq!(all.patterns, b.patterns);
        // Two patterns: scored on all three, and on the first and third.
        assert_eq!(all.patterns.len(), 2);
        let full = all.model(&[0, 1, 2]).unwrap();
        let two = all.model(&[0, 2]).unwrap();
        assert_eq!((full.n, two.n), (40, 50));
    }

    #[test]
    fn the_sample_keeps_at_most_its_size() {
        let mut s = DriverSums::new(1);
        for i in 0..(SAMPLE as u64 + 500) {
            s.add(&[Some((i % 100) as f64)], 50.0);
        }
        assert_eq!(s.sample.len(), 2 * SAMPLE);
        assert_eq!(s.seen, SAMPLE as u64 + 500);
    }
}
