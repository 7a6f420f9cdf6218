//! An Excel workbook survey through scoring and every renderer.
//!
//! Structure-aware: byte mutation cannot reach inside a zip archive, so the
//! input is turned (with `arbitrary`) into a description of sheets — headers
//! drawn from the rubric's question ids, texts and group columns, rows of
//! scale points, labels, numbers, text, booleans, formulas, dates, and stray
//! cells anywhere up to XFD1048576 — that rust_xlsxwriter writes as a real
//! workbook, which `score` then reads.

#![no_main]

#[path = "common/mod.rs"]
mod common;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use mlbizops::rubric::Rubric;
use rust_xlsxwriter::{ExcelDateTime, Formula, Workbook, Worksheet};

#[derive(Arbitrary, Debug)]
struct Book {
    rubric: u8,
    options: u8,
    /// The first is the one read; the others must not matter.
    sheets: Vec<Sheet>,
}

#[derive(Arbitrary, Debug)]
struct Sheet {
    name: Option<String>,
    /// A test fixture's survey written first (numbers as numbers), which
    /// the header and rows below then overwrite in part: the fixtures are
    /// the seeds of this target, reached through any input.
    base: Option<u8>,
    /// Empty rows and columns before the table starts.
    top: u8,
    left: u8,
    header: Vec<Head>,
    rows: Vec<Vec<Cell>>,
    strays: Vec<Stray>,
}

#[derive(Arbitrary, Debug)]
enum Head {
    Question(u8),
    QuestionText(u8),
    Group(u8),
    Id,
    Text(String),
    Blank,
}

#[derive(Arbitrary, Debug)]
enum Cell {
    Point(u8),
    Label(u8),
    Missing(u8),
    Number(f64),
    Text(String),
    Bool(bool),
    Formula(String),
    Date(u16),
    Blank,
}

#[derive(Arbitrary, Debug)]
struct Stray {
    row: u32,
    col: u16,
    cell: Cell,
}

fn pick<T: Clone>(list: &[T], i: u8) -> Option<T> {
    (!list.is_empty()).then(|| list[i as usize % list.len()].clone())
}

fn head_text(r: &Rubric, h: &Head) -> Option<String> {
    let questions: Vec<_> = r.questions().collect();
    match h {
        Head::Question(i) => pick(&questions, *i).map(|(_, q)| q.id.clone()),
        Head::QuestionText(i) => pick(&questions, *i).map(|(_, q)| q.text.clone()),
        Head::Group(i) => pick(&r.respondents.groups, *i),
        Head::Id => r.respondents.id.clone(),
        Head::Text(s) => Some(s.clone()),
        Head::Blank => None,
    }
}

fn write_cell(
    ws: &mut Worksheet,
    r: &Rubric,
    row: u32,
    col: u16,
    cell: &Cell,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let s = &r.scale;
    match cell {
        Cell::Point(p) => {
            let span = (s.max - s.min + 2).max(1) as u64;
            ws.write_number(row, col, (s.min + (*p as u64 % span) as i64) as f64)?;
        }
        Cell::Label(i) => {
            if let Some(l) = pick(&s.labels, *i) {
                ws.write_string(row, col, l)?;
            }
        }
        Cell::Missing(i) => {
            let all: Vec<String> = [&s.missing, &s.not_sure, &s.not_applicable]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            if let Some(l) = pick(&all, *i) {
                ws.write_string(row, col, l)?;
            }
        }
        Cell::Number(f) => {
            ws.write_number(row, col, *f)?;
        }
        Cell::Text(t) => {
            ws.write_string(row, col, t)?;
        }
        Cell::Bool(b) => {
            ws.write_boolean(row, col, *b)?;
        }
        Cell::Formula(f) => {
            ws.write_formula(row, col, Formula::new(f))?;
        }
        Cell::Date(d) => {
            let date = ExcelDateTime::from_serial_datetime(*d as f64)?;
            ws.write_datetime(row, col, &date)?;
        }
        Cell::Blank => {}
    }
    Ok(())
}

fn workbook(r: &Rubric, book: &Book) -> Option<Vec<u8>> {
    let mut wb = Workbook::new();
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        if let Some(n) = &sheet.name {
            // An invalid sheet name is the writer's business, not ours.
            let _ = ws.set_name(n);
        }
        let (top, left) = (sheet.top as u32 % 8, sheet.left as u16 % 8);
        if let Some(b) = sheet.base {
            let (file, _) = common::SURVEYS[b as usize % common::SURVEYS.len()];
            for (i, rec) in common::fixture_records(file).iter().enumerate() {
                for (c, v) in rec.iter().enumerate() {
                    let (row, col) = (top + i as u32, left + c as u16);
                    match v.parse::<f64>() {
                        Ok(f) => ws.write_number(row, col, f).ok()?,
                        Err(_) => ws.write_string(row, col, v).ok()?,
                    };
                }
            }
        }
        for (c, h) in sheet.header.iter().take(64).enumerate() {
            if let Some(t) = head_text(r, h) {
                ws.write_string(top, left + c as u16, t).ok()?;
            }
        }
        for (i, row) in sheet.rows.iter().take(400).enumerate() {
            for (c, cell) in row.iter().take(64).enumerate() {
                // A cell the writer refuses (a bad formula) is left out.
                let _ = write_cell(ws, r, top + 1 + i as u32, left + c as u16, cell);
            }
        }
        for s in sheet.strays.iter().take(8) {
            let _ = write_cell(ws, r, s.row % 1_048_576, s.col % 16_384, &s.cell);
        }
    }
    wb.save_to_buffer().ok()
}

fuzz_target!(|book: Book| {
    // A fixture as the first sheet brings its own rubric.
    let r = match book.sheets.first().and_then(|s| s.base) {
        Some(b) => common::SURVEYS[b as usize % common::SURVEYS.len()].1,
        None => book.rubric as usize,
    };
    let rubric = common::rubric(r);
    let Some(bytes) = workbook(rubric, &book) else {
        return;
    };
    let opts = common::options(book.options);
    let path = common::scratch().join("survey.xlsx");
    std::fs::write(&path, bytes).expect("scratch file");
    if let Some(s) = common::score(rubric, &path, &opts) {
        common::render_scores(&s);
        common::render_report(rubric, &s, None, book.options & 0x40 != 0);
    }
});
