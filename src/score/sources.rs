//! Where `engine::read` gets its parsed rows from, in file order: a csv
//! reader parsed on the calling thread (any input), or a plain file cut into
//! chunks (`survey::chunks`) parsed on several threads.
//!
//! Parallel reading: one thread reads the file and cuts it into chunks at
//! record boundaries; `threads` threads parse chunks as they come; the
//! caller takes the parsed chunks back in file order. A fixed set of chunk
//! buffers goes round (the caller hands each back when done with it), so
//! memory stays flat however large the file, and the reading thread waits
//! when the parsers or the caller fall behind.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};

use super::engine::Plan;
use super::parse::{fill, parse_chunk, Rows};
use crate::survey::chunks::Splitter;
use crate::survey::Layout;

/// Why reading stopped.
#[derive(Debug)]
pub enum ReadError {
    Csv(csv::Error),
    /// The parallel reading could not be trusted (a chunk did not end at a
    /// record boundary, the file has a zero byte, it could not be read):
    /// read it again on one thread, which gives the result or the error.
    Sequential,
}

impl ReadError {
    /// The error of a sequential reading, which never asks to be read
    /// again.
    pub(super) fn sequential(self) -> csv::Error {
        match self {
            ReadError::Csv(e) => e,
            ReadError::Sequential => unreachable!("only a parallel reading falls back"),
        }
    }
}

impl From<csv::Error> for ReadError {
    fn from(e: csv::Error) -> Self {
        ReadError::Csv(e)
    }
}

pub(super) trait RowSource {
    /// The next rows in file order; `None` after the last.
    fn next(&mut self) -> Result<Option<Box<Rows>>, ReadError>;
    /// Hands rows back for reuse.
    fn recycle(&mut self, rows: Box<Rows>);
    /// Records at the start that are header rows, not answers.
    fn header_rows(&self) -> usize;
    /// The parity of the quotes of the whole input, when this source
    /// counted them (else the caller's reader did).
    fn odd_quotes(&self) -> Option<bool>;
}

/// Rows a sequential source parses at a time: few enough that the
/// records are still in the cache when the same thread checks them (with
/// 2,048 the checks waited on memory, 10% of the whole run).
const ROWS_PER_FILL: usize = 128;

/// A csv reader, already past the header rows, parsed on this thread.
pub(super) struct Sequential<'a, R: Read> {
    reader: &'a mut csv::Reader<R>,
    plan: &'a Plan,
    layout: &'a Layout,
    prev_end: u64,
    spare: Option<Box<Rows>>,
    done: bool,
}

impl<'a, R: Read> Sequential<'a, R> {
    pub(super) fn new(reader: &'a mut csv::Reader<R>, plan: &'a Plan, layout: &'a Layout) -> Self {
        let prev_end = reader.position().line();
        Sequential {
            reader,
            plan,
            layout,
            prev_end,
            spare: None,
            done: false,
        }
    }
}

impl<R: Read> RowSource for Sequential<'_, R> {
    fn next(&mut self) -> Result<Option<Box<Rows>>, ReadError> {
        if self.done {
            return Ok(None);
        }
        let mut rows = self.spare.take().unwrap_or_default();
        let at_end = fill(
            self.reader,
            self.plan,
            self.layout,
            &mut rows,
            ROWS_PER_FILL,
            &mut self.prev_end,
        )?;
        self.done = at_end;
        rows.end = self.reader.position().byte();
        Ok((rows.len() > 0 || !at_end).then_some(rows))
    }

    fn recycle(&mut self, rows: Box<Rows>) {
        self.spare = Some(rows);
    }

    fn header_rows(&self) -> usize {
        0
    }

    fn odd_quotes(&self) -> Option<bool> {
        None
    }
}

/// A plain file cut into chunks and parsed on the calling thread: what
/// the parallel reading does, without threads to hand chunks to. Faster
/// than a csv reader: most records are split by hand (`split`).
pub(super) struct Inline<'a> {
    file: &'a ChunkedFile,
    plan: &'a Plan,
    layout: &'a Layout,
    splitter: Option<Splitter>,
    spare: Option<Box<Rows>>,
    done: bool,
}

impl<'a> Inline<'a> {
    pub(super) fn new(file: &'a ChunkedFile, plan: &'a Plan, layout: &'a Layout) -> Self {
        Inline {
            file,
            plan,
            layout,
            splitter: None,
            spare: None,
            done: false,
        }
    }
}

impl RowSource for Inline<'_> {
    fn next(&mut self) -> Result<Option<Box<Rows>>, ReadError> {
        if self.done {
            return Ok(None);
        }
        let splitter = match &mut self.splitter {
            Some(s) => s,
            None => self.splitter.insert(
                Splitter::open(&self.file.path, self.file.chunk_bytes)
                    .map_err(|_| ReadError::Sequential)?,
            ),
        };
        let mut rows = self.spare.take().unwrap_or_default();
        let Some(chunk) = splitter
            .next_chunk(&mut rows.bytes)
            .map_err(|_| ReadError::Sequential)?
        else {
            self.done = true;
            return Ok(None);
        };
        if !parse_chunk(&mut rows, self.plan, self.layout, self.file.delimiter) {
            return Err(ReadError::Sequential);
        }
        rows.end = chunk.end;
        self.done = chunk.last;
        Ok(Some(rows))
    }

    fn recycle(&mut self, rows: Box<Rows>) {
        self.spare = Some(rows);
    }

    fn header_rows(&self) -> usize {
        self.file.header_rows
    }

    fn odd_quotes(&self) -> Option<bool> {
        Some(self.splitter.as_ref().is_some_and(Splitter::odd_quotes))
    }
}

/// A plain UTF-8 file (with or without BOM) to read in chunks, on one
/// thread or several.
#[derive(Debug, Clone)]
pub struct ChunkedFile {
    pub path: PathBuf,
    pub delimiter: u8,
    /// Header rows at its start.
    pub header_rows: usize,
    /// Parsing threads.
    pub threads: usize,
    /// The size chunks are cut at.
    pub chunk_bytes: usize,
}

enum Msg {
    Parsed(u64, Box<Rows>, bool),
    /// The reading thread is done: how many chunks it gave out, and the
    /// parity of all quotes.
    Done(u64, bool),
    Failed,
}

/// The caller's end of a parallel reading.
pub(super) struct Parallel {
    results: Receiver<Msg>,
    pool: Sender<Box<Rows>>,
    waiting: BTreeMap<u64, (Box<Rows>, bool)>,
    next: u64,
    done: Option<u64>,
    odd_quotes: bool,
    header_rows: usize,
}

impl Parallel {
    /// Starts the reading and parsing threads in `scope`; they end when
    /// the file is read or when the returned value is dropped.
    pub(super) fn start<'scope, 'env: 'scope>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        file: &'env ChunkedFile,
        plan: &'env Plan,
        layout: &'env Layout,
    ) -> Parallel {
        let threads = file.threads.max(1);
        let (results_tx, results) = channel::<Msg>();
        let (pool, pool_rx) = channel::<Box<Rows>>();
        // Enough buffers that every parser has one while the caller works
        // on one and the reader fills one.
        for _ in 0..2 * threads + 2 {
            let _ = pool.send(Box::default());
        }
        let (jobs_tx, jobs_rx) = channel::<(u64, Box<Rows>)>();
        let jobs_rx = Arc::new(Mutex::new(jobs_rx));
        for _ in 0..threads {
            let jobs = Arc::clone(&jobs_rx);
            let results = results_tx.clone();
            scope.spawn(move || loop {
                let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((seq, mut rows)) = job else { break };
                let sound = parse_chunk(&mut rows, plan, layout, file.delimiter);
                if results.send(Msg::Parsed(seq, rows, sound)).is_err() {
                    break;
                }
            });
        }
        scope.spawn(move || {
            let mut splitter = match Splitter::open(&file.path, file.chunk_bytes) {
                Ok(s) => s,
                Err(_) => {
                    let _ = results_tx.send(Msg::Failed);
                    return;
                }
            };
            let mut seq = 0;
            // Ends when the caller drops its end (no buffer comes back).
            while let Ok(mut rows) = pool_rx.recv() {
                match splitter.next_chunk(&mut rows.bytes) {
                    Ok(Some(chunk)) => {
                        rows.end = chunk.end;
                        if jobs_tx.send((seq, rows)).is_err() {
                            return;
                        }
                        seq += 1;
                        if chunk.last {
                            break;
                        }
                    }
                    Ok(None) => break,
                    Err(_) => {
                        let _ = results_tx.send(Msg::Failed);
                        return;
                    }
                }
            }
            let _ = results_tx.send(Msg::Done(seq, splitter.odd_quotes()));
        });
        Parallel {
            results,
            pool,
            waiting: BTreeMap::new(),
            next: 0,
            done: None,
            odd_quotes: false,
            header_rows: file.header_rows,
        }
    }
}

impl RowSource for Parallel {
    fn next(&mut self) -> Result<Option<Box<Rows>>, ReadError> {
        loop {
            if let Some((rows, sound)) = self.waiting.remove(&self.next) {
                if !sound {
                    return Err(ReadError::Sequential);
                }
                self.next += 1;
                return Ok(Some(rows));
            }
            if self.done == Some(self.next) {
                return Ok(None);
            }
            match self.results.recv() {
                Ok(Msg::Parsed(seq, rows, sound)) => {
                    self.waiting.insert(seq, (rows, sound));
                }
                Ok(Msg::Done(chunks, odd)) => {
                    self.done = Some(chunks);
                    self.odd_quotes = odd;
                }
                Ok(Msg::Failed) | Err(_) => return Err(ReadError::Sequential),
            }
        }
    }

    fn recycle(&mut self, rows: Box<Rows>) {
        let _ = self.pool.send(rows);
    }

    fn header_rows(&self) -> usize {
        self.header_rows
    }

    fn odd_quotes(&self) -> Option<bool> {
        Some(self.odd_quotes)
    }
}
