//! A form's questions: each beside a box of the right kind (lines to write
//! on, tick boxes, a table), two short ones to a row, filled with the
//! study's values where it has them.

use super::{
    GAP, LABEL_SHARE, LABEL_SIZE, PLAN_LINE, SURVEY_LINE, TICK, URDU_SIZE, numbered, picture_w, tag,
};
use crate::{CONTENT_W, MARGIN, Writer, rgb};
use mfi_core::forms::{Answer, Field, Form};
use mfi_core::report::Picture;

impl Writer {
    pub(super) fn form(&mut self, form: &Form) {
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

    /// An outlined box.
    pub(super) fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32, fill: Option<f32>) {
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
    pub(super) fn field(&mut self, rtl: bool, number: usize, f: &Field) {
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
    pub(super) fn end_row(&mut self, h: f32) {
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
    pub(super) fn field_pair(&mut self, rtl: bool, number: usize, pair: &[Field]) {
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

    pub(super) fn answer_height(&self, rtl: bool, a: &Answer, width: f32) -> f32 {
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
    pub(super) fn tick_rows(&self, rtl: bool, options: &[String], width: f32) -> Vec<Vec<usize>> {
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
    pub(super) fn answer(
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
    pub(super) fn boxed(
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
