//! The mfi-compare app in a web browser. The page (`web/index.html`) loads
//! this module and calls [`start`] with its canvas; `web/worker.js` loads the
//! same module in a Web Worker and calls [`stability_job`] and
//! [`report_job`], so that the draws and the report never hold the page.
//! `scripts/web.sh` builds it into `dist/web/`. On other targets this crate
//! is empty.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

/// Starts the app in `canvas`: the study kept in this browser, or the
/// built-in Kasur 2010 study on the first visit.
#[wasm_bindgen]
pub async fn start(canvas: web_sys::HtmlCanvasElement) -> Result<(), JsValue> {
    let options = eframe::WebOptions {
        // WebGL 2 is in every browser; WebGPU is not.
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::WebRunner::new()
        .start(
            canvas,
            options,
            Box::new(|cc| {
                Ok(Box::new(mfi_app::MfiApp::from_creation_context(
                    cc,
                    mfi_app::builtin_study(),
                )))
            }),
        )
        .await
}

/// The draws over the weights and the data of a study file, `draws` of
/// them: the stability as JSON, none when no MFI is recommended.
#[wasm_bindgen]
pub fn stability_job(study: &[u8], draws: u32) -> Result<Option<String>, String> {
    mfi_app::web::stability_job(study, draws)
}

/// The feasibility report of a study file, the members' pages in `lang`
/// ("en" or "ur"): the PDF's bytes.
#[wasm_bindgen]
pub fn report_job(study: &[u8], lang: &str) -> Result<Vec<u8>, String> {
    mfi_app::web::report_job(study, lang)
}

/// The field forms of a study file, blank or `filled` with what it holds,
/// the members' plans in `lang` ("en" or "ur"): the PDF's bytes.
#[wasm_bindgen]
pub fn forms_job(study: &[u8], filled: bool, lang: &str) -> Result<Vec<u8>, String> {
    mfi_app::web::forms_job(study, filled, lang)
}
