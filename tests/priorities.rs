//! The report's priority rule (issue 16): one ordering in the summary, the
//! dimension sections and the action plan; strengths never priorities and
//! never padded; "not clearly different" when paired comparisons do not
//! separate the priorities; small rubrics without empty sections.

use assert_cmd::Command;
use serde_json::Value;

/// Three dimensions a (a1, a2, a3 reverse-keyed), b (b1, b2), c (c1, c2),
/// levels by score (Starting 0, Established 40, Scaling 60, Leading 85).
const RUBRIC3: &str = "tests/fixtures/priorities/rubric.toml";
/// Two dimensions, staged levels.
const RUBRIC2: &str = "tests/fixtures/levels/rubric.toml";

fn report(rubric: &str, csv: &str) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("survey.csv");
    std::fs::write(&path, csv).unwrap();
    let out_dir = dir.path().join("out");
    let out = Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "report",
            "--rubric",
            rubric,
            "--format",
            "json,html",
            "--out",
        ])
        .arg(&out_dir)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json =
        serde_json::from_slice(&std::fs::read(out_dir.join("report.json")).unwrap()).unwrap();
    let html = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
    (json, html)
}

/// 30 people; `a(p)`, `b(p)`, `c(p)` give each person's answer (1..5) to
/// every question of a, b, c (the reverse-keyed a3 gets the mirror).
fn survey3(a: impl Fn(usize) -> u8, b: impl Fn(usize) -> u8, c: impl Fn(usize) -> u8) -> String {
    let mut out = String::from("id,team,dept,a1,a2,a3,b1,b2,c1,c2\n");
    for p in 0..30 {
        let (x, y, z) = (a(p), b(p), c(p));
        out.push_str(&format!(
            "r{p},T{},D{},{x},{x},{},{y},{y},{z},{z}\n",
            p % 3,
            p % 2,
            6 - x
        ));
    }
    out
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["dimension_id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn one_ordering_in_summary_sections_and_plan() {
    // a weakest, then b, then c; all clearly apart.
    let (r, _) = report(
        RUBRIC3,
        &survey3(
            |p| 1 + (p % 2) as u8,
            |p| 2 + (p % 2) as u8,
            |p| 3 + (p % 2) as u8,
        ),
    );
    let summary = ids(&r["summary"], "priorities");
    assert_eq!(summary, ["a", "b", "c"]);
    // The sections carry the same ranks.
    for (rank, id) in summary.iter().enumerate() {
        let d = r["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id.as_str())
            .unwrap();
        assert_eq!(d["priority"], rank + 1);
    }
    // The plan opens with each priority's first step, in the same order.
    let plan: Vec<&str> = r["action_plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["dimension_id"].as_str().unwrap())
        .collect();
    assert_eq!(&plan[..3], ["a", "b", "c"]);
    assert!(plan.len() <= 5);
    // Each recommendation is printed once: in the plan or the appendix.
    let total: usize = r["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["recommendations"].as_array().unwrap().len())
        .sum();
    assert_eq!(plan.len() + r["appendix"].as_array().unwrap().len(), total);
    assert!(
        r["summary"]["priority_note"].is_null(),
        "they are clearly apart"
    );
}

#[test]
fn no_strength_is_a_priority_and_neither_list_is_padded() {
    // Everyone strongly agrees on c (100, the top level: no next level, no
    // priority), disagrees on a and b: c is the only strength.
    let (r, _) = report(RUBRIC3, &survey3(|_| 2, |p| 1 + (p % 2) as u8, |_| 5));
    let priorities = ids(&r["summary"], "priorities");
    let strengths = ids(&r["summary"], "strengths");
    assert_eq!(priorities, ["b", "a"]);
    for s in &strengths {
        assert!(!priorities.contains(s), "{s} is both");
    }
    assert_eq!(strengths, ["c"]);
    // A survey where nothing has 60% favorable: no strength at all, said so.
    let (r, html) = report(RUBRIC3, &survey3(|_| 3, |_| 3, |_| 3));
    assert_eq!(r["summary"]["strengths"].as_array().unwrap().len(), 0);
    let empty = r["summary"]["strengths_empty"].as_str().unwrap();
    assert!(
        html.contains(&empty.replace('’', "&#8217;")) || html.contains(empty),
        "{empty}"
    );
}

#[test]
fn priorities_that_paired_comparisons_do_not_separate_are_said_to_be_so() {
    // Every person gives the same answer to all three dimensions' questions
    // except for noise that cancels out: the paired differences are
    // centred on zero.
    let noise = |p: usize, k: usize| -> u8 { 2 + ((p * 7 + k * 3) % 3) as u8 };
    let (r, html) = report(
        RUBRIC3,
        &survey3(|p| noise(p, 0), |p| noise(p, 1), |p| noise(p, 2)),
    );
    let note = r["summary"]["priority_note"].as_str().unwrap_or_default();
    assert!(note.contains("not clearly different"), "{}", r["summary"]);
    // The list itself is headed as a group, not only footnoted.
    assert!(
        html.contains("<h3>Priorities (not clearly different: read as a group)</h3>"),
        "heading"
    );
}

#[test]
fn a_two_dimension_rubric_has_no_empty_section() {
    let mut csv = String::from("respondent_id,team,data.inventory,data.rights,data.checks,data.docs,data.monitoring,ops.owner,ops.review,ops.cost,ops.surprises\n");
    for p in 0..12 {
        csv.push_str(&format!("r{p},T{},4,4,2,2,2,4,4,4,2\n", p % 2));
    }
    let (r, html) = report(RUBRIC2, &csv);
    for (list, empty) in [
        ("priorities", "priorities_empty"),
        ("strengths", "strengths_empty"),
    ] {
        let n = r["summary"][list].as_array().unwrap().len();
        assert!(
            n > 0 || r["summary"][empty].is_string(),
            "{list} empty and unexplained"
        );
    }
    // No heading followed by nothing.
    let summary = html.split("id=\"dimensions\"").next().unwrap();
    for h in ["Priorities", "Strengths"] {
        let after = summary.split(&format!("<h3>{h}</h3>")).nth(1).unwrap();
        let block = after.split("</div>").next().unwrap();
        assert!(
            block.contains("<li>") || block.contains("<p>"),
            "{h} is empty:\n{block}"
        );
    }
}
