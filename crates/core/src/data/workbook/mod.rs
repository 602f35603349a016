//! Excel workbooks (`.xlsx`) read as the same tables as CSV files: the
//! first sheet's rows, each cell as the text it shows. Errors name the file
//! and the sheet, "plans.xlsx [Members]:7: column ...", with the sheet's own
//! row numbers.
//!
//! A workbook stores a percentage as a fraction (22% is 0.22) and keeps the
//! "%" in the cell's number format: the formats are read from the
//! workbook's styles so that a cell that shows 22% is read as "22%", never
//! as 0.22; a date is a number of days with a date format, read as
//! YYYY-MM-DD.
//!
//! A workbook is a zip archive of XML parts, read here as a stream with
//! limits ([`crate::data::limits`]): the parts' unpacked size (what the
//! archive declares and what actually comes out), their number, the sheet's
//! cells. A cell that cannot be shown as text (a date outside the calendar,
//! a formula whose result was never saved, an error such as #DIV/0!) is a
//! problem named by its cell; a file that only looks like a table (an old
//! `.xls`, an OpenDocument `.ods`, a PDF...) is named for what it is.
//!
//! Here, the steps from the bytes to the first sheet; the zip archive
//! unpacked within its limits in `archive.rs`; the workbook's own parts (its
//! sheets, the number formats of its styles, its shared strings) in
//! `parts.rs`; the sheet's cells as text in `sheet.rs`.

mod archive;
mod parts;
mod sheet;

use crate::data::cells::{CellProblem, clip};
use crate::data::limits::{self, MAX_CELLS, MAX_UNPACKED_BYTES, MAX_WORKBOOK_PARTS};
use crate::error::{LoadError, LoadErrors};
use archive::{Parts, declared_parts};
use parts::{read_shared_strings, read_styles, read_workbook, relationship_target};
use sheet::{Context, read_sheet};
use std::io::Cursor;

/// Whether the bytes are a zip archive, as an `.xlsx` workbook is.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A sheet's non-empty rows: (its row number, its cells).
pub type Records = Vec<(u64, Vec<String>)>;

/// The first sheet of a workbook, as a table's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The file and the sheet's name for messages: "plans.xlsx [Members]".
    pub label: String,
    /// Its non-empty rows.
    pub rows: Records,
    /// The cells that could not be read as text, each with why.
    pub problems: Vec<CellProblem>,
}

/// What to do with a file that is not a table.
const SAVE_AS: &str = "open it in Excel or LibreOffice and save it as \"Excel Workbook (.xlsx)\" or as \"CSV UTF-8 (Comma delimited)\"";

/// What a file is when it is not a table this tool reads (an old Excel
/// workbook, a PDF, an archive, a picture, a web page), in words, with
/// what to do; `None` for anything else (CSV text and zip archives are
/// looked at by their own readers).
pub fn look_alike(bytes: &[u8]) -> Option<String> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let what = if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        "this is an old Excel workbook (.xls, Excel 97-2003), or a workbook protected with a password, which this tool does not read: remove the password if there is one, then"
    } else if starts(b"%PDF-") {
        "this is a PDF document, not a table: find the spreadsheet it was printed from, or type its table into the template and"
    } else if starts(&[0x1F, 0x8B]) || starts(b"7z\xBC\xAF\x27\x1C") || starts(b"Rar!") {
        "this is a compressed archive (gzip, 7-Zip or RAR), not a table: unpack it first, then"
    } else if starts(b"\x89PNG") || starts(&[0xFF, 0xD8, 0xFF]) || starts(b"GIF8") {
        "this is a picture, not a table: type its table into the template and"
    } else if starts(b"PK\x05\x06") {
        "this is an empty zip archive, not a workbook:"
    } else {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let head: Vec<u8> = text
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take(200)
            .map(u8::to_ascii_lowercase)
            .collect();
        let tag = |t: &[u8]| head.starts_with(t);
        if tag(b"<html") || tag(b"<!doctype html") || tag(b"<table") {
            "this is a web page (HTML), as some programs save an \"Excel\" file, not a workbook:"
        } else if tag(b"<?xml") {
            "this is an XML file (perhaps an \"XML Spreadsheet 2003\"), not a workbook this tool reads:"
        } else {
            return None;
        }
    };
    Some(format!("{what} {SAVE_AS}"))
}

/// The first sheet of a workbook: its name for messages ("file [sheet]"),
/// its non-empty rows and the cells that could not be read.
pub fn first_sheet(file: &str, bytes: &[u8]) -> Result<Sheet, LoadErrors> {
    read_first_sheet(file, bytes, MAX_UNPACKED_BYTES).map_err(|e| LoadErrors(vec![e]))
}

/// The message for a workbook that cannot be read, saying why.
fn unreadable(file: &str, why: impl std::fmt::Display) -> LoadError {
    LoadError::file(
        file,
        format!(
            "the workbook cannot be read ({why}): save it again from the spreadsheet as .xlsx, or as \"CSV UTF-8 (Comma delimited)\""
        ),
    )
}

/// The first sheet, its parts unpacked within `budget` bytes in all.
fn read_first_sheet(file: &str, bytes: &[u8], budget: u64) -> Result<Sheet, LoadError> {
    let parts = declared_parts(bytes);
    if parts > MAX_WORKBOOK_PARTS as u64 {
        return Err(unreadable(
            file,
            format!(
                "it declares {} parts, and a workbook has a few dozen; at most {} are read",
                limits::count(parts),
                limits::count(MAX_WORKBOOK_PARTS as u64)
            ),
        ));
    }
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(file, e))?;
    if zip.len() > MAX_WORKBOOK_PARTS {
        return Err(unreadable(
            file,
            format!("it holds {} parts", limits::count(zip.len() as u64)),
        ));
    }
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let mut parts = Parts {
        file,
        zip,
        budget,
        left: budget,
    };
    if !names.iter().any(|n| n == "xl/workbook.xml") {
        let mimetype = parts.read("mimetype").ok().flatten().unwrap_or_default();
        let has = |prefix: &str| names.iter().any(|n| n.starts_with(prefix));
        let what = if mimetype.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
            "this is an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice), which this tool does not read: in LibreOffice use File > Save As and choose \"Excel 2007-365 (.xlsx)\", or \"Text CSV\" with the character set \"Unicode (UTF-8)\"".to_string()
        } else if mimetype.starts_with(b"application/vnd.oasis.opendocument") {
            format!("this is an OpenDocument text or presentation, not a table: {SAVE_AS}")
        } else if has("xl/workbook.bin") {
            format!(
                "this is an Excel binary workbook (.xlsb), which this tool does not read: {SAVE_AS}"
            )
        } else if has("word/") {
            format!("this is a Word document, not a table: {SAVE_AS}")
        } else if has("ppt/") {
            format!("this is a PowerPoint presentation, not a table: {SAVE_AS}")
        } else {
            "this is a zip archive, not an Excel workbook (it has no xl/workbook.xml): unpack it and open the table inside".to_string()
        };
        return Err(LoadError::file(file, what));
    }
    let workbook = parts.read("xl/workbook.xml")?.unwrap_or_default();
    let book = read_workbook(&workbook).map_err(|e| unreadable(file, e))?;
    let Some((sheet_name, rel)) = book.sheets.first().cloned() else {
        return Err(unreadable(file, "it has no sheet"));
    };
    let rels = parts
        .read("xl/_rels/workbook.xml.rels")?
        .unwrap_or_default();
    let target = relationship_target(&rels, &rel).map_err(|e| unreadable(file, e))?;
    let path = match target {
        Some(t) => match t.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{t}"),
        },
        // Without relationships, the usual place of the first sheet.
        None => "xl/worksheets/sheet1.xml".to_string(),
    };
    let styles = match parts.read("xl/styles.xml")? {
        Some(s) => read_styles(&s).map_err(|e| unreadable(file, e))?,
        None => Vec::new(),
    };
    let strings = match parts.read("xl/sharedStrings.xml")? {
        Some(s) => read_shared_strings(file, &s)?,
        None => Vec::new(),
    };
    let Some(sheet) = parts.read(&path)? else {
        return Err(unreadable(
            file,
            format!("its first sheet's part {} is missing", clip(&path)),
        ));
    };
    let label = format!("{file} [{}]", clip(&sheet_name));
    let (rows, problems) = read_sheet(
        &label,
        &sheet,
        &Context {
            strings: &strings,
            styles: &styles,
            date1904: book.date1904,
        },
    )?;
    Ok(Sheet {
        label,
        rows,
        problems,
    })
}

/// The message for a workbook with more cells than this tool reads.
fn too_many_cells(file: &str) -> LoadError {
    LoadError::file(
        file,
        format!(
            "the workbook holds more than {} cells, the most this tool reads: is it the right file? Save only the study's table (one sheet) as .xlsx or as \"CSV UTF-8 (Comma delimited)\"",
            limits::count(MAX_CELLS as u64)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::parts::{shows_date, shows_percent};
    use super::sheet::{cell_name, cell_ref};
    use super::*;

    #[test]
    fn cell_references_within_a_sheet() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("XFE1"), None);
        assert_eq!(cell_ref("A1048577"), None);
        assert_eq!(cell_ref("ZZZZZZ99999999999"), None);
        assert_eq!(cell_ref("1"), None);
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_name(11, 27), "AB12");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn number_formats_that_show_dates_and_percentages() {
        assert!(shows_percent("0.0%"));
        assert!(!shows_percent("0.0\"%\""));
        assert!(shows_date("yyyy-mm-dd"));
        assert!(shows_date("d/m/yy h:mm"));
        assert!(!shows_date("[h]:mm"));
        assert!(!shows_date("#,##0.00"));
        assert!(!shows_date("\"days\" 0"));
    }

    /// A zip of stored (uncompressed) parts, each declaring `declared`
    /// bytes or its true size.
    fn stored_zip(parts: &[(&str, &[u8])], declared: Option<u32>) -> Vec<u8> {
        fn crc32(data: &[u8]) -> u32 {
            let mut crc = !0u32;
            for &b in data {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data) in parts {
            let offset = out.len() as u32;
            let size = data.len() as u32;
            let said = declared.unwrap_or(size);
            let head = |sig: &[u8], central: bool| {
                let mut h = sig.to_vec();
                if central {
                    h.extend(20u16.to_le_bytes());
                }
                h.extend(20u16.to_le_bytes());
                h.extend([0u8; 6]);
                h.extend([0u8; 2]);
                h.extend(crc32(data).to_le_bytes());
                h.extend(size.to_le_bytes());
                h.extend(said.to_le_bytes());
                h.extend((name.len() as u16).to_le_bytes());
                h.extend(0u16.to_le_bytes());
                if central {
                    // Comment length, disk, internal and external attributes.
                    h.extend([0u8; 10]);
                    h.extend(offset.to_le_bytes());
                }
                h.extend(name.as_bytes());
                h
            };
            out.extend(head(b"PK\x03\x04", false));
            out.extend(*data);
            central.extend(head(b"PK\x01\x02", true));
        }
        let start = out.len() as u32;
        out.extend(&central);
        out.extend(b"PK\x05\x06");
        out.extend([0u8; 4]);
        out.extend((parts.len() as u16).to_le_bytes());
        out.extend((parts.len() as u16).to_le_bytes());
        out.extend((central.len() as u32).to_le_bytes());
        out.extend(start.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out
    }

    const BOOK: &[u8] = br#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const RELS: &[u8] = br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;

    #[test]
    fn a_part_that_unpacks_to_more_than_it_declares_is_stopped_at_the_budget() {
        let sheet = format!(
            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>member</t></is></c></row>{}</sheetData></worksheet>",
            " ".repeat(5000)
        );
        let parts: [(&str, &[u8]); 3] = [
            ("xl/workbook.xml", BOOK),
            ("xl/_rels/workbook.xml.rels", RELS),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ];
        // Honest sizes: read.
        let honest = stored_zip(&parts, None);
        let sheet_read = read_first_sheet("w.xlsx", &honest, 10_000).unwrap();
        assert_eq!(sheet_read.rows, vec![(1, vec!["member".to_string()])]);
        // The same within a budget of 1,000 bytes: refused by what it declares.
        let e = read_first_sheet("w.xlsx", &honest, 1000)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("more than 1,000 bytes") && e.contains("declares 5,113 bytes)"),
            "{e}"
        );
        // Each part declaring 100 bytes: refused by what comes out.
        let lying = stored_zip(&parts, Some(100));
        let e = read_first_sheet("w.xlsx", &lying, 1000)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("it declares 100 bytes and unpacks to more") || e.contains("cannot be read"),
            "{e}"
        );
    }

    #[test]
    fn look_alikes_are_named_for_what_they_are() {
        let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(look_alike(&xls).is_some_and(|m| m.contains("old Excel workbook (.xls")));
        assert!(look_alike(b"%PDF-1.4").is_some_and(|m| m.contains("PDF")));
        assert!(look_alike(b"  <html><table>").is_some_and(|m| m.contains("web page")));
        assert_eq!(look_alike(b"member,co\n"), None);
    }
}
