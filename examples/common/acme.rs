//! The latest Acme Analytics survey (2026-Q3), answered on the built-in
//! rubric 2027.1: one data set, written as `examples/acme-2026-q3.csv` (and
//! its Google Forms twin) by `generate` and as the workspace's last wave,
//! `examples/acme/surveys/2026-Q3.csv`, by `generate_workspace`: the same
//! people and answers, byte for byte. Shared by both (`#[path]`-included).
//!
//! Answers come from staged practices: each person has a position per
//! dimension on the level scale (1 = Experimenting practices in hand, 2 =
//! Adopting, ...), and agrees with a practice of level L when that position,
//! plus the practice's own difficulty and noise, reaches L. So the
//! organization's dimensions sit at different levels: retrieval reaches
//! Scaling while alignment, data and evaluation stay at Experimenting.
//! Model adaptation applies only to the teams that tune models (Platform,
//! Data Science); everyone else answers "Does not apply". The executive
//! review of LLM results is a practice individual contributors cannot see:
//! most of them answer "Not sure".
//!
//! The outcome items (time saved, better work, wrong answers caught,
//! business value) follow a planted driver structure: each person's value
//! from LLMs depends mostly on their positions in evaluation and data
//! quality (weights 0.6 and 0.5), a little on prompting (0.15), and on
//! nothing else, so the driver analysis ranks evaluation and data quality
//! first. They are drawn from a generator of their own, so that adding them
//! left every other answer as it was.

use mlbizops::rubric::Rubric;

use crate::rng::Rng;

pub const SEED: u64 = 202_609;
pub const LABEL: &str = "2026-Q3";
#[allow(dead_code)] // only the workspace has dates
pub const DATE: &str = "2026-09-25";

/// The rubric's role choices, with the share of respondents in each.
pub const ROLES: [(&str, u32); 3] = [
    ("Individual contributor", 70),
    ("Team lead or manager", 22),
    ("Director or executive", 8),
];

/// Team, people invited, people who answered, and the team's position per
/// dimension (prompting, finetuning, alignment, retrieval, efficiency, data,
/// evaluation, security, mlbizops) on the level scale.
pub const TEAMS: [(&str, u32, u32, [f64; 9]); 7] = [
    (
        "Platform",
        60,
        51,
        [2.6, 2.5, 1.6, 3.6, 3.3, 1.7, 2.0, 2.6, 2.6],
    ),
    (
        "Customer Support",
        58,
        42,
        [2.4, 1.0, 1.7, 4.3, 1.6, 1.6, 1.7, 2.3, 2.5],
    ),
    (
        "Product",
        56,
        44,
        [2.2, 1.0, 1.3, 3.3, 2.2, 1.3, 1.4, 2.1, 2.1],
    ),
    (
        "Data Science",
        44,
        39,
        [3.0, 2.7, 1.9, 3.7, 2.6, 2.6, 2.7, 2.4, 2.6],
    ),
    (
        "Sales",
        52,
        27,
        [1.7, 0.5, 1.0, 2.9, 1.4, 1.0, 1.0, 1.7, 1.9],
    ),
    (
        "Legal",
        16,
        13,
        [1.4, 0.5, 1.6, 2.6, 1.2, 1.6, 1.0, 2.9, 1.8],
    ),
    (
        "Security",
        6,
        4,
        [2.2, 1.0, 2.6, 3.3, 2.0, 2.2, 2.0, 3.8, 2.4],
    ),
];

/// How far every team sits below the positions above.
const SHIFT: f64 = 0.3;

/// Teams that tune models of their own; for the others, model adaptation
/// does not apply.
const TUNERS: [&str; 2] = ["Platform", "Data Science"];
/// The practice most people cannot see.
const HIDDEN_PRACTICE: &str = "mlbizops.leadership_review";
/// The planted drivers of the outcome: (dimension id, weight).
pub const DRIVERS: [(&str, f64); 3] = [("evaluation", 0.6), ("data", 0.5), ("prompting", 0.15)];
/// Cells people type by mistake; the scorer reports each one.
const TYPOS: [&str; 4] = ["agree strongly", "6", "4.5", "yes"];

#[derive(Clone, Copy)]
pub enum Cell {
    Point(i64),
    Empty,
    NotSure,
    NotApplicable,
    Typo(&'static str),
}

pub struct Row {
    pub id: String,
    pub team: &'static str,
    pub role: &'static str,
    pub cells: Vec<Cell>,
}

pub fn pick<'a>(rng: &mut Rng, items: &[(&'a str, u32)]) -> &'a str {
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

/// The level-scale value of a level name (Experimenting = 1, ...).
fn level_value(r: &Rubric, name: &str) -> f64 {
    r.levels
        .iter()
        .position(|l| l.name == name)
        .expect("a level of the rubric") as f64
}

/// The respondents of the wave, in file order.
pub fn rows(r: &Rubric) -> Vec<Row> {
    assert_eq!(
        r.dimensions.len(),
        9,
        "the 2027.1 rubric has nine dimensions"
    );
    let mut rng = Rng(SEED);
    // The outcome answers' own generator (see the module's notes).
    let mut orng = Rng(SEED ^ 0x0018_0018);
    let mut out = Vec::new();
    let mut n = 0;
    for (team, _, answered, profile) in TEAMS {
        for _ in 0..answered {
            n += 1;
            let role = pick(&mut rng, &ROLES);
            // A few people in the tuning teams do not tune; a few elsewhere do.
            let tunes = if TUNERS.contains(&team) {
                rng.unit() > 0.12
            } else {
                rng.unit() < 0.06
            };
            let mut cells = Vec::new();
            let mut value = 0.0;
            for (di, d) in r.dimensions.iter().enumerate() {
                let mut position = profile[di] - SHIFT + 0.5 * rng.normal();
                if d.id == "finetuning" && tunes && profile[di] < 2.0 {
                    position = 2.2 - SHIFT + 0.5 * rng.normal();
                }
                value += DRIVERS
                    .iter()
                    .find(|(id, _)| *id == d.id)
                    .map_or(0.0, |(_, w)| w * position);
                for (qi, q) in d.questions.iter().enumerate() {
                    let level = q.level.as_deref().map_or(1.0, |l| level_value(r, l));
                    // Some practices are harder than others, the same for everyone.
                    let difficulty = ((qi * 5 + di * 3) % 7) as f64 / 10.0 - 0.3;
                    let x = position - level + 0.5 - difficulty + 0.65 * rng.normal();
                    let point = if x > 1.3 {
                        5
                    } else if x > 0.0 {
                        4
                    } else if x > -0.45 {
                        3
                    } else if x > -1.1 {
                        2
                    } else {
                        1
                    };
                    let roll = rng.unit();
                    let not_sure_rate = if q.id == HIDDEN_PRACTICE {
                        match role {
                            "Individual contributor" => 0.88,
                            "Team lead or manager" => 0.25,
                            _ => 0.03,
                        }
                    } else {
                        0.02
                    };
                    let cell = if d.id == "finetuning" && !tunes && rng.unit() < 0.92 {
                        Cell::NotApplicable
                    } else if roll < 0.03 {
                        Cell::Empty
                    } else if roll < 0.03 + not_sure_rate {
                        Cell::NotSure
                    } else if roll > 0.9995 {
                        Cell::Typo(TYPOS[(rng.next() % 4) as usize])
                    } else {
                        Cell::Point(q.scale.min + point - 1)
                    };
                    cells.push(cell);
                }
            }
            outcome_cells(r, &mut orng, value, &mut cells);
            out.push(Row {
                id: format!("A{n:03}"),
                team,
                role,
                cells,
            });
        }
    }
    out
}

/// The outcome items' answers of a person whose planted value is `value`
/// (about 1 to 4 on the level scale, weighted): each item is that value plus
/// its own noise, cut into the five points as practices are.
fn outcome_cells(r: &Rubric, rng: &mut Rng, value: f64, cells: &mut Vec<Cell>) {
    let Some(o) = &r.outcome else {
        return;
    };
    let person = value - 1.35 + 0.35 * rng.normal();
    for q in &o.questions {
        let x = person + 0.55 * rng.normal();
        let point = if x > 1.3 {
            5
        } else if x > 0.0 {
            4
        } else if x > -0.45 {
            3
        } else if x > -1.1 {
            2
        } else {
            1
        };
        let roll = rng.unit();
        cells.push(if roll < 0.03 {
            Cell::Empty
        } else if roll < 0.05 {
            Cell::NotSure
        } else if q.id == "outcome.business_value" && roll < 0.12 {
            Cell::NotApplicable
        } else {
            Cell::Point(q.scale.min + point - 1)
        });
    }
}

pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The wave as a plain export: ids as headers, numbers as answers, and the
/// empty row at the end that spreadsheets often leave.
pub fn plain_csv(r: &Rubric, rows: &[Row]) -> String {
    use std::fmt::Write as _;
    let questions: Vec<_> = r.asked().map(|(_, q)| q).collect();
    let mut out = String::from("respondent_id,team,role");
    for q in &questions {
        let _ = write!(out, ",{}", q.id);
    }
    // The free-text questions, when the rubric asks them (see comments.rs).
    let comment_ids: Vec<&str> = r.comments.questions.iter().map(|c| c.id.as_str()).collect();
    for c in &comment_ids {
        let _ = write!(out, ",{c}");
    }
    out.push('\n');
    for (n, row) in rows.iter().enumerate() {
        let _ = write!(out, "{},{},{}", row.id, row.team, row.role);
        for c in &row.cells {
            out.push(',');
            match *c {
                Cell::Point(p) => {
                    let _ = write!(out, "{p}");
                }
                Cell::Empty => {}
                Cell::NotSure => out.push_str("Not sure"),
                Cell::NotApplicable => out.push_str("Does not apply"),
                Cell::Typo(t) => out.push_str(&csv_field(t)),
            }
        }
        if !comment_ids.is_empty() {
            let (help, worries) = crate::comments::comments(n + 1, row.team);
            for text in [help, worries].iter().take(comment_ids.len()) {
                out.push(',');
                out.push_str(&csv_field(text));
            }
        }
        out.push('\n');
    }
    out.push_str(&",".repeat(2 + questions.len() + comment_ids.len()));
    out.push('\n');
    out
}
