//! From a product of the matrix to loan terms the pricing engine can price,
//! saying what was assumed where the matrix is silent.

use crate::data::matrix::Param;
use crate::data::matrix::{FactsExt, Institution, Product, Value};
use crate::fact::Fact;
use crate::pricing::{
    Amount, Basis, Charge, DayCount, Frequency, GraceMarkup, LoanTerms, MarkupPer, Payee, Rounding,
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
const CHARGE_PARAMS: [(Param, &str); 4] = [
    (Param::DocumentationCharges, "documentation charges"),
    (Param::LifeInsurancePremium, "life insurance premium"),
    (Param::HealthInsuranceCharges, "health insurance charges"),
    (Param::OtherCharges, "other charges"),
];

/// A parameter a product may give instead of its institution: the
/// product's own value when it has one, else the institution's.
pub(crate) fn own_or_institution<'a>(
    inst: &'a Institution,
    product: &'a Product,
    key: Param,
) -> Option<&'a Fact<Value>> {
    product
        .facts
        .fact(key)
        .filter(|f| f.value.is_some())
        .or_else(|| inst.facts.fact(key))
}

/// The highest value each unknown-able term takes among a study's offers:
/// what the high end of an offer whose term is unknown is priced with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highs {
    /// Per charge parameter ([`CHARGE_PARAMS`]'s order), each distinct
    /// list of charges some offer of the study states.
    charges: [Vec<Vec<Charge>>; 4],
    /// Each distinct compulsory saving or deposit some offer states.
    savings: Vec<Savings>,
}

impl Highs {
    /// The terms the offers of `institutions` state (the matrix's: the CO's
    /// own savings are not an offer whose terms say what an MFI charges).
    /// A premium counts only where its insurance is, or may be, charged
    /// for; a term that is none is not a high end.
    pub fn of<'a>(institutions: impl IntoIterator<Item = &'a Institution>) -> Highs {
        let mut h = Highs::default();
        for inst in institutions {
            for product in &inst.products {
                for (k, &(key, _)) in CHARGE_PARAMS.iter().enumerate() {
                    if charged(inst, key) == Some(false) {
                        continue;
                    }
                    if let Some(Value::Charges(c)) =
                        own_or_institution(inst, product, key).and_then(|f| f.value.as_ref())
                        && c.iter().any(|c| !c.amount.is_zero())
                        && !h.charges[k].contains(c)
                    {
                        h.charges[k].push(c.clone());
                    }
                }
                let f = &product.facts;
                if let Some(s) = f
                    .savings(Param::Savings)
                    .or_else(|| f.savings(Param::Deposit))
                    && !s.amount.is_zero()
                    && !h.savings.contains(s)
                {
                    h.savings.push(s.clone());
                }
            }
        }
        h
    }

    /// The costliest list of the `k`th charge for a loan of `amount` with
    /// `instalments` instalments (a charge with each instalment counted on
    /// the whole loan each time: a bound, used only to choose among the
    /// lists; tax and markup on financed charges are left out).
    fn charges(&self, k: usize, amount: Decimal, instalments: u32) -> Option<&Vec<Charge>> {
        let rough = |c: &Vec<Charge>| -> Decimal {
            c.iter()
                .map(|c| {
                    let once = c.amount.on(amount, amount);
                    match c.timing {
                        crate::pricing::Timing::PerInstalment => once * Decimal::from(instalments),
                        _ => once,
                    }
                })
                .sum()
        };
        self.charges[k]
            .iter()
            .max_by(|a, b| rough(a).cmp(&rough(b)))
    }

    /// The largest saving for a loan of `amount` with `instalments`
    /// instalments.
    fn savings(&self, amount: Decimal, instalments: u32) -> Option<&Savings> {
        let rough = |s: &Savings| -> Decimal {
            let once = s.amount.on(amount, amount);
            match s.timing {
                crate::pricing::SavingsTiming::PerInstalment => once * Decimal::from(instalments),
                crate::pricing::SavingsTiming::Upfront => once,
            }
        };
        self.savings.iter().max_by(|a, b| rough(a).cmp(&rough(b)))
    }
}

/// The terms whose unknown value an offer is priced at both ends of, named
/// as in its assumptions ("documentation charges", "deposit", "markup").
pub fn ranged_terms(assumptions: &[String]) -> Vec<String> {
    assumptions
        .iter()
        .filter(|a| a.contains("priced from none") || a.contains("priced at both ends"))
        .filter_map(|a| a.split(':').next())
        .map(|t| {
            let t = t.trim_end_matches(" unknown");
            t.split(" quoted as ").next().unwrap_or(t).to_string()
        })
        .collect()
}

/// The worst case of an unknown deposit when no offer of the study states
/// one: 10% of the loan withheld and returned at the end without interest
/// (MFTransparency's examples and the domain guide's reference case).
pub const DEFAULT_DEPOSIT_PERCENT: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

/// The worst case of an unknown charge when no offer of the study states
/// one ([`CHARGE_PARAMS`]'s order), and its words: documentation charges
/// 2.5% of the loan (the percentage of today's key facts statements'
/// processing fees), a life insurance premium of 1% of the loan (Kashf's
/// published Rs 200 on Rs 20,000), health insurance Rs 800 (the top of the
/// Rs 200-800 bands by loan size), all taken at the start.
fn default_charge(k: usize) -> (Vec<Charge>, &'static str) {
    let pct = |p: Decimal| Amount::Percent {
        percent: p,
        min: None,
        max: None,
    };
    match k {
        0 => (
            vec![Charge::fee(
                "documentation charges",
                pct(Decimal::new(25, 1)),
            )],
            "2.5% of the loan",
        ),
        1 => (
            vec![Charge::insurance(
                "life insurance premium",
                pct(Decimal::ONE),
            )],
            "1% of the loan",
        ),
        2 => (
            vec![Charge::insurance(
                "health insurance charges",
                Amount::Rupees(Decimal::from(800)),
            )],
            "Rs 800",
        ),
        _ => (Vec::new(), "none"),
    }
}

/// Whether a product prints a premium or charge under `key` (its own or
/// its institution's) that is not none.
pub(crate) fn printed(inst: &Institution, product: &Product, key: Param) -> bool {
    matches!(
        own_or_institution(inst, product, key).and_then(|f| f.value.as_ref()),
        Some(Value::Charges(c)) if c.iter().any(|c| !c.amount.is_zero())
    )
}

/// Whether a premium is charged for: yes, no, or unknown (`None`); other
/// charges always are.
fn charged(inst: &Institution, key: Param) -> Option<bool> {
    match key {
        Param::LifeInsurancePremium => inst
            .facts
            .choice(Param::LifeInsurance)
            .map(|c| c == "charged"),
        Param::HealthInsuranceCharges => inst.facts.flag(Param::HealthInsurance),
        _ => Some(true),
    }
}

/// Which end of its unknown terms an offer is priced at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The best case: an unknown charge, premium or deposit as none, a
    /// ranged markup at its low end.
    Low,
    /// The stated worst case: an unknown term at the highest value any
    /// offer of the study states (none when no offer states it), a ranged
    /// markup at its high end. The ranking reads this end.
    High,
}

/// Builds the loan terms of `product` for a loan of `amount` over `months`
/// at one `end` of its unknown terms, with every assumption listed (the
/// same list at both ends: it names the range). An unknown frequency counts
/// as monthly, an unknown structure as equal instalments, an unknown basis
/// as flat and an unknown markup period as per year (the usual quotes in
/// Pakistan). A printed premium is charged even when whether the insurance
/// is charged for is unknown. An unknown markup makes the offer unpriceable
/// (except for qard).
pub fn loan_terms(
    inst: &Institution,
    product: &Product,
    amount: Decimal,
    months: u32,
    rounding: Rounding,
    highs: &Highs,
    end: End,
) -> Result<(LoanTerms, Assumptions), Unpriceable> {
    let f = &product.facts;
    let i = &inst.facts;
    let high = end == End::High;
    let mut assumed = Vec::new();
    let basis = match f.choice(Param::Basis).and_then(Basis::parse) {
        Some(b) => b,
        None => {
            assumed.push("pricing basis unknown: flat assumed".to_string());
            Basis::Flat
        }
    };
    let markup = match (f.markup(Param::Markup), basis) {
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
                    "markup quoted as {}%-{}%: priced at both ends",
                    lo.normalize(),
                    hi.normalize(),
                ));
            }
            if high { hi } else { lo }
        }
        (None, _) => return Err(Unpriceable("the markup is unknown".into())),
    };
    let markup_per = match f.choice(Param::MarkupPer).and_then(MarkupPer::parse) {
        Some(m) => m,
        None => {
            if basis != Basis::Qard {
                assumed.push("markup period unknown: per year assumed".to_string());
            }
            MarkupPer::Year
        }
    };
    let frequency = match f.choice(Param::Frequency).and_then(Frequency::parse) {
        Some(x) => x,
        None => {
            assumed.push("repayment frequency unknown: monthly assumed".to_string());
            Frequency::Monthly
        }
    };
    let structure = match (
        f.choice(Param::Structure).and_then(Structure::parse),
        frequency,
    ) {
        (Some(s), _) => s,
        (None, Frequency::Bullet) => Structure::Bullet,
        (None, _) => Structure::Equal,
    };
    // About how many instalments, to choose the costliest stated terms.
    let instalments = (months * frequency.periods_per_year()).div_ceil(12).max(1);
    let institution_tax = i.number(Param::TaxOnCharges);
    let with_tax = |c: Charge| match (c.tax_percent, c.payee, institution_tax) {
        // The institution's tax on charges, for the lender's charges that
        // do not state their own.
        (None, Payee::Lender, Some(t)) if !t.is_zero() => c.taxed(t),
        _ => c,
    };
    let mut charges: Vec<Charge> = Vec::new();
    for (k, &(key, what)) in CHARGE_PARAMS.iter().enumerate() {
        let printed = own_or_institution(inst, product, key).and_then(|x| match &x.value {
            Some(Value::Charges(c)) => Some(c),
            _ => None,
        });
        match (charged(inst, key), printed) {
            (Some(false), _) => {}
            (flag, Some(c)) => {
                if flag.is_none() {
                    assumed.push(format!(
                        "whether the {what} is charged is unknown: the printed {what} counted"
                    ));
                }
                // A charge quoted as a range ("Rs 200-800"): priced at both
                // ends, like an unknown.
                for r in c.iter().filter(|c| c.amount.is_range()) {
                    assumed.push(format!(
                        "{what} quoted as {}: priced at both ends",
                        r.amount
                    ));
                }
                charges.extend(c.iter().cloned().map(with_tax));
            }
            // Further charges are listed only where there are some.
            (Some(true), None) if key == Param::OtherCharges => {}
            (_, None) => {
                // The worst case: the costliest another offer states, or
                // where none does, the tool's documented default (an
                // unknown is never priced as none alone).
                let (most, source) = match highs.charges(k, amount, instalments) {
                    Some(c) => (
                        c.clone(),
                        "the highest any offer of the study states".to_string(),
                    ),
                    None => {
                        let (c, words) = default_charge(k);
                        (
                            c,
                            format!(
                                "{words} (no offer of the study states any: the tool's default)"
                            ),
                        )
                    }
                };
                assumed.push(format!("{what} unknown: priced from none to {source}"));
                if high {
                    charges.extend(most.into_iter().map(with_tax));
                }
            }
        }
    }
    // Each range at the end asked for (the highest any offer states, taken
    // for an unknown, at its high end).
    let charges: Vec<Charge> = charges.iter().map(|c| c.at(high)).collect();
    let savings = match (
        f.savings(Param::Savings)
            .or_else(|| f.savings(Param::Deposit)),
        f.number(Param::SavingsInterest),
    ) {
        (Some(s), interest) => Some(Savings {
            interest_percent: interest.unwrap_or(s.interest_percent),
            ..s.clone()
        }),
        (None, _) => {
            let (most, source) = match highs.savings(amount, instalments) {
                Some(s) => (
                    s.clone(),
                    "the largest any offer of the study states".to_string(),
                ),
                None => (
                    Savings::deposit(Amount::Percent {
                        percent: DEFAULT_DEPOSIT_PERCENT,
                        min: None,
                        max: None,
                    }),
                    format!(
                        "{DEFAULT_DEPOSIT_PERCENT}% of the loan withheld and returned at the end without interest (no offer of the study states one: the tool's default)"
                    ),
                ),
            };
            assumed.push(format!("deposit unknown: priced from none to {source}"));
            high.then_some(most)
        }
    };
    // An unknown grace period is none at both ends: a longer grace lowers
    // what a month takes and, on a flat markup, the APR, while its accrued
    // markup raises the cost in rupees, so no end of it is the worst.
    let grace = match (f.count(Param::GracePeriods), structure) {
        (_, Structure::Bullet) => 0,
        (Some(g), _) => g,
        (None, _) => {
            assumed.push("grace periods unknown: none assumed".to_string());
            0
        }
    };
    let grace_markup = match f.choice(Param::GraceMarkup).and_then(GraceMarkup::parse) {
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
        .choice(Param::DayCount)
        .and_then(DayCount::parse)
        .unwrap_or_default();
    let instalments = match structure {
        Structure::Bullet => None,
        _ => f.count(Param::Instalments).filter(|n| *n > 0),
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
    product.facts.bounds(Param::TermMonths).map(|(lo, hi)| {
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
    /// The priced loan, its unknown terms at their high end.
    pub priced: crate::pricing::Priced,
    /// The same at their low end, when it differs.
    pub low: Option<Box<crate::pricing::Priced>>,
}

impl PricedOffer {
    /// Prices a product at both ends of its unknown terms; `None` when it
    /// cannot be priced.
    pub fn new(
        inst: &Institution,
        product: &Product,
        amount: Decimal,
        months: u32,
        rounding: Rounding,
        highs: &Highs,
    ) -> Option<PricedOffer> {
        let (terms, _) =
            loan_terms(inst, product, amount, months, rounding, highs, End::High).ok()?;
        let priced = crate::pricing::price(&terms).ok()?;
        let (low_terms, _) =
            loan_terms(inst, product, amount, months, rounding, highs, End::Low).ok()?;
        let low = if low_terms == terms {
            None
        } else {
            Some(Box::new(crate::pricing::price(&low_terms).ok()?))
        };
        Some(PricedOffer {
            institution: inst.name.clone(),
            product: product.name.clone(),
            markup_percent: terms.markup_percent,
            priced,
            low,
        })
    }

    /// The low end's priced loan (the high end's when nothing is unknown).
    pub fn low(&self) -> &crate::pricing::Priced {
        self.low.as_deref().unwrap_or(&self.priced)
    }
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
    let highs = Highs::of(&matrix.institutions);
    for inst in &matrix.institutions {
        for prod in &inst.products {
            out.extend(PricedOffer::new(
                inst, prod, amount, months, rounding, &highs,
            ));
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
    let highs = Highs::of(&matrix.institutions);
    for inst in &matrix.institutions {
        for prod in &inst.products {
            let range = prod.facts.bounds(Param::Amount);
            let terms = term_range(prod);
            let fits_amount = range.is_none_or(|(lo, hi)| amount >= lo && amount <= hi);
            let fits_term = terms.is_none_or(|(lo, hi)| months >= lo && months <= hi);
            if !(fits_amount && fits_term) {
                let lends = match range {
                    Some((lo, hi)) if lo.is_zero() => {
                        format!("lends up to {}", crate::money::rs(hi))
                    }
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
            let Some(offer) = PricedOffer::new(inst, prod, amount, months, rounding, &highs) else {
                continue;
            };
            let mut unknown_limits = Vec::new();
            match range {
                None => {
                    unknown_limits.push("its smallest and largest loan are unknown".to_string())
                }
                // A ceiling given as one number: the largest loan.
                Some((lo, _)) if lo.is_zero() => {
                    unknown_limits.push("its smallest loan is unknown".to_string())
                }
                Some(_) => {}
            }
            if terms.is_none() {
                unknown_limits.push("its shortest and longest term are unknown".to_string());
            }
            out.push(WhatIf::Priced {
                offer: Box::new(offer),
                unknown_limits,
            });
        }
    }
    out.sort_by_key(|w| (w.pays_in_all().is_none(), w.pays_in_all()));
    out
}
