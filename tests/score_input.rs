//! Reading survey files: encodings, delimiters, line endings, quoting,
//! column matching and how single cells are read.
//!
//! Every file here holds the same four respondents (or a variation of them
//! stated in the test) under `tests/fixtures/score/small-rubric.toml`, so the
//! expected scores are worked out once, by hand, in [`BASE`].
//!
//! Files whose bytes matter (BOMs, UTF-16, Windows-1252, CRLF) are built in a
//! temporary directory from the byte sequences written out below.

use std::path::Path;

use mlbizops::rubric::{self, Rubric};
use mlbizops::score::model::{DimensionScore, Scores};
use mlbizops::score::{score_file, ScoreError, ScoreOptions};
use mlbizops::survey::Issue;

const TOL: f64 = 1e-9;

/// The team of every respondent: "ü" is 0xFC and the en dash 0x96 in
/// Windows-1252, neither is ASCII, and the en dash is not in Latin-1.
const TEAM: &str = "Zürich – Produktentwicklung";

const HEADER: [&str; 7] = ["id", "team", "a1", "a2", "a3", "b1", "b2"];

/// The four respondents. Hand computation with the small rubric (A: a1
/// weight 2, a2 weight 1, a3 reverse-keyed weight 1; B: b1 on 1..5, b2 on
/// 0..10; a point v on 1..5 scores 25 (v - 1), on 0..10 10 v):
///
/// | id | a1  | a2  | a3 (rev)  | A                          | b1 | b2  | B                |
/// |----|-----|-----|-----------|----------------------------|----|-----|------------------|
/// | 1  | 5=100 | 3=50 | 2 -> 75  | (2*100+50+75)/4 = 81.25    | 4=75 | 10=100 | 87.5 |
/// | 2  | 1=0 | 2=25 | 5 -> 0    | (0+25+0)/4 = 6.25          | 2=25 | 5=50 | 37.5 |
/// | 3  | 4=75 | 4=75 | 1 -> 100 | (150+75+100)/4 = 81.25     | 3=50 | 0=0 | 25 |
/// | 4  | 3=50 | -   | 3 -> 50   | (100+50)/3 = 50            | 5=100 | 8=80 | 90 |
///
/// A = (81.25 + 6.25 + 81.25 + 50) / 4 = 54.6875 (Mid: 50 <= A < 75)
/// B = (87.5 + 37.5 + 25 + 90) / 4 = 60 (Mid)
/// overall = (2 * 54.6875 + 1 * 60) / 3 = 56.458333... (Mid)
const BASE: [[&str; 7]; 4] = [
    ["1", TEAM, "5", "3", "2", "4", "10"],
    ["2", TEAM, "1", "2", "5", "2", "5"],
    ["3", TEAM, "4", "4", "1", "3", "0"],
    ["4", TEAM, "3", "", "3", "5", "8"],
];

const A: f64 = 54.6875;
const B: f64 = 60.0;
const OVERALL: f64 = (2.0 * 54.6875 + 60.0) / 3.0;

fn close(actual: Option<f64>, expected: f64) {
    let a = actual.expect("a value");
    assert!((a - expected).abs() < TOL, "{a} != {expected}");
}

fn small_rubric() -> Rubric {
    rubric::load(Some(Path::new("tests/fixtures/score/small-rubric.toml")))
        .expect("valid test rubric")
        .rubric
}

/// Joins rows with a delimiter and line ending, quoting no field.
fn join<R: AsRef<[S]>, S: AsRef<str>>(rows: &[R], delim: &str, eol: &str) -> String {
    let mut out = String::new();
    for r in rows {
        let cells: Vec<&str> = r.as_ref().iter().map(AsRef::as_ref).collect();
        out.push_str(&cells.join(delim));
        out.push_str(eol);
    }
    out
}

/// Header and the four respondents.
fn base_table() -> Vec<Vec<String>> {
    let mut rows = vec![HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    rows.extend(
        BASE.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect()),
    );
    rows
}

fn base_text(delim: &str, eol: &str) -> String {
    join(&base_table(), delim, eol)
}

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

fn utf16be_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

/// Windows-1252 for the few non-ASCII characters these tests use.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'ü' => 0xFC,
            'ö' => 0xF6,
            'ß' => 0xDF,
            '–' => 0x96,
            '’' => 0x92,
            c if c.is_ascii() => c as u8,
            c => panic!("no Windows-1252 byte listed for {c:?}"),
        })
        .collect()
}

/// Writes `bytes` to a fresh temporary file and scores it.
fn score_bytes_with(
    rubric: &Rubric,
    bytes: &[u8],
    opts: &ScoreOptions,
) -> Result<Scores, ScoreError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("survey.csv");
    std::fs::write(&path, bytes).unwrap();
    score_file(rubric, &path, opts)
}

fn score_bytes(bytes: &[u8]) -> Scores {
    score_bytes_with(&small_rubric(), bytes, &ScoreOptions::default()).expect("scores")
}

fn dim<'a>(s: &'a Scores, id: &str) -> &'a DimensionScore {
    s.dimensions.iter().find(|d| d.stats.id == id).unwrap()
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

fn unreadable(issues: &[Issue]) -> Vec<&Issue> {
    issues
        .iter()
        .filter(|i| matches!(i, Issue::UnreadableCell { .. }))
        .collect()
}

/// Asserts the hand-computed results of [`BASE`].
fn assert_base_scores(s: &Scores) {
    let a = &dim(s, "a").stats;
    let b = &dim(s, "b").stats;
    assert_eq!(a.n, Some(4));
    assert_eq!(b.n, Some(4));
    close(a.score, A);
    close(b.score, B);
    close(s.overall.score, OVERALL);
    assert_eq!(s.overall.level.as_deref(), Some("Mid"));
    // A's sample sd: deviations 26.5625, -48.4375, 26.5625, -4.6875, squares
    // summing to 3779.296875, over n - 1 = 3.
    close(a.sd, (3779.296875f64 / 3.0).sqrt());
    // A after reverse keying, by position 0..4 (see BASE): position 0: r2 a1,
    // r2 a3; 1: r2 a2; 2: r1 a2, r4 a1, r4 a3; 3: r1 a3, r3 a1, r3 a2;
    // 4: r1 a1, r3 a3. Favorable = positions 3-4 (5 of 11), unfavorable =
    // 0-1 (3 of 11), neutral = 2 (3 of 11).
    assert_eq!(a.distribution.as_deref(), Some(&[2, 1, 3, 3, 2][..]));
    close(a.favorable_pct, 500.0 / 11.0);
    close(a.neutral_pct, 300.0 / 11.0);
    close(a.unfavorable_pct, 300.0 / 11.0);
    // B: b1 positions 3, 1, 2, 4 and b2 (11 points: favorable 9-10,
    // unfavorable 0-1) 10, 5, 0, 8: favorable r1 b1, r1 b2, r4 b1 = 3 of 8,
    // unfavorable r2 b1, r3 b2 = 2 of 8, neutral 3 of 8.
    close(b.favorable_pct, 37.5);
    close(b.neutral_pct, 37.5);
    close(b.unfavorable_pct, 25.0);
    // Raw means on each question's own scale: a1 (5+1+4+3)/4, a2 (3+2+4)/3,
    // a3 (2+5+1+3)/4, b1 (4+2+3+5)/4, b2 (10+5+0+8)/4.
    let raw: Vec<f64> = s
        .dimensions
        .iter()
        .flat_map(|d| d.questions.iter().map(|q| q.raw_mean.unwrap()))
        .collect();
    for (got, want) in raw.iter().zip([3.25, 3.0, 2.75, 3.5, 5.75]) {
        assert!((got - want).abs() < TOL, "{raw:?}");
    }
    // One group, the whole team: 4 >= 3, shown, same scores.
    assert_eq!(s.groups.len(), 1);
    let g = &s.groups[0];
    assert_eq!(g.column, "team");
    assert_eq!(g.value, TEAM);
    assert!(!g.suppressed);
    assert_eq!(g.n, Some(4));
    close(g.dimensions[0].score, A);
    close(g.dimensions[1].score, B);
    close(g.overall.score, OVERALL);
}

/// The parts of the document that must not depend on how the file was
/// written down.
fn results(s: &Scores) -> serde_json::Value {
    serde_json::json!({
        "overall": json(&s.overall),
        "dimensions": json(&s.dimensions),
        "groups": json(&s.groups),
    })
}

// ---------------------------------------------------------------------------
// The same answers, written down in every way exports write them.

struct Variant {
    name: &'static str,
    bytes: Vec<u8>,
    encoding: &'static str,
    delimiter: &'static str,
}

fn variants() -> Vec<Variant> {
    let v = |name, bytes, encoding, delimiter| Variant {
        name,
        bytes,
        encoding,
        delimiter,
    };
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(base_text(",", "\n").as_bytes());

    // (i) The a1 column is named by its question text, quoted, with a line
    // break inside (whitespace inside a header is collapsed when matching);
    // a free-text column whose header and cells hold commas and newlines.
    let mut quoted = String::from(
        "id,team,\"We do the\nfirst thing.\",a2,a3,b1,b2,\"Comments, if any (optional, free text)\"\n",
    );
    let comments = [
        "\"Fine, mostly.\"",
        "\"Two lines,\nwith commas, here\"",
        "",
        "\"He said \"\"no\"\", twice\"",
    ];
    for (r, c) in BASE.iter().zip(comments) {
        quoted.push_str(&r.join(","));
        quoted.push(',');
        quoted.push_str(c);
        quoted.push('\n');
    }

    // (j) Blank lines between and after the rows, and rows of empty cells
    // the way spreadsheets pad the end of an export.
    let mut padded = base_text(",", "\n").replace("\n2,", "\n\n2,");
    padded.push_str(",,,,,,\n,,,,\n\n\n");

    vec![
        v("(a) UTF-8", base_text(",", "\n").into_bytes(), "UTF-8", ","),
        v("(b) UTF-8 with BOM", bom, "UTF-8 with BOM", ","),
        // Excel's "Unicode text": UTF-16LE with BOM, tabs, CRLF.
        v(
            "(c) UTF-16LE",
            utf16le_bom(&base_text("\t", "\r\n")),
            "UTF-16LE with BOM",
            "tab",
        ),
        v(
            "(d) UTF-16BE",
            utf16be_bom(&base_text(",", "\r\n")),
            "UTF-16BE with BOM",
            ",",
        ),
        v(
            "(e) Windows-1252",
            windows_1252(&base_text(",", "\r\n")),
            "Windows-1252",
            ",",
        ),
        v(
            "(f) semicolon",
            base_text(";", "\n").into_bytes(),
            "UTF-8",
            ";",
        ),
        v(
            "(g) tab",
            base_text("\t", "\n").into_bytes(),
            "UTF-8",
            "tab",
        ),
        v(
            "(h) CRLF",
            base_text(",", "\r\n").into_bytes(),
            "UTF-8",
            ",",
        ),
        v("(i) quoted", quoted.into_bytes(), "UTF-8", ","),
        v("(j) padded", padded.into_bytes(), "UTF-8", ","),
    ]
}

#[test]
fn every_encoding_delimiter_and_layout_gives_the_same_scores() {
    let reference = score_bytes(base_text(",", "\n").as_bytes());
    assert_base_scores(&reference);
    for v in variants() {
        let s = score_bytes(&v.bytes);
        assert_eq!(s.input.encoding, v.encoding, "{}", v.name);
        assert_eq!(s.input.delimiter, v.delimiter, "{}", v.name);
        assert_base_scores(&s);
        assert_eq!(results(&s), results(&reference), "{}", v.name);
        assert_eq!(s.respondents.scored, 4, "{}", v.name);
        assert!(s.issues.is_empty(), "{}: {:?}", v.name, s.issues);
    }
}

#[test]
fn windows_1252_team_name_comes_out_as_unicode() {
    let bytes = windows_1252(&base_text(",", "\r\n"));
    // The bytes really are the Windows-1252 ones: "Z\xFCrich \x96 P...".
    assert!(bytes
        .windows(10)
        .any(|w| w == b"Z\xFCrich \x96 P".as_slice()));
    assert!(std::str::from_utf8(&bytes).is_err());
    let s = score_bytes(&bytes);
    assert_eq!(s.groups[0].value, "Zürich – Produktentwicklung");
    assert_eq!(s.groups[0].value, TEAM);
    assert_eq!(s.input.encoding, "Windows-1252");
    // All four data rows hold the team name, so all four were decoded as
    // Windows-1252 (the header is ASCII and not counted).
    assert_eq!(s.input.windows_1252_rows, 4);
}

#[test]
fn utf16_team_name_and_counts_survive_transcoding() {
    for bytes in [
        utf16le_bom(&base_text("\t", "\r\n")),
        utf16be_bom(&base_text(",", "\r\n")),
    ] {
        let s = score_bytes(&bytes);
        assert_eq!(s.groups[0].value, TEAM);
        // UTF-16 is transcoded to UTF-8, never read as Windows-1252.
        assert_eq!(s.input.windows_1252_rows, 0);
        assert_eq!(s.respondents.read, 4);
        assert!(s.respondents.excluded.is_empty());
    }
}

#[test]
fn quoted_newlines_count_as_one_row() {
    // The file of variant (i): 4 records on 6 lines. A spreadsheet shows one
    // row per record, so nothing is excluded and the read count is 4.
    let v = variants()
        .into_iter()
        .find(|v| v.name == "(i) quoted")
        .unwrap();
    let s = score_bytes(&v.bytes);
    assert_eq!(s.respondents.read, 4);
    assert_eq!(
        s.input.ignored_columns,
        ["Comments, if any (optional, free text)"]
    );
    // Row numbers are record numbers: an unreadable a2 in the record after
    // the two-line comment (id 3, the 4th record counting the header as 1)
    // is reported as row 4, not as line 5 of the file.
    let text = String::from_utf8(v.bytes).unwrap().replace(
        "3,Zürich – Produktentwicklung,4,4,",
        "3,Zürich – Produktentwicklung,4,often,",
    );
    let s = score_bytes(text.as_bytes());
    assert_eq!(
        unreadable(&s.issues),
        [&Issue::UnreadableCell {
            row: 4,
            column: "a2".into(),
            question: "a2".into(),
            value: "often".into(),
            reason: "neither a number on the scale 1..5 nor one of its labels".into(),
        }]
    );
}

#[test]
fn padding_rows_are_read_and_excluded_as_blank() {
    // Variant (j): the empty line between respondents 1 and 2 (row 3, as a
    // spreadsheet shows it) and the two rows of commas are read and excluded
    // as blank rows, so read = 4 scored + 3 excluded. The empty lines at the
    // very end of the file follow no record and are not rows.
    let v = variants()
        .into_iter()
        .find(|v| v.name == "(j) padded")
        .unwrap();
    let s = score_bytes(&v.bytes);
    assert_eq!(s.respondents.scored, 4);
    let reasons: Vec<&str> = s
        .respondents
        .excluded
        .iter()
        .map(|e| e.reason.as_str())
        .collect();
    assert_eq!(reasons, ["blank row", "blank row", "blank row"]);
    let rows: Vec<u64> = s.respondents.excluded.iter().map(|e| e.row).collect();
    assert_eq!(rows, [3, 7, 8]);
    assert_eq!(s.respondents.read, 7);
    assert_eq!(
        s.respondents.read,
        s.respondents.scored + s.respondents.excluded.len() as u64
    );
}

#[test]
fn row_numbers_after_a_blank_line_match_the_spreadsheet() {
    // Header = row 1, id 1 = row 2, the empty line = row 3 (Excel, LibreOffice
    // and Google Sheets all show it as an empty row), id 2 = row 4.
    // Actual: the issue says row 3.
    let text = "id,team,a1,a2,a3,b1,b2\n1,X,5,3,2,4,10\n\n2,X,9,2,5,2,5\n3,X,4,4,1,3,0\n";
    let s = score_bytes(text.as_bytes());
    let rows: Vec<u64> = unreadable(&s.issues)
        .iter()
        .map(|i| match i {
            Issue::UnreadableCell { row, .. } => *row,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(rows, [4]);
}

#[test]
fn crlf_file_without_a_final_line_break_has_no_phantom_row() {
    // Found on a real Google Sheets TSV export: CRLF line ends and no line
    // break after the last record. The csv reader counts each "\n" of a
    // "\r\n" late, so a bare "\n" appended after the last record made it
    // look one line longer, and a blank row appeared that the file does not
    // have. Expected: 3 rows read, all scored; the blank line in the middle
    // is row 4 (header 1, ids 1-2 rows 2-3), and id 3's unreadable 9 is row 5.
    for text in [
        "id,team,a1,a2,a3,b1,b2\r\n1,X,5,3,2,4,10\r\n2,X,4,2,5,2,5\r\n\r\n3,X,9,4,1,3,0",
        "id,team,a1,a2,a3,b1,b2\r\n1,X,5,3,2,4,10\r\n2,X,4,2,5,2,5\r\n\r\n3,X,9,4,1,3,0\r\n",
    ] {
        let s = score_bytes(text.as_bytes());
        assert_eq!(s.respondents.read, 4, "{text:?}");
        assert_eq!(s.respondents.scored, 3, "{text:?}");
        let rows: Vec<u64> = s.respondents.excluded.iter().map(|e| e.row).collect();
        assert_eq!(rows, [4], "{text:?}");
        let cells: Vec<u64> = unreadable(&s.issues)
            .iter()
            .map(|i| match i {
                Issue::UnreadableCell { row, .. } => *row,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(cells, [5], "{text:?}");
    }
}

#[test]
fn windows_1252_in_the_header_only_is_reported() {
    // The a3 column named by a question-like header with a curly apostrophe
    // (0x92) and an ignored column "Größe" (0xF6, 0xDF); every answer is
    // ASCII. The header is decoded as Windows-1252 (the ignored column comes
    // out as "Größe"), but `input.encoding` says "UTF-8".
    let text = "id,team,a1,a2,a3,b1,b2,Größe – Team’s size\n1,X,5,3,2,4,10,\n2,X,1,2,5,2,5,\n3,X,4,4,1,3,0,\n";
    let s = score_bytes(&windows_1252(text));
    assert_eq!(s.input.ignored_columns, ["Größe – Team’s size"]);
    assert_eq!(s.input.encoding, "Windows-1252");
}

// ---------------------------------------------------------------------------
// Column matching.

#[test]
fn columns_match_question_text_trimmed_and_case_insensitive() {
    // Every question column named by its text, in other cases and with
    // surrounding spaces; three columns that are none of the rubric's.
    let header = "Timestamp,Email,Start time,id,team,\
                  \"  WE DO THE FIRST THING. \",we do the second thing.,\
                  We often skip the THIRD thing.,  We measure B.,HOW LIKELY ARE YOU TO RECOMMEND B?\n";
    let mut text = header.to_string();
    for r in BASE {
        text.push_str("9/14/2026 9:10:13,someone@example.com,9/14/2026 9:01:00,");
        text.push_str(&r.join(","));
        text.push('\n');
    }
    let s = score_bytes(text.as_bytes());
    assert_base_scores(&s);
    assert_eq!(
        s.input.ignored_columns,
        ["Timestamp", "Email", "Start time"]
    );
    assert_eq!(s.input.group_columns, ["team"]);
    // Every question found: no MissingColumn (or any other) issue.
    assert!(s.issues.is_empty(), "{:?}", s.issues);
    assert!(s
        .dimensions
        .iter()
        .all(|d| d.questions.iter().all(|q| q.measured)));

    // A problem in such a column names the header as the file has it
    // (trimmed) and the rubric question it holds.
    let s = score_bytes(
        text.replacen(",5,3,2,4,10", ",often,3,2,4,10", 1)
            .as_bytes(),
    );
    assert_eq!(
        unreadable(&s.issues),
        [&Issue::UnreadableCell {
            row: 2,
            column: "WE DO THE FIRST THING.".into(),
            question: "a1".into(),
            value: "often".into(),
            reason: "neither a number on the scale 1..5 nor one of its labels".into(),
        }]
    );
}

#[test]
fn microsoft_forms_columns_are_ignored_with_the_builtin_rubric() {
    // Microsoft Forms exports start with Id, Start time, Completion time,
    // Email, Name. The built-in rubric's id column is `respondent_id`, so
    // all five are ignored; Team and Role are its group columns.
    let r = rubric::load(None).expect("built-in rubric").rubric;
    let mut header: Vec<String> = [
        "Id",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Team",
        "Role",
    ]
    .map(String::from)
    .to_vec();
    // Every question asked, the outcome items too (a file without them
    // lists them as missing columns).
    let questions: Vec<_> = r.asked().map(|(_, q)| q.clone()).collect();
    header.extend(questions.iter().map(|q| q.text.clone()));
    let mut wtr = csv::WriterBuilder::new().from_writer(Vec::new());
    wtr.write_record(&header).unwrap();
    // Five respondents (the built-in threshold of 5); respondent i = 0..4
    // answers every question with point 1 + i.
    for i in 0..5u32 {
        let mut row: Vec<String> = vec![
            (i + 1).to_string(),
            "9/14/2026 9:01:00".into(),
            "9/14/2026 9:09:00".into(),
            "anonymous".into(),
            String::new(),
            "Platform".into(),
            "Engineer".into(),
        ];
        row.extend(questions.iter().map(|_| (1 + i).to_string()));
        wtr.write_record(&row).unwrap();
    }
    let bytes = wtr.into_inner().unwrap();
    let s = score_bytes_with(&r, &bytes, &ScoreOptions::default()).expect("scores");
    assert_eq!(
        s.input.ignored_columns,
        ["Id", "Start time", "Completion time", "Email", "Name"]
    );
    assert_eq!(s.input.group_columns, ["team", "role"]);
    assert_eq!(s.respondents.scored, 5);
    assert!(s.issues.is_empty(), "{:?}", s.issues);
    // Respondent i's score on a question is 25 i, or 100 - 25 i when the
    // question is reverse-keyed; the mean over i = 0..4 is 50 either way,
    // so every dimension and the overall score are exactly 50.
    for d in &s.dimensions {
        close(d.stats.score, 50.0);
    }
    close(s.overall.score, 50.0);
}

#[test]
fn an_id_column_in_another_case_is_the_respondent_id() {
    // The small rubric's id column is `id`; a header "ID" is that column
    // (matching ignores case), so it is not ignored and re-submissions are
    // found through it: id 2 answers twice, the second (row 6) is kept.
    let mut text = base_text(",", "\n").replacen("id,", "ID,", 1);
    text = text.replacen("\n1,", "\n2,Zürich – Produktentwicklung,5,5,5,5,5\n1,", 1);
    let s = score_bytes(text.as_bytes());
    assert!(s.input.ignored_columns.is_empty());
    assert_eq!(s.respondents.read, 5);
    assert_eq!(s.respondents.excluded.len(), 1);
    assert_eq!(s.respondents.excluded[0].row, 2);
    assert_base_scores(&s);
}

#[test]
fn a_second_column_for_the_same_question_is_reported_and_ignored() {
    // "A1" (the id, in capitals) and the question's text both name a1: the
    // first is read, the second is a DuplicateColumn issue. Its cells (all
    // 1s, which would lower A) change nothing.
    let mut rows = base_table();
    rows[0][2] = "A1".into();
    rows[0].push("We do the first thing.".into());
    for r in rows.iter_mut().skip(1) {
        r.push("1".into());
    }
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert_eq!(
        s.issues,
        [Issue::DuplicateColumn {
            column: "We do the first thing.".into(),
            question: "a1".into(),
            read: "A1".into(),
        }]
    );
    assert!(s.input.ignored_columns.is_empty());
    assert_base_scores(&s);
}

/// A question named by its id in one column and by a grid header
/// ("Title [Statement]") in another was scored from one while the other was
/// only listed as ignored, without a word.
#[test]
fn a_grid_column_repeating_a_question_read_by_its_id_is_reported() {
    let mut rows = base_table();
    rows[0].push("How true is this? [We do the first thing.]".into());
    for r in rows.iter_mut().skip(1) {
        r.push("1".into());
    }
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert_eq!(
        s.issues,
        [Issue::DuplicateColumn {
            column: "How true is this? [We do the first thing.]".into(),
            question: "a1".into(),
            read: "a1".into(),
        }]
    );
    assert!(s.input.ignored_columns.is_empty());
    assert_base_scores(&s);
}

// ---------------------------------------------------------------------------
// Single cells.

/// BASE with three cells replaced (row numbers count the header as row 1):
/// r1 (row 2) a3 = "3.5", r2 (row 3) a2 = "9" (off the 1..5 scale),
/// r3 (row 4) b1 = "maybe".
fn with_unreadable_cells(bad: [&str; 3]) -> String {
    let mut rows = base_table();
    rows[1][4] = bad[0].into();
    rows[2][3] = bad[1].into();
    rows[3][5] = bad[2].into();
    join(&rows, ",", "\n")
}

#[test]
fn unreadable_cells_are_reported_and_count_as_not_answered() {
    let s = score_bytes(with_unreadable_cells(["3.5", "9", "maybe"]).as_bytes());
    assert_eq!(
        unreadable(&s.issues),
        [
            &Issue::UnreadableCell {
                row: 2,
                column: "a3".into(),
                question: "a3".into(),
                value: "3.5".into(),
                reason: "not a point of the scale 1..5".into(),
            },
            &Issue::UnreadableCell {
                row: 3,
                column: "a2".into(),
                question: "a2".into(),
                value: "9".into(),
                reason: "not a point of the scale 1..5".into(),
            },
            &Issue::UnreadableCell {
                row: 4,
                column: "b1".into(),
                question: "b1".into(),
                value: "maybe".into(),
                reason: "neither a number on the scale 1..5 nor one of its labels".into(),
            },
        ]
    );
    assert_eq!(s.issues.len(), 3);
    // Exactly as if the three cells were empty:
    let empty = score_bytes(with_unreadable_cells(["", "", ""]).as_bytes());
    assert!(empty.issues.is_empty());
    assert_eq!(results(&s), results(&empty));
    // By hand: r1 A without a3 = (2*100 + 50) / 3 = 83.333...; r2 A without
    // a2 = (0 + 0) / 3 = 0; r3 B = b2 alone (1 of 2 questions is half) = 0.
    // A = (83.333... + 0 + 81.25 + 50) / 4; B = (87.5 + 37.5 + 0 + 90) / 4.
    close(
        dim(&s, "a").stats.score,
        (250.0 / 3.0 + 0.0 + 81.25 + 50.0) / 4.0,
    );
    close(dim(&s, "b").stats.score, 215.0 / 4.0);
    // Answers given per question: a2 had 3 (r4 empty), now 2; a3 and b1
    // lose one each.
    let ns: Vec<Option<u64>> = s
        .dimensions
        .iter()
        .flat_map(|d| d.questions.iter().map(|q| q.n))
        .collect();
    // a2's 2 answers are fewer than the privacy threshold (3): not shown.
    assert_eq!(ns, [Some(4), None, Some(3), Some(3), Some(4)]);
    assert_eq!(s.respondents.scored, 4);
}

#[test]
fn whole_numbers_written_as_decimals_and_signs_are_read() {
    // Spreadsheets write 4 as "4.0"; " +5 " is 5. Same answers as BASE.
    let mut rows = base_table();
    rows[1][2] = "5.0".into();
    rows[2][3] = " +2 ".into();
    rows[3][6] = "0.0".into();
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert!(s.issues.is_empty(), "{:?}", s.issues);
    assert_base_scores(&s);
}

#[test]
fn text_labels_are_read_case_insensitively() {
    // BASE written with the scale's labels in assorted cases and spacing:
    // 1 Strongly disagree, 2 Disagree, 3 Neutral, 4 Agree, 5 Strongly agree.
    // b2 (0..10) has no labels and stays a number.
    let label = |v: &str| match v {
        "1" => "strongly DISAGREE",
        "2" => " disagree ",
        "3" => "NEUTRAL",
        "4" => "Agree",
        "5" => "Strongly   Agree",
        "" => "",
        _ => unreachable!(),
    };
    let mut rows = base_table();
    for r in rows.iter_mut().skip(1) {
        // a1, a2, a3, b1.
        for cell in &mut r[2..=5] {
            *cell = label(cell).to_string();
        }
    }
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert!(s.issues.is_empty(), "{:?}", s.issues);
    assert_base_scores(&s);
}

#[test]
fn missing_answer_labels_are_not_answered_and_not_issues() {
    // r4's empty a2 written as "Not sure", and r2's b1 as "n/a" (the
    // rubric's missing labels are "Not sure" and "N/A"; b2 inherits them).
    let mut rows = base_table();
    rows[4][3] = "Not sure".into();
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert!(s.issues.is_empty(), "{:?}", s.issues);
    assert_base_scores(&s);

    rows[2][5] = "n/a".into();
    rows[3][6] = "NOT SURE".into();
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert!(s.issues.is_empty(), "{:?}", s.issues);
    // By hand: r2 B = b2 alone = 50; r3 B = b1 alone = 50.
    // B = (87.5 + 50 + 50 + 90) / 4 = 69.375; A unchanged.
    close(dim(&s, "b").stats.score, 277.5 / 4.0);
    close(dim(&s, "a").stats.score, A);
    // The answers given: b1 3 of 4, b2 3 of 4.
    assert_eq!(dim(&s, "b").questions[0].n, Some(3));
    assert_eq!(dim(&s, "b").questions[1].n, Some(3));
}

#[test]
fn duplicate_respondent_id_keeps_the_last_row() {
    // Id 3 answers first (row 2) with all 1s, then again as the 4th
    // respondent row (row 5). The last answer replaces the first, so the
    // scores are BASE's.
    let mut rows = base_table();
    rows.insert(
        1,
        ["3", TEAM, "1", "1", "1", "1", "1"]
            .map(String::from)
            .to_vec(),
    );
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert_eq!(s.respondents.read, 5);
    assert_eq!(s.respondents.scored, 4);
    assert_eq!(s.respondents.excluded.len(), 1);
    let e = &s.respondents.excluded[0];
    assert_eq!(e.row, 2);
    assert_eq!(
        e.reason,
        "duplicate respondent id \"3\": row 5 is a later answer and is used instead"
    );
    assert_base_scores(&s);
}

#[test]
fn extra_cells_are_an_issue_and_ignored() {
    // r2 (row 3) has two non-empty cells past the header's seven columns,
    // and r3 (row 4) has one empty one, which is not counted.
    let mut rows = base_table();
    rows[2].push("oops".into());
    rows[2].push("7".into());
    rows[3].push(String::new());
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert_eq!(s.issues, [Issue::ExtraCells { row: 3, count: 2 }]);
    assert_eq!(
        s.issues[0].describe("f.csv"),
        "f.csv: row 3 has 2 more cell(s) than the header; they are ignored"
    );
    assert_base_scores(&s);
}

#[test]
fn short_rows_read_missing_cells_as_not_answered() {
    // r4 ends after a3: b1 and b2 are missing, so r4 has no B score.
    // B = (87.5 + 37.5 + 25) / 3 = 50, with n = 3; A is unchanged.
    let mut rows = base_table();
    rows[4].truncate(5);
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert!(s.issues.is_empty(), "{:?}", s.issues);
    close(dim(&s, "a").stats.score, A);
    assert_eq!(dim(&s, "b").stats.n, Some(3));
    close(dim(&s, "b").stats.score, 50.0);
}

#[test]
fn semicolon_file_with_commas_in_question_texts() {
    // European Excel writes `;`-separated files and quotes a field only
    // when it holds a `;`, a quote or a line break, so question texts with
    // commas stay unquoted. This header has 4 semicolons and 6 commas.
    // Actual: "survey.csv: no column matches any question of the rubric;
    // ... (columns found: "id;team;When a model changes", ...)".
    let r = rubric::load(Some(Path::new(
        "tests/fixtures/input/comma-texts-rubric.toml",
    )))
    .expect("valid rubric")
    .rubric;
    let text = "id;team;When a model changes, we re-test, then ship.;\
                For risky tasks, we sample twice, then compare.;Notes, if any\n\
                1;X;5;4;\n2;X;3;3;\n3;X;1;2;\n";
    let s = score_bytes_with(&r, text.as_bytes(), &ScoreOptions::default())
        .map_err(|e| e.to_string())
        .expect("scores");
    assert_eq!(s.input.delimiter, ";");
    // q1 = 5, 3, 1 -> 100, 50, 0; q2 = 4, 3, 2 -> 75, 50, 25. Respondent
    // scores 87.5, 50, 12.5; mean 50.
    close(s.dimensions[0].stats.score, 50.0);
}

/// Row numbers match a spreadsheet's whatever the line endings: a file
/// mixing "\n", "\r\n" and "\r" (edited on two systems) was read with a
/// phantom blank row after each "\r\n", and its problems reported a row
/// late.
#[test]
fn mixed_line_endings_keep_row_numbers() {
    let rows = base_table();
    let joined = |eols: &[&str]| {
        let mut out = String::new();
        for (i, r) in rows.iter().enumerate() {
            out.push_str(&r.join(","));
            out.push_str(eols[i % eols.len()]);
        }
        // One more row with an unreadable answer, and no final break.
        let mut last = rows[1].clone();
        last[0] = "late".into();
        last[2] = "zz".into(); // a1
        out.push_str(&last.join(","));
        out
    };
    let n = rows.len() as u64; // data rows + header: the last row's number
    for eols in [
        &["\n"][..],
        &["\r\n"],
        &["\r"],
        &["\n", "\r\n"],
        &["\r\n", "\n", "\r"],
    ] {
        let s = score_bytes(joined(eols).as_bytes());
        assert_eq!(s.respondents.read, n, "{eols:?}");
        assert!(
            !s.respondents
                .excluded
                .iter()
                .any(|e| e.reason == "blank row"),
            "{eols:?}: {:?}",
            s.respondents.excluded
        );
        let rows_of: Vec<u64> = unreadable(&s.issues)
            .iter()
            .map(|i| match i {
                Issue::UnreadableCell { row, .. } => *row,
                _ => 0,
            })
            .collect();
        assert_eq!(rows_of, [n + 1], "{eols:?}");
    }
}

/// Excluded rows are all counted but listed only up to 10,000 (a million
/// re-submitted ids held a million reasons in memory); `read` is still
/// `scored` plus every excluded row.
#[test]
fn excluded_rows_are_counted_in_full_and_listed_up_to_a_cap() {
    let mut rows = vec![HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for i in 0..12_000 {
        let mut r: Vec<String> = BASE[i % 4].iter().map(|s| s.to_string()).collect();
        r[0] = format!("id{}", i % 6); // six people, each answering 2,000 times
        rows.push(r);
    }
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    let r = &s.respondents;
    assert_eq!((r.read, r.scored), (12_000, 6));
    assert_eq!(r.excluded.len(), 10_000);
    assert_eq!(r.excluded_not_listed, 12_000 - 6 - 10_000);
    assert_eq!(r.excluded_total(), r.read - r.scored);
    assert_eq!(
        r.excluded_by_reason
            .get("duplicate respondent id (the later answer is used)"),
        Some(&(12_000 - 6))
    );
}

/// UTF-16 saved without a byte-order mark was refused as binary data; it
/// reads like the same text with one.
#[test]
fn utf16_without_a_bom_is_read() {
    let text = base_text(",", "\r\n");
    for (bytes, name) in [
        (utf16le_bom(&text)[2..].to_vec(), "UTF-16LE"),
        (utf16be_bom(&text)[2..].to_vec(), "UTF-16BE"),
    ] {
        let s = score_bytes(&bytes);
        assert_eq!(s.input.encoding, name);
        assert_base_scores(&s);
    }
}

/// A zero byte was refused in the first 64 KB and accepted after them.
#[test]
fn a_zero_byte_anywhere_is_refused() {
    let mut rows = base_table();
    let row = rows[1].clone();
    while rows.len() < 2_000 {
        let mut r = row.clone();
        r[0] = format!("x{}", rows.len());
        rows.push(r);
    }
    let mut bytes = join(&rows, ",", "\n").into_bytes();
    assert!(bytes.len() > 70_000);
    let at = bytes.len() - 3;
    bytes[at] = 0;
    let err = score_bytes_with(&small_rubric(), &bytes, &ScoreOptions::default())
        .expect_err("a zero byte is binary data");
    assert!(err.to_string().contains("zero byte"), "{err}");
}

/// An unclosed quote made the csv reader take the rest of the file for one
/// cell: rows lost without a word. It is now an error naming the row; a
/// stray quote inside an unquoted cell, which swallows nothing, is not.
#[test]
fn an_unclosed_quote_is_an_error_naming_its_row() {
    let mut rows = base_table();
    let mut extra: Vec<String> = rows[1].clone();
    extra[0] = "9".into();
    rows.insert(3, extra.clone());
    rows[3][1] = "\"Ops".into(); // row 4 in a spreadsheet
    let err = score_bytes_with(
        &small_rubric(),
        join(&rows, ",", "\n").as_bytes(),
        &ScoreOptions::default(),
    )
    .expect_err("an unclosed quote");
    assert!(err.to_string().contains("row 4 opens a quote"), "{err}");
    rows[3][1] = "Ops 12\" screen".into();
    let s = score_bytes(join(&rows, ",", "\n").as_bytes());
    assert_eq!(s.respondents.read, 5);
}
