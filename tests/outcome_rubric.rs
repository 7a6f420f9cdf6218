//! Outcome items in the rubric (`[outcome]` with `[[outcome.question]]`):
//! `check` reports each mistake at its line and column, the built-in rubric
//! has its outcome items, and every questionnaire asks them.
//!
//! Fixtures in `tests/fixtures/outcome/` are `tests/fixtures/check/valid.toml`
//! with an `[outcome]` table added, each with one mistake (`valid.toml` none).

use assert_cmd::Command;

fn check(name: &str) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", &format!("tests/fixtures/outcome/{name}")])
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap().replace('\\', "/"),
    )
}

/// The fixture fails with `errors` errors, one of them `message` at
/// `line:col`.
fn fails(name: &str, message: &str, at: &str, errors: usize) {
    let (code, _, err) = check(name);
    assert_eq!(code, Some(1), "{name}: {err}");
    assert!(err.contains(message), "{name}: {err}");
    assert!(
        err.contains(&format!("tests/fixtures/outcome/{name}:{at}]")),
        "{name} at {at}: {err}"
    );
    assert!(
        err.contains(&format!("error: {errors} error(s), 0 warning(s)")),
        "{name}: {err}"
    );
}

#[test]
fn a_valid_outcome_is_summarised() {
    let (code, out, err) = check("valid.toml");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("outcome: Value (outcome; 2 items), scored in no dimension"),
        "{out}"
    );
}

#[test]
fn an_outcome_item_may_not_reuse_a_question_id() {
    fails(
        "duplicate-id.toml",
        "duplicate question id `alpha.one`",
        "31:6",
        1,
    );
}

#[test]
fn an_outcome_item_may_not_reuse_a_question_text() {
    fails(
        "duplicate-text.toml",
        "two questions have the same text",
        "32:8",
        1,
    );
}

#[test]
fn an_outcome_item_names_no_level() {
    fails("level.toml", "an outcome item names no level", "33:9", 1);
}

#[test]
fn an_outcome_needs_an_item_and_a_name() {
    fails("empty.toml", "`[outcome]` has no question", "27:1", 1);
    fails(
        "no-name.toml",
        "missing required key `name` in `[outcome]`",
        "27:1",
        1,
    );
}

#[test]
fn every_mistake_is_reported_at_once() {
    fails(
        "id-and-key.toml",
        "the outcome's id `alpha` is also a dimension's id",
        "28:6",
        2,
    );
    let (_, _, err) = check("id-and-key.toml");
    assert!(
        err.contains("unknown key `outcome.question.wieght`"),
        "{err}"
    );
    assert!(err.contains("did you mean `weight`?"), "{err}");
}

#[test]
fn the_builtin_rubric_has_outcome_items_in_its_time_frame() {
    let r = mlbizops::rubric::load(None).unwrap().rubric;
    let o = r
        .outcome
        .as_ref()
        .expect("the built-in rubric has outcome items");
    assert!((3..=4).contains(&o.questions.len()));
    for q in &o.questions {
        assert!(q.text.starts_with("In the last quarter, "), "{}", q.text);
        assert!(q.level.is_none() && !q.reverse);
        assert!(q.id.starts_with("outcome."));
        // Asked on the same scale as the practices, with the same non-answers.
        assert_eq!(q.scale, r.scale);
    }
    // No dimension holds them.
    assert!(r.questions().all(|(_, q)| !q.id.starts_with("outcome.")));
}

#[test]
fn every_questionnaire_asks_the_outcome_items() {
    let r = mlbizops::rubric::load(None).unwrap().rubric;
    let o = r.outcome.as_ref().unwrap();
    let q = mlbizops::questionnaire::qualtrics(&r).unwrap();
    let g = mlbizops::questionnaire::google_forms(&r).unwrap();
    let l = mlbizops::questionnaire::limesurvey(&r).unwrap();
    let md = mlbizops::questionnaire::markdown(&r);
    let html = mlbizops::questionnaire::html(&r);
    let csv = mlbizops::questionnaire::csv_header(&r);
    assert!(q.contains("[[ID:outcome]]"));
    assert!(md.contains("## 10. Value from LLMs"));
    for item in &o.questions {
        assert!(q.contains(&item.text), "qualtrics: {}", item.id);
        assert!(g.contains(&item.text), "google forms: {}", item.id);
        assert!(l.contains(&item.text), "limesurvey: {}", item.id);
        assert!(md.contains(&item.text), "markdown: {}", item.id);
        assert!(html.contains(&item.text), "html: {}", item.id);
        assert!(csv.contains(&item.id), "csv: {}", item.id);
    }
}
