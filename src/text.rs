//! Small helpers for text shown to people.

/// The text with its first letter upper-cased.
pub fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "1 question", "3 questions". `word` is the singular; plurals here all add "s".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `s` with every character that a terminal would act on or that would
/// hide or reorder text written as a visible escape (`\u{1b}`): control
/// characters (escape sequences can retitle the window or clear the
/// screen; a newline breaks a table row), bidirectional overrides (U+202E
/// makes `50.0` read `0.05`) and zero-width characters (a "Sec" with a
/// zero-width space looks like "Sec").
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
    };
    if !s.chars().any(hidden) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
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
    fn what_a_terminal_would_act_on_is_shown_escaped() {
        use super::visible;
        assert_eq!(visible("Platform"), "Platform");
        assert_eq!(visible("a\u{1b}]0;owned\u{7}b"), "a\\u{1b}]0;owned\\u{7}b");
        assert_eq!(visible("x\u{202e}0.05"), "x\\u{202e}0.05");
        assert_eq!(visible("Sec\u{200b}"), "Sec\\u{200b}");
        assert_eq!(visible("two\nlines"), "two\\nlines");
        assert_eq!(visible("Zürich 東京"), "Zürich 東京");
    }

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
