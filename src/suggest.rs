//! "Did you mean …?": the one distance every name lookup uses, so that a
//! typo in a rubric key, a manifest key, a survey header, a `--group-by`
//! column or a `--wave` label is caught the same way.

/// Optimal-string-alignment distance: like Levenshtein, but a swap of two
/// neighbouring letters (`wieght`) counts as one edit, as typos usually are.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// [`edit_distance`] when it is at most `limit`, else `None`; only the
/// cells within `limit` of the diagonal are computed, so comparing a long
/// header with a long question text costs its length times the limit, not
/// the product of the lengths.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let far = limit + 1;
    let (n, m) = (a.len(), b.len());
    // Three rows: two back (for a swap of neighbours), one back, this one.
    let mut prev2 = vec![far; m + 1];
    let mut prev: Vec<usize> = (0..=m).map(|j| j.min(far)).collect();
    let mut row = vec![far; m + 1];
    for i in 1..=n {
        row.fill(far);
        if i <= limit {
            row[0] = i;
        }
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(m);
        let mut best_in_row = row[0];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            row[j] = d.min(far);
            best_in_row = best_in_row.min(row[j]);
        }
        if best_in_row > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    Some(prev[m]).filter(|&d| d <= limit)
}

/// The known key within edit distance 2 of `key`, if any (the first of the
/// closest, in sort order). For short identifiers: rubric and manifest keys.
pub fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// How many edits a name of `len` characters may be away from a known name
/// and still be taken for a typo of it: one in a short name, two from six
/// characters, and a tenth of a long one (a question's text), so that
/// `Email` is close to no question id and a question text with a word
/// mistyped is still recognised.
pub fn tolerance(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        6..=20 => 2,
        n => n / 10,
    }
}

/// The candidate nearest to `name`, compared without regard to case (a
/// candidate that differs only in case is the nearest possible), when it is
/// within [`tolerance`] and no other candidate is as near (a tie suggests
/// nothing rather than a coin toss). The name itself is not a suggestion.
pub fn nearest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let key = name.trim().to_lowercase();
    let mut best: Option<(usize, &'c str)> = None;
    let mut tied = false;
    for c in candidates {
        let other = c.trim().to_lowercase();
        let limit = tolerance(key.chars().count().min(other.chars().count()));
        if c.trim() == name.trim() {
            continue;
        }
        let Some(d) = distance_within(&key, &other, limit) else {
            continue;
        };
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tied = true,
            _ => {
                best = Some((d, c));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposition_is_one_edit() {
        assert_eq!(edit_distance("wieght", "weight"), 1);
        assert_eq!(edit_distance("weight", "weight"), 0);
        assert_eq!(edit_distance("reverse", "revers"), 1);
        assert_eq!(closest("wieght", &["id", "weight", "text"]), Some("weight"));
        assert_eq!(closest("colour", &["id", "weight", "text"]), None);
    }

    #[test]
    fn the_banded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "team",
            "taem",
            "teams",
            "Team",
            "wieght",
            "weight",
            "prompting.shared_library",
            "prompting.shared_libary",
            "prompting.eval_sets",
            "We do the second thing.",
            "We do the secnd thing.",
            "abcdef",
            "badcfe",
            "fedcba",
        ];
        for a in words {
            for b in words {
                let full = edit_distance(a, b);
                for limit in 0..8 {
                    let want = (full <= limit).then_some(full);
                    assert_eq!(distance_within(a, b, limit), want, "{a:?} {b:?} {limit}");
                }
            }
        }
    }

    #[test]
    fn nearest_takes_a_typo_not_an_unrelated_name() {
        let ids = ["prompting.shared_library", "prompting.eval_sets", "team"];
        assert_eq!(
            nearest("prompting.shared_libary", ids),
            Some("prompting.shared_library")
        );
        assert_eq!(nearest("team ", ids), None, "the name itself is no typo");
        assert_eq!(nearest("Teams", ids), Some("team"));
        assert_eq!(nearest("Email", ids), None);
        assert_eq!(nearest("Timestamp", ids), None);
        // Equally near to two: no guess.
        assert_eq!(nearest("2026-Q5", ["2026-Q3", "2026-Q4"]), None);
        assert_eq!(nearest("2026-q3", ["2026-Q2", "2026-Q3"]), Some("2026-Q3"));
        assert_eq!(nearest("2026-Q33", ["2026-Q2", "2026-Q3"]), Some("2026-Q3"));
    }
}
