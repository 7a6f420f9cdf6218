//! Reading a file in chunks gives exactly what the csv crate's reader
//! gives: the JSON of `score --threads N` (N = 1: the chunks parsed on the
//! reading thread; more: on N threads) is byte for byte that of the hidden
//! `--csv-reader`, which reads it with the csv crate on one thread, with
//! chunks made small (the hidden `--chunk-bytes`, or `chunk_bytes` in the
//! library) so that small files are cut into many chunks and every kind of
//! row meets a chunk boundary: quoted line breaks, re-submitted ids on both
//! sides of one, unreadable cells, blank lines, and "\r\n", "\n" and "\r"
//! mixed in one file.

use std::path::Path;

use assert_cmd::Command;
use mlbizops::rubric::{self, Rubric};
use std::sync::atomic::Ordering;

use mlbizops::score::{score_file, ScoreOptions, READ_AGAIN_SEQUENTIALLY};
use proptest::prelude::*;

/// Chunk sizes: one byte (a chunk per line, or per quoted text), a few
/// records, a few dozen, and one chunk for the whole small file.
const CHUNK_BYTES: [usize; 5] = [1, 97, 500, 4096, 1 << 20];

/// (exit code, stdout, stderr) of `mlbizops score FILE ARGS --format json`.
fn score_cli(file: &Path, args: &[&str]) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let out = Command::cargo_bin("mlbizops")
        .unwrap()
        .arg("score")
        .arg(file)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), out.stdout, out.stderr)
}

/// Asserts that every thread count and chunk size gives what the csv
/// crate's reader gives.
fn assert_same_in_parallel(file: &Path, args: &[&str]) {
    let mut one = args.to_vec();
    one.push("--csv-reader");
    let want = score_cli(file, &one);
    for threads in ["1", "2", "3"] {
        for chunk in CHUNK_BYTES {
            let chunk = chunk.to_string();
            let mut many = args.to_vec();
            many.extend(["--threads", threads, "--chunk-bytes", &chunk]);
            let got = score_cli(file, &many);
            assert!(
                got == want,
                "{}: --threads {threads} --chunk-bytes {chunk} differs from --csv-reader:\n{}\n---\n{}",
                file.display(),
                String::from_utf8_lossy(&got.2),
                String::from_utf8_lossy(&want.2),
            );
        }
    }
}

#[test]
fn the_example_files_score_alike_on_any_number_of_threads() {
    for f in [
        "examples/acme-2026-q3.csv",
        "examples/acme-2026-q3-google-forms.csv",
        "examples/acme/surveys/2025-Q4.csv",
        "examples/acme/surveys/2026-Q1.csv",
    ] {
        assert_same_in_parallel(Path::new(f), &[]);
    }
}

#[test]
fn survey_tool_exports_and_hostile_files_score_alike_on_any_number_of_threads() {
    // Several header rows (Qualtrics 3, SurveyMonkey 2), metadata columns.
    let rubric = "tests/fixtures/tools/rubric.toml";
    for f in [
        "plain.csv",
        "qualtrics.csv",
        "qualtrics-legacy.csv",
        "surveymonkey.csv",
        "limesurvey.csv",
        "google-forms.csv",
    ] {
        let path = Path::new("tests/fixtures/tools").join(f);
        assert_same_in_parallel(&path, &["--rubric", rubric]);
    }
    // Errors too: an unclosed quote, a zero byte past the first 64 KB.
    for f in [
        "02-mixed-line-endings.csv",
        "04-unclosed-quote.csv",
        "12-zero-byte-after-64k.csv",
    ] {
        assert_same_in_parallel(&Path::new("tests/fixtures/hostile").join(f), &[]);
    }
}

/// The example survey, changed so that it has all that is hard to cut:
/// a comment with line breaks, re-submissions of one id far apart (so in
/// different chunks) and close together, unreadable and off-scale cells,
/// blank lines and a row of bare commas, a quote doubled inside a quoted
/// cell, and every kind of line break, one after the other.
fn hard_file() -> Vec<u8> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path("examples/acme-2026-q3.csv")
        .unwrap();
    let mut records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let last = records[0].len() - 1;
    let q = 5; // an answer column
    records[4][last] = "First line,\nsecond \"quoted\" line\r\nthird line".into();
    records[9][last] = "\n\n".into();
    let dup = records[3][0].clone();
    records[8][0] = dup.clone();
    records[9][0] = dup.clone();
    records[150][0] = dup;
    records[20][0] = records[21][0].clone();
    records[12][q] = "banana".into();
    records[13][q] = "7".into();
    records[14][q] = "4.0".into();
    records[100][q] = "Agre".into();
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(r).unwrap();
        let mut line = w.into_inner().unwrap();
        line.pop();
        out.extend_from_slice(&line);
        out.extend_from_slice(match i % 3 {
            0 => &b"\r\n"[..],
            1 => b"\n",
            _ => b"\r",
        });
        if i == 30 {
            out.extend_from_slice(b"\n\r\n");
        }
        if i == 60 {
            out.extend_from_slice(&b",".repeat(last));
            out.extend_from_slice(b"\n");
        }
    }
    // Blank lines at the end are not rows.
    out.extend_from_slice(b"\n\n");
    out
}

#[test]
fn a_file_with_everything_hard_to_cut_scores_alike_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hard.csv");
    std::fs::write(&path, hard_file()).unwrap();
    assert_same_in_parallel(&path, &[]);
    // And the file says what it was made to say, so that the comparison
    // is about these rows.
    let (code, out, _) = score_cli(&path, &["--threads", "2", "--chunk-bytes", "97"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let text = json.to_string();
    assert!(text.contains("duplicate respondent id"), "{text}");
    assert!(text.contains("is a later answer and is used instead"));
    assert!(text.contains("blank row"));
    assert!(json["input"]["unreadable_cells"].as_u64().unwrap() >= 2);
    // With a UTF-8 byte-order mark too.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(hard_file());
    std::fs::write(&path, bom).unwrap();
    assert_same_in_parallel(&path, &[]);
}

/// Blank lines at the end of a file are not rows, also when they fall in
/// chunks of their own after the last record (found by a helper that
/// fuzzed the chunked reading against the csv crate's reader).
#[test]
fn blank_lines_at_the_end_in_chunks_of_their_own_are_not_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    let rubric = "tests/fixtures/score/small-rubric.toml";
    let args = ["--rubric", rubric, "--min-group-size", "3"];
    for text in [
        &b"id,team,a1,a2,a3,b1,b2\n1,X,5,4,1,4,10\n2,X,4,4,2,3,7\n3,X,2,3,4,3,5\n\n\n"[..],
        b"id,team,a1,a2,a3,b1,b2\n1,X,5,4,1,4,10\n\n2,X,4,4,2,3,7\n3,X,2,3,4,3,5\r\n\r\n\r\n\n",
        // A header and nothing else: no data rows, whatever the chunks.
        b"id,team,a1,a2,a3,b1,b2\n\n\n",
    ] {
        std::fs::write(&path, text).unwrap();
        assert_same_in_parallel(&path, &args);
    }
    // The blank line between two records is a row (row 3), the one at the
    // end is not: what the csv crate's reader says, and so every reading.
    std::fs::write(
        &path,
        b"id,team,a1,a2,a3,b1,b2\n1,X,5,4,1,4,10\n\n2,X,4,4,2,3,7\n3,X,2,3,4,3,5\n\n",
    )
    .unwrap();
    let mut one_byte = args.to_vec();
    one_byte.extend(["--threads", "1", "--chunk-bytes", "1"]);
    let (code, out, _) = score_cli(&path, &one_byte);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["respondents"]["read"], 4, "{json}");
    assert_eq!(json["respondents"]["excluded"][0]["row"], 3, "{json}");
    assert_eq!(
        json["respondents"]["excluded"].as_array().map(Vec::len),
        Some(1)
    );
    assert_same_in_parallel(&path, &args);
}

fn small_rubric() -> Rubric {
    rubric::load(Some(Path::new("tests/fixtures/score/small-rubric.toml")))
        .expect("valid test rubric")
        .rubric
}

fn cell() -> impl Strategy<Value = Vec<u8>> {
    let text = |s: &'static str| Just(s.as_bytes().to_vec());
    prop_oneof![
        6 => (0i64..8).prop_map(|n| n.to_string().into_bytes()),
        1 => prop_oneof![text("Agree"), text("Not sure"), text("n/a"), text("banana")],
        3 => Just(Vec::new()),
        // Quoted texts with line breaks of every kind and doubled quotes.
        1 => "[a-c ,\r\n]{0,6}".prop_map(|s| format!("\"{}\"", s).into_bytes()),
        1 => "[a-c\"]{1,3}".prop_map(|s| format!("\"{}\"", s.replace('"', "\"\"")).into_bytes()),
        // A stray quote in an unquoted cell: the chunks' guess is wrong.
        1 => Just(b"O\"Brien".to_vec()),
        1 => Just(b"Z\xFCrich".to_vec()),
    ]
}

fn line() -> impl Strategy<Value = Vec<u8>> {
    let id =
        prop_oneof![4 => (1u8..12).prop_map(|n| n.to_string().into_bytes()), 1 => Just(Vec::new())];
    let team = prop_oneof![
        Just(b"X".to_vec()),
        Just(b"Y".to_vec()),
        Just(b"x ".to_vec()),
        cell()
    ];
    let cells = proptest::collection::vec(cell(), 5);
    let end = prop_oneof![
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec())
    ];
    let answers = (id, team, cells).prop_map(|(id, team, cells)| {
        let mut fields = vec![id, team];
        fields.extend(cells);
        fields.join(&b","[..])
    });
    let body = prop_oneof![8 => answers, 1 => Just(Vec::new()), 1 => Just(b",,,".to_vec())];
    (body, end).prop_map(|(mut b, e)| {
        b.extend(e);
        b
    })
}

/// The result as text: the JSON of the scores, or the error.
fn outcome(r: &Rubric, path: &Path, threads: usize, chunk_bytes: usize) -> String {
    let opts = ScoreOptions {
        min_group_size: Some(3),
        threads,
        chunk_bytes,
        // No threads: the csv crate's reader.
        csv_reader: threads == 0,
        ..ScoreOptions::default()
    };
    match score_file(r, path, &opts) {
        Ok(s) => serde_json::to_string(&s).unwrap(),
        Err(e) => format!("error: {e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_files_score_alike_on_any_number_of_threads(
        lines in proptest::collection::vec(line(), 0..60),
        bom in any::<bool>(),
        chunk_bytes in 1usize..300,
        threads in 1usize..5,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        let mut text = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        text.extend_from_slice(b"id,team,a1,a2,a3,b1,b2\n");
        for l in &lines {
            text.extend_from_slice(l);
        }
        std::fs::write(&path, &text).unwrap();
        let r = small_rubric();
        let want = outcome(&r, &path, 0, 0);
        let before = READ_AGAIN_SEQUENTIALLY.load(Ordering::Relaxed);
        let got = outcome(&r, &path, threads, chunk_bytes);
        prop_assert_eq!(got, want);
        // Only a stray quote misleads the cutting (or an unclosed one, which
        // the sequential reader then reports): otherwise the chunks are
        // sound and the file is read in parallel only. (This is the only
        // test of this binary that scores in its own process.)
        let again = READ_AGAIN_SEQUENTIALLY.load(Ordering::Relaxed) - before;
        let stray = text.windows(2).any(|w| w == b"O\"");
        prop_assert!(stray || again == 0, "read again on one thread");
    }
}
