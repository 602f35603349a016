//! The CO's vote, the last tab of the meeting: after the members have said
//! what matters and seen the results, each member in turn votes for an
//! MFI, abstains or is absent (one click on a large button), or the hands
//! are counted without names. The count, the rule and whether the choice
//! is carried stay in view; the resolution is printed from here.

use crate::edit::Edit;
use crate::{Command, bold};
use mfi_core::data::names;
use mfi_core::data::study::StudyDoc;
use mfi_core::data::votes::{self, Choice, Votes};
use mfi_core::date::Date;
use mfi_core::i18n::capitalised;
use mfi_core::scoring::Evaluation;
use mfi_core::voice::tally::{Tally, tally};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Who is voting, and what is being typed in the date and place fields.
#[derive(Default)]
pub struct VoteView {
    /// A count by show of hands: no names kept.
    pub anonymous: bool,
    /// The member voting (an index into the plans), in a named vote.
    pub who: Option<usize>,
    /// The meeting's date as typed, until it is read.
    date_text: Option<String>,
    /// Why the date typed could not be read.
    date_error: Option<String>,
    /// The meeting's place as typed, until it is read.
    place_text: Option<String>,
}

/// Colours of the result: carried, not carried.
const CARRIED: egui::Color32 = egui::Color32::from_rgb(20, 120, 40);
const NOT_CARRIED: egui::Color32 = egui::Color32::from_rgb(180, 60, 20);

/// The options of the vote: the study's MFIs, the one the CO ranking puts
/// first first, then the others in the ranking's order, then any not
/// ranked.
pub fn options(study: &StudyDoc, e: &Evaluation) -> Vec<String> {
    let all = mfi_core::report::resolution::vote_options(study);
    let mut out: Vec<String> = e
        .ranking
        .iter()
        .map(|r| r.mfi.clone())
        .filter(|m| all.iter().any(|a| names::same(a, m)))
        .collect();
    for a in all {
        if !out.iter().any(|o| names::same(o, &a)) {
            out.push(a);
        }
    }
    out
}

impl VoteView {
    /// The first member of the plans without a vote in `v`, from `from` on.
    fn next_without(study: &StudyDoc, v: &Votes, from: usize) -> Option<usize> {
        let n = study.plans.members.len();
        (0..n)
            .map(|i| (from + i) % n)
            .find(|&k| v.of(&study.plans.members[k].member).is_none())
    }

    /// Records a vote (the member's, replacing what she had; or one more
    /// hand counted), with today's date and the CO's village when the
    /// meeting has none yet; then the next member without a vote.
    fn record(&mut self, study: &StudyDoc, choice: Choice, out: &mut Vec<Command>) {
        let mut v = study.votes.clone();
        let member = match (self.anonymous, self.who) {
            (false, Some(k)) => match study.plans.members.get(k) {
                Some(m) => m.member.clone(),
                None => return,
            },
            (false, None) => return,
            (true, _) => String::new(),
        };
        let what = match &choice {
            Choice::For(m) => format!("for {m}"),
            Choice::Abstain => "to abstain".into(),
            Choice::Absent => "as absent".into(),
        };
        let label = if member.is_empty() {
            format!("Counted a vote {what}")
        } else {
            format!("Recorded {member}'s vote {what}")
        };
        v.set(&member, choice);
        if v.date.is_none() {
            v.date = Some(Date::today());
        }
        if v.place.trim().is_empty() {
            v.place = villages(study);
        }
        if !self.anonymous
            && let Some(k) = self.who
        {
            self.who = Self::next_without(study, &v, k + 1);
        }
        out.push(Command::Edit(Edit::SetVotes(Box::new(v), label)));
    }

    /// Takes one anonymous vote for `choice` back.
    fn take_back(study: &StudyDoc, choice: &Choice, out: &mut Vec<Command>) {
        let mut v = study.votes.clone();
        if let Some(k) = v
            .members
            .iter()
            .rposition(|m| m.anonymous() && same_choice(&m.choice, choice))
        {
            v.members.remove(k);
            out.push(Command::Edit(Edit::SetVotes(
                Box::new(v),
                format!("Took back a vote {}", choice_words(choice)),
            )));
        }
    }

    /// Shows the vote.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        e: &Evaluation,
        out: &mut Vec<Command>,
    ) {
        let options = options(study, e);
        let t = tally(&study.votes, &study.plans, study.settings.vote_rule());
        ui.label(bold("The CO's vote on its partner MFI", 20.0));
        self.rule_ui(ui, study, out);
        self.meeting_ui(ui, study, out);
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let mut anonymous = self.anonymous;
            ui.checkbox(&mut anonymous, "Count by show of hands (no names kept)")
                .on_hover_text(
                    "Each click counts one hand for the option; absent: the members not counted.",
                );
            if anonymous != self.anonymous {
                self.anonymous = anonymous;
            }
            if !self.anonymous {
                self.who_ui(ui, study);
            }
        });
        ui.add_space(4.0);
        // One large button per option: a click records the vote.
        let mut choices: Vec<Choice> = options.iter().map(|o| Choice::For(o.clone())).collect();
        choices.push(Choice::Abstain);
        if !self.anonymous {
            choices.push(Choice::Absent);
        }
        let who_ok = self.anonymous || self.who.is_some();
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(10.0, 10.0);
            for c in &choices {
                let n = count_of(&study.votes, c);
                let text = format!("{}  ({n})", button_words(c));
                let resp = ui
                    .add_enabled(
                        who_ok,
                        egui::Button::new(bold(text, 18.0)).min_size(egui::vec2(150.0, 48.0)),
                    )
                    .accessible_name(format!("Vote: {}", button_words(c)))
                    .on_disabled_hover_text("Choose who is voting, or count by show of hands");
                if resp.clicked() {
                    self.record(study, c.clone(), out);
                }
                if self.anonymous
                    && n > 0
                    && ui
                        .small_button("−1")
                        .accessible_name(format!("Take back a vote: {}", button_words(c)))
                        .clicked()
                {
                    Self::take_back(study, c, out);
                }
            }
        });
        ui.add_space(8.0);
        result_ui(ui, &t);
        for w in votes::warnings(&study.votes, &study.plans, &options) {
            ui.colored_label(egui::Color32::from_rgb(170, 90, 0), w);
        }
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Print the resolution (PDF)…")
                .on_hover_text("The resolution of the CO: date, place, members present, the votes, the rule, carried or not, the dissent, lines to sign; in English and in the members' language")
                .clicked()
            {
                out.push(Command::ExportResolution);
            }
            if ui.button("Open a votes file (CSV)…").clicked() {
                out.push(Command::OpenVotes);
            }
            if ui
                .add_enabled(!study.votes.is_empty(), egui::Button::new("Save the votes (CSV)…"))
                .on_disabled_hover_text("No vote has been recorded yet: nothing to save")
                .clicked()
            {
                out.push(Command::SaveVotes);
            }
            if ui
                .add_enabled(!study.votes.is_empty(), egui::Button::new("Clear the vote"))
                .on_hover_text("Every vote recorded is removed (undo brings them back)")
                .clicked()
            {
                let v = Votes {
                    members: Vec::new(),
                    ..study.votes.clone()
                };
                out.push(Command::Edit(Edit::SetVotes(
                    Box::new(v),
                    "Cleared the vote".into(),
                )));
            }
        });
        if !self.anonymous && !study.votes.is_empty() {
            ui.separator();
            self.list_ui(ui, study, out);
        }
    }

    /// The rule, a study setting, with its two numbers to change.
    fn rule_ui(&mut self, ui: &mut egui::Ui, study: &StudyDoc, out: &mut Vec<Command>) {
        let rule = study.settings.vote_rule();
        let mut carried = rule.carried_percent.round().to_u32().unwrap_or(70);
        let mut quorum = rule.quorum_percent.round().to_u32().unwrap_or(50);
        ui.horizontal_wrapped(|ui| {
            ui.label("Carried when at least");
            ui.add(egui::DragValue::new(&mut carried).range(50..=100).suffix("%"))
                .accessible_name("Share of the members present who must vote for it")
                .on_hover_text("The CO's rule (the seeds: decisions by at least 70% of members). From 50% to 100%.");
            ui.label("of the members present vote for it, with more than");
            ui.add(egui::DragValue::new(&mut quorum).range(0..=99).suffix("%"))
                .accessible_name("Share of the CO's members who must be present")
                .on_hover_text("50%: more than half of the members must be present.");
            ui.label("of the CO's members present; an abstention counts as present and not in favour.");
        });
        let (c, q) = (Decimal::from(carried), Decimal::from(quorum));
        if c != rule.carried_percent.round() || q != rule.quorum_percent.round() {
            out.push(Command::Edit(Edit::SetVoteRule(c, q)));
        }
    }

    /// The meeting's date and place, typed; read when the field is left.
    fn meeting_ui(&mut self, ui: &mut egui::Ui, study: &StudyDoc, out: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Date of the meeting");
            let mut date = self
                .date_text
                .clone()
                .unwrap_or_else(|| study.votes.date.map(|d| d.to_string()).unwrap_or_default());
            let color = self
                .date_error
                .as_ref()
                .map(|_| ui.visuals().error_fg_color);
            let resp = ui
                .add(
                    egui::TextEdit::singleline(&mut date)
                        .desired_width(100.0)
                        .hint_text("2026-11-22")
                        .text_color_opt(color),
                )
                .accessible_name("Date of the meeting");
            if resp.changed() {
                self.date_text = Some(date.clone());
            }
            if resp.lost_focus()
                && let Some(text) = self.date_text.take()
            {
                let parsed = if text.trim().is_empty() {
                    Ok(None)
                } else {
                    Date::parse(&text).map(Some).ok_or_else(|| {
                        format!("expected a date like 2026-11-22, found \"{}\"", text.trim())
                    })
                };
                match parsed {
                    Ok(d) => {
                        self.date_error = None;
                        if d != study.votes.date {
                            let v = Votes {
                                date: d,
                                ..study.votes.clone()
                            };
                            out.push(Command::Edit(Edit::SetVotes(
                                Box::new(v),
                                "Changed the date of the vote".into(),
                            )));
                        }
                    }
                    Err(msg) => {
                        self.date_error = Some(msg);
                        self.date_text = Some(text);
                    }
                }
            }
            ui.label("Place");
            let mut place = self
                .place_text
                .clone()
                .unwrap_or_else(|| study.votes.place.clone());
            let resp = ui
                .add(
                    egui::TextEdit::singleline(&mut place)
                        .desired_width(180.0)
                        .char_limit(mfi_core::data::limits::MAX_STUDY_NAME_CHARS)
                        .hint_text(villages(study)),
                )
                .accessible_name("Place of the meeting");
            if resp.changed() {
                self.place_text = Some(place.clone());
            }
            if resp.lost_focus()
                && let Some(text) = self.place_text.take()
                && text.trim() != study.votes.place
            {
                let v = Votes {
                    place: text.trim().to_string(),
                    ..study.votes.clone()
                };
                out.push(Command::Edit(Edit::SetVotes(
                    Box::new(v),
                    "Changed the place of the vote".into(),
                )));
            }
        });
        if let Some(e) = &self.date_error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }

    /// Who is voting, in a named vote.
    fn who_ui(&mut self, ui: &mut egui::Ui, study: &StudyDoc) {
        let n = study.plans.members.len();
        if self.who.is_some_and(|k| k >= n) {
            self.who = None;
        }
        if self.who.is_none() {
            self.who = Self::next_without(study, &study.votes, 0);
        }
        ui.label("Who is voting:");
        let name = |k: usize| {
            let m = &study.plans.members[k];
            match study.votes.of(&m.member) {
                Some(v) => format!("{} (voted: {})", m.member, choice_words(&v.choice)),
                None => m.member.clone(),
            }
        };
        let shown = self
            .who
            .map(name)
            .unwrap_or_else(|| "every member has voted".into());
        let mut who = self.who;
        egui::ComboBox::from_id_salt("vote member")
            .selected_text(bold(shown, 18.0))
            .height(400.0)
            .show_ui(ui, |ui| {
                for k in 0..n {
                    ui.selectable_value(&mut who, Some(k), name(k));
                }
            })
            .response
            .accessible_name("Who is voting");
        self.who = who;
    }

    /// Each member's vote, with a button to remove it.
    fn list_ui(&mut self, ui: &mut egui::Ui, study: &StudyDoc, out: &mut Vec<Command>) {
        ui.strong("Each member's vote (a member of the plans with none was absent)");
        egui::Grid::new("each vote").striped(true).show(ui, |ui| {
            let mut anon = 0;
            for (k, m) in study.votes.members.iter().enumerate() {
                let name = if m.anonymous() {
                    anon += 1;
                    format!("Counted without a name {anon}")
                } else {
                    m.member.clone()
                };
                ui.label(&name);
                ui.label(choice_words(&m.choice));
                ui.label(&m.note);
                if ui
                    .small_button("Remove")
                    .accessible_name(format!("Remove the vote of {name}"))
                    .clicked()
                {
                    let mut v = study.votes.clone();
                    v.members.remove(k);
                    out.push(Command::Edit(Edit::SetVotes(
                        Box::new(v),
                        format!("Removed the vote of {name}"),
                    )));
                }
                ui.end_row();
            }
        });
    }
}

/// The count, carried or not, and why, in large type.
fn result_ui(ui: &mut egui::Ui, t: &Tally) {
    let colour = if t.carried { CARRIED } else { NOT_CARRIED };
    let head = if t.carried { "CARRIED" } else { "NOT CARRIED" };
    if t.present == 0 && t.by_mfi.is_empty() && t.abstain == 0 {
        ui.label(bold("No vote recorded yet.", 18.0));
        return;
    }
    // The sentence without its "Carried:" / "Not carried:", said by the head.
    let sentence = t.sentence();
    let why = sentence
        .split_once(": ")
        .map_or(sentence.as_str(), |(_, why)| why);
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(colour, bold(head, 22.0));
        ui.label(bold(capitalised(why), 16.0));
    });
    ui.label(format!(
        "{} of the CO's {} members present ({}), {} absent; votes for another MFI: {}; abstained: {}.",
        t.present,
        t.members,
        mfi_core::money::percent_text(t.share_present(), 0),
        t.absent,
        t.against,
        t.abstain
    ));
    if !t.carried {
        ui.label("Not carried: the meeting may ask the facts first (the study's questions to ask first), and vote again at its next meeting, or between the two MFIs with the most votes.");
    }
}

/// How many votes the option has.
fn count_of(v: &Votes, c: &Choice) -> usize {
    v.members
        .iter()
        .filter(|m| same_choice(&m.choice, c))
        .count()
}

/// Whether two choices are the same, MFIs' names compared as they read.
fn same_choice(a: &Choice, b: &Choice) -> bool {
    match (a, b) {
        (Choice::For(x), Choice::For(y)) => names::same(x, y),
        _ => a == b,
    }
}

/// An option on its button.
fn button_words(c: &Choice) -> String {
    match c {
        Choice::For(m) => m.clone(),
        Choice::Abstain => "Abstain".into(),
        Choice::Absent => "Absent".into(),
    }
}

/// A choice in words: "Akhuwat", "abstained", "absent".
fn choice_words(c: &Choice) -> String {
    match c {
        Choice::For(m) => format!("for {m}"),
        Choice::Abstain => "abstained".into(),
        Choice::Absent => "absent".into(),
    }
}

/// The villages of the plans, as a place for the meeting: "Rasool Nagar".
fn villages(study: &StudyDoc) -> String {
    let mut v: Vec<&str> = Vec::new();
    for m in &study.plans.members {
        let s = m.village.trim();
        if !s.is_empty() && !v.iter().any(|x| names::same(x, s)) {
            v.push(s);
        }
    }
    v.join(", ")
}
