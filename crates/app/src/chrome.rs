//! The window around the views: the top bar (menus, tabs, export, language),
//! the status bar (problems of the last file, what just happened, work in
//! progress, "Removed Kashf - Undo"), and the questions the app asks.

use crate::words::Tongue;
use crate::{Command, MfiApp, Prompt, View};
use mfi_core::i18n::Lang;
use web_time::Instant;

/// The id under which the width of the top bar's right-hand group is kept
/// from one frame to the next.
const RIGHT_GROUP_WIDTH: &str = "top bar right group width";

impl MfiApp {
    /// The top bar. Everything flows left to right and wraps to a second row
    /// when the window is narrow or zoomed in; the language and theme sit at
    /// the right when there is room for them, so nothing is ever drawn over
    /// anything else.
    ///
    /// On a phone's screen ([`crate::widgets::small_screen`]) the views are
    /// in a menu of their own and the report in the Study menu: one row on
    /// its side, two upright.
    pub(crate) fn top_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let small = crate::widgets::small_screen(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                self.study_menu_ui(ui, commands, small);
                self.edit_menu_ui(ui, commands);
                if small {
                    self.view_menu_ui(ui, commands);
                } else {
                    ui.separator();
                    // The Loan card is a tool opened from the Study menu
                    // (Study > Loan card), not a part of the study: its tab
                    // shows while it is open.
                    for v in self.views() {
                        if ui.selectable_label(self.view == v, v.title()).clicked()
                            && self.view != v
                        {
                            commands.push(Command::Show(v));
                        }
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
                }

                // The right-hand group's width, as measured last frame: at
                // the right of this row if it fits, else on a row of its own.
                let id = egui::Id::unique(RIGHT_GROUP_WIDTH);
                let needed: Option<f32> = ui.ctx().data(|d| d.get_temp(id));
                let fits = needed.is_some_and(|w| ui.available_size_before_wrap().x >= w + 8.0);
                let width = if fits {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        self.right_group_ui(ui);
                        ui.min_rect().width()
                    })
                    .inner
                } else {
                    // On a row of its own, still from the right: the study's
                    // name, leftmost, is cut to the room left (on a phone's
                    // screen), never drawn past the edge.
                    ui.end_row();
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        self.right_group_ui(ui);
                        ui.min_rect().width()
                    })
                    .inner
                };
                ui.ctx().data_mut(|d| d.insert_temp(id, width));
            });
        });
    }

    /// The views shown as tabs (or listed in the view menu): the Loan card,
    /// a tool opened from the Study menu, only while it is open.
    fn views(&self) -> impl Iterator<Item = View> + '_ {
        View::ALL
            .into_iter()
            .filter(|v| *v != View::LoanCard || self.view == View::LoanCard)
    }

    /// On a phone's screen: the view shown, and the others in its menu.
    fn view_menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let mut chosen = self.view;
        // Tall enough for every view at a finger's height, none scrolled
        // out of sight.
        let height = (View::ALL.len() as f32 + 1.0)
            * (ui.spacing().interact_size.y + ui.spacing().item_spacing.y);
        egui::ComboBox::from_id_salt("view menu")
            .selected_text(egui::RichText::new(self.view.title()).strong())
            .height(height)
            .show_ui(ui, |ui| {
                for v in self.views() {
                    ui.selectable_value(&mut chosen, v, v.title());
                }
            })
            .response
            .on_hover_text("The view shown; the others in the list")
            .accessible_name("View");
        if chosen != self.view {
            commands.push(Command::Show(chosen));
        }
    }

    /// The study's name, the theme and the language of the members' pages,
    /// in that order from the left (a right-to-left layout takes them in
    /// the other order).
    fn right_group_ui(&mut self, ui: &mut egui::Ui) {
        #[derive(Clone, Copy)]
        enum Part {
            Name,
            Theme,
            Separator,
            Languages,
        }
        let rtl = ui.layout().main_dir() == egui::Direction::RightToLeft;
        let mut parts = [Part::Name, Part::Theme, Part::Separator, Part::Languages];
        let mut langs = Lang::ALL;
        if rtl {
            parts.reverse();
            langs.reverse();
        }
        for part in parts {
            match part {
                Part::Name => {
                    let title = if self.dirty {
                        format!("{} •", self.study.name)
                    } else {
                        self.study.name.clone()
                    };
                    let hover = format!("{} (• means unsaved changes)", self.window_title());
                    ui.scope(|ui| {
                        // At most 240 points, and never more than the room
                        // left (on a phone's screen, laid out from the right).
                        ui.set_max_width(240.0_f32.min(ui.available_width()));
                        ui.add(egui::Label::new(title).truncate())
                            .on_hover_text(hover);
                    });
                }
                Part::Theme => {
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
                }
                Part::Separator => {
                    ui.separator();
                }
                Part::Languages => {
                    // The members' language, each name in its own script.
                    for lang in langs {
                        let name = Tongue {
                            lang,
                            ..self.tongue()
                        }
                        .key("language", 14.0, false);
                        ui.selectable_value(&mut self.persisted.lang, lang, name)
                            .on_hover_text("The language of the repayment view and of the members' pages in the report")
                            .accessible_name(match lang {
                                Lang::En => "English",
                                Lang::Ur => "Urdu",
                            });
                    }
                }
            }
        }
    }

    /// The Study menu; `small`: on a phone's screen, the report first (its
    /// button has no room in the top bar).
    fn study_menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>, small: bool) {
        ui.menu_button("Study", |ui| {
            if small {
                if ui
                    .button("Export report (PDF)…")
                    .on_hover_text(
                        "The feasibility report for the board, with a page for each member",
                    )
                    .clicked()
                {
                    commands.push(Command::ExportReport);
                }
                ui.separator();
            }
            for (label, cmd) in [
                ("Open study…", Command::OpenStudy),
                ("Save study", Command::SaveStudy),
                ("Save study as…", Command::SaveStudyAs),
            ] {
                if ui.button(label).clicked() {
                    commands.push(cmd);
                }
            }
            ui.separator();
            for (label, cmd) in [
                ("Open matrix CSV…", Command::OpenMatrix),
                ("Save matrix CSV…", Command::SaveMatrix),
                ("Open plans CSV…", Command::OpenPlans),
                ("Save plans CSV…", Command::SavePlans),
            ] {
                if ui.button(label).clicked() {
                    commands.push(cmd);
                }
            }
            ui.separator();
            for (label, filled, hover) in [
                ("Print blank forms (PDF)…", false, "The MFI survey and the Micro Investment Plan, on paper, in the members' language"),
                ("Print forms with this study's answers (PDF)…", true, "Each MFI's survey and each member's plan filled with what the study holds; \"to ask\" marks what it lacks"),
            ] {
                if ui.button(label).on_hover_text(hover).clicked() {
                    commands.push(Command::ExportForms { filled });
                }
            }
            if ui
                .button("Print the picture cards' form (PDF)…")
                .on_hover_text("For members who cannot come to the meeting: the same cards, a box for her stones on each")
                .clicked()
            {
                commands.push(Command::ExportCards);
            }
            ui.separator();
            if ui
                .button("Loan card…")
                .on_hover_text("A loan card or repayment schedule from an MFI, typed or pasted, to its true cost, and against a product's quoted terms")
                .clicked()
            {
                commands.push(Command::Show(View::LoanCard));
            }
            ui.separator();
            if ui.button("Open members' priorities CSV…").clicked() {
                commands.push(Command::OpenPriorities);
            }
            // A file of no member's priorities could not be opened again.
            if ui
                .add_enabled(
                    !self.study.priorities.members.is_empty(),
                    egui::Button::new("Save members' priorities CSV…"),
                )
                .on_disabled_hover_text("No member has said what matters to her yet: nothing to save")
                .clicked()
            {
                commands.push(Command::SavePriorities);
            }
            ui.separator();
            if ui
                .button("New blank study")
                .on_hover_text("From the templates: one institution with every value to fill in, one example member")
                .clicked()
            {
                commands.push(Command::NewBlank);
            }
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
    }

    fn edit_menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.menu_button("Edit", |ui| {
            let undo = self.history.next_undo().map(str::to_string);
            let redo = self.history.next_redo().map(str::to_string);
            let keys = |m: egui::Modifiers| {
                ui.ctx()
                    .format_shortcut(&egui::KeyboardShortcut::new(m, egui::Key::Z))
            };
            let undo_keys = keys(egui::Modifiers::COMMAND);
            let redo_keys = keys(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT);
            let undo_text = match &undo {
                Some(l) => format!("Undo: {l}"),
                None => "Undo".into(),
            };
            if ui
                .add_enabled(
                    undo.is_some(),
                    egui::Button::new(undo_text).shortcut_text(undo_keys),
                )
                .clicked()
            {
                commands.push(Command::Undo);
            }
            let redo_text = match &redo {
                Some(l) => format!("Redo: {l}"),
                None => "Redo".into(),
            };
            if ui
                .add_enabled(
                    redo.is_some(),
                    egui::Button::new(redo_text).shortcut_text(redo_keys),
                )
                .clicked()
            {
                commands.push(Command::Redo);
            }
        });
    }

    /// The status bar: the problems of the last file, what just happened
    /// (with Undo after a removal), and work still running.
    pub(crate) fn status_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        // On a phone's screen, none while it has nothing to say: its row
        // would take a finger's height from the view.
        let quiet = self.errors.is_empty()
            && self.status.is_empty()
            && self.notice.is_none()
            && !self.report_pending()
            && !self.evaluation_pending()
            && !self.stability_pending();
        if quiet && crate::widgets::small_screen(ui.ctx()) {
            return;
        }
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
            ui.horizontal_wrapped(|ui| {
                let mut said = false;
                if let Some(n) = &self.notice {
                    if Instant::now() < n.until {
                        ui.strong(&n.text);
                        if ui.button("Undo").clicked() {
                            commands.push(Command::Undo);
                        }
                        said = n.text == self.status;
                    } else {
                        self.notice = None;
                    }
                }
                if !said {
                    ui.label(&self.status);
                }
                if self.report_pending() {
                    ui.spinner();
                } else if self.evaluation_pending() {
                    ui.spinner();
                    ui.label("updating the evaluation…");
                } else if self.stability_pending() {
                    ui.spinner();
                    ui.label(format!(
                        "computing the stability over the study's {} draws (the report's)…",
                        mfi_core::money::group_digits(&self.study.settings.draws.to_string())
                    ));
                }
            });
        });
    }

    /// The question waiting for an answer, if any.
    pub(crate) fn prompt_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        let mut close = false;
        egui::Window::new("Question")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| match &prompt {
                Prompt::UnsavedOnClose => {
                    ui.label("The study has unsaved changes.");
                    ui.horizontal_wrapped(|ui| {
                        if ui.button("Save and close").clicked() {
                            // The window closes only once the study is saved.
                            commands.push(Command::SaveAndClose);
                            close = true;
                        }
                        if ui.button("Close without saving").clicked() {
                            if let Some(r) = &self.recovery_path {
                                // The user chose to lose the changes.
                                crate::files::remove_recovery(r);
                            }
                            self.close_now = true;
                            close = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Prompt::Unsaved(cmd) => {
                    let what = match **cmd {
                        Command::NewBlank => "A new blank study",
                        Command::NewFromKasur => "The built-in Kasur study",
                        _ => "Another study",
                    };
                    ui.label(format!(
                        "The study has unsaved changes. {what} would replace it, and this cannot be undone."
                    ));
                    ui.horizontal_wrapped(|ui| {
                        if ui.button("Save first").clicked() {
                            // Then the command, once the study is saved.
                            self.after_save = Some((**cmd).clone());
                            commands.push(Command::SaveStudy);
                            close = true;
                        }
                        if ui.button("Discard the changes").clicked() {
                            self.discard_ok = true;
                            commands.push((**cmd).clone());
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
                            self.recover(path);
                            close = true;
                        }
                        if ui.button("Discard it").clicked() {
                            crate::files::remove_recovery(path);
                            close = true;
                        }
                    });
                }
                Prompt::Invalid(cmd) => {
                    let invalid = self.drafts.invalid();
                    ui.label(format!(
                        "{} field(s) hold text that could not be read. The study keeps their last confirmed values:",
                        invalid.len()
                    ));
                    egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                        egui::Grid::new("invalid fields").num_columns(2).show(ui, |ui| {
                            for (field, msg) in &invalid {
                                ui.label(format!("{}: {msg}", field.title(&self.study)));
                                if ui.button("Go back to it").clicked() {
                                    commands.push(Command::GoTo(field.clone()));
                                    close = true;
                                }
                                ui.end_row();
                            }
                        });
                    });
                    let without = match **cmd {
                        Command::ExportReport => "Export without them",
                        Command::SaveAndClose if !self.dirty => "Close without them",
                        _ => "Save without them",
                    };
                    ui.horizontal(|ui| {
                        if ui
                            .button(without)
                            .on_hover_text("Their last confirmed values are kept; what was typed stays in the fields")
                            .clicked()
                        {
                            match **cmd {
                                Command::ExportReport => self.ask(crate::Purpose::ExportReport),
                                Command::SaveAndClose if !self.dirty => self.close_now = true,
                                ref c => self.save(c),
                            }
                            close = true;
                        }
                        // Closing: the person may want neither what was typed
                        // nor the changes; the file is left as it was.
                        if matches!(**cmd, Command::SaveAndClose)
                            && self.dirty
                            && ui
                                .button("Close without saving")
                                .on_hover_text("Nothing is written: the study's file stays as it was last saved")
                                .clicked()
                        {
                            if let Some(r) = &self.recovery_path {
                                // The user chose to lose the changes.
                                crate::files::remove_recovery(r);
                            }
                            self.close_now = true;
                            close = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
            });
        if close && self.prompt.as_ref() == Some(&prompt) {
            self.prompt = None;
        }
    }
}
