//! The page each member keeps: her plan in brief, the recommended loan and
//! its calendar of instalments, in English or in her language.

use super::{
    Handout, HandoutLoan, KeyFact, MemberPage, MonthStrip, PageLine, Picture, Piece, StripMonth,
    StripRow, ToNegotiate, pct,
};
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::i18n::{self, Lang};
use crate::money::{rs, rs_range};
use crate::pricing;
use crate::scoring::months::{MonthRow, ShortWhy};
use crate::scoring::{self, Evaluation, HerStrip};
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
        .and_then(|x| x.facts.get("frequency"))
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
            last_instalment: (d.count > 1 && d.last_instalment != d.instalment).then(|| {
                let (lo_last, hi_last) = (last_payment(lo), last_payment(d));
                rs_range(lo_last.min(hi_last), lo_last.max(hi_last))
            }),
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

/// The key of the words before her regular payment in large type: "Each
/// time you pay"; with a last payment well above the others, "Each
/// payment but the last"; with a single payment, "You pay once".
fn instalment_key(l: &scoring::Loan) -> &'static str {
    if l.count <= 1 {
        "handout.m_once"
    } else if l.has_balloon() {
        "handout.m_each_but_last"
    } else {
        "handout.m_each_time"
    }
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
            last_payment(l.low_disclosure()),
            last_payment(&l.disclosure),
        );
        Some((*last_date, rs_range(lo.min(hi), lo.max(hi))))
    } else {
        // Not the last: the first date in its month.
        let date = start.add_months(in_month);
        Some((date, rs(amount)))
    }
}

/// A reason written for staff ("she needs Rs 33,100", "her age") as her
/// page says it to her ("you need Rs 33,100", "your age").
pub fn to_you(text: &str) -> String {
    const VERBS: [(&str, &str); 10] = [
        ("she needs", "you need"),
        ("she wants", "you want"),
        ("she has", "you have"),
        ("she is", "you are"),
        ("she lives", "you live"),
        ("she borrows", "you borrow"),
        ("she does", "you do"),
        ("she can", "you can"),
        ("she would", "you would"),
        ("she asked", "you asked"),
    ];
    let mut out = format!(" {text}");
    for (from, to) in VERBS {
        out = out.replace(&format!(" {from}"), &format!(" {to}"));
    }
    for (from, to) in [(" she ", " you "), (" her ", " your "), (" her;", " your;")] {
        out = out.replace(from, to);
    }
    // "her age." at the end of a sentence, "her business)".
    for end in [".", ",", ")", ":"] {
        out = out.replace(&format!(" her{end}"), &format!(" you{end}"));
    }
    out.trim_start().to_string()
}

/// What she hands over on the last due date: the last instalment with what
/// is paid with every instalment (savings, charges, tax).
pub fn last_payment(d: &pricing::Disclosure) -> Decimal {
    d.last_instalment + (d.regular_payment - d.instalment)
}

/// "the instalment Rs 246 and Rs 50 of savings paid with it", when she pays
/// more than the instalment on each due date.
pub fn paid_with(d: &pricing::Disclosure) -> Option<String> {
    let extra = d.regular_payment - d.instalment;
    if extra.is_zero() {
        return None;
    }
    let what = match (d.savings_collected.is_zero(), d.periodic_charges.is_zero()) {
        (false, true) => "of savings (returned at the end)",
        (true, false) => "of charges",
        _ => "of savings and charges",
    };
    Some(format!(
        "the instalment {} and {} {what} paid with it",
        rs(d.instalment),
        rs(extra)
    ))
}

/// The same charge at the low end of the loan's unknown terms: none when
/// the charge is unknown.
pub fn low_charge(low: &pricing::Disclosure, c: &pricing::ChargeLine) -> Decimal {
    low.charges
        .iter()
        .find(|l| l.name == c.name && l.timing == c.timing)
        .map_or(Decimal::ZERO, |l| l.rupees + l.tax)
}

/// What to confirm with the MFI before relying on her page: "eligible if"
/// the facts the rules could not decide are as she needs them, and the
/// terms whose unknown value makes a figure a range.
pub fn to_confirm(p: &scoring::Pair, l: &scoring::Loan) -> Vec<String> {
    let mut out = Vec::new();
    if !p.to_verify.is_empty() {
        out.push(format!(
            "Eligible if {} confirms: {}.",
            p.mfi,
            p.to_verify.join("; ")
        ));
    }
    // Terms the study assumed (a single value, not a range): her dates and
    // figures rest on them too.
    let assumed = schedule_assumptions(p);
    if !assumed.is_empty() {
        out.push(format!(
            "Assumed where {} has not told us: {}.",
            p.mfi,
            assumed.join("; ")
        ));
    }
    if l.uncertain() {
        let terms = crate::offer::ranged_terms(&p.assumptions);
        out.push(format!(
            "Ranges: {} has not told us its {}; the lower figure if it charges none, the higher at the most any MFI here charges (or the tool's default).",
            p.mfi,
            terms.join(", ")
        ));
    }
    out
}

/// The assumptions that set her schedule (how often, grace periods,
/// structure, basis, markup period), as "grace periods: none".
fn schedule_assumptions(p: &scoring::Pair) -> Vec<String> {
    p.assumptions
        .iter()
        .filter(|a| !a.contains("priced from none") && !a.contains("priced at both ends"))
        .filter_map(|a| {
            let (what, how) = a.split_once(" unknown: ")?;
            let how = how.strip_suffix(" assumed")?;
            Some(format!("{what}: {how}"))
        })
        .collect()
}

/// Her key facts beyond the figures, as (translation key, value); `None`
/// where the study does not know (her page says to ask the MFI): the lender
/// and product, the amount approved, the first and last payment, a late
/// payment, early repayment, the documents to bring, where to complain.
fn key_facts(
    doc: &StudyDoc,
    p: &scoring::Pair,
    l: &scoring::Loan,
    priced: &pricing::Priced,
    start: Date,
) -> Vec<(&'static str, Option<String>)> {
    use crate::data::matrix::FactsExt;
    let inst = doc.matrix.institution(&p.mfi);
    let product = inst.and_then(|i| i.products.iter().find(|x| x.name == p.product));
    let text = |key: &str| -> Option<String> {
        let own = product.and_then(|x| x.facts.text(key));
        own.or_else(|| inst.and_then(|i| i.facts.text(key)))
            .map(|t| t.to_string())
    };
    let dates = calendar_dates(priced, start);
    vec![
        ("handout.lender", Some(format!("{} / {}", p.mfi, p.product))),
        ("handout.approved", Some(rs(l.amount))),
        ("handout.first_pay", dates.first().map(|(d, _)| d.long())),
        ("handout.last_pay", dates.last().map(|(d, _)| d.long())),
        ("handout.late", text("late_payment")),
        ("handout.early", text("early_repayment")),
        ("handout.bring", text("documents")),
        ("handout.complain", text("complaints")),
    ]
}

/// Her key facts statement in English, row by row (see
/// [`HandoutLoan::statement`]): every figure from the loan's disclosure at
/// both ends of its unknown terms, a row to confirm where the ends differ
/// or the study does not know.
fn statement(
    doc: &StudyDoc,
    p: &scoring::Pair,
    l: &scoring::Loan,
    priced: &pricing::Priced,
    start: Date,
) -> Vec<KeyFact> {
    let label = |key: &'static str| i18n::tr(Lang::En, key).trim_end_matches(':').to_string();
    let row = |label: String, value: String, to_confirm: bool| KeyFact {
        label,
        value,
        to_confirm,
    };
    let d = &l.disclosure;
    let lo = l.low_disclosure();
    let money = |a: Decimal, b: Decimal| (rs_range(a.min(b), a.max(b)), a != b);
    let facts = key_facts(doc, p, l, priced, start);
    let fact = |key: &str| {
        facts
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v.clone())
    };
    let mut rows = vec![
        row(
            label("handout.lender"),
            format!("{} / {}", p.mfi, p.product),
            false,
        ),
        row(label("handout.approved"), rs(l.amount), false),
    ];
    let charges: Vec<&pricing::ChargeLine> = d
        .charges
        .iter()
        .filter(|c| !(c.rupees + c.tax).is_zero())
        .collect();
    if charges.is_empty() {
        rows.push(row(label("handout.charges"), label("handout.none"), false));
    }
    for c in charges {
        let (amount, uncertain) = money(low_charge(lo, c), c.rupees + c.tax);
        let tax = if c.tax.is_zero() { "" } else { " with tax" };
        rows.push(row(
            capitalise(&c.name),
            format!(
                "{amount}{tax}, {}, {}",
                i18n::tr(Lang::En, timing_key(c.timing)),
                i18n::tr(Lang::En, payee_key(c.payee)),
            ),
            uncertain,
        ));
    }
    let (hand, uncertain) = money(d.received, lo.received);
    rows.push(row(
        label("handout.in_hand"),
        format!("{hand}, on {}", start.long()),
        uncertain,
    ));
    match (savings_kept(d), savings_kept(lo)) {
        (None, None) => rows.push(row(
            label("handout.savings_kept"),
            label("handout.none"),
            false,
        )),
        (high, low) => {
            let (kept, uncertain) =
                money(low.unwrap_or(Decimal::ZERO), high.unwrap_or(Decimal::ZERO));
            let (back, back_uncertain) = money(lo.savings_refunded, d.savings_refunded);
            rows.push(row(
                label("handout.savings_kept"),
                format!(
                    "{kept}; {}: {back}",
                    i18n::tr(Lang::En, "handout.savings_back").to_lowercase()
                ),
                uncertain || back_uncertain,
            ));
        }
    }
    let (each, uncertain) = money(lo.regular_payment, d.regular_payment);
    let last = if d.count > 1 && d.last_instalment != d.instalment {
        format!("; the last {}", money(last_payment(lo), last_payment(d)).0)
    } else {
        String::new()
    };
    let with = paid_with(d).map(|w| format!(" ({w})")).unwrap_or_default();
    rows.push(row(
        label("handout.each_instalment"),
        format!(
            "{each}{with}, {} {}{last}",
            d.count,
            i18n::tr(Lang::En, frequency_key(d))
        ),
        uncertain,
    ));
    // Her dates rest on how often she pays and any grace period: to
    // confirm when the study assumed them.
    let dates_assumed = !schedule_assumptions(p).is_empty();
    match (fact("handout.first_pay"), fact("handout.last_pay")) {
        (Some(a), Some(b)) if a != b => rows.push(row(
            label("handout.first_last"),
            format!("{a} to {b}"),
            dates_assumed,
        )),
        (Some(a), _) => rows.push(row(label("handout.first_pay"), a, dates_assumed)),
        _ => {}
    }
    let (back, uncertain) = money(lo.pays_back(), d.pays_back());
    rows.push(row(label("handout.pay_back"), back, uncertain));
    let (cost, uncertain) = money(lo.total_cost, d.total_cost);
    rows.push(row(label("handout.costs_you"), cost, uncertain));
    let rate = match (lo.apr_percent, d.apr_percent) {
        (Some(a), Some(b)) if a != b => crate::money::rate_range(
            crate::money::to_f64(a.min(b)),
            crate::money::to_f64(a.max(b)),
        ),
        (_, Some(x)) => pct(crate::money::to_f64(x)),
        (_, None) => "beyond any number".into(),
    };
    rows.push(row(
        label("handout.rate"),
        if d.rate_name == "APR" {
            format!("APR {rate}")
        } else {
            format!("{rate}, the yearly cost of the sale (not interest)")
        },
        lo.apr_percent != d.apr_percent,
    ));
    for key in [
        "handout.late",
        "handout.early",
        "handout.bring",
        "handout.complain",
    ] {
        let v = fact(key);
        let unknown = v.is_none();
        // "Bring:" reads as a label on the Urdu page's line; in a table the
        // short names say what the row is.
        let name = match key {
            "handout.bring" | "handout.complain" => capitalise(&label(short_key(key))),
            _ => label(key),
        };
        let ask = i18n::tr(Lang::En, "handout.ask_mfi").to_string();
        let value = match (v, key) {
            (Some(v), _) => v,
            // A complaint about the lender has a place outside it.
            (None, "handout.complain") => format!(
                "{ask}; if it does not answer: the SECP for microfinance companies, the State Bank (SBP) for microfinance banks"
            ),
            (None, _) => ask,
        };
        rows.push(row(name, value, unknown));
    }
    rows
}

/// The first letter in capitals: a charge's name as a row's label.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The short name of a key fact, for "ask the MFI about: ...".
fn short_key(key: &str) -> &'static str {
    match key {
        "handout.late" => "handout.late_short",
        "handout.early" => "handout.early_short",
        "handout.bring" => "handout.bring_short",
        _ => "handout.complain_short",
    }
}

/// Why no offer fits, offer by offer ("Asasah / Productive loan: ..."):
/// the ranked ones that take more a month than she can give, then those a
/// rule excludes, with every reason; a long list ends with how many more.
fn why_nothing(
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
fn why_key(rule: usize) -> &'static str {
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

/// The key of the words naming how often she pays ("weekly").
pub fn frequency_key(d: &pricing::Disclosure) -> &'static str {
    if d.count == 1 {
        return "freq.single";
    }
    match d.frequency {
        pricing::Frequency::Monthly => "freq.monthly",
        pricing::Frequency::FourWeekly => "freq.four-weekly",
        pricing::Frequency::Fortnightly => "freq.fortnightly",
        pricing::Frequency::Weekly => "freq.weekly",
        pricing::Frequency::Quarterly => "freq.quarterly",
        pricing::Frequency::Bullet => "freq.single",
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
#[allow(clippy::too_many_arguments)]
fn member_page(
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
                    ..line(vec![Piece::Ltr(capitalise(&with))], 9.0, false)
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
                    pieces.extend(money_range(last_payment(lo), last_payment(d)));
                } else {
                    pieces.extend(money(l.largest_payment.0));
                }
                lines.push(line(pieces, 18.0, true));
            } else if d.count > 1 && d.last_instalment != d.instalment {
                lines.push(labelled(
                    "handout.last",
                    money_range(last_payment(lo), last_payment(d)),
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

/// Pieces read as one English line: words and numbers apart by a space,
/// punctuation against the word before it.
fn english(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        let t = match p {
            Piece::Words(t) | Piece::Ltr(t) => t.as_str(),
        };
        if t.is_empty() {
            continue;
        }
        let attach = t.starts_with([',', ';', ':', '.', ')']) || out.ends_with('(');
        if !out.is_empty() && !attach {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// The sentence of `key` in `lang` as pieces: its words, each `{name}` in
/// it replaced by the pieces given for that name (numbers, months), in the
/// order the language puts them.
fn fill(lang: Lang, key: &'static str, args: &[(&str, Vec<Piece>)]) -> Vec<Piece> {
    let mut out = Vec::new();
    // Punctuation after a placeholder ("{cost}.", "{months}۔") stays with
    // the word before it.
    let words = |out: &mut Vec<Piece>, t: &str| {
        let mut t = t.trim();
        if let Some(Piece::Words(prev)) = out.last_mut() {
            let stop = t.find(|c: char| !".,;:۔،؛".contains(c)).unwrap_or(t.len());
            prev.push_str(&t[..stop]);
            t = t[stop..].trim_start();
        }
        if !t.is_empty() {
            out.push(Piece::Words(t.to_string()));
        }
    };
    let mut rest = i18n::tr(lang, key);
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        words(&mut out, &rest[..open]);
        let name = &rest[open + 1..close];
        if let Some((_, pieces)) = args.iter().find(|(n, _)| *n == name) {
            out.extend(pieces.iter().cloned());
        }
        rest = &rest[close + 1..];
    }
    words(&mut out, rest);
    out
}

/// Rupees as her page writes them: "Rs 1,667" in English (one piece); in
/// Urdu the number in the study's digits, then "روپے".
fn rupees_pieces(lang: Lang, digits: i18n::Digits, d: Decimal) -> Vec<Piece> {
    match lang {
        Lang::En => vec![Piece::Ltr(rs(d))],
        _ => {
            let (n, unit) = i18n::rupees(lang, digits, d);
            vec![Piece::Ltr(n), Piece::Words(unit.to_string())]
        }
    }
}

/// A month of the loan in words: the calendar month's name when known
/// ("Jun", "جون"), else "month 3" ("مہینہ ۳").
fn month_pieces(lang: Lang, digits: i18n::Digits, month: u32, calendar: Option<u8>) -> Vec<Piece> {
    match calendar {
        Some(c) => vec![Piece::Words(
            i18n::month(lang, u32::from(c) % 12 + 1).to_string(),
        )],
        None => fill(
            lang,
            "handout.m_month",
            &[("n", vec![Piece::Ltr(digits.apply(&month.to_string()))])],
        ),
    }
}

/// Months of the loan in words, as [`scoring::months::months_list`] says
/// them for staff: "Jun, Jul and Aug", "month 3 to month 12" when they
/// follow one another over more than three, "every month" when they are all
/// its `term` months; "Jun, Jul, Aug and 4 other months" when many.
fn months_pieces(
    lang: Lang,
    digits: i18n::Digits,
    months: &[(u32, Option<u8>)],
    term: u32,
) -> Vec<Piece> {
    let name = |&(m, c): &(u32, Option<u8>)| month_pieces(lang, digits, m, c);
    let list = |names: &[(u32, Option<u8>)]| {
        let mut out = Vec::new();
        for (i, x) in names.iter().enumerate() {
            if i + 1 == names.len() && i > 0 {
                out.push(said(lang, "handout.m_and"));
            } else if i > 0 {
                comma(&mut out, lang);
            }
            out.extend(name(x));
        }
        out
    };
    let consecutive = months.windows(2).all(|w| w[1].0 == w[0].0 + 1);
    let n = months.len();
    match (months.first(), months.last()) {
        (Some(first), Some(last)) if n > 1 => {
            if consecutive && first.0 == 1 && n as u32 >= term {
                vec![said(lang, "handout.m_every_month")]
            } else if n > 3 && consecutive {
                fill(
                    lang,
                    "handout.m_range",
                    &[("a", name(first)), ("b", name(last))],
                )
            } else if n > 6 {
                fill(
                    lang,
                    "handout.m_others",
                    &[
                        ("list", {
                            let mut out = Vec::new();
                            for (i, x) in months.iter().take(3).enumerate() {
                                if i > 0 {
                                    comma(&mut out, lang);
                                }
                                out.extend(name(x));
                            }
                            out
                        }),
                        ("n", vec![Piece::Ltr(digits.apply(&(n - 3).to_string()))]),
                    ],
                )
            } else {
                list(months)
            }
        }
        _ => list(months),
    }
}

/// A comma in `lang` after the last piece: against its word.
fn comma(out: &mut Vec<Piece>, lang: Lang) {
    punctuate(out, if lang == Lang::En { "," } else { "،" });
}

/// Punctuation after the last piece: against its word (a separate piece
/// after a number).
fn punctuate(out: &mut Vec<Piece>, mark: &str) {
    match out.last_mut() {
        Some(Piece::Words(w)) => w.push_str(mark),
        _ => out.push(Piece::Words(mark.into())),
    }
}

/// The words of `key` in `lang`, as a piece.
fn said(lang: Lang, key: &'static str) -> Piece {
    Piece::Words(i18n::tr(lang, key).to_string())
}

/// The months of the year in a set (bit 0: January), as (month, calendar)
/// for [`months_pieces`].
fn year_months(fits: u16) -> Vec<(u32, Option<u8>)> {
    (0..12u8)
        .filter(|m| fits & (1 << m) != 0)
        .map(|m| (u32::from(m) + 1, Some(m)))
        .collect()
}

/// The months of the year in a set (bit 0: January) in English words: "Jan,
/// Feb and Mar", "Jan to Jun" when they follow one another.
fn calendar_months_list(lang: Lang, fits: u16) -> String {
    english(&months_pieces(
        lang,
        i18n::Digits::Western,
        &year_months(fits),
        13,
    ))
}

/// "in Nov", "in Jun, Jul and Aug" ("نومبر میں"): months of the loan with
/// the word that places something in them, in the order of the language.
fn in_months(
    lang: Lang,
    digits: i18n::Digits,
    months: &[(u32, Option<u8>)],
    term: u32,
) -> Vec<Piece> {
    fill(
        lang,
        "handout.m_in",
        &[("months", months_pieces(lang, digits, months, term))],
    )
}

/// The strip of her months in her page's language: a column a month, the
/// engine's figures in whole rupees and the study's digits.
fn month_strip(doc: &StudyDoc, strip: &HerStrip, lang: Lang) -> MonthStrip {
    let digits = doc.settings.digits;
    let any = |f: fn(&MonthRow) -> i64| strip.rows.iter().any(|r| f(r) != 0);
    let mut rows = vec![
        (StripRow::In, "handout.m_row_in"),
        (StripRow::Out, "handout.m_row_out"),
        (StripRow::Pays, "handout.m_row_pays"),
    ];
    if any(|r| r.aside) {
        rows.push((StripRow::Aside, "handout.m_row_aside"));
    }
    if any(|r| r.from_before) {
        rows.push((StripRow::FromBefore, "handout.m_row_from_before"));
    }
    rows.push((StripRow::Left, "handout.m_row_left"));
    let months = strip
        .rows
        .iter()
        .map(|r| StripMonth {
            label: match r.calendar {
                Some(c) => Piece::Words(i18n::month(lang, u32::from(c) % 12 + 1).to_string()),
                None => Piece::Ltr(digits.apply(&r.month.to_string())),
            },
            row: *r,
            figures: rows
                .iter()
                .map(|(what, _)| strip_figure(digits, *what, strip_value(r, *what)))
                .collect(),
        })
        .collect();
    MonthStrip {
        lang,
        title: vec![said(lang, "handout.m_title")],
        note: if strip.same_every_month {
            vec![said(lang, "handout.m_same")]
        } else {
            Vec::new()
        },
        rows: rows
            .into_iter()
            .map(|(what, key)| (what, i18n::tr(lang, key).to_string()))
            .collect(),
        month_word: i18n::tr(
            lang,
            if strip.rows.iter().any(|r| r.calendar.is_some()) {
                "handout.m_month_cap"
            } else {
                "handout.m_month_no"
            },
        )
        .to_string(),
        months,
        short_word: i18n::tr(lang, "handout.m_short").to_string(),
    }
}

/// A figure of the strip as written: whole rupees (half away from zero;
/// what she puts aside rounded up, as the engine states it, so that she
/// has enough), South Asian grouping, the study's digits, no unit.
pub fn strip_figure(digits: i18n::Digits, row: StripRow, paisa: i64) -> String {
    let paisa = match row {
        StripRow::Aside => aside_rupees(paisa) * 100,
        _ => paisa,
    };
    digits.apply(&crate::money::group_rupees(
        scoring::months::rupees(paisa),
        false,
    ))
}

/// Money put aside in whole rupees, rounded up.
fn aside_rupees(paisa: i64) -> i64 {
    (paisa.max(0) + 99) / 100
}

/// A row's figure of a month of the strip (paisa).
pub fn strip_value(r: &MonthRow, what: StripRow) -> i64 {
    match what {
        StripRow::In => r.income,
        StripRow::Out => r.out,
        StripRow::Pays => r.pays,
        StripRow::Aside => r.aside,
        StripRow::FromBefore => r.from_before,
        StripRow::Left => r.left,
    }
}

/// The lines under the strip of her months, each as pieces in `lang`:
/// the month of the disbursement the strip assumes when none is set, and
/// the months in which it would fit; what she must put aside, when and for
/// what; whether the purchase pays for the loan. (That her sales are
/// counted the same every month is said beside the strip's title.)
fn months_notes(
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

/// The offer whose terms her page proposes to negotiate, and the terms:
/// her best offer's when one fits (only over a longer term, or only with
/// money put aside); when none does, the first of her ranked offers (the
/// best first, at most five) for which something would fit.
fn to_negotiate<'a>(
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
fn negotiate_lines(
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

/// Why the offers ranked for her do not fit her months, in her language:
/// for each (the best first, at most five), the offer, then which months
/// fail and why, and the months of the year in which a disbursement would
/// fit.
fn months_short(
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
