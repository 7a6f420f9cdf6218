//! Survey-tool export layouts: which tool wrote a file, how many header rows
//! it has, and what each column may be called.
//!
//! Every tool names columns its own way: Qualtrics puts an export tag over
//! the question text over an import id, SurveyMonkey puts the question over
//! the option, LimeSurvey writes `code[subquestion]`. Here each column gets
//! the list of names it may be known by; [`super::Layout`] then matches those
//! names to the rubric the same way for every tool, so the same answers score
//! identically whichever tool collected them.

use serde::Serialize;

use super::answer::normalize;

/// The layout a survey file is read with (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// Recognise the layout from the first rows.
    #[default]
    Auto,
    /// One header row of question ids or texts.
    Plain,
    Qualtrics,
    #[serde(rename = "surveymonkey")]
    SurveyMonkey,
    #[serde(rename = "limesurvey")]
    LimeSurvey,
    GoogleForms,
    MsForms,
}

impl InputFormat {
    pub const ALL: [InputFormat; 7] = [
        InputFormat::Auto,
        InputFormat::Plain,
        InputFormat::Qualtrics,
        InputFormat::SurveyMonkey,
        InputFormat::LimeSurvey,
        InputFormat::GoogleForms,
        InputFormat::MsForms,
    ];

    /// The name used on the command line, in the manifest and in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Plain => "plain",
            InputFormat::Qualtrics => "qualtrics",
            InputFormat::SurveyMonkey => "surveymonkey",
            InputFormat::LimeSurvey => "limesurvey",
            InputFormat::GoogleForms => "google-forms",
            InputFormat::MsForms => "ms-forms",
        }
    }

    pub fn from_name(s: &str) -> Option<InputFormat> {
        Self::ALL.into_iter().find(|f| f.name() == s.trim())
    }

    /// The tool's name for people.
    pub fn title(self) -> &'static str {
        match self {
            InputFormat::Auto | InputFormat::Plain => "plain CSV",
            InputFormat::Qualtrics => "Qualtrics",
            InputFormat::SurveyMonkey => "SurveyMonkey",
            InputFormat::LimeSurvey => "LimeSurvey",
            InputFormat::GoogleForms => "Google Forms",
            InputFormat::MsForms => "Microsoft Forms",
        }
    }

    /// What a file of this layout looks like, for error messages.
    pub fn looks_like(self) -> &'static str {
        match self {
            InputFormat::Auto | InputFormat::Plain => {
                "one header row naming each question by its id or text"
            }
            InputFormat::Qualtrics => {
                "a Qualtrics export: three header rows (export tags; question texts; {\"ImportId\": ...}), or the legacy two (V1, V2, ... over ResponseID, ...)"
            }
            InputFormat::SurveyMonkey => {
                "a SurveyMonkey export: two header rows, the second holding \"Response\" or the option and statement labels"
            }
            InputFormat::LimeSurvey => {
                "a LimeSurvey export: columns id, submitdate, lastpage, startlanguage, then question codes such as q1[SQ001]"
            }
            InputFormat::GoogleForms => {
                "a Google Forms responses sheet: a first column \"Timestamp\", then the question titles"
            }
            InputFormat::MsForms => {
                "a Microsoft Forms export: columns ID, Start time, Completion time, Email, Name, then the questions"
            }
        }
    }
}

impl std::fmt::Display for InputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How a column tells that a response was never completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishedRule {
    /// Qualtrics' `Finished`: 0 or False.
    ZeroOrFalse,
    /// LimeSurvey's `submitdate`: empty.
    Empty,
}

#[derive(Debug, Clone)]
pub struct Finished {
    pub col: usize,
    pub rule: FinishedRule,
}

impl Finished {
    /// The reason an unfinished row is excluded, or `None` when it is finished.
    pub fn unfinished(&self, cell: &str, column: &str) -> Option<String> {
        let v = cell.trim();
        let open = match self.rule {
            FinishedRule::ZeroOrFalse => v == "0" || v.eq_ignore_ascii_case("false"),
            FinishedRule::Empty => v.is_empty(),
        };
        open.then(|| match self.rule {
            FinishedRule::ZeroOrFalse => format!("unfinished response ({column} = {v})"),
            FinishedRule::Empty => format!("unfinished response (no {column})"),
        })
    }
}

/// One column: the name shown in messages and the names it may match by.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub names: Vec<String>,
}

/// The header of a survey file as its tool wrote it.
#[derive(Debug, Clone)]
pub struct Header {
    /// The layout read (never `Auto`).
    pub format: InputFormat,
    /// Which variant, in words: "3 header rows", "legacy, 2 header rows".
    pub variant: String,
    /// Whether the layout was recognised rather than given.
    pub detected: bool,
    /// Rows before the first answer row.
    pub rows: usize,
    pub columns: Vec<Column>,
    pub finished: Option<Finished>,
    /// Whether answers may be choice numbers, so that the number just above
    /// a scale is its "Not sure" choice (6 on a 1..5 scale).
    pub numbered_choices: bool,
    /// The tool whose export the file looks like, when it was read as
    /// `plain` all the same.
    pub looks_like: Option<InputFormat>,
}

impl Header {
    /// How the layout is described in the table and the report.
    pub fn description(&self) -> String {
        let how = if self.detected {
            "detected"
        } else {
            "as given"
        };
        format!("{}, {}, {how}", self.format.title(), self.variant)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("the input format given, `{asked}`, expects {}; this file looks like {}", .asked.looks_like(), found_words(*.found))]
    Mismatch {
        asked: InputFormat,
        found: InputFormat,
    },
}

fn found_words(f: InputFormat) -> &'static str {
    match f {
        InputFormat::Auto | InputFormat::Plain => {
            "a plain CSV (none of the survey tools' header rows were found)"
        }
        other => other.looks_like(),
    }
}

/// Recognises the tool from the first three records (trimmed cells).
pub fn detect(rows: &[Vec<String>]) -> InputFormat {
    let row = |i: usize| rows.get(i).map(Vec::as_slice).unwrap_or_default();
    let has = |r: &[String], name: &str| r.iter().any(|c| c.eq_ignore_ascii_case(name));
    let (r1, r2, r3) = (row(0), row(1), row(2));
    if r3.iter().any(|c| is_import_id(c)) {
        return InputFormat::Qualtrics;
    }
    if r1.first().is_some_and(|c| c == "V1") && has(r2, "ResponseID") {
        return InputFormat::Qualtrics;
    }
    // Qualtrics' own metadata columns, for an export whose second and third
    // rows were deleted in a spreadsheet.
    if ["StartDate", "EndDate", "Finished"]
        .iter()
        .all(|n| has(r1, n))
        && ["ResponseId", "_recordId"].iter().any(|n| has(r1, n))
    {
        return InputFormat::Qualtrics;
    }
    let sm_label = |c: &String| c == "Response" || c == "Open-Ended Response";
    if r2.iter().any(sm_label) {
        let blank_over_label = r1
            .iter()
            .zip(r2)
            .any(|(a, b)| a.is_empty() && !b.is_empty());
        if blank_over_label || has(r1, "RespondentID") || has(r1, "Respondent ID") {
            return InputFormat::SurveyMonkey;
        }
    }
    if ["submitdate", "lastpage", "startlanguage"]
        .iter()
        .all(|n| has(r1, n))
    {
        return InputFormat::LimeSurvey;
    }
    // Google Sheets names the first column in the form's language.
    const TIMESTAMP: [&str; 6] = [
        "timestamp",
        "marca temporal",
        "horodateur",
        "zeitstempel",
        "carimbo de data/hora",
        "informazioni cronologiche",
    ];
    if r1
        .first()
        .is_some_and(|c| TIMESTAMP.contains(&normalize(c).as_str()))
    {
        return InputFormat::GoogleForms;
    }
    if ["ID", "Start time", "Completion time"]
        .iter()
        .all(|n| has(r1, n))
    {
        return InputFormat::MsForms;
    }
    InputFormat::Plain
}

fn is_import_id(cell: &str) -> bool {
    let c = cell.trim_start();
    c.starts_with("{\"ImportId\"") || c.starts_with("{'ImportId'")
}

/// Builds the header of a file whose first records are `rows`, read as
/// `asked` (`Auto` detects). A tool layout asked for but not found is an
/// error naming both; so is a plain file asked to be a tool's export.
pub fn header(asked: InputFormat, rows: &[Vec<String>]) -> Result<Header, FormatError> {
    let found = detect(rows);
    let format = match asked {
        InputFormat::Auto => found,
        // Plain reading of any file is allowed: it is the escape hatch.
        InputFormat::Plain => InputFormat::Plain,
        // Google and Microsoft Forms differ from a plain CSV only in their
        // metadata columns, which plain reading ignores anyway; a file
        // without them is still read as asked.
        InputFormat::GoogleForms | InputFormat::MsForms if found == InputFormat::Plain => asked,
        _ if asked == found => asked,
        _ => return Err(FormatError::Mismatch { asked, found }),
    };
    let detected = asked == InputFormat::Auto;
    let r1 = rows.first().cloned().unwrap_or_default();
    let single = |variant: &str, numbered: bool| Header {
        format,
        variant: variant.to_string(),
        detected,
        rows: 1,
        columns: r1
            .iter()
            .map(|n| Column {
                name: n.clone(),
                names: vec![n.clone()],
            })
            .collect(),
        finished: None,
        numbered_choices: numbered,
        looks_like: (asked == InputFormat::Plain && found != InputFormat::Plain).then_some(found),
    };
    Ok(match format {
        InputFormat::Auto | InputFormat::Plain => single("1 header row", false),
        InputFormat::GoogleForms | InputFormat::MsForms => single("1 header row", false),
        InputFormat::LimeSurvey => {
            let mut h = single("1 header row", true);
            h.finished = position(&r1, "submitdate").map(|col| Finished {
                col,
                rule: FinishedRule::Empty,
            });
            h
        }
        InputFormat::Qualtrics => {
            // Detection saw the header rows, or it would not be Qualtrics.
            let legacy = r1.first().is_some_and(|c| c == "V1");
            qualtrics(rows, legacy, detected)
        }
        InputFormat::SurveyMonkey => surveymonkey(&rows[0], &rows[1], detected),
    })
}

fn position(row: &[String], name: &str) -> Option<usize> {
    row.iter().position(|c| c.eq_ignore_ascii_case(name))
}

/// Qualtrics: export tags over question texts over import ids (which name
/// nothing a rubric knows). A legacy export has `V1, V2, ...` over the
/// metadata names, so there the second row names the column.
///
/// People open exports in Excel and delete the rows under the tags, so the
/// header rows are counted rather than assumed: a row belongs to the header
/// when it holds import ids, or when its `Finished` cell is not a finished
/// flag (the question-text row says "Finished" there, or the survey
/// language's word for it).
fn qualtrics(rows: &[Vec<String>], legacy: bool, detected: bool) -> Header {
    let r1 = &rows[0];
    let finished_col = position(r1, "Finished");
    let is_flag = |c: &str| {
        let c = c.trim();
        c == "0" || c == "1" || c.eq_ignore_ascii_case("true") || c.eq_ignore_ascii_case("false")
    };
    let header_like = |r: &Vec<String>| {
        r.iter().any(|c| is_import_id(c))
            || finished_col.is_some_and(|f| r.get(f).is_some_and(|c| !is_flag(c)))
    };
    let count = if legacy {
        2
    } else {
        1 + rows[1..]
            .iter()
            .take(2)
            .take_while(|r| header_like(r))
            .count()
    };
    // The question texts: the header row after the tags that is not
    // import ids, if any survived.
    let texts: Option<&Vec<String>> = rows[1..count]
        .iter()
        .find(|r| !r.iter().any(|c| is_import_id(c)));
    let width = rows[..count].iter().map(Vec::len).max().unwrap_or(0);
    let columns = (0..width)
        .map(|c| {
            let tag = r1.get(c).cloned().unwrap_or_default();
            let text = texts.and_then(|t| t.get(c)).cloned().unwrap_or_default();
            let name = if legacy && tag.starts_with('V') && tag[1..].parse::<u32>().is_ok() {
                text.clone()
            } else {
                tag.clone()
            };
            Column {
                name,
                names: vec![tag, text],
            }
        })
        .collect::<Vec<_>>();
    let finished = columns
        .iter()
        .position(|c| c.names.iter().any(|n| n.eq_ignore_ascii_case("Finished")))
        .map(|col| Finished {
            col,
            rule: FinishedRule::ZeroOrFalse,
        });
    let variant = match (legacy, count) {
        (true, _) => "legacy, 2 header rows".to_string(),
        (false, 3) => "3 header rows".to_string(),
        (false, 2) if texts.is_some() => "2 header rows (the ImportId row is missing)".to_string(),
        (false, 2) => "2 header rows (the question-text row is missing)".to_string(),
        _ => "1 header row (the question-text and ImportId rows are missing)".to_string(),
    };
    Header {
        format: InputFormat::Qualtrics,
        variant,
        detected,
        rows: count,
        columns,
        finished,
        numbered_choices: true,
        looks_like: None,
    }
}

/// SurveyMonkey: the question over the option. A question's text stands
/// over its first column only, so it is carried right over the blanks.
fn surveymonkey(r1: &[String], r2: &[String], detected: bool) -> Header {
    let generic = |l: &str| l == "Response" || l == "Open-Ended Response";
    let mut title = String::new();
    let columns = (0..r1.len().max(r2.len()))
        .map(|c| {
            let top = r1.get(c).cloned().unwrap_or_default();
            if !top.is_empty() {
                title = top;
            }
            let label = r2.get(c).cloned().unwrap_or_default();
            let key = normalize(&label);
            let unique = r2.iter().filter(|l| normalize(l) == key).count() == 1;
            let mut names = Vec::new();
            let name = if label.is_empty() || generic(&label) {
                names.push(title.clone());
                title.clone()
            } else {
                let joined = format!("{title} - {label}");
                if unique {
                    names.push(label.clone());
                }
                names.push(joined.clone());
                joined
            };
            Column { name, names }
        })
        .collect();
    Header {
        format: InputFormat::SurveyMonkey,
        variant: "2 header rows".into(),
        detected,
        rows: 2,
        columns,
        finished: None,
        numbered_choices: true,
        looks_like: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn each_tool_is_recognised_from_its_first_rows() {
        let q3 = rows(&[
            &["StartDate", "Finished", "Q1_1"],
            &["Start Date", "Finished", "Practice - We test prompts"],
            &[
                "{\"ImportId\":\"startDate\"}",
                "{\"ImportId\":\"finished\"}",
                "{\"ImportId\":\"QID1_1\"}",
            ],
        ]);
        assert_eq!(detect(&q3), InputFormat::Qualtrics);
        let legacy = rows(&[&["V1", "V2", "Q1"], &["ResponseID", "ResponseSet", "Text"]]);
        assert_eq!(detect(&legacy), InputFormat::Qualtrics);
        let sm = rows(&[&["RespondentID", "Team", ""], &["", "Response", "Other"]]);
        assert_eq!(detect(&sm), InputFormat::SurveyMonkey);
        let lime = rows(&[&["id", "submitdate", "lastpage", "startlanguage", "q1[a]"]]);
        assert_eq!(detect(&lime), InputFormat::LimeSurvey);
        let google = rows(&[&["Timestamp", "Team"]]);
        assert_eq!(detect(&google), InputFormat::GoogleForms);
        let ms = rows(&[&[
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Team",
        ]]);
        assert_eq!(detect(&ms), InputFormat::MsForms);
        assert_eq!(
            detect(&rows(&[&["team", "q1"], &["a", "1"]])),
            InputFormat::Plain
        );
    }

    #[test]
    fn surveymonkey_columns_carry_the_question_right() {
        let h = header(
            InputFormat::Auto,
            &rows(&[
                &["RespondentID", "How do we work?", "", "Team"],
                &["", "We test prompts", "We log outputs", "Response"],
            ]),
        )
        .unwrap();
        assert_eq!(h.rows, 2);
        assert_eq!(h.columns[2].name, "How do we work? - We log outputs");
        assert_eq!(h.columns[2].names[0], "We log outputs");
        assert_eq!(h.columns[3].names, vec!["Team".to_string()]);
    }

    #[test]
    fn a_wrong_layout_names_what_was_expected_and_found() {
        let google = rows(&[&["Timestamp", "Team"], &["2026-01-01", "A"]]);
        let e = header(InputFormat::Qualtrics, &google)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("the input format given, `qualtrics`, expects a Qualtrics export"),
            "{e}"
        );
        assert!(
            e.contains("looks like a Google Forms responses sheet"),
            "{e}"
        );
        assert!(header(InputFormat::Plain, &google).is_ok());
    }

    #[test]
    fn unfinished_rules() {
        let q = Finished {
            col: 0,
            rule: FinishedRule::ZeroOrFalse,
        };
        assert!(q.unfinished("0", "Finished").is_some());
        assert!(q.unfinished("False", "Finished").is_some());
        assert!(q.unfinished("1", "Finished").is_none());
        assert!(q.unfinished("True", "Finished").is_none());
        let l = Finished {
            col: 0,
            rule: FinishedRule::Empty,
        };
        assert_eq!(
            l.unfinished(" ", "submitdate").as_deref(),
            Some("unfinished response (no submitdate)")
        );
    }
}
