//! A rubric (any text) through parsing, validation and the diagnostics a
//! user sees; a valid one then through every questionnaire export, a
//! survey scored with it and every renderer. The same text is also read as
//! a bibliography.

#![no_main]

#[path = "common/mod.rs"]
mod common;

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use mlbizops::diag::{Diagnostic, Source};
use mlbizops::rubric::Rubric;

/// The scratch folder with the fixtures' bibliographies, which rubrics
/// name by relative path.
fn dir() -> &'static std::path::Path {
    static READY: OnceLock<()> = OnceLock::new();
    let dir = common::scratch();
    READY.get_or_init(|| {
        for (from, to) in [
            ("report/papers.toml", "papers.toml"),
            ("levels/papers-2026.1.toml", "papers-2026.1.toml"),
        ] {
            std::fs::copy(common::fixtures().join(from), dir.join(to)).expect("copy");
        }
    });
    dir
}

fn show(diags: &[Diagnostic]) {
    for d in diags {
        assert!(!d.render(false).is_empty());
        let _ = d.render(true);
        let _ = d.location();
    }
}

/// Twelve respondents in three teams, every question answered on its
/// scale in a pattern that differs per question.
fn survey(r: &Rubric) -> String {
    let mut out = mlbizops::questionnaire::csv_header(r);
    for i in 0..12u64 {
        let mut cells = Vec::new();
        if r.respondents.id.is_some() {
            cells.push(format!("r{i}"));
        }
        for (g, _) in r.respondents.groups.iter().enumerate() {
            cells.push(["Red", "Green", "Blue"][(i as usize + g) % 3].to_string());
        }
        for (j, (_, q)) in r.questions().enumerate() {
            let s = &q.scale;
            let points = (s.max - s.min + 1).max(1) as u64;
            let p = s.min + ((i * 7 + j as u64 * 3) % points) as i64;
            cells.push(p.to_string());
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A bibliography path naming a device or a pipe would block the
    // fuzzer, not the program's users: the size limit is tested elsewhere.
    if ["dev/", "proc/", "sys/", "run/", "fd/"]
        .iter()
        .any(|d| text.contains(d))
    {
        return;
    }
    let (_, bib_diags) =
        mlbizops::bibliography::Bibliography::parse(Arc::new(Source::new("fuzz.toml", text)));
    show(&bib_diags);
    let loaded = match mlbizops::rubric::load_str("fuzz.toml", text, Some(dir())) {
        Ok(l) => l,
        Err(mlbizops::rubric::LoadError::Invalid(diags)) => {
            assert!(
                diags.iter().any(Diagnostic::is_error),
                "invalid with no error"
            );
            show(&diags);
            return;
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    show(&loaded.warnings);
    let r = &loaded.rubric;
    let _ = mlbizops::rubric::summary(r);
    let _ = mlbizops::questionnaire::markdown(r);
    let _ = mlbizops::questionnaire::html(r);
    let _ = mlbizops::questionnaire::qualtrics(r);
    let _ = mlbizops::questionnaire::google_forms(r);
    let _ = mlbizops::questionnaire::limesurvey(r);
    let path = dir().join("rubric-survey.csv");
    std::fs::write(&path, survey(r)).expect("scratch file");
    let opts = common::options(0);
    if let Some(s) = common::score(r, &path, &opts) {
        common::render_scores(&s);
        common::render_report(r, &s, None, true);
    }
});
