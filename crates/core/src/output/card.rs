//! A loan card priced, for the command line: as text for people and as one
//! JSON object (`card --json`), with the comparison against a product's
//! quoted terms when one is named.

use crate::card::{CardPrice, Method, Quoted};
use crate::money::{percent_text, rs, rs_paisa};
use crate::output::money_json;
use rust_decimal::Decimal;
use serde_json::json;

/// A rate as people read it: two decimals, or words when beyond any number.
fn pct(x: Option<Decimal>) -> String {
    x.map(|d| percent_text(d, 2))
        .unwrap_or_else(|| "beyond any meaningful figure".into())
}

/// The card's figures as text: what she received and paid, the cost, the
/// rates and how they were worked out; then the quoted terms beside it.
pub fn card_text(name: &str, c: &CardPrice, quoted: Option<&Quoted>) -> String {
    let mut s = String::new();
    let per_year = if (c.periods_per_year - c.periods_per_year.round()).abs() < 1e-9 {
        format!("{}", c.periods_per_year.round())
    } else {
        format!("{:.2}", c.periods_per_year)
    };
    s.push_str(&format!(
        "Loan card {name}: {} paid out on {}; {} to {} ({}, {per_year} periods a year)\n",
        rs(c.disbursed),
        c.start.long(),
        c.payments_words(),
        c.end.long(),
        c.unit.words()
    ));
    s.push_str(&format!("Received in hand  {}\n", rs_paisa(c.received)));
    s.push_str(&format!("Payments          {}\n", rs_paisa(c.payments)));
    if !c.charges.is_zero() {
        s.push_str(&format!("Charges           {}\n", rs_paisa(c.charges)));
    }
    if !c.savings.is_zero() {
        s.push_str(&format!("Savings paid in   {}\n", rs_paisa(c.savings)));
    }
    if !c.refunds.is_zero() {
        s.push_str(&format!("Savings refunded  {}\n", rs_paisa(c.refunds)));
    }
    s.push_str(&format!("Cost of credit    {}\n", rs_paisa(c.total_cost)));
    match c.method {
        Method::Eu => {
            s.push_str(&format!("APR               {}\n", pct(c.apr())));
        }
        _ => {
            s.push_str(&format!("APR               {}\n", pct(c.apr())));
            s.push_str(&format!("EIR               {}\n", pct(c.eir())));
        }
    }
    s.push_str(&format!("Method            {}\n", c.method.words()));
    if let Some(q) = quoted {
        let low = q.low();
        let cost = if low.total_cost == q.high.total_cost {
            rs(q.high.total_cost)
        } else {
            format!("{} to {}", rs(low.total_cost), rs(q.high.total_cost))
        };
        let apr = match (low.apr(), q.high.apr()) {
            (Some(a), Some(b)) if percent_text(a, 2) != percent_text(b, 2) => {
                format!("{} to {}", percent_text(a, 2), percent_text(b, 2))
            }
            (_, b) => pct(b),
        };
        s.push_str(&format!(
            "Quoted terms      {} / {}, {} over {} months: cost of credit {cost}, APR {apr} (periodic)\n",
            q.institution,
            q.product,
            rs(q.high.terms.amount),
            q.months
        ));
        s.push_str(&format!("                  {}\n", q.verdict(c)));
        if let Some(o) = &q.outside {
            s.push_str(&format!("                  {o}\n"));
        }
        for a in &q.assumptions {
            s.push_str(&format!("  assumed: {a}\n"));
        }
    }
    s
}

/// The card's figures as one JSON object: `apr_percent`, `eir_percent`,
/// `method`, `total_cost`, what she received and paid, and `compared`
/// (the quoted terms of a named product, or null).
pub fn card_json(name: &str, c: &CardPrice, quoted: Option<&Quoted>) -> serde_json::Value {
    let rate = |x: Option<Decimal>| x.map(|d| d.to_string());
    let compared = quoted.map(|q| {
        let (at_high, at_low) = q.difference(c);
        json!({
            "institution": q.institution,
            "product": q.product,
            "months": q.months,
            "quoted_total_cost": money_json(q.high.total_cost),
            "quoted_total_cost_low": money_json(q.low().total_cost),
            "quoted_apr_percent": rate(q.high.apr()),
            "quoted_apr_percent_low": rate(q.low().apr()),
            "difference": money_json(at_high),
            "difference_low": money_json(at_low),
            "verdict": q.verdict(c),
            "outside_terms": q.outside,
            "assumptions": q.assumptions,
        })
    });
    json!({
        "file": name,
        "method": c.method.as_str(),
        "apr_percent": rate(c.apr()),
        "eir_percent": rate(c.eir()),
        "total_cost": money_json(c.total_cost),
        "unit_period": c.unit.words(),
        "periods_per_year": c.periods_per_year,
        "start": c.start.to_string(),
        "end": c.end.to_string(),
        "disbursed": money_json(c.disbursed),
        "received": money_json(c.received),
        "payments": money_json(c.payments),
        "payment_count": c.payment_count,
        "charges": money_json(c.charges),
        "savings": money_json(c.savings),
        "refunds": money_json(c.refunds),
        "total_paid": money_json(c.total_paid),
        "compared": compared,
    })
}
