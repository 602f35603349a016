//! What the readers of a table say about a cell: a cell a workbook could
//! not give as text, and a value shortened for a message. The CSV reader
//! and the workbook reader both use them.

/// A cell a workbook could not give as text (a date outside the calendar,
/// a formula with no saved value...), reported under its column's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// The sheet's row number (1-based), as the line of messages.
    pub line: u64,
    /// The column, from 0.
    pub col: usize,
    /// The cell's reference as the spreadsheet shows it ("D7").
    pub cell: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// Shortens a value for an error message.
pub fn clip(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        let head: String = s.chars().take(57).collect();
        format!("{head}...")
    }
}
