//! Reading and writing the CSV files staff edit in spreadsheets.
//!
//! Tolerates what spreadsheets do: a UTF-8 byte order mark, UTF-16 (Excel's
//! "Unicode text"), CRLF or mixed line endings, quoted fields, semicolons or
//! tabs instead of commas, trailing empty rows and trailing empty cells,
//! columns in any order. Refuses with a message what it cannot read safely:
//! text that is not UTF-8, NUL bytes, unknown or missing columns.
//! Writing is atomic: a temporary file in the same folder, then a rename.
//!
//! Here, what a table is; reading in `read.rs`, writing in `write.rs`
//! (cells a spreadsheet would run as formulas neutralised), and writing
//! a file atomically in `atomic.rs`.

mod atomic;
mod read;
mod write;

pub use atomic::{remove_stale_temporaries, write_atomic};
pub use read::{header_names, is_table_file, read_table};
pub use write::{neutralise, to_csv};

use std::collections::HashMap;

/// What the CSV reader and the workbook reader share, at the paths they
/// had here.
pub use crate::data::cells::{CellProblem, clip};
pub use crate::data::limits::{too_large, too_many_rows};

/// The longest text accepted in one cell, in characters.
pub use crate::data::limits::MAX_CELL_CHARS;

/// A column a file may or must have.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// The header name, lower case with underscores.
    pub name: &'static str,
    /// Whether the file must have it.
    pub required: bool,
}

/// One data row: its 1-based line in the file and its cells by column.
#[derive(Debug, Clone)]
pub struct Row {
    /// The line where the row starts.
    pub line: u64,
    cells: Vec<String>,
}

impl Row {
    /// The cell of column `col` (as placed by [`Table::col`]), trimmed; empty
    /// when the row is shorter.
    pub fn get(&self, col: Option<usize>) -> &str {
        col.and_then(|i| self.cells.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// A CSV file read into rows, with its header mapped to known columns.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file's name as given.
    pub file: String,
    /// The data rows, empty rows dropped.
    pub rows: Vec<Row>,
    index: HashMap<&'static str, usize>,
}

impl Table {
    /// The position of a known column, if the file has it.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::write::unneutralise;
    use super::*;

    const COLS: &[ColumnSpec] = &[
        ColumnSpec {
            name: "member",
            required: true,
        },
        ColumnSpec {
            name: "age",
            required: false,
        },
    ];

    #[test]
    fn spreadsheet_quirks_are_read() {
        let t = read_table(
            "f.csv",
            b"\xEF\xBB\xBFAge;Member\r\n30;\"Bano, A\"\r\n\r\n;;\r\n",
            COLS,
        )
        .unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].get(t.col("member")), "Bano, A");
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn utf16_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "member\nسلمیٰ\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let t = read_table("f.csv", &bytes, COLS).unwrap();
        assert_eq!(t.rows[0].get(t.col("member")), "سلمیٰ");
    }

    #[test]
    fn all_header_problems_at_once() {
        let e = read_table("f.csv", b"agee,x\n1,2\n", COLS).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("f.csv:1: column \"agee\": unknown column"),
            "{text}"
        );
        assert!(text.contains("f.csv:1: column \"x\""), "{text}");
        assert!(
            text.contains("column \"member\": this required column is missing"),
            "{text}"
        );
    }

    #[test]
    fn windows_code_pages_are_read_and_others_say_how_to_save() {
        // Windows-1252, as Excel saves "CSV (Comma delimited)" in English.
        let t = read_table("f.csv", b"member\nCaf\xe9\n", COLS).unwrap();
        assert_eq!(t.rows[0].get(t.col("member")), "Caf\u{e9}");
        // Binary bytes are not text in any code page.
        let e = read_table("f.csv", b"member\nCaf\xe9\x01\x02\n", COLS).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("f.csv:2: the text is not UTF-8, nor Windows-1252 or Windows-1256"),
            "{e}"
        );
    }

    #[test]
    fn neutralised_cells_round_trip() {
        for (cell, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-2+3", "'-2+3"),
            ("\t=1", "'\t=1"),
            ("'=x", "''=x"),
            ("''=x", "'''=x"),
            ("'-5", "''-5"),
            ("'-", "''-"),
            ("-6000", "-6000"),
            ("-12.50", "-12.50"),
            ("-5%", "-5%"),
            ("-", "-"),
            ("'plain", "'plain"),
            ("Kashf", "Kashf"),
        ] {
            assert_eq!(neutralise(cell), written, "{cell}");
            assert_eq!(unneutralise(&neutralise(cell)), cell, "{cell}");
        }
        // Written by earlier versions, which neutralised negative numbers too.
        assert_eq!(unneutralise("'-5"), "-5");
        let csv = String::from_utf8(to_csv(&["a"], &[vec!["=1+1"]])).unwrap();
        assert_eq!(csv, "a\n'=1+1\n");
    }
}
