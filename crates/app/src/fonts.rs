//! The bundled fonts: Noto Sans, and Noto Naskh Arabic for Urdu (kittest
//! loads no system fonts, and staff's computers may lack them). The desktop
//! app carries them whole, with egui's own fonts behind them; the web app
//! carries them cut to what it writes (`assets/fonts/web/`, made by
//! `scripts/web-fonts.py`), so that a first visit on a slow line waits for
//! less, and fetches the whole Noto Naskh Arabic after its first frame.

use egui::{FontData, FontDefinitions, FontFamily, FontTweak};
use std::sync::Arc;

/// Loads the bundled fonts: on the desktop Noto Sans first, egui's
/// defaults as fallbacks; in a web browser the web app's own (see
/// [`web_fonts`]).
pub fn install_fonts(ctx: &egui::Context) {
    #[cfg(not(target_arch = "wasm32"))]
    ctx.set_fonts(desktop_fonts());
    #[cfg(target_arch = "wasm32")]
    ctx.set_fonts(web_fonts(None));
}

fn font(bytes: &'static [u8]) -> Arc<FontData> {
    Arc::new(FontData::from_static(bytes))
}

#[cfg(not(target_arch = "wasm32"))]
fn desktop_fonts() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "NotoSans".into(),
        font(include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf")),
    );
    fonts.font_data.insert(
        "NotoSansBold".into(),
        font(include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf")),
    );
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "NotoSans".into());
    }
    // Urdu: Noto Naskh Arabic after Noto Sans, so Latin letters and Western
    // digits keep Noto Sans and Arabic script falls through to Naskh.
    fonts.font_data.insert(
        "NotoNaskh".into(),
        font(include_bytes!(
            "../../../assets/fonts/NotoNaskhArabic-Regular.ttf"
        )),
    );
    fonts.font_data.insert(
        "NotoNaskhBold".into(),
        font(include_bytes!(
            "../../../assets/fonts/NotoNaskhArabic-Bold.ttf"
        )),
    );
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(1, "NotoNaskh".into());
    }
    // Urdu digits and letters typed where the text is monospace (a loan
    // card's lines), as the web app's fonts have them.
    if let Some(list) = fonts.families.get_mut(&FontFamily::Monospace) {
        list.push("NotoNaskh".into());
    }
    fonts.families.insert(
        FontFamily::Name("bold".into()),
        vec![
            "NotoSansBold".into(),
            "NotoNaskhBold".into(),
            "NotoSans".into(),
        ],
    );
    urdu_families(&mut fonts, &[]);
    fonts
}

/// Urdu text in families of its own, Naskh first: its spaces then come
/// from Naskh too, so a sentence is one run that egui shapes right to left
/// as a whole (a Latin space would split it into runs laid out left to
/// right). `behind`: the fonts after them.
fn urdu_families(fonts: &mut FontDefinitions, behind: &[&str]) {
    let family = |first: &[&str]| -> Vec<String> {
        first.iter().chain(behind).map(|s| (*s).into()).collect()
    };
    fonts.families.insert(
        FontFamily::Name(URDU.into()),
        family(&["NotoNaskh", "NotoSans"]),
    );
    fonts.families.insert(
        FontFamily::Name(URDU_BOLD.into()),
        family(&["NotoNaskhBold", "NotoSansBold"]),
    );
}

/// The web app's fonts: Noto Sans (regular and bold) cut to Latin and the
/// letters the app writes, Hack for monospace, the symbols only Noto Emoji
/// has, and `naskh`, the whole Noto Naskh Arabic (regular, bold) once the
/// page has fetched it; before, the letters of "اردو" only, for the
/// language switch. On every target, so that a test checks them.
pub fn web_fonts(naskh: Option<(Vec<u8>, Vec<u8>)>) -> FontDefinitions {
    let mut fonts = FontDefinitions::empty();
    let data = &mut fonts.font_data;
    data.insert(
        "NotoSans".into(),
        font(include_bytes!(
            "../../../assets/fonts/web/NotoSans-Regular.ttf"
        )),
    );
    data.insert(
        "NotoSansBold".into(),
        font(include_bytes!(
            "../../../assets/fonts/web/NotoSans-Bold.ttf"
        )),
    );
    data.insert(
        "Hack".into(),
        font(include_bytes!("../../../assets/fonts/web/Hack-Regular.ttf")),
    );
    // As egui scales its Noto Emoji.
    data.insert(
        "Symbols".into(),
        Arc::new(
            FontData::from_static(include_bytes!(
                "../../../assets/fonts/web/NotoEmoji-Symbols.ttf"
            ))
            .tweak(FontTweak {
                scale: 0.81,
                ..Default::default()
            }),
        ),
    );
    match naskh {
        Some((regular, bold)) => {
            data.insert("NotoNaskh".into(), Arc::new(FontData::from_owned(regular)));
            data.insert("NotoNaskhBold".into(), Arc::new(FontData::from_owned(bold)));
        }
        None => {
            let label = font(include_bytes!(
                "../../../assets/fonts/web/NotoNaskhArabic-Label.ttf"
            ));
            data.insert("NotoNaskh".into(), label.clone());
            data.insert("NotoNaskhBold".into(), label);
        }
    }
    let family = |names: &[&str]| -> Vec<String> { names.iter().map(|s| (*s).into()).collect() };
    fonts.families.insert(
        FontFamily::Proportional,
        family(&["NotoSans", "NotoNaskh", "Hack", "Symbols"]),
    );
    fonts.families.insert(
        FontFamily::Monospace,
        family(&["Hack", "NotoSans", "NotoNaskh", "Symbols"]),
    );
    fonts.families.insert(
        FontFamily::Name("bold".into()),
        family(&[
            "NotoSansBold",
            "NotoNaskhBold",
            "NotoSans",
            "Hack",
            "Symbols",
        ]),
    );
    urdu_families(&mut fonts, &["Symbols"]);
    fonts
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
