//! Terms to negotiate with the MFI, for a member whose offer does not fit
//! her months (or fits only if she puts money aside, or only over a longer
//! term than she asked for): up to three, each priced like any offer (APR and
//! rupee cost, at both ends of unknown terms), judged by the same month rule
//! ([`super::months`]), and proposed only when it fits:
//!
//! 1. **a longer term** within the product's range: the term the best-term
//!    search chose when the one she asked for does not fit (the offer's own
//!    figures; her page and `score` already say that the term is not hers);
//! 2. **a grace in her lean months**: no instalment in the months her plan
//!    shows lean ([`HerMonths::lean`]), equal instalments in the others;
//! 3. **a seasonal schedule**: each month's instalment in proportion to the
//!    room her month leaves (the study's share of her free money), so smaller
//!    in her lean months (for a member whose months are alike, equal
//!    instalments: what a balloon becomes when repaid along the way).
//!
//! What the MFI charges for them is the product's markup on its basis,
//! spread over the payments ([`crate::pricing::price_shaped`]): a declining
//! markup keeps running on the balance, a flat one is the same total. A grace
//! or seasonal schedule is tried over the term she asked for, then over the
//! shortest longer term within the product's range that makes it fit; it is
//! proposed only when it fits with nothing put aside, and when it is not the
//! offer itself. Both are monthly: a product paid weekly, fortnightly,
//! four-weekly or quarterly gets only the longer term. The months are placed
//! from the disbursement's month: the study's date, or the month the offer
//! was judged paid out in (the hardest), when her months differ.
//!
//! Worked out when shown (her page, `score --json`, the app's repayment
//! view), not during the evaluation: the ranking never reads them.

use super::loan::{Ends, HerStrip};
use super::months::{self, Aside, HerMonths, LoanMonths, paisa, rules, rupees};
use super::numbers::percent;
use super::result::Pair;
use crate::data::matrix::Matrix;
use crate::data::plans::MicroInvestmentPlan;
use crate::data::settings::Settings;
use crate::offer::{self, End};
use crate::pricing::{self, Priced};
use rust_decimal::Decimal;

/// What is proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposed {
    /// A longer term within the product's range.
    LongerTerm,
    /// No instalment in her lean months.
    Grace,
    /// Instalments in proportion to the room her months leave.
    Seasonal,
}

impl Proposed {
    /// The word in `score --json`.
    pub fn key(self) -> &'static str {
        match self {
            Proposed::LongerTerm => "longer_term",
            Proposed::Grace => "grace",
            Proposed::Seasonal => "seasonal",
        }
    }
}

/// Terms to negotiate with the MFI, priced and judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// What is proposed.
    pub kind: Proposed,
    /// Months from the disbursement to the last payment.
    pub months: u32,
    /// The term she asked for (the nearest within the product's range).
    pub asked_months: u32,
    /// What she pays in each month after the disbursement (paisa), month 1
    /// first, with the charges, tax and savings paid with it; at the high
    /// end of unknown terms.
    pub pays: Vec<i64>,
    /// The calendar month of the disbursement its months are placed from
    /// (0 for January); `None` when her months are alike and no date is set.
    pub start: Option<u8>,
    /// The APR (a cost-equivalent rate for murabaha), at both ends.
    pub apr: Ends<f64>,
    /// What it costs her in rupees, at both ends.
    pub total_cost: Ends<Decimal>,
    /// "APR", or "cost-equivalent rate" for murabaha.
    pub rate_name: String,
    /// Whether it fits her months (always, for what is proposed).
    pub fits: bool,
    /// Whether it still fits with her income lowered by the stress share.
    pub fits_under_stress: bool,
    /// Money she must put aside for it (only for a longer term, as the
    /// offer's own).
    pub put_aside: Option<Aside>,
}

impl Proposal {
    /// The calendar month (0 for January) of month `k` of the loan, when
    /// its months are placed.
    pub fn calendar(&self, k: u32) -> Option<u8> {
        self.start.map(|s| ((u32::from(s) + k) % 12) as u8)
    }

    /// The months with no payment before the last (a grace): (month of the
    /// loan, calendar month).
    pub fn no_payment(&self) -> Vec<(u32, Option<u8>)> {
        self.pays
            .iter()
            .enumerate()
            .filter(|(_, p)| **p == 0)
            .map(|(k, _)| (k as u32 + 1, self.calendar(k as u32 + 1)))
            .collect()
    }

    /// Its payments as they are said: the months paying another amount
    /// than most (each amount with its months, in the order of their first
    /// month), the amount most months pay, and the last payment when it is
    /// none of these (it takes what rounding left).
    pub fn said(&self) -> Said {
        let last_at = self.pays.iter().rposition(|p| *p != 0);
        let mut groups: Vec<(i64, Months)> = Vec::new();
        for (k, &p) in self.pays.iter().enumerate() {
            if p == 0 || Some(k) == last_at {
                continue;
            }
            let month = (k as u32 + 1, self.calendar(k as u32 + 1));
            match groups.iter_mut().find(|(x, _)| *x == p) {
                Some((_, months)) => months.push(month),
                None => groups.push((p, vec![month])),
            }
        }
        let last = last_at.and_then(|k| self.pays.get(k)).copied().unwrap_or(0);
        // The amount of the most months (the first among equals).
        let most = groups
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.1.len().cmp(&b.1.1.len()).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i);
        let usual = match most {
            Some(i) => groups.remove(i).0,
            None => last,
        };
        let last = (!groups.iter().any(|g| g.0 == last) && last != usual).then_some(last);
        Said {
            in_other_months: !groups.is_empty() || !self.no_payment().is_empty(),
            others: groups,
            usual,
            last,
            count: self.count(),
        }
    }

    /// What is proposed, in a few words for a table: "18 months instead of
    /// 12", "no payment in Jun, Jul and Aug", "payments by her months".
    pub fn short_words(&self) -> String {
        match self.kind {
            Proposed::LongerTerm => {
                format!("{} months instead of {}", self.months, self.asked_months)
            }
            Proposed::Grace => format!(
                "no payment in {}",
                months::months_list(&self.no_payment(), self.months)
            ),
            Proposed::Seasonal if self.said().others.is_empty() => format!(
                "{} a month over {} months",
                crate::money::rs(rupees(self.said().usual)),
                self.months
            ),
            Proposed::Seasonal => "payments by her months".into(),
        }
    }

    /// Her months over it, one row a month, as the repayment view draws
    /// them (`plan` and `settings` those it was proposed for).
    pub fn her_months(&self, plan: &MicroInvestmentPlan, settings: &Settings) -> HerStrip {
        let her = HerMonths::of(plan, Decimal::ONE);
        let most = self.pays.iter().copied().max().unwrap_or(0);
        let loan = LoanMonths::from_pays(self.pays.clone(), most);
        let r = rules(settings);
        let at = self.start.map(usize::from);
        let judged = months::judge(&her, &loan, r, at);
        HerStrip {
            rows: months::strip(&her, &loan, r, at, &judged),
            start: self.start,
            assumed: settings.disbursed.is_none() && self.start.is_some(),
            same_every_month: !plan.says_her_months(),
        }
    }

    /// How many payments.
    pub fn count(&self) -> usize {
        self.pays.iter().filter(|p| **p != 0).count()
    }

    /// In words for staff: "no payment in Jun, Jul and Aug: Rs 3,900 in the
    /// other months, the last Rs 3,817 (9 payments); costs Rs 5,017, APR
    /// 23.6%".
    pub fn words(&self) -> String {
        let said = self.said();
        let mut parts: Vec<String> = said
            .others
            .iter()
            .map(|(p, months)| {
                format!(
                    "{} in {}",
                    crate::money::rs(rupees(*p)),
                    months::months_list(months, self.months)
                )
            })
            .collect();
        let usual = crate::money::rs(rupees(said.usual));
        parts.push(if !said.in_other_months {
            format!("{usual} a month")
        } else {
            format!("{usual} in the other months")
        });
        if let Some(last) = said.last {
            parts.push(format!("the last {}", crate::money::rs(rupees(last))));
        }
        let what = match self.kind {
            Proposed::LongerTerm => format!(
                "over {} months instead of the {} she asked for",
                self.months, self.asked_months
            ),
            Proposed::Grace => format!(
                "no payment in {}",
                months::months_list(&self.no_payment(), self.months)
            ),
            Proposed::Seasonal => "payments by her months".to_string(),
        };
        let rate = if self.rate_name == "APR" {
            "APR"
        } else {
            "cost-equivalent rate"
        };
        let mut out = format!(
            "{what}: {} ({} payment{}); costs {}, {rate} {}",
            parts.join(", "),
            said.count,
            if said.count == 1 { "" } else { "s" },
            crate::money::rs_range(self.total_cost.low, self.total_cost.high),
            crate::money::rate_range(self.apr.low, self.apr.high)
        );
        if let Some(a) = self.put_aside {
            out.push_str(&format!(
                " (only if she puts aside {} a month)",
                crate::money::rs(rupees(a.monthly))
            ));
        }
        if !self.fits_under_stress {
            out.push_str(" (not under stress)");
        }
        out
    }
}

/// Months of a loan: (month after the disbursement, from 1; the calendar
/// month, 0 for January, when placed).
pub type Months = Vec<(u32, Option<u8>)>;

/// A proposal's payments as they are said ([`Proposal::said`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// The amounts fewer months pay, each with its months (month of the
    /// loan, calendar month), in the order of their first month (paisa).
    pub others: Vec<(i64, Months)>,
    /// The amount most months pay (paisa).
    pub usual: i64,
    /// Whether `usual` is said "in the other months" rather than "a month"
    /// (some months pay another amount, or nothing).
    pub in_other_months: bool,
    /// The last payment, when it is neither `usual` nor one of `others`.
    pub last: Option<i64>,
    /// How many payments.
    pub count: usize,
}

/// A shaped schedule tried at one term, at the high end of unknown terms.
struct Tried {
    months: u32,
    weights: Vec<Decimal>,
    shaped: pricing::Shaped,
    by_month: LoanMonths,
    fits: bool,
}

/// The terms to negotiate for one member and one offer (`pair`, of an
/// evaluation of `matrix` with `settings`; `plan` hers): none when the offer
/// fits her months over the term she asked for with nothing put aside, when
/// a rule excludes it, or when nothing fits.
pub fn to_negotiate(
    pair: &Pair,
    plan: &MicroInvestmentPlan,
    matrix: &Matrix,
    settings: &Settings,
) -> Vec<Proposal> {
    let Some(l) = &pair.loan else {
        return Vec::new();
    };
    let asked = l.preferred_months;
    if pair.failed_rules > 0 || (l.affordable && l.put_aside.is_none() && l.months == asked) {
        return Vec::new();
    }
    let r = rules(settings);
    let keep = Decimal::ONE - percent(settings.stress_income_drop_percent).min(Decimal::ONE);
    let her = HerMonths::of(plan, Decimal::ONE);
    let stressed = HerMonths::of(plan, keep);
    let set = settings
        .disbursed
        .map(|d| (d.month().saturating_sub(1) % 12) as u8);
    let start = set.or(if her.seasonal() {
        l.paid_out.map(|p| p.assumed % 12)
    } else {
        None
    });
    let at = start.map(usize::from);
    let mut out = Vec::new();
    // 1. The longer term the best-term search chose.
    let longer = l.months != asked && l.affordable;
    if longer {
        out.push(Proposal {
            kind: Proposed::LongerTerm,
            months: l.by_month.len() as u32,
            asked_months: asked,
            pays: l.by_month.pays().to_vec(),
            start,
            apr: l.apr_ends(),
            total_cost: l.total_cost_ends(),
            rate_name: l.disclosure.rate_name.clone(),
            fits: true,
            fits_under_stress: l.affordable_under_stress,
            put_aside: l.put_aside,
        });
    }
    let Some(inst) = matrix.institution(&pair.mfi) else {
        return out;
    };
    let Some(product) = inst.products.iter().find(|x| x.name == pair.product) else {
        return out;
    };
    let highs = offer::Highs::of(&matrix.institutions);
    let price_at = |months: u32, end: End| -> Option<Priced> {
        let (terms, _) = offer::loan_terms(
            inst,
            product,
            l.amount,
            months,
            settings.rounding,
            &highs,
            end,
        )
        .ok()?;
        pricing::price(&terms).ok()
    };
    // The longest term to try: the product's; shorter than the longer term
    // chosen when that one fits with nothing put aside (a grace or a
    // seasonal schedule over as long a term would be no better).
    let mut longest = offer::term_range(product).map_or(asked, |(_, hi)| hi.max(asked));
    if longer && l.put_aside.is_none() {
        longest = longest.min(l.months.saturating_sub(1));
    }
    if longest < asked {
        return out;
    }
    // Without lean months there is no grace to give; for a member whose
    // months are alike, an offer in equal monthly instalments is already
    // its own seasonal schedule (equal shares give the engine's schedule).
    let kinds = [
        (Proposed::Grace, her.lean() != 0),
        (
            Proposed::Seasonal,
            her.seasonal()
                || l.disclosure.structure != pricing::Structure::Equal
                || l.disclosure.grace_periods > 0,
        ),
    ];
    for kind in kinds.into_iter().filter(|k| k.1).map(|k| k.0) {
        let weights_of = |span: usize| -> Option<Vec<Decimal>> {
            let cal = |k: usize| at.unwrap_or(0) + k;
            let w: Vec<Decimal> = match kind {
                Proposed::Grace => {
                    let lean = her.lean();
                    (1..=span)
                        .map(|k| {
                            if lean & (1 << (cal(k) % 12)) != 0 {
                                Decimal::ZERO
                            } else {
                                Decimal::ONE
                            }
                        })
                        .collect()
                }
                _ => (1..=span)
                    .map(|k| Decimal::from(her.room(cal(k), r)))
                    .collect(),
            };
            // A grace needs a month without payment before the last.
            let last = w.iter().rposition(|x| *x > Decimal::ZERO)?;
            (kind != Proposed::Grace || w[..last].iter().any(|x| x.is_zero())).then_some(w)
        };
        let attempt = |months: u32| -> Option<Tried> {
            let base = price_at(months, End::High)?;
            if base.periods_per_year != 12 {
                return None;
            }
            let offer_months = LoanMonths::of(&base);
            let weights = weights_of(offer_months.len())?;
            let shaped = pricing::price_shaped(&base, &weights).ok()?;
            let pays: Vec<i64> = shaped.pays().iter().map(|p| paisa(*p)).collect();
            // The offer's own schedule is nothing to negotiate.
            if pays.as_slice() == offer_months.pays() {
                return None;
            }
            let most = pays.iter().copied().max().unwrap_or(0);
            let by_month = LoanMonths::from_pays(pays, most);
            let judged = months::judge(&her, &by_month, r, at);
            Some(Tried {
                months,
                weights,
                shaped,
                fits: judged.affordable && judged.aside.is_none(),
                by_month,
            })
        };
        let fits = |months: u32| attempt(months).filter(|t| t.fits);
        let found = match fits(asked) {
            Some(t) => Some(t),
            None if longest > asked && fits(longest).is_some() => {
                // The shortest that fits between, by halving (as the best
                // term is found).
                let (mut lo, mut hi) = (asked, longest);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if fits(mid).is_some() {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                fits(hi)
            }
            None => None,
        };
        let Some(t) = found else { continue };
        // The low end of unknown terms: the same shape, its own figures.
        let low = l
            .uncertain()
            .then(|| price_at(t.months, End::Low))
            .flatten()
            .and_then(|b| pricing::price_shaped(&b, &t.weights).ok());
        let stress = months::judge(&stressed, &t.by_month, r, at);
        out.push(Proposal {
            kind,
            months: t.by_month.len() as u32,
            asked_months: asked,
            pays: t.by_month.pays().to_vec(),
            start,
            apr: Ends {
                low: low.as_ref().map_or(t.shaped.apr_percent, |s| s.apr_percent),
                high: t.shaped.apr_percent,
            },
            total_cost: Ends {
                low: low.as_ref().map_or(t.shaped.total_cost, |s| s.total_cost),
                high: t.shaped.total_cost,
            },
            rate_name: l.disclosure.rate_name.clone(),
            fits: true,
            fits_under_stress: stress.affordable,
            put_aside: None,
        });
    }
    out
}
