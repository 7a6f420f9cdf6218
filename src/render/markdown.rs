//! Report model -> Markdown that pastes into a wiki or a ticket. Pure.

use std::fmt::Write;

use crate::report::model::Report;

fn int(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |v| format!("{}", v.round() as i64))
}

/// Escapes what Markdown would read as formatting or table structure.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            // A line break would end a table row: names stay on one line.
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Citation markers that link to their reference (`<a id="ref-3">` before
/// each reference; wikis and code hosts keep such anchors).
fn cites(c: &[usize]) -> String {
    c.iter()
        .map(|n| format!(" [\\[{n}\\]](#ref-{n})"))
        .collect()
}

/// One step of the plan or the appendix: title, dimension, text and
/// citations, then its owner line and each citation's finding.
fn action(o: &mut String, a: &crate::report::model::Action) {
    let _ = writeln!(
        o,
        "{}. **{}** ({}): {}{}",
        a.rank,
        esc(&a.title),
        esc(&a.dimension_name),
        esc(&a.text),
        cites(&a.citations)
    );
    if !a.meta.is_empty() {
        let _ = writeln!(o, "   {}", esc(&a.meta));
    }
    for (n, f) in &a.findings {
        let _ = writeln!(o, "   [\\[{n}\\]](#ref-{n}) {}", esc(f));
    }
}

pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", esc(&r.title));
    let mut meta = Vec::new();
    if let Some(org) = &r.organization {
        meta.push(esc(org));
    }
    meta.push(esc(&r.survey_label));
    if let Some(d) = &r.date {
        meta.push(esc(d));
    }
    let version = if r.rubric.version.is_empty() {
        String::new()
    } else {
        format!(", rubric version {}", esc(&r.rubric.version))
    };
    let _ = writeln!(
        o,
        "{} · {}{version} · {} respondents\n",
        meta.join(" · "),
        esc(&r.rubric.title),
        r.respondents.scored
    );

    let _ = writeln!(o, "## Executive summary\n");
    let _ = writeln!(o, "**{}**\n", esc(&r.summary.headline));
    let _ = writeln!(o, "{}:\n", esc(&r.summary.priorities_heading));
    for s in &r.summary.priorities {
        let _ = writeln!(o, "- {}", esc(&s.text));
        if !s.chip.is_empty() {
            let _ = writeln!(o, "  *{}*", esc(&s.chip));
        }
    }
    if let Some(e) = &r.summary.priorities_empty {
        let _ = writeln!(o, "{}", esc(e));
    }
    if let Some(n) = &r.summary.priority_note {
        let _ = writeln!(o, "\n{}", esc(n));
    }
    let _ = writeln!(o, "\nStrengths:\n");
    for s in &r.summary.strengths {
        let _ = writeln!(o, "- {}", esc(&s.text));
    }
    if let Some(e) = &r.summary.strengths_empty {
        let _ = writeln!(o, "{}", esc(e));
    }
    for (title, spots) in [
        ("Hot spots", &r.summary.hot_spots),
        ("Bright spots", &r.summary.bright_spots),
    ] {
        if !spots.is_empty() {
            let _ = writeln!(o, "\n{title}:\n");
            for s in spots {
                let _ = writeln!(o, "- {}", esc(&s.text));
            }
        }
    }

    // The first wave of a workspace has no change to tell, but may have
    // participation (as in the HTML and the PDF).
    if let Some(h) = r
        .history
        .as_ref()
        .filter(|h| h.previous.is_some() || !h.participation.is_empty())
    {
        if h.previous.is_some() {
            let _ = writeln!(o, "\nSince the last survey:\n");
        }
        if let Some(s) = &h.since_last {
            let _ = writeln!(o, "{}\n", esc(s));
        }
        for m in &h.momentum {
            let _ = writeln!(o, "- {}", esc(&m.text));
        }
        if !h.last_priorities.is_empty() {
            let _ = writeln!(o, "\nLast survey's priorities, and what moved since:\n");
            for m in &h.last_priorities {
                let _ = writeln!(o, "- {}", esc(&m.text));
            }
        }
        if !h.targets.is_empty() {
            let _ = writeln!(o, "\nTargets:\n");
            for t in &h.targets {
                let _ = writeln!(o, "- **{}**: {}", esc(&t.chip), esc(&t.text));
            }
        }
        if !h.participation.is_empty() {
            let parts: Vec<String> = h
                .participation
                .iter()
                .map(|p| {
                    format!(
                        "{} {}{}",
                        esc(&p.team),
                        esc(&p.text),
                        if p.low { " (low)" } else { "" }
                    )
                })
                .collect();
            let _ = writeln!(o, "\nParticipation: {}.", parts.join("; "));
        }
    }
    let previous = r.history.as_ref().and_then(|h| h.previous.clone());
    let first = r.history.as_ref().and_then(|h| h.first.clone());
    let _ = writeln!(o, "\n## Scores by dimension\n");
    // The same columns as the HTML table, in the same order.
    let mut head = "| Dimension | Score | Level | n | 95% CI | Favorable |".to_string();
    let mut rule = "|---|---:|---|---:|---:|---:|".to_string();
    for wave in [&previous, &first].into_iter().flatten() {
        head.push_str(&format!(" Since {} |", esc(wave)));
        rule.push_str("---:|");
    }
    let _ = writeln!(o, "{head}\n{rule}");
    for d in &r.dimensions {
        let level = if d.suppressed && d.level_label == "hidden" {
            "suppressed".to_string()
        } else {
            d.level_label.clone()
        };
        let mut changes = String::new();
        if previous.is_some() {
            let text = Report::change_cell(r.change_since_previous(&d.id));
            changes.push_str(&format!(" {text} |"));
        }
        if first.is_some() {
            let text = Report::change_cell(r.change_since_first(&d.id));
            changes.push_str(&format!(" {text} |"));
        }
        let [fav, _, _] = super::shares_100([d.favorable_pct, d.neutral_pct, d.unfavorable_pct]);
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |{changes}",
            esc(&d.name),
            d.score.map_or("—".into(), |s| format!("{s:.1}")),
            esc(&level),
            d.n.map_or("—".into(), |n| n.to_string()),
            // Whole points, as the HTML and the PDF print intervals.
            d.ci95.map_or("—".into(), |[l, h]| format!(
                "{}–{}",
                l.round() as i64,
                h.round() as i64
            )),
            fav,
        );
    }
    for d in &r.dimensions {
        let _ = writeln!(o, "\n### {}\n", esc(&d.name));
        if let (Some(s), Some(_)) = (d.score, &d.level) {
            let _ = writeln!(
                o,
                "Score {} ({}), n = {}, 95% CI {}.\n",
                d.score_text.clone().unwrap_or_else(|| int(Some(s))),
                esc(&d.level_label),
                d.n.unwrap_or(0),
                d.ci95.map_or("—".into(), |[a, b]| format!(
                    "{}–{}",
                    a.round() as i64,
                    b.round() as i64
                ))
            );
        } else if !d.measured {
            let _ = writeln!(
                o,
                "Not measured: the survey file has no column for this dimension.\n"
            );
        } else if d.applies_to_pct.is_some_and(|p| p < 50.0) {
            let _ = writeln!(
                o,
                "{}\n",
                esc(&super::hidden_reason(d, r.data_quality.min_group_size))
            );
        } else {
            let _ = writeln!(o, "Not shown: too few respondents.\n");
        }
        let mut facts = Vec::new();
        if let (Some(n), Some(_)) = (&d.next_level, &d.score) {
            if r.rubric.staged {
                facts.push(format!("Next level: {}", n.text));
            }
        }
        let applies = super::applies_text(d);
        if !applies.is_empty() {
            facts.push(applies);
        }
        if let Some(h) = r
            .history
            .as_ref()
            .and_then(|h| h.dimensions.iter().find(|x| x.id == d.id))
            .and_then(|x| x.level_change.as_ref())
        {
            facts.push(crate::text::capitalized(h));
        }
        if !facts.is_empty() {
            let _ = writeln!(o, "{}.\n", esc(&facts.join(" · ")));
        }
        super::md_questions::answers(&mut o, r, d);
        if !d.missing_practices.is_empty() {
            if let Some(n) = &d.next_level {
                let _ = writeln!(o, "Not yet in place for {}, weakest first:\n", esc(&n.name));
            }
            for p in &d.missing_practices {
                let _ = writeln!(o, "- {} ({})", esc(&p.text), esc(&p.state));
            }
            let _ = writeln!(o);
        }
        if r.rubric.staged && !d.recommendations.is_empty() {
            let _ = writeln!(o, "{}:\n", esc(&super::rec_heading(r, d)));
        }
        // Each recommendation's text is printed once, in the plan or
        // the appendix; here, where to find it.
        for rec in &d.recommendations {
            let _ = writeln!(o, "- {} ({})", esc(&rec.title), esc(&rec.plan_ref));
        }
    }
    o.push_str(&super::drivers::markdown(r, esc));

    if let Some(c) = &r.comments {
        super::comments_md::section(&mut o, c);
    }
    for b in &r.breakdowns {
        let _ = writeln!(o, "\n## Scores by {}\n", esc(&b.column));
        let head: Vec<String> = r.dimensions.iter().map(|d| esc(&d.short_name)).collect();
        let _ = writeln!(
            o,
            "| {} | n | {} | Overall |",
            esc(&b.column),
            head.join(" | ")
        );
        let _ = writeln!(o, "|---|---:|{}---:|", "---:|".repeat(head.len()));
        for g in &b.groups {
            if g.suppressed {
                let _ = writeln!(
                    o,
                    "| {} | — | suppressed (privacy) |{}",
                    esc(&g.value),
                    " |".repeat(head.len())
                );
                continue;
            }
            // The change since the previous wave, as the heatmap shows it,
            // where the group is shown in both waves.
            let change = r.history.as_ref().and_then(|h| {
                h.groups
                    .iter()
                    .find(|c| c.column == b.column && c.value == g.value)
            });
            let since = |c: Option<&crate::trend::Change>| {
                c.map_or(String::new(), |c| format!(" ({})", c.short()))
            };
            let cells: Vec<String> = g
                .scores
                .iter()
                .zip(&g.hidden)
                .zip(&g.levels)
                .enumerate()
                .map(|(j, ((s, h), l))| {
                    let ch = since(change.and_then(|c| c.dimensions.get(j)?.as_ref()));
                    match (h, l) {
                        (true, _) => "hidden".to_string(),
                        // Staged levels do not follow from the score: show both.
                        (false, Some(l)) if r.rubric.staged => {
                            format!("{}{ch} ({})", int(*s), esc(l))
                        }
                        _ => format!("{}{ch}", int(*s)),
                    }
                })
                .collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {}{} |",
                esc(&g.value),
                g.n.unwrap_or(0),
                cells.join(" | "),
                int(g.overall),
                since(change.and_then(|c| c.overall.as_ref()))
            );
        }
    }
    if let Some(h) = r.history.as_ref().filter(|h| h.has_group_changes()) {
        let _ = writeln!(
            o,
            "\nIn brackets: the change since {}; ▲ or ▼ marks a clear change (not corrected for the many cells tested: about one in twenty may be chance). Groups hidden in either wave show no change.",
            esc(h.previous.as_deref().unwrap_or(""))
        );
    }

    let _ = writeln!(o, "\n## Action plan\n");
    for a in &r.action_plan {
        action(&mut o, a);
    }
    if r.action_plan.is_empty() {
        let _ = writeln!(o, "No step: no dimension is a priority.");
    }
    if !r.appendix.is_empty() {
        let _ = writeln!(o, "\n### Appendix: other recommendations\n");
        for a in &r.appendix {
            action(&mut o, a);
        }
    }
    let _ = writeln!(o, "\n## References\n");
    for p in &r.references {
        let venue = if p.venue.trim().is_empty() {
            String::new()
        } else {
            format!(" *{}*.", esc(&p.venue))
        };
        let url = if p.url.is_empty() {
            String::new()
        } else {
            format!(" <{}>", p.url)
        };
        let _ = writeln!(
            o,
            "{}. <a id=\"ref-{}\"></a>{} ({}). {}.{venue}{url}",
            p.number,
            p.number,
            esc(&p.authors),
            p.year,
            esc(&p.title),
        );
    }
    let dq = &r.data_quality;
    let _ = writeln!(o, "\n## Method and data quality\n");
    let _ = writeln!(o, "- Answers map to 0–100; reverse-keyed statements are reversed; a respondent counts on a dimension after answering at least half of its statements.");
    if let Some(d) = &r.drivers {
        let _ = writeln!(o, "- {}", esc(&d.method));
    }
    let _ = writeln!(
        o,
        "- {} rows read from {} ({}), {} scored, {} excluded; {} counted as not answered.",
        r.respondents.read,
        esc(&dq.file),
        esc(&dq.source),
        r.respondents.scored,
        r.respondents.excluded,
        dq.unreadable_text
    );
    for n in &dq.group_names {
        let _ = writeln!(o, "- {}", esc(n));
    }
    let _ = writeln!(o, "- Privacy: {}", esc(&dq.privacy_summary));
    if let Some(c) = &r.comments {
        super::comments_md::method(&mut o, c);
    }
    if let Some(note) = &dq.threshold_note {
        let _ = writeln!(o, "- {}", esc(note));
    }
    if let Some(h) = &r.history {
        let _ = writeln!(o, "\n### The waves\n");
        let _ = writeln!(
            o,
            "| Wave | Date | File | Rubric | Rows read | Scored | Invited |"
        );
        let _ = writeln!(o, "|---|---|---|---|--:|--:|--:|");
        for p in &h.waves {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {}{} | {} | {} | {} |",
                esc(&p.label),
                esc(p.date.as_deref().unwrap_or("—")),
                esc(&p.file),
                esc(&p.rubric),
                if p.revised { " (revised)" } else { "" },
                p.read,
                p.respondents,
                p.invited.map_or("—".into(), |n| n.to_string())
            );
        }
        let _ = writeln!(o);
        for s in &h.method {
            let _ = writeln!(o, "- {}", esc(s));
        }
    }
    o
}
