//! Driver analysis: which dimensions go together with the outcome index,
//! for the organization (never for a group).
//!
//! **The model.** A dimension enters when the organization's score on it is
//! shown and it applies to at least half of the respondents (a dimension
//! that most people answer "does not apply" would shrink the model to the
//! few it applies to; it leaves the model instead). A respondent enters when
//! they have an outcome index and a score on every dimension of the model.
//! The analysis is shown when at least two dimensions enter, the outcome
//! index is shown, and the model has at least 10 respondents per dimension
//! and never fewer than 50; otherwise `reason` says why.
//!
//! **Figures.** Per dimension: its Pearson correlation with the outcome index
//! with a 95% interval (Fisher's z), and its relative weight (Johnson's: its
//! share of the R² of the outcome's regression on the model's dimensions;
//! the weights sum to R²), see [`super::relweights`]. All from the exact
//! sums of [`super::drivers::DriverSums`].
//!
//! **Uncertainty of the weights: a bootstrap**, because relative weights
//! have no simple standard error (they go through an eigen-decomposition),
//! and a normal approximation would put intervals below zero for weights
//! near zero. 200 resamples of the model's respondents among a uniform
//! sample of at most 10,000 (drawn while reading, with a fixed seed, so the
//! same file gives the same intervals); the 95% interval is the 2.5th and
//! 97.5th percentile of the resampled weights. At most 10,000 keeps the
//! cost flat on large files (200 × 10,000 × 55 products for nine
//! dimensions); there the interval is wider than the whole file's would
//! be, which errs on the side of caution.

use serde::Serialize;

use super::drivers::{next, DriverSums};
use super::model::DimensionScore;
use super::relweights::{correlations, fisher_ci95, relative_weights};
use crate::rubric::Rubric;

/// Respondents the model needs per dimension, and at least.
pub const PER_DIMENSION: u64 = 10;
pub const MIN_RESPONDENTS: u64 = 50;
/// Bootstrap resamples.
pub const RESAMPLES: usize = 200;

#[derive(Debug, Clone, Serialize)]
pub struct Drivers {
    /// Whether the figures below are shown.
    pub shown: bool,
    /// Why not, in words, when not shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Respondents in the model (an outcome index and a score on every
    /// dimension of the model); `None` when not shown.
    pub n: Option<u64>,
    /// Respondents the model needs: 10 per dimension, at least 50.
    pub n_needed: u64,
    /// The share of the outcome index's variance the model's dimensions
    /// explain together (0-1).
    pub r_squared: Option<f64>,
    /// The model's dimensions, in rubric order.
    pub dimensions: Vec<Driver>,
    /// Dimensions left out of the model, with why.
    pub left_out: Vec<LeftOut>,
    /// How the weights' intervals were found.
    pub bootstrap: Option<Bootstrap>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Driver {
    pub id: String,
    /// The organization's score on the dimension (the performance axis).
    pub score: Option<f64>,
    /// Pearson correlation with the outcome index, and its 95% interval.
    pub r: Option<f64>,
    pub r_ci95: Option<[f64; 2]>,
    /// Johnson's relative weight: this dimension's part of `r_squared`.
    pub weight: Option<f64>,
    /// The weight as a percent of `r_squared`.
    pub share_pct: Option<f64>,
    /// Bootstrap 95% interval of `weight`.
    pub weight_ci95: Option<[f64; 2]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeftOut {
    pub id: String,
    pub why: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bootstrap {
    pub resamples: usize,
    /// Model respondents in the sample resampled.
    pub sample: usize,
    pub seed: u64,
}

const SEED: u64 = 0x5eed_0018_b007;

/// The driver analysis of the organization.
pub fn analyse(
    rubric: &Rubric,
    dims: &[DimensionScore],
    outcome_shown: bool,
    sums: &DriverSums,
) -> Drivers {
    let mut model = Vec::new();
    let mut left_out = Vec::new();
    for (i, d) in dims.iter().enumerate() {
        let why = if !d.measured {
            Some("not measured in this file".to_string())
        } else if d.stats.score.is_none() {
            Some("hidden for the organization".to_string())
        } else {
            d.applies_to_pct
                .filter(|&a| a < 50.0)
                .map(|a| format!("applies to {a:.0}% of respondents, fewer than half"))
        };
        match why {
            Some(why) => left_out.push(LeftOut {
                id: d.stats.id.clone(),
                why,
            }),
            None => model.push(i),
        }
    }
    let p = model.len() as u64;
    let n_needed = (PER_DIMENSION * p).max(MIN_RESPONDENTS);
    let mut out = Drivers {
        shown: false,
        reason: None,
        n: None,
        n_needed,
        r_squared: None,
        dimensions: Vec::new(),
        left_out,
        bootstrap: None,
    };
    let moments = sums.model(&model);
    let n = moments.as_ref().map_or(0, |m| m.n);
    let reason = if rubric.outcome.is_none() {
        Some("the rubric has no outcome items".to_string())
    } else if !outcome_shown {
        Some("the outcome index is not shown (too few answered the outcome items)".to_string())
    } else if p < 2 {
        Some("fewer than two dimensions can enter the model".to_string())
    } else if n < n_needed {
        Some(format!(
            "{n} respondents have an outcome index and a score on every dimension of the model; it needs at least {n_needed} (10 per dimension, never fewer than 50)"
        ))
    } else {
        None
    };
    if let Some(r) = reason {
        out.reason = Some(r);
        return out;
    }
    let m = moments.expect("n >= 50");
    let Some(corr) = correlations(&m.cov) else {
        out.reason = Some("a dimension or the outcome index does not vary".into());
        return out;
    };
    let Some(weights) = relative_weights(&corr) else {
        out.reason = Some(
            "the dimensions of the model are collinear: their separate weights cannot be told apart"
                .into(),
        );
        return out;
    };
    let r2: f64 = weights.iter().sum();
    let ci = bootstrap(sums, &model);
    out.shown = true;
    out.n = Some(m.n);
    out.r_squared = Some(r2);
    out.bootstrap = ci.as_ref().map(|(sample, _)| Bootstrap {
        resamples: RESAMPLES,
        sample: *sample,
        seed: SEED,
    });
    for (j, &d) in model.iter().enumerate() {
        let r = corr[j][model.len()];
        out.dimensions.push(Driver {
            id: dims[d].stats.id.clone(),
            score: dims[d].stats.score,
            r: Some(r),
            r_ci95: fisher_ci95(r, m.n),
            weight: Some(weights[j]),
            share_pct: (r2 > 0.0).then(|| 100.0 * weights[j] / r2),
            weight_ci95: ci.as_ref().and_then(|(_, c)| c[j]),
        });
    }
    out
}

/// Percentile intervals of the weights over resamples of the sampled model
/// respondents: `(respondents resampled, per dimension its interval)`.
fn bootstrap(sums: &DriverSums, model: &[usize]) -> Option<(usize, Vec<Option<[f64; 2]>>)> {
    let w = sums.dims + 1;
    let rows: Vec<Vec<f64>> = sums
        .sample
        .chunks_exact(w)
        .filter(|r| model.iter().all(|&d| !r[d].is_nan()))
        .map(|r| {
            model
                .iter()
                .map(|&d| f64::from(r[d]))
                .chain(std::iter::once(f64::from(r[w - 1])))
                .collect()
        })
        .collect();
    let n = rows.len();
    if n < 4 {
        return None;
    }
    let m = model.len() + 1;
    let mut rng = SEED;
    let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(RESAMPLES); model.len()];
    let mut sum = vec![0.0; m];
    let mut cross = vec![0.0; m * m];
    for _ in 0..RESAMPLES {
        sum.fill(0.0);
        cross.fill(0.0);
        for _ in 0..n {
            let row = &rows[(next(&mut rng) % n as u64) as usize];
            for a in 0..m {
                sum[a] += row[a];
                for b in 0..=a {
                    cross[a * m + b] += row[a] * row[b];
                }
            }
        }
        let nf = n as f64;
        let cov: Vec<Vec<f64>> = (0..m)
            .map(|a| {
                (0..m)
                    .map(|b| {
                        let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
                        (cross[hi * m + lo] - sum[a] * sum[b] / nf) / (nf - 1.0)
                    })
                    .collect()
            })
            .collect();
        // A resample in which something does not vary, or the dimensions
        // are collinear, has no weights: it is left out.
        if let Some(ws) = correlations(&cov).and_then(|c| relative_weights(&c)) {
            for (d, x) in draws.iter_mut().zip(ws) {
                d.push(x);
            }
        }
    }
    let cis = draws
        .into_iter()
        .map(|mut d| {
            if d.len() < RESAMPLES / 2 {
                return None;
            }
            d.sort_by(f64::total_cmp);
            let at = |q: f64| d[((q * d.len() as f64).floor() as usize).min(d.len() - 1)];
            Some([at(0.025), at(0.975)])
        })
        .collect();
    Some((n, cis))
}
