//! What a member's plan says of her months and her debts, as staff write it
//! in a plans file or type it in the app: her sales month by month (`Jan
//! 6,000; Feb 6,000; ...`, ranges `Jun-Aug 3,000`, or the short form of
//! shares of her usual month, `Jun-Aug 50%; Nov-Dec 150%`), in English or
//! Urdu month names and digits; and what she already repays each month, to
//! whom (`Committee: 1,000; Shopkeeper: 500`, or one amount).

use crate::data::table;
use crate::money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The months' short English names, January first.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The months' Urdu names, January first.
pub const URDU_MONTHS: [&str; 12] = [
    "جنوری",
    "فروری",
    "مارچ",
    "اپریل",
    "مئی",
    "جون",
    "جولائی",
    "اگست",
    "ستمبر",
    "اکتوبر",
    "نومبر",
    "دسمبر",
];

/// A figure for each calendar month: rupees, or percent of her usual month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MonthFigures {
    /// Rupees in each month, January first.
    Rupees([Decimal; 12]),
    /// Percent of her usual month in each month, January first (100 where
    /// the plan names no share).
    Percent([Decimal; 12]),
}

impl MonthFigures {
    /// The rupees of each month, January first, her usual month being
    /// `usual`.
    pub fn rupees(&self, usual: Decimal) -> [Decimal; 12] {
        match self {
            MonthFigures::Rupees(r) => *r,
            MonthFigures::Percent(p) => p.map(|x| usual * x / Decimal::ONE_HUNDRED),
        }
    }

    /// The figures written so that [`parse_months`] reads them back equal:
    /// consecutive months with the same figure as a range (`Jun-Aug 3000`);
    /// shares of 100% left out.
    pub fn format(&self) -> String {
        let (values, percent) = match self {
            MonthFigures::Rupees(r) => (r, false),
            MonthFigures::Percent(p) => (p, true),
        };
        let mut parts = Vec::new();
        let mut i = 0;
        while i < 12 {
            let mut j = i;
            while j + 1 < 12 && values[j + 1] == values[i] {
                j += 1;
            }
            let v = values[i].normalize();
            if !(percent && v == Decimal::ONE_HUNDRED) {
                let months = if i == j {
                    MONTHS[i].to_string()
                } else {
                    format!("{}-{}", MONTHS[i], MONTHS[j])
                };
                parts.push(format!("{months} {v}{}", if percent { "%" } else { "" }));
            }
            i = j + 1;
        }
        if parts.is_empty() {
            // Every month at 100%: the same as her usual month.
            return "Jan-Dec 100%".into();
        }
        parts.join("; ")
    }
}

/// The month a name stands for (0 for January): English, whole or short
/// (`June`, `Jun`, `Sept`), any case; or Urdu.
pub fn month_index(name: &str) -> Option<usize> {
    let n = name.trim().trim_end_matches('.').to_lowercase();
    if n.is_empty() {
        return None;
    }
    const LONG: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if let Some(i) = URDU_MONTHS.iter().position(|u| *u == n) {
        return Some(i);
    }
    if n == "sept" {
        return Some(8);
    }
    LONG.iter()
        .position(|l| *l == n || (n.len() == 3 && l.starts_with(&n)))
}

/// The months a name or range stands for: `Jun`, `Jun-Aug`, `Nov to Feb`
/// (round the year's end), `جون تا اگست`; words before the months are a
/// label (`lean Jun-Aug`, `peak Nov-Dec`).
fn months_of(s: &str) -> Result<Vec<usize>, String> {
    let s = s.trim();
    let lower = s.to_lowercase();
    if ["eid", "ramadan", "ramzan", "عید", "رمضان"]
        .iter()
        .any(|w| lower.split_whitespace().any(|x| x == *w))
    {
        return Err(format!(
            "\"{}\": Eid and Ramadan move by about eleven days a year: name the calendar months (Nov-Dec 150%)",
            table::clip(s)
        ));
    }
    let whole = months_range(s);
    if whole.is_ok() {
        return whole;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    for skip in 1..words.len() {
        // A label is words that name no month: "Jun Jul" is two months,
        // never a label and a month.
        if words[..skip].iter().any(|w| month_index(w).is_some()) {
            break;
        }
        let rest = words[skip..].join(" ");
        if let Ok(m) = months_range(&rest) {
            return Ok(m);
        }
    }
    whole
}

/// A month or a range of months, nothing else.
fn months_range(s: &str) -> Result<Vec<usize>, String> {
    let range = [" to ", " تا ", "–", "—", "-"]
        .iter()
        .find_map(|sep| s.split_once(sep));
    let (a, b) = match range {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let first = month_index(a).ok_or_else(|| not_a_month(a))?;
    let Some(b) = b else {
        return Ok(vec![first]);
    };
    let last = month_index(b).ok_or_else(|| not_a_month(b))?;
    let mut out = vec![first];
    let mut m = first;
    while m != last {
        m = (m + 1) % 12;
        out.push(m);
    }
    Ok(out)
}

fn not_a_month(s: &str) -> String {
    format!(
        "\"{}\" is not a month: write Jan, Feb ... Dec (or the Urdu names)",
        table::clip(s.trim())
    )
}

/// Reads a figure for each month: `Jan 6000; Feb 6,000; ... Dec 14,000`
/// (every month once, ranges allowed: `Jun-Aug 3,000`) or shares of her
/// usual month for some months (`Jun-Aug 50%; Nov-Dec 150%`, the others
/// 100%). Entries are separated by `;` or new lines; a colon after the
/// month is allowed; Urdu month names and digits too. Every problem of the
/// cell is reported at once.
pub fn parse_months(s: &str) -> Result<MonthFigures, String> {
    let text = money::western_digits(s);
    let mut seen: [Option<String>; 12] = Default::default();
    let mut values: [Option<Decimal>; 12] = [None; 12];
    let mut percent: Option<bool> = None;
    let mut problems: Vec<String> = Vec::new();
    for entry in text
        .split([';', '\n', '؛'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        // The figure is the entry's last word; what is before it names the
        // months ("Jun-Aug", "Nov to Feb", "Jan:").
        let (months, figure) = match entry.rsplit_once([' ', ':', '\t']) {
            Some((m, f)) if !f.trim().is_empty() => (m.trim().trim_end_matches(':'), f.trim()),
            _ => {
                problems.push(format!(
                    "\"{}\": expected a month and a figure, like \"Jun 3,000\" or \"Jun-Aug 50%\"",
                    table::clip(entry)
                ));
                continue;
            }
        };
        // "Jan Rs 6,000": the currency belongs to the figure.
        let months = months
            .trim_end_matches("Rs.")
            .trim_end_matches("Rs")
            .trim_end_matches("روپے")
            .trim();
        let which = match months_of(months) {
            Ok(w) => w,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let is_percent = figure.ends_with('%');
        let value = if is_percent {
            money::parse_percent(figure)
        } else {
            money::parse_amount(figure.trim_end_matches("روپے"))
        };
        let value = match value {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{months}: {e}"));
                continue;
            }
        };
        match percent {
            None => percent = Some(is_percent),
            Some(p) if p != is_percent => {
                problems.push(
                    "rupees and percentages mixed: give every month in rupees, or some months as a share of her usual month (Jun-Aug 50%)".into(),
                );
                continue;
            }
            Some(_) => {}
        }
        for m in which {
            if let Some(first) = &seen[m] {
                problems.push(format!(
                    "{} is given twice ({first} and {months}): give each month once",
                    MONTHS[m]
                ));
            } else {
                seen[m] = Some(months.to_string());
                values[m] = Some(value);
            }
        }
    }
    let Some(percent) = percent else {
        if problems.is_empty() {
            return Err("expected her sales month by month, like \"Jan 6,000; Feb 6,000; ...\" or \"Jun-Aug 50%; Nov-Dec 150%\"".into());
        }
        return Err(problems.join("; "));
    };
    if !percent {
        let missing: Vec<&str> = (0..12)
            .filter(|&m| values[m].is_none())
            .map(|m| MONTHS[m])
            .collect();
        if !missing.is_empty() && problems.is_empty() {
            problems.push(format!(
                "{} month{} given, {} missing ({}): give every month in rupees, or only the months that differ as a share of her usual month (Jun-Aug 50%)",
                12 - missing.len(),
                if 12 - missing.len() == 1 { "" } else { "s" },
                missing.len(),
                missing.join(", ")
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    let fill = if percent {
        Decimal::ONE_HUNDRED
    } else {
        Decimal::ZERO
    };
    let values = values.map(|v| v.unwrap_or(fill));
    Ok(if percent {
        MonthFigures::Percent(values)
    } else {
        MonthFigures::Rupees(values)
    })
}

/// One debt she already repays every month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherDebt {
    /// To whom (a lender, a shopkeeper, her committee); may be empty.
    pub to: String,
    /// What she pays on it a month.
    pub monthly: Decimal,
}

/// Reads what she already repays a month: one amount (`1,500`) or several
/// with to whom (`Committee: 1,000; Shopkeeper: 500`), in rupees a month.
pub fn parse_debts(s: &str) -> Result<Vec<OtherDebt>, String> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for part in s
        .split([';', '؛', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (to, amount) = match part.rsplit_once(':') {
            Some((to, amount)) => (to.trim(), amount),
            None => ("", part),
        };
        match money::parse_amount(amount) {
            Ok(monthly) => out.push(OtherDebt {
                to: to.to_string(),
                monthly,
            }),
            Err(e) => problems.push(if to.is_empty() {
                format!(
                    "{e}: write what she repays a month, like \"1,500\" or \"Committee: 1,000; Shopkeeper: 500\""
                )
            } else {
                format!("{}: {e}", table::clip(to))
            }),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.join("; "))
    }
}

/// Writes debts so that [`parse_debts`] reads them back equal.
pub fn format_debts(debts: &[OtherDebt]) -> String {
    debts
        .iter()
        .map(|d| {
            if d.to.is_empty() {
                d.monthly.normalize().to_string()
            } else {
                format!("{}: {}", d.to, d.monthly.normalize())
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn every_month_in_rupees_with_ranges() {
        let m = parse_months("Jan-May 6,000; Jun-Aug: 3000; Sep 8000; Oct-Dec Rs 14,000").unwrap();
        let r = m.rupees(dec!(0));
        assert_eq!(r[0], dec!(6000));
        assert_eq!(r[5], dec!(3000));
        assert_eq!(r[8], dec!(8000));
        assert_eq!(r[11], dec!(14000));
        assert_eq!(parse_months(&m.format()).unwrap(), m);
    }

    #[test]
    fn shares_of_her_usual_month() {
        let m = parse_months("lean Jun-Aug 50%; peak Nov-Dec 150%").unwrap();
        assert_eq!(m, parse_months("Jun-Aug 50%; Nov-Dec 150%").unwrap());
        let e = parse_months("lean Jun-Aug 50%; Eid 150%").unwrap_err();
        assert!(e.contains("Eid and Ramadan move"), "{e}");
        let r = m.rupees(dec!(8000));
        assert_eq!(r[0], dec!(8000));
        assert_eq!(r[6], dec!(4000));
        assert_eq!(r[11], dec!(12000));
        assert_eq!(m.format(), "Jun-Aug 50%; Nov-Dec 150%");
        assert_eq!(parse_months(&m.format()).unwrap(), m);
    }

    #[test]
    fn urdu_names_and_digits() {
        let m = parse_months("جون تا اگست ۵۰٪؛ نومبر ۱۵۰٪").unwrap();
        assert_eq!(
            m.rupees(dec!(1000)),
            [
                dec!(1000),
                dec!(1000),
                dec!(1000),
                dec!(1000),
                dec!(1000),
                dec!(500),
                dec!(500),
                dec!(500),
                dec!(1000),
                dec!(1000),
                dec!(1500),
                dec!(1000)
            ]
        );
        // Round the year's end.
        let m = parse_months("Nov to Feb 150%").unwrap();
        let r = m.rupees(dec!(100));
        assert_eq!(
            (r[10], r[11], r[0], r[1], r[2]),
            (dec!(150), dec!(150), dec!(150), dec!(150), dec!(100))
        );
    }

    #[test]
    fn bad_months_are_named_all_at_once() {
        let e = parse_months(
            "Jan 1; Feb 1; Mar 1; Apr 1; May 1; Jun 1; Jul 1; Aug 1; Sep 1; Oct 1; Nov 1",
        )
        .unwrap_err();
        assert!(e.contains("11 months given, 1 missing (Dec)"), "{e}");
        let e = parse_months("Jan-Dec 5000; Jun 3000").unwrap_err();
        assert!(e.contains("Jun is given twice (Jan-Dec and Jun)"), "{e}");
        let e = parse_months("Jun -300; Jul abc; Jully 5").unwrap_err();
        assert!(e.contains("negative"), "{e}");
        assert!(e.contains("Jul: expected an amount"), "{e}");
        assert!(e.contains("\"Jully\" is not a month"), "{e}");
        let e = parse_months("Jun Jul 50%").unwrap_err();
        assert!(e.contains("\"Jun Jul\" is not a month"), "{e}");
        let e = parse_months("Jun 50%; Jul 3000").unwrap_err();
        assert!(e.contains("rupees and percentages mixed"), "{e}");
    }

    #[test]
    fn debts_one_amount_or_several() {
        assert_eq!(
            parse_debts("1,500").unwrap(),
            vec![OtherDebt {
                to: String::new(),
                monthly: dec!(1500)
            }]
        );
        let d = parse_debts("Committee: 1,000; Shopkeeper: ۵۰۰").unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].monthly, dec!(500));
        assert_eq!(parse_debts(&format_debts(&d)).unwrap(), d);
        let e = parse_debts("Committee: lots; -5").unwrap_err();
        assert!(e.contains("Committee: expected an amount"), "{e}");
        assert!(e.contains("negative"), "{e}");
    }
}
