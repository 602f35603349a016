//! How the app applies a command from a view, a menu or a shortcut at the
//! end of the frame: text typed into a field read into the study, an edit
//! made with a button, undo and redo, files opened and written (asking
//! first when unsaved work or unreadable text stands in the way).

use crate::edit::{Edit, Field};
use crate::files::{self, Purpose};
use crate::{Command, MfiApp, Notice, Prompt, Reeval, View, undo};
use mfi_core::data::study::StudyDoc;
use std::path::PathBuf;
use web_time::Instant;

impl MfiApp {
    /// Applies a command from a view, a menu or a shortcut.
    pub fn apply(&mut self, cmd: Command) {
        // A command that replaces the study asks first when there is
        // unsaved work (it could not be undone).
        let replaces = matches!(
            cmd,
            Command::NewBlank | Command::NewFromKasur | Command::OpenStudy | Command::OpenPath(_)
        );
        if replaces && self.dirty && !std::mem::take(&mut self.discard_ok) {
            self.commit_pending();
            self.prompt = Some(Prompt::Unsaved(Box::new(cmd)));
            return;
        }
        match cmd {
            Command::Commit(field, text) => self.commit(&field, &text),
            Command::Edit(e) => self.edit(e),
            Command::Undo => self.undo_or_redo(true),
            Command::Redo => self.undo_or_redo(false),
            Command::Show(v) => {
                self.commit_pending();
                self.view = v;
            }
            Command::GoTo(f) => {
                self.view = f.view();
                self.matrix_view.reveal(&f);
                self.plans_view.reveal(&f, &mut self.selected_member);
                self.focus = Some(f.id());
            }
            Command::OpenStudy => self.ask(Purpose::OpenStudy),
            Command::OpenMatrix => self.ask(Purpose::OpenMatrix),
            Command::OpenPlans => self.ask(Purpose::OpenPlans),
            Command::OpenPath(p) => self.open_path(&p),
            Command::SaveStudy | Command::SaveStudyAs | Command::SaveAndClose => {
                if self.guard(&cmd) {
                    self.save(&cmd);
                }
            }
            Command::ExportReport => {
                if self.guard(&cmd) {
                    self.ask(Purpose::ExportReport);
                }
            }
            Command::ExportForms { filled } => {
                if self.guard(&cmd) {
                    self.ask(Purpose::ExportForms { filled });
                }
            }
            Command::SaveMatrix => self.ask(Purpose::SaveMatrix),
            Command::OpenPriorities => self.ask(Purpose::OpenPriorities),
            Command::SavePriorities if self.study.priorities.members.is_empty() => {
                self.status = "No member has said what matters to her yet: nothing to save".into();
            }
            Command::SavePriorities => self.ask(Purpose::SavePriorities),
            Command::ExportCards => self.ask(Purpose::ExportCards),
            Command::OpenVotes => self.ask(Purpose::OpenVotes),
            Command::SaveVotes if self.study.votes.is_empty() => {
                self.status = "No vote has been recorded yet: nothing to save".into();
            }
            Command::SaveVotes => self.ask(Purpose::SaveVotes),
            Command::ExportResolution => self.ask(Purpose::ExportResolution),
            Command::SavePlans => self.ask(Purpose::SavePlans),
            Command::NewFromKasur => match StudyDoc::kasur() {
                Ok(doc) => {
                    self.replace_study(doc, None, "Started from the built-in Kasur 2010 study")
                }
                Err(e) => self.show_errors("The built-in study does not load", &e),
            },
            Command::NewBlank => match files::blank_study() {
                Ok(doc) => {
                    self.replace_study(
                        doc,
                        None,
                        "Started a blank study: first the MFI matrix (rename \"MFI name\", fill in its values and its loan product), then the members' plans (the example member is to replace)",
                    );
                    self.view = View::Matrix;
                }
                Err(e) => self.show_errors("The templates do not load", &e),
            },
            Command::Chosen(purpose, path) => self.chosen(purpose, &path),
            Command::CloseExampleNote => self.persisted.example_note_closed = true,
        }
    }

    /// Reads a field's text into the study, or keeps it as typed with its
    /// message when it cannot be read.
    fn commit(&mut self, field: &Field, text: &str) {
        let before = field.part(&self.study);
        match field.apply(&mut self.study, text) {
            Ok(changed) => {
                self.drafts.accepted(field);
                if changed {
                    let label = format!("Changed {}", field.title(&self.study));
                    // "Undo" beside an earlier removal would now undo this.
                    self.notice = None;
                    self.status = field
                        .reading_note(&self.study, text)
                        .unwrap_or_else(|| label.clone());
                    self.history.record(label, before);
                    self.dirty = true;
                    self.reevaluate(match field {
                        Field::Member(k, _) => Reeval::Member(*k),
                        Field::Cell { inst, .. } | Field::InstitutionName(inst) => {
                            Reeval::Institution(*inst)
                        }
                        Field::ProductName(..) | Field::Setting(_) => Reeval::Full,
                    });
                }
            }
            Err(e) => self.drafts.refused(field, text, e),
        }
    }

    /// Reads every field with text typed (views switched, a file about to be
    /// written); what cannot be read stays as typed.
    pub fn commit_pending(&mut self) {
        for (field, text) in self.drafts.pending() {
            self.commit(&field, &text);
        }
    }

    /// Applies an edit made with a button or a slider.
    fn edit(&mut self, e: Edit) {
        let reeval = match &e {
            Edit::SetWeights(_) | Edit::AdoptWeights(_) => Reeval::Weights,
            Edit::SetPriorities(..) | Edit::SetVotes(..) | Edit::SetVoteRule(..) => Reeval::Nothing,
            Edit::SetMember(k, _)
            | Edit::AddItem(k)
            | Edit::RemoveItem(k, _)
            | Edit::AddDebt(k)
            | Edit::RemoveDebt(k, _) => Reeval::Member(*k),
            Edit::SetDigits(_) => Reeval::Nothing,
            _ => Reeval::Full,
        };
        let structural = reeval == Reeval::Full;
        let Some(applied) = e.apply(&mut self.study) else {
            return;
        };
        if structural {
            // Indices of what was typed may now point elsewhere.
            self.drafts.clear();
        }
        self.history.record(applied.label.clone(), applied.before);
        self.dirty = true;
        // "Undo" beside an earlier removal would now undo this one.
        self.notice = None;
        if applied.removal {
            self.notice = Some(Notice {
                text: applied.label.clone(),
                until: Instant::now() + std::time::Duration::from_secs(12),
            });
        }
        self.status = applied.label;
        self.reevaluate(reeval);
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let layout = self.layout();
        let settings_before = self.study.settings.clone();
        let members_before: Vec<String> = self
            .study
            .plans
            .members
            .iter()
            .map(|m| m.member.clone())
            .collect();
        let done = if undo {
            self.history.undo(&mut self.study)
        } else {
            self.history.redo(&mut self.study)
        };
        let Some((label, touched)) = done else {
            self.status = if undo {
                "Nothing to undo".into()
            } else {
                "Nothing to redo".into()
            };
            return;
        };
        // What is typed stays, unless the fields it belongs to may have moved.
        if self.layout() != layout {
            self.drafts.clear();
        }
        self.notice = None;
        self.dirty = true;
        // A member brought back is the one shown.
        let now = &self.study.plans.members;
        if now.len() == members_before.len() + 1 {
            self.selected_member = now
                .iter()
                .zip(&members_before)
                .position(|(a, b)| a.member != *b)
                .unwrap_or(now.len() - 1);
        }
        self.status = format!("{}: {label}", if undo { "Undone" } else { "Redone" });
        self.reevaluate(match touched {
            undo::Touched::Member(k) => Reeval::Member(k),
            undo::Touched::Weights => Reeval::Weights,
            // The digits and the vote's rule change no figure; every other
            // setting may.
            undo::Touched::Settings
                if mfi_core::data::settings::Settings {
                    digits: settings_before.digits,
                    vote_carried_percent: settings_before.vote_carried_percent,
                    vote_quorum_percent: settings_before.vote_quorum_percent,
                    ..self.study.settings.clone()
                } != settings_before =>
            {
                Reeval::Full
            }
            undo::Touched::Settings | undo::Touched::Priorities | undo::Touched::Votes => {
                Reeval::Nothing
            }
            undo::Touched::Matrix | undo::Touched::Plans => Reeval::Full,
        });
    }

    /// The shape of the study that fields point into: how many members, and
    /// each institution's products and each member's items and debts.
    fn layout(&self) -> (Vec<usize>, Vec<(usize, usize)>) {
        (
            self.study
                .matrix
                .institutions
                .iter()
                .map(|i| i.products.len())
                .collect(),
            self.study
                .plans
                .members
                .iter()
                .map(|m| (m.items.len(), m.other_repayments.len()))
                .collect(),
        )
    }

    /// Puts another study in memory (opened, new, recovered): nothing typed
    /// or undoable of the old one is kept.
    pub(crate) fn replace_study(&mut self, doc: StudyDoc, path: Option<PathBuf>, status: &str) {
        self.study = doc;
        self.study_path = path;
        self.dirty = false;
        self.errors.clear();
        self.drafts.clear();
        self.history.clear();
        self.notice = None;
        self.matrix_view = Default::default();
        self.plans_view = Default::default();
        self.selected_member = 0;
        self.status = status.to_string();
        self.reevaluate(Reeval::Full);
    }

    /// Before a file is written or the window closed: reads what was typed;
    /// if some of it cannot be read, asks first and returns false (the
    /// command waits for the answer).
    fn guard(&mut self, cmd: &Command) -> bool {
        self.commit_pending();
        if self.drafts.invalid().is_empty() {
            true
        } else {
            self.prompt = Some(Prompt::Invalid(Box::new(cmd.clone())));
            false
        }
    }
}
