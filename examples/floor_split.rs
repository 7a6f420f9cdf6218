//! A second floor: `examples/floor.rs` with the splitter `score` uses
//! (`src/score/split.rs`, included as is) instead of the csv crate's
//! parser. Single-threaded; prints the same figures as `floor`.
//!
//! ```sh
//! cargo run --release --example floor_split -- survey.csv
//! ```

#[allow(dead_code)]
#[path = "../src/score/split.rs"]
mod split;

use std::io::Read;

#[path = "common/digits.rs"]
mod digits;
use digits::digits;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: floor_split FILE.csv");
    let mut file = std::fs::File::open(&path).expect("open the file");
    let mut records = split::Records::default();
    let (mut numbers, mut sum) = (0u64, 0u64);
    let mut buf = Vec::with_capacity(1 << 20);
    let mut carry = Vec::new();
    let mut header = true;
    loop {
        buf.clear();
        buf.append(&mut carry);
        let n = (&mut file)
            .take(1 << 20)
            .read_to_end(&mut buf)
            .expect("read");
        if n == 0 && buf.is_empty() {
            break;
        }
        if n == 0 && !buf.ends_with(b"\n") {
            buf.push(b'\n');
        }
        // Up to the last line break; the rest waits for the next read.
        let Some(cut) = buf.iter().rposition(|&b| b == b'\n') else {
            continue;
        };
        carry.extend_from_slice(&buf[cut + 1..]);
        buf.truncate(cut + 1);
        records.clear();
        if split::split(&buf, b',', &mut records, |_, _| {}).is_none() {
            // Cut inside a quoted field: read on and split it all again.
            assert!(n > 0, "a quote is never closed");
            buf.append(&mut carry);
            carry = std::mem::take(&mut buf);
            continue;
        }
        for i in 0..records.len() {
            if std::mem::take(&mut header) {
                continue;
            }
            for cell in records.get(&buf, i).iter().skip(3) {
                if let Some(n) = digits(cell) {
                    numbers += 1;
                    sum += n;
                }
            }
        }
        if n == 0 {
            break;
        }
    }
    println!("{numbers} numbers, sum {sum}");
}
