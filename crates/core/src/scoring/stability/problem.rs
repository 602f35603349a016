//! The draws over the weights' problem: what they need of an evaluation,
//! built from a whole one or member after member.

use super::first;
use crate::scoring::{Evaluation, MfiResult, N};

/// What stability needs of an evaluation, in a compact layout that is fast
/// to rescore and can be sent to another thread.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The institutions' names.
    pub(super) names: Vec<String>,
    /// The recommended institution's index.
    pub(super) target: usize,
    /// Its name.
    pub(super) recommended: String,
    /// The normalised weights.
    pub(super) weights: [f64; N],
    /// Per institution, the values of the offers that can serve each member,
    /// one member after another (an offer another beats on every criterion
    /// is left out: it can never be her best under weights of zero or more).
    pub(super) options: Vec<Vec<[f64; N]>>,
    /// Per institution, where each member's offers end in `options`.
    pub(super) ends: Vec<Vec<u32>>,
    /// Per institution, the sum of the values of the members with a single
    /// offer (her best whatever the weights; her part of the score is linear).
    pub(super) single: Vec<[f64; N]>,
    /// Members who need a loan.
    pub(super) needing: usize,
    /// Per institution, the members it serves and the mean APR of their
    /// loans (the ranking's tie-breaks).
    pub(super) served: Vec<usize>,
    pub(super) apr: Vec<f64>,
}

impl Problem {
    /// The first institution under weights `w`, ties broken as the ranking
    /// breaks them.
    pub(super) fn first(&self, w: &[f64; N]) -> Option<usize> {
        first(&self.scores(w), &self.served, &self.apr)
    }

    /// The CO score of every institution under weights `w`.
    pub(super) fn scores(&self, w: &[f64; N]) -> Vec<f64> {
        self.options
            .iter()
            .zip(&self.ends)
            .zip(&self.single)
            .map(|((values, ends), single)| {
                let mut total = 100.0 * single.iter().zip(w).map(|(a, b)| a * b).sum::<f64>();
                let mut start = 0;
                for &end in ends {
                    let end = end as usize;
                    total += values[start..end]
                        .iter()
                        .map(|v| 100.0 * v.iter().zip(w).map(|(a, b)| a * b).sum::<f64>())
                        .fold(0.0, f64::max);
                    start = end;
                }
                if self.needing == 0 {
                    0.0
                } else {
                    total / self.needing as f64
                }
            })
            .collect()
    }
}

/// The stability problem of an evaluation; `None` when nothing is recommended.
pub fn problem(e: &Evaluation) -> Option<Problem> {
    let mut parts = ProblemParts::new(e.institutions.len());
    parts.add(e);
    parts.finish(
        &e.institutions,
        &e.ranking,
        e.weights,
        e.members_needing_loan,
    )
}

/// A stability problem built member after member: [`problem`] adds a whole
/// evaluation at once; [`crate::scoring::fold`] adds a large CO's members a few at a
/// time and keeps only this of them.
#[derive(Debug, Clone)]
pub(in crate::scoring) struct ProblemParts {
    options: Vec<Vec<[f64; N]>>,
    ends: Vec<Vec<u32>>,
    single: Vec<[f64; N]>,
}

impl ProblemParts {
    /// Nothing added yet, for `institutions` institutions.
    pub(in crate::scoring) fn new(institutions: usize) -> Self {
        ProblemParts {
            options: vec![Vec::new(); institutions],
            ends: vec![Vec::new(); institutions],
            single: vec![[0.0; N]; institutions],
        }
    }

    /// Adds the members of `e`, after those added before.
    pub(in crate::scoring) fn add(&mut self, e: &Evaluation) {
        let per_inst = self
            .options
            .iter_mut()
            .zip(&mut self.ends)
            .zip(&mut self.single);
        for (((values, member_ends), sum), per_member) in per_inst.zip(&e.served_options.options) {
            for ks in per_member {
                let start = values.len();
                for &k in ks {
                    let v = e.pairs[k].values;
                    let mine = &values[start..];
                    let beaten = mine.iter().any(|u| u.iter().zip(&v).all(|(a, b)| a >= b));
                    if !beaten {
                        values.push(v);
                    }
                }
                // An earlier offer may be beaten by a later one.
                let mut j = start;
                while j < values.len() {
                    let v = values[j];
                    let beaten = (start..values.len()).any(|i| {
                        i != j && values[i] != v && values[i].iter().zip(&v).all(|(a, b)| a >= b)
                    });
                    if beaten {
                        values.remove(j);
                    } else {
                        j += 1;
                    }
                }
                if values.len() == start + 1 {
                    if let Some(v) = values.pop() {
                        for (acc, x) in sum.iter_mut().zip(v) {
                            *acc += x;
                        }
                    }
                } else if values.len() > start {
                    member_ends.push(values.len() as u32);
                }
            }
        }
    }

    /// The problem, once every member is added: `ranking` is the CO's
    /// (`None` when nothing is recommended).
    pub(in crate::scoring) fn finish(
        self,
        institutions: &[String],
        ranking: &[MfiResult],
        weights: [f64; N],
        needing: usize,
    ) -> Option<Problem> {
        let rec = crate::scoring::result::recommended(ranking)?;
        let mut served = vec![0; institutions.len()];
        let mut apr = vec![f64::MAX; institutions.len()];
        for r in ranking {
            if let (Some(s), Some(a)) = (served.get_mut(r.institution), apr.get_mut(r.institution))
            {
                *s = r.affordable_members;
                *a = r.average_apr.unwrap_or(f64::MAX);
            }
        }
        Some(Problem {
            served,
            apr,
            names: institutions.to_vec(),
            target: rec.institution,
            recommended: rec.mfi.clone(),
            weights,
            options: self.options,
            ends: self.ends,
            single: self.single,
            needing,
        })
    }
}
