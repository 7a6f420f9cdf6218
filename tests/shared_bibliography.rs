//! The project's bibliography (`rubrics/papers.toml`) must copy its facts
//! exactly from the verified one in `../shared/papers-verified.toml`.
//!
//! Why the test may skip: people clone this project on its own, without the
//! `shared/` folder next to it, and `cargo test` must pass for them. CI does
//! have `../shared` and sets `MLBIZOPS_REQUIRE_SHARED=1`, so that a missing
//! file there is a failure instead of a silent skip.

use std::path::Path;

use toml::{Table, Value};

const SHARED: &str = "../shared/papers-verified.toml";
const OURS: &str = "rubrics/papers.toml";

/// The fields that must be identical; the verified file has more (notes...).
const FIELDS: [&str; 9] = [
    "title",
    "authors",
    "et_al",
    "year",
    "arxiv_year",
    "venue",
    "arxiv",
    "doi",
    "url",
];

fn papers(path: &Path) -> Vec<Table> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc: Table = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()));
    let list = doc
        .get("paper")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("{} has no [[paper]] tables", path.display()));
    list.iter()
        .map(|p| {
            p.as_table()
                .unwrap_or_else(|| panic!("a `paper` in {} is not a table", path.display()))
                .clone()
        })
        .collect()
}

fn key(p: &Table) -> &str {
    p.get("key")
        .and_then(Value::as_str)
        .expect("every paper has a string `key`")
}

#[test]
fn every_paper_is_copied_exactly_from_the_verified_bibliography() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared_path = root.join(SHARED);
    if !shared_path.exists() {
        if std::env::var_os("MLBIZOPS_REQUIRE_SHARED").is_some() {
            panic!(
                "MLBIZOPS_REQUIRE_SHARED is set but {} does not exist",
                shared_path.display()
            );
        }
        println!("skipped: {SHARED} not found (set MLBIZOPS_REQUIRE_SHARED to make this an error)");
        return;
    }
    let verified = papers(&shared_path);
    let ours = papers(&root.join(OURS));
    assert!(!ours.is_empty(), "{OURS} has no paper");

    let mut problems = Vec::new();
    for p in &ours {
        let k = key(p);
        let Some(v) = verified.iter().find(|v| key(v) == k) else {
            problems.push(format!("`{k}` is not in {SHARED}"));
            continue;
        };
        for field in FIELDS {
            // A field absent from both is fine; present in one only is not.
            let (mine, theirs) = (p.get(field), v.get(field));
            if mine != theirs {
                problems.push(format!(
                    "`{k}`.{field}: {OURS} has {}, {SHARED} has {}",
                    show(mine),
                    show(theirs)
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} difference(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn show(v: Option<&Value>) -> String {
    v.map_or_else(|| "nothing".to_string(), Value::to_string)
}

#[test]
fn keys_in_the_project_bibliography_are_unique() {
    let ours = papers(&Path::new(env!("CARGO_MANIFEST_DIR")).join(OURS));
    let mut keys: Vec<&str> = ours.iter().map(key).collect();
    let n = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), n, "duplicate keys in {OURS}");
}
