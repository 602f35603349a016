//! The terms of one loan as the pricing engine reads them: how often she
//! pays and on which dates, how the markup is charged and quoted and repaid,
//! how instalments are rounded, every charge and the compulsory savings.

use super::charges::{Charge, Savings};
pub use super::units::Rounding;
use crate::date::Date;
use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How often instalments fall due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Frequency {
    /// 12 a year.
    Monthly,
    /// Every four weeks, 13 a year.
    FourWeekly,
    /// Every two weeks, 26 a year.
    Fortnightly,
    /// 52 a year.
    Weekly,
    /// Every three months, 4 a year.
    Quarterly,
    /// One repayment at the end of the term (periods counted in months):
    /// the same as [`Structure::Bullet`] with monthly periods, kept because
    /// files written before structures existed say it this way.
    Bullet,
}

impl Frequency {
    /// The words used in files and flags, in the order of the enum.
    pub const NAMES: &'static [&'static str] = &[
        "monthly",
        "four-weekly",
        "fortnightly",
        "weekly",
        "quarterly",
        "bullet",
    ];

    /// Periods in a year; a bullet loan counts its time in months.
    pub fn periods_per_year(self) -> u32 {
        match self {
            Frequency::Monthly | Frequency::Bullet => 12,
            Frequency::FourWeekly => 13,
            Frequency::Fortnightly => 26,
            Frequency::Weekly => 52,
            Frequency::Quarterly => 4,
        }
    }

    /// The date of period `n` for a loan disbursed on `start`.
    pub fn due_date(self, start: Date, n: u32) -> Date {
        match self {
            Frequency::Monthly | Frequency::Bullet => start.add_months(n),
            Frequency::Quarterly => start.add_months(3 * n),
            Frequency::FourWeekly => start.add_days(28 * n),
            Frequency::Fortnightly => start.add_days(14 * n),
            Frequency::Weekly => start.add_days(7 * n),
        }
    }

    /// The date of period `n`, or `None` when it falls beyond the calendar's
    /// last day (31 December 9999).
    pub fn checked_due_date(self, start: Date, n: u32) -> Option<Date> {
        match self {
            Frequency::Monthly | Frequency::Bullet => start.checked_add_months(n),
            Frequency::Quarterly => start.checked_add_months(n.checked_mul(3)?),
            Frequency::FourWeekly => start.checked_add_days(n.checked_mul(28)?),
            Frequency::Fortnightly => start.checked_add_days(n.checked_mul(14)?),
            Frequency::Weekly => start.checked_add_days(n.checked_mul(7)?),
        }
    }

    /// "monthly", "every four weeks": for sentences.
    pub fn words(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::FourWeekly => "four-weekly",
            Frequency::Fortnightly => "fortnightly",
            Frequency::Weekly => "weekly",
            Frequency::Quarterly => "quarterly",
            Frequency::Bullet => "single",
        }
    }

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads the word used in files.
    pub fn parse(s: &str) -> Option<Self> {
        use Frequency::*;
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '_'], "-")
            .as_str()
        {
            "monthly" => Some(Monthly),
            "four-weekly" | "4-weekly" => Some(FourWeekly),
            "fortnightly" | "bi-weekly" | "biweekly" => Some(Fortnightly),
            "weekly" => Some(Weekly),
            "quarterly" | "3-monthly" => Some(Quarterly),
            "bullet" | "lump-sum" => Some(Bullet),
            _ => None,
        }
    }
}

/// How the markup is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    /// On the original amount for the whole term.
    Flat,
    /// On the balance still owed, equal instalments.
    Declining,
    /// Cost-plus sale of goods: the flows of a flat loan of the goods' cost.
    Murabaha,
    /// Qard-e-hasan: no markup at all; only fees, if any.
    Qard,
}

impl Basis {
    /// The words used in files and flags, in the order of the enum.
    pub const NAMES: &'static [&'static str] = &["flat", "declining", "murabaha", "qard"];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads the word used in files.
    pub fn parse(s: &str) -> Option<Self> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '_'], "-")
            .as_str()
        {
            "flat" => Some(Basis::Flat),
            "declining" | "declining-balance" | "reducing" => Some(Basis::Declining),
            "murabaha" | "cost-plus" => Some(Basis::Murabaha),
            "qard" | "qard-e-hasan" | "qarz-e-hasana" | "zero" => Some(Basis::Qard),
            _ => None,
        }
    }

    /// What the rate is called: a murabaha sale has no interest, so its rate
    /// is a cost-equivalent rate.
    pub fn rate_name(self) -> &'static str {
        match self {
            Basis::Murabaha => "cost-equivalent rate",
            _ => "APR",
        }
    }
}

/// Whether a markup is quoted per year or for the whole term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MarkupPer {
    /// Per annum.
    Year,
    /// Once, for the whole term.
    Term,
}

impl MarkupPer {
    /// The words used in files and flags, in the order of the enum.
    pub const NAMES: &'static [&'static str] = &["year", "term"];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads the word used in files.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "year" | "annual" | "per-year" | "pa" | "p.a." => Some(MarkupPer::Year),
            "term" | "per-term" | "whole-term" => Some(MarkupPer::Term),
            _ => None,
        }
    }
}

/// How the loan is repaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Structure {
    /// Equal instalments of principal and markup (the usual).
    #[default]
    Equal,
    /// One payment at the end of the term: the amount and its markup, the
    /// markup simple interest on the amount (never compounded).
    Bullet,
    /// The markup each period, the amount with the last instalment.
    InterestOnly,
}

impl Structure {
    /// The words used in files and flags, in the order of the enum.
    pub const NAMES: &'static [&'static str] = &["equal", "bullet", "interest-only"];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads the word used in files.
    pub fn parse(s: &str) -> Option<Self> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '_'], "-")
            .as_str()
        {
            "equal" | "equal-instalments" | "instalments" | "amortising" => Some(Structure::Equal),
            "bullet" | "lump-sum" | "single" => Some(Structure::Bullet),
            "interest-only" | "markup-only" | "balloon" => Some(Structure::InterestOnly),
            _ => None,
        }
    }
}

/// What happens to the markup of grace periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum GraceMarkup {
    /// Paid in each grace period (the instalments then repay the rest).
    Paid,
    /// Added up and repaid with the instalments, earning no markup itself.
    #[default]
    Accrued,
    /// Added to the balance, so that markup is charged on it too
    /// (compounded): only when a product says so.
    Capitalised,
}

impl GraceMarkup {
    /// The words used in files and flags, in the order of the enum.
    pub const NAMES: &'static [&'static str] = &["paid", "accrued", "capitalised"];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// What happens to it, for sentences.
    pub fn words(self) -> &'static str {
        match self {
            GraceMarkup::Paid => "paid in each grace period",
            GraceMarkup::Accrued => "repaid with the instalments",
            GraceMarkup::Capitalised => "added to the balance",
        }
    }

    /// Reads the word used in files.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "paid" => Some(GraceMarkup::Paid),
            "accrued" | "deferred" => Some(GraceMarkup::Accrued),
            "capitalised" | "capitalized" | "compounded" => Some(GraceMarkup::Capitalised),
            _ => None,
        }
    }
}

/// How the markup on a declining balance is counted over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DayCount {
    /// Each period is the same fraction of a year (1/12 for months).
    #[default]
    Periods,
    /// The actual days between due dates over 365 (needs the dates).
    Actual365,
    /// Months of 30 days over a year of 360.
    Thirty360,
}

impl DayCount {
    /// The words used in files and flags, in the order of the enum.
    pub const NAMES: &'static [&'static str] = &["periods", "actual-365", "30-360"];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads the word used in files.
    pub fn parse(s: &str) -> Option<Self> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '_', '/'], "-")
            .as_str()
        {
            "periods" | "periodic" => Some(DayCount::Periods),
            "actual-365" | "act-365" | "actual" => Some(DayCount::Actual365),
            "30-360" => Some(DayCount::Thirty360),
            _ => None,
        }
    }
}

/// Everything needed to price one loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanTerms {
    /// Cash lent, or the cost of the goods for murabaha.
    pub amount: Decimal,
    /// How the markup is charged.
    pub basis: Basis,
    /// The quoted markup in percent (22 means 22%). Ignored for qard.
    pub markup_percent: Decimal,
    /// Per year or for the whole term.
    pub markup_per: MarkupPer,
    /// The term in months.
    pub months: u32,
    /// How often instalments fall due.
    pub frequency: Frequency,
    /// Equal instalments, a bullet, or markup only then the amount.
    pub structure: Structure,
    /// The number of instalments, when not the term's number of periods.
    pub instalments: Option<u32>,
    /// Periods with no payment of the amount before the first instalment.
    pub grace_periods: u32,
    /// What happens to the markup of the grace periods.
    pub grace_markup: GraceMarkup,
    /// How the markup on a declining balance counts time.
    pub day_count: DayCount,
    /// Every charge: fees, premiums, taxes on them.
    pub charges: Arc<[Charge]>,
    /// Compulsory savings, if any.
    pub savings: Option<Savings>,
    /// The day the loan is paid out: the schedule then has dates.
    pub disbursed: Option<Date>,
    /// How instalments are rounded.
    pub rounding: Rounding,
}

impl LoanTerms {
    /// A monthly flat-rate loan with no charges, rounded to the rupee.
    pub fn flat(amount: Decimal, markup_percent: Decimal, months: u32) -> Self {
        LoanTerms {
            amount,
            basis: Basis::Flat,
            markup_percent,
            markup_per: MarkupPer::Year,
            months,
            frequency: Frequency::Monthly,
            structure: Structure::Equal,
            instalments: None,
            grace_periods: 0,
            grace_markup: GraceMarkup::Accrued,
            day_count: DayCount::Periods,
            charges: Arc::from(Vec::new()),
            savings: None,
            disbursed: None,
            rounding: Rounding::Rupee,
        }
    }

    /// The same terms with these charges.
    pub fn with_charges(self, charges: Vec<Charge>) -> Self {
        LoanTerms {
            charges: Arc::from(charges),
            ..self
        }
    }

    /// The charges quoted as a range (`Rs 1,000-2,000`): each one's name and
    /// the range as written.
    pub fn ranges(&self) -> Vec<(Arc<str>, String)> {
        self.charges
            .iter()
            .filter(|c| c.amount.is_range())
            .map(|c| (c.name.clone(), c.amount.to_string()))
            .collect()
    }

    /// The same terms with every charge quoted as a range at one end
    /// (`high`: its high end), to be priced at both.
    pub fn at_end(&self, high: bool) -> LoanTerms {
        if !self.charges.iter().any(|c| c.amount.is_range()) {
            return self.clone();
        }
        LoanTerms {
            charges: self.charges.iter().map(|c| c.at(high)).collect(),
            ..self.clone()
        }
    }
}

/// The longest term accepted, in months.
pub const MAX_MONTHS: u32 = 120;
