//! `forms`: the field forms as a PDF, blank or filled from a study, or
//! only the members' priorities on the picture cards (`--cards`).

use crate::args::{FormsArgs, StudyArgs};
use crate::failure::Failure;
use mfi_core::date::Date;
use mfi_core::forms;
use std::io::Write;

/// Runs `forms`.
pub fn run(a: &FormsArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let filled = a.study.is_some() || a.matrix.is_some() || a.plans.is_some();
    let content = if filled {
        let doc = StudyArgs {
            study: a.study.clone(),
            matrix: a.matrix.clone(),
            plans: a.plans.clone(),
            weights: None,
            preset: None,
        }
        .load()?;
        forms::filled(&doc, a.language)
    } else if a.cards {
        forms::cards_only(a.language)
    } else {
        forms::forms(None, a.language)
    };
    let rendered = mfi_pdf::render_forms(&content, a.date.unwrap_or_else(Date::today))
        .map_err(|e| Failure::Usage(format!("the forms could not be written: {e}")))?;
    super::write_output(&a.output, &rendered.bytes)?;
    // With -o -, the PDF is standard output: what was written goes to stderr.
    let mut stderr = std::io::stderr();
    let out: &mut dyn Write = if super::is_stdout(&a.output) {
        &mut stderr
    } else {
        out
    };
    let surveys = content
        .forms
        .iter()
        .filter(|f| {
            f.lang == mfi_core::i18n::Lang::En
                && !f.intro.is_empty()
                && f.title.starts_with("MFI survey")
        })
        .count();
    let plans = content
        .forms
        .iter()
        .filter(|f| {
            f.sections
                .iter()
                .any(|(_, s)| s.fields.iter().any(|x| x.key == "monthly_sales"))
        })
        .count();
    if a.cards {
        writeln!(
            out,
            "{}: the members' priorities on the picture cards, {} page(s), blank",
            a.output.display(),
            rendered.pages
        )?;
        return Ok(());
    }
    let priorities = if content.priorities.is_some() {
        " and the members' priorities"
    } else {
        ""
    };
    writeln!(
        out,
        "{}: {} MFI survey(s) and {} Micro Investment Plan(s){priorities}, {} pages, {}",
        a.output.display(),
        surveys,
        plans,
        rendered.pages,
        if filled {
            "filled from the study"
        } else {
            "blank"
        }
    )?;
    Ok(())
}
