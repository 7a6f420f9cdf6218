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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let status = assert_cmd::Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(root)
        // The workspace: the report with its history (trend chart, changes).
        .args(["report", "examples/acme", "--out"])
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
    let shot = root.join("target").join("report-screenshot.png");
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
        result["overflowAt375"],
        serde_json::json!([]),
        "body text wider than a phone"
    );
    assert_eq!(
        result["pageWidthAt375"], 375,
        "the page scrolls sideways on a phone"
    );
    // A full-page screenshot of a long report is large; an empty one is not.
    let size = std::fs::metadata(&shot).unwrap().len();
    assert!(size > 100_000, "screenshot of {size} bytes");
}
