//! The questionnaire as a Google Apps Script that creates the form: Google
//! Forms has no file to import a form from, but a script pasted into
//! script.google.com can build one with `FormApp`.
//!
//! The form: the rubric's title and instructions; a list item per group
//! column that has choices (`[respondents.choices]`), a short-answer item per
//! group column that has none; then for each dimension a section (page
//! break) titled with the dimension's name, holding one grid item per
//! matrix whose rows are the statements and whose columns are the scale's
//! labels (its numbers when it has none) and its first "Not sure"-style
//! answer. Responses go to a new spreadsheet, whose CSV download names a
//! grid's columns `Grid title [Row text]`; the reader matches the row text.
//!
//! Every string is written as a JSON string literal, which is also a
//! JavaScript one (Apps Script runs modern JavaScript), so quotes,
//! backslashes and non-ASCII text need no escaping of our own.

use super::tools::{answers, group_title, one_line};
use crate::rubric::Rubric;
use crate::survey::codes::{check, matrices};

/// The Apps Script for `r`. Fails when two questions, matrices or group
/// columns would get the same survey-tool code, as the other writers do, so
/// that a rubric works with every tool or with none.
pub fn google_forms(r: &Rubric) -> Result<String, String> {
    check(r)?;
    let title = one_line(&r.title);
    let mut out = String::new();
    out.push_str(&format!(
        "// {title}: the questionnaire as a Google Form, written by mlbizops from\n\
         // rubric `{}`{}. Running it again makes another form.\n",
        r.id,
        if r.version.is_empty() {
            String::new()
        } else {
            format!(" version {}", one_line(&r.version))
        }
    ));
    out.push_str(HOW_TO_RUN);
    out.push_str("\nfunction createForm() {\n");
    out.push_str(&format!("  var form = FormApp.create({});\n", js(&title)));
    out.push_str(&format!(
        "  form.setDescription({});\n",
        js(&description(r))
    ));

    for g in &r.respondents.groups {
        let name = js(&group_title(g));
        match r.respondents.choices_for(g) {
            Some(choices) => out.push_str(&format!(
                "  form.addListItem()\n    .setTitle({name})\n    .setChoiceValues({})\n    .setRequired(true);\n",
                js_list(choices.iter().map(|c| one_line(c)), 4)
            )),
            None => out.push_str(&format!(
                "  form.addTextItem()\n    .setTitle({name})\n    .setRequired(true);\n"
            )),
        }
    }

    let all = matrices(r);
    for (i, m) in all.iter().enumerate() {
        let d = m.dimension;
        // One section per dimension: a dimension asked as two grids (two
        // scales) keeps both on its page.
        let first = i == 0 || !std::ptr::eq(all[i - 1].dimension, d);
        if first {
            out.push_str(&format!(
                "\n  form.addPageBreakItem()\n    .setTitle({})",
                js(&one_line(&d.name))
            ));
            out.push_str(";\n");
        }
        out.push_str(&format!(
            "  form.addGridItem()\n    .setTitle({})\n    .setRows({})\n    .setColumns({})\n    .setRequired(true);\n",
            js(&one_line(&d.name)),
            js_list(m.questions.iter().map(|q| one_line(&q.text)), 4),
            js_list(answers(&m.questions[0].scale).iter().map(|a| one_line(a)), 4),
        ));
    }

    if !r.comments.questions.is_empty() {
        out.push_str(&format!(
            "\n  form.addPageBreakItem()\n    .setTitle({});\n",
            js(super::qualtrics::COMMENTS)
        ));
        for c in &r.comments.questions {
            out.push_str(&format!(
                "  form.addParagraphTextItem()\n    .setTitle({});\n",
                js(&one_line(&c.text))
            ));
        }
    }
    out.push_str(&format!(
        "\n  var sheet = SpreadsheetApp.create({});\n",
        js(&format!("{title} (responses)"))
    ));
    out.push_str("  form.setDestination(FormApp.DestinationType.SPREADSHEET, sheet.getId());\n");
    out.push_str("  Logger.log('Edit the form: ' + form.getEditUrl());\n");
    out.push_str("  Logger.log('Send this link to respondents: ' + form.getPublishedUrl());\n");
    out.push_str("  Logger.log('Responses: ' + sheet.getUrl());\n");
    out.push_str("}\n");
    Ok(out)
}

const HOW_TO_RUN: &str = "//
// To create the form:
// 1. Open https://script.google.com and start a new project.
// 2. Replace everything in the editor with this file and save.
// 3. Choose the function createForm and click Run; allow the script, when
//    asked, to manage your forms and spreadsheets.
// 4. The execution log shows the links to edit the form, to send to
//    respondents, and to the responses spreadsheet.
// To score: in the spreadsheet, File > Download > Comma-separated values,
// then run mlbizops on the downloaded file.
";

/// The form's description: what to do, and what "Not sure" means.
fn description(r: &Rubric) -> String {
    let mut s = String::from(
        "For each statement, pick the answer that best describes how your team works today.",
    );
    if let Some(m) = r.scale.missing.first() {
        s.push_str(&super::skip_answer(&r.scale, &one_line(m)));
    }
    s.push_str(&super::non_answers(&r.scale, one_line));
    s.push_str(&format!(
        " Results are only shown for groups of at least {} people.",
        r.privacy.min_group_size
    ));
    s
}

/// A JavaScript string literal.
fn js(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serializes")
}

/// A JavaScript array of string literals, one per line, indented by
/// `indent` spaces (the closing bracket `indent - 2`).
fn js_list(items: impl Iterator<Item = String>, indent: usize) -> String {
    let pad = " ".repeat(indent + 2);
    let lines: Vec<String> = items.map(|i| format!("{pad}{}", js(&i))).collect();
    format!("[\n{}\n{}]", lines.join(",\n"), " ".repeat(indent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_quotes_and_backslashes() {
        assert_eq!(js(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(js("Zürich"), "\"Zürich\"");
        assert_eq!(
            js_list(["x".to_string(), "y".to_string()].into_iter(), 2),
            "[\n    \"x\",\n    \"y\"\n  ]"
        );
    }
}
