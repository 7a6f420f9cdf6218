//! Bytes -> CSV records: encoding, byte-order marks, delimiter.
//!
//! Survey exports arrive as UTF-8 with or without a BOM, as UTF-16 with a BOM
//! (Excel's "Unicode text") or as Windows-1252 (older Excel). UTF-16 is
//! transcoded as it streams; everything else is read as raw bytes, and a cell
//! is decoded as Windows-1252 only when it is not valid UTF-8, so a clean file
//! costs no decoding at all and a mixed file still reads correctly.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;

/// How much of the file is looked at to recognise its kind and delimiter.
const SNIFF_BYTES: u64 = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {path}: {}", io_reason(.source))]
    Io { path: String, source: io::Error },
    #[error("{path} is empty")]
    Empty { path: String },
    #[error("{path} is not a CSV file: {why}")]
    NotCsv { path: String, why: String },
}

/// An I/O error in words, without the OS error number.
/// The largest rubric, bibliography or manifest read: the built-in rubric
/// and its bibliography are under 100 KB together. Checked while reading,
/// so `/dev/zero` or a mistaken path to a huge file is an error, not a hang.
pub const MAX_TEXT_FILE: u64 = 4 << 20;

/// Reads a small text file (rubric, bibliography, manifest) whole, up to
/// [`MAX_TEXT_FILE`] bytes.
pub fn read_small(path: &Path) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    File::open(path)?
        .take(MAX_TEXT_FILE + 1)
        .read_to_end(&mut out)?;
    if out.len() as u64 > MAX_TEXT_FILE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "larger than {} MB, far more than any rubric, bibliography or manifest",
                MAX_TEXT_FILE >> 20
            ),
        ));
    }
    Ok(out)
}

pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// The byte-level encoding of the file as detected from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Utf16BeBom,
    /// UTF-16 without a byte-order mark, recognised by its zero bytes.
    Utf16Le,
    Utf16Be,
    /// An Excel workbook, whose first sheet is read.
    Xlsx,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16LeBom => "UTF-16LE with BOM",
            Encoding::Utf16BeBom => "UTF-16BE with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Xlsx => "Excel workbook, first sheet",
        }
    }
}

pub struct Opened {
    pub encoding: Encoding,
    pub delimiter: u8,
    pub records: csv::Reader<Box<dyn Read>>,
    /// Its parity is that of the quote characters read so far. Quotes come
    /// in pairs (around a field, or doubled inside one), so an odd count at
    /// the end means one was never closed and the csv reader took the rest
    /// of the file for one cell.
    pub quotes: Arc<AtomicU64>,
    /// A workbook's sheet as CSV, kept so that reading it again does not
    /// unzip and parse the workbook again.
    sheet: Option<std::sync::Arc<Vec<u8>>>,
}

impl Opened {
    /// The same file from its first record again: scoring reads the first
    /// rows to tell the layout, then the whole file (twice when ids repeat).
    pub fn reopen(&self, path: &Path) -> Result<Opened, InputError> {
        match &self.sheet {
            Some(sheet) => Ok(sheet_records(std::sync::Arc::clone(sheet))),
            None => open(path),
        }
    }
}

/// Records over a sheet held in memory as CSV.
fn sheet_records(sheet: std::sync::Arc<Vec<u8>>) -> Opened {
    /// The sheet's bytes, shared rather than copied between readings.
    struct Shared(std::sync::Arc<Vec<u8>>);
    impl AsRef<[u8]> for Shared {
        fn as_ref(&self) -> &[u8] {
            &self.0
        }
    }
    let stream: Box<dyn Read> = Box::new(Cursor::new(Shared(std::sync::Arc::clone(&sheet))));
    Opened {
        encoding: Encoding::Xlsx,
        delimiter: b',',
        records: csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(stream),
        // The sheet was written as CSV by this program: quotes balance.
        quotes: Arc::default(),
        sheet: Some(sheet),
    }
}

/// One pass over `bytes`, eight at a time (every byte of every file goes
/// through here): whether they hold a "\r" or a zero byte, and whether they
/// hold an odd number of quote characters.
pub(crate) fn scan(bytes: &[u8]) -> (bool, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const CR: u64 = 0x0d0d_0d0d_0d0d_0d0d;
    const QUOTE: u64 = 0x2222_2222_2222_2222;
    // Non-zero when some byte of `x` is zero (which one may be off).
    let any_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    // The high bit set in exactly the zero bytes of `x`.
    let zeros = |x: u64| !(((x & LOW7) + LOW7) | x | LOW7);
    let (mut special, mut quotes) = (0u64, 0u64);
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let v = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        special |= any_zero(v) | any_zero(v ^ CR);
        // Only the parity of the count matters: fold the marks together.
        quotes ^= zeros(v ^ QUOTE);
    }
    let rest = words.remainder();
    let odd = (quotes.count_ones() + rest.iter().filter(|&&b| b == b'"').count() as u32) % 2 == 1;
    (
        special != 0 || rest.iter().any(|&b| b == b'\r' || b == 0),
        odd,
    )
}

/// A reader that turns "\r\n" and a lone "\r" into "\n", also across
/// reads (a "\r" at the end of one read, its "\n" at the start of the
/// next).
struct LineFeeds<R> {
    inner: R,
    /// The last byte given out was a "\r" turned into "\n".
    after_cr: bool,
    /// Reads with an odd number of quote characters so far (see
    /// [`Opened::quotes`]).
    quotes: Arc<AtomicU64>,
}

impl<R: Read> Read for LineFeeds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let (special, odd) = scan(&buf[..n]);
            self.quotes.fetch_add(u64::from(odd), Ordering::Relaxed);
            // Most files have no "\r" at all: nothing to do.
            if !self.after_cr && !special {
                return Ok(n);
            }
            // The first 64 KB are checked for binary data when the file is
            // opened; a zero byte further on is refused just the same.
            if buf[..n].contains(&0) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "it contains binary data (a zero byte), not text",
                ));
            }
            // Line by line: copy up to each "\r", write "\n" for it, and
            // drop the "\n" that follows it, if any.
            let (mut out, mut i) = (0, 0);
            if std::mem::take(&mut self.after_cr) && buf[0] == b'\n' {
                i = 1;
            }
            while i < n {
                let end = buf[i..n]
                    .iter()
                    .position(|&b| b == b'\r')
                    .map_or(n, |p| i + p);
                buf.copy_within(i..end, out);
                out += end - i;
                i = end;
                if i < n {
                    buf[out] = b'\n';
                    out += 1;
                    i += 1;
                    if i == n {
                        self.after_cr = true;
                    } else if buf[i] == b'\n' {
                        i += 1;
                    }
                }
            }
            // A read that was only the "\n" of a "\r\n" gives nothing:
            // read on rather than signal the end.
            if out > 0 {
                return Ok(out);
            }
        }
    }
}

/// A chunk of a file (`chunks::Splitter`) with its line breaks made "\n"
/// as [`LineFeeds`] makes those of a whole stream; a chunk never ends inside
/// a "\r\n", so it can be done chunk by chunk. `spare` is scratch space.
/// Errors as `LineFeeds` on a zero byte.
pub(crate) fn line_feeds_in_place(buf: &mut Vec<u8>, spare: &mut Vec<u8>) -> io::Result<()> {
    if !scan(buf).0 {
        return Ok(());
    }
    spare.clear();
    let mut r = LineFeeds {
        inner: &buf[..],
        after_cr: false,
        quotes: Arc::default(),
    };
    r.read_to_end(spare)?;
    std::mem::swap(buf, spare);
    Ok(())
}

/// Drops a UTF-8 byte-order mark from the start of the sniffed bytes.
trait SkipBom {
    fn skip_bom(self) -> Self;
}

impl SkipBom for Cursor<Vec<u8>> {
    fn skip_bom(mut self) -> Self {
        if self.get_ref().starts_with(b"\xEF\xBB\xBF") {
            self.set_position(3);
        }
        self
    }
}

/// The survey path that means standard input, as in most command-line tools
/// (`./-` names a file called `-`).
pub const STDIN: &str = "-";

/// Whether `path` means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// Standard input, copied once into an unnamed temporary file (removed by
/// the system when the program ends, however it ends). Scoring reads a
/// survey more than once - the first rows for the layout, then every row,
/// again when respondent ids repeat - and a pipe can be read only once:
/// the copy makes every pass see the same bytes, costs disk space rather
/// than memory, and reads exactly like a file.
static STDIN_COPY: std::sync::Mutex<Option<Arc<std::sync::Mutex<File>>>> =
    std::sync::Mutex::new(None);

fn stdin_copy() -> io::Result<Arc<std::sync::Mutex<File>>> {
    let mut copy = STDIN_COPY.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(file) = copy.as_ref() {
        return Ok(Arc::clone(file));
    }
    let stdin = io::stdin();
    if std::io::IsTerminal::is_terminal(&stdin) {
        return Err(io::Error::other(
            "it is a terminal, not a survey: pipe the survey in (`cat survey.csv | mlbizops score -`) or give its path",
        ));
    }
    let mut file = tempfile::tempfile()?;
    io::copy(&mut stdin.lock(), &mut file)?;
    let file = Arc::new(std::sync::Mutex::new(file));
    *copy = Some(Arc::clone(&file));
    Ok(file)
}

/// One reading of the copy of standard input, from its start, with its own
/// position: readings never move each other's.
struct StdinReading {
    file: Arc<std::sync::Mutex<File>>,
    pos: u64,
}

impl Read for StdinReading {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        use std::io::{Seek, SeekFrom};
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        file.seek(SeekFrom::Start(self.pos))?;
        let n = file.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// Opens a survey file, or standard input for [`STDIN`]. Errors name the
/// file as given, and standard input as "standard input".
pub fn open(path: &Path) -> Result<Opened, InputError> {
    let name = if is_stdin(path) {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    let io_err = |source| InputError::Io {
        path: name.clone(),
        source,
    };
    let mut file: Box<dyn Read> = if is_stdin(path) {
        Box::new(StdinReading {
            file: stdin_copy().map_err(io_err)?,
            pos: 0,
        })
    } else {
        Box::new(File::open(path).map_err(io_err)?)
    };
    let mut head = Vec::new();
    (&mut file)
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(io_err)?;
    if head.is_empty() {
        return Err(InputError::Empty { path: name });
    }
    if head.starts_with(b"PK\x03\x04") {
        return open_xlsx(head, file, &name);
    }
    let encoding = if head.starts_with(b"\xEF\xBB\xBF") {
        Encoding::Utf8Bom
    } else if head.starts_with(b"\xFF\xFE") {
        Encoding::Utf16LeBom
    } else if head.starts_with(b"\xFE\xFF") {
        Encoding::Utf16BeBom
    } else if let Some(e) = utf16_without_bom(&head) {
        e
    } else {
        if let Some(why) = not_text(&head) {
            return Err(InputError::NotCsv {
                path: name,
                why: why.to_string(),
            });
        }
        Encoding::Utf8
    };
    let head_text: Cow<str> = match encoding {
        Encoding::Utf16LeBom => UTF_16LE.decode_with_bom_removal(&head).0,
        Encoding::Utf16BeBom => UTF_16BE.decode_with_bom_removal(&head).0,
        Encoding::Utf16Le => UTF_16LE.decode_without_bom_handling(&head).0,
        Encoding::Utf16Be => UTF_16BE.decode_without_bom_handling(&head).0,
        _ => decode_cell(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head)),
    };
    if head_text.trim().is_empty() {
        return Err(InputError::Empty { path: name });
    }
    let delimiter = sniff_delimiter(&head_text);
    // A final line break, so that the last record is terminated like the
    // others (row counting relies on it); an extra empty line is ignored.
    let end: Cursor<&[u8]> = Cursor::new(b"\n");
    let stream: Box<dyn Read> = match encoding {
        // Only UTF-16 needs transcoding; other files are read as they are.
        Encoding::Utf16LeBom | Encoding::Utf16BeBom => {
            let decoded = DecodeReaderBytesBuilder::new()
                .bom_sniffing(true)
                .strip_bom(true)
                .build(Cursor::new(head).chain(file));
            Box::new(decoded.chain(end))
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let decoded = DecodeReaderBytesBuilder::new()
                .encoding(Some(if encoding == Encoding::Utf16Le {
                    UTF_16LE
                } else {
                    UTF_16BE
                }))
                .bom_sniffing(false)
                .build(Cursor::new(head).chain(file));
            Box::new(decoded.chain(end))
        }
        Encoding::Utf8Bom => Box::new(Cursor::new(head).skip_bom().chain(file).chain(end)),
        Encoding::Utf8 => Box::new(Cursor::new(head).chain(file).chain(end)),
        Encoding::Xlsx => unreachable!("workbooks are opened by open_xlsx"),
    };
    // Every line break becomes "\n": the csv reader counts the "\n" of a
    // "\r\n" only when it reads the next record, and a bare "\r" not at
    // all, so a file mixing them (one edited on two systems) would put
    // phantom blank rows into the row numbers.
    let quotes: Arc<AtomicU64> = Arc::default();
    let stream = LineFeeds {
        inner: stream,
        after_cr: false,
        quotes: Arc::clone(&quotes),
    };
    let records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(Box::new(stream) as Box<dyn Read>);
    Ok(Opened {
        encoding,
        delimiter,
        records,
        quotes,
        sheet: None,
    })
}

/// Reads the first sheet of an Excel workbook (Microsoft Forms, Qualtrics
/// and SurveyMonkey all offer one) into CSV records, as if the sheet had
/// been saved as CSV. Workbooks are read whole: the format is a zip archive,
/// and Excel caps a sheet at about a million rows anyway.
fn open_xlsx(head: Vec<u8>, file: impl Read, name: &str) -> Result<Opened, InputError> {
    use crate::limits::{MAX_SHEET_MEMORY, MAX_WORKBOOK_FILE};
    use calamine::{Data, Reader, Xlsx};
    let mut bytes = head;
    file.take(MAX_WORKBOOK_FILE)
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io {
            path: name.to_string(),
            source,
        })?;
    let not_xlsx = |why: String| InputError::NotCsv {
        path: name.to_string(),
        why,
    };
    if bytes.len() as u64 > MAX_WORKBOOK_FILE {
        return Err(not_xlsx(format!(
            "a workbook larger than {} MB is not read (it is read whole); save its first sheet as CSV, which is read as a stream",
            MAX_WORKBOOK_FILE >> 20
        )));
    }
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        not_xlsx(format!(
            "it is a zip archive but not a readable Excel workbook ({e}); export the sheet as CSV"
        ))
    })?;
    let Some(first) = book.sheet_names().first().cloned() else {
        return Err(not_xlsx("the workbook has no sheet".into()));
    };
    let unreadable =
        |e: calamine::XlsxError| not_xlsx(format!("its first sheet cannot be read ({e})"));
    // The cells that hold something, one by one: a sheet's grid is never
    // allocated, so a cell at XFD1048576 costs one cell, not 17 billion.
    let mut reader = book.worksheet_cells_reader(&first).map_err(unreadable)?;
    // Each cell's text is kept in one string: 16 bytes a cell and its text.
    let mut cells: Vec<(u32, u32, u32, u32)> = Vec::new();
    let mut texts = String::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        use std::fmt::Write as _;
        let (row, col) = cell.get_position();
        let start = texts.len();
        // Writing to a String cannot fail.
        let _ = match Data::from(cell.get_value().clone()) {
            // Excel stores every number as a float: 4 must read as "4".
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => write!(texts, "{}", f as i64),
            Data::Empty => Ok(()),
            other => write!(texts, "{other}"),
        };
        if texts.len() > start {
            if texts.len() + 16 * cells.len() > MAX_SHEET_MEMORY {
                return Err(not_xlsx(format!(
                    "its first sheet holds more than {} MB of cells (row {} reached); save it as CSV, which is read as a stream",
                    MAX_SHEET_MEMORY >> 20,
                    row + 1
                )));
            }
            cells.push((row, col, start as u32, texts.len() as u32));
        }
    }
    cells.sort_by_key(|&(r, c, _, _)| (r, c));
    // As the sheet would be saved as CSV, from its first used row and
    // column: an empty row as an empty line, each row as far as its last
    // cell.
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    if let (Some(top), Some(left)) = (cells.first().map(|c| c.0), cells.iter().map(|c| c.1).min()) {
        let mut i = 0;
        let bottom = cells.last().map_or(top, |c| c.0);
        for r in top..=bottom {
            let mut record: Vec<&str> = Vec::new();
            while i < cells.len() && cells[i].0 == r {
                let col = (cells[i].1 - left) as usize;
                record.resize(col, "");
                record.push(&texts[cells[i].2 as usize..cells[i].3 as usize]);
                i += 1;
            }
            if record.is_empty() {
                record.push("");
            }
            // Writing to memory cannot fail.
            out.write_record(&record).expect("write to memory");
        }
    }
    let mut csv_bytes = out.into_inner().expect("flush to memory");
    if csv_bytes.is_empty() {
        return Err(InputError::Empty {
            path: name.to_string(),
        });
    }
    csv_bytes.push(b'\n');
    Ok(sheet_records(std::sync::Arc::new(csv_bytes)))
}

/// UTF-16 saved without a byte-order mark: mostly ASCII text, so every
/// other byte is zero (the odd ones in little-endian order). Plain UTF-8
/// text has no zero byte at all.
fn utf16_without_bom(head: &[u8]) -> Option<Encoding> {
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros = |start: usize| {
        head.iter()
            .skip(start)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let most = |z: usize| z * 10 >= pairs * 4;
    let few = |z: usize| z * 20 <= pairs;
    if most(odd) && few(even) {
        Some(Encoding::Utf16Le)
    } else if most(even) && few(odd) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Says why the start of a file is clearly not delimited text, if it isn't.
fn not_text(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\xD0\xCF\x11\xE0") {
        return Some("it is an old Excel workbook (.xls); export the sheet as CSV");
    }
    if head.starts_with(b"%PDF") {
        return Some("it is a PDF document");
    }
    if head.contains(&0) {
        return Some("it contains binary data");
    }
    None
}

/// Decodes a cell: UTF-8 when valid, else Windows-1252 (which never fails:
/// every byte maps to some character, so nothing is dropped).
pub fn decode_cell(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// Picks the delimiter among comma, semicolon (European Excel) and tab that
/// splits the first lines into the same number of fields as the header,
/// with more than one field. Counting on the header alone fails on files
/// whose unquoted question texts contain commas but whose cells are
/// separated by semicolons; consistency across rows does not.
fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    let lines = first_lines(text, 20);
    let mut best = (b',', 0usize, 0usize);
    for d in CANDIDATES {
        let counts: Vec<usize> = lines.iter().map(|l| fields(l, d)).collect();
        let header = counts.first().copied().unwrap_or(1);
        if header < 2 {
            continue;
        }
        // Lines that agree with the header; a ragged row or two is fine.
        let agree = counts.iter().filter(|&&c| c == header).count();
        if (agree, header) > (best.1, best.2) {
            best = (d, agree, header);
        }
    }
    best.0
}

/// Up to `n` non-empty lines, a quoted line break staying inside its line.
fn first_lines(text: &str, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_quotes = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' if !in_quotes => {
                let line = text[start..i].trim_end_matches('\r');
                if !line.trim().is_empty() {
                    out.push(line);
                }
                start = i + 1;
                if out.len() == n {
                    return out;
                }
            }
            _ => {}
        }
    }
    // The last line counts only if it is complete (the sniffed text may stop
    // mid-line); a file of one line has no newline at all.
    if out.is_empty() && !text[start..].trim().is_empty() {
        out.push(&text[start..]);
    }
    out
}

/// Fields of one line split at `d` outside quotes.
fn fields(line: &str, d: u8) -> usize {
    let mut in_quotes = false;
    1 + line
        .bytes()
        .filter(|&b| {
            if b == b'"' {
                in_quotes = !in_quotes;
            }
            b == d && !in_quotes
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives out one byte a read: every "\r\n" is split across reads.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.split_first() {
                Some((&b, rest)) if !buf.is_empty() => {
                    buf[0] = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn one_scan_finds_line_breaks_zero_bytes_and_odd_quotes() {
        // Lengths that end inside a word and on its edge.
        assert_eq!(scan(b"abc,def,ghi\n"), (false, false));
        assert_eq!(scan(b"abc\r\ndef"), (true, false));
        assert_eq!(scan(b"abcdefgh\0"), (true, false));
        assert_eq!(scan(b"a,\"b,c\",d\n"), (false, false));
        assert_eq!(scan(b"a,\"b,c,d,e,f,g,h,i\n"), (false, true));
        assert_eq!(scan(b"\"\"\"\"\"\"\"\"\""), (false, true));
        // Bytes next to a quote or a "\r" are not taken for one.
        assert_eq!(
            scan(&[0x23, 0x21, 0x0c, 0x0e, 0xa2, 0x8d, 0x01, 0xff]),
            (false, false)
        );
    }

    #[test]
    fn every_line_break_becomes_a_line_feed() {
        let text = b"a\r\nb\nc\rd\r\r\ne\r";
        for whole in [true, false] {
            let mut out = Vec::new();
            if whole {
                let mut r = LineFeeds {
                    inner: &text[..],
                    after_cr: false,
                    quotes: Arc::default(),
                };
                r.read_to_end(&mut out).unwrap();
            } else {
                let mut r = LineFeeds {
                    inner: Trickle(text),
                    after_cr: false,
                    quotes: Arc::default(),
                };
                r.read_to_end(&mut out).unwrap();
            }
            assert_eq!(out, b"a\nb\nc\nd\n\ne\n", "whole: {whole}");
        }
    }

    #[test]
    fn delimiter_is_read_from_the_header_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        // Commas inside a quoted question text do not count.
        assert_eq!(sniff_delimiter("\"Yes, we do; often\";b;c"), b';');
        assert_eq!(sniff_delimiter("single"), b',');
        // Unquoted commas in texts, semicolons between cells: the rows
        // decide, since only `;` splits every row like the header.
        assert_eq!(
            sniff_delimiter("id;Yes, we do, often;b\n1;2;3\n4;5;6\n"),
            b';'
        );
        // A quoted line break does not end the header.
        assert_eq!(sniff_delimiter("\"a\nb\";c;d\n1;2;3\n"), b';');
    }

    #[test]
    fn windows_1252_cells_are_decoded() {
        assert_eq!(decode_cell(b"Z\xfcrich"), "Zürich");
        assert_eq!(decode_cell("Zürich".as_bytes()), "Zürich");
        assert_eq!(decode_cell(b"caf\xe9 \x96 ok"), "café – ok");
    }
}
