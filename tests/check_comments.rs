//! `mlbizops check` on comment settings (issue 19): each fixture is
//! `tests/fixtures/check/valid.toml` with one mistake, reported with its
//! file, line and column, exit code 1 and nothing on standard output.

use assert_cmd::Command;

fn fails(name: &str, message: &str, location: &str) {
    let out = Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", &format!("tests/fixtures/check/{name}")])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap().replace('\\', "/");
    assert_eq!(out.status.code(), Some(1), "{name}:\n{stderr}");
    assert!(out.stdout.is_empty(), "{name}: no summary");
    assert!(stderr.contains(message), "{name}: {message:?} in\n{stderr}");
    let at = format!("[tests/fixtures/check/{name}:{location}]");
    assert!(stderr.contains(&at), "{name}: {at} in\n{stderr}");
    assert!(
        stderr.contains("error: 1 error(s), 0 warning(s)"),
        "{stderr}"
    );
}

#[test]
fn a_comment_threshold_below_the_privacy_threshold_is_an_error() {
    fails(
        "comment-threshold-low.toml",
        "the comment threshold (5) is below the privacy threshold (6)",
        "10:13",
    );
}

#[test]
fn a_comment_question_names_a_dimension_that_exists() {
    fails(
        "comment-unknown-dimension.toml",
        "unknown dimension `beta`",
        "9:13",
    );
}

#[test]
fn a_comment_question_cannot_reuse_a_question_id() {
    fails(
        "comment-duplicate-id.toml",
        "duplicate question id `alpha.one`",
        "7:6",
    );
}

#[test]
fn a_keyword_needs_a_letter_or_digit() {
    fails(
        "comment-empty-keyword.toml",
        "keyword `--` has no letter or digit",
        "17:20",
    );
}

#[test]
fn the_builtin_rubric_asks_two_comment_questions_with_themes() {
    let out = Command::cargo_bin("mlbizops")
        .unwrap()
        .arg("check")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("comments:    2 free-text question(s); a group's comments are shown from 10 commenters; 10 themes"),
        "{stdout}"
    );
}
