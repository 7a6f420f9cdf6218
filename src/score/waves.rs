//! Every wave of a workspace scored in one stage, before any report is
//! built: each wave with its own rubric, and each pair of waves the report
//! compares, scored again on the questions both asked when their rubrics
//! differ. Disclosure control runs on each of these scorings, so the report
//! model only reads figures that were already cleared, and reads no files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::model::Scores;
use super::{score_file, HiddenByName, ScoreError, ScoreOptions};
use crate::disclosure::AuditSummary;
use crate::rubric::Rubric;

/// One wave, scored with its own rubric.
pub struct ScoredWave {
    pub label: String,
    pub date: Option<String>,
    pub rubric: Rubric,
    pub path: PathBuf,
    pub scores: Scores,
    pub invited: BTreeMap<String, u64>,
    /// The layout the wave's file was read with, to read it again alike.
    pub input_format: crate::survey::InputFormat,
}

/// The questions of a dimension that a wave actually asked: in its rubric
/// and with a column in its file.
fn asked(w: &ScoredWave, dim: &str) -> Option<BTreeSet<String>> {
    let d = w.scores.dimensions.iter().find(|d| d.stats.id == dim)?;
    Some(
        d.questions
            .iter()
            .filter(|q| q.measured)
            .map(|q| q.id.clone())
            .collect(),
    )
}

/// `r` with each dimension cut down to the questions in `keep`.
fn restrict(r: &Rubric, keep: &BTreeMap<String, BTreeSet<String>>) -> Rubric {
    let mut out = r.clone();
    for d in &mut out.dimensions {
        if let Some(keep) = keep.get(&d.id) {
            d.questions.retain(|q| keep.contains(&q.id));
        }
    }
    out
}

/// Scores of waves `a` and `b` that can be compared dimension by dimension:
/// the full scores when both rubrics agree, else both waves scored again on
/// the questions they share.
pub struct Pair {
    pub a: Scores,
    pub b: Scores,
    /// Dimensions compared on shared questions only.
    pub restricted: BTreeSet<String>,
    /// Dimensions both waves have but with no question in common: not
    /// comparable at all (a rubric revision that gave every item a new id).
    pub disjoint: BTreeSet<String>,
}

impl Pair {
    /// Whether the two waves measured the same thing everywhere: then the
    /// overall scores compare as they are.
    pub fn like_for_like(&self) -> bool {
        self.restricted.is_empty() && self.disjoint.is_empty()
    }
}

fn pair(a: &ScoredWave, b: &ScoredWave, opts: &ScoreOptions) -> Result<Pair, ScoreError> {
    // Like for like: a question counts only when both waves asked it (in
    // the rubric and in the file). A revised rubric or a column missing
    // from one export both make the dimension be scored again on the rest.
    let mut restricted = BTreeSet::new();
    let mut disjoint = BTreeSet::new();
    let mut keep: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in &b.rubric.dimensions {
        if let (Some(x), Some(y)) = (asked(a, &d.id), asked(b, &d.id)) {
            let shared: BTreeSet<String> = x.intersection(&y).cloned().collect();
            if x != y && !shared.is_empty() {
                restricted.insert(d.id.clone());
            } else if x != y {
                disjoint.insert(d.id.clone());
            }
            keep.insert(d.id.clone(), shared);
        }
    }
    if restricted.is_empty() {
        return Ok(Pair {
            a: a.scores.clone(),
            b: b.scores.clone(),
            restricted,
            disjoint,
        });
    }
    let ra = restrict(&a.rubric, &keep);
    let rb = restrict(&b.rubric, &keep);
    // Scored again, these are new figures about both waves: they hide what
    // either wave's own scores hid, whatever the new sizes, and then what
    // either new scoring hides, until the two agree.
    let mut hidden = HiddenByName::of(&a.scores).union(&HiddenByName::of(&b.scores));
    loop {
        let with = |w: &ScoredWave| ScoreOptions {
            input_format: w.input_format,
            forced: Some(hidden.clone()),
            progress: None,
            ..opts.clone()
        };
        let sa = score_file(&ra, &a.path, &with(a))?;
        let sb = score_file(&rb, &b.path, &with(b))?;
        let next = hidden
            .clone()
            .union(&HiddenByName::of(&sa))
            .union(&HiddenByName::of(&sb));
        if next == hidden {
            return Ok(Pair {
                a: sa,
                b: sb,
                restricted,
                disjoint,
            });
        }
        hidden = next;
    }
}

/// The waves up to the reported one, and the pairs its report compares.
pub struct Waves {
    pub waves: Vec<ScoredWave>,
    pairs: BTreeMap<(usize, usize), Pair>,
}

impl Waves {
    /// Scores the comparisons the report of the last of `waves` makes: with
    /// the previous wave and the first, and, for momentum, the two before.
    pub fn new(waves: Vec<ScoredWave>, opts: &ScoreOptions) -> Result<Waves, ScoreError> {
        let now = waves.len() - 1;
        let mut want = Vec::new();
        if now >= 1 {
            want.push((now - 1, now));
        }
        if now >= 2 {
            want.extend([(0, now), (now - 2, now - 1), (now - 2, now)]);
        }
        let mut pairs = BTreeMap::new();
        for (a, b) in want {
            if let std::collections::btree_map::Entry::Vacant(e) = pairs.entry((a, b)) {
                e.insert(pair(&waves[a], &waves[b], opts)?);
            }
        }
        Ok(Waves { waves, pairs })
    }

    pub fn pair(&self, a: usize, b: usize) -> Option<&Pair> {
        self.pairs.get(&(a, b))
    }

    /// The audits of every scoring a report of these waves publishes.
    pub fn audit(&self) -> AuditSummary {
        let mut total = AuditSummary::default();
        for w in &self.waves {
            total.add(&w.scores.privacy.audit);
        }
        for p in self.pairs.values().filter(|p| !p.restricted.is_empty()) {
            total.add(&p.a.privacy.audit);
            total.add(&p.b.privacy.audit);
        }
        total
    }
}
