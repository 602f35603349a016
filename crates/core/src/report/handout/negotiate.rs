//! What to negotiate: the terms to ask the MFI for, in her words.

use super::pieces::{comma, fill, in_months, rupees_pieces, said};
use super::{MonthList, calendar_after};
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::i18n::Lang;
use crate::report::Piece;
use crate::scoring::{self, Evaluation};

/// The offer whose terms her page proposes to negotiate, and the terms:
/// her best offer's when one fits (only over a longer term, or only with
/// money put aside); when none does, the first of her ranked offers (the
/// best first, at most five) for which something would fit.
pub(super) fn to_negotiate<'a>(
    doc: &StudyDoc,
    e: &'a Evaluation,
    m: &scoring::MemberResult,
) -> Option<(&'a scoring::Pair, Vec<scoring::negotiate::Proposal>)> {
    let plan = doc.plans.members.get(m.member)?;
    let of = |k: usize| {
        let p = &e.pairs[k];
        let props = scoring::negotiate::to_negotiate(p, plan, &doc.matrix, &doc.settings);
        (!props.is_empty()).then_some((p, props))
    };
    match e.best_affordable(m.member) {
        Some(k) => of(k),
        None => m.ranked.iter().take(5).find_map(|&k| of(k)),
    }
}

/// The terms to negotiate as her page says them, in `lang`: the title
/// (with the offer), that they are not yet the MFI's, then one line each:
/// what is proposed, its payments in rupees, what it costs and its yearly
/// rate (and when it would not fit under stress). Months the engine did not
/// place on the calendar are the months after `start`.
pub(super) fn negotiate_lines(
    doc: &StudyDoc,
    p: &scoring::Pair,
    props: &[scoring::negotiate::Proposal],
    start: Date,
    lang: Lang,
) -> (Vec<Piece>, Vec<Vec<Piece>>) {
    use scoring::negotiate::Proposed;
    let digits = doc.settings.digits;
    let money = |paisa: i64| rupees_pieces(lang, digits, scoring::months::rupees(paisa));
    let number = |n: String| vec![Piece::Ltr(digits.apply(&n))];
    let named = |list: &[(u32, Option<u8>)]| -> MonthList {
        list.iter()
            .map(|&(m, c)| (m, c.or(Some(calendar_after(start, m)))))
            .collect()
    };
    let title = fill(
        lang,
        "handout.n_title",
        &[(
            "offer",
            vec![Piece::Ltr(format!("{} / {}", p.mfi, p.product))],
        )],
    );
    let mut lines = vec![vec![said(lang, "handout.n_ask")]];
    for prop in props {
        let s = prop.said();
        let mut pays: Vec<Piece> = Vec::new();
        for (amount, months) in &s.others {
            if !pays.is_empty() {
                comma(&mut pays, lang);
            }
            let when = in_months(lang, digits, &named(months), prop.months);
            match lang {
                Lang::En => pays.extend(money(*amount).into_iter().chain(when)),
                _ => pays.extend(when.into_iter().chain(money(*amount))),
            }
        }
        if !pays.is_empty() {
            comma(&mut pays, lang);
        }
        pays.extend(fill(
            lang,
            if s.in_other_months {
                "handout.n_other_months"
            } else {
                "handout.n_a_month"
            },
            &[("rs", money(s.usual))],
        ));
        if let Some(last) = s.last {
            comma(&mut pays, lang);
            pays.extend(fill(lang, "handout.n_last", &[("rs", money(last))]));
        }
        pays.extend(fill(
            lang,
            "handout.n_count",
            &[("n", number(s.count.to_string()))],
        ));
        let mut line = match prop.kind {
            Proposed::LongerTerm => fill(
                lang,
                "handout.n_longer",
                &[
                    ("n", number(prop.months.to_string())),
                    ("asked", number(prop.asked_months.to_string())),
                    ("pays", pays),
                ],
            ),
            Proposed::Grace => fill(
                lang,
                "handout.n_grace",
                &[
                    (
                        "when",
                        in_months(lang, digits, &named(&prop.no_payment()), prop.months),
                    ),
                    ("pays", pays),
                ],
            ),
            Proposed::Seasonal if s.others.is_empty() => {
                fill(lang, "handout.n_along", &[("pays", pays)])
            }
            Proposed::Seasonal => fill(lang, "handout.n_seasonal", &[("pays", pays)]),
        };
        let cost = {
            let (lo, hi) = (prop.total_cost.low, prop.total_cost.high);
            let mut v = rupees_pieces(lang, digits, lo.min(hi));
            if lo.round() != hi.round() {
                v.push(Piece::Ltr("-".into()));
                v.extend(rupees_pieces(lang, digits, lo.max(hi)));
            }
            v
        };
        line.extend(fill(
            lang,
            "handout.n_costs",
            &[
                ("cost", cost),
                (
                    "rate",
                    number(crate::money::rate_range(prop.apr.low, prop.apr.high)),
                ),
            ],
        ));
        if !prop.fits_under_stress {
            line.extend(fill(
                lang,
                "handout.n_stress",
                &[(
                    "drop",
                    number(format!(
                        "{}%",
                        doc.settings.stress_income_drop_percent.normalize()
                    )),
                )],
            ));
        }
        lines.push(line);
    }
    (title, lines)
}
