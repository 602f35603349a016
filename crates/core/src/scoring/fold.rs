//! What a CO's line of the `batch` summary needs, from its whole evaluation
//! or from its members a hundred or so at a time.
//!
//! An evaluation keeps every member-offer pair (the app and the report read
//! them), so its memory grows with members times offers: 100,000 members
//! against 200 offers are 20 million pairs, some 14 GB. The summary needs
//! far less: each MFI's result (sums over the members), the members served,
//! the draws' problem over the weights (each member's best offers of each
//! MFI, a few numbers each) and how many facts are unknown. [`fold`] makes
//! those of [`MEMBERS_AT_A_TIME`] members at a time, adds them to what came before
//! and forgets the pairs; every figure is the one the whole evaluation
//! gives (the same sums in the same order), which a test checks; where an
//! unknown fact is left out of the draws for want of a slot or a bit, the
//! unknown facts are counted on the whole CO.

use super::cache::CachePool;
use super::evaluation::{Detail, evaluate_cached};
use super::ranking::{MfiTally, sort_ranking};
use super::result::{self, Evaluation, MfiResult};
use super::stability::{self, ProblemParts};
use super::unknowns;
use crate::data::criteria::Weights;
use crate::data::matrix::Matrix;
use crate::data::plans::Plans;
use crate::data::settings::Settings;
use rayon::prelude::*;
use std::collections::HashSet;

/// The members [`fold`] evaluates at a time, on each core.
pub const MEMBERS_AT_A_TIME: usize = 128;

/// A CO's figures for its summary line.
#[derive(Debug, Clone, PartialEq)]
pub struct CoFigures {
    /// Each MFI's result for the CO, best CO score first (when folded, no
    /// MFI's `served` is kept: it would index pairs that are gone).
    pub ranking: Vec<MfiResult>,
    /// Members who need a loan.
    pub needing: usize,
    /// Members with an affordable offer from any MFI.
    pub served_by_any: usize,
    /// Per institution (its index), the members it serves only if what is
    /// unknown of the offer is confirmed.
    pub only_if_confirmed: Vec<usize>,
    /// How often each MFI comes first in the draws over the weights (when
    /// one is recommended), most often first.
    pub first_shares: Option<Vec<(String, f64)>>,
    /// How many unknown facts the draws over the data would draw (0 when
    /// not counted, or nothing is recommended).
    pub unknown_facts: usize,
}

impl CoFigures {
    /// The figures of a whole evaluation `e` of `plans`; the unknown facts
    /// counted only when `count_unknown` (building their problem costs).
    pub fn of(
        e: &Evaluation,
        matrix: &Matrix,
        plans: &Plans,
        weights: &Weights,
        settings: &Settings,
        count_unknown: bool,
    ) -> CoFigures {
        let served_by_any = (0..e.members.len())
            .filter(|&m| e.best_affordable(m).is_some())
            .count();
        let mut only_if_confirmed = vec![0; e.institutions.len()];
        for r in &e.ranking {
            if let Some(n) = only_if_confirmed.get_mut(r.institution) {
                *n = super::served_only_if_confirmed(e, r);
            }
        }
        let unknown_facts = match count_unknown {
            true => unknowns::data_problem(e, matrix, plans, weights, settings)
                .map_or(0, |d| d.unknown_facts()),
            false => 0,
        };
        CoFigures {
            ranking: e.ranking.clone(),
            needing: e.members_needing_loan,
            served_by_any,
            only_if_confirmed,
            first_shares: stability::problem(e).map(|p| stability::first_shares(&p, settings)),
            unknown_facts,
        }
    }

    /// The MFI first by CO score, when it serves anyone.
    pub fn recommended(&self) -> Option<&MfiResult> {
        result::recommended(&self.ranking)
    }

    /// The second by CO score, when the first serves anyone.
    pub fn runner_up(&self) -> Option<&MfiResult> {
        result::runner_up(&self.ranking)
    }
}

/// The figures of `plans` (with the unknown facts counted), evaluated
/// `at_a_time` members at a time on all cores, pricing through the caches
/// of `caches`, and forgetting each few members' pairs once added: the
/// memory needed grows with the members (a few numbers per member and MFI),
/// not with the members times the offers. A study with CO savings (whose
/// pool goes to the smallest loans of the whole CO first) is evaluated whole.
pub fn fold(
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
    caches: &CachePool,
    at_a_time: usize,
) -> CoFigures {
    // The CO evaluated whole, where the pieces cannot tell.
    let whole = || {
        let mut cache = caches.take();
        let e = evaluate_cached(
            matrix,
            plans,
            weights,
            settings,
            &mut cache,
            Detail::Figures,
        );
        caches.give(cache);
        e
    };
    if settings.co_savings.is_some() {
        return CoFigures::of(&whole(), matrix, plans, weights, settings, true);
    }
    let mut sum = Sum::new(matrix, weights);
    let pieces: Vec<&[_]> = plans.members.chunks(at_a_time.max(1)).collect();
    // A few pieces in flight per core, added in the members' order.
    let in_flight = 4 * rayon::current_num_threads().max(1);
    for group in pieces.chunks(in_flight) {
        let done: Vec<(Evaluation, Facts)> = group
            .par_iter()
            .map(|members| {
                let piece = Plans {
                    members: members.to_vec(),
                };
                let mut cache = caches.take();
                let e = evaluate_cached(
                    matrix,
                    &piece,
                    weights,
                    settings,
                    &mut cache,
                    Detail::Figures,
                );
                caches.give(cache);
                let facts = unknowns::data_problem_at(&e, matrix, &piece, weights, settings, 0)
                    .map(|d| Facts {
                        ids: d
                            .fact_ids()
                            .map(|(inst, id)| (inst, id.to_string()))
                            .collect(),
                        capped: d.capped(),
                    })
                    .unwrap_or_default();
                (e, facts)
            })
            .collect();
        for (e, facts) in done {
            sum.add(&e, facts);
        }
    }
    let capped = sum.capped;
    let mut figures = sum.finish(settings);
    if capped && figures.recommended().is_some() {
        // A fact left out of the draws for want of a slot or a bit is not
        // the same whichever members meet it first: counted on the whole
        // CO, as `score` counts them (an MFI with more than four unknown
        // limits, or 64 unknown yes/no facts; memory as before).
        figures.unknown_facts = unknowns::data_problem(&whole(), matrix, plans, weights, settings)
            .map_or(0, |d| d.unknown_facts());
    }
    figures
}

/// The unknown facts of a few members' draws' problem, by name, and whether
/// one was left out for want of a slot or a bit.
#[derive(Debug, Default)]
struct Facts {
    ids: Vec<(usize, String)>,
    capped: bool,
}

/// What [`fold`] keeps of the members added so far.
struct Sum {
    names: Vec<String>,
    weights: [f64; crate::data::criteria::N],
    tallies: Vec<MfiTally>,
    parts: ProblemParts,
    facts: HashSet<(usize, String)>,
    capped: bool,
    needing: usize,
    served_by_any: usize,
    only_if_confirmed: Vec<usize>,
}

impl Sum {
    fn new(matrix: &Matrix, weights: &Weights) -> Sum {
        let names: Vec<String> = matrix.institutions.iter().map(|i| i.name.clone()).collect();
        Sum {
            tallies: names
                .iter()
                .enumerate()
                .map(|(ii, name)| MfiTally::new(ii, name, 0))
                .collect(),
            parts: ProblemParts::new(names.len()),
            only_if_confirmed: vec![0; names.len()],
            weights: weights.normalised(),
            names,
            facts: HashSet::new(),
            capped: false,
            needing: 0,
            served_by_any: 0,
        }
    }

    /// Adds the members of `e` (evaluated against the same matrix), after
    /// those added before, and the unknown facts of their draws' problem.
    fn add(&mut self, e: &Evaluation, facts: Facts) {
        let n = self.names.len();
        let mut by_inst: Vec<Option<&MfiResult>> = vec![None; n];
        for r in &e.ranking {
            if let Some(slot) = by_inst.get_mut(r.institution) {
                *slot = Some(r);
            }
        }
        let (mut eligible, mut to_verify) = (vec![false; n], vec![false; n]);
        for (m, member) in e.members.iter().enumerate() {
            if e.best_affordable(m).is_some() {
                self.served_by_any += 1;
            }
            eligible.fill(false);
            to_verify.fill(false);
            for &k in &member.ranked {
                let p = &e.pairs[k];
                if let Some(x) = eligible.get_mut(p.institution) {
                    *x = true;
                }
                if p.unknown_rules > 0
                    && let Some(x) = to_verify.get_mut(p.institution)
                {
                    *x = true;
                }
            }
            for (ii, tally) in self.tallies.iter_mut().enumerate() {
                let served = by_inst[ii]
                    .and_then(|r| r.served.get(m).copied().flatten())
                    .map(|k| (k, &e.pairs[k]));
                if served.is_some_and(|(_, p)| p.unknown_rules > 0) {
                    self.only_if_confirmed[ii] += 1;
                }
                tally.add(m, eligible[ii], to_verify[ii], served, &self.weights);
            }
        }
        self.needing += e.members_needing_loan;
        self.parts.add(e);
        self.facts.extend(facts.ids);
        self.capped |= facts.capped;
    }

    fn finish(self, settings: &Settings) -> CoFigures {
        let needing = self.needing;
        let mut ranking: Vec<MfiResult> = self
            .tallies
            .into_iter()
            .map(|t| t.finish(needing))
            .collect();
        sort_ranking(&mut ranking);
        let problem = self
            .parts
            .finish(&self.names, &ranking, self.weights, needing);
        let recommended = result::recommended(&ranking).is_some();
        CoFigures {
            first_shares: problem.map(|p| stability::first_shares(&p, settings)),
            unknown_facts: if recommended { self.facts.len() } else { 0 },
            needing,
            served_by_any: self.served_by_any,
            only_if_confirmed: self.only_if_confirmed,
            ranking,
        }
    }
}
