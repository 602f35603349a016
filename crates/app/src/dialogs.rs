//! File dialogs behind a trait, so tests can answer them.

use std::path::PathBuf;

/// What a dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A whole study (`.mfistudy`).
    Study,
    /// A matrix CSV.
    Matrix,
    /// A plans CSV.
    Plans,
    /// The feasibility report (PDF).
    Report,
}

/// Asks the user for files.
pub trait FileDialogs {
    /// A file to open, or `None` if the user cancelled.
    fn open(&mut self, kind: FileKind) -> Option<PathBuf>;
    /// A file to save to, or `None` if the user cancelled. The user chose it,
    /// so writing over it is what she asked for.
    fn save(&mut self, kind: FileKind, suggested: &str) -> Option<PathBuf>;
}

fn filter(kind: FileKind) -> (&'static str, &'static [&'static str]) {
    match kind {
        FileKind::Study => ("Study", &["mfistudy", "json"]),
        FileKind::Matrix | FileKind::Plans => ("CSV", &["csv"]),
        FileKind::Report => ("PDF", &["pdf"]),
    }
}

/// The system's dialogs (through the desktop portal).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open(&mut self, kind: FileKind) -> Option<PathBuf> {
        let (name, ext) = filter(kind);
        rfd::FileDialog::new().add_filter(name, ext).pick_file()
    }

    fn save(&mut self, kind: FileKind, suggested: &str) -> Option<PathBuf> {
        let (name, ext) = filter(kind);
        rfd::FileDialog::new()
            .add_filter(name, ext)
            .set_file_name(suggested)
            .save_file()
    }
}

/// Dialogs that answer from a script, for tests and demonstrations.
#[derive(Default)]
pub struct ScriptedDialogs {
    /// Answers to `open`, first first.
    pub opens: Vec<PathBuf>,
    /// Answers to `save`, first first.
    pub saves: Vec<PathBuf>,
}

impl FileDialogs for ScriptedDialogs {
    fn open(&mut self, _kind: FileKind) -> Option<PathBuf> {
        (!self.opens.is_empty()).then(|| self.opens.remove(0))
    }

    fn save(&mut self, _kind: FileKind, _suggested: &str) -> Option<PathBuf> {
        (!self.saves.is_empty()).then(|| self.saves.remove(0))
    }
}
