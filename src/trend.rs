//! Change between survey waves: is a difference more than noise?
//!
//! Each comparison is a Welch t-test on the respondents' scores (two samples
//! whose variances need not match) with Cohen's d as the effect size, worded
//! for leaders. Only what the rubrics of both waves share is compared, and a
//! group is compared only when it is shown in both waves.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Summary statistics of one sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub n: u64,
    pub mean: f64,
    pub sd: f64,
}

/// Welch's t-test of `b` against `a`: (t, degrees of freedom, two-sided p).
pub fn welch(a: Sample, b: Sample) -> Option<(f64, f64, f64)> {
    if a.n < 2 || b.n < 2 {
        return None;
    }
    let (va, vb) = (a.sd * a.sd / a.n as f64, b.sd * b.sd / b.n as f64);
    let se2 = va + vb;
    if se2 <= 0.0 {
        return None;
    }
    let t = (b.mean - a.mean) / se2.sqrt();
    let df = se2 * se2 / (va * va / (a.n as f64 - 1.0) + vb * vb / (b.n as f64 - 1.0));
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    let p = 2.0 * (1.0 - dist.cdf(t.abs()));
    Some((t, df, p))
}

/// Cohen's d with the pooled standard deviation.
pub fn cohen_d(a: Sample, b: Sample) -> Option<f64> {
    if a.n + b.n < 3 {
        return None;
    }
    let pooled = (((a.n as f64 - 1.0) * a.sd * a.sd + (b.n as f64 - 1.0) * b.sd * b.sd)
        / (a.n + b.n - 2) as f64)
        .sqrt();
    (pooled > 0.0).then(|| (b.mean - a.mean) / pooled)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Improved,
    Declined,
    NoClearChange,
}

/// The change from wave `a` to wave `b` of one score.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Difference of the scores shown (b - a).
    pub delta: f64,
    pub t: Option<f64>,
    pub df: Option<f64>,
    pub p: Option<f64>,
    pub cohen_d: Option<f64>,
    pub verdict: Verdict,
    /// For leaders: "improved, clear change (small effect)".
    pub words: String,
    /// Compared on the questions both waves' rubrics share, which is not
    /// the whole dimension in at least one of them.
    pub shared_questions_only: bool,
}

/// The significance level: a change is "clear" below it.
pub const ALPHA: f64 = 0.05;

pub fn change(delta: f64, a: Sample, b: Sample, shared_only: bool) -> Change {
    let test = welch(a, b);
    let d = cohen_d(a, b);
    let clear = test.is_some_and(|(_, _, p)| p < ALPHA);
    let verdict = match (clear, b.mean > a.mean) {
        (false, _) => Verdict::NoClearChange,
        (true, true) => Verdict::Improved,
        (true, false) => Verdict::Declined,
    };
    let size = d.map_or("", |d| match d.abs() {
        x if x < 0.2 => " (very small effect)",
        x if x < 0.5 => " (small effect)",
        x if x < 0.8 => " (medium effect)",
        _ => " (large effect)",
    });
    let words = match verdict {
        Verdict::NoClearChange => "no clear change".to_string(),
        Verdict::Improved => format!("improved, clear change{size}"),
        Verdict::Declined => format!("declined, clear change{size}"),
    };
    Change {
        delta,
        t: test.map(|x| x.0),
        df: test.map(|x| x.1),
        p: test.map(|x| x.2),
        cohen_d: d,
        verdict,
        words,
        shared_questions_only: shared_only,
    }
}

impl Change {
    /// "+3 ▲", "−4 ▼" (a clear change), "+1": for tables and cells.
    pub fn short(&self) -> String {
        let mark = match self.verdict {
            Verdict::Improved => " ▲",
            Verdict::Declined => " ▼",
            Verdict::NoClearChange => "",
        };
        format!("{}{mark}", signed(self.delta))
    }
}

/// "+3", "−2", "0": a change in whole points with a real minus sign.
pub fn signed(delta: f64) -> String {
    let r = delta.round() as i64;
    match r {
        0 => "0".to_string(),
        r if r > 0 => format!("+{r}"),
        r => format!("−{}", -r),
    }
}
