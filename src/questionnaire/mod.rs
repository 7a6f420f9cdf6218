//! The questionnaire generated from a rubric, so that the survey people answer
//! and the scoring never drift apart. Pure functions: rubric in, text out.

mod google_forms;
mod limesurvey;
mod qualtrics;
mod tools;

pub use google_forms::google_forms;
pub use limesurvey::{limesurvey, COLUMNS as LIMESURVEY_COLUMNS};
pub use qualtrics::qualtrics;

use askama::Template;

use crate::rubric::{Rubric, Scale};
use crate::text::plural;

/// What the first `missing` label means, for the instructions of every
/// questionnaire. Where the scale also has a "not sure" answer, that one is
/// for not being able to tell, and the missing label is only for skipping.
pub fn skip_answer(s: &crate::rubric::Scale, m: &str) -> String {
    if s.not_sure.is_empty() {
        format!(
            " If you cannot tell, answer \"{m}\": it counts as not answered, never as a low score."
        )
    } else {
        format!(" To skip a statement, answer \"{m}\": it counts as not answered, never as a low score.")
    }
}

/// What the "not sure" and "does not apply" answers mean, for the
/// instructions of every questionnaire.
pub fn non_answers(s: &crate::rubric::Scale, esc: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    if let Some(m) = s.not_sure.first() {
        out.push_str(&format!(
            " If you cannot tell whether your team does it, answer \"{}\".",
            esc(m)
        ));
    }
    if let Some(m) = s.not_applicable.first() {
        out.push_str(&format!(
            " If the practice has nothing to do with your work, answer \"{}\".",
            esc(m)
        ));
    }
    if !out.is_empty() {
        out.push_str(" Neither counts as a low score.");
    }
    out
}

/// The CSV header `mlbizops score` reads: respondent id, group columns, then
/// one column per question id, in rubric order.
pub fn csv_header(r: &Rubric) -> String {
    let mut cols: Vec<&str> = Vec::new();
    if let Some(id) = &r.respondents.id {
        cols.push(id);
    }
    cols.extend(r.respondents.groups.iter().map(String::as_str));
    cols.extend(r.asked().map(|(_, q)| q.id.as_str()));
    cols.extend(r.comments.questions.iter().map(|c| c.id.as_str()));
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    w.write_record(cols.iter().map(|c| crate::text::csv_text(c).into_owned()))
        .expect("write to memory");
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("CSV of UTF-8 strings")
}

/// How a scale's answers are written, e.g. "1 Strongly disagree · … · 5 Strongly agree".
fn options(s: &Scale) -> Vec<String> {
    (s.min..=s.max)
        .map(|p| match s.label(p) {
            Some(l) => format!("{p} {l}"),
            None => p.to_string(),
        })
        .collect()
}

pub fn markdown(r: &Rubric) -> String {
    let mut out = String::new();
    let n: usize = r.sections().map(|d| d.questions.len()).sum();
    out.push_str(&format!("# {}: questionnaire\n\n", md_escape(&r.title)));
    if !r.version.is_empty() {
        out.push_str(&format!("Rubric version {}. ", md_escape(&r.version)));
    }
    out.push_str(&format!(
        "{} in {}.\n\n",
        plural(n, "statement"),
        plural(r.sections().count(), "section")
    ));
    out.push_str(
        "For each statement, pick the answer that best describes how your team works today",
    );
    out.push_str(&format!(": {}.", options(&r.scale).join(" · ")));
    if let Some(m) = r.scale.missing.first() {
        out.push_str(&skip_answer(&r.scale, &md_escape(m)));
    }
    out.push_str(&non_answers(&r.scale, md_escape));
    out.push_str("\n\n");
    if !r.respondents.groups.is_empty() {
        out.push_str("## About you\n\n");
        for g in &r.respondents.groups {
            let answer = match r.respondents.choices_for(g) {
                Some(choices) => choices
                    .iter()
                    .map(|c| format!("☐ {}", md_escape(c)))
                    .collect::<Vec<_>>()
                    .join("  "),
                None => "______________________".to_string(),
            };
            out.push_str(&format!(
                "- **{}**: {answer}\n",
                md_escape(&tools::group_title(g))
            ));
        }
        out.push_str(&format!(
            "\nResults are only shown for groups of at least {} people.\n\n",
            r.privacy.min_group_size
        ));
    }
    let mut number = 0;
    for (i, d) in r.sections().enumerate() {
        out.push_str(&format!("## {}. {}\n\n", i + 1, md_escape(&d.name)));
        for q in &d.questions {
            number += 1;
            out.push_str(&format!("{number}. {}  \n", md_escape(&q.text)));
            let mut opts: Vec<String> =
                options(&q.scale).iter().map(|o| format!("☐ {o}")).collect();
            opts.extend(q.scale.extra_choices().iter().map(|m| format!("☐ {m}")));
            out.push_str(&format!("   {}\n", md_escape(&opts.join("  "))));
        }
        out.push('\n');
    }
    if !r.comments.questions.is_empty() {
        out.push_str(&format!("## {}\n\n", qualtrics::COMMENTS));
        out.push_str(&format!("{}\n\n", COMMENTS_NOTE));
        for c in &r.comments.questions {
            number += 1;
            out.push_str(&format!(
                "{number}. {}  \n   ______________________________________________\n",
                md_escape(&c.text)
            ));
        }
        out.push('\n');
    }
    out
}

/// What every questionnaire says before its free-text questions.
const COMMENTS_NOTE: &str = "Optional. Please do not name people or teams: comments are shown only where enough people wrote one, with e-mail addresses, phone numbers and links with user names removed.";

/// Escapes the characters that Markdown would read as formatting.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Template)]
#[template(path = "questionnaire.html")]
struct HtmlQuestionnaire<'a> {
    rubric: &'a Rubric,
    groups: Vec<GroupQuestion<'a>>,
    sections: Vec<Section<'a>>,
    scale_options: Vec<String>,
    /// "54 statements in 7 sections".
    counts: String,
    /// Free-text questions: (number, id, text).
    comments: Vec<(usize, &'a str, &'a str)>,
    comments_title: &'static str,
    comments_note: &'static str,
}

/// A group question: free text, or one of the rubric's choices.
struct GroupQuestion<'a> {
    title: String,
    choices: &'a [String],
}

/// A dimension as respondents see it: its name, not its description, which
/// says what strong answers look like and would steer them.
struct Section<'a> {
    number: usize,
    name: &'a str,
    questions: Vec<HtmlQuestion<'a>>,
}

struct HtmlQuestion<'a> {
    number: usize,
    id: &'a str,
    text: &'a str,
    options: Vec<String>,
}

pub fn html(r: &Rubric) -> String {
    let mut number = 0;
    let sections = r
        .sections()
        .enumerate()
        .map(|(i, d)| Section {
            number: i + 1,
            name: &d.name,
            questions: d
                .questions
                .iter()
                .map(|q| {
                    number += 1;
                    let mut opts = options(&q.scale);
                    opts.extend(q.scale.extra_choices());
                    HtmlQuestion {
                        number,
                        id: &q.id,
                        text: &q.text,
                        options: opts,
                    }
                })
                .collect(),
        })
        .collect();
    let groups = r
        .respondents
        .groups
        .iter()
        .map(|g| GroupQuestion {
            title: tools::group_title(g),
            choices: r.respondents.choices_for(g).unwrap_or_default(),
        })
        .collect();
    let comments = r
        .comments
        .questions
        .iter()
        .map(|c| {
            number += 1;
            (number, c.id.as_str(), c.text.as_str())
        })
        .collect();
    let page = HtmlQuestionnaire {
        comments,
        comments_title: qualtrics::COMMENTS,
        comments_note: COMMENTS_NOTE,
        rubric: r,
        groups,
        sections,
        scale_options: options(&r.scale),
        counts: format!(
            "{} in {}",
            plural(number - r.comments.questions.len(), "statement"),
            plural(r.sections().count(), "section")
        ),
    };
    // Rendering only fails when a value's Display fails, which ours never do.
    page.render().expect("questionnaire template renders")
}
