//! Each statement's change of favorable share since the previous wave.
//!
//! Expected figures were counted in Python 3.11 from the CSV files with the
//! csv module (favorable: 4 or 5, or 1 or 2 when reverse-keyed) and tested
//! with the textbook pooled two-proportion z formula, p = erfc(|z| / √2);
//! R's `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)` reports the same
//! test as X-squared = z².

use assert_cmd::Command;

fn report(args: &[&str], file: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    let r = Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("report")
        .args(args)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    std::fs::read_to_string(out.path().join(file)).unwrap()
}

fn questions(doc: &serde_json::Value) -> Vec<&serde_json::Value> {
    doc["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .collect()
}

fn question<'v>(doc: &'v serde_json::Value, id: &str) -> &'v serde_json::Value {
    questions(doc).into_iter().find(|q| q["id"] == id).unwrap()
}

#[test]
fn shared_statements_change_and_new_ones_do_not() {
    let doc: serde_json::Value = serde_json::from_str(&report(
        &["tests/fixtures/workspace", "--format", "json"],
        "report.json",
    ))
    .unwrap();
    // a1: 7 of 11 favorable, then 10 of 15: +3.03 points, z² = 0.025748,
    // p = 0.872518.
    let a1 = &question(&doc, "a1")["change"];
    assert!(
        (a1["delta"].as_f64().unwrap() - 3.0303030303030276).abs() < 1e-9,
        "{a1}"
    );
    assert!(
        (a1["p"].as_f64().unwrap() - 0.8725180875579243).abs() < 1e-9,
        "{a1}"
    );
    assert_eq!(a1["clear"], false);
    // b1: 3 of 11, then 2 of 15: −13.94 points, p = 0.372929.
    let b1 = &question(&doc, "b1")["change"];
    assert!(
        (b1["delta"].as_f64().unwrap() - -13.939393939393938).abs() < 1e-9,
        "{b1}"
    );
    assert!(
        (b1["p"].as_f64().unwrap() - 0.3729289673600223).abs() < 1e-9,
        "{b1}"
    );
    // a3 replaced a2 and c1 is new: nothing to compare with.
    assert!(question(&doc, "a3")["change"].is_null());
    assert!(question(&doc, "c1")["change"].is_null());
}

#[test]
fn a_clear_change_is_marked_in_every_format() {
    // Acme's 2026-Q2 against 2026-Q1 (one rubric): "We evaluate prompt
    // changes against a fixed test set" went from 36 of 224 favorable to 57
    // of 205: +11.73 points, z² = 8.679373, p = 0.0032183.
    let args = [
        "examples/acme",
        "--wave",
        "2026-Q2",
        "--format",
        "json,md,html",
    ];
    let doc: serde_json::Value = serde_json::from_str(&report(&args, "report.json")).unwrap();
    let c = &question(&doc, "prompting.test_set")["change"];
    assert!(
        (c["delta"].as_f64().unwrap() - 11.733449477351918).abs() < 1e-9,
        "{c}"
    );
    assert!(
        (c["p"].as_f64().unwrap() - 0.003218316597719529).abs() < 1e-9,
        "{c}"
    );
    assert_eq!(c["clear"], true);
    // Every statement of that rubric is in both waves.
    assert!(questions(&doc).iter().all(|q| !q["change"].is_null()));

    let md = report(&args, "report.md");
    assert!(
        md.contains("| Score | Since 2026-Q1 |"),
        "the statements table has the column"
    );
    assert!(
        md.contains("| We evaluate prompt changes against a fixed test set before shipping them. | 205 | 31% | 41% | 28% | 48 | +12 ▲ |"),
        "the Markdown row carries the change"
    );
    assert!(md.contains("not corrected for the 54 statements compared"));
    let html = report(&args, "report.html");
    assert!(html.contains("Since 2026-Q1: +12 points favorable, a clear change"));
}

#[test]
fn no_change_is_claimed_across_a_revision_that_renamed_every_statement() {
    // Acme's latest wave uses rubric 2027.1, whose statements all have new
    // ids: no statement has a change, and the Markdown has no column for it.
    let doc: serde_json::Value = serde_json::from_str(&report(
        &["examples/acme", "--format", "json"],
        "report.json",
    ))
    .unwrap();
    assert!(questions(&doc).iter().all(|q| q["change"].is_null()));
    let md = report(&["examples/acme", "--format", "md"], "report.md");
    assert!(
        !md.contains("| Score | Since "),
        "no statement table has the column"
    );
}

/// The disclosure rule for the new figure: a statement's change is shown
/// only where both waves' own scorings showed the statement. A threshold
/// of 210 hides the statements fewer than 210 people answered in either
/// wave (2026-Q2 has 218 respondents, 2026-Q1 225).
#[test]
fn a_statement_hidden_in_either_wave_has_no_change() {
    let k = ["--min-group-size", "210"];
    let mut args = vec!["examples/acme", "--wave", "2026-Q2", "--format", "json"];
    args.extend(k);
    let doc: serde_json::Value = serde_json::from_str(&report(&args, "report.json")).unwrap();
    let shown_in = |file: &str| -> Vec<String> {
        let out = Command::cargo_bin("mlbizops")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "score",
                file,
                "--rubric",
                "examples/acme/rubrics/llm-adoption-2026.toml",
                "--format",
                "json",
            ])
            .args(k)
            .output()
            .unwrap();
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        questions(&s)
            .into_iter()
            .filter(|q| !q["n"].is_null())
            .map(|q| q["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (q1, q2) = (
        shown_in("examples/acme/surveys/2026-Q1.csv"),
        shown_in("examples/acme/surveys/2026-Q2.csv"),
    );
    let (mut with, mut without) = (0, 0);
    for q in questions(&doc) {
        let id = q["id"].as_str().unwrap().to_string();
        let both = q1.contains(&id) && q2.contains(&id);
        assert_eq!(!q["change"].is_null(), both, "{id}");
        if both {
            with += 1
        } else {
            without += 1
        }
    }
    // The threshold splits the statements: some of each.
    assert!(
        with > 0 && without > 0,
        "{with} with a change, {without} without"
    );
}
