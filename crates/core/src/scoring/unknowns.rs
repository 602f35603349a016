//! How sure the recommendation is when the data, not only the weights, may
//! be other than the study assumes: Monte Carlo draws over the unknown
//! facts of the matrix, and which of them to ask about first.
//!
//! What is drawn, for each institution in each draw:
//! - each unknown yes/no the evaluation reads (whether it lends to
//!   home-based workers, to groups, to individuals, for new businesses;
//!   whether it requires a CNIC or refuses past defaulters; life and health
//!   insurance; each extra service; whether its staff come to the village;
//!   whether a product is Islamic financing), as yes with the study's
//!   `unknown_yes` chance (0.5 by default). Unknown age limits and an
//!   unknown product's smallest and largest loan are drawn, with equal
//!   chances, among those the study's other offers state (each member then
//!   passes or fails by her own age and need; the loan stays priced at her
//!   need); when no offer states them, and for an unknown area or purpose,
//!   they are drawn like a yes/no: "admits the members it could not decide"
//!   or "admits none of them";
//! - the position of its unknown prices (charges, premiums, deposit, a
//!   ranged markup) within their range, one uniform number from
//!   0 (every pair at its low end) to 1 (its high end): a pair's APR, cost,
//!   share of her capacity and monthly burden move in proportion between
//!   its two pricings;
//! - an unknown distance, uniform over the access scale.
//!
//! Every drawn value is named by its institution and fact (and the draw's
//! number and the seed): making one fact known leaves every other fact's
//! draws exactly as they were, so what changes is what that fact decides.
//!
//! A fact a member's own answers leave undecided (her age, whether her
//! business is new) is not drawn: the study's `rank_to_verify` decides.
//!
//! Each draw evaluates every member against every offer under the drawn
//! facts and finds the first MFI. For "what to ask first", each unknown
//! fact is set both ways in every draw over the data (only the institution
//! it belongs to changes score): how often the first MFI changes, and who
//! comes first most often when it is yes and when it is no.

use super::draws::Draws;
use super::savings::{co_savings_institution, with_savings};
use super::unknown_facts::{Bits, fact_words};
use super::{numbers::f, result::Evaluation};
use crate::data::criteria::{Criterion, N, Scale, Weights};
use crate::data::matrix::Param;
use crate::data::matrix::{FactsExt, Institution, Matrix, SERVICES};
use crate::data::plans::{Lending, Plans};
use crate::data::settings::Settings;
use crate::eligibility::{self, OfferFacts, Outcome};
use serde::{Deserialize, Serialize};

/// Who comes first in a draw in which no MFI serves any member.
pub const NO_MFI: &str = "no MFI";

/// One unknown fact and how much knowing it would change the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskFirst {
    /// The institution whose fact it is.
    pub mfi: String,
    /// The fact in words ("whether Akhuwat will lend to home-based workers").
    pub fact: String,
    /// "yes/no"; "range" for unknown prices or a distance (then yes is the
    /// low end, no the high end); "choice" for unknown loan sizes or age
    /// limits (yes: the alternative the study states that is best for the
    /// MFI; no: the worst).
    #[serde(deserialize_with = "crate::intern::deserialize")]
    pub kind: crate::intern::Name,
    /// The share of the draws over the data in which the first MFI differs
    /// with the answer.
    pub changes_share: f64,
    /// Who comes first most often if the answer is yes (the low end), among
    /// the draws in which some MFI serves a member; "no MFI" when none does.
    pub if_yes: String,
    /// In what share of the draws.
    pub if_yes_share: f64,
    /// Who comes first most often if the answer is no (the high end).
    pub if_no: String,
    /// In what share of the draws.
    pub if_no_share: f64,
    /// How often the fact's own MFI comes first if the answer is yes (the
    /// low end).
    pub mfi_first_if_yes: f64,
    /// And if it is no (the high end).
    pub mfi_first_if_no: f64,
}

/// The result of the draws over the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataStability {
    /// The draws over the unknown facts, weights as chosen.
    pub data_only: Draws,
    /// The draws over the unknown facts and the weights together.
    pub both: Draws,
    /// The unknown facts that can change the first MFI, most decisive
    /// first (facts that never change it are left out).
    pub ask_first: Vec<AskFirst>,
    /// How many unknown facts the draws vary, and how many of them are the
    /// recommended MFI's.
    pub unknown_facts: usize,
    /// Of them, the recommended MFI's.
    pub recommended_unknown: usize,
    /// The chance an unknown yes/no was drawn as yes.
    pub unknown_yes: f64,
}

/// The most drawn limits per institution (further ones are drawn as yes/no).
const SLOTS: usize = 4;

/// A value that is known, or decided by one drawn yes/no.
#[derive(Debug, Clone, Copy)]
enum Part {
    Fixed(f64),
    Bit(u32),
}

impl Part {
    fn get(self, bits: u64) -> f64 {
        match self {
            Part::Fixed(x) => x,
            Part::Bit(b) => ((bits >> b) & 1) as f64,
        }
    }
}

/// Access: a known distance (or staff who come), or what is drawn.
#[derive(Debug, Clone, Copy)]
struct Access {
    /// Staff come to the village (measure 0), known or drawn.
    staff: Part,
    /// The distance when known; `None`: drawn over the scale.
    km: Option<f64>,
}

/// One institution's unknown facts and the measures they set.
#[derive(Debug, Clone)]
struct InstModel {
    /// Its pairs in [`DataProblem::pairs`].
    start: usize,
    end: usize,
    /// How many yes/no facts it has.
    bits: u32,
    /// Whether its prices are uncertain (a drawn position 0-1).
    cost: bool,
    access: Access,
    life: Part,
    health: Part,
    /// Services known to be offered, and the bits of the unknown ones.
    services_known: u32,
    services_mask: u64,
    /// The bits that move only its access, insurance or services (the same
    /// for every one of its pairs).
    measure_mask: u64,
    /// Per slot of drawn limits: how many alternatives.
    slots: Vec<u32>,
    /// What names its draws: its name, each yes/no fact and each slot, as
    /// hashes ([`key`]). A fact's drawn value depends on the seed, the draw
    /// and these alone, so knowing one fact leaves every other draw as it was.
    id: u64,
    bit_keys: Vec<u64>,
    slot_keys: Vec<u64>,
}

/// A stable 64-bit name of a text (FNV-1a), for drawing by name.
fn key(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// SplitMix64's finaliser: a well-mixed 64 bits of `z`.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The name of one fact of one institution under a seed: what its draws
/// are made of ([`unit_of`]).
fn fact_name(seed: u64, inst: u64, fact: u64) -> u64 {
    mix(mix(seed ^ inst) ^ fact)
}

/// A uniform number in [0, 1) for one named fact in one draw: the same
/// whatever else the study holds.
fn unit_of(name: u64, draw: u32) -> f64 {
    let h = mix(name ^ draw as u64);
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// An institution's names of draws under a seed ([`DataProblem::draw_names`]).
struct DrawNames {
    bits: Vec<u64>,
    slots: Vec<u64>,
    cost: u64,
    distance: u64,
}

/// The names of the draws of an institution's prices and distance, and of
/// the weights (one per criterion, after this).
const COST_KEY: u64 = 0xC057;
const DISTANCE_KEY: u64 = 0xD157;
const WEIGHTS_KEY: u64 = 0x3E16_0000;

/// One member-offer pair as the draws see it.
#[derive(Debug, Clone)]
struct DrawPair {
    member: u32,
    /// The yes/no facts it needs as yes to be open to her.
    needs: u64,
    /// Facts of which it needs one as yes (none when zero): group or
    /// individual lending, for a member who borrows either way.
    needs_any: u64,
    /// The drawn limits it needs to admit her: (slot, the alternatives
    /// that admit her); slot `u8::MAX` when none.
    choices: [(u8, u64); 2],
    /// Her fit: known parts, and the bits of the parts drawn.
    fit_fixed: f64,
    fit_mask: u64,
    /// True cost, cost in rupees and affordability values at the low and
    /// the high end of its prices.
    lo: [f64; 3],
    hi: [f64; 3],
    /// She can afford it while the prices' position is at most this.
    afford_until: f64,
    flexibility: f64,
}

/// One fact for "what to ask first".
#[derive(Debug, Clone)]
enum FactRef {
    Bit { inst: usize, bit: u32 },
    Choice { inst: usize, slot: u8 },
    Cost { inst: usize },
    Distance { inst: usize },
}

/// What the draws over the data need of an evaluation, in a compact layout
/// that can be sent to another thread.
#[derive(Debug, Clone)]
pub struct DataProblem {
    names: Vec<String>,
    target: usize,
    weights: [f64; N],
    scales: [Scale; N],
    needing: usize,
    yes: f64,
    insts: Vec<InstModel>,
    pairs: Vec<DrawPair>,
    facts: Vec<(FactRef, String)>,
}

/// A drawn state of one institution.
#[derive(Debug, Clone, Copy, Default)]
struct State {
    bits: u64,
    /// Per slot of drawn limits, the alternative drawn (one bit set).
    picks: [u64; SLOTS],
    /// The position of its prices (0 low, 1 high) and of its distance.
    cost: f64,
    distance: f64,
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
    let slot_of = |name: &str, slots: &mut Vec<String>| -> Option<u8> {
        if let Some(i) = slots.iter().position(|s| s == name) {
            return Some(i as u8);
        }
        if slots.len() >= SLOTS {
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
        let mut bits = Bits { keys: Vec::new() };
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
                for (r, outcome) in eligibility::check(plan, need, &of, &eligibility::Silent)
                    .iter()
                    .enumerate()
                {
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
        target: rec.institution,
        weights: e.weights,
        scales,
        needing: e.members_needing_loan,
        yes: settings.unknown_yes.clamp(0.0, 1.0),
        insts,
        pairs,
        facts,
    })
}

impl DataProblem {
    /// How many unknown facts are drawn.
    pub fn unknown_facts(&self) -> usize {
        self.facts.len()
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

    /// The names of an institution's draws under `seed`, mixed once for
    /// all draws: its yes/no facts, its slots, its prices and distance.
    fn draw_names(&self, m: &InstModel, seed: u64) -> DrawNames {
        let name = |fact: u64| fact_name(seed, m.id, fact);
        DrawNames {
            bits: m.bit_keys.iter().map(|&k| name(k)).collect(),
            slots: m.slot_keys.iter().map(|&k| name(k)).collect(),
            cost: name(COST_KEY),
            distance: name(DISTANCE_KEY),
        }
    }

    fn draw_state(&self, m: &InstModel, names: &DrawNames, draw: u32) -> State {
        let mut bits = 0u64;
        for (b, &k) in names.bits.iter().enumerate() {
            if unit_of(k, draw) < self.yes {
                bits |= 1 << b;
            }
        }
        let mut picks = [0u64; SLOTS];
        for ((pick, k), &name) in picks.iter_mut().zip(&m.slots).zip(&names.slots) {
            *pick = 1 << ((unit_of(name, draw) * *k as f64) as u32).min(k.saturating_sub(1));
        }
        State {
            bits,
            picks,
            cost: if m.cost {
                unit_of(names.cost, draw)
            } else {
                0.0
            },
            distance: if m.access.km.is_none() {
                unit_of(names.distance, draw)
            } else {
                0.0
            },
        }
    }

    /// The access, insurance and services values of an institution in a state.
    fn inst_values(&self, m: &InstModel, s: State) -> [f64; 3] {
        let access = self.scales[Criterion::Access];
        let km = if m.access.staff.get(s.bits) > 0.0 {
            0.0
        } else {
            match m.access.km {
                Some(km) => km,
                None => access.best + s.distance * (access.worst - access.best),
            }
        };
        let insurance = 0.5 * m.life.get(s.bits) + 0.5 * m.health.get(s.bits);
        let services = (m.services_known + (s.bits & m.services_mask).count_ones()) as f64
            / SERVICES.len() as f64;
        [
            access.value(km),
            self.scales[Criterion::Insurance].value(insurance),
            self.scales[Criterion::Services].value(services),
        ]
    }

    /// An institution's CO score in a state under weights `w`, and how many
    /// members it serves.
    fn score(&self, ii: usize, s: State, lin: &Linear) -> (f64, u32) {
        self.score_with(ii, s, lin, self.inst_values(&self.insts[ii], s))
    }

    /// The parts of every pair's value that depend on the weights alone,
    /// worked out once for `w`.
    fn linear(&self, w: &[f64; N], lin: &mut Linear) {
        let fit_scale = self.scales[Criterion::Fit];
        lin.w = *w;
        lin.fit = std::array::from_fn(|k| w[Criterion::Fit] * fit_scale.value(k as f64 / 3.0));
        lin.pairs.clear();
        lin.pairs.extend(self.pairs.iter().map(|p| {
            let at = |v: &[f64; 3]| {
                w[Criterion::TrueCost] * v[0]
                    + w[Criterion::TotalCost] * v[1]
                    + w[Criterion::Affordability] * v[2]
            };
            let low = at(&p.lo);
            (
                low + w[Criterion::Flexibility] * p.flexibility,
                at(&p.hi) - low,
            )
        }));
    }

    /// [`DataProblem::score`] with the institution's access, insurance and
    /// services values for `s` already worked out.
    fn score_with(&self, ii: usize, s: State, lin: &Linear, values: [f64; 3]) -> (f64, u32) {
        let m = &self.insts[ii];
        let w = &lin.w;
        let [acc, ins, ser] = values;
        let fixed = w[Criterion::Access] * acc
            + w[Criterion::Insurance] * ins
            + w[Criterion::Services] * ser;
        let (mut total, mut served) = (0.0, 0u32);
        let mut member = u32::MAX;
        let mut best = f64::NEG_INFINITY;
        let u = s.cost;
        for (p, &(base, slope)) in self.pairs[m.start..m.end]
            .iter()
            .zip(&lin.pairs[m.start..m.end])
        {
            if p.member != member {
                if best > f64::NEG_INFINITY {
                    total += best;
                    served += 1;
                }
                member = p.member;
                best = f64::NEG_INFINITY;
            }
            if p.needs & !s.bits != 0
                || (p.needs_any != 0 && p.needs_any & s.bits == 0)
                || u > p.afford_until
                || p.choices
                    .iter()
                    .any(|&(slot, mask)| slot != u8::MAX && mask & s.picks[slot as usize] == 0)
            {
                continue;
            }
            // The fit: three yes/no parts, known or drawn.
            let fit = (p.fit_fixed as usize + (p.fit_mask & s.bits).count_ones() as usize).min(3);
            let v = fixed + base + u * slope + lin.fit[fit];
            if v > best {
                best = v;
            }
        }
        if best > f64::NEG_INFINITY {
            total += best;
            served += 1;
        }
        if self.needing == 0 {
            (0.0, served)
        } else {
            (100.0 * total / self.needing as f64, served)
        }
    }
}

/// What every pair's value owes to the weights ([`DataProblem::linear`]):
/// per pair, its value at the low end of its prices (flexibility
/// included) and what the high end adds; the fit's value per count of
/// yes; the weights.
#[derive(Default)]
struct Linear {
    w: [f64; N],
    fit: [f64; 4],
    pairs: Vec<(f64, f64)>,
}

/// Who comes first in the draws over the data (weights as chosen, or drawn
/// as in the weights' draws when `with_weights`), with the facts to ask
/// first when `ask` is set. `None` when `stop` says so.
fn run(
    p: &DataProblem,
    settings: &Settings,
    with_weights: bool,
    ask: bool,
    stop: &dyn Fn() -> bool,
) -> Option<(Vec<u32>, Vec<AskCount>)> {
    let n = p.names.len();
    // The data are drawn alike in both runs (draw by draw); the weights
    // by their own names.
    let seed = settings.seed ^ 0xDA7A_0000;
    let spread = settings.spread.clamp(0.0, 1.0);
    // One more for draws in which no MFI serves anyone.
    let mut firsts = vec![0u32; n + 1];
    let mut counts: Vec<AskCount> = if ask {
        p.facts.iter().map(|_| AskCount::new(n + 1)).collect()
    } else {
        Vec::new()
    };
    // With the weights as chosen, the best an institution can score whatever
    // its unknowns: a fact of an institution that cannot reach the first
    // place even so never changes it. Every yes, the low end of its prices,
    // its office near, and drawn loan sizes and age limits that admit every
    // member: each only opens offers or raises values, and every value is
    // at least 0, so no draw scores more.
    let mut fixed_weights = Linear::default();
    p.linear(&p.weights, &mut fixed_weights);
    let mut drawn_weights = Linear::default();
    let best_case: Vec<f64> = (0..n)
        .map(|i| {
            let m = &p.insts[i];
            let all = State {
                bits: if m.bits >= 64 {
                    u64::MAX
                } else {
                    (1u64 << m.bits) - 1
                },
                picks: [u64::MAX; SLOTS],
                cost: 0.0,
                distance: 0.0,
            };
            p.score(i, all, &fixed_weights).0
        })
        .collect();
    let names: Vec<DrawNames> = p.insts.iter().map(|m| p.draw_names(m, seed)).collect();
    let weight_names: [u64; N] = std::array::from_fn(|i| fact_name(seed, WEIGHTS_KEY, i as u64));
    let mut states = vec![State::default(); n];
    let mut values = vec![[0.0; 3]; n];
    let mut scores = vec![0.0; n];
    let mut served = vec![0u32; n];
    for draw in 0..settings.draws {
        if draw % 64 == 0 && stop() {
            return None;
        }
        for (i, m) in p.insts.iter().enumerate() {
            states[i] = p.draw_state(m, &names[i], draw);
        }
        let lin = if with_weights {
            let raw: [f64; N] = std::array::from_fn(|i| {
                let u = unit_of(weight_names[i], draw);
                p.weights[i] * (1.0 - spread + 2.0 * spread * u)
            });
            p.linear(&super::normalise(raw), &mut drawn_weights);
            &drawn_weights
        } else {
            &fixed_weights
        };
        let w = &lin.w;
        for i in 0..n {
            values[i] = p.inst_values(&p.insts[i], states[i]);
            (scores[i], served[i]) = p.score_with(i, states[i], lin, values[i]);
        }
        // Only an MFI that serves someone can come first; when none does,
        // none is first (index n), not the matrix's first by a tie.
        let (first, second) = top_two(&scores, &served, n);
        firsts[first] += 1;
        if !ask {
            continue;
        }
        for ((fact, _), count) in p.facts.iter().zip(counts.iter_mut()) {
            let i = fact.inst();
            let s = states[i];
            let m = &p.insts[i];
            // Its score and how many it serves with the fact set so.
            let rescore = |st: State| -> (f64, u32) {
                match *fact {
                    // A fact that moves only the institution's own measures
                    // moves each member's best by the same amount.
                    FactRef::Bit { bit, .. } if m.measure_mask >> bit & 1 == 1 => {
                        let a = values[i];
                        let b = p.inst_values(m, st);
                        let d = w[Criterion::Access] * (b[0] - a[0])
                            + w[Criterion::Insurance] * (b[1] - a[1])
                            + w[Criterion::Services] * (b[2] - a[2]);
                        (
                            scores[i] + 100.0 * d * served[i] as f64 / p.needing.max(1) as f64,
                            served[i],
                        )
                    }
                    // A distance moves the access value; the other facts
                    // (eligibility, fit, prices, limits) leave the
                    // institution's values as drawn.
                    FactRef::Distance { .. } => p.score(i, st, lin),
                    _ => p.score_with(i, st, lin, values[i]),
                }
            };
            // Who comes first when this institution scores `si` serving `k`.
            let winner_with = |(si, k): (f64, u32)| -> usize {
                let beats = |j: usize| si > scores[j] + 1e-12 || (si >= scores[j] - 1e-12 && i < j);
                if k == 0 {
                    if i == first {
                        second.unwrap_or(n)
                    } else {
                        first
                    }
                } else if i == first {
                    match second {
                        Some(s2) if !beats(s2) => s2,
                        _ => i,
                    }
                } else if first == n || beats(first) {
                    i
                } else {
                    first
                }
            };
            // Every yes/no, price and distance has a better answer (yes,
            // the low end, near) that only raises its institution's score
            // and a worse one that only lowers it: the first stays first
            // with the better answer and may lose with the worse; another
            // may take over with the better and never with the worse.
            let reachable = with_weights || first == n || best_case[i] + 1e-9 >= scores[first];
            let (w_good, w_bad) = match *fact {
                // An institution that cannot come first whatever its facts
                // changes nothing.
                _ if i != first && !reachable => (first, first),
                FactRef::Choice { slot, .. } => {
                    // Loan sizes and age limits are not ordered: every
                    // alternative the study states, the best and the worst
                    // for the institution taken.
                    let k = m.slots[slot as usize];
                    let outcomes: Vec<(f64, u32)> = (0..k)
                        .map(|a| {
                            let mut picks = s.picks;
                            picks[slot as usize] = 1 << a;
                            rescore(State { picks, ..s })
                        })
                        .collect();
                    let key = |o: &&(f64, u32)| (o.1 > 0, o.0);
                    let cmp = |a: &&(f64, u32), b: &&(f64, u32)| {
                        key(a)
                            .partial_cmp(&key(b))
                            .unwrap_or(std::cmp::Ordering::Equal)
                    };
                    let best = outcomes
                        .iter()
                        .max_by(cmp)
                        .copied()
                        .unwrap_or((scores[i], served[i]));
                    let worst = outcomes
                        .iter()
                        .min_by(cmp)
                        .copied()
                        .unwrap_or((scores[i], served[i]));
                    (winner_with(best), winner_with(worst))
                }
                _ => {
                    let (good_now, good, bad) = match *fact {
                        FactRef::Bit { bit, .. } => (
                            s.bits >> bit & 1 == 1,
                            State {
                                bits: s.bits | 1 << bit,
                                ..s
                            },
                            State {
                                bits: s.bits & !(1 << bit),
                                ..s
                            },
                        ),
                        FactRef::Cost { .. } => {
                            (false, State { cost: 0.0, ..s }, State { cost: 1.0, ..s })
                        }
                        _ => (
                            false,
                            State { distance: 0.0, ..s },
                            State { distance: 1.0, ..s },
                        ),
                    };
                    let continuous = !matches!(fact, FactRef::Bit { .. });
                    if i == first {
                        let lose = continuous || good_now;
                        (
                            first,
                            if lose {
                                winner_with(rescore(bad))
                            } else {
                                first
                            },
                        )
                    } else {
                        let gain = continuous || !good_now;
                        (
                            if gain && reachable {
                                winner_with(rescore(good))
                            } else {
                                first
                            },
                            first,
                        )
                    }
                }
            };
            count.yes[w_good] += 1;
            count.no[w_bad] += 1;
            if w_good != w_bad {
                count.changes += 1;
            }
        }
    }
    Some((firsts, counts))
}

/// The first and second institution among those that serve someone (ties
/// broken as the ranking breaks them: more members served, then the earlier
/// institution; the drawn APRs are not at hand); `n` first when none serves
/// anyone.
fn top_two(scores: &[f64], served: &[u32], n: usize) -> (usize, Option<usize>) {
    let ahead = |i: usize, j: usize| {
        if (scores[i] - scores[j]).abs() > 1e-9 {
            scores[i] > scores[j]
        } else {
            served[i] > served[j]
        }
    };
    let mut first = n;
    let mut second: Option<usize> = None;
    for i in (0..scores.len()).filter(|&i| served[i] > 0) {
        if first == n || ahead(i, first) {
            if first != n {
                second = Some(first);
            }
            first = i;
        } else if second.is_none_or(|s| ahead(i, s)) {
            second = Some(i);
        }
    }
    (first, second)
}

impl FactRef {
    /// The institution the fact belongs to.
    fn inst(&self) -> usize {
        match *self {
            FactRef::Bit { inst, .. }
            | FactRef::Choice { inst, .. }
            | FactRef::Cost { inst }
            | FactRef::Distance { inst } => inst,
        }
    }
}

/// Per fact, the first MFI under each answer, counted over the draws.
#[derive(Debug, Clone)]
struct AskCount {
    yes: Vec<u32>,
    no: Vec<u32>,
    changes: u32,
}

impl AskCount {
    fn new(n: usize) -> Self {
        AskCount {
            yes: vec![0; n],
            no: vec![0; n],
            changes: 0,
        }
    }
}

/// The draws over the data and over data and weights, and what to ask
/// first; `None` when `stop` says so.
pub fn solve_data_unless(
    p: &DataProblem,
    settings: &Settings,
    stop: &dyn Fn() -> bool,
) -> Option<DataStability> {
    let (data, counts) = run(p, settings, false, true, stop)?;
    let (both, _) = run(p, settings, true, false, stop)?;
    let draws = settings.draws.max(1);
    // Who comes first most often with an answer, among the draws in which
    // some MFI serves a member (staff plan their calls by who would win);
    // "no MFI" only when none does in any.
    let most = |v: &[u32]| -> (String, f64) {
        let best = v
            .iter()
            .take(p.names.len())
            .enumerate()
            .filter(|(_, k)| **k > 0)
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((i, k)) => (p.names[i].clone(), *k as f64 / draws as f64),
            None => (
                NO_MFI.to_string(),
                v.get(p.names.len()).copied().unwrap_or(0) as f64 / draws as f64,
            ),
        }
    };
    let mut ask_first: Vec<AskFirst> = p
        .facts
        .iter()
        .zip(&counts)
        .filter(|(_, c)| c.changes > 0)
        .map(|((fact, words), c)| {
            let inst = match fact {
                FactRef::Bit { inst, .. }
                | FactRef::Choice { inst, .. }
                | FactRef::Cost { inst }
                | FactRef::Distance { inst } => *inst,
            };
            let (if_yes, if_yes_share) = most(&c.yes);
            let (if_no, if_no_share) = most(&c.no);
            AskFirst {
                mfi: p.names[inst].clone(),
                fact: words.clone(),
                kind: match fact {
                    FactRef::Bit { .. } => "yes/no",
                    FactRef::Choice { .. } => "choice",
                    _ => "range",
                },
                changes_share: c.changes as f64 / draws as f64,
                if_yes,
                if_yes_share,
                if_no,
                if_no_share,
                mfi_first_if_yes: c.yes[inst] as f64 / draws as f64,
                mfi_first_if_no: c.no[inst] as f64 / draws as f64,
            }
        })
        .collect();
    ask_first.sort_by(|a, b| {
        b.changes_share
            .total_cmp(&a.changes_share)
            .then(a.mfi.cmp(&b.mfi))
            .then(a.fact.cmp(&b.fact))
    });
    Some(DataStability {
        data_only: Draws::of(&p.names, &data, draws),
        both: Draws::of(&p.names, &both, draws),
        ask_first,
        unknown_facts: p.unknown_facts(),
        recommended_unknown: p.recommended_unknown(),
        unknown_yes: p.yes,
    })
}
