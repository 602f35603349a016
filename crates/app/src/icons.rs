//! TEMPORARY stand-in until the icons branch lands.
use mfi_core::i18n::Lang;
use mfi_core::scoring::Criterion;
pub fn paint_icon(painter: &egui::Painter, rect: egui::Rect, _c: Criterion) {
    painter.circle_filled(rect.center(), rect.width() / 3.0, egui::Color32::GOLD);
}
pub fn card_label(_lang: Lang, c: Criterion) -> &'static str {
    c.label()
}
