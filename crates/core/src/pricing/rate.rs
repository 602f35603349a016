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

/// The net present value of `flows` at periodic rate `r`, its first and its
/// second derivative, for Halley's method: six sums, the even and the odd
/// periods apart (in v^2), so that the processor works on them at once.
fn npv_slope_curvature(flows: &[f64], r: f64) -> (f64, f64, f64) {
    let v = 1.0 / (1.0 + r);
    let v2 = v * v;
    // sum c_t v^t, sum t c_t v^t and sum t (t + 1) c_t v^t, each as
    // even(v^2) + v odd(v^2).
    let (mut f_e, mut f_o, mut d_e, mut d_o, mut q_e, mut q_o) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    if flows.len() % 2 == 1 {
        let t = flows.len() - 1;
        let (tf, c) = (t as f64, flows[t]);
        (f_e, d_e, q_e) = (c, tf * c, tf * (tf + 1.0) * c);
    }
    for k in (0..flows.len() / 2).rev() {
        let (a, b) = (flows[2 * k], flows[2 * k + 1]);
        let t = (2 * k) as f64;
        f_e = f_e * v2 + a;
        f_o = f_o * v2 + b;
        d_e = d_e * v2 + t * a;
        d_o = d_o * v2 + (t + 1.0) * b;
        q_e = q_e * v2 + t * (t + 1.0) * a;
        q_o = q_o * v2 + (t + 1.0) * (t + 2.0) * b;
    }
    // d/dr v^t = -t v^(t+1); d2/dr2 v^t = t (t + 1) v^(t+2).
    (f_e + v * f_o, -v * (d_e + v * d_o), v2 * (q_e + v * q_o))
}

/// A first guess of the periodic rate of a loan's cash flows, for [`irr`]:
/// the cost over what was received, spread over the average time at which
/// it is repaid (weighted by the amounts). Exact for a single repayment
/// with simple interest; for equal instalments, 2 x cost / (received x
/// (n + 1)), within a few percent of the rate. Halley's method then needs
/// two or three steps.
pub fn first_guess(flows: &[f64]) -> f64 {
    let Some((&received, rest)) = flows.split_first() else {
        return 0.01;
    };
    let (mut repaid, mut timed) = (0.0, 0.0);
    for (t, c) in rest.iter().enumerate() {
        repaid -= c;
        timed -= c * (t + 1) as f64;
    }
    let guess = (repaid / received - 1.0) / (timed / repaid);
    if guess.is_finite() && guess > 0.0 {
        guess
    } else {
        0.01
    }
}

/// The internal rate of return per period of a series of cash flows, the
/// rate r >= 0 at which their present value is zero. Halley's method from
/// `guess`, with bisection over a bracket as the fallback; it never returns
/// NaN and never loops forever. Flows that sum to zero give 0. Flows whose
/// first value and sum have the same sign have no rate of 0 or more: error.
pub fn irr(flows: &[f64], guess: f64) -> Result<f64, RateError> {
    if flows.len() < 2 {
        return Err(RateError::Invalid);
    }
    // One pass: every flow finite, the largest, the sum.
    let (mut scale, mut sum, mut finite) = (0.0f64, 0.0f64, true);
    for c in flows {
        finite &= c.is_finite();
        scale = scale.max(c.abs());
        sum += c;
    }
    if !finite {
        return Err(RateError::Invalid);
    }
    if scale == 0.0 {
        return Ok(0.0);
    }
    let first = flows[0];
    if sum.abs() <= scale * 1e-13 {
        return Ok(0.0);
    }
    if first == 0.0 || first.signum() == sum.signum() {
        return Err(RateError::PaysBackLess);
    }
    // Halley's method: fast for the smooth, single-root curves of loans
    // (the error is cubed with each step; from a guess within a few
    // percent, two steps).
    let mut r = if guess.is_finite() && guess > 0.0 {
        guess
    } else {
        0.01
    };
    for _ in 0..50 {
        let (f, df, d2f) = npv_slope_curvature(flows, r);
        let denominator = 2.0 * df * df - f * d2f;
        if !f.is_finite() || !df.is_finite() || df == 0.0 || denominator == 0.0 {
            break;
        }
        let next = r - 2.0 * f * df / denominator;
        if !next.is_finite() || next <= 0.0 {
            break;
        }
        // Converged: the step is small and the value where it was taken
        // too. The error after a step of 1e-4 is of the order of its cube,
        // far below 1e-11 (checked against bisection to the last bits in
        // the tests, and against numpy-financial).
        if (next - r).abs() <= 1e-4 * next.max(1e-3) && f.abs() <= scale * 1e-3 {
            return Ok(next);
        }
        r = next;
    }
    // Bisection over [0, hi], where the value changes sign.
    let sign0 = sum.signum();
    let mut lo = 0.0f64;
    let mut hi = 1.0f64;
    loop {
        let (f, _, _) = npv_slope_curvature(flows, hi);
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
        let (f, _, _) = npv_slope_curvature(flows, mid);
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
