//! `score`: loads a study, evaluates it and prints the result as text for a
//! terminal, as JSON or as CSV.

use crate::args::ScoreArgs;
use crate::failure::Failure;
use mfi_core::output::group::{group_json, write_group_text};
use mfi_core::output::score::{ranking_csv, score_json, write_score_text};
use mfi_core::scoring::{evaluate, stability};
use mfi_core::voice::group::group;
use std::io::Write;

/// Runs `score`.
pub fn run(a: &ScoreArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let mut doc = a.study.load()?;
    a.priorities.apply(&mut doc, &mut std::io::stderr())?;
    let settings = a.settings(doc.settings.clone());
    // The CO's own savings, when offered, may be voted for too.
    doc.settings = settings.clone();
    a.votes.apply(&mut doc, &mut std::io::stderr())?;
    let settings = doc.settings.clone();
    let vote = mfi_core::report::resolution::study_tally(&doc);
    let e = evaluate(&doc.matrix, &doc.plans, &doc.weights, &settings);
    let st = stability::stability_with_data(&e, &doc.matrix, &doc.plans, &doc.weights, &settings);
    let g = group(&e, &doc.priorities, &doc.weights, &settings);
    if a.json {
        let mut j = score_json(
            &e,
            &doc.weights,
            &settings,
            st.as_ref(),
            &doc.plans,
            &doc.matrix,
        );
        if let (Some(g), Some(map)) = (&g, j.as_object_mut()) {
            map.insert("group".into(), group_json(g));
        }
        if let (Some(t), Some(map)) = (&vote, j.as_object_mut()) {
            map.insert("vote".into(), mfi_core::output::vote::vote_json(t));
        }
        writeln!(out, "{j}")?;
    } else if a.csv {
        out.write_all(&ranking_csv(&e))?;
    } else {
        write_score_text(
            out,
            &e,
            &doc.weights,
            &settings,
            st.as_ref(),
            &doc.plans,
            &doc.matrix,
        )?;
        if let Some(g) = &g {
            write_group_text(out, g)?;
        }
        if let Some(t) = &vote {
            mfi_core::output::vote::write_vote_text(out, t)?;
        }
    }
    Ok(())
}
