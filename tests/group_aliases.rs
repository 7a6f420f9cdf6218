//! Issue 20: group aliases. "Eng", "Engineering", "engineering " and
//! "engineering team" are one team when an alias says so (in the rubric, a
//! workspace manifest or an aliases file), counted merged before privacy
//! rules, in every output; without an alias, names that look like one team
//! are reported, and `--strict` fails on them.
//!
//! The fixture survey (tests/fixtures/aliases/survey.csv) has 19 rows:
//! Eng 3, Engineering 3, "engineering " 1, "engineering team" 1, Sales 6,
//! Support 5. Merged, Engineering has 8.

use assert_cmd::Command;
use serde_json::Value;

const SURVEY: &str = "tests/fixtures/aliases/survey.csv";
const WITH_ALIASES: &str = "tests/fixtures/aliases/rubric.toml";
const WITHOUT: &str = "tests/fixtures/report/rubric.toml";
const FILE: &str = "tests/fixtures/aliases/aliases.csv";

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("mlbizops")
        .expect("built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

fn score_json(args: &[&str]) -> Value {
    let mut all = vec!["score", SURVEY, "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    assert_eq!(code, Some(0), "{err}");
    serde_json::from_str(&out).expect("JSON")
}

/// (value, n) of every team group.
fn teams(v: &Value) -> Vec<(String, Option<u64>)> {
    v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter(|g| g["column"] == "team")
        .map(|g| (g["value"].as_str().unwrap().to_string(), g["n"].as_u64()))
        .collect()
}

fn merged() -> Vec<(String, Option<u64>)> {
    vec![
        ("Engineering".into(), Some(8)),
        ("Sales".into(), Some(6)),
        ("Support".into(), Some(5)),
    ]
}

#[test]
fn the_rubrics_aliases_make_one_team_in_every_output() {
    let v = score_json(&["--rubric", WITH_ALIASES]);
    assert_eq!(teams(&v), merged());
    assert_eq!(
        v["input"]["merged_groups"][0]["spellings"],
        serde_json::json!(["Eng", "engineering team"])
    );
    // No near-duplicate warning is left: the alias covers them.
    assert!(!v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "similar_groups"));

    let (code, csv, err) = run(&["score", SURVEY, "--rubric", WITH_ALIASES, "--format", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(csv.contains("Engineering"));
    assert!(
        !csv.contains("Eng,") && !csv.contains("engineering team"),
        "{csv}"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let (code, _, err) = run(&[
        "report",
        SURVEY,
        "--rubric",
        WITH_ALIASES,
        "--format",
        "json,md",
        "--out",
        out,
    ]);
    assert_eq!(code, Some(0), "{err}");
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(
        md.contains(
            "team “Engineering” also counts the spellings “Eng”, “engineering team” (aliases)."
        ),
        "{md}"
    );
    // The report's own team breakdown: one Engineering of 8, no other
    // spelling as a group.
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    let rows: Vec<(String, Option<u64>)> = json["breakdowns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["column"] == "team")
        .flat_map(|b| b["groups"].as_array().unwrap().iter())
        .map(|g| (g["value"].as_str().unwrap().to_string(), g["n"].as_u64()))
        .collect();
    assert_eq!(rows, merged());
}

#[test]
fn an_aliases_file_does_what_the_rubric_does() {
    let from_file = score_json(&["--rubric", WITHOUT, "--aliases", FILE]);
    let from_rubric = score_json(&["--rubric", WITH_ALIASES]);
    assert_eq!(teams(&from_file), merged());
    assert_eq!(from_file["groups"], from_rubric["groups"]);
    assert_eq!(from_file["dimensions"], from_rubric["dimensions"]);
}

#[test]
fn without_an_alias_the_spellings_split_the_team_and_are_reported() {
    let v = score_json(&["--rubric", WITHOUT]);
    let names: Vec<String> = teams(&v).into_iter().map(|(t, _)| t).collect();
    // "engineering " is the same name as "Engineering" once spaces and
    // case are set aside; the others are not.
    assert_eq!(
        names,
        ["Eng", "Engineering", "Sales", "Support", "engineering team"]
    );
    let similar: Vec<(String, String)> = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "similar_groups")
        .map(|i| {
            (
                i["a"].as_str().unwrap().to_string(),
                i["b"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        similar,
        [
            ("Eng".to_string(), "Engineering".to_string()),
            ("Eng".to_string(), "engineering team".to_string()),
            ("Engineering".to_string(), "engineering team".to_string()),
        ]
    );
    let (code, _, err) = run(&["score", SURVEY, "--rubric", WITHOUT, "--strict"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("\"Eng\" and \"Engineering\" may be one group"),
        "{err}"
    );
}

#[test]
fn listed_choices_are_known_to_be_different_teams() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = std::fs::read_to_string(WITHOUT).unwrap().replace(
        "groups = [\"team\"]",
        "groups = [\"team\"]\n\n[respondents.choices]\nteam = [\"Eng\", \"Engineering\", \"engineering team\", \"Sales\", \"Support\"]",
    );
    let rubric = rubric.replace(
        "bibliography = \"papers.toml\"",
        "bibliography = \"PAPERS\"",
    );
    let papers =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/papers.toml");
    let rubric = rubric.replace("PAPERS", papers.to_str().unwrap());
    let path = dir.path().join("rubric.toml");
    std::fs::write(&path, rubric).unwrap();
    let v = score_json(&["--rubric", path.to_str().unwrap()]);
    assert!(!v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "similar_groups"));
}

#[test]
fn a_spelling_given_two_groups_is_an_error_naming_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("aliases.csv");
    std::fs::write(&file, "column,spelling,group\nteam,Eng,Sales\n").unwrap();
    let (code, _, err) = run(&[
        "score",
        SURVEY,
        "--rubric",
        WITH_ALIASES,
        "--aliases",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("\"Eng\" in column \"team\""), "{err}");
    assert!(err.contains("rubric") && err.contains("row 2"), "{err}");

    std::fs::write(&file, "column,spelling,group\ntem,Eng,Engineering\n").unwrap();
    let (code, _, err) = run(&[
        "score",
        SURVEY,
        "--rubric",
        WITHOUT,
        "--aliases",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("did you mean \"team\"?"), "{err}");

    std::fs::write(&file, "team,from,to\n").unwrap();
    let (code, _, err) = run(&[
        "score",
        SURVEY,
        "--rubric",
        WITHOUT,
        "--aliases",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("`column`, `spelling` and `group`"), "{err}");
}

#[test]
fn check_rejects_aliases_of_a_column_that_is_not_a_group() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(WITH_ALIASES)
        .unwrap()
        .replace("[respondents.aliases.team]", "[respondents.aliases.teem]")
        .replace("../report/papers.toml", "PAPERS");
    let papers =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/papers.toml");
    let text = text.replace("PAPERS", papers.to_str().unwrap());
    let path = dir.path().join("rubric.toml");
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = run(&["check", path.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("aliases for `teem`, which is not a group column"),
        "{err}"
    );
    assert!(err.contains("did you mean `team`?"), "{err}");
}

#[test]
fn a_workspace_manifest_gives_aliases_for_every_wave() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join(SURVEY), dir.path().join("q1.csv")).unwrap();
    std::fs::copy(root.join(SURVEY), dir.path().join("q2.csv")).unwrap();
    std::fs::copy(root.join(WITHOUT), dir.path().join("rubric.toml")).unwrap();
    std::fs::copy(
        root.join("tests/fixtures/report/papers.toml"),
        dir.path().join("papers.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("mlbizops.toml"),
        "[assessment]\nrubric = \"rubric.toml\"\n\n[[wave]]\nlabel = \"2026-Q1\"\nresponses = \"q1.csv\"\n\n[[wave]]\nlabel = \"2026-Q2\"\nresponses = \"q2.csv\"\n\n[aliases.team]\nEngineering = [\"Eng\", \"engineering team\"]\n",
    )
    .unwrap();
    let ws = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["score", ws, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(teams(&v), merged());

    // The same from a file the manifest names.
    std::fs::copy(root.join(FILE), dir.path().join("aliases.csv")).unwrap();
    std::fs::write(
        dir.path().join("mlbizops.toml"),
        "[assessment]\nrubric = \"rubric.toml\"\naliases_file = \"aliases.csv\"\n\n[[wave]]\nlabel = \"2026-Q1\"\nresponses = \"q1.csv\"\n\n[[wave]]\nlabel = \"2026-Q2\"\nresponses = \"q2.csv\"\n",
    )
    .unwrap();
    let (code, out, err) = run(&["score", ws, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(teams(&v), merged());
    let (code, _, err) = run(&["report", ws, "--format", "md", "--out", ws]);
    assert_eq!(code, Some(0), "{err}");
}
