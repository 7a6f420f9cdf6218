//! The survey-tool questionnaires (`mlbizops::questionnaire::{qualtrics,
//! google_forms, limesurvey}`) on the built-in rubric and on a small rubric
//! made to be awkward (tests/fixtures/questionnaire/rubric.toml): a group
//! column with choices and one without, a dimension asked as two matrices,
//! quotes, a backslash, non-ASCII text and a " - " in a dimension name.
//!
//! Each file is read back with a small parser of its format and compared
//! with the rubric, so a statement lost, doubled or moved fails a test.

use std::path::Path;

use mlbizops::questionnaire::{google_forms, limesurvey, qualtrics};
use mlbizops::rubric::{self, Rubric};

// A test crate's root finds modules beside it, not in a folder of its name.
#[path = "questionnaire_tools/google_forms.rs"]
mod google_forms;
#[path = "questionnaire_tools/limesurvey.rs"]
mod limesurvey;
#[path = "questionnaire_tools/qualtrics.rs"]
mod qualtrics;

/// How a group column is asked: "team" -> "Team" (columns match group names
/// ignoring case, so the export still reads back).
pub fn titled(g: &str) -> String {
    let mut c = g.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

pub fn builtin() -> Rubric {
    rubric::load(None).expect("built-in rubric").rubric
}

pub fn fixture() -> Rubric {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/questionnaire/rubric.toml");
    rubric::load(Some(&path)).expect("fixture rubric").rubric
}

/// The answers a matrix should offer: labels (or numbers), then the first
/// missing label.
pub fn expected_answers(s: &rubric::Scale) -> Vec<String> {
    let mut out: Vec<String> = (s.min..=s.max)
        .map(|p| s.label(p).map_or_else(|| p.to_string(), str::to_string))
        .collect();
    // Then the non-answers: the first `missing`, `not_sure` and
    // `not_applicable` label, each where the scale has one.
    for list in [&s.missing, &s.not_sure, &s.not_applicable] {
        out.extend(list.first().cloned());
    }
    out
}

/// A rubric whose two questions get the same subquestion code
/// (`x-y` and `xY` both become `xY`).
fn colliding() -> Rubric {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/questionnaire/rubric.toml"),
    )
    .unwrap()
    .replace("data-governance.policy", "data-governance.x-y")
    .replace("data-governance.paths", "data-governance.xY");
    rubric::load_str("colliding.toml", &text, None)
        .expect("still a valid rubric")
        .rubric
}

#[test]
fn colliding_codes_are_an_error_naming_both_ids() {
    let r = colliding();
    for err in [
        qualtrics(&r).expect_err("codes collide"),
        google_forms(&r).expect_err("codes collide"),
        limesurvey(&r).expect_err("codes collide"),
    ] {
        assert!(err.contains("`data-governance.x-y`"), "{err}");
        assert!(err.contains("`data-governance.xY`"), "{err}");
    }
}
