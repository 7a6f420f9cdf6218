//! Group cells -> group numbers, in order of first appearance, for every
//! scored row: "Sales", "sales " and "SALES" are one team, shown as first
//! written, and an alias names a group whatever the spelling. Split from
//! the engine, which calls it per row and breakdown column.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::engine::{Pass, Plan, MAX_LISTED_ISSUES, NOT_GIVEN};
use crate::survey::answer::normalize;
use crate::survey::input::decode_cell;

/// Per breakdown column, the groups by normalized name, and by the cell's
/// bytes as written: the same bytes always name the same group, so they
/// are looked up first and the common case decodes and normalizes nothing.
pub(super) struct GroupIndex {
    by_key: Vec<HashMap<String, usize>>,
    by_bytes: Vec<HashMap<Vec<u8>, u32, BuildHasherDefault<CellHasher>>>,
}

impl GroupIndex {
    pub(super) fn new(columns: usize) -> GroupIndex {
        GroupIndex {
            by_key: vec![HashMap::new(); columns],
            by_bytes: (0..columns).map(|_| HashMap::default()).collect(),
        }
    }

    /// The group of cell `raw` (trimmed) of breakdown column `gi`; a new
    /// one is numbered next and named in `pass.group_keys`. `None` when a
    /// new group would pass [`Plan::max_groups`].
    pub(super) fn member(
        &mut self,
        pass: &mut Pass,
        plan: &Plan,
        gi: usize,
        raw: &[u8],
    ) -> Option<u32> {
        if let Some(&idx) = self.by_bytes[gi].get(raw) {
            return Some(idx);
        }
        // Zero-width characters are invisible: "Sec" with one is "Sec".
        let written: String = decode_cell(raw)
            .chars()
            .filter(|&c| !crate::survey::answer::zero_width(c))
            .collect();
        let written = written.trim();
        // A cell of only spaces (a no-break space too) was left empty. Its
        // key is the empty string, which no written name has, so a team
        // really named "(not given)" stays apart from it.
        let (value, key) = if written.is_empty() {
            (NOT_GIVEN.to_string(), String::new())
        } else {
            (written.to_string(), normalize(written))
        };
        // An alias names the group whatever the spelling ("Eng" ->
        // "Engineering"), after the cell's own normalization.
        let alias = plan.aliases.get(gi).and_then(|a| a.get(&key));
        let (value, key, aliased) = match alias {
            Some(group) => {
                let k = normalize(group);
                let changed = k != key;
                (group.clone(), k, changed)
            }
            None => (value, key, false),
        };
        let next = pass.group_keys.len() + 1;
        let idx = *self.by_key[gi].entry(key).or_insert(next);
        if idx == next {
            if next > plan.max_groups {
                return None;
            }
            pass.group_keys.push((gi, value));
        }
        if aliased && pass.merged.len() < MAX_LISTED_ISSUES {
            pass.merged.push((idx, written.to_string()));
        }
        self.by_bytes[gi].insert(raw.to_vec(), idx as u32);
        Some(idx as u32)
    }
}

/// A multiply-rotate hash for the short byte strings of group cells, eight
/// bytes at a time: the default SipHash cost more than the rest of the
/// lookup. Not resistant to chosen collisions, which would only slow the
/// reading of a file crafted for it: the groups are limited anyway.
#[derive(Default)]
pub(super) struct CellHasher(u64);

impl Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let v = u64::from_le_bytes(w.try_into().expect("eight bytes"));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        let mut last = [0u8; 8];
        let rest = words.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.0 =
            (self.0.rotate_left(5) ^ u64::from_le_bytes(last) ^ rest.len() as u64).wrapping_mul(K);
    }
}
