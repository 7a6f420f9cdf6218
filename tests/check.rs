//! `mlbizops check` on rubrics with mistakes: every validation rule has a
//! fixture in `tests/fixtures/check/` that is a minimal valid rubric
//! (`valid.toml`) with exactly one mistake. Each test asserts the exit code,
//! the message, the `file:line:col` location, the error count, and snapshots
//! the full standard error so that changes to the wording are reviewed.
//!
//! Commands run from the crate root with relative fixture paths, so that the
//! file names in the output (and in the snapshots) are the same on every machine.

use std::process::Output;

use assert_cmd::Command;

const FIXTURES: &str = "tests/fixtures/check";

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
    Run {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// Paths that the program builds itself (`dir.join(file)`) use the platform's
/// separator; snapshots use `/` everywhere.
fn portable(text: &str) -> String {
    text.replace('\\', "/")
}

/// Runs `check` on a fixture that must fail with exactly `errors` errors and
/// no warning, one of them `message` at `location` (`line:col` in `file`, the
/// fixture itself unless given). Returns standard error for a snapshot.
fn check_fails(name: &str, message: &str, location: &str, errors: usize) -> String {
    check_fails_in(name, &fixture(name), message, location, errors)
}

fn check_fails_in(name: &str, file: &str, message: &str, location: &str, errors: usize) -> String {
    let r = run(&["check", &fixture(name)]);
    let stderr = portable(&r.stderr);
    assert_eq!(r.code, Some(1), "exit code for {name}; stderr:\n{stderr}");
    assert_eq!(r.stdout, "", "no summary for an invalid rubric ({name})");
    assert!(
        stderr.contains(message),
        "{name}: expected the message {message:?} in:\n{stderr}"
    );
    let at = format!("{file}:{location}");
    assert!(
        stderr.contains(&format!("[{at}]")),
        "{name}: expected the location {at} in:\n{stderr}"
    );
    let count = format!("error: {errors} error(s), 0 warning(s)");
    assert!(
        stderr.contains(&count),
        "{name}: expected {count:?} in:\n{stderr}"
    );
    stderr
}

#[test]
fn the_base_fixture_is_valid() {
    // Every other fixture is this one with a single mistake; if it stopped
    // being valid, the tests below would test the wrong thing.
    let r = run(&["check", &fixture("valid.toml")]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(r
        .stdout
        .starts_with("ok: tests/fixtures/check/valid.toml\n"));
    assert!(r.stdout.contains("Tiny rubric (id tiny)"), "{}", r.stdout);
}

#[test]
fn toml_syntax_error() {
    let err = check_fails(
        "syntax-error.toml",
        "invalid TOML: invalid basic string",
        "4:21",
        1,
    );
    insta::assert_snapshot!("syntax_error", err);
}

#[test]
fn type_error_names_the_key_and_both_types() {
    let err = check_fails(
        "type-error.toml",
        "`dimension.weight` must be a number, found a string",
        "17:10",
        1,
    );
    assert!(err.contains("expected a number"), "{err}");
    insta::assert_snapshot!("type_error", err);
}

#[test]
fn unknown_key_suggests_the_closest_known_key() {
    let err = check_fails(
        "unknown-key.toml",
        "unknown key `dimension.wieght`",
        "17:1",
        1,
    );
    assert!(err.contains("help: did you mean `weight`?"), "{err}");
    insta::assert_snapshot!("unknown_key", err);
}

#[test]
fn missing_question_text() {
    let err = check_fails(
        "missing-question-text.toml",
        "missing required key `text` in `[[dimension.question]]`",
        "18:1",
        1,
    );
    insta::assert_snapshot!("missing_question_text", err);
}

#[test]
fn missing_rubric_table() {
    let err = check_fails(
        "missing-rubric-table.toml",
        "missing the `[rubric]` table",
        "1:1",
        1,
    );
    assert!(
        err.contains("[rubric]\n        id = \"my-rubric\""),
        "{err}"
    );
    insta::assert_snapshot!("missing_rubric_table", err);
}

#[test]
fn bad_rubric_id() {
    let err = check_fails(
        "bad-rubric-id.toml",
        "rubric id `Tiny Rubric` is not a valid id",
        "3:6",
        1,
    );
    assert!(
        err.contains("use lowercase letters, digits and '-'"),
        "{err}"
    );
    insta::assert_snapshot!("bad_rubric_id", err);
}

#[test]
fn duplicate_dimension_id() {
    let err = check_fails(
        "duplicate-dimension-id.toml",
        "duplicate dimension id `alpha`",
        "28:6",
        1,
    );
    insta::assert_snapshot!("duplicate_dimension_id", err);
}

#[test]
fn duplicate_question_id_within_a_dimension() {
    let err = check_fails(
        "duplicate-question-id.toml",
        "duplicate question id `alpha.one`",
        "23:6",
        1,
    );
    assert!(err.contains("already used in dimension `alpha`"), "{err}");
    insta::assert_snapshot!("duplicate_question_id", err);
}

#[test]
fn duplicate_question_id_across_dimensions() {
    let err = check_fails(
        "duplicate-question-id-across-dimensions.toml",
        "duplicate question id `alpha.one`",
        "32:6",
        1,
    );
    // Points at the second use, names the dimension of the first.
    assert!(err.contains("already used in dimension `alpha`"), "{err}");
    insta::assert_snapshot!("duplicate_question_id_across_dimensions", err);
}

#[test]
fn duplicate_question_text_ignores_case_and_surrounding_spaces() {
    let err = check_fails(
        "duplicate-question-text.toml",
        "two questions have the same text",
        "33:8",
        1,
    );
    assert!(err.contains("same text as a question in `alpha`"), "{err}");
    insta::assert_snapshot!("duplicate_question_text", err);
}

#[test]
fn duplicate_level() {
    let err = check_fails("duplicate-level.toml", "duplicate level `Low`", "15:8", 1);
    insta::assert_snapshot!("duplicate_level", err);
}

#[test]
fn levels_not_ascending() {
    let err = check_fails(
        "levels-not-ascending.toml",
        "levels must ascend: `min = 30` is not above the previous level's 50",
        "16:7",
        1,
    );
    insta::assert_snapshot!("levels_not_ascending", err);
}

#[test]
fn first_level_not_zero() {
    let err = check_fails(
        "first-level-not-zero.toml",
        "the first level must start at 0",
        "8:7",
        1,
    );
    insta::assert_snapshot!("first_level_not_zero", err);
}

#[test]
fn level_min_out_of_range() {
    let err = check_fails(
        "level-min-out-of-range.toml",
        "a level's `min` must be between 0 and 100",
        "16:7",
        1,
    );
    insta::assert_snapshot!("level_min_out_of_range", err);
}

#[test]
fn recommendation_with_unknown_level_lists_the_levels() {
    let err = check_fails(
        "unknown-recommendation-level.toml",
        "unknown level `Highest`",
        "28:11",
        1,
    );
    assert!(err.contains("help: levels are: Low, High"), "{err}");
    insta::assert_snapshot!("unknown_recommendation_level", err);
}

#[test]
fn cite_not_in_the_bibliography() {
    let err = check_fails(
        "unknown-cite.toml",
        "`nobody2099` is not in the bibliography",
        "26:22",
        1,
    );
    // The other key of the same list is in the built-in bibliography.
    assert!(!err.contains("`brown2020`"), "{err}");
    insta::assert_snapshot!("unknown_cite", err);
}

#[test]
fn scale_max_not_above_min() {
    let err = check_fails(
        "scale-max-not-above-min.toml",
        "scale `max` (5) must be greater than `min` (5)",
        "8:7",
        1,
    );
    insta::assert_snapshot!("scale_max_not_above_min", err);
}

#[test]
fn wrong_number_of_labels() {
    let err = check_fails(
        "wrong-label-count.toml",
        "the scale 1..5 has 5 points but 3 labels",
        "9:10",
        1,
    );
    assert!(
        err.contains("give exactly 5 labels, one per point, or none"),
        "{err}"
    );
    insta::assert_snapshot!("wrong_label_count", err);
}

#[test]
fn missing_answer_label_that_is_also_a_scale_label() {
    // `maybe` vs the label `Maybe`: the comparison ignores case.
    let err = check_fails(
        "missing-label-is-scale-label.toml",
        "`maybe` is both an answer and a missing answer",
        "10:24",
        1,
    );
    insta::assert_snapshot!("missing_label_is_scale_label", err);
}

#[test]
fn min_group_size_below_three() {
    let err = check_fails(
        "min-group-size-too-small.toml",
        "`min_group_size` must be at least 3",
        "7:18",
        1,
    );
    insta::assert_snapshot!("min_group_size_too_small", err);
}

#[test]
fn non_positive_weight() {
    let err = check_fails(
        "non-positive-weight.toml",
        "a weight must be greater than 0",
        "21:10",
        1,
    );
    insta::assert_snapshot!("non_positive_weight", err);
}

/// A weight of 1e308 made the overall score infinite ("Overall inf") and the
/// report print 9223372036854775807 out of 100.
#[test]
fn huge_weight() {
    check_fails(
        "huge-weight.toml",
        "a weight must be at most 1000",
        "17:10",
        1,
    );
}

/// A `javascript:` url became a link in HTML, Markdown and PDF.
#[test]
fn own_bibliography_with_a_url_that_is_not_a_web_address() {
    check_fails_in(
        "own-bibliography-bad-url/rubric.toml",
        &fixture("own-bibliography-bad-url/papers.toml"),
        "a paper's url must be a web address",
        "9:7",
        1,
    );
}

#[test]
fn own_bibliography_with_an_incomplete_paper() {
    // The rubric names `bibliography = "papers.toml"`; the errors point into
    // that file, next to the rubric.
    let papers = fixture("own-bibliography-incomplete/papers.toml");
    let err = check_fails_in(
        "own-bibliography-incomplete/rubric.toml",
        &papers,
        "missing required key `title` in `[[paper]]`",
        "11:1",
        3,
    );
    for key in ["year", "url"] {
        let msg = format!("missing required key `{key}` in `[[paper]]`");
        assert!(err.contains(&msg), "expected {msg:?} in:\n{err}");
    }
    insta::assert_snapshot!("own_bibliography_incomplete", err);
}

#[test]
fn own_bibliography_with_an_uncited_paper_is_only_a_warning() {
    let r = run(&["check", &fixture("own-bibliography-uncited/rubric.toml")]);
    let stderr = portable(&r.stderr);
    assert_eq!(r.code, Some(0), "{stderr}");
    assert!(
        stderr.contains("paper `uncited2022`"),
        "expected the uncited paper in:\n{stderr}"
    );
    assert!(stderr.contains("is not cited"), "{stderr}");
    assert!(
        stderr.contains("tests/fixtures/check/own-bibliography-uncited/papers.toml"),
        "the warning names the bibliography file:\n{stderr}"
    );
    assert!(!stderr.contains("complete2020"), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(
        r.stdout
            .starts_with("ok: tests/fixtures/check/own-bibliography-uncited/rubric.toml\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("citing 1 of the 2 papers in its bibliography"),
        "the summary counts the rubric's own papers:\n{}",
        r.stdout
    );
    insta::assert_snapshot!("own_bibliography_uncited", stderr);
}

#[test]
fn bibliography_file_that_does_not_exist() {
    let err = check_fails(
        "bibliography-missing.toml",
        "cannot read tests/fixtures/check/no-such-papers.toml",
        "5:16",
        1,
    );
    // Resolved next to the rubric, not in the current directory.
    assert!(
        err.contains("tests/fixtures/check/no-such-papers.toml"),
        "{err}"
    );
    assert!(err.contains("named here"), "{err}");
    // The rest of the rubric is still checked: no other error here.
    // The OS's wording of "file not found" differs between systems.
    if cfg!(unix) {
        insta::assert_snapshot!("bibliography_missing", err);
    }
}

#[test]
fn many_mistakes_are_all_reported_at_once() {
    let r = run(&["check", &fixture("many-mistakes.toml")]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let err = r.stderr;
    let messages = [
        "rubric id `Bad Rubric` is not a valid id",
        "the scale 1..5 has 5 points but 3 labels",
        "`min_group_size` must be at least 3",
        "the first level must start at 0",
        "levels must ascend: `min = 5` is not above the previous level's 10",
        "duplicate level `Low`",
        "unknown key `dimension.wieght`",
        "did you mean `weight`?",
        "`dimension.question.weight` must be a number, found a string",
        "duplicate question id `prompting.library`",
        "unknown level `Lowest`",
        "`nobody2099` is not in the bibliography",
        "duplicate dimension id `prompting`",
        "scale `max` (1) must be greater than `min` (5)",
        "dimension `prompting` has no recommendation for level(s): Low, High",
    ];
    for m in messages {
        assert!(err.contains(m), "expected {m:?} in:\n{err}");
    }
    // 13 errors (one per mistake) and the coverage warning for each of the
    // two `prompting` dimensions.
    assert_eq!(err.matches("  × ").count(), 13, "{err}");
    assert_eq!(err.matches("  ⚠ ").count(), 2, "{err}");
    assert!(err.ends_with("error: 13 error(s), 2 warning(s)\n"), "{err}");
    // Sorted by position: the first mistake in the file comes first.
    let first = err.find("Bad Rubric").unwrap();
    let last = err.find("scale `max` (1)").unwrap();
    assert!(first < last, "{err}");
    insta::assert_snapshot!("many_mistakes", err);
}

#[test]
fn warnings_only_rubric_passes_with_the_summary_on_stdout() {
    let r = run(&["check", &fixture("warnings-only.toml")]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("dimension `alpha` has no recommendation for level(s): High"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("[tests/fixtures/check/warnings-only.toml:15:6]"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains('⚠'), "{}", r.stderr);
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("ok: tests/fixtures/check/warnings-only.toml\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("levels:      Low (0) < High (50)"));
    assert!(!r.stdout.contains("no recommendation"), "{}", r.stdout);
    insta::assert_snapshot!("warnings_only_stderr", r.stderr);
    insta::assert_snapshot!("warnings_only_stdout", r.stdout);
}

#[test]
fn choices_for_a_column_that_is_not_a_group() {
    let err = check_fails(
        "choices-unknown-group.toml",
        "choices for `tema`, which is not a group column",
        "11:1",
        1,
    );
    assert!(
        err.contains("help: group columns are: `team`, `role`"),
        "{err}"
    );
    insta::assert_snapshot!("choices_unknown_group", err);
}

#[test]
fn duplicate_choice_ignores_case_and_surrounding_spaces() {
    let err = check_fails(
        "choices-duplicate.toml",
        "duplicate choice ` manager `",
        "10:33",
        1,
    );
    insta::assert_snapshot!("choices_duplicate", err);
}

#[test]
fn empty_choices() {
    let err = check_fails(
        "choices-empty.toml",
        "the choices for `team` are empty",
        "8:20",
        1,
    );
    assert!(err.contains("ask it as free text"), "{err}");
    insta::assert_snapshot!("choices_empty", err);
}

#[test]
fn choices_must_be_lists_of_strings() {
    let (_dir, r) = check_text(&format!(
        "[rubric]\nid = \"tiny\"\n\n[respondents]\ngroups = [\"team\"]\n\
         choices = {{ team = \"Platform\" }}\n{TAIL}"
    ));
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("`respondents.choices.team` must be a list of strings, found a string"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------
// Bugs found while writing these tests. Each documents the expected
// behaviour and is ignored until src/ is fixed.
// ---------------------------------------------------------------------------

/// Writes a rubric to a temporary directory and checks it.
fn check_text(text: &str) -> (tempfile::TempDir, Run) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rubric.toml");
    std::fs::write(&path, text).unwrap();
    let r = run(&["check", path.to_str().unwrap()]);
    (dir, r)
}

const TAIL: &str = r#"
[[level]]
name = "Low"
min = 0

[[dimension]]
id = "alpha"
name = "Alpha"

[[dimension.question]]
id = "alpha.one"
text = "We do one thing."

[[dimension.recommendation]]
levels = ["Low"]
title = "Do more"
text = "Do more of it."
"#;

#[test]
fn huge_scale_is_an_error_not_a_crash() {
    let (_dir, r) = check_text(&format!(
        "[rubric]\nid = \"tiny\"\n\n[scale]\nmin = -10\nmax = 9223372036854775807\n{TAIL}"
    ));
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.stderr.contains("points is too long"), "{}", r.stderr);
}

#[test]
fn inherited_missing_label_that_is_a_label_of_the_question_scale() {
    // The questionnaire would offer "2 Maybe" and "Maybe" side by side, one
    // scored 2 and the other counted as not answered.
    let (_dir, r) = check_text(&format!(
        "[rubric]\nid = \"tiny\"\n\n[scale]\nmissing = [\"Maybe\"]\n{}",
        TAIL.replace(
            "text = \"We do one thing.\"\n",
            "text = \"We do one thing.\"\n[dimension.question.scale]\nmin = 1\nmax = 3\n\
             labels = [\"No\", \"Maybe\", \"Yes\"]\n"
        )
    ));
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    assert!(
        r.stderr.contains(
            "`Maybe` is a point of this scale but a missing answer of the rubric's scale"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn question_id_that_is_also_a_group_column() {
    let (_dir, r) = check_text(&format!(
        "[rubric]\nid = \"tiny\"\n\n[respondents]\nid = \"respondent_id\"\ngroups = [\"team\"]\n{}",
        TAIL.replace("id = \"alpha.one\"", "id = \"team\"")
    ));
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    assert!(r.stderr.contains("`team`"), "{}", r.stderr);
}

#[test]
fn column_counts_characters_after_non_ascii_text() {
    let (_dir, r) = check_text(&format!(
        "[rubric]\nid = \"tiny\"\n\n[scale]\nmin = 1\nmax = 3\n\
         labels = [\"Nein\", \"Vielleicht\", \"Ja\"]\n\
         missing = [\"Weiß nicht\", \"vielleicht\"]\n{TAIL}"
    ));
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    // `missing = ["Weiß nicht", ` is 25 characters (26 bytes): the second
    // item starts in column 26.
    assert!(r.stderr.contains("rubric.toml:8:26]"), "{}", r.stderr);
}

#[test]
fn citing_an_incomplete_paper_does_not_claim_it_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join("own-bibliography-incomplete");
    std::fs::copy(src.join("papers.toml"), dir.path().join("papers.toml")).unwrap();
    let rubric = std::fs::read_to_string(src.join("rubric.toml"))
        .unwrap()
        .replace(
            "cite = [\"complete2020\"]",
            "cite = [\"complete2020\", \"incomplete2021\"]",
        );
    let path = dir.path().join("rubric.toml");
    std::fs::write(&path, rubric).unwrap();
    let r = run(&["check", path.to_str().unwrap()]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("missing required key `title`"));
    // The paper IS in the bibliography; only its missing fields are errors.
    assert!(
        !r.stderr
            .contains("`incomplete2021` is not in the bibliography"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("3 error(s)"), "{}", r.stderr);
}

/// `check /dev/zero` read forever, memory growing: rubrics are read up to a
/// documented size (4 MB) and anything larger is an error.
#[cfg(unix)]
#[test]
fn an_endless_file_is_refused_not_read_forever() {
    let r = run(&["check", "/dev/zero"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("larger than 4 MB"), "{}", r.stderr);
}
