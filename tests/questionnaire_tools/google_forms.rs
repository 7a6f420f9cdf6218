//! Google Forms: the Apps Script checked by Node and run with recording stand-ins.

use std::path::Path;
use std::process::Command;

use mlbizops::questionnaire::google_forms;
use mlbizops::rubric::Rubric;
use mlbizops::survey::codes::matrices;

use super::{builtin, expected_answers, fixture, titled};

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
  addParagraphTextItem: () => item('paragraph'),
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
    for (_, q) in r.asked() {
        let lit = serde_json::to_string(&q.text).unwrap();
        assert_eq!(gs.matches(&lit).count(), 1, "{lit} once in:\n{gs}");
    }
    for g in &r.respondents.groups {
        let lit = format!(".setTitle({})", serde_json::to_string(&titled(g)).unwrap());
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
        assert_eq!(it["setTitle"], titled(g).as_str());
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
            // No description: the rubric's would tell what a good answer is.
            assert!(page.get("setHelpText").is_none(), "{page}");
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
    // Then a section of optional free-text questions.
    if !r.comments.questions.is_empty() {
        let page = rest.next().expect("the comments' section");
        assert_eq!(page["type"], "page");
        assert_eq!(page["setTitle"], "Your comments");
        for c in &r.comments.questions {
            let item = rest.next().expect("a comment question");
            assert_eq!(item["type"], "paragraph");
            assert_eq!(item["setTitle"], c.text.as_str());
            assert!(item.get("setRequired").is_none(), "{item}");
        }
    }
    assert!(rest.next().is_none(), "nothing after the last question");
    gs
}

#[test]
fn google_forms_builtin_rubric() {
    let r = builtin();
    let gs = check_google(&r);
    assert_eq!(
        gs.matches("form.addGridItem()").count(),
        r.sections().count()
    );
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
    // The dimension's description is not shown to respondents.
    assert!(!gs.contains("Who may send what to a model"), "{gs}");
}
