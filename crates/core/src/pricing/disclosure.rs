//! What a lender must tell a borrower before disbursement: the figures of
//! a key facts statement, the same wherever a priced loan is shown.

use super::priced::{ChargeLine, Priced, ScheduleRow};
use super::terms::{Frequency, Structure};
use crate::date::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a lender must tell a borrower before disbursement (a key facts
/// statement's figures), for one priced loan: the same figures wherever the
/// loan is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disclosure {
    /// The amount approved (the goods' cost for murabaha).
    pub amount: Decimal,
    /// What she owes: the amount and any charges financed.
    pub principal: Decimal,
    /// What she has in hand at disbursement.
    pub received: Decimal,
    /// Each charge: name, rupees, tax, when, who receives it.
    pub charges: Vec<ChargeLine>,
    /// Charges deducted at disbursement, tax included.
    pub upfront_charges: Decimal,
    /// Charges paid with the instalments, tax included.
    pub periodic_charges: Decimal,
    /// Charges added to the loan, tax included.
    pub financed_charges: Decimal,
    /// The tax on all charges.
    pub total_tax: Decimal,
    /// Savings withheld at disbursement.
    pub savings_withheld: Decimal,
    /// Savings collected with the instalments.
    pub savings_collected: Decimal,
    /// Interest on the savings.
    pub savings_interest: Decimal,
    /// Savings refunded at the end.
    pub savings_refunded: Decimal,
    /// The regular instalment.
    pub instalment: Decimal,
    /// The last instalment.
    pub last_instalment: Decimal,
    /// What she pays at the first instalment, everything included: the
    /// instalment with the charges, tax and savings paid with it.
    pub regular_payment: Decimal,
    /// How many instalments.
    pub count: u32,
    /// Periods before the first instalment (a bullet's months of waiting).
    pub grace_periods: u32,
    /// Periods in a year.
    pub periods_per_year: u32,
    /// How often.
    pub frequency: Frequency,
    /// Equal, bullet or interest-only.
    pub structure: Structure,
    /// The first and last due dates, when the disbursement date is known.
    pub first_due: Option<Date>,
    /// The last due date.
    pub last_due: Option<Date>,
    /// The sum of the instalments.
    pub total_repaid: Decimal,
    /// Everything she pays.
    pub total_paid: Decimal,
    /// The cost: markup, charges and taxes, less interest on savings.
    pub total_cost: Decimal,
    /// The markup in it.
    pub total_markup: Decimal,
    /// The charges in it, before tax.
    pub total_charges: Decimal,
    /// The full APR, all costs included (`None` when beyond any number).
    pub apr_percent: Option<Decimal>,
    /// The APR of the markup alone.
    pub markup_only_apr_percent: Option<Decimal>,
    /// The EIR.
    pub eir_percent: Option<Decimal>,
    /// "APR", or "cost-equivalent rate" for murabaha.
    pub rate_name: String,
}

impl Disclosure {
    /// What she pays back after the money is in her hand: every payment of
    /// her calendar (instalments, the charges, tax and savings paid with
    /// them), the sum of [`ScheduleRow::pays`]. What is deducted at the start
    /// is not in it: she never holds it.
    pub fn pays_back(&self) -> Decimal {
        self.total_paid - self.upfront_charges - self.savings_withheld
    }

    /// What she hands over on the last due date: the last instalment with
    /// what is paid with every instalment (savings, charges, tax).
    pub fn last_payment(&self) -> Decimal {
        self.last_instalment + (self.regular_payment - self.instalment)
    }
}

impl Priced {
    /// The figures a key facts statement gives.
    pub fn disclosure(&self) -> Disclosure {
        let first_pay = self
            .schedule
            .iter()
            .find(|r| !r.pays().is_zero())
            .and_then(|r| r.date);
        let (_, charges, _, _) = self.cost_parts();
        Disclosure {
            amount: self.terms.amount,
            principal: self.principal,
            received: self.received,
            charges: self.charges.clone(),
            upfront_charges: self.upfront_charges,
            periodic_charges: self.periodic_charges,
            financed_charges: self.financed_charges,
            total_tax: self.total_tax,
            savings_withheld: self.deposit,
            savings_collected: self.savings_collected,
            savings_interest: self.savings_interest,
            savings_refunded: self.savings_refunded,
            instalment: self.instalment,
            last_instalment: self.last_instalment,
            regular_payment: self
                .schedule
                .get(self.grace_periods as usize)
                .or(self.schedule.last())
                .map(ScheduleRow::pays)
                .unwrap_or_default(),
            count: self.count,
            grace_periods: self.grace_periods,
            periods_per_year: self.periods_per_year,
            frequency: if self.terms.frequency == Frequency::Bullet {
                Frequency::Monthly
            } else {
                self.terms.frequency
            },
            structure: if self.terms.frequency == Frequency::Bullet {
                Structure::Bullet
            } else {
                self.terms.structure
            },
            first_due: first_pay,
            last_due: self.schedule.last().and_then(|r| r.date),
            total_repaid: self.total_repaid,
            total_paid: self.total_paid,
            total_cost: self.total_cost,
            total_markup: self.total_markup,
            total_charges: charges,
            apr_percent: self.apr(),
            markup_only_apr_percent: self.markup_only_apr(),
            eir_percent: self.eir(),
            rate_name: self.terms.basis.rate_name().to_string(),
        }
    }
}
