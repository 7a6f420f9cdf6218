//! Renderers: pure functions from a model to text. No I/O, no clock.

pub mod drivers;
pub mod html;
pub mod markdown;
pub mod pdf;
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

/// "55.2–61.0".
pub(crate) fn ci(x: Option<[f64; 2]>) -> String {
    x.map_or_else(|| "—".to_string(), |[l, h]| format!("{l:.1}–{h:.1}"))
}
