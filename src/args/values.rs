//! The value parsers the commands' flags share: each checks a value as it
//! is read, so that a bad value is a usage error naming its flag.

use mfi_core::data::settings::MAX_DRAWS;
use mfi_core::date::Date;
use mfi_core::money;
use rust_decimal::Decimal;

pub(super) fn date_arg(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("expected a date like 2026-11-22, found \"{s}\""))
}

/// A line of text printed on a page (a title, a name, a place): at most as
/// long as a study's name, so that a page is never laid out from megabytes.
pub(super) fn line_arg(s: &str) -> Result<String, String> {
    let max = mfi_core::data::limits::MAX_STUDY_NAME_CHARS;
    let n = s.chars().count();
    if n > max {
        return Err(format!(
            "expected at most {max} characters, found {}",
            mfi_core::data::limits::count(n as u64)
        ));
    }
    Ok(s.to_string())
}

pub(super) fn draws_arg(s: &str) -> Result<u32, String> {
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_DRAWS).contains(n))
        .ok_or_else(|| format!("expected a whole number from 1 to 1,000,000, found \"{s}\""))
}
pub(super) fn amount_arg(s: &str) -> Result<Decimal, String> {
    let d = money::parse_amount(s)?;
    if d < Decimal::ONE {
        return Err(format!(
            "expected a loan of at least Rs 1, found \"{}\"",
            s.trim()
        ));
    }
    Ok(d)
}

pub(super) fn percent_arg(s: &str) -> Result<Decimal, String> {
    money::parse_percent(s)
}

/// A whole number from `lo` to `hi` (Urdu digits too), its limits said in
/// words.
pub(super) fn whole_arg(
    what: &'static str,
    lo: u32,
    hi: u32,
) -> impl Fn(&str) -> Result<u32, String> + Clone {
    move |s| {
        let t = money::western_digits(s.trim()).replace(',', "");
        match t.parse::<u32>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(n),
            _ => Err(format!(
                "expected {what} from {lo} to {}, found \"{}\"",
                money::group_rupees(hi.into(), false),
                s.trim()
            )),
        }
    }
}

/// A value parser for one of a few words.
pub(super) fn choice<T>(
    parse: fn(&str) -> Option<T>,
    names: &'static [&'static str],
) -> impl Fn(&str) -> Result<T, String> + Clone {
    move |s| parse(s).ok_or_else(|| format!("expected one of {}", names.join(", ")))
}
