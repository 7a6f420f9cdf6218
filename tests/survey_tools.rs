//! Round trips through the survey tools: the same eight respondents, written
//! by `tests/fixtures/tools/make.py` in each tool's export layout (metadata
//! columns, header rows, choice text or choice numbers, a "Not sure", an
//! unfinished response where the tool has that notion), must score exactly
//! like `plain.csv`, which holds them as question ids and numbers.

use std::path::{Path, PathBuf};

use mlbizops::rubric::{load_str, Rubric};
use mlbizops::score::model::Scores;
use mlbizops::score::{score_file, ScoreOptions};
use mlbizops::survey::{InputFormat, Issue};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tools")
        .join(name)
}

fn rubric_text() -> String {
    std::fs::read_to_string(fixture("rubric.toml")).unwrap()
}

fn rubric_from(text: &str) -> Rubric {
    load_str("rubric.toml", text, None)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .rubric
}

fn score_as(r: &Rubric, name: &str, format: InputFormat) -> Scores {
    let opts = ScoreOptions {
        input_format: format,
        ..ScoreOptions::default()
    };
    score_file(r, &fixture(name), &opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Everything computed from the answers, as JSON, to compare whole.
fn results(s: &Scores) -> serde_json::Value {
    serde_json::json!({
        "overall": s.overall,
        "dimensions": s.dimensions,
        "groups": s.groups,
        "scored": s.respondents.scored,
    })
}

/// Checks one export against the plain file and returns its scores.
fn same_as_plain(name: &str, want: &str, unfinished_row: Option<u64>) -> Scores {
    let r = rubric_from(&rubric_text());
    let plain = score_as(&r, "plain.csv", InputFormat::Auto);
    assert_eq!(plain.respondents.scored, 8);
    let s = score_as(&r, name, InputFormat::Auto);
    assert_eq!(s.input.layout, want, "{name}");
    assert_eq!(results(&s), results(&plain), "{name}");
    assert_eq!(s.input.unreadable_cells, 0, "{name}: {:?}", s.issues);
    // Only columns matched by their place in a Qualtrics matrix are noted,
    // and only where the statement texts are gone.
    let noted: Vec<&Issue> = s
        .issues
        .iter()
        .filter(|i| !matches!(i, Issue::MatchedByPosition { .. }))
        .collect();
    assert!(noted.is_empty(), "{name}: {noted:?}");
    let by_position = s.issues.len() - noted.len();
    let want_by_position = if name == "qualtrics-tags-only.csv" {
        6
    } else {
        0
    };
    assert_eq!(by_position, want_by_position, "{name}: {:?}", s.issues);
    let excluded: Vec<(u64, &str)> = s
        .respondents
        .excluded
        .iter()
        .map(|e| (e.row, e.kind()))
        .collect();
    match unfinished_row {
        Some(row) => assert_eq!(excluded, [(row, "unfinished response")], "{name}"),
        None => assert!(excluded.is_empty(), "{name}: {excluded:?}"),
    }
    // The same file read with its layout named gives the same result.
    let named = InputFormat::from_name(want).unwrap();
    let again = score_as(&r, name, named);
    assert_eq!(results(&again), results(&plain), "{name} as {want}");
    assert!(again.input.layout_description.ends_with(", as given"));
    s
}

#[test]
fn plain_fixture_holds_the_expected_answers() {
    // Hand check of the truth the other files are compared with: team A's
    // prompting scores are the means of (a1, a2, 6 - a3) mapped to 0-100.
    // Respondent 1: (5, 4, 2 -> 4) -> (100 + 75 + 75) / 3 = 83.33.
    let r = rubric_from(&rubric_text());
    let s = score_as(&r, "plain.csv", InputFormat::Auto);
    assert_eq!(s.input.layout, "plain");
    let prompting = &s.dimensions[0];
    // Per respondent: 83.33, 83.33 (4,4,1->5), 41.67 (3,2,3), 83.33 (4,5,2->4),
    // 16.67 (2,2,4->2), 37.5 (3,-,4->2), 0 (1,2,5->1 -> 0,25,0 = 8.33), 50.
    let per = [
        250.0 / 3.0,
        (75.0 + 75.0 + 100.0) / 3.0,
        (50.0 + 25.0 + 50.0) / 3.0,
        (75.0 + 100.0 + 75.0) / 3.0,
        (25.0 + 25.0 + 25.0) / 3.0,
        (50.0 + 25.0) / 2.0,
        (0.0 + 25.0 + 0.0) / 3.0,
        50.0,
    ];
    let mean = per.iter().sum::<f64>() / 8.0;
    assert!((prompting.stats.score.unwrap() - mean).abs() < 1e-9);
    // The "Not sure" (respondent 2, data.filters) is not an answer.
    assert_eq!(s.dimensions[1].questions[1].n, Some(7));
}

#[test]
fn qualtrics_choice_text_three_header_rows() {
    // Header rows 1-3; the unfinished response is the fourth data row.
    let s = same_as_plain("qualtrics.csv", "qualtrics", Some(7));
    assert_eq!(
        s.input.layout_description,
        "Qualtrics, 3 header rows, detected"
    );
    assert!(s.input.ignored_columns.contains(&"StartDate".to_string()));
}

#[test]
fn qualtrics_numeric_recode_values_with_not_sure_as_six() {
    same_as_plain("qualtrics-numeric.csv", "qualtrics", Some(7));
}

#[test]
fn qualtrics_legacy_two_header_rows() {
    // BOM, a trailing comma on every line; the unfinished response is last.
    let s = same_as_plain("qualtrics-legacy.csv", "qualtrics", Some(11));
    assert_eq!(
        s.input.layout_description,
        "Qualtrics, legacy, 2 header rows, detected"
    );
}

#[test]
fn qualtrics_with_header_rows_deleted_in_a_spreadsheet() {
    // Row 3 (import ids) deleted: two header rows, the unfinished response
    // is data row 4, spreadsheet row 6. Rows 2 and 3 deleted: the metadata
    // columns still say Qualtrics; the matrix columns are found by their
    // tags (`prompting_1`...) and the unfinished response is row 5.
    let s = same_as_plain("qualtrics-no-import-ids.csv", "qualtrics", Some(6));
    assert_eq!(
        s.input.layout_description,
        "Qualtrics, 2 header rows (the ImportId row is missing), detected"
    );
    let s = same_as_plain("qualtrics-tags-only.csv", "qualtrics", Some(5));
    assert_eq!(
        s.input.layout_description,
        "Qualtrics, 1 header row (the question-text and ImportId rows are missing), detected"
    );
}

#[test]
fn surveymonkey_matrix_statements_in_the_second_row() {
    let s = same_as_plain("surveymonkey.csv", "surveymonkey", None);
    assert!(s
        .input
        .ignored_columns
        .contains(&"Respondent ID".to_string()));
}

#[test]
fn limesurvey_answer_codes_and_full_texts() {
    same_as_plain("limesurvey.csv", "limesurvey", Some(7));
    same_as_plain("limesurvey-text.csv", "limesurvey", Some(7));
}

#[test]
fn google_forms_grid_columns() {
    same_as_plain("google-forms.csv", "google-forms", None);
}

#[test]
fn microsoft_forms_workbook_with_joined_and_bare_statements() {
    let s = same_as_plain("ms-forms.xlsx", "ms-forms", None);
    assert_eq!(s.input.encoding, "Excel workbook, first sheet");
}

#[test]
fn qualtrics_columns_follow_the_statement_text_when_the_rubric_is_reordered() {
    // Swap the first two prompting questions in the rubric: `prompting_1`
    // still holds "We keep a shared library...", which the reader finds by
    // its text, so every question keeps its own answers.
    let text = rubric_text();
    let a = "[[dimension.question]]\nid = \"prompting.shared_library\"\ntext = \"We keep a shared library of tested prompts.\"\n\n";
    let b = "[[dimension.question]]\nid = \"prompting.test_set\"\ntext = \"Prompt changes are checked against a fixed test set.\"\n\n";
    let swapped = text.replace(&format!("{a}{b}"), &format!("{b}{a}"));
    assert_ne!(
        swapped, text,
        "the rubric fixture changed; update this test"
    );
    let r = rubric_from(&swapped);
    let plain = score_as(&r, "plain.csv", InputFormat::Auto);
    let s = score_as(&r, "qualtrics-numeric.csv", InputFormat::Auto);
    assert_eq!(results(&s), results(&plain));
}

#[test]
fn qualtrics_tags_fall_back_to_the_position_when_a_statement_was_edited() {
    // The rubric's wording changed after the survey ran: no column has the
    // new text, so `data_2` (the second statement of the `data` matrix)
    // is used.
    let text = rubric_text().replace(
        "Documented quality filters run on every training set.",
        "Documented quality filters run on each training set before use.",
    );
    let r = rubric_from(&text);
    let plain = score_as(&r, "plain.csv", InputFormat::Auto);
    let s = score_as(&r, "qualtrics-numeric.csv", InputFormat::Auto);
    assert_eq!(results(&s), results(&plain));
    assert!(!s.input.ignored_columns.contains(&"data_2".to_string()));
    // ... and says so, since a reworded statement may mean another question.
    assert_eq!(
        s.issues,
        [Issue::MatchedByPosition {
            column: "data_2".into(),
            question: "data.filters".into()
        }]
    );
}

#[test]
fn a_plain_reading_of_a_tool_export_says_what_it_looks_like() {
    let r = rubric_from(&rubric_text());
    let s = score_as(&r, "limesurvey.csv", InputFormat::Plain);
    assert_eq!(
        s.issues[0],
        Issue::ReadAsPlain {
            looks_like: "LimeSurvey".into()
        }
    );
    // Read as plain, the numbered "Not sure" is off the scale ...
    assert_eq!(s.input.unreadable_cells, 1);
    // ... and the unfinished response counts: the warning matters.
    assert_eq!(s.respondents.scored, 9);
}

#[test]
fn only_the_number_just_above_the_scale_is_a_numbered_not_sure() {
    // In a tool that numbers its choices, 6 on 1..5 is the offered "Not
    // sure"; 7 is no choice the questionnaire offers, and is reported.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("limesurvey.csv")).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
    // Respondent 1's data.dedup (4) becomes 7, respondent 2's data.filters is already 6.
    lines[1] = lines[1].replacen("\"4\";\"4\";\"3\"", "\"7\";\"4\";\"3\"", 1);
    let path = dir.path().join("limesurvey-7.csv");
    std::fs::write(&path, lines.join("\r\n")).unwrap();
    let r = rubric_from(&rubric_text());
    let s = score_file(&r, &path, &ScoreOptions::default()).unwrap();
    assert_eq!(s.input.unreadable_cells, 1, "{:?}", s.issues);
    assert!(matches!(&s.issues[0], Issue::UnreadableCell { row: 2, value, .. } if value == "7"));
}

#[test]
fn a_numbered_not_sure_is_off_the_scale_in_a_plain_file() {
    // 6 on a 1..5 scale is a choice number only in tools that number their
    // choices; a plain file's 6 is a typing mistake, reported as such.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain6.csv");
    std::fs::write(&path, "team,data.dedup\nA,6\nA,4\nA,4\nA,3\n").unwrap();
    let r = rubric_from(&rubric_text());
    let s = score_file(&r, &path, &ScoreOptions::default()).unwrap();
    assert_eq!(s.input.unreadable_cells, 1);
}

#[test]
fn fixtures_use_the_names_the_generated_questionnaires_give() {
    // The exports above stand for what the tools give back for the
    // questionnaires `survey --format ...` writes: tie their headers to them.
    use mlbizops::questionnaire::{google_forms, limesurvey, qualtrics};
    let r = rubric_from(&rubric_text());
    let header = |name: &str, row: usize| -> Vec<String> {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        let delimiter = if name.starts_with("limesurvey") {
            b';'
        } else {
            b','
        };
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let rec = rd.records().nth(row).unwrap().unwrap();
        rec.iter().map(str::to_string).collect()
    };
    // Qualtrics: each matrix [[ID:tag]] exports as tag_1, tag_2, ...
    let q = qualtrics(&r).unwrap();
    let tags: Vec<String> = header("qualtrics.csv", 0)
        .into_iter()
        .filter_map(|c| c.rsplit_once('_').map(|(t, _)| t.to_string()))
        .filter(|t| t == "prompting" || t == "data")
        .collect();
    assert_eq!(tags.len(), 6);
    for t in &tags {
        assert!(q.contains(&format!("[[ID:{t}]]")), "{t}");
    }
    // Google Forms: "Grid title [Row]", the grid titled as the script does.
    let g = google_forms(&r).unwrap();
    for c in header("google-forms.csv", 0).iter().skip(3) {
        let (title, row) = c.trim_end_matches(']').split_once(" [").unwrap();
        assert!(
            g.contains(&format!(
                ".setTitle({})",
                serde_json::to_string(title).unwrap()
            )),
            "{c}"
        );
        assert!(g.contains(&serde_json::to_string(row).unwrap()), "{c}");
    }
    // LimeSurvey: "question[subquestion]", both codes from the structure file.
    let l = limesurvey(&r).unwrap();
    for c in header("limesurvey.csv", 0).iter().skip(6) {
        let (question, sub) = c.trim_end_matches(']').split_once('[').unwrap();
        assert!(l.contains(&format!("\tQ\tF\t{question}\t")), "{c}");
        assert!(l.contains(&format!("\tSQ\t\t{sub}\t")), "{c}");
    }
}
