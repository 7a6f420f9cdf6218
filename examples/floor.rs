//! The floor `mlbizops score` is measured against: read every record of a
//! survey file with the `csv` crate and parse each answer cell as a number,
//! nothing else. Prints how many numbers it parsed, so the work cannot be
//! optimised away.
//!
//! ```sh
//! cargo run --release --example floor -- survey.csv
//! ```

fn main() {
    let path = std::env::args().nth(1).expect("usage: floor FILE.csv");
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&path)
        .expect("open the file");
    let mut record = csv::ByteRecord::new();
    let (mut numbers, mut sum) = (0u64, 0u64);
    while rdr.read_byte_record(&mut record).expect("read a record") {
        // The answer columns follow the id, team and role columns.
        for cell in record.iter().skip(3) {
            if let Some(n) = std::str::from_utf8(cell)
                .ok()
                .and_then(|s| s.parse::<u64>().ok())
            {
                numbers += 1;
                sum += n;
            }
        }
    }
    println!("{numbers} numbers, sum {sum}");
}
