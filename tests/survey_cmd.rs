//! `mlbizops survey` (CSV header, Markdown and HTML questionnaires) and the
//! exit codes and help texts of the command line.

use assert_cmd::Command;
use clap::CommandFactory;
use mlbizops::rubric::{self, Rubric};

const CUSTOM: &str = "tests/fixtures/survey/custom.toml";
const ESCAPING: &str = "tests/fixtures/survey/escaping.toml";

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = Command::cargo_bin("mlbizops")
        .expect("the mlbizops binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("mlbizops runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs a command that must succeed silently on stderr; returns stdout.
fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, Some(0), "{args:?} failed:\n{}", r.stderr);
    assert_eq!(r.stderr, "", "{args:?} printed on stderr");
    r.stdout
}

fn builtin() -> Rubric {
    rubric::load(None)
        .expect("the built-in rubric loads")
        .rubric
}

/// How askama escapes text in HTML (numeric character references).
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&#38;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

// --- CSV --------------------------------------------------------------------

#[test]
fn csv_is_the_respondent_columns_then_every_question_id_in_rubric_order() {
    let csv = ok(&["survey", "--format", "csv"]);
    let r = builtin();
    let ids: Vec<&str> = r.asked().map(|(_, q)| q.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        67,
        "the built-in rubric has 63 questions and 4 outcome items"
    );
    assert!(ids[63..].iter().all(|id| id.starts_with("outcome.")));
    let expected = format!(
        "respondent_id,team,role,{},comment.help,comment.worries\n",
        ids.join(",")
    );
    assert_eq!(csv, expected);
    assert!(
        csv.starts_with(
            "respondent_id,team,role,prompting.prompts_in_version_control,\
             prompting.second_person_review,"
        ),
        "{csv}"
    );
    // One line, no quoting needed for these ids.
    assert_eq!(csv.lines().count(), 1);
    assert!(!csv.contains('"'));
}

#[test]
fn csv_of_a_custom_rubric_uses_its_respondent_columns() {
    let csv = ok(&["survey", "--rubric", CUSTOM, "--format", "csv"]);
    assert_eq!(
        csv,
        "email,department,tools.chat,tools.code,habits.review\n"
    );
}

// --- Markdown ---------------------------------------------------------------

#[test]
fn markdown_has_every_question_and_section_in_order() {
    let md = ok(&["survey", "--format", "md"]);
    let r = builtin();
    assert!(
        md.starts_with("# LLM adoption readiness: questionnaire\n"),
        "{md}"
    );
    assert!(md.contains("67 statements in 10 sections."), "{md}");
    let mut last = 0;
    // The outcome items are the last section.
    for (i, d) in r.sections().enumerate() {
        let heading = format!("\n## {}. {}\n", i + 1, d.name);
        let at = md
            .find(&heading)
            .unwrap_or_else(|| panic!("no heading {heading:?}"));
        assert!(at > last, "{heading:?} is out of order");
        last = at;
        for q in &d.questions {
            assert!(md.contains(&q.text), "question `{}` missing", q.id);
            // Each question is under its own dimension's heading.
            assert!(md.find(&q.text).unwrap() > at, "`{}` misplaced", q.id);
        }
    }
    // The question numbers run on across sections.
    assert!(md.contains("\n67. "), "questions are numbered 1 to 67");
}

#[test]
fn markdown_shows_the_scale_labels_and_the_missing_answer() {
    let md = ok(&["survey"]);
    for label in &builtin().scale.labels {
        assert!(md.contains(label.as_str()), "label {label:?} missing");
    }
    assert!(
        md.contains(
            "1 Strongly disagree · 2 Disagree · 3 Neither agree nor disagree · 4 Agree · 5 Strongly agree"
        ),
        "{md}"
    );
    assert!(
        md.contains("If you cannot tell whether your team does it, answer \"Not sure\""),
        "{md}"
    );
    assert!(md.contains("☐ Not sure"), "{md}");
    // The missing label is only for skipping; "Does not apply" is offered too.
    assert!(
        md.contains("To skip a statement, answer \"Prefer not to answer\""),
        "{md}"
    );
    assert!(md.contains("☐ Prefer not to answer"), "{md}");
    assert!(md.contains("☐ Does not apply"), "{md}");
    // md is the default format.
    assert_eq!(md, ok(&["survey", "--format", "md"]));
}

#[test]
fn markdown_of_a_custom_rubric() {
    let md = ok(&["survey", "--rubric", CUSTOM, "--format", "md"]);
    // Group columns are asked with a capital letter ("department" is matched
    // ignoring case when the answers come back).
    assert!(md.contains("- **Department**: "), "{md}");
    assert!(md.contains("groups of at least 4 people"), "{md}");
    assert!(md.contains("☐ 0 Never  ☐ 1 Sometimes  ☐ 2 Often  ☐ 3 Always  ☐ Skip"));
    // A question with its own scale shows its own answers (and the rubric's
    // missing-answer label).
    assert!(md.contains("☐ 1 No  ☐ 2 Yes  ☐ Skip"), "{md}");
    insta::assert_snapshot!("custom_markdown", md);
}

#[test]
fn markdown_escapes_formatting_characters() {
    let md = ok(&["survey", "--rubric", ESCAPING, "--format", "md"]);
    assert!(
        md.contains("Do we write \\<b\\>&\"bold\"\\</b\\> and 'quoted' text?"),
        "{md}"
    );
    assert!(md.contains("## 1. Alpha & \\<Beta\\>"), "{md}");
    assert!(!md.contains("<b>"), "{md}");
}

// --- HTML -------------------------------------------------------------------

#[test]
fn html_is_one_self_contained_document() {
    let html = ok(&["survey", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>\n"), "{html}");
    assert_eq!(html.trim_end().matches("</html>").count(), 1);
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    // Nothing loaded from anywhere: it must work offline and from an e-mail.
    for banned in [
        "http://", "https://", "<script", "<link", "src=", "url(", "@import",
    ] {
        assert!(!html.contains(banned), "the HTML contains {banned:?}");
    }
    // The styles travel inside the file.
    assert!(html.contains("<style>"));
}

#[test]
fn html_has_every_question_text_escaped() {
    let html = ok(&["survey", "--format", "html"]);
    let r = builtin();
    for (_, q) in r.questions() {
        let escaped = html_escape(&q.text);
        assert!(
            html.contains(&format!("</span>{escaped}</div>")),
            "question `{}` missing: {escaped}",
            q.id
        );
        assert!(html.contains(&format!("aria-labelledby=\"{}\"", q.id)));
    }
    // A paper form: boxes to tick, no controls that look fillable but
    // cannot send anything.
    assert!(
        !html.contains("<input"),
        "form controls in the printable questionnaire"
    );
    assert!(!html.contains("<form"));
    assert!(html.contains("<span class=\"box\"></span>5 Strongly agree</li>"));
    assert!(html.contains("It cannot send answers."));
    // At least one built-in question has an apostrophe, so the escaping is exercised.
    assert!(html.contains("&#39;"));
    for (i, d) in r.dimensions.iter().enumerate() {
        let h2 = format!("<h2>{}. {}</h2>", i + 1, html_escape(&d.name));
        assert!(html.contains(&h2), "{h2}");
    }
    assert!(html.contains("“Not sure”"));
}

#[test]
fn html_escapes_rubric_text_everywhere() {
    let html = ok(&["survey", "--rubric", ESCAPING, "--format", "html"]);
    assert!(
        html.contains(
            "Do we write &#60;b&#62;&#38;&#34;bold&#34;&#60;/b&#62; and &#39;quoted&#39; text?"
        ),
        "{html}"
    );
    assert!(html.contains("<h1>Tags &#60;i&#62;in&#60;/i&#62; &#38; &#34;titles&#34;</h1>"));
    assert!(html.contains("<h2>1. Alpha &#38; &#60;Beta&#62;</h2>"));
    // Dimension descriptions are not shown to respondents at all: they say
    // what strong answers look like.
    assert!(!html.contains("A description with"), "{html}");
    assert!(html.contains("</span>3 &#34;yes&#34;</li>"), "{html}");
    assert!(html.contains("&#60;team&#62;:"), "{html}");
    for raw in ["<b>", "<i>", "<Beta>", "<script", "<team>", "<no>"] {
        assert!(!html.contains(raw), "unescaped {raw:?} in the HTML");
    }
    insta::assert_snapshot!("escaping_html", html);
}

#[test]
fn a_workspace_offers_its_teams_where_the_rubric_asks_free_text() {
    // examples/acme invites seven teams to its latest wave; the built-in
    // rubric asks the team as free text and lists the roles.
    let md = ok(&["survey", "--workspace", "examples/acme", "--format", "md"]);
    assert!(
        md.contains("- **Team**: ☐ Customer Support  ☐ Data Science  ☐ Legal  ☐ Platform  ☐ Product  ☐ Sales  ☐ Security"),
        "{md}"
    );
    assert!(md.contains("- **Role**: ☐ Individual contributor"), "{md}");
    let qualtrics = ok(&[
        "survey",
        "--workspace",
        "examples/acme",
        "--format",
        "qualtrics",
    ]);
    assert!(qualtrics.contains("Data Science"), "{qualtrics}");
    // Without the workspace the team stays free text.
    let md = ok(&["survey", "--format", "md"]);
    assert!(md.contains("- **Team**: ______________________"), "{md}");
}

// --- Output file, custom and invalid rubrics ----------------------------------

#[test]
fn out_writes_the_file_and_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    for (format, flag) in [("html", "--out"), ("csv", "-o"), ("md", "--out")] {
        let path = dir.path().join(format!("questionnaire.{format}"));
        let p = path.to_str().unwrap();
        let stdout = ok(&["survey", "--format", format, flag, p]);
        assert_eq!(stdout, "", "{format}: nothing on stdout with {flag}");
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            written,
            ok(&["survey", "--format", format]),
            "{format}: the file holds what stdout would"
        );
    }
}

#[test]
fn out_into_a_missing_directory_fails_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("q.html");
    let r = run(&[
        "survey",
        "--format",
        "html",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.starts_with("error: cannot write "), "{}", r.stderr);
    assert!(r.stderr.contains("q.html"), "{}", r.stderr);
}

#[test]
fn survey_of_an_invalid_rubric_fails_with_exit_1_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.md");
    let r = run(&[
        "survey",
        "--rubric",
        "tests/fixtures/check/type-error.toml",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .contains("`dimension.weight` must be a number, found a string"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("[tests/fixtures/check/type-error.toml:17:10]"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("error: 1 error(s), 0 warning(s)"),
        "{}",
        r.stderr
    );
    assert!(!path.exists(), "no questionnaire for an invalid rubric");
}

#[test]
fn survey_counts_rubric_warnings_on_stderr_and_still_writes() {
    let r = run(&[
        "survey",
        "--rubric",
        "tests/fixtures/check/warnings-only.toml",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, "alpha.one\n");
    // Only counted, with a pointer to the command that shows them.
    assert_eq!(
        r.stderr,
        "note: the rubric has 1 warning(s); \
         `mlbizops check tests/fixtures/check/warnings-only.toml` shows them\n"
    );
}

#[test]
fn survey_with_an_unknown_format_is_a_usage_error() {
    let r = run(&["survey", "--format", "pdf"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("invalid value 'pdf'"), "{}", r.stderr);
    assert!(r.stderr.contains("csv, md, html"), "{}", r.stderr);
}

// --- Exit codes and help ------------------------------------------------------

#[test]
fn unknown_option_exits_2() {
    let r = run(&["--bogus"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("'--bogus'"), "{}", r.stderr);
}

#[test]
fn no_command_exits_2() {
    let r = run(&[]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("Usage: mlbizops"), "{}", r.stderr);
}

#[test]
fn a_rubric_that_does_not_exist_exits_1_and_names_the_file() {
    for args in [
        &["check", "/nonexistent.toml"][..],
        &["survey", "--rubric", "/nonexistent.toml"][..],
    ] {
        let r = run(args);
        assert_eq!(r.code, Some(1), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "");
        assert!(
            r.stderr.starts_with("error: cannot read /nonexistent.toml"),
            "{args:?}: {}",
            r.stderr
        );
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    }
}

#[test]
fn every_subcommand_help_has_examples_and_exit_codes() {
    let cli = mlbizops::cli::Cli::command();
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(names.contains(&"check".to_string()), "{names:?}");
    assert!(names.contains(&"survey".to_string()), "{names:?}");
    for name in &names {
        let help = ok(&[name.as_str(), "--help"]);
        assert!(help.contains("Example"), "`{name} --help` has no example");
        assert!(
            help.contains(&format!("mlbizops {name}")),
            "`{name} --help` has no example of itself"
        );
        assert!(help.contains("Exit codes:"), "`{name} --help`: {help}");
        for code in ["  0  ", "  1  ", "  2  "] {
            assert!(
                help.contains(code),
                "`{name} --help` lacks exit code {code:?}"
            );
        }
    }
}

#[test]
fn top_level_help_lists_the_commands_and_exit_codes() {
    let help = ok(&["--help"]);
    for needle in ["check", "survey", "Exit codes:", "  0  ", "  1  ", "  2  "] {
        assert!(help.contains(needle), "--help lacks {needle:?}:\n{help}");
    }
}
