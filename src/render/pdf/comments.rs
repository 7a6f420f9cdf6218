//! The comments section on PDF pages, after the dimensions: the
//! organization's themes with their quotes, then each shown group's
//! commenters and theme counts (their quotes are in the HTML and Markdown
//! reports: the PDF stays a board pack, not a transcript).
//! Text is drawn as glyphs, never interpreted; comments were made inert
//! (no control or direction-changing characters) when read.

use super::layout::{Layout, Span, BODY, MARGIN};
use crate::report::model::Report;

pub fn section(l: &mut Layout, r: &Report) {
    let Some(c) = &r.comments else {
        return;
    };
    let w = l.width();
    l.new_page();
    l.anchor("comments");
    l.bookmark("What people say");
    l.heading("What people say", 16.0, 80.0);
    for q in &c.questions {
        l.paragraph(&[Span::muted(format!("“{q}”"))], 9.5, MARGIN, w);
    }
    l.space(3.0);
    l.paragraph(&[Span::muted(c.summary.clone())], 9.0, MARGIN, w);
    for (i, b) in c.blocks.iter().enumerate() {
        if i > 0 {
            // The groups in brief: their theme counts; their quotes are in
            // the HTML and Markdown reports.
            if i == 1 {
                l.space(6.0);
                l.heading("By group", 12.0, 50.0);
                l.paragraph(
                    &[Span::muted(
                        "Commenters and theme counts of each group whose comments are shown; the HTML and Markdown reports quote them too.",
                    )],
                    9.0,
                    MARGIN,
                    w,
                );
            }
            let themes: Vec<String> = b
                .themes
                .iter()
                .map(|t| format!("{} {}", t.name, t.count_text))
                .collect();
            l.space(2.0);
            l.paragraph(
                &[
                    Span::bold(format!("{} ({} commenters): ", b.title, b.commenters)),
                    Span::plain(themes.join(" · ")),
                    Span::muted(
                        b.withheld_note
                            .as_ref()
                            .map_or(String::new(), |n| format!(" {n}")),
                    ),
                ],
                9.5,
                MARGIN,
                w,
            );
            continue;
        }
        l.space(6.0);
        l.heading(
            &format!("{} ({} commenters)", b.title, b.commenters),
            12.0,
            50.0,
        );
        for t in &b.themes {
            l.space(2.0);
            l.ensure(40.0);
            l.paragraph(
                &[
                    Span::bold(t.name.clone()),
                    Span::muted(format!("  {}", t.count_text)),
                ],
                BODY,
                MARGIN,
                w,
            );
            for q in &t.quotes {
                l.paragraph(
                    &[Span::plain(format!("“{}”", q.text))],
                    9.0,
                    MARGIN + 10.0,
                    w - 10.0,
                );
                l.space(1.5);
            }
        }
        if let Some(n) = &b.withheld_note {
            l.paragraph(&[Span::muted(n.clone())], 9.0, MARGIN, w);
        }
    }
}

/// The method's lines about comments.
pub fn method(l: &mut Layout, r: &Report) {
    if let Some(c) = &r.comments {
        for m in &c.method {
            super::sections::bullet(l, &[Span::plain(m.clone())]);
        }
    }
}
