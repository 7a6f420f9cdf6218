//! Survey files: bytes -> records ([`input`]), header -> question columns
//! ([`Layout`]), cell -> answer ([`answer`]). Scoring lives in `score`; this
//! module only says what each cell means and records what it could not read.

pub mod answer;
pub mod chunks;
pub mod codes;
pub mod formats;
pub mod input;

use serde::Serialize;

use crate::rubric::{Dimension, Question, Rubric};
use answer::normalize;
pub use formats::{Column, Finished, Header, InputFormat};

/// A problem with the survey file that did not stop scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Issue {
    /// A cell that is neither an answer nor a missing answer; it counts as
    /// not answered.
    UnreadableCell {
        row: u64,
        column: String,
        /// The rubric question the column holds.
        question: String,
        value: String,
        reason: String,
    },
    /// A rubric question with no column in the file.
    MissingColumn { question: String, dimension: String },
    /// A group column named by the rubric but absent from the file.
    MissingGroupColumn {
        column: String,
        /// A column of the file whose name is close to it (a typo?).
        #[serde(skip_serializing_if = "Option::is_none")]
        did_you_mean: Option<String>,
    },
    /// A column that matches no question, group or id, but whose name is
    /// close to a question's id, text or survey-tool code: most likely a
    /// typo or an edit. It is not read (a near match is never taken for the
    /// question), and it is listed with the ignored columns.
    UnmatchedColumn {
        column: String,
        /// The question it is close to.
        did_you_mean: String,
    },
    /// A second column that matches a question already matched (`read` is
    /// the column it is read from); ignored.
    DuplicateColumn {
        column: String,
        question: String,
        read: String,
    },
    /// A row with more cells than the header has columns.
    ExtraCells { row: u64, count: usize },
    /// A Qualtrics matrix column read as a question by its position in the
    /// generated questionnaire, since no column has the question's text.
    MatchedByPosition { column: String, question: String },
    /// A survey tool's export read as a plain CSV, as asked.
    ReadAsPlain { looks_like: String },
    /// Two groups of one breakdown column whose names look like one group
    /// ("Eng", "Engineering") and that no alias merges: they are counted
    /// apart, which splits the team.
    SimilarGroups {
        column: String,
        a: String,
        b: String,
        /// Why they look alike, in words.
        why: String,
    },
}

impl Issue {
    /// As [`Issue::describe`], but an unreadable cell is told by its length,
    /// not quoted: for reports, where a comment typed into an answer cell
    /// must not be published.
    pub fn describe_unquoted(&self, file: &str) -> String {
        self.describe_as(file, false)
    }

    /// One line for the terminal and for `--strict` failures.
    pub fn describe(&self, file: &str) -> String {
        self.describe_as(file, true)
    }

    fn describe_as(&self, file: &str, quote: bool) -> String {
        match self {
            Issue::UnreadableCell {
                row,
                column,
                value,
                reason,
                ..
            } => {
                let what = if quote {
                    format!("\"{}\" is", value.replace('\r', "\\r").replace('\n', "\\n"))
                } else {
                    format!(
                        "an answer of {} that is",
                        crate::text::plural(value.chars().count(), "character")
                    )
                };
                format!("{file}: row {row}, column \"{column}\": {what} {reason}; counted as not answered")
            }
            Issue::MissingColumn { question, dimension } => {
                format!("{file}: no column for question `{question}` (dimension `{dimension}`)")
            }
            Issue::MissingGroupColumn {
                column,
                did_you_mean,
            } => {
                let hint = did_you_mean
                    .as_ref()
                    .map_or(String::new(), |c| format!(" (did you mean \"{c}\"?)"));
                format!("{file}: no group column \"{column}\"{hint}; results are not broken down by it")
            }
            Issue::UnmatchedColumn {
                column,
                did_you_mean,
            } => format!(
                "{file}: column \"{column}\" matches no question and is not read; did you mean question `{did_you_mean}`? (rename the column if it holds that question's answers)"
            ),
            Issue::DuplicateColumn {
                column,
                question,
                read,
            } => format!(
                "{file}: column \"{column}\" repeats question `{question}`, which is read from column \"{read}\"; \"{column}\" is ignored"
            ),
            Issue::ExtraCells { row, count } => {
                format!("{file}: row {row} has {count} more cell(s) than the header; they are ignored")
            }
            Issue::MatchedByPosition { column, question } => format!(
                "{file}: no column has the text of question `{question}`; column \"{column}\" is read as it by its position in the Qualtrics matrix (was the statement reworded?)"
            ),
            Issue::SimilarGroups { column, a, b, why } => format!(
                "{file}: column \"{column}\": \"{a}\" and \"{b}\" may be one group ({why}) and are counted apart; if they are one, add an alias (`[respondents.aliases]` in the rubric, `[aliases]` in the workspace, or --aliases FILE); if not, list both under `[respondents.choices]`"
            ),
            Issue::ReadAsPlain { looks_like } => format!(
                "{file}: the file looks like a {looks_like} export but is read as a plain CSV, as asked: any further header rows count as data rows, and unfinished responses are not excluded"
            ),
        }
    }
}

/// What each column of the file holds.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Header names as decoded, for messages.
    pub names: Vec<String>,
    /// For each rubric question, in rubric order, then each outcome item:
    /// its column, if any.
    pub question_cols: Vec<Option<usize>>,
    /// Group columns present in the file: (name as the user gave it, column).
    /// The first `published_groups` are the breakdowns asked for; the rest
    /// are the rubric's other group columns, read only so that disclosure
    /// control decides over every breakdown that could be published.
    pub group_cols: Vec<(String, usize)>,
    pub published_groups: usize,
    pub id_col: Option<usize>,
    /// The column that tells unfinished responses, which are excluded.
    pub finished: Option<Finished>,
    /// Whether answers may be choice numbers (see [`Header`]).
    pub numbered_choices: bool,
    /// The spreadsheet row of the first answer row: 2 after one header row.
    pub first_row: u64,
    /// For each comment question of the rubric, in rubric order: its
    /// column, if any (matched by id, text or survey-tool code).
    pub comment_cols: Vec<Option<usize>>,
    /// Header columns that are none of the above (timestamps, e-mails, ...).
    pub ignored: Vec<String>,
    pub issues: Vec<Issue>,
}

#[cfg(test)]
mod tests {
    use super::statement_parts;

    #[test]
    fn grid_and_matrix_headers_yield_their_statement() {
        // Google Forms grid, Qualtrics matrix, Microsoft Forms Likert.
        assert!(
            statement_parts("how much do you agree? [we test our prompts.]")
                .contains(&"we test our prompts.".to_string())
        );
        assert!(
            statement_parts("prompting-we test our prompts before release")
                .contains(&"we test our prompts before release".to_string())
        );
        assert!(
            statement_parts("prompting practice.we test our prompts before release")
                .contains(&"we test our prompts before release".to_string())
        );
        // A short code after a dash is not a statement.
        assert!(statement_parts("q2-1").is_empty());
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("no column matches any question of the rubric; a column must be named by a question's id, its exact text or its survey-tool code (read as {read_as}; columns found: {found}){hint}")]
    NoQuestion {
        found: String,
        read_as: String,
        hint: String,
    },
    #[error("group column \"{column}\" is not in the file{hint} (columns found: {found})")]
    NoGroupColumn {
        column: String,
        found: String,
        /// "; did you mean …?" when a column's name is close.
        hint: String,
    },
}

impl Layout {
    /// Maps the header to the rubric. `groups` are the breakdown columns
    /// (the rubric's, or those given on the command line); `required_groups`
    /// says whether a missing one is an error (asked for explicitly) or an
    /// issue (named by the rubric, which may be used with many files).
    pub fn new(
        header: &Header,
        rubric: &Rubric,
        groups: &[String],
        required_groups: bool,
    ) -> Result<Layout, LayoutError> {
        let names: Vec<String> = header.columns.iter().map(|c| c.name.clone()).collect();
        let keys: Vec<Vec<String>> = header
            .columns
            .iter()
            .map(|c| c.names.iter().map(|n| normalize(n)).collect())
            .collect();
        let width = keys.len();
        let find = |name: &str| {
            let k = normalize(name);
            keys.iter().position(|ks| ks.contains(&k))
        };
        let mut used = vec![false; width];
        let mut issues = Vec::new();

        let id_col = rubric.respondents.id.as_deref().and_then(find);
        if let Some(c) = id_col {
            used[c] = true;
        }
        if let Some(f) = &header.finished {
            used[f.col] = true;
        }
        if let Some(tool) = header.looks_like {
            issues.push(Issue::ReadAsPlain {
                looks_like: tool.title().to_string(),
            });
        }
        let comment_cols: Vec<Option<usize>> = rubric
            .comments
            .questions
            .iter()
            .map(|q| {
                let names = [
                    normalize(&q.id),
                    normalize(&q.text),
                    normalize(&codes::comment_code(&q.id)),
                ];
                let c = (0..width).find(|&c| !used[c] && keys[c].iter().any(|k| names.contains(k)));
                if let Some(c) = c {
                    used[c] = true;
                }
                c
            })
            .collect();
        let mut group_cols = Vec::new();
        // A group column may also be a question column (breaking results
        // down by the answers to one question), so it is not marked used.
        let mut group_used = vec![false; width];
        for g in groups {
            match find(g) {
                Some(c) => {
                    group_used[c] = true;
                    group_cols.push((g.clone(), c));
                }
                None if required_groups => {
                    return Err(LayoutError::NoGroupColumn {
                        column: g.clone(),
                        found: list(&names),
                        hint: near_column(g, &names)
                            .map_or(String::new(), |c| format!("; did you mean \"{c}\"?")),
                    })
                }
                None => issues.push(Issue::MissingGroupColumn {
                    column: g.clone(),
                    did_you_mean: near_column(g, &names),
                }),
            }
        }

        // Questions are matched in three rounds, each over all questions
        // before the next, so that one question's exact match always beats
        // another's looser one:
        // 1. a column named by the question's id or text, or by its
        //    survey-tool code (`dimension[question]` in LimeSurvey);
        // 2. a grid or matrix column whose statement part is the text, as
        //    tools write them: "Title [Statement]" (Google Forms), "Title -
        //    Statement" and "Title-Statement" (Qualtrics, SurveyMonkey),
        //    "Title.Statement" (Microsoft Forms);
        // 3. a Qualtrics export tag `matrix_k` of the generated
        //    questionnaire: the k-th statement of that matrix, for statements
        //    whose text was edited after the survey ran.
        let parts: Vec<Vec<String>> = keys
            .iter()
            .map(|ks| ks.iter().flat_map(|k| statement_parts(k)).collect())
            .collect();
        let questions: Vec<(&Dimension, &Question)> = rubric.asked().collect();
        let mut exact: Vec<Vec<String>> = questions
            .iter()
            .map(|(_, q)| vec![normalize(&q.id), normalize(&q.text)])
            .collect();
        let mut by_position: Vec<String> = vec![String::new(); questions.len()];
        for m in codes::matrices(rubric) {
            for (k, q) in m.questions.iter().enumerate() {
                let i = questions
                    .iter()
                    .position(|(_, x)| std::ptr::eq(*x, *q))
                    .expect("a matrix question is a rubric question");
                let sq = codes::question_code(m.dimension, q);
                exact[i].push(normalize(&format!("{}[{sq}]", m.tag)));
                exact[i].push(normalize(&format!("{}_{sq}", m.tag)));
                by_position[i] = normalize(&format!("{}_{}", m.tag, k + 1));
            }
        }
        let mut question_cols: Vec<Option<usize>> = vec![None; questions.len()];
        for round in 0..3 {
            for (i, (_, q)) in questions.iter().enumerate() {
                if question_cols[i].is_some() {
                    continue;
                }
                let text = normalize(&q.text);
                let matches: Vec<usize> = (0..width)
                    .filter(|&c| !used[c])
                    .filter(|&c| match round {
                        0 => keys[c].iter().any(|k| exact[i].contains(k)),
                        1 => parts[c].contains(&text),
                        _ => !by_position[i].is_empty() && keys[c].contains(&by_position[i]),
                    })
                    .collect();
                let Some(&first) = matches.first() else {
                    continue;
                };
                used[first] = true;
                question_cols[i] = Some(first);
                if round == 2 {
                    issues.push(Issue::MatchedByPosition {
                        column: names[first].clone(),
                        question: q.id.clone(),
                    });
                }
                for &dup in &matches[1..] {
                    used[dup] = true;
                    issues.push(Issue::DuplicateColumn {
                        column: names[dup].clone(),
                        question: q.id.clone(),
                        read: names[first].clone(),
                    });
                }
            }
        }
        // A column left over that a later round would have matched to a
        // question already read (its id in one column, its grid header
        // "Title [Statement]" in another) is a duplicate too, not just an
        // unrelated column.
        for c in 0..width {
            if used[c] || group_used[c] {
                continue;
            }
            let again = questions.iter().enumerate().find(|(i, (_, q))| {
                question_cols[*i].is_some_and(|x| x != c)
                    && (keys[c].iter().any(|k| exact[*i].contains(k))
                        || parts[c].contains(&normalize(&q.text)))
            });
            if let Some((i, (_, q))) = again {
                used[c] = true;
                issues.push(Issue::DuplicateColumn {
                    column: names[c].clone(),
                    question: q.id.clone(),
                    read: names[question_cols[i].expect("matched")].clone(),
                });
            }
        }
        for (i, (d, q)) in questions.iter().enumerate() {
            if question_cols[i].is_none() {
                issues.push(Issue::MissingColumn {
                    question: q.id.clone(),
                    dimension: d.id.clone(),
                });
            }
        }
        if question_cols.iter().all(Option::is_none) {
            return Err(LayoutError::NoQuestion {
                found: list(&names),
                read_as: header.description(),
                hint: if header.format == InputFormat::Plain {
                    "; if the file is a survey tool's export, name the tool with --input-format"
                        .into()
                } else {
                    String::new()
                },
            });
        }
        let ignored: Vec<String> = names
            .iter()
            .enumerate()
            .filter(|(c, h)| !used[*c] && !group_used[*c] && !h.trim().is_empty())
            .map(|(_, h)| h.clone())
            .collect();
        // A column left over whose name is close to a question's id, text
        // or tool code is most likely that question, mistyped or edited:
        // say so, but never read it as the question on a guess.
        let candidates: Vec<(&str, usize)> = exact
            .iter()
            .enumerate()
            .flat_map(|(i, names)| names.iter().map(move |n| (n.as_str(), i)))
            .collect();
        for c in (0..width).filter(|&c| !used[c] && !group_used[c]) {
            let near = keys[c]
                .iter()
                .chain(&parts[c])
                .filter(|k| !k.is_empty())
                .find_map(|k| crate::suggest::nearest(k, candidates.iter().map(|(n, _)| *n)));
            if let Some(near) = near {
                let i = candidates
                    .iter()
                    .find(|(n, _)| *n == near)
                    .map_or(0, |(_, i)| *i);
                issues.push(Issue::UnmatchedColumn {
                    column: names[c].clone(),
                    did_you_mean: questions[i].1.id.clone(),
                });
            }
        }
        Ok(Layout {
            names,
            question_cols,
            published_groups: group_cols.len(),
            group_cols,
            id_col,
            finished: header.finished.clone(),
            numbered_choices: header.numbered_choices,
            first_row: header.rows as u64 + 1,
            comment_cols,
            ignored,
            issues,
        })
    }
}

impl Layout {
    /// Adds the group columns of `other` (the same header read for more
    /// breakdowns) that this layout does not have, as audited-only columns.
    pub fn audit_columns(&mut self, other: &Layout) {
        for (name, c) in &other.group_cols {
            if !self.group_cols.iter().any(|(_, x)| x == c) {
                self.group_cols.push((name.clone(), *c));
            }
        }
    }
}

/// The statement parts a grid or matrix header may end with (normalized):
/// the text in a final `[...]`, and what follows the first or the last
/// " - ", "-", "." or ":" when that is long enough (three words) to be a
/// statement rather than a code.
fn statement_parts(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(inner) = key.strip_suffix(']').and_then(|k| k.rsplit_once('[')) {
        out.push(inner.1.trim().to_string());
    }
    for sep in [" - ", "-", ".", ":"] {
        // The first and the last separator: a title or a statement may hold
        // the separator too ("Practices.We test prompts.").
        for split in [key.split_once(sep), key.rsplit_once(sep)]
            .into_iter()
            .flatten()
        {
            let tail = split.1.trim();
            if tail.split_whitespace().count() >= 3 && !out.iter().any(|o| o == tail) {
                out.push(tail.to_string());
            }
        }
    }
    out
}

/// The column of the file whose name is nearest to `name`, if one is near
/// enough to be a typo of it (see [`crate::suggest::nearest`]).
fn near_column(name: &str, names: &[String]) -> Option<String> {
    crate::suggest::nearest(name, names.iter().map(String::as_str)).map(str::to_string)
}

/// Up to ten column names, quoted, for error messages.
fn list(header: &[String]) -> String {
    let mut names: Vec<String> = header.iter().take(10).map(|h| format!("\"{h}\"")).collect();
    if header.len() > 10 {
        names.push(format!("and {} more", header.len() - 10));
    }
    names.join(", ")
}
