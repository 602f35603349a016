//! The workbook's own parts: its sheets in order (`xl/workbook.xml` and its
//! relationships), what each style's number format shows (a percentage, a
//! date), and its shared strings.

use super::{too_many_cells, unreadable};
use crate::data::limits::{MAX_CELLS, MAX_WORKBOOK_PARTS};
use crate::error::LoadError;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// What `xl/workbook.xml` says: the sheets in order (name, relationship id)
/// and whether dates count from 1904 (old Macs).
pub(super) struct Book {
    pub(super) sheets: Vec<(String, String)>,
    pub(super) date1904: bool,
}

/// The value of an attribute, by its local name ("r:id" is "id").
pub(super) fn attribute(e: &BytesStart, name: &[u8]) -> Result<Option<String>, String> {
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

pub(super) fn read_workbook(xml: &[u8]) -> Result<Book, String> {
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

pub(super) fn relationship_target(xml: &[u8], id: &str) -> Result<Option<String>, String> {
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
pub(super) enum Shows {
    Number,
    Percent,
    Date,
}

/// Whether a custom number format code shows a percentage: a "%" outside
/// quotes.
pub(super) fn shows_percent(code: &str) -> bool {
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
pub(super) fn shows_date(code: &str) -> bool {
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
pub(super) fn read_styles(xml: &[u8]) -> Result<Vec<Shows>, String> {
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
pub(super) fn rich_text(
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
pub(super) fn read_shared_strings(file: &str, xml: &[u8]) -> Result<Vec<String>, LoadError> {
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
