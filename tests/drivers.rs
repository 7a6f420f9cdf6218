//! The driver analysis, pinned against an independent numpy computation:
//! `tests/fixtures/drivers/relweights.py` (numpy 2: `corrcoef`, `lstsq` for
//! R², `eigh` for Johnson's relative weights, Fisher's z) wrote
//! `tests/fixtures/drivers/expected.json` from `moderate.csv` (dimensions
//! moderately correlated, some people out of the model) and `collinear.csv`
//! (dimensions A and B correlate 0.97). Correlations, their intervals, R² and
//! the weights must agree to 1e-9.

use std::path::{Path, PathBuf};

use mlbizops::rubric;
use mlbizops::score::impact::Drivers;
use mlbizops::score::{score_file, ScoreOptions};
use serde_json::Value;

const TOL: f64 = 1e-9;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/drivers")
        .join(name)
}

fn drivers_of(csv: &Path) -> Drivers {
    let rubric = rubric::load(Some(&fixture("rubric.toml"))).unwrap().rubric;
    let scores = score_file(&rubric, csv, &ScoreOptions::default()).unwrap();
    scores.drivers.expect("the rubric has outcome items")
}

fn expected(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture("expected.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()[name].clone()
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < TOL, "{what}: {a} != {b}");
}

fn pinned(name: &str) -> Drivers {
    let d = drivers_of(&fixture(&format!("{name}.csv")));
    let e = expected(name);
    assert!(d.shown, "{name}: {:?}", d.reason);
    assert_eq!(d.n, e["n"].as_u64(), "{name}: respondents in the model");
    close(d.r_squared.unwrap(), e["r_squared"].as_f64().unwrap(), "R²");
    assert_eq!(d.dimensions.len(), 4);
    for (j, x) in d.dimensions.iter().enumerate() {
        let id = &x.id;
        close(
            x.r.unwrap(),
            e["r"][j].as_f64().unwrap(),
            &format!("{name} r {id}"),
        );
        for b in 0..2 {
            close(
                x.r_ci95.unwrap()[b],
                e["r_ci95"][j][b].as_f64().unwrap(),
                &format!("{name} r CI {id}"),
            );
        }
        close(
            x.weight.unwrap(),
            e["weights"][j].as_f64().unwrap(),
            &format!("{name} weight {id}"),
        );
        // The bootstrap interval holds the estimate in these fixtures.
        let [lo, hi] = x.weight_ci95.unwrap();
        assert!(
            lo <= x.weight.unwrap() && x.weight.unwrap() <= hi,
            "{name} {id}"
        );
    }
    // The weights sum to R², and their shares to 100%.
    let sum: f64 = d.dimensions.iter().map(|x| x.weight.unwrap()).sum();
    close(sum, d.r_squared.unwrap(), "sum of weights");
    let shares: f64 = d.dimensions.iter().map(|x| x.share_pct.unwrap()).sum();
    close(shares, 100.0, "shares");
    d
}

#[test]
fn moderate_fixture_matches_numpy() {
    let d = pinned("moderate");
    // The planted structure: A first, then C; D carries almost nothing.
    let mut order: Vec<(&str, f64)> = d
        .dimensions
        .iter()
        .map(|x| (x.id.as_str(), x.weight.unwrap()))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1));
    let ids: Vec<&str> = order.iter().map(|x| x.0).collect();
    assert_eq!(ids, ["a", "c", "b", "d"]);
    assert_eq!(d.bootstrap.as_ref().unwrap().resamples, 200);
}

#[test]
fn collinear_fixture_matches_numpy() {
    let d = pinned("collinear");
    assert!(expected("collinear")["corr_ab"].as_f64().unwrap() > 0.95);
    // Collinear A and B share the weight their regression coefficients
    // would split arbitrarily: nearly equal here.
    let (a, b) = (
        d.dimensions[0].weight.unwrap(),
        d.dimensions[1].weight.unwrap(),
    );
    assert!((a - b).abs() < 0.02, "{a} {b}");
}

#[test]
fn the_same_file_gives_the_same_intervals() {
    let a = serde_json::to_string(&drivers_of(&fixture("moderate.csv"))).unwrap();
    let b = serde_json::to_string(&drivers_of(&fixture("moderate.csv"))).unwrap();
    assert_eq!(a, b);
}

/// The first `rows` data rows of a fixture, with `edit` applied to each.
fn cut(name: &str, rows: usize, edit: impl Fn(Vec<String>) -> Vec<String>) -> tempfile::TempPath {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate().take(rows + 1) {
        let cells: Vec<String> = line.split(',').map(str::to_string).collect();
        let cells = if i == 0 { cells } else { edit(cells) };
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::io::Write::write_all(&mut f, out.as_bytes()).unwrap();
    f.into_temp_path()
}

#[test]
fn too_few_respondents_in_the_model_say_so() {
    // 60 rows, of which fewer than 50 enter the model (blank answers, people
    // who skip D or the outcome): not shown, with the counts.
    let p = cut("moderate.csv", 55, |c| c);
    let d = drivers_of(&p);
    assert!(!d.shown);
    assert!(d.dimensions.is_empty() && d.r_squared.is_none() && d.n.is_none());
    let reason = d.reason.unwrap();
    assert!(reason.contains("it needs at least 50"), "{reason}");
    assert_eq!(d.n_needed, 50);
}

#[test]
fn perfectly_collinear_dimensions_say_so() {
    // A's answered questions and B's all take a1's answer (a3 blank): A
    // and B are the same score for everyone, so no weights.
    let p = cut("collinear.csv", 120, |mut c| {
        for i in [3, 5, 6] {
            c[i] = c[2].clone();
        }
        c[4] = String::new();
        c
    });
    let d = drivers_of(&p);
    assert!(!d.shown);
    assert!(d.reason.unwrap().contains("collinear"));
}

#[test]
fn a_dimension_that_applies_to_few_leaves_the_model() {
    // D does not apply to most people: it leaves, the others stay.
    let p = cut("moderate.csv", 160, |mut c| {
        let i: usize = c[0][1..].parse().unwrap();
        if i % 3 != 0 {
            for cell in &mut c[9..12] {
                *cell = "Does not apply".into();
            }
        }
        c
    });
    let d = drivers_of(&p);
    assert!(d.shown, "{:?}", d.reason);
    let ids: Vec<&str> = d.dimensions.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(d.left_out.len(), 1);
    assert!(
        d.left_out[0].why.contains("fewer than half"),
        "{}",
        d.left_out[0].why
    );
}

/// The example workspace's generator plants the outcome on evaluation and
/// data quality (weights 0.6 and 0.5) and a little on prompting
/// (`examples/common/acme.rs`, `DRIVERS`): the report ranks them so, and
/// shows the outcome index across the waves that asked it.
#[test]
fn the_example_workspace_shows_its_planted_drivers_and_the_outcome_trend() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "examples/acme", "--format", "json,md", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    let d = &r["drivers"];
    assert_eq!(d["shown"], true);
    let ids: Vec<&str> = d["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(&ids[..3], ["evaluation", "data", "prompting"], "{ids:?}");
    // Both planted drivers score below the others: improve first.
    for row in &d["rows"].as_array().unwrap()[..2] {
        assert_eq!(row["quadrant"], "Improve first");
    }
    // Model adaptation applies to 40%: out of the model, with why.
    assert!(d["left_out"][0]
        .as_str()
        .unwrap()
        .contains("applies to 40%"));
    // The outcome index across waves: not asked in 2025-Q4, then rising.
    let points = r["history"]["outcome"]["points"].as_array().unwrap();
    assert_eq!(points.len(), 4);
    assert!(points[0][1].is_null());
    let s: Vec<f64> = points[1..].iter().map(|p| p[1].as_f64().unwrap()).collect();
    assert!(s[0] < s[1] && s[1] < s[2], "{s:?}");
    assert!(r["history"]["outcome"]["since_previous"].is_object());
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(md.contains("## Value from LLMs and what goes with it"));
    assert!(md.contains("not proof that they cause it"));
}

#[test]
fn the_score_table_prints_the_outcome_index_and_the_drivers() {
    let out = assert_cmd::Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["score", "examples/acme-2026-q3.csv", "--format", "table"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Outcome index (Value from LLMs): 68.2 (95% CI 65.2–71.2), n 220"),
        "{text}"
    );
    let at = text.find("share of R²").unwrap();
    let first = text[at..].lines().nth(1).unwrap();
    assert!(first.trim_start().starts_with("evaluation"), "{first}");
    assert!(text.contains("left out: finetuning (applies to 40%"));
}

#[test]
fn a_file_without_the_outcome_items_says_so() {
    let text = std::fs::read_to_string(fixture("moderate.csv")).unwrap();
    let cut: String = text
        .lines()
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            cells[..cells.len() - 2].join(",") + "\n"
        })
        .collect();
    let mut f = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::io::Write::write_all(&mut f, cut.as_bytes()).unwrap();
    let d = drivers_of(f.path());
    assert!(!d.shown);
    assert_eq!(
        d.reason.as_deref(),
        Some("the file has no column for the outcome items")
    );
}
