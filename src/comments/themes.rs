//! Tagging comments with themes, and finding group names in them.
//!
//! The matching rule: a keyword matches a comment when it occurs in it
//! case-insensitively (Unicode lowercase, so "Sécurité" matches
//! "sécurité") as whole words: the characters just before and just after
//! it are not letters or digits of any language (or are the text's ends).
//! "cost" matches "Cost, again" but not "costume"; a phrase matches with
//! any single space between its words (comments have their white space
//! collapsed when read). A comment is tagged with every dimension theme
//! whose keyword it contains, and with "Other" when it contains an Other
//! keyword or no dimension's keyword at all.

use crate::rubric::{Theme, OTHER_THEME};

/// A lowercased text as characters, for matching.
pub struct Folded(Vec<char>);

impl Folded {
    pub fn new(text: &str) -> Folded {
        Folded(fold(text))
    }

    /// Whether `word` (already folded) occurs as whole words.
    pub fn contains(&self, word: &[char]) -> bool {
        let t = &self.0;
        if word.is_empty() || word.len() > t.len() {
            return false;
        }
        (0..=t.len() - word.len()).any(|i| {
            t[i..i + word.len()] == *word
                && (i == 0 || !t[i - 1].is_alphanumeric())
                && t.get(i + word.len()).is_none_or(|c| !c.is_alphanumeric())
        })
    }
}

/// Lowercase, with white space runs as one space.
pub fn fold(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The themes' keywords, folded once.
pub struct Matcher {
    themes: Vec<(bool, Vec<Vec<char>>)>,
}

impl Matcher {
    pub fn new(themes: &[Theme]) -> Matcher {
        Matcher {
            themes: themes
                .iter()
                .map(|t| {
                    (
                        t.id == OTHER_THEME,
                        t.keywords.iter().map(|k| fold(k)).collect(),
                    )
                })
                .collect(),
        }
    }

    /// Per theme, whether the text is tagged with it.
    pub fn tag(&self, text: &Folded) -> Vec<bool> {
        let mut tags: Vec<bool> = self
            .themes
            .iter()
            .map(|(_, kws)| kws.iter().any(|k| text.contains(k)))
            .collect();
        let dimension_hit = self
            .themes
            .iter()
            .zip(&tags)
            .any(|((other, _), &t)| !other && t);
        if let Some(i) = self.themes.iter().position(|(other, _)| *other) {
            tags[i] |= !dimension_hit;
        }
        tags
    }
}

/// A group name as it is searched for in quotes: folded, unless it is of
/// three characters or fewer (an "IT" team must not match "it"), then as
/// written.
pub struct GroupName {
    folded: Vec<char>,
    exact: Option<Vec<char>>,
}

impl GroupName {
    pub fn new(name: &str) -> GroupName {
        let short = name.trim().chars().count() <= 3;
        GroupName {
            folded: fold(name),
            exact: short.then(|| {
                name.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .collect()
            }),
        }
    }

    /// Whether `text` names the group (`folded` is `text` folded).
    pub fn named_in(&self, text: &str, folded: &Folded) -> bool {
        match &self.exact {
            Some(exact) => Folded(text.chars().collect()).contains(exact),
            None => folded.contains(&self.folded),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(id: &str, kws: &[&str]) -> Theme {
        Theme {
            id: id.into(),
            name: id.into(),
            keywords: kws.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn whole_words_any_case_any_letters() {
        let t = Folded::new("Die SICHERHEIT-Prüfung kostet; costume party. Prompt  injection!");
        assert!(t.contains(&fold("sicherheit")));
        assert!(t.contains(&fold("prüfung")));
        assert!(!t.contains(&fold("cost")));
        assert!(t.contains(&fold("prompt injection")));
        assert!(Folded::new("la sécurité d'abord").contains(&fold("Sécurité")));
        // A letter of another script is a letter: no boundary inside "データ".
        assert!(!Folded::new("データ").contains(&fold("デー")));
    }

    #[test]
    fn other_takes_what_no_dimension_matches() {
        let m = Matcher::new(&[
            theme("efficiency", &["cost"]),
            theme("security", &["security"]),
            theme(OTHER_THEME, &["training"]),
        ]);
        assert_eq!(
            m.tag(&Folded::new("Cost and security")),
            [true, true, false]
        );
        assert_eq!(m.tag(&Folded::new("nothing here")), [false, false, true]);
        assert_eq!(m.tag(&Folded::new("cost of training")), [true, false, true]);
    }

    #[test]
    fn short_group_names_match_as_written() {
        let it = GroupName::new("IT");
        let text = "it works but IT is slow";
        assert!(it.named_in(text, &Folded::new(text)));
        assert!(!it.named_in("it works", &Folded::new("it works")));
        let sec = GroupName::new("Security");
        assert!(sec.named_in("our security team", &Folded::new("our security team")));
    }
}
