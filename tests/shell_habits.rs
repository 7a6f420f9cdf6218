//! Issue 20: the habits of the people who run the survey. `-` reads
//! standard input; `--strict` fails on every problem a run reports;
//! did-you-mean for mistyped headers, `--group-by` columns, manifest keys
//! and values, and `--wave` labels; `papers` lists the bibliography;
//! completions and man pages come from the clap definitions.
//!
//! Commands run from the crate root with relative paths, so the file names
//! in messages are the ones written here.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const RUBRIC: &str = "tests/fixtures/score/small-rubric.toml";
const SMALL: &str = "tests/fixtures/score/small.csv";
const ACME: &str = "examples/acme-2026-q3.csv";

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
}

fn run_with(args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    let mut cmd = Command::cargo_bin("mlbizops").expect("the mlbizops binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes);
    }
    let out = cmd.output().expect("mlbizops runs");
    let r = Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !r.stderr.contains("panicked"),
        "mlbizops {args:?} panicked:\n{}",
        r.stderr
    );
    r
}

fn run(args: &[&str]) -> Run {
    run_with(args, None)
}

fn json(r: &Run) -> Value {
    serde_json::from_slice(&r.stdout).expect("the output is JSON")
}

/// The JSON document with `input.file` taken out: everything else must be
/// the same for a file and for standard input.
fn without_file(mut v: Value) -> Value {
    v["input"]
        .as_object_mut()
        .expect("input")
        .remove("file")
        .expect("input.file");
    v
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn issues_of_kind(v: &Value, kind: &str) -> Vec<Value> {
    v["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .filter(|i| i["kind"] == kind)
        .cloned()
        .collect()
}

// Standard input.

#[test]
fn a_pipe_scores_like_the_file_except_for_the_file_name() {
    let bytes = std::fs::read(ACME).unwrap();
    let file = run(&["score", ACME, "--format", "json"]);
    let piped = run_with(&["score", "-", "--format", "json"], Some(bytes));
    assert_eq!(file.code, Some(0), "{}", file.stderr);
    assert_eq!(piped.code, Some(0), "{}", piped.stderr);
    // Byte for byte, but for the one line that names the input.
    let name = format!("\"file\": \"{ACME}\",");
    let file_text = file.out().replace(&name, "\"file\": \"-\",");
    assert_eq!(file_text, piped.out());
    assert_eq!(json(&piped)["input"]["file"], "-");
    assert_eq!(without_file(json(&file)), without_file(json(&piped)));
}

#[test]
fn a_pipe_with_repeated_ids_is_read_twice_like_a_file() {
    // Repeated ids make scoring read the input a second time (the later
    // answer replaces the earlier): a pipe is copied, so this works too.
    let tmp = tempfile::tempdir().unwrap();
    let text = "id,team,a1,a2,a3,b1,b2\n\
                1,X,5,4,1,4,10\n2,X,4,4,2,3,7\n3,X,2,3,4,2,5\n\
                1,X,1,1,5,1,0\n4,X,3,2,3,2,4\n";
    let path = write(tmp.path(), "repeated.csv", text);
    let file = run(&["score", &path, "--rubric", RUBRIC, "--format", "json"]);
    let piped = run_with(
        &["score", "-", "--rubric", RUBRIC, "--format", "json"],
        Some(text.as_bytes().to_vec()),
    );
    assert_eq!(file.code, Some(0), "{}", file.stderr);
    assert_eq!(piped.code, Some(0), "{}", piped.stderr);
    let (f, p) = (json(&file), json(&piped));
    assert_eq!(
        p["respondents"]["excluded_by_reason"]
            ["duplicate respondent id (the later answer is used)"],
        1
    );
    assert_eq!(without_file(f), without_file(p));
}

#[test]
fn a_piped_workbook_is_read_like_the_file() {
    // Layout and encoding are told from the first bytes, as for a file:
    // here a zip archive, an Excel workbook.
    let tmp = tempfile::tempdir().unwrap();
    let csv = std::fs::read_to_string(SMALL).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let path = tmp.path().join("small.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.display().to_string();
    let file = run(&["score", &path, "--rubric", RUBRIC, "--format", "json"]);
    let piped = run_with(
        &["score", "-", "--rubric", RUBRIC, "--format", "json"],
        Some(bytes),
    );
    assert_eq!(file.code, Some(0), "{}", file.stderr);
    assert_eq!(piped.code, Some(0), "{}", piped.stderr);
    assert_eq!(
        json(&piped)["input"]["encoding"],
        "Excel workbook, first sheet"
    );
    assert_eq!(without_file(json(&file)), without_file(json(&piped)));
}

#[test]
fn empty_standard_input_is_an_error_that_says_so() {
    let r = run_with(&["score", "-", "--format", "json"], Some(Vec::new()));
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stderr, "error: standard input is empty\n");
}

#[test]
fn a_report_reads_standard_input_and_is_labelled_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let out = out.to_str().unwrap();
    let r = run_with(
        &["report", "-", "--format", "json", "--out", out],
        Some(std::fs::read(ACME).unwrap()),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let report: Value =
        serde_json::from_slice(&std::fs::read(Path::new(out).join("report.json")).unwrap())
            .unwrap();
    assert!(
        report.to_string().contains("\"standard input\""),
        "the default label names standard input"
    );
}

// --strict.

#[test]
fn strict_fails_on_a_missing_group_column() {
    // The small rubric breaks results down by `team`; this file has none.
    let tmp = tempfile::tempdir().unwrap();
    let path = write(
        tmp.path(),
        "no-team.csv",
        "id,a1,a2,a3,b1,b2\n1,5,4,1,4,10\n2,4,4,2,3,7\n3,2,3,4,2,5\n",
    );
    let lax = run(&["score", &path, "--rubric", RUBRIC, "--format", "json"]);
    assert_eq!(lax.code, Some(0), "{}", lax.stderr);
    assert_eq!(issues_of_kind(&json(&lax), "missing_group_column").len(), 1);
    let strict = run(&[
        "score", &path, "--rubric", RUBRIC, "--format", "json", "--strict",
    ]);
    assert_eq!(strict.code, Some(1));
    assert!(strict.stdout.is_empty());
    // (A note about the rubric's own warnings may come first.)
    let want = format!(
        "error: --strict: 1 problem in {path}\n  {path}: no group column \"team\"; results are not broken down by it\n"
    );
    assert!(strict.stderr.ends_with(&want), "{}", strict.stderr);
    // `report` applies the same rule.
    let out = tmp.path().join("out");
    let strict = run(&[
        "report",
        &path,
        "--rubric",
        RUBRIC,
        "--strict",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(strict.code, Some(1));
    assert!(strict.stderr.contains("no group column \"team\""));
    assert!(!out.join("report.json").exists());
}

#[test]
fn strict_fails_on_a_column_that_looks_like_a_mistyped_question() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write(
        tmp.path(),
        "typo.csv",
        "id,team,a1,We do the secnd thing.,a2,a3,b1,b2\n\
         1,X,5,,4,1,4,10\n2,X,4,,4,2,3,7\n3,X,2,,3,4,2,5\n",
    );
    let strict = run(&[
        "score", &path, "--rubric", RUBRIC, "--format", "json", "--strict",
    ]);
    assert_eq!(strict.code, Some(1));
    assert!(
        strict.stderr.contains(
            "column \"We do the secnd thing.\" matches no question and is not read; did you mean question `a2`?"
        ),
        "{}",
        strict.stderr
    );
}

// Did you mean.

#[test]
fn a_header_close_to_a_question_is_reported_never_read() {
    // `a2`'s text mistyped, and columns that are close to nothing.
    let tmp = tempfile::tempdir().unwrap();
    let path = write(
        tmp.path(),
        "typo.csv",
        "Timestamp,Email,id,team,a1,We do the secnd thing.,a3,b1,b2\n\
         2026-01-01,x@example.com,1,X,5,4,1,4,10\n\
         2026-01-01,y@example.com,2,X,4,4,2,3,7\n\
         2026-01-01,z@example.com,3,X,2,3,4,2,5\n",
    );
    let r = run(&["score", &path, "--rubric", RUBRIC, "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v = json(&r);
    assert_eq!(
        issues_of_kind(&v, "unmatched_column"),
        vec![serde_json::json!({
            "kind": "unmatched_column",
            "column": "We do the secnd thing.",
            "did_you_mean": "a2"
        })]
    );
    // Not read as a2 on a guess: a2 has no column.
    let missing = issues_of_kind(&v, "missing_column");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["question"], "a2");
    assert_eq!(
        v["input"]["ignored_columns"],
        serde_json::json!(["Timestamp", "Email", "We do the secnd thing."])
    );
    // The table says it in words.
    let table = run(&["score", &path, "--rubric", RUBRIC, "--format", "table"]);
    assert!(table.out().contains(
        "column \"We do the secnd thing.\" matches no question and is not read; did you mean question `a2`?"
    ));
}

#[test]
fn a_mistyped_question_id_header_names_the_question() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(ACME).unwrap().replacen(
        "prompting.second_person_review",
        "prompting.second_persn_review",
        1,
    );
    let path = write(tmp.path(), "acme.csv", &text);
    let r = run(&["score", &path, "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let found = issues_of_kind(&json(&r), "unmatched_column");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["column"], "prompting.second_persn_review");
    assert_eq!(found[0]["did_you_mean"], "prompting.second_person_review");
}

#[test]
fn a_mistyped_group_by_column_suggests_the_close_one() {
    let r = run(&["score", SMALL, "--rubric", RUBRIC, "--group-by", "taem"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains(&format!(
            "error: {SMALL}: group column \"taem\" is not in the file; did you mean \"team\"? (columns found: "
        )),
        "{}",
        r.stderr
    );
    // Nothing close: no guess.
    let r = run(&["score", SMALL, "--rubric", RUBRIC, "--group-by", "region"]);
    assert_eq!(r.code, Some(1));
    assert!(!r.stderr.contains("did you mean"), "{}", r.stderr);
}

#[test]
fn a_rubric_group_column_spelled_differently_is_named() {
    // The rubric breaks down by `team`; the file calls it `teams`.
    let tmp = tempfile::tempdir().unwrap();
    let path = write(
        tmp.path(),
        "teams.csv",
        "id,teams,a1,a2,a3,b1,b2\n1,X,5,4,1,4,10\n2,X,4,4,2,3,7\n3,X,2,3,4,2,5\n",
    );
    let r = run(&["score", &path, "--rubric", RUBRIC, "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        issues_of_kind(&json(&r), "missing_group_column"),
        vec![serde_json::json!({
            "kind": "missing_group_column",
            "column": "team",
            "did_you_mean": "teams"
        })]
    );
    let table = run(&["score", &path, "--rubric", RUBRIC, "--format", "table"]);
    assert!(table
        .out()
        .contains("no group column \"team\" (did you mean \"teams\"?)"));
}

/// A copy of the test workspace whose manifest is `manifest`.
fn workspace(manifest: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for f in ["rubric-2025.toml", "rubric-2026.toml", "w1.csv", "w2.csv"] {
        std::fs::copy(
            Path::new("tests/fixtures/workspace").join(f),
            tmp.path().join(f),
        )
        .unwrap();
    }
    std::fs::write(tmp.path().join("mlbizops.toml"), manifest).unwrap();
    tmp
}

const MANIFEST: &str = "[assessment]\norganization = \"Test Org\"\n\n\
    [[wave]]\nlabel = \"2025-Q4\"\nresponses = \"w1.csv\"\nrubric = \"rubric-2025.toml\"\n\n\
    [[wave]]\nlabel = \"2026-Q1\"\nresponses = \"w2.csv\"\nrubric = \"rubric-2026.toml\"\n";

#[test]
fn a_wave_label_typed_in_another_case_is_suggested() {
    let ws = workspace(MANIFEST);
    let dir = ws.path().to_str().unwrap();
    let r = run(&["score", dir, "--wave", "2026-q1", "--format", "json"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.starts_with(
            "error: no wave labelled \"2026-q1\"; did you mean \"2026-Q1\"? (waves: 2025-Q4, 2026-Q1)"
        ),
        "{}",
        r.stderr
    );
    // Equally close to two labels: no guess.
    let r = run(&["score", dir, "--wave", "2026-Q4", "--format", "json"]);
    assert_eq!(r.code, Some(2));
    assert!(!r.stderr.contains("did you mean"), "{}", r.stderr);
}

#[test]
fn manifest_keys_and_input_formats_get_suggestions() {
    let ws = workspace(
        &MANIFEST
            .replacen("label = \"2025-Q4\"", "lable = \"2025-Q4\"", 1)
            .replacen(
                "rubric = \"rubric-2026.toml\"\n",
                "rubric = \"rubric-2026.toml\"\ninput_format = \"qualtircs\"\n",
                1,
            ),
    );
    let r = run(&["score", ws.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("did you mean `label`?"), "{}", r.stderr);
    assert!(
        r.stderr.contains("ms-forms; did you mean \"qualtrics\"?"),
        "{}",
        r.stderr
    );
}

// papers, completions, man.

#[test]
fn papers_lists_the_built_in_bibliography_sorted_by_key() {
    let r = run(&["papers"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let out = r.out();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 10);
    let keys: Vec<&str> = lines[..lines.len() - 1]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted);
    assert!(out.contains("gebru2021datasheets"));
    assert_eq!(
        lines.last().unwrap(),
        &format!("{} papers from rubrics/papers.toml (built in)", keys.len())
    );
    assert_eq!(run(&["papers"]).stdout, r.stdout, "deterministic");
}

#[test]
fn papers_lists_a_rubrics_own_bibliography() {
    let r = run(&["papers", "--rubric", "tests/fixtures/report/rubric.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.out(),
        "fixture2001a  2001  A First Fixture Paper on Alpha Routines. Fixture Proceedings.\n\
         fixture2002b  2002  A Second Fixture Paper on Pairing. Journal of Fixtures.\n\
         fixture2003c  2003  A Third Fixture Paper on Teaching. Fixture Workshop.\n\
         fixture2004d  2004  A Fourth Fixture Paper Only an Unmeasured Dimension Cites. Fixture Letters.\n\
         4 papers from tests/fixtures/report/papers.toml\n"
    );
}

#[test]
fn completions_are_generated_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, Some(0), "{shell}: {}", r.stderr);
        let out = r.out();
        for sub in ["score", "report", "survey", "papers", "group-by"] {
            assert!(out.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    let r = run(&["completions", "tcsh"]);
    assert_eq!(r.code, Some(2));
}

#[test]
fn man_pages_are_generated_from_the_same_definitions() {
    let r = run(&["man"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let page = r.out();
    assert!(page.starts_with(".ie"), "roff");
    assert!(page.contains(".TH mlbizops 1"));
    for sub in ["score", "report", "survey", "check", "init", "papers"] {
        assert!(page.contains(sub), "the page lacks {sub}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let r = run(&["man", "--out", tmp.path().to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let score = std::fs::read_to_string(tmp.path().join("mlbizops-score.1")).unwrap();
    assert!(score.contains("\\-\\-strict"), "{score}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("mlbizops.1")).unwrap(),
        page,
        "the page printed is the one written"
    );
}
