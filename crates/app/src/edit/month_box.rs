//! A month's box of a member's plan (her sales or costs in one calendar
//! month): read as staff mean it (empty, a share of her usual month, or
//! rupees, in Western or Urdu digits), the row it makes, and what it shows.

use mfi_core::data::months::{self, MonthFigures};
use mfi_core::money;
use rust_decimal::Decimal;

/// A calendar month's short English name (0 for January).
pub(super) fn month_name(m: usize) -> &'static str {
    months::MONTHS.get(m).copied().unwrap_or("?")
}

/// What one month's box says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum MonthEntry {
    /// Empty: her usual month.
    Usual,
    /// A share of her usual month, in percent.
    Share(Decimal),
    /// Rupees.
    Rupees(Decimal),
}

/// Reads one month's box: empty (her usual month), a share of her usual
/// month (`50%`) or rupees (`3,000`), in Western or Urdu digits.
pub(super) fn read_month_box(text: &str, m: usize) -> Result<MonthEntry, String> {
    let t = money::western_digits(text.trim()).replace('٪', "%");
    let t = t.trim();
    if t.is_empty() {
        return Ok(MonthEntry::Usual);
    }
    let expected = format!(
        "{}: expected rupees like 3,000 or a share of her usual month like 50% (empty: her usual month), found \"{}\"",
        month_name(m),
        text.trim()
    );
    if t.ends_with('%') {
        return money::parse_percent(t).map(MonthEntry::Share).map_err(|e| {
            if e.contains("negative") || e.contains("1000%") {
                format!("{}: {e}", month_name(m))
            } else {
                expected
            }
        });
    }
    money::parse_amount(t).map(MonthEntry::Rupees).map_err(|e| {
        if e.contains("negative") || e.contains("did you mean") {
            format!("{}: {e}", month_name(m))
        } else {
            expected
        }
    })
}

/// Figures month by month with month `m` set to `entry`, `usual` being her
/// usual month in rupees. Shares stay shares while every box is a share or
/// empty; a month in rupees turns the row into rupees (every month: a share
/// as its rupees, an empty box as her usual month), and a share typed into
/// a row in rupees is put in rupees. A row of shares all 100% is no row.
pub(super) fn with_month(
    current: Option<MonthFigures>,
    m: usize,
    entry: MonthEntry,
    usual: Decimal,
) -> Option<MonthFigures> {
    let of_usual = |p: Decimal| (usual * p / Decimal::ONE_HUNDRED).round_dp(2);
    let set = |mut a: [Decimal; 12], v: Decimal| {
        if let Some(x) = a.get_mut(m) {
            *x = v;
        }
        a
    };
    let next = match (current, entry) {
        (None, MonthEntry::Usual) => None,
        (None, MonthEntry::Share(p)) => {
            Some(MonthFigures::Percent(set([Decimal::ONE_HUNDRED; 12], p)))
        }
        (None, MonthEntry::Rupees(r)) => Some(MonthFigures::Rupees(set([usual; 12], r))),
        (Some(MonthFigures::Percent(a)), MonthEntry::Usual) => {
            Some(MonthFigures::Percent(set(a, Decimal::ONE_HUNDRED)))
        }
        (Some(MonthFigures::Percent(a)), MonthEntry::Share(p)) => {
            Some(MonthFigures::Percent(set(a, p)))
        }
        (Some(MonthFigures::Percent(a)), MonthEntry::Rupees(r)) => {
            Some(MonthFigures::Rupees(set(a.map(of_usual), r)))
        }
        (Some(MonthFigures::Rupees(a)), MonthEntry::Usual) => {
            Some(MonthFigures::Rupees(set(a, usual)))
        }
        (Some(MonthFigures::Rupees(a)), MonthEntry::Share(p)) => {
            Some(MonthFigures::Rupees(set(a, of_usual(p))))
        }
        (Some(MonthFigures::Rupees(a)), MonthEntry::Rupees(r)) => {
            Some(MonthFigures::Rupees(set(a, r)))
        }
    };
    normalised(next)
}

/// No row when every month is a share of 100% (her usual month).
pub(super) fn normalised(f: Option<MonthFigures>) -> Option<MonthFigures> {
    match f {
        Some(MonthFigures::Percent(a)) if a.iter().all(|x| *x == Decimal::ONE_HUNDRED) => None,
        f => f,
    }
}

/// What month `m`'s box shows: empty for her usual month, `50%` for a
/// share, rupees for a row in rupees.
pub(super) fn month_box(f: &Option<MonthFigures>, m: usize) -> String {
    match f {
        None => String::new(),
        Some(MonthFigures::Percent(a)) => match a.get(m) {
            Some(p) if *p != Decimal::ONE_HUNDRED => format!("{}%", p.normalize()),
            _ => String::new(),
        },
        Some(MonthFigures::Rupees(a)) => a
            .get(m)
            .map(|r| money::group_rupees(*r, !r.fract().is_zero()))
            .unwrap_or_default(),
    }
}
