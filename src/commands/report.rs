//! `report`: the feasibility report as a PDF.

use crate::args::ReportArgs;
use crate::failure::Failure;
use mfi_core::data::settings::Settings;
use mfi_core::date::Date;
use mfi_core::report;
use std::io::Write;

/// Runs `report`.
pub fn run(a: &ReportArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let mut doc = a.study.load()?;
    a.priorities.apply(&mut doc, &mut std::io::stderr())?;
    a.votes.apply(&mut doc, &mut std::io::stderr())?;
    let base = doc.settings.clone();
    doc.settings = Settings {
        digits: a.members_pages.digits.unwrap_or(base.digits),
        ..a.settings.apply(base, a.draws)
    };
    let content = report::content_for(
        &doc,
        &a.title,
        &a.prepared_by,
        a.date.unwrap_or_else(Date::today),
        a.members_pages.handout_language,
    );
    let bytes = mfi_pdf::render_bytes(&content)
        .map_err(|e| Failure::Usage(format!("the report could not be written: {e}")))?;
    super::write_output(&a.output, &bytes)?;
    // With -o -, the PDF is standard output: what was written goes to stderr.
    let mut stderr = std::io::stderr();
    let out: &mut dyn Write = if super::is_stdout(&a.output) {
        &mut stderr
    } else {
        out
    };
    writeln!(
        out,
        "{}: {}, written ({} bytes)",
        a.output.display(),
        mfi_core::i18n::count_en(doc.plans.members.len(), "member"),
        bytes.len()
    )?;
    Ok(())
}
