//! Prices a loan: works out its schedule (with dates when the disbursement
//! date is known), cash flows, rupee totals, every charge and tax and the
//! savings, the full APR and EIR, and the markup-only APR beside them, into
//! a [`Priced`] loan; and says why a loan cannot be priced.
//!
//! The borrower's cash flows, as MFTransparency builds them: at
//! disbursement, the amount less the charges deducted and the savings
//! withheld; each period, the instalment (principal and markup) with the
//! charges, taxes and savings paid with it; at the end, the savings refunded
//! with their interest. The full APR is the rate of these flows; the
//! markup-only APR that of the amount owed and the instalments alone.

use super::charges::{Charge, SavingsTiming, Timing};
use super::priced::{ChargeLine, Priced, ScheduleRow};
use super::rate::{RateError, irr};
use super::terms::{
    Basis, DayCount, Frequency, GraceMarkup, LoanTerms, MAX_MONTHS, MarkupPer, Rounding, Structure,
};
use super::units::{LIMIT, Money, Paisa, Rupees, percent};
use crate::date::Date;
use rust_decimal::prelude::*;

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
    #[error(
        "the loan is too long: its term and any grace periods together at most 120 months (6,240 weekly instalments)"
    )]
    TermTooLong,
    /// Zero instalments.
    #[error("there must be at least one instalment")]
    NoInstalments,
    /// Negative or absurd markup.
    #[error("the markup must be between 0% and 1000%")]
    BadMarkup,
    /// A negative charge, tax or savings.
    #[error("charges, taxes and savings cannot be negative")]
    NegativeCharge,
    /// Terms that contradict each other.
    #[error("{0}")]
    Contradiction(String),
    /// Charges and savings deducted at disbursement take everything lent.
    #[error(
        "the charges and savings deducted at disbursement ({}) take all of the loan ({}): the borrower receives nothing",
        crate::money::rs(*deducted),
        crate::money::rs(*amount)
    )]
    NothingReceived {
        /// What is deducted and withheld.
        deducted: Decimal,
        /// The amount lent.
        amount: Decimal,
    },
    /// A due date falls after the calendar's last day.
    #[error(
        "the last due date would fall after 31 Dec 9999, the end of the calendar: check the disbursement date"
    )]
    BeyondCalendar,
    /// The figures grow beyond what exact arithmetic holds (28 digits).
    #[error("the loan's figures grow too large to compute exactly: check the markup and the term")]
    TooLarge,
    /// No non-negative rate solves the cash flows.
    #[error("{0}")]
    NoRate(#[from] RateError),
}

/// The 30/360 days from one date to the next.
fn days_30_360(a: Date, b: Date) -> i64 {
    let d1 = i64::from(a.day().min(30));
    let d2 = i64::from(b.day().min(30));
    360 * i64::from(b.year() - a.year())
        + 30 * (i64::from(b.month()) - i64::from(a.month()))
        + (d2 - d1)
}

/// Checks the terms and says which ones contradict each other.
fn check(t: &LoanTerms) -> Result<(), PricingError> {
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
    let markup = t.markup_percent;
    if markup < Decimal::ZERO || markup > crate::money::MAX_PERCENT {
        return Err(PricingError::BadMarkup);
    }
    if t.charges.iter().any(Charge::negative)
        || t.savings
            .as_ref()
            .is_some_and(|s| s.interest_percent.is_sign_negative() && !s.interest_percent.is_zero())
    {
        return Err(PricingError::NegativeCharge);
    }
    let bullet = t.structure == Structure::Bullet || t.frequency == Frequency::Bullet;
    if bullet && t.instalments.is_some_and(|n| n != 1) {
        return Err(PricingError::Contradiction(
            "a bullet loan is repaid in one payment: it cannot have several instalments".into(),
        ));
    }
    if bullet && t.grace_periods > 0 {
        return Err(PricingError::Contradiction(
            "a bullet loan pays nothing before its end: grace periods add nothing to it".into(),
        ));
    }
    if t.structure == Structure::Equal && t.instalments == Some(1) && t.months > 1 {
        return Err(PricingError::Contradiction(format!(
            "one instalment after {} months is a bullet loan: say so (structure bullet)",
            t.months
        )));
    }
    Ok(())
}

/// Prices a loan: schedule, cash flows, rupee totals, APR and EIR.
///
/// Worked out in whole rupees or whole paisa when instalments are rounded
/// to the rupee or the paisa (the usual case), else in `Decimal`: each
/// gives the same figures (a property test holds them to it), the first
/// two many times faster.
pub fn price(terms: &LoanTerms) -> Result<Priced, PricingError> {
    check(terms)?;
    let done = match terms.rounding {
        Rounding::Rupee if terms.amount.fract().is_zero() => engine::<Rupees>(terms),
        Rounding::Rupee | Rounding::Paisa => engine::<Paisa>(terms),
        Rounding::None => return engine::<Decimal>(terms),
    };
    match done {
        // Beyond what whole rupees or paisa hold: the same loan in Decimal.
        Err(PricingError::TooLarge) => engine::<Decimal>(terms),
        done => done,
    }
}

/// [`price`] worked out in `Decimal` whatever the rounding: the reference
/// the faster path is tested against.
pub fn price_in_decimal(terms: &LoanTerms) -> Result<Priced, PricingError> {
    check(terms)?;
    engine::<Decimal>(terms)
}

/// A row of the schedule: due, principal, markup, charges, tax, savings and
/// balance. Zero is the common case of the charges, tax and savings,
/// written without converting.
#[inline(always)]
fn row<M: Money>(dates: &Option<Vec<Date>>, period: u32, figures: [M; 7]) -> ScheduleRow {
    let dec = |x: M| if x.is_zero() { Decimal::ZERO } else { x.dec() };
    let [due, principal, markup, charges, tax, savings, balance] = figures;
    ScheduleRow {
        period,
        date: dates.as_ref().map(|d| d[period as usize]),
        due: due.dec(),
        principal: dec(principal),
        markup: dec(markup),
        charges: dec(charges),
        tax: dec(tax),
        savings: dec(savings),
        refund: Decimal::ZERO,
        balance: dec(balance),
    }
}

/// The schedule and its figures, in money `M`.
fn engine<M: Money>(t: &LoanTerms) -> Result<Priced, PricingError> {
    engine_rounding::<M>(t, 0)
}

/// How many times an instalment is lowered by a unit before a row is held
/// to what is still owed ([`engine_rounding`]).
const LOWERINGS: u32 = 16;

/// [`engine`], with equal instalments of a declining markup rounded to the
/// nearest unit (`less` 0), or down and then `less - 1` units lower. Where
/// an instalment would repay the loan before its last (Rs 5,305 at 8.41%
/// declining over 139 weeks: Rs 42.64 a week rounded to Rs 43 leaves the
/// last at -Rs 12; a tiny markup whose interest, rounded each week, falls
/// short of the instalment's), the schedule is worked out again with the
/// instalment a unit lower, the last taking the rest; after
/// [`LOWERINGS`] tries each row repays at most what is owed.
fn engine_rounding<M: Money>(t: &LoanTerms, less: u32) -> Result<Priced, PricingError> {
    let too_large = || PricingError::TooLarge;
    let bullet = t.structure == Structure::Bullet || t.frequency == Frequency::Bullet;
    let structure = if bullet {
        Structure::Bullet
    } else {
        t.structure
    };
    let frequency = if t.frequency == Frequency::Bullet {
        Frequency::Monthly
    } else {
        t.frequency
    };
    let markup = if t.basis == Basis::Qard {
        Decimal::ZERO
    } else {
        t.markup_percent
    };
    let ppy = frequency.periods_per_year();
    let term_periods = ((t.months * ppy + 6) / 12).max(1);
    let (count, grace) = if structure == Structure::Bullet {
        (1, term_periods - 1)
    } else {
        (t.instalments.unwrap_or(term_periods), t.grace_periods)
    };
    if count == 0 {
        return Err(PricingError::NoInstalments);
    }
    let total_periods = count.checked_add(grace).ok_or(PricingError::TermTooLong)?;
    // The whole loan, grace included, within 120 months.
    if count > MAX_MONTHS * 52
        || u64::from(total_periods) * 12 > u64::from(MAX_MONTHS) * u64::from(ppy) + u64::from(ppy)
    {
        return Err(PricingError::TermTooLong);
    }
    let r = t.rounding;
    let round = |d: Decimal| M::round(d, r).ok_or_else(too_large);
    let rate = percent(markup);
    let tax_on = |c: &Charge, base: M| match c.tax_percent {
        Some(p) => round(percent(base.dec() * p)),
        None => Ok(M::ZERO),
    };
    let amount = M::exact(t.amount).ok_or_else(too_large)?;

    // The charges at disbursement: deducted, or financed (added to what she
    // owes); each charge's rupees and tax over the whole loan.
    // On the stack for the usual few charges.
    let mut few = [(M::ZERO, M::ZERO); 8];
    let mut many = Vec::new();
    let sums: &mut [(M, M)] = if t.charges.len() <= few.len() {
        &mut few[..t.charges.len()]
    } else {
        many.resize(t.charges.len(), (M::ZERO, M::ZERO));
        &mut many
    };
    let (mut upfront, mut financed, mut total_tax) = (M::ZERO, M::ZERO, M::ZERO);
    for (c, sum) in t.charges.iter().zip(sums.iter_mut()) {
        if c.timing == Timing::PerInstalment {
            continue;
        }
        let base = round(c.amount.on(t.amount, t.amount))?;
        let tax = tax_on(c, base)?;
        *sum = (base, tax);
        total_tax += tax;
        match c.timing {
            Timing::Financed => financed += base + tax,
            _ => upfront += base + tax,
        }
    }
    let principal = amount + financed;
    let savings = t.savings.as_ref();
    let withheld = match savings {
        Some(s) if s.timing == SavingsTiming::Upfront => round(s.amount.on(t.amount, t.amount))?,
        _ => M::ZERO,
    };
    let per_saving = match savings {
        Some(s) if s.timing == SavingsTiming::PerInstalment => {
            round(s.amount.on(t.amount, t.amount))?
        }
        _ => M::ZERO,
    };
    let received = amount - upfront - withheld;
    if received <= M::ZERO {
        return Err(PricingError::NothingReceived {
            deducted: (upfront + withheld).dec(),
            amount: amount.dec(),
        });
    }

    // Each period's share of a year for the markup, and the dates.
    let dates: Option<Vec<Date>> = match t.disbursed {
        Some(d0) => Some(
            (0..=total_periods)
                .map(|k| frequency.checked_due_date(d0, k))
                .collect::<Option<Vec<Date>>>()
                .ok_or(PricingError::BeyondCalendar)?,
        ),
        None => None,
    };
    // The markup is a share of a year (or of the term) per period; a flat
    // markup over n periods is worked out as amount x rate x n / divisor,
    // multiplying before dividing, so that Rs 12,412.50 stays exactly that
    // and is not Rs 12,412.4999... rounded down.
    let divisor = Decimal::from(match t.markup_per {
        MarkupPer::Year => ppy,
        MarkupPer::Term => total_periods,
    });
    // Worked out only where a period's markup is (a flat loan in equal
    // instalments with no grace never needs it).
    let nominal = std::cell::OnceCell::new();
    let nominal = || *nominal.get_or_init(|| rate / divisor);
    // A period's share of the rate as a fraction: its numerator (the rate,
    // or the rate times the period's days) and its denominator (the periods
    // in a year or the term, or 365 or 360 days), so that sums over periods
    // are divided once and stay exact.
    let period_parts = |k: u32| -> (Decimal, Decimal) {
        match (t.basis, t.markup_per, t.day_count, &dates) {
            (Basis::Declining, MarkupPer::Year, DayCount::Actual365, Some(d)) => (
                rate * Decimal::from(d[k as usize - 1].days_until(d[k as usize])),
                Decimal::from(365),
            ),
            (Basis::Declining, MarkupPer::Year, DayCount::Thirty360, Some(d)) => (
                rate * Decimal::from(days_30_360(d[k as usize - 1], d[k as usize])),
                Decimal::from(360),
            ),
            _ => (rate, divisor),
        }
    };
    let period_rate = |k: u32| -> Decimal {
        match (t.basis, t.markup_per, t.day_count, &dates) {
            (
                Basis::Declining,
                MarkupPer::Year,
                DayCount::Actual365 | DayCount::Thirty360,
                Some(_),
            ) => {
                let (share, denominator) = period_parts(k);
                share / denominator
            }
            _ => nominal(),
        }
    };
    // The exact markup on `base` for period `k`.
    let markup_on = |base: M, k: u32| base.dec().checked_mul(period_rate(k)).ok_or_else(too_large);
    let flat = t.basis != Basis::Declining;

    let mut schedule = Vec::with_capacity(total_periods as usize);
    let mut owed = principal;
    // Markup of the grace periods still to pay, exact until it is repaid.
    let mut deferred = Decimal::ZERO;
    // Markup of the grace periods added to the balance: what the instalments
    // repay of it first is markup, not the amount lent.
    let mut capitalised = M::ZERO;
    // A bullet pays nothing before its end, whatever is said of grace.
    let grace_rule = if structure == Structure::Bullet && t.grace_markup == GraceMarkup::Paid {
        GraceMarkup::Accrued
    } else {
        t.grace_markup
    };
    // What the instalments repay besides the amount: for a flat markup with
    // equal instalments, the whole markup at once (rounded once); otherwise
    // each period's markup, and the grace periods' markup in equal shares.
    let flat_equal = flat && structure == Structure::Equal;
    let flat_markup = if flat_equal {
        let unpaid_grace = if grace_rule == GraceMarkup::Paid {
            0
        } else {
            grace
        };
        round(
            principal
                .dec()
                .checked_mul(rate)
                .and_then(|x| x.checked_mul(Decimal::from(count + unpaid_grace)))
                .map(|x| x / divisor)
                .ok_or_else(too_large)?,
        )?
    } else {
        M::ZERO
    };
    // The totals, and the cash flows for the rate solver, period 0 first.
    let (mut total_repaid, mut total_markup, mut periodic_charges, mut scheduled) =
        (M::ZERO, M::ZERO, M::ZERO, M::ZERO);
    // Both sets of flows in one allocation: hers, then what she owes and
    // the instalments alone (for the markup-only rate).
    let periods = total_periods as usize + 1;
    let mut both = vec![0.0f64; 2 * periods];
    let (flows, markup_flows) = both.split_at_mut(periods);
    flows[0] = received.f64();
    markup_flows[0] = principal.f64();
    let mut at = 1;
    let (mut first_pay, mut last_pay) = (M::ZERO, M::ZERO);
    for k in 1..=grace {
        let base = if flat { principal } else { owed };
        let exact = markup_on(base, k)?;
        let due = match grace_rule {
            GraceMarkup::Paid => round(exact)?,
            // Flat markup is on the amount whatever is owed: capitalising it
            // changes nothing.
            GraceMarkup::Accrued | GraceMarkup::Capitalised if flat => {
                deferred += exact;
                M::ZERO
            }
            GraceMarkup::Accrued => {
                deferred += exact;
                M::ZERO
            }
            GraceMarkup::Capitalised => {
                let x = round(exact)?;
                owed += x;
                capitalised += x;
                M::ZERO
            }
        };
        if owed.over_limit() || deferred > LIMIT {
            return Err(PricingError::TooLarge);
        }
        // A flat markup is owed whole from the first day.
        let balance = if flat_equal {
            owed + flat_markup
        } else {
            owed + round(deferred)?
        };
        schedule.push(row(
            &dates,
            k,
            [due, M::ZERO, due, M::ZERO, M::ZERO, M::ZERO, balance],
        ));
        total_repaid += due;
        total_markup += due;
        scheduled += due;
        markup_flows[at] = -due.f64();
        flows[at] = -due.f64();
        at += 1;
    }

    let (flat_due, flat_last) = M::split_even(owed + flat_markup, count, r);
    // The markup in each equal flat instalment: the markup split evenly,
    // so that no row's markup is below nothing; the principal is the rest.
    let (flat_mark, _) = M::split_even(flat_markup, count, r);
    let mut flat_left = owed + flat_markup;
    let deferred_rounded = round(deferred)?;
    let (share, share_last) = if flat_equal || count == 1 {
        (M::ZERO, M::ZERO)
    } else {
        M::split_even(deferred_rounded, count, r)
    };
    let mut deferred_left = if flat_equal {
        M::ZERO
    } else {
        deferred_rounded
    };
    let annuity_due = if !flat && structure == Structure::Equal {
        let exact = annuity(owed.dec(), nominal(), count).ok_or_else(too_large)?;
        round(match less {
            0 => exact,
            _ => (r.apply_down(exact) - r.unit() * Decimal::from(less - 1)).max(Decimal::ZERO),
        })?
    } else {
        M::ZERO
    };
    let per_instalment = t.charges.iter().any(|c| c.timing == Timing::PerInstalment);
    // Markup only each period: each period's markup rounded, the last
    // taking what rounding left, so that the markup in all is the exact
    // markup rounded once (Rs 50,000 at 25% over 12 months: Rs 12,500, not
    // twelve times Rs 1,042), worked out here once. Where each period's
    // markup rounded to the nearest unit would pay more before the last
    // instalment than that (a tiny markup over many periods: Rs 13.69 a
    // month over 48 months is Rs 657 in all, and 47 x Rs 14 is Rs 658), each
    // is rounded down instead and the last takes the rest, so that no
    // instalment's markup is below nothing.
    let mut only_paid = M::ZERO;
    let (only_total, only_down) =
        if matches!(structure, Structure::InterestOnly | Structure::Bullet) && count > 1 {
            // The balance stays whole until the last instalment repays it.
            let base = if flat { principal } else { owed };
            let (mut before_last, mut numerator, mut denominator) =
                (M::ZERO, Decimal::ZERO, Decimal::ONE);
            for j in 1..=count {
                let (share_of_rate, d) = period_parts(grace + j);
                numerator += base
                    .dec()
                    .checked_mul(share_of_rate)
                    .ok_or_else(too_large)?;
                denominator = d;
                if j < count {
                    before_last += round(markup_on(base, grace + j)?)?;
                }
            }
            let total = round(numerator / denominator)?;
            (total, before_last > total)
        } else {
            (M::ZERO, false)
        };
    for j in 1..=count {
        let k = grace + j;
        let last = j == count;
        let balance_before = owed;
        let (mut p, mut m) = match structure {
            // Each instalment's share of the markup, the rest principal,
            // never more than is still owed; the last repays what is left.
            // (With a tiny markup over many instalments, rounding each
            // instalment up could otherwise repay more than was lent.)
            Structure::Equal if flat => {
                let d = if last { flat_last } else { flat_due };
                let p = if last {
                    owed
                } else {
                    (d - flat_mark).max_of(M::ZERO).min_of(owed)
                };
                (p, d - p)
            }
            Structure::Equal => {
                let interest = round(markup_on(owed, k)?)?;
                if !last && annuity_due - interest >= owed && less < LOWERINGS {
                    return engine_rounding::<M>(t, less + 1);
                }
                let share = if last { share_last } else { share };
                let p = if last {
                    owed
                } else {
                    (annuity_due - interest).min_of(owed)
                };
                (p, interest + share)
            }
            // Markup only, the amount owed with the last (a bullet's single
            // payment too).
            Structure::InterestOnly | Structure::Bullet => {
                let base = if flat { principal } else { owed };
                let exact = markup_on(base, k)?;
                let m = if count == 1 {
                    round(exact + deferred)?
                } else {
                    let own = if last {
                        (only_total - only_paid).max_of(M::ZERO)
                    } else if only_down {
                        round(r.apply_down(exact))?
                    } else {
                        round(exact)?
                    };
                    only_paid += own;
                    own + if last { share_last } else { share }
                };
                (if last { owed } else { M::ZERO }, m)
            }
        };
        owed -= p;
        if last && !owed.is_zero() {
            // Whatever rounding left belongs to the last instalment.
            p += owed;
            owed = M::ZERO;
        }
        if owed.over_limit() {
            return Err(PricingError::TooLarge);
        }
        let markup_first = p.max_of(M::ZERO).min_of(capitalised);
        capitalised -= markup_first;
        p -= markup_first;
        m += markup_first;
        let due = p + m;
        let balance = if flat_equal {
            flat_left -= due;
            flat_left
        } else {
            deferred_left -= if count == 1 {
                deferred_left
            } else if last {
                share_last
            } else {
                share
            };
            owed + deferred_left.max_of(M::ZERO)
        };
        // Charges and savings paid with each instalment.
        let (mut charges, mut tax) = (M::ZERO, M::ZERO);
        if per_instalment {
            for (c, sum) in t.charges.iter().zip(sums.iter_mut()) {
                if c.timing != Timing::PerInstalment {
                    continue;
                }
                let base = round(c.amount.on(t.amount, balance_before.dec()))?;
                let x = tax_on(c, base)?;
                sum.0 += base;
                sum.1 += x;
                charges += base;
                tax += x;
            }
        }
        total_tax += tax;
        schedule.push(row(
            &dates,
            k,
            [due, p, m, charges, tax, per_saving, balance],
        ));
        markup_flows[at] = -due.f64();
        let extra = charges + tax;
        let pays = due + extra + per_saving;
        total_repaid += due;
        total_markup += m;
        periodic_charges += extra;
        scheduled += pays;
        flows[at] = -pays.f64();
        at += 1;
        if j == 1 {
            first_pay = due;
        }
        last_pay = due;
    }
    // The savings come back at the end, with simple interest for the time
    // each rupee was held.
    let savings_collected = per_saving.times(count);
    let savings_interest = match savings {
        Some(s) if !s.interest_percent.is_zero() => {
            let year = Decimal::from(ppy);
            let sr = percent(s.interest_percent);
            let mut held = withheld.dec() * Decimal::from(total_periods);
            for j in 1..=count {
                held += per_saving.dec() * Decimal::from(total_periods - (grace + j));
            }
            round(held * sr / year)?
        }
        _ => M::ZERO,
    };
    let savings_refunded = withheld + savings_collected + savings_interest;
    if let Some(last) = schedule.last_mut() {
        last.refund = savings_refunded.dec();
    }

    if let Some(last) = flows.last_mut() {
        *last += savings_refunded.f64();
    }
    let total_paid = upfront + withheld + scheduled;
    if M::SATURATES
        && [
            total_paid,
            total_repaid,
            total_tax,
            savings_refunded,
            received,
        ]
        .iter()
        .any(|x| x.over_limit())
    {
        return Err(PricingError::TooLarge);
    }
    let total_cost = scheduled - savings_refunded - received;
    let periodic_rate = irr(flows, super::rate::first_guess(flows))?;
    let ppy_f = ppy as f64;
    let apr_percent = periodic_rate * ppy_f * 100.0;
    let eir = ((1.0 + periodic_rate).powi(ppy as i32) - 1.0) * 100.0;
    let eir_percent = if eir.is_finite() { eir } else { f64::MAX };
    // The markup alone: what she owes against the instalments. With no
    // charge and no savings these are the cash flows already solved.
    let markup_only_apr_percent = if total_markup.is_zero() {
        0.0
    } else if received == principal && periodic_charges.is_zero() && savings_refunded.is_zero() {
        apr_percent
    } else {
        irr(markup_flows, super::rate::first_guess(markup_flows))
            .map(|x| x * ppy_f * 100.0)
            .unwrap_or(0.0)
    };
    let charges = t
        .charges
        .iter()
        .zip(sums.iter().copied())
        .map(|(c, (rupees, tax))| ChargeLine {
            name: c.name.clone(),
            rupees: rupees.dec(),
            tax: tax.dec(),
            timing: c.timing,
            payee: c.payee,
        })
        .collect();
    Ok(Priced {
        terms: t.clone(),
        instalment: first_pay.dec(),
        last_instalment: last_pay.dec(),
        count,
        periods_per_year: ppy,
        grace_periods: grace,
        principal: principal.dec(),
        total_repaid: total_repaid.dec(),
        total_markup: total_markup.dec(),
        charges,
        upfront_charges: upfront.dec(),
        periodic_charges: periodic_charges.dec(),
        financed_charges: financed.dec(),
        total_tax: total_tax.dec(),
        deposit: withheld.dec(),
        savings_collected: savings_collected.dec(),
        savings_interest: savings_interest.dec(),
        savings_refunded: savings_refunded.dec(),
        received: received.dec(),
        total_paid: total_paid.dec(),
        total_cost: total_cost.dec(),
        periodic_rate,
        apr_percent,
        eir_percent,
        markup_only_apr_percent,
        opening_balance: (principal + flat_markup).dec(),
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
