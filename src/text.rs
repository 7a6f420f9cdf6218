//! Small helpers for text shown to people.

/// "1 question", "3 questions". `word` is the singular; plurals here all add "s".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plural_adds_s_except_for_one() {
        assert_eq!(super::plural(0, "row"), "0 rows");
        assert_eq!(super::plural(1, "row"), "1 row");
        assert_eq!(super::plural(7, "dimension"), "7 dimensions");
    }
}
