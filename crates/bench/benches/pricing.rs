//! Pricing throughput: twelve-month loans priced in full (schedule, cash
//! flows, APR and EIR), and the rate solver alone on the same cash flows that
//! `benches/reference_irr.py` gives numpy-financial's `irr`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mfi_core::pricing::{
    Amount, Charge, LoanTerms, Rounding, Savings, SavingsTiming, first_guess, irr, price,
};
use rust_decimal::Decimal;
use std::hint::black_box;

/// 1,000 varied twelve-month loans: amounts 10,000-59,950, markups 0-30%,
/// a Rs 480 or 1% fee.
fn loans() -> Vec<LoanTerms> {
    (0..1000u32)
        .map(|k| {
            let fee = if k % 3 == 0 {
                Amount::Rupees(Decimal::from(480))
            } else {
                Amount::percent(Decimal::ONE)
            };
            LoanTerms {
                rounding: Rounding::Rupee,
                ..LoanTerms::flat(Decimal::from(10_000 + 50 * k), Decimal::from(k % 31), 12)
            }
            .with_charges(vec![Charge::fee("fee", fee)])
        })
        .collect()
}

/// The same loans with the terms of today's products: a fee with a floor
/// (2.5%, at least Rs 2,500) and 16% tax on it, and Rs 100 of compulsory
/// savings with each instalment.
fn loans_with_todays_terms() -> Vec<LoanTerms> {
    loans()
        .into_iter()
        .map(|t| LoanTerms {
            savings: Some(Savings {
                amount: Amount::Rupees(Decimal::from(100)),
                timing: SavingsTiming::PerInstalment,
                interest_percent: Decimal::ZERO,
            }),
            ..t.with_charges(vec![
                Charge::fee(
                    "processing fee",
                    Amount::Percent {
                        percent: Decimal::new(25, 1),
                        min: Some(Decimal::from(2500)),
                        max: None,
                    },
                )
                .taxed(Decimal::from(16)),
            ])
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let loans = loans();
    let mut g = c.benchmark_group("pricing");
    g.throughput(Throughput::Elements(loans.len() as u64));
    g.bench_function("price 1000 twelve-month loans", |b| {
        b.iter(|| {
            for t in &loans {
                black_box(price(black_box(t)).ok());
            }
        })
    });
    let todays = loans_with_todays_terms();
    g.bench_function(
        "price 1000 twelve-month loans with a floor fee, tax and savings",
        |b| {
            b.iter(|| {
                for t in &todays {
                    black_box(price(black_box(t)).ok());
                }
            })
        },
    );
    let flows: Vec<Vec<f64>> = loans
        .iter()
        .filter_map(|t| price(t).ok())
        .map(|p| {
            p.cash_flows()
                .iter()
                .map(|d| mfi_core::money::to_f64(*d))
                .collect()
        })
        .collect();
    g.bench_function("irr of 1000 twelve-month cash flows", |b| {
        b.iter(|| {
            for f in &flows {
                black_box(irr(black_box(f), first_guess(f)).ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
