//! The meeting: on a projector, each member in turn puts 10 stones on
//! picture cards (one per criterion), by click or touch; then the next
//! member. An anonymous round keeps no names. The results show the CO's
//! weights beside the study's, how much the members agree, which MFI each
//! member's own priorities choose, and adopt the CO's weights in one click.
//! Then the CO votes on its partner MFI ([`crate::vote_view`]).

use crate::card_text::{card_font, card_lines};
use crate::edit::Edit;
use crate::words::Tongue;
use crate::{Command, bold};
use mfi_core::data::plans::Plans;
use mfi_core::data::priorities::{COUNTERS, MemberPriorities, Priorities, Rule};
use mfi_core::data::study::StudyDoc;
use mfi_core::scoring::{Criterion, Evaluation, N};
use mfi_core::voice::group::{Group, adopt, group};
use mfi_core::voice::pairwise::{self, Answer, Ranker, Swing};
use std::sync::Arc;

/// What is shown: the cards, the questions in pairs, or the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Stones on picture cards.
    #[default]
    Cards,
    /// Questions in pairs: one swing against another.
    Pairs,
    /// What the members said, combined.
    Results,
    /// The CO's vote on its partner MFI, after the meeting.
    Vote,
}

/// The meeting's state while it runs (what the members said is in the
/// study; this is who is at the cards and what she has placed so far).
#[derive(Default)]
pub struct MeetingView {
    /// What is shown.
    pub tab: Tab,
    /// An anonymous round: no names kept.
    pub anonymous: bool,
    /// The member at the cards (an index into the plans), in a named round.
    pub who: Option<usize>,
    /// The stones she has placed so far.
    pub counters: [u32; N],
    /// Her answers to the questions in pairs so far, and the swings asked
    /// about (this study's worst and best MFI on each criterion).
    pairs: Option<(Ranker, Vec<Swing>, Arc<Evaluation>)>,
    /// The CO's vote (who is voting, what is typed).
    pub vote: crate::vote_view::VoteView,
    /// The group as last computed, for the evaluation and priorities it was
    /// computed from.
    cache: Option<(Arc<Evaluation>, Priorities, Option<Arc<Group>>)>,
}

/// Stone colours: dark, so that they show on a projector.
const STONE: egui::Color32 = egui::Color32::from_rgb(90, 70, 50);
const CARD: egui::Color32 = egui::Color32::from_rgb(255, 250, 235);
const CARD_ON: egui::Color32 = egui::Color32::from_rgb(255, 236, 170);

impl MeetingView {
    /// The group of the study's priorities under its evaluation, computed
    /// once per change (the report and `score` compute it the same way).
    pub fn group(&mut self, study: &StudyDoc, e: &Arc<Evaluation>) -> Option<Arc<Group>> {
        if let Some((ce, cp, g)) = &self.cache
            && Arc::ptr_eq(ce, e)
            && *cp == study.priorities
        {
            return g.clone();
        }
        let g = group(e, &study.priorities, &study.weights, &study.settings).map(Arc::new);
        self.cache = Some((e.clone(), study.priorities.clone(), g.clone()));
        g
    }

    /// The first member of the plans without priorities, from `from` on.
    fn next_without(plans: &Plans, said: &Priorities, from: usize) -> Option<usize> {
        let has = |k: usize| {
            let name = mfi_core::data::names::key(&plans.members[k].member);
            said.members
                .iter()
                .any(|m| mfi_core::data::names::key(&m.member) == name)
        };
        let n = plans.members.len();
        (0..n).map(|i| (from + i) % n).find(|&k| !has(k))
    }

    /// Shows the view.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        e: &Arc<Evaluation>,
        t: Tongue,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        ui.horizontal_wrapped(|ui| {
            for (tab, name) in [
                (Tab::Cards, "Stones on the cards".to_string()),
                (Tab::Pairs, "Questions in pairs".to_string()),
                (
                    Tab::Results,
                    format!("What the members said ({})", study.priorities.members.len()),
                ),
                (Tab::Vote, format!("Vote ({})", study.votes.members.len())),
            ] {
                if ui
                    .selectable_label(self.tab == tab, bold(name, 16.0))
                    .clicked()
                {
                    self.tab = tab;
                }
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("meeting")
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                Tab::Cards => self.cards_ui(ui, study, t, &mut out),
                Tab::Pairs => self.pairs_ui(ui, study, e, t, &mut out),
                Tab::Results => self.results_ui(ui, study, e, t, &mut out),
                Tab::Vote => self.vote.ui(ui, study, e, &mut out),
            });
        out
    }

    /// Keeps what the member at the cards said (replacing what she said
    /// before), and offers the next member.
    fn keep(&mut self, study: &StudyDoc, counters: [u32; N], note: &str, out: &mut Vec<Command>) {
        let mut p = study.priorities.clone();
        let member = match (self.anonymous, self.who) {
            (false, Some(k)) => study.plans.members[k].member.clone(),
            _ => String::new(),
        };
        let row = MemberPriorities {
            member: member.clone(),
            counters,
            note: note.into(),
        };
        let label = if member.is_empty() {
            "Kept an anonymous member's priorities".to_string()
        } else {
            format!("Kept {member}'s priorities")
        };
        match p
            .members
            .iter_mut()
            .find(|m| !member.is_empty() && m.member.trim().eq_ignore_ascii_case(member.trim()))
        {
            Some(old) => *old = row,
            None => p.members.push(row),
        }
        self.counters = [0; N];
        self.pairs = None;
        if !self.anonymous {
            self.who = self
                .who
                .and_then(|k| Self::next_without(&study.plans, &p, k + 1));
        }
        out.push(Command::Edit(Edit::SetPriorities(Box::new(p), label)));
    }

    /// Who is answering: a member of the plans, or the next voice of an
    /// anonymous round.
    fn who_ui(&mut self, ui: &mut egui::Ui, study: &StudyDoc) {
        if !self.anonymous && self.who.is_none() {
            self.who = Self::next_without(&study.plans, &study.priorities, 0);
        }
        if self.who.is_some_and(|k| k >= study.plans.members.len()) {
            self.who = Self::next_without(&study.plans, &study.priorities, 0);
        }
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.anonymous, "Anonymous round (no names kept)")
                .on_hover_text("Each member's stones are kept without her name: for a round where members would rather not be named.");
            if self.anonymous {
                let n = study.priorities.members.iter().filter(|m| m.anonymous()).count();
                ui.label(bold(format!("Member {} of the round", n + 1), 18.0));
            } else {
                ui.label("Who is at the cards:");
                let name = |k: usize| {
                    let m = &study.plans.members[k];
                    let done = study
                        .priorities
                        .members
                        .iter()
                        .any(|p| p.member.trim().eq_ignore_ascii_case(m.member.trim()));
                    format!("{}{}", m.member, if done { " (done)" } else { "" })
                };
                let shown = self.who.map(name).unwrap_or_else(|| "everyone has said".into());
                let mut who = self.who;
                egui::ComboBox::from_id_salt("meeting member")
                    .selected_text(bold(shown, 18.0))
                    .height(400.0)
                    .show_ui(ui, |ui| {
                        for k in 0..study.plans.members.len() {
                            ui.selectable_value(&mut who, Some(k), name(k));
                        }
                    })
                    .response
                    .accessible_name("Who is at the cards");
                if who != self.who {
                    self.who = who;
                    self.counters = [0; N];
                    self.pairs = None;
                    // Her stones as she left them, to change them.
                    if let Some(k) = who
                        && let Some(p) = study.priorities.members.iter().find(|p| {
                            p.member.trim().eq_ignore_ascii_case(study.plans.members[k].member.trim())
                        })
                        && p.total() == COUNTERS
                    {
                        self.counters = p.counters;
                    }
                }
            }
        });
    }

    fn cards_ui(&mut self, ui: &mut egui::Ui, study: &StudyDoc, t: Tongue, out: &mut Vec<Command>) {
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

    /// Questions in pairs: the swing of one criterion against another's,
    /// each a card with its picture and this study's numbers; her answers
    /// rank the criteria (binary insertion) and the ranking becomes weights
    /// (rank-order centroid), kept as counters out of 100.
    fn pairs_ui(
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

    fn results_ui(
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
