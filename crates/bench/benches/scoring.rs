//! Scoring speed on the built-in Kasur study with a 42-member CO (the 40
//! sample plans and two more): evaluating from scratch (every offer priced),
//! rescoring after a weight change (what the app does when a slider moves),
//! and the Monte Carlo rank acceptability with 10,000 draws; all that
//! `score` computes, with the draws over the data and what to ask first. Then one CO
//! of the network benchmark (139 members, 40 MFIs with 5 products each):
//! its evaluation as `batch` does it, and its ranking alone, whose inputs
//! are written to `target/network-co-values.csv` for the numpy reference
//! (`benches/reference_scoring.py`).

use criterion::{Criterion, criterion_group, criterion_main};
use mfi_core::data::builtin;
use mfi_core::data::criteria;
use mfi_core::scoring::stability::stability;
use mfi_core::scoring::{self, Settings, evaluate};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let m = builtin::kasur_matrix().expect("built-in matrix");
    let mut p = builtin::kasur_plans().expect("built-in plans");
    for i in 0..2 {
        let mut extra = p.members[i].clone();
        extra.member = format!("{} (2)", extra.member);
        p.members.push(extra);
    }
    assert_eq!(p.members.len(), 42);
    let balanced = criteria::preset("balanced").expect("preset");
    let cost = criteria::preset("lowest-cost").expect("preset");
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
    g.bench_function(
        "score: evaluate, stability over the weights and the data (10,000 draws each) and what to ask first",
        |b| {
            b.iter(|| {
                let e = evaluate(&m, &p, black_box(&balanced), &settings);
                black_box(mfi_core::scoring::stability::stability_with_data(
                    &e, &m, &p, &balanced, &settings,
                ))
            })
        },
    );
    let no_draws = Settings {
        draws: 0,
        ..settings.clone()
    };
    g.bench_function("stability: intervals only", |b| {
        b.iter(|| black_box(stability(black_box(&e), &no_draws)))
    });
    // The members' priorities: 40 members' counters combined and each
    // member's own recommendation (the evaluation re-ranked 40 times), what
    // the meeting view computes after each member.
    let said = mfi_core::data::priorities::load_priorities(
        "example-priorities.csv",
        include_bytes!("../../../parameters/example-priorities.csv"),
    )
    .expect("example priorities");
    g.bench_function(
        "members' priorities: 40 combined, each member's own recommendation",
        |b| {
            b.iter(|| {
                black_box(mfi_core::voice::group::group(
                    black_box(&e),
                    &said,
                    &balanced,
                    &settings,
                ))
            })
        },
    );
    g.finish();
}

fn network(c: &mut Criterion) {
    use mfi_core::generate::{self, Rng};
    let mut rng = Rng::new(2010);
    let m = generate::matrix(40, 5, "Kasur", &mut rng);
    let p = generate::plans(139, "CO 0001", "Kasur", &mut rng);
    let w = criteria::preset("balanced").expect("preset");
    let cost = criteria::preset("lowest-cost").expect("preset");
    let settings = Settings {
        draws: 1_000,
        ..Settings::default()
    };
    let mut cache = scoring::PriceCache::new();
    let e = scoring::evaluate_cached(&m, &p, &w, &settings, &mut cache, scoring::Detail::Figures);
    write_values(&e, &settings);
    let mut g = c.benchmark_group("network CO: 139 members x 40 MFIs x 5 products");
    g.bench_function("evaluate, figures only, prices cached (as batch)", |b| {
        b.iter(|| {
            black_box(scoring::evaluate_cached(
                &m,
                &p,
                black_box(&w),
                &settings,
                &mut cache,
                scoring::Detail::Figures,
            ))
        })
    });
    g.bench_function("evaluate in full, every offer priced (as score)", |b| {
        b.iter(|| black_box(evaluate(&m, &p, black_box(&w), &settings)))
    });
    g.bench_function("rank again under other weights (weighted sums)", |b| {
        b.iter(|| black_box(e.reweigh(black_box(&cost), &settings)))
    });
    g.bench_function("stability share, 1,000 draws (as batch)", |b| {
        b.iter(|| {
            let problem = mfi_core::scoring::stability::problem(&e).expect("a recommendation");
            black_box(mfi_core::scoring::stability::first_share(
                &problem, &settings,
            ))
        })
    });
    g.finish();
}

/// The ranking's inputs for the numpy reference: every pair's member,
/// institution, whether it can serve her (ranked and affordable), and its
/// eight criterion values; then the weights the reference applies, and the
/// MFI this program recommends under them, for the reference to check.
fn write_values(e: &scoring::Evaluation, settings: &Settings) {
    let cost = criteria::preset("lowest-cost").expect("preset");
    let again = e.reweigh(&cost, settings);
    // Ranked and affordable (no savings pool in this study).
    let serves = |k: usize| {
        let p = &e.pairs[k];
        p.rankable(settings) && p.loan.as_ref().is_some_and(|l| l.affordable)
    };
    let mut out = String::from("member,institution,serves,v0,v1,v2,v3,v4,v5,v6,v7\n");
    for (k, p) in e.pairs.iter().enumerate() {
        out.push_str(&format!(
            "{},{},{}",
            p.member,
            p.institution,
            serves(k) as u8
        ));
        for v in p.values {
            out.push_str(&format!(",{v:.17}"));
        }
        out.push('\n');
    }
    let w: Vec<String> = cost
        .normalised()
        .iter()
        .map(|x| format!("{x:.17}"))
        .collect();
    out.push_str(&format!("# weights,{}\n", w.join(",")));
    out.push_str(&format!(
        "# recommended,{},needing,{}\n",
        again.recommended().map_or(-1, |r| r.institution as i64),
        e.members_needing_loan
    ));
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/network-co-values.csv"
    );
    std::fs::write(path, out).expect("write the reference's inputs");
}

criterion_group!(benches, bench, network);
criterion_main!(benches);
