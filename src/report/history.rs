//! A workspace's waves -> the report's history: scores over time, change
//! since the previous and the first wave, participation and momentum.

use std::collections::BTreeSet;

use super::model::*;
use crate::rubric::Rubric;
use crate::score::model::{DimensionStats, Scores};
use crate::score::waves::{Pair, ScoredWave, Waves};
use crate::survey::answer::normalize;
use crate::trend::{self, Sample, Verdict};

/// Teams below this share of invited people answering are flagged.
pub const LOW_PARTICIPATION: f64 = 0.6;

fn sample(d: &DimensionStats) -> Option<Sample> {
    Some(Sample {
        n: d.n?,
        mean: d.score?,
        sd: d.sd?,
    })
}

fn question_ids(r: &Rubric, dim: &str) -> Option<BTreeSet<String>> {
    let d = r.dimensions.iter().find(|d| d.id == dim)?;
    Some(d.questions.iter().map(|q| q.id.clone()).collect())
}

fn dim<'s>(s: &'s Scores, id: &str) -> Option<&'s DimensionStats> {
    s.dimensions
        .iter()
        .find(|d| d.stats.id == id)
        .map(|d| &d.stats)
}

fn compare(p: &Pair, id: &str) -> Option<trend::Change> {
    // No question in common: any difference is the rubric's, not the
    // organization's.
    if p.disjoint.contains(id) {
        return None;
    }
    let (a, b) = (dim(&p.a, id)?, dim(&p.b, id)?);
    let (sa, sb) = (sample(a)?, sample(b)?);
    Some(trend::change(
        sb.mean - sa.mean,
        sa,
        sb,
        p.restricted.contains(id),
    ))
}

/// The change of an overall score, figure and test alike about the score
/// shown: the dimension-weighted mean of dimension scores. (Testing the
/// respondents' own overall scores instead could contradict the figure
/// when people answer different sets of dimensions.) Its standard error is
/// taken at its largest, as if the dimensions moved together (the weighted
/// sum of their standard errors), so a "clear change" is never claimed
/// from correlations the data do not show; the degrees of freedom are the
/// smallest dimension's.
fn compare_overall(a: OverallOf, b: OverallOf) -> Option<trend::Change> {
    let (sa, sb) = (overall_sample(a)?, overall_sample(b)?);
    Some(trend::change(sb.mean - sa.mean, sa, sb, false))
}

/// An overall score and the (statistics, weight) of the dimensions it
/// averages.
type OverallOf<'a> = (Option<f64>, Vec<(&'a DimensionStats, f64)>);

fn overall_sample((score, dims): OverallOf) -> Option<Sample> {
    let score = score?;
    let (mut se, mut weight, mut n) = (0.0, 0.0, u64::MAX);
    for (d, w) in dims.into_iter().filter(|(d, _)| d.score.is_some()) {
        let (dn, sd) = (d.n?, d.sd?);
        se += w * sd / (dn as f64).sqrt();
        weight += w;
        n = n.min(dn);
    }
    if weight <= 0.0 || n < 2 {
        return None;
    }
    let se = se / weight;
    Some(Sample {
        n,
        mean: score,
        // The sample whose standard error is `se` with `n` respondents.
        sd: se * (n as f64).sqrt(),
    })
}

fn overall_of(s: &Scores) -> OverallOf<'_> {
    (
        s.overall.score,
        s.dimensions.iter().map(|d| (&d.stats, d.weight)).collect(),
    )
}

fn group_overall_of<'a>(g: &'a crate::score::model::GroupScore, s: &Scores) -> OverallOf<'a> {
    (
        g.overall.score,
        g.dimensions
            .iter()
            .zip(&s.dimensions)
            .map(|(d, sd)| (d, sd.weight))
            .collect(),
    )
}

/// Builds the history of the last of `all`'s waves: reads only figures
/// that were scored and cleared before.
pub fn history(all: &Waves) -> History {
    let waves = &all.waves[..];
    let current = waves.len() - 1;
    let now = &waves[current];
    let ids: Vec<&str> = now
        .rubric
        .dimensions
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    let points = waves[..=current]
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let rubric = |w: &ScoredWave| format!("{} {}", w.rubric.id, w.rubric.version);
            let half = w.scores.overall.respondents.and_then(|r| {
                let sd = r.sd?;
                (r.n >= 2).then(|| crate::score::stats::t_975(r.n - 1) * sd / (r.n as f64).sqrt())
            });
            WavePoint {
                label: w.label.clone(),
                date: w.date.clone(),
                respondents: w.scores.respondents.scored,
                overall: w.scores.overall.score,
                overall_band: match (w.scores.overall.score, half) {
                    (Some(s), Some(h)) => Some([(s - h).max(0.0), (s + h).min(100.0)]),
                    _ => None,
                },
                dimensions: ids
                    .iter()
                    .map(|id| dim(&w.scores, id).and_then(|d| d.score))
                    .collect(),
                // The file's name only: the report reads the same wherever
                // the workspace is.
                file: w
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                rubric: rubric(w),
                revised: i > 0 && rubric(&waves[i - 1]) != rubric(w),
                invited: (!w.invited.is_empty()).then(|| w.invited.values().sum()),
                read: w.scores.respondents.read,
            }
        })
        .collect();
    let prev = current.checked_sub(1).and_then(|i| all.pair(i, current));
    let first = (current >= 2).then(|| all.pair(0, current)).flatten();
    let dimensions = now
        .rubric
        .dimensions
        .iter()
        .map(|d| {
            let missing_in = |w: &ScoredWave| question_ids(&w.rubric, &d.id).is_none();
            let note = if current > 0 && missing_in(&waves[current - 1]) {
                Some(format!(
                    "not comparable: {} has no such dimension",
                    waves[current - 1].label
                ))
            } else if prev.as_ref().is_some_and(|p| p.disjoint.contains(&d.id)) {
                Some(format!(
                    "not comparable: no question in common with {}",
                    waves[current - 1].label
                ))
            } else if prev.as_ref().is_some_and(|p| p.restricted.contains(&d.id)) {
                Some("compared on the questions both waves asked".to_string())
            } else {
                None
            };
            let (previous_level, level_change) = match current.checked_sub(1) {
                Some(i) => compare_levels(&waves[i], now, &d.id),
                None => (None, None),
            };
            DimensionChange {
                previous_level,
                level_change,
                id: d.id.clone(),
                name: d.name.clone(),
                change: ChangePair {
                    since_previous: prev.as_ref().and_then(|p| compare(p, &d.id)),
                    since_first: first.as_ref().and_then(|p| compare(p, &d.id)),
                },
                note,
            }
        })
        .collect();
    // The overall score compares only when both waves measured the same
    // questions: across a revision it mixes different dimensions.
    let same = |p: &Option<&Pair>| p.is_some_and(|p| p.like_for_like());
    let overall = ChangePair {
        since_previous: current
            .checked_sub(1)
            .filter(|_| same(&prev))
            .and_then(|i| compare_overall(overall_of(&waves[i].scores), overall_of(&now.scores))),
        since_first: (current >= 2 && same(&first))
            .then(|| compare_overall(overall_of(&waves[0].scores), overall_of(&now.scores)))
            .flatten(),
    };
    let groups = prev
        .as_ref()
        .map_or_else(Vec::new, |p| group_changes(p, &ids));
    let k = now.scores.privacy.min_group_size;
    let mut h = History {
        waves: points,
        previous: current.checked_sub(1).map(|i| waves[i].label.clone()),
        first: (current >= 2).then(|| waves[0].label.clone()),
        overall,
        dimensions,
        groups,
        participation: participation(now, k),
        since_last: None,
        momentum: Vec::new(),
        last_priorities: Vec::new(),
        targets: Vec::new(),
        method: Vec::new(),
        outcome: super::drivers::outcome_history(all),
        items: current
            .checked_sub(1)
            .map_or_else(Vec::new, |i| item_changes(&waves[i], now)),
    };
    h.since_last = since_last(&h);
    h.momentum = momentum(all, current, &h);
    h.last_priorities = super::commitments::last_priorities(all, &h);
    h.method = super::waves_method::method(&h);
    h
}

/// Every statement of `now`'s rubric with a change since `before`.
fn item_changes(
    before: &ScoredWave,
    now: &ScoredWave,
) -> Vec<(String, String, super::item_change::ItemChange)> {
    now.rubric
        .dimensions
        .iter()
        .flat_map(|d| d.questions.iter().map(move |q| (&d.id, &q.id)))
        .filter_map(|(dim, id)| {
            let c = super::item_change::item_change(before, now, dim, id)?;
            Some((dim.clone(), id.clone(), c))
        })
        .collect()
}

/// The previous wave's level of a dimension and a phrase for the change,
/// or why levels cannot be compared: a level never "falls" only because
/// the rule that assigns it changed.
fn compare_levels(
    before: &ScoredWave,
    now: &ScoredWave,
    id: &str,
) -> (Option<String>, Option<String>) {
    let level = |w: &ScoredWave| dim(&w.scores, id).and_then(|d| d.level.clone());
    let (Some(a), Some(b)) = (level(before), level(now)) else {
        return (None, None);
    };
    let rule = |w: &ScoredWave| {
        if w.rubric.staged() {
            "practices in place"
        } else {
            "score cut-offs"
        }
    };
    let practices = |w: &ScoredWave| -> Vec<(String, Option<String>)> {
        w.rubric
            .dimensions
            .iter()
            .filter(|d| d.id == id)
            .flat_map(|d| d.questions.iter().map(|q| (q.id.clone(), q.level.clone())))
            .collect()
    };
    let why = if rule(before) != rule(now) {
        Some(format!(
            "{} levelled by {}, this survey by {}",
            before.label,
            rule(before),
            rule(now)
        ))
    } else if now.rubric.staged()
        && (before.rubric.practice_threshold != now.rubric.practice_threshold
            || practices(before) != practices(now))
    {
        Some(format!(
            "the rubric changed which practices, or what share, each level needs since {}",
            before.label
        ))
    } else if !now.rubric.staged()
        && before
            .rubric
            .levels
            .iter()
            .map(|l| l.min)
            .ne(now.rubric.levels.iter().map(|l| l.min))
    {
        Some(format!(
            "the level thresholds changed since {}",
            before.label
        ))
    } else {
        None
    };
    match why {
        Some(w) => (None, Some(format!("level not comparable: {w}"))),
        // Only a change is worth a phrase.
        None if a == b => (Some(a), None),
        None => (
            Some(a.clone()),
            Some(format!("level was {a} in {}", before.label)),
        ),
    }
}

fn group_changes(p: &Pair, ids: &[&str]) -> Vec<GroupChange> {
    let mut out = Vec::new();
    for gb in &p.b.groups {
        let Some(ga) =
            p.a.groups
                .iter()
                .find(|g| g.column == gb.column && normalize(&g.value) == normalize(&gb.value))
        else {
            continue;
        };
        // Never a change for a group hidden in either wave.
        if ga.suppressed || gb.suppressed {
            continue;
        }
        let dims = ids
            .iter()
            .map(|id| {
                if p.disjoint.contains(*id) {
                    return None;
                }
                let a = ga.dimensions.iter().find(|d| d.id == *id)?;
                let b = gb.dimensions.iter().find(|d| d.id == *id)?;
                let (sa, sb) = (sample(a)?, sample(b)?);
                Some(trend::change(
                    sb.mean - sa.mean,
                    sa,
                    sb,
                    p.restricted.contains(*id),
                ))
            })
            .collect();
        out.push(GroupChange {
            column: gb.column.clone(),
            value: gb.value.clone(),
            overall: p
                .like_for_like()
                .then(|| compare_overall(group_overall_of(ga, &p.a), group_overall_of(gb, &p.b)))
                .flatten(),
            dimensions: dims,
        });
    }
    out
}

/// Respondents per invited team, matched on the first breakdown column
/// (usually `team`); a team below the privacy threshold shows no count.
fn participation(w: &ScoredWave, k: usize) -> Vec<Participation> {
    let Some(column) = w.scores.input.group_columns.first() else {
        return Vec::new();
    };
    w.invited
        .iter()
        .map(|(team, &invited)| {
            let g = w
                .scores
                .groups
                .iter()
                .find(|g| &g.column == column && normalize(&g.value) == normalize(team));
            let n = g.and_then(|g| g.n);
            let rate = n.map(|n| n as f64 / invited as f64);
            // A hidden team's count is not shown, nor whether its rate is
            // low: either would tell how many answered.
            let text = match (n, rate) {
                (Some(n), Some(r)) => format!("{n} of {invited} ({}%)", (r * 100.0).round() as i64),
                _ => format!("{invited} invited; count hidden for privacy (under {k}, or shielding a smaller team)"),
            };
            Participation {
                team: team.clone(),
                invited,
                respondents: n,
                rate,
                low: rate.is_some_and(|r| r < LOW_PARTICIPATION),
                text,
            }
        })
        .collect()
}

fn since_last(h: &History) -> Option<String> {
    let prev = h.previous.as_ref()?;
    let mut parts = Vec::new();
    if let Some(c) = &h.overall.since_previous {
        let points = if c.delta.abs().round() as i64 == 1 {
            "point"
        } else {
            "points"
        };
        parts.push(format!(
            "the overall score moved {} {points}, {}",
            trend::signed(c.delta),
            c.words
        ));
    }
    let named = |v: Verdict| -> Vec<String> {
        h.dimensions
            .iter()
            .filter(|d| {
                d.change
                    .since_previous
                    .as_ref()
                    .is_some_and(|c| c.verdict == v)
            })
            .map(|d| d.name.clone())
            .collect()
    };
    let (up, down) = (named(Verdict::Improved), named(Verdict::Declined));
    if !up.is_empty() {
        parts.push(format!("clear improvement in {}", up.join(", ")));
    }
    if !down.is_empty() {
        parts.push(format!("a clear decline in {}", down.join(", ")));
    }
    let compared = h
        .dimensions
        .iter()
        .filter(|d| d.change.since_previous.is_some())
        .count();
    if compared == 0 && h.overall.since_previous.is_none() {
        // Nothing was compared: "no dimension changed" would claim a
        // stability nobody measured.
        let revised = h.waves.last().filter(|w| w.revised);
        return Some(match revised {
            Some(w) => format!(
                "Since {prev}: not comparable; this survey was asked with a revised rubric ({}) that shares no question with it.",
                w.rubric
            ),
            None => format!("Since {prev}: not comparable; no question was asked in both surveys."),
        });
    }
    if up.is_empty() && down.is_empty() {
        parts.push(format!(
            "no clear change in the {} compared",
            crate::text::plural(compared, "dimension")
        ));
    }
    Some(format!("Since {prev}: {}.", parts.join("; ")))
}

/// A dimension that fell clearly since the previous wave, or that showed
/// no clear change over each of the last two.
fn momentum(all: &Waves, current: usize, h: &History) -> Vec<Statement> {
    let mut out = Vec::new();
    let (before, span) = if current >= 2 {
        (
            all.pair(current - 2, current - 1),
            all.pair(current - 2, current),
        )
    } else {
        (None, None)
    };
    for d in &h.dimensions {
        let Some(last) = &d.change.since_previous else {
            continue;
        };
        if last.verdict == Verdict::Declined {
            out.push(Statement {
                chip: String::new(),
                dimension_id: d.id.clone(),
                text: format!(
                    "{} fell {} since {}: {}.",
                    d.name,
                    crate::text::plural(last.delta.abs().round() as usize, "point"),
                    h.previous.as_deref().unwrap_or(""),
                    last.words
                ),
            });
            continue;
        }
        // Stalled: no clear change in either quarter, nor over the two
        // together (two small steps the same way can add up to a clear one).
        let earlier = before.as_ref().and_then(|p| compare(p, &d.id));
        let both = span.as_ref().and_then(|p| compare(p, &d.id));
        let still = |c: &Option<trend::Change>| {
            c.as_ref()
                .is_some_and(|c| c.verdict == Verdict::NoClearChange)
        };
        if last.verdict == Verdict::NoClearChange && still(&earlier) && still(&both) {
            out.push(Statement {
                // Read by the priority rule.
                chip: "stalled".into(),
                dimension_id: d.id.clone(),
                text: format!(
                    "{} has stalled: no clear change over the last two quarters ({}, then {} points).",
                    d.name,
                    trend::signed(earlier.as_ref().map_or(0.0, |c| c.delta)),
                    trend::signed(last.delta)
                ),
            });
        }
    }
    // A team (or other group) whose overall score fell clearly is news too.
    for g in &h.groups {
        if let Some(c) = g
            .overall
            .as_ref()
            .filter(|c| c.verdict == Verdict::Declined)
        {
            out.push(Statement {
                chip: String::new(),
                dimension_id: String::new(),
                text: format!(
                    "The {} {} fell {} overall since {}: {}.",
                    g.column,
                    g.value,
                    crate::text::plural(c.delta.abs().round() as usize, "point"),
                    h.previous.as_deref().unwrap_or(""),
                    c.words
                ),
            });
        }
    }
    out
}
