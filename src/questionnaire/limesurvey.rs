//! The questionnaire as a LimeSurvey survey structure in the tab-separated
//! format that Display/Export → "Tab-separated-values format (*.txt)" writes
//! and Create survey → Import reads.
//!
//! One row per element, relationships by position: a question belongs to
//! the group above it, subquestions and answers to the question above them.
//! Rows written here, by `class`:
//!
//! - `S` `language`, `SL` `surveyls_title` and `surveyls_description`;
//! - `G` "About you", with one question per group column: a dropdown list
//!   (type `!`) whose answers are its `[respondents.choices]`, coded `A1`,
//!   `A2`, …, or short free text (type `S`) when it has none;
//! - `G` per matrix, named after its dimension, with one Array question
//!   (type `F`): an `SQ` row per statement, coded by
//!   [`question_code`](crate::survey::codes::question_code), and an `A` row
//!   per scale point whose code is the point itself (`1` … `5`), then one
//!   for the scale's first missing label coded max + 1 (`6`), which the
//!   reader counts as not answered.
//!
//! Questions are mandatory, except the free-text comment questions (long
//! free text, type `T`, last). Answer codes can hold only letters and digits,
//! so a negative point is coded `M` and its size (`M2` for -2): export such
//! a survey with full answer texts, not answer codes. Texts are HTML in
//! LimeSurvey, so `&`, `<`, `>` and `"` are written as entities; no field
//! then needs quoting, which the importer's CSV reading handles poorly next
//! to a backslash.

use super::tools::{group_title, one_line, part_name, points};
use crate::rubric::{Rubric, Scale};
use crate::survey::codes::{check, group_code, matrices, question_code};

/// The columns of the format, in LimeSurvey's order; question attributes
/// may follow in an export, and the importer takes columns by name.
pub const COLUMNS: [&str; 14] = [
    "id",
    "related_id",
    "class",
    "type/scale",
    "name",
    "relevance",
    "text",
    "help",
    "language",
    "validation",
    "mandatory",
    "other",
    "default",
    "same_default",
];

const LANGUAGE: &str = "en";

/// The longest answer code LimeSurvey stores.
const MAX_ANSWER_CODE: usize = 5;

/// One row, by column name; unset columns stay empty.
#[derive(Default)]
struct Row {
    id: String,
    class: &'static str,
    kind: String,
    name: String,
    text: String,
    mandatory: bool,
}

/// The survey structure for `r`. Fails when two questions, matrices or group
/// columns would get the same code, or a scale point's code would be longer
/// than LimeSurvey allows.
pub fn limesurvey(r: &Rubric) -> Result<String, String> {
    check(r)?;
    let mut b = Builder::default();
    b.rows.extend([
        setting("S", "language", LANGUAGE),
        setting("SL", "surveyls_title", &html(&r.title)),
        setting("SL", "surveyls_description", &html(&description(r))),
    ]);
    if !r.respondents.groups.is_empty() {
        b.group("About you");
        for g in &r.respondents.groups {
            match r.respondents.choices_for(g) {
                Some(choices) => {
                    b.question("!", group_code(g), &group_title(g));
                    for (i, c) in choices.iter().enumerate() {
                        b.answer(format!("A{}", i + 1), c);
                    }
                }
                None => b.question("S", group_code(g), &group_title(g)),
            }
        }
    }
    let all = matrices(r);
    for (i, m) in all.iter().enumerate() {
        let d = m.dimension;
        b.group(&part_name(&all, i));
        let text = format!("{}: how much do you agree with each statement?", d.name);
        b.question("F", m.tag.clone(), &text);
        for q in &m.questions {
            b.subquestion(question_code(d, q), &q.text);
        }
        for (code, label) in scale_answers(&m.questions[0].scale, &m.questions[0].id)? {
            b.answer(code, &label);
        }
    }
    if !r.comments.questions.is_empty() {
        b.group(super::qualtrics::COMMENTS);
        for c in &r.comments.questions {
            b.question("T", crate::survey::codes::comment_code(&c.id), &c.text);
            // Comments are optional.
            if let Some(row) = b.rows.last_mut() {
                row.mandatory = false;
            }
        }
    }
    Ok(tsv(&b.rows))
}

/// Rows with their ids: groups are numbered on their own; questions and
/// subquestions share one numbering, as they share one table in
/// LimeSurvey; an answer carries its question's id, as exports do.
#[derive(Default)]
struct Builder {
    rows: Vec<Row>,
    gid: usize,
    qid: usize,
    /// The id of the last question, for its answers.
    question: usize,
}

impl Builder {
    /// A question group, without a description: the rubric's dimension
    /// descriptions say what strong answers look like, which would steer
    /// respondents.
    fn group(&mut self, name: &str) {
        self.gid += 1;
        self.rows.push(Row {
            id: self.gid.to_string(),
            class: "G",
            kind: self.gid.to_string(),
            name: html(name),
            ..Row::default()
        });
    }

    fn question(&mut self, kind: &str, code: String, text: &str) {
        self.qid += 1;
        self.question = self.qid;
        self.rows.push(Row {
            id: self.qid.to_string(),
            class: "Q",
            kind: kind.to_string(),
            name: code,
            text: html(text),
            mandatory: true,
        });
    }

    fn subquestion(&mut self, code: String, text: &str) {
        self.qid += 1;
        self.rows.push(Row {
            id: self.qid.to_string(),
            class: "SQ",
            name: code,
            text: html(text),
            ..Row::default()
        });
    }

    fn answer(&mut self, code: String, text: &str) {
        self.rows.push(Row {
            id: self.question.to_string(),
            class: "A",
            kind: "0".into(),
            name: code,
            text: html(text),
            ..Row::default()
        });
    }
}

fn setting(class: &'static str, name: &str, text: &str) -> Row {
    Row {
        class,
        name: name.to_string(),
        text: text.to_string(),
        ..Row::default()
    }
}

/// A matrix's answers: (code, text) per point, then the first missing
/// label coded one above the scale.
fn scale_answers(s: &Scale, first_question: &str) -> Result<Vec<(String, String)>, String> {
    let code = |p: i64| {
        let c = if p < 0 {
            format!("M{}", p.unsigned_abs())
        } else {
            p.to_string()
        };
        if c.len() > MAX_ANSWER_CODE {
            return Err(format!(
                "the scale of question `{first_question}` has the point {p}, whose answer code `{c}` is longer than the {MAX_ANSWER_CODE} characters LimeSurvey allows"
            ));
        }
        Ok(c)
    };
    let mut out = Vec::new();
    for (p, label) in points(s) {
        out.push((code(p)?, label));
    }
    for (i, m) in s.extra_choices().into_iter().enumerate() {
        out.push((code(s.max + 1 + i as i64)?, m));
    }
    Ok(out)
}

/// The survey's welcome description.
fn description(r: &Rubric) -> String {
    let mut s = String::from(
        "For each statement, pick the answer that best describes how your team works today.",
    );
    if let Some(m) = r.scale.missing.first() {
        s.push_str(&super::skip_answer(&r.scale, m));
    }
    s.push_str(&super::non_answers(&r.scale, |x| x.to_string()));
    s
}

/// Text for a LimeSurvey field, which is HTML: on one line, with the
/// characters HTML gives a meaning written as entities.
fn html(s: &str) -> String {
    one_line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn tsv(rows: &[Row]) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    w.write_record(COLUMNS).expect("write to memory");
    for r in rows {
        let relevance = if matches!(r.class, "G" | "Q" | "SQ") {
            "1"
        } else {
            ""
        };
        let question = r.class == "Q";
        let record = [
            r.id.as_str(),
            "",
            r.class,
            &r.kind,
            &r.name,
            relevance,
            &r.text,
            "",
            if r.class == "S" { "" } else { LANGUAGE },
            "",
            if r.mandatory { "Y" } else { "" },
            if question { "N" } else { "" },
            "",
            if question { "0" } else { "" },
        ];
        w.write_record(record).expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("UTF-8 fields")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_points_get_letter_codes_and_long_codes_fail() {
        let s = Scale {
            min: -2,
            max: 0,
            labels: vec![],
            missing: vec!["Not sure".into()],
            ..Scale::default()
        };
        let codes: Vec<String> = scale_answers(&s, "q")
            .unwrap()
            .into_iter()
            .map(|a| a.0)
            .collect();
        assert_eq!(codes, ["M2", "M1", "0", "1"]);
        let s = Scale {
            min: 99_999,
            max: 100_001,
            ..s
        };
        let err = scale_answers(&s, "q").unwrap_err();
        assert!(err.contains("`100000`"), "{err}");
    }

    #[test]
    fn html_entities() {
        assert_eq!(
            html("a < b & \"c\"\n>"),
            "a &lt; b &amp; &quot;c&quot; &gt;"
        );
    }
}
