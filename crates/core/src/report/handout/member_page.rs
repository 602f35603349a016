//! Her page in her language: her loan, its calendar, her months and what
//! to ask, or why nothing is open to her.

use super::months::{months_notes, months_short};
use super::negotiate::negotiate_lines;
use super::pieces::{calendar_months_list, fill, punctuate};
use super::statement::{
    frequency_key, key_facts, low_charge, paid_with, payee_key, savings_kept, short_key,
    timing_key, to_confirm, to_you,
};
use super::{
    CoChoice, balloon, calendar_dates, frequency_assumed, offer_heading_key, why_not_co_choice,
};
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::i18n::capitalised;
use crate::i18n::{self, Lang};
use crate::money::rs;
use crate::pricing;
use crate::report::{MemberPage, PageLine, Picture, Piece};
use crate::scoring::{self, Evaluation, HerStrip};
use rust_decimal::Decimal;

/// A member's page in `lang`: the same figures as the English handout, the
/// words from the translations file, every number a piece of its own in
/// the study's digits.
#[allow(clippy::too_many_arguments)]
pub(super) fn member_page(
    doc: &StudyDoc,
    e: &Evaluation,
    m: &scoring::MemberResult,
    best: Option<&(&scoring::Pair, &scoring::Loan, pricing::Priced)>,
    strip: Option<&HerStrip>,
    negotiate: Option<&(&scoring::Pair, Vec<scoring::negotiate::Proposal>)>,
    start: Date,
    lang: Lang,
    co: &CoChoice,
) -> MemberPage {
    let digits = doc.settings.digits;
    let plan = &doc.plans.members[m.member];
    let words = |key: &'static str| Piece::Words(i18n::tr(lang, key).to_string());
    let number = |s: String| Piece::Ltr(digits.apply(&s));
    let money = |d: Decimal| {
        let (n, unit) = i18n::rupees(lang, digits, d);
        vec![Piece::Ltr(n), Piece::Words(unit.to_string())]
    };
    // Rupees known within a range: both amounts, low first.
    let money_range = |a: Decimal, b: Decimal| {
        let (a, b) = (a.min(b), a.max(b));
        let mut v = money(a);
        if a.round() != b.round() {
            v.push(Piece::Ltr("-".into()));
            v.extend(money(b));
        }
        v
    };
    let line = |pieces: Vec<Piece>, size: f32, bold: bool| PageLine {
        pieces,
        size,
        bold,
        ltr: false,
        picture: None,
    };
    let labelled = |key: &'static str, mut value: Vec<Piece>| {
        let mut pieces = vec![words(key)];
        pieces.append(&mut value);
        line(pieces, 10.5, false)
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
    let mut months_at = 0;
    match best {
        Some((p, l, priced)) => {
            lines.push(line(
                vec![
                    words(offer_heading_key(co, p, l)),
                    Piece::Ltr(format!("{} / {}", p.mfi, p.product)),
                ],
                12.0,
                true,
            ));
            if let Some(why) = why_not_co_choice(doc, e, m, Some(p.mfi.as_str()), co) {
                lines.push(line(
                    vec![words("handout.not_co_choice"), Piece::Ltr(why)],
                    9.0,
                    false,
                ));
            }
            let d = &l.disclosure;
            let lo = l.low_disclosure();
            lines.push(labelled("handout.loan_of", money(l.amount)));
            lines.push(line(
                vec![words(if l.count <= 1 {
                    "handout.m_once"
                } else if l.has_balloon() {
                    "handout.m_each_but_last"
                } else {
                    "handout.each_instalment"
                })],
                12.0,
                false,
            ));
            lines.push(PageLine {
                picture: Some(Picture::Coins),
                ..line(
                    money_range(lo.regular_payment, d.regular_payment),
                    30.0,
                    true,
                )
            });
            if let Some(with) = paid_with(d) {
                // Said in English for the staff member: the split of what
                // she hands over.
                lines.push(PageLine {
                    ltr: true,
                    ..line(vec![Piece::Ltr(capitalised(&with))], 9.0, false)
                });
            }
            let dates = calendar_dates(priced, start);
            let mut count_pieces = vec![
                number(d.count.to_string()),
                words(frequency_key(d)),
                words("repay.times_instalments"),
            ];
            // An assumed frequency is marked: her count rests on it.
            if frequency_assumed(doc, p) {
                count_pieces.push(Piece::Words("،".into()));
                count_pieces.push(words("handout.to_confirm"));
            }
            let mut count = labelled("handout.count", count_pieces);
            count.picture = Some(Picture::Calendar);
            count.bold = true;
            lines.push(count);
            if let (Some((first, _)), Some((last, _))) = (dates.first(), dates.last()) {
                let day = |d: &Date| {
                    vec![
                        number(d.day().to_string()),
                        Piece::Words(i18n::month(lang, d.month()).to_string()),
                        number(d.year().to_string()),
                    ]
                };
                let mut pieces = vec![words("handout.first_pay")];
                pieces.extend(day(first));
                if dates.len() > 1 {
                    pieces.push(Piece::Words("،".into()));
                    pieces.push(words("handout.last_pay"));
                    pieces.extend(day(last));
                }
                lines.push(line(pieces, 11.0, false));
            }
            if let Some((date, _)) = balloon(l, priced, start) {
                // A last payment well above the others, as large as they
                // are: never an average in their place.
                let mut pieces = vec![
                    words("handout.m_balloon"),
                    number(date.day().to_string()),
                    Piece::Words(i18n::month(lang, date.month()).to_string()),
                    number(date.year().to_string()),
                    Piece::Words("،".into()),
                ];
                if l.largest_payment.1 as usize == scoring::months::LoanMonths::of(priced).len() {
                    pieces.extend(money_range(lo.last_payment(), d.last_payment()));
                } else {
                    pieces.extend(money(l.largest_payment.0));
                }
                lines.push(line(pieces, 18.0, true));
            } else if d.count > 1 && d.last_instalment != d.instalment {
                lines.push(labelled(
                    "handout.last",
                    money_range(lo.last_payment(), d.last_payment()),
                ));
            }
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
            // Her months, picture first, then what they assume and what
            // she must do: before her key facts.
            months_at = lines.len();
            if let Some(strip) = strip {
                for pieces in months_notes(doc, l, strip, lang) {
                    let bold = pieces == vec![words("handout.m_not_worth")];
                    lines.push(line(pieces, 10.0, bold));
                }
            }
            // What would fit her months better, to negotiate with the MFI.
            if let Some((p, props)) = negotiate {
                let (title, said) = negotiate_lines(doc, p, props, start, lang);
                lines.push(line(title, 11.0, true));
                for pieces in said {
                    lines.push(line(pieces, 10.0, false));
                }
            }
            // A figure that depends on an unknown term says so after it.
            let confirm = |mut l: PageLine, uncertain: bool| {
                if uncertain {
                    l.pieces.push(Piece::Words("،".into()));
                    l.pieces.push(words("handout.to_confirm"));
                }
                l
            };
            lines.push(line(vec![words("handout.key_facts")], 13.0, true));
            let mut pay_back = confirm(
                labelled(
                    "handout.pay_back",
                    money_range(lo.pays_back(), d.pays_back()),
                ),
                lo.pays_back() != d.pays_back(),
            );
            pay_back.size = 14.0;
            pay_back.bold = true;
            lines.push(pay_back);
            let mut costs = confirm(
                labelled(
                    "handout.costs_you",
                    money_range(lo.total_cost, d.total_cost),
                ),
                lo.total_cost != d.total_cost,
            );
            costs.size = 14.0;
            costs.bold = true;
            lines.push(costs);
            if d.received != d.amount || lo.received != lo.amount {
                lines.push(confirm(
                    labelled("handout.in_hand", money_range(d.received, lo.received)),
                    d.received != lo.received,
                ));
            }
            for c in d.charges.iter().filter(|c| !(c.rupees + c.tax).is_zero()) {
                let mut pieces = vec![match i18n::charge_name(lang, &c.name) {
                    Some(words) => Piece::Words(words.to_string()),
                    None => Piece::Ltr(c.name.to_string()),
                }];
                pieces.extend(money_range(low_charge(lo, c), c.rupees + c.tax));
                if !c.tax.is_zero() {
                    pieces.push(words("repay.with_tax"));
                }
                pieces.push(words(timing_key(c.timing)));
                pieces.push(words(payee_key(c.payee)));
                lines.push(confirm(
                    line(pieces, 11.0, false),
                    low_charge(lo, c) != c.rupees + c.tax,
                ));
            }
            if savings_kept(d).is_some() || savings_kept(lo).is_some() {
                // What the MFI keeps and what comes back, in one line.
                let kept = |x: &pricing::Disclosure| savings_kept(x).unwrap_or(Decimal::ZERO);
                let mut pieces = vec![words("handout.savings_kept")];
                pieces.extend(money_range(kept(lo), kept(d)));
                pieces.push(Piece::Words("،".into()));
                pieces.push(words("handout.savings_back"));
                pieces.extend(money_range(lo.savings_refunded, d.savings_refunded));
                lines.push(confirm(
                    line(pieces, 11.0, false),
                    kept(lo) != kept(d) || lo.savings_refunded != d.savings_refunded,
                ));
            }
            let rate = |x: Option<Decimal>| match x {
                Some(x) => crate::money::percent_text(x, 1),
                None => "-".into(),
            };
            let mut rate_pieces = vec![number(rate(lo.apr_percent))];
            if lo.apr_percent != d.apr_percent {
                rate_pieces.push(Piece::Ltr("-".into()));
                rate_pieces.push(number(rate(d.apr_percent)));
            }
            lines.push(confirm(
                labelled("handout.rate", rate_pieces),
                lo.apr_percent != d.apr_percent,
            ));
            // Her key facts: what the study knows in English (as the MFI
            // wrote it), what it does not as "ask the MFI" in her language.
            let mut unknown = Vec::new();
            for (key, value) in key_facts(doc, p, l, priced, start) {
                // The lender, the amount and the dates are said above and
                // in the calendar.
                if matches!(
                    key,
                    "handout.lender"
                        | "handout.approved"
                        | "handout.first_pay"
                        | "handout.last_pay"
                ) {
                    continue;
                }
                match value {
                    Some(v) => {
                        lines.push(line(vec![words(key)], 10.0, false));
                        lines.push(PageLine {
                            ltr: true,
                            ..line(vec![Piece::Ltr(v)], 9.0, false)
                        });
                    }
                    None => unknown.push(words(short_key(key))),
                }
            }
            // What the study does not know, in one line: ask the MFI.
            if !unknown.is_empty() {
                let mut pieces = vec![words("handout.ask_about")];
                let n = unknown.len();
                for (i, w) in unknown.into_iter().enumerate() {
                    pieces.push(w);
                    if i + 1 < n {
                        pieces.push(Piece::Words("،".into()));
                    }
                }
                lines.push(line(pieces, 10.0, false));
            }
            // What to confirm with the MFI: said in her language, the
            // facts themselves in English (for the staff member with her).
            // What to confirm, in one line each: how many facts (listed
            // for staff in the report's members section and on the English
            // page), and that ranges are to be confirmed.
            if !p.to_verify.is_empty() {
                lines.push(line(
                    vec![
                        words("handout.eligible_if"),
                        number(p.to_verify.len().to_string()),
                    ],
                    10.0,
                    false,
                ));
            }
            if l.uncertain() {
                lines.push(line(vec![words("handout.ranges")], 10.0, false));
            }
            // The facts to confirm themselves, in English for the staff
            // member with her (the figures that are ranges say so above).
            // ([`to_confirm`] says the eligibility first, when there is one.)
            let eligibility = to_confirm(p, l).into_iter().next();
            if let Some(c) = eligibility.filter(|_| !p.to_verify.is_empty()) {
                lines.push(PageLine {
                    ltr: true,
                    ..line(vec![Piece::Ltr(to_you(&c))], 8.5, false)
                });
            }
            // Before the calendar, as on the English page: nothing of hers
            // is left to a page of its own after it.
            lines.push(if l.affordable_under_stress {
                line(vec![words("handout.stress_ok")], 11.0, false)
            } else if m.stressed_capacity <= Decimal::ZERO {
                line(vec![words("handout.stress_none")], 11.0, false)
            } else {
                let mut pieces = vec![words("handout.stress_short")];
                pieces.extend(money(m.stressed_capacity));
                // The amount ends its sentence: "Plan for it." is the next.
                punctuate(&mut pieces, if lang == Lang::En { "." } else { "۔" });
                pieces.push(words("handout.stress_plan"));
                line(pieces, 11.0, false)
            });
            let mut receive = vec![
                words("handout.receive_on"),
                number(start.day().to_string()),
                Piece::Words(i18n::month(lang, start.month()).to_string()),
                number(start.year().to_string()),
                // The date and the amount apart.
                Piece::Words("،".into()),
            ];
            receive.extend(money_range(d.received, lo.received));
            lines.push(line(receive, 11.0, false));
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
        }
        None if m.loan_needed.is_zero() => {
            lines.push(line(vec![words("handout.no_need")], 12.0, true));
        }
        None => {
            lines.push(line(vec![words("handout.nothing")], 12.0, true));
            // The rule that refuses her, in her language, as the English
            // page gives it first (the offers one by one follow in English,
            // for the staff member with her).
            if let Some((rule, n, of)) = e.binding_rule(m.member) {
                let mut pieces = vec![words("handout.why"), words(why_key(rule))];
                if n < of {
                    // "... ہے (آپ کی ۱۵ پیشکشوں میں سے ۱۳ میں)۔": the full
                    // stop after the offers it refuses her in.
                    let stop = match pieces.last_mut() {
                        Some(Piece::Words(w)) if w.ends_with(['۔', '.']) => w.pop(),
                        _ => None,
                    };
                    pieces.extend(fill(
                        lang,
                        "handout.why_in",
                        &[
                            ("n", vec![number(n.to_string())]),
                            ("of", vec![number(of.to_string())]),
                        ],
                    ));
                    if let Some(stop) = stop {
                        punctuate(&mut pieces, &stop.to_string());
                    }
                }
                lines.push(line(pieces, 11.0, true));
            }
            // Which of her months the offers fail, and why, in her
            // language (the best ranked first).
            for (k, pieces) in months_short(doc, e, m, start, lang).into_iter().enumerate() {
                if k == 0 {
                    lines.push(line(vec![words("handout.m_why_months")], 11.0, true));
                }
                lines.push(line(pieces, 10.0, false));
            }
            months_at = lines.len();
            // What would fit her months, to negotiate with the MFI: after
            // the strip of its months.
            if let Some((p, props)) = negotiate {
                let (title, said) = negotiate_lines(doc, p, props, start, lang);
                lines.push(line(title, 11.0, true));
                for pieces in said {
                    lines.push(line(pieces, 10.0, false));
                }
            }
            // Why, offer by offer, in English for the staff member with her.
            for why in why_nothing(e, m, &doc.settings) {
                lines.push(PageLine {
                    ltr: true,
                    ..line(vec![Piece::Ltr(to_you(&why))], 9.0, false)
                });
            }
        }
    }
    MemberPage {
        lang,
        continued: line(
            vec![
                Piece::Ltr(format!("{}, {}", plan.member, plan.co)),
                words("handout.continued"),
            ],
            11.0,
            true,
        ),
        months_at: months_at.min(lines.len()),
        continued_page: line(
            vec![
                Piece::Ltr(format!("{}, {}", plan.member, plan.co)),
                words(if best.is_some() {
                    "handout.m_continued"
                } else {
                    "handout.m_continued_why"
                }),
            ],
            11.0,
            true,
        ),
        lines,
        calendar_header: [
            i18n::tr(lang, "handout.col_no").to_string(),
            i18n::tr(lang, "handout.col_date").to_string(),
            i18n::tr(lang, "handout.col_pay").to_string(),
        ],
        calendar,
    }
}

/// Why no offer fits, offer by offer ("Asasah / Productive loan: ..."):
/// the ranked ones that take more a month than she can give, then those a
/// rule excludes, with every reason; a long list ends with how many more.
pub(super) fn why_nothing(
    e: &Evaluation,
    m: &scoring::MemberResult,
    settings: &scoring::Settings,
) -> Vec<String> {
    const MOST: usize = 15;
    let mut v: Vec<String> = Vec::new();
    // The reason that refuses her first, as the members table gives it.
    if let Some(r) = e.binding_reason(m.member) {
        v.push(format!("Nothing is open to her: {r}"));
    }
    for &k in &m.ranked {
        let p = &e.pairs[k];
        if let Some(l) = &p.loan {
            // What she would pay (never an average), and which months fail.
            let why = l.short_words(settings).unwrap_or_else(|| {
                format!(
                    "it takes more than she can repay ({} a month)",
                    rs(m.capacity)
                )
            });
            let fits = l
                .paid_out
                .filter(|o| o.fits != 0)
                .map(|o| {
                    format!(
                        "; it would fit if paid out in {}",
                        calendar_months_list(Lang::En, o.fits)
                    )
                })
                .unwrap_or_default();
            v.push(format!(
                "{} / {}: {}; {why}{fits}",
                p.mfi,
                p.product,
                l.payments_words()
            ));
        }
    }
    for &k in &m.excluded {
        let p = &e.pairs[k];
        let reasons = p.why_excluded();
        if !reasons.is_empty() {
            v.push(format!("{} / {}: {}", p.mfi, p.product, reasons.join("; ")));
        }
    }
    if v.len() > MOST {
        let more = v.len() - (MOST - 1);
        v.truncate(MOST - 1);
        v.push(format!(
            "and {more} more offers (the programme staff have every one)"
        ));
    }
    v
}

/// The key of the words, to her, of a rule of [`crate::eligibility::check`]
/// (by its index) that refuses her.
pub(super) fn why_key(rule: usize) -> &'static str {
    match rule {
        1 => "handout.why_age",
        2 => "handout.why_new_business",
        3 => "handout.why_lending",
        4 => "handout.why_islamic",
        5 => "handout.why_cnic",
        6 => "handout.why_area",
        7 => "handout.why_default",
        8 => "handout.why_hbw",
        9 => "handout.why_purpose",
        _ => "handout.why_amount",
    }
}
