//! The meeting's picture cards: one per criterion, with its picture and
//! words; each member in turn places 10 stones on them, by click or touch.

use super::{CARD, CARD_ON, MeetingView, STONE};
use crate::card_text::{card_font, card_lines};
use crate::words::Tongue;
use crate::{Command, bold};
use mfi_core::data::priorities::COUNTERS;
use mfi_core::data::study::StudyDoc;
use mfi_core::scoring::{Criterion, N};

impl MeetingView {
    /// The picture cards, and the stones she places on them.
    pub(super) fn cards_ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        t: Tongue,
        out: &mut Vec<Command>,
    ) {
        self.who_ui(ui, study);
        let placed: u32 = self.counters.iter().sum();
        let left = COUNTERS.saturating_sub(placed);
        // The stones still in her hand, drawn (smaller on a phone's screen,
        // so that the row and its count stay on it); then how many, the
        // number first read ("۱۰ پتھر باقی" from the right in Urdu).
        let step = ((ui.available_width() - 150.0) / COUNTERS as f32).clamp(16.0, 26.0);
        t.line(ui, |ui| {
            let (rect, _) = ui.allocate_exact_size(
                egui::vec2(step * COUNTERS as f32, step),
                egui::Sense::hover(),
            );
            // On the cards' colour, so that they show in the dark theme too.
            ui.painter().rect_filled(rect.expand(3.0), 8.0, CARD);
            let r = step * 10.0 / 26.0;
            for k in 0..COUNTERS {
                // Those in her hand first from the reading side.
                let at = if t.lang.rtl() { COUNTERS - 1 - k } else { k };
                let c = egui::pos2(rect.left() + step / 2.0 + step * at as f32, rect.center().y);
                if k < left {
                    ui.painter().circle_filled(c, r, STONE);
                } else {
                    ui.painter()
                        .circle_stroke(c, r, egui::Stroke::new(1.5, egui::Color32::GRAY));
                }
            }
            ui.label(t.number(&left.to_string(), 24.0, true));
            ui.label(t.key("meeting.left", 18.0, false));
        });
        ui.add_space(6.0);
        // The cards: four across when there is room, else two.
        let gap = 10.0;
        // Clear of the scroll bar.
        let width = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
        let across = if width >= 4.0 * 130.0 + 3.0 * gap {
            4
        } else {
            2
        };
        let rows = N.div_ceil(across) as f32;
        let card_w = ((width - gap * (across as f32 - 1.0)) / across as f32).min(300.0);
        // Both rows and the button under them on the screen when they fit:
        // what is left of the visible part of the view.
        let visible = ui.clip_rect().bottom() - ui.cursor().top();
        let room = (visible - 52.0 - gap * rows) / rows;
        // On a phone's screen they never all fit: each as high as its width
        // asks, so that its picture and words stay large (scrolled to).
        let card_h = if room < 118.0 && crate::widgets::small_screen(ui.ctx()) {
            (card_w * 0.8).clamp(118.0, 240.0)
        } else {
            room.min(card_w * 0.95).clamp(118.0, 240.0)
        };
        // One size of picture and of words for every card. Pictures first:
        // at least 48 points; the words smaller (down to 12 points) before
        // the picture gives way.
        let words_height = |font: &egui::FontId| {
            Criterion::ALL
                .iter()
                .map(|&c| {
                    card_lines(
                        ui,
                        mfi_core::icons::card_label(t.lang, c),
                        font,
                        card_w - 12.0,
                    )
                    .into_iter()
                    .map(|l| {
                        ui.painter()
                            .layout_no_wrap(l, font.clone(), egui::Color32::BLACK)
                            .size()
                            .y
                    })
                    .sum::<f32>()
                })
                .fold(0.0, f32::max)
        };
        let mut font = card_font(t, 1.0);
        for scale in [1.0, 0.9, 0.8, 0.7] {
            font = card_font(t, scale);
            if card_h - 16.0 - words_height(&font) - 20.0 >= 48.0 {
                break;
            }
        }
        let icon = (card_h - 16.0 - words_height(&font) - 20.0).clamp(28.0, card_w * 0.55);
        let mut order: Vec<Criterion> = Criterion::ALL.to_vec();
        for row in order.chunks_mut(across) {
            if t.lang.rtl() {
                row.reverse();
            }
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                if t.lang.rtl() {
                    ui.add_space(
                        (width - card_w * across as f32 - gap * (across as f32 - 1.0)).max(0.0),
                    );
                }
                for &c in row.iter() {
                    self.card(ui, c, egui::vec2(card_w, card_h), icon, &font, left, t);
                }
            });
            ui.add_space(gap);
        }
        ui.horizontal_wrapped(|ui| {
            let ready = left == 0;
            let who_ok = self.anonymous || self.who.is_some();
            let label = "Keep her stones, next member";
            let next = ui
                .add_enabled(
                    ready && who_ok,
                    egui::Button::new(bold(label, 18.0)).min_size(egui::vec2(200.0, 40.0)),
                )
                .on_disabled_hover_text(if ready {
                    "Choose who is at the cards, or make it an anonymous round".to_string()
                } else {
                    format!("Place all {COUNTERS} stones first")
                });
            if next.clicked() {
                let how = if self.anonymous {
                    "anonymous round"
                } else {
                    "at the meeting"
                };
                self.keep(study, self.counters, how, out);
            }
            if ui
                .add_enabled(placed > 0, egui::Button::new("Take all the stones back"))
                .clicked()
            {
                self.counters = [0; N];
            }
            if !ready {
                ui.label(format!(
                    "{} still to place",
                    mfi_core::i18n::count_en(left as usize, "stone")
                ));
            }
        });
    }

    /// One card: its picture, its words, the stones on it; a click or a
    /// touch adds a stone, the "-" takes one back.
    #[allow(clippy::too_many_arguments)]
    fn card(
        &mut self,
        ui: &mut egui::Ui,
        c: Criterion,
        size: egui::Vec2,
        icon: f32,
        font: &egui::FontId,
        left: u32,
        t: Tongue,
    ) {
        let n = self.counters[c];
        let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
        let words = mfi_core::icons::card_label(t.lang, c);
        resp.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                left > 0,
                format!("Add a stone: {}", c.label()),
            )
        });
        if resp.clicked() && left > 0 {
            self.counters[c] += 1;
        }
        if resp.secondary_clicked() && n > 0 {
            self.counters[c] = self.counters[c].saturating_sub(1);
        }
        let p = ui.painter_at(rect);
        let fill = if n > 0 { CARD_ON } else { CARD };
        let stroke = if resp.hovered() {
            egui::Stroke::new(3.0, egui::Color32::from_rgb(200, 140, 20))
        } else {
            egui::Stroke::new(1.5, egui::Color32::from_gray(150))
        };
        p.rect(rect, 10.0, fill, stroke, egui::StrokeKind::Inside);
        let ink = egui::Color32::from_gray(20);
        let lines: Vec<std::sync::Arc<egui::Galley>> = card_lines(ui, words, font, size.x - 12.0)
            .into_iter()
            .map(|line| ui.painter().layout_no_wrap(line, font.clone(), ink))
            .collect();
        let icon_rect = egui::Rect::from_center_size(
            egui::pos2(rect.center().x, rect.top() + 8.0 + icon / 2.0),
            egui::vec2(icon, icon),
        );
        crate::icons::paint_icon(&p, icon_rect, c);
        let mut text_bottom = icon_rect.bottom() + 4.0;
        for galley in lines {
            let h = galley.size().y;
            p.galley(
                egui::pos2(rect.center().x - galley.size().x / 2.0, text_bottom),
                galley,
                ink,
            );
            text_bottom += h;
        }
        // The stones on the card, in one row under its words (all ten fit).
        let step = ((size.x - 16.0) / COUNTERS as f32).min(17.0);
        let r = step / 2.0 - 1.0;
        let y = (text_bottom + 2.0 + r).min(rect.bottom() - r - 3.0);
        let shown = n.min(COUNTERS);
        for k in 0..shown {
            let x = rect.center().x + (k as f32 - (shown as f32 - 1.0) / 2.0) * step;
            p.circle_filled(egui::pos2(x, y), r, STONE);
        }
        if n > 0 {
            p.text(
                rect.left_top() + egui::vec2(10.0, 6.0),
                egui::Align2::LEFT_TOP,
                t.number_text(&n.to_string()),
                egui::FontId::new(26.0, egui::FontFamily::Name("bold".into())),
                STONE,
            );
            let minus = egui::Rect::from_min_size(
                rect.right_top() + egui::vec2(-44.0, 6.0),
                egui::vec2(38.0, 32.0),
            );
            // Drawn and sensed here rather than added to the layout, so
            // that the card beside it stays where it is.
            let b = ui.interact(minus, resp.id.with("minus"), egui::Sense::click());
            b.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Take a stone back: {}", c.label()),
                )
            });
            let look = ui.style().interact(&b);
            p.rect(
                minus,
                6.0,
                look.bg_fill,
                look.bg_stroke,
                egui::StrokeKind::Inside,
            );
            p.line_segment(
                [
                    minus.center() - egui::vec2(8.0, 0.0),
                    minus.center() + egui::vec2(8.0, 0.0),
                ],
                egui::Stroke::new(3.0, look.fg_stroke.color),
            );
            if b.clicked() {
                self.counters[c] = self.counters[c].saturating_sub(1);
            }
        }
    }
}
