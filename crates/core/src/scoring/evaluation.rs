//! Every member against every offer: eligibility, the loan and its price,
//! affordability (and under stress), and the criteria's measures and values.

use super::cache::PriceCache;
use super::loan::{Loan, LowEnd, PaidOut, Worth};
use super::measures::{OfferView, offer_views};
use super::months::{self, HerMonths, Rules, rules};
use super::numbers::{f, percent};
use super::ranking::rank;
use super::result::{MemberResult, Pair};
use super::savings::{co_savings_institution, with_savings};
use crate::data::criteria::{Criterion, N, Weights};
use crate::data::matrix::Matrix;
use crate::data::plans::{Lending, Plans};
use crate::data::settings::Settings;
use crate::eligibility::{self, Outcome};
use crate::offer;
use rust_decimal::Decimal;
use std::sync::Arc;

use super::result::Evaluation;

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
    /// Her repayment capacity as a float, for the affordability criterion.
    capacity_f64: f64,
    /// Her months, and under stress.
    her: HerMonths,
    stressed: HerMonths,
    rules: Rules,
    /// The calendar month of the disbursement (0 for January), if set.
    start: Option<u32>,
    /// Her business profit in each calendar month, and the share of it the
    /// purchase brings (`None`: not known).
    profit: [Decimal; 12],
    purchase_share: Option<Decimal>,
}

impl MemberView {
    pub(super) fn new(plan: &crate::data::plans::MicroInvestmentPlan, settings: &Settings) -> Self {
        let keep = Decimal::ONE - percent(settings.stress_income_drop_percent).min(Decimal::ONE);
        let sales = plan.sales_in_months();
        let costs = plan.costs_in_months();
        let purchase_share = match (plan.sales_before, plan.new_business) {
            (Some(before), _) if plan.monthly_sales > Decimal::ZERO => Some(
                (Decimal::ONE - before / plan.monthly_sales).clamp(Decimal::ZERO, Decimal::ONE),
            ),
            (Some(_), _) => Some(Decimal::ZERO),
            (None, Some(true)) => Some(Decimal::ONE),
            (None, _) => None,
        };
        MemberView {
            need: plan.loan_needed(),
            capacity_f64: f(plan.repayment_capacity()),
            her: HerMonths::of(plan, Decimal::ONE),
            stressed: HerMonths::of(plan, keep),
            rules: rules(settings),
            start: settings.disbursed.map(|d| d.month().saturating_sub(1)),
            profit: std::array::from_fn(|m| sales[m] - costs[m]),
            purchase_share,
        }
    }

    /// A loan's months judged against hers.
    fn judge(&self, loan: &months::LoanMonths) -> (months::Judged, Option<u16>, Option<u8>) {
        months::judge_start(&self.her, loan, self.rules, self.start)
    }

    /// What the purchase adds to her profit over `n` months from the
    /// disbursement (`assumed`: the month assumed when none is set).
    fn extra_profit(&self, n: usize, assumed: Option<u8>) -> Option<Decimal> {
        let share = self.purchase_share?;
        let start = self.start.map(|m| m as usize).or(assumed.map(usize::from));
        let total: Decimal = match start {
            Some(s) => (1..=n).map(|k| self.profit[(s + k) % 12]).sum(),
            None => {
                self.profit.iter().copied().sum::<Decimal>() * Decimal::from(n as u64)
                    / Decimal::from(12)
            }
        };
        Some((total * share).round_dp(2))
    }
}

/// The term of an offer for her: the one nearest her preference (`nearest`,
/// already within the product's range) if she can afford it; else the
/// shortest longer term within the range that she can afford (what a month
/// takes falls as the term grows, so shorter ones fit even less): found by
/// halving, from the longest, so that an offer no term makes affordable is
/// priced twice, not once per month of its range. `nearest` when none fits
/// or the range is unknown. With the term, its judgement when the search
/// made it (the pair reads it instead of judging the same loan again).
fn best_term(
    cache: &mut PriceCache,
    offer: &OfferView,
    amount: Decimal,
    nearest: u32,
    view: &MemberView,
    settings: &Settings,
) -> (u32, Option<Judgement>) {
    let mut judge = |months: u32| {
        cache
            .price(offer, amount, months, settings.rounding)
            .as_ref()
            .ok()
            .map(|p| view.judge(&p.months))
    };
    let fits = |j: &Option<Judgement>| j.as_ref().is_some_and(|j| j.0.affordable);
    let Some((_, longest)) = offer.terms else {
        return (nearest, None);
    };
    if nearest >= longest {
        return (nearest, None);
    }
    let near = judge(nearest);
    if fits(&near) {
        return (nearest, near);
    }
    let long = judge(longest);
    if !fits(&long) {
        return (nearest, near);
    }
    // `nearest` does not fit, `longest` does: the first that fits between.
    let (mut lo, mut hi, mut judged) = (nearest, longest, long);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let j = judge(mid);
        if fits(&j) {
            (hi, judged) = (mid, j);
        } else {
            lo = mid;
        }
    }
    (hi, judged)
}

/// A loan judged against her months, with the months of the year a start
/// fits and the month assumed ([`months::judge_start`]).
type Judgement = (months::Judged, Option<u16>, Option<u8>);

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
    let mut ask_member = Vec::new();
    let mut failed_mask = 0u16;
    let (mut failed_rules, mut unknown_rules) = (0u8, 0u8);
    if full {
        let mut failed: Vec<(usize, String)> = Vec::new();
        for (rule, outcome) in eligibility::check(plan, need, &offer.facts, &eligibility::Words)
            .into_iter()
            .enumerate()
        {
            match outcome {
                Outcome::Pass => {}
                Outcome::Fail(r) => {
                    failed_mask |= 1 << rule;
                    failed.push((rule, r));
                }
                Outcome::Unknown(u) => {
                    // What is unknown of her is asked of her, not of the MFI.
                    if eligibility::offer_fact_of(rule, plan, &offer.facts).is_none() {
                        ask_member.push(u.clone());
                    }
                    to_verify.push(u);
                }
            }
        }
        // The rule that refuses her first: what she is (her CNIC, a past
        // default, her age...) before what would make the loan fit; "her own
        // savings would fit" only when the size is the only bar.
        failed.sort_by_key(|(rule, _)| eligibility::BINDING_ORDER.iter().position(|r| r == rule));
        if let [(0, only)] = failed.as_mut_slice()
            && let Some((_, hi)) = offer.facts.amount
            && need > hi
        {
            only.push_str(&format!(
                ": a loan of {} plus {} more of her own savings would fit",
                crate::money::rs(hi),
                crate::money::rs(need - hi)
            ));
        }
        exclusions = failed.into_iter().map(|(_, r)| r).collect();
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
    let (months, judged) = if amount > Decimal::ZERO && (full || failed_rules == 0) {
        best_term(cache, offer, amount, nearest, view, settings)
    } else {
        (nearest, None)
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
                    assumptions.extend(p.assumptions());
                }
                let (judged, fits, assumed) = judged.unwrap_or_else(|| view.judge(&p.months));
                let (stressed, _, _) = months::judge_start(
                    &view.stressed,
                    &p.months,
                    view.rules,
                    view.start.or(assumed.map(u32::from)),
                );
                let (largest, in_month) = p.months.largest();
                let cost = p.disclosure.total_cost;
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
                    total_cost: cost,
                    apr_percent: p.apr_percent,
                    eir_percent: p.eir_percent,
                    monthly_burden: months::rupees(judged.heaviest),
                    affordable: judged.affordable,
                    affordable_under_stress: stressed.affordable,
                    margin: months::rupees(judged.tightest),
                    stressed_margin: months::rupees(stressed.tightest),
                    put_aside: judged.aside,
                    short_months: if full { judged.short } else { Vec::new() },
                    dsr_percent: judged.dsr_bp.map(|bp| bp as f64 / 100.0),
                    paid_out: fits
                        .zip(assumed)
                        .map(|(fits, assumed)| PaidOut { fits, assumed }),
                    largest_payment: (months::rupees(largest), in_month as u32),
                    by_month: p.months.clone(),
                    worth: view
                        .extra_profit(p.months.len(), assumed)
                        .map(|extra_profit| Worth { extra_profit, cost }),
                    disclosure: p.disclosure.clone(),
                    low: p.low().map(|l| {
                        Box::new(LowEnd {
                            instalment: l.disclosure.instalment,
                            total_repaid: l.disclosure.total_repaid,
                            total_cost: l.disclosure.total_cost,
                            apr_percent: l.apr_percent,
                            eir_percent: l.eir_percent,
                            monthly_burden: months::rupees(view.judge(&l.months).0.heaviest),
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
            let cap = view.capacity_f64;
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
        ask_member,
        failed_mask,
        failed_rules,
        unknown_rules,
        assumptions,
        loan,
        unpriced,
        measures,
        values,
    }
}

/// Her repayment capacity in a usual month with sales and other income
/// lower by the stress percentage.
pub fn stressed_capacity(
    plan: &crate::data::plans::MicroInvestmentPlan,
    settings: &Settings,
) -> Decimal {
    let keep = Decimal::ONE - percent(settings.stress_income_drop_percent).min(Decimal::ONE);
    (plan.monthly_sales * keep - plan.monthly_business_costs + plan.other_income * keep
        - plan.household_expenses
        - plan.other_repayments_total())
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
