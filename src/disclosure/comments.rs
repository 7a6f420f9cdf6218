//! Comment figures, registered with the disclosure audit.
//!
//! A shown group's comments publish counts: how many wrote a comment, and
//! how many of them wrote one on each theme. With the organization's
//! counts and the other shown groups', these could give a hidden group's
//! by subtraction (the organization has 14 comments on cost, the shown
//! teams 11: the hidden team of 9 wrote 3). So the commenters are a layer
//! ("commenters": per atom, the people who wrote a comment) and so is each
//! theme ("comment theme <id>": per atom, the commenters tagged with it),
//! each tested with the comment threshold as its `k`. First the
//! commenters: greedy secondary suppression hides groups' comments until
//! no hidden group (or one breakdown's hidden groups together) with 1 to
//! k - 1 commenters is derivable. Then each theme on its own, starting
//! from the groups shown: the organization's count is published only when
//! it is 0 or k or more (a small one, with the groups', could pin down the
//! hidden groups' count, and the organization cannot be hidden), and
//! further groups' counts of the theme are withheld until no hidden
//! group's count of it is derivable.

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

/// Hides published cells of each layer (`published[layer][cell]`, cell 0
/// the organization; layer 0 the commenters, then the themes) until no
/// protected cell of any layer is derivable; a theme layer publishes only
/// cells the commenters layer still publishes. Returns how many it hid.
pub fn protect_comments(
    atoms: &Atoms,
    cells: &Cells,
    layers: &[CommentLayer],
    published: &mut [Vec<bool>],
    k: u64,
) -> usize {
    let mut solved = Solved::new();
    let mut hid = protect(
        &layer(atoms, cells, &layers[0]),
        &mut published[0],
        k,
        &mut solved,
    )
    .len();
    for (t, l) in layers.iter().enumerate().skip(1) {
        let org: u64 = l.counts.iter().sum();
        for c in 0..published[t].len() {
            published[t][c] &= published[0][c];
        }
        published[t][0] &= org == 0 || org >= k;
        hid += protect(&layer(atoms, cells, l), &mut published[t], k, &mut solved).len();
    }
    hid
}

/// The audit of the published comment figures, as [`super::audit`] does
/// for the other layers.
pub fn audit_comments(
    atoms: &Atoms,
    cells: &Cells,
    layers: &[CommentLayer],
    published: &[Vec<bool>],
    k: u64,
) -> Result<AuditSummary, Vec<Leak>> {
    let mut summary = AuditSummary::default();
    let mut found = Vec::new();
    for (l, published) in layers.iter().zip(published) {
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
