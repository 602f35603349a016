//! One file per command. Each reads its arguments, calls the core, and
//! writes what the core's `output` module formats; every write is checked.

pub mod batch;
pub mod card;
pub mod check;
pub mod forms;
pub mod generate;
pub mod price;
pub mod report;
pub mod schedule;
pub mod score;

use crate::failure::Failure;
use std::io::Write;
use std::path::Path;

/// Whether an output path is `-`, standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes a command's output file: to standard output for `-o -` (the way
/// to stream, since a device or a pipe named as a file is never replaced),
/// else atomically ([`mfi_core::data::table::write_atomic`]).
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if is_stdout(path) {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
        return Ok(());
    }
    mfi_core::data::table::write_atomic(path, bytes)?;
    Ok(())
}
