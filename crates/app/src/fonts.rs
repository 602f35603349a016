//! The bundled fonts: Noto Sans, and Noto Naskh Arabic for Urdu (kittest
//! loads no system fonts, and staff's computers may lack them).

/// Loads the bundled fonts: Noto Sans first, egui's defaults as fallbacks.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "NotoSans".into(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../../assets/fonts/NotoSans-Regular.ttf"
        ))),
    );
    fonts.font_data.insert(
        "NotoSansBold".into(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../../assets/fonts/NotoSans-Bold.ttf"
        ))),
    );
    if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        list.insert(0, "NotoSans".into());
    }
    // Urdu: Noto Naskh Arabic after Noto Sans, so Latin letters and Western
    // digits keep Noto Sans and Arabic script falls through to Naskh.
    fonts.font_data.insert(
        "NotoNaskh".into(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../../assets/fonts/NotoNaskhArabic-Regular.ttf"
        ))),
    );
    fonts.font_data.insert(
        "NotoNaskhBold".into(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../../assets/fonts/NotoNaskhArabic-Bold.ttf"
        ))),
    );
    if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        list.insert(1, "NotoNaskh".into());
    }
    fonts.families.insert(
        egui::FontFamily::Name("bold".into()),
        vec![
            "NotoSansBold".into(),
            "NotoNaskhBold".into(),
            "NotoSans".into(),
        ],
    );
    // Urdu text in families of its own, Naskh first: its spaces then come
    // from Naskh too, so a sentence is one run that egui shapes right to left
    // as a whole (a Latin space would split it into runs laid out left to right).
    fonts.families.insert(
        egui::FontFamily::Name(URDU.into()),
        vec!["NotoNaskh".into(), "NotoSans".into()],
    );
    fonts.families.insert(
        egui::FontFamily::Name(URDU_BOLD.into()),
        vec!["NotoNaskhBold".into(), "NotoSansBold".into()],
    );
    ctx.set_fonts(fonts);
}

/// The font family of Urdu text.
pub const URDU: &str = "urdu";
/// The font family of bold Urdu text.
pub const URDU_BOLD: &str = "urdu-bold";

/// Text in the bundled bold face.
pub fn bold(text: impl Into<String>, size: f32) -> egui::RichText {
    egui::RichText::new(text)
        .family(egui::FontFamily::Name("bold".into()))
        .size(size)
}
