//! The reasons for a recommendation, in plain words, and the unknowns to
//! verify with an MFI.

use super::evaluation::{Evaluation, Pair};
use super::ranking::MfiResult;
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
    if a.affordable_members > b.affordable_members {
        out.push(format!(
            "it serves more members with an affordable offer: {} of the {} who need a loan, against {} for {}",
            a.affordable_members, e.members_needing_loan, b.affordable_members, b.mfi
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
        let detail = match (c, x, y) {
            (Criterion::TrueCost, Some(x), Some(y)) => format!("a lower true cost: average APR {x:.1}% against {y:.1}%"),
            (Criterion::TotalCost, Some(x), Some(y)) => {
                format!("it costs less in rupees: {} per member on average against {}", money::rs(Decimal::from_f64_retain(x).unwrap_or_default()), money::rs(Decimal::from_f64_retain(y).unwrap_or_default()))
            }
            (Criterion::Affordability, Some(x), Some(y)) => format!("instalments are easier to pay: {x:.0}% of what members can repay, against {y:.0}%"),
            (Criterion::Access, Some(x), Some(y)) => {
                let km = |r: &MfiResult, v: f64| if assumed_far(r) { "an unknown distance (counted as far)".to_string() } else { format!("{v:.0} km") };
                format!("it is easier to reach: {} on average (0 when staff come to the village) against {}", km(a, x), km(b, y))
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
            entry
                .entry(format!("to verify: {u}"))
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

/// The unknowns of an MFI that concern the most members, most first.
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
