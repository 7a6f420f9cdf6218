//! Small helpers for text shown to people.

/// "1 question", "3 questions". `word` is the singular; plurals here all add "s".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A text cell for a CSV file that spreadsheets open: one that starts
/// like a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading
/// `'`, so Excel or Sheets show it as text instead of running it (the OWASP
/// rule against CSV injection). Numbers the tool writes never need it.
pub fn csv_text(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formula_like_cells_are_written_as_text() {
        use super::csv_text;
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(csv_text("\r=1+1"), "'\r=1+1");
        assert_eq!(csv_text("@SUM(1)"), "'@SUM(1)");
        assert_eq!(csv_text("-2"), "'-2");
        assert_eq!(csv_text("Platform"), "Platform");
        assert_eq!(csv_text(""), "");
    }

    #[test]
    fn plural_adds_s_except_for_one() {
        assert_eq!(super::plural(0, "row"), "0 rows");
        assert_eq!(super::plural(1, "row"), "1 row");
        assert_eq!(super::plural(7, "dimension"), "7 dimensions");
    }
}
