//! The outcome index, registered with the disclosure audit as a layer of
//! its own.
//!
//! A group's outcome index (n, mean, standard deviation) is a sum over the
//! group's respondents who have an outcome index: people who answered at
//! least half of the outcome items. They are not the people of any
//! dimension, nor every respondent, so their figures are a separate system
//! of equations ("outcome index": per atom, the people with an index). The
//! organization's index is published when k or more have one; a group's when
//! the group is shown and k or more of it have one; greedy secondary
//! suppression then hides further groups' indexes until no hidden outcome
//! cell with 1 to k - 1 people is derivable. The driver analysis uses the
//! organization's figures only, never a group's.

use super::{leaks, problem, project, protect, Atoms, AuditSummary, Cells, Layer, Leak, Solved};

fn layer<'a>(atoms: &'a Atoms, cells: &'a Cells) -> Layer<'a> {
    Layer {
        name: "outcome index".into(),
        counts: (0..atoms.keys.len())
            .map(|a| u64::from(atoms.outcome.get(a).copied().unwrap_or(0)))
            .collect(),
        atoms,
        cells,
    }
}

/// Hides published outcome cells (`published[cell]`, cell 0 the
/// organization) until no protected cell of the outcome layer is
/// derivable; returns how many it hid. Without atoms (no cell was small)
/// there is nothing to protect.
pub fn protect_outcome(atoms: &Atoms, cells: &Cells, published: &mut [bool], k: u64) -> usize {
    if atoms.keys.is_empty() {
        return 0;
    }
    protect(&layer(atoms, cells), published, k, &mut Solved::new()).len()
}

/// The audit of the published outcome cells, as [`super::audit`] does for
/// the other layers.
pub fn audit_outcome(
    atoms: &Atoms,
    cells: &Cells,
    published: &[bool],
    k: u64,
) -> Result<AuditSummary, Vec<Leak>> {
    let mut summary = AuditSummary::default();
    if atoms.keys.is_empty() {
        // Counted only when some cell is small; then none is (see
        // `score::engine::needs_atoms`): nothing is protected.
        summary.published_cells = published.iter().filter(|&&p| p).count();
        return Ok(summary);
    }
    let l = layer(atoms, cells);
    let pb = problem(&l, published, k);
    summary.protected_cells = pb.protected.len();
    summary.published_cells = pb.published_cells;
    let found = if pb.protected.is_empty() {
        Vec::new()
    } else {
        leaks(&l, &pb, &project(&pb), None, None, false)
    };
    summary.derivable = found.len();
    if found.is_empty() {
        Ok(summary)
    } else {
        Err(found)
    }
}
