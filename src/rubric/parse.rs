//! First pass: TOML text -> raw rubric with the span of every value.
//!
//! Type errors, missing required keys and unknown keys are reported here;
//! whatever could be read is kept so that the second pass can still check it.

use std::ops::Range;
use std::sync::Arc;

use toml::de::DeValue;
use toml::Spanned;

use crate::diag::{Diagnostic, Source};
use crate::tomlwalk::{Table, Walker};

pub type S<T> = Spanned<T>;

#[derive(Debug, Default)]
pub struct RawRubric {
    pub span: Range<usize>,
    pub id: Option<S<String>>,
    pub title: Option<S<String>>,
    pub version: Option<S<String>>,
    pub bibliography: Option<S<String>>,
    pub scale: Option<RawScale>,
    pub respondent_id: Option<S<String>>,
    pub groups: Vec<S<String>>,
    /// `[respondents.choices]`: group column (with the key's span) -> its
    /// list of answers, in file order.
    pub choices: Vec<RawChoices>,
    /// `[respondents.aliases]`: spellings of a group that are one group.
    pub aliases: Vec<super::aliases::RawAliases>,
    pub min_group_size: Option<S<i64>>,
    /// `[practices] in_place`: percent favorable for a practice in place.
    pub in_place: Option<S<f64>>,
    pub levels: Vec<RawLevel>,
    pub dimensions: Vec<RawDimension>,
    /// `[comments]` and `[[comment]]`: free-text questions and their themes.
    pub comments: super::comments::RawComments,
    /// `[outcome]`: items scored into no dimension (see `super::outcome`).
    pub outcome: Option<super::outcome::RawOutcome>,
}

#[derive(Debug, Default, Clone)]
pub struct RawScale {
    pub span: Range<usize>,
    pub min: Option<S<i64>>,
    pub max: Option<S<i64>>,
    pub labels: Option<S<Vec<S<String>>>>,
    pub missing: Option<S<Vec<S<String>>>>,
    pub not_sure: Option<S<Vec<S<String>>>>,
    pub not_applicable: Option<S<Vec<S<String>>>>,
}

#[derive(Debug)]
pub struct RawChoices {
    pub group: S<String>,
    pub values: S<Vec<S<String>>>,
}

#[derive(Debug)]
pub struct RawLevel {
    pub name: Option<S<String>>,
    pub min: Option<S<f64>>,
    pub description: Option<S<String>>,
}

#[derive(Debug)]
pub struct RawDimension {
    pub span: Range<usize>,
    pub id: Option<S<String>>,
    pub name: Option<S<String>>,
    pub short_name: Option<S<String>>,
    pub weight: Option<S<f64>>,
    pub description: Option<S<String>>,
    pub questions: Vec<RawQuestion>,
    pub recommendations: Vec<RawRecommendation>,
    /// Theme keywords for free-text comments.
    pub keywords: Option<S<Vec<S<String>>>>,
}

#[derive(Debug)]
pub struct RawQuestion {
    pub id: Option<S<String>>,
    pub text: Option<S<String>>,
    pub reverse: Option<S<bool>>,
    pub weight: Option<S<f64>>,
    pub scale: Option<RawScale>,
    pub level: Option<S<String>>,
}

#[derive(Debug)]
pub struct RawRecommendation {
    pub span: Range<usize>,
    pub id: Option<S<String>>,
    pub levels: Option<S<Vec<S<String>>>>,
    pub addresses: Option<S<Vec<S<String>>>>,
    pub owner: Option<S<String>>,
    pub horizon: Option<S<i64>>,
    pub title: Option<S<String>>,
    pub text: Option<S<String>>,
    pub cite: Option<S<Vec<S<String>>>>,
    pub evidence: Vec<RawEvidence>,
}

/// `[[dimension.recommendation.evidence]]`: a citation with its finding.
#[derive(Debug)]
pub struct RawEvidence {
    pub span: Range<usize>,
    pub cite: Option<S<String>>,
    pub finding: Option<S<String>>,
}

/// Returns `None` only when the text is not TOML at all.
pub fn parse(source: Arc<Source>) -> (Option<RawRubric>, Vec<Diagnostic>) {
    let mut w = Walker::new(Arc::clone(&source));
    let text = Arc::clone(&source.text);
    let Some(doc) = w.parse(&text) else {
        return (None, w.diags);
    };
    let mut top = Table::new(doc.get_ref(), doc.span(), "");
    let mut raw = RawRubric {
        span: doc.span(),
        ..RawRubric::default()
    };

    match w.opt_table(&mut top, "rubric") {
        Some(mut t) => {
            raw.span = t.span.clone();
            raw.id = w.req_str(&mut t, "id");
            raw.title = w.opt_str(&mut t, "title");
            raw.version = w.opt_str(&mut t, "version");
            raw.bibliography = w.opt_str(&mut t, "bibliography");
            w.finish(t);
        }
        None => w.push(
            Diagnostic::error("missing the `[rubric]` table")
                .at(&source, 0..0, "expected `[rubric]` with at least `id`")
                .help("start the file with:\n[rubric]\nid = \"my-rubric\""),
        ),
    }
    raw.scale = w.opt_table(&mut top, "scale").map(|t| scale(&mut w, t));
    if let Some(mut t) = w.opt_table(&mut top, "respondents") {
        raw.respondent_id = w.opt_str(&mut t, "id");
        raw.groups = w
            .opt_str_list(&mut t, "groups")
            .map(|g| g.into_inner())
            .unwrap_or_default();
        raw.choices = choices(&mut w, &mut t);
        raw.aliases = super::aliases::parse(&mut w, &mut t);
        w.finish(t);
    }
    if let Some(mut t) = w.opt_table(&mut top, "privacy") {
        raw.min_group_size = w.opt_int(&mut t, "min_group_size");
        w.finish(t);
    }
    if let Some(mut t) = w.opt_table(&mut top, "practices") {
        raw.in_place = w.opt_num(&mut t, "in_place");
        w.finish(t);
    }
    for mut t in w.tables(&mut top, "level") {
        let level = RawLevel {
            name: w.req_str(&mut t, "name"),
            // Required by the second pass unless levels are staged by practice.
            min: w.opt_num(&mut t, "min"),
            description: w.opt_str(&mut t, "description"),
        };
        w.finish(t);
        raw.levels.push(level);
    }
    for t in w.tables(&mut top, "dimension") {
        raw.dimensions.push(dimension(&mut w, t));
    }
    raw.comments = super::comments::parse(&mut w, &mut top);
    raw.outcome = w
        .opt_table(&mut top, "outcome")
        .map(|t| super::outcome::parse(&mut w, t));
    w.finish(top);
    (Some(raw), w.diags)
}

/// `[respondents.choices]`. Its keys are group columns, i.e. data, so the
/// table is walked here rather than through `Walker`'s named-key readers;
/// whether each key names a group is checked in the second pass.
fn choices(w: &mut Walker, t: &mut Table) -> Vec<RawChoices> {
    let Some(v) = t.get("choices") else {
        return Vec::new();
    };
    let DeValue::Table(inner) = v.get_ref() else {
        w.error(
            format!(
                "`respondents.choices` must be a table, found {}",
                crate::tomlwalk::type_name(v.get_ref())
            ),
            v.span(),
            "expected a table such as { team = [\"Platform\", \"Sales\"] }",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, list) in inner.iter() {
        let name = key.get_ref().to_string();
        let DeValue::Array(items) = list.get_ref() else {
            w.error(
                format!(
                    "`respondents.choices.{name}` must be a list of strings, found {}",
                    crate::tomlwalk::type_name(list.get_ref())
                ),
                list.span(),
                "expected a list of strings",
            );
            continue;
        };
        let mut values = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => values.push(S::new(item.span(), s.to_string())),
                other => w.error(
                    format!(
                        "`respondents.choices.{name}` must list strings, found {}",
                        crate::tomlwalk::type_name(other)
                    ),
                    item.span(),
                    "expected a string",
                ),
            }
        }
        out.push(RawChoices {
            group: S::new(key.span(), name),
            values: S::new(list.span(), values),
        });
    }
    out
}

fn scale(w: &mut Walker, mut t: Table) -> RawScale {
    let s = RawScale {
        span: t.span.clone(),
        min: w.opt_int(&mut t, "min"),
        max: w.opt_int(&mut t, "max"),
        labels: w.opt_str_list(&mut t, "labels"),
        missing: w.opt_str_list(&mut t, "missing"),
        not_sure: w.opt_str_list(&mut t, "not_sure"),
        not_applicable: w.opt_str_list(&mut t, "not_applicable"),
    };
    w.finish(t);
    s
}

/// One `[[…question]]` table, of a dimension or of the outcome.
pub(super) fn question(w: &mut Walker, mut q: Table) -> RawQuestion {
    let question = RawQuestion {
        id: w.req_str(&mut q, "id"),
        text: w.req_str(&mut q, "text"),
        reverse: w.opt_bool(&mut q, "reverse"),
        weight: w.opt_num(&mut q, "weight"),
        scale: w.opt_table(&mut q, "scale").map(|s| scale(w, s)),
        level: w.opt_str(&mut q, "level"),
    };
    w.finish(q);
    question
}

fn dimension(w: &mut Walker, mut t: Table) -> RawDimension {
    let mut d = RawDimension {
        span: t.span.clone(),
        id: w.req_str(&mut t, "id"),
        name: w.req_str(&mut t, "name"),
        short_name: w.opt_str(&mut t, "short_name"),
        weight: w.opt_num(&mut t, "weight"),
        description: w.opt_str(&mut t, "description"),
        questions: Vec::new(),
        recommendations: Vec::new(),
        keywords: w.opt_str_list(&mut t, "keywords"),
    };
    for q in w.tables(&mut t, "question") {
        d.questions.push(question(w, q));
    }
    for mut r in w.tables(&mut t, "recommendation") {
        let mut rec = RawRecommendation {
            span: r.span.clone(),
            id: w.opt_str(&mut r, "id"),
            // Required by the second pass unless the rubric stages its
            // levels by practice (then `addresses` places it).
            levels: w.opt_str_list(&mut r, "levels"),
            addresses: w.opt_str_list(&mut r, "addresses"),
            owner: w.opt_str(&mut r, "owner"),
            horizon: w.opt_int(&mut r, "horizon"),
            title: w.req_str(&mut r, "title"),
            text: w.req_str(&mut r, "text"),
            cite: w.opt_str_list(&mut r, "cite"),
            evidence: Vec::new(),
        };
        for mut e in w.tables(&mut r, "evidence") {
            rec.evidence.push(RawEvidence {
                span: e.span.clone(),
                cite: w.req_str(&mut e, "cite"),
                finding: w.opt_str(&mut e, "finding"),
            });
            w.finish(e);
        }
        w.finish(r);
        d.recommendations.push(rec);
    }
    w.finish(t);
    d
}
