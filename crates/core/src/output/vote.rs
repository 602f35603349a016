//! The CO's vote as `score` gives it: JSON (`score --json`'s `vote`) and a
//! line of text.

use crate::voice::tally::Tally;
use serde_json::json;

/// `score --json`'s `vote`: the MFI with the most votes (null when none
/// has, or two tie), its votes, the votes for other MFIs, the abstentions,
/// the members absent and present, the CO's members, the rule's thresholds
/// in percent (as decimal strings), whether the quorum was met and whether
/// the choice is carried.
pub fn vote_json(t: &Tally) -> serde_json::Value {
    json!({
        "mfi": t.mfi,
        "for": t.votes_for,
        "against": t.against,
        "abstain": t.abstain,
        "absent": t.absent,
        "present": t.present,
        "members": t.members,
        "threshold_percent": t.rule.carried_percent.normalize().to_string(),
        "quorum_percent": t.rule.quorum_percent.normalize().to_string(),
        "quorum_met": t.quorum_met,
        "carried": t.carried,
        "tied": t.tied,
        "by_mfi": t.by_mfi.iter().map(|(m, n)| json!({"mfi": m, "votes": n})).collect::<Vec<_>>(),
        "rule": t.rule.sentence(),
        "sentence": t.sentence(),
    })
}

/// The vote in `score`'s text: what was counted, whether it is carried
/// and why, and the rule.
pub fn write_vote_text(out: &mut dyn std::io::Write, t: &Tally) -> std::io::Result<()> {
    let votes: Vec<String> = t
        .by_mfi
        .iter()
        .map(|(m, n)| format!("{m} {n}"))
        .chain((t.abstain > 0).then(|| format!("abstained {}", t.abstain)))
        .collect();
    writeln!(out)?;
    writeln!(
        out,
        "The CO's vote: {}. Votes: {}; {} of {} members present, {} absent. Rule: {}.",
        t.sentence(),
        if votes.is_empty() {
            "none".to_string()
        } else {
            votes.join(", ")
        },
        t.present,
        t.members,
        t.absent,
        t.rule.sentence()
    )
}
