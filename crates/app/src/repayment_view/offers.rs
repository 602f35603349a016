//! The offers the repayment view compares: a member's ranked offers (the
//! evaluation's own figures) or every product that can make a loan typed
//! in, each priced ([`Compared`]); the products that cannot, with what they
//! lend ([`Outside`]).

use super::{Mode, RepaymentView};
use crate::words::Tongue;
use mfi_core::data::study::StudyDoc;
use mfi_core::offer;
use mfi_core::pricing::{Disclosure, Priced};
use mfi_core::scoring::months::{self, LoanMonths};
use mfi_core::scoring::{Evaluation, HerStrip, Loan};
use rust_decimal::Decimal;

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
    pub(super) fn ui(&self, ui: &mut egui::Ui, t: Tongue) {
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
impl RepaymentView {
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
}
