//! The one-screen summary that `mlbizops check` prints for a valid rubric.

use std::fmt::Write;

use super::Rubric;
use crate::text::plural;

pub fn summary(r: &Rubric) -> String {
    let mut out = String::new();
    let questions: usize = r.dimensions.iter().map(|d| d.questions.len()).sum();
    let reverse = r.questions().filter(|(_, q)| q.reverse).count();
    let recs: usize = r.dimensions.iter().map(|d| d.recommendations.len()).sum();
    let cited = r.cited_keys().len();
    let version = if r.version.is_empty() {
        String::new()
    } else {
        format!(", version {}", r.version)
    };
    let _ = writeln!(out, "ok: {}", r.origin);
    let _ = writeln!(out, "{} (id {}){version}", r.title, r.id);
    let papers = format!(
        "of the {} papers in its bibliography",
        r.bibliography.papers.len()
    );
    let _ = writeln!(
        out,
        "{}, {} ({reverse} reverse-keyed), {}, {} citing {cited} {papers}",
        plural(r.dimensions.len(), "dimension"),
        plural(questions, "question"),
        plural(r.levels.len(), "level"),
        plural(recs, "recommendation"),
    );
    let _ = writeln!(out);
    let id_w = r
        .dimensions
        .iter()
        .map(|d| d.id.len())
        .max()
        .unwrap_or(2)
        .max(9);
    let name_w = r
        .dimensions
        .iter()
        .map(|d| d.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "  {:id_w$}  {:name_w$}  {:>9}  {:>15}  {:>6}",
        "dimension", "name", "questions", "recommendations", "weight"
    );
    for d in &r.dimensions {
        let _ = writeln!(
            out,
            "  {:id_w$}  {:name_w$}  {:>9}  {:>15}  {:>6}",
            d.id,
            d.name,
            d.questions.len(),
            d.recommendations.len(),
            format_weight(d.weight)
        );
    }
    if let Some(o) = &r.outcome {
        let _ = writeln!(
            out,
            "  outcome: {} ({}; {}), scored in no dimension",
            o.name,
            o.id,
            plural(o.questions.len(), "item")
        );
    }
    let _ = writeln!(out);
    if r.staged() {
        // Staged: each level with how many practices it asks for.
        let levels: Vec<String> = r
            .levels
            .iter()
            .map(|l| {
                let n = r
                    .questions()
                    .filter(|(_, q)| q.level.as_deref() == Some(l.name.as_str()))
                    .count();
                format!("{} ({})", l.name, plural(n, "practice"))
            })
            .collect();
        let _ = writeln!(out, "levels:      {}", levels.join(" < "));
        let _ = writeln!(
            out,
            "             staged by practice: in place when {}% or more agree",
            format_weight(r.practice_threshold)
        );
    } else {
        let levels: Vec<String> = r
            .levels
            .iter()
            .map(|l| format!("{} ({})", l.name, format_weight(l.min)))
            .collect();
        let _ = writeln!(out, "levels:      {}", levels.join(" < "));
    }
    let labels = if r.scale.labels.is_empty() {
        String::new()
    } else {
        format!(
            " ({} .. {})",
            r.scale.labels.first().map_or("", String::as_str),
            r.scale.labels.last().map_or("", String::as_str)
        )
    };
    let _ = writeln!(out, "scale:       {}..{}{labels}", r.scale.min, r.scale.max);
    if !r.scale.missing.is_empty() {
        let _ = writeln!(
            out,
            "not answered: empty cells and {}",
            r.scale.missing.join(", ")
        );
    }
    if !r.scale.not_sure.is_empty() {
        let _ = writeln!(out, "not sure:    {}", r.scale.not_sure.join(", "));
    }
    if !r.scale.not_applicable.is_empty() {
        let _ = writeln!(out, "does not apply: {}", r.scale.not_applicable.join(", "));
    }
    let id = r
        .respondents
        .id
        .as_deref()
        .map_or("none".to_string(), |c| format!("`{c}`"));
    let groups = if r.respondents.groups.is_empty() {
        "none".to_string()
    } else {
        r.respondents.groups.join(", ")
    };
    let _ = writeln!(out, "respondents: id column {id}; group columns: {groups}");
    for (column, groups) in &r.respondents.aliases {
        let spellings: usize = groups.iter().map(|(_, s)| s.len()).sum();
        let _ = writeln!(
            out,
            "aliases:     {column}: {} merged into {}",
            crate::text::plural(spellings, "spelling"),
            crate::text::plural(groups.len(), "group")
        );
    }
    let _ = writeln!(out, "bibliography: {}", r.bibliography.origin);
    let _ = writeln!(
        out,
        "privacy:     groups of fewer than {} respondents are never shown",
        r.privacy.min_group_size
    );
    if !r.comments.questions.is_empty() {
        let _ = writeln!(
            out,
            "comments:    {} free-text question(s); a group's comments are shown from {} commenters; {} themes",
            r.comments.questions.len(),
            r.comments.threshold,
            r.comments.themes.len()
        );
    }
    out
}

/// Weights and level minimums print without a trailing `.0` when whole.
fn format_weight(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{w:.0}")
    } else {
        format!("{w}")
    }
}
