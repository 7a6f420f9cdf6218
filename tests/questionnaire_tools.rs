//! The survey-tool questionnaires (`mlbizops::questionnaire::{qualtrics,
//! google_forms, limesurvey}`) on the built-in rubric and on a small rubric
//! made to be awkward (tests/fixtures/questionnaire/rubric.toml): a group
//! column with choices and one without, a dimension asked as two matrices,
//! quotes, a backslash, non-ASCII text and a " - " in a dimension name.
//!
//! Each file is read back with a small parser of its format and compared
//! with the rubric, so a statement lost, doubled or moved fails a test.

use std::path::Path;
use std::process::Command;

use mlbizops::questionnaire::{google_forms, qualtrics};
use mlbizops::rubric::{self, Rubric};
use mlbizops::survey::codes::{group_code, matrices, question_code};

fn builtin() -> Rubric {
    rubric::load(None).expect("built-in rubric").rubric
}

fn fixture() -> Rubric {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/questionnaire/rubric.toml");
    rubric::load(Some(&path)).expect("fixture rubric").rubric
}

/// The answers a matrix should offer: labels (or numbers), then the first
/// missing label.
fn expected_answers(s: &rubric::Scale) -> Vec<String> {
    let mut out: Vec<String> = (s.min..=s.max)
        .map(|p| s.label(p).map_or_else(|| p.to_string(), str::to_string))
        .collect();
    out.extend(s.missing.first().cloned());
    out
}

/// A rubric whose two questions get the same subquestion code
/// (`x-y` and `xY` both become `xY`).
fn colliding() -> Rubric {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/questionnaire/rubric.toml"),
    )
    .unwrap()
    .replace("data-governance.policy", "data-governance.x-y")
    .replace("data-governance.paths", "data-governance.xY");
    rubric::load_str("colliding.toml", &text, None)
        .expect("still a valid rubric")
        .rubric
}

// ---------------------------------------------------------------------------
// Qualtrics Advanced Format
// ---------------------------------------------------------------------------

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
    assert_eq!(
        blocks.len(),
        ms.len() + 1,
        "About you, then one block per matrix"
    );
    assert_eq!(breaks, blocks.len() - 1, "a page break between blocks");

    let about = &blocks[0];
    assert_eq!(about.name, "About you");
    assert_eq!(about.questions.len(), r.respondents.groups.len());
    for (q, g) in about.questions.iter().zip(&r.respondents.groups) {
        assert_eq!(q.id, group_code(g));
        assert_eq!(q.text, [g.as_str()], "the text is the column's name");
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
    for (_, q) in r.questions() {
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
    assert_eq!(matrices(&r).len(), r.dimensions.len());
    // `team` has no choices in the built-in rubric, `role` has.
    assert!(
        txt.contains("[[Question:TE:SingleLine]]\n[[ID:team]]\nteam\n"),
        "{txt}"
    );
    assert!(
        txt.contains("[[Question:MC:Dropdown]]\n[[ID:role]]\nrole\n"),
        "{txt}"
    );
    assert!(
        txt.contains("[[Answers]]\nStrongly disagree\nDisagree\nNeither agree nor disagree\nAgree\nStrongly agree\nNot sure\n\n"),
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
    assert!(txt.contains("[[ID:officeSite]]\noffice site\n"), "{txt}");
    assert!(txt.contains("Prompts are stored under C:\\prompts\\ with a \"README\" in Zürich."));
    assert!(
        txt.contains("[[Choices]]\nPlatform\nSales & Marketing\nZürich \"Labs\"\n"),
        "{txt}"
    );
    assert_eq!(question_code(ms[0].dimension, ms[0].questions[1]), "paths");
}

#[test]
fn colliding_codes_are_an_error_naming_both_ids() {
    let r = colliding();
    for err in [
        qualtrics(&r).expect_err("codes collide"),
        google_forms(&r).expect_err("codes collide"),
    ] {
        assert!(err.contains("`data-governance.x-y`"), "{err}");
        assert!(err.contains("`data-governance.xY`"), "{err}");
    }
}

// ---------------------------------------------------------------------------
// Google Forms (Apps Script)
// ---------------------------------------------------------------------------

/// Runs the script under Node with stand-ins for `FormApp`,
/// `SpreadsheetApp` and `Logger` that record every call, and prints what
/// the form would hold as JSON.
const FORM_RECORDER: &str = r#"
const fs = require('fs');
const vm = require('vm');
const out = { items: [], logs: [] };
function item(type) {
  const it = { type };
  out.items.push(it);
  const chain = new Proxy({}, {
    get: (_, name) => (value) => { it[name] = value; return chain; },
  });
  return chain;
}
const form = {
  setDescription: (d) => { out.description = d; },
  addListItem: () => item('list'),
  addTextItem: () => item('text'),
  addPageBreakItem: () => item('page'),
  addGridItem: () => item('grid'),
  setDestination: (type, id) => { out.destination = [type, id]; },
  getEditUrl: () => 'EDIT',
  getPublishedUrl: () => 'PUBLISHED',
};
const context = vm.createContext({
  FormApp: {
    create: (title) => { out.title = title; return form; },
    DestinationType: { SPREADSHEET: 'SPREADSHEET' },
  },
  SpreadsheetApp: {
    create: (name) => { out.sheet = name; return { getId: () => 'SHEET', getUrl: () => 'URL' }; },
  },
  Logger: { log: (m) => out.logs.push(m) },
});
vm.runInContext(fs.readFileSync(process.argv[2], 'utf8'), context);
vm.runInContext('createForm()', context);
console.log(JSON.stringify(out));
"#;

/// `node`, or `None` with a note when it is missing and not required.
fn node() -> Option<&'static str> {
    match Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => Some("node"),
        _ if std::env::var("MLBIZOPS_REQUIRE_NODE").as_deref() == Ok("1") => {
            panic!("node is not on PATH and MLBIZOPS_REQUIRE_NODE=1")
        }
        _ => {
            eprintln!("note: node is not on PATH; the Apps Script is not run");
            None
        }
    }
}

fn run_node(args: &[&Path]) -> String {
    let o = Command::new("node").args(args).output().expect("node runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "node {args:?} failed:\n{stderr}");
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

fn check_google(r: &Rubric) -> String {
    let gs = google_forms(r).expect("Apps Script");
    assert_eq!(
        google_forms(r).unwrap(),
        gs,
        "the same rubric, the same bytes"
    );
    // Statements, group names and choices appear as JSON string literals.
    for (_, q) in r.questions() {
        let lit = serde_json::to_string(&q.text).unwrap();
        assert_eq!(gs.matches(&lit).count(), 1, "{lit} once in:\n{gs}");
    }
    for g in &r.respondents.groups {
        let lit = format!(".setTitle({})", serde_json::to_string(g).unwrap());
        assert!(gs.contains(&lit), "{lit} in:\n{gs}");
    }
    let Some(_) = node() else {
        return gs;
    };
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("form.gs.js");
    let recorder = dir.path().join("recorder.js");
    std::fs::write(&script, &gs).unwrap();
    std::fs::write(&recorder, FORM_RECORDER).unwrap();
    run_node(&[Path::new("--check"), &script]);
    let form: serde_json::Value = serde_json::from_str(&run_node(&[&recorder, &script])).unwrap();

    assert_eq!(form["title"], r.title.as_str());
    assert_eq!(
        form["destination"],
        serde_json::json!(["SPREADSHEET", "SHEET"])
    );
    assert_eq!(form["sheet"], format!("{} (responses)", r.title).as_str());
    assert_eq!(form["logs"].as_array().unwrap().len(), 3);
    let items = form["items"].as_array().unwrap();
    let groups = r.respondents.groups.len();
    for (it, g) in items[..groups].iter().zip(&r.respondents.groups) {
        assert_eq!(it["setTitle"], g.as_str());
        assert_eq!(it["setRequired"], true);
        match r.respondents.choices_for(g) {
            Some(c) => {
                assert_eq!(it["type"], "list");
                assert_eq!(it["setChoiceValues"], serde_json::json!(c));
            }
            None => assert_eq!(it["type"], "text"),
        }
    }
    // Then a section per dimension, each followed by its matrices' grids.
    let mut rest = items[groups..].iter();
    let ms = matrices(r);
    for (i, m) in ms.iter().enumerate() {
        if i == 0 || !std::ptr::eq(ms[i - 1].dimension, m.dimension) {
            let page = rest.next().expect("a section");
            assert_eq!(page["type"], "page");
            assert_eq!(page["setTitle"], m.dimension.name.as_str());
        }
        let grid = rest.next().expect("a grid");
        assert_eq!(grid["type"], "grid");
        let rows: Vec<&str> = m.questions.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(grid["setRows"], serde_json::json!(rows));
        assert_eq!(
            grid["setColumns"],
            serde_json::json!(expected_answers(&m.questions[0].scale))
        );
        assert_eq!(grid["setRequired"], true);
    }
    assert!(rest.next().is_none(), "nothing after the last grid");
    gs
}

#[test]
fn google_forms_builtin_rubric() {
    let r = builtin();
    let gs = check_google(&r);
    assert_eq!(gs.matches("form.addGridItem()").count(), r.dimensions.len());
    assert!(gs.starts_with("// LLM adoption readiness: "), "{gs}");
    assert!(gs.contains("script.google.com"), "how to run it");
}

#[test]
fn google_forms_awkward_rubric() {
    let r = fixture();
    let gs = check_google(&r);
    assert_eq!(gs.matches("form.addGridItem()").count(), 3);
    assert_eq!(gs.matches("form.addPageBreakItem()").count(), 2);
    assert!(
        gs.contains(r#"C:\\prompts\\ with a \"README\" in Zürich."#),
        "{gs}"
    );
    assert!(gs.contains(r#""Zürich \"Labs\"""#), "{gs}");
    assert!(
        gs.contains(r#".setHelpText("Who may send what to a model, and how \"we\" check it.")"#),
        "{gs}"
    );
}
