//! One draw: each institution's unknown facts drawn by their names (so that
//! making one fact known leaves every other draw as it was), and its values
//! and CO score in the state drawn.

use super::problem::{DataProblem, InstModel, SLOTS};
use crate::data::criteria::{Criterion, N};
use crate::data::matrix::SERVICES;

/// SplitMix64's finaliser: a well-mixed 64 bits of `z`.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The name of one fact of one institution under a seed: what its draws
/// are made of ([`unit_of`]).
pub(super) fn fact_name(seed: u64, inst: u64, fact: u64) -> u64 {
    mix(mix(seed ^ inst) ^ fact)
}

/// A uniform number in [0, 1) for one named fact in one draw: the same
/// whatever else the study holds.
pub(super) fn unit_of(name: u64, draw: u32) -> f64 {
    let h = mix(name ^ draw as u64);
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// An institution's names of draws under a seed ([`DataProblem::draw_names`]).
pub(super) struct DrawNames {
    bits: Vec<u64>,
    slots: Vec<u64>,
    cost: u64,
    distance: u64,
}

/// The names of the draws of an institution's prices and distance, and of
/// the weights (one per criterion, after this).
const COST_KEY: u64 = 0xC057;
const DISTANCE_KEY: u64 = 0xD157;
pub(super) const WEIGHTS_KEY: u64 = 0x3E16_0000;

/// A drawn state of one institution.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct State {
    pub(super) bits: u64,
    /// Per slot of drawn limits, the alternative drawn (one bit set).
    pub(super) picks: [u64; SLOTS],
    /// The position of its prices (0 low, 1 high) and of its distance.
    pub(super) cost: f64,
    pub(super) distance: f64,
}

impl DataProblem {
    /// The names of an institution's draws under `seed`, mixed once for
    /// all draws: its yes/no facts, its slots, its prices and distance.
    pub(super) fn draw_names(&self, m: &InstModel, seed: u64) -> DrawNames {
        let name = |fact: u64| fact_name(seed, m.id, fact);
        DrawNames {
            bits: m.bit_keys.iter().map(|&k| name(k)).collect(),
            slots: m.slot_keys.iter().map(|&k| name(k)).collect(),
            cost: name(COST_KEY),
            distance: name(DISTANCE_KEY),
        }
    }

    pub(super) fn draw_state(&self, m: &InstModel, names: &DrawNames, draw: u32) -> State {
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
    pub(super) fn inst_values(&self, m: &InstModel, s: State) -> [f64; 3] {
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
    pub(super) fn score(&self, ii: usize, s: State, lin: &Linear) -> (f64, u32) {
        self.score_with(ii, s, lin, self.inst_values(&self.insts[ii], s))
    }

    /// The parts of every pair's value that depend on the weights alone,
    /// worked out once for `w`.
    pub(super) fn linear(&self, w: &[f64; N], lin: &mut Linear) {
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
    pub(super) fn score_with(
        &self,
        ii: usize,
        s: State,
        lin: &Linear,
        values: [f64; 3],
    ) -> (f64, u32) {
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
pub(super) struct Linear {
    pub(super) w: [f64; N],
    pub(super) fit: [f64; 4],
    pub(super) pairs: Vec<(f64, f64)>,
}
