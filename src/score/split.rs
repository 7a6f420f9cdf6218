//! Records of a chunk of text, split without copying where that is exact.
//!
//! The text has "\n" line breaks only (`input::LineFeeds` turned every
//! "\r\n" and lone "\r" into one) and no zero byte. For that text the csv
//! parser's rules (quoting on, quotes doubled inside a quoted field, no
//! escape character, no comments, any number of fields) come down to this:
//! an empty line is no record; a line without a quote character is one
//! record, its fields separated by the delimiter, nothing to unescape. So
//! such a line is split here, its fields left where they are in the chunk:
//! most survey rows are such lines, and the csv parser's state machine
//! costs about 30 instructions a byte on them. A line with a quote anywhere
//! is handed to the csv parser itself (`csv_core`), from its start: it may
//! span lines, and its fields are unescaped into a buffer of their own.
//! `tests` compares both with the csv crate on random text.

use memchr::memchr2;

/// Where a record's fields are: its first field's start and the index of
/// its first end in [`Records::ends`], and whether the bytes are in
/// [`Records::copied`] rather than the chunk.
#[derive(Clone, Copy)]
struct Meta {
    start: u32,
    first_end: u32,
    copied: bool,
}

/// The records of a chunk (or of a few rows from a csv reader), reused
/// from chunk to chunk so that splitting allocates nothing once warm.
#[derive(Default)]
pub(super) struct Records {
    meta: Vec<Meta>,
    /// Per field, the offset just past its bytes. A field starts one byte
    /// after the end of the field before (the delimiter), the first at its
    /// record's start.
    ends: Vec<u32>,
    /// Fields that are not in the chunk: each followed by one separator
    /// byte, so that the rule above holds for them too.
    copied: Vec<u8>,
    /// The csv parser's output for one record, and its field ends.
    out: Vec<u8>,
    out_ends: Vec<usize>,
    /// The csv parser and its delimiter, built when a line first needs
    /// it (building it costs more than splitting a thousand lines).
    core: Option<(u8, csv_core::Reader)>,
}

/// One record: its fields, in the chunk or in [`Records::copied`].
#[derive(Clone, Copy)]
pub struct Record<'a> {
    data: &'a [u8],
    start: u32,
    ends: &'a [u32],
}

impl<'a> Record<'a> {
    /// Its number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`, if the record has it.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => self.start as usize,
            _ => self.ends[i - 1] as usize + 1,
        };
        Some(&self.data[start..end])
    }

    pub fn iter(&self) -> Fields<'a> {
        Fields {
            data: self.data,
            start: self.start as usize,
            ends: self.ends.iter(),
        }
    }

    /// Its bytes, its first field's start, and its fields' ends (see
    /// [`Records::ends`]), for loops that walk the fields themselves.
    pub(super) fn parts(&self) -> (&'a [u8], usize, &'a [u32]) {
        (self.data, self.start as usize, self.ends)
    }

    /// Its fields with one separator byte between each two.
    pub fn joined(&self) -> &'a [u8] {
        let end = self.ends.last().map_or(self.start, |&e| e);
        &self.data[self.start as usize..end as usize]
    }
}

/// A record's fields in order.
pub struct Fields<'a> {
    data: &'a [u8],
    start: usize,
    ends: std::slice::Iter<'a, u32>,
}

impl<'a> Iterator for Fields<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let end = *self.ends.next()? as usize;
        let field = self.data.get(self.start..end).unwrap_or_default();
        self.start = end + 1;
        Some(field)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ends.size_hint()
    }
}

impl Records {
    pub(super) fn clear(&mut self) {
        self.meta.clear();
        self.ends.clear();
        self.copied.clear();
    }

    pub(super) fn len(&self) -> usize {
        self.meta.len()
    }

    /// Whether fields of `bytes` bytes more can be copied: offsets are
    /// 32-bit (a record of gigabytes is an unclosed quote anyway).
    pub(super) fn has_room(&self, bytes: usize) -> bool {
        self.copied.len().saturating_add(bytes) < u32::MAX as usize
    }

    /// Record `i`; `chunk` is the text its fields were split from.
    pub(super) fn get<'a>(&'a self, chunk: &'a [u8], i: usize) -> Record<'a> {
        let m = self.meta[i];
        let last = self
            .meta
            .get(i + 1)
            .map_or(self.ends.len(), |n| n.first_end as usize);
        Record {
            data: if m.copied { &self.copied } else { chunk },
            start: m.start,
            ends: &self.ends[m.first_end as usize..last],
        }
    }

    /// Adds a record of these fields, copied.
    pub(super) fn push_copy<'f>(&mut self, fields: impl Iterator<Item = &'f [u8]>) {
        self.meta.push(Meta {
            start: self.copied.len() as u32,
            first_end: self.ends.len() as u32,
            copied: true,
        });
        for f in fields {
            self.copied.extend_from_slice(f);
            self.ends.push(self.copied.len() as u32);
            self.copied.push(b',');
        }
    }

    /// Adds the record of a line without quotes, `chunk[start..end]`
    /// (without its line break).
    fn push_line(&mut self, chunk: &[u8], start: usize, end: usize, delimiter: u8) {
        self.meta.push(Meta {
            start: start as u32,
            first_end: self.ends.len() as u32,
            copied: false,
        });
        // Room for a field per byte, given back after: the loop then
        // writes without asking for room each time.
        let base = self.ends.len();
        self.ends.resize(base + end - start + 1, 0);
        let n = base + delimiters(&chunk[start..end], delimiter, start, &mut self.ends[base..]);
        self.ends[n] = end as u32;
        self.ends.truncate(n + 1);
    }

    /// Reads one record from the start of `input` with the csv parser.
    /// Returns the bytes it took (through its line break), or `None` when
    /// `input` ends inside the record.
    fn push_parsed(&mut self, delimiter: u8, input: &[u8]) -> Option<usize> {
        use csv_core::ReadRecordResult as R;
        let core = match &mut self.core {
            Some((d, core)) if *d == delimiter => core,
            _ => {
                let core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
                &mut self.core.insert((delimiter, core)).1
            }
        };
        // A record cut off at the end of the chunk before left it mid-way.
        core.reset();
        if self.out.is_empty() {
            self.out.resize(1 << 10, 0);
            self.out_ends.resize(64, 0);
        }
        let (mut nin, mut nout, mut nend) = (0, 0, 0);
        loop {
            let (res, i, o, e) = core.read_record(
                &input[nin..],
                &mut self.out[nout..],
                &mut self.out_ends[nend..],
            );
            (nin, nout, nend) = (nin + i, nout + o, nend + e);
            match res {
                R::Record => break,
                R::OutputFull => self.out.resize(self.out.len() * 2, 0),
                R::OutputEndsFull => self.out_ends.resize(self.out_ends.len() * 2, 0),
                R::InputEmpty | R::End => return None,
            }
        }
        // The parser's buffers are lent out while its fields are copied.
        let (out, out_ends) = (
            std::mem::take(&mut self.out),
            std::mem::take(&mut self.out_ends),
        );
        let starts = std::iter::once(0).chain(out_ends[..nend].iter().copied());
        self.push_copy(
            starts
                .zip(&out_ends[..nend])
                .map(|(from, &to)| &out[from..to]),
        );
        (self.out, self.out_ends) = (out, out_ends);
        Some(nin)
    }
}

/// Writes the offset (`at` plus the position) of each `delimiter` in
/// `line` to `out`, which has room for one per byte; returns how many.
/// Eight bytes at a time: a byte equal to the delimiter is a zero byte of
/// the word xor the delimiter in every byte, and the zero bytes of a word
/// are found exactly by the carry-free test below (each byte's high bit is
/// set when the byte is zero), so each delimiter costs a few instructions
/// and the other bytes almost none.
fn delimiters(line: &[u8], delimiter: u8, at: usize, out: &mut [u32]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let every = u64::from_ne_bytes([delimiter; 8]);
    let mut n = 0;
    let mut words = line.chunks_exact(8);
    let mut offset = at;
    for word in &mut words {
        let v = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ every;
        let mut zeros = !(((v & LOW7) + LOW7) | v | LOW7);
        while zeros != 0 {
            out[n] = (offset + (zeros.trailing_zeros() / 8) as usize) as u32;
            n += 1;
            zeros &= zeros - 1;
        }
        offset += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == delimiter {
            out[n] = (offset + i) as u32;
            n += 1;
        }
    }
    n
}

/// A record's line breaks: the empty lines just before it (the csv parser
/// skips them, spreadsheets show them as rows) and the lines it spans.
pub(super) type Lines = (u64, u64);

/// Splits all of `chunk` (which ends with a line break) into records,
/// calling `each` with the records so far and each record's lines.
/// Returns the empty lines after the last record, or `None` when the
/// chunk does not end at the end of a record (it ends inside a quoted
/// field) or is too large for the offsets kept.
pub(super) fn split(
    chunk: &[u8],
    delimiter: u8,
    records: &mut Records,
    mut each: impl FnMut(&Records, Lines),
) -> Option<u64> {
    if chunk.len() >= u32::MAX as usize {
        return None;
    }
    let mut pos = 0;
    let mut blanks = 0;
    while pos < chunk.len() {
        let rest = &chunk[pos..];
        let i = memchr2(b'\n', b'"', rest)?;
        if rest[i] == b'\n' {
            if i == 0 {
                blanks += 1;
            } else {
                records.push_line(chunk, pos, pos + i, delimiter);
                each(records, (blanks, 1));
                blanks = 0;
            }
            pos += i + 1;
        } else {
            let took = records.push_parsed(delimiter, rest)?;
            let spans = memchr::memchr_iter(b'\n', &rest[..took]).count() as u64;
            each(records, (blanks, spans));
            blanks = 0;
            pos += took;
        }
    }
    Some(blanks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Each record's fields and lines, and the empty lines after the last.
    type Split = (Vec<(Vec<Vec<u8>>, Lines)>, u64);

    /// Records and lines as the csv crate gives them for `text`, read the
    /// way `engine` reads (lines from the reader's position).
    fn by_csv(text: &[u8], delimiter: u8) -> Split {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text);
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        let mut prev = rdr.position().line();
        while rdr.read_byte_record(&mut rec).unwrap() {
            let end = rdr.position().line();
            let spans = 1 + rec.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
            out.push((
                rec.iter().map(<[u8]>::to_vec).collect(),
                ((end - prev).saturating_sub(spans), spans),
            ));
            prev = end;
        }
        // Lines after the last record: those the reader counted past it.
        let trailing = text.iter().filter(|&&b| b == b'\n').count() as u64 + 1 - prev;
        (out, trailing)
    }

    fn by_split(text: &[u8], delimiter: u8) -> Option<Split> {
        let mut records = Records::default();
        let mut lines = Vec::new();
        let trailing = split(text, delimiter, &mut records, |_, l| lines.push(l))?;
        let got = (0..records.len())
            .map(|i| {
                let r = records.get(text, i);
                (r.iter().map(<[u8]>::to_vec).collect(), lines[i])
            })
            .collect();
        Some((got, trailing))
    }

    #[test]
    fn splits_as_the_csv_crate() {
        let text = b"id,a,b\n\n1,2,3\n2,\"x,y\",\"p\nq\"\n\n\n3,\"a\"\"b\",\n4,x\"y,z\n,,\n";
        assert_eq!(by_split(text, b','), Some(by_csv(text, b',')));
        let got = by_split(text, b',').unwrap().0;
        assert_eq!(got[2].0[1], b"x,y");
        assert_eq!(got[2].0[2], b"p\nq");
        assert_eq!(got[3].1, (2, 1));
        assert_eq!(got[4].0[1], b"x\"y");
    }

    #[test]
    fn a_chunk_ending_inside_quotes_is_refused() {
        assert_eq!(by_split(b"1,\"a\n", b','), None);
        assert_eq!(by_split(b"1,2", b','), None);
    }

    #[test]
    fn borrowed_and_copied_records_read_alike() {
        let text = b"a,b\n\"c\",d\n";
        let mut records = Records::default();
        split(text, b',', &mut records, |_, _| {}).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records.get(text, 0).joined(), b"a,b");
        assert_eq!(records.get(text, 1).joined(), b"c,d");
        records.push_copy([&b"x"[..], b"yz"].into_iter());
        let r = records.get(text, 2);
        assert_eq!((r.get(1), r.get(2), r.len()), (Some(&b"yz"[..]), None, 2));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn random_text_splits_as_the_csv_crate(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just(&b","[..]), Just(&b"\n"[..]), Just(&b"\""[..]), Just(&b";"[..]),
                    Just(&b"1"[..]), Just(&b"ab"[..]), Just(&b" "[..]), Just(&b"\xC3\xA9"[..]),
                ],
                0..60,
            ),
            semicolon in any::<bool>(),
        ) {
            let mut text: Vec<u8> = parts.concat();
            text.push(b'\n');
            let delimiter = if semicolon { b';' } else { b',' };
            let want = by_csv(&text, delimiter);
            // Refused exactly when a record put after the text would not be
            // read as a record of its own (a quoted field is still open).
            let mut with_end = text.clone();
            with_end.extend_from_slice(b"\x01end\x01\n");
            let (after, _) = by_csv(&with_end, delimiter);
            let sound = after.last().is_some_and(|(r, _)| r == &[b"\x01end\x01".to_vec()]);
            match by_split(&text, delimiter) {
                Some(got) => {
                    prop_assert!(sound);
                    prop_assert_eq!(got, want);
                }
                None => prop_assert!(!sound),
            }
        }
    }
}
