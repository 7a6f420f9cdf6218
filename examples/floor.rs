//! The floor `mlbizops score` is measured against: the fastest plain,
//! single-threaded read of a survey file a competent engineer would write
//! with the `csv` crate. A 1 MiB read buffer, byte records (no UTF-8
//! validation), and answers added up straight from their bytes: a one-digit
//! cell is its digit, a longer run of digits is folded by hand, anything
//! else is skipped. No string is built and nothing is parsed twice. It
//! prints how many answers it added, so the work cannot be optimised away.
//!
//! Single-threaded on purpose: it is what one would write without thinking
//! about cores, and `score` should be measured against it on 2 cores and
//! beat it with 4 or more.
//!
//! ```sh
//! cargo run --release --example floor -- survey.csv
//! ```

#[path = "common/digits.rs"]
mod digits;
use digits::digits;

fn main() {
    let path = std::env::args().nth(1).expect("usage: floor FILE.csv");
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_path(&path)
        .expect("open the file");
    let mut record = csv::ByteRecord::new();
    let (mut numbers, mut sum) = (0u64, 0u64);
    while rdr.read_byte_record(&mut record).expect("read a record") {
        // The answer columns follow the id, team and role columns.
        for cell in record.iter().skip(3) {
            if let Some(n) = digits(cell) {
                numbers += 1;
                sum += n;
            }
        }
    }
    println!("{numbers} numbers, sum {sum}");
}
