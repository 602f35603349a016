//! The quick start for CO facilitators on a page of its own (see
//! `mfi_core::report::quick_start`): `forms --quick-start`, in English or
//! in Urdu (each line from the reading side, names and numbers left to
//! right).

use super::{About, Rendered, Writer};
use mfi_core::i18n::Lang;
use mfi_core::report::quick_start::QuickStart;
use printpdf::PdfDocument;

/// The quick start alone, one page (more only if its text outgrows one).
pub fn render_quick_start(
    page: &QuickStart,
    issued: mfi_core::date::Date,
) -> Result<Rendered, String> {
    let title = "Quick start for CO facilitators";
    let mut doc = PdfDocument::new(title);
    let mut w = Writer::new(&mut doc)?;
    w.pages.clear();
    w.new_page();
    for l in &page.lines {
        w.line_rtl(l);
    }
    w.headers_and_footers(title, "");
    let lang = page.lang.code();
    super::finish(
        doc,
        w,
        About {
            title,
            author: "programme staff",
            subject: match page.lang {
                Lang::En => "what the app shows a member, and the meeting",
                Lang::Ur => "what the app shows a member, and the meeting (in Urdu)",
            },
            issued,
            languages: lang,
            lang,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_back::ReadBack;
    use mfi_core::date::Date;
    use mfi_core::report::quick_start::quick_start;

    fn bare(s: &str) -> String {
        s.split_whitespace().collect()
    }

    /// One page in each language, inside the margins, that reads back as
    /// the guide's page says it.
    #[test]
    fn the_quick_start_is_one_page_in_each_language_and_reads_back() {
        for lang in Lang::ALL {
            let r = render_quick_start(&quick_start(lang), Date::parse("2026-11-22").unwrap())
                .expect("rendered");
            assert_eq!(r.pages, 1, "{}", lang.code());
            for p in &r.placed {
                assert!(
                    p.x0 >= crate::MARGIN - 0.01 && p.x1 <= crate::PAGE_W - crate::MARGIN + 0.01,
                    "{}: outside the margins: {p:?}",
                    lang.code()
                );
            }
            let back = ReadBack::from_bytes(&r.bytes).expect("reads back");
            let text = bare(&back.reading(1));
            let said: &[&str] = match lang {
                Lang::En => &[
                    "Quick start for CO facilitators",
                    "What the app shows a member",
                    "Keep her stones, next member",
                    "at least 70% of the members present",
                    "The study recommends; the CO decides.",
                ],
                Lang::Ur => &[
                    "To be reviewed by a native speaker",
                    "کمیونٹی تنظیم کے سہولت کاروں کے لیے فوری رہنمائی",
                    "ایپ رکن کو کیا دکھاتی ہے",
                    "Keep her stones, next member",
                    "۷۰٪",
                    "مطالعہ سفارش کرتا ہے؛ فیصلہ تنظیم کرتی ہے۔",
                ],
            };
            for s in said {
                assert!(
                    text.contains(&bare(s)),
                    "{}: not read back: {s}\n{text}",
                    lang.code()
                );
            }
        }
    }
}
