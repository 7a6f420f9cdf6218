//! One streaming pass over the records: answers -> per-group accumulators.
//!
//! Memory is fixed by the rubric and the number of distinct groups, never by
//! the number of rows: answers are discrete, so per question and group a
//! count per scale point carries everything the statistics need, and the
//! pairwise covariance sums carry the rest. The only per-row state kept is a
//! 64-bit hash per respondent id, to find re-submissions.

use std::collections::HashMap;

use crate::rubric::Rubric;
use crate::survey::answer::{Answer, AnswerParser, Unreadable};
use crate::survey::input::decode_cell;
use crate::survey::{Issue, Layout};

use super::adders::Adders;
use super::atoms::{count_atom, AtomIndex};
pub use super::atoms::{AtomLimit, FIRST_PASS_ATOMS};
use super::groups::GroupIndex;
use super::model::Excluded;
use super::parse::{BLANK, NOT_UTF8, UNREADABLE};
pub use super::sources::{ChunkedFile, ReadError};
use super::sources::{Inline, Parallel, RowSource, Sequential};
use super::split::Record;
use super::stats::{CovAccumulator, ExactMoments, Moments};
use crate::disclosure::Atoms;

/// Detailed issues kept; the rest are counted. A file with a wrong scale can
/// have an unreadable cell in every row, and listing a million of them helps
/// nobody.
pub const MAX_LISTED_ISSUES: usize = 10_000;

/// The label of the group of rows that left a group column empty: those
/// rows are still counted, so they form a group of their own.
pub const NOT_GIVEN: &str = "(not given)";

/// What is precomputed per question before reading any row.
pub struct QuestionPlan {
    pub id: String,
    pub col: Option<usize>,
    pub dim: usize,
    /// Position among the *measured* questions of its dimension.
    pub slot: usize,
    pub parser: AnswerParser,
    /// The answer code (see `score::parse`) of a cell of one digit, for
    /// each digit: most cells are one digit, and a table lookup is all they
    /// cost, with the parser's own result.
    pub digits: [u8; 10],
    pub points: usize,
    /// Offset of this question's counts in a group's count block: one per
    /// point, then "not sure" (`offset + points`), then "does not apply"
    /// (`offset + points + 1`).
    pub offset: usize,
    pub weight: f64,
    /// 0-100 score of each point after reverse keying.
    pub item_score: Vec<f64>,
    /// Favorability position of each raw point after reverse keying.
    pub position: Vec<usize>,
}

pub struct Plan {
    pub questions: Vec<QuestionPlan>,
    /// Each dimension's questions: they come dimension after dimension,
    /// so a range of plan indices.
    pub dim_questions: Vec<std::ops::Range<usize>>,
    /// Per column of the file up to the last a question reads, the
    /// question reading it (the layout gives a column to one question at
    /// most) and its one-digit codes, copied here so that parsing a cell
    /// reads one small table.
    pub columns: Vec<Option<ColumnQuestion>>,
    /// Each dimension's weight in the overall score.
    pub dim_weights: Vec<f64>,
    /// Measured questions per dimension.
    pub measured: Vec<usize>,
    pub count_block: usize,
    /// Plan indices of the questions that carry a level (staged rubrics),
    /// measured or not, in rubric order.
    pub levelled: Vec<usize>,
    /// Per breakdown column of the layout: normalized spelling -> group
    /// ([`super::aliases::GroupAliases::lookup`]); empty without aliases.
    pub aliases: Vec<HashMap<String, String>>,
    /// The outcome items, when the rubric has them.
    pub outcome: Option<super::outcome::OutcomePlan>,
    /// Distinct groups the file may have ([`crate::limits::max_groups`]).
    pub max_groups: usize,
}

impl Plan {
    pub fn new(rubric: &Rubric, layout: &Layout) -> Plan {
        let mut measured = vec![0; rubric.dimensions.len()];
        let mut questions = Vec::new();
        let mut offset = 0;
        let dims = rubric.dimensions.iter().enumerate();
        let all = dims.flat_map(|(di, d)| d.questions.iter().map(move |q| (di, q)));
        for ((di, q), &col) in all.zip(&layout.question_cols) {
            let points = q.scale.points();
            let step = 100.0 / (points - 1) as f64;
            let position: Vec<usize> = (0..points)
                .map(|p| if q.reverse { points - 1 - p } else { p })
                .collect();
            let parser = AnswerParser::new(&q.scale).numbered(layout.numbered_choices);
            questions.push(QuestionPlan {
                id: q.id.clone(),
                col,
                dim: di,
                slot: measured[di],
                digits: std::array::from_fn(|d| {
                    super::parse::code(parser.parse(&[b'0' + d as u8]))
                }),
                parser,
                points,
                offset,
                weight: q.weight,
                item_score: position.iter().map(|&p| p as f64 * step).collect(),
                position,
            });
            offset += points + 2;
            if col.is_some() {
                measured[di] += 1;
            }
        }
        let levelled = rubric
            .questions()
            .enumerate()
            .filter(|(_, (_, q))| q.level.is_some())
            .map(|(i, _)| i)
            .collect();
        let columns = by_column(&questions);
        debug_assert!(questions.windows(2).all(|w| w[0].dim <= w[1].dim));
        Plan {
            columns,
            dim_questions: (0..rubric.dimensions.len())
                .map(|d| {
                    let start = questions.partition_point(|q| q.dim < d);
                    start..questions.partition_point(|q| q.dim <= d)
                })
                .collect(),
            questions,
            dim_weights: rubric.dimensions.iter().map(|d| d.weight).collect(),
            measured,
            count_block: offset,
            levelled,
            aliases: Vec::new(),
            outcome: super::outcome::OutcomePlan::new(rubric, layout),
            max_groups: crate::limits::max_groups(offset, rubric.dimensions.len()),
        }
    }
}

/// The question a column holds: its index, and its one-digit codes.
pub type ColumnQuestion = (u32, [u8; 10]);

/// [`Plan::columns`] of these questions.
fn by_column(questions: &[QuestionPlan]) -> Vec<Option<ColumnQuestion>> {
    let width = questions
        .iter()
        .filter_map(|q| q.col)
        .max()
        .map_or(0, |c| c + 1);
    let mut columns = vec![None; width];
    for (i, q) in questions.iter().enumerate() {
        if let Some(c) = q.col {
            let before = columns[c].replace((i as u32, q.digits));
            debug_assert!(before.is_none(), "column {c} read by two questions");
        }
    }
    columns
}

/// Per population (the organization, or one group) sums.
#[derive(Clone)]
pub struct GroupAcc {
    pub respondents: u64,
    pub dims: Vec<Moments>,
    /// Respondents' own overall scores (the weighted mean of their dimension
    /// scores), for testing whether the overall score changed.
    pub overall: ExactMoments,
    /// Raw answer counts: `count_block` entries, question by question.
    pub counts: Vec<u64>,
    /// Per dimension, respondents to whom it does not apply: they answered
    /// "does not apply" to more than half of its questions in the file.
    pub not_applicable: Vec<u64>,
    /// Respondents' outcome indexes.
    pub outcome: Moments,
}

impl GroupAcc {
    pub(super) fn new(plan: &Plan) -> Self {
        GroupAcc {
            respondents: 0,
            dims: vec![Moments::default(); plan.measured.len()],
            overall: ExactMoments::default(),
            counts: vec![0; plan.count_block],
            not_applicable: vec![0; plan.measured.len()],
            outcome: Moments::default(),
        }
    }
}

/// Everything one pass produces.
pub struct Pass {
    pub read: u64,
    /// Excluded rows, the first `MAX_LISTED_ISSUES` of them.
    pub excluded: Vec<Excluded>,
    pub excluded_not_listed: u64,
    /// Every excluded row counted by kind of reason ([`Excluded::kind`]).
    pub excluded_by_reason: std::collections::BTreeMap<String, u64>,
    /// Index 0 is the organization; then groups in order of first appearance.
    pub groups: Vec<GroupAcc>,
    /// (breakdown column index, value) of groups 1..
    pub group_keys: Vec<(usize, String)>,
    pub cov: Vec<CovAccumulator>,
    /// The organization's paired differences of dimension scores: for
    /// `i < j`, entry `i * dims + j` holds each respondent's score on `i`
    /// minus their score on `j`, over those scored on both.
    pub pairs: Vec<Moments>,
    /// Cross-products of dimension scores and outcome indexes, for the
    /// driver analysis (the organization only).
    pub drivers: super::drivers::DriverSums,
    pub issues: Vec<Issue>,
    pub issues_not_listed: u64,
    /// Rows with bytes that are not UTF-8, read as Windows-1252.
    pub windows_1252_rows: u64,
    /// Every unreadable cell, listed or not.
    pub unreadable_cells: u64,
    /// Hash of every respondent id read (first pass only): 8 bytes a row is
    /// the one cost that grows with the file, and finding re-submissions in
    /// a stream cannot be done with less.
    pub ids: Vec<u64>,
    /// Respondents by their groups in every breakdown column at once, for
    /// disclosure control.
    pub atoms: Atoms,
    /// Per dimension, the rows scored on it while fewer than the privacy
    /// threshold were: when a dimension ends below it, these are all its
    /// respondents, and their overall scores are taken again without it.
    pub rare: Vec<Vec<RareRow>>,
    /// Per dimension, rows scored on it so far (the reading thread's count).
    pub org_scored: Vec<u64>,
    pub scored_rows: u64,
    /// The spreadsheet row of the last record read, and how many lines it
    /// spans.
    pub last_row: u64,
    pub last_lines: u64,
    /// The atoms were given up (more than the limit): `atoms` is empty.
    pub atoms_dropped: bool,
    /// (group index, the spelling written) of cells an alias mapped to
    /// another group name, once per distinct cell; at most
    /// `MAX_LISTED_ISSUES`.
    pub merged: Vec<(usize, String)>,
    /// Scored rows' free-text comments (see [`crate::comments`]).
    pub comments: crate::comments::CommentRows,
    /// Reading stopped at a group past [`Plan::max_groups`]: (breakdown
    /// column index, row).
    pub too_many_groups: Option<(usize, u64)>,
    /// The parity of the quotes of the whole file, when a parallel reading
    /// counted them (else the caller's reader did).
    pub odd_quotes: Option<bool>,
}

impl Pass {
    /// Counts an excluded row, and lists it while fewer than
    /// `MAX_LISTED_ISSUES` are: a million re-submitted ids must not hold a
    /// million reasons in memory. Returns its place in the list.
    fn exclude(&mut self, e: Excluded) -> Option<usize> {
        *self
            .excluded_by_reason
            .entry(e.kind().to_string())
            .or_default() += 1;
        if self.excluded.len() < MAX_LISTED_ISSUES {
            self.excluded.push(e);
            Some(self.excluded.len() - 1)
        } else {
            self.excluded_not_listed += 1;
            None
        }
    }
}

/// A respondent scored on a dimension that may end up hidden.
#[derive(Debug, Clone)]
pub struct RareRow {
    /// Order among scored rows: one respondent can be in several buffers.
    pub seq: u64,
    /// Groups, the organization first.
    pub members: Box<[u32]>,
    /// The respondent's score on each dimension they were scored on.
    pub dims: Box<[Option<f64>]>,
}

/// Ids that occur more than once, with how often: what the second pass needs
/// to keep only the last answer of each.
pub fn repeated_ids(mut ids: Vec<u64>) -> HashMap<u64, u32> {
    ids.sort_unstable();
    let mut out = HashMap::new();
    for w in ids.windows(2) {
        if w[0] == w[1] {
            *out.entry(w[0]).or_insert(1) += 1;
        }
    }
    out
}

/// A batch of rows to accumulate: for each row, one point per question
/// (`NO_ANSWER` when not answered) and its groups (the organization first).
pub(super) struct Batch {
    pub(super) rows: usize,
    pub(super) answers: Vec<u8>,
    pub(super) members: Vec<u32>,
    /// One point per outcome item and row.
    pub(super) outcome: Vec<u8>,
}

pub(super) const NO_ANSWER: u8 = u8::MAX;
/// Non-answers that are counted: below `NO_ANSWER`, above every point (a
/// scale has at most 21).
pub(super) const NOT_SURE: u8 = u8::MAX - 1;
pub(super) const NOT_APPLICABLE: u8 = u8::MAX - 2;

pub(super) fn is_point(p: u8) -> bool {
    p < super::parse::UNREADABLE
}
/// Rows per batch: large enough that passing batches between threads costs
/// nothing next to scoring them, small enough to keep memory flat.
const BATCH_ROWS: usize = 2048;

/// Whether disclosure control needs atoms: only when some group, or some
/// group's dimension, or a dimension of the whole organization has fewer
/// than k people (or a comparison forces cells hidden). Otherwise nothing is
/// hidden, nothing needs protecting, and the per-row atom lookup - a random
/// access into as many entries as there are combinations of groups, the
/// main cost of disclosure control on large files - is skipped.
pub fn needs_atoms(pass: &Pass, plan: &Plan, k: u64, forced: bool) -> bool {
    forced
        || pass.groups.iter().any(|g| {
            g.respondents < k
                || g.dims
                    .iter()
                    .zip(&plan.measured)
                    .any(|(m, &measured)| measured > 0 && m.n < k)
                // A practice some of a group answered, but fewer than k:
                // its status is withheld, a hidden cell to protect.
                || plan.levelled.iter().any(|&qi| {
                    let q = &plan.questions[qi];
                    let n: u64 = g.counts[q.offset..q.offset + q.points].iter().sum();
                    n > 0 && n < k
                })
                // An outcome index some of a group have, but fewer than k.
                || (g.outcome.n > 0 && g.outcome.n < k)
        })
}

/// A respondent counts on a dimension after answering at least half of the
/// dimension's questions that the file has.
pub(super) fn scored_dim(plan: &Plan, answered: &[usize], d: usize) -> bool {
    plan.measured[d] > 0 && answered[d] * 2 >= plan.measured[d]
}

/// What a pass reads: a csv reader already past the header rows (read on
/// this thread), or a plain file read on several threads.
pub enum Input<'a, R: std::io::Read> {
    Records(&'a mut csv::Reader<R>),
    Chunks(&'a ChunkedFile),
}

/// Reads every record after the header. `repeated` is given on a second pass
/// when the first found re-submissions: of each repeated id, every row but
/// the last is excluded.
///
/// The records are parsed on this thread or, for [`Input::Chunks`], on
/// several (see `sources`); this thread then checks them in file order,
/// and other threads add them up (see `adders`): the integer sums on as
/// many threads as parse, the floating-point sums on one, in file order.
/// Either way the result is the same.
///
/// `atoms: Some(k)` also counts respondents by their groups in every
/// breakdown at once, for disclosure control with threshold k (see
/// [`needs_atoms`]).
pub fn run<R: std::io::Read>(
    input: Input<'_, R>,
    layout: &Layout,
    plan: &Plan,
    repeated: Option<&HashMap<u64, u32>>,
    progress: Option<&super::Progress>,
    atoms: Option<AtomLimit>,
) -> Result<Pass, ReadError> {
    std::thread::scope(|scope| {
        let adders = match &input {
            Input::Records(_) => 1,
            Input::Chunks(file) => file.threads.max(1),
        }
        .min(crate::limits::max_adders(
            plan.count_block,
            plan.measured.len(),
        ));
        let mut sums = Adders::start(scope, plan, adders);
        let send = sums.sender();
        let read = match input {
            Input::Records(records) => {
                let mut source = Sequential::new(records, plan, layout);
                read(&mut source, layout, plan, repeated, atoms, progress, send)
            }
            Input::Chunks(file) if file.threads <= 1 => {
                let mut source = Inline::new(file, plan, layout);
                read(&mut source, layout, plan, repeated, atoms, progress, send)
            }
            Input::Chunks(file) => {
                let mut source = Parallel::start(scope, file, plan, layout);
                read(&mut source, layout, plan, repeated, atoms, progress, send)
            }
        };
        let (mut counts, ordered) = sums.finish(plan);
        let mut pass = read?;
        pass.cov = std::mem::take(&mut counts.cov);
        pass.groups = super::sums::groups(plan, counts, &ordered);
        pass.pairs = ordered.pairs;
        pass.drivers = ordered.drivers;

        // Groups that appeared only in rows the adders never saw still exist.
        while pass.groups.len() < pass.group_keys.len() + 1 {
            pass.groups.push(GroupAcc::new(plan));
        }
        Ok(pass)
    })
}

/// Reads every record again only to count atoms (see [`run`]): no sums.
/// The rows, their groups and the group numbering are those of the pass
/// that scored them.
pub fn count_atoms<R: std::io::Read>(
    input: Input<'_, R>,
    layout: &Layout,
    plan: &Plan,
    repeated: Option<&HashMap<u64, u32>>,
    progress: Option<&super::Progress>,
    k: u64,
) -> Result<Pass, ReadError> {
    let limit = Some(AtomLimit { k, max: usize::MAX });
    std::thread::scope(|scope| match input {
        Input::Records(records) => {
            let mut source = Sequential::new(records, plan, layout);
            read(&mut source, layout, plan, repeated, limit, progress, |_| {})
        }
        Input::Chunks(file) if file.threads <= 1 => {
            let mut source = Inline::new(file, plan, layout);
            read(&mut source, layout, plan, repeated, limit, progress, |_| {})
        }
        Input::Chunks(file) => {
            let mut source = Parallel::start(scope, file, plan, layout);
            read(&mut source, layout, plan, repeated, limit, progress, |_| {})
        }
    })
}

fn read(
    source: &mut dyn RowSource,
    layout: &Layout,
    plan: &Plan,
    repeated: Option<&HashMap<u64, u32>>,
    atoms: Option<AtomLimit>,
    progress: Option<&super::Progress>,
    mut send: impl FnMut(Batch),
) -> Result<Pass, ReadError> {
    let ndims = plan.measured.len();
    let nq = plan.questions.len();
    let no = plan.outcome.as_ref().map_or(0, |o| o.items.len());
    let mut pass = Pass {
        read: 0,
        excluded: Vec::new(),
        excluded_not_listed: 0,
        excluded_by_reason: Default::default(),
        groups: Vec::new(),
        group_keys: Vec::new(),
        cov: Vec::new(),
        pairs: Vec::new(),
        drivers: Default::default(),
        issues: Vec::new(),
        issues_not_listed: 0,
        windows_1252_rows: 0,
        unreadable_cells: 0,
        ids: Vec::new(),
        atoms: Atoms::default(),
        rare: Vec::new(),
        org_scored: Vec::new(),
        scored_rows: 0,
        last_row: 0,
        last_lines: 0,
        atoms_dropped: false,
        merged: Vec::new(),
        comments: Default::default(),
        too_many_groups: None,
        odd_quotes: None,
    };
    // Repeated id -> (rows seen so far, excluded entries waiting for the
    // number of the row that replaces them).
    let mut seen: HashMap<u64, (u32, Vec<usize>)> = HashMap::new();
    let mut groups = GroupIndex::new(layout.group_cols.len());
    let mut reasons = Reasons::new();
    let mut dim_answered = vec![0usize; ndims];
    let mut atom_index = AtomIndex::default();
    let per_row = layout.group_cols.len() + 1;
    let new_batch = || Batch {
        rows: 0,
        answers: Vec::with_capacity(BATCH_ROWS * nq),
        members: Vec::with_capacity(BATCH_ROWS * per_row),
        outcome: Vec::with_capacity(BATCH_ROWS * no),
    };
    let mut batch = new_batch();
    let width = layout.names.len();
    // Header rows still to pass (a parallel reading starts at the top).
    let mut header = source.header_rows();
    // Blank lines at the end of the chunks read so far.
    let mut pending_blanks = 0;

    'chunks: while let Some(rows) = source.next()? {
        let cells = &rows.cells;
        for i in 0..rows.len() {
            let record = rows.record(i);
            let (blanks, spans) = cells.lines[i];
            if header > 0 {
                header -= 1;
                continue;
            }
            // The csv reader skips empty lines, but spreadsheets show each
            // as an empty row: count them, so that row numbers match what
            // people see.
            // With the blank lines that ended the chunks before, now that
            // a record follows them.
            for _ in 0..blanks + std::mem::take(&mut pending_blanks) {
                pass.exclude(Excluded {
                    row: pass.read + layout.first_row,
                    reason: "blank row".into(),
                });
                pass.read += 1;
            }
            // Spreadsheet row: the header is row 1 (and more rows in some
            // tools' exports), the first answer the row after.
            let row = pass.read + layout.first_row;
            pass.read += 1;
            pass.last_row = row;
            pass.last_lines = spans;
            let flags = cells.flags[i];
            if flags & BLANK != 0 {
                pass.exclude(Excluded {
                    row,
                    reason: "blank row".into(),
                });
                continue;
            }
            if flags & NOT_UTF8 != 0 {
                pass.windows_1252_rows += 1;
            }
            if let Some(f) = &layout.finished {
                let cell = decode_cell(record.get(f.col).unwrap_or_default());
                if let Some(reason) = f.unfinished(&cell, &layout.names[f.col]) {
                    pass.exclude(Excluded { row, reason });
                    continue;
                }
            }
            if record.len() > width {
                let extra = record
                    .iter()
                    .skip(width)
                    .filter(|c| !c.trim_ascii().is_empty())
                    .count();
                if extra > 0 {
                    note(&mut pass, Issue::ExtraCells { row, count: extra });
                }
            }
            if let Some(h) = cells.ids[i] {
                match repeated.and_then(|r| r.get(&h)) {
                    None if repeated.is_none() => pass.ids.push(h),
                    None => {}
                    Some(&total) => {
                        let (count, pending) = seen.entry(h).or_default();
                        *count += 1;
                        if *count < total {
                            let id = layout.id_col.and_then(|c| record.get(c));
                            let id = decode_cell(id.unwrap_or_default().trim_ascii());
                            let listed = pass.exclude(Excluded {
                                row,
                                reason: format!("duplicate respondent id \"{id}\""),
                            });
                            pending.extend(listed);
                            continue;
                        }
                        // The last answer of this id: name it in the reasons
                        // of the rows it replaces.
                        for &i in pending.iter() {
                            let e = &mut pass.excluded[i];
                            e.reason.push_str(&format!(
                                ": row {row} is a later answer and is used instead"
                            ));
                        }
                    }
                }
            }

            // Answers, written straight into the batch; taken back if the
            // row turns out not to be scored. An unreadable cell (rare) is
            // noted and counts as no answer.
            let start = batch.answers.len();
            let points = &cells.points[i * nq..(i + 1) * nq];
            batch.answers.extend_from_slice(points);
            if points.contains(&UNREADABLE) {
                for (qi, q) in plan.questions.iter().enumerate() {
                    if points[qi] == UNREADABLE {
                        unreadable(&mut pass, &mut reasons, layout, q, record, row);
                        batch.answers[start + qi] = NO_ANSWER;
                    }
                }
            }
            // Counted a dimension at a time: incrementing one counter per
            // answer made each answer wait for the one before.
            for (n, range) in dim_answered.iter_mut().zip(&plan.dim_questions) {
                *n = points[range.clone()]
                    .iter()
                    .filter(|&&p| is_point(p))
                    .count();
            }
            let any_answer = dim_answered.iter().any(|&n| n > 0);
            let outcome_start = batch.outcome.len();
            let has_outcome = match &plan.outcome {
                Some(o) => o.read_row(
                    &mut pass,
                    layout,
                    record,
                    row,
                    &cells.outcome[i * no..(i + 1) * no],
                    &mut batch.outcome,
                ),
                None => false,
            };
            let unscored = if !any_answer {
                Some("no scorable answer")
            } else if !(0..ndims).any(|d| scored_dim(plan, &dim_answered, d)) {
                Some("answered fewer than half of the questions of every dimension")
            } else {
                None
            };
            if let Some(reason) = unscored {
                batch.answers.truncate(start);
                batch.outcome.truncate(outcome_start);
                pass.exclude(Excluded {
                    row,
                    reason: reason.into(),
                });
                continue;
            }

            // Which groups this respondent belongs to.
            batch.members.push(0);
            for (gi, &(_, c)) in layout.group_cols.iter().enumerate() {
                let raw = record.get(c).unwrap_or_default().trim_ascii();
                match groups.member(&mut pass, plan, gi, raw) {
                    Some(idx) => batch.members.push(idx),
                    None => {
                        pass.too_many_groups = Some((gi, row));
                        break 'chunks;
                    }
                }
            }
            crate::comments::collect(
                &mut pass.comments,
                layout,
                record,
                row,
                &batch.members[batch.members.len() - per_row..],
            );
            if let Some(limit) = atoms.filter(|_| !pass.atoms_dropped) {
                let start = batch.members.len() - per_row;
                let a = atom_index.id(&batch.members[start + 1..]) as usize;
                if atom_index.keys.len() > limit.max {
                    // Too many combinations to count cheaply on the way:
                    // drop them; a second pass counts them if they turn
                    // out needed.
                    pass.atoms_dropped = true;
                    atom_index = AtomIndex::default();
                    pass.atoms = Atoms::default();
                    pass.rare.clear();
                } else {
                    count_atom(
                        &mut pass,
                        plan,
                        limit.k,
                        a,
                        &batch.members[start..],
                        &batch.answers[batch.answers.len() - nq..],
                        &dim_answered,
                        has_outcome,
                    );
                }
            }
            batch.rows += 1;
            if batch.rows == BATCH_ROWS {
                send(std::mem::replace(&mut batch, new_batch()));
            }
        }
        // Blank lines at the end of a chunk are rows when a record follows,
        // in a later chunk: held back until one does. At the end of the
        // file they are not rows (the chunks after may hold nothing but
        // blank lines).
        if header == 0 {
            pending_blanks += rows.trailing_blanks;
        }
        if let Some(p) = progress {
            (p.0)(rows.end);
        }
        source.recycle(rows);
    }
    if batch.rows > 0 && pass.too_many_groups.is_none() {
        send(batch);
    }
    pass.atoms.keys = atom_index.keys;
    pass.atoms.dims = ndims;
    pass.atoms.practices = plan.levelled.len();
    pass.odd_quotes = source.odd_quotes();
    Ok(pass)
}

/// Why a listed cell is unreadable, by question, kind and value: a wrong
/// scale or a habit of some respondents repeats a few values in many
/// cells, and suggesting a label compares the value with each of them.
type Reasons = HashMap<(String, Unreadable, String), String>;

/// Notes an unreadable answer: the cell is parsed again for why (rare).
fn unreadable(
    pass: &mut Pass,
    reasons: &mut Reasons,
    layout: &Layout,
    q: &QuestionPlan,
    record: Record<'_>,
    row: u64,
) {
    let Some(c) = q.col else { return };
    let cell = record.get(c).unwrap_or_default();
    let Answer::Unreadable(why) = q.parser.parse(cell) else {
        unreachable!("parsed as unreadable before")
    };
    pass.unreadable_cells += 1;
    let value = decode_cell(cell.trim_ascii()).into_owned();
    // The explanation only for the cells that are listed.
    let reason = if pass.issues.len() < MAX_LISTED_ISSUES {
        reasons
            .entry((q.id.clone(), why, value.clone()))
            .or_insert_with(|| q.parser.explain_cell(why, &value))
            .clone()
    } else {
        String::new()
    };
    note(
        pass,
        Issue::UnreadableCell {
            row,
            column: layout.names[c].clone(),
            question: q.id.clone(),
            value,
            reason,
        },
    );
}

pub(super) fn note(pass: &mut Pass, issue: Issue) {
    if pass.issues.len() < MAX_LISTED_ISSUES {
        pass.issues.push(issue);
    } else {
        pass.issues_not_listed += 1;
    }
}
