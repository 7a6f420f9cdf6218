//! A small page-layout layer over printpdf: a cursor that moves down A4
//! pages, word-wrapped paragraphs with links, headings kept with what
//! follows, tables whose header repeats on each page, and charts.
//!
//! Positions are in points from the top-left corner, like the chart
//! descriptions; conversion to PDF's bottom-up coordinates happens only when
//! an operation is emitted.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Color, Destination, LinkAnnotation, Op, Point, Pt, Rect, Rgb, TextItem,
    TextRenderingMode,
};

use super::fonts::Fonts;

pub const PAGE_W: f64 = 595.28;
pub const PAGE_H: f64 = 841.89;
pub const MARGIN: f64 = 54.0;
pub const BODY: f64 = 10.0;
pub const LEADING: f64 = 1.38;
/// Space kept free at the bottom for the footer.
const FOOTER: f64 = 30.0;

/// "#rrggbb" -> PDF colour.
pub fn color(hex: &str) -> Color {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f32 / 255.0
    };
    Color::Rgb(Rgb {
        r: c(0),
        g: c(2),
        b: c(4),
        icc_profile: None,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Uri(String),
    /// A named place in this document (see `Layout::anchor`).
    Anchor(String),
}

/// A run of text with one style.
#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub color: &'static str,
    pub link: Option<Target>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            bold: false,
            color: crate::report::chart::INK,
            link: None,
        }
    }
    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            bold: true,
            ..Span::plain(text)
        }
    }
    pub fn muted(text: impl Into<String>) -> Span {
        Span {
            color: crate::report::chart::MUTED,
            ..Span::plain(text)
        }
    }
    pub fn link(text: impl Into<String>, target: Target) -> Span {
        Span {
            color: "#035a8c",
            link: Some(target),
            ..Span::plain(text)
        }
    }
}

/// One bookmark: its title, page (0-based) and depth (0 = chapter, 1 = a
/// section in it), and the anchor at its place.
pub struct Bookmark {
    pub title: String,
    pub page: usize,
    pub depth: u8,
    pub anchor: String,
}

pub struct Layout<'f> {
    pub fonts: &'f Fonts<'f>,
    pub pages: Vec<Vec<Op>>,
    /// Distance of the cursor from the top of the current page.
    pub y: f64,
    pub bookmarks: Vec<Bookmark>,
    anchors: BTreeMap<String, (usize, f64)>,
    links: Vec<(usize, [f64; 4], Target)>,
    /// Every page left for the next: how full it was (0-1 of the text
    /// area) and whether the content forced the break ([`Layout::ensure`])
    /// rather than a chapter ending. For the page-fill rule's test.
    pub page_ends: Vec<PageEnd>,
    short: BTreeMap<usize, f64>,
}

fn full_bottom() -> f64 {
    PAGE_H - MARGIN - FOOTER
}

/// A chapter should not end on a page holding its last line or two:
/// for each chapter's last page under a third full whose previous page the
/// content broke, how much earlier that previous page should end so that
/// the last page is about a third full. Empty when no page needs it.
pub fn balance(ends: &[PageEnd]) -> BTreeMap<usize, f64> {
    let height = full_bottom() - MARGIN;
    let mut short = BTreeMap::new();
    for pair in ends.windows(2) {
        let (before, last) = (pair[0], pair[1]);
        if !last.forced && last.fill < 1.0 / 3.0 && before.forced && before.page + 1 == last.page {
            // What moves must leave the page before at least two thirds full.
            let moved = (1.0 / 3.0 - last.fill).min(before.fill - 2.0 / 3.0);
            if moved > 0.0 {
                short.insert(before.page, moved * height);
            }
        }
    }
    short
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageEnd {
    pub page: usize,
    pub fill: f64,
    pub forced: bool,
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f Fonts<'f>) -> Self {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: MARGIN,
            bookmarks: Vec::new(),
            anchors: BTreeMap::new(),
            links: Vec::new(),
            page_ends: Vec::new(),
            short: BTreeMap::new(),
        }
    }

    pub fn page(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn width(&self) -> f64 {
        PAGE_W - 2.0 * MARGIN
    }

    /// Where text must end on the current page: the footer's top, or
    /// higher on a page the second pass shortens.
    fn bottom(&self) -> f64 {
        full_bottom() - self.short.get(&self.page()).copied().unwrap_or(0.0)
    }

    /// Whether the cursor is at the top of a page.
    pub fn at_top(&self) -> bool {
        self.y <= MARGIN
    }

    /// Starts a new page: a chapter's (or the document's) own break.
    pub fn new_page(&mut self) {
        self.end_page(false);
    }

    fn end_page(&mut self, forced: bool) {
        self.page_ends.push(PageEnd {
            page: self.page(),
            fill: (self.y - MARGIN) / (full_bottom() - MARGIN),
            forced,
        });
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `h` points still fit on this one.
    pub fn ensure(&mut self, h: f64) {
        if self.y + h > self.bottom() && self.y > MARGIN {
            self.end_page(true);
        }
    }

    /// Height left on this page.
    pub fn room(&self) -> f64 {
        self.bottom() - self.y
    }

    /// Pages to end this many points early (by index): how the second
    /// pass moves the last lines of a page onto a chapter's last page,
    /// which would otherwise hold a line or two (see [`balance`]).
    pub fn shorten(&mut self, short: BTreeMap<usize, f64>) {
        self.short = short;
    }

    pub fn space(&mut self, h: f64) {
        self.y += h;
    }

    /// Marks the cursor's position as a link target.
    pub fn anchor(&mut self, name: impl Into<String>) {
        self.anchors.insert(name.into(), (self.page(), self.y));
    }

    /// A chapter's bookmark, titled as its heading.
    pub fn bookmark(&mut self, title: impl Into<String>) {
        self.bookmark_at(title.into(), 0);
    }

    /// A section's bookmark (a dimension within its chapter).
    pub fn sub_bookmark(&mut self, title: impl Into<String>) {
        self.bookmark_at(title.into(), 1);
    }

    fn bookmark_at(&mut self, title: String, depth: u8) {
        let anchor = format!("bookmark-{}", self.bookmarks.len());
        self.anchor(anchor.clone());
        self.bookmarks.push(Bookmark {
            title,
            page: self.page(),
            depth,
            anchor,
        });
    }

    /// Puts the one page drawn in `page` (a layout of its own, whose links
    /// may name this layout's anchors) at index `at`; everything from `at`
    /// on moves one page down.
    pub fn insert_page(&mut self, at: usize, page: Layout) {
        let shift = |p: &mut usize| {
            if *p >= at {
                *p += 1;
            }
        };
        for (p, _) in self.anchors.values_mut() {
            shift(p);
        }
        for (p, _, _) in &mut self.links {
            shift(p);
        }
        for b in &mut self.bookmarks {
            shift(&mut b.page);
        }
        let Layout { pages, links, .. } = page;
        let ops = pages.into_iter().flatten().collect();
        self.pages.insert(at, ops);
        self.links.extend(
            links
                .into_iter()
                .map(|(_, rect, target)| (at, rect, target)),
        );
    }

    pub fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("there is always a page")
    }

    /// Draws one line of text with its baseline at `baseline` (from the top).
    /// Each run of letters only the fallback font has is a text object of
    /// its own, placed after the width of what precedes it; text in one
    /// font stays one object, so its bytes are as without a fallback.
    pub fn text(&mut self, x: f64, baseline: f64, s: &str, size: f64, bold: bool, col: &str) {
        let fonts = self.fonts;
        let mut dx = 0.0;
        for (fallback, run) in fonts.runs(s, bold) {
            // The fallback has one weight: bold is drawn by also stroking
            // the outlines, in a saved state so that nothing else changes.
            let embolden = fallback && bold;
            if embolden {
                self.ops().extend([
                    Op::SaveGraphicsState,
                    Op::SetTextRenderingMode {
                        mode: TextRenderingMode::FillStroke,
                    },
                    Op::SetOutlineColor { col: color(col) },
                    Op::SetOutlineThickness {
                        pt: Pt((size * 0.035) as f32),
                    },
                ]);
            }
            self.ops().extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: fonts.handle(bold, fallback),
                    size: Pt(size as f32),
                },
                Op::SetFillColor { col: color(col) },
                Op::SetTextCursor {
                    pos: Point {
                        x: Pt((x + dx) as f32),
                        y: Pt((PAGE_H - baseline) as f32),
                    },
                },
                Op::ShowText {
                    items: vec![TextItem::Text(run.to_string())],
                },
                Op::EndTextSection,
            ]);
            if embolden {
                self.ops().push(Op::RestoreGraphicsState);
            }
            dx += fonts.width(run, size, bold);
        }
    }

    /// Records a link over a box given from the top-left, on this page.
    pub fn link(&mut self, x: f64, top: f64, w: f64, h: f64, target: Target) {
        let page = self.page();
        self.links.push((page, [x, top, w, h], target));
    }

    /// Splits `spans` into lines no wider than `width`, at spaces (and
    /// between Chinese or Japanese characters, see `breaks`).
    /// Consecutive words of one style on a line become one run, drawn as
    /// one string with its spaces, so that text copied or extracted from the
    /// PDF reads as words.
    fn wrap(&self, spans: &[Span], size: f64, width: f64) -> Vec<Vec<(Span, f64)>> {
        let mut lines: Vec<Vec<(Span, f64)>> = vec![Vec::new()];
        let mut used = 0.0;
        // Whether a space separates the next word from the previous one; a
        // span may end with the space that separates it from the next span.
        let mut spaced = false;
        for span in spans {
            let words = span.text.split(' ').enumerate().flat_map(|(i, w)| {
                // A word's pieces join without a space: only its first one
                // follows the space that split the span.
                // An empty word (two spaces in a row) still counts as one.
                let mut pieces = super::breaks::pieces(w);
                if pieces.is_empty() {
                    pieces.push(w);
                }
                pieces
                    .into_iter()
                    .enumerate()
                    .map(move |(j, p)| (i > 0 && j == 0, p))
            });
            for (after_space, word) in words {
                if after_space {
                    spaced = true;
                }
                if word.is_empty() {
                    continue;
                }
                let w = self.fonts.width(word, size, span.bold);
                let space = self.fonts.width(" ", size, span.bold);
                let gap = if used > 0.0 && spaced { space } else { 0.0 };
                if used > 0.0 && used + gap + w > width {
                    lines.push(Vec::new());
                    used = 0.0;
                }
                let gap = if used > 0.0 && spaced { space } else { 0.0 };
                let line = lines.last_mut().expect("one line at least");
                match line.last_mut() {
                    Some((run, _))
                        if run.bold == span.bold
                            && run.color == span.color
                            && run.link == span.link =>
                    {
                        if gap > 0.0 {
                            run.text.push(' ');
                        }
                        run.text.push_str(word);
                    }
                    _ => line.push((
                        Span {
                            text: word.to_string(),
                            ..span.clone()
                        },
                        used + gap,
                    )),
                }
                used += gap + w;
                spaced = false;
            }
        }
        lines.retain(|l| !l.is_empty());
        lines
    }

    /// Height of a paragraph without drawing it.
    pub fn measure(&self, spans: &[Span], size: f64, width: f64) -> f64 {
        self.wrap(spans, size, width).len() as f64 * size * LEADING
    }

    /// A wrapped paragraph at `x`, `width` wide, moving the cursor down.
    /// Lines break across pages one by one.
    pub fn paragraph(&mut self, spans: &[Span], size: f64, x: f64, width: f64) {
        let lh = size * LEADING;
        for line in self.wrap(spans, size, width) {
            self.ensure(lh);
            let baseline = self.y + size;
            for (span, dx) in line {
                self.text(x + dx, baseline, &span.text, size, span.bold, span.color);
                if let Some(t) = span.link {
                    let w = self.fonts.width(&span.text, size, span.bold);
                    self.link(x + dx, self.y, w, lh, t);
                }
            }
            self.y += lh;
        }
    }

    /// Draws lines of text in a box without moving the cursor; returns the
    /// height used. For table cells and labels beside charts.
    pub fn block(&mut self, spans: &[Span], size: f64, x: f64, top: f64, width: f64) -> f64 {
        let lh = size * LEADING;
        let lines = self.wrap(spans, size, width);
        for (i, line) in lines.iter().enumerate() {
            let baseline = top + i as f64 * lh + size;
            for (span, dx) in line {
                self.text(x + dx, baseline, &span.text, size, span.bold, span.color);
                if let Some(t) = &span.link {
                    let w = self.fonts.width(&span.text, size, span.bold);
                    self.link(x + dx, top + i as f64 * lh, w, lh, t.clone());
                }
            }
        }
        lines.len() as f64 * lh
    }

    /// A heading, kept on the same page as at least `keep` points of what
    /// follows it.
    pub fn heading(&mut self, text: &str, size: f64, keep: f64) {
        let before = if self.y > MARGIN + 1.0 {
            size * 0.9
        } else {
            0.0
        };
        self.ensure(before + size * 1.6 + keep);
        // The space above a heading is not needed at the top of a page.
        if self.y > MARGIN + 1.0 {
            self.y += before;
        }
        let baseline = self.y + size;
        self.text(
            MARGIN,
            baseline,
            text,
            size,
            true,
            crate::report::chart::INK,
        );
        self.y += size * 1.5;
    }

    /// A horizontal rule across the text width.
    pub fn rule(&mut self, col: &str, width: f64) {
        let y = PAGE_H - self.y;
        self.ops().extend([
            Op::SetOutlineColor { col: color(col) },
            Op::SetOutlineThickness {
                pt: Pt(width as f32),
            },
            Op::DrawLine {
                line: printpdf::Line {
                    points: vec![
                        printpdf::LinePoint {
                            p: Point {
                                x: Pt(MARGIN as f32),
                                y: Pt(y as f32),
                            },
                            bezier: false,
                        },
                        printpdf::LinePoint {
                            p: Point {
                                x: Pt((PAGE_W - MARGIN) as f32),
                                y: Pt(y as f32),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// Turns the recorded links into annotations, now that every anchor's
    /// page is known, and returns the pages' operations.
    pub fn finish(mut self) -> (Vec<Vec<Op>>, Vec<Bookmark>) {
        let links = std::mem::take(&mut self.links);
        for (page, [x, top, w, h], target) in links {
            let actions = match target {
                Target::Uri(u) => Actions::uri(u),
                Target::Anchor(a) => match self.anchors.get(&a) {
                    Some(&(p, y)) => Actions::go_to(Destination::Xyz {
                        page: p + 1,
                        left: Some(0.0),
                        top: Some((PAGE_H - y + 4.0) as f32),
                        zoom: None,
                    }),
                    None => continue,
                },
            };
            let rect = Rect::from_xywh(
                Pt(x as f32),
                Pt((PAGE_H - top - h) as f32),
                Pt(w as f32),
                Pt(h as f32),
            );
            self.pages[page].push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    rect,
                    actions,
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    None,
                    None,
                ),
            });
        }
        (self.pages, self.bookmarks)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

pub struct Column {
    pub title: String,
    pub width: f64,
    pub align: Align,
}

impl Layout<'_> {
    /// A table at the left margin; rows never split, and the header row is
    /// drawn again at the top of every page the table continues on.
    pub fn table(&mut self, cols: &[Column], rows: &[Vec<Vec<Span>>], size: f64) {
        let pad = 5.0;
        let header: Vec<Vec<Span>> = cols
            .iter()
            .map(|c| vec![Span::bold(c.title.clone())])
            .collect();
        let row_h = |l: &Self, row: &[Vec<Span>]| {
            row.iter()
                .zip(cols)
                .map(|(cell, c)| l.measure(cell, size, c.width - 2.0 * pad))
                .fold(size * LEADING, f64::max)
                + 2.0 * pad
        };
        let head_h = row_h(self, &header);
        let first_h = rows.first().map_or(0.0, |r| row_h(self, r));
        self.ensure(head_h + first_h);
        self.table_row(cols, &header, size, head_h, true);
        for row in rows {
            let h = row_h(self, row);
            if self.y + h > self.bottom() {
                self.new_page();
                self.table_row(cols, &header, size, head_h, true);
            }
            self.table_row(cols, row, size, h, false);
        }
    }

    fn table_row(&mut self, cols: &[Column], row: &[Vec<Span>], size: f64, h: f64, head: bool) {
        let pad = 5.0;
        let total: f64 = cols.iter().map(|c| c.width).sum();
        if head {
            let (x1, y1) = (MARGIN, PAGE_H - self.y);
            let (x2, y2) = (MARGIN + total, PAGE_H - self.y - h);
            let p = |x: f64, y: f64| printpdf::LinePoint {
                p: Point {
                    x: Pt(x as f32),
                    y: Pt(y as f32),
                },
                bezier: false,
            };
            self.ops().extend([
                Op::SetFillColor {
                    col: color("#f4f6f9"),
                },
                Op::DrawPolygon {
                    polygon: printpdf::Polygon {
                        rings: vec![printpdf::PolygonRing {
                            points: vec![p(x1, y1), p(x2, y1), p(x2, y2), p(x1, y2)],
                        }],
                        mode: printpdf::PaintMode::Fill,
                        winding_order: printpdf::WindingOrder::NonZero,
                    },
                },
            ]);
        }
        let mut x = MARGIN;
        let top = self.y;
        for (cell, c) in row.iter().zip(cols) {
            let inner = c.width - 2.0 * pad;
            match c.align {
                Align::Left => {
                    self.block(cell, size, x + pad, top + pad, inner);
                }
                Align::Right => {
                    let w: f64 = cell
                        .iter()
                        .map(|s| self.fonts.width(&s.text, size, s.bold))
                        .sum();
                    self.block(cell, size, x + pad + (inner - w).max(0.0), top + pad, inner);
                }
            }
            x += c.width;
        }
        self.y += h;
        let y = PAGE_H - self.y;
        let p = |x: f64| printpdf::LinePoint {
            p: Point {
                x: Pt(x as f32),
                y: Pt(y as f32),
            },
            bezier: false,
        };
        self.ops().extend([
            Op::SetOutlineColor {
                col: color("#d6d6d6"),
            },
            Op::SetOutlineThickness { pt: Pt(0.5) },
            Op::DrawLine {
                line: printpdf::Line {
                    points: vec![p(MARGIN), p(MARGIN + total)],
                    is_closed: false,
                },
            },
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(ops: &[Op]) -> Vec<String> {
        ops.iter()
            .filter_map(|o| match o {
                Op::ShowText { items } => items.iter().find_map(|i| match i {
                    TextItem::Text(t) => Some(t.clone()),
                    _ => None,
                }),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn long_tables_repeat_their_header_on_every_page() {
        let mut doc = printpdf::PdfDocument::new("t");
        let fonts = Fonts::load(&mut doc, None);
        let mut l = Layout::new(&fonts);
        let cols = [
            Column {
                title: "Team".into(),
                width: 300.0,
                align: Align::Left,
            },
            Column {
                title: "Score".into(),
                width: 100.0,
                align: Align::Right,
            },
        ];
        let rows: Vec<Vec<Vec<Span>>> = (0..120)
            .map(|i| {
                vec![
                    vec![Span::plain(format!("team {i}"))],
                    vec![Span::plain(format!("{i}"))],
                ]
            })
            .collect();
        l.table(&cols, &rows, 9.0);
        let (pages, _) = l.finish();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let mut seen = 0;
        for ops in &pages {
            let t = text_of(ops);
            // Each page starts with the header, then continues the rows.
            assert_eq!(t[0], "Team");
            assert_eq!(t[1], "Score");
            seen += t.iter().filter(|s| s.starts_with("team ")).count();
        }
        // No row lost or repeated across the breaks.
        assert_eq!(seen, 120);
    }

    #[test]
    fn headings_are_not_left_alone_at_the_bottom_of_a_page() {
        let mut doc = printpdf::PdfDocument::new("t");
        let fonts = Fonts::load(&mut doc, None);
        let mut l = Layout::new(&fonts);
        // Fill the page until less than a heading and two lines remain.
        l.y = PAGE_H - MARGIN - FOOTER - 30.0;
        l.heading("Stranded?", 14.0, 2.0 * BODY * LEADING);
        assert_eq!(l.page(), 1, "the heading moved to the next page");
        assert!(l.y < MARGIN + 30.0);
    }

    #[test]
    fn paragraphs_wrap_within_their_width() {
        let mut doc = printpdf::PdfDocument::new("t");
        let fonts = Fonts::load(&mut doc, None);
        let l = Layout::new(&fonts);
        let text = "word ".repeat(200);
        let lines = l.wrap(&[Span::plain(text)], 10.0, 200.0);
        assert!(lines.len() > 5);
        for line in &lines {
            let (span, x) = line.last().unwrap();
            assert!(x + fonts.width(&span.text, 10.0, false) <= 200.0 + 1e-6);
        }
    }
}
