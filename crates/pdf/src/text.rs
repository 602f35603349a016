//! Text on the page: runs of Noto Sans, lines wrapped to a width,
//! paragraphs, headings and bullets, and Urdu shaped in Naskh and set right
//! to left, mixed with numbers and names.

use crate::page::{CONTENT_W, MARGIN, Placed, URDU_LANG, Writer, pt};
use crate::shaping::Glyph;
use mfi_core::report::{PageLine, Picture, Piece};
use printpdf::{Codepoint, DictItem, Op, PdfFontHandle, Pt, TextItem, TextMatrix};

impl Writer {
    pub(crate) fn text(&mut self, x: f32, baseline: f32, s: &str, size: f32, bold: bool) {
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

    /// Breaks text into lines no wider than `width`.
    pub(crate) fn wrap(&self, s: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
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

    pub(crate) fn paragraph(&mut self, s: &str, size: f32, bold: bool) {
        let lh = size * 1.4;
        for l in self.wrap(s, size, bold, CONTENT_W) {
            self.ensure(lh);
            self.y -= lh;
            self.text(MARGIN, self.y + size * 0.3, &l, size, bold);
        }
        self.y -= size * 0.5;
    }

    pub(crate) fn heading(&mut self, s: &str) {
        self.ensure(60.0);
        self.y -= 8.0;
        self.paragraph(s, 15.0, true);
    }

    /// Bullets; when they go on to another page on a member's page, that
    /// page starts with her name.
    pub(crate) fn bullets(&mut self, items: &[String]) {
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

    pub(crate) fn glyphs(
        &mut self,
        x: f32,
        baseline: f32,
        glyphs: &[Glyph],
        size: f32,
        bold: bool,
    ) {
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
    pub(crate) fn shape_piece(&self, p: &Piece, size: f32, bold: bool) -> Shaped {
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
    pub(crate) fn pieces_rtl(
        &mut self,
        right: f32,
        baseline: f32,
        pieces: &[Piece],
        size: f32,
        bold: bool,
    ) {
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
    pub(crate) fn line_rtl(&mut self, l: &PageLine) {
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
}

/// Whether `s` holds Arabic-script letters or digits.
pub(crate) fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// A piece of a right-to-left line shaped ([`Writer::shape_piece`]): its
/// parts from the left, each with its width, and its width.
pub(crate) struct Shaped {
    parts: Vec<(Part, f32)>,
    pub(crate) width: f32,
}

/// A part of a shaped piece.
pub(crate) enum Part {
    /// Glyphs shaped in Naskh, in the order they stand.
    Glyphs(Vec<Glyph>),
    /// Text drawn in Noto Sans, left to right.
    Latin(String),
}

/// The space before `p` in a right-to-left line: a word's space, none
/// before punctuation (a comma after a number stands against it).
pub(crate) fn piece_gap(p: &Piece, size: f32) -> f32 {
    let t = match p {
        Piece::Words(t) | Piece::Ltr(t) => t,
    };
    if t.starts_with([',', '.', ';', ':', '\u{060C}', '\u{06D4}', '\u{061B}']) {
        0.0
    } else {
        size * 0.3
    }
}
