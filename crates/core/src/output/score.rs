//! The result of scoring a study in the forms people and programs read:
//! text for a terminal, JSON, the CO ranking as CSV, and the CO ranking as a
//! [`Table`] (built here once; the command line, the report and the app all
//! show this same table).

use crate::data::criteria::Weights;
use crate::data::plans::Plans;
use crate::data::settings::Settings;
use crate::money::{rate_range, rs, rs_range};
use crate::output::{Table, clip, money_json, text_table};
use crate::scoring::stability::Stability;
use crate::scoring::{self, Criterion, Evaluation, MfiResult, doubts_by_mfi, verify_first};
use serde_json::json;

/// The columns of the CO ranking: key (CSV and JSON), title, numeric, width.
pub const RANKING_COLUMNS: [(&str, &str, bool, f32); 10] = [
    ("rank", "Rank", true, 0.5),
    ("mfi", "MFI", false, 1.7),
    ("score", "CO score", true, 0.8),
    ("eligible_members", "Eligible", true, 0.8),
    ("to_verify_members", "To verify", true, 0.8),
    ("affordable_members", "Affordable", true, 0.9),
    ("affordable_under_stress", "Under stress", true, 0.9),
    ("total_borrowed", "Borrowed", true, 1.2),
    ("total_cost", "Cost", true, 1.6),
    ("average_apr_percent", "Avg APR", true, 1.1),
];

/// The columns `score --csv` adds to [`RANKING_COLUMNS`]: both ends of the
/// cost and the APR where a term is unknown.
pub const RANGE_COLUMNS: [&str; 4] = [
    "total_cost_low",
    "total_cost_high",
    "average_apr_percent_low",
    "average_apr_percent_high",
];

/// One MFI's line of the ranking, for people (`display`) or for a file.
fn ranking_cells(rank: usize, r: &MfiResult, display: bool) -> Vec<String> {
    let money = |d| if display { rs(d) } else { money_json(d) };
    let score = if display {
        format!("{:.1}", r.score)
    } else {
        format!("{:.2}", r.score)
    };
    let apr = match (r.average_apr, display) {
        (Some(a), true) => crate::money::rate_range(r.average_apr_low.unwrap_or(a), a),
        (Some(a), false) => format!("{a:.2}"),
        (None, true) => "-".into(),
        (None, false) => String::new(),
    };
    vec![
        rank.to_string(),
        // The CSV writer neutralises what a spreadsheet would run.
        r.mfi.clone(),
        score,
        r.eligible_members.to_string(),
        r.to_verify_members.to_string(),
        r.affordable_members.to_string(),
        r.affordable_under_stress.to_string(),
        money(r.total_borrowed),
        if display {
            crate::money::rs_range(r.total_cost_low, r.total_cost)
        } else {
            money(r.total_cost)
        },
        apr,
    ]
}

/// The CO ranking as a table for people: best first, the CO score in points
/// (0-100), members eligible, to verify, served with an affordable offer,
/// still served under stress, what they borrow and pay, their average APR.
pub fn ranking_table(e: &Evaluation) -> Table {
    Table {
        header: RANKING_COLUMNS.iter().map(|c| c.1.to_string()).collect(),
        numeric: RANKING_COLUMNS.iter().map(|c| c.2).collect(),
        widths: RANKING_COLUMNS.iter().map(|c| c.3).collect(),
        rows: e
            .ranking
            .iter()
            .enumerate()
            .map(|(i, r)| ranking_cells(i + 1, r, true))
            .collect(),
        footnotes: Vec::new(),
    }
}

/// The CO ranking as CSV (`score --csv`), the same columns as
/// [`ranking_table`] under their keys, figures as plain decimals.
pub fn ranking_csv(e: &Evaluation) -> Vec<u8> {
    let rows: Vec<Vec<String>> = e
        .ranking
        .iter()
        .enumerate()
        .map(|(i, r)| ranking_cells(i + 1, r, false))
        .collect();
    let mut header: Vec<&str> = RANKING_COLUMNS.iter().map(|c| c.0).collect();
    // Both ends of what an unknown term leaves open, as in the JSON
    // (`total_cost` and `average_apr_percent` are the high ends).
    header.extend(RANGE_COLUMNS);
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .zip(&e.ranking)
        .map(|(mut row, r)| {
            let apr = |a: Option<f64>| a.map(|a| format!("{a:.2}")).unwrap_or_default();
            row.extend([
                money_json(r.total_cost_low),
                money_json(r.total_cost),
                apr(r.average_apr_low.or(r.average_apr)),
                apr(r.average_apr),
            ]);
            row
        })
        .collect();
    crate::data::table::to_csv(&header, &rows)
}

/// " (instalment Rs 246 and Rs 50 paid with it)" when she pays more than
/// the instalment on each due date (savings, charges or tax with each).
pub fn with_payment(l: &crate::scoring::Loan) -> String {
    let extra = l.disclosure.regular_payment - l.disclosure.instalment;
    if extra.is_zero() {
        String::new()
    } else {
        format!(
            " (instalment {} and {} paid with it)",
            rs(l.disclosure.instalment),
            rs(extra)
        )
    }
}

/// " (18 months; she asked for 12: the nearest term she can afford)" when
/// the term is not the one nearest her preference.
pub fn term_note(l: &crate::scoring::Loan) -> String {
    if l.months == l.preferred_months {
        String::new()
    } else {
        format!(
            " ({} months; she asked for {}: the nearest term she can afford)",
            l.months, l.preferred_months
        )
    }
}

/// A month a loan falls short, for JSON.
fn short_json(s: &crate::scoring::months::ShortMonth) -> serde_json::Value {
    use crate::scoring::months::{ShortWhy, rupees};
    let calendar = s
        .calendar
        .map(|c| crate::data::months::MONTHS[usize::from(c) % 12]);
    match s.why {
        ShortWhy::Payment { pays, could } => json!({
            "month": s.month, "calendar": calendar, "why": "payment",
            "pays": money_json(rupees(pays)), "could": money_json(rupees(could)),
        }),
        ShortWhy::Household { deficit } => json!({
            "month": s.month, "calendar": calendar, "why": "household",
            "deficit": money_json(rupees(deficit)),
        }),
        ShortWhy::Debts { ratio_bp } => json!({
            "month": s.month, "calendar": calendar, "why": "debts",
            "dsr_percent": ratio_bp.map(|bp| bp as f64 / 100.0),
        }),
    }
}

/// A rate in percent for JSON: `None` (null) when it is not a finite
/// number of a meaningful size.
fn rate_number(x: f64) -> Option<f64> {
    (x.is_finite() && x.abs() <= 1e15).then_some(x)
}

/// Terms to negotiate with the MFI, for JSON.
pub fn proposal_json(p: &crate::scoring::negotiate::Proposal) -> serde_json::Value {
    use crate::scoring::months::{month_words, rupees};
    json!({
        "kind": p.kind.key(),
        "to_negotiate_with_the_mfi": true,
        "months": p.months,
        "asked_months": p.asked_months,
        "payments_by_month": p.pays.iter().map(|&x| money_json(rupees(x))).collect::<Vec<_>>(),
        "no_payment_in": p.no_payment().iter().map(|&(m, c)| month_words(m, c)).collect::<Vec<_>>(),
        "paid_out_in": p.start.map(|s| crate::data::months::MONTHS[usize::from(s) % 12]),
        "rate_name": p.rate_name,
        "apr_percent": rate_number(p.apr.high),
        "apr_percent_low": rate_number(p.apr.low),
        "apr_percent_high": rate_number(p.apr.high),
        "total_cost": money_json(p.total_cost.high),
        "total_cost_low": money_json(p.total_cost.low),
        "total_cost_high": money_json(p.total_cost.high),
        "fits": p.fits,
        "fits_under_stress": p.fits_under_stress,
        "put_aside": p.put_aside.map(|a| money_json(rupees(a.monthly))),
        "words": p.words(),
    })
}

/// The whole evaluation as one JSON object (`score --json`): `matrix` the
/// one evaluated, for pricing the terms to negotiate.
pub fn score_json(
    e: &Evaluation,
    w: &Weights,
    settings: &Settings,
    st: Option<&Stability>,
    plans: &Plans,
    matrix: &crate::data::matrix::Matrix,
) -> serde_json::Value {
    let loan_json = |k: usize| {
        let p = &e.pairs[k];
        let l = p.loan.as_ref();
        // What would fit her months, to negotiate with the MFI.
        let to_negotiate: Vec<serde_json::Value> = plans
            .members
            .get(p.member)
            .map(|plan| crate::scoring::negotiate::to_negotiate(p, plan, matrix, settings))
            .unwrap_or_default()
            .iter()
            .map(proposal_json)
            .collect();
        json!({
            "mfi": p.mfi,
            "product": p.product,
            "score": p.score(&e.weights),
            "contributions": Criterion::ALL.iter().zip(p.contributions(&e.weights)).map(|(c, x)| (c.key().to_string(), json!(x))).collect::<serde_json::Map<_, _>>(),
            "amount": l.map(|l| money_json(l.amount)),
            "gap": l.map(|l| money_json(l.gap)),
            "months": l.map(|l| l.months),
            "preferred_months": l.map(|l| l.preferred_months),
            "frequency": l.map(|l| l.frequency.as_str()),
            "instalment": l.map(|l| money_json(l.instalment)),
            "instalment_low": l.map(|l| money_json(l.instalment_ends().low)),
            "instalment_high": l.map(|l| money_json(l.instalment_ends().high)),
            "count": l.map(|l| l.count),
            "total_repaid": l.map(|l| money_json(l.total_repaid)),
            "each_payment": l.map(|l| money_json(l.payment_ends().high)),
            "each_payment_low": l.map(|l| money_json(l.payment_ends().low)),
            "each_payment_high": l.map(|l| money_json(l.payment_ends().high)),
            "pays_back": l.map(|l| money_json(l.pays_back_ends().high)),
            "pays_back_low": l.map(|l| money_json(l.pays_back_ends().low)),
            "pays_back_high": l.map(|l| money_json(l.pays_back_ends().high)),
            "total_repaid_low": l.map(|l| money_json(l.total_repaid_ends().low)),
            "total_repaid_high": l.map(|l| money_json(l.total_repaid_ends().high)),
            "total_cost": l.map(|l| money_json(l.total_cost)),
            "total_cost_low": l.map(|l| money_json(l.total_cost_ends().low)),
            "total_cost_high": l.map(|l| money_json(l.total_cost_ends().high)),
            // The smaller amount in hand first, as every *_low key is the
            // smaller figure (for what she receives, the high end's).
            "received_low": l.map(|l| {
                let r = l.received_ends();
                money_json(r.low.min(r.high))
            }),
            "received_high": l.map(|l| {
                let r = l.received_ends();
                money_json(r.low.max(r.high))
            }),
            // A rate beyond any number is written as null, never as a
            // wrong number.
            "apr_percent": l.and_then(|l| rate_number(l.apr_percent)),
            "apr_percent_low": l.and_then(|l| rate_number(l.apr_ends().low)),
            "apr_percent_high": l.and_then(|l| rate_number(l.apr_ends().high)),
            "eir_percent": l.and_then(|l| rate_number(l.eir_percent)),
            "eir_percent_low": l.and_then(|l| rate_number(l.eir_ends().low)),
            "eir_percent_high": l.and_then(|l| rate_number(l.eir_ends().high)),
            "monthly_burden": l.map(|l| money_json(l.monthly_burden)),
            "monthly_burden_low": l.map(|l| money_json(l.burden_ends().low)),
            "monthly_burden_high": l.map(|l| money_json(l.burden_ends().high)),
            "affordable": l.map(|l| l.affordable),
            "affordable_under_stress": l.map(|l| l.affordable_under_stress),
            // Judged against her months: the largest payment of a month,
            // the months that fail and why, her highest debt-service ratio,
            // money she must put aside, and whether the purchase pays for
            // the loan (null: her plan does not say what it earned before).
            "largest_payment": l.map(|l| json!({"amount": money_json(l.largest_payment.0), "month": l.largest_payment.1})),
            "payments_by_month": l.map(|l| l.by_month.pays().iter().map(|&p| money_json(crate::scoring::months::rupees(p))).collect::<Vec<_>>()),
            "months_short": l.map(|l| l.short_months.iter().map(short_json).collect::<Vec<_>>()),
            "why_not_affordable": l.and_then(|l| l.short_words(settings)),
            "dsr_percent": l.and_then(|l| l.dsr_percent),
            "put_aside": l.and_then(|l| l.put_aside.map(|a| json!({
                "monthly": money_json(crate::scoring::months::rupees(a.monthly)),
                "less_in_some_months": a.varies,
                "months": a.months,
                "for": match a.what_for {
                    crate::scoring::months::AsideFor::LargePayment => "large payment",
                    crate::scoring::months::AsideFor::LeanMonths => "lean months",
                },
            }))),
            "paid_out_fits_in": l.and_then(|l| l.paid_out.map(|p| {
                (0..12).filter(|m| p.fits & (1 << m) != 0).map(|m| crate::data::months::MONTHS[m]).collect::<Vec<_>>()
            })),
            "paid_out_assumed": l.and_then(|l| l.paid_out.map(|p| crate::data::months::MONTHS[usize::from(p.assumed) % 12])),
            "to_negotiate": to_negotiate,
            "worth_it": l.map(|l| l.worth.map(|w| w.pays())),
            "extra_profit": l.and_then(|l| l.worth.map(|w| money_json(w.extra_profit))),
            "to_verify": p.to_verify,
            "assumptions": p.assumptions,
            "disclosure": l.map(|l| super::price::disclosure_json(&l.disclosure)),
            // The key facts with unknown terms at their low end; null when
            // nothing is unknown (then they are "disclosure").
            "disclosure_low": l.and_then(|l| l.low.as_ref().map(|lo| super::price::disclosure_json(&lo.disclosure))),
        })
    };
    let members: Vec<_> = e
        .members
        .iter()
        .map(|m| {
            let plan = &plans.members[m.member];
            let best = e.best_affordable(m.member).or(m.ranked.first().copied());
            json!({
                "member": m.name,
                "co": plan.co,
                "loan_needed": money_json(m.loan_needed),
                "repayment_capacity": money_json(m.capacity),
                "other_repayments": money_json(plan.other_repayments_total()),
                "savings_now": money_json(plan.savings_now),
                "sales_same_every_month": !plan.says_her_months(),
                "stressed_capacity": money_json(m.stressed_capacity),
                "best": best.map(loan_json),
                "ranked": m.ranked.iter().map(|&k| loan_json(k)).collect::<Vec<_>>(),
                "excluded": m.excluded.iter().map(|&k| {
                    let p = &e.pairs[k];
                    json!({"mfi": p.mfi, "product": p.product, "reasons": p.why_excluded(), "to_verify": p.to_verify})
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let verdict = st.and_then(|st| crate::scoring::verdict::verdict(e, st));
    json!({
        // The recommendation by the verdict's rule (null: none yet); the
        // first by CO score on the facts as assumed beside it.
        "recommended": match (&verdict, e.recommended()) {
            (Some(v), _) => v.mfi.clone(),
            (None, r) => r.map(|r| r.mfi.clone()),
        },
        "first_on_assumed_facts": e.recommended().map(|r| r.mfi.clone()),
        "runner_up": e.runner_up().map(|r| r.mfi.clone()),
        "verdict": verdict,
        "reasons": scoring::reasons(e),
        "verify_first": e.recommended().map(|r| verify_first(e, &r.mfi)).unwrap_or_default(),
        "ask_the_members": e.recommended().map(|r| scoring::ask_the_members(e, &r.mfi)).unwrap_or_default(),
        "weights": Criterion::ALL.iter().enumerate().map(|(i, c)| json!({
            "criterion": c.key(), "label": c.label(), "weight": e.weights[i], "measure": c.measure(),
            "worst": w.scales[i].worst, "best": w.scales[i].best,
        })).collect::<Vec<_>>(),
        "weights_name": w.name,
        "settings": settings,
        "members_needing_loan": e.members_needing_loan,
        "ranking": e.ranking.iter().map(|r| json!({
            "mfi": r.mfi,
            "score": r.score,
            "eligible_members": r.eligible_members,
            "to_verify_members": r.to_verify_members,
            "affordable_members": r.affordable_members,
            "affordable_under_stress": r.affordable_under_stress,
            "served_if_putting_aside": r.served_if_putting_aside,
            "not_paying_for_itself": r.not_paying_for_itself,
            "total_borrowed": money_json(r.total_borrowed),
            "total_cost": money_json(r.total_cost),
            "total_cost_low": money_json(r.total_cost_low),
            "total_cost_high": money_json(r.total_cost),
            "average_apr_percent": r.average_apr,
            "average_apr_percent_low": r.average_apr_low,
            "average_apr_percent_high": r.average_apr,
            "contributions": Criterion::ALL.iter().zip(r.contributions).map(|(c, x)| (c.key().to_string(), json!(x))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        "members": members,
        "stability": st,
        "ask_first": st.map(|s| s.ask_first.clone()).unwrap_or_default(),
        "unknowns": doubts_by_mfi(e),
    })
}

pub use crate::scoring::stability::share_percent;

/// One fact to ask first, in a line: "whether Akhuwat will lend to
/// home-based workers: changes the first MFI in 41.2% of draws; if yes,
/// Akhuwat comes first in 88.0% of them, if no in 0.0%; most often first:
/// Akhuwat if yes, CWCD if no".
pub fn ask_first_line(a: &crate::scoring::unknowns::AskFirst) -> String {
    let (yes, no) = match a.kind {
        "range" => ("at its low end", "at its high end"),
        "choice" => (
            "at the stated alternative best for it",
            "at the one worst for it",
        ),
        _ => ("if yes", "if no"),
    };
    let most = if a.if_yes == a.if_no {
        format!(
            "where an MFI serves anyone, most often first either way: {}",
            a.if_yes
        )
    } else {
        format!(
            "where an MFI serves anyone, most often first: {} {yes}, {} {no}",
            a.if_yes, a.if_no
        )
    };
    format!(
        "{}: changes the first MFI in {} of draws; {yes}, {} comes first in {}, {no} in {}; {most}",
        a.fact,
        share_percent(a.changes_share),
        a.mfi,
        share_percent(a.mfi_first_if_yes),
        share_percent(a.mfi_first_if_no),
    )
}

/// The whole result as text for a terminal (`score`).
pub fn write_score_text(
    out: &mut dyn std::io::Write,
    e: &Evaluation,
    w: &Weights,
    settings: &Settings,
    st: Option<&Stability>,
    plans: &Plans,
    matrix: &crate::data::matrix::Matrix,
) -> std::io::Result<()> {
    let mut cos: Vec<&str> = plans.members.iter().map(|m| m.co.as_str()).collect();
    cos.sort_unstable();
    cos.dedup();
    writeln!(
        out,
        "{} of {} ({} need a loan) against {}; weights: {}",
        crate::i18n::count_en(plans.members.len(), "member"),
        cos.join(", "),
        e.members_needing_loan,
        crate::i18n::count_en(e.institutions.len(), "option"),
        w.name
    )?;
    writeln!(
        out,
        "Weights: {}",
        Criterion::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} {:.0}%", c.label(), 100.0 * e.weights[i]))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(
        out,
        "Affordable: judged month by month, each payment met in its month from at most {}% of what she has left after her household and other debts (or from cash she has saved, or money she puts aside), her debts at most {}% of her income in every month; stress test: income {}% lower. Offers with unknowns are {}.",
        settings.affordability_percent.normalize(),
        settings.debt_service_cap_percent.normalize(),
        settings.stress_income_drop_percent.normalize(),
        if settings.rank_to_verify {
            "ranked and marked \"to verify\""
        } else {
            "left out of the ranking"
        }
    )?;
    writeln!(out)?;
    match (e.recommended(), e.runner_up()) {
        (Some(a), b) => {
            // The verdict's heading ("No MFI can be recommended yet" when
            // the study cannot tell), then the CO scores on the facts as
            // assumed, said to be so.
            let v = st.and_then(|st| crate::scoring::verdict::verdict(e, st));
            writeln!(
                out,
                "{}; first by CO score on the facts as assumed: {} ({:.1}){}",
                crate::scoring::verdict::heading(v.as_ref(), &a.mfi),
                a.mfi,
                a.score,
                b.map(|b| format!("; runner-up: {} ({:.1})", b.mfi, b.score))
                    .unwrap_or_default()
            )?;
            if let Some(v) = &v {
                writeln!(out, "  {}", v.line)?;
            }
            writeln!(
                out,
                "  Why {} comes first by CO score on the facts as assumed:",
                a.mfi
            )?;
            for r in scoring::reasons(e) {
                writeln!(out, "  - {r}")?;
            }
            let items = verify_first(e, &a.mfi);
            if a.to_verify_members > 0 && !items.is_empty() {
                writeln!(
                    out,
                    "  ! to verify with {} before relying on this: {}",
                    a.mfi,
                    items.join("; ")
                )?;
            }
            let members = scoring::ask_the_members(e, &a.mfi);
            if !members.is_empty() {
                writeln!(out, "  ! to ask the members: {}", members.join("; "))?;
            }
        }
        (None, _) => {
            writeln!(
                out,
                "No option serves any member with an affordable offer: see the members below."
            )?;
        }
    }
    if let Some(st) = st {
        writeln!(out, "Stability: {}", st.sentence)?;
    }
    writeln!(out)?;
    write!(out, "{}", text_table(&ranking_table(e), 30))?;
    if let Some(st) = st {
        writeln!(
            out,
            "\nWeight intervals within which {} stays first:",
            st.recommended
        )?;
        for iv in &st.intervals {
            writeln!(
                out,
                "  {:<18} {:>4.0}%  [{:>3.0}% - {:>3.0}%]  {}",
                clip(iv.criterion, 18),
                100.0 * iv.weight,
                100.0 * iv.low,
                100.0 * iv.high,
                iv.sentence
            )?;
        }
        let shares = |d: &crate::scoring::draws::Draws| {
            let mut v: Vec<String> = d
                .acceptability
                .iter()
                .filter(|a| a.first_share > 0.0)
                .map(|a| format!("{} {}", a.mfi, share_percent(a.first_share)))
                .collect();
            if d.none_share > 0.0 {
                v.push(format!(
                    "no MFI serves anyone {}",
                    share_percent(d.none_share)
                ));
            }
            v.join(", ")
        };
        // The draws over what is not known first; the weights alone last,
        // said to leave the unknown facts as the study assumes them.
        let draws = crate::money::group_digits(&st.draws.to_string());
        if let (Some(data), Some(both)) = (&st.data_only, &st.both) {
            writeln!(
                out,
                "First in {draws} draws of the {} unknown facts and the weights: {}",
                st.unknown_facts,
                shares(both)
            )?;
            writeln!(
                out,
                "First in {draws} draws of the {} unknown facts: {}",
                st.unknown_facts,
                shares(data)
            )?;
        }
        writeln!(
            out,
            "First in {draws} draws of the weights alone (the unknown facts as the study assumes them): {}",
            shares(&st.weights_only)
        )?;
        if !st.ask_first.is_empty() {
            writeln!(
                out,
                "\nWhat to ask first (the unknown facts that can change the first MFI):"
            )?;
            for a in st.ask_first.iter().take(10) {
                writeln!(out, "  {}", ask_first_line(a))?;
            }
            if st.ask_first.len() > 10 {
                writeln!(out, "  and {} more in --json", st.ask_first.len() - 10)?;
            }
        }
    }
    writeln!(out, "\nMembers: the best affordable offer for each")?;
    for m in &e.members {
        let best = e.best_affordable(m.member);
        let head = format!(
            "  {:<24} needs {:>10}, can repay {:>8}/month:",
            clip(&m.name, 24),
            rs(m.loan_needed),
            rs(m.capacity)
        );
        match best {
            Some(k) => {
                let p = &e.pairs[k];
                if let Some(l) = &p.loan {
                    // What she hands over each time and in all, as her
                    // calendar and her page say.
                    let back = l.pays_back_ends();
                    writeln!(
                        out,
                        "{head} {} / {}: {}{}{}, pays back {}, costs {}, APR {}, score {:.1}{}{}{}",
                        p.mfi,
                        p.product,
                        l.payments_words(),
                        term_note(l),
                        with_payment(l),
                        rs_range(back.low, back.high),
                        rs_range(l.total_cost_ends().low, l.total_cost),
                        rate_range(l.apr_ends().low, l.apr_percent),
                        p.score(&e.weights),
                        l.aside_words()
                            .map(|w| format!(" ({w})"))
                            .unwrap_or_default(),
                        if l.affordable_under_stress {
                            ""
                        } else {
                            " (not affordable under stress)"
                        },
                        if p.to_verify.is_empty() {
                            String::new()
                        } else {
                            format!(
                                " [eligible if {} confirms: {}]",
                                p.mfi,
                                p.to_verify.join("; ")
                            )
                        }
                    )?;
                }
            }
            None => {
                let why = if m.ranked.is_empty() {
                    "no offer is open to her".to_string()
                } else {
                    let k = m.ranked[0];
                    let l = e.pairs[k].loan.as_ref();
                    format!(
                        "no offer is affordable (the best, {}: {})",
                        e.pairs[k].mfi,
                        l.and_then(|l| l.short_words(settings)).unwrap_or_default()
                    )
                };
                writeln!(out, "{head} nothing fits: {why}")?;
            }
        }
        // What would fit her months, to negotiate with the MFI of her best
        // offer (the best ranked when none fits).
        if let (Some(k), Some(plan)) = (
            best.or(m.ranked.first().copied()),
            plans.members.get(m.member),
        ) {
            let p = &e.pairs[k];
            for proposal in crate::scoring::negotiate::to_negotiate(p, plan, matrix, settings) {
                writeln!(
                    out,
                    "    to negotiate with {} ({}): {}",
                    p.mfi,
                    p.product,
                    proposal.words()
                )?;
            }
        }
    }
    writeln!(out, "\nExcluded offers and why:")?;
    for m in &e.members {
        for &k in &m.excluded {
            let p = &e.pairs[k];
            let reasons = p.why_excluded();
            writeln!(
                out,
                "  {} - {} / {}: {}",
                m.name,
                p.mfi,
                p.product,
                reasons.join("; ")
            )?;
        }
    }
    writeln!(out, "\nUnknowns and assumptions (members concerned):")?;
    for (mfi, doubts) in doubts_by_mfi(e) {
        writeln!(out, "  {mfi}:")?;
        for (d, n) in doubts {
            writeln!(out, "    {d} ({n})")?;
        }
    }
    Ok(())
}
