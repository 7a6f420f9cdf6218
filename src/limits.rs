//! What mlbizops reads at most, and why: each limit bounds memory that
//! would otherwise grow with a hostile or mistaken input, and is checked
//! before that memory is allocated, as an error that names the input. The
//! README's "Limits" section states each one with the memory it implies
//! (`tests/limits.rs` checks that the two agree).
//!
//! Memory that grows with the survey file (8 bytes per respondent id, to
//! find re-submissions) is not limited; everything else is bounded by the
//! rubric and by these numbers.

/// Rubric, bibliography and manifest files are read up to this size.
pub use crate::survey::input::MAX_TEXT_FILE;

/// Problems (unreadable cells, …) and excluded rows listed in full; the
/// rest are counted.
pub use crate::score::MAX_LISTED_ISSUES;

/// A workbook is read whole (it is a zip archive): up to this size.
pub const MAX_WORKBOOK_FILE: u64 = 100 << 20;

/// The filled cells of a workbook's first sheet are held while it is read,
/// 16 bytes each and their text: all together up to this size. A CSV file
/// has no such limit: it is read as a stream.
pub const MAX_SHEET_MEMORY: usize = 256 << 20;

/// A font file (`report --font`) is read whole, up to this size: the
/// common CJK collections (Noto Sans CJK, 19 MB; Noto Serif CJK, 26 MB)
/// fit with room to spare. It is parsed for measuring and for printpdf's
/// embedding: `report` took 3 to 4.5 times the file more memory (56 MB
/// more with Noto Sans CJK, 76 MB with Noto Serif CJK), so up to about
/// 300 MB at this limit.
pub const MAX_FONT_FILE: u64 = 64 << 20;

/// Dimensions a rubric may have. The report holds a section per dimension
/// and the scoring a paired comparison per pair of dimensions; a rubric of
/// 10,000 dimensions took 1.37 GB to write its PDF.
pub const MAX_DIMENSIONS: usize = 100;

/// Questions one dimension may have. Reliability needs each pair of a
/// dimension's questions counted by pairs of answers: k(k+1)/2 pairs of at
/// most 21 x 21 counters (4 bytes each), 8.9 MB for 100 questions on a
/// 21-point scale (1000 questions took 883 MB).
pub const MAX_QUESTIONS_PER_DIMENSION: usize = 100;

/// Questions a rubric may have in all: a group's answer counts take 8 bytes
/// per answer choice of every question.
pub const MAX_QUESTIONS: usize = 1_000;

/// Distinct groups (values of the breakdown columns, all columns together)
/// a survey may have. A breakdown is for teams of at least the privacy
/// threshold; a column with more values than this is not a team column.
pub const MAX_GROUPS: usize = 10_000;

/// What all groups' answer counts together may take; with a large rubric
/// this allows fewer than [`MAX_GROUPS`] groups (see [`max_groups`]).
pub const MAX_GROUP_MEMORY: usize = 128 << 20;

/// Workspace waves read by one report (each is scored and kept in memory).
pub const MAX_WAVES: usize = 100;

/// What one group costs while scoring, in bytes: its answer counts (8 bytes
/// per answer choice: `count_block` of them), its sums per dimension, and
/// its name in the lookup tables.
pub fn group_bytes(count_block: usize, dimensions: usize) -> usize {
    8 * count_block + 40 * dimensions + 256
}

/// The most groups a survey may have with a rubric whose questions have
/// `count_block` answer choices in all over `dimensions` dimensions.
pub fn max_groups(count_block: usize, dimensions: usize) -> usize {
    (MAX_GROUP_MEMORY / group_bytes(count_block, dimensions)).clamp(1, MAX_GROUPS)
}

/// The most threads that may add up scored rows at once: each keeps every
/// group's counts, so together they could take this many times the most
/// the groups may take; that must stay within [`MAX_GROUP_MEMORY`].
pub fn max_adders(count_block: usize, dimensions: usize) -> usize {
    let each = max_groups(count_block, dimensions) * group_bytes(count_block, dimensions);
    (MAX_GROUP_MEMORY / each.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_threads_together_stay_within_the_group_memory() {
        // The built-in rubric's size: a group takes 8 * 420 + 40 * 8 + 256
        // = 3,936 bytes, 10,000 groups 39.4 MB per thread, and 128 MiB
        // (134.2 MB) holds 3 of those.
        assert_eq!(max_adders(60 * 7, 8), 3);
        // The largest rubric allows one thread, whose groups fill the budget.
        assert_eq!(max_adders(MAX_QUESTIONS * 23, 10), 1);
        for (block, dims) in [(60 * 7, 8), (200 * 7, 20), (MAX_QUESTIONS * 23, 10), (3, 1)] {
            let all = max_adders(block, dims) * max_groups(block, dims) * group_bytes(block, dims);
            assert!(all <= MAX_GROUP_MEMORY, "{block} {dims}");
        }
    }

    #[test]
    fn the_built_in_rubric_allows_every_group_and_a_large_one_fewer() {
        // About 60 five-point questions: 7 choices each with "not sure"
        // and "does not apply".
        assert_eq!(max_groups(60 * 7, 8), MAX_GROUPS);
        // 1000 questions on 21 points: 23 choices each.
        let n = max_groups(MAX_QUESTIONS * 23, 10);
        assert!(n < MAX_GROUPS && n * group_bytes(MAX_QUESTIONS * 23, 10) <= MAX_GROUP_MEMORY);
        assert_eq!(n, 726);
    }
}
