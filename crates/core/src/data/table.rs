//! Reading and writing the CSV files staff edit in spreadsheets.
//!
//! Tolerates what spreadsheets do: a UTF-8 byte order mark, UTF-16 (Excel's
//! "Unicode text"), CRLF or mixed line endings, quoted fields, semicolons or
//! tabs instead of commas, trailing empty rows and trailing empty cells,
//! columns in any order. Refuses with a message what it cannot read safely:
//! text that is not UTF-8, NUL bytes, unknown or missing columns.
//! Writing is atomic: a temporary file in the same folder, then a rename.

use crate::error::{LoadError, LoadErrors, SaveError};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// The longest text accepted in one cell, in characters.
pub const MAX_CELL_CHARS: usize = 2000;

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

/// Normalises a header cell: "Loan Amount " -> "loan_amount".
fn normalise_header(h: &str) -> String {
    let mut out = String::new();
    for c in h.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// Turns bytes into text, or says why it cannot and what to do.
fn decode(file: &str, bytes: &[u8]) -> Result<String, LoadError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(file, rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(file, rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(pos) = s.find('\0') {
                let line = 1 + s[..pos].matches('\n').count() as u64;
                return Err(LoadError::at(
                    file,
                    line,
                    None,
                    "the file contains NUL bytes, so it is not a CSV text file: save it from the spreadsheet as CSV",
                ));
            }
            Ok(s.to_string())
        }
        Err(e) => {
            // Excel on Windows saves "CSV (Comma delimited)" in the system's
            // code page: Windows-1252 (English), Windows-1256 (Urdu, Arabic).
            // chardetng tells them apart from the text; anything else is
            // refused, saying how to save as UTF-8.
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let guess = detector.guess(None, false);
            if guess == encoding_rs::WINDOWS_1252 || guess == encoding_rs::WINDOWS_1256 {
                let (text, malformed) = guess.decode_without_bom_handling(bytes);
                // Text, not bytes that happen to decode: no control
                // characters but tab and line breaks.
                let controls = text
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'));
                if !malformed && !controls {
                    return Ok(text.into_owned());
                }
            }
            let good = &bytes[..e.valid_up_to()];
            let line = 1 + good.iter().filter(|b| **b == b'\n').count() as u64;
            Err(LoadError::at(
                file,
                line,
                None,
                format!(
                    "the text is not UTF-8, nor Windows-1252 or Windows-1256 (it looks like {}): in Excel use Save As \"CSV UTF-8 (Comma delimited)\", in LibreOffice choose the character set \"Unicode (UTF-8)\"",
                    guess.name()
                ),
            ))
        }
    }
}

fn decode_utf16(file: &str, bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, LoadError> {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let text: Result<String, _> = char::decode_utf16(units).collect();
    match text {
        Ok(t) if bytes.len().is_multiple_of(2) => Ok(t),
        _ => Err(LoadError::file(
            file,
            "the file starts like UTF-16 text but is damaged: save it from the spreadsheet as \"CSV UTF-8\"",
        )),
    }
}

/// Picks the delimiter the header line uses most: comma, semicolon or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut in_quotes = false;
    let mut counts = [0usize; 3];
    for c in first.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => counts[0] += 1,
            ';' if !in_quotes => counts[1] += 1,
            '\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    if counts[1] > counts[0] && counts[1] >= counts[2] {
        b';'
    } else if counts[2] > counts[0] && counts[2] > counts[1] {
        b'\t'
    } else {
        b','
    }
}

/// Undoes the formula neutralisation done on writing ("'=x" -> "=x").
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// Turns byte offsets of records into 1-based line numbers. The csv crate's
/// own line count lags on CRLF files, so lines are counted here: a record
/// starts at the first byte after its offset that is not a line break.
struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = (byte as usize).min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.text[self.pos..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.pos = start;
        self.line
    }
}

/// The first row's cells of a CSV file or a workbook's first sheet,
/// normalised as headers are ("Loan Amount" -> "loan_amount"); empty when
/// the file cannot be read (its loader then says why).
pub fn header_names(file: &str, bytes: &[u8]) -> Vec<String> {
    let first: Vec<String> = if crate::data::workbook::is_workbook(bytes) {
        crate::data::workbook::first_sheet(file, bytes)
            .ok()
            .and_then(|(_, rows)| rows.into_iter().next())
            .map(|(_, cells)| cells)
            .unwrap_or_default()
    } else {
        let Ok(text) = decode(file, bytes) else {
            return Vec::new();
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sniff_delimiter(&text))
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut first = Vec::new();
        while let Ok(true) = reader.read_record(&mut record) {
            if !record.iter().all(|c| c.trim().is_empty()) {
                first = record.iter().map(str::to_string).collect();
                break;
            }
        }
        first
    };
    first.iter().map(|c| normalise_header(c)).collect()
}

/// Whether a file name is one `read_table` reads: a CSV file or an Excel
/// workbook.
pub fn is_table_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("xlsx"))
}

/// Reads a CSV file's bytes into a table, checking its header against the
/// known columns. Every problem is reported, not just the first.
pub fn read_table(file: &str, bytes: &[u8], columns: &[ColumnSpec]) -> Result<Table, LoadErrors> {
    if crate::data::workbook::is_workbook(bytes) {
        let (label, records) =
            crate::data::workbook::first_sheet(file, bytes).map_err(|e| LoadErrors(vec![e]))?;
        return check_table(&label, records, columns, LoadErrors::default());
    }
    let mut errors = LoadErrors::default();
    let text = decode(file, bytes).map_err(|e| LoadErrors(vec![e]))?;
    if text.trim().is_empty() {
        return Err(LoadErrors(vec![LoadError::file(
            file,
            format!(
                "the file is empty: expected a header line with the columns {}",
                column_list(columns)
            ),
        )]));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut header: Option<(u64, Vec<String>)> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter {
        text: text.as_bytes(),
        pos: 0,
        line: 1,
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(LoadError::at(
                    file,
                    line,
                    None,
                    format!("cannot read this line: {e}"),
                ));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = lines.line_at(record.position().map(|p| p.byte()).unwrap_or(0));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if header.is_none() {
            header = Some((line, record.iter().map(|c| c.to_string()).collect()));
            continue;
        }
        let cells: Vec<String> = record.iter().map(|c| unneutralise(c).to_string()).collect();
        rows.push((line, cells));
    }
    check_table(file, rows_with(header, rows), columns, errors)
}

/// The header first, then the rows, as `check_table` takes them.
fn rows_with(
    header: Option<(u64, Vec<String>)>,
    rows: Vec<(u64, Vec<String>)>,
) -> Vec<(u64, Vec<String>)> {
    header.into_iter().chain(rows).collect()
}

/// The rows of a file (a CSV text's records or a workbook's sheet), its
/// first non-empty row the header: checked against the known columns, every
/// problem reported.
fn check_table(
    file: &str,
    records: Vec<(u64, Vec<String>)>,
    columns: &[ColumnSpec],
    mut errors: LoadErrors,
) -> Result<Table, LoadErrors> {
    let mut records = records
        .into_iter()
        .filter(|(_, cells)| !cells.iter().all(|c| c.trim().is_empty()));
    let header = records.next().map(|(line, cells)| {
        (
            line,
            cells
                .iter()
                .map(|c| normalise_header(c))
                .collect::<Vec<String>>(),
        )
    });
    let rows: Vec<Row> = records.map(|(line, cells)| Row { line, cells }).collect();
    let Some((header_line, names)) = header else {
        errors.push(LoadError::file(file, "the file has no header line"));
        return Err(errors);
    };
    let mut index = HashMap::new();
    let mut positions: Vec<Option<&'static str>> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match columns.iter().find(|c| c.name == name.as_str()) {
            Some(spec) => {
                if index.insert(spec.name, i).is_some() {
                    errors.push(LoadError::at(
                        file,
                        header_line,
                        Some(spec.name),
                        "this column appears twice in the header",
                    ));
                }
                positions.push(Some(spec.name));
            }
            None if name.is_empty() => positions.push(None),
            None => {
                errors.push(LoadError::at(
                    file,
                    header_line,
                    Some(name),
                    format!(
                        "unknown column: expected only the columns {} (remove it or fix its name; it would not be saved)",
                        column_list(columns)
                    ),
                ));
                positions.push(None);
            }
        }
    }
    for spec in columns.iter().filter(|c| c.required) {
        if !index.contains_key(spec.name) {
            errors.push(LoadError::at(
                file,
                header_line,
                Some(spec.name),
                "this required column is missing from the header",
            ));
        }
    }
    for row in &rows {
        for (i, cell) in row.cells.iter().enumerate() {
            let named = positions.get(i).copied().flatten();
            if named.is_none() && !cell.trim().is_empty() {
                let what = if i >= names.len() {
                    "past the last column"
                } else {
                    "under an empty or unknown header"
                };
                errors.push(LoadError::at(
                    file,
                    row.line,
                    None,
                    format!("cell {} \"{}\" is {what}", i + 1, clip(cell)),
                ));
            }
            if cell.chars().count() > MAX_CELL_CHARS {
                errors.push(LoadError::at(
                    file,
                    row.line,
                    named,
                    format!(
                        "the cell holds {} characters; at most {MAX_CELL_CHARS} are expected",
                        cell.chars().count()
                    ),
                ));
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(LoadError::at(
            file,
            header_line,
            None,
            "the file has a header but no rows",
        ));
    }
    errors.into_result(Table {
        file: file.to_string(),
        rows,
        index,
    })
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

fn column_list(columns: &[ColumnSpec]) -> String {
    columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Makes a text cell safe to open in a spreadsheet: a text starting with
/// `=`, `+`, `-` or `@` gets a leading apostrophe so it is not run as a
/// formula. Numbers (which never go through here) stay numbers.
pub fn neutralise(cell: &str) -> String {
    let formula_like = |s: &str| s.starts_with(['=', '+', '-', '@']);
    if formula_like(cell) || cell.strip_prefix('\'').is_some_and(formula_like) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Writes rows as CSV text (comma separated, quoted where needed).
pub fn to_csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same
/// folder, flushed to disk, then renamed over the target. On failure the
/// old file is untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.display().to_string(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        } // Closed before the rename: Windows renames no open file.
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
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
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(unneutralise("'=HYPERLINK(\"x\")"), "=HYPERLINK(\"x\")");
        assert_eq!(unneutralise("'plain"), "'plain");
    }
}
