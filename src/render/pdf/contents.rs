//! The contents page: every bookmark, chapters and their sections, with
//! its page number, each a link. Drawn after the rest, once the pages are
//! known, and placed after the executive summary.

use super::fonts::Fonts;
use super::layout::{Bookmark, Layout, Span, Target, MARGIN};
use crate::report::chart::{INK, MUTED};

pub(super) fn page<'f>(fonts: &'f Fonts<'f>, bookmarks: &[Bookmark]) -> Layout<'f> {
    let mut l = Layout::new(fonts);
    let w = l.width();
    l.heading("Contents", 16.0, 40.0);
    l.space(4.0);
    // Entries point at pages after this one is inserted: one more.
    let skip = bookmarks.iter().take_while(|b| b.page == 0).count();
    for b in &bookmarks[skip..] {
        let (size, indent, bold) = if b.depth == 0 {
            (10.5, 0.0, true)
        } else {
            (9.5, 16.0, false)
        };
        if b.depth == 0 {
            l.space(5.0);
        }
        let top = l.y;
        let num = format!("{}", b.page + 2);
        let nw = fonts.width(&num, size, false);
        let mut span = Span::link(b.title.clone(), Target::Anchor(b.anchor.clone()));
        span.bold = bold;
        span.color = INK;
        let h = l.block(&[span], size, MARGIN + indent, top, w - indent - nw - 12.0);
        l.text(MARGIN + w - nw, top + size, &num, size, false, MUTED);
        l.y = top + h.max(size * 1.45);
    }
    l
}
