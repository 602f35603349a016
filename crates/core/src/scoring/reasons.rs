//! The reasons for a recommendation, in plain words, and the unknowns to
//! verify with an MFI.

use super::result::{Evaluation, MfiResult, Pair};
use crate::data::criteria::{Criterion, N};
use crate::money;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The two or three reasons, in plain words, that put the recommended MFI
/// ahead of the runner-up.
pub fn reasons(e: &Evaluation) -> Vec<String> {
    let (Some(a), Some(b)) = (e.recommended(), e.runner_up()) else {
        return match e.recommended() {
            Some(a) => vec![format!(
                "{} is the only option that serves any member",
                a.mfi
            )],
            None => Vec::new(),
        };
    };
    let mut out = Vec::new();
    let conditional = |r: &MfiResult| served_only_if_confirmed(e, r);
    if a.affordable_members > b.affordable_members {
        let ifs: Vec<String> = [a, b]
            .iter()
            .filter(|r| conditional(r) > 0)
            .map(|r| {
                let c = conditional(r);
                if c == r.affordable_members {
                    format!("all {c} for {}", r.mfi)
                } else {
                    format!("{c} of the {} for {}", r.affordable_members, r.mfi)
                }
            })
            .collect();
        out.push(format!(
            "it serves more members with an affordable offer: {} of the {} who need a loan, against {} for {}{}",
            a.affordable_members,
            e.members_needing_loan,
            b.affordable_members,
            b.mfi,
            if ifs.is_empty() {
                String::new()
            } else {
                format!(
                    " (only if the MFI confirms facts the study lacks: {})",
                    ifs.join(", ")
                )
            }
        ));
    }
    let assumed_far = |r: &MfiResult| {
        r.served.iter().flatten().any(|&k| {
            e.pairs[k]
                .assumptions
                .iter()
                .any(|x| x.starts_with("distance unknown"))
        })
    };
    let mut diffs: Vec<(usize, f64)> = (0..N)
        .map(|i| (i, a.contributions[i] - b.contributions[i]))
        .filter(|(_, d)| *d > 0.05)
        .collect();
    diffs.sort_by(|x, y| y.1.total_cmp(&x.1));
    let avg = |r: &MfiResult, i: usize| -> Option<f64> {
        let served: Vec<&Pair> = r.served.iter().flatten().map(|&k| &e.pairs[k]).collect();
        if served.is_empty() {
            None
        } else {
            Some(served.iter().map(|p| p.measures[i]).sum::<f64>() / served.len() as f64)
        }
    };
    for (i, d) in diffs {
        if out.len() >= 3 {
            break;
        }
        let c = Criterion::ALL[i];
        let (x, y) = (avg(a, i), avg(b, i));
        // Both ends where a term is unknown (the scores read the high end);
        // when the ranges overlap, which is cheaper depends on the unknowns.
        let overlap = |(a_lo, a_hi): (f64, f64), (b_lo, b_hi): (f64, f64)| {
            if a_hi > b_lo + 1e-9 && (a_lo, a_hi) != (b_lo, b_hi) && (a_lo < a_hi || b_lo < b_hi) {
                "; the ranges overlap: which is cheaper depends on the terms not yet known"
            } else {
                ""
            }
        };
        let detail = match (c, x, y) {
            (Criterion::TrueCost, Some(_), Some(_)) => {
                let ends = |r: &MfiResult| {
                    let hi = r.average_apr.unwrap_or(0.0);
                    (r.average_apr_low.unwrap_or(hi), hi)
                };
                format!(
                    "a lower true cost: average APR {} against {}{}",
                    money::rate_range(ends(a).0, ends(a).1),
                    money::rate_range(ends(b).0, ends(b).1),
                    overlap(ends(a), ends(b))
                )
            }
            (Criterion::TotalCost, Some(_), Some(_)) => {
                let ends = |r: &MfiResult| {
                    let n = Decimal::from(r.affordable_members.max(1) as u64);
                    (r.total_cost_low / n, r.total_cost / n)
                };
                let (ea, eb) = (ends(a), ends(b));
                format!(
                    "it costs less in rupees: {} per member on average against {}{}",
                    money::rs_range(ea.0, ea.1),
                    money::rs_range(eb.0, eb.1),
                    overlap(
                        (money::to_f64(ea.0), money::to_f64(ea.1)),
                        (money::to_f64(eb.0), money::to_f64(eb.1))
                    )
                )
            }
            (Criterion::Affordability, Some(x), Some(y)) => format!("instalments are easier to pay: {x:.0}% of what members can repay, against {y:.0}%"),
            (Criterion::Access, Some(x), Some(y)) => {
                let km = |r: &MfiResult, v: f64| if assumed_far(r) { "an unknown distance (counted as far)".to_string() } else { format!("{v:.0} km") };
                let (ka, kb) = (km(a, x), km(b, y));
                if ka == kb {
                    // As near on average: the points come from the members
                    // it serves, each of whom counts.
                    format!("it is as near ({ka} on average) for more of the members (0 when staff come to the village)")
                } else {
                    format!("it is easier to reach: {ka} on average (0 when staff come to the village) against {kb}")
                }
            }
            (Criterion::Insurance, ..) => "it gives better insurance cover".to_string(),
            (Criterion::Services, ..) => "it offers more extra services (trainings, exhibitions, linkages)".to_string(),
            (Criterion::Fit, ..) => "it fits the members' needs better (Islamic financing when wanted, group lending, loans for new businesses)".to_string(),
            (Criterion::Flexibility, ..) => "its terms are more flexible".to_string(),
            _ => format!("it does better on {}", c.label()),
        };
        out.push(format!("{detail} (+{d:.1} score points)"));
    }
    if out.is_empty() {
        out.push(format!(
            "its CO score is {:.1} against {:.1} for {}",
            a.score, b.score, b.mfi
        ));
    }
    if b.affordable_members > a.affordable_members {
        out.push(format!(
            "but {} serves more members with an affordable offer: {} against {} of the {} who need a loan",
            b.mfi, b.affordable_members, a.affordable_members, e.members_needing_loan
        ));
    }
    out
}

/// How many of the members an MFI serves are served only if it confirms
/// facts the study lacks (their offer is open "to verify").
pub fn served_only_if_confirmed(e: &Evaluation, r: &MfiResult) -> usize {
    r.served
        .iter()
        .flatten()
        .filter(|&&k| e.pairs[k].unknown_rules > 0)
        .count()
}

/// Every unknown and assumption, grouped by MFI, with how many members it concerns.
pub fn doubts_by_mfi(e: &Evaluation) -> BTreeMap<String, BTreeMap<String, usize>> {
    doubts_where(e, |_| true)
}

/// The unknowns and assumptions of the pairs that `keep` selects, by MFI.
fn doubts_where(
    e: &Evaluation,
    keep: impl Fn(&Pair) -> bool,
) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut out: BTreeMap<String, BTreeMap<String, std::collections::BTreeSet<usize>>> =
        BTreeMap::new();
    for p in e.pairs.iter().filter(|p| keep(p)) {
        let entry = out.entry(p.mfi.clone()).or_default();
        for u in &p.to_verify {
            // What is unknown of her is asked of her, not of the MFI.
            let whom = if p.ask_member.contains(u) {
                "ask the member"
            } else {
                "to verify"
            };
            entry
                .entry(format!("{whom}: {u}"))
                .or_default()
                .insert(p.member);
        }
        for a in &p.assumptions {
            entry
                .entry(format!("assumed: {a}"))
                .or_default()
                .insert(p.member);
        }
    }
    out.into_iter()
        .map(|(k, v)| (k, v.into_iter().map(|(d, m)| (d, m.len())).collect()))
        .collect()
}

/// What the study does not know of the members themselves that decides
/// whether `mfi` serves them (her CNIC, a past default, whether she wants
/// Islamic financing...): asked of the members, not of the MFI. Each with
/// the members it concerns by name (up to four, then how many more), most
/// members first.
pub fn ask_the_members(e: &Evaluation, mfi: &str) -> Vec<String> {
    let mut asked: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for p in e.pairs.iter().filter(|p| p.mfi == mfi) {
        for u in &p.ask_member {
            let who = asked.entry(u.as_str()).or_default();
            if !who.contains(&p.member) {
                who.push(p.member);
            }
        }
    }
    let mut items: Vec<(&str, Vec<usize>)> = asked.into_iter().collect();
    items.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    items
        .into_iter()
        .map(|(u, who)| {
            let mut names: Vec<String> = who
                .iter()
                .take(4)
                .filter_map(|&m| e.members.get(m).map(|x| x.name.clone()))
                .collect();
            if who.len() > 4 {
                names.push(format!("{} more", who.len() - 4));
            }
            format!("{u}: {}", names.join(", "))
        })
        .collect()
}

/// The unknowns of an MFI (its own facts, to ask of it) that concern the
/// most members, most first.
pub fn verify_first(e: &Evaluation, mfi: &str) -> Vec<String> {
    let doubts = doubts_where(e, |p| p.mfi == mfi);
    let mut items: Vec<(&String, &usize)> = doubts
        .get(mfi)
        .map(|d| {
            d.iter()
                .filter(|(k, _)| k.starts_with("to verify: "))
                .collect()
        })
        .unwrap_or_default();
    items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    items
        .into_iter()
        .take(4)
        .map(|(k, n)| format!("{} ({n} members)", k.trim_start_matches("to verify: ")))
        .collect()
}
