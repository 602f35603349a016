//! The day the loans are paid out, read as staff write it (day first).

use mfi_core::data::months;
use mfi_core::money;

/// Reads the day the loans are paid out: `2027-01-15`, `15/01/2027` or
/// `15-1-2027` (day first, as dates are written in Pakistan), `15 Jan 2027`
/// (English or Urdu month names); empty: not known.
pub fn read_date(text: &str) -> Result<Option<mfi_core::date::Date>, String> {
    use mfi_core::date::Date;
    let t = money::western_digits(text.trim()).into_owned();
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let expected = || {
        format!(
            "expected the day the loans are paid out, like 2027-01-15, 15/01/2027 (day first) or 15 Jan 2027 (empty: not known), found \"{}\"",
            text.trim()
        )
    };
    if let Some(d) = Date::parse(t) {
        return Ok(Some(d));
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    let [day, month, year] = parts.as_slice() else {
        return Err(expected());
    };
    let day: i8 = day.parse().map_err(|_| expected())?;
    let month: i8 = match month.parse::<i8>() {
        Ok(m) => m,
        Err(_) => months::month_index(month)
            .and_then(|m| i8::try_from(m + 1).ok())
            .ok_or_else(expected)?,
    };
    let year: i16 = year
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(expected)?;
    if !(1..=12).contains(&month) {
        return Err(format!(
            "{}: the month is {month}: write the day first, then the month (15/01/2027 is 15 January)",
            expected()
        ));
    }
    Date::new(year, month, day)
        .map(Some)
        .ok_or_else(|| format!("{}: there is no such day", expected()))
}
