//! Deterministic generator of `examples/acme/`: the Acme Analytics
//! workspace with four quarterly waves (2025-Q4 to 2026-Q3).
//!
//! ```sh
//! cargo run --example generate_workspace      # rewrites examples/acme/
//! ```
//!
//! The movement is the kind leaders ask about: steady progress in prompt
//! engineering and retrieval, a stall in data quality, a drop in the
//! product team after a reorganisation in 2026-Q2, and participation that
//! differs by team. From 2026-Q1 on, the survey also asks the outcome items
//! (value from LLMs), whose answers follow data quality and the organization
//! dimension in the 2026.1 waves (evaluation and data quality in 2026-Q3, see
//! `common/acme.rs`) and rise a little each wave. The questionnaire was revised twice: 2025.4 (the first
//! wave) to 2026.1 (one prompting question replaced), and 2026.1 to the
//! built-in 2027.1 for the last wave, whose data (`common/acme.rs`) is also
//! the single-file example `examples/acme-2026-q3.csv`.
//!
//! The rubrics of the earlier waves are history: `rubrics/llm-adoption-2025.toml`
//! (2025.4) and `rubrics/llm-adoption-2026.toml` (2026.1), with the
//! bibliography they cite, `rubrics/papers-2026.toml`, are read from the
//! workspace as committed. `rubrics/llm-adoption.toml` and `rubrics/papers.toml`
//! are written from the built-in rubric and bibliography.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mlbizops::rubric::{self, Rubric};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;
#[path = "common/acme.rs"]
mod acme;

#[path = "common/comments.rs"]
mod comments;

/// The waves before the last. Team, people invited, share who answer,
/// readiness per dimension in the first wave (prompting, finetuning,
/// alignment, retrieval, efficiency, data, mlbizops).
const TEAMS: [(&str, u32, f64, [f64; 7]); 7] = [
    (
        "Platform",
        60,
        0.85,
        [0.45, 0.69, 0.32, 0.67, 0.78, 0.55, 0.50],
    ),
    (
        "Customer Support",
        58,
        0.72,
        [0.38, 0.39, 0.35, 0.84, 0.37, 0.45, 0.46],
    ),
    (
        "Product",
        56,
        0.80,
        [0.45, 0.49, 0.38, 0.69, 0.42, 0.42, 0.58],
    ),
    (
        "Data Science",
        44,
        0.88,
        [0.54, 0.75, 0.42, 0.74, 0.56, 0.70, 0.48],
    ),
    (
        "Sales",
        52,
        0.50,
        [0.26, 0.27, 0.18, 0.54, 0.27, 0.28, 0.35],
    ),
    (
        "Legal",
        16,
        0.80,
        [0.16, 0.21, 0.23, 0.48, 0.22, 0.34, 0.38],
    ),
    (
        "Security",
        6,
        0.60,
        [0.28, 0.39, 0.48, 0.64, 0.42, 0.52, 0.62],
    ),
];
const WAVES: [(&str, &str); 4] = [
    ("2025-Q4", "2025-12-12"),
    ("2026-Q1", "2026-03-20"),
    ("2026-Q2", "2026-06-19"),
    ("2026-Q3", "2026-09-25"),
];
/// Change per wave, per dimension: prompting and retrieval climb, data
/// quality stalls, the rest drift up slowly.
const DRIFT: [f64; 7] = [0.08, 0.04, 0.04, 0.08, 0.04, 0.0, 0.04];

fn write(path: &Path, text: &str) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

fn survey(rng: &mut Rng, r: &Rubric, wave: usize) -> (String, Vec<(String, u32)>) {
    let mut out = String::from("respondent_id,team,role");
    for (_, q) in r.asked() {
        let _ = write!(out, ",{}", q.id);
    }
    // The outcome answers' own generator, so that adding them left every
    // other answer as it was.
    let mut orng = Rng(0x0018_0000 + wave as u64);
    out.push('\n');
    let mut invited = Vec::new();
    let mut n = 0;
    for (team, people, share, profile) in TEAMS {
        invited.push((team.to_string(), people));
        for _ in 0..people {
            if rng.unit() > share {
                continue;
            }
            n += 1;
            let _ = write!(
                out,
                "W{wave}-{n:03},{team},{}",
                acme::pick(rng, &acme::ROLES)
            );
            let mut value = 0.0;
            for (di, d) in r.dimensions.iter().enumerate() {
                let mut level = profile[di] + DRIFT[di] * wave as f64;
                // The product team was reorganised before 2026-Q2.
                if team == "Product" && wave == 2 {
                    level -= 0.14;
                }
                let person = level + 0.12 * rng.normal();
                if matches!(d.id.as_str(), "data" | "mlbizops") {
                    value += 0.5 * person;
                }
                for (qi, q) in d.questions.iter().enumerate() {
                    let difficulty = ((qi * 7 + di * 3) % 9) as f64 / 40.0 - 0.1;
                    let x = (person - difficulty + 0.16 * rng.normal()).clamp(0.0, 1.0);
                    let points = q.scale.points() as i64;
                    let mut p = (x * (points - 1) as f64).round() as i64;
                    if q.reverse {
                        p = points - 1 - p;
                    }
                    let roll = rng.unit();
                    out.push(',');
                    if roll < 0.03 {
                        continue;
                    } else if roll < 0.04 {
                        out.push_str("Not sure");
                    } else {
                        let _ = write!(out, "{}", q.scale.min + p);
                    }
                }
            }
            outcome(&mut out, &mut orng, r, value + 0.03 * wave as f64);
            out.push('\n');
        }
    }
    (out, invited)
}

/// The outcome items' cells of a person whose planted value is `value`
/// (0-1), when the wave's rubric asks them.
fn outcome(out: &mut String, rng: &mut Rng, r: &Rubric, value: f64) {
    let Some(o) = &r.outcome else {
        return;
    };
    let person = value + 0.1 * rng.normal();
    for q in &o.questions {
        let x = (person + 0.08 + 0.15 * rng.normal()).clamp(0.0, 1.0);
        let p = (x * (q.scale.points() - 1) as f64).round() as i64;
        out.push(',');
        if rng.unit() >= 0.03 {
            let _ = write!(out, "{}", q.scale.min + p);
        }
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/acme"));
    let history = |name: &str| {
        let path = dir.join("rubrics").join(name);
        rubric::load(Some(&path))
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
            .rubric
    };
    let r2025 = history("llm-adoption-2025.toml");
    let r2026 = history("llm-adoption-2026.toml");
    let new = rubric::load(None).expect("built-in rubric").rubric;
    // The workspace's copy of the built-in rubric names its bibliography, so
    // the example keeps reading 2027.1 when the built-in rubric moves on.
    let version = format!("version = \"{}\"\n", new.version);
    assert!(rubric::BUILTIN_TEXT.contains(&version));
    write(
        &dir.join("rubrics/llm-adoption.toml"),
        &rubric::BUILTIN_TEXT.replacen(
            &version,
            &format!("{version}bibliography = \"papers.toml\"\n"),
            1,
        ),
    );
    write(
        &dir.join("rubrics/papers.toml"),
        mlbizops::bibliography::BUILTIN_TEXT,
    );
    let mut manifest = format!(
        "# Acme Analytics: quarterly LLM-readiness surveys, oldest wave first.\n\
         # Generated by `cargo run --example generate_workspace`.\n\n\
         [assessment]\norganization = \"Acme Analytics\"\n\
         # Rubric {} (a copy of the built-in one); earlier waves name their own.\n\
         rubric = \"rubrics/llm-adoption.toml\"\n",
        new.version
    );
    let seed = std::env::var("SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let mut rng = Rng(seed);
    for (i, (label, date)) in WAVES.iter().enumerate() {
        let (csv, invited, rubric_file) = match i {
            0 => {
                let (csv, inv) = survey(&mut rng, &r2025, i);
                (csv, inv, Some("rubrics/llm-adoption-2025.toml"))
            }
            1 | 2 => {
                let (csv, inv) = survey(&mut rng, &r2026, i);
                (csv, inv, Some("rubrics/llm-adoption-2026.toml"))
            }
            _ => {
                // The last wave: the single-file example's data, byte for byte.
                assert_eq!((*label, *date), (acme::LABEL, acme::DATE));
                let rows = acme::rows(&new);
                let inv = acme::TEAMS.iter().map(|t| (t.0.to_string(), t.1)).collect();
                (acme::plain_csv(&new, &rows), inv, None)
            }
        };
        write(&dir.join(format!("surveys/{label}.csv")), &csv);
        let _ = write!(manifest, "\n[[wave]]\nlabel = \"{label}\"\ndate = \"{date}\"\nresponses = \"surveys/{label}.csv\"\n");
        if let Some(f) = rubric_file {
            let _ = writeln!(manifest, "rubric = \"{f}\"");
        }
        let inv: Vec<String> = invited
            .iter()
            .map(|(t, n)| format!("\"{t}\" = {n}"))
            .collect();
        let _ = writeln!(manifest, "invited = {{ {} }}", inv.join(", "));
    }
    // Leadership's commitments: one reached, one open, one by a score.
    manifest.push_str(
        "\n# Targets leadership set: a level or a score for a dimension, by a wave.\n\
         [[target]]\ndimension = \"retrieval\"\nlevel = \"Scaling\"\nby = \"2026-Q3\"\n\n\
         [[target]]\ndimension = \"evaluation\"\nlevel = \"Scaling\"\nby = \"2027-Q2\"\n\n\
         [[target]]\ndimension = \"data\"\nscore = 60\nby = \"2027-Q1\"\n",
    );
    write(&dir.join("mlbizops.toml"), &manifest);
    eprintln!("wrote the workspace in {}", dir.display());
}
