//! The codes survey tools know questions by, derived from rubric ids.
//!
//! LimeSurvey question and subquestion codes may hold only ASCII letters and
//! digits, must start with a letter and are at most 20 characters long;
//! Qualtrics export tags are friendlier but the same codes suit them too. The
//! questionnaire writers name questions with these codes and the export
//! reader finds them again with the same functions, so both ends agree by
//! construction.
//!
//! The rule, documented in the README:
//! 1. keep ASCII letters and digits; every other character is dropped and the
//!    letter after it is upper-cased (`few_shot-examples` -> `fewShotExamples`);
//! 2. if the result is empty or starts with a digit, put `Q` in front;
//! 3. cut it to 20 characters.
//!
//! A question's subquestion code is made from its id without the
//! `dimension-id.` prefix the built-in rubric uses, so that the 20
//! characters go to the part that tells questions apart.

use crate::rubric::{Dimension, Question, Rubric};

/// The longest code LimeSurvey accepts.
pub const MAX_CODE_LEN: usize = 20;

/// A code of ASCII letters and digits that starts with a letter.
pub fn code(id: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            if upper && !out.is_empty() {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'Q');
    }
    out.truncate(MAX_CODE_LEN);
    out
}

/// The subquestion code of a question within its dimension's matrix.
pub fn question_code(d: &Dimension, q: &Question) -> String {
    let local =
        q.id.strip_prefix(d.id.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(&q.id);
    code(local)
}

/// One matrix (grid) question of a generated questionnaire: consecutive
/// questions of a dimension that share a scale. A dimension whose questions
/// all share one scale, the usual case, is one matrix.
#[derive(Debug)]
pub struct Matrix<'a> {
    pub dimension: &'a Dimension,
    /// The matrix's question code: the dimension's code, followed by the
    /// matrix's number from the second matrix of a dimension on.
    pub tag: String,
    pub questions: Vec<&'a Question>,
}

/// The matrices of a rubric, dimension by dimension, in rubric order.
pub fn matrices(r: &Rubric) -> Vec<Matrix<'_>> {
    let mut out: Vec<Matrix> = Vec::new();
    // The outcome items come last, as one more section.
    for d in r.sections() {
        let base = code(&d.id);
        let mut n = 0;
        for q in &d.questions {
            let same = out
                .last()
                .is_some_and(|m| std::ptr::eq(m.dimension, d) && m.questions[0].scale == q.scale);
            if same {
                out.last_mut().expect("checked above").questions.push(q);
            } else {
                n += 1;
                let tag = if n == 1 {
                    base.clone()
                } else {
                    let suffix = n.to_string();
                    let mut t = base.clone();
                    t.truncate(MAX_CODE_LEN - suffix.len());
                    t + &suffix
                };
                out.push(Matrix {
                    dimension: d,
                    tag,
                    questions: vec![q],
                });
            }
        }
    }
    out
}

/// The code of a group column's question (a dropdown in the tools).
pub fn group_code(column: &str) -> String {
    code(column)
}

/// The code of a free-text comment question (an essay question in the
/// tools).
pub fn comment_code(id: &str) -> String {
    code(id)
}

/// Checks that the derived codes tell every matrix, group column and
/// statement apart; the message names the ids that collide.
pub fn check(r: &Rubric) -> Result<(), String> {
    let mut seen: Vec<(String, String)> = Vec::new();
    let clash = |code: String, what: String, seen: &mut Vec<(String, String)>| {
        let key = code.to_ascii_lowercase();
        if let Some((_, other)) = seen.iter().find(|(c, _)| *c == key) {
            return Err(format!(
                "{what} and {other} both get the survey-tool code `{code}`; rename one of them (codes keep only letters and digits and are cut to {MAX_CODE_LEN} characters)"
            ));
        }
        seen.push((key, what));
        Ok(())
    };
    for m in matrices(r) {
        clash(
            m.tag.clone(),
            format!("dimension `{}`", m.dimension.id),
            &mut seen,
        )?;
    }
    for g in &r.respondents.groups {
        clash(group_code(g), format!("group column `{g}`"), &mut seen)?;
    }
    for c in &r.comments.questions {
        clash(
            comment_code(&c.id),
            format!("comment question `{}`", c.id),
            &mut seen,
        )?;
    }
    for m in matrices(r) {
        let mut local = Vec::new();
        for q in &m.questions {
            clash(
                question_code(m.dimension, q),
                format!("question `{}`", q.id),
                &mut local,
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_letters_and_digits_and_start_with_a_letter() {
        assert_eq!(code("few_shot-examples"), "fewShotExamples");
        assert_eq!(code("prompting"), "prompting");
        assert_eq!(code("2fa.rollout"), "Q2faRollout");
        assert_eq!(code("..."), "Q");
        assert_eq!(code("équipe"), "quipe");
        assert_eq!(
            code("a_very_long_identifier_indeed"),
            "aVeryLongIdentifierI"
        );
        assert_eq!(code("a_very_long_identifier_indeed").len(), MAX_CODE_LEN);
    }

    #[test]
    fn the_builtin_rubric_has_distinct_codes() {
        let r = crate::rubric::load(None).expect("built-in rubric").rubric;
        check(&r).expect("distinct codes");
        let m = matrices(&r);
        assert_eq!(m.len(), r.sections().count());
        assert_eq!(m[0].tag, "prompting");
        assert_eq!(
            question_code(m[0].dimension, m[0].questions[0]),
            // prompting.prompts_in_version_control, cut to 20 characters.
            "promptsInVersionCont"
        );
    }
}
