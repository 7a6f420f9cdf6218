//! A plain CSV/TSV file cut into chunks that start at record boundaries, so
//! that several threads can parse it at once.
//!
//! A boundary is a line break outside quoted fields. Whether a line break is
//! inside one is told by the parity of the quote characters before it in the
//! chunk: quotes come in pairs (around a field, doubled inside one). That is
//! a guess - a stray quote inside an unquoted cell (`O"Brien`) is read by
//! the csv parser as a character and flips the parity - so every chunk is
//! checked when it is parsed: a known last record (a sentinel) is put after
//! it, and the chunk is sound only if the parser reads the sentinel as a
//! record of its own (see `score::parse`). A chunk that fails the check
//! makes the caller read the whole file again on one thread.
//!
//! Line breaks: "\r\n", "\n" and a lone "\r" all end a record, and a chunk
//! never ends between the "\r" and the "\n" of a pair, so each chunk can have
//! its line breaks turned into "\n" on its own, exactly as the sequential
//! reader turns those of the whole stream (`input::LineFeeds`).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// A chunk of the file: its bytes, where it ends in the file (for the
/// progress bar) and whether it is the last.
pub struct Chunk {
    pub end: u64,
    pub last: bool,
}

/// Reads a file chunk by chunk.
pub struct Splitter {
    file: File,
    /// Bytes read past the previous chunk's end: the start of the next one.
    carry: Vec<u8>,
    /// The size a chunk is cut at, and the most it may grow to while no
    /// boundary is found (a long quoted text, or quotes out of step).
    target: usize,
    most: usize,
    /// Bytes of the file given out in chunks (or skipped: the BOM).
    offset: u64,
    eof: bool,
    /// The parity of the quote characters of all chunks given out.
    odd_quotes: bool,
}

impl Splitter {
    /// `target`: the chunk size, at least 1 byte. A UTF-8 byte-order mark
    /// is skipped, as the sequential reader does.
    pub fn open(path: &Path, target: usize) -> io::Result<Splitter> {
        let mut file = File::open(path)?;
        let mut head = Vec::new();
        (&mut file).take(3).read_to_end(&mut head)?;
        let bom = head == b"\xEF\xBB\xBF";
        let target = target.max(1);
        Ok(Splitter {
            file,
            carry: if bom { Vec::new() } else { head },
            target,
            // Past this, a chunk is cut at its last line break whatever the
            // quotes say, and the parse checks it.
            most: target.saturating_mul(16).max(1 << 20),
            offset: if bom { 3 } else { 0 },
            eof: false,
            odd_quotes: false,
        })
    }

    /// Whether the file read so far has an odd number of quote characters
    /// (its parity at the end is what the unclosed-quote check needs).
    pub fn odd_quotes(&self) -> bool {
        self.odd_quotes
    }

    /// Fills `out` with the next chunk; `None` after the last. The last
    /// chunk ends with an added "\n", as the sequential reader's stream.
    pub fn next_chunk(&mut self, out: &mut Vec<u8>) -> io::Result<Option<Chunk>> {
        out.clear();
        out.append(&mut self.carry);
        loop {
            self.fill(out, self.target)?;
            if self.eof {
                if out.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(self.give(out, true)));
            }
            let force = out.len() >= self.most;
            if let Some(cut) = boundary(out, force) {
                self.carry.extend_from_slice(&out[cut..]);
                out.truncate(cut);
                // Whether this chunk is the last: the chunk after the last
                // record is told apart (its blank lines are not rows).
                if self.carry.is_empty() {
                    let mut carry = std::mem::take(&mut self.carry);
                    self.fill(&mut carry, 1)?;
                    self.carry = carry;
                }
                let last = self.eof && self.carry.is_empty();
                return Ok(Some(self.give(out, last)));
            }
            if force {
                return Err(io::Error::other(
                    "no line break in a long stretch of the file",
                ));
            }
            // No boundary yet: read on (the chunk grows).
            let grown = out.len() + self.target;
            self.fill(out, grown)?;
        }
    }

    /// Reads into `buf` until it holds `len` bytes or the file ends.
    fn fill(&mut self, buf: &mut Vec<u8>, len: usize) -> io::Result<()> {
        while buf.len() < len && !self.eof {
            let want = (len - buf.len()) as u64;
            if (&mut self.file).take(want).read_to_end(buf)? == 0 {
                self.eof = true;
            }
        }
        Ok(())
    }

    /// Gives out `out` as a chunk.
    fn give(&mut self, out: &mut Vec<u8>, last: bool) -> Chunk {
        self.odd_quotes ^= super::input::scan(out).1;
        self.offset += out.len() as u64;
        if last {
            out.push(b'\n');
        }
        Chunk {
            end: self.offset,
            last,
        }
    }
}

/// The end of the last record of `bytes` that is certainly complete: just
/// after a line break at even quote parity ("\r\n" taken whole, a final
/// "\r" not taken, its "\n" may follow). With `force`, the parity is
/// ignored (the parse checks the cut). `None` when there is none.
fn boundary(bytes: &[u8], force: bool) -> Option<usize> {
    // The parity of the quotes before each position, walking back from the
    // end: that of the whole, then flipped at each quote passed.
    let mut odd = super::input::scan(bytes).1;
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        match bytes[i] {
            b'"' => odd = !odd,
            // `odd` is the parity of bytes[..=i]; a line break is no quote.
            b'\n' if !odd || force => return Some(i + 1),
            b'\r' if (!odd || force) && i + 1 < bytes.len() && bytes[i + 1] != b'\n' => {
                return Some(i + 1)
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_after_the_last_line_break_outside_quotes() {
        assert_eq!(boundary(b"a,b\nc,d\ne", false), Some(8));
        assert_eq!(boundary(b"a,b\nc,\"d\ne", false), Some(4));
        assert_eq!(boundary(b"a,b\nc,\"d\"\"\ne\"\n", false), Some(14));
        // A "\r" at the very end may be the first half of a "\r\n".
        assert_eq!(boundary(b"a\r\nb\r", false), Some(3));
        assert_eq!(boundary(b"a\rb", false), Some(2));
        assert_eq!(boundary(b"\"a\nb", false), None);
        assert_eq!(boundary(b"\"a\nb", true), Some(3));
        assert_eq!(boundary(b"abc", true), None);
    }

    #[test]
    fn chunks_cover_the_file_and_end_at_line_breaks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        let text = b"\xEF\xBB\xBFid,q\r\n1,\"a\nb\"\r\n2,3\r4,5\n\n6,\"x\"\"\r\ny\"\n7,8";
        std::fs::write(&path, text).unwrap();
        for target in [1, 2, 3, 5, 8, 1000] {
            let mut s = Splitter::open(&path, target).unwrap();
            let mut all = Vec::new();
            let mut buf = Vec::new();
            let mut ends = Vec::new();
            while let Some(c) = s.next_chunk(&mut buf).unwrap() {
                assert!(buf.ends_with(b"\n") || buf.ends_with(b"\r"), "{target}");
                all.extend_from_slice(&buf);
                ends.push(c.end);
                if c.last {
                    break;
                }
            }
            let mut want = text[3..].to_vec();
            want.push(b'\n');
            assert_eq!(all, want, "target {target}");
            assert_eq!(*ends.last().unwrap(), text.len() as u64);
            assert!(!s.odd_quotes());
        }
    }
}
