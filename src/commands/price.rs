//! `price`: the true cost of one loan.

use crate::args::loan::{LoanArgs, PriceArgs};
use crate::failure::Failure;
use mfi_core::money::{percent_text, rs_paisa};
use mfi_core::output::price::price_json;
use mfi_core::pricing::{self, LoanTerms, Priced};
use serde_json::json;
use std::io::Write;

fn price_terms(terms: &LoanTerms) -> Result<Priced, Failure> {
    pricing::price(terms).map_err(|e| Failure::Usage(format!("cannot price this loan: {e}")))
}

/// The loan at the high end of the charges quoted as ranges, and at their
/// low end when there are some; and those charges as written.
pub fn priced_ends(loan: &LoanArgs) -> Result<(Priced, Option<Priced>, Vec<String>), Failure> {
    let terms = loan.terms().map_err(Failure::Usage)?;
    let ranges: Vec<String> = terms
        .ranges()
        .into_iter()
        .map(|(name, quoted)| format!("{name} {quoted}"))
        .collect();
    let high = price_terms(&terms.at_end(true))?;
    let low = if ranges.is_empty() {
        None
    } else {
        Some(price_terms(&terms.at_end(false))?)
    };
    Ok((high, low, ranges))
}

/// The line that gives the loan at the low end of its ranged charges.
pub fn write_low_end(out: &mut dyn Write, low: &Priced) -> std::io::Result<()> {
    let rate = |x: Option<rust_decimal::Decimal>| {
        x.map(|d| percent_text(d, 2))
            .unwrap_or_else(|| "beyond any meaningful figure".into())
    };
    writeln!(
        out,
        "At the low end:   received {}, cost of credit {}, {} {}, EIR {}",
        rs_paisa(low.received),
        rs_paisa(low.total_cost),
        low.terms.basis.rate_name(),
        rate(low.apr()),
        rate(low.eir())
    )
}

/// Runs `price`.
pub fn run(a: &PriceArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let (p, low, ranges) = priced_ends(&a.loan)?;
    if a.json {
        let mut v = price_json(&p);
        if let Some(o) = v.as_object_mut() {
            o.insert("ranges".into(), json!(ranges));
            o.insert("low_end".into(), low.as_ref().map(price_json).into());
        }
        writeln!(out, "{v}")?;
        return Ok(());
    }
    match &low {
        Some(low) => {
            writeln!(
                out,
                "Quoted as ranges: {}. Priced at both ends; below, the high end.",
                ranges.join(", ")
            )?;
            writeln!(out, "{p}")?;
            write_low_end(out, low)?;
        }
        None => writeln!(out, "{p}")?,
    }
    Ok(())
}
