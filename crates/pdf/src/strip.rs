//! The strip of her months on a member's page (`mfi_core::report::MonthStrip`):
//! a column a month, rows of twelve, picture first for members who read
//! little. In each column two bars side by side: the money that comes in
//! (her income, green, and what she takes from money put aside before,
//! light blue, on top) and the money that goes out (her home and other
//! debts, grey, this loan's payment, gold, and what she puts aside, blue,
//! on top); the gap between their tops is what is left. Under them the
//! rupee figures, row by row, each row named beside its colour. A short
//! month is shaded red and its name and what is left are red. An Urdu
//! strip is the mirror image: the names at the right, the first month
//! next to them.

use super::{CONTENT_W, MARGIN, Writer, rgb};
use mfi_core::i18n::Lang;
use mfi_core::report::{MonthStrip, PageLine, Piece, StripRow};
use printpdf::{Color, Op};

/// Months in a row of the strip.
pub(crate) const STRIP_MONTHS: usize = 12;
/// The height of the tallest bar.
const BAR_H: f32 = 26.0;
/// The size of the figures, and of the names of months and rows.
const FIGURE: f32 = 7.0;
const NAME: f32 = 7.5;
/// From one row of figures to the next: Urdu's letters reach higher and
/// lower than Latin ones.
fn row_step(lang: Lang) -> f32 {
    if lang.rtl() { 9.2 } else { 8.6 }
}
/// Above the bars: the months' names.
const HEAD: f32 = 12.0;

/// The colour a row is drawn in (its bar and its swatch).
fn colour(row: StripRow) -> Option<Color> {
    match row {
        StripRow::In => Some(rgb(0.30, 0.65, 0.35)),
        StripRow::Out => Some(rgb(0.62, 0.62, 0.62)),
        StripRow::Pays => Some(rgb(0.93, 0.68, 0.12)),
        StripRow::Aside => Some(rgb(0.25, 0.45, 0.85)),
        StripRow::FromBefore => Some(rgb(0.62, 0.76, 0.96)),
        StripRow::Left => None,
    }
}

fn red() -> Color {
    rgb(0.78, 0.08, 0.08)
}

fn black() -> Color {
    rgb(0.0, 0.0, 0.0)
}

impl Writer {
    /// A row of months: the names, the bars, a line of figures for each
    /// row, and the word for a short month when one is.
    fn block_height(s: &MonthStrip, short: bool) -> f32 {
        HEAD + BAR_H + row_step(s.lang) * s.rows.len() as f32 + 7.0 + if short { 10.0 } else { 0.0 }
    }

    /// A piece as drawn on this strip: words of an English strip are Latin
    /// text.
    fn strip_piece(lang: Lang, p: &Piece) -> Piece {
        match (lang, p) {
            (Lang::En, Piece::Words(t)) => Piece::Ltr(t.clone()),
            _ => p.clone(),
        }
    }

    /// One piece whose right edge is at `right`, in `col` (black after).
    fn strip_text(
        &mut self,
        right: f32,
        baseline: f32,
        p: &Piece,
        size: f32,
        bold: bool,
        col: Option<Color>,
    ) {
        if let Some(c) = &col {
            self.ops().push(Op::SetFillColor { col: c.clone() });
        }
        self.pieces_rtl(right, baseline, std::slice::from_ref(p), size, bold);
        if col.is_some() {
            self.ops().push(Op::SetFillColor { col: black() });
        }
    }

    /// Pieces as one run of text: an English strip's words and numbers in
    /// one string, an Urdu strip's pieces as they are.
    fn strip_run(lang: Lang, pieces: &[Piece]) -> Vec<Piece> {
        if lang.rtl() {
            return pieces.to_vec();
        }
        let text: Vec<&str> = pieces
            .iter()
            .map(|p| match p {
                Piece::Words(t) | Piece::Ltr(t) => t.as_str(),
            })
            .collect();
        vec![Piece::Ltr(text.join(" ").replace(" :", ":"))]
    }

    /// The width of pieces laid out as one line.
    pub(crate) fn run_width(&self, pieces: &[Piece], size: f32, bold: bool) -> f32 {
        pieces
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let gap = if i > 0 {
                    super::piece_gap(p, size)
                } else {
                    0.0
                };
                gap + self.shape_piece(p, size, bold).width
            })
            .sum()
    }

    /// The strip's title, and what it assumes beside it (under it when
    /// both do not fit on one line).
    fn strip_title(&mut self, s: &MonthStrip) {
        const TITLE: f32 = 10.0;
        const NOTE: f32 = 8.0;
        let title = Self::strip_run(s.lang, &s.title);
        let note = Self::strip_run(s.lang, &s.note);
        let tw = self.run_width(&title, TITLE, true);
        let nw = if s.note.is_empty() {
            0.0
        } else {
            self.run_width(&note, NOTE, false)
        };
        let rtl = s.lang.rtl();
        let line = |pieces: Vec<Piece>, size: f32, bold: bool| PageLine {
            pieces,
            size,
            bold,
            ltr: !rtl,
            picture: None,
        };
        if s.note.is_empty() || tw + 12.0 + nw > CONTENT_W {
            self.line_rtl(&line(title, TITLE, true));
            if !s.note.is_empty() {
                self.line_rtl(&line(note, NOTE, false));
            }
            return;
        }
        self.y -= TITLE * 1.4;
        let baseline = self.y + TITLE * 0.3;
        if rtl {
            self.pieces_rtl(MARGIN + CONTENT_W, baseline, &title, TITLE, true);
            self.pieces_rtl(MARGIN + CONTENT_W - tw - 12.0, baseline, &note, NOTE, false);
        } else {
            self.pieces_rtl(MARGIN + tw, baseline, &title, TITLE, true);
            self.pieces_rtl(MARGIN + tw + 12.0 + nw, baseline, &note, NOTE, false);
        }
        self.y -= TITLE * 0.5;
    }

    /// The strip: its title, then its rows of months, each row kept whole
    /// on a page.
    pub(crate) fn month_strip(&mut self, s: &MonthStrip) {
        if s.months.is_empty() {
            return;
        }
        let rtl = s.lang.rtl();
        // The title stays with the first row of months.
        let first_short = s.months.iter().take(STRIP_MONTHS).any(|m| m.row.short);
        self.ensure(28.0 + Self::block_height(s, first_short));
        self.strip_title(s);
        // The names of the rows, each beside its colour.
        let names: Vec<Piece> = s
            .rows
            .iter()
            .map(|(_, n)| Self::strip_piece(s.lang, &Piece::Words(n.clone())))
            .collect();
        let month_word = Self::strip_piece(s.lang, &Piece::Words(s.month_word.clone()));
        let widest = names
            .iter()
            .chain(std::iter::once(&month_word))
            .map(|p| self.shape_piece(p, NAME, false).width)
            .fold(0.0f32, f32::max);
        let label_w = (widest + 14.0).clamp(60.0, 110.0);
        let col_w = (CONTENT_W - label_w) / STRIP_MONTHS as f32;
        // Every bar on one scale: the largest side of any month.
        let side = |r: &mfi_core::scoring::months::MonthRow| {
            let inn = r.income.max(0) + r.from_before.max(0);
            let out = r.out.max(0) + r.pays.max(0) + r.aside.max(0);
            (inn, out)
        };
        let most = s
            .months
            .iter()
            .map(|m| {
                let (a, b) = side(&m.row);
                a.max(b)
            })
            .max()
            .unwrap_or(0)
            .max(1) as f32;
        let scale = BAR_H / most;
        for block in s.months.chunks(STRIP_MONTHS) {
            let short = block.iter().any(|m| m.row.short);
            self.ensure(Self::block_height(s, short));
            let top = self.y;
            let bars_top = top - HEAD;
            let base = bars_top - BAR_H;
            // The left edge of column i, read from the names' side.
            let col_x = |i: usize| {
                if rtl {
                    MARGIN + CONTENT_W - label_w - (i + 1) as f32 * col_w
                } else {
                    MARGIN + label_w + i as f32 * col_w
                }
            };
            let step = row_step(s.lang);
            let bottom = base - step * s.rows.len() as f32 - 3.0;
            // Short months shaded first, under everything.
            for (i, m) in block.iter().enumerate() {
                if m.row.short {
                    let x = col_x(i);
                    self.rect(
                        x + 0.5,
                        bottom,
                        col_w - 1.0,
                        top - bottom,
                        rgb(1.0, 0.88, 0.88),
                    );
                }
            }
            // The names' column: "Month", then each row's name.
            let swatch_x = if rtl {
                MARGIN + CONTENT_W - 7.0
            } else {
                MARGIN
            };
            let head_base = top - 9.0;
            let word_w = self.shape_piece(&month_word, NAME, true).width;
            let word_right = if rtl {
                MARGIN + CONTENT_W - 10.0
            } else {
                MARGIN + 10.0 + word_w
            };
            self.strip_text(word_right, head_base, &month_word, NAME, true, None);
            for (k, ((row, _), name)) in s.rows.iter().zip(&names).enumerate() {
                let baseline = base - step * (k + 1) as f32 + 2.0;
                if let Some(c) = colour(*row) {
                    self.rect(swatch_x, baseline - 0.5, 7.0, 6.0, c);
                }
                let w = self.shape_piece(name, NAME, false).width;
                let right = if rtl {
                    MARGIN + CONTENT_W - 10.0
                } else {
                    MARGIN + 10.0 + w
                };
                self.strip_text(right, baseline, name, NAME, false, None);
            }
            // The line the bars stand on.
            let (x0, x1) = if rtl {
                (col_x(block.len() - 1), col_x(0) + col_w)
            } else {
                (col_x(0), col_x(block.len() - 1) + col_w)
            };
            self.line(x0, base, x1, base, 0.5, 0.5);
            for (i, m) in block.iter().enumerate() {
                let x = col_x(i);
                let cx = x + col_w / 2.0;
                // The month's name.
                let label = Self::strip_piece(s.lang, &m.label);
                let lw = self.shape_piece(&label, NAME, true).width;
                let col = m.row.short.then(red);
                self.strip_text(cx + lw / 2.0, head_base, &label, NAME, true, col);
                // The bars: what comes in, what goes out.
                let bw = (col_w * 0.3).min(9.0);
                let (in_x, out_x) = if rtl {
                    (cx + 0.75, cx - 0.75 - bw)
                } else {
                    (cx - 0.75 - bw, cx + 0.75)
                };
                let r = &m.row;
                let mut stack = |x: f32, parts: &[(StripRow, i64)]| {
                    let mut y = base;
                    for &(row, v) in parts {
                        let h = v.max(0) as f32 * scale;
                        if h > 0.05
                            && let Some(c) = colour(row)
                        {
                            self.rect(x, y, bw, h, c);
                        }
                        y += h;
                    }
                };
                stack(
                    in_x,
                    &[
                        (StripRow::In, r.income),
                        (StripRow::FromBefore, r.from_before),
                    ],
                );
                stack(
                    out_x,
                    &[
                        (StripRow::Out, r.out),
                        (StripRow::Pays, r.pays),
                        (StripRow::Aside, r.aside),
                    ],
                );
                // The figures, centred under the bars.
                for (k, ((row, _), fig)) in s.rows.iter().zip(&m.figures).enumerate() {
                    let baseline = base - step * (k + 1) as f32 + 2.0;
                    let p = Piece::Ltr(fig.clone());
                    let bold = *row == StripRow::Left || *row == StripRow::Pays;
                    let mut size = FIGURE;
                    let w = self.shape_piece(&p, size, bold).width;
                    if w > col_w - 3.0 {
                        size = (size * (col_w - 3.0) / w).max(5.0);
                    }
                    let w = self.shape_piece(&p, size, bold).width;
                    let col = (*row == StripRow::Left && r.left < 0).then(red);
                    self.strip_text(cx + w / 2.0, baseline, &p, size, bold, col);
                }
            }
            // The word for a short month, under the names, beside its shade.
            if short {
                let p = Self::strip_piece(s.lang, &Piece::Words(s.short_word.clone()));
                let w = self.shape_piece(&p, NAME, true).width;
                let baseline = bottom - 7.0;
                let right = if rtl {
                    MARGIN + CONTENT_W - 10.0
                } else {
                    MARGIN + 10.0 + w
                };
                self.rect(swatch_x, baseline - 0.5, 7.0, 6.0, rgb(1.0, 0.75, 0.75));
                self.strip_text(right, baseline, &p, NAME, true, Some(red()));
                self.y = baseline - 4.0;
            } else {
                self.y = bottom - 2.0;
            }
        }
        self.y -= 4.0;
    }
}
