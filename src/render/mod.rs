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
/// A statement's change since the previous wave in words, for a title or
/// a note: "Since 2026-Q2: +8 points favorable, a clear change".
pub(crate) fn item_change_words(
    c: &crate::report::item_change::ItemChange,
    h: Option<&crate::report::model::History>,
) -> String {
    let since = h
        .and_then(|h| h.previous.as_deref())
        .unwrap_or("the previous wave");
    let points = crate::trend::signed(c.delta);
    let unit = if points == "+1" || points == "−1" {
        "point"
    } else {
        "points"
    };
    let clear = if c.clear { ", a clear change" } else { "" };
    format!("Since {since}: {points} {unit} favorable{clear}")
}

/// The sentence under a dimension's statements that explains their
/// changes, when any has one.
pub(crate) fn item_change_note(
    r: &crate::report::model::Report,
    d: &crate::report::model::DimensionSection,
    markdown: bool,
) -> Option<String> {
    if d.questions.iter().all(|q| q.change.is_none()) {
        return None;
    }
    let h = r.history.as_ref()?;
    let since = h.previous.as_deref().unwrap_or("the previous wave");
    let compared = r
        .dimensions
        .iter()
        .flat_map(|d| &d.questions)
        .filter(|q| q.change.is_some())
        .count();
    let how = format!("▲ or ▼ marks a clear change (a two-proportion test at the 5% level, not corrected for the {compared} statements compared, so about one in twenty marks may be chance).");
    Some(if markdown {
        format!("“Since {since}” is the change of the share favorable, in points; {how}")
    } else {
        format!(
            "Under the score, the change of the share favorable since {since}, in points; {how}"
        )
    })
}

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
