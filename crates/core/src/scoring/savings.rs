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
    use crate::data::matrix::{Param, Value};
    use crate::fact::{Confidence, Fact, Provenance};
    let prov = || Provenance {
        source: "study settings".into(),
        confidence: Some(Confidence::High),
        note: String::new(),
    };
    let fact = |v: Value| Fact::known(v, prov());
    let mut facts = crate::data::matrix::Facts::new();
    for (k, v) in [
        (Param::Office, Value::Text("in the village".into())),
        (Param::DistanceKm, Value::Number(Decimal::ZERO)),
        (Param::StaffVisitVillage, Value::Flag(true)),
        (Param::WorksWithHbw, Value::Flag(true)),
        (Param::GroupLending, Value::Flag(true)),
        (Param::IndividualLending, Value::Flag(true)),
        (Param::NewBusinessLoans, Value::Flag(true)),
        (Param::DefaultersRefused, Value::Flag(false)),
        (Param::CnicRequired, Value::Flag(false)),
        (Param::LifeInsurance, Value::Choice("none".into())),
        (Param::HealthInsurance, Value::Flag(false)),
        (
            Param::DocumentationCharges,
            Value::Charges(vec![Charge::fee("documentation charges", Amount::NONE)]),
        ),
    ] {
        facts.insert(k, fact(v));
    }
    for k in SERVICES {
        facts.insert(k, fact(Value::Flag(false)));
    }
    let mut pf = crate::data::matrix::Facts::new();
    for (k, v) in [
        (Param::LoanType, Value::Text("internal lending".into())),
        (
            Param::Amount,
            Value::Range(Decimal::ONE, s.pool.max(Decimal::ONE)),
        ),
        (
            Param::TermMonths,
            Value::Range(Decimal::ONE, Decimal::from(s.max_months.clamp(1, 120))),
        ),
        (Param::Frequency, Value::Choice("monthly".into())),
        (Param::Basis, Value::Choice("flat".into())),
        (
            Param::Markup,
            Value::Markup(MarkupQuote::Rate(s.markup_percent)),
        ),
        (Param::MarkupPer, Value::Choice("year".into())),
        (
            Param::Deposit,
            Value::Savings(Savings::deposit(Amount::NONE)),
        ),
        (Param::GracePeriods, Value::Count(0)),
        (Param::Islamic, Value::Flag(s.markup_percent.is_zero())),
        (Param::DisbursedAs, Value::Choice("cash".into())),
    ] {
        pf.insert(k, fact(v));
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
