//! A priced loan: its schedule (one row a period, with dates when the
//! disbursement date is known), its charges over the whole loan, its cash
//! flows, rupee totals, APR, EIR and markup-only APR, and how it is printed.

use super::charges::{Payee, Timing};
use super::terms::LoanTerms;
use crate::date::Date;
use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One row of a repayment schedule: one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRow {
    /// The period, 1 = the first period after disbursement.
    pub period: u32,
    /// Its due date, when the disbursement date is known.
    pub date: Option<Date>,
    /// The instalment due: principal and markup (zero in a grace period
    /// whose markup accrues).
    pub due: Decimal,
    /// The part of it that repays what is owed.
    pub principal: Decimal,
    /// The part of it that is markup (profit for murabaha).
    pub markup: Decimal,
    /// Charges paid with it, before tax.
    pub charges: Decimal,
    /// Tax on those charges.
    pub tax: Decimal,
    /// Savings collected with it.
    pub savings: Decimal,
    /// Savings refunded to her in this period (the last), interest included.
    pub refund: Decimal,
    /// What is still owed after it: principal plus any markup accrued.
    pub balance: Decimal,
}

impl ScheduleRow {
    /// Everything she pays in this period.
    pub fn pays(&self) -> Decimal {
        self.due + self.charges + self.tax + self.savings
    }
}

/// One charge as a key facts statement shows it: what it is, in rupees over
/// the whole loan, the tax on it, when it is paid and who receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeLine {
    /// Its name.
    pub name: std::sync::Arc<str>,
    /// In rupees over the whole loan, before tax.
    pub rupees: Decimal,
    /// The tax on it, over the whole loan.
    pub tax: Decimal,
    /// When it is paid.
    pub timing: Timing,
    /// Who receives it.
    pub payee: Payee,
}

/// The priced loan: every figure a member or a board needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Priced {
    /// The terms priced.
    pub terms: LoanTerms,
    /// The regular instalment (the first one), principal and markup.
    pub instalment: Decimal,
    /// The last instalment, which absorbs rounding.
    pub last_instalment: Decimal,
    /// How many instalments.
    pub count: u32,
    /// Periods in a year for the rates.
    pub periods_per_year: u32,
    /// Periods before the first instalment (a bullet's months of waiting included).
    pub grace_periods: u32,
    /// What she owes: the amount and any financed charges.
    pub principal: Decimal,
    /// The sum of all instalments (principal and markup).
    pub total_repaid: Decimal,
    /// The markup in all instalments.
    pub total_markup: Decimal,
    /// Each charge over the whole loan.
    pub charges: Vec<ChargeLine>,
    /// Charges deducted at disbursement, tax included.
    pub upfront_charges: Decimal,
    /// Charges paid with the instalments, tax included, in all.
    pub periodic_charges: Decimal,
    /// Charges added to what she owes, tax included.
    pub financed_charges: Decimal,
    /// The tax on all charges.
    pub total_tax: Decimal,
    /// Savings withheld at disbursement.
    pub deposit: Decimal,
    /// Savings collected with the instalments, in all.
    pub savings_collected: Decimal,
    /// The interest on the savings.
    pub savings_interest: Decimal,
    /// Savings refunded at the end: withheld, collected and interest.
    pub savings_refunded: Decimal,
    /// What she has in hand at disbursement: the amount less the charges
    /// deducted and the savings withheld.
    pub received: Decimal,
    /// Everything she pays, from disbursement to the last instalment
    /// (instalments, charges, taxes, savings), before the savings come back.
    pub total_paid: Decimal,
    /// Everything paid beyond what was lent and what comes back, in rupees:
    /// markup, charges and taxes, less interest on savings.
    pub total_cost: Decimal,
    /// The periodic rate (IRR) of the cash flows.
    pub periodic_rate: f64,
    /// APR in percent, r x periods per year, everything included.
    pub apr_percent: f64,
    /// EIR in percent, (1 + r)^periods per year - 1.
    pub eir_percent: f64,
    /// The APR of the markup alone (what she owes and the instalments), as
    /// MFTransparency shows it beside the full APR.
    pub markup_only_apr_percent: f64,
    /// What she owes at disbursement as the schedule's balance counts it:
    /// the principal, with the whole markup when a flat markup is repaid in
    /// equal instalments.
    pub opening_balance: Decimal,
    /// The schedule, grace periods included.
    pub schedule: Vec<ScheduleRow>,
}

/// A rate for people and files: rounded to 4 places, or `None` when it is
/// too large to be a number (an EIR of 10^300%).
fn rate_decimal(x: f64) -> Option<Decimal> {
    if !x.is_finite() || x.abs() > 1e15 {
        return None;
    }
    Decimal::from_f64(x).map(|d| d.round_dp(4))
}

impl Priced {
    /// The borrower's cash flows, period 0 first: what she receives, then
    /// each period's savings refunded less all she pays.
    pub fn cash_flows(&self) -> Vec<Decimal> {
        std::iter::once(self.received)
            .chain(self.schedule.iter().map(|r| r.refund - r.pays()))
            .collect()
    }

    /// APR in percent rounded to 4 places, for display and JSON; `None`
    /// when it is beyond any meaningful number.
    pub fn apr(&self) -> Option<Decimal> {
        rate_decimal(self.apr_percent)
    }

    /// EIR in percent rounded to 4 places; `None` when beyond any number.
    pub fn eir(&self) -> Option<Decimal> {
        rate_decimal(self.eir_percent)
    }

    /// The markup-only APR in percent rounded to 4 places.
    pub fn markup_only_apr(&self) -> Option<Decimal> {
        rate_decimal(self.markup_only_apr_percent)
    }

    /// The cost split: markup, charges (before tax) and taxes; and the
    /// interest on savings, which lowers it.
    pub fn cost_parts(&self) -> (Decimal, Decimal, Decimal, Decimal) {
        let charges: Decimal = self.charges.iter().map(|c| c.rupees).sum();
        (
            self.total_markup,
            charges,
            self.total_tax,
            self.savings_interest,
        )
    }
}

impl fmt::Display for Priced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::money::rs_paisa;
        let name = self.terms.basis.rate_name();
        let pct = |x: Option<Decimal>| match x {
            Some(d) => crate::money::percent_text(d, 2),
            None => "beyond any meaningful figure".to_string(),
        };
        // The instalments she pays as they are: "x 12" only when all twelve
        // are the same, else the regular ones counted apart from the last.
        let last_differs =
            self.count > 1 && rs_paisa(self.last_instalment) != rs_paisa(self.instalment);
        writeln!(
            f,
            "Instalment        {} x {}",
            rs_paisa(self.instalment),
            self.count - u32::from(last_differs)
        )?;
        if last_differs {
            writeln!(f, "Last instalment   {}", rs_paisa(self.last_instalment))?;
        }
        if self.grace_periods > 0 && self.count > 1 {
            let periods = |n: u32| {
                if n == 1 {
                    "1 period".to_string()
                } else {
                    format!("{n} periods")
                }
            };
            writeln!(
                f,
                "Grace             {} before the first instalment (markup {}): {} in all",
                periods(self.grace_periods),
                self.terms.grace_markup.words(),
                periods(self.grace_periods + self.count)
            )?;
        }
        writeln!(f, "Received in hand  {}", rs_paisa(self.received))?;
        writeln!(f, "Total repaid      {}", rs_paisa(self.total_repaid))?;
        let (markup, charges, tax, interest) = self.cost_parts();
        let mut parts = vec![format!("markup {}", rs_paisa(markup))];
        parts.push(format!("charges {}", rs_paisa(charges)));
        if !tax.is_zero() {
            parts.push(format!("tax {}", rs_paisa(tax)));
        }
        if !interest.is_zero() {
            parts.push(format!("less interest on savings {}", rs_paisa(interest)));
        }
        writeln!(
            f,
            "Cost of credit    {} ({})",
            rs_paisa(self.total_cost),
            parts.join(", ")
        )?;
        for c in &self.charges {
            let tax = if c.tax.is_zero() {
                String::new()
            } else {
                format!(" + tax {}", rs_paisa(c.tax))
            };
            // A charge with each instalment: what it is each time, then in all.
            let rupees = match c.timing {
                Timing::PerInstalment if self.count > 1 => {
                    format!("{} in all ({} instalments)", rs_paisa(c.rupees), self.count)
                }
                _ => rs_paisa(c.rupees),
            };
            writeln!(
                f,
                "  {:<15} {rupees}{tax}, {}, to {}",
                c.name,
                c.timing.words(),
                c.payee.words()
            )?;
        }
        if !self.deposit.is_zero() {
            writeln!(
                f,
                "Savings withheld  {} at disbursement",
                rs_paisa(self.deposit)
            )?;
        }
        if !self.savings_collected.is_zero() {
            writeln!(
                f,
                "Savings paid in   {} with the instalments",
                rs_paisa(self.savings_collected)
            )?;
        }
        if !self.savings_refunded.is_zero() {
            writeln!(
                f,
                "Savings refunded  {} with the last instalment",
                rs_paisa(self.savings_refunded)
            )?;
        }
        writeln!(f, "{name:<17} {}", pct(self.apr()))?;
        writeln!(
            f,
            "{:<17} {}",
            "markup-only APR",
            pct(self.markup_only_apr())
        )?;
        write!(f, "{:<17} {}", "EIR", pct(self.eir()))
    }
}
