//! The rate solver: the periodic rate at which a series of cash flows has
//! a present value of zero (the IRR). The only part of pricing that works in
//! `f64`; everything it is given and everything shown is `Decimal`.

/// Why a rate could not be found for a series of cash flows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateError {
    /// Fewer than two flows, or a flow that is not a finite number.
    #[error("the cash flows are too few or not finite numbers")]
    Invalid,
    /// The flows return less than they start with, so no rate of 0% or more exists.
    #[error("the borrower pays back less than she receives: there is no cost, so no rate")]
    PaysBackLess,
    /// The solver could not bracket a root (a rate beyond any sensible bound).
    #[error("no rate below 10^6 per period makes the cash flows balance")]
    NotFound,
}

/// The net present value of `flows` at periodic rate `r` and its derivative,
/// by Horner's rule in v = 1 / (1 + r).
fn npv_and_slope(flows: &[f64], r: f64) -> (f64, f64) {
    let v = 1.0 / (1.0 + r);
    let mut npv = 0.0;
    let mut dnpv = 0.0;
    for (t, c) in flows.iter().enumerate().rev() {
        npv = npv * v + c;
        dnpv = dnpv * v - (t as f64) * c;
    }
    // d/dr sum c_t v^t = sum -t c_t v^(t+1).
    (npv, dnpv * v)
}

/// The internal rate of return per period of a series of cash flows, the
/// rate r >= 0 at which their present value is zero. Newton's method from
/// `guess`, with bisection over a bracket as the fallback; it never returns
/// NaN and never loops forever. Flows that sum to zero give 0. Flows whose
/// first value and sum have the same sign have no rate of 0 or more: error.
pub fn irr(flows: &[f64], guess: f64) -> Result<f64, RateError> {
    if flows.len() < 2 || flows.iter().any(|c| !c.is_finite()) {
        return Err(RateError::Invalid);
    }
    let scale = flows.iter().fold(0.0f64, |m, c| m.max(c.abs()));
    if scale == 0.0 {
        return Ok(0.0);
    }
    let sum: f64 = flows.iter().sum();
    let first = flows[0];
    if sum.abs() <= scale * 1e-13 {
        return Ok(0.0);
    }
    if first == 0.0 || first.signum() == sum.signum() {
        return Err(RateError::PaysBackLess);
    }
    // Newton's method: fast for the smooth, single-root curves of loans.
    let mut r = if guess.is_finite() && guess > 0.0 {
        guess
    } else {
        0.01
    };
    for _ in 0..50 {
        let (f, df) = npv_and_slope(flows, r);
        if !f.is_finite() || !df.is_finite() || df == 0.0 {
            break;
        }
        let next = r - f / df;
        if !next.is_finite() || next <= 0.0 {
            break;
        }
        if (next - r).abs() <= 1e-14 * next.max(1e-3) {
            let (check, _) = npv_and_slope(flows, next);
            if check.abs() <= scale * 1e-9 {
                return Ok(next);
            }
            break;
        }
        r = next;
    }
    // Bisection over [0, hi], where the value changes sign.
    let sign0 = sum.signum();
    let mut lo = 0.0f64;
    let mut hi = 1.0f64;
    loop {
        let (f, _) = npv_and_slope(flows, hi);
        if f.is_finite() && f.signum() != sign0 {
            break;
        }
        lo = hi;
        hi *= 2.0;
        if hi > 1e6 {
            return Err(RateError::NotFound);
        }
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        let (f, _) = npv_and_slope(flows, mid);
        if f == 0.0 || (hi - lo) <= 1e-15 * hi.max(1e-6) {
            return Ok(mid);
        }
        if f.signum() == sign0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(0.5 * (lo + hi))
}
