//! One check of a loan's terms, for every front door: the command line's
//! flags (`price`, `schedule`) and the matrix's products (its file and the
//! app's cells) refuse the same contradictions with the same words, each
//! naming the terms the way its front door does (`--instalments 12`,
//! `instalments 12`). And one reader of the words staff write beside a
//! markup (`20% flat`, `28% declining`, `23% per 336 days`), which each
//! front door either understands or answers with what to write instead.

use super::terms::{Basis, DayCount, Frequency, GraceMarkup, MAX_MONTHS, MarkupPer, Structure};
use crate::money;
use rust_decimal::Decimal;

/// A term of a loan, as a front door names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    /// The term in months (`--months`, `term_months`).
    Months,
    /// How often she pays.
    Frequency,
    /// Equal, bullet or interest-only.
    Structure,
    /// The number of instalments.
    Instalments,
    /// Grace periods.
    Grace,
    /// The markup of the grace periods.
    GraceMarkup,
    /// How a declining markup counts time.
    DayCount,
    /// Flat, declining, murabaha or qard.
    Basis,
    /// The markup.
    Markup,
    /// The day the loan is paid out.
    Disbursed,
}

/// How a front door names a term, with its value when one is given:
/// `--instalments 12` or `instalments 12`; `--grace` or `grace_periods`.
pub type Names<'a> = &'a dyn Fn(Term, Option<&str>) -> String;

/// The terms to check, as given; `None` where a term is not given (the
/// matrix's unknowns: a check that needs it is skipped).
#[derive(Debug, Clone, Default)]
pub struct GivenTerms {
    /// The term in months.
    pub months: Option<u32>,
    /// How often she pays.
    pub frequency: Option<Frequency>,
    /// The structure, when said.
    pub structure: Option<Structure>,
    /// The number of instalments, when said.
    pub instalments: Option<u32>,
    /// Grace periods, when said.
    pub grace: Option<u32>,
    /// The markup of the grace periods, when said.
    pub grace_markup: Option<GraceMarkup>,
    /// The day count, when said.
    pub day_count: Option<DayCount>,
    /// The basis, when said.
    pub basis: Option<Basis>,
    /// The markup in percent, when said.
    pub markup: Option<Decimal>,
    /// Whether the due dates will be known (a disbursement date given, or,
    /// for the matrix, the report's date): `actual-365` needs them.
    pub dated: bool,
}

/// Two terms that contradict each other: which (the first is where to
/// look), and why, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// The terms at fault, the first first.
    pub terms: Vec<Term>,
    /// Why, naming them as the front door does.
    pub message: String,
}

/// Checks the terms of a loan or a product: the same contradictions
/// wherever they are written. Returns the structure they make (a bullet
/// frequency is a bullet loan) or the first contradiction.
pub fn check_terms(t: &GivenTerms, name: Names) -> Result<Structure, Contradiction> {
    let no = |terms: &[Term], message: String| {
        Err(Contradiction {
            terms: terms.to_vec(),
            message,
        })
    };
    let frequency = t.frequency;
    let bullet_freq = frequency == Some(Frequency::Bullet);
    let structure = match (t.structure, bullet_freq) {
        (Some(Structure::Bullet) | None, true) => Structure::Bullet,
        (Some(s), true) => {
            return no(
                &[Term::Frequency, Term::Structure],
                format!(
                    "{} and {} contradict each other: a bullet loan is repaid in one payment",
                    name(Term::Frequency, Some("bullet")),
                    name(Term::Structure, Some(s.as_str()))
                ),
            );
        }
        (Some(s), false) => s,
        (None, false) => Structure::Equal,
    };
    let grace = t.grace.unwrap_or(0);
    if structure == Structure::Bullet {
        let said = if bullet_freq {
            name(Term::Frequency, Some("bullet"))
        } else {
            name(Term::Structure, Some("bullet"))
        };
        let which = if bullet_freq {
            Term::Frequency
        } else {
            Term::Structure
        };
        if let Some(n) = t.instalments.filter(|n| *n != 1 && *n != 0) {
            return no(
                &[Term::Instalments, which],
                format!(
                    "{said} and {} contradict each other: a bullet loan is repaid in one payment",
                    name(Term::Instalments, Some(&n.to_string()))
                ),
            );
        }
        if grace > 0 {
            return no(
                &[Term::Grace, which],
                format!(
                    "a bullet loan and {} contradict each other: it pays nothing before its end anyway",
                    name(Term::Grace, Some(&grace.to_string()))
                ),
            );
        }
    }
    if let Some(months) = t.months {
        if structure == Structure::Equal && t.instalments == Some(1) && months > 1 {
            return no(
                &[Term::Instalments, Term::Months],
                format!(
                    "{} with {} is a bullet loan: say {}",
                    name(Term::Instalments, Some("1")),
                    name(Term::Months, Some(&months.to_string())),
                    name(Term::Structure, Some("bullet"))
                ),
            );
        }
        if frequency == Some(Frequency::Quarterly) && !months.is_multiple_of(3) {
            let (lower, upper) = (months / 3 * 3, months.div_ceil(3) * 3);
            let choices = if lower == 0 {
                format!("{upper} months")
            } else {
                format!("{lower} or {upper} months")
            };
            return no(
                &[Term::Frequency, Term::Months],
                format!(
                    "{} and {} contradict each other: quarterly payments need a term in whole quarters ({choices})",
                    name(Term::Frequency, Some("quarterly")),
                    name(Term::Months, Some(&months.to_string()))
                ),
            );
        }
        let ppy = match frequency {
            Some(f) if !bullet_freq => Some(f.periods_per_year()),
            Some(_) => Some(12),
            None => None,
        };
        if let (Some(n), Some(ppy), Some(f)) = (
            t.instalments
                .filter(|n| *n > 0 && structure != Structure::Bullet),
            ppy,
            frequency,
        ) {
            // n instalments at this frequency take this many months.
            let takes = ((u64::from(n) * 12 + u64::from(ppy) / 2) / u64::from(ppy)).max(1);
            if takes != u64::from(months) {
                return no(
                    &[Term::Instalments, Term::Months],
                    format!(
                        "{} and {} contradict each other: {n} {} instalments take {takes} months (give {}, or leave out {})",
                        name(Term::Instalments, Some(&n.to_string())),
                        name(Term::Months, Some(&months.to_string())),
                        f.words(),
                        name(Term::Months, Some(&takes.to_string())),
                        name(Term::Instalments, None)
                    ),
                );
            }
        }
        if let Some(ppy) = ppy {
            let periods = t
                .instalments
                .filter(|n| *n > 0)
                .unwrap_or((months * ppy + 6) / 12)
                .saturating_add(grace);
            let total = u64::from(periods) * 12 / u64::from(ppy);
            if total > u64::from(MAX_MONTHS) {
                let instalments = t
                    .instalments
                    .filter(|n| *n > 0)
                    .map(|n| format!(" and {}", name(Term::Instalments, Some(&n.to_string()))))
                    .unwrap_or_default();
                return no(
                    &[Term::Grace, Term::Months],
                    format!(
                        "{} with {}{instalments} makes a loan of {total} months: at most {MAX_MONTHS}",
                        name(Term::Months, Some(&months.to_string())),
                        name(Term::Grace, Some(&grace.to_string())),
                    ),
                );
            }
        }
    }
    if t.grace_markup.is_some() && t.grace == Some(0) {
        return no(
            &[Term::GraceMarkup, Term::Grace],
            format!(
                "{} says what happens to the markup of grace periods: give {} too",
                name(Term::GraceMarkup, None),
                name(Term::Grace, None)
            ),
        );
    }
    let day_count = t.day_count.unwrap_or_default();
    if let Some(basis) = t.basis
        && day_count != DayCount::Periods
        && basis != Basis::Declining
    {
        return no(
            &[Term::DayCount, Term::Basis],
            format!(
                "{} applies to a declining markup: {} charges it on the amount lent",
                name(Term::DayCount, Some(day_count.as_str())),
                name(Term::Basis, Some(basis.as_str()))
            ),
        );
    }
    if day_count == DayCount::Actual365 && !t.dated {
        return no(
            &[Term::DayCount, Term::Disbursed],
            format!(
                "{} counts the days between due dates: give {}",
                name(Term::DayCount, Some("actual-365")),
                name(Term::Disbursed, None)
            ),
        );
    }
    if t.basis == Some(Basis::Qard) && t.markup.is_some_and(|m| !m.is_zero()) {
        return no(
            &[Term::Markup, Term::Basis],
            format!(
                "qard-e-hasan has no markup: leave out {} or use another {}",
                name(Term::Markup, None),
                name(Term::Basis, None)
            ),
        );
    }
    Ok(structure)
}

/// What words beside a markup say besides its rate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkupWords {
    /// The rate in percent.
    pub rate: Decimal,
    /// `flat`, `declining`, ...: how it is charged.
    pub basis: Option<Basis>,
    /// `for the term`, `p.a.`: per year or for the whole term.
    pub per: Option<MarkupPer>,
    /// `per 336 days`: quoted for this many days.
    pub days: Option<u32>,
    /// `a month`: quoted per month.
    pub monthly: bool,
}

impl MarkupWords {
    /// Whether the words say nothing but the rate (and perhaps "a year").
    pub fn is_plain(&self) -> bool {
        self.basis.is_none()
            && self.days.is_none()
            && !self.monthly
            && self.per != Some(MarkupPer::Term)
    }

    /// A rate quoted for `days` days as the periods of a schedule it fits:
    /// 336 days are 12 four-weekly periods; `None` when it fits none.
    pub fn periods_of_days(days: u32) -> Option<(Frequency, u32)> {
        [
            (Frequency::FourWeekly, 28),
            (Frequency::Fortnightly, 14),
            (Frequency::Weekly, 7),
        ]
        .into_iter()
        .find(|(_, d)| days > 0 && days.is_multiple_of(*d))
        .map(|(f, d)| (f, days / d))
    }
}

/// Reads a markup with words beside its rate: `20% flat`, `28% declining`,
/// `28% on the declining balance`, `25% for the whole term`, `23% per 336
/// days`, `2% a month`, `22% p.a.`, in Urdu digits too. `None` when the text
/// holds no such words (a plain rate, or not a rate at all: the caller's
/// own reader says what is wrong).
pub fn markup_words(text: &str) -> Option<MarkupWords> {
    let western = money::western_digits(text);
    let lower = western.trim().to_lowercase();
    let (number, rest) = lower.split_once('%')?;
    let rate = money::parse_percent(number.trim()).ok()?;
    let mut rest = format!(" {} ", rest.replace([',', '(', ')'], " "));
    let mut w = MarkupWords {
        rate,
        ..MarkupWords::default()
    };
    let mut take = |phrases: &[&str]| -> bool {
        for p in phrases {
            let p = format!(" {p} ");
            if let Some(i) = rest.find(&p) {
                rest.replace_range(i..i + p.len(), " ");
                return true;
            }
        }
        false
    };
    if take(&[
        "on the declining balance",
        "on declining balance",
        "declining balance",
        "on the reducing balance",
        "reducing balance",
        "declining",
        "reducing",
    ]) {
        w.basis = Some(Basis::Declining);
    } else if take(&["flat rate", "flat"]) {
        w.basis = Some(Basis::Flat);
    } else if take(&["murabaha"]) {
        w.basis = Some(Basis::Murabaha);
    }
    if take(&[
        "for the whole term",
        "for the term",
        "per term",
        "for the loan",
        "per loan",
        "for the whole loan",
    ]) {
        w.per = Some(MarkupPer::Term);
    } else if take(&[
        "p.a.",
        "p.a",
        "per annum",
        "per year",
        "a year",
        "annual",
        "yearly",
    ]) {
        w.per = Some(MarkupPer::Year);
    } else if take(&["per month", "a month", "monthly", "p.m."]) {
        w.monthly = true;
    }
    // "per 336 days", "for 336 days".
    let words: Vec<String> = rest.split_whitespace().map(str::to_string).collect();
    let mut left = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let is_per = matches!(words[k].as_str(), "per" | "for" | "every");
        if is_per
            && let (Some(n), Some(unit)) = (words.get(k + 1), words.get(k + 2))
            && unit.starts_with("day")
            && let Ok(n) = n.parse::<u32>()
        {
            w.days = Some(n);
            k += 3;
            continue;
        }
        left.push(words[k].clone());
        k += 1;
    }
    // Words nobody reads: not a markup with words.
    if !left.is_empty() {
        return None;
    }
    if w == (MarkupWords {
        rate,
        ..MarkupWords::default()
    }) {
        return None;
    }
    Some(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn flags(t: Term, v: Option<&str>) -> String {
        let f = match t {
            Term::Months => "--months",
            Term::Frequency => "--frequency",
            Term::Structure => "--structure",
            Term::Instalments => "--instalments",
            Term::Grace => "--grace",
            Term::GraceMarkup => "--grace-markup",
            Term::DayCount => "--day-count",
            Term::Basis => "--basis",
            Term::Markup => "--markup",
            Term::Disbursed => "--disbursed",
        };
        match v {
            Some(v) => format!("{f} {v}"),
            None => f.to_string(),
        }
    }

    #[test]
    fn twelve_four_weekly_instalments_do_not_fit_twelve_months() {
        let t = GivenTerms {
            months: Some(12),
            frequency: Some(Frequency::FourWeekly),
            instalments: Some(12),
            ..Default::default()
        };
        let e = check_terms(&t, &flags).unwrap_err();
        assert_eq!(
            e.message,
            "--instalments 12 and --months 12 contradict each other: 12 four-weekly instalments take 11 months (give --months 11, or leave out --instalments)"
        );
        assert_eq!(e.terms[0], Term::Instalments);
        let ok = GivenTerms {
            months: Some(11),
            ..t
        };
        assert_eq!(check_terms(&ok, &flags), Ok(Structure::Equal));
    }

    #[test]
    fn markups_with_words_say_what_they_mean() {
        let w = markup_words("20% flat").unwrap();
        assert_eq!((w.rate, w.basis), (dec!(20), Some(Basis::Flat)));
        let w = markup_words("28% declining").unwrap();
        assert_eq!(w.basis, Some(Basis::Declining));
        assert_eq!(
            markup_words("28% on the declining balance p.a.")
                .unwrap()
                .per,
            Some(MarkupPer::Year)
        );
        let w = markup_words("23% per 336 days").unwrap();
        assert_eq!(w.days, Some(336));
        assert_eq!(
            MarkupWords::periods_of_days(336),
            Some((Frequency::FourWeekly, 12))
        );
        assert!(markup_words("2% a month").unwrap().monthly);
        assert_eq!(
            markup_words("25% for the whole term").unwrap().per,
            Some(MarkupPer::Term)
        );
        assert_eq!(markup_words("۲۰٪ flat").unwrap().rate, dec!(20));
        assert!(markup_words("22%").is_none());
        assert!(markup_words("22% banana").is_none());
        assert!(markup_words("22% p.a.").unwrap().is_plain());
    }
}
