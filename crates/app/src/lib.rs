//! The desktop app: a thin shell over the core (`mfi-core`). The state that is saved
//! (`Persisted`) is separate from what lives only at run time; views return
//! commands that the app applies at the end of the frame.

mod compare_view;
pub mod dialogs;
mod matrix_view;
mod plans_view;
pub mod repayment_view;
mod weights_view;
mod widgets;
mod words;

use dialogs::{FileDialogs, FileKind};
use mfi_core::data::study::StudyDoc;
use mfi_core::error::LoadErrors;
use mfi_core::i18n::Lang;
use mfi_core::scoring::stability::{self, Stability};
use mfi_core::scoring::{self, Evaluation};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
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
    /// Weights and their stability.
    Weights,
}

impl View {
    const ALL: [View; 5] = [
        View::Matrix,
        View::Plans,
        View::Compare,
        View::Repayment,
        View::Weights,
    ];

    fn title(self) -> &'static str {
        match self {
            View::Matrix => "MFI matrix",
            View::Plans => "Members' plans",
            View::Compare => "Compare",
            View::Repayment => "Repayment",
            View::Weights => "Weights",
        }
    }
}

/// What a view asks the app to do, applied at the end of the frame.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// The study's data changed: evaluate again.
    StudyChanged,
    /// Only the weights or scales changed: rescore without repricing.
    WeightsChanged,
    /// One member's plan changed: evaluate her offers again.
    MemberChanged(usize),
    /// One institution's values changed: evaluate its offers again.
    InstitutionChanged(usize),
    /// Open a study file (ask for it).
    OpenStudy,
    /// Open a file by path (dropped on the window, or from the recent list).
    OpenPath(PathBuf),
    /// Save the study where it was, or ask.
    SaveStudy,
    /// Save the study under a new name.
    SaveStudyAs,
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
    /// Write the feasibility report (ask where).
    ExportReport,
    /// The study's digits on the members' pages.
    SetDigits(mfi_core::i18n::Digits),
}

/// A modal question waiting for an answer.
#[derive(Debug, Clone, PartialEq)]
enum Prompt {
    /// The window is closing with unsaved changes.
    UnsavedOnClose,
    /// A recovery copy of unsaved work was found at start.
    Recover(PathBuf),
}

/// The app.
pub struct MfiApp {
    /// What is remembered between runs.
    pub persisted: Persisted,
    /// The study in memory.
    pub study: StudyDoc,
    /// Where the study was opened from or saved to.
    pub study_path: Option<PathBuf>,
    /// The evaluation of the study.
    pub eval: Evaluation,
    /// How stable its recommendation is.
    pub stability: Option<Stability>,
    /// The reasons and the unknowns to verify, computed once per evaluation.
    pub summary: compare_view::Summary,
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
    matrix_view: matrix_view::MatrixView,
    plans_view: plans_view::PlansView,
    /// The repayment view (its offers are read by tests).
    pub repayment_view: repayment_view::RepaymentView,
    prompt: Option<Prompt>,
    /// A stability computation running on another thread (large studies).
    stability_job: Option<std::sync::mpsc::Receiver<Stability>>,
    /// Set to stop the running stability computation.
    stability_stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    last_autosave: Instant,
    allowed_to_close: bool,
}

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
        let eval = scoring::evaluate(&study.matrix, &study.plans, &study.weights, &study.settings);
        let mut app = MfiApp {
            persisted: Persisted::default(),
            study,
            study_path: None,
            eval,
            stability: None,
            summary: Default::default(),
            dirty: false,
            view: View::Compare,
            errors: Vec::new(),
            status: String::new(),
            dialogs,
            recovery_path: None,
            selected_member: 0,
            matrix_view: Default::default(),
            plans_view: Default::default(),
            repayment_view: Default::default(),
            prompt: None,
            stability_job: None,
            stability_stop: Default::default(),
            last_autosave: Instant::now(),
            allowed_to_close: false,
        };
        // The same path as every later evaluation: a large study's
        // stability goes to a worker thread instead of delaying the start.
        app.after_evaluation();
        app
    }

    /// The app as eframe starts it: fonts, the remembered state, the last
    /// study (or the built-in one), and any recovery copy offered.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, study: StudyDoc) -> Self {
        install_fonts(&cc.egui_ctx);
        let mut app = MfiApp::new(study, Box::new(dialogs::NativeDialogs));
        if let Some(storage) = cc.storage
            && let Some(p) = eframe::get_value::<Persisted>(storage, "mfi-compare")
        {
            app.persisted = p;
        }
        if let Some(path) = app.persisted.last_study.clone()
            && path.exists()
        {
            app.open_path(&path);
        }
        app.recovery_path = eframe::storage_dir("mfi-compare").map(|d| d.join("recovery.mfistudy"));
        if let Some(r) = &app.recovery_path
            && r.exists()
        {
            app.prompt = Some(Prompt::Recover(r.clone()));
        }
        app
    }

    /// Evaluates the study again (after a change of data or settings).
    pub fn reevaluate(&mut self) {
        let s = &self.study;
        self.eval = scoring::evaluate(&s.matrix, &s.plans, &s.weights, &s.settings);
        self.selected_member = self
            .selected_member
            .min(s.plans.members.len().saturating_sub(1));
        self.after_evaluation();
    }

    /// Rescores after a change of weights, without pricing again.
    pub fn reweigh(&mut self) {
        self.eval
            .reweigh_in_place(&self.study.weights, &self.study.settings);
        self.after_evaluation();
    }

    /// Evaluates one member's offers again after her plan changed.
    pub fn update_member(&mut self, member: usize) {
        let s = &self.study;
        self.eval
            .update_member(&s.matrix, &s.plans, member, &s.weights, &s.settings);
        self.after_evaluation();
    }

    /// Summary and stability of a new evaluation. Stability is computed at
    /// once for small studies and on another thread for large ones, so that
    /// the window never waits for it.
    fn after_evaluation(&mut self) {
        self.summary = compare_view::Summary::of(&self.eval);
        let settings = app_stability_settings(&self.study.settings);
        let Some(problem) = stability::problem(&self.eval) else {
            self.stability = None;
            self.stability_job = None;
            return;
        };
        if self.eval.pairs.len() < LARGE_STUDY_PAIRS {
            self.stability_stop
                .store(true, std::sync::atomic::Ordering::Relaxed);
            self.stability = Some(stability::solve(&problem, &settings));
            self.stability_job = None;
        } else {
            // Stop the computation for the previous evaluation: its answer
            // would be stale.
            self.stability_stop
                .store(true, std::sync::atomic::Ordering::Relaxed);
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            self.stability_stop = stop.clone();
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let stopped = || stop.load(std::sync::atomic::Ordering::Relaxed);
                if let Some(st) = stability::solve_unless(&problem, &settings, &stopped) {
                    let _ = tx.send(st);
                }
            });
            self.stability_job = Some(rx);
        }
    }

    /// Whether a stability computation is still running.
    pub fn stability_pending(&self) -> bool {
        self.stability_job.is_some()
    }

    fn poll_stability(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.stability_job {
            match rx.try_recv() {
                Ok(st) => {
                    self.stability = Some(st);
                    self.stability_job = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100))
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.stability_job = None,
            }
        }
    }

    fn show_errors(&mut self, what: &str, e: &LoadErrors) {
        self.errors = e.0.iter().map(|x| x.to_string()).collect();
        self.status = format!(
            "{what}: {} problem(s); the study in memory is unchanged",
            e.0.len()
        );
    }

    fn remember(&mut self, path: &Path) {
        self.persisted.recent.retain(|p| p != path);
        self.persisted.recent.insert(0, path.to_path_buf());
        self.persisted.recent.truncate(8);
        self.persisted.last_study = Some(path.to_path_buf());
    }

    /// Opens a study, matrix or plans file by its extension: `.csv` files are
    /// read as a matrix or plans by their header; anything else as a study.
    pub fn open_path(&mut self, path: &Path) {
        let is_csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if !is_csv {
            match StudyDoc::open(path) {
                Ok(doc) => {
                    self.study = doc;
                    self.study_path = Some(path.to_path_buf());
                    self.dirty = false;
                    self.errors.clear();
                    self.status = format!("Opened {}", path.display());
                    self.remember(path);
                    self.matrix_view = Default::default();
                    self.reevaluate();
                }
                Err(e) => self.show_errors(&format!("Could not open {}", path.display()), &e),
            }
            return;
        }
        let bytes = match mfi_core::data::files::read_file(path) {
            Ok(b) => b,
            Err(e) => return self.show_errors("Could not read the file", &e),
        };
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(400)]).to_ascii_lowercase();
        let name = path.display().to_string();
        if head.contains("parameter") {
            match mfi_core::data::matrix::load_matrix(&name, &bytes) {
                Ok(m) => {
                    self.study.matrix = m;
                    self.matrix_view = Default::default();
                    self.changed(format!("Matrix loaded from {name}"));
                }
                Err(e) => self.show_errors(&format!("Could not load the matrix {name}"), &e),
            }
        } else {
            match mfi_core::data::plans::load_plans(&name, &bytes) {
                Ok(p) => {
                    self.study.plans = p;
                    self.selected_member = 0;
                    self.changed(format!("Plans loaded from {name}"));
                }
                Err(e) => self.show_errors(&format!("Could not load the plans {name}"), &e),
            }
        }
    }

    fn changed(&mut self, status: String) {
        self.errors.clear();
        self.status = status;
        self.dirty = true;
        self.reevaluate();
    }

    fn save_study_to(&mut self, path: &Path) -> bool {
        match self.study.save(path) {
            Ok(()) => {
                self.study_path = Some(path.to_path_buf());
                self.dirty = false;
                self.status = format!("Saved {}", path.display());
                self.remember(path);
                self.errors.clear();
                if let Some(r) = &self.recovery_path {
                    let _ = std::fs::remove_file(r);
                }
                true
            }
            Err(e) => {
                self.errors = vec![e.to_string()];
                self.status = "The study was NOT saved; it is still here, unchanged".into();
                false
            }
        }
    }

    /// Applies a command from a view.
    pub fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::SetDigits(d) => {
                self.study.settings.digits = d;
                self.dirty = true;
            }
            Command::StudyChanged => {
                self.dirty = true;
                self.reevaluate();
            }
            Command::WeightsChanged => {
                self.dirty = true;
                self.reweigh();
            }
            Command::MemberChanged(m) => {
                self.dirty = true;
                self.update_member(m);
            }
            Command::InstitutionChanged(i) => {
                self.dirty = true;
                let s = &self.study;
                self.eval
                    .update_institution(&s.matrix, &s.plans, i, &s.weights, &s.settings);
                self.after_evaluation();
            }
            Command::OpenStudy => {
                if let Some(p) = self.dialogs.open(FileKind::Study) {
                    self.open_path(&p);
                }
            }
            Command::OpenPath(p) => self.open_path(&p),
            Command::SaveStudy => match self.study_path.clone() {
                Some(p) => {
                    self.save_study_to(&p);
                }
                None => self.apply(Command::SaveStudyAs),
            },
            Command::SaveStudyAs => {
                if let Some(p) = self.dialogs.save(FileKind::Study, "study.mfistudy") {
                    self.save_study_to(&p);
                }
            }
            Command::OpenMatrix => {
                if let Some(p) = self.dialogs.open(FileKind::Matrix) {
                    self.open_path(&p);
                }
            }
            Command::OpenPlans => {
                if let Some(p) = self.dialogs.open(FileKind::Plans) {
                    self.open_path(&p);
                }
            }
            Command::SaveMatrix => {
                if let Some(p) = self.dialogs.save(FileKind::Matrix, "matrix.csv") {
                    match mfi_core::data::matrix::save_matrix(&p, &self.study.matrix) {
                        Ok(()) => self.status = format!("Matrix saved to {}", p.display()),
                        Err(e) => self.errors = vec![e.to_string()],
                    }
                }
            }
            Command::SavePlans => {
                if let Some(p) = self.dialogs.save(FileKind::Plans, "plans.csv") {
                    match mfi_core::data::plans::save_plans(&p, &self.study.plans) {
                        Ok(()) => self.status = format!("Plans saved to {}", p.display()),
                        Err(e) => self.errors = vec![e.to_string()],
                    }
                }
            }
            Command::ExportReport => {
                if let Some(p) = self
                    .dialogs
                    .save(FileKind::Report, "feasibility-report.pdf")
                {
                    let content = mfi_core::report::content_for(
                        &self.study,
                        "Feasibility study for the selection of a microfinance institution",
                        "programme staff",
                        mfi_core::date::Date::today(),
                        // The members' pages in the language chosen for them.
                        self.persisted.lang,
                    );
                    let written = mfi_pdf::render_bytes(&content).and_then(|bytes| {
                        mfi_core::data::table::write_atomic(&p, &bytes).map_err(|e| e.to_string())
                    });
                    match written {
                        Ok(()) => self.status = format!("Report written to {}", p.display()),
                        Err(e) => {
                            self.errors =
                                vec![format!("{}: the report was not written: {e}", p.display())];
                            self.status = "The report was NOT written".into();
                        }
                    }
                }
            }
            Command::NewFromKasur => {
                if let Ok(doc) = StudyDoc::kasur() {
                    self.study = doc;
                    self.study_path = None;
                    self.matrix_view = Default::default();
                    self.changed("Started from the built-in Kasur 2010 study".into());
                }
            }
        }
    }

    /// Writes a recovery copy of unsaved work every few seconds.
    fn autosave(&mut self) {
        if !self.dirty || self.last_autosave.elapsed() < Duration::from_secs(5) {
            return;
        }
        self.last_autosave = Instant::now();
        if let Some(r) = &self.recovery_path {
            if let Some(dir) = r.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = self.study.save(r);
        }
    }

    /// The whole window, for eframe and for tests.
    pub fn window_ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        let ctx = ui.ctx().clone();
        self.poll_stability(&ctx);
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        for p in dropped {
            commands.push(Command::OpenPath(p));
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S)) {
            commands.push(Command::SaveStudy);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::O)) {
            commands.push(Command::OpenStudy);
        }
        egui::Panel::top("menu").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.menu_button("Study", |ui| {
                    if ui.button("Open study…").clicked() {
                        commands.push(Command::OpenStudy);
                    }
                    if ui.button("Save study").clicked() {
                        commands.push(Command::SaveStudy);
                    }
                    if ui.button("Save study as…").clicked() {
                        commands.push(Command::SaveStudyAs);
                    }
                    ui.separator();
                    if ui.button("Open matrix CSV…").clicked() {
                        commands.push(Command::OpenMatrix);
                    }
                    if ui.button("Save matrix CSV…").clicked() {
                        commands.push(Command::SaveMatrix);
                    }
                    if ui.button("Open plans CSV…").clicked() {
                        commands.push(Command::OpenPlans);
                    }
                    if ui.button("Save plans CSV…").clicked() {
                        commands.push(Command::SavePlans);
                    }
                    ui.separator();
                    if ui.button("New from the Kasur 2010 study").clicked() {
                        commands.push(Command::NewFromKasur);
                    }
                    if !self.persisted.recent.is_empty() {
                        ui.separator();
                        ui.label("Recent studies");
                        for p in self.persisted.recent.clone() {
                            if ui.button(p.display().to_string()).clicked() {
                                commands.push(Command::OpenPath(p));
                            }
                        }
                    }
                });
                ui.separator();
                for v in View::ALL {
                    ui.selectable_value(&mut self.view, v, v.title());
                }
                ui.separator();
                if ui
                    .button("Export report (PDF)")
                    .on_hover_text(
                        "The feasibility report for the board, with a page for each member",
                    )
                    .clicked()
                {
                    commands.push(Command::ExportReport);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    // The members' language, each name in its own script.
                    for lang in Lang::ALL.into_iter().rev() {
                        let name = Tongue { lang, ..self.tongue() }.key("language", 14.0, false);
                        ui.selectable_value(&mut self.persisted.lang, lang, name)
                            .on_hover_text("The language of the repayment view and of the members' pages in the report")
                            .accessible_name(match lang {
                                Lang::En => "English",
                                Lang::Ur => "Urdu",
                            });
                    }
                    ui.separator();
                    let dark = ui.visuals().dark_mode;
                    if ui
                        .button(if dark { "Light theme" } else { "Dark theme" })
                        .on_hover_text("Switch between light and dark")
                        .clicked()
                    {
                        ui.ctx().set_theme(if dark {
                            egui::ThemePreference::Light
                        } else {
                            egui::ThemePreference::Dark
                        });
                    }
                    let title = if self.dirty {
                        format!("{} •", self.study.name)
                    } else {
                        self.study.name.clone()
                    };
                    ui.label(title).on_hover_text("• means unsaved changes");
                });
            });
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            if !self.errors.is_empty() {
                ui.horizontal(|ui| {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!(
                            "{} problem(s) in the file; nothing was changed:",
                            self.errors.len()
                        ),
                    );
                    if ui.button("Dismiss").clicked() {
                        self.errors.clear();
                    }
                });
                egui::ScrollArea::vertical()
                    .max_height(160.0)
                    .id_salt("errors")
                    .show(ui, |ui| {
                        for e in &self.errors {
                            ui.label(egui::RichText::new(e).monospace());
                        }
                    });
            }
            ui.horizontal(|ui| {
                ui.label(&self.status);
                if self.stability_pending() {
                    ui.spinner();
                    ui.label("computing the stability of the recommendation…");
                }
            });
        });
        let tongue = self.tongue();
        egui::CentralPanel::default().show(ui, |ui| {
            let cmd = match self.view {
                View::Matrix => self.matrix_view.ui(ui, &mut self.study.matrix),
                View::Plans => {
                    self.plans_view
                        .ui(ui, &mut self.study.plans, &mut self.selected_member)
                }
                View::Compare => compare_view::ui(
                    ui,
                    &self.eval,
                    self.stability.as_ref(),
                    &self.summary,
                    &self.study,
                    &mut self.selected_member,
                ),
                View::Repayment => self.repayment_view.ui(
                    ui,
                    &self.study,
                    &self.eval,
                    &mut self.selected_member,
                    tongue,
                ),
                View::Weights => weights_view::ui(
                    ui,
                    &mut self.study.weights,
                    self.stability.as_ref(),
                    &self.eval,
                ),
            };
            if let Some(c) = cmd {
                commands.push(c);
            }
        });
        self.prompt_ui(&ctx, &mut commands);
        for c in commands {
            self.apply(c);
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty && !self.allowed_to_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.prompt = Some(Prompt::UnsavedOnClose);
        }
        self.autosave();
    }

    fn prompt_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        let mut close = false;
        egui::Window::new("Question").collapsible(false).resizable(false).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(ctx, |ui| match &prompt {
            Prompt::UnsavedOnClose => {
                ui.label("The study has unsaved changes.");
                ui.horizontal(|ui| {
                    if ui.button("Save and close").clicked() {
                        commands.push(Command::SaveStudy);
                        self.allowed_to_close = true;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        close = true;
                    }
                    if ui.button("Close without saving").clicked() {
                        self.allowed_to_close = true;
                        if let Some(r) = &self.recovery_path {
                            let _ = std::fs::remove_file(r);
                        }
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            }
            Prompt::Recover(path) => {
                ui.label("Unsaved work from the last session was found (the app did not close normally).");
                ui.horizontal(|ui| {
                    if ui.button("Recover it").clicked() {
                        match StudyDoc::open(path) {
                            Ok(doc) => {
                                self.study = doc;
                                self.dirty = true;
                                self.matrix_view = Default::default();
                                self.reevaluate();
                                self.status = "Recovered the unsaved work of the last session".into();
                            }
                            Err(e) => self.show_errors("Could not recover", &e),
                        }
                        close = true;
                    }
                    if ui.button("Discard it").clicked() {
                        let _ = std::fs::remove_file(path);
                        close = true;
                    }
                });
            }
        });
        if close {
            self.prompt = None;
        }
    }
}

/// Studies with more member-offer pairs than this get their stability
/// computed on another thread.
const LARGE_STUDY_PAIRS: usize = 20_000;

/// The app computes stability with fewer draws than the report, so that a
/// slider moves without delay on large studies.
fn app_stability_settings(s: &scoring::Settings) -> scoring::Settings {
    scoring::Settings {
        draws: s.draws.min(2000),
        ..s.clone()
    }
}

impl eframe::App for MfiApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let lang = self.persisted.lang;
        self.window_ui(ui);
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
    }
}

/// Runs the desktop app on the built-in study (or the last one opened).
pub fn run() -> eframe::Result {
    let study = match StudyDoc::kasur() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            StudyDoc {
                name: "empty".into(),
                notes: String::new(),
                matrix: Default::default(),
                plans: Default::default(),
                weights: scoring::Weights::new("equal", [1.0; scoring::N]),
                settings: Default::default(),
            }
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("MFI compare: microfinance offers for home-based workers")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "mfi-compare",
        options,
        Box::new(move |cc| Ok(Box::new(MfiApp::from_creation_context(cc, study)))),
    )
}
