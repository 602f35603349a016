//! The members: what they said (their priorities) and what each is
//! offered, or why she is not served.

use crate::report::{Block, Section};

use super::weights_name;
use crate::data::study::StudyDoc;
use crate::i18n::Lang;
use crate::money::{rate_range, rs, rs_range};
use crate::output::Table;
use crate::scoring::{self, Criterion, Evaluation};
use crate::voice::group::Group;

/// "What the members said": the CO's weights from its members' counters
/// beside the study's, how much they agree, and which MFI each member's own
/// weights would choose.
pub(super) fn members_said(doc: &StudyDoc, g: &Group) -> Section {
    let anonymous = doc
        .priorities
        .members
        .iter()
        .filter(|m| m.anonymous())
        .count();
    let by_pairs = doc
        .priorities
        .members
        .iter()
        .filter(|m| m.note.contains(crate::data::priorities::BY_PAIRS))
        .count();
    let how = match by_pairs {
        0 => "by putting counters on picture cards, one card per criterion".to_string(),
        n if n == doc.priorities.members.len() => {
            "by answering questions in pairs (each answer's order weighed on the study's scales)"
                .to_string()
        }
        n => format!(
            "by putting counters on picture cards, one card per criterion, or ({n} of them) by answering questions in pairs"
        ),
    };
    let mut blocks = vec![Block::Paragraph(format!(
        "{} said what matters to {} {how}{}. The ranking in this report uses {}.",
        crate::i18n::count_en(g.combined.members, "member"),
        if g.combined.members == 1 {
            "her"
        } else {
            "them"
        },
        if anonymous > 0 {
            format!(" ({anonymous} in an anonymous round, without names)")
        } else {
            String::new()
        },
        weights_name(&doc.weights.name)
    ))];
    blocks.push(Block::Table(crate::output::group::group_table(g)));
    blocks.push(Block::Bars {
        title: format!("The members' weights ({})", g.combined.used().key()),
        bars: Criterion::ALL
            .iter()
            .map(|c| (c.label().to_string(), 100.0 * g.combined.weights[*c]))
            .collect(),
        unit: "%".into(),
        shown: Criterion::ALL
            .iter()
            .map(|c| crate::output::group::pct(g.combined.weights[*c]))
            .collect(),
    });
    blocks.push(Block::Paragraph(g.sentence()));
    if !g.first_by_member.is_empty() {
        blocks.push(Block::Bars {
            title: "Members whose own priorities choose each MFI".into(),
            bars: g
                .first_by_member
                .iter()
                .map(|f| (f.mfi.clone(), f.members as f64))
                .collect(),
            unit: String::new(),
            shown: g
                .first_by_member
                .iter()
                .map(|f| crate::i18n::count_en(f.members, "member"))
                .collect(),
        });
    }
    let unknown = crate::data::priorities::unknown_members(&doc.priorities, &doc.plans);
    if !unknown.is_empty() {
        blocks.push(Block::Bullets(unknown));
    }
    Section {
        heading: "What the members said".into(),
        blocks,
    }
}

pub(super) fn members(doc: &StudyDoc, e: &Evaluation) -> Section {
    let mut rows = Vec::new();
    for m in &e.members {
        let eligible: Vec<String> = {
            // An MFI she is eligible for only if it confirms unknown facts
            // is marked.
            // Each MFI once, in the order of her best offer from it,
            // starred when every offer of it open to her waits on facts.
            let mut mfis: Vec<(&str, bool)> = Vec::new();
            for &k in &m.ranked {
                let p = &e.pairs[k];
                let conditional = !p.to_verify.is_empty();
                match mfis.iter_mut().find(|(name, _)| *name == p.mfi) {
                    Some(entry) => entry.1 &= conditional,
                    None => mfis.push((p.mfi.as_str(), conditional)),
                }
            }
            let mut v: Vec<String> = mfis
                .iter()
                .map(|(name, conditional)| {
                    if *conditional {
                        format!("{name}*")
                    } else {
                        name.to_string()
                    }
                })
                .collect();
            // A long list is shortened: the best five, then how many more.
            if v.len() > 6 {
                let more = v.len() - 5;
                v.truncate(5);
                v.push(format!("and {more} more"));
            }
            v
        };
        let best = e.best_affordable(m.member);
        // What would fit her months, to negotiate with the MFI of her best
        // offer (of her best ranked when none fits), in a few words: a
        // grace or a seasonal schedule (a longer term is her loan's own,
        // its count in the table, and said on her page).
        let negotiate = |k: usize, named: bool| -> Option<String> {
            let p = &e.pairs[k];
            let plan = doc.plans.members.get(m.member)?;
            let mut props = scoring::negotiate::to_negotiate(p, plan, &doc.matrix, &doc.settings);
            props.retain(|x| x.kind != scoring::negotiate::Proposed::LongerTerm);
            (!props.is_empty()).then(|| {
                format!(
                    "to negotiate{}: {}",
                    if named {
                        format!(" with {}", p.mfi)
                    } else {
                        String::new()
                    },
                    props
                        .iter()
                        .map(|x| x.short_words())
                        .collect::<Vec<_>>()
                        .join("; or ")
                )
            })
        };
        match best.and_then(|k| e.pairs[k].loan.as_ref().map(|l| (k, l))) {
            Some((k, l)) => rows.push(vec![
                m.name.clone(),
                eligible.join(", "),
                format!("{} / {}", e.pairs[k].mfi, e.pairs[k].product),
                rs(l.amount),
                // A large last payment is named beside the regular one:
                // never only the small payment of an interest-only loan.
                if l.has_balloon() {
                    format!(
                        "{}; in month {}: {}",
                        rs_range(l.payment_ends().low, l.payment_ends().high),
                        l.largest_payment.1,
                        rs(l.largest_payment.0)
                    )
                } else if let Some(last) = crate::report::handout::last_payment_words(l) {
                    // A last payment that differs is named: twelve of the
                    // regular one are not what she pays back.
                    format!(
                        "{}; the last {last}",
                        rs_range(l.payment_ends().low, l.payment_ends().high),
                    )
                } else {
                    rs_range(l.payment_ends().low, l.payment_ends().high)
                },
                l.count.to_string(),
                crate::i18n::tr(
                    Lang::En,
                    crate::report::handout::frequency_key(&l.disclosure),
                )
                .to_string(),
                match l.put_aside {
                    Some(a) => format!(
                        "{} ({} put aside)",
                        rs(l.monthly_burden),
                        rs(crate::scoring::months::rupees(a.monthly))
                    ),
                    None => rs_range(l.burden_ends().low, l.monthly_burden),
                },
                rs_range(l.low_disclosure().pays_back(), l.disclosure.pays_back()),
                rate_range(l.apr_ends().low, l.apr_percent),
                {
                    let mut v = vec![if l.affordable_under_stress {
                        "yes (also under stress)".to_string()
                    } else {
                        "yes (not under stress)".to_string()
                    }];
                    if let Some(w) = l.aside_words() {
                        v.push(w);
                    }
                    if l.worth.is_some_and(|w| !w.pays()) {
                        v.push("her business does not pay for it".into());
                    }
                    v.extend(negotiate(k, false));
                    v.join("; ")
                },
            ]),
            None => {
                let why = if m.loan_needed.is_zero() {
                    "needs no loan".to_string()
                } else if m.ranked.is_empty() {
                    format!(
                        "nothing is open to her: {}",
                        e.binding_reason(m.member).unwrap_or_default()
                    )
                } else {
                    let best = m.ranked[0];
                    let said = match e.pairs[best]
                        .loan
                        .as_ref()
                        .and_then(|l| l.short_words(&doc.settings))
                    {
                        Some(w) => {
                            format!("no offer is affordable: with {}, {w}", e.pairs[best].mfi)
                        }
                        None => "no offer is affordable".to_string(),
                    };
                    // The first of her best ranked offers with something
                    // that would fit.
                    match m.ranked.iter().take(5).find_map(|&k| negotiate(k, true)) {
                        Some(n) => format!("{said}; {n}"),
                        None => said,
                    }
                };
                rows.push(vec![
                    m.name.clone(),
                    eligible.join(", "),
                    why,
                    rs(m.loan_needed),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "no".into(),
                ]);
            }
        }
    }
    Section {
        heading: "Members".into(),
        blocks: vec![Block::Table(Table {
            header: [
                "Member",
                "Eligible MFIs",
                "Chosen offer",
                "Amount",
                "Each payment",
                "No.",
                "Every",
                "Her month",
                "Pays back",
                "APR",
                "Affordable",
            ]
            .map(String::from)
            .to_vec(),
            numeric: vec![false, false, false, true, true, true, false, true, true, true, false],
            widths: vec![1.2, 1.5, 1.6, 0.85, 0.9, 0.4, 0.75, 0.85, 1.0, 0.75, 1.05],
            rows,
            footnotes: vec![
                "* eligible for that MFI only if it confirms facts the study does not have (listed on her page). A range (Rs 0 - 1,534, 0.0% - 14.4%): a term of the offer is unknown; the lower figure counts it as none, the higher as the most any MFI of the study charges (or the tool's default where none states it). Each payment: what she hands over on each due date (the instalment, and savings or charges paid with it), as her calendar says; a large last payment in its month, and a last payment that differs from the others (\"the last Rs ...\"). Her month: what the loan takes from her month at most, judged month by month from her plan (the payment; with a large last payment or lean months, what she must put aside each month too, in brackets). Pays back: every payment of her calendar once the money is in her hand (what is taken at the start is not in it), the same figure as on her page. To negotiate: terms that would fit her months, not yet the MFI's (priced on her page).".into(),
            ],
        })],
    }
}
