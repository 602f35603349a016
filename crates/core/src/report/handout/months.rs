//! Her months in words: the notes under the strip, and the months her
//! payment would be short of what she can spare.

use super::pieces::{
    comma, fill, in_months, months_pieces, punctuate, rupees_pieces, said, year_months,
};
use super::strip::aside_rupees;
use super::{MonthList, calendar_after};
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::i18n::{self, Lang};
use crate::report::Piece;
use crate::scoring::months::{MonthRow, ShortWhy};
use crate::scoring::{self, Evaluation, HerStrip};
use rust_decimal::Decimal;

/// The lines under the strip of her months, each as pieces in `lang`:
/// the month of the disbursement the strip assumes when none is set, and
/// the months in which it would fit; what she must put aside, when and for
/// what; whether the purchase pays for the loan. (That her sales are
/// counted the same every month is said beside the strip's title.)
pub(super) fn months_notes(
    doc: &StudyDoc,
    l: &scoring::Loan,
    strip: &HerStrip,
    lang: Lang,
) -> Vec<Vec<Piece>> {
    let digits = doc.settings.digits;
    let money = |d: Decimal| rupees_pieces(lang, digits, d);
    let mut out = Vec::new();
    if let (true, Some(start)) = (strip.assumed, strip.start) {
        let month = Piece::Words(i18n::month(lang, u32::from(start) % 12 + 1).to_string());
        out.push(fill(lang, "handout.m_no_date", &[("month", vec![month])]));
        out.push(match l.paid_out.map(|o| o.fits) {
            Some(0x0FFF) => vec![said(lang, "handout.m_fits_any")],
            Some(0) | None => vec![said(lang, "handout.m_fits_none")],
            Some(fits) => fill(
                lang,
                "handout.m_fits_in",
                &[(
                    "months",
                    months_pieces(lang, digits, &year_months(fits), 13),
                )],
            ),
        });
    }
    let months_where = |f: fn(&MonthRow) -> bool| -> Vec<(u32, Option<u8>)> {
        strip
            .rows
            .iter()
            .filter(|r| f(r))
            .map(|r| (r.month, r.calendar))
            .collect()
    };
    if let Some(aside) = l.put_aside {
        // The same sum every month, or the months of each sum (a month
        // with less room puts aside less), as the strip shows them.
        let mut sums: Vec<(i64, MonthList)> = Vec::new();
        for r in strip.rows.iter().filter(|r| r.aside > 0) {
            let rupees = aside_rupees(r.aside);
            match sums.iter_mut().find(|(x, _)| *x == rupees) {
                Some((_, months)) => months.push((r.month, r.calendar)),
                None => sums.push((rupees, vec![(r.month, r.calendar)])),
            }
        }
        let sum_money = |x: i64| money(Decimal::from(x));
        out.push(match sums.as_slice() {
            [(x, when)] => fill(
                lang,
                "handout.m_aside",
                &[
                    ("rs", sum_money(*x)),
                    ("months", months_pieces(lang, digits, when, l.months)),
                ],
            ),
            few if few.len() <= 3 => {
                // "Rs 600 in Feb and May, Rs 1,875 in Mar and Apr"; in
                // Urdu the months first.
                let mut list = Vec::new();
                for (i, (x, when)) in few.iter().enumerate() {
                    if i > 0 {
                        comma(&mut list, lang);
                    }
                    let when = in_months(lang, digits, when, l.months);
                    match lang {
                        Lang::En => list.extend(sum_money(*x).into_iter().chain(when)),
                        _ => list.extend(when.into_iter().chain(sum_money(*x))),
                    }
                }
                fill(lang, "handout.m_aside_sums", &[("list", list)])
            }
            _ => fill(
                lang,
                "handout.m_aside_upto",
                &[
                    ("rs", money(scoring::months::rupees(aside.monthly))),
                    (
                        "months",
                        months_pieces(lang, digits, &months_where(|r| r.aside > 0), l.months),
                    ),
                ],
            ),
        });
        out.push(match aside.what_for {
            scoring::months::AsideFor::LargePayment => {
                let (amount, month) = l.largest_payment;
                let calendar = strip
                    .rows
                    .iter()
                    .find(|r| r.month == month)
                    .and_then(|r| r.calendar);
                fill(
                    lang,
                    "handout.m_for_last",
                    &[
                        ("rs", money(amount)),
                        (
                            "when",
                            in_months(lang, digits, &[(month, calendar)], l.months),
                        ),
                    ],
                )
            }
            scoring::months::AsideFor::LeanMonths => fill(
                lang,
                "handout.m_for_lean",
                &[(
                    "months",
                    months_pieces(lang, digits, &months_where(|r| r.from_before > 0), l.months),
                )],
            ),
        });
    }
    if let Some(w) = l.worth {
        out.push(fill(
            lang,
            "handout.m_worth",
            &[("profit", money(w.extra_profit)), ("cost", money(w.cost))],
        ));
        if !w.pays() {
            out.push(vec![said(lang, "handout.m_not_worth")]);
        }
    }
    out
}

/// Why the offers ranked for her do not fit her months, in her language:
/// for each (the best first, at most five), the offer, then which months
/// fail and why, and the months of the year in which a disbursement would
/// fit.
pub(super) fn months_short(
    doc: &StudyDoc,
    e: &Evaluation,
    m: &scoring::MemberResult,
    start: Date,
    lang: Lang,
) -> Vec<Vec<Piece>> {
    const MOST: usize = 5;
    let digits = doc.settings.digits;
    // Months the engine did not name are the months after `start`.
    let cal = |month: u32, c: Option<u8>| c.or(Some(calendar_after(start, month)));
    let money = |p: i64| rupees_pieces(lang, digits, scoring::months::rupees(p));
    let percent = |x: String| vec![Piece::Ltr(digits.apply(&format!("{x}%")))];
    let mut out = Vec::new();
    for &k in m.ranked.iter().take(MOST) {
        let p = &e.pairs[k];
        let Some(l) = &p.loan else { continue };
        let when = |list: &[(u32, Option<u8>)]| in_months(lang, digits, list, l.months);
        let mut reasons: Vec<Vec<Piece>> = Vec::new();
        let (largest, largest_month) = l.largest_payment;
        let balloon = l.has_balloon();
        let is_balloon = |s: &&scoring::months::ShortMonth| balloon && s.month == largest_month;
        // The large payment, more than she can have by then.
        for s in l.short_months.iter().filter(is_balloon) {
            if let ShortWhy::Payment { could, .. } = s.why {
                reasons.push(fill(
                    lang,
                    "handout.m_last_short",
                    &[
                        ("rs", rupees_pieces(lang, digits, largest)),
                        ("when", when(&[(s.month, cal(s.month, s.calendar))])),
                        ("could", money(could)),
                    ],
                ));
            }
        }
        // Her regular payments, more than she can spare.
        let regular: Vec<(u32, Option<u8>, i64, i64)> = l
            .short_months
            .iter()
            .filter(|s| !is_balloon(s))
            .filter_map(|s| match s.why {
                ShortWhy::Payment { pays, could } => {
                    Some((s.month, cal(s.month, s.calendar), pays, could))
                }
                _ => None,
            })
            .collect();
        if !regular.is_empty() {
            let list: Vec<(u32, Option<u8>)> = regular.iter().map(|r| (r.0, r.1)).collect();
            let pays = regular.iter().map(|r| r.2).max().unwrap_or(0);
            let could = regular.iter().map(|r| r.3).min().unwrap_or(0);
            reasons.push(fill(
                lang,
                "handout.m_pay_short",
                &[
                    ("when", when(&list)),
                    ("rs", money(pays)),
                    ("could", money(could)),
                ],
            ));
        }
        let household: Vec<(u32, Option<u8>)> = l
            .short_months
            .iter()
            .filter(|s| matches!(s.why, ShortWhy::Household { .. }))
            .map(|s| (s.month, cal(s.month, s.calendar)))
            .collect();
        if !household.is_empty() {
            reasons.push(fill(
                lang,
                "handout.m_household_short",
                &[("when", when(&household))],
            ));
        }
        let debts: Vec<(u32, Option<u8>, Option<i64>)> = l
            .short_months
            .iter()
            .filter_map(|s| match s.why {
                ShortWhy::Debts { ratio_bp } => Some((s.month, cal(s.month, s.calendar), ratio_bp)),
                _ => None,
            })
            .collect();
        if !debts.is_empty() {
            let list: Vec<(u32, Option<u8>)> = debts.iter().map(|d| (d.0, d.1)).collect();
            let worst = debts
                .iter()
                .map(|d| d.2)
                .max_by_key(|r| r.unwrap_or(i64::MAX))
                .flatten();
            let cap = percent(
                doc.settings
                    .debt_service_cap_percent
                    .normalize()
                    .to_string(),
            );
            reasons.push(match worst {
                Some(bp) => fill(
                    lang,
                    "handout.m_debts_short",
                    &[
                        ("when", when(&list)),
                        ("share", percent((bp / 100).to_string())),
                        ("cap", cap),
                    ],
                ),
                None => fill(
                    lang,
                    "handout.m_debts_all",
                    &[("when", when(&list)), ("cap", cap)],
                ),
            });
        }
        if reasons.is_empty() {
            continue;
        }
        let semicolon =
            |out: &mut Vec<Piece>| punctuate(out, if lang == Lang::En { ";" } else { "؛" });
        let mut pieces = vec![
            Piece::Ltr(format!("{} / {}", p.mfi, p.product)),
            Piece::Words(":".into()),
        ];
        for (i, r) in reasons.into_iter().enumerate() {
            if i > 0 {
                semicolon(&mut pieces);
            }
            pieces.extend(r);
        }
        if let Some(fits) = l.paid_out.map(|o| o.fits).filter(|f| *f != 0) {
            semicolon(&mut pieces);
            pieces.extend(fill(
                lang,
                "handout.m_would_fit",
                &[(
                    "months",
                    months_pieces(lang, digits, &year_months(fits), 13),
                )],
            ));
        }
        out.push(pieces);
    }
    out
}
