//! The questionnaire as a Qualtrics Advanced Format TXT file, imported with
//! Survey → Tools → Import/Export → Import survey.
//!
//! The file starts with `[[AdvancedFormat]]`; every element is a tag on a line
//! of its own, with no spaces inside the brackets. The layout written here:
//!
//! ```text
//! [[Block:About you]]
//! [[Question:MC:Dropdown]]     one per group column that has choices,
//! [[ID:role]]                  [[Question:TE:SingleLine]] when it has none
//! role
//! [[Choices]]
//! Individual contributor
//! …
//! [[PageBreak]]
//! [[Block:Prompt engineering]] one block per matrix
//! [[Question:Matrix]]
//! [[ID:prompting]]
//! Prompt engineering: how much do you agree with each statement?
//! [[Choices]]                  the statements (rows)
//! …
//! [[Answers]]                  the scale points (columns), then one
//! …                            "Not sure"-style answer
//! ```
//!
//! A group question's text is the group column's own name, so that the
//! export's question-text header row finds the column; its export tag is the
//! column's survey-tool code (see [`crate::survey::codes`]). A matrix's text
//! never contains " - ", which Qualtrics puts between a matrix's text and a
//! statement in the export header; the reader splits there.
//!
//! **Numeric exports.** The Advanced Format cannot set recode values:
//! Qualtrics numbers a matrix's answers 1, 2, 3, … by position. That matches
//! the rubric only for scales that start at 1 (the usual 1..5), and the
//! "Not sure" answer after them then exports as max + 1, which the reader
//! counts as not answered. A scale that starts anywhere else (0..10, -2..2)
//! must be exported with "Use choice text", or its recode values set by
//! hand in Qualtrics before the survey goes out.

use super::tools::{answers, group_title, one_line, part_name};
use crate::rubric::Rubric;
use crate::survey::codes::{check, comment_code, group_code, matrices};

/// The block of free-text questions, after the dimensions.
pub(super) const COMMENTS: &str = "Your comments";

/// The block of group questions, before the dimensions.
const ABOUT_YOU: &str = "About you";

/// The Advanced Format TXT file for `r`. Fails when two questions, matrices
/// or group columns would get the same survey-tool code.
pub fn qualtrics(r: &Rubric) -> Result<String, String> {
    check(r)?;
    let mut out = String::from("[[AdvancedFormat]]\n\n");
    let mut blocks: Vec<String> = Vec::new();

    if !r.respondents.groups.is_empty() {
        let mut b = format!("[[Block:{ABOUT_YOU}]]\n\n");
        for g in &r.respondents.groups {
            match r.respondents.choices_for(g) {
                Some(choices) => {
                    b.push_str("[[Question:MC:Dropdown]]\n");
                    b.push_str(&format!("[[ID:{}]]\n{}\n\n", group_code(g), group_title(g)));
                    b.push_str("[[Choices]]\n");
                    for c in choices {
                        b.push_str(&text(c));
                        b.push('\n');
                    }
                    b.push('\n');
                }
                None => {
                    b.push_str("[[Question:TE:SingleLine]]\n");
                    b.push_str(&format!("[[ID:{}]]\n{}\n\n", group_code(g), group_title(g)));
                }
            }
        }
        blocks.push(b);
    }

    let all = matrices(r);
    for (i, m) in all.iter().enumerate() {
        let name = text(&part_name(&all, i));
        let mut b = format!("[[Block:{name}]]\n\n");
        b.push_str("[[Question:Matrix]]\n");
        b.push_str(&format!("[[ID:{}]]\n", m.tag));
        b.push_str(&format!(
            "{}: how much do you agree with each statement?\n\n",
            text(&m.dimension.name).replace(" - ", " – ")
        ));
        b.push_str("[[Choices]]\n");
        for q in &m.questions {
            b.push_str(&text(&q.text));
            b.push('\n');
        }
        b.push_str("[[Answers]]\n");
        for a in answers(&m.questions[0].scale) {
            b.push_str(&text(&a));
            b.push('\n');
        }
        b.push('\n');
        blocks.push(b);
    }
    if !r.comments.questions.is_empty() {
        let mut b = format!("[[Block:{COMMENTS}]]\n\n");
        for c in &r.comments.questions {
            b.push_str("[[Question:TE:Essay]]\n");
            b.push_str(&format!(
                "[[ID:{}]]\n{}\n\n",
                comment_code(&c.id),
                text(&c.text)
            ));
        }
        blocks.push(b);
    }
    out.push_str(&blocks.join("[[PageBreak]]\n\n"));
    Ok(out)
}

/// Text on one line that cannot be read as a tag: a line break would start
/// a new choice, and `[[` a new element.
fn text(s: &str) -> String {
    one_line(s).replace("[[", "[ [").replace("]]", "] ]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_open_a_tag_or_a_line() {
        assert_eq!(text("a [[Block:x]]\nb"), "a [ [Block:x] ] b");
    }
}
