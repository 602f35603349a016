//! The app in a web browser: files are uploaded (the browser's own file
//! picker) and downloaded (to the browser's Downloads); the study is kept in
//! the browser's storage; the draws over the weights and the data, the
//! report and the field forms are computed in a Web Worker (`worker.js`,
//! the same wasm module, started by `worker.rs`; the draws are asked for by
//! `evaluator.rs`), so that the page never waits for them.

use crate::MfiApp;
use crate::files::Purpose;
use crate::job::Job;
use crate::worker::{WorkerJob, message, set, set_context, wake};
use mfi_core::data::study::StudyDoc;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// A file the user uploaded, waiting for the next frame.
struct Uploaded {
    name: String,
    bytes: Vec<u8>,
    /// What the menu asked for; `None` for a file dropped on the page.
    opens: Option<crate::files::Opened>,
}

/// What the web app keeps besides the app's own state.
#[derive(Default)]
pub struct WebState {
    /// Files uploaded, not yet opened.
    inbox: Rc<RefCell<Vec<Uploaded>>>,
    /// Answer file questions with the app's test dialogs, not the browser's.
    pub scripted: bool,
    /// The whole Urdu font was asked for (after the first frame).
    urdu_font_asked: bool,
    /// Why the Urdu font could not be fetched, to say once.
    urdu_font_failed: Rc<RefCell<Option<String>>>,
}

/// The whole Noto Naskh Arabic, beside the page (scripts/web.sh copies it):
/// fetched after the first frame, so that the first visit does not wait
/// for it (the first frame has the letters of the language switch only).
const URDU_FONTS: [&str; 2] = [
    "fonts/NotoNaskhArabic-Regular.ttf",
    "fonts/NotoNaskhArabic-Bold.ttf",
];

/// The browser's storage keys: the study as a study file, and its name and
/// whether it was changed since it was last downloaded.
const STUDY_KEY: &str = "mfi-compare-study";
const STUDY_STATE_KEY: &str = "mfi-compare-study-state";

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct StoredState {
    name: Option<String>,
    dirty: bool,
}

impl MfiApp {
    /// The web app's start: the study kept in this browser, or the built-in
    /// one on the first visit.
    pub(crate) fn start_web(&mut self, cc: &eframe::CreationContext<'_>) {
        set_context(&cc.egui_ctx);
        // A finger, not a mouse (a phone, a tablet): controls it can hit.
        let coarse = web_sys::window()
            .and_then(|w| w.match_media("(pointer: coarse)").ok().flatten())
            .is_some_and(|m| m.matches());
        if coarse {
            cc.egui_ctx.all_styles_mut(crate::widgets::touch_style);
        }
        let Some(storage) = cc.storage else { return };
        let Some(text) = storage.get_string(STUDY_KEY).filter(|t| !t.is_empty()) else {
            return;
        };
        let state: StoredState = eframe::get_value(storage, STUDY_STATE_KEY).unwrap_or_default();
        let name = state
            .name
            .clone()
            .unwrap_or_else(|| "study.mfistudy".into());
        match StudyDoc::from_bytes(&name, text.as_bytes()) {
            Ok(doc) => {
                let said = match &state.name {
                    Some(n) => format!("Reopened {n} as you left it (kept in this browser)"),
                    None => "Reopened the study as you left it (kept in this browser)".into(),
                };
                self.replace_study(doc, state.name.map(PathBuf::from), &said);
                self.dirty = state.dirty;
            }
            Err(e) => self.show_errors("The study kept in this browser could not be read", &e),
        }
    }

    /// Keeps the study in the browser's storage.
    pub(crate) fn save_web(&self, storage: &mut dyn eframe::Storage) {
        // The built-in study as shipped is not kept: the next visit opens
        // it anyway, without saying it was "reopened".
        let text = if self.is_builtin_example() && !self.dirty {
            String::new()
        } else {
            String::from_utf8_lossy(&self.study.to_bytes()).into_owned()
        };
        storage.set_string(STUDY_KEY, text);
        let state = StoredState {
            name: self
                .study_path
                .as_ref()
                .map(|p| p.to_string_lossy().into_owned()),
            dirty: self.dirty,
        };
        eframe::set_value(storage, STUDY_STATE_KEY, &state);
    }

    /// Uploads a file to open, or downloads what is saved.
    pub(crate) fn ask_web(&mut self, purpose: Purpose) {
        if !purpose.saves() {
            return self.upload(purpose);
        }
        let name = self.download_name(purpose);
        let (bytes, mime) = match purpose {
            Purpose::SaveStudy { .. } => (self.study.to_bytes(), "application/json"),
            Purpose::SaveMatrix => (
                mfi_core::data::matrix::matrix_to_csv(&self.study.matrix),
                "text/csv",
            ),
            Purpose::SavePlans => (
                mfi_core::data::plans::plans_to_csv(&self.study.plans),
                "text/csv",
            ),
            Purpose::ExportReport => return self.pdf_web(name, "report", false),
            Purpose::ExportForms { filled } => return self.pdf_web(name, "forms", filled),
            Purpose::ExportResolution => return self.pdf_web(name, "resolution", false),
            Purpose::ExportCards => return self.pdf_web(name, "cards", false),
            Purpose::SavePriorities => (
                mfi_core::data::priorities::priorities_to_csv(&self.study.priorities),
                "text/csv",
            ),
            Purpose::SaveVotes => (
                mfi_core::data::votes::votes_to_csv(&self.study.votes),
                "text/csv",
            ),
            _ => return,
        };
        match download(&name, &bytes, mime) {
            Ok(()) => {
                let said = format!("Downloaded {name} (to your browser's Downloads)");
                match purpose {
                    Purpose::SaveStudy { .. } => self.study_saved(Path::new(&name), said),
                    _ => self.status = said,
                }
            }
            Err(e) => self.save_failed(
                format!("{name}: the download did not start: {e}"),
                "Nothing was downloaded",
            ),
        }
    }

    /// The name a download gets: the study's own file name when it has one.
    /// The name a download gets: the study's own file name when it has
    /// one, else one made from the study's name.
    fn download_name(&self, purpose: Purpose) -> String {
        match (purpose, &self.study_path) {
            (Purpose::SaveStudy { .. }, Some(p)) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| purpose.suggested().into()),
            (Purpose::SaveStudy { .. }, None) => {
                let name: String = self
                    .study
                    .name
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() || c == '-' {
                            c
                        } else {
                            ' '
                        }
                    })
                    .collect();
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                if name.is_empty() {
                    purpose.suggested().into()
                } else {
                    format!("{name}.mfistudy")
                }
            }
            _ => purpose.suggested().into(),
        }
    }

    /// Asks the browser for a file; it is opened when it has arrived.
    fn upload(&mut self, purpose: Purpose) {
        let (filter, ext) = purpose.kind().filter();
        let inbox = self.web.inbox.clone();
        let opens = purpose.opens();
        wasm_bindgen_futures::spawn_local(async move {
            let Some(file) = rfd::AsyncFileDialog::new()
                .add_filter(filter, ext)
                .pick_file()
                .await
            else {
                return;
            };
            let bytes = file.read().await;
            inbox.borrow_mut().push(Uploaded {
                name: file.file_name(),
                bytes,
                opens,
            });
            wake();
        });
        self.status = "Choose the file in your browser's window".into();
    }

    /// Opens what was uploaded or dropped on the page since the last frame;
    /// at the first frame, asks for the Urdu font.
    pub(crate) fn poll_web(&mut self, ctx: &egui::Context) {
        if !std::mem::replace(&mut self.web.urdu_font_asked, true) {
            fetch_urdu_font(ctx, self.web.urdu_font_failed.clone());
        }
        if let Some(why) = self.web.urdu_font_failed.borrow_mut().take() {
            self.status = format!(
                "The Urdu font could not be loaded ({why}): Urdu shows as boxes until the page is opened again with the internet"
            );
        }
        let uploaded: Vec<Uploaded> = self.web.inbox.borrow_mut().drain(..).collect();
        for u in uploaded {
            self.open_bytes_as(&u.name, &u.bytes, None, u.opens);
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            let inbox = self.web.inbox.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.path().to_string_lossy().into_owned();
                let bytes = file.bytes_async().await;
                // A file the browser cannot read is opened as empty: its
                // errors say so, naming it.
                let bytes = bytes.unwrap_or_default();
                inbox.borrow_mut().push(Uploaded {
                    name,
                    bytes,
                    opens: None,
                });
                wake();
            });
        }
    }

    /// Writes a PDF in the worker, with the PDF writer's own module (loaded
    /// there the first time): the report, the field forms (`filled` from
    /// the study or blank), the resolution of the CO (with the stability on
    /// screen) or the picture cards' form; it is downloaded when done.
    fn pdf_web(&mut self, name: String, kind: &str, filled: bool) {
        let (tx, rx) = std::sync::mpsc::channel();
        let lang = match self.persisted.lang {
            mfi_core::i18n::Lang::Ur => "ur",
            _ => "en",
        };
        let message = message(kind);
        set(&message, "lang", &lang.into());
        set(&message, "filled", &filled.into());
        set(
            &message,
            "study",
            &js_sys::Uint8Array::from(self.study.to_bytes().as_slice()).into(),
        );
        if let Some(st) = &self.stability {
            set(&message, "stability", &crate::stability_to_wire(st).into());
        }
        let file = name.clone();
        let tx = RefCell::new(Some(tx));
        let reply = move |data: JsValue| {
            let Some(tx) = tx.borrow_mut().take() else {
                return;
            };
            let error = js_sys::Reflect::get(&data, &"error".into())
                .ok()
                .and_then(|e| e.as_string());
            let written = match error {
                Some(e) => Err(e),
                None => js_sys::Reflect::get(&data, &"bytes".into())
                    .map_err(|_| "the worker sent no PDF".to_string())
                    .and_then(|b| {
                        let bytes = js_sys::Uint8Array::new(&b).to_vec();
                        download(&file, &bytes, "application/pdf")
                    }),
            };
            tx.send(written).ok();
        };
        let mut job = Job::new(rx, Arc::new(AtomicBool::new(false)));
        match WorkerJob::start(&message, reply) {
            Ok(w) => {
                job.worker = Some(w);
                self.report_job(PathBuf::from(name), job);
            }
            Err(e) => self.save_failed(
                format!("the report could not be started: {e}"),
                "The report was NOT written",
            ),
        }
    }
}

/// Fetches the whole Urdu font and puts it in place of the first frame's
/// few letters; says why, should it fail.
fn fetch_urdu_font(ctx: &egui::Context, failed: Rc<RefCell<Option<String>>>) {
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let mut faces = Vec::new();
        for url in URDU_FONTS {
            match fetch_bytes(url).await {
                Ok(bytes) => faces.push(bytes),
                Err(e) => {
                    *failed.borrow_mut() = Some(format!("{url}: {e}"));
                    ctx.request_repaint();
                    return;
                }
            }
        }
        let bold = faces.pop().unwrap_or_default();
        let regular = faces.pop().unwrap_or_default();
        ctx.set_fonts(crate::fonts::web_fonts(Some((regular, bold))));
        ctx.request_repaint();
    });
}

/// The bytes of a file beside the page.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let js = |e: JsValue| format!("{e:?}");
    let window = web_sys::window().ok_or("no page")?;
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
            .await
            .map_err(js)?
            .dyn_into()
            .map_err(js)?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(js)?)
        .await
        .map_err(js)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Keeps on the page (`window.mfiLongestFrame`, in ms) the longest time the
/// app's own code took for a frame since the page last set it to 0: what
/// the web test reads to tell the app's work from the browser's drawing.
pub(crate) fn record_frame(took: std::time::Duration) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let key = JsValue::from("mfiLongestFrame");
    let before = js_sys::Reflect::get(&window, &key)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let ms = took.as_secs_f64() * 1000.0;
    if ms > before {
        js_sys::Reflect::set(&window, &key, &ms.into()).ok();
    }
}

/// Downloads `bytes` as a file named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let js = |e: JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no page")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js)?
        .dyn_into()
        .map_err(|_| "no link".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The browser has read the file once the download began; the address
    // is freed a minute later.
    let free = Closure::once_into_js(move || {
        web_sys::Url::revoke_object_url(&url).ok();
    });
    if let Some(w) = web_sys::window() {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(free.unchecked_ref(), 60_000)
            .ok();
    }
    Ok(())
}

/// The stability job of the worker: the study's file, each number of
/// draws; one result per number, as text.
pub fn stability_job(study: &[u8], draws: u32) -> Result<Option<String>, String> {
    crate::web_stability_job(study, draws)
}
