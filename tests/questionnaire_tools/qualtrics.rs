//! Qualtrics Advanced Format: the file read back block by block.

use mlbizops::questionnaire::qualtrics;
use mlbizops::rubric::Rubric;
use mlbizops::survey::codes::{group_code, matrices, question_code};

use super::{builtin, expected_answers, fixture, titled};

#[derive(Debug, Default)]
struct QBlock {
    name: String,
    questions: Vec<QQuestion>,
}

#[derive(Debug, Default)]
struct QQuestion {
    kind: String,
    id: String,
    text: Vec<String>,
    choices: Vec<String>,
    answers: Vec<String>,
}

/// Reads an Advanced Format file back: blocks of questions, and the number
/// of page breaks. Panics on a line that looks like a tag but is not one
/// this writer uses, or on text outside a question.
fn parse_qualtrics(txt: &str) -> (Vec<QBlock>, usize) {
    let mut lines = txt.lines();
    assert_eq!(lines.next(), Some("[[AdvancedFormat]]"));
    let mut blocks: Vec<QBlock> = Vec::new();
    let mut breaks = 0;
    #[derive(PartialEq)]
    enum Part {
        Text,
        Choices,
        Answers,
    }
    let mut part = Part::Text;
    for line in lines {
        if let Some(name) = line.strip_prefix("[[Block:") {
            blocks.push(QBlock {
                name: name.strip_suffix("]]").expect("closed tag").to_string(),
                ..QBlock::default()
            });
        } else if let Some(kind) = line.strip_prefix("[[Question:") {
            let b = blocks.last_mut().expect("a question inside a block");
            b.questions.push(QQuestion {
                kind: kind.strip_suffix("]]").expect("closed tag").to_string(),
                ..QQuestion::default()
            });
            part = Part::Text;
        } else if line == "[[PageBreak]]" {
            breaks += 1;
        } else if line.starts_with("[[") {
            let q = blocks
                .last_mut()
                .and_then(|b| b.questions.last_mut())
                .expect("a tag inside a question");
            match line {
                "[[Choices]]" => part = Part::Choices,
                "[[Answers]]" => part = Part::Answers,
                _ => {
                    let id = line
                        .strip_prefix("[[ID:")
                        .and_then(|l| l.strip_suffix("]]"));
                    q.id = id
                        .unwrap_or_else(|| panic!("unknown tag {line}"))
                        .to_string();
                }
            }
        } else if !line.is_empty() {
            let q = blocks
                .last_mut()
                .and_then(|b| b.questions.last_mut())
                .unwrap_or_else(|| panic!("text outside a question: {line}"));
            match part {
                Part::Text => q.text.push(line.to_string()),
                Part::Choices => q.choices.push(line.to_string()),
                Part::Answers => q.answers.push(line.to_string()),
            }
        }
    }
    (blocks, breaks)
}

fn check_qualtrics(r: &Rubric) -> String {
    let txt = qualtrics(r).expect("Qualtrics file");
    let (blocks, breaks) = parse_qualtrics(&txt);
    let ms = matrices(r);
    let comments = &r.comments.questions;
    assert_eq!(
        blocks.len(),
        ms.len() + 1 + usize::from(!comments.is_empty()),
        "About you, then one block per matrix, then the comments"
    );
    assert_eq!(breaks, blocks.len() - 1, "a page break between blocks");

    let about = &blocks[0];
    assert_eq!(about.name, "About you");
    assert_eq!(about.questions.len(), r.respondents.groups.len());
    for (q, g) in about.questions.iter().zip(&r.respondents.groups) {
        assert_eq!(q.id, group_code(g));
        assert_eq!(
            q.text,
            [titled(g)],
            "the text is the column's name, capitalized"
        );
        match r.respondents.choices_for(g) {
            Some(c) => {
                assert_eq!(q.kind, "MC:Dropdown");
                assert_eq!(q.choices, c);
            }
            None => {
                assert_eq!(q.kind, "TE:SingleLine");
                assert!(q.choices.is_empty());
            }
        }
    }

    if !comments.is_empty() {
        let last = blocks.last().unwrap();
        assert_eq!(last.name, "Your comments");
        assert_eq!(last.questions.len(), comments.len());
        for (q, c) in last.questions.iter().zip(comments) {
            assert_eq!(q.kind, "TE:Essay");
            assert_eq!(q.id, mlbizops::survey::codes::comment_code(&c.id));
            assert_eq!(q.text, std::slice::from_ref(&c.text));
        }
    }
    for (b, m) in blocks[1..].iter().zip(&ms) {
        assert!(
            b.name.starts_with(&m.dimension.name),
            "{} / {}",
            b.name,
            m.dimension.name
        );
        let [q] = b.questions.as_slice() else {
            panic!("one matrix per block: {b:?}");
        };
        assert_eq!(q.kind, "Matrix");
        assert_eq!(q.id, m.tag);
        assert_eq!(q.text.len(), 1);
        assert!(!q.text[0].contains(" - "), "{}", q.text[0]);
        let statements: Vec<&str> = m.questions.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(q.choices, statements);
        assert_eq!(q.answers, expected_answers(&m.questions[0].scale));
    }
    // Every statement once in the whole file.
    for (_, q) in r.asked() {
        assert_eq!(
            txt.lines().filter(|l| *l == q.text).count(),
            1,
            "{}",
            q.text
        );
    }
    assert_eq!(
        qualtrics(r).unwrap(),
        txt,
        "the same rubric, the same bytes"
    );
    txt
}

#[test]
fn qualtrics_builtin_rubric() {
    let r = builtin();
    let txt = check_qualtrics(&r);
    assert_eq!(matrices(&r).len(), r.sections().count());
    // `team` has no choices in the built-in rubric, `role` has.
    assert!(
        txt.contains("[[Question:TE:SingleLine]]\n[[ID:team]]\nTeam\n"),
        "{txt}"
    );
    assert!(
        txt.contains("[[Question:MC:Dropdown]]\n[[ID:role]]\nRole\n"),
        "{txt}"
    );
    assert!(
        txt.contains("[[Answers]]\nStrongly disagree\nDisagree\nNeither agree nor disagree\nAgree\nStrongly agree\nPrefer not to answer\nNot sure\nDoes not apply\n\n"),
        "{txt}"
    );
}

#[test]
fn qualtrics_awkward_rubric() {
    let r = fixture();
    let txt = check_qualtrics(&r);
    let ms = matrices(&r);
    assert_eq!(ms.len(), 3, "the audits question has its own scale");
    assert_eq!(ms[1].tag, "dataGovernance2");
    assert!(
        txt.contains("[[Block:Data - governance (part 2)]]\n"),
        "{txt}"
    );
    assert!(
        txt.contains("Data – governance: how much do you agree with each statement?"),
        "{txt}"
    );
    // The second matrix: points 0..3 as numbers, then the inherited "Not sure".
    assert!(txt.contains("[[Answers]]\n0\n1\n2\n3\nNot sure\n"), "{txt}");
    assert!(txt.contains("[[ID:officeSite]]\nOffice site\n"), "{txt}");
    assert!(txt.contains("Prompts are stored under C:\\prompts\\ with a \"README\" in Zürich."));
    assert!(
        txt.contains("[[Choices]]\nPlatform\nSales & Marketing\nZürich \"Labs\"\n"),
        "{txt}"
    );
    assert_eq!(question_code(ms[0].dimension, ms[0].questions[1]), "paths");
}
