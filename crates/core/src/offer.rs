//! From a product of the matrix to loan terms the pricing engine can price,
//! saying what was assumed where the matrix is silent.

use crate::data::matrix::{FactsExt, Institution, Product, Value};
use crate::fact::Fact;
use crate::pricing::{
    Basis, Charge, DayCount, Frequency, GraceMarkup, LoanTerms, MarkupPer, Payee, Rounding,
    Savings, Structure,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// What the pricing of an offer had to assume because a value is unknown.
pub type Assumptions = Vec<String>;

/// Why an offer cannot be priced at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpriceable(pub String);

/// The charges a matrix may give, each with how it is named in an
/// assumption: (parameter, words).
const CHARGE_PARAMS: [(&str, &str); 4] = [
    ("documentation_charges", "documentation charges"),
    ("life_insurance_premium", "life insurance premium"),
    ("health_insurance_charges", "health insurance charges"),
    ("other_charges", "other charges"),
];

/// A parameter a product may give instead of its institution: the
/// product's own value when it has one, else the institution's.
fn own_or_institution<'a>(
    inst: &'a Institution,
    product: &'a Product,
    key: &str,
) -> Option<&'a Fact<Value>> {
    product
        .facts
        .fact(key)
        .filter(|f| f.value.is_some())
        .or_else(|| inst.facts.fact(key))
}

/// Builds the loan terms of `product` for a loan of `amount` over `months`,
/// with every assumption listed. Unknown deposits, savings, grace periods
/// and charges count as none; an unknown frequency as monthly, an unknown
/// structure as equal instalments, an unknown basis as flat and an unknown
/// markup period as per year (the usual quotes in Pakistan); a markup quoted
/// as a range is priced at its upper end. An unknown markup makes the offer
/// unpriceable (except for qard).
pub fn loan_terms(
    inst: &Institution,
    product: &Product,
    amount: Decimal,
    months: u32,
    rounding: Rounding,
) -> Result<(LoanTerms, Assumptions), Unpriceable> {
    let f = &product.facts;
    let i = &inst.facts;
    let mut assumed = Vec::new();
    let basis = match f.choice("basis").and_then(Basis::parse) {
        Some(b) => b,
        None => {
            assumed.push("pricing basis unknown: flat assumed".to_string());
            Basis::Flat
        }
    };
    let markup = match (f.markup("markup"), basis) {
        (Some(q), Basis::Qard) => {
            // A markup written for a qard-e-hasan loan contradicts it: the
            // loan is priced without, and says so.
            let (_, hi) = q.rate_for(amount, months);
            if !hi.is_zero() {
                assumed.push(format!(
                    "markup {}% given for a qard-e-hasan loan, which charges none: priced without it (check the basis or the markup)",
                    hi.normalize()
                ));
            }
            Decimal::ZERO
        }
        (None, Basis::Qard) => Decimal::ZERO,
        (Some(q), _) => {
            let (lo, hi) = q.rate_for(amount, months);
            if lo != hi {
                assumed.push(format!(
                    "markup quoted as {}%-{}%: priced at {}%, the upper end",
                    lo.normalize(),
                    hi.normalize(),
                    hi.normalize()
                ));
            }
            hi
        }
        (None, _) => return Err(Unpriceable("the markup is unknown".into())),
    };
    let markup_per = match f.choice("markup_per").and_then(MarkupPer::parse) {
        Some(m) => m,
        None => {
            if basis != Basis::Qard {
                assumed.push("markup period unknown: per year assumed".to_string());
            }
            MarkupPer::Year
        }
    };
    let frequency = match f.choice("frequency").and_then(Frequency::parse) {
        Some(x) => x,
        None => {
            assumed.push("repayment frequency unknown: monthly assumed".to_string());
            Frequency::Monthly
        }
    };
    let structure = match (f.choice("structure").and_then(Structure::parse), frequency) {
        (Some(s), _) => s,
        (None, Frequency::Bullet) => Structure::Bullet,
        (None, _) => Structure::Equal,
    };
    // Which charges apply: insurance premiums only when the insurance is
    // charged for (an unknown yes/no counts as none, said so).
    let applies = |key: &str, assumed: &mut Assumptions| -> bool {
        match key {
            "life_insurance_premium" => match i.choice("life_insurance") {
                Some("charged") => true,
                Some(_) => false,
                None => {
                    assumed.push("life insurance unknown: no premium assumed".to_string());
                    false
                }
            },
            "health_insurance_charges" => match i.flag("health_insurance") {
                Some(true) => true,
                Some(false) => false,
                None => {
                    assumed.push("health insurance unknown: no charge assumed".to_string());
                    false
                }
            },
            _ => true,
        }
    };
    let institution_tax = i.number("tax_on_charges");
    let mut charges: Vec<Charge> = Vec::new();
    for (key, what) in CHARGE_PARAMS {
        if !applies(key, &mut assumed) {
            continue;
        }
        match own_or_institution(inst, product, key).and_then(|x| match &x.value {
            Some(Value::Charges(c)) => Some(c),
            _ => None,
        }) {
            Some(c) => charges.extend(c.iter().cloned().map(|c| {
                // The institution's tax on charges, for the lender's charges
                // that do not state their own.
                match (c.tax_percent, c.payee, institution_tax) {
                    (None, Payee::Lender, Some(t)) if !t.is_zero() => c.taxed(t),
                    _ => c,
                }
            })),
            // Further charges are listed only where there are some.
            None if key == "other_charges" => {}
            None => assumed.push(format!("{what} unknown: none assumed")),
        }
    }
    let savings = match (
        f.savings("savings").or_else(|| f.savings("deposit")),
        f.number("savings_interest"),
    ) {
        (Some(s), interest) => Some(Savings {
            interest_percent: interest.unwrap_or(s.interest_percent),
            ..s.clone()
        }),
        (None, _) => {
            assumed.push("deposit unknown: none assumed".to_string());
            None
        }
    };
    let grace = match (f.count("grace_periods"), structure) {
        (_, Structure::Bullet) => 0,
        (Some(g), _) => g,
        (None, _) => {
            assumed.push("grace periods unknown: none assumed".to_string());
            0
        }
    };
    let grace_markup = match f.choice("grace_markup").and_then(GraceMarkup::parse) {
        Some(g) => g,
        None => {
            if grace > 0 {
                assumed.push(
                    "markup of the grace periods unknown: accrued (repaid with the instalments) assumed"
                        .to_string(),
                );
            }
            GraceMarkup::Accrued
        }
    };
    let day_count = f
        .choice("day_count")
        .and_then(DayCount::parse)
        .unwrap_or_default();
    let instalments = match structure {
        Structure::Bullet => None,
        _ => f.count("instalments").filter(|n| *n > 0),
    };
    Ok((
        LoanTerms {
            amount,
            basis,
            markup_percent: markup,
            markup_per,
            months,
            frequency,
            structure,
            instalments,
            grace_periods: grace,
            grace_markup,
            day_count,
            charges: std::sync::Arc::from(charges),
            savings,
            disbursed: None,
            rounding,
        },
        assumed,
    ))
}

/// The product's shortest and longest term in whole months, at least one.
pub fn term_range(product: &Product) -> Option<(u32, u32)> {
    product.facts.bounds("term_months").map(|(lo, hi)| {
        let lo = lo.to_u32().unwrap_or(1).max(1);
        let hi = hi.to_u32().unwrap_or(lo).max(lo);
        (lo, hi)
    })
}

/// The term nearest `preferred` within a product's range (looked up
/// beforehand with [`term_range`]); the default preference is 12 months.
/// An unknown range keeps the preference.
pub fn nearest_term_in(range: Option<(u32, u32)>, preferred: Option<u32>) -> (u32, bool) {
    let want = preferred.unwrap_or(12);
    match range {
        Some((lo, hi)) => (want.clamp(lo, hi), true),
        None => (want, false),
    }
}

/// One product priced for a given loan.
#[derive(Debug, Clone)]
pub struct PricedOffer {
    /// The institution's name.
    pub institution: String,
    /// The product's name.
    pub product: String,
    /// The markup charged, in percent (0 for qard).
    pub markup_percent: Decimal,
    /// The priced loan.
    pub priced: crate::pricing::Priced,
}

/// Every product of the matrix that can be priced, for a loan of `amount`
/// over `months`, in the matrix's order.
pub fn price_all(
    matrix: &crate::data::matrix::Matrix,
    amount: Decimal,
    months: u32,
    rounding: Rounding,
) -> Vec<PricedOffer> {
    let mut out = Vec::new();
    if amount <= Decimal::ZERO {
        return out;
    }
    for inst in &matrix.institutions {
        for prod in &inst.products {
            if let Ok((terms, _)) = loan_terms(inst, prod, amount, months, rounding)
                && let Ok(priced) = crate::pricing::price(&terms)
            {
                out.push(PricedOffer {
                    institution: inst.name.clone(),
                    product: prod.name.clone(),
                    markup_percent: terms.markup_percent,
                    priced,
                });
            }
        }
    }
    out
}

/// One product in a what-if comparison: priced for the loan asked, or why it
/// cannot make that loan.
#[derive(Debug, Clone)]
pub enum WhatIf {
    /// The product can make the loan (as far as the matrix knows).
    Priced {
        /// The priced loan.
        offer: Box<PricedOffer>,
        /// Limits the matrix does not give ("its smallest and largest loan
        /// are unknown"): to verify with the MFI.
        unknown_limits: Vec<String>,
    },
    /// The loan is outside the product's limits.
    Outside {
        /// The institution's name.
        institution: String,
        /// The product's name.
        product: String,
        /// "lends Rs 10,000 to Rs 15,000, over 12 to 18 months".
        limits: String,
        /// The loan sizes it makes, when known.
        amounts: Option<(Decimal, Decimal)>,
        /// Its terms in months, when known.
        months: Option<(u32, u32)>,
    },
}

impl WhatIf {
    /// What she pays in all (instalments and charges at the start), for
    /// ordering offers cheapest first; `None` when it cannot make the loan.
    pub fn pays_in_all(&self) -> Option<Decimal> {
        match self {
            WhatIf::Priced { offer, .. } => {
                Some(offer.priced.total_repaid + offer.priced.upfront_charges)
            }
            WhatIf::Outside { .. } => None,
        }
    }
}

/// Every product of the matrix for a loan of `amount` over `months`, as a
/// member would ask "what if I borrowed this?": each product within whose
/// ceiling and terms the loan falls is priced; the others say what they
/// lend. Priced offers come first, cheapest in what she pays in all first.
pub fn what_if(
    matrix: &crate::data::matrix::Matrix,
    amount: Decimal,
    months: u32,
    rounding: Rounding,
) -> Vec<WhatIf> {
    let mut out = Vec::new();
    if amount <= Decimal::ZERO {
        return out;
    }
    for inst in &matrix.institutions {
        for prod in &inst.products {
            let range = prod.facts.bounds("amount");
            let terms = term_range(prod);
            let fits_amount = range.is_none_or(|(lo, hi)| amount >= lo && amount <= hi);
            let fits_term = terms.is_none_or(|(lo, hi)| months >= lo && months <= hi);
            if !(fits_amount && fits_term) {
                let lends = match range {
                    Some((lo, hi)) if lo == hi => format!("lends {}", crate::money::rs(hi)),
                    Some((lo, hi)) => {
                        format!("lends {} to {}", crate::money::rs(lo), crate::money::rs(hi))
                    }
                    None => "its loan sizes are unknown".into(),
                };
                let over = match terms {
                    Some((lo, hi)) if lo == hi => format!("over {lo} months"),
                    Some((lo, hi)) => format!("over {lo} to {hi} months"),
                    None => "its terms are unknown".into(),
                };
                out.push(WhatIf::Outside {
                    institution: inst.name.clone(),
                    product: prod.name.clone(),
                    limits: format!("{lends}, {over}"),
                    amounts: range,
                    months: terms,
                });
                continue;
            }
            let Ok((loan, _)) = loan_terms(inst, prod, amount, months, rounding) else {
                continue;
            };
            let Ok(priced) = crate::pricing::price(&loan) else {
                continue;
            };
            let mut unknown_limits = Vec::new();
            if range.is_none() {
                unknown_limits.push("its smallest and largest loan are unknown".to_string());
            }
            if terms.is_none() {
                unknown_limits.push("its shortest and longest term are unknown".to_string());
            }
            out.push(WhatIf::Priced {
                offer: Box::new(PricedOffer {
                    institution: inst.name.clone(),
                    product: prod.name.clone(),
                    markup_percent: loan.markup_percent,
                    priced,
                }),
                unknown_limits,
            });
        }
    }
    out.sort_by_key(|w| (w.pays_in_all().is_none(), w.pays_in_all()));
    out
}
