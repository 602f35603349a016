//! How much the tool reads from one file. Files come from spreadsheets on
//! old computers, and sometimes are not what they seem (a renamed file, a
//! device, a workbook that unpacks to gigabytes): every loader stops at
//! these limits with a message that names the file and the limit, instead
//! of running out of memory. Each is far above what a real study needs
//! (the whole HomeNet network, 50,040 members, is 360 files of 139 rows).

use crate::error::LoadError;

/// The most bytes read from one file (CSV, workbook, study file): 64 MiB,
/// about 250,000 members' plans.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most data rows in one table (a CO of 100,000 members is allowed).
pub const MAX_ROWS: usize = 200_000;

/// The most columns in one row (a plans file has about 20).
pub const MAX_COLUMNS: usize = 200;

/// The longest text accepted in one cell, in characters.
pub const MAX_CELL_CHARS: usize = 2000;

/// The most bytes a workbook's parts may unpack to, all parts together
/// (checked against what the archive declares and against what actually
/// comes out while unpacking).
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// The most parts (files inside the archive) a workbook may have.
pub const MAX_WORKBOOK_PARTS: usize = 2000;

/// The most cells one table may hold: a CSV file's non-empty rows' cells,
/// a workbook's cells (empty formatted ones included) or shared texts.
pub const MAX_CELLS: usize = 5_000_000;

/// The longest study name, in characters.
pub const MAX_STUDY_NAME_CHARS: usize = 300;

/// The longest study notes, in characters.
pub const MAX_STUDY_NOTES_CHARS: usize = 50_000;

/// A count with thousands separators, for messages ("67,108,864").
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "64 MiB" for a number of bytes that is a whole number of MiB, else bytes.
pub fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{} bytes", count(bytes))
    }
}

/// The message for a file larger than [`MAX_FILE_BYTES`].
pub fn too_large(file: &str) -> LoadError {
    LoadError::file(
        file,
        format!(
            "the file holds more than {}, the most this tool reads from one file: is it the right file? Split a larger study into several files (one per CO)",
            size(MAX_FILE_BYTES)
        ),
    )
}

/// The message for a table longer than [`MAX_ROWS`], at the first row too many.
pub fn too_many_rows(file: &str, line: u64) -> LoadError {
    LoadError::at(
        file,
        line,
        None,
        format!(
            "the file has more than {} rows, the most this tool reads from one table: split it into several files (one per CO)",
            count(MAX_ROWS as u64)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_sizes_read_as_people_write_them() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(67_108_864), "67,108,864");
        assert_eq!(size(MAX_FILE_BYTES), "64 MiB");
        assert_eq!(size(1500), "1,500 bytes");
    }
}
