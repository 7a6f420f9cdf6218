//! `mlbizops report --format xlsx`: the report's figures as a workbook,
//! read back with calamine and compared with `report.json` of the same run
//! (the report model every format renders). Figures are numbers, not text;
//! a hidden team has no number in any sheet; two runs give the same bytes.

use std::io::Cursor;

use assert_cmd::Command;
use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use serde_json::Value;

/// The example workspace: four waves, so the trend and change sheets exist,
/// and a team (Legal) hidden for privacy.
fn report(dir: &std::path::Path) -> (Vec<u8>, Value) {
    report_wave(dir, &[])
}

fn report_wave(dir: &std::path::Path, extra: &[&str]) -> (Vec<u8>, Value) {
    let out = Command::cargo_bin("mlbizops")
        .expect("built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "examples/acme", "--format", "xlsx,json", "--out"])
        .arg(dir)
        .args(extra)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = std::fs::read(dir.join("report.json")).unwrap();
    (
        std::fs::read(dir.join("report.xlsx")).unwrap(),
        serde_json::from_slice(&json).unwrap(),
    )
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("readable");
    book.worksheet_range(name).expect("the sheet")
}

fn col(range: &Range<Data>, header: &str) -> usize {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .position(|c| *c == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

fn row<'a>(range: &'a Range<Data>, first: &str, second: &str) -> &'a [Data] {
    range
        .rows()
        .find(|r| r[0] == first && r[1] == second)
        .unwrap_or_else(|| panic!("no row {first} / {second}"))
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(x) => *x,
        Data::Int(x) => *x as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_workbook_holds_the_reports_figures_as_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let (bytes, json) = report(tmp.path());
    let names: Vec<String> = {
        let book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
        book.sheet_names().to_vec()
    };
    assert_eq!(
        names,
        [
            "Summary",
            "Dimensions",
            "Questions",
            "Groups",
            "Trend",
            "Change",
            "Action plan",
            "Data quality"
        ]
    );

    let dims = sheet(&bytes, "Dimensions");
    let (score, n, fav) = (
        col(&dims, "score"),
        col(&dims, "n"),
        col(&dims, "favorable"),
    );
    for d in json["dimensions"].as_array().unwrap() {
        let r = row(
            &dims,
            d["id"].as_str().unwrap(),
            d["name"].as_str().unwrap(),
        );
        match d["score"].as_f64() {
            Some(s) => {
                assert!((number(&r[score]) - s).abs() < 1e-9, "{}", d["id"]);
                assert_eq!(number(&r[n]), d["n"].as_f64().unwrap());
                // Shares are Excel fractions: 54.9% is 0.549.
                let f = d["favorable_pct"].as_f64().unwrap();
                assert!((number(&r[fav]) * 100.0 - f).abs() < 1e-9);
            }
            None => assert_eq!(r[score], Data::Empty),
        }
    }

    let groups = sheet(&bytes, "Groups");
    let overall = col(&groups, "overall");
    let mut hidden_seen = 0;
    for b in json["breakdowns"].as_array().unwrap() {
        for g in b["groups"].as_array().unwrap() {
            let r = row(
                &groups,
                b["column"].as_str().unwrap(),
                g["value"].as_str().unwrap(),
            );
            if g["suppressed"].as_bool().unwrap() {
                hidden_seen += 1;
                // A hidden team: no number anywhere in its row.
                assert!(
                    r.iter()
                        .all(|c| !matches!(c, Data::Float(_) | Data::Int(_))),
                    "{r:?}"
                );
            } else {
                let want = g["overall"].as_f64().unwrap();
                assert!((number(&r[overall]) - want).abs() < 1e-9);
            }
        }
    }
    assert!(hidden_seen > 0, "the example hides a team");

    let trend = sheet(&bytes, "Trend");
    let waves = json["history"]["waves"].as_array().unwrap();
    assert_eq!(trend.height(), waves.len() + 1);
    for (w, r) in waves.iter().zip(trend.rows().skip(1)) {
        assert_eq!(r[0].to_string(), w["label"].as_str().unwrap());
        assert_eq!(number(&r[2]), w["respondents"].as_f64().unwrap());
    }

    // 2026-Q3 was asked with a revised rubric that shares no question with
    // 2026-Q2: every dimension says why it is not compared.
    let change = sheet(&bytes, "Change");
    for d in json["history"]["dimensions"].as_array().unwrap() {
        let r = row(&change, "dimension", d["name"].as_str().unwrap());
        assert_eq!(r[8].to_string(), d["note"].as_str().unwrap());
    }

    let plan = sheet(&bytes, "Action plan");
    let first = &json["action_plan"][0];
    assert_eq!(
        plan.rows().nth(1).unwrap()[3].to_string(),
        first["title"].as_str().unwrap()
    );
}

#[test]
fn the_change_sheet_has_the_reports_changes() {
    // 2026-Q2 against 2026-Q1 (same rubric) and 2025-Q4 (a revision).
    let tmp = tempfile::tempdir().unwrap();
    let (bytes, json) = report_wave(tmp.path(), &["--wave", "2026-Q2"]);
    let change = sheet(&bytes, "Change");
    let h = &json["history"];
    let r = row(&change, "overall", "Overall");
    assert_eq!(r[2].to_string(), h["previous"].as_str().unwrap());
    let want = &h["overall"]["since_previous"];
    assert!((number(&r[3]) - want["delta"].as_f64().unwrap()).abs() < 1e-9);
    assert!((number(&r[4]) - want["p"].as_f64().unwrap()).abs() < 1e-9);
    assert_eq!(r[6].to_string(), want["words"].as_str().unwrap());
    let mut compared = 0;
    for d in h["dimensions"].as_array().unwrap() {
        if let Some(delta) = d["since_previous"]["delta"].as_f64() {
            let r = row(&change, "dimension", d["name"].as_str().unwrap());
            assert!((number(&r[3]) - delta).abs() < 1e-9, "{}", d["id"]);
            compared += 1;
        }
    }
    assert!(compared >= 5, "{compared}");
    for g in h["groups"].as_array().unwrap() {
        if let Some(delta) = g["overall"]["delta"].as_f64() {
            let r = row(&change, "group", g["value"].as_str().unwrap());
            assert!((number(&r[3]) - delta).abs() < 1e-9);
        }
    }
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(report(a.path()).0, report(b.path()).0);
}
