//! The report's outcome index and driver analysis: scores -> the sections
//! every renderer draws, with their words.
//!
//! The outcome index is shown like a dimension (the organization and each
//! shown group, n, interval, change across waves) but apart from the
//! maturity score. The driver analysis places each dimension of the model on
//! an importance × performance grid: its score against its relative weight
//! (its share of what the dimensions together explain of the outcome
//! index). The grid's lines are the mean score of the model's dimensions and
//! an even share (100% / dimensions), and its quadrants have plain names:
//! "Improve first" (goes with value, scores below the others), "Keep up"
//! (goes with value, scores above), "Watch" and "Maintain" (less linked to
//! value, below and above).

use serde::Serialize;

use super::model::ChangePair;
use crate::rubric::Rubric;
use crate::score::model::Scores;
use crate::score::waves::Waves;
use crate::trend::{self, Sample};

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeSection {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The items' texts, as asked.
    pub items: Vec<String>,
    pub measured: bool,
    pub suppressed: bool,
    pub n: Option<u64>,
    pub score: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// The figure in one sentence, or why there is none.
    pub text: String,
    /// Every group of every breakdown, `null` figures where hidden.
    pub groups: Vec<OutcomeGroupRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeGroupRow {
    pub column: String,
    pub value: String,
    pub n: Option<u64>,
    pub score: Option<f64>,
    pub ci95: Option<[f64; 2]>,
}

/// The outcome index across a workspace's waves.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeHistory {
    /// Oldest first, ending with the reported wave; `None` where a wave did
    /// not ask the same outcome items or hid the index.
    pub points: Vec<(String, Option<f64>)>,
    #[serde(flatten)]
    pub change: ChangePair,
    /// Why a comparison is missing.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DriversSection {
    pub shown: bool,
    /// Why the analysis is not shown.
    pub reason: Option<String>,
    pub n: Option<u64>,
    pub n_needed: u64,
    pub r_squared: Option<f64>,
    /// The model's dimensions, largest relative weight first.
    pub rows: Vec<DriverRow>,
    /// "Adapting models: applies to 40% of respondents, fewer than half".
    pub left_out: Vec<String>,
    /// The grid's lines: the mean score of the model's dimensions, and an
    /// even share of R² (percent).
    pub score_line: Option<f64>,
    pub share_line: Option<f64>,
    /// The finding in a sentence a leader can repeat.
    pub summary: String,
    /// How it was done and how to read it, in plain words.
    pub method: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DriverRow {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub score: f64,
    pub r: f64,
    pub r_ci95: Option<[f64; 2]>,
    pub weight: f64,
    pub share_pct: f64,
    pub weight_ci95: Option<[f64; 2]>,
    /// "Improve first", "Keep up", "Watch" or "Maintain".
    pub quadrant: String,
}

pub const IMPROVE_FIRST: &str = "Improve first";
pub const KEEP_UP: &str = "Keep up";
pub const WATCH: &str = "Watch";
pub const MAINTAIN: &str = "Maintain";

/// The quadrant of a dimension on the importance × performance grid.
pub fn quadrant(score: f64, share: f64, score_line: f64, share_line: f64) -> &'static str {
    match (share >= share_line, score < score_line) {
        (true, true) => IMPROVE_FIRST,
        (true, false) => KEEP_UP,
        (false, true) => WATCH,
        (false, false) => MAINTAIN,
    }
}

/// The outcome section, when the rubric has outcome items.
pub fn outcome(rubric: &Rubric, scores: &Scores) -> Option<OutcomeSection> {
    let o = rubric.outcome.as_ref()?;
    let s = scores.outcome.as_ref()?;
    let text = match (s.stats.score, s.stats.n, s.stats.ci95) {
        _ if !s.measured => "Not measured: the file has no column for the outcome items.".into(),
        (Some(score), Some(n), ci) => format!(
            "{}: {} of 100{}, from {n} respondents who answered at least half of its {}.",
            o.name,
            score.round() as i64,
            ci.map_or(String::new(), |[a, b]| format!(
                " (95% interval {}–{})",
                a.round() as i64,
                b.round() as i64
            )),
            crate::text::plural(o.questions.len(), "item")
        ),
        _ => format!(
            "{}: hidden, fewer than {} respondents answered its items.",
            o.name, scores.privacy.min_group_size
        ),
    };
    Some(OutcomeSection {
        id: o.id.clone(),
        name: o.name.clone(),
        description: o.description.clone(),
        items: o.questions.iter().map(|q| q.text.clone()).collect(),
        measured: s.measured,
        suppressed: s.stats.suppressed,
        n: s.stats.n,
        score: s.stats.score,
        ci95: s.stats.ci95,
        text,
        groups: s
            .groups
            .iter()
            .map(|g| OutcomeGroupRow {
                column: g.column.clone(),
                value: g.value.clone(),
                n: g.stats.n,
                score: g.stats.score,
                ci95: g.stats.ci95,
            })
            .collect(),
    })
}

fn sample(s: &Scores) -> Option<Sample> {
    let o = s.outcome.as_ref()?;
    Some(Sample {
        n: o.stats.n?,
        mean: o.stats.score?,
        sd: o.stats.sd?,
    })
}

/// The outcome items a wave asked, by id: waves compare only when they
/// asked the same ones.
fn items(r: &Rubric) -> Option<Vec<&str>> {
    let mut v: Vec<&str> = r
        .outcome
        .as_ref()?
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    v.sort_unstable();
    Some(v)
}

/// The outcome index across the waves of a workspace (organization only:
/// each figure was published with its own wave).
pub fn outcome_history(all: &Waves) -> Option<OutcomeHistory> {
    let waves = &all.waves;
    let now = waves.last()?;
    let mine = items(&now.rubric)?;
    let same = |i: usize| items(&waves[i].rubric).as_ref() == Some(&mine);
    let points = waves
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let score = same(i)
                .then(|| w.scores.outcome.as_ref().and_then(|o| o.stats.score))
                .flatten();
            (w.label.clone(), score)
        })
        .collect();
    let cur = waves.len() - 1;
    let compare = |i: usize| -> Option<trend::Change> {
        if !same(i) {
            return None;
        }
        let (a, b) = (sample(&waves[i].scores)?, sample(&now.scores)?);
        Some(trend::change(b.mean - a.mean, a, b, false))
    };
    let note = cur.checked_sub(1).filter(|&i| !same(i)).map(|i| {
        format!(
            "not comparable: {} did not ask the same outcome items",
            waves[i].label
        )
    });
    Some(OutcomeHistory {
        points,
        change: ChangePair {
            since_previous: cur.checked_sub(1).and_then(compare),
            since_first: (cur >= 2).then(|| compare(0)).flatten(),
        },
        note,
    })
}

/// The driver analysis section, when the rubric has outcome items.
pub fn drivers(rubric: &Rubric, scores: &Scores) -> Option<DriversSection> {
    let d = scores.drivers.as_ref()?;
    let name = |id: &str| rubric.dimensions.iter().find(|x| x.id == id);
    let left_out = d
        .left_out
        .iter()
        .map(|l| {
            format!(
                "{}: {}",
                name(&l.id).map_or(l.id.as_str(), |x| &x.name),
                l.why
            )
        })
        .collect();
    let mut out = DriversSection {
        shown: d.shown,
        reason: d.reason.clone(),
        n: d.n,
        n_needed: d.n_needed,
        r_squared: d.r_squared,
        rows: Vec::new(),
        left_out,
        score_line: None,
        share_line: None,
        summary: String::new(),
        method: method(rubric, d.n, d.n_needed),
    };
    let outcome_name = rubric.outcome.as_ref().map_or("the outcome", |o| &o.name);
    if !d.shown {
        out.summary = format!(
            "Not shown: {}.",
            d.reason.as_deref().unwrap_or("too little data")
        );
        return Some(out);
    }
    let rows: Vec<_> = d
        .dimensions
        .iter()
        .filter_map(|x| Some((x, name(&x.id)?, x.score?, x.r?, x.weight?, x.share_pct?)))
        .collect();
    if rows.is_empty() {
        return Some(out);
    }
    let score_line = rows.iter().map(|r| r.2).sum::<f64>() / rows.len() as f64;
    let share_line = 100.0 / rows.len() as f64;
    out.score_line = Some(score_line);
    out.share_line = Some(share_line);
    for (x, dim, score, r, weight, share) in rows {
        out.rows.push(DriverRow {
            id: x.id.clone(),
            name: dim.name.clone(),
            short_name: dim.short_name.clone(),
            score,
            r,
            r_ci95: x.r_ci95,
            weight,
            share_pct: share,
            weight_ci95: x.weight_ci95,
            quadrant: quadrant(score, share, score_line, share_line).to_string(),
        });
    }
    out.rows
        .sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.id.cmp(&b.id)));
    let top: Vec<&str> = out.rows.iter().take(2).map(|r| r.name.as_str()).collect();
    let together: f64 = out.rows.iter().take(2).map(|r| r.share_pct).sum();
    let first: Vec<&str> = out
        .rows
        .iter()
        .filter(|r| r.quadrant == IMPROVE_FIRST)
        .map(|r| r.name.as_str())
        .collect();
    out.summary = format!(
        "{} go together most with the outcome index, {} ({}% of what the {} dimensions explain together; they explain {}% of its differences between people).{}",
        top.join(" and "),
        outcome_name,
        together.round() as i64,
        out.rows.len(),
        (100.0 * d.r_squared.unwrap_or(0.0)).round() as i64,
        if first.is_empty() {
            String::new()
        } else {
            format!(
                " Improve first, where the link is strong and the score below the others: {}.",
                first.join(", ")
            )
        }
    );
    Some(out)
}

fn method(rubric: &Rubric, n: Option<u64>, needed: u64) -> String {
    let outcome = rubric.outcome.as_ref().map_or("the outcome", |o| &o.name);
    format!(
        "Outcome index and drivers: {outcome} is each person's answers to the outcome items, scored 0–100 like a dimension (at least half of the items answered), and kept apart from the maturity score. Driver analysis asks which practices go together with more value reported. For each dimension it shows how closely people's scores on it go together with their outcome index (a correlation, with its 95% interval), and its relative weight: its share of the differences in the outcome index that the dimensions explain together (R²), shared out fairly where dimensions overlap (Johnson's relative weights; the weights add up to R²). It uses {} who have an outcome index and a score on every dimension in the model (a dimension that applies to fewer than half of the respondents leaves the model); it needs 10 per dimension and at least 50 ({needed} here), and is computed for the whole organization only, never for a team. The intervals of the weights come from 200 resamples of the respondents (of at most 10,000 of them) with a fixed seed. Read it as where improvement is most likely to pay off, not as proof: a practice that goes with more value reported does not necessarily cause it, since teams that do well may simply do well at both.",
        n.map_or("the respondents".into(), |n| format!("the {n} respondents"))
    )
}

/// The impact part of the priority rule for a dimension: its share of R²
/// over the largest share, 0-1; a dimension left out of a shown model gets
/// the mean of the others. `None` when no driver analysis is shown.
pub fn impact_part(scores: &Scores, id: &str) -> Option<(f64, Option<f64>)> {
    let d = scores.drivers.as_ref().filter(|d| d.shown)?;
    let shares: Vec<(&str, f64)> = d
        .dimensions
        .iter()
        .filter_map(|x| Some((x.id.as_str(), x.share_pct?)))
        .collect();
    let max = shares.iter().map(|s| s.1).fold(0.0, f64::max);
    if max <= 0.0 {
        return None;
    }
    match shares.iter().find(|s| s.0 == id) {
        Some(&(_, s)) => Some((s / max, Some(s))),
        None => {
            let mean = shares.iter().map(|s| s.1 / max).sum::<f64>() / shares.len() as f64;
            Some((mean, None))
        }
    }
}
