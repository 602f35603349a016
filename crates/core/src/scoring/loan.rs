//! The loan a member would take from one offer, as an evaluation keeps it:
//! its figures priced at the high end of its unknown terms (and the low
//! end), how it fits her months, and its figures in words for staff.

use super::months::{self, Aside, HerMonths, ShortMonth, rules};
use crate::data::settings::Settings;
use crate::pricing::{self, Disclosure, Frequency};
use rust_decimal::Decimal;
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
    /// [`Pair::priced`](super::Pair::priced)), as judged.
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

    /// Whether its largest payment is a balloon: a month's payment well
    /// above its regular payment as a month (a bullet's, or an interest-only
    /// loan's last; never a month of weekly instalments, which is about 4.3
    /// of them).
    pub fn has_balloon(&self) -> bool {
        let d = &self.disclosure;
        // More often than monthly: her months count them spread evenly
        // ([`months::LoanMonths::of`]), so a month is compared with that.
        let regular = match d.periods_per_year {
            ppy if ppy > 12 => d.regular_payment * Decimal::from(ppy) / Decimal::from(12),
            _ => d.regular_payment,
        };
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
