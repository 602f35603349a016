//! `forms`: the field forms as a PDF, blank or filled from a study, or
//! only the members' priorities on the picture cards (`--cards`), or only
//! the resolution of the CO (`--resolution`), or only the quick start for
//! CO facilitators (`--quick-start`).

use crate::args::FormsArgs;
use crate::args::study::StudyArgs;
use crate::failure::Failure;
use mfi_core::date::Date;
use mfi_core::forms;
use std::io::Write;

/// Runs `forms`.
pub fn run(a: &FormsArgs, out: &mut dyn Write) -> Result<(), Failure> {
    if a.resolution {
        return resolution(a, out);
    }
    if a.votes.any() {
        return Err(Failure::Usage(
            "--votes, --vote-threshold, --vote-quorum, --vote-date and --vote-place fill the resolution: add --resolution".into(),
        ));
    }
    if a.quick_start {
        return quick_start(a, out);
    }
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

/// `forms --resolution`: the resolution of the CO on one page, in the
/// language asked for: blank; with a study (or a vote on the built-in one),
/// filled with what it holds.
fn resolution(a: &FormsArgs, out: &mut dyn Write) -> Result<(), Failure> {
    use mfi_core::report::resolution;
    let from_study = a.study.is_some() || a.matrix.is_some() || a.plans.is_some();
    let doc = if from_study || a.votes.any() {
        let mut doc = StudyArgs {
            study: a.study.clone(),
            matrix: a.matrix.clone(),
            plans: a.plans.clone(),
            weights: None,
            preset: None,
        }
        .load()?;
        a.votes.apply(&mut doc, &mut std::io::stderr())?;
        Some(doc)
    } else {
        None
    };
    // A vote not carried: the facts that most change the first MFI are
    // listed as what to ask first.
    let st = doc.as_ref().and_then(|d| {
        let t = resolution::study_tally(d)?;
        if t.carried {
            return None;
        }
        let e = mfi_core::scoring::evaluate(&d.matrix, &d.plans, &d.weights, &d.settings);
        mfi_core::scoring::stability::stability_with_data(
            &e,
            &d.matrix,
            &d.plans,
            &d.weights,
            &d.settings,
        )
    });
    let page = resolution::resolution(doc.as_ref(), st.as_ref(), a.language);
    let date = a.date.unwrap_or_else(Date::today);
    let study = doc.as_ref().map(|d| d.name.clone()).unwrap_or_default();
    let rendered = mfi_pdf::render_resolution(&[page], &study, "", date)
        .map_err(|e| Failure::Usage(format!("the resolution could not be written: {e}")))?;
    super::write_output(&a.output, &rendered.bytes)?;
    let mut stderr = std::io::stderr();
    let out: &mut dyn Write = if super::is_stdout(&a.output) {
        &mut stderr
    } else {
        out
    };
    let how = match (&doc, doc.as_ref().and_then(resolution::study_tally)) {
        (None, _) => "blank".to_string(),
        (Some(_), None) => "before the vote, with the study's MFIs".to_string(),
        (Some(_), Some(t)) => format!(
            "filled from the vote: {}",
            if t.carried { "carried" } else { "not carried" }
        ),
    };
    writeln!(
        out,
        "{}: the resolution of the CO ({}), {} page(s), {how}",
        a.output.display(),
        a.language.code(),
        rendered.pages
    )?;
    Ok(())
}

/// `forms --quick-start`: the guide's quick start for CO facilitators on
/// one page, in the language asked for.
fn quick_start(a: &FormsArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let page = mfi_core::report::quick_start::quick_start(a.language);
    let rendered = mfi_pdf::render_quick_start(&page, a.date.unwrap_or_else(Date::today))
        .map_err(|e| Failure::Usage(format!("the quick start could not be written: {e}")))?;
    super::write_output(&a.output, &rendered.bytes)?;
    let mut stderr = std::io::stderr();
    let out: &mut dyn Write = if super::is_stdout(&a.output) {
        &mut stderr
    } else {
        out
    };
    writeln!(
        out,
        "{}: the quick start for CO facilitators ({}), {} page(s)",
        a.output.display(),
        a.language.code(),
        rendered.pages
    )?;
    Ok(())
}
