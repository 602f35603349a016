//! For CO members: what each offer would really make her pay, side by side,
//! in rupees first (large, with South Asian grouping), then the schedule, the
//! money paid back over time, and quoted markup against true APR.

use crate::schedule_table::schedule_table;
use crate::words::{Piece, Tongue};
use crate::{Command, bold};
use egui_plot::{Legend, Line, Plot, PlotPoint, PlotPoints, Points, Text};
use mfi_core::data::study::StudyDoc;
use mfi_core::i18n::Digits;
use mfi_core::money::{group_rupees, to_f64};
use mfi_core::offer;
use mfi_core::pricing::{Disclosure, Priced};
use mfi_core::report::{payee_key, savings_kept, timing_key};
use mfi_core::scoring::months::{self, LoanMonths};
use mfi_core::scoring::{Evaluation, HerStrip, Loan, Settings};
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

/// Every product of the matrix priced for a loan of `amount` over `months`
/// (whatever its limits: for the chart of quoted markup against true APR),
/// cheapest in rupees first.
pub fn price_all(study: &StudyDoc, amount: Decimal, months: u32) -> Vec<Compared> {
    let mut out: Vec<Compared> =
        offer::price_all(&study.matrix, amount, months, study.settings.rounding)
            .into_iter()
            .map(|o| Compared::of(o, Vec::new()))
            .collect();
    out.sort_by_key(Compared::pays_in_all);
    out
}

/// A product that cannot make the loan typed in, and what it makes.
#[derive(Debug, Clone)]
pub struct Outside {
    /// "MFI / product".
    pub label: String,
    /// The loan sizes it makes, when known.
    pub amounts: Option<(Decimal, Decimal)>,
    /// Its terms in months, when known.
    pub months: Option<(u32, u32)>,
}

impl Outside {
    /// One line in the members' language: "Asasah / Productive loan: lends
    /// Rs 10,000 to Rs 15,000, over 12 to 18 months".
    fn ui(&self, ui: &mut egui::Ui, t: Tongue) {
        t.wrapped_line(ui, |ui| {
            ui.label(t.words(&format!("{}:", self.label), 13.0, false));
            match self.amounts {
                Some((lo, hi)) => {
                    ui.label(t.key("repay.lends", 13.0, false));
                    t.money(ui, lo, 13.0, false);
                    if hi != lo {
                        ui.label(t.key("repay.to", 13.0, false));
                        t.money(ui, hi, 13.0, false);
                    }
                }
                None => {
                    ui.label(t.key("repay.sizes_unknown", 13.0, false));
                }
            }
            match self.months {
                Some((lo, hi)) => {
                    ui.label(t.key("repay.over", 13.0, false));
                    let span = if lo == hi {
                        lo.to_string()
                    } else {
                        format!("{lo}-{hi}")
                    };
                    ui.label(t.number(&span, 13.0, false));
                    ui.label(t.key("repay.months_word", 13.0, false));
                }
                None => {
                    ui.label(t.key("repay.terms_unknown", 13.0, false));
                }
            }
        });
    }
}

/// One offer priced for the comparison.
pub struct Compared {
    /// "MFI / product".
    pub label: String,
    /// The quoted markup in percent, as quoted (22.5 stays 22.5).
    pub markup: Decimal,
    /// The loan's key facts: what the card shows. For a member's loan, the
    /// evaluation's own (the same figures as the ranking, the report and
    /// `score --json`).
    pub disclosure: std::sync::Arc<Disclosure>,
    /// The same key facts with the unknown terms at their low end (none of
    /// them charged), when they differ: the card shows both ends.
    pub low: Option<std::sync::Arc<Disclosure>>,
    /// The priced loan, for its schedule and chart.
    pub priced: Priced,
    /// The largest payment of one month and its month (from 1): a balloon
    /// is shown as its own month's payment, never averaged.
    pub largest: (Decimal, u32),
    /// Whether the largest payment is a balloon, well above the others
    /// (an interest-only loan's last payment).
    pub balloon: bool,
    /// For a member's loan: the evaluation's loan, judged against her
    /// months (whether it fits, what she must put aside, the months short
    /// and why, whether her business pays for it).
    pub loan: Option<Loan>,
    /// For a member's loan: her months over it, one row a month.
    pub strip: Option<HerStrip>,
    /// What is unknown about it, to verify with the MFI (shown on the card).
    pub to_verify: Vec<String>,
    /// The term she asked for, when the offer's is another (the nearest she
    /// can afford).
    pub asked_months: Option<u32>,
    /// For a member's loan: its pair in the evaluation (for the terms to
    /// negotiate with the MFI).
    pub pair: Option<usize>,
}

impl Compared {
    fn of(o: offer::PricedOffer, to_verify: Vec<String>) -> Self {
        let disclosure = std::sync::Arc::new(o.priced.disclosure());
        let (largest, balloon) = largest_of(&o.priced, &disclosure);
        Compared {
            label: format!("{} / {}", o.institution, o.product),
            markup: o.markup_percent,
            low: o.low.as_ref().map(|l| std::sync::Arc::new(l.disclosure())),
            disclosure,
            priced: o.priced,
            largest,
            balloon,
            loan: None,
            strip: None,
            to_verify,
            asked_months: None,
            pair: None,
        }
    }

    /// What she pays back in all, net of the savings that come back: the
    /// amount and the loan's cost.
    pub fn pays_in_all(&self) -> Decimal {
        self.disclosure.amount + self.disclosure.total_cost
    }
}

/// A chart axis's words: in Urdu in the Naskh family (its own spaces and
/// percent sign, so the label is one run egui shapes right to left; in the
/// plot's default face each word was a run of its own, laid out left to
/// right, and the label read backwards); in English as the plot sets them.
fn axis(t: Tongue, key: &'static str) -> egui::WidgetText {
    if t.lang.rtl() {
        t.key(key, 13.0, false).into()
    } else {
        t.t(key).into()
    }
}

/// The largest payment of one month of a priced loan and its month, and
/// whether it is a balloon (half as much again as the regular payment, as
/// [`Loan::has_balloon`] decides).
fn largest_of(p: &Priced, d: &Disclosure) -> ((Decimal, u32), bool) {
    let (paisa, month) = LoanMonths::of(p).largest();
    let largest = months::rupees(paisa);
    (
        (largest, month as u32),
        largest * Decimal::TWO > d.regular_payment * Decimal::from(3),
    )
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

    /// The offers compared, cheapest in what she pays in all first: the
    /// member's ranked offers, or every product that can make the loan typed
    /// in; and the products that cannot, with what they lend.
    pub fn offers(
        &self,
        study: &StudyDoc,
        e: &Evaluation,
        member: usize,
    ) -> (Vec<Compared>, Vec<Outside>) {
        let mut out = Vec::new();
        let mut outside = Vec::new();
        match self.mode {
            Mode::Member => {
                let Some(m) = e.members.get(member) else {
                    return (out, outside);
                };
                for &k in &m.ranked {
                    let p = &e.pairs[k];
                    let (Some(loan), Some(priced)) =
                        (&p.loan, p.priced(&study.matrix, study.settings.rounding))
                    else {
                        continue;
                    };
                    let strip = study
                        .plans
                        .members
                        .get(member)
                        .map(|plan| loan.her_months(plan, &priced, &study.settings));
                    out.push(Compared {
                        label: format!("{} / {}", p.mfi, p.product),
                        markup: priced.terms.markup_percent,
                        disclosure: loan.disclosure.clone(),
                        low: loan.low.as_ref().map(|l| l.disclosure.clone()),
                        priced,
                        largest: loan.largest_payment,
                        balloon: loan.has_balloon(),
                        loan: Some(loan.clone()),
                        strip,
                        to_verify: p.to_verify.clone(),
                        asked_months: (loan.months != loan.preferred_months)
                            .then_some(loan.preferred_months),
                        pair: Some(k),
                    });
                }
            }
            Mode::Custom => {
                for w in offer::what_if(
                    &study.matrix,
                    self.amount,
                    self.months,
                    study.settings.rounding,
                ) {
                    match w {
                        offer::WhatIf::Priced {
                            offer,
                            unknown_limits,
                        } => out.push(Compared::of(*offer, unknown_limits)),
                        offer::WhatIf::Outside {
                            institution,
                            product,
                            amounts,
                            months,
                            ..
                        } => outside.push(Outside {
                            label: format!("{institution} / {product}"),
                            amounts,
                            months,
                        }),
                    }
                }
            }
        }
        out.sort_by_key(Compared::pays_in_all);
        (out, outside)
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
                let paid_chart = |ui: &mut egui::Ui| {
                    ui.with_layout(t.column_layout(), |ui| {
                        ui.label(t.key("repay.paid_over_time", 16.0, true));
                    });
                    Plot::new("paid over time")
                        .height(240.0)
                        .legend(Legend::default())
                        .x_axis_label(axis(t, "repay.axis_month"))
                        .y_axis_label(axis(t, "repay.axis_paid"))
                        .allow_scroll(false)
                        .show(ui, |plot| {
                            for c in offers.iter().take(shown) {
                                let p = &c.priced;
                                let step = 12.0 / p.periods_per_year as f64;
                                // What is deducted at the start, then all she
                                // pays each period, less the savings returned.
                                let mut total = to_f64(p.upfront_charges + p.deposit);
                                let mut pts = vec![[0.0, total]];
                                for r in &p.schedule {
                                    total += to_f64(r.pays() - r.refund);
                                    pts.push([r.period as f64 * step, total]);
                                }
                                plot.line(Line::new(c.label.clone(), PlotPoints::from(pts)));
                            }
                        });
                };
                let markup_chart = |ui: &mut egui::Ui| {
                    ui.with_layout(t.column_layout(), |ui| {
                        ui.label(t.key("repay.markup_vs_apr", 16.0, true));
                    });
                    Plot::new("markup vs apr")
                        .height(240.0)
                        .x_axis_label(axis(t, "repay.axis_markup"))
                        .y_axis_label(axis(t, "repay.axis_apr"))
                        .allow_scroll(false)
                        .include_x(0.0)
                        .include_y(0.0)
                        .show(ui, |plot| {
                            let max = every
                                .iter()
                                .map(|c| c.priced.apr_percent.max(to_f64(c.markup)))
                                .fold(10.0, f64::max);
                            plot.line(Line::new(
                                "APR = markup",
                                PlotPoints::from(vec![[0.0, 0.0], [max, max]]),
                            ));
                            for c in &every {
                                let (x, y) = (to_f64(c.markup), c.priced.apr_percent);
                                // Where a term is unknown, a line down to the
                                // APR at the low end (the marker is the high
                                // end, which the ranking reads).
                                if let Some(low) =
                                    c.low.as_ref().and_then(|l| l.apr_percent).map(to_f64)
                                    && y - low > 0.05
                                {
                                    plot.line(
                                        Line::new(
                                            format!("{} (range)", c.label),
                                            PlotPoints::from(vec![[x, low], [x, y]]),
                                        )
                                        .width(2.0),
                                    );
                                }
                                plot.points(
                                    Points::new(c.label.clone(), PlotPoints::from(vec![[x, y]]))
                                        .radius(5.0),
                                );
                                let short =
                                    c.label.split(" / ").next().unwrap_or(&c.label).to_string();
                                plot.text(
                                    Text::new("", PlotPoint::new(x, y), format!("  {short}"))
                                        .anchor(egui::Align2::LEFT_CENTER),
                                );
                            }
                        });
                };
                if crate::widgets::small_screen(ui.ctx()) {
                    paid_chart(ui);
                    markup_chart(ui);
                } else {
                    ui.columns(2, |cols| {
                        let (a, b) = if t.lang.rtl() { (1, 0) } else { (0, 1) };
                        paid_chart(&mut cols[a]);
                        markup_chart(&mut cols[b]);
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

    /// One offer's card: the instalment large, what she pays in all and what
    /// the loan costs her; what she has in hand, each charge, the savings;
    /// then the quoted markup against the true rate. Every figure is the
    /// offer's disclosure.
    fn card(&mut self, ui: &mut egui::Ui, k: usize, c: &Compared, settings: &Settings, t: Tongue) {
        let d = &c.disclosure;
        // The low end of each figure (the high end's when all is known).
        let lo: &Disclosure = c.low.as_deref().unwrap_or(d);
        if ui
            .selectable_label(self.focus == k, bold(&c.label, 16.0))
            .on_hover_text(t.t("repay.show_schedule"))
            .clicked()
        {
            self.focus = k;
        }
        // What she hands over, never an average: equal instalments; or the
        // regular ones, then the balloon in its own month; or one payment.
        let (big, in_month) = c.largest;
        // Its calendar month too, when her months place it.
        let calendar = c
            .strip
            .as_ref()
            .and_then(|s| s.rows.get((in_month as usize).saturating_sub(1)))
            .and_then(|r| r.calendar);
        let in_month_ui = |ui: &mut egui::Ui| {
            t.wrapped_line(ui, |ui| match calendar {
                Some(m) => t.sentence_of(
                    ui,
                    "repay.in_month_cal",
                    &[
                        ("{n}", vec![Piece::Number(in_month.to_string())]),
                        (
                            "{month}",
                            vec![Piece::Words(
                                mfi_core::i18n::month(t.lang, u32::from(m) + 1).into(),
                            )],
                        ),
                    ],
                    16.0,
                ),
                None => t.sentence(ui, "repay.in_month", &[("{n}", in_month.to_string())], 16.0),
            });
        };
        if d.count <= 1 {
            ui.label(t.key("repay.one_payment", 14.0, false));
            t.line(ui, |ui| t.money(ui, big, 34.0, true));
            in_month_ui(ui);
        } else {
            let regular = if c.balloon { d.count - 1 } else { d.count };
            ui.label(t.key("repay.each_instalment", 14.0, false));
            t.line(ui, |ui| {
                t.money_range(ui, lo.instalment, d.instalment, 34.0, true)
            });
            t.line(ui, |ui| {
                ui.label(t.number("×", 20.0, true));
                ui.label(t.number(&regular.to_string(), 20.0, true));
                let unit = if d.frequency.periods_per_year() == 12 {
                    "repay.times_months"
                } else {
                    "repay.times_instalments"
                };
                ui.label(t.key(unit, 20.0, true));
            });
            if c.balloon {
                ui.label(t.key("repay.last_payment", 14.0, false));
                t.line(ui, |ui| t.money(ui, big, 28.0, true));
                in_month_ui(ui);
            }
        }
        if let Some(asked) = c.asked_months {
            t.wrapped_line(ui, |ui| {
                t.sentence(
                    ui,
                    "repay.term_asked",
                    &[("{asked}", asked.to_string())],
                    13.0,
                )
            });
        }
        if d.regular_payment != d.instalment {
            ui.label(t.key("repay.each_payment", 13.0, false));
            t.line(ui, |ui| {
                t.money_range(ui, lo.regular_payment, d.regular_payment, 16.0, true)
            });
        }
        ui.add_space(6.0);
        ui.label(t.key("repay.pays_back", 14.0, false));
        t.line(ui, |ui| {
            // Once the money is in her hand: the sum of her calendar, as on
            // her page and in the report's members table.
            t.money_range(ui, lo.pays_back(), d.pays_back(), 24.0, true)
        });
        ui.label(t.key("repay.costs_her", 14.0, false));
        t.line(ui, |ui| {
            t.money_range(ui, lo.total_cost, d.total_cost, 24.0, true)
        });
        if let (Some(loan), Some(strip)) = (&c.loan, &c.strip) {
            // Whether it fits her months: the picture, then in words,
            // before the details of the charges.
            ui.add_space(6.0);
            ui.label(t.key("repay.her_months", 14.0, true));
            crate::her_months::strip_ui(ui, strip, t, false);
            crate::her_months::verdict_ui(ui, loan, Some(strip), settings, t, 13.0);
        }
        ui.add_space(6.0);
        if d.received != d.amount || lo.received != lo.amount {
            t.line(ui, |ui| {
                ui.label(t.key("repay.in_hand", 13.0, false));
                t.money_range(ui, d.received, lo.received, 13.0, true);
            });
        }
        if c.low.is_some() {
            // In Urdu word by word, so that its lines come in reading order.
            ui.scope(|ui| {
                t.wrapped_line(ui, |ui| {
                    let warn = ui.visuals().warn_fg_color;
                    t.paragraph(ui, "repay.range_note", 12.0, Some(warn));
                });
            })
            .response
            .on_hover_text("Low end: the unknown charges, premiums and deposit as none (a ranged markup at its low end). High end: each at the highest any offer of the study states (where none states one, the tool's default: documentation charges 2.5%, life premium 1%, health Rs 800, a 10% deposit). The ranking reads the high end.");
        }
        for line in &d.charges {
            if line.rupees.is_zero() && line.tax.is_zero() {
                continue;
            }
            // The same charge at the low end: none when it is unknown.
            let low = lo
                .charges
                .iter()
                .find(|l| l.name == line.name && l.timing == line.timing)
                .map_or(Decimal::ZERO, |l| l.rupees + l.tax);
            t.wrapped_line(ui, |ui| {
                let name = mfi_core::i18n::charge_name(t.lang, &line.name).unwrap_or(&line.name);
                // Word by word, a word's space apart: a label of several
                // Urdu words broken across two rows of the card would read
                // its second row first.
                if t.lang.rtl() {
                    ui.spacing_mut().item_spacing.x = 4.0;
                }
                t.words_piece(ui, name, 13.0, false);
                t.money_range(ui, low, line.rupees + line.tax, 13.0, false);
                if !line.tax.is_zero() {
                    t.words_piece(ui, t.t("repay.with_tax"), 12.0, false);
                }
                t.words_piece(ui, t.t(timing_key(line.timing)), 12.0, false);
                t.words_piece(ui, t.t(payee_key(line.payee)), 12.0, false);
            });
        }
        // The savings at both ends: none kept when the deposit is unknown
        // and none is charged.
        let kept = |x: &Disclosure| savings_kept(x).unwrap_or(Decimal::ZERO);
        if savings_kept(d).is_some() || savings_kept(lo).is_some() {
            t.line(ui, |ui| {
                ui.label(t.key("repay.savings_kept", 13.0, false));
                t.money_range(ui, kept(lo), kept(d), 13.0, false);
            });
            t.line(ui, |ui| {
                ui.label(t.key("repay.savings_back", 13.0, false));
                t.money_range(ui, lo.savings_refunded, d.savings_refunded, 13.0, false);
            });
        }
        ui.add_space(6.0);
        t.line(ui, |ui| {
            ui.label(t.key("repay.quoted_markup", 13.0, false));
            ui.label(t.number(&format!("{}%", c.markup.normalize()), 13.0, false));
        });
        let rate = |x: Option<Decimal>| match x {
            Some(x) => mfi_core::money::percent_text(x, 1),
            None => "-".to_string(),
        };
        t.line(ui, |ui| {
            ui.label(t.key("repay.true_rate", 13.0, false));
            let text = if lo.apr_percent == d.apr_percent {
                rate(d.apr_percent)
            } else {
                format!("{} - {}", rate(lo.apr_percent), rate(d.apr_percent))
            };
            ui.label(t.number(&text, 13.0, true))
                .on_hover_text(&d.rate_name);
        });
        if d.markup_only_apr_percent != d.apr_percent {
            t.line(ui, |ui| {
                ui.label(t.key("repay.markup_only", 13.0, false));
                ui.label(t.number(&rate(d.markup_only_apr_percent), 13.0, false));
            });
        }

        if !c.to_verify.is_empty() {
            // The facts themselves (in English, for staff) on hover: the
            // card stays short for members.
            let facts = c.to_verify.join("\n");
            t.line(ui, |ui| {
                ui.label(t.key("repay.to_verify", 13.0, false))
                    .on_hover_text(&facts);
                ui.label(t.number(&c.to_verify.len().to_string(), 13.0, true))
                    .on_hover_text(&facts);
            });
        }
    }
}
