//! A PDF's text read back the way a person reads the printed page, in Rust:
//! the tests of the report, the forms and the app read what was written
//! with this, so that `cargo test` needs no PDF tools on the machine
//! (poppler's `pdftotext` was one the README's two commands did not install).
//!
//! The page is parsed by printpdf, each glyph placed where the file puts it
//! (its advance from the embedded font, its text from the font's ToUnicode
//! map), then read line by line, top to bottom. A line with Urdu letters is
//! read right to left, the numbers and Latin words in it left to right, as
//! the Unicode bidirectional algorithm reads a right-to-left paragraph. What
//! is read is what is drawn: a number whose digits were placed in the wrong
//! order reads in the wrong order.

use printpdf::{PdfDocument, PdfParseOptions};

/// One glyph as placed on its page.
#[derive(Debug, Clone)]
struct Placed {
    x0: f32,
    x1: f32,
    /// The baseline, from the top of the page.
    baseline: f32,
    size: f32,
    text: String,
}

/// A font of the file, as `pdffonts` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontInfo {
    /// Its name (`ABCDEF+NotoSans-Regular` for a subset).
    pub name: String,
    /// Whether its program is in the file.
    pub embedded: bool,
    /// Whether the name carries a subset's six-letter tag.
    pub subset: bool,
}

/// A PDF's text, page by page, and what its file says of itself.
#[derive(Debug, Clone)]
pub struct ReadBack {
    /// Each page's lines, top first, each line's glyphs left first.
    pages: Vec<Vec<Vec<Placed>>>,
    fonts: Vec<FontInfo>,
    info: Vec<(String, String)>,
}

impl ReadBack {
    /// Reads the file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<ReadBack, String> {
        let mut warnings = Vec::new();
        let doc = PdfDocument::parse(bytes, &PdfParseOptions::default(), &mut warnings)?;
        let pages = doc
            .extract_text_boxes()
            .iter()
            .map(|page| {
                let glyphs: Vec<Placed> = page
                    .lines
                    .iter()
                    .flat_map(|l| l.words.iter().map(move |w| (l.baseline, w)))
                    .flat_map(|(baseline, w)| {
                        w.glyphs.iter().map(move |g| Placed {
                            x0: g.bbox[0],
                            x1: g.bbox[2],
                            baseline,
                            size: w.font_size,
                            text: g.text.clone(),
                        })
                    })
                    .filter(|g| !g.text.is_empty())
                    .collect();
                lines(glyphs)
            })
            .collect();
        let lo = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
        Ok(ReadBack {
            pages,
            fonts: fonts(&lo),
            info: info(&lo),
        })
    }

    /// Reads a file.
    pub fn from_file(path: &std::path::Path) -> Result<ReadBack, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        ReadBack::from_bytes(&bytes)
    }

    /// How many pages.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// The text of page `n` (1-based; empty past the last) as laid out:
    /// one line of text a line of the page, words one space apart, and two
    /// or more spaces where a wider gap (a table's columns) lies between
    /// them (`pdftotext -layout`).
    pub fn page(&self, n: usize) -> String {
        let Some(lines) = n.checked_sub(1).and_then(|i| self.pages.get(i)) else {
            return String::new();
        };
        let mut out = String::new();
        for line in lines {
            out.push_str(&read_line(line));
            out.push('\n');
        }
        out
    }

    /// The text of page `n` in reading order: the page cut into blocks
    /// (the columns of a form, the cards of a row: text separated from its
    /// neighbours by a wide gap, lines close above each other), each block
    /// read whole, top to bottom, then left to right (right to left on an
    /// Urdu page), as `pdftotext` reads without `-layout`.
    pub fn reading(&self, n: usize) -> String {
        let Some(lines) = n.checked_sub(1).and_then(|i| self.pages.get(i)) else {
            return String::new();
        };
        reading_order(lines)
    }

    /// Every page as laid out ([`ReadBack::page`]), a form feed after each
    /// (as `pdftotext -layout` writes).
    pub fn text(&self) -> String {
        (1..=self.pages.len())
            .map(|n| self.page(n) + "\u{c}")
            .collect()
    }

    /// Every page in reading order ([`ReadBack::reading`]), a form feed
    /// after each (as `pdftotext` writes).
    pub fn reading_text(&self) -> String {
        (1..=self.pages.len())
            .map(|n| self.reading(n) + "\u{c}")
            .collect()
    }

    /// The fonts of the file, each once.
    pub fn fonts(&self) -> &[FontInfo] {
        &self.fonts
    }

    /// An entry of the document's information (`Title`, `Author`,
    /// `CreationDate` as written: `D:20261122000000Z`...).
    pub fn info(&self, key: &str) -> Option<&str> {
        self.info
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Whether a character is read left to right in a right-to-left line:
/// Latin letters and digits (Western and Urdu).
fn is_ltr(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{00C0}'..='\u{024F}').contains(&c)
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

/// Whether a character is a letter of a right-to-left script.
fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && !is_ltr(c)
        && !is_joiner(c)
}

/// Punctuation that belongs to the number or word it touches: "25,400",
/// "45.2%", "2026-11-22".
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | '%' | '\u{066A}' | '\u{066B}' | '\u{066C}' | ':' | '/' | '-' | '+' | '\''
    )
}

/// One page's glyphs as lines, top first, each line's glyphs left first.
fn lines(mut glyphs: Vec<Placed>) -> Vec<Vec<Placed>> {
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    // Lines: glyphs whose baselines lie within a third of their size of the
    // line's first (a mark raised above its letter stays on its line).
    let mut lines: Vec<Vec<Placed>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line)
                if line.first().is_some_and(|f| {
                    (g.baseline - f.baseline).abs() <= 0.35 * f.size.min(g.size)
                }) =>
            {
                line.push(g);
            }
            _ => lines.push(vec![g]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

/// Whether a gap between two glyphs separates columns (wider than half an
/// em; a word space of Noto Sans is a quarter).
fn is_column_gap(gap: f32, size: f32) -> bool {
    gap > 0.45 * size
}

/// A page's lines cut into blocks and read block by block.
fn reading_order(lines: &[Vec<Placed>]) -> String {
    struct Block {
        x0: f32,
        x1: f32,
        top: f32,
        baseline: f32,
        size: f32,
        text: Vec<String>,
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut rtl_lines = 0;
    for line in lines {
        if line.iter().any(|g| g.text.chars().any(is_rtl)) {
            rtl_lines += 1;
        }
        // The line's segments: glyphs between column gaps.
        let mut segments: Vec<&[Placed]> = Vec::new();
        let mut start = 0;
        let mut right = f32::MIN;
        for (i, g) in line.iter().enumerate() {
            if i > start && is_column_gap(g.x0 - right, g.size) {
                segments.push(&line[start..i]);
                start = i;
            }
            right = if i == start { g.x1 } else { right.max(g.x1) };
        }
        if start < line.len() {
            segments.push(&line[start..]);
        }
        for seg in segments {
            let (Some(first), Some(last)) = (seg.first(), seg.last()) else {
                continue;
            };
            let x0 = first.x0;
            let x1 = seg.iter().map(|g| g.x1).fold(last.x1, f32::max);
            let size = first.size;
            // The block this segment continues: its last line just above,
            // overlapping it across the page.
            let open = blocks.iter_mut().rev().find(|b| {
                let below = first.baseline - b.baseline;
                below > 0.0 && below <= 1.8 * b.size.max(size) && x0 < b.x1 && b.x0 < x1
            });
            let text = read_line(seg);
            match open {
                Some(b) => {
                    b.x0 = b.x0.min(x0);
                    b.x1 = b.x1.max(x1);
                    b.baseline = first.baseline;
                    b.text.push(text);
                }
                None => blocks.push(Block {
                    x0,
                    x1,
                    top: first.baseline,
                    baseline: first.baseline,
                    size,
                    text: vec![text],
                }),
            }
        }
    }
    let rtl = rtl_lines * 2 > lines.len();
    // Blocks that start on the same line are read across it.
    blocks.sort_by(|a, b| {
        let same = (a.top - b.top).abs() <= 0.35 * a.size.min(b.size);
        if same {
            if rtl {
                b.x1.total_cmp(&a.x1)
            } else {
                a.x0.total_cmp(&b.x0)
            }
        } else {
            a.top.total_cmp(&b.top)
        }
    });
    let mut out = String::new();
    for b in blocks {
        for t in b.text {
            out.push_str(&t);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// A piece of a line in visual order: a glyph's text, or the gap between
/// two glyphs as spaces.
enum Piece {
    Glyph(String),
    Gap(usize),
}

/// One line, its glyphs sorted left to right, in reading order.
fn read_line(line: &[Placed]) -> String {
    let mut visual: Vec<Piece> = Vec::new();
    let mut right: Option<f32> = None;
    for g in line {
        if let Some(r) = right {
            let gap = g.x0 - r;
            if is_column_gap(gap, g.size) {
                let n = ((gap / (0.5 * g.size)).round() as usize).max(2);
                visual.push(Piece::Gap(n.min(40)));
            } else if gap > 0.12 * g.size {
                visual.push(Piece::Gap(1));
            }
        }
        visual.push(Piece::Glyph(g.text.clone()));
        right = Some(right.map_or(g.x1, |r: f32| r.max(g.x1)));
    }
    if line.iter().any(|g| g.text.chars().any(is_rtl)) {
        visual = logical_from_visual(visual);
    }
    let mut s = String::new();
    for p in visual {
        match p {
            Piece::Glyph(t) => s.push_str(&t),
            Piece::Gap(n) => s.extend(std::iter::repeat_n(' ', n)),
        }
    }
    s.trim_end().to_string()
}

/// How a piece of a right-to-left line is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter of a right-to-left script.
    Rtl,
    /// A Latin letter.
    Latin,
    /// A digit, Western or Urdu.
    Digit,
    /// A space or punctuation.
    Neutral,
}

fn class_of(p: &Piece) -> Class {
    match p {
        Piece::Glyph(t) if t.chars().any(is_rtl) => Class::Rtl,
        Piece::Glyph(t) if t.chars().any(|c| c.is_alphabetic() && is_ltr(c)) => Class::Latin,
        Piece::Glyph(t) if t.chars().any(is_ltr) => Class::Digit,
        _ => Class::Neutral,
    }
}

/// A right-to-left line read: the runs read left to right found on the
/// page (Latin words and the word spaces and punctuation between them,
/// numbers with the punctuation inside them: "Sewing machine, Cloth stock",
/// "25,400", "45.2%"; a Latin word and the number after it, "Rs 2,000", as
/// the bidirectional algorithm's rule W7 reads it), then the line reversed
/// and each such run turned back; brackets outside those runs mirrored
/// back.
fn logical_from_visual(mut pieces: Vec<Piece>) -> Vec<Piece> {
    let classes: Vec<Class> = pieces.iter().map(class_of).collect();
    let n = pieces.len();
    let strong = |i: usize| matches!(classes[i], Class::Latin | Class::Digit);
    // Punctuation and word spaces; a column's gap ends a run.
    let neutral =
        |i: usize| classes[i] == Class::Neutral && !matches!(pieces[i], Piece::Gap(g) if g > 1);
    let glyph = |i: usize, c: &str| matches!(&pieces[i], Piece::Glyph(t) if t == c);
    let mut ltr: Vec<bool> = (0..n).map(strong).collect();
    // What stands between two pieces read left to right joins them when the
    // first is a word ("Sewing machine, Cloth stock", "Rs 2,000", "Akhuwat /
    // Qard-e-hasan loan": the bidirectional algorithm's rules W7 and N1), or
    // when it is punctuation inside a number ("25,400", "2026-11-22"). Signs
    // and spaces between two numbers ("7,300 = 4,000") are read right to
    // left, as a colon between a name and Urdu words is.
    let mut i = 0;
    while i < n {
        if !neutral(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && neutral(i) {
            i += 1;
        }
        let left = start
            .checked_sub(1)
            .filter(|&k| strong(k))
            .map(|k| classes[k]);
        let right = (i < n && strong(i)).then(|| classes[i]);
        let touching = (start..i).all(|k| matches!(pieces[k], Piece::Glyph(_)));
        let join = match (left, right) {
            (Some(Class::Latin), Some(_)) => true,
            (Some(_), Some(_)) => touching,
            _ => false,
        };
        if join {
            ltr[start..i].iter_mut().for_each(|x| *x = true);
        }
    }
    // A percent sign after its number, a sign against the number it
    // starts ("-1,350", drawn as a number is read); a closing bracket after
    // an opening one read left to right ("CO (sample)").
    for i in 0..n {
        let digit = |k: usize| classes.get(k) == Some(&Class::Digit);
        if (glyph(i, "%") || glyph(i, "\u{066A}")) && i > 0 && digit(i - 1) {
            ltr[i] = true;
        }
        let starts = i == 0 || matches!(pieces[i - 1], Piece::Gap(_));
        if (glyph(i, "-") || glyph(i, "+") || glyph(i, "\u{2212}")) && starts && digit(i + 1) {
            ltr[i] = true;
        }
    }
    for i in 0..n {
        if ltr[i] && glyph(i, "(") {
            let close = (i + 1..n)
                .take_while(|&k| classes[k] != Class::Rtl)
                .find(|&k| glyph(k, ")"));
            if let Some(k) = close {
                ltr[i..=k].iter_mut().for_each(|x| *x = true);
            }
        }
    }
    // A bracket read right to left was drawn mirrored (an opening bracket
    // opens towards the words on its left): read as written.
    for (i, p) in pieces.iter_mut().enumerate() {
        if let Piece::Glyph(t) = p
            && !ltr[i]
        {
            *t = t.chars().map(mfi_core::bidi::mirrored).collect();
        }
    }
    let mut i = 0;
    while i < n {
        if ltr[i] {
            let start = i;
            while i < n && ltr[i] {
                i += 1;
            }
            pieces[start..i].reverse();
        } else {
            i += 1;
        }
    }
    pieces.reverse();
    pieces
}

/// The fonts of a file, each font dictionary once: its name, and whether
/// its program (or its descendant's) is embedded.
fn fonts(doc: &lopdf::Document) -> Vec<FontInfo> {
    use lopdf::Object;
    let name_of = |d: &lopdf::Dictionary| -> String {
        d.get(b"BaseFont")
            .ok()
            .and_then(|n| n.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default()
    };
    let embedded = |d: &lopdf::Dictionary| -> bool {
        let descriptor = d
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        descriptor.is_some_and(|fd| {
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| fd.has(k))
        })
    };
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Object::Dictionary(d) = obj else { continue };
        if d.get(b"Type").ok().and_then(|t| t.as_name().ok()) != Some(b"Font".as_slice()) {
            continue;
        }
        let subtype = d.get(b"Subtype").ok().and_then(|t| t.as_name().ok());
        if subtype == Some(b"CIDFontType2".as_slice())
            || subtype == Some(b"CIDFontType0".as_slice())
        {
            // A descendant: listed through its Type0 parent.
            continue;
        }
        let name = name_of(d);
        let is_embedded = if subtype == Some(b"Type0".as_slice()) {
            d.get(b"DescendantFonts")
                .ok()
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok())
                .is_some_and(embedded)
        } else {
            embedded(d)
        };
        let subset = name.len() > 7
            && name.as_bytes().get(6) == Some(&b'+')
            && name.bytes().take(6).all(|b| b.is_ascii_uppercase());
        out.push(FontInfo {
            name,
            embedded: is_embedded,
            subset,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The document information dictionary's text entries.
fn info(doc: &lopdf::Document) -> Vec<(String, String)> {
    let Some(dict) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return Vec::new();
    };
    dict.iter()
        .filter_map(|(k, v)| {
            let bytes = v.as_str().ok()?;
            // A text string is PDFDocEncoding or UTF-16BE with its mark.
            let text = if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
                let units: Vec<u16> = rest
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            };
            Some((String::from_utf8_lossy(k).into_owned(), text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x0: f32, text: &str) -> Placed {
        Placed {
            x0,
            x1: x0 + 5.0,
            baseline: 100.0,
            size: 10.0,
            text: text.into(),
        }
    }

    /// An Urdu line drawn right to left, with a number and a Latin name in
    /// it, reads in logical order.
    #[test]
    fn a_right_to_left_line_reads_in_logical_order() {
        // Drawn (left to right on the page): "Kausar Karim" "۲۵,۴۰۰" "قسط"
        // The reader starts at the right: قسط, then the number, then the name.
        let mut line = Vec::new();
        let mut x = 0.0;
        let mut push = |s: &str, gap: f32| {
            for c in s.chars() {
                line.push(glyph(x, &c.to_string()));
                x += 5.0;
            }
            x += gap;
        };
        push("Kausar", 3.0);
        push("Karim", 8.0);
        push("Rs", 3.0);
        push("2,000", 3.0);
        push("یل", 3.0);
        push("۲۵,۴۰۰", 3.0);
        // Visual order of an RTL word: its last letter leftmost.
        push("طسق", 0.0);
        let text = read_line(&line);
        assert_eq!(text, "قسط ۲۵,۴۰۰ لی Rs 2,000  Kausar Karim");
    }

    /// Drawn left to right: each piece's characters as they stand on the
    /// page, a word space after each but the last.
    fn drawn(pieces: &[&str]) -> String {
        let mut line = Vec::new();
        let mut x = 0.0;
        for (k, s) in pieces.iter().enumerate() {
            for c in s.chars() {
                line.push(glyph(x, &c.to_string()));
                x += 5.0;
            }
            if k + 1 < pieces.len() {
                x += 3.0;
            }
        }
        read_line(&line)
    }

    /// Signs between numbers are read right to left with the words: the
    /// answer after its equals sign, each minus sign between the number
    /// before it and the word after it.
    #[test]
    fn signs_between_numbers_read_in_the_line_s_order() {
        // "گھر 7,300 = 4,000 روپے" as the bidirectional algorithm draws it.
        assert_eq!(
            drawn(&["ےپور", "4,000", "=", "7,300", "رھگ"]),
            "گھر 7,300 = 4,000 روپے"
        );
        assert_eq!(
            drawn(&["تاجارخا", "-", "8,600", "تخورف"]),
            "فروخت 8,600 - اخراجات"
        );
    }

    /// A name with a slash in it is one run; the colon after it, drawn
    /// against it at its left, is read after it; brackets drawn mirrored in
    /// Urdu are read as written.
    #[test]
    fn names_colons_and_brackets_read_as_written() {
        assert_eq!(
            drawn(&["رہ", ":Akhuwat", "/", "Qard-e-hasan", "loan"]),
            "Akhuwat / Qard-e-hasan loan: ہر"
        );
        assert_eq!(drawn(&["(رابوراک", "اتلچ)", "ےلہپ"]), "پہلے (چلتا کاروبار)");
        assert_eq!(
            drawn(&["ہعومجم", "Rasool Nagar CO (sample)"]),
            "Rasool Nagar CO (sample) مجموعہ"
        );
    }

    #[test]
    fn a_left_to_right_line_keeps_columns_apart() {
        let line = vec![
            glyph(0.0, "A"),
            glyph(5.0, "b"),
            glyph(12.0, "c"),
            glyph(60.0, "D"),
        ];
        assert_eq!(read_line(&line), format!("Ab c{}D", " ".repeat(9)));
    }
}
