//! Free-text comment questions, the comment threshold and the themes
//! comments are sorted into: `[comments]`, `[[comment]]` and each
//! dimension's `keywords`.
//!
//! ```toml
//! [comments]
//! threshold = 10                      # commenters a group needs; default 10
//! other = ["training", "time"]        # keywords of the "Other" theme
//!
//! [[comment]]
//! id = "comment.help"
//! text = "What would most help your team use LLMs better?"
//! dimension = "prompting"             # optional
//! ```
//!
//! The threshold is never below the privacy threshold (`[privacy]
//! min_group_size`): a group whose scores are too small to show has
//! comments too few to show as well. Problems are reported with their
//! spans like every other rubric check.

use serde::Serialize;

use super::parse::{RawRubric, S};
use super::validate::Ctx;
use super::Dimension;
use crate::diag::Diagnostic;
use crate::tomlwalk::{Table, Walker};

/// Commenters a group needs before its comments are shown, unless the
/// rubric sets `[comments] threshold` (never below the privacy threshold).
pub const DEFAULT_COMMENT_THRESHOLD: usize = 10;

/// The id of the theme for comments about anything else.
pub const OTHER_THEME: &str = "other";

#[derive(Debug, Default)]
pub struct RawComments {
    pub threshold: Option<S<i64>>,
    pub other: Option<S<Vec<S<String>>>>,
    pub questions: Vec<RawCommentQuestion>,
}

#[derive(Debug)]
pub struct RawCommentQuestion {
    pub span: std::ops::Range<usize>,
    pub id: Option<S<String>>,
    pub text: Option<S<String>>,
    pub dimension: Option<S<String>>,
}

/// Reads `[comments]` and `[[comment]]` from the top table.
pub(super) fn parse(w: &mut Walker, top: &mut Table) -> RawComments {
    let mut raw = RawComments::default();
    if let Some(mut t) = w.opt_table(top, "comments") {
        raw.threshold = w.opt_int(&mut t, "threshold");
        raw.other = w.opt_str_list(&mut t, "other");
        w.finish(t);
    }
    for mut t in w.tables(top, "comment") {
        raw.questions.push(RawCommentQuestion {
            span: t.span.clone(),
            id: w.req_str(&mut t, "id"),
            text: w.req_str(&mut t, "text"),
            dimension: w.opt_str(&mut t, "dimension"),
        });
        w.finish(t);
    }
    raw
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CommentRules {
    /// Commenters a group needs before its comments (counts, themes,
    /// quotes) are shown.
    pub threshold: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<CommentQuestion>,
    /// The dimensions' themes in rubric order (those with keywords), then
    /// "Other".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentQuestion {
    pub id: String,
    pub text: String,
    /// The dimension the question belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Theme {
    /// A dimension's id, or [`OTHER_THEME`].
    pub id: String,
    pub name: String,
    pub keywords: Vec<String>,
}

/// Checks the comment settings against the dimensions and the privacy
/// threshold `k`.
pub(super) fn check(
    cx: &mut Ctx,
    raw: &RawRubric,
    dimensions: &[Dimension],
    k: usize,
) -> CommentRules {
    let c = &raw.comments;
    let default = DEFAULT_COMMENT_THRESHOLD.max(k);
    let threshold = match &c.threshold {
        None => default,
        Some(t) if *t.get_ref() < k as i64 => {
            cx.err(
                format!(
                    "the comment threshold ({}) is below the privacy threshold ({k})",
                    t.get_ref()
                ),
                t.span(),
                &format!("at least {k}: comments identify people more easily than scores"),
            );
            default
        }
        Some(t) => *t.get_ref() as usize,
    };
    let question_ids: Vec<&str> = dimensions
        .iter()
        .flat_map(|d| d.questions.iter().map(|q| q.id.as_str()))
        .collect();
    let mut questions: Vec<CommentQuestion> = Vec::new();
    for q in &c.questions {
        let (Some(id), Some(text)) = (&q.id, &q.text) else {
            continue;
        };
        let name = id.get_ref().trim();
        if name.is_empty() || text.get_ref().trim().is_empty() {
            cx.err(
                "a comment question needs a non-empty `id` and `text`",
                q.span.start..q.span.start,
                "here",
            );
            continue;
        }
        if questions.iter().any(|p| p.id == name) || question_ids.contains(&name) {
            cx.err(
                format!("duplicate question id `{name}`"),
                id.span(),
                "a question or comment question already has this id",
            );
        }
        let dimension = q.dimension.as_ref().and_then(|d| {
            let known = dimensions.iter().any(|x| x.id == *d.get_ref());
            if !known {
                let ids: Vec<&str> = dimensions.iter().map(|x| x.id.as_str()).collect();
                cx.diags.push(
                    Diagnostic::error(format!("unknown dimension `{}`", d.get_ref()))
                        .at(&cx.source, d.span(), "no [[dimension]] has this id")
                        .help(format!("dimensions are: {}", ids.join(", "))),
                );
            }
            known.then(|| d.get_ref().clone())
        });
        questions.push(CommentQuestion {
            id: name.to_string(),
            text: text.get_ref().trim().to_string(),
            dimension,
        });
    }
    let mut themes = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for (d, rd) in dimensions.iter().zip(&raw.dimensions) {
        if let Some(k) = &rd.keywords {
            let keywords = keywords(cx, k, &d.id, &mut seen);
            themes.push(Theme {
                id: d.id.clone(),
                name: d.short_name.clone(),
                keywords,
            });
        }
    }
    let other = c
        .other
        .as_ref()
        .map(|k| keywords(cx, k, OTHER_THEME, &mut seen))
        .unwrap_or_default();
    if !themes.is_empty() || !other.is_empty() || !questions.is_empty() {
        themes.push(Theme {
            id: OTHER_THEME.into(),
            name: "Other".into(),
            keywords: other,
        });
    }
    CommentRules {
        threshold,
        questions,
        themes,
    }
}

/// One theme's keywords: each must hold a letter or digit and appear once;
/// a keyword of two themes tags both, which is allowed but worth a
/// warning.
fn keywords(
    cx: &mut Ctx,
    list: &S<Vec<S<String>>>,
    theme: &str,
    seen: &mut Vec<(String, String)>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in list.get_ref() {
        let word = item.get_ref().trim();
        if !word.chars().any(char::is_alphanumeric) {
            cx.err(
                format!("keyword `{}` has no letter or digit", item.get_ref()),
                item.span(),
                "a keyword is a word or a phrase",
            );
            continue;
        }
        let key = word.to_lowercase();
        if out.iter().any(|o| o.to_lowercase() == key) {
            cx.err(
                format!("duplicate keyword `{word}`"),
                item.span(),
                "already listed for this theme",
            );
            continue;
        }
        if let Some((other, _)) = seen.iter().find(|(t, w)| t != theme && *w == key) {
            cx.diags.push(
                Diagnostic::warning(format!(
                    "keyword `{word}` is also a keyword of theme `{other}`"
                ))
                .at(&cx.source, item.span(), "tags both themes"),
            );
        }
        seen.push((theme.to_string(), key));
        out.push(word.to_string());
    }
    out
}
