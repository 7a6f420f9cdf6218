//! The PDF's fallback font (`report --font`, `[report] font`): team names in
//! Chinese, Japanese and Korean drawn and extractable, the font embedded as a
//! small subset, the same bytes every time, and a clear error for every bad
//! font file (issue 13, finding 14).
//!
//! The tests that draw CJK need a CJK font, which is not in the repository
//! (none is compiled into the program either): `MLBIZOPS_CJK_FONT` names one,
//! else a few well-known places are tried (`.ci/run` installs
//! fonts-wqy-microhei). Without one they say so and pass, unless
//! `MLBIZOPS_REQUIRE_CJK_FONT=1` (set by CI) makes that a failure.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use lopdf::Document;
use mlbizops::render::pdf::{self, fallback::FallbackFont, PdfOptions};
use mlbizops::report::{self, Report, ReportOptions};
use mlbizops::score::{score_file, ScoreOptions};
use predicates::prelude::PredicateBooleanExt;

const TEAMS: &str = "tests/fixtures/report/cjk/teams.csv";
const RUBRIC: &str = "tests/fixtures/score/small-rubric.toml";
const NAMES: [&str; 3] = ["工程部", "営業", "영업"];

fn mlbizops() -> Command {
    let mut c = Command::cargo_bin("mlbizops").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// A font with Chinese, Japanese and Korean letters, or `None` (said on
/// standard error) when this machine has none and none is required.
fn cjk_font() -> Option<PathBuf> {
    let known = [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ];
    let found = std::env::var_os("MLBIZOPS_CJK_FONT")
        .map(PathBuf::from)
        .or_else(|| known.iter().map(PathBuf::from).find(|p| p.is_file()));
    if found.is_none() {
        assert!(
            std::env::var_os("MLBIZOPS_REQUIRE_CJK_FONT").is_none(),
            "MLBIZOPS_REQUIRE_CJK_FONT is set but no CJK font was found (apt-get install fonts-wqy-microhei, or set MLBIZOPS_CJK_FONT)"
        );
        skipped("no CJK font on this machine (apt-get install fonts-wqy-microhei, or set MLBIZOPS_CJK_FONT=FILE)");
    }
    found
}

/// Says on standard error that a test did not run its checks. Written to
/// the stream itself: the test harness captures `eprintln!` of a passing
/// test, and a skip must be seen.
fn skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED: {why}");
}

fn model() -> Report {
    let r = mlbizops::rubric::load(Some(Path::new(RUBRIC)))
        .unwrap()
        .rubric;
    let scores = score_file(&r, Path::new(TEAMS), &ScoreOptions::default()).unwrap();
    let opts = ReportOptions {
        survey_label: "2026-Q3".into(),
        ..ReportOptions::default()
    };
    report::build(&r, &scores, &opts)
}

fn render(model: &Report, font: Option<FallbackFont>) -> Vec<u8> {
    pdf::render(
        model,
        &PdfOptions {
            created: Some((2026, 9, 30)),
            fallback: font.map(Arc::new),
        },
    )
}

fn text(bytes: &[u8]) -> String {
    let doc = Document::load_mem(bytes).expect("lopdf parses the PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

#[test]
fn cjk_team_names_are_drawn_with_the_fallback_font_as_a_small_subset() {
    let Some(path) = cjk_font() else { return };
    drawn_as_a_small_subset(&path);
    // Noto Sans CJK has CFF outlines (WenQuanYi has TrueType ones), which
    // printpdf embeds differently: checked too where it is installed.
    let noto = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    if noto.is_file() && noto != path {
        drawn_as_a_small_subset(noto);
    }
}

fn drawn_as_a_small_subset(path: &Path) {
    let model = model();
    let without = render(&model, None);
    let font = FallbackFont::load(path, 0).unwrap();
    let file_size = font.bytes.len();
    let with = render(&model, Some(font));
    let extracted = text(&with);
    for name in NAMES {
        assert!(extracted.contains(name), "{name} not in:\n{extracted}");
        assert!(!text(&without).contains(name));
    }
    assert!(extracted.contains("Zürich"));
    // Only the glyphs of the names are embedded: a few KB, not the
    // megabytes of the font file.
    let added = with.len() - without.len();
    assert!(
        added < 40_000,
        "the fallback added {added} bytes (font file {file_size})"
    );
    // The same inputs and font give the same bytes.
    let again = render(&model, Some(FallbackFont::load(path, 0).unwrap()));
    assert!(with == again, "two renders with the font differ");
    // No name is left for the warning.
    let font = FallbackFont::load(path, 0).unwrap();
    assert_eq!(pdf::coverage::warning(&model, Some(&font), || None), None);
}

#[test]
fn the_cli_draws_cjk_names_with_font_and_pdftotext_reads_them() {
    let Some(path) = cjk_font() else { return };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        skipped("pdftotext is not installed (apt-get install poppler-utils)");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let run = |dir: &str| {
        let o = out.path().join(dir);
        mlbizops()
            .args(["report", TEAMS, "--rubric", RUBRIC, "--format", "pdf"])
            .args(["--date", "2026-09-30", "--out"])
            .arg(&o)
            .arg("--font")
            .arg(&path)
            .assert()
            .success()
            .stderr(predicates::str::contains("cannot draw").not());
        o.join("report.pdf")
    };
    let (a, b) = (run("a"), run("b"));
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let got = std::process::Command::new("pdftotext")
        .arg(&a)
        .arg("-")
        .output()
        .unwrap();
    let got = String::from_utf8_lossy(&got.stdout);
    for name in NAMES {
        assert!(got.contains(name), "pdftotext: {name} not in:\n{got}");
    }
}

#[test]
fn a_fallback_that_draws_nothing_leaves_the_pdf_as_it_was() {
    // DejaVu Sans as its own fallback lacks the same letters, so no run is
    // drawn with it and printpdf does not embed it: the bytes are those of
    // a PDF made without a fallback.
    let model = model();
    let font = FallbackFont::load(Path::new("fonts/DejaVuSans.ttf"), 0).unwrap();
    assert_eq!(font.family, "DejaVu Sans");
    assert!(render(&model, None) == render(&model, Some(font)));
}

#[test]
fn without_a_font_that_has_them_the_warning_names_the_groups_and_the_fix() {
    let model = model();
    let w = pdf::coverage::warning(&model, None, || Some("/fonts/cjk.ttc".into())).unwrap();
    for name in NAMES {
        assert!(w.contains(&format!("team \"{name}\"")), "{w}");
    }
    assert!(!w.contains("Zürich"), "{w}");
    assert!(
        w.contains(
            "--font FILE (this machine has /fonts/cjk.ttc, for example: --font /fonts/cjk.ttc)"
        ),
        "{w}"
    );
    let w = pdf::coverage::warning(&model, None, || None).unwrap();
    assert!(w.contains("with --font FILE (a .ttf, .otf or .ttc"), "{w}");
    // A fallback without these letters: named as lacking them too.
    let bold = FallbackFont::load(Path::new("fonts/DejaVuSans-Bold.ttf"), 0).unwrap();
    let w = pdf::coverage::warning(&model, Some(&bold), || None).unwrap();
    assert!(
        w.contains("nor fonts/DejaVuSans-Bold.ttf (DejaVu Sans) has glyphs for them"),
        "{w}"
    );
}

/// `report` of the CJK fixture with these extra arguments, into a folder
/// of its own; the assertion to check.
fn report(extra: &[&str]) -> assert_cmd::assert::Assert {
    let out = tempfile::tempdir().unwrap();
    mlbizops()
        .args(["report", TEAMS, "--rubric", RUBRIC, "--format", "pdf,html"])
        .arg("--out")
        .arg(out.path())
        .args(extra)
        .assert()
}

#[test]
fn bad_font_files_are_one_line_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).display().to_string();
    std::fs::write(p("notes.ttf"), "This is not a font.\n").unwrap();
    let dejavu = std::fs::read("fonts/DejaVuSans.ttf").unwrap();
    std::fs::write(p("cut.ttf"), &dejavu[..2000]).unwrap();
    std::fs::create_dir(p("folder.ttf")).unwrap();
    let cases: [(&[&str], String); 5] = [
        (
            &["--font", &p("missing.ttf")],
            format!("cannot read the font {}: no such file", p("missing.ttf")),
        ),
        (
            &["--font", &p("folder.ttf")],
            format!("cannot read the font {}: it is a folder", p("folder.ttf")),
        ),
        (
            &["--font", &p("notes.ttf")],
            format!(
                "cannot use the font {}: not a TrueType or OpenType font",
                p("notes.ttf")
            ),
        ),
        (
            &["--font", &p("cut.ttf")],
            format!("cannot use the font {}: ", p("cut.ttf")),
        ),
        (
            &["--font", "fonts/DejaVuSans.ttf", "--font-index", "1"],
            "cannot use the font fonts/DejaVuSans.ttf: it is a single font, not a collection (.ttc); --font-index 1 needs a collection".to_string(),
        ),
    ];
    for (args, want) in cases {
        let a = report(args)
            .code(1)
            .stderr(predicates::str::contains(want.as_str()));
        let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
        assert!(!err.contains("panicked"), "{err}");
        // Nothing is written when the font is bad.
        assert!(!err.contains("wrote"), "{err}");
    }
    // Past the size limit: refused after reading one byte more than it
    // (a sparse file, so the test writes nothing).
    let big = std::fs::File::create(p("big.ttf")).unwrap();
    big.set_len(mlbizops::limits::MAX_FONT_FILE + 1).unwrap();
    report(&["--font", &p("big.ttf")])
        .code(1)
        .stderr(predicates::str::contains(format!(
            "cannot use the font {}: larger than 64 MB",
            p("big.ttf")
        )));
    // --font-index alone is wrong usage.
    report(&["--font-index", "1"])
        .code(2)
        .stderr(predicates::str::contains(
            "--font-index chooses a font in a collection",
        ));
}

#[test]
fn a_collection_index_past_its_fonts_is_an_error() {
    let Some(path) = cjk_font() else { return };
    let path = path.display().to_string();
    report(&["--font", &path, "--font-index", "99"])
        .code(1)
        .stderr(predicates::str::contains(
            "--font-index 99 is not one of them",
        ));
    // The second face of the collection is a font too.
    report(&["--font", &path, "--font-index", "1"]).success();
}

#[test]
fn damaged_fonts_are_errors_or_fonts_never_panics() {
    // DejaVu Sans with bytes overwritten at pseudo-random places (a fixed
    // xorshift sequence): every one is refused with a message or accepted
    // and drawn with, never a panic.
    mutants(Path::new("fonts/DejaVuSans.ttf"), 40);
    // A CJK font draws the names, so its damaged copies go through
    // printpdf's subsetting too.
    if let Some(path) = cjk_font() {
        let rounds = std::env::var("MLBIZOPS_FONT_MUTANTS").map_or(12, |n| n.parse().unwrap());
        mutants(&path, rounds);
    }
}

fn mutants(path: &Path, rounds: u64) {
    let good = std::fs::read(path).unwrap();
    let model = model();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for round in 0..rounds {
        let mut bytes = good.clone();
        // Damage the table directory and the tables it points to most.
        for _ in 0..(1 + round % 8) {
            let at = if next() % 2 == 0 {
                next() % 512
            } else {
                next() % bytes.len() as u64
            };
            bytes[at as usize] = next() as u8;
        }
        match FallbackFont::from_bytes(bytes, 0, format!("mutant-{round}.ttf")) {
            Ok(font) => {
                let pdf = render(&model, Some(font));
                assert!(pdf.starts_with(b"%PDF"));
            }
            Err(e) => assert!(
                e.starts_with(&format!("cannot use the font mutant-{round}.ttf: ")),
                "{e}"
            ),
        }
    }
}

/// A workspace of one wave (the CJK fixture and its rubric) whose manifest
/// ends with `report`; its folder.
fn workspace(report: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(TEAMS, dir.path().join("teams.csv")).unwrap();
    std::fs::copy(RUBRIC, dir.path().join("rubric.toml")).unwrap();
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::write(
        dir.path().join("mlbizops.toml"),
        format!(
            "[assessment]\nrubric = \"rubric.toml\"\n\n[[wave]]\nlabel = \"2026-Q3\"\nresponses = \"teams.csv\"\n\n{report}"
        ),
    )
    .unwrap();
    dir
}

fn report_ws(ws: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    mlbizops()
        .args(["report", "--format", "pdf", "--out"])
        .arg(ws.join("out"))
        .arg(ws)
        .args(extra)
        .assert()
}

#[test]
fn the_workspace_names_its_font_under_report() {
    // A font file that is not a font: the error shows it was read.
    let ws = workspace("[report]\nfont = \"fonts/notes.ttf\"\n");
    std::fs::write(ws.path().join("fonts/notes.ttf"), "notes").unwrap();
    report_ws(ws.path(), &[])
        .code(1)
        .stderr(predicates::str::contains(
            "fonts/notes.ttf: not a TrueType or OpenType font",
        ));
    // --font overrides it.
    report_ws(ws.path(), &["--font", "fonts/DejaVuSans.ttf"]).success();
    // Like every file a manifest names: inside the workspace, and there.
    let ws = workspace("[report]\nfont = \"../elsewhere.ttf\"\n");
    report_ws(ws.path(), &[])
        .code(1)
        .stderr(predicates::str::contains(
            "`font` names a file outside the workspace folder",
        ));
    let ws = workspace("[report]\nfont = \"fonts/none.ttf\"\n");
    report_ws(ws.path(), &[])
        .code(1)
        .stderr(predicates::str::contains("no font file at"));
    let ws = workspace("[report]\nfont_index = 1\n");
    report_ws(ws.path(), &[])
        .code(1)
        .stderr(predicates::str::contains("give `font` too"));
}

#[test]
fn a_workspace_font_draws_cjk_names() {
    let Some(path) = cjk_font() else { return };
    let ws = workspace("[report]\nfont = \"fonts/cjk.ttc\"\nfont_index = 0\n");
    std::fs::copy(&path, ws.path().join("fonts/cjk.ttc")).unwrap();
    report_ws(ws.path(), &[])
        .success()
        .stderr(predicates::str::contains("cannot draw").not());
    let bytes = std::fs::read(ws.path().join("out/report.pdf")).unwrap();
    let extracted = text(&bytes);
    for name in NAMES {
        assert!(extracted.contains(name), "{name} not in:\n{extracted}");
    }
}

#[test]
fn rubric_text_the_pdf_cannot_draw_is_counted_in_the_warning() {
    // A dimension named and a statement written in Japanese.
    let dir = tempfile::tempdir().unwrap();
    let rubric = std::fs::read_to_string(RUBRIC)
        .unwrap()
        .replace("name = \"Dimension A\"", "name = \"次元A：準備度\"")
        .replace(
            "text = \"We do the first thing.\"",
            "text = \"私たちは生成AIを日常業務で活用しています。\"",
        );
    let path = dir.path().join("rubric.toml");
    std::fs::write(&path, rubric).unwrap();
    let r = mlbizops::rubric::load(Some(&path)).unwrap().rubric;
    let scores = score_file(&r, Path::new(TEAMS), &ScoreOptions::default()).unwrap();
    let model = report::build(&r, &scores, &ReportOptions::default());
    let w = pdf::coverage::warning(&model, None, || None).unwrap();
    assert!(w.contains("team \"工程部\""), "{w}");
    assert!(w.contains("other texts such as \""), "{w}");
    // Sentences that only name a listed team are not counted again: with
    // the rubric's own text, nothing else is missing.
    let r = mlbizops::rubric::load(Some(Path::new(RUBRIC)))
        .unwrap()
        .rubric;
    let scores = score_file(&r, Path::new(TEAMS), &ScoreOptions::default()).unwrap();
    let model = report::build(&r, &scores, &ReportOptions::default());
    let w = pdf::coverage::warning(&model, None, || None).unwrap();
    assert!(!w.contains("other text"), "{w}");
}
