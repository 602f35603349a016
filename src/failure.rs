//! How a command fails, and the exit code and message for each way.

use mfi_core::error::{LoadErrors, SaveError};

/// Exit code: success (also when the reader of our output went away, as
/// with `mfi-compare score | head`).
pub const EXIT_OK: i32 = 0;
/// Exit code: the data has problems (every one is printed), or some of a
/// batch failed.
pub const EXIT_DATA: i32 = 1;
/// Exit code: the command was used wrongly.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: the output could not be written (a full disk, a folder that
/// cannot be written, standard output closed with an error).
pub const EXIT_OUTPUT: i32 = 3;

/// How a command failed.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the data files.
    Data(LoadErrors),
    /// A wrong use of the command.
    Usage(String),
    /// Some of the work failed (each failure already reported); the rest is done.
    Partial(String),
    /// Something could not be written: standard output, or a file.
    Output {
        /// What went wrong, naming what was being written.
        message: String,
        /// The kind of the underlying error.
        kind: std::io::ErrorKind,
    },
}

impl From<LoadErrors> for Failure {
    fn from(e: LoadErrors) -> Self {
        Failure::Data(e)
    }
}

/// A write to standard output that failed.
impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Output {
            message: format!("standard output: could not write: {e}"),
            kind: e.kind(),
        }
    }
}

impl From<SaveError> for Failure {
    fn from(e: SaveError) -> Self {
        Failure::Output {
            message: e.to_string(),
            kind: e.source.kind(),
        }
    }
}

impl Failure {
    /// The exit code, and the message for standard error (none when the
    /// reader of standard output has gone: that is how pipes end).
    pub fn outcome(&self) -> (i32, Option<String>) {
        match self {
            Failure::Data(errors) => (
                EXIT_DATA,
                Some(format!("{errors}\n{} problem(s) found.", errors.0.len())),
            ),
            Failure::Usage(msg) => (EXIT_USAGE, Some(format!("error: {msg}"))),
            Failure::Partial(msg) => (EXIT_DATA, Some(msg.clone())),
            Failure::Output { kind, .. } if *kind == std::io::ErrorKind::BrokenPipe => {
                (EXIT_OK, None)
            }
            Failure::Output { message, .. } => (EXIT_OUTPUT, Some(message.clone())),
        }
    }
}
