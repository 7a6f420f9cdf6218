//! Disclosure control over everything one survey publishes, and its audit.
//!
//! Threat model (README, "Privacy"): the reader sees every figure of every
//! command, format, breakdown and wave, and knows their own answers. A
//! hidden cell with fewer than `k` people must stay out of reach of exact
//! arithmetic on all of that together, not just on its own table.
//!
//! Respondents with the same value in every breakdown column form an
//! *atom*; every published cell (a group, a group's dimension, the
//! organization) sums whole atoms, so it is a 0/1 vector over atoms, and a
//! hidden cell is derivable exactly when its vector lies in the span of the
//! published ones ([`span`]). Statistics with different unknowns per atom
//! (head counts; a dimension's scores; a dimension's answers) are separate
//! *layers*, each tested on its own. An atom with no one in a layer is
//! taken as known to be empty there, which only helps the attacker, so the
//! test errs towards hiding.
//!
//! Suppression: primary cells (fewer than `k` people) are hidden; then,
//! while the audit finds a hidden cell derivable, one more published cell is
//! hidden, the smallest whose hiding breaks the derivation (the greedy
//! secondary suppression statistical agencies use for linked tables). It
//! never un-hides, so it ends; it is deterministic.
//!
//! This module decides; it reads no files and formats nothing.

mod comments;
mod practices;
pub mod span;

pub use comments::{audit_comments, comment_atoms, protect_comments, CommentLayer};
mod outcome;
pub use outcome::{audit_outcome, protect_outcome};
pub use practices::{audit_practices, protect_practices};

use span::{Basis, Embedding};

/// The rule in one sentence, for every format's notes.
pub fn rule(k: usize) -> String {
    format!(
        "Groups and cells with fewer than {k} respondents are never shown, and further cells are hidden wherever the published figures together (the total, other breakdowns, other waves, a reader's own answers) would let a hidden one be worked out."
    )
}

/// The audit's result in one sentence.
pub fn audit_sentence(a: &AuditSummary) -> String {
    format!(
        "Disclosure audit: {} of {} small hidden cells (or sets of them) derivable from the {} published cells; {} hidden only to protect others.",
        a.derivable,
        a.protected_cells,
        a.published_cells,
        crate::text::plural(a.secondary_suppressions, "cell")
    )
}

/// Set when a run's threshold is below the rubric's.
pub fn threshold_note(used: usize, rubric: usize) -> Option<String> {
    (used < rubric).then(|| {
        format!(
            "The privacy threshold used is {used}, below the rubric's {rubric} (--min-group-size)."
        )
    })
}

/// Respondents grouped by their value in every breakdown column.
#[derive(Debug, Clone, Default)]
pub struct Atoms {
    /// Per atom, its cell in each breakdown column (cell indices as in
    /// [`Cells`]: 1.. are groups).
    pub keys: Vec<Box<[u32]>>,
    /// Per atom, scored respondents.
    pub respondents: Vec<u64>,
    /// Per atom and dimension (`atom * dims + d`), respondents scored on it.
    pub scored: Vec<u32>,
    /// Per atom and dimension, respondents who answered any of its
    /// questions (scored or not): they count in answer distributions.
    pub answered: Vec<u32>,
    pub dims: usize,
    /// Per atom and levelled question (`atom * practices + p`), respondents
    /// who answered it on the scale: a group's practice status is a figure
    /// of these people alone.
    pub practice_answered: Vec<u32>,
    pub practices: usize,
    /// Per atom, respondents with an outcome index (see
    /// [`protect_outcome`]).
    pub outcome: Vec<u32>,
}

/// The cells a breakdown can publish: 0 is the organization, then every
/// group of every breakdown column, with its column.
#[derive(Debug, Clone)]
pub struct Cells {
    pub column: Vec<Option<usize>>,
    pub columns: usize,
}

/// What may be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Per cell: the whole group is hidden (index 0, the organization, is
    /// never hidden here).
    pub group_hidden: Vec<bool>,
    /// Per cell and dimension: the cell's figures for that dimension are
    /// hidden (always so when the group is).
    pub cell_hidden: Vec<Vec<bool>>,
    /// Per dimension: hidden for the whole organization (fewer than `k`
    /// scored on it).
    pub org_dim_hidden: Vec<bool>,
    /// Cells hidden only to protect others.
    pub secondary: usize,
    /// Fingerprints of the problems proven free of leaks on the way: the
    /// audit starts from them instead of solving the same problem twice.
    pub proven: std::collections::HashSet<u64>,
}

/// Cells forced hidden before anything is decided (a comparison between
/// waves hides what either wave hid).
#[derive(Debug, Clone, Default)]
pub struct Forced {
    pub groups: Vec<bool>,
    pub cells: Vec<Vec<bool>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct AuditSummary {
    /// Hidden cells (and unions of one breakdown's hidden cells) with 1 to
    /// k - 1 people in some layer: what must not be derivable.
    pub protected_cells: usize,
    /// Of those, derivable from what is published: always 0, or nothing is
    /// written.
    pub derivable: usize,
    /// Published cells (a group's head count, a group's dimension, ...)
    /// checked.
    pub published_cells: usize,
    /// Cells hidden only to protect smaller ones.
    pub secondary_suppressions: usize,
}

impl AuditSummary {
    pub fn add(&mut self, o: &AuditSummary) {
        self.protected_cells += o.protected_cells;
        self.derivable += o.derivable;
        self.published_cells += o.published_cells;
        self.secondary_suppressions += o.secondary_suppressions;
    }
}

/// A derivable hidden cell: a bug if it survives suppression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    pub layer: String,
    /// The hidden cells whose total is derivable.
    pub cells: Vec<usize>,
    /// The atom of an attacker who needs their own row for it.
    pub attacker: Option<usize>,
}

/// One statistic layer: per atom, how many people it holds there, and which
/// cells are published in it.
struct Layer<'a> {
    name: String,
    counts: Vec<u64>,
    atoms: &'a Atoms,
    cells: &'a Cells,
}

/// What one layer's test looks at: its non-empty atoms, the published and
/// the protected vectors over them.
struct Problem {
    support: Vec<usize>,
    /// Per published cell: (cell, its atoms as support positions).
    published: Vec<(usize, Vec<usize>)>,
    protected: Vec<(Vec<usize>, Vec<usize>)>,
    /// Support positions of atoms with exactly one person: an attacker
    /// there knows that atom's whole total.
    singles: Vec<usize>,
    /// How many cells are published (with someone in them).
    published_cells: usize,
}

fn problem(layer: &Layer, published: &[bool], k: u64) -> Problem {
    let ncells = layer.cells.column.len();
    // First the cells' sizes alone: when no hidden cell, nor one
    // breakdown's hidden cells together, has 1 to k - 1 people, there is
    // nothing to protect and nothing more to build (the common case).
    let mut size = vec![0u64; ncells];
    let mut published_cells = 0;
    for (a, &n) in layer.counts.iter().enumerate().filter(|(_, &n)| n > 0) {
        size[0] += n;
        for &c in layer.atoms.keys[a].iter() {
            size[c as usize] += n;
        }
    }
    let small = |n: u64| n > 0 && n < k;
    let mut union = vec![0u64; layer.cells.columns];
    let mut any = false;
    for c in 1..ncells {
        if !published[c] {
            any |= small(size[c]);
            if let Some(col) = layer.cells.column[c] {
                union[col] += size[c];
            }
        }
        if published[c] && size[c] > 0 {
            published_cells += 1;
        }
    }
    if !any && !union.iter().any(|&n| small(n)) {
        return Problem {
            support: Vec::new(),
            published: Vec::new(),
            protected: Vec::new(),
            singles: Vec::new(),
            published_cells: published_cells + usize::from(published[0] && size[0] > 0),
        };
    }
    let support: Vec<usize> = (0..layer.counts.len())
        .filter(|&a| layer.counts[a] > 0)
        .collect();
    // Each cell's atoms, in one pass over the atoms: cost atoms x columns.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); ncells];
    for (i, &a) in support.iter().enumerate() {
        members[0].push(i);
        for &c in layer.atoms.keys[a].iter() {
            members[c as usize].push(i);
        }
    }
    let count = |m: &[usize]| m.iter().map(|&i| layer.counts[support[i]]).sum::<u64>();
    let small = |m: &[usize]| {
        let n = count(m);
        n > 0 && n < k
    };
    let mut protected = Vec::new();
    for (c, _) in published.iter().enumerate().skip(1).filter(|(_, &p)| !p) {
        if small(&members[c]) {
            protected.push((vec![c], members[c].clone()));
        }
    }
    // One breakdown's hidden groups together: total minus the shown groups
    // gives their sum, which must cover k people too.
    for col in 0..layer.cells.columns {
        let hidden: Vec<usize> = (1..ncells)
            .filter(|&c| layer.cells.column[c] == Some(col) && !published[c])
            .collect();
        if hidden.len() < 2 {
            continue;
        }
        let mut m: Vec<usize> = hidden
            .iter()
            .flat_map(|&c| members[c].iter().copied())
            .collect();
        m.sort_unstable();
        if small(&m) {
            protected.push((hidden, m));
        }
    }
    let published: Vec<(usize, Vec<usize>)> = members
        .into_iter()
        .enumerate()
        .filter(|(c, m)| published[*c] && !m.is_empty())
        .collect();
    Problem {
        published_cells: published.len(),
        published,
        protected,
        singles: (0..support.len())
            .filter(|&i| layer.counts[support[i]] == 1)
            .collect(),
        support,
    }
}

/// The leaks of one layer given what is published in it, the first only
/// when `first` is set.
/// A problem's vectors in the space they are compared in, built in one
/// pass over the atoms: each atom's point is made once and added to every
/// vector that holds it (a point costs as much as a vector's length, and
/// atoms can number in the hundreds of thousands).
struct Projected {
    published: Vec<Vec<u64>>,
    protected: Vec<Vec<u64>>,
    /// (support position, point) of each one-person atom.
    singles: Vec<(usize, Vec<u64>)>,
}

fn project(pb: &Problem) -> Projected {
    let e = Embedding::new(pb.support.len(), pb.published.len() + 2);
    let n = pb.support.len();
    let lists: Vec<&Vec<usize>> = pb
        .published
        .iter()
        .map(|(_, m)| m)
        .chain(pb.protected.iter().map(|(_, m)| m))
        .collect();
    // Which vectors hold each atom, as one flat array with offsets.
    let mut start = vec![0usize; n + 1];
    for m in &lists {
        for &i in m.iter() {
            start[i + 1] += 1;
        }
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut owners = vec![0u32; start[n]];
    for (j, m) in lists.iter().enumerate() {
        for &i in m.iter() {
            owners[fill[i]] = j as u32;
            fill[i] += 1;
        }
    }
    let mut single = vec![false; n];
    for &i in &pb.singles {
        single[i] = true;
    }
    let mut vecs = vec![vec![0u64; e.dim]; lists.len()];
    let mut singles = Vec::new();
    let mut point = vec![0u64; e.dim];
    for i in 0..n {
        if start[i] == start[i + 1] && !single[i] {
            continue;
        }
        e.point(i, &mut point);
        for &j in &owners[start[i]..start[i + 1]] {
            for (x, &y) in vecs[j as usize].iter_mut().zip(&point) {
                *x = span::add(*x, y);
            }
        }
        if single[i] {
            singles.push((i, point.clone()));
        }
    }
    let protected = vecs.split_off(pb.published.len());
    Projected {
        published: vecs,
        protected,
        singles,
    }
}

fn leaks(
    layer: &Layer,
    pb: &Problem,
    proj: &Projected,
    drop: Option<usize>,
    only: Option<&[usize]>,
    first: bool,
) -> Vec<Leak> {
    let published: Vec<&(usize, Vec<usize>)> = pb
        .published
        .iter()
        .filter(|(c, _)| Some(*c) != drop)
        .collect();
    let vecs: Vec<&Vec<u64>> = pb
        .published
        .iter()
        .zip(&proj.published)
        .filter(|((c, _), _)| Some(*c) != drop)
        .map(|(_, v)| v)
        .collect();
    let basis = Basis::new(vecs);
    // An order-free fingerprint of the organization's atoms, to recognise
    // "the organization minus the attacker's own row": anyone can subtract
    // themselves from the total, which must be published for anything to
    // be, so that alone is the floor of any threshold rule (README,
    // "What is not guaranteed"). A group's published figures minus one's
    // own row are not exempt: the group is hidden instead.
    let key = |i: usize| splitkey(pb.support[i]);
    let fingerprints: std::collections::HashSet<u64> = published
        .iter()
        .filter(|(c, _)| *c == 0)
        .map(|(_, m)| m.iter().fold(0u64, |s, &i| s.wrapping_add(key(i))))
        .collect();
    let mut singles: std::collections::HashMap<Vec<u64>, Vec<usize>> = Default::default();
    for (i, point) in &proj.singles {
        let r = basis.residual(point);
        if let Some(nf) = span::normal_form(&r) {
            singles.entry(nf).or_default().push(*i);
        }
    }
    let mut out = Vec::new();
    for ((cells, m), v) in pb.protected.iter().zip(&proj.protected) {
        if only.is_some_and(|o| o != cells.as_slice()) {
            continue;
        }
        let r = basis.residual(v);
        let leak = |attacker| Leak {
            layer: layer.name.clone(),
            cells: cells.clone(),
            attacker,
        };
        match span::normal_form(&r) {
            None => out.push(leak(None)),
            Some(nf) => {
                let own = m.iter().fold(0u64, |s, &i| s.wrapping_add(key(i)));
                for &a in singles.get(&nf).into_iter().flatten() {
                    let only_self = m.len() == 1 && m[0] == a;
                    let total_less_self =
                        !m.contains(&a) && fingerprints.contains(&own.wrapping_add(key(a)));
                    if !only_self && !total_less_self {
                        out.push(leak(Some(pb.support[a])));
                        break;
                    }
                }
            }
        }
        if first && !out.is_empty() {
            break;
        }
    }
    out
}

fn splitkey(a: usize) -> u64 {
    let mut z = (a as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fingerprints of problems already found free of leaks. Layers often pose
/// the same problem (everyone answers every dimension: the same atoms, the
/// same published and hidden cells), and the answer depends on nothing
/// else, so each distinct problem is solved once.
type Solved = std::collections::HashSet<u64>;

fn fingerprint(layer: &Layer, pb: &Problem) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    pb.support.hash(&mut h);
    for &i in &pb.singles {
        pb.support[i].hash(&mut h);
    }
    for (c, _) in &pb.published {
        c.hash(&mut h);
    }
    for (cells, _) in &pb.protected {
        cells.hash(&mut h);
    }
    // Sizes decide the order candidates are tried in.
    for (_, m) in &pb.published {
        m.iter()
            .map(|&i| layer.counts[pb.support[i]])
            .sum::<u64>()
            .hash(&mut h);
    }
    h.finish()
}

/// Hides published cells of `layer` until none of its protected cells is
/// derivable; returns the cells it hid.
fn protect(layer: &Layer, published: &mut [bool], k: u64, solved: &mut Solved) -> Vec<usize> {
    let mut hid = Vec::new();
    loop {
        let pb = problem(layer, published, k);
        if pb.protected.is_empty() {
            return hid;
        }
        let key = fingerprint(layer, &pb);
        if solved.contains(&key) {
            return hid;
        }
        let proj = project(&pb);
        let Some(leak) = leaks(layer, &pb, &proj, None, None, true)
            .into_iter()
            .next()
        else {
            solved.insert(key);
            return hid;
        };
        // The smallest published group whose hiding stops this leak; if no
        // single one does, the smallest, and look again.
        let size = |m: &[usize]| m.iter().map(|&i| layer.counts[pb.support[i]]).sum::<u64>();
        let mut candidates: Vec<(u64, usize)> = pb
            .published
            .iter()
            .filter(|(c, _)| *c != 0)
            .map(|(c, m)| (size(m), *c))
            .collect();
        candidates.sort_unstable();
        let pick = candidates
            .iter()
            .find(|&&(_, c)| leaks(layer, &pb, &proj, Some(c), Some(&leak.cells), true).is_empty())
            .or(candidates.first())
            .map(|&(_, c)| c);
        match pick {
            Some(c) => {
                published[c] = false;
                hid.push(c);
            }
            // Only the organization is left, and a cell under k cannot be
            // derived from it alone (see `leaks`): unreachable, but never
            // loop forever.
            None => return hid,
        }
    }
}

/// Per-atom layers of one survey.
fn layers<'a>(
    atoms: &'a Atoms,
    cells: &'a Cells,
    measured: &[bool],
) -> Vec<(Option<usize>, Layer<'a>)> {
    let mut out = vec![(
        None,
        Layer {
            name: "respondents".into(),
            counts: atoms.respondents.clone(),
            atoms,
            cells,
        },
    )];
    for d in (0..atoms.dims).filter(|&d| measured[d]) {
        let per = |v: &[u32]| -> Vec<u64> {
            (0..atoms.keys.len())
                .map(|a| u64::from(v[a * atoms.dims + d]))
                .collect()
        };
        out.push((
            Some(d),
            Layer {
                name: format!("scores of dimension {}", d + 1),
                counts: per(&atoms.scored),
                atoms,
                cells,
            },
        ));
        out.push((
            Some(d),
            Layer {
                name: format!("answers of dimension {}", d + 1),
                counts: per(&atoms.answered),
                atoms,
                cells,
            },
        ));
    }
    out
}

/// Cell sizes the primary rule reads: per cell, respondents, and per cell
/// and dimension, respondents scored on it.
pub struct Sizes<'a> {
    pub respondents: &'a [u64],
    pub scored: &'a [Vec<u64>],
}

/// Decides what one survey may publish.
pub fn decide(
    atoms: &Atoms,
    cells: &Cells,
    sizes: &Sizes,
    measured: &[bool],
    k: u64,
    forced: Option<&Forced>,
) -> Decision {
    let ncells = cells.column.len();
    let dims = measured.len();
    let forced_group = |c: usize| forced.is_some_and(|f| f.groups.get(c) == Some(&true));
    let forced_cell = |c: usize, d: usize| {
        forced.is_some_and(|f| f.cells.get(c).and_then(|r| r.get(d)) == Some(&true))
    };
    let mut group_hidden: Vec<bool> = (0..ncells)
        .map(|c| c != 0 && (forced_group(c) || sizes.respondents[c] < k))
        .collect();
    let all = layers(atoms, cells, measured);
    let mut published: Vec<bool> = group_hidden.iter().map(|h| !h).collect();
    let mut solved = Solved::new();
    let secondary_groups = protect(&all[0].1, &mut published, k, &mut solved).len();
    for c in 0..ncells {
        group_hidden[c] = !published[c];
    }
    let org_dim_hidden: Vec<bool> = (0..dims)
        .map(|d| measured[d] && sizes.scored[0][d] < k)
        .collect();
    let mut cell_hidden = vec![vec![false; dims]; ncells];
    let mut secondary_cells = 0;
    for d in 0..dims {
        let mut shown: Vec<bool> = (0..ncells)
            .map(|c| {
                if c == 0 {
                    !org_dim_hidden[d]
                } else {
                    !group_hidden[c] && !forced_cell(c, d) && sizes.scored[c][d] >= k
                }
            })
            .collect();
        if measured[d] && !org_dim_hidden[d] {
            // The scores and the answers of one dimension are published
            // together: protect both until neither hides more.
            let of_d: Vec<&Layer> = all
                .iter()
                .filter(|(ld, _)| *ld == Some(d))
                .map(|(_, l)| l)
                .collect();
            loop {
                let more: usize = of_d
                    .iter()
                    .map(|l| protect(l, &mut shown, k, &mut solved).len())
                    .sum();
                secondary_cells += more;
                if more == 0 {
                    break;
                }
            }
        }
        for c in 1..ncells {
            cell_hidden[c][d] = !measured[d] || !shown[c] || org_dim_hidden[d];
        }
    }
    Decision {
        group_hidden,
        cell_hidden,
        org_dim_hidden,
        secondary: secondary_groups + secondary_cells,
        proven: solved,
    }
}

/// When no cell was small the engine counts no atoms (see
/// `score::engine::needs_atoms`): then nothing may be hidden, and every
/// cell with people in it is published in every layer (a dimension's
/// answers come from at least the people scored on it).
fn audit_without_atoms(
    cells: &Cells,
    sizes: &Sizes,
    measured: &[bool],
    decision: &Decision,
    mut summary: AuditSummary,
) -> Result<AuditSummary, Vec<Leak>> {
    let ncells = cells.column.len();
    let hidden = (1..ncells).find(|&c| {
        decision.group_hidden[c]
            || (0..measured.len()).any(|d| measured[d] && decision.cell_hidden[c][d])
    });
    if let Some(c) = hidden.or(decision.org_dim_hidden.iter().position(|&h| h)) {
        return Err(vec![Leak {
            layer: "a cell hidden without the atoms to protect it".into(),
            cells: vec![c],
            attacker: None,
        }]);
    }
    summary.published_cells = (0..ncells).filter(|&c| sizes.respondents[c] > 0).count()
        + (0..measured.len())
            .filter(|&d| measured[d])
            .map(|d| 2 * (0..ncells).filter(|&c| sizes.scored[c][d] > 0).count())
            .sum::<usize>();
    Ok(summary)
}

/// Checks a decision the way an attacker would: every layer, every
/// protected cell. Returns the summary, or the leaks found.
pub fn audit(
    atoms: &Atoms,
    cells: &Cells,
    sizes: &Sizes,
    measured: &[bool],
    decision: &Decision,
    k: u64,
) -> Result<AuditSummary, Vec<Leak>> {
    let mut summary = AuditSummary {
        secondary_suppressions: decision.secondary,
        ..Default::default()
    };
    if atoms.keys.is_empty() {
        return audit_without_atoms(cells, sizes, measured, decision, summary);
    }
    let mut found = Vec::new();
    let mut solved = decision.proven.clone();
    for (d, layer) in layers(atoms, cells, measured) {
        let published: Vec<bool> = (0..cells.column.len())
            .map(|c| match d {
                None => c == 0 || !decision.group_hidden[c],
                Some(d) if c == 0 => !decision.org_dim_hidden[d],
                Some(d) => !decision.cell_hidden[c][d],
            })
            .collect();
        let pb = problem(&layer, &published, k);
        summary.protected_cells += pb.protected.len();
        summary.published_cells += pb.published_cells;
        // A problem the decision already proved free of leaks is the same
        // problem, whatever layer poses it: the fingerprint covers every
        // atom and every published and hidden cell.
        if !pb.protected.is_empty() && !solved.contains(&fingerprint(&layer, &pb)) {
            let here = leaks(&layer, &pb, &project(&pb), None, None, false);
            if here.is_empty() {
                solved.insert(fingerprint(&layer, &pb));
            }
            found.extend(here);
        }
    }
    summary.derivable = found.len();
    if found.is_empty() {
        Ok(summary)
    } else {
        Err(found)
    }
}

#[cfg(test)]
mod tests;
