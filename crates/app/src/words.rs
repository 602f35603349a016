//! Words and numbers of the members' pages in their language. Urdu text is
//! set in Naskh and runs right to left; numbers are separate pieces (egui
//! shapes a run right to left as a whole and does not reorder mixed runs),
//! in Western or Urdu digits as the study chooses.

use mfi_core::i18n::{self, Digits, Lang};
use rust_decimal::Decimal;

/// A piece of a sentence in the members' language.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Words, in the page's font.
    Words(String),
    /// A number ("3", "38%"), in the study's digits.
    Number(String),
    /// Rupees: "Rs 3,000", or the number then the word in Urdu.
    Money(Decimal),
}

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
        let pieces: Vec<(&str, Vec<Piece>)> = numbers
            .iter()
            .map(|(name, n)| (*name, vec![Piece::Number(n.clone())]))
            .collect();
        self.sentence_of(ui, key, &pieces, size);
    }

    /// A sentence whose places (`{months}`, `{pays}`) hold words, numbers or
    /// rupees, each laid out as its own piece (see [`Tongue::sentence`]).
    /// Call inside a line.
    pub fn sentence_of(
        &self,
        ui: &mut egui::Ui,
        key: &'static str,
        places: &[(&str, Vec<Piece>)],
        size: f32,
    ) {
        // Pieces a word's space apart, as in a sentence.
        ui.spacing_mut().item_spacing.x = (size * 0.3).round();
        let mut rest = self.t(key);
        // Punctuation sticks to the piece before it, an opening bracket to
        // the piece after it.
        let sticks = |s: &str| s.starts_with([',', '.', ';', ':', ')', '،', '۔', '؛']);
        while !rest.is_empty() {
            let next = places
                .iter()
                .filter_map(|(name, p)| rest.find(name).map(|at| (at, *name, p)))
                .min_by_key(|x| x.0);
            match next {
                Some((at, name, pieces)) => {
                    let words = rest[..at].trim();
                    if !words.is_empty() {
                        self.words_piece(ui, words, size, words.ends_with('('));
                    }
                    rest = &rest[at + name.len()..];
                    let tight = sticks(rest);
                    for (k, p) in pieces.iter().enumerate() {
                        // A piece followed by punctuation in the same place
                        // ("Rs 2,857" then ",") has no space after it either.
                        let next_sticks =
                            matches!(pieces.get(k + 1), Some(Piece::Words(w)) if sticks(w));
                        self.piece(ui, p, size, next_sticks || (tight && k + 1 == pieces.len()));
                    }
                }
                None => {
                    self.words_piece(ui, rest.trim(), size, false);
                    rest = "";
                }
            }
        }
    }

    /// Words of a sentence. In Urdu each word is a piece of its own: egui
    /// shapes a label right to left as a whole and then breaks it into
    /// lines from the left, so a long Urdu label would read its last line
    /// first; words laid out one by one wrap in reading order. Call inside
    /// a line ([`Tongue::line`], [`Tongue::wrapped_line`]).
    pub fn words_piece(&self, ui: &mut egui::Ui, words: &str, size: f32, tight: bool) {
        if !self.lang.rtl() {
            self.tight(ui, tight, |ui| {
                ui.label(self.words(words, size, false));
            });
            return;
        }
        let all = self.urdu_labels(words, size);
        let n = all.len();
        for (k, (text, joined)) in all.into_iter().enumerate() {
            let last = k + 1 == n;
            self.tight(ui, (tight && last) || (joined && !last), |ui| {
                ui.add(egui::Label::new(text).extend());
            });
        }
    }

    /// A line of Urdu as labels in reading order, each with whether it
    /// stands against the next (no space between): egui lays out a label's
    /// runs left to right whatever their script, so a number, a Latin
    /// name, a minus sign or a bracket inside Urdu words would stand on the
    /// wrong side of them. The runs are those of the bidirectional algorithm
    /// ([`mfi_core::bidi`]): Urdu words one label each, a number or a name
    /// one label read left to right (a number in the study's digits, in
    /// bold as [`Piece::Number`]), a bracket or sign that Naskh lacks its
    /// own label, mirrored, against its word.
    pub fn urdu_labels(&self, text: &str, size: f32) -> Vec<(egui::RichText, bool)> {
        use mfi_core::bidi;
        let mut out: Vec<(egui::RichText, bool)> = Vec::new();
        // Whether the text before the next label ended in a space.
        let mut spaced = true;
        for run in bidi::reading_runs(text) {
            let starts_spaced = run.text.starts_with(char::is_whitespace);
            if let Some(last) = out.last_mut() {
                last.1 = !spaced && !starts_spaced;
            }
            if !run.rtl {
                let t = run.text.trim();
                if t.chars().any(char::is_alphabetic) && !t.chars().any(bidi::is_urdu_digit) {
                    out.push((egui::RichText::new(t).size(size), false));
                } else {
                    out.push((self.number(t, size, true), false));
                }
            } else {
                for word in run.text.split_whitespace() {
                    // The word's parts: Urdu letters, and what Naskh lacks.
                    let mut parts: Vec<(bool, String)> = Vec::new();
                    for c in word.chars() {
                        let sans = bidi::lacks_naskh(c);
                        match parts.last_mut() {
                            Some((s, p)) if *s == sans => p.push(c),
                            _ => parts.push((sans, c.to_string())),
                        }
                    }
                    let n = parts.len();
                    for (k, (sans, p)) in parts.into_iter().enumerate() {
                        let rich = if sans {
                            let shown: String = p.chars().rev().map(bidi::mirrored).collect();
                            egui::RichText::new(shown).size(size * 1.15)
                        } else {
                            self.words(&p, size, false)
                        };
                        out.push((rich, k + 1 < n));
                    }
                }
            }
            spaced = run.text.ends_with(char::is_whitespace);
        }
        out
    }

    /// A translated sentence without numbers, in `colour` when given,
    /// wrapping in reading order (see [`Tongue::words_piece`]). Call inside
    /// a wrapped line.
    pub fn paragraph(
        &self,
        ui: &mut egui::Ui,
        key: &'static str,
        size: f32,
        colour: Option<egui::Color32>,
    ) {
        if let Some(c) = colour {
            ui.visuals_mut().override_text_color = Some(c);
        }
        ui.spacing_mut().item_spacing.x = (size * 0.3).round();
        self.words_piece(ui, self.t(key), size, false);
    }

    /// Adds what `add` adds with no space after its last widget when
    /// `tight` (egui spaces a widget from the next one as it is added).
    fn tight(&self, ui: &mut egui::Ui, tight: bool, add: impl FnOnce(&mut egui::Ui)) {
        let space = ui.spacing().item_spacing.x;
        if tight {
            ui.spacing_mut().item_spacing.x = 0.0;
        }
        add(ui);
        ui.spacing_mut().item_spacing.x = space;
    }

    /// One piece of a sentence; `tight`: no space after it (punctuation
    /// follows).
    pub fn piece(&self, ui: &mut egui::Ui, p: &Piece, size: f32, tight: bool) {
        match p {
            Piece::Words(w) => self.words_piece(ui, w, size, tight),
            // Numbers and rupees never break across lines.
            Piece::Number(n) => self.tight(ui, tight, |ui| {
                ui.add(egui::Label::new(self.number(n, size, true)).extend());
            }),
            Piece::Money(d) => match self.lang {
                // The number then the unit in Urdu: only the last one is
                // tight.
                Lang::Ur => {
                    let (n, unit) = i18n::rupees(self.lang, Digits::Western, *d);
                    ui.add(egui::Label::new(self.number(&n, size, true)).extend());
                    self.tight(ui, tight, |ui| {
                        ui.label(self.words(unit, size * 0.8, true));
                    });
                }
                Lang::En => self.tight(ui, tight, |ui| {
                    let text = i18n::rupees_text(self.lang, Digits::Western, *d);
                    ui.add(egui::Label::new(self.words(&text, size, true)).extend());
                }),
            },
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
