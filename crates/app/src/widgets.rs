//! Widgets the views share.

use egui_extras::{Column, TableBuilder};
use mfi_core::output::Table;

/// Scrolls `add` sideways when it is wider than the window, with a bar
/// that stays in sight (egui's usual bar appears only under the mouse, and
/// at 1024 px nothing said that the last columns were out of view).
pub fn sideways<R>(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    ui.scope(|ui| {
        // egui lifts a bar into sight when its area is below the window's
        // edge: only an area that begins in sight shows its bar at rest.
        if ui.cursor().top() < ui.clip_rect().bottom() {
            ui.spacing_mut().scroll = egui::style::ScrollStyle::thin();
        }
        egui::ScrollArea::horizontal()
            .id_salt(id)
            .show(ui, add)
            .inner
    })
    .inner
}

/// A table of the core's output (the same table the command line prints
/// and the report draws): a header, striped rows, numbers right-aligned,
/// scrolling sideways when the window is narrow.
pub fn table_ui(ui: &mut egui::Ui, id: &str, t: &Table) {
    sideways(ui, (id, "scroll"), |ui| {
        let mut builder = TableBuilder::new(ui).id_salt(id).striped(true);
        for (i, numeric) in t.numeric.iter().enumerate() {
            // Text columns get room for a name; numbers take what they need.
            let width = if *numeric { 50.0 } else { 220.0 };
            builder = builder.column(Column::auto().at_least(width).clip(i > 0 && !numeric));
        }
        builder
            .header(20.0, |mut h| {
                for (title, numeric) in t.header.iter().zip(&t.numeric) {
                    h.col(|ui| {
                        if *numeric {
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| ui.strong(title),
                            );
                        } else {
                            ui.strong(title);
                        }
                    });
                }
            })
            .body(|mut body| {
                for row in &t.rows {
                    body.row(20.0, |mut r| {
                        for (cell, numeric) in row.iter().zip(&t.numeric) {
                            r.col(|ui| {
                                if *numeric {
                                    ui.with_layout(
                                        egui::Layout::right_to_left(egui::Align::Center),
                                        |ui| ui.label(cell),
                                    );
                                } else {
                                    ui.add(egui::Label::new(cell).truncate());
                                }
                            });
                        }
                    });
                }
            });
        for f in &t.footnotes {
            ui.small(f);
        }
    });
}
