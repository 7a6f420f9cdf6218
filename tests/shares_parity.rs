//! Issue 17: favorable + neutral + unfavorable add up to 100 wherever they
//! are printed (largest-remainder rounding), and the Markdown report holds
//! the columns and per-question figures the HTML shows.

use assert_cmd::Command;
use serde_json::Value;

/// (md, html, pdf text, json) of the example workspace's report.
fn report() -> (String, String, String, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "report",
            "examples/acme",
            "--format",
            "md,html,pdf,json",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    let doc = lopdf::Document::load(dir.path().join("report.pdf")).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let pdf = doc.extract_text(&pages).unwrap();
    let pdf = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    (
        read("report.md"),
        read("report.html"),
        pdf,
        serde_json::from_str(&read("report.json")).unwrap(),
    )
}

/// Every "Favorable A% · neutral B% · unfavorable C%" in `text` (any
/// markup between the words and the numbers).
fn triples(text: &str, favorable: &str) -> Vec<[i64; 3]> {
    fn number_after<'a>(s: &'a str, word: &str) -> Option<(i64, &'a str)> {
        let rest = &s[s.find(word)? + word.len()..];
        let rest = rest.trim_start_matches(|c: char| !c.is_ascii_digit() && c != '·');
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[digits.len()..];
        (after.starts_with('%') || after.starts_with("</b>%") || after.starts_with("%</b>"))
            .then(|| Some((digits.parse().ok()?, after)))
            .flatten()
    }
    let mut out = Vec::new();
    for part in text.split(favorable).skip(1) {
        let part = &part[..part.len().min(200)];
        let Some((a, rest)) = number_after(part, "") else {
            continue;
        };
        let Some((b, rest)) = number_after(rest, "neutral ") else {
            continue;
        };
        let Some((c, _)) = number_after(rest, "unfavorable ") else {
            continue;
        };
        out.push([a, b, c]);
    }
    out
}

#[test]
fn shares_add_up_to_100_in_every_format() {
    let (md, html, pdf, json) = report();
    let shown = json["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["favorable_pct"].is_number())
        .count();
    for (name, text, marker) in [
        ("md", &md, "Favorable "),
        ("html", &html, "Favorable <b>"),
        ("pdf", &pdf, "Favorable "),
    ] {
        let found = triples(text, marker);
        assert!(found.len() >= shown, "{name}: {} of {shown}", found.len());
        for t in &found {
            assert_eq!(t.iter().sum::<i64>(), 100, "{name}: {t:?}");
        }
    }
    // The per-question rows of the Markdown: unfavorable | neutral |
    // favorable, each row adding up to 100, favorable within a point of
    // the model's.
    let mut rows = 0;
    for d in json["dimensions"].as_array().unwrap() {
        for q in d["questions"].as_array().unwrap() {
            let Some(fav) = q["favorable_pct"].as_f64() else {
                continue;
            };
            let text = q["text"].as_str().unwrap();
            let line = md
                .lines()
                .find(|l| l.starts_with(&format!("| {text}")))
                .unwrap_or_else(|| panic!("no row for {text}"));
            let cells: Vec<i64> = line
                .split('|')
                .filter_map(|c| c.trim().strip_suffix('%')?.parse().ok())
                .collect();
            assert_eq!(cells.len(), 3, "{line}");
            assert_eq!(cells.iter().sum::<i64>(), 100, "{line}");
            assert!((cells[2] as f64 - fav).abs() < 1.0, "{line} vs {fav}");
            rows += 1;
        }
    }
    assert!(rows > 50, "{rows}");
}

#[test]
fn markdown_holds_the_html_tables_columns() {
    let (md, html, _, _) = report();
    // The dimension table's header, column for column.
    let head = html
        .split("<thead><tr><th scope=\"col\">Dimension</th>")
        .nth(1)
        .unwrap()
        .split("</tr></thead>")
        .next()
        .unwrap();
    let columns: Vec<String> = head
        .split("</th>")
        .filter_map(|c| c.rsplit('>').next())
        .filter(|c| !c.is_empty())
        .map(|c| c.replace("&#8211;", "–"))
        .collect();
    let md_head = md
        .lines()
        .find(|l| l.starts_with("| Dimension | Score"))
        .unwrap();
    let md_columns: Vec<&str> = md_head
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(md_columns[0], "Dimension");
    assert_eq!(md_columns[1..].to_vec(), columns, "{md_head}");
}
