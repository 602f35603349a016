//! The summary of a batch of COs: one line per CO (or why its file failed),
//! as CSV for a spreadsheet and as one line of totals for a terminal.

use crate::error::LoadErrors;
use crate::money::rs;
use rust_decimal::Decimal;
use std::path::PathBuf;

/// One CO's line in the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct CoSummary {
    /// The CO's name(s) in the file.
    pub co: String,
    /// Members in the file.
    pub members: usize,
    /// Members who need a loan.
    pub needing: usize,
    /// Members with an affordable offer from at least one MFI.
    pub served_by_any: usize,
    /// The recommended MFI by the verdict's rule over the weights' draws
    /// (first in 60% of them or more; `None`: none can be recommended yet).
    pub recommended: Option<String>,
    /// How firm that is, in words ("firm", "likely", "no MFI can be
    /// recommended yet", or why it was not judged in the batch).
    pub verdict: String,
    /// The first MFI by CO score on the facts as assumed, and its score
    /// (the figures below are its).
    pub first_by_co_score: Option<(String, f64)>,
    /// The runner-up and its CO score.
    pub runner_up: Option<(String, f64)>,
    /// Members eligible for the recommended MFI (those with facts "to verify" included).
    pub eligible: usize,
    /// Members the recommended MFI serves with an affordable offer.
    pub affordable: usize,
    /// Of those, how many stay affordable if their income falls.
    pub affordable_under_stress: usize,
    /// What they would borrow from the recommended MFI, in all.
    pub total_borrowed: Decimal,
    /// What the credit would cost them, in all (the high end of unknown terms).
    pub total_cost: Decimal,
    /// The same at the low end of unknown terms.
    pub total_cost_low: Decimal,
    /// Their average APR (the high end).
    pub average_apr: Option<f64>,
    /// The same at the low end.
    pub average_apr_low: Option<f64>,
    /// Of the members it serves, how many only if it confirms facts the
    /// study lacks.
    pub affordable_only_if_confirmed: usize,
    /// Of the members it serves, how many only if they put money aside (for
    /// a large last payment, or for their lean months).
    pub served_if_putting_aside: usize,
    /// Of the members it serves, how many have a business that does not pay
    /// for the loan.
    pub not_paying_for_itself: usize,
    /// The share of weight draws in which the recommended MFI comes first
    /// (the unknown facts as the study assumes them).
    pub first_share: Option<f64>,
    /// The stability in words.
    pub stability: String,
}

/// The outcome for one plans file.
#[derive(Debug)]
pub struct CoOutcome {
    /// The plans file.
    pub file: PathBuf,
    /// Its summary, or every problem found in it.
    pub result: Result<CoSummary, LoadErrors>,
    /// The report written for it, or why it could not be written.
    pub report: Option<Result<PathBuf, String>>,
}

/// Words for the share of weight draws in which the recommendation stays
/// first, and what the data leave open: "stable over the weights" and, when
/// the recommended MFI serves members only if it confirms facts or its
/// costs depend on unknown terms, "; to confirm with the MFI" (the draws
/// over the data are in `score` and each CO's report).
pub fn stability_words(share: f64, to_confirm: bool) -> String {
    use crate::scoring::verdict::{FIRM, LIKELY};
    let weights = if share >= FIRM {
        "stable over the weights"
    } else if share >= LIKELY {
        "fairly stable over the weights"
    } else {
        "close call over the weights"
    };
    if to_confirm {
        format!("{weights}; to confirm with the MFI")
    } else {
        weights.to_string()
    }
}

/// The summary's columns.
pub const SUMMARY_HEADER: [&str; 26] = [
    "file",
    "status",
    "co",
    "members",
    "members_needing_loan",
    "served_by_any_mfi",
    "recommended",
    "verdict",
    "first_by_co_score",
    "score",
    "runner_up",
    "runner_up_score",
    "eligible_members",
    "affordable_members",
    "affordable_under_stress",
    "total_borrowed",
    "total_cost",
    "total_cost_low",
    "average_apr_percent",
    "average_apr_percent_low",
    "affordable_only_if_confirmed",
    "served_if_putting_aside",
    "not_paying_for_itself",
    "first_in_share_of_weight_draws",
    "stability",
    "report",
];

/// The summary as CSV: one row per file, failed files included with the
/// first of their problems.
pub fn summary_csv(outcomes: &[CoOutcome]) -> Vec<u8> {
    let money = |d: Decimal| d.round_dp(2).normalize().to_string();
    let rows: Vec<Vec<String>> = outcomes
        .iter()
        .map(|o| {
            let file = o.file.display().to_string();
            let report = match &o.report {
                Some(Ok(p)) => p.display().to_string(),
                Some(Err(e)) => format!("not written: {e}"),
                None => String::new(),
            };
            match &o.result {
                Err(errors) => {
                    let mut row = vec![String::new(); SUMMARY_HEADER.len()];
                    row[0] = file;
                    row[1] = format!(
                        "failed: {} problem(s), first: {}",
                        errors.0.len(),
                        errors.0.first().map(|e| e.to_string()).unwrap_or_default()
                    );
                    row
                }
                Ok(s) => {
                    let (first, score) = s
                        .first_by_co_score
                        .as_ref()
                        .map(|(n, v)| (n.clone(), format!("{v:.2}")))
                        .unwrap_or_default();
                    let rec = s.recommended.clone().unwrap_or_default();
                    let (run, run_score) = s
                        .runner_up
                        .as_ref()
                        .map(|(n, v)| (n.clone(), format!("{v:.2}")))
                        .unwrap_or_default();
                    vec![
                        file,
                        "ok".into(),
                        s.co.clone(),
                        s.members.to_string(),
                        s.needing.to_string(),
                        s.served_by_any.to_string(),
                        rec,
                        s.verdict.clone(),
                        first,
                        score,
                        run,
                        run_score,
                        s.eligible.to_string(),
                        s.affordable.to_string(),
                        s.affordable_under_stress.to_string(),
                        money(s.total_borrowed),
                        money(s.total_cost),
                        money(s.total_cost_low),
                        s.average_apr.map(|a| format!("{a:.2}")).unwrap_or_default(),
                        s.average_apr_low
                            .or(s.average_apr)
                            .map(|a| format!("{a:.2}"))
                            .unwrap_or_default(),
                        s.affordable_only_if_confirmed.to_string(),
                        s.served_if_putting_aside.to_string(),
                        s.not_paying_for_itself.to_string(),
                        s.first_share.map(|a| format!("{a:.3}")).unwrap_or_default(),
                        s.stability.clone(),
                        report,
                    ]
                }
            }
        })
        .collect();
    crate::data::table::to_csv(&SUMMARY_HEADER, &rows)
}

/// A one-line account of a run for the terminal.
pub fn totals(outcomes: &[CoOutcome]) -> String {
    let ok: Vec<&CoSummary> = outcomes
        .iter()
        .filter_map(|o| o.result.as_ref().ok())
        .collect();
    let failed = outcomes.len() - ok.len();
    let members: usize = ok.iter().map(|s| s.members).sum();
    let served: usize = ok.iter().map(|s| s.affordable).sum();
    let borrowed: Decimal = ok.iter().map(|s| s.total_borrowed).sum();
    let named = ok.iter().filter(|s| s.recommended.is_some()).count();
    // The figures are those of each CO's first by CO score (the summary's
    // columns after first_by_co_score): never called "recommended" when
    // the verdict named none.
    format!(
        "{} CO(s) scored, {} failed; {} members, {} served by their CO's first MFI by CO score, borrowing {} in all; an MFI recommended for {} of the {} CO(s)",
        ok.len(),
        failed,
        members,
        served,
        rs(borrowed),
        named,
        ok.len()
    )
}
