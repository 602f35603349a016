//! The draws' problem: what the draws over the data need of an evaluation,
//! built once from it (each institution's unknown facts and the measures
//! they set, each member-offer pair as the draws see it, each fact to ask
//! about), in a compact layout that can be sent to another thread.

use super::facts::{Bits, fact_words};
use crate::data::criteria::{Criterion, N, Scale, Weights};
use crate::data::matrix::Param;
use crate::data::matrix::{FactsExt, Institution, Matrix, SERVICES};
use crate::data::plans::{Lending, Plans};
use crate::data::settings::Settings;
use crate::eligibility::{self, OfferFacts, Outcome};
use crate::scoring::numbers::f;
use crate::scoring::result::Evaluation;
use crate::scoring::savings::{co_savings_institution, with_savings};

/// The most drawn limits per institution (further ones are drawn as yes/no).
pub(super) const SLOTS: usize = 4;

/// A value that is known, or decided by one drawn yes/no.
#[derive(Debug, Clone, Copy)]
pub(super) enum Part {
    Fixed(f64),
    Bit(u32),
}

impl Part {
    pub(super) fn get(self, bits: u64) -> f64 {
        match self {
            Part::Fixed(x) => x,
            Part::Bit(b) => ((bits >> b) & 1) as f64,
        }
    }
}

/// Access: a known distance (or staff who come), or what is drawn.
#[derive(Debug, Clone, Copy)]
pub(super) struct Access {
    /// Staff come to the village (measure 0), known or drawn.
    pub(super) staff: Part,
    /// The distance when known; `None`: drawn over the scale.
    pub(super) km: Option<f64>,
}

/// One institution's unknown facts and the measures they set.
#[derive(Debug, Clone)]
pub(super) struct InstModel {
    /// Its pairs in [`DataProblem::pairs`].
    pub(super) start: usize,
    pub(super) end: usize,
    /// How many yes/no facts it has.
    pub(super) bits: u32,
    /// Whether its prices are uncertain (a drawn position 0-1).
    pub(super) cost: bool,
    pub(super) access: Access,
    pub(super) life: Part,
    pub(super) health: Part,
    /// Services known to be offered, and the bits of the unknown ones.
    pub(super) services_known: u32,
    pub(super) services_mask: u64,
    /// The bits that move only its access, insurance or services (the same
    /// for every one of its pairs).
    pub(super) measure_mask: u64,
    /// Per slot of drawn limits: how many alternatives.
    pub(super) slots: Vec<u32>,
    /// What names its draws: its name, each yes/no fact and each slot, as
    /// hashes ([`key`]). A fact's drawn value depends on the seed, the draw
    /// and these alone, so knowing one fact leaves every other draw as it was.
    pub(super) id: u64,
    pub(super) bit_keys: Vec<u64>,
    pub(super) slot_keys: Vec<u64>,
}

/// A stable 64-bit name of a text (FNV-1a), for drawing by name.
fn key(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One member-offer pair as the draws see it.
#[derive(Debug, Clone)]
pub(super) struct DrawPair {
    pub(super) member: u32,
    /// The yes/no facts it needs as yes to be open to her.
    pub(super) needs: u64,
    /// Facts of which it needs one as yes (none when zero): group or
    /// individual lending, for a member who borrows either way.
    pub(super) needs_any: u64,
    /// The drawn limits it needs to admit her: (slot, the alternatives
    /// that admit her); slot `u8::MAX` when none.
    pub(super) choices: [(u8, u64); 2],
    /// Her fit: known parts, and the bits of the parts drawn.
    pub(super) fit_fixed: f64,
    pub(super) fit_mask: u64,
    /// True cost, cost in rupees and affordability values at the low and
    /// the high end of its prices.
    pub(super) lo: [f64; 3],
    pub(super) hi: [f64; 3],
    /// She can afford it while the prices' position is at most this.
    pub(super) afford_until: f64,
    pub(super) flexibility: f64,
}

/// One fact for "what to ask first".
#[derive(Debug, Clone)]
pub(super) enum FactRef {
    Bit { inst: usize, bit: u32 },
    Choice { inst: usize, slot: u8 },
    Cost { inst: usize },
    Distance { inst: usize },
}

/// What the draws over the data need of an evaluation, in a compact layout
/// that can be sent to another thread.
#[derive(Debug, Clone)]
pub struct DataProblem {
    pub(super) names: Vec<String>,
    pub(super) target: usize,
    pub(super) weights: [f64; N],
    pub(super) scales: [Scale; N],
    pub(super) needing: usize,
    pub(super) yes: f64,
    pub(super) insts: Vec<InstModel>,
    pub(super) pairs: Vec<DrawPair>,
    pub(super) facts: Vec<(FactRef, String)>,
    /// Whether a fact was left out for want of a slot or a bit.
    pub(super) capped: bool,
}

/// The draws' problem of an evaluation of `matrix` and `plans` (evaluated
/// with `weights` and `settings`); `None` when nothing is recommended.
pub fn data_problem(
    e: &Evaluation,
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
) -> Option<DataProblem> {
    let rec = e.recommended()?;
    data_problem_at(e, matrix, plans, weights, settings, rec.institution)
}

/// [`data_problem`] with `target` as the institution whose first place is
/// drawn for (the batch's fold of a large CO reads only the facts of each
/// few members' problem, before any institution is first).
pub(crate) fn data_problem_at(
    e: &Evaluation,
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
    target: usize,
) -> Option<DataProblem> {
    let savings = settings.co_savings.as_ref().map(co_savings_institution);
    let institutions: Vec<&Institution> = with_savings(matrix, savings.as_ref());
    let pool = savings.as_ref().map(|_| institutions.len() - 1);
    let offers: Vec<(usize, usize)> = institutions
        .iter()
        .enumerate()
        .flat_map(|(ii, inst)| (0..inst.products.len()).map(move |pi| (ii, pi)))
        .collect();
    if offers.is_empty()
        || e.pairs.len() != offers.len() * plans.members.len()
        || institutions.len() != e.institutions.len()
    {
        return None;
    }
    let scales = weights.scales;
    // The limits the study's offers state, as the alternatives an unknown
    // one is drawn among (at most 64 of each).
    let mut age_alts = Vec::new();
    let mut amount_alts = Vec::new();
    for inst in &institutions {
        if let Some(b) = inst.facts.bounds(Param::AgeLimit)
            && !age_alts.contains(&b)
        {
            age_alts.push(b);
        }
        for product in &inst.products {
            if let Some(b) = product.facts.bounds(Param::Amount)
                && !amount_alts.contains(&b)
            {
                amount_alts.push(b);
            }
        }
    }
    age_alts.truncate(64);
    amount_alts.truncate(64);
    // Whether a fact was left out of the draws for want of a slot or a bit:
    // which ones depends on the order the members meet them.
    let capped = std::cell::Cell::new(false);
    let slot_of = |name: &str, slots: &mut Vec<String>| -> Option<u8> {
        if let Some(i) = slots.iter().position(|s| s == name) {
            return Some(i as u8);
        }
        if slots.len() >= SLOTS {
            capped.set(true);
            return None;
        }
        slots.push(name.to_string());
        Some(slots.len() as u8 - 1)
    };
    let mut insts = Vec::with_capacity(institutions.len());
    let mut pairs = Vec::new();
    let mut facts = Vec::new();
    for (ii, inst) in institutions.iter().enumerate() {
        let name = &e.institutions[ii];
        let i = &inst.facts;
        let mut bits = Bits {
            keys: Vec::new(),
            refused: false,
        };
        let flag_part = |key: Param, known: Option<bool>, bits: &mut Bits| match known {
            Some(v) => Part::Fixed(v as u8 as f64),
            None => bits
                .of(key, "", || fact_words(key, name, ""))
                .map_or(Part::Fixed(0.0), Part::Bit),
        };
        let staff = flag_part(
            Param::StaffVisitVillage,
            i.flag(Param::StaffVisitVillage),
            &mut bits,
        );
        let km = i.number(Param::DistanceKm).map(f);
        // A printed premium says the insurance is there (as the evaluation
        // counts it): not drawn.
        let printed = |key: Param| {
            inst.products
                .iter()
                .any(|p| crate::offer::printed(inst, p, key))
        };
        let life = match i.choice(Param::LifeInsurance) {
            Some(c) => Part::Fixed((c != "none") as u8 as f64),
            None if printed(Param::LifeInsurancePremium) => Part::Fixed(1.0),
            None => flag_part(Param::LifeInsurance, None, &mut bits),
        };
        let health = match i.flag(Param::HealthInsurance) {
            None if printed(Param::HealthInsuranceCharges) => Part::Fixed(1.0),
            known => flag_part(Param::HealthInsurance, known, &mut bits),
        };
        let mut services_known = 0;
        let mut services_mask = 0u64;
        for key in SERVICES {
            match flag_part(key, i.flag(key), &mut bits) {
                Part::Fixed(x) => services_known += x as u32,
                Part::Bit(b) => services_mask |= 1 << b,
            }
        }
        let measure_mask = (0..bits.keys.len() as u32).fold(0u64, |m, b| m | 1 << b);
        // The drawn limits of this institution: slot names ("" for its age
        // limits, a product's name for its loan sizes).
        let mut slots: Vec<String> = Vec::new();
        let alternatives = |key: Param| -> &[(rust_decimal::Decimal, rust_decimal::Decimal)] {
            if key == Param::Amount {
                &amount_alts
            } else {
                &age_alts
            }
        };
        let start = pairs.len();
        let mut cost = false;
        let mut cost_terms: Vec<String> = Vec::new();
        for (oi, &(oii, pi)) in offers.iter().enumerate() {
            if oii != ii {
                continue;
            }
            let product = &inst.products[pi];
            let of = OfferFacts::of(inst, product);
            for (m, plan) in plans.members.iter().enumerate() {
                let k = m * offers.len() + oi;
                let p = &e.pairs[k];
                let Some(l) = &p.loan else { continue };
                if p.failed_rules > 0 {
                    continue;
                }
                if Some(ii) == pool && !e.served_options.options[ii][m].contains(&k) {
                    continue;
                }
                let need = plan.loan_needed();
                let mut needs = 0u64;
                let mut needs_any = 0u64;
                let mut choices = [(u8::MAX, 0u64); 2];
                let mut open = true;
                // A pair with no unknown rule (and none failed) passes
                // every rule: nothing to draw of them.
                let outcomes = (p.unknown_rules > 0)
                    .then(|| eligibility::check(plan, need, &of, &eligibility::Silent));
                for (r, outcome) in outcomes.iter().flatten().enumerate() {
                    match outcome {
                        Outcome::Pass => {}
                        Outcome::Fail(()) => open = false,
                        Outcome::Unknown(()) => match eligibility::offer_fact_of(r, plan, &of) {
                            Some(key @ (Param::Amount | Param::AgeLimit))
                                if !alternatives(key).is_empty()
                                    && (key == Param::AgeLimit
                                        || slot_of(&product.name, &mut slots).is_some())
                                    && (key == Param::Amount
                                        || slot_of("", &mut slots).is_some()) =>
                            {
                                let alts = alternatives(key);
                                let at = if key == Param::Amount {
                                    product.name.as_str()
                                } else {
                                    ""
                                };
                                let slot = slot_of(at, &mut slots).unwrap_or(0);
                                let mut mask = 0u64;
                                for (a, (lo, hi)) in alts.iter().enumerate() {
                                    let admits = match key {
                                        Param::Amount => need >= *lo && need <= *hi,
                                        _ => plan.age.is_none_or(|age| {
                                            let age = rust_decimal::Decimal::from(age);
                                            age >= *lo && age <= *hi
                                        }),
                                    };
                                    if admits {
                                        mask |= 1 << a;
                                    }
                                }
                                let c = if key == Param::Amount { 0 } else { 1 };
                                choices[c] = (slot, mask);
                            }
                            // She borrows either way and neither is known:
                            // open if either is drawn as yes.
                            Some(Param::GroupLending)
                                if plan.lending == Lending::Either
                                    && of.individual_lending.is_none() =>
                            {
                                for key in [Param::GroupLending, Param::IndividualLending] {
                                    match bits.of(key, "", || fact_words(key, name, "")) {
                                        Some(b) => needs_any |= 1 << b,
                                        None => open &= settings.rank_to_verify,
                                    }
                                }
                            }
                            Some(key) => {
                                let at = if matches!(
                                    key,
                                    Param::Amount | Param::Islamic | Param::Purpose
                                ) {
                                    product.name.as_str()
                                } else {
                                    ""
                                };
                                // Beyond 64 facts, one stays unknown: the
                                // study's setting decides, as for hers.
                                match bits.of(key, at, || fact_words(key, name, &product.name)) {
                                    Some(b) => needs |= 1 << b,
                                    None => open &= settings.rank_to_verify,
                                }
                            }
                            None => open &= settings.rank_to_verify,
                        },
                    }
                }
                if !open {
                    continue;
                }
                let limit = l.monthly_burden + l.margin;
                let b = l.burden_ends();
                let afford_until = if b.high <= limit {
                    1.0
                } else if b.low > limit {
                    continue;
                } else {
                    f(limit - b.low) / f(b.high - b.low)
                };
                // Her fit, as the evaluation counts it, with unknowns drawn.
                let mut fit_fixed = 0.0;
                let mut fit_mask = 0u64;
                let mut part =
                    |known: Option<bool>, key: Param, at: &str, bits: &mut Bits| match known {
                        Some(v) => fit_fixed += v as u8 as f64,
                        None => {
                            if let Some(b) =
                                bits.of(key, at, || fact_words(key, name, &product.name))
                            {
                                fit_mask |= 1 << b;
                            }
                        }
                    };
                let islamic = match plan.wants_islamic {
                    Some(true) => of.islamic,
                    _ => Some(true),
                };
                let group = match plan.lending {
                    Lending::Individual => Some(true),
                    _ => of.group_lending,
                };
                let new_business = match plan.new_business {
                    Some(false) => Some(true),
                    _ => of.new_business_loans,
                };
                part(islamic, Param::Islamic, &product.name, &mut bits);
                part(group, Param::GroupLending, "", &mut bits);
                part(new_business, Param::NewBusinessLoans, "", &mut bits);
                let capacity = f(e.members[m].capacity);
                let lo_apr = l.apr_ends().low;
                let lo_cost = f(l.total_cost_ends().low);
                let lo_aff = if capacity > 0.0 {
                    100.0 * f(b.low) / capacity
                } else {
                    f64::INFINITY
                };
                if l.uncertain() {
                    cost = true;
                    for term in crate::offer::ranged_terms(&p.assumptions) {
                        if !cost_terms.contains(&term) {
                            cost_terms.push(term);
                        }
                    }
                }
                pairs.push(DrawPair {
                    member: m as u32,
                    needs,
                    needs_any,
                    choices,
                    fit_fixed,
                    fit_mask,
                    lo: [
                        scales[Criterion::TrueCost].value(lo_apr),
                        scales[Criterion::TotalCost].value(lo_cost),
                        scales[Criterion::Affordability].value(lo_aff),
                    ],
                    hi: [
                        p.values[Criterion::TrueCost],
                        p.values[Criterion::TotalCost],
                        p.values[Criterion::Affordability],
                    ],
                    afford_until,
                    flexibility: p.values[Criterion::Flexibility],
                });
            }
        }
        // Pairs of one member together, so that her best is found in one pass.
        pairs[start..].sort_by_key(|p| p.member);
        let end = pairs.len();
        for (b, (_, words)) in bits.keys.iter().enumerate() {
            facts.push((
                FactRef::Bit {
                    inst: ii,
                    bit: b as u32,
                },
                words.clone(),
            ));
        }
        let mut slot_models = Vec::new();
        for (slot, at) in slots.iter().enumerate() {
            let k = if at.is_empty() {
                age_alts.len()
            } else {
                amount_alts.len()
            };
            slot_models.push(k as u32);
            facts.push((
                FactRef::Choice {
                    inst: ii,
                    slot: slot as u8,
                },
                if at.is_empty() {
                    format!("{name}'s age limits")
                } else {
                    format!("the smallest and largest loan of {name}'s {at}")
                },
            ));
        }
        if cost {
            facts.push((
                FactRef::Cost { inst: ii },
                if cost_terms.is_empty() {
                    format!("{name}'s unknown prices")
                } else {
                    format!("{name}'s unknown {}", cost_terms.join(", "))
                },
            ));
        }
        let distance_unknown = km.is_none() && !matches!(staff, Part::Fixed(x) if x > 0.0);
        if distance_unknown {
            facts.push((
                FactRef::Distance { inst: ii },
                format!("how far {name}'s office is"),
            ));
        }
        if bits.refused {
            capped.set(true);
        }
        insts.push(InstModel {
            id: key(name),
            bit_keys: bits
                .keys
                .iter()
                .map(|((k, p), _)| key(&format!("{p}\u{1f}{k}")))
                .collect(),
            slot_keys: slots
                .iter()
                .map(|s| key(&format!("slot\u{1f}{s}")))
                .collect(),
            start,
            end,
            bits: bits.keys.len() as u32,
            cost,
            access: Access { staff, km },
            life,
            health,
            services_known,
            services_mask,
            measure_mask,
            slots: slot_models,
        });
    }
    Some(DataProblem {
        names: e.institutions.clone(),
        target,
        weights: e.weights,
        scales,
        needing: e.members_needing_loan,
        yes: settings.unknown_yes.clamp(0.0, 1.0),
        insts,
        pairs,
        facts,
        capped: capped.get(),
    })
}

impl DataProblem {
    /// Whether an unknown fact was left out of the draws (beyond an
    /// institution's four drawn limits or 64 yes/no facts).
    pub(crate) fn capped(&self) -> bool {
        self.capped
    }

    /// How many unknown facts are drawn.
    pub fn unknown_facts(&self) -> usize {
        self.facts.len()
    }

    /// Each unknown fact as the institution it belongs to and what tells it
    /// apart from the others of that institution whoever the members are
    /// (its words; "cost" for its unknown prices, whose words list the
    /// terms in the order they were met): the problems of a CO's members
    /// taken a few at a time have, between them, the facts of the whole.
    ///
    /// Not so when a fact was left out for want of a slot or a bit
    /// ([`DataProblem::capped`]): which were left out depends on the members.
    pub(crate) fn fact_ids(&self) -> impl Iterator<Item = (usize, &str)> {
        self.facts.iter().map(|(r, words)| match r {
            FactRef::Cost { inst } => (*inst, "\u{0}cost"),
            _ => (r.inst(), words.as_str()),
        })
    }

    /// The recommended MFI's unknown facts.
    pub fn recommended_unknown(&self) -> usize {
        self.facts
            .iter()
            .filter(|(r, _)| match r {
                FactRef::Bit { inst, .. }
                | FactRef::Choice { inst, .. }
                | FactRef::Cost { inst }
                | FactRef::Distance { inst } => *inst == self.target,
            })
            .count()
    }
}

impl FactRef {
    /// The institution the fact belongs to.
    pub(super) fn inst(&self) -> usize {
        match *self {
            FactRef::Bit { inst, .. }
            | FactRef::Choice { inst, .. }
            | FactRef::Cost { inst }
            | FactRef::Distance { inst } => inst,
        }
    }
}
