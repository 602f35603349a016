//! What the tool writes for people and programs, in one place: tables as
//! plain data (shown by the command line, the report and the app alike),
//! their text form for a terminal, and the JSON and CSV of a score, a loan
//! and a batch of COs. Figures in JSON and CSV are decimal strings, never
//! rounded through `f64`.

pub mod batch;
pub mod card;
pub mod group;
pub mod price;
pub mod score;
pub mod vote;

use rust_decimal::Decimal;

/// A table: columns, rows, and footnotes under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column titles.
    pub header: Vec<String>,
    /// Whether each column holds numbers (right-aligned).
    pub numeric: Vec<bool>,
    /// Relative widths of the columns.
    pub widths: Vec<f32>,
    /// The rows, as text.
    pub rows: Vec<Vec<String>>,
    /// Notes printed under the table.
    pub footnotes: Vec<String>,
}

/// A money figure for JSON and CSV: a decimal string to six places at most,
/// trailing zeros removed.
pub fn money_json(d: Decimal) -> String {
    d.round_dp(6).normalize().to_string()
}

/// `s` cut to `n` characters, an ellipsis marking the cut.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A table as text for a terminal: columns as wide as their widest cell (up
/// to `max_width` characters), numbers right-aligned, two spaces between
/// columns, the footnotes under it.
pub fn text_table(t: &Table, max_width: usize) -> String {
    let cols = t.header.len();
    let mut widths: Vec<usize> = t.header.iter().map(|h| h.chars().count()).collect();
    for row in &t.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for w in &mut widths {
        *w = (*w).min(max_width);
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate().take(cols) {
            let text = clip(cell, widths[i]);
            let pad = widths[i].saturating_sub(text.chars().count());
            if i > 0 {
                s.push_str("  ");
            }
            if t.numeric.get(i).copied().unwrap_or(false) {
                s.push_str(&" ".repeat(pad));
                s.push_str(&text);
            } else {
                s.push_str(&text);
                s.push_str(&" ".repeat(pad));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(&t.header);
    out.push('\n');
    for row in &t.rows {
        out.push_str(&line(row));
        out.push('\n');
    }
    for f in &t.footnotes {
        out.push_str(f);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_table_aligns_its_columns() {
        let t = Table {
            header: vec!["MFI".into(), "Cost".into()],
            numeric: vec![false, true],
            widths: vec![1.0, 1.0],
            rows: vec![
                vec!["Akhuwat".into(), "Rs 0".into()],
                vec!["A very long name indeed".into(), "Rs 96,820".into()],
            ],
            footnotes: vec!["[1] a note".into()],
        };
        assert_eq!(
            text_table(&t, 10),
            "MFI              Cost\nAkhuwat          Rs 0\nA very lo…  Rs 96,820\n[1] a note\n"
        );
        assert_eq!(clip("abc", 2), "a…");
        assert_eq!(money_json(Decimal::new(2_500_000, 2)), "25000");
    }
}
