use super::*;

/// An organization from (team, dept, people) rows; every person scored on
/// the one dimension. Cells: 0 org, then teams, then depts, in the order
/// first seen.
fn org(rows: &[(&str, &str, u64)]) -> (Atoms, Cells, Vec<u64>, Vec<Vec<u64>>) {
    let mut names: Vec<(usize, String)> = Vec::new();
    let mut index = |col: usize, v: &str| -> u32 {
        match names.iter().position(|(c, n)| *c == col && n == v) {
            Some(i) => i as u32 + 1,
            None => {
                names.push((col, v.to_string()));
                names.len() as u32
            }
        }
    };
    // Teams first, then departments: cell numbers read in that order.
    for (t, _, _) in rows {
        index(0, t);
    }
    let keys: Vec<Box<[u32]>> = rows
        .iter()
        .map(|(t, d, _)| vec![index(0, t), index(1, d)].into_boxed_slice())
        .collect();
    let people: Vec<u64> = rows.iter().map(|r| r.2).collect();
    let cells = Cells {
        column: std::iter::once(None)
            .chain(names.iter().map(|(c, _)| Some(*c)))
            .collect(),
        columns: 2,
    };
    let mut sizes = vec![0u64; cells.column.len()];
    sizes[0] = people.iter().sum();
    for (key, &n) in keys.iter().zip(&people) {
        for &c in key.iter() {
            sizes[c as usize] += n;
        }
    }
    let atoms = Atoms {
        keys,
        respondents: people.clone(),
        scored: people.iter().map(|&n| n as u32).collect(),
        answered: people.iter().map(|&n| n as u32).collect(),
        dims: 1,
        ..Default::default()
    };
    let scored = sizes.iter().map(|&n| vec![n]).collect();
    (atoms, cells, sizes, scored)
}

fn run(rows: &[(&str, &str, u64)], k: u64) -> (Decision, AuditSummary) {
    let (atoms, cells, sizes, scored) = org(rows);
    let s = Sizes {
        respondents: &sizes,
        scored: &scored,
    };
    let d = decide(&atoms, &cells, &s, &[true], k, None);
    let summary = audit(&atoms, &cells, &s, &[true], &d, k).expect("no leak after suppression");
    (d, summary)
}

#[test]
fn nested_team_is_not_recovered_from_its_department() {
    // D1 = Sec (3) + Big (9); D2 = Mid (6) + Other (8). The old per-table
    // rule hid Sec and its complement Mid, leaving D1 - Big = Sec.
    let rows = [
        ("Sec", "D1", 3),
        ("Big", "D1", 9),
        ("Mid", "D2", 6),
        ("Other", "D2", 8),
    ];
    let (atoms, cells, sizes, scored) = org(&rows);
    let old = Decision {
        group_hidden: vec![false, true, false, true, false, false, false], // Sec, Mid
        cell_hidden: vec![vec![false]; 7],
        org_dim_hidden: vec![false],
        secondary: 1,
        proven: Default::default(),
    };
    let leaks = audit(&atoms, &cells, &sizes_of(&sizes, &scored), &[true], &old, 5).unwrap_err();
    assert!(leaks.iter().any(|l| l.cells == vec![1]), "{leaks:?}");
    let s = Sizes {
        respondents: &sizes,
        scored: &scored,
    };
    let d = decide(&atoms, &cells, &s, &[true], 5, None);
    assert!(d.group_hidden[1]);
    assert!(audit(&atoms, &cells, &s, &[true], &d, 5).is_ok());
}

#[test]
fn a_lone_respondent_cannot_subtract_themselves_to_reveal_a_small_team() {
    // "(not given)" holds one person, Sec four: the two hidden teams sum to
    // five, but the lone person knows their own answers.
    let rows = [
        ("(not given)", "D", 1),
        ("Sec", "D", 4),
        ("Legal", "D", 14),
        ("Eng", "D", 40),
    ];
    let (d, summary) = run(&rows, 5);
    // Legal (cell 3) is hidden as well.
    assert!(d.group_hidden[1] && d.group_hidden[2] && d.group_hidden[3]);
    assert!(!d.group_hidden[4]);
    assert!(summary.protected_cells > 0);
    assert_eq!(summary.derivable, 0);
}

#[test]
fn two_small_groups_that_are_still_small_together_need_a_third() {
    let rows = [("A", "D", 2), ("B", "D", 2), ("C", "D", 9), ("E", "D", 30)];
    let (d, _) = run(&rows, 5);
    assert_eq!(&d.group_hidden[1..5], &[true, true, true, false]);
}

#[test]
fn nothing_small_hides_nothing_and_is_deterministic() {
    let rows = [("A", "X", 6), ("B", "X", 7), ("C", "Y", 8)];
    let (d, s) = run(&rows, 5);
    assert!(d.group_hidden.iter().all(|h| !h));
    assert_eq!(s.protected_cells, 0);
    assert_eq!(run(&rows, 5).0, d);
}

#[test]
fn crossing_breakdowns_hide_enough_in_both() {
    // Team T2 has 3 people; crossing with two departments.
    let rows = [
        ("T1", "D1", 6),
        ("T1", "D2", 6),
        ("T2", "D1", 2),
        ("T2", "D2", 1),
        ("T3", "D1", 7),
        ("T3", "D2", 5),
    ];
    let (d, s) = run(&rows, 5);
    assert!(d.group_hidden[2]); // T2
    assert_eq!(s.derivable, 0);
}

fn sizes_of<'a>(respondents: &'a [u64], scored: &'a [Vec<u64>]) -> Sizes<'a> {
    Sizes {
        respondents,
        scored,
    }
}

#[test]
fn without_atoms_nothing_may_be_hidden() {
    // The engine leaves atoms out when no cell is small; a decision that
    // hides something anyway is a bug the audit must catch.
    let (_, cells, sizes, scored) = org(&[("A", "X", 6), ("B", "Y", 7)]);
    let none = Atoms {
        dims: 1,
        ..Atoms::default()
    };
    let s = sizes_of(&sizes, &scored);
    let d = decide(&none, &cells, &s, &[true], 5, None);
    let ok = audit(&none, &cells, &s, &[true], &d, 5).expect("nothing hidden");
    // Org, 2 teams, 2 depts: head counts, and scores and answers of the dimension.
    assert_eq!(ok.published_cells, 5 * 3);
    let mut bad = d.clone();
    bad.group_hidden[1] = true;
    assert!(audit(&none, &cells, &s, &[true], &bad, 5).is_err());
}
