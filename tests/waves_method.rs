//! Issue 16: the method section names every wave's file and rubric, how
//! changes were tested (and how many tests were made), each rubric
//! revision and participation; the trend chart marks the revisions and
//! fits its axis to the scores.

use assert_cmd::Command;
use serde_json::Value;

fn report(extra: &[&str]) -> (String, String, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "report",
            "examples/acme",
            "--format",
            "md,html,json",
            "--out",
        ])
        .arg(dir.path())
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    (
        read("report.md"),
        read("report.html"),
        serde_json::from_str(&read("report.json")).unwrap(),
    )
}

#[test]
fn the_method_section_names_every_wave_and_revision() {
    let (md, html, _) = report(&[]);
    for row in [
        "| 2025-Q4 | 2025-12-12 | 2025-Q4.csv | llm-adoption 2025.4 | 216 | 216 | 292 |",
        "| 2026-Q1 | 2026-03-20 | 2026-Q1.csv | llm-adoption 2026.1 (revised) | 225 | 225 | 292 |",
        "| 2026-Q2 | 2026-06-19 | 2026-Q2.csv | llm-adoption 2026.1 | 218 | 218 | 292 |",
        "| 2026-Q3 | 2026-09-25 | 2026-Q3.csv | llm-adoption 2027.1 (revised) | 221 | 220 | 292 |",
    ] {
        assert!(md.contains(row), "{row}\n{md}");
    }
    assert!(md.contains(
        "The rubric was revised at 2026-Q1 (llm-adoption 2025.4 → llm-adoption 2026.1) and at 2026-Q3 (llm-adoption 2026.1 → llm-adoption 2027.1)."
    ));
    // 2027.1 shares no question id with 2026.1: nothing is tested, and the
    // report says so rather than describing tests it did not make.
    assert!(
        md.contains("No change between waves is tested in this report"),
        "{md}"
    );
    assert!(md.contains("2026-Q3 220 of 292 invited (75%)"), "{md}");
    assert!(html.contains("<h3>The waves</h3>"));
    // The trend chart: a dashed rule at each revision, and an axis that
    // fits the scores (every line of the example sits between 34 and 83).
    assert!(html.contains(">rubric 2026.1</text>") && html.contains(">rubric 2027.1</text>"));
    assert!(
        html.contains("Scores across waves (axis 30-90 of 0-100)"),
        "axis"
    );
}

#[test]
fn the_number_of_change_tests_is_stated() {
    let (md, _, json) = report(&["--wave", "2026-Q2"]);
    // Counted independently from report.json: every change the report
    // carries is one test.
    let h = &json["history"];
    let some = |v: &Value| usize::from(!v.is_null());
    let mut n = some(&h["overall"]["since_previous"]) + some(&h["overall"]["since_first"]);
    for d in h["dimensions"].as_array().unwrap() {
        n += some(&d["since_previous"]) + some(&d["since_first"]);
    }
    for g in h["groups"].as_array().unwrap() {
        n += some(&g["overall"]);
        n += g["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .map(some)
            .sum::<usize>();
    }
    assert!(n > 20, "{n}");
    assert!(
        md.contains(&format!(
            "This report makes {n} such comparisons and does not correct them"
        )),
        "{n}\n{md}"
    );
    assert!(md.contains(
        "The rubric was revised at 2026-Q1 (llm-adoption 2025.4 → llm-adoption 2026.1)."
    ));
}

#[test]
fn markdown_group_tables_carry_the_changes_the_heatmap_shows() {
    let (md, _, json) = report(&["--wave", "2026-Q2"]);
    let mut checked = 0;
    for g in json["history"]["groups"].as_array().unwrap() {
        let Some(delta) = g["overall"]["delta"].as_f64() else {
            continue;
        };
        let value = g["value"].as_str().unwrap();
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {value} |")))
            .unwrap_or_else(|| panic!("no row for {value}"));
        let last = row.trim_end_matches(" |").rsplit(" | ").next().unwrap();
        let rounded = delta.round() as i64;
        let signed = match rounded {
            0 => "0".to_string(),
            n if n > 0 => format!("+{n}"),
            n => format!("−{}", -n),
        };
        assert!(
            last.contains(&format!("({signed}")),
            "{value}: {last} vs {delta}"
        );
        checked += 1;
    }
    assert!(checked >= 5, "{checked}");
    assert!(md.contains("In brackets: the change since 2026-Q1"));
}

/// The dot plot marks the last wave's score only where the two waves were
/// compared: 2026-Q3's revised rubric shares no question with 2026-Q2.
#[test]
fn the_dot_plot_marks_the_last_wave_only_where_compared() {
    let dots = |html: &str| -> String {
        let at = html.find("<figure class=\"dots\">").expect("the dot plot");
        html[at..at + html[at..].find("</figure>").unwrap()].to_string()
    };
    let (_, html, _) = report(&[]);
    let d = dots(&html);
    assert!(!d.contains("hollow circle"), "caption");
    assert!(
        !d.contains(r#"r="4.5""#),
        "a last-wave marker across the revision"
    );
    let (_, html, json) = report(&["--wave", "2026-Q2"]);
    let d = dots(&html);
    assert!(d.contains("hollow circle = the last survey"));
    let compared = json["history"]["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| !x["since_previous"].is_null())
        .count();
    // The wide layout and the phone's each mark every compared dimension.
    let phone = d
        .find(r#"<div class="dots-phone">"#)
        .expect("the phone layout");
    assert_eq!(d[..phone].matches(r#"r="4.5""#).count(), compared);
    assert_eq!(d[phone..].matches(r#"r="4.5""#).count(), compared);
}

/// The trend chart plots the waves' scores; where the table compares like
/// for like, the step between the last two points is the table's change,
/// and where the rubric was revised the segment is dashed and the table
/// says why it compares otherwise (shared questions only, or not at all).
#[test]
fn the_plotted_trend_change_equals_the_tables() {
    for wave in ["2026-Q2", "2026-Q3"] {
        let (_, html, json) = report(&["--wave", wave]);
        let h = &json["history"];
        let waves = h["waves"].as_array().unwrap();
        let (before, now) = (&waves[waves.len() - 2], &waves[waves.len() - 1]);
        let revised = now["revised"].as_bool().unwrap();
        let mut compared = 0;
        for (i, d) in h["dimensions"].as_array().unwrap().iter().enumerate() {
            let change = &d["since_previous"];
            let (a, b) = (
                before["dimensions"][i].as_f64(),
                now["dimensions"][i].as_f64(),
            );
            match (change["delta"].as_f64(), a, b) {
                (Some(delta), Some(a), Some(b))
                    if !change["shared_questions_only"].as_bool().unwrap() =>
                {
                    assert!(
                        (b - a - delta).abs() < 1e-9,
                        "{wave} {}: plotted {} vs table {delta}",
                        d["id"],
                        b - a
                    );
                    compared += 1;
                }
                // Not like for like: only across a revision, which the
                // table notes.
                _ => {
                    assert!(revised, "{wave} {}", d["id"]);
                    assert!(d["note"].is_string(), "{wave} {}", d["id"]);
                }
            }
        }
        if revised {
            // The segments into the revised wave are dashed.
            let trend = &html[html.find("Scores across waves (axis").unwrap()..];
            let trend = &trend[..trend.find("</svg>").unwrap()];
            assert!(trend.contains("stroke-dasharray"), "{wave}");
        } else {
            assert!(compared > 0, "{wave}");
        }
    }
}
