//! Writing a table as CSV for spreadsheets: a cell that a spreadsheet would
//! run as a formula gets an apostrophe before it, which the reader takes
//! off again.

/// The first characters that make a spreadsheet run a cell as a formula (or
/// a DDE command): `=`, `+`, `-`, `@`, and a tab or carriage return before
/// them (OWASP's list for CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell is a plain number a spreadsheet reads as a number
/// ("-6000", "-12.50", "+3", "-5%"): it stays as it is.
fn is_plain_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let body = body.strip_suffix('%').unwrap_or(body);
    body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && body.matches('.').count() <= 1
}

/// Makes a text cell safe to open in a spreadsheet: a text a spreadsheet
/// would run as a formula gets a leading apostrophe, which spreadsheets hide
/// and this tool removes on reading (so a text that itself starts with an
/// apostrophe before one of those gets a second one). Plain numbers, and a
/// lone "-", stay as they are. Every CSV the tool writes goes through
/// [`to_csv`], which calls this on every cell.
pub fn neutralise(cell: &str) -> String {
    if needs_apostrophe(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Whether [`neutralise`] adds an apostrophe: a text a spreadsheet would
/// run, or one that begins with apostrophes before such a start (so that
/// reading removes exactly the one added).
fn needs_apostrophe(cell: &str) -> bool {
    let after = cell.trim_start_matches('\'');
    let runs = cell.starts_with(FORMULA_STARTS) && !is_plain_number(cell) && cell != "-";
    runs || (after.len() < cell.len() && after.starts_with(FORMULA_STARTS))
}

/// Writes rows as CSV text (comma separated, quoted where needed), every
/// cell neutralised ([`neutralise`]): the one CSV writer of the tool, for
/// the files it reads back and for its reports (score, schedule, the batch
/// summary).
pub fn to_csv<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header.iter().map(|h| neutralise(h)));
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| neutralise(c.as_ref())));
    }
    w.into_inner().unwrap_or_default()
}

/// Undoes the formula neutralisation done on writing ("'=x" -> "=x",
/// "''=x" -> "'=x"): the apostrophe [`neutralise`] adds is removed, and
/// only that one.
pub(super) fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        // Files written before plain numbers were left alone had "'-5".
        Some(rest) if needs_apostrophe(rest) || rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}
