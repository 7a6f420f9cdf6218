//! The report's comments section: what people wrote, by theme, for the
//! organization and the groups whose comments may be shown (see
//! [`crate::comments`] for what is shown and why). Built from the scores'
//! cleared comment figures; reads no files.

use serde::Serialize;

use crate::comments::{text::MAX_CHARS, CommentGroup, CommentSummary};
use crate::rubric::Rubric;
use crate::text::plural;

#[derive(Debug, Clone, Serialize)]
pub struct CommentsSection {
    /// Commenters a group needs for its comments to be shown.
    pub threshold: usize,
    /// The comment questions asked, as worded.
    pub questions: Vec<String>,
    /// One paragraph: who commented and what is shown.
    pub summary: String,
    /// The organization first, then the shown groups; empty when too few
    /// commented.
    pub blocks: Vec<CommentBlock>,
    /// How comments are handled, with the redaction, withholding and
    /// exclusion counts, for the method section.
    pub method: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentBlock {
    /// "Organization" or "team: Platform".
    pub title: String,
    pub commenters: u64,
    /// Themes with at least one commenter, most mentioned first.
    pub themes: Vec<ThemeBlock>,
    /// Themes whose count the disclosure audit withholds here, by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub withheld_themes: Vec<String>,
    /// "Not shown, for privacy: …", when some are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld_note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeBlock {
    pub id: String,
    pub name: String,
    /// Commenters whose comments carry the theme; `None` when withheld
    /// for privacy (then it has no quotes either).
    pub count: Option<u64>,
    /// Of the block's commenters, rounded to a whole percent.
    pub share_pct: Option<u64>,
    /// The count as shown: "12 (34%)", or "fewer than 10" / "not shown".
    pub count_text: String,
    pub quotes: Vec<QuoteView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    /// The comment question answered, as worded.
    pub question: String,
    /// Redacted, made inert and cut; renderers escape it for their format.
    pub text: String,
}

/// The section, when the rubric asks comment questions that the file has
/// columns for.
pub fn section(rubric: &Rubric, scores: &crate::score::model::Scores) -> Option<CommentsSection> {
    let c = scores.comments.as_ref()?;
    let question_text = |id: &str| {
        rubric
            .comments
            .questions
            .iter()
            .find(|q| q.id == id)
            .map_or_else(|| id.to_string(), |q| q.text.clone())
    };
    let mut blocks = Vec::new();
    if let Some(org) = &c.organization {
        blocks.push(block(c, org, "Organization".into(), &question_text));
    }
    for g in &c.groups {
        let title = format!(
            "{}: {}",
            g.column.as_deref().unwrap_or_default(),
            g.value.as_deref().unwrap_or_default()
        );
        blocks.push(block(c, g, title, &question_text));
    }
    let summary = match &c.organization {
        None => format!(
            "Fewer than {} people wrote a comment, so no comment is shown: with so few, a comment could tell who wrote it.",
            c.threshold
        ),
        Some(org) => {
            let shown = c.groups.len();
            format!(
                "{} wrote a comment. Comments are grouped by theme (a comment can carry several); the figures count people, and up to three comments are quoted per theme. A group's comments are shown only when {} or more of its people wrote one, the group is shown elsewhere in this report and no hidden group's figures could be worked out from them; {} {} shown here. Other groups' comments appear only among the organization's, unattributed.",
                people(org.commenters),
                c.threshold,
                shown,
                if shown == 1 { "group is" } else { "groups are" }
            )
        }
    };
    Some(CommentsSection {
        threshold: c.threshold,
        questions: c.questions.iter().map(|q| question_text(q)).collect(),
        summary,
        blocks,
        method: method(c),
    })
}

fn block(
    c: &CommentSummary,
    g: &CommentGroup,
    title: String,
    question_text: &dyn Fn(&str) -> String,
) -> CommentBlock {
    let mut themes: Vec<ThemeBlock> = g
        .themes
        .iter()
        .filter(|t| t.count != Some(0))
        .map(|t| ThemeBlock {
            id: t.id.clone(),
            name: c
                .themes
                .iter()
                .find(|x| x.id == t.id)
                .map_or_else(|| t.id.clone(), |x| x.name.clone()),
            count: t.count,
            share_pct: t
                .count
                .map(|n| (100.0 * n as f64 / g.commenters.max(1) as f64).round() as u64),
            count_text: match t.count {
                Some(n) => format!(
                    "{n} ({}%)",
                    (100.0 * n as f64 / g.commenters.max(1) as f64).round() as u64
                ),
                None => "not shown (privacy)".into(),
            },
            quotes: t
                .quotes
                .iter()
                .map(|q| QuoteView {
                    question: question_text(&q.question),
                    text: q.text.clone(),
                })
                .collect(),
        })
        .collect();
    // Most mentioned first; the rubric's order breaks ties (a stable sort).
    themes.sort_by_key(|t| std::cmp::Reverse(t.count.unwrap_or(0)));
    let (themes, withheld): (Vec<ThemeBlock>, Vec<ThemeBlock>) =
        themes.into_iter().partition(|t| t.count.is_some());
    let withheld_themes: Vec<String> = withheld.into_iter().map(|t| t.name).collect();
    CommentBlock {
        title,
        commenters: g.commenters,
        themes,
        withheld_note: (!withheld_themes.is_empty()).then(|| {
            format!(
                "Not shown, so that no hidden group's count can be worked out: {}.",
                withheld_themes.join(", ")
            )
        }),
        withheld_themes,
    }
}

/// The rules and the counts, for the method section.
fn method(c: &CommentSummary) -> Vec<String> {
    vec![
        format!(
            "Comments are shown only for the organization and for groups in which {} or more people wrote one (the comment threshold, never below the privacy threshold), never for a group hidden anywhere else in the report, and the disclosure audit checks that no hidden group's comment counts can be worked out from those shown. A comment is quoted only when {} or more commenters share every group the report shows for its writer.",
            c.threshold, c.threshold
        ),
        "A comment is tagged with each theme one of whose keywords it contains (the rubric's keywords per dimension; case does not matter; whole words only, in any language), and with “Other” when it matches no dimension. Quotes: at most three per group and theme, comments of four words or more first, then in a fixed order given by a hash of their text.".to_string(),
        format!(
            "Before anything is shown, e-mail addresses and other words with an @, phone numbers, links with a user name and respondent ids are replaced by [e-mail], [phone], [link] and [id]; control, zero-width and direction-changing characters are removed. Comments longer than {MAX_CHARS} characters are cut at a word and end with “[…]”."
        ),
        format!(
            "Redacted: {}. Withheld because they name a group whose comments are not shown: {}. Excluded by the survey's owner: {}.",
            plural(c.redacted as usize, "comment"),
            plural(c.withheld as usize, "comment"),
            plural(c.excluded as usize, "respondent")
        ),
    ]
}

fn people(n: u64) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}
