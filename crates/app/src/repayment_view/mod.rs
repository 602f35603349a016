//! For CO members: what each offer would really make her pay, side by side,
//! in rupees first (large, with South Asian grouping), then the schedule, the
//! money paid back over time, and quoted markup against true APR.

mod card;
mod charts;
mod offers;

pub use offers::{Compared, Outside, price_all};

use crate::schedule_table::schedule_table;
use crate::words::Tongue;
use crate::{Command, bold};
use charts::{markup_chart_ui, paid_chart_ui};
use mfi_core::data::study::StudyDoc;
use mfi_core::i18n::Digits;
use mfi_core::money::group_rupees;
use mfi_core::scoring::Evaluation;
use rust_decimal::Decimal;

/// The width of an offer's card, in points.
const CARD_WIDTH: f32 = 250.0;

/// Whose loan is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A member's own loan and offers.
    #[default]
    Member,
    /// An amount and term typed in.
    Custom,
}

/// What the repayment view keeps between frames.
pub struct RepaymentView {
    /// Member or custom.
    pub mode: Mode,
    /// The amount as typed.
    pub amount_text: String,
    /// The amount compared: the last one typed that could be read.
    pub amount: Decimal,
    /// The term as typed.
    pub months_text: String,
    /// The term compared: the last one typed that could be read.
    pub months: u32,
    /// Why what was typed could not be read (the offers shown are for the
    /// last amount and term that could).
    pub typed_error: Option<String>,
    /// How many offers are shown side by side.
    pub shown: usize,
    /// The offer whose schedule is shown.
    pub focus: usize,
}

impl Default for RepaymentView {
    fn default() -> Self {
        RepaymentView {
            mode: Mode::Member,
            amount_text: "25,000".into(),
            amount: Decimal::from(25_000),
            months_text: "12".into(),
            months: 12,
            typed_error: None,
            shown: 3,
            focus: 0,
        }
    }
}

/// A term in months from 1 to 120, in Western or Urdu digits.
fn months_of(text: &str) -> Result<u32, String> {
    let t = mfi_core::money::western_digits(text.trim()).into_owned();
    t.parse::<u32>()
        .ok()
        .filter(|m| (1..=120).contains(m))
        .ok_or_else(|| {
            format!(
                "expected a term in months from 1 to 120, found \"{}\"",
                text.trim()
            )
        })
}

impl RepaymentView {
    /// Reads the amount and the term typed: each that can be read is
    /// compared and written in the usual form (25,000); the message of
    /// each that cannot is kept to be shown.
    fn read_typed(&mut self) {
        let mut why = Vec::new();
        match mfi_core::money::parse_amount(&self.amount_text) {
            Ok(a) if a >= Decimal::ONE => {
                self.amount = a;
                self.amount_text = group_rupees(a, !a.fract().is_zero());
            }
            Ok(_) => why.push(format!(
                "Amount: expected a loan of at least Rs 1, found \"{}\"",
                self.amount_text.trim()
            )),
            Err(e) => why.push(format!("Amount: {e}")),
        }
        match months_of(&self.months_text) {
            Ok(m) => {
                self.months = m;
                self.months_text = m.to_string();
            }
            Err(e) => why.push(format!("Months: {e}")),
        }
        self.typed_error = (!why.is_empty()).then(|| {
            format!(
                "{} (the offers shown are for Rs {} over {} months)",
                why.join("; "),
                group_rupees(self.amount, false),
                self.months
            )
        });
    }

    /// Shows the view in the members' language: in Urdu the controls, the
    /// offers (cheapest at the right), every card and the schedule's columns
    /// run right to left.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        e: &Evaluation,
        selected: &mut usize,
        t: Tongue,
    ) -> Vec<Command> {
        let mut command = None;
        t.wrapped_line(ui, |ui| {
            ui.selectable_value(
                &mut self.mode,
                Mode::Member,
                t.key("repay.member_loan", 14.0, false),
            )
            .accessible_name(t.t("repay.member_loan"));
            ui.selectable_value(
                &mut self.mode,
                Mode::Custom,
                t.key("repay.any_amount", 14.0, false),
            )
            .accessible_name(t.t("repay.any_amount"));
            ui.separator();
            match self.mode {
                Mode::Member => super::compare_view::member_picker(
                    ui,
                    study,
                    selected,
                    "repayment member",
                    t.key("repay.member", 14.0, false),
                ),
                Mode::Custom => {
                    // Read on Enter, Tab or a click elsewhere, as every field
                    // of the app; what cannot be read stays red with its
                    // message, and the offers stay those of the last loan
                    // that could be read.
                    ui.label(t.key("repay.amount", 14.0, false));
                    let bad = self.typed_error.is_some()
                        && mfi_core::money::parse_amount(&self.amount_text).is_err();
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.amount_text)
                                .desired_width(120.0)
                                .text_color_opt(bad.then(|| ui.visuals().error_fg_color)),
                        )
                        .accessible_name(t.t("repay.amount"));
                    let amount_done = r.lost_focus();
                    ui.label(t.key("repay.months", 14.0, false));
                    let bad = self.typed_error.is_some() && months_of(&self.months_text).is_err();
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.months_text)
                                .desired_width(48.0)
                                .text_color_opt(bad.then(|| ui.visuals().error_fg_color)),
                        )
                        .accessible_name(t.t("repay.months"));
                    if amount_done || r.lost_focus() {
                        self.read_typed();
                    }
                }
            }
            ui.separator();
            ui.label(t.key("repay.side_by_side", 14.0, false));
            ui.add(egui::DragValue::new(&mut self.shown).range(1..=99))
                .accessible_name(t.t("repay.side_by_side"));
            if t.lang.rtl() {
                ui.separator();
                for (d, key, example) in [
                    (Digits::Western, "digits.western", "1,50,000"),
                    (Digits::Urdu, "digits.urdu", "1,50,000"),
                ] {
                    let shown = Tongue { digits: d, ..t };
                    let chosen = t.digits == d;
                    if ui
                        .selectable_label(chosen, shown.number(example, 14.0, false))
                        .accessible_name(t.t(key))
                        .clicked()
                        && !chosen
                    {
                        command = Some(Command::Edit(crate::edit::Edit::SetDigits(d)));
                    }
                    ui.label(t.key(key, 14.0, false));
                }
            }
        });
        if self.mode == Mode::Custom
            && let Some(why) = &self.typed_error
        {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        let (offers, outside) = self.offers(study, e, *selected);
        // The markup chart shows every offer of the matrix for this loan,
        // not only those open to her.
        let every = match self.mode {
            Mode::Custom => price_all(study, self.amount, self.months),
            Mode::Member => study
                .plans
                .members
                .get(*selected)
                .map(|m| {
                    price_all(
                        study,
                        m.loan_needed(),
                        m.preferred_term_months.unwrap_or(12),
                    )
                })
                .unwrap_or_default(),
        };
        if !outside.is_empty() {
            ui.with_layout(t.column_layout(), |ui| {
                ui.label(t.key("repay.cannot_lend", 14.0, true));
                for o in &outside {
                    o.ui(ui, t);
                }
            });
        }
        if offers.is_empty() {
            ui.label(t.key("repay.none", 20.0, true));
            return command.into_iter().collect();
        }
        self.focus = self.focus.min(offers.len() - 1);
        let shown = self.shown.min(offers.len());
        if shown < offers.len() {
            // Never drop offers without a word: say how many are shown.
            t.wrapped_line(ui, |ui| {
                t.sentence(
                    ui,
                    "repay.showing",
                    &[
                        ("{shown}", shown.to_string()),
                        ("{all}", offers.len().to_string()),
                    ],
                    14.0,
                );
                if ui
                    .button(t.key("repay.show_all", 14.0, false))
                    .accessible_name(t.t("repay.show_all"))
                    .clicked()
                {
                    self.shown = offers.len();
                }
            });
        }
        ui.separator();
        // The window's width, taken outside the scrolled area (whose content
        // may be wider than the window).
        let room = ui.available_width();
        egui::ScrollArea::vertical()
            .id_salt("repayment")
            .show(ui, |ui| {
                // Cheapest first in the reading direction; as many cards in a
                // row as the window holds, the others on the next rows.
                let cards = if t.lang.rtl() {
                    egui::Layout::right_to_left(egui::Align::TOP)
                } else {
                    egui::Layout::left_to_right(egui::Align::TOP)
                };
                let card_width = CARD_WIDTH + 2.0 * 12.0 + ui.spacing().item_spacing.x + 2.0;
                let per_row = ((room / card_width).floor() as usize).max(1);
                let shown_offers: Vec<(usize, &Compared)> =
                    offers.iter().take(shown).enumerate().collect();
                for row in shown_offers.chunks(per_row) {
                    ui.with_layout(cards, |ui| {
                        for (k, c) in row {
                            let frame = egui::Frame::group(ui.style()).inner_margin(12.0);
                            frame.show(ui, |ui| {
                                ui.set_width(CARD_WIDTH);
                                ui.with_layout(t.column_layout(), |ui| {
                                    self.card(ui, *k, c, &study.settings, t);
                                });
                            });
                        }
                    });
                }
                // Her months with the offer picked, larger, with the rupees.
                if let Some(c) = offers.get(self.focus)
                    && let (Some(loan), Some(strip)) = (&c.loan, &c.strip)
                {
                    ui.separator();
                    if t.lang.rtl() {
                        t.line(ui, |ui| {
                            ui.label(t.key("repay.her_months_with", 16.0, true));
                            ui.label(bold(&c.label, 16.0));
                        });
                    } else {
                        ui.label(bold(
                            format!("{}: {}", t.t("repay.her_months_with"), c.label),
                            16.0,
                        ));
                    }
                    // A margin: Naskh's first letter reaches beyond its box,
                    // and the scrolled area would cut it.
                    egui::Frame::NONE
                        .inner_margin(egui::Margin::symmetric(6, 0))
                        .show(ui, |ui| {
                            ui.with_layout(t.column_layout(), |ui| {
                                crate::her_months::start_ui(ui, strip, loan, t, 13.0);
                                crate::widgets::sideways(ui, "her months strip", |ui| {
                                    crate::her_months::strip_ui(ui, strip, t, true);
                                });
                                crate::her_months::verdict_ui(
                                    ui,
                                    loan,
                                    Some(strip),
                                    &study.settings,
                                    t,
                                    14.0,
                                );
                                crate::her_months::dsr_ui(ui, loan, &study.settings, t, 13.0);
                                // What would fit her months, to negotiate
                                // with the MFI.
                                if let (Some(k), Some(plan)) =
                                    (c.pair, study.plans.members.get(*selected))
                                    && let Some(pair) = e.pairs.get(k)
                                {
                                    let props = mfi_core::scoring::negotiate::to_negotiate(
                                        pair,
                                        plan,
                                        &study.matrix,
                                        &study.settings,
                                    );
                                    crate::her_months::negotiate_ui(
                                        ui,
                                        &props,
                                        plan,
                                        &study.settings,
                                        t,
                                        13.0,
                                    );
                                }
                            });
                        });
                }
                ui.separator();
                // Side by side, or on a phone's screen one under the other.
                if crate::widgets::small_screen(ui.ctx()) {
                    paid_chart_ui(ui, &offers[..shown], t);
                    markup_chart_ui(ui, &every, t);
                } else {
                    ui.columns(2, |cols| {
                        let (a, b) = if t.lang.rtl() { (1, 0) } else { (0, 1) };
                        paid_chart_ui(&mut cols[a], &offers[..shown], t);
                        markup_chart_ui(&mut cols[b], &every, t);
                    });
                }
                ui.separator();
                let p = &offers[self.focus].priced;
                let label = &offers[self.focus].label;
                let high_end = offers[self.focus].low.is_some();
                if t.lang.rtl() {
                    t.line(ui, |ui| {
                        ui.label(t.key("repay.schedule", 16.0, true));
                        ui.label(bold(label, 16.0));
                    });
                } else {
                    ui.label(bold(format!("{}: {label}", t.t("repay.schedule")), 16.0));
                }
                if high_end {
                    // The schedule is one pricing: the high end, as the
                    // ranking reads it; its charges may be none.
                    t.wrapped_line(ui, |ui| {
                        let warn = ui.visuals().warn_fg_color;
                        t.paragraph(ui, "repay.schedule_high", 12.0, Some(warn));
                    });
                }
                // Sideways when its columns are wider than the screen (a
                // phone's): the instalment is on the card above.
                crate::widgets::sideways(ui, "schedule scroll", |ui| schedule_table(ui, p, t));
            });
        command.into_iter().collect()
    }
}
