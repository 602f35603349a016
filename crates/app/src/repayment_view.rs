//! For CO members: what each offer would really make her pay, side by side,
//! in rupees first (large, with South Asian grouping), then the schedule, the
//! money paid back over time, and quoted markup against true APR.

use crate::words::Tongue;
use crate::{Command, bold};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Legend, Line, Plot, PlotPoint, PlotPoints, Points, Text};
use mfi_core::data::study::StudyDoc;
use mfi_core::i18n::Digits;
use mfi_core::money::{group_rupees, to_f64};
use mfi_core::offer;
use mfi_core::pricing::Priced;
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
    /// The amount typed.
    pub amount_text: String,
    /// The term typed.
    pub months: u32,
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
            months: 12,
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

/// One offer priced for the comparison.
pub struct Compared {
    /// "MFI / product".
    pub label: String,
    /// The quoted markup in percent.
    pub markup: f64,
    /// The priced loan.
    pub priced: Priced,
    /// Whether it asks more each month than she can repay.
    pub unaffordable: bool,
    /// What is unknown about it, to verify with the MFI (shown on the card).
    pub to_verify: Vec<String>,
}

impl Compared {
    fn of(o: offer::PricedOffer, to_verify: Vec<String>) -> Self {
        Compared {
            label: format!("{} / {}", o.institution, o.product),
            markup: to_f64(o.markup_percent),
            priced: o.priced,
            unaffordable: false,
            to_verify,
        }
    }

    /// What she pays in all: the instalments and the charges at the start.
    pub fn pays_in_all(&self) -> Decimal {
        self.priced.total_repaid + self.priced.upfront_charges
    }
}

impl RepaymentView {
    /// The offers compared, cheapest in what she pays in all first: the
    /// member's ranked offers, or every product that can make the loan typed
    /// in; and the products that cannot, with what they lend.
    pub fn offers(
        &self,
        study: &StudyDoc,
        e: &Evaluation,
        member: usize,
    ) -> (Vec<Compared>, Vec<String>) {
        let mut out = Vec::new();
        let mut outside = Vec::new();
        match self.mode {
            Mode::Member => {
                let Some(m) = e.members.get(member) else {
                    return (out, outside);
                };
                for &k in &m.ranked {
                    let p = &e.pairs[k];
                    if let Some(priced) = p.priced(&study.matrix, study.settings.rounding) {
                        out.push(Compared {
                            label: format!("{} / {}", p.mfi, p.product),
                            markup: to_f64(priced.terms.markup_percent),
                            priced,
                            unaffordable: p.loan.as_ref().is_some_and(|l| !l.affordable),
                            to_verify: p.to_verify.clone(),
                        });
                    }
                }
            }
            Mode::Custom => {
                let Ok(amount) = mfi_core::money::parse_amount(&self.amount_text) else {
                    return (out, outside);
                };
                for w in offer::what_if(&study.matrix, amount, self.months, study.settings.rounding)
                {
                    match w {
                        offer::WhatIf::Priced {
                            offer,
                            unknown_limits,
                        } => out.push(Compared::of(*offer, unknown_limits)),
                        offer::WhatIf::Outside {
                            institution,
                            product,
                            limits,
                        } => outside.push(format!("{institution} / {product}: {limits}")),
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
                Mode::Member => {
                    super::compare_view::member_picker(ui, study, selected, "repayment member")
                }
                Mode::Custom => {
                    ui.label(t.key("repay.amount", 14.0, false));
                    let ok = mfi_core::money::parse_amount(&self.amount_text).is_ok();
                    let color = (!ok).then(|| ui.visuals().error_fg_color);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.amount_text)
                            .desired_width(120.0)
                            .text_color_opt(color),
                    )
                    .accessible_name(t.t("repay.amount"));
                    ui.label(t.key("repay.months", 14.0, false));
                    ui.add(egui::DragValue::new(&mut self.months).range(1..=120))
                        .accessible_name(t.t("repay.months"));
                }
            }
            ui.separator();
            ui.label(t.key("repay.side_by_side", 14.0, false));
            ui.add(egui::DragValue::new(&mut self.shown).range(1..=6))
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
        let (offers, outside) = self.offers(study, e, *selected);
        // The markup chart shows every offer of the matrix for this loan,
        // not only those open to her.
        let every = match self.mode {
            Mode::Custom => mfi_core::money::parse_amount(&self.amount_text)
                .map(|a| price_all(study, a, self.months))
                .unwrap_or_default(),
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
                    ui.label(o);
                }
            });
        }
        if offers.is_empty() {
            ui.label(t.key("repay.none", 20.0, true));
            return command.into_iter().collect();
        }
        self.focus = self.focus.min(offers.len() - 1);
        let shown = self.shown.min(offers.len());
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
                                    self.card(ui, *k, c, t);
                                });
                            });
                        }
                    });
                }
                ui.separator();
                ui.columns(2, |cols| {
                    let (a, b) = if t.lang.rtl() { (1, 0) } else { (0, 1) };
                    let ui = &mut cols[a];
                    ui.with_layout(t.column_layout(), |ui| {
                        ui.label(t.key("repay.paid_over_time", 16.0, true));
                    });
                    Plot::new("paid over time")
                        .height(240.0)
                        .legend(Legend::default())
                        .x_axis_label(t.t("repay.axis_month"))
                        .y_axis_label(t.t("repay.axis_paid"))
                        .allow_scroll(false)
                        .show(ui, |plot| {
                            for c in offers.iter().take(shown) {
                                let p = &c.priced;
                                let step = 12.0 / p.periods_per_year as f64;
                                let mut total = to_f64(p.upfront_charges);
                                let mut pts = vec![[0.0, total]];
                                for r in &p.schedule {
                                    total += to_f64(r.due + r.charges);
                                    pts.push([r.period as f64 * step, total]);
                                }
                                plot.line(Line::new(c.label.clone(), PlotPoints::from(pts)));
                            }
                        });
                    let ui = &mut cols[b];
                    ui.with_layout(t.column_layout(), |ui| {
                        ui.label(t.key("repay.markup_vs_apr", 16.0, true));
                    });
                    Plot::new("markup vs apr")
                        .height(240.0)
                        .x_axis_label(t.t("repay.axis_markup"))
                        .y_axis_label(t.t("repay.axis_apr"))
                        .allow_scroll(false)
                        .include_x(0.0)
                        .include_y(0.0)
                        .show(ui, |plot| {
                            let max = every
                                .iter()
                                .map(|c| c.priced.apr_percent.max(c.markup))
                                .fold(10.0, f64::max);
                            plot.line(Line::new(
                                "APR = markup",
                                PlotPoints::from(vec![[0.0, 0.0], [max, max]]),
                            ));
                            for c in &every {
                                let (x, y) = (c.markup, c.priced.apr_percent);
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
                });
                ui.separator();
                let p = &offers[self.focus].priced;
                let label = &offers[self.focus].label;
                if t.lang.rtl() {
                    t.line(ui, |ui| {
                        ui.label(t.key("repay.schedule", 16.0, true));
                        ui.label(bold(label, 16.0));
                    });
                } else {
                    ui.label(bold(format!("{}: {label}", t.t("repay.schedule")), 16.0));
                }
                schedule_table(ui, p, t);
            });
        command.into_iter().collect()
    }

    /// One offer's card: the instalment large, what she pays in all and what
    /// the loan costs her, then the quoted markup against the true rate.
    fn card(&mut self, ui: &mut egui::Ui, k: usize, c: &Compared, t: Tongue) {
        let p = &c.priced;
        if ui
            .selectable_label(self.focus == k, bold(&c.label, 16.0))
            .on_hover_text(t.t("repay.show_schedule"))
            .clicked()
        {
            self.focus = k;
        }
        ui.label(t.key("repay.each_instalment", 14.0, false));
        t.line(ui, |ui| t.money(ui, p.instalment, 34.0, true));
        t.line(ui, |ui| {
            ui.label(t.number("×", 20.0, true));
            ui.label(t.number(&p.count.to_string(), 20.0, true));
            let unit = if p.periods_per_year == 12 {
                "repay.times_months"
            } else {
                "repay.times_instalments"
            };
            ui.label(t.key(unit, 20.0, true));
        });
        ui.add_space(6.0);
        ui.label(t.key("repay.pays_back", 14.0, false));
        t.line(ui, |ui| {
            t.money(ui, p.total_repaid + p.upfront_charges, 24.0, true)
        });
        ui.label(t.key("repay.costs_her", 14.0, false));
        t.line(ui, |ui| t.money(ui, p.total_cost, 24.0, true));
        ui.add_space(6.0);
        t.line(ui, |ui| {
            ui.label(t.key("repay.quoted_markup", 13.0, false));
            ui.label(t.number(&format!("{:.0}%", c.markup), 13.0, false));
        });
        t.line(ui, |ui| {
            ui.label(t.key("repay.true_rate", 13.0, false));
            ui.label(t.number(&format!("{:.1}%", p.apr_percent), 13.0, true))
                .on_hover_text(p.terms.basis.rate_name());
        });
        if !p.upfront_charges.is_zero() {
            t.line(ui, |ui| {
                ui.label(t.key("repay.fees_start", 13.0, false));
                t.money(ui, p.upfront_charges, 13.0, false);
            });
        }
        if c.unaffordable {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                t.key("repay.unaffordable", 13.0, true),
            );
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

/// The schedule row by row; in Urdu the columns run from the right.
fn schedule_table(ui: &mut egui::Ui, p: &Priced, t: Tongue) {
    let keys = [
        "repay.col_no",
        "repay.col_pay",
        "repay.col_loan",
        "repay.col_markup",
        "repay.col_charges",
        "repay.col_owed",
    ];
    // The column shown at each place, from the left.
    let order: Vec<usize> = if t.lang.rtl() {
        (0..6).rev().collect()
    } else {
        (0..6).collect()
    };
    TableBuilder::new(ui)
        .id_salt("schedule")
        .striped(true)
        .columns(Column::auto().at_least(110.0), 6)
        .header(24.0, |mut h| {
            for &c in &order {
                h.col(|ui| {
                    ui.with_layout(t.column_layout(), |ui| {
                        ui.label(t.key(keys[c], 13.0, true));
                    });
                });
            }
        })
        .body(|body| {
            body.rows(20.0, p.schedule.len(), |mut row| {
                let r = &p.schedule[row.index()];
                let cells = [
                    r.period.to_string(),
                    group_rupees(r.due, true),
                    group_rupees(r.principal, true),
                    group_rupees(r.markup, true),
                    group_rupees(r.charges, true),
                    group_rupees(r.balance, true),
                ];
                for &c in &order {
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(t.number(&cells[c], 14.0, false))
                        });
                    });
                }
            });
        });
}
