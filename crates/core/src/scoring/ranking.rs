//! Each member's offers ranked, and each MFI's result for the CO.

use super::evaluation::{Evaluation, MemberResult, Pair};
use crate::data::criteria::{N, Weights};
use crate::data::settings::Settings;
use rust_decimal::Decimal;
use serde::Serialize;

/// The result for one MFI over the CO.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MfiResult {
    /// The institution's index.
    pub institution: usize,
    /// Its name.
    pub mfi: String,
    /// The CO score, 0-100: the mean, over the members who need a loan, of
    /// the score of the best affordable offer of this MFI for her (0 when it
    /// has none).
    pub score: f64,
    /// Members with at least one ranked offer of this MFI.
    pub eligible_members: usize,
    /// Of those, how many have something to verify.
    pub to_verify_members: usize,
    /// Members it serves: with an affordable ranked offer.
    pub affordable_members: usize,
    /// Of those, members for whom it stays affordable under stress.
    pub affordable_under_stress: usize,
    /// Of those, members whose loan fits only if they put money aside
    /// (for a large last payment, or for their lean months).
    pub served_if_putting_aside: usize,
    /// Of those, members whose purchase does not pay for the loan (what it
    /// adds to their profit over the loan is less than its cost).
    pub not_paying_for_itself: usize,
    /// The sum of the loans of the members it serves.
    pub total_borrowed: Decimal,
    /// The sum of their costs in rupees (unknown terms at their high end).
    pub total_cost: Decimal,
    /// The same with unknown terms at their low end.
    pub total_cost_low: Decimal,
    /// The mean APR of their loans, if any (unknown terms at their high end).
    pub average_apr: Option<f64>,
    /// The same with unknown terms at their low end.
    pub average_apr_low: Option<f64>,
    /// The pair serving each member (by member index), if any.
    pub served: Vec<Option<usize>>,
    /// The CO score's parts per criterion.
    pub contributions: [f64; N],
}

/// Ranks the offers of each member and the MFIs for the CO.
pub(super) fn rank(
    pairs: Vec<Pair>,
    mut members: Vec<MemberResult>,
    institutions: Vec<String>,
    weights: &Weights,
    settings: &Settings,
) -> Evaluation {
    let w = weights.normalised();
    // Only ranked pairs' scores are read.
    let scores: Vec<f64> = pairs
        .iter()
        .map(|p| {
            if p.rankable(settings) {
                p.score(&w)
            } else {
                0.0
            }
        })
        .collect();
    let mut rankable = vec![vec![Vec::new(); members.len()]; institutions.len()];
    for (k, p) in pairs.iter().enumerate() {
        if p.rankable(settings) {
            members[p.member].ranked.push(k);
            rankable[p.institution][p.member].push(k);
        } else {
            members[p.member].excluded.push(k);
        }
    }
    let apr = |k: usize| {
        pairs[k]
            .loan
            .as_ref()
            .map(|l| l.apr_percent)
            .unwrap_or(f64::MAX)
    };
    for mr in &mut members {
        mr.ranked.sort_by(|&a, &b| {
            scores[b]
                .total_cmp(&scores[a])
                .then(apr(a).total_cmp(&apr(b)))
                .then(a.cmp(&b))
        });
    }
    let needing = members
        .iter()
        .filter(|m| m.loan_needed > Decimal::ZERO)
        .count();
    let pool_inst = settings.co_savings.as_ref().map(|_| institutions.len() - 1);
    let options = ServedOptions::build(
        &pairs,
        institutions.len(),
        members.len(),
        settings,
        pool_inst,
        settings.co_savings.as_ref().map(|s| s.pool),
    );
    let mut ranking: Vec<MfiResult> = (0..institutions.len())
        .map(|ii| {
            mfi_result(
                ii,
                &institutions[ii],
                &pairs,
                &scores,
                &rankable[ii],
                &options,
                &w,
                needing,
            )
        })
        .collect();
    sort_ranking(&mut ranking);
    Evaluation {
        weights: w,
        institutions,
        pairs,
        members,
        ranking,
        members_needing_loan: needing,
        served_options: options,
        highs: Default::default(),
    }
}

fn sort_ranking(ranking: &mut [MfiResult]) {
    ranking.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.affordable_members.cmp(&a.affordable_members))
            .then(
                a.average_apr
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b.average_apr.unwrap_or(f64::MAX)),
            )
            .then(a.institution.cmp(&b.institution))
    });
}

/// For each MFI and member, the pairs that could serve her: ranked and
/// affordable. For a savings pool, only the members the pool can cover,
/// smallest loans first so that it serves as many members as it can.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ServedOptions {
    /// `[institution][member]` -> pair indices.
    pub(crate) options: Vec<Vec<Vec<usize>>>,
}

impl ServedOptions {
    fn build(
        pairs: &[Pair],
        n_inst: usize,
        n_members: usize,
        settings: &Settings,
        pool_inst: Option<usize>,
        pool: Option<Decimal>,
    ) -> Self {
        let mut options = vec![vec![Vec::new(); n_members]; n_inst];
        for (k, p) in pairs.iter().enumerate() {
            if p.rankable(settings) && p.loan.as_ref().is_some_and(|l| l.affordable) {
                options[p.institution][p.member].push(k);
            }
        }
        if let (Some(ii), Some(pool)) = (pool_inst, pool) {
            let mut by_amount: Vec<(Decimal, usize)> = options[ii]
                .iter()
                .enumerate()
                .filter_map(|(m, ks)| {
                    ks.first()
                        .and_then(|k| pairs[*k].loan.as_ref())
                        .map(|l| (l.amount, m))
                })
                .collect();
            by_amount.sort();
            let mut left = pool;
            for (amount, m) in by_amount {
                if amount <= left {
                    left -= amount;
                } else {
                    options[ii][m].clear();
                }
            }
        }
        ServedOptions { options }
    }
}

#[allow(clippy::too_many_arguments)]
fn mfi_result(
    ii: usize,
    name: &str,
    pairs: &[Pair],
    scores: &[f64],
    rankable: &[Vec<usize>],
    options: &ServedOptions,
    w: &[f64; N],
    needing: usize,
) -> MfiResult {
    let n_members = rankable.len();
    let mut r = MfiResult {
        institution: ii,
        mfi: name.to_string(),
        score: 0.0,
        eligible_members: 0,
        to_verify_members: 0,
        affordable_members: 0,
        affordable_under_stress: 0,
        served_if_putting_aside: 0,
        not_paying_for_itself: 0,
        total_borrowed: Decimal::ZERO,
        total_cost: Decimal::ZERO,
        total_cost_low: Decimal::ZERO,
        average_apr: None,
        average_apr_low: None,
        served: vec![None; n_members],
        contributions: [0.0; N],
    };
    let (mut apr_sum, mut apr_low_sum) = (0.0, 0.0);
    for (m, mine) in rankable.iter().enumerate() {
        if !mine.is_empty() {
            r.eligible_members += 1;
            if mine.iter().any(|&k| pairs[k].unknown_rules > 0) {
                r.to_verify_members += 1;
            }
        }
        let best = options.options[ii][m]
            .iter()
            .copied()
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
        if let Some(k) = best {
            let p = &pairs[k];
            r.served[m] = Some(k);
            r.affordable_members += 1;
            if let Some(l) = &p.loan {
                if l.affordable_under_stress {
                    r.affordable_under_stress += 1;
                }
                if l.put_aside.is_some() {
                    r.served_if_putting_aside += 1;
                }
                if l.worth.is_some_and(|w| !w.pays()) {
                    r.not_paying_for_itself += 1;
                }
                r.total_borrowed += l.amount;
                r.total_cost += l.total_cost;
                r.total_cost_low += l.total_cost_ends().low;
                apr_sum += l.apr_percent;
                apr_low_sum += l.apr_ends().low;
            }
            for (acc, x) in r.contributions.iter_mut().zip(p.contributions(w)) {
                *acc += x;
            }
        }
    }
    if needing > 0 {
        for c in r.contributions.iter_mut() {
            *c /= needing as f64;
        }
    }
    r.score = r.contributions.iter().sum();
    if r.affordable_members > 0 {
        r.average_apr = Some(apr_sum / r.affordable_members as f64);
        r.average_apr_low = Some(apr_low_sum / r.affordable_members as f64);
    }
    r
}
