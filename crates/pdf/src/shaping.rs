//! Shaping for Urdu: printpdf places glyphs but does not shape, so Arabic
//! letters are joined and ordered right to left by harfrust before they are
//! placed; and measuring the width of Latin text in a font.

use printpdf::{FontId, ParsedFont, PdfDocument};

/// An Urdu face: the font for the PDF, and harfrust's tables to shape with
/// (printpdf places glyphs but does not shape: Arabic letters must be
/// joined and ordered right to left before they are placed).
pub(crate) struct Shaping {
    pub(crate) face: Face,
    pub(crate) bytes: &'static [u8],
    pub(crate) data: harfrust::ShaperData,
}

/// One glyph placed by the shaper: its id, its offset from the start of the
/// run in points, and the text it stands for (for copying out of the PDF).
pub(crate) struct Glyph {
    pub(crate) gid: u16,
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) text: String,
}

impl Shaping {
    pub(crate) fn new(doc: &mut PdfDocument, bytes: &'static [u8]) -> Result<Shaping, String> {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or("the bundled Urdu font does not load")?;
        let font_ref = harfrust::FontRef::new(bytes).map_err(|e| e.to_string())?;
        let data = harfrust::ShaperData::new(&font_ref);
        let id = doc.add_font(&font);
        Ok(Shaping {
            face: Face::new(font, id),
            bytes,
            data,
        })
    }

    /// `text` shaped at `size`: right to left, or left to right (numbers in
    /// Urdu digits), and its width. Glyphs come in visual order, left first.
    pub(crate) fn shape(&self, text: &str, size: f32, rtl: bool) -> (Vec<Glyph>, f32) {
        let Ok(font) = harfrust::FontRef::new(self.bytes) else {
            return (Vec::new(), 0.0);
        };
        let shaper = self.data.shaper(&font).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            harfrust::Direction::RightToLeft
        } else {
            harfrust::Direction::LeftToRight
        });
        let out = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let scale = size / f32::from(self.face.font.font_metrics.units_per_em.max(1));
        // Each glyph stands for its cluster's text; a cluster of several
        // glyphs (a letter and its mark) gives its text to the first.
        let mut starts: Vec<usize> = out
            .glyph_infos()
            .iter()
            .map(|g| g.cluster as usize)
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let end_of = |c: usize| {
            starts
                .iter()
                .copied()
                .find(|&s| s > c)
                .unwrap_or(text.len())
        };
        let mut given = std::collections::HashSet::new();
        let mut glyphs = Vec::new();
        let mut pen = 0.0;
        for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
            let c = info.cluster as usize;
            let piece = if given.insert(c) {
                text.get(c..end_of(c)).unwrap_or_default().to_string()
            } else {
                String::new()
            };
            glyphs.push(Glyph {
                gid: u16::try_from(info.glyph_id).unwrap_or(0),
                x: pen + pos.x_offset as f32 * scale,
                y: pos.y_offset as f32 * scale,
                text: piece,
            });
            pen += pos.x_advance as f32 * scale;
        }
        (glyphs, pen)
    }
}

/// One font, for measuring and for drawing.
pub(crate) struct Face {
    pub(crate) font: ParsedFont,
    pub(crate) id: FontId,
    /// The advance of every character below [`TABLED`], looked up once:
    /// wrapping a report measures millions of characters.
    advances: Vec<u32>,
}

/// The characters whose advances a face keeps in a table (Latin, with its
/// supplements and extensions).
const TABLED: u32 = 0x250;

impl Face {
    pub(crate) fn new(font: ParsedFont, id: FontId) -> Face {
        let mut face = Face {
            font,
            id,
            advances: Vec::new(),
        };
        face.advances = (0..TABLED).map(|c| face.advance(c)).collect();
        face
    }

    /// The advance of a character in font units; half an em when the font
    /// lacks it.
    fn advance(&self, c: u32) -> u32 {
        self.font
            .lookup_glyph_index(c)
            .map(|g| u32::from(self.font.get_horizontal_advance(g)))
            .unwrap_or(u32::from(self.font.font_metrics.units_per_em.max(1)) / 2)
    }

    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.font.font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| match self.advances.get(c as usize) {
                Some(&a) => a,
                None => self.advance(c as u32),
            })
            .sum();
        units as f32 * size / upem
    }
}
