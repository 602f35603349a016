//! A loan judged against her months (issue: her months and her debts):
//! a balloon in its month, her other debts, her lean months, her savings,
//! her debt-service ratio, and whether the purchase pays for the loan.

use crate::scoring::{member, open_mfi};
use mfi_core::data::matrix::Matrix;
use mfi_core::data::months::{OtherDebt, parse_months};
use mfi_core::data::plans::{MicroInvestmentPlan, Plans};
use mfi_core::date::Date;
use mfi_core::pricing::Rounding;
use mfi_core::scoring::months::{AsideFor, ShortWhy};
use mfi_core::scoring::{Loan, N, Settings, Weights, evaluate};
use rust_decimal::Decimal;
use rust_decimal::dec;

fn settings() -> Settings {
    Settings {
        rounding: Rounding::Rupee,
        draws: 100,
        ..Settings::default()
    }
}

/// The one loan of `plan` from `mfi`.
fn loan(mfi: &[(&str, &str)], plan: MicroInvestmentPlan, settings: &Settings) -> Loan {
    let m = Matrix {
        institutions: vec![open_mfi("MFI", &[], mfi)],
    };
    let e = evaluate(
        &m,
        &Plans {
            members: vec![plan],
        },
        &Weights::new("t", [1.0; N]),
        settings,
    );
    e.pairs[0].loan.clone().expect("priced")
}

/// A member whose usual month leaves her `surplus` after her household:
/// she earns twice that and spends half of it.
fn with_surplus(need: Decimal, surplus: Decimal) -> MicroInvestmentPlan {
    member("Nargis", need, surplus)
}

const INTEREST_ONLY: &[(&str, &str)] = &[
    ("structure", "interest-only"),
    ("basis", "declining"),
    ("markup", "25%"),
    ("amount", "10,000-60,000"),
];

/// Rs 50,000 at 25% declining, interest only: Rs 1,042 a month and Rs
/// 51,042 in month 12. With Rs 4,500 a month to spare and nothing saved she
/// cannot have the last payment; with Rs 50,000 saved she can.
#[test]
fn an_interest_only_loan_is_judged_on_its_last_month() {
    let plan = with_surplus(dec!(50000), dec!(4500));
    let l = loan(INTEREST_ONLY, plan.clone(), &settings());
    let (balloon, month) = l.largest_payment;
    assert_eq!(month, 12);
    assert!(balloon > dec!(51000) && balloon < dec!(51050), "{balloon}");
    assert!(!l.affordable, "{l:?}");
    // Never an average: the month that fails is the last, with its payment.
    let last = l.short_months.last().expect("a month short");
    assert_eq!(last.month, 12);
    assert!(
        matches!(last.why, ShortWhy::Payment { pays, .. } if Decimal::new(pays, 2) == balloon),
        "{last:?}"
    );
    let saved = MicroInvestmentPlan {
        savings_now: dec!(50000),
        ..plan
    };
    let l = loan(INTEREST_ONLY, saved, &settings());
    assert!(l.affordable, "{:?}", l.short_months);
    assert!(l.short_months.is_empty());
    // Her savings meet the last payment: nothing to put aside.
    assert_eq!(l.put_aside, None);
}

/// Without savings but with room enough, the same loan fits only if she
/// puts money aside for the last payment, and says how much a month.
#[test]
fn a_balloon_fits_only_with_money_put_aside_and_says_how_much() {
    let plan = with_surplus(dec!(20000), dec!(4000));
    let l = loan(INTEREST_ONLY, plan, &settings());
    // Rs 417 a month, then about Rs 20,417 in month 12.
    assert_eq!(l.instalment, dec!(417));
    assert_eq!(l.largest_payment.1, 12);
    assert!(l.affordable, "{:?}", l.short_months);
    let aside = l.put_aside.expect("put aside");
    assert_eq!(aside.what_for, AsideFor::LargePayment);
    assert_eq!(aside.months, 11);
    // About Rs 25,000 over 12 months: Rs 2,083.34 to 2,083.67 a month, of
    // which Rs 417 pays the month's markup and the rest is put aside (in
    // whole rupees: Rs 1,667).
    let pays = l.disclosure.pays_back();
    let level = (pays / dec!(12) * dec!(100)).ceil() / dec!(100);
    assert_eq!(l.monthly_burden, level);
    assert_eq!(aside.monthly, 166_700);
}

/// A Rs 3,000 instalment from a Rs 6,000 surplus fits; not when she
/// already repays Rs 4,000 a month on other debts.
#[test]
fn her_other_debts_come_first() {
    let flat: &[(&str, &str)] = &[
        ("basis", "qard"),
        ("markup", "0%"),
        ("amount", "10,000-60,000"),
    ];
    let plan = with_surplus(dec!(36000), dec!(6000));
    let l = loan(flat, plan.clone(), &settings());
    assert_eq!(l.instalment, dec!(3000));
    assert!(l.affordable);
    let indebted = MicroInvestmentPlan {
        other_repayments: vec![OtherDebt {
            to: "Committee".into(),
            monthly: dec!(4000),
        }],
        ..plan
    };
    assert_eq!(indebted.repayment_capacity(), dec!(2000));
    let l = loan(flat, indebted, &settings());
    assert!(!l.affordable);
    assert_eq!(l.short_months.len(), 12, "every month is short");
    assert!(
        matches!(
            l.short_months[0].why,
            ShortWhy::Payment {
                pays: 300_000,
                could: 150_000
            }
        ),
        "{:?}",
        l.short_months[0]
    );
}

/// The debt-service ratio: her debts, this loan's payment from the month's
/// income included, within 50% of her income.
#[test]
fn her_debts_stay_within_half_her_income() {
    let flat: &[(&str, &str)] = &[
        ("basis", "qard"),
        ("markup", "0%"),
        ("amount", "10,000-80,000"),
    ];
    // She earns 10,000 and spends 2,000: 8,000 free, 6,000 of it the
    // share; a payment of 6,000 is 60% of her income.
    let plan = MicroInvestmentPlan {
        monthly_sales: dec!(10000),
        household_expenses: dec!(2000),
        ..member("Salma", dec!(72000), dec!(0))
    };
    let l = loan(flat, plan.clone(), &settings());
    assert_eq!(l.instalment, dec!(6000));
    assert!(!l.affordable);
    assert!(l.short_months.iter().all(|s| matches!(
        s.why,
        ShortWhy::Debts {
            ratio_bp: Some(6000)
        }
    )));
    assert_eq!(l.dsr_percent, Some(60.0));
    // At a cap of 60% it fits.
    let lenient = Settings {
        debt_service_cap_percent: dec!(60),
        ..settings()
    };
    assert!(loan(flat, plan, &lenient).affordable);
}

/// Her lean months: the same instalment fails when three lean months
/// follow the disbursement, and fits (money put aside from the good months)
/// when they end the loan.
#[test]
fn lean_months_at_the_start_fail_and_at_the_end_fit() {
    let flat: &[(&str, &str)] = &[
        ("basis", "qard"),
        ("markup", "0%"),
        ("amount", "10,000-60,000"),
    ];
    // Usual month: sales 10,000, household 4,000, 6,000 free, 4,500 the
    // share; lean months at 30% of her sales: 3,000, a deficit of 1,000.
    let plan = |lean: &str| MicroInvestmentPlan {
        monthly_sales: dec!(10000),
        household_expenses: dec!(4000),
        sales_by_month: Some(parse_months(&format!("{lean} 30%")).unwrap()),
        ..member("Rubina", dec!(36000), dec!(0))
    };
    // Paid out in mid-January: the payments fall from February to January.
    let dated = Settings {
        disbursed: Date::parse("2027-01-15"),
        ..settings()
    };
    let early = loan(flat, plan("Feb-Apr"), &dated);
    assert!(!early.affordable);
    let named: Vec<Option<u8>> = early.short_months.iter().map(|s| s.calendar).collect();
    assert_eq!(
        named[0],
        Some(1),
        "February, the first lean month: {named:?}"
    );
    let late = loan(flat, plan("Nov-Jan"), &dated);
    assert!(late.affordable, "{:?}", late.short_months);
    let aside = late.put_aside.expect("put aside for the lean months");
    assert_eq!(aside.what_for, AsideFor::LeanMonths);
    // 36,000 of payments and 3,000 of deficits met by nine good months.
    assert_eq!(late.monthly_burden, dec!(4333.34));
    // With no date set, every month of the year is tried and the worst
    // kept; the months of the year in which paying out fits are named.
    let undated = loan(flat, plan("Nov-Jan"), &settings());
    assert!(!undated.affordable);
    let paid = undated.paid_out.expect("the months in which it fits");
    assert!(paid.fits & (1 << 0) != 0, "paid out in January it fits");
    assert!(paid.fits & (1 << 9) == 0, "paid out in October it does not");
}

/// Old plans, without the optional columns, are judged as before: an equal
/// monthly instalment fits exactly when it is within the share of her
/// capacity.
#[test]
fn without_her_months_an_instalment_within_the_share_fits() {
    let flat: &[(&str, &str)] = &[
        ("basis", "qard"),
        ("markup", "0%"),
        ("amount", "1,000-60,000"),
    ];
    for (need, fits) in [(dec!(54000), true), (dec!(54012), false)] {
        // Capacity 6,000: 75% is 4,500.
        let l = loan(flat, with_surplus(need, dec!(6000)), &settings());
        assert_eq!(l.affordable, fits, "{need}: {}", l.instalment);
        assert_eq!(l.monthly_burden, l.instalment);
    }
}

/// Whether the purchase pays for the loan: her extra profit over the
/// loan's months against its cost; unknown for a running business whose
/// sales before the purchase are not in her plan.
#[test]
fn whether_the_purchase_pays_for_the_loan() {
    let priced: &[(&str, &str)] = &[("markup", "25%"), ("amount", "1,000-60,000")];
    // Profit 10,000 a month; 10% of it from the purchase: 12,000 over a
    // year, against Rs 5,000 of cost: it pays.
    let plan = MicroInvestmentPlan {
        sales_before: Some(dec!(9000)),
        ..with_surplus(dec!(20000), dec!(5000))
    };
    let l = loan(priced, plan.clone(), &settings());
    let w = l.worth.expect("known");
    assert_eq!(w.extra_profit, dec!(12000));
    assert_eq!(w.cost, dec!(5000));
    assert!(w.pays());
    // 2% of it: 2,400 a year, less than the loan costs.
    let little = MicroInvestmentPlan {
        sales_before: Some(dec!(9800)),
        ..plan.clone()
    };
    assert!(!loan(priced, little, &settings()).worth.unwrap().pays());
    // A running business, sales before not given: unknown.
    let unknown = MicroInvestmentPlan {
        sales_before: None,
        new_business: Some(false),
        ..plan.clone()
    };
    assert_eq!(loan(priced, unknown, &settings()).worth, None);
    // A new business: all its profit is the purchase's.
    let new = MicroInvestmentPlan {
        sales_before: None,
        new_business: Some(true),
        ..plan
    };
    assert_eq!(
        loan(priced, new, &settings()).worth.unwrap().extra_profit,
        dec!(120000)
    );
}

/// The rule against an independent script (`benches/reference_months.py`,
/// written from the README's words, not from this code): 200 random plans
/// (seasonal or not, with debts and savings or not) and loans (equal,
/// interest-only, bullet, quarterly), paid out in a given month or not;
/// the same verdict, the same months short and why, the same sum a month,
/// the same money put aside, the same months of the year in which paying
/// out fits.
#[test]
fn the_rule_agrees_with_an_independent_script_on_200_cases() {
    use mfi_core::data::months::MonthFigures;
    use mfi_core::scoring::months::{HerMonths, LoanMonths, Rules, ShortWhy, judge_start};
    let text = include_str!("../months_reference.json");
    let v: serde_json::Value = serde_json::from_str(text).expect("json");
    let cases = v["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 200);
    let dec = |x: &serde_json::Value| Decimal::from(x.as_i64().expect("a whole number"));
    let mut fitted = 0;
    for c in cases {
        let p = &c["plan"];
        let plan = MicroInvestmentPlan {
            monthly_sales: dec(&p["monthly_sales"]),
            monthly_business_costs: dec(&p["monthly_business_costs"]),
            other_income: dec(&p["other_income"]),
            household_expenses: dec(&p["household_expenses"]),
            other_repayments: vec![OtherDebt {
                to: String::new(),
                monthly: dec(&p["other_repayments"]),
            }],
            savings_now: dec(&p["savings_now"]),
            sales_by_month: p["sales_percent"]
                .as_array()
                .map(|s| MonthFigures::Percent(std::array::from_fn(|m| dec(&s[m])))),
            ..MicroInvestmentPlan::blank("M", "CO")
        };
        let pays: Vec<i64> = c["pays"]
            .as_array()
            .expect("pays")
            .iter()
            .map(|x| x.as_i64().expect("paisa"))
            .collect();
        let loan = LoanMonths::from_pays(pays, c["regular"].as_i64().expect("regular"));
        let rules = Rules {
            share_bp: 7500,
            cap_bp: 5000,
        };
        let start = c["start"].as_u64().map(|m| m as u32);
        let (j, fits, _) = judge_start(&HerMonths::of(&plan, Decimal::ONE), &loan, rules, start);
        let want = &c["expected"];
        let case = &c["case"];
        assert_eq!(
            j.affordable,
            want["affordable"].as_bool().unwrap(),
            "case {case}"
        );
        fitted += j.affordable as usize;
        let short: Vec<(u64, &str)> = j
            .short
            .iter()
            .map(|s| {
                (
                    u64::from(s.month),
                    match s.why {
                        ShortWhy::Payment { .. } => "payment",
                        ShortWhy::Household { .. } => "household",
                        ShortWhy::Debts { .. } => "debts",
                    },
                )
            })
            .collect();
        let want_short: Vec<(u64, &str)> = want["short"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["month"].as_u64().unwrap(), s["why"].as_str().unwrap()))
            .collect();
        assert_eq!(short, want_short, "case {case}");
        assert_eq!(j.sum, want["sum"].as_i64().unwrap(), "case {case}");
        assert_eq!(
            j.aside.map_or(0, |a| a.monthly),
            want["aside"].as_i64().unwrap(),
            "case {case}"
        );
        let want_fits: Option<Vec<u64>> = want["fits"]
            .as_array()
            .map(|f| f.iter().map(|m| m.as_u64().unwrap()).collect());
        let fits: Option<Vec<u64>> = fits.map(|f| (0..12).filter(|m| f & (1 << m) != 0).collect());
        assert_eq!(fits, want_fits, "case {case}");
    }
    assert!(fitted > 50 && fitted < 150, "{fitted} of 200 fit");
}

/// A month of weekly instalments is about 4.3 of them, not a balloon: Rs
/// 30,000 at 25% declining, weekly, pays some Rs 620 a week and about Rs
/// 2,690 a month, and nothing is named as a large last payment. The same
/// loan interest-only has its balloon in the last month.
#[test]
fn weekly_instalments_are_not_a_balloon() {
    let weekly: &[(&str, &str)] = &[
        ("basis", "declining"),
        ("markup", "25%"),
        ("amount", "10,000-60,000"),
        ("frequency", "weekly"),
    ];
    let l = loan(weekly, with_surplus(dec!(30000), dec!(9000)), &settings());
    assert!(l.count > 50, "{}", l.count);
    assert!(l.largest_payment.0 > l.disclosure.regular_payment * dec!(4));
    assert!(!l.has_balloon(), "{l:?}");
    assert!(l.put_aside.is_none(), "{:?}", l.put_aside);
    let balloon = loan(
        INTEREST_ONLY,
        with_surplus(dec!(30000), dec!(40000)),
        &settings(),
    );
    assert!(balloon.has_balloon());
}
