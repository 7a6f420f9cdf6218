//! The comments section in Markdown: every text escaped, each quote on one
//! line of a block quote, so a comment can start no heading, list, table,
//! link or HTML of its own.

use std::fmt::Write;

use super::markdown::esc;
use crate::report::comments::CommentsSection;

pub(super) fn section(o: &mut String, c: &CommentsSection) {
    let _ = writeln!(o, "\n## What people say\n");
    for q in &c.questions {
        let _ = writeln!(o, "- *{}*", esc(q));
    }
    let _ = writeln!(o, "\n{}\n", esc(&c.summary));
    for b in &c.blocks {
        let _ = writeln!(o, "\n### {} ({} commenters)\n", esc(&b.title), b.commenters);
        for t in &b.themes {
            let _ = writeln!(o, "**{}**: {}\n", esc(&t.name), esc(&t.count_text));
            for q in &t.quotes {
                let _ = writeln!(o, "> {}\n", esc(&q.text));
            }
        }
        if let Some(n) = &b.withheld_note {
            let _ = writeln!(o, "*{}*\n", esc(n));
        }
    }
}

/// The method's lines about comments.
pub(super) fn method(o: &mut String, c: &CommentsSection) {
    for m in &c.method {
        let _ = writeln!(o, "- {}", esc(m));
    }
}
