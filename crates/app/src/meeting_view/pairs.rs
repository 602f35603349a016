//! The meeting's questions in pairs: the swing of one criterion against
//! another's, each a card with its picture and this study's numbers; her
//! answers rank the criteria, and the ranking becomes her weights.

use super::{CARD, MeetingView};
use crate::words::Tongue;
use crate::{Command, bold};
use mfi_core::data::study::StudyDoc;
use mfi_core::scoring::{Criterion, Evaluation};
use mfi_core::voice::pairwise::{self, Answer, Ranker, Swing};
use std::sync::Arc;

impl MeetingView {
    /// Questions in pairs: the swing of one criterion against another's,
    /// each a card with its picture and this study's numbers; her answers
    /// rank the criteria (binary insertion) and the ranking becomes weights
    /// (rank-order centroid), kept as counters out of 100.
    pub(super) fn pairs_ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        e: &Arc<Evaluation>,
        t: Tongue,
        out: &mut Vec<Command>,
    ) {
        self.who_ui(ui, study);
        // Answers to questions on numbers the study no longer has are not
        // hers: start again when a new evaluation changes the swings (read
        // once per evaluation, not per frame).
        let stale = match &self.pairs {
            Some((_, _, of)) if !Arc::ptr_eq(of, e) => Some(pairwise::swings(e)),
            _ => None,
        };
        if let Some(now) = stale {
            match &mut self.pairs {
                Some((_, s, of)) if *s == now => *of = e.clone(),
                _ => self.pairs = None,
            }
        }
        let (ranker, swings, _) = self.pairs.get_or_insert_with(|| {
            let swings = pairwise::swings(e);
            let criteria: Vec<Criterion> = swings.iter().map(|s| s.criterion).collect();
            (Ranker::new(&criteria), swings, e.clone())
        });
        if swings.len() < 2 {
            ui.label("The MFIs of this study differ on fewer than two criteria: there is nothing to ask in pairs. Use the cards.");
            return;
        }
        let max = Ranker::max_questions(swings.len());
        let mut answer = None;
        if let Some((a, b)) = ranker.question() {
            t.line(ui, |ui| {
                ui.label(t.words(pairwise::question_text(t.lang), 24.0, true));
            });
            ui.label(format!(
                "Question {} of at most {max}. Each card: this study's worst and best MFI on it.",
                ranker.asked() + 1
            ));
            let gap = 16.0;
            let width = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
            let card_w = ((width - 2.0 * gap - 40.0) / 2.0).min(320.0);
            let size = egui::vec2(card_w, (card_w * 0.7).clamp(150.0, 220.0));
            let swing = |c: Criterion| swings.iter().find(|s| s.criterion == c);
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                let sides = if t.lang.rtl() {
                    [(b, Answer::Second), (a, Answer::First)]
                } else {
                    [(a, Answer::First), (b, Answer::Second)]
                };
                for (k, (c, ans)) in sides.into_iter().enumerate() {
                    if k == 1 {
                        ui.label(t.key("meeting.or", 20.0, true));
                    }
                    if let Some(s) = swing(c)
                        && choice_card(ui, c, s, size, t)
                    {
                        answer = Some(ans);
                    }
                }
            });
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add(
                        egui::Button::new(t.words(pairwise::same_text(t.lang), 18.0, false))
                            .min_size(egui::vec2(160.0, 36.0)),
                    )
                    .accessible_name("The same to me")
                    .clicked()
                {
                    answer = Some(Answer::Same);
                }
                if ui
                    .add_enabled(ranker.asked() > 0, egui::Button::new("Back one question"))
                    .clicked()
                {
                    ranker.undo();
                }
            });
        } else {
            ui.label(bold("Her answers, most important first", 20.0));
            // The counters kept: her ranking's weights on the study's scales
            // (see `pairwise`), shown as they are kept.
            let counters = ranker.counters_on(swings, &study.weights.scales, 100);
            for (k, group) in ranker.ranks().iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(bold(format!("{}.", k + 1), 18.0));
                    for &c in group {
                        let (r, _) =
                            ui.allocate_exact_size(egui::vec2(34.0, 34.0), egui::Sense::hover());
                        crate::icons::paint_icon(ui.painter(), r, c);
                        let label = ui.label(format!("{} {} of 100", c.label(), counters[c]));
                        if let Some(s) = swings.iter().find(|s| s.criterion == c) {
                            label.on_hover_text(format!(
                                "This study's MFIs cover {} of its scale",
                                mfi_core::output::group::pct(s.part(&study.weights.scales[c]))
                            ));
                        }
                    }
                });
            }
            let left_out: Vec<&str> = Criterion::ALL
                .iter()
                .filter(|c| !swings.iter().any(|s| s.criterion == **c))
                .map(|c| c.label())
                .collect();
            if !left_out.is_empty() {
                ui.label(format!(
                    "Not asked (every MFI of this study is the same on it, so it weighs 0): {}",
                    left_out.join(", ")
                ));
            }
            // Why a criterion lower in her order can have more counters.
            let narrowest = swings
                .iter()
                .map(|s| (s.criterion, s.part(&study.weights.scales[s.criterion])))
                .filter(|(_, p)| *p > 0.0)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            ui.label(format!(
                "The counters weigh each criterion on the study's scales: a criterion on which the MFIs of this study differ little gets more counters for the same place in her order{}.",
                narrowest
                    .map(|(c, p)| format!(
                        " (the least: {}, {} of its scale)",
                        c.label(),
                        mfi_core::output::group::pct(p)
                    ))
                    .unwrap_or_default()
            ));
            let asked = ranker.asked();
            let who_ok = self.anonymous || self.who.is_some();
            let any = counters.iter().any(|&n| n > 0);
            ui.horizontal_wrapped(|ui| {
                if ui
                    .add_enabled(
                        who_ok && any,
                        egui::Button::new(bold("Keep her answers, next member", 18.0))
                            .min_size(egui::vec2(200.0, 40.0)),
                    )
                    .on_disabled_hover_text(if any {
                        "Choose who answered, or make it an anonymous round"
                    } else {
                        "Her answers weigh nothing on the study's scales"
                    })
                    .clicked()
                {
                    let note = format!(
                        "{asked} {} (rank-order centroid on the study's scales), out of 100",
                        mfi_core::data::priorities::BY_PAIRS
                    );
                    self.keep(study, counters, &note, out);
                    return;
                }
                if ui.button("Back one question").clicked()
                    && let Some((r, _, _)) = &mut self.pairs
                {
                    r.undo();
                }
            });
        }
        if let (Some(a), Some((r, _, _))) = (answer, &mut self.pairs) {
            r.answer(a);
        }
    }
}

/// One side of a question in pairs: the picture and what it would bring
/// her; true when chosen (a click or a touch).
fn choice_card(ui: &mut egui::Ui, c: Criterion, s: &Swing, size: egui::Vec2, t: Tongue) -> bool {
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Choose: {}", c.label()))
    });
    let p = ui.painter_at(rect);
    let stroke = if resp.hovered() {
        egui::Stroke::new(3.0, egui::Color32::from_rgb(200, 140, 20))
    } else {
        egui::Stroke::new(1.5, egui::Color32::from_gray(150))
    };
    p.rect(rect, 10.0, CARD, stroke, egui::StrokeKind::Inside);
    let icon = (size.y * 0.45).min(size.x * 0.4);
    let icon_rect = egui::Rect::from_center_size(
        egui::pos2(rect.center().x, rect.top() + 8.0 + icon / 2.0),
        egui::vec2(icon, icon),
    );
    crate::icons::paint_icon(&p, icon_rect, c);
    // The words under the picture, numbers as separate pieces so that
    // Urdu runs right to left and every number reads as written.
    let text = pairwise::swing_text(s, t.lang);
    let below = egui::Rect::from_min_max(
        egui::pos2(rect.left() + 8.0, icon_rect.bottom() + 6.0),
        egui::pos2(rect.right() - 8.0, rect.bottom() - 4.0),
    );
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(below)
            .layout(egui::Layout::top_down(egui::Align::Center)),
    );
    // Dark words on the light card, whatever the theme.
    child.visuals_mut().override_text_color = Some(egui::Color32::from_gray(20));
    if t.lang.rtl() {
        child.with_layout(
            egui::Layout::right_to_left(egui::Align::Min).with_main_wrap(true),
            |ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                // Word by word in reading order, numbers and brackets in
                // their places (see `Tongue::urdu_labels`).
                let all = t.urdu_labels(&text, 18.0);
                let n = all.len();
                for (k, (rich, joined)) in all.into_iter().enumerate() {
                    let space = ui.spacing().item_spacing.x;
                    if joined && k + 1 < n {
                        ui.spacing_mut().item_spacing.x = 0.0;
                    }
                    // Never broken inside: "39%" stays whole on its row.
                    ui.add(egui::Label::new(rich).selectable(false).extend());
                    ui.spacing_mut().item_spacing.x = space;
                }
            },
        );
    } else {
        child.add(
            egui::Label::new(t.words(&text, 18.0, false))
                .selectable(false)
                .wrap(),
        );
    }
    resp.clicked()
}
