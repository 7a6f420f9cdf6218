//! Comment figures, registered with the disclosure audit.
//!
//! A shown group's comments publish counts: how many wrote a comment, and
//! how many of them wrote one on each theme. With the organization's
//! counts and the other shown groups', these could give a hidden group's
//! by subtraction (the organization has 14 comments on cost, the shown
//! teams 11: the hidden team of 9 wrote 3). So the commenters are a layer
//! ("commenters": per atom, the people who wrote a comment) and so is each
//! theme ("comment theme <id>": per atom, the commenters tagged with it),
//! each tested with the comment threshold as its `k`. A group's comment
//! figures are published together: greedy secondary suppression hides a
//! group's comments in every layer until no hidden group with 1 to k - 1
//! commenters in any layer is derivable.

use super::{leaks, problem, project, protect, Atoms, AuditSummary, Cells, Layer, Leak, Solved};

/// Per atom, people in one comment layer, with the layer's name.
pub struct CommentLayer {
    pub name: String,
    pub counts: Vec<u64>,
}

fn layer<'a>(atoms: &'a Atoms, cells: &'a Cells, l: &CommentLayer) -> Layer<'a> {
    Layer {
        name: l.name.clone(),
        counts: l.counts.clone(),
        atoms,
        cells,
    }
}

/// Atoms of the commenters: `keys` as in [`Atoms::keys`].
pub fn comment_atoms(keys: Vec<Box<[u32]>>) -> Atoms {
    Atoms {
        keys,
        ..Atoms::default()
    }
}

/// Hides published groups' comments (`published[cell]`, cell 0 the
/// organization) until no protected cell of any layer is derivable;
/// returns how many it hid.
pub fn protect_comments(
    atoms: &Atoms,
    cells: &Cells,
    layers: &[CommentLayer],
    published: &mut [bool],
    k: u64,
) -> usize {
    let mut solved = Solved::new();
    let mut hid = 0;
    loop {
        let more: usize = layers
            .iter()
            .map(|l| protect(&layer(atoms, cells, l), published, k, &mut solved).len())
            .sum();
        hid += more;
        if more == 0 {
            return hid;
        }
    }
}

/// The audit of the published comment figures, as [`super::audit`] does
/// for the other layers.
pub fn audit_comments(
    atoms: &Atoms,
    cells: &Cells,
    layers: &[CommentLayer],
    published: &[bool],
    k: u64,
) -> Result<AuditSummary, Vec<Leak>> {
    let mut summary = AuditSummary::default();
    let mut found = Vec::new();
    for l in layers {
        let l = layer(atoms, cells, l);
        let pb = problem(&l, published, k);
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
