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

use crate::data::cells::{CellProblem, clip};
use crate::data::limits::{
    self, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES, MAX_WORKBOOK_PARTS,
};
use crate::error::{LoadError, LoadErrors};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

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

/// The number of parts the archive's end records declare (the largest, when
/// it has several candidates or a ZIP64 record), read before the zip reader
/// reserves memory for them.
fn declared_parts(bytes: &[u8]) -> u64 {
    let u16_at = |at: usize| {
        bytes
            .get(at..at + 2)
            .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u64_at = |at: usize| {
        bytes.get(at..at + 8).map_or(0, |b| {
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            u64::from_le_bytes(a)
        })
    };
    // The end record lies in the last 64 KiB (its comment is at most that).
    let from = bytes.len().saturating_sub(65_557 + 22);
    let mut most = 0;
    let tail = bytes.get(from..).unwrap_or_default();
    for (i, _) in tail
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x05\x06")
    {
        let at = from + i;
        most = most.max(u16_at(at + 8)).max(u16_at(at + 10));
        // A ZIP64 locator just before it points at the ZIP64 end record.
        if at >= 20 && bytes.get(at - 20..at - 16) == Some(b"PK\x06\x07") {
            let record = u64_at(at - 20 + 8);
            if let Ok(r) = usize::try_from(record)
                && bytes.get(r..r.saturating_add(4)) == Some(b"PK\x06\x06")
            {
                most = most
                    .max(u64_at(r.saturating_add(24)))
                    .max(u64_at(r.saturating_add(32)));
            }
        }
    }
    // Any ZIP64 end record in the tail, wherever a locator points.
    for (i, _) in tail
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x06\x06")
    {
        let at = from + i;
        most = most.max(u64_at(at + 24)).max(u64_at(at + 32));
    }
    most
}

/// The archive's parts, unpacked within one budget for them all.
struct Parts<'a> {
    file: &'a str,
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
    left: u64,
}

impl Parts<'_> {
    /// The bomb message: the parts unpack to more than the limit.
    fn too_big(&self, name: &str, how: String) -> LoadError {
        LoadError::file(
            self.file,
            format!(
                "the workbook unpacks to more than {}, the most this tool unpacks ({}: {how}): it is damaged or not a study's table; save its sheet again as \"CSV UTF-8 (Comma delimited)\"",
                limits::size(self.budget),
                clip(name)
            ),
        )
    }

    /// A part's bytes, `None` when the archive has no such part.
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, LoadError> {
        let left = self.left;
        let (declared, result) = {
            let part = match self.zip.by_name(name) {
                Ok(p) => p,
                Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                Err(e) => return Err(unreadable(self.file, e)),
            };
            let declared = part.size();
            if declared > left {
                (declared, None)
            } else {
                let mut out = Vec::new();
                let read = part.take(left.saturating_add(1)).read_to_end(&mut out);
                (declared, Some(read.map(|_| out)))
            }
        };
        match result {
            None => Err(self.too_big(
                name,
                format!("it declares {} bytes", limits::count(declared)),
            )),
            Some(Err(e)) => Err(unreadable(self.file, e)),
            Some(Ok(out)) if out.len() as u64 > left => Err(self.too_big(
                name,
                format!(
                    "it declares {} bytes and unpacks to more",
                    limits::count(declared)
                ),
            )),
            Some(Ok(out)) => {
                self.left -= out.len() as u64;
                Ok(Some(out))
            }
        }
    }
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

/// What `xl/workbook.xml` says: the sheets in order (name, relationship id)
/// and whether dates count from 1904 (old Macs).
struct Book {
    sheets: Vec<(String, String)>,
    date1904: bool,
}

/// The value of an attribute, by its local name ("r:id" is "id").
fn attribute(e: &BytesStart, name: &[u8]) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.local_name().as_ref() == name {
            return a
                .unescape_value()
                .map(|v| Some(v.into_owned()))
                .map_err(|e| e.to_string());
        }
    }
    Ok(None)
}

/// Calls `each` for every element that starts (or is empty) in the XML,
/// with whether it is empty (`<x/>`).
fn elements(
    xml: &[u8],
    mut each: impl FnMut(&BytesStart, bool) -> Result<(), String>,
) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => each(&e, false)?,
            Ok(Event::Empty(e)) => each(&e, true)?,
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
}

fn read_workbook(xml: &[u8]) -> Result<Book, String> {
    let mut book = Book {
        sheets: Vec::new(),
        date1904: false,
    };
    elements(xml, |e, _| {
        match e.local_name().as_ref() {
            b"sheet" => {
                let name = attribute(e, b"name")?.unwrap_or_default();
                let id = attribute(e, b"id")?.unwrap_or_default();
                if book.sheets.len() < MAX_WORKBOOK_PARTS {
                    book.sheets.push((name, id));
                }
            }
            b"workbookPr" => {
                book.date1904 = matches!(attribute(e, b"date1904")?.as_deref(), Some("1" | "true"));
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(book)
}

fn relationship_target(xml: &[u8], id: &str) -> Result<Option<String>, String> {
    let mut target = None;
    elements(xml, |e, _| {
        if target.is_none()
            && e.local_name().as_ref() == b"Relationship"
            && attribute(e, b"Id")?.as_deref() == Some(id)
        {
            target = attribute(e, b"Target")?;
        }
        Ok(())
    })?;
    Ok(target)
}

/// How a cell style shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shows {
    Number,
    Percent,
    Date,
}

/// Whether a custom number format code shows a percentage: a "%" outside
/// quotes.
fn shows_percent(code: &str) -> bool {
    let mut quoted = false;
    code.chars().any(|c| {
        if c == '"' {
            quoted = !quoted;
        }
        c == '%' && !quoted
    })
}

/// Whether a custom number format code shows a date or a time: d, m, y, h
/// or s outside quotes, brackets and escapes, in its first section (as
/// spreadsheets read it). An elapsed time ("[h]:mm") is a number.
fn shows_date(code: &str) -> bool {
    let first = code.split(';').next().unwrap_or("").to_ascii_lowercase();
    if ["[h", "[m", "[s"].iter().any(|e| first.contains(e)) {
        return false;
    }
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u32;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '_' | '\\' => escaped = true,
            '"' => quoted = !quoted,
            _ if quoted => {}
            ';' => return false,
            '[' => brackets += 1,
            ']' => brackets = brackets.saturating_sub(1),
            'd' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S' if brackets == 0 => {
                return true;
            }
            _ => {}
        }
    }
    false
}

/// How each cell style (`cellXfs`, by index) shows a number.
fn read_styles(xml: &[u8]) -> Result<Vec<Shows>, String> {
    let mut custom: HashMap<String, Shows> = HashMap::new();
    let mut xfs: Vec<String> = Vec::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        buf.clear();
        let (e, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == b"cellXfs" {
                    in_cell_xfs = false;
                }
                continue;
            }
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(e) => return Err(e.to_string()),
        };
        match e.local_name().as_ref() {
            b"numFmt" => {
                let id = attribute(&e, b"numFmtId")?.unwrap_or_default();
                let code = attribute(&e, b"formatCode")?.unwrap_or_default();
                let shows = if shows_percent(&code) {
                    Shows::Percent
                } else if shows_date(&code) {
                    Shows::Date
                } else {
                    Shows::Number
                };
                if custom.len() < MAX_CELLS {
                    custom.insert(id, shows);
                }
            }
            b"cellXfs" => in_cell_xfs = !empty,
            b"xf" if in_cell_xfs && xfs.len() < MAX_CELLS => {
                xfs.push(attribute(&e, b"numFmtId")?.unwrap_or_default());
            }
            _ => {}
        }
    }
    Ok(xfs
        .iter()
        .map(|id| match id.parse::<u32>() {
            Ok(9 | 10) => Shows::Percent,
            Ok(14..=22 | 45 | 47) => Shows::Date,
            _ => custom.get(id).copied().unwrap_or(Shows::Number),
        })
        .collect())
}

/// Collects the text of `<t>` elements (not of phonetic runs, `<rPh>`)
/// until the element `end` closes: a shared string's or an inline string's
/// text.
fn rich_text(
    reader: &mut quick_xml::Reader<&[u8]>,
    end: &[u8],
    out: &mut String,
) -> Result<(), String> {
    let mut buf = Vec::new();
    let mut in_t = false;
    let mut phonetic = 0u32;
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"rPh" => phonetic += 1,
                b"t" if phonetic == 0 => in_t = true,
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"rPh" => phonetic = phonetic.saturating_sub(1),
                b"t" => in_t = false,
                name if name == end => return Ok(()),
                _ => {}
            },
            Ok(Event::Text(t)) if in_t => out.push_str(&t.unescape().map_err(|e| e.to_string())?),
            Ok(Event::CData(t)) if in_t => out.push_str(&String::from_utf8_lossy(&t)),
            Ok(Event::Eof) => return Err("the text of a cell is not closed".into()),
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// The workbook's shared strings, in order.
fn read_shared_strings(file: &str, xml: &[u8]) -> Result<Vec<String>, LoadError> {
    let mut strings = Vec::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| unreadable(file, e))?;
        let is_si = match &event {
            Event::Start(e) | Event::Empty(e) => e.local_name().as_ref() == b"si",
            Event::Eof => break,
            _ => false,
        };
        if !is_si {
            continue;
        }
        if strings.len() >= MAX_CELLS {
            return Err(too_many_cells(file));
        }
        let mut s = String::new();
        if matches!(event, Event::Start(_)) {
            rich_text(&mut reader, b"si", &mut s).map_err(|e| unreadable(file, e))?;
        }
        strings.push(s);
    }
    Ok(strings)
}

fn too_many_cells(file: &str) -> LoadError {
    LoadError::file(
        file,
        format!(
            "the workbook holds more than {} cells, the most this tool reads: is it the right file? Save only the study's table (one sheet) as .xlsx or as \"CSV UTF-8 (Comma delimited)\"",
            limits::count(MAX_CELLS as u64)
        ),
    )
}

/// What reading a sheet's cells needs.
struct Context<'a> {
    strings: &'a [String],
    styles: &'a [Shows],
    date1904: bool,
}

/// The last cell a sheet can have: XFD1048576.
const LAST_ROW: u32 = 1_048_576;
const LAST_COLUMN: u32 = 16_384;

/// "B12" as (row 11, column 1), within a sheet's bounds.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let letters = r.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let row: u32 = r.get(letters..)?.parse().ok()?;
    let col = r.get(..letters)?.chars().try_fold(0u32, |acc, c| {
        acc.checked_mul(26)?
            .checked_add(c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    })?;
    if !(1..=LAST_ROW).contains(&row) || !(1..=LAST_COLUMN).contains(&col) {
        return None;
    }
    Some((row - 1, col - 1))
}

/// A cell's reference from (row, column) from 0: (11, 1) is "B12".
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// One `<c>` element as read.
#[derive(Default)]
struct RawCell {
    style: usize,
    kind: String,
    value: Option<String>,
    formula: Option<String>,
    inline: Option<String>,
}

/// The last day a spreadsheet's calendar holds: 9999-12-31, day 2,958,465.
const LAST_EXCEL_DAY: f64 = 2_958_465.0;

/// A cell as the text it shows, or why it cannot be read.
fn cell_text(c: &RawCell, cx: &Context) -> Result<String, String> {
    let value = c.value.as_deref().unwrap_or("");
    if c.kind == "inlineStr" {
        return Ok(c.inline.clone().unwrap_or_default());
    }
    if c.value.is_none() || (value.is_empty() && c.formula.is_some()) {
        return match &c.formula {
            Some(f) => Err(format!(
                "it holds a formula (={}) whose result was never saved, as some programs write them: open the workbook in Excel or LibreOffice and save it again (that saves the results), or type the value",
                clip(f)
            )),
            None => Ok(c.inline.clone().unwrap_or_default()),
        };
    }
    match c.kind.as_str() {
        "s" => {
            let index = value.trim().parse::<usize>().ok();
            match index.and_then(|i| cx.strings.get(i)) {
                Some(s) => Ok(s.clone()),
                None => Err(format!(
                    "it refers to shared text number {}, which the workbook does not have: it is damaged; save it again from the spreadsheet",
                    clip(value)
                )),
            }
        }
        "str" | "d" => Ok(value.to_string()),
        "b" => Ok(if value.trim() == "0" { "no" } else { "yes" }.to_string()),
        "e" => Err(format!(
            "it shows the error {}: correct its formula, or type the value",
            clip(value)
        )),
        _ => {
            let Ok(x) = value.trim().parse::<f64>() else {
                // A number cell that is not a number: its text, as shown.
                return Ok(value.to_string());
            };
            if !x.is_finite() {
                return Err(format!(
                    "it holds \"{}\", not a number a spreadsheet shows: type the value",
                    clip(value)
                ));
            }
            match cx.styles.get(c.style).copied().unwrap_or(Shows::Number) {
                Shows::Percent => {
                    // 0.22 is 22%: to nine places, so that 0.22 * 100 is 22.
                    let p = (x * 100.0 * 1e9).round() / 1e9;
                    let p = if p.is_finite() { p } else { x * 100.0 };
                    if p.is_finite() {
                        Ok(format!("{p}%"))
                    } else {
                        Err(format!("the percentage {x}% is too large to read"))
                    }
                }
                Shows::Date if x >= 1.0 => {
                    // Days since 1899-12-30 (Excel's day 0, its 1900
                    // leap-year error included), or since 1904-01-01.
                    let days = x.floor() + if cx.date1904 { 1462.0 } else { 0.0 };
                    if days > LAST_EXCEL_DAY {
                        return Err(format!(
                            "it is a date after the year 9999 (day {} of the spreadsheet's calendar): type the date as YYYY-MM-DD",
                            limits::count(days as u64)
                        ));
                    }
                    match crate::date::Date::new(1899, 12, 30) {
                        Some(zero) => Ok(zero.add_days(days as u32).to_string()),
                        None => Ok(x.to_string()),
                    }
                }
                _ => Ok(format!("{x}")),
            }
        }
    }
}

/// Reads a sheet's cells as a stream: its non-empty rows in order, and the
/// cells that could not be read.
fn read_sheet(
    file: &str,
    xml: &[u8],
    cx: &Context,
) -> Result<(Records, Vec<CellProblem>), LoadError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut cells = 0usize;
    // Where a cell without a reference stands: after the one before it.
    let mut row: u32 = 0;
    let mut next_row: u32 = 0;
    let mut col: u32 = 0;
    let mut current: Option<((u32, u32), RawCell)> = None;
    // What the text read now belongs to: a value, a formula or an inline string.
    let mut collecting: Option<&'static str> = None;
    let bad = |e: String| unreadable(file, e);
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| bad(e.to_string()))?;
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    b"c" => {
                        if let Some((at, c)) = current.take() {
                            finish(file, at, &c, cx, &mut rows, &mut problems)?;
                        }
                    }
                    b"v" | b"f" => collecting = None,
                    b"sheetData" => break,
                    _ => {}
                }
                continue;
            }
            Event::Text(t) => {
                if let (Some(what), Some((_, c))) = (collecting, current.as_mut()) {
                    let text = t.unescape().map_err(|e| bad(e.to_string()))?;
                    let slot = if what == "v" {
                        &mut c.value
                    } else {
                        &mut c.formula
                    };
                    slot.get_or_insert_with(String::new).push_str(&text);
                }
                continue;
            }
            Event::CData(t) => {
                if let (Some(what), Some((_, c))) = (collecting, current.as_mut()) {
                    let slot = if what == "v" {
                        &mut c.value
                    } else {
                        &mut c.formula
                    };
                    slot.get_or_insert_with(String::new)
                        .push_str(&String::from_utf8_lossy(&t));
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.local_name().as_ref() {
            b"row" => {
                row = match attribute(&e, b"r").map_err(bad)? {
                    Some(r) => match r.trim().parse::<u32>() {
                        Ok(n) if (1..=LAST_ROW).contains(&n) => n - 1,
                        _ => {
                            return Err(bad(format!(
                                "a row is numbered \"{}\", outside any sheet (rows 1 to {})",
                                clip(&r),
                                limits::count(u64::from(LAST_ROW))
                            )));
                        }
                    },
                    None => next_row,
                };
                next_row = row.saturating_add(1);
                col = 0;
            }
            b"c" => {
                cells += 1;
                if cells > MAX_CELLS {
                    return Err(too_many_cells(file));
                }
                let at = match attribute(&e, b"r").map_err(bad)? {
                    Some(r) => cell_ref(r.trim()).ok_or_else(|| {
                        bad(format!(
                            "a cell is named \"{}\", outside any sheet (the last cell is XFD1048576)",
                            clip(&r)
                        ))
                    })?,
                    None => (row, col),
                };
                col = at.1.saturating_add(1);
                let c = RawCell {
                    style: attribute(&e, b"s")
                        .map_err(bad)?
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(0),
                    kind: attribute(&e, b"t").map_err(bad)?.unwrap_or_default(),
                    ..RawCell::default()
                };
                if empty {
                    finish(file, at, &c, cx, &mut rows, &mut problems)?;
                } else {
                    current = Some((at, c));
                }
            }
            b"v" if !empty => collecting = Some("v"),
            b"v" => {
                if let Some((_, c)) = current.as_mut() {
                    c.value.get_or_insert_with(String::new);
                }
            }
            b"f" => {
                if let Some((_, c)) = current.as_mut() {
                    c.formula.get_or_insert_with(String::new);
                }
                if !empty {
                    collecting = Some("f");
                }
            }
            b"is" if !empty => {
                if let Some((_, c)) = current.as_mut() {
                    let mut s = String::new();
                    rich_text(&mut reader, b"is", &mut s).map_err(bad)?;
                    c.inline = Some(s);
                }
            }
            _ => {}
        }
    }
    let records = rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(r, cells)| (u64::from(r) + 1, cells))
        .collect();
    Ok((records, problems))
}

/// Places one cell's text in its row, or notes why it cannot be read.
fn finish(
    file: &str,
    (r, c): (u32, u32),
    cell: &RawCell,
    cx: &Context,
    rows: &mut BTreeMap<u32, Vec<String>>,
    problems: &mut Vec<CellProblem>,
) -> Result<(), LoadError> {
    let problem = |message: String| CellProblem {
        line: u64::from(r) + 1,
        col: c as usize,
        cell: cell_name(r, c),
        message,
    };
    match cell_text(cell, cx) {
        Ok(text) if text.trim().is_empty() => {}
        // A control character (a NUL, say) no spreadsheet shows, which a CSV
        // file cannot hold either: the cell is retyped, not guessed at.
        Ok(text) if text.chars().any(|ch| ch.is_control() && !matches!(ch, '\t' | '\n' | '\r')) => {
            let ch = text
                .chars()
                .find(|ch| ch.is_control() && !matches!(ch, '\t' | '\n' | '\r'))
                .map_or(0, u32::from);
            problems.push(problem(format!(
                "it holds a control character (U+{ch:04X}), which no spreadsheet shows and no CSV file can keep: retype the cell"
            )));
        }
        Ok(text) if c as usize >= MAX_COLUMNS => problems.push(problem(format!(
            "it holds \"{}\", right of the {MAX_COLUMNS} columns a table can have: delete it, or move it into the table",
            clip(&text)
        ))),
        Ok(text) => {
            if !rows.contains_key(&r) && rows.len() > MAX_ROWS {
                return Err(crate::data::limits::too_many_rows(file, u64::from(r) + 1));
            }
            let cells = rows.entry(r).or_default();
            if cells.len() <= c as usize {
                cells.resize(c as usize + 1, String::new());
            }
            if let Some(slot) = cells.get_mut(c as usize) {
                *slot = text;
            }
        }
        Err(message) => problems.push(problem(message)),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
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
