//! Atoms for disclosure control, counted while reading (see
//! [`crate::disclosure`]): respondents grouped by their value in every
//! breakdown column, with what each atom holds per dimension and per
//! levelled question. Split from the engine, which calls it per row.

use std::collections::HashMap;
use std::hash::Hasher;

use super::engine::{is_point, scored_dim, Pass, Plan, RareRow};

/// Atom numbers by the groups of a row in every breakdown column, looked
/// up on the reading thread, which has time to spare. Up to four columns
/// are packed into one integer and hashed with a multiply (the keys are
/// small numbers, not input an attacker chooses freely: the number of
/// distinct keys is bounded by the groups).
#[derive(Default)]
pub(super) struct AtomIndex {
    packed: HashMap<u128, u32, std::hash::BuildHasherDefault<PackHasher>>,
    other: HashMap<Box<[u32]>, u32>,
    pub(super) keys: Vec<Box<[u32]>>,
}

impl AtomIndex {
    pub(super) fn id(&mut self, key: &[u32]) -> u32 {
        let next = self.keys.len() as u32;
        let id = if key.len() <= 4 {
            let packed = key
                .iter()
                .fold(0u128, |acc, &g| (acc << 32) | u128::from(g));
            *self.packed.entry(packed).or_insert(next)
        } else {
            *self.other.entry(key.into()).or_insert(next)
        };
        if id == next {
            self.keys.push(key.into());
        }
        id
    }
}

#[derive(Default)]
struct PackHasher(u64);

impl Hasher for PackHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_u128(&mut self, x: u128) {
        let folded = (x as u64) ^ ((x >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = (folded ^ (folded >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        self.0 ^= self.0 >> 32;
    }
}

/// Counting atoms while reading: with threshold `k`, and giving up (see
/// `Pass::atoms_dropped`) past `max` atoms.
#[derive(Debug, Clone, Copy)]
pub struct AtomLimit {
    pub k: u64,
    pub max: usize,
}

/// Atoms the first pass counts on the way: a few thousand cost nothing
/// (their counters stay in cache); many more, from finely crossed
/// breakdowns, would slow every row, and are counted again only when some
/// cell turns out small.
pub const FIRST_PASS_ATOMS: usize = 4096;

/// Counts a scored row in its atom (on the reading thread, which has time
/// to spare), and keeps it while a dimension it is scored on is still
/// under the threshold.
#[allow(clippy::too_many_arguments)]
pub(super) fn count_atom(
    pass: &mut Pass,
    plan: &Plan,
    k: u64,
    a: usize,
    members: &[u32],
    answers: &[u8],
    answered: &[usize],
    has_outcome: bool,
) {
    let ndims = plan.measured.len();
    let atoms = &mut pass.atoms;
    let np = plan.levelled.len();
    if a >= atoms.respondents.len() {
        // Atoms are numbered in order of first appearance.
        atoms.respondents.resize(a + 1, 0);
        atoms.scored.resize((a + 1) * ndims, 0);
        atoms.answered.resize((a + 1) * ndims, 0);
        atoms.practice_answered.resize((a + 1) * np, 0);
        atoms.practices = np;
        atoms.outcome.resize(a + 1, 0);
    }
    atoms.outcome[a] += u32::from(has_outcome);
    let practices = &mut atoms.practice_answered[a * np..(a + 1) * np];
    for (n, &qi) in practices.iter_mut().zip(&plan.levelled) {
        *n += u32::from(answers.get(qi).is_some_and(|&p| is_point(p)));
    }
    if pass.rare.len() < ndims {
        pass.rare = vec![Vec::new(); ndims];
        pass.org_scored = vec![0; ndims];
    }
    atoms.respondents[a] += 1;
    let scored = &mut atoms.scored[a * ndims..(a + 1) * ndims];
    let any = &mut atoms.answered[a * ndims..(a + 1) * ndims];
    let mut keep = false;
    for d in 0..ndims {
        any[d] += u32::from(answered[d] > 0);
        if scored_dim(plan, answered, d) {
            scored[d] += 1;
            keep |= pass.org_scored[d] < k;
            pass.org_scored[d] += 1;
        }
    }
    if keep {
        // The row's dimension scores, as the scoring thread computes them.
        let mut sum = vec![0.0; ndims];
        let mut weight = vec![0.0; ndims];
        for (q, &p) in plan.questions.iter().zip(answers) {
            if is_point(p) {
                sum[q.dim] += q.weight * q.item_score[p as usize];
                weight[q.dim] += q.weight;
            }
        }
        let row = RareRow {
            seq: pass.scored_rows,
            members: members.into(),
            dims: (0..ndims)
                .map(|d| scored_dim(plan, answered, d).then(|| sum[d] / weight[d]))
                .collect(),
        };
        // Counted already: at most k now means under k before this row.
        for d in 0..ndims {
            if row.dims[d].is_some() && pass.org_scored[d] <= k {
                pass.rare[d].push(row.clone());
            }
        }
    }
    pass.scored_rows += 1;
}
