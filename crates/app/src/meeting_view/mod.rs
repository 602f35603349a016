//! The meeting: on a projector, each member in turn puts 10 stones on
//! picture cards (one per criterion), by click or touch; then the next
//! member. An anonymous round keeps no names. The results show the CO's
//! weights beside the study's, how much the members agree, which MFI each
//! member's own priorities choose, and adopt the CO's weights in one click.
//! Then the CO votes on its partner MFI ([`crate::vote_view`]).

mod cards;
mod pairs;
mod results;

use crate::edit::Edit;
use crate::words::Tongue;
use crate::{Command, bold};
use mfi_core::data::plans::Plans;
use mfi_core::data::priorities::{COUNTERS, MemberPriorities, Priorities};
use mfi_core::data::study::StudyDoc;
use mfi_core::scoring::{Evaluation, N};
use mfi_core::voice::group::{Group, group};
use mfi_core::voice::pairwise::{Ranker, Swing};
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
pub(super) const STONE: egui::Color32 = egui::Color32::from_rgb(90, 70, 50);
pub(super) const CARD: egui::Color32 = egui::Color32::from_rgb(255, 250, 235);
pub(super) const CARD_ON: egui::Color32 = egui::Color32::from_rgb(255, 236, 170);

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
}
