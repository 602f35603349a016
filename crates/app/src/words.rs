//! Words and numbers of the members' pages in their language. Urdu text is
//! set in Naskh and runs right to left; numbers are separate pieces (egui
//! shapes a run right to left as a whole and does not reorder mixed runs),
//! in Western or Urdu digits as the study chooses.

use mfi_core::i18n::{self, Digits, Lang};
use rust_decimal::Decimal;

/// The language and the digits of the members' pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tongue {
    /// English or Urdu.
    pub lang: Lang,
    /// Western or Urdu digits.
    pub digits: Digits,
}

impl Tongue {
    /// The text of a key of `assets/i18n/translations.csv`.
    pub fn t(&self, key: &'static str) -> &'static str {
        i18n::tr(self.lang, key)
    }

    fn family(&self, strong: bool) -> egui::FontFamily {
        match (self.lang, strong) {
            (Lang::Ur, false) => egui::FontFamily::Name(super::URDU.into()),
            (Lang::Ur, true) => egui::FontFamily::Name(super::URDU_BOLD.into()),
            (Lang::En, false) => egui::FontFamily::Proportional,
            (Lang::En, true) => egui::FontFamily::Name("bold".into()),
        }
    }

    /// Words in the page's font; Urdu a little larger, as Naskh is small for its size.
    pub fn words(&self, text: &str, size: f32, strong: bool) -> egui::RichText {
        let size = if self.lang.rtl() { size * 1.15 } else { size };
        egui::RichText::new(text)
            .family(self.family(strong))
            .size(size)
    }

    /// A translated key as [`Tongue::words`].
    pub fn key(&self, key: &'static str, size: f32, strong: bool) -> egui::RichText {
        self.words(self.t(key), size, strong)
    }

    /// A number ("2,117", "35.1%") in the study's digits, ready to lay out
    /// on its own. Urdu digits are Arabic script, so egui would shape them
    /// right to left and show "123" as "321": they are handed over in visual
    /// order, so that the number reads as written.
    pub fn number_text(&self, s: &str) -> String {
        let s = self.digits.apply(s);
        match self.digits {
            Digits::Western => s,
            Digits::Urdu => s.chars().rev().collect(),
        }
    }

    /// A number as rich text.
    pub fn number(&self, s: &str, size: f32, strong: bool) -> egui::RichText {
        let family = if strong {
            egui::FontFamily::Name("bold".into())
        } else {
            egui::FontFamily::Proportional
        };
        egui::RichText::new(self.number_text(s))
            .family(family)
            .size(size)
    }

    /// The layout of a line: left to right, or right to left for Urdu.
    pub fn line_layout(&self) -> egui::Layout {
        if self.lang.rtl() {
            egui::Layout::right_to_left(egui::Align::Center)
        } else {
            egui::Layout::left_to_right(egui::Align::Center)
        }
    }

    /// The layout of a column of lines: aligned left, or right for Urdu.
    pub fn column_layout(&self) -> egui::Layout {
        if self.lang.rtl() {
            egui::Layout::top_down(egui::Align::Max)
        } else {
            egui::Layout::top_down(egui::Align::Min)
        }
    }

    /// Lays out `add` in the page's direction, wrapping onto more rows when
    /// the window is too narrow (for rows of controls).
    pub fn wrapped_line<R>(&self, ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
        let size = egui::vec2(
            ui.available_size_before_wrap().x,
            ui.spacing().interact_size.y,
        );
        ui.allocate_ui_with_layout(size, self.line_layout().with_main_wrap(true), add)
            .inner
    }

    /// Lays out `add` as one line in the page's direction.
    pub fn line<R>(&self, ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
        // As `ui.horizontal` does: one row high to start with, growing with
        // its content (a bare `with_layout` would take the whole height).
        let size = egui::vec2(
            ui.available_size_before_wrap().x,
            ui.spacing().interact_size.y,
        );
        ui.allocate_ui_with_layout(size, self.line_layout(), add)
            .inner
    }

    /// A sentence with numbers in it (`{shown}` in the translation), each
    /// piece laid out on its own in the page's direction, so that Urdu words
    /// run right to left and every number reads as written. Call inside a
    /// line.
    pub fn sentence(
        &self,
        ui: &mut egui::Ui,
        key: &'static str,
        numbers: &[(&str, String)],
        size: f32,
    ) {
        let mut rest = self.t(key);
        while !rest.is_empty() {
            let next = numbers
                .iter()
                .filter_map(|(name, n)| rest.find(name).map(|at| (at, *name, n)))
                .min_by_key(|x| x.0);
            match next {
                Some((at, name, n)) => {
                    let words = rest[..at].trim();
                    if !words.is_empty() {
                        ui.label(self.words(words, size, false));
                    }
                    ui.label(self.number(n, size, true));
                    rest = &rest[at + name.len()..];
                }
                None => {
                    ui.label(self.words(rest.trim(), size, false));
                    rest = "";
                }
            }
        }
    }

    /// Rupees known within a range: "Rs 0 - Rs 480" (one amount when both
    /// ends are the same). Call inside [`Tongue::line`].
    pub fn money_range(
        &self,
        ui: &mut egui::Ui,
        low: Decimal,
        high: Decimal,
        size: f32,
        strong: bool,
    ) {
        let (a, b) = (low.min(high), low.max(high));
        self.money(ui, a, size, strong);
        if a.round() != b.round() {
            ui.label(self.number("-", size, strong));
            self.money(ui, b, size, strong);
        }
    }

    /// A rupee amount: "Rs 2,117" in English; in Urdu two pieces, the number
    /// then "روپے" (read from the right). Call inside [`Tongue::line`].
    pub fn money(&self, ui: &mut egui::Ui, d: Decimal, size: f32, strong: bool) {
        match self.lang {
            // One piece in English: nothing to reorder.
            Lang::En => {
                let text = i18n::rupees_text(self.lang, Digits::Western, d);
                ui.label(self.words(&text, size, strong));
            }
            Lang::Ur => {
                let (n, unit) = i18n::rupees(self.lang, Digits::Western, d);
                ui.label(self.number(&n, size, strong));
                ui.label(self.words(unit, size * 0.8, strong));
            }
        }
    }
}
