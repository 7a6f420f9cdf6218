//! The PDF report, read back with lopdf: well formed, bookmarks, embedded
//! font, the text a reader can search, links, determinism, Unicode names.

use std::collections::BTreeSet;
use std::path::Path;

use lopdf::{Document, Object};
use mlbizops::render::pdf::{self, PdfOptions};
use mlbizops::report::{self, Report, ReportOptions};
use mlbizops::rubric::{self, Rubric};
use mlbizops::score::{score_file, ScoreOptions};

fn example() -> (Rubric, Report) {
    let r = rubric::load(None).unwrap().rubric;
    let scores = score_file(
        &r,
        Path::new("examples/acme-2026-q3.csv"),
        &ScoreOptions::default(),
    )
    .unwrap();
    let opts = ReportOptions {
        title: None,
        organization: Some("Acme Analytics".into()),
        survey_label: "2026-Q3".into(),
        date: Some("2026-09-30".into()),
    };
    let model = report::build(&r, &scores, &opts);
    (r, model)
}

fn render(model: &Report) -> Vec<u8> {
    pdf::render(
        model,
        &PdfOptions {
            created: Some((2026, 9, 30)),
            ..Default::default()
        },
    )
}

fn all_text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

/// Extracted text with runs of whitespace (line breaks included) as one space.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn example_pdf_is_well_formed_with_bookmarks_and_embedded_font() {
    let (_, model) = example();
    let bytes = render(&model);
    assert!(bytes.starts_with(b"%PDF-"));
    let doc = Document::load_mem(&bytes).expect("lopdf parses the PDF");
    let pages = doc.get_pages().len();
    // The example (9 dimensions, the outcome and drivers, comments, a
    // contents page) runs to 26 A4 pages today; a layout change may move
    // that a little, but such a report cannot fit on a handful of pages and
    // should not sprawl either.
    assert!((16..=30).contains(&pages), "{pages} pages");
    // Every page is A4 portrait.
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let w = mb[2].as_float().unwrap();
        let h = mb[3].as_float().unwrap();
        assert!(
            (w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5,
            "{w} x {h}"
        );
    }
    // Bookmarks: the sections and every dimension, in document order,
    // titled exactly as their headings (a dimension's number included, as
    // in the HTML's contents).
    let toc = doc.get_toc().expect("an outline");
    let titles: Vec<String> = toc.toc.iter().map(|e| e.title.clone()).collect();
    let mut want = vec![
        "Executive summary".to_string(),
        "Scores by dimension".to_string(),
    ];
    for (i, d) in model.dimensions.iter().enumerate() {
        want.push(format!("{}. {}", i + 1, d.name));
    }
    // The outcome index and driver analysis, after the dimensions; then
    // the comments.
    if let Some(o) = &model.outcome {
        want.push(format!("{} and what goes with it", o.name));
    }
    if model.comments.is_some() {
        want.push("What people say".into());
    }
    want.extend(
        [
            "Scores by group",
            "Action plan",
            "References",
            "Method and data quality",
        ]
        .map(String::from),
    );
    assert_eq!(titles, want);
    // Nested: each dimension under "Scores by dimension", as on the
    // contents page; everything else a chapter.
    let levels: Vec<(String, usize)> = toc.toc.iter().map(|e| (e.title.clone(), e.level)).collect();
    let top = toc.toc[0].level;
    for (title, level) in &levels {
        let dimension = title
            .split_once(". ")
            .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
        assert_eq!(*level, if dimension { top + 1 } else { top }, "{levels:?}");
    }
    let toc_pages: Vec<usize> = toc.toc.iter().map(|e| e.page).collect();
    assert!(toc_pages.windows(2).all(|w| w[0] <= w[1]), "{toc_pages:?}");
    // Each bookmark's page has its heading; the contents page (page 2)
    // lists every bookmark after the summary with that page number.
    let flat = |p: u32| {
        doc.extract_text(&[p])
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let contents = flat(2);
    assert!(contents.starts_with("Contents"), "{contents}");
    for e in toc.toc.iter().skip(1) {
        let page_text = flat(e.page as u32);
        assert!(
            page_text.contains(&e.title),
            "{} not on page {}",
            e.title,
            e.page
        );
        assert!(
            contents.contains(&format!("{} {}", e.title, e.page)),
            "contents: {} {}\n{contents}",
            e.title,
            e.page
        );
    }
    // The font is embedded (a FontFile2 stream), not referenced by name.
    let embedded = doc.objects.values().any(|o| match o {
        Object::Dictionary(d) => d.has(b"FontFile2"),
        _ => false,
    });
    assert!(embedded, "no embedded TrueType font");
    // Subset: the two DejaVu faces are 1.4 MB whole; the report is far less.
    assert!(bytes.len() < 400_000, "{} bytes", bytes.len());
    // Metadata from the model and the options.
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .unwrap();
    let info = doc.get_dictionary(info).unwrap();
    // Text strings are UTF-16BE with a byte-order mark, or plain bytes.
    let s = |k: &[u8]| {
        let raw = info.get(k).unwrap().as_str().unwrap();
        match raw.strip_prefix(b"\xFE\xFF") {
            Some(be) => String::from_utf16(
                &be.chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            )
            .unwrap(),
            None => String::from_utf8_lossy(raw).into_owned(),
        }
    };
    assert_eq!(s(b"Title"), "LLM adoption readiness: results");
    assert!(
        s(b"Subject").starts_with("LLM adoption readiness 2027.1"),
        "{}",
        s(b"Subject")
    );
    assert!(
        s(b"CreationDate").starts_with("D:20260930"),
        "{}",
        s(b"CreationDate")
    );
}

#[test]
fn text_holds_every_dimension_recommendation_and_reference() {
    let (_, model) = example();
    let doc = Document::load_mem(&render(&model)).unwrap();
    let text = flat(&all_text(&doc));
    for d in &model.dimensions {
        assert!(text.contains(&flat(&d.name)), "dimension {}", d.name);
        for r in &d.recommendations {
            assert!(text.contains(&flat(&r.title)), "recommendation {}", r.title);
        }
    }
    for p in &model.references {
        assert!(text.contains(&flat(&p.title)), "reference {}", p.title);
    }
    assert!(text.contains(&model.summary.headline), "headline");
    // Suppressed teams appear by name, marked, never with a score.
    assert!(text.contains("Security"));
    // The heatmap's panels mark them "suppressed (privacy)"; the note
    // above them gives the rule.
    assert!(text.contains("suppressed (privacy)"));
    assert!(text.contains("with fewer than 5 respondents are never shown"));
}

/// Every link annotation: (URI, or "page N" for a jump inside the document).
fn links(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        let annots = match annots {
            Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap(),
            other => other.as_array().unwrap(),
        };
        for a in annots {
            let d = match a {
                Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                other => other.as_dict().unwrap(),
            };
            assert_eq!(
                d.get(b"Subtype").and_then(Object::as_name).unwrap(),
                b"Link"
            );
            push_link(doc, d, &mut out);
        }
    }
    out
}

fn push_link(doc: &Document, d: &lopdf::Dictionary, out: &mut Vec<String>) {
    {
        let a = d.get(b"A").unwrap();
        let a = match a {
            Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
            Object::Dictionary(d) => d,
            _ => panic!("link without action"),
        };
        if let Ok(uri) = a.get(b"URI") {
            out.push(String::from_utf8_lossy(uri.as_str().unwrap()).into_owned());
        } else {
            out.push("goto".into());
        }
    }
}

#[test]
fn references_and_citations_are_links() {
    let (_, model) = example();
    let doc = Document::load_mem(&render(&model)).unwrap();
    let links = links(&doc);
    let uris: BTreeSet<&str> = links
        .iter()
        .filter(|l| *l != "goto")
        .map(String::as_str)
        .collect();
    let want: BTreeSet<&str> = model.references.iter().map(|r| r.url.as_str()).collect();
    assert_eq!(
        uris, want,
        "every reference URL is a link, and nothing else is"
    );
    // Citation markers [n] jump inside the document: at least one per
    // citation in the dimensions and the action plan.
    let citations: usize = model
        .dimensions
        .iter()
        .flat_map(|d| &d.recommendations)
        .map(|r| r.citations.len())
        .chain(model.action_plan.iter().map(|a| a.citations.len()))
        .sum();
    let gotos = links.iter().filter(|l| *l == "goto").count();
    assert!(
        gotos >= citations,
        "{gotos} internal links for {citations} citations"
    );
}

#[test]
fn same_report_gives_identical_bytes() {
    let (_, model) = example();
    let a = render(&model);
    let b = render(&model);
    assert!(a == b, "two renders differ");
    // And a different creation date changes the bytes (the date is used).
    let c = pdf::render(
        &model,
        &PdfOptions {
            created: Some((2026, 10, 1)),
            ..Default::default()
        },
    );
    assert!(a != c);
}

#[test]
fn non_ascii_team_names_print_and_extract() {
    let r = rubric::load(None).unwrap().rubric;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    // Two teams of 5 with accented names and a dash; all answer 4.
    let ids: Vec<&str> = r.questions().map(|(_, q)| q.id.as_str()).collect();
    let mut csv = format!("respondent_id,team,{}\n", ids.join(","));
    for i in 0..10 {
        let team = if i < 5 {
            "Zürich – Produktentwicklung"
        } else {
            "Équipe données"
        };
        csv.push_str(&format!(
            "r{i},\"{team}\",{}\n",
            vec!["4"; ids.len()].join(",")
        ));
    }
    std::fs::write(&path, csv).unwrap();
    let scores = score_file(&r, &path, &ScoreOptions::default()).unwrap();
    let opts = ReportOptions {
        survey_label: "Q".into(),
        ..ReportOptions::default()
    };
    let model = report::build(&r, &scores, &opts);
    let doc = Document::load_mem(&render(&model)).unwrap();
    let text = all_text(&doc);
    assert!(
        text.contains("Zürich – Produktentwicklung"),
        "not in:\n{text}"
    );
    assert!(text.contains("Équipe données"));
}

#[test]
fn iso_dates_parse_and_others_do_not() {
    assert_eq!(pdf::parse_iso_date("2026-09-30"), Some((2026, 9, 30)));
    assert_eq!(pdf::parse_iso_date("30 September 2026"), None);
    assert_eq!(pdf::parse_iso_date("2026-13-01"), None);
}

/// The executive page of the Acme workspace report (key figures, headline,
/// dot plot, priorities, strengths, the change since the last wave) is one
/// A4 page: "Scores by dimension" opens page 2 and nothing of the summary
/// spills onto it.
#[test]
fn the_executive_summary_is_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("mlbizops")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "examples/acme", "--format", "pdf", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = Document::load(dir.path().join("report.pdf")).unwrap();
    let first = flat(&doc.extract_text(&[1]).unwrap());
    let second = flat(&doc.extract_text(&[2]).unwrap());
    for want in [
        "Executive summary",
        "Overall score",
        "Priorities",
        "Strengths",
    ] {
        assert!(first.contains(want), "page 1 lacks {want:?}: {first}");
    }
    // Page 2 is the contents; nothing of the summary spilled onto it.
    assert!(second.starts_with("Contents"), "page 2: {second}");
    for spill in [
        "Priorities",
        "Strengths",
        "Since the last survey",
        "first step",
    ] {
        assert!(!second.contains(spill), "{spill:?} spilled onto page 2");
    }
}

/// A dimension whose statements run past the end of a page continues on
/// the next one under "<name> (continued)" and the column headers.
#[test]
fn statements_split_across_pages_say_continued() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root.join("tests/fixtures/report/rubric.toml")).unwrap();
    let mut extra = String::new();
    let mut header = String::from("id,team,alpha.one,alpha.two");
    for i in 0..40 {
        extra.push_str(&format!(
            "[[dimension.question]]\nid = \"alpha.more{i}\"\ntext = \"We do alpha thing number {i}, which takes a long sentence to say so that it wraps.\"\n\n"
        ));
        header.push_str(&format!(",alpha.more{i}"));
    }
    let rubric = base
        .replace(
            "text = \"We do the second alpha thing.\"\n",
            &format!("text = \"We do the second alpha thing.\"\n\n{extra}"),
        )
        .replace(
            "bibliography = \"papers.toml\"",
            "bibliography = \"PAPERS\"",
        )
        .replace(
            "PAPERS",
            root.join("tests/fixtures/report/papers.toml")
                .to_str()
                .unwrap(),
        );
    std::fs::write(dir.path().join("rubric.toml"), rubric).unwrap();
    let mut csv = header + "\n";
    for p in 0..12 {
        csv.push_str(&format!("r{p},T{}", p % 2));
        for q in 0..42 {
            csv.push_str(&format!(",{}", 1 + (p * 3 + q) % 5));
        }
        csv.push('\n');
    }
    std::fs::write(dir.path().join("s.csv"), csv).unwrap();
    let out = assert_cmd::Command::cargo_bin("mlbizops")
        .unwrap()
        .arg("report")
        .arg(dir.path().join("s.csv"))
        .arg("--rubric")
        .arg(dir.path().join("rubric.toml"))
        .args(["--format", "pdf", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = Document::load(dir.path().join("report.pdf")).unwrap();
    let text = flat(&all_text(&doc));
    assert!(
        text.contains("Alpha practice (continued) Statement unfavorable"),
        "no continuation header"
    );
}
