//! Widgets the views share, and what changes on a phone.

use egui_extras::{Column, TableBuilder};
use mfi_core::output::Table;

/// Whether the window is a phone's, or as small (360 x 800 points upright,
/// 800 x 360 on its side): the top bar then lists the views in a menu
/// instead of tabs, and the repayment view puts its charts one under the
/// other.
pub fn small_screen(ctx: &egui::Context) -> bool {
    let r = ctx.content_rect();
    r.width() < 640.0 || r.height() < 480.0
}

/// Controls a finger can hit (a phone or a tablet, where the pointer is a
/// finger): every button, tab and list at least 40 points high (about as
/// high as Android's and Apple's guides ask), wider padding and spacing,
/// larger check boxes. The web app sets it when the browser says the
/// pointer is coarse.
pub fn touch_style(style: &mut egui::Style) {
    let s = &mut style.spacing;
    s.interact_size.y = 40.0;
    s.button_padding = egui::vec2(10.0, 6.0);
    s.item_spacing = egui::vec2(10.0, 8.0);
    s.icon_width = 22.0;
    s.icon_width_inner = 12.0;
    s.icon_spacing = 8.0;
    s.combo_width = s.combo_width.max(120.0);
}

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
