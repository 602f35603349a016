//! How charges and compulsory savings are written: in a matrix cell, on the
//! command line and in messages, so that `read.rs` reads them back equal.

use super::{Amount, Charge, Payee, Savings, SavingsTiming, Timing};
use crate::money::group_rupees;
use rust_decimal::Decimal;
use std::fmt;

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Rupees(r) => write!(f, "Rs {}", plain(*r)),
            Amount::Percent { percent, min, max } => {
                write!(f, "{}%", percent.normalize())?;
                if let Some(m) = min {
                    write!(f, " min Rs {}", plain(*m))?;
                }
                if let Some(m) = max {
                    write!(f, " max Rs {}", plain(*m))?;
                }
                Ok(())
            }
            Amount::OfBalance(p) => write!(f, "{}% of balance", p.normalize()),
            Amount::Bands(bands) => {
                for (k, b) in bands.iter().enumerate() {
                    if k > 0 {
                        write!(f, "; ")?;
                    }
                    match b.up_to {
                        Some(u) => write!(f, "{} up to {}", b.amount, plain(u))?,
                        None => write!(f, "{} above", b.amount)?,
                    }
                }
                Ok(())
            }
            Amount::Range(lo, hi) => match (&**lo, &**hi) {
                (Amount::Rupees(a), Amount::Rupees(b)) => {
                    write!(f, "Rs {}-{}", plain(*a), plain(*b))
                }
                (
                    Amount::Percent {
                        percent: a,
                        min,
                        max,
                    },
                    Amount::Percent { percent: b, .. },
                ) => {
                    write!(f, "{}-{}%", a.normalize(), b.normalize())?;
                    if let Some(m) = min {
                        write!(f, " min Rs {}", plain(*m))?;
                    }
                    if let Some(m) = max {
                        write!(f, " max Rs {}", plain(*m))?;
                    }
                    Ok(())
                }
                // Never made by the reader: each end as it would be written.
                (a, b) => write!(f, "{a} to {b}"),
            },
        }
    }
}

/// Rupees with South Asian grouping and as many decimals as they have.
fn plain(d: Decimal) -> String {
    let d = d.normalize();
    if d.fract().is_zero() {
        group_rupees(d, false)
    } else {
        let int = group_rupees(d.trunc(), false);
        let frac = d.fract().abs().to_string();
        format!("{int}{}", frac.trim_start_matches('0'))
    }
}

impl fmt::Display for Savings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Savings::deposit(Amount::Rupees(Decimal::ZERO)) {
            return write!(f, "none");
        }
        write!(f, "{}", self.amount)?;
        match self.timing {
            SavingsTiming::Upfront => write!(f, " upfront")?,
            SavingsTiming::PerInstalment => write!(f, " per instalment")?,
        }
        if !self.interest_percent.is_zero() {
            write!(f, " +{}% interest", self.interest_percent.normalize())?;
        }
        Ok(())
    }
}

/// Writes charges so that [`parse_charges`](super::parse_charges) reads
/// them back equal (with the same default name and payee).
pub fn format_charges(charges: &[Charge], default_name: &str, default_payee: Payee) -> String {
    if charges.is_empty() {
        return "none".into();
    }
    charges
        .iter()
        .map(|c| {
            let mut s = String::new();
            let numbered = c
                .name
                .strip_prefix(default_name)
                .is_some_and(|rest| rest.trim().parse::<u32>().is_ok());
            if &*c.name != default_name && !numbered {
                s.push_str(&c.name);
                s.push_str(": ");
            }
            s.push_str(&c.amount.to_string());
            match c.timing {
                Timing::Upfront => {}
                Timing::PerInstalment => {
                    if !matches!(c.amount, Amount::OfBalance(_)) {
                        s.push_str(" per instalment");
                    }
                }
                Timing::Financed => s.push_str(" financed"),
            }
            if c.payee != default_payee {
                s.push(' ');
                s.push_str(c.payee.written());
            }
            if let Some(t) = c.tax_percent {
                s.push_str(&format!(" +{}% tax", t.normalize()));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(" + ")
}
