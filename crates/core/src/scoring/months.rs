//! A loan judged against her months, as a careful loan officer would: not
//! one average instalment against one average surplus, but her household's
//! money month by month from the disbursement to the last payment.
//!
//! Each month after the disbursement, her household earns its income that
//! month (her sales that month less her business costs, plus other income),
//! spends its household expenses and what she already repays on other
//! debts; what is left is her free money. Of it, the loan may take at most
//! the study's affordability share (75% by default); the rest is her buffer.
//! A month whose free money is below zero takes the deficit from what she
//! has. The loan's payments fall in their months: each instalment with its
//! charges, tax and savings; a balloon (a bullet, the last payment of an
//! interest-only loan) whole in its month. (A weekly or fortnightly payment
//! counts by its monthly equivalent: her income comes in week by week too.)
//!
//! The loan is affordable when:
//! 1. every payment is met, on its month, from that month's share of her
//!    free money, the cash she already has saved, or money she put aside in
//!    the months before it (a fixed sum a month, from the months with room
//!    to spare); when it needs money put aside, that is part of what she
//!    pays, and the loan is "affordable only if she puts aside Rs X a
//!    month";
//! 2. and in every month her debt-service ratio stays within the study's
//!    cap (50% by default, as RBI's rule for microfinance): what her income
//!    must carry for all her debts (her other repayments, the part of this
//!    loan's payment paid from the month's income, and what she puts aside)
//!    over her household's income that month. A payment met from cash she
//!    already has is no burden on the month's income.
//!
//! Without any of the plan's optional columns every month is her usual
//! month, and an equal monthly instalment is affordable exactly when it is
//! within the share of her monthly capacity, as before.
//!
//! Money here is counted in whole paisa (`i64`): the figures compared are
//! rupees with at most two decimals, and the check runs for every member,
//! offer and term.

use crate::data::plans::MicroInvestmentPlan;
use crate::data::settings::Settings;
use crate::pricing::{Priced, Structure};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use std::sync::Arc;

/// Rupees as whole paisa (rounded half away from zero; saturating).
pub fn paisa(d: Decimal) -> i64 {
    (d * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .to_i64()
        .unwrap_or(if d.is_sign_negative() {
            i64::MIN / 4
        } else {
            i64::MAX / 4
        })
}

/// Whole paisa as rupees.
pub fn rupees(p: i64) -> Decimal {
    Decimal::new(p, 2)
}

/// Her household's months, as the check reads them: income and free money
/// in each calendar month (January first), in paisa.
#[derive(Debug, Clone)]
pub struct HerMonths {
    /// Sales less business costs, plus other income.
    income: [i64; 12],
    /// Income less household expenses and other repayments.
    free: [i64; 12],
    /// What she already repays a month.
    debts: i64,
    /// Cash she has saved.
    savings: i64,
    /// Whether her months differ from one another.
    seasonal: bool,
}

impl HerMonths {
    /// Her months from her plan; `keep` is the share of her sales and other
    /// income kept under stress (1 without stress; her business costs and
    /// household expenses stay).
    pub fn of(plan: &MicroInvestmentPlan, keep: Decimal) -> HerMonths {
        let sales = plan.sales_in_months();
        let costs = plan.costs_in_months();
        let debts = plan.other_repayments_total();
        let income: [i64; 12] =
            std::array::from_fn(|m| paisa(sales[m] * keep - costs[m] + plan.other_income * keep));
        let free =
            std::array::from_fn(|m| income[m] - paisa(plan.household_expenses) - paisa(debts));
        HerMonths {
            income,
            free,
            debts: paisa(debts),
            savings: paisa(plan.savings_now),
            seasonal: free.iter().any(|f| *f != free[0]) || income.iter().any(|i| *i != income[0]),
        }
    }

    /// Whether her months differ (then the month the loan starts matters).
    pub fn seasonal(&self) -> bool {
        self.seasonal
    }

    /// Her lean months, as her plan shows them (bit 0: January): the
    /// calendar months whose free money is below that of her middle month
    /// (the median of her twelve); none when her months are alike.
    pub fn lean(&self) -> u16 {
        let mut sorted = self.free;
        sorted.sort_unstable();
        let middle = (sorted[5] + sorted[6]) / 2;
        (0..12)
            .filter(|&m| self.free[m] < middle)
            .fold(0, |bits, m| bits | 1 << m)
    }

    /// What the loan may take in calendar month `calendar` (0 for January,
    /// taken modulo 12): the study's share of her free money, never below
    /// nothing (paisa).
    pub fn room(&self, calendar: usize, rules: Rules) -> i64 {
        (self.free[calendar % 12] * rules.share_bp / 10_000).max(0)
    }
}

/// What a loan takes in each month after its disbursement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoanMonths {
    /// Paisa paid in month 1, 2, ... after the disbursement.
    pays: Arc<[i64]>,
    /// The regular payment as a month (paisa): a balloon is a month's
    /// payment well above it.
    regular: i64,
}

impl LoanMonths {
    /// The months of a priced loan: each payment in the month it falls
    /// (period × 12 / periods a year, rounded up); payments more often than
    /// monthly spread evenly over the months they cover, a balloon kept in
    /// its month.
    pub fn of(p: &Priced) -> LoanMonths {
        let ppy = p.periods_per_year.max(1);
        let month_of = |period: u32| -> usize {
            ((u64::from(period) * 12).div_ceil(u64::from(ppy))).max(1) as usize
        };
        let last = p
            .schedule
            .iter()
            .filter(|r| !r.pays().is_zero())
            .map(|r| month_of(r.period))
            .max()
            .unwrap_or(1);
        let mut pays = vec![0i64; last];
        let regular_payment = p
            .schedule
            .iter()
            .map(|r| r.pays())
            .find(|x| !x.is_zero())
            .unwrap_or_default();
        let regular_payment = paisa(regular_payment);
        if ppy > 12 {
            // Her income comes in week by week too: the regular payments
            // as their monthly equivalent, what is beyond them in its month.
            let mut pool = 0i64;
            for r in p.schedule.iter().filter(|r| !r.pays().is_zero()) {
                let x = paisa(r.pays());
                let part = x.min(regular_payment + regular_payment / 2);
                pool += part;
                if let Some(slot) = pays.get_mut(month_of(r.period) - 1) {
                    *slot += x - part;
                }
            }
            let n = pays.len() as i64;
            let each = pool / n;
            for slot in pays.iter_mut() {
                *slot += each;
            }
            if let Some(slot) = pays.last_mut() {
                *slot += pool - each * n;
            }
        } else {
            for r in p.schedule.iter().filter(|r| !r.pays().is_zero()) {
                if let Some(slot) = pays.get_mut(month_of(r.period) - 1) {
                    *slot += paisa(r.pays());
                }
            }
        }
        // The regular payment as a month: a bullet has none.
        let regular = match p.terms.structure {
            Structure::Bullet => 0,
            _ if ppy >= 12 => regular_payment * i64::from(ppy) / 12,
            _ => regular_payment,
        };
        LoanMonths {
            pays: pays.into(),
            regular,
        }
    }

    /// A loan's months from what it takes in each (paisa, month 1 first) and
    /// its regular payment as a month (0 for a bullet): for checking the
    /// rule against independent cases.
    pub fn from_pays(pays: Vec<i64>, regular: i64) -> LoanMonths {
        LoanMonths {
            pays: pays.into(),
            regular,
        }
    }

    /// How many months from the disbursement to the last payment.
    pub fn len(&self) -> usize {
        self.pays.len()
    }

    /// Whether the loan has no payment at all.
    pub fn is_empty(&self) -> bool {
        self.pays.is_empty()
    }

    /// Paisa paid in each month after the disbursement, month 1 first.
    pub fn pays(&self) -> &[i64] {
        &self.pays
    }

    /// Paisa paid in month `k` (1-based) after the disbursement.
    pub fn in_month(&self, k: usize) -> i64 {
        k.checked_sub(1)
            .and_then(|i| self.pays.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The largest payment of one month and its month (1-based).
    pub fn largest(&self) -> (i64, usize) {
        self.pays.iter().enumerate().fold(
            (0, 0),
            |best, (i, &x)| if x > best.0 { (x, i + 1) } else { best },
        )
    }
}

/// The study's rules for the check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    /// The share of her free money a month the loan may take, in basis
    /// points (7,500 for 75%).
    pub share_bp: i64,
    /// The highest debt-service ratio, in basis points (5,000 for 50%).
    pub cap_bp: i64,
}

/// The study's rules for the month-by-month check, in basis points.
pub(super) fn rules(settings: &Settings) -> Rules {
    let bp = |d: Decimal| (d * Decimal::ONE_HUNDRED).round().to_i64().unwrap_or(0);
    Rules {
        share_bp: bp(settings.affordability_percent),
        cap_bp: bp(settings.debt_service_cap_percent),
    }
}

/// What money put aside is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AsideFor {
    /// A payment well above the others: the last one of a bullet or
    /// interest-only loan.
    LargePayment,
    /// Her lean months (or months with an extra payment).
    LeanMonths,
}

/// Why a month is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ShortWhy {
    /// The payment is more than she can have by then, even putting aside
    /// all she can spare before it: (the payment, what she could have).
    Payment {
        /// Paisa due that month.
        pays: i64,
        /// Paisa she could have for it.
        could: i64,
    },
    /// Her household spends more than it earns that month, and nothing is
    /// left for it: (the month's deficit).
    Household {
        /// Paisa her household is short that month.
        deficit: i64,
    },
    /// Her debts would take more of her income than the cap: (the ratio in
    /// basis points; `None` when she has no income that month).
    Debts {
        /// Basis points of her income.
        ratio_bp: Option<i64>,
    },
}

/// A month in which the loan does not fit, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShortMonth {
    /// The month after the disbursement, from 1.
    pub month: u32,
    /// The calendar month (0 for January), when the disbursement's month
    /// is known or her months are all alike (then `None`).
    pub calendar: Option<u8>,
    /// Why.
    pub why: ShortWhy,
}

/// Months whose payment she cannot meet, said in one sentence: the
/// payment most of them ask, the least she can spare in any of them, and
/// whether she can spare the same in all (paisa). The reasons in English
/// and the app's repayment view in either language say it from this.
pub fn payment_shortfall<'a>(months: impl IntoIterator<Item = &'a ShortMonth>) -> (i64, i64, bool) {
    let amounts: Vec<(i64, i64)> = months
        .into_iter()
        .filter_map(|s| match s.why {
            ShortWhy::Payment { pays, could } => Some((pays, could)),
            _ => None,
        })
        .collect();
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for &(p, _) in &amounts {
        match counts.iter_mut().find(|(x, _)| *x == p) {
            Some(c) => c.1 += 1,
            None => counts.push((p, 1)),
        }
    }
    let usual = counts.iter().max_by_key(|c| c.1).map_or(0, |c| c.0);
    let least = amounts.iter().map(|a| a.1).min().unwrap_or(0);
    let same = amounts.iter().all(|a| a.1 == least);
    (usual, least, same)
}

/// A loan judged against her months.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judged {
    /// Whether it fits, as the rules say.
    pub affordable: bool,
    /// Whether it fits only because she puts money aside.
    pub aside: Option<Aside>,
    /// The months where it does not fit (empty when it fits).
    pub short: Vec<ShortMonth>,
    /// The most it takes from one month's income, money put aside
    /// included (paisa).
    pub heaviest: i64,
    /// The least room left in a month after it (paisa; negative: short).
    pub tightest: i64,
    /// The highest debt-service ratio over its months (basis points; `None`
    /// when a month has debts and no income).
    pub dsr_bp: Option<i64>,
    /// The sum she gives the loan a month (paisa): the smallest that meets
    /// every payment, or, when none does, the most she can.
    pub sum: i64,
}

/// Money she must put aside for the loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Aside {
    /// Paisa a month (whole rupees).
    pub monthly: i64,
    /// For how many months, from the first month after the disbursement.
    pub months: u32,
    /// What for.
    pub what_for: AsideFor,
    /// Whether she puts aside less in some of those months (her lean
    /// months leave less room): `monthly` is then the most.
    pub varies: bool,
}

/// The check of one start: `start` is the calendar month of the
/// disbursement (0 for January), `None` when it is not known and her months
/// are all alike (then no month is named by the calendar).
///
/// Until the last month whose payment its own room cannot meet, she gives
/// the loan one fixed sum a month (never more than the month's room), or
/// the month's payment when that is more and the month can meet it (a
/// payment her month can meet is never taken from her savings): what she
/// gives beyond the payment is put aside for a later payment; a payment
/// beyond what she gives comes out of what she put aside or the cash she
/// had saved. After that month she gives what falls due. The sum is the
/// smallest that meets every payment (an equal monthly loan's is its
/// instalment; none is needed when every month meets its own payment).
pub fn judge(her: &HerMonths, loan: &LoanMonths, rules: Rules, start: Option<usize>) -> Judged {
    let t = loan.len();
    let s0 = start.unwrap_or(0);
    let cal = |k: usize| (s0 + k) % 12;
    let calendar = |k: usize| start.map(|_| cal(k) as u8);
    // Each calendar month's room, worked out once (the check reads it
    // several times a month).
    let rooms: [i64; 12] = std::array::from_fn(|m| {
        let f = her.free[m];
        if f > 0 {
            f * rules.share_bp / 10_000
        } else {
            f
        }
    });
    let room = |k: usize| rooms[cal(k)];
    // What she gives the loan in month k with a sum of `b` a month (within
    // the month's room when `capped`): until the last month that draws on
    // money from before (`last`), the sum, or the payment when it is more
    // and the month's room meets it (a payment her month can meet is never
    // taken from her savings); after it, the payment.
    let give = |b: i64, k: usize, last: usize, capped: bool| {
        let r = if capped { room(k).max(0) } else { i64::MAX };
        let p = loan.in_month(k);
        if k > last {
            p.min(r)
        } else if p <= r {
            b.max(p).min(r)
        } else {
            b.min(r)
        }
    };
    // The last month that draws on money from before: whose payment its
    // room cannot meet, or whose household spends more than it earns.
    let last_draw = |_b: i64, capped: bool| {
        (1..=t)
            .rev()
            .find(|&k| {
                let r = if capped { room(k).max(0) } else { i64::MAX };
                loan.in_month(k) > r || room(k) < 0
            })
            .unwrap_or(0)
    };
    // Her cash month by month with `b` a month: whether it never runs out;
    // the months short listed when asked (she misses what she cannot pay,
    // and the next months are judged on their own).
    let simulate = |b: i64, capped: bool, mut shorts: Option<&mut Vec<ShortMonth>>| -> bool {
        let last = last_draw(b, capped);
        let mut cash = her.savings;
        let mut ok = true;
        for k in 1..=t {
            let r = room(k);
            let p = loan.in_month(k);
            cash += give(b, k, last, capped) - p;
            if r < 0 {
                cash += r;
            }
            if cash < 0 {
                ok = false;
                let Some(list) = shorts.as_deref_mut() else {
                    return false;
                };
                let why = if p > 0 {
                    ShortWhy::Payment {
                        pays: p,
                        could: (p + cash).max(0),
                    }
                } else {
                    ShortWhy::Household { deficit: -r }
                };
                list.push(ShortMonth {
                    month: k as u32,
                    calendar: calendar(k),
                    why,
                });
                cash = 0;
            }
        }
        ok
    };
    // The smallest sum a month (in paisa, up to `hi`) with which her cash
    // never runs out.
    let smallest = |hi: i64, capped: bool| {
        let (mut lo, mut hi) = (0i64, hi);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if simulate(mid, capped, None) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    };
    let most = || (1..=t).map(|k| room(k).max(0)).max().unwrap_or(0);
    let mut short: Vec<ShortMonth> = Vec::new();
    let largest = loan.largest().0;
    // Whether every month's room meets its payment, and whether, besides,
    // no month spends more than it earns (then no month draws on money
    // from before).
    let (each_month_its_own, no_draw) = (1..=t).fold((true, true), |(own, none), k| {
        let r = room(k);
        let p = loan.in_month(k);
        (own && r >= p, none && r >= p && r >= 0)
    });
    let sum = if each_month_its_own {
        // Every payment within its own month's room: nothing to put aside,
        // nothing taken from her savings.
        Some(largest)
    } else if simulate(most(), true, None) {
        Some(smallest(most(), true))
    } else {
        simulate(most(), true, Some(&mut short));
        None
    };
    // Not affordable: what the loan would need a month, were there room.
    // Not affordable: the same sum every month that would meet every
    // payment and deficit, were there room (the most, over the months, of
    // what is due by then beyond her savings, spread over the months so far).
    let needed = match sum {
        Some(b) => b,
        None => {
            let mut due_by_then = -her.savings;
            let mut most_needed = 0i64;
            for k in 1..=t {
                due_by_then += loan.in_month(k) + (-room(k)).max(0);
                let k = k as i64;
                most_needed = most_needed.max((due_by_then + k - 1).div_euclid(k));
            }
            most_needed
        }
    };
    let b = sum.unwrap_or_else(most);
    let last = if no_draw { 0 } else { last_draw(b, true) };
    // Each month's burden on her income, and her debt-service ratio.
    let mut heaviest = 0i64;
    let (mut tightest_given, mut tightest_due) = (i64::MAX, i64::MAX);
    let mut aside = 0i64;
    let mut least_aside = i64::MAX;
    let mut aside_months = 0u32;
    let mut dsr_bp: Option<i64> = Some(0);
    for k in 1..=t {
        let r = room(k);
        let p = loan.in_month(k);
        let given = give(b, k, last, true);
        if given > p {
            aside = aside.max(given - p);
            least_aside = least_aside.min(given - p);
            aside_months += 1;
        }
        heaviest = heaviest.max(given);
        tightest_given = tightest_given.min(r - given);
        tightest_due = tightest_due.min(r - p);
        let carried = her.debts + given;
        let income = her.income[cal(k)];
        let ratio = if income > 0 {
            Some(carried.saturating_mul(10_000) / income)
        } else if carried > 0 {
            None
        } else {
            Some(0)
        };
        dsr_bp = match (dsr_bp, ratio) {
            (Some(a), Some(x)) => Some(a.max(x)),
            _ => None,
        };
        // Her debts over the cap in a month the loan takes anything.
        if sum.is_some() && ratio.is_none_or(|x| x > rules.cap_bp) && (given > 0 || p > 0) {
            short.push(ShortMonth {
                month: k as u32,
                calendar: calendar(k),
                why: ShortWhy::Debts { ratio_bp: ratio },
            });
        }
    }
    let affordable = sum.is_some() && short.is_empty();
    let what_for = if loan.regular == 0 || largest * 2 > loan.regular * 3 {
        AsideFor::LargePayment
    } else {
        AsideFor::LeanMonths
    };
    let or_zero = |x: i64| if x == i64::MAX { 0 } else { x };
    Judged {
        affordable,
        // Put aside in whole rupees.
        aside: (affordable && aside > 0).then_some(Aside {
            monthly: (aside + 99) / 100 * 100,
            months: aside_months,
            what_for,
            varies: least_aside < aside,
        }),
        short,
        heaviest: if sum.is_some() { heaviest } else { needed },
        // The room left: after what she gives when her cash holds, after
        // what falls due when it does not; below zero when it does not fit.
        tightest: match (sum.is_some(), affordable) {
            (true, true) => or_zero(tightest_given),
            (true, false) => or_zero(tightest_given).min(-1),
            (false, _) => or_zero(tightest_due).min(-1),
        },
        dsr_bp,
        sum: b,
    }
}

/// One month of her loan, as her page and the app show it (paisa).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthRow {
    /// The month after the disbursement, from 1.
    pub month: u32,
    /// The calendar month (0 for January), when known.
    pub calendar: Option<u8>,
    /// Her household's income that month.
    pub income: i64,
    /// Its household expenses and her other repayments.
    pub out: i64,
    /// What the loan takes that month.
    pub pays: i64,
    /// What she puts aside for a later payment.
    pub aside: i64,
    /// What comes out of money she put aside before or had saved.
    pub from_before: i64,
    /// What is left of the month's money after all of it (negative: short).
    pub left: i64,
    /// Whether the month is short (a payment not met, or her debts over
    /// the cap).
    pub short: bool,
}

/// Her months over the loan, as judged: one row a month.
pub fn strip(
    her: &HerMonths,
    loan: &LoanMonths,
    rules: Rules,
    start: Option<usize>,
    judged: &Judged,
) -> Vec<MonthRow> {
    let s0 = start.unwrap_or(0);
    let cal = |k: usize| (s0 + k) % 12;
    let room = |k: usize| {
        let f = her.free[cal(k)];
        if f > 0 {
            f * rules.share_bp / 10_000
        } else {
            f
        }
    };
    let b = judged.sum;
    let t = loan.len();
    let last = (1..=t)
        .rev()
        .find(|&k| loan.in_month(k) > room(k).max(0) || room(k) < 0)
        .unwrap_or(0);
    (1..=t)
        .map(|k| {
            let p = loan.in_month(k);
            let r = room(k).max(0);
            let given = if k > last {
                p.min(r)
            } else if p <= r {
                b.max(p).min(r)
            } else {
                b.min(r)
            };
            let income = her.income[cal(k)];
            let out = income - her.free[cal(k)];
            MonthRow {
                month: k as u32,
                calendar: start.map(|_| cal(k) as u8),
                income,
                out,
                pays: p,
                aside: (given - p).max(0),
                from_before: (p - given).max(0),
                left: income - out - given,
                short: judged.short.iter().any(|s| s.month == k as u32),
            }
        })
        .collect()
}

/// The check, the disbursement's month known or not: when her months
/// differ and no month is set, every month of the year is tried and the
/// worst kept (the loan that fails when it starts before her lean months
/// fails), with the months of the year in which a start would fit. Worse
/// is: not fitting; then more months short; then more put aside; then less
/// room left; the earliest month of the year among equals.
/// Returns the judgement, and when every month was tried, the months in
/// which a start fits (bit 0: January) and the month kept.
pub fn judge_start(
    her: &HerMonths,
    loan: &LoanMonths,
    rules: Rules,
    start: Option<u32>,
) -> (Judged, Option<u16>, Option<u8>) {
    match (start, her.seasonal) {
        (Some(m), _) => (judge(her, loan, rules, Some((m as usize) % 12)), None, None),
        (None, false) => (judge(her, loan, rules, None), None, None),
        (None, true) => {
            let mut worst: Option<(Judged, u8)> = None;
            let mut fits = 0u16;
            for m in 0..12 {
                let j = judge(her, loan, rules, Some(m));
                if j.affordable {
                    fits |= 1 << m;
                }
                // Worse: not fitting; then more months short; then more
                // put aside; then less room left (the earliest month of the
                // year among equals).
                let key = |x: &Judged| {
                    (
                        x.affordable,
                        std::cmp::Reverse(x.short.len()),
                        std::cmp::Reverse(x.aside.map_or(0, |a| a.monthly)),
                        x.tightest,
                    )
                };
                let worse = worst.as_ref().is_none_or(|(w, _)| key(&j) < key(w));
                if worse {
                    worst = Some((j, m as u8));
                }
            }
            let (j, m) = worst.unwrap_or_else(|| (judge(her, loan, rules, Some(0)), 0));
            (j, Some(fits), Some(m))
        }
    }
}

/// A month as staff read it: "Jun" when the calendar is known, else
/// "month 3" (of the loan).
pub fn month_words(month: u32, calendar: Option<u8>) -> String {
    match calendar {
        Some(c) => crate::data::months::MONTHS[usize::from(c) % 12].to_string(),
        None => format!("month {month}"),
    }
}

/// Months in words: "Jun, Jul and Aug", "month 3 to month 12" when they
/// follow one another over more than three, "every month" when they are
/// all the `term` months of the loan.
pub fn months_list(months: &[(u32, Option<u8>)], term: u32) -> String {
    let names: Vec<String> = months.iter().map(|&(m, c)| month_words(m, c)).collect();
    let consecutive = months.windows(2).all(|w| w[1].0 == w[0].0 + 1);
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n if consecutive && months[0].0 == 1 && n as u32 >= term => "every month".into(),
        n if n > 3 && consecutive => format!("{} to {}", names[0], names[n - 1]),
        n if n > 6 => format!("{} and {} other months", names[..3].join(", "), n - 3),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}
