//! The scoring arithmetic, pinned against values computed independently.
//!
//! `small.csv` / `small-rubric.toml` values come from
//! `tests/fixtures/score/expected.py` (pandas 3.1.1 pairwise covariances as in
//! R's `cov(use = "pairwise")` and psych::alpha, scipy 1.17.1 t quantiles).
//! The tiny cases below are worked out by hand in their comments.

use std::path::Path;

use mlbizops::rubric::{self, Rubric};
use mlbizops::score::model::{DimensionStats, Scores};
use mlbizops::score::{score_file, ScoreOptions};

const TOL: f64 = 1e-9;

fn close(actual: Option<f64>, expected: f64) {
    let a = actual.expect("a value");
    assert!((a - expected).abs() < TOL, "{a} != {expected}");
}

fn fixture_rubric() -> Rubric {
    rubric::load(Some(Path::new("tests/fixtures/score/small-rubric.toml")))
        .expect("valid test rubric")
        .rubric
}

fn small() -> Scores {
    score_file(
        &fixture_rubric(),
        Path::new("tests/fixtures/score/small.csv"),
        &ScoreOptions::default(),
    )
    .expect("scores")
}

fn dim<'a>(s: &'a Scores, id: &str) -> &'a mlbizops::score::model::DimensionScore {
    s.dimensions.iter().find(|d| d.stats.id == id).unwrap()
}

#[test]
fn organization_scores_match_pandas() {
    let s = small();
    let a = &dim(&s, "a").stats;
    assert_eq!(a.n, Some(11));
    close(a.score, 60.22727272727273);
    close(a.sd, 30.397461766045232);
    close(a.ci95.map(|c| c[0]), 39.805980044528546);
    close(a.ci95.map(|c| c[1]), 80.64856541001691);
    assert_eq!(a.level.as_deref(), Some("Mid"));
    let b = &dim(&s, "b").stats;
    assert_eq!(b.n, Some(11));
    close(b.score, 58.63636363636363);
    close(b.sd, 31.47148781761907);
    close(b.ci95.map(|c| c[0]), 37.49353043431921);
    close(b.ci95.map(|c| c[1]), 79.77919683840805);
    // Overall: dimension weights 2 and 1.
    close(s.overall.score, 59.696969696969695);
    assert_eq!(s.overall.level.as_deref(), Some("Mid"));
}

#[test]
fn favorability_matches_pandas() {
    let s = small();
    let a = &dim(&s, "a").stats;
    close(a.favorable_pct, 54.54545454545455);
    close(a.neutral_pct, 21.21212121212121);
    close(a.unfavorable_pct, 24.242424242424242);
    let b = &dim(&s, "b").stats;
    close(b.favorable_pct, 40.0);
    close(b.neutral_pct, 40.0);
    close(b.unfavorable_pct, 20.0);
    // B mixes a 1-5 and a 0-10 question: no single distribution exists.
    assert_eq!(b.distribution, None);
    // A's answers by favorability position sum to its 33 answers.
    assert_eq!(a.distribution.as_ref().unwrap().iter().sum::<u64>(), 33);
}

#[test]
fn alpha_and_item_total_r_match_pandas_pairwise() {
    let s = small();
    let a = dim(&s, "a");
    close(a.alpha, 0.9406899810964082);
    let r: Vec<f64> = a
        .questions
        .iter()
        .map(|q| q.item_total_r.unwrap())
        .collect();
    // Pairwise-complete covariances need not form a proper covariance
    // matrix, so with missing answers a correlation can pass 1, in psych too.
    for (got, want) in r
        .iter()
        .zip([1.0209105993640755, 0.713881328722691, 0.932912565410529])
    {
        assert!((got - want).abs() < TOL, "{got} != {want}");
    }
    let b = dim(&s, "b");
    close(b.alpha, 0.9710020476913932);
    close(b.questions[0].item_total_r, 0.9441686882392398);
}

#[test]
fn raw_means_are_on_the_question_scale() {
    let s = small();
    let raw: Vec<(String, Option<f64>)> = s
        .dimensions
        .iter()
        .flat_map(|d| d.questions.iter().map(|q| (q.id.clone(), q.raw_mean)))
        .collect();
    let want = [
        3.4545454545454546,
        3.3636363636363638,
        2.6363636363636362,
        3.3,
        6.3,
    ];
    for ((id, got), want) in raw.iter().zip(want) {
        assert!((got.unwrap() - want).abs() < TOL, "{id}: {got:?} != {want}");
    }
}

#[test]
fn rows_are_all_accounted_for() {
    let s = small();
    let r = &s.respondents;
    assert_eq!(r.read, 15);
    assert_eq!(r.scored, 12);
    let excluded: Vec<(u64, &str)> = r
        .excluded
        .iter()
        .map(|e| (e.row, e.reason.as_str()))
        .collect();
    assert_eq!(excluded.len(), 3);
    assert!(excluded.contains(&(15, "blank row")));
    assert!(excluded.contains(&(14, "no scorable answer")));
    // The first answer of id 3 (row 4) is replaced by its re-submission (row 13).
    let dup = r.excluded.iter().find(|e| e.row == 4).unwrap();
    assert!(
        dup.reason.contains("duplicate respondent id \"3\"") && dup.reason.contains("row 13"),
        "{}",
        dup.reason
    );
    assert_eq!(r.read, r.scored + r.excluded.len() as u64);
}

#[test]
fn unreadable_cell_is_reported_with_row_column_and_value() {
    let s = small();
    let cells: Vec<String> = s.issues.iter().map(|i| i.describe("f")).collect();
    assert!(
        cells.contains(&"f: row 16, column \"a1\": \"7\" is not a point of the scale 1..5; counted as not answered".to_string()),
        "{cells:#?}"
    );
}

#[test]
fn small_groups_and_their_complement_are_suppressed() {
    let s = small();
    let team = |v: &str| s.groups.iter().find(|g| g.value == v).unwrap();
    // Z has 2 scored respondents (< 3): hidden; Y (4) is the next smallest:
    // hidden too, or Z could be worked out from the total.
    for v in ["Y", "Z"] {
        let g = team(v);
        assert!(g.suppressed);
        assert_eq!(g.n, None);
        assert_eq!(g.overall.score, None);
        assert!(g
            .dimensions
            .iter()
            .all(|d: &DimensionStats| d.score.is_none() && d.n.is_none()));
    }
    let x = team("X");
    assert!(!x.suppressed);
    assert_eq!(x.n, Some(6));
    close(x.dimensions[0].score, 53.125);
    close(x.dimensions[0].sd, 34.629737942987674);
    close(x.dimensions[0].ci95.map(|c| c[0]), 16.78331880237048);
    close(x.dimensions[1].score, 41.0);
    assert_eq!(x.dimensions[1].n, Some(5));
}

/// Writes a CSV and scores it with the small rubric.
fn score_csv(csv: &str, opts: ScoreOptions) -> Scores {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    std::fs::write(&path, csv).unwrap();
    score_file(&fixture_rubric(), &path, &opts).unwrap()
}

#[test]
fn hand_computed_reverse_keying_weights_and_half_rule() {
    // Dimension A: a1 (weight 2), a2 (weight 1), a3 (reverse, weight 1).
    // r1: a1=5 -> 100, a2=3 -> 50, a3=2 -> 100-25 = 75;
    //     (2*100 + 50 + 75) / 4 = 81.25
    // r2: a1=1 -> 0, a2 missing, a3=5 -> 0;  answered 2 of 3 (>= half): 0
    // r3: a1 only answered: 1 of 3 < half -> no score for A.
    // r4: a1=a2=a3=3 -> 50 each, a3 reversed 50: (2*50 + 50 + 50) / 4 = 50.
    // B (b1 1-5, b2 0-10): r1 b1=4 -> 75, b2=10 -> 100: 87.5; r2 b2=5 -> 50
    //     (1 of 2 = half): 50; r3: b1=3 -> 50, b2=0 -> 0: 25; r4: none.
    let s = score_csv(
        "id,team,a1,a2,a3,b1,b2\n1,X,5,3,2,4,10\n2,X,1,,5,,5\n3,X,4,,,3,0\n4,X,3,3,3,,\n",
        ScoreOptions::default(),
    );
    let a = &dim(&s, "a").stats;
    assert_eq!(a.n, Some(3));
    close(a.score, (81.25 + 0.0 + 50.0) / 3.0);
    let b = &dim(&s, "b").stats;
    assert_eq!(b.n, Some(3));
    close(b.score, (87.5 + 50.0 + 25.0) / 3.0);
    // Overall: dimension weights 2 (A) and 1 (B).
    close(
        s.overall.score,
        (2.0 * (131.25 / 3.0) + (87.5 + 50.0 + 25.0) / 3.0) / 3.0,
    );
}

#[test]
fn hand_computed_ci_uses_student_t() {
    // Five respondents answering a1 and a2 alike: scores 100, 75, 50, 50, 25
    // on A. Mean 60; sd = sqrt((40² + 15² + 10² + 10² + 35²) / 4) =
    // sqrt(812.5) = 28.504385627478448; t(0.975, 4) = 2.7764451051977934
    // (scipy.stats.t.ppf; tables: 2.776); half-width = t * sd / sqrt(5).
    let s = score_csv(
        "id,team,a1,a2\n1,X,5,5\n2,X,4,4\n3,X,3,3\n4,X,3,3\n5,X,2,2\n",
        ScoreOptions::default(),
    );
    let a = &dim(&s, "a").stats;
    close(a.score, 60.0);
    close(a.sd, 812.5f64.sqrt());
    let ci = a.ci95.unwrap();
    assert!((ci[0] - 24.6071305754432).abs() < 1e-9, "{ci:?}");
    assert!((ci[1] - 95.3928694245568).abs() < 1e-9, "{ci:?}");
    // Only a1 and a2 have columns: the half rule counts the questions the
    // file has, and the missing columns are listed.
    assert!(!dim(&s, "b").measured);
    assert_eq!(dim(&s, "b").stats.score, None);
}

#[test]
fn ci_is_cut_to_the_score_range() {
    // Three respondents: scores 100, 50, 0; mean 50, sd 50, n 3. With 2
    // degrees of freedom t has a closed form, t = (2p - 1) / sqrt(2p(1 - p)),
    // so t(0.975, 2) = 0.95 / sqrt(0.04875) = 4.302652729749462 and the
    // half-width 4.3027 * 50 / sqrt(3) = 124.2 runs past both ends: a mean of
    // 0-100 scores cannot, so the interval is cut to 0-100.
    let s = score_csv(
        "id,team,a1,a2\n1,X,5,5\n2,X,3,3\n3,X,1,1\n",
        ScoreOptions::default(),
    );
    let a = &dim(&s, "a").stats;
    close(a.sd, 50.0);
    assert_eq!(a.ci95, Some([0.0, 100.0]));
}

#[test]
fn labels_and_missing_labels() {
    // "Agree" = 4 -> 75; "strongly AGREE" = 5 -> 100; "Not sure" / "N/A" are
    // not answered, so r2 has only a1 and a2 on A.
    let s = score_csv(
        "id,team,a1,a2,a3\n1,X,Agree,strongly AGREE,Not sure\n2,X,N/A,Agree,Strongly disagree\n3,X,3,3,3\n",
        ScoreOptions::default(),
    );
    let a = &dim(&s, "a").stats;
    // r1: (2*75 + 100) / 3 = 83.333...; r2: a2 = 75, a3 = 1 reversed = 100:
    // (75 + 100) / 2 = 87.5; r3: (2*50 + 50 + 50) / 4 = 50.
    close(a.score, (250.0 / 3.0 + 87.5 + 50.0) / 3.0);
    assert!(s
        .issues
        .iter()
        .all(|i| !matches!(i, mlbizops::survey::Issue::UnreadableCell { .. })));
}

#[test]
fn too_few_respondents_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    std::fs::write(&path, "id,team,a1,a2\n1,X,5,5\n2,X,3,3\n").unwrap();
    let err = score_file(&fixture_rubric(), &path, &ScoreOptions::default()).unwrap_err();
    assert!(err.to_string().contains("only 2 respondent(s)"), "{err}");
}

#[test]
fn grid_headers_from_survey_tools_match_their_statements() {
    // The same three respondents as `labels_and_missing_labels`, with
    // headers as Google Forms writes a grid ("Title [Row]"), as Microsoft
    // Forms joins a Likert statement to its title ("Title.Statement") and as
    // Qualtrics names a matrix row ("Title-Statement"): identical scores.
    let rows = "1,X,Agree,strongly AGREE,Not sure\n2,X,N/A,Agree,Strongly disagree\n3,X,3,3,3\n";
    let plain = score_csv(
        &format!("id,team,a1,a2,a3\n{rows}"),
        ScoreOptions::default(),
    );
    for header in [
        "id,team,How often? [We do the first thing.],How often? [We do the second thing.],How often? [We often skip the third thing.]",
        "id,team,Practices.We do the first thing.,Practices.We do the second thing.,Practices.We often skip the third thing.",
        "id,team,Practices-We do the first thing.,Practices-We do the second thing.,Practices-We often skip the third thing.",
    ] {
        let s = score_csv(&format!("{header}\n{rows}"), ScoreOptions::default());
        assert!(dim(&s, "a").questions.iter().all(|q| q.measured), "{header}");
        close(dim(&s, "a").stats.score, dim(&plain, "a").stats.score.unwrap());
    }
}
