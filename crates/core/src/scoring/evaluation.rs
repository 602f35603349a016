//! Every member against every offer: eligibility, the loan and its price,
//! affordability (and under stress), and the criteria's measures and values.

use super::cache::PriceCache;
use super::measures::{OfferView, offer_views};
use super::ranking::{MfiResult, ServedOptions, rank};
use super::savings::{co_savings_institution, with_savings};
use crate::data::criteria::{Criterion, N, Weights};
use crate::data::matrix::Matrix;
use crate::data::plans::{Lending, Plans};
use crate::data::settings::Settings;
use crate::eligibility::{self, Outcome};
use crate::offer;
use crate::pricing::{self, Disclosure, Frequency, Rounding};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use std::sync::Arc;

/// The loan a member would take from one offer, priced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loan {
    /// The amount, clipped to the product's range.
    pub amount: Decimal,
    /// What she needs beyond the amount (negative: borrowed beyond her need).
    pub gap: Decimal,
    /// The term in months: within the product's range, the nearest to her
    /// preference among those she can afford (then the shorter); her
    /// preference when none fits.
    pub months: u32,
    /// The term nearest her preference within the product's range (12
    /// months when she gave none): `months` differs when she can afford
    /// only another.
    pub preferred_months: u32,
    /// The frequency of instalments.
    pub frequency: Frequency,
    /// The regular instalment.
    pub instalment: Decimal,
    /// The last instalment.
    pub last_instalment: Decimal,
    /// How many instalments.
    pub count: u32,
    /// The sum of the instalments.
    pub total_repaid: Decimal,
    /// Everything paid beyond what was received, in rupees.
    pub total_cost: Decimal,
    /// APR in percent (a cost-equivalent rate for murabaha).
    pub apr_percent: f64,
    /// EIR in percent.
    pub eir_percent: f64,
    /// What the instalments take a month, for comparing with her capacity.
    pub monthly_burden: Decimal,
    /// Whether the monthly burden is within the affordability threshold.
    pub affordable: bool,
    /// The same with her income lowered by the stress percentage.
    pub affordable_under_stress: bool,
    /// Rupees left a month within the threshold (negative: short).
    pub margin: Decimal,
    /// The same under stress.
    pub stressed_margin: Decimal,
    /// The key facts of this loan (amount in hand, each charge, savings,
    /// totals, markup-only APR), shared with every member taking the same
    /// loan: the app, the report and the files read them from here.
    pub disclosure: Arc<Disclosure>,
    /// These figures are those of the loan's unknown terms at their high
    /// end (the stated worst case the ranking reads); the same at their low
    /// end (the best case), when they differ.
    pub low: Option<Box<LowEnd>>,
}

/// A loan's figures with its unknown terms at their low end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LowEnd {
    /// The regular instalment.
    pub instalment: Decimal,
    /// The sum of the instalments.
    pub total_repaid: Decimal,
    /// Everything paid beyond what was received.
    pub total_cost: Decimal,
    /// APR in percent.
    pub apr_percent: f64,
    /// EIR in percent.
    pub eir_percent: f64,
    /// What the instalments take a month.
    pub monthly_burden: Decimal,
    /// The key facts.
    pub disclosure: Arc<Disclosure>,
}

/// The low and high end of a figure (equal when nothing it depends on is
/// unknown).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ends<T> {
    /// The best case.
    pub low: T,
    /// The stated worst case.
    pub high: T,
}

impl<T: PartialEq> Ends<T> {
    /// Whether both ends are the same.
    pub fn certain(&self) -> bool {
        self.low == self.high
    }
}

impl Loan {
    fn ends<T: Copy>(&self, high: T, low: impl Fn(&LowEnd) -> T) -> Ends<T> {
        Ends {
            low: self.low.as_deref().map_or(high, low),
            high,
        }
    }

    /// The regular instalment at both ends.
    pub fn instalment_ends(&self) -> Ends<Decimal> {
        self.ends(self.instalment, |l| l.instalment)
    }

    /// The sum of the instalments at both ends.
    pub fn total_repaid_ends(&self) -> Ends<Decimal> {
        self.ends(self.total_repaid, |l| l.total_repaid)
    }

    /// The cost in rupees at both ends.
    pub fn total_cost_ends(&self) -> Ends<Decimal> {
        self.ends(self.total_cost, |l| l.total_cost)
    }

    /// The APR at both ends.
    pub fn apr_ends(&self) -> Ends<f64> {
        self.ends(self.apr_percent, |l| l.apr_percent)
    }

    /// The EIR at both ends.
    pub fn eir_ends(&self) -> Ends<f64> {
        self.ends(self.eir_percent, |l| l.eir_percent)
    }

    /// What the instalments take a month, at both ends.
    pub fn burden_ends(&self) -> Ends<Decimal> {
        self.ends(self.monthly_burden, |l| l.monthly_burden)
    }

    /// What she hands over on each due date, at both ends: the instalment
    /// with the charges, tax and savings paid with it (what her calendar
    /// says; the instalment alone when nothing is paid with it).
    pub fn payment_ends(&self) -> Ends<Decimal> {
        self.ends(self.disclosure.regular_payment, |l| {
            l.disclosure.regular_payment
        })
    }

    /// What she pays back once the money is in her hand, at both ends: the
    /// sum of her calendar ([`Disclosure::pays_back`]).
    pub fn pays_back_ends(&self) -> Ends<Decimal> {
        self.ends(self.disclosure.pays_back(), |l| l.disclosure.pays_back())
    }

    /// What she has in hand at both ends.
    pub fn received_ends(&self) -> Ends<Decimal> {
        self.ends(self.disclosure.received, |l| l.disclosure.received)
    }

    /// The key facts at the low end (the high end's when all is known).
    pub fn low_disclosure(&self) -> &Disclosure {
        self.low
            .as_deref()
            .map_or(&self.disclosure, |l| &l.disclosure)
    }

    /// Whether any figure of the loan depends on an unknown term.
    pub fn uncertain(&self) -> bool {
        self.low.is_some()
    }
}

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

    /// The recommended MFI, if any serves anyone.
    pub fn recommended(&self) -> Option<&MfiResult> {
        self.ranking.first().filter(|r| r.affordable_members > 0)
    }

    /// The runner-up.
    pub fn runner_up(&self) -> Option<&MfiResult> {
        self.recommended().and(self.ranking.get(1))
    }
}

pub(super) fn percent(d: Decimal) -> Decimal {
    d / Decimal::ONE_HUNDRED
}

pub(super) fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// How much of each pair an evaluation keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: names, reasons in words, assumptions (the app, the
    /// report and `score`).
    Full,
    /// The figures alone, for summaries of many COs (`batch`): the CO
    /// ranking, the members' rankings, the loans and scores of the ranked
    /// offers are those of [`Detail::Full`], but a pair's names and
    /// reasons and assumptions are left empty (the rules are counted in
    /// `failed_rules` and `unknown_rules`), and offers a rule excludes are
    /// not priced.
    Figures,
}

/// What one member brings to every offer, worked out once per evaluation.
pub(super) struct MemberView {
    need: Decimal,
    capacity: Decimal,
    /// The most an instalment may take a month, and under stress.
    limit: Decimal,
    stressed_limit: Decimal,
}

impl MemberView {
    pub(super) fn new(plan: &crate::data::plans::MicroInvestmentPlan, settings: &Settings) -> Self {
        let share = percent(settings.affordability_percent);
        let capacity = plan.repayment_capacity();
        MemberView {
            need: plan.loan_needed(),
            capacity,
            limit: capacity * share,
            stressed_limit: stressed_capacity(plan, settings) * share,
        }
    }
}

/// The term of an offer for her: the one nearest her preference (`nearest`,
/// already within the product's range) if she can afford it; else the
/// shortest longer term within the range that she can afford (what a month
/// takes falls as the term grows, so shorter ones fit even less): found by
/// halving, from the longest, so that an offer no term makes affordable is
/// priced twice, not once per month of its range. `nearest` when none fits
/// or the range is unknown.
fn best_term(
    cache: &mut PriceCache,
    offer: &OfferView,
    amount: Decimal,
    nearest: u32,
    limit: Decimal,
    settings: &Settings,
) -> u32 {
    let mut fits = |months: u32| matches!(cache.price(offer, amount, months, settings.rounding), Ok(p) if p.monthly_burden <= limit);
    let Some((_, longest)) = offer.terms else {
        return nearest;
    };
    if nearest >= longest || fits(nearest) || !fits(longest) {
        return nearest;
    }
    // `nearest` does not fit, `longest` does: the first that fits between.
    let (mut lo, mut hi) = (nearest, longest);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// Evaluates one member (her figures worked out beforehand) and one offer.
#[allow(clippy::too_many_arguments)]
pub(super) fn evaluate_pair(
    plan: &crate::data::plans::MicroInvestmentPlan,
    view: &MemberView,
    member: usize,
    offer: &OfferView,
    weights: &Weights,
    settings: &Settings,
    cache: &mut PriceCache,
    detail: Detail,
) -> Pair {
    let (inst, product) = (offer.inst, offer.product);
    let full = detail == Detail::Full;
    let need = view.need;
    let mut exclusions = Vec::new();
    let mut to_verify = Vec::new();
    let (mut failed_rules, mut unknown_rules) = (0u8, 0u8);
    if full {
        for outcome in eligibility::check(plan, need, &offer.facts, &eligibility::Words) {
            match outcome {
                Outcome::Pass => {}
                Outcome::Fail(r) => exclusions.push(r),
                Outcome::Unknown(u) => to_verify.push(u),
            }
        }
        failed_rules = exclusions.len() as u8;
        unknown_rules = to_verify.len() as u8;
    } else {
        for outcome in eligibility::check(plan, need, &offer.facts, &eligibility::Silent) {
            match outcome {
                Outcome::Pass => {}
                Outcome::Fail(()) => failed_rules += 1,
                Outcome::Unknown(()) => unknown_rules += 1,
            }
        }
    }
    let amount = match offer.facts.amount {
        Some((lo, hi)) => need.clamp(lo, hi),
        None => need,
    };
    let (nearest, _) = offer::nearest_term_in(offer.terms, plan.preferred_term_months);
    let months = if amount > Decimal::ZERO && (full || failed_rules == 0) {
        best_term(cache, offer, amount, nearest, view.limit, settings)
    } else {
        nearest
    };
    let mut assumptions = if full {
        offer.assumptions.clone()
    } else {
        Vec::new()
    };
    let mut loan = None;
    let mut unpriced = None;
    if amount > Decimal::ZERO && (full || failed_rules == 0) {
        match cache.price_both(offer, amount, months, settings.rounding) {
            Err(why) => unpriced = Some(why.clone()),
            Ok(p) => {
                if full {
                    assumptions.extend(p.assumptions.iter().cloned());
                }
                let burden = p.monthly_burden;
                let limit = view.limit;
                let stressed = view.stressed_limit;
                loan = Some(Loan {
                    amount,
                    gap: need - amount,
                    months,
                    preferred_months: nearest,
                    frequency: p.frequency,
                    // The figures of the loan's key facts, once.
                    instalment: p.disclosure.instalment,
                    last_instalment: p.disclosure.last_instalment,
                    count: p.disclosure.count,
                    total_repaid: p.disclosure.total_repaid,
                    total_cost: p.disclosure.total_cost,
                    apr_percent: p.apr_percent,
                    eir_percent: p.eir_percent,
                    monthly_burden: burden,
                    affordable: burden <= limit,
                    affordable_under_stress: burden <= stressed,
                    margin: limit - burden,
                    stressed_margin: stressed - burden,
                    disclosure: p.disclosure.clone(),
                    low: p.low.as_deref().map(|l| {
                        Box::new(LowEnd {
                            instalment: l.disclosure.instalment,
                            total_repaid: l.disclosure.total_repaid,
                            total_cost: l.disclosure.total_cost,
                            apr_percent: l.apr_percent,
                            eir_percent: l.eir_percent,
                            monthly_burden: l.monthly_burden,
                            disclosure: l.disclosure.clone(),
                        })
                    }),
                });
            }
        }
    }
    let mut measures = offer.measures;
    // Cost and affordability: unpriced pairs are never ranked, so their
    // measures stay at the worst end.
    match &loan {
        Some(l) => {
            measures[Criterion::TrueCost] = l.apr_percent;
            measures[Criterion::TotalCost] = f(l.total_cost);
            let cap = f(view.capacity);
            measures[Criterion::Affordability] = if cap > 0.0 {
                100.0 * f(l.monthly_burden) / cap
            } else {
                f64::INFINITY
            };
        }
        None => {
            measures[Criterion::TrueCost] = weights.scales[Criterion::TrueCost].worst;
            measures[Criterion::TotalCost] = weights.scales[Criterion::TotalCost].worst;
            measures[Criterion::Affordability] = weights.scales[Criterion::Affordability].worst;
        }
    }
    let islamic_fit = match plan.wants_islamic {
        Some(true) => (offer.facts.islamic == Some(true)) as u8 as f64,
        _ => 1.0,
    };
    let group_fit = match (plan.lending, offer.facts.group_lending) {
        (Lending::Individual, _) => 1.0,
        (_, Some(true)) => 1.0,
        (_, Some(false)) => 0.0,
        (_, None) => {
            if full {
                assumptions.push("group lending unknown: counted as not offered".into());
            }
            0.0
        }
    };
    let new_fit = match (plan.new_business, offer.facts.new_business_loans) {
        (Some(false), _) => 1.0,
        (_, Some(true)) => 1.0,
        _ => 0.0,
    };
    measures[Criterion::Fit] = (islamic_fit + group_fit + new_fit) / 3.0;
    let values = std::array::from_fn(|k| weights.scales[k].value(measures[k]));
    assumptions.sort();
    assumptions.dedup();
    let name = |s: &String| if full { s.clone() } else { String::new() };
    Pair {
        member,
        institution: offer.institution,
        mfi: name(&inst.name),
        product: name(&product.name),
        exclusions,
        to_verify,
        failed_rules,
        unknown_rules,
        assumptions,
        loan,
        unpriced,
        measures,
        values,
    }
}

/// Her repayment capacity with sales and other income lower by the stress percentage.
pub fn stressed_capacity(
    plan: &crate::data::plans::MicroInvestmentPlan,
    settings: &Settings,
) -> Decimal {
    let keep = Decimal::ONE - percent(settings.stress_income_drop_percent).min(Decimal::ONE);
    (plan.monthly_sales * keep - plan.monthly_business_costs + plan.other_income * keep
        - plan.household_expenses)
        .max(Decimal::ZERO)
}

/// Evaluates every member against every offer, and the CO against every MFI.
pub fn evaluate(
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
) -> Evaluation {
    // A cache that lives for one evaluation needs no tie to the matrix.
    evaluate_in(
        matrix,
        plans,
        weights,
        settings,
        &mut PriceCache::new(),
        Detail::Full,
    )
}

/// [`evaluate`], keeping as much as `detail` says and pricing through a
/// cache that may be reused for the next plans scored against the same
/// matrix (the `batch` command keeps one per worker thread).
pub fn evaluate_cached(
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
    cache: &mut PriceCache,
    detail: Detail,
) -> Evaluation {
    // The savings pool is not in the matrix the cache is tied to: a study
    // with one is priced afresh.
    if settings.co_savings.is_some() {
        return evaluate_in(
            matrix,
            plans,
            weights,
            settings,
            &mut PriceCache::new(),
            detail,
        );
    }
    cache.prepare(matrix, settings.rounding);
    evaluate_in(matrix, plans, weights, settings, cache, detail)
}

/// The evaluation itself, pricing through `cache` as it is.
fn evaluate_in(
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
    cache: &mut PriceCache,
    detail: Detail,
) -> Evaluation {
    // Never stopped: always an evaluation.
    match evaluate_stoppable(matrix, plans, weights, settings, cache, detail, &|| false) {
        Some(e) => e,
        None => unreachable_evaluation(),
    }
}

/// An empty evaluation; never returned, since a stop that never fires
/// never stops (kept so that no `expect` is needed).
fn unreachable_evaluation() -> Evaluation {
    rank(
        Vec::new(),
        Vec::new(),
        Vec::new(),
        &Weights::new("", [1.0; N]),
        &Settings::default(),
    )
}

/// [`evaluate`], given up (`None`) as soon as `stop` says so: the app
/// evaluates a large study on another thread and stops when a newer change
/// makes the work stale.
pub fn evaluate_unless(
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
    stop: &dyn Fn() -> bool,
) -> Option<Evaluation> {
    evaluate_stoppable(
        matrix,
        plans,
        weights,
        settings,
        &mut PriceCache::new(),
        Detail::Full,
        stop,
    )
}

/// The evaluation itself, pricing through `cache` as it is, checking
/// `stop` before each member.
fn evaluate_stoppable(
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
    cache: &mut PriceCache,
    detail: Detail,
    stop: &dyn Fn() -> bool,
) -> Option<Evaluation> {
    let savings = settings.co_savings.as_ref().map(co_savings_institution);
    let institutions = with_savings(matrix, savings.as_ref());
    let highs = Arc::new(offer::Highs::of(&matrix.institutions));
    let offers = offer_views(&institutions, weights, &highs);
    let mut pairs = Vec::with_capacity(plans.members.len() * offers.len());
    for (m, plan) in plans.members.iter().enumerate() {
        if stop() {
            return None;
        }
        let view = MemberView::new(plan, settings);
        for offer in &offers {
            pairs.push(evaluate_pair(
                plan, &view, m, offer, weights, settings, cache, detail,
            ));
        }
    }
    let members: Vec<MemberResult> = plans
        .members
        .iter()
        .enumerate()
        .map(|(m, plan)| MemberResult {
            member: m,
            name: plan.member.clone(),
            loan_needed: plan.loan_needed(),
            capacity: plan.repayment_capacity(),
            stressed_capacity: stressed_capacity(plan, settings),
            ranked: Vec::new(),
            excluded: Vec::new(),
        })
        .collect();
    let names = institutions.iter().map(|i| i.name.clone()).collect();
    let mut e = rank(pairs, members, names, weights, settings);
    e.highs = highs;
    Some(e)
}
