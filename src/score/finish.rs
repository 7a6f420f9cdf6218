//! Accumulators -> published statistics, through disclosure control: what
//! [`crate::disclosure`] hides is never computed into the output, and the
//! output is audited before it is returned.

use super::engine::{GroupAcc, Pass, Plan};
use super::model::*;
use super::practice::{self, Status};
use super::{HiddenByName, ScoreError};
use crate::disclosure::{self, Cells, Decision, Forced, Sizes};
use crate::rubric::Rubric;
use crate::survey::answer::normalize;
use crate::survey::Layout;

impl Scores {
    /// Fills in the statistics from the accumulators.
    pub(super) fn finish(
        mut self,
        rubric: &Rubric,
        plan: &Plan,
        layout: &Layout,
        mut pass: Pass,
        k: u64,
        forced: Option<&HiddenByName>,
    ) -> Result<Scores, ScoreError> {
        let measured: Vec<bool> = plan.measured.iter().map(|&m| m > 0).collect();
        let org_dim_hidden: Vec<bool> = (0..measured.len())
            .map(|d| measured[d] && pass.groups[0].dims[d].n < k)
            .collect();
        overall_without(&mut pass, plan, &org_dim_hidden);

        let cells = Cells {
            column: std::iter::once(None)
                .chain(pass.group_keys.iter().map(|(c, _)| Some(*c)))
                .collect(),
            columns: layout.group_cols.len(),
        };
        let respondents: Vec<u64> = pass.groups.iter().map(|g| g.respondents).collect();
        let scored: Vec<Vec<u64>> = pass
            .groups
            .iter()
            .map(|g| g.dims.iter().map(|m| m.n).collect())
            .collect();
        let forced = forced.map(|f| by_index(f, layout, &pass, rubric));
        let sizes = Sizes {
            respondents: &respondents,
            scored: &scored,
        };
        let decision =
            disclosure::decide(&pass.atoms, &cells, &sizes, &measured, k, forced.as_ref());
        let audit = disclosure::audit(&pass.atoms, &cells, &sizes, &measured, &decision, k)
            .map_err(|leaks| ScoreError::Disclosure {
                path: self.input.file.clone(),
                count: leaks.len(),
                first: format!("{:?}", leaks[0]),
            })?;
        self.privacy.audit = audit;

        // Questions: hidden under k answers; a dimension's distributions
        // then count only its shown questions, so no subtraction reveals a
        // hidden one.
        let org = &pass.groups[0];
        let question_shown: Vec<bool> = plan
            .questions
            .iter()
            .map(|q| {
                let n: u64 = org.counts[q.offset..q.offset + q.points].iter().sum();
                q.col.is_some() && !org_dim_hidden[q.dim] && n >= k && n > 0
            })
            .collect();
        let practice_shown =
            self.practice_decision(plan, &pass, &cells, &decision, &question_shown, k)?;
        let org_stats = dimension_stats(
            rubric,
            plan,
            org,
            &org_dim_hidden,
            k,
            &question_shown,
            &question_shown,
        );
        self.overall = overall(rubric, &org_stats);
        self.overall.respondents = RespondentOverall::of(&org.overall.moments());
        for ((di, d), mut stats) in rubric.dimensions.iter().enumerate().zip(org_stats) {
            // The organization's statuses are on its questions.
            stats.practices = None;
            let (alpha, item_r) = reliability(&pass, plan, di, &question_shown);
            let assessment = (!stats.suppressed)
                .then(|| practice::assess(rubric, plan, di, &org.counts, k, &question_shown))
                .flatten();
            let qs = plan
                .questions
                .iter()
                .enumerate()
                .filter(|(_, q)| q.dim == di);
            let questions = d
                .questions
                .iter()
                .zip(qs)
                .map(|(q, (qi, qp))| {
                    let counts = &org.counts[qp.offset..qp.offset + qp.points];
                    let n: u64 = counts.iter().sum();
                    let shown = question_shown[qi];
                    let practice = assessment
                        .as_ref()
                        .and_then(|a| a.practices.iter().find(|p| p.question == qi));
                    let not_sure = org.counts[qp.offset + qp.points];
                    let mean_of = |f: &dyn Fn(usize) -> f64| {
                        (shown && n > 0).then(|| {
                            counts
                                .iter()
                                .enumerate()
                                .map(|(p, &c)| c as f64 * f(p))
                                .sum::<f64>()
                                / n as f64
                        })
                    };
                    QuestionScore {
                        id: q.id.clone(),
                        text: q.text.clone(),
                        reverse: q.reverse,
                        measured: qp.col.is_some(),
                        suppressed: qp.col.is_some() && !shown,
                        n: shown.then_some(n),
                        raw_mean: mean_of(&|p| (q.scale.min + p as i64) as f64),
                        score: mean_of(&|p| qp.item_score[p]),
                        item_total_r: item_r.get(&qi).copied().flatten(),
                        distribution: shown.then(|| counts.to_vec()),
                        level: q.level.clone(),
                        // Every rubric: the report's item figure, and its change
                        // between waves.
                        favorable_pct: (shown && n > 0).then(|| {
                            let (answered, favorable, _) = practice::tally(qp, &org.counts);
                            100.0 * favorable as f64 / answered as f64
                        }),
                        not_sure_pct: (shown && !q.scale.not_sure.is_empty())
                            .then(|| 100.0 * not_sure as f64 / (n + not_sure) as f64),
                        status: practice.map(|p| p.status),
                        borderline: practice
                            .filter(|p| p.status != Status::Unknown)
                            .map(|p| p.borderline),
                    }
                })
                .collect();
            let in_dim = || {
                plan.questions
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.dim == di)
            };
            let offers = |f: fn(&crate::rubric::Scale) -> bool| {
                measured[di] && d.questions.iter().any(|q| f(&q.scale))
            };
            let applies_to_pct = offers(|s| !s.not_applicable.is_empty())
                .then(|| {
                    let all = org.respondents;
                    (all > 0).then(|| 100.0 * (all - org.not_applicable[di]) as f64 / all as f64)
                })
                .flatten();
            let not_sure_pct = (offers(|s| !s.not_sure.is_empty()) && !stats.suppressed)
                .then(|| {
                    let (mut ns, mut all) = (0u64, 0u64);
                    for (_, qp) in in_dim().filter(|(qi, _)| question_shown[*qi]) {
                        let block = &org.counts[qp.offset..qp.offset + qp.points + 1];
                        ns += block[qp.points];
                        all += block.iter().sum::<u64>();
                    }
                    (all > 0).then(|| 100.0 * ns as f64 / all as f64)
                })
                .flatten();
            let next_level = assessment
                .as_ref()
                .and_then(|a| a.next_missing(rubric.levels.len()))
                .map(|(level, missing, in_place, total)| NextPractices {
                    level: rubric.levels[level].name.clone(),
                    in_place,
                    total,
                    missing: missing
                        .iter()
                        .map(|p| plan.questions[p.question].id.clone())
                        .collect(),
                });
            self.dimensions.push(DimensionScore {
                name: d.name.clone(),
                weight: d.weight,
                measured: measured[di],
                alpha: if stats.suppressed { None } else { alpha },
                applies_to_pct,
                not_sure_pct,
                next_level,
                stats,
                questions,
            });
        }
        let shown = Shown {
            questions: &question_shown,
            practices: &practice_shown,
        };
        self.groups = group_scores(rubric, plan, layout, &pass, k, &decision, &shown);
        self.paired = paired(rubric, &pass, &self.dimensions, k);
        self.comments = crate::comments::publish(
            rubric,
            layout,
            std::mem::take(&mut pass.comments),
            &cells,
            &decision.group_hidden,
            &pass.group_keys,
            k,
        )
        .map_err(|leaks| ScoreError::Disclosure {
            path: self.input.file.clone(),
            count: leaks.len(),
            first: format!("{:?}", leaks[0]),
        })?;
        if let Some(c) = &self.comments {
            self.privacy.audit.add(&c.audit);
        }
        self.outcome_index(rubric, plan, layout, &pass, &cells, &decision, k)?;
        // The audit proved the decision safe; this proves the output keeps
        // to it (a bug in building it then stops the command, not a leak).
        if let Some(what) = outside(&self, &decision, layout, &pass) {
            return Err(ScoreError::Disclosure {
                path: self.input.file.clone(),
                count: 1,
                first: what,
            });
        }
        Ok(self)
    }
}

impl Scores {
    /// Which group practice statuses may be published (staged rubrics):
    /// per cell, per plan question, whether a levelled question's status
    /// may be used there. Registered with the disclosure audit as one layer
    /// per practice ([`crate::disclosure::protect_practices`]).
    fn practice_decision(
        &mut self,
        plan: &Plan,
        pass: &Pass,
        cells: &Cells,
        decision: &Decision,
        question_shown: &[bool],
        k: u64,
    ) -> Result<Vec<Vec<bool>>, ScoreError> {
        let ncells = cells.column.len();
        let mut published: Vec<Vec<bool>> = plan
            .levelled
            .iter()
            .map(|&qi| {
                let q = &plan.questions[qi];
                (0..ncells)
                    .map(|c| {
                        let n: u64 = pass.groups[c].counts[q.offset..q.offset + q.points]
                            .iter()
                            .sum();
                        question_shown[qi]
                            && (c == 0
                                || (!decision.group_hidden[c]
                                    && !decision.cell_hidden[c][q.dim]
                                    && n >= k))
                    })
                    .collect()
            })
            .collect();
        let names: Vec<String> = plan
            .levelled
            .iter()
            .map(|&qi| plan.questions[qi].id.clone())
            .collect();
        let withheld = disclosure::protect_practices(&pass.atoms, cells, &names, &mut published, k);
        let audit = disclosure::audit_practices(&pass.atoms, cells, &names, &published, k)
            .map_err(|leaks| ScoreError::Disclosure {
                path: self.input.file.clone(),
                count: leaks.len(),
                first: format!("{:?}", leaks[0]),
            })?;
        self.privacy.audit.add(&audit);
        self.privacy.audit.secondary_suppressions += withheld;
        // Per cell, per plan question.
        Ok((0..ncells)
            .map(|c| {
                let mut shown = question_shown.to_vec();
                for (p, &qi) in plan.levelled.iter().enumerate() {
                    shown[qi] = published[p][c];
                }
                shown
            })
            .collect())
    }
}

/// Paired tests between the organization's shown dimensions. Totals of the
/// organization only: no group cell, so nothing for linked tables.
fn paired(rubric: &Rubric, pass: &Pass, dims: &[DimensionScore], k: u64) -> Vec<Paired> {
    let nd = dims.len();
    let mut out = Vec::new();
    if pass.pairs.len() != nd * nd {
        return out;
    }
    for i in 0..nd {
        for j in i + 1..nd {
            let shown = |d: &DimensionScore| d.measured && d.stats.score.is_some();
            let m = &pass.pairs[i * nd + j];
            if !shown(&dims[i]) || !shown(&dims[j]) || m.n < k.max(2) {
                continue;
            }
            if let Some((t, p)) = super::stats::paired_t(m) {
                out.push(Paired {
                    a: rubric.dimensions[i].id.clone(),
                    b: rubric.dimensions[j].id.clone(),
                    n: m.n,
                    t,
                    a_higher: m.mean().is_some_and(|d| d > 0.0),
                    p,
                });
            }
        }
    }
    out
}

/// A figure the output shows that the decision hid, if any.
fn outside(s: &Scores, decision: &Decision, layout: &Layout, pass: &Pass) -> Option<String> {
    for (d, dim) in s.dimensions.iter().enumerate() {
        if decision.org_dim_hidden[d] && (dim.stats.score.is_some() || dim.stats.n.is_some()) {
            return Some(format!("dimension {} of the organization", dim.stats.id));
        }
    }
    let cells: std::collections::HashMap<(&str, &str), usize> = pass
        .group_keys
        .iter()
        .enumerate()
        .map(|(i, (c, v))| ((layout.group_cols[*c].0.as_str(), v.as_str()), i + 1))
        .collect();
    for g in &s.groups {
        let Some(&c) = cells.get(&(g.column.as_str(), g.value.as_str())) else {
            return Some(format!(
                "{} {}: not a group of this file",
                g.column, g.value
            ));
        };
        let shown = g.n.is_some() || g.overall.score.is_some() || g.overall.respondents.is_some();
        if decision.group_hidden[c] && shown {
            return Some(format!("{} {}", g.column, g.value));
        }
        for (d, dim) in g.dimensions.iter().enumerate() {
            let shown = dim.score.is_some() || dim.n.is_some() || dim.distribution.is_some();
            if decision.cell_hidden[c][d] && shown {
                return Some(format!("{} {}, dimension {}", g.column, g.value, dim.id));
            }
        }
    }
    None
}

/// Respondents' own overall scores may only mix dimensions that are shown:
/// those scored on a dimension hidden for the whole organization (at most
/// k - 1 people, all kept by the engine) get it taken out again.
fn overall_without(pass: &mut Pass, plan: &Plan, hidden: &[bool]) {
    let mut seen = std::collections::BTreeSet::new();
    let rows: Vec<_> = (0..hidden.len())
        .filter(|&d| hidden[d])
        .flat_map(|d| pass.rare[d].iter())
        .filter(|r| seen.insert(r.seq))
        .cloned()
        .collect();
    for row in rows {
        let mean = |skip: &[bool]| {
            let (mut s, mut w) = (0.0, 0.0);
            for (d, x) in row.dims.iter().enumerate() {
                if let (Some(x), false) = (x, skip[d]) {
                    s += plan.dim_weights[d] * x;
                    w += plan.dim_weights[d];
                }
            }
            (w > 0.0).then(|| s / w)
        };
        let before = mean(&vec![false; hidden.len()]);
        let after = mean(hidden);
        for &g in row.members.iter() {
            let m = &mut pass.groups[g as usize].overall;
            if let Some(b) = before {
                m.remove(b);
            }
            if let Some(a) = after {
                m.add(a);
            }
        }
    }
}

/// Cronbach's alpha and item-total correlations over a dimension's shown
/// questions only (by plan index).
fn reliability(
    pass: &Pass,
    plan: &Plan,
    di: usize,
    shown: &[bool],
) -> (Option<f64>, std::collections::BTreeMap<usize, Option<f64>>) {
    let mut out = std::collections::BTreeMap::new();
    let Some(cov) = pass.cov[di].matrix() else {
        return (None, out);
    };
    // Measured questions in slot order, and which of them are shown.
    let measured: Vec<usize> = (0..plan.questions.len())
        .filter(|&i| plan.questions[i].dim == di && plan.questions[i].col.is_some())
        .collect();
    let keep: Vec<usize> = (0..measured.len())
        .filter(|&s| shown[measured[s]])
        .collect();
    let sub: Vec<Vec<f64>> = keep
        .iter()
        .map(|&i| keep.iter().map(|&j| cov[i][j]).collect())
        .collect();
    for (r, &s) in super::stats::item_total_r(&sub).into_iter().zip(&keep) {
        out.insert(measured[s], r);
    }
    (super::stats::cronbach_alpha(&sub), out)
}

/// Hidden groups and cells named in `f`, as cell indices of this scoring.
fn by_index(f: &HiddenByName, layout: &Layout, pass: &Pass, rubric: &Rubric) -> Forced {
    let ncells = pass.group_keys.len() + 1;
    let mut out = Forced {
        groups: vec![false; ncells],
        cells: vec![vec![false; rubric.dimensions.len()]; ncells],
    };
    for (i, (col, value)) in pass.group_keys.iter().enumerate() {
        let key = (normalize(&layout.group_cols[*col].0), normalize(value));
        out.groups[i + 1] = f.groups.contains(&key);
        for (d, dim) in rubric.dimensions.iter().enumerate() {
            out.cells[i + 1][d] = f
                .cells
                .contains(&(key.0.clone(), key.1.clone(), dim.id.clone()));
        }
    }
    out
}

pub(super) fn overall(rubric: &Rubric, dims: &[DimensionStats]) -> Overall {
    let (mut sum, mut weight) = (0.0, 0.0);
    for (d, s) in rubric.dimensions.iter().zip(dims) {
        if let Some(score) = s.score {
            sum += d.weight * score;
            weight += d.weight;
        }
    }
    let score = (weight > 0.0).then(|| sum / weight);
    if rubric.staged() {
        // A chain is as strong as its weakest link: the organization is at
        // the lowest level a shown dimension attains.
        let lowest = dims
            .iter()
            .filter_map(|s| Some((rubric.level_index(s.level.as_deref()?)?, s.level_uncertain)))
            .min_by_key(|(i, _)| *i);
        let uncertain = lowest.map(|(i, _)| {
            dims.iter().any(|s| {
                s.level.as_deref().and_then(|l| rubric.level_index(l)) == Some(i)
                    && s.level_uncertain == Some(true)
            })
        });
        return Overall {
            score,
            level: lowest.map(|(i, _)| rubric.levels[i].name.clone()),
            level_uncertain: uncertain,
            respondents: None,
        };
    }
    Overall {
        score,
        level: score.map(|s| rubric.level_for(s).name.clone()),
        level_uncertain: None,
        respondents: None,
    }
}

/// Per-dimension statistics of one population; `hidden[d]` forces a
/// dimension to be suppressed; distributions count shown questions only.
fn dimension_stats(
    rubric: &Rubric,
    plan: &Plan,
    acc: &GroupAcc,
    hidden: &[bool],
    k: u64,
    question_shown: &[bool],
    practice_shown: &[bool],
) -> Vec<DimensionStats> {
    rubric
        .dimensions
        .iter()
        .enumerate()
        .map(|(di, d)| {
            let m = &acc.dims[di];
            let suppressed = hidden[di] || (plan.measured[di] > 0 && m.n < k);
            let shown = plan.measured[di] > 0 && !suppressed && m.n > 0;
            // Answer counts by favorability position, over shown questions.
            let qs: Vec<_> = plan
                .questions
                .iter()
                .enumerate()
                .filter(|(i, q)| q.dim == di && question_shown[*i])
                .map(|(_, q)| q)
                .collect();
            let same_scale = qs.windows(2).all(|w| w[0].points == w[1].points);
            let mut by_position = vec![0u64; qs.first().map_or(0, |q| q.points)];
            let (mut fav, mut neu, mut unf) = (0u64, 0u64, 0u64);
            for q in &qs {
                for p in 0..q.points {
                    let c = acc.counts[q.offset + p];
                    let pos = q.position[p];
                    if same_scale {
                        by_position[pos] += c;
                    }
                    match practice::band(pos, q.points) {
                        practice::Band::Favorable => fav += c,
                        practice::Band::Unfavorable => unf += c,
                        practice::Band::Neutral => neu += c,
                    }
                }
            }
            let total = (fav + neu + unf) as f64;
            let pct = |c: u64| (shown && total > 0.0).then(|| 100.0 * c as f64 / total);
            let score = if shown { m.mean() } else { None };
            // Staged: from the practices, where the cell is shown.
            let (level, level_uncertain, practices) = if rubric.staged() {
                match shown
                    .then(|| practice::assess(rubric, plan, di, &acc.counts, k, practice_shown))
                    .flatten()
                {
                    Some(a) => (
                        Some(rubric.levels[a.level].name.clone()),
                        Some(a.uncertain),
                        Some(
                            a.practices
                                .iter()
                                .map(|p| PracticeCell {
                                    id: plan.questions[p.question].id.clone(),
                                    status: p.status,
                                })
                                .collect(),
                        ),
                    ),
                    None => (None, None, None),
                }
            } else {
                (score.map(|s| rubric.level_for(s).name.clone()), None, None)
            };
            DimensionStats {
                id: d.id.clone(),
                n: (!suppressed && plan.measured[di] > 0).then_some(m.n),
                score,
                sd: if shown { m.sd() } else { None },
                ci95: if shown { m.ci95((0.0, 100.0)) } else { None },
                level,
                level_uncertain,
                practices,
                favorable_pct: pct(fav),
                neutral_pct: pct(neu),
                unfavorable_pct: pct(unf),
                distribution: (shown && same_scale && !qs.is_empty()).then_some(by_position),
                suppressed,
            }
        })
        .collect()
}

/// What may be shown per question: for the organization, and per cell the
/// practice statuses the disclosure audit cleared.
struct Shown<'a> {
    questions: &'a [bool],
    practices: &'a [Vec<bool>],
}

fn group_scores(
    rubric: &Rubric,
    plan: &Plan,
    layout: &Layout,
    pass: &Pass,
    k: u64,
    decision: &Decision,
    shown: &Shown,
) -> Vec<GroupScore> {
    let mut out = Vec::new();
    // Only the breakdowns asked for are published; the others were read
    // for the decision alone.
    for (gi, (column, _)) in layout.group_cols[..layout.published_groups]
        .iter()
        .enumerate()
    {
        // This breakdown's groups, sorted by value for stable output.
        let mut members: Vec<(usize, &String)> = pass
            .group_keys
            .iter()
            .enumerate()
            .filter(|(_, (c, _))| *c == gi)
            .map(|(i, (_, v))| (i + 1, v))
            .collect();
        members.sort_by(|a, b| a.1.cmp(b.1));
        for &(g, value) in &members {
            let acc = &pass.groups[g];
            let hidden = decision.group_hidden[g];
            let dims = dimension_stats(
                rubric,
                plan,
                acc,
                &decision.cell_hidden[g],
                k,
                shown.questions,
                &shown.practices[g],
            );
            // Respondents' own overall scores mix every dimension they
            // answered: publish them only where each dimension the
            // organization shows is shown for this group too.
            let complete = (0..dims.len()).all(|d| {
                plan.measured[d] == 0 || decision.org_dim_hidden[d] || !dims[d].suppressed
            });
            out.push(GroupScore {
                column: column.clone(),
                value: value.clone(),
                suppressed: hidden,
                n: (!hidden).then_some(acc.respondents),
                overall: if hidden {
                    Overall {
                        score: None,
                        level: None,
                        level_uncertain: None,
                        respondents: None,
                    }
                } else {
                    Overall {
                        respondents: if complete {
                            RespondentOverall::of(&acc.overall.moments())
                        } else {
                            None
                        },
                        ..overall(rubric, &dims)
                    }
                },
                dimensions: dims,
            });
        }
    }
    out
}
