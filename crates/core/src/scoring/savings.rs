//! The CO's own savings, offered beside the MFIs as internal lending.

use crate::data::matrix::MarkupQuote;
use crate::data::matrix::SERVICES;
use crate::data::matrix::{Institution, Matrix, Product};
use crate::data::settings::CoSavings;
use crate::pricing::{Amount, Charge, Savings};
use rust_decimal::Decimal;

/// The name given to the CO's savings as an option.
pub const CO_SAVINGS_NAME: &str = "CO savings (internal lending)";

/// The institution that stands for the CO's own savings.
pub fn co_savings_institution(s: &CoSavings) -> Institution {
    use crate::data::matrix::Value;
    use crate::fact::{Confidence, Fact, Provenance};
    let prov = || Provenance {
        source: "study settings".into(),
        confidence: Some(Confidence::High),
        note: String::new(),
    };
    let fact = |v: Value| Fact::known(v, prov());
    let mut facts = crate::data::matrix::Facts::new();
    for (k, v) in [
        ("office", Value::Text("in the village".into())),
        ("distance_km", Value::Number(Decimal::ZERO)),
        ("staff_visit_village", Value::Flag(true)),
        ("works_with_hbw", Value::Flag(true)),
        ("group_lending", Value::Flag(true)),
        ("individual_lending", Value::Flag(true)),
        ("new_business_loans", Value::Flag(true)),
        ("defaulters_refused", Value::Flag(false)),
        ("cnic_required", Value::Flag(false)),
        ("life_insurance", Value::Choice("none".into())),
        ("health_insurance", Value::Flag(false)),
        (
            "documentation_charges",
            Value::Charges(vec![Charge::fee("documentation charges", Amount::NONE)]),
        ),
    ] {
        facts.insert(k.to_string(), fact(v));
    }
    for k in SERVICES {
        facts.insert(k.to_string(), fact(Value::Flag(false)));
    }
    let mut pf = crate::data::matrix::Facts::new();
    for (k, v) in [
        ("loan_type", Value::Text("internal lending".into())),
        (
            "amount",
            Value::Range(Decimal::ONE, s.pool.max(Decimal::ONE)),
        ),
        (
            "term_months",
            Value::Range(Decimal::ONE, Decimal::from(s.max_months.clamp(1, 120))),
        ),
        ("frequency", Value::Choice("monthly".into())),
        ("basis", Value::Choice("flat".into())),
        ("markup", Value::Markup(MarkupQuote::Rate(s.markup_percent))),
        ("markup_per", Value::Choice("year".into())),
        ("deposit", Value::Savings(Savings::deposit(Amount::NONE))),
        ("grace_periods", Value::Count(0)),
        ("islamic", Value::Flag(s.markup_percent.is_zero())),
        ("disbursed_as", Value::Choice("cash".into())),
    ] {
        pf.insert(k.to_string(), fact(v));
    }
    Institution {
        name: CO_SAVINGS_NAME.to_string(),
        facts,
        products: vec![Product {
            name: "Internal loan".into(),
            facts: pf,
        }],
    }
}

/// The matrix's institutions, then the CO's savings pool when the study has one.
pub(super) fn with_savings<'a>(
    matrix: &'a Matrix,
    savings: Option<&'a Institution>,
) -> Vec<&'a Institution> {
    matrix.institutions.iter().chain(savings).collect()
}
