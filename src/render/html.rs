//! Report model -> one self-contained HTML file (askama templates in
//! `templates/`). Pure: no I/O, no clock. Values from the survey file are
//! escaped by askama in the templates and by `svg::render` in the charts.

use askama::Template;

use super::svg;
use crate::report::chart;
use crate::report::model::{Breakdown, DimensionSection, GroupRow, QuestionRow, Report};

/// Scores as integers in prose, one decimal in tables.
fn int(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |v| format!("{}", v.round() as i64))
}

fn one(x: Option<f64>) -> String {
    super::one(x)
}

fn ci(x: Option<[f64; 2]>) -> String {
    x.map_or_else(
        || "—".into(),
        |[l, h]| format!("{}–{}", l.round() as i64, h.round() as i64),
    )
}

struct RowView<'a> {
    q: &'a QuestionRow,
    bar: String,
    /// The 0-100 score, secondary.
    score: String,
    /// Percent favorable: the item's figure.
    fav: String,
    /// Its change since the previous wave ("+8 ▲"), and that in words.
    chg: String,
    chg_title: String,
}

struct DimView<'a> {
    d: &'a DimensionSection,
    number: usize,
    /// Change since the previous wave, e.g. "+3 ▲" (a clear change has an
    /// arrow), with its words for the title attribute.
    change: String,
    change_first: String,
    change_words: String,
    score: String,
    /// One decimal, for the table.
    score_one: String,
    ci: String,
    n: String,
    favorable: String,
    neutral: String,
    unfavorable: String,
    alpha: String,
    gap: String,
    /// The table's level cell.
    level_cell: String,
    /// "was Experimenting in 2026-Q2", or why levels are not comparable.
    level_change: String,
    /// "Applies to 30% of respondents · not sure 12%".
    applies: String,
    /// Why the section shows no score.
    hidden_reason: String,
    rec_heading: String,
    legend: String,
    rows: Vec<RowView<'a>>,
    /// How to read the statements' changes; empty without any.
    chg_note: String,
    /// (statement, its score as an integer).
    pulling: Vec<(&'a str, String)>,
}

struct HeatView<'a> {
    column: String,
    b: &'a Breakdown,
    svg: String,
    /// The phone's panels, each with the group labels (CSS shows these or
    /// `svg`).
    phone: Vec<String>,
    /// Staged levels do not follow from the score: the table shows both.
    staged: bool,
}

impl HeatView<'_> {
    /// A group's cells for the table: one decimal, "n<5" when hidden, then
    /// the overall score.
    fn cells(&self, g: &GroupRow) -> Vec<String> {
        let mut out: Vec<String> = g
            .scores
            .iter()
            .zip(&g.hidden)
            .zip(&g.levels)
            .map(|((s, h), l)| match (h, l) {
                (true, _) => "hidden".to_string(),
                (false, Some(l)) if self.staged => format!("{} · {l}", one(*s)),
                _ => one(*s),
            })
            .collect();
        out.push(one(g.overall));
        out
    }
}

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    r: &'a Report,
    /// The trend chart, empty without history.
    trend: String,
    /// "2026-Q2" when there is a previous wave.
    previous: String,
    /// "2025-Q4" from the third wave on.
    first: String,
    version: &'static str,
    next: String,
    /// The executive page's dot plot, and its phone layout (CSS shows
    /// one of them).
    dots: String,
    dots_phone: String,
    dims: Vec<DimView<'a>>,
    heatmaps: Vec<HeatView<'a>>,
    /// The outcome index and driver analysis section, rendered.
    drivers: String,
}

pub fn render(r: &Report) -> String {
    let dims =
        r.dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                (
                    i,
                    d,
                    super::shares_100([d.favorable_pct, d.neutral_pct, d.unfavorable_pct]),
                )
            })
            .map(|(i, d, shares)| DimView {
                d,
                number: i + 1,
                change: Report::change_cell(r.change_since_previous(&d.id)),
                change_first: Report::change_cell(r.change_since_first(&d.id)),
                change_words: r
                    .change_since_previous(&d.id)
                    .map_or(String::new(), |c| c.words.clone()),
                score: d.score_text.clone().unwrap_or_else(|| "—".into()),
                score_one: one(d.score),
                ci: ci(d.ci95),
                n: d.n.map_or("—".into(), |n| n.to_string()),
                favorable: shares[0].clone(),
                neutral: shares[1].clone(),
                unfavorable: shares[2].clone(),
                alpha: d.alpha.map_or("—".into(), |a| format!("{a:.2}")),
                gap: d
                    .next_level
                    .as_ref()
                    .map_or(String::new(), |n| n.text.clone()),
                level_cell: if d.suppressed && d.level_label == "hidden" {
                    // The word tables have always used.
                    "suppressed".into()
                } else {
                    d.level_label.clone()
                },
                level_change: r
                    .history
                    .as_ref()
                    .and_then(|h| h.dimensions.iter().find(|x| x.id == d.id))
                    .and_then(|x| x.level_change.clone())
                    .unwrap_or_default(),
                applies: super::applies_text(d),
                hidden_reason: super::hidden_reason(d, r.data_quality.min_group_size),
                chg_note: super::item_change_note(r, d, false).unwrap_or_default(),
                rec_heading: super::rec_heading(r, d),
                legend: d.questions.iter().find(|q| !q.shares.is_empty()).map_or(
                    String::new(),
                    |q| {
                        svg::render(
                            &chart::bar_legend(&q.share_labels),
                            &format!("legend-{}", i + 1),
                        )
                    },
                ),
                rows: d
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(j, q)| RowView {
                        q,
                        bar: if q.shares.is_empty() {
                            String::new()
                        } else {
                            svg::render(
                                &chart::diverging_bar(&q.shares, 320.0, 22.0),
                                &format!("bar-{}-{}", i + 1, j + 1),
                            )
                        },
                        score: q
                            .score
                            .map_or(String::new(), |s| format!("{}", s.round() as i64)),
                        fav: super::pct(q.favorable_pct),
                        chg: q.change.as_ref().map_or(String::new(), |c| c.short()),
                        chg_title: q.change.as_ref().map_or(String::new(), |c| {
                            super::item_change_words(c, r.history.as_ref())
                        }),
                    })
                    .collect(),
                pulling: d
                    .pulling_down
                    .iter()
                    .filter_map(|id| d.questions.iter().find(|q| &q.id == id))
                    .map(|q| (q.text.as_str(), int(q.score)))
                    .collect(),
            })
            .collect();
    let heatmaps = r
        .breakdowns
        .iter()
        .enumerate()
        .map(|(i, b)| HeatView {
            column: b.column.clone(),
            b,
            staged: r.rubric.staged,
            svg: svg::render(&chart::heatmap(b, r), &format!("heat-{}", i + 1)),
            phone: chart::heatmap_phone(b, r)
                .iter()
                .enumerate()
                .map(|(j, c)| svg::render(c, &format!("heat-{}-phone-{}", i + 1, j + 1)))
                .collect(),
        })
        .collect();
    let page = Page {
        r,
        version: env!("CARGO_PKG_VERSION"),
        next: r
            .overall
            .next_level
            .as_ref()
            .map_or(String::new(), |n| n.text.clone()),
        dots: chart::dots(r).map_or(String::new(), |c| svg::render(&c, "dots")),
        dots_phone: chart::dots_phone(r).map_or(String::new(), |c| svg::render(&c, "dots-phone")),
        trend: chart::trend(r).map_or(String::new(), |c| svg::render(&c, "trend")),
        previous: r
            .history
            .as_ref()
            .and_then(|h| h.previous.clone())
            .unwrap_or_default(),
        first: r
            .history
            .as_ref()
            .and_then(|h| h.first.clone())
            .unwrap_or_default(),
        dims,
        heatmaps,
        drivers: super::drivers::html(r),
    };
    // Rendering fails only if a Display impl fails; ours never do.
    page.render().expect("report template renders")
}
