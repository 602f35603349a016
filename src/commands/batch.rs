//! `batch`: every plans file in a folder scored against one matrix on all
//! cores, with a progress bar on a terminal; a summary CSV, and optionally a
//! report per CO.

use crate::args::BatchArgs;
use crate::failure::Failure;
use mfi_core::batch::{self, Batch};
use mfi_core::data::criteria;
use mfi_core::data::files::{self, load_weights_or_preset};
use mfi_core::data::settings::Settings;
use mfi_core::data::study::StudyDoc;
use mfi_core::date::Date;
use mfi_core::error::both;
use mfi_core::output::batch::{summary_csv, totals};
use std::io::Write;

/// Runs `batch`; each file's problems go to `err` as they are known.
pub fn run(a: &BatchArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let (weights, matrix, base) = match &a.study {
        Some(path) => {
            let doc = StudyDoc::open(path)?;
            (doc.weights, doc.matrix, doc.settings)
        }
        None => {
            let (weights, matrix) = both(
                load_weights_or_preset(
                    a.weights.as_deref(),
                    a.preset.as_deref().unwrap_or(criteria::DEFAULT_PRESET),
                ),
                files::load_matrix_or_default(a.matrix.as_deref()),
            )?;
            (weights, matrix, Settings::default())
        }
    };
    let mut skip: Vec<&std::path::Path> = vec![a.output.as_path()];
    skip.extend(a.matrix.as_deref());
    skip.extend(a.weights.as_deref());
    skip.extend(a.study.as_deref());
    let plans_files = batch::plans_files(&a.plans_dir, &skip).map_err(|e| {
        Failure::Usage(format!(
            "{}: cannot read the folder: {e}",
            a.plans_dir.display()
        ))
    })?;
    if plans_files.is_empty() {
        return Err(Failure::Usage(format!(
            "{}: no plans files (*.csv) in this folder",
            a.plans_dir.display()
        )));
    }
    let reports = match &a.reports {
        None => None,
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Failure::Output {
                message: format!("{}: cannot create the folder: {e}", dir.display()),
                kind: e.kind(),
            })?;
            let render: mfi_core::report::Renderer = mfi_pdf::render_bytes;
            Some((
                dir.as_path(),
                render,
                a.date.unwrap_or_else(Date::today),
                a.members_pages.handout_language,
            ))
        }
    };
    let digits = a.members_pages.digits.unwrap_or(base.digits);
    let settings = Settings {
        digits,
        ..a.settings.apply(base, Some(a.draws))
    };
    let job = Batch {
        matrix: &matrix,
        weights: &weights,
        settings: &settings,
        reports,
    };
    let bar = if a.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        // Drawn on a terminal only; hidden when stderr is a file or a pipe.
        indicatif::ProgressBar::new(plans_files.len() as u64).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} COs  {elapsed_precise} (about {eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        )
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0) as usize)
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the worker threads: {e}")))?;
    let outcomes = pool.install(|| batch::run(&job, &plans_files, &|| bar.inc(1)));
    bar.finish_and_clear();
    let mut failed = 0;
    for o in &outcomes {
        if let Err(e) = &o.result {
            failed += 1;
            writeln!(err, "{e}")?;
            writeln!(
                err,
                "{}: skipped, {} problem(s) found.",
                o.file.display(),
                e.0.len()
            )?;
        }
        if let Some(Err(e)) = &o.report {
            failed += 1;
            writeln!(
                err,
                "{}: the report could not be written: {e}",
                o.file.display()
            )?;
        }
    }
    super::write_output(&a.output, &summary_csv(&outcomes))?;
    if super::is_stdout(&a.output) {
        writeln!(err, "{}", totals(&outcomes))?;
    } else {
        writeln!(out, "{}", totals(&outcomes))?;
        writeln!(out, "{}: written", a.output.display())?;
    }
    if failed > 0 {
        return Err(Failure::Partial(format!(
            "{failed} of {} file(s) failed; the others are in the summary",
            outcomes.len()
        )));
    }
    Ok(())
}
