//! What an evaluation is made of: each member-offer pair, each member's
//! result, each MFI's result for the CO, and the evaluation that holds them.

use super::loan::Loan;
use crate::data::criteria::N;
use crate::data::matrix::Matrix;
use crate::data::settings::Settings;
use crate::eligibility;
use crate::offer;
use crate::pricing::{self, Rounding};
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

/// One member and one offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// The member's index in the plans.
    pub member: usize,
    /// The institution's index in the matrix (the CO savings come last).
    pub institution: usize,
    /// The institution's name.
    pub mfi: String,
    /// The product's name.
    pub product: String,
    /// Why the offer is excluded, one reason per failed rule.
    pub exclusions: Vec<String>,
    /// What must be verified because it is unknown.
    pub to_verify: Vec<String>,
    /// Of those, what is unknown of her (her age, her CNIC...): to ask the
    /// member, not the MFI.
    pub ask_member: Vec<String>,
    /// The rules that exclude the offer ([`eligibility::check`]'s order,
    /// bit 0 the loan's size), for finding the one that refuses her
    /// everywhere.
    pub failed_mask: u16,
    /// How many rules exclude the offer (the reasons' count when in words).
    pub failed_rules: u8,
    /// How many rules cannot be decided for lack of a value.
    pub unknown_rules: u8,
    /// What the pricing and the criteria assumed.
    pub assumptions: Vec<String>,
    /// The loan, when it could be priced.
    pub loan: Option<Loan>,
    /// Why it could not be priced.
    pub unpriced: Option<String>,
    /// Each criterion's measure (APR %, Rs, %, km, 0-1 ...).
    pub measures: [f64; N],
    /// Each criterion's value on its scale, 0 to 1.
    pub values: [f64; N],
}

impl Pair {
    /// Whether the pair enters the ranking (eligible, priced, and either
    /// nothing to verify or the study ranks such pairs).
    pub fn rankable(&self, settings: &Settings) -> bool {
        self.failed_rules == 0
            && self.loan.is_some()
            && (self.unknown_rules == 0 || settings.rank_to_verify)
    }

    /// Each criterion's contribution to the score (0-100 in all).
    pub fn contributions(&self, weights: &[f64; N]) -> [f64; N] {
        std::array::from_fn(|i| 100.0 * weights[i] * self.values[i])
    }

    /// The score, 0 to 100: the sum of the contributions.
    pub fn score(&self, weights: &[f64; N]) -> f64 {
        self.contributions(weights).iter().sum()
    }

    /// The pair's loan with its schedule and cash flows (the evaluation
    /// keeps the key facts; the rows are worked out again when shown).
    /// `None` if it has no loan, or if the matrix no longer gives the same
    /// loan (it was edited since the evaluation): a schedule is never shown
    /// beside figures it disagrees with.
    pub fn priced(&self, matrix: &Matrix, rounding: Rounding) -> Option<pricing::Priced> {
        let l = self.loan.as_ref()?;
        let inst = matrix.institution(&self.mfi)?;
        let prod = inst.products.iter().find(|x| x.name == self.product)?;
        let highs = offer::Highs::of(&matrix.institutions);
        let (terms, _) = offer::loan_terms(
            inst,
            prod,
            l.amount,
            l.months,
            rounding,
            &highs,
            offer::End::High,
        )
        .ok()?;
        let p = pricing::price(&terms).ok()?;
        (p.disclosure() == *l.disclosure).then_some(p)
    }

    /// Why the offer is not in her ranking, in words: the rules it fails,
    /// why it cannot be priced, or what is unknown when the study does not
    /// rank offers with unknowns.
    pub fn why_excluded(&self) -> Vec<String> {
        let mut reasons = self.exclusions.clone();
        if let Some(u) = &self.unpriced {
            reasons.push(format!("cannot be priced: {u}"));
        }
        if reasons.is_empty() && !self.to_verify.is_empty() {
            reasons.push(format!(
                "to verify (offers with unknowns are not ranked): {}",
                self.to_verify.join("; ")
            ));
        }
        reasons
    }
}

/// The result for one member.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberResult {
    /// The member's index in the plans.
    pub member: usize,
    /// Her name.
    pub name: String,
    /// The loan she needs.
    pub loan_needed: Decimal,
    /// What she can repay a month.
    pub capacity: Decimal,
    /// The same with her income lower by the stress percentage.
    pub stressed_capacity: Decimal,
    /// Indices into [`Evaluation::pairs`] of her ranked offers, best first.
    pub ranked: Vec<usize>,
    /// Indices of her offers that are excluded or cannot be priced.
    pub excluded: Vec<usize>,
}

/// Everything computed for a CO: pairs, members, MFIs, recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The weights used, normalised.
    pub weights: [f64; N],
    /// The institutions evaluated (the matrix's, plus the CO savings if entered).
    pub institutions: Vec<String>,
    /// Every member-offer pair.
    pub pairs: Vec<Pair>,
    /// Per member.
    pub members: Vec<MemberResult>,
    /// Per MFI, best CO score first.
    pub ranking: Vec<MfiResult>,
    /// Members who need a loan (the denominator of the CO score).
    pub members_needing_loan: usize,
    /// Which pairs can serve whom, for rescoring under other weights.
    #[serde(skip)]
    pub(crate) served_options: ServedOptions,
    /// The highest terms the study's offers state, which priced the high
    /// ends.
    #[serde(skip)]
    pub(crate) highs: Arc<offer::Highs>,
}

impl Evaluation {
    /// A member's best ranked offer that she can afford, as an index into `pairs`.
    pub fn best_affordable(&self, member: usize) -> Option<usize> {
        self.members
            .get(member)?
            .ranked
            .iter()
            .copied()
            .find(|&k| self.pairs[k].loan.as_ref().is_some_and(|l| l.affordable))
    }

    /// The rule that refuses her first when no offer is open to her: the
    /// rule ([`eligibility::check`]'s index) failing in the most of her
    /// offers, the first in [`eligibility::BINDING_ORDER`] among equals
    /// (what she is before what a smaller loan could mend); with how many of
    /// her offers it refuses and how many refuse her. `None` when an offer
    /// is open to her, or only unknowns and pricing keep them from her.
    pub fn binding_rule(&self, member: usize) -> Option<(usize, usize, usize)> {
        let m = self.members.get(member)?;
        if !m.ranked.is_empty() || m.excluded.is_empty() {
            return None;
        }
        let count = |rule: usize| {
            m.excluded
                .iter()
                .filter(|&&k| self.pairs[k].failed_mask & (1 << rule) != 0)
                .count()
        };
        let order = eligibility::BINDING_ORDER;
        let rule = order
            .iter()
            .copied()
            .max_by(|&a, &b| {
                count(a).cmp(&count(b)).then_with(|| {
                    let pos = |r| order.iter().position(|x| *x == r);
                    pos(b).cmp(&pos(a))
                })
            })
            .filter(|&r| count(r) > 0)?;
        Some((rule, count(rule), m.excluded.len()))
    }

    /// Why nothing is open to a member, in one reason: the words of
    /// [`Evaluation::binding_rule`]'s rule, "in every offer" or in how many.
    /// `None` when an offer is open to her.
    pub fn binding_reason(&self, member: usize) -> Option<String> {
        let m = self.members.get(member)?;
        if !m.ranked.is_empty() || m.excluded.is_empty() {
            return None;
        }
        let excluded: Vec<&Pair> = m.excluded.iter().map(|&k| &self.pairs[k]).collect();
        let Some((rule, n, of)) = self.binding_rule(member) else {
            // Unpriceable or to verify: the first offer's own words.
            return excluded
                .first()
                .and_then(|p| p.why_excluded().into_iter().next());
        };
        let order = eligibility::BINDING_ORDER;
        // Its words: in an offer it fails, after the rules before it there.
        let text = excluded
            .iter()
            .filter(|p| p.failed_mask & (1 << rule) != 0)
            .find_map(|p| {
                let before = order
                    .iter()
                    .take_while(|r| **r != rule)
                    .filter(|r| p.failed_mask & (1 << **r) != 0)
                    .count();
                p.exclusions.get(before).cloned()
            })?;
        Some(if n == of {
            text
        } else {
            format!("{text} (in {n} of her {of} offers)")
        })
    }

    /// The recommended MFI, if any serves anyone.
    pub fn recommended(&self) -> Option<&MfiResult> {
        recommended(&self.ranking)
    }

    /// The runner-up.
    pub fn runner_up(&self) -> Option<&MfiResult> {
        runner_up(&self.ranking)
    }
}

/// The first of a CO's `ranking` when it serves anyone.
pub fn recommended(ranking: &[MfiResult]) -> Option<&MfiResult> {
    ranking.first().filter(|r| r.affordable_members > 0)
}

/// The second of a CO's `ranking` when the first serves anyone.
pub fn runner_up(ranking: &[MfiResult]) -> Option<&MfiResult> {
    recommended(ranking).and(ranking.get(1))
}

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

/// For each MFI and member, the pairs that could serve her: ranked and
/// affordable. For a savings pool, only the members the pool can cover,
/// smallest loans first so that it serves as many members as it can.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ServedOptions {
    /// `[institution][member]` -> pair indices.
    pub(crate) options: Vec<Vec<Vec<usize>>>,
}
