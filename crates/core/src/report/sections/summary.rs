//! The summary: what was compared, what the CO chose and why, and the
//! data the choice rests on.

use crate::report::{Block, Section};

use super::served_text;
use crate::data::study::StudyDoc;
use crate::money::{rate_range, rs, rs_range};
use crate::scoring::stability::Stability;
use crate::scoring::{self, Evaluation};
use rust_decimal::Decimal;

pub(super) fn summary(doc: &StudyDoc, e: &Evaluation, st: Option<&Stability>) -> Section {
    let mut blocks = Vec::new();
    match (e.recommended(), e.runner_up()) {
        (Some(a), b) => {
            let verdict = st.and_then(|st| scoring::verdict::verdict(e, st));
            blocks.push(Block::Paragraph(format!(
                "{}. First by CO score on the facts as assumed: {} ({:.1} of 100){}.",
                scoring::verdict::heading(verdict.as_ref(), &a.mfi),
                a.mfi,
                a.score,
                b.map(|b| format!("; runner-up: {} ({:.1})", b.mfi, b.score))
                    .unwrap_or_default()
            )));
            if let Some(v) = verdict {
                blocks.push(Block::Paragraph(v.line));
            }
            blocks.push(Block::Paragraph(format!(
                "Why {} comes first by CO score on the facts as assumed:",
                a.mfi
            )));
            blocks.push(Block::Bullets(scoring::reasons(e)));
            blocks.push(Block::Paragraph(format!(
                "It serves {} members who need a loan with an affordable offer ({} still if their income falls). They would borrow {} in all and pay {} for the credit ({} per member on average), an average APR of {}.",
                served_text(e, a, e.members_needing_loan),
                a.affordable_under_stress,
                rs(a.total_borrowed),
                rs_range(a.total_cost_low, a.total_cost),
                {
                    let per = |x: Decimal| if a.affordable_members > 0 { x / Decimal::from(a.affordable_members) } else { Decimal::ZERO };
                    rs_range(per(a.total_cost_low), per(a.total_cost))
                },
                match (a.average_apr_low, a.average_apr) {
                    (Some(lo), Some(hi)) => rate_range(lo, hi),
                    _ => "-".into(),
                }
            )));
            if a.total_cost_low != a.total_cost {
                blocks.push(Block::Paragraph(
                    "Where a figure is a range, a term of the offer is unknown: the lower figure counts it as none, the higher as the most any MFI of this study charges (or, where none states it, the tool's default); the ranking counts the higher.".to_string(),
                ));
            }
            if a.to_verify_members > 0 {
                let items = crate::scoring::verify_first(e, &a.mfi);
                if !items.is_empty() {
                    blocks.push(Block::Paragraph(format!(
                        "To verify with {} before relying on this: {}.",
                        a.mfi,
                        items.join("; ")
                    )));
                }
                let members = crate::scoring::ask_the_members(e, &a.mfi);
                if !members.is_empty() {
                    blocks.push(Block::Paragraph(format!(
                        "To ask the members: {}.",
                        members.join("; ")
                    )));
                }
            }
        }
        (None, _) => blocks.push(Block::Paragraph(
            "No option serves any member with an affordable offer.".into(),
        )),
    }
    if let Some(st) = st {
        blocks.push(Block::Paragraph(format!("How sure: {}", st.sentence)));
        if !st.ask_first.is_empty() {
            blocks.push(Block::Paragraph(
                "What to ask first: the unknown facts that most often change the first MFI (each set both ways in every draw over the data):".into(),
            ));
            blocks.push(Block::Bullets(
                st.ask_first
                    .iter()
                    .take(3)
                    .map(crate::output::score::ask_first_line)
                    .collect(),
            ));
        }
    }
    blocks.push(Block::Paragraph(data_line(doc, st)));
    Section {
        heading: "Summary".into(),
        blocks,
    }
}

/// The share of draws over the data in which a fact must change the first
/// MFI for the summary to count it as able to change the recommendation.
const DECISIVE_SHARE: f64 = 0.05;

/// How complete the data are, and which unknowns can change the choice:
/// the values of the matrix unknown and assumed (as `check` counts them),
/// the unknown facts the choice reads (the draws vary them), and those that
/// change the first MFI in at least one draw in twenty, named.
pub fn data_line(doc: &StudyDoc, st: Option<&Stability>) -> String {
    let c = doc.matrix.completeness();
    let mut line = format!(
        "Data: of the {} values of the matrix, {} are unknown and {} assumed.",
        c.values, c.unknown, c.assumed
    );
    if let Some(st) = st.filter(|st| st.data_only.is_some()) {
        let decisive: Vec<&crate::scoring::unknowns::AskFirst> = st
            .ask_first
            .iter()
            .filter(|a| a.changes_share >= DECISIVE_SHARE)
            .collect();
        line.push_str(&format!(
            " The choice reads {} unknown facts (the rest, such as what a late payment costs, do not enter the scores); ",
            st.unknown_facts
        ));
        match decisive.len() {
            0 => line.push_str(&format!(
                "none of them changes which MFI comes first in as many as {:.0}% of the draws.",
                100.0 * DECISIVE_SHARE
            )),
            n => {
                let named: Vec<&str> = decisive.iter().take(5).map(|a| a.fact.as_str()).collect();
                line.push_str(&format!(
                    "{n} of them {} which MFI comes first in {:.0}% of the draws or more ({} of them {}'s){}: {}{}.",
                    if n == 1 { "changes" } else { "change" },
                    100.0 * DECISIVE_SHARE,
                    decisive.iter().filter(|a| a.mfi == st.recommended).count(),
                    st.recommended,
                    if n > named.len() { ", most of all" } else { "" },
                    named.join("; "),
                    if n > named.len() {
                        format!(" and {} more (see how stable the choice is)", n - named.len())
                    } else {
                        String::new()
                    }
                ));
            }
        }
    }
    line
}
