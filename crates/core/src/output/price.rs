//! One priced loan for the command line: its figures as text or JSON, and
//! its schedule as a table, CSV or JSON.

use crate::money;
use crate::output::{Table, money_json, text_table};
use crate::pricing::{Disclosure, Priced};
use rust_decimal::Decimal;
use serde_json::json;

/// A loan's key facts as JSON: the same keys in `price --json` and, for
/// each offer, in `score --json`. Figures are decimal strings; a rate too
/// large to be a number is `null`, never a wrong number.
pub fn disclosure_json(d: &Disclosure) -> serde_json::Value {
    let rate = |x: Option<Decimal>| x.map(|d| d.to_string());
    json!({
        "amount": money_json(d.amount),
        "principal": money_json(d.principal),
        "received": money_json(d.received),
        "charges": d.charges.iter().map(|c| json!({
            "name": c.name,
            "rupees": money_json(c.rupees),
            "tax": money_json(c.tax),
            "when": c.timing.key(),
            "payee": c.payee.key(),
        })).collect::<Vec<_>>(),
        "upfront_charges": money_json(d.upfront_charges),
        "periodic_charges": money_json(d.periodic_charges),
        "financed_charges": money_json(d.financed_charges),
        "total_tax": money_json(d.total_tax),
        "savings_withheld": money_json(d.savings_withheld),
        "savings_collected": money_json(d.savings_collected),
        "savings_interest": money_json(d.savings_interest),
        "savings_refunded": money_json(d.savings_refunded),
        "instalment": money_json(d.instalment),
        "last_instalment": money_json(d.last_instalment),
        "regular_payment": money_json(d.regular_payment),
        "count": d.count,
        "grace_periods": d.grace_periods,
        "periods_per_year": d.periods_per_year,
        "frequency": d.frequency.as_str(),
        "structure": d.structure.as_str(),
        "first_due": d.first_due.map(|x| x.to_string()),
        "last_due": d.last_due.map(|x| x.to_string()),
        "total_repaid": money_json(d.total_repaid),
        "total_paid": money_json(d.total_paid),
        "total_cost": money_json(d.total_cost),
        "total_markup": money_json(d.total_markup),
        "total_charges": money_json(d.total_charges),
        "apr_percent": rate(d.apr_percent),
        "markup_only_apr_percent": rate(d.markup_only_apr_percent),
        "eir_percent": rate(d.eir_percent),
        "rate_name": d.rate_name,
    })
}

/// The figures of a loan as one JSON object (`price --json`): its key
/// facts, and how it was priced.
pub fn price_json(p: &Priced) -> serde_json::Value {
    let mut v = disclosure_json(&p.disclosure());
    if let Some(o) = v.as_object_mut() {
        // The savings withheld, under the name files before savings used.
        o.insert("deposit".into(), json!(money_json(p.deposit)));
        o.insert("rounding".into(), json!(p.terms.rounding.as_str()));
    }
    v
}

/// The schedule's columns: the period and its date (empty when the
/// disbursement date is not known); everything she pays in it; the
/// instalment and its principal and markup; the charges, their tax and the
/// savings paid with it; the savings refunded; what is still owed.
pub const SCHEDULE_COLUMNS: [&str; 11] = [
    "period",
    "date",
    "she_pays",
    "instalment",
    "principal",
    "markup",
    "charges",
    "tax",
    "savings",
    "refund",
    "balance",
];

/// The schedule as rows of figures, in [`SCHEDULE_COLUMNS`] order. Period 0
/// is the disbursement: the charges and tax deducted, the savings withheld,
/// and what she then owes.
fn schedule_rows(p: &Priced) -> Vec<[String; 11]> {
    let date = |d: Option<crate::date::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let deducted = p
        .charges
        .iter()
        .filter(|c| c.timing == crate::pricing::Timing::Upfront);
    let (charges0, tax0) = deducted.fold((Decimal::ZERO, Decimal::ZERO), |(c, t), l| {
        (c + l.rupees, t + l.tax)
    });
    let zero = money_json(Decimal::ZERO);
    let opening = [
        "0".to_string(),
        date(p.terms.disbursed),
        zero.clone(),
        zero.clone(),
        zero.clone(),
        zero.clone(),
        money_json(charges0),
        money_json(tax0),
        money_json(p.deposit),
        zero,
        money_json(p.opening_balance),
    ];
    std::iter::once(opening)
        .chain(p.schedule.iter().map(|r| {
            [
                r.period.to_string(),
                date(r.date),
                money_json(r.pays()),
                money_json(r.due),
                money_json(r.principal),
                money_json(r.markup),
                money_json(r.charges),
                money_json(r.tax),
                money_json(r.savings),
                money_json(r.refund),
                money_json(r.balance),
            ]
        }))
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
                    let v = match *k {
                        "period" => json!(v.parse::<u32>().unwrap_or_default()),
                        "date" if v.is_empty() => serde_json::Value::Null,
                        _ => json!(v),
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

/// The schedule as a table for people: one line per period, the
/// disbursement first; dates when known; the charges, tax and savings
/// columns only when the loan has them.
pub fn schedule_table(p: &Priced) -> Table {
    let rows = schedule_rows(p);
    let dated = p.terms.disbursed.is_some();
    let has = |k: usize| rows.iter().any(|r| r[k] != "0");
    // (column index in the rows, title)
    let mut cols: Vec<(usize, &str)> = vec![(0, "Period")];
    if dated {
        cols.push((1, "Date"));
    }
    cols.extend([
        (2, "She pays"),
        (3, "Instalment"),
        (4, "Principal"),
        (5, "Markup"),
    ]);
    for (k, title) in [(6, "Charges"), (7, "Tax"), (8, "Savings"), (9, "Refund")] {
        if has(k) {
            cols.push((k, title));
        }
    }
    cols.push((10, "Balance"));
    let show = |k: usize, v: &str| -> String {
        match k {
            0 | 1 => v.to_string(),
            _ => v
                .parse::<Decimal>()
                .map(|d| money::group_rupees(d, true))
                .unwrap_or_else(|_| v.to_string()),
        }
    };
    Table {
        header: cols.iter().map(|c| c.1.to_string()).collect(),
        numeric: cols.iter().map(|c| c.0 != 1).collect(),
        widths: vec![1.0; cols.len()],
        rows: rows
            .iter()
            .map(|r| cols.iter().map(|(k, _)| show(*k, &r[*k])).collect())
            .collect(),
        footnotes: vec![
            "Period 0 is the disbursement: what is deducted and withheld; the balance is what she owes.".into(),
        ],
    }
}

/// The schedule as text for a terminal, then the loan's figures.
pub fn write_schedule_text(out: &mut dyn std::io::Write, p: &Priced) -> std::io::Result<()> {
    write!(out, "{}", text_table(&schedule_table(p), 20))?;
    writeln!(out, "\n{p}")
}
