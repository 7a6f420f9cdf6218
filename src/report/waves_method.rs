//! The method section's account of the waves: which file and rubric each
//! was, how changes were tested, where the rubric was revised, and
//! participation. Sentences only; the renderers add the waves table.

use super::model::History;

pub fn method(h: &History) -> Vec<String> {
    let mut out = Vec::new();
    let tests = count_tests(h);
    if tests > 0 {
        out.push(format!(
            "Changes between waves: a dimension's or group's change is tested with a Welch t-test on the respondents' scores of the two waves (two-sided; a \u{201c}clear\u{201d} change has p < 0.05), with Cohen's d as its effect size. The overall change is tested on the overall score, with its standard error taken at its largest (the dimensions' weighted errors added, as if they moved together), and only when both waves measured the same questions. This report makes {} and does not correct them for multiple comparisons: at p < 0.05, about one clear change in twenty may be chance, so read a single clear change among many with care.",
            crate::text::plural(tests, "such comparison")
        ));
    }
    if tests == 0 && h.waves.len() > 1 {
        out.push(
            "No change between waves is tested in this report: the waves it compares share no question (see the rubric revision below)."
                .to_string(),
        );
    }
    let revisions: Vec<String> = h
        .waves
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, w)| w.revised)
        .map(|(i, w)| {
            format!(
                "at {} ({} \u{2192} {})",
                w.label,
                h.waves[i - 1].rubric,
                w.rubric
            )
        })
        .collect();
    if !revisions.is_empty() {
        out.push(format!(
            "The rubric was revised {}. Questions are matched by id: a dimension whose questions changed is compared on the questions both waves asked (marked \u{2020}), and not compared when they share none; the overall score is compared only between waves that measured the same questions, and levels assigned by a different rule are not compared. The trend chart marks each revision.",
            join_and(&revisions)
        ));
    }
    let rates: Vec<String> = h
        .waves
        .iter()
        .filter_map(|w| {
            let invited = w.invited.filter(|&n| n > 0)?;
            Some(format!(
                "{} {} of {} invited ({}%)",
                w.label,
                w.respondents,
                invited,
                (w.respondents as f64 * 100.0 / invited as f64).round() as i64
            ))
        })
        .collect();
    if !rates.is_empty() {
        out.push(format!(
            "Participation (respondents scored of people invited, by the manifest's team counts): {}.",
            rates.join("; ")
        ));
    }
    out
}

/// Every change the report tests: dimensions and overall since the
/// previous and the first wave, and each group's overall and dimensions
/// since the previous one.
fn count_tests(h: &History) -> usize {
    let pair = |p: &super::model::ChangePair| {
        usize::from(p.since_previous.is_some()) + usize::from(p.since_first.is_some())
    };
    pair(&h.overall)
        + h.dimensions.iter().map(|d| pair(&d.change)).sum::<usize>()
        + h.groups
            .iter()
            .map(|g| usize::from(g.overall.is_some()) + g.dimensions.iter().flatten().count())
            .sum::<usize>()
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
