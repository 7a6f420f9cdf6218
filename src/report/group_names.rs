//! What the method section says about group names: spellings that aliases
//! merged, and names that look like one group but are counted apart.
//!
//! Only shown groups are named. A hidden group's name says that some people
//! wrote it, which a report read by their colleagues should not, so pairs
//! and merges that involve one are counted, not named.

use crate::score::model::Scores;
use crate::survey::Issue;

pub fn notes(s: &Scores) -> Vec<String> {
    let shown = |column: &str, value: &str| {
        s.groups
            .iter()
            .any(|g| g.column == column && g.value == value && !g.suppressed)
    };
    let quote = |v: &[String]| {
        v.iter()
            .map(|x| format!("\u{201c}{x}\u{201d}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    for m in &s.input.merged_groups {
        if shown(&m.column, &m.group) {
            out.push(format!(
                "{} \u{201c}{}\u{201d} also counts the spellings {} (aliases).",
                m.column,
                m.group,
                quote(&m.spellings)
            ));
        }
    }
    let mut unnamed = 0;
    for i in &s.issues {
        if let Issue::SimilarGroups { column, a, b, why } = i {
            if shown(column, a) && shown(column, b) {
                out.push(format!(
                    "{column} \u{201c}{a}\u{201d} and \u{201c}{b}\u{201d} may be one group ({why}) but are counted apart: no alias merges them."
                ));
            } else {
                unnamed += 1;
            }
        }
    }
    if unnamed > 0 {
        out.push(format!(
            "Names that may be one group but involve a hidden group are not named here ({}); `mlbizops score` lists them.",
            crate::text::plural(unnamed, "pair")
        ));
    }
    out
}
