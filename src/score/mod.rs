//! Scoring: survey file + rubric -> [`Scores`].
//!
//! The arithmetic: an answer `v` on `min..max` scores `100 (v - min) / (max -
//! min)`, reversed as `100 -` that for reverse-keyed questions. A respondent's
//! dimension score is the weighted mean of the questions they answered there,
//! when they answered at least half of the dimension's questions that the
//! file has. A population's dimension score is the mean of its respondents'
//! dimension scores; the overall score is the weighted mean of the shown
//! dimension scores.

mod engine;
pub mod model;
pub mod privacy;
pub mod stats;

use std::path::Path;

use crate::rubric::Rubric;
use crate::survey::input::{self, InputError};
use crate::survey::{formats, InputFormat, Layout, LayoutError};
use engine::{GroupAcc, Pass, Plan};
pub use engine::{MAX_LISTED_ISSUES, NOT_GIVEN};
use model::*;

/// Called now and then while a file is read, with the bytes read so far
/// (for a progress bar; scoring never depends on it).
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(u64) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    /// Breakdown columns; `None` uses the rubric's `[respondents] groups`.
    pub group_by: Option<Vec<String>>,
    /// Overrides the rubric's `[privacy] min_group_size`.
    pub min_group_size: Option<usize>,
    pub progress: Option<Progress>,
    /// The layout of the file: a survey tool's export, or plain.
    pub input_format: InputFormat,
}

#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("{path}: {source}")]
    Layout { path: String, source: LayoutError },
    #[error("{path}: {source}")]
    Format {
        path: String,
        source: crate::survey::formats::FormatError,
    },
    #[error("{path} has a header but no data rows")]
    NoRows { path: String },
    #[error("{path}: {message}")]
    Csv { path: String, message: String },
    #[error("{path}: only {scored} respondent(s) could be scored, fewer than the privacy threshold of {threshold}; no scores are shown so that no one's answers can be read off them{hint}")]
    TooFew {
        path: String,
        scored: u64,
        threshold: usize,
        /// Why so few, when unreadable cells are the likely reason.
        hint: String,
    },
}

pub fn score_file(rubric: &Rubric, path: &Path, opts: &ScoreOptions) -> Result<Scores, ScoreError> {
    let name = path.display().to_string();
    let csv_err = |e: csv::Error| ScoreError::Csv {
        path: name.clone(),
        message: e.to_string(),
    };
    let mut opened = input::open(path)?;
    // The first records tell the layout: some tools write up to three
    // header rows.
    let mut first = Vec::new();
    for _ in 0..3 {
        let mut record = csv::ByteRecord::new();
        if !opened
            .records
            .read_byte_record(&mut record)
            .map_err(csv_err)?
        {
            break;
        }
        first.push(record);
    }
    if first.is_empty() {
        return Err(InputError::Empty { path: name }.into());
    }
    // A header that is not UTF-8 makes the file Windows-1252 even when
    // every answer is plain ASCII.
    let header_not_utf8 = std::str::from_utf8(first[0].as_slice()).is_err();
    let rows: Vec<Vec<String>> = first
        .iter()
        .map(|r| {
            r.iter()
                .map(|h| input::decode_cell(h).trim().to_string())
                .collect()
        })
        .collect();
    let header =
        formats::header(opts.input_format, &rows).map_err(|source| ScoreError::Format {
            path: name.clone(),
            source,
        })?;
    let (groups, required) = match &opts.group_by {
        Some(g) => (g.clone(), true),
        None => (rubric.respondents.groups.clone(), false),
    };
    let layout =
        Layout::new(&header, rubric, &groups, required).map_err(|source| ScoreError::Layout {
            path: name.clone(),
            source,
        })?;
    let plan = Plan::new(rubric, &layout);
    // Read again from the top, past the header rows.
    let mut opened = opened.reopen(path)?;
    skip(&mut opened.records, header.rows).map_err(csv_err)?;
    let mut pass = engine::run(
        &mut opened.records,
        &layout,
        &plan,
        None,
        opts.progress.as_ref(),
    )
    .map_err(csv_err)?;
    let repeated = engine::repeated_ids(std::mem::take(&mut pass.ids));
    if !repeated.is_empty() {
        // Re-submissions: read again, keeping only each id's last row.
        let mut again = opened.reopen(path)?;
        skip(&mut again.records, header.rows).map_err(csv_err)?;
        pass = engine::run(
            &mut again.records,
            &layout,
            &plan,
            Some(&repeated),
            opts.progress.as_ref(),
        )
        .map_err(csv_err)?;
    }
    if pass.read == 0 {
        return Err(ScoreError::NoRows { path: name });
    }
    let threshold = opts.min_group_size.unwrap_or(rubric.privacy.min_group_size);
    let scored = pass.groups[0].respondents;
    if scored < threshold as u64 {
        let first = pass
            .issues
            .iter()
            .find(|i| matches!(i, crate::survey::Issue::UnreadableCell { .. }));
        let hint = match first {
            Some(first) => format!(
                " ({} cells could not be read as answers; the first: {})",
                pass.unreadable_cells,
                first.describe(&name)
            ),
            None => String::new(),
        };
        return Err(ScoreError::TooFew {
            path: name,
            scored,
            threshold,
            hint,
        });
    }
    let delimiter = match (opened.encoding, opened.delimiter) {
        (input::Encoding::Xlsx, _) => "none (Excel workbook)".to_string(),
        (_, b'\t') => "tab".to_string(),
        (_, d) => (d as char).to_string(),
    };
    let mut issues = layout.issues.clone();
    issues.append(&mut pass.issues);
    let overflow = issues.len().saturating_sub(MAX_LISTED_ISSUES);
    issues.truncate(MAX_LISTED_ISSUES);
    Ok(Scores {
        schema: SCHEMA,
        rubric: RubricRef {
            id: rubric.id.clone(),
            title: rubric.title.clone(),
            version: rubric.version.clone(),
        },
        input: InputInfo {
            file: name,
            layout: header.format.name().to_string(),
            layout_description: header.description(),
            encoding: if header_not_utf8 || pass.windows_1252_rows > 0 {
                "Windows-1252".to_string()
            } else {
                opened.encoding.name().to_string()
            },
            delimiter,
            windows_1252_rows: pass.windows_1252_rows,
            unreadable_cells: pass.unreadable_cells,
            group_columns: layout.group_cols.iter().map(|(g, _)| g.clone()).collect(),
            ignored_columns: layout.ignored.clone(),
        },
        privacy: PrivacyInfo {
            min_group_size: threshold,
        },
        respondents: RespondentCounts {
            read: pass.read,
            scored,
            excluded: std::mem::take(&mut pass.excluded),
        },
        overall: Overall {
            score: None,
            level: None,
            respondents: None,
        },
        dimensions: Vec::new(),
        groups: Vec::new(),
        issues,
        issues_not_listed: pass.issues_not_listed + overflow as u64,
    }
    .finish(rubric, &plan, &layout, &pass, threshold as u64))
}

/// Reads past the header rows.
fn skip<R: std::io::Read>(records: &mut csv::Reader<R>, rows: usize) -> Result<(), csv::Error> {
    let mut record = csv::ByteRecord::new();
    for _ in 0..rows {
        records.read_byte_record(&mut record)?;
    }
    Ok(())
}

impl Scores {
    /// Fills in the statistics from the accumulators.
    fn finish(
        mut self,
        rubric: &Rubric,
        plan: &Plan,
        layout: &Layout,
        pass: &Pass,
        k: u64,
    ) -> Scores {
        let org = &pass.groups[0];
        let org_stats = dimension_stats(rubric, plan, org, &vec![false; plan.measured.len()], k);
        self.overall = overall(rubric, &org_stats);
        self.overall.respondents = RespondentOverall::of(&org.overall);
        for ((di, d), stats) in rubric.dimensions.iter().enumerate().zip(org_stats) {
            let cov = pass.cov[di].matrix();
            let alpha = cov.as_deref().and_then(stats::cronbach_alpha);
            let item_r = cov.as_deref().map(stats::item_total_r);
            let qs = plan.questions.iter().filter(|q| q.dim == di);
            let questions = d
                .questions
                .iter()
                .zip(qs)
                .map(|(q, qp)| {
                    let counts = &org.counts[qp.offset..qp.offset + qp.points];
                    let n: u64 = counts.iter().sum();
                    let mean_of = |f: &dyn Fn(usize) -> f64| {
                        (n > 0).then(|| {
                            counts
                                .iter()
                                .enumerate()
                                .map(|(p, &c)| c as f64 * f(p))
                                .sum::<f64>()
                                / n as f64
                        })
                    };
                    let hidden = qp.col.is_some() && (stats.suppressed || n < k);
                    let shown = qp.col.is_some() && !hidden;
                    QuestionScore {
                        id: q.id.clone(),
                        text: q.text.clone(),
                        reverse: q.reverse,
                        measured: qp.col.is_some(),
                        suppressed: hidden,
                        n: shown.then_some(n),
                        raw_mean: mean_of(&|p| (q.scale.min + p as i64) as f64).filter(|_| shown),
                        score: mean_of(&|p| qp.item_score[p]).filter(|_| shown),
                        item_total_r: match (&item_r, shown) {
                            (Some(r), true) => r[qp.slot],
                            _ => None,
                        },
                        distribution: shown.then(|| counts.to_vec()),
                    }
                })
                .collect();
            self.dimensions.push(DimensionScore {
                name: d.name.clone(),
                weight: d.weight,
                measured: plan.measured[di] > 0,
                alpha: if stats.suppressed { None } else { alpha },
                stats,
                questions,
            });
        }
        self.groups = group_scores(rubric, plan, layout, pass, k);
        self
    }
}

fn overall(rubric: &Rubric, dims: &[DimensionStats]) -> Overall {
    let (mut sum, mut weight) = (0.0, 0.0);
    for (d, s) in rubric.dimensions.iter().zip(dims) {
        if let Some(score) = s.score {
            sum += d.weight * score;
            weight += d.weight;
        }
    }
    let score = (weight > 0.0).then(|| sum / weight);
    Overall {
        score,
        level: score.map(|s| rubric.level_for(s).name.clone()),
        respondents: None,
    }
}

/// Per-dimension statistics of one population; `hidden[d]` forces a
/// dimension to be suppressed.
fn dimension_stats(
    rubric: &Rubric,
    plan: &Plan,
    acc: &GroupAcc,
    hidden: &[bool],
    k: u64,
) -> Vec<DimensionStats> {
    rubric
        .dimensions
        .iter()
        .enumerate()
        .map(|(di, d)| {
            let m = &acc.dims[di];
            let suppressed = hidden[di] || (plan.measured[di] > 0 && m.n < k);
            let shown = plan.measured[di] > 0 && !suppressed && m.n > 0;
            // Answer counts by favorability position, over measured questions.
            let qs: Vec<_> = plan
                .questions
                .iter()
                .filter(|q| q.dim == di && q.col.is_some())
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
                    if pos + 2 >= q.points {
                        fav += c;
                    } else if pos < 2 {
                        unf += c;
                    } else {
                        neu += c;
                    }
                }
            }
            let total = (fav + neu + unf) as f64;
            let pct = |c: u64| (shown && total > 0.0).then(|| 100.0 * c as f64 / total);
            let score = if shown { m.mean() } else { None };
            DimensionStats {
                id: d.id.clone(),
                n: (!suppressed && plan.measured[di] > 0).then_some(m.n),
                score,
                sd: if shown { m.sd() } else { None },
                ci95: if shown { m.ci95((0.0, 100.0)) } else { None },
                level: score.map(|s| rubric.level_for(s).name.clone()),
                favorable_pct: pct(fav),
                neutral_pct: pct(neu),
                unfavorable_pct: pct(unf),
                distribution: (shown && same_scale).then_some(by_position),
                suppressed,
            }
        })
        .collect()
}

fn group_scores(
    rubric: &Rubric,
    plan: &Plan,
    layout: &Layout,
    pass: &Pass,
    k: u64,
) -> Vec<GroupScore> {
    let mut out = Vec::new();
    for (gi, (column, _)) in layout.group_cols.iter().enumerate() {
        // This breakdown's groups, sorted by value for stable output.
        let mut members: Vec<(usize, &String)> = pass
            .group_keys
            .iter()
            .enumerate()
            .filter(|(_, (c, _))| *c == gi)
            .map(|(i, (_, v))| (i + 1, v))
            .collect();
        members.sort_by(|a, b| a.1.cmp(b.1));
        let sizes: Vec<u64> = members
            .iter()
            .map(|&(g, _)| pass.groups[g].respondents)
            .collect();
        let hidden = privacy::suppress(&sizes, &vec![false; sizes.len()], k);
        // Cells: a dimension whose n is small within a shown group is hidden
        // too, with the same complementary rule across the breakdown.
        let mut cell_hidden = vec![vec![false; plan.measured.len()]; members.len()];
        for (d, &measured) in plan.measured.iter().enumerate() {
            let ns: Vec<u64> = members
                .iter()
                .map(|&(g, _)| pass.groups[g].dims[d].n)
                .collect();
            let col = privacy::suppress(&ns, &hidden, k);
            for (i, h) in col.into_iter().enumerate() {
                cell_hidden[i][d] = hidden[i] || (measured > 0 && h);
            }
        }
        for (i, &(g, value)) in members.iter().enumerate() {
            let acc = &pass.groups[g];
            let dims = dimension_stats(rubric, plan, acc, &cell_hidden[i], k);
            out.push(GroupScore {
                column: column.clone(),
                value: value.clone(),
                suppressed: hidden[i],
                n: (!hidden[i]).then_some(acc.respondents),
                overall: if hidden[i] {
                    Overall {
                        score: None,
                        level: None,
                        respondents: None,
                    }
                } else {
                    Overall {
                        respondents: RespondentOverall::of(&acc.overall),
                        ..overall(rubric, &dims)
                    }
                },
                dimensions: dims,
            });
        }
    }
    out
}
