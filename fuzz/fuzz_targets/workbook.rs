//! The workbook reader on arbitrary bytes: an error or a table, never a
//! panic, and never more memory than the limits allow (libFuzzer's
//! -malloc_limit_mb catches one large allocation). Inputs that start like a
//! zip archive are read as they are; any other input is split at 0xFF bytes
//! into a sheet, shared strings and styles, packed into a workbook, so that
//! the XML readers see well-formed archives with hostile parts.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mfi_core::data::{matrix, plans, table, workbook};

fuzz_target!(|data: &[u8]| {
    let bytes = if workbook::is_workbook(data) {
        data.to_vec()
    } else {
        let mut parts = data.split(|b| *b == 0xFF);
        let sheet = parts.next().unwrap_or_default();
        let shared = parts.next();
        let styles = parts.next();
        let mut files: Vec<(&str, &[u8])> = vec![
            (
                "xl/workbook.xml",
                br#"<workbook xmlns:r="r"><workbookPr date1904="0"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ];
        if let Some(s) = shared {
            files.push(("xl/sharedStrings.xml", s));
        }
        if let Some(s) = styles {
            files.push(("xl/styles.xml", s));
        }
        stored_zip(&files)
    };
    let sheet = workbook::first_sheet("fuzz.xlsx", &bytes);
    if let Ok(s) = &sheet {
        assert!(s.label.starts_with("fuzz.xlsx ["));
        for (_, cells) in &s.rows {
            assert!(cells.len() <= mfi_core::data::limits::MAX_COLUMNS);
        }
    }
    // Through the loaders, as a file named on the command line is.
    let _ = table::header_names("fuzz.xlsx", &bytes);
    if let Ok(m) = matrix::load_matrix("fuzz.xlsx", &bytes) {
        let again = matrix::load_matrix("again.csv", &matrix::matrix_to_csv(&m))
            .expect("a saved matrix loads");
        assert_eq!(m, again);
    }
    if let Ok(p) = plans::load_plans("fuzz.xlsx", &bytes) {
        let again =
            plans::load_plans("again.csv", &plans::plans_to_csv(&p)).expect("saved plans load");
        assert_eq!(p, again);
    }
});

/// A zip archive of stored (uncompressed) parts.
fn stored_zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in parts {
        let offset = out.len() as u32;
        let size = data.len() as u32;
        let head = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend([0u8; 8]);
            h.extend(crc32(data).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
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
