//! The scores of one survey: the `mlbizops.score/v1` JSON document and what
//! the report builder reads. Fields are documented in the README; renaming
//! one breaks users' automation, so add fields rather than change them.

use serde::Serialize;

use crate::survey::Issue;

pub const SCHEMA: &str = "mlbizops.score/v1";

#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    pub schema: &'static str,
    pub rubric: RubricRef,
    pub input: InputInfo,
    pub privacy: PrivacyInfo,
    pub respondents: RespondentCounts,
    pub overall: Overall,
    /// In rubric order.
    pub dimensions: Vec<DimensionScore>,
    /// Every group of every breakdown column, suppressed ones included.
    pub groups: Vec<GroupScore>,
    /// Paired comparisons of the organization's shown dimensions, on the
    /// respondents scored on both (only where k or more are).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paired: Vec<Paired>,
    /// The outcome index (rubrics with outcome items only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<super::outcome::OutcomeScore>,
    /// The driver analysis of the organization (rubrics with outcome items
    /// only): shown, or why not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drivers: Option<super::impact::Drivers>,
    /// Unreadable cells, missing columns, ...; at most `MAX_LISTED_ISSUES`.
    pub issues: Vec<Issue>,
    /// Issues found beyond those listed.
    pub issues_not_listed: u64,
    /// Comment counts and themes (never their texts), when the rubric
    /// asks comment questions and the file has their columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<crate::comments::CommentSummary>,
}

/// A paired t-test of two dimensions: each respondent's score on `a` minus
/// their score on `b`.
#[derive(Debug, Clone, Serialize)]
pub struct Paired {
    pub a: String,
    pub b: String,
    /// Respondents scored on both.
    pub n: u64,
    /// Positive when `a` scores higher; `None` when every difference is
    /// the same.
    pub t: Option<f64>,
    /// `a` scores higher on average over the respondents scored on both
    /// (the sign of `t`, also when `t` is `None`).
    pub a_higher: bool,
    /// Two-sided, not corrected for multiple comparisons.
    pub p: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RubricRef {
    pub id: String,
    pub title: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct InputInfo {
    /// The path as given on the command line.
    pub file: String,
    /// The layout read: `plain`, or the survey tool whose export it is
    /// (the `--input-format` names).
    pub layout: String,
    /// The layout in words: "Qualtrics, 3 header rows, detected".
    pub layout_description: String,
    pub encoding: String,
    pub delimiter: String,
    /// Rows that were not valid UTF-8 and were read as Windows-1252.
    pub windows_1252_rows: u64,
    /// Cells that were neither an answer nor a missing answer (all of them,
    /// also those beyond the listed issues).
    pub unreadable_cells: u64,
    pub group_columns: Vec<String>,
    /// Columns that are neither questions, groups nor the respondent id.
    pub ignored_columns: Vec<String>,
    /// Groups that aliases gave other spellings of, with the spellings
    /// found in the file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged_groups: Vec<MergedGroup>,
}

/// A group and the other spellings of it that an alias merged into it.
#[derive(Debug, Clone, Serialize)]
pub struct MergedGroup {
    pub column: String,
    pub group: String,
    pub spellings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrivacyInfo {
    /// The threshold used: `--min-group-size` when given, else the rubric's.
    pub min_group_size: usize,
    /// The rubric's own threshold.
    pub rubric_min_group_size: usize,
    /// What the disclosure audit checked before anything was published.
    pub audit: crate::disclosure::AuditSummary,
}

#[derive(Debug, Clone, Serialize)]
pub struct RespondentCounts {
    /// Data rows read (the header is not counted).
    pub read: u64,
    pub scored: u64,
    /// The first 10,000 excluded rows, with their reasons.
    pub excluded: Vec<Excluded>,
    /// Excluded rows beyond those listed.
    pub excluded_not_listed: u64,
    /// Every excluded row, counted by kind of reason.
    pub excluded_by_reason: std::collections::BTreeMap<String, u64>,
}

impl RespondentCounts {
    /// Every excluded row, listed or not: `read - scored`.
    pub fn excluded_total(&self) -> u64 {
        self.excluded.len() as u64 + self.excluded_not_listed
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Excluded {
    /// Row number as a spreadsheet shows it: the header is row 1.
    pub row: u64,
    pub reason: String,
}

impl Excluded {
    /// The reason without what names one row, for counting rows by reason:
    /// each duplicate-id reason names its id and the row that replaces it.
    pub fn kind(&self) -> &str {
        if self.reason.starts_with("duplicate respondent id") {
            "duplicate respondent id (the later answer is used)"
        } else if self.reason.starts_with("unfinished response") {
            "unfinished response"
        } else {
            &self.reason
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Overall {
    pub score: Option<f64>,
    /// The cut-off level of the score; on rubrics staged by practice, the
    /// lowest level any shown dimension attains.
    pub level: Option<String>,
    /// Staged rubrics: that lowest level is uncertain (see
    /// [`DimensionStats::level_uncertain`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_uncertain: Option<bool>,
    /// Respondents' own overall scores (the weighted mean of each one's
    /// dimension scores): their count, mean and standard deviation, which
    /// the wave-over-wave test compares. `None` when suppressed.
    pub respondents: Option<RespondentOverall>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct RespondentOverall {
    pub n: u64,
    pub mean: f64,
    pub sd: Option<f64>,
}

impl RespondentOverall {
    pub fn of(m: &super::stats::Moments) -> Option<RespondentOverall> {
        Some(RespondentOverall {
            n: m.n,
            mean: m.mean()?,
            sd: m.sd(),
        })
    }
}

/// The statistics of one dimension for one population (the organization or
/// a group). Everything is `None` when the dimension is not measured or the
/// population is suppressed.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionStats {
    pub id: String,
    /// Respondents with a score on this dimension.
    pub n: Option<u64>,
    /// Mean of the respondents' 0-100 dimension scores.
    pub score: Option<f64>,
    pub sd: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// The level: a cut-off on `score`, or on rubrics staged by practice
    /// the highest level whose practices, and those of every level below,
    /// are in place.
    pub level: Option<String>,
    /// Staged rubrics: a practice that decided the level is within sampling
    /// error of the in-place threshold, or could not be judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_uncertain: Option<bool>,
    /// Staged rubrics, a group's shown dimension: each practice's status
    /// there, the figures its level rests on. "unknown" when fewer than k
    /// of the group answered, most were not sure, or the disclosure audit
    /// withheld it (then the level counts it as not in place).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub practices: Option<Vec<PracticeCell>>,
    /// Share of answers in the top two points after reverse keying (agree
    /// or strongly agree on a 5-point scale), in percent.
    pub favorable_pct: Option<f64>,
    pub neutral_pct: Option<f64>,
    /// Share of answers in the bottom two points after reverse keying.
    pub unfavorable_pct: Option<f64>,
    /// Answers at each point of the scale after reverse keying (least to
    /// most favorable); `None` when the dimension's questions use different
    /// scales.
    pub distribution: Option<Vec<u64>>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionScore {
    #[serde(flatten)]
    pub stats: DimensionStats,
    pub name: String,
    pub weight: f64,
    /// False when the file has no column for any of its questions.
    pub measured: bool,
    /// Cronbach's alpha over the dimension's answered questions.
    pub alpha: Option<f64>,
    /// Percent of scored respondents the dimension applies to: those who
    /// did not answer "does not apply" to more than half of its questions.
    /// Only when its scale offers "does not apply"; published for the
    /// organization only, also when the dimension itself is hidden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_to_pct: Option<f64>,
    /// Percent of responses to its shown questions that were "not sure"
    /// (answers on the scale plus "not sure"), when the scale offers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_sure_pct: Option<f64>,
    /// Staged rubrics: the next level's practices and which are missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_level: Option<NextPractices>,
    pub questions: Vec<QuestionScore>,
}

/// A practice's status in one group.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeCell {
    pub id: String,
    pub status: super::practice::Status,
}

/// The next level up and its practices not yet in place.
#[derive(Debug, Clone, Serialize)]
pub struct NextPractices {
    pub level: String,
    /// That level's practices in place, of `total`.
    pub in_place: usize,
    pub total: usize,
    /// Question ids of those not in place, weakest first (lowest favorable
    /// share, unknown ones last, ties in rubric order).
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionScore {
    pub id: String,
    pub text: String,
    pub reverse: bool,
    /// False when the file has no column for it.
    pub measured: bool,
    /// True when fewer than `min_group_size` people answered it, or its
    /// dimension is suppressed: then nothing below is shown (`n` included),
    /// since a handful of answers could be traced to people.
    pub suppressed: bool,
    /// Answers given, in scored rows.
    pub n: Option<u64>,
    /// Mean of the answers as given, on the question's own scale.
    pub raw_mean: Option<f64>,
    /// Mean 0-100 score after reverse keying.
    pub score: Option<f64>,
    /// Correlation with the sum of the dimension's other questions.
    pub item_total_r: Option<f64>,
    /// Staged rubrics: the level at which this practice is expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Percent of answers on the scale in its top two points (after
    /// reverse keying): the report's item figure; on staged rubrics it
    /// also decides the practice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub favorable_pct: Option<f64>,
    /// Percent "not sure" of answers on the scale plus "not sure".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_sure_pct: Option<f64>,
    /// Staged rubrics: in place, not in place or unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<super::practice::Status>,
    /// The 95% interval of `favorable_pct` contains the threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub borderline: Option<bool>,
    /// Answers at each point, `min` to `max`, as given (not reverse keyed);
    /// `None` when suppressed.
    pub distribution: Option<Vec<u64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupScore {
    pub column: String,
    pub value: String,
    pub suppressed: bool,
    /// `None` when suppressed: not even the size of a small group is shown.
    pub n: Option<u64>,
    pub overall: Overall,
    pub dimensions: Vec<DimensionStats>,
}
