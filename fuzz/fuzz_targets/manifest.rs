//! A workspace manifest (`mlbizops.toml`, any text) in a folder holding the
//! test workspace's surveys and rubrics: read, its diagnostics shown, and a
//! manifest that reads is run through `mlbizops report` (every wave scored
//! and compared, targets, the Markdown, HTML and JSON report).

#![no_main]

#[path = "common/mod.rs"]
mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use clap::Parser;
use libfuzzer_sys::fuzz_target;

fn workspace() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::scratch().join("ws");
        std::fs::create_dir_all(&dir).expect("scratch workspace");
        for f in ["w1.csv", "w2.csv", "rubric-2025.toml", "rubric-2026.toml"] {
            std::fs::copy(common::fixtures().join("workspace").join(f), dir.join(f)).expect("copy");
        }
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = workspace();
    std::fs::write(dir.join("mlbizops.toml"), data).expect("scratch manifest");
    match mlbizops::workspace::load(dir, false) {
        Err(mlbizops::workspace::WorkspaceError::Invalid(diags)) => {
            assert!(diags.iter().any(|d| d.is_error()), "invalid with no error");
            for d in &diags {
                assert!(!d.render(false).is_empty());
            }
            return;
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
        Ok(ws) => {
            assert!(!ws.waves.is_empty(), "a workspace with no wave read");
            let _ = ws.pick(None);
            let _ = ws.pick(Some("2026-Q1"));
        }
    }
    let out = common::scratch().join("ws-out");
    let args = [
        "mlbizops",
        "report",
        dir.to_str().expect("UTF-8 path"),
        "--out",
        out.to_str().expect("UTF-8 path"),
        "--format",
        "md,html,json",
    ];
    let cli = mlbizops::cli::Cli::try_parse_from(args).expect("arguments");
    if let Err(e) = mlbizops::cli::run(cli) {
        assert!(matches!(e.exit_code(), 1 | 2));
        assert!(!e.render(false).is_empty());
    }
});
