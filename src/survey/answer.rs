//! One cell -> one answer: a point of the scale, not answered, or unreadable.
//!
//! This runs once per cell, so numbers are parsed straight from the bytes and
//! text is only decoded and compared when the cell is not a number.

use crate::rubric::Scale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Index of the point on the scale: 0 is `min`.
    Point(u8),
    /// Empty, or one of the scale's `missing` answers.
    Missing,
    /// One of the scale's `not_sure` answers: not scored, but counted.
    NotSure,
    /// One of the scale's `not_applicable` answers: not scored, but counted.
    NotApplicable,
    /// Neither; the reason says why.
    Unreadable(Unreadable),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unreadable {
    OffScale,
    NotALabel,
}

/// Parses answers for one scale; built once per distinct scale.
#[derive(Debug, Clone)]
pub struct AnswerParser {
    min: i64,
    max: i64,
    /// Lower-cased, trimmed labels with their point index.
    labels: Vec<(String, u8)>,
    missing: Vec<String>,
    not_sure: Vec<String>,
    not_applicable: Vec<String>,
    /// Every label and non-answer as the rubric writes it, for "did you
    /// mean" in messages about unreadable cells.
    written: Vec<String>,
    /// Whether choices may be exported as their numbers, as Qualtrics,
    /// SurveyMonkey and LimeSurvey do: then a "Not sure" choice placed after
    /// the scale arrives as the next number (6 on 1..5), which is a missing
    /// answer when the scale has missing labels. Only that one number: the
    /// generated questionnaires offer one such choice, and a 7 is more
    /// likely a scale built wrong than a second "Not sure", so it is
    /// reported.
    numbered: bool,
}

impl AnswerParser {
    pub fn new(scale: &Scale) -> Self {
        AnswerParser {
            min: scale.min,
            max: scale.max,
            labels: scale
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| (normalize(l), i as u8))
                .collect(),
            missing: scale.missing.iter().map(|m| normalize(m)).collect(),
            not_sure: scale.not_sure.iter().map(|m| normalize(m)).collect(),
            not_applicable: scale.not_applicable.iter().map(|m| normalize(m)).collect(),
            written: scale
                .labels
                .iter()
                .chain(&scale.missing)
                .chain(&scale.not_sure)
                .chain(&scale.not_applicable)
                .cloned()
                .collect(),
            numbered: false,
        }
    }

    /// Reads numbers just above the scale as its missing choices.
    pub fn numbered(mut self, yes: bool) -> Self {
        self.numbered = yes;
        self
    }

    pub fn parse(&self, cell: &[u8]) -> Answer {
        // Most cells are one digit: answer them without any other work.
        if let [d @ b'0'..=b'9'] = cell {
            let n = i64::from(d - b'0');
            if (self.min..=self.max).contains(&n) {
                return Answer::Point((n - self.min) as u8);
            }
        }
        let cell = cell.trim_ascii();
        if cell.is_empty() {
            return Answer::Missing;
        }
        let int = parse_int(cell);
        if let Some(n) = int.filter(|n| (self.min..=self.max).contains(n)) {
            return self.point(n);
        }
        let text = super::input::decode_cell(cell);
        let key = normalize(&text);
        // Exports that number every choice write "Not sure" placed after the
        // scale as the next number (6 on 1..5); listed as missing, it is one.
        if self.missing.contains(&key) {
            return Answer::Missing;
        }
        if self.not_sure.contains(&key) {
            return Answer::NotSure;
        }
        if self.not_applicable.contains(&key) {
            return Answer::NotApplicable;
        }
        if let Some((_, i)) = self.labels.iter().find(|(l, _)| *l == key) {
            return Answer::Point(*i);
        }
        if let Some(n) = int {
            // The generated questionnaires offer "not sure" first, then
            // "does not apply", after the scale.
            if self.numbered && n > self.max {
                let mut extra = Vec::new();
                if !self.missing.is_empty() {
                    extra.push(Answer::Missing);
                }
                if !self.not_sure.is_empty() {
                    extra.push(Answer::NotSure);
                }
                if !self.not_applicable.is_empty() {
                    extra.push(Answer::NotApplicable);
                }
                if let Some(a) = usize::try_from(n - self.max - 1)
                    .ok()
                    .and_then(|i| extra.get(i))
                {
                    return *a;
                }
            }
            return self.point(n);
        }
        // Spreadsheets write whole numbers as "4.0"; any other decimal is a
        // number off the scale. Exponents ("1e0") are not answers anyone types.
        // A decimal comma too: European Excel writes "4,0".
        if let Some((int, frac)) = key.split_once(['.', ',']) {
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let int_ok = digits(int.trim_start_matches(['+', '-']));
            if int_ok && (frac.is_empty() || digits(frac)) {
                if frac.bytes().all(|b| b == b'0') {
                    if let Some(n) = parse_int(int.as_bytes()) {
                        return self.point(n);
                    }
                }
                return Answer::Unreadable(Unreadable::OffScale);
            }
        }
        Answer::Unreadable(Unreadable::NotALabel)
    }

    fn point(&self, n: i64) -> Answer {
        if n < self.min || n > self.max {
            Answer::Unreadable(Unreadable::OffScale)
        } else {
            Answer::Point((n - self.min) as u8)
        }
    }

    /// As [`AnswerParser::explain`], with the label the cell most likely
    /// meant ("Agre": did you mean "Agree"?).
    pub fn explain_cell(&self, why: Unreadable, cell: &str) -> String {
        let base = self.explain(why);
        if why != Unreadable::NotALabel {
            return base;
        }
        match crate::suggest::nearest(cell, self.written.iter().map(String::as_str)) {
            Some(s) => format!("{base}; did you mean \"{s}\"?"),
            None => base,
        }
    }

    /// Why a cell was unreadable, in words for the user.
    pub fn explain(&self, why: Unreadable) -> String {
        match why {
            Unreadable::OffScale => format!("not a point of the scale {}..{}", self.min, self.max),
            Unreadable::NotALabel => {
                if self.labels.is_empty() {
                    format!("not a number on the scale {}..{}", self.min, self.max)
                } else {
                    format!(
                        "neither a number on the scale {}..{} nor one of its labels",
                        self.min, self.max
                    )
                }
            }
        }
    }
}

/// Trimmed, lower-cased, inner whitespace collapsed; also maps the curly
/// apostrophe that word processors insert ("Don’t know") to a straight one.
/// Characters that take no space on screen: names that differ only by them
/// look the same, so they are matched as the same.
pub fn zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().filter(|&c| !zero_width(c)) {
            let c = if c == '\u{2019}' { '\'' } else { c };
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// An optionally signed decimal integer, nothing else.
fn parse_int(b: &[u8]) -> Option<i64> {
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits
        .iter()
        .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
    Some(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn likert() -> AnswerParser {
        AnswerParser::new(&Scale {
            min: 1,
            max: 5,
            labels: [
                "Strongly disagree",
                "Disagree",
                "Neutral",
                "Agree",
                "Strongly agree",
            ]
            .map(String::from)
            .to_vec(),
            missing: vec!["Not sure".into(), "N/A".into(), "Don't know".into()],
            ..Scale::default()
        })
    }

    #[test]
    fn numbers_labels_and_missing() {
        let p = likert();
        assert_eq!(p.parse(b"1"), Answer::Point(0));
        assert_eq!(p.parse(b" 5 "), Answer::Point(4));
        assert_eq!(p.parse(b"4.0"), Answer::Point(3));
        assert_eq!(p.parse(b"  strongly AGREE "), Answer::Point(4));
        assert_eq!(p.parse(b"Strongly   agree"), Answer::Point(4));
        assert_eq!(p.parse(b""), Answer::Missing);
        assert_eq!(p.parse(b"   "), Answer::Missing);
        assert_eq!(p.parse(b"n/a"), Answer::Missing);
        assert_eq!(p.parse("Don\u{2019}t know".as_bytes()), Answer::Missing);
        assert_eq!(p.parse(b"6"), Answer::Unreadable(Unreadable::OffScale));
        assert_eq!(p.parse(b"0"), Answer::Unreadable(Unreadable::OffScale));
        assert_eq!(p.parse(b"3.5"), Answer::Unreadable(Unreadable::OffScale));
        assert_eq!(p.parse(b"-1"), Answer::Unreadable(Unreadable::OffScale));
        assert_eq!(
            p.parse(b"Agreed"),
            Answer::Unreadable(Unreadable::NotALabel)
        );
        assert_eq!(
            p.parse(b"99999999999999"),
            Answer::Unreadable(Unreadable::OffScale)
        );
    }

    #[test]
    fn whole_numbers_with_decimals_are_points() {
        let p = likert();
        assert_eq!(p.parse(b"5.00"), Answer::Point(4));
        assert_eq!(p.parse(b"4,0"), Answer::Point(3));
        assert_eq!(p.parse(b"3,5"), Answer::Unreadable(Unreadable::OffScale));
        assert_eq!(p.parse(b"1e0"), Answer::Unreadable(Unreadable::NotALabel));
    }

    #[test]
    fn a_numbered_missing_choice_is_missing() {
        let p = AnswerParser::new(&Scale {
            missing: vec!["6".into()],
            ..Scale::default()
        });
        // Off the 1..5 scale but listed as missing: not answered, not an error.
        assert_eq!(p.parse(b"6"), Answer::Missing);
        assert_eq!(p.parse(b"7"), Answer::Unreadable(Unreadable::OffScale));
    }

    #[test]
    fn not_sure_and_does_not_apply_are_told_apart_from_missing() {
        let p = AnswerParser::new(&Scale {
            missing: vec!["Skipped".into()],
            not_sure: vec!["Not sure".into()],
            not_applicable: vec!["Does not apply".into()],
            ..Scale::default()
        })
        .numbered(true);
        assert_eq!(p.parse(b"skipped"), Answer::Missing);
        assert_eq!(p.parse(b" Not sure"), Answer::NotSure);
        assert_eq!(p.parse(b"DOES NOT APPLY"), Answer::NotApplicable);
        // Numbered exports: the non-answers follow the scale in the order
        // the questionnaires offer them (missing, not sure, does not apply).
        assert_eq!(p.parse(b"6"), Answer::Missing);
        assert_eq!(p.parse(b"7"), Answer::NotSure);
        assert_eq!(p.parse(b"8"), Answer::NotApplicable);
        assert_eq!(p.parse(b"9"), Answer::Unreadable(Unreadable::OffScale));
    }

    #[test]
    fn an_unreadable_label_suggests_the_label_it_nearly_spells() {
        let p = likert();
        let why = match p.parse(b"Agre") {
            Answer::Unreadable(w) => w,
            other => panic!("{other:?}"),
        };
        assert!(p
            .explain_cell(why, "Agre")
            .ends_with("did you mean \"Agree\"?"));
        // Nothing near: no suggestion.
        assert!(!p.explain_cell(why, "banana").contains("did you mean"));
    }
}
