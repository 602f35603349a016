//! Keeps the evaluation of the study up to date after each change. A small
//! study is evaluated at once, in the frame of the change. A large one is
//! evaluated on a worker thread, so that no interaction holds the window
//! longer than it takes to copy the study's inputs: the views show the last
//! complete evaluation with a spinner, changes made meanwhile are gathered
//! and evaluated next, and work made stale by a newer change is stopped.
//! The stability of the recommendation follows the same way.

use crate::MfiApp;
use crate::compare_view::Summary;
use crate::job::{Job, in_background};
use mfi_core::data::criteria::Weights;
use mfi_core::data::matrix::Matrix;
use mfi_core::data::plans::Plans;
use mfi_core::data::settings::Settings;
use mfi_core::data::study::StudyDoc;
use mfi_core::scoring::stability::{self, Stability};
use mfi_core::scoring::unknowns;
use mfi_core::scoring::{self, Evaluation};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::TryRecvError;
use std::time::Duration;

/// What must be evaluated again after a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reeval {
    /// Nothing (the digits of the members' pages).
    Nothing,
    /// Only the weights or scales changed: rescore without pricing again.
    Weights,
    /// One member's plan changed.
    Member(usize),
    /// One institution's values changed (its products neither added nor removed).
    Institution(usize),
    /// Anything else: the whole study.
    Full,
}

/// Studies with more member-offer pairs than this are evaluated, and their
/// stability computed, on another thread.
pub const LARGE_STUDY_PAIRS: usize = 20_000;

/// Studies with fewer pairs than this have the stability of their
/// recommendation (over the weights and the data) computed in the frame of
/// the change; larger ones on another thread.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub const INLINE_STABILITY_PAIRS: usize = 2_000;

/// The changes waiting to be evaluated.
#[derive(Debug, Default, Clone)]
struct Pending {
    full: bool,
    weights: bool,
    members: BTreeSet<usize>,
    institutions: BTreeSet<usize>,
}

impl Pending {
    fn add(&mut self, r: Reeval) {
        match r {
            Reeval::Nothing => {}
            Reeval::Weights => self.weights = true,
            Reeval::Member(k) => {
                self.members.insert(k);
            }
            Reeval::Institution(i) => {
                self.institutions.insert(i);
            }
            Reeval::Full => self.full = true,
        }
    }

    fn is_empty(&self) -> bool {
        !self.full && !self.weights && self.members.is_empty() && self.institutions.is_empty()
    }
}

/// What the stability of an evaluation is computed from: the draws over the
/// weights, and over the unknown facts when there are any.
pub struct StabilityInputs {
    problem: stability::Problem,
    data: Option<unknowns::DataProblem>,
}

impl StabilityInputs {
    /// The inputs for `eval` of `study` (none when no MFI is recommended).
    pub fn of(eval: &Evaluation, study: &StudyDoc) -> Option<StabilityInputs> {
        let problem = stability::problem(eval)?;
        let data = unknowns::data_problem(
            eval,
            &study.matrix,
            &study.plans,
            &study.weights,
            &study.settings,
        );
        Some(StabilityInputs { problem, data })
    }

    /// The stability with `settings`' draws, or none once `stopped` says so.
    pub fn solve(&self, settings: &Settings, stopped: &dyn Fn() -> bool) -> Option<Stability> {
        let st = stability::solve_unless(&self.problem, settings, stopped)?;
        Some(match &self.data {
            Some(d) => st.with_data(unknowns::solve_data_unless(d, settings, stopped)?, settings),
            None => st,
        })
    }
}

/// The stability of a study read from its file's bytes, with `draws`
/// draws: what the web app's worker computes, from nothing but the file
/// (the same evaluation as the window's, so the same figures).
pub fn stability_of_study(bytes: &[u8], draws: u32) -> Result<Option<Stability>, String> {
    let study = StudyDoc::from_bytes("study", bytes).map_err(|e| e.to_string())?;
    let eval = scoring::evaluate(&study.matrix, &study.plans, &study.weights, &study.settings);
    let settings = Settings {
        draws,
        ..study.settings.clone()
    };
    Ok(StabilityInputs::of(&eval, &study).and_then(|i| i.solve(&settings, &|| false)))
}

pub use mfi_core::scoring::wire::{from_wire as stability_from_wire, to_wire as stability_to_wire};

/// The web app's worker's stability job (see `web.rs`), here on every
/// target so that tests compare it with the window's.
pub fn web_stability_job(study: &[u8], draws: u32) -> Result<Option<String>, String> {
    Ok(stability_of_study(study, draws)?.map(|st| stability_to_wire(&st)))
}

#[cfg(target_arch = "wasm32")]
/// The draws over the weights and the data of `study`, first `draws[0]`
/// of them, then each next number, computed in a worker: each result comes
/// on the job's channel, which closes when the last has come.
pub(crate) fn stability_in_worker(study: &StudyDoc, draws: Vec<u32>) -> Option<Job<Stability>> {
    let (tx, rx) = std::sync::mpsc::channel();
    use crate::worker::{WorkerJob, message, set};
    use std::cell::RefCell;
    use std::sync::mpsc::Sender;
    use wasm_bindgen::JsValue;
    let message = message("stability");
    let runs = js_sys::Array::new();
    for d in &draws {
        runs.push(&JsValue::from(*d));
    }
    set(&message, "runs", &runs.into());
    set(
        &message,
        "study",
        &js_sys::Uint8Array::from(study.to_bytes().as_slice()).into(),
    );
    let tx: RefCell<Option<Sender<Stability>>> = RefCell::new(Some(tx));
    let reply = move |data: JsValue| {
        let text = js_sys::Reflect::get(&data, &"stability".into())
            .ok()
            .and_then(|t| t.as_string());
        match text.map(|t| stability_from_wire(&t)) {
            Some(Ok(st)) => {
                if let Some(tx) = &*tx.borrow() {
                    tx.send(st).ok();
                }
            }
            // The last result, none, or an error: the channel closes.
            _ => drop(tx.borrow_mut().take()),
        }
    };
    let mut job = Job::new(rx, Arc::new(AtomicBool::new(false)));
    job.worker = Some(WorkerJob::start(&message, reply).ok()?);
    Some(job)
}

/// The work on other threads, and what waits for it.
#[derive(Default)]
pub struct Work {
    evaluation: Option<Job<Option<(Evaluation, Summary)>>>,
    pending: Pending,
    stability: Option<Job<Stability>>,
    /// A report being written: where, and how it went.
    report: Option<(std::path::PathBuf, Job<Result<(), String>>)>,
}

/// An evaluation of nothing, before the first one is done.
pub fn empty_evaluation() -> Evaluation {
    scoring::evaluate(
        &Matrix::default(),
        &Plans::default(),
        &Weights::new("", [1.0; scoring::N]),
        &Settings::default(),
    )
}

/// The study's inputs, copied for a worker.
struct Inputs {
    matrix: Matrix,
    plans: Plans,
    weights: Weights,
    settings: Settings,
}

/// Brings `e` up to date with the changes in `p`, or gives up when `stop`
/// says so. A full evaluation starts afresh; the others update in place.
fn bring_up_to_date(
    mut e: Evaluation,
    p: &Pending,
    s: &Inputs,
    stop: &dyn Fn() -> bool,
) -> Option<Evaluation> {
    if p.full {
        return scoring::evaluate_unless(&s.matrix, &s.plans, &s.weights, &s.settings, stop);
    }
    for &i in &p.institutions {
        e.update_institution(&s.matrix, &s.plans, i, &s.weights, &s.settings);
        if stop() {
            return None;
        }
    }
    for &m in &p.members {
        e.update_member(&s.matrix, &s.plans, m, &s.weights, &s.settings);
        if stop() {
            return None;
        }
    }
    if p.weights {
        e.reweigh_in_place(&s.weights, &s.settings);
    }
    Some(e)
}

impl MfiApp {
    /// Whether the study is large enough to be evaluated on another thread.
    pub(crate) fn large(&self) -> bool {
        let products: usize = self
            .study
            .matrix
            .institutions
            .iter()
            .map(|i| i.products.len())
            .sum();
        self.study.plans.members.len() * (products + 1) > LARGE_STUDY_PAIRS
    }

    /// Evaluates the study again after a change.
    pub fn reevaluate(&mut self, r: Reeval) {
        self.selected_member = self
            .selected_member
            .min(self.study.plans.members.len().saturating_sub(1));
        if r == Reeval::Nothing {
            return;
        }
        self.work.pending.add(r);
        if self.large() {
            // A newer full evaluation makes any running one stale.
            if r == Reeval::Full
                && let Some(job) = &self.work.evaluation
            {
                job.stop();
                self.work.evaluation = None;
            }
            self.start_evaluation();
        } else {
            let pending = std::mem::take(&mut self.work.pending);
            let inputs = self.inputs();
            let base = std::mem::replace(&mut self.eval, Arc::new(empty_evaluation()));
            let base = Arc::try_unwrap(base).unwrap_or_else(|shared| (*shared).clone());
            if let Some(e) = bring_up_to_date(base, &pending, &inputs, &|| false) {
                self.summary = Arc::new(Summary::of(&e));
                self.eval = Arc::new(e);
            }
            self.after_evaluation();
        }
    }

    fn inputs(&self) -> Inputs {
        Inputs {
            matrix: self.study.matrix.clone(),
            plans: self.study.plans.clone(),
            weights: self.study.weights.clone(),
            settings: self.study.settings.clone(),
        }
    }

    /// Starts the pending changes on a worker, unless one is running (then
    /// they wait for it).
    fn start_evaluation(&mut self) {
        if self.work.evaluation.is_some() || self.work.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.work.pending);
        let inputs = self.inputs();
        let base = self.eval.clone();
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = std::sync::mpsc::channel();
        let flag = stop.clone();
        in_background(move || {
            let stopped = || flag.load(Ordering::Relaxed);
            let e = if pending.full {
                bring_up_to_date(empty_evaluation(), &pending, &inputs, &stopped)
            } else {
                bring_up_to_date((*base).clone(), &pending, &inputs, &stopped)
            };
            let summary = e.map(|e| {
                let s = Summary::of(&e);
                (e, s)
            });
            // The app may have gone; nobody is left to tell.
            tx.send(summary).ok();
        });
        self.work.evaluation = Some(Job::new(rx, stop));
    }

    /// Whether an evaluation is running or waiting.
    pub fn evaluation_pending(&self) -> bool {
        self.work.evaluation.is_some() || !self.work.pending.is_empty()
    }

    /// Whether a stability computation is still running.
    pub fn stability_pending(&self) -> bool {
        self.work.stability.is_some()
    }

    /// Takes what the workers finished; asks for another frame while they run.
    pub(crate) fn poll_work(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.work.evaluation {
            match job.rx.try_recv() {
                Ok(done) => self.evaluated(done),
                Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(50)),
                Err(TryRecvError::Disconnected) => self.evaluated(None),
            }
        }
        // A stability job sends its estimate, then the refined result: the
        // latest is shown; the job is done when its thread ends.
        while let Some(job) = &self.work.stability {
            match job.rx.try_recv() {
                Ok(st) => self.stability = Some(st),
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                    break;
                }
                Err(TryRecvError::Disconnected) => self.work.stability = None,
            }
        }
        if let Some((path, job)) = &self.work.report {
            let written = match job.rx.try_recv() {
                Ok(r) => Some(r),
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                    None
                }
                Err(TryRecvError::Disconnected) => Some(Err("the writer stopped".into())),
            };
            if let Some(r) = written {
                let path = path.clone();
                self.work.report = None;
                self.report_written(&path, r);
            }
        }
    }

    /// A worker finished an evaluation (or gave up): take it, and start
    /// what waited for it.
    fn evaluated(&mut self, done: Option<(Evaluation, Summary)>) {
        self.work.evaluation = None;
        if let Some((e, s)) = done {
            let old = std::mem::replace(&mut self.eval, Arc::new(e));
            // Freeing hundreds of thousands of pairs takes a while: not on
            // the window's thread.
            in_background(move || drop(old));
            self.summary = Arc::new(s);
            self.after_evaluation();
        }
        self.start_evaluation();
    }

    /// Writes the report on another thread (large studies), the status line
    /// saying so until it is done.
    pub(crate) fn write_report_in_background(
        &mut self,
        path: std::path::PathBuf,
        write: impl FnOnce() -> Result<(), String> + Send + 'static,
    ) {
        let (tx, rx) = std::sync::mpsc::channel();
        in_background(move || {
            tx.send(write()).ok();
        });
        self.report_job(path, Job::new(rx, Arc::new(AtomicBool::new(false))));
    }

    /// The status line says a report is being written until `job` is done.
    pub(crate) fn report_job(&mut self, path: std::path::PathBuf, job: Job<Result<(), String>>) {
        self.status = format!("Writing the report to {}…", path.display());
        self.work.report = Some((path, job));
    }

    /// Whether a report is being written.
    pub fn report_pending(&self) -> bool {
        self.work.report.is_some()
    }

    /// Waits until the evaluation and its stability are up to date (for
    /// tests and benchmarks; the window never waits).
    pub fn finish_work(&mut self) {
        while let Some(job) = &self.work.evaluation {
            let done = job.rx.recv().ok().flatten();
            self.evaluated(done);
        }
        if let Some(job) = self.work.stability.take() {
            while let Ok(st) = job.rx.recv() {
                self.stability = Some(st);
            }
        }
        if let Some((path, job)) = self.work.report.take() {
            let r = job
                .rx
                .recv()
                .unwrap_or_else(|_| Err("the writer stopped".into()));
            self.report_written(&path, r);
        }
    }

    /// The stability of a new evaluation: at once with fewer draws for
    /// small studies, then refined on another thread with the study's own
    /// draws (the report's), so that what the screen settles on is what
    /// the report prints; large studies do both on another thread. The
    /// previous computation is stopped.
    fn after_evaluation(&mut self) {
        if let Some(job) = self.work.stability.take() {
            job.stop();
        }
        let full = self.study.settings.clone();
        let quick = app_stability_settings(&full);
        // In a web browser the draws are all in a worker, from the study's
        // file: the page stays free meanwhile (the status line says they
        // are being computed, beside the last result).
        #[cfg(target_arch = "wasm32")]
        {
            if stability::problem(&self.eval).is_none() {
                self.stability = None;
                return;
            }
            let mut draws = vec![quick.draws];
            if full.draws > quick.draws {
                draws.push(full.draws);
            }
            self.work.stability = stability_in_worker(&self.study, draws);
        }
        #[cfg(not(target_arch = "wasm32"))]
        self.solve_stability(quick, full);
    }

    /// The stability at once with `quick`'s draws for small studies, then
    /// with `full`'s on another thread.
    #[cfg(not(target_arch = "wasm32"))]
    fn solve_stability(&mut self, quick: Settings, full: Settings) {
        let Some(inputs) = StabilityInputs::of(&self.eval, &self.study) else {
            self.stability = None;
            return;
        };
        let mut runs = vec![quick.clone()];
        if self.eval.pairs.len() < INLINE_STABILITY_PAIRS {
            self.stability = inputs.solve(&quick, &|| false);
            runs.clear();
        }
        if full.draws > quick.draws {
            runs.push(full);
        }
        if runs.is_empty() {
            return;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let stopped = || flag.load(Ordering::Relaxed);
            for settings in &runs {
                match inputs.solve(settings, &stopped) {
                    Some(st) => {
                        if tx.send(st).is_err() {
                            return;
                        }
                    }
                    None => return,
                }
            }
        });
        self.work.stability = Some(Job::new(rx, stop));
    }
}

/// The app computes stability with fewer draws than the report, so that a
/// slider moves without delay on large studies.
fn app_stability_settings(s: &Settings) -> Settings {
    Settings {
        draws: s.draws.min(2000),
        ..s.clone()
    }
}
