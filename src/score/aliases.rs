//! Group aliases: several spellings of one team ("Eng", "engineering team")
//! counted as one group, and a warning for spellings that look alike but
//! that no alias covers.
//!
//! Aliases apply after a cell's own normalization (spaces, case, invisible
//! characters: `answer::normalize`) and before anything is counted, so a
//! merged team is counted merged everywhere, privacy rules included. They
//! come from the rubric (`[respondents.aliases.<column>]`), the workspace
//! manifest (`[aliases.<column>]`, `[assessment] aliases_file`) and
//! `--aliases FILE` (CSV: `column,spelling,group`), all with one meaning:
//! this spelling of this column is that group. A spelling given two groups,
//! or an alias of an alias, is an error wherever the two were written, since
//! either would make the counts depend on the order of the sources.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::survey::answer::normalize;

/// Every alias of every group column, keyed by normalized names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupAliases {
    /// Normalized column -> its aliases.
    columns: BTreeMap<String, ColumnAliases>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct ColumnAliases {
    /// The column as first written.
    column: String,
    /// Normalized spelling -> (the group as written, where it was said,
    /// the spelling as written).
    to: BTreeMap<String, (String, String, String)>,
}

/// The most rows an aliases file may have: a mapping kept by hand, or
/// exported from an HR system, for one organization's teams.
pub const MAX_ALIAS_ROWS: usize = 100_000;

impl GroupAliases {
    pub fn is_empty(&self) -> bool {
        self.columns.values().all(|c| c.to.is_empty())
    }

    /// Says that `spelling` in `column` is the group `group`; `origin` names
    /// where (for errors). A spelling equal to its group (after
    /// normalization) says nothing and is accepted.
    pub fn add(
        &mut self,
        column: &str,
        spelling: &str,
        group: &str,
        origin: &str,
    ) -> Result<(), String> {
        let (col, from, to) = (normalize(column), normalize(spelling), normalize(group));
        if col.is_empty() || from.is_empty() || to.is_empty() {
            return Err(format!(
                "{origin}: an alias needs a column, a spelling and a group, none of them empty"
            ));
        }
        if from == to {
            return Ok(());
        }
        let c = self.columns.entry(col).or_insert_with(|| ColumnAliases {
            column: column.trim().to_string(),
            to: BTreeMap::new(),
        });
        if let Some((other, at, _)) = c.to.get(&from) {
            if normalize(other) != to {
                return Err(format!(
                    "{origin}: \"{spelling}\" in column \"{column}\" is given as \"{group}\" here and as \"{other}\" in {at}; a spelling can be one group only"
                ));
            }
            return Ok(());
        }
        // An alias of an alias would make the result depend on which is
        // applied first: say the final group directly.
        if let Some((other, at, _)) = c.to.get(&to) {
            return Err(format!(
                "{origin}: \"{group}\" in column \"{column}\" is itself an alias of \"{other}\" ({at}); map \"{spelling}\" to \"{other}\" directly"
            ));
        }
        if let Some((_, (_, at, _))) = c.to.iter().find(|(_, (g, _, _))| normalize(g) == from) {
            return Err(format!(
                "{origin}: \"{spelling}\" in column \"{column}\" is a group that other spellings are mapped to ({at}); it cannot also be an alias of \"{group}\""
            ));
        }
        c.to.insert(
            from,
            (
                group.trim().to_string(),
                origin.to_string(),
                spelling.trim().to_string(),
            ),
        );
        Ok(())
    }

    /// Adds every alias of `other`, with the same checks.
    pub fn extend(&mut self, other: &GroupAliases) -> Result<(), String> {
        for c in other.columns.values() {
            for (to, at, spelling) in c.to.values() {
                self.add(&c.column, spelling, to, at)?;
            }
        }
        Ok(())
    }

    /// The rubric's `[respondents.aliases]` (already checked by `check`).
    pub fn from_rubric(r: &crate::rubric::Rubric) -> Result<GroupAliases, String> {
        let mut a = GroupAliases::default();
        for (column, groups) in &r.respondents.aliases {
            for (group, spellings) in groups {
                for s in spellings {
                    a.add(column, s, group, "the rubric's [respondents.aliases]")?;
                }
            }
        }
        Ok(a)
    }

    /// Reads an aliases file: CSV with the header `column,spelling,group`
    /// (in any order, any case), one alias per row.
    pub fn read_csv(path: &Path) -> Result<GroupAliases, String> {
        let name = path.display().to_string();
        let bytes = crate::survey::input::read_small(path).map_err(|e| {
            format!(
                "cannot read {name}: {}",
                crate::survey::input::io_reason(&e)
            )
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{name}: not UTF-8 text; save it as CSV UTF-8"))?;
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| format!("{name}: {e}"))?
            .clone();
        let find = |want: &str| header.iter().position(|h| normalize(h) == want);
        let (Some(ci), Some(si), Some(gi)) = (find("column"), find("spelling"), find("group"))
        else {
            let found: Vec<String> = header.iter().map(|h| format!("\"{h}\"")).collect();
            return Err(format!(
                "{name}: the first row must name the columns `column`, `spelling` and `group` (found {})",
                found.join(", ")
            ));
        };
        let mut a = GroupAliases::default();
        for (i, record) in reader.records().enumerate() {
            // Spreadsheet row numbers: the header is row 1.
            let row = i + 2;
            if i >= MAX_ALIAS_ROWS {
                return Err(format!(
                    "{name}: more than {MAX_ALIAS_ROWS} aliases; split the file or merge spellings upstream"
                ));
            }
            let record = record.map_err(|e| format!("{name}: row {row}: {e}"))?;
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cell = |i: usize| record.get(i).unwrap_or_default();
            let origin = format!("{name}, row {row}");
            a.add(cell(ci), cell(si), cell(gi), &origin)?;
        }
        Ok(a)
    }

    /// Checks that every aliased column is one of `groups`.
    pub fn check_columns(&self, groups: &[String]) -> Result<(), String> {
        for (col, c) in &self.columns {
            if c.to.is_empty() || groups.iter().any(|g| normalize(g) == *col) {
                continue;
            }
            let (_, at, _) = c.to.values().next().expect("not empty");
            let col = &c.column;
            let hint = crate::suggest::nearest(col, groups.iter().map(String::as_str))
                .map_or(String::new(), |n| format!("; did you mean \"{n}\"?"));
            let known: Vec<String> = groups.iter().map(|g| format!("\"{g}\"")).collect();
            return Err(format!(
                "{at}: aliases for column \"{col}\", which is not a group column{hint} (group columns: {})",
                known.join(", ")
            ));
        }
        Ok(())
    }

    /// The groups that aliases of `column` name, as written, sorted.
    pub fn groups(&self, column: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .columns
            .get(&normalize(column))
            .map(|c| c.to.values().map(|(g, _, _)| g.clone()).collect())
            .unwrap_or_default();
        out.sort();
        out.dedup();
        out
    }

    /// The lookup for one group column: normalized spelling -> the group as
    /// written. Each group maps from its own normalized name as well, so a
    /// cell spelled like the group ("engineering") shows under the alias's
    /// spelling ("Engineering") whichever comes first in the file.
    pub fn lookup(&self, column: &str) -> HashMap<String, String> {
        let mut out = HashMap::new();
        if let Some(c) = self.columns.get(&normalize(column)) {
            for (from, (to, _, _)) in &c.to {
                out.insert(from.clone(), to.clone());
                out.insert(normalize(to), to.clone());
            }
        }
        out
    }
}

/// Why two group names of one column look like one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alike {
    /// One name begins the other's first word: "Eng", "Engineering".
    Prefix,
    /// One name is the other's initials: "CS", "Customer Support".
    Initials,
    /// The longer adds only a word such as "team": "Sales", "Sales team".
    GenericWord,
    /// One or two letters apart: "Enginering", "Engineering".
    Spelling,
}

impl Alike {
    pub fn words(self) -> &'static str {
        match self {
            Alike::Prefix => "one begins the other",
            Alike::Initials => "one is the other's initials",
            Alike::GenericWord => "they differ only by a word such as \"team\"",
            Alike::Spelling => "they are spelled almost alike",
        }
    }
}

/// Words that name a unit without telling it apart.
const GENERIC: &[&str] = &[
    "team",
    "teams",
    "group",
    "dept",
    "dept.",
    "department",
    "org",
    "unit",
    "squad",
    "the",
    "&",
    "and",
];

/// Above this many names in one column, pairs are not compared (a column
/// of that many teams is an id, not a breakdown, and the comparison grows
/// with the square of the names).
pub const MAX_COMPARED_NAMES: usize = 2_000;

/// Whether two (normalized, different) group names look like one group.
pub fn alike(a: &str, b: &str) -> Option<Alike> {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    let long_words: Vec<&str> = long.split(' ').collect();
    let short_words: Vec<&str> = short.split(' ').collect();
    let first = long_words[0];
    if short_words.len() == 1
        && short.chars().count() >= 2
        && first != short
        && first.starts_with(short)
    {
        return Some(Alike::Prefix);
    }
    if short_words.len() == 1 && long_words.len() >= 2 && short.chars().count() == long_words.len()
    {
        let initials: String = long_words.iter().filter_map(|w| w.chars().next()).collect();
        if initials == short {
            return Some(Alike::Initials);
        }
    }
    let strip = |words: &[&str]| -> Vec<String> {
        words
            .iter()
            .filter(|w| !GENERIC.contains(w))
            .map(|w| w.to_string())
            .collect()
    };
    let (sa, sb) = (strip(&short_words), strip(&long_words));
    if !sa.is_empty() && sa == sb {
        return Some(Alike::GenericWord);
    }
    let len = short.chars().count();
    let limit = match len {
        0..=3 => return None,
        4..=7 => 1,
        _ => 2,
    };
    crate::suggest::distance_within(short, long, limit).map(|_| Alike::Spelling)
}

/// Pairs of names (indices into `names`) that look like one group, first
/// name first, in the order of `names`; pairs of names that `distinct`
/// lists both (the rubric's choices: known to be different teams) are left
/// out. Nothing when there are more than [`MAX_COMPARED_NAMES`] names.
pub fn similar(names: &[&str], distinct: &[String]) -> Vec<(usize, usize, Alike)> {
    if names.len() > MAX_COMPARED_NAMES {
        return Vec::new();
    }
    let norm: Vec<String> = names.iter().map(|n| normalize(n)).collect();
    let known: Vec<String> = distinct.iter().map(|d| normalize(d)).collect();
    let mut out = Vec::new();
    for i in 0..norm.len() {
        for j in i + 1..norm.len() {
            if norm[i] == norm[j] || (known.contains(&norm[i]) && known.contains(&norm[j])) {
                continue;
            }
            if let Some(why) = alike(&norm[i], &norm[j]) {
                out.push((i, j, why));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_look_like_one_team() {
        assert_eq!(alike("eng", "engineering"), Some(Alike::Prefix));
        assert_eq!(alike("engineering team", "eng"), Some(Alike::Prefix));
        assert_eq!(alike("cs", "customer support"), Some(Alike::Initials));
        assert_eq!(alike("sales", "sales team"), Some(Alike::GenericWord));
        assert_eq!(alike("enginering", "engineering"), Some(Alike::Spelling));
        assert_eq!(alike("sales", "sales ops"), None);
        assert_eq!(alike("hr", "it"), None);
        assert_eq!(alike("product", "platform"), None);
        assert_eq!(alike("legal", "sales"), None);
    }

    #[test]
    fn listed_choices_are_known_to_differ() {
        let names = ["Sales", "Sales team", "Eng", "Engineering"];
        let found = similar(&names, &[]);
        assert_eq!(found.len(), 2);
        let found = similar(&names, &["Eng".into(), "Engineering".into()]);
        assert_eq!(found, vec![(0, 1, Alike::GenericWord)]);
    }

    #[test]
    fn a_spelling_is_one_group_and_aliases_do_not_chain() {
        let mut a = GroupAliases::default();
        a.add("team", "Eng", "Engineering", "x").unwrap();
        a.add("Team ", "eng", "engineering", "y").unwrap();
        assert!(a
            .add("team", "ENG", "Sales", "z")
            .unwrap_err()
            .contains("as \"Engineering\" in x"));
        assert!(a
            .add("team", "E", "Eng", "z")
            .unwrap_err()
            .contains("itself an alias"));
        assert!(a
            .add("team", "Engineering", "R&D", "z")
            .unwrap_err()
            .contains("other spellings are mapped to"));
        let l = a.lookup("TEAM");
        assert_eq!(l["eng"], "Engineering");
        assert_eq!(l["engineering"], "Engineering");
        assert!(a.check_columns(&["team".into()]).is_ok());
        assert!(a.check_columns(&["role".into()]).is_err());
    }
}
