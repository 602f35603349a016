//! Errors about input files, in the house format
//! `FILE:LINE: column "NAME": what was expected, found what`.
//! A loader collects every problem of a file and returns them all at once.

use std::fmt;

/// One problem found in one place of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it.
    pub file: String,
    /// The 1-based line, when the problem has one.
    pub line: Option<u64>,
    /// The column's header name, when the problem is in one cell.
    pub column: Option<String>,
    /// What was expected and what was found, in words.
    pub message: String,
}

impl LoadError {
    /// A problem with the file as a whole (unreadable, empty, wrong encoding).
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        LoadError {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem on one line, in one column if given.
    pub fn at(file: &str, line: u64, column: Option<&str>, message: impl Into<String>) -> Self {
        LoadError {
            file: file.to_string(),
            line: Some(line),
            column: column.map(str::to_string),
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(col) = &self.column {
            write!(f, "column \"{col}\": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// The most problems listed for one load (the last of them says there were more).
pub const MAX_LISTED: usize = 10_000;

/// Every problem found in one or more files, in the order found.
#[derive(Debug, Clone, PartialEq, Eq, Default, thiserror::Error)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl LoadErrors {
    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a problem. Past [`MAX_LISTED`] problems, one last line says
    /// that more were found and the rest are not kept (a file of 200,000
    /// wrong rows gives a list nobody reads, and fills the memory).
    pub fn push(&mut self, e: LoadError) {
        match self.0.len() {
            n if n + 1 < MAX_LISTED => self.0.push(e),
            n if n + 1 == MAX_LISTED => self.0.push(LoadError {
                message: format!(
                    "and more problems: only the first {} are listed; correct these and check the file again",
                    MAX_LISTED - 1
                ),
                line: None,
                column: None,
                ..e
            }),
            _ => {}
        }
    }

    /// `Ok(value)` when no problem was found, else all the problems.
    pub fn into_result<T>(self, value: T) -> Result<T, LoadErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// A failure to write a file. The old file, if any, is left as it was.
#[derive(Debug, thiserror::Error)]
#[error("{path}: could not save: {source}. The previous file, if any, is unchanged.")]
pub struct SaveError {
    /// The file that was to be written.
    pub path: String,
    /// What the operating system said.
    #[source]
    pub source: std::io::Error,
}

/// Both values, or every problem of both (the first's problems first).
pub fn both<A, B>(
    a: Result<A, LoadErrors>,
    b: Result<B, LoadErrors>,
) -> Result<(A, B), LoadErrors> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let mut all = LoadErrors::default();
            for e in [a.err(), b.err()].into_iter().flatten() {
                all.0.extend(e.0);
            }
            Err(all)
        }
    }
}
