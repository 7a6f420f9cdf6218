//! The PDF's action plan, its appendix, last survey's priorities and the
//! targets before them, and the references: split from `sections`.

use super::layout::{Layout, Span, Target, BODY, MARGIN};
use super::sections::{bullet, cites};
use crate::report::chart::INK;
use crate::report::model::Report;

/// Last survey's priorities and the workspace's targets, before the plan
/// they frame (the executive page has no room for them).
fn commitments(l: &mut Layout, r: &Report) {
    let Some(h) = r.history.as_ref() else {
        return;
    };
    if !h.last_priorities.is_empty() {
        l.heading("Last survey’s priorities, and what moved since", 12.0, 40.0);
        for m in &h.last_priorities {
            bullet(l, &[Span::plain(m.text.clone())]);
        }
        l.space(4.0);
    }
    if !h.targets.is_empty() {
        l.heading("Targets", 12.0, 40.0);
        for t in &h.targets {
            bullet(
                l,
                &[
                    Span::bold(format!("{}: ", t.chip)),
                    Span::plain(t.text.clone()),
                ],
            );
        }
        l.space(6.0);
    }
}

pub(super) fn plan(l: &mut Layout, r: &Report) {
    let w = l.width();
    l.new_page();
    l.bookmark("Action plan");
    l.heading("Action plan", 16.0, 60.0);
    l.paragraph(&[Span::muted(r.summary.plan_note.clone())], 9.0, MARGIN, w);
    l.space(4.0);
    commitments(l, r);
    for a in &r.action_plan {
        action(l, a, "action");
    }
    if r.action_plan.is_empty() {
        l.paragraph(
            &[Span::plain("No step: no dimension is a priority.")],
            BODY,
            MARGIN,
            w,
        );
    }
    if !r.appendix.is_empty() {
        l.space(6.0);
        l.heading("Appendix: other recommendations", 12.5, 60.0);
        l.paragraph(
            &[Span::muted("For the dimensions that are not priorities now, and further steps; each is listed once in this report.")],
            9.0,
            MARGIN,
            w,
        );
        l.space(4.0);
        for a in &r.appendix {
            action(l, a, "appendix");
        }
    }
}

/// One step of the plan or the appendix, with its anchor.
fn action(l: &mut Layout, a: &crate::report::model::Action, kind: &str) {
    let w = l.width();
    {
        let mut head = vec![Span::bold(format!("{}. {}", a.rank, a.title))];
        head.push(Span::muted(format!(
            " — {}{}",
            a.dimension_name,
            a.level
                .as_ref()
                .map_or(String::new(), |lv| format!(", {lv}"))
        )));
        let mut body = vec![Span::plain(a.text.clone())];
        body.extend(cites(&a.citations));
        let h = l.measure(&head, BODY, w) + l.measure(&body, 9.5, w - 14.0);
        l.ensure(h.min(110.0));
        l.anchor(format!("{kind}-{}", a.rank));
        l.paragraph(&head, BODY, MARGIN, w);
        l.paragraph(&body, 9.5, MARGIN + 14.0, w - 14.0);
        super::practices::evidence(l, &a.meta, &a.findings, MARGIN + 14.0, w - 14.0);
        l.space(6.0);
    }
}

pub(super) fn references(l: &mut Layout, r: &Report) {
    let w = l.width();
    l.space(8.0);
    l.ensure(120.0);
    l.bookmark("References");
    l.heading("References", 16.0, 40.0);
    for p in &r.references {
        let mut spans = vec![Span::plain(format!(
            "{} ({}). {}. ",
            p.authors, p.year, p.title
        ))];
        if !p.venue.trim().is_empty() {
            spans.push(Span::muted(format!("{}. ", p.venue)));
        }
        if !p.url.is_empty() {
            spans.push(Span::link(p.url.clone(), Target::Uri(p.url.clone())));
        }
        l.ensure(l.measure(&spans, 9.0, w - 24.0));
        l.anchor(format!("ref-{}", p.number));
        let y = l.y;
        let num = format!("[{}]", p.number);
        l.text(MARGIN, y + 9.0, &num, 9.0, false, INK);
        l.paragraph(&spans, 9.0, MARGIN + 24.0, w - 24.0);
        l.space(3.0);
    }
}
