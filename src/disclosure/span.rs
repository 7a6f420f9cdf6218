//! Exact span membership for 0/1 vectors over atoms, modulo a large prime.
//!
//! A published cell is the indicator vector of the atoms it sums; a hidden
//! cell can be worked out from published ones exactly when its vector lies
//! in their span. The arithmetic is modulo the Mersenne prime 2^61 - 1: a
//! true derivation (a rational combination) survives the reduction unless
//! the prime divides one of its denominators, minors of a 0/1 matrix, which
//! no real input comes near.
//!
//! Vectors can be long (one entry per atom: crossing three breakdowns of 50
//! groups gives up to 125,000 atoms) while there are few of them (one per
//! published cell). So each atom is sent to a fixed pseudo-random point of
//! a space a little larger than the number of vectors, and vectors are
//! compared there. A linear map keeps every true derivation; it can only
//! make independent vectors look dependent (with probability about
//! vectors / 2^61), which hides one cell more, never one less.

pub const P: u64 = (1 << 61) - 1;

fn reduce(x: u128) -> u64 {
    let lo = (x as u64) & P;
    let hi = (x >> 61) as u64;
    let s = lo + (hi & P) + ((x >> 122) as u64);
    let s = (s & P) + (s >> 61);
    if s >= P {
        s - P
    } else {
        s
    }
}

pub fn mul(a: u64, b: u64) -> u64 {
    reduce(a as u128 * b as u128)
}

pub fn add(a: u64, b: u64) -> u64 {
    let s = a + b;
    if s >= P {
        s - P
    } else {
        s
    }
}

pub fn sub(a: u64, b: u64) -> u64 {
    if a >= b {
        a - b
    } else {
        a + P - b
    }
}

fn pow(mut b: u64, mut e: u64) -> u64 {
    let mut r = 1;
    while e > 0 {
        if e & 1 == 1 {
            r = mul(r, b);
        }
        b = mul(b, b);
        e >>= 1;
    }
    r
}

pub fn inv(a: u64) -> u64 {
    pow(a, P - 2)
}

/// The coordinates of atoms in the space vectors are compared in: the atom's
/// unit vector when there are few atoms, else a fixed pseudo-random point.
pub struct Embedding {
    pub dim: usize,
    columns: usize,
    project: bool,
}

impl Embedding {
    /// For `columns` atoms and at most `vectors` vectors in any one test.
    pub fn new(columns: usize, vectors: usize) -> Embedding {
        let r = vectors + 2;
        if columns <= r {
            Embedding {
                dim: columns,
                columns,
                project: false,
            }
        } else {
            Embedding {
                dim: r,
                columns,
                project: true,
            }
        }
    }

    /// Adds atom `a`'s point to `v`.
    pub fn add_atom(&self, v: &mut [u64], a: usize) {
        debug_assert!(a < self.columns);
        if !self.project {
            v[a] = add(v[a], 1);
            return;
        }
        let mut s = splitmix(a as u64 ^ 0x6d6c_6269_7a6f_7073);
        for x in v.iter_mut() {
            s = splitmix(s);
            *x = add(*x, s % P);
        }
    }

    /// Atom `a`'s point, written into `out` (`dim` entries).
    pub fn point(&self, a: usize, out: &mut [u64]) {
        out.fill(0);
        self.add_atom(out, a);
    }

    pub fn vector(&self, atoms: impl IntoIterator<Item = usize>) -> Vec<u64> {
        let mut v = vec![0; self.dim];
        for a in atoms {
            self.add_atom(&mut v, a);
        }
        v
    }
}

fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A reduced row-echelon basis of the span of some vectors.
pub struct Basis {
    rows: Vec<Vec<u64>>,
    pivots: Vec<usize>,
}

impl Basis {
    pub fn new<'a>(vectors: impl IntoIterator<Item = &'a Vec<u64>>) -> Basis {
        let mut b = Basis {
            rows: Vec::new(),
            pivots: Vec::new(),
        };
        for v in vectors {
            b.insert(v.clone());
        }
        b
    }

    pub fn rank(&self) -> usize {
        self.rows.len()
    }

    /// `v` less its part in the span: zero exactly when `v` is in it.
    pub fn residual(&self, v: &[u64]) -> Vec<u64> {
        let mut v = v.to_vec();
        for (row, &p) in self.rows.iter().zip(&self.pivots) {
            let c = v[p];
            if c != 0 {
                for (x, &y) in v.iter_mut().zip(row) {
                    *x = sub(*x, mul(c, y));
                }
            }
        }
        v
    }

    pub fn contains(&self, v: &[u64]) -> bool {
        self.residual(v).iter().all(|&x| x == 0)
    }

    fn insert(&mut self, v: Vec<u64>) {
        let mut v = self.residual(&v);
        let Some(p) = v.iter().position(|&x| x != 0) else {
            return;
        };
        let scale = inv(v[p]);
        for x in v.iter_mut() {
            *x = mul(*x, scale);
        }
        // Keep the basis reduced: clear the new pivot from earlier rows.
        for row in &mut self.rows {
            let c = row[p];
            if c != 0 {
                for (x, &y) in row.iter_mut().zip(&v) {
                    *x = sub(*x, mul(c, y));
                }
            }
        }
        self.rows.push(v);
        self.pivots.push(p);
    }
}

/// `v` scaled so that its first non-zero entry is 1: two residuals are
/// parallel exactly when their normal forms are equal.
pub fn normal_form(v: &[u64]) -> Option<Vec<u64>> {
    let first = *v.iter().find(|&&x| x != 0)?;
    let s = inv(first);
    Some(v.iter().map(|&x| mul(x, s)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_modulo_the_prime() {
        assert_eq!(mul(P - 1, P - 1), 1); // (-1)(-1)
        assert_eq!(mul(inv(12345), 12345), 1);
        assert_eq!(add(P - 1, 2), 1);
        assert_eq!(sub(1, 2), P - 1);
    }

    #[test]
    fn a_part_of_a_total_is_derivable_from_the_total_and_the_other_parts() {
        for (atoms, vectors) in [(3, 3), (300, 3)] {
            let e = Embedding::new(atoms, vectors);
            let total = e.vector(0..atoms);
            let a = e.vector([0]);
            let rest = e.vector(1..atoms);
            let b = Basis::new([&total, &rest]);
            assert!(b.contains(&a), "{atoms} atoms");
            // With only the total, neither part is known.
            let b = Basis::new([&total]);
            assert!(!b.contains(&a), "{atoms} atoms");
            assert!(!b.contains(&rest), "{atoms} atoms");
        }
    }

    #[test]
    fn nested_breakdowns_leak_through_their_difference() {
        // Atoms: 0 = Sec, 1 = Big (both in dept D1), 2 = Other (dept D2).
        let e = Embedding::new(3, 4);
        let d1 = e.vector([0, 1]);
        let big = e.vector([1]);
        let sec = e.vector([0]);
        assert!(Basis::new([&d1, &big]).contains(&sec));
        assert!(!Basis::new([&d1]).contains(&sec));
    }
}
