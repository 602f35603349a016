//! Many COs at once: every plans file in a folder is one CO, scored against
//! one matrix on all cores. One summary row per CO; a file that cannot be
//! read is reported by name and skipped while the others complete.

use crate::error::LoadErrors;
use crate::matrix::Matrix;
use crate::money::rs;
use crate::plans::{self, Plans};
use crate::report::{self, Date, Report};
use crate::scoring::{self, Settings, Weights};
use crate::stability;
use crate::study::{self, StudyDoc};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

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
    /// The recommended MFI and its CO score.
    pub recommended: Option<(String, f64)>,
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
    /// What the credit would cost them, in all.
    pub total_cost: Decimal,
    /// Their average APR.
    pub average_apr: Option<f64>,
    /// The share of weight draws in which the recommended MFI comes first.
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

/// What a batch run needs besides the files.
pub struct Batch<'a> {
    /// The matrix every CO is scored against.
    pub matrix: &'a Matrix,
    /// The weights.
    pub weights: &'a Weights,
    /// The settings (affordability, stress, draws).
    pub settings: &'a Settings,
    /// Where to write one PDF per CO, how, its date and the language of
    /// the members' pages.
    pub reports: Option<(&'a Path, Renderer, Date, crate::i18n::Lang)>,
}

/// Turns a report's content into a file's bytes.
pub type Renderer = fn(&Report) -> Result<Vec<u8>, String>;

/// Words for the share of draws in which the recommendation stays first.
pub fn stability_words(share: f64) -> &'static str {
    if share >= 0.9 {
        "stable"
    } else if share >= 0.6 {
        "fairly stable"
    } else {
        "close call"
    }
}

/// The plans files of a folder: every `*.csv` file directly in it, sorted
/// by name, leaving out the files named in `skip` (the matrix, the weights,
/// the summary when they sit in the same folder) and earlier summaries of
/// `batch` (recognised by their header).
pub fn plans_files(dir: &Path, skip: &[&Path]) -> std::io::Result<Vec<PathBuf>> {
    let skip: Vec<PathBuf> = skip
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()))
        .collect();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if !is_csv || !path.is_file() {
            continue;
        }
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !skip.contains(&canonical) && !is_summary(&path) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Whether a file starts with the header of a batch summary.
fn is_summary(path: &Path) -> bool {
    use std::io::Read;
    let want = SUMMARY_HEADER.join(",");
    let mut head = vec![0u8; want.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == want.as_bytes()
}

/// One CO's summary from its evaluation.
fn summarise_evaluation(e: &scoring::Evaluation, plans: &Plans, settings: &Settings) -> CoSummary {
    let mut cos: Vec<&str> = plans.members.iter().map(|m| m.co.as_str()).collect();
    cos.sort_unstable();
    cos.dedup();
    let served_by_any = (0..e.members.len())
        .filter(|&m| e.best_affordable(m).is_some())
        .count();
    let rec = e.recommended();
    let first_share = stability::problem(e).map(|p| stability::first_share(&p, settings));
    CoSummary {
        co: cos.join("; "),
        members: plans.members.len(),
        needing: e.members_needing_loan,
        served_by_any,
        recommended: rec.map(|r| (r.mfi.clone(), r.score)),
        runner_up: e.runner_up().map(|r| (r.mfi.clone(), r.score)),
        eligible: rec.map_or(0, |r| r.eligible_members),
        affordable: rec.map_or(0, |r| r.affordable_members),
        affordable_under_stress: rec.map_or(0, |r| r.affordable_under_stress),
        total_borrowed: rec.map_or(Decimal::ZERO, |r| r.total_borrowed),
        total_cost: rec.map_or(Decimal::ZERO, |r| r.total_cost),
        average_apr: rec.and_then(|r| r.average_apr),
        first_share,
        stability: first_share
            .map(|s| stability_words(s).to_string())
            .unwrap_or_else(|| "nothing recommended".into()),
    }
}

/// Loads, scores and (when asked) reports one plans file.
fn one(batch: &Batch, file: &Path, cache: &mut scoring::PriceCache) -> CoOutcome {
    let name = file.display().to_string();
    let loaded = study::read_file(file).and_then(|bytes| plans::load_plans(&name, &bytes));
    let plans = match loaded {
        Ok(p) => p,
        Err(e) => {
            return CoOutcome {
                file: file.to_path_buf(),
                result: Err(e),
                report: None,
            };
        }
    };
    // A report words every reason; the summary needs the figures alone.
    let detail = match batch.reports {
        Some(_) => scoring::Detail::Full,
        None => scoring::Detail::Figures,
    };
    let e = scoring::evaluate_cached(
        batch.matrix,
        &plans,
        batch.weights,
        batch.settings,
        cache,
        detail,
    );
    let summary = summarise_evaluation(&e, &plans, batch.settings);
    let report = batch.reports.map(|(dir, render, date, handout_lang)| {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "co".into());
        let out = dir.join(format!("{stem}.pdf"));
        let doc = StudyDoc {
            name,
            notes: String::new(),
            matrix: batch.matrix.clone(),
            plans,
            weights: batch.weights.clone(),
            settings: batch.settings.clone(),
        };
        let st = stability::stability(&e, batch.settings);
        let content = report::build(
            &doc,
            &e,
            st.as_ref(),
            &report::ReportOptions {
                title: format!("Feasibility study for {}", summary.co),
                prepared_by: "programme staff".into(),
                date,
                handout_lang,
            },
        );
        render(&content)
            .and_then(|bytes| crate::table::write_atomic(&out, &bytes).map_err(|e| e.to_string()))
            .map(|()| out)
    });
    CoOutcome {
        file: file.to_path_buf(),
        result: Ok(summary),
        report,
    }
}

/// Scores every file on all cores; `done` is called once per finished file
/// (from any thread). The outcomes come back in the order of `files`.
pub fn run(batch: &Batch, files: &[PathBuf], done: &(dyn Fn() + Sync)) -> Vec<CoOutcome> {
    // One price cache per worker at a time, handed from file to file, so that
    // each distinct loan is priced about once per worker.
    let caches = std::sync::Mutex::new(Vec::new());
    files
        .par_iter()
        .map(|f| {
            let taken = caches.lock().ok().and_then(|mut c| c.pop());
            let mut cache = taken.unwrap_or_else(scoring::PriceCache::new);
            let o = one(batch, f, &mut cache);
            if let Ok(mut c) = caches.lock() {
                c.push(cache);
            }
            done();
            o
        })
        .collect()
}

/// The summary's columns.
pub const SUMMARY_HEADER: [&str; 19] = [
    "file",
    "status",
    "co",
    "members",
    "members_needing_loan",
    "served_by_any_mfi",
    "recommended",
    "score",
    "runner_up",
    "runner_up_score",
    "eligible_members",
    "affordable_members",
    "affordable_under_stress",
    "total_borrowed",
    "total_cost",
    "average_apr_percent",
    "first_in_share_of_draws",
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
                    let (rec, score) = s
                        .recommended
                        .as_ref()
                        .map(|(n, v)| (n.clone(), format!("{v:.2}")))
                        .unwrap_or_default();
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
                        score,
                        run,
                        run_score,
                        s.eligible.to_string(),
                        s.affordable.to_string(),
                        s.affordable_under_stress.to_string(),
                        money(s.total_borrowed),
                        money(s.total_cost),
                        s.average_apr.map(|a| format!("{a:.2}")).unwrap_or_default(),
                        s.first_share.map(|a| format!("{a:.3}")).unwrap_or_default(),
                        s.stability.clone(),
                        report,
                    ]
                }
            }
        })
        .collect();
    crate::table::to_csv(&SUMMARY_HEADER, &rows)
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
    format!(
        "{} CO(s) scored, {} failed; {} members, {} served by their CO's recommended MFI, borrowing {} in all",
        ok.len(),
        failed,
        members,
        served,
        rs(borrowed)
    )
}
