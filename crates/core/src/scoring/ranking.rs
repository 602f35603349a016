//! Each member's offers ranked, and each MFI's result for the CO.

use super::result::{Evaluation, MemberResult, MfiResult, Pair, ServedOptions};
use crate::data::criteria::{N, Weights};
use crate::data::settings::Settings;
use rust_decimal::Decimal;

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

pub(super) fn sort_ranking(ranking: &mut [MfiResult]) {
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
    let mut tally = MfiTally::new(ii, name, rankable.len());
    for (m, mine) in rankable.iter().enumerate() {
        let best = options.options[ii][m]
            .iter()
            .copied()
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
        tally.add(
            m,
            !mine.is_empty(),
            mine.iter().any(|&k| pairs[k].unknown_rules > 0),
            best.map(|k| (k, &pairs[k])),
            w,
        );
    }
    tally.finish(needing)
}

/// One MFI's result for the CO, summed member after member: by the ranking
/// over a whole evaluation, and by [`super::fold`] over a large CO's
/// members a few at a time (which keeps no pair, so `served` stays empty).
#[derive(Debug, Clone)]
pub(super) struct MfiTally {
    r: MfiResult,
    apr_sum: f64,
    apr_low_sum: f64,
}

impl MfiTally {
    /// Nothing counted yet; `members` places in `served` (0: none kept).
    pub(super) fn new(ii: usize, name: &str, members: usize) -> Self {
        MfiTally {
            r: MfiResult {
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
                served: vec![None; members],
                contributions: [0.0; N],
            },
            apr_sum: 0.0,
            apr_low_sum: 0.0,
        }
    }

    /// Member `m`: whether she has a ranked offer of this MFI, whether one
    /// of them has something to verify, and the pair that serves her (its
    /// index and itself), if any.
    pub(super) fn add(
        &mut self,
        m: usize,
        eligible: bool,
        to_verify: bool,
        served: Option<(usize, &Pair)>,
        w: &[f64; N],
    ) {
        let r = &mut self.r;
        if eligible {
            r.eligible_members += 1;
            if to_verify {
                r.to_verify_members += 1;
            }
        }
        if let Some((k, p)) = served {
            if let Some(slot) = r.served.get_mut(m) {
                *slot = Some(k);
            }
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
                self.apr_sum += l.apr_percent;
                self.apr_low_sum += l.apr_ends().low;
            }
            for (acc, x) in r.contributions.iter_mut().zip(p.contributions(w)) {
                *acc += x;
            }
        }
    }

    /// The result, over `needing` members who need a loan.
    pub(super) fn finish(self, needing: usize) -> MfiResult {
        let mut r = self.r;
        if needing > 0 {
            for c in r.contributions.iter_mut() {
                *c /= needing as f64;
            }
        }
        r.score = r.contributions.iter().sum();
        if r.affordable_members > 0 {
            r.average_apr = Some(self.apr_sum / r.affordable_members as f64);
            r.average_apr_low = Some(self.apr_low_sum / r.affordable_members as f64);
        }
        r
    }
}
