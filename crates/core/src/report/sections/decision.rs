//! The decision page, first: the three offers to consider, how sure the
//! choice is, the facts behind it and the signatures; and the Kasur 2010
//! choice it is compared with.

use super::served_text;
use crate::data::matrix::FactsExt;
use crate::data::matrix::Param;
use crate::data::study::StudyDoc;
use crate::i18n::capitalised;
use crate::money::{rate_range, rs_range};
use crate::output::Table;
use crate::report::{Block, Section};
use crate::scoring::stability::Stability;
use crate::scoring::{self, Criterion, Evaluation};

/// The board's page: the recommended MFI and the two next side by side,
/// the facts to confirm first, how sure the choice is, and lines for the
/// decision and signatures.
pub(super) fn decision(doc: &StudyDoc, e: &Evaluation, st: Option<&Stability>) -> Section {
    let mut blocks = Vec::new();
    let top: Vec<&crate::scoring::MfiResult> = e.ranking.iter().take(3).collect();
    let Some(first) = e.recommended() else {
        return Section {
            heading: "The decision".into(),
            blocks: vec![Block::Paragraph(
                "No MFI serves any member with an affordable offer: there is no choice to make yet. See the members' pages for why.".into(),
            )],
        };
    };
    // How sure it is stands in the heading; the page's "How sure" says why.
    let verdict = st.and_then(|st| crate::scoring::verdict::verdict(e, st));
    let heading = scoring::verdict::heading(verdict.as_ref(), &first.mfi);
    blocks.push(Block::Paragraph(match verdict.as_ref().and_then(|v| v.mfi.as_ref()) {
        Some(m) if *m != first.mfi => format!(
            "{heading}. First by CO score on the facts as the study assumes them: {}; the table shows the three first by CO score.",
            first.mfi
        ),
        Some(_) => format!(
            "{heading}. First by CO score on the facts as the study assumes them: {}. Beside it, the two next by CO score.",
            first.mfi
        ),
        None if verdict.is_some() => format!(
            "{heading}. First by CO score on the facts as the study assumes them: {}; beside it, the two next. What the study does not know decides more (below).",
            first.mfi
        ),
        None => format!(
            "{heading}. First by CO score on the facts as the study assumes them: {}. Beside it, the two next by CO score.",
            first.mfi
        ),
    }));
    if let Some(c) = verdict.as_ref().and_then(|v| v.costly.as_ref()) {
        blocks.push(Block::Paragraph(format!("{}.", capitalised(c))));
    }
    let inst = |r: &crate::scoring::MfiResult| doc.matrix.institution(&r.mfi);
    let row = |label: &str, f: &dyn Fn(&crate::scoring::MfiResult) -> String| {
        let mut v = vec![label.to_string()];
        v.extend(top.iter().map(|r| f(r)));
        v
    };
    let needing = e.members_needing_loan;
    let instalments = |r: &crate::scoring::MfiResult| -> String {
        // The middle payment of the members it serves, as they pay it
        // (with a large last payment named): never an average.
        let mut v: Vec<&crate::scoring::Loan> = r
            .served
            .iter()
            .flatten()
            .filter_map(|&k| e.pairs[k].loan.as_ref())
            .collect();
        v.sort_by_key(|l| (l.payment_ends().high, l.largest_payment.0));
        match v.get(v.len() / 2) {
            Some(l) => l.payment_per(),
            None => "-".into(),
        }
    };
    let rows = vec![
        row("CO score (points of 100)", &|r| format!("{:.1}", r.score)),
        row("Members served (affordable)", &|r| {
            served_text(e, r, needing)
        }),
        row("Still served if income falls", &|r| {
            format!(
                "{} (income {}% lower)",
                r.affordable_under_stress,
                doc.settings.stress_income_drop_percent.normalize()
            )
        }),
        row("Typical instalment", &instalments),
    ];
    // Members served only if they put money aside, and members whose
    // business does not pay for the loan, counted apart where there are any.
    let mut rows = rows;
    if top.iter().any(|r| r.served_if_putting_aside > 0) {
        rows.push(row("Served only if they put money aside", &|r| {
            let large = r
                .served
                .iter()
                .flatten()
                .filter_map(|&k| e.pairs[k].loan.as_ref()?.put_aside)
                .filter(|a| a.what_for == crate::scoring::months::AsideFor::LargePayment)
                .count();
            match (r.served_if_putting_aside, large) {
                (0, _) => "0".into(),
                (n, l) if l == n => format!("{n} (for a large last payment)"),
                (n, 0) => format!("{n} (for their lean months)"),
                (n, l) => format!("{n} ({l} for a large last payment)"),
            }
        }));
    }
    if top.iter().any(|r| r.not_paying_for_itself > 0) {
        rows.push(row("Whose business does not pay for the loan", &|r| {
            r.not_paying_for_itself.to_string()
        }));
    }
    rows.extend([
        row(
            "Average APR",
            &|r| match (r.average_apr_low, r.average_apr) {
                (Some(lo), Some(hi)) => rate_range(lo, hi),
                _ => "-".into(),
            },
        ),
        row("Cost to the members served", &|r| {
            rs_range(r.total_cost_low, r.total_cost)
        }),
        row("Distance", &|r| match inst(r) {
            Some(i) if i.facts.flag(Param::StaffVisitVillage) == Some(true) => {
                "staff come to the village".into()
            }
            Some(i) => match i.facts.number(Param::DistanceKm) {
                Some(km) => format!("{} km", km.normalize()),
                None => "unknown".into(),
            },
            None => "in the village (own savings)".into(),
        }),
        row("Extra services (of 7)", &|r| match inst(r) {
            Some(i) => {
                let yes = crate::data::matrix::SERVICES
                    .iter()
                    .filter(|k| i.facts.flag(**k) == Some(true))
                    .count();
                let unknown = crate::data::matrix::SERVICES
                    .iter()
                    .filter(|k| i.facts.flag(**k).is_none())
                    .count();
                if unknown > 0 {
                    format!("{yes}; {unknown} unknown")
                } else {
                    yes.to_string()
                }
            }
            None => "none".into(),
        }),
        row("Its data known", &|r| match inst(r) {
            Some(i) => {
                let c = doc.matrix.completeness_of(&i.name);
                format!(
                    "{:.0}% ({} of {})",
                    100.0 * c.known() as f64 / c.values.max(1) as f64,
                    c.known(),
                    c.values
                )
            }
            None => "all".into(),
        }),
    ]);
    let mut header = vec![String::new()];
    header.extend(top.iter().map(|r| r.mfi.clone()));
    let n = header.len();
    blocks.push(Block::Table(Table {
        header,
        numeric: std::iter::once(false).chain(std::iter::repeat_n(true, n - 1)).collect(),
        widths: std::iter::once(1.6).chain(std::iter::repeat_n(1.4, n - 1)).collect(),
        rows,
        footnotes: vec![
            "A range: a term of the offer is unknown; the lower figure counts it as none, the higher as the most any MFI of the study charges (or the tool's default where none states it). Typical instalment: the middle member's payment as she pays it, with a large last payment in its month.".into(),
        ],
    }));
    // How often each comes first in the draws, "no MFI" among them: the
    // rule of the recommendation reads these shares.
    if let Some(v) = &verdict {
        // The four most often first, the others together.
        let mut bars: Vec<(String, f64, String)> = v
            .outcomes
            .iter()
            .take(4)
            .map(|o| {
                (
                    o.mfi
                        .clone()
                        .unwrap_or_else(|| "No MFI serves anyone".into()),
                    100.0 * o.share,
                    crate::scoring::stability::share_percent(o.share),
                )
            })
            .collect();
        let rest: f64 = v.outcomes.iter().skip(4).map(|o| o.share).sum();
        if rest > 0.0 {
            bars.push((
                format!("{} other MFIs", v.outcomes.len() - 4),
                100.0 * rest,
                crate::scoring::stability::share_percent(rest),
            ));
        }
        blocks.push(Block::Bars {
            title: if v.over_data {
                "How often each comes first over what the study does not know and the weights"
                    .into()
            } else {
                "How often each comes first over the weights".into()
            },
            bars: bars.iter().map(|b| (b.0.clone(), b.1)).collect(),
            unit: "%".into(),
            shown: bars.iter().map(|b| b.2.clone()).collect(),
        });
        blocks.push(Block::Paragraph(format!(
            "The rule: an MFI is recommended when it comes first in {:.0}% of the draws or more (firmly from {:.0}%); below that, none is recommended yet.",
            100.0 * scoring::verdict::LIKELY,
            100.0 * scoring::verdict::FIRM,
        )));
    }
    // What to confirm first, with room for who asks and by when.
    let mut confirm: Vec<String> = match st {
        Some(st) if !st.ask_first.is_empty() => st
            .ask_first
            .iter()
            .take(3)
            .map(|a| {
                format!(
                    "{} (it changes the first MFI in {} of the draws of the data)",
                    capitalised(&a.fact),
                    crate::output::score::share_percent(a.changes_share)
                )
            })
            .collect(),
        _ => crate::scoring::verify_first(e, &first.mfi)
            .into_iter()
            .take(3)
            .collect(),
    };
    // The recommended MFI's own unknowns that its members wait on: the
    // choice rests on them whatever the draws say.
    let own: Vec<String> = crate::scoring::verify_first(e, &first.mfi)
        .into_iter()
        .filter(|v| {
            !confirm
                .iter()
                .any(|c| c.to_lowercase().contains(&v.to_lowercase()))
        })
        .take(4)
        .collect();
    let blanks = ".   Who asks: ________________   By: ____________";
    if !confirm.is_empty() {
        blocks.push(Block::Paragraph(
            "To confirm before the decision, the facts that most often change which MFI comes first (who asks, and by when):".into(),
        ));
        for c in confirm.iter_mut() {
            c.push_str(blanks);
        }
        blocks.push(Block::Bullets(confirm));
    }
    if !own.is_empty() && st.is_some() {
        blocks.push(Block::Paragraph(format!(
            "And with {}{} itself, what the members it would serve wait on (how many members each concerns):",
            first.mfi,
            if verdict.as_ref().and_then(|v| v.mfi.as_ref()) == Some(&first.mfi) {
                ""
            } else {
                " (first by CO score)"
            }
        )));
        blocks.push(Block::Bullets(
            own.into_iter()
                .map(|o| format!("{}{blanks}", capitalised(&o)))
                .collect(),
        ));
    }
    // What only the members can say (her CNIC, a past default...): asked
    // of them, never of the MFI.
    let members: Vec<String> = crate::scoring::ask_the_members(e, &first.mfi)
        .into_iter()
        .take(4)
        .map(|q| capitalised(&q))
        .collect();
    if !members.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "To ask the members themselves (their answers decide whether {} can serve them):",
            first.mfi
        )));
        blocks.push(Block::Bullets(members));
    }
    if let Some(st) = st {
        blocks.push(Block::Paragraph(format!("How sure: {}", how_sure(st))));
    }
    if doc.name == crate::data::builtin::KASUR_STUDY_NAME {
        blocks.push(Block::Paragraph(kasur_2010(doc, e)));
    }
    blocks.push(Block::Paragraph(
        "Decision of the board: ______________________________________________________________"
            .into(),
    ));
    blocks.push(Block::Paragraph(
        "Date: ________________     Signatures: ______________________   ______________________   ______________________".into(),
    ));
    Section {
        heading: "The decision".into(),
        blocks,
    }
}

/// How sure the choice is, in one sentence: over the weights and the data.
fn how_sure(st: &Stability) -> String {
    let rec = &st.recommended;
    let share = crate::scoring::stability::share_text;
    let weights = share(st.weights_only.share(rec), st.weights_only.draws);
    match &st.data_only {
        Some(d) if st.unknown_facts > 0 => format!(
            "{rec} comes first in {} of the {} unknown facts (and in {weights} of the weights alone, the unknown facts as assumed): {}.",
            share(d.share(rec), d.draws),
            st.unknown_facts,
            if d.share(rec) < 0.5 {
                "what the study does not know decides more than the weights do; the facts above are the first calls to make"
            } else {
                "the choice holds for most of what the unknown facts could be"
            }
        ),
        _ => {
            format!(
                "{rec} comes first in {weights} of the weights; none of the facts it reads is unknown (what the study assumed is listed with each offer)."
            )
        }
    }
}

/// For the built-in study: how and why the result differs from the 2010
/// choice of CWCD, in the study's own figures.
fn kasur_2010(doc: &StudyDoc, e: &Evaluation) -> String {
    let find = |name: &str| e.ranking.iter().find(|r| r.mfi == name);
    let (Some(rec), Some(cwcd)) = (e.recommended(), find("CWCD")) else {
        return String::new();
    };
    if rec.mfi == "CWCD" {
        return "In 2010 the study chose CWCD; with these weights this tool chooses it too.".into();
    }
    let gains: Vec<String> = Criterion::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| cwcd.contributions[*i] > rec.contributions[*i] + 0.05)
        .map(|(i, c)| {
            format!(
                "{} (+{:.1} score points)",
                c.label(),
                cwcd.contributions[i] - rec.contributions[i]
            )
        })
        .collect();
    let services = crate::data::criteria::preset("support-and-services")
        .map(|w| crate::scoring::evaluate(&doc.matrix, &doc.plans, &w, &doc.settings));
    let close = services
        .as_ref()
        .and_then(|s| {
            let a = s.ranking.iter().find(|r| r.mfi == rec.mfi)?;
            let b = s.ranking.iter().find(|r| r.mfi == "CWCD")?;
            Some(format!(
                " With the support-and-services weights the two are {:.1} score points apart ({} {:.1}, CWCD {:.1}).",
                (a.score - b.score).abs(),
                a.mfi,
                a.score,
                b.score
            ))
        })
        .unwrap_or_default();
    format!(
        "In 2010 the study chose CWCD for its trainings, exhibitions, business development training and linkages, its Islamic financing and its group lending. Here, by CO score on the facts as the study assumes them, {} comes first ({:.1} score points against {:.1}): it serves {} of the {} members who need a loan against CWCD's {}, at an average APR of {} against {}. CWCD gains on {}.{} The difference is in the weight given to what each member pays against the services the group receives, and in what the 2010 matrix lost: most of {}'s terms are unknown.",
        rec.mfi,
        rec.score,
        cwcd.score,
        rec.affordable_members,
        e.members_needing_loan,
        cwcd.affordable_members,
        rec.average_apr
            .map(|x| rate_range(rec.average_apr_low.unwrap_or(x), x))
            .unwrap_or_else(|| "-".into()),
        cwcd.average_apr
            .map(|x| rate_range(cwcd.average_apr_low.unwrap_or(x), x))
            .unwrap_or_else(|| "-".into()),
        if gains.is_empty() {
            "nothing".to_string()
        } else {
            gains.join(", ")
        },
        close,
        rec.mfi
    )
}
