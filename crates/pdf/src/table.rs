//! Tables: columns sized to their content, rows wrapped, a table split
//! across pages with its header repeated and its last rows kept together.

use crate::page::{BOTTOM, CONTENT_W, MARGIN, TOP, WIDOW_ROWS, Writer};
use mfi_core::report::Table;

impl Writer {
    pub(crate) fn table(&mut self, t: &Table, size: f32) {
        self.table_padded(t, size, 3.0);
    }

    /// A table whose cells have `pad` points of space around their text.
    pub(crate) fn table_padded(&mut self, t: &Table, size: f32, pad: f32) {
        let total: f32 = t.widths.iter().sum::<f32>().max(0.01);
        let widths: Vec<f32> = t.widths.iter().map(|w| w / total * CONTENT_W).collect();
        let lh = size * 1.3;
        let cells = |w: &Writer, row: &[String], bold: bool| -> Vec<Vec<String>> {
            row.iter()
                .zip(&widths)
                .map(|(c, cw)| w.wrap(c, size, bold, cw - 2.0 * pad))
                .collect()
        };
        let header = cells(self, &t.header, true);
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let draw_row = |w: &mut Writer, lines: &[Vec<String>], bold: bool, h: f32| {
            let top = w.y;
            let mut x = MARGIN;
            for (k, cell) in lines.iter().enumerate() {
                let cw = widths[k];
                let numeric = t.numeric.get(k).copied().unwrap_or(false);
                for (n, l) in cell.iter().enumerate() {
                    let baseline = top - pad - (n as f32 + 1.0) * lh + size * 0.3;
                    let lw = if bold {
                        w.bold.width(l, size)
                    } else {
                        w.regular.width(l, size)
                    };
                    let lx = if numeric { x + cw - pad - lw } else { x + pad };
                    w.text(lx, baseline, l, size, bold);
                }
                x += cw;
            }
            w.y -= h;
            w.line(MARGIN, w.y, MARGIN + CONTENT_W, w.y, 0.4, 0.7);
        };
        self.ensure(header_h + lh * 2.0 + 2.0 * pad);
        draw_row(self, &header, true, header_h);
        let max_h = TOP - BOTTOM - header_h - 4.0;
        // Rows' heights, to keep a table's last rows from a page alone.
        let height = |w: &Writer, row: &[String]| {
            cells(w, row, false).iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad
        };
        let mut on_page = 0;
        for (i, row) in t.rows.iter().enumerate() {
            let left = t.rows.len() - i;
            if left == WIDOW_ROWS && on_page >= WIDOW_ROWS {
                let rest: f32 = t.rows[i..].iter().map(|r| height(self, r)).sum();
                if self.y - rest < BOTTOM {
                    self.new_page();
                    draw_row(self, &header, true, header_h);
                    on_page = 0;
                }
            }
            let mut lines = cells(self, row, false);
            let mut h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
            if h > max_h {
                // A row taller than a page is cut to fit, never drawn past it.
                let keep = ((max_h - 2.0 * pad) / lh).floor().max(1.0) as usize;
                for cell in lines.iter_mut() {
                    if cell.len() > keep {
                        cell.truncate(keep);
                        if let Some(last) = cell.last_mut() {
                            last.push('…');
                        }
                    }
                }
                h = keep as f32 * lh + 2.0 * pad;
            }
            if self.y - h < BOTTOM {
                self.new_page();
                draw_row(self, &header, true, header_h);
                on_page = 0;
            }
            draw_row(self, &lines, false, h);
            on_page += 1;
        }
        self.y -= 6.0;
        for f in &t.footnotes {
            let lines = self.wrap(f, 7.0, false, CONTENT_W);
            for l in lines {
                self.ensure(9.0);
                self.y -= 9.0;
                self.text(MARGIN, self.y + 2.0, &l, 7.0, false);
            }
        }
        self.y -= 6.0;
    }
}
