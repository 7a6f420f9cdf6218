//! The rubric: which questions measure which dimension, how answers score,
//! the maturity levels and the recommendations at each level.
//!
//! Loading is two passes, as cargo-deny does with its config: [`parse`] reads
//! the TOML into span-carrying raw structs, [`validate`] checks them and
//! collects every problem. Only a rubric with no errors is returned.

mod aliases;
mod comments;
mod limits;
mod outcome;
mod parse;
mod practices;
mod summary;
mod validate;

pub use comments::{CommentQuestion, CommentRules, Theme, DEFAULT_COMMENT_THRESHOLD, OTHER_THEME};
pub use summary::summary;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::bibliography::{self, Bibliography};
use crate::diag::{Diagnostic, Source};

/// The default rubric compiled into the binary.
pub const BUILTIN_TEXT: &str = include_str!("../../rubrics/llm-adoption.toml");
pub const BUILTIN_NAME: &str = "rubrics/llm-adoption.toml (built in)";

#[derive(Debug, Clone, Serialize)]
pub struct Rubric {
    pub id: String,
    pub title: String,
    pub version: String,
    /// Where the rubric was read from, for messages and reports.
    pub origin: String,
    pub scale: Scale,
    pub respondents: Respondents,
    pub privacy: Privacy,
    pub levels: Vec<Level>,
    /// The favorable share (percent) at which a practice counts as in place,
    /// for rubrics whose questions carry levels (`[practices] in_place`).
    pub practice_threshold: f64,
    /// Some question names a level (see [`Rubric::staged`]); decided once
    /// when the rubric is read, since scoring asks it per group and
    /// dimension.
    #[serde(skip)]
    pub(crate) staged_levels: bool,
    pub dimensions: Vec<Dimension>,
    /// Free-text questions, the comment threshold and the themes.
    pub comments: CommentRules,
    /// Outcome items (`[outcome]`): asked like a dimension's questions and
    /// scored on the same scale into each respondent's outcome index, but
    /// part of no dimension, of no level and not of the overall score. Kept
    /// as a dimension without recommendations, so that questionnaires and
    /// export readers treat it as one more section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Dimension>,
    #[serde(skip)]
    pub bibliography: Bibliography,
}

/// An answer scale: integer points `min..=max`, optional labels (one per
/// point) and answers that mean "not answered".
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    pub labels: Vec<String>,
    pub missing: Vec<String>,
    /// Answers meaning "I cannot tell": not scored, but counted (a practice
    /// most people cannot see is unknown, not missing).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_sure: Vec<String>,
    /// Answers meaning "this does not apply to my work": not scored, but
    /// counted into a dimension's applicability.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_applicable: Vec<String>,
}

impl Scale {
    pub fn points(&self) -> usize {
        (self.max - self.min + 1) as usize
    }

    /// The non-answers a questionnaire offers after the scale, in this
    /// order (exports that number choices write them as max+1, max+2, ..):
    /// the first `missing`, `not_sure` and `not_applicable` label of each.
    pub fn extra_choices(&self) -> Vec<String> {
        [&self.missing, &self.not_sure, &self.not_applicable]
            .into_iter()
            .filter_map(|l| l.first().cloned())
            .collect()
    }

    /// The label of a point, when labels are given.
    pub fn label(&self, point: i64) -> Option<&str> {
        let i = usize::try_from(point - self.min).ok()?;
        self.labels.get(i).map(String::as_str)
    }
}

impl Default for Scale {
    fn default() -> Self {
        Scale {
            min: 1,
            max: 5,
            labels: Vec::new(),
            missing: Vec::new(),
            not_sure: Vec::new(),
            not_applicable: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Respondents {
    /// Column naming the respondent (used to drop re-submissions).
    pub id: Option<String>,
    /// Columns results can be broken down by.
    pub groups: Vec<String>,
    /// The answers a group column offers in a generated questionnaire
    /// (`[respondents.choices]`), in the order of `groups`. A group column
    /// without choices is asked as free text: teams differ per company.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<(String, Vec<String>)>,
    /// `[respondents.aliases]`: group column -> (group, its other
    /// spellings), in file order. Applied before anything is counted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<(String, Vec<GroupSpellings>)>,
}

/// A group and its other spellings (`[respondents.aliases.<column>]`).
pub type GroupSpellings = (String, Vec<String>);

impl Respondents {
    /// The choices of a group column, when the rubric lists them.
    pub fn choices_for(&self, group: &str) -> Option<&[String]> {
        self.choices
            .iter()
            .find(|(g, _)| g == group)
            .map(|(_, c)| c.as_slice())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Privacy {
    pub min_group_size: usize,
}

/// The smallest group size the tool will ever show, whatever is configured:
/// below three, a group's answers are close to individual answers.
pub const MIN_GROUP_SIZE_FLOOR: usize = 3;
pub const DEFAULT_MIN_GROUP_SIZE: usize = 5;
/// A practice is in place when at least this share (percent) of those who
/// answered agree, unless the rubric sets `[practices] in_place`.
pub const DEFAULT_PRACTICE_THRESHOLD: f64 = 60.0;

#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub name: String,
    /// Lowest 0-100 score at this level.
    pub min: f64,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    /// A label for chart axes and table columns; defaults to `name`.
    pub short_name: String,
    pub weight: f64,
    pub description: String,
    pub questions: Vec<Question>,
    pub recommendations: Vec<Recommendation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub reverse: bool,
    pub weight: f64,
    /// The question's own scale, or the rubric's.
    pub scale: Scale,
    /// The maturity level at which this practice is expected (staged
    /// levels); `None` on rubrics that level by score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    /// A stable id, so plans and commitments can name it across waves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub levels: Vec<String>,
    /// The practices (question ids) this recommendation puts in place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
    /// Who should own it (a role, not a person).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Days to a first result: 30, 60 or 90.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizon: Option<u32>,
    pub title: String,
    pub text: String,
    /// The keys of `evidence`, in order.
    pub cite: Vec<String>,
    /// Each citation with what the paper found that supports this action.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub key: String,
    /// One sentence: what the paper found that supports the action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
}

impl Rubric {
    /// Whether levels are staged by practice: some question names a level.
    /// Otherwise a level is a cut-off on the 0-100 score.
    pub fn staged(&self) -> bool {
        self.staged_levels
    }

    /// The position of a level by name.
    pub fn level_index(&self, name: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.name == name)
    }

    /// The level a 0-100 score reaches: the highest whose `min` it reaches.
    pub fn level_for(&self, score: f64) -> &Level {
        self.levels
            .iter()
            .rev()
            .find(|l| score >= l.min)
            .unwrap_or(&self.levels[0])
    }

    pub fn questions(&self) -> impl Iterator<Item = (&Dimension, &Question)> {
        self.dimensions
            .iter()
            .flat_map(|d| d.questions.iter().map(move |q| (d, q)))
    }

    /// What a questionnaire asks, section by section: the dimensions, then
    /// the outcome items when the rubric has them.
    pub fn sections(&self) -> impl Iterator<Item = &Dimension> {
        self.dimensions.iter().chain(self.outcome.as_ref())
    }

    /// Every question asked: the dimensions' in rubric order, then the
    /// outcome items.
    pub fn asked(&self) -> impl Iterator<Item = (&Dimension, &Question)> {
        self.sections()
            .flat_map(|d| d.questions.iter().map(move |q| (d, q)))
    }

    /// Keys cited anywhere, in order of first citation.
    pub fn cited_keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        for d in &self.dimensions {
            for r in &d.recommendations {
                for k in &r.cite {
                    if !keys.contains(&k.as_str()) {
                        keys.push(k);
                    }
                }
            }
        }
        keys
    }
}

/// A rubric that passed validation, with the warnings it had.
#[derive(Debug)]
pub struct Loaded {
    pub rubric: Rubric,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {}", .path.display(), crate::survey::input::io_reason(.source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Every problem found, errors and warnings, sorted by position.
    #[error("the rubric has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    Invalid(Vec<Diagnostic>),
}

/// Loads the rubric at `path`, or the built-in one when `path` is `None`.
pub fn load(path: Option<&Path>) -> Result<Loaded, LoadError> {
    match path {
        None => load_str(BUILTIN_NAME, BUILTIN_TEXT, None),
        Some(p) => {
            let text = read_text(p)?;
            load_str(&p.display().to_string(), &text, p.parent())
        }
    }
}

fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = crate::survey::input::read_small(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // Editors on Windows may save with a BOM; TOML itself forbids it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| LoadError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
    })
}

/// Loads a rubric from text. `dir` resolves a relative `bibliography` path;
/// `None` means the rubric is built in, whose bibliography is built in too.
pub fn load_str(name: &str, text: &str, dir: Option<&Path>) -> Result<Loaded, LoadError> {
    let source = Arc::new(Source::new(name, text));
    let (raw, mut diags) = parse::parse(Arc::clone(&source));
    let Some(raw) = raw else {
        return Err(LoadError::Invalid(diags));
    };
    let bib_source = match &raw.bibliography {
        None => Arc::new(Source::new(
            bibliography::BUILTIN_NAME,
            bibliography::BUILTIN_TEXT,
        )),
        Some(rel) => {
            let path = dir.unwrap_or(Path::new(".")).join(rel.get_ref());
            match read_text(&path) {
                Ok(t) => Arc::new(Source::new(path.display().to_string(), t)),
                Err(e) => {
                    diags.push(Diagnostic::error(e.to_string()).at(
                        &source,
                        rel.span(),
                        "the bibliography named here",
                    ));
                    diags.extend(validate::validate(&raw, &source, None).1);
                    crate::diag::sort(&mut diags);
                    return Err(LoadError::Invalid(diags));
                }
            }
        }
    };
    let (bib, bib_diags) = Bibliography::parse(bib_source);
    diags.extend(bib_diags);
    let (rubric, more) = validate::validate(&raw, &source, Some(bib));
    diags.extend(more);
    crate::diag::sort(&mut diags);
    match rubric {
        Some(rubric) if !diags.iter().any(Diagnostic::is_error) => Ok(Loaded {
            rubric,
            warnings: diags,
        }),
        _ => Err(LoadError::Invalid(diags)),
    }
}
