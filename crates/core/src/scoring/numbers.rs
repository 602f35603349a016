//! The two conversions the scoring's arithmetic shares: a figure as a float
//! for the criteria's measures, a percentage as a fraction.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A percentage as a fraction (22 -> 0.22).
pub(super) fn percent(d: Decimal) -> Decimal {
    d / Decimal::ONE_HUNDRED
}

/// A figure as a float (0 if it does not fit one).
pub(super) fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}
