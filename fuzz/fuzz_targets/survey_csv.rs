//! A CSV/TSV survey (any bytes) through scoring and every renderer of
//! `score` and `report`.
//!
//! Input: byte 0 picks the rubric (`common::RUBRICS`), byte 1 the options
//! (layout, breakdowns, threshold; bit 3: read as two waves, the file's
//! rows split in halves under the same header; bit 6: also the PDF), the
//! rest is the file.

#![no_main]

#[path = "common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [r, o, file @ ..] = data else {
        return;
    };
    let rubric = common::rubric(*r as usize);
    let opts = common::options(*o);
    let pdf = o & 0x40 != 0;
    let path = common::scratch().join("survey.csv");
    std::fs::write(&path, file).expect("scratch file");
    if o & 0x08 == 0 {
        if let Some(s) = common::score(rubric, &path, &opts) {
            common::render_scores(&s);
            common::render_report(rubric, &s, None, pdf);
        }
        return;
    }
    // Two waves: the header, then each half of the rows.
    let Some(end) = file.iter().position(|&b| b == b'\n') else {
        return;
    };
    let (header, rows) = file.split_at(end + 1);
    let mid = rows.len() / 2;
    let cut = rows[mid..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(rows.len(), |i| mid + i + 1);
    let first = common::scratch().join("w1.csv");
    let second = common::scratch().join("w2.csv");
    std::fs::write(&first, [header, &rows[..cut]].concat()).expect("scratch file");
    std::fs::write(&second, [header, &rows[cut..]].concat()).expect("scratch file");
    let (Some(a), Some(b)) = (
        common::score(rubric, &first, &opts),
        common::score(rubric, &second, &opts),
    ) else {
        return;
    };
    if let Some((s, history)) = common::two_waves(rubric, (&first, a), (&second, b), &opts) {
        common::check_counts(&s);
        common::render_report(rubric, &s, Some(history), pdf);
    }
});
