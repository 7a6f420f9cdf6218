//! Checks of rubrics whose levels are staged by practice: a question names
//! the level at which its practice is expected, recommendations name the
//! practices they put in place, and every citation says what it found.
//!
//! Why errors and not warnings: in a staged rubric these gaps change what
//! the report asserts (a level no practice can reach is attained by default;
//! a missing practice with nothing addressing it has no first step).

use std::collections::HashMap;

use super::parse::RawRubric;
use super::validate::{text, Ctx};
use super::{Rubric, DEFAULT_PRACTICE_THRESHOLD};
use crate::diag::Diagnostic;

/// `[practices] in_place`: a percentage strictly between 0 and 100.
pub(super) fn check_threshold(cx: &mut Ctx, raw: &RawRubric) -> f64 {
    match &raw.in_place {
        None => DEFAULT_PRACTICE_THRESHOLD,
        Some(v) => {
            let x = *v.get_ref();
            if x > 0.0 && x < 100.0 {
                x
            } else {
                cx.err(
                    "`in_place` must be a percentage above 0 and below 100",
                    v.span(),
                    "e.g. 60: a practice is in place when 60% of those who answered agree",
                );
                DEFAULT_PRACTICE_THRESHOLD
            }
        }
    }
}

/// Every check of a staged rubric, collecting all problems at once. Also run
/// on unstaged rubrics for what they give (ids, `addresses`, horizons).
pub(super) fn check(cx: &mut Ctx, raw: &RawRubric, rubric: &Rubric) {
    let staged = cx.staged;
    let level_names: Vec<&str> = rubric.levels.iter().map(|l| l.name.as_str()).collect();
    let mut rec_ids: HashMap<String, String> = HashMap::new();
    for (d, rd) in rubric.dimensions.iter().zip(&raw.dimensions) {
        let dim_at = rd.id.as_ref().map_or(rd.span.clone(), |i| i.span());
        // Questions: a level must exist, be above the first, and not sit on
        // a reverse-keyed item (disagreeing is not a practice).
        let mut reverse = 0;
        for (q, rq) in d.questions.iter().zip(&rd.questions) {
            reverse += usize::from(q.reverse);
            let Some(l) = &rq.level else { continue };
            match rubric.level_index(l.get_ref()) {
                None => cx.diags.push(
                    Diagnostic::error(format!("unknown level `{}`", l.get_ref()))
                        .at(&cx.source, l.span(), "no [[level]] has this name")
                        .help(format!("levels are: {}", level_names.join(", "))),
                ),
                Some(0) => cx.err(
                    format!(
                        "`{}` is the first level, which needs no practice",
                        l.get_ref()
                    ),
                    l.span(),
                    "name the level at which this practice is first expected",
                ),
                Some(_) if q.reverse => cx.err(
                    "a reverse-keyed question cannot carry a level",
                    l.span(),
                    "disagreeing with a statement is not a practice in place",
                ),
                Some(_) => {}
            }
        }
        let levelled: Vec<usize> = d
            .questions
            .iter()
            .filter_map(|q| q.level.as_deref().and_then(|l| rubric.level_index(l)))
            .collect();
        if staged && levelled.is_empty() {
            cx.err(
                format!("dimension `{}` has no levelled question", d.id),
                dim_at.clone(),
                "in a rubric whose questions carry levels, give every dimension practices with a `level`",
            );
        }
        if staged && !levelled.is_empty() {
            let empty: Vec<&str> = (1..rubric.levels.len())
                .filter(|i| !levelled.contains(i))
                .map(|i| rubric.levels[i].name.as_str())
                .collect();
            if !empty.is_empty() {
                cx.err(
                    format!(
                        "dimension `{}` has no practice for level(s): {}",
                        d.id,
                        empty.join(", ")
                    ),
                    dim_at.clone(),
                    "a level without practices would be attained by default",
                );
            }
        }
        if staged && reverse > 1 {
            cx.diags.push(
                Diagnostic::warning(format!(
                    "dimension `{}` has {reverse} reverse-keyed questions",
                    d.id
                ))
                .at(&cx.source, dim_at.clone(), "more than one")
                .help("an organization that does nothing truly disagrees with them, which scores as readiness; keep at most one as an attention check"),
            );
        }

        // Recommendations.
        for (r, rr) in d.recommendations.iter().zip(&rd.recommendations) {
            let at = rr.title.as_ref().map_or(rr.span.clone(), |t| t.span());
            match &rr.id {
                None if staged => cx.err(
                    "this recommendation has no `id`",
                    at.clone(),
                    "give a stable id, e.g. id = \"data.usage-rights\", so plans can track it",
                ),
                None => {}
                Some(id) => {
                    if let Some(first) = rec_ids.insert(id.get_ref().clone(), d.id.clone()) {
                        cx.err(
                            format!("duplicate recommendation id `{}`", id.get_ref()),
                            id.span(),
                            &format!("already used in dimension `{first}`"),
                        );
                    }
                }
            }
            if let Some(list) = &rr.addresses {
                for a in list.get_ref() {
                    if !d.questions.iter().any(|q| q.id == *a.get_ref()) {
                        let other = rubric.questions().find(|(_, q)| q.id == *a.get_ref());
                        let label = match other {
                            Some((od, _)) => {
                                format!("a question of `{}`, not of `{}`", od.id, d.id)
                            }
                            None => "no question has this id".to_string(),
                        };
                        cx.err(
                            format!("`addresses` names unknown question `{}`", a.get_ref()),
                            a.span(),
                            &label,
                        );
                    }
                }
            } else if staged {
                cx.err(
                    "this recommendation addresses no practice",
                    at.clone(),
                    "name the question ids it puts in place: addresses = [\"...\"]",
                );
            }
            if let Some(h) = &rr.horizon {
                if ![30, 60, 90].contains(h.get_ref()) {
                    cx.err(
                        "`horizon` must be 30, 60 or 90 (days)",
                        h.span(),
                        "days to a first visible result",
                    );
                }
            }
            if staged && r.owner.is_none() {
                cx.err(
                    "this recommendation has no `owner`",
                    at.clone(),
                    "name the role that owns it, e.g. owner = \"Data governance lead\"",
                );
            }
            if staged {
                if let Some(c) = &rr.cite {
                    cx.err(
                        "a citation without a `finding`",
                        c.span(),
                        "use [[dimension.recommendation.evidence]] with `cite` and `finding` (what the paper found that supports this action)",
                    );
                }
            }
            for e in &rr.evidence {
                if e.finding
                    .as_ref()
                    .is_none_or(|f| f.get_ref().trim().is_empty())
                {
                    let at = e.cite.as_ref().map_or(e.span.clone(), |c| c.span());
                    cx.err(
                        format!("citation `{}` has no `finding`", text(&e.cite)),
                        at,
                        "say in one sentence what the paper found that supports this action",
                    );
                }
            }
        }
        // A practice above the first level that nothing addresses would
        // leave the report without a first step once it is the weakest.
        if staged {
            for (q, rq) in d.questions.iter().zip(&rd.questions) {
                let above_first = q
                    .level
                    .as_deref()
                    .and_then(|l| rubric.level_index(l))
                    .is_some_and(|i| i > 0);
                let addressed = d
                    .recommendations
                    .iter()
                    .any(|r| r.addresses.contains(&q.id));
                if above_first && !addressed {
                    let at = rq
                        .level
                        .as_ref()
                        .map(|l| l.span())
                        .unwrap_or(dim_at.clone());
                    cx.err(
                        format!("no recommendation addresses practice `{}`", q.id),
                        at,
                        "add `addresses = [\"...\"]` to the recommendation that puts it in place",
                    );
                }
            }
        }
    }
}
