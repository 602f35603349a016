//! A parameter's value: read from what staff type (amounts, ranges,
//! percentages, markups, yes/no, unknown) and written back the same way.

use super::params::Kind as K;
use super::params::{PURPOSES, Param, ParamSpec};
use crate::data::table;
use crate::money;
use crate::pricing::charges::{self, Charge, Payee, Savings};
use crate::pricing::{Basis, DayCount, Frequency, GraceMarkup, MarkupPer, Structure};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A parsed value of a parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Free text.
    Text(String),
    /// yes / no.
    Flag(bool),
    /// A non-negative number (kilometres).
    Number(Decimal),
    /// A whole number.
    Count(u32),
    /// An inclusive range, minimum never above maximum.
    Range(Decimal, Decimal),
    /// Percent (22 means 22%).
    Percent(Decimal),
    /// Charges.
    Charges(Vec<Charge>),
    /// Compulsory savings (a deposit too).
    Savings(Savings),
    /// A markup as quoted.
    Markup(MarkupQuote),
    /// A list of names.
    List(Vec<String>),
    /// One of the parameter's choices, as its canonical word.
    Choice(String),
}

/// A markup as quoted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkupQuote {
    /// One rate: 22 means 22%.
    Rate(Decimal),
    /// A range quoted ("22%-25%"): the rate lies somewhere in it.
    Range(Decimal, Decimal),
    /// By loan size: (the largest loan of the band, its rate); the last
    /// band has no limit.
    ByAmount(Vec<(Option<Decimal>, Decimal)>),
    /// By term: (the longest term of the band in months, its rate); the last
    /// band has no limit.
    ByMonths(Vec<(Option<u32>, Decimal)>),
}

impl MarkupQuote {
    /// The rate for a loan of `amount` over `months`: `(low, high)`, equal
    /// unless the quote is a range.
    pub fn rate_for(&self, amount: Decimal, months: u32) -> (Decimal, Decimal) {
        match self {
            MarkupQuote::Rate(r) => (*r, *r),
            MarkupQuote::Range(lo, hi) => (*lo, *hi),
            MarkupQuote::ByAmount(bands) => {
                let r = bands
                    .iter()
                    .find(|(up, _)| up.is_none_or(|u| amount <= u))
                    .or(bands.last())
                    .map(|b| b.1)
                    .unwrap_or_default();
                (r, r)
            }
            MarkupQuote::ByMonths(bands) => {
                let r = bands
                    .iter()
                    .find(|(up, _)| up.is_none_or(|u| months <= u))
                    .or(bands.last())
                    .map(|b| b.1)
                    .unwrap_or_default();
                (r, r)
            }
        }
    }
}

/// Reads a markup as quoted: a rate, a range, or bands by loan size or term.
pub fn parse_markup(t: &str) -> Result<MarkupQuote, String> {
    const EXAMPLES: &str = "a markup like 22%, a range like 22%-25%, or bands like \"20% up to 50,000; 18% above\" or \"24% up to 12 months; 26% above\"";
    let bad = |why: String| {
        let why = if why.is_empty() {
            why
        } else {
            format!(" ({why})")
        };
        format!("expected {EXAMPLES}, found \"{t}\"{why}")
    };
    if let Some(w) = crate::pricing::markup_words(t)
        && !w.is_plain()
    {
        if w.days.is_some_and(|d| d == 365 || d == 366) && w.basis.is_none() && !w.monthly {
            return Ok(MarkupQuote::Rate(w.rate));
        }
        return Err(markup_words_answer(t, &w));
    }
    let lower = t.to_lowercase();
    if t.contains(';') || lower.contains("up to") {
        let parts: Vec<&str> = t
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let by_months = lower.contains("month");
        let mut amount_bands = Vec::new();
        let mut month_bands = Vec::new();
        for (k, part) in parts.iter().enumerate() {
            let pl = part.to_lowercase();
            let (rate, limit) = match pl.find("up to") {
                Some(i) if k + 1 == parts.len() => {
                    // Else a larger loan or longer term would take this
                    // band's rate unsaid.
                    return Err(bad(format!(
                        "the last band \"{part}\" has a limit: say what applies above it, e.g. \"{} above\"",
                        part[..i].trim()
                    )));
                }
                Some(i) => (&part[..i], Some(part[i + 5..].trim())),
                None => {
                    let cut = pl
                        .find("above")
                        .or_else(|| pl.find("over"))
                        .unwrap_or(part.len());
                    if k + 1 != parts.len() {
                        return Err(bad(format!(
                            "band \"{part}\": only the last band is \"above\""
                        )));
                    }
                    (&part[..cut], None)
                }
            };
            let rate = money::parse_percent(rate.trim()).map_err(bad)?;
            if by_months {
                let limit = match limit {
                    Some(l) => Some(
                        money::western_digits(l)
                            .to_lowercase()
                            .trim_end_matches("months")
                            .trim_end_matches("month")
                            .trim()
                            .parse::<u32>()
                            .map_err(|_| {
                                bad(format!("band \"{part}\": expected a term in months"))
                            })?,
                    ),
                    None => None,
                };
                month_bands.push((limit, rate));
            } else {
                let limit = match limit {
                    Some(l) => Some(money::parse_amount(l).map_err(bad)?),
                    None => None,
                };
                amount_bands.push((limit, rate));
            }
        }
        let n = amount_bands.len().max(month_bands.len());
        if n < 2 {
            return Err(bad("bands need at least two".into()));
        }
        if by_months {
            let limits: Vec<u32> = month_bands.iter().filter_map(|b| b.0).collect();
            if limits.windows(2).any(|w| w[0] >= w[1]) {
                return Err(bad("the bands' limits must grow".into()));
            }
            return Ok(MarkupQuote::ByMonths(month_bands));
        }
        let limits: Vec<Decimal> = amount_bands.iter().filter_map(|b| b.0).collect();
        if limits.windows(2).any(|w| w[0] >= w[1]) {
            return Err(bad("the bands' limits must grow".into()));
        }
        return Ok(MarkupQuote::ByAmount(amount_bands));
    }
    let range = t
        .split_once(" to ")
        .or_else(|| t.split_once('-').filter(|(a, _)| !a.trim().is_empty()))
        .or_else(|| t.split_once('–'));
    if let Some((a, b)) = range {
        let lo = money::parse_percent(a.trim().trim_end_matches('%').trim()).map_err(bad)?;
        let hi = money::parse_percent(b.trim()).map_err(bad)?;
        if lo > hi {
            return Err(format!(
                "the minimum {}% is above the maximum {}%: write the smaller rate first",
                lo.normalize(),
                hi.normalize()
            ));
        }
        return Ok(if lo == hi {
            MarkupQuote::Rate(lo)
        } else {
            MarkupQuote::Range(lo, hi)
        });
    }
    money::parse_percent(t).map(MarkupQuote::Rate)
}

/// The answer to a markup written with words in the matrix's markup cell:
/// which cells say what the words say (each cell holds one term, so that
/// the check of a product's terms sees them all).
pub(super) fn markup_words_answer(t: &str, w: &crate::pricing::MarkupWords) -> String {
    use crate::pricing::MarkupWords;
    let r = w.rate.normalize();
    if w.monthly {
        let year = (w.rate * Decimal::from(12)).normalize();
        return format!(
            "\"{t}\" is {r}% a month, {year}% a year: write {year}% here (and the basis in basis)"
        );
    }
    let mut cells = vec![format!("{r}% here")];
    if let Some(b) = w.basis {
        cells.push(format!("{} in basis", b.as_str()));
    }
    let mut why = String::new();
    if let Some(days) = w.days {
        cells.push("term in markup_per".into());
        match MarkupWords::periods_of_days(days) {
            Some((f, n)) => {
                let takes = ((n * 12 + f.periods_per_year() / 2) / f.periods_per_year()).max(1);
                cells.push(format!("{} in frequency", f.as_str()));
                cells.push(format!("{n} in instalments"));
                cells.push(format!("{takes} in term_months"));
                why = format!(" ({days} days are {n} {} periods)", f.words());
            }
            None => why = format!(" (a rate for {days} days is a rate for a loan of {days} days)"),
        }
    } else if w.per == Some(crate::pricing::MarkupPer::Term) {
        cells.push("term in markup_per".into());
    }
    let last = cells.pop().unwrap_or_default();
    let list = if cells.is_empty() {
        last
    } else {
        format!("{} and {last}", cells.join(", "))
    };
    format!("\"{t}\" says more than the markup: write {list}{why}")
}

/// Writes a markup so that [`parse_markup`] reads it back equal.
pub fn format_markup(m: &MarkupQuote) -> String {
    match m {
        MarkupQuote::Rate(r) => format!("{}%", r.normalize()),
        MarkupQuote::Range(lo, hi) => format!("{}%-{}%", lo.normalize(), hi.normalize()),
        MarkupQuote::ByAmount(bands) => bands
            .iter()
            .map(|(up, r)| match up {
                Some(u) => format!("{}% up to {}", r.normalize(), plain(*u)),
                None => format!("{}% above", r.normalize()),
            })
            .collect::<Vec<_>>()
            .join("; "),
        MarkupQuote::ByMonths(bands) => bands
            .iter()
            .map(|(up, r)| match up {
                Some(u) => format!("{}% up to {u} months", r.normalize()),
                None => format!("{}% above", r.normalize()),
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Words read as "unknown" in a value cell (an empty cell too).
pub fn is_unknown_word(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "" | "unknown" | "?" | "n/k" | "not known"
    )
}

/// Reads `yes`/`no` and their usual spellings.
pub fn parse_flag(s: &str) -> Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "✓" | "✔" | "ہاں" => Ok(true),
        "no" | "n" | "false" | "0" | "×" | "✗" | "نہیں" => Ok(false),
        other => Err(format!(
            "expected yes or no, found \"{}\"",
            table::clip(other)
        )),
    }
}

pub(super) fn parse_number_range(
    s: &str,
    what: &str,
    whole: bool,
) -> Result<(Decimal, Decimal), String> {
    let t = s.trim();
    // "Rs 40,000/-": the "/-" closing an amount is no range's dash.
    let bare = t.replace("/-", "");
    let parts: Vec<&str> = if let Some((a, b)) = bare.split_once(" to ") {
        vec![a, b]
    } else {
        bare.split(['-', '–']).collect()
    };
    let read = |x: &str| -> Result<Decimal, String> {
        let d = money::parse_amount(x)
            .map_err(|_| format!("expected {what}, found \"{}\"", table::clip(t)))?;
        if whole && !d.fract().is_zero() {
            return Err(format!(
                "expected {what} in whole numbers, found \"{}\"",
                table::clip(t)
            ));
        }
        Ok(d)
    };
    let (lo, hi) = match parts.as_slice() {
        [one] => {
            let v = read(one)?;
            (v, v)
        }
        [a, b] if !a.trim().is_empty() => (read(a)?, read(b)?),
        _ => return Err(format!("expected {what}, found \"{}\"", table::clip(t))),
    };
    if lo > hi {
        return Err(format!(
            "the minimum {} is above the maximum {}: write the smaller number first",
            lo.normalize(),
            hi.normalize()
        ));
    }
    Ok((lo, hi))
}

/// Whether a loan ceiling is written as one amount (`25,000`, `Rs
/// 25,000/-`), the largest loan alone, rather than a range or `up to`.
pub fn is_one_amount(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    !t.is_empty()
        && !t.starts_with("up to")
        && !t.replace("/-", "").contains(['-', '–'])
        && !t.contains(" to ")
}

/// Reads one value cell for a parameter. `Ok(None)` means unknown.
pub fn parse_value(spec: &ParamSpec, s: &str) -> Result<Option<Value>, String> {
    if is_unknown_word(s) {
        return Ok(None);
    }
    let t = s.trim();
    let v = match spec.kind {
        K::Text => Value::Text(t.to_string()),
        K::Flag => Value::Flag(parse_flag(t)?),
        K::Km if money::is_nothing(t) => Value::Number(Decimal::ZERO),
        K::Km => {
            let d = money::parse_amount(t.trim_end_matches("km").trim()).map_err(|_| {
                format!(
                    "expected a distance in km like 30, found \"{}\"",
                    table::clip(t)
                )
            })?;
            if d > Decimal::from(100_000) {
                return Err(format!(
                    "expected a distance in km like 30, found {} km",
                    d.normalize()
                ));
            }
            Value::Number(d)
        }
        K::Count => {
            let digits = money::western_digits(t);
            let n: Option<u32> = if money::is_nothing(t) {
                Some(0)
            } else {
                digits.trim().parse().ok()
            };
            let n: u32 = n.filter(|n| *n <= 520).ok_or_else(|| {
                format!(
                    "expected a whole number of periods like 0 or 2, found \"{}\"",
                    table::clip(t)
                )
            })?;
            Value::Count(n)
        }
        K::AmountRange => {
            let what = "an amount range in rupees like 10,000-15,000";
            let lower = t.to_lowercase();
            // "up to 25,000", as a ceiling is written back.
            let (t, ceiling) = match lower.strip_prefix("up to") {
                Some(_) => (t[5..].trim(), true),
                None => (t, false),
            };
            let (lo, hi) = parse_number_range(t, what, false)?;
            if hi.is_zero() {
                return Err("expected an amount range above zero, found 0".to_string());
            }
            // One number is the ceiling: the largest loan, not the only one.
            let one = lo == hi && is_one_amount(t);
            if one || ceiling {
                Value::Range(Decimal::ZERO, hi)
            } else {
                Value::Range(lo, hi)
            }
        }
        K::MonthRange => {
            let (lo, hi) = parse_number_range(t, "a term in months like 12-18", true)?;
            if lo.is_zero() || hi > Decimal::from(120) {
                return Err(format!(
                    "expected a term between 1 and 120 months, found \"{}\"",
                    table::clip(t)
                ));
            }
            Value::Range(lo, hi)
        }
        K::AgeRange => {
            let (lo, hi) = parse_number_range(t, "an age range like 18-58", true)?;
            if hi > Decimal::from(120) {
                return Err(format!(
                    "expected ages up to 120, found \"{}\"",
                    table::clip(t)
                ));
            }
            Value::Range(lo, hi)
        }
        // A tax as a key facts statement writes it: "16% FED", "16% sales tax".
        K::Percent if spec.param == Param::TaxOnCharges => {
            // "FED: 16%", as a tax written as a charge of its own is.
            let t = match t.split_once(':') {
                Some((name, rate)) if charges::is_tax_name(name) => rate.trim(),
                _ => t,
            };
            let lower = t.to_ascii_lowercase();
            let bare = ["sales tax", "fed", "gst", "pst", "tax"]
                .iter()
                .find_map(|w| lower.strip_suffix(w).map(|b| &t[..b.len()]))
                .unwrap_or(t);
            Value::Percent(
                money::parse_percent(bare)
                    .map_err(|e| e.replace(&format!("\"{}\"", bare.trim()), &format!("\"{t}\"")))?,
            )
        }
        K::Percent => Value::Percent(money::parse_percent(t)?),
        K::Charges(name, payee) => Value::Charges(charges::parse_charges(t, name, payee)?),
        K::Savings => Value::Savings(charges::parse_savings(t)?),
        K::Deposit => {
            let s = charges::parse_savings(t)
                .map_err(|_| format!("expected a deposit like Rs 500 or 10%, found \"{t}\""))?;
            if s.timing != charges::SavingsTiming::Upfront || !s.interest_percent.is_zero() {
                return Err(format!(
                    "a deposit is withheld at disbursement and earns nothing: write savings for \"{t}\""
                ));
            }
            Value::Savings(s)
        }
        K::Markup => Value::Markup(parse_markup(t)?),
        K::Purposes => {
            let mut out = Vec::new();
            for x in t
                .split(';')
                .map(|x| x.trim().to_lowercase())
                .filter(|x| !x.is_empty())
            {
                let word = match x.as_str() {
                    "salary" | "salaried employees" | "employees" => "salaried",
                    "agricultural" | "farming" => "agriculture",
                    "enterprise" | "productive" | "small business" => "business",
                    other => other,
                };
                if !PURPOSES.contains(&word) {
                    return Err(format!(
                        "expected purposes from {} separated by ;, found \"{t}\"",
                        PURPOSES.join(", ")
                    ));
                }
                if !out.iter().any(|o: &String| o == word) {
                    out.push(word.to_string());
                }
            }
            if out.is_empty() {
                return Err(format!("expected at least one purpose, found \"{t}\""));
            }
            Value::List(out)
        }
        K::List => Value::List(
            t.split(';')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect(),
        ),
        K::Choice(options) => {
            let lower = t.to_ascii_lowercase().replace([' ', '_'], "-");
            // The same other words as the command line takes ("reducing",
            // "balloon", "capitalized", "actual/365", "bi-weekly").
            let alias = match spec.param {
                Param::Frequency => Frequency::parse(t).map(Frequency::as_str),
                Param::Structure => Structure::parse(t).map(Structure::as_str),
                Param::Basis => Basis::parse(t).map(Basis::as_str),
                Param::MarkupPer => MarkupPer::parse(t).map(MarkupPer::as_str),
                Param::DayCount => DayCount::parse(t).map(DayCount::as_str),
                Param::GraceMarkup => GraceMarkup::parse(t).map(GraceMarkup::as_str),
                _ => None,
            };
            match options.iter().find(|o| **o == lower || Some(**o) == alias) {
                Some(o) => Value::Choice(o.to_string()),
                None => {
                    return Err(format!(
                        "expected one of {}, found \"{}\"",
                        options.join(", "),
                        table::clip(t)
                    ));
                }
            }
        }
    };
    Ok(Some(v))
}

/// Writes a value of a parameter so that [`parse_value`] reads it back equal.
pub fn format_value(spec: &ParamSpec, value: &Option<Value>) -> String {
    let Some(v) = value else {
        return "unknown".to_string();
    };
    match v {
        Value::Text(t) => t.clone(),
        Value::Flag(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Number(d) => d.normalize().to_string(),
        Value::Count(n) => n.to_string(),
        Value::Range(lo, hi) if lo.is_zero() && spec.kind == K::AmountRange => {
            format!("up to {}", plain(*hi))
        }
        Value::Range(lo, hi) if lo == hi => plain(*lo),
        Value::Range(lo, hi) => format!("{}-{}", plain(*lo), plain(*hi)),
        Value::Percent(p) => format!("{}%", p.normalize()),
        Value::Charges(c) => match spec.kind {
            K::Charges(name, payee) => charges::format_charges(c, name, payee),
            _ => charges::format_charges(c, "", Payee::Lender),
        },
        Value::Savings(s) => s.to_string(),
        Value::Markup(m) => format_markup(m),
        Value::List(xs) => xs.join("; "),
        Value::Choice(c) => c.clone(),
    }
}

/// South Asian grouping with as many decimals as the value has.
pub(super) fn plain(d: Decimal) -> String {
    let d = d.normalize();
    if d.fract().is_zero() {
        money::group_rupees(d, false)
    } else {
        let int = money::group_rupees(d.trunc(), false);
        let frac = d.fract().abs().to_string();
        format!("{int}{}", frac.trim_start_matches('0'))
    }
}
