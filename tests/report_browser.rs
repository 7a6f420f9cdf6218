//! The HTML report in a real browser: Debian's headless Chromium, driven by
//! `tests/browser/check.mjs` (playwright-core), with axe-core's accessibility
//! rules. Ignored by plain `cargo test`, since it needs Chromium, Node.js and
//! `npm ci` in tests/browser; `.ci/run` installs those and runs it with
//! `cargo test --test report_browser -- --ignored`.

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs Chromium and Node.js; run by .ci/run"]
fn report_opens_cleanly_in_chromium() {
    // The workspace: the report with its history (trend chart, changes).
    check(&["report", "examples/acme"], "report-screenshot.png");
}

#[test]
#[ignore = "needs Chromium and Node.js; run by .ci/run"]
fn staged_report_opens_cleanly_in_chromium() {
    // Levels staged by practice: practice tags, missing practices, owners
    // and findings, a dimension that applies to few.
    let dir = tempfile::tempdir().unwrap();
    let survey = dir.path().join("survey.csv");
    let mut csv = String::from("respondent_id,team,data.inventory,data.rights,data.checks,data.docs,data.monitoring,ops.owner,ops.review,ops.cost,ops.surprises\n");
    for p in 0..24 {
        let team = ["Platform", "Sales", "Support"][p % 3];
        let a = |q: usize| if (p * 7 + q * 3) % 5 < 3 { "4" } else { "2" };
        let ops = if p % 3 == 2 { "Does not apply" } else { a(5) };
        csv.push_str(&format!(
            "r{p},{team},{},{},{},Not sure,{},{ops},{ops},{ops},{ops}\n",
            a(0),
            a(1),
            a(2),
            a(4)
        ));
    }
    std::fs::write(&survey, csv).unwrap();
    check(
        &[
            "report",
            "--rubric",
            "tests/fixtures/levels/rubric.toml",
            survey.to_str().unwrap(),
        ],
        "report-staged-screenshot.png",
    );
}

/// Writes the report of `args` and checks it in Chromium.
fn check(args: &[&str], screenshot: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let status = assert_cmd::Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(root)
        .args(args)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let report = out.path().join("report.html");
    // Keep the screenshot where a person can look at it after CI.
    let shot = root.join("target").join(screenshot);
    let run = Command::new("node")
        .current_dir(root.join("tests/browser"))
        .arg("check.mjs")
        .arg(&report)
        .arg(&shot)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "check.mjs failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let result: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON line");
    assert_eq!(
        result["consoleErrors"],
        serde_json::json!([]),
        "console errors"
    );
    assert_eq!(
        result["outsideRequests"],
        serde_json::json!([]),
        "requests to other hosts or files"
    );
    assert_eq!(
        result["violations"],
        serde_json::json!([]),
        "axe-core violations"
    );
    assert_eq!(
        result["belowFoldAt1280"],
        serde_json::json!([]),
        "key figures, dot plot and first priority on the first screen"
    );
    assert_eq!(
        result["overflowAt375"],
        serde_json::json!([]),
        "body text wider than a phone"
    );
    assert_eq!(
        result["pageWidthAt375"], 375,
        "the page scrolls sideways on a phone"
    );
    // On a phone no text is under 11 px, chart labels included: charts keep
    // a legible width in boxes that scroll. (The summary's dot plot is the
    // one exception, shrinking to fit until it has a phone layout.)
    assert_eq!(
        result["smallTextAt375"],
        serde_json::json!([]),
        "text under 11 px at 375 px"
    );
    // Printed (print media, 15 mm margins): nothing reaches past the
    // printable width of A4 or Letter, where nothing can scroll.
    for paper in ["A4", "Letter"] {
        assert_eq!(
            result["overflowInPrint"][paper],
            serde_json::json!([]),
            "elements wider than printed {paper}"
        );
        assert!(
            result["printedPages"][paper].as_u64().unwrap() > 1,
            "{paper}"
        );
    }
    // A full-page screenshot of a long report is large; an empty one is not.
    let size = std::fs::metadata(&shot).unwrap().len();
    assert!(size > 100_000, "screenshot of {size} bytes");
}
