//! The rubric compiled into the binary (`rubrics/llm-adoption.toml` with
//! `rubrics/papers.toml`): its shape, its coverage and its citations, through
//! the library; then `mlbizops check` without arguments.

use std::collections::HashSet;

use assert_cmd::Command;
use mlbizops::rubric::{self, Loaded, Rubric};

fn builtin() -> Loaded {
    match rubric::load(None) {
        Ok(loaded) => loaded,
        Err(rubric::LoadError::Invalid(diags)) => {
            let messages: Vec<String> = diags.iter().map(|d| d.render(false)).collect();
            panic!("the built-in rubric is invalid:\n{}", messages.join("\n"))
        }
        Err(e) => panic!("the built-in rubric cannot be loaded: {e}"),
    }
}

fn rubric() -> Rubric {
    builtin().rubric
}

#[test]
fn has_no_warnings() {
    let loaded = builtin();
    let messages: Vec<String> = loaded.warnings.iter().map(|d| d.render(false)).collect();
    assert!(
        messages.is_empty(),
        "the built-in rubric has warnings:\n{}",
        messages.join("\n")
    );
}

#[test]
fn has_the_seven_dimensions_in_order() {
    let ids: Vec<String> = rubric().dimensions.into_iter().map(|d| d.id).collect();
    assert_eq!(
        ids,
        [
            "prompting",
            "finetuning",
            "alignment",
            "retrieval",
            "efficiency",
            "data",
            "mlbizops"
        ]
    );
}

#[test]
fn has_enough_questions_in_every_dimension() {
    let r = rubric();
    let total = r.questions().count();
    assert!(total >= 35, "only {total} questions");
    for d in &r.dimensions {
        assert!(
            d.questions.len() >= 5,
            "dimension `{}` has only {} questions",
            d.id,
            d.questions.len()
        );
        assert!(!d.name.is_empty(), "dimension `{}` has no name", d.id);
    }
}

#[test]
fn question_ids_and_texts_are_unique() {
    let r = rubric();
    let mut ids = HashSet::new();
    let mut texts = HashSet::new();
    for (d, q) in r.questions() {
        assert!(ids.insert(q.id.as_str()), "duplicate id {}", q.id);
        assert!(
            texts.insert(q.text.to_lowercase()),
            "duplicate text {}",
            q.text
        );
        // Ids are namespaced by their dimension, which keeps CSV columns readable.
        assert!(
            q.id.starts_with(&format!("{}.", d.id)),
            "question `{}` is in dimension `{}`",
            q.id,
            d.id
        );
    }
}

#[test]
fn has_five_levels_ascending_from_zero() {
    let r = rubric();
    let mins: Vec<f64> = r.levels.iter().map(|l| l.min).collect();
    assert_eq!(mins.len(), 5, "{mins:?}");
    assert_eq!(mins[0], 0.0);
    assert!(mins.windows(2).all(|w| w[0] < w[1]), "{mins:?}");
    assert!(mins.iter().all(|m| (0.0..=100.0).contains(m)), "{mins:?}");
    assert_eq!(r.level_for(0.0).name, r.levels[0].name);
    assert_eq!(r.level_for(100.0).name, r.levels[4].name);
}

#[test]
fn every_dimension_has_a_recommendation_at_every_level() {
    let r = rubric();
    let mut gaps = Vec::new();
    for d in &r.dimensions {
        for l in &r.levels {
            if !d
                .recommendations
                .iter()
                .any(|rec| rec.levels.contains(&l.name))
            {
                gaps.push(format!("{} / {}", d.id, l.name));
            }
        }
    }
    assert!(gaps.is_empty(), "no recommendation for: {gaps:?}");
}

#[test]
fn every_citation_resolves_in_the_bibliography() {
    let r = rubric();
    let mut cites = 0;
    for d in &r.dimensions {
        for rec in &d.recommendations {
            for key in &rec.cite {
                cites += 1;
                assert!(
                    r.bibliography.get(key).is_some(),
                    "`{key}` (cited in `{}`: {}) is not in the bibliography",
                    d.id,
                    rec.title
                );
            }
        }
    }
    assert!(cites > 0, "the built-in rubric cites nothing");
    // And, the other way round, every paper is cited (no dead entries).
    let cited = r.cited_keys();
    for p in &r.bibliography.papers {
        assert!(
            cited.contains(&p.key.as_str()),
            "`{}` is never cited",
            p.key
        );
    }
}

#[test]
fn arxiv_papers_link_to_their_abstract_page() {
    let r = rubric();
    let arxiv: Vec<_> = r
        .bibliography
        .papers
        .iter()
        .filter(|p| p.arxiv.is_some())
        .collect();
    assert!(!arxiv.is_empty());
    for p in arxiv {
        let id = p.arxiv.as_deref().unwrap();
        assert_eq!(p.url, format!("https://arxiv.org/abs/{id}"), "{}", p.key);
    }
}

#[test]
fn some_questions_are_reverse_keyed() {
    let r = rubric();
    let reverse = r.questions().filter(|(_, q)| q.reverse).count();
    assert!(reverse > 0, "no reverse-keyed question");
    assert!(
        reverse < r.questions().count() / 2,
        "{reverse} reverse-keyed"
    );
}

fn mlbizops() -> Command {
    Command::cargo_bin("mlbizops").expect("the mlbizops binary is built")
}

#[test]
fn check_without_arguments_summarises_the_builtin_rubric() {
    let out = mlbizops()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "", "a clean rubric prints nothing on stderr");
    assert!(
        stdout.starts_with("ok: rubrics/llm-adoption.toml (built in)\n"),
        "{stdout}"
    );
    assert!(stdout.contains("7 dimensions"), "{stdout}");
    let r = rubric();
    let questions = format!("{} questions", r.questions().count());
    assert!(stdout.contains(&questions), "{stdout}");
    for d in &r.dimensions {
        assert!(stdout.contains(&d.id), "`{}` missing from:\n{stdout}", d.id);
    }
}

#[test]
fn check_works_from_any_directory() {
    // The rubric and its bibliography are compiled in: no file is read.
    let dir = tempfile::tempdir().unwrap();
    let out = mlbizops()
        .current_dir(dir.path())
        .arg("check")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
    assert!(stdout.contains("7 dimensions"), "{stdout}");
}

#[test]
fn the_rubric_file_on_disk_checks_the_same_as_the_builtin_one() {
    // Users are told to copy and edit rubrics/llm-adoption.toml; the copy
    // must check clean too (it uses the built-in bibliography).
    let run = |args: &[&str]| {
        let out = mlbizops()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let builtin = run(&["check"]);
    let file = run(&["check", "rubrics/llm-adoption.toml"]);
    assert!(
        file.starts_with("ok: rubrics/llm-adoption.toml\n"),
        "{file}"
    );
    // Everything but the first line (the origin) is the same.
    let rest = |s: &str| s.split_once('\n').unwrap().1.to_string();
    assert_eq!(rest(&builtin), rest(&file));
}
