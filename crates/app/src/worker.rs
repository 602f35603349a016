//! A Web Worker (`worker.js`, beside the page, with the page's own wasm
//! module) running one job: its message, and waking the page when it
//! answers. Only in a web browser.

use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// A Web Worker running one job; ended when dropped.
pub(crate) struct WorkerJob {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl WorkerJob {
    /// Starts `worker.js` (beside the page) with `message`; `reply` gets
    /// what it sends back, and wakes the page.
    pub(crate) fn start(
        message: &JsValue,
        mut reply: impl FnMut(JsValue) + 'static,
    ) -> Result<Self, String> {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("./worker.js", &options)
            .map_err(|e| format!("{e:?}"))?;
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                reply(e.data());
                wake();
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.post_message(message).map_err(|e| format!("{e:?}"))?;
        Ok(WorkerJob {
            worker,
            _on_message: on_message,
        })
    }

    /// Ends the worker, whatever it was doing.
    pub(crate) fn terminate(&self) {
        self.worker.terminate();
    }
}

impl Drop for WorkerJob {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

thread_local! {
    static CONTEXT: RefCell<Option<egui::Context>> = const { RefCell::new(None) };
}

/// Remembers the page's context, to wake it when a worker answers.
pub(crate) fn set_context(ctx: &egui::Context) {
    CONTEXT.with(|c| *c.borrow_mut() = Some(ctx.clone()));
}

/// Asks the page for a frame (a worker answered, a file arrived).
pub(crate) fn wake() {
    CONTEXT.with(|c| {
        if let Some(ctx) = &*c.borrow() {
            ctx.request_repaint();
        }
    });
}

/// A job's message: its kind, and this page's compiled module, so that the
/// worker starts without compiling it again (the PDF jobs load the PDF
/// writer's module instead).
pub(crate) fn message(kind: &str) -> js_sys::Object {
    let m = js_sys::Object::new();
    set(&m, "kind", &kind.into());
    set(&m, "module", &wasm_bindgen::module());
    m
}

/// Sets `key` of a message to `value`.
pub(crate) fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    js_sys::Reflect::set(object, &key.into(), value).ok();
}
