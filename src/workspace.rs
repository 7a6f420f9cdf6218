//! The assessment workspace: a folder with a manifest (`mlbizops.toml`)
//! listing an organization's survey waves, oldest first. Read with the same
//! span-keeping TOML walker as rubrics, so every mistake is reported at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Source};
use crate::survey::InputFormat;
use crate::tomlwalk::{Table, Walker};

pub const MANIFEST: &str = "mlbizops.toml";

#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder holding the manifest; wave paths are relative to it.
    pub dir: PathBuf,
    pub organization: Option<String>,
    /// `None`: the built-in rubric.
    pub rubric: Option<PathBuf>,
    pub waves: Vec<Wave>,
    /// Commitments: a level or score for a dimension, by a wave.
    pub targets: Vec<Target>,
    /// `[aliases.<column>]` and `[assessment] aliases_file`: spellings of a
    /// group that are one group, in every wave.
    pub aliases: crate::score::aliases::GroupAliases,
    /// Respondent ids whose comments are never shown (`[comments] exclude`
    /// and the ids of `exclude_file`, one a line).
    pub exclude_comments: Vec<String>,
    /// `[report] font` and `font_index`: the PDF's fallback font for
    /// letters DejaVu Sans lacks (as `report --font`, which overrides it).
    pub font: Option<(PathBuf, u32)>,
}

/// `[[target]]`: where leadership wants a dimension to be, and by when.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub dimension: String,
    pub level: Option<String>,
    pub score: Option<f64>,
    /// The wave label it is due by ("2027-Q2").
    pub by: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Wave {
    pub label: String,
    pub date: Option<String>,
    pub responses: PathBuf,
    /// This wave's own rubric, when rubrics changed over time.
    pub rubric: Option<PathBuf>,
    /// People invited per team, for participation rates.
    pub invited: BTreeMap<String, u64>,
    /// The survey tool that wrote the file (`input_format`); `Auto` detects.
    pub input_format: crate::survey::InputFormat,
}

impl Workspace {
    /// The rubric a wave is scored with.
    pub fn rubric_of(&self, w: &Wave) -> Option<PathBuf> {
        w.rubric.clone().or_else(|| self.rubric.clone())
    }

    /// The teams a generated questionnaire can offer for group column
    /// `column` (the `column`-th, `index`): for the first column, the teams
    /// invited to the latest wave; for any column, the groups its aliases
    /// name. Sorted, each once (names compared as survey cells are).
    pub fn group_choices(&self, column: &str, index: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if index == 0 {
            if let Some(w) = self.waves.last() {
                out.extend(w.invited.keys().cloned());
            }
        }
        out.extend(self.aliases.groups(column));
        let norm = crate::survey::answer::normalize;
        let mut seen = std::collections::BTreeSet::new();
        out.retain(|g| seen.insert(norm(g)));
        out.sort_by_key(|g| norm(g));
        out
    }

    /// The index of the wave labelled `label`, or the latest.
    pub fn pick(&self, label: Option<&str>) -> Result<usize, String> {
        match label {
            None => Ok(self.waves.len() - 1),
            Some(l) => self.waves.iter().position(|w| w.label == l).ok_or_else(|| {
                let labels: Vec<&str> = self.waves.iter().map(|w| w.label.as_str()).collect();
                let hint = crate::suggest::nearest(l, labels.iter().copied())
                    .map_or(String::new(), |n| format!("; did you mean \"{n}\"?"));
                format!(
                    "no wave labelled \"{l}\"{hint} (waves: {})",
                    labels.join(", ")
                )
            }),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("cannot read {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("the workspace manifest has errors")]
    Invalid(Vec<Diagnostic>),
}

fn outside_message(key: &str) -> String {
    format!(
        "`{key}` names a file outside the workspace folder; pass --allow-outside-workspace to read files elsewhere"
    )
}

/// Is `path` a workspace (its folder or its manifest) rather than a survey?
pub fn is_workspace(path: &Path) -> bool {
    path.is_dir() || path.file_name().is_some_and(|n| n == MANIFEST)
}

/// Whether `name` (as written in the manifest) resolves inside `dir`,
/// symbolic links followed. A manifest that came with a shared folder
/// could otherwise make `report` read, and quote in its errors, any file
/// the user can read.
fn inside(dir: &Path, name: &str) -> bool {
    let Ok(root) = dir.canonicalize() else {
        return false;
    };
    let path = dir.join(name);
    match path.canonicalize() {
        Ok(p) => p.starts_with(&root),
        // Not there (reported as missing): judge the words alone.
        Err(_) => {
            Path::new(name).is_relative()
                && !Path::new(name)
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir))
        }
    }
}

/// Reads a workspace; with `allow_outside`, its files may lie outside its
/// folder.
pub fn load(path: &Path, allow_outside: bool) -> Result<Workspace, WorkspaceError> {
    let manifest = if path.is_dir() {
        path.join(MANIFEST)
    } else {
        path.to_path_buf()
    };
    if path.is_dir() && !manifest.exists() {
        return Err(WorkspaceError::Io {
            path: path.display().to_string(),
            reason: format!(
                "it is a folder without {MANIFEST}: give a survey file, or run `mlbizops init {}` to make it a workspace",
                path.display()
            ),
        });
    }
    let dir = manifest
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let io = |e: std::io::Error| WorkspaceError::Io {
        path: manifest.display().to_string(),
        reason: crate::survey::input::io_reason(&e),
    };
    let bytes = crate::survey::input::read_small(&manifest).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not UTF-8 text",
        ))
    })?;
    let source = Arc::new(Source::new(manifest.display().to_string(), text.as_str()));
    let mut w = Walker::new(Arc::clone(&source));
    let Some(doc) = w.parse(&text) else {
        return Err(WorkspaceError::Invalid(w.diags));
    };
    let mut top = Table::new(doc.get_ref(), doc.span(), "");
    let mut ws = Workspace {
        dir: dir.clone(),
        organization: None,
        rubric: None,
        waves: Vec::new(),
        targets: Vec::new(),
        aliases: Default::default(),
        exclude_comments: Vec::new(),
        font: None,
    };
    let mut aliases_file = None;
    if let Some(mut a) = w.opt_table(&mut top, "assessment") {
        ws.organization = w.opt_str(&mut a, "organization").map(|s| s.into_inner());
        let rubric = w.opt_str(&mut a, "rubric");
        if let Some(r) = rubric
            .as_ref()
            .filter(|r| !allow_outside && !inside(&dir, r.get_ref()))
        {
            w.error(outside_message("rubric"), r.span(), "outside the workspace");
        }
        ws.rubric = rubric.map(|s| dir.join(s.into_inner()));
        aliases_file = w.opt_str(&mut a, "aliases_file");
        if let Some(f) = aliases_file
            .as_ref()
            .filter(|f| !allow_outside && !inside(&dir, f.get_ref()))
        {
            w.error(
                outside_message("aliases_file"),
                f.span(),
                "outside the workspace",
            );
            aliases_file = None;
        }
        w.finish(a);
    }
    if let Some(mut c) = w.opt_table(&mut top, "comments") {
        if let Some(list) = w.opt_str_list(&mut c, "exclude") {
            ws.exclude_comments
                .extend(list.into_inner().into_iter().map(|s| s.into_inner()));
        }
        if let Some(f) = w.opt_str(&mut c, "exclude_file") {
            if !allow_outside && !inside(&dir, f.get_ref()) {
                w.error(
                    outside_message("exclude_file"),
                    f.span(),
                    "outside the workspace",
                );
            } else {
                match crate::survey::input::read_small(&dir.join(f.get_ref())) {
                    Ok(bytes) => ws.exclude_comments.extend(
                        String::from_utf8_lossy(&bytes)
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty() && !l.starts_with('#'))
                            .map(str::to_string),
                    ),
                    Err(e) => w.error(
                        format!(
                            "cannot read the exclusion file: {}",
                            crate::survey::input::io_reason(&e)
                        ),
                        f.span(),
                        "named here",
                    ),
                }
            }
        }
        w.finish(c);
    }
    if let Some(mut r) = w.opt_table(&mut top, "report") {
        ws.font = report_font(&mut w, &mut r, &dir, allow_outside);
        w.finish(r);
    }
    let mut labels: Vec<String> = Vec::new();
    for (i, mut t) in w.tables(&mut top, "wave").into_iter().enumerate() {
        let label = w.req_str(&mut t, "label");
        if i == crate::limits::MAX_WAVES {
            let at = label.as_ref().map_or(t.span.clone(), |l| l.span());
            w.error(
                format!(
                    "the workspace lists more than {0} waves; a report reads at most {0} (each is scored and kept in memory): move the oldest to another workspace",
                    crate::limits::MAX_WAVES
                ),
                at,
                "the first wave too many",
            );
        }
        let date = w.opt_str(&mut t, "date");
        let responses = w.req_str(&mut t, "responses");
        if let Some(r) = responses
            .as_ref()
            .filter(|r| !allow_outside && !inside(&dir, r.get_ref()))
        {
            w.error(
                outside_message("responses"),
                r.span(),
                "outside the workspace",
            );
        } else if let Some(r) = &responses {
            if !dir.join(r.get_ref()).is_file() {
                w.error(
                    format!("no survey file at {}", dir.join(r.get_ref()).display()),
                    r.span(),
                    "responses named here",
                );
            }
        }
        let rubric = w.opt_str(&mut t, "rubric");
        if let Some(r) = rubric
            .as_ref()
            .filter(|r| !allow_outside && !inside(&dir, r.get_ref()))
        {
            w.error(outside_message("rubric"), r.span(), "outside the workspace");
        }
        let input_format = match w.opt_str(&mut t, "input_format") {
            None => InputFormat::Auto,
            Some(f) => InputFormat::from_name(f.get_ref()).unwrap_or_else(|| {
                let names: Vec<&str> = InputFormat::ALL.iter().map(|f| f.name()).collect();
                let hint = crate::suggest::nearest(f.get_ref(), names.iter().copied())
                    .map_or(String::new(), |n| format!("; did you mean \"{n}\"?"));
                w.error(
                    format!(
                        "unknown input_format \"{}\"; expected one of: {}{hint}",
                        f.get_ref(),
                        names.join(", ")
                    ),
                    f.span(),
                    "input_format named here",
                );
                InputFormat::Auto
            }),
        };
        let mut invited = BTreeMap::new();
        if let Some(mut inv) = w.opt_table(&mut t, "invited") {
            for (team, v) in inv.entries() {
                match v
                    .get_ref()
                    .as_integer()
                    .and_then(|i| i.as_str().parse::<u64>().ok())
                {
                    Some(n) if n > 0 => {
                        invited.insert(team.to_string(), n);
                    }
                    _ => w.error(
                        format!("`invited.{team}` must be a positive whole number"),
                        v.span(),
                        "people invited",
                    ),
                }
            }
            inv.allow_all();
            w.finish(inv);
        }
        w.finish(t);
        if let Some(l) = &label {
            if labels.contains(l.get_ref()) {
                w.error(
                    format!("duplicate wave label \"{}\"", l.get_ref()),
                    l.span(),
                    "already used",
                );
            }
            labels.push(l.get_ref().clone());
        }
        if let (Some(label), Some(responses)) = (label, responses) {
            ws.waves.push(Wave {
                label: label.into_inner(),
                date: date.map(|d| d.into_inner()),
                responses: dir.join(responses.into_inner()),
                rubric: rubric.map(|r| dir.join(r.into_inner())),
                invited,
                input_format,
            });
        }
    }
    for mut t in w.tables(&mut top, "target") {
        let dimension = w.req_str(&mut t, "dimension");
        let level = w.opt_str(&mut t, "level");
        let score = w.opt_num(&mut t, "score");
        let by = w.opt_str(&mut t, "by");
        if level.is_none() && score.is_none() {
            let at = dimension.as_ref().map_or(t.span.clone(), |d| d.span());
            w.error(
                "a target needs a `level` or a `score`",
                at,
                "e.g. level = \"Scaling\" or score = 70",
            );
        }
        if let Some(s) = score
            .as_ref()
            .filter(|s| !(0.0..=100.0).contains(s.get_ref()))
        {
            w.error(
                "a target `score` is between 0 and 100",
                s.span(),
                "out of range",
            );
        }
        w.finish(t);
        if let Some(d) = dimension {
            ws.targets.push(Target {
                dimension: d.into_inner(),
                level: level.map(|l| l.into_inner()),
                score: score.map(|s| s.into_inner()),
                by: by.map(|b| b.into_inner()),
            });
        }
    }
    if let Some(t) = w.opt_table(&mut top, "aliases") {
        ws.aliases = manifest_aliases(&mut w, t, &manifest);
    }
    if let Some(f) = aliases_file {
        match crate::score::aliases::GroupAliases::read_csv(&dir.join(f.get_ref()))
            .and_then(|file| ws.aliases.extend(&file))
        {
            Ok(()) => {}
            Err(e) => w.error(e, f.span(), "aliases file named here"),
        }
    }
    w.finish(top);
    if ws.waves.is_empty() && !w.diags.iter().any(Diagnostic::is_error) {
        w.push(
            Diagnostic::error("the workspace lists no survey wave")
                .at(&source, 0..0, "add a [[wave]] table")
                .help("[[wave]]\nlabel = \"2026-Q1\"\nresponses = \"surveys/2026-Q1.csv\""),
        );
    }
    if w.diags.iter().any(Diagnostic::is_error) {
        crate::diag::sort(&mut w.diags);
        return Err(WorkspaceError::Invalid(w.diags));
    }
    Ok(ws)
}

/// `[report] font = "FILE"` (inside the workspace unless allowed
/// elsewhere, like every file a manifest names) and `font_index = N`.
/// The font itself is read by `report`, which is the only command that
/// needs it.
fn report_font(
    w: &mut Walker,
    r: &mut Table,
    dir: &Path,
    allow_outside: bool,
) -> Option<(PathBuf, u32)> {
    let font = w.opt_str(r, "font");
    let index = w.opt_int(r, "font_index");
    let index = match index {
        None => 0,
        Some(i) => match u32::try_from(*i.get_ref()) {
            Ok(n) if font.is_some() => n,
            Ok(_) => {
                w.error(
                    "`font_index` chooses a font in the collection `font` names: give `font` too",
                    i.span(),
                    "without a font",
                );
                0
            }
            Err(_) => {
                w.error(
                    "`font_index` is a whole number from 0 (the first font of a collection)",
                    i.span(),
                    "out of range",
                );
                0
            }
        },
    };
    let font = font?;
    if !allow_outside && !inside(dir, font.get_ref()) {
        w.error(
            outside_message("font"),
            font.span(),
            "outside the workspace",
        );
        return None;
    }
    let path = dir.join(font.get_ref());
    if !path.is_file() {
        w.error(
            format!("no font file at {}", path.display()),
            font.span(),
            "font named here",
        );
        return None;
    }
    Some((path, index))
}

/// `[aliases.<column>]` tables of `group = ["spelling", ...]`.
fn manifest_aliases(
    w: &mut Walker,
    mut t: Table,
    manifest: &Path,
) -> crate::score::aliases::GroupAliases {
    use toml::de::DeValue;
    let mut out = crate::score::aliases::GroupAliases::default();
    for (column, groups) in t.entries() {
        let DeValue::Table(groups) = groups.get_ref() else {
            w.error(
                format!("`aliases.{column}` must be a table of group = [spellings]"),
                groups.span(),
                "e.g. [aliases.team] with Engineering = [\"Eng\"]",
            );
            continue;
        };
        for (group, list) in groups.iter() {
            let group = group.get_ref().as_ref();
            let spellings = match list.get_ref() {
                DeValue::Array(items) => items
                    .iter()
                    .map(|i| match i.get_ref() {
                        DeValue::String(s) => Ok((s.to_string(), i.span())),
                        _ => Err(i.span()),
                    })
                    .collect::<Vec<_>>(),
                _ => vec![Err(list.span())],
            };
            for s in spellings {
                match s {
                    Ok((s, span)) => {
                        let origin = format!("{} [aliases.{column}]", manifest.display());
                        if let Err(e) = out.add(column, &s, group, &origin) {
                            w.error(e, span, "spelling");
                        }
                    }
                    Err(span) => w.error(
                        format!("`aliases.{column}.{group}` must be a list of strings"),
                        span,
                        "expected a string",
                    ),
                }
            }
        }
    }
    t.allow_all();
    w.finish(t);
    out
}

const MANIFEST_TEMPLATE: &str = r#"# mlbizops workspace: one organization's readiness surveys, oldest wave first.
# `mlbizops report .` reports the latest wave with its history;
# `mlbizops report . --wave 2026-Q1` reports another one.

[assessment]
organization = "Your organization"
# The rubric every wave is scored with, relative to this file. This copy of
# the built-in rubric is yours to edit; `mlbizops check rubrics/llm-adoption.toml`
# checks it. Remove the line to use the built-in rubric instead.
rubric = "rubrics/llm-adoption.toml"

# Comments never to show, by respondent id (someone asked to be left out):
# [comments]
# exclude = ["R_1a2b3c"]
# exclude_file = "excluded-comments.txt"   # one id a line; `#` starts a note

# Team names in Chinese, Japanese or Korean: a font that has them for the PDF
# (its used letters are embedded), e.g. a copy of Noto Sans CJK in this folder:
# [report]
# font = "fonts/NotoSansCJK-Regular.ttc"
# font_index = 0                    # which font of a .ttc collection

# One [[wave]] per survey round. Add the next one at the bottom each quarter.
# [[wave]]
# label = "2026-Q1"                 # a quarter (YYYY-Qn) or any label
# date = "2026-03-20"               # optional, printed on the report
# responses = "surveys/2026-Q1.csv" # the survey tool's export, as it comes
# invited = { "Platform" = 24, "Support" = 31 }   # optional: people invited per team
# rubric = "rubrics/llm-adoption-2026.toml"       # optional: this wave's own rubric
# input_format = "qualtrics"        # optional: the tool that wrote the file (qualtrics,
#                                   # surveymonkey, limesurvey, google-forms, ms-forms,
#                                   # plain); default: recognised from its first rows

# Optional: spellings of a team typed by hand that are one team, in every wave.
# [aliases.team]
# Engineering = ["Eng", "engineering team"]
# (or aliases_file = "team-aliases.csv" under [assessment], with the columns
# column,spelling,group)
"#;

const README_TEMPLATE: &str = r#"# Readiness surveys

This folder is an mlbizops workspace. To run a quarter:

1. `mlbizops survey --rubric rubrics/llm-adoption.toml --format qualtrics --out survey.txt`
   (or `--format google-forms`, `limesurvey`, `md`, `html`) gives the questionnaire in a form your
   survey tool imports; the mlbizops README says how, tool by tool.
2. Export the answers into `surveys/` as the tool writes them (CSV, TSV or .xlsx), e.g.
   `surveys/2026-Q1.csv`; the tool's layout is recognised when the file is read.
3. Add a `[[wave]]` for it at the bottom of `mlbizops.toml` (label, responses, and optionally
   the date and the number of people invited per team).
4. `mlbizops report .` writes `mlbizops-report/report.html` and `report.pdf` for the latest wave,
   with the change since the previous wave and the first one.
"#;

/// Creates a new workspace in `dir` (which may exist, but must not hold a
/// manifest yet): manifest, a copy of the built-in rubric, `surveys/`.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let manifest = dir.join(MANIFEST);
    if manifest.exists() {
        return Err(format!(
            "{} already exists; nothing was changed",
            manifest.display()
        ));
    }
    let files = [
        (manifest.clone(), MANIFEST_TEMPLATE),
        (
            dir.join("rubrics/llm-adoption.toml"),
            crate::rubric::BUILTIN_TEXT,
        ),
        (
            dir.join("rubrics/papers.toml"),
            crate::bibliography::BUILTIN_TEXT,
        ),
        (dir.join("README.md"), README_TEMPLATE),
    ];
    let mut written = Vec::new();
    for (path, text) in files {
        if path.exists() && path != manifest {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    let surveys = dir.join("surveys");
    std::fs::create_dir_all(&surveys)
        .map_err(|e| format!("cannot create {}: {e}", surveys.display()))?;
    written.push(surveys);
    Ok(written)
}
