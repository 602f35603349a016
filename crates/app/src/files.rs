//! Opening and saving files: studies, the matrix and plans as CSV, the
//! report, and the recovery copy. A file is asked for with the system's
//! dialog, or the app's own when the system's cannot open; either way the
//! answer comes back as [`Command::Chosen`], so that a save that did not
//! happen is never taken for one that did.

use crate::dialogs::{Answer, FileKind};
use crate::{Command, MfiApp, Reeval};
use mfi_core::data::study::StudyDoc;
use mfi_core::date::Date;
use mfi_core::error::LoadErrors;
#[cfg(not(target_arch = "wasm32"))]
use mfi_pdf::of_study as pdf;
use std::path::{Path, PathBuf};
use std::time::Duration;
use web_time::Instant;

/// What a file is being chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Open a study.
    OpenStudy,
    /// Replace the matrix from a CSV file.
    OpenMatrix,
    /// Replace the plans from a CSV file.
    OpenPlans,
    /// Save the study there; then close the window if asked.
    SaveStudy {
        /// Close the window once the study is saved.
        then_close: bool,
    },
    /// Save the matrix as CSV.
    SaveMatrix,
    /// Save the plans as CSV.
    SavePlans,
    /// Write the feasibility report.
    ExportReport,
    /// Write the field forms, blank or filled from the study.
    ExportForms {
        /// Filled from the study.
        filled: bool,
    },
    /// Replace the members' priorities from a CSV file.
    OpenPriorities,
    /// Save the members' priorities as CSV.
    SavePriorities,
    /// Write the blank form of the picture cards (PDF).
    ExportCards,
    /// Replace the CO's vote from a CSV file.
    OpenVotes,
    /// Save the CO's vote as CSV.
    SaveVotes,
    /// Write the resolution of the CO (PDF).
    ExportResolution,
}

impl Purpose {
    pub(crate) fn kind(self) -> FileKind {
        match self {
            Purpose::OpenStudy | Purpose::SaveStudy { .. } => FileKind::Study,
            Purpose::OpenMatrix | Purpose::SaveMatrix => FileKind::Matrix,
            Purpose::OpenPlans
            | Purpose::SavePlans
            | Purpose::OpenPriorities
            | Purpose::SavePriorities
            | Purpose::OpenVotes
            | Purpose::SaveVotes => FileKind::Plans,
            Purpose::ExportReport
            | Purpose::ExportForms { .. }
            | Purpose::ExportCards
            | Purpose::ExportResolution => FileKind::Report,
        }
    }

    /// What a file chosen to open is read as: what the menu asked for,
    /// never guessed (a priorities file with a misspelt column must say so,
    /// not load as plans).
    pub(crate) fn opens(self) -> Option<Opened> {
        match self {
            Purpose::OpenStudy => Some(Opened::Study),
            Purpose::OpenMatrix => Some(Opened::Matrix),
            Purpose::OpenPlans => Some(Opened::Plans),
            Purpose::OpenPriorities => Some(Opened::Priorities),
            Purpose::OpenVotes => Some(Opened::Votes),
            _ => None,
        }
    }

    pub(crate) fn saves(self) -> bool {
        !matches!(
            self,
            Purpose::OpenStudy
                | Purpose::OpenMatrix
                | Purpose::OpenPlans
                | Purpose::OpenPriorities
                | Purpose::OpenVotes
        )
    }

    pub(crate) fn suggested(self) -> &'static str {
        match self {
            Purpose::SaveStudy { .. } => "study.mfistudy",
            Purpose::SaveMatrix => "matrix.csv",
            Purpose::SavePlans => "plans.csv",
            Purpose::ExportReport => "feasibility-report.pdf",
            Purpose::ExportForms { filled: false } => "blank-forms.pdf",
            Purpose::ExportForms { filled: true } => "field-forms.pdf",
            Purpose::SavePriorities => "priorities.csv",
            Purpose::ExportCards => "priorities-cards-form.pdf",
            Purpose::SaveVotes => "votes.csv",
            Purpose::ExportResolution => "co-resolution.pdf",
            _ => "",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Purpose::OpenStudy => "Open a study",
            Purpose::OpenMatrix => "Open a matrix (CSV)",
            Purpose::OpenPlans => "Open plans (CSV)",
            Purpose::SaveStudy { .. } => "Save the study",
            Purpose::SaveMatrix => "Save the matrix (CSV)",
            Purpose::SavePlans => "Save the plans (CSV)",
            Purpose::ExportReport => "Save the feasibility report (PDF)",
            Purpose::ExportForms { .. } => "Save the field forms (PDF)",
            Purpose::OpenPriorities => "Open the members' priorities (CSV)",
            Purpose::SavePriorities => "Save the members' priorities (CSV)",
            Purpose::ExportCards => "Save the form of the picture cards (PDF)",
            Purpose::OpenVotes => "Open the CO's vote (CSV)",
            Purpose::SaveVotes => "Save the CO's vote (CSV)",
            Purpose::ExportResolution => "Save the resolution of the CO (PDF)",
        }
    }
}

/// What an opened file is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// A whole study.
    Study,
    /// The MFI matrix.
    Matrix,
    /// The members' plans.
    Plans,
    /// The members' priorities.
    Priorities,
    /// The CO's vote.
    Votes,
}

impl Opened {
    /// What a file dropped on the window or given on the command line is,
    /// by its name and header: not a table file, a study; a table with a
    /// `parameter` column, a matrix; one with a `true_cost` column,
    /// priorities; one with a `vote` column, the CO's vote; any other
    /// table, plans.
    pub fn guess(name: &str, bytes: &[u8]) -> Opened {
        if !mfi_core::data::table::is_table_file(Path::new(name)) {
            return Opened::Study;
        }
        let header = mfi_core::data::table::header_names(name, bytes);
        if header.iter().any(|h| h == "parameter") {
            Opened::Matrix
        } else if header.iter().any(|h| h == "true_cost") {
            Opened::Priorities
        } else if header.iter().any(|h| h == "vote") {
            Opened::Votes
        } else {
            Opened::Plans
        }
    }
}

/// A new study from the blank templates.
pub fn blank_study() -> Result<StudyDoc, LoadErrors> {
    StudyDoc::blank()
}

impl MfiApp {
    /// Asks for a file for `purpose`.
    pub(crate) fn ask(&mut self, purpose: Purpose) {
        // In a web browser: a file is uploaded, or downloaded.
        #[cfg(target_arch = "wasm32")]
        if !self.web.scripted {
            return self.ask_web(purpose);
        }
        let kind = purpose.kind();
        let answer = if purpose.saves() {
            self.dialogs.save(kind, purpose.suggested())
        } else {
            self.dialogs.open(kind)
        };
        match answer {
            Answer::Chosen(p) => self.chosen(purpose, &p),
            Answer::Cancelled => self.cancelled(purpose),
            Answer::Unavailable(why) => {
                self.status = format!("{why}: choose the file in the app's own dialog");
                self.open_own_dialog(purpose);
            }
        }
    }

    /// The app's own file dialog, for when the system's cannot open.
    fn open_own_dialog(&mut self, purpose: Purpose) {
        let start = self
            .study_path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let (_, ext) = purpose.kind().filter();
        let exts: Vec<String> = ext.iter().map(|e| e.to_string()).collect();
        let mut d = if purpose.saves() {
            egui_file::FileDialog::save_file().default_filename(purpose.suggested())
        } else {
            egui_file::FileDialog::open_file().show_files_filter(Box::new(move |p: &Path| {
                p.extension()
                    .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
            }))
        }
        .initial_path(start)
        .title(purpose.title())
        .id(egui::Id::unique("app file dialog"))
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .default_size([640.0, 440.0]);
        d.open();
        self.file_dialog = Some((d, purpose));
    }

    /// Shows the app's own file dialog while it is open.
    pub(crate) fn file_dialog_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some((dialog, purpose)) = &mut self.file_dialog else {
            return;
        };
        let purpose = *purpose;
        dialog.show(ctx);
        match dialog.state() {
            egui_file::State::Open => {}
            egui_file::State::Selected => {
                if let Some(p) = dialog.path() {
                    commands.push(Command::Chosen(purpose, p.to_path_buf()));
                }
                self.file_dialog = None;
            }
            egui_file::State::Cancelled | egui_file::State::Closed => {
                self.file_dialog = None;
                self.cancelled(purpose);
            }
        }
    }

    /// No file was chosen.
    fn cancelled(&mut self, purpose: Purpose) {
        if matches!(purpose, Purpose::SaveStudy { .. }) {
            // Not saved: what was to follow the save does not happen.
            self.after_save = None;
        }
        self.status = match purpose {
            Purpose::SaveStudy { then_close: true } => {
                "The study was not saved, so the window stays open".into()
            }
            Purpose::SaveStudy { .. } => "The study was not saved".into(),
            Purpose::ExportReport => "No report was written".into(),
            Purpose::ExportForms { .. } | Purpose::ExportCards => "No forms were written".into(),
            _ => "No file chosen".into(),
        };
    }

    /// A file was chosen: do what it was chosen for. A file saved under a
    /// name without an extension gets the usual one (".mfistudy", ".csv",
    /// ".pdf"), so that it is found again when opening.
    pub(crate) fn chosen(&mut self, purpose: Purpose, path: &Path) {
        let with_extension;
        let path = if purpose.saves() && path.extension().is_none() {
            let ext = Path::new(purpose.suggested())
                .extension()
                .map(|e| e.to_os_string())
                .unwrap_or_default();
            with_extension = path.with_extension(ext);
            with_extension.as_path()
        } else {
            path
        };
        match purpose {
            Purpose::OpenStudy
            | Purpose::OpenMatrix
            | Purpose::OpenPlans
            | Purpose::OpenPriorities
            | Purpose::OpenVotes => self.open_path_as(path, purpose.opens()),
            Purpose::SaveVotes => {
                let bytes = mfi_core::data::votes::votes_to_csv(&self.study.votes);
                match mfi_core::data::table::write_atomic(path, &bytes) {
                    Ok(()) => self.status = format!("The CO's vote saved to {}", path.display()),
                    Err(e) => self.save_failed(e.to_string(), "The CO's vote was NOT saved"),
                }
            }
            Purpose::ExportResolution => {
                let written = self.resolution_bytes().and_then(|bytes| {
                    mfi_core::data::table::write_atomic(path, &bytes).map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => self.status = format!("The resolution written to {}", path.display()),
                    Err(e) => self.save_failed(
                        format!("{}: the resolution was not written: {e}", path.display()),
                        "The resolution was NOT written",
                    ),
                }
            }
            Purpose::SavePriorities => {
                let bytes = mfi_core::data::priorities::priorities_to_csv(&self.study.priorities);
                match mfi_core::data::table::write_atomic(path, &bytes) {
                    Ok(()) => {
                        self.status = format!("The members' priorities saved to {}", path.display())
                    }
                    Err(e) => {
                        self.save_failed(e.to_string(), "The members' priorities were NOT saved")
                    }
                }
            }
            Purpose::ExportCards => {
                let written = self.cards_bytes().and_then(|bytes| {
                    mfi_core::data::table::write_atomic(path, &bytes).map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => {
                        self.status = format!("The cards' form written to {}", path.display())
                    }
                    Err(e) => self.save_failed(
                        format!("{}: the form was not written: {e}", path.display()),
                        "The form was NOT written",
                    ),
                }
            }
            Purpose::SaveStudy { then_close } => {
                if self.save_study_to(path) && then_close {
                    self.close_now = true;
                }
            }
            Purpose::SaveMatrix => {
                match mfi_core::data::matrix::save_matrix(path, &self.study.matrix) {
                    Ok(()) => self.status = format!("Matrix saved to {}", path.display()),
                    Err(e) => self.save_failed(e.to_string(), "The matrix was NOT saved"),
                }
            }
            Purpose::SavePlans => {
                match mfi_core::data::plans::save_plans(path, &self.study.plans) {
                    Ok(()) => self.status = format!("Plans saved to {}", path.display()),
                    Err(e) => self.save_failed(e.to_string(), "The plans were NOT saved"),
                }
            }
            Purpose::ExportReport => self.export_report(path),
            Purpose::ExportForms { filled } => {
                let written = self.forms_bytes(filled).and_then(|bytes| {
                    mfi_core::data::table::write_atomic(path, &bytes).map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => self.status = format!("Forms written to {}", path.display()),
                    Err(e) => self.save_failed(
                        format!("{}: the forms were not written: {e}", path.display()),
                        "The forms were NOT written",
                    ),
                }
            }
        }
    }

    pub(crate) fn save_failed(&mut self, error: String, status: &str) {
        self.errors = vec![error];
        self.status = status.into();
    }

    /// Saves the study (where it was, or asks), after what was typed is read.
    pub(crate) fn save(&mut self, cmd: &Command) {
        let then_close = *cmd == Command::SaveAndClose;
        match (&self.study_path, cmd) {
            (Some(p), Command::SaveStudy | Command::SaveAndClose) => {
                let p = p.clone();
                self.chosen(Purpose::SaveStudy { then_close }, &p);
            }
            _ => self.ask(Purpose::SaveStudy { then_close }),
        }
    }

    fn export_report(&mut self, path: &Path) {
        let study = self.study.clone();
        // The members' pages in the language chosen for them.
        let lang = self.persisted.lang;
        let target = path.to_path_buf();
        let write = move || {
            report_bytes(&study, lang).and_then(|bytes| {
                mfi_core::data::table::write_atomic(&target, &bytes).map_err(|e| e.to_string())
            })
        };
        if self.large() {
            // A report of thousands of pages takes seconds: on a worker.
            self.write_report_in_background(path.to_path_buf(), write);
        } else {
            self.report_written(path, write());
        }
    }

    /// The field forms' PDF: the MFI survey in English, the members' plans
    /// in the language chosen for their pages.
    pub(crate) fn forms_bytes(&self, filled: bool) -> Result<Vec<u8>, String> {
        pdf::forms(&self.study, filled, self.persisted.lang, Date::today())
    }

    /// The resolution of the CO: in English and, when the members' pages
    /// are in Urdu, in Urdu too; filled from the study's vote (what to ask
    /// first from the stability on screen), or with the study's MFIs before
    /// the vote.
    pub(crate) fn resolution_bytes(&self) -> Result<Vec<u8>, String> {
        pdf::resolution(
            &self.study,
            self.stability.as_ref(),
            self.persisted.lang,
            Date::today(),
        )
    }

    /// The blank form of the picture cards, in the members' language.
    pub(crate) fn cards_bytes(&self) -> Result<Vec<u8>, String> {
        pdf::cards(self.persisted.lang, Date::today())
    }

    /// Says how writing the report went.
    pub(crate) fn report_written(&mut self, path: &Path, written: Result<(), String>) {
        match written {
            // In a web browser: a download of the report or the forms.
            Ok(()) if cfg!(target_arch = "wasm32") => {
                self.status = format!(
                    "Downloaded {} (to your browser's Downloads)",
                    path.display()
                )
            }
            Ok(()) => self.status = format!("Report written to {}", path.display()),
            Err(e) => self.save_failed(
                format!("{}: the report was not written: {e}", path.display()),
                "The report was NOT written",
            ),
        }
    }

    /// Saves the study to `path`; whether it was saved.
    pub(crate) fn save_study_to(&mut self, path: &Path) -> bool {
        match self.study.save(path) {
            Ok(()) => {
                self.study_saved(path, format!("Saved {}", path.display()));
                self.remember(path);
                true
            }
            Err(e) => {
                self.after_save = None;
                self.save_failed(
                    e.to_string(),
                    "The study was NOT saved; it is still here, unchanged",
                );
                false
            }
        }
    }

    /// The study was saved as `path`: nothing unsaved is left, and what
    /// waited for the save follows.
    pub(crate) fn study_saved(&mut self, path: &Path, status: String) {
        self.study_path = Some(path.to_path_buf());
        self.dirty = false;
        self.status = status;
        self.errors.clear();
        if let Some(r) = &self.recovery_path {
            // There is no unsaved work left to recover.
            remove_recovery(r);
        }
        if let Some(next) = self.after_save.take() {
            self.queued.push(next);
        }
    }

    /// Shows every problem of a file that did not load.
    pub(crate) fn show_errors(&mut self, what: &str, e: &LoadErrors) {
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

    /// Opens a study, matrix, plans or priorities file, which as
    /// [`Opened::guess`] says.
    pub fn open_path(&mut self, path: &Path) {
        self.open_path_as(path, None)
    }

    /// Opens a file as `what` (guessed when `None`).
    pub fn open_path_as(&mut self, path: &Path, what: Option<Opened>) {
        let name = path.display().to_string();
        match mfi_core::data::files::read_file(path) {
            Ok(bytes) => self.open_bytes_as(&name, &bytes, Some(path), what),
            Err(e) if mfi_core::data::table::is_table_file(path) => {
                self.show_errors("Could not read the file", &e)
            }
            Err(e) => self.show_errors(&format!("Could not open {name}"), &e),
        }
    }

    /// Opens the bytes of a file named `name` (uploaded in a web browser, or
    /// read from `path`), as [`MfiApp::open_path`] says.
    pub fn open_bytes(&mut self, name: &str, bytes: &[u8], path: Option<&Path>) {
        self.open_bytes_as(name, bytes, path, None)
    }

    /// Opens the bytes of a file as `what` (guessed when `None`).
    pub fn open_bytes_as(
        &mut self,
        name: &str,
        bytes: &[u8],
        path: Option<&Path>,
        what: Option<Opened>,
    ) {
        let what = what.unwrap_or_else(|| Opened::guess(name, bytes));
        if what == Opened::Study {
            match StudyDoc::from_bytes(name, bytes) {
                Ok(doc) => {
                    // An uploaded study keeps its name: it is downloaded
                    // under it when saved.
                    let file = path.map_or_else(|| PathBuf::from(name), Path::to_path_buf);
                    self.replace_study(doc, Some(file), &format!("Opened {name}"));
                    if let Some(p) = path {
                        self.remember(p);
                    }
                }
                Err(e) => self.show_errors(&format!("Could not open {name}"), &e),
            }
            return;
        }
        if what == Opened::Votes {
            let options = mfi_core::report::resolution::vote_options(&self.study);
            match mfi_core::data::votes::load_votes(name, bytes, Some(&options)) {
                Ok(mut v) => {
                    // The file holds the votes; the meeting's date and
                    // place stay as recorded.
                    v.date = self.study.votes.date;
                    v.place = self.study.votes.place.clone();
                    let n = v.members.len();
                    let before = crate::undo::Part::Votes(Box::new(std::mem::replace(
                        &mut self.study.votes,
                        v,
                    )));
                    let status = format!("The votes of {n} members loaded from {name}");
                    self.history.record(status.clone(), before);
                    self.errors = mfi_core::data::votes::warnings(
                        &self.study.votes,
                        &self.study.plans,
                        &options,
                    );
                    self.status = status;
                    self.dirty = true;
                    self.view = crate::View::Meeting;
                    self.meeting_view.tab = crate::meeting_view::Tab::Vote;
                }
                Err(e) => self.show_errors(&format!("Could not load the votes {name}"), &e),
            }
            return;
        }
        if what == Opened::Priorities {
            match mfi_core::data::priorities::load_priorities(name, bytes) {
                Ok(mut p) => {
                    p.rule = self.study.priorities.rule;
                    let n = p.members.len();
                    let before = crate::undo::Part::Priorities(Box::new(std::mem::replace(
                        &mut self.study.priorities,
                        p,
                    )));
                    let status = format!("The priorities of {n} members loaded from {name}");
                    self.history.record(status.clone(), before);
                    self.errors = mfi_core::data::priorities::unknown_members(
                        &self.study.priorities,
                        &self.study.plans,
                    );
                    self.status = status;
                    self.dirty = true;
                    self.view = crate::View::Meeting;
                    self.meeting_view.tab = crate::meeting_view::Tab::Results;
                }
                Err(e) => self.show_errors(&format!("Could not load the priorities {name}"), &e),
            }
        } else if what == Opened::Matrix {
            match mfi_core::data::matrix::load_matrix(name, bytes) {
                Ok(m) => {
                    let before =
                        crate::undo::Part::Matrix(std::mem::replace(&mut self.study.matrix, m));
                    self.loaded(format!("Matrix loaded from {name}"), before);
                }
                Err(e) => self.show_errors(&format!("Could not load the matrix {name}"), &e),
            }
        } else {
            match mfi_core::data::plans::load_plans(name, bytes) {
                Ok(p) => {
                    let before =
                        crate::undo::Part::Plans(std::mem::replace(&mut self.study.plans, p));
                    self.selected_member = 0;
                    self.loaded(format!("Plans loaded from {name}"), before);
                }
                Err(e) => self.show_errors(&format!("Could not load the plans {name}"), &e),
            }
        }
    }

    /// A matrix or plans file replaced part of the study (undoable).
    fn loaded(&mut self, status: String, before: crate::undo::Part) {
        self.drafts.clear();
        self.history.record(status.clone(), before);
        self.errors.clear();
        self.status = status;
        self.dirty = true;
        self.reevaluate(Reeval::Full);
    }

    /// Writes a recovery copy of unsaved work every few seconds.
    pub(crate) fn autosave(&mut self) {
        if !self.dirty || self.last_autosave.elapsed() < Duration::from_secs(5) {
            return;
        }
        self.write_recovery_copy();
    }

    /// Writes the recovery copy of the study now, with the name of its file.
    pub fn write_recovery_copy(&mut self) {
        self.last_autosave = Instant::now();
        if let Some(r) = &self.recovery_path {
            if let Some(dir) = r.parent() {
                // A failure shows when the copy is written.
                std::fs::create_dir_all(dir).ok();
            }
            if let Err(e) = self.study.save(r) {
                self.status = format!("The recovery copy could not be written: {e}");
            }
            // Beside it, the file the work belongs to, so that a recovered
            // study is saved where it was.
            let link = link_of(r);
            match &self.study_path {
                Some(p) => {
                    let text = p.to_string_lossy().into_owned();
                    mfi_core::data::table::write_atomic(&link, text.as_bytes()).ok();
                }
                None => {
                    std::fs::remove_file(&link).ok();
                }
            }
        }
    }

    /// Recovers the unsaved work of the last session.
    pub(crate) fn recover(&mut self, path: &Path) {
        match StudyDoc::open(path) {
            Ok(doc) => {
                // The file it belongs to, if it had one.
                let file = std::fs::read_to_string(link_of(path))
                    .ok()
                    .map(|t| PathBuf::from(t.trim()))
                    .filter(|p| !p.as_os_str().is_empty());
                let said = match &file {
                    Some(p) => format!(
                        "Recovered the unsaved work of the last session on {}: save to keep it there",
                        p.display()
                    ),
                    None => "Recovered the unsaved work of the last session".into(),
                };
                self.replace_study(doc, file, &said);
                self.dirty = true;
            }
            Err(e) => self.show_errors("Could not recover", &e),
        }
        self.prompt = None;
    }
}

/// The feasibility report of `study`, its members' pages in `lang`, dated
/// today.
pub fn report_bytes(study: &StudyDoc, lang: mfi_core::i18n::Lang) -> Result<Vec<u8>, String> {
    pdf::report(study, lang, Date::today())
}

/// The file beside a recovery copy that names the study file it belongs to.
fn link_of(recovery: &Path) -> PathBuf {
    recovery.with_extension("path")
}

/// Removes a recovery copy and the name of the file it belongs to.
pub(crate) fn remove_recovery(recovery: &Path) {
    std::fs::remove_file(recovery).ok();
    std::fs::remove_file(link_of(recovery)).ok();
}

/// In a web browser the PDFs are written by the worker's own module
/// (`crates/web-pdf`, loaded when the first PDF is asked for), so that the
/// page's module, loaded before the first frame, does not carry the PDF
/// writer and its fonts: `web.rs` sends the jobs there, never here.
#[cfg(target_arch = "wasm32")]
mod pdf {
    use mfi_core::data::study::StudyDoc;
    use mfi_core::date::Date;
    use mfi_core::i18n::Lang;
    use mfi_core::scoring::stability::Stability;

    const ELSEWHERE: &str = "in a web browser the PDF is written by the worker";

    pub fn report(_: &StudyDoc, _: Lang, _: Date) -> Result<Vec<u8>, String> {
        Err(ELSEWHERE.into())
    }

    pub fn forms(_: &StudyDoc, _: bool, _: Lang, _: Date) -> Result<Vec<u8>, String> {
        Err(ELSEWHERE.into())
    }

    pub fn cards(_: Lang, _: Date) -> Result<Vec<u8>, String> {
        Err(ELSEWHERE.into())
    }

    pub fn resolution(
        _: &StudyDoc,
        _: Option<&Stability>,
        _: Lang,
        _: Date,
    ) -> Result<Vec<u8>, String> {
        Err(ELSEWHERE.into())
    }
}
