//! Loans already priced, so that members (and COs) borrowing the same amount
//! over the same term from the same offer are priced once.

use super::measures::OfferView;
use super::months::LoanMonths;
use crate::data::matrix::Matrix;
use crate::offer;
use crate::pricing::{self, Disclosure, Frequency, Rounding};
use rust_decimal::Decimal;
use std::hash::{BuildHasher, BuildHasherDefault};
use std::sync::{Arc, Mutex, OnceLock};

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
    /// What was assumed, shared by every loan of the same product that
    /// assumed the same (most of them).
    assumed: Arc<[String]>,
    /// The same loan with its unknown terms at their low end, or why it
    /// cannot be priced there; priced only when asked
    /// ([`PriceCache::price_both`]): choosing her term reads the high end.
    low: OnceLock<Result<Box<PricedFigures>, String>>,
    /// Whether some term is unknown or ranged, so that the low end differs.
    uncertain: bool,
}

impl PricedFigures {
    /// The loan with its unknown terms at their low end, when it differs
    /// and has been priced (these figures are the high end's).
    pub(super) fn low(&self) -> Option<&PricedFigures> {
        self.low.get().and_then(|l| l.as_deref().ok())
    }

    /// What the pricing assumed, with why the low end has no price when it
    /// has none.
    pub(super) fn assumptions(&self) -> impl Iterator<Item = String> + '_ {
        let unpriced = match self.low.get() {
            Some(Err(why)) => Some(format!(
                "with its unknown terms at their low end the loan cannot be priced ({why}): its figures are the high end's"
            )),
            _ => None,
        };
        self.assumed.iter().cloned().chain(unpriced)
    }
}

/// One loan's figures, or why it cannot be priced.
type Entry = Result<PricedFigures, String>;

/// Loans already priced, by offer, amount and term. Members who borrow the
/// same amount over the same term from the same offer get the same figures,
/// so an evaluation of many members (or a batch of many COs against one
/// matrix) prices each distinct loan once. A cache used with another matrix
/// or rounding forgets what it held. Caches made by [`PriceCache::sharing`]
/// from the same [`SharedPrices`] (one per worker of a batch) price each
/// loan once between them and keep its figures once.
#[derive(Debug, Default)]
pub struct PriceCache {
    matrix: Option<Matrix>,
    rounding: Rounding,
    loans: PricedLoans,
    shared: Option<Arc<SharedPrices>>,
}

/// (institution, product, amount's exact bytes, months).
type Key = (u32, u32, [u8; 16], u32);

/// Key -> figures or why not.
type PricedLoans =
    std::collections::HashMap<Key, Arc<Entry>, std::hash::BuildHasherDefault<KeyHasher>>;

/// Loans priced by any of the caches that share them (the workers of a
/// batch, all against one matrix and rounding): each loan's figures kept
/// once, in shards so that the workers seldom wait for one another; and
/// the lists of assumptions, each kept once.
#[derive(Debug)]
pub struct SharedPrices {
    shards: Vec<Mutex<PricedLoans>>,
    assumed: Mutex<std::collections::HashMap<Vec<String>, Arc<[String]>>>,
}

impl SharedPrices {
    /// Nothing priced yet.
    pub fn new() -> Self {
        SharedPrices {
            shards: (0..16).map(|_| Mutex::default()).collect(),
            assumed: Mutex::default(),
        }
    }
}

impl Default for SharedPrices {
    fn default() -> Self {
        Self::new()
    }
}

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

/// The price caches of a batch's workers, all sharing one [`SharedPrices`]:
/// a worker takes one for a CO (or a few members of a large one) and gives
/// it back, so that what it has looked up is kept from file to file.
#[derive(Debug)]
pub struct CachePool {
    shared: Arc<SharedPrices>,
    matrix: Matrix,
    rounding: Rounding,
    free: Mutex<Vec<PriceCache>>,
}

impl CachePool {
    /// No cache yet, for evaluating against `matrix` with `rounding`.
    pub fn new(matrix: &Matrix, rounding: Rounding) -> Self {
        CachePool {
            shared: Arc::new(SharedPrices::new()),
            matrix: matrix.clone(),
            rounding,
            free: Mutex::new(Vec::new()),
        }
    }

    /// A cache, given back before or new.
    pub fn take(&self) -> PriceCache {
        let given = self.free.lock().ok().and_then(|mut c| c.pop());
        given.unwrap_or_else(|| {
            PriceCache::sharing(self.shared.clone(), &self.matrix, self.rounding)
        })
    }

    /// Gives `cache` back for the next CO or piece (a caller whose work
    /// failed never gets here: a panic skips it, and the half-filled cache
    /// is dropped).
    pub fn give(&self, cache: PriceCache) {
        if let Ok(mut c) = self.free.lock() {
            c.push(cache);
        }
    }
}

impl PriceCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty cache that prices through `shared` (and keeps there what it
    /// prices), for evaluating against `matrix` with `rounding`: a batch's
    /// workers each take one.
    pub fn sharing(shared: Arc<SharedPrices>, matrix: &Matrix, rounding: Rounding) -> Self {
        PriceCache {
            matrix: Some(matrix.clone()),
            rounding,
            loans: PricedLoans::default(),
            shared: Some(shared),
        }
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
    /// filled with (and then prices alone); a cache never grows past a
    /// million loans.
    pub(super) fn prepare(&mut self, matrix: &Matrix, rounding: Rounding) {
        if self.matrix.as_ref() != Some(matrix) || self.rounding != rounding {
            self.matrix = Some(matrix.clone());
            self.rounding = rounding;
            self.loans.clear();
            self.shared = None;
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
    ) -> &Entry {
        self.entry(offer, amount, months, rounding)
    }

    /// The loan's figures at both ends: the low end priced the first time
    /// it is asked for. When the low end has no rate (a free loan whose
    /// savings earn interest pays her back more than she pays), the loan is
    /// still one she can take, priced at its high end, and its assumptions
    /// say why it has no low end.
    pub(super) fn price_both(
        &mut self,
        offer: &OfferView,
        amount: Decimal,
        months: u32,
        rounding: Rounding,
    ) -> &Entry {
        let entry = self.entry(offer, amount, months, rounding);
        if let Ok(figures) = entry
            && figures.uncertain
        {
            figures.low.get_or_init(|| {
                offer::loan_terms(
                    offer.inst,
                    offer.product,
                    amount,
                    months,
                    rounding,
                    &offer.highs,
                    offer::End::Low,
                )
                .map_err(|offer::Unpriceable(why)| why)
                .and_then(|low| price_figures(&low.0, Arc::from([])))
                .map(Box::new)
            });
        }
        entry
    }

    fn entry(
        &mut self,
        offer: &OfferView,
        amount: Decimal,
        months: u32,
        rounding: Rounding,
    ) -> &Entry {
        // The exact representation: 20000 and 20000.00 are priced apart,
        // which costs a little time and never a wrong figure.
        let key: Key = (
            offer.institution as u32,
            offer.product_index as u32,
            amount.serialize(),
            months,
        );
        let shared = &self.shared;
        self.loans.entry(key).or_insert_with(|| match shared {
            None => Arc::new(price_entry(offer, amount, months, rounding, None)),
            Some(shared) => {
                let hash = BuildHasherDefault::<KeyHasher>::default().hash_one(key);
                let shard = &shared.shards[(hash >> 60) as usize % shared.shards.len()];
                // A poisoned shard (a worker panicked) is read as it is:
                // every entry in it was whole when it was put there.
                let mut loans = shard.lock().unwrap_or_else(|e| e.into_inner());
                // The shared loans never grow past a million either.
                if loans.len() > 1_000_000 / shared.shards.len() {
                    loans.clear();
                }
                loans
                    .entry(key)
                    .or_insert_with(|| {
                        Arc::new(price_entry(offer, amount, months, rounding, Some(shared)))
                    })
                    .clone()
            }
        })
    }
}

/// Prices one loan at the high end of its unknown terms (its assumptions
/// kept once in `shared`, when given).
fn price_entry(
    offer: &OfferView,
    amount: Decimal,
    months: u32,
    rounding: Rounding,
    shared: Option<&SharedPrices>,
) -> Entry {
    let (high, assumed) = offer::loan_terms(
        offer.inst,
        offer.product,
        amount,
        months,
        rounding,
        &offer.highs,
        offer::End::High,
    )
    .map_err(|offer::Unpriceable(why)| why)?;
    // A term priced at both ends says so in its assumption.
    let uncertain = !offer::ranged_terms(&assumed).is_empty();
    let assumed: Arc<[String]> = match shared {
        None => assumed.into(),
        Some(shared) => {
            let mut lists = shared.assumed.lock().unwrap_or_else(|e| e.into_inner());
            match lists.get(&assumed) {
                Some(list) => list.clone(),
                None => {
                    let list: Arc<[String]> = assumed.clone().into();
                    lists.insert(assumed, list.clone());
                    list
                }
            }
        }
    };
    let mut figures = price_figures(&high, assumed)?;
    figures.uncertain = uncertain;
    Ok(figures)
}

/// The figures of one loan's terms.
fn price_figures(
    terms: &pricing::LoanTerms,
    assumed: Arc<[String]>,
) -> Result<PricedFigures, String> {
    let p = pricing::price(terms).map_err(|e| e.to_string())?;
    let disclosure = p.disclosure();
    Ok(PricedFigures {
        frequency: terms.frequency,
        apr_percent: p.apr_percent,
        eir_percent: p.eir_percent,
        months: LoanMonths::of(&p),
        disclosure: Arc::new(disclosure),
        assumed,
        low: OnceLock::new(),
        uncertain: false,
    })
}
