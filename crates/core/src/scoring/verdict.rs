//! The recommendation under uncertainty, and how sure it is, in one plain
//! heading and line that stand wherever the choice is named (the app's
//! heading, the report's decision page and summary, `score`, `batch`): a
//! name in large letters must not look certain when the study cannot yet
//! tell.
//!
//! **The rule.** The CO scores computed on the facts as the study assumes
//! them name one MFI first (the point estimate), but a study with many
//! unknown facts may find that MFI first in only a few of the worlds its data
//! allows. So the recommendation is read from the draws of the stability
//! (see [`super::stability`]): over the unknown facts and the weights
//! together when the study has unknown facts, over the weights alone when it
//! has none. The MFI that comes first in the most draws (its **first-rank
//! acceptability**, as stochastic multicriteria acceptability analysis,
//! SMAA, calls it: Lahdelma and Salminen 2001) is recommended when it comes
//! first in
//! - at least [`FIRM`] of them: a firm choice (still to confirm with the
//!   MFI what members wait on, when some are served only if it confirms
//!   facts the study lacks);
//! - at least [`LIKELY`] (a clear majority of what the study thinks
//!   possible): likely, not sure;
//! - fewer: **no MFI can be recommended yet**; the study leads with what to
//!   ask first (with unknown facts) or leaves the choice to the CO's
//!   priorities (with none).
//!
//! The point estimate is shown beside it whenever it differs. The draws
//! count "no MFI serves any member" as an outcome of its own: it takes its
//! share from every MFI.
//!
//! **Responsible pricing.** An MFI whose loans to the members it serves cost
//! far more than the others' (its mean APR above [`COSTLY_MULTIPLE`] times
//! the median of the other MFIs' that serve anyone) is never named, firm or
//! not, without the heading and the line saying so.

use super::draws::Draws;
use super::stability::{Stability, share_percent};
use super::{Evaluation, MfiResult};
use crate::i18n::capitalised;
use serde::Serialize;

/// The share of draws from which a recommendation is firm.
pub const FIRM: f64 = 0.9;
/// The share of draws from which an MFI is recommended at all (likely).
pub const LIKELY: f64 = 0.6;
/// How many times the others' median APR makes an MFI's loans "far more
/// costly" (documented default; twice).
pub const COSTLY_MULTIPLE: f64 = 2.0;

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
    /// No MFI first in [`LIKELY`] of the draws: none recommended yet.
    NotYet,
}

/// One outcome of the draws: an MFI first, or none serving anyone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The MFI, or `None` for "no MFI serves any member".
    pub mfi: Option<String>,
    /// The share of draws (0-1).
    pub share: f64,
}

/// The recommendation with how sure it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// How firm.
    pub firmness: Firmness,
    /// The recommended MFI (`None`: none can be recommended yet).
    pub mfi: Option<String>,
    /// The MFI first in the most draws, and in what share of them (0-1).
    pub leader: String,
    /// The leader's share of the draws.
    pub share: f64,
    /// The MFI first on the facts as the study assumes them (the highest CO
    /// score).
    pub first_on_assumed_facts: String,
    /// Every outcome of the draws, most often first (MFIs, and "no MFI").
    pub outcomes: Vec<Outcome>,
    /// Whether the draws were over the unknown facts and the weights (else
    /// over the weights alone).
    pub over_data: bool,
    /// When the MFI named costs far more than the others: the sentence.
    pub costly: Option<String>,
    /// The heading: "Recommended: Akhuwat", "Likely: CWCD", "No MFI can be
    /// recommended yet".
    pub heading: String,
    /// The line beside it, in plain words.
    pub line: String,
}

/// The heading for the study's choice: the verdict's when there is one;
/// while the draws are not at hand, the MFI first by CO score, said as such
/// (never "Recommended" before it is known how sure that is).
pub fn heading(v: Option<&Verdict>, mfi: &str) -> String {
    v.map_or_else(
        || format!("First by CO score: {mfi}"),
        |v| v.heading.clone(),
    )
}

/// The median of some values.
fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    })
}

/// Whether `r` charges far more than the other MFIs that serve anyone (its
/// mean APR, high end, above [`COSTLY_MULTIPLE`] times their median): the
/// sentence that must stand beside its name.
pub fn costly(e: &Evaluation, r: &MfiResult) -> Option<String> {
    let mine = r.average_apr?;
    let others: Vec<f64> = e
        .ranking
        .iter()
        .filter(|o| o.institution != r.institution && o.affordable_members > 0)
        .filter_map(|o| o.average_apr)
        .collect();
    let m = median(others)?;
    (mine > COSTLY_MULTIPLE * m && mine > 1.0).then(|| {
        format!(
            "{} charges the members it would serve {} a year on average (APR), more than twice what the other MFIs charge (their median {}): ask why before choosing",
            r.mfi,
            crate::money::rate_range(r.average_apr_low.unwrap_or(mine), mine),
            crate::money::rate_range(m, m)
        )
    })
}

/// The verdict of `e` from its stability `st`; `None` when no MFI serves
/// any member on the facts as assumed.
pub fn verdict(e: &Evaluation, st: &Stability) -> Option<Verdict> {
    let point: &MfiResult = e.recommended()?;
    let over_data = st.unknown_facts > 0 && st.both.is_some();
    let draws: &Draws = match &st.both {
        Some(both) if over_data => both,
        _ => &st.weights_only,
    };
    let over = if over_data {
        "the draws over what the study does not know and the weights"
    } else {
        "the draws over the weights"
    };
    // Every outcome, most often first; "no MFI" among them.
    let mut outcomes: Vec<Outcome> = draws
        .acceptability
        .iter()
        .filter(|a| a.first_share > 0.0)
        .map(|a| Outcome {
            mfi: Some(a.mfi.clone()),
            share: a.first_share,
        })
        .collect();
    if draws.none_share > 0.0 {
        outcomes.push(Outcome {
            mfi: None,
            share: draws.none_share,
        });
    }
    outcomes.sort_by(|a, b| b.share.total_cmp(&a.share));
    // The leader: the MFI first most often (the point estimate when the
    // draws are not there or tie with it).
    let leader = draws
        .acceptability
        .iter()
        .fold(None::<(&str, f64)>, |best, a| match best {
            Some((_, s)) if a.first_share <= s => best,
            _ => Some((a.mfi.as_str(), a.first_share)),
        })
        .filter(|(_, s)| *s > draws.share(&point.mfi))
        .map(|(m, s)| (m.to_string(), s))
        .unwrap_or_else(|| (point.mfi.clone(), draws.share(&point.mfi)));
    let (leader, share) = leader;
    let leader_result = e.ranking.iter().find(|r| r.mfi == leader);
    let waits = leader_result.is_some_and(|r| r.to_verify_members > 0);
    let firmness = if share >= FIRM {
        if waits {
            Firmness::FirmToConfirm
        } else {
            Firmness::Firm
        }
    } else if share >= LIKELY {
        Firmness::Likely
    } else {
        Firmness::NotYet
    };
    let mfi = (firmness != Firmness::NotYet).then(|| leader.clone());
    let in_draws = |s: f64| {
        if s >= 1.0 {
            format!("every one of {over}")
        } else {
            format!("{} of {over}", share_percent(s))
        }
    };
    // The others, with their shares, and the share in which none serves.
    let others: Vec<String> = outcomes
        .iter()
        .filter(|o| o.mfi.as_deref() != Some(leader.as_str()))
        .take(4)
        .map(|o| match &o.mfi {
            Some(m) => format!("{m} comes first in {}", share_percent(o.share)),
            None => format!("no MFI serves any member in {}", share_percent(o.share)),
        })
        .collect();
    let others = if others.is_empty() {
        String::new()
    } else {
        format!(" ({})", others.join("; "))
    };
    // The point estimate beside it, when it differs.
    let point_note = if point.mfi != leader {
        format!(
            " On the facts as the study assumes them, {} has the highest CO score ({:.1}).",
            point.mfi, point.score
        )
    } else {
        String::new()
    };
    let named = e
        .ranking
        .iter()
        .find(|r| Some(&r.mfi) == mfi.as_ref())
        .unwrap_or(point);
    let costly = costly(e, named);
    let (mut heading, mut line) = match firmness {
        Firmness::Firm => (
            format!("Recommended: {leader}"),
            format!(
                "A firm choice: {leader} comes first in {}.{point_note}",
                in_draws(share)
            ),
        ),
        Firmness::FirmToConfirm => (
            format!("Recommended: {leader}"),
            format!(
                "A firm choice: {leader} comes first in {}; before the loans, confirm with {leader} the facts {} of the members it would serve wait on (below).{point_note}",
                in_draws(share),
                leader_result.map_or(0, |r| r.to_verify_members)
            ),
        ),
        Firmness::Likely if over_data => (
            format!("Likely: {leader}"),
            format!(
                "Likely but not sure: {leader} comes first in {}{others}. Confirm the facts below before the CO decides.{point_note}",
                in_draws(share)
            ),
        ),
        Firmness::Likely => (
            format!("Likely: {leader}"),
            format!(
                "Likely but not sure: {leader} comes first in {}{others}. The CO's priorities decide between them.{point_note}",
                in_draws(share)
            ),
        ),
        Firmness::NotYet if over_data => (
            "No MFI can be recommended yet".to_string(),
            format!(
                "The study does not know enough to choose: no MFI comes first in {:.0}% or more of the draws over what it does not know and the weights. Most often first: {leader}, in {}{others}. On the facts as the study assumes them, {} has the highest CO score ({:.1}). Ask the facts below first.",
                100.0 * LIKELY,
                share_percent(share),
                point.mfi,
                point.score
            ),
        ),
        Firmness::NotYet => (
            "No MFI can be recommended yet".to_string(),
            format!(
                "A close call the weights decide: no MFI comes first in {:.0}% or more of the draws over the weights. Most often first: {leader}, in {}{others}; with the study's weights, {} has the highest CO score ({:.1}). The CO's priorities decide: hear the members before choosing.",
                100.0 * LIKELY,
                share_percent(share),
                point.mfi,
                point.score
            ),
        ),
    };
    if let Some(c) = &costly {
        // Never named without it: in the heading and in the line.
        if mfi.is_some() {
            heading.push_str(": far more costly than the others");
        }
        line = format!("{line} {}.", capitalised(c));
    }
    Some(Verdict {
        firmness,
        mfi,
        leader,
        share,
        first_on_assumed_facts: point.mfi.clone(),
        outcomes,
        over_data,
        costly,
        heading,
        line,
    })
}
