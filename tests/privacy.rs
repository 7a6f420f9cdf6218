//! Disclosure control: no group under the privacy threshold k can be worked
//! out, even by someone who combines every published output and knows their
//! own answers. Each attack below writes its survey to a temporary folder,
//! runs the binary, and checks the published figures with the independent
//! checker in `tests/common/disclosure.rs` (the rank test of the design note
//! ../shared/PRIVACY-AUDIT.md) or with a direct comparison.
//!
//! Several of these fail with the single-table rule (hide n < k, and the
//! next-smallest group when exactly one is hidden): see each test.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::disclosure::{self, Person, Population};
use common::survey::{fixture_rubric_path, Survey};
use serde_json::{json, Value};

fn mlbizops() -> Command {
    let mut c = Command::cargo_bin("mlbizops").expect("the mlbizops binary is built");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Runs `score ARGS --format json` and parses its output.
fn score_json(args: &[&str]) -> Value {
    let out = mlbizops()
        .arg("score")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "score {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("score --format json prints JSON")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A varied but deterministic answer 1..5 for row `i`, question `q`.
fn answer(i: usize, q: usize) -> String {
    (1 + (i * 7 + q * 3 + i / 3) % 5).to_string()
}

/// `n` answers for row `i`, every question answered.
fn full(i: usize, n: usize) -> Vec<String> {
    (0..n).map(|q| answer(i, q)).collect()
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn assert_no_leak(pop: &Population, docs: &[&Value]) {
    let leaks = disclosure::leaks(pop, docs);
    assert!(
        leaks.is_empty(),
        "small groups can be worked out from the published figures:\n  {}",
        leaks.join("\n  ")
    );
}

// ---------------------------------------------------------------------------
// The checker itself, on hand-written outputs (these pass on any code).

/// (team, dept, people): team Sec (3) and team Big (7) make up dept D1;
/// team Ops (5) and Dev (9) make up D2.
const LINKED: [(&str, &str, usize); 4] = [
    ("Sec", "D1", 3),
    ("Big", "D1", 7),
    ("Ops", "D2", 5),
    ("Dev", "D2", 9),
];

/// Team Sec (3) and team Big (7) make up dept D1; team Ops (5) and Dev (9)
/// make up D2.
fn linked_population() -> Population {
    let mut people = Vec::new();
    for (team, dept, n) in LINKED {
        for _ in 0..n {
            people.push(Person {
                groups: vec![team.into(), dept.into()],
                scored: vec!["a".into()],
                answered: Vec::new(),
                comment: None,
            });
        }
    }
    Population {
        columns: vec!["team".into(), "dept".into()],
        people,
        k: 5,
        comment_k: 5,
        outcome_items: Vec::new(),
    }
}

fn group(column: &str, value: &str, n: Option<u64>) -> Value {
    json!({"column": column, "value": value, "n": n,
           "dimensions": [{"id": "a", "n": n, "score": n.map(|_| 50.0)}]})
}

#[test]
fn the_checker_finds_a_hidden_team_that_two_shown_groups_reveal() {
    let pop = linked_population();
    // Today's rule: Sec and the next-smallest team (Ops) hidden, both
    // departments shown.
    let doc = json!({
        "dimensions": [{"id": "a", "n": 24, "score": 50.0}],
        "groups": [
            group("team", "Big", Some(7)), group("team", "Dev", Some(9)),
            group("team", "Ops", None), group("team", "Sec", None),
            group("dept", "D1", Some(10)), group("dept", "D2", Some(14)),
        ],
    });
    let leaks = disclosure::leaks(&pop, &[&doc]);
    assert!(
        leaks
            .iter()
            .any(|l| l.starts_with("team=Sec (n=3) = dept=D1 − team=Big in layer respondents")),
        "{leaks:#?}"
    );
    assert!(
        leaks.iter().any(|l| l.contains("layer dimension a")),
        "{leaks:#?}"
    );
    // Hiding D1 and D2 as well leaves nothing to subtract.
    let doc = json!({
        "dimensions": [{"id": "a", "n": 24, "score": 50.0}],
        "groups": [
            group("team", "Big", Some(7)), group("team", "Dev", Some(9)),
            group("team", "Ops", None), group("team", "Sec", None),
            group("dept", "D1", None), group("dept", "D2", None),
        ],
    });
    assert_eq!(disclosure::leaks(&pop, &[&doc]), Vec::<String>::new());
}

#[test]
fn the_checker_uses_the_attackers_own_row() {
    // Sec has 4 people and one person left the team blank: two hidden
    // groups, but the blank-team person knows their own row.
    let mut people = Vec::new();
    for (team, n) in [("Sec", 4), ("", 1), ("Big", 7), ("Dev", 9)] {
        for _ in 0..n {
            people.push(Person {
                groups: vec![team.into()],
                scored: vec!["a".into()],
                answered: Vec::new(),
                comment: None,
            });
        }
    }
    let pop = Population {
        columns: vec!["team".into()],
        people,
        k: 5,
        comment_k: 5,
        outcome_items: Vec::new(),
    };
    let doc = json!({
        "dimensions": [{"id": "a", "n": 21, "score": 50.0}],
        "groups": [
            group("team", "(not given)", None), group("team", "Big", Some(7)),
            group("team", "Dev", Some(9)), group("team", "Sec", None),
        ],
    });
    let leaks = disclosure::leaks(&pop, &[&doc]);
    assert!(
        leaks.iter().any(|l| l.starts_with("team=Sec (n=4) = ")
            && l.contains("own row [team=(not given)]")),
        "{leaks:#?}"
    );
}

// ---------------------------------------------------------------------------
// Attacks on the binary.

/// (a) Two breakdowns over the same people: dept D1 is team Sec (3) plus team
/// Big (7). Today Sec and Ops (the next-smallest team) are hidden while D1
/// and Big are shown, so Sec = D1 − Big in every layer.
#[test]
fn linked_breakdowns_do_not_reveal_a_small_team() {
    let dir = tempfile::tempdir().unwrap();
    let mut survey = Survey::fixture(&["team", "dept"]);
    let mut i = 0;
    for (team, dept, n) in LINKED {
        for _ in 0..n {
            survey.add(&[team, dept], &refs(&full(i, 7)));
            i += 1;
        }
    }
    let file = write(dir.path(), "linked.csv", &survey.csv());
    let rubric = fixture_rubric_path();
    let doc = score_json(&[
        s(&file),
        "--rubric",
        s(&rubric),
        "--group-by",
        "team",
        "--group-by",
        "dept",
    ]);
    assert_no_leak(&survey.population(5), &[&doc]);
}

/// The survey without its free-text columns (`comment.*`), as a plain CSV
/// whose cells need no quotes.
fn without_comments(text: &str) -> String {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let keep: Vec<usize> = (0..rows[0].len())
        .filter(|&i| !rows[0][i].starts_with("comment."))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<&str> = keep.iter().map(|&i| row.get(i).unwrap_or("")).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// (b) A second small group switches the complement rule off: one person
/// leaves the team blank in the example survey, so "(not given)" (1) and
/// Security (4) are hidden and no complement is needed by today's rule. But
/// the blank-team person knows their own row: total − shown teams − self =
/// Security.
#[test]
fn a_second_small_group_does_not_expose_the_first() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/acme-2026-q3.csv")).unwrap();
    // The scores only: the comments' own layers are tested in
    // tests/comments.rs and tests/privacy_properties.rs.
    let mut text = without_comments(&text);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    // Answers as the first respondent's, team blank, role kept.
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let first = text.lines().nth(1).unwrap();
    let mut cells: Vec<&str> = first.split(',').collect();
    cells[column("respondent_id")] = "Z999";
    cells[column("team")] = "";
    text.push_str(&cells.join(","));
    text.push('\n');
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "acme-plus-one.csv", &text);
    let survey = Survey::read_dotted(&text, "respondent_id", &["team", "role"]);
    let doc = score_json(&[s(&file)]);
    assert_eq!(doc["input"]["group_columns"], json!(["team", "role"]));
    assert_no_leak(&survey.population(5), &[&doc]);
}

/// (c) A question answered by 3 people, in a dimension whose other questions
/// everyone answers: the question is hidden, so the dimension's answer
/// distribution must be exactly the sum of its shown questions' (by
/// favourability, reverse-keyed ones reversed). Otherwise dimension −
/// shown questions = the hidden question's answers.
#[test]
fn a_hidden_question_cannot_be_recovered_from_its_dimension() {
    let dir = tempfile::tempdir().unwrap();
    let mut survey = Survey::fixture(&["team", "dept"]);
    for i in 0..12 {
        let mut a = full(i, 7);
        if i >= 3 {
            a[1] = String::new(); // a2: only the first three answer it
        }
        survey.add(&["T", "D"], &refs(&a));
    }
    let file = write(dir.path(), "question.csv", &survey.csv());
    let rubric = fixture_rubric_path();
    let doc = score_json(&[s(&file), "--rubric", s(&rubric)]);
    let dim = doc["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "a")
        .unwrap();
    let questions = dim["questions"].as_array().unwrap();
    let a2 = questions.iter().find(|q| q["id"] == "a2").unwrap();
    assert_eq!(a2["suppressed"], json!(true), "{a2}");
    assert!(a2["n"].is_null() && a2["distribution"].is_null(), "{a2}");
    let mut sum = vec![0u64; 5];
    for q in questions.iter().filter(|q| !q["distribution"].is_null()) {
        let d: Vec<u64> = serde_json::from_value(q["distribution"].clone()).unwrap();
        let reverse = q["reverse"] == json!(true);
        for (p, c) in d.iter().enumerate() {
            sum[if reverse { 4 - p } else { p }] += c;
        }
    }
    let shown: Vec<u64> = serde_json::from_value(dim["distribution"].clone())
        .expect("dimension a is shown, with a distribution");
    assert_eq!(
        shown, sum,
        "dimension a's distribution is not the sum of its shown questions': \
         the difference is the hidden question's answers"
    );
    // The shares are those of the shown questions too.
    let total: u64 = sum.iter().sum();
    let fav = 100.0 * (sum[3] + sum[4]) as f64 / total as f64;
    let f = dim["favorable_pct"].as_f64().unwrap();
    assert!(
        (f - fav).abs() < 1e-9,
        "favorable_pct {f}, shown questions give {fav}"
    );
}

/// (d) A dimension scored for only 3 respondents is hidden, so nothing
/// published may depend on their answers to it: the output must be the same
/// as for the file without those answers. Today the respondents' own overall
/// scores (overall.respondents, and each group's) mix the hidden dimension
/// in.
#[test]
fn a_hidden_dimension_does_not_move_any_published_figure() {
    let dir = tempfile::tempdir().unwrap();
    let make = |with_c: bool| {
        let mut survey = Survey::fixture(&["team", "dept"]);
        for i in 0..12 {
            let mut a = full(i, 7);
            let team = if i < 6 { "X" } else { "Y" };
            // c1, c2: answered (all 5s, far from their other answers) by
            // respondents 0, 1 and 6 only.
            let answers_c = with_c && [0, 1, 6].contains(&i);
            for cell in &mut a[5..7] {
                *cell = if answers_c { "5".into() } else { String::new() };
            }
            survey.add(&[team, "D"], &refs(&a));
        }
        survey
    };
    let rubric = fixture_rubric_path();
    let with = write(dir.path(), "with.csv", &make(true).csv());
    let without = write(dir.path(), "without.csv", &make(false).csv());
    let mut x = score_json(&[s(&with), "--rubric", s(&rubric)]);
    let mut y = score_json(&[s(&without), "--rubric", s(&rubric)]);
    // The hidden dimension's own fields: hidden in both, then left out.
    for doc in [&mut x, &mut y] {
        doc["input"].as_object_mut().unwrap().remove("file");
        // The audit's own counts say how many hidden cells it protected:
        // that the dimension is hidden is public anyway.
        doc["privacy"].as_object_mut().unwrap().remove("audit");
        let dims = doc["dimensions"].as_array_mut().unwrap();
        let c = dims.iter().position(|d| d["id"] == "c").unwrap();
        let cd = dims.remove(c);
        assert!(
            cd["score"].is_null() && cd["n"].is_null() && cd["distribution"].is_null(),
            "{cd}"
        );
        for g in doc["groups"].as_array_mut().unwrap() {
            let cells = g["dimensions"].as_array_mut().unwrap();
            let c = cells.iter().position(|d| d["id"] == "c").unwrap();
            let cell = cells.remove(c);
            assert!(cell["score"].is_null() && cell["n"].is_null(), "{cell}");
        }
    }
    let mut diffs = Vec::new();
    differences(&x, &y, "", &mut diffs);
    assert!(
        diffs.is_empty(),
        "published figures depend on the answers to the hidden dimension c:\n  {}",
        diffs.join("\n  ")
    );
}

/// The JSON paths at which `a` and `b` differ, with both values.
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let (p, q) = (
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                );
                differences(p, q, &format!("{path}.{key}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                // Name array entries by their id or group, when they have one.
                let name = match (&p["id"], &p["column"], &p["value"]) {
                    (Value::String(id), _, _) => format!("[{id}]"),
                    (_, Value::String(c), Value::String(v)) => format!("[{c}={v}]"),
                    _ => format!("[{i}]"),
                };
                differences(p, q, &format!("{path}{name}"), out);
            }
        }
        _ if a != b => out.push(format!("{path}: {a} vs {b} without the answers")),
        _ => {}
    }
}

/// The rubric of wave 2 in (e): b2 replaced by b3.
fn rubric_wave_2() -> String {
    let r = std::fs::read_to_string(fixture_rubric_path()).unwrap();
    let old = "id = \"b2\"\ntext = \"We do the second B thing.\"";
    assert!(r.contains(old));
    r.replace(old, "id = \"b3\"\ntext = \"We do a new B thing.\"")
}

/// (e) Waves. In wave 2 team Sec (3) is hidden, and with it the
/// next-smallest team, Ops (5). Wave 2's rubric replaced b2 by b3, so both
/// waves are scored again on the questions they share to compare them; Sec
/// answered only b3, so in that re-scoring Sec has nobody and Ops is shown.
/// Today Ops's change then appears in history.groups — and with it Ops's
/// figures, hence Sec's. A group hidden in the reported wave must never have
/// a change.
#[test]
fn a_group_hidden_in_the_current_wave_has_no_change_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    // Wave 1: a1 a2 a3 b1 b2 c1 c2.
    let mut w1 = Survey::fixture(&["team", "dept"]);
    let mut i = 0;
    for (team, n) in [("Ops", 6), ("Big", 8), ("Dev", 9)] {
        for _ in 0..n {
            w1.add(&[team, "Eng"], &refs(&full(i, 7)));
            i += 1;
        }
    }
    // Wave 2: a1 a2 a3 b1 b3 c1 c2; Sec answers b3 alone.
    let mut w2 = Survey::fixture(&["team", "dept"]);
    w2.questions[4] = "b3".into();
    w2.dims[1].1 = vec!["b1".into(), "b3".into()];
    for (team, n) in [("Sec", 3), ("Ops", 5), ("Big", 8), ("Dev", 9)] {
        for _ in 0..n {
            let mut a = full(i + 3, 7);
            if team == "Sec" {
                a = (0..7)
                    .map(|q| if q == 4 { "2".into() } else { String::new() })
                    .collect();
            }
            w2.add(&[team, "Eng"], &refs(&a));
            i += 1;
        }
    }
    write(ws, "w1.csv", &w1.csv());
    write(ws, "w2.csv", &w2.csv());
    std::fs::copy(fixture_rubric_path(), ws.join("rubric-w1.toml")).unwrap();
    write(ws, "rubric-w2.toml", &rubric_wave_2());
    write(
        ws,
        "mlbizops.toml",
        r#"[assessment]
organization = "Privacy Test"

[[wave]]
label = "2026-Q1"
responses = "w1.csv"
rubric = "rubric-w1.toml"

[[wave]]
label = "2026-Q2"
responses = "w2.csv"
rubric = "rubric-w2.toml"
"#,
    );
    let out = ws.join("out");
    mlbizops()
        .args(["report", s(ws), "--format", "json", "--out", s(&out)])
        .assert()
        .success();
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    // The current wave's own groups: report.json's breakdowns.
    let mut hidden = Vec::new();
    for b in report["breakdowns"].as_array().unwrap() {
        for g in b["groups"].as_array().unwrap() {
            if g["suppressed"] == json!(true) {
                hidden.push((
                    b["column"].clone(),
                    g["value"].as_str().unwrap().to_lowercase(),
                ));
            }
        }
    }
    assert!(
        hidden.contains(&(json!("team"), "sec".to_string())),
        "team Sec (3 people) is hidden in wave 2: {hidden:?}"
    );
    // Wave 2's own figures, from the report and from `score`.
    let scores = score_json(&[s(ws)]);
    assert_eq!(
        scores["respondents"]["scored"],
        json!(25),
        "score DIR scores the latest wave"
    );
    let view = disclosure::report_as_scores(&report);
    assert_no_leak(&w2.population(5), &[&scores, &view]);
    let history = &report["history"];
    assert!(history.is_object(), "a workspace report has a history");
    for g in history["groups"].as_array().unwrap() {
        let key = (
            g["column"].clone(),
            g["value"].as_str().unwrap().to_lowercase(),
        );
        assert!(
            !hidden.contains(&key),
            "history.groups has a change for {}={}, which is suppressed in the current wave: {g}",
            g["column"],
            g["value"]
        );
    }
}

/// Splits a line into words, for matching whole numbers.
fn words(line: &str) -> Vec<String> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// (f) Lowering the threshold below the rubric's is allowed (down to 3), but
/// it must not pass silently: a warning names both numbers, and the report's
/// method section states the threshold used.
#[test]
fn a_lower_threshold_than_the_rubrics_is_warned_about_and_stated() {
    let dir = tempfile::tempdir().unwrap();
    let mut survey = Survey::fixture(&["team", "dept"]);
    for i in 0..12 {
        survey.add(&[if i < 6 { "X" } else { "Y" }, "D"], &refs(&full(i, 7)));
    }
    let file = write(dir.path(), "threshold.csv", &survey.csv());
    let rubric = fixture_rubric_path();
    let warned = |stderr: &[u8]| {
        String::from_utf8_lossy(stderr).lines().any(|l| {
            let w = words(l);
            w.iter().any(|x| x == "warning")
                && w.iter().any(|x| x == "3")
                && w.iter().any(|x| x == "5")
        })
    };
    let out = dir.path().join("out");
    let run = mlbizops()
        .args([
            "report",
            s(&file),
            "--rubric",
            s(&rubric),
            "--min-group-size",
            "3",
        ])
        .args(["--format", "md", "--out", s(&out)])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        warned(&run.stderr),
        "report: no warning line naming 3 and the rubric's 5 on stderr:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let run = mlbizops()
        .args([
            "score",
            s(&file),
            "--rubric",
            s(&rubric),
            "--min-group-size",
            "3",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(
        warned(&run.stderr),
        "score: no warning line naming 3 and the rubric's 5 on stderr:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The method section (from its heading to the next) states 3.
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let start = md
        .lines()
        .position(|l| l.starts_with('#') && l.to_lowercase().contains("method"))
        .expect("report.md has a method section");
    let section: Vec<&str> = md
        .lines()
        .skip(start + 1)
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("# "))
        .collect();
    assert!(
        section.iter().any(|l| {
            let lower = l.to_lowercase();
            words(l).iter().any(|w| w == "3")
                && ["fewer than 3", "at least 3", "threshold", "group size"]
                    .iter()
                    .any(|p| lower.contains(p))
        }),
        "the method section does not state the threshold 3:\n{}",
        section.join("\n")
    );
}

/// (g) An unreadable cell can be free text that names a person or a team:
/// the report (every format) must not quote it. The terminal output of
/// `score` may, for whoever ran it.
#[test]
fn an_unreadable_cells_text_is_not_quoted_in_the_report() {
    const TEXT: &str = "Sec lead here - our team is hopeless";
    let dir = tempfile::tempdir().unwrap();
    let mut survey = Survey::fixture(&["team", "dept"]);
    for i in 0..10 {
        let mut a = full(i, 7);
        if i == 4 {
            a[0] = TEXT.into();
        }
        survey.add(&[if i < 5 { "X" } else { "Y" }, "D"], &refs(&a));
    }
    let file = write(dir.path(), "comment.csv", &survey.csv());
    let rubric = fixture_rubric_path();
    let out = dir.path().join("out");
    mlbizops()
        .args(["report", s(&file), "--rubric", s(&rubric)])
        .args(["--format", "md,html,json", "--out", s(&out)])
        .assert()
        .success();
    let quoting: Vec<&str> = ["report.md", "report.html", "report.json"]
        .into_iter()
        .filter(|name| {
            let text = std::fs::read_to_string(out.join(name)).unwrap();
            text.contains("our team is hopeless") || text.contains("Sec lead here")
        })
        .collect();
    assert!(
        quoting.is_empty(),
        "{quoting:?} quote the unreadable cell's text"
    );
    // The cell was read, and counted as unreadable.
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["data_quality"]["unreadable_cells"], json!(1));
}

/// Finely crossed breakdowns (70 teams × 70 departments, 4,900 atoms of two
/// people): past 4,096 the first pass gives the atoms up, and a small team
/// makes a second read count them. The result must be as safe.
#[test]
fn many_atoms_are_counted_again_when_a_small_team_needs_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut survey = Survey::fixture(&["team", "dept"]);
    let mut i = 0;
    for rep in 0..2 {
        for t in 0..70 {
            for d in 0..70 {
                let (team, dept) = (format!("T{t}"), format!("D{}", (d + rep) % 70));
                survey.add(&[&team, &dept], &refs(&full(i, 7)));
                i += 1;
            }
        }
    }
    for _ in 0..3 {
        survey.add(&["Tiny", "D0"], &refs(&full(i, 7)));
        i += 1;
    }
    let file = write(dir.path(), "crossed.csv", &survey.csv());
    let rubric = fixture_rubric_path();
    let doc = score_json(&[
        s(&file),
        "--rubric",
        s(&rubric),
        "--group-by",
        "team",
        "--group-by",
        "dept",
    ]);
    let audit = &doc["privacy"]["audit"];
    assert!(audit["protected_cells"].as_u64().unwrap() > 0, "{audit}");
    let tiny = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["value"] == "Tiny")
        .unwrap();
    assert_eq!(tiny["suppressed"], true);
    assert_no_leak(&survey.population(5), &[&doc]);
}
