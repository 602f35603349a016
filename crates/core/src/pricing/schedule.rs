//! Prices a loan: its schedule, cash flows, rupee totals, APR and EIR.

use super::rate::{RateError, irr};
use super::terms::{Basis, Frequency, LoanTerms, MAX_MONTHS, MarkupPer, Rounding};
use crate::money::Charge;
use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a loan could not be priced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    /// The amount is zero or negative.
    #[error("the loan amount must be above zero")]
    NoAmount,
    /// The amount is beyond what the engine accepts.
    #[error("the loan amount is above Rs 10,00,000 crore (10^12)")]
    AmountTooLarge,
    /// Zero months.
    #[error("the term must be at least one month")]
    NoTerm,
    /// More than 120 months, or too many periods.
    #[error("the term is too long: at most 120 months and 6,240 instalments")]
    TermTooLong,
    /// Zero instalments.
    #[error("there must be at least one instalment")]
    NoInstalments,
    /// Negative or absurd markup.
    #[error("the markup must be between 0% and 1000%")]
    BadMarkup,
    /// A negative charge or deposit.
    #[error("charges and deposits cannot be negative")]
    NegativeCharge,
    /// Fees, insurance and deposit take everything lent.
    #[error(
        "the upfront fees, insurance and deposit take all of the loan: the borrower receives nothing"
    )]
    NothingReceived,
    /// The figures grow beyond what exact arithmetic holds (28 digits).
    #[error("the loan's figures grow too large to compute exactly: check the markup and the term")]
    TooLarge,
    /// No non-negative rate solves the cash flows.
    #[error("{0}")]
    NoRate(#[from] RateError),
}

/// One row of a repayment schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRow {
    /// The period, 1 = the first period after disbursement.
    pub period: u32,
    /// The instalment due (zero in a grace period).
    pub due: Decimal,
    /// The part of it that repays the amount lent.
    pub principal: Decimal,
    /// The part of it that is markup (profit for murabaha).
    pub markup: Decimal,
    /// Other charges paid with it (periodic insurance).
    pub charges: Decimal,
    /// What is still owed after it: principal plus any markup already accrued.
    pub balance: Decimal,
}

/// The priced loan: every figure a member or a board needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Priced {
    /// The terms priced.
    pub terms: LoanTerms,
    /// The regular instalment (the first one).
    pub instalment: Decimal,
    /// The last instalment, which absorbs rounding.
    pub last_instalment: Decimal,
    /// How many instalments.
    pub count: u32,
    /// Periods in a year for the rates.
    pub periods_per_year: u32,
    /// Grace periods before the first instalment (a bullet's months of waiting included).
    pub grace_periods: u32,
    /// The sum of all instalments.
    pub total_repaid: Decimal,
    /// The markup in all instalments.
    pub total_markup: Decimal,
    /// Fees and insurance paid at disbursement.
    pub upfront_charges: Decimal,
    /// Charges paid with the instalments, in all.
    pub periodic_charges: Decimal,
    /// Deposit withheld at disbursement and refunded at the end.
    pub deposit: Decimal,
    /// What the borrower has in hand at disbursement: amount less upfront charges and deposit.
    pub received: Decimal,
    /// Everything paid beyond what was received, in rupees: instalments,
    /// fees, insurance, less the amount and the refunded deposit.
    pub total_cost: Decimal,
    /// The periodic rate (IRR) of the cash flows.
    pub periodic_rate: f64,
    /// APR in percent, r x periods per year.
    pub apr_percent: f64,
    /// EIR in percent, (1 + r)^periods per year - 1.
    pub eir_percent: f64,
    /// The borrower's cash flows, period 0 first.
    pub cash_flows: Vec<Decimal>,
    /// The schedule, grace periods included.
    pub schedule: Vec<ScheduleRow>,
}

impl Priced {
    /// APR in percent as a Decimal rounded to 4 places, for display and JSON.
    pub fn apr(&self) -> Decimal {
        Decimal::from_f64(self.apr_percent)
            .unwrap_or_default()
            .round_dp(4)
    }

    /// EIR in percent as a Decimal rounded to 4 places.
    pub fn eir(&self) -> Decimal {
        Decimal::from_f64(self.eir_percent)
            .unwrap_or_default()
            .round_dp(4)
    }
}

/// The largest balance the engine computes with (Rs 10^18): far beyond any
/// real loan, and small enough that no sum of a schedule overflows.
const LIMIT: Decimal = rust_decimal::dec!(1_000_000_000_000_000_000);

/// Splits `total` into `n` parts of `round(total / n)`, the last taking the
/// difference, so the parts sum exactly to `total`.
fn split_even(total: Decimal, n: u32, rounding: Rounding) -> (Decimal, Decimal) {
    let nd = Decimal::from(n);
    let each = rounding.apply(total / nd);
    let last = total - each * (nd - Decimal::ONE);
    (each, last)
}

/// Prices a loan: schedule, cash flows, rupee totals, APR and EIR.
pub fn price(terms: &LoanTerms) -> Result<Priced, PricingError> {
    let t = terms;
    if t.amount <= Decimal::ZERO {
        return Err(PricingError::NoAmount);
    }
    if t.amount > crate::money::MAX_AMOUNT {
        return Err(PricingError::AmountTooLarge);
    }
    if t.months == 0 {
        return Err(PricingError::NoTerm);
    }
    if t.months > MAX_MONTHS {
        return Err(PricingError::TermTooLong);
    }
    let markup = if t.basis == Basis::Qard {
        Decimal::ZERO
    } else {
        t.markup_percent
    };
    if markup < Decimal::ZERO || markup > crate::money::MAX_PERCENT {
        return Err(PricingError::BadMarkup);
    }
    let fee = t.fee.on(t.amount);
    let insurance = t.insurance.on(t.amount);
    let deposit = t.deposit.on(t.amount);
    let negative = |c: &Charge| match *c {
        Charge::Rupees(d) | Charge::Percent(d) => d < Decimal::ZERO,
    };
    if negative(&t.fee)
        || negative(&t.insurance)
        || negative(&t.deposit)
        || t.charge_per_instalment < Decimal::ZERO
    {
        return Err(PricingError::NegativeCharge);
    }
    let ppy = t.frequency.periods_per_year();
    let (count, grace) = match t.frequency {
        Frequency::Bullet => (1, t.grace_periods + t.months - 1),
        f => {
            let default = (t.months * f.periods_per_year() + 6) / 12;
            (t.instalments.unwrap_or(default.max(1)), t.grace_periods)
        }
    };
    if count == 0 {
        return Err(PricingError::NoInstalments);
    }
    if count > MAX_MONTHS * 52 || grace > MAX_MONTHS * 52 {
        return Err(PricingError::TermTooLong);
    }
    let total_periods = count + grace;
    let rate = markup / Decimal::ONE_HUNDRED;
    let r = t.rounding;
    let mut schedule = Vec::with_capacity(total_periods as usize);
    for period in 1..=grace {
        schedule.push(ScheduleRow {
            period,
            due: Decimal::ZERO,
            principal: Decimal::ZERO,
            markup: Decimal::ZERO,
            charges: Decimal::ZERO,
            balance: t.amount,
        });
    }
    let charges = t.charge_per_instalment;
    match t.basis {
        Basis::Flat | Basis::Murabaha | Basis::Qard => {
            let total_markup = match t.markup_per {
                MarkupPer::Year => t
                    .amount
                    .checked_mul(rate)
                    .and_then(|x| x.checked_mul(Decimal::from(total_periods)))
                    .and_then(|x| x.checked_div(Decimal::from(ppy)))
                    .ok_or(PricingError::TooLarge)?,
                MarkupPer::Term => t.amount.checked_mul(rate).ok_or(PricingError::TooLarge)?,
            };
            let total_markup = r.apply(total_markup);
            let (due, last_due) = split_even(t.amount + total_markup, count, r);
            let (principal, last_principal) = split_even(t.amount, count, r);
            let mut balance = t.amount + total_markup;
            for k in 1..=count {
                let is_last = k == count;
                let d = if is_last { last_due } else { due };
                let p = if is_last { last_principal } else { principal };
                balance -= d;
                schedule.push(ScheduleRow {
                    period: grace + k,
                    due: d,
                    principal: p,
                    markup: d - p,
                    charges,
                    balance,
                });
            }
        }
        Basis::Declining => {
            let i = match t.markup_per {
                MarkupPer::Year => rate / Decimal::from(ppy),
                MarkupPer::Term => rate / Decimal::from(total_periods),
            };
            // Markup accrued in grace periods is added to what is owed and
            // repaid first, before the amount lent.
            let mut deferred = Decimal::ZERO;
            let mut owed = t.amount;
            for row in schedule.iter_mut() {
                let m = r.apply(owed * i);
                deferred += m;
                owed += m;
                if owed > LIMIT {
                    return Err(PricingError::TooLarge);
                }
                row.balance = owed;
            }
            let due = r.apply(annuity(owed, i, count).ok_or(PricingError::TooLarge)?);
            for k in 1..=count {
                let interest = r.apply(owed.checked_mul(i).ok_or(PricingError::TooLarge)?);
                let owed_now = owed.checked_add(interest).ok_or(PricingError::TooLarge)?;
                let d = if k == count { owed_now } else { due };
                let mut p = d - interest;
                let mut m = interest;
                let from_deferred = p.min(deferred).max(Decimal::ZERO);
                deferred -= from_deferred;
                p -= from_deferred;
                m += from_deferred;
                owed = owed_now - d;
                schedule.push(ScheduleRow {
                    period: grace + k,
                    due: d,
                    principal: p,
                    markup: m,
                    charges,
                    balance: owed,
                });
            }
        }
    }
    let first_pay = &schedule[grace as usize];
    let instalment = first_pay.due;
    let last_instalment = schedule.last().map(|s| s.due).unwrap_or_default();
    let total_repaid: Decimal = schedule.iter().map(|s| s.due).sum();
    let total_markup: Decimal = schedule.iter().map(|s| s.markup).sum();
    let periodic_charges = charges * Decimal::from(count);
    let received = t.amount - fee - insurance - deposit;
    if received <= Decimal::ZERO {
        return Err(PricingError::NothingReceived);
    }
    let mut cash_flows = Vec::with_capacity(total_periods as usize + 1);
    cash_flows.push(received);
    for row in &schedule {
        cash_flows.push(-(row.due + row.charges));
    }
    if let Some(last) = cash_flows.last_mut() {
        *last += deposit;
    }
    let total_cost = -cash_flows.iter().copied().sum::<Decimal>();
    let flows: Vec<f64> = cash_flows
        .iter()
        .map(|d| crate::money::to_f64(*d))
        .collect();
    let guess = crate::money::to_f64(rate) / ppy as f64 * 1.8 + 1e-3;
    let periodic_rate = irr(&flows, guess)?;
    let ppy_f = ppy as f64;
    let apr_percent = periodic_rate * ppy_f * 100.0;
    let eir = ((1.0 + periodic_rate).ln() * ppy_f).exp_m1() * 100.0;
    let eir_percent = if eir.is_finite() { eir } else { f64::MAX };
    Ok(Priced {
        terms: t.clone(),
        instalment,
        last_instalment,
        count,
        periods_per_year: ppy,
        grace_periods: grace,
        total_repaid,
        total_markup,
        upfront_charges: fee + insurance,
        periodic_charges,
        deposit,
        received,
        total_cost,
        periodic_rate,
        apr_percent,
        eir_percent,
        cash_flows,
        schedule,
    })
}

/// The equal instalment that repays `owed` in `n` periods at periodic rate
/// `i`: owed * i / (1 - (1 + i)^-n), or owed / n at zero. `None` when the
/// figures overflow 28 digits.
pub fn annuity(owed: Decimal, i: Decimal, n: u32) -> Option<Decimal> {
    if i.is_zero() || n == 0 {
        return owed.checked_div(Decimal::from(n.max(1)));
    }
    // (1 + i)^n by repeated squaring in Decimal keeps 28 significant digits;
    // a growth beyond Decimal's range makes its inverse zero, which is right.
    let growth = pow_u32(Decimal::ONE + i, n);
    let shrink = Decimal::ONE.checked_div(growth).unwrap_or(Decimal::ZERO);
    let denominator = Decimal::ONE - shrink;
    if denominator.is_zero() {
        return owed.checked_div(Decimal::from(n));
    }
    owed.checked_mul(i)?.checked_div(denominator)
}

fn pow_u32(base: Decimal, mut n: u32) -> Decimal {
    let mut result = Decimal::ONE;
    let mut b = base;
    while n > 0 {
        if n & 1 == 1 {
            result = result.checked_mul(b).unwrap_or(Decimal::MAX);
        }
        n >>= 1;
        if n > 0 {
            b = b.checked_mul(b).unwrap_or(Decimal::MAX);
        }
    }
    result
}

impl fmt::Display for Priced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::money::rs_paisa;
        let name = self.terms.basis.rate_name();
        writeln!(
            f,
            "Instalment        {} x {}",
            rs_paisa(self.instalment),
            self.count
        )?;
        if self.last_instalment != self.instalment {
            writeln!(f, "Last instalment   {}", rs_paisa(self.last_instalment))?;
        }
        writeln!(f, "Received in hand  {}", rs_paisa(self.received))?;
        writeln!(f, "Total repaid      {}", rs_paisa(self.total_repaid))?;
        writeln!(
            f,
            "Cost of credit    {} (markup {}, charges {})",
            rs_paisa(self.total_cost),
            rs_paisa(self.total_markup),
            rs_paisa(self.upfront_charges + self.periodic_charges)
        )?;
        if !self.deposit.is_zero() {
            writeln!(
                f,
                "Deposit withheld  {} (refunded with the last instalment)",
                rs_paisa(self.deposit)
            )?;
        }
        writeln!(f, "{name:<17} {:.2}%", self.apr_percent)?;
        write!(f, "{:<17} {:.2}%", "EIR", self.eir_percent)
    }
}
