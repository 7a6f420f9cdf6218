//! Scoring: survey file + rubric -> [`Scores`].
//!
//! The arithmetic: an answer `v` on `min..max` scores `100 (v - min) / (max -
//! min)`, reversed as `100 -` that for reverse-keyed questions. A respondent's
//! dimension score is the weighted mean of the questions they answered there,
//! when they answered at least half of the dimension's questions that the
//! file has. A population's dimension score is the mean of its respondents'
//! dimension scores; the overall score is the weighted mean of the shown
//! dimension scores.

mod adders;
pub mod aliases;
mod atoms;
mod columns;
pub mod drivers;
mod engine;
mod finish;
mod groups;
pub mod impact;
pub mod model;
pub mod outcome;
mod parse;
pub mod practice;
pub mod relweights;
mod sources;
mod split;
pub(crate) use split::Record;
pub mod stats;
mod sums;
pub mod waves;

use std::path::Path;

use crate::rubric::Rubric;
use crate::survey::answer::normalize;
use crate::survey::input::{self, InputError};
use crate::survey::{formats, InputFormat, Layout, LayoutError};
use engine::{AtomLimit, ChunkedFile, Pass, Plan, ReadError};
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
    /// Groups and cells to hide whatever their size: a comparison between
    /// two waves hides what either wave's own scores hid.
    pub forced: Option<HiddenByName>,
    /// Group aliases from outside the rubric (workspace, `--aliases`); the
    /// rubric's own are added when scoring.
    pub aliases: aliases::GroupAliases,
    /// Respondent ids whose comments the operator excluded.
    pub exclude_comments: Vec<String>,
    /// Threads that parse a plain UTF-8 file: 0 for one fewer than the
    /// cores (at most [`MAX_DEFAULT_THREADS`]), 1 to parse it in chunks on
    /// the reading thread. Other inputs (UTF-16, workbooks, standard
    /// input) are read by the csv crate's reader on one thread. The result
    /// is the same.
    pub threads: usize,
    /// The size a file is cut into chunks at for parallel parsing; 0 for
    /// the default ([`DEFAULT_CHUNK_BYTES`]). Tests make it small so that
    /// small files cut into many chunks.
    #[doc(hidden)]
    pub chunk_bytes: usize,
    /// Reads with the csv crate's reader on one thread, never in chunks:
    /// the reference the chunked reading (`split`) is tested against.
    #[doc(hidden)]
    pub csv_reader: bool,
}

/// The size a file is cut into chunks at for parallel parsing: large
/// enough that handing a chunk between threads costs nothing next to
/// parsing it, small enough that the chunks in flight (two per thread and
/// two more) keep memory flat.
pub const DEFAULT_CHUNK_BYTES: usize = 256 << 10;

/// Parsing threads when none are asked for: one fewer than the cores, up to this.
pub const MAX_DEFAULT_THREADS: usize = 8;

/// How many times a parallel reading was not trusted and the file was read
/// again on one thread (see `sources::ReadError::Sequential`): for tests,
/// which check that a sound file is not read twice.
#[doc(hidden)]
pub static READ_AGAIN_SEQUENTIALLY: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(0);

/// Hidden groups and cells, named so that they carry over from one scoring
/// of a file to another (or to another wave): by breakdown column and
/// normalized group value, and dimension id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HiddenByName {
    pub groups: std::collections::BTreeSet<(String, String)>,
    pub cells: std::collections::BTreeSet<(String, String, String)>,
}

impl HiddenByName {
    /// What `s` hides.
    pub fn of(s: &Scores) -> HiddenByName {
        let mut out = HiddenByName::default();
        for g in &s.groups {
            let key = (normalize(&g.column), normalize(&g.value));
            if g.suppressed {
                out.groups.insert(key.clone());
            }
            for d in &g.dimensions {
                if d.suppressed {
                    out.cells
                        .insert((key.0.clone(), key.1.clone(), d.id.clone()));
                }
            }
        }
        out
    }

    pub fn union(mut self, o: &HiddenByName) -> HiddenByName {
        self.groups.extend(o.groups.iter().cloned());
        self.cells.extend(o.cells.iter().cloned());
        self
    }
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
    #[error("{path}: row {row} opens a quote (\") that is never closed, so everything after it would be read as one cell of that row; close the quote or remove it")]
    UnclosedQuote { path: String, row: u64 },
    #[error("{0}")]
    Aliases(String),
    #[error("{path}: row {row}: the breakdown columns have more than {limit} different values in all, {in_column} of them in column \"{column}\"; a breakdown is by teams of at least the privacy threshold, so a column with so many values is not one (an id, a free-text answer?): leave it out of `groups` or --group-by{why}")]
    TooManyGroups {
        path: String,
        row: u64,
        column: String,
        in_column: usize,
        limit: usize,
        /// Why the limit is lower than usual, when it is.
        why: String,
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
    #[error("{path}: the disclosure audit found {count} hidden cell(s) derivable from what would be published (first: {first}); nothing was written. This is a bug in mlbizops: please report it")]
    Disclosure {
        path: String,
        count: usize,
        first: String,
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
    let mut layout =
        Layout::new(&header, rubric, &groups, required).map_err(|source| ScoreError::Layout {
            path: name.clone(),
            source,
        })?;
    // Disclosure control decides over the rubric's breakdowns as well as
    // the ones asked for, so that every command hides the same cells.
    let extra = rubric
        .respondents
        .groups
        .iter()
        .any(|g| !groups.iter().any(|x| normalize(x) == normalize(g)));
    if extra {
        let mut all = groups.clone();
        all.extend(rubric.respondents.groups.iter().cloned());
        if let Ok(more) = Layout::new(&header, rubric, &all, false) {
            layout.audit_columns(&more);
        }
    }
    let threshold = opts.min_group_size.unwrap_or(rubric.privacy.min_group_size);
    let mut plan = Plan::new(rubric, &layout);
    plan.aliases = group_aliases(rubric, opts, &layout)?;
    // Read again from the top, past the header rows.
    let mut opened = opened.reopen(path)?;
    skip(&mut opened.records, header.rows).map_err(csv_err)?;
    let k = threshold as u64;
    let first_limit = AtomLimit {
        k,
        max: engine::FIRST_PASS_ATOMS,
    };
    // A plain UTF-8 file is parsed on several threads when asked; any
    // doubt about the parallel reading (see `sources::ReadError`) reads it
    // on one thread instead.
    let chunked = parallel_input(path, &opened, header.rows, opts);
    let pass_of = |input: engine::Input<'_, Box<dyn std::io::Read>>,
                   repeated: Option<&std::collections::HashMap<u64, u32>>,
                   limit: AtomLimit| {
        engine::run(
            input,
            &layout,
            &plan,
            repeated,
            opts.progress.as_ref(),
            Some(limit),
        )
    };
    let mut pass = either(
        chunked.as_ref(),
        |c| pass_of(engine::Input::Chunks(c), None, first_limit),
        || {
            pass_of(
                engine::Input::Records(&mut opened.records),
                None,
                first_limit,
            )
            .map_err(|e| csv_err(e.sequential()))
        },
        &csv_err,
    )?;
    if let Some((gi, row)) = pass.too_many_groups {
        let in_column = pass.group_keys.iter().filter(|(g, _)| *g == gi).count() + 1;
        return Err(too_many_groups(&name, &layout, &plan, (gi, in_column), row));
    }
    // Quotes pair up; an odd count means the csv reader took everything
    // after an unclosed one for a single cell, silently losing rows - and
    // then the last record spans several lines. (A stray quote inside an
    // unquoted cell is read as a character, and swallows nothing.)
    let odd = pass
        .odd_quotes
        .unwrap_or_else(|| opened.quotes.load(std::sync::atomic::Ordering::Relaxed) % 2 == 1);
    if odd && pass.last_lines > 1 {
        return Err(ScoreError::UnclosedQuote {
            path: name,
            row: pass.last_row,
        });
    }
    let repeated = engine::repeated_ids(std::mem::take(&mut pass.ids));
    let repeated = (!repeated.is_empty()).then_some(&repeated);
    // Read again to drop re-submissions (scoring again, with the atoms when
    // the first pass had to give them up), or only to count the atoms when
    // the first pass gave them up (too many to count on the way) and some
    // cell is under the threshold, so that disclosure control needs them.
    let needed = |pass: &Pass| {
        pass.atoms_dropped
            && pass.read > 0
            && engine::needs_atoms(pass, &plan, k, opts.forced.is_some())
    };
    if let Some(repeated) = repeated {
        let limit = AtomLimit {
            max: if pass.atoms_dropped {
                usize::MAX
            } else {
                first_limit.max
            },
            ..first_limit
        };
        pass = either(
            chunked.as_ref(),
            |c| pass_of(engine::Input::Chunks(c), Some(repeated), limit),
            || {
                let mut again = opened.reopen(path)?;
                skip(&mut again.records, header.rows).map_err(csv_err)?;
                pass_of(
                    engine::Input::Records(&mut again.records),
                    Some(repeated),
                    limit,
                )
                .map_err(|e| csv_err(e.sequential()))
            },
            &csv_err,
        )?;
    }
    if needed(&pass) {
        let count = |input: engine::Input<'_, Box<dyn std::io::Read>>| {
            engine::count_atoms(input, &layout, &plan, repeated, opts.progress.as_ref(), k)
        };
        let counted = either(
            chunked.as_ref(),
            |c| count(engine::Input::Chunks(c)),
            || {
                let mut again = opened.reopen(path)?;
                skip(&mut again.records, header.rows).map_err(csv_err)?;
                count(engine::Input::Records(&mut again.records))
                    .map_err(|e| csv_err(e.sequential()))
            },
            &csv_err,
        )?;
        // The same rows in the same order number the groups alike.
        debug_assert_eq!(counted.group_keys, pass.group_keys);
        pass.atoms = counted.atoms;
        pass.rare = counted.rare;
        pass.atoms_dropped = false;
    }
    if pass.read == 0 {
        return Err(ScoreError::NoRows { path: name });
    }
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
    pass.comments.exclude(&opts.exclude_comments);
    let delimiter = match (opened.encoding, opened.delimiter) {
        (input::Encoding::Xlsx, _) => "none (Excel workbook)".to_string(),
        (_, b'\t') => "tab".to_string(),
        (_, d) => (d as char).to_string(),
    };
    let mut issues = layout.issues.clone();
    issues.append(&mut pass.issues);
    issues.extend(similar_groups(rubric, &layout, &pass, &plan));
    let merged_groups = merged_groups(&layout, &pass);
    let overflow = issues.len().saturating_sub(MAX_LISTED_ISSUES);
    issues.truncate(MAX_LISTED_ISSUES);
    Scores {
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
            group_columns: layout.group_cols[..layout.published_groups]
                .iter()
                .map(|(g, _)| g.clone())
                .collect(),
            ignored_columns: layout.ignored.clone(),
            merged_groups,
        },
        privacy: PrivacyInfo {
            min_group_size: threshold,
            rubric_min_group_size: rubric.privacy.min_group_size,
            audit: Default::default(),
        },
        respondents: RespondentCounts {
            read: pass.read,
            scored,
            excluded: std::mem::take(&mut pass.excluded),
            excluded_not_listed: pass.excluded_not_listed,
            excluded_by_reason: std::mem::take(&mut pass.excluded_by_reason),
        },
        overall: Overall {
            score: None,
            level: None,
            level_uncertain: None,
            respondents: None,
        },
        dimensions: Vec::new(),
        groups: Vec::new(),
        paired: Vec::new(),
        outcome: None,
        drivers: None,
        issues,
        issues_not_listed: pass.issues_not_listed + overflow as u64,
        comments: None,
    }
    .finish(
        rubric,
        &plan,
        &layout,
        pass,
        threshold as u64,
        opts.forced.as_ref(),
    )
}

/// The rubric's aliases and the run's, checked together, as a lookup per
/// breakdown column of `layout`.
fn group_aliases(
    rubric: &Rubric,
    opts: &ScoreOptions,
    layout: &Layout,
) -> Result<Vec<std::collections::HashMap<String, String>>, ScoreError> {
    let mut all = aliases::GroupAliases::from_rubric(rubric).map_err(ScoreError::Aliases)?;
    all.extend(&opts.aliases).map_err(ScoreError::Aliases)?;
    let mut columns = rubric.respondents.groups.clone();
    columns.extend(opts.group_by.iter().flatten().cloned());
    all.check_columns(&columns).map_err(ScoreError::Aliases)?;
    Ok(layout
        .group_cols
        .iter()
        .map(|(g, _)| all.lookup(g))
        .collect())
}

/// Pairs of published groups per column whose names look like one group.
fn similar_groups(
    rubric: &Rubric,
    layout: &Layout,
    pass: &Pass,
    plan: &Plan,
) -> Vec<crate::survey::Issue> {
    let mut out = Vec::new();
    for (gi, (column, _)) in layout.group_cols[..layout.published_groups]
        .iter()
        .enumerate()
    {
        let names: Vec<&str> = pass
            .group_keys
            .iter()
            .filter(|(c, v)| *c == gi && v != NOT_GIVEN)
            .map(|(_, v)| v.as_str())
            .collect();
        let mut distinct: Vec<String> = rubric
            .respondents
            .choices_for(column)
            .unwrap_or_default()
            .to_vec();
        // A group that aliases name is known as a group of its own.
        distinct.extend(
            plan.aliases
                .get(gi)
                .into_iter()
                .flat_map(|a| a.values().cloned()),
        );
        for (i, j, why) in aliases::similar(&names, &distinct) {
            out.push(crate::survey::Issue::SimilarGroups {
                column: column.clone(),
                a: names[i].to_string(),
                b: names[j].to_string(),
                why: why.words().to_string(),
            });
        }
    }
    out
}

/// The spellings aliases merged, by group, as the method section lists them.
fn merged_groups(layout: &Layout, pass: &Pass) -> Vec<MergedGroup> {
    let mut by_group: std::collections::BTreeMap<usize, std::collections::BTreeSet<String>> =
        Default::default();
    for (idx, written) in &pass.merged {
        by_group.entry(*idx).or_default().insert(written.clone());
    }
    by_group
        .into_iter()
        .map(|(idx, spellings)| {
            let (col, group) = &pass.group_keys[idx - 1];
            MergedGroup {
                column: layout.group_cols[*col].0.clone(),
                group: group.clone(),
                spellings: spellings.into_iter().collect(),
            }
        })
        .collect()
}

/// The file to read in chunks (on one thread or several), when it can
/// be: a plain UTF-8 file (with or without BOM) named by a path. UTF-16
/// is transcoded as a stream, a workbook is converted whole, standard
/// input is a copy read once: they keep the csv crate's reader, as does
/// `csv_reader`.
fn parallel_input(
    path: &Path,
    opened: &input::Opened,
    header_rows: usize,
    opts: &ScoreOptions,
) -> Option<ChunkedFile> {
    let threads = match opts.threads {
        // One fewer than the cores, up to 8: the thread that checks the
        // rows in file order and the threads that add them up need a core
        // too. On two cores that is one, parsing on the reading thread:
        // measured there, parsing on two threads as well gained nothing
        // (README, "Performance"). Past 8 the checking thread sets the
        // pace, and each parsing thread holds two chunks in memory.
        0 => std::thread::available_parallelism()
            .map_or(1, |n| (n.get() - 1).clamp(1, MAX_DEFAULT_THREADS)),
        n => n,
    };
    let plain = matches!(
        opened.encoding,
        input::Encoding::Utf8 | input::Encoding::Utf8Bom
    );
    (plain && !opts.csv_reader && !input::is_stdin(path)).then(|| ChunkedFile {
        path: path.to_path_buf(),
        delimiter: opened.delimiter,
        header_rows,
        threads,
        chunk_bytes: match opts.chunk_bytes {
            0 => DEFAULT_CHUNK_BYTES,
            n => n,
        },
    })
}

/// A pass over the parallel reading of `chunked` when there is one, else
/// (or when that reading is not trusted) over the csv crate's reader.
fn either<T>(
    chunked: Option<&ChunkedFile>,
    parallel: impl FnOnce(&ChunkedFile) -> Result<T, ReadError>,
    sequential: impl FnOnce() -> Result<T, ScoreError>,
    csv_err: &dyn Fn(csv::Error) -> ScoreError,
) -> Result<T, ScoreError> {
    if let Some(c) = chunked {
        match parallel(c) {
            Ok(t) => return Ok(t),
            Err(ReadError::Csv(e)) => return Err(csv_err(e)),
            Err(ReadError::Sequential) => {
                READ_AGAIN_SEQUENTIALLY.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }
    sequential()
}

/// Reads past the header rows.
fn skip<R: std::io::Read>(records: &mut csv::Reader<R>, rows: usize) -> Result<(), csv::Error> {
    let mut record = csv::ByteRecord::new();
    for _ in 0..rows {
        records.read_byte_record(&mut record)?;
    }
    Ok(())
}

/// The error of a file with more groups than [`Plan::max_groups`].
fn too_many_groups(
    path: &str,
    layout: &Layout,
    plan: &Plan,
    (gi, in_column): (usize, usize),
    row: u64,
) -> ScoreError {
    let limit = plan.max_groups;
    let why = if limit < crate::limits::MAX_GROUPS {
        format!(
            " (with this rubric's {} answer choices, each group takes {} KB while scoring; all groups together at most {} MB)",
            plan.count_block,
            crate::limits::group_bytes(plan.count_block, plan.measured.len()).div_ceil(1024),
            crate::limits::MAX_GROUP_MEMORY >> 20
        )
    } else {
        String::new()
    };
    ScoreError::TooManyGroups {
        path: path.to_string(),
        row,
        column: layout.group_cols[gi].0.clone(),
        in_column,
        limit,
        why,
    }
}
