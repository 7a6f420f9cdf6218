//! `mlbizops report --format xlsx`: the report's figures as an Excel
//! workbook. Sheets: summary (key figures, priorities, strengths),
//! dimensions, questions, groups × dimensions, trend and change between
//! waves (a workspace only), action plan, data quality. It reads the report
//! model, which holds only what the disclosure audit cleared: a hidden
//! figure is an empty cell with a note, never a number. Same report, same
//! bytes (the creation date is fixed).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::xlsx::{figure, num, share, table, workbook, Cell, Formats};
use crate::report::model::{History, Report};
use crate::trend::Change;

pub fn render(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let fm = Formats::new();
    let mut book = workbook(
        format!("{}: {}", r.title, r.survey_label),
        format!(
            "Readiness report, rubric {} {}",
            r.rubric.id, r.rubric.version
        ),
    )?;
    summary(book.add_worksheet(), &fm, r)?;
    dimensions(book.add_worksheet(), &fm, r)?;
    questions(book.add_worksheet(), &fm, r)?;
    groups(book.add_worksheet(), &fm, r)?;
    if let Some(h) = &r.history {
        trend(book.add_worksheet(), &fm, r, h)?;
        change(book.add_worksheet(), &fm, h)?;
    }
    plan(book.add_worksheet(), &fm, r)?;
    quality(book.add_worksheet(), &fm, r)?;
    book.save_to_buffer()
}

fn summary(ws: &mut Worksheet, fm: &Formats, r: &Report) -> Result<(), XlsxError> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for k in &r.key_figures {
        rows.push(vec![
            Cell::Text("key figure"),
            Cell::Text(&k.label),
            Cell::Text(&k.value),
            Cell::Text(&k.note),
        ]);
    }
    for (what, list) in [
        ("priority", &r.summary.priorities),
        ("strength", &r.summary.strengths),
        ("hot spot", &r.summary.hot_spots),
        ("bright spot", &r.summary.bright_spots),
    ] {
        for s in list {
            rows.push(vec![
                Cell::Text(what),
                Cell::Text(&s.dimension_id),
                Cell::Text(&s.text),
                Cell::Text(&s.chip),
            ]);
        }
    }
    for note in [
        &r.summary.priorities_empty,
        &r.summary.strengths_empty,
        &r.summary.priority_note,
    ]
    .into_iter()
    .flatten()
    {
        rows.push(vec![Cell::Text("note"), Cell::Empty, Cell::Text(note)]);
    }
    table(
        ws,
        "Summary",
        fm,
        &["kind", "item", "statement", "detail"],
        &rows,
        &[2, 3],
    )
}

fn dimensions(ws: &mut Worksheet, fm: &Formats, r: &Report) -> Result<(), XlsxError> {
    let header = [
        "dimension",
        "name",
        "weight",
        "n",
        "score",
        "ci95 low",
        "ci95 high",
        "level",
        "favorable",
        "neutral",
        "unfavorable",
        "alpha",
        "applies to",
        "not sure",
        "priority",
        "since previous",
        "since first",
    ];
    let mut rows = Vec::new();
    rows.push(vec![
        Cell::Text("overall"),
        Cell::Text("Overall (weighted mean of the dimensions)"),
        Cell::Empty,
        num(Some(r.respondents.scored as f64), &fm.count),
        num(r.overall.score, &fm.score),
        Cell::Empty,
        Cell::Empty,
        r.overall
            .level_label
            .as_deref()
            .map_or(Cell::Empty, Cell::Text),
    ]);
    for d in &r.dimensions {
        let hidden = d.suppressed;
        let f = |x: Option<f64>, format| figure(x, format, hidden, d.measured);
        let ci = d.ci95.filter(|_| !hidden);
        rows.push(vec![
            Cell::Text(&d.id),
            Cell::Text(&d.name),
            Cell::Number(d.weight, &fm.decimal2),
            f(d.n.map(|n| n as f64), &fm.count),
            f(d.score, &fm.score),
            f(ci.map(|c| c[0]), &fm.score),
            f(ci.map(|c| c[1]), &fm.score),
            Cell::Text(&d.level_label),
            f(share(d.favorable_pct), &fm.pct),
            f(share(d.neutral_pct), &fm.pct),
            f(share(d.unfavorable_pct), &fm.pct),
            num(d.alpha.filter(|_| !hidden), &fm.decimal2),
            num(share(d.applies_to_pct), &fm.pct),
            num(share(d.not_sure_pct).filter(|_| !hidden), &fm.pct),
            num(d.priority.map(|p| p as f64), &fm.count),
            num(r.change_since_previous(&d.id).map(|c| c.delta), &fm.score),
            num(r.change_since_first(&d.id).map(|c| c.delta), &fm.score),
        ]);
    }
    table(ws, "Dimensions", fm, &header, &rows, &[1])
}

fn questions(ws: &mut Worksheet, fm: &Formats, r: &Report) -> Result<(), XlsxError> {
    let header = [
        "dimension",
        "question",
        "text",
        "n",
        "score",
        "favorable",
        "not sure",
        "level",
        "status",
        "favorable change since previous (points)",
        "clear change",
    ];
    let mut rows = Vec::new();
    for d in &r.dimensions {
        for q in &d.questions {
            let change = q.change.as_ref();
            let hidden = q.suppressed || d.suppressed;
            rows.push(vec![
                Cell::Text(&d.id),
                Cell::Text(&q.id),
                Cell::Text(&q.text),
                figure(q.n.map(|n| n as f64), &fm.count, hidden, q.measured),
                figure(q.score, &fm.score, hidden, q.measured),
                figure(share(q.favorable_pct), &fm.pct, hidden, q.measured),
                num(share(q.not_sure_pct).filter(|_| !hidden), &fm.pct),
                q.level.as_deref().map_or(Cell::Empty, Cell::Text),
                q.status.as_deref().map_or(Cell::Empty, Cell::Text),
                num(change.map(|c| c.delta), &fm.score),
                change.map_or(Cell::Empty, |c| {
                    Cell::Text(if c.clear { "yes" } else { "no" })
                }),
            ]);
        }
    }
    table(ws, "Questions", fm, &header, &rows, &[2])
}

fn groups(ws: &mut Worksheet, fm: &Formats, r: &Report) -> Result<(), XlsxError> {
    let mut header: Vec<&str> = vec!["breakdown", "group", "shown", "n", "overall"];
    header.extend(r.dimensions.iter().map(|d| d.id.as_str()));
    let mut rows = Vec::new();
    for b in &r.breakdowns {
        for g in &b.groups {
            let hidden = g.suppressed;
            let mut row = vec![
                Cell::Text(&b.column),
                Cell::Text(&g.value),
                Cell::Text(if hidden { "hidden" } else { "yes" }),
                figure(g.n.map(|n| n as f64), &fm.count, hidden, true),
                figure(g.overall, &fm.score, hidden, true),
            ];
            for d in &r.dimensions {
                let i = b.dimensions.iter().position(|x| *x == d.id);
                row.push(match i {
                    None => Cell::Empty,
                    Some(i) => {
                        let cell_hidden = hidden || g.hidden.get(i).copied().unwrap_or(false);
                        figure(
                            g.scores.get(i).copied().flatten(),
                            &fm.score,
                            cell_hidden,
                            d.measured,
                        )
                    }
                });
            }
            rows.push(row);
        }
    }
    table(ws, "Groups", fm, &header, &rows, &[])
}

fn trend(ws: &mut Worksheet, fm: &Formats, r: &Report, h: &History) -> Result<(), XlsxError> {
    let mut header: Vec<&str> = vec!["wave", "date", "respondents", "overall"];
    header.extend(r.dimensions.iter().map(|d| d.id.as_str()));
    let rows: Vec<Vec<Cell>> = h
        .waves
        .iter()
        .map(|w| {
            let mut row = vec![
                Cell::Text(&w.label),
                w.date.as_deref().map_or(Cell::Empty, Cell::Text),
                Cell::Number(w.respondents as f64, &fm.count),
                num(w.overall, &fm.score),
            ];
            row.extend(w.dimensions.iter().map(|x| num(*x, &fm.score)));
            row
        })
        .collect();
    table(ws, "Trend", fm, &header, &rows, &[])
}

/// The columns of one change: difference, p, Cohen's d, words, and
/// whether only shared questions were compared.
fn change_cells<'a>(c: Option<&'a Change>, fm: &'a Formats) -> [Cell<'a>; 5] {
    match c {
        None => [
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ],
        Some(c) => [
            Cell::Number(c.delta, &fm.score),
            num(c.p, &fm.decimal2),
            num(c.cohen_d, &fm.decimal2),
            Cell::Text(&c.words),
            Cell::Text(if c.shared_questions_only { "yes" } else { "no" }),
        ],
    }
}

fn change(ws: &mut Worksheet, fm: &Formats, h: &History) -> Result<(), XlsxError> {
    let header = [
        "scope",
        "name",
        "compared with",
        "change",
        "p",
        "cohen d",
        "in words",
        "shared questions only",
        "note",
    ];
    let previous = h.previous.as_deref().unwrap_or("");
    let first = h.first.as_deref().unwrap_or("");
    let mut rows = Vec::new();
    for (wave, c) in [
        (previous, h.overall.since_previous.as_ref()),
        (first, h.overall.since_first.as_ref()),
    ] {
        if let Some(c) = c {
            let mut row = vec![
                Cell::Text("overall"),
                Cell::Text("Overall"),
                Cell::Text(wave),
            ];
            row.extend(change_cells(Some(c), fm));
            rows.push(row);
        }
    }
    for d in &h.dimensions {
        let pairs = [
            (previous, d.change.since_previous.as_ref()),
            (first, d.change.since_first.as_ref()),
        ];
        let mut note = d.note.as_deref();
        if pairs.iter().all(|(_, c)| c.is_none()) {
            if let Some(n) = note {
                rows.push(vec![
                    Cell::Text("dimension"),
                    Cell::Text(&d.name),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Text(n),
                ]);
            }
            continue;
        }
        for (wave, c) in pairs {
            let Some(c) = c else { continue };
            let mut row = vec![
                Cell::Text("dimension"),
                Cell::Text(&d.name),
                Cell::Text(wave),
            ];
            row.extend(change_cells(Some(c), fm));
            // The note says how the comparison was made: once is enough.
            row.push(note.take().map_or(Cell::Empty, Cell::Text));
            rows.push(row);
        }
    }
    for g in &h.groups {
        if let Some(c) = &g.overall {
            let mut row = vec![
                Cell::Text("group"),
                Cell::Text(&g.value),
                Cell::Text(previous),
            ];
            row.extend(change_cells(Some(c), fm));
            row.push(Cell::Text(&g.column));
            rows.push(row);
        }
    }
    table(ws, "Change", fm, &header, &rows, &[6, 8])
}

fn plan(ws: &mut Worksheet, fm: &Formats, r: &Report) -> Result<(), XlsxError> {
    let header = [
        "step",
        "dimension",
        "level",
        "action",
        "owner and horizon",
        "what to do",
        "references",
    ];
    let refs: Vec<String> = r
        .action_plan
        .iter()
        .chain(&r.appendix)
        .map(|a| {
            a.citations
                .iter()
                .map(|n| format!("[{n}]"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let rows: Vec<Vec<Cell>> = r
        .action_plan
        .iter()
        .chain(&r.appendix)
        .zip(&refs)
        .map(|(a, refs)| {
            vec![
                Cell::Number(a.rank as f64, &fm.count),
                Cell::Text(&a.dimension_name),
                a.level.as_deref().map_or(Cell::Empty, Cell::Text),
                Cell::Text(&a.title),
                Cell::Text(&a.meta),
                Cell::Text(&a.text),
                Cell::Text(refs),
            ]
        })
        .collect();
    table(ws, "Action plan", fm, &header, &rows, &[3, 5])
}

fn quality(ws: &mut Worksheet, fm: &Formats, r: &Report) -> Result<(), XlsxError> {
    let dq = &r.data_quality;
    let count = |n: u64| Cell::Number(n as f64, &fm.count);
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![Cell::Text("file"), Cell::Text(&dq.file)],
        vec![Cell::Text("read as"), Cell::Text(&dq.source)],
        vec![Cell::Text("rows read"), count(r.respondents.read)],
        vec![
            Cell::Text("respondents scored"),
            count(r.respondents.scored),
        ],
        vec![Cell::Text("rows excluded"), count(r.respondents.excluded)],
    ];
    for (reason, n) in &dq.excluded_reasons {
        rows.push(vec![Cell::Text(reason), count(*n)]);
    }
    rows.push(vec![
        Cell::Text("unreadable cells"),
        count(dq.unreadable_cells),
    ]);
    rows.push(vec![
        Cell::Text("privacy threshold"),
        count(dq.min_group_size as u64),
    ]);
    rows.push(vec![
        Cell::Text("groups hidden"),
        count(dq.suppressed_groups),
    ]);
    rows.push(vec![Cell::Text("privacy"), Cell::Text(&dq.privacy_summary)]);
    for n in &dq.group_names {
        rows.push(vec![Cell::Text("group names"), Cell::Text(n)]);
    }
    rows.push(vec![
        Cell::Text("level rule"),
        Cell::Text(&r.rubric.level_rule),
    ]);
    table(ws, "Data quality", fm, &["item", "value"], &rows, &[1])
}
