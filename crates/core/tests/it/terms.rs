//! Every term of a real product, priced by the engine and checked against
//! cash flows built independently from the same terms
//! (`benches/reference_terms.py`, numpy-financial 1.0.0's `irr`): the APR
//! and EIR to 0.01 percentage point, the rupees exactly. The terms are
//! written as staff write them and read by the same parsers as the matrix
//! and the command line.

use mfi_core::data::matrix::Param;
use mfi_core::data::matrix::parse_markup;
use mfi_core::date::Date;
use mfi_core::pricing::charges::{Payee, parse_charges, parse_savings};
use mfi_core::pricing::{
    Basis, DayCount, Frequency, GraceMarkup, LoanTerms, Priced, Rounding, Structure, Timing, price,
    price_in_decimal,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::dec;

/// One case of the reference script: its name, what she receives, the total
/// cost, APR and EIR.
struct Expected {
    case: &'static str,
    received: Decimal,
    total_cost: Decimal,
    apr: f64,
    eir: f64,
}

fn check(p: &Priced, e: &Expected) {
    assert_eq!(p.received, e.received, "{}: received", e.case);
    assert_eq!(p.total_cost, e.total_cost, "{}: total cost", e.case);
    assert!(
        (p.apr_percent - e.apr).abs() < 0.01,
        "{}: APR {} against {}",
        e.case,
        p.apr_percent,
        e.apr
    );
    assert!(
        (p.eir_percent - e.eir).abs() < 0.01,
        "{}: EIR {} against {}",
        e.case,
        p.eir_percent,
        e.eir
    );
    // The disclosure says the same as the priced loan.
    let d = p.disclosure();
    assert_eq!((d.received, d.total_cost), (p.received, p.total_cost));
    let (markup, charges, tax, interest) = p.cost_parts();
    assert_eq!(
        markup + charges + tax - interest,
        p.total_cost,
        "{}",
        e.case
    );
}

fn fee(spec: &str) -> Vec<mfi_core::pricing::Charge> {
    parse_charges(spec, "fee", Payee::Lender).unwrap()
}

fn loan(amount: Decimal, markup: Decimal, months: u32) -> LoanTerms {
    LoanTerms::flat(amount, markup, months)
}

#[test]
fn a_fee_with_a_floor_at_a_small_and_a_large_loan() {
    for (amount, e) in [
        (
            dec!(20000),
            Expected {
                case: "floor fee, Rs 20000",
                received: dec!(17500),
                total_cost: dec!(7500),
                apr: 71.5688,
                eir: 100.4026,
            },
        ),
        (
            dec!(200000),
            Expected {
                case: "floor fee, Rs 200000",
                received: dec!(195000),
                total_cost: dec!(55000),
                apr: 48.553,
                eir: 60.9566,
            },
        ),
    ] {
        let t = loan(amount, dec!(25), 12).with_charges(fee("2.5% min Rs 2,500"));
        check(&price(&t).unwrap(), &e);
        // "whichever is higher" is the same fee.
        let same =
            loan(amount, dec!(25), 12).with_charges(fee("2.5% or Rs 2,500, whichever is higher"));
        assert_eq!(price(&same).unwrap().total_cost, e.total_cost);
    }
}

#[test]
fn a_tax_on_a_fee() {
    let t = LoanTerms {
        basis: Basis::Declining,
        ..loan(dec!(50000), dec!(24), 12)
    }
    .with_charges(fee("2% +16% tax"));
    let p = price(&t).unwrap();
    check(
        &p,
        &Expected {
            case: "fee with 16% tax",
            received: dec!(48840),
            total_cost: dec!(7897),
            apr: 28.6155,
            eir: 32.6836,
        },
    );
    assert_eq!(
        (p.charges[0].rupees, p.charges[0].tax),
        (dec!(1000), dec!(160))
    );
    assert_eq!(p.total_tax, dec!(160));
}

#[test]
fn savings_with_each_instalment_with_and_without_interest() {
    for (spec, e, interest) in [
        (
            "Rs 200 per instalment",
            Expected {
                case: "savings per instalment, 0% interest",
                received: dec!(30000),
                total_cost: dec!(6000),
                apr: 37.1977,
                eir: 44.2429,
            },
            dec!(0),
        ),
        (
            "Rs 200 per instalment +5% interest",
            Expected {
                case: "savings per instalment, 5% interest",
                received: dec!(30000),
                total_cost: dec!(5945),
                apr: 36.9267,
                eir: 43.8642,
            },
            dec!(55),
        ),
    ] {
        let t = LoanTerms {
            savings: Some(parse_savings(spec).unwrap()),
            ..loan(dec!(30000), dec!(20), 12)
        };
        let p = price(&t).unwrap();
        check(&p, &e);
        assert_eq!(p.savings_collected, dec!(2400));
        assert_eq!(p.savings_interest, interest);
        assert_eq!(p.savings_refunded, dec!(2400) + interest);
        assert!(p.schedule.iter().all(|r| r.savings == dec!(200)));
        assert_eq!(p.schedule.last().unwrap().refund, p.savings_refunded);
    }
}

#[test]
fn bullet_and_interest_only_loans_never_compound() {
    let bullet = price(&LoanTerms {
        basis: Basis::Declining,
        structure: Structure::Bullet,
        ..loan(dec!(50000), dec!(25), 12)
    })
    .unwrap();
    check(
        &bullet,
        &Expected {
            case: "bullet",
            received: dec!(50000),
            total_cost: dec!(12500),
            apr: 22.5231,
            eir: 25.0,
        },
    );
    assert_eq!(bullet.total_markup, dec!(12500));
    // The command line's --frequency bullet is the same loan.
    let by_frequency = price(&LoanTerms {
        basis: Basis::Declining,
        frequency: Frequency::Bullet,
        ..loan(dec!(50000), dec!(25), 12)
    })
    .unwrap();
    assert_eq!(by_frequency.total_cost, dec!(12500));
    let io = price(&LoanTerms {
        basis: Basis::Declining,
        structure: Structure::InterestOnly,
        ..loan(dec!(40000), dec!(24), 12)
    })
    .unwrap();
    check(
        &io,
        &Expected {
            case: "interest-only",
            received: dec!(40000),
            total_cost: dec!(9600),
            apr: 24.0,
            eir: 26.8242,
        },
    );
    assert!(io.schedule[..11].iter().all(|r| r.due == dec!(800)));
    assert_eq!(io.schedule[11].due, dec!(40800));
}

#[test]
fn a_grace_period_whose_markup_is_paid() {
    let p = price(&LoanTerms {
        basis: Basis::Declining,
        grace_periods: 3,
        grace_markup: GraceMarkup::Paid,
        ..loan(dec!(25000), dec!(24), 12)
    })
    .unwrap();
    check(
        &p,
        &Expected {
            case: "grace, markup paid",
            received: dec!(25000),
            total_cost: dec!(4868),
            apr: 24.0006,
            eir: 26.8249,
        },
    );
    assert_eq!(p.schedule.len(), 15);
    assert!(p.schedule[..3].iter().all(|r| r.due == dec!(500)));
}

#[test]
fn dated_monthly_and_four_weekly_schedules() {
    let monthly = price(&LoanTerms {
        basis: Basis::Declining,
        day_count: DayCount::Actual365,
        disbursed: Some(Date::parse("2026-01-15").unwrap()),
        ..loan(dec!(100000), dec!(30), 12)
    })
    .unwrap();
    check(
        &monthly,
        &Expected {
            case: "dated monthly, actual/365",
            received: dec!(100000),
            total_cost: dec!(16896),
            apr: 29.8702,
            eir: 34.3186,
        },
    );
    assert_eq!(monthly.last_instalment, dec!(9657));
    let d = monthly.disclosure();
    assert_eq!(d.first_due.unwrap().to_string(), "2026-02-15");
    assert_eq!(d.last_due.unwrap().to_string(), "2027-01-15");
    // 31 days in January, 28 in February: the markup follows the days.
    assert!(monthly.schedule[0].markup > monthly.schedule[1].markup);

    let fw = price(&LoanTerms {
        frequency: Frequency::FourWeekly,
        disbursed: Some(Date::parse("2026-03-01").unwrap()),
        ..loan(dec!(30000), dec!(26), 12)
    })
    .unwrap();
    check(
        &fw,
        &Expected {
            case: "dated four-weekly",
            received: dec!(30000),
            total_cost: dec!(7800),
            apr: 45.2096,
            eir: 55.9574,
        },
    );
    assert_eq!(fw.count, 13);
    let d = fw.disclosure();
    assert_eq!(d.first_due.unwrap().to_string(), "2026-03-29");
    assert_eq!(d.last_due.unwrap().to_string(), "2027-02-28");
    let dates: Vec<Date> = fw.schedule.iter().filter_map(|r| r.date).collect();
    assert_eq!(dates.len(), 13);
    assert!(dates.windows(2).all(|w| w[0].days_until(w[1]) == 28));
}

#[test]
fn insurance_and_markup_by_band_and_quarterly_payments() {
    let bands = parse_charges(
        "Rs 200 up to 30,000; Rs 400 up to 60,000; Rs 800 above",
        "life insurance",
        Payee::Insurer,
    )
    .unwrap();
    let p = price(&loan(dec!(45000), dec!(22), 12).with_charges(bands.clone())).unwrap();
    check(
        &p,
        &Expected {
            case: "insurance by band",
            received: dec!(44600),
            total_cost: dec!(10300),
            apr: 40.2118,
            eir: 48.5168,
        },
    );
    assert_eq!(p.charges[0].payee, Payee::Insurer);
    assert_eq!(p.charges[0].timing, Timing::Upfront);
    // The band's edges: Rs 30,000 is in the first band, one rupee more in
    // the second, anything above Rs 60,000 in the last.
    for (amount, premium) in [(30000, 200), (30001, 400), (60001, 800)] {
        let p =
            price(&loan(Decimal::from(amount), dec!(22), 12).with_charges(bands.clone())).unwrap();
        assert_eq!(p.charges[0].rupees, Decimal::from(premium), "Rs {amount}");
    }

    // A last band with a limit would leave larger loans unsaid.
    let open = parse_charges(
        "Rs 200 up to 30,000; Rs 400 up to 60,000",
        "life insurance",
        Payee::Insurer,
    )
    .unwrap_err();
    assert!(
        open.contains("say what applies above it, e.g. \"Rs 400 above\""),
        "{open}"
    );
    let open = parse_markup("32% up to 20,000; 30% up to 25,000").unwrap_err();
    assert!(open.contains("\"30% above\""), "{open}");

    let quote = parse_markup("20% up to 50,000; 18% above").unwrap();
    let (low, high) = quote.rate_for(dec!(80000), 24);
    assert_eq!((low, high), (dec!(18), dec!(18)));
    assert_eq!(quote.rate_for(dec!(50000), 24), (dec!(20), dec!(20)));
    let q = price(&LoanTerms {
        frequency: Frequency::Quarterly,
        ..loan(dec!(80000), high, 24)
    })
    .unwrap();
    assert_eq!(q.count, 8);
    check(
        &q,
        &Expected {
            case: "markup band, quarterly",
            received: dec!(80000),
            total_cost: dec!(28800),
            apr: 29.5554,
            eir: 32.9954,
        },
    );
}

#[test]
fn a_flat_markup_ending_in_half_a_rupee_rounds_up_once() {
    // Rs 33,100 at 25% flat for 18 months: Rs 12,412.50 of markup exactly,
    // Rs 12,413 rounded (not 12,412 from 0.25 / 12 cut at 28 digits).
    let p = price(&loan(dec!(33100), dec!(25), 18)).unwrap();
    assert_eq!(p.total_markup, dec!(12413));
}

/// Terms with a floor fee, a tax, per-instalment charges and savings, over
/// every basis, frequency, structure and grace rule.
fn rich_terms() -> impl Strategy<Value = (LoanTerms, u32, u32, u32, u32)> {
    (
        (
            5_000u64..500_000,
            0u32..4000,
            1u32..=36,
            prop_oneof![
                Just(Basis::Flat),
                Just(Basis::Declining),
                Just(Basis::Murabaha),
            ],
            prop_oneof![
                Just(Frequency::Monthly),
                Just(Frequency::FourWeekly),
                Just(Frequency::Fortnightly),
                Just(Frequency::Weekly),
                Just(Frequency::Quarterly),
            ],
            prop_oneof![
                4 => Just(Structure::Equal),
                1 => Just(Structure::InterestOnly),
                1 => Just(Structure::Bullet),
            ],
        ),
        (
            0u32..4,
            prop_oneof![
                Just(GraceMarkup::Paid),
                Just(GraceMarkup::Accrued),
                Just(GraceMarkup::Capitalised),
            ],
            0u32..=500,
            0u32..5_000,
            0u32..=3000,
            0u32..=300,
        ),
    )
        .prop_map(
            |(
                (amount, markup_bp, months, basis, frequency, structure),
                (grace, grace_markup, fee_bp, floor, tax_bp, saving),
            )| {
                let months = if frequency == Frequency::Quarterly {
                    months.div_ceil(3) * 3
                } else {
                    months
                };
                let t = LoanTerms {
                    basis,
                    frequency,
                    structure,
                    grace_periods: if structure == Structure::Bullet {
                        0
                    } else {
                        grace
                    },
                    grace_markup,
                    ..loan(
                        Decimal::from(amount),
                        Decimal::new(markup_bp as i64, 2),
                        months,
                    )
                };
                (t, fee_bp, floor, tax_bp, saving)
            },
        )
}

/// The terms with a fee of `fee_bp` hundredths of a percent, at least
/// `floor` rupees, taxed at `tax_bp` hundredths of a percent; a Rs 20
/// charge with each instalment; `saving` rupees of savings per instalment
/// earning `interest_bp`.
fn with(
    t: &LoanTerms,
    fee_bp: u32,
    floor: u32,
    tax_bp: u32,
    saving: u32,
    interest_bp: u32,
) -> LoanTerms {
    let spec = format!(
        "fee: {}% min Rs {} +{}% tax + card: Rs 20 per instalment",
        Decimal::new(fee_bp as i64, 2),
        floor,
        Decimal::new(tax_bp as i64, 2)
    );
    let savings = format!(
        "Rs {saving} per instalment +{}% interest",
        Decimal::new(interest_bp as i64, 2)
    );
    LoanTerms {
        savings: Some(parse_savings(&savings).unwrap()),
        ..t.clone().with_charges(fee(&spec))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn richer_terms_still_add_up(
        (t, fee_bp, floor, tax_bp, saving) in rich_terms(),
        interest_bp in 0u32..800,
    ) {
        let t = with(&t, fee_bp, floor, tax_bp, saving, interest_bp);
        let Ok(p) = price(&t) else { return Ok(()) };
        // What was lent is repaid exactly, and nothing is owed at the end.
        let principal: Decimal = p.schedule.iter().map(|r| r.principal).sum();
        prop_assert_eq!(principal, p.principal);
        prop_assert_eq!(p.schedule.last().unwrap().balance, Decimal::ZERO);
        prop_assert!(p.schedule.iter().all(|r| r.due >= Decimal::ZERO && r.markup >= Decimal::ZERO && r.principal >= Decimal::ZERO));
        // Every rupee she pays is in exactly one line, and the lines add up
        // to the disclosure's totals.
        let paid: Decimal = p.upfront_charges + p.deposit
            + p.schedule.iter().map(|r| r.pays()).sum::<Decimal>();
        prop_assert_eq!(paid, p.total_paid);
        let lines: Decimal = p.charges.iter().map(|c| c.rupees + c.tax).sum();
        prop_assert_eq!(lines, p.upfront_charges + p.periodic_charges + p.financed_charges);
        let (markup, charges, tax, interest) = p.cost_parts();
        prop_assert_eq!(markup + charges + tax - interest, p.total_cost);
        prop_assert_eq!(-p.cash_flows().iter().copied().sum::<Decimal>(), p.total_cost);
        prop_assert_eq!(p.cash_flows()[0], p.received);
    }

    /// Rounded to the rupee or the paisa, loans are worked out in whole
    /// paisa: the figures are those of the same loan in Decimal, every one.
    #[test]
    fn paisa_and_decimal_give_the_same_loan(
        (t, fee_bp, floor, tax_bp, saving) in rich_terms(),
        interest_bp in 0u32..800,
        paisa in any::<bool>(),
        paise in 0u32..100,
        dated in any::<bool>(),
        per_balance in any::<bool>(),
    ) {
        let mut t = with(&t, fee_bp, floor, tax_bp, saving, interest_bp);
        t.amount += Decimal::new(paise as i64, 2);
        t.rounding = if paisa { Rounding::Paisa } else { Rounding::Rupee };
        if dated {
            t.disbursed = Some(Date::parse("2026-01-31").unwrap());
            if t.basis == Basis::Declining {
                t.day_count = DayCount::Actual365;
            }
        }
        if per_balance {
            let mut charges = t.charges.to_vec();
            charges.extend(parse_charges("insurance: 0.1% of balance", "x", Payee::Insurer).unwrap());
            t = t.with_charges(charges);
        }
        let fast = price(&t);
        let exact = price_in_decimal(&t);
        match (fast, exact) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a.schedule, &b.schedule);
                prop_assert_eq!(&a.cash_flows(), &b.cash_flows());
                prop_assert_eq!(a.disclosure(), b.disclosure());
                prop_assert_eq!(a.apr_percent.to_bits(), b.apr_percent.to_bits());
                prop_assert_eq!(a.opening_balance, b.opening_balance);
                // As written, too.
                prop_assert_eq!(
                    mfi_core::output::price::price_json(&a),
                    mfi_core::output::price::price_json(&b)
                );
                prop_assert_eq!(
                    mfi_core::output::price::schedule_csv(&a),
                    mfi_core::output::price::schedule_csv(&b)
                );
            }
            (a, b) => prop_assert_eq!(a.err(), b.err()),
        }
    }

    #[test]
    fn a_higher_floor_tax_or_savings_never_lowers_the_apr(
        (t, fee_bp, floor, tax_bp, saving) in rich_terms(),
        more in 1u32..3000,
    ) {
        // Savings that earn nothing: more of them can only cost her more.
        let base_terms = with(&t, fee_bp, floor, tax_bp, saving, 0);
        let Ok(base) = price(&base_terms) else { return Ok(()) };
        for (what, higher) in [
            ("floor", with(&t, fee_bp, floor + more, tax_bp, saving, 0)),
            ("tax", with(&t, fee_bp, floor, tax_bp + more, saving, 0)),
            ("savings", with(&t, fee_bp, floor, tax_bp, saving + more, 0)),
        ] {
            if let Ok(h) = price(&higher) {
                prop_assert!(
                    h.apr_percent >= base.apr_percent - 1e-9,
                    "{}: {} -> {}", what, base.apr_percent, h.apr_percent
                );
            }
        }
        // Interest on the savings never raises it.
        if let Ok(h) = price(&with(&t, fee_bp, floor, tax_bp, saving, more.min(800))) {
            prop_assert!(h.apr_percent <= base.apr_percent + 1e-9);
        }
    }
}

/// The Kasur study with today's terms on every MFI: a processing fee with a
/// floor and tax, and savings with each instalment.
fn kasur_with_todays_terms() -> mfi_core::data::study::StudyDoc {
    use mfi_core::data::matrix::{param, parse_value};
    use mfi_core::fact::Fact;
    let mut doc = mfi_core::data::study::StudyDoc::kasur().unwrap();
    for inst in &mut doc.matrix.institutions {
        for (key, text) in [
            (
                "other_charges",
                "processing fee: 2.5% min Rs 2,500 +16% tax",
            ),
            ("savings", "Rs 100 per instalment"),
        ] {
            let value = parse_value(param(key).unwrap(), text).unwrap();
            let fact = Fact {
                value,
                provenance: Default::default(),
            };
            if key == "savings" {
                for p in &mut inst.products {
                    p.facts.insert(Param::from_key(key).unwrap(), fact.clone());
                }
            } else {
                inst.facts.insert(Param::from_key(key).unwrap(), fact);
            }
        }
    }
    doc
}

#[test]
fn one_loan_has_the_same_figures_in_the_score_the_handout_and_its_schedule() {
    use mfi_core::money::rs;
    let doc = kasur_with_todays_terms();
    let e = mfi_core::scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
    let json = mfi_core::output::score::score_json(
        &e,
        &doc.weights,
        &doc.settings,
        None,
        &doc.plans,
        &doc.matrix,
    );
    let report = mfi_core::report::build(
        &doc,
        &e,
        None,
        &mfi_core::report::ReportOptions {
            title: "t".into(),
            prepared_by: "p".into(),
            date: Date::parse("2026-11-25").unwrap(),
            handout_lang: mfi_core::i18n::Lang::En,
        },
    );
    let (mut compared, mut with_note) = (0, 0);
    for (m, h) in e.members.iter().zip(&report.handouts) {
        let (Some(k), Some(loan)) = (e.best_affordable(m.member), &h.loan) else {
            continue;
        };
        let pair = &e.pairs[k];
        let l = pair.loan.as_ref().unwrap();
        let d = &l.disclosure;
        let lo = l.low_disclosure();
        // The handout: both ends of each figure, from the evaluation.
        let range = mfi_core::money::rs_range;
        // What she hands over each time: the calendar's amount, the
        // savings and charges paid with each instalment included (the
        // instalment alone once showed Rs 246 above a calendar of Rs 296).
        assert_eq!(
            loan.instalment,
            range(lo.regular_payment, d.regular_payment)
        );
        assert_eq!(
            loan.calendar.first().map(|(_, a)| a.clone()),
            Some(rs(d.regular_payment))
        );
        assert_eq!(
            loan.payment_note.is_some(),
            d.regular_payment != d.instalment
        );
        assert_eq!(loan.total_cost, range(lo.total_cost, d.total_cost));
        // One total: what she pays back once the money is in her hand is
        // the same on her page, in the members table and in her calendar.
        assert_eq!(loan.total_repaid, range(lo.pays_back(), d.pays_back()));
        let calendar: Decimal = loan
            .calendar
            .iter()
            .map(|(_, a)| mfi_core::money::parse_amount(a.trim_start_matches("Rs ")).unwrap())
            .sum();
        assert_eq!(calendar, d.pays_back());
        assert_eq!(loan.in_hand, Some(range(d.received, lo.received)));
        assert!(
            loan.charges
                .iter()
                .any(|c| c.starts_with("processing fee: ")
                    && c.contains(" with tax, taken at the start, to the MFI"))
        );
        assert!(
            loan.savings
                .as_ref()
                .unwrap()
                .contains(&rs(d.savings_collected))
        );
        // score --json.
        let best = &json["members"][m.member]["best"];
        assert_eq!(best["mfi"], pair.mfi.as_str());
        assert_eq!(best["disclosure"]["total_cost"], d.total_cost.to_string());
        assert_eq!(best["disclosure"]["received"], d.received.to_string());
        assert_eq!(best["total_cost"], d.total_cost.to_string());
        // The schedule shown beside them agrees, row by row.
        let p = pair.priced(&doc.matrix, doc.settings.rounding).unwrap();
        let paid: Decimal = p.schedule.iter().map(|r| r.pays()).sum();
        assert_eq!(paid + p.upfront_charges + p.deposit, d.total_paid);
        assert_eq!(paid, d.pays_back());
        let members = report.section("Members");
        let mfi_core::report::Block::Table(t) = &members.blocks[0] else {
            panic!("the members table")
        };
        let row = t.rows.iter().find(|r| r[0] == m.name).unwrap();
        let pays = t.header.iter().position(|h| h == "Pays back").unwrap();
        assert_eq!(row[pays], loan.total_repaid, "{}", m.name);
        let each = t.header.iter().position(|h| h == "Each payment").unwrap();
        // Her page's instalment, and its last when that differs.
        let last = loan.last_instalment.as_ref();
        let want = match last {
            Some(last) => format!("{}; the last {last}", loan.instalment),
            None => loan.instalment.clone(),
        };
        assert_eq!(row[each], want, "{}", m.name);
        with_note += loan.payment_note.is_some() as usize;
        // Affordability counts everything she pays in a month: her
        // heaviest month, each month paying its own.
        let l = pair.loan.as_ref().unwrap();
        assert_eq!(l.monthly_burden, l.largest_payment.0);
        assert!(l.monthly_burden >= d.regular_payment);
        assert!(l.put_aside.is_none());
        compared += 1;
    }
    assert!(compared > 10, "{compared} members compared");
    assert!(with_note > 0, "some pay savings with each instalment");
}

#[test]
fn loans_beyond_what_paisa_hold_are_the_same_in_decimal() {
    // The largest amounts and rates the engine takes: the paisa path gives
    // way to Decimal, and the figures are those of Decimal.
    for (amount, markup, months, grace, gm) in [
        (
            dec!(1000000000000),
            dec!(1000),
            120,
            0,
            GraceMarkup::Accrued,
        ),
        (
            dec!(999999999999.99),
            dec!(999),
            60,
            12,
            GraceMarkup::Capitalised,
        ),
        (
            dec!(50000000000),
            dec!(1000),
            120,
            24,
            GraceMarkup::Capitalised,
        ),
        (dec!(1), dec!(1000), 120, 0, GraceMarkup::Paid),
    ] {
        for basis in [Basis::Flat, Basis::Declining] {
            let t = LoanTerms {
                basis,
                grace_periods: grace,
                grace_markup: gm,
                savings: Some(parse_savings("Rs 1,000 per instalment +5% interest").unwrap()),
                ..loan(amount, markup, months)
            }
            .with_charges(fee("2.5% min Rs 2,500 +16% tax"));
            let (a, b) = (price(&t), price_in_decimal(&t));
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.disclosure(), b.disclosure(), "{amount} {basis:?}");
                    assert_eq!(a.schedule, b.schedule);
                }
                (a, b) => assert_eq!(a.err(), b.err(), "{amount} {basis:?}"),
            }
        }
    }
}

#[test]
fn the_matrix_reads_the_words_the_command_line_reads() {
    use mfi_core::data::matrix::{Value, param, parse_value};
    for (key, written, canonical) in [
        ("basis", "reducing", "declining"),
        ("structure", "balloon", "interest-only"),
        ("grace_markup", "capitalized", "capitalised"),
        ("day_count", "actual/365", "actual-365"),
        ("frequency", "bi-weekly", "fortnightly"),
    ] {
        assert_eq!(
            parse_value(param(key).unwrap(), written),
            Ok(Some(Value::Choice(canonical.into()))),
            "{key}: {written}"
        );
    }
    for tax in ["16%", "16% FED", "16% sales tax", "16 % GST"] {
        assert_eq!(
            parse_value(Param::TaxOnCharges.spec(), tax),
            Ok(Some(Value::Percent(dec!(16)))),
            "{tax}"
        );
    }
    for written in [
        "Rs 40,000/-",
        "40,000/-",
        "10,000-40,000/-",
        "Rs 10,000/- to Rs 40,000/-",
    ] {
        assert!(
            matches!(parse_value(Param::Amount.spec(), written), Ok(Some(Value::Range(_, hi))) if hi == dec!(40000)),
            "{written}"
        );
    }
    assert_eq!(
        parse_value(Param::Markup.spec(), "28% p.a."),
        Ok(Some(Value::Markup(parse_markup("28%").unwrap())))
    );
}

/// Issue 27: markup only each period, rounded to the rupee each month,
/// came to Rs 62,504 for Rs 50,000 at 25% over 12 months (Rs 4 too much;
/// Rs 62,500.04 with paisa). The markup in all is the exact markup rounded
/// once; each month's is rounded and the last takes the difference.
#[test]
fn interest_only_loans_total_exactly() {
    for (rounding, instalment, last) in [
        (Rounding::Rupee, dec!(1042), dec!(51038)),
        (Rounding::Paisa, dec!(1041.67), dec!(51041.63)),
    ] {
        for basis in [Basis::Declining, Basis::Flat] {
            let p = price(&LoanTerms {
                basis,
                structure: Structure::InterestOnly,
                rounding,
                ..loan(dec!(50000), dec!(25), 12)
            })
            .unwrap();
            assert_eq!(p.total_repaid, dec!(62500), "{rounding:?} {basis:?}");
            assert_eq!(p.total_markup, dec!(12500));
            assert_eq!(p.instalment, instalment);
            assert_eq!(p.last_instalment, last);
            assert!(p.schedule[..11].iter().all(|r| r.due == instalment));
        }
    }
    // With dates and actual days, each month's markup differs; the total is
    // still the exact one rounded once.
    let p = price(&LoanTerms {
        basis: Basis::Declining,
        structure: Structure::InterestOnly,
        day_count: DayCount::Actual365,
        disbursed: Date::parse("2026-01-15"),
        ..loan(dec!(50000), dec!(25), 12)
    })
    .unwrap();
    let exact: Decimal = p
        .schedule
        .windows(1)
        .enumerate()
        .map(|(k, _)| {
            let d0 = Date::parse("2026-01-15").unwrap();
            let days = Frequency::Monthly
                .due_date(d0, k as u32)
                .days_until(Frequency::Monthly.due_date(d0, k as u32 + 1));
            dec!(50000) * dec!(0.25) * Decimal::from(days) / dec!(365)
        })
        .sum();
    assert_eq!(p.total_markup, Rounding::Rupee.apply(exact));
}

/// Issue 27: a due date after 31 December 9999 gave a last instalment of
/// Rs -1,136 and an APR of 0.00%. It is an error.
#[test]
fn a_due_date_beyond_the_calendar_is_an_error() {
    let e = price(&LoanTerms {
        basis: Basis::Declining,
        day_count: DayCount::Actual365,
        disbursed: Date::parse("9999-12-31"),
        ..loan(dec!(25000), dec!(25), 12)
    })
    .unwrap_err();
    assert_eq!(e, mfi_core::pricing::PricingError::BeyondCalendar);
    assert!(e.to_string().contains("the end of the calendar"), "{e}");
    // The last day that still fits is priced.
    assert!(
        price(&LoanTerms {
            disbursed: Date::parse("9998-12-31"),
            ..loan(dec!(25000), dec!(25), 12)
        })
        .is_ok()
    );
}

/// A tiny markup over many months, markup only (Rs 96,667 at 0.17% a year
/// over 48 months, to the rupee; found by the property below): Rs 13.69 a
/// month is Rs 657 in all, and 47 months at Rs 14 would already be Rs 658,
/// leaving the last below nothing. Each month is rounded down instead
/// (Rs 13) and the last takes the rest (Rs 46): Rs 657 in all.
#[test]
fn a_tiny_markup_only_over_many_months_is_the_exact_markup_rounded_once() {
    let p = price(&LoanTerms {
        basis: Basis::Declining,
        structure: Structure::InterestOnly,
        rounding: Rounding::Rupee,
        ..loan(dec!(96667), dec!(0.17), 48)
    })
    .unwrap();
    assert_eq!(p.total_markup, dec!(657));
    assert!(p.schedule[..47].iter().all(|r| r.markup == dec!(13)));
    assert_eq!(p.schedule[47].markup, dec!(46));
    assert_eq!(p.schedule[47].principal, dec!(96667));
    // A usual loan is rounded to the nearest rupee each month, as before:
    // Rs 50,000 at 25% over 12 months, Rs 1,042 a month and Rs 1,038 last.
    let usual = price(&LoanTerms {
        basis: Basis::Declining,
        structure: Structure::InterestOnly,
        rounding: Rounding::Rupee,
        ..loan(dec!(50000), dec!(25), 12)
    })
    .unwrap();
    assert_eq!(usual.total_markup, dec!(12500));
    assert_eq!(usual.schedule[0].markup, dec!(1042));
    assert_eq!(usual.schedule[11].markup, dec!(1038));
}

/// Equal weekly instalments of a declining markup whose exact instalment
/// (Rs 42.64) rounds up to a rupee that would repay the loan before its
/// last week (138 x Rs 43 leaves the last at -Rs 12): each is rounded down
/// instead, and the last takes the rest. A found case of the property
/// `richer_terms_still_add_up`.
#[test]
fn equal_instalments_that_rounded_up_would_repay_early_are_rounded_down() {
    let t = LoanTerms {
        basis: Basis::Declining,
        frequency: Frequency::Weekly,
        rounding: Rounding::Rupee,
        ..loan(dec!(5305), dec!(8.41), 32)
    };
    for p in [price(&t).unwrap(), price_in_decimal(&t).unwrap()] {
        let rows = &p.schedule;
        assert_eq!(rows.len(), 139, "a row a week");
        assert!(rows[..138].iter().all(|r| r.due == dec!(42)));
        assert_eq!(rows[138].due, dec!(141));
        assert!(
            rows.iter()
                .all(|r| r.principal >= Decimal::ZERO && r.balance >= Decimal::ZERO)
        );
        assert_eq!(rows[138].balance, Decimal::ZERO);
        assert_eq!(p.total_repaid, dec!(5937));
    }
    // A usual loan is rounded to the nearest rupee, as before: Rs 50,000 at
    // 28% declining over 12 months is Rs 4,825 a month (Rs 4,825.30).
    let usual = price(&LoanTerms {
        basis: Basis::Declining,
        rounding: Rounding::Rupee,
        ..loan(dec!(50000), dec!(28), 12)
    })
    .unwrap();
    assert_eq!(usual.schedule[0].due, dec!(4825));
}

/// A tiny declining markup over many weeks, whose instalment already
/// rounds down (Rs 35.18 a week to Rs 35) but whose interest, rounded each
/// week to nothing, falls short: the instalment is lowered a rupee at a
/// time until no week repays more than is owed, and the last takes the
/// rest. A case of the property `richer_terms_still_add_up`.
#[test]
fn a_tiny_declining_markup_over_many_weeks_never_repays_early() {
    let t = LoanTerms {
        basis: Basis::Declining,
        frequency: Frequency::Weekly,
        rounding: Rounding::Rupee,
        ..loan(dec!(5420), dec!(0.49), 36)
    };
    for p in [price(&t).unwrap(), price_in_decimal(&t).unwrap()] {
        let rows = &p.schedule;
        assert_eq!(rows.len(), 156, "a row a week");
        assert!(
            rows.iter()
                .all(|r| r.due > Decimal::ZERO && r.principal >= Decimal::ZERO),
            "{rows:?}"
        );
        assert_eq!(rows[155].balance, Decimal::ZERO);
        let regular = rows[0].due;
        assert!(rows[..155].iter().all(|r| r.due == regular));
        assert!(rows[155].due >= regular);
        let repaid: Decimal = rows.iter().map(|r| r.principal).sum();
        assert_eq!(repaid, dec!(5420));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Markup only, on any amount, rate and term: the markup in all is the
    /// exact markup rounded once, no instalment is below nothing, and every
    /// one but the last is the same.
    #[test]
    fn interest_only_markup_is_the_exact_markup_rounded_once(
        amount in 1_000u64..5_000_000,
        rate_bp in 0u32..6_000,
        months in 2u32..=120,
        paisa in any::<bool>(),
    ) {
        let rounding = if paisa { Rounding::Paisa } else { Rounding::Rupee };
        let (amount, rate) = (Decimal::from(amount), Decimal::new(i64::from(rate_bp), 2));
        let p = price(&LoanTerms {
            basis: Basis::Declining,
            structure: Structure::InterestOnly,
            rounding,
            ..loan(amount, rate, months)
        }).unwrap();
        let exact = amount * rate / dec!(100) * Decimal::from(months) / dec!(12);
        prop_assert_eq!(p.total_markup, rounding.apply(exact));
        prop_assert!(p.schedule.iter().all(|r| r.markup >= Decimal::ZERO));
        let first = p.schedule[0].due;
        prop_assert!(p.schedule[..p.schedule.len() - 1].iter().all(|r| r.due == first));
    }
}
