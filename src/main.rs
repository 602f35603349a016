//! The `mfi-compare` command line (the desktop app comes with a later issue).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = mfi_compare::cli::run(&args, &mut stdout.lock(), &mut stderr.lock());
    std::process::exit(code);
}
