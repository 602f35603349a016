//! The feasibility report as an A4 PDF: the layout of the content that
//! `mfi_core::report` builds. Fonts are embedded and subset; every page
//! carries the study's name, the date and its number; tables split across
//! pages and repeat their header; nothing is placed outside the margins.

mod forms;
mod quick_start;
pub mod read_back;
mod resolution;
mod shaping;
mod strip;

pub use forms::{render_forms, render_forms_bytes};
pub use quick_start::render_quick_start;
pub use resolution::render_resolution;

use mfi_core::data::criteria::Criterion;
use mfi_core::icons::{Prim, Rgb as IconRgb, icon};
use mfi_core::report::{
    Block, Handout, MemberPage, MonthStrip, PageLine, Picture, Piece, Point as ChartPoint, Report,
    Table,
};
use printpdf::{
    Codepoint, Color, DictItem, Line, LineCapStyle, LineJoinStyle, LinePoint, Mm, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing,
    Pt, Rgb, TextItem, TextMatrix, WindingOrder,
};
use shaping::{Face, Glyph, Shaping};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
/// Margins in points: left, right, top, bottom.
pub const MARGIN: f32 = 48.0;
const TOP: f32 = PAGE_H - 56.0;
const BOTTOM: f32 = 56.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// The report's language (its catalog's /Lang), and the Urdu of the
/// members' pages (each Urdu run's marked content).
const REPORT_LANG: &str = "en";
const URDU_LANG: &str = "ur";
/// The room a table's header and first rows need below the paragraph that
/// introduces it.
const KEEP_WITH_TABLE: f32 = 90.0;
/// A table's last rows go to a new page together, this many at least.
const WIDOW_ROWS: usize = 3;

/// A member's calendar is set in this many columns, read one after the
/// other (a year and a half of monthly instalments in six lines).
const CALENDAR_COLUMNS: usize = 3;
/// The room a calendar needs to start on a page: its titles and two lines.
const CALENDAR_START: f32 = 39.0;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");
const NASKH: &[u8] = include_bytes!("../../../assets/fonts/NotoNaskhArabic-Regular.ttf");
const NASKH_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoNaskhArabic-Bold.ttf");

/// Where something was drawn: page (0-based) and its box in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// The page.
    pub page: usize,
    /// Left.
    pub x0: f32,
    /// Bottom.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Top.
    pub y1: f32,
}

struct Writer {
    regular: Face,
    bold: Face,
    naskh: Shaping,
    naskh_bold: Shaping,
    pages: Vec<Vec<Op>>,
    /// The page being written: the last one, except while the headers and
    /// footers are added to every page.
    page: usize,
    y: f32,
    placed: Vec<Placed>,
    pictures: Vec<(usize, Picture)>,
    /// The height of a line of handwriting in the form being written.
    form_line: f32,
    /// While a member's page is written: the line that heads each further
    /// page it takes (her name, "your loan plan, continued").
    continued: Option<Continued>,
}

/// The line at the top of each further page of a member's page.
#[derive(Clone)]
enum Continued {
    /// An English line.
    Text(String),
    /// A line of a page in her language.
    Line(PageLine),
}

/// A point, to a hundredth of a point: nothing on paper is finer, and the
/// page's description is shorter to write and to compress.
fn pt(x: f32, y: f32) -> Point {
    let r = |v: f32| (v * 100.0).round() / 100.0;
    Point {
        x: Pt(r(x)),
        y: Pt(r(y)),
    }
}

fn rgb(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}

impl Writer {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let page = self.page.min(self.pages.len() - 1);
        &mut self.pages[page]
    }

    /// A new page; on a member's page, headed by her name and what
    /// continues.
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.page = self.pages.len() - 1;
        self.y = TOP;
        match self.continued.clone() {
            Some(Continued::Text(t)) => self.paragraph(&t, 11.0, true),
            Some(Continued::Line(l)) => self.line_rtl(&l),
            None => {}
        }
    }

    /// Makes room for `h` points, starting a new page if needed.
    fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, baseline: f32, s: &str, size: f32, bold: bool) {
        if s.is_empty() {
            return;
        }
        let face = if bold { &self.bold } else { &self.regular };
        let w = face.width(s, size);
        let id = face.id.clone();
        let page = self.page;
        self.placed.push(Placed {
            page,
            x0: x,
            y0: baseline - size * 0.25,
            x1: x + w,
            y1: baseline + size * 0.8,
        });
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: pt(x, baseline),
            },
            Op::ShowText {
                items: vec![TextItem::Text(s.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, width: f32, grey: f32) {
        self.ops().extend([
            Op::SetOutlineColor {
                col: rgb(grey, grey, grey),
            },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: pt(x0, y0),
                            bezier: false,
                        },
                        LinePoint {
                            p: pt(x1, y1),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, col: Color) {
        let ring = [pt(x, y), pt(x + w, y), pt(x + w, y + h), pt(x, y + h)]
            .map(|p| LinePoint { p, bezier: false })
            .to_vec();
        self.ops().extend([
            Op::SetFillColor { col },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points: ring }],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
            Op::SetFillColor {
                col: rgb(0.0, 0.0, 0.0),
            },
        ]);
    }

    /// A closed shape filled with `fill` and outlined in `stroke`: a ring
    /// of points, where `true` marks a point as a control point of a curve.
    fn shape(&mut self, ring: &[(f32, f32, bool)], fill: &Color, stroke: &Color) {
        let points = ring
            .iter()
            .map(|&(x, y, bezier)| LinePoint {
                p: pt(x, y),
                bezier,
            })
            .collect();
        self.ops().extend([
            Op::SetFillColor { col: fill.clone() },
            Op::SetOutlineColor {
                col: stroke.clone(),
            },
            Op::SetOutlineThickness { pt: Pt(0.8) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points }],
                    mode: PaintMode::FillStroke,
                    winding_order: WindingOrder::NonZero,
                },
            },
            Op::SetFillColor {
                col: rgb(0.0, 0.0, 0.0),
            },
        ]);
    }

    /// An ellipse centred at (cx, cy) as four curves.
    fn ellipse(cx: f32, cy: f32, rx: f32, ry: f32) -> Vec<(f32, f32, bool)> {
        // The control points' distance that makes a quarter circle.
        let (kx, ky) = (rx * 0.5523, ry * 0.5523);
        vec![
            (cx + rx, cy, false),
            (cx + rx, cy + ky, true),
            (cx + kx, cy + ry, true),
            (cx, cy + ry, false),
            (cx - kx, cy + ry, true),
            (cx - rx, cy + ky, true),
            (cx - rx, cy, false),
            (cx - rx, cy - ky, true),
            (cx - kx, cy - ry, true),
            (cx, cy - ry, false),
            (cx + kx, cy - ry, true),
            (cx + rx, cy - ky, true),
            (cx + rx, cy, false),
        ]
    }

    /// A stack of coins `w` wide whose lowest edge is at `y`: the picture
    /// beside what she pays each time.
    fn coins(&mut self, x: f32, y: f32, w: f32) {
        self.pictures.push((self.page, Picture::Coins));
        let (rx, ry, side) = (w * 0.42, w * 0.13, w * 0.1);
        let gold = rgb(0.95, 0.76, 0.25);
        let edge = rgb(0.55, 0.38, 0.05);
        let side_col = rgb(0.85, 0.62, 0.15);
        // Two stacks, the taller behind: each coin its rim and its face.
        for (cx, n) in [(x + w * 0.58, 5), (x + w * 0.42, 3)] {
            for k in 0..n {
                let base = y + ry + k as f32 * side;
                self.shape(&Self::ellipse(cx, base, rx, ry), &side_col, &edge);
                let rim = [
                    (cx - rx, base, false),
                    (cx + rx, base, false),
                    (cx + rx, base + side, false),
                    (cx - rx, base + side, false),
                ];
                self.shape(&rim, &side_col, &side_col);
                self.line(cx - rx, base, cx - rx, base + side, 0.8, 0.3);
                self.line(cx + rx, base, cx + rx, base + side, 0.8, 0.3);
                self.shape(&Self::ellipse(cx, base + side, rx, ry), &gold, &edge);
            }
        }
    }

    /// A wall calendar `w` wide whose lowest edge is at `y`: the picture
    /// beside how many instalments and when.
    fn calendar_icon(&mut self, x: f32, y: f32, w: f32) {
        self.pictures.push((self.page, Picture::Calendar));
        let h = w * 0.9;
        let ink = rgb(0.25, 0.25, 0.25);
        let page = [
            (x, y, false),
            (x + w, y, false),
            (x + w, y + h, false),
            (x, y + h, false),
            (x, y, false),
        ];
        self.shape(&page, &rgb(1.0, 1.0, 1.0), &ink);
        let band = h * 0.24;
        let top = [
            (x, y + h - band, false),
            (x + w, y + h - band, false),
            (x + w, y + h, false),
            (x, y + h, false),
            (x, y + h - band, false),
        ];
        self.shape(&top, &rgb(0.8, 0.2, 0.2), &ink);
        // The rings that hold the pages.
        for rx in [x + w * 0.28, x + w * 0.72] {
            let ring = [
                (rx - 1.5, y + h - band * 0.4, false),
                (rx + 1.5, y + h - band * 0.4, false),
                (rx + 1.5, y + h + 4.0, false),
                (rx - 1.5, y + h + 4.0, false),
                (rx - 1.5, y + h - band * 0.4, false),
            ];
            self.shape(&ring, &ink, &ink);
        }
        // Days: a grid of small squares, one marked as a due date.
        let (cols, rows) = (5, 3);
        let gw = w * 0.8 / cols as f32;
        let gh = (h - band) * 0.8 / rows as f32;
        for r in 0..rows {
            for c in 0..cols {
                let cx = x + w * 0.1 + c as f32 * gw;
                let cy = y + (h - band) * 0.1 + r as f32 * gh;
                let due = r == 1 && c == 2;
                let fill = if due {
                    rgb(0.8, 0.2, 0.2)
                } else {
                    rgb(0.85, 0.85, 0.85)
                };
                let cell = [
                    (cx + 1.0, cy + 1.0, false),
                    (cx + gw - 1.0, cy + 1.0, false),
                    (cx + gw - 1.0, cy + gh - 1.0, false),
                    (cx + 1.0, cy + gh - 1.0, false),
                    (cx + 1.0, cy + 1.0, false),
                ];
                self.shape(&cell, &fill, &fill);
            }
        }
    }

    /// Breaks text into lines no wider than `width`.
    fn wrap(&self, s: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let face = if bold { &self.bold } else { &self.regular };
        let mut lines = Vec::new();
        for para in s.split('\n') {
            let mut cur = String::new();
            for word in para.split(' ') {
                let candidate = if cur.is_empty() {
                    word.to_string()
                } else {
                    format!("{cur} {word}")
                };
                if face.width(&candidate, size) <= width {
                    cur = candidate;
                    continue;
                }
                if !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                }
                // A word longer than the line is cut where it must be.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if face.width(&piece, size) > width && piece.chars().count() > 1 {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                cur = piece;
            }
            lines.push(cur);
        }
        lines
    }

    fn paragraph(&mut self, s: &str, size: f32, bold: bool) {
        let lh = size * 1.4;
        for l in self.wrap(s, size, bold, CONTENT_W) {
            self.ensure(lh);
            self.y -= lh;
            self.text(MARGIN, self.y + size * 0.3, &l, size, bold);
        }
        self.y -= size * 0.5;
    }

    fn heading(&mut self, s: &str) {
        self.ensure(60.0);
        self.y -= 8.0;
        self.paragraph(s, 15.0, true);
    }

    /// Bullets; when they go on to another page on a member's page, that
    /// page starts with her name.
    fn bullets(&mut self, items: &[String]) {
        let size = 10.0;
        let lh = size * 1.4;
        for it in items {
            let lines = self.wrap(it, size, false, CONTENT_W - 14.0);
            for (k, l) in lines.iter().enumerate() {
                self.ensure(lh);
                self.y -= lh;
                if k == 0 {
                    self.text(MARGIN + 2.0, self.y + 3.0, "•", size, false);
                }
                self.text(MARGIN + 14.0, self.y + 3.0, l, size, false);
            }
        }
        self.y -= 5.0;
    }

    fn table(&mut self, t: &Table, size: f32) {
        self.table_padded(t, size, 3.0);
    }

    /// A table whose cells have `pad` points of space around their text.
    fn table_padded(&mut self, t: &Table, size: f32, pad: f32) {
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

    fn bars(&mut self, title: &str, bars: &[(String, f64)], unit: &str, shown: &[String]) {
        // The title stays with its first bars.
        let lines = self.wrap(title, 11.0, true, CONTENT_W).len() as f32;
        self.ensure(lines * 15.4 + 16.0 * bars.len().clamp(1, 4) as f32);
        self.paragraph(title, 11.0, true);
        let label_w = 170.0;
        let bar_max_w = CONTENT_W - label_w - 60.0;
        let max = bars.iter().map(|b| b.1).fold(0.0f64, f64::max).max(1e-9);
        for (i, (label, v)) in bars.iter().enumerate() {
            self.ensure(16.0);
            self.y -= 16.0;
            let l = self
                .wrap(label, 9.0, false, label_w - 6.0)
                .into_iter()
                .next()
                .unwrap_or_default();
            self.text(MARGIN, self.y + 4.0, &l, 9.0, false);
            let w = (v.max(0.0) / max) as f32 * bar_max_w;
            self.rect(
                MARGIN + label_w,
                self.y + 2.0,
                w.max(0.5),
                10.0,
                rgb(0.16, 0.45, 0.70),
            );
            self.text(
                MARGIN + label_w + w + 4.0,
                self.y + 4.0,
                &if let Some(text) = shown.get(i) {
                    text.clone()
                } else if unit == "%" {
                    // A share as every sentence words it: never rounded up
                    // to 100% when some draw went another way.
                    mfi_core::output::score::share_percent(v / 100.0)
                } else {
                    format!("{v:.1}{unit}")
                },
                9.0,
                false,
            );
        }
        self.y -= 10.0;
    }

    fn scatter(&mut self, title: &str, x_label: &str, y_label: &str, points: &[ChartPoint]) {
        let (w, h) = (CONTENT_W - 60.0, 220.0);
        self.ensure(h + 70.0);
        self.paragraph(title, 11.0, true);
        let x0 = MARGIN + 40.0;
        let y0 = self.y - h - 10.0;
        let max = points.iter().map(|p| p.x.max(p.y)).fold(10.0f64, f64::max) * 1.1;
        let sx = |v: f64| x0 + (v / max) as f32 * w;
        let sy = |v: f64| y0 + (v / max) as f32 * h;
        self.line(x0, y0, x0 + w, y0, 0.8, 0.0);
        self.line(x0, y0, x0, y0 + h, 0.8, 0.0);
        self.line(sx(0.0), sy(0.0), sx(max), sy(max), 0.6, 0.6);
        let step = if max > 60.0 { 20.0 } else { 10.0 };
        let mut t = 0.0;
        while t <= max {
            self.text(sx(t) - 6.0, y0 - 12.0, &format!("{t:.0}"), 7.0, false);
            self.text(x0 - 22.0, sy(t) - 2.0, &format!("{t:.0}"), 7.0, false);
            t += step;
        }
        self.text(x0 + w / 2.0 - 30.0, y0 - 24.0, x_label, 8.0, false);
        self.text(MARGIN, y0 + h + 6.0, y_label, 8.0, false);
        // Each point (offers at the same place share one) gets a number,
        // placed beside its marker where it overlaps no other number and no
        // marker; the key below names them. Names on the chart itself
        // overlapped as soon as offers crowded.
        let mut groups: Vec<(f32, f32, Vec<usize>)> = Vec::new();
        for (i, p) in points.iter().enumerate() {
            let (px, py) = (sx(p.x), sy(p.y));
            let same_low = |g: &(f32, f32, Vec<usize>)| {
                g.2.first()
                    .is_some_and(|&k| (sy(points[k].y_low) - sy(p.y_low)).abs() < 3.0)
            };
            match groups
                .iter_mut()
                .find(|g| (g.0 - px).abs() < 3.0 && (g.1 - py).abs() < 3.0 && same_low(g))
            {
                Some(g) => g.2.push(i),
                None => groups.push((px, py, vec![i])),
            }
        }
        let mut taken: Vec<[f32; 4]> = groups
            .iter()
            .map(|g| [g.0 - 3.0, g.1 - 3.0, g.0 + 3.0, g.1 + 3.0])
            .collect();
        let overlaps =
            |a: &[f32; 4], b: &[f32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        // Where a term is unknown, a line from the marker (the high end)
        // down to the APR at the low end.
        for (px, py, members) in &groups {
            let low = sy(points[members[0]].y_low);
            if py - low > 0.5 {
                self.line(*px, low, *px, *py, 1.2, 0.55);
                self.line(px - 2.0, low, px + 2.0, low, 1.2, 0.55);
            }
        }
        for (n, (px, py, _)) in groups.iter().enumerate() {
            self.rect(px - 2.5, py - 2.5, 5.0, 5.0, rgb(0.80, 0.25, 0.20));
            let label = (n + 1).to_string();
            let lw = self.regular.width(&label, 7.0);
            let mut candidates = vec![
                (px + 4.0, py - 2.5),
                (px - 4.0 - lw, py - 2.5),
                (px - lw / 2.0, py + 4.0),
                (px - lw / 2.0, py - 11.0),
                (px + 4.0, py + 4.0),
                (px + 4.0, py - 10.0),
                (px - 4.0 - lw, py + 4.0),
                (px - 4.0 - lw, py - 10.0),
            ];
            // Where the near places are taken (crowded charts), farther
            // ones around it, joined to the marker by a thin line.
            for d in [12.0f32, 18.0, 26.0, 36.0, 48.0] {
                for k in 0..16 {
                    let a = k as f32 * std::f32::consts::TAU / 16.0;
                    let (cx, cy) = (px + d * a.cos(), py + d * a.sin());
                    candidates.push((cx - lw / 2.0, cy - 2.5));
                }
            }
            let boxed = |(x, y): (f32, f32)| [x - 0.5, y - 1.5, x + lw + 0.5, y + 6.0];
            let found = candidates.iter().copied().find(|c| {
                let b = boxed(*c);
                b[0] >= MARGIN
                    && b[2] <= MARGIN + CONTENT_W
                    && b[1] >= y0 - 8.0
                    && b[3] <= y0 + h + 4.0
                    && !taken.iter().any(|t| overlaps(t, &b))
            });
            let at = found.unwrap_or(candidates[0]);
            let (lx, ly) = (at.0 + lw / 2.0, at.1 + 2.5);
            if (lx - px).hypot(ly - py) > 10.0 {
                // The leader: from the marker's edge to the label's.
                let (dx, dy) = (lx - px, ly - py);
                let len = dx.hypot(dy);
                let (ux, uy) = (dx / len, dy / len);
                self.line(
                    px + ux * 3.0,
                    py + uy * 3.0,
                    lx - ux * 4.0,
                    ly - uy * 4.0,
                    0.3,
                    0.5,
                );
            }
            taken.push(boxed(at));
            self.text(at.0, at.1, &label, 7.0, false);
        }
        self.y = y0 - 34.0;
        let rows = groups
            .iter()
            .enumerate()
            .map(|(n, (_, _, members))| {
                let p = &points[members[0]];
                vec![
                    (n + 1).to_string(),
                    members
                        .iter()
                        .map(|&i| points[i].label.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    format!("{:.1}%", p.x),
                    mfi_core::money::rate_range(p.y_low, p.y),
                ]
            })
            .collect();
        self.table(
            &Table {
                header: ["No.", "Offer", x_label, y_label]
                    .map(String::from)
                    .to_vec(),
                numeric: vec![true, false, true, true],
                widths: vec![0.4, 3.6, 1.0, 1.0],
                rows,
                footnotes: Vec::new(),
            },
            8.0,
        );
    }

    fn handout(&mut self, h: &Handout) {
        if let Some(page) = &h.page {
            self.member_page(page, h.months.as_ref());
            self.continued = None;
            return;
        }
        self.continued = None;
        self.new_page();
        // Each further page of hers starts with her name.
        let head = format!("{}, {}", h.member, h.co);
        self.continued = Some(Continued::Text(format!(
            "{head}: {}",
            if h.loan.is_some() {
                "your loan plan, continued"
            } else {
                "why no loan fits, continued"
            }
        )));
        self.paragraph("Your loan plan", 16.0, true);
        // The study's name is in the page's header, not repeated here.
        self.paragraph(&format!("{}, {}", h.member, h.co), 13.0, true);
        // Her plan in brief, set close: it is read as one block. Her work
        // and what she buys a line each; her figures on one line when they
        // fit (room for the strip of her months).
        let said: Vec<String> = h.plan.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let figures = said.get(2..).unwrap_or_default();
        let gap = 18.0;
        let one_line = figures.len() > 1
            && figures
                .iter()
                .map(|t| self.regular.width(t, 10.0) + gap)
                .sum::<f32>()
                <= CONTENT_W + gap;
        let lines: Vec<&String> = if one_line {
            said.iter().take(2).collect()
        } else {
            said.iter().collect()
        };
        for t in lines {
            for l in self.wrap(t, 10.0, false, CONTENT_W) {
                self.ensure(13.0);
                self.y -= 13.0;
                self.text(MARGIN, self.y + 3.0, &l, 10.0, false);
            }
        }
        if one_line {
            self.ensure(13.0);
            self.y -= 13.0;
            let mut x = MARGIN;
            for t in figures {
                self.text(x, self.y + 3.0, t, 10.0, false);
                x += self.regular.width(t, 10.0) + gap;
            }
        }
        self.y -= 6.0;
        match &h.loan {
            Some(l) => {
                self.paragraph(
                    &format!("{}: {}, a loan of {}", l.heading, l.offer, l.amount),
                    11.0,
                    true,
                );
                if let Some(why) = &l.not_co_choice {
                    self.paragraph(why, 9.0, false);
                }
                // The two figures she must remember, each beside a picture
                // for members who read little: a stack of coins for what
                // she pays each time, a calendar for how many times.
                let row_h = if l.payment_note.is_some() { 66.0 } else { 58.0 };
                self.ensure(row_h + 8.0);
                let top = self.y - 4.0;
                self.coins(MARGIN, top - 50.0, 40.0);
                self.text(MARGIN + 50.0, top - 12.0, &l.instalment_label, 10.0, false);
                self.text(MARGIN + 50.0, top - 44.0, &l.instalment, 28.0, true);
                if let Some(note) = &l.payment_note {
                    // What the amount is made of, when savings or charges
                    // are paid with each instalment.
                    let note = capitalised(note);
                    for (k, line) in self
                        .wrap(&note, 7.5, false, CONTENT_W * 0.5)
                        .iter()
                        .enumerate()
                        .take(2)
                    {
                        self.text(MARGIN, top - 56.0 - 9.0 * k as f32, line, 7.5, false);
                    }
                }
                let right = MARGIN + CONTENT_W * 0.56;
                self.calendar_icon(right, top - 50.0, 40.0);
                // "12 monthly instalments, to confirm" on one line: smaller
                // when it would pass the margin.
                let room = MARGIN + CONTENT_W - (right + 50.0);
                let size = (12.0 * room / self.bold.width(&l.count, 12.0)).clamp(8.0, 12.0);
                self.text(right + 50.0, top - 18.0, &l.count, size, true);
                let dates = match (l.calendar.first(), l.calendar.last()) {
                    (Some(a), Some(b)) if l.calendar.len() > 1 => format!("{} to {}", a.0, b.0),
                    (Some(a), _) => a.0.clone(),
                    _ => String::new(),
                };
                self.text(right + 50.0, top - 36.0, &dates, 10.0, false);
                if let Some(last) = l.last_instalment.as_ref().filter(|_| l.balloon.is_none()) {
                    self.text(
                        right + 50.0,
                        top - 50.0,
                        &format!("The last instalment: {last}"),
                        9.0,
                        false,
                    );
                }
                self.y = top - row_h;
                if let Some(balloon) = &l.balloon {
                    // The last payment as large as the others: never an
                    // average in their place.
                    self.paragraph(balloon, 16.0, true);
                }
                if let Some(note) = &l.term_note {
                    self.paragraph(note, 10.0, false);
                }
                // What she pays back and what the loan costs her, on one line.
                self.ensure(20.0);
                self.y -= 16.0;
                let pays = format!("You pay back in all: {}", l.total_repaid);
                self.text(MARGIN, self.y, &pays, 12.0, true);
                let costs = format!("The loan costs you: {}", l.total_cost);
                let at = (MARGIN + self.bold.width(&pays, 12.0) + 24.0).max(right);
                self.text(at, self.y, &costs, 12.0, true);
                self.y -= 8.0;
                // Her months, picture first, then what they assume and
                // what she must do.
                if let Some(s) = &h.months {
                    self.month_strip(s);
                }
                for note in &l.months_notes {
                    let bold = note.starts_with("Your plan's business would not");
                    self.paragraph(note, 8.5, bold);
                }
                self.negotiate_lines(h);
                // Her key facts statement: one ruled table, a mark beside
                // every term still to be confirmed.
                let table = Table {
                    header: vec![
                        "Key facts of your loan".into(),
                        String::new(),
                        String::new(),
                    ],
                    numeric: vec![false, false, false],
                    widths: vec![1.35, 3.1, 0.55],
                    rows: l
                        .statement
                        .iter()
                        .map(|k| {
                            vec![
                                k.label.clone(),
                                k.value.clone(),
                                if k.to_confirm {
                                    "to confirm".into()
                                } else {
                                    String::new()
                                },
                            ]
                        })
                        .collect(),
                    footnotes: Vec::new(),
                };
                self.table_padded(&table, 8.0, 1.5);
                for (k, c) in l.to_confirm.iter().enumerate() {
                    if k == 0 {
                        self.paragraph(
                            &format!("Confirm with the MFI before you sign. {c}"),
                            8.0,
                            false,
                        );
                    } else {
                        self.paragraph(c, 8.0, false);
                    }
                }
                self.paragraph(&l.under_stress, 8.5, false);
                // The day she receives the loan heads her calendar: both on
                // the next page, under her name, when the calendar's first
                // lines do not fit here.
                self.continued = Some(Continued::Text(format!("{head}: your calendar, continued")));
                let receive = format!("On {}, {}.", l.disbursement.0, l.disbursement.1);
                let lines = self.wrap(&receive, 10.0, true, CONTENT_W).len() as f32;
                if self.y - lines * 14.0 - 5.0 - CALENDAR_START < BOTTOM {
                    self.new_page();
                }
                self.paragraph(&receive, 10.0, true);
                let cells: Vec<[String; 3]> = l
                    .calendar
                    .iter()
                    .enumerate()
                    .map(|(i, (d, a))| [(i + 1).to_string(), d.clone(), a.clone()])
                    .collect();
                self.calendar(&cells);
            }
            None => {
                self.paragraph("No loan fits your plan now, because:", 12.0, true);
                self.bullets(&h.why_nothing);
                // The best ranked offer's months, its short months marked.
                if let Some(s) = &h.months {
                    self.month_strip(s);
                }
                self.negotiate_lines(h);
            }
        }
    }

    /// The terms to negotiate with the MFI, under her months: the title,
    /// then a line each.
    fn negotiate_lines(&mut self, h: &Handout) {
        if let Some(n) = &h.negotiate {
            self.paragraph(&n.heading, 9.5, true);
            for line in &n.lines {
                self.paragraph(line, 8.5, false);
            }
        }
    }

    /// Draws shaped glyphs with their run starting at `x`.
    /// A calendar in two columns on each page, in order: on every page the
    /// first column, then the second, continue where the page before ended
    /// (a page holds as many lines as fit); each next page starts with
    /// `continued` (her name) and the columns' titles again.
    fn calendar(&mut self, cells: &[[String; 3]]) {
        let size = 9.0;
        let row_h = 13.0;
        let widths = [0.17, 0.45, 0.38];
        let header = ["No.", "Date", "Pay"];
        let mut start = 0;
        while start < cells.len() {
            // A next page, under her name, when its first lines do not fit
            // here.
            if start > 0 || self.y - CALENDAR_START < BOTTOM {
                self.new_page();
            }
            // The last line's baseline may sit on the bottom margin; the
            // line of titles takes one.
            let fit = ((((self.y - BOTTOM) / row_h).floor() as usize).saturating_sub(1)).max(1);
            let left = cells.len() - start;
            // A fourth, narrower column when it ends the calendar on this
            // page: no page of its own for its last lines.
            let cols = if left > CALENDAR_COLUMNS * fit && left <= (CALENDAR_COLUMNS + 1) * fit {
                CALENDAR_COLUMNS + 1
            } else {
                CALENDAR_COLUMNS
            };
            let size = if cols > CALENDAR_COLUMNS { 8.0 } else { size };
            let col_w = CONTENT_W / cols as f32;
            // The columns' titles.
            self.y -= row_h;
            for side in 0..cols {
                let mut x = MARGIN + side as f32 * col_w;
                for (c, t) in header.iter().enumerate() {
                    let w = widths[c] * col_w;
                    let tw = self.bold.width(t, size);
                    let at = if c == 1 { x + 4.0 } else { x + w - tw - 6.0 };
                    self.text(at, self.y, t, size, true);
                    x += w;
                }
            }
            let y = self.y - 4.0;
            self.line(MARGIN, y, MARGIN + CONTENT_W, y, 0.6, 0.4);
            let chunk = left.min(cols * fit);
            let rows = chunk.div_ceil(cols);
            let top = self.y;
            for k in 0..chunk {
                let (side, r) = (k / rows, k % rows);
                let baseline = top - row_h * (r + 1) as f32;
                let mut x = MARGIN + side as f32 * col_w;
                for (c, cell) in cells[start + k].iter().enumerate() {
                    let w = widths[c] * col_w;
                    let tw = self.regular.width(cell, size);
                    let at = if c == 1 { x + 4.0 } else { x + w - tw - 6.0 };
                    self.text(at, baseline, cell, size, false);
                    x += w;
                }
            }
            self.y = top - row_h * rows as f32 - 6.0;
            start += chunk;
        }
    }

    fn glyphs(&mut self, x: f32, baseline: f32, glyphs: &[Glyph], size: f32, bold: bool) {
        let id = if bold {
            self.naskh_bold.face.id.clone()
        } else {
            self.naskh.face.id.clone()
        };
        // Urdu text is marked as Urdu (the document's language is English),
        // for screen readers and text extraction.
        let mut ops = vec![
            Op::BeginMarkedContentWithProperties {
                tag: "Span".into(),
                properties: DictItem::Dict {
                    map: [(
                        "Lang".to_string(),
                        DictItem::String {
                            data: URDU_LANG.as_bytes().to_vec(),
                            literal: true,
                        },
                    )]
                    .into_iter()
                    .collect(),
                },
            },
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(size),
            },
        ];
        for g in glyphs {
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x + g.x), Pt(baseline + g.y)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint {
                    gid: g.gid,
                    offset: 0.0,
                    cid: Some(g.text.clone()),
                }])],
            });
        }
        ops.push(Op::EndTextSection);
        ops.push(Op::EndMarkedContentWithProperties);
        self.ops().extend(ops);
    }

    /// A piece shaped: its parts from the left, Urdu glyphs shaped in Naskh
    /// or Latin text in Noto Sans, and its width. Urdu words
    /// ([`Piece::Words`]) are a line of a right-to-left paragraph, a number
    /// or a name ([`Piece::Ltr`]) one of a left-to-right paragraph; either
    /// may mix directions ("فروخت 8,600 - اخراجات", a name in Urdu letters),
    /// and its runs are ordered by the bidirectional algorithm
    /// ([`mfi_core::bidi`]): printpdf places glyphs in the order it is
    /// given them.
    fn shape_piece(&self, p: &Piece, size: f32, bold: bool) -> Shaped {
        let urdu = if bold { &self.naskh_bold } else { &self.naskh };
        let latin = |t: &str| {
            let face = if bold { &self.bold } else { &self.regular };
            (Part::Latin(t.to_string()), face.width(t, size))
        };
        let (text, rtl) = match p {
            Piece::Words(t) => (t.as_str(), true),
            Piece::Ltr(t) => (t.as_str(), false),
        };
        let mut parts = Vec::new();
        if !rtl && !has_arabic(text) {
            parts.push(latin(text));
        } else if rtl && !mfi_core::bidi::is_mixed(text) {
            let (g, w) = urdu.shape(text, size, true);
            parts.push((Part::Glyphs(g), w));
        } else {
            for run in mfi_core::bidi::visual_runs(text, rtl) {
                // Each run cut where its face changes: Naskh lacks brackets
                // and signs, which Noto Sans draws (mirrored, right to left).
                let mut pieces: Vec<(bool, String)> = Vec::new();
                for c in run.text.chars() {
                    let sans = if run.rtl {
                        mfi_core::bidi::lacks_naskh(c)
                    } else {
                        !('\u{0600}'..='\u{06FF}').contains(&c)
                    };
                    match pieces.last_mut() {
                        Some((s, t)) if *s == sans => t.push(c),
                        _ => pieces.push((sans, c.to_string())),
                    }
                }
                if run.rtl {
                    pieces.reverse();
                }
                for (sans, t) in pieces {
                    parts.push(match (sans, run.rtl) {
                        (true, true) => latin(
                            &t.chars()
                                .rev()
                                .map(mfi_core::bidi::mirrored)
                                .collect::<String>(),
                        ),
                        (true, false) => latin(&t),
                        (false, rtl) => {
                            let (g, w) = urdu.shape(&t, size, rtl);
                            (Part::Glyphs(g), w)
                        }
                    });
                }
            }
        }
        let width = parts.iter().map(|p| p.1).sum();
        Shaped { parts, width }
    }

    /// Pieces laid out right to left from `right`: the first read is
    /// rightmost, a word's space apart (none before punctuation, which
    /// stands against the piece before it). Each piece is shaped once, then
    /// drawn.
    fn pieces_rtl(&mut self, right: f32, baseline: f32, pieces: &[Piece], size: f32, bold: bool) {
        let mut pen = right;
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                pen -= piece_gap(p, size);
            }
            let shaped = self.shape_piece(p, size, bold);
            let mut x = pen - shaped.width;
            for (part, w) in shaped.parts {
                match part {
                    Part::Glyphs(glyphs) => {
                        self.glyphs(x, baseline, &glyphs, size, bold);
                        let page = self.page;
                        self.placed.push(Placed {
                            page,
                            x0: x,
                            y0: baseline - size * 0.45,
                            x1: x + w,
                            y1: baseline + size * 0.9,
                        });
                    }
                    Part::Latin(t) => self.text(x, baseline, &t, size, bold),
                }
                x += w;
            }
            pen -= shaped.width;
        }
    }

    /// A line of a right-to-left page, its words wrapped to the width.
    fn line_rtl(&mut self, l: &PageLine) {
        if l.ltr {
            let text: Vec<&str> = l
                .pieces
                .iter()
                .map(|p| match p {
                    Piece::Words(t) | Piece::Ltr(t) => t.as_str(),
                })
                .collect();
            self.paragraph(&text.join(" "), l.size, l.bold);
            return;
        }
        // A picture is read first: at the right, the words to its left.
        let picture = l
            .picture
            .map(|p| (p, if l.size > 20.0 { 40.0 } else { 30.0 }));
        let width = CONTENT_W - picture.map_or(0.0, |(_, w)| w + 10.0);
        let mut rows: Vec<Vec<Piece>> = vec![Vec::new()];
        let mut used = 0.0;
        for p in &l.pieces {
            // Words wrap word by word; other pieces move whole.
            let parts: Vec<Piece> = match p {
                Piece::Words(t) => t.split(' ').map(|w| Piece::Words(w.to_string())).collect(),
                other => vec![other.clone()],
            };
            for part in parts {
                let w = self.shape_piece(&part, l.size, l.bold).width;
                let gap = piece_gap(&part, l.size);
                let row = match rows.last_mut() {
                    Some(row) if row.is_empty() || used + gap + w <= width => row,
                    _ => {
                        rows.push(vec![part]);
                        used = w;
                        continue;
                    }
                };
                used += if row.is_empty() { w } else { gap + w };
                // Adjacent words join into one run, shaped together
                // (punctuation against the word before it).
                match (row.last_mut(), &part) {
                    (Some(Piece::Words(prev)), Piece::Words(next)) => {
                        if gap > 0.0 {
                            prev.push(' ');
                        }
                        prev.push_str(next);
                    }
                    _ => row.push(part),
                }
            }
        }
        for (i, row) in rows.into_iter().enumerate() {
            let pic = picture.filter(|_| i == 0);
            let pic_h = pic.map_or(0.0, |(_, w)| w * 0.9 + 4.0);
            self.ensure((l.size * 1.55).max(pic_h + l.size * 0.4));
            self.y -= (l.size * 1.15).max(pic_h);
            let baseline = self.y;
            let mut right = MARGIN + CONTENT_W;
            if let Some((p, w)) = picture {
                if let Some((_, _)) = pic {
                    let x = right - w;
                    match p {
                        Picture::Coins => self.coins(x, baseline - 4.0, w),
                        Picture::Calendar => self.calendar_icon(x, baseline - 4.0, w),
                    }
                }
                right -= w + 10.0;
            }
            self.pieces_rtl(right, baseline, &row, l.size, l.bold);
            self.y -= l.size * 0.4;
        }
    }

    /// A member's page in Urdu: every line right-aligned and read from the
    /// right, the calendar's columns from the right, numbers left to right.
    /// The study's name is in every page's header: not repeated at its foot,
    /// where it could spill alone onto a page of its own.
    fn member_page(&mut self, page: &MemberPage, months: Option<&MonthStrip>) {
        self.continued = None;
        self.new_page();
        // Each further page of hers starts with her name.
        self.continued = Some(Continued::Line(page.continued_page.clone()));
        for (i, l) in page.lines.iter().enumerate() {
            if i == page.months_at
                && let Some(s) = months
            {
                self.month_strip(s);
            }
            // The last line (the day she receives the loan) heads her
            // calendar: both on the next page, under her name, when the
            // calendar's first lines do not fit here.
            if i + 1 == page.lines.len() && !page.calendar.is_empty() {
                self.continued = Some(Continued::Line(page.continued.clone()));
                if self.y - l.size * 3.2 - 8.0 - 14.5 * 3.0 < BOTTOM {
                    self.new_page();
                }
            }
            self.line_rtl(l);
        }
        if page.months_at >= page.lines.len()
            && let Some(s) = months
        {
            self.month_strip(s);
        }
        if !page.calendar.is_empty() {
            self.y -= 8.0;
            let size = 10.5;
            let row_h = 14.5;
            // Columns side by side, the first at the right; in each,
            // number, date and amount from the right.
            let cols = CALENDAR_COLUMNS;
            let col_w = CONTENT_W / cols as f32;
            let widths = [0.13, 0.49, 0.38];
            let header: Vec<Piece> = page
                .calendar_header
                .iter()
                .map(|t| Piece::Words(t.clone()))
                .collect();
            let draw_header = |w: &mut Writer| {
                w.ensure(row_h * 2.0);
                w.y -= row_h;
                for side in 0..cols {
                    let right = MARGIN + CONTENT_W - side as f32 * col_w;
                    let mut edge = right;
                    for (c, p) in header.iter().enumerate() {
                        w.pieces_rtl(edge - 4.0, w.y, std::slice::from_ref(p), size, true);
                        edge -= widths[c] * col_w;
                    }
                }
                let y = w.y - 4.0;
                w.line(MARGIN, y, MARGIN + CONTENT_W, y, 0.6, 0.4);
            };
            // On each page the first column (at the right), then the
            // second, continue where the page before ended.
            let mut start = 0;
            while start < page.calendar.len() {
                if start > 0 || self.y - row_h * 3.0 < BOTTOM {
                    self.new_page();
                }
                draw_header(self);
                let fit = (((self.y - BOTTOM) / row_h).floor() as usize).max(1);
                let chunk = (page.calendar.len() - start).min(cols * fit);
                let rows = chunk.div_ceil(cols);
                let top = self.y;
                for k in 0..chunk {
                    let (side, r) = (k / rows, k % rows);
                    let y = top - row_h * (r + 1) as f32;
                    let right = MARGIN + CONTENT_W - side as f32 * col_w;
                    let mut edge = right;
                    for (c, cell) in page.calendar[start + k].iter().enumerate() {
                        self.pieces_rtl(edge - 4.0, y, cell, size, false);
                        edge -= widths[c] * col_w;
                    }
                }
                self.y = top - row_h * rows as f32;
                start += chunk;
            }
            self.y -= 6.0;
        }
    }

    /// The table of contents on the cover, under its lines: each section and
    /// the page it starts on (known once everything is laid out).
    fn contents(&mut self, top: f32, entries: &[(String, usize)]) {
        let (page, y) = (self.page, self.y);
        self.page = 0;
        self.y = top;
        self.paragraph("Contents", 12.0, true);
        for (title, at) in entries {
            let size = 10.0;
            self.y -= size * 1.4;
            let baseline = self.y;
            self.text(MARGIN, baseline, title, size, false);
            let n = at.to_string();
            let nw = self.regular.width(&n, size);
            self.text(MARGIN + CONTENT_W - nw, baseline, &n, size, false);
        }
        self.page = page;
        self.y = y;
    }

    /// Adds the study's name, the date and "page N of M" to every page.
    fn headers_and_footers(&mut self, study: &str, date: &str) {
        let n = self.pages.len();
        for i in 0..n {
            self.page = i;
            let size = 8.0;
            let dw = self.regular.width(date, size);
            let s = self
                .wrap(study, size, false, CONTENT_W - dw - 20.0)
                .into_iter()
                .next()
                .unwrap_or_default();
            self.text(MARGIN, PAGE_H - 36.0, &s, size, false);
            self.text(MARGIN + CONTENT_W - dw, PAGE_H - 36.0, date, size, false);
            self.line(
                MARGIN,
                PAGE_H - 42.0,
                MARGIN + CONTENT_W,
                PAGE_H - 42.0,
                0.4,
                0.6,
            );
            let label = format!("Page {} of {n}", i + 1);
            let lw = self.regular.width(&label, size);
            self.text(MARGIN + (CONTENT_W - lw) / 2.0, 30.0, &label, size, false);
        }
    }
}

/// The drawing instructions of criterion `c`'s picture card
/// ([`mfi_core::icons::icon`]) in a square `size` points wide whose lower
/// left corner is at (`x`, `y`): circles as four curves, polygons filled
/// and outlined, lines with round ends.
pub fn icon_ops(c: Criterion, x: f32, y: f32, size: f32) -> Vec<Op> {
    let k = size / 100.0;
    // The icon's box has y down; the page's, up.
    let at = |(ix, iy): (f32, f32)| (x + ix * k, y + size - iy * k);
    let col = |c: IconRgb| {
        rgb(
            f32::from(c.0) / 255.0,
            f32::from(c.1) / 255.0,
            f32::from(c.2) / 255.0,
        )
    };
    let mut ops = vec![
        Op::SaveGraphicsState,
        Op::SetLineJoinStyle {
            join: LineJoinStyle::Round,
        },
        Op::SetLineCapStyle {
            cap: LineCapStyle::Round,
        },
    ];
    let paint = |ops: &mut Vec<Op>,
                 points: Vec<LinePoint>,
                 fill: Option<IconRgb>,
                 stroke: Option<(IconRgb, f32)>| {
        if let Some(f) = fill {
            ops.push(Op::SetFillColor { col: col(f) });
        }
        if let Some((s, w)) = stroke {
            ops.push(Op::SetOutlineColor { col: col(s) });
            ops.push(Op::SetOutlineThickness { pt: Pt(w * k) });
        }
        let mode = match (fill.is_some(), stroke.is_some()) {
            (true, true) => PaintMode::FillStroke,
            (true, false) => PaintMode::Fill,
            (false, true) => PaintMode::Stroke,
            (false, false) => return,
        };
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    };
    // A picture's points as the page's, joined by straight lines.
    let straight = |points: Vec<(f32, f32)>| -> Vec<LinePoint> {
        points
            .into_iter()
            .map(|q| {
                let (px, py) = at(q);
                LinePoint {
                    p: pt(px, py),
                    bezier: false,
                }
            })
            .collect()
    };
    for p in icon(c) {
        match p {
            Prim::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => {
                let (px, py) = at((cx, cy));
                let ring = Writer::ellipse(px, py, r * k, r * k)
                    .into_iter()
                    .map(|(x, y, bezier)| LinePoint {
                        p: pt(x, y),
                        bezier,
                    })
                    .collect();
                paint(&mut ops, ring, fill, stroke);
            }
            Prim::Polygon {
                points,
                fill,
                stroke,
            } => {
                paint(&mut ops, straight(points), fill, stroke);
            }
            Prim::Line { points, stroke } => {
                ops.push(Op::SetOutlineColor { col: col(stroke.0) });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(stroke.1 * k),
                });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: straight(points),
                        is_closed: false,
                    },
                });
            }
        }
    }
    ops.push(Op::RestoreGraphicsState);
    // Text after it is black, as elsewhere.
    ops.push(Op::SetFillColor {
        col: rgb(0.0, 0.0, 0.0),
    });
    ops
}

impl Writer {
    /// Criterion `c`'s picture card, `size` points square, its lower left
    /// corner at (`x`, `y`).
    fn icon(&mut self, c: Criterion, x: f32, y: f32, size: f32) {
        let ops = icon_ops(c, x, y, size);
        self.ops().extend(ops);
    }
}

/// Whether `s` holds Arabic-script letters or digits.
fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// A piece of a right-to-left line shaped ([`Writer::shape_piece`]): its
/// parts from the left, each with its width, and its width.
pub(crate) struct Shaped {
    parts: Vec<(Part, f32)>,
    pub(crate) width: f32,
}

/// A part of a shaped piece.
enum Part {
    /// Glyphs shaped in Naskh, in the order they stand.
    Glyphs(Vec<Glyph>),
    /// Text drawn in Noto Sans, left to right.
    Latin(String),
}

/// The space before `p` in a right-to-left line: a word's space, none
/// before punctuation (a comma after a number stands against it).
fn piece_gap(p: &Piece, size: f32) -> f32 {
    let t = match p {
        Piece::Words(t) | Piece::Ltr(t) => t,
    };
    if t.starts_with([',', '.', ';', ':', '\u{060C}', '\u{06D4}', '\u{061B}']) {
        0.0
    } else {
        size * 0.3
    }
}

/// What rendering produced: the PDF, and where every piece of text went.
pub struct Rendered {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// The number of pages.
    #[cfg_attr(not(test), allow(dead_code))]
    pub pages: usize,
    /// Every text run's page and box, for checking the margins.
    #[cfg_attr(not(test), allow(dead_code))]
    pub placed: Vec<Placed>,
    /// Every picture drawn: its page and which.
    #[cfg_attr(not(test), allow(dead_code))]
    pub pictures: Vec<(usize, Picture)>,
}

/// The zlib level of the PDF's streams.
const COMPRESSION: u32 = 6;

/// Compresses every stream that may be, at level [`COMPRESSION`]: what
/// lopdf's own `compress` does at the best level (9), which took an eighth
/// of a report's instructions for files a little smaller (measured in
/// BENCHMARKS.md).
fn compress(pdf: &mut lopdf::Document) {
    use std::io::Write;
    for object in pdf.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(COMPRESSION));
            if encoder.write_all(&stream.content).is_ok()
                && let Ok(compressed) = encoder.finish()
                && compressed.len() + 19 < stream.content.len()
            {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

/// The first letter in capitals.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl Writer {
    /// A writer on `doc`, its fonts added, on a first empty page.
    fn new(doc: &mut PdfDocument) -> Result<Writer, String> {
        let mut warnings = Vec::new();
        let regular = ParsedFont::from_bytes(REGULAR, 0, &mut warnings)
            .ok_or("the bundled regular font does not load")?;
        let bold = ParsedFont::from_bytes(BOLD, 0, &mut warnings)
            .ok_or("the bundled bold font does not load")?;
        let (rid, bid) = (doc.add_font(&regular), doc.add_font(&bold));
        Ok(Writer {
            regular: Face::new(regular, rid),
            bold: Face::new(bold, bid),
            naskh: Shaping::new(doc, NASKH)?,
            naskh_bold: Shaping::new(doc, NASKH_BOLD)?,
            pages: vec![Vec::new()],
            page: 0,
            y: TOP,
            placed: Vec::new(),
            pictures: Vec::new(),
            form_line: 27.0,
            continued: None,
        })
    }
}

/// What a PDF says of itself.
struct About<'a> {
    title: &'a str,
    author: &'a str,
    subject: &'a str,
    issued: mfi_core::date::Date,
    languages: &'a str,
    lang: &'a str,
}

/// The pages of `w` written as the PDF `doc`, with what it says of itself.
fn finish(doc: PdfDocument, mut w: Writer, about: About) -> Result<Rendered, String> {
    let pages: Vec<PdfPage> = w
        .pages
        .drain(..)
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    let n = pages.len();
    let mut doc = doc;
    // The file says what it is: its title, who prepared it, its date (not
    // the time it was written, so the same study gives the same file), its
    // subject and languages. printpdf 0.12 writes no /Lang, so the
    // languages go in the keywords.
    let info = &mut doc.metadata.info;
    let epoch = mfi_core::date::Date::new(1970, 1, 1).unwrap_or(about.issued);
    if let Ok(day) =
        printpdf::date::OffsetDateTime::from_unix_timestamp(epoch.days_until(about.issued) * 86_400)
    {
        info.creation_date = day;
    }
    info.document_title = about.title.to_string();
    info.author = about.author.to_string();
    info.subject = about.subject.to_string();
    info.creator = "mfi-compare".into();
    info.producer = format!("mfi-compare {}", env!("CARGO_PKG_VERSION"));
    info.keywords = vec![format!("language: {}", about.languages)];
    info.modification_date = info.creation_date;
    info.metadata_date = info.creation_date;
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    let mut save_warnings = Vec::new();
    // printpdf 0.12 writes no /Lang: set it on the document it builds, then
    // save as printpdf would (compressed).
    let mut pdf = doc
        .with_pages(pages)
        .to_lopdf_document(&opts, &mut save_warnings);
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("Lang", lopdf::Object::string_literal(about.lang));
    }
    if opts.optimize {
        compress(&mut pdf);
    }
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| format!("the PDF could not be written: {e}"))?;
    Ok(Rendered {
        bytes,
        pages: n,
        placed: w.placed,
        pictures: w.pictures,
    })
}

/// Lays out and writes the report.
pub fn render(r: &Report) -> Result<Rendered, String> {
    let mut doc = PdfDocument::new(&r.title);
    let mut w = Writer::new(&mut doc)?;
    // Cover.
    w.y -= 120.0;
    w.paragraph(&r.title, 24.0, true);
    w.y -= 20.0;
    for (k, v) in &r.cover {
        w.paragraph(&format!("{k}: {v}"), 11.0, false);
    }
    let contents_at = w.y - 16.0;
    let mut contents: Vec<(String, usize)> = Vec::new();
    for (i, s) in r.sections.iter().enumerate() {
        w.new_page();
        contents.push((format!("{}. {}", i + 2, s.heading), w.page + 1));
        w.heading(&format!("{}. {}", i + 2, s.heading));
        for (k, b) in s.blocks.iter().enumerate() {
            match b {
                Block::Paragraph(p) => {
                    // A paragraph that introduces a table stays on the page
                    // of the table's first rows.
                    if let Some(Block::Table(_)) = s.blocks.get(k + 1) {
                        let lines = w.wrap(p, 10.0, false, CONTENT_W).len() as f32;
                        w.ensure(lines * 14.0 + KEEP_WITH_TABLE);
                    }
                    w.paragraph(p, 10.0, false)
                }
                Block::Bullets(items) => w.bullets(items),
                Block::Table(t) => w.table(t, if t.header.len() > 6 { 7.0 } else { 8.5 }),
                Block::Bars {
                    title,
                    bars,
                    unit,
                    shown,
                } => w.bars(title, bars, unit, shown),
                Block::Scatter {
                    title,
                    x_label,
                    y_label,
                    points,
                } => w.scatter(title, x_label, y_label, points),
            }
        }
    }
    if !r.handouts.is_empty() {
        contents.push((
            format!(
                "{}. The members' pages ({})",
                r.sections.len() + 2,
                r.handouts.len()
            ),
            w.pages.len() + 1,
        ));
    }
    for h in &r.handouts {
        w.handout(h);
    }
    // The CO's resolution, when the study holds its vote: the last pages.
    if !r.resolutions.is_empty() {
        contents.push((
            format!(
                "{}. The resolution of the CO",
                r.sections.len() + 2 + usize::from(!r.handouts.is_empty())
            ),
            w.pages.len() + 1,
        ));
    }
    for res in &r.resolutions {
        w.resolution(res);
    }
    w.contents(contents_at, &contents);
    w.headers_and_footers(&r.study, &r.date);
    finish(
        doc,
        w,
        About {
            title: &r.title,
            author: &r.author,
            subject: &r.study,
            issued: r.issued,
            languages: &r.languages,
            lang: REPORT_LANG,
        },
    )
}

/// The renderer the command line is given.
pub fn render_bytes(r: &Report) -> Result<Vec<u8>, String> {
    render(r).map(|x| x.bytes)
}

/// The PDFs the app writes from a study, the same in the desktop app and in
/// the web app's worker (which carries the PDF writer, so that the page does
/// not).
pub mod of_study {
    use mfi_core::data::study::StudyDoc;
    use mfi_core::date::Date;
    use mfi_core::i18n::Lang;
    use mfi_core::scoring::stability::Stability;

    /// The feasibility report of `study`, its members' pages in `lang`,
    /// dated `today`.
    pub fn report(study: &StudyDoc, lang: Lang, today: Date) -> Result<Vec<u8>, String> {
        let content = mfi_core::report::content_for(
            study,
            "Feasibility study for the selection of a microfinance institution",
            "programme staff",
            today,
            lang,
        );
        super::render_bytes(&content)
    }

    /// The field forms: blank, or `filled` with what `study` holds (what it
    /// lacks marked to ask); the members' plans in `lang`.
    pub fn forms(
        study: &StudyDoc,
        filled: bool,
        lang: Lang,
        today: Date,
    ) -> Result<Vec<u8>, String> {
        let content = if filled {
            mfi_core::forms::filled(study, lang)
        } else {
            mfi_core::forms::forms(None, lang)
        };
        super::render_forms_bytes(&content, today)
    }

    /// The blank form of the picture cards, in `lang`.
    pub fn cards(lang: Lang, today: Date) -> Result<Vec<u8>, String> {
        super::render_forms_bytes(&mfi_core::forms::cards_only(lang), today)
    }

    /// The resolution of the CO: in English and, when the members' pages
    /// are in another language, in it too; filled from the study's vote
    /// (what to ask first from `stability`), or with its MFIs before the
    /// vote.
    pub fn resolution(
        study: &StudyDoc,
        stability: Option<&Stability>,
        lang: Lang,
        today: Date,
    ) -> Result<Vec<u8>, String> {
        use mfi_core::report::resolution::resolution;
        let mut pages = vec![resolution(Some(study), stability, Lang::En)];
        if lang != Lang::En {
            pages.push(resolution(Some(study), stability, lang));
        }
        super::render_resolution(&pages, &study.name, &today.long(), today).map(|r| r.bytes)
    }
}

/// What the report's tests share: the file read back, each member's pages,
/// the margins and overlaps checked.
#[cfg(test)]
mod tests_support {
    use super::*;
    use mfi_core::report;
    use read_back::ReadBack;

    /// The rendered file read back (in Rust: no PDF tools needed).
    pub(crate) fn read(bytes: &[u8]) -> ReadBack {
        ReadBack::from_bytes(bytes).expect("the PDF reads back")
    }

    /// The pages of each member's page (1-based), read back: after the
    /// `sections` pages, each member's first page has her page's title and
    /// her name; each further page of hers is headed by her name and
    /// "continued"; nothing else follows.
    pub(crate) fn members_pages(
        back: &ReadBack,
        sections: usize,
        handouts: &[report::Handout],
        lang: mfi_core::i18n::Lang,
    ) -> Vec<std::ops::Range<usize>> {
        use mfi_core::i18n::{Lang, tr};
        let title = tr(lang, "handout.title");
        let continued = match lang {
            Lang::En => "continued",
            _ => "جاری",
        };
        let joined = |n: usize| {
            back.page(n)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut at = sections + 1;
        let mut out = Vec::new();
        for h in handouts {
            let head = format!("{}, {}", h.member, h.co);
            let first = joined(at);
            assert!(
                first.contains(title) && first.contains(&head),
                "page {at}: {head}'s page: {first}"
            );
            let mut end = at + 1;
            while end <= back.pages() {
                let t = joined(end);
                if t.contains(&head) && t.contains(continued) {
                    end += 1;
                } else {
                    break;
                }
            }
            out.push(at..end);
            at = end;
        }
        assert_eq!(at, back.pages() + 1, "nothing after the members' pages");
        out
    }

    /// Every text inside the margins; body text clear of the header and
    /// footer bands.
    pub(crate) fn inside_the_margins(r: &Rendered) {
        for p in &r.placed {
            assert!(p.page < r.pages);
            assert!(
                p.x0 >= MARGIN - 0.01 && p.x1 <= PAGE_W - MARGIN + 0.01,
                "{p:?}"
            );
            assert!(p.y0 >= 20.0 && p.y1 <= PAGE_H - 20.0, "{p:?}");
        }
        let body = r
            .placed
            .iter()
            .filter(|p| p.y1 < PAGE_H - 40.0 && p.y0 > 40.0);
        for p in body {
            assert!(p.y0 >= BOTTOM - 4.0 && p.y1 <= TOP + 30.0, "{p:?}");
        }
    }

    /// No two pieces of text overlap on any page.
    pub(crate) fn no_overlap(r: &Rendered) {
        let mut by_page: Vec<Vec<&Placed>> = vec![Vec::new(); r.pages];
        for p in &r.placed {
            by_page[p.page].push(p);
        }
        for (page, boxes) in by_page.iter().enumerate() {
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    let w = a.x1.min(b.x1) - a.x0.max(b.x0);
                    let h = a.y1.min(b.y1) - a.y0.max(b.y0);
                    assert!(
                        w <= 0.5 || h <= 1.0,
                        "page {}: {a:?} overlaps {b:?}",
                        page + 1
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod her_months_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use mfi_core::data::study::StudyDoc;
    use mfi_core::date::Date;
    use mfi_core::report;
    use mfi_core::scoring;
    use rust_decimal::Decimal;
    use tests_support::{members_pages, read};

    /// The built-in report's pages before the members' pages: the cover,
    /// the decision (2: with how often each MFI comes first in the draws, no
    /// MFI among them, and the rule), the summary, the matrix (3), the
    /// method (2: eligibility, her months, the true cost, the criteria), the
    /// ranking with the scatter's key (2), the members table (3: with why
    /// each member not served is not), the stability with the draws over
    /// the data and the facts to ask first (2). Then each member's page.
    const KASUR_SECTION_PAGES: usize = 16;

    fn kasur_report() -> (StudyDoc, report::Report, Rendered) {
        let doc = StudyDoc::kasur().expect("built-in study");
        let content = report::content_for(
            &doc,
            "Feasibility study",
            "HomeNet Pakistan",
            Date::parse("2026-11-22").expect("date"),
            mfi_core::i18n::Lang::En,
        );
        let rendered = render(&content).expect("rendered");
        (doc, content, rendered)
    }

    /// Urdu is shaped before it is placed: letters take their joined forms
    /// (not the isolated glyphs of the font's character map), the run comes
    /// out right to left, and every glyph keeps the letter it stands for.
    #[test]
    fn urdu_is_shaped_joined_and_right_to_left() {
        let mut doc = PdfDocument::new("t");
        let naskh = Shaping::new(&mut doc, NASKH).expect("font");
        let word = "قسط";
        let (glyphs, width) = naskh.shape(word, 12.0, true);
        assert!(width > 0.0);
        assert_eq!(glyphs.len(), 3);
        let isolated = |c: char| {
            naskh
                .face
                .font
                .lookup_glyph_index(c as u32)
                .expect("in the font")
        };
        // Visual order: the last letter (ط, final form) is leftmost.
        assert_eq!(glyphs[0].text, "ط");
        assert_eq!(glyphs[2].text, "ق");
        for (g, c) in glyphs.iter().zip(['ط', 'س', 'ق']) {
            assert_ne!(g.gid, isolated(c), "{c} is joined, not isolated");
        }
        assert!(glyphs[0].x < glyphs[1].x && glyphs[1].x < glyphs[2].x);
        // Numbers in Urdu digits stay left to right.
        let (digits, _) = naskh.shape("۱۲۳", 12.0, false);
        let texts: Vec<&str> = digits.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["۱", "۲", "۳"]);
    }

    /// The member pages of the Kasur report in Urdu (Western or Urdu digits),
    /// read back page by page: shaped Urdu runs that copy out as Urdu (the
    /// ToUnicode map), her name, and the engine's rupee figures.
    #[test]
    fn urdu_handouts_read_back_as_urdu_with_the_engines_figures() {
        use mfi_core::i18n::{Digits, Lang, tr};
        for digits in [Digits::Western, Digits::Urdu] {
            let mut doc = StudyDoc::kasur().expect("built-in study");
            doc.settings.digits = digits;
            let content = report::content_for(
                &doc,
                "Feasibility study",
                "HomeNet Pakistan",
                Date::parse("2026-11-22").expect("date"),
                Lang::Ur,
            );
            let r = render(&content).expect("rendered");
            for p in &r.placed {
                assert!(
                    p.x0 >= MARGIN - 0.01 && p.x1 <= PAGE_W - MARGIN + 0.01,
                    "{p:?}"
                );
            }
            let back = read(&r.bytes);
            let fonts: Vec<&str> = back.fonts().iter().map(|f| f.name.as_str()).collect();
            assert!(
                fonts
                    .iter()
                    .any(|f| f.ends_with("+NotoNaskhArabic-Regular")),
                "{fonts:?}"
            );
            assert!(
                fonts.iter().any(|f| f.ends_with("+NotoNaskhArabic-Bold")),
                "{fonts:?}"
            );
            let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
            // The sections, then each member's page (her calendar, and with
            // the strip of her months her key facts, may continue on a next
            // page, under her name).
            let pages = members_pages(&back, KASUR_SECTION_PAGES, &content.handouts, Lang::Ur);
            for (i, m) in doc.plans.members.iter().enumerate() {
                // Wrapped lines joined again.
                let text = pages[i]
                    .clone()
                    .map(|n| back.page(n))
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(text.contains(tr(Lang::Ur, "handout.title")), "{text}");
                assert!(text.contains(&m.member), "{}: {text}", m.member);
                let member = &e.members[i];
                let money = |d| digits.apply(&mfi_core::money::rs(d)[3..]);
                assert!(text.contains(&money(member.loan_needed)), "{text}");
                if let Some(k) = e.best_affordable(member.member) {
                    let l = e.pairs[k].loan.as_ref().expect("loan");
                    assert!(
                        text.contains(tr(Lang::Ur, "handout.each_instalment")),
                        "{text}"
                    );
                    assert!(text.contains(&money(l.instalment)), "{}: {text}", m.member);
                    assert!(text.contains(&money(l.total_cost)), "{}: {text}", m.member);
                    assert!(text.contains(&e.pairs[k].product), "{text}");
                    assert!(
                        text.contains(&digits.apply(&format!("{:.1}%", l.apr_percent))),
                        "{text}"
                    );
                    // What she could repay under stress ends its sentence;
                    // "اس کی تیاری کریں۔" opens the next, after it.
                    if !l.affordable_under_stress && member.stressed_capacity > Decimal::ZERO {
                        let said = format!(
                            "{} {} {}۔ {}",
                            tr(Lang::Ur, "handout.stress_short"),
                            money(member.stressed_capacity),
                            tr(Lang::Ur, "rupees"),
                            tr(Lang::Ur, "handout.stress_plan")
                        );
                        assert!(said.ends_with("روپے۔ اس کی تیاری کریں۔"), "{said}");
                        assert!(text.contains(&said), "{}: {said}\n{text}", m.member);
                    }
                } else {
                    assert!(
                        text.contains(tr(Lang::Ur, "handout.nothing"))
                            || text.contains(tr(Lang::Ur, "handout.no_need")),
                        "{text}"
                    );
                    // The rule that refuses her, in Urdu, as her English
                    // page gives it: Bushra Nawaz has no CNIC.
                    if let Some((rule, n, of)) = e.binding_rule(member.member) {
                        let why = tr(Lang::Ur, "handout.why");
                        assert!(text.contains(why), "{}: {text}", m.member);
                        if m.member == "Bushra Nawaz" {
                            assert_eq!((rule, n, of), (5, of, of));
                            let said = format!("{why} {}", tr(Lang::Ur, "handout.why_cnic"));
                            assert!(text.contains(&said), "{said}\n{text}");
                        }
                        if n < of {
                            let said = format!(
                                "(آپ کی {} پیشکشوں میں سے {} میں)۔",
                                digits.apply(&of.to_string()),
                                digits.apply(&n.to_string())
                            );
                            assert!(text.contains(&said), "{said}\n{text}");
                        }
                    }
                }
            }
        }
    }

    /// Weekly loans: 52 to 78 instalments, calendars over several pages.
    /// Every member's calendar reads back in date order across its pages,
    /// each further page under her name; what her page says she pays back
    /// is the members table's figure and the sum of her calendar; the
    /// file's metadata carries the title, the author and the report's date.
    #[test]
    fn long_calendars_continue_in_order_and_one_total_agrees_everywhere() {
        use mfi_core::data::matrix::{Value, param, parse_value};
        let mut doc = StudyDoc::kasur().expect("built-in study");
        for inst in &mut doc.matrix.institutions {
            for p in &mut inst.products {
                if let Some(f) = p.facts.get_mut("frequency") {
                    f.value =
                        parse_value(param("frequency").expect("param"), "weekly").expect("weekly");
                    assert!(matches!(f.value, Some(Value::Choice(_))));
                }
            }
        }
        let date = Date::parse("2026-11-22").expect("date");
        let content = report::content_for(
            &doc,
            "Weekly",
            "HomeNet Pakistan",
            date,
            mfi_core::i18n::Lang::En,
        );
        let r = render(&content).expect("rendered");
        let back = read(&r.bytes);
        assert_eq!(back.info("Title"), Some("Weekly"));
        assert_eq!(back.info("Author"), Some("HomeNet Pakistan"));
        assert!(
            back.info("CreationDate")
                .is_some_and(|d| d.starts_with("D:20261122000000")),
            "{:?}",
            back.info("CreationDate")
        );
        // Page by page, the members' pages after the sections.
        let pages: Vec<String> = (1..=r.pages).map(|i| back.page(i).to_string()).collect();
        let members = match &content.section("Members").blocks[0] {
            report::Block::Table(t) => t.clone(),
            _ => panic!("the members table"),
        };
        let pays = members
            .header
            .iter()
            .position(|h| h == "Pays back")
            .expect("column");
        let mut long = 0;
        for h in &content.handouts {
            let Some(l) = &h.loan else { continue };
            let head = format!("{}, {}", h.member, h.co);
            let first = pages
                .iter()
                .position(|t| t.contains(&head) && t.contains("Your loan plan"))
                .unwrap_or_else(|| panic!("{}'s page", h.member));
            // Her calendar's numbers, read back in order from her pages.
            let mut numbers: Vec<usize> = Vec::new();
            let mut k = first;
            loop {
                // Several columns a line ("No. Date Pay No. Date Pay ..."):
                // on each page the first column is read first, then the next.
                let mut columns: Vec<Vec<usize>> = vec![Vec::new(); CALENDAR_COLUMNS];
                for line in pages[k].lines() {
                    let words: Vec<&str> = line.split_whitespace().collect();
                    let mut found = 0;
                    for w in words.windows(5) {
                        if let (Ok(n), Ok(_), true) =
                            (w[0].parse::<usize>(), w[1].parse::<u32>(), w[4] == "Rs")
                        {
                            columns[found.min(CALENDAR_COLUMNS - 1)].push(n);
                            found += 1;
                        }
                    }
                }
                numbers.extend(columns.into_iter().flatten());
                k += 1;
                // Her page continues under her name: her loan plan, then
                // her calendar.
                let continued = [
                    format!("{head}: your loan plan, continued"),
                    format!("{head}: your calendar, continued"),
                ];
                if k < pages.len() && continued.iter().any(|c| pages[k].contains(c.as_str())) {
                    long += 1;
                    continue;
                }
                break;
            }
            // In order, page after page, none missing or repeated.
            assert_eq!(
                numbers,
                (1..=l.calendar.len()).collect::<Vec<_>>(),
                "{}",
                h.member
            );
            // One total: the page, the table, the calendar.
            let row = members.rows.iter().find(|r| r[0] == h.member).expect("row");
            assert_eq!(row[pays], l.total_repaid, "{}", h.member);
            let sum: rust_decimal::Decimal = l
                .calendar
                .iter()
                .map(|(_, a)| mfi_core::money::parse_amount(&a[3..]).expect("amount"))
                .sum();
            assert_eq!(mfi_core::money::rs(sum), l.total_repaid, "{}", h.member);
            let dates: Vec<&String> = l.calendar.iter().map(|(d, _)| d).collect();
            assert!(
                dates.len() > 50,
                "{}: {} instalments",
                h.member,
                dates.len()
            );
        }
        assert!(long > 0, "some calendars continue on a next page");
    }

    /// No two pieces of text overlap anywhere in the report: the scatter's
    /// labels included (they once hid one another).
    #[test]
    fn no_text_overlaps_another() {
        let (_, _, r) = kasur_report();
        tests_support::no_overlap(&r);
    }

    /// The cover's contents name every section and the members' pages with
    /// the page each starts on, read back from the file.
    #[test]
    fn the_contents_give_the_page_each_section_starts_on() {
        let (_, content, r) = kasur_report();
        let back = read(&r.bytes);
        let page = |i: usize| back.page(i).to_string();
        let cover = page(1);
        assert!(cover.contains("Contents"), "{cover}");
        let mut titles: Vec<String> = content
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {}", i + 2, s.heading))
            .collect();
        titles.push(format!(
            "{}. The members' pages ({})",
            content.sections.len() + 2,
            content.handouts.len()
        ));
        let mut last = 1;
        for t in &titles {
            let line = cover
                .lines()
                .find(|l| l.trim_start().starts_with(t.as_str()))
                .unwrap_or_else(|| panic!("{t} in the contents:\n{cover}"));
            let at: usize = line
                .split_whitespace()
                .last()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("a page number: {line}"));
            assert!(at > last, "{t} on page {at}, after page {last}");
            last = at;
            let there = page(at);
            let heading = t.split(" (").next().unwrap_or(t);
            let found = if heading.ends_with("The members' pages") {
                there.contains("Your loan plan")
            } else {
                there.contains(heading)
            };
            assert!(found, "{t} on page {at}:\n{there}");
        }
    }

    /// Every member with a loan sees a stack of coins beside her instalment
    /// and a calendar beside how many, on her own first page, in English
    /// and in Urdu.
    #[test]
    fn each_loan_page_has_its_coins_and_its_calendar() {
        let doc = StudyDoc::kasur().expect("built-in study");
        for lang in [mfi_core::i18n::Lang::En, mfi_core::i18n::Lang::Ur] {
            let content = report::content_for(
                &doc,
                "Pictures",
                "test",
                Date::parse("2026-11-22").expect("date"),
                lang,
            );
            let r = render(&content).expect("rendered");
            let loans = content.handouts.iter().filter(|h| h.loan.is_some()).count();
            assert!(loans > 30);
            for picture in [Picture::Coins, Picture::Calendar] {
                let mut pages: Vec<usize> = r
                    .pictures
                    .iter()
                    .filter(|(_, p)| *p == picture)
                    .map(|(page, _)| *page)
                    .collect();
                assert_eq!(pages.len(), loans, "{picture:?} {lang:?}");
                pages.dedup();
                assert_eq!(pages.len(), loans, "one a page: {picture:?} {lang:?}");
            }
            // Coins and calendar of a member on the same page.
            let coins: Vec<usize> = r
                .pictures
                .iter()
                .filter(|p| p.1 == Picture::Coins)
                .map(|p| p.0)
                .collect();
            let calendars: Vec<usize> = r
                .pictures
                .iter()
                .filter(|p| p.1 == Picture::Calendar)
                .map(|p| p.0)
                .collect();
            assert_eq!(coins, calendars, "{lang:?}");
        }
    }

    /// The file says its language: English in the catalog, and every Urdu
    /// run of the members' pages marked as Urdu.
    #[test]
    fn the_report_is_english_and_its_urdu_is_marked_urdu() {
        let doc = StudyDoc::kasur().expect("built-in study");
        let content = report::content_for(
            &doc,
            "Languages",
            "test",
            Date::parse("2026-11-22").expect("date"),
            mfi_core::i18n::Lang::Ur,
        );
        let r = render(&content).expect("rendered");
        let pdf = lopdf::Document::load_mem(&r.bytes).expect("a PDF lopdf reads");
        let lang = pdf
            .catalog()
            .and_then(|c| c.get(b"Lang"))
            .and_then(|l| l.as_str())
            .expect("/Lang in the catalog");
        assert_eq!(lang, b"en");
        let pages = pdf.get_pages();
        let content =
            |n: u32| String::from_utf8_lossy(&pdf.get_page_content(pages[&n])).into_owned();
        // The cover is English only; the first member's page has Urdu runs,
        // each inside a span marked Urdu.
        assert!(!content(1).contains("/Lang"));
        let member = content((KASUR_SECTION_PAGES + 1) as u32);
        let spans = member
            .split("BDC")
            .filter(|before| before.trim_end().ends_with("/Span <</Lang(ur)>>"))
            .count();
        let texts = member.matches("BT").count();
        assert!(spans > 10, "{spans} Urdu spans");
        assert!(spans < texts, "Latin text is not marked Urdu");
        assert_eq!(member.matches("BDC").count(), member.matches("EMC").count());
    }

    /// A share in a chart is worded as in the sentences: 99.96% of draws is
    /// "99.9%", never "100.0%" beside a sentence that says otherwise.
    #[test]
    fn a_chart_never_rounds_a_share_up_to_all() {
        let (_, mut content, _) = kasur_report();
        content.handouts.clear();
        content.sections = vec![report::Section {
            heading: "Shares".into(),
            blocks: vec![report::Block::Bars {
                title: "How often each MFI comes first".into(),
                bars: vec![("Akhuwat".into(), 99.96), ("CWCD".into(), 0.04)],
                unit: "%".into(),
                shown: Vec::new(),
            }],
        }];
        let r = render(&content).expect("rendered");
        let text = read(&r.bytes).text();
        assert!(text.contains("99.9%") && !text.contains("100.0%"), "{text}");
    }

    #[test]
    fn every_text_is_inside_the_margins() {
        let (_, content, r) = kasur_report();
        // The sections, then each member's page, continued under her name
        // when it is long.
        let pages = members_pages(
            &read(&r.bytes),
            KASUR_SECTION_PAGES,
            &content.handouts,
            mfi_core::i18n::Lang::En,
        );
        assert_eq!(pages.len(), content.handouts.len());
        tests_support::inside_the_margins(&r);
    }

    #[test]
    fn the_pdf_reads_back_with_the_engines_figures_and_subset_fonts() {
        let (doc, _, r) = kasur_report();
        let back = read(&r.bytes);
        let text = back.text();
        let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        let rec = e.recommended().expect("a first MFI by CO score");
        // The built-in study cannot tell yet: no MFI is recommended, the
        // first by CO score named as such.
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            joined.contains(&format!(
                "No MFI can be recommended yet. First by CO score on the facts as assumed: {} ({:.1} of 100)",
                rec.mfi, rec.score
            )),
            "{}",
            &text[..2000.min(text.len())]
        );
        assert!(!joined.contains(&format!("Recommended: {}", rec.mfi)));
        for (i, m) in doc.plans.members.iter().enumerate() {
            assert!(
                text.contains(&format!("{}, {}", m.member, m.co)),
                "handout of {}",
                m.member
            );
            let member = &e.members[i];
            if let Some(k) = e.best_affordable(member.member) {
                let l = e.pairs[k].loan.as_ref().expect("loan");
                assert!(
                    text.contains(&format!(
                        "{} / {}, a loan of {}",
                        e.pairs[k].mfi,
                        e.pairs[k].product,
                        mfi_core::money::rs(l.amount)
                    )),
                    "{}",
                    m.member
                );
                assert!(
                    text.contains(&format!(
                        "The loan costs you: {}",
                        mfi_core::money::rs_range(l.total_cost_ends().low, l.total_cost)
                    )),
                    "{}",
                    m.member
                );
                assert!(
                    text.contains(&format!("{:.1}%", l.apr_percent)),
                    "{}",
                    m.member
                );
            }
        }
        // A range may wrap in its cell: compared with the lines joined.
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for r in &e.ranking {
            assert!(
                joined.contains(&mfi_core::money::rs_range(r.total_cost_low, r.total_cost)),
                "{}",
                r.mfi
            );
        }
        let fonts = back.fonts();
        assert_eq!(fonts.len(), 2, "{fonts:?}");
        for f in fonts {
            assert!(f.subset && f.embedded, "not embedded and subset: {f:?}");
        }
    }

    #[test]
    fn a_large_generated_study_renders() {
        use mfi_core::generate::{self, Rng};
        let mut rng = Rng::new(7);
        let doc = StudyDoc {
            matrix: generate::matrix(12, 3, "Kasur", &mut rng),
            plans: generate::plans(300, "CO 1", "Kasur", &mut rng),
            ..StudyDoc::kasur().expect("built-in")
        };
        let content = report::content_for(
            &doc,
            "Large",
            "test",
            Date::parse("2026-11-22").expect("date"),
            mfi_core::i18n::Lang::En,
        );
        let r = render(&content).expect("rendered");
        assert!(r.pages > 300);
        assert!(r.bytes.starts_with(b"%PDF"));
        assert!(r.placed.iter().all(|p| p.x1 <= PAGE_W - MARGIN + 0.01));
    }
}
