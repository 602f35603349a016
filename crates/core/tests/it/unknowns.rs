//! Unknown terms as ranges, the draws over the data, and what to ask first,
//! on small hand-built studies whose answers are known, and on the built-in
//! Kasur study.

use super::scoring::{member, open_mfi, weights};
use mfi_core::data::builtin;
use mfi_core::data::criteria;
use mfi_core::data::matrix::Matrix;
use mfi_core::data::matrix::Param;
use mfi_core::data::plans::Plans;
use mfi_core::output::score::score_json;
use mfi_core::scoring::stability::{self, Stability};
use mfi_core::scoring::{Criterion, Evaluation, Settings, Weights, evaluate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::dec;

fn settings(unknown_yes: f64) -> Settings {
    Settings {
        draws: 2_000,
        unknown_yes,
        ..Settings::default()
    }
}

fn study(institutions: Vec<mfi_core::data::matrix::Institution>) -> (Matrix, Plans) {
    (
        Matrix { institutions },
        Plans {
            members: vec![member("Amina", dec!(20000), dec!(10000))],
        },
    )
}

fn run(m: &Matrix, p: &Plans, w: &Weights, s: &Settings) -> (Evaluation, Stability) {
    let e = evaluate(m, p, w, s);
    let st = stability::stability_with_data(&e, m, p, w, s).expect("a recommendation");
    (e, st)
}

/// B is cheaper than A unless its unknown documentation charges are near
/// the highest the study states (C's Rs 3,000): A costs Rs 4,400, B Rs
/// 4,000 plus Rs 0 to 3,000.
fn fee_study() -> (Matrix, Plans) {
    study(vec![
        open_mfi("A", &[], &[("markup", "22%")]),
        open_mfi(
            "B",
            &[("documentation_charges", "unknown")],
            &[("markup", "20%")],
        ),
        open_mfi(
            "C",
            &[
                ("documentation_charges", "Rs 3,000"),
                ("works_with_hbw", "no"),
            ],
            &[],
        ),
    ])
}

#[test]
fn an_unknown_fee_is_a_range_from_none_to_the_highest_stated() {
    let (m, p) = fee_study();
    let w = weights(&[(Criterion::TotalCost, 1.0)]);
    let (e, st) = run(&m, &p, &w, &settings(0.5));
    let b = e.pairs.iter().find(|x| x.mfi == "B").unwrap();
    let l = b.loan.as_ref().unwrap();
    let cost = l.total_cost_ends();
    assert_eq!((cost.low, cost.high), (dec!(4000), dec!(7000)));
    assert!(l.apr_ends().low < l.apr_ends().high);
    assert_eq!(l.received_ends().low, dec!(20000));
    assert_eq!(l.received_ends().high, dec!(17000));
    // The ranking reads the stated worst case: A first.
    assert_eq!(e.recommended().unwrap().mfi, "A");
    // B is first when its fee is below Rs 400 of the Rs 3,000 range.
    let data = st.data_only.as_ref().unwrap();
    let share = data.share("B");
    assert!((0.09..0.18).contains(&share), "{share}");
    let fee = st
        .ask_first
        .iter()
        .find(|a| a.mfi == "B")
        .expect("B's fee is to ask");
    assert_eq!(fee.kind, "range");
    // The fact names what is unknown, not "charges, premiums or deposit".
    assert_eq!(fee.fact, "B's unknown documentation charges");
    assert_eq!((fee.if_yes.as_str(), fee.if_no.as_str()), ("B", "A"));
    assert!(fee.changes_share > 0.99, "{}", fee.changes_share);
    // The reason says both ends, and that the ranges overlap: A is cheaper
    // only while B's fee is above Rs 400.
    let reasons = mfi_core::scoring::reasons(&e);
    assert!(
        reasons.iter().any(|r| r
            .contains("Rs 4,400 per member on average against Rs 4,000 - 7,000")
            && r.contains("the ranges overlap")),
        "{reasons:?}"
    );
    // The JSON says both ends beside every figure.
    let j = score_json(&e, &w, &settings(0.5), Some(&st), &p, &m);
    let best = &j["members"][0]["ranked"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["mfi"] == "B")
        .unwrap()
        .clone();
    assert_eq!(best["total_cost_low"], "4000");
    assert_eq!(best["total_cost_high"], "7000");
    assert_eq!(best["total_cost"], "7000");
    assert!(j["ask_first"][0]["changes_share"].as_f64().unwrap() > 0.0);
    for key in ["weights_only", "data_only", "both"] {
        assert!(j["stability"][key]["acceptability"].is_array(), "{key}");
    }
}

/// An unknown fee that no other offer states is not priced as none: its
/// high end is the tool's documented default (2.5% of the loan), so the
/// MFI that disclosed least is not favoured, and the fee is drawn and asked.
#[test]
fn an_unknown_fee_no_offer_states_is_priced_up_to_the_default() {
    let (m, p) = study(vec![
        open_mfi("A", &[], &[("markup", "22%")]),
        open_mfi(
            "B",
            &[("documentation_charges", "unknown")],
            &[("markup", "20%")],
        ),
    ]);
    let w = weights(&[(Criterion::TotalCost, 1.0)]);
    let (e, st) = run(&m, &p, &w, &settings(0.5));
    let b = e.pairs.iter().find(|x| x.mfi == "B").unwrap();
    let l = b.loan.as_ref().unwrap();
    // Rs 20,000 at 20% flat: Rs 4,000 of markup, and 0 to 2.5% (Rs 500).
    let cost = l.total_cost_ends();
    assert_eq!((cost.low, cost.high), (dec!(4000), dec!(4500)));
    assert!(
        b.assumptions.iter().any(|a| a
            .starts_with("documentation charges unknown: priced from none to 2.5% of the loan")
            && a.contains("the tool's default")),
        "{:?}",
        b.assumptions
    );
    // At its worst B costs more than A (Rs 4,400): A is ranked first, and B
    // comes first whenever its fee is under Rs 400 of the Rs 500 range.
    assert_eq!(e.recommended().unwrap().mfi, "A");
    let data = st.data_only.as_ref().unwrap();
    assert!((0.7..0.9).contains(&data.share("B")), "{}", data.share("B"));
    assert!(st.unknown_facts >= 1);
    assert!(
        !st.sentence
            .contains("none of the facts it reads is unknown"),
        "{}",
        st.sentence
    );
    assert!(
        st.ask_first
            .iter()
            .any(|a| a.mfi == "B" && a.kind == "range")
    );
}

#[test]
fn a_printed_premium_counts_when_whether_it_is_charged_is_unknown() {
    let (m, p) = study(vec![open_mfi(
        "A",
        &[
            ("life_insurance", "unknown"),
            ("life_insurance_premium", "Rs 300"),
        ],
        &[],
    )]);
    let e = evaluate(
        &m,
        &p,
        &weights(&[(Criterion::TotalCost, 1.0)]),
        &settings(0.5),
    );
    let l = e.pairs[0].loan.as_ref().unwrap();
    assert!(l.total_cost_ends().certain());
    assert_eq!(l.disclosure.upfront_charges, dec!(300));
}

/// B is cheaper, but whether it lends to home-based workers is unknown.
fn hbw_study() -> (Matrix, Plans) {
    study(vec![
        open_mfi("A", &[], &[("markup", "22%")]),
        open_mfi("B", &[("works_with_hbw", "unknown")], &[("markup", "10%")]),
    ])
}

#[test]
fn an_unknown_yes_no_that_decides_eligibility_is_drawn_and_asked_first() {
    let (m, p) = hbw_study();
    let w = weights(&[(Criterion::TrueCost, 1.0)]);
    let (e, st) = run(&m, &p, &w, &settings(0.5));
    assert_eq!(e.recommended().unwrap().mfi, "B");
    assert_eq!(st.weights_only.share("B"), 1.0);
    let data = st.data_only.as_ref().unwrap().share("B");
    assert!((0.45..0.55).contains(&data), "{data}");
    let both = st.both.as_ref().unwrap().share("B");
    assert!((0.45..0.55).contains(&both), "{both}");
    let first = &st.ask_first[0];
    assert_eq!(first.fact, "whether B will lend to home-based workers");
    assert_eq!((first.if_yes.as_str(), first.if_no.as_str()), ("B", "A"));
    assert!((first.changes_share - 1.0).abs() < 1e-9);
    assert!(!st.sentence.contains("100%"), "{}", st.sentence);
    // The study sets the chance of a yes.
    let (_, sure) = run(&m, &p, &w, &settings(1.0));
    assert_eq!(sure.data_only.as_ref().unwrap().share("B"), 1.0);
    assert!(!sure.sentence.contains("100%"), "{}", sure.sentence);
    assert!(
        sure.sentence.contains("all 2,000 draws"),
        "{}",
        sure.sentence
    );
    let (_, never) = run(&m, &p, &w, &settings(0.0));
    assert_eq!(never.data_only.as_ref().unwrap().share("A"), 1.0);
}

#[test]
fn unknown_loan_sizes_are_drawn_among_those_the_study_states() {
    // B's loan sizes are unknown; the study states 5,000-50,000 (A) and
    // 1,000-10,000 (C): she needs 20,000, so B admits her in half the draws.
    let (m, p) = study(vec![
        open_mfi("A", &[], &[("markup", "22%")]),
        open_mfi("B", &[], &[("markup", "10%"), ("amount", "unknown")]),
        open_mfi(
            "C",
            &[("works_with_hbw", "no")],
            &[("amount", "1,000-10,000")],
        ),
    ]);
    let w = weights(&[(Criterion::TrueCost, 1.0)]);
    let (_, st) = run(&m, &p, &w, &settings(0.5));
    let share = st.data_only.as_ref().unwrap().share("B");
    assert!((0.45..0.55).contains(&share), "{share}");
    let sizes = &st.ask_first[0];
    assert_eq!(sizes.kind, "choice");
    assert!(
        sizes.fact.contains("smallest and largest loan of B's"),
        "{}",
        sizes.fact
    );
    assert_eq!((sizes.if_yes.as_str(), sizes.if_no.as_str()), ("B", "A"));
}

#[test]
fn a_study_with_nothing_unknown_draws_the_same_first_every_time() {
    let (m, p) = study(vec![
        open_mfi("A", &[], &[("markup", "22%")]),
        open_mfi("B", &[], &[("markup", "10%")]),
    ]);
    let w = weights(&[(Criterion::TrueCost, 1.0)]);
    let (_, st) = run(&m, &p, &w, &settings(0.5));
    assert_eq!(st.unknown_facts, 0);
    assert_eq!(st.data_only.as_ref().unwrap().share("B"), 1.0);
    assert!(st.ask_first.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Making an unknown fact known, either way and within the range the
    /// study states, never widens the offer's range: the new ends lie
    /// within the old ones, for its cost in rupees and its APR.
    #[test]
    fn knowing_a_fact_never_widens_a_range(
        stated in 0u32..6_000,
        known_share in 0.0f64..=1.0,
        premium in 0u32..2_000,
        charged in any::<bool>(),
        markup in 5u32..40,
    ) {
        let known = (stated as f64 * known_share) as u32;
        let unknown = vec![
            ("documentation_charges", "unknown".to_string()),
            ("health_insurance", "unknown".to_string()),
            ("health_insurance_charges", "unknown".to_string()),
        ];
        let build = |b: Vec<(&'static str, String)>| {
            let b: Vec<(&str, &str)> = b.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let c_doc = format!("Rs {stated}");
            let c_prem = format!("Rs {premium}");
            let mk = format!("{markup}%");
            study(vec![
                open_mfi("B", &b, &[("markup", mk.as_str())]),
                open_mfi(
                    "C",
                    &[
                        ("documentation_charges", c_doc.as_str()),
                        ("health_insurance", "yes"),
                        ("health_insurance_charges", c_prem.as_str()),
                        ("works_with_hbw", "no"),
                    ],
                    &[],
                ),
            ])
        };
        type Range = (Decimal, Decimal, f64, f64);
        let ends = |b: Vec<(&'static str, String)>| -> Result<Range, TestCaseError> {
            let (m, p) = build(b);
            let e = evaluate(&m, &p, &weights(&[(Criterion::TrueCost, 1.0)]), &settings(0.5));
            let l = e.pairs[0].loan.as_ref().unwrap().clone();
            let (c, a) = (l.total_cost_ends(), l.apr_ends());
            prop_assert!(c.low <= c.high && a.low <= a.high + 1e-9);
            Ok((c.low, c.high, a.low, a.high))
        };
        let before = ends(unknown.clone())?;
        for (key, value) in [
            ("documentation_charges", format!("Rs {known}")),
            ("health_insurance", if charged { "yes" } else { "no" }.to_string()),
        ] {
            let mut b = unknown.clone();
            b.retain(|(k, _)| *k != key);
            b.push((key, value));
            let after = ends(b)?;
            prop_assert!(after.0 >= before.0 && after.1 <= before.1, "{key}: {after:?} outside {before:?}");
            prop_assert!(after.2 >= before.2 - 1e-9 && after.3 <= before.3 + 1e-9, "{key}: {after:?} outside {before:?}");
        }
    }
}

#[test]
fn on_the_built_in_study_the_unknowns_are_ranges_and_the_first_is_not_certain() {
    let m = builtin::kasur_matrix().unwrap();
    let p = builtin::kasur_plans().unwrap();
    let w = criteria::preset("balanced").unwrap();
    let s = Settings::default();
    let (e, st) = run(&m, &p, &w, &s);
    let rec = e.recommended().unwrap();
    assert_eq!(rec.mfi, "Akhuwat");
    // Akhuwat's cost: from none to the highest documentation charge stated.
    assert_eq!(rec.total_cost_low, Decimal::ZERO);
    assert!(rec.total_cost > Decimal::ZERO);
    let data = st.data_only.as_ref().unwrap().share("Akhuwat");
    assert!(data < 1.0, "{data}");
    assert!(st.recommended_unknown > 0);
    assert!(!st.sentence.contains("100%"), "{}", st.sentence);
    // The facts to ask first include Akhuwat's and CWCD's.
    let top: Vec<&str> = st
        .ask_first
        .iter()
        .take(5)
        .map(|a| a.mfi.as_str())
        .collect();
    assert!(top.contains(&"Akhuwat") && top.contains(&"CWCD"), "{top:?}");
    // Who would come first each way, among the draws in which some MFI
    // serves a member: an MFI to plan the calls by, not "no MFI".
    for a in st.ask_first.iter().take(10) {
        assert!(
            a.if_yes != mfi_core::scoring::unknowns::NO_MFI
                && a.if_no != mfi_core::scoring::unknowns::NO_MFI,
            "{a:?}"
        );
    }
}

#[test]
fn a_draw_in_which_no_mfi_serves_anyone_has_no_first() {
    // A serves no one (it does not lend to home-based workers... unless it
    // does: unknown); B's loan sizes leave her out. A tie at zero is not a
    // first place for the matrix's first MFI.
    let (m, p) = study(vec![
        open_mfi("A", &[("works_with_hbw", "unknown")], &[]),
        open_mfi("B", &[], &[("amount", "1,000-10,000")]),
    ]);
    let w = weights(&[(Criterion::TrueCost, 1.0)]);
    let (_, st) = run(&m, &p, &w, &settings(0.5));
    let data = st.data_only.as_ref().unwrap();
    assert!((0.45..0.55).contains(&data.share("A")), "{data:?}");
    assert_eq!(data.share("B"), 0.0);
    assert!((data.none_share + data.share("A") - 1.0).abs() < 1e-9);
    let hbw = &st.ask_first[0];
    assert_eq!((hbw.if_yes.as_str(), hbw.if_no.as_str()), ("A", "no MFI"));
    assert!(
        st.sentence.contains("no MFI serves any member"),
        "{}",
        st.sentence
    );
}

/// Cases found in review, each a rule of the draws that once failed.
#[test]
fn the_draws_follow_the_evaluations_rules() {
    use mfi_core::data::plans::Lending;
    let w = weights(&[(Criterion::TrueCost, 1.0)]);
    // She borrows either way; whether A lends to groups and to individuals
    // are both unknown: A is open to her if either is yes (3 draws in 4).
    let (m, _) = study(vec![
        open_mfi(
            "A",
            &[
                ("group_lending", "unknown"),
                ("individual_lending", "unknown"),
            ],
            &[("markup", "10%")],
        ),
        open_mfi("B", &[], &[("markup", "30%")]),
    ]);
    let mut amina = member("Amina", dec!(20000), dec!(10000));
    amina.lending = Lending::Either;
    let p = Plans {
        members: vec![amina],
    };
    let (_, st) = run(&m, &p, &w, &settings(0.5));
    let a = st.data_only.as_ref().unwrap().share("A");
    assert!((0.70..0.80).contains(&a), "{a}");

    // Serving members at a score of zero is serving them: not "no MFI".
    let access = weights(&[(Criterion::Access, 1.0)]);
    let (m, p) = study(vec![
        open_mfi(
            "A",
            &[("distance_km", "60"), ("works_with_hbw", "unknown")],
            &[],
        ),
        open_mfi("B", &[("distance_km", "70")], &[]),
    ]);
    let (_, st) = run(&m, &p, &access, &settings(0.5));
    assert_eq!(st.data_only.as_ref().unwrap().none_share, 0.0);

    // Loan sizes are not ordered: a narrower range that fits her smaller
    // need better can decide, and is asked about.
    let (m, _) = study(vec![
        open_mfi("A", &[], &[("amount", "unknown")]),
        open_mfi("X", &[], &[("markup", "38%"), ("amount", "5,000-15,000")]),
        open_mfi("Y", &[], &[("markup", "38%"), ("amount", "40,000-70,000")]),
    ]);
    let p = Plans {
        members: vec![
            member("M1", dec!(10000), dec!(10000)),
            member("M2", dec!(50000), dec!(10000)),
            member("M3", dec!(60000), dec!(10000)),
        ],
    };
    let cost = weights(&[(Criterion::TotalCost, 1.0)]);
    let (_, st) = run(&m, &p, &cost, &settings(0.5));
    let sizes = st
        .ask_first
        .iter()
        .find(|a| a.kind == "choice")
        .expect("A's loan sizes are to ask");
    assert!(sizes.changes_share > 0.9, "{sizes:?}");

    // A grace period is not priced as a range (a longer one lowers a flat
    // loan's APR: it has no worst end).
    let (m, p) = study(vec![
        open_mfi("A", &[], &[("grace_periods", "unknown")]),
        open_mfi("C", &[("works_with_hbw", "no")], &[("grace_periods", "3")]),
    ]);
    let e = evaluate(&m, &p, &w, &settings(0.5));
    assert!(!e.pairs[0].loan.as_ref().unwrap().uncertain());

    // The costliest stated charge for her loan: Rs 100 with each of 52
    // weekly instalments is more than Rs 1,500 once.
    let (m, p) = study(vec![
        open_mfi(
            "A",
            &[("documentation_charges", "unknown")],
            &[("frequency", "weekly")],
        ),
        open_mfi(
            "B",
            &[("documentation_charges", "Rs 100 per instalment")],
            &[],
        ),
        open_mfi("C", &[("documentation_charges", "Rs 1,500")], &[]),
    ]);
    let e = evaluate(&m, &p, &cost, &settings(0.5));
    let l = e.pairs[0].loan.as_ref().unwrap();
    assert_eq!(
        l.total_cost_ends().high - l.total_cost_ends().low,
        dec!(5200)
    );
}

/// Each unknown fact is drawn by its own name: making one fact known leaves
/// the draws of every other as they were (common random numbers). Akhuwat's
/// documentation charges decide no one's eligibility, so learning them
/// leaves the draws in which no MFI serves anyone exactly as they were, and
/// every fact of the other MFIs that is asked about keeps its words.
#[test]
fn knowing_one_fact_leaves_the_other_draws_as_they_were() {
    use mfi_core::data::matrix::parse_value;
    let mut m = builtin::kasur_matrix().unwrap();
    let p = builtin::kasur_plans().unwrap();
    let w = criteria::preset("balanced").unwrap();
    let s = Settings {
        draws: 4_000,
        ..Settings::default()
    };
    let (_, before) = run(&m, &p, &w, &s);
    let akhuwat = m
        .institutions
        .iter_mut()
        .find(|i| i.name == "Akhuwat")
        .unwrap();
    assert!(
        akhuwat
            .facts
            .get(&Param::Education)
            .is_none_or(|f| f.value.is_none())
    );
    akhuwat.facts.insert(
        Param::Education,
        mfi_core::fact::Fact {
            value: parse_value(Param::Education.spec(), "no").unwrap(),
            provenance: Default::default(),
        },
    );
    let (_, after) = run(&m, &p, &w, &s);
    let none = |st: &Stability| st.data_only.as_ref().unwrap().none_share;
    assert_eq!(none(&before), none(&after));
    // The MFIs that do not compete with Akhuwat in a draw keep their shares.
    let both = |st: &Stability, mfi: &str| st.data_only.as_ref().unwrap().share(mfi);
    let moved: f64 = ["CWCD", "Asasah", "Kashf", "Tameer", "Khushhali Bank"]
        .iter()
        .map(|m| (both(&before, m) - both(&after, m)).abs())
        .sum();
    assert!(moved < 0.02, "{moved}");
}

/// A free loan whose savings earn interest pays her back more than she
/// pays when its unknown fee is none: that low end has no rate. The offer
/// is still priced at its high end (it was once left out altogether as
/// "cannot be priced"), and says why it has no low end.
#[test]
fn a_low_end_without_a_rate_leaves_the_offer_priced_at_its_high_end() {
    let (m, p) = study(vec![open_mfi(
        "A",
        &[("documentation_charges", "unknown")],
        &[
            ("basis", "qard"),
            ("markup", "0%"),
            ("deposit", "unknown"),
            ("savings", "Rs 100 per instalment +5% interest"),
        ],
    )]);
    let e = evaluate(
        &m,
        &p,
        &weights(&[(Criterion::TotalCost, 1.0)]),
        &settings(0.5),
    );
    let pair = &e.pairs[0];
    assert!(pair.unpriced.is_none(), "{:?}", pair.unpriced);
    let l = pair.loan.as_ref().expect("priced");
    assert!(l.total_cost > Decimal::ZERO);
    assert!(
        pair.assumptions.iter().any(
            |a| a.contains("with its unknown terms at their low end the loan cannot be priced")
        ),
        "{:?}",
        pair.assumptions
    );
    assert_eq!(e.recommended().map(|r| r.mfi.as_str()), Some("A"));
}
