//! The pricing engine against independent results: domain.md section 4 (computed
//! with numpy-financial), numpy-financial's own test identities, and
//! MFTransparency's published APR for Kashf's Karobar Karza.

use mfi_core::pricing::{
    self, Basis, Frequency, GraceMarkup, LoanTerms, MarkupPer, Rounding, irr, price,
};
use mfi_core::pricing::{Amount, Charge, Savings};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::dec;
use rust_decimal::prelude::ToPrimitive;

fn exact(amount: Decimal, markup: Decimal, months: u32) -> LoanTerms {
    LoanTerms {
        rounding: Rounding::None,
        ..LoanTerms::flat(amount, markup, months)
    }
}

fn close(actual: f64, expected: f64, tol: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual}, expected {expected}"
    );
}

fn money_close(actual: Decimal, expected: Decimal, what: &str) {
    assert!(
        (actual - expected).abs() <= dec!(0.005),
        "{what}: got {actual}, expected {expected}"
    );
}

/// Every row of the reference table in domain.md section 4.
#[test]
fn domain_reference_table() {
    let flat = |m, n| exact(dec!(25000), m, n);
    let cases: Vec<(&str, LoanTerms, Decimal, f64, f64)> = vec![
        (
            "22% flat 12m",
            flat(dec!(22), 12),
            dec!(2541.67),
            38.40,
            45.94,
        ),
        (
            "25% flat 12m",
            flat(dec!(25), 12),
            dec!(2604.17),
            43.34,
            53.08,
        ),
        (
            "29% flat 12m",
            flat(dec!(29), 12),
            dec!(2687.50),
            49.84,
            62.95,
        ),
        (
            "25% flat 18m",
            flat(dec!(25), 18),
            dec!(1909.72),
            43.09,
            52.71,
        ),
        (
            "+ Rs 480 fee",
            flat(dec!(25), 12).with_charges(vec![fee(Amount::Rupees(dec!(480)))]),
            dec!(2604.17),
            47.33,
            59.07,
        ),
        (
            "+ 1% fee",
            flat(dec!(25), 12).with_charges(vec![fee(Amount::percent(dec!(1)))]),
            dec!(2604.17),
            45.40,
            56.15,
        ),
        (
            "10% deposit",
            LoanTerms {
                savings: Some(Savings::deposit(Amount::percent(dec!(10)))),
                ..flat(dec!(25), 12)
            },
            dec!(2604.17),
            51.72,
            65.92,
        ),
        (
            "25% declining",
            LoanTerms {
                basis: Basis::Declining,
                ..flat(dec!(25), 12)
            },
            dec!(2376.11),
            25.00,
            28.07,
        ),
        (
            "murabaha",
            LoanTerms {
                basis: Basis::Murabaha,
                ..exact(dec!(30000), dec!(20), 12)
            },
            dec!(3000.00),
            35.07,
            41.30,
        ),
    ];
    for (name, terms, instalment, apr, eir) in cases {
        let p = price(&terms).unwrap();
        money_close(p.instalment, instalment, name);
        assert_eq!(p.count, 12.max(terms.months), "{name}");
        close(p.apr_percent, apr, 0.01, name);
        close(p.eir_percent, eir, 0.01, name);
    }
}

/// An upfront fee of the lender, untaxed.
fn fee(amount: Amount) -> Charge {
    Charge::fee("fee", amount)
}

/// Kashf's Karobar Karza: MFTransparency published up to 41.3%; domain.md gives 41.2%.
#[test]
fn kashf_karobar_karza() {
    let t = exact(dec!(20000), dec!(20), 12).with_charges(vec![
        fee(Amount::Rupees(dec!(400))),
        Charge::insurance("insurance", Amount::Rupees(dec!(200))),
    ]);
    let p = price(&t).unwrap();
    close(p.apr_percent, 41.2, 0.05, "Kashf");
    assert_eq!(p.total_cost, dec!(4600));
}

/// numpy-financial's tests: pmt(0.08/12, 60, 15000) = -304.145914 and
/// irr([-100, 39, 59, 55, 20]) = 0.28095.
#[test]
fn numpy_financial_identities() {
    let t = LoanTerms {
        basis: Basis::Declining,
        ..exact(dec!(15000), dec!(8), 60)
    };
    let p = price(&t).unwrap();
    money_close(p.instalment, dec!(304.145914), "pmt");
    assert!((p.instalment - dec!(304.145914)).abs() < dec!(0.000001));
    let r = irr(&[-100.0, 39.0, 59.0, 55.0, 20.0], 0.1).unwrap();
    close(r, 0.28095, 0.00001, "irr");
    // numpy-financial: irr([-150000, 15000, 25000, 35000, 45000, 60000]) = 0.0524
    let r = irr(
        &[-150000.0, 15000.0, 25000.0, 35000.0, 45000.0, 60000.0],
        0.1,
    )
    .unwrap();
    close(r, 0.0524, 0.0001, "irr 2");
    // and irr([-100, 0, 0, 74]) = -0.0955: a negative rate, which a loan's
    // cost never has; the solver says so rather than return a number.
    assert!(irr(&[-100.0, 0.0, 0.0, 74.0], 0.1).is_err());
}

#[test]
fn zero_cost_loan_has_zero_apr() {
    let t = LoanTerms {
        basis: Basis::Qard,
        ..exact(dec!(25000), dec!(0), 12)
    };
    let p = price(&t).unwrap();
    assert_eq!(p.apr_percent, 0.0);
    assert_eq!(p.total_cost, Decimal::ZERO);
    // Qard with a fee costs something.
    let t = t.with_charges(vec![fee(Amount::Rupees(dec!(500)))]);
    assert!(price(&t).unwrap().apr_percent > 0.0);
}

#[test]
fn flows_with_no_rate_are_an_error() {
    assert!(irr(&[100.0, -50.0, -40.0], 0.1).is_err());
    assert!(irr(&[f64::NAN, 1.0], 0.1).is_err());
    assert!(irr(&[1.0], 0.1).is_err());
    let t = exact(dec!(25000), dec!(22), 12).with_charges(vec![fee(Amount::percent(dec!(100)))]);
    let e = price(&t).unwrap_err();
    assert!(matches!(e, pricing::PricingError::NothingReceived { .. }));
    assert!(
        e.to_string()
            .starts_with("the charges and savings deducted at disbursement (Rs 25,000) take all of the loan (Rs 25,000)"),
        "{e}"
    );
}

#[test]
fn frequencies_grace_bullet_and_term_markup() {
    let weekly = LoanTerms {
        frequency: Frequency::Weekly,
        ..exact(dec!(25000), dec!(25), 12)
    };
    let p = price(&weekly).unwrap();
    assert_eq!(p.count, 52);
    assert_eq!(p.periods_per_year, 52);
    let fw = LoanTerms {
        frequency: Frequency::FourWeekly,
        ..exact(dec!(25000), dec!(25), 12)
    };
    assert_eq!(price(&fw).unwrap().count, 13);
    let ft = LoanTerms {
        frequency: Frequency::Fortnightly,
        ..exact(dec!(25000), dec!(25), 12)
    };
    assert_eq!(price(&ft).unwrap().count, 26);
    // A bullet loan at 25% flat for 12 months: Rs 31,250 at month 12, EIR 25%.
    let b = price(&LoanTerms {
        frequency: Frequency::Bullet,
        ..exact(dec!(25000), dec!(25), 12)
    })
    .unwrap();
    assert_eq!(b.count, 1);
    assert_eq!(b.instalment, dec!(31250));
    close(b.eir_percent, 25.0, 1e-9, "bullet EIR");
    // 25% for the whole 18-month term equals 16.67% a year.
    let term = price(&LoanTerms {
        markup_per: MarkupPer::Term,
        ..exact(dec!(25000), dec!(25), 18)
    })
    .unwrap();
    assert_eq!(term.total_markup, dec!(6250));
    // Two grace months: 14 periods, 12 instalments, markup on 14 months, and
    // a lower rate than paying from the first month.
    let g = price(&LoanTerms {
        grace_periods: 2,
        ..exact(dec!(25000), dec!(25), 12)
    })
    .unwrap();
    assert_eq!(g.schedule.len(), 14);
    assert_eq!(g.cash_flows().len(), 15);
    assert_eq!(g.schedule[0].due, Decimal::ZERO);
    // Declining balance with grace. Markup paid in the grace months, or
    // added to the balance (earning markup itself): the rate is the nominal
    // one. Markup that waits without earning markup (the default) is
    // cheaper than the nominal rate: she keeps that money longer for free.
    let grace = |grace_markup| {
        price(&LoanTerms {
            grace_periods: 3,
            grace_markup,
            basis: Basis::Declining,
            ..exact(dec!(25000), dec!(24), 12)
        })
        .unwrap()
    };
    for gm in [GraceMarkup::Paid, GraceMarkup::Capitalised] {
        let dg = grace(gm);
        close(
            dg.apr_percent,
            24.0,
            1e-6,
            &format!("declining with grace, {gm:?}"),
        );
        let principal: Decimal = dg.schedule.iter().map(|r| r.principal).sum();
        assert_eq!(principal, dec!(25000));
    }
    let accrued = grace(GraceMarkup::Accrued);
    assert!(accrued.apr_percent < 24.0, "{}", accrued.apr_percent);
    let paid = grace(GraceMarkup::Paid);
    assert!(
        paid.schedule[..3]
            .iter()
            .all(|r| r.markup == dec!(500) && r.principal.is_zero())
    );
}

#[test]
fn rupee_rounding_last_instalment_absorbs() {
    let p = price(&LoanTerms::flat(dec!(25000), dec!(22), 12)).unwrap();
    assert_eq!(p.instalment, dec!(2542));
    assert_eq!(p.last_instalment, dec!(30500) - dec!(2542) * dec!(11));
    assert_eq!(p.total_repaid, dec!(30500));
    let principal: Decimal = p.schedule.iter().map(|r| r.principal).sum();
    assert_eq!(principal, dec!(25000));
    assert_eq!(p.schedule.last().unwrap().balance, Decimal::ZERO);
}

#[test]
fn extreme_but_valid_numbers_compute_or_refuse() {
    for (amount, markup, months) in [
        (dec!(1000000000000), dec!(1000), 120u32),
        (dec!(1), dec!(1000), 1),
        (dec!(0.01), dec!(0.01), 120),
        (dec!(1000000000000), dec!(0), 1),
    ] {
        for basis in [Basis::Flat, Basis::Declining, Basis::Murabaha, Basis::Qard] {
            for frequency in [Frequency::Monthly, Frequency::Weekly, Frequency::Bullet] {
                let t = LoanTerms {
                    basis,
                    frequency,
                    ..exact(amount, markup, months)
                };
                if let Ok(p) = price(&t) {
                    assert!(
                        p.apr_percent.is_finite() && p.eir_percent.is_finite(),
                        "{t:?}"
                    );
                    assert!(p.apr_percent >= 0.0);
                }
            }
        }
    }
    assert!(price(&exact(dec!(25000), dec!(22), 121)).is_err());
    assert!(price(&exact(dec!(1000000000001), dec!(22), 12)).is_err());
    assert!(price(&exact(dec!(25000), dec!(1001), 12)).is_err());
    assert!(price(&exact(dec!(0), dec!(22), 12)).is_err());
}

fn loan_strategy() -> impl Strategy<Value = LoanTerms> {
    (
        1_000u64..2_000_000,
        0u32..6000,
        1u32..=60,
        prop_oneof![
            Just(Basis::Flat),
            Just(Basis::Declining),
            Just(Basis::Murabaha),
            Just(Basis::Qard)
        ],
        prop_oneof![
            Just(Frequency::Monthly),
            Just(Frequency::FourWeekly),
            Just(Frequency::Fortnightly),
            Just(Frequency::Weekly),
            Just(Frequency::Bullet)
        ],
        0u32..4,
        0u32..=500,
        0u32..=200,
        prop_oneof![
            Just(Rounding::None),
            Just(Rounding::Paisa),
            Just(Rounding::Rupee)
        ],
        prop_oneof![Just(MarkupPer::Year), Just(MarkupPer::Term)],
    )
        .prop_map(
            |(
                amount,
                markup_bp,
                months,
                basis,
                frequency,
                grace,
                fee_bp,
                deposit_bp,
                rounding,
                markup_per,
            )| {
                LoanTerms {
                    amount: Decimal::from(amount),
                    basis,
                    markup_percent: Decimal::new(markup_bp as i64, 2),
                    markup_per,
                    months,
                    frequency,
                    // A bullet loan pays nothing before its end: no grace.
                    grace_periods: if frequency == Frequency::Bullet {
                        0
                    } else {
                        grace
                    },
                    savings: Some(Savings::deposit(Amount::percent(Decimal::new(
                        deposit_bp as i64,
                        2,
                    )))),
                    rounding,
                    ..LoanTerms::flat(Decimal::ONE, Decimal::ZERO, 1)
                }
                .with_charges(vec![fee(Amount::percent(Decimal::new(fee_bp as i64, 2)))])
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn schedules_add_up(t in loan_strategy()) {
        let p = price(&t).unwrap();
        let principal: Decimal = p.schedule.iter().map(|r| r.principal).sum();
        let dues: Decimal = p.schedule.iter().map(|r| r.due).sum();
        let markup: Decimal = p.schedule.iter().map(|r| r.markup).sum();
        prop_assert_eq!(principal, t.amount);
        prop_assert_eq!(p.schedule.last().unwrap().balance, Decimal::ZERO);
        prop_assert_eq!(dues, p.total_repaid);
        prop_assert_eq!(dues - principal, markup);
        prop_assert!(p.apr_percent.is_finite() && p.apr_percent >= 0.0);
        prop_assert!(p.eir_percent.is_finite() && p.eir_percent >= p.apr_percent - 1e-9);
        let cost = p.total_repaid + p.upfront_charges - t.amount;
        // Every rupee she pays is in exactly one line: the disbursement's
        // deductions, or a period's instalment, charges, tax or savings.
        let paid: Decimal = p.upfront_charges + p.deposit + p.schedule.iter().map(|r| r.pays()).sum::<Decimal>();
        prop_assert_eq!(paid, p.total_paid);
        let refunds: Decimal = p.schedule.iter().map(|r| r.refund).sum();
        prop_assert_eq!(refunds, p.savings_refunded);
        prop_assert_eq!(-p.cash_flows().iter().copied().sum::<Decimal>(), p.total_paid - refunds - t.amount);
        prop_assert_eq!(p.total_cost, cost);
        if t.rounding != Rounding::None {
            let dp = if t.rounding == Rounding::Rupee { 0 } else { 2 };
            for r in &p.schedule {
                prop_assert_eq!(r.due, r.due.round_dp(dp));
            }
        }
    }

    #[test]
    fn higher_markup_or_fee_never_lowers_apr(t in loan_strategy(), extra_bp in 1u32..500, fee_extra in 1u32..300) {
        let base = price(&t).unwrap();
        if t.basis != Basis::Qard {
            let more = LoanTerms { markup_percent: t.markup_percent + Decimal::new(extra_bp as i64, 2), ..t.clone() };
            if let Ok(m) = price(&more) {
                prop_assert!(m.apr_percent >= base.apr_percent - 1e-9, "markup {} -> {}", base.apr_percent, m.apr_percent);
            }
        }
        let Amount::Percent { percent, .. } = t.charges[0].amount else { unreachable!() };
        let more_fee = t.clone().with_charges(vec![fee(Amount::percent(percent + Decimal::new(fee_extra as i64, 2)))]);
        if let Ok(m) = price(&more_fee) {
            prop_assert!(m.apr_percent >= base.apr_percent - 1e-9, "fee {} -> {}", base.apr_percent, m.apr_percent);
        }
    }

    #[test]
    fn declining_without_charges_is_the_nominal_rate(amount in 1_000u64..10_000_000, markup_bp in 1u32..10000, months in 1u32..=120) {
        let t = LoanTerms { basis: Basis::Declining, ..exact(Decimal::from(amount), Decimal::new(markup_bp as i64, 2), months) };
        let p = price(&t).unwrap();
        let nominal = t.markup_percent.to_f64().unwrap();
        prop_assert!((p.apr_percent - nominal).abs() < 1e-6 * nominal.max(1.0), "{} vs {}", p.apr_percent, nominal);
    }

    /// The solver's rate is the root bisection finds, to 1e-10 of it, for
    /// loan-like flows (received, then repayments of any size and timing).
    #[test]
    fn solver_agrees_with_bisection(
        received in 1_000.0f64..1e7,
        pays in proptest::collection::vec(0.0f64..1.0, 1..150),
        cost in 0.001f64..3.0,
    ) {
        let total: f64 = pays.iter().sum();
        prop_assume!(total > 0.0);
        let scale = received * (1.0 + cost) / total;
        let flows: Vec<f64> = std::iter::once(received).chain(pays.iter().map(|p| -p * scale)).collect();
        let npv = |r: f64| flows.iter().enumerate().map(|(t, c)| c / (1.0 + r).powi(t as i32)).sum::<f64>();
        let (mut lo, mut hi) = (0.0f64, 1.0f64);
        while npv(hi) < 0.0 { lo = hi; hi *= 2.0; }
        for _ in 0..200 { let m = 0.5 * (lo + hi); if npv(m) < 0.0 { lo = m } else { hi = m } }
        let root = 0.5 * (lo + hi);
        let r = irr(&flows, pricing::first_guess(&flows)).unwrap();
        prop_assert!((r - root).abs() <= 1e-10 * root.max(1e-6), "{} vs {}", r, root);
    }

    #[test]
    fn solver_never_returns_nan(flows in proptest::collection::vec(-1e12f64..1e12, 2..150), guess in -2.0f64..10.0) {
        if let Ok(r) = irr(&flows, guess) {
            prop_assert!(r.is_finite() && r >= 0.0);
        }
    }
}
