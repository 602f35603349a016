//! `price`: the true cost of one loan.

use crate::args::{LoanArgs, PriceArgs};
use crate::failure::Failure;
use mfi_core::output::price::price_json;
use mfi_core::pricing::{self, Priced};
use std::io::Write;

/// Prices the loan the flags describe, or says why it cannot be priced
/// (which flags contradict each other).
pub fn priced(loan: &LoanArgs) -> Result<Priced, Failure> {
    let terms = loan.terms().map_err(Failure::Usage)?;
    pricing::price(&terms).map_err(|e| Failure::Usage(format!("cannot price this loan: {e}")))
}

/// Runs `price`.
pub fn run(a: &PriceArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let p = priced(&a.loan)?;
    if a.json {
        writeln!(out, "{}", price_json(&p))?;
    } else {
        writeln!(out, "{p}")?;
    }
    Ok(())
}
