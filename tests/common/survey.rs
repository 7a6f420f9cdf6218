//! A survey the test writes itself, so that it knows who is in which group
//! and who is scored on which dimension (the checker's raw data).

use super::disclosure::{Person, Population};

/// The dimensions of `tests/fixtures/privacy/rubric.toml` and their
/// questions.
pub const FIXTURE_DIMS: &[(&str, &[&str])] = &[
    ("a", &["a1", "a2", "a3"]),
    ("b", &["b1", "b2"]),
    ("c", &["c1", "c2"]),
];

/// The comment threshold of `tests/fixtures/privacy/comments.toml`.
pub const COMMENT_THRESHOLD: u64 = 5;

/// The privacy fixture with a comment question (`say`) and themes: `a`
/// ("alpha"), `b` ("beta"), `c` ("gamma"), and `other` ("misc").
pub fn comments_rubric_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/privacy/comments.toml")
}

pub fn fixture_rubric_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/privacy/rubric.toml")
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    /// One cell per group column.
    pub groups: Vec<String>,
    /// One cell per question column ("" = not answered).
    pub answers: Vec<String>,
    /// A comment and the themes the test gave it.
    pub comment: Option<(String, Vec<String>)>,
}

#[derive(Debug, Clone)]
pub struct Survey {
    pub id_column: String,
    pub group_columns: Vec<String>,
    /// Question columns, in file order.
    pub questions: Vec<String>,
    /// Dimension id -> its questions that the file has.
    pub dims: Vec<(String, Vec<String>)>,
    /// Outcome item ids (also in `questions`).
    pub outcome: Vec<String>,
    pub rows: Vec<Row>,
    /// The comment question's column, when the survey has one.
    pub comment_column: Option<String>,
}

/// A cell counts as an answer when it is a whole number 1..5 (every scale in
/// these tests; labels and "Not sure" are not written by them).
pub fn answered(cell: &str) -> bool {
    matches!(cell.trim().parse::<u8>(), Ok(1..=5))
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

impl Survey {
    /// A survey with the fixture rubric's questions.
    pub fn fixture(group_columns: &[&str]) -> Survey {
        Survey {
            id_column: "id".into(),
            group_columns: group_columns.iter().map(|s| s.to_string()).collect(),
            questions: FIXTURE_DIMS
                .iter()
                .flat_map(|(_, qs)| qs.iter().map(|q| q.to_string()))
                .collect(),
            dims: FIXTURE_DIMS
                .iter()
                .map(|(d, qs)| (d.to_string(), qs.iter().map(|q| q.to_string()).collect()))
                .collect(),
            outcome: Vec::new(),
            rows: Vec::new(),
            comment_column: None,
        }
    }

    /// A survey with the fixture rubric's questions and the outcome items
    /// of `tests/fixtures/privacy/outcome.toml` (`o1`, `o2`) after them.
    pub fn fixture_with_outcome(group_columns: &[&str]) -> Survey {
        let mut s = Survey::fixture(group_columns);
        s.outcome = vec!["o1".into(), "o2".into()];
        s.questions.extend(s.outcome.iter().cloned());
        s
    }

    /// Adds a row: `groups` per group column, `answers` per question column
    /// ("" = blank).
    pub fn add(&mut self, groups: &[&str], answers: &[&str]) {
        assert_eq!(groups.len(), self.group_columns.len());
        assert_eq!(answers.len(), self.questions.len());
        let id = format!("r{}", self.rows.len() + 1);
        self.rows.push(Row {
            id,
            groups: groups.iter().map(|s| s.to_string()).collect(),
            answers: answers.iter().map(|s| s.to_string()).collect(),
            comment: None,
        });
    }

    pub fn csv(&self) -> String {
        let mut out = String::new();
        let header: Vec<String> = std::iter::once(self.id_column.clone())
            .chain(self.group_columns.iter().cloned())
            .chain(self.questions.iter().cloned())
            .chain(self.comment_column.iter().cloned())
            .map(|c| quote(&c))
            .collect();
        out.push_str(&header.join(","));
        out.push('\n');
        for r in &self.rows {
            let comment = r.comment.as_ref().map_or(String::new(), |c| c.0.clone());
            let cells: Vec<String> = std::iter::once(&r.id)
                .chain(&r.groups)
                .chain(&r.answers)
                .chain(self.comment_column.as_ref().map(|_| &comment))
                .map(|c| quote(c))
                .collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    /// The dimensions a row is scored on: at least half of the dimension's
    /// questions that the file has are answered.
    pub fn scored(&self, r: &Row) -> Vec<String> {
        self.dims
            .iter()
            .filter(|(_, qs)| {
                let asked = qs.len();
                let got = qs
                    .iter()
                    .filter(|q| {
                        let i = self.questions.iter().position(|x| x == *q).unwrap();
                        answered(&r.answers[i])
                    })
                    .count();
                asked > 0 && 2 * got >= asked
            })
            .map(|(d, _)| d.clone())
            .collect()
    }

    /// The checker's raw data, for breakdowns by every group column.
    pub fn population(&self, k: u64) -> Population {
        Population {
            columns: self.group_columns.clone(),
            people: self
                .rows
                .iter()
                .map(|r| Person {
                    groups: r.groups.clone(),
                    scored: self.scored(r),
                    answered: self
                        .questions
                        .iter()
                        .zip(&r.answers)
                        .filter(|(_, a)| answered(a))
                        .map(|(q, _)| q.clone())
                        .collect(),
                    comment: r
                        .comment
                        .as_ref()
                        .filter(|c| !c.0.trim().is_empty())
                        .map(|c| c.1.clone()),
                })
                .collect(),
            k,
            comment_k: k.max(COMMENT_THRESHOLD),
            outcome_items: self.outcome.clone(),
        }
    }

    /// Reads a plain CSV whose question ids start with `dimension-id.` (the
    /// built-in rubric's convention), e.g. `examples/acme-2026-q3.csv`.
    /// Rows whose cells are all blank are left out (the tool skips them).
    pub fn read_dotted(text: &str, id_column: &str, group_columns: &[&str]) -> Survey {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let pos = |name: &str| header.iter().position(|h| h.trim() == name).unwrap();
        let idc = pos(id_column);
        let gcs: Vec<usize> = group_columns.iter().map(|g| pos(g)).collect();
        let qcs: Vec<usize> = (0..header.len())
            .filter(|i| *i != idc && !gcs.contains(i))
            .collect();
        let questions: Vec<String> = qcs.iter().map(|&i| header[i].to_string()).collect();
        let mut dims: Vec<(String, Vec<String>)> = Vec::new();
        for q in &questions {
            let d = q.split('.').next().unwrap().to_string();
            match dims.iter_mut().find(|(x, _)| *x == d) {
                Some((_, qs)) => qs.push(q.clone()),
                None => dims.push((d, vec![q.clone()])),
            }
        }
        let mut rows = Vec::new();
        for line in lines {
            // The example files quote nothing.
            assert!(!line.contains('"'), "read_dotted reads unquoted files only");
            let cells: Vec<&str> = line.split(',').collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cell = |i: usize| cells.get(i).copied().unwrap_or("").to_string();
            rows.push(Row {
                id: cell(idc),
                groups: gcs.iter().map(|&i| cell(i)).collect(),
                answers: qcs.iter().map(|&i| cell(i)).collect(),
                comment: None,
            });
        }
        Survey {
            id_column: id_column.into(),
            group_columns: group_columns.iter().map(|s| s.to_string()).collect(),
            questions,
            dims,
            outcome: Vec::new(),
            rows,
            comment_column: None,
        }
    }
}
