//! Reading and writing rupee amounts and percentages the way spreadsheets and
//! people in Pakistan write them: `15000`, `15,000`, `1,50,000`, `Rs 15,000`,
//! `22%`, `22`. Everything is exact `Decimal`; nothing passes through `f64`.

use rust_decimal::Decimal;
use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The largest amount accepted anywhere: Rs 10^12 (a lakh crore). Larger
/// numbers are typing mistakes, and refusing them keeps arithmetic exact.
pub const MAX_AMOUNT: Decimal = rust_decimal::dec!(1_000_000_000_000);

/// The largest rate accepted anywhere, in percent (1000% a year).
pub const MAX_PERCENT: Decimal = rust_decimal::dec!(1000);

/// Removes a currency prefix or suffix (`Rs`, `Rs.`, `PKR`, `₨`).
fn strip_currency(s: &str) -> &str {
    let mut t = s.trim();
    // A sign before ("Rs.", "PKR") and a mark after ("/-", "Rs"), as in
    // "Rs 40,000/-": both may be there.
    for p in ["rs.", "rs", "pkr", "₨"] {
        if t.to_ascii_lowercase().starts_with(p) && t.is_char_boundary(p.len()) {
            t = t[p.len()..].trim();
            break;
        }
    }
    for p in ["/-", "rs.", "rs", "pkr"] {
        if t.to_ascii_lowercase().ends_with(p) && t.is_char_boundary(t.len() - p.len()) {
            t = t[..t.len() - p.len()].trim();
            break;
        }
    }
    t
}

/// Checks that commas group digits either the Western way (1,500,000) or the
/// South Asian way (15,00,000), so that `22,5` is never read as 225.
fn valid_grouping(int_part: &str) -> bool {
    if !int_part.contains(',') {
        return true;
    }
    let groups: Vec<&str> = int_part.split(',').collect();
    let (first, rest) = match groups.split_first() {
        Some(x) => x,
        None => return false,
    };
    if first.is_empty() || first.len() > 3 {
        return false;
    }
    let (last, middle) = match rest.split_last() {
        Some(x) => x,
        None => return false,
    };
    if last.len() != 3 {
        return false;
    }
    let western = middle.iter().all(|g| g.len() == 3);
    let south_asian = middle.iter().all(|g| g.len() == 2) && first.len() <= 2;
    western || south_asian || middle.is_empty()
}

/// Parses a plain decimal number with optional digit grouping commas.
/// Returns a message saying what was expected on failure.
fn parse_grouped(s: &str, what: &str) -> Result<Decimal, String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Err(format!("expected {what}, found nothing"));
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.as_str()),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits_ok = !int_part.is_empty()
        && int_part.chars().all(|c| c.is_ascii_digit() || c == ',')
        && frac_part.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if !digits_ok {
        return Err(format!("expected {what}, found \"{}\"", s.trim()));
    }
    if !valid_grouping(int_part) {
        return Err(format!(
            "expected {what}, found \"{}\" (a comma only groups thousands, as in 15,000 or 1,50,000; write decimals with a point)",
            s.trim()
        ));
    }
    let plain: String = int_part.chars().filter(|c| *c != ',').collect();
    let text = match frac_part {
        Some(f) => format!("{plain}.{f}"),
        None => plain,
    };
    if text.len() > 40 {
        return Err(format!(
            "expected {what}, found a number that is far too long"
        ));
    }
    let d = Decimal::from_str(&text)
        .map_err(|_| format!("expected {what}, found \"{}\" (too large)", s.trim()))?;
    Ok(if neg { -d } else { d })
}

/// Urdu (Extended Arabic-Indic) and Arabic-Indic digits as Western ones,
/// and the Arabic thousands separator, decimal point and percent sign as
/// `,`, `.` and `%`: the app writes Urdu digits, so they must read back.
pub fn western_digits(s: &str) -> std::borrow::Cow<'_, str> {
    let foreign = |c: char| matches!(c, '\u{06F0}'..='\u{06F9}' | '\u{0660}'..='\u{0669}' | '\u{066B}' | '\u{066C}' | '\u{066A}');
    if !s.chars().any(foreign) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '\u{06F0}'..='\u{06F9}' => {
                char::from_u32('0' as u32 + (c as u32 - 0x06F0)).unwrap_or(c)
            }
            '\u{0660}'..='\u{0669}' => {
                char::from_u32('0' as u32 + (c as u32 - 0x0660)).unwrap_or(c)
            }
            '\u{066B}' => '.',
            '\u{066C}' => ',',
            '\u{066A}' => '%',
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// Parses a rupee amount: `15000`, `15,000`, `1,50,000`, `Rs 15,000`,
/// `Rs. 480`, `15,000/-`, or in Urdu digits (`۱۵٬۰۰۰`). Negative amounts,
/// amounts above Rs 10^12 and amounts with more than two decimals (paisa)
/// are refused with a message: `25.000` is most likely 25,000 written the
/// European way, never Rs 25.
pub fn parse_amount(s: &str) -> Result<Decimal, String> {
    let what = "an amount in rupees like 15,000";
    let s = &*western_digits(s);
    let d = parse_grouped(strip_currency(s), what)?;
    if d.scale() > 2 {
        let body = strip_currency(s).trim();
        let hint = match body.split_once('.') {
            Some((int, frac)) if frac.len() == 3 && !int.contains(',') => {
                format!(
                    ": did you mean {}?",
                    group_rupees(
                        Decimal::from_str(&format!("{int}{frac}")).unwrap_or_default(),
                        false
                    )
                )
            }
            _ => " (rupees have at most two decimals, for paisa)".to_string(),
        };
        return Err(format!("expected {what}, found \"{}\"{hint}", s.trim()));
    }
    if d.is_sign_negative() && !d.is_zero() {
        return Err(format!(
            "expected {what}, found a negative amount \"{}\"",
            s.trim()
        ));
    }
    if d > MAX_AMOUNT {
        return Err(format!(
            "expected {what}, found \"{}\", more than Rs 10,00,000 crore",
            s.trim()
        ));
    }
    Ok(d)
}

/// Parses a percentage: `22%`, `22`, `22.5 %`, `zero %`, `none` (0 wherever
/// 0 is meant: `none`, `no`, `nil`, `zero`), in Urdu digits too (`۲۲٪`).
/// Returns the number of percent (22 for 22%). Negative rates and rates
/// above 1000% are refused.
pub fn parse_percent(s: &str) -> Result<Decimal, String> {
    let what = "a percentage like 22%";
    let s = &*western_digits(s);
    let t = s.trim();
    // "28% p.a.", "28% per annum", "28% a year": a yearly rate as quoted.
    let mut body = t;
    for suffix in ["p.a.", "p.a", "per annum", "per year", "a year"] {
        let lower = body.to_ascii_lowercase();
        if lower.ends_with(suffix) && body.is_char_boundary(body.len() - suffix.len()) {
            body = body[..body.len() - suffix.len()].trim();
            break;
        }
    }
    let body = body.strip_suffix('%').unwrap_or(body).trim();
    let lower = body.to_ascii_lowercase();
    if is_nothing(&lower) {
        return Ok(Decimal::ZERO);
    }
    if body.contains(',') {
        return Err(format!(
            "expected {what}, found \"{t}\" (write decimals with a point: 22.5%)"
        ));
    }
    // The value found is quoted whole ("24%-28%", not "24%-28").
    let d = parse_grouped(body, what)
        .map_err(|e| e.replace(&format!("\"{body}\""), &format!("\"{t}\"")))?;
    if d.is_sign_negative() && !d.is_zero() {
        return Err(format!("expected {what}, found a negative rate \"{t}\""));
    }
    if d > MAX_PERCENT {
        return Err(format!("expected {what}, found \"{t}\", more than 1000%"));
    }
    Ok(d)
}

/// `none`, `no`, `nil`, `zero`: nothing, where a number is asked for (a
/// tax, a rate, a count of periods), the way staff write 0.
pub fn is_nothing(s: &str) -> bool {
    ["none", "no", "nil", "zero"]
        .iter()
        .any(|w| s.trim().eq_ignore_ascii_case(w))
}

/// Groups the integer digits South Asian style: 150000 -> "1,50,000".
pub fn group_digits(int_digits: &str) -> String {
    let n = int_digits.len();
    if n <= 3 {
        return int_digits.to_string();
    }
    let (head, last3) = int_digits.split_at(n - 3);
    let mut groups = Vec::new();
    let mut rest = head;
    while rest.len() > 2 {
        let (h, t) = rest.split_at(rest.len() - 2);
        groups.push(t);
        rest = h;
    }
    let mut out = String::from(rest);
    for g in groups.iter().rev() {
        out.push(',');
        out.push_str(g);
    }
    out.push(',');
    out.push_str(last3);
    out
}

/// Formats rupees with South Asian grouping, no currency sign:
/// 150000 -> "1,50,000"; with `paisa`, always two decimals ("1,50,000.00").
pub fn group_rupees(amount: Decimal, paisa: bool) -> String {
    let dp = if paisa { 2 } else { 0 };
    let r = amount.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    let neg = r.is_sign_negative() && !r.is_zero();
    let text = format!("{:.*}", dp as usize, r.abs());
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&group_digits(&int_part));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// Formats rupees for people: "Rs 1,50,000" (whole rupees).
pub fn rs(amount: Decimal) -> String {
    format!("Rs {}", group_rupees(amount, false))
}

/// A percentage for people with `dp` decimals, rounded half away from zero
/// (never cut: 21.9994 is "22.00%", not "21.99%").
pub fn percent_text(d: Decimal, dp: u32) -> String {
    let r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    format!("{:.*}%", dp as usize, r)
}

/// Formats rupees with paisa: "Rs 2,541.67".
pub fn rs_paisa(amount: Decimal) -> String {
    format!("Rs {}", group_rupees(amount, true))
}

/// Converts a Decimal to f64 for the rate solver and charts only.
pub fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// How numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Digits {
    /// 0-9 with commas: 1,50,000.
    #[default]
    Western,
    /// Extended Arabic-Indic digits with the Arabic thousands separator: ۱٬۵۰٬۰۰۰.
    Urdu,
}

impl Digits {
    /// Names on the command line.
    pub const NAMES: &'static [&'static str] = &["western", "urdu"];

    /// From a name.
    pub fn parse(s: &str) -> Option<Digits> {
        match s.trim().to_ascii_lowercase().as_str() {
            "western" => Some(Digits::Western),
            "urdu" => Some(Digits::Urdu),
            _ => None,
        }
    }

    /// `s` with its digits, grouping commas and decimal points in these digits.
    pub fn apply(self, s: &str) -> String {
        match self {
            Digits::Western => s.to_string(),
            Digits::Urdu => s
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
                    ',' => '\u{066C}',
                    '.' => '\u{066B}',
                    '%' => '\u{066A}',
                    _ => c,
                })
                .collect(),
        }
    }
}

/// Rupees that are known only within a range: "Rs 0 - 1,160"; one figure
/// ("Rs 480") when both ends round to the same rupee.
pub fn rs_range(low: Decimal, high: Decimal) -> String {
    let (a, b) = (group_rupees(low, false), group_rupees(high, false));
    if a == b {
        format!("Rs {a}")
    } else {
        format!("Rs {a} - {b}")
    }
}

/// A rate in percent known only within a range, with one decimal:
/// "0.0% - 9.8%"; one figure when both ends round the same.
pub fn rate_range(low: f64, high: f64) -> String {
    let (a, b) = (format!("{low:.1}%"), format!("{high:.1}%"));
    if a == b { a } else { format!("{a} - {b}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn amounts_as_people_write_them() {
        assert_eq!(parse_amount("15000").unwrap(), dec!(15000));
        assert_eq!(parse_amount("15,000").unwrap(), dec!(15000));
        assert_eq!(parse_amount("1,50,000").unwrap(), dec!(150000));
        assert_eq!(parse_amount("1,500,000").unwrap(), dec!(1500000));
        assert_eq!(parse_amount("Rs 15,000").unwrap(), dec!(15000));
        assert_eq!(parse_amount("Rs.480").unwrap(), dec!(480));
        assert_eq!(parse_amount(" 15,000/- ").unwrap(), dec!(15000));
        assert_eq!(parse_amount("2541.67").unwrap(), dec!(2541.67));
        assert!(parse_amount("22,5").is_err());
        assert!(parse_amount("-5").is_err());
        assert!(parse_amount("abc").is_err());
        assert!(parse_amount("").is_err());
        assert!(parse_amount("1e30").is_err());
        assert!(parse_amount("1000000000001").is_err());
        assert!(parse_amount(&"9".repeat(100)).is_err());
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_percent("22%").unwrap(), dec!(22));
        assert_eq!(parse_percent("22").unwrap(), dec!(22));
        assert_eq!(parse_percent("22.5 %").unwrap(), dec!(22.5));
        assert_eq!(parse_percent("zero %").unwrap(), dec!(0));
        assert_eq!(parse_percent("none").unwrap(), dec!(0));
        assert_eq!(parse_percent("None").unwrap(), dec!(0));
        assert_eq!(parse_percent("۱۶٪").unwrap(), dec!(16));
        let e = parse_percent("22,5%").unwrap_err();
        assert!(e.contains("22.5%"), "{e}");
        assert!(parse_percent("1e30").is_err());
        assert!(parse_percent("1001%").is_err());
        assert!(parse_percent("-3%").is_err());
    }

    #[test]
    fn charges() {
        assert_eq!(parse_amount("۱۵٬۰۰۰").unwrap(), dec!(15000));
        assert_eq!(parse_amount("١٥٠٠٠").unwrap(), dec!(15000));
        assert_eq!(parse_percent("۲۲٫۵٪").unwrap(), dec!(22.5));
        assert_eq!(
            parse_amount("25.000").unwrap_err(),
            "expected an amount in rupees like 15,000, found \"25.000\": did you mean 25,000?"
        );
        assert!(parse_amount("25.123").is_err());
        assert_eq!(parse_amount("25.50").unwrap(), dec!(25.50));
    }

    #[test]
    fn south_asian_grouping() {
        assert_eq!(rs(dec!(150000)), "Rs 1,50,000");
        assert_eq!(rs(dec!(12345678)), "Rs 1,23,45,678");
        assert_eq!(rs(dec!(999)), "Rs 999");
        assert_eq!(rs(dec!(1000)), "Rs 1,000");
        assert_eq!(rs_paisa(dec!(2541.666)), "Rs 2,541.67");
        assert_eq!(rs(dec!(-25000)), "Rs -25,000");
        assert_eq!(MAX_AMOUNT, dec!(1000000000000));
    }
}
