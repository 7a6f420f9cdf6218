//! `mlbizops score` from the outside: exit codes, the one-line messages for
//! files that cannot be scored, the three output formats, privacy in each of
//! them, and determinism.
//!
//! Commands run from the crate root with relative paths, so the file names
//! in messages are the ones written here. Files whose bytes matter (binary,
//! zip) are written to a temporary directory instead; their messages name
//! that path.
//!
//! Fixtures (small rubric, `tests/fixtures/score/small-rubric.toml`: A = a1
//! weight 2, a2, a3 reverse; B = b1, b2 on 0..10; id `id`; group `team`;
//! min_group_size 3):
//! - `tests/fixtures/input/clean.csv`: four respondents of one team,
//!   "Zürich – Produktentwicklung"; by hand (see tests/score_input.rs, BASE):
//!   A = 54.6875, B = 60, overall = (2 A + B) / 3 = 56.458333...
//! - `tests/fixtures/input/unreadable.csv`: the same with a2 = "9" in row 3
//!   and b1 = "maybe" in row 4.
//! - `tests/fixtures/score/small.csv`: teams X (6 scored), Y (4) and Z (2),
//!   pinned in tests/score_arithmetic.rs.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

const RUBRIC: &str = "tests/fixtures/score/small-rubric.toml";
const CLEAN: &str = "tests/fixtures/input/clean.csv";
const UNREADABLE: &str = "tests/fixtures/input/unreadable.csv";
const SMALL: &str = "tests/fixtures/score/small.csv";
const ACME: &str = "examples/acme-2026-q3.csv";
const ACME_FORMS: &str = "examples/acme-2026-q3-google-forms.csv";
/// A copy of rubric 2026.1, whose ids some fixtures use.
const RUBRIC_2026: &str = "tests/fixtures/levels/llm-adoption-2026.1.toml";
const TEAM: &str = "Zürich – Produktentwicklung";
const TOL: f64 = 1e-9;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::cargo_bin("mlbizops")
        .expect("the mlbizops binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("mlbizops runs");
    let r = Run {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !r.stderr.contains("panicked"),
        "mlbizops {args:?} panicked:\n{}",
        r.stderr
    );
    r
}

/// `score <survey> --rubric <small rubric> <extra...>`
fn score_small(survey: &str, extra: &[&str]) -> Run {
    let mut args = vec!["score", survey, "--rubric", RUBRIC];
    args.extend_from_slice(extra);
    run(&args)
}

fn json_of(r: &Run) -> Value {
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("stdout is JSON")
}

/// The lines of standard error that start with "error:".
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("error:")).collect()
}

/// Asserts exit 1, nothing on stdout, and exactly one error line, equal to
/// `expected`.
fn fails_with(r: &Run, expected: &str) {
    assert_eq!(r.code, Some(1), "stderr:\n{}", r.stderr);
    assert_eq!(r.stdout, "", "nothing is written on failure");
    assert_eq!(error_lines(&r.stderr), [expected], "stderr:\n{}", r.stderr);
}

fn num(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, got {v}"))
}

fn close(v: &Value, expected: f64) {
    let a = num(v);
    assert!((a - expected).abs() < TOL, "{a} != {expected}");
}

// ---------------------------------------------------------------------------
// Files that cannot be scored: exit 1 and one line naming the file.

#[test]
fn empty_file() {
    let r = score_small("tests/fixtures/input/empty.csv", &["--format", "json"]);
    fails_with(&r, "error: tests/fixtures/input/empty.csv is empty");
}

#[test]
fn whitespace_only_file_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.csv");
    std::fs::write(&path, "\r\n\n  \n").unwrap();
    let p = path.to_str().unwrap();
    let r = score_small(p, &["--format", "json"]);
    fails_with(&r, &format!("error: {p} is empty"));
}

#[test]
fn bom_only_file_is_empty() {
    // A UTF-16LE BOM and nothing else is what Excel writes for an empty sheet.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.csv");
    std::fs::write(&path, b"\xFF\xFE").unwrap();
    let p = path.to_str().unwrap();
    let r = score_small(p, &["--format", "json"]);
    fails_with(&r, &format!("error: {p} is empty"));
}

#[test]
fn header_only() {
    let r = score_small(
        "tests/fixtures/input/header-only.csv",
        &["--format", "json"],
    );
    fails_with(
        &r,
        "error: tests/fixtures/input/header-only.csv has a header but no data rows",
    );
}

#[test]
fn zip_file() {
    // An .xlsx saved as .csv: a zip archive, "PK\x03\x04".
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("responses.csv");
    let mut bytes = b"PK\x03\x04\x14\x00\x06\x00\x08\x00".to_vec();
    bytes.extend_from_slice(b"[Content_Types].xml");
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    let r = score_small(p, &["--format", "json"]);
    fails_with(
        &r,
        &format!(
            "error: {p} is not a CSV file: it is a zip archive but not a readable Excel workbook (Zip error: invalid Zip archive: Could not find EOCD); export the sheet as CSV"
        ),
    );
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.csv");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    let r = score_small(p, &["--format", "json"]);
    fails_with(
        &r,
        &format!("error: {p} is not a CSV file: it contains binary data"),
    );
}

#[test]
fn no_column_matches_a_question() {
    let r = score_small(
        "tests/fixtures/input/no-question-columns.csv",
        &["--format", "json"],
    );
    fails_with(
        &r,
        "error: tests/fixtures/input/no-question-columns.csv: no column matches any question of the rubric; \
         a column must be named by a question's id, its exact text or its survey-tool code \
         (read as Google Forms, 1 header row, detected; columns found: \"Timestamp\", \"Email\", \"Team\", \"Comments\")",
    );
}

#[test]
fn nonexistent_file() {
    let r = score_small(
        "tests/fixtures/input/does-not-exist.csv",
        &["--format", "json"],
    );
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout, "");
    let errors = error_lines(&r.stderr);
    assert_eq!(errors.len(), 1, "{}", r.stderr);
    // The OS's wording follows; the start is ours.
    assert!(
        errors[0].starts_with("error: cannot read tests/fixtures/input/does-not-exist.csv: "),
        "{}",
        errors[0]
    );
}

#[test]
fn unknown_group_by_column() {
    let r = score_small(CLEAN, &["--group-by", "nosuchcolumn", "--format", "json"]);
    fails_with(
        &r,
        "error: tests/fixtures/input/clean.csv: group column \"nosuchcolumn\" is not in the file \
         (columns found: \"id\", \"team\", \"a1\", \"a2\", \"a3\", \"b1\", \"b2\")",
    );
}

#[test]
fn too_few_respondents_for_the_privacy_threshold() {
    // too-few.csv: 2 scored respondents and one with no answer; threshold 3.
    let r = score_small("tests/fixtures/input/too-few.csv", &["--format", "json"]);
    fails_with(
        &r,
        "error: tests/fixtures/input/too-few.csv: only 2 respondent(s) could be scored, fewer than \
         the privacy threshold of 3; no scores are shown so that no one's answers can be read off them",
    );
    // clean.csv has 4 scored respondents: enough for 3, not for 5.
    let r = score_small(CLEAN, &["--min-group-size", "5", "--format", "table"]);
    fails_with(
        &r,
        "error: tests/fixtures/input/clean.csv: only 4 respondent(s) could be scored, fewer than \
         the privacy threshold of 5; no scores are shown so that no one's answers can be read off them",
    );
}

// ---------------------------------------------------------------------------
// Wrong usage: exit 2.

#[test]
fn min_group_size_below_three_is_wrong_usage() {
    let r = score_small(CLEAN, &["--min-group-size", "2"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .starts_with("error: invalid value '2' for '--min-group-size <N>'"),
        "{}",
        r.stderr
    );
}

#[test]
fn unknown_format_is_wrong_usage() {
    let r = score_small(CLEAN, &["--format", "yaml"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .starts_with("error: invalid value 'yaml' for '--format <FORMAT>'"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("[possible values: table, json, csv, xlsx]"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------
// --strict.

#[test]
fn strict_fails_on_an_unreadable_cell_and_lists_it() {
    let r = score_small(UNREADABLE, &["--strict", "--format", "json"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout, "");
    let want = "error: --strict: 2 problems in tests/fixtures/input/unreadable.csv\n  \
        tests/fixtures/input/unreadable.csv: row 3, column \"a2\": \"9\" is not a point of the scale 1..5; counted as not answered\n  \
        tests/fixtures/input/unreadable.csv: row 4, column \"b1\": \"maybe\" is neither a number on the scale 1..5 nor one of its labels; counted as not answered\n";
    assert!(r.stderr.contains(want), "stderr:\n{}", r.stderr);
}

#[test]
fn without_strict_unreadable_cells_are_a_warning_and_in_issues() {
    let r = score_small(UNREADABLE, &["--format", "json"]);
    let doc = json_of(&r);
    assert!(
        r.stderr.contains(
            "warning: 2 problems in tests/fixtures/input/unreadable.csv; see `issues` in the output"
        ),
        "{}",
        r.stderr
    );
    let issues = doc["issues"].as_array().unwrap();
    assert_eq!(issues.len(), 2);
    assert_eq!(
        issues[0],
        serde_json::json!({"kind": "unreadable_cell", "row": 3, "column": "a2", "question": "a2",
                           "value": "9", "reason": "not a point of the scale 1..5"})
    );
    assert_eq!(issues[1]["row"], 4);
    assert_eq!(issues[1]["value"], "maybe");
    // Counted as not answered: r2 A without a2 = (2*0 + 0) / 3 = 0, r3 B =
    // b2 alone = 0; A = (81.25 + 0 + 81.25 + 50) / 4 = 53.125,
    // B = (87.5 + 37.5 + 0 + 90) / 4 = 53.75.
    close(&doc["dimensions"][0]["score"], 53.125);
    close(&doc["dimensions"][1]["score"], 53.75);
}

#[test]
fn strict_on_a_clean_file_succeeds() {
    let r = score_small(CLEAN, &["--strict", "--format", "json"]);
    let doc = json_of(&r);
    assert_eq!(doc["issues"], serde_json::json!([]));
    close(&doc["overall"]["score"], (2.0 * 54.6875 + 60.0) / 3.0);
    assert!(!r.stderr.contains("warning:"), "{}", r.stderr);
}

#[test]
fn strict_fails_on_a_missing_question_column() {
    // `--strict` also fails when a question has no column (see --help).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-b2.csv");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(CLEAN)).unwrap();
    let without_b2: String = text
        .lines()
        .map(|l| l.rsplit_once(',').unwrap().0.to_string() + "\n")
        .collect();
    std::fs::write(&path, without_b2).unwrap();
    let p = path.to_str().unwrap();
    let r = score_small(p, &["--strict", "--format", "json"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains(&format!(
            "error: --strict: 1 problem in {p}\n  {p}: no column for question `b2` (dimension `b`)\n"
        )),
        "{}",
        r.stderr
    );
    // Without --strict it scores, and B is b1 alone: (75 + 25 + 50 + 100) / 4.
    let doc = json_of(&score_small(p, &["--format", "json"]));
    close(&doc["dimensions"][1]["score"], 62.5);
    assert_eq!(doc["dimensions"][1]["questions"][1]["measured"], false);
}

// ---------------------------------------------------------------------------
// The JSON document.

#[test]
fn json_has_the_schema_and_documented_keys() {
    let doc = json_of(&score_small(SMALL, &["--format", "json"]));
    assert_eq!(doc["schema"], "mlbizops.score/v1");
    let keys = |v: &Value, ks: &[&str], what: &str| {
        let o = v
            .as_object()
            .unwrap_or_else(|| panic!("{what} is an object"));
        for k in ks {
            assert!(o.contains_key(*k), "{what} has no `{k}`: {v}");
        }
    };
    keys(
        &doc,
        &[
            "schema",
            "rubric",
            "input",
            "privacy",
            "respondents",
            "overall",
            "dimensions",
            "groups",
            "issues",
        ],
        "document",
    );
    keys(
        &doc["input"],
        &["file", "encoding", "delimiter", "ignored_columns"],
        "input",
    );
    assert_eq!(doc["input"]["file"], SMALL);
    assert_eq!(doc["input"]["encoding"], "UTF-8");
    assert_eq!(doc["input"]["delimiter"], ",");
    // small.csv: 15 data rows, 12 scored; excluded: row 4 (id 3 answered
    // again in row 13), row 14 (id 12, no answer), row 15 (blank).
    keys(
        &doc["respondents"],
        &["read", "scored", "excluded"],
        "respondents",
    );
    assert_eq!(doc["respondents"]["read"], 15);
    assert_eq!(doc["respondents"]["scored"], 12);
    let excluded = doc["respondents"]["excluded"].as_array().unwrap();
    let rows: Vec<u64> = excluded
        .iter()
        .map(|e| e["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, [4, 14, 15]);
    for e in excluded {
        keys(e, &["row", "reason"], "excluded");
    }
    assert_eq!(excluded[2]["reason"], "blank row");
    keys(&doc["overall"], &["score", "level"], "overall");
    // Pinned in score_arithmetic.rs: 59.696969...; Mid.
    close(&doc["overall"]["score"], 59.696969696969695);
    assert_eq!(doc["overall"]["level"], "Mid");
    let dims = doc["dimensions"].as_array().unwrap();
    assert_eq!(dims.len(), 2);
    for d in dims {
        keys(
            d,
            &[
                "id",
                "name",
                "n",
                "score",
                "sd",
                "ci95",
                "level",
                "favorable_pct",
                "neutral_pct",
                "unfavorable_pct",
                "distribution",
                "alpha",
                "questions",
            ],
            "dimension",
        );
        for q in d["questions"].as_array().unwrap() {
            keys(
                q,
                &["id", "n", "raw_mean", "score", "item_total_r"],
                "question",
            );
        }
    }
    assert_eq!(dims[0]["id"], "a");
    assert_eq!(dims[0]["name"], "Dimension A");
    assert_eq!(dims[0]["n"], 11);
    assert_eq!(dims[0]["ci95"].as_array().unwrap().len(), 2);
    let qids: Vec<&str> = dims
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(qids, ["a1", "a2", "a3", "b1", "b2"]);
    let groups = doc["groups"].as_array().unwrap();
    for g in groups {
        keys(
            g,
            &["column", "value", "suppressed", "n", "dimensions"],
            "group",
        );
    }
    let values: Vec<&str> = groups
        .iter()
        .map(|g| g["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["X", "Y", "Z"]);
    assert_eq!(groups[0]["n"], 6);
    // The one unreadable cell of small.csv: a1 = 7 in row 16.
    assert_eq!(
        doc["issues"],
        serde_json::json!([{"kind": "unreadable_cell", "row": 16, "column": "a1", "question": "a1",
                            "value": "7", "reason": "not a point of the scale 1..5"}])
    );
}

#[test]
fn json_is_the_default_when_stdout_is_not_a_terminal() {
    let explicit = score_small(CLEAN, &["--format", "json"]);
    let default = score_small(CLEAN, &[]);
    assert_eq!(default.code, Some(0));
    assert_eq!(default.stdout, explicit.stdout);
    let doc = json_of(&default);
    assert_eq!(doc["groups"][0]["value"], TEAM);
}

/// Every number anywhere inside `v`.
fn numbers(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Number(n) => out.push(n.as_f64().unwrap()),
        Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
        Value::Object(o) => o.values().for_each(|x| numbers(x, out)),
        _ => {}
    }
}

#[test]
fn suppressed_groups_have_no_numbers_in_json() {
    let doc = json_of(&score_small(SMALL, &["--format", "json"]));
    let groups = doc["groups"].as_array().unwrap();
    // Z has 2 scored (< 3); Y (4) is hidden as its complement.
    for g in &groups[1..] {
        assert_eq!(g["suppressed"], true, "{g}");
        assert_eq!(g["n"], Value::Null);
        assert_eq!(g["overall"]["score"], Value::Null);
        for d in g["dimensions"].as_array().unwrap() {
            for k in [
                "n",
                "score",
                "sd",
                "ci95",
                "level",
                "favorable_pct",
                "distribution",
            ] {
                assert_eq!(d[k], Value::Null, "{k} of {g}");
            }
        }
        let mut found = Vec::new();
        numbers(g, &mut found);
        assert!(
            found.is_empty(),
            "a suppressed group holds numbers: {found:?}"
        );
    }
}

#[test]
fn json_does_not_depend_on_how_suppressed_groups_are_split() {
    // Move id 10 from Z to Y: Y 4 -> 5, Z 2 -> 1. Both stay hidden (Z under
    // 3, Y the next smallest, X has 6), so if no size of a hidden group is
    // shown anywhere, the two documents are the same except for the file
    // name. Both files are written to the same kind of path.
    let original =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL)).unwrap();
    let moved = original.replacen("\n10,Z,", "\n10,Y,", 1);
    assert_ne!(original, moved);
    let mut docs = Vec::new();
    for text in [original, moved] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("small.csv");
        std::fs::write(&path, text).unwrap();
        let r = score_small(path.to_str().unwrap(), &["--format", "json"]);
        let mut doc = json_of(&r);
        doc["input"]["file"] = Value::Null;
        // The issue about row 16 carries no group information; keep it.
        docs.push(doc);
    }
    assert_eq!(docs[0]["groups"][2]["suppressed"], true);
    assert_eq!(docs[0], docs[1]);
}

#[test]
fn a_suppressed_dimension_shows_no_question_statistics() {
    // Four respondents, only two of whom answered B (b1 = 4, 2; b2 = 10, 3).
    // B's n is 2 < 3, so B is suppressed, but its questions show
    // "n": 2, "raw_mean": 3.0, "distribution": [0, 1, 0, 1, 0], ...: each of
    // the two answers can be read off.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("few-b.csv");
    std::fs::write(
        &path,
        "id,team,a1,a2,a3,b1,b2\n1,X,5,3,2,4,10\n2,X,1,2,5,2,3\n3,X,4,4,1,,\n4,X,3,3,3,,\n",
    )
    .unwrap();
    let doc = json_of(&score_small(path.to_str().unwrap(), &["--format", "json"]));
    let b = &doc["dimensions"][1];
    assert_eq!(b["suppressed"], true);
    assert_eq!(b["score"], Value::Null);
    for q in b["questions"].as_array().unwrap() {
        for k in ["n", "raw_mean", "score", "item_total_r", "distribution"] {
            assert!(
                q.get(k).is_none_or(Value::is_null),
                "question {} of a suppressed dimension shows {k} = {}",
                q["id"],
                q[k]
            );
        }
    }
}

// ---------------------------------------------------------------------------
// CSV and table output.

#[test]
fn csv_has_one_row_per_population_and_dimension() {
    let r = score_small(CLEAN, &["--format", "csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "breakdown,group,group_n,dimension,n,score,sd,ci95_low,ci95_high,level,favorable_pct,neutral_pct,unfavorable_pct,suppressed"
    );
    // (organization + one team) x (a, b).
    assert_eq!(lines.len(), 1 + 2 * 2);
    // A by hand (tests/score_input.rs, BASE): mean 54.6875, sd
    // sqrt(3779.296875 / 3) = 35.4932, CI mean -/+ t(0.975, 3) * sd / 2 with
    // t(0.975, 3) = 3.182446305284263 (tables: 3.182) gives -1.79..111.17,
    // cut to the 0-100 range of a mean score; favorable 5 of 11 answers,
    // neutral 3 of 11, unfavorable 3 of 11.
    let sd = (3779.296875f64 / 3.0).sqrt();
    let half = 3.182446305284263 * sd / 2.0;
    let want = format!(
        "organization,all respondents,4,a,4,54.6875,{:.4},{:.4},{:.4},Mid,{:.4},{:.4},{:.4},false",
        sd,
        (54.6875 - half).max(0.0),
        (54.6875 + half).min(100.0),
        500.0 / 11.0,
        300.0 / 11.0,
        300.0 / 11.0
    );
    assert_eq!(
        want,
        "organization,all respondents,4,a,4,54.6875,35.4932,0.0000,100.0000,Mid,45.4545,27.2727,27.2727,false"
    );
    assert_eq!(lines[1], want);
    // B: 60, favorable 3 of 8, neutral 3 of 8, unfavorable 2 of 8. The team
    // row has the same numbers; its name is written as it is.
    assert!(
        lines[4].starts_with(&format!("team,{TEAM},4,b,4,60.0000,")),
        "{}",
        lines[4]
    );
    assert!(
        lines[4].ends_with(",Mid,37.5000,37.5000,25.0000,false"),
        "{}",
        lines[4]
    );
}

#[test]
fn csv_leaves_suppressed_cells_empty() {
    let r = score_small(SMALL, &["--format", "csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    // organization a, b; X a, b; Y a, b; Z a, b.
    assert_eq!(lines.len(), 1 + 8);
    for (i, v) in [(5, "Y"), (6, "Y"), (7, "Z"), (8, "Z")] {
        let dim = if i % 2 == 1 { "a" } else { "b" };
        assert_eq!(lines[i], format!("team,{v},,{dim},,,,,,,,,,true"));
    }
    // Shown: X has 6 scored; A 53.125 (pinned in score_arithmetic.rs).
    assert!(
        lines[3].starts_with("team,X,6,a,6,53.1250,"),
        "{}",
        lines[3]
    );
}

#[test]
fn table_shows_suppressed_groups_as_suppressed() {
    let r = score_small(SMALL, &["--format", "table"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let t = &r.stdout;
    assert!(
        t.contains("Overall 59.7 (Mid); 12 of 15 rows scored"),
        "{t}"
    );
    assert!(t.contains("By team (scores 0-100)\n"), "{t}");
    assert!(
        t.contains("* Groups and cells with fewer than 3 respondents are never shown, and further cells are hidden"),
        "{t}"
    );
    let group_lines: Vec<&str> = t
        .lines()
        .skip_while(|l| !l.starts_with("By team"))
        .skip(2)
        .take(3)
        .collect();
    // X: 6 scored, A 53.125 -> 53.1, B 41.0, overall (2*53.125 + 41) / 3 =
    // 49.083 -> 49.1 (values pinned in score_arithmetic.rs).
    assert_eq!(
        group_lines[0],
        "X          6        53.1        41.0     49.1"
    );
    for (line, v) in group_lines[1..].iter().zip(["Y", "Z"]) {
        assert!(
            line.starts_with(&format!("{v}          —  hidden for privacy *")),
            "{line}"
        );
        // No number at all on a hidden group's line: not even its size.
        assert!(!line.chars().any(|c| c.is_ascii_digit()), "{line}");
    }
}

#[test]
fn table_lists_data_quality() {
    let r = score_small(UNREADABLE, &["--format", "table"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let t = &r.stdout;
    assert!(t.contains("  rows read 4, scored 4, excluded 0\n"), "{t}");
    assert!(
        t.contains("  file: plain CSV, 1 header row, detected; UTF-8, comma-separated\n"),
        "{t}"
    );
    assert!(
        t.contains("  tests/fixtures/input/unreadable.csv: row 4, column \"b1\": \"maybe\" is neither a number on the scale 1..5 nor one of its labels; counted as not answered\n"),
        "{t}"
    );
    // The table carries the issues itself: no separate warning on stderr.
    assert!(!r.stderr.contains("warning:"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------
// --group-by.

#[test]
fn group_by_replaces_the_rubrics_group_columns() {
    // two-breakdowns.csv: team X = site North = ids 1-3, Y = South = 4-6.
    // By hand: ids 1-3 as BASE r1-r3: A 81.25, 6.25, 81.25 -> 56.25;
    // B 87.5, 37.5, 25 -> 50. id 4: A 50, B 90; id 5 (all 2s): A = (2*25 +
    // 25 + 75) / 4 = 37.5, B = (25 + 20) / 2 = 22.5; id 6 (all 4s): A =
    // (2*75 + 75 + 25) / 4 = 62.5, B = (75 + 40) / 2 = 57.5. South A =
    // 150 / 3 = 50, B = 170 / 3.
    let file = "tests/fixtures/input/two-breakdowns.csv";
    let by_rubric = json_of(&score_small(file, &["--format", "json"]));
    assert_eq!(
        by_rubric["input"]["group_columns"],
        serde_json::json!(["team"])
    );
    assert_eq!(
        by_rubric["input"]["ignored_columns"],
        serde_json::json!(["site"])
    );
    let by_site = json_of(&score_small(
        file,
        &["--group-by", "site", "--format", "json"],
    ));
    assert_eq!(
        by_site["input"]["group_columns"],
        serde_json::json!(["site"])
    );
    assert_eq!(
        by_site["input"]["ignored_columns"],
        serde_json::json!(["team"])
    );
    let groups = by_site["groups"].as_array().unwrap();
    let names: Vec<(&str, &str)> = groups
        .iter()
        .map(|g| (g["column"].as_str().unwrap(), g["value"].as_str().unwrap()))
        .collect();
    assert_eq!(names, [("site", "North"), ("site", "South")]);
    close(&groups[0]["dimensions"][0]["score"], 56.25);
    close(&groups[0]["dimensions"][1]["score"], 50.0);
    close(&groups[1]["dimensions"][0]["score"], 50.0);
    close(&groups[1]["dimensions"][1]["score"], 170.0 / 3.0);
    assert_eq!(groups[1]["n"], 3);
    // Same people in the same groups: the same numbers under other names.
    for (s, t) in groups.iter().zip(by_rubric["groups"].as_array().unwrap()) {
        assert_eq!(s["dimensions"], t["dimensions"]);
    }
}

#[test]
fn group_by_team_replaces_team_and_role_of_the_builtin_rubric() {
    let default = json_of(&run(&["score", ACME, "--format", "json"]));
    assert_eq!(
        default["input"]["group_columns"],
        serde_json::json!(["team", "role"])
    );
    let by_team = json_of(&run(&[
        "score",
        ACME,
        "--group-by",
        "team",
        "--format",
        "json",
    ]));
    assert_eq!(
        by_team["input"]["group_columns"],
        serde_json::json!(["team"])
    );
    assert_eq!(
        by_team["input"]["ignored_columns"],
        serde_json::json!(["role"])
    );
    let groups = by_team["groups"].as_array().unwrap();
    assert!(groups.iter().all(|g| g["column"] == "team"));
    // The team breakdown is the same with or without the role breakdown.
    let default_teams: Vec<&Value> = default["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["column"] == "team")
        .collect();
    assert_eq!(groups.iter().collect::<Vec<_>>(), default_teams);
    assert_eq!(by_team["overall"], default["overall"]);
    // The generator makes security smaller than the threshold of 5.
    let security = groups.iter().find(|g| g["value"] == "Security").unwrap();
    assert_eq!(security["suppressed"], true);
    assert_eq!(security["n"], Value::Null);
}

// ---------------------------------------------------------------------------
// The two example layouts, and determinism.

#[test]
fn the_two_example_layouts_score_the_same() {
    let plain = json_of(&run(&["score", ACME, "--format", "json"]));
    let forms = json_of(&run(&["score", ACME_FORMS, "--format", "json"]));
    for k in ["overall", "dimensions", "groups", "respondents"] {
        assert_eq!(plain[k], forms[k], "`{k}` differs");
    }
    // 221 data rows, the last one blank; 220 scored.
    assert_eq!(plain["respondents"]["read"], 221);
    assert_eq!(plain["respondents"]["scored"], 220);
    assert_eq!(
        forms["input"]["ignored_columns"],
        serde_json::json!(["Timestamp"])
    );
    assert_eq!(plain["input"]["ignored_columns"], serde_json::json!([]));
    // The same unreadable cells, found in the same rows.
    let rows = |d: &Value| -> Vec<Value> {
        d["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["row"].clone())
            .collect()
    };
    assert_eq!(rows(&plain), rows(&forms));
}

#[test]
fn the_same_command_twice_gives_the_same_bytes() {
    for format in ["json", "csv", "table"] {
        for file in [ACME, ACME_FORMS] {
            let first = run(&["score", file, "--format", format]);
            let second = run(&["score", file, "--format", format]);
            assert_eq!(first.code, Some(0), "{}", first.stderr);
            assert!(!first.stdout.is_empty());
            assert_eq!(first.stdout, second.stdout, "{file} --format {format}");
            assert_eq!(first.stderr, second.stderr, "{file} --format {format}");
        }
    }
}

#[test]
fn a_long_breakdown_name_keeps_the_table_aligned() {
    // The group column's name is cut to the first column's width (28), so
    // that the header's "n" stands over the rows' counts.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.csv");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ACME)).unwrap();
    let name = "Which team are you on right now";
    std::fs::write(&path, text.replacen(",team,", &format!(",{name},"), 1)).unwrap();
    let r = run(&[
        "score",
        path.to_str().unwrap(),
        "--group-by",
        name,
        "--format",
        "table",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("By {name}")))
        .unwrap();
    let (head, row) = (lines[at + 1], lines[at + 2]);
    assert!(head.starts_with("Which team are you on right… "), "{head}");
    // The end of "n" in the header and of the count in the first row.
    let end = |l: &str, pat: &str| l.find(pat).map(|i| l[..i + pat.len()].chars().count());
    let count = row
        .split_whitespace()
        .find(|w| w.parse::<u64>().is_ok())
        .unwrap();
    assert_eq!(
        end(head, " n"),
        end(row, &format!(" {count}")),
        "{head}\n{row}"
    );
}

/// Group names that look like spreadsheet formulas are written as text in
/// `--format csv` (OWASP's CSV-injection rule): a leading `'`, so that Excel
/// shows `=HYPERLINK(…)` instead of running it.
#[test]
fn csv_output_never_starts_a_cell_like_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("formulas.csv");
    let mut text = String::from("respondent_id,team,role,prompting.prompts_in_version_control\n");
    for (i, team) in ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(A1)"]
        .iter()
        .enumerate()
    {
        for j in 0..5 {
            // Quoted: the team cells contain commas and quotes.
            let team = team.replace('"', "\"\"");
            text.push_str(&format!("r{i}{j},\"{team}\",Eng,4\n"));
        }
    }
    std::fs::write(&file, text).unwrap();
    let r = run(&["score", file.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let mut rows = csv::Reader::from_reader(r.stdout.as_bytes());
    let mut teams = 0;
    for row in rows.records() {
        let row = row.unwrap();
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} in {row:?}"
            );
        }
        teams += usize::from(row[1].starts_with('\''));
    }
    assert!(teams >= 3, "{}", r.stdout);
}

/// Team names with terminal escapes, a right-to-left override or a line
/// break are shown escaped in `--format table`: no raw control character
/// reaches the terminal and every team stays on one line.
#[test]
fn table_output_shows_control_and_bidi_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("names.csv");
    let mut text = String::from("respondent_id,team,role,prompting.prompts_in_version_control\n");
    let teams = ["Ops\u{1b}]0;owned\u{7}", "Fin\u{202e}05.0", "Two\nLines"];
    for (i, team) in teams.iter().enumerate() {
        for j in 0..5 {
            text.push_str(&format!("r{i}{j},\"{team}\",Eng,4\n"));
        }
    }
    std::fs::write(&file, text).unwrap();
    let r = run(&["score", file.to_str().unwrap(), "--format", "table"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let t = &r.stdout;
    assert!(
        !t.chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'),
        "{t:?}"
    );
    for shown in [
        "Ops\\u{1b}]0;owned\\u{7}",
        "Fin\\u{202e}05.0",
        "Two\\nLines",
    ] {
        assert_eq!(
            t.lines().filter(|l| l.starts_with(shown)).count(),
            1,
            "{shown} in\n{t}"
        );
    }
}

/// A name with a zero-width space is the same team; a cell of only a
/// no-break space was left empty; and a team really named "(not given)" is
/// not merged with the empty cells.
#[test]
fn group_names_that_look_alike_or_empty_are_read_as_people_see_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("names.csv");
    let mut text = String::from("respondent_id,team,role,prompting.prompts_in_version_control\n");
    for i in 0..5 {
        text.push_str(&format!("a{i},Sec,x,4\nb{i},Sec\u{200b},x,4\n"));
        text.push_str(&format!(
            "c{i},(not given),x,4\nd{i},,x,4\ne{i},\u{a0},x,4\n"
        ));
    }
    std::fs::write(&file, text).unwrap();
    let r = run(&["score", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    let mut teams: Vec<(String, u64)> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["column"] == "team")
        .map(|g| {
            (
                g["value"].as_str().unwrap().to_string(),
                g["n"].as_u64().unwrap(),
            )
        })
        .collect();
    teams.sort();
    assert_eq!(
        teams,
        [
            ("(not given)".to_string(), 5),
            ("(not given)".to_string(), 10),
            ("Sec".to_string(), 10)
        ]
    );
}

/// A 5 KB workbook with one cell at XFD1048576, the last cell of a sheet,
/// aborted with "memory allocation of 549755813888 bytes failed": the sheet
/// reader allocated the whole grid. Cells are now read one by one.
#[test]
fn a_workbook_with_a_far_away_cell_is_read_without_allocating_its_grid() {
    let r = run(&[
        "score",
        "--rubric",
        RUBRIC_2026,
        "tests/fixtures/xlsx/far-cell.xlsx",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["respondents"]["scored"], 6);
    // Every row down to 1,048,576 is accounted for: the header, six
    // answers, blank rows, and the row of the far cell.
    assert_eq!(doc["respondents"]["read"], 1_048_575);
}
