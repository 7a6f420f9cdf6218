//! Disclosure control on random organizations: whatever the teams, their
//! departments and sites, blank group cells and partial answers, no group or
//! group × dimension cell under the threshold can be worked out from the
//! scores document, even by a respondent who knows their own row. The
//! checker is `tests/common/disclosure.rs` (the rank test of the design note
//! ../shared/PRIVACY-AUDIT.md).
//!
//! The report built from those scores is checked too: its heatmap rows and
//! cells are the scores document's own (same hidden groups, same n, no
//! score the scores hide) and its hot and bright spots never name a hidden
//! group, so the report adds no figure the audit did not clear.
//!
//! Organizations: 5-60 respondents, a `team` column and a `dept` column that
//! is either determined by the team (nested) or independent of it
//! (crossing), sometimes a third `site` column (nested or crossing), about
//! one group cell in eight blank, some respondents skipping whole dimensions
//! or single questions, and a threshold k of 3 to 5; with the comments
//! fixture, about one respondent in two writes a comment of known themes.

mod common;

use mlbizops::rubric;
use mlbizops::score::{score_file, ScoreOptions};
use proptest::prelude::*;

use common::disclosure;
use common::survey::{comments_rubric_path, fixture_rubric_path, Survey};

/// The privacy fixture with levels staged by practice: groups publish
/// practice statuses, which the checker tests as layers of their own.
fn staged_rubric_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/privacy/staged.toml")
}

#[derive(Debug, Clone)]
struct Respondent {
    /// Team 0..6; `None` is a blank cell.
    team: Option<u8>,
    /// Used when the column crosses the team (independent of it).
    dept: Option<u8>,
    site: Option<u8>,
    /// Per question a1 a2 a3 b1 b2 c1 c2, then the outcome items o1 o2
    /// (written only with the outcome rubric): an answer 1..5 or blank.
    answers: Vec<Option<u8>>,
    /// A comment of [`COMMENTS`], or none.
    comment: Option<u8>,
}

/// Comments and their themes by the comments fixture's keywords (alpha,
/// beta, gamma; misc or no keyword: other), as the test knows them.
const COMMENTS: &[(&str, &[&str])] = &[
    ("Alpha works well", &["a"]),
    ("beta and GAMMA", &["b", "c"]),
    ("misc stuff here", &["other"]),
    ("nothing to add", &["other"]),
    ("alpha, beta; misc", &["a", "b", "other"]),
];

#[derive(Debug, Clone)]
struct Org {
    k: u64,
    /// The dept of each team when dept is nested in team, else `None`.
    team_dept: Option<Vec<u8>>,
    /// `None`: no site column; `Some(None)`: site crosses the team;
    /// `Some(Some(map))`: site is determined by the team.
    site: Option<Option<Vec<u8>>>,
    people: Vec<Respondent>,
}

fn value(weight_blank: u32, values: u8) -> impl Strategy<Value = Option<u8>> {
    prop_oneof![
        7 => (0..values).prop_map(Some),
        weight_blank => Just(None),
    ]
}

fn respondent() -> impl Strategy<Value = Respondent> {
    // Skipped dimensions: a, b, c each skipped one time in six; single
    // questions left blank one time in eight.
    let answers = (
        proptest::collection::vec(
            prop_oneof![7 => (1u8..=5).prop_map(Some), 1 => Just(None)],
            9,
        ),
        proptest::collection::vec(prop_oneof![5 => Just(false), 1 => Just(true)], 4),
    )
        .prop_map(|(mut a, skip)| {
            // The outcome items are skipped together one time in six too.
            for (d, range) in [(0, 0..3), (1, 3..5), (2, 5..7), (3, 7..9)] {
                if skip[d] {
                    a[range].iter_mut().for_each(|x| *x = None);
                }
            }
            a
        });
    (
        value(1, 6),
        value(1, 3),
        value(1, 3),
        answers,
        value(3, COMMENTS.len() as u8),
    )
        .prop_map(|(team, dept, site, answers, comment)| Respondent {
            team,
            dept,
            site,
            answers,
            comment,
        })
}

fn org() -> impl Strategy<Value = Org> {
    let map = proptest::collection::vec(0u8..3, 6);
    (
        3u64..=5,
        proptest::option::of(map.clone()),
        proptest::option::of(proptest::option::of(map)),
        proptest::collection::vec(respondent(), 5..=60),
    )
        .prop_map(|(k, team_dept, site, people)| Org {
            k,
            team_dept,
            site,
            people,
        })
}

fn cell(prefix: &str, v: Option<u8>) -> String {
    v.map_or(String::new(), |v| format!("{prefix}{v}"))
}

fn survey(org: &Org, comments: bool, with_outcome: bool) -> Survey {
    let mut columns = vec!["team", "dept"];
    if org.site.is_some() {
        columns.push("site");
    }
    let mut s = if with_outcome {
        Survey::fixture_with_outcome(&columns)
    } else {
        Survey::fixture(&columns)
    };
    if comments {
        s.comment_column = Some("say".into());
    }
    let width = s.questions.len();
    for p in &org.people {
        // A nested column follows the team (blank with it).
        let nested = |map: &Vec<u8>| p.team.map(|t| map[t as usize]);
        let dept = match &org.team_dept {
            Some(map) => nested(map),
            None => p.dept,
        };
        let mut groups = vec![cell("T", p.team), cell("D", dept)];
        match &org.site {
            None => {}
            Some(None) => groups.push(cell("S", p.site)),
            Some(Some(map)) => groups.push(cell("S", nested(map))),
        }
        let answers: Vec<String> = p.answers[..width]
            .iter()
            .map(|a| a.map_or(String::new(), |a| a.to_string()))
            .collect();
        let g: Vec<&str> = groups.iter().map(String::as_str).collect();
        let a: Vec<&str> = answers.iter().map(String::as_str).collect();
        s.add(&g, &a);
        if comments {
            s.rows.last_mut().unwrap().comment = p.comment.map(|c| {
                let (text, themes) = COMMENTS[c as usize];
                (
                    text.to_string(),
                    themes.iter().map(|t| t.to_string()).collect(),
                )
            });
        }
    }
    s
}

/// Scores `org` with the rubric at `rubric_path` and checks the output
/// with the independent checker.
fn check(org: &Org, rubric_path: &std::path::Path) -> Result<(), TestCaseError> {
    let comments = rubric_path == comments_rubric_path();
    let with_outcome = rubric_path.ends_with("outcome.toml");
    let survey = survey(org, comments, with_outcome);
    let text = survey.csv();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.csv");
    std::fs::write(&path, &text).unwrap();
    let rubric = rubric::load(Some(rubric_path))
        .expect("valid rubric")
        .rubric;
    let opts = ScoreOptions {
        group_by: Some(survey.group_columns.clone()),
        min_group_size: Some(org.k as usize),
        ..Default::default()
    };
    // Refused: nothing published. Either too few scored respondents, or
    // (allowed) a refusal for privacy when no safe output exists, e.g.
    // an organization of exactly k people where one person alone in a
    // group knows that everyone else is in the other.
    let scores = match score_file(&rubric, &path, &opts) {
        Ok(scores) => scores,
        Err(e) => {
            let scored = survey
                .rows
                .iter()
                .filter(|r| !survey.scored(r).is_empty())
                .count();
            let msg = e.to_string().to_lowercase();
            prop_assert!(
                (scored as u64) < org.k || msg.contains("privacy"),
                "refused with {scored} scored respondents: {e}"
            );
            return Ok(());
        }
    };
    let doc = serde_json::to_value(&scores).unwrap();
    let leaks = disclosure::leaks(&survey.population(org.k), &[&doc]);
    prop_assert!(
        leaks.is_empty(),
        "k = {}; leaks:\n  {}\nsurvey:\n{}",
        org.k,
        leaks.join("\n  "),
        text
    );
    report_adds_nothing(&rubric, &scores, &doc)
}

/// The report's group-level figures (heatmap cells, hot and bright spots)
/// are the scores document's, never new ones: so the audit of the scores,
/// checked above by the independent checker, covers the report too.
fn report_adds_nothing(
    rubric: &rubric::Rubric,
    scores: &mlbizops::score::model::Scores,
    doc: &serde_json::Value,
) -> Result<(), TestCaseError> {
    let opts = mlbizops::report::ReportOptions {
        title: None,
        organization: None,
        survey_label: "wave".into(),
        date: None,
    };
    let report = serde_json::to_value(mlbizops::report::build(rubric, scores, &opts)).unwrap();
    let groups = doc["groups"].as_array().unwrap();
    let dims: Vec<&str> = doc["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let mut hidden_names = Vec::new();
    for b in report["breakdowns"].as_array().unwrap() {
        for row in b["groups"].as_array().unwrap() {
            let g = groups
                .iter()
                .find(|g| g["column"] == b["column"] && g["value"] == row["value"])
                .expect("every report row is a scored group");
            prop_assert_eq!(&row["suppressed"], &g["suppressed"]);
            prop_assert_eq!(&row["n"], &g["n"]);
            if g["suppressed"].as_bool().unwrap() {
                // Spots name a group as "value (column)".
                hidden_names.push(format!(
                    "{} ({})",
                    g["value"].as_str().unwrap(),
                    g["column"].as_str().unwrap()
                ));
            }
            let ids: Vec<&str> = b["dimensions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap())
                .collect();
            for (i, id) in ids.iter().enumerate() {
                let published = g["dimensions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|d| d["id"] == *id)
                    .map_or(serde_json::Value::Null, |d| d["score"].clone());
                let shown = &row["scores"][i];
                match (shown.as_f64(), published.as_f64()) {
                    (None, _) => {}
                    (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9, "{id}: {a} vs {b}"),
                    (Some(a), None) => {
                        return Err(TestCaseError::fail(format!(
                            "the report shows {a} for {} on {id}, which the scores hide",
                            g["value"]
                        )))
                    }
                }
            }
        }
    }
    prop_assert!(dims.len() == rubric.dimensions.len());
    for list in ["hot_spots", "bright_spots"] {
        for s in report["summary"][list].as_array().unwrap() {
            let text = s["text"].as_str().unwrap();
            for name in &hidden_names {
                prop_assert!(
                    !text.contains(name.as_str()),
                    "{list} names hidden {name}: {text}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_small_group_can_be_derived(org in org()) {
        check(&org, &fixture_rubric_path())?;
    }

    /// The same with levels staged by practice: groups also publish
    /// practice statuses (issue 14), each a layer of its own.
    #[test]
    fn no_small_group_can_be_derived_from_practice_statuses(org in org()) {
        check(&org, &staged_rubric_path())?;
    }

    /// The same with comments (issue 19): the commenters and each theme's
    /// count are layers of their own, with the comment threshold.
    #[test]
    fn no_small_groups_comment_figures_can_be_derived(org in org()) {
        check(&org, &comments_rubric_path())?;
    }

    /// The same with outcome items: groups also publish an outcome index,
    /// a layer of its own (issue 18).
    #[test]
    fn no_small_group_can_be_derived_from_the_outcome_index(org in org()) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/privacy/outcome.toml");
        check(&org, &path)?;
    }
}
