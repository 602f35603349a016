//! The page each member keeps: her plan in brief, the recommended loan and
//! its calendar of instalments, in English or in her language. Here the
//! handout itself and what its parts share (the CO's choice, her months'
//! calendar); her page (`member_page`), the key facts statement
//! (`statement`), her months (`strip`, `months`), what to negotiate
//! (`negotiate`) and the pieces of her sentences (`pieces`) each in a file.

use super::{Handout, HandoutLoan, Piece, StripRow, ToNegotiate, pct};
use crate::data::matrix::Param;
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::i18n::{self, Lang};
use crate::money::{rs, rs_range};
use crate::pricing;
use crate::scoring::{self, Evaluation, HerStrip};
use rust_decimal::Decimal;

mod member_page;
mod months;
mod negotiate;
mod pieces;
mod statement;
mod strip;

use member_page::{member_page, why_nothing};
use months::months_notes;
use negotiate::{negotiate_lines, to_negotiate};
use pieces::english;
pub use statement::{frequency_key, payee_key, savings_kept, timing_key, to_you};
use statement::{instalment_key, low_charge, paid_with, statement, to_confirm};
use strip::month_strip;

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

/// The CO's choice as her page names it: the verdict's recommendation,
/// or, when none can be made yet, the first by CO score (said as such).
#[derive(Debug, Clone, Default)]
pub(super) struct CoChoice {
    /// The MFI.
    pub(super) mfi: Option<String>,
    /// Whether the verdict recommends it (else it is only first by CO
    /// score on the facts as assumed).
    pub(super) recommended: bool,
    /// Whether the verdict is firm.
    pub(super) firm: bool,
}

impl CoChoice {
    /// The CO's choice from the verdict (`None` while the draws are not at
    /// hand: the first by CO score).
    pub(super) fn of(e: &Evaluation, v: Option<&scoring::verdict::Verdict>) -> CoChoice {
        use scoring::verdict::Firmness;
        match v {
            Some(v) => CoChoice {
                mfi: v
                    .mfi
                    .clone()
                    .or_else(|| Some(v.first_on_assumed_facts.clone())),
                recommended: v.mfi.is_some(),
                firm: matches!(v.firmness, Firmness::Firm | Firmness::FirmToConfirm)
                    && v.costly.is_none(),
            },
            None => CoChoice {
                mfi: e.recommended().map(|r| r.mfi.clone()),
                recommended: false,
                firm: false,
            },
        }
    }
}

/// Whether her loan's frequency is an assumption of the study: unknown and
/// assumed by the pricing, or held only as assumed (or doubtful) in the
/// matrix.
fn frequency_assumed(doc: &StudyDoc, p: &scoring::Pair) -> bool {
    use crate::fact::Confidence;
    let held = doc
        .matrix
        .institution(&p.mfi)
        .and_then(|i| i.products.iter().find(|x| x.name == p.product))
        .and_then(|x| x.facts.get(&Param::Frequency))
        .is_some_and(|f| {
            matches!(
                f.provenance.confidence,
                Some(Confidence::Assumed | Confidence::Low)
            )
        });
    held || p
        .assumptions
        .iter()
        .any(|a| a.starts_with("repayment frequency unknown"))
}

/// How her page names her offer: "Recommended for you" only when the CO's
/// choice is firm, her offer is from it and nothing of her loan is unknown
/// or assumed; else "Best for you on what is known".
fn offer_heading_key(co: &CoChoice, p: &scoring::Pair, l: &scoring::Loan) -> &'static str {
    let sure = co.firm
        && co.mfi.as_deref() == Some(p.mfi.as_str())
        && !l.uncertain()
        && p.to_verify.is_empty()
        && p.assumptions.is_empty();
    if sure {
        "handout.recommended"
    } else {
        "handout.best_known"
    }
}

/// When her offer comes from another MFI than the CO's choice: that MFI and
/// why it would not serve her (the rule that refuses her first, or the
/// months its loan does not fit), in words for the staff member with her.
fn why_not_co_choice(
    doc: &StudyDoc,
    e: &Evaluation,
    m: &scoring::MemberResult,
    her_mfi: Option<&str>,
    co: &CoChoice,
) -> Option<String> {
    let choice = co.mfi.as_deref()?;
    if her_mfi == Some(choice) || m.loan_needed.is_zero() {
        return None;
    }
    let who = if co.recommended {
        format!("The CO's choice, {choice},")
    } else {
        format!("{choice}, first for the CO by CO score on what is known,")
    };
    let theirs: Vec<&scoring::Pair> = e
        .pairs
        .iter()
        .filter(|p| p.member == m.member && p.mfi == choice)
        .collect();
    let why = if let Some(l) = theirs
        .iter()
        .filter(|p| p.rankable(&doc.settings))
        .filter_map(|p| p.loan.as_ref())
        .find(|l| !l.affordable)
    {
        l.short_words(&doc.settings)
            .unwrap_or_else(|| "its loan does not fit her months".into())
    } else {
        theirs
            .iter()
            .flat_map(|p| p.why_excluded())
            .next()
            .unwrap_or_else(|| "it has no offer for her".into())
    };
    Some(format!("{who} would not serve her: {why}."))
}

pub(super) fn handout(
    doc: &StudyDoc,
    e: &Evaluation,
    m: &scoring::MemberResult,
    start: Date,
    lang: Lang,
    co: &CoChoice,
) -> Handout {
    let plan = &doc.plans.members[m.member];
    let items: Vec<String> = plan
        .items
        .iter()
        .map(|i| format!("{} ({})", i.name, rs(i.cost)))
        .collect();
    // Her page speaks to her, in the words of the translations file.
    let en = |key: &'static str| i18n::tr(Lang::En, key).to_string();
    let brief = vec![
        (en("handout.work"), plan.activity.clone()),
        (en("handout.buys"), items.join(", ")),
        (en("handout.own"), rs(plan.own_contribution)),
        (en("handout.needs"), rs(m.loan_needed)),
        (en("handout.capacity"), rs(m.capacity)),
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
    // Her months over it, as the engine judged them; her calendar's dates
    // from the same disbursement.
    let strip = best
        .as_ref()
        .map(|(_, l, priced)| l.her_months(plan, priced, &doc.settings));
    let start = disbursement(doc, strip.as_ref(), start);
    // Each month named as her calendar's dates name it: her months alike
    // and no date set, the engine names none, and they are the months
    // after the day her page says she receives the loan.
    let strip = strip.map(|s| named(s, start));
    // Every figure from the evaluation's disclosure of the loan: the same
    // as the ranking, the app and `score --json`.
    let loan = best.as_ref().map(|(p, l, priced)| {
        let d = &l.disclosure;
        let lo = l.low_disclosure();
        let unit = i18n::tr(Lang::En, frequency_key(d));
        HandoutLoan {
            offer: format!("{} / {}", p.mfi, p.product),
            amount: rs(l.amount),
            // What she hands over on each date, as her calendar says.
            instalment: rs_range(lo.regular_payment, d.regular_payment),
            payment_note: paid_with(d),
            count: format!(
                "{} {unit} instalment{}{}",
                d.count,
                if d.count == 1 { "" } else { "s" },
                if frequency_assumed(doc, p) {
                    ", to confirm"
                } else {
                    ""
                }
            ),
            total_repaid: rs_range(lo.pays_back(), d.pays_back()),
            last_instalment: last_payment_words(l),
            disbursement: (
                start.long(),
                if d.received == d.amount && lo.received == lo.amount {
                    format!("you receive {}", rs(d.amount))
                } else {
                    format!(
                        "you receive {} ({} less what is taken at the start)",
                        rs_range(d.received, lo.received),
                        rs(d.amount)
                    )
                },
            ),
            in_hand: (d.received != d.amount || lo.received != lo.amount)
                .then(|| rs_range(d.received, lo.received)),
            charges: d
                .charges
                .iter()
                .filter(|c| !(c.rupees + c.tax).is_zero())
                .map(|c| {
                    let tax = if c.tax.is_zero() { "" } else { " with tax" };
                    format!(
                        "{}: {}{tax}, {}, {}",
                        c.name,
                        rs_range(low_charge(lo, c), c.rupees + c.tax),
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
            total_cost: rs_range(lo.total_cost, d.total_cost),
            // A murabaha's rate is said as what it is for her: the yearly
            // cost of the sale, not interest.
            rate: format!(
                "{} {}",
                if d.rate_name == "APR" {
                    "APR"
                } else {
                    "yearly cost of the sale (not interest)"
                },
                match (lo.apr_percent, d.apr_percent) {
                    (Some(a), Some(b)) if a != b => crate::money::rate_range(
                        crate::money::to_f64(a),
                        crate::money::to_f64(b)
                    ),
                    (_, Some(x)) => pct(crate::money::to_f64(x)),
                    (_, None) => "beyond any number".into(),
                }
            ),
            to_confirm: to_confirm(p, l).iter().map(|c| to_you(c)).collect(),
            balloon: balloon(l, priced, start).map(|(date, amount)| {
                format!(
                    "{}, on {}: {}",
                    i18n::tr(Lang::En, "handout.m_balloon"),
                    date.long(),
                    amount
                )
            }),
            instalment_label: i18n::tr(Lang::En, instalment_key(l)).to_string(),
            heading: i18n::tr(Lang::En, offer_heading_key(co, p, l)).to_string(),
            not_co_choice: why_not_co_choice(doc, e, m, Some(p.mfi.as_str()), co),
            months_notes: strip
                .as_ref()
                .map(|s| {
                    months_notes(doc, l, s, Lang::En)
                        .iter()
                        .map(|n| english(n))
                        .collect()
                })
                .unwrap_or_default(),
            statement: statement(doc, p, l, priced, start),
            calendar: calendar(priced, start),
            term_note: (l.months != l.preferred_months).then(|| {
                format!(
                    "Over {} months: the {} months you asked for would take more each month than you can repay.",
                    l.months, l.preferred_months
                )
            }),
            under_stress: if l.affordable_under_stress {
                format!(
                    "You can still pay if your income falls by {}%.",
                    doc.settings.stress_income_drop_percent.normalize()
                )
            } else if m.stressed_capacity <= Decimal::ZERO {
                format!(
                    "If your income fell by {}%, you could not repay anything: plan for it.",
                    doc.settings.stress_income_drop_percent.normalize()
                )
            } else {
                format!(
                    "If your income fell by {}%, you could repay only {} a month: plan for it.",
                    doc.settings.stress_income_drop_percent.normalize(),
                    rs(m.stressed_capacity)
                )
            },
        }
    });
    let why_nothing = if loan.is_some() {
        Vec::new()
    } else if m.loan_needed.is_zero() {
        vec!["Your own savings cover your plan: you need no loan.".into()]
    } else {
        why_nothing(e, m, &doc.settings)
            .iter()
            .map(|w| to_you(w))
            .collect()
    };
    // What would fit her months, to negotiate with the MFI.
    let negotiate = to_negotiate(doc, e, m);
    let page = (lang != Lang::En).then(|| {
        member_page(
            doc,
            e,
            m,
            best.as_ref(),
            strip.as_ref(),
            negotiate.as_ref(),
            start,
            lang,
            co,
        )
    });
    let negotiate = negotiate.map(|(p, props)| {
        let (heading, lines) = negotiate_lines(doc, p, &props, start, Lang::En);
        ToNegotiate {
            heading: english(&heading),
            lines: lines.iter().map(|l| english(l)).collect(),
        }
    });
    let months = match (&strip, &best) {
        (Some(s), _) => Some(month_strip(doc, s, lang)),
        // No loan fits: the months of the best ranked offer, its short
        // months marked.
        (None, None) => m.ranked.iter().find_map(|&k| {
            let p = &e.pairs[k];
            let l = p.loan.as_ref()?;
            let priced = p.priced(&doc.matrix, doc.settings.rounding)?;
            let her = named(l.her_months(plan, &priced, &doc.settings), start);
            let mut strip = month_strip(doc, &her, lang);
            // What its payments would need from before: she may not have
            // it (her short months).
            for (what, name) in &mut strip.rows {
                if *what == StripRow::FromBefore {
                    *name = i18n::tr(lang, "handout.m_row_needed").to_string();
                }
            }
            strip.title.splice(
                0..0,
                [
                    Piece::Ltr(format!("{} / {}", p.mfi, p.product)),
                    Piece::Words(":".into()),
                ],
            );
            Some(strip)
        }),
        (None, Some(_)) => None,
    };
    Handout {
        member: plan.member.clone(),
        co: plan.co.clone(),
        plan: brief,
        loan,
        why_nothing,
        months,
        negotiate,
        page,
    }
}

/// The day her loan is paid out, as her page dates it: the study's
/// disbursement date when set; when it is not and her months differ, the
/// engine judged the loan paid out in the month it assumed (her hardest
/// month to start), so her calendar starts in that month too (the first on
/// or after the report's date, on its day), and her page says so; else the
/// report's date.
fn disbursement(doc: &StudyDoc, strip: Option<&HerStrip>, report_date: Date) -> Date {
    if let Some(d) = doc.settings.disbursed {
        return d;
    }
    match strip {
        Some(s) if s.assumed => {
            let month = s.start.map_or(0, u32::from);
            (0..12)
                .map(|k| report_date.add_months(k))
                .find(|d| d.month().saturating_sub(1) == month)
                .unwrap_or(report_date)
        }
        _ => report_date,
    }
}

/// Months of a loan: (month after the disbursement, from 1; the calendar
/// month, 0 for January, when known).
type MonthList = Vec<(u32, Option<u8>)>;

/// Her months with their calendar months: those the engine did not name
/// (her months alike, no date set) are the months after `start`.
fn named(mut s: HerStrip, start: Date) -> HerStrip {
    for r in &mut s.rows {
        r.calendar = r.calendar.or(Some(calendar_after(start, r.month)));
    }
    s
}

/// The calendar month (0 for January) `month` months after `start`.
fn calendar_after(start: Date, month: u32) -> u8 {
    ((start.month().saturating_sub(1) + month) % 12) as u8
}

/// A payment well above the others: its date and amount (the last
/// payment's at both ends of the unknown terms, or the largest month's).
fn balloon(l: &scoring::Loan, priced: &pricing::Priced, start: Date) -> Option<(Date, String)> {
    if !l.has_balloon() || l.count <= 1 {
        return None;
    }
    let dates = calendar_dates(priced, start);
    let (last_date, _) = dates.last()?;
    let months = scoring::months::LoanMonths::of(priced);
    let (amount, in_month) = l.largest_payment;
    if in_month as usize == months.len() {
        let (lo, hi) = (
            l.low_disclosure().last_payment(),
            l.disclosure.last_payment(),
        );
        Some((*last_date, rs_range(lo.min(hi), lo.max(hi))))
    } else {
        // Not the last: the first date in its month.
        let date = start.add_months(in_month);
        Some((date, rs(amount)))
    }
}

/// Her last payment when it differs from the others (a range when a term
/// is unknown), as her page and the report's members table say it.
pub(crate) fn last_payment_words(l: &crate::scoring::Loan) -> Option<String> {
    let (d, lo) = (&l.disclosure, l.low_disclosure());
    (d.count > 1 && d.last_instalment != d.instalment).then(|| {
        let (lo_last, hi_last) = (lo.last_payment(), d.last_payment());
        rs_range(lo_last.min(hi_last), lo_last.max(hi_last))
    })
}
