//! The words of the meeting's picture cards: cut into lines that fit, in
//! the font of the members' language.

use crate::words::Tongue;

/// A card's words cut into lines that fit `width`, each laid out on its own
/// (egui shapes a line of Urdu right to left as a whole, but would wrap a
/// paragraph of it in the wrong order), the words in their order.
pub(crate) fn card_lines(
    ui: &egui::Ui,
    text: &str,
    font: &egui::FontId,
    width: f32,
) -> Vec<String> {
    let fits = |s: &str| {
        ui.painter()
            .layout_no_wrap(s.to_string(), font.clone(), egui::Color32::BLACK)
            .size()
            .x
            <= width
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let longer = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || fits(&longer) {
            line = longer;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The font of a card's words: Naskh for Urdu (a little larger), bold for
/// English.
pub(crate) fn card_font(t: Tongue, scale: f32) -> egui::FontId {
    if t.lang.rtl() {
        egui::FontId::new(17.0 * scale, egui::FontFamily::Name(crate::URDU.into()))
    } else {
        egui::FontId::new(15.0 * scale, egui::FontFamily::Name("bold".into()))
    }
}
