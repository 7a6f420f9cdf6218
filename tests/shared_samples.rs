//! Real exports from the survey tools, read as they come.
//!
//! The files live in `../shared/samples/` (see its SOURCES.md): they were
//! gathered from public repositories and may not be copied into the project,
//! so this test reads them in place. People who clone the project alone have
//! no `../shared`, and the test skips for them; CI sets
//! `MLBIZOPS_REQUIRE_SHARED=1`, which makes a missing folder a failure.
//!
//! Each file gets a small rubric of its own. Expected counts were computed
//! independently with Python's `csv` module and `collections.Counter` over
//! the same files (every non-empty cell of the column, by label), not with
//! mlbizops.

use std::path::{Path, PathBuf};

use mlbizops::rubric::{load_str, Rubric};
use mlbizops::score::model::{QuestionScore, Scores};
use mlbizops::score::{score_file, ScoreOptions};
use mlbizops::survey::InputFormat;

fn samples() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("MLBIZOPS_REQUIRE_SHARED").is_some() {
        panic!(
            "MLBIZOPS_REQUIRE_SHARED is set but {} does not exist",
            dir.display()
        );
    }
    println!(
        "skipped: ../shared/samples not found (set MLBIZOPS_REQUIRE_SHARED to make this an error)"
    );
    None
}

/// A rubric with one dimension per question, so that a row is scored when
/// it answers any of them and each question's counts are simply its
/// column's answers.
fn rubric(questions: &[(&str, &str)], labels: &[&str], missing: &[&str]) -> Rubric {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let list = |l: &[&str]| {
        format!(
            "[{}]",
            l.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
        )
    };
    let max = if labels.is_empty() { 5 } else { labels.len() };
    let mut t = format!(
        "[rubric]\nid = \"sample\"\ntitle = \"Sample\"\nversion = \"1\"\n\n\
         [scale]\nmin = 1\nmax = {max}\nmissing = {}\n",
        list(missing)
    );
    if !labels.is_empty() {
        t.push_str(&format!("labels = {}\n", list(labels)));
    }
    t.push_str("\n[[level]]\nname = \"Low\"\nmin = 0\n\n[[level]]\nname = \"High\"\nmin = 50\n\n");
    for (i, (id, text)) in questions.iter().enumerate() {
        t.push_str(&format!(
            "[[dimension]]\nid = \"d{i}\"\nname = \"D{i}\"\n\n[[dimension.question]]\nid = {}\ntext = {}\n\n",
            q(id),
            q(text)
        ));
    }
    load_str("sample.toml", &t, None)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .rubric
}

/// Scores a sample. `threshold` 1 is only for the one-response samples:
/// the library allows it, the command line and rubrics never do.
fn score(dir: &Path, file: &str, r: &Rubric, threshold: usize) -> Scores {
    let opts = ScoreOptions {
        min_group_size: Some(threshold),
        ..ScoreOptions::default()
    };
    score_file(r, &dir.join(file), &opts).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn question<'s>(s: &'s Scores, id: &str) -> &'s QuestionScore {
    s.dimensions
        .iter()
        .flat_map(|d| &d.questions)
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("no question {id}"))
}

fn dist(s: &Scores, id: &str) -> Vec<u64> {
    question(s, id)
        .distribution
        .clone()
        .unwrap_or_else(|| panic!("{id} has no distribution"))
}

#[test]
fn qualtrics_three_header_rows_with_old_style_import_ids() {
    let Some(dir) = samples() else { return };
    let r = rubric(&[("Q2_1", "s1"), ("Q2_2", "s2"), ("Q2_3", "s3")], &[], &[]);
    let s = score(
        &dir,
        "qualtrics/QualtricsTools-Single_Answer_Matrix_Questions_Insights.csv",
        &r,
        3,
    );
    assert_eq!(s.input.layout, "qualtrics");
    assert_eq!(
        s.input.layout_description,
        "Qualtrics, 3 header rows, detected"
    );
    assert_eq!((s.respondents.read, s.respondents.scored), (5, 5));
    // Q2_1 = 3,4,2,4,3; Q2_2 = 4,4,3,2,3; Q2_3 = 4,3,1,2,1.
    assert_eq!(dist(&s, "Q2_1"), [0, 1, 2, 2, 0]);
    assert_eq!(dist(&s, "Q2_2"), [0, 1, 2, 2, 0]);
    assert_eq!(dist(&s, "Q2_3"), [2, 1, 1, 1, 0]);
    // The Finished column is read, not listed as ignored.
    assert!(!s.input.ignored_columns.iter().any(|c| c == "Finished"));
    assert!(s.input.ignored_columns.iter().any(|c| c == "StartDate"));
}

#[test]
fn qualtrics_legacy_two_header_rows_read_alike() {
    let Some(dir) = samples() else { return };
    let r = rubric(&[("Q2_1", "s1"), ("Q2_2", "s2"), ("Q2_3", "s3")], &[], &[]);
    let s = score(
        &dir,
        "qualtrics/QualtricsTools-Single_Answer_Matrix_Questions_Legacy.csv",
        &r,
        3,
    );
    assert_eq!(
        s.input.layout_description,
        "Qualtrics, legacy, 2 header rows, detected"
    );
    assert_eq!(s.input.encoding, "UTF-8 with BOM");
    assert_eq!((s.respondents.read, s.respondents.scored), (5, 5));
    assert_eq!(dist(&s, "Q2_1"), [0, 1, 2, 2, 0]);
    assert_eq!(dist(&s, "Q2_3"), [2, 1, 1, 1, 0]);
    // Legacy columns are named by their second row.
    assert!(s.input.ignored_columns.iter().any(|c| c == "ResponseID"));
}

#[test]
fn qualtrics_matrix_sample() {
    let Some(dir) = samples() else { return };
    let r = rubric(&[("Q12_1", "a"), ("Q12_2", "b"), ("Q11_3", "c")], &[], &[]);
    let s = score(
        &dir,
        "qualtrics/QualtricsTools-Matrix_Single_Answer_Testing_Insights.csv",
        &r,
        3,
    );
    assert_eq!(s.input.layout, "qualtrics");
    assert_eq!(s.respondents.scored, 5);
    // Q12_1 = 1,1,1,3,2; Q12_2 = 2,3,3,2,1; Q11_3 = 1,3,3,1,3.
    assert_eq!(dist(&s, "Q12_1"), [3, 1, 1, 0, 0]);
    assert_eq!(dist(&s, "Q12_2"), [1, 2, 2, 0, 0]);
    assert_eq!(dist(&s, "Q11_3"), [2, 0, 3, 0, 0]);
}

#[test]
fn qualtrics_one_response_samples_current_and_legacy() {
    let Some(dir) = samples() else { return };
    // Q1 is a multiple-choice question; its one answer is choice 2. The
    // question-text row is in German: matching uses the export tag.
    let r = rubric(&[("Q1", "This is a multiple choice question.")], &[], &[]);
    for (file, variant) in [
        ("qualtrics/qualtRics-sample.csv", "3 header rows"),
        (
            "qualtrics/qualtRics-sample_legacy.csv",
            "legacy, 2 header rows",
        ),
    ] {
        let s = score(&dir, file, &r, 1);
        assert_eq!(
            s.input.layout_description,
            format!("Qualtrics, {variant}, detected"),
            "{file}"
        );
        assert_eq!((s.respondents.read, s.respondents.scored), (1, 1), "{file}");
        assert_eq!(dist(&s, "Q1"), [0, 1, 0, 0, 0], "{file}");
    }
}

#[test]
fn surveymonkey_response_columns_by_question_text() {
    let Some(dir) = samples() else { return };
    let r = rubric(
        &[
            ("smoke", "Do you ever smoke cigarettes?"),
            ("drink", "Do you ever drink alcohol?"),
            ("gamble", "Do you ever gamble?"),
        ],
        &["No", "Yes"],
        &[],
    );
    let s = score(
        &dir,
        "surveymonkey/fivethirtyeight-steak-risk-survey.csv",
        &r,
        3,
    );
    assert_eq!(
        s.input.layout_description,
        "SurveyMonkey, 2 header rows, detected"
    );
    // 550 rows after the two header rows; 9 answer none of the three.
    assert_eq!(s.respondents.read, 550);
    assert_eq!(s.respondents.scored, 541);
    assert_eq!(dist(&s, "smoke"), [453, 84]);
    assert_eq!(dist(&s, "drink"), [125, 416]);
    assert_eq!(dist(&s, "gamble"), [280, 257]);
    // Row numbers count both header rows: the first answer row is row 3.
    let first = &s.respondents.excluded[0];
    assert_eq!(first.row, 3, "{first:?}");
}

#[test]
fn surveymonkey_without_respondent_id_and_with_a_not_applicable_choice() {
    let Some(dir) = samples() else { return };
    let r = rubric(
        &[(
            "pray",
            "How often do you: Pray in public with visible motions (sign of the cross, bowing, prostration, shokeling, etc)",
        )],
        &[
            "Never",
            "Once a year or less",
            "Once a month or less",
            "A few times per month",
            "A few times per week",
            "Every day",
        ],
        &["Not applicable to my religious beliefs"],
    );
    let s = score(
        &dir,
        "surveymonkey/fivethirtyeight-religion-survey-results.csv",
        &r,
        3,
    );
    assert_eq!(s.input.layout, "surveymonkey");
    assert_eq!(s.respondents.read, 1039);
    assert_eq!(dist(&s, "pray"), [386, 77, 65, 76, 77, 108]);
    // 114 empty and 136 "not applicable" rows have no scorable answer.
    assert_eq!(s.respondents.scored, 1039 - 114 - 136);
    assert_eq!(s.input.unreadable_cells, 0);
}

#[test]
fn google_forms_tab_separated_with_multi_line_cells() {
    let Some(dir) = samples() else { return };
    let r = rubric(
        &[
            ("enjoy", "Please rate how much you enjoy using R on a scale of 1 to 5, where 1 is you don't enjoy it at all, and 5 is that you enjoy it a great deal."),
            ("difficulty", "Compared with other technical topics you've learned in school and on the job, on a scale of 1 to 5, how difficult has it been for you to learn R?"),
        ],
        &[],
        &[],
    );
    let s = score(
        &dir,
        "googleforms/r-community-survey-2018-Learning-R-Form-Responses-1.tsv",
        &r,
        3,
    );
    assert_eq!(
        s.input.layout_description,
        "Google Forms, 1 header row, detected"
    );
    assert_eq!(s.input.delimiter, "tab");
    assert_eq!(s.respondents.read, 3062);
    assert_eq!(s.respondents.scored, 3062 - 61);
    assert_eq!(dist(&s, "enjoy"), [16, 49, 189, 781, 1966]);
    assert_eq!(dist(&s, "difficulty"), [169, 769, 1314, 643, 106]);
}

#[test]
fn limesurvey_array_columns_through_the_tool_codes() {
    let Some(dir) = samples() else { return };
    // Dimension `q1` with questions `q1.vis1`..: the codes function makes
    // them `q1[vis1]`.., the export's array columns.
    let text =
        "[rubric]\nid = \"l\"\ntitle = \"L\"\nversion = \"1\"\n\n[scale]\nmin = 1\nmax = 5\n\n\
        [[level]]\nname = \"Low\"\nmin = 0\n\n[[dimension]]\nid = \"q1\"\nname = \"Vision\"\n\n\
        [[dimension.question]]\nid = \"q1.vis1\"\ntext = \"One\"\n\n\
        [[dimension.question]]\nid = \"q1.vis2\"\ntext = \"Two\"\n";
    let r = load_str("l.toml", text, None).unwrap().rubric;
    let s = score(&dir, "limesurvey/pulsemanager-export_responses.csv", &r, 1);
    assert_eq!(
        s.input.layout_description,
        "LimeSurvey, 1 header row, detected"
    );
    assert_eq!(s.input.encoding, "UTF-8 with BOM");
    assert_eq!(s.input.delimiter, ";");
    assert_eq!((s.respondents.read, s.respondents.scored), (1, 1));
    assert_eq!(dist(&s, "q1.vis1"), [1, 0, 0, 0, 0]);
    assert_eq!(dist(&s, "q1.vis2"), [1, 0, 0, 0, 0]);
}

#[test]
fn microsoft_forms_workbook_first_sheet() {
    let Some(dir) = samples() else { return };
    // The sample has no rating question; its "What is your title?" answers
    // serve as labels, which checks that every cell is read from the sheet.
    let r = rubric(
        &[("title", "What is your title?")],
        &[
            "Introduction to Python",
            "Introduction to Jinja",
            "Introduction to HTML",
        ],
        &[],
    );
    let s = score(&dir, "msforms/msforms2doc-exampleformoutput.xlsx", &r, 3);
    assert_eq!(s.input.layout, "ms-forms");
    assert_eq!(s.input.encoding, "Excel workbook, first sheet");
    assert_eq!((s.respondents.read, s.respondents.scored), (3, 3));
    assert_eq!(dist(&s, "title"), [1, 1, 1]);
    for meta in ["ID", "Start time", "Completion time", "Email", "Name"] {
        assert!(s.input.ignored_columns.iter().any(|c| c == meta), "{meta}");
    }
}

#[test]
fn every_sample_is_detected_as_its_tool() {
    let Some(dir) = samples() else { return };
    let r = rubric(&[("x", "x")], &[], &[]);
    for (sub, want) in [
        ("qualtrics", InputFormat::Qualtrics),
        ("surveymonkey", InputFormat::SurveyMonkey),
        ("googleforms", InputFormat::GoogleForms),
        ("limesurvey", InputFormat::LimeSurvey),
        ("msforms", InputFormat::MsForms),
    ] {
        for f in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = f.unwrap().path();
            if path.extension().is_some_and(|e| e == "qsf") {
                continue;
            }
            // No question matches: the error names the layout it read.
            let e = score_file(&r, &path, &ScoreOptions::default())
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(&format!("read as {},", want.title())),
                "{}: {e}",
                path.display()
            );
        }
    }
}
