//! Scoring speed on the built-in Kasur study with a 42-member CO (the 40
//! sample plans and two more): evaluating from scratch (every offer priced),
//! rescoring after a weight change (what the app does when a slider moves),
//! and the Monte Carlo rank acceptability with 10,000 draws.

use criterion::{Criterion, criterion_group, criterion_main};
use mfi_compare::scoring::{self, Settings, evaluate};
use mfi_compare::stability::stability;
use mfi_compare::study;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let m = study::kasur_matrix().expect("built-in matrix");
    let mut p = study::kasur_plans().expect("built-in plans");
    for i in 0..2 {
        let mut extra = p.members[i].clone();
        extra.member = format!("{} (2)", extra.member);
        p.members.push(extra);
    }
    assert_eq!(p.members.len(), 42);
    let balanced = scoring::preset("balanced").expect("preset");
    let cost = scoring::preset("lowest-cost").expect("preset");
    let settings = Settings::default();
    let e = evaluate(&m, &p, &balanced, &settings);
    let mut g = c.benchmark_group("scoring 42 members x Kasur matrix");
    g.bench_function("evaluate from scratch (price every offer)", |b| {
        b.iter(|| black_box(evaluate(&m, &p, black_box(&balanced), &settings)))
    });
    g.bench_function("rescore after a weight change", |b| {
        b.iter(|| black_box(e.reweigh(black_box(&cost), &settings)))
    });
    g.bench_function("stability: intervals and 10,000 Monte Carlo draws", |b| {
        b.iter(|| black_box(stability(black_box(&e), &settings)))
    });
    let no_draws = Settings {
        draws: 0,
        ..settings.clone()
    };
    g.bench_function("stability: intervals only", |b| {
        b.iter(|| black_box(stability(black_box(&e), &no_draws)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
