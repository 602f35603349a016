//! From a product of the matrix to loan terms the pricing engine can price,
//! saying what was assumed where the matrix is silent.

use crate::data::matrix::{FactsExt, Institution, Product};
use crate::money::Charge;
use crate::pricing::{Basis, Frequency, LoanTerms, MarkupPer, Rounding};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// What the pricing of an offer had to assume because a value is unknown.
pub type Assumptions = Vec<String>;

/// Why an offer cannot be priced at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpriceable(pub String);

/// Builds the loan terms of `product` for a loan of `amount` over `months`,
/// with every assumption listed. Unknown deposits, grace periods and charges
/// count as none; an unknown frequency as monthly, an unknown basis as flat
/// and an unknown markup period as per year (the usual quotes in Pakistan).
/// An unknown markup makes the offer unpriceable (except for qard).
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
    let markup = match (f.number("markup"), basis) {
        (Some(m), _) => m,
        (None, Basis::Qard) => Decimal::ZERO,
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
    let charge = |key: &str, what: &str, assumed: &mut Assumptions| -> Charge {
        match i.charge(key).or_else(|| f.charge(key)) {
            Some(c) => c,
            None => {
                assumed.push(format!("{what} unknown: none assumed"));
                Charge::NONE
            }
        }
    };
    let fee = charge(
        "documentation_charges",
        "documentation charges",
        &mut assumed,
    );
    let life = match i.choice("life_insurance") {
        Some("charged") => charge(
            "life_insurance_premium",
            "life insurance premium",
            &mut assumed,
        ),
        Some(_) => Charge::NONE,
        None => {
            assumed.push("life insurance unknown: no premium assumed".to_string());
            Charge::NONE
        }
    };
    let health = match i.flag("health_insurance") {
        Some(true) => charge(
            "health_insurance_charges",
            "health insurance charges",
            &mut assumed,
        ),
        Some(false) => Charge::NONE,
        None => {
            assumed.push("health insurance unknown: no charge assumed".to_string());
            Charge::NONE
        }
    };
    let deposit = match f.charge("deposit") {
        Some(c) => c,
        None => {
            assumed.push("deposit unknown: none assumed".to_string());
            Charge::NONE
        }
    };
    let grace = match f.count("grace_periods") {
        Some(g) => g,
        None => {
            assumed.push("grace periods unknown: none assumed".to_string());
            0
        }
    };
    let insurance = Charge::Rupees(life.on(amount) + health.on(amount));
    Ok((
        LoanTerms {
            amount,
            basis,
            markup_percent: if basis == Basis::Qard {
                Decimal::ZERO
            } else {
                markup
            },
            markup_per,
            months,
            frequency,
            instalments: None,
            grace_periods: grace,
            fee,
            insurance,
            charge_per_instalment: Decimal::ZERO,
            deposit,
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
