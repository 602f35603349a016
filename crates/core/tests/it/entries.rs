//! Entries read the way staff mean them (issue 27), each trap typed as
//! staff type it: a ceiling as one number, a tax written as a charge of its
//! own, fees and premiums quoted as ranges, markups with words beside them,
//! `none` for 0, Urdu digits, and the matrix refusing what `price` refuses.

use mfi_core::data::matrix::Param;
use mfi_core::data::matrix::{self, Matrix, Value, param, parse_value};
use mfi_core::data::plans::{InvestmentItem, MicroInvestmentPlan};
use mfi_core::eligibility::{self, OfferFacts, Outcome, Words};
use mfi_core::fact::Fact;
use mfi_core::offer::{self, End, Highs, WhatIf};
use mfi_core::pricing::charges::{Amount, Payee, parse_charges};
use mfi_core::pricing::{LoanTerms, Rounding, price};
use rust_decimal::Decimal;
use rust_decimal::dec;

fn value(key: &str, text: &str) -> Option<Value> {
    parse_value(param(key).unwrap(), text).unwrap_or_else(|e| panic!("{key} {text}: {e}"))
}

fn set(m: &mut Matrix, inst: &str, product: Option<usize>, key: &str, text: &str) {
    let i = m.institutions.iter_mut().find(|i| i.name == inst).unwrap();
    let facts = match product {
        Some(p) => &mut i.products[p].facts,
        None => &mut i.facts,
    };
    facts.insert(
        Param::from_key(key).unwrap(),
        Fact {
            value: value(key, text),
            provenance: Default::default(),
        },
    );
}

fn kasur() -> Matrix {
    mfi_core::data::study::StudyDoc::kasur().unwrap().matrix
}

/// A member whose plan needs `need` rupees.
fn needing(need: Decimal) -> MicroInvestmentPlan {
    let mut p = MicroInvestmentPlan::blank("Kausar", "CO 1");
    p.items.push(InvestmentItem {
        name: "Sewing machine".into(),
        cost: need,
    });
    p
}

#[test]
fn a_ceiling_typed_as_one_number_is_the_largest_loan_not_the_only_one() {
    // As typed in the matrix: 25000. Akhuwat must not refuse Rs 13,000.
    assert_eq!(
        value("amount", "25000"),
        Some(Value::Range(Decimal::ZERO, dec!(25000)))
    );
    for typed in ["25,000", "Rs 25,000/-", "۲۵٬۰۰۰", "up to 25,000"] {
        assert_eq!(
            value("amount", typed),
            Some(Value::Range(Decimal::ZERO, dec!(25000))),
            "{typed}"
        );
    }
    // A range stays a range; written back, a ceiling says what it is.
    assert_eq!(
        value("amount", "10,000-25,000"),
        Some(Value::Range(dec!(10000), dec!(25000)))
    );
    let spec = Param::Amount.spec();
    assert_eq!(
        matrix::format_value(spec, &value("amount", "25000")),
        "up to 25,000"
    );
    assert!(
        spec.help.contains("one number is the largest loan"),
        "{}",
        spec.help
    );

    let mut m = kasur();
    set(&mut m, "Akhuwat", Some(0), "amount", "25000");
    let ak = m.institution("Akhuwat").unwrap();
    let facts = OfferFacts::of(ak, &ak.products[0]);
    let plan = needing(dec!(13000));
    let [amount, ..] = eligibility::check(&plan, plan.loan_needed(), &facts, &Words);
    assert_eq!(amount, Outcome::Pass);
    let plan = needing(dec!(30000));
    let [amount, ..] = eligibility::check(&plan, plan.loan_needed(), &facts, &Words);
    assert!(
        matches!(&amount, Outcome::Fail(why) if why.contains("above the largest loan of Rs 25,000")),
        "{amount:?}"
    );
    // The member's what-if says what is unknown of it.
    let w = offer::what_if(&m, dec!(13000), 12, Rounding::Rupee);
    let akhuwat = w
        .iter()
        .find_map(|w| match w {
            WhatIf::Priced {
                offer,
                unknown_limits,
            } if offer.institution == "Akhuwat" => Some(unknown_limits.clone()),
            _ => None,
        })
        .unwrap();
    assert!(
        akhuwat.contains(&"its smallest loan is unknown".to_string()),
        "{akhuwat:?}"
    );
    let w = offer::what_if(&m, dec!(40000), 12, Rounding::Rupee);
    assert!(w.iter().any(|w| matches!(w,
        WhatIf::Outside { institution, limits, .. } if institution == "Akhuwat" && limits.starts_with("lends up to Rs 25,000"))));
}

/// Rs 50,000 at 25% flat over 12 months with these charges.
fn with_fee(spec: &str) -> mfi_core::pricing::Priced {
    let charges = parse_charges(spec, "fee", Payee::Lender).unwrap();
    price(&LoanTerms::flat(dec!(50000), dec!(25), 12).with_charges(charges)).unwrap()
}

#[test]
fn a_tax_named_as_a_charge_is_a_tax_on_the_charges_never_a_fee_on_the_loan() {
    // As typed: the fee, then "FED: 16%" as a charge of its own.
    let named = with_fee("documentation charges: 2% + FED: 16%");
    let written = with_fee("documentation charges: 2% +16% FED");
    assert_eq!(named.total_cost, written.total_cost);
    assert_eq!(named.total_tax, dec!(160));
    assert_eq!(named.total_cost, dec!(12500) + dec!(1000) + dec!(160));
    assert!((named.apr_percent - written.apr_percent).abs() < 1e-12);
    // Never Rs 8,000 (16% of the loan).
    assert!(named.charges.iter().all(|c| c.rupees != dec!(8000)));
    // In the matrix, alone in other_charges, it is refused with the right spelling.
    let e = parse_value(Param::OtherCharges.spec(), "FED: 16%").unwrap_err();
    assert!(e.contains("goes in tax_on_charges: 16%"), "{e}");
    // tax_on_charges takes the tax as a charge writes it, and none for 0.
    assert_eq!(
        value("tax_on_charges", "FED: 16%"),
        Some(Value::Percent(dec!(16)))
    );
    assert_eq!(
        value("tax_on_charges", "none"),
        Some(Value::Percent(Decimal::ZERO))
    );
}

#[test]
fn fees_and_premiums_quoted_as_ranges_are_priced_at_both_ends() {
    let mut m = kasur();
    set(
        &mut m,
        "Kashf",
        Some(0),
        "documentation_charges",
        "Rs 1,000-2,000",
    );
    let kashf = m.institution("Kashf").unwrap();
    let highs = Highs::of(&m.institutions);
    let (high, assumed) = offer::loan_terms(
        kashf,
        &kashf.products[0],
        dec!(25000),
        12,
        Rounding::Rupee,
        &highs,
        End::High,
    )
    .unwrap();
    let (low, _) = offer::loan_terms(
        kashf,
        &kashf.products[0],
        dec!(25000),
        12,
        Rounding::Rupee,
        &highs,
        End::Low,
    )
    .unwrap();
    assert!(
        assumed
            .iter()
            .any(|a| a == "documentation charges quoted as Rs 1,000-2,000: priced at both ends"),
        "{assumed:?}"
    );
    assert!(offer::ranged_terms(&assumed).contains(&"documentation charges".to_string()));
    let doc = |t: &LoanTerms| {
        t.charges
            .iter()
            .find(|c| &*c.name == "documentation charges")
            .map(|c| c.amount.clone())
    };
    assert_eq!(doc(&high), Some(Amount::Rupees(dec!(2000))));
    assert_eq!(doc(&low), Some(Amount::Rupees(dec!(1000))));
    let both = offer::PricedOffer::new(
        kashf,
        &kashf.products[0],
        dec!(25000),
        12,
        Rounding::Rupee,
        &highs,
    )
    .unwrap();
    let doc_rupees = |p: &mfi_core::pricing::Priced| {
        p.charges
            .iter()
            .find(|c| &*c.name == "documentation charges")
            .map(|c| c.rupees)
    };
    assert_eq!(doc_rupees(&both.priced), Some(dec!(2000)));
    assert_eq!(doc_rupees(both.low()), Some(dec!(1000)));
    // A percentage range with a floor, and a premium's band as MFIs publish it.
    for (key, typed) in [
        ("documentation_charges", "0-2% min Rs 1,000"),
        ("life_insurance_premium", "Rs 200-800"),
    ] {
        let v = value(key, typed);
        assert!(
            matches!(&v, Some(Value::Charges(c)) if c[0].amount.is_range()),
            "{typed}: {v:?}"
        );
        let spec = param(key).unwrap();
        assert_eq!(matrix::format_value(spec, &v), typed);
    }
}

#[test]
fn markups_with_words_are_answered_with_the_cells_to_use() {
    let e = parse_value(Param::Markup.spec(), "20% flat").unwrap_err();
    assert_eq!(
        e,
        "\"20% flat\" says more than the markup: write 20% here and flat in basis"
    );
    let e = parse_value(Param::Markup.spec(), "2% a month").unwrap_err();
    assert!(e.contains("write 24% here"), "{e}");
    // p.a., and a rate for 365 days, are a rate a year.
    assert_eq!(value("markup", "28% p.a."), value("markup", "28%"));
    assert_eq!(value("markup", "28% per 365 days"), value("markup", "28%"));
}

#[test]
fn none_and_urdu_digits_wherever_a_number_is_read() {
    assert_eq!(value("grace_periods", "none"), Some(Value::Count(0)));
    assert_eq!(value("grace_periods", "۲"), Some(Value::Count(2)));
    assert_eq!(value("instalments", "۱۲"), Some(Value::Count(12)));
    assert_eq!(
        value("savings_interest", "none"),
        Some(Value::Percent(Decimal::ZERO))
    );
    assert_eq!(value("distance_km", "۳۰"), Some(Value::Number(dec!(30))));
    assert_eq!(
        value("distance_km", "none"),
        Some(Value::Number(Decimal::ZERO))
    );
    assert_eq!(value("markup", "۲۰٪"), value("markup", "20%"));
    assert_eq!(value("age_limit", "۱۸-۵۸"), value("age_limit", "18-58"));
    assert_eq!(
        value("markup", "۲۴٪ up to ۱۲ months; ۲۶٪ above"),
        value("markup", "24% up to 12 months; 26% above")
    );
    // A weights file and the members' counters in Urdu digits.
    let w = mfi_core::data::criteria::load_weights(
        "w.csv",
        "criterion,weight
true_cost,۴۰
affordability,۶۰
"
        .as_bytes(),
    )
    .unwrap();
    let western = mfi_core::data::criteria::load_weights(
        "w.csv",
        "criterion,weight
true_cost,40
affordability,60
"
        .as_bytes(),
    )
    .unwrap();
    assert_eq!(w.raw, western.raw);
    let load = |text: &str| {
        mfi_core::data::priorities::load_priorities("p.csv", text.as_bytes())
            .unwrap()
            .members[0]
            .counters
    };
    assert_eq!(
        load(
            "member,true_cost,total_cost,affordability,access,insurance,services,fit,flexibility\nKausar,۳,۰,۲,۷,,,,\n"
        ),
        load(
            "member,true_cost,total_cost,affordability,access,insurance,services,fit,flexibility\nKausar,3,0,2,7,,,,\n"
        )
    );
    assert_eq!(
        value("documentation_charges", "۲٪ min Rs ۱٬۰۰۰"),
        value("documentation_charges", "2% min Rs 1,000")
    );
    assert_eq!(
        value("savings", "Rs ۱۰۰ per instalment"),
        value("savings", "Rs 100 per instalment")
    );
    // A plans file's age in Urdu digits.
    let csv = "member,co,age,items,own_contribution,preferred_term_months,monthly_sales,monthly_business_costs,other_income,household_expenses\nKausar,CO 1,۳۵,\"Machine: ۱۵٬۰۰۰\",۱٬۰۰۰,۱۲,6000,2500,8000,10000\n";
    let plans = mfi_core::data::plans::load_plans("plans.csv", csv.as_bytes()).unwrap();
    assert_eq!(plans.members[0].age, Some(35));
    assert_eq!(plans.members[0].items[0].cost, dec!(15000));
    assert_eq!(plans.members[0].preferred_term_months, Some(12));
    assert_eq!(plans.members[0].own_contribution, dec!(1000));
}

#[test]
fn the_matrix_refuses_what_price_refuses() {
    let mut m = kasur();
    let p = 0;
    set(&mut m, "Kashf", Some(p), "term_months", "12");
    set(&mut m, "Kashf", Some(p), "frequency", "four-weekly");
    set(&mut m, "Kashf", Some(p), "instalments", "12");
    let kashf = m.institution("Kashf").unwrap();
    let e = matrix::check_product(&kashf.products[p]).unwrap_err();
    assert_eq!(
        e.message,
        "instalments 12 and term_months 12 contradict each other: 12 four-weekly instalments take 11 months (give term_months 11, or leave out instalments)"
    );
    // Across a term range, each end is a loan the product makes.
    set(&mut m, "Kashf", Some(p), "term_months", "11-12");
    let kashf = m.institution("Kashf").unwrap();
    assert!(matrix::check_product(&kashf.products[p]).is_err());
    set(&mut m, "Kashf", Some(p), "term_months", "11");
    let kashf = m.institution("Kashf").unwrap();
    assert!(matrix::check_product(&kashf.products[p]).is_ok());
    // A bullet with instalments, a day count on a flat markup.
    set(&mut m, "Kashf", Some(p), "structure", "bullet");
    let kashf = m.institution("Kashf").unwrap();
    assert!(
        matrix::check_product(&kashf.products[p])
            .unwrap_err()
            .message
            .contains("a bullet loan is repaid in one payment")
    );
    // The matrix file says so, naming the product.
    let csv = matrix::matrix_to_csv(&m);
    let e = matrix::load_matrix("m.csv", &csv).unwrap_err().to_string();
    assert!(
        e.contains(
            "Kashf / Business loan: structure bullet and instalments 12 contradict each other"
        ),
        "{e}"
    );
}
