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

use crate::data::table::{self, ColumnSpec};
use crate::date::Date;
use crate::error::{LoadError, LoadErrors};
use crate::money;
use crate::pricing::{self, Priced, Timing};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::{Deserialize, Serialize};

mod quoted;
mod time;
pub use quoted::{Quoted, card_months, find_product, quoted_terms};
pub use time::Unit;
use time::{month_diff, periods, unit_of, years};

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
    let payments = card.total(What::Payment);
    let charges = card.total(What::Charge);
    let savings = card.total(What::Savings);
    let refunds = card.total(What::Refund);
    let total_paid = payments + charges + savings;
    // The rate's search is what finds that she pays back less than she
    // receives (no rate of 0% or more): said with her totals, as a card
    // typed halfway reads.
    let no_rate = |e: pricing::RateError| match e {
        pricing::RateError::PaysBackLess => CardError::PaysBackLess {
            paid: total_paid,
            received: disbursed + refunds,
        },
        e => CardError::NoRate(e),
    };
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
                })
                .map_err(no_rate)?
            } else {
                solve(|r| {
                    let l = (1.0 + r).ln();
                    timed
                        .iter()
                        .map(|(n, f, c)| c / ((1.0 + f * r) * (n * l).exp()))
                        .sum()
                })
                .map_err(no_rate)?
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
            })
            .map_err(no_rate)?;
            (x, x * 100.0, x * 100.0)
        }
    };
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

#[cfg(test)]
mod tests {
    use super::time::standard_interval;
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
