//! The outcome index: each respondent's answers to the rubric's outcome
//! items (`[outcome]`), scored like a dimension and apart from it.
//!
//! An answer scores `100 (v - min) / (max - min)` (reversed for a reverse
//! item), and a respondent's outcome index is the weighted mean of the items
//! they answered, when they answered at least half of the items the file
//! has: the rule of a dimension score. Only scored respondents (those with a
//! score on some dimension) have one. The organization's and each group's
//! index is the mean of its respondents' indexes with `n`, standard
//! deviation and a Student-t 95% interval, published through its own
//! disclosure layer ([`crate::disclosure::protect_outcome`]): the people with
//! an outcome index are not the people of any dimension.

use serde::Serialize;

use super::engine::{is_point, Pass, NO_ANSWER};
use super::stats::Moments;
use crate::rubric::Rubric;
use crate::survey::answer::{Answer, AnswerParser};
use crate::survey::input::decode_cell;
use crate::survey::{Issue, Layout};

/// One outcome item, precomputed before reading.
pub struct OutcomeItem {
    pub id: String,
    pub col: Option<usize>,
    pub parser: AnswerParser,
    pub weight: f64,
    /// 0-100 score of each point after reverse keying.
    pub item_score: Vec<f64>,
}

/// The outcome items of a rubric as the file has them.
pub struct OutcomePlan {
    pub items: Vec<OutcomeItem>,
    /// Items the file has a column for.
    pub measured: usize,
}

impl OutcomePlan {
    /// `None` when the rubric has no outcome items. The layout lists their
    /// columns after the dimensions' questions.
    pub fn new(rubric: &Rubric, layout: &Layout) -> Option<OutcomePlan> {
        let o = rubric.outcome.as_ref()?;
        let first = rubric.questions().count();
        let items: Vec<OutcomeItem> = o
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let points = q.scale.points();
                let step = 100.0 / (points - 1) as f64;
                OutcomeItem {
                    id: q.id.clone(),
                    col: layout.question_cols.get(first + i).copied().flatten(),
                    parser: AnswerParser::new(&q.scale).numbered(layout.numbered_choices),
                    weight: q.weight,
                    item_score: (0..points)
                        .map(|p| if q.reverse { points - 1 - p } else { p } as f64 * step)
                        .collect(),
                }
            })
            .collect();
        Some(OutcomePlan {
            measured: items.iter().filter(|i| i.col.is_some()).count(),
            items,
        })
    }

    /// A respondent's outcome index from their points (one per item,
    /// `NO_ANSWER` or another non-answer where not answered).
    pub fn index(&self, points: &[u8]) -> Option<f64> {
        let (mut sum, mut weight, mut answered) = (0.0, 0.0, 0usize);
        for (item, &p) in self.items.iter().zip(points) {
            if is_point(p) {
                sum += item.weight * item.item_score[p as usize];
                weight += item.weight;
                answered += 1;
            }
        }
        (self.measured > 0 && answered * 2 >= self.measured).then(|| sum / weight)
    }

    /// Reads a row's outcome cells into `out`, one point per item; an
    /// unreadable cell is an issue like any other and counts as not
    /// answered. Returns whether the row has an outcome index.
    /// Writes a row's outcome points (`pre`: as parsed, see
    /// `score::parse`) to `out`, noting its unreadable cells; returns
    /// whether the row has an outcome index.
    pub(super) fn read_row(
        &self,
        pass: &mut Pass,
        layout: &Layout,
        record: super::split::Record<'_>,
        row: u64,
        pre: &[u8],
        out: &mut Vec<u8>,
    ) -> bool {
        let start = out.len();
        for (item, &p) in self.items.iter().zip(pre) {
            let mut point = p;
            if p == super::parse::UNREADABLE {
                point = NO_ANSWER;
                let c = item.col.expect("only a column's cell is unreadable");
                let cell = record.get(c).unwrap_or_default();
                let Answer::Unreadable(why) = item.parser.parse(cell) else {
                    unreachable!("parsed as unreadable before")
                };
                pass.unreadable_cells += 1;
                let value = decode_cell(cell.trim_ascii()).into_owned();
                let reason = if pass.issues.len() < super::MAX_LISTED_ISSUES {
                    item.parser.explain_cell(why, &value)
                } else {
                    String::new()
                };
                super::engine::note(
                    pass,
                    Issue::UnreadableCell {
                        row,
                        column: layout.names[c].clone(),
                        question: item.id.clone(),
                        value,
                        reason,
                    },
                );
            }
            out.push(point);
        }
        self.index(&out[start..]).is_some()
    }
}

/// The outcome index of one population.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndexStats {
    /// Respondents with an outcome index; `None` when suppressed.
    pub n: Option<u64>,
    /// Mean of the respondents' 0-100 outcome indexes.
    pub score: Option<f64>,
    pub sd: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub suppressed: bool,
}

impl IndexStats {
    pub(super) fn of(m: &Moments, shown: bool) -> IndexStats {
        let shown = shown && m.n > 0;
        IndexStats {
            n: shown.then_some(m.n),
            score: if shown { m.mean() } else { None },
            sd: if shown { m.sd() } else { None },
            ci95: if shown { m.ci95((0.0, 100.0)) } else { None },
            suppressed: !shown,
        }
    }
}

/// A group's outcome index.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeGroup {
    pub column: String,
    pub value: String,
    #[serde(flatten)]
    pub stats: IndexStats,
}

/// The `outcome` of the score document.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeScore {
    pub id: String,
    pub name: String,
    /// False when the file has no column for any outcome item.
    pub measured: bool,
    /// Outcome items the file has a column for, of all the rubric's.
    pub items_measured: usize,
    pub items: usize,
    #[serde(flatten)]
    pub stats: IndexStats,
    /// Every group of every published breakdown, hidden ones included (with
    /// every figure `null`), in the order of `groups`.
    pub groups: Vec<OutcomeGroup>,
}

impl super::model::Scores {
    /// The outcome index of the organization and of every group, through
    /// its own disclosure layer, audited; then checked against the output.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn outcome_index(
        &mut self,
        rubric: &Rubric,
        plan: &super::engine::Plan,
        layout: &Layout,
        pass: &Pass,
        cells: &crate::disclosure::Cells,
        decision: &crate::disclosure::Decision,
        k: u64,
    ) -> Result<(), super::ScoreError> {
        let (Some(o), Some(op)) = (&rubric.outcome, &plan.outcome) else {
            return Ok(());
        };
        let ncells = cells.column.len();
        // Every group of every breakdown the decision covers, as for the
        // dimensions: whichever `--group-by` is asked, the same cells hide.
        let mut published: Vec<bool> = (0..ncells)
            .map(|c| {
                let n = pass.groups[c].outcome.n;
                n >= k && (c == 0 || !decision.group_hidden[c])
            })
            .collect();
        let hid = crate::disclosure::protect_outcome(&pass.atoms, cells, &mut published, k);
        let audit = crate::disclosure::audit_outcome(&pass.atoms, cells, &published, k).map_err(
            |leaks| super::ScoreError::Disclosure {
                path: self.input.file.clone(),
                count: leaks.len(),
                first: format!("{:?}", leaks[0]),
            },
        )?;
        self.privacy.audit.add(&audit);
        self.privacy.audit.secondary_suppressions += hid;
        let cell_of: std::collections::HashMap<(&str, &str), usize> = pass
            .group_keys
            .iter()
            .enumerate()
            .map(|(i, (c, v))| ((layout.group_cols[*c].0.as_str(), v.as_str()), i + 1))
            .collect();
        let mut groups = Vec::new();
        for g in &self.groups {
            let Some(&c) = cell_of.get(&(g.column.as_str(), g.value.as_str())) else {
                continue;
            };
            groups.push(OutcomeGroup {
                column: g.column.clone(),
                value: g.value.clone(),
                stats: IndexStats::of(&pass.groups[c].outcome, published[c]),
            });
        }
        // The output keeps to the decision (a bug in building it stops the
        // command rather than leaking).
        for g in &groups {
            let c = cell_of[&(g.column.as_str(), g.value.as_str())];
            if !published[c] && (g.stats.n.is_some() || g.stats.score.is_some()) {
                return Err(super::ScoreError::Disclosure {
                    path: self.input.file.clone(),
                    count: 1,
                    first: format!("outcome index of {} {}", g.column, g.value),
                });
            }
        }
        self.outcome = Some(OutcomeScore {
            id: o.id.clone(),
            name: o.name.clone(),
            measured: op.measured > 0,
            items_measured: op.measured,
            items: op.items.len(),
            stats: IndexStats::of(&pass.groups[0].outcome, published[0]),
            groups,
        });
        // Totals of the organization only, over the people of the model:
        // no group cell, so nothing for linked tables (as paired tests).
        let mut drivers =
            super::impact::analyse(rubric, &self.dimensions, published[0], &pass.drivers);
        if op.measured == 0 {
            drivers.reason = Some("the file has no column for the outcome items".into());
        }
        self.drivers = Some(drivers);
        Ok(())
    }
}
