//! `score`: loads a study, evaluates it and prints the result as text for a
//! terminal, as JSON or as CSV.

use crate::args::ScoreArgs;
use crate::failure::Failure;
use mfi_core::output::score::{ranking_csv, score_json, write_score_text};
use mfi_core::scoring::{evaluate, stability};
use std::io::Write;

/// Runs `score`.
pub fn run(a: &ScoreArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let doc = a.study.load()?;
    let settings = a.settings(doc.settings.clone());
    let e = evaluate(&doc.matrix, &doc.plans, &doc.weights, &settings);
    let st = stability::stability_with_data(&e, &doc.matrix, &doc.plans, &doc.weights, &settings);
    if a.json {
        writeln!(
            out,
            "{}",
            score_json(&e, &doc.weights, &settings, st.as_ref(), &doc.plans)
        )?;
    } else if a.csv {
        out.write_all(&ranking_csv(&e))?;
    } else {
        write_score_text(out, &e, &doc.weights, &settings, st.as_ref(), &doc.plans)?;
    }
    Ok(())
}
