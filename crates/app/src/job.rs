//! A computation on another thread (in a web browser: in a Web Worker, or
//! at once), whose result comes on a channel: the evaluation, the
//! stability's draws and the report are each one.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;

/// A computation on another thread (in a web browser: in a Web Worker).
pub(crate) struct Job<T> {
    pub(crate) rx: Receiver<T>,
    pub(crate) stop: Arc<AtomicBool>,
    /// The worker doing it, ended when the job is stopped or dropped.
    #[cfg(target_arch = "wasm32")]
    pub(crate) worker: Option<crate::worker::WorkerJob>,
}

impl<T> Job<T> {
    /// A job whose result comes on `rx`.
    pub(crate) fn new(rx: Receiver<T>, stop: Arc<AtomicBool>) -> Self {
        Job {
            rx,
            stop,
            #[cfg(target_arch = "wasm32")]
            worker: None,
        }
    }

    /// Asks the computation to stop, and ends its worker.
    pub(crate) fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        #[cfg(target_arch = "wasm32")]
        if let Some(w) = &self.worker {
            w.terminate();
        }
    }
}

/// Runs `f` on another thread; in a web browser, which has no threads for
/// it, at once (a large study's evaluation; the web's heavy work, the
/// draws and the report, goes to a Web Worker instead).
pub(crate) fn in_background(f: impl FnOnce() + Send + 'static) {
    #[cfg(not(target_arch = "wasm32"))]
    std::thread::spawn(f);
    #[cfg(target_arch = "wasm32")]
    f();
}
