//! The web app's PDF writer: `web/worker.js` loads this module the first
//! time the page asks for a PDF and calls one of the jobs below with the
//! study's file. It carries the PDF writer and its fonts (Noto Sans, Noto
//! Naskh Arabic), which the page's own module (`crates/web`) leaves out so
//! that the first visit waits for less. The jobs are the desktop app's
//! (`mfi_pdf::of_study`), dated with the browser's today. On other targets
//! this crate is empty.

#![cfg(target_arch = "wasm32")]

use mfi_core::data::study::StudyDoc;
use mfi_core::date::Date;
use mfi_core::i18n::Lang;
use mfi_pdf::of_study;
use wasm_bindgen::prelude::*;

fn study(bytes: &[u8]) -> Result<StudyDoc, String> {
    StudyDoc::from_bytes("study", bytes).map_err(|e| e.to_string())
}

fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}

/// The feasibility report of a study file, the members' pages in `lang`
/// ("en" or "ur"): the PDF's bytes.
#[wasm_bindgen]
pub fn report_job(study_file: &[u8], lang_code: &str) -> Result<Vec<u8>, String> {
    of_study::report(&study(study_file)?, lang(lang_code), Date::today())
}

/// The field forms of a study file, blank or `filled` with what it holds,
/// the members' plans in `lang` ("en" or "ur"): the PDF's bytes.
#[wasm_bindgen]
pub fn forms_job(study_file: &[u8], filled: bool, lang_code: &str) -> Result<Vec<u8>, String> {
    of_study::forms(&study(study_file)?, filled, lang(lang_code), Date::today())
}

/// The blank form of the picture cards in `lang`: the PDF's bytes.
#[wasm_bindgen]
pub fn cards_job(lang_code: &str) -> Result<Vec<u8>, String> {
    of_study::cards(lang(lang_code), Date::today())
}

/// The resolution of the CO of a study file, with the stability the page
/// shows (its wire text, when there is one), in English and in `lang`:
/// the PDF's bytes.
#[wasm_bindgen]
pub fn resolution_job(
    study_file: &[u8],
    stability: Option<String>,
    lang_code: &str,
) -> Result<Vec<u8>, String> {
    let st = match stability {
        Some(text) => Some(mfi_core::scoring::wire::from_wire(&text)?),
        None => None,
    };
    of_study::resolution(
        &study(study_file)?,
        st.as_ref(),
        lang(lang_code),
        Date::today(),
    )
}
