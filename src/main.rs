//! `mfi-compare`: with no arguments, the desktop app on the built-in Kasur
//! 2010 study; with a command (`check`, `price`, `schedule`, `score`,
//! `report`, `batch`, `generate`), the command line over the same core.
//!
//! `main` calls `try_main`, which returns how the command failed;
//! `main` prints that once and exits with its code (see `failure`).

mod args;
mod commands;
mod failure;

use clap::Parser;
use failure::{EXIT_OK, EXIT_USAGE, Failure};
use std::io::Write;

// Scoring makes many small, short-lived allocations (reasons, names);
// mimalloc frees a large evaluation several times faster than glibc's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() <= 1 {
        if let Err(e) = mfi_app::run() {
            tell(&format!(
                "The app could not start: {e}. The command line still works: mfi-compare --help\n"
            ));
            std::process::exit(1);
        }
        return;
    }
    let code = match try_main(args) {
        Ok(()) => EXIT_OK,
        Err(f) => {
            let (code, message) = f.outcome();
            if let Some(m) = message {
                tell(&format!("{m}\n"));
            }
            code
        }
    };
    std::process::exit(code);
}

/// Parses the arguments and runs the command, writing to standard output
/// (and, for `batch`, each file's problems to standard error).
fn try_main(args: Vec<std::ffi::OsString>) -> Result<(), Failure> {
    let cli = match args::Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            tell(&e.render().to_string());
            std::process::exit(EXIT_USAGE);
        }
        // --help and --version: the text on standard output.
        Err(e) => {
            write!(std::io::stdout().lock(), "{}", e.render())?;
            return Ok(());
        }
    };
    let stdout = std::io::stdout();
    let out = &mut stdout.lock();
    use args::Command;
    let result = match cli.command {
        None => commands::check::run(&args::CheckArgs::default(), out),
        Some(Command::Check(a)) => commands::check::run(&a, out),
        Some(Command::Price(a)) => commands::price::run(&a, out),
        Some(Command::Schedule(a)) => commands::schedule::run(&a, out),
        Some(Command::Score(a)) => commands::score::run(&a, out),
        Some(Command::Report(a)) => commands::report::run(&a, out),
        Some(Command::Generate(a)) => commands::generate::run(&a, out),
        Some(Command::Batch(a)) => {
            let stderr = std::io::stderr();
            commands::batch::run(&a, out, &mut stderr.lock())
        }
    };
    result?;
    out.flush()?;
    Ok(())
}

/// Writes to standard error. When even that fails there is nobody left to
/// tell: the exit code still says what happened.
fn tell(text: &str) {
    if std::io::stderr().lock().write_all(text.as_bytes()).is_err() {
        // Nothing more can be said.
    }
}
