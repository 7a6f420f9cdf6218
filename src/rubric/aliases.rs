//! `[respondents.aliases]`: spellings of a group that are one group.
//!
//! ```toml
//! [respondents.aliases.team]
//! Engineering = ["Eng", "engineering team"]
//! ```
//!
//! Keys are data (column and group names), so the tables are walked here
//! rather than through `Walker`'s named-key readers. The second pass checks
//! that each key is a group column and that no spelling is two groups (the
//! rule `score::aliases::GroupAliases::add` applies to every source).

use toml::de::DeValue;

use super::parse::{RawRubric, S};
use super::validate::Ctx;
use crate::tomlwalk::{type_name, Table, Walker};

#[derive(Debug)]
pub struct RawAliases {
    pub column: S<String>,
    /// Group (with the key's span) -> its spellings.
    pub groups: Vec<(S<String>, Vec<S<String>>)>,
}

pub(super) fn parse(w: &mut Walker, t: &mut Table) -> Vec<RawAliases> {
    let Some(v) = t.get("aliases") else {
        return Vec::new();
    };
    let DeValue::Table(columns) = v.get_ref() else {
        w.error(
            format!(
                "`respondents.aliases` must be a table, found {}",
                type_name(v.get_ref())
            ),
            v.span(),
            "expected e.g. [respondents.aliases.team] with Engineering = [\"Eng\"]",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, groups) in columns.iter() {
        let column = key.get_ref().to_string();
        let DeValue::Table(groups) = groups.get_ref() else {
            w.error(
                format!(
                    "`respondents.aliases.{column}` must be a table of group = [spellings], found {}",
                    type_name(groups.get_ref())
                ),
                groups.span(),
                "expected e.g. Engineering = [\"Eng\", \"engineering team\"]",
            );
            continue;
        };
        let mut raw = RawAliases {
            column: S::new(key.span(), column.clone()),
            groups: Vec::new(),
        };
        for (gkey, list) in groups.iter() {
            let group = gkey.get_ref().to_string();
            let DeValue::Array(items) = list.get_ref() else {
                w.error(
                    format!(
                        "`respondents.aliases.{column}.{group}` must be a list of spellings, found {}",
                        type_name(list.get_ref())
                    ),
                    list.span(),
                    "expected a list of strings",
                );
                continue;
            };
            let mut spellings = Vec::new();
            for item in items.iter() {
                match item.get_ref() {
                    DeValue::String(s) => spellings.push(S::new(item.span(), s.to_string())),
                    other => w.error(
                        format!(
                            "`respondents.aliases.{column}.{group}` must list strings, found {}",
                            type_name(other)
                        ),
                        item.span(),
                        "expected a string",
                    ),
                }
            }
            raw.groups.push((S::new(gkey.span(), group), spellings));
        }
        out.push(raw);
    }
    out
}

/// Returns the aliases by column (the group column's own spelling), after
/// checking every key names a group column and every spelling one group.
pub(super) fn check(cx: &mut Ctx, raw: &RawRubric) -> Vec<(String, Vec<super::GroupSpellings>)> {
    let mut out = Vec::new();
    let mut all = crate::score::aliases::GroupAliases::default();
    for a in &raw.aliases {
        let col = a.column.get_ref();
        let norm = crate::survey::answer::normalize;
        let Some(g) = raw.groups.iter().find(|g| norm(g.get_ref()) == norm(col)) else {
            let known: Vec<String> = raw
                .groups
                .iter()
                .map(|g| format!("`{}`", g.get_ref()))
                .collect();
            let hint =
                crate::suggest::nearest(col, raw.groups.iter().map(|g| g.get_ref().as_str()))
                    .map_or(String::new(), |n| format!(" (did you mean `{n}`?)"));
            cx.err(
                format!("aliases for `{col}`, which is not a group column{hint}"),
                a.column.span(),
                "not in `groups`",
            );
            if !known.is_empty() {
                let last = cx.diags.pop().expect("just pushed");
                cx.diags
                    .push(last.help(format!("group columns are: {}", known.join(", "))));
            }
            continue;
        };
        let mut groups = Vec::new();
        for (group, spellings) in &a.groups {
            if group.get_ref().trim().is_empty() {
                cx.err("a group name must not be empty", group.span(), "empty");
                continue;
            }
            for s in spellings {
                if let Err(e) = all.add(
                    col,
                    s.get_ref(),
                    group.get_ref(),
                    "another alias of this rubric",
                ) {
                    // The message starts with the origin given above.
                    let e = e.trim_start_matches("another alias of this rubric: ");
                    cx.err(e.to_string(), s.span(), "spelling");
                }
            }
            groups.push((
                group.get_ref().trim().to_string(),
                spellings.iter().map(|s| s.get_ref().clone()).collect(),
            ));
        }
        out.push((g.get_ref().clone(), groups));
    }
    out
}
