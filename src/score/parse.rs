//! Records -> parsed rows, a chunk at a time: the work on every cell (the
//! csv parse, each answer read as a point of its scale, the id hashed, the
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
use crate::survey::answer::Answer;
use crate::survey::Layout;

/// An answer that is not readable: the engine reads the cell again for
/// the details of the problem (rare, so not worth carrying here).
pub(super) const UNREADABLE: u8 = u8::MAX - 3;

/// Every cell of the row is blank.
pub(super) const BLANK: u8 = 1;
/// The row has bytes that are not UTF-8 (read as Windows-1252).
pub(super) const NOT_UTF8: u8 = 2;

/// Put after a chunk: the chunk ends at a record boundary exactly when the
/// parser reads this as a record of one cell (see `survey::chunks`). The
/// control characters keep it from being anything a survey holds.
const SENTINEL: &[u8] = b"\x01mlbizops: end of chunk\x01";

/// The parsed rows of one chunk, reused from chunk to chunk (the records
/// keep their buffers), so that parsing allocates nothing once warm.
#[derive(Default)]
pub(super) struct Rows {
    pub(super) records: Vec<csv::ByteRecord>,
    pub(super) len: usize,
    /// Per record: the blank lines just before it (the csv parser skips
    /// them, spreadsheets show them as rows), and the lines it spans.
    pub(super) lines: Vec<(u64, u64)>,
    pub(super) flags: Vec<u8>,
    /// The hash of the respondent id, when the row has one.
    pub(super) ids: Vec<Option<u64>>,
    /// One code per question and row: a point, `NO_ANSWER`, `NOT_SURE`,
    /// `NOT_APPLICABLE` or `UNREADABLE`.
    pub(super) points: Vec<u8>,
    /// One code per outcome item and row: a point, `NO_ANSWER` or
    /// `UNREADABLE`.
    pub(super) outcome: Vec<u8>,
    /// Blank lines after the last record of a chunk: rows when a record
    /// follows in the next chunk.
    pub(super) trailing_blanks: u64,
    /// Bytes of the input read up to the end of these rows (progress).
    pub(super) end: u64,
    /// No rows follow.
    pub(super) last: bool,
    /// The chunk's bytes (parallel reading only).
    pub(super) bytes: Vec<u8>,
    spare: Vec<u8>,
    /// Per question, cells already read ([`memo_code`]).
    memo: Vec<Vec<(Box<[u8]>, u8)>>,
}

impl Rows {
    fn clear(&mut self) {
        self.len = 0;
        self.lines.clear();
        self.flags.clear();
        self.ids.clear();
        self.points.clear();
        self.outcome.clear();
        self.trailing_blanks = 0;
    }

    /// Drops the last record.
    fn pop(&mut self, nq: usize, no: usize) {
        self.len -= 1;
        self.lines.truncate(self.len);
        self.flags.truncate(self.len);
        self.ids.truncate(self.len);
        self.points.truncate(self.len * nq);
        self.outcome.truncate(self.len * no);
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

pub(super) fn id_hash(bytes: &[u8]) -> u64 {
    // DefaultHasher::new() uses fixed keys: the same id always hashes alike.
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Reads up to `max` records into `rows` (cleared first). `prev_end` is
/// the reader's line after the record before. Returns whether the reader
/// reached its end.
pub(super) fn fill<R: Read>(
    reader: &mut csv::Reader<R>,
    plan: &Plan,
    layout: &Layout,
    rows: &mut Rows,
    max: usize,
    prev_end: &mut u64,
) -> Result<bool, csv::Error> {
    rows.clear();
    while rows.len < max {
        if rows.records.len() == rows.len {
            rows.records.push(csv::ByteRecord::new());
        }
        let record = &mut rows.records[rows.len];
        if !reader.read_byte_record(record)? {
            return Ok(true);
        }
        // The lines the record advanced the reader by, less the lines it
        // spans itself (one, plus the line breaks inside quoted fields),
        // are the empty lines skipped before it. Every record is
        // terminated (the input ends with a line break), so this holds for
        // the last one too.
        let end = reader.position().line();
        // A line break inside a record is rare: look for one first (a
        // vectorized search) before counting them.
        let fields = record.as_slice();
        let spans = 1 + if fields.contains(&b'\n') {
            fields.iter().filter(|&&b| b == b'\n').count() as u64
        } else {
            0
        };
        rows.lines
            .push(((end - *prev_end).saturating_sub(spans), spans));
        *prev_end = end;
        let mut flags = 0;
        if record.iter().all(|c| c.trim_ascii().is_empty()) {
            flags |= BLANK;
        }
        if std::str::from_utf8(record.as_slice()).is_err() {
            flags |= NOT_UTF8;
        }
        rows.flags.push(flags);
        let id = layout
            .id_col
            .map(|c| record.get(c).unwrap_or_default().trim_ascii())
            .filter(|id| !id.is_empty());
        rows.ids.push(id.map(id_hash));
        rows.memo.resize_with(plan.questions.len(), Vec::new);
        // The record's cells in order, each to its question: a cell the
        // record lacks, like a question without a column, is no answer
        // (what the parser gives an empty cell).
        let start = rows.points.len();
        rows.points.resize(start + plan.questions.len(), NO_ANSWER);
        let points = &mut rows.points[start..];
        for (cell, column) in record.iter().zip(&plan.columns) {
            let Some((qi, digits)) = column else { continue };
            let qi = *qi as usize;
            points[qi] = match cell {
                &[d @ b'0'..=b'9'] => digits[usize::from(d - b'0')],
                cell => memo_code(&mut rows.memo[qi], cell, |cell| {
                    code(plan.questions[qi].parser.parse(cell))
                }),
            };
        }
        for item in plan.outcome.iter().flat_map(|o| &o.items) {
            rows.outcome.push(match item.col {
                // Not sure, does not apply: not answered, for an index.
                Some(c) => match item.parser.parse(record.get(c).unwrap_or_default()) {
                    Answer::Point(p) => p,
                    Answer::Unreadable(_) => UNREADABLE,
                    _ => NO_ANSWER,
                },
                None => NO_ANSWER,
            });
        }
        rows.len += 1;
    }
    Ok(false)
}

/// Parses a chunk of a file (`rows.bytes`, from `survey::chunks`) into
/// `rows`. Returns whether the chunk is sound: it ended at a record
/// boundary, has no zero byte, and parsed without error. An unsound chunk
/// means the file is read again on one thread, which reports what is
/// wrong if anything is.
pub(super) fn parse_chunk(rows: &mut Rows, plan: &Plan, layout: &Layout, delimiter: u8) -> bool {
    let mut bytes = std::mem::take(&mut rows.bytes);
    // The csv parser drops a byte-order mark at the start of its input,
    // which the sequential reader sees only at the start of the file (and
    // skips there, as the splitter does).
    let sound = !bytes.starts_with(b"\xEF\xBB\xBF")
        && crate::survey::input::line_feeds_in_place(&mut bytes, &mut rows.spare).is_ok()
        && parse_bytes(&bytes, rows, plan, layout, delimiter);
    rows.bytes = bytes;
    sound
}

fn parse_bytes(bytes: &[u8], rows: &mut Rows, plan: &Plan, layout: &Layout, delimiter: u8) -> bool {
    let stream = bytes.chain(SENTINEL).chain(&b"\n"[..]);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(stream);
    let mut prev_end = reader.position().line();
    if fill(&mut reader, plan, layout, rows, usize::MAX, &mut prev_end).is_err() {
        return false;
    }
    let sound = rows.len > 0 && {
        let r = &rows.records[rows.len - 1];
        r.len() == 1 && &r[0] == SENTINEL
    };
    if sound {
        rows.trailing_blanks = rows.lines[rows.len - 1].0;
        let no = plan.outcome.as_ref().map_or(0, |o| o.items.len());
        rows.pop(plan.questions.len(), no);
    }
    sound
}
