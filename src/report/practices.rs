//! What the report says about staged levels: the rule in words, the next
//! level's missing practices, and the recommendations that put them in
//! place, weakest practice first (the first of them is the dimension's
//! first step, in every format).

use super::model::{NextLevel, PracticeRef};
use crate::rubric::{Dimension, Recommendation, Rubric};
use crate::score::model::{DimensionScore, QuestionScore};
use crate::score::practice::Status;

/// How levels are assigned, for the method section.
pub fn level_rule(rubric: &Rubric) -> String {
    if rubric.staged() {
        let t = rubric.practice_threshold;
        format!(
            "Levels are staged by practice: each question names the level at which its practice is expected, and a dimension attains a level when the practices of that level and of every level below are in place ({} needs none). A practice is in place when at least {}% of those who answered agree or strongly agree; it is unknown, and counts as not in place, when fewer than the privacy threshold answered it or most answered “not sure”. A level is marked uncertain when a practice that decided it is within sampling error of {}% (its 95% Wilson interval contains it) or unknown. The organization’s level is its weakest dimension’s.",
            rubric.levels.first().map_or("the first level", |l| l.name.as_str()),
            pct_text(t),
            pct_text(t),
        )
    } else {
        let bands: Vec<String> = rubric
            .levels
            .iter()
            .map(|l| format!("{} from {}", l.name, pct_text(l.min)))
            .collect();
        format!(
            "The maturity level is the highest level whose threshold the score reaches: {}.",
            bands.join(", ")
        )
    }
}

fn pct_text(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The next level of a staged dimension, as [`NextLevel`].
pub fn next_level(rubric: &Rubric, s: &DimensionScore) -> Option<NextLevel> {
    let n = s.next_level.as_ref()?;
    let missing = n.total - n.in_place;
    Some(NextLevel {
        name: n.level.clone(),
        min: rubric
            .level_index(&n.level)
            .map_or(100.0, |i| rubric.levels[i].min),
        gap: missing as f64 / n.total.max(1) as f64,
        gap_text: format!("{missing} of {} practices missing", n.total),
        text: format!(
            "{} of {} {} practices in place",
            n.in_place, n.total, n.level
        ),
    })
}

/// The label of a dimension's level for tables.
pub fn level_label(s: &DimensionScore) -> String {
    let st = &s.stats;
    match &st.level {
        Some(l) if st.level_uncertain == Some(true) => format!("{l}, uncertain"),
        Some(l) => l.clone(),
        None if !s.measured => "not measured".into(),
        None => match s.applies_to_pct {
            // Hidden because few do it, not because few answered.
            Some(p) if st.suppressed && p < 50.0 => format!("applies to {}%", p.round() as i64),
            _ => "hidden".into(),
        },
    }
}

/// The practices of the next level not in place, weakest first.
pub fn missing_practices(d: &Dimension, s: &DimensionScore) -> Vec<PracticeRef> {
    let Some(n) = &s.next_level else {
        return Vec::new();
    };
    n.missing
        .iter()
        .filter_map(|id| {
            let q = d.questions.iter().find(|q| &q.id == id)?;
            let qs = s.questions.iter().find(|x| &x.id == id)?;
            Some(PracticeRef {
                id: id.clone(),
                text: q.text.clone(),
                favorable_pct: qs.favorable_pct,
                state: practice_state(qs),
            })
        })
        .collect()
}

/// A practice's state in words.
pub fn practice_state(q: &QuestionScore) -> String {
    match (q.status, q.favorable_pct) {
        (Some(Status::Unknown), _) if !q.measured => "unknown: not asked".into(),
        (Some(Status::Unknown), _) if q.suppressed => "unknown: too few answers".into(),
        (Some(Status::Unknown), _) => "unknown: most answered “not sure”".into(),
        (_, Some(p)) => format!("{}% agree", p.round() as i64),
        _ => "unknown".into(),
    }
}

/// The status of a practice in words.
pub fn status_text(s: Status) -> &'static str {
    match s {
        Status::InPlace => "in place",
        Status::NotInPlace => "not in place",
        Status::Unknown => "unknown",
    }
}

/// The recommendations to show for a staged dimension: those addressing
/// the next level's missing practices, in the order of the weakest practice
/// each addresses (then rubric order). At the top level, those listed for
/// it by `levels`, if any.
pub fn recommendations<'r>(d: &'r Dimension, s: &DimensionScore) -> Vec<&'r Recommendation> {
    let Some(n) = &s.next_level else {
        let level = s.stats.level.as_deref().unwrap_or("");
        return d
            .recommendations
            .iter()
            .filter(|r| r.levels.iter().any(|l| l == level))
            .collect();
    };
    let mut out: Vec<&Recommendation> = Vec::new();
    for id in &n.missing {
        for r in &d.recommendations {
            if r.addresses.contains(id) && !out.iter().any(|o| std::ptr::eq(*o, r)) {
                out.push(r);
            }
        }
    }
    out
}

/// Owner, horizon and the practices addressed, in one line.
pub fn meta(d: &Dimension, r: &Recommendation) -> String {
    let mut parts = Vec::new();
    if let Some(o) = &r.owner {
        parts.push(format!("Owner: {o}"));
    }
    if let Some(h) = r.horizon {
        parts.push(format!("first result within {h} days"));
    }
    let addressed: Vec<String> = r
        .addresses
        .iter()
        .filter_map(|id| d.questions.iter().find(|q| &q.id == id))
        .map(|q| format!("“{}”", q.text))
        .collect();
    if !addressed.is_empty() {
        parts.push(format!("addresses {}", addressed.join(", ")));
    }
    parts.join(" · ")
}
