//! The field forms on A4 (see `mfi_core::forms`): each question beside a
//! box of the right kind, large enough for handwriting (a box a line is
//! 8 mm tall on the MFI survey, 6 mm on the one-page plan, a tick box 4 mm); an Urdu form laid out from the right, its
//! words shaped and joined. Filled forms show the study's values in the
//! boxes and "to ask" beside what it lacks. A form's questions and their
//! boxes are in `fields`, the picture cards in `cards`, words in either
//! direction in `say`.

use super::{About, Rendered, Writer};
use mfi_core::forms::{Field, Forms};
use mfi_core::i18n::Lang;
use mfi_core::report::Piece;
use printpdf::PdfDocument;

mod cards;
mod fields;
mod say;

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
    use crate::{CONTENT_W, MARGIN};
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
