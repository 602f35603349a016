//! Terms to negotiate with the MFI (issue 31, item 3): a longer term, a
//! grace in her lean months, a seasonal schedule; each priced like any
//! offer, judged by the month rule, proposed only when it fits.

use crate::scoring::{member, open_mfi};
use mfi_core::data::matrix::Matrix;
use mfi_core::data::months::{MonthFigures, parse_months};
use mfi_core::data::plans::{MicroInvestmentPlan, Plans};
use mfi_core::date::Date;
use mfi_core::pricing::Rounding;
use mfi_core::scoring::months::{HerMonths, LoanMonths, judge};
use mfi_core::scoring::negotiate::{Proposal, Proposed, to_negotiate};
use mfi_core::scoring::{Evaluation, N, Settings, Weights, evaluate};
use rust_decimal::Decimal;
use rust_decimal::dec;

fn settings() -> Settings {
    Settings {
        rounding: Rounding::Rupee,
        draws: 100,
        ..Settings::default()
    }
}

/// One MFI with one product, one member: the evaluation and her proposals
/// for it.
fn study(
    product: &[(&str, &str)],
    plan: MicroInvestmentPlan,
    settings: &Settings,
) -> (Evaluation, Vec<Proposal>) {
    let m = Matrix {
        institutions: vec![open_mfi("MFI", &[], product)],
    };
    let plans = Plans {
        members: vec![plan],
    };
    let e = evaluate(&m, &plans, &Weights::new("t", [1.0; N]), settings);
    let p = to_negotiate(&e.pairs[0], &plans.members[0], &m, settings);
    (e, p)
}

/// Rubina, as `benches/reference_negotiate.py` writes her: sales Rs 10,000
/// (Jun-Aug 60%), household Rs 4,000; Rs 30,000 at 24% declining over 12
/// months, paid out in May.
fn rubina() -> MicroInvestmentPlan {
    MicroInvestmentPlan {
        monthly_sales: dec!(10000),
        household_expenses: dec!(4000),
        sales_by_month: Some(parse_months("Jun-Aug 60%").unwrap()),
        ..member("Rubina", dec!(30000), dec!(0))
    }
}

/// Rubina buying for `cost` rupees.
fn buying(cost: Decimal) -> MicroInvestmentPlan {
    MicroInvestmentPlan {
        items: vec![mfi_core::data::plans::InvestmentItem {
            name: "Frame".into(),
            cost,
        }],
        ..rubina()
    }
}

const DECLINING_24: &[(&str, &str)] = &[
    ("basis", "declining"),
    ("markup", "24%"),
    ("amount", "10,000-60,000"),
    ("term_months", "12"),
];

fn in_may() -> Settings {
    Settings {
        disbursed: Date::parse("2027-05-15"),
        ..settings()
    }
}

/// Three lean months right after the payout: her equal instalments (Rs
/// 2,837) fail in June, July and August, when she can spare Rs 1,500. A
/// grace in those months and a seasonal schedule both fit; the seasonal one
/// asks Rs 1,156 in her lean months and Rs 3,467 in the others, at 24.0%
/// (the figures of the independent script, `negotiate_reference.json`'s
/// first case).
#[test]
fn three_lean_months_get_a_seasonal_schedule_that_fits() {
    let (e, props) = study(DECLINING_24, rubina(), &in_may());
    let l = e.pairs[0].loan.as_ref().unwrap();
    assert_eq!(l.instalment, dec!(2837));
    assert!(!l.affordable);
    let kinds: Vec<Proposed> = props.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [Proposed::Grace, Proposed::Seasonal]);
    let seasonal = &props[1];
    assert!(seasonal.fits && seasonal.put_aside.is_none());
    assert_eq!(&seasonal.pays[..4], &[115_600, 115_600, 115_600, 346_700]);
    assert_eq!(seasonal.pays[11], 346_800);
    assert_eq!(seasonal.total_cost.high, dec!(4672));
    assert!((seasonal.apr.high - 24.004763105005633).abs() < 1e-6);
    // Judged again by the month rule, independently of the proposal's own
    // verdict: it fits, nothing put aside.
    let her = HerMonths::of(&rubina(), Decimal::ONE);
    let j = judge(
        &her,
        &LoanMonths::from_pays(seasonal.pays.clone(), 346_800),
        mfi_core::scoring::months::Rules {
            share_bp: 7500,
            cap_bp: 5000,
        },
        Some(4),
    );
    assert!(j.affordable && j.aside.is_none(), "{j:?}");
    // The grace: nothing in Jun, Jul and Aug (her lean months, placed from
    // the payout in May), Rs 3,900 in the others.
    let grace = &props[0];
    assert_eq!(
        grace.no_payment(),
        [(1, Some(5)), (2, Some(6)), (3, Some(7))]
    );
    assert_eq!(grace.pays[3], 390_000);
    // The markup runs on the balance through the grace: more than the
    // offer's; unpaid markup earns none, so the rate stays below 24%.
    assert_eq!(
        (grace.total_cost.high, l.total_cost),
        (dec!(5017), dec!(4042))
    );
    assert!(grace.apr.high < 24.0 && grace.apr.high > 23.0);
    assert!(
        grace
            .words()
            .starts_with("no payment in Jun, Jul and Aug: Rs 3,900 in")
    );
}

/// A member whose loan already fits her months gets nothing to negotiate.
#[test]
fn a_loan_that_fits_gets_no_proposal() {
    // Rubina buying less: Rs 15,000 over 12 months, Rs 1,418 a month, is
    // within the Rs 1,500 she can spare in her lean months.
    let (e, props) = study(DECLINING_24, buying(dec!(15000)), &in_may());
    let l = e.pairs[0].loan.as_ref().unwrap();
    assert!(l.affordable && l.put_aside.is_none(), "{l:?}");
    assert!(props.is_empty(), "{props:?}");
    // Nor does a member whose months are alike and whose instalment fits.
    let (e, props) = study(
        DECLINING_24,
        member("Kausar", dec!(20000), dec!(6000)),
        &settings(),
    );
    assert!(e.pairs[0].loan.as_ref().unwrap().affordable);
    assert!(props.is_empty());
}

/// Rs 40,000 interest-only at 25% declining over 12 to 15 months (Rs 833
/// a month, then Rs 40,833) for a member with Rs 4,500 a month to spare
/// (the loan may take Rs 3,375) and nothing saved: it does not fit, even
/// over 15 months putting aside all she can (Rs 3,500 a month needed).
/// Repaying the amount along the way fits: equal monthly payments (her
/// months are alike) over 14 months, the shortest term that fits; no grace
/// (she has no lean months).
#[test]
fn a_balloon_that_fails_gets_its_proposals() {
    let product: &[(&str, &str)] = &[
        ("structure", "interest-only"),
        ("basis", "declining"),
        ("markup", "25%"),
        ("amount", "10,000-60,000"),
        ("term_months", "12-15"),
    ];
    let (e, props) = study(
        product,
        member("Nargis", dec!(40000), dec!(4500)),
        &settings(),
    );
    let l = e.pairs[0].loan.as_ref().unwrap();
    assert!(!l.affordable);
    assert!(l.has_balloon());
    assert_eq!(props.len(), 1, "{props:?}");
    let p = &props[0];
    assert_eq!(p.kind, Proposed::Seasonal);
    assert!(p.fits);
    // Equal payments within her Rs 3,375 (75% of Rs 4,500), no balloon.
    let first = p.pays[0];
    assert!(p.pays[..p.pays.len() - 1].iter().all(|x| *x == first));
    assert!(first <= 337_500, "{first}");
    assert_eq!(p.months, 14);
    // Priced at its declining rate: 25% a year.
    assert!((p.apr.high - 25.0).abs() < 0.05, "{}", p.apr.high);
    assert_eq!(p.asked_months, 12);
    assert!(
        p.words().starts_with("payments by her months: Rs"),
        "{}",
        p.words()
    );
}

/// A longer term the best-term search chose is said, and proposed first;
/// a seasonal schedule over the term she asked for is proposed beside it.
#[test]
fn a_longer_term_is_proposed_not_silently_used() {
    let product: &[(&str, &str)] = &[
        ("basis", "declining"),
        ("markup", "24%"),
        ("amount", "10,000-60,000"),
        ("term_months", "12-24"),
    ];
    // Rs 20,000: Rs 1,891 a month over 12 months, more than the Rs 1,500
    // she can spare in her lean months; Rs 1,473 over 16.
    let (e, props) = study(product, buying(dec!(20000)), &in_may());
    let l = e.pairs[0].loan.as_ref().unwrap();
    assert!(l.affordable);
    assert_eq!(l.months, 16);
    let kinds: Vec<Proposed> = props.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [Proposed::LongerTerm, Proposed::Grace, Proposed::Seasonal]
    );
    assert_eq!(props[0].months, l.months);
    assert_eq!(props[0].asked_months, 12);
    assert!(
        props[0].words().starts_with(&format!(
            "over {} months instead of the 12 she asked for",
            l.months
        )),
        "{}",
        props[0].words()
    );
    // The grace and the seasonal schedule over a term shorter than the
    // longer one (else no better).
    for p in &props[1..] {
        assert!(p.months < l.months, "{p:?}");
    }
}

/// The proposals against an independent script
/// (`benches/reference_negotiate.py`, written from the README's words):
/// random plans with two to four lean months, flat, declining and qard
/// offers over 6 to 30 months, paid out in a given month; the same offer's
/// term and verdict, the same proposals, the rupees of each month, the APR
/// and the cost.
#[test]
fn terms_to_negotiate_agree_with_an_independent_script() {
    let text = include_str!("../negotiate_reference.json");
    let v: serde_json::Value = serde_json::from_str(text).expect("json");
    let cases = v["cases"].as_array().expect("cases");
    let int = |x: &serde_json::Value| x.as_i64().expect("a whole number");
    let dec = |x: &serde_json::Value| Decimal::from(int(x));
    let mut proposed = 0;
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let p = &c["plan"];
        let amount = dec(&c["amount"]);
        let plan = MicroInvestmentPlan {
            monthly_sales: dec(&p["monthly_sales"]),
            monthly_business_costs: dec(&p["monthly_business_costs"]),
            other_income: dec(&p["other_income"]),
            household_expenses: dec(&p["household_expenses"]),
            savings_now: dec(&p["savings_now"]),
            sales_by_month: p["sales_percent"]
                .as_array()
                .map(|s| MonthFigures::Percent(std::array::from_fn(|m| dec(&s[m])))),
            preferred_term_months: Some(int(&c["asked"]) as u32),
            ..member("M", amount, dec!(0))
        };
        let (asked, longest) = (int(&c["asked"]), int(&c["longest"]));
        let terms = if asked == longest {
            asked.to_string()
        } else {
            format!("{asked}-{longest}")
        };
        let markup = format!("{}%", int(&c["markup"]));
        let basis = c["basis"].as_str().unwrap();
        let product: Vec<(&str, &str)> = vec![
            ("basis", basis),
            ("markup", if basis == "qard" { "0%" } else { &markup }),
            ("amount", "1,000-100,000"),
            ("term_months", &terms),
        ];
        let settings = Settings {
            disbursed: Date::parse(&format!("2027-{:02}-15", int(&c["start"]) + 1)),
            ..settings()
        };
        let (e, props) = study(&product, plan, &settings);
        let want = &c["expected"];
        let l = e.pairs[0].loan.as_ref().expect("priced");
        assert_eq!(i64::from(l.months), int(&want["offer_months"]), "{name}");
        assert_eq!(
            l.affordable,
            want["offer_fits"].as_bool().unwrap(),
            "{name}"
        );
        let expected = want["proposals"].as_array().unwrap();
        let kinds: Vec<&str> = props.iter().map(|p| p.kind.key()).collect();
        let wanted: Vec<&str> = expected
            .iter()
            .map(|p| p["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, wanted, "{name}");
        for (got, want) in props.iter().zip(expected) {
            let pays: Vec<i64> = want["pays"].as_array().unwrap().iter().map(int).collect();
            assert_eq!(got.pays, pays, "{name} {}", got.kind.key());
            assert_eq!(i64::from(got.months), int(&want["months"]), "{name}");
            let cost: Decimal = want["cost"].as_str().unwrap().parse().unwrap();
            assert_eq!(got.total_cost.high, cost, "{name} {}", got.kind.key());
            let apr = want["apr"].as_f64().unwrap();
            assert!(
                (got.apr.high - apr).abs() < 1e-6,
                "{name} {}: {} against {apr}",
                got.kind.key(),
                got.apr.high
            );
            assert!(got.fits);
            proposed += 1;
        }
    }
    assert!(proposed >= 40, "only {proposed} proposals checked");
}
