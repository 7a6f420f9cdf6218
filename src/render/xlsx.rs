//! `mlbizops score --format xlsx`: the scores as an Excel workbook, for the
//! people who live in spreadsheets. Four sheets - dimensions, questions,
//! groups × dimensions, data quality - each a table with a frozen,
//! filterable header row. Figures are numbers with number formats, never
//! text; a figure that privacy rules hide is an empty cell with a note,
//! never a number. The same scores give the same bytes: the workbook's
//! creation date is fixed, nothing is read from the clock.

use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatBorder, Note, RowNum, Workbook, Worksheet,
    XlsxError,
};

use crate::score::model::{DimensionStats, Scores};

/// The creation date written into every workbook: fixed, so that the same
/// scores give the same bytes.
const CREATED: (u16, u8, u8) = (2000, 1, 1);

/// Excel refuses longer cell texts; a header cell of a survey file could be
/// longer (it is only ever quoted here, so it is cut).
const MAX_TEXT: usize = 32_000;

/// Widest column, in characters: question texts wrap beyond it.
const MAX_WIDTH: usize = 60;

const HIDDEN_NOTE: &str = "Hidden: fewer respondents than the privacy threshold, or a figure from which a hidden group's could be worked out.";
const NOT_MEASURED_NOTE: &str =
    "Not measured: the survey file has no column for any of its questions.";

/// What a cell holds.
pub(super) enum Cell<'a> {
    Text(&'a str),
    Number(f64, &'a Format),
    /// Empty, with a note saying why.
    Hidden(&'static str),
    Empty,
}

/// A number, or the cell left empty when there is none.
pub(super) fn num<'a>(x: Option<f64>, f: &'a Format) -> Cell<'a> {
    x.map_or(Cell::Empty, |v| Cell::Number(v, f))
}

/// A figure of a population or dimension that may be hidden or unmeasured:
/// hidden wins (its note says why the cell is empty).
pub(super) fn figure<'a>(x: Option<f64>, f: &'a Format, hidden: bool, measured: bool) -> Cell<'a> {
    if hidden {
        Cell::Hidden(HIDDEN_NOTE)
    } else if !measured {
        Cell::Hidden(NOT_MEASURED_NOTE)
    } else {
        num(x, f)
    }
}

/// The number formats.
pub(super) struct Formats {
    pub header: Format,
    pub count: Format,
    pub score: Format,
    pub decimal2: Format,
    pub pct: Format,
    pub wrap: Format,
}

impl Formats {
    pub(super) fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            count: Format::new().set_num_format("0"),
            score: Format::new().set_num_format("0.0"),
            decimal2: Format::new().set_num_format("0.00"),
            pct: Format::new().set_num_format("0.0%"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// A workbook with the fixed properties every one gets.
pub(super) fn workbook(title: String, subject: String) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let (y, m, d) = CREATED;
    let props = DocProperties::new()
        .set_title(title)
        .set_subject(subject)
        .set_author("mlbizops")
        .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?);
    book.set_properties(&props);
    Ok(book)
}

/// Writes one table: a bold header row, frozen, with an autofilter over
/// the rows, and column widths that fit the content up to [`MAX_WIDTH`].
pub(super) fn table(
    ws: &mut Worksheet,
    name: &str,
    fm: &Formats,
    header: &[&str],
    rows: &[Vec<Cell>],
    wrap_cols: &[usize],
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count() + 3).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as ColNum, *h, &fm.header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = (r + 1) as RowNum;
        for (c, cell) in row.iter().enumerate() {
            let col = c as ColNum;
            let width = match cell {
                Cell::Text(t) => {
                    let t = cut(t);
                    if wrap_cols.contains(&c) {
                        ws.write_string_with_format(r, col, t, &fm.wrap)?;
                    } else {
                        ws.write_string(r, col, t)?;
                    }
                    t.chars().count()
                }
                Cell::Number(v, f) => {
                    ws.write_number_with_format(r, col, *v, f)?;
                    8
                }
                Cell::Hidden(why) => {
                    let note = Note::new(*why)
                        .set_author("mlbizops")
                        .add_author_prefix(false);
                    ws.insert_note(r, col, &note)?;
                    0
                }
                Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(width + 1);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as ColNum, (*w).min(MAX_WIDTH) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = header.len().saturating_sub(1) as ColNum;
    ws.autofilter(0, 0, rows.len() as RowNum, last_col)?;
    Ok(())
}

/// At most [`MAX_TEXT`] characters.
fn cut(s: &str) -> &str {
    match s.char_indices().nth(MAX_TEXT) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A share in percent (62.5) as Excel's fraction (0.625), shown "62.5%".
pub(super) fn share(x: Option<f64>) -> Option<f64> {
    x.map(|v| v / 100.0)
}

/// The workbook's bytes. Fails only on Excel's own limits (a sheet of more
/// than 1,048,576 rows: more groups than that).
pub fn render(s: &Scores) -> Result<Vec<u8>, XlsxError> {
    let fm = Formats::new();
    let mut book = workbook(
        format!("{}: scores", s.rubric.title),
        format!("Scores of {}", s.input.file),
    )?;

    dimensions(book.add_worksheet(), &fm, s)?;
    questions(book.add_worksheet(), &fm, s)?;
    groups(book.add_worksheet(), &fm, s)?;
    quality(book.add_worksheet(), &fm, s)?;
    book.save_to_buffer()
}

/// The dimension columns shared by the organization's rows.
fn stats_cells<'a>(d: &'a DimensionStats, fm: &'a Formats, measured: bool) -> Vec<Cell<'a>> {
    let hidden = d.suppressed;
    vec![
        match d.n {
            Some(n) if !hidden && measured => Cell::Number(n as f64, &fm.count),
            _ => figure(None, &fm.count, hidden, measured),
        },
        figure(d.score, &fm.score, hidden, measured),
        num(d.sd.filter(|_| !hidden), &fm.score),
        num(d.ci95.map(|c| c[0]).filter(|_| !hidden), &fm.score),
        num(d.ci95.map(|c| c[1]).filter(|_| !hidden), &fm.score),
        d.level
            .as_deref()
            .filter(|_| !hidden)
            .map_or(Cell::Empty, Cell::Text),
        num(share(d.favorable_pct).filter(|_| !hidden), &fm.pct),
        num(share(d.neutral_pct).filter(|_| !hidden), &fm.pct),
        num(share(d.unfavorable_pct).filter(|_| !hidden), &fm.pct),
    ]
}

fn dimensions(ws: &mut Worksheet, fm: &Formats, s: &Scores) -> Result<(), XlsxError> {
    let header = [
        "dimension",
        "name",
        "weight",
        "n",
        "score",
        "sd",
        "ci95 low",
        "ci95 high",
        "level",
        "favorable",
        "neutral",
        "unfavorable",
        "alpha",
    ];
    let mut rows = Vec::new();
    let mut overall = vec![
        Cell::Text("overall"),
        Cell::Text("Overall (weighted mean of the dimensions)"),
        Cell::Empty,
        num(Some(s.respondents.scored as f64), &fm.count),
        num(s.overall.score, &fm.score),
    ];
    overall.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
    overall.push(s.overall.level.as_deref().map_or(Cell::Empty, Cell::Text));
    rows.push(overall);
    for d in &s.dimensions {
        let mut row = vec![
            Cell::Text(&d.stats.id),
            Cell::Text(&d.name),
            Cell::Number(d.weight, &fm.decimal2),
        ];
        row.extend(stats_cells(&d.stats, fm, d.measured));
        row.push(num(d.alpha.filter(|_| !d.stats.suppressed), &fm.decimal2));
        rows.push(row);
    }
    table(ws, "Dimensions", fm, &header, &rows, &[1])
}

fn questions(ws: &mut Worksheet, fm: &Formats, s: &Scores) -> Result<(), XlsxError> {
    let header = [
        "dimension",
        "question",
        "text",
        "reverse keyed",
        "n",
        "mean answer",
        "score",
        "item-total r",
    ];
    let mut rows = Vec::new();
    for d in &s.dimensions {
        for q in &d.questions {
            let hidden = q.suppressed;
            rows.push(vec![
                Cell::Text(&d.stats.id),
                Cell::Text(&q.id),
                Cell::Text(&q.text),
                Cell::Text(if q.reverse { "yes" } else { "no" }),
                figure(q.n.map(|n| n as f64), &fm.count, hidden, q.measured),
                figure(q.raw_mean, &fm.decimal2, hidden, q.measured),
                figure(q.score, &fm.score, hidden, q.measured),
                num(q.item_total_r.filter(|_| !hidden), &fm.decimal2),
            ]);
        }
    }
    table(ws, "Questions", fm, &header, &rows, &[2])
}

fn groups(ws: &mut Worksheet, fm: &Formats, s: &Scores) -> Result<(), XlsxError> {
    let mut header: Vec<&str> = vec!["breakdown", "group", "shown", "n", "overall"];
    header.extend(s.dimensions.iter().map(|d| d.stats.id.as_str()));
    let mut rows = Vec::new();
    for g in &s.groups {
        let hidden = g.suppressed;
        let mut row = vec![
            Cell::Text(&g.column),
            Cell::Text(&g.value),
            Cell::Text(if hidden { "hidden" } else { "yes" }),
            figure(g.n.map(|n| n as f64), &fm.count, hidden, true),
            figure(g.overall.score, &fm.score, hidden, true),
        ];
        for d in &s.dimensions {
            let cell = g
                .dimensions
                .iter()
                .find(|gd| gd.id == d.stats.id)
                .map_or(Cell::Empty, |gd| {
                    figure(gd.score, &fm.score, hidden || gd.suppressed, d.measured)
                });
            row.push(cell);
        }
        rows.push(row);
    }
    table(ws, "Groups", fm, &header, &rows, &[])
}

fn quality(ws: &mut Worksheet, fm: &Formats, s: &Scores) -> Result<(), XlsxError> {
    let header = ["item", "value"];
    let i = &s.input;
    let count = |n: u64| Cell::Number(n as f64, &fm.count);
    let excluded: Vec<(String, u64)> = s
        .respondents
        .excluded_by_reason
        .iter()
        .map(|(reason, n)| (format!("excluded: {reason}"), *n))
        .collect();
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![Cell::Text("file"), Cell::Text(&i.file)],
        vec![Cell::Text("layout"), Cell::Text(&i.layout_description)],
        vec![Cell::Text("encoding"), Cell::Text(&i.encoding)],
        vec![Cell::Text("delimiter"), Cell::Text(&i.delimiter)],
        vec![Cell::Text("rows read"), count(s.respondents.read)],
        vec![
            Cell::Text("respondents scored"),
            count(s.respondents.scored),
        ],
        vec![
            Cell::Text("rows excluded"),
            count(s.respondents.excluded_total()),
        ],
    ];
    for (label, n) in &excluded {
        rows.push(vec![Cell::Text(label), count(*n)]);
    }
    rows.push(vec![
        Cell::Text("unreadable cells"),
        count(i.unreadable_cells),
    ]);
    rows.push(vec![
        Cell::Text("rows read as Windows-1252"),
        count(i.windows_1252_rows),
    ]);
    rows.push(vec![
        Cell::Text("privacy threshold"),
        count(s.privacy.min_group_size as u64),
    ]);
    let groups = i.group_columns.join(", ");
    let ignored = i.ignored_columns.join(", ");
    let problems: Vec<String> = s
        .issues
        .iter()
        // Unquoted: a comment typed into an answer cell is not copied
        // into a file meant to be shared.
        .map(|p| p.describe_unquoted(&i.file))
        .collect();
    let more = (s.issues_not_listed > 0)
        .then(|| format!("… and {} more problems not listed", s.issues_not_listed));
    rows.push(vec![Cell::Text("group columns"), Cell::Text(&groups)]);
    rows.push(vec![Cell::Text("ignored columns"), Cell::Text(&ignored)]);
    for p in &problems {
        rows.push(vec![Cell::Text("problem"), Cell::Text(p)]);
    }
    if let Some(more) = &more {
        rows.push(vec![Cell::Text("problem"), Cell::Text(more)]);
    }
    table(ws, "Data quality", fm, &header, &rows, &[1])
}
