//! `mlbizops score --format xlsx`: the workbook read back with calamine.
//! Every figure is a number (not text) equal to the JSON document's; a
//! hidden team shows no number anywhere; the same input gives the same
//! bytes.

use std::io::Cursor;

use assert_cmd::Command;
use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use serde_json::Value;

const ACME: &str = "examples/acme-2026-q3.csv";

fn run(args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let out = Command::cargo_bin("mlbizops")
        .expect("the mlbizops binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("mlbizops runs");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), out.stdout, stderr)
}

/// The workbook and the JSON document of the same run's input.
fn workbook_and_json(extra: &[&str]) -> (Vec<u8>, Value) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("scores.xlsx");
    let mut args = vec!["score", ACME, "--format", "xlsx", "--out"];
    args.push(path.to_str().unwrap());
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.is_empty());
    let mut args = vec!["score", ACME, "--format", "json"];
    args.extend_from_slice(extra);
    let (code, json, stderr) = run(&args);
    assert_eq!(code, Some(0), "{stderr}");
    (
        std::fs::read(&path).unwrap(),
        serde_json::from_slice(&json).unwrap(),
    )
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a readable workbook")
}

fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Range<Data> {
    book.worksheet_range(name).expect("the sheet")
}

/// The column of `header` in the sheet's first row.
fn col(range: &Range<Data>, header: &str) -> usize {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .position(|c| c == &Data::String(header.to_string()))
        .unwrap_or_else(|| panic!("no column {header}"))
}

fn float(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        other => panic!("expected a number, found {other:?}"),
    }
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn the_workbook_has_the_json_figures_as_numbers() {
    let (bytes, json) = workbook_and_json(&["--group-by", "team"]);
    let mut book = open(&bytes);
    assert_eq!(
        book.sheet_names(),
        ["Dimensions", "Questions", "Groups", "Data quality"]
    );
    // Every sheet is a filterable table.
    let filters = book
        .defined_names()
        .iter()
        .filter(|(n, _)| n == "_xlnm._FilterDatabase")
        .count();
    assert_eq!(filters, 4, "{:?}", book.defined_names());

    let dims = sheet(&mut book, "Dimensions");
    let rows: Vec<&[Data]> = dims.rows().collect();
    let (score, n, fav) = (
        col(&dims, "score"),
        col(&dims, "n"),
        col(&dims, "favorable"),
    );
    assert_eq!(rows[1][0], Data::String("overall".into()));
    close(
        float(&rows[1][score]),
        json["overall"]["score"].as_f64().unwrap(),
    );
    let dimensions = json["dimensions"].as_array().unwrap();
    assert_eq!(rows.len(), 2 + dimensions.len());
    for (row, d) in rows[2..].iter().zip(dimensions) {
        assert_eq!(row[0], Data::String(d["id"].as_str().unwrap().into()));
        close(float(&row[score]), d["score"].as_f64().unwrap());
        close(float(&row[n]), d["n"].as_f64().unwrap());
        // Shares are Excel percentages: 62.5 % is 0.625.
        close(
            float(&row[fav]) * 100.0,
            d["favorable_pct"].as_f64().unwrap(),
        );
    }

    let qs = sheet(&mut book, "Questions");
    let (qid, qscore, qmean) = (
        col(&qs, "question"),
        col(&qs, "score"),
        col(&qs, "mean answer"),
    );
    let questions: Vec<&Value> = dimensions
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .collect();
    let qrows: Vec<&[Data]> = qs.rows().skip(1).collect();
    assert_eq!(qrows.len(), questions.len());
    for (row, q) in qrows.iter().zip(&questions) {
        assert_eq!(row[qid], Data::String(q["id"].as_str().unwrap().into()));
        close(float(&row[qscore]), q["score"].as_f64().unwrap());
        close(float(&row[qmean]), q["raw_mean"].as_f64().unwrap());
    }
}

#[test]
fn a_hidden_team_shows_no_number() {
    let (bytes, json) = workbook_and_json(&["--group-by", "team"]);
    let mut book = open(&bytes);
    let groups = sheet(&mut book, "Groups");
    let (name, shown, n, overall) = (
        col(&groups, "group"),
        col(&groups, "shown"),
        col(&groups, "n"),
        col(&groups, "overall"),
    );
    let rows: Vec<&[Data]> = groups.rows().skip(1).collect();
    let listed = json["groups"].as_array().unwrap();
    assert_eq!(rows.len(), listed.len());
    let mut hidden = 0;
    for (row, g) in rows.iter().zip(listed) {
        assert_eq!(row[name], Data::String(g["value"].as_str().unwrap().into()));
        if g["suppressed"] == true {
            hidden += 1;
            assert_eq!(row[shown], Data::String("hidden".into()));
            // Not a number anywhere in the row: no size, no score.
            assert!(
                row.iter()
                    .all(|c| !matches!(c, Data::Float(_) | Data::Int(_))),
                "{row:?}"
            );
        } else {
            assert_eq!(row[shown], Data::String("yes".into()));
            close(float(&row[n]), g["n"].as_f64().unwrap());
            close(
                float(&row[overall]),
                g["overall"]["score"].as_f64().unwrap(),
            );
            for d in g["dimensions"].as_array().unwrap() {
                let cell = &row[col(&groups, d["id"].as_str().unwrap())];
                match d["score"].as_f64() {
                    Some(s) => close(float(cell), s),
                    None => assert_eq!(cell, &Data::Empty),
                }
            }
        }
    }
    // Security and Legal: under the threshold, and the one that would
    // reveal it.
    assert_eq!(hidden, 2);
}

#[test]
fn data_quality_counts_rows_and_lists_problems_without_quoting_answers() {
    let (bytes, json) = workbook_and_json(&[]);
    let mut book = open(&bytes);
    let q = sheet(&mut book, "Data quality");
    let value = |item: &str| -> Data {
        q.rows()
            .find(|r| r[0] == Data::String(item.to_string()))
            .unwrap_or_else(|| panic!("no row {item}"))[1]
            .clone()
    };
    close(
        float(&value("rows read")),
        json["respondents"]["read"].as_f64().unwrap(),
    );
    close(
        float(&value("respondents scored")),
        json["respondents"]["scored"].as_f64().unwrap(),
    );
    close(
        float(&value("unreadable cells")),
        json["input"]["unreadable_cells"].as_f64().unwrap(),
    );
    let problems: Vec<String> = q
        .rows()
        .filter(|r| r[0] == Data::String("problem".into()))
        .map(|r| r[1].to_string())
        .collect();
    assert_eq!(problems.len(), json["issues"].as_array().unwrap().len());
    // The cell "yes" typed as an answer is told by its length only.
    assert!(
        problems.iter().all(|p| !p.contains("\"yes\"")),
        "{problems:?}"
    );
    assert!(problems
        .iter()
        .any(|p| p.contains("an answer of 3 characters")));
}

#[test]
fn the_same_scores_give_the_same_bytes() {
    let (a, _) = workbook_and_json(&["--group-by", "team"]);
    let (b, _) = workbook_and_json(&["--group-by", "team"]);
    assert!(a == b, "two runs wrote different workbooks");
}

#[test]
fn a_workbook_is_not_written_to_a_terminal_but_goes_to_a_pipe() {
    // Standard output here is a pipe: the bytes come out.
    let (code, stdout, stderr) = run(&["score", ACME, "--format", "xlsx"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with(b"PK\x03\x04"));
    // An --out file named .xlsx is a workbook without --format.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("s.xlsx");
    let (code, _, stderr) = run(&["score", ACME, "--out", path.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), stdout);
}
