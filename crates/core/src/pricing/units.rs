//! The money a schedule is worked out in. The engine is written once, over
//! [`Money`]: in `Decimal` for any rounding, and in whole paisa (an `i128`)
//! when instalments are rounded to the rupee or the paisa, which gives the
//! same figures to the last paisa many times faster (`Decimal` arithmetic is
//! general; a schedule rounded to paisa needs only integers). Every exact
//! intermediate (a balance times a rate) stays a `Decimal` and is rounded
//! into money once, by the same rule ([`Rounding`], the rule a loan's terms
//! name).

use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Sub, SubAssign};

/// How instalments are rounded. The last instalment absorbs the difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Rounding {
    /// No rounding to currency: amounts are kept to 10 decimal places, so
    /// sums stay exact (for checking against reference figures).
    None,
    /// To the paisa (two decimals).
    Paisa,
    /// To the whole rupee, as MFIs collect in practice. The default.
    #[default]
    Rupee,
}

impl Rounding {
    /// The words used in files and flags, in the order of the enum.
    pub const NAMES: &'static [&'static str] = &["none", "paisa", "rupee"];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads the word used in files.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Some(Rounding::None),
            "paisa" => Some(Rounding::Paisa),
            "rupee" => Some(Rounding::Rupee),
            _ => None,
        }
    }

    /// The unit this rule rounds to: a rupee, a paisa, or 10^-10.
    pub fn unit(self) -> Decimal {
        match self {
            Rounding::None => Decimal::new(1, 10),
            Rounding::Paisa => Decimal::new(1, 2),
            Rounding::Rupee => Decimal::ONE,
        }
    }

    /// Rounds an amount down (towards zero) to this rule's unit.
    pub fn apply_down(self, d: Decimal) -> Decimal {
        let dp = match self {
            Rounding::None => 10,
            Rounding::Paisa => 2,
            Rounding::Rupee => 0,
        };
        d.round_dp_with_strategy(dp, RoundingStrategy::ToZero)
    }

    /// Rounds an amount by this rule, halves away from zero.
    pub fn apply(self, d: Decimal) -> Decimal {
        match self {
            Rounding::None => d.round_dp_with_strategy(10, RoundingStrategy::MidpointAwayFromZero),
            Rounding::Paisa => d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
            Rounding::Rupee => d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero),
        }
    }
}

/// A sum of money in a schedule.
pub(crate) trait Money:
    Copy
    + PartialEq
    + PartialOrd
    + Add<Output = Self>
    + Sub<Output = Self>
    + AddAssign
    + SubAssign
    + std::fmt::Debug
{
    /// Nothing.
    const ZERO: Self;
    /// Whether sums stop at a limit instead of growing (paisa): a loan whose
    /// totals reach it is worked out again in `Decimal`.
    const SATURATES: bool;
    /// The largest balance computed with (Rs 10^18).
    fn over_limit(self) -> bool;
    /// An exact amount rounded by `r` (halves away from zero); `None` when
    /// it cannot be held.
    fn round(d: Decimal, r: Rounding) -> Option<Self>;
    /// An amount that is already money (the amount lent); `None` when it
    /// cannot be held exactly.
    fn exact(d: Decimal) -> Option<Self>;
    /// As a `Decimal`, for the schedule's rows and exact products.
    fn dec(self) -> Decimal;
    /// As an `f64`, for the rate solver.
    fn f64(self) -> f64;
    /// `n` times it.
    fn times(self, n: u32) -> Self;
    /// `total` split into `n` parts rounded by `r`, the last taking the
    /// difference and never below nothing.
    fn split_even(total: Self, n: u32, r: Rounding) -> (Self, Self);
    /// Whether it is zero.
    fn is_zero(self) -> bool {
        self == Self::ZERO
    }
    /// The smaller of two.
    fn min_of(self, other: Self) -> Self {
        if other < self { other } else { self }
    }
    /// The larger of two.
    fn max_of(self, other: Self) -> Self {
        if other > self { other } else { self }
    }
}

/// The largest balance the engine computes with (Rs 10^18): far beyond any
/// real loan, and small enough that no sum of a schedule overflows.
pub(crate) const LIMIT: Decimal = rust_decimal::dec!(1_000_000_000_000_000_000);

/// A Decimal as f64 for the rate solver: the mantissa over a power of ten,
/// which is exact enough for rupee amounts and much faster than parsing.
pub(crate) fn fast_f64(d: Decimal) -> f64 {
    const POW10: [f64; 29] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28,
    ];
    let m = d.mantissa();
    // In 64 bits where it fits (any rupee amount): a native conversion.
    let m = match i64::try_from(m) {
        Ok(x) => x as f64,
        Err(_) => m as f64,
    };
    m / POW10[(d.scale() as usize).min(28)]
}

/// `x` percent as a fraction (22 -> 0.22), exactly: moving the decimal
/// point is much cheaper than dividing by 100.
pub(crate) fn percent(x: Decimal) -> Decimal {
    let mut y = x;
    if y.set_scale(x.scale() + 2).is_ok() {
        y
    } else {
        x / Decimal::ONE_HUNDRED
    }
}

impl Money for Decimal {
    const ZERO: Self = Decimal::ZERO;
    const SATURATES: bool = false;

    fn over_limit(self) -> bool {
        self > LIMIT
    }

    fn round(d: Decimal, r: Rounding) -> Option<Self> {
        Some(r.apply(d))
    }

    fn exact(d: Decimal) -> Option<Self> {
        Some(d)
    }

    fn dec(self) -> Decimal {
        self
    }

    fn f64(self) -> f64 {
        fast_f64(self)
    }

    fn times(self, n: u32) -> Self {
        self * Decimal::from(n)
    }

    fn split_even(total: Self, n: u32, rounding: Rounding) -> (Self, Self) {
        let nd = Decimal::from(n);
        let exact = total / nd;
        let mut each = rounding.apply(exact);
        if each * (nd - Decimal::ONE) > total {
            // Rounded up, the others would leave the last below nothing (Rs 2
            // in four: 1, 1, 1, -1): round them down instead (0, 0, 0, 2).
            each = match rounding {
                Rounding::Rupee => exact.floor(),
                Rounding::Paisa => exact.round_dp_with_strategy(2, RoundingStrategy::ToZero),
                Rounding::None => exact.round_dp_with_strategy(10, RoundingStrategy::ToZero),
            };
        }
        let last = total - each * (nd - Decimal::ONE);
        (each, last)
    }
}

/// Money as a whole number of 10^-S rupees: whole rupees (`S` = 0) for
/// schedules rounded to the rupee on a whole amount, paisa (`S` = 2) for
/// the others rounded to the rupee or the paisa. Every amount rounded into
/// it is below Rs 10^15 (else the loan is worked out in `Decimal`); sums
/// saturate instead of wrapping, and a loan whose totals reach Rs 10^15 is
/// worked out in `Decimal` too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) struct Fixed<const S: u32>(i64);

/// Whole rupees.
pub(crate) type Rupees = Fixed<0>;
/// Whole paisa.
pub(crate) type Paisa = Fixed<2>;

impl<const S: u32> Fixed<S> {
    /// Units in a rupee.
    const PER_RUPEE: i64 = 10i64.pow(S);
    /// Rs 10^15: the largest amount held.
    const LIMIT: i64 = 10i64.pow(15 + S);

    /// The units of the smallest step of a rounding: a rupee, or a paisa.
    fn unit(r: Rounding) -> i64 {
        match r {
            Rounding::Rupee => Self::PER_RUPEE,
            _ => Self::PER_RUPEE / 100,
        }
    }

    /// From a count of units, if below the limit.
    fn held(p: i128) -> Option<Self> {
        (p.abs() < i128::from(Self::LIMIT)).then_some(Fixed(p as i64))
    }
}

impl<const S: u32> Add for Fixed<S> {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Fixed(self.0.saturating_add(o.0))
    }
}

impl<const S: u32> Sub for Fixed<S> {
    type Output = Self;
    fn sub(self, o: Self) -> Self {
        Fixed(self.0.saturating_sub(o.0))
    }
}

impl<const S: u32> AddAssign for Fixed<S> {
    fn add_assign(&mut self, o: Self) {
        *self = *self + o;
    }
}

impl<const S: u32> SubAssign for Fixed<S> {
    fn sub_assign(&mut self, o: Self) {
        *self = *self - o;
    }
}

/// `n / d` rounded half away from zero, `d > 0`.
fn div_round(n: i128, d: i128) -> i128 {
    let (q, r) = (n / d, n % d);
    if 2 * r.abs() >= d { q + n.signum() } else { q }
}

impl<const S: u32> Money for Fixed<S> {
    const ZERO: Self = Fixed(0);
    const SATURATES: bool = true;

    fn over_limit(self) -> bool {
        self.0.abs() >= Self::LIMIT
    }

    fn round(d: Decimal, r: Rounding) -> Option<Self> {
        let (m, s) = (d.mantissa(), d.scale());
        // Digits to keep: 0 for rupees, 2 for paisa (never more than S).
        let dp = if r == Rounding::Rupee { 0 } else { 2 }.min(S);
        let kept = if s <= dp {
            m.checked_mul(10i128.pow(dp - s))?
        } else if s - dp <= 18 {
            // A constant-size divisor in 64 bits where the mantissa fits.
            let div = 10i64.pow(s - dp);
            match i64::try_from(m) {
                Ok(m) => {
                    let (q, rem) = (m / div, m % div);
                    i128::from(if 2 * rem.abs() >= div {
                        q + m.signum()
                    } else {
                        q
                    })
                }
                Err(_) => div_round(m, i128::from(div)),
            }
        } else {
            div_round(m, 10i128.pow(s - dp))
        };
        Self::held(kept.checked_mul(10i128.pow(S - dp))?)
    }

    fn exact(d: Decimal) -> Option<Self> {
        let (m, s) = (d.mantissa(), d.scale());
        if s <= S {
            return Self::held(m.checked_mul(10i128.pow(S - s))?);
        }
        let div = 10i128.pow(s - S);
        if m % div == 0 {
            Self::held(m / div)
        } else {
            None
        }
    }

    #[inline]
    fn dec(self) -> Decimal {
        let v = self.0;
        // Whole rupees are written without paisa (2500, not 2500.00).
        let (m, scale) = if S == 0 || v % Self::PER_RUPEE == 0 {
            (v / Self::PER_RUPEE, 0)
        } else if v % 10 == 0 {
            (v / 10, S - 1)
        } else {
            (v, S)
        };
        let a = m.unsigned_abs();
        Decimal::from_parts(a as u32, (a >> 32) as u32, 0, m < 0, scale)
    }

    fn f64(self) -> f64 {
        self.0 as f64 / Self::PER_RUPEE as f64
    }

    fn times(self, n: u32) -> Self {
        Fixed(self.0.saturating_mul(i64::from(n)))
    }

    fn split_even(total: Self, n: u32, r: Rounding) -> (Self, Self) {
        let u = Self::unit(r);
        let n = i64::from(n);
        let parts = n * u;
        let (q, rem) = (total.0 / parts, total.0 % parts);
        let rounded = if 2 * rem.abs() >= parts {
            q + total.0.signum()
        } else {
            q
        };
        let mut each = rounded * u;
        if each * (n - 1) > total.0 {
            // Towards zero, as Decimal's rounding down.
            each = total.0.div_euclid(parts) * u;
        }
        (Fixed(each), Fixed(total.0 - each * (n - 1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn paisa_round_as_decimal_does() {
        for d in [
            dec!(0.495),
            dec!(0.5),
            dec!(-0.5),
            dec!(12412.5),
            dec!(2541.66666666666666666),
            dec!(7),
            dec!(0.005),
            dec!(-2.345),
        ] {
            for r in [Rounding::Rupee, Rounding::Paisa] {
                let p = Paisa::round(d, r).unwrap();
                assert_eq!(p.dec(), r.apply(d), "{d} {r:?}");
            }
            let whole = Rupees::round(d, Rounding::Rupee).unwrap();
            assert_eq!(whole.dec(), Rounding::Rupee.apply(d), "{d}");
        }
        assert_eq!(Paisa::exact(dec!(25000.50)).unwrap().dec(), dec!(25000.5));
        assert!(Paisa::exact(dec!(1.005)).is_none());
        assert!(Rupees::exact(dec!(1.5)).is_none());
        assert_eq!(Rupees::exact(dec!(25000.00)).unwrap().dec(), dec!(25000));
        for (total, n) in [
            (dec!(2), 4),
            (dec!(5500), 12),
            (dec!(30488), 12),
            (dec!(0), 3),
        ] {
            for r in [Rounding::Rupee, Rounding::Paisa] {
                let (e, l) = Paisa::split_even(Paisa::exact(total).unwrap(), n, r);
                let (de, dl) = Decimal::split_even(total, n, r);
                assert_eq!((e.dec(), l.dec()), (de, dl), "{total} / {n} {r:?}");
                if r == Rounding::Rupee {
                    let (e, l) = Rupees::split_even(Rupees::exact(total).unwrap(), n, r);
                    assert_eq!((e.dec(), l.dec()), (de, dl), "{total} / {n}");
                }
            }
        }
    }
}
