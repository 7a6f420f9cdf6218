//! The terminal table of `mlbizops score`.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{ci, one};
use crate::score::model::Scores;
use crate::survey::Issue;

/// Pads `s` to `w` characters (not bytes: names may be "Zürich").
fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// `s` made safe for a terminal (see [`crate::text::visible`]) and cut to
/// `w` characters.
fn cut(s: &str, w: usize) -> String {
    let s = crate::text::visible(s);
    if s.chars().count() <= w {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub fn render(s: &Scores) -> String {
    let mut out = String::new();
    let version = if s.rubric.version.is_empty() {
        String::new()
    } else {
        format!(" {}", s.rubric.version)
    };
    let _ = writeln!(
        out,
        "{}{version}: {}",
        crate::text::visible(&s.rubric.title),
        crate::text::visible(&s.input.file)
    );
    let _ = writeln!(
        out,
        "Overall {} ({}); {} of {} rows scored\n",
        one(s.overall.score),
        match (&s.overall.level, s.overall.level_uncertain) {
            (Some(l), Some(true)) => format!("{l}, uncertain"),
            (Some(l), _) => l.clone(),
            (None, _) => "—".into(),
        },
        s.respondents.scored,
        s.respondents.read
    );

    let name_w = s
        .dimensions
        .iter()
        .map(|d| d.name.chars().count())
        .max()
        .unwrap_or(9)
        .clamp(9, 42);
    let _ = writeln!(
        out,
        "{}  {:>5}  {:13}  {:>5}  {:>11}  {:>4}  {:>4}  {:>4}  {:>5}",
        pad("Dimension", name_w),
        "Score",
        "Level",
        "n",
        "95% CI",
        "Fav",
        "Neu",
        "Unf",
        "alpha"
    );
    for d in &s.dimensions {
        let st = &d.stats;
        let level = if !d.measured {
            "not measured".to_string()
        } else if st.suppressed {
            match d.applies_to_pct {
                Some(p) if p < 50.0 => format!("applies to {}%", p.round() as i64),
                _ => format!("n<{}, hidden", s.privacy.min_group_size),
            }
        } else {
            match (&st.level, st.level_uncertain) {
                // "?" keeps the column narrow: the note below says what it means.
                (Some(l), Some(true)) => format!("{l}?"),
                (Some(l), _) => l.clone(),
                (None, _) => String::new(),
            }
        };
        let shares = super::shares_100([st.favorable_pct, st.neutral_pct, st.unfavorable_pct]);
        let _ = writeln!(
            out,
            "{}  {:>5}  {:13}  {:>5}  {:>11}  {:>4}  {:>4}  {:>4}  {:>5}",
            pad(&cut(&d.name, name_w), name_w),
            one(st.score),
            level,
            st.n.map_or("—".into(), |n| n.to_string()),
            ci(st.ci95),
            shares[0],
            shares[1],
            shares[2],
            d.alpha.map_or("—".into(), |a| format!("{a:.2}"))
        );
    }
    let _ = writeln!(
        out,
        "Fav = agree or strongly agree (after reverse keying); Unf = the bottom two answers."
    );
    if s.dimensions
        .iter()
        .any(|d| d.next_level.is_some() || d.stats.level_uncertain.is_some())
    {
        let _ = writeln!(
            out,
            "Levels are staged by practice; \"?\" = uncertain (a deciding practice is within sampling error of the threshold, or unknown)."
        );
        for d in &s.dimensions {
            if let Some(n) = &d.next_level {
                let _ = writeln!(
                    out,
                    "  {}: {} of {} {} practices in place; missing: {}",
                    d.stats.id,
                    n.in_place,
                    n.total,
                    n.level,
                    n.missing.join(", ")
                );
            }
        }
    }

    // One table per breakdown column.
    let mut by_column: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for g in &s.groups {
        by_column.entry(g.column.as_str()).or_default().push(g);
    }
    let order: Vec<&str> = s.input.group_columns.iter().map(String::as_str).collect();
    for column in order {
        let Some(groups) = by_column.get(column) else {
            continue;
        };
        // The first column fits the values and the column's name, up to 28
        // characters; a longer name is cut here (it is whole in the title
        // line above), so that the header stays aligned with the rows.
        let vw = groups
            .iter()
            .map(|g| crate::text::visible(&g.value).chars().count())
            .chain([column.chars().count()])
            .max()
            .unwrap_or(5)
            .clamp(5, 28);
        let _ = writeln!(out, "\nBy {} (scores 0-100)", crate::text::visible(column));
        let mut head = format!("{}  {:>5}", pad(&cut(column, vw), vw), "n");
        for d in &s.dimensions {
            let _ = write!(head, "  {:>10}", cut(&d.stats.id, 10));
        }
        let _ = write!(head, "  {:>7}", "Overall");
        let _ = writeln!(out, "{head}");
        for g in groups {
            let mut line = format!(
                "{}  {:>5}",
                pad(&cut(&g.value, vw), vw),
                g.n.map_or("—".into(), |n| n.to_string())
            );
            if g.suppressed {
                line.push_str("  hidden for privacy *");
            } else {
                for d in &g.dimensions {
                    let cell = if d.suppressed {
                        "hidden".to_string()
                    } else {
                        one(d.score)
                    };
                    let _ = write!(line, "  {:>10}", cell);
                }
                let _ = write!(line, "  {:>7}", one(g.overall.score));
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
        if groups
            .iter()
            .any(|g| g.suppressed || g.dimensions.iter().any(|d| d.suppressed))
        {
            let _ = writeln!(
                out,
                "* {}",
                crate::disclosure::rule(s.privacy.min_group_size)
            );
        }
    }

    out.push_str(&super::drivers::table(s));
    let _ = writeln!(out, "\nData quality");
    out.push_str(&data_quality(s));
    out
}

/// The data-quality summary: rows, exclusions by reason, issues.
pub fn data_quality(s: &Scores) -> String {
    let mut out = String::new();
    let r = &s.respondents;
    let _ = writeln!(
        out,
        "  rows read {}, scored {}, excluded {}",
        r.read,
        r.scored,
        r.excluded_total()
    );
    let mut rows_of: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for e in &r.excluded {
        rows_of.entry(e.kind()).or_default().push(e.row);
    }
    for (reason, &count) in &r.excluded_by_reason {
        let rows = rows_of.get(reason.as_str()).map_or(&[][..], Vec::as_slice);
        let word = if count == 1 { "row" } else { "rows" };
        // Rows beyond the listed ones are counted, not named.
        let more = if (rows.len() as u64) < count {
            ", …"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    {}: {count} ({word} {}{more})",
            crate::text::visible(reason),
            row_list(rows)
        );
    }
    let delimiter = match s.input.delimiter.as_str() {
        "," => "comma",
        ";" => "semicolon",
        other => other,
    };
    if s.input.encoding.contains("Excel") {
        let _ = writeln!(
            out,
            "  file: {}; {}",
            crate::text::visible(&s.input.layout_description),
            s.input.encoding
        );
    } else {
        let _ = writeln!(
            out,
            "  file: {}; {}, {delimiter}-separated",
            crate::text::visible(&s.input.layout_description),
            s.input.encoding
        );
    }
    // Missing question columns, one line per dimension rather than per question.
    for d in &s.dimensions {
        let missing: Vec<&str> = d
            .questions
            .iter()
            .filter(|q| !q.measured)
            .map(|q| q.id.as_str())
            .collect();
        if !missing.is_empty() {
            let _ = writeln!(
                out,
                "  no column for {} of {} questions of `{}`: {}",
                missing.len(),
                d.questions.len(),
                d.stats.id,
                missing.join(", ")
            );
        }
    }
    if !s.input.ignored_columns.is_empty() {
        let _ = writeln!(
            out,
            "  columns ignored: {}",
            crate::text::visible(&s.input.ignored_columns.join(", "))
        );
    }
    for m in &s.input.merged_groups {
        let _ = writeln!(
            out,
            "  aliases: {} \"{}\" also counts {}",
            crate::text::visible(&m.column),
            crate::text::visible(&m.group),
            m.spellings
                .iter()
                .map(|x| format!("\"{}\"", crate::text::visible(x)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let listed: Vec<_> = s
        .issues
        .iter()
        .filter(|i| !matches!(i, Issue::MissingColumn { .. }))
        .collect();
    if s.issues.is_empty() {
        let _ = writeln!(out, "  no unreadable cells, no missing columns");
    }
    for i in listed {
        let _ = writeln!(
            out,
            "  {}",
            crate::text::visible(&i.describe(&s.input.file))
        );
    }
    if s.issues_not_listed > 0 {
        let _ = writeln!(
            out,
            "  … and {} more problems not listed",
            s.issues_not_listed
        );
    }
    out
}

/// "2, 5, 9" or "2, 5, 9, … (40 rows)".
fn row_list(rows: &[u64]) -> String {
    let shown: Vec<String> = rows.iter().take(8).map(u64::to_string).collect();
    if rows.len() > 8 {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
