//! The mfi-compare app in a web browser. The page (`web/index.html`) loads
//! this module and calls [`start`] with its canvas; `web/worker.js` runs the
//! same module in a Web Worker and calls [`stability_job`], so that the
//! draws never hold the page. The PDFs are written in the worker by a module
//! of their own (`crates/web-pdf`), loaded the first time one is asked for:
//! this one, which the first visit waits for, carries no PDF writer.
//! `scripts/web.sh` builds both into `dist/web/`. On other targets this
//! crate is empty.

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
