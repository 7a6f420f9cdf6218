//! The hostile inputs of issue 13, kept as fixtures: every case of
//! `tests/fixtures/hostile/cases.toml` is run with the binary and checked
//! (exit code, message fragments, files written), so that a regression of
//! any finding fails `cargo test`. See that file for the format.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;

const DIR: &str = "tests/fixtures/hostile";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    /// Findings tested elsewhere (or not yet), and where.
    elsewhere: BTreeMap<String, String>,
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    finding: u32,
    about: String,
    path: String,
    args: Vec<String>,
    exit: i32,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    stdout_lacks: Vec<String>,
    #[serde(default)]
    stderr_lacks: Vec<String>,
    #[serde(default)]
    before: Vec<Before>,
    #[serde(default)]
    after: Vec<After>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Before {
    path: String,
    copy: Option<String>,
    #[serde(default)]
    dir: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct After {
    path: String,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    lacks: Vec<String>,
    same_as: Option<String>,
    exists: Option<bool>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cases() -> Cases {
    let text = std::fs::read_to_string(root().join(DIR).join("cases.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

/// Checks one case; returns what went wrong, if anything.
fn run(c: &Case) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let here = root().join(DIR);
    for b in &c.before {
        let to = out.path().join(&b.path);
        if b.dir {
            std::fs::create_dir_all(&to).unwrap();
        }
        if let Some(from) = &b.copy {
            std::fs::copy(here.join(from), &to).unwrap();
        }
    }
    let fill = |a: &str| {
        a.replace("{case}", &format!("{DIR}/{}", c.path))
            .replace("{fixtures}", "tests/fixtures")
            .replace("{out}", &out.path().display().to_string())
    };
    let args: Vec<String> = c.args.iter().map(|a| fill(a)).collect();
    let r = Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(root())
        .args(&args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&r.stdout);
    let stderr = String::from_utf8_lossy(&r.stderr);
    let mut wrong = Vec::new();
    if r.status.code() != Some(c.exit) {
        wrong.push(format!("exit {:?}, expected {}", r.status.code(), c.exit));
    }
    for (name, text, want, lacks) in [
        ("stdout", &stdout, &c.stdout, &c.stdout_lacks),
        ("stderr", &stderr, &c.stderr, &c.stderr_lacks),
    ] {
        if text.contains("panicked") {
            wrong.push(format!("{name} shows a panic"));
        }
        wrong.extend(
            want.iter()
                .filter(|w| !text.contains(w.as_str()))
                .map(|w| format!("{name} lacks {w:?}")),
        );
        wrong.extend(
            lacks
                .iter()
                .filter(|w| text.contains(w.as_str()))
                .map(|w| format!("{name} has {w:?}")),
        );
    }
    for a in &c.after {
        let path = out.path().join(&a.path);
        if let Some(e) = a.exists {
            if path.exists() != e {
                wrong.push(format!("{} exists: {}, expected {e}", a.path, !e));
            }
        }
        if a.contains.is_empty() && a.lacks.is_empty() && a.same_as.is_none() {
            continue;
        }
        let Ok(got) = std::fs::read(&path) else {
            wrong.push(format!("{} was not written", a.path));
            continue;
        };
        if let Some(s) = &a.same_as {
            if got != std::fs::read(here.join(s)).unwrap() {
                wrong.push(format!("{} is not the same as {s}", a.path));
            }
        }
        let text = String::from_utf8_lossy(&got);
        wrong.extend(
            a.contains
                .iter()
                .filter(|w| !text.contains(w.as_str()))
                .map(|w| format!("{} lacks {w:?}", a.path)),
        );
        wrong.extend(
            a.lacks
                .iter()
                .filter(|w| text.contains(w.as_str()))
                .map(|w| format!("{} has {w:?}", a.path)),
        );
    }
    if !wrong.is_empty() {
        wrong.push(format!(
            "mlbizops {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            args.join(" ")
        ));
    }
    wrong
}

#[test]
fn every_hostile_input_is_handled_as_its_case_says() {
    let cases = cases();
    let mut failed = Vec::new();
    for c in &cases.case {
        let wrong = run(c);
        if !wrong.is_empty() {
            failed.push(format!(
                "finding {} ({}, {}):\n  {}",
                c.finding,
                c.path,
                c.about,
                wrong.join("\n  ")
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// Every finding of the issue has a case or says where it is tested, and
/// every file of the folder belongs to a case.
#[test]
fn every_finding_and_every_fixture_has_a_case() {
    let cases = cases();
    for n in 1..=17u32 {
        assert!(
            cases.case.iter().any(|c| c.finding == n)
                || cases.elsewhere.contains_key(&n.to_string()),
            "finding {n} has no case"
        );
    }
    let used: Vec<PathBuf> = cases
        .case
        .iter()
        .flat_map(|c| {
            let mut p = vec![PathBuf::from(&c.path)];
            p.extend(
                c.before
                    .iter()
                    .filter_map(|b| b.copy.as_ref().map(PathBuf::from)),
            );
            p.extend(
                c.after
                    .iter()
                    .filter_map(|a| a.same_as.as_ref().map(PathBuf::from)),
            );
            p
        })
        .collect();
    for entry in std::fs::read_dir(root().join(DIR)).unwrap() {
        let name = PathBuf::from(entry.unwrap().file_name());
        if name == Path::new("cases.toml") {
            continue;
        }
        assert!(
            used.contains(&name),
            "{} belongs to no case",
            name.display()
        );
    }
}
