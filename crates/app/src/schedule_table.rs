//! A loan's repayment schedule as a table, in the members' language.

use crate::words::Tongue;
use egui_extras::{Column, TableBuilder};
use mfi_core::money::group_rupees;
use mfi_core::pricing::{Priced, Timing};
use rust_decimal::Decimal;

/// The schedule row by row, the disbursement first; the date, tax, savings
/// and refund columns only when the loan has them. In Urdu the columns run
/// from the right.
pub(crate) fn schedule_table(ui: &mut egui::Ui, p: &Priced, t: Tongue) {
    let dated = p.terms.disbursed.is_some();
    let any = |f: fn(&mfi_core::pricing::ScheduleRow) -> Decimal| {
        p.schedule.iter().any(|r| !f(r).is_zero())
    };
    let upfront_tax: Decimal = p
        .charges
        .iter()
        .filter(|c| c.timing == Timing::Upfront)
        .map(|c| c.tax)
        .sum();
    // (key, shown)
    let columns: Vec<&'static str> = [
        ("repay.col_no", true),
        ("repay.col_date", dated),
        ("repay.col_pay", true),
        ("repay.col_loan", true),
        ("repay.col_markup", true),
        ("repay.col_charges", true),
        ("repay.col_tax", any(|r| r.tax) || !upfront_tax.is_zero()),
        (
            "repay.col_savings",
            any(|r| r.savings) || !p.deposit.is_zero(),
        ),
        ("repay.col_refund", any(|r| r.refund)),
        ("repay.col_owed", true),
    ]
    .into_iter()
    .filter(|c| c.1)
    .map(|c| c.0)
    .collect();
    let n = columns.len();
    // The column shown at each place, from the left.
    let order: Vec<usize> = if t.lang.rtl() {
        (0..n).rev().collect()
    } else {
        (0..n).collect()
    };
    let money = |d: Decimal| group_rupees(d, true);
    let upfront_charges: Decimal = p.upfront_charges - upfront_tax;
    let cell = |row: usize, key: &str| -> String {
        // Row 0 is the disbursement: what is deducted and withheld.
        if row == 0 {
            return match key {
                "repay.col_no" => "0".into(),
                "repay.col_date" => p.terms.disbursed.map(|d| d.to_string()).unwrap_or_default(),
                "repay.col_charges" => money(upfront_charges),
                "repay.col_tax" => money(upfront_tax),
                "repay.col_savings" => money(p.deposit),
                "repay.col_owed" => money(p.opening_balance),
                _ => money(Decimal::ZERO),
            };
        }
        let r = &p.schedule[row - 1];
        match key {
            "repay.col_no" => r.period.to_string(),
            "repay.col_date" => r.date.map(|d| d.to_string()).unwrap_or_default(),
            "repay.col_pay" => money(r.pays()),
            "repay.col_loan" => money(r.principal),
            "repay.col_markup" => money(r.markup),
            "repay.col_charges" => money(r.charges),
            "repay.col_tax" => money(r.tax),
            "repay.col_savings" => money(r.savings),
            "repay.col_refund" => money(r.refund),
            _ => money(r.balance),
        }
    };
    TableBuilder::new(ui)
        .id_salt("schedule")
        .striped(true)
        .columns(Column::auto().at_least(90.0), n)
        .header(24.0, |mut h| {
            for &c in &order {
                h.col(|ui| {
                    ui.with_layout(t.column_layout(), |ui| {
                        ui.label(t.key(columns[c], 13.0, true));
                    });
                });
            }
        })
        .body(|body| {
            body.rows(20.0, p.schedule.len() + 1, |mut row| {
                let k = row.index();
                for &c in &order {
                    let text = cell(k, columns[c]);
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(t.number(&text, 14.0, false))
                        });
                    });
                }
            });
        });
}
