//! Workspaces and change between waves. Expected statistics come from scipy
//! 1.17.1 (`scipy.stats.ttest_ind(..., equal_var=False)` on the scores of
//! tests/fixtures/workspace/w1.csv and w2.csv, and
//! `ttest_ind_from_stats` for the summary-statistic cases), and Cohen's d
//! from its textbook formula with the pooled standard deviation, computed in
//! numpy; the script is in the comments of each test.

use std::path::Path;

use assert_cmd::Command;
use mlbizops::trend::{self, Sample, Verdict};

const TOL: f64 = 1e-9;

fn mlbizops() -> Command {
    let mut c = Command::cargo_bin("mlbizops").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn welch_t_test_matches_scipy() {
    // ttest_ind_from_stats(56, 15, 35, 50, 12, 40, equal_var=False):
    // t = 1.8946618668626836, p = 0.06258849371879456; Welch-Satterthwaite
    // df = 64.97780211991365.
    let a = Sample {
        n: 40,
        mean: 50.0,
        sd: 12.0,
    };
    let b = Sample {
        n: 35,
        mean: 56.0,
        sd: 15.0,
    };
    let (t, df, p) = trend::welch(a, b).unwrap();
    assert!((t - 1.8946618668626836).abs() < TOL, "{t}");
    assert!((df - 64.97780211991365).abs() < 1e-9, "{df}");
    assert!((p - 0.06258849371879456).abs() < 1e-9, "{p}");
    let a = Sample {
        n: 200,
        mean: 48.0,
        sd: 18.0,
    };
    let b = Sample {
        n: 210,
        mean: 47.2,
        sd: 17.5,
    };
    let (t, df, p) = trend::welch(a, b).unwrap();
    assert!((t - -0.4559656898727054).abs() < TOL);
    assert!((df - 405.5920862709803).abs() < 1e-9);
    assert!((p - 0.6486586843745822).abs() < 1e-9);
}

#[test]
fn cohen_d_uses_the_pooled_sd() {
    // sqrt(((n1-1) s1² + (n2-1) s2²) / (n1+n2-2)) pooled:
    // (56 - 50) / 13.4808... = 0.4450847189644135.
    let a = Sample {
        n: 40,
        mean: 50.0,
        sd: 12.0,
    };
    let b = Sample {
        n: 35,
        mean: 56.0,
        sd: 15.0,
    };
    assert!((trend::cohen_d(a, b).unwrap() - 0.4450847189644135).abs() < TOL);
    let a = Sample {
        n: 200,
        mean: 48.0,
        sd: 18.0,
    };
    let b = Sample {
        n: 210,
        mean: 47.2,
        sd: 17.5,
    };
    assert!((trend::cohen_d(a, b).unwrap() - -0.045081514936968194).abs() < TOL);
}

#[test]
fn changes_are_worded_for_leaders() {
    let a = Sample {
        n: 100,
        mean: 50.0,
        sd: 10.0,
    };
    let up = trend::change(
        8.0,
        a,
        Sample {
            n: 100,
            mean: 58.0,
            sd: 10.0,
        },
        false,
    );
    assert_eq!(up.verdict, Verdict::Improved);
    assert_eq!(up.words, "improved, clear change (large effect)");
    let down = trend::change(
        -3.0,
        a,
        Sample {
            n: 100,
            mean: 47.0,
            sd: 10.0,
        },
        false,
    );
    assert_eq!(down.words, "declined, clear change (small effect)");
    let flat = trend::change(
        1.0,
        a,
        Sample {
            n: 100,
            mean: 51.0,
            sd: 10.0,
        },
        false,
    );
    assert_eq!(flat.words, "no clear change");
    assert_eq!(trend::signed(-2.4), "−2");
    assert_eq!(trend::signed(3.6), "+4");
}

/// The fixture workspace's report, as JSON.
/// Runs `report ARGS --out TMP` and returns the text of TMP/`file`.
fn report_file(args: &[&str], file: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    let r = mlbizops()
        .arg("report")
        .args(args)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    std::fs::read_to_string(out.path().join(file)).unwrap()
}

fn fixture_report() -> serde_json::Value {
    let text = report_file(
        &["tests/fixtures/workspace", "--format", "json"],
        "report.json",
    );
    serde_json::from_str(&text).unwrap()
}

fn dim<'v>(h: &'v serde_json::Value, id: &str) -> &'v serde_json::Value {
    h["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap()
}

#[test]
fn a_changed_dimension_is_compared_on_the_questions_both_waves_asked() {
    let m = fixture_report();
    let h = &m["history"];
    assert_eq!(m["survey_label"], "2026-Q1");
    assert_eq!(m["organization"], "Test Org");
    assert_eq!(h["previous"], "2025-Q4");
    // Dimension a: a2 (2025) became a3 (2026); only a1 is shared. a1 scores
    // (v - 1) * 25: wave 1 mean 70.4545..., wave 2 78.3333...; scipy Welch
    // t = 0.8320114105204451, p = 0.4148600218809907; d = 0.33398413582153386.
    let a = &dim(h, "a")["since_previous"];
    assert!(
        (a["delta"].as_f64().unwrap() - 7.878787878787875).abs() < 1e-9,
        "{a}"
    );
    assert!((a["t"].as_f64().unwrap() - 0.8320114105204451).abs() < 1e-9);
    assert!((a["p"].as_f64().unwrap() - 0.4148600218809907).abs() < 1e-9);
    assert!((a["cohen_d"].as_f64().unwrap() - 0.33398413582153386).abs() < 1e-9);
    assert_eq!(a["shared_questions_only"], true);
    assert_eq!(a["words"], "no clear change");
    assert_eq!(
        dim(h, "a")["note"],
        "compared on the questions both waves asked"
    );
    // Dimension b: the same question in both; t = -0.7779107142019048,
    // p = 0.4487743498057641.
    let b = &dim(h, "b")["since_previous"];
    assert!((b["t"].as_f64().unwrap() - -0.7779107142019048).abs() < 1e-9);
    assert!((b["p"].as_f64().unwrap() - 0.4487743498057641).abs() < 1e-9);
    assert_eq!(b["shared_questions_only"], false);
}

#[test]
fn a_dimension_new_in_this_wave_is_not_comparable() {
    let m = fixture_report();
    let c = dim(&m["history"], "c");
    assert!(c["since_previous"].is_null(), "{c}");
    assert_eq!(c["note"], "not comparable: 2025-Q4 has no such dimension");
    // It is scored in this wave all the same, and is no drop to zero:
    // c1 = 4 (75) for ten respondents and 3 (50) for five: 1000 / 15.
    let this = m["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "c")
        .unwrap();
    assert!((this["score"].as_f64().unwrap() - 1000.0 / 15.0).abs() < 1e-9);
    let waves = m["history"]["waves"].as_array().unwrap();
    assert!(
        waves[0]["dimensions"][2].is_null(),
        "no value for c in 2025-Q4"
    );
}

#[test]
fn groups_hidden_in_either_wave_show_no_change() {
    let m = fixture_report();
    let groups = m["history"]["groups"].as_array().unwrap();
    // 2025-Q4: Y has 1 respondent (< 3), so Y and the next-smallest, X, are
    // hidden; only Z is shown in both waves.
    let names: Vec<&str> = groups
        .iter()
        .map(|g| g["value"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Z"]);
    // Z on a (a1 only): 2,3,4,3,4 -> 5,5,4,5,5; delta 40; scipy Welch
    // t = 3.7712361663282534, p = 0.008959014403392149: a clear change.
    let za = &groups[0]["dimensions"][0];
    assert!((za["delta"].as_f64().unwrap() - 40.0).abs() < 1e-9);
    assert!((za["p"].as_f64().unwrap() - 0.008959014403392149).abs() < 1e-9);
    assert_eq!(za["words"], "improved, clear change (large effect)");
    // And the JSON says nothing about X or Y changing.
    let text = m["history"]["groups"].to_string();
    assert!(!text.contains("\"X\"") && !text.contains("\"Y\""));
}

#[test]
fn participation_per_invited_team() {
    let m = fixture_report();
    let p = m["history"]["participation"].as_array().unwrap();
    let row = |t: &str| p.iter().find(|x| x["team"] == t).unwrap();
    // 2026-Q1: X 5 of 10 (50%, low), Y 5 of 8 (62.5%), Z 5 of 5.
    assert_eq!(row("X")["text"], "5 of 10 (50%)");
    assert_eq!(row("X")["low"], true);
    assert_eq!(row("Y")["text"], "5 of 8 (63%)");
    assert_eq!(row("Y")["low"], false);
    assert_eq!(row("Z")["text"], "5 of 5 (100%)");
}

#[test]
fn wave_option_picks_an_earlier_wave_and_rejects_unknown_ones() {
    let out = tempfile::tempdir().unwrap();
    let r = mlbizops()
        .args([
            "report",
            "tests/fixtures/workspace/mlbizops.toml",
            "--wave",
            "2025-Q4",
            "--format",
            "json",
            "--out",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(m["survey_label"], "2025-Q4");
    assert_eq!(m["history"]["waves"].as_array().unwrap().len(), 1);
    assert!(m["history"]["previous"].is_null());
    let r = mlbizops()
        .args(["score", "tests/fixtures/workspace", "--wave", "2027-Q9"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr)
        .contains("no wave labelled \"2027-Q9\" (waves: 2025-Q4, 2026-Q1)"));
}

#[test]
fn manifest_mistakes_are_all_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mlbizops.toml"),
        "[assessment]\norganisation = \"Typo\"\n\n[[wave]]\nlabel = \"Q1\"\n\n[[wave]]\nlabel = \"Q1\"\nresponses = \"x.csv\"\ninvited = { \"A\" = \"ten\" }\ninput_format = \"qualtrix\"\n",
    )
    .unwrap();
    let r = mlbizops().arg("score").arg(dir.path()).output().unwrap();
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("unknown key `assessment.organisation`"),
        "{err}"
    );
    assert!(err.contains("did you mean `organization`?"), "{err}");
    assert!(
        err.contains("missing required key `responses` in `[[wave]]`"),
        "{err}"
    );
    assert!(err.contains("duplicate wave label \"Q1\""), "{err}");
    assert!(
        err.contains("`invited.A` must be a positive whole number"),
        "{err}"
    );
    // And the survey file it names does not exist.
    assert!(err.contains("no survey file at"), "{err}");
    assert!(err.contains("x.csv"), "{err}");
    assert!(
        err.contains("unknown input_format \"qualtrix\"; expected one of: auto, plain"),
        "{err}"
    );
    assert!(err.contains("error: 6 error(s)"), "{err}");
}

#[test]
fn a_wave_names_its_input_format_and_the_command_line_overrides_it() {
    // The Google Forms example read as `plain` (its Timestamp column is
    // then simply ignored) and as `qualtrics`, which it is not.
    let dir = tempfile::tempdir().unwrap();
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme-2026-q3-google-forms.csv");
    std::fs::copy(&example, dir.path().join("q3.csv")).unwrap();
    std::fs::write(
        dir.path().join("mlbizops.toml"),
        "[[wave]]\nlabel = \"Q3\"\nresponses = \"q3.csv\"\ninput_format = \"plain\"\n",
    )
    .unwrap();
    let r = mlbizops()
        .args(["score", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["input"]["layout"], "plain");
    assert_eq!(
        v["input"]["layout_description"],
        "plain CSV, 1 header row, as given"
    );
    let r = mlbizops()
        .args(["score", "--format", "json", "--input-format", "qualtrics"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("the input format given, `qualtrics`, expects a Qualtrics export"),
        "{err}"
    );
    assert!(
        err.contains("this file looks like a Google Forms responses sheet"),
        "{err}"
    );
}

#[test]
fn init_then_three_reports_as_a_new_user_would() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("acme");
    let r = mlbizops().arg("init").arg(&ws).output().unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(ws.join("mlbizops.toml").is_file());
    assert!(ws.join("rubrics/llm-adoption.toml").is_file());
    assert!(ws.join("surveys").is_dir());
    // The copied rubric checks clean.
    let c = mlbizops()
        .arg("check")
        .arg(ws.join("rubrics/llm-adoption.toml"))
        .output()
        .unwrap();
    assert_eq!(c.status.code(), Some(0));
    // A second init refuses and changes nothing.
    let again = mlbizops().arg("init").arg(&ws).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    // With no wave yet, report says what to do.
    let none = mlbizops().arg("report").arg(&ws).output().unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("the workspace lists no survey wave"));
    // Three quarters, each added as the README says: the example survey is
    // the export each time.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme-2026-q3.csv");
    let mut manifest = std::fs::read_to_string(ws.join("mlbizops.toml")).unwrap();
    for (i, label) in ["2026-Q1", "2026-Q2", "2026-Q3"].iter().enumerate() {
        std::fs::copy(&example, ws.join(format!("surveys/{label}.csv"))).unwrap();
        manifest.push_str(&format!(
            "\n[[wave]]\nlabel = \"{label}\"\nresponses = \"surveys/{label}.csv\"\n"
        ));
        std::fs::write(ws.join("mlbizops.toml"), &manifest).unwrap();
        let out = tmp.path().join(format!("out{i}"));
        let r = mlbizops()
            .arg("report")
            .arg(&ws)
            .args(["--format", "json,html", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(
            r.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap())
                .unwrap();
        assert_eq!(m["survey_label"], *label);
        assert_eq!(m["history"]["waves"].as_array().unwrap().len(), i + 1);
        if i > 0 {
            // The same answers every quarter: nothing changed.
            assert_eq!(m["history"]["overall"]["since_previous"]["delta"], 0.0);
            let since = m["history"]["since_last"].as_str().unwrap();
            assert!(since.contains("no clear change in the"), "{since}");
            let html = std::fs::read_to_string(out.join("report.html")).unwrap();
            assert!(html.contains("Scores across waves"));
        }
    }
}

#[test]
fn markdown_of_the_first_wave_shows_participation_without_a_change() {
    // The first wave has no previous one, but its participation is known
    // (`invited` in the manifest); the HTML and PDF show it, and so must the
    // Markdown. Sales: 24 of 52 invited answered in 2025-Q4 (46%, low).
    let md = report_file(
        &["examples/acme", "--wave", "2025-Q4", "--format", "md"],
        "report.md",
    );
    assert!(md.contains("\nParticipation: "), "{md}");
    assert!(md.contains("Sales 24 of 52 (46%) (low)"), "{md}");
    assert!(!md.contains("Since the last survey"), "{md}");
}

/// A manifest that came with a shared folder named a file outside it
/// (`../../etc/passwd`), and the error quoted that file's first line. Files
/// outside the workspace are read only with --allow-outside-workspace.
#[test]
fn a_manifest_reads_only_inside_its_workspace() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    std::fs::create_dir(&ws).unwrap();
    let survey = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme-2026-q3.csv");
    std::fs::copy(&survey, root.path().join("secret.csv")).unwrap();
    std::fs::write(
        ws.join("mlbizops.toml"),
        "[[wave]]\nlabel = \"a\"\nresponses = \"../secret.csv\"\n",
    )
    .unwrap();
    let out = mlbizops().args(["score"]).arg(&ws).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("outside the workspace folder"), "{err}");
    assert!(!err.contains("respondent_id"), "{err}");
    let out = mlbizops()
        .args(["score", "--format", "json", "--allow-outside-workspace"])
        .arg(&ws)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The overall change's figure and its verdict are about the same score.
/// Here the overall score rises (more than 20 points) while respondents'
/// own overall scores fall, because many in the second wave answered only
/// one dimension, and that one low: the report said "+22, declined".
#[test]
fn the_overall_change_and_its_verdict_agree() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("tests/fixtures/privacy/rubric.toml"),
        dir.path().join("rubric.toml"),
    )
    .unwrap();
    let header = "id,team,dept,a1,a2,a3,b1,b2,c1,c2\n";
    let mut w1 = String::from(header);
    let mut w2 = String::from(header);
    for i in 0..60 {
        let hi = if i % 2 == 0 { "5" } else { "4" };
        let lo = if i % 2 == 0 { "1" } else { "2" };
        let mid = if i % 2 == 0 { "3" } else { "4" };
        // Reverse-keyed a3: a low answer is a high score.
        w1.push_str(&format!("p{i},T,D,{hi},{hi},{lo},{lo},{lo},{lo},{lo}\n"));
        w2.push_str(&format!(
            "q{i},T,D,{hi},{hi},{lo},{mid},{mid},{mid},{mid}\n"
        ));
    }
    for i in 0..200 {
        let lo = if i % 2 == 0 { "1" } else { "2" };
        w2.push_str(&format!("r{i},T,D,,,,{lo},{lo},,\n"));
    }
    std::fs::write(dir.path().join("w1.csv"), w1).unwrap();
    std::fs::write(dir.path().join("w2.csv"), w2).unwrap();
    std::fs::write(
        dir.path().join("mlbizops.toml"),
        "[assessment]\nrubric = \"rubric.toml\"\n\n[[wave]]\nlabel = \"1\"\nresponses = \"w1.csv\"\n\n[[wave]]\nlabel = \"2\"\nresponses = \"w2.csv\"\n",
    )
    .unwrap();
    let text = report_file(
        &["--format", "json", dir.path().to_str().unwrap()],
        "report.json",
    );
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let c = &report["history"]["overall"]["since_previous"];
    let delta = c["delta"].as_f64().unwrap();
    assert!(delta > 20.0, "{c}");
    assert_ne!(c["verdict"], "declined", "{c}");
    // Each group's verdict agrees with its figure too.
    for g in report["history"]["groups"].as_array().unwrap() {
        let c = &g["overall"];
        if let Some(d) = c["delta"].as_f64() {
            let v = c["verdict"].as_str().unwrap();
            assert!(
                !(d > 0.0 && v == "declined" || d < 0.0 && v == "improved"),
                "{g}"
            );
        }
    }
}

/// The README shows the Acme survey of 2026-Q3 twice: the single file
/// `examples/acme-2026-q3.csv` and the workspace's last wave. They are one
/// data set, and the workspace's waves follow the rubric's revisions
/// 2025.4 → 2026.1 → 2026.1 → 2027.1 (the last one the built-in rubric's).
#[test]
fn the_single_file_example_is_the_workspaces_last_wave() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let single = std::fs::read(root.join("examples/acme-2026-q3.csv")).unwrap();
    let wave = std::fs::read(root.join("examples/acme/surveys/2026-Q3.csv")).unwrap();
    assert!(single == wave, "the two Acme 2026-Q3 files differ");

    let text = report_file(&["examples/acme", "--format", "json"], "report.json");
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    let builtin = mlbizops::rubric::load(None).unwrap().rubric;
    assert_eq!(report["rubric"]["version"], builtin.version.as_str());
    let workspace =
        mlbizops::workspace::load(&root.join("examples/acme/mlbizops.toml"), false).unwrap();
    let versions: Vec<String> = workspace
        .waves
        .iter()
        .map(|w| {
            mlbizops::rubric::load(workspace.rubric_of(w).as_deref())
                .unwrap()
                .rubric
                .version
        })
        .collect();
    assert_eq!(
        versions,
        ["2025.4", "2026.1", "2026.1", builtin.version.as_str()]
    );
}
