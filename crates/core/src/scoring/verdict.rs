//! How sure the recommendation is, in one plain line that stands beside the
//! name of the recommended MFI wherever it is shown (the app's heading, the
//! report's summary and decision page, `score`): a name in large letters
//! must not look certain when the study cannot yet tell.
//!
//! The line reads the draws of the stability (see [`super::stability`]):
//! over the unknown facts and the weights together when the study has
//! unknown facts, over the weights alone when it has none. The recommended
//! MFI comes first in
//! - at least [`FIRM`] of them: a firm choice (still to confirm with the
//!   MFI what members wait on, when some are served only if it confirms
//!   facts the study lacks);
//! - at least [`LIKELY`]: likely, not sure;
//! - fewer: provisional, the study does not know enough to choose.

use super::stability::{Stability, share_percent};
use super::unknowns::Draws;
use super::{Evaluation, MfiResult};
use serde::Serialize;

/// The share of draws from which a recommendation is firm.
pub const FIRM: f64 = 0.9;
/// The share of draws from which it is likely.
pub const LIKELY: f64 = 0.6;

/// How firm a recommendation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Firmness {
    /// First in at least [`FIRM`] of the draws, no member waiting on a fact.
    Firm,
    /// First in at least [`FIRM`] of the draws; members it would serve wait
    /// on facts it must confirm.
    FirmToConfirm,
    /// First in at least [`LIKELY`] of the draws.
    Likely,
    /// First in fewer.
    Provisional,
}

/// The recommendation with how sure it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// How firm.
    pub firmness: Firmness,
    /// The recommended MFI.
    pub mfi: String,
    /// The share of draws in which it comes first (0-1).
    pub share: f64,
    /// The heading: "Recommended: Akhuwat", "Provisional: Akhuwat".
    pub heading: String,
    /// The line beside it, in plain words.
    pub line: String,
}

/// The recommended MFI's name as a heading: the verdict's ("Provisional:
/// X") when there is one, "Recommended: X" while the stability is not at
/// hand.
pub fn heading(v: Option<&Verdict>, mfi: &str) -> String {
    v.map_or_else(|| format!("Recommended: {mfi}"), |v| v.heading.clone())
}

/// The verdict on `e`'s recommendation from its stability `st`; `None`
/// when nothing is recommended.
pub fn verdict(e: &Evaluation, st: &Stability) -> Option<Verdict> {
    let rec: &MfiResult = e.recommended()?;
    let mfi = rec.mfi.clone();
    let unknowns = st.unknown_facts > 0;
    let (draws, over): (&Draws, &str) = match &st.both {
        Some(both) if unknowns => (
            both,
            "the draws over what the study does not know and the weights",
        ),
        _ => (&st.weights_only, "the draws over the weights"),
    };
    let share = draws.share(&mfi);
    let in_draws = if share >= 1.0 {
        format!("every one of {over}")
    } else {
        format!("{} of {over}", share_percent(share))
    };
    let waits = rec.to_verify_members > 0;
    let firmness = if share >= FIRM {
        if waits {
            Firmness::FirmToConfirm
        } else {
            Firmness::Firm
        }
    } else if share >= LIKELY {
        Firmness::Likely
    } else {
        Firmness::Provisional
    };
    // Who else comes first in those draws, and how often none does.
    let other = draws
        .acceptability
        .iter()
        .find(|a| a.mfi != mfi && a.first_share > 0.0)
        .map(|a| format!("{} comes first in {}", a.mfi, share_percent(a.first_share)));
    let none = (draws.none_share > 0.0).then(|| {
        format!(
            "no MFI serves any member in {}",
            share_percent(draws.none_share)
        )
    });
    let others: Vec<String> = other.into_iter().chain(none).collect();
    let others = if others.is_empty() {
        String::new()
    } else {
        format!(" ({})", others.join("; "))
    };
    let (heading, line) = match firmness {
        Firmness::Firm => (
            format!("Recommended: {mfi}"),
            format!("A firm choice: {mfi} comes first in {in_draws}."),
        ),
        Firmness::FirmToConfirm => (
            format!("Recommended: {mfi}"),
            format!(
                "A firm choice: {mfi} comes first in {in_draws}; before the loans, confirm with {mfi} the facts {} of the members it would serve wait on (below).",
                rec.to_verify_members
            ),
        ),
        Firmness::Likely if unknowns => (
            format!("Likely: {mfi}"),
            format!(
                "Likely but not sure: {mfi} comes first in {in_draws}{others}. Confirm the facts below before the CO decides."
            ),
        ),
        Firmness::Likely => (
            format!("Likely: {mfi}"),
            format!(
                "Likely but not sure: {mfi} comes first in {in_draws}{others}. The CO's priorities decide between them."
            ),
        ),
        Firmness::Provisional if unknowns => (
            format!("Provisional: {mfi}"),
            format!(
                "The study does not know enough to choose yet. With the unknown facts as assumed {mfi} comes first, but in only {in_draws}{others}. Ask the facts below first."
            ),
        ),
        Firmness::Provisional => (
            format!("Provisional: {mfi}"),
            format!(
                "A close call: {mfi} comes first in only {in_draws}{others}. The CO's priorities decide; hear the members before choosing."
            ),
        ),
    };
    Some(Verdict {
        firmness,
        mfi,
        share,
        heading,
        line,
    })
}
