//! A sheet's cells read as the text they show: a shared string, a number in
//! its style's format (22% as "22%", a date as YYYY-MM-DD), or a problem
//! named by its cell; its non-empty rows in order, within the limits.

use super::parts::{Shows, attribute, rich_text};
use super::{Records, too_many_cells, unreadable};
use crate::data::cells::{CellProblem, clip};
use crate::data::limits::{self, MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::error::LoadError;
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// What reading a sheet's cells needs.
pub(super) struct Context<'a> {
    pub(super) strings: &'a [String],
    pub(super) styles: &'a [Shows],
    pub(super) date1904: bool,
}

/// The last cell a sheet can have: XFD1048576.
const LAST_ROW: u32 = 1_048_576;
const LAST_COLUMN: u32 = 16_384;

/// "B12" as (row 11, column 1), within a sheet's bounds.
pub(super) fn cell_ref(r: &str) -> Option<(u32, u32)> {
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
pub(super) fn cell_name(row: u32, col: u32) -> String {
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
pub(super) fn read_sheet(
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
