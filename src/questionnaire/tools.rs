//! What the survey-tool writers share: the answers a matrix offers, and text
//! flattened to one line.

use crate::rubric::Scale;
use crate::survey::codes::Matrix;

/// The answers of a scale in order: each point's label (its number when the
/// scale has no labels), then the first label of each kind of non-answer
/// ([`Scale::extra_choices`]), as the Markdown and HTML questionnaires offer
/// them. Only the first: one "Not sure" column is enough to answer, and
/// every extra one widens each grid.
pub fn answers(s: &Scale) -> Vec<String> {
    let mut out: Vec<String> = points(s).into_iter().map(|(_, l)| l).collect();
    out.extend(s.extra_choices());
    out
}

/// Each point of a scale with the text it is offered as.
pub fn points(s: &Scale) -> Vec<(i64, String)> {
    (s.min..=s.max)
        .map(|p| (p, s.label(p).map_or_else(|| p.to_string(), str::to_string)))
        .collect()
}

/// The name of the page or group that holds matrix `i` of `all`: its
/// dimension's name, and "(part 2)" on for a dimension asked as several
/// matrices (one per scale), so that no two pages share a name.
pub fn part_name(all: &[Matrix], i: usize) -> String {
    let m = &all[i];
    let before = all[..i]
        .iter()
        .filter(|o| std::ptr::eq(o.dimension, m.dimension))
        .count();
    match before {
        0 => m.dimension.name.clone(),
        n => format!("{} (part {})", m.dimension.name, n + 1),
    }
}

/// How a group column is asked: its name with a capital first letter
/// ("team" -> "Team"). The export names the column by this title, and
/// columns match group names ignoring case, so it still reads back.
pub fn group_title(column: &str) -> String {
    let column = one_line(column);
    let mut chars = column.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => column,
    }
}

/// `s` with every run of whitespace (line breaks and tabs included) made one
/// space, and no space at either end. Survey-tool files are line- or
/// tab-oriented: a line break inside a statement would end it early.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_or_numbers_then_the_first_missing_label() {
        let mut s = Scale {
            min: 0,
            max: 2,
            labels: vec![],
            missing: vec!["Not sure".into(), "N/A".into()],
            ..Scale::default()
        };
        assert_eq!(answers(&s), ["0", "1", "2", "Not sure"]);
        s.labels = vec!["No".into(), "Partly".into(), "Yes".into()];
        s.missing.clear();
        assert_eq!(answers(&s), ["No", "Partly", "Yes"]);
        assert_eq!(points(&s)[2], (2, "Yes".to_string()));
    }

    #[test]
    fn one_line_joins_lines_and_tabs() {
        assert_eq!(one_line(" a\tb\r\n  c "), "a b c");
    }
}
