//! How sure the recommendation is when the data, not only the weights, may
//! be other than the study assumes: Monte Carlo draws over the unknown
//! facts of the matrix, and which of them to ask about first.
//!
//! What is drawn, for each institution in each draw:
//! - each unknown yes/no the evaluation reads (whether it lends to
//!   home-based workers, to groups, to individuals, for new businesses;
//!   whether it requires a CNIC or refuses past defaulters; life and health
//!   insurance; each extra service; whether its staff come to the village;
//!   whether a product is Islamic financing), as yes with the study's
//!   `unknown_yes` chance (0.5 by default). Unknown age limits and an
//!   unknown product's smallest and largest loan are drawn, with equal
//!   chances, among those the study's other offers state (each member then
//!   passes or fails by her own age and need; the loan stays priced at her
//!   need); when no offer states them, and for an unknown area or purpose,
//!   they are drawn like a yes/no: "admits the members it could not decide"
//!   or "admits none of them";
//! - the position of its unknown prices (charges, premiums, deposit, a
//!   ranged markup) within their range, one uniform number from
//!   0 (every pair at its low end) to 1 (its high end): a pair's APR, cost,
//!   share of her capacity and monthly burden move in proportion between
//!   its two pricings;
//! - an unknown distance, uniform over the access scale.
//!
//! Every drawn value is named by its institution and fact (and the draw's
//! number and the seed): making one fact known leaves every other fact's
//! draws exactly as they were, so what changes is what that fact decides.
//!
//! A fact a member's own answers leave undecided (her age, whether her
//! business is new) is not drawn: the study's `rank_to_verify` decides.
//!
//! Each draw evaluates every member against every offer under the drawn
//! facts and finds the first MFI. For "what to ask first", each unknown
//! fact is set both ways in every draw over the data (only the institution
//! it belongs to changes score): how often the first MFI changes, and who
//! comes first most often when it is yes and when it is no.
//!
//! The draws' problem is built from an evaluation in `problem.rs` (the
//! unknown yes/no facts' bits and words in `facts.rs`); one draw, its facts
//! drawn by name and each institution scored, is `draw.rs`; the draws are
//! run, and each fact's answers counted, in `run.rs`; here are their results
//! and what to ask first.

mod draw;
mod facts;
mod problem;
mod run;

pub(crate) use problem::data_problem_at;
pub use problem::{DataProblem, data_problem};

use crate::data::settings::Settings;
use crate::scoring::draws::Draws;
use problem::FactRef;
use run::run;
use serde::{Deserialize, Serialize};

/// Who comes first in a draw in which no MFI serves any member.
pub const NO_MFI: &str = "no MFI";

/// One unknown fact and how much knowing it would change the recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskFirst {
    /// The institution whose fact it is.
    pub mfi: String,
    /// The fact in words ("whether Akhuwat will lend to home-based workers").
    pub fact: String,
    /// "yes/no"; "range" for unknown prices or a distance (then yes is the
    /// low end, no the high end); "choice" for unknown loan sizes or age
    /// limits (yes: the alternative the study states that is best for the
    /// MFI; no: the worst).
    #[serde(deserialize_with = "crate::intern::deserialize")]
    pub kind: crate::intern::Name,
    /// The share of the draws over the data in which the first MFI differs
    /// with the answer.
    pub changes_share: f64,
    /// Who comes first most often if the answer is yes (the low end), among
    /// the draws in which some MFI serves a member; "no MFI" when none does.
    pub if_yes: String,
    /// In what share of the draws.
    pub if_yes_share: f64,
    /// Who comes first most often if the answer is no (the high end).
    pub if_no: String,
    /// In what share of the draws.
    pub if_no_share: f64,
    /// How often the fact's own MFI comes first if the answer is yes (the
    /// low end).
    pub mfi_first_if_yes: f64,
    /// And if it is no (the high end).
    pub mfi_first_if_no: f64,
}

/// The result of the draws over the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataStability {
    /// The draws over the unknown facts, weights as chosen.
    pub data_only: Draws,
    /// The draws over the unknown facts and the weights together.
    pub both: Draws,
    /// The unknown facts that can change the first MFI, most decisive
    /// first (facts that never change it are left out).
    pub ask_first: Vec<AskFirst>,
    /// How many unknown facts the draws vary, and how many of them are the
    /// recommended MFI's.
    pub unknown_facts: usize,
    /// Of them, the recommended MFI's.
    pub recommended_unknown: usize,
    /// The chance an unknown yes/no was drawn as yes.
    pub unknown_yes: f64,
}

/// The draws over the data and over data and weights, and what to ask
/// first; `None` when `stop` says so.
pub fn solve_data_unless(
    p: &DataProblem,
    settings: &Settings,
    stop: &dyn Fn() -> bool,
) -> Option<DataStability> {
    let (data, counts) = run(p, settings, false, true, stop)?;
    let (both, _) = run(p, settings, true, false, stop)?;
    let draws = settings.draws.max(1);
    // Who comes first most often with an answer, among the draws in which
    // some MFI serves a member (staff plan their calls by who would win);
    // "no MFI" only when none does in any.
    let most = |v: &[u32]| -> (String, f64) {
        let best = v
            .iter()
            .take(p.names.len())
            .enumerate()
            .filter(|(_, k)| **k > 0)
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((i, k)) => (p.names[i].clone(), *k as f64 / draws as f64),
            None => (
                NO_MFI.to_string(),
                v.get(p.names.len()).copied().unwrap_or(0) as f64 / draws as f64,
            ),
        }
    };
    let mut ask_first: Vec<AskFirst> = p
        .facts
        .iter()
        .zip(&counts)
        .filter(|(_, c)| c.changes > 0)
        .map(|((fact, words), c)| {
            let inst = match fact {
                FactRef::Bit { inst, .. }
                | FactRef::Choice { inst, .. }
                | FactRef::Cost { inst }
                | FactRef::Distance { inst } => *inst,
            };
            let (if_yes, if_yes_share) = most(&c.yes);
            let (if_no, if_no_share) = most(&c.no);
            AskFirst {
                mfi: p.names[inst].clone(),
                fact: words.clone(),
                kind: match fact {
                    FactRef::Bit { .. } => "yes/no",
                    FactRef::Choice { .. } => "choice",
                    _ => "range",
                },
                changes_share: c.changes as f64 / draws as f64,
                if_yes,
                if_yes_share,
                if_no,
                if_no_share,
                mfi_first_if_yes: c.yes[inst] as f64 / draws as f64,
                mfi_first_if_no: c.no[inst] as f64 / draws as f64,
            }
        })
        .collect();
    ask_first.sort_by(|a, b| {
        b.changes_share
            .total_cmp(&a.changes_share)
            .then(a.mfi.cmp(&b.mfi))
            .then(a.fact.cmp(&b.fact))
    });
    Some(DataStability {
        data_only: Draws::of(&p.names, &data, draws),
        both: Draws::of(&p.names, &both, draws),
        ask_first,
        unknown_facts: p.unknown_facts(),
        recommended_unknown: p.recommended_unknown(),
        unknown_yes: p.yes,
    })
}
