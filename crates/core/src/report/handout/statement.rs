//! The key facts statement of her loan: its rows, what to confirm with
//! the MFI, and the words of its keys (frequency, timing, who is paid).

use super::calendar_dates;
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::i18n::capitalised;
use crate::i18n::{self, Lang};
use crate::money::{rs, rs_range};
use crate::pricing;
use crate::report::{KeyFact, pct};
use crate::scoring;
use rust_decimal::Decimal;

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
pub(super) fn schedule_assumptions(p: &scoring::Pair) -> Vec<String> {
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
pub(super) fn key_facts(
    doc: &StudyDoc,
    p: &scoring::Pair,
    l: &scoring::Loan,
    priced: &pricing::Priced,
    start: Date,
) -> Vec<(&'static str, Option<String>)> {
    use crate::data::matrix::{FactsExt, Param};
    let inst = doc.matrix.institution(&p.mfi);
    let product = inst.and_then(|i| i.products.iter().find(|x| x.name == p.product));
    let text = |key: Param| -> Option<String> {
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
        ("handout.late", text(Param::LatePayment)),
        ("handout.early", text(Param::EarlyRepayment)),
        ("handout.bring", text(Param::Documents)),
        ("handout.complain", text(Param::Complaints)),
    ]
}

/// Her key facts statement in English, row by row (see
/// [`HandoutLoan::statement`]): every figure from the loan's disclosure at
/// both ends of its unknown terms, a row to confirm where the ends differ
/// or the study does not know.
pub(super) fn statement(
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
            capitalised(&c.name),
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
        format!(
            "; the last {}",
            money(lo.last_payment(), d.last_payment()).0
        )
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
            "handout.bring" | "handout.complain" => capitalised(&label(short_key(key))),
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

/// The short name of a key fact, for "ask the MFI about: ...".
pub(super) fn short_key(key: &str) -> &'static str {
    match key {
        "handout.late" => "handout.late_short",
        "handout.early" => "handout.early_short",
        "handout.bring" => "handout.bring_short",
        _ => "handout.complain_short",
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

/// The key of the words before her regular payment in large type: "Each
/// time you pay"; with a last payment well above the others, "Each
/// payment but the last"; with a single payment, "You pay once".
pub(super) fn instalment_key(l: &scoring::Loan) -> &'static str {
    if l.count <= 1 {
        "handout.m_once"
    } else if l.has_balloon() {
        "handout.m_each_but_last"
    } else {
        "handout.m_each_time"
    }
}
