//! LimeSurvey: the tab-separated structure read back with the csv crate and
//! checked row by row: classes, nesting by position, codes and ids.

use std::collections::HashSet;

use mlbizops::questionnaire::{limesurvey, LIMESURVEY_COLUMNS};
use mlbizops::rubric::Rubric;
use mlbizops::survey::codes::{group_code, matrices, question_code};

use super::{builtin, expected_answers, fixture, titled};

/// One row, by column name.
struct Row(Vec<String>);

impl Row {
    fn get(&self, column: &str) -> &str {
        let i = LIMESURVEY_COLUMNS
            .iter()
            .position(|c| *c == column)
            .unwrap();
        &self.0[i]
    }
}

fn read(tsv: &str) -> Vec<Row> {
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(true)
        .from_reader(tsv.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, LIMESURVEY_COLUMNS);
    rd.records()
        .map(|rec| {
            // The csv reader refuses rows of another length than the header.
            let rec = rec.expect("a row as long as the header");
            assert_eq!(rec.len(), LIMESURVEY_COLUMNS.len());
            Row(rec.iter().map(String::from).collect())
        })
        .collect()
}

/// LimeSurvey's rule for question and subquestion codes.
fn valid_code(c: &str) -> bool {
    c.len() <= 20
        && c.starts_with(|ch: char| ch.is_ascii_alphabetic())
        && c.chars().all(|ch| ch.is_ascii_alphanumeric())
}

/// The text LimeSurvey shows for an HTML field written by the writer.
fn unhtml(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn check_limesurvey(r: &Rubric) -> Vec<Row> {
    let tsv = limesurvey(r).expect("LimeSurvey structure");
    assert_eq!(
        limesurvey(r).unwrap(),
        tsv,
        "the same rubric, the same bytes"
    );
    assert!(!tsv.contains('"'), "no field needed quoting:\n{tsv}");
    let rows = read(&tsv);
    let count = |class: &str| rows.iter().filter(|r| r.get("class") == class).count();
    let ms = matrices(r);
    let groups = &r.respondents.groups;
    let choices: usize = r.respondents.choices.iter().map(|(_, c)| c.len()).sum();
    let scale_answers: usize = ms
        .iter()
        .map(|m| expected_answers(&m.questions[0].scale).len())
        .sum();
    assert_eq!(count("S"), 1);
    assert_eq!(count("SL"), 2);
    let comments = &r.comments.questions;
    assert_eq!(
        count("G"),
        ms.len() + usize::from(!groups.is_empty()) + usize::from(!comments.is_empty())
    );
    assert_eq!(count("Q"), groups.len() + ms.len() + comments.len());
    assert_eq!(count("SQ"), r.asked().count());
    assert_eq!(count("A"), choices + scale_answers);
    assert_eq!(
        rows.len(),
        3 + count("G") + count("Q") + count("SQ") + count("A")
    );

    // Nesting by position: subquestions and answers follow their question.
    let mut parent: Option<&Row> = None;
    let mut q_names = HashSet::new();
    let mut ids = HashSet::new();
    for row in &rows {
        match row.get("class") {
            "G" => parent = None,
            "Q" => {
                assert!(valid_code(row.get("name")), "{}", row.get("name"));
                assert!(q_names.insert(row.get("name").to_ascii_lowercase()));
                assert!(ids.insert(row.get("id").to_string()), "ids unique");
                // Free text (comments) is optional; everything else is asked.
                let free = row.get("type/scale") == "T";
                assert_eq!(row.get("mandatory"), if free { "" } else { "Y" });
                parent = Some(row);
            }
            "SQ" => {
                let q = parent.expect("a subquestion under a question");
                assert_eq!(q.get("type/scale"), "F", "only arrays have subquestions");
                assert!(valid_code(row.get("name")), "{}", row.get("name"));
                assert!(ids.insert(row.get("id").to_string()), "ids unique");
            }
            "A" => {
                let q = parent.expect("an answer under a question");
                assert_eq!(
                    row.get("id"),
                    q.get("id"),
                    "an answer carries its question's id"
                );
                let code = row.get("name");
                assert!(code.len() <= 5 && code.chars().all(|c| c.is_ascii_alphanumeric()));
            }
            other => assert!(matches!(other, "S" | "SL"), "class {other}"),
        }
    }

    // The rubric, element by element.
    let questions: Vec<&Row> = rows.iter().filter(|r| r.get("class") == "Q").collect();
    for (q, g) in questions.iter().zip(groups) {
        assert_eq!(q.get("name"), group_code(g));
        assert_eq!(unhtml(q.get("text")), titled(g));
        let kind = if r.respondents.choices_for(g).is_some() {
            "!"
        } else {
            "S"
        };
        assert_eq!(q.get("type/scale"), kind);
    }
    for (q, m) in questions[groups.len()..].iter().zip(&ms) {
        assert_eq!(q.get("name"), m.tag);
        let at = rows.iter().position(|r| std::ptr::eq(r, *q)).unwrap();
        let below: Vec<&Row> = rows[at + 1..]
            .iter()
            .take_while(|r| matches!(r.get("class"), "SQ" | "A"))
            .collect();
        let (sqs, answers): (Vec<&Row>, Vec<&Row>) =
            below.iter().partition(|r| r.get("class") == "SQ");
        let texts: Vec<String> = sqs.iter().map(|r| unhtml(r.get("text"))).collect();
        let statements: Vec<&str> = m.questions.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, statements);
        let codes: Vec<&str> = sqs.iter().map(|r| r.get("name")).collect();
        let expected: Vec<String> = m
            .questions
            .iter()
            .map(|q| question_code(m.dimension, q))
            .collect();
        assert_eq!(codes, expected);
        let labels: Vec<String> = answers.iter().map(|r| unhtml(r.get("text"))).collect();
        assert_eq!(labels, expected_answers(&m.questions[0].scale));
        // Codes are the points, then the numbers above the scale for the
        // non-answers ("not answered", "not sure", "does not apply").
        let s = &m.questions[0].scale;
        let mut points: Vec<String> = (s.min..=s.max).map(|p| p.to_string()).collect();
        let extras = [&s.missing, &s.not_sure, &s.not_applicable]
            .iter()
            .filter(|l| !l.is_empty())
            .count() as i64;
        points.extend((1..=extras).map(|i| (s.max + i).to_string()));
        let codes: Vec<&str> = answers.iter().map(|r| r.get("name")).collect();
        assert_eq!(codes, points);
    }
    // The comment questions last, as long free text.
    for (q, c) in questions[groups.len() + ms.len()..].iter().zip(comments) {
        assert_eq!(q.get("type/scale"), "T");
        assert_eq!(q.get("name"), mlbizops::survey::codes::comment_code(&c.id));
        assert_eq!(unhtml(q.get("text")), c.text);
    }
    rows
}

#[test]
fn limesurvey_builtin_rubric() {
    let r = builtin();
    let rows = check_limesurvey(&r);
    let names: Vec<&str> = rows.iter().map(|r| r.get("name")).collect();
    assert_eq!(
        names[..3],
        ["language", "surveyls_title", "surveyls_description"]
    );
    assert_eq!(rows[1].get("text"), "LLM adoption readiness");
    // team: free text; role: a dropdown of three roles.
    let team = rows.iter().find(|r| r.get("name") == "team").unwrap();
    assert_eq!(team.get("type/scale"), "S");
    let role = rows.iter().position(|r| r.get("name") == "role").unwrap();
    assert_eq!(rows[role].get("type/scale"), "!");
    let roles: Vec<&str> = rows[role + 1..role + 4]
        .iter()
        .map(|r| r.get("name"))
        .collect();
    assert_eq!(roles, ["A1", "A2", "A3"]);
}

#[test]
fn limesurvey_awkward_rubric() {
    let r = fixture();
    let rows = check_limesurvey(&r);
    let text = |name: &str| {
        rows.iter()
            .find(|r| r.get("name") == name)
            .unwrap()
            .get("text")
    };
    assert_eq!(text("surveyls_title"), "Tools &quot;test&quot; rubric");
    assert_eq!(
        text("paths"),
        "Prompts are stored under C:\\prompts\\ with a &quot;README&quot; in Zürich."
    );
    let groups: Vec<&str> = rows
        .iter()
        .filter(|r| r.get("class") == "G")
        .map(|r| r.get("name"))
        .collect();
    assert_eq!(
        groups,
        [
            "About you",
            "Data - governance",
            "Data - governance (part 2)",
            "Evaluation"
        ]
    );
    assert!(rows
        .iter()
        .any(|r| r.get("text") == "Sales &amp; Marketing"));
}
