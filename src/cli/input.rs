//! Reading what a command scores: a survey file or a workspace with its
//! waves, the progress bar, and the warnings both `score` and `report` print.

use std::path::Path;

use super::{load_rubric, CliError, InputArgs};
use crate::rubric::Rubric;
use crate::score::aliases::GroupAliases;
use crate::score::ScoreOptions;
use crate::survey::{InputFormat, Issue};

/// What `score` and `report` read: one survey, or one wave of a workspace
/// (with the waves before it, for a report).
pub(super) struct Input {
    pub(super) rubric: Rubric,
    pub(super) scores: crate::score::model::Scores,
    pub(super) label: Option<String>,
    pub(super) date: Option<String>,
    pub(super) organization: Option<String>,
    pub(super) history: Option<crate::report::model::History>,
    /// The workspace's `[report] font` and its index in a collection.
    pub(super) font: Option<(std::path::PathBuf, u32)>,
}

pub(super) fn load_input(args: &InputArgs, with_history: bool) -> Result<Input, CliError> {
    use crate::workspace::{self, WorkspaceError};
    let stdin = crate::survey::input::is_stdin(&args.survey);
    if stdin || !workspace::is_workspace(&args.survey) {
        if args.wave.is_some() {
            return Err(CliError::Usage(
                "--wave needs a workspace (a folder with mlbizops.toml), not a single survey"
                    .into(),
            ));
        }
        let rubric = load_rubric(args.rubric.rubric.as_deref())?;
        let format = args.input_format.map_or(InputFormat::Auto, Into::into);
        let aliases = cli_aliases(args, GroupAliases::default())?;
        let scores = run_scoring(&rubric, args, &args.survey, format, &aliases, &[])?;
        warn_threshold(args, &rubric);
        return Ok(Input {
            rubric,
            scores,
            label: None,
            date: None,
            organization: None,
            history: None,
            font: None,
        });
    }
    let ws = workspace::load(&args.survey, args.allow_outside_workspace).map_err(|e| match e {
        WorkspaceError::Io { .. } => CliError::Input(e.to_string()),
        WorkspaceError::Invalid(d) => CliError::Diagnostics(d),
    })?;
    let current = ws.pick(args.wave.as_deref()).map_err(CliError::Usage)?;
    let aliases = cli_aliases(args, ws.aliases.clone())?;
    let first = if with_history { 0 } else { current };
    let mut waves = Vec::new();
    for w in &ws.waves[first..=current] {
        let path = args.rubric.rubric.clone().or_else(|| ws.rubric_of(w));
        let rubric = load_rubric(path.as_deref())?;
        let format = args.input_format.map_or(w.input_format, Into::into);
        let scores = run_scoring(
            &rubric,
            args,
            &w.responses,
            format,
            &aliases,
            &ws.exclude_comments,
        )?;
        waves.push(crate::score::waves::ScoredWave {
            label: w.label.clone(),
            date: w.date.clone(),
            rubric,
            path: w.responses.clone(),
            scores,
            invited: w.invited.clone(),
            input_format: format,
        });
    }
    warn_threshold(args, &waves[waves.len() - 1].rubric);
    // Every wave and every comparison is scored here, before the report:
    // the report model reads cleared figures and no files.
    let opts = score_options(args, None, InputFormat::Auto, &aliases);
    let all = crate::score::waves::Waves::new(waves, &opts)
        .map_err(|e| CliError::Input(e.to_string()))?;
    let history = with_history.then(|| {
        let mut h = crate::report::history::history(&all);
        h.targets = crate::report::commitments::targets(&ws.targets, &all);
        h
    });
    let audit = all.audit();
    let mut now = all.waves.into_iter().last().expect("the picked wave");
    if with_history {
        // The report publishes every wave's figures and comparisons: its
        // method section states the audit of all of them.
        now.scores.privacy.audit = audit;
    }
    Ok(Input {
        rubric: now.rubric,
        scores: now.scores,
        label: Some(now.label),
        date: now.date,
        organization: ws.organization,
        history,
        font: ws.font,
    })
}

/// A threshold below the rubric's is allowed (a pilot with tiny teams) but
/// never silent.
pub(super) fn warn_threshold(args: &InputArgs, rubric: &Rubric) {
    if let Some(n) = args.min_group_size {
        let k = rubric.privacy.min_group_size;
        if (n as usize) < k {
            eprintln!(
                "warning: --min-group-size {n} is below the rubric's privacy threshold of {k}: groups of {n} to {} people can be shown",
                k - 1
            );
        }
    }
}

/// `--aliases FILE` added to the aliases the workspace gives.
fn cli_aliases(args: &InputArgs, mut aliases: GroupAliases) -> Result<GroupAliases, CliError> {
    if let Some(path) = &args.aliases {
        let more = GroupAliases::read_csv(path).map_err(CliError::Input)?;
        aliases.extend(&more).map_err(CliError::Input)?;
    }
    Ok(aliases)
}

pub(super) fn score_options(
    args: &InputArgs,
    progress: Option<crate::score::Progress>,
    input_format: InputFormat,
    aliases: &GroupAliases,
) -> ScoreOptions {
    ScoreOptions {
        aliases: aliases.clone(),
        input_format,
        group_by: (!args.group_by.is_empty()).then(|| args.group_by.clone()),
        min_group_size: args.min_group_size.map(|n| n as usize),
        progress,
        forced: None,
        exclude_comments: Vec::new(),
        threads: args.threads.unwrap_or(0),
        chunk_bytes: args.chunk_bytes.unwrap_or(0),
        csv_reader: args.csv_reader,
    }
}

/// A progress bar on standard error for a file that takes more than about a
/// second to read; only on a terminal, so pipes and CI logs get nothing.
pub(super) fn progress_bar(
    path: &Path,
) -> Option<(indicatif::ProgressBar, crate::score::Progress)> {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) || crate::survey::input::is_stdin(path)
    {
        return None;
    }
    let size = std::fs::metadata(path).ok()?.len();
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(size),
        indicatif::ProgressDrawTarget::hidden(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "reading {msg} {wide_bar} {bytes}/{total_bytes} ({eta})",
    ) {
        bar.set_style(style);
    }
    bar.set_message(path.display().to_string());
    // Shown only once reading has taken a second: small files stay quiet.
    let start = std::time::Instant::now();
    let shown = std::sync::atomic::AtomicBool::new(false);
    let handle = bar.clone();
    let update = move |bytes: u64| {
        if !shown.load(std::sync::atomic::Ordering::Relaxed)
            && start.elapsed() > std::time::Duration::from_secs(1)
        {
            shown.store(true, std::sync::atomic::Ordering::Relaxed);
            handle.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        handle.set_position(bytes);
    };
    Some((bar, crate::score::Progress(std::sync::Arc::new(update))))
}

/// Scores the survey of `args`, applying `--strict` and warning on stderr
/// about problems that did not stop scoring.
pub(super) fn run_scoring(
    r: &Rubric,
    args: &InputArgs,
    survey: &Path,
    format: InputFormat,
    aliases: &GroupAliases,
    exclude_comments: &[String],
) -> Result<crate::score::model::Scores, CliError> {
    let bar = progress_bar(survey);
    let mut opts = score_options(args, bar.as_ref().map(|(_, p)| p.clone()), format, aliases);
    opts.exclude_comments = exclude_comments.to_vec();
    let scored = crate::score::score_file(r, survey, &opts);
    if let Some((bar, _)) = bar {
        bar.finish_and_clear();
    }
    let scores = scored.map_err(|e| CliError::Input(e.to_string()))?;
    // Everything the run would otherwise report as a warning: `--strict`
    // is for pipelines that must not pass while a breakdown or a question
    // silently disappears.
    let problems: Vec<&Issue> = scores.issues.iter().collect();
    if args.strict && !problems.is_empty() {
        let mut msg = format!(
            "--strict: {} in {}",
            crate::text::plural(
                (problems.len() as u64 + scores.issues_not_listed) as usize,
                "problem"
            ),
            scores.input.file
        );
        for p in &problems {
            msg.push_str("\n  ");
            msg.push_str(&p.describe(&scores.input.file));
        }
        return Err(CliError::Input(msg));
    }
    Ok(scores)
}

/// Prints the problems of a scored file on standard error, the first 20 of
/// them described, with how many more there are.
pub(super) fn warn_problems(scores: &crate::score::model::Scores) {
    const SHOWN: usize = 20;
    let all = scores.issues.len() as u64 + scores.issues_not_listed;
    if all == 0 {
        return;
    }
    eprintln!(
        "warning: {} in {}; the report's method section summarises them:",
        crate::text::plural(all as usize, "problem"),
        scores.input.file
    );
    // Missing question columns are told per dimension, after the rest.
    let mut missing: Vec<(&str, usize)> = Vec::new();
    let mut told = 0;
    for i in &scores.issues {
        if let Issue::MissingColumn { dimension, .. } = i {
            match missing.iter_mut().find(|(d, _)| d == dimension) {
                Some((_, n)) => *n += 1,
                None => missing.push((dimension, 1)),
            }
        } else if told < SHOWN {
            eprintln!("  {}", i.describe(&scores.input.file));
            told += 1;
        }
    }
    for (d, n) in &missing {
        eprintln!(
            "  no column for {} of dimension `{d}`",
            crate::text::plural(*n, "question")
        );
    }
    let rest = all - told as u64 - missing.iter().map(|(_, n)| *n as u64).sum::<u64>();
    if rest > 0 {
        eprintln!("  ... and {rest} more (`mlbizops score --format json` lists them)");
    }
}
