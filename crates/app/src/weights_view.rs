//! Weights: one slider per criterion (moving one rescales the others in
//! proportion, so they always sum to 100%), presets, the scales, and on each
//! slider the interval within which the MFI first by CO score stays first.

use crate::edit::Edit;
use crate::{Command, bold};
use mfi_core::data::criteria;
use mfi_core::scoring::stability::{Stability, with_weight};
use mfi_core::scoring::{Criterion, Evaluation, Weights};

/// Shows the view, scrolling both ways in a small window; returns the new
/// weights when they changed.
pub fn ui(
    ui: &mut egui::Ui,
    weights: &Weights,
    st: Option<&Stability>,
    e: &Evaluation,
) -> Vec<Command> {
    egui::ScrollArea::both()
        .id_salt("weights")
        .auto_shrink([false, false])
        .show(ui, |ui| body(ui, weights, st, e))
        .inner
}

fn body(
    ui: &mut egui::Ui,
    weights: &Weights,
    st: Option<&Stability>,
    e: &Evaluation,
) -> Vec<Command> {
    let mut w = weights.clone();
    let w = &mut w;
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        ui.label("Presets:");
        for (name, _) in criteria::PRESETS {
            if ui.button(*name).clicked()
                && let Some(p) = criteria::preset(name)
            {
                *w = p;
                changed = true;
            }
        }
        ui.label(format!("(now: {})", w.name));
    });
    // First by CO score is not a recommendation: the study's verdict (from
    // the draws, as on Compare) says how sure it is, beside it.
    if let Some(r) = e.recommended() {
        ui.label(bold(
            format!("First by CO score now: {} (CO score {:.1})", r.mfi, r.score),
            20.0,
        ));
        if let Some(v) = st.and_then(|st| mfi_core::scoring::verdict::verdict(e, st)) {
            ui.label(format!("The study's verdict: {}", v.heading));
        }
    }
    ui.horizontal(|ui| {
        ui.label("The line under each slider:");
        ui.colored_label(
            egui::Color32::from_rgb(40, 160, 70),
            "green where it stays first,",
        );
        ui.colored_label(
            egui::Color32::from_rgb(200, 60, 60),
            "red where another MFI comes first.",
        );
    });
    ui.separator();
    let normalised = w.normalised();
    ui.spacing_mut().slider_width = 320.0;
    let track = ui.spacing().slider_width;
    egui::Grid::new("weights")
        .num_columns(3)
        .spacing([16.0, 14.0])
        .show(ui, |ui| {
            for (c, crit) in Criterion::ALL.iter().enumerate() {
                ui.label(bold(crit.label(), 16.0))
                    .on_hover_text(crit.measure());
                let mut pct = normalised[c] * 100.0;
                let resp = ui
                    .horizontal(|ui| {
                        let r = ui
                            .add(egui::Slider::new(&mut pct, 0.0..=100.0).show_value(false))
                            .accessible_name(format!("Weight of {}", crit.label()));
                        ui.label(format!("{pct:.0}%"));
                        r
                    })
                    .inner;
                if let Some(iv) = st.and_then(|s| s.intervals.get(c)) {
                    let rect = resp.rect;
                    let painter = ui.painter();
                    let y = rect.bottom() + 2.0;
                    let x = |t: f64| rect.left() + track * t as f32;
                    painter.line_segment(
                        [egui::pos2(x(0.0), y), egui::pos2(x(1.0), y)],
                        egui::Stroke::new(4.0, egui::Color32::from_rgb(200, 60, 60)),
                    );
                    painter.line_segment(
                        [egui::pos2(x(iv.low), y), egui::pos2(x(iv.high), y)],
                        egui::Stroke::new(4.0, egui::Color32::from_rgb(40, 160, 70)),
                    );
                }
                // A slider may report a change when it only re-rounds its value;
                // only a real move counts.
                if resp.changed() && (pct - normalised[c] * 100.0).abs() > 0.01 {
                    w.raw = with_weight(&normalised, c, pct / 100.0).map(|x| x * 100.0);
                    w.name = "custom".into();
                    changed = true;
                }
                let note = st
                    .and_then(|s| s.intervals.get(c))
                    .map(|iv| iv.sentence.clone())
                    .unwrap_or_default();
                ui.label(note);
                ui.end_row();
            }
        });
    if let Some(st) = st {
        ui.separator();
        ui.label(bold(
            "How often each MFI comes first when the weights or the facts are uncertain",
            16.0,
        ));
        ui.label(&st.sentence);
        // What is not known first; the weights alone last, said to leave
        // the unknown facts as the study assumes them.
        let mut kinds = Vec::new();
        if let (Some(d), Some(b)) = (&st.data_only, &st.both) {
            kinds.push(("The unknown facts and the weights drawn", b));
            kinds.push(("The unknown facts drawn", d));
        }
        kinds.push((
            "The weights alone drawn (the unknown facts as the study assumes them)",
            &st.weights_only,
        ));
        for (k, (title, draws)) in kinds.into_iter().enumerate() {
            ui.strong(title);
            if draws.none_share > 0.0 {
                ui.label(format!(
                    "No MFI serves any member in {} of these draws.",
                    mfi_core::output::score::share_percent(draws.none_share)
                ));
            }
            // A grid, so that the bars line up whatever the names' widths.
            egui::Grid::new(("first shares", k)).show(ui, |ui| {
                for a in draws.acceptability.iter().filter(|a| a.first_share > 0.0) {
                    ui.label(&a.mfi);
                    ui.add(
                        egui::ProgressBar::new(a.first_share as f32)
                            .text(mfi_core::output::score::share_percent(a.first_share))
                            .desired_width(300.0),
                    );
                    ui.end_row();
                }
            });
        }
    }
    ui.separator();
    egui::CollapsingHeader::new("Scales (what scores 0 and what scores 100)").show(ui, |ui| {
        egui::Grid::new("scales").num_columns(3).show(ui, |ui| {
            ui.strong("Criterion");
            ui.strong("Worst (0)");
            ui.strong("Best (100)");
            ui.end_row();
            for (c, crit) in Criterion::ALL.iter().enumerate() {
                ui.label(crit.label()).on_hover_text(crit.measure());
                let s = &mut w.scales[c];
                let before = *s;
                ui.add(egui::DragValue::new(&mut s.worst).speed(0.5))
                    .accessible_name(format!("Worst of {}", crit.label()));
                ui.add(egui::DragValue::new(&mut s.best).speed(0.5))
                    .accessible_name(format!("Best of {}", crit.label()));
                if s.worst == s.best {
                    *s = before;
                }
                if *s != before {
                    changed = true;
                    w.name = "custom".into();
                }
                ui.end_row();
            }
        });
    });
    if changed && *w != *weights {
        vec![Command::Edit(Edit::SetWeights(Box::new(w.clone())))]
    } else {
        Vec::new()
    }
}
