//! One priced loan for the command line: its figures as text or JSON, and
//! its schedule as a table, CSV or JSON.

use crate::money;
use crate::output::money_json;
use crate::pricing::Priced;
use rust_decimal::Decimal;
use serde_json::json;

/// The figures of a loan as one JSON object (`price --json`).
pub fn price_json(p: &Priced) -> serde_json::Value {
    json!({
        "instalment": money_json(p.instalment),
        "last_instalment": money_json(p.last_instalment),
        "count": p.count,
        "periods_per_year": p.periods_per_year,
        "grace_periods": p.grace_periods,
        "received": money_json(p.received),
        "total_repaid": money_json(p.total_repaid),
        "total_markup": money_json(p.total_markup),
        "upfront_charges": money_json(p.upfront_charges),
        "periodic_charges": money_json(p.periodic_charges),
        "deposit": money_json(p.deposit),
        "total_cost": money_json(p.total_cost),
        "apr_percent": p.apr(),
        "eir_percent": p.eir(),
        "rate_name": p.terms.basis.rate_name(),
        "rounding": p.terms.rounding.as_str(),
    })
}

/// The schedule's columns.
pub const SCHEDULE_COLUMNS: [&str; 6] =
    ["period", "due", "principal", "markup", "charges", "balance"];

/// The schedule as rows of figures, in [`SCHEDULE_COLUMNS`] order.
fn schedule_rows(p: &Priced) -> Vec<[String; 6]> {
    p.schedule
        .iter()
        .map(|r| {
            [
                r.period.to_string(),
                money_json(r.due),
                money_json(r.principal),
                money_json(r.markup),
                money_json(r.charges),
                money_json(r.balance),
            ]
        })
        .collect()
}

/// The schedule as a JSON array of rows (`schedule --json`).
pub fn schedule_json(p: &Priced) -> serde_json::Value {
    serde_json::Value::Array(
        schedule_rows(p)
            .into_iter()
            .map(|row| {
                let mut o = serde_json::Map::new();
                for (k, v) in SCHEDULE_COLUMNS.iter().zip(row) {
                    let v = if *k == "period" {
                        json!(v.parse::<u32>().unwrap_or_default())
                    } else {
                        json!(v)
                    };
                    o.insert((*k).to_string(), v);
                }
                serde_json::Value::Object(o)
            })
            .collect(),
    )
}

/// The schedule as CSV (`schedule --csv`).
pub fn schedule_csv(p: &Priced) -> Vec<u8> {
    let rows: Vec<Vec<String>> = schedule_rows(p).into_iter().map(Vec::from).collect();
    crate::data::table::to_csv(&SCHEDULE_COLUMNS, &rows)
}

/// The schedule as text for a terminal, then the loan's figures.
pub fn write_schedule_text(out: &mut dyn std::io::Write, p: &Priced) -> std::io::Result<()> {
    writeln!(
        out,
        "{:>6}  {:>14}  {:>14}  {:>14}  {:>10}  {:>14}",
        "Period", "Due (Rs)", "Principal", "Markup", "Charges", "Balance"
    )?;
    let f = |d: Decimal| money::group_rupees(d, true);
    for r in &p.schedule {
        writeln!(
            out,
            "{:>6}  {:>14}  {:>14}  {:>14}  {:>10}  {:>14}",
            r.period,
            f(r.due),
            f(r.principal),
            f(r.markup),
            f(r.charges),
            f(r.balance)
        )?;
    }
    writeln!(out, "\n{p}")
}
