//! Excel workbooks (`.xlsx`) read as the same tables as CSV files: the
//! first sheet's rows, each cell as the text it shows. Errors name the file
//! and the sheet, "plans.xlsx [Members]:7: column ...", with the sheet's own
//! row numbers.
//!
//! A workbook stores a percentage as a fraction (22% is 0.22) and keeps the
//! "%" in the cell's number format, which calamine does not report; the
//! formats are read here from the workbook's styles so that a cell that
//! shows 22% is read as "22%", never as 0.22.

use crate::error::LoadError;
use calamine::{Data, Reader, Xlsx};
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

/// Whether the bytes are a zip archive, as an `.xlsx` workbook is.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A sheet's non-empty rows: (its row number, its cells).
pub type Records = Vec<(u64, Vec<String>)>;

/// The first sheet of a workbook: its name for messages ("file [sheet]")
/// and its non-empty rows.
pub fn first_sheet(file: &str, bytes: &[u8]) -> Result<(String, Records), LoadError> {
    let unreadable = |why: String| {
        LoadError::file(
            file,
            format!(
                "the workbook cannot be read ({why}): save it again from the spreadsheet as .xlsx, or as \"CSV UTF-8 (Comma delimited)\""
            ),
        )
    };
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| unreadable(e.to_string()))?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(unreadable("it has no sheet".into()));
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| unreadable(e.to_string()))?;
    let percent = percent_cells(bytes, &sheet).unwrap_or_default();
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let r = first_row + i as u32;
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(j, cell)| text(cell, percent.contains(&(r, first_col + j as u32))))
            .collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((u64::from(r) + 1, cells));
    }
    Ok((format!("{file} [{sheet}]"), rows))
}

/// A cell as the text it shows: numbers in their shortest form (a
/// percentage cell with its "%"), TRUE/FALSE as yes/no, dates as
/// YYYY-MM-DD.
fn text(cell: &Data, percent: bool) -> String {
    let number = |x: f64| {
        if percent {
            // 0.22 is 22%: to nine places, so that 0.22 * 100 is 22.
            let p = (x * 100.0 * 1e9).round() / 1e9;
            format!("{p}%")
        } else {
            format!("{x}")
        }
    };
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(x) => number(*x),
        Data::Int(i) => number(*i as f64),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        // A date: days since 1899-12-30 (Excel's day 0, its 1900 leap-year
        // error included), as YYYY-MM-DD.
        Data::DateTime(d) if d.as_f64() >= 1.0 => match crate::date::Date::new(1899, 12, 30) {
            Some(zero) => zero.add_days(d.as_f64().floor() as u32).to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The cells of `sheet` whose number format shows a percentage, as
/// (row, column) from 0; `None` when the workbook's parts cannot be read
/// (then no cell is taken as a percentage).
fn percent_cells(bytes: &[u8], sheet: &str) -> Option<HashSet<(u32, u32)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut part = |name: &str| -> Option<String> {
        let mut s = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut s).ok()?;
        Some(s)
    };
    // The sheet's part: workbook.xml names it by relationship id.
    let workbook = part("xl/workbook.xml")?;
    let rels = part("xl/_rels/workbook.xml.rels")?;
    let id = elements(&workbook, "sheet")
        .find(|a| a.get("name").map(|n| unescape(n)) == Some(sheet.to_string()))
        .and_then(|a| a.get("r:id").cloned())?;
    let target = elements(&rels, "Relationship")
        .find(|a| a.get("Id") == Some(&id))
        .and_then(|a| a.get("Target").cloned())?;
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    // Styles: each cell style (xf) has a number format; 9 and 10 are the
    // built-in percentages, a custom format shows one when it has a "%"
    // outside quotes.
    let styles = part("xl/styles.xml").unwrap_or_default();
    let custom: HashMap<String, bool> = elements(&styles, "numFmt")
        .filter_map(|a| {
            let code = unescape(a.get("formatCode")?);
            let mut quoted = false;
            let shows = code.chars().any(|c| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '%' && !quoted
            });
            Some((a.get("numFmtId")?.clone(), shows))
        })
        .collect();
    let xfs_start = styles.find("<cellXfs")?;
    let xfs_end = styles[xfs_start..]
        .find("</cellXfs>")
        .map_or(styles.len(), |e| xfs_start + e);
    let percent_style: Vec<bool> = elements(&styles[xfs_start..xfs_end], "xf")
        .map(|a| match a.get("numFmtId").map(String::as_str) {
            Some("9" | "10") => true,
            Some(id) => custom.get(id).copied().unwrap_or(false),
            None => false,
        })
        .collect();
    let sheet_xml = part(&path)?;
    let mut cells = HashSet::new();
    for a in elements(&sheet_xml, "c") {
        let style: usize = a.get("s").and_then(|s| s.parse().ok()).unwrap_or(0);
        if percent_style.get(style).copied().unwrap_or(false)
            && let Some(at) = a.get("r").and_then(|r| cell_ref(r))
        {
            cells.insert(at);
        }
    }
    Some(cells)
}

/// The attributes of every element named `name` in a piece of XML (a light
/// scan: the parts read here are written by spreadsheets, one element per
/// tag, attributes in double or single quotes).
fn elements<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = HashMap<String, String>> + 'a {
    let open = format!("<{name}");
    let starts: Vec<usize> = xml.match_indices(open.as_str()).map(|(at, _)| at).collect();
    let skip = open.len();
    starts.into_iter().filter_map(move |at| {
        let rest = &xml[at + skip..];
        // "<c" must not match "<cellXfs": the name ends at a space, "/" or ">".
        if !rest.starts_with([' ', '/', '>', '\t', '\n', '\r']) {
            return None;
        }
        let end = rest.find('>')?;
        Some(attributes(&rest[..end]))
    })
}

fn attributes(tag: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().trim_start_matches('/').to_string();
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(close) = after[1..].find(q) else {
            break;
        };
        out.insert(key, after[1..1 + close].to_string());
        rest = &after[1 + close + 1..];
    }
    out
}

/// "B12" as (row 11, column 1).
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let row: u32 = r[letters.len()..].parse().ok()?;
    let col = letters.chars().try_fold(0u32, |acc, c| {
        acc.checked_mul(26)?
            .checked_add(c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    })?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_and_attributes() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("1"), None);
        let a: Vec<_> = elements(
            r#"<c r="B2" s="3" t="n"><v>0.22</v></c><cellXfs><col/>"#,
            "c",
        )
        .collect();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].get("s").map(String::as_str), Some("3"));
    }
}
