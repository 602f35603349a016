//! The `score` command: loads a study, evaluates it and prints the result as
//! a table for a terminal, as JSON or as CSV.

use crate::cli::{Failure, money_json};
use crate::error::LoadErrors;
use crate::money::rs;
use crate::scoring::{self, Criterion, Evaluation, Settings, Weights};
use crate::stability::{self, Stability};
use crate::study;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// What the `score` command was asked.
#[derive(Debug, Clone)]
pub struct ScoreRequest {
    /// The matrix file, or the built-in one.
    pub matrix: Option<PathBuf>,
    /// The plans file, or the built-in one.
    pub plans: Option<PathBuf>,
    /// A weights file.
    pub weights: Option<PathBuf>,
    /// A preset's name.
    pub preset: Option<String>,
    /// The study's settings.
    pub settings: Settings,
    /// JSON output.
    pub json: bool,
    /// CSV output.
    pub csv: bool,
}

/// Loads the weights a request names: a file, a preset, or the default preset.
pub fn weights_for(
    file: Option<&std::path::Path>,
    preset: Option<&str>,
) -> Result<Weights, Failure> {
    match (file, preset) {
        (Some(p), _) => {
            let bytes = study::read_file(p)?;
            Ok(scoring::load_weights(&p.display().to_string(), &bytes)?)
        }
        (None, name) => {
            let name = name.unwrap_or(scoring::DEFAULT_PRESET);
            scoring::preset(name).ok_or_else(|| {
                Failure::Usage(format!(
                    "no preset \"{name}\": expected one of {}",
                    scoring::PRESETS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
        }
    }
}

/// Loads the study and the weights a command names; the problems of every
/// file are reported together.
pub fn load_inputs(
    matrix: Option<&std::path::Path>,
    plans: Option<&std::path::Path>,
    weights: Option<&std::path::Path>,
    preset: Option<&str>,
) -> Result<(Weights, study::Study), Failure> {
    both(
        weights_for(weights, preset),
        study::load_study(matrix, plans),
    )
}

/// The weights and another file loaded together: a usage error first, else
/// the problems of both files in one report.
pub fn both<T>(
    weights: Result<Weights, Failure>,
    other: Result<T, LoadErrors>,
) -> Result<(Weights, T), Failure> {
    match (weights, other) {
        (Ok(w), Ok(t)) => Ok((w, t)),
        (Err(Failure::Usage(u)), _) => Err(Failure::Usage(u)),
        (w, t) => {
            let mut all = LoadErrors::default();
            if let Err(Failure::Data(e)) = w {
                all.0.extend(e.0);
            }
            if let Err(e) = t {
                all.0.extend(e.0);
            }
            Err(Failure::Data(all))
        }
    }
}

/// Runs `score`.
pub fn score(r: &ScoreRequest, out: &mut dyn Write) -> Result<(), Failure> {
    let (weights, s) = load_inputs(
        r.matrix.as_deref(),
        r.plans.as_deref(),
        r.weights.as_deref(),
        r.preset.as_deref(),
    )?;
    let e = scoring::evaluate(&s.matrix, &s.plans, &weights, &r.settings);
    let st = stability::stability(&e, &r.settings);
    if r.json {
        let _ = writeln!(
            out,
            "{}",
            to_json(&e, &weights, &r.settings, st.as_ref(), &s.plans)
        );
    } else if r.csv {
        let _ = out.write_all(&ranking_csv(&e));
    } else {
        let _ = write!(
            out,
            "{}",
            to_table(&e, &weights, &r.settings, st.as_ref(), &s.plans)
        );
    }
    Ok(())
}

/// The CO ranking as CSV.
pub fn ranking_csv(e: &Evaluation) -> Vec<u8> {
    let rows: Vec<Vec<String>> = e
        .ranking
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                crate::table::neutralise(&r.mfi),
                format!("{:.2}", r.score),
                r.eligible_members.to_string(),
                r.to_verify_members.to_string(),
                r.affordable_members.to_string(),
                r.affordable_under_stress.to_string(),
                money_json(r.total_borrowed),
                money_json(r.total_cost),
                r.average_apr.map(|a| format!("{a:.2}")).unwrap_or_default(),
            ]
        })
        .collect();
    crate::table::to_csv(
        &[
            "rank",
            "mfi",
            "score",
            "eligible_members",
            "to_verify_members",
            "affordable_members",
            "affordable_under_stress",
            "total_borrowed",
            "total_cost",
            "average_apr_percent",
        ],
        &rows,
    )
}

/// Every unknown and assumption, grouped by MFI, with how many members it concerns.
pub fn doubts_by_mfi(e: &Evaluation) -> BTreeMap<String, BTreeMap<String, usize>> {
    doubts_where(e, |_| true)
}

/// The unknowns and assumptions of the pairs that `keep` selects, by MFI.
fn doubts_where(
    e: &Evaluation,
    keep: impl Fn(&scoring::Pair) -> bool,
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

fn to_json(
    e: &Evaluation,
    w: &Weights,
    settings: &Settings,
    st: Option<&Stability>,
    plans: &crate::plans::Plans,
) -> serde_json::Value {
    let loan_json = |k: usize| {
        let p = &e.pairs[k];
        let l = p.loan.as_ref();
        json!({
            "mfi": p.mfi,
            "product": p.product,
            "score": p.score(&e.weights),
            "contributions": Criterion::ALL.iter().zip(p.contributions(&e.weights)).map(|(c, x)| (c.key().to_string(), json!(x))).collect::<serde_json::Map<_, _>>(),
            "amount": l.map(|l| money_json(l.amount)),
            "gap": l.map(|l| money_json(l.gap)),
            "months": l.map(|l| l.months),
            "frequency": l.map(|l| l.frequency.as_str()),
            "instalment": l.map(|l| money_json(l.instalment)),
            "count": l.map(|l| l.count),
            "total_repaid": l.map(|l| money_json(l.total_repaid)),
            "total_cost": l.map(|l| money_json(l.total_cost)),
            "apr_percent": l.map(|l| l.apr_percent),
            "eir_percent": l.map(|l| l.eir_percent),
            "monthly_burden": l.map(|l| money_json(l.monthly_burden)),
            "affordable": l.map(|l| l.affordable),
            "affordable_under_stress": l.map(|l| l.affordable_under_stress),
            "to_verify": p.to_verify,
            "assumptions": p.assumptions,
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
    json!({
        "recommended": e.recommended().map(|r| r.mfi.clone()),
        "runner_up": e.runner_up().map(|r| r.mfi.clone()),
        "reasons": scoring::reasons(e),
        "verify_first": e.recommended().map(|r| verify_first(e, &r.mfi)).unwrap_or_default(),
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
            "total_borrowed": money_json(r.total_borrowed),
            "total_cost": money_json(r.total_cost),
            "average_apr_percent": r.average_apr,
            "contributions": Criterion::ALL.iter().zip(r.contributions).map(|(c, x)| (c.key().to_string(), json!(x))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        "members": members,
        "stability": st,
        "unknowns": doubts_by_mfi(e),
    })
}

fn to_table(
    e: &Evaluation,
    w: &Weights,
    settings: &Settings,
    st: Option<&Stability>,
    plans: &crate::plans::Plans,
) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let mut cos: Vec<&str> = plans.members.iter().map(|m| m.co.as_str()).collect();
    cos.sort_unstable();
    cos.dedup();
    let _ = writeln!(
        s,
        "{} members of {} ({} need a loan) against {} options; weights: {}",
        plans.members.len(),
        cos.join(", "),
        e.members_needing_loan,
        e.institutions.len(),
        w.name
    );
    let _ = writeln!(
        s,
        "Weights: {}",
        Criterion::ALL
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} {:.0}%", c.label(), 100.0 * e.weights[i]))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        s,
        "Affordable: the instalment takes at most {}% of what she can repay a month; stress test: income {}% lower. Offers with unknowns are {}.",
        settings.affordability_percent.normalize(),
        settings.stress_income_drop_percent.normalize(),
        if settings.rank_to_verify {
            "ranked and marked \"to verify\""
        } else {
            "left out of the ranking"
        }
    );
    let _ = writeln!(s);
    match (e.recommended(), e.runner_up()) {
        (Some(a), b) => {
            let _ = writeln!(
                s,
                "Recommended: {} (CO score {:.1}){}",
                a.mfi,
                a.score,
                b.map(|b| format!("; runner-up: {} ({:.1})", b.mfi, b.score))
                    .unwrap_or_default()
            );
            for r in scoring::reasons(e) {
                let _ = writeln!(s, "  - {r}");
            }
            if a.to_verify_members > 0 {
                let _ = writeln!(
                    s,
                    "  ! to verify with {} before relying on this: {}",
                    a.mfi,
                    verify_first(e, &a.mfi).join("; ")
                );
            }
        }
        (None, _) => {
            let _ = writeln!(
                s,
                "No option serves any member with an affordable offer: see the members below."
            );
        }
    }
    if let Some(st) = st {
        let _ = writeln!(s, "Stability: {}", st.sentence);
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:>4}  {:<30} {:>6} {:>9} {:>9} {:>11} {:>7} {:>13} {:>12} {:>8}",
        "Rank",
        "MFI",
        "Score",
        "Eligible",
        "To verify",
        "Affordable",
        "Stress",
        "Borrowed",
        "Cost",
        "Avg APR"
    );
    for (i, r) in e.ranking.iter().enumerate() {
        let _ = writeln!(
            s,
            "{:>4}  {:<30} {:>6.1} {:>9} {:>9} {:>11} {:>7} {:>13} {:>12} {:>8}",
            i + 1,
            clip(&r.mfi, 30),
            r.score,
            r.eligible_members,
            r.to_verify_members,
            r.affordable_members,
            r.affordable_under_stress,
            rs(r.total_borrowed),
            rs(r.total_cost),
            r.average_apr
                .map(|a| format!("{a:.1}%"))
                .unwrap_or_else(|| "-".into())
        );
    }
    if let Some(st) = st {
        let _ = writeln!(
            s,
            "\nWeight intervals within which {} stays first:",
            st.recommended
        );
        for iv in &st.intervals {
            let _ = writeln!(
                s,
                "  {:<18} {:>4.0}%  [{:>3.0}% - {:>3.0}%]  {}",
                clip(iv.criterion, 18),
                100.0 * iv.weight,
                100.0 * iv.low,
                100.0 * iv.high,
                iv.sentence
            );
        }
        let _ = writeln!(
            s,
            "First in {} draws of weights: {}",
            st.draws,
            st.acceptability
                .iter()
                .filter(|a| a.first_share > 0.0)
                .map(|a| format!("{} {:.1}%", a.mfi, 100.0 * a.first_share))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(s, "\nMembers: the best affordable offer for each");
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
                    let _ = writeln!(
                        s,
                        "{head} {} / {}: {} x {}, repays {}, costs {}, APR {:.1}%, score {:.1}{}{}",
                        p.mfi,
                        p.product,
                        rs(l.instalment),
                        l.count,
                        rs(l.total_repaid),
                        rs(l.total_cost),
                        l.apr_percent,
                        p.score(&e.weights),
                        if l.affordable_under_stress {
                            ""
                        } else {
                            " (not affordable under stress)"
                        },
                        if p.to_verify.is_empty() {
                            ""
                        } else {
                            " [to verify]"
                        }
                    );
                }
            }
            None => {
                let why = if m.ranked.is_empty() {
                    "no offer is open to her".to_string()
                } else {
                    let k = m.ranked[0];
                    let l = e.pairs[k].loan.as_ref();
                    format!(
                        "no offer is affordable (the best, {}, takes {} a month)",
                        e.pairs[k].mfi,
                        l.map(|l| rs(l.monthly_burden)).unwrap_or_default()
                    )
                };
                let _ = writeln!(s, "{head} nothing fits: {why}");
            }
        }
    }
    let _ = writeln!(s, "\nExcluded offers and why:");
    for m in &e.members {
        for &k in &m.excluded {
            let p = &e.pairs[k];
            let reasons = p.why_excluded();
            let _ = writeln!(
                s,
                "  {} - {} / {}: {}",
                m.name,
                p.mfi,
                p.product,
                reasons.join("; ")
            );
        }
    }
    let _ = writeln!(s, "\nUnknowns and assumptions (members concerned):");
    for (mfi, doubts) in doubts_by_mfi(e) {
        let _ = writeln!(s, "  {mfi}:");
        for (d, n) in doubts {
            let _ = writeln!(s, "    {d} ({n})");
        }
    }
    s
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
