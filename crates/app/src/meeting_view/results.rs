//! What the members said at the meeting, combined: the CO's weights beside
//! the study's, how much the members agree (each member's share as a dot),
//! which MFI each member's own priorities choose, and the CO's weights
//! adopted in one click.

use super::MeetingView;
use crate::edit::Edit;
use crate::words::Tongue;
use crate::{Command, bold};
use mfi_core::data::priorities::Rule;
use mfi_core::data::study::StudyDoc;
use mfi_core::scoring::{Criterion, Evaluation};
use mfi_core::voice::group::{Group, adopt};
use std::sync::Arc;

impl MeetingView {
    /// What the members said, combined: the CO's weights beside the
    /// study's, how much they agree, and the weights adopted in one click.
    pub(super) fn results_ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        e: &Arc<Evaluation>,
        t: Tongue,
        out: &mut Vec<Command>,
    ) {
        let Some(g) = self.group(study, e) else {
            ui.label(bold("No member has said what matters to her yet.", 18.0));
            ui.label("Put the stones on the cards with each member in turn (the first tab), or open a priorities file (Study menu).");
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label("The CO's weight of a criterion is the");
            let mut rule = study.priorities.rule;
            ui.radio_value(&mut rule, Rule::Mean, "mean")
                .on_hover_text("The mean of the members' shares: every member counts the same.");
            ui.radio_value(&mut rule, Rule::Median, "median")
                .on_hover_text("The median share of each criterion, scaled to sum to 100%: one member with an extreme view moves it less.");
            ui.label("of the members' shares.");
            if rule != study.priorities.rule {
                let mut p = study.priorities.clone();
                p.rule = rule;
                out.push(Command::Edit(Edit::SetPriorities(
                    Box::new(p),
                    format!("Combined the members' priorities by the {}", rule.key()),
                )));
            }
        });
        if g.combined.median_fell_back {
            ui.label("Every median is 0 (no card has stones from half of the members): the mean is used.");
        }
        ui.add_space(4.0);
        let adopted = adopt(&study.weights, &g.combined);
        let in_use = study.weights.normalised() == adopted.normalised();
        egui::Grid::new("members said")
            .num_columns(5)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.strong("");
                ui.strong("Criterion");
                ui.strong("The members");
                ui.strong("The study now");
                ui.strong("Each member (a dot each)");
                ui.end_row();
                for c in Criterion::ALL {
                    let (r, _) =
                        ui.allocate_exact_size(egui::vec2(30.0, 30.0), egui::Sense::hover());
                    crate::icons::paint_icon(ui.painter(), r, c);
                    ui.label(c.label())
                        .on_hover_text(mfi_core::icons::card_label(t.lang, c));
                    ui.add(
                        egui::ProgressBar::new(g.combined.weights[c] as f32)
                            .text(mfi_core::output::group::pct(g.combined.weights[c]))
                            .desired_width(110.0),
                    );
                    ui.label(mfi_core::output::group::pct(g.staff[c]));
                    dots(ui, study, c, Group::agreement(g.combined.spread[c]));
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        ui.label(bold(g.sentence(), 18.0));
        if let Some(max) = g.first_by_member.first().map(|f| f.members) {
            egui::Grid::new("first by member").show(ui, |ui| {
                for f in &g.first_by_member {
                    ui.label(&f.mfi);
                    ui.add(
                        egui::ProgressBar::new(f.members as f32 / max.max(1) as f32)
                            .text(format!(
                                "{} member{}",
                                f.members,
                                if f.members == 1 { "" } else { "s" }
                            ))
                            .desired_width(220.0),
                    );
                    ui.end_row();
                }
            });
        }
        ui.add_space(6.0);
        if in_use {
            ui.label(bold("The study uses the members' weights.", 16.0));
        } else if ui
            .button(bold("Use the members' weights for the study", 16.0))
            .on_hover_text("The study's weights become the members' (the scales stay); undo brings the old ones back.")
            .clicked()
        {
            out.push(Command::Edit(Edit::AdoptWeights(Box::new(adopted))));
        }
        for w in mfi_core::data::priorities::unknown_members(&study.priorities, &study.plans) {
            ui.colored_label(egui::Color32::from_rgb(170, 90, 0), w);
        }
        ui.separator();
        ui.strong("Each member's stones");
        egui::Grid::new("each member").striped(true).show(ui, |ui| {
            let mut anon = 0;
            for (k, m) in study.priorities.members.iter().enumerate() {
                let name = if m.anonymous() {
                    anon += 1;
                    format!("Anonymous member {anon}")
                } else {
                    m.member.clone()
                };
                ui.label(&name);
                let parts: Vec<String> = Criterion::ALL
                    .iter()
                    .filter(|c| m.counters[**c] > 0)
                    .map(|c| format!("{} {}", c.label(), m.counters[*c]))
                    .collect();
                ui.label(parts.join(", "));
                ui.label(match g.each.get(k).cloned().flatten() {
                    Some(mfi) => format!("her own priorities choose {mfi}"),
                    None => "no MFI serves anyone under hers".into(),
                });
                if ui
                    .small_button("Remove")
                    .accessible_name(format!("Remove the stones of {name}"))
                    .clicked()
                {
                    let mut p = study.priorities.clone();
                    p.members.remove(k);
                    out.push(Command::Edit(Edit::SetPriorities(
                        Box::new(p),
                        format!("Removed the stones of {name}"),
                    )));
                }
                ui.end_row();
            }
        });
    }
}

/// Each member's share of a criterion as a dot on a line from 0 to 100%:
/// close together when they agree.
fn dots(ui: &mut egui::Ui, study: &StudyDoc, c: Criterion, agreement: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(180.0, 18.0), egui::Sense::hover());
        let p = ui.painter();
        p.line_segment(
            [rect.left_center(), rect.right_center()],
            egui::Stroke::new(1.0, egui::Color32::GRAY),
        );
        // The text's colour, half transparent: where dots pile up, darker.
        let ink = ui.visuals().strong_text_color();
        let dot = egui::Color32::from_rgba_unmultiplied(ink.r(), ink.g(), ink.b(), 120);
        for m in &study.priorities.members {
            let x = rect.left() + rect.width() * m.shares()[c] as f32;
            p.circle_filled(egui::pos2(x, rect.center().y), 4.5, dot);
        }
        ui.label(agreement);
    });
}
