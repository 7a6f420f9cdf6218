//! What is done to a comment's text before anything else looks at it:
//! made inert, redacted, cut.
//!
//! - **Inert**: NUL and every other control character, bidirectional
//!   controls (which can make text read backwards) and zero-width
//!   characters are removed; every run of white space (line breaks too)
//!   becomes one space. Renderers escape what is left for their format.
//! - **Redacted** (each replaced by a bracketed word): any word holding an
//!   `@` between letters or digits — e-mail addresses, @handles and links
//!   with a user name (`[e-mail]`, or `[link]` when it is a link); phone
//!   numbers, a run of words of digits and `+ - ( ) . /` with seven digits
//!   or more that is not an ISO date (`[phone]`); and any value of the
//!   respondent-id column of three characters or more, as a whole word
//!   (`[id]`). Shorter ids are not searched for: they would match ordinary
//!   numbers.
//! - **Cut**: comments are kept to [`READ_CHARS`] characters when read and
//!   shown to [`MAX_CHARS`], both at a word boundary, a shown cut ending
//!   with [`CUT_MARKER`].

/// Characters of a comment kept when the file is read (a 100 KB comment
/// costs no more than a long one).
pub const READ_CHARS: usize = 4000;
/// Characters of a comment shown.
pub const MAX_CHARS: usize = 600;
/// What ends a comment that was cut.
pub const CUT_MARKER: &str = " […]";

fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// The cell made inert (see the module docs) and cut to [`READ_CHARS`].
pub fn inert(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len().min(READ_CHARS * 4));
    let mut space = false;
    let mut chars = 0;
    for c in cell.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if invisible(c) {
            continue;
        }
        if space {
            out.push(' ');
            chars += 1;
            space = false;
        }
        out.push(c);
        chars += 1;
        if chars >= READ_CHARS {
            // Drop the word the limit fell in: part of an address could
            // escape redaction.
            if let Some(i) = out.rfind(' ') {
                out.truncate(i);
            }
            break;
        }
    }
    out
}

/// What redaction found in one comment.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Redacted {
    pub any: bool,
}

/// Redacts `text` (already inert: single spaces). `ids` are lowercased
/// respondent ids of three characters or more.
pub fn redact(text: &str, ids: &std::collections::HashSet<String>) -> (String, Redacted) {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut found = Redacted::default();
    let mut i = 0;
    while i < words.len() {
        // A phone number may span words: "+49 30 1234 5678".
        let mut j = i;
        let mut digits = 0;
        while j < words.len() && phoneish(words[j]) {
            digits += words[j].chars().filter(char::is_ascii_digit).count();
            j += 1;
        }
        if j > i && digits >= 7 && !(j == i + 1 && iso_date(core(words[i]).1)) {
            out.push("[phone]".into());
            found.any = true;
            i = j;
            continue;
        }
        let w = words[i];
        let (pre, mid, post) = split_core(w);
        let replaced = if has_at(mid) {
            let lower = mid.to_lowercase();
            Some(if lower.contains("://") || lower.starts_with("www.") {
                "[link]"
            } else {
                "[e-mail]"
            })
        } else if is_id(mid, ids) {
            Some("[id]")
        } else {
            None
        };
        match replaced {
            Some(r) => {
                found.any = true;
                out.push(format!("{pre}{r}{post}"));
            }
            None => out.push(w.to_string()),
        }
        i += 1;
    }
    (out.join(" "), found)
}

/// A word's punctuation before, its core, its punctuation after.
fn split_core(w: &str) -> (&str, &str, &str) {
    let start = w
        .find(|c: char| c.is_alphanumeric() || c == '@' || c == '+')
        .unwrap_or(w.len());
    let end = w
        .rfind(|c: char| c.is_alphanumeric() || c == '/')
        .map_or(start, |i| {
            i + w[i..].chars().next().map_or(1, char::len_utf8)
        })
        .max(start);
    (&w[..start], &w[start..end], &w[end..])
}

fn core(w: &str) -> (&str, &str) {
    let (pre, mid, _) = split_core(w);
    (pre, mid)
}

/// An `@` with a letter or digit on both sides, or a leading `@handle`.
fn has_at(w: &str) -> bool {
    let chars: Vec<char> = w.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '@'
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
            && (i == 0 || chars[i - 1].is_alphanumeric() || ".-_+%".contains(chars[i - 1]))
    })
}

fn phoneish(w: &str) -> bool {
    let w = w.trim_end_matches([',', ';', ':']);
    !w.is_empty()
        && w.chars().any(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || "+-()./".contains(c))
}

fn iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn is_id(w: &str, ids: &std::collections::HashSet<String>) -> bool {
    if ids.is_empty() || w.chars().count() < 3 {
        return false;
    }
    let lower = w.to_lowercase();
    if ids.contains(&lower) {
        return true;
    }
    // "R_12ab/r_34cd": an id as a part of the word, at word boundaries.
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .any(|part| ids.contains(part))
}

/// `text` cut to [`MAX_CHARS`] at a word boundary, with the marker; and
/// whether it was cut.
pub fn cut(text: &str) -> (String, bool) {
    if text.chars().count() <= MAX_CHARS {
        return (text.to_string(), false);
    }
    let end = text
        .char_indices()
        .nth(MAX_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let head = match head.rfind(' ') {
        Some(i) if i > 0 => &head[..i],
        _ => head,
    };
    (format!("{head}{CUT_MARKER}"), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> std::collections::HashSet<String> {
        v.iter().map(|s| s.to_lowercase()).collect()
    }

    #[test]
    fn controls_bidi_and_nul_are_removed_and_space_collapsed() {
        let s = inert("a\u{0}b\u{202e}c\r\n\td\u{200b}e  f\u{1b}[2J");
        assert_eq!(s, "abc de f[2J");
    }

    #[test]
    fn a_long_comment_is_kept_to_the_read_limit_at_a_word() {
        let long = "word ".repeat(30_000);
        let s = inert(&long);
        assert!(s.chars().count() <= READ_CHARS);
        assert!(s.ends_with("word"));
    }

    #[test]
    fn addresses_phones_links_and_ids_are_redacted() {
        let (t, r) = redact(
            "Mail jo.smith@example.com, call +49 30 1234 5678 or see https://bob:pw@intra.example/x (R_abc12) on 2026-09-30 at 10.",
            &ids(&["r_abc12"]),
        );
        assert!(r.any);
        assert_eq!(
            t,
            "Mail [e-mail], call [phone] or see [link] ([id]) on 2026-09-30 at 10."
        );
        let (t, r) = redact("ask @maria about it", &ids(&[]));
        assert!(r.any);
        assert_eq!(t, "ask [e-mail] about it");
        let (t, r) = redact("we spent 20000 on 3 models", &ids(&["abc"]));
        assert!(!r.any);
        assert_eq!(t, "we spent 20000 on 3 models");
    }

    #[test]
    fn a_cut_ends_at_a_word_with_the_marker() {
        let text = "abcd ".repeat(200);
        let (c, was) = cut(text.trim());
        assert!(was);
        assert!(c.ends_with("abcd […]"));
        assert!(c.chars().count() <= MAX_CHARS + CUT_MARKER.chars().count());
        assert_eq!(cut("short").0, "short");
    }
}
