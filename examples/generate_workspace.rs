//! Deterministic generator of `examples/acme/`: the Acme Analytics
//! workspace with four quarterly waves (2025-Q4 to 2026-Q3).
//!
//! ```sh
//! cargo run --example generate_workspace      # rewrites examples/acme/
//! ```
//!
//! The movement is the kind leaders ask about: steady progress in prompt
//! engineering and retrieval, a stall in data quality, a drop in the
//! product team after a reorganisation in the last quarter, a rubric
//! revision after the first two waves (one prompting question replaced),
//! and participation that differs by team.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mlbizops::rubric::{self, Rubric};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

/// Team, people invited, share who answer, readiness per dimension in the
/// first wave (prompting, finetuning, alignment, retrieval, efficiency,
/// data, mlbizops).
const TEAMS: [(&str, u32, f64, [f64; 7]); 7] = [
    (
        "Platform",
        60,
        0.85,
        [0.55, 0.58, 0.42, 0.45, 0.74, 0.55, 0.50],
    ),
    (
        "Customer Support",
        58,
        0.72,
        [0.48, 0.28, 0.45, 0.62, 0.33, 0.45, 0.46],
    ),
    (
        "Product",
        56,
        0.80,
        [0.55, 0.38, 0.48, 0.47, 0.38, 0.42, 0.58],
    ),
    (
        "Data Science",
        44,
        0.88,
        [0.64, 0.64, 0.52, 0.52, 0.52, 0.70, 0.48],
    ),
    (
        "Sales",
        52,
        0.50,
        [0.36, 0.16, 0.28, 0.32, 0.23, 0.28, 0.35],
    ),
    (
        "Legal",
        16,
        0.80,
        [0.26, 0.10, 0.33, 0.26, 0.18, 0.34, 0.38],
    ),
    (
        "Security",
        6,
        0.60,
        [0.38, 0.28, 0.58, 0.42, 0.38, 0.52, 0.62],
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
const ROLES: [&str; 4] = ["Engineer", "Analyst", "Manager", "Specialist"];

/// The rubric of the first two waves: the current one with the question on
/// re-testing prompts after model upgrades not yet asked, and an older
/// question on documenting prompts that was dropped in 2026-Q2.
fn old_rubric_text() -> String {
    let text = rubric::BUILTIN_TEXT;
    let old = "[[dimension.question]]\nid = \"prompting.model_upgrade_retest\"\ntext = \"When the underlying model version changes, we re-run our prompt tests before switching over.\"\n";
    assert!(
        text.contains(old),
        "the built-in rubric changed; update the generator"
    );
    text.replace(
        old,
        "[[dimension.question]]\nid = \"prompting.prompt_docs\"\ntext = \"Each production prompt has a short note saying what it is for and who owns it.\"\n",
    )
    .replace("version = \"2026.1\"", "version = \"2025.4\"")
}

fn write(path: &Path, text: &str) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn survey(rng: &mut Rng, r: &Rubric, wave: usize) -> (String, Vec<(String, u32)>) {
    let mut out = String::from("respondent_id,team,role");
    for (_, q) in r.questions() {
        let _ = write!(out, ",{}", q.id);
    }
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
                ROLES[(rng.next() % 4) as usize]
            );
            for (di, d) in r.dimensions.iter().enumerate() {
                let mut level = profile[di] + DRIFT[di] * wave as f64;
                // The product team was reorganised before the last wave.
                if team == "Product" && wave == 3 {
                    level -= 0.14;
                }
                let person = level + 0.12 * rng.normal();
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
                        let _ = write!(out, "{}", csv_field(&(q.scale.min + p).to_string()));
                    }
                }
            }
            out.push('\n');
        }
    }
    (out, invited)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/acme"));
    let old_text = old_rubric_text();
    let old = rubric::load_str("llm-adoption-2025.toml", &old_text, None)
        .expect("old rubric")
        .rubric;
    let new = rubric::load(None).expect("built-in rubric").rubric;
    write(&dir.join("rubrics/llm-adoption.toml"), rubric::BUILTIN_TEXT);
    write(&dir.join("rubrics/llm-adoption-2025.toml"), &old_text);
    write(
        &dir.join("rubrics/papers.toml"),
        mlbizops::bibliography::BUILTIN_TEXT,
    );
    let mut manifest = String::from(
        "# Acme Analytics: quarterly LLM-readiness surveys, oldest wave first.\n\
         # Generated by `cargo run --example generate_workspace`.\n\n\
         [assessment]\norganization = \"Acme Analytics\"\nrubric = \"rubrics/llm-adoption.toml\"\n",
    );
    let seed = std::env::var("SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let mut rng = Rng(seed);
    for (i, (label, date)) in WAVES.iter().enumerate() {
        // The first two waves used the 2025 questionnaire.
        let r = if i < 2 { &old } else { &new };
        let (csv, invited) = survey(&mut rng, r, i);
        write(&dir.join(format!("surveys/{label}.csv")), &csv);
        let _ = write!(manifest, "\n[[wave]]\nlabel = \"{label}\"\ndate = \"{date}\"\nresponses = \"surveys/{label}.csv\"\n");
        if i < 2 {
            manifest.push_str("rubric = \"rubrics/llm-adoption-2025.toml\"\n");
        }
        let inv: Vec<String> = invited
            .iter()
            .map(|(t, n)| format!("\"{t}\" = {n}"))
            .collect();
        let _ = writeln!(manifest, "invited = {{ {} }}", inv.join(", "));
    }
    write(&dir.join("mlbizops.toml"), &manifest);
    eprintln!("wrote the workspace in {}", dir.display());
}
