//! The page each member keeps: her plan in brief, the recommended loan and
//! its calendar of instalments, in English or in her language.

use super::{Handout, HandoutLoan, MemberPage, PageLine, Piece, pct};
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::i18n::{self, Lang};
use crate::money::rs;
use crate::pricing;
use crate::scoring::{self, Evaluation};
use rust_decimal::Decimal;

/// The instalment dates of a loan disbursed on `start`: one period after
/// another, grace periods skipped.
pub fn calendar(p: &pricing::Priced, start: Date) -> Vec<(String, String)> {
    calendar_dates(p, start)
        .into_iter()
        .map(|(date, amount)| (date.long(), rs(amount)))
        .collect()
}

/// [`calendar`] as dates and amounts.
pub fn calendar_dates(p: &pricing::Priced, start: Date) -> Vec<(Date, Decimal)> {
    p.schedule
        .iter()
        .filter(|r| !r.pays().is_zero())
        .map(|r| {
            let date = r
                .date
                .unwrap_or_else(|| p.terms.frequency.due_date(start, r.period));
            (date, r.pays())
        })
        .collect()
}

pub(super) fn handout(
    doc: &StudyDoc,
    e: &Evaluation,
    m: &scoring::MemberResult,
    start: Date,
    lang: Lang,
) -> Handout {
    let plan = &doc.plans.members[m.member];
    let items: Vec<String> = plan
        .items
        .iter()
        .map(|i| format!("{} ({})", i.name, rs(i.cost)))
        .collect();
    let brief = vec![
        ("Her work".to_string(), plan.activity.clone()),
        ("She will buy".to_string(), items.join(", ")),
        (
            "From her own savings".to_string(),
            rs(plan.own_contribution),
        ),
        ("Loan she needs".to_string(), rs(m.loan_needed)),
        ("She can repay a month".to_string(), rs(m.capacity)),
    ];
    // Her recommended offer priced once, for both forms of the page.
    let best = e.best_affordable(m.member).and_then(|k| {
        let p = &e.pairs[k];
        Some((
            p,
            p.loan.as_ref()?,
            p.priced(&doc.matrix, doc.settings.rounding)?,
        ))
    });
    // Every figure from the evaluation's disclosure of the loan: the same
    // as the ranking, the app and `score --json`.
    let loan = best.as_ref().map(|(p, l, priced)| {
        let d = &l.disclosure;
        let unit = if d.count == 1 {
            "single"
        } else {
            d.frequency.words()
        };
        HandoutLoan {
            offer: format!("{} / {}", p.mfi, p.product),
            amount: rs(l.amount),
            instalment: rs(d.instalment),
            count: format!(
                "{} {unit} instalment{}",
                d.count,
                if d.count == 1 { "" } else { "s" }
            ),
            total_repaid: rs(d.amount + d.total_cost),
            in_hand: (d.received != d.amount).then(|| rs(d.received)),
            charges: d
                .charges
                .iter()
                .filter(|c| !(c.rupees + c.tax).is_zero())
                .map(|c| {
                    let tax = if c.tax.is_zero() { "" } else { " with tax" };
                    format!(
                        "{}: {}{tax}, {}, {}",
                        c.name,
                        rs(c.rupees + c.tax),
                        i18n::tr(Lang::En, timing_key(c.timing)),
                        i18n::tr(Lang::En, payee_key(c.payee)),
                    )
                })
                .collect(),
            savings: savings_kept(d).map(|kept| {
                format!(
                    "Savings the MFI keeps: {}; back at the end: {}",
                    rs(kept),
                    rs(d.savings_refunded)
                )
            }),
            total_cost: rs(d.total_cost),
            rate: format!(
                "{} {}",
                d.rate_name,
                d.apr_percent
                    .map(|x| pct(crate::money::to_f64(x)))
                    .unwrap_or_else(|| "beyond any number".into())
            ),
            calendar: calendar(priced, start),
            term_note: (l.months != l.preferred_months).then(|| {
                format!(
                    "Over {} months: the {} months you asked for would take more each month than you can repay.",
                    l.months, l.preferred_months
                )
            }),
            under_stress: if l.affordable_under_stress {
                "She can still pay if her income falls by the stress amount.".into()
            } else {
                format!(
                    "If her income fell by {}%, she could repay only {} a month: plan for it.",
                    doc.settings.stress_income_drop_percent.normalize(),
                    rs(m.stressed_capacity)
                )
            },
        }
    });
    let why_nothing = if loan.is_some() {
        Vec::new()
    } else if m.loan_needed.is_zero() {
        vec!["Her own savings cover her plan: she needs no loan.".into()]
    } else {
        let mut v: Vec<String> = m
            .excluded
            .iter()
            .flat_map(|&k| e.pairs[k].exclusions.clone())
            .collect();
        v.sort();
        v.dedup();
        if !m.ranked.is_empty() {
            v.insert(
                0,
                "Every offer open to her asks more each month than she can repay.".into(),
            );
        }
        v.truncate(6);
        v
    };
    let page = (lang != Lang::En).then(|| member_page(doc, m, best.as_ref(), start, lang));
    Handout {
        member: plan.member.clone(),
        co: plan.co.clone(),
        plan: brief,
        loan,
        why_nothing,
        page,
    }
}

/// The key of the words saying when a charge is paid.
pub fn timing_key(timing: pricing::Timing) -> &'static str {
    match timing {
        pricing::Timing::Upfront => "repay.when_upfront",
        pricing::Timing::PerInstalment => "repay.when_each",
        pricing::Timing::Financed => "repay.when_financed",
    }
}

/// The key of the words saying who receives a charge.
pub fn payee_key(payee: pricing::Payee) -> &'static str {
    match payee {
        pricing::Payee::Lender => "repay.to_lender",
        pricing::Payee::Insurer => "repay.to_insurer",
        pricing::Payee::ThirdParty => "repay.to_others",
    }
}

/// The savings the MFI keeps (withheld and collected), if any.
pub fn savings_kept(d: &pricing::Disclosure) -> Option<Decimal> {
    let kept = d.savings_withheld + d.savings_collected;
    (!kept.is_zero()).then_some(kept)
}

/// A member's page in `lang`: the same figures as the English handout, the
/// words from the translations file, every number a piece of its own in
/// the study's digits.
fn member_page(
    doc: &StudyDoc,
    m: &scoring::MemberResult,
    best: Option<&(&scoring::Pair, &scoring::Loan, pricing::Priced)>,
    start: Date,
    lang: Lang,
) -> MemberPage {
    let digits = doc.settings.digits;
    let plan = &doc.plans.members[m.member];
    let words = |key: &'static str| Piece::Words(i18n::tr(lang, key).to_string());
    let number = |s: String| Piece::Ltr(digits.apply(&s));
    let money = |d: Decimal| {
        let (n, unit) = i18n::rupees(lang, digits, d);
        vec![Piece::Ltr(n), Piece::Words(unit.to_string())]
    };
    let line = |pieces: Vec<Piece>, size: f32, bold: bool| PageLine { pieces, size, bold };
    let labelled = |key: &'static str, mut value: Vec<Piece>| {
        let mut pieces = vec![words(key)];
        pieces.append(&mut value);
        line(pieces, 12.5, false)
    };
    let mut lines = vec![
        line(vec![words("handout.title")], 22.0, true),
        line(
            vec![Piece::Ltr(format!("{}, {}", plan.member, plan.co))],
            13.0,
            true,
        ),
        labelled("handout.work", vec![Piece::Ltr(plan.activity.clone())]),
        labelled(
            "handout.buys",
            vec![Piece::Ltr(
                plan.items
                    .iter()
                    .map(|i| i.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        ),
        labelled("handout.own", money(plan.own_contribution)),
        labelled("handout.needs", money(m.loan_needed)),
        labelled("handout.capacity", money(m.capacity)),
    ];
    let mut calendar = Vec::new();
    let mut after = Vec::new();
    match best {
        Some((p, l, priced)) => {
            lines.push(line(
                vec![
                    words("handout.recommended"),
                    Piece::Ltr(format!("{} / {}", p.mfi, p.product)),
                ],
                12.0,
                true,
            ));
            let d = &l.disclosure;
            lines.push(labelled("handout.loan_of", money(l.amount)));
            lines.push(line(vec![words("handout.each_instalment")], 12.0, false));
            lines.push(line(money(d.instalment), 30.0, true));
            lines.push(labelled("handout.count", vec![number(d.count.to_string())]));
            if l.months != l.preferred_months {
                lines.push(line(
                    vec![
                        words("handout.term_over"),
                        number(l.months.to_string()),
                        words("handout.term_months"),
                        number(l.preferred_months.to_string()),
                        words("handout.term_asked"),
                    ],
                    11.0,
                    false,
                ));
            }
            let mut pay_back = labelled("handout.pay_back", money(d.amount + d.total_cost));
            pay_back.size = 14.0;
            pay_back.bold = true;
            lines.push(pay_back);
            let mut costs = labelled("handout.costs_you", money(d.total_cost));
            costs.size = 14.0;
            costs.bold = true;
            lines.push(costs);
            if d.received != d.amount {
                lines.push(labelled("handout.in_hand", money(d.received)));
            }
            for c in d.charges.iter().filter(|c| !(c.rupees + c.tax).is_zero()) {
                let mut pieces = vec![Piece::Ltr(c.name.to_string())];
                pieces.extend(money(c.rupees + c.tax));
                if !c.tax.is_zero() {
                    pieces.push(words("repay.with_tax"));
                }
                pieces.push(words(timing_key(c.timing)));
                pieces.push(words(payee_key(c.payee)));
                lines.push(line(pieces, 11.0, false));
            }
            if let Some(kept) = savings_kept(d) {
                lines.push(labelled("handout.savings_kept", money(kept)));
                lines.push(labelled("handout.savings_back", money(d.savings_refunded)));
            }
            lines.push(labelled(
                "handout.rate",
                vec![number(match d.apr_percent {
                    Some(x) => crate::money::percent_text(x, 1),
                    None => "-".into(),
                })],
            ));
            calendar = calendar_dates(priced, start)
                .into_iter()
                .enumerate()
                .map(|(i, (date, amount))| {
                    [
                        vec![number((i + 1).to_string())],
                        vec![
                            number(date.day().to_string()),
                            Piece::Words(i18n::month(lang, date.month()).to_string()),
                            number(date.year().to_string()),
                        ],
                        money(amount),
                    ]
                })
                .collect();
            after.push(if l.affordable_under_stress {
                line(vec![words("handout.stress_ok")], 11.0, false)
            } else {
                let mut pieces = vec![words("handout.stress_short")];
                pieces.extend(money(m.stressed_capacity));
                pieces.push(words("handout.stress_plan"));
                line(pieces, 11.0, false)
            });
        }
        None if m.loan_needed.is_zero() => {
            lines.push(line(vec![words("handout.no_need")], 12.0, true));
        }
        None => lines.push(line(vec![words("handout.nothing")], 12.0, true)),
    }
    MemberPage {
        lang,
        lines,
        calendar_header: [
            i18n::tr(lang, "handout.col_no").to_string(),
            i18n::tr(lang, "handout.col_date").to_string(),
            i18n::tr(lang, "handout.col_pay").to_string(),
        ],
        calendar,
        after,
    }
}
