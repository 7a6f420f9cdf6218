//! Practice statuses of groups (staged levels), registered with the
//! disclosure audit.
//!
//! A group's level on a staged dimension is a function of its practices'
//! statuses (in place or not), each a threshold on the favorable share of
//! the group's answers to one question. Thresholds are not exact figures,
//! but with the organization's answer distribution they can pin a small
//! group down: if the total has 12 favorable answers and the two shown
//! teams are "not in place" (at most 4 and 5), a hidden team of three must
//! have answered favorably, every one. So each levelled question is a layer
//! of its own ("practice <id>": per atom, the people who answered it), and
//! a status is treated as if its favorable count were published. A group's
//! status is published only where its dimension is shown and k or more of
//! it answered the question; greedy secondary suppression then withholds
//! further statuses (the group's level is computed with them unknown)
//! until no hidden practice cell with 1 to k - 1 answers is derivable.

use super::{leaks, problem, project, protect, Atoms, AuditSummary, Cells, Layer, Leak, Solved};

fn layer<'a>(atoms: &'a Atoms, cells: &'a Cells, p: usize, name: &str) -> Layer<'a> {
    let np = atoms.practices;
    Layer {
        name: format!("practice {name}"),
        counts: (0..atoms.keys.len())
            .map(|a| u64::from(atoms.practice_answered[a * np + p]))
            .collect(),
        atoms,
        cells,
    }
}

/// Withholds published statuses (`published[p][cell]`, cell 0 the
/// organization) until no protected cell of any practice layer is
/// derivable; returns how many it withheld. Without atoms (no cell was
/// small) there is nothing to protect.
pub fn protect_practices(
    atoms: &Atoms,
    cells: &Cells,
    names: &[String],
    published: &mut [Vec<bool>],
    k: u64,
) -> usize {
    if atoms.keys.is_empty() || atoms.practices != names.len() {
        return 0;
    }
    let mut solved = Solved::new();
    let mut withheld = 0;
    for (p, name) in names.iter().enumerate() {
        let l = layer(atoms, cells, p, name);
        withheld += protect(&l, &mut published[p], k, &mut solved).len();
    }
    withheld
}

/// The audit of the published statuses, as [`super::audit`] does for the
/// other layers.
pub fn audit_practices(
    atoms: &Atoms,
    cells: &Cells,
    names: &[String],
    published: &[Vec<bool>],
    k: u64,
) -> Result<AuditSummary, Vec<Leak>> {
    let mut summary = AuditSummary::default();
    if atoms.keys.is_empty() {
        // Counted only when some cell is small; then none is (see
        // `score::engine::needs_atoms`): every status with k or more
        // answers behind it is published, none is protected.
        summary.published_cells = published.iter().flatten().filter(|&&p| p).count();
        return Ok(summary);
    }
    let mut found = Vec::new();
    for (p, name) in names.iter().enumerate() {
        let l = layer(atoms, cells, p, name);
        let pb = problem(&l, &published[p], k);
        summary.protected_cells += pb.protected.len();
        summary.published_cells += pb.published_cells;
        if !pb.protected.is_empty() {
            found.extend(leaks(&l, &pb, &project(&pb), None, None, false));
        }
    }
    summary.derivable = found.len();
    if found.is_empty() {
        Ok(summary)
    } else {
        Err(found)
    }
}
