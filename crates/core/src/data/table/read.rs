//! Reading a CSV file or a workbook's first sheet as a table: its text
//! decoded, its delimiter sniffed, its rows and cells checked against the
//! columns a file may or must have, every problem at once, each named by
//! its line and column.

use super::write::unneutralise;
use super::{ColumnSpec, Row, Table};
use crate::data::cells::{CellProblem, clip};
use crate::data::limits::{
    self, MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, too_large,
    too_many_rows,
};
use crate::error::{LoadError, LoadErrors};
use std::collections::HashMap;
use std::path::Path;

/// The columns whose cells may hold several lines (free text, and a
/// member's items, debts and months, which a spreadsheet user may list one
/// per line); a quoted cell that runs over line ends anywhere else is a
/// stray quote.
const MULTILINE_COLUMNS: &[&str] = &[
    "notes",
    "note",
    "source",
    "items",
    "other_repayments",
    "sales_by_month",
    "costs_by_month",
];

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
                let line = line_of(s.as_bytes(), pos);
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
            let line = line_of(bytes, e.valid_up_to());
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

/// The line ends in some text as a person counts lines: CRLF (Windows), LF
/// and a lone CR (old Macs, some exports) each end one line.
fn line_ends(text: &[u8]) -> u64 {
    let mut n = 0;
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        if b == b'\n' {
            n += 1;
        } else if b == b'\r' {
            n += 1;
            if text.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        }
        i += 1;
    }
    n
}

/// The 1-based line of a byte offset.
fn line_of(text: &[u8], byte: usize) -> u64 {
    1 + line_ends(&text[..byte.min(text.len())])
}

/// Where a quoted cell opens and is never closed, so that the CSV reader
/// takes the rest of the file into it: the byte offset of its opening quote.
/// Quotes are read as the CSV reader reads them: a quote opens a quoted cell
/// only at the start of a cell, and "" inside one is a quote.
fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        CellStart,
        InCell,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::CellStart;
    let mut open = 0;
    for (i, &b) in text.iter().enumerate() {
        let ends_cell = b == delimiter || b == b'\n' || b == b'\r';
        state = match state {
            State::CellStart if b == b'"' => {
                open = i;
                State::Quoted
            }
            State::CellStart | State::InCell | State::QuoteInQuoted if ends_cell => {
                State::CellStart
            }
            State::CellStart | State::InCell => State::InCell,
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::QuoteInQuoted => State::InCell,
        };
    }
    (state == State::Quoted).then_some(open)
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
        self.line += line_ends(&self.text[self.pos..start]);
        self.pos = start;
        self.line
    }
}

/// The first row's cells of a CSV file or a workbook's first sheet,
/// normalised as headers are ("Loan Amount" -> "loan_amount"); empty when
/// the file cannot be read (its loader then says why).
pub fn header_names(file: &str, bytes: &[u8]) -> Vec<String> {
    if bytes.len() as u64 > MAX_FILE_BYTES || crate::data::workbook::look_alike(bytes).is_some() {
        return Vec::new();
    }
    let first: Vec<String> = if crate::data::workbook::is_workbook(bytes) {
        crate::data::workbook::first_sheet(file, bytes)
            .ok()
            .and_then(|sheet| sheet.rows.into_iter().next())
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
                first = record
                    .iter()
                    .take(MAX_COLUMNS)
                    .map(str::to_string)
                    .collect();
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

/// Reads a CSV file's (or a workbook's) bytes into a table, checking its
/// header against the known columns. Every problem is reported, not just
/// the first.
pub fn read_table(file: &str, bytes: &[u8], columns: &[ColumnSpec]) -> Result<Table, LoadErrors> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadErrors(vec![too_large(file)]));
    }
    if let Some(what) = crate::data::workbook::look_alike(bytes) {
        return Err(LoadErrors(vec![LoadError::file(file, what)]));
    }
    if crate::data::workbook::is_workbook(bytes) {
        let sheet = crate::data::workbook::first_sheet(file, bytes)?;
        return check_table(
            &sheet.label,
            sheet.rows,
            &sheet.problems,
            columns,
            LoadErrors::default(),
        );
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
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records: Vec<(u64, Vec<String>)> = Vec::new();
    let mut cells_read = 0usize;
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
                let line = e
                    .position()
                    .map(|p| line_of(text.as_bytes(), p.byte() as usize))
                    .unwrap_or(0);
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
        // Trailing empty cells are ignored (spreadsheets pad rows with them).
        let used = (0..record.len())
            .rev()
            .find(|&i| record.get(i).is_some_and(|c| !c.trim().is_empty()))
            .map_or(0, |i| i + 1);
        if used == 0 {
            continue;
        }
        if used > MAX_COLUMNS {
            errors.push(LoadError::at(
                file,
                line,
                None,
                format!(
                    "the line has {} cells; at most {MAX_COLUMNS} columns are expected: remove the cells to the right of the table",
                    limits::count(used as u64)
                ),
            ));
            continue;
        }
        // The header and at most MAX_ROWS data rows, of MAX_CELLS cells.
        if records.len() > MAX_ROWS {
            errors.push(too_many_rows(file, line));
            break;
        }
        cells_read += used;
        if cells_read > MAX_CELLS {
            errors.push(LoadError::at(
                file,
                line,
                None,
                format!(
                    "the file holds more than {} cells, the most this tool reads from one table: split it into several files (one per CO)",
                    limits::count(MAX_CELLS as u64)
                ),
            ));
            break;
        }
        let header = records.is_empty();
        let cells: Vec<String> = record
            .iter()
            .take(used)
            .map(|c| if header { c } else { unneutralise(c) }.to_string())
            .collect();
        records.push((line, cells));
    }
    quotes_and_marks(file, &text, delimiter, &records, &mut errors);
    check_table(file, records, &[], columns, errors)
}

/// What a CSV reader accepts without a word but a person did not mean: a
/// stray quote that takes the lines after it into one cell (their rows
/// would vanish), and a byte order mark inside the text (two files joined
/// into one, which makes "\u{FEFF}Asasah" a look-alike of "Asasah").
fn quotes_and_marks(
    file: &str,
    text: &str,
    delimiter: u8,
    records: &[(u64, Vec<String>)],
    errors: &mut LoadErrors,
) {
    let header: Vec<String> = records
        .first()
        .map(|(_, cells)| cells.iter().map(|c| normalise_header(c)).collect())
        .unwrap_or_default();
    // A quote never closed, when something follows it: one left open on
    // the last line takes nothing with it.
    let unclosed = unclosed_quote(text.as_bytes(), delimiter).and_then(|at| {
        let rest = text.get(at..)?;
        let after = rest.find(['\n', '\r']).and_then(|i| rest.get(i..))?;
        (!after.trim().is_empty()).then(|| {
            (
                line_of(text.as_bytes(), at),
                line_ends(after.trim_end().as_bytes()),
            )
        })
    });
    let never_closed = |swallowed: u64| {
        format!(
            "a quote (\") opens a cell on this line and is never closed, so the {} line(s) after it would be read as one cell: close the quote where the cell ends, or remove it",
            limits::count(swallowed)
        )
    };
    let mut unclosed_told = false;
    for (r, (line, cells)) in records.iter().enumerate() {
        let mut at = *line;
        for (i, cell) in cells.iter().enumerate() {
            let name = header
                .get(i)
                .map(|n| clip(n))
                .filter(|n| !n.is_empty() && r > 0);
            let name = name.as_deref();
            let spans = line_ends(cell.as_bytes());
            match unclosed {
                Some((open, swallowed)) if open == at && spans > 0 => {
                    unclosed_told = true;
                    errors.push(LoadError::at(file, at, name, never_closed(swallowed)));
                }
                _ if spans > 0
                    && r > 0
                    && !name.is_some_and(|n| MULTILINE_COLUMNS.contains(&n)) =>
                {
                    errors.push(LoadError::at(
                        file,
                        at,
                        name,
                        format!(
                            "a quoted cell opens on this line and runs over {} line end(s), to line {}, taking the lines between into one cell, but {} holds one line: close the quote (\") where the cell ends, or remove it",
                            limits::count(spans),
                            at + spans,
                            match name {
                                Some(n) => format!("a \"{n}\" cell"),
                                None => "this cell".to_string(),
                            }
                        ),
                    ));
                }
                _ => {}
            }
            if cell.contains('\u{FEFF}') {
                errors.push(LoadError::at(
                    file,
                    at,
                    name,
                    "the cell holds a byte order mark (U+FEFF, an invisible mark that begins a file), as when two files are joined into one: retype the cell to remove it (and remove the second file's header line if it is there)",
                ));
            }
            at += spans;
        }
    }
    if let (Some((open, swallowed)), false) = (unclosed, unclosed_told) {
        errors.push(LoadError::at(file, open, None, never_closed(swallowed)));
    }
}

/// The rows of a file (a CSV text's records or a workbook's sheet), its
/// first non-empty row the header: checked against the known columns, every
/// problem reported.
fn check_table(
    file: &str,
    records: Vec<(u64, Vec<String>)>,
    problems: &[CellProblem],
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
                    Some(&clip(name)),
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
    for p in problems {
        let named = positions.get(p.col).copied().flatten();
        let column = if p.line == header_line { None } else { named };
        errors.push(LoadError::at(
            file,
            p.line,
            column,
            format!("cell {}: {}", p.cell, p.message),
        ));
    }
    if let Some(long) = names.iter().find(|n| n.chars().count() > MAX_CELL_CHARS) {
        errors.push(LoadError::at(
            file,
            header_line,
            None,
            format!(
                "a header cell holds {} characters; at most {MAX_CELL_CHARS} are expected",
                limits::count(long.chars().count() as u64)
            ),
        ));
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

fn column_list(columns: &[ColumnSpec]) -> String {
    columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}
