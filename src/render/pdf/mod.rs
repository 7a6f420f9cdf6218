//! Report model -> PDF bytes, drawn with printpdf: A4 pages, embedded DejaVu
//! Sans (subset), searchable text, vector charts from the same chart
//! descriptions as the HTML, links for citations and references, bookmarks
//! for every section and dimension. Pure: the creation date comes from the
//! options, and every id printpdf would draw at random is fixed, so the same
//! report gives the same bytes.

mod breaks;
mod comments;
mod contents;
pub mod coverage;
mod draw;
mod drivers;
pub mod fallback;
mod fonts;
mod heatmap;
pub mod layout;
mod outline;
mod plan;
mod practices;
mod sections;
mod waves;

use printpdf::{
    ExtendedGraphicsState, ExtendedGraphicsStateId, Mm, OffsetDateTime, PdfDocument, PdfPage,
    PdfSaveOptions, Pt,
};

use crate::report::model::Report;
use layout::{Layout, MARGIN, PAGE_H, PAGE_W};

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// The document's creation date as (year, month, day); `None` writes
    /// the Unix epoch, which readers show as "1970" rather than a real date.
    pub created: Option<(i32, u8, u8)>,
    /// The font for letters DejaVu Sans lacks (`report --font`), embedded
    /// as a subset of the glyphs drawn with it.
    pub fallback: Option<std::sync::Arc<fallback::FallbackFont>>,
}

/// Parses an ISO date (`2026-09-30`) for `PdfOptions::created`.
pub fn parse_iso_date(s: &str) -> Option<(i32, u8, u8)> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.get(..2)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1900..=9999).contains(&y))
        .then_some((y, m, d))
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// How full each page was when the layout left it for the next (the
/// contents page aside), for the page-fill rule's test.
pub fn page_ends(r: &Report, opts: &PdfOptions) -> Vec<layout::PageEnd> {
    let mut doc = PdfDocument::new(&r.title);
    let fonts = fonts::Fonts::load(&mut doc, opts.fallback.as_deref());
    lay_out(&fonts, r).page_ends
}

/// The report's pages, laid out twice when a chapter would end on a page
/// holding a line or two: the second pass ends the page before it earlier
/// ([`layout::balance`]). Both passes are the same pure function of the
/// report, so the output stays deterministic.
fn lay_out<'f>(fonts: &'f fonts::Fonts, r: &Report) -> Layout<'f> {
    let mut l = Layout::new(fonts);
    sections::all(&mut l, r);
    let short = layout::balance(&l.page_ends);
    if short.is_empty() {
        return l;
    }
    let mut again = Layout::new(fonts);
    again.shorten(short);
    sections::all(&mut again, r);
    again
}

pub fn render(r: &Report, opts: &PdfOptions) -> Vec<u8> {
    let mut doc = PdfDocument::new(&r.title);
    let fonts = fonts::Fonts::load(&mut doc, opts.fallback.as_deref());
    doc.resources.extgstates.map.insert(
        ExtendedGraphicsStateId(draw::TRANSLUCENT.into()),
        ExtendedGraphicsState::default().with_current_fill_alpha(0.22),
    );
    let info = &mut doc.metadata.info;
    info.subject = format!(
        "{}{}: {} respondents",
        r.rubric.title,
        if r.rubric.version.is_empty() {
            String::new()
        } else {
            format!(" {}", r.rubric.version)
        },
        r.respondents.scored
    );
    info.author = r.organization.clone().unwrap_or_default();
    info.creator = format!("mlbizops {}", env!("CARGO_PKG_VERSION"));
    info.producer = info.creator.clone();
    let when = opts
        .created
        .map_or(0, |(y, m, d)| days_from_civil(y, m, d) * 86_400);
    let date = OffsetDateTime::from_unix_timestamp(when).unwrap_or(OffsetDateTime::epoch());
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let mut l = lay_out(&fonts, r);
    // The contents, after the executive summary's page: drawn once every
    // chapter's page is known.
    if l.pages.len() > 2 {
        let contents = contents::page(&fonts, &l.bookmarks);
        l.insert_page(1, contents);
    }
    let (pages, bookmarks) = l.finish();
    let total = pages.len();
    let footer = format!("{} · {}", r.title, r.survey_label);
    let pages: Vec<PdfPage> = pages
        .into_iter()
        .enumerate()
        .map(|(i, mut ops)| {
            let mut f = Layout::new(&fonts);
            let baseline = PAGE_H - MARGIN + 12.0;
            f.text(
                MARGIN,
                baseline,
                &footer,
                8.0,
                false,
                crate::report::chart::MUTED,
            );
            let num = format!("Page {} of {total}", i + 1);
            let w = fonts.width(&num, 8.0, false);
            f.text(
                PAGE_W - MARGIN - w,
                baseline,
                &num,
                8.0,
                false,
                crate::report::chart::MUTED,
            );
            ops.extend(f.pages.into_iter().flatten());
            PdfPage::new(
                Mm::from(Pt(PAGE_W as f32)),
                Mm::from(Pt(PAGE_H as f32)),
                ops,
            )
        })
        .collect();
    doc.with_pages(pages);
    for b in &bookmarks {
        // printpdf pages are numbered from 1.
        doc.add_bookmark(&b.title, b.page + 1);
    }
    let mut warnings = Vec::new();
    let bytes = doc.save(&PdfSaveOptions::default(), &mut warnings);
    fixed_file_id(outline::nest(bytes, &bookmarks))
}

/// printpdf writes a random file identifier (`/ID [(...) (...)]`) in the
/// trailer; replace it, keeping its length so that no offset moves, with
/// one derived from the rest of the file.
fn fixed_file_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let tail_start = bytes.len().saturating_sub(4096);
    let Some(pos) = find(&bytes[tail_start..], b"/ID").map(|p| p + tail_start) else {
        return bytes;
    };
    // FNV-1a over everything before the trailer.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in &bytes[..pos] {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let hex = format!("{h:016x}{:016x}", h.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15);
    let mut digits = hex.bytes().cycle();
    let mut in_string = false;
    for b in bytes[pos..].iter_mut() {
        match *b {
            b'(' => in_string = true,
            b')' => in_string = false,
            b']' => break,
            _ if in_string => *b = digits.next().unwrap_or(b'0'),
            _ => {}
        }
    }
    bytes
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
