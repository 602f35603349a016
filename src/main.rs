//! `mfi-compare`: with no arguments, the desktop app on the built-in Kasur
//! 2010 study; with a command (`check`, `price`, `schedule`, `score`,
//! `report`, `batch`, `generate`, `card`), the command line over the same core.
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
    if let Some(asked) = app_args(&args) {
        std::process::exit(run_app(asked));
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

/// The app's arguments: none (the default renderer), or `--renderer
/// glow|wgpu`. `None` when they are a command's.
fn app_args(args: &[std::ffi::OsString]) -> Option<Option<mfi_app::Renderer>> {
    let rest: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match rest.as_slice() {
        [] => Some(None),
        [flag, name] if flag == "--renderer" => Some(Some(parse_renderer(name))),
        [flag] if flag.starts_with("--renderer=") => {
            Some(Some(parse_renderer(&flag["--renderer=".len()..])))
        }
        _ => None,
    }
}

fn parse_renderer(name: &str) -> mfi_app::Renderer {
    mfi_app::Renderer::parse(name).unwrap_or_else(|| {
        tell(&format!(
            "--renderer: expected glow or wgpu, found \"{name}\"\n"
        ));
        std::process::exit(EXIT_USAGE)
    })
}

/// Runs the app with the renderer asked for, or the default; when the
/// default cannot start, says so and starts again with the other one (in a
/// new process: a window system allows one event loop a process). Returns
/// the exit code.
fn run_app(asked: Option<mfi_app::Renderer>) -> i32 {
    // The renderer to try first: asked for, or set for this computer in
    // MFI_COMPARE_RENDERER (falls back like the default), or the default.
    let preferred = std::env::var("MFI_COMPARE_RENDERER")
        .ok()
        .and_then(|r| mfi_app::Renderer::parse(&r));
    let renderer = asked.or(preferred).unwrap_or(mfi_app::Renderer::DEFAULT);
    let Err(e) = mfi_app::run(renderer) else {
        return EXIT_OK;
    };
    let other = renderer.other();
    if asked.is_some() || std::env::var_os(FALLBACK_ENV).is_some() {
        tell(&format!(
            "The app could not start with the {} renderer: {e}. Try --renderer {}; the command line still works: mfi-compare --help\n",
            renderer.name(),
            other.name()
        ));
        return 1;
    }
    tell(&format!(
        "The {} renderer could not start ({e}); starting again with {}.\n",
        renderer.name(),
        other.name()
    ));
    let again = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .args(["--renderer", other.name()])
            .env(FALLBACK_ENV, renderer.name())
            .status()
    });
    match again {
        Ok(status) => status.code().unwrap_or(1),
        Err(e) => {
            tell(&format!(
                "The app could not start again with {}: {e}\n",
                other.name()
            ));
            1
        }
    }
}

/// Set in the process started again with the other renderer: the name of
/// the one that failed (the app says so in its status line).
const FALLBACK_ENV: &str = "MFI_COMPARE_RENDERER_FAILED";

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
        Some(Command::Schedule(a)) => {
            let stderr = std::io::stderr();
            commands::schedule::run(&a, out, &mut stderr.lock())
        }
        Some(Command::Score(a)) => commands::score::run(&a, out),
        Some(Command::Report(a)) => commands::report::run(&a, out),
        Some(Command::Forms(a)) => commands::forms::run(&a, out),
        Some(Command::Generate(a)) => commands::generate::run(&a, out),
        Some(Command::Card(a)) => commands::card::run(&a, out),
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
