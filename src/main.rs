//! The `mlbizops` binary: parse arguments, run, map the outcome to an exit code.
//! Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;
use mlbizops::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!(
                "{}",
                e.render(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            );
            ExitCode::from(e.exit_code())
        }
    }
}
