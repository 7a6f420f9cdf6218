//! Correlations and Johnson's relative weights from a covariance matrix:
//! the arithmetic of the driver analysis, pure functions of the matrix.
//!
//! Relative weights answer "how much of the outcome's explained variance
//! goes with each predictor" when the predictors are correlated, where
//! regression coefficients split it arbitrarily. With `R` the predictors'
//! correlation matrix and `r` their correlations with the outcome:
//!
//! 1. `R = V diag(λ) V'` (eigen-decomposition) and `Λ = V diag(√λ) V'`, the
//!    symmetric square root of `R`: the orthogonal variables `Z` closest to
//!    the predictors (in least squares) have `X = Z Λ`;
//! 2. the outcome's regression on `Z`: `β = Λ⁻¹ r` (Z is orthonormal);
//! 3. each predictor's raw weight `ε_j = Σ_k Λ_jk² β_k²`: the share of each
//!    `Z_k`'s contribution `β_k²` that predictor `j` carries (`Σ_j Λ_jk² =
//!    1`), so the weights sum to `R² = r' R⁻¹ r`.
//!
//! Pinned against an independent numpy computation in
//! `tests/fixtures/drivers/relweights.py` (`tests/drivers.rs`).

/// Correlations from covariances; `None` when a variable does not vary.
pub fn correlations(cov: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let sd: Vec<f64> = (0..cov.len()).map(|i| cov[i][i].sqrt()).collect();
    if sd.iter().any(|&s| s.is_nan() || s <= 1e-12) {
        return None;
    }
    Some(
        (0..cov.len())
            .map(|i| {
                (0..cov.len())
                    .map(|j| cov[i][j] / (sd[i] * sd[j]))
                    .collect()
            })
            .collect(),
    )
}

/// Eigenvalues and eigenvectors (columns of `v`) of a symmetric matrix, by
/// cyclic Jacobi rotations: exact to rounding for the small matrices here
/// (one row per dimension), and deterministic.
pub fn eigen(a: &[Vec<f64>]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut a: Vec<Vec<f64>> = a.to_vec();
    let mut v: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    for _ in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for row in a.iter_mut() {
                    let (akp, akq) = (row[p], row[q]);
                    row[p] = c * akp - s * akq;
                    row[q] = s * akp + c * akq;
                }
                let (rp, rq) = (a[p].clone(), a[q].clone());
                for (k, (apk, aqk)) in rp.into_iter().zip(rq).enumerate() {
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for row in v.iter_mut() {
                    let (vkp, vkq) = (row[p], row[q]);
                    row[p] = c * vkp - s * vkq;
                    row[q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i][i]).collect(), v)
}

/// The relative weights of the predictors (all variables but the last) for
/// the outcome (the last), from their correlation matrix. `None` when the
/// predictors are collinear (the smallest eigenvalue of their correlation
/// matrix under 1e-10): no weights can be told apart then.
pub fn relative_weights(corr: &[Vec<f64>]) -> Option<Vec<f64>> {
    let p = corr.len().checked_sub(1)?;
    if p == 0 {
        return None;
    }
    let rxx: Vec<Vec<f64>> = corr[..p].iter().map(|row| row[..p].to_vec()).collect();
    let rxy: Vec<f64> = corr[..p].iter().map(|row| row[p]).collect();
    let (lambda, v) = eigen(&rxx);
    if lambda.iter().any(|&l| l.is_nan() || l < 1e-10) {
        return None;
    }
    // Λ = V diag(√λ) V' and Λ⁻¹ = V diag(1/√λ) V'.
    let root = |f: &dyn Fn(f64) -> f64| -> Vec<Vec<f64>> {
        (0..p)
            .map(|i| {
                (0..p)
                    .map(|j| (0..p).map(|k| v[i][k] * f(lambda[k]) * v[j][k]).sum())
                    .collect()
            })
            .collect()
    };
    let lam = root(&|l| l.sqrt());
    let inv = root(&|l| 1.0 / l.sqrt());
    let beta: Vec<f64> = (0..p)
        .map(|k| (0..p).map(|j| inv[k][j] * rxy[j]).sum())
        .collect();
    Some(
        (0..p)
            .map(|j| {
                (0..p)
                    .map(|k| lam[j][k] * lam[j][k] * beta[k] * beta[k])
                    .sum()
            })
            .collect(),
    )
}

/// The 95% interval of a correlation `r` on `n` cases by Fisher's z:
/// `tanh(atanh r ± 1.959964 / √(n − 3))`.
pub fn fisher_ci95(r: f64, n: u64) -> Option<[f64; 2]> {
    if n < 4 || r.abs() >= 1.0 {
        return None;
    }
    let z = r.atanh();
    let half = 1.959_963_984_540_054 / ((n - 3) as f64).sqrt();
    Some([(z - half).tanh(), (z + half).tanh()])
}
