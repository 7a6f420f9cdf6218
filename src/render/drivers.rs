//! The outcome index and driver analysis as every format prints them: one
//! view of the report model's sections (sentences and table cells), then
//! Markdown and HTML from it (the PDF reads the same view). Pure.

use std::fmt::Write;

use askama::Template;

use crate::report::chart;
use crate::report::model::Report;

/// The section's text, format-neutral.
pub(crate) struct View {
    pub title: String,
    pub outcome_text: String,
    /// "Since 2026-Q2: +3, improved, clear change (small effect)."
    pub change_text: Option<String>,
    /// "2025-Q4 48 · 2026-Q1 52 · …".
    pub trend_text: Option<String>,
    pub items: Vec<String>,
    /// Breakdown = value, n, score, interval; hidden groups say so.
    pub groups: Vec<[String; 4]>,
    pub shown: bool,
    pub summary: String,
    /// Dimension, score, correlation (interval), share of R² (interval),
    /// quadrant; largest share first.
    pub rows: Vec<[String; 5]>,
    pub left_out: Vec<String>,
    pub note: String,
}

pub(crate) const HEADERS: [&str; 5] = [
    "Dimension",
    "Score",
    "Correlation (95% interval)",
    "Share of the link to value (95% interval)",
    "Where it sits",
];

fn whole(x: f64) -> String {
    format!("{}", x.round() as i64)
}

/// " (0.12 to 0.35)", with a real minus sign.
fn interval(c: Option<[f64; 2]>, f: impl Fn(f64) -> String) -> String {
    let m = |s: String| s.replace('-', "−");
    c.map_or(String::new(), |[a, b]| {
        format!(" ({} to {})", m(f(a)), m(f(b)))
    })
}

pub(crate) fn view(r: &Report) -> Option<View> {
    let o = r.outcome.as_ref()?;
    let d = r.drivers.as_ref();
    let h = r.history.as_ref().and_then(|h| h.outcome.as_ref());
    let prev = r.history.as_ref().and_then(|h| h.previous.clone());
    let change_text = h.and_then(|h| match (&h.change.since_previous, &h.note) {
        (Some(c), _) => Some(format!(
            "Since {}: {}, {}.",
            prev.as_deref().unwrap_or("the last survey"),
            crate::trend::signed(c.delta),
            c.words
        )),
        (None, Some(n)) => Some(format!("Change since the last survey: {n}.")),
        _ => None,
    });
    let trend_text = h.filter(|h| h.points.len() >= 2).map(|h| {
        h.points
            .iter()
            .map(|(l, s)| format!("{l} {}", s.map_or("—".into(), whole)))
            .collect::<Vec<_>>()
            .join(" · ")
    });
    let groups = o
        .groups
        .iter()
        .map(|g| match (g.n, g.score) {
            (Some(n), Some(s)) => [
                format!("{} = {}", g.column, g.value),
                n.to_string(),
                whole(s),
                g.ci95
                    .map_or(String::new(), |[a, b]| format!("{}–{}", whole(a), whole(b))),
            ],
            _ => [
                format!("{} = {}", g.column, g.value),
                "—".into(),
                "hidden".into(),
                String::new(),
            ],
        })
        .collect();
    let (shown, summary, rows, left_out, note) = match d {
        Some(d) => {
            let r2 = d.r_squared.unwrap_or(0.0);
            let share = |w: f64| whole(if r2 > 0.0 { 100.0 * w / r2 } else { 0.0 });
            let rows = d
                .rows
                .iter()
                .map(|x| {
                    [
                        x.name.clone(),
                        whole(x.score),
                        format!(
                            "{}{}",
                            format!("{:.2}", x.r).replace('-', "−"),
                            interval(x.r_ci95, |v| format!("{v:.2}"))
                        ),
                        format!("{}%{}", whole(x.share_pct), interval(x.weight_ci95, share)),
                        x.quadrant.clone(),
                    ]
                })
                .collect();
            let note = if d.shown {
                format!(
                    "{} respondents with an outcome index and a score on every dimension below; together the dimensions explain {}% of the differences in the outcome index between people (R² {:.2}). The share is each dimension's relative weight as a percent of that; the lines of the chart are the dimensions' mean score and an even share. Practices that go with more value reported, not proof that they cause it.",
                    d.n.unwrap_or(0),
                    whole(100.0 * r2),
                    r2
                )
            } else {
                String::new()
            };
            (d.shown, d.summary.clone(), rows, d.left_out.clone(), note)
        }
        None => (false, String::new(), Vec::new(), Vec::new(), String::new()),
    };
    Some(View {
        title: format!("{} and what goes with it", o.name),
        outcome_text: o.text.clone(),
        change_text,
        trend_text,
        items: o.items.clone(),
        groups,
        shown,
        summary,
        rows,
        left_out,
        note,
    })
}

/// The section in Markdown, or nothing.
pub fn markdown(r: &Report, esc: impl Fn(&str) -> String) -> String {
    let Some(v) = view(r) else {
        return String::new();
    };
    let mut o = String::new();
    let _ = writeln!(o, "\n## {}\n", esc(&v.title));
    let _ = writeln!(o, "{}", esc(&v.outcome_text));
    for t in v.change_text.iter().chain(&v.trend_text) {
        let _ = writeln!(o, "\n{}", esc(t));
    }
    let _ = writeln!(o, "\nOutcome items asked:\n");
    for i in &v.items {
        let _ = writeln!(o, "- {}", esc(i));
    }
    if !v.groups.is_empty() {
        let _ = writeln!(
            o,
            "\n| Group | n | Outcome index | 95% interval |\n|---|---:|---:|---|"
        );
        for g in &v.groups {
            let _ = writeln!(o, "| {} | {} | {} | {} |", esc(&g[0]), g[1], g[2], g[3]);
        }
    }
    let _ = writeln!(o, "\n### What goes with value\n");
    let _ = writeln!(o, "{}", esc(&v.summary));
    if v.shown {
        let _ = writeln!(o, "\n| {} |\n|---|---:|---|---|---|", HEADERS.join(" | "));
        for row in &v.rows {
            let cells: Vec<String> = row.iter().map(|c| esc(c)).collect();
            let _ = writeln!(o, "| {} |", cells.join(" | "));
        }
        let _ = writeln!(o, "\n{}", esc(&v.note));
    }
    for l in &v.left_out {
        let _ = writeln!(o, "\nLeft out of the model: {}.", esc(l));
    }
    o
}

#[derive(Template)]
#[template(path = "partials/drivers.html")]
struct Html<'a> {
    v: &'a View,
    headers: [&'static str; 5],
    svg: String,
}

/// The section in HTML (askama escapes the values), or nothing.
pub fn html(r: &Report) -> String {
    let Some(v) = view(r) else {
        return String::new();
    };
    let svg = chart::impact(r).map_or(String::new(), |c| super::svg::render(&c, "impact"));
    Html {
        v: &v,
        headers: HEADERS,
        svg,
    }
    .render()
    .expect("drivers template renders")
}

/// The outcome index and the driver analysis for `score --format table`
/// (the organization's figures; groups are in the JSON).
pub fn table(s: &crate::score::model::Scores) -> String {
    let mut o = String::new();
    let Some(oc) = &s.outcome else {
        return o;
    };
    let one = super::one;
    let _ = writeln!(
        o,
        "\nOutcome index ({}): {}",
        crate::text::visible(&oc.name),
        match (oc.stats.score, oc.stats.n) {
            (Some(x), Some(n)) => format!(
                "{} (95% CI {}), n {n}",
                one(Some(x)),
                super::ci(oc.stats.ci95)
            ),
            _ if !oc.measured => "not measured".into(),
            _ => "hidden for privacy".into(),
        }
    );
    let Some(d) = &s.drivers else {
        return o;
    };
    if !d.shown {
        let _ = writeln!(
            o,
            "Drivers: not shown: {}",
            d.reason.as_deref().unwrap_or("too little data")
        );
        return o;
    }
    let _ = writeln!(
        o,
        "Drivers (organization, {} respondents in the model, R² {:.2}; association, not cause)",
        d.n.unwrap_or(0),
        d.r_squared.unwrap_or(0.0)
    );
    let _ = writeln!(
        o,
        "  {:<12}  {:>5}  {:>5}  {:>11}",
        "dimension", "score", "r", "share of R²"
    );
    let mut rows: Vec<_> = d.dimensions.iter().collect();
    rows.sort_by(|a, b| b.weight.unwrap_or(0.0).total_cmp(&a.weight.unwrap_or(0.0)));
    for x in rows {
        let _ = writeln!(
            o,
            "  {:<12}  {:>5}  {:>5}  {:>11}",
            crate::text::visible(&x.id),
            one(x.score),
            x.r.map_or("—".into(), |r| format!("{r:.2}")),
            super::pct(x.share_pct)
        );
    }
    for l in &d.left_out {
        let _ = writeln!(o, "  left out: {} ({})", crate::text::visible(&l.id), l.why);
    }
    o
}
