//! Records -> parsed rows, a chunk at a time: the work on every cell (the
//! split into fields, each answer read as a point of its scale, the id hashed, the
//! row checked for blankness and UTF-8) that does not depend on the rows
//! before it, so that it can run on several threads. What does depend on
//! them (row numbers, groups numbered in order of first appearance,
//! re-submissions, the problem list) is done by `engine::read` on one
//! thread, in file order, from these rows: the same code whether the rows
//! were parsed on one thread or many, so both give the same result.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::Read;

use super::engine::{Plan, NOT_APPLICABLE, NOT_SURE, NO_ANSWER};
use super::split::{self, Lines, Record, Records};
use crate::survey::answer::Answer;
use crate::survey::Layout;

/// An answer that is not readable: the engine reads the cell again for
/// the details of the problem (rare, so not worth carrying here).
pub(super) const UNREADABLE: u8 = u8::MAX - 3;

/// Every cell of the row is blank.
pub(super) const BLANK: u8 = 1;
/// The row has bytes that are not UTF-8 (read as Windows-1252).
pub(super) const NOT_UTF8: u8 = 2;

/// The parsed rows of one chunk, reused from chunk to chunk (the records
/// keep their buffers), so that parsing allocates nothing once warm.
#[derive(Default)]
pub(super) struct Rows {
    pub(super) records: Records,
    pub(super) cells: Cells,
    /// Blank lines after the last record of a chunk: rows when a record
    /// follows in the next chunk.
    pub(super) trailing_blanks: u64,
    /// Bytes of the input read up to the end of these rows (progress).
    pub(super) end: u64,
    /// The chunk's bytes (chunked reading only).
    pub(super) bytes: Vec<u8>,
    spare: Vec<u8>,
    /// A record from a csv reader (sequential reading only).
    scratch: csv::ByteRecord,
}

/// What is worked out of each record, one entry (or one per question or
/// outcome item) per record.
#[derive(Default)]
pub(super) struct Cells {
    pub(super) len: usize,
    /// Per record: the blank lines just before it and the lines it spans.
    pub(super) lines: Vec<Lines>,
    pub(super) flags: Vec<u8>,
    /// The hash of the respondent id, when the row has one.
    pub(super) ids: Vec<Option<u64>>,
    /// One code per question and row: a point, `NO_ANSWER`, `NOT_SURE`,
    /// `NOT_APPLICABLE` or `UNREADABLE`.
    pub(super) points: Vec<u8>,
    /// One code per outcome item and row: a point, `NO_ANSWER` or
    /// `UNREADABLE`.
    pub(super) outcome: Vec<u8>,
    /// Per question, cells already read ([`memo_code`]).
    memo: Vec<Vec<(Box<[u8]>, u8)>>,
}

impl Rows {
    fn clear(&mut self) {
        self.records.clear();
        let c = &mut self.cells;
        c.len = 0;
        c.lines.clear();
        c.flags.clear();
        c.ids.clear();
        c.points.clear();
        c.outcome.clear();
        self.trailing_blanks = 0;
    }

    pub(super) fn len(&self) -> usize {
        self.cells.len
    }

    /// Record `i`.
    pub(super) fn record(&self, i: usize) -> Record<'_> {
        self.records.get(&self.bytes, i)
    }
}

/// An answer as the code the engine reads.
pub(super) fn code(a: Answer) -> u8 {
    match a {
        Answer::Point(p) => p,
        Answer::Missing => NO_ANSWER,
        Answer::NotSure => NOT_SURE,
        Answer::NotApplicable => NOT_APPLICABLE,
        Answer::Unreadable(_) => UNREADABLE,
    }
}

/// Distinct cells other than one digit remembered per question: a
/// question's cells that are not a digit are mostly a few texts ("Not
/// sure", "N/A", empty), and reading one costs decoding and normalizing.
const MEMO: usize = 8;

/// The code of `cell` from `memo`, else from `parse` (remembered while
/// the memo has room). `parse` is a pure function of the cell, so a
/// remembered code is the one it would give.
fn memo_code(memo: &mut Vec<(Box<[u8]>, u8)>, cell: &[u8], parse: impl Fn(&[u8]) -> u8) -> u8 {
    if let Some((_, c)) = memo.iter().find(|(k, _)| **k == *cell) {
        return *c;
    }
    let c = parse(cell);
    if memo.len() < MEMO {
        memo.push((cell.into(), c));
    }
    c
}

/// The code of a cell that is not one digit (out of the loop over a
/// record's cells, which it would otherwise slow down).
#[cold]
#[inline(never)]
fn other_cell(memo: &mut Vec<(Box<[u8]>, u8)>, plan: &Plan, qi: usize, cell: &[u8]) -> u8 {
    memo_code(memo, cell, |cell| {
        code(plan.questions[qi].parser.parse(cell))
    })
}

pub(super) fn id_hash(bytes: &[u8]) -> u64 {
    // DefaultHasher::new() uses fixed keys: the same id always hashes alike.
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Reads up to `max` records from a csv reader into `rows` (cleared
/// first). `prev_end` is the reader's line after the record before.
/// Returns whether the reader reached its end.
pub(super) fn fill<R: Read>(
    reader: &mut csv::Reader<R>,
    plan: &Plan,
    layout: &Layout,
    rows: &mut Rows,
    max: usize,
    prev_end: &mut u64,
) -> Result<bool, csv::Error> {
    rows.clear();
    while rows.cells.len < max {
        let record = &mut rows.scratch;
        if !reader.read_byte_record(record)? {
            return Ok(true);
        }
        // The lines the record advanced the reader by, less the lines it
        // spans itself (one, plus the line breaks inside quoted fields),
        // are the empty lines skipped before it. Every record is
        // terminated (the input ends with a line break), so this holds for
        // the last one too.
        let end = reader.position().line();
        let spans = 1 + memchr::memchr_iter(b'\n', record.as_slice()).count() as u64;
        let lines = ((end - *prev_end).saturating_sub(spans), spans);
        *prev_end = end;
        // Its fields and a separator after each.
        if !rows
            .records
            .has_room(record.as_slice().len() + record.len())
        {
            return Err(csv::Error::from(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "a record of more than 4 GB (a quote that is never closed?)",
            )));
        }
        rows.records.push_copy(record.iter());
        let last = rows.records.len() - 1;
        rows.cells
            .add(rows.records.get(&[], last), lines, plan, layout, true);
    }
    Ok(false)
}

impl Cells {
    /// Works out what the engine needs of `record`. `ascii_delimiter`:
    /// the bytes between its fields are ASCII, so that the record is UTF-8
    /// exactly when its joined bytes are.
    fn add(
        &mut self,
        record: Record<'_>,
        lines: Lines,
        plan: &Plan,
        layout: &Layout,
        ascii_delimiter: bool,
    ) {
        self.lines.push(lines);
        let mut flags = 0;
        if record.iter().all(|c| c.trim_ascii().is_empty()) {
            flags |= BLANK;
        }
        // Some field is not UTF-8 (a character cut by a delimiter counts).
        let joined = record.joined();
        let utf8 = (joined.is_ascii() || std::str::from_utf8(joined).is_ok()) && ascii_delimiter
            || record.iter().all(|f| std::str::from_utf8(f).is_ok());
        if !utf8 {
            flags |= NOT_UTF8;
        }
        self.flags.push(flags);
        let id = layout
            .id_col
            .and_then(|c| record.get(c))
            .map(<[u8]>::trim_ascii)
            .filter(|id| !id.is_empty());
        self.ids.push(id.map(id_hash));
        self.memo.resize_with(plan.questions.len(), Vec::new);
        // The record's cells in order, each to its question: a cell the
        // record lacks, like a question without a column, is no answer
        // (what the parser gives an empty cell).
        let start = self.points.len();
        self.points.resize(start + plan.questions.len(), NO_ANSWER);
        let points = &mut self.points[start..];
        // (Walking the field ends here, rather than through `iter`, halves
        // the cost of this loop, the busiest of the reading thread.)
        let (data, mut start, ends) = record.parts();
        for (&end, column) in ends.iter().zip(&plan.columns) {
            let end = end as usize;
            if let Some((qi, digits)) = column {
                let qi = *qi as usize;
                let digit = match end == start + 1 {
                    true => data[start].wrapping_sub(b'0'),
                    false => u8::MAX,
                };
                points[qi] = match digits.get(usize::from(digit)) {
                    Some(&c) => c,
                    None => other_cell(
                        &mut self.memo[qi],
                        plan,
                        qi,
                        data.get(start..end).unwrap_or_default(),
                    ),
                };
            }
            start = end + 1;
        }
        for item in plan.outcome.iter().flat_map(|o| &o.items) {
            self.outcome.push(match item.col {
                // Not sure, does not apply: not answered, for an index.
                Some(c) => match item.parser.parse(record.get(c).unwrap_or_default()) {
                    Answer::Point(p) => p,
                    Answer::Unreadable(_) => UNREADABLE,
                    _ => NO_ANSWER,
                },
                None => NO_ANSWER,
            });
        }
        self.len += 1;
    }
}

/// Parses a chunk of a file (`rows.bytes`, from `survey::chunks`) into
/// `rows`. Returns whether the chunk is sound: it ended at a record
/// boundary, has no zero byte, and parsed without error. An unsound chunk
/// means the file is read again on one thread, which reports what is
/// wrong if anything is.
pub(super) fn parse_chunk(rows: &mut Rows, plan: &Plan, layout: &Layout, delimiter: u8) -> bool {
    let mut bytes = std::mem::take(&mut rows.bytes);
    let sound = crate::survey::input::line_feeds_in_place(&mut bytes, &mut rows.spare).is_ok()
        && parse_bytes(&bytes, rows, plan, layout, delimiter);
    rows.bytes = bytes;
    sound
}

fn parse_bytes(bytes: &[u8], rows: &mut Rows, plan: &Plan, layout: &Layout, delimiter: u8) -> bool {
    rows.clear();
    let cells = &mut rows.cells;
    let ascii = delimiter.is_ascii();
    let trailing = split::split(bytes, delimiter, &mut rows.records, |records, lines| {
        let record = records.get(bytes, records.len() - 1);
        cells.add(record, lines, plan, layout, ascii);
    });
    match trailing {
        Some(blanks) => {
            rows.trailing_blanks = blanks;
            true
        }
        None => false,
    }
}
