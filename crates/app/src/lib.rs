//! The desktop app: a thin shell over the core (`mfi-core`). The state that
//! is saved (`Persisted`) is separate from what lives only at run time. The
//! views show the study and return commands; the app applies them at the end
//! of the frame, in one place ([`edit`]), records each change for undo
//! ([`undo`]) and keeps the evaluation up to date ([`evaluator`]).

mod card_text;
pub mod card_view;
mod chrome;
mod commands;
mod compare_view;
pub mod dialogs;
pub mod edit;
mod evaluator;
mod files;
mod fonts;
mod her_months;
pub mod icons;
mod job;
mod matrix_view;
pub mod meeting_view;
mod plans_view;
pub mod repayment_view;
mod schedule_table;
pub mod undo;
pub mod vote_view;
#[cfg(target_arch = "wasm32")]
pub mod web;
mod weights_view;
mod widgets;
mod words;
#[cfg(target_arch = "wasm32")]
mod worker;

pub use evaluator::{
    StabilityInputs, stability_from_wire, stability_of_study, stability_to_wire, web_stability_job,
};
pub use files::report_bytes;

pub use evaluator::Reeval;
pub use files::{Opened, Purpose};
pub use fonts::{URDU, URDU_BOLD, bold, install_fonts, web_fonts};
pub use widgets::{small_screen, touch_style};

use dialogs::FileDialogs;
use edit::{Drafts, Edit, Field};
use mfi_core::data::study::StudyDoc;
use mfi_core::scoring::Evaluation;
use mfi_core::scoring::stability::Stability;
use std::path::PathBuf;
use std::sync::Arc;
use web_time::Instant;
use words::Tongue;

/// What is remembered between runs (besides the window and theme, which
/// eframe and egui keep themselves).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// The study last opened or saved, reopened at start.
    pub last_study: Option<PathBuf>,
    /// Recently used study files, newest first.
    pub recent: Vec<PathBuf>,
    /// The language of the members' pages (the repayment view, the handouts).
    pub lang: mfi_core::i18n::Lang,
    /// Whether the line about the built-in example was closed.
    pub example_note_closed: bool,
}

/// The views, one tab each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The parameter matrix.
    Matrix,
    /// The members' plans.
    Plans,
    /// The CO recommendation and per-member results.
    Compare,
    /// What each offer would make a member pay.
    Repayment,
    /// A loan card to its true cost.
    LoanCard,
    /// Weights and their stability.
    Weights,
    /// The members' priorities: stones on picture cards, at a meeting.
    Meeting,
}

impl View {
    /// Every view, in the order of the tabs.
    pub const ALL: [View; 7] = [
        View::Matrix,
        View::Plans,
        View::Compare,
        View::Repayment,
        View::LoanCard,
        View::Weights,
        View::Meeting,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            View::Matrix => "MFI matrix",
            View::Plans => "Members' plans",
            View::Compare => "Compare",
            View::Repayment => "Repayment",
            View::LoanCard => "Loan card",
            View::Weights => "Weights",
            View::Meeting => "Meeting",
        }
    }
}

/// What a view asks the app to do, applied at the end of the frame.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Read the text typed into a field and, if it is valid, put it in the study.
    Commit(Field, String),
    /// A change made with a button or slider.
    Edit(Edit),
    /// Undo the last change.
    Undo,
    /// Redo the last change undone.
    Redo,
    /// Show another view (what was typed in this one is read first).
    Show(View),
    /// Go back to a field whose text could not be read.
    GoTo(Field),
    /// Open a study file (ask for it).
    OpenStudy,
    /// Open a file by path (dropped on the window, or from the recent list).
    OpenPath(PathBuf),
    /// Save the study where it was, or ask.
    SaveStudy,
    /// Save the study under a new name.
    SaveStudyAs,
    /// Save the study, then close the window (only if it was saved).
    SaveAndClose,
    /// Replace the matrix from a CSV file.
    OpenMatrix,
    /// Save the matrix as CSV.
    SaveMatrix,
    /// Replace the plans from a CSV file.
    OpenPlans,
    /// Save the plans as CSV.
    SavePlans,
    /// Start again from the built-in Kasur study.
    NewFromKasur,
    /// Start a blank study from the templates.
    NewBlank,
    /// Write the feasibility report (ask where).
    ExportReport,
    /// Write the field forms (ask where): blank, or filled from the study.
    ExportForms {
        /// Filled with what the study holds, unknowns marked to ask.
        filled: bool,
    },
    /// Replace the members' priorities from a CSV file.
    OpenPriorities,
    /// Save the members' priorities as CSV.
    SavePriorities,
    /// Write the blank form of the picture cards (ask where).
    ExportCards,
    /// Replace the CO's vote from a CSV file.
    OpenVotes,
    /// Save the CO's vote as CSV.
    SaveVotes,
    /// Write the resolution of the CO (ask where).
    ExportResolution,
    /// A file was chosen for a purpose (by a dialog of either kind).
    Chosen(Purpose, PathBuf),
    /// Stop showing the line about the built-in example.
    CloseExampleNote,
}

/// A line in the status bar that offers to undo what was just done.
#[derive(Debug, Clone)]
struct Notice {
    text: String,
    until: Instant,
}

/// A modal question waiting for an answer.
#[derive(Debug, Clone, PartialEq)]
enum Prompt {
    /// The window is closing with unsaved changes.
    UnsavedOnClose,
    /// A recovery copy of unsaved work was found at start.
    Recover(PathBuf),
    /// Some fields hold text that could not be read; the command waits.
    Invalid(Box<Command>),
    /// A command would replace the study, which has unsaved changes.
    Unsaved(Box<Command>),
}

/// The app.
pub struct MfiApp {
    /// What is remembered between runs.
    pub persisted: Persisted,
    /// The study in memory.
    pub study: StudyDoc,
    /// Where the study was opened from or saved to.
    pub study_path: Option<PathBuf>,
    /// The evaluation of the study (the latest complete one).
    pub eval: Arc<Evaluation>,
    /// How stable its recommendation is.
    pub stability: Option<Stability>,
    /// The reasons and the unknowns to verify, computed once per evaluation.
    pub summary: Arc<compare_view::Summary>,
    /// Unsaved changes.
    pub dirty: bool,
    /// The view shown.
    pub view: View,
    /// Errors of the last file that failed to load, as FILE:LINE: column: message.
    pub errors: Vec<String>,
    /// A one-line status message.
    pub status: String,
    /// File dialogs (a trait so tests can answer them).
    pub dialogs: Box<dyn FileDialogs>,
    /// Where recovery copies go; `None` disables them.
    pub recovery_path: Option<PathBuf>,
    /// The member selected in the plans, compare and repayment views.
    pub selected_member: usize,
    /// What is being typed and has not been read yet.
    pub drafts: Drafts,
    /// Undo and redo.
    pub history: undo::History,
    /// The repayment view (its offers are read by tests).
    pub repayment_view: repayment_view::RepaymentView,
    /// The meeting (who is at the cards; read by tests).
    pub meeting_view: meeting_view::MeetingView,
    /// The Loan card view (its card and figures are read by tests).
    pub card_view: card_view::CardView,
    matrix_view: matrix_view::MatrixView,
    plans_view: plans_view::PlansView,
    notice: Option<Notice>,
    prompt: Option<Prompt>,
    /// The app's own file dialog, when the system's cannot open.
    file_dialog: Option<(egui_file::FileDialog, Purpose)>,
    /// Evaluations and stability computed on other threads.
    work: evaluator::Work,
    last_autosave: Instant,
    allowed_to_close: bool,
    /// Close the window at the end of this frame.
    close_now: bool,
    /// A field to give the focus to.
    focus: Option<egui::Id>,
    /// The window's title as last set.
    last_title: String,
    /// What to do once the study is saved ("Save first" before a command
    /// that replaces it).
    after_save: Option<Command>,
    /// Commands to apply at the next frame.
    queued: Vec<Command>,
    /// The user chose to discard unsaved changes for the next command.
    discard_ok: bool,
    /// In a web browser: uploads, and the browser's storage.
    #[cfg(target_arch = "wasm32")]
    pub web: web::WebState,
}

impl MfiApp {
    /// The language and digits of the members' pages.
    pub fn tongue(&self) -> Tongue {
        Tongue {
            lang: self.persisted.lang,
            digits: self.study.settings.digits,
        }
    }

    /// The app on the built-in Kasur study (or `study`), with the given dialogs.
    pub fn new(study: StudyDoc, dialogs: Box<dyn FileDialogs>) -> Self {
        let mut app = MfiApp {
            persisted: Persisted::default(),
            eval: Arc::new(evaluator::empty_evaluation()),
            study,
            study_path: None,
            stability: None,
            summary: Default::default(),
            dirty: false,
            view: View::Compare,
            errors: Vec::new(),
            status: String::new(),
            dialogs,
            recovery_path: None,
            selected_member: 0,
            drafts: Drafts::default(),
            history: undo::History::default(),
            repayment_view: Default::default(),
            meeting_view: Default::default(),
            card_view: Default::default(),
            matrix_view: Default::default(),
            plans_view: Default::default(),
            notice: None,
            prompt: None,
            file_dialog: None,
            work: Default::default(),
            last_autosave: Instant::now(),
            allowed_to_close: false,
            close_now: false,
            after_save: None,
            queued: Vec::new(),
            discard_ok: false,
            focus: None,
            last_title: String::new(),
            #[cfg(target_arch = "wasm32")]
            web: Default::default(),
        };
        // The same path as every later evaluation: a large study is
        // evaluated on a worker while the window opens.
        app.reevaluate(Reeval::Full);
        app
    }

    /// The app as eframe starts it: fonts, the remembered state, the last
    /// study (or the built-in one), and any recovery copy offered.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, study: StudyDoc) -> Self {
        install_fonts(&cc.egui_ctx);
        let mut app = MfiApp::new(study, Box::new(dialogs::NativeDialogs::default()));
        if let Some(storage) = cc.storage
            && let Some(p) = eframe::get_value::<Persisted>(storage, "mfi-compare")
        {
            app.persisted = p;
        }
        #[cfg(target_arch = "wasm32")]
        {
            // In a browser: the study kept in its storage; no files, no
            // recovery copy (the storage is kept as the study changes).
            app.start_web(cc);
            app
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            if let Some(path) = app.persisted.last_study.clone()
                && path.exists()
            {
                app.open_path(&path);
            }
            // Started again with the other renderer: say so, once.
            if let Some(failed) = std::env::var_os("MFI_COMPARE_RENDERER_FAILED") {
                let used = if cc.gl.is_some() {
                    "glow (OpenGL)"
                } else {
                    "wgpu"
                };
                app.status = format!(
                    "The {} renderer could not start on this computer; the window is drawn with {used}.",
                    failed.to_string_lossy()
                );
            }
            match eframe::storage_dir("mfi-compare") {
                Some(d) => app.with_recovery(d.join("recovery.mfistudy")),
                None => app,
            }
        }
    }

    /// Keeps a recovery copy of unsaved work at `path`; if one is there
    /// from a session that did not close normally, offers to recover it.
    pub fn with_recovery(mut self, path: PathBuf) -> Self {
        if path.exists() {
            self.prompt = Some(Prompt::Recover(path.clone()));
        }
        self.recovery_path = Some(path);
        self
    }

    /// Whether the window is closing (the user chose to close, and nothing
    /// unsaved stops it).
    pub fn closing(&self) -> bool {
        self.allowed_to_close || self.close_now
    }

    /// Whether the study in memory is the built-in example, as shipped.
    pub fn is_builtin_example(&self) -> bool {
        self.study_path.is_none() && self.study.name == mfi_core::data::builtin::KASUR_STUDY_NAME
    }

    /// The window's title: the study's file (or name), a mark when unsaved.
    pub fn window_title(&self) -> String {
        let name = match &self.study_path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => format!("{} (not saved as a file)", self.study.name),
        };
        let mark = if self.dirty { " •" } else { "" };
        format!("{name}{mark} - MFI compare")
    }

    /// The whole window, for eframe and for tests.
    pub fn window_ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        let ctx = ui.ctx().clone();
        self.poll_work(&ctx);
        #[cfg(target_arch = "wasm32")]
        self.poll_web(&ctx);
        self.shortcuts(&ctx, &mut commands);
        self.top_bar_ui(ui, &mut commands);
        self.status_bar_ui(ui, &mut commands);
        let tongue = self.tongue();
        let example_note = self.is_builtin_example() && !self.persisted.example_note_closed;
        egui::CentralPanel::default().show(ui, |ui| {
            let cmds = match self.view {
                View::Matrix => self.matrix_view.ui(ui, &self.study, &mut self.drafts),
                View::Plans => {
                    self.plans_view
                        .ui(ui, &self.study, &mut self.drafts, &mut self.selected_member)
                }
                View::Compare => compare_view::ui(
                    ui,
                    &self.eval,
                    self.stability.as_ref(),
                    &self.summary,
                    &self.study,
                    &mut self.selected_member,
                    example_note,
                ),
                View::Repayment => self.repayment_view.ui(
                    ui,
                    &self.study,
                    &self.eval,
                    &mut self.selected_member,
                    tongue,
                ),
                View::Weights => {
                    weights_view::ui(ui, &self.study.weights, self.stability.as_ref(), &self.eval)
                }
                View::Meeting => self.meeting_view.ui(ui, &self.study, &self.eval, tongue),
                View::LoanCard => {
                    self.card_view.ui(ui, &self.study);
                    Vec::new()
                }
            };
            commands.extend(cmds);
        });
        self.prompt_ui(&ctx, &mut commands);
        self.file_dialog_ui(&ctx, &mut commands);
        // What waited for a save comes first.
        let queued = std::mem::take(&mut self.queued);
        for c in queued.into_iter().chain(commands) {
            self.apply(c);
        }
        if !self.queued.is_empty() {
            ctx.request_repaint();
        }
        if let Some(id) = self.focus.take() {
            ctx.memory_mut(|m| m.request_focus(id));
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allowed_to_close
            && (self.dirty || !self.drafts.invalid().is_empty())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.commit_pending();
            self.prompt = Some(if self.drafts.invalid().is_empty() {
                Prompt::UnsavedOnClose
            } else {
                Prompt::Invalid(Box::new(Command::SaveAndClose))
            });
        }
        if self.close_now {
            self.close_now = false;
            self.allowed_to_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = self.window_title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
        self.autosave();
    }

    /// Ctrl+S, Ctrl+O, and undo and redo (when no text field is being
    /// edited: there, Ctrl+Z undoes typing).
    fn shortcuts(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        // (In a web browser, a dropped file has a name but no path: see
        // web.rs.)
        #[cfg(not(target_arch = "wasm32"))]
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        #[cfg(not(target_arch = "wasm32"))]
        commands.extend(dropped.into_iter().map(Command::OpenPath));
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_key(egui::Modifiers::COMMAND, egui::Key::S) {
                commands.push(Command::SaveStudy);
            }
            if i.consume_key(egui::Modifiers::COMMAND, egui::Key::O) {
                commands.push(Command::OpenStudy);
            }
            if !typing {
                let redo = i.consume_key(
                    egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
                    egui::Key::Z,
                ) || i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y);
                if redo {
                    commands.push(Command::Redo);
                } else if i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z) {
                    commands.push(Command::Undo);
                }
            }
        });
    }
}

impl eframe::App for MfiApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let lang = self.persisted.lang;
        #[cfg(target_arch = "wasm32")]
        let started = Instant::now();
        self.window_ui(ui);
        #[cfg(target_arch = "wasm32")]
        web::record_frame(started.elapsed());
        // A language switch is written at once, not only when the window
        // closes normally: the next run opens in the language chosen.
        if self.persisted.lang != lang
            && let Some(storage) = frame.storage_mut()
        {
            eframe::App::save(self, storage);
            storage.flush();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, "mfi-compare", &self.persisted);
        #[cfg(target_arch = "wasm32")]
        self.save_web(storage);
    }

    /// In a browser the study lives in its storage: kept every few seconds.
    #[cfg(target_arch = "wasm32")]
    fn auto_save_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs(3)
    }
}

/// How the window is drawn: wgpu (Vulkan, Metal, DirectX 12) or glow
/// (OpenGL), which starts where wgpu finds no adapter (old Intel graphics on
/// Windows, Wine, some virtual machines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    /// OpenGL through glow.
    Glow,
    /// wgpu.
    Wgpu,
}

impl Renderer {
    /// The one the app starts with when none is asked for (see README,
    /// "The renderer": measured).
    pub const DEFAULT: Renderer = Renderer::Glow;

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Renderer::Glow => "glow",
            Renderer::Wgpu => "wgpu",
        }
    }

    /// The other one, to fall back on.
    pub fn other(self) -> Renderer {
        match self {
            Renderer::Glow => Renderer::Wgpu,
            Renderer::Wgpu => Renderer::Glow,
        }
    }

    /// Reads "glow" or "wgpu".
    pub fn parse(s: &str) -> Option<Renderer> {
        match s.trim().to_ascii_lowercase().as_str() {
            "glow" | "opengl" | "gl" => Some(Renderer::Glow),
            "wgpu" => Some(Renderer::Wgpu),
            _ => None,
        }
    }
}

/// The built-in study (or an empty one, should it not load).
pub fn builtin_study() -> StudyDoc {
    match StudyDoc::kasur() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            StudyDoc {
                name: "empty".into(),
                notes: String::new(),
                matrix: Default::default(),
                plans: Default::default(),
                weights: mfi_core::scoring::Weights::new("equal", [1.0; mfi_core::scoring::N]),
                settings: Default::default(),
                priorities: Default::default(),
                votes: Default::default(),
            }
        }
    }
}

/// Runs the desktop app on the built-in study (or the last one opened),
/// drawn with `renderer`.
#[cfg(not(target_arch = "wasm32"))]
pub fn run(renderer: Renderer) -> eframe::Result {
    let study = builtin_study();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("MFI compare: microfinance offers for home-based workers")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        renderer: match renderer {
            Renderer::Glow => eframe::Renderer::Glow,
            Renderer::Wgpu => eframe::Renderer::Wgpu,
        },
        ..Default::default()
    };
    eframe::run_native(
        "mfi-compare",
        options,
        Box::new(move |cc| Ok(Box::new(MfiApp::from_creation_context(cc, study)))),
    )
}
