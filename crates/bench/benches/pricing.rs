//! Pricing throughput: twelve-month loans priced in full (schedule, cash
//! flows, APR and EIR), and the rate solver alone on the same cash flows that
//! `benches/reference_irr.py` gives numpy-financial's `irr`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mfi_core::money::Charge;
use mfi_core::pricing::{LoanTerms, Rounding, irr, price};
use rust_decimal::Decimal;
use std::hint::black_box;

/// 1,000 varied twelve-month loans: amounts 10,000-59,950, markups 0-30%, some fees.
fn loans() -> Vec<LoanTerms> {
    (0..1000u32)
        .map(|k| LoanTerms {
            fee: if k % 3 == 0 {
                Charge::Rupees(Decimal::from(480))
            } else {
                Charge::Percent(Decimal::ONE)
            },
            rounding: Rounding::Rupee,
            ..LoanTerms::flat(Decimal::from(10_000 + 50 * k), Decimal::from(k % 31), 12)
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
    let flows: Vec<Vec<f64>> = loans
        .iter()
        .filter_map(|t| price(t).ok())
        .map(|p| {
            p.cash_flows
                .iter()
                .map(|d| mfi_core::money::to_f64(*d))
                .collect()
        })
        .collect();
    g.bench_function("irr of 1000 twelve-month cash flows", |b| {
        b.iter(|| {
            for f in &flows {
                black_box(irr(black_box(f), 0.03).ok());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
