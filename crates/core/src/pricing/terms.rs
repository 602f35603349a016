//! The terms of one loan as the pricing engine reads them: how often she
//! pays, how the markup is charged and quoted, how instalments are rounded,
//! and every charge and deposit.

use crate::money::Charge;
use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};

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
    /// One repayment at the end of the term (periods counted in months).
    Bullet,
}

impl Frequency {
    /// The words used in files and flags, in the order of the enum.
    pub const NAMES: &'static [&'static str] =
        &["monthly", "four-weekly", "fortnightly", "weekly", "bullet"];

    /// Periods in a year; a bullet loan counts its time in months.
    pub fn periods_per_year(self) -> u32 {
        match self {
            Frequency::Monthly | Frequency::Bullet => 12,
            Frequency::FourWeekly => 13,
            Frequency::Fortnightly => 26,
            Frequency::Weekly => 52,
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

/// How instalments are rounded. The last instalment absorbs the difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Rounding {
    /// No rounding to currency: amounts are kept to 10 decimal places, so
    /// sums stay exact (for checking against reference figures).
    None,
    /// To the paisa (two decimals).
    Paisa,
    /// To the whole rupee, as MFIs collect in practice. The default.
    #[default]
    Rupee,
}

impl Rounding {
    /// The words used in files and flags, in the order of the enum.
    pub const NAMES: &'static [&'static str] = &["none", "paisa", "rupee"];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads the word used in files.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Some(Rounding::None),
            "paisa" => Some(Rounding::Paisa),
            "rupee" => Some(Rounding::Rupee),
            _ => None,
        }
    }

    /// Rounds an amount by this rule, halves away from zero.
    pub fn apply(self, d: Decimal) -> Decimal {
        match self {
            Rounding::None => d.round_dp_with_strategy(10, RoundingStrategy::MidpointAwayFromZero),
            Rounding::Paisa => d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
            Rounding::Rupee => d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero),
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
    /// The number of instalments, when not the term's number of periods.
    pub instalments: Option<u32>,
    /// Periods with no payment before the first instalment.
    pub grace_periods: u32,
    /// Upfront fees (documentation charges).
    pub fee: Charge,
    /// Upfront insurance premium.
    pub insurance: Charge,
    /// Insurance or other charges paid with every instalment, in rupees.
    pub charge_per_instalment: Decimal,
    /// Deposit or compulsory savings withheld at disbursement, refunded at the end.
    pub deposit: Charge,
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
            instalments: None,
            grace_periods: 0,
            fee: Charge::NONE,
            insurance: Charge::NONE,
            charge_per_instalment: Decimal::ZERO,
            deposit: Charge::NONE,
            rounding: Rounding::Rupee,
        }
    }
}

/// The longest term accepted, in months.
pub const MAX_MONTHS: u32 = 120;
