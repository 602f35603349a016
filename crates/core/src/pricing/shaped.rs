//! A loan repaid in monthly payments of a shape of her own, priced: the
//! terms to negotiate with an MFI when its schedule does not fit her months
//! (no instalment in her lean months, or instalments in proportion to the
//! room her months leave).
//!
//! The MFI is taken to charge what its product charges, on the same basis,
//! only spread otherwise:
//! - a **declining-balance** markup keeps running on what is still owed,
//!   month by month at the product's rate (a year's rate over 12; a rate for
//!   the whole term over the loan's months); a month whose payment does not
//!   cover its markup (a month with no payment) leaves the rest to be paid
//!   with the next payments, earning no markup itself (added to the balance,
//!   and then earning markup, only when the product says its grace markup is
//!   capitalised), as the engine counts grace periods;
//! - a **flat** markup (and a murabaha's profit) is charged on the amount for
//!   the whole term, whenever it is repaid: the same total as the product's
//!   over the same months;
//! - **qard-e-hasan**: no markup;
//! - what is taken at the start (charges deducted, savings withheld) is the
//!   product's; the charges, tax and savings it collects with its
//!   instalments keep their total and are paid with the payments, in
//!   proportion to them; the savings come back with the last payment, as
//!   the product returns them.
//!
//! Each payment is a share of one scale (`c x` the month's weight), rounded
//! by the product's rule; the last payment repays what is left. The full APR
//! is the rate of her cash flows (MFTransparency's method, monthly periods:
//! APR = r x 12), as for any offer.

use super::priced::Priced;
use super::rate::{first_guess, irr};
use super::schedule::PricingError;
use super::terms::{Basis, GraceMarkup, MAX_MONTHS, MarkupPer};
use rust_decimal::prelude::*;

/// A loan repaid in payments of a given shape, priced.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    /// The instalment (principal and markup) of each month after the
    /// disbursement, month 1 first; zero in a month with none. The last is
    /// the month of the last payment.
    pub due: Vec<Decimal>,
    /// The charges, tax and savings paid with each.
    pub with: Vec<Decimal>,
    /// What she has in hand at the start (the product's).
    pub received: Decimal,
    /// The savings returned with the last payment.
    pub refund: Decimal,
    /// The markup in all.
    pub total_markup: Decimal,
    /// What the loan costs her: all she pays less what she receives and
    /// what comes back.
    pub total_cost: Decimal,
    /// The full APR in percent (monthly periods, r x 12).
    pub apr_percent: f64,
    /// The EIR in percent, (1 + r)^12 - 1.
    pub eir_percent: f64,
}

impl Shaped {
    /// What she pays in each month after the disbursement (the instalment
    /// with what is paid with it), month 1 first.
    pub fn pays(&self) -> Vec<Decimal> {
        self.due
            .iter()
            .zip(&self.with)
            .map(|(d, w)| d + w)
            .collect()
    }

    /// Her cash flows, the disbursement first: what she receives, then each
    /// month's payment (negative), the savings back with the last.
    pub fn cash_flows(&self) -> Vec<Decimal> {
        let n = self.due.len();
        std::iter::once(self.received)
            .chain(
                self.pays()
                    .into_iter()
                    .enumerate()
                    .map(|(k, p)| if k + 1 == n { self.refund - p } else { -p }),
            )
            .collect()
    }
}

/// `x` in parts of `total` in proportion to `weights`, each rounded by
/// `round`, the last (positive weight) taking what is left; no part below
/// nothing and no part beyond what is left.
fn split(
    total: Decimal,
    weights: &[Decimal],
    round: impl Fn(Decimal) -> Decimal,
) -> Option<Vec<Decimal>> {
    let sum: Decimal = weights.iter().sum();
    if sum <= Decimal::ZERO {
        return None;
    }
    let last = weights.iter().rposition(|w| *w > Decimal::ZERO)?;
    let mut left = total;
    let mut out = Vec::with_capacity(weights.len());
    for (k, w) in weights.iter().enumerate() {
        let part = if k == last {
            left
        } else if k > last {
            Decimal::ZERO
        } else {
            round(total.checked_mul(*w)?.checked_div(sum)?)
                .max(Decimal::ZERO)
                .min(left)
        };
        left -= part;
        out.push(part);
    }
    Some(out)
}

/// Prices the loan of `base` (the offer priced by the engine) repaid in
/// monthly payments in proportion to `weights` (month 1 first; a month of
/// weight zero has no payment; the loan ends with the last month of weight
/// above zero), the markup charged on the offer's basis as the module says.
pub fn price_shaped(base: &Priced, weights: &[Decimal]) -> Result<Shaped, PricingError> {
    let n = weights
        .iter()
        .rposition(|w| *w > Decimal::ZERO)
        .map(|k| k + 1)
        .ok_or(PricingError::NoInstalments)?;
    if weights.iter().any(|w| w.is_sign_negative() && !w.is_zero()) {
        return Err(PricingError::NoInstalments);
    }
    if n as u32 > MAX_MONTHS {
        return Err(PricingError::TermTooLong);
    }
    let weights = &weights[..n];
    let t = &base.terms;
    let rounding = t.rounding;
    let round = |d: Decimal| rounding.apply(d);
    let too_large = || PricingError::TooLarge;
    let principal = base.principal;
    let rate = if t.basis == Basis::Qard {
        Decimal::ZERO
    } else {
        t.markup_percent / Decimal::ONE_HUNDRED
    };
    let months = Decimal::from(n as u32);
    let due = match t.basis {
        Basis::Declining => {
            // A month's share of the rate, as the engine counts it for
            // equal instalments (the rate over 12 or the term's months, to
            // 28 places, then times what is owed): equal shares give the
            // engine's own schedule to the rupee.
            let i = match t.markup_per {
                MarkupPer::Year => rate / Decimal::from(12),
                MarkupPer::Term => rate / months,
            };
            // The scale: what every rupee of weight pays, so that the
            // payments' present value at the monthly rate is what she owes
            // (exact when every payment covers its month's markup; else
            // the last payment takes the difference).
            let mut discount = Decimal::ONE;
            let v = Decimal::ONE
                .checked_div(Decimal::ONE + i)
                .ok_or_else(too_large)?;
            let mut present = Decimal::ZERO;
            for w in weights {
                discount = discount.checked_mul(v).ok_or_else(too_large)?;
                present += w.checked_mul(discount).ok_or_else(too_large)?;
            }
            let c = principal.checked_div(present).ok_or_else(too_large)?;
            let capitalise = t.grace_markup == GraceMarkup::Capitalised;
            let (mut owed, mut accrued) = (principal, Decimal::ZERO);
            let mut out = Vec::with_capacity(n);
            for (k, w) in weights.iter().enumerate() {
                let m = round(owed.checked_mul(i).ok_or_else(too_large)?);
                let markup_due = accrued + m;
                let d = if k + 1 == n {
                    owed + markup_due
                } else {
                    round(c.checked_mul(*w).ok_or_else(too_large)?).min(owed + markup_due)
                };
                let to_markup = d.min(markup_due);
                let unpaid = markup_due - to_markup;
                if capitalise {
                    owed += unpaid;
                    accrued = Decimal::ZERO;
                } else {
                    accrued = unpaid;
                }
                owed -= d - to_markup;
                if owed > super::units::LIMIT {
                    return Err(PricingError::TooLarge);
                }
                out.push(d);
            }
            out
        }
        // Flat, murabaha, qard: the markup on the amount over the term,
        // whenever it is repaid.
        _ => {
            let markup = round(match t.markup_per {
                MarkupPer::Year => {
                    principal
                        .checked_mul(rate)
                        .and_then(|x| x.checked_mul(months))
                        .ok_or_else(too_large)?
                        / Decimal::from(12)
                }
                MarkupPer::Term => principal.checked_mul(rate).ok_or_else(too_large)?,
            });
            split(principal + markup, weights, round).ok_or_else(too_large)?
        }
    };
    let repaid: Decimal = due.iter().sum();
    // The charges, tax and savings of the instalments, with the payments.
    let extras = base.periodic_charges + base.savings_collected;
    let with = if extras.is_zero() {
        vec![Decimal::ZERO; n]
    } else {
        split(extras, &due, round).ok_or_else(too_large)?
    };
    let mut shaped = Shaped {
        total_markup: repaid - principal,
        due,
        with,
        received: base.received,
        refund: base.savings_refunded,
        total_cost: Decimal::ZERO,
        apr_percent: 0.0,
        eir_percent: 0.0,
    };
    let flows = shaped.cash_flows();
    shaped.total_cost = -flows.iter().sum::<Decimal>();
    let f: Vec<f64> = flows.iter().map(|x| x.to_f64().unwrap_or(0.0)).collect();
    let r = irr(&f, first_guess(&f))?;
    shaped.apr_percent = r * 12.0 * 100.0;
    shaped.eir_percent = ((1.0 + r).powi(12) - 1.0) * 100.0;
    Ok(shaped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::{Frequency, LoanTerms, Rounding, Structure, price};
    use rust_decimal::dec;

    fn terms(basis: Basis, markup: Decimal, months: u32) -> LoanTerms {
        LoanTerms {
            basis,
            ..LoanTerms::flat(dec!(25000), markup, months)
        }
    }

    /// Equal weights give the engine's own equal-instalment loan: the same
    /// instalments, cost and APR (flat and declining, rounded to the rupee
    /// and not rounded).
    #[test]
    fn equal_weights_are_the_engines_equal_instalments() {
        for (basis, markup, months) in [
            (Basis::Flat, dec!(25), 12),
            (Basis::Flat, dec!(22), 18),
            (Basis::Declining, dec!(25), 12),
            (Basis::Declining, dec!(30), 24),
            (Basis::Qard, dec!(0), 10),
        ] {
            for rounding in [Rounding::Rupee, Rounding::None] {
                let t = LoanTerms {
                    rounding,
                    ..terms(basis, markup, months)
                };
                let p = price(&t).unwrap();
                let s = price_shaped(&p, &vec![Decimal::ONE; months as usize]).unwrap();
                let engine: Vec<Decimal> = p.schedule.iter().map(|r| r.due).collect();
                assert_eq!(s.due, engine, "{basis:?} {markup} {months} {rounding:?}");
                assert_eq!(s.total_cost, p.total_cost);
                assert!((s.apr_percent - p.apr_percent).abs() < 1e-9);
            }
        }
    }

    /// No payment in three months: a declining markup keeps running on the
    /// balance (more markup than with equal instalments), a flat one is the
    /// same total; the loan repays exactly what she owes and its markup.
    #[test]
    fn a_grace_costs_what_the_basis_says() {
        let mut w = vec![Decimal::ONE; 12];
        w[..3].fill(Decimal::ZERO);
        let declining = price(&terms(Basis::Declining, dec!(25), 12)).unwrap();
        let s = price_shaped(&declining, &w).unwrap();
        assert!(s.due[..3].iter().all(|d| d.is_zero()));
        assert!(s.total_markup > declining.total_markup, "{s:?}");
        assert_eq!(s.due.iter().sum::<Decimal>(), dec!(25000) + s.total_markup);
        // Below the declining rate of 25% a year: the markup of the grace
        // months earns no markup itself while it waits.
        assert!(
            s.apr_percent < 25.0 && s.apr_percent > 24.0,
            "{}",
            s.apr_percent
        );
        let flat = price(&terms(Basis::Flat, dec!(25), 12)).unwrap();
        let s = price_shaped(&flat, &w).unwrap();
        assert_eq!(s.total_markup, flat.total_markup);
        // Paid later, the same rupees cost less a year.
        assert!(s.apr_percent < flat.apr_percent);
    }

    /// Charges and savings of the instalments keep their total and go with
    /// the payments; what is taken at the start and refunded at the end is
    /// the product's.
    #[test]
    fn charges_and_savings_follow_the_payments() {
        use crate::pricing::{Amount, Savings, SavingsTiming};
        let t = LoanTerms {
            frequency: Frequency::Monthly,
            structure: Structure::Equal,
            savings: Some(Savings {
                amount: Amount::Rupees(dec!(100)),
                timing: SavingsTiming::PerInstalment,
                interest_percent: Decimal::ZERO,
            }),
            ..terms(Basis::Flat, dec!(20), 12)
        };
        let p = price(&t).unwrap();
        let w: Vec<Decimal> = (0..12).map(|k| Decimal::from(k % 4)).collect();
        let s = price_shaped(&p, &w).unwrap();
        assert_eq!(s.with.iter().sum::<Decimal>(), dec!(1200));
        assert_eq!(s.refund, p.savings_refunded);
        for (d, x) in s.due.iter().zip(&s.with) {
            assert_eq!(d.is_zero(), x.is_zero());
        }
        assert_eq!(s.total_cost, p.total_cost);
    }

    #[test]
    fn no_payment_at_all_is_refused() {
        let p = price(&terms(Basis::Flat, dec!(20), 12)).unwrap();
        assert_eq!(
            price_shaped(&p, &[Decimal::ZERO; 12]),
            Err(PricingError::NoInstalments)
        );
    }
}
