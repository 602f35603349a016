//! Loans already priced, so that members (and COs) borrowing the same amount
//! over the same term from the same offer are priced once.

use super::measures::OfferView;
use super::months::LoanMonths;
use crate::data::matrix::Matrix;
use crate::offer;
use crate::pricing::{self, Disclosure, Frequency, Rounding};
use rust_decimal::Decimal;
use std::sync::Arc;

/// What pricing tells the scoring about one loan, kept by [`PriceCache`].
#[derive(Debug, Clone)]
pub(super) struct PricedFigures {
    pub(super) frequency: Frequency,
    pub(super) apr_percent: f64,
    pub(super) eir_percent: f64,
    /// What it takes in each month after the disbursement, for judging it
    /// against her months.
    pub(super) months: LoanMonths,
    /// The key facts, shared by every member who takes this same loan.
    pub(super) disclosure: Arc<Disclosure>,
    pub(super) assumptions: Vec<String>,
    /// The same loan with its unknown terms at their low end, when that
    /// differs (these figures are the high end's); priced only when asked
    /// ([`PriceCache::price_both`]): choosing her term reads the high end.
    pub(super) low: Option<Box<PricedFigures>>,
    /// Whether some term is unknown or ranged, so that the low end differs.
    pub(super) uncertain: bool,
}

/// Loans already priced, by offer, amount and term. Members who borrow the
/// same amount over the same term from the same offer get the same figures,
/// so an evaluation of many members (or a batch of many COs against one
/// matrix) prices each distinct loan once. A cache used with another matrix
/// or rounding forgets what it held.
#[derive(Debug, Default)]
pub struct PriceCache {
    matrix: Option<Matrix>,
    rounding: Rounding,
    loans: PricedLoans,
}

/// (institution, product, amount's exact bytes, months) -> figures or why not.
type PricedLoans = std::collections::HashMap<
    (u32, u32, [u8; 16], u32),
    Result<PricedFigures, String>,
    std::hash::BuildHasherDefault<KeyHasher>,
>;

/// A fast hasher for the cache's small keys (the multiply-rotate scheme of
/// rustc's FxHasher); the keys come from our own matrix, not from an attacker.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(x as u64);
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

impl PriceCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many distinct loans it holds.
    pub fn len(&self) -> usize {
        self.loans.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.loans.is_empty()
    }

    /// Forgets everything unless the matrix and rounding are those it was
    /// filled with; a cache never grows past a million loans.
    pub(super) fn prepare(&mut self, matrix: &Matrix, rounding: Rounding) {
        if self.matrix.as_ref() != Some(matrix) || self.rounding != rounding {
            self.matrix = Some(matrix.clone());
            self.rounding = rounding;
            self.loans.clear();
        }
        if self.loans.len() > 1_000_000 {
            self.loans.clear();
        }
    }

    /// The loan's figures at the high end of its unknown terms (what the
    /// ranking, affordability and the choice of her term read).
    pub(super) fn price(
        &mut self,
        offer: &OfferView,
        amount: Decimal,
        months: u32,
        rounding: Rounding,
    ) -> &Result<PricedFigures, String> {
        self.entry(offer, amount, months, rounding)
    }

    /// The loan's figures at both ends: the low end priced the first time
    /// it is asked for.
    pub(super) fn price_both(
        &mut self,
        offer: &OfferView,
        amount: Decimal,
        months: u32,
        rounding: Rounding,
    ) -> &Result<PricedFigures, String> {
        let entry = self.entry(offer, amount, months, rounding);
        if let Ok(figures) = entry
            && figures.uncertain
            && figures.low.is_none()
        {
            let low = offer::loan_terms(
                offer.inst,
                offer.product,
                amount,
                months,
                rounding,
                &offer.highs,
                offer::End::Low,
            )
            .map_err(|offer::Unpriceable(why)| why)
            .and_then(|low| price_figures(&low.0, Vec::new()));
            match low {
                Ok(low) => figures.low = Some(Box::new(low)),
                // The low end has no rate (a free loan whose savings earn
                // interest pays her back more than she pays): the loan is
                // still one she can take, priced at its high end, and says
                // why it has no low end.
                Err(why) => {
                    figures.uncertain = false;
                    figures.assumptions.push(format!(
                        "with its unknown terms at their low end the loan cannot be priced ({why}): its figures are the high end's"
                    ));
                }
            }
        }
        entry
    }

    fn entry(
        &mut self,
        offer: &OfferView,
        amount: Decimal,
        months: u32,
        rounding: Rounding,
    ) -> &mut Result<PricedFigures, String> {
        let highs = &offer.highs;
        self.loans
            // The exact representation: 20000 and 20000.00 are priced apart,
            // which costs a little time and never a wrong figure.
            .entry((
                offer.institution as u32,
                offer.product_index as u32,
                amount.serialize(),
                months,
            ))
            .or_insert_with(|| {
                let (high, assumed) = offer::loan_terms(
                    offer.inst,
                    offer.product,
                    amount,
                    months,
                    rounding,
                    highs,
                    offer::End::High,
                )
                .map_err(|offer::Unpriceable(why)| why)?;
                // A term priced at both ends says so in its assumption.
                let uncertain = !offer::ranged_terms(&assumed).is_empty();
                let mut figures = price_figures(&high, assumed)?;
                figures.uncertain = uncertain;
                Ok(figures)
            })
    }
}

/// The figures of one loan's terms.
fn price_figures(
    terms: &pricing::LoanTerms,
    assumed: Vec<String>,
) -> Result<PricedFigures, String> {
    let p = pricing::price(terms).map_err(|e| e.to_string())?;
    let disclosure = p.disclosure();
    Ok(PricedFigures {
        frequency: terms.frequency,
        apr_percent: p.apr_percent,
        eir_percent: p.eir_percent,
        months: LoanMonths::of(&p),
        disclosure: Arc::new(disclosure),
        assumptions: assumed,
        low: None,
        uncertain: false,
    })
}
