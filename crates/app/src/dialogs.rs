//! File dialogs behind a trait, so tests can answer them. The system's
//! dialog is used where it can open; where it cannot (a Linux desktop
//! without an xdg-desktop-portal returns at once without showing anything),
//! the answer says so and the app shows its own dialog instead.

use std::path::PathBuf;
#[cfg(not(target_arch = "wasm32"))]
use std::time::Duration;
#[cfg(not(target_arch = "wasm32"))]
use web_time::Instant;

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

impl FileKind {
    /// The name of the filter and the extensions it shows.
    pub fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileKind::Study => ("Study", &["mfistudy", "json"]),
            FileKind::Matrix | FileKind::Plans => ("CSV or Excel workbook", &["csv", "xlsx"]),
            FileKind::Report => ("PDF", &["pdf"]),
        }
    }

    /// The filter when saving: a matrix or plans is written as CSV only.
    pub fn save_filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FileKind::Matrix | FileKind::Plans => ("CSV", &["csv"]),
            other => other.filter(),
        }
    }
}

/// What a dialog answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The file chosen.
    Chosen(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// The dialog could not open, and why.
    Unavailable(String),
}

/// Asks the user for files.
pub trait FileDialogs {
    /// A file to open.
    fn open(&mut self, kind: FileKind) -> Answer;
    /// A file to save to. The user chose it, so writing over it is what she
    /// asked for.
    fn save(&mut self, kind: FileKind, suggested: &str) -> Answer;
}

/// The system's dialogs (rfd: Windows' and macOS' own, the desktop portal
/// on Linux).
#[derive(Default)]
pub struct NativeDialogs {
    /// Set once the system's dialog failed to open: the app's own is used
    /// from then on, without trying again.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    unavailable: Option<String>,
}

/// A dialog that returns sooner than this without a file never opened:
/// nobody cancels a dialog that fast.
#[cfg(not(target_arch = "wasm32"))]
const TOO_FAST: Duration = Duration::from_millis(300);

#[cfg(not(target_arch = "wasm32"))]
impl NativeDialogs {
    fn answer(&mut self, asked: Instant, got: Option<PathBuf>) -> Answer {
        match got {
            Some(p) => Answer::Chosen(p),
            None if asked.elapsed() < TOO_FAST => {
                let why = "the system's file dialog did not open (on Linux: no xdg-desktop-portal is running)".to_string();
                self.unavailable = Some(why.clone());
                Answer::Unavailable(why)
            }
            None => Answer::Cancelled,
        }
    }
}

impl FileDialogs for NativeDialogs {
    #[cfg(target_arch = "wasm32")]
    fn open(&mut self, _kind: FileKind) -> Answer {
        Answer::Unavailable("a web page has no file system".into())
    }

    #[cfg(target_arch = "wasm32")]
    fn save(&mut self, _kind: FileKind, _suggested: &str) -> Answer {
        Answer::Unavailable("a web page has no file system".into())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn open(&mut self, kind: FileKind) -> Answer {
        if let Some(why) = &self.unavailable {
            return Answer::Unavailable(why.clone());
        }
        let (name, ext) = kind.filter();
        let asked = Instant::now();
        let got = rfd::FileDialog::new().add_filter(name, ext).pick_file();
        self.answer(asked, got)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn save(&mut self, kind: FileKind, suggested: &str) -> Answer {
        if let Some(why) = &self.unavailable {
            return Answer::Unavailable(why.clone());
        }
        let (name, ext) = kind.save_filter();
        let asked = Instant::now();
        let got = rfd::FileDialog::new()
            .add_filter(name, ext)
            .set_file_name(suggested)
            .save_file();
        self.answer(asked, got)
    }
}

/// Dialogs that answer from a script, for tests and demonstrations.
#[derive(Default)]
pub struct ScriptedDialogs {
    /// Answers to `open`, first first; none left: cancelled.
    pub opens: Vec<Answer>,
    /// Answers to `save`, first first; none left: cancelled.
    pub saves: Vec<Answer>,
}

impl ScriptedDialogs {
    /// Dialogs that choose these files, in turn.
    pub fn choosing(opens: Vec<PathBuf>, saves: Vec<PathBuf>) -> Self {
        ScriptedDialogs {
            opens: opens.into_iter().map(Answer::Chosen).collect(),
            saves: saves.into_iter().map(Answer::Chosen).collect(),
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open(&mut self, _kind: FileKind) -> Answer {
        if self.opens.is_empty() {
            Answer::Cancelled
        } else {
            self.opens.remove(0)
        }
    }

    fn save(&mut self, _kind: FileKind, _suggested: &str) -> Answer {
        if self.saves.is_empty() {
            Answer::Cancelled
        } else {
            self.saves.remove(0)
        }
    }
}
