//! For CO members: what each offer would really make her pay, side by side,
//! in rupees first (large, with South Asian grouping), then the schedule, the
//! money paid back over time, and quoted markup against true APR.

use super::{Command, bold};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Legend, Line, Plot, PlotPoint, PlotPoints, Points, Text};
use mfi_compare::money::{group_rupees, rs, to_f64};
use mfi_compare::offer;
use mfi_compare::pricing::Priced;
use mfi_compare::scoring::Evaluation;
use mfi_compare::study::StudyDoc;
use rust_decimal::Decimal;

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

/// Every product of the matrix priced for a loan of `amount` over `months`,
/// cheapest in rupees first.
pub fn price_all(study: &StudyDoc, amount: Decimal, months: u32) -> Vec<Compared> {
    let mut out: Vec<Compared> =
        offer::price_all(&study.matrix, amount, months, study.settings.rounding)
            .into_iter()
            .map(|o| Compared {
                label: format!("{} / {}", o.institution, o.product),
                markup: to_f64(o.markup_percent),
                priced: o.priced,
            })
            .collect();
    out.sort_by_key(|c| c.priced.total_cost);
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
}

impl RepaymentView {
    /// The offers compared: the member's ranked offers, or every product
    /// priced for the amount and term typed in.
    pub fn offers(&self, study: &StudyDoc, e: &Evaluation, member: usize) -> Vec<Compared> {
        let mut out = Vec::new();
        match self.mode {
            Mode::Member => {
                let Some(m) = e.members.get(member) else {
                    return out;
                };
                for &k in &m.ranked {
                    let p = &e.pairs[k];
                    if let Some(priced) = p.priced(&study.matrix, study.settings.rounding) {
                        out.push(Compared {
                            label: format!("{} / {}", p.mfi, p.product),
                            markup: to_f64(priced.terms.markup_percent),
                            priced,
                        });
                    }
                }
            }
            Mode::Custom => {
                let Ok(amount) = mfi_compare::money::parse_amount(&self.amount_text) else {
                    return out;
                };
                out = price_all(study, amount, self.months);
            }
        }
        out
    }

    /// Shows the view.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        e: &Evaluation,
        selected: &mut usize,
    ) -> Option<Command> {
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut self.mode, Mode::Member, "A member's loan");
            ui.selectable_value(&mut self.mode, Mode::Custom, "Any amount");
            ui.separator();
            match self.mode {
                Mode::Member => {
                    super::compare_view::member_picker(ui, study, selected, "repayment member")
                }
                Mode::Custom => {
                    ui.label("Amount (Rs)");
                    let ok = mfi_compare::money::parse_amount(&self.amount_text).is_ok();
                    let color = (!ok).then(|| ui.visuals().error_fg_color);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.amount_text)
                            .desired_width(120.0)
                            .text_color_opt(color),
                    )
                    .accessible_name("Amount (Rs)");
                    ui.label("Months");
                    ui.add(egui::DragValue::new(&mut self.months).range(1..=120))
                        .accessible_name("Months");
                }
            }
            ui.separator();
            ui.label("Offers side by side");
            ui.add(egui::DragValue::new(&mut self.shown).range(1..=6))
                .accessible_name("Offers side by side");
        });
        let offers = self.offers(study, e, *selected);
        // The markup chart shows every offer of the matrix for this loan,
        // not only those open to her.
        let every = match self.mode {
            Mode::Custom => mfi_compare::money::parse_amount(&self.amount_text)
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
        if offers.is_empty() {
            ui.label(bold("No offer can be priced for this loan.", 20.0));
            return None;
        }
        self.focus = self.focus.min(offers.len() - 1);
        let shown = self.shown.min(offers.len());
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("repayment")
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    for (k, c) in offers.iter().take(shown).enumerate() {
                        let p = &c.priced;
                        let frame = egui::Frame::group(ui.style()).inner_margin(12.0);
                        frame.show(ui, |ui| {
                            ui.set_width(250.0);
                            ui.vertical(|ui| {
                                if ui
                                    .selectable_label(self.focus == k, bold(&c.label, 16.0))
                                    .on_hover_text("Show its schedule below")
                                    .clicked()
                                {
                                    self.focus = k;
                                }
                                ui.label("Each instalment");
                                ui.label(bold(rs(p.instalment), 34.0));
                                ui.label(bold(
                                    format!(
                                        "× {} {}",
                                        p.count,
                                        if p.periods_per_year == 12 {
                                            "months"
                                        } else {
                                            "instalments"
                                        }
                                    ),
                                    20.0,
                                ));
                                ui.add_space(6.0);
                                ui.label("She pays back in all");
                                ui.label(bold(rs(p.total_repaid + p.upfront_charges), 24.0));
                                ui.label("The loan costs her");
                                ui.label(bold(rs(p.total_cost), 24.0));
                                ui.add_space(6.0);
                                ui.label(format!(
                                    "Quoted markup {:.0}%, true {} {:.1}% a year",
                                    c.markup,
                                    p.terms.basis.rate_name(),
                                    p.apr_percent
                                ));
                                if !p.upfront_charges.is_zero() {
                                    ui.label(format!(
                                        "Fees at the start: {}",
                                        rs(p.upfront_charges)
                                    ));
                                }
                            });
                        });
                    }
                });
                ui.separator();
                ui.columns(2, |cols| {
                    let ui = &mut cols[0];
                    ui.label(bold("Money paid back over time", 16.0));
                    Plot::new("paid over time")
                        .height(240.0)
                        .legend(Legend::default())
                        .x_axis_label("month")
                        .y_axis_label("Rs paid so far")
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
                    let ui = &mut cols[1];
                    ui.label(bold("Quoted markup against the true yearly rate", 16.0));
                    Plot::new("markup vs apr")
                        .height(240.0)
                        .x_axis_label("quoted markup %")
                        .y_axis_label("true APR %")
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
                ui.label(bold(
                    format!("Schedule: {}", offers[self.focus].label),
                    16.0,
                ));
                TableBuilder::new(ui)
                    .id_salt("schedule")
                    .striped(true)
                    .columns(Column::auto().at_least(90.0), 6)
                    .header(20.0, |mut h| {
                        for t in [
                            "Instalment no.",
                            "Pay (Rs)",
                            "Of which loan",
                            "Of which markup",
                            "Charges",
                            "Still owed",
                        ] {
                            h.col(|ui| {
                                ui.strong(t);
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(20.0, p.schedule.len(), |mut row| {
                            let r = &p.schedule[row.index()];
                            row.col(|ui| {
                                ui.label(r.period.to_string());
                            });
                            for v in [r.due, r.principal, r.markup, r.charges, r.balance] {
                                row.col(|ui| {
                                    ui.with_layout(
                                        egui::Layout::right_to_left(egui::Align::Center),
                                        |ui| ui.label(group_rupees(v, true)),
                                    );
                                });
                            }
                        });
                    });
            });
        None
    }
}
