//! The field forms on A4 (see `mfi_core::forms`): each question beside a
//! box of the right kind, large enough for handwriting (a box a line is
//! 8 mm tall on the MFI survey, 6 mm on the one-page plan, a tick box 4 mm); an Urdu form laid out from the right, its
//! words shaped and joined. Filled forms show the study's values in the
//! boxes and "to ask" beside what it lacks.

use super::{About, BOTTOM, CONTENT_W, MARGIN, Rendered, Writer, rgb};
use mfi_core::forms::{Answer, Field, Form, Forms, PrioritiesForm};
use mfi_core::i18n::Lang;
use mfi_core::report::{Picture, Piece};
use printpdf::PdfDocument;

/// A line of handwriting on the MFI survey: a box 23 pt (8.1 mm) tall.
const SURVEY_LINE: f32 = 27.0;
/// On the Micro Investment Plan, which fits one sheet: 17 pt (6 mm).
const PLAN_LINE: f32 = 21.0;
/// A tick box's side.
const TICK: f32 = 11.0;
/// The question's share of the width; the answer has the rest.
const LABEL_SHARE: f32 = 0.46;
const GAP: f32 = 12.0;
const LABEL_SIZE: f32 = 10.0;
const URDU_SIZE: f32 = 10.5;

/// Lays out the forms.
pub fn render_forms(f: &Forms, issued: mfi_core::date::Date) -> Result<Rendered, String> {
    let mut doc = PdfDocument::new(&f.title);
    let mut w = Writer::new(&mut doc)?;
    w.pages.clear();
    for form in &f.forms {
        w.form(form);
    }
    if let Some(p) = &f.priorities {
        w.priorities(p);
    }
    w.headers_and_footers(&format!("{}: {}", f.title, f.study), "");
    finish_forms(doc, w, f, issued)
}

fn finish_forms(
    doc: PdfDocument,
    w: Writer,
    f: &Forms,
    issued: mfi_core::date::Date,
) -> Result<Rendered, String> {
    let urdu_plan = f.forms.iter().any(|x| x.lang == Lang::Ur);
    let urdu_cards = f.priorities.as_ref().is_some_and(|p| p.lang == Lang::Ur);
    let languages = match (f.forms.is_empty(), urdu_plan, urdu_cards) {
        (true, _, true) => "ur (members' priorities)",
        (false, true, true) => "en (MFI survey), ur (Micro Investment Plan, members' priorities)",
        (false, true, false) => "en (MFI survey), ur (Micro Investment Plan)",
        _ => "en",
    };
    super::finish(
        doc,
        w,
        About {
            title: &f.title,
            author: "programme staff",
            subject: &f.study,
            issued,
            languages,
            lang: "en",
        },
    )
}

/// The forms' PDF.
pub fn render_forms_bytes(f: &Forms, issued: mfi_core::date::Date) -> Result<Vec<u8>, String> {
    render_forms(f, issued).map(|r| r.bytes)
}

/// The gap between the picture cards.
const CARD_GAP: f32 = 10.0;
/// The largest picture on a card.
const CARD_PICTURE: f32 = 112.0;
/// The box for the number of stones on a card.
const STONE_BOX: (f32, f32) = (46.0, 28.0);
/// A circle to tick, and the step between circles.
const CIRCLE: (f32, f32) = (5.8, 15.0);

impl Writer {
    /// The members' priorities: one page, the eight picture cards two by
    /// two under the title, the name, CO and date lines; the note for staff
    /// at its foot.
    fn priorities(&mut self, p: &PrioritiesForm) {
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
    fn write_line(
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
    fn card(
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

    fn form(&mut self, form: &Form) {
        let rtl = form.lang.rtl();
        // The plan (its short questions two by two) fits one sheet.
        self.form_line = if form.sections.iter().any(|(_, s)| s.two_columns) {
            PLAN_LINE
        } else {
            SURVEY_LINE
        };
        self.new_page();
        self.say_line(rtl, &form.title, if rtl { 15.0 } else { 14.0 }, true);
        for p in &form.intro {
            self.say_para(rtl, p, if rtl { 11.0 } else { 9.5 }, false);
        }
        for (new_page, s) in &form.sections {
            if *new_page {
                self.new_page();
            }
            self.ensure(70.0);
            self.y -= 4.0;
            self.say_line(rtl, &s.title, 12.5, true);
            self.line(
                MARGIN,
                self.y - 2.0,
                MARGIN + CONTENT_W,
                self.y - 2.0,
                0.8,
                0.3,
            );
            self.y -= 3.0;
            for n in &s.notes {
                self.say_para(rtl, n, if rtl { 10.0 } else { 8.5 }, false);
            }
            if s.two_columns {
                // Short questions two by two; a table across the page.
                let mut k = 0;
                while k < s.fields.len() {
                    let wide = |f: &Field| {
                        matches!(f.answer, Answer::Items { .. } | Answer::Months { .. })
                    };
                    if wide(&s.fields[k]) {
                        self.field(rtl, k + 1, &s.fields[k]);
                        k += 1;
                        continue;
                    }
                    let n = if s.fields.get(k + 1).is_some_and(|f| !wide(f)) {
                        2
                    } else {
                        1
                    };
                    self.field_pair(rtl, k + 1, &s.fields[k..k + n]);
                    k += n;
                }
            } else {
                for (k, field) in s.fields.iter().enumerate() {
                    self.field(rtl, k + 1, field);
                }
            }
        }
    }

    /// One line of text from the reading side (cut to the width).
    fn say_line(&mut self, rtl: bool, s: &str, size: f32, bold: bool) {
        let lines = self.wrap_any(rtl, s, size, bold, CONTENT_W);
        for l in lines {
            self.ensure(size * 1.6);
            self.y -= size * 1.4;
            let baseline = self.y + size * 0.3;
            self.say_at(rtl, MARGIN, MARGIN + CONTENT_W, baseline, &l, size, bold);
        }
    }

    fn say_para(&mut self, rtl: bool, s: &str, size: f32, bold: bool) {
        self.say_line(rtl, s, size, bold);
        self.y -= size * 0.4;
    }

    /// Text between `left` and `right`, from the reading side.
    #[allow(clippy::too_many_arguments)]
    fn say_at(
        &mut self,
        rtl: bool,
        left: f32,
        right: f32,
        baseline: f32,
        s: &str,
        size: f32,
        bold: bool,
    ) {
        if rtl {
            self.pieces_rtl(right, baseline, &pieces(s), size, bold);
        } else {
            self.text(left, baseline, s, size, bold);
        }
    }

    /// The width of text as it is drawn.
    fn width_any(&self, rtl: bool, s: &str, size: f32, bold: bool) -> f32 {
        if rtl {
            self.run_width(&pieces(s), size, bold)
        } else {
            let face = if bold { &self.bold } else { &self.regular };
            face.width(s, size)
        }
    }

    /// Text broken into lines no wider than `width`.
    fn wrap_any(&self, rtl: bool, s: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        if !rtl {
            return self.wrap(s, size, bold, width);
        }
        let mut lines = Vec::new();
        let mut cur = String::new();
        for word in s.split(' ') {
            let candidate = if cur.is_empty() {
                word.to_string()
            } else {
                format!("{cur} {word}")
            };
            if !cur.is_empty() && self.width_any(true, &candidate, size, bold) > width {
                lines.push(std::mem::take(&mut cur));
                cur = word.to_string();
            } else {
                cur = candidate;
            }
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
        lines
    }

    /// An outlined box.
    fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32, fill: Option<f32>) {
        if let Some(f) = fill {
            self.rect(x, y, w, h, rgb(f, f, f));
        }
        for (x0, y0, x1, y1) in [
            (x, y, x + w, y),
            (x + w, y, x + w, y + h),
            (x + w, y + h, x, y + h),
            (x, y + h, x, y),
        ] {
            self.line(x0, y0, x1, y1, 0.7, grey);
        }
    }

    /// A question and its answer's place, from the reading side: the
    /// question, then the answer (right of it in English, left in Urdu).
    fn field(&mut self, rtl: bool, number: usize, f: &Field) {
        let size = if rtl { URDU_SIZE } else { LABEL_SIZE };
        let wide = matches!(f.answer, Answer::Items { .. } | Answer::Months { .. });
        let label_w = if wide {
            CONTENT_W
        } else {
            CONTENT_W * LABEL_SHARE
        };
        let label = numbered(rtl, number, &f.label);
        let mut lines = self.wrap_any(rtl, &label, size, false, label_w);
        let tag = tag(rtl, f);
        if tag.is_some() {
            lines.push(String::new());
        }
        let label_h = lines.len() as f32 * size * 1.35;
        let answer_h = self.answer_height(rtl, &f.answer, CONTENT_W - label_w - GAP - picture_w(f));
        let h = if wide {
            label_h + answer_h + 6.0
        } else {
            label_h.max(answer_h)
        } + 8.0;
        self.ensure(h);
        let top = self.y - 5.0;
        // The question.
        let (lx0, lx1) = if rtl {
            (MARGIN + CONTENT_W - label_w, MARGIN + CONTENT_W)
        } else {
            (MARGIN, MARGIN + label_w)
        };
        for (i, l) in lines.iter().enumerate() {
            let baseline = top - size * (1.0 + 1.35 * i as f32) + 2.0;
            if let (true, Some(tag)) = (l.is_empty(), &tag) {
                self.ops().push(printpdf::Op::SetFillColor {
                    col: rgb(0.8, 0.35, 0.0),
                });
                self.say_at(rtl, lx0, lx1, baseline, tag, size * 0.9, true);
                self.ops().push(printpdf::Op::SetFillColor {
                    col: rgb(0.0, 0.0, 0.0),
                });
            } else {
                self.say_at(rtl, lx0, lx1, baseline, l, size, false);
            }
        }
        // The answer.
        let (ax0, ax1, atop) = if wide {
            (MARGIN, MARGIN + CONTENT_W, top - label_h - 4.0)
        } else if rtl {
            (MARGIN, MARGIN + CONTENT_W - label_w - GAP, top)
        } else {
            (MARGIN + label_w + GAP, MARGIN + CONTENT_W, top)
        };
        self.answer(rtl, &f.answer, f.picture, ax0, ax1, atop);
        self.end_row(h);
    }

    /// Moves below a row of questions `h` tall and rules it off.
    fn end_row(&mut self, h: f32) {
        self.y -= h;
        self.line(
            MARGIN,
            self.y + 3.0,
            MARGIN + CONTENT_W,
            self.y + 3.0,
            0.3,
            0.8,
        );
    }

    /// Two short questions side by side, each its answer under it.
    fn field_pair(&mut self, rtl: bool, number: usize, pair: &[Field]) {
        let size = if rtl { URDU_SIZE } else { LABEL_SIZE };
        let half = (CONTENT_W - GAP) / 2.0;
        let laid: Vec<(Vec<String>, f32)> = pair
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let label = numbered(rtl, number + k, &f.label);
                let mut lines = self.wrap_any(rtl, &label, size, false, half);
                if let (Some(tag), Some(l)) = (tag(rtl, f), lines.last_mut()) {
                    l.push(' ');
                    l.push_str(&tag);
                }
                let h = lines.len() as f32 * size * 1.35
                    + self.answer_height(rtl, &f.answer, half - picture_w(f));
                (lines, h)
            })
            .collect();
        let h = laid.iter().map(|(_, h)| *h).fold(0.0, f32::max) + 6.0;
        self.ensure(h);
        let top = self.y - 5.0;
        for (k, (f, (lines, _))) in pair.iter().zip(&laid).enumerate() {
            // The first read is on the reading side.
            let x0 = if rtl == (k == 0) {
                MARGIN + half + GAP
            } else {
                MARGIN
            };
            let x1 = x0 + half;
            for (i, l) in lines.iter().enumerate() {
                let baseline = top - size * (1.0 + 1.35 * i as f32) + 2.0;
                self.say_at(rtl, x0, x1, baseline, l, size, false);
            }
            let atop = top - lines.len() as f32 * size * 1.35 - 2.0;
            self.answer(rtl, &f.answer, f.picture, x0, x1, atop);
        }
        self.end_row(h);
    }

    fn answer_height(&self, rtl: bool, a: &Answer, width: f32) -> f32 {
        match a {
            Answer::Tick { options, .. } => {
                let rows = self.tick_rows(rtl, options, width);
                rows.len() as f32 * (TICK + 8.0)
            }
            Answer::Write { lines, .. } => self.form_line * f32::from((*lines).max(1)),
            Answer::Range { .. } => self.form_line,
            Answer::Items { rows, .. } => (*rows as f32 + 2.0) * (self.form_line - 4.0),
            Answer::Months { rows, .. } => (rows.len() as f32 + 1.0) * (self.form_line - 4.0),
            Answer::Derived { formula, .. } => {
                let fsize = if rtl { URDU_SIZE } else { LABEL_SIZE } * 0.85;
                self.form_line
                    + self.wrap_any(rtl, formula, fsize, false, width).len() as f32 * fsize * 1.25
            }
        }
    }

    /// The options in rows that fit `width`.
    fn tick_rows(&self, rtl: bool, options: &[String], width: f32) -> Vec<Vec<usize>> {
        let size = if rtl { URDU_SIZE } else { LABEL_SIZE };
        let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
        let mut used = 0.0;
        for (k, o) in options.iter().enumerate() {
            let w = TICK + 4.0 + self.width_any(rtl, o, size, false) + 14.0;
            if used + w > width
                && let Some(r) = rows.last()
                && !r.is_empty()
            {
                rows.push(Vec::new());
                used = 0.0;
            }
            if let Some(r) = rows.last_mut() {
                r.push(k);
            }
            used += w;
        }
        rows
    }

    /// Draws an answer's boxes between `x0` and `x1`, from `top` down.
    fn answer(
        &mut self,
        rtl: bool,
        a: &Answer,
        picture: Option<Picture>,
        x0: f32,
        x1: f32,
        top: f32,
    ) {
        let size = if rtl { URDU_SIZE } else { LABEL_SIZE };
        // A picture first on the reading side, for who reads little.
        let (mut x0, mut x1) = (x0, x1);
        if let Some(p) = picture {
            let pw = 22.0; // with 6 of space: picture_w
            let px = if rtl { x1 - pw } else { x0 };
            match p {
                Picture::Coins => self.coins(px, top - self.form_line + 2.0, pw),
                Picture::Calendar => self.calendar_icon(px, top - self.form_line + 3.0, pw * 0.9),
            }
            if rtl {
                x1 -= pw + 6.0;
            } else {
                x0 += pw + 6.0;
            }
        }
        match a {
            Answer::Tick { options, ticked } => {
                let rows = self.tick_rows(rtl, options, x1 - x0);
                for (r, row) in rows.iter().enumerate() {
                    let y = top - (r as f32 + 1.0) * (TICK + 8.0) + 4.0;
                    let mut pen = if rtl { x1 } else { x0 };
                    for &k in row {
                        let text_w = self.width_any(rtl, &options[k], size, false);
                        let bx = if rtl { pen - TICK } else { pen };
                        self.frame(bx, y, TICK, TICK, 0.2, None);
                        if ticked.contains(&k) {
                            self.line(bx + 2.0, y + 2.0, bx + TICK - 2.0, y + TICK - 2.0, 1.4, 0.0);
                            self.line(bx + 2.0, y + TICK - 2.0, bx + TICK - 2.0, y + 2.0, 1.4, 0.0);
                        }
                        let (tl, tr) = if rtl {
                            (bx - 4.0 - text_w, bx - 4.0)
                        } else {
                            (bx + TICK + 4.0, bx + TICK + 4.0 + text_w)
                        };
                        self.say_at(rtl, tl, tr, y + 2.0, &options[k], size, false);
                        let step = TICK + 4.0 + text_w + 14.0;
                        pen = if rtl { pen - step } else { pen + step };
                    }
                }
            }
            Answer::Write {
                before,
                after,
                filled,
                lines,
            } => {
                let h = self.form_line * f32::from((*lines).max(1)) - 4.0;
                self.boxed(
                    rtl,
                    before,
                    after,
                    filled.as_deref(),
                    x0,
                    x1,
                    top - h,
                    h,
                    None,
                );
            }
            Answer::Range {
                before,
                after,
                filled,
            } => {
                let to = if rtl { "تا" } else { "to" };
                let tw = self.width_any(rtl, to, size, false) + 12.0;
                let half = (x1 - x0 - tw) / 2.0;
                let h = self.form_line - 4.0;
                let (a, b) = match filled {
                    Some((a, b)) => (Some(a.as_str()), Some(b.as_str())),
                    None => (None, None),
                };
                // The smallest first on the reading side.
                let (first, second) = if rtl {
                    ((x1 - half, x1), (x0, x0 + half))
                } else {
                    ((x0, x0 + half), (x1 - half, x1))
                };
                self.boxed(rtl, before, "", a, first.0, first.1, top - h, h, None);
                let mid = x0 + half + 6.0;
                self.say_at(rtl, mid, mid + tw - 12.0, top - h + 8.0, to, size, false);
                self.boxed(rtl, before, after, b, second.0, second.1, top - h, h, None);
            }
            Answer::Items {
                header,
                rows,
                filled,
                total,
            } => {
                let rh = self.form_line - 4.0;
                let cost_w = 130.0;
                let (name_x, cost_x) = if rtl {
                    (x0 + cost_w, x0)
                } else {
                    (x0, x1 - cost_w)
                };
                let name_w = x1 - x0 - cost_w;
                let mut y = top - rh;
                for (k, (text, x, w)) in
                    [(&header[0], name_x, name_w), (&header[1], cost_x, cost_w)]
                        .into_iter()
                        .enumerate()
                {
                    let _ = k;
                    self.frame(x, y, w, rh, 0.3, Some(0.92));
                    self.say_at(rtl, x + 5.0, x + w - 5.0, y + 7.0, text, size, true);
                }
                for r in 0..*rows {
                    y -= rh;
                    self.frame(name_x, y, name_w, rh, 0.3, None);
                    self.frame(cost_x, y, cost_w, rh, 0.3, None);
                    if let Some((n, c)) = filled.get(r) {
                        self.say_at(
                            rtl,
                            name_x + 5.0,
                            name_x + name_w - 5.0,
                            y + 7.0,
                            n,
                            size,
                            false,
                        );
                        self.say_at(
                            rtl,
                            cost_x + 5.0,
                            cost_x + cost_w - 5.0,
                            y + 7.0,
                            c,
                            size,
                            false,
                        );
                    }
                }
                y -= rh;
                self.frame(name_x, y, name_w, rh, 0.3, Some(0.92));
                self.frame(cost_x, y, cost_w, rh, 0.3, Some(0.92));
                self.say_at(
                    rtl,
                    name_x + 5.0,
                    name_x + name_w - 5.0,
                    y + 7.0,
                    &total.0,
                    size,
                    true,
                );
                if let Some(t) = &total.1 {
                    self.say_at(
                        rtl,
                        cost_x + 5.0,
                        cost_x + cost_w - 5.0,
                        y + 7.0,
                        t,
                        size,
                        true,
                    );
                }
            }
            Answer::Months { months, rows } => {
                // A row of twelve boxes under the months' names, January
                // first on the reading side; each row's label before them.
                let rh = self.form_line - 4.0;
                let label_w = 62.0;
                let cell = (x1 - x0 - label_w) / 12.0;
                let small = size * 0.8;
                let cell_x = |i: usize| {
                    if rtl {
                        x1 - label_w - (i as f32 + 1.0) * cell
                    } else {
                        x0 + label_w + i as f32 * cell
                    }
                };
                let label_x = if rtl { x1 - label_w } else { x0 };
                let mut y = top - rh;
                for (i, m) in months.iter().enumerate() {
                    let x = cell_x(i);
                    self.frame(x, y, cell, rh, 0.3, Some(0.92));
                    self.say_at(rtl, x + 2.0, x + cell - 2.0, y + 7.0, m, small, true);
                }
                for row in rows {
                    let (label, figures) = (&row.label, &row.figures);
                    y -= rh;
                    self.say_at(
                        rtl,
                        label_x + 2.0,
                        label_x + label_w - 4.0,
                        y + 7.0,
                        label,
                        size,
                        false,
                    );
                    for i in 0..12 {
                        let x = cell_x(i);
                        self.frame(x, y, cell, rh, 0.3, None);
                        if let Some(Some(v)) = figures.get(i) {
                            self.say_at(rtl, x + 2.0, x + cell - 2.0, y + 7.0, v, small, false);
                        }
                    }
                }
            }
            Answer::Derived { formula, filled } => {
                let h = self.form_line - 4.0;
                self.boxed(
                    rtl,
                    "",
                    "",
                    filled.as_deref(),
                    x0,
                    x1,
                    top - h,
                    h,
                    Some(0.88),
                );
                let fsize = size * 0.85;
                let lines = self.wrap_any(rtl, formula, fsize, false, x1 - x0);
                for (i, l) in lines.iter().enumerate() {
                    let baseline = top - h - fsize * (1.2 + 1.25 * i as f32);
                    self.say_at(rtl, x0, x1, baseline, l, fsize, false);
                }
            }
        }
    }

    /// A box with what comes before and after it, holding `filled`.
    #[allow(clippy::too_many_arguments)]
    fn boxed(
        &mut self,
        rtl: bool,
        before: &str,
        after: &str,
        filled: Option<&str>,
        x0: f32,
        x1: f32,
        y: f32,
        h: f32,
        fill: Option<f32>,
    ) {
        let size = if rtl { URDU_SIZE } else { LABEL_SIZE };
        let bw = if before.is_empty() {
            0.0
        } else {
            self.width_any(rtl, before, size, false) + 5.0
        };
        let aw = if after.is_empty() {
            0.0
        } else {
            self.width_any(rtl, after, size, false) + 5.0
        };
        // One line sits in the middle of its box; more start at the top.
        let base = if h < size * 2.6 {
            y + (h - size * 0.7) / 2.0
        } else {
            y + h - size * 1.3
        };
        let (bx0, bx1) = if rtl {
            (x0 + aw, x1 - bw)
        } else {
            (x0 + bw, x1 - aw)
        };
        if !before.is_empty() {
            let (l, r) = if rtl {
                (bx1 + 5.0, x1)
            } else {
                (x0, bx0 - 5.0)
            };
            self.say_at(rtl, l, r, base, before, size, false);
        }
        self.frame(bx0, y, bx1 - bx0, h, 0.25, fill);
        if let Some(t) = filled {
            let lines = self.wrap_any(rtl, t, size, false, bx1 - bx0 - 10.0);
            for (i, l) in lines
                .iter()
                .enumerate()
                .take(((h / (size * 1.3)) as usize).max(1))
            {
                self.say_at(
                    rtl,
                    bx0 + 5.0,
                    bx1 - 5.0,
                    base - i as f32 * size * 1.3,
                    l,
                    size,
                    false,
                );
            }
        }
        if !after.is_empty() {
            let (l, r) = if rtl {
                (x0, bx0 - 5.0)
            } else {
                (bx1 + 5.0, x1)
            };
            self.say_at(rtl, l, r, base, after, size, false);
        }
    }
}

/// A question with its number: "5. ..." or, in Urdu, "۵۔ ...".
fn numbered(rtl: bool, number: usize, label: &str) -> String {
    if rtl {
        let n = mfi_core::money::Digits::Urdu.apply(&number.to_string());
        format!("{n}۔ {label}")
    } else {
        format!("{number}. {label}")
    }
}

/// The tag after a question filled from a study: to ask, or to confirm.
fn tag(rtl: bool, f: &Field) -> Option<String> {
    let lang = if rtl { Lang::Ur } else { Lang::En };
    if f.to_ask {
        Some(format!("[{}]", mfi_core::forms::to_ask(lang)))
    } else if f.confirm {
        Some(format!("[{}]", mfi_core::i18n::tr(lang, "form.to_confirm")))
    } else {
        None
    }
}

/// The width a field's picture takes from its answer.
fn picture_w(f: &Field) -> f32 {
    if f.picture.is_some() { 28.0 } else { 0.0 }
}

/// A text of an Urdu form as pieces: one line of a right-to-left
/// paragraph, its numbers, signs and names ordered by the bidirectional
/// algorithm when it is drawn ([`Writer::shape_piece`]). Cutting it at its
/// spaces instead put "8,600 -" in one piece read left to right, the minus
/// sign before the number it follows.
fn pieces(s: &str) -> Vec<Piece> {
    let s = s.trim();
    if s.is_empty() {
        Vec::new()
    } else {
        vec![Piece::Words(s.to_string())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mfi_core::data::matrix::PARAMS;
    use mfi_core::data::study::StudyDoc;
    use mfi_core::date::Date;
    use mfi_core::forms;

    /// The forms read back, every page (in Rust: no PDF tools needed).
    fn text(pdf: &[u8]) -> String {
        crate::read_back::ReadBack::from_bytes(pdf)
            .expect("the forms read back")
            .text()
    }

    /// The words of a question as read back (its lines
    /// joined: a question wraps in its column).
    fn squeezed(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_blank_forms_ask_every_parameter_and_box_every_plan_column() {
        let f = forms::forms(None, Lang::En);
        let r = render_forms(&f, Date::new(2026, 12, 4).unwrap()).unwrap();
        let t = text(&r.bytes);
        // Each question on its own line of the page: the text read back
        // column by column holds every word of it in order.
        let words = squeezed(&t.replace("  ", "\n"));
        for p in PARAMS {
            let first_words: String = p.question.split(' ').take(5).collect::<Vec<_>>().join(" ");
            assert!(
                words.contains(&first_words),
                "the survey does not ask {}: {first_words}",
                p.key
            );
        }
        for (_, column, key) in forms::MIP_FIELDS {
            let label = mfi_core::i18n::tr(Lang::En, key);
            let first_words: String = label.split(' ').take(4).collect::<Vec<_>>().join(" ");
            assert!(
                words.contains(&first_words),
                "no box for {column}: {first_words}"
            );
        }
        // The plan is on one sheet: its front ends with her usual month,
        // its back holds her debts, her months and her savings, and ends
        // with the notes.
        let pages: Vec<&str> = t.split('\u{c}').collect();
        let front = pages
            .iter()
            .position(|p| {
                p.contains("Micro Investment Plan\n") || p.contains("Micro Investment Plan ")
            })
            .expect("a plan page");
        assert!(pages[front].contains("Household expenses a month"));
        let back = pages[front + 1];
        assert!(
            back.contains("Your debts, your months and your savings"),
            "{back}"
        );
        assert!(back.contains("Notes"), "the plan runs onto a third page");
        for m in mfi_core::data::months::MONTHS {
            assert!(back.contains(m), "no box for {m}");
        }
        assert_eq!(
            r.pages, 10,
            "the survey with two products (7 pages), the plan (2), the members' priorities (1)"
        );
    }

    #[test]
    fn a_filled_form_shows_known_values_and_what_to_ask() {
        let doc = StudyDoc::kasur().unwrap();
        let f = forms::filled(&doc, Lang::En);
        let t = text(
            &render_forms(&f, Date::new(2026, 12, 4).unwrap())
                .unwrap()
                .bytes,
        );
        let akhuwat = t
            .split('\u{c}')
            .find(|p| p.contains("MFI survey: Akhuwat"))
            .unwrap();
        assert!(
            akhuwat.contains("[to ask]"),
            "Akhuwat's unknown facts are to ask"
        );
        assert!(akhuwat.contains("Ask these first"), "{akhuwat}");
        // A value the study holds only as assumed is written in, to confirm.
        assert!(t.contains("[to confirm]"));
        let m = &doc.plans.members[0];
        let plan = t
            .split('\u{c}')
            .find(|p| p.contains(&format!("Micro Investment Plan: {}", m.member)))
            .unwrap();
        let need = mfi_core::money::rs(m.loan_needed());
        let capacity = mfi_core::money::rs(m.repayment_capacity());
        assert!(plan.contains(&need), "loan needed {need} on her plan");
        assert!(plan.contains(&capacity), "capacity {capacity} on her plan");
    }

    /// The text of `page` (1-based) read back in reading order, lines joined.
    fn page_text(pdf: &[u8], page: usize) -> String {
        let back = crate::read_back::ReadBack::from_bytes(pdf).expect("the forms read back");
        squeezed(&back.reading(page))
    }

    #[test]
    fn the_blank_forms_end_with_the_picture_cards_in_their_language() {
        use mfi_core::data::criteria::Criterion;
        use mfi_core::icons::card_label;
        for lang in Lang::ALL {
            let f = forms::forms(None, lang);
            let r = render_forms(&f, Date::new(2026, 12, 4).unwrap()).unwrap();
            let last = page_text(&r.bytes, r.pages);
            let title = mfi_core::i18n::tr(lang, "card.title");
            assert!(last.contains(title), "{}: {last}", lang.code());
            // A space beside an Urdu comma is a gap on the page, read as
            // one or none: the words compared without spaces.
            let bare = |s: &str| s.split_whitespace().collect::<String>();
            for c in Criterion::ALL {
                let label = card_label(lang, c);
                assert!(
                    bare(&last).contains(&bare(label)),
                    "{}: no card {label}: {last}",
                    lang.code()
                );
            }
            assert!(
                last.contains("member, true_cost, total_cost, affordability, access, insurance, services, fit, flexibility, note"),
                "the note for staff: {last}"
            );
            // The cards alone: one page.
            let only =
                render_forms(&forms::cards_only(lang), Date::new(2026, 12, 4).unwrap()).unwrap();
            assert_eq!(only.pages, 1);
            for p in &only.placed {
                assert!(
                    p.x0 >= MARGIN - 0.01 && p.x1 <= MARGIN + CONTENT_W + 0.01 && p.y0 >= 20.0,
                    "{}: text outside the margins: {p:?}",
                    lang.code()
                );
            }
        }
    }

    /// The Urdu plan's worked examples, formulas and brackets read back in
    /// the order an Urdu reader reads them (right to left, each number left
    /// to right): every minus sign between the number before it and the
    /// word after it, the answer after its equals sign; in a plan filled
    /// from a study in Western digits and in a blank one in Urdu digits.
    /// Before, "8,600 -" was drawn as one left-to-right run and read
    /// "فروخت - 8,600 اخراجات", the answer "4,000 = 7,300".
    #[test]
    fn the_urdu_plans_worked_examples_read_in_an_urdu_readers_order() {
        let doc = StudyDoc::kasur().unwrap();
        let filled = forms::filled(&doc, Lang::Ur);
        let blank = forms::forms(None, Lang::Ur);
        for (f, digits) in [
            (filled, mfi_core::money::Digits::Western),
            (blank, mfi_core::money::Digits::Urdu),
        ] {
            let r = render_forms(&f, Date::new(2026, 12, 4).unwrap()).unwrap();
            let back = crate::read_back::ReadBack::from_bytes(&r.bytes).unwrap();
            let title = mfi_core::i18n::tr(Lang::Ur, "mip.title");
            let front = (1..=back.pages())
                .find(|&n| back.reading(n).contains(title))
                .expect("an Urdu plan");
            let text = format!(
                "{} {}",
                squeezed(&back.reading(front)),
                squeezed(&back.reading(front + 1))
            );
            let sales = digits.apply("8,600");
            let example = digits.apply(mfi_core::i18n::tr(Lang::Ur, "mip.example"));
            assert!(
                example.contains(&format!("فروخت {sales} - اخراجات")),
                "{example}"
            );
            for key in [
                "mip.example",
                "mip.example_loan",
                "mip.loan_needed_formula",
                "mip.capacity_formula",
                "mip.sales_before",
            ] {
                let said = squeezed(&digits.apply(mfi_core::i18n::tr(Lang::Ur, key)));
                assert!(
                    text.contains(&said),
                    "{key} ({digits:?}) does not read back in order: {said}\n{text}"
                );
            }
            // The answer last, after its equals sign.
            let answer = digits.apply("= 4,000 روپے ہر مہینے۔");
            assert!(text.contains(&answer), "{text}");
        }
    }

    /// The cards' note reads from its first words ("کارڈوں پر ۱۰ پتھر
    /// رکھیں۔"), the number in its place, both sentences in order.
    #[test]
    fn the_urdu_cards_note_reads_from_its_first_words() {
        let r = render_forms(
            &forms::cards_only(Lang::Ur),
            Date::new(2026, 12, 4).unwrap(),
        )
        .unwrap();
        let page = page_text(&r.bytes, 1);
        let note =
            mfi_core::money::Digits::Urdu.apply(mfi_core::i18n::tr(Lang::Ur, "card.instructions"));
        assert!(
            note.starts_with("کارڈوں پر ۱۰ پتھر رکھیں۔ ہر کارڈ"),
            "{note}"
        );
        assert!(page.contains(&squeezed(&note)), "{note}\n{page}");
        let total = mfi_core::money::Digits::Urdu.apply(mfi_core::i18n::tr(Lang::Ur, "card.total"));
        assert!(page.contains(&total), "{total}\n{page}");
    }

    #[test]
    fn the_urdu_plan_is_urdu_on_one_sheet() {
        let f = forms::forms(None, Lang::Ur);
        let r = render_forms(&f, Date::new(2026, 12, 4).unwrap()).unwrap();
        assert_eq!(
            r.pages, 10,
            "the Urdu plan fits its sheet too, the priorities their page"
        );
        let t = text(&r.bytes);
        let urdu = |page: &str| {
            page.chars()
                .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
                .count()
        };
        let pages: Vec<&str> = t.split('\u{c}').collect();
        assert!(urdu(pages[7]) > 400, "{} Urdu letters", urdu(pages[7]));
        // The back: her debts, the months in Urdu, her savings.
        assert!(urdu(pages[8]) > 100, "{} Urdu letters", urdu(pages[8]));
        for m in mfi_core::data::months::URDU_MONTHS {
            assert!(pages[8].contains(m), "no box for {m}");
        }
    }
}
