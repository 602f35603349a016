//! Every member against every offer: eligibility, the loan and its price,
//! affordability (and under stress), and the criteria's measures and values.

use super::cache::PriceCache;
use super::measures::{OfferView, offer_views};
use super::months::{self, Aside, HerMonths, Rules, ShortMonth};
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
    /// The most the loan takes from one month's income, money she puts
    /// aside for it included (the instalment, for an equal monthly loan of
    /// a member whose months are alike): compared with her capacity by the
    /// affordability criterion. Never shown as an instalment.
    pub monthly_burden: Decimal,
    /// Whether it fits her months ([`months`]): every payment met on its
    /// month, her debt-service ratio within the cap.
    pub affordable: bool,
    /// The same with her income lowered by the stress percentage.
    pub affordable_under_stress: bool,
    /// The least room left in one of its months after it (negative: short).
    pub margin: Decimal,
    /// The same under stress.
    pub stressed_margin: Decimal,
    /// When it fits only because she puts money aside: how much a month,
    /// for how long, and what for (a large last payment, her lean months).
    pub put_aside: Option<Aside>,
    /// When it does not fit: the months it fails, and why.
    pub short_months: Vec<ShortMonth>,
    /// Her highest debt-service ratio over the loan's months, in percent
    /// (`None`: a month with debts and no income).
    pub dsr_percent: Option<f64>,
    /// When her months differ and no disbursement date is set: the months
    /// of the year (bit 0 for January) in which a disbursement would fit,
    /// and the month assumed (the worst).
    pub paid_out: Option<PaidOut>,
    /// The largest payment of one month and the month it falls in (after
    /// the disbursement, from 1).
    pub largest_payment: (Decimal, u32),
    /// What it takes in each month after the disbursement (shared with
    /// every member taking the same loan).
    pub by_month: months::LoanMonths,
    /// Whether the purchase pays for the loan: what it adds to her profit
    /// over the loan's months against what the loan costs (`None` when her
    /// plan does not say what her business earned before).
    pub worth: Option<Worth>,
    /// The key facts of this loan (amount in hand, each charge, savings,
    /// totals, markup-only APR), shared with every member taking the same
    /// loan: the app, the report and the files read them from here.
    pub disclosure: Arc<Disclosure>,
    /// These figures are those of the loan's unknown terms at their high
    /// end (the stated worst case the ranking reads); the same at their low
    /// end (the best case), when they differ.
    pub low: Option<Box<LowEnd>>,
}

/// Her months over a loan, for her page and the app: one row a month from
/// the disbursement to the last payment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HerStrip {
    /// One row a month.
    pub rows: Vec<months::MonthRow>,
    /// The calendar month of the disbursement (0 for January), when set,
    /// or assumed (the worst) when her months differ.
    pub start: Option<u8>,
    /// Whether `start` is assumed (no disbursement date set).
    pub assumed: bool,
    /// Whether her plan gives no month-by-month figures (every month is
    /// her usual month).
    pub same_every_month: bool,
}

impl Loan {
    /// Her months over this loan (`priced` its schedule, from
    /// [`Pair::priced`]), as judged.
    pub fn her_months(
        &self,
        plan: &crate::data::plans::MicroInvestmentPlan,
        priced: &pricing::Priced,
        settings: &Settings,
    ) -> HerStrip {
        let her = HerMonths::of(plan, Decimal::ONE);
        let loan = months::LoanMonths::of(priced);
        let r = rules(settings);
        let set = settings
            .disbursed
            .map(|d| (d.month().saturating_sub(1)) as u8);
        let assumed = self.paid_out.map(|p| p.assumed);
        let start = set.or(assumed);
        let (judged, _, _) = months::judge_start(&her, &loan, r, start.map(u32::from));
        // Her months alike and no date: no calendar to name.
        let start = if her.seasonal() || set.is_some() {
            start
        } else {
            None
        };
        HerStrip {
            rows: months::strip(&her, &loan, r, start.map(usize::from), &judged),
            start,
            assumed: set.is_none() && start.is_some(),
            same_every_month: !plan.says_her_months(),
        }
    }

    /// Whether its largest payment is a balloon: well above its regular
    /// payment (a bullet's, or an interest-only loan's last).
    pub fn has_balloon(&self) -> bool {
        let regular = self.disclosure.regular_payment;
        self.largest_payment.0 * Decimal::TWO > regular * Decimal::from(3)
    }

    /// Why it does not fit her months, in words for staff (`None` when it
    /// fits): which months, and why.
    pub fn short_words(&self, settings: &Settings) -> Option<String> {
        use months::ShortWhy;
        if self.short_months.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        let pay: Vec<&ShortMonth> = self
            .short_months
            .iter()
            .filter(|s| matches!(s.why, ShortWhy::Payment { .. }))
            .collect();
        let (largest, in_month) = self.largest_payment;
        let balloon = self.has_balloon();
        for s in &pay {
            if let ShortWhy::Payment { could, .. } = s.why
                && balloon
                && s.month == in_month
            {
                parts.push(format!(
                    "the payment of {} in {} is more than she can have by then, even putting aside all she can spare ({})",
                    crate::money::rs(largest),
                    months::month_words(s.month, s.calendar),
                    crate::money::rs(months::rupees(could))
                ));
            }
        }
        let regular: Vec<&&ShortMonth> = pay
            .iter()
            .filter(|s| !(balloon && s.month == in_month))
            .collect();
        if !regular.is_empty() {
            let list: Vec<(u32, Option<u8>)> =
                regular.iter().map(|s| (s.month, s.calendar)).collect();
            // The payment most months ask, and the least she can spare.
            let (usual, least, same_could) = months::payment_shortfall(regular.iter().map(|s| **s));
            parts.push(format!(
                "in {} the payment ({}) is more than she can spare ({}{})",
                months::months_list(&list, self.months),
                crate::money::rs(months::rupees(usual)),
                if same_could { "" } else { "as little as " },
                crate::money::rs(months::rupees(least))
            ));
        }
        let household: Vec<(u32, Option<u8>)> = self
            .short_months
            .iter()
            .filter(|s| matches!(s.why, ShortWhy::Household { .. }))
            .map(|s| (s.month, s.calendar))
            .collect();
        if !household.is_empty() {
            parts.push(format!(
                "in {} her household spends more than it earns and nothing is left",
                months::months_list(&household, self.months)
            ));
        }
        let debts: Vec<&ShortMonth> = self
            .short_months
            .iter()
            .filter(|s| matches!(s.why, ShortWhy::Debts { .. }))
            .collect();
        if !debts.is_empty() {
            let list: Vec<(u32, Option<u8>)> =
                debts.iter().map(|s| (s.month, s.calendar)).collect();
            let worst = debts
                .iter()
                .filter_map(|s| match s.why {
                    ShortWhy::Debts { ratio_bp } => Some(ratio_bp),
                    _ => None,
                })
                .max_by_key(|r| r.unwrap_or(i64::MAX));
            let share = match worst.flatten() {
                Some(bp) => format!("{}% of her income", bp / 100),
                None => "more than her income".into(),
            };
            parts.push(format!(
                "in {} her debts would take {share} (the study allows at most {}%)",
                months::months_list(&list, self.months),
                settings.debt_service_cap_percent.normalize()
            ));
        }
        Some(parts.join("; "))
    }

    /// What she hands over, in words for staff: "Rs 2,117 x 12", or with a
    /// balloon "Rs 417 x 11, then Rs 20,417 in month 12" (never an average).
    pub fn payments_words(&self) -> String {
        let pay = self.payment_ends();
        let regular = crate::money::rs_range(pay.low, pay.high);
        if self.has_balloon() && self.count > 1 {
            format!(
                "{regular} x {}, then {} in month {}",
                self.count - 1,
                crate::money::rs(self.largest_payment.0),
                self.largest_payment.1
            )
        } else if self.has_balloon() {
            format!(
                "{} in month {}",
                crate::money::rs(self.largest_payment.0),
                self.largest_payment.1
            )
        } else {
            format!("{regular} x {}", self.count)
        }
    }

    /// Its regular payment with how often, in words for the board: "Rs 880
    /// a month", "Rs 250 a week", or with a balloon "Rs 417 a month, then
    /// Rs 20,417 in month 12" (never an average).
    pub fn payment_per(&self) -> String {
        let pay = self.payment_ends();
        let every = match self.disclosure.periods_per_year {
            52 => "a week",
            26 => "a fortnight",
            13 => "every four weeks",
            4 => "a quarter",
            2 => "every six months",
            1 => "a year",
            _ => "a month",
        };
        let regular = format!("{} {every}", crate::money::rs_range(pay.low, pay.high));
        match (self.has_balloon(), self.count > 1) {
            (true, true) => format!(
                "{regular}, then {} in month {}",
                crate::money::rs(self.largest_payment.0),
                self.largest_payment.1
            ),
            (true, false) => format!(
                "{} in month {}",
                crate::money::rs(self.largest_payment.0),
                self.largest_payment.1
            ),
            _ => regular,
        }
    }

    /// When it fits only with money put aside, in words for staff.
    pub fn aside_words(&self) -> Option<String> {
        let a = self.put_aside?;
        let what = match a.what_for {
            months::AsideFor::LargePayment => format!(
                "the payment of {} in month {}",
                crate::money::rs(self.largest_payment.0),
                self.largest_payment.1
            ),
            months::AsideFor::LeanMonths => "her lean months".into(),
        };
        Some(format!(
            "only if she puts aside {}{} a month for {} month{} for {what}",
            if a.varies { "up to " } else { "" },
            crate::money::rs(months::rupees(a.monthly)),
            a.months,
            if a.months == 1 { "" } else { "s" }
        ))
    }
}

/// When a loan could be paid out, her months differing and no date set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PaidOut {
    /// The months of the year in which paying out fits (bit 0: January).
    pub fits: u16,
    /// The month assumed, the worst (0 for January).
    pub assumed: u8,
}

/// What the purchase brings against what the loan costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Worth {
    /// The profit the purchase adds over the loan's months.
    pub extra_profit: Decimal,
    /// What the loan costs (its high end).
    pub cost: Decimal,
}

impl Worth {
    /// Whether the purchase pays for the loan.
    pub fn pays(&self) -> bool {
        self.extra_profit >= self.cost
    }
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

/// The study's rules for the month-by-month check, in basis points.
pub(super) fn rules(settings: &Settings) -> Rules {
    let bp = |d: Decimal| (d * Decimal::ONE_HUNDRED).round().to_i64().unwrap_or(0);
    Rules {
        share_bp: bp(settings.affordability_percent),
        cap_bp: bp(settings.debt_service_cap_percent),
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
