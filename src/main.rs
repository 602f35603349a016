//! `mfi-compare`: with no arguments, the desktop app on the built-in Kasur
//! 2010 study; with a command (`check`, `price`, `schedule`, `score`, ...),
//! the command line over the same library.

mod app;
mod pdf;

// Scoring makes many small, short-lived allocations (reasons, names);
// mimalloc frees a large evaluation several times faster than glibc's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() <= 1 {
        if let Err(e) = app::run() {
            eprintln!(
                "The app could not start: {e}. The command line still works: mfi-compare --help"
            );
            std::process::exit(1);
        }
        return;
    }
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = mfi_compare::cli::run_with(
        &args,
        &mut stdout.lock(),
        &mut stderr.lock(),
        Some(pdf::render_bytes),
    );
    std::process::exit(code);
}
