//! Deterministic generator of the example survey of a fictional company,
//! Acme Analytics, answering the built-in rubric.
//!
//! ```sh
//! cargo run --example generate                  # rewrites the files in examples/
//! cargo run --release --example generate -- --rows 1000000 --out big.csv
//! cargo run --release --example generate -- --rows 1000000 --breakdowns 50 --out wide.csv
//! ```
//!
//! `--breakdowns N` (only with `--rows`) is for timing breakdowns with many
//! groups: each row gets three breakdown columns, `team` ("Team 01".."Team N"),
//! `role` ("Role 01".."Role N") and an extra `dept` ("Dept 01".."Dept N"),
//! after `role`, each drawn uniformly and independently with the same seeded
//! generator. Answers are made as without it, team k (from 1) answering like
//! the k-th team of the example, cycling through them. Without `--breakdowns`
//! the output is unchanged.
//!
//! Without `--rows` it writes the committed example, the Acme survey of
//! 2026-Q3 (`examples/common/acme.rs`): the same people and answers as the
//! last wave of the workspace `examples/acme/`, as a plain file and in the
//! Google Forms layout.
//!
//! The same seed always gives the same bytes (`--seed` applies to `--rows`).
//! Teams differ the way real ones do: the platform team is strong on
//! efficiency, support on retrieval, legal is cautious everywhere, and
//! security is smaller than the privacy threshold. Some answers are left
//! empty, some say "Not sure", a few cells are typos.

use std::fmt::Write as _;
use std::path::PathBuf;

use mlbizops::rubric::{self, Rubric};

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;
#[path = "common/acme.rs"]
mod acme;

#[path = "common/comments.rs"]
mod comments;

/// For `--rows`: team name, share of respondents, and the team's typical readiness per
/// dimension (0..1, in rubric order: prompting, finetuning, alignment,
/// retrieval, efficiency, data, mlbizops).
const TEAMS: [(&str, u32, [f64; 7]); 8] = [
    ("Platform", 52, [0.60, 0.62, 0.45, 0.50, 0.80, 0.55, 0.55]),
    (
        "Customer Support",
        44,
        [0.55, 0.30, 0.48, 0.76, 0.35, 0.45, 0.50],
    ),
    ("Product", 46, [0.58, 0.40, 0.50, 0.52, 0.40, 0.42, 0.62]),
    (
        "Data Science",
        38,
        [0.70, 0.68, 0.55, 0.60, 0.55, 0.74, 0.50],
    ),
    ("Sales", 34, [0.42, 0.18, 0.30, 0.38, 0.25, 0.28, 0.38]),
    ("Marketing", 18, [0.50, 0.22, 0.35, 0.40, 0.28, 0.32, 0.42]),
    ("Legal", 14, [0.28, 0.12, 0.36, 0.30, 0.20, 0.35, 0.40]),
    ("Security", 4, [0.40, 0.30, 0.62, 0.45, 0.40, 0.55, 0.66]),
];
const ROLES: [(&str, u32); 4] = [
    ("Engineer", 45),
    ("Analyst", 20),
    ("Manager", 20),
    ("Specialist", 15),
];
/// Cells people type by mistake; the scorer reports each one.
const TYPOS: [&str; 4] = ["agree strongly", "6", "4.5", "yes"];

struct Options {
    rows: Option<usize>,
    out: Option<PathBuf>,
    seed: u64,
    /// `--breakdowns N`: N teams, N roles and N depts, uniform and independent.
    breakdowns: Option<usize>,
}

fn parse_args() -> Options {
    let mut o = Options {
        rows: None,
        out: None,
        seed: 202_609,
        breakdowns: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--rows" => o.rows = Some(value().parse().expect("--rows N")),
            "--out" => o.out = Some(PathBuf::from(value())),
            "--seed" => o.seed = value().parse().expect("--seed N"),
            "--breakdowns" => {
                let n: usize = value().parse().expect("--breakdowns N");
                assert!(n >= 1, "--breakdowns N needs N >= 1");
                o.breakdowns = Some(n);
            }
            other => {
                panic!("unknown argument {other}; use --rows N --out FILE --seed N --breakdowns N")
            }
        }
    }
    assert!(
        o.breakdowns.is_none() || o.rows.is_some(),
        "--breakdowns N needs --rows N"
    );
    o
}

fn pick<'a>(rng: &mut Rng, items: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|i| i.1).sum();
    let mut x = (rng.unit() * f64::from(total)) as u32;
    for (name, w) in items {
        if x < *w {
            return name;
        }
        x -= w;
    }
    items[items.len() - 1].0
}

/// One respondent's answers as cells: number, or empty, or "Not sure", or a typo.
fn answers(rng: &mut Rng, r: &Rubric, profile: &[f64; 7], typo_rate: f64) -> Vec<Cell> {
    let mut out = Vec::new();
    for (di, d) in r.dimensions.iter().enumerate() {
        let person = profile[di.min(6)] + 0.12 * rng.normal();
        for (qi, q) in d.questions.iter().enumerate() {
            // Some practices are harder than others, the same for everyone.
            let difficulty = ((qi * 7 + di * 3) % 9) as f64 / 40.0 - 0.1;
            let x = (person - difficulty + 0.16 * rng.normal()).clamp(0.0, 1.0);
            let points = q.scale.points() as f64;
            let mut p = (x * (points - 1.0)).round() as i64;
            if q.reverse {
                p = (points as i64 - 1) - p;
            }
            let roll = rng.unit();
            out.push(if roll < 0.03 {
                Cell::Empty
            } else if roll < 0.04 {
                Cell::NotSure
            } else if roll < 0.04 + typo_rate {
                Cell::Typo(TYPOS[(rng.next() % 4) as usize])
            } else {
                Cell::Point(q.scale.min + p)
            });
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Cell {
    Point(i64),
    Empty,
    NotSure,
    Typo(&'static str),
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn main() {
    let opts = parse_args();
    let r = rubric::load(None).expect("built-in rubric").rubric;
    let mut rng = Rng(opts.seed);
    let team_weights: Vec<(&str, u32)> = TEAMS.iter().map(|t| (t.0, t.1)).collect();
    let questions: Vec<_> = r.questions().map(|(_, q)| q).collect();

    if let Some(rows) = opts.rows {
        // A large file for timing: ids and numbers only.
        let path = opts
            .out
            .unwrap_or_else(|| PathBuf::from("survey-large.csv"));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path).expect("create output"));
        let mut line = String::from("respondent_id,team,role");
        if opts.breakdowns.is_some() {
            line.push_str(",dept");
        }
        for q in &questions {
            let _ = write!(line, ",{}", q.id);
        }
        line.push('\n');
        for i in 0..rows {
            let profile = if let Some(n) = opts.breakdowns {
                // Uniform in 0..n, drawn like `pick`.
                let mut draw = || ((rng.unit() * n as f64) as usize).min(n - 1);
                let (team, role, dept) = (draw(), draw(), draw());
                let _ = write!(
                    line,
                    "r{i:07},Team {:02},Role {:02},Dept {:02}",
                    team + 1,
                    role + 1,
                    dept + 1
                );
                TEAMS[team % TEAMS.len()].2
            } else {
                let team = pick(&mut rng, &team_weights);
                let profile = TEAMS.iter().find(|t| t.0 == team).unwrap().2;
                let _ = write!(line, "r{i:07},{team},{}", pick(&mut rng, &ROLES));
                profile
            };
            for c in answers(&mut rng, &r, &profile, 0.001) {
                line.push(',');
                match c {
                    Cell::Point(p) => {
                        let _ = write!(line, "{p}");
                    }
                    Cell::Empty => {}
                    Cell::NotSure => line.push_str("Not sure"),
                    Cell::Typo(t) => line.push_str(&csv_field(t)),
                }
            }
            line.push('\n');
            std::io::Write::write_all(&mut w, line.as_bytes()).expect("write");
            line.clear();
        }
        eprintln!("wrote {rows} rows to {}", path.display());
        return;
    }

    // The committed example: the Acme survey of 2026-Q3 (examples/common/acme.rs),
    // the same data as the workspace's last wave, in two layouts with identical
    // answers: ids as headers and numbers as answers, and the Google Forms
    // layout (timestamp, question texts as headers, text labels as answers).
    let rows = acme::rows(&r);
    let plain = acme::plain_csv(&r, &rows);
    // Every question asked, the outcome items after the dimensions' (on the
    // rubric's scale). They are read through the rubric's serialized form,
    // so that this file also builds against a library without them:
    // `bench/run.sh` builds it against the baseline's.
    let mut asked: Vec<(String, &rubric::Scale)> = questions
        .iter()
        .map(|q| (q.text.clone(), &q.scale))
        .collect();
    let doc = serde_json::to_value(&r).expect("a rubric serializes");
    for item in doc["outcome"]["questions"].as_array().into_iter().flatten() {
        asked.push((
            item["text"].as_str().unwrap_or_default().to_string(),
            &r.scale,
        ));
    }
    let mut google = String::from("Timestamp,Team,Role");
    for (text, _) in &asked {
        let _ = write!(google, ",{}", csv_field(text));
    }
    google.push('\n');
    for (i, row) in rows.iter().enumerate() {
        let n = i as u32 + 1;
        let minute = n * 7 + n % 5;
        let _ = write!(
            google,
            "9/{}/2026 {}:{:02}:{:02},{},{}",
            14 + minute / 600,
            9 + (minute / 60) % 10,
            minute % 60,
            (n * 13) % 60,
            row.team,
            row.role
        );
        for (c, (_, scale)) in row.cells.iter().zip(&asked) {
            google.push(',');
            match *c {
                acme::Cell::Point(p) => {
                    google.push_str(&csv_field(scale.label(p).map_or(&p.to_string(), |l| l)));
                }
                acme::Cell::Empty => {}
                acme::Cell::NotSure => google.push_str("Not sure"),
                acme::Cell::NotApplicable => google.push_str("Does not apply"),
                acme::Cell::Typo(t) => google.push_str(&csv_field(t)),
            }
        }
        google.push('\n');
    }
    // Spreadsheets often leave an empty row at the end; it must be accounted for.
    google.push_str(&",".repeat(2 + asked.len()));
    google.push('\n');
    let n = rows.len();
    let dir = opts
        .out
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples"));
    std::fs::write(dir.join("acme-2026-q3.csv"), plain).expect("write example");
    std::fs::write(dir.join("acme-2026-q3-google-forms.csv"), google).expect("write example");
    eprintln!(
        "wrote {n} respondents of {} to {}",
        acme::LABEL,
        dir.display()
    );
}
