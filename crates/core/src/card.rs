//! Loan cards: what an MFI's card or repayment schedule says she received
//! and paid, on which dates, priced to its true cost. Staff often have a
//! card, not a statement of terms; MFTransparency priced Pakistan's
//! products from such cards. A card is one line per event:
//!
//! ```text
//! date,amount,what
//! 2026-01-15,25000,disbursed
//! 2026-01-15,480,charge
//! 2026-02-15,2604,payment
//! ...
//! ```
//!
//! `what` is `disbursed` (she receives it), `charge` (a fee, premium or tax
//! she pays), `payment` (an instalment), `savings` (savings she pays in or
//! that are withheld) or `refund` (savings returned to her). Dates may be
//! irregular: an odd first period, unequal payments, a final balloon,
//! weekly to yearly, over up to 30 years.
//!
//! Three methods give the annual rate, each the law of a place:
//!
//! - [`Method::Periodic`] (the default): MFTransparency's and Pakistani
//!   disclosures' method, the tool's `price`: the periodic rate r of the
//!   flows in the card's unit period (its most common interval), a flow
//!   that falls between periods counted in fractions of a period and
//!   compounded like the rest; APR = r x periods a year, EIR = (1 + r)^periods
//!   a year - 1.
//! - [`Method::UsActuarial`]: the actuarial method of the US Regulation Z,
//!   Appendix J (12 CFR 1026): the same unit period, whole periods counted
//!   back from each date, the odd days left as a fraction of a period on
//!   which interest is simple, 1 / ((1 + f i)(1 + i)^t); APR = i x periods a
//!   year.
//! - [`Method::Eu`]: the EU Consumer Credit Directive's (2008/48/EC, Annex
//!   I): the annual effective rate X with time in years, (1 + X)^-t, whole
//!   years counted back from each date and the days left over the length of
//!   that year (365, or 366 with 29 February); APR = EIR = X.

use crate::data::matrix::{Institution, Matrix, Product};
use crate::data::table::{self, ColumnSpec};
use crate::date::Date;
use crate::error::{LoadError, LoadErrors};
use crate::money;
use crate::offer::{self, End, Highs};
use crate::pricing::{self, Priced, Rounding, Timing};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::{Deserialize, Serialize};

/// The longest card, first date to last, in years.
pub const MAX_YEARS: u32 = 30;

/// The most lines a card may have (30 years of weekly payments, each with
/// a charge and savings, fit several times over).
pub const MAX_LINES: usize = 20_000;

/// What a line of a card is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum What {
    /// The loan paid out to her.
    Disbursed,
    /// A charge she pays: a fee, a premium, a tax.
    Charge,
    /// An instalment she pays.
    Payment,
    /// Savings she pays in, or that are withheld.
    Savings,
    /// Savings returned to her.
    Refund,
}

impl What {
    /// The words of the `what` column, in the order of the enum.
    pub const NAMES: &'static [&'static str] =
        &["disbursed", "charge", "payment", "savings", "refund"];

    /// The word of the `what` column.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads the `what` column, with the words cards use for each.
    pub fn parse(s: &str) -> Option<What> {
        match s.trim().to_lowercase().as_str() {
            "disbursed" | "disbursement" | "loan" | "received" => Some(What::Disbursed),
            "charge" | "fee" | "charges" | "insurance" | "premium" | "tax" => Some(What::Charge),
            "payment" | "instalment" | "installment" | "repayment" | "paid" => Some(What::Payment),
            "savings" | "saving" | "deposit" | "withheld" => Some(What::Savings),
            "refund" | "refunded" | "savings refund" | "returned" => Some(What::Refund),
            _ => None,
        }
    }

    /// Whether she receives it (the loan, a refund) rather than pays it.
    pub fn received(self) -> bool {
        matches!(self, What::Disbursed | What::Refund)
    }
}

/// One line of a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardLine {
    /// The day.
    pub date: Date,
    /// The rupees, above zero.
    pub amount: Decimal,
    /// What it is.
    pub what: What,
    /// Its line in the file or the text it was read from (1 = the first).
    pub line: u64,
}

/// A loan card: its lines in date order (lines of one day in their order).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LoanCard {
    /// Its lines.
    pub lines: Vec<CardLine>,
}

impl LoanCard {
    /// The rupees of the lines of one kind.
    pub fn total(&self, what: What) -> Decimal {
        self.lines
            .iter()
            .filter(|l| l.what == what)
            .map(|l| l.amount)
            .sum()
    }

    /// The day the loan is first paid out.
    pub fn start(&self) -> Option<Date> {
        self.lines
            .iter()
            .find(|l| l.what == What::Disbursed)
            .map(|l| l.date)
    }

    /// The last day of the card.
    pub fn end(&self) -> Option<Date> {
        self.lines.last().map(|l| l.date)
    }

    /// The card as the lines of a CSV file (`date,amount,what`), which
    /// [`load_card`] and [`parse_card_text`] read back equal.
    pub fn to_text(&self) -> String {
        let mut s = String::from("date,amount,what\n");
        for l in &self.lines {
            s.push_str(&format!(
                "{},{},{}\n",
                l.date,
                l.amount.normalize(),
                l.what.as_str()
            ));
        }
        s
    }
}

/// The columns of a card file.
pub const CARD_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "date",
        required: true,
    },
    ColumnSpec {
        name: "amount",
        required: true,
    },
    ColumnSpec {
        name: "what",
        required: true,
    },
    ColumnSpec {
        name: "note",
        required: false,
    },
];

/// What a card's `what` holds, for messages.
fn what_expected() -> String {
    format!("one of {}", What::NAMES.join(", "))
}

/// Reads the three cells of a line; every problem, each with its column.
fn read_cells(
    date: &str,
    amount: &str,
    what: &str,
) -> Result<CardLine, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let d = Date::parse(date);
    if d.is_none() {
        errors.push((
            "date",
            format!(
                "expected a date like 2026-01-15, found \"{}\"",
                table::clip(date)
            ),
        ));
    }
    let a = match money::parse_amount(amount) {
        Ok(a) if a > Decimal::ZERO => Some(a),
        Ok(_) => {
            errors.push((
                "amount",
                "expected an amount above zero (a line that is nothing has no place on a card)"
                    .to_string(),
            ));
            None
        }
        Err(e) => {
            errors.push(("amount", e));
            None
        }
    };
    let w = What::parse(what);
    if w.is_none() {
        errors.push((
            "what",
            format!(
                "expected {}, found \"{}\"",
                what_expected(),
                table::clip(what)
            ),
        ));
    }
    match (d, a, w) {
        (Some(date), Some(amount), Some(what)) => Ok(CardLine {
            date,
            amount,
            what,
            line: 0,
        }),
        _ => Err(errors),
    }
}

/// Reads a card file (CSV or `.xlsx`, the columns `date,amount,what` and an
/// optional `note`). Every problem of the file is reported at once.
pub fn load_card(file: &str, bytes: &[u8]) -> Result<LoanCard, LoadErrors> {
    let t = table::read_table(file, bytes, CARD_COLUMNS)?;
    let label = t.file.clone();
    let (c_date, c_amount, c_what) = (t.col("date"), t.col("amount"), t.col("what"));
    let mut errors = LoadErrors::default();
    let mut lines = Vec::new();
    if t.rows.len() > MAX_LINES {
        return Err(LoadErrors(vec![LoadError::file(
            &label,
            format!("{} lines: a card has at most {MAX_LINES}", t.rows.len()),
        )]));
    }
    for row in &t.rows {
        match read_cells(row.get(c_date), row.get(c_amount), row.get(c_what)) {
            Ok(l) => lines.push(CardLine {
                line: row.line,
                ..l
            }),
            Err(es) => {
                for (col, msg) in es {
                    errors.push(LoadError::at(&label, row.line, Some(col), msg));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    check_card(&label, lines)
}

/// Reads a card typed or pasted as lines, `2026-01-15, 25,000, disbursed`:
/// the date first, the word last, the rupees between (grouping commas
/// need no quotes); separated by commas, semicolons, tabs or spaces; a
/// header line (`date,amount,what`) and empty lines are skipped. `file`
/// names it in messages.
pub fn parse_card_text(file: &str, text: &str) -> Result<LoanCard, LoadErrors> {
    let mut errors = LoadErrors::default();
    let mut lines = Vec::new();
    for (k, raw) in text.lines().enumerate() {
        let n = k as u64 + 1;
        let t = raw.trim().trim_matches(|c| c == ',' || c == ';');
        if t.is_empty() || t.to_lowercase().replace(' ', "").starts_with("date,amount") {
            continue;
        }
        if lines.len() + errors.0.len() >= MAX_LINES {
            errors.push(LoadError::at(
                file,
                n,
                None,
                format!("a card has at most {MAX_LINES} lines"),
            ));
            break;
        }
        let sep = |c: char| c == ',' || c == ';' || c == '\t' || c.is_whitespace();
        let t = t.replace('"', "");
        let (date, rest) = t.split_once(sep).unwrap_or((&t, ""));
        let rest = rest.trim_matches(sep);
        let (amount, what) = rest
            .rsplit_once(sep)
            .map(|(a, w)| (a.trim_matches(sep), w))
            .unwrap_or((rest, ""));
        match read_cells(date, amount, what) {
            Ok(l) => lines.push(CardLine { line: n, ..l }),
            Err(es) => {
                for (col, msg) in es {
                    errors.push(LoadError::at(file, n, Some(col), msg));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    check_card(file, lines)
}

/// The rules of a whole card: a loan paid out, a payment after it, nothing
/// before it, at most 30 years; its lines in date order.
fn check_card(file: &str, mut lines: Vec<CardLine>) -> Result<LoanCard, LoadErrors> {
    lines.sort_by_key(|l| l.date);
    let mut errors = LoadErrors::default();
    let Some(start) = lines
        .iter()
        .find(|l| l.what == What::Disbursed)
        .map(|l| l.date)
    else {
        return Err(LoadErrors(vec![LoadError::file(
            file,
            "no line says what was paid out to her: add one with what = disbursed",
        )]));
    };
    for l in lines.iter().filter(|l| l.date < start) {
        errors.push(LoadError::at(
            file,
            l.line,
            Some("date"),
            format!(
                "a {} on {}, before the loan is paid out on {}: date a charge taken when it is paid out on that day",
                l.what.as_str(),
                l.date,
                start
            ),
        ));
    }
    if !lines
        .iter()
        .any(|l| l.what == What::Payment && l.date > start)
    {
        errors.push(LoadError::file(
            file,
            format!("no payment after the loan is paid out on {start}: add the instalments (what = payment)"),
        ));
    }
    if let Some(end) = lines.last().map(|l| l.date)
        && start.add_months(12 * MAX_YEARS) < end
    {
        errors.push(LoadError::file(
            file,
            format!("the card runs from {start} to {end}: at most {MAX_YEARS} years"),
        ));
    }
    errors.into_result(LoanCard { lines })
}

/// How the annual rate of a card is worked out (see the module's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Method {
    /// MFTransparency's and Pakistan's: r x periods a year.
    #[default]
    Periodic,
    /// US Regulation Z, Appendix J: the actuarial method.
    UsActuarial,
    /// EU Consumer Credit Directive: the annual effective rate.
    Eu,
}

impl Method {
    /// The words on the command line, in the order of the enum.
    pub const NAMES: &'static [&'static str] = &["periodic", "us-actuarial", "eu"];

    /// The word on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads a method's name.
    pub fn parse(s: &str) -> Option<Method> {
        match s.trim().to_lowercase().replace([' ', '_'], "-").as_str() {
            "periodic" | "mftransparency" | "pakistan" => Some(Method::Periodic),
            "us-actuarial" | "us" | "actuarial" | "regulation-z" | "reg-z" | "appendix-j" => {
                Some(Method::UsActuarial)
            }
            "eu" | "eu-ccd" | "aprc" | "ccd" => Some(Method::Eu),
            _ => None,
        }
    }

    /// The method in words.
    pub fn words(self) -> &'static str {
        match self {
            Method::Periodic => "periodic (MFTransparency): r x periods a year",
            Method::UsActuarial => "US actuarial (Regulation Z, Appendix J)",
            Method::Eu => "EU (Consumer Credit Directive, Annex I): annual effective rate",
        }
    }
}

/// The unit period of a card: the interval that occurs most often between
/// its payments (Regulation Z's rule, used by the periodic method too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// Every day.
    Day,
    /// Every `n` weeks (1: weekly, 2: fortnightly, 4: four-weekly).
    Weeks(u32),
    /// Every `n` months (1: monthly, 3: quarterly, 12: yearly).
    Months(u32),
    /// One payment: the whole term is the period, in days (and in months
    /// when it is a whole number of them).
    Term {
        /// Its days.
        days: u32,
        /// Its months, when whole.
        months: Option<u32>,
    },
}

impl Unit {
    /// Periods in a year: 365 days, 52 weeks, 12 months, or the term's.
    pub fn per_year(self) -> f64 {
        match self {
            Unit::Day => 365.0,
            Unit::Weeks(w) => 52.0 / f64::from(w.max(1)),
            Unit::Months(m) => 12.0 / f64::from(m.max(1)),
            Unit::Term {
                months: Some(m), ..
            } => 12.0 / f64::from(m.max(1)),
            Unit::Term { days, .. } => 365.0 / f64::from(days.max(1)),
        }
    }

    /// "monthly", "every 4 weeks".
    pub fn words(self) -> String {
        match self {
            Unit::Day => "daily".into(),
            Unit::Weeks(1) => "weekly".into(),
            Unit::Weeks(2) => "fortnightly".into(),
            Unit::Weeks(w) => format!("every {w} weeks"),
            Unit::Months(1) => "monthly".into(),
            Unit::Months(3) => "quarterly".into(),
            Unit::Months(12) => "yearly".into(),
            Unit::Months(m) => format!("every {m} months"),
            Unit::Term {
                months: Some(m), ..
            } => format!("one payment after {m} months"),
            Unit::Term { days, .. } => format!("one payment after {days} days"),
        }
    }

    /// Its length in days, about, to compare intervals.
    fn days(self) -> f64 {
        match self {
            Unit::Day => 1.0,
            Unit::Weeks(w) => 7.0 * f64::from(w),
            Unit::Months(m) => 365.0 / 12.0 * f64::from(m),
            Unit::Term { days, .. } => f64::from(days),
        }
    }
}

/// The months from `a`'s month to `b`'s.
fn month_diff(a: Date, b: Date) -> i64 {
    (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month()) - i64::from(a.month())
}

/// Whether `d` is the last day of its month.
fn month_end(d: Date) -> bool {
    d.add_days(1).month() != d.month()
}

/// `d` less `n` months, the day clipped to the month's length; `None` before
/// the calendar's start.
fn sub_months(d: Date, n: u32) -> Option<Date> {
    d.checked_add_months_signed(-i64::from(n))
}

/// The interval from `a` to `b` as a standard interval, if it is one: a
/// whole number of months (the same day of the month, or month ends), of
/// weeks, or one day.
fn standard_interval(a: Date, b: Date) -> Option<Unit> {
    let n = month_diff(a, b);
    if (1..=12).contains(&n) {
        let n = n as u32;
        let same_day = a.add_months(n) == b;
        let ends = month_end(a) && (month_end(b) || b.day() > a.day()) && b.day() >= 28;
        if same_day || ends {
            return Some(Unit::Months(n));
        }
    }
    let days = a.days_until(b);
    if days == 1 {
        return Some(Unit::Day);
    }
    if days > 0 && days % 7 == 0 && days / 7 <= 52 {
        return Some(Unit::Weeks((days / 7) as u32));
    }
    None
}

/// The card's unit period: the standard interval that occurs most often
/// between the day the loan is paid out and the days she pays (the
/// smaller when two occur as often); with none that occurs twice, the
/// standard interval nearest their average; one payment alone, the term.
fn unit_of(start: Date, paid: &[Date]) -> Unit {
    let mut dates = vec![start];
    dates.extend(paid.iter().copied().filter(|d| *d > start));
    dates.dedup();
    if dates.len() == 2 {
        let (a, b) = (dates[0], dates[1]);
        let days = a.days_until(b).max(1) as u32;
        let n = month_diff(a, b);
        let months = (n > 0 && a.add_months(n as u32) == b).then_some(n as u32);
        return Unit::Term { days, months };
    }
    let mut counts: Vec<(Unit, usize)> = Vec::new();
    for w in dates.windows(2) {
        if let Some(u) = standard_interval(w[0], w[1]) {
            match counts.iter_mut().find(|(x, _)| *x == u) {
                Some((_, c)) => *c += 1,
                None => counts.push((u, 1)),
            }
        }
    }
    let best = counts
        .iter()
        .filter(|(_, c)| *c >= 2)
        .max_by(|(a, ca), (b, cb)| {
            ca.cmp(cb).then(
                b.days()
                    .partial_cmp(&a.days())
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
        });
    if let Some((u, _)) = best {
        return *u;
    }
    // No common period: the standard interval nearest the average.
    let first = dates.first().copied().unwrap_or(start);
    let last = dates.last().copied().unwrap_or(start);
    let average = first.days_until(last) as f64 / (dates.len().max(2) - 1) as f64;
    let candidates = [
        Unit::Weeks(1),
        Unit::Weeks(2),
        Unit::Weeks(4),
        Unit::Months(1),
        Unit::Months(2),
        Unit::Months(3),
        Unit::Months(6),
        Unit::Months(12),
    ];
    let mut best = Unit::Months(1);
    let mut gap = f64::INFINITY;
    for c in candidates {
        let g = (c.days() - average).abs();
        if g < gap - 1e-9 {
            best = c;
            gap = g;
        }
    }
    best
}

/// The time from `start` to `d` in unit periods: whole periods counted back
/// from `d`, and the fraction left (Regulation Z, Appendix J, (b)(5)).
fn periods(unit: Unit, start: Date, d: Date) -> (f64, f64) {
    if d <= start {
        return (0.0, 0.0);
    }
    match unit {
        Unit::Day => (start.days_until(d) as f64, 0.0),
        Unit::Weeks(w) => {
            let days = start.days_until(d);
            let len = 7 * i64::from(w.max(1));
            ((days / len) as f64, (days % len) as f64 / len as f64)
        }
        Unit::Months(12) => {
            // Whole years back; the rest in whole months over 12, or days over 365.
            let mut k = (month_diff(start, d) / 12).max(0) as u32;
            while k > 0 && sub_months(d, 12 * k).is_none_or(|x| x < start) {
                k -= 1;
            }
            let from = sub_months(d, 12 * k).unwrap_or(start);
            let m = month_diff(start, from).max(0) as u32;
            let f = if start.add_months(m) == from {
                f64::from(m) / 12.0
            } else {
                start.days_until(from) as f64 / 365.0
            };
            (f64::from(k), f)
        }
        Unit::Months(m) => {
            let mut k = month_diff(start, d).max(0) as u32;
            while k > 0 && sub_months(d, k).is_none_or(|x| x < start) {
                k -= 1;
            }
            let rest = start.days_until(sub_months(d, k).unwrap_or(start)).max(0) as u32;
            if m == 1 {
                (f64::from(k), f64::from(rest) / 30.0)
            } else {
                let days = 30 * k + rest;
                let len = 30 * m;
                (
                    f64::from(days / len),
                    f64::from(days % len) / f64::from(len),
                )
            }
        }
        Unit::Term { .. } => (1.0, 0.0),
    }
}

/// The time from `start` to `d` in years, for the EU method: whole years
/// counted back from `d`, the days left over the length of that year (365,
/// or 366 when it holds 29 February).
fn years(start: Date, d: Date) -> f64 {
    if d <= start {
        return 0.0;
    }
    let mut k = (month_diff(start, d) / 12).max(0) as u32;
    while k > 0 && sub_months(d, 12 * k).is_none_or(|x| x < start) {
        k -= 1;
    }
    let from = sub_months(d, 12 * k).unwrap_or(start);
    let year = start.days_until(start.add_months(12)).max(365) as f64;
    f64::from(k) + start.days_until(from) as f64 / year
}

/// Why a card has no rate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    /// What is taken on the day it is paid out is all of it.
    #[error(
        "the charges and savings on the day the loan is paid out ({}) take all of it ({}): she receives nothing",
        money::rs(*taken),
        money::rs(*disbursed)
    )]
    NothingReceived {
        /// Taken that day.
        taken: Decimal,
        /// Paid out that day.
        disbursed: Decimal,
    },
    /// She pays back less than she receives: often a card typed halfway.
    #[error(
        "she pays {} in all (payments, charges and savings), less than the {} she receives (the loan and any refund): there is no cost, so no rate; is every payment on the card?",
        money::rs(*paid),
        money::rs(*received)
    )]
    PaysBackLess {
        /// What she pays in all.
        paid: Decimal,
        /// What she receives in all.
        received: Decimal,
    },
    /// No rate of 0% or more balances the card.
    #[error("{0}")]
    NoRate(#[from] pricing::RateError),
}

/// A card priced: its rupees, and its rates by one method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardPrice {
    /// The method.
    pub method: Method,
    /// The unit period (periodic and US methods; the EU method counts years).
    pub unit: Unit,
    /// Unit periods in a year.
    pub periods_per_year: f64,
    /// The day the loan is first paid out.
    pub start: Date,
    /// The last day of the card.
    pub end: Date,
    /// Everything paid out to her.
    pub disbursed: Decimal,
    /// What she has in hand on the first day: paid out, less the charges
    /// and savings taken that day.
    pub received: Decimal,
    /// Her instalments.
    pub payments: Decimal,
    /// How many instalments.
    pub payment_count: usize,
    /// The charges she pays, taxes included.
    pub charges: Decimal,
    /// The savings she pays in or that are withheld.
    pub savings: Decimal,
    /// The savings returned to her.
    pub refunds: Decimal,
    /// Everything she pays: instalments, charges and savings.
    pub total_paid: Decimal,
    /// What the loan costs her: all she pays less what she receives.
    pub total_cost: Decimal,
    /// The rate per unit period (the EU method: per year).
    pub periodic_rate: f64,
    /// The annual percentage rate, in percent.
    pub apr_percent: f64,
    /// The effective annual rate, in percent.
    pub eir_percent: f64,
}

/// A rate for people and files: rounded to 4 places; `None` beyond any number.
fn rate_decimal(x: f64) -> Option<Decimal> {
    if !x.is_finite() || x.abs() > 1e15 {
        return None;
    }
    Decimal::from_f64(x).map(|d| d.round_dp(4))
}

impl CardPrice {
    /// "1 payment", "12 payments".
    pub fn payments_words(&self) -> String {
        match self.payment_count {
            1 => "1 payment".into(),
            n => format!("{n} payments"),
        }
    }

    /// The APR in percent, to 4 places (`None` beyond any number).
    pub fn apr(&self) -> Option<Decimal> {
        rate_decimal(self.apr_percent)
    }

    /// The EIR in percent, to 4 places (`None` beyond any number).
    pub fn eir(&self) -> Option<Decimal> {
        rate_decimal(self.eir_percent)
    }
}

/// The rate `r >= 0` at which `npv(r)` is zero, `npv` falling from
/// `npv(0) < 0` (she pays more than she receives) to what she receives on
/// the first day as `r` grows: bracketed, then narrowed by the Illinois
/// method (regula falsi that halves the stale end), to 15 digits.
fn solve(npv: impl Fn(f64) -> f64) -> Result<f64, pricing::RateError> {
    use pricing::RateError;
    let at0 = npv(0.0);
    if !at0.is_finite() {
        return Err(RateError::Invalid);
    }
    if at0.abs() < 1e-9 {
        return Ok(0.0);
    }
    if at0 > 0.0 {
        return Err(RateError::PaysBackLess);
    }
    let (mut lo, mut flo) = (0.0f64, at0);
    let mut hi = 1.0f64;
    let mut fhi = npv(hi);
    while !(fhi.is_finite() && fhi > 0.0) {
        if fhi.is_finite() {
            lo = hi;
            flo = fhi;
        }
        hi *= 2.0;
        if hi > 1e6 {
            return Err(RateError::NotFound);
        }
        fhi = npv(hi);
    }
    let mut side = 0i8;
    for _ in 0..400 {
        let mid = (lo * fhi - hi * flo) / (fhi - flo);
        let mid = if mid.is_finite() && mid > lo && mid < hi {
            mid
        } else {
            0.5 * (lo + hi)
        };
        let f = npv(mid);
        if f == 0.0 || (hi - lo) <= 1e-15 * hi.max(1e-9) {
            return Ok(mid);
        }
        if f < 0.0 {
            lo = mid;
            flo = f;
            if side == -1 {
                fhi *= 0.5;
            }
            side = -1;
        } else {
            hi = mid;
            fhi = f;
            if side == 1 {
                flo *= 0.5;
            }
            side = 1;
        }
    }
    Ok(0.5 * (lo + hi))
}

/// Prices a card by `method`: its rupees, its unit period, APR and EIR.
pub fn price_card(card: &LoanCard, method: Method) -> Result<CardPrice, CardError> {
    let start = card
        .start()
        .ok_or(CardError::NoRate(pricing::RateError::Invalid))?;
    let end = card.end().unwrap_or(start);
    let paid: Vec<Date> = card
        .lines
        .iter()
        .filter(|l| !l.what.received() && l.date > start)
        .map(|l| l.date)
        .collect();
    let unit = unit_of(start, &paid);
    // The flows by day, signed as she sees them: + received, - paid.
    let mut flows: Vec<(Date, Decimal)> = Vec::new();
    for l in &card.lines {
        let signed = if l.what.received() {
            l.amount
        } else {
            -l.amount
        };
        match flows.last_mut() {
            Some((d, sum)) if *d == l.date => *sum += signed,
            _ => flows.push((l.date, signed)),
        }
    }
    let received = flows.first().map(|(_, s)| *s).unwrap_or_default();
    let disbursed = card.total(What::Disbursed);
    if received <= Decimal::ZERO {
        let first_day: Decimal = card
            .lines
            .iter()
            .filter(|l| l.date == start && l.what == What::Disbursed)
            .map(|l| l.amount)
            .sum();
        return Err(CardError::NothingReceived {
            taken: first_day - received,
            disbursed: first_day,
        });
    }
    let got = disbursed + card.total(What::Refund);
    let paid = card.total(What::Payment) + card.total(What::Charge) + card.total(What::Savings);
    if paid < got {
        return Err(CardError::PaysBackLess {
            paid,
            received: got,
        });
    }
    let f64_of = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let per_year = unit.per_year();
    let (periodic_rate, apr, eir) = match method {
        Method::Periodic | Method::UsActuarial => {
            let timed: Vec<(f64, f64, f64)> = flows
                .iter()
                .map(|(d, c)| {
                    let (n, f) = periods(unit, start, *d);
                    (n, f, f64_of(*c))
                })
                .collect();
            let r = if method == Method::Periodic {
                solve(|r| {
                    let l = (1.0 + r).ln();
                    timed.iter().map(|(n, f, c)| c * (-(n + f) * l).exp()).sum()
                })?
            } else {
                solve(|r| {
                    let l = (1.0 + r).ln();
                    timed
                        .iter()
                        .map(|(n, f, c)| c / ((1.0 + f * r) * (n * l).exp()))
                        .sum()
                })?
            };
            (
                r,
                r * per_year * 100.0,
                ((1.0 + r).powf(per_year) - 1.0) * 100.0,
            )
        }
        Method::Eu => {
            let timed: Vec<(f64, f64)> = flows
                .iter()
                .map(|(d, c)| (years(start, *d), f64_of(*c)))
                .collect();
            let x = solve(|x| {
                let l = (1.0 + x).ln();
                timed.iter().map(|(t, c)| c * (-t * l).exp()).sum()
            })?;
            (x, x * 100.0, x * 100.0)
        }
    };
    let payments = card.total(What::Payment);
    let charges = card.total(What::Charge);
    let savings = card.total(What::Savings);
    let refunds = card.total(What::Refund);
    let total_paid = payments + charges + savings;
    Ok(CardPrice {
        method,
        unit,
        periods_per_year: per_year,
        start,
        end,
        disbursed,
        received,
        payments,
        payment_count: card
            .lines
            .iter()
            .filter(|l| l.what == What::Payment)
            .count(),
        charges,
        savings,
        refunds,
        total_paid,
        total_cost: total_paid - refunds - disbursed,
        periodic_rate,
        apr_percent: apr,
        eir_percent: if eir.is_finite() { eir } else { f64::MAX },
    })
}

/// The card of a priced loan with dates (`None` without them): what is
/// paid out, each charge and the savings taken that day, then each
/// period's instalment, charges, savings and the refund; the same cash
/// flows as the loan's, so the periodic method gives its APR.
pub fn card_of(p: &Priced) -> Option<LoanCard> {
    let d0 = p.terms.disbursed?;
    let mut lines = Vec::new();
    let mut push = |date: Date, amount: Decimal, what: What| {
        if amount > Decimal::ZERO {
            lines.push(CardLine {
                date,
                amount,
                what,
                line: 0,
            });
        }
    };
    push(d0, p.terms.amount, What::Disbursed);
    for c in p.charges.iter().filter(|c| c.timing == Timing::Upfront) {
        push(d0, c.rupees + c.tax, What::Charge);
    }
    push(d0, p.deposit, What::Savings);
    for r in &p.schedule {
        let date = r.date?;
        push(date, r.due, What::Payment);
        push(date, r.charges + r.tax, What::Charge);
        push(date, r.savings, What::Savings);
        push(date, r.refund, What::Refund);
    }
    for (k, l) in lines.iter_mut().enumerate() {
        l.line = k as u64 + 2;
    }
    Some(LoanCard { lines })
}

/// The card's loan as the product's quoted terms would price it: the same
/// amount over the card's term in months, disbursed the same day.
#[derive(Debug, Clone)]
pub struct Quoted {
    /// The institution's name.
    pub institution: String,
    /// The product's name.
    pub product: String,
    /// The card's term in whole months (its odd days rounded).
    pub months: u32,
    /// The quoted terms priced, their unknowns at the high end.
    pub high: Priced,
    /// At the low end, when it differs.
    pub low: Option<Priced>,
    /// What was assumed where the matrix is silent.
    pub assumptions: Vec<String>,
    /// When the card's term is outside the product's terms, in words.
    pub outside: Option<String>,
}

impl Quoted {
    /// The low end (the high end when nothing is unknown).
    pub fn low(&self) -> &Priced {
        self.low.as_ref().unwrap_or(&self.high)
    }

    /// What the card costs beyond the quoted terms, in rupees: against
    /// their high end and their low end.
    pub fn difference(&self, card: &CardPrice) -> (Decimal, Decimal) {
        (
            card.total_cost - self.high.total_cost,
            card.total_cost - self.low().total_cost,
        )
    }

    /// The difference in words: "the card costs Rs 1,200 more than the
    /// quoted terms: ask what it is".
    pub fn verdict(&self, card: &CardPrice) -> String {
        let (at_high, at_low) = self.difference(card);
        let rs = |d: Decimal| money::rs(d.abs());
        let range = |a: Decimal, b: Decimal| {
            if money::rs(a.abs()) == money::rs(b.abs()) {
                rs(a)
            } else {
                format!("{} to {}", rs(a), rs(b))
            }
        };
        if at_high >= Decimal::ONE {
            format!(
                "the card costs {} more than the quoted terms: ask what it is",
                range(at_high, at_low)
            )
        } else if at_low <= -Decimal::ONE {
            format!(
                "the card costs {} less than the quoted terms",
                range(at_low, at_high)
            )
        } else if self.low.is_none() {
            "the card costs what the quoted terms do".into()
        } else if at_high > -Decimal::ONE {
            "the card costs what the quoted terms do with what is unknown of them at its most"
                .into()
        } else if at_low < Decimal::ONE {
            "the card costs what the quoted terms do with what is unknown of them at its least"
                .into()
        } else {
            // Between the ends: more than the terms with what the matrix
            // does not know at its least, which may or may not explain it.
            format!(
                "the card costs {} more than the quoted terms with what is unknown of them at its least ({}), {} less than at its most ({}): ask what the {} is, and whether it is one of the terms the study does not know",
                rs(at_low),
                money::rs(self.low().total_cost),
                rs(at_high),
                money::rs(self.high.total_cost),
                rs(at_low)
            )
        }
    }
}

/// The card's term in whole months: from the day it is paid out to its
/// last day, the odd days rounded (15 or more count as a month).
pub fn card_months(card: &LoanCard) -> u32 {
    let (Some(a), Some(b)) = (card.start(), card.end()) else {
        return 1;
    };
    let mut k = month_diff(a, b).max(0) as u32;
    while k > 0 && a.add_months(k) > b {
        k -= 1;
    }
    let rest = a.add_months(k).days_until(b);
    (k + u32::from(rest >= 15)).max(1)
}

/// The product named `name` in the matrix: `MFI / product`, or `MFI` when
/// it has one product (names matched ignoring case); else what there is.
pub fn find_product<'a>(
    matrix: &'a Matrix,
    name: &str,
) -> Result<(&'a Institution, &'a Product), String> {
    let (i, p) = match name.split_once('/') {
        Some((i, p)) => (i.trim(), Some(p.trim())),
        None => (name.trim(), None),
    };
    let all = || {
        matrix
            .institutions
            .iter()
            .flat_map(|i| {
                i.products
                    .iter()
                    .map(move |p| format!("{} / {}", i.name, p.name))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let Some(inst) = matrix
        .institutions
        .iter()
        .find(|x| x.name.eq_ignore_ascii_case(i))
    else {
        return Err(format!(
            "no institution \"{i}\" in the matrix: its products are {}",
            all()
        ));
    };
    match p {
        Some(p) => inst
            .products
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(p))
            .map(|x| (inst, x))
            .ok_or_else(|| {
                format!(
                    "{} has no product \"{p}\": its products are {}",
                    inst.name,
                    inst.products
                        .iter()
                        .map(|x| x.name.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            }),
        None if inst.products.len() == 1 => Ok((inst, &inst.products[0])),
        None => Err(format!(
            "{} has {} products: name one, as in \"{} / {}\"",
            inst.name,
            inst.products.len(),
            inst.name,
            inst.products
                .first()
                .map(|x| x.name.as_str())
                .unwrap_or("Loan")
        )),
    }
}

/// The card's loan under a product's quoted terms (the matrix's `highs`
/// for its unknowns): the same amount paid out, over the card's months
/// (within 1-120), from the same day, at both ends of what is unknown.
pub fn quoted_terms(
    card: &LoanCard,
    inst: &Institution,
    product: &Product,
    highs: &Highs,
    rounding: Rounding,
) -> Result<Quoted, String> {
    let amount = card.total(What::Disbursed);
    let months = card_months(card).clamp(1, pricing::MAX_MONTHS);
    let at = |end: End| -> Result<(Priced, Vec<String>), String> {
        let (mut terms, assumed) = offer::loan_terms(
            inst, product, amount, months, rounding, highs, end,
        )
        .map_err(|e| format!("{} / {} cannot be priced: {}", inst.name, product.name, e.0))?;
        terms.disbursed = card.start();
        let p = pricing::price(&terms)
            .map_err(|e| format!("{} / {} cannot be priced: {e}", inst.name, product.name))?;
        Ok((p, assumed))
    };
    let (high, assumptions) = at(End::High)?;
    let (low, _) = at(End::Low)?;
    let outside = offer::term_range(product)
        .filter(|(lo, hi)| months < *lo || months > *hi)
        .map(|(lo, hi)| {
            format!(
                "the card's term, {months} months, is outside the product's terms ({lo} to {hi} months)"
            )
        });
    Ok(Quoted {
        institution: inst.name.clone(),
        product: product.name.clone(),
        months,
        low: (low.total_cost != high.total_cost || low.received != high.received).then_some(low),
        high,
        assumptions,
        outside,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn unit_periods_and_their_fractions() {
        // Monthly from 10 Feb with a long first period from 10 Jan... and
        // Appendix J's counting back: 1 Apr back one month is 1 Mar, 19 days
        // after 10 Feb.
        assert_eq!(
            periods(Unit::Months(1), d("1978-02-10"), d("1978-04-01")),
            (1.0, 19.0 / 30.0)
        );
        assert_eq!(
            periods(Unit::Weeks(1), d("1978-03-20"), d("1978-04-21")),
            (4.0, 4.0 / 7.0)
        );
        assert_eq!(
            unit_of(
                d("2026-01-15"),
                &[d("2026-02-15"), d("2026-03-15"), d("2026-04-15")]
            ),
            Unit::Months(1)
        );
        assert_eq!(
            unit_of(
                d("2026-01-15"),
                &[d("2026-01-29"), d("2026-02-12"), d("2026-02-26")]
            ),
            Unit::Weeks(2)
        );
        // Month ends.
        assert_eq!(
            standard_interval(d("2026-01-31"), d("2026-02-28")),
            Some(Unit::Months(1))
        );
        assert_eq!(
            standard_interval(d("2026-02-28"), d("2026-03-31")),
            Some(Unit::Months(1))
        );
        assert_eq!(years(d("1994-01-01"), d("1995-07-01")), 1.0 + 181.0 / 365.0);
        assert_eq!(years(d("1996-01-01"), d("1997-01-01")), 1.0);
        assert_eq!(
            card_months(&LoanCard {
                lines: vec![
                    CardLine {
                        date: d("2026-01-15"),
                        amount: Decimal::ONE,
                        what: What::Disbursed,
                        line: 1
                    },
                    CardLine {
                        date: d("2026-12-20"),
                        amount: Decimal::TWO,
                        what: What::Payment,
                        line: 2
                    },
                ]
            }),
            11
        );
    }
}
