//! Many COs at once: every plans file in a folder is one CO, scored against
//! one matrix on all cores. One summary line per CO; a file that cannot be
//! read is reported by name and skipped while the others complete.

use crate::data::criteria::Weights;
use crate::data::files::read_file;
use crate::data::matrix::Matrix;
use crate::data::plans::{self, Plans};
use crate::data::settings::Settings;
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::output::batch::{CoOutcome, CoSummary, SUMMARY_HEADER, stability_words};
use crate::report::{self, Renderer};
use crate::scoring::fold::{CoFigures, MEMBERS_AT_A_TIME, fold};
use crate::scoring::verdict::{self, Verdict};
use crate::scoring::{self, stability};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

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

/// The plans files of a folder: every `*.csv` and `*.xlsx` file directly in it, sorted
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
        let is_csv = crate::data::table::is_table_file(&path);
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

/// One CO's summary from its figures. With `full` (the verdict of the
/// stability with the draws over the data, computed when the CO's report is
/// written) the summary names what `score` and the report name; without it,
/// the draws over the weights decide only when the study has no unknown
/// fact for this CO (then they are all the draws there are), and the
/// `verdict` column says how many unknown facts were left to the CO's
/// report otherwise.
fn summarise(fig: &CoFigures, plans: &Plans, full: Option<Verdict>) -> CoSummary {
    use crate::scoring::verdict::{self, Firmness, LIKELY};
    let mut cos: Vec<&str> = plans.members.iter().map(|m| m.co.as_str()).collect();
    cos.sort_unstable();
    cos.dedup();
    let rec = fig.recommended();
    let shares = fig.first_shares.as_ref();
    let first_share =
        rec.and_then(|r| shares.map(|s| s.iter().find(|(n, _)| *n == r.mfi).map_or(0.0, |x| x.1)));
    let words = |f: Firmness| match f {
        Firmness::Firm => "firm".to_string(),
        Firmness::FirmToConfirm => "firm; to confirm with the MFI".to_string(),
        Firmness::Likely => "likely".to_string(),
        Firmness::NotYet => "no MFI can be recommended yet".to_string(),
    };
    let (recommended, verdict_words) = match (rec, full) {
        (None, _) => (None, "no MFI serves any member".to_string()),
        (Some(_), Some(v)) => (v.mfi.clone(), words(v.firmness)),
        (Some(_), None) => {
            let unknown = fig.unknown_facts;
            let leader = shares.and_then(|s| s.first());
            match leader {
                _ if unknown > 0 => (
                    None,
                    format!(
                        "not judged here: {unknown} unknown fact{} to draw (run with --reports, or score)",
                        if unknown == 1 { "" } else { "s" }
                    ),
                ),
                Some((name, share)) if *share >= LIKELY => (
                    Some(name.clone()),
                    words(if *share >= verdict::FIRM {
                        Firmness::Firm
                    } else {
                        Firmness::Likely
                    }),
                ),
                _ => (None, words(Firmness::NotYet)),
            }
        }
    };
    let affordable_only_if_confirmed = rec.map_or(0, |r| {
        fig.only_if_confirmed
            .get(r.institution)
            .copied()
            .unwrap_or(0)
    });
    CoSummary {
        co: cos.join("; "),
        members: plans.members.len(),
        needing: fig.needing,
        served_by_any: fig.served_by_any,
        recommended,
        verdict: verdict_words,
        first_by_co_score: rec.map(|r| (r.mfi.clone(), r.score)),
        runner_up: fig.runner_up().map(|r| (r.mfi.clone(), r.score)),
        eligible: rec.map_or(0, |r| r.eligible_members),
        affordable: rec.map_or(0, |r| r.affordable_members),
        affordable_under_stress: rec.map_or(0, |r| r.affordable_under_stress),
        total_borrowed: rec.map_or(Decimal::ZERO, |r| r.total_borrowed),
        total_cost: rec.map_or(Decimal::ZERO, |r| r.total_cost),
        total_cost_low: rec.map_or(Decimal::ZERO, |r| r.total_cost_low),
        average_apr: rec.and_then(|r| r.average_apr),
        average_apr_low: rec.and_then(|r| r.average_apr_low),
        affordable_only_if_confirmed,
        served_if_putting_aside: rec.map_or(0, |r| r.served_if_putting_aside),
        not_paying_for_itself: rec.map_or(0, |r| r.not_paying_for_itself),
        first_share,
        stability: match (first_share, rec) {
            (Some(s), Some(r)) => stability_words(
                s,
                affordable_only_if_confirmed > 0 || r.total_cost_low != r.total_cost,
            ),
            _ => "nothing recommended".into(),
        },
    }
}

/// The report's file name for each plans file: its name without the
/// extension (`plans-0001.csv` gives `plans-0001.pdf`), or with it
/// (`co-1.csv.pdf`, `co-1.xlsx.pdf`) when two files share a name but for
/// the extension or the case of their letters (which some systems do not
/// tell apart), so that no report overwrites another.
pub fn report_names(files: &[PathBuf]) -> Vec<String> {
    let stem = |f: &PathBuf| {
        f.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "co".into())
    };
    let mut count: std::collections::HashMap<String, usize> = Default::default();
    for f in files {
        *count.entry(stem(f).to_lowercase()).or_default() += 1;
    }
    files
        .iter()
        .map(|f| {
            let s = stem(f);
            if count.get(&s.to_lowercase()).copied().unwrap_or(0) > 1 {
                let name = f
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or(s);
                format!("{name}.pdf")
            } else {
                format!("{s}.pdf")
            }
        })
        .collect()
}

/// Loads, scores and (when asked) reports one plans file; a failure of the
/// tool itself (a bug) on one file is that file's failure, reported in the
/// summary, and the others go on.
fn one_caught(
    batch: &Batch,
    file: &Path,
    report_name: &str,
    caches: &scoring::CachePool,
) -> CoOutcome {
    let run = std::panic::AssertUnwindSafe(|| one(batch, file, report_name, caches));
    match std::panic::catch_unwind(run) {
        Ok(o) => o,
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let name = file.display().to_string();
            let error = crate::error::LoadError::file(
                &name,
                format!(
                    "the tool failed on this file ({}): this is a bug, please report it with the file; the other files are scored",
                    crate::data::table::clip(&why)
                ),
            );
            CoOutcome {
                file: file.to_path_buf(),
                result: Err(crate::error::LoadErrors(vec![error])),
                report: None,
            }
        }
    }
}

/// Loads, scores and (when asked) reports one plans file.
fn one(batch: &Batch, file: &Path, report_name: &str, caches: &scoring::CachePool) -> CoOutcome {
    let name = file.display().to_string();
    let loaded = read_file(file).and_then(|bytes| plans::load_plans(&name, &bytes));
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
    let Some((dir, render, date, handout_lang)) = batch.reports else {
        // The summary alone: the CO's figures, a hundred or so members at a
        // time, so that a large CO needs memory for its members, not for
        // its members times the offers.
        let fig = fold(
            batch.matrix,
            &plans,
            batch.weights,
            batch.settings,
            caches,
            MEMBERS_AT_A_TIME,
        );
        return CoOutcome {
            file: file.to_path_buf(),
            result: Ok(summarise(&fig, &plans, None)),
            report: None,
        };
    };
    // A report words every reason.
    let mut cache = caches.take();
    let e = scoring::evaluate_cached(
        batch.matrix,
        &plans,
        batch.weights,
        batch.settings,
        &mut cache,
        scoring::Detail::Full,
    );
    caches.give(cache);
    // The CO's report says what `report` would: the draws over the data
    // and what to ask first included (and the summary names its verdict).
    let full =
        stability::stability_with_data(&e, batch.matrix, &plans, batch.weights, batch.settings);
    let verdict = full.as_ref().and_then(|st| verdict::verdict(&e, st));
    let fig = CoFigures::of(
        &e,
        batch.matrix,
        &plans,
        batch.weights,
        batch.settings,
        verdict.is_none(),
    );
    let summary = summarise(&fig, &plans, verdict);
    let report = {
        let out = dir.join(report_name);
        let doc = StudyDoc {
            name: crate::data::study::name_from_plans(&plans, file),
            notes: String::new(),
            matrix: batch.matrix.clone(),
            plans,
            weights: batch.weights.clone(),
            settings: batch.settings.clone(),
            priorities: Default::default(),
            votes: Default::default(),
        };
        let st = full;
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
            .and_then(|bytes| {
                crate::data::table::write_atomic(&out, &bytes).map_err(|e| e.to_string())
            })
            .map(|()| out)
    };
    CoOutcome {
        file: file.to_path_buf(),
        result: Ok(summary),
        report: Some(report),
    }
}

/// Scores every file on all cores; `done` is called once per finished file
/// (from any thread). The outcomes come back in the order of `files`.
pub fn run(batch: &Batch, files: &[PathBuf], done: &(dyn Fn() + Sync)) -> Vec<CoOutcome> {
    // One price cache per worker at a time, handed from file to file, all
    // sharing what they price, so that each distinct loan is priced and
    // kept once.
    let caches = scoring::CachePool::new(batch.matrix, batch.settings.rounding);
    let names = report_names(files);
    files
        .par_iter()
        .zip(names.par_iter())
        .map(|(f, name)| {
            let o = one_caught(batch, f, name, &caches);
            done();
            o
        })
        .collect()
}
