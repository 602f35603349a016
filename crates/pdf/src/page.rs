//! The page engine: A4 pages, their margins, the fonts embedded, where
//! each piece of text went, page breaks (a member's further pages headed by
//! what continues), lines and shapes, every page's header and footer, and
//! the finished file (compressed, its language set).

use crate::shaping::{Face, Shaping};
use mfi_core::report::{PageLine, Picture};
use printpdf::{
    Color, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfPage, PdfSaveOptions,
    Point, Polygon, PolygonRing, Pt, Rgb, WindingOrder,
};

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
/// Margins in points: left, right, top, bottom.
pub const MARGIN: f32 = 48.0;
pub(crate) const TOP: f32 = PAGE_H - 56.0;
pub(crate) const BOTTOM: f32 = 56.0;
pub(crate) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// The report's language (its catalog's /Lang), and the Urdu of the
/// members' pages (each Urdu run's marked content).
pub(crate) const REPORT_LANG: &str = "en";
pub(crate) const URDU_LANG: &str = "ur";
/// The room a table's header and first rows need below the paragraph that
/// introduces it.
pub(crate) const KEEP_WITH_TABLE: f32 = 90.0;
/// A table's last rows go to a new page together, this many at least.
pub(crate) const WIDOW_ROWS: usize = 3;

pub(crate) const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");
pub(crate) const NASKH: &[u8] = include_bytes!("../../../assets/fonts/NotoNaskhArabic-Regular.ttf");
pub(crate) const NASKH_BOLD: &[u8] =
    include_bytes!("../../../assets/fonts/NotoNaskhArabic-Bold.ttf");

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

pub(crate) struct Writer {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
    pub(crate) naskh: Shaping,
    pub(crate) naskh_bold: Shaping,
    pub(crate) pages: Vec<Vec<Op>>,
    /// The page being written: the last one, except while the headers and
    /// footers are added to every page.
    pub(crate) page: usize,
    pub(crate) y: f32,
    pub(crate) placed: Vec<Placed>,
    pub(crate) pictures: Vec<(usize, Picture)>,
    /// The height of a line of handwriting in the form being written.
    pub(crate) form_line: f32,
    /// While a member's page is written: the line that heads each further
    /// page it takes (her name, "your loan plan, continued").
    pub(crate) continued: Option<Continued>,
}

/// The line at the top of each further page of a member's page.
#[derive(Clone)]
pub(crate) enum Continued {
    /// An English line.
    Text(String),
    /// A line of a page in her language.
    Line(PageLine),
}

/// A point, to a hundredth of a point: nothing on paper is finer, and the
/// page's description is shorter to write and to compress.
pub(crate) fn pt(x: f32, y: f32) -> Point {
    let r = |v: f32| (v * 100.0).round() / 100.0;
    Point {
        x: Pt(r(x)),
        y: Pt(r(y)),
    }
}

pub(crate) fn rgb(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}

impl Writer {
    pub(crate) fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let page = self.page.min(self.pages.len() - 1);
        &mut self.pages[page]
    }

    /// A new page; on a member's page, headed by her name and what
    /// continues.
    pub(crate) fn new_page(&mut self) {
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
    pub(crate) fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM {
            self.new_page();
        }
    }

    pub(crate) fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, width: f32, grey: f32) {
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

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, col: Color) {
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
    pub(crate) fn shape(&mut self, ring: &[(f32, f32, bool)], fill: &Color, stroke: &Color) {
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
    pub(crate) fn ellipse(cx: f32, cy: f32, rx: f32, ry: f32) -> Vec<(f32, f32, bool)> {
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

    /// Adds the study's name, the date and "page N of M" to every page.
    pub(crate) fn headers_and_footers(&mut self, study: &str, date: &str) {
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
pub(crate) const COMPRESSION: u32 = 6;

/// Compresses every stream that may be, at level [`COMPRESSION`]: what
/// lopdf's own `compress` does at the best level (9), which took an eighth
/// of a report's instructions for files a little smaller (measured in
/// BENCHMARKS.md).
pub(crate) fn compress(pdf: &mut lopdf::Document) {
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

impl Writer {
    /// A writer on `doc`, its fonts added, on a first empty page.
    pub(crate) fn new(doc: &mut PdfDocument) -> Result<Writer, String> {
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
pub(crate) struct About<'a> {
    pub(crate) title: &'a str,
    pub(crate) author: &'a str,
    pub(crate) subject: &'a str,
    pub(crate) issued: mfi_core::date::Date,
    pub(crate) languages: &'a str,
    pub(crate) lang: &'a str,
}

/// The pages of `w` written as the PDF `doc`, with what it says of itself.
pub(crate) fn finish(doc: PdfDocument, mut w: Writer, about: About) -> Result<Rendered, String> {
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
