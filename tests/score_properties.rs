//! Properties of `score_file` on arbitrary survey bodies under the small
//! rubric's header (`id,team,a1,a2,a3,b1,b2`, min_group_size 3): whatever the
//! cells hold, scoring does not panic, every row is accounted for, scores
//! stay on 0..100, favorability shares add up, and nothing below the privacy
//! threshold is shown.
//!
//! Cells are numbers on and off the scales (a1..b1 are 1..5, b2 is 0..10),
//! labels in any case, missing-answer labels, whole numbers written as
//! decimals, random Unicode text (without NUL, which makes a file binary),
//! CSV punctuation (commas, semicolons, quotes, tabs, line breaks) that makes
//! rows ragged, Windows-1252 bytes, and empty cells. Rows have 0 to 9 cells,
//! blank lines and rows of bare commas appear, and ids repeat.

use std::path::Path;

use mlbizops::rubric::{self, Rubric};
use mlbizops::score::model::{DimensionStats, Scores};
use mlbizops::score::{score_file, ScoreOptions};
use proptest::prelude::*;

const HEADER: &[u8] = b"id,team,a1,a2,a3,b1,b2";
const THRESHOLD: u64 = 3;

fn small_rubric() -> Rubric {
    rubric::load(Some(Path::new("tests/fixtures/score/small-rubric.toml")))
        .expect("valid test rubric")
        .rubric
}

fn cell() -> impl Strategy<Value = Vec<u8>> {
    let text = |s: &'static str| Just(s.as_bytes().to_vec());
    prop_oneof![
        // Answers on every scale of the rubric, and just off them.
        6 => (-2i64..13).prop_map(|n| n.to_string().into_bytes()),
        1 => prop_oneof![text("4.0"), text("3.5"), text("+2"), text(" 5 "), text("1e0"), text("99999999999")],
        // Labels, in any case, and the missing-answer labels.
        2 => prop_oneof![
            text("Strongly disagree"), text("disagree"), text("NEUTRAL"), text("Agree"),
            text("strongly   AGREE"), text("Agreed"),
        ],
        1 => prop_oneof![text("Not sure"), text("N/A"), text("n/a"), text("not SURE")],
        // Empty cells.
        3 => Just(Vec::new()),
        // Random text without control characters.
        1 => "\\PC{0,8}".prop_map(String::into_bytes),
        // Punctuation that changes how the row is split.
        1 => "[,;\"\t\r\n ]{1,3}".prop_map(String::into_bytes),
        // Windows-1252 bytes, not valid UTF-8.
        1 => prop_oneof![text("Z\u{fc}rich"), Just(b"Z\xFCrich \x96 Team".to_vec()), Just(b"\x93yes\x94".to_vec())],
    ]
}

fn team() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop_oneof![Just(b"X".to_vec()), Just(b"Y".to_vec()), Just(b"Z".to_vec())],
        1 => Just(Vec::new()),
        1 => Just("Zürich – Produktentwicklung".as_bytes().to_vec()),
        1 => cell(),
    ]
}

fn id() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // From a pool smaller than the number of rows: ids repeat.
        4 => (1u8..30).prop_map(|n| n.to_string().into_bytes()),
        1 => Just(Vec::new()),
        1 => cell(),
    ]
}

/// One line of the body.
fn row() -> impl Strategy<Value = Vec<u8>> {
    // Mostly the header's five answers; sometimes fewer or more.
    let width = prop_oneof![4 => Just(5usize), 1 => 0usize..=7];
    let cells = width.prop_flat_map(|n| proptest::collection::vec(cell(), n));
    let answers = (id(), team(), cells).prop_map(|(id, team, cells)| {
        let mut fields = vec![id, team];
        fields.extend(cells);
        fields.join(&b","[..])
    });
    prop_oneof![
        8 => answers,
        1 => Just(Vec::new()),
        1 => (1usize..9).prop_map(|n| vec![b','; n]),
    ]
}

fn body() -> impl Strategy<Value = (Vec<Vec<u8>>, bool)> {
    (proptest::collection::vec(row(), 0..40), any::<bool>())
}

fn is_score(x: f64) -> bool {
    (0.0..=100.0).contains(&x)
}

/// The invariants of one population's dimension.
fn check_dimension(d: &DimensionStats, what: &str) -> Result<(), TestCaseError> {
    if let Some(s) = d.score {
        prop_assert!(is_score(s), "{what}: score {s}");
    }
    match (d.favorable_pct, d.neutral_pct, d.unfavorable_pct) {
        (Some(f), Some(n), Some(u)) => {
            prop_assert!(
                (f + n + u - 100.0).abs() < 1e-9,
                "{what}: {f} + {n} + {u} != 100"
            );
            prop_assert!(f >= 0.0 && n >= 0.0 && u >= 0.0);
        }
        (None, None, None) => {}
        other => prop_assert!(false, "{what}: some shares missing: {other:?}"),
    }
    if let Some(n) = d.n {
        prop_assert!(n >= THRESHOLD, "{what}: n = {n} is shown");
    }
    if d.suppressed {
        prop_assert!(
            d.n.is_none()
                && d.score.is_none()
                && d.sd.is_none()
                && d.ci95.is_none()
                && d.level.is_none()
                && d.favorable_pct.is_none()
                && d.neutral_pct.is_none()
                && d.unfavorable_pct.is_none()
                && d.distribution.is_none(),
            "{what}: suppressed but shows {d:?}"
        );
    }
    Ok(())
}

fn has_number(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Number(_) => true,
        serde_json::Value::Array(a) => a.iter().any(has_number),
        serde_json::Value::Object(o) => o.values().any(has_number),
        _ => false,
    }
}

fn check_scores(s: &Scores) -> Result<(), TestCaseError> {
    let r = &s.respondents;
    prop_assert_eq!(r.read, r.scored + r.excluded.len() as u64);
    prop_assert!(r.scored >= THRESHOLD);
    // Rows are numbered from 2 (the header is row 1) and excluded once each.
    let mut rows: Vec<u64> = r.excluded.iter().map(|e| e.row).collect();
    prop_assert!(
        rows.iter().all(|&row| row >= 2 && row <= r.read + 1),
        "{rows:?}"
    );
    rows.sort_unstable();
    rows.dedup();
    prop_assert_eq!(rows.len(), r.excluded.len());
    if let Some(o) = s.overall.score {
        prop_assert!(is_score(o), "overall {o}");
    }
    for d in &s.dimensions {
        check_dimension(&d.stats, &format!("dimension {}", d.stats.id))?;
        for q in &d.questions {
            if let Some(x) = q.score {
                prop_assert!(is_score(x), "question {} score {x}", q.id);
            }
            match &q.distribution {
                Some(dist) => prop_assert_eq!(Some(dist.iter().sum::<u64>()), q.n),
                // Hidden: nothing about the question is shown, not even n.
                None => prop_assert!(q.n.is_none() && q.score.is_none() && q.raw_mean.is_none()),
            }
            if let Some(n) = q.n {
                prop_assert!(
                    n >= s.privacy.min_group_size as u64,
                    "question {} shows n = {n}",
                    q.id
                );
            }
        }
    }
    for g in &s.groups {
        let what = format!("group {}={}", g.column, g.value);
        if g.suppressed {
            prop_assert!(g.n.is_none(), "{what}: n = {:?}", g.n);
            prop_assert!(
                g.overall.score.is_none() && g.overall.level.is_none(),
                "{what}"
            );
            for d in &g.dimensions {
                prop_assert!(d.suppressed, "{what}: dimension {} shown", d.id);
            }
            // No number anywhere in a suppressed group.
            let json = serde_json::to_value(g).unwrap();
            prop_assert!(!has_number(&json), "{what}: {json}");
        } else {
            let n = g.n.expect("a shown group has a size");
            prop_assert!(n >= THRESHOLD, "{what}: n = {n}");
            prop_assert!(n <= r.scored);
            if let Some(o) = g.overall.score {
                prop_assert!(is_score(o), "{what}: overall {o}");
            }
        }
        for d in &g.dimensions {
            check_dimension(d, &format!("{what}, dimension {}", d.id))?;
        }
    }
    // Complementary suppression: within one breakdown, a single hidden group
    // (or a single hidden cell of a dimension the organization shows) could
    // be worked out from the organization's total minus the shown ones, so
    // it never happens.
    let mut columns: Vec<&str> = s.groups.iter().map(|g| g.column.as_str()).collect();
    columns.dedup();
    for column in columns {
        let groups: Vec<_> = s.groups.iter().filter(|g| g.column == column).collect();
        let hidden = groups.iter().filter(|g| g.suppressed).count();
        prop_assert_ne!(hidden, 1, "one hidden group of {}", column);
        for d in (0..s.dimensions.len()).filter(|&d| !s.dimensions[d].stats.suppressed) {
            let hidden = groups.iter().filter(|g| g.dimensions[d].suppressed).count();
            prop_assert_ne!(hidden, 1, "one hidden cell of {} in {}", d, column);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bodies_score_or_fail_cleanly((lines, crlf) in body()) {
        let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let mut bytes = HEADER.to_vec();
        for l in &lines {
            bytes.extend_from_slice(eol);
            bytes.extend_from_slice(l);
        }
        bytes.extend_from_slice(eol);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        std::fs::write(&path, &bytes).unwrap();
        match score_file(&small_rubric(), &path, &ScoreOptions::default()) {
            Ok(s) => check_scores(&s)?,
            Err(e) => {
                let msg = e.to_string();
                let p = path.display().to_string();
                prop_assert!(
                    msg.starts_with(&format!("{p}: only "))
                        && msg.contains(" respondent(s) could be scored, fewer than the privacy threshold of 3;")
                        || msg == format!("{p} has a header but no data rows")
                        || msg.starts_with(&format!("{p}: row "))
                            && msg.contains(" opens a quote (\") that is never closed"),
                    "unexpected error: {msg}"
                );
            }
        }
    }
}
