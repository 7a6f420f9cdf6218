//! The PDF's heatmap is drawn at full size in panels of whole columns, so
//! no figure in it (a cell's change since the last wave included) is under
//! 9 pt, where one chart of every column scaled to the page printed them at
//! about 5 pt.

use std::path::Path;

use mlbizops::report::chart::{heatmap_phone, print_columns, print_panel, Chart, Shape, PHONE_W};

/// The PDF heatmap's panels of `b` as the PDF draws them (all rows): the
/// columns `print_columns` decides, the legend under the last.
fn print_panels(
    b: &mlbizops::report::model::Breakdown,
    r: &mlbizops::report::Report,
) -> Vec<Chart> {
    let split = print_columns(b, r, TEXT_W);
    let last = split.len();
    split
        .iter()
        .enumerate()
        .map(|(i, c)| print_panel(b, r, c, (i + 1 == last).then_some(TEXT_W)))
        .collect()
}

/// A cell's change figure: "+8", "−12 ▲" (a sign, digits, maybe a mark);
/// not a legend label such as "+5 to +10".
fn is_change(text: &str) -> bool {
    let rest = text.trim_start_matches(['+', '−']);
    rest.len() < text.len()
        && rest
            .trim_end_matches([' ', '▲', '▼'])
            .chars()
            .all(|c| c.is_ascii_digit())
        && !rest.is_empty()
}
use mlbizops::score::waves::{ScoredWave, Waves};
use mlbizops::score::{score_file, ScoreOptions};

/// The A4 page's text width in the PDF: 595.28 pt less two 54 pt margins.
const TEXT_W: f64 = 595.28 - 2.0 * 54.0;

/// Acme's report of `wave`, with its history, as `report` builds it.
fn acme_report(wave: &str) -> mlbizops::report::Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ws = mlbizops::workspace::load(&root.join("examples/acme"), false).unwrap();
    let current = ws.pick(Some(wave)).unwrap();
    let opts = ScoreOptions::default();
    let waves = ws.waves[..=current]
        .iter()
        .map(|w| {
            let rubric = mlbizops::rubric::load(ws.rubric_of(w).as_deref())
                .unwrap()
                .rubric;
            ScoredWave {
                label: w.label.clone(),
                date: w.date.clone(),
                scores: score_file(&rubric, &w.responses, &opts).unwrap(),
                rubric,
                path: w.responses.clone(),
                invited: w.invited.clone(),
                input_format: w.input_format,
            }
        })
        .collect();
    let all = Waves::new(waves, &opts).unwrap();
    let history = mlbizops::report::history::history(&all);
    let now = all.waves.last().unwrap();
    let opts = mlbizops::report::ReportOptions {
        title: None,
        organization: None,
        survey_label: wave.into(),
        date: None,
    };
    mlbizops::report::build_with_history(&now.rubric, &now.scores, &opts, Some(history))
}

#[test]
fn every_heatmap_figure_on_paper_is_at_least_9_pt() {
    // 2026-Q2 has a previous wave with the same rubric: every shown cell
    // carries its change.
    let r = acme_report("2026-Q2");
    let mut changes = 0;
    let mut columns = 0;
    for b in &r.breakdowns {
        let panels = print_panels(b, &r);
        assert!(
            panels.len() >= 2,
            "{} columns do not fit one page at 9 pt",
            r.dimensions.len() + 1
        );
        for c in &panels {
            // Drawn at scale 1: the panel fits the page as it is.
            assert!(
                c.width <= TEXT_W,
                "panel {} pt wide on a {TEXT_W} pt page",
                c.width
            );
            for s in &c.shapes {
                if let Shape::Text { text, size, .. } = s {
                    assert!(*size >= 9.0, "{text:?} at {size} pt");
                    changes += usize::from(is_change(text));
                }
            }
        }
        // Every column (the dimensions and the overall) in exactly one panel.
        columns += panels
            .iter()
            .map(|c| {
                // "Heatmap of scores by team (Prompting, …, Overall), coloured …"
                let (_, rest) = c.alt.split_once(&format!("by {} (", b.column)).unwrap();
                let (names, _) = rest.split_once("), coloured").unwrap();
                names.split(", ").count()
            })
            .sum::<usize>();
    }
    assert_eq!(columns, r.breakdowns.len() * (r.dimensions.len() + 1));
    assert!(changes > 40, "the changes are drawn ({changes})");
}

#[test]
fn the_latest_waves_heatmap_fits_the_page_too() {
    let r = acme_report("2026-Q3");
    for b in &r.breakdowns {
        for c in print_panels(b, &r) {
            assert!(c.width <= TEXT_W, "{}", c.width);
        }
    }
}

#[test]
fn the_phone_panels_fit_the_screen_with_11_unit_text() {
    // Drawn PHONE_W units wide in a column of about 343 px at 375 px, so an
    // 11-unit label is at least 11 px (the browser test measures it).
    let r = acme_report("2026-Q2");
    for b in &r.breakdowns {
        let panels = heatmap_phone(b, &r);
        assert!(panels.len() >= 3);
        for c in &panels {
            assert!(c.width <= PHONE_W, "{}", c.width);
            for s in &c.shapes {
                if let Shape::Text { text, size, .. } = s {
                    assert!(*size >= 11.0, "{text:?} at {size}");
                }
            }
            // Every panel names the groups (a long name cut with "…").
            for g in &b.groups {
                let start: String = g.value.chars().take(8).collect();
                assert!(
                    c.shapes
                        .iter()
                        .any(|s| matches!(s, Shape::Text { text, .. } if text.starts_with(&start))),
                    "{} is not named",
                    g.value
                );
            }
        }
    }
}

/// Pages the layout broke because content did not fit (not a chapter's
/// end) that it left less than a third full; and a chapter's last page
/// under a quarter full after such a break (a line or two carried over:
/// the second pass moves more onto it).
fn sparse_breaks(r: &mlbizops::report::Report) -> Vec<String> {
    let ends = mlbizops::render::pdf::page_ends(r, &Default::default());
    let mut out: Vec<String> = ends
        .iter()
        .filter(|e| e.forced && e.fill < 1.0 / 3.0)
        .map(|e| format!("page {} at {:.0}%", e.page + 1, e.fill * 100.0))
        .collect();
    for w in ends.windows(2) {
        if w[0].forced && !w[1].forced && w[1].fill < 0.25 {
            out.push(format!(
                "chapter ends on page {} at {:.0}%",
                w[1].page + 1,
                w[1].fill * 100.0
            ));
        }
    }
    out
}

#[test]
fn no_page_is_left_under_a_third_full_but_a_chapters_last() {
    for wave in ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"] {
        let r = acme_report(wave);
        assert_eq!(sparse_breaks(&r), Vec::<String>::new(), "{wave}");
    }
    // 60 teams: the heatmap runs over several pages in slices of rows that
    // fill the room left, where fixed slices of 26 rows left pages mostly
    // empty before them.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/acme-2026-q3.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let team = header.split(',').position(|c| c == "team").unwrap();
    let mut out = format!("{header}\n");
    for (i, line) in lines.enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        if cells.len() > team && !line.contains('"') {
            cells[team] = format!("Team {:02}", i % 60);
            out += &cells.join(",");
            out.push('\n');
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    std::fs::write(&path, out).unwrap();
    let rubric = mlbizops::rubric::load(None).unwrap().rubric;
    let opts = ScoreOptions {
        min_group_size: Some(3),
        ..Default::default()
    };
    let scores = score_file(&rubric, &path, &opts).unwrap();
    let r = mlbizops::report::build(
        &rubric,
        &scores,
        &mlbizops::report::ReportOptions {
            title: None,
            organization: None,
            survey_label: "many".into(),
            date: None,
        },
    );
    assert!(
        r.breakdowns[0].groups.len() >= 50,
        "{}",
        r.breakdowns[0].groups.len()
    );
    assert_eq!(sparse_breaks(&r), Vec::<String>::new());
    let ends = mlbizops::render::pdf::page_ends(&r, &Default::default());
    assert!(
        ends.len() > 20,
        "the heatmap spans pages ({} pages)",
        ends.len()
    );
}
