//! `check` on rubrics staged by practice (issue 14): each test takes the
//! valid levelled fixture, makes one change, and asserts the diagnostic,
//! its line and the error count, all reported at once as for every rubric.

use assert_cmd::Command;

const FIXTURE: &str = "tests/fixtures/levels/rubric.toml";

struct Out {
    code: Option<i32>,
    stderr: String,
}

fn check_text(text: &str) -> Out {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rubric.toml");
    std::fs::write(&path, text).unwrap();
    let out = Command::cargo_bin("mlbizops")
        .unwrap()
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    Out {
        code: out.status.code(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn fixture() -> String {
    std::fs::read_to_string(FIXTURE).unwrap()
}

/// The fixture with `from` replaced by `to` (which must occur once).
fn changed(from: &str, to: &str) -> String {
    let text = fixture();
    assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
    text.replacen(from, to, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn fails(text: &str, message: &str, at_line_of: &str, errors: usize) -> String {
    fails_at(text, message, line_of(text, at_line_of), errors)
}

fn fails_at(text: &str, message: &str, line: usize, errors: usize) -> String {
    let out = check_text(text);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains(message),
        "want {message:?} in:\n{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!("rubric.toml:{line}:")),
        "want line {line} in:\n{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!("{errors} error(s)")),
        "want {errors} error(s) in:\n{}",
        out.stderr
    );
    out.stderr
}

#[test]
fn the_fixture_is_valid_without_warnings() {
    let out = check_text(&fixture());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "");
}

#[test]
fn a_recommendation_needs_an_id() {
    let text = changed("id = \"data.list\"\n", "");
    fails(
        &text,
        "this recommendation has no `id`",
        "title = \"List the data sent to LLMs\"",
        1,
    );
}

#[test]
fn addresses_must_name_a_question_of_the_dimension() {
    let text = changed(
        "addresses = [\"data.inventory\"]",
        "addresses = [\"data.inventory\", \"ops.owner\"]",
    );
    let err = fails(
        &text,
        "`addresses` names unknown question `ops.owner`",
        "\"ops.owner\"]",
        1,
    );
    assert!(err.contains("a question of `ops`, not of `data`"), "{err}");
}

#[test]
fn a_citation_needs_a_finding() {
    let text = changed(
        "finding = \"Removing duplicated training text reduced memorized output.\"\n",
        "",
    );
    fails(
        &text,
        "citation `lee2022dedup` has no `finding`",
        "cite = \"lee2022dedup\"",
        1,
    );
}

#[test]
fn a_plain_cite_list_is_a_citation_without_finding() {
    let text = changed(
        "text = \"Give every LLM feature one named owner.\"\n",
        "text = \"Give every LLM feature one named owner.\"\ncite = [\"sculley2015debt\"]\n",
    );
    fails(
        &text,
        "a citation without a `finding`",
        "cite = [\"sculley2015debt\"]",
        1,
    );
}

#[test]
fn every_level_above_the_first_needs_a_practice_in_a_levelled_dimension() {
    let text = changed(
        "text = \"In the last quarter, my team knew what each LLM feature cost to run.\"\nlevel = \"Scaling\"\n",
        "text = \"In the last quarter, my team knew what each LLM feature cost to run.\"\n",
    );
    fails(
        &text,
        "dimension `ops` has no practice for level(s): Scaling",
        "id = \"ops\"",
        1,
    );
}

#[test]
fn a_levelled_practice_needs_a_recommendation_addressing_it() {
    let text = changed("addresses = [\"data.monitoring\"]\n", "");
    let err = fails(
        &text,
        "no recommendation addresses practice `data.monitoring`",
        "level = \"Scaling\"",
        2,
    );
    assert!(
        err.contains("this recommendation addresses no practice"),
        "{err}"
    );
}

#[test]
fn a_reverse_keyed_question_carries_no_level_and_two_are_a_warning() {
    let text = changed(
        "text = \"In the last quarter, an LLM feature of my team failed in a way nobody expected.\"\nreverse = true\n",
        "text = \"In the last quarter, an LLM feature of my team failed in a way nobody expected.\"\nreverse = true\nlevel = \"Adopting\"\n\n[[dimension.question]]\nid = \"ops.overruns\"\ntext = \"In the last quarter, an LLM bill of my team was higher than planned.\"\nreverse = true\n",
    );
    // The level right after the first `reverse = true`.
    let line = line_of(&text, "reverse = true") + 1;
    let err = fails_at(
        &text,
        "a reverse-keyed question cannot carry a level",
        line,
        2,
    );
    // Levelled, it is a practice that nothing addresses, too.
    assert!(
        err.contains("no recommendation addresses practice `ops.surprises`"),
        "{err}"
    );
    assert!(
        err.contains("dimension `ops` has 2 reverse-keyed questions"),
        "{err}"
    );
    assert!(err.contains("1 warning(s)"), "{err}");
}

#[test]
fn a_question_level_must_exist_and_not_be_the_first() {
    let text = changed(
        "id = \"ops.owner\"\ntext = \"In the last quarter, each LLM feature my team runs had a named owner.\"\nlevel = \"Experimenting\"",
        "id = \"ops.owner\"\ntext = \"In the last quarter, each LLM feature my team runs had a named owner.\"\nlevel = \"Experimentng\"",
    );
    let err = fails(
        &text,
        "unknown level `Experimentng`",
        "level = \"Experimentng\"",
        2,
    );
    // ops then has no Experimenting practice either.
    assert!(
        err.contains("no practice for level(s): Experimenting"),
        "{err}"
    );
    let text = fixture().replacen(
        "text = \"In the last quarter, my team kept a list of the data sets we send to LLMs.\"\nlevel = \"Experimenting\"",
        "text = \"In the last quarter, my team kept a list of the data sets we send to LLMs.\"\nlevel = \"Exploring\"",
        1,
    );
    fails(
        &text,
        "`Exploring` is the first level, which needs no practice",
        "level = \"Exploring\"",
        1,
    );
}

#[test]
fn horizon_is_30_60_or_90_days() {
    let text = changed(
        "horizon = 30\ntitle = \"List",
        "horizon = 45\ntitle = \"List",
    );
    fails(
        &text,
        "`horizon` must be 30, 60 or 90 (days)",
        "horizon = 45",
        1,
    );
}

#[test]
fn the_in_place_threshold_is_a_percentage() {
    let text = changed("in_place = 60", "in_place = 0.6");
    let out = check_text(&text);
    // 0.6 is a valid percentage (0.6%), if odd; 100 and 0 are not.
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = changed("in_place = 60", "in_place = 100");
    fails(
        &text,
        "`in_place` must be a percentage above 0 and below 100",
        "in_place = 100",
        1,
    );
}

#[test]
fn unstaged_rubrics_keep_requiring_levels_and_min() {
    // Without any question level the rubric levels by score: `min` and a
    // recommendation's `levels` are required again.
    let text = fixture().replace("level = \"", "# level = \"");
    let out = check_text(&text);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("missing required key `min`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("missing required key `levels`"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unknown_cite_key_suggests_the_key_it_starts_or_nearly_spells() {
    // The example: `gebru2021` for `gebru2021datasheets`.
    let text = fixture().replacen(
        "cite = \"gebru2021datasheets\"\nfinding = \"Documenting",
        "cite = \"gebru2021\"\nfinding = \"Documenting",
        1,
    );
    let err = fails(
        &text,
        "`gebru2021` is not in the bibliography",
        "cite = \"gebru2021\"",
        1,
    );
    assert!(err.contains("did you mean `gebru2021datasheets`?"), "{err}");
    assert!(err.contains("`mlbizops papers` lists the keys"), "{err}");
    // A near spelling.
    let text = fixture().replacen("cite = \"sculley2015debt\"", "cite = \"sculey2015debt\"", 1);
    let err = fails(
        &text,
        "`sculey2015debt` is not in the bibliography",
        "sculey2015debt",
        1,
    );
    assert!(err.contains("did you mean `sculley2015debt`?"), "{err}");
}
