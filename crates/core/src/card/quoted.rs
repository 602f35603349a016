//! A card against the quoted terms of a product of the matrix: the card's
//! loan priced under the product's terms (both ends of what the matrix
//! does not know), the difference in rupees and in words.

use super::{CardPrice, LoanCard, What, month_diff};
use crate::data::matrix::{Institution, Matrix, Product};
use crate::money;
use crate::offer::{self, End, Highs};
use crate::pricing::{self, Priced, Rounding};
use rust_decimal::Decimal;

/// The card's loan as the product's quoted terms would price it: the same
/// amount over the card's term in months, disbursed the same day.
#[derive(Debug, Clone)]
pub struct Quoted {
    /// The institution's name.
    pub institution: String,
    /// The product's name.
    pub product: String,
    /// The card's term in whole months (its odd days rounded).
    pub months: u32,
    /// The quoted terms priced, their unknowns at the high end.
    pub high: Priced,
    /// At the low end, when it differs.
    pub low: Option<Priced>,
    /// What was assumed where the matrix is silent.
    pub assumptions: Vec<String>,
    /// When the card's term is outside the product's terms, in words.
    pub outside: Option<String>,
}

impl Quoted {
    /// The low end (the high end when nothing is unknown).
    pub fn low(&self) -> &Priced {
        self.low.as_ref().unwrap_or(&self.high)
    }

    /// What the card costs beyond the quoted terms, in rupees: against
    /// their high end and their low end.
    pub fn difference(&self, card: &CardPrice) -> (Decimal, Decimal) {
        (
            card.total_cost - self.high.total_cost,
            card.total_cost - self.low().total_cost,
        )
    }

    /// The difference in words: "the card costs Rs 1,200 more than the
    /// quoted terms: ask what it is".
    pub fn verdict(&self, card: &CardPrice) -> String {
        let (at_high, at_low) = self.difference(card);
        let rs = |d: Decimal| money::rs(d.abs());
        let range = |a: Decimal, b: Decimal| {
            if money::rs(a.abs()) == money::rs(b.abs()) {
                rs(a)
            } else {
                format!("{} to {}", rs(a), rs(b))
            }
        };
        if at_high >= Decimal::ONE {
            format!(
                "the card costs {} more than the quoted terms: ask what it is",
                range(at_high, at_low)
            )
        } else if at_low <= -Decimal::ONE {
            format!(
                "the card costs {} less than the quoted terms",
                range(at_low, at_high)
            )
        } else if self.low.is_none() {
            "the card costs what the quoted terms do".into()
        } else if at_high > -Decimal::ONE {
            "the card costs what the quoted terms do with what is unknown of them at its most"
                .into()
        } else if at_low < Decimal::ONE {
            "the card costs what the quoted terms do with what is unknown of them at its least"
                .into()
        } else {
            // Between the ends: more than the terms with what the matrix
            // does not know at its least, which may or may not explain it.
            format!(
                "the card costs {} more than the quoted terms with what is unknown of them at its least ({}), {} less than at its most ({}): ask what the {} is, and whether it is one of the terms the study does not know",
                rs(at_low),
                money::rs(self.low().total_cost),
                rs(at_high),
                money::rs(self.high.total_cost),
                rs(at_low)
            )
        }
    }
}

/// The card's term in whole months: from the day it is paid out to its
/// last day, the odd days rounded (15 or more count as a month).
pub fn card_months(card: &LoanCard) -> u32 {
    let (Some(a), Some(b)) = (card.start(), card.end()) else {
        return 1;
    };
    let mut k = month_diff(a, b).max(0) as u32;
    while k > 0 && a.add_months(k) > b {
        k -= 1;
    }
    let rest = a.add_months(k).days_until(b);
    (k + u32::from(rest >= 15)).max(1)
}

/// The product named `name` in the matrix: `MFI / product`, or `MFI` when
/// it has one product (names matched ignoring case); else what there is.
pub fn find_product<'a>(
    matrix: &'a Matrix,
    name: &str,
) -> Result<(&'a Institution, &'a Product), String> {
    let (i, p) = match name.split_once('/') {
        Some((i, p)) => (i.trim(), Some(p.trim())),
        None => (name.trim(), None),
    };
    let all = || {
        matrix
            .institutions
            .iter()
            .flat_map(|i| {
                i.products
                    .iter()
                    .map(move |p| format!("{} / {}", i.name, p.name))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let Some(inst) = matrix
        .institutions
        .iter()
        .find(|x| x.name.eq_ignore_ascii_case(i))
    else {
        return Err(format!(
            "no institution \"{i}\" in the matrix: its products are {}",
            all()
        ));
    };
    match p {
        Some(p) => inst
            .products
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(p))
            .map(|x| (inst, x))
            .ok_or_else(|| {
                format!(
                    "{} has no product \"{p}\": its products are {}",
                    inst.name,
                    inst.products
                        .iter()
                        .map(|x| x.name.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            }),
        None if inst.products.len() == 1 => Ok((inst, &inst.products[0])),
        None => Err(format!(
            "{} has {} products: name one, as in \"{} / {}\"",
            inst.name,
            inst.products.len(),
            inst.name,
            inst.products
                .first()
                .map(|x| x.name.as_str())
                .unwrap_or("Loan")
        )),
    }
}

/// The card's loan under a product's quoted terms (the matrix's `highs`
/// for its unknowns): the same amount paid out, over the card's months
/// (within 1-120), from the same day, at both ends of what is unknown.
pub fn quoted_terms(
    card: &LoanCard,
    inst: &Institution,
    product: &Product,
    highs: &Highs,
    rounding: Rounding,
) -> Result<Quoted, String> {
    let amount = card.total(What::Disbursed);
    let months = card_months(card).clamp(1, pricing::MAX_MONTHS);
    let at = |end: End| -> Result<(Priced, Vec<String>), String> {
        let (mut terms, assumed) = offer::loan_terms(
            inst, product, amount, months, rounding, highs, end,
        )
        .map_err(|e| format!("{} / {} cannot be priced: {}", inst.name, product.name, e.0))?;
        terms.disbursed = card.start();
        let p = pricing::price(&terms)
            .map_err(|e| format!("{} / {} cannot be priced: {e}", inst.name, product.name))?;
        Ok((p, assumed))
    };
    let (high, assumptions) = at(End::High)?;
    let (low, _) = at(End::Low)?;
    let outside = offer::term_range(product)
        .filter(|(lo, hi)| months < *lo || months > *hi)
        .map(|(lo, hi)| {
            format!(
                "the card's term, {months} months, is outside the product's terms ({lo} to {hi} months)"
            )
        });
    Ok(Quoted {
        institution: inst.name.clone(),
        product: product.name.clone(),
        months,
        low: (low.total_cost != high.total_cost || low.received != high.received).then_some(low),
        high,
        assumptions,
        outside,
    })
}
