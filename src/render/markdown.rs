//! Report model -> Markdown that pastes into a wiki or a ticket. Pure.

use std::fmt::Write;

use crate::report::model::Report;

fn int(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), |v| format!("{}", v.round() as i64))
}

/// Escapes what Markdown would read as formatting or table structure.
fn esc(s: &str) -> String {
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

fn cites(c: &[usize]) -> String {
    c.iter().map(|n| format!(" [{n}]")).collect()
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
        let _ = writeln!(o, "   [{n}] {}", esc(f));
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
    let _ = writeln!(o, "Priorities:\n");
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
    let _ = writeln!(o, "\n## Scores by dimension\n");
    match &previous {
        Some(p) => {
            let _ = writeln!(
                o,
                "| Dimension | Score | Level | n | 95% CI | Favorable | Since {} |\n|---|---:|---|---:|---:|---:|---:|",
                esc(p)
            );
        }
        None => {
            let _ = writeln!(
                o,
                "| Dimension | Score | Level | n | 95% CI | Favorable |\n|---|---:|---|---:|---:|---:|"
            );
        }
    }
    for d in &r.dimensions {
        let level = if d.suppressed && d.level_label == "hidden" {
            "suppressed".to_string()
        } else {
            d.level_label.clone()
        };
        let change = previous.as_ref().map_or(String::new(), |_| {
            let text = Report::change_cell(r.change_since_previous(&d.id));
            format!(" {text} |")
        });
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |{change}",
            esc(&d.name),
            d.score.map_or("—".into(), |s| format!("{s:.1}")),
            esc(&level),
            d.n.map_or("—".into(), |n| n.to_string()),
            d.ci95.map_or("—".into(), |[l, h]| format!("{l:.1}–{h:.1}")),
            d.favorable_pct.map_or("—".into(), |p| format!("{p:.0}%")),
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
            let cells: Vec<String> = g
                .scores
                .iter()
                .zip(&g.hidden)
                .zip(&g.levels)
                .map(|((s, h), l)| match (h, l) {
                    (true, _) => "hidden".to_string(),
                    // Staged levels do not follow from the score: show both.
                    (false, Some(l)) if r.rubric.staged => format!("{} ({})", int(*s), esc(l)),
                    _ => int(*s),
                })
                .collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                esc(&g.value),
                g.n.unwrap_or(0),
                cells.join(" | "),
                int(g.overall)
            );
        }
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
            "{}. {} ({}). {}.{venue}{url}",
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
        "- {} rows read from {} ({}), {} scored, {} excluded; {} unreadable cells counted as not answered.",
        r.respondents.read,
        esc(&dq.file),
        esc(&dq.source),
        r.respondents.scored,
        r.respondents.excluded,
        dq.unreadable_cells
    );
    let _ = writeln!(o, "- Privacy: {}", esc(&dq.privacy_summary));
    if let Some(note) = &dq.threshold_note {
        let _ = writeln!(o, "- {}", esc(note));
    }
    o
}
