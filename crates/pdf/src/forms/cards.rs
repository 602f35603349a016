//! The members' priorities on the picture cards: a card per criterion, its
//! picture, its words and a box for the stones, in her language.

use super::{CARD_GAP, CARD_PICTURE, CIRCLE, STONE_BOX};
use crate::{BOTTOM, CONTENT_W, MARGIN, Writer, rgb};
use mfi_core::forms::PrioritiesForm;

impl Writer {
    /// The members' priorities: one page, the eight picture cards two by
    /// two under the title, the name, CO and date lines; the note for staff
    /// at its foot.
    pub(super) fn priorities(&mut self, p: &PrioritiesForm) {
        let rtl = p.lang.rtl();
        let size = if rtl { 12.5 } else { 11.0 };
        self.new_page();
        self.say_line(rtl, &p.title, if rtl { 20.0 } else { 18.0 }, true);
        self.y -= 2.0;
        self.say_line(rtl, &p.instructions, size, false);
        self.say_line(rtl, &p.or_tick, size * 0.9, false);
        self.y -= 10.0;
        // The name (or none), then the CO and the date side by side.
        self.y -= 22.0;
        let y = self.y;
        self.write_line(
            rtl,
            &p.name,
            &p.anonymous,
            MARGIN,
            MARGIN + CONTENT_W,
            y,
            size,
        );
        self.y -= 28.0;
        let y = self.y;
        let split = MARGIN + CONTENT_W * 0.64;
        let (co, date) = if rtl {
            ((split + 10.0, MARGIN + CONTENT_W), (MARGIN, split - 10.0))
        } else {
            ((MARGIN, split - 10.0), (split + 10.0, MARGIN + CONTENT_W))
        };
        self.write_line(rtl, &p.co, "", co.0, co.1, y, size);
        self.write_line(rtl, &p.date, "", date.0, date.1, y, size);
        self.y -= 16.0;
        // The cards, two by two, the first read on the reading side.
        let note_size = 8.0;
        let note = self.wrap(&p.staff_note, note_size, false, CONTENT_W);
        let foot = BOTTOM + note.len() as f32 * note_size * 1.3 + 30.0;
        let rows = p.cards.len().div_ceil(2).max(1);
        let cw = (CONTENT_W - CARD_GAP) / 2.0;
        let ch = (self.y - foot - CARD_GAP * (rows as f32 - 1.0)) / rows as f32;
        for (k, card) in p.cards.iter().enumerate() {
            let (row, col) = (k / 2, k % 2);
            let x0 = if rtl == (col == 0) {
                MARGIN + cw + CARD_GAP
            } else {
                MARGIN
            };
            let top = self.y - row as f32 * (ch + CARD_GAP);
            self.card(rtl, card, p, x0, top - ch, cw, ch);
        }
        // The total under the cards, then the note for staff.
        let total_y = self.y - rows as f32 * (ch + CARD_GAP) - 8.0;
        self.say_at(
            rtl,
            MARGIN,
            MARGIN + CONTENT_W,
            total_y,
            &p.total,
            size + 1.0,
            true,
        );
        self.ops().push(printpdf::Op::SetFillColor {
            col: rgb(0.3, 0.3, 0.3),
        });
        for (i, l) in note.iter().enumerate() {
            let baseline = BOTTOM + (note.len() - 1 - i) as f32 * note_size * 1.3 + 4.0;
            self.text(MARGIN, baseline, l, note_size, false);
        }
        self.ops().push(printpdf::Op::SetFillColor {
            col: rgb(0.0, 0.0, 0.0),
        });
        self.y = BOTTOM;
    }

    /// A label and a line to write on, between `x0` and `x1`, with words
    /// after the line (none when `after` is empty).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn write_line(
        &mut self,
        rtl: bool,
        label: &str,
        after: &str,
        x0: f32,
        x1: f32,
        baseline: f32,
        size: f32,
    ) {
        let lw = self.width_any(rtl, label, size, true);
        let small = size * 0.85;
        let aw = if after.is_empty() {
            0.0
        } else {
            self.width_any(rtl, after, small, false) + 10.0
        };
        let (l0, l1) = if rtl {
            (x0 + aw, x1 - lw - 8.0)
        } else {
            (x0 + lw + 8.0, x1 - aw)
        };
        self.say_at(rtl, x0, x1, baseline, label, size, true);
        self.line(l0, baseline - 3.0, l1, baseline - 3.0, 0.8, 0.2);
        if !after.is_empty() {
            let (a0, a1) = if rtl {
                (x0, x0 + aw - 10.0)
            } else {
                (x1 - aw + 10.0, x1)
            };
            self.say_at(rtl, a0, a1, baseline, after, small, false);
        }
    }

    /// One picture card: its picture on the reading side; its words, the
    /// box for the number of stones and the circles to tick beside it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn card(
        &mut self,
        rtl: bool,
        card: &mfi_core::forms::Card,
        p: &PrioritiesForm,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    ) {
        let pad = 8.0;
        self.frame(x, y, w, h, 0.35, None);
        let ps = (h - 2.0 * pad).min(CARD_PICTURE);
        let px = if rtl { x + w - pad - ps } else { x + pad };
        self.icon(card.criterion, px, y + (h - ps) / 2.0, ps);
        // The words.
        let (t0, t1) = if rtl {
            (x + pad, px - pad)
        } else {
            (px + ps + pad, x + w - pad)
        };
        let mut size = if rtl { 13.0 } else { 12.0 };
        let mut lines = self.wrap_any(rtl, &card.label, size, true, t1 - t0);
        if lines.len() > 2 {
            size *= 0.88;
            lines = self.wrap_any(rtl, &card.label, size, true, t1 - t0);
        }
        let mut pen = y + h - pad;
        for l in &lines {
            pen -= size * 1.25;
            self.say_at(rtl, t0, t1, pen + size * 0.2, l, size, true);
        }
        // The box for the number and "stones".
        let (bw, bh) = STONE_BOX;
        let small = if rtl { 11.0 } else { 10.0 };
        let box_top = (y + pad + 2.0 * CIRCLE.1 + bh + 8.0).min(pen - 6.0);
        let bx = if rtl { t1 - bw } else { t0 };
        self.frame(bx, box_top - bh, bw, bh, 0.2, None);
        let base = box_top - bh / 2.0 - small * 0.35;
        if rtl {
            self.say_at(rtl, t0, bx - 6.0, base, &p.stones, small, false);
        } else {
            self.say_at(rtl, bx + bw + 6.0, t1, base, &p.stones, small, false);
        }
        // The circles to tick, five to a row.
        let (r, step) = CIRCLE;
        let per_row = 5;
        for k in 0..p.circles {
            let (row, col) = (k / per_row, k % per_row);
            let cx = if rtl {
                t1 - r - col as f32 * step
            } else {
                t0 + r + col as f32 * step
            };
            let cy = box_top - bh - 6.0 - r - row as f32 * step;
            self.shape(
                &Writer::ellipse(cx, cy, r, r),
                &rgb(1.0, 1.0, 1.0),
                &rgb(0.25, 0.25, 0.25),
            );
        }
    }
}
