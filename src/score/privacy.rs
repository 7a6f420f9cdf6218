//! Which groups and cells may be shown.
//!
//! A group below the threshold is never shown, not even its exact size. When
//! exactly one group of a breakdown is hidden, subtracting the visible groups
//! from the organization's total would reveal it, so the next-smallest group
//! is hidden too (complementary suppression, as statistical agencies do).

/// Marks which of `ns` (the sizes of one breakdown's groups) must be hidden.
/// `hidden` holds groups already hidden for another reason; they count as
/// hidden when deciding whether a complement is needed.
pub fn suppress(ns: &[u64], hidden: &[bool], threshold: u64) -> Vec<bool> {
    let mut out: Vec<bool> = ns
        .iter()
        .zip(hidden)
        .map(|(&n, &h)| h || n < threshold)
        .collect();
    // Hiding one more is enough: with two hidden, neither can be worked out
    // from the total (only their sum can).
    if out.iter().filter(|&&h| h).count() == 1 {
        let next = (0..ns.len())
            .filter(|&i| !out[i])
            .min_by_key(|&i| (ns[i], i));
        if let Some(i) = next {
            out[i] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_groups_and_their_complement_are_hidden() {
        let none = [false; 4];
        // Nothing small: nothing hidden.
        assert_eq!(suppress(&[5, 9, 20, 6], &none, 5), [false; 4]);
        // One small group: it and the next-smallest (6) are hidden.
        assert_eq!(
            suppress(&[3, 9, 20, 6], &none, 5),
            [true, false, false, true]
        );
        // Two small groups: neither can be derived; nothing more is hidden.
        assert_eq!(
            suppress(&[3, 9, 20, 4], &none, 5),
            [true, false, false, true]
        );
        // Ties in size pick the first group, so output is stable.
        assert_eq!(suppress(&[2, 7, 7], &[false; 3], 5), [true, true, false]);
        // A group hidden for another reason counts towards the complement.
        assert_eq!(
            suppress(&[9, 9, 20], &[true, false, false], 5),
            [true, true, false]
        );
        // A single group that is too small stays hidden; nothing else exists.
        assert_eq!(suppress(&[2], &[false], 5), [true]);
    }
}
