//! A card's time: its unit period (the interval that occurs most often,
//! Regulation Z's rule) and each date's distance from the day the loan is
//! paid out, in unit periods and their fraction, or in years (the EU's).

use crate::date::Date;
use serde::{Deserialize, Serialize};

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
pub(super) fn month_diff(a: Date, b: Date) -> i64 {
    (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month()) - i64::from(a.month())
}

/// Whether `d` is the last day of its month.
pub(super) fn month_end(d: Date) -> bool {
    d.add_days(1).month() != d.month()
}

/// `d` less `n` months, the day clipped to the month's length; `None` before
/// the calendar's start.
pub(super) fn sub_months(d: Date, n: u32) -> Option<Date> {
    d.checked_add_months_signed(-i64::from(n))
}

/// The interval from `a` to `b` as a standard interval, if it is one: a
/// whole number of months (the same day of the month, or month ends), of
/// weeks, or one day.
pub(super) fn standard_interval(a: Date, b: Date) -> Option<Unit> {
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
pub(super) fn unit_of(start: Date, paid: &[Date]) -> Unit {
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
pub(super) fn periods(unit: Unit, start: Date, d: Date) -> (f64, f64) {
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
pub(super) fn years(start: Date, d: Date) -> f64 {
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
