//! The rubric's size limits ([`crate::limits`]): dimensions, questions per
//! dimension and questions in all, each an error at the first one too many.

use super::parse::RawRubric;
use super::validate::Ctx;
use crate::limits::{MAX_DIMENSIONS, MAX_QUESTIONS, MAX_QUESTIONS_PER_DIMENSION};

pub(super) fn check(cx: &mut Ctx, raw: &RawRubric) {
    // A dimension is pointed at by its id: its table can be long.
    let at = |d: &super::parse::RawDimension| d.id.as_ref().map_or(d.span.clone(), |i| i.span());
    if let Some(d) = raw.dimensions.get(MAX_DIMENSIONS) {
        cx.err(
            format!(
                "the rubric has {} dimensions; at most {MAX_DIMENSIONS} are read (a report of more would be unreadable, and each costs memory in every group)",
                raw.dimensions.len()
            ),
            at(d),
            "the first dimension too many",
        );
    }
    let mut total = 0;
    for d in &raw.dimensions {
        let name =
            d.id.as_ref()
                .map_or(String::new(), |i| format!(" `{}`", i.get_ref()));
        if d.questions.len() > MAX_QUESTIONS_PER_DIMENSION {
            cx.err(
                format!(
                    "dimension{name} has {} questions; at most {MAX_QUESTIONS_PER_DIMENSION} are read (its reliability counts every pair of them): split it into several dimensions",
                    d.questions.len()
                ),
                at(d),
                "too many questions",
            );
        }
        let before = total;
        total += d.questions.len();
        if before <= MAX_QUESTIONS && total > MAX_QUESTIONS {
            cx.err(
                format!("the rubric has more than {MAX_QUESTIONS} questions; at most {MAX_QUESTIONS} are read"),
                at(d),
                "the question limit is passed in this dimension",
            );
        }
    }
}
