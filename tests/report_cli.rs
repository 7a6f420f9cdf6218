//! `report` on the command line tells the same problems as `score`
//! (issue 16): a report whose team breakdown silently disappeared is the
//! failure this prevents.

use assert_cmd::Command;

#[test]
fn report_names_a_missing_group_column_and_other_problems() {
    let dir = tempfile::tempdir().unwrap();
    let survey = dir.path().join("survey.csv");
    let mut csv =
        String::from("respondent_id,tem,prompting.shared_libary,prompting.shared_library\n");
    for i in 0..8 {
        csv.push_str(&format!("r{i},A,4,{}\n", 3 + i % 2));
    }
    std::fs::write(&survey, csv).unwrap();
    let out = Command::cargo_bin("mlbizops")
        .unwrap()
        // The 2026.1 rubric, whose ids the file's header uses.
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "report",
            "--rubric",
            "tests/fixtures/levels/llm-adoption-2026.1.toml",
            "--format",
            "md",
            "--out",
        ])
        .arg(dir.path().join("out"))
        .arg(&survey)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no group column \"team\" (did you mean \"tem\"?)"),
        "{err}"
    );
    assert!(err.contains("matches no question"), "{err}");
    assert!(
        err.contains("no column for 6 questions of dimension `prompting`"),
        "{err}"
    );
    // Problems first, missing question columns summed per dimension after.
    let group = err.find("no group column").unwrap();
    let missing = err.find("no column for").unwrap();
    assert!(group < missing, "{err}");
}
