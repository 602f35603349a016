//! The hard rules, applied before price matters: who may borrow from whom.
//! Each rule passes, fails with a reason in plain words, or cannot be
//! decided because a value is unknown (the pair is then "to verify").

use crate::matrix::{FactsExt, Institution, Product};
use crate::money::rs;
use crate::plans::{Lending, MicroInvestmentPlan};
use rust_decimal::Decimal;
use serde::Serialize;

/// The outcome of one rule for one member and one offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Outcome {
    /// The rule is met.
    Pass,
    /// The rule excludes the offer; the reason in words a member understands.
    Fail(String),
    /// A value the rule needs is unknown; what to verify.
    Unknown(String),
}

/// The names of the rules, in the order they are checked.
pub const RULES: &[&str] = &[
    "loan amount",
    "age",
    "new business",
    "group or individual",
    "Islamic financing",
    "CNIC",
    "operational area",
    "past default",
    "works with home-based workers",
];

/// Every rule's outcome for a member and an offer, in the order of [`RULES`].
pub fn check(
    plan: &MicroInvestmentPlan,
    inst: &Institution,
    product: &Product,
) -> Vec<(&'static str, Outcome)> {
    let i = &inst.facts;
    let mut out = Vec::with_capacity(RULES.len());
    out.push((RULES[0], amount_rule(plan, product)));

    out.push((
        RULES[1],
        match (plan.age, i.bounds("age_limit")) {
            (_, None) => Outcome::Unknown(format!("{}'s age limits", inst.name)),
            (None, Some(_)) => Outcome::Unknown("her age".into()),
            (Some(a), Some((lo, hi))) => {
                let age = Decimal::from(a);
                if age < lo || age > hi {
                    Outcome::Fail(format!(
                        "she is {a}; {} lends to women aged {lo}-{hi}",
                        inst.name
                    ))
                } else {
                    Outcome::Pass
                }
            }
        },
    ));

    out.push((
        RULES[2],
        match (plan.new_business, i.flag("new_business_loans")) {
            (Some(false), _) => Outcome::Pass,
            (_, Some(true)) => Outcome::Pass,
            (Some(true), Some(false)) => Outcome::Fail(format!(
                "her business is new; {} only lends to running businesses",
                inst.name
            )),
            (None, _) => Outcome::Unknown("whether her business is new".into()),
            (Some(true), None) => {
                Outcome::Unknown(format!("whether {} lends for new businesses", inst.name))
            }
        },
    ));

    let group = i.flag("group_lending");
    let individual = i.flag("individual_lending");
    out.push((
        RULES[3],
        match plan.lending {
            Lending::Group => match group {
                Some(true) => Outcome::Pass,
                Some(false) => Outcome::Fail(format!(
                    "she wants to borrow with her group; {} does not lend to groups",
                    inst.name
                )),
                None => Outcome::Unknown(format!("whether {} lends to groups", inst.name)),
            },
            Lending::Individual => match individual {
                Some(true) => Outcome::Pass,
                Some(false) => Outcome::Fail(format!(
                    "she wants to borrow on her own; {} lends only to groups",
                    inst.name
                )),
                None => Outcome::Unknown(format!("whether {} lends to individuals", inst.name)),
            },
            Lending::Either => match (group, individual) {
                (Some(true), _) | (_, Some(true)) => Outcome::Pass,
                (Some(false), Some(false)) => Outcome::Fail(format!(
                    "{} lends neither to groups nor to individuals",
                    inst.name
                )),
                _ => Outcome::Unknown(format!("how {} lends (group or individual)", inst.name)),
            },
        },
    ));

    out.push((
        RULES[4],
        match (plan.wants_islamic, islamic_compatible(product)) {
            (_, Some(true)) => Outcome::Pass,
            (Some(false), _) => Outcome::Pass,
            (Some(true), Some(false)) => {
                Outcome::Fail("she wants Islamic financing; this loan charges interest".into())
            }
            (Some(true), None) => Outcome::Unknown("whether this loan is Islamic financing".into()),
            (None, _) => Outcome::Unknown("whether she wants Islamic financing".into()),
        },
    ));

    out.push((
        RULES[5],
        match (plan.has_cnic, i.flag("cnic_required")) {
            (Some(true), _) | (_, Some(false)) => Outcome::Pass,
            (Some(false), Some(true)) => {
                Outcome::Fail("she has no national identity card (CNIC), which is required".into())
            }
            (None, _) => Outcome::Unknown("whether she has a CNIC".into()),
            (Some(false), None) => {
                Outcome::Unknown(format!("whether {} requires a CNIC", inst.name))
            }
        },
    ));

    out.push((
        RULES[6],
        match i.list("operational_area") {
            None => Outcome::Unknown(format!("whether {} works in her area", inst.name)),
            Some(areas) => {
                let mine = [plan.village.as_str(), plan.district.as_str()];
                let known: Vec<&str> = mine.into_iter().filter(|s| !s.trim().is_empty()).collect();
                if known.is_empty() {
                    Outcome::Unknown("her village and district".into())
                } else if areas.iter().any(|a| {
                    known
                        .iter()
                        .any(|k| a.trim().eq_ignore_ascii_case(k.trim()))
                }) {
                    Outcome::Pass
                } else {
                    Outcome::Fail(format!(
                        "{} does not work in {}",
                        inst.name,
                        known.join(", ")
                    ))
                }
            }
        },
    ));

    out.push((
        RULES[7],
        match (plan.past_default, i.flag("defaulters_refused")) {
            (Some(false), _) | (_, Some(false)) => Outcome::Pass,
            (Some(true), Some(true)) => Outcome::Fail(format!(
                "she has not repaid a loan before; {} refuses past defaulters",
                inst.name
            )),
            (None, _) => Outcome::Unknown("whether she has defaulted before".into()),
            (Some(true), None) => {
                Outcome::Unknown(format!("whether {} refuses past defaulters", inst.name))
            }
        },
    ));

    out.push((
        RULES[8],
        match i.flag("works_with_hbw") {
            Some(true) => Outcome::Pass,
            Some(false) => Outcome::Fail(format!(
                "{} is not willing to lend to home-based workers",
                inst.name
            )),
            None => Outcome::Unknown(format!(
                "whether {} will lend to home-based workers",
                inst.name
            )),
        },
    ));
    out
}

/// Whether a product suits a member who will not pay interest: Islamic
/// financing, a murabaha sale, or a zero-markup qard-e-hasan loan.
pub fn islamic_compatible(product: &Product) -> Option<bool> {
    let basis = product.facts.choice("basis");
    if matches!(basis, Some("murabaha") | Some("qard")) {
        return Some(true);
    }
    product.facts.flag("islamic")
}

fn amount_rule(plan: &MicroInvestmentPlan, product: &Product) -> Outcome {
    let need = plan.loan_needed();
    if need.is_zero() {
        return Outcome::Fail("she needs no loan: her own savings cover her plan".into());
    }
    match product.facts.bounds("amount") {
        None => Outcome::Unknown("the smallest and largest loan of this product".into()),
        Some((lo, _)) if need < lo => Outcome::Fail(format!(
            "she needs {}, less than the smallest loan of {} ({} less)",
            rs(need),
            rs(lo),
            rs(lo - need)
        )),
        Some((_, hi)) if need > hi => Outcome::Fail(format!(
            "she needs {}, {} above the largest loan of {}: a loan of {} plus {} more of her own savings would fit",
            rs(need),
            rs(need - hi),
            rs(hi),
            rs(hi),
            rs(need - hi)
        )),
        Some(_) => Outcome::Pass,
    }
}
