//! What is typed into a field and not yet read ([`Drafts`]), and the field
//! itself: exactly what was typed while it is typed, read on Enter or when
//! it loses focus, red with its message when it cannot be read.

use super::field::Field;
use crate::Command;
use mfi_core::data::study::StudyDoc;
use std::collections::BTreeMap;

/// What has been typed and not yet read, by field.
#[derive(Debug, Default)]
pub struct Drafts {
    map: BTreeMap<Field, Draft>,
    /// The field last given to be read, what was typed in it and where the
    /// caret was (in characters): once the value shows in its standard form
    /// (`10000-25000` as `10,000-25,000`), the caret is put back where the
    /// person typed, not at the same count of characters.
    caret: Option<(Field, String, usize)>,
}

/// Where a caret at `at` (characters) in `typed` goes in `shown`, the same
/// value written another way: before as many of the characters that count
/// (not grouping commas or spaces) as followed it in `typed`, so that what
/// is typed next lands where it would have.
pub fn carried_caret(typed: &str, at: usize, shown: &str) -> usize {
    let counts = |c: &char| !matches!(c, ',' | '\u{066C}' | ' ');
    let after = typed.chars().skip(at).filter(counts).count();
    let shown_chars: Vec<char> = shown.chars().collect();
    let mut seen = 0;
    let mut pos = shown_chars.len();
    while pos > 0 && seen < after {
        pos -= 1;
        if counts(&shown_chars[pos]) {
            seen += 1;
        }
    }
    pos
}

/// Text typed into a field, and why it could not be read (once it was tried).
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Exactly what was typed.
    pub text: String,
    /// The message when the text was read and refused.
    pub error: Option<String>,
}

/// How a field looks besides its text.
#[derive(Default)]
pub struct Look {
    /// Shown, greyed, when the field is empty ("?" for unknown).
    pub hint: Option<egui::RichText>,
    /// The text's colour (assumed values are blue); red overrides it.
    pub color: Option<egui::Color32>,
    /// The hover text (the value's source).
    pub tooltip: Option<String>,
}

impl Drafts {
    /// Forgets everything typed (after the study was replaced, or an undo).
    pub fn clear(&mut self) {
        self.map.clear();
        self.caret = None;
    }

    /// The draft of a field, if any.
    pub fn get(&self, f: &Field) -> Option<&Draft> {
        self.map.get(f)
    }

    /// Fields with text typed and not yet read.
    pub fn pending(&self) -> Vec<(Field, String)> {
        self.map
            .iter()
            .map(|(f, d)| (f.clone(), d.text.clone()))
            .collect()
    }

    /// The fields whose text was refused, with the message.
    pub fn invalid(&self) -> Vec<(Field, String)> {
        self.map
            .iter()
            .filter_map(|(f, d)| d.error.clone().map(|e| (f.clone(), e)))
            .collect()
    }

    /// The text of a field was read: it is gone from the drafts.
    pub fn accepted(&mut self, f: &Field) {
        self.map.remove(f);
    }

    /// The text of a field was refused: it stays, with the message.
    pub fn refused(&mut self, f: &Field, text: &str, error: String) {
        let d = self.map.entry(f.clone()).or_insert_with(|| Draft {
            text: text.to_string(),
            error: None,
        });
        d.error = Some(error);
    }

    /// One field: shows the study's value in its standard form, or exactly
    /// what was typed while it is typed; asks for the text to be read when
    /// the field loses focus or Enter is pressed (Escape puts the value back).
    pub fn field_ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        field: &Field,
        width: f32,
        look: Look,
    ) -> Option<Command> {
        // The value just read shows in its standard form: the caret follows.
        if self.caret.as_ref().is_some_and(|(f, _, _)| f == field)
            && let Some((_, typed, at)) = self.caret.take()
            && !self.map.contains_key(field)
            && let Some(shown) = field.shown(study)
            && shown != typed
            && let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id())
        {
            let pos = carried_caret(&typed, at, &shown);
            state
                .cursor
                .set_char_range(Some(egui::text_selection::CCursorRange::one(
                    egui::text::CCursor::new(pos),
                )));
            egui::TextEdit::store_state(ui.ctx(), field.id(), state);
        }
        let draft = self.map.get(field);
        let mut text = draft
            .map(|d| d.text.clone())
            .or_else(|| field.shown(study))
            .unwrap_or_default();
        let error = draft.and_then(|d| d.error.clone());
        let color = if error.is_some() {
            Some(ui.visuals().error_fg_color)
        } else {
            look.color
        };
        // A cell holds what a file's cell may (a paste of megabytes is cut
        // there, as loading would refuse it).
        let mut edit = egui::TextEdit::singleline(&mut text)
            .id(field.id())
            .desired_width(width)
            .char_limit(mfi_core::data::limits::MAX_CELL_CHARS)
            .text_color_opt(color);
        if let Some(h) = look.hint {
            edit = edit.hint_text(h);
        }
        // A finite width is kept even in a grid's narrow column; an infinite
        // one fills the cell (the matrix).
        let resp = if width.is_finite() {
            ui.add_sized([width, ui.spacing().interact_size.y], edit)
        } else {
            ui.add(edit)
        };
        let mut resp = resp.accessible_name(field.label(study));
        let tip = match (&error, &look.tooltip) {
            (Some(e), Some(t)) => Some(format!("{e}\n{t}")),
            (Some(e), None) => Some(e.clone()),
            (None, t) => t.clone(),
        };
        if let Some(t) = tip {
            resp = resp.on_hover_text(t);
        }
        if resp.changed() {
            self.map
                .entry(field.clone())
                .or_insert_with(|| Draft {
                    text: String::new(),
                    error: error.clone(),
                })
                .text = text;
        }
        if !resp.lost_focus() {
            return None;
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.map.remove(field);
            return None;
        }
        let d = self.map.get(field)?;
        let at = egui::TextEdit::load_state(ui.ctx(), field.id())
            .and_then(|s| s.cursor.char_range())
            .map(|r| r.primary.index.0)
            .unwrap_or_else(|| d.text.chars().count());
        self.caret = Some((field.clone(), d.text.clone(), at));
        Some(Command::Commit(field.clone(), d.text.clone()))
    }
}
