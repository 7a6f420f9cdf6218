//! The limits of `mlbizops::limits`: each is an error naming the input just
//! past it (and not just under it), and the README's "Limits" section
//! states the value the code uses.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use mlbizops::limits;

fn mlbizops() -> Command {
    let mut c = Command::cargo_bin("mlbizops").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// A rubric of `dims` dimensions of `questions` questions each.
fn rubric(dims: usize, questions: usize) -> String {
    let mut s = String::from(
        "[rubric]\nid = \"big\"\ntitle = \"Big\"\n\n[[level]]\nname = \"Low\"\nmin = 0\n\n[[level]]\nname = \"High\"\nmin = 50\n",
    );
    for d in 0..dims {
        write!(
            s,
            "\n[[dimension]]\nid = \"d{d}\"\nname = \"Dimension {d}\"\n"
        )
        .unwrap();
        for q in 0..questions {
            write!(
                s,
                "\n[[dimension.question]]\nid = \"d{d}.q{q}\"\ntext = \"Question {q} of dimension {d}.\"\n"
            )
            .unwrap();
        }
    }
    s
}

fn check(text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rubric.toml");
    std::fs::write(&path, text).unwrap();
    let out = mlbizops().arg("check").arg(&path).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_rubric_is_refused_past_each_size_limit_and_read_at_it() {
    let (code, err) = check(&rubric(1, limits::MAX_QUESTIONS_PER_DIMENSION + 1));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("dimension `d0` has 101 questions; at most 100 are read"),
        "{err}"
    );
    let (code, err) = check(&rubric(limits::MAX_DIMENSIONS + 1, 1));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the rubric has 101 dimensions; at most 100 are read"),
        "{err}"
    );
    assert!(err.contains("id = \"d100\""), "points at the 101st: {err}");
    let per = limits::MAX_QUESTIONS / limits::MAX_DIMENSIONS;
    let (code, err) = check(&rubric(limits::MAX_DIMENSIONS, per + 1));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the rubric has more than 1000 questions"),
        "{err}"
    );
    // At the limits, fine (warnings aside).
    let (code, err) = check(&rubric(limits::MAX_DIMENSIONS, per));
    assert_eq!(code, 0, "{err}");
    let (code, err) = check(&rubric(1, limits::MAX_QUESTIONS_PER_DIMENSION));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_breakdown_column_with_too_many_values_is_an_error_naming_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("survey.csv");
    let mut text = String::from("id,team,a1,a2,a3,b1,b2\n");
    for i in 0..limits::MAX_GROUPS + 5 {
        writeln!(text, "r{i},T{i},4,4,2,3,7").unwrap();
    }
    std::fs::write(&file, &text).unwrap();
    let out = mlbizops()
        .args([
            "score",
            "--rubric",
            "tests/fixtures/score/small-rubric.toml",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // Row 2 holds T0: T10000, the 10,001st team, is on row 10,002.
    assert!(
        err.contains("row 10002: the breakdown columns have more than 10000 different values in all, 10001 of them in column \"team\""),
        "{err}"
    );
    // One team fewer is read.
    let upto: String = text
        .lines()
        .take(limits::MAX_GROUPS + 1)
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, upto + "\n").unwrap();
    let out = mlbizops()
        .args([
            "score",
            "--format",
            "json",
            "--rubric",
            "tests/fixtures/score/small-rubric.toml",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_workspace_of_too_many_waves_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/score/small.csv"),
        dir.path().join("w.csv"),
    )
    .unwrap();
    let mut m = String::new();
    for i in 0..=limits::MAX_WAVES {
        write!(m, "[[wave]]\nlabel = \"{i}\"\nresponses = \"w.csv\"\n\n").unwrap();
    }
    std::fs::write(dir.path().join("mlbizops.toml"), m).unwrap();
    let out = mlbizops().arg("score").arg(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the workspace lists more than 100 waves"),
        "{err}"
    );
    assert!(
        err.contains("label = \"100\""),
        "points at the 101st: {err}"
    );
}

/// The README's limits section gives the numbers the code uses.
#[test]
fn the_readme_states_every_limit() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("\n### Limits\n").expect("a Limits section");
    let section = &readme[start..];
    let section = &section[..section[1..].find("\n## ").map_or(section.len(), |e| e + 1)];
    let thousands = |n: usize| {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    for (what, n) in [
        ("MAX_DIMENSIONS", limits::MAX_DIMENSIONS),
        (
            "MAX_QUESTIONS_PER_DIMENSION",
            limits::MAX_QUESTIONS_PER_DIMENSION,
        ),
        ("MAX_QUESTIONS", limits::MAX_QUESTIONS),
        ("MAX_GROUPS", limits::MAX_GROUPS),
        ("MAX_WAVES", limits::MAX_WAVES),
        ("MAX_LISTED_ISSUES", limits::MAX_LISTED_ISSUES),
    ] {
        assert!(
            section.contains(&format!("**{}**", thousands(n))),
            "the README's limits do not state {what} = {n} in bold"
        );
    }
    for (what, bytes) in [
        ("MAX_TEXT_FILE", limits::MAX_TEXT_FILE as usize),
        ("MAX_GROUP_MEMORY", limits::MAX_GROUP_MEMORY),
        ("MAX_FONT_FILE", limits::MAX_FONT_FILE as usize),
    ] {
        assert!(
            section.contains(&format!("**{} MB**", bytes >> 20)),
            "the README's limits do not state {what} = {} MB in bold",
            bytes >> 20
        );
    }
}
