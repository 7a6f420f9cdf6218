//! Free-text comments (issue 19): a small team's comments are never
//! attributed to it, too few commenters show no text at all, e-mail
//! addresses appear in no output, theme counts pass the independent
//! disclosure checker (`tests/common/disclosure.rs`), and hostile text is
//! inert in every format. Every output is written by the command line, as
//! a user gets it, and the PDF is read back with lopdf.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::disclosure;
use common::survey::{comments_rubric_path, Survey};
use serde_json::Value;

/// The comments fixture with the comment threshold set to `c`.
fn rubric_with_threshold(dir: &Path, c: u64) -> PathBuf {
    let text = std::fs::read_to_string(comments_rubric_path()).unwrap();
    let text = text.replace("threshold = 5", &format!("threshold = {c}"));
    let path = dir.join("rubric.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// A survey of teams `(name, people)`; `comment(team, i)` gives each
/// person's comment and its themes.
fn survey(
    teams: &[(&str, usize)],
    comment: impl Fn(&str, usize) -> Option<(String, Vec<&'static str>)>,
) -> Survey {
    let mut s = Survey::fixture(&["team"]);
    s.comment_column = Some("say".into());
    for (team, n) in teams {
        for i in 0..*n {
            s.add(&[team], &["4", "3", "2", "4", "5", "3", "4"]);
            s.rows.last_mut().unwrap().comment =
                comment(team, i).map(|(t, th)| (t, th.iter().map(|x| x.to_string()).collect()));
        }
    }
    s
}

/// Every output of `score` and `report` for the survey, as text: (name,
/// contents); and the score document.
fn outputs(dir: &Path, survey: &Survey, rubric: &Path) -> (Vec<(String, String)>, Value) {
    let csv = dir.join("s.csv");
    std::fs::write(&csv, survey.csv()).unwrap();
    let out = dir.join("out");
    Command::cargo_bin("mlbizops")
        .unwrap()
        .args([
            "report",
            csv.to_str().unwrap(),
            "--rubric",
            rubric.to_str().unwrap(),
        ])
        .args([
            "--format",
            "html,pdf,md,json",
            "--date",
            "2026-09-30",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let mut all = Vec::new();
    for f in ["report.html", "report.md", "report.json"] {
        all.push((f.to_string(), std::fs::read_to_string(out.join(f)).unwrap()));
    }
    let pdf = lopdf::Document::load(out.join("report.pdf")).unwrap();
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    let text = pdf.extract_text(&pages).unwrap();
    all.push((
        "report.pdf".into(),
        text.split_whitespace().collect::<Vec<_>>().join(" "),
    ));
    let mut doc = Value::Null;
    for format in ["json", "csv", "table"] {
        let got = Command::cargo_bin("mlbizops")
            .unwrap()
            .args([
                "score",
                csv.to_str().unwrap(),
                "--rubric",
                rubric.to_str().unwrap(),
            ])
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(got.status.success());
        let text = String::from_utf8(got.stdout).unwrap();
        if format == "json" {
            doc = serde_json::from_str(&text).unwrap();
        }
        all.push((format!("score --format {format}"), text));
    }
    (all, doc)
}

fn blocks(report_json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(report_json).unwrap();
    v["comments"]["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| b["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_nine_person_teams_comments_are_never_attributed_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = rubric_with_threshold(dir.path(), 10);
    let s = survey(
        &[("North", 15), ("South", 15), ("East", 15), ("Small", 9)],
        |team, i| {
            Some(match team {
                "Small" => (format!("zeta smallmark{i} alpha misc"), vec!["a", "other"]),
                _ => (format!("The {team} view number {i}: alpha"), vec!["a"]),
            })
        },
    );
    let (all, doc) = outputs(dir.path(), &s, &rubric);
    // The team's scores are shown (9 >= 5), its comments are not (9 < 10).
    let small = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["value"] == "Small")
        .unwrap();
    assert_eq!(small["n"], 9);
    let shown: Vec<&str> = doc["comments"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["value"].as_str().unwrap())
        .collect();
    // One more team is hidden so that the organization less the shown
    // teams does not give the small team's figures.
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(!shown.contains(&"Small"));
    assert_eq!(doc["comments"]["organization"]["commenters"], 54);
    // Its comments may be quoted only in the organization's block, where
    // they are one among the comments of every team not shown (here 24
    // people): never under a team, and never in the score outputs.
    for (name, text) in &all {
        let lower = text.to_lowercase();
        if name.starts_with("score") {
            assert!(!lower.contains("smallmark"), "{name} shows a comment");
            continue;
        }
        if name == "report.json" {
            let v: Value = serde_json::from_str(text).unwrap();
            for b in v["comments"]["blocks"].as_array().unwrap().iter().skip(1) {
                assert!(!b.to_string().contains("smallmark"), "{name}: {b}");
            }
            continue;
        }
        let Some(start) = lower.find("what people say") else {
            assert!(!lower.contains("smallmark"), "{name}");
            continue;
        };
        let groups = lower[start..]
            .find("team: ")
            .map_or(lower.len(), |i| start + i);
        for (at, _) in lower.match_indices("smallmark") {
            assert!(
                at > start && at < groups,
                "{name} shows the small team's comment outside the organization's block"
            );
        }
    }
    let report_json = &all.iter().find(|(n, _)| n == "report.json").unwrap().1;
    let titles = blocks(report_json);
    assert!(!titles.iter().any(|b| b.contains("Small")));
    assert_eq!(titles.len(), 3);
    assert_eq!(titles[0], "Organization");
    // The shown teams' comments are quoted.
    let team = titles[1].trim_start_matches("team: ");
    assert!(report_json.contains(&format!("The {team} view number")));
    // And its theme counts cannot be worked out from the others'.
    let mut pop = s.population(5);
    pop.comment_k = 10;
    let leaks = disclosure::leaks(&pop, &[&doc]);
    assert!(leaks.is_empty(), "{leaks:?}");
}

#[test]
fn nine_people_in_all_show_no_comment_text() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = rubric_with_threshold(dir.path(), 10);
    let s = survey(&[("Alpha", 5), ("Beta", 4)], |team, i| {
        Some((format!("secretword {team} {i} alpha"), vec!["a"]))
    });
    let (all, doc) = outputs(dir.path(), &s, &rubric);
    assert!(doc["comments"]["organization"].is_null());
    assert_eq!(doc["comments"]["groups"].as_array().unwrap().len(), 0);
    for (name, text) in &all {
        assert!(!text.contains("secretword"), "{name} shows a comment");
    }
    let report_json = &all.iter().find(|(n, _)| n == "report.json").unwrap().1;
    assert!(blocks(report_json).is_empty());
    assert!(report_json.contains("Fewer than 10 people wrote a comment"));
}

#[test]
fn an_email_address_appears_in_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = comments_rubric_path();
    let s = survey(&[("North", 12), ("South", 12)], |team, i| {
        Some(if team == "North" && i == 3 {
            (
                "Ask Jane.Doe@Example.org or +44 20 7946 0958 about alpha".to_string(),
                vec!["a"],
            )
        } else {
            (format!("{team} person {i} likes alpha a lot"), vec!["a"])
        })
    });
    let (all, doc) = outputs(dir.path(), &s, &rubric);
    for (name, text) in &all {
        let lower = text.to_lowercase();
        assert!(!lower.contains("jane.doe"), "{name} shows the address");
        assert!(!lower.contains("example.org"), "{name} shows the address");
        assert!(!text.contains("7946"), "{name} shows the phone number");
    }
    assert_eq!(doc["comments"]["redacted"], 1);
    assert_eq!(doc["comments"]["withheld"], 0);
    assert_eq!(doc["comments"]["excluded"], 0);
    let md = &all.iter().find(|(n, _)| n == "report.md").unwrap().1;
    assert!(md.contains("Redacted: 1 comment."), "{md}");
    // The score document carries counts and themes, never texts.
    let score = &all
        .iter()
        .find(|(n, _)| n == "score --format json")
        .unwrap()
        .1;
    assert!(!score.contains("likes alpha"));
    assert!(!score.contains("[e-mail]"));
}

/// Two shown teams of 12 commenters; a team of 4 (hidden by the privacy
/// threshold of 5) and a team of 8 commenters (under the comment threshold
/// of 10). The hidden teams have 12 commenters together, so their comment
/// count is safe, but only 2 of them wrote about alpha: without the theme
/// layers of the audit, the organization's alpha count less the shown
/// teams' would give theirs.
#[test]
fn theme_counts_of_hidden_teams_cannot_be_derived() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = rubric_with_threshold(dir.path(), 10);
    let s = survey(
        &[("One", 12), ("Two", 12), ("Tiny", 4), ("Eight", 8)],
        |team, i| {
            let alpha = match team {
                "One" | "Two" => i < 6,
                "Tiny" => i < 2,
                _ => false,
            };
            Some(if alpha {
                (format!("{team} {i} says alpha"), vec!["a"])
            } else {
                (format!("{team} {i} says misc"), vec!["other"])
            })
        },
    );
    let (_, doc) = outputs(dir.path(), &s, &rubric);
    let mut pop = s.population(5);
    pop.comment_k = 10;
    let leaks = disclosure::leaks(&pop, &[&doc]);
    assert!(leaks.is_empty(), "{leaks:?}");
    // Both teams' comments are shown; one team's alpha count is withheld.
    let c = &doc["comments"];
    assert_eq!(c["organization"]["themes"][0]["count"], 14);
    let alpha: Vec<&Value> = c["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["themes"][0]["count"])
        .collect();
    assert_eq!(alpha.len(), 2);
    assert!(alpha.iter().any(|v| v.is_null()), "{alpha:?}");
}

#[test]
fn hostile_comments_are_inert_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = comments_rubric_path();
    let huge = format!("alpha {}", "lorem ipsum ".repeat(9000));
    let hostile = [
        "<script>alert('x')</script> alpha".to_string(),
        "# Heading ![img](http://evil.example/x.png) [link](javascript:alert(1)) alpha".to_string(),
        "=cmd|' /C calc'!A0 beta misc".to_string(),
        "beta \u{202e}evil\u{202c} right-to-left".to_string(),
        // (A NUL byte makes the whole file refused as binary: see the unit
        // tests of `comments::text` for NUL in a cell read from a workbook.)
        "gamma with an \u{1b}[2J escape and a \u{7} bell".to_string(),
        "| a | table | beta |".to_string(),
        huge.clone(),
    ];
    // At most three per theme, so that every one is quoted.
    let themes: [&[&str]; 7] = [
        &["a"],
        &["a"],
        &["b", "other"],
        &["b"],
        &["c"],
        &["b"],
        &["a"],
    ];
    let s = survey(&[("North", 12), ("South", 12)], |team, i| {
        Some(if team == "North" && i < hostile.len() {
            (hostile[i].clone(), themes[i].to_vec())
        } else {
            (format!("{team} {i} misc"), vec!["other"])
        })
    });
    let (all, _) = outputs(dir.path(), &s, &rubric);
    for (name, text) in &all {
        // report.json is data: its strings hold the text as written (JSON
        // escapes what it must); the PDF draws text as glyphs. HTML and
        // Markdown would interpret it.
        if name != "report.json" && name != "report.pdf" {
            assert!(!text.contains("<script>"), "{name}");
        }
        assert!(!text.contains('\u{202e}'), "{name}");
        assert!(!text.contains('\u{0}'), "{name}");
        assert!(!text.contains('\u{1b}'), "{name}");
        assert!(
            !text.contains(&"lorem ipsum ".repeat(200)),
            "{name} holds the 100 KB comment uncut"
        );
    }
    let html = &all.iter().find(|(n, _)| n == "report.html").unwrap().1;
    assert!(html.contains("&#60;script&#62;"));
    assert!(html.contains(" […]</blockquote>"));
    let md = &all.iter().find(|(n, _)| n == "report.md").unwrap().1;
    assert!(md.contains("> \\<script\\>"));
    assert!(md.contains("> \\# Heading !\\[img\\]"));
    // The link's brackets are escaped: no link, no image.
    assert!(md.contains("\\[link\\](javascript"));
    // A quote is one line of a block quote: no table row of its own.
    assert!(md.contains("> \\| a \\| table \\| beta \\|"));
    // No CSV or table output carries comment text at all.
    for (name, text) in all.iter().filter(|(n, _)| n.starts_with("score")) {
        assert!(!text.contains("calc"), "{name}");
        assert!(!text.contains("lorem"), "{name}");
    }
}

/// The operator excludes respondents' comments in the workspace manifest:
/// a list and a file of ids; the count is published, the texts are gone.
#[test]
fn a_workspace_excludes_comments_by_respondent_id() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path();
    let rubric = comments_rubric_path();
    std::fs::copy(&rubric, ws.join("rubric.toml")).unwrap();
    let s = survey(&[("North", 12), ("South", 12)], |team, i| {
        Some((format!("{team} number {i} wrote misc"), vec!["other"]))
    });
    std::fs::write(ws.join("wave.csv"), s.csv()).unwrap();
    // r1 and r2 are North 0 and 1; r13 is South 0.
    std::fs::write(
        ws.join("excluded.txt"),
        "# asked to be left out\nr2\n\nR13\n",
    )
    .unwrap();
    std::fs::write(
        ws.join("mlbizops.toml"),
        "[assessment]\nrubric = \"rubric.toml\"\n\n[comments]\nexclude = [\"r1\"]\nexclude_file = \"excluded.txt\"\n\n[[wave]]\nlabel = \"W1\"\nresponses = \"wave.csv\"\n",
    )
    .unwrap();
    let got = Command::cargo_bin("mlbizops")
        .unwrap()
        .args(["score", ws.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(
        got.status.success(),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );
    let doc: Value = serde_json::from_slice(&got.stdout).unwrap();
    assert_eq!(doc["comments"]["excluded"], 3);
    assert_eq!(doc["comments"]["organization"]["commenters"], 21);
    let out = ws.join("out");
    Command::cargo_bin("mlbizops")
        .unwrap()
        .args([
            "report",
            ws.to_str().unwrap(),
            "--format",
            "md,json",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("Excluded by the survey's owner: 3 respondents."),
        "{md}"
    );
    for excluded in ["North number 0 ", "North number 1 ", "South number 0 "] {
        assert!(!md.contains(excluded), "{excluded} in {md}");
    }
}

/// Survey tools head a free-text column with the question's text (Google
/// Forms) or its code (Qualtrics export tags, LimeSurvey): both are read.
#[test]
fn a_comment_column_is_found_by_its_text_or_code() {
    for header in ["Anything else?", "say", "SAY"] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = survey(&[("North", 6)], |_, i| {
            Some((format!("misc {i}"), vec!["other"]))
        });
        s.comment_column = Some(header.into());
        let csv = dir.path().join("s.csv");
        std::fs::write(&csv, s.csv()).unwrap();
        let got = Command::cargo_bin("mlbizops")
            .unwrap()
            .args([
                "score",
                csv.to_str().unwrap(),
                "--format",
                "json",
                "--rubric",
            ])
            .arg(comments_rubric_path())
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&got.stdout).unwrap();
        assert_eq!(doc["comments"]["organization"]["commenters"], 6, "{header}");
        assert!(!doc["input"]["ignored_columns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == header));
    }
}

/// The printable questionnaires ask the built-in rubric's two comment
/// questions last, as optional free text.
#[test]
fn questionnaires_ask_the_comment_questions_as_free_text() {
    let run = |format: &str| {
        let out = Command::cargo_bin("mlbizops")
            .unwrap()
            .args(["survey", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let md = run("md");
    let at = md.find("## Your comments").expect("a comments section");
    assert!(md[at..].contains("68. What would most help your team use LLMs better?"));
    assert!(md[at..].contains("69. What worries you about how we use LLMs?"));
    assert!(
        md.contains("67 statements in 10 sections"),
        "comments are not statements"
    );
    // The HTML questionnaire is a paper form: lines to write on.
    let html = run("html");
    for id in ["comment.help", "comment.worries"] {
        let at = html
            .find(&format!("<div class=\"qtext\" id=\"{id}\">"))
            .unwrap_or_else(|| panic!("{id}"));
        assert!(html[at..].contains("<div class=\"write\"></div>"), "{id}");
    }
    assert!(!html.contains("<textarea"));
    assert!(!html.contains("required"), "comments are optional");
}
