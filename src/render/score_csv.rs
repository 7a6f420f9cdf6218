//! `mlbizops score --format csv`: one row per (population, dimension), for
//! spreadsheets. Suppressed cells are empty, never zero.

use crate::score::model::{DimensionStats, Scores};

const HEADER: [&str; 14] = [
    "breakdown",
    "group",
    "group_n",
    "dimension",
    "n",
    "score",
    "sd",
    "ci95_low",
    "ci95_high",
    "level",
    "favorable_pct",
    "neutral_pct",
    "unfavorable_pct",
    "suppressed",
];

pub fn render(s: &Scores) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let org_n = Some(s.respondents.scored);
    for d in &s.dimensions {
        rows.push(row("organization", "all respondents", org_n, &d.stats));
    }
    for g in &s.groups {
        for d in &g.dimensions {
            rows.push(row(&g.column, &g.value, g.n, d));
        }
    }
    // Writing to memory cannot fail.
    w.write_record(HEADER).expect("write to memory");
    for r in rows {
        w.write_record(&r).expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("UTF-8 fields")
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| format!("{v:.4}"))
}

fn row(breakdown: &str, group: &str, group_n: Option<u64>, d: &DimensionStats) -> Vec<String> {
    use crate::text::csv_text;
    vec![
        csv_text(breakdown).into_owned(),
        csv_text(group).into_owned(),
        group_n.map_or_else(String::new, |n| n.to_string()),
        csv_text(&d.id).into_owned(),
        d.n.map_or_else(String::new, |n| n.to_string()),
        num(d.score),
        num(d.sd),
        num(d.ci95.map(|c| c[0])),
        num(d.ci95.map(|c| c[1])),
        csv_text(d.level.as_deref().unwrap_or_default()).into_owned(),
        num(d.favorable_pct),
        num(d.neutral_pct),
        num(d.unfavorable_pct),
        d.suppressed.to_string(),
    ]
}
