//! Scores + rubric -> report model: priorities, recommendations for each
//! dimension's level, the action plan and the numbered references.

use super::model::*;
use super::practices;
use crate::rubric::{Dimension, Rubric};
use crate::score::model::{DimensionScore, Scores};
use crate::survey::Issue;

/// What the person running the report says about it; nothing here comes
/// from the clock or the environment.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    pub title: Option<String>,
    pub organization: Option<String>,
    pub survey_label: String,
    pub date: Option<String>,
}

/// How many unreadable cells the method section lists by name.
const UNREADABLE_EXAMPLES: usize = 5;

pub fn build(rubric: &Rubric, scores: &Scores, opts: &ReportOptions) -> Report {
    build_with_history(rubric, scores, opts, None)
}

/// As [`build`], for a workspace: the history of its waves feeds the
/// priority rule (a clear fall since the last wave) and the report.
pub fn build_with_history(
    rubric: &Rubric,
    scores: &Scores,
    opts: &ReportOptions,
    history: Option<History>,
) -> Report {
    let mut refs = References::default();
    let mut dimensions: Vec<DimensionSection> = rubric
        .dimensions
        .iter()
        .zip(&scores.dimensions)
        .map(|(d, s)| dimension(rubric, d, s, &mut refs))
        .collect();
    if let Some(h) = &history {
        for (dim, id, change) in &h.items {
            let row = dimensions
                .iter_mut()
                .filter(|d| &d.id == dim)
                .flat_map(|d| d.questions.iter_mut())
                .find(|q| &q.id == id);
            if let Some(row) = row {
                row.change = Some(change.clone());
            }
        }
    }
    let ranking = super::priority::rank(rubric, &dimensions, scores, history.as_ref());
    for (i, d) in dimensions.iter_mut().enumerate() {
        d.urgency = ranking.chips[i].as_ref().map(|c| c.0);
        d.chip = ranking.chips[i].as_ref().map(|c| c.1.clone());
        d.priority = ranking
            .priorities
            .iter()
            .position(|&p| p == i)
            .map(|p| p + 1);
        d.strength = ranking.strengths.contains(&i);
    }
    let mut summary = summary(rubric, scores, &dimensions, &ranking);
    (summary.hot_spots, summary.bright_spots) =
        super::spots::spots(scores, &dimensions, history.as_ref());
    summary.change_chips = change_chips(&dimensions, history.as_ref());
    let key_figures = key_figures(rubric, scores, history.as_ref());
    let (action_plan, appendix) = action_plan(&mut dimensions, &ranking);
    let overall_score = scores.overall.score;
    Report {
        schema: SCHEMA,
        title: opts
            .title
            .clone()
            .unwrap_or_else(|| format!("{}: results", rubric.title)),
        organization: opts.organization.clone(),
        survey_label: opts.survey_label.clone(),
        date: opts.date.clone(),
        rubric: RubricInfo {
            id: rubric.id.clone(),
            title: rubric.title.clone(),
            version: rubric.version.clone(),
            scale_min: rubric.scale.min,
            scale_max: rubric.scale.max,
            scale_labels: rubric.scale.labels.clone(),
            missing_labels: rubric.scale.missing.clone(),
            staged: rubric.staged(),
            level_rule: practices::level_rule(rubric),
        },
        respondents: Respondents {
            read: scores.respondents.read,
            scored: scores.respondents.scored,
            excluded: scores.respondents.excluded_total(),
        },
        overall: Overall {
            score: overall_score,
            score_text: overall_score.map(|s| score_text(s, next_level(rubric, s).as_ref())),
            level: scores.overall.level.clone(),
            level_label: scores.overall.level.as_ref().map(|l| {
                if scores.overall.level_uncertain == Some(true) {
                    format!("{l}, uncertain")
                } else {
                    l.clone()
                }
            }),
            level_description: scores
                .overall
                .level
                .as_deref()
                .and_then(|l| rubric.levels.iter().find(|x| x.name == l))
                .map(|l| l.description.clone()),
            // Staged: the next level is reached dimension by dimension,
            // not by points of the overall score.
            next_level: overall_score
                .filter(|_| !rubric.staged())
                .and_then(|s| next_level(rubric, s)),
        },
        key_figures,
        summary,
        levels: levels(rubric),
        dimensions,
        breakdowns: breakdowns(scores),
        action_plan,
        appendix,
        references: refs.finish(rubric),
        data_quality: data_quality(scores),
        outcome: super::drivers::outcome(rubric, scores),
        drivers: super::drivers::drivers(rubric, scores),
        history,
        comments: super::comments::section(rubric, scores),
    }
}

/// "▲ Prompting +3" for each dimension that changed clearly since the last
/// wave, largest change first.
fn change_chips(dims: &[DimensionSection], history: Option<&History>) -> Vec<String> {
    let Some(h) = history else {
        return Vec::new();
    };
    let mut out: Vec<(f64, String)> = h
        .dimensions
        .iter()
        .filter_map(|c| {
            let ch = c.change.since_previous.as_ref()?;
            let mark = match ch.verdict {
                crate::trend::Verdict::Improved => "▲",
                crate::trend::Verdict::Declined => "▼",
                crate::trend::Verdict::NoClearChange => return None,
            };
            let name = dims.iter().find(|d| d.id == c.id)?.short_name.clone();
            Some((
                ch.delta.abs(),
                format!("{mark} {name} {}", crate::trend::signed(ch.delta)),
            ))
        })
        .collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    out.into_iter().map(|(_, s)| s).collect()
}

/// The strip of key figures on the executive page. Organization totals only.
fn key_figures(rubric: &Rubric, scores: &Scores, history: Option<&History>) -> Vec<KeyFigure> {
    let mut out = Vec::new();
    let Some(score) = scores.overall.score else {
        return out;
    };
    let half = scores.overall.respondents.and_then(|r| {
        let sd = r.sd?;
        (r.n >= 2).then(|| crate::score::stats::t_975(r.n - 1) * sd / (r.n as f64).sqrt())
    });
    out.push(KeyFigure {
        label: "Overall score".into(),
        value: score_text(score, next_level(rubric, score).as_ref()),
        note: half.map_or("of 100".into(), |h| {
            format!(
                "of 100; 95% interval {}–{}",
                (score - h).max(0.0).round() as i64,
                (score + h).min(100.0).round() as i64
            )
        }),
    });
    if let Some(l) = &scores.overall.level {
        let uncertain = scores.overall.level_uncertain == Some(true);
        out.push(KeyFigure {
            label: "Level".into(),
            value: l.clone(),
            note: if rubric.staged() {
                format!(
                    "the weakest dimension’s{}",
                    if uncertain { ", uncertain" } else { "" }
                )
            } else {
                next_level(rubric, score).map_or("the top level".into(), |n| {
                    format!("{} below {}", n.gap_text, n.name)
                })
            },
        });
    }
    if let Some(h) = history {
        if let (Some(prev), Some(c)) = (&h.previous, &h.overall.since_previous) {
            out.push(KeyFigure {
                label: format!("Since {prev}"),
                value: crate::trend::signed(c.delta),
                note: c.words.clone(),
            });
        }
        let invited: u64 = h.participation.iter().map(|p| p.invited).sum();
        if invited > 0 {
            let n = scores.respondents.scored;
            out.push(KeyFigure {
                label: "Response rate".into(),
                value: format!("{}%", (100.0 * n as f64 / invited as f64).round() as i64),
                note: format!("{n} of {invited} invited"),
            });
        }
    }
    out
}

fn levels(rubric: &Rubric) -> Vec<LevelInfo> {
    rubric
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| LevelInfo {
            name: l.name.clone(),
            min: l.min,
            max: rubric.levels.get(i + 1).map_or(100.0, |n| n.min),
            description: l.description.clone(),
        })
        .collect()
}

pub fn next_level(rubric: &Rubric, score: f64) -> Option<NextLevel> {
    rubric
        .levels
        .iter()
        .find(|l| l.min > score)
        .map(|l| NextLevel {
            name: l.name.clone(),
            min: l.min,
            gap: l.min - score,
            gap_text: gap_text(l.min - score),
            text: format!("{} below {}", gap_text(l.min - score), l.name),
        })
}

/// A score for prose: a whole number, unless rounding would reach the next
/// level's threshold while the level shown is the lower one ("50
/// (Starting)" for 49.5); then one decimal, rounded down (49.5).
pub fn score_text(score: f64, next: Option<&NextLevel>) -> String {
    let whole = score.round();
    match next {
        Some(n) if whole >= n.min => format!("{:.1}", (score * 10.0).floor() / 10.0),
        _ => format!("{}", whole as i64),
    }
}

/// The distance to the next level in words.
pub fn gap_text(gap: f64) -> String {
    if gap < 1.0 {
        "less than 1 point".to_string()
    } else {
        crate::text::plural(gap.round() as usize, "point")
    }
}

/// A recommendation title inside a sentence: its first letter lowered,
/// unless the first word is an acronym ("AI-assisted", "RAG").
fn in_sentence(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if b.is_lowercase() => a
            .to_lowercase()
            .chain(std::iter::once(b))
            .chain(chars)
            .collect(),
        _ => title.to_string(),
    }
}

/// Citation numbers in order of first appearance in the report.
#[derive(Default)]
struct References {
    keys: Vec<String>,
}

impl References {
    fn number(&mut self, key: &str) -> usize {
        match self.keys.iter().position(|k| k == key) {
            Some(i) => i + 1,
            None => {
                self.keys.push(key.to_string());
                self.keys.len()
            }
        }
    }

    fn finish(self, rubric: &Rubric) -> Vec<Reference> {
        self.keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| {
                // Validation guarantees every cited key resolves.
                let p = rubric.bibliography.get(k)?;
                Some(Reference {
                    number: i + 1,
                    key: p.key.clone(),
                    authors: p.short_authors(),
                    title: p.title.clone(),
                    venue: p.venue.clone(),
                    year: p.year,
                    url: crate::bibliography::link(&p.url).unwrap_or_default(),
                })
            })
            .collect()
    }
}

/// A reading of Cronbach's alpha for people who have never heard of it.
pub fn alpha_reading(alpha: Option<f64>) -> String {
    match alpha {
        None => "not enough answers to judge how consistently the questions measure this".into(),
        // Pairwise estimates from few, patchy answers can leave 0-1.
        Some(a) if a > 1.0 => {
            "not enough complete answers to judge: the estimate falls outside its 0–1 range".into()
        }
        Some(a) if a >= 0.8 => "the questions agree well: the score is a reliable summary".into(),
        Some(a) if a >= 0.7 => "the questions agree acceptably: the score is a fair summary".into(),
        Some(a) if a >= 0.5 => {
            "the questions agree only partly: read the questions one by one, not just the score"
                .into()
        }
        Some(_) => {
            "the questions do not agree: the score mixes different things; read each question"
                .into()
        }
    }
}

fn dimension(
    rubric: &Rubric,
    d: &Dimension,
    s: &DimensionScore,
    refs: &mut References,
) -> DimensionSection {
    let st = &s.stats;
    let questions: Vec<QuestionRow> = d
        .questions
        .iter()
        .zip(&s.questions)
        .map(|(q, qs)| {
            let points = q.scale.points();
            let dist: &[u64] = qs.distribution.as_deref().unwrap_or(&[]);
            let total: u64 = dist.iter().sum();
            // Least to most favorable: reverse-keyed questions flip.
            let order: Vec<usize> = if q.reverse {
                (0..points).rev().collect()
            } else {
                (0..points).collect()
            };
            let shares = if total == 0 {
                Vec::new()
            } else {
                order
                    .iter()
                    .map(|&p| 100.0 * dist[p] as f64 / total as f64)
                    .collect()
            };
            let share_labels = order
                .iter()
                .map(|&p| {
                    let v = q.scale.min + p as i64;
                    q.scale
                        .label(v)
                        .map_or_else(|| v.to_string(), str::to_string)
                })
                .collect();
            QuestionRow {
                id: q.id.clone(),
                text: q.text.clone(),
                reverse: q.reverse,
                measured: qs.measured,
                suppressed: qs.suppressed,
                n: qs.n,
                score: qs.score,
                raw_mean: qs.raw_mean,
                item_total_r: qs.item_total_r,
                shares,
                share_labels,
                level: qs.level.clone(),
                status: qs.status.map(|x| practices::status_text(x).to_string()),
                favorable_pct: qs.favorable_pct,
                not_sure_pct: qs.not_sure_pct,
                change: None,
            }
        })
        .collect();
    let mut low: Vec<&QuestionRow> = questions
        .iter()
        .filter(|q| matches!((q.score, st.score), (Some(a), Some(b)) if a < b))
        .collect();
    low.sort_by(|a, b| {
        a.score
            .partial_cmp(&b.score)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let chosen: Vec<&crate::rubric::Recommendation> = match &st.level {
        Some(_) if rubric.staged() => practices::recommendations(d, s),
        Some(level) => d
            .recommendations
            .iter()
            .filter(|r| r.levels.contains(level))
            .collect(),
        None => Vec::new(),
    };
    let recommendations = chosen
        .into_iter()
        .map(|r| RecommendationRef {
            id: r.id.clone(),
            title: r.title.clone(),
            text: r.text.clone(),
            citations: r.cite.iter().map(|k| refs.number(k)).collect(),
            findings: r
                .evidence
                .iter()
                .filter_map(|e| Some((refs.number(&e.key), e.finding.clone()?)))
                .collect(),
            owner: r.owner.clone(),
            horizon: r.horizon,
            meta: practices::meta(d, r),
            plan_ref: String::new(),
        })
        .collect();
    let staged = rubric.staged();
    DimensionSection {
        id: d.id.clone(),
        name: d.name.clone(),
        short_name: d.short_name.clone(),
        description: d.description.clone(),
        weight: d.weight,
        measured: s.measured,
        suppressed: st.suppressed,
        n: st.n,
        score: st.score,
        score_text: st
            .score
            .map(|x| score_text(x, next_level(rubric, x).as_ref())),
        sd: st.sd,
        ci95: st.ci95,
        level: st.level.clone(),
        level_label: practices::level_label(s),
        level_uncertain: st.level_uncertain == Some(true),
        next_level: if staged {
            practices::next_level(rubric, s)
        } else {
            st.score.and_then(|x| next_level(rubric, x))
        },
        applies_to_pct: s.applies_to_pct,
        not_sure_pct: s.not_sure_pct,
        missing_practices: practices::missing_practices(d, s),
        favorable_pct: st.favorable_pct,
        neutral_pct: st.neutral_pct,
        unfavorable_pct: st.unfavorable_pct,
        alpha: s.alpha,
        alpha_reading: alpha_reading(s.alpha),
        pulling_down: low.iter().take(2).map(|q| q.id.clone()).collect(),
        urgency: None,
        chip: None,
        priority: None,
        strength: false,
        questions,
        recommendations,
    }
}

fn summary(
    rubric: &Rubric,
    scores: &Scores,
    dims: &[DimensionSection],
    ranking: &super::priority::Ranking,
) -> Summary {
    let headline = match (&scores.overall.score, &scores.overall.level) {
        (Some(s), Some(l)) if rubric.staged() => {
            let measured = dims.iter().filter(|d| d.score.is_some()).count();
            format!(
                "Overall readiness is {} out of 100; the organization is at {l}{}, the level its weakest dimension has reached, from {} respondents across {measured} of {} dimensions.",
                score_text(*s, None),
                if scores.overall.level_uncertain == Some(true) { " (uncertain)" } else { "" },
                scores.respondents.scored,
                dims.len()
            )
        }
        (Some(s), Some(l)) => {
            let measured = dims.iter().filter(|d| d.score.is_some()).count();
            format!(
                "Overall readiness is {} out of 100 ({l}), from {} respondents across {measured} of {} dimensions.",
                score_text(*s, next_level(rubric, *s).as_ref()),
                scores.respondents.scored,
                dims.len()
            )
        }
        _ => "No dimension could be scored.".to_string(),
    };
    let statement = |i: usize, text: String| Statement {
        dimension_id: dims[i].id.clone(),
        text,
        chip: ranking.chips[i]
            .as_ref()
            .map_or(String::new(), |c| c.1.clone()),
    };
    let priorities: Vec<Statement> = ranking
        .priorities
        .iter()
        .map(|&i| {
            let d = &dims[i];
            let next = d.next_level.as_ref().expect("a priority has a next level");
            let first = d.recommendations.first().map_or(String::new(), |r| {
                let owner = r
                    .owner
                    .as_ref()
                    .map_or(String::new(), |o| format!(" ({o})"));
                format!("; first step: {}{owner}", in_sentence(&r.title))
            });
            let text = if rubric.staged() {
                format!("{} is at {}: {}{first}.", d.name, d.level_label, next.text)
            } else {
                format!(
                    "{} scores {} ({}), {} short of {}{first}.",
                    d.name,
                    d.score_text.as_deref().unwrap_or(""),
                    d.level.as_deref().unwrap_or(""),
                    next.gap_text,
                    next.name
                )
            };
            statement(i, text)
        })
        .collect();
    // "Highest", not "strong" alone: the level beside the score says how
    // strong it is.
    let strengths: Vec<Statement> = ranking
        .strengths
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let d = &dims[i];
            let text = format!(
                "{} {}, at {} ({}), with {}% of answers favorable.",
                d.name,
                if n == 0 { "stands out" } else { "comes next" },
                d.score_text.as_deref().unwrap_or(""),
                d.level_label,
                d.favorable_pct.unwrap_or(0.0).round() as i64
            );
            Statement {
                chip: String::new(),
                ..statement(i, text)
            }
        })
        .collect();
    let scored = dims.iter().filter(|d| d.score.is_some()).count();
    Summary {
        headline,
        note: "One rule ranks the priorities everywhere in this report: the dimension’s weight times the mean of four parts — how far it is from its next level, the share of answers not favorable, a clear fall since the last survey (or half of it for two quarters without a clear change), and the share of groups 10 or more points below the organization. A dimension at the top level is never a priority. Strengths are dimensions with at least 60% favorable answers that are not priorities and score clearly above every priority when the same respondents’ scores are compared (paired tests, Holm-corrected). A dimension can be neither; neither list is filled up for its own sake.".into(),
        plan_note: "The steps for the priority dimensions, most urgent first; within a dimension, the step for its weakest missing practice first. The other recommendations follow in the appendix.".into(),
        priorities_empty: (ranking.priorities.is_empty()).then(|| {
            if scored == 0 {
                "No dimension could be scored.".to_string()
            } else {
                "No priority: every dimension shown has reached its top level.".to_string()
            }
        }),
        strengths_empty: ranking.strengths.is_empty().then(|| {
            "None stands out yet: no other dimension has 60% favorable answers and a score clearly above the priorities.".to_string()
        }),
        priority_note: ranking.note.clone(),
        priorities_heading: if ranking.note.is_some() {
            "Priorities (not clearly different: read as a group)".to_string()
        } else {
            "Priorities".to_string()
        },
        priorities,
        strengths,
        hot_spots: Vec::new(),
        bright_spots: Vec::new(),
        change_chips: Vec::new(),
    }
}

/// The action plan (at most five steps, for the priorities) and the
/// appendix (every other recommendation): each recommendation once.
fn action_plan(
    dims: &mut [DimensionSection],
    ranking: &super::priority::Ranking,
) -> (Vec<Action>, Vec<Action>) {
    const MAX_ACTIONS: usize = 5;
    let action = |d: &DimensionSection, r: &RecommendationRef, rank: usize| Action {
        rank,
        dimension_id: d.id.clone(),
        dimension_name: d.name.clone(),
        level: d.level.clone(),
        title: r.title.clone(),
        text: r.text.clone(),
        citations: r.citations.clone(),
        findings: r.findings.clone(),
        meta: r.meta.clone(),
    };
    // First steps of every priority, then their further steps.
    let mut order: Vec<(usize, usize)> = ranking
        .priorities
        .iter()
        .filter(|&&i| !dims[i].recommendations.is_empty())
        .map(|&i| (i, 0))
        .collect();
    for &i in &ranking.priorities {
        order.extend((1..dims[i].recommendations.len()).map(|j| (i, j)));
    }
    order.truncate(MAX_ACTIONS);
    let mut plan = Vec::new();
    for &(i, j) in &order {
        let a = action(&dims[i], &dims[i].recommendations[j], plan.len() + 1);
        dims[i].recommendations[j].plan_ref = format!("action {}", a.rank);
        plan.push(a);
    }
    let mut appendix = Vec::new();
    for (i, d) in dims.iter_mut().enumerate() {
        for j in 0..d.recommendations.len() {
            if order.contains(&(i, j)) {
                continue;
            }
            let a = action(d, &d.recommendations[j], appendix.len() + 1);
            d.recommendations[j].plan_ref = format!("appendix {}", a.rank);
            appendix.push(a);
        }
    }
    (plan, appendix)
}

fn breakdowns(scores: &Scores) -> Vec<Breakdown> {
    scores
        .input
        .group_columns
        .iter()
        .map(|column| Breakdown {
            column: column.clone(),
            dimensions: scores
                .dimensions
                .iter()
                .map(|d| d.stats.id.clone())
                .collect(),
            groups: scores
                .groups
                .iter()
                .filter(|g| &g.column == column)
                .map(|g| GroupRow {
                    value: g.value.clone(),
                    suppressed: g.suppressed,
                    n: g.n,
                    scores: g.dimensions.iter().map(|d| d.score).collect(),
                    hidden: g.dimensions.iter().map(|d| d.suppressed).collect(),
                    levels: g.dimensions.iter().map(|d| d.level.clone()).collect(),
                    overall: g.overall.score,
                })
                .collect(),
        })
        .collect()
}

fn data_quality(s: &Scores) -> DataQuality {
    // The file's name only: a report travels, and the folder it was made in
    // ("/home/jane/hr-exports/") is nobody's business.
    let file_name = std::path::Path::new(&s.input.file).file_name().map_or_else(
        || s.input.file.clone(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut excluded_reasons: Vec<(String, u64)> = s
        .respondents
        .excluded_by_reason
        .iter()
        .map(|(k, &n)| (k.clone(), n))
        .collect();
    excluded_reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let unreadable: Vec<&Issue> = s
        .issues
        .iter()
        .filter(|i| matches!(i, Issue::UnreadableCell { .. }))
        .collect();
    let missing_columns = s
        .dimensions
        .iter()
        .filter_map(|d| {
            let qs: Vec<String> = d
                .questions
                .iter()
                .filter(|q| !q.measured)
                .map(|q| q.id.clone())
                .collect();
            (!qs.is_empty()).then(|| (d.stats.id.clone(), qs))
        })
        .collect();
    DataQuality {
        file: file_name.clone(),
        encoding: s.input.encoding.clone(),
        delimiter: s.input.delimiter.clone(),
        source: match crate::survey::InputFormat::from_name(&s.input.layout) {
            Some(f) if f != crate::survey::InputFormat::Plain => {
                format!("{} export, {}", f.title(), s.input.encoding)
            }
            _ => s.input.encoding.clone(),
        },
        min_group_size: s.privacy.min_group_size,
        privacy_rule: crate::disclosure::rule(s.privacy.min_group_size),
        audit: crate::disclosure::audit_sentence(&s.privacy.audit),
        privacy_summary: format!(
            "{} {} hidden in this report. {}",
            crate::disclosure::rule(s.privacy.min_group_size),
            match s.groups.iter().filter(|g| g.suppressed).count() {
                1 => "1 group is".to_string(),
                n => format!("{n} groups are"),
            },
            crate::disclosure::audit_sentence(&s.privacy.audit)
        ),
        threshold_note: crate::disclosure::threshold_note(
            s.privacy.min_group_size,
            s.privacy.rubric_min_group_size,
        ),
        excluded_reasons,
        unreadable_cells: s.input.unreadable_cells,
        unreadable_text: crate::text::plural(s.input.unreadable_cells as usize, "unreadable cell"),
        unreadable_examples: unreadable
            .iter()
            .take(UNREADABLE_EXAMPLES)
            .map(|i| i.describe_unquoted(&file_name))
            .collect(),
        missing_columns,
        ignored_columns: s.input.ignored_columns.clone(),
        group_names: super::group_names::notes(s),
        suppressed_groups: s.groups.iter().filter(|g| g.suppressed).count() as u64,
    }
}
