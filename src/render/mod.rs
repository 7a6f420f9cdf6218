//! Renderers: pure functions from a model to text. No I/O, no clock.

mod comments_md;
pub mod drivers;
pub mod html;
pub mod markdown;
mod md_questions;
pub mod pdf;
pub mod report_xlsx;
pub mod score_csv;
pub mod svg;
pub mod table;
mod words;
pub mod xlsx;

pub(crate) use words::{applies_text, hidden_reason, rec_heading};

/// One decimal, as tables show scores.
pub(crate) fn one(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// A percentage without decimals.
pub(crate) fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{v:.0}%"))
}

/// Favorable, neutral and unfavorable shares as whole percentages that add
/// up to 100 (largest remainder: each is rounded down, then the points
/// still missing go to the largest fractions, ties to the first): 44.6 /
/// 39.6 / 15.8 gives 45 / 39 / 16, not 45 / 40 / 16. "—" when any is
/// missing.
pub(crate) fn shares_100(parts: [Option<f64>; 3]) -> [String; 3] {
    let [Some(a), Some(b), Some(c)] = parts else {
        return parts.map(pct);
    };
    let xs = [a, b, c];
    let total: f64 = xs.iter().sum();
    // Only shares of one whole are completed to 100.
    if (total - 100.0).abs() > 0.01 {
        return parts.map(pct);
    }
    let mut out = xs.map(|x| x.floor() as i64);
    let missing = 100 - out.iter().sum::<i64>();
    let mut order = [0usize, 1, 2];
    order.sort_by(|&i, &j| {
        (xs[j] - xs[j].floor())
            .total_cmp(&(xs[i] - xs[i].floor()))
            .then(i.cmp(&j))
    });
    for &i in order.iter().take(missing.max(0) as usize) {
        out[i] += 1;
    }
    out.map(|v| format!("{v}%"))
}

/// "55.2–61.0".
pub(crate) fn ci(x: Option<[f64; 2]>) -> String {
    x.map_or_else(|| "—".to_string(), |[l, h]| format!("{l:.1}–{h:.1}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn shares_add_up_to_100() {
        // 44.6 + 39.6 + 15.8: rounding each gives 45 + 40 + 16 = 101.
        // Largest remainder: 44 + 39 + 15 = 98; the two missing points go
        // to .8 (15.8) and the first .6 (44.6).
        assert_eq!(
            super::shares_100([Some(44.6), Some(39.6), Some(15.8)]),
            ["45%", "39%", "16%"]
        );
        // 33.3.. each: the first gets the missing point.
        let third = 100.0 / 3.0;
        assert_eq!(
            super::shares_100([Some(third), Some(third), Some(third)]),
            ["34%", "33%", "33%"]
        );
        assert_eq!(
            super::shares_100([Some(50.0), None, Some(50.0)]),
            ["50%", "—", "50%"]
        );
    }
}
