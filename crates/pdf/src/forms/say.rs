//! Words on a form in either direction: English from the left, Urdu shaped
//! and set from the right, measured and wrapped alike.

use super::pieces;
use crate::{CONTENT_W, MARGIN, Writer};

impl Writer {
    /// One line of text from the reading side (cut to the width).
    pub(super) fn say_line(&mut self, rtl: bool, s: &str, size: f32, bold: bool) {
        let lines = self.wrap_any(rtl, s, size, bold, CONTENT_W);
        for l in lines {
            self.ensure(size * 1.6);
            self.y -= size * 1.4;
            let baseline = self.y + size * 0.3;
            self.say_at(rtl, MARGIN, MARGIN + CONTENT_W, baseline, &l, size, bold);
        }
    }

    pub(super) fn say_para(&mut self, rtl: bool, s: &str, size: f32, bold: bool) {
        self.say_line(rtl, s, size, bold);
        self.y -= size * 0.4;
    }

    /// Text between `left` and `right`, from the reading side.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn say_at(
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
    pub(super) fn width_any(&self, rtl: bool, s: &str, size: f32, bold: bool) -> f32 {
        if rtl {
            self.run_width(&pieces(s), size, bold)
        } else {
            let face = if bold { &self.bold } else { &self.regular };
            face.width(s, size)
        }
    }

    /// Text broken into lines no wider than `width`.
    pub(super) fn wrap_any(
        &self,
        rtl: bool,
        s: &str,
        size: f32,
        bold: bool,
        width: f32,
    ) -> Vec<String> {
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
}
