//! Command-line interface: the clap types and the glue from arguments to the
//! library. Nothing outside this module knows that clap exists.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::Diagnostic;
use crate::rubric::{self, LoadError, Rubric};
use crate::survey::InputFormat;

mod input;
use input::{load_input, warn_problems};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  invalid input: a rubric, bibliography, manifest or survey file is wrong or
     unreadable; too few respondents to show anything; or --strict found a problem
  2  wrong usage: unknown option, missing argument, bad option value";

#[derive(Debug, Parser)]
#[command(
    name = "mlbizops",
    version,
    about = "Score an LLM-adoption readiness survey against a rubric and report to leadership",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a rubric and its bibliography; print every problem, or a summary
    #[command(after_help = concat!(
        "Examples:\n  mlbizops check                      # the built-in rubric\n",
        "  mlbizops check my-rubric.toml\n\n",
        "Exit codes:\n  0  the rubric is valid (warnings may be printed)\n",
        "  1  the rubric or its bibliography has errors\n  2  wrong usage"))]
    Check {
        /// Rubric file to check [default: the built-in LLM-adoption rubric]
        rubric: Option<PathBuf>,
    },
    /// Write the questionnaire for a rubric: a printable Markdown or HTML
    /// questionnaire, a file that Qualtrics, Google Forms or LimeSurvey
    /// imports, or the CSV header to collect answers
    #[command(after_help = concat!(
        "Examples:\n  mlbizops survey --format html --out questionnaire.html\n",
        "  mlbizops survey --format qualtrics --out survey.txt     # Survey > Tools > Import/Export\n",
        "  mlbizops survey --format google-forms --out form.gs     # paste into script.google.com, run\n",
        "  mlbizops survey --format limesurvey --out survey.txt    # Create survey > Import\n",
        "  mlbizops survey --format csv > responses.csv\n\n",
        "Exit codes:\n  0  written\n  1  the rubric is invalid (or its ids give clashing tool codes),\n",
        "     or the output cannot be written\n",
        "  2  wrong usage"))]
    Survey {
        #[command(flatten)]
        rubric: RubricArg,
        /// What to write
        #[arg(long, value_enum, default_value_t = SurveyFormat::Md)]
        format: SurveyFormat,
        /// Write to this file instead of standard output
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// A workspace (folder or mlbizops.toml): its rubric, unless
        /// --rubric is given, and its team list for group columns the rubric
        /// asks as free text: the teams invited to its latest wave, and the
        /// groups its aliases name
        #[arg(long, value_name = "DIR")]
        workspace: Option<PathBuf>,
    },
    /// Score a survey export against the rubric
    #[command(after_help = concat!(
        "Examples:\n  mlbizops score examples/acme-2026-q3.csv\n",
        "  mlbizops score responses.csv --group-by team --format json > scores.json\n",
        "  mlbizops score responses.csv --format xlsx --out scores.xlsx\n",
        "  cat responses.csv | mlbizops score -        # - reads standard input\n\n",
        "Exit codes:\n  0  scored (problems with single cells are reported, not fatal)\n",
        "  1  the survey or rubric is invalid, too few respondents to show anything,\n",
        "     or --strict and a problem was found\n  2  wrong usage"))]
    Score(ScoreArgs),
    /// Write the leadership report: HTML (one self-contained file) and PDF by
    /// default; Markdown, or the report model as JSON, on request
    #[command(after_help = concat!(
        "Examples:\n  mlbizops report examples/acme-2026-q3.csv\n",
        "  mlbizops report responses.csv --organization \"Acme\" --label 2026-Q3 --date 2026-09-30 --format html,md\n",
        "  mlbizops report responses.csv --font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc\n",
        "      # Chinese, Japanese or Korean team names in the PDF (only the letters used are embedded)\n\n",
        "Exit codes:\n  0  written\n  1  the survey, rubric or font is invalid, or the report cannot be written\n  2  wrong usage"))]
    Report(ReportArgs),
    /// Create a workspace for quarterly surveys: a manifest, a copy of the
    /// rubric to edit, and a surveys/ folder
    #[command(after_help = concat!(
        "Examples:\n  mlbizops init acme-readiness\n  cd acme-readiness && mlbizops report .\n\n",
        "Exit codes:\n  0  created\n  1  the folder already holds a workspace, or cannot be written\n  2  wrong usage"))]
    Init {
        /// Folder to create (or an empty one to fill)
        dir: PathBuf,
    },
    /// List the bibliography: every paper's cite key, year, title and venue
    #[command(after_help = concat!(
        "Examples:\n  mlbizops papers                         # the built-in bibliography\n",
        "  mlbizops papers --rubric my-rubric.toml # the one that rubric names\n\n",
        "Cite a paper in a rubric by its key: cite = [\"key\"].\n\n",
        "Exit codes:\n  0  listed\n  1  the rubric or its bibliography is invalid\n  2  wrong usage"))]
    Papers {
        #[command(flatten)]
        rubric: RubricArg,
    },
    /// Print a shell completion script
    #[command(after_help = concat!(
        "Examples:\n",
        "  mlbizops completions bash > ~/.local/share/bash-completion/completions/mlbizops\n",
        "  mlbizops completions zsh > ~/.zfunc/_mlbizops     # with fpath+=~/.zfunc in ~/.zshrc\n",
        "  mlbizops completions fish > ~/.config/fish/completions/mlbizops.fish\n",
        "  mlbizops completions powershell >> $PROFILE\n\n",
        "Exit codes:\n  0  written\n  1  standard output cannot be written\n  2  wrong usage"))]
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
    /// Write the manual page (roff), for `man`
    #[command(after_help = concat!(
        "Examples:\n  mlbizops man | man -l -\n",
        "  mlbizops man --out ~/.local/share/man/man1   # mlbizops.1 and a page per command\n\n",
        "Exit codes:\n  0  written\n  1  the folder cannot be written\n  2  wrong usage"))]
    Man {
        /// Write mlbizops.1 and one page per command (mlbizops-score.1, …)
        /// into this folder instead of printing mlbizops.1
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Folder to write report.html, report.pdf, report.md, report.json into
    #[arg(long, default_value = "mlbizops-report")]
    pub out: PathBuf,
    /// Formats to write, comma-separated
    #[arg(
        long,
        value_name = "FORMATS",
        value_enum,
        value_delimiter = ',',
        default_value = "html,pdf"
    )]
    pub format: Vec<ReportFormat>,
    /// Report title [default: "<rubric title>: results"]
    #[arg(long)]
    pub title: Option<String>,
    /// Organization name shown on the cover
    #[arg(long)]
    pub organization: Option<String>,
    /// Survey label, e.g. 2026-Q3 [default: the file name without extension]
    #[arg(long)]
    pub label: Option<String>,
    /// Date printed on the cover, as you want it shown (never read from the clock);
    /// written as YYYY-MM-DD it is also the PDF's creation date
    #[arg(long)]
    pub date: Option<String>,
    /// A font for the letters the PDF's built-in font (DejaVu Sans) lacks,
    /// such as Chinese, Japanese and Korean team names: a .ttf, .otf or .ttc
    /// file, e.g. /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc.
    /// Only the letters used are embedded. Overrides the workspace's
    /// `[report] font`
    #[arg(long, value_name = "FILE")]
    pub font: Option<PathBuf>,
    /// Which font of a collection (.ttc) --font or `[report] font` names,
    /// from 0 [default: 0]
    #[arg(long, value_name = "N")]
    pub font_index: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file
    Html,
    /// A4 PDF with searchable text, vector charts, links and bookmarks
    Pdf,
    /// Markdown for a wiki or a ticket
    Md,
    /// The report model itself
    Json,
    /// An Excel workbook of the report's figures (only what privacy rules
    /// let the report show)
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format [default: table on a terminal, json otherwise]
    #[arg(long, value_enum)]
    pub format: Option<ScoreFormat>,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The rubric a questionnaire is written from: `--rubric`, else the
/// workspace's; with a workspace, group columns the rubric asks as free
/// text offer the workspace's teams instead (typed names split teams).
fn questionnaire_rubric(
    rubric: Option<&std::path::Path>,
    workspace: Option<&std::path::Path>,
) -> Result<crate::rubric::Rubric, CliError> {
    let Some(dir) = workspace else {
        return load_rubric(rubric);
    };
    let ws = crate::workspace::load(dir, false).map_err(|e| match e {
        crate::workspace::WorkspaceError::Io { .. } => CliError::Input(e.to_string()),
        crate::workspace::WorkspaceError::Invalid(d) => CliError::Diagnostics(d),
    })?;
    let path = rubric
        .map(std::path::Path::to_path_buf)
        .or(ws.rubric.clone());
    let mut r = load_rubric(path.as_deref())?;
    for (i, g) in r.respondents.groups.clone().iter().enumerate() {
        let teams = ws.group_choices(g, i);
        if r.respondents.choices_for(g).is_none() && !teams.is_empty() {
            r.respondents.choices.push((g.clone(), teams));
        }
    }
    Ok(r)
}

/// What `score` and `report` both read.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// The survey export (CSV or TSV: comma, semicolon or tab; UTF-8, UTF-16
    /// or Windows-1252; or an .xlsx workbook's first sheet) as the survey
    /// tool wrote it, `-` for standard input, or a workspace folder or its
    /// mlbizops.toml
    pub survey: PathBuf,
    #[command(flatten)]
    pub rubric: RubricArg,
    /// Break results down by this column (repeatable); replaces the rubric's
    /// `[respondents] groups`
    #[arg(long, value_name = "COLUMN")]
    pub group_by: Vec<String>,
    /// Hide groups with fewer respondents than this (at least 3) [default: the rubric's, 5]
    #[arg(long, value_name = "N", value_parser = parse_min_group_size)]
    pub min_group_size: Option<u64>,
    /// Fail (exit 1) on any problem found in the survey: an unreadable cell,
    /// a missing question or group column, a column that looks like a
    /// mistyped question, an extra or repeated column
    #[arg(long)]
    pub strict: bool,
    /// With a workspace: the wave to use [default: the latest]
    #[arg(long, value_name = "LABEL")]
    pub wave: Option<String>,
    /// The survey tool that wrote the file; with a workspace, overrides
    /// every wave's `input_format` [default: auto, which recognises the
    /// layout from the first rows]
    #[arg(long, value_enum, value_name = "LAYOUT")]
    pub input_format: Option<InputFormatArg>,
    /// With a workspace: let its manifest name files outside its folder
    #[arg(long)]
    pub allow_outside_workspace: bool,
    /// Spellings of a group that are one group: a CSV file with the columns
    /// `column,spelling,group` (e.g. team,Eng,Engineering); added to the
    /// rubric's and the workspace's aliases
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Threads that parse the survey file; 1 reads it on one thread. A
    /// CSV/TSV file in UTF-8 or Windows-1252 named by its path is parsed on
    /// several; UTF-16, workbooks and standard input on one. The results
    /// are the same whatever the number [default: one fewer than the
    /// cores, at least 1, at most 8]
    #[arg(long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1024))]
    pub threads: Option<usize>,
    /// The size the survey file is cut into chunks at for parallel parsing,
    /// in bytes (for tests: small chunks on small files)
    #[arg(long, value_name = "BYTES", hide = true)]
    pub chunk_bytes: Option<usize>,
    /// Read the survey file with the csv crate's reader, not in chunks
    /// (for tests: the reference the chunked reading is compared with)
    #[arg(long, hide = true)]
    pub csv_reader: bool,
}

/// `--input-format`: mirrors [`InputFormat`], which knows nothing of clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// Recognise the layout from the first rows
    Auto,
    /// One header row of question ids or texts
    Plain,
    /// Qualtrics CSV/TSV/XLSX: 3 header rows, or the legacy 2
    Qualtrics,
    /// SurveyMonkey CSV/XLSX: 2 header rows
    Surveymonkey,
    /// LimeSurvey CSV: code[subquestion] columns
    Limesurvey,
    /// Google Forms responses sheet, as CSV
    GoogleForms,
    /// Microsoft Forms Excel workbook or CSV
    MsForms,
}

impl From<InputFormatArg> for InputFormat {
    fn from(a: InputFormatArg) -> InputFormat {
        match a {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Plain => InputFormat::Plain,
            InputFormatArg::Qualtrics => InputFormat::Qualtrics,
            InputFormatArg::Surveymonkey => InputFormat::SurveyMonkey,
            InputFormatArg::Limesurvey => InputFormat::LimeSurvey,
            InputFormatArg::GoogleForms => InputFormat::GoogleForms,
            InputFormatArg::MsForms => InputFormat::MsForms,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// Tables for reading in a terminal
    Table,
    /// The `mlbizops.score/v1` document (see the README)
    Json,
    /// One row per group and dimension, for spreadsheets
    Csv,
    /// An Excel workbook: dimensions, questions, groups and data quality
    /// (with --out FILE, or redirected to a file)
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct RubricArg {
    /// Rubric file [default: the built-in LLM-adoption rubric]
    #[arg(long, value_name = "PATH")]
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SurveyFormat {
    /// The CSV header that `mlbizops score` reads
    Csv,
    /// A printable questionnaire in Markdown
    Md,
    /// A printable questionnaire as one self-contained HTML file
    Html,
    /// A Qualtrics Advanced Format TXT file to import
    Qualtrics,
    /// A Google Apps Script that creates the form and its responses sheet
    GoogleForms,
    /// A LimeSurvey tab-separated survey structure to import
    Limesurvey,
}

fn parse_min_group_size(s: &str) -> Result<u64, String> {
    let n: u64 = s
        .parse()
        .map_err(|_| format!("`{s}` is not a whole number"))?;
    if n < crate::rubric::MIN_GROUP_SIZE_FLOOR as u64 {
        return Err(format!(
            "must be at least {}: smaller groups could expose individual answers",
            crate::rubric::MIN_GROUP_SIZE_FLOOR
        ));
    }
    Ok(n)
}

/// Why a command failed; decides the exit code.
#[derive(Debug)]
pub enum CliError {
    /// Exit 1: the input is invalid. The diagnostics say where.
    Diagnostics(Vec<Diagnostic>),
    /// Exit 1: a one-line message about an input or output file.
    Input(String),
    /// Exit 2: the arguments make no sense together.
    Usage(String),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Diagnostics(_) | CliError::Input(_) => 1,
            CliError::Usage(_) => 2,
        }
    }

    /// The text printed on standard error.
    pub fn render(&self, color: bool) -> String {
        match self {
            CliError::Diagnostics(diags) => {
                let mut out = String::new();
                for d in diags {
                    out.push_str(&d.render(color));
                    out.push('\n');
                }
                let errors = diags.iter().filter(|d| d.is_error()).count();
                let warnings = diags.len() - errors;
                out.push_str(&format!(
                    "error: {errors} error(s), {warnings} warning(s)\n"
                ));
                out
            }
            CliError::Input(m) => format!("error: {m}\n"),
            CliError::Usage(m) => format!("error: {m}\n\nFor more information, try '--help'.\n"),
        }
    }
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Check { rubric } => check(rubric.as_deref()),
        Command::Survey {
            rubric,
            format,
            out,
            workspace,
        } => {
            let r = questionnaire_rubric(rubric.rubric.as_deref(), workspace.as_deref())?;
            let text = match format {
                SurveyFormat::Csv => crate::questionnaire::csv_header(&r),
                SurveyFormat::Md => crate::questionnaire::markdown(&r),
                SurveyFormat::Html => crate::questionnaire::html(&r),
                SurveyFormat::Qualtrics => {
                    crate::questionnaire::qualtrics(&r).map_err(CliError::Input)?
                }
                SurveyFormat::GoogleForms => {
                    crate::questionnaire::google_forms(&r).map_err(CliError::Input)?
                }
                SurveyFormat::Limesurvey => {
                    crate::questionnaire::limesurvey(&r).map_err(CliError::Input)?
                }
            };
            write_output(out.as_deref(), text.as_bytes())
        }
        Command::Score(args) => score(args),
        Command::Report(args) => report(args),
        Command::Init { dir } => {
            let written = crate::workspace::init(&dir).map_err(CliError::Input)?;
            let mut out = String::new();
            for p in written {
                out.push_str(&format!("created {}\n", p.display()));
            }
            out.push_str(&format!(
                "next: export a survey into {}/surveys/, add a [[wave]] for it to {}/mlbizops.toml, then run `mlbizops report {}`\n",
                dir.display(),
                dir.display(),
                dir.display()
            ));
            write_output(None, out.as_bytes())
        }
        Command::Papers { rubric } => {
            let r = load_rubric(rubric.rubric.as_deref())?;
            write_output(None, papers(&r.bibliography).as_bytes())
        }
        Command::Completions { shell } => write_output(None, &completions(shell)),
        Command::Man { out: None } => {
            let pages = man_pages();
            write_output(None, &pages[0].1)
        }
        Command::Man { out: Some(dir) } => {
            std::fs::create_dir_all(&dir).map_err(|e| {
                CliError::Input(format!(
                    "cannot create the folder {}: {}",
                    dir.display(),
                    crate::survey::input::io_reason(&e)
                ))
            })?;
            let pages: Vec<(PathBuf, Vec<u8>)> = man_pages()
                .into_iter()
                .map(|(name, page)| (dir.join(name), page))
                .collect();
            let refs: Vec<(PathBuf, &[u8])> =
                pages.iter().map(|(p, b)| (p.clone(), &b[..])).collect();
            crate::output::write_all(&refs).map_err(CliError::Input)?;
            for (path, _) in &pages {
                println!("wrote {}", path.display());
            }
            Ok(())
        }
    }
}

/// The bibliography as a list, one paper a line, sorted by key:
/// `key  year  title. venue.`
pub fn papers(bib: &crate::bibliography::Bibliography) -> String {
    let mut list: Vec<&crate::bibliography::Paper> = bib.papers.iter().collect();
    list.sort_by(|a, b| a.key.cmp(&b.key));
    let width = list
        .iter()
        .map(|p| p.key.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for p in list {
        let title = p.title.trim_end_matches('.');
        out.push_str(&format!(
            "{:<width$}  {}  {title}. {}.\n",
            p.key, p.year, p.venue
        ));
    }
    out.push_str(&format!(
        "{} from {}\n",
        crate::text::plural(bib.papers.len(), "paper"),
        bib.origin
    ));
    out
}

/// The completion script for `shell`, generated from the same clap
/// definitions the program parses its arguments with.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "mlbizops", &mut out);
    out
}

/// The manual pages: `mlbizops.1` first, then one per command
/// (`mlbizops-score.1`, …), as (file name, roff text). Dated by nothing,
/// so the same program gives the same pages.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut page = Vec::new();
        // Writing to memory cannot fail.
        man.render(&mut page).expect("render to memory");
        pages.push((man.get_filename(), page));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, pages);
        }
    }
    let mut cmd = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    walk(&cmd, &mut pages);
    pages
}

fn report(args: ReportArgs) -> Result<(), CliError> {
    let input = load_input(&args.input, true)?;
    // The problems `score` reports, here too: a missing group column
    // would otherwise only show as a breakdown that is not there.
    warn_problems(&input.scores);
    let label = args.label.clone().or(input.label).unwrap_or_else(|| {
        if crate::survey::input::is_stdin(&args.input.survey) {
            return "standard input".to_string();
        }
        args.input
            .survey
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned())
    });
    let date = args.date.clone().or(input.date);
    let opts = crate::report::ReportOptions {
        title: args.title.clone(),
        organization: args.organization.clone().or(input.organization),
        survey_label: label,
        date: date.clone(),
    };
    let model =
        crate::report::build_with_history(&input.rubric, &input.scores, &opts, input.history);
    let fallback = report_font(&args, input.font, args.format.contains(&ReportFormat::Pdf))?;
    std::fs::create_dir_all(&args.out).map_err(|e| {
        CliError::Input(format!(
            "cannot create the folder {}: {}",
            args.out.display(),
            crate::survey::input::io_reason(&e)
        ))
    })?;
    let mut formats = args.format.clone();
    formats.dedup();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for f in formats {
        let (name, bytes) = match f {
            ReportFormat::Html => (
                "report.html",
                crate::render::html::render(&model).into_bytes(),
            ),
            ReportFormat::Md => (
                "report.md",
                crate::render::markdown::render(&model).into_bytes(),
            ),
            ReportFormat::Pdf => {
                if let Some(w) = crate::render::pdf::coverage::warning(
                    &model,
                    fallback.as_deref(),
                    crate::render::pdf::fallback::suggest,
                ) {
                    eprintln!("warning: {w}");
                }
                let opts = crate::render::pdf::PdfOptions {
                    created: date.as_deref().and_then(crate::render::pdf::parse_iso_date),
                    fallback: fallback.clone(),
                };
                ("report.pdf", crate::render::pdf::render(&model, &opts))
            }
            ReportFormat::Json => {
                let mut s = serde_json::to_string_pretty(&model).expect("report serializes");
                s.push('\n');
                ("report.json", s.into_bytes())
            }
            ReportFormat::Xlsx => (
                "report.xlsx",
                crate::render::report_xlsx::render(&model)
                    .map_err(|e| CliError::Input(format!("cannot make the workbook: {e}")))?,
            ),
        };
        files.push((args.out.join(name), bytes));
    }
    // Every format is rendered before anything is written, and written in
    // full before any replaces the previous one.
    let refs: Vec<(PathBuf, &[u8])> = files.iter().map(|(p, b)| (p.clone(), &b[..])).collect();
    crate::output::write_all(&refs).map_err(CliError::Input)?;
    for (path, _) in &files {
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// The PDF's fallback font: `--font`, else the workspace's `[report]
/// font`, read and checked before anything is written (a bad font is an
/// error, exit 1). Read only when a PDF is asked for.
fn report_font(
    args: &ReportArgs,
    workspace: Option<(PathBuf, u32)>,
    pdf: bool,
) -> Result<Option<std::sync::Arc<crate::render::pdf::fallback::FallbackFont>>, CliError> {
    let chosen = match (&args.font, workspace) {
        (Some(f), _) => Some((f.clone(), args.font_index.unwrap_or(0))),
        (None, Some((f, i))) => Some((f, args.font_index.unwrap_or(i))),
        (None, None) => None,
    };
    let Some((path, index)) = chosen else {
        if args.font_index.is_some() {
            return Err(CliError::Usage(
                "--font-index chooses a font in a collection: give the collection with --font FILE"
                    .into(),
            ));
        }
        return Ok(None);
    };
    if !pdf {
        eprintln!(
            "warning: the font {} is for the PDF only, and no PDF is written",
            path.display()
        );
        return Ok(None);
    }
    crate::render::pdf::fallback::FallbackFont::load(&path, index)
        .map(|f| Some(std::sync::Arc::new(f)))
        .map_err(CliError::Input)
}

fn score(args: ScoreArgs) -> Result<(), CliError> {
    let to_terminal = args.out.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    // An --out file's extension says its format when --format does not.
    let by_extension = args.out.as_deref().and_then(Path::extension).and_then(|e| {
        match e.to_string_lossy().to_ascii_lowercase().as_str() {
            "xlsx" => Some(ScoreFormat::Xlsx),
            "csv" => Some(ScoreFormat::Csv),
            "json" => Some(ScoreFormat::Json),
            _ => None,
        }
    });
    let format = args.format.or(by_extension).unwrap_or(if to_terminal {
        ScoreFormat::Table
    } else {
        ScoreFormat::Json
    });
    if format == ScoreFormat::Xlsx && to_terminal {
        return Err(CliError::Usage(
            "--format xlsx writes a workbook, not text: give --out FILE (or redirect to a file)"
                .into(),
        ));
    }
    let scores = load_input(&args.input, false)?.scores;
    let all = scores.issues.len() as u64 + scores.issues_not_listed;
    if format != ScoreFormat::Table && all > 0 {
        let see = match format {
            ScoreFormat::Json => "see `issues` in the output",
            ScoreFormat::Xlsx => "see the sheet \"Data quality\"",
            _ => "`--format json` or `--format table` lists them",
        };
        eprintln!(
            "warning: {} in {}; {see}",
            crate::text::plural(all as usize, "problem"),
            scores.input.file
        );
    }
    let out = args.out.as_deref();
    match format {
        ScoreFormat::Table => write_output(out, crate::render::table::render(&scores).as_bytes()),
        ScoreFormat::Csv => write_output(out, crate::render::score_csv::render(&scores).as_bytes()),
        ScoreFormat::Xlsx => {
            let bytes = crate::render::xlsx::render(&scores).map_err(|e| {
                CliError::Input(format!(
                    "cannot make the workbook for {}: {e}",
                    scores.input.file
                ))
            })?;
            write_output(out, &bytes)
        }
        ScoreFormat::Json if out.is_some() => {
            let mut s = serde_json::to_vec_pretty(&scores).expect("scores serialize");
            s.push(b'\n');
            write_output(out, &s)
        }
        // Streamed: a large file's document (up to 10,000 issues) is never
        // held in memory whole.
        ScoreFormat::Json => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written = serde_json::to_writer_pretty(&mut out, &scores)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.flush());
            match written {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Input(
                    format!("cannot write to standard output: {e}"),
                )),
                _ => Ok(()),
            }
        }
    }
}

fn check(path: Option<&Path>) -> Result<(), CliError> {
    let loaded = rubric::load(path).map_err(load_error)?;
    let color = std::io::IsTerminal::is_terminal(&std::io::stderr());
    for w in &loaded.warnings {
        eprint!("{}", w.render(color));
    }
    write_output(None, rubric::summary(&loaded.rubric).as_bytes())
}

/// Loads the rubric for a command other than `check`: its errors are fatal,
/// its warnings are only counted, so that every run is not cluttered by them.
pub fn load_rubric(path: Option<&Path>) -> Result<Rubric, CliError> {
    let loaded = rubric::load(path).map_err(load_error)?;
    if !loaded.warnings.is_empty() {
        let shown = path.map_or(String::new(), |p| format!(" {}", p.display()));
        eprintln!(
            "note: the rubric has {} warning(s); `mlbizops check{shown}` shows them",
            loaded.warnings.len()
        );
    }
    Ok(loaded.rubric)
}

fn load_error(e: LoadError) -> CliError {
    match e {
        LoadError::Io { .. } => CliError::Input(e.to_string()),
        LoadError::Invalid(diags) => CliError::Diagnostics(diags),
    }
}

fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), CliError> {
    match path {
        Some(p) => crate::output::write_all(&[(p.to_path_buf(), bytes)]).map_err(CliError::Input),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Input(
                    format!("cannot write to standard output: {e}"),
                )),
                _ => Ok(()),
            }
        }
    }
}
