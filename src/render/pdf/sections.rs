//! The report's sections on PDF pages, in the order of the HTML report.

use super::draw;
use super::layout::{Align, Column, Layout, Span, Target, BODY, LEADING, MARGIN};
use crate::report::chart::{self, INK, MUTED};
use crate::report::model::{DimensionSection, Report};

/// One decimal, as tables show scores.
fn one(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |v| format!("{v:.1}"))
}

fn int(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |v| format!("{}", v.round() as i64))
}

fn ci(x: Option<[f64; 2]>) -> String {
    x.map_or_else(
        || "—".into(),
        |[l, h]| format!("{}–{}", l.round() as i64, h.round() as i64),
    )
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |v| format!("{}%", v.round() as i64))
}

/// Citation markers " [3]" that jump to the reference.
pub(super) fn cites(c: &[usize]) -> Vec<Span> {
    c.iter()
        .map(|n| Span::link(format!(" [{n}]"), Target::Anchor(format!("ref-{n}"))))
        .collect()
}

pub fn all(l: &mut Layout, r: &Report) {
    cover_and_summary(l, r);
    dimensions(l, r);
    super::drivers::section(l, r);
    super::comments::section(l, r);
    groups(l, r);
    super::plan::plan(l, r);
    super::plan::references(l, r);
    method(l, r);
}

fn cover_and_summary(l: &mut Layout, r: &Report) {
    let w = l.width();
    let mut meta: Vec<String> = Vec::new();
    if let Some(o) = &r.organization {
        meta.push(o.clone());
    }
    meta.push(r.survey_label.clone());
    if let Some(d) = &r.date {
        meta.push(d.clone());
    }
    l.paragraph(&[Span::muted(meta.join(" · "))], 11.0, MARGIN, w);
    l.space(4.0);
    l.paragraph(&[Span::bold(r.title.clone())], 22.0, MARGIN, w);
    let version = if r.rubric.version.is_empty() {
        String::new()
    } else {
        format!(", rubric version {}", r.rubric.version)
    };
    l.paragraph(
        &[Span::muted(format!(
            "{}{version} · {} respondents",
            r.rubric.title, r.respondents.scored
        ))],
        BODY,
        MARGIN,
        w,
    );
    l.space(6.0);
    l.rule("#d6d6d6", 0.8);
    l.space(8.0);

    l.bookmark("Executive summary");
    l.heading("Executive summary", 16.0, 80.0);
    // The key figures, then the headline and the dot plot.
    if let Some(strip) = chart::key_strip(r, w) {
        l.ensure(strip.height);
        let y0 = l.y;
        draw::chart(l, &strip, MARGIN, y0, 1.0);
        l.y += strip.height + 8.0;
    }
    let mut spans = vec![Span::plain(r.summary.headline.clone())];
    if let Some(n) = &r.overall.next_level {
        spans.push(Span::plain(format!(" The organization is {}.", n.text)));
    }
    l.paragraph(&spans, 10.5, MARGIN, w);
    if let Some(dots) = chart::dots(r) {
        l.space(4.0);
        let s = (w / dots.width).min(0.64);
        l.ensure(dots.height * s);
        let y0 = l.y;
        draw::chart(l, &dots, MARGIN, y0, s);
        let chart_w = dots.width * s;
        // Beside the chart: what changed since the last survey.
        let text_bottom = since_last(l, r, MARGIN + chart_w + 14.0, w - chart_w - 14.0, y0);
        l.y = (y0 + dots.height * s).max(text_bottom);
        l.paragraph(
            &[Span::muted(if r.compares_previous() {
                "Dot = score, line = 95% interval, hollow circle = the last survey."
            } else {
                "Dot = score, line = 95% interval."
            })],
            8.0,
            MARGIN,
            w,
        );
    }
    l.space(6.0);
    for (title, items, empty, note) in [
        (
            r.summary.priorities_heading.as_str(),
            &r.summary.priorities,
            &r.summary.priorities_empty,
            &r.summary.priority_note,
        ),
        (
            "Strengths",
            &r.summary.strengths,
            &r.summary.strengths_empty,
            &None,
        ),
    ] {
        l.heading(title, 12.5, 30.0);
        for s in items.iter() {
            l.ensure(BODY * LEADING * 2.0);
            let y = l.y;
            l.text(MARGIN + 4.0, y + BODY, "•", BODY, false, INK);
            l.paragraph(
                &[Span::link(
                    s.text.clone(),
                    Target::Anchor(format!("dim-{}", s.dimension_id)),
                )],
                BODY + 0.5,
                MARGIN + 16.0,
                w - 16.0,
            );
            if !s.chip.is_empty() {
                l.paragraph(&[Span::muted(s.chip.clone())], 8.5, MARGIN + 16.0, w - 16.0);
            }
            l.space(3.0);
        }
        for t in [empty, note].into_iter().flatten() {
            l.paragraph(&[Span::muted(t.clone())], 9.0, MARGIN, w);
            l.space(3.0);
        }
    }
    // Hot and bright spots, one compact paragraph each.
    // The two largest of each: the page stays one page; the HTML lists more.
    for (title, spots) in [
        ("Hot spots: ", &r.summary.hot_spots),
        ("Bright spots: ", &r.summary.bright_spots),
    ] {
        if !spots.is_empty() {
            let text: Vec<String> = spots
                .iter()
                .take(2)
                .map(|s| s.text.trim_end_matches('.').to_string())
                .collect();
            l.paragraph(
                &[
                    Span::bold(title),
                    Span::plain(format!("{}.", text.join("; "))),
                ],
                9.5,
                MARGIN,
                w,
            );
            l.space(2.0);
        }
    }
    // The rule's wording is in the method section: the executive page
    // stays one page.
}

/// "Since the last survey" in a column from `x`, `width` wide, starting at
/// `y`: the clear changes as chips, then what fell or stalled. Returns
/// where the column ends.
fn since_last(l: &mut Layout, r: &Report, x: f64, width: f64, y: f64) -> f64 {
    let Some(h) = r.history.as_ref().filter(|h| h.previous.is_some()) else {
        return y;
    };
    l.y = y;
    l.paragraph(&[Span::bold("Since the last survey")], 10.0, x, width);
    l.space(2.0);
    if !r.summary.change_chips.is_empty() {
        l.paragraph(
            &[
                Span::plain("Clear changes: "),
                Span::bold(r.summary.change_chips.join(", ")),
            ],
            9.0,
            x,
            width,
        );
        l.space(3.0);
    } else if let Some(s) = &h.since_last {
        l.paragraph(&[Span::plain(s.clone())], 9.0, x, width);
        l.space(3.0);
    }
    for m in &h.momentum {
        let target = if m.dimension_id.is_empty() {
            Target::Anchor("groups".into())
        } else {
            Target::Anchor(format!("dim-{}", m.dimension_id))
        };
        l.paragraph(
            &[Span::link(format!("• {}", m.text), target)],
            9.0,
            x,
            width,
        );
        l.space(2.0);
    }
    l.y
}

fn dimensions(l: &mut Layout, r: &Report) {
    let w = l.width();
    l.new_page();
    l.bookmark("Scores by dimension");
    l.heading("Scores by dimension", 16.0, 200.0);
    // The dimensions' scores with their intervals are the executive page's
    // dot plot; the radar that stood here showed them again without
    // intervals, with labels that collided, and is gone.
    // The trend across waves, for a workspace.
    if let Some(t) = chart::trend(r) {
        let s = (w / t.width).min(0.85);
        l.ensure(t.height * s + 20.0);
        l.paragraph(
            &[Span::bold(
                "Scores across waves (0–100; the axis shows only the range the scores use)",
            )],
            BODY,
            MARGIN,
            w,
        );
        let y0 = l.y;
        draw::chart(l, &t, MARGIN, y0, s);
        l.y += t.height * s + 8.0;
    }
    let previous = r.history.as_ref().and_then(|h| h.previous.clone());
    let name_w = if previous.is_some() { 0.34 } else { 0.44 };
    let mut cols = vec![
        Column {
            title: "Dimension".into(),
            width: name_w * w,
            align: Align::Left,
        },
        Column {
            title: "Score".into(),
            width: 0.09 * w,
            align: Align::Right,
        },
        Column {
            title: "Level".into(),
            width: 0.16 * w,
            align: Align::Left,
        },
        Column {
            title: "n".into(),
            width: 0.08 * w,
            align: Align::Right,
        },
        Column {
            title: "95% CI".into(),
            width: 0.11 * w,
            align: Align::Right,
        },
        Column {
            title: "Favorable".into(),
            width: 0.12 * w,
            align: Align::Right,
        },
    ];
    let first = r.history.as_ref().and_then(|h| h.first.clone());
    for p in [&previous, &first].into_iter().flatten() {
        cols.push(Column {
            title: format!("Since {p}"),
            width: 0.10 * w,
            align: Align::Right,
        });
    }
    if first.is_some() {
        cols[0].width -= 0.10 * w;
    }
    let rows: Vec<Vec<Vec<Span>>> = r
        .dimensions
        .iter()
        .map(|d| {
            vec![
                vec![Span::link(
                    d.name.clone(),
                    Target::Anchor(format!("dim-{}", d.id)),
                )],
                vec![Span::plain(one(d.score))],
                vec![Span::plain(level_text(d))],
                vec![Span::plain(d.n.map_or("—".into(), |n| n.to_string()))],
                vec![Span::plain(ci(d.ci95))],
                vec![Span::plain(pct(d.favorable_pct))],
                vec![Span::plain(Report::change_cell(
                    r.change_since_previous(&d.id),
                ))],
                vec![Span::plain(Report::change_cell(
                    r.change_since_first(&d.id),
                ))],
            ]
            .into_iter()
            .take(cols.len())
            .collect()
        })
        .collect();
    l.table(&cols, &rows, 9.0);
    l.space(4.0);
    let note = match &previous {
        Some(_) => "Favorable = agreed or strongly agreed (after reverse keying). Changes in points; ▲ or ▼ marks a clear change (Welch t-test, p < 0.05); † compared only on the questions both waves asked (the rubric changed, or a column was missing).".to_string(),
        None => "Favorable = agreed or strongly agreed (after reverse keying).".to_string(),
    };
    l.paragraph(&[Span::muted(note)], 8.5, MARGIN, w);
    // The dimensions start on a page of their own: printpdf orders the
    // bookmarks of one page by title, which would put "1. Prompt
    // engineering" before "Scores by dimension".
    l.new_page();
    for (i, d) in r.dimensions.iter().enumerate() {
        dimension(l, r, d, i + 1);
    }
}

fn level_text(d: &DimensionSection) -> String {
    if d.suppressed && d.level_label == "hidden" {
        // The word tables have always used.
        "suppressed".into()
    } else {
        d.level_label.clone()
    }
}

fn dimension(l: &mut Layout, r: &Report, d: &DimensionSection, number: usize) {
    let w = l.width();
    l.ensure(160.0);
    l.space(6.0);
    l.anchor(format!("dim-{}", d.id));
    // The bookmark is the heading, number included, as in the HTML.
    let title = format!("{number}. {}", d.name);
    l.sub_bookmark(title.clone());
    l.heading(&title, 13.5, 60.0);
    if !d.description.is_empty() {
        l.paragraph(&[Span::muted(d.description.clone())], 9.5, MARGIN, w);
        l.space(4.0);
    }
    if !d.measured {
        l.paragraph(&[Span::plain("Not measured: the survey file has no column for any of this dimension’s questions.")], BODY, MARGIN, w);
        return;
    }
    if d.suppressed {
        l.paragraph(
            &[Span::plain(crate::render::hidden_reason(
                d,
                r.data_quality.min_group_size,
            ))],
            BODY,
            MARGIN,
            w,
        );
        return;
    }
    let gap = d
        .next_level
        .as_ref()
        .map_or(String::new(), |n| format!(" ({})", n.text));
    l.paragraph(
        &[
            // Separated by middle dots: extracted text and screen readers
            // drop runs of spaces, and the facts then run together.
            Span::plain("Score "),
            Span::bold(d.score_text.clone().unwrap_or_else(|| "—".into())),
            Span::plain(" · Level "),
            Span::bold(level_text(d)),
            Span::plain(format!("{gap} · n = ")),
            Span::bold(d.n.map_or("—".into(), |n| n.to_string())),
            Span::plain(" · 95% CI "),
            Span::bold(ci(d.ci95)),
        ],
        BODY,
        MARGIN,
        w,
    );
    let [fav, neu, unf] =
        crate::render::shares_100([d.favorable_pct, d.neutral_pct, d.unfavorable_pct]);
    l.paragraph(
        &[Span::plain(format!(
            "Favorable {fav} · neutral {neu} · unfavorable {unf}"
        ))],
        BODY,
        MARGIN,
        w,
    );
    super::practices::facts(l, r, d);
    l.space(4.0);
    // Kept with its legend, note, column headers and first statement.
    l.heading("Answers by question", 11.0, 120.0);
    if let Some(q) = d.questions.iter().find(|q| !q.shares.is_empty()) {
        let legend = chart::bar_legend(&q.share_labels);
        let s = (w / legend.width).min(1.0);
        l.ensure(legend.height * s + 4.0);
        let y0 = l.y;
        draw::chart(l, &legend, MARGIN, y0, s);
        l.y += legend.height * s + 4.0;
        let note = "Each bar runs from unfavorable (left) to favorable (right), after reverse keying: for a statement marked reverse-keyed, agreeing means less readiness and counts as unfavorable. The figure is the share favorable; under it, the statement’s score (0–100).";
        let note = match crate::render::item_change_note(r, d, false) {
            Some(c) => format!("{note} {c}"),
            None => note.to_string(),
        };
        l.paragraph(&[Span::muted(note)], 8.0, MARGIN, w);
        l.space(3.0);
    }
    let (text_w, bar_w, score_w) = (w * 0.52, w * 0.38, w * 0.08);
    // Column headers, as the HTML has them; again, with the dimension's
    // name, where the statements continue on a new page.
    let header = |l: &mut Layout, continued: bool| {
        if continued {
            l.paragraph(
                &[Span::bold(format!("{} (continued)", d.name))],
                9.5,
                MARGIN,
                w,
            );
        }
        let y = l.y + 8.0;
        l.text(MARGIN, y, "Statement", 7.5, true, MUTED);
        let mid = "unfavorable ← | → favorable";
        let mw = l.fonts.width(mid, 7.5, true);
        l.text(
            MARGIN + text_w + (bar_w - mw) / 2.0,
            y,
            mid,
            7.5,
            true,
            MUTED,
        );
        let fw = l.fonts.width("Favorable", 7.5, true);
        l.text(
            MARGIN + text_w + bar_w + score_w - fw,
            y,
            "Favorable",
            7.5,
            true,
            MUTED,
        );
        l.y += 11.0;
        l.rule("#cccccc", 0.5);
    };
    l.ensure(30.0);
    header(l, false);
    for q in &d.questions {
        let mut spans = vec![Span::plain(q.text.clone())];
        if let Some(lv) = &q.level {
            let status = q
                .status
                .as_deref()
                .map_or(String::new(), |s| format!(" · {s}"));
            spans.push(Span::muted(format!(" ({lv}{status})")));
        }
        if q.reverse {
            spans.push(Span::muted(" (reverse-keyed)"));
        }
        let text_h = l.measure(&spans, 9.0, text_w - 6.0);
        let bar = chart::diverging_bar(&q.shares, 320.0, 22.0);
        let s = bar_w / bar.width;
        let mut h = text_h.max(bar.height * s) + 6.0;
        if q.change.is_some() {
            // Room for the change under the score.
            h = h.max(36.0);
        }
        let page = l.page();
        l.ensure(h);
        if l.page() != page {
            header(l, true);
        }
        let top = l.y;
        l.block(&spans, 9.0, MARGIN, top + 3.0, text_w - 6.0);
        if q.shares.is_empty() {
            let note = if !q.measured {
                "not in the survey file"
            } else if q.suppressed {
                "too few answers to show"
            } else {
                "no answers"
            };
            l.text(MARGIN + text_w, top + 3.0 + 9.0, note, 8.5, false, MUTED);
        } else {
            draw::chart(l, &bar, MARGIN + text_w, top + 3.0, s);
        }
        // The share favorable, and the 0-100 score under it.
        let fav = crate::render::pct(q.favorable_pct);
        let fw = l.fonts.width(&fav, 9.0, true);
        let right = MARGIN + text_w + bar_w + score_w;
        l.text(right - fw, top + 3.0 + 9.0 + 2.0, &fav, 9.0, true, INK);
        if let Some(v) = q.score {
            let sc = format!("{}", v.round() as i64);
            let sw = l.fonts.width(&sc, 7.5, false);
            l.text(right - sw, top + 3.0 + 9.0 + 11.0, &sc, 7.5, false, MUTED);
        }
        if let Some(c) = &q.change {
            let t = c.short();
            let cw = l.fonts.width(&t, 7.5, c.clear);
            l.text(right - cw, top + 3.0 + 9.0 + 20.0, &t, 7.5, c.clear, MUTED);
        }
        l.y = top + h;
        l.rule("#eeeeee", 0.5);
    }
    let pulling: Vec<&crate::report::model::QuestionRow> = d
        .pulling_down
        .iter()
        .filter_map(|id| d.questions.iter().find(|q| &q.id == id))
        .collect();
    if !pulling.is_empty() && d.missing_practices.is_empty() {
        l.heading("What pulls the score down", 11.0, 30.0);
        for q in pulling {
            bullet(
                l,
                &[
                    Span::plain(q.text.clone()),
                    Span::muted(format!(" (score {})", int(q.score))),
                ],
            );
        }
    }
    if !d.recommendations.is_empty() {
        l.heading(&crate::render::rec_heading(r, d), 11.0, 50.0);
        // Each recommendation's text is printed once, in the plan or the
        // appendix; here, where to find it.
        for rec in &d.recommendations {
            bullet(
                l,
                &[
                    Span::link(
                        rec.title.clone(),
                        Target::Anchor(rec.plan_ref.replace(' ', "-")),
                    ),
                    Span::muted(format!(" ({})", rec.plan_ref)),
                ],
            );
        }
    }
}

pub(super) fn bullet(l: &mut Layout, spans: &[Span]) {
    let w = l.width();
    l.ensure(BODY * LEADING);
    let y = l.y;
    l.text(MARGIN + 4.0, y + 9.5, "•", 9.5, false, INK);
    l.paragraph(spans, 9.5, MARGIN + 16.0, w - 16.0);
    l.space(2.0);
}

fn groups(l: &mut Layout, r: &Report) {
    let w = l.width();
    l.new_page();
    l.anchor("groups");
    l.bookmark("Scores by group");
    l.heading("Scores by group", 16.0, 80.0);
    // The change figures exist only with an earlier wave: say what they
    // are only then.
    let changes = match r
        .history
        .as_ref()
        .filter(|h| h.has_group_changes())
        .and_then(|h| h.previous.as_deref())
    {
        Some(p) => format!(" The small number beside a score is the change since {p} (▲ or ▼: a clear change, not corrected for the many cells tested, so about one in twenty may be chance; none for a group hidden in either wave)."),
        None => String::new(),
    };
    l.paragraph(
        &[Span::muted(format!(
            "Each cell is the group’s mean score on the dimension (0–100), coloured by its difference from all respondents (the first row); * marks an overall that leaves out a hidden cell.{changes} {}",
            r.data_quality.privacy_rule
        ))],
        9.0,
        MARGIN,
        w,
    );
    if r.breakdowns.is_empty() {
        l.paragraph(
            &[Span::plain(
                "The survey file has no group column, so there is no breakdown.",
            )],
            BODY,
            MARGIN,
            w,
        );
    }
    for b in &r.breakdowns {
        super::heatmap::heatmap(l, r, b);
    }
}

fn method(l: &mut Layout, r: &Report) {
    let w = l.width();
    let dq = &r.data_quality;
    l.new_page();
    l.bookmark("Method and data quality");
    l.heading("Method and data quality", 16.0, 60.0);
    // Participation per team: the executive page gives the overall rate.
    if let Some(h) = r.history.as_ref() {
        if !h.participation.is_empty() {
            l.heading("Participation", 12.0, 40.0);
            let parts: Vec<String> = h
                .participation
                .iter()
                .map(|p| format!("{} {}{}", p.team, p.text, if p.low { " (low)" } else { "" }))
                .collect();
            l.paragraph(
                &[Span::plain(format!("{}.", parts.join("; ")))],
                9.5,
                MARGIN,
                w,
            );
            l.space(4.0);
        }
    }
    l.heading("How the priorities are chosen", 12.0, 40.0);
    l.paragraph(&[Span::plain(r.summary.note.clone())], 9.5, MARGIN, w);
    l.space(4.0);
    super::drivers::method(l, r);
    l.heading("How the scores are computed", 12.0, 40.0);
    let missing = if r.rubric.missing_labels.is_empty() {
        String::new()
    } else {
        format!(" and “{}”", r.rubric.missing_labels.join("”, “"))
    };
    for t in [
        format!("Each answer on the {}–{} scale becomes a score from 0 to 100 ({} = 0, {} = 100). For statements marked “reverse-keyed”, agreeing means less readiness, so their scores are reversed.", r.rubric.scale_min, r.rubric.scale_max, r.rubric.scale_min, r.rubric.scale_max),
        format!("A respondent’s score on a dimension is the weighted mean of the statements they answered there, counted only when they answered at least half of them. Empty answers{missing} count as not answered, never as low scores."),
        format!("A dimension’s score is the mean of its respondents’ scores, with a 95% confidence interval (Student’s t); the overall score is the weighted mean of the dimension scores. {}", r.rubric.level_rule),
        "Favorable = the top two answers of the scale after reverse keying; unfavorable = the bottom two.".to_string(),
    ] {
        bullet(l, &[Span::plain(t)]);
    }
    l.heading("How consistent the questions are", 12.0, 60.0);
    l.paragraph(&[Span::muted("Cronbach’s alpha says whether the statements of a dimension move together, so that one score can summarise them (0.7 or more is usually taken as acceptable).")], 9.0, MARGIN, w);
    l.space(3.0);
    let cols = [
        Column {
            title: "Dimension".into(),
            width: 0.38 * w,
            align: Align::Left,
        },
        Column {
            title: "alpha".into(),
            width: 0.1 * w,
            align: Align::Right,
        },
        Column {
            title: "Reading".into(),
            width: 0.52 * w,
            align: Align::Left,
        },
    ];
    let rows: Vec<Vec<Vec<Span>>> = r
        .dimensions
        .iter()
        .map(|d| {
            vec![
                vec![Span::plain(d.name.clone())],
                vec![Span::plain(
                    d.alpha.map_or("—".into(), |a| format!("{a:.2}")),
                )],
                vec![Span::plain(d.alpha_reading.clone())],
            ]
        })
        .collect();
    l.table(&cols, &rows, 9.0);
    l.heading("The data", 12.0, 40.0);
    let reasons: Vec<String> = dq
        .excluded_reasons
        .iter()
        .map(|(why, n)| format!("{why} ({n})"))
        .collect();
    let excluded = if reasons.is_empty() {
        String::new()
    } else {
        format!(": {}", reasons.join(", "))
    };
    bullet(
        l,
        &[Span::plain(format!(
            "{} rows read from {} ({}), {} scored, {} excluded{excluded}.",
            r.respondents.read, dq.file, dq.source, r.respondents.scored, r.respondents.excluded
        ))],
    );
    bullet(
        l,
        &[Span::plain(format!(
            "{}, each counted as not answered.",
            crate::text::plural(dq.unreadable_cells as usize, "unreadable cell")
        ))],
    );
    for e in &dq.unreadable_examples {
        l.paragraph(&[Span::muted(e.clone())], 8.5, MARGIN + 24.0, w - 24.0);
    }
    for (dim, qs) in &dq.missing_columns {
        bullet(
            l,
            &[Span::plain(format!(
                "No column for {} of {dim}: {}.",
                crate::text::plural(qs.len(), "question"),
                qs.join(", ")
            ))],
        );
    }
    if !dq.ignored_columns.is_empty() {
        bullet(
            l,
            &[Span::plain(format!(
                "Columns not used: {}.",
                dq.ignored_columns.join(", ")
            ))],
        );
    }
    for n in &dq.group_names {
        bullet(l, &[Span::plain(n.clone())]);
    }
    bullet(
        l,
        &[Span::plain(format!("Privacy: {}", dq.privacy_summary))],
    );
    if let Some(note) = &dq.threshold_note {
        bullet(l, &[Span::plain(note.clone())]);
    }
    super::comments::method(l, r);
    super::waves::waves(l, r);
}
