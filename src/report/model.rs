//! The report model: one typed, serializable description of everything a
//! leadership report says. Every renderer (HTML, Markdown, PDF, JSON) reads
//! this struct unchanged; nothing here knows how it will be drawn.

use serde::Serialize;

pub const SCHEMA: &str = "mlbizops.report/v1";

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub title: String,
    pub organization: Option<String>,
    /// The survey's name, e.g. "2026-Q3".
    pub survey_label: String,
    /// Printed as given; never read from the clock.
    pub date: Option<String>,
    pub rubric: RubricInfo,
    pub respondents: Respondents,
    pub overall: Overall,
    /// The executive page's strip: overall score, level, change, response
    /// rate.
    pub key_figures: Vec<KeyFigure>,
    pub summary: Summary,
    pub levels: Vec<LevelInfo>,
    /// In rubric order.
    pub dimensions: Vec<DimensionSection>,
    /// One heatmap per breakdown column.
    pub breakdowns: Vec<Breakdown>,
    /// At most five steps, for the priority dimensions.
    pub action_plan: Vec<Action>,
    /// Every other recommendation, each once.
    pub appendix: Vec<Action>,
    pub references: Vec<Reference>,
    pub data_quality: DataQuality,
    /// Earlier waves and the change since them, for a workspace.
    pub history: Option<History>,
    /// What people wrote, by theme, where it may be shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<super::comments::CommentsSection>,
    /// The outcome index (rubrics with outcome items).
    pub outcome: Option<super::drivers::OutcomeSection>,
    /// The driver analysis (rubrics with outcome items): shown, or why not.
    pub drivers: Option<super::drivers::DriversSection>,
}

impl Report {
    fn dimension_change(&self, id: &str) -> Option<&DimensionChange> {
        self.history
            .as_ref()?
            .dimensions
            .iter()
            .find(|d| d.id == id)
    }

    /// Whether any dimension was compared with the previous wave (the dot
    /// plot then marks the last wave's scores).
    pub fn compares_previous(&self) -> bool {
        self.dimensions
            .iter()
            .any(|d| self.change_since_previous(&d.id).is_some())
    }

    /// A dimension's change since the previous wave, for a workspace.
    pub fn change_since_previous(&self, id: &str) -> Option<&crate::trend::Change> {
        self.dimension_change(id)?.change.since_previous.as_ref()
    }

    /// A dimension's change since the first wave, from the third wave on.
    pub fn change_since_first(&self, id: &str) -> Option<&crate::trend::Change> {
        self.dimension_change(id)?.change.since_first.as_ref()
    }

    /// A change for a table cell: "+3 ▲", with "†" when it compares only
    /// the questions both waves asked; "—" when there is none.
    pub fn change_cell(change: Option<&crate::trend::Change>) -> String {
        change.map_or("—".into(), |c| {
            format!(
                "{}{}",
                c.short(),
                if c.shared_questions_only { " †" } else { "" }
            )
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RubricInfo {
    pub id: String,
    pub title: String,
    pub version: String,
    pub scale_min: i64,
    pub scale_max: i64,
    pub scale_labels: Vec<String>,
    pub missing_labels: Vec<String>,
    /// Levels are staged by practice (questions name levels), not cut-offs
    /// on the score.
    pub staged: bool,
    /// How a level is assigned, in one or two sentences for the method
    /// section.
    pub level_rule: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Respondents {
    pub read: u64,
    pub scored: u64,
    pub excluded: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overall {
    pub score: Option<f64>,
    /// The score as prose shows it (see `build::score_text`).
    pub score_text: Option<String>,
    pub level: Option<String>,
    /// The level with "uncertain" when it is (staged rubrics).
    pub level_label: Option<String>,
    pub level_description: Option<String>,
    /// The next level up and the points still missing to reach it.
    pub next_level: Option<NextLevel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextLevel {
    pub name: String,
    pub min: f64,
    /// Points below the next level; on staged rubrics, the share (0-1) of
    /// its practices not yet in place.
    pub gap: f64,
    /// "3 points", "1 point", "less than 1 point"; on staged rubrics "1 of
    /// 2 practices missing".
    pub gap_text: String,
    /// The whole phrase: "6 points below Scaling", or "3 of 5 Scaling
    /// practices in place".
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyFigure {
    pub label: String,
    pub value: String,
    /// A line under the value: its interval, its base, its meaning.
    pub note: String,
}

/// The executive summary: sentences a leader can repeat.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub headline: String,
    /// How strengths and priorities are chosen.
    pub note: String,
    /// How the action plan is ordered.
    pub plan_note: String,
    pub priorities: Vec<Statement>,
    pub strengths: Vec<Statement>,
    /// Said instead of an empty list.
    pub priorities_empty: Option<String>,
    pub strengths_empty: Option<String>,
    /// Said when the priorities' scores are not clearly different.
    pub priority_note: Option<String>,
    /// "Priorities", or "Priorities (not clearly different: read as a
    /// group)" when the paired tests do not separate them.
    pub priorities_heading: String,
    /// Shown group cells 10 or more points below the organization, the
    /// largest gaps first (at most three), and above it (at most two).
    pub hot_spots: Vec<Statement>,
    pub bright_spots: Vec<Statement>,
    /// Clear changes since the last wave, as chips: "▲ Prompting +3".
    pub change_chips: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub dimension_id: String,
    pub text: String,
    /// The parts of the priority rule, in words ("2 of 3 Scaling practices
    /// in place · 38% favorable · fell 9 points").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub chip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelInfo {
    pub name: String,
    pub min: f64,
    /// The next level's `min`, or 100.
    pub max: f64,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionSection {
    pub id: String,
    pub name: String,
    /// For chart axes and table columns.
    pub short_name: String,
    pub description: String,
    pub weight: f64,
    pub measured: bool,
    pub suppressed: bool,
    pub n: Option<u64>,
    pub score: Option<f64>,
    /// The score as prose shows it (see `build::score_text`).
    pub score_text: Option<String>,
    pub sd: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub level: Option<String>,
    /// What tables show in the level column: the level (", uncertain" when
    /// a deciding practice is within sampling error or unknown), "applies
    /// to 20%" for a dimension hidden because it applies to few, "hidden",
    /// or "not measured".
    pub level_label: String,
    pub level_uncertain: bool,
    pub next_level: Option<NextLevel>,
    /// Percent of respondents it applies to, when the scale offers "does
    /// not apply".
    pub applies_to_pct: Option<f64>,
    /// Percent "not sure" among responses to its shown questions.
    pub not_sure_pct: Option<f64>,
    /// Staged rubrics: the next level's practices not in place, weakest
    /// first.
    pub missing_practices: Vec<PracticeRef>,
    pub favorable_pct: Option<f64>,
    pub neutral_pct: Option<f64>,
    pub unfavorable_pct: Option<f64>,
    pub alpha: Option<f64>,
    /// Plain-language reading of alpha.
    pub alpha_reading: String,
    pub questions: Vec<QuestionRow>,
    /// Ids of the questions that pull the score down most (lowest scores,
    /// below the dimension's own score).
    pub pulling_down: Vec<String>,
    pub recommendations: Vec<RecommendationRef>,
    /// The priority rule's urgency, where the dimension has a next level.
    pub urgency: Option<f64>,
    pub chip: Option<String>,
    /// 1.. when a priority.
    pub priority: Option<usize>,
    pub strength: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionRow {
    pub id: String,
    pub text: String,
    pub reverse: bool,
    pub measured: bool,
    /// Too few answers to show (see `QuestionScore::suppressed`).
    pub suppressed: bool,
    pub n: Option<u64>,
    pub score: Option<f64>,
    pub raw_mean: Option<f64>,
    pub item_total_r: Option<f64>,
    /// Percent of answers at each point after reverse keying, least to most
    /// favorable; empty when not answered.
    pub shares: Vec<f64>,
    /// Answer labels in the same order as `shares`.
    pub share_labels: Vec<String>,
    /// Staged rubrics: the level of its practice and whether it is in
    /// place ("in place", "not in place", "unknown").
    pub level: Option<String>,
    pub status: Option<String>,
    /// Percent agree or strongly agree.
    pub favorable_pct: Option<f64>,
    pub not_sure_pct: Option<f64>,
    /// Change of `favorable_pct` since the previous wave (workspaces), when
    /// both waves showed the same statement.
    pub change: Option<super::item_change::ItemChange>,
}

/// A practice not yet in place.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeRef {
    pub id: String,
    pub text: String,
    pub favorable_pct: Option<f64>,
    /// "42% agree", or "unknown: most answered not sure" / "too few answers".
    pub state: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecommendationRef {
    pub id: Option<String>,
    pub title: String,
    pub text: String,
    /// Numbers into `Report::references`.
    pub citations: Vec<usize>,
    /// (reference number, what the paper found that supports this).
    pub findings: Vec<(usize, String)>,
    pub owner: Option<String>,
    /// Days to a first result.
    pub horizon: Option<u32>,
    /// "Owner: Data lead · 60 days · for: usage rights of data"; empty when
    /// the rubric gives none of these.
    pub meta: String,
    /// Where its text is printed: "action 2" or "appendix 5".
    pub plan_ref: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    pub column: String,
    /// Dimension ids, the heatmap's columns.
    pub dimensions: Vec<String>,
    pub groups: Vec<GroupRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    pub value: String,
    pub suppressed: bool,
    pub n: Option<u64>,
    /// One per dimension; `None` when not measured or suppressed.
    pub scores: Vec<Option<f64>>,
    /// Cells hidden for privacy (as opposed to not measured).
    pub hidden: Vec<bool>,
    /// One per dimension: the level attained where the cell is shown.
    pub levels: Vec<Option<String>>,
    pub overall: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub rank: usize,
    pub dimension_id: String,
    pub dimension_name: String,
    pub level: Option<String>,
    pub title: String,
    pub text: String,
    pub citations: Vec<usize>,
    pub findings: Vec<(usize, String)>,
    pub meta: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    pub number: usize,
    pub key: String,
    /// "First Author et al."
    pub authors: String,
    pub title: String,
    pub venue: String,
    pub year: i64,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataQuality {
    pub file: String,
    pub encoding: String,
    pub delimiter: String,
    /// How the file was read, in words: the tool whose export it is (when
    /// not a plain CSV) and the encoding, e.g. "Qualtrics export, UTF-8".
    pub source: String,
    pub min_group_size: usize,
    /// What is hidden and why, in one sentence.
    pub privacy_rule: String,
    /// The disclosure audit's result, in one sentence.
    pub audit: String,
    /// The rule, how many groups this report hides, and the audit.
    pub privacy_summary: String,
    /// Set when the threshold used is below the rubric's.
    pub threshold_note: Option<String>,
    /// (reason, count), most frequent first.
    pub excluded_reasons: Vec<(String, u64)>,
    pub unreadable_cells: u64,
    /// "1 unreadable cell", "3 unreadable cells".
    pub unreadable_text: String,
    /// The first few unreadable cells, described.
    pub unreadable_examples: Vec<String>,
    /// Questions without a column: (dimension id, question ids).
    pub missing_columns: Vec<(String, Vec<String>)>,
    pub ignored_columns: Vec<String>,
    /// Spellings merged by aliases, and names that may be one group.
    pub group_names: Vec<String>,
    pub suppressed_groups: u64,
}

impl History {
    /// Whether any group shows a change since the previous wave (none
    /// does when the waves share no question).
    pub fn has_group_changes(&self) -> bool {
        self.groups
            .iter()
            .any(|g| g.overall.is_some() || g.dimensions.iter().any(Option::is_some))
    }
}

/// The history of a workspace's waves up to the reported one, and what
/// changed. Absent for a single survey file.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// Oldest first, ending with the reported wave.
    pub waves: Vec<WavePoint>,
    pub previous: Option<String>,
    pub first: Option<String>,
    pub overall: ChangePair,
    /// In the reported wave's rubric order.
    pub dimensions: Vec<DimensionChange>,
    /// Since the previous wave, for groups shown in both.
    pub groups: Vec<GroupChange>,
    /// The reported wave's participation, per team invited.
    pub participation: Vec<Participation>,
    /// "Since 2026-Q2: ..." for the executive summary.
    pub since_last: Option<String>,
    /// Dimensions that fell since the previous wave or stalled for two.
    pub momentum: Vec<Statement>,
    /// The previous wave's priorities (same rule) and what moved since.
    pub last_priorities: Vec<Statement>,
    /// The workspace's targets; `chip` is "met", "open", "missed", ...
    pub targets: Vec<Statement>,
    /// The method section's sentences on the waves: change tests, rubric
    /// revisions, participation.
    pub method: Vec<String>,
    /// The outcome index across waves (rubrics with outcome items).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<super::drivers::OutcomeHistory>,
    /// Each statement's change since the previous wave, by (dimension,
    /// question) id; the report puts them on its question rows.
    #[serde(skip)]
    pub items: Vec<(String, String, super::item_change::ItemChange)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WavePoint {
    pub label: String,
    pub date: Option<String>,
    pub respondents: u64,
    pub overall: Option<f64>,
    /// A 95% band around the overall score: the half-width of the interval
    /// of the respondents' own overall scores.
    pub overall_band: Option<[f64; 2]>,
    /// The reported rubric's dimensions, matched by id; `None` when the
    /// dimension is not in that wave or has no score there.
    pub dimensions: Vec<Option<f64>>,
    /// The survey file, as the manifest names it.
    pub file: String,
    /// Rubric id and version the wave was scored with ("llm-adoption 2027.1").
    pub rubric: String,
    /// The rubric differs from the previous wave's (id or version): scores
    /// on either side are not like for like.
    pub revised: bool,
    /// People invited, summed over the teams the manifest lists.
    pub invited: Option<u64>,
    /// Rows read from the file.
    pub read: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ChangePair {
    pub since_previous: Option<crate::trend::Change>,
    pub since_first: Option<crate::trend::Change>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionChange {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub change: ChangePair,
    /// Why a comparison is missing, or how it was made.
    pub note: Option<String>,
    /// The previous wave's level, when it was assigned by the same rule.
    pub previous_level: Option<String>,
    /// "level was Experimenting in 2026-Q2", or why levels cannot be
    /// compared ("level not comparable: ..."); `None` when unchanged.
    pub level_change: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupChange {
    pub column: String,
    pub value: String,
    pub overall: Option<crate::trend::Change>,
    /// One per dimension of the reported rubric.
    pub dimensions: Vec<Option<crate::trend::Change>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Participation {
    pub team: String,
    pub invited: u64,
    /// `None` when the team is below the privacy threshold.
    pub respondents: Option<u64>,
    pub rate: Option<f64>,
    /// Below 60% (or too few to show).
    pub low: bool,
    /// "18 of 24 (75%)" or "fewer than 5 of 24".
    pub text: String,
}
