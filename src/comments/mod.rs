//! Free-text comments: read with the scored rows, made inert and redacted
//! ([`text`]), tagged with themes ([`themes`]), and published only where
//! it is safe.
//!
//! What is shown (README "Comments", docs/method.md):
//! - A group's comments — how many wrote one, the theme counts, quotes —
//!   only when at least the comment threshold `C` of its people wrote one,
//!   the group is not hidden anywhere in the scores, and the disclosure
//!   audit finds no hidden group's comment counts derivable from what is
//!   shown ([`crate::disclosure::protect_comments`]). The organization's
//!   only with `C` commenters; otherwise no comment text at all.
//! - A comment is quoted (anywhere, the organization included) only when
//!   at least `C` commenters share everything the report shows about its
//!   writer: the same shown group, or "not shown", in every breakdown
//!   column. Quotes are listed wherever their writer's groups are shown,
//!   so a quote found under no shown team is known to come from the
//!   hidden ones; this rule keeps that set at `C` people or more. A small
//!   team's comments thus appear only unattributed, at organization level,
//!   and only with enough others that share what the report says of them.
//! - A quote that names a group whose comments are not shown is withheld
//!   (counted in the theme figures, never quoted).
//! - The operator can exclude comments by respondent id (workspace
//!   manifest, `[comments] exclude` and `exclude_file`).
//! - Quotes: at most [`MAX_QUOTES`] per group and theme, chosen by a fixed
//!   rule: comments of four words or more first, then by the FNV-1a hash
//!   of the shown text (a fixed pseudo-random order that depends on the
//!   text alone), then by row; a text already quoted in the list (case
//!   aside) is skipped. The same input always gives the same quotes.

pub mod text;
pub mod themes;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::disclosure::{self, AuditSummary, Cells, CommentLayer, Leak};
use crate::rubric::Rubric;
use crate::survey::input::decode_cell;
use crate::survey::Layout;
use themes::{Folded, GroupName, Matcher};

/// Quotes shown per group and theme.
pub const MAX_QUOTES: usize = 3;

/// One scored respondent's comments, as read.
#[derive(Debug, Clone)]
pub struct RawComment {
    pub row: u64,
    /// The respondent id, as written (trimmed).
    pub id: String,
    /// The respondent's cells: the organization (0), then their group in
    /// each breakdown column (as the engine numbers them).
    pub members: Box<[u32]>,
    /// (comment question index, text made inert), non-empty texts only.
    pub texts: Vec<(usize, String)>,
}

/// Everything read for comments in one pass.
#[derive(Debug, Clone, Default)]
pub struct CommentRows {
    pub rows: Vec<RawComment>,
    /// Respondent ids of three characters or more, lowercased: redacted
    /// wherever a comment repeats one.
    pub ids: HashSet<String>,
    /// Respondents whose comments the operator excluded.
    pub excluded: u64,
}

/// Called by the engine for each scored row.
pub fn collect(
    out: &mut CommentRows,
    layout: &Layout,
    record: crate::score::Record<'_>,
    row: u64,
    members: &[u32],
) {
    if layout.comment_cols.iter().all(Option::is_none) {
        return;
    }
    let id = layout
        .id_col
        .map(|c| {
            decode_cell(record.get(c).unwrap_or_default())
                .trim()
                .to_string()
        })
        .unwrap_or_default();
    if id.chars().count() >= 3 {
        out.ids.insert(id.to_lowercase());
    }
    let texts: Vec<(usize, String)> = layout
        .comment_cols
        .iter()
        .enumerate()
        .filter_map(|(q, c)| {
            let cell = record.get((*c)?)?;
            let t = text::inert(&decode_cell(cell));
            (!t.is_empty()).then_some((q, t))
        })
        .collect();
    if !texts.is_empty() {
        out.rows.push(RawComment {
            row,
            id,
            members: members.into(),
            texts,
        });
    }
}

impl CommentRows {
    /// Drops the comments of the respondents listed (ids compared trimmed
    /// and case-insensitively).
    pub fn exclude(&mut self, ids: &[String]) {
        if ids.is_empty() {
            return;
        }
        let set: HashSet<String> = ids.iter().map(|i| i.trim().to_lowercase()).collect();
        let before = self.rows.len();
        self.rows
            .retain(|r| r.id.is_empty() || !set.contains(&r.id.to_lowercase()));
        self.excluded = (before - self.rows.len()) as u64;
    }
}

/// The comment figures of one survey: counts and themes, published in the
/// score document; the quotes are for the report only.
#[derive(Debug, Clone, Serialize)]
pub struct CommentSummary {
    /// Commenters a group needs for its comments to be shown.
    pub threshold: usize,
    /// The comment questions the file has a column for.
    pub questions: Vec<String>,
    pub themes: Vec<ThemeInfo>,
    /// `None` when fewer than the threshold commented: nothing is shown.
    pub organization: Option<CommentGroup>,
    /// Shown groups of the breakdowns asked for, by column then value.
    pub groups: Vec<CommentGroup>,
    /// Comments with something redacted.
    pub redacted: u64,
    /// Comments not quoted because they name a group whose comments are
    /// not shown.
    pub withheld: u64,
    /// Respondents whose comments the operator excluded.
    pub excluded: u64,
    /// Quotes cut to the length shown.
    pub cut: u64,
    #[serde(skip)]
    pub audit: AuditSummary,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeInfo {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// People who wrote at least one comment.
    pub commenters: u64,
    /// In the rubric's theme order.
    pub themes: Vec<ThemeCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeCount {
    pub id: String,
    /// Commenters with a comment tagged with the theme; `None` when the
    /// disclosure audit withholds it (then no quote of it is shown either).
    pub count: Option<u64>,
    /// Never in the score document.
    #[serde(skip)]
    pub quotes: Vec<Quote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// The comment question's id.
    pub question: String,
    pub text: String,
}

/// A text's place in the quote order: fewer than four words, the hash of
/// its text, its row, its question.
type QuoteKey = (bool, u64, u64, usize);

/// One comment text after redaction.
struct Prepared {
    person: usize,
    question: usize,
    text: String,
    folded: Folded,
    tags: Vec<bool>,
}

/// Decides what the comments publish. `k` is the run's privacy threshold;
/// `group_hidden` the scores' decision per cell; `group_keys` the engine's
/// (column, value) of cells 1.. .
#[allow(clippy::too_many_arguments)]
pub fn publish(
    rubric: &Rubric,
    layout: &Layout,
    rows: CommentRows,
    cells: &Cells,
    group_hidden: &[bool],
    group_keys: &[(usize, String)],
    k: u64,
) -> Result<Option<CommentSummary>, Vec<Leak>> {
    let rules = &rubric.comments;
    if rules.questions.is_empty() || layout.comment_cols.iter().all(Option::is_none) {
        return Ok(None);
    }
    let c = (rules.threshold as u64).max(k);
    let matcher = Matcher::new(&rules.themes);
    let nthemes = rules.themes.len();
    let mut redacted = 0;
    let mut texts: Vec<Prepared> = Vec::new();
    let mut person_tags = vec![vec![false; nthemes]; rows.rows.len()];
    for (p, r) in rows.rows.iter().enumerate() {
        for (q, t) in &r.texts {
            let (t, found) = text::redact(t, &rows.ids);
            redacted += u64::from(found.any);
            let folded = Folded::new(&t);
            let tags = matcher.tag(&folded);
            for (x, &y) in person_tags[p].iter_mut().zip(&tags) {
                *x |= y;
            }
            texts.push(Prepared {
                person: p,
                question: *q,
                text: t,
                folded,
                tags,
            });
        }
    }
    let ncells = cells.column.len();
    let mut commenters = vec![0u64; ncells];
    for r in &rows.rows {
        for &m in r.members.iter() {
            commenters[m as usize] += 1;
        }
    }
    let mut published: Vec<bool> = (0..ncells)
        .map(|i| commenters[i] >= c && (i == 0 || !group_hidden[i]))
        .collect();
    let mut audit = AuditSummary::default();
    // Per layer (the commenters, then each theme), per cell.
    let mut by_layer = vec![published.clone(); nthemes + 1];
    if published[0] {
        // Atoms of the commenters and the layers over them.
        let mut index: HashMap<&[u32], usize> = HashMap::new();
        let mut keys: Vec<Box<[u32]>> = Vec::new();
        let atom_of: Vec<usize> = rows
            .rows
            .iter()
            .map(|r| {
                let key = &r.members[1..];
                *index.entry(key).or_insert_with(|| {
                    keys.push(key.into());
                    keys.len() - 1
                })
            })
            .collect();
        let natoms = keys.len();
        let mut layers = vec![CommentLayer {
            name: "commenters".into(),
            counts: vec![0; natoms],
        }];
        for t in &rules.themes {
            layers.push(CommentLayer {
                name: format!("comment theme {}", t.id),
                counts: vec![0; natoms],
            });
        }
        for (p, &a) in atom_of.iter().enumerate() {
            layers[0].counts[a] += 1;
            for (t, &tagged) in person_tags[p].iter().enumerate() {
                layers[t + 1].counts[a] += u64::from(tagged);
            }
        }
        let atoms = disclosure::comment_atoms(keys);
        let hid = disclosure::protect_comments(&atoms, cells, &layers, &mut by_layer, c);
        audit = disclosure::audit_comments(&atoms, cells, &layers, &by_layer, c)?;
        audit.secondary_suppressions += hid;
        published.clone_from(&by_layer[0]);
    } else {
        published.fill(false);
    }

    // Who may be quoted: C or more commenters share their signature.
    let signature = |r: &RawComment| -> Vec<Option<u32>> {
        r.members[1..]
            .iter()
            .map(|&m| published[m as usize].then_some(m))
            .collect()
    };
    let mut classes: BTreeMap<Vec<Option<u32>>, u64> = BTreeMap::new();
    for r in &rows.rows {
        *classes.entry(signature(r)).or_default() += 1;
    }
    let quotable: Vec<bool> = rows
        .rows
        .iter()
        .map(|r| published[0] && classes[&signature(r)] >= c)
        .collect();
    // Names of groups whose comments are not shown.
    let names: Vec<GroupName> = group_keys
        .iter()
        .enumerate()
        .filter(|(i, (_, v))| !published[i + 1] && v != crate::score::NOT_GIVEN)
        .map(|(_, (_, v))| GroupName::new(v))
        .collect();
    let mut withheld = 0;
    let mut usable: Vec<bool> = Vec::with_capacity(texts.len());
    for t in &texts {
        let ok = quotable[t.person];
        let names_group = ok && names.iter().any(|n| n.named_in(&t.text, &t.folded));
        withheld += u64::from(names_group);
        usable.push(ok && !names_group);
    }

    // Each text's place in the quote order (see the module docs), and each
    // shown cell's people and texts, computed once.
    let order: Vec<QuoteKey> = texts
        .iter()
        .map(|t| {
            (
                t.text.split(' ').count() < 4,
                fnv1a(&t.text),
                rows.rows[t.person].row,
                t.question,
            )
        })
        .collect();
    let mut people_in: Vec<Vec<usize>> = vec![Vec::new(); ncells];
    for (p, r) in rows.rows.iter().enumerate() {
        for &m in r.members.iter().filter(|&&m| published[m as usize]) {
            people_in[m as usize].push(p);
        }
    }
    let mut texts_of: Vec<Vec<usize>> = vec![Vec::new(); rows.rows.len()];
    for (i, t) in texts.iter().enumerate() {
        texts_of[t.person].push(i);
    }

    let mut cut = 0;
    let mut group_for = |cell: usize, column: Option<String>, value: Option<String>| {
        let themes = rules
            .themes
            .iter()
            .enumerate()
            .map(|(ti, th)| {
                let shown = by_layer[ti + 1][cell];
                let people = if shown { &people_in[cell][..] } else { &[][..] };
                let count =
                    shown.then(|| people.iter().filter(|&&p| person_tags[p][ti]).count() as u64);
                let mut cands: Vec<(&QuoteKey, usize)> = people
                    .iter()
                    .flat_map(|&p| texts_of[p].iter().copied())
                    .filter(|&i| usable[i] && texts[i].tags[ti])
                    .map(|i| (&order[i], i))
                    .collect();
                cands.sort_unstable();
                // The first MAX_QUOTES; the same words written twice are
                // quoted once.
                let mut seen: Vec<String> = Vec::new();
                let mut picked: Vec<usize> = Vec::new();
                for &(_, i) in &cands {
                    if picked.len() == MAX_QUOTES {
                        break;
                    }
                    let key = texts[i].text.to_lowercase();
                    if !seen.contains(&key) {
                        seen.push(key);
                        picked.push(i);
                    }
                }
                let quotes = picked
                    .iter()
                    .map(|&i| {
                        let (shown, was_cut) = text::cut(&texts[i].text);
                        cut += u64::from(was_cut);
                        Quote {
                            question: rules.questions[texts[i].question].id.clone(),
                            text: shown,
                        }
                    })
                    .collect();
                ThemeCount {
                    id: th.id.clone(),
                    count,
                    quotes,
                }
            })
            .collect();
        CommentGroup {
            column,
            value,
            commenters: commenters[cell],
            themes,
        }
    };
    let organization = published[0].then(|| group_for(0, None, None));
    let mut groups = Vec::new();
    for (gi, (column, _)) in layout.group_cols[..layout.published_groups]
        .iter()
        .enumerate()
    {
        let mut members: Vec<(usize, &String)> = group_keys
            .iter()
            .enumerate()
            .filter(|(i, (col, _))| *col == gi && published[i + 1])
            .map(|(i, (_, v))| (i + 1, v))
            .collect();
        members.sort_by(|a, b| a.1.cmp(b.1));
        for (cell, value) in members {
            groups.push(group_for(cell, Some(column.clone()), Some(value.clone())));
        }
    }
    Ok(Some(CommentSummary {
        threshold: c as usize,
        questions: rules
            .questions
            .iter()
            .zip(&layout.comment_cols)
            .filter(|(_, col)| col.is_some())
            .map(|(q, _)| q.id.clone())
            .collect(),
        themes: rules
            .themes
            .iter()
            .map(|t| ThemeInfo {
                id: t.id.clone(),
                name: t.name.clone(),
            })
            .collect(),
        organization,
        groups,
        redacted,
        withheld,
        excluded: rows.excluded,
        cut,
        audit,
    }))
}

/// FNV-1a, 64 bits: a fixed hash for the quote order (std's hashers may
/// change between Rust releases).
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
