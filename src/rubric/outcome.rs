//! Outcome items: `[outcome]` with `[[outcome.question]]`.
//!
//! An outcome item asks what adoption is for (time saved, trust that wrong
//! answers are caught, value the business can measure) rather than whether a
//! practice is in place. It is answered on a scale like any question and
//! scored 0-100 the same way, but belongs to no dimension, names no level and
//! does not enter the overall score: a respondent's answers to the outcome
//! items form their *outcome index*, which the driver analysis relates to the
//! dimension scores.
//!
//! ```toml
//! [outcome]
//! id = "outcome"            # optional, default "outcome"; its matrix code in survey tools
//! name = "Value from LLMs"  # required
//! short_name = "Value"      # optional, at most 24 characters
//! description = "..."
//!
//! [[outcome.question]]      # one or more; same keys as a dimension's question, without `level`
//! id = "outcome.time_saved"
//! text = "In the last three months, ..."
//! ```

use std::collections::HashMap;
use std::ops::Range;

use super::parse::{question, RawQuestion, RawRubric, S};
use super::validate::{check_question_names, check_scale, check_weight, text, valid_item_id, Ctx};
use super::{Dimension, Question, Scale};
use crate::tomlwalk::{Table, Walker};

/// The id of the outcome when `[outcome]` names none.
pub const DEFAULT_ID: &str = "outcome";

#[derive(Debug)]
pub struct RawOutcome {
    pub span: Range<usize>,
    pub id: Option<S<String>>,
    pub name: Option<S<String>>,
    pub short_name: Option<S<String>>,
    pub description: Option<S<String>>,
    pub questions: Vec<RawQuestion>,
}

/// First pass: the `[outcome]` table.
pub(super) fn parse(w: &mut Walker, mut t: Table) -> RawOutcome {
    let mut o = RawOutcome {
        span: t.span.clone(),
        id: w.opt_str(&mut t, "id"),
        name: w.req_str(&mut t, "name"),
        short_name: w.opt_str(&mut t, "short_name"),
        description: w.opt_str(&mut t, "description"),
        questions: Vec::new(),
    };
    for q in w.tables(&mut t, "question") {
        o.questions.push(question(w, q));
    }
    w.finish(t);
    o
}

/// Second pass: checks the outcome items against each other and against
/// the dimensions (ids and texts name CSV columns, so they must be unique
/// across the whole rubric).
pub(super) fn check(cx: &mut Ctx, raw: &RawRubric, scale: &Scale) -> Option<Dimension> {
    let o = raw.outcome.as_ref()?;
    let id =
        o.id.as_ref()
            .map_or(DEFAULT_ID.to_string(), |i| i.get_ref().clone());
    if let Some(i) = &o.id {
        if !valid_item_id(i.get_ref()) {
            cx.err(
                format!("outcome id `{}` is not a valid id", i.get_ref()),
                i.span(),
                "use letters, digits, '-', '_' or '.'",
            );
        }
    }
    let id_span = o.id.as_ref().map_or(o.span.clone(), |i| i.span());
    if raw.dimensions.iter().any(|d| text(&d.id) == id) {
        cx.err(
            format!("the outcome's id `{id}` is also a dimension's id"),
            id_span.clone(),
            "give the outcome an id of its own (`id = \"outcome\"`)",
        );
    }
    if o.questions.is_empty() {
        cx.err(
            "`[outcome]` has no question",
            id_span,
            "add [[outcome.question]] tables",
        );
    }
    if let Some(sn) = &o.short_name {
        if sn.get_ref().chars().count() > 24 {
            cx.err(
                "`short_name` is longer than 24 characters",
                sn.span(),
                "charts have room for about 24",
            );
        }
    }
    // Ids and texts of the dimensions' questions, which come first.
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut texts: HashMap<String, String> = HashMap::new();
    for d in &raw.dimensions {
        for q in &d.questions {
            if let Some(i) = &q.id {
                ids.entry(i.get_ref().clone())
                    .or_insert_with(|| text(&d.id));
            }
            if let Some(t) = &q.text {
                let key = t.get_ref().trim().to_lowercase();
                texts.entry(key).or_insert_with(|| text(&d.id));
            }
        }
    }
    let mut questions = Vec::new();
    for q in &o.questions {
        check_question_names(
            cx,
            raw,
            (&q.id, &q.text),
            &id,
            (&mut ids, &mut texts),
            |first| format!("`{first}`"),
        );
        if let Some(l) = &q.level {
            cx.err(
                "an outcome item names no level",
                l.span(),
                "outcome items measure what adoption is for, not a practice; remove `level`",
            );
        }
        questions.push(Question {
            id: text(&q.id),
            text: text(&q.text),
            reverse: q.reverse.as_ref().is_some_and(|r| *r.get_ref()),
            weight: check_weight(cx, &q.weight),
            scale: match &q.scale {
                Some(s) => check_scale(cx, s, Some(scale)),
                None => scale.clone(),
            },
            level: None,
        });
    }
    Some(Dimension {
        id,
        name: text(&o.name),
        short_name: o
            .short_name
            .as_ref()
            .map_or_else(|| text(&o.name), |s| s.get_ref().clone()),
        weight: 1.0,
        description: text(&o.description),
        questions,
        recommendations: Vec::new(),
    })
}
