//! What the fuzz targets share: the test fixtures' rubrics, a scratch
//! folder of this process, and the pipeline after scoring (every renderer
//! of `score` and `report`), with the invariants any output must keep.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use mlbizops::rubric::Rubric;
use mlbizops::score::model::Scores;
use mlbizops::score::waves::{ScoredWave, Waves};
use mlbizops::score::{score_file, ScoreOptions};
use mlbizops::survey::InputFormat;

/// The fixtures folder of the main crate.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// The rubrics a survey input is scored with, chosen by its first byte
/// (`fuzz/seed.sh` gives each fixture survey its own rubric's number).
pub const RUBRICS: [&str; 6] = [
    "score/small-rubric.toml",
    "tools/rubric.toml",
    "report/rubric.toml",
    "levels/llm-adoption-2026.1.toml",
    "privacy/rubric.toml",
    "workspace/rubric-2026.toml",
];

pub fn rubric(i: usize) -> &'static Rubric {
    static LOADED: OnceLock<Vec<Rubric>> = OnceLock::new();
    let all = LOADED.get_or_init(|| {
        RUBRICS
            .iter()
            .map(|r| {
                let path = fixtures().join(r);
                mlbizops::rubric::load(Some(&path))
                    .unwrap_or_else(|e| panic!("fixture rubric {r}: {e}"))
                    .rubric
            })
            .collect()
    });
    &all[i % all.len()]
}

/// A scratch folder of this process (several fuzzing processes may run).
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("mlbizops-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

/// Options chosen by one byte of the input: layout, threshold, breakdowns.
pub fn options(b: u8) -> ScoreOptions {
    ScoreOptions {
        input_format: InputFormat::ALL[(b & 7) as usize % InputFormat::ALL.len()],
        group_by: (b & 0x10 != 0).then(|| vec!["team".to_string(), "role".to_string()]),
        min_group_size: (b & 0x20 != 0).then_some(3),
        ..Default::default()
    }
}

/// Scores `path`; errors are fine (bad input), panics are not. A message
/// must be one line that names the file.
pub fn score(rubric: &Rubric, path: &Path, opts: &ScoreOptions) -> Option<Scores> {
    match score_file(rubric, path, opts) {
        Ok(s) => {
            check_counts(&s);
            Some(s)
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty());
            None
        }
    }
}

/// Every row read is scored or excluded, and listed lists stay capped.
pub fn check_counts(s: &Scores) {
    let r = &s.respondents;
    assert_eq!(
        r.read,
        r.scored + r.excluded_total(),
        "rows read = scored + excluded"
    );
    let by_reason: u64 = r.excluded_by_reason.values().sum();
    assert_eq!(by_reason, r.excluded_total(), "excluded counted by reason");
    assert!(s.issues.len() <= mlbizops::score::MAX_LISTED_ISSUES);
}

/// Every format `score` writes.
pub fn render_scores(s: &Scores) {
    let table = mlbizops::render::table::render(s);
    // Terminal output carries no raw control character but line breaks.
    assert!(
        !table.chars().any(|c| c.is_control() && c != '\n'),
        "control character in the table"
    );
    let csv = mlbizops::render::score_csv::render(s);
    assert!(!csv.is_empty());
    let _ = mlbizops::render::xlsx::render(s).expect("workbook");
    let json = serde_json::to_vec(s).expect("scores serialize");
    assert!(!json.is_empty());
}

/// Every format `report` writes, with the history of earlier waves.
pub fn render_report(
    rubric: &Rubric,
    s: &Scores,
    history: Option<mlbizops::report::model::History>,
    pdf: bool,
) {
    let opts = mlbizops::report::ReportOptions {
        title: None,
        organization: Some("Fuzz & <Co>".into()),
        survey_label: "fuzz".into(),
        date: Some("2026-09-30".into()),
    };
    let model = mlbizops::report::build_with_history(rubric, s, &opts, history);
    let html = mlbizops::render::html::render(&model);
    // Names are text: whatever they hold, no link runs a script.
    assert!(
        !html.contains("href=\"javascript:"),
        "script link in the HTML"
    );
    let _ = mlbizops::render::markdown::render(&model);
    let _ = serde_json::to_vec(&model).expect("report serializes");
    if pdf {
        let opts = mlbizops::render::pdf::PdfOptions {
            created: Some((2026, 9, 30)),
            ..Default::default()
        };
        let bytes = mlbizops::render::pdf::render(&model, &opts);
        assert!(bytes.starts_with(b"%PDF"));
    }
}

/// Two waves of the same rubric scored together, as a workspace's report
/// does: comparisons, trends and the history of the report.
pub fn two_waves(
    rubric: &Rubric,
    first: (&Path, Scores),
    second: (&Path, Scores),
    opts: &ScoreOptions,
) -> Option<(Scores, mlbizops::report::model::History)> {
    let wave = |label: &str, (path, scores): (&Path, Scores)| ScoredWave {
        label: label.into(),
        date: None,
        rubric: rubric.clone(),
        path: path.to_path_buf(),
        scores,
        invited: Default::default(),
        input_format: opts.input_format,
    };
    let opts = ScoreOptions {
        input_format: InputFormat::Auto,
        group_by: opts.group_by.clone(),
        min_group_size: opts.min_group_size,
        ..Default::default()
    };
    let all = Waves::new(vec![wave("W1", first), wave("W2", second)], &opts).ok()?;
    let history = mlbizops::report::history::history(&all);
    let last = all.waves.into_iter().last()?;
    Some((last.scores, history))
}

/// The fixture surveys, each with the index of its rubric in [`RUBRICS`].
pub const SURVEYS: [(&str, usize); 12] = [
    ("score/small.csv", 0),
    ("input/clean.csv", 0),
    ("input/unreadable.csv", 0),
    ("input/two-breakdowns.csv", 0),
    ("tools/qualtrics.csv", 1),
    ("tools/surveymonkey.csv", 1),
    ("tools/google-forms.csv", 1),
    ("tools/limesurvey.csv", 1),
    ("report/survey.csv", 2),
    ("report/escaping.csv", 2),
    ("levels/acme-2026-q3.csv", 3),
    ("workspace/w2.csv", 5),
];

/// A fixture survey's records as text, read once.
pub fn fixture_records(file: &str) -> Vec<Vec<String>> {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static CACHE: OnceLock<Mutex<HashMap<String, Vec<Vec<String>>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(file.to_string())
        .or_insert_with(|| {
            let text = std::fs::read(fixtures().join(file)).expect("fixture survey");
            let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text).to_vec();
            let delimiter = if text.iter().take_while(|&&b| b != b'\n').any(|&b| b == b';') {
                b';'
            } else {
                b','
            };
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(&text[..])
                .records()
                .filter_map(Result::ok)
                .map(|r| r.iter().map(str::to_string).collect())
                .collect()
        })
        .clone()
}
