//! The CO's vote counted under its rule: who voted for which MFI, who
//! abstained and who was absent, whether enough members were present and
//! whether the choice is carried, and why in one sentence. The votes and
//! the rule are the study's data ([`crate::data::votes`]); the resolution
//! prints the count.

use crate::data::names;
use crate::data::plans::Plans;
use crate::data::votes::{Choice, VoteRule, Votes};
use rust_decimal::Decimal;

/// The count of a vote under a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// The MFI with the most votes; `None` when no one voted for an MFI or
    /// two or more share the most votes.
    pub mfi: Option<String>,
    /// The MFIs that share the most votes, when they tie.
    pub tied: Vec<String>,
    /// Each MFI voted for and its votes, most first (then in the order
    /// first voted for).
    pub by_mfi: Vec<(String, usize)>,
    /// Votes for [`Tally::mfi`] (the most votes, when tied).
    pub votes_for: usize,
    /// Members present who voted for another MFI.
    pub against: usize,
    /// Members present who voted for none.
    pub abstain: usize,
    /// Members not present.
    pub absent: usize,
    /// Members present.
    pub present: usize,
    /// The CO's members.
    pub members: usize,
    /// The rule applied.
    pub rule: VoteRule,
    /// Whether enough members were present.
    pub quorum_met: bool,
    /// Whether the choice is carried.
    pub carried: bool,
}

impl Tally {
    /// The share of the members present who voted for the choice, in
    /// percent (0 when no one was present).
    pub fn share_for(&self) -> Decimal {
        if self.present == 0 {
            return Decimal::ZERO;
        }
        Decimal::from(self.votes_for as u64) * Decimal::ONE_HUNDRED
            / Decimal::from(self.present as u64)
    }

    /// The share of the CO's members present, in percent.
    pub fn share_present(&self) -> Decimal {
        if self.members == 0 {
            return Decimal::ZERO;
        }
        Decimal::from(self.present as u64) * Decimal::ONE_HUNDRED
            / Decimal::from(self.members as u64)
    }

    /// Why it was carried or not, in one sentence for staff and the app:
    /// "Carried: Akhuwat has 29 of the 35 votes of the members present
    /// (82.9%; at least 70% needed)".
    pub fn sentence(&self) -> String {
        let pct = |d: Decimal| crate::money::percent_text(d, 1);
        let need = format!("at least {}% needed", self.rule.carried_percent.normalize());
        if !self.quorum_met {
            return format!(
                "Not carried: {} of the CO's {} members were present ({}); {} must be present",
                self.present,
                self.members,
                pct(self.share_present()),
                self.rule.quorum_words()
            );
        }
        match (&self.mfi, self.tied.as_slice()) {
            (Some(mfi), _) if self.carried => format!(
                "Carried: {mfi} has {} of the {} votes of the members present ({}; {need})",
                self.votes_for,
                self.present,
                pct(self.share_for())
            ),
            (Some(mfi), _) => format!(
                "Not carried: {mfi} has {} of the {} votes of the members present ({}; {need})",
                self.votes_for,
                self.present,
                pct(self.share_for())
            ),
            (None, [a, rest @ ..]) if !rest.is_empty() => format!(
                "Not carried: {} tie with {} votes each of the {} members present ({need})",
                list_and(
                    &std::iter::once(a.clone())
                        .chain(rest.iter().cloned())
                        .collect::<Vec<_>>()
                ),
                self.votes_for,
                self.present
            ),
            _ => format!(
                "Not carried: none of the {} members present voted for an MFI",
                self.present
            ),
        }
    }
}

/// "A", "A and B", "A, B and C".
pub fn list_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Counts a vote. The CO's members are the members of the plans and
/// anyone named in the votes without a plan, and never fewer than the
/// votes' rows (an anonymous count may hold members the plans do not).
pub fn tally(votes: &Votes, plans: &Plans, rule: VoteRule) -> Tally {
    let in_plans: std::collections::HashSet<String> = plans
        .members
        .iter()
        .map(|m| names::key(&m.member))
        .collect();
    let without_plan = votes
        .members
        .iter()
        .filter(|v| !v.anonymous() && !in_plans.contains(&names::key(&v.member)))
        .count();
    let members = (in_plans.len() + without_plan).max(votes.members.len());
    let present = votes.members.iter().filter(|v| v.choice.present()).count();
    let abstain = votes
        .members
        .iter()
        .filter(|v| v.choice == Choice::Abstain)
        .count();
    // Votes per MFI, names compared as they read, in the order first voted for.
    let mut by_mfi: Vec<(String, String, usize)> = Vec::new();
    for v in &votes.members {
        if let Some(mfi) = v.choice.mfi() {
            let key = names::key(mfi);
            match by_mfi.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, n)) => *n += 1,
                None => by_mfi.push((key, mfi.to_string(), 1)),
            }
        }
    }
    // Most first; a stable sort keeps the order first voted for.
    by_mfi.sort_by_key(|m| std::cmp::Reverse(m.2));
    let by_mfi: Vec<(String, usize)> = by_mfi.into_iter().map(|(_, m, n)| (m, n)).collect();
    let most = by_mfi.first().map_or(0, |(_, n)| *n);
    let top: Vec<String> = by_mfi
        .iter()
        .filter(|(_, n)| *n == most && most > 0)
        .map(|(m, _)| m.clone())
        .collect();
    let (mfi, tied) = match top.as_slice() {
        [one] => (Some(one.clone()), Vec::new()),
        [] => (None, Vec::new()),
        _ => (None, top),
    };
    let votes_for = most;
    let voted_for_an_mfi: usize = by_mfi.iter().map(|(_, n)| n).sum();
    // When the most votes tie, "for" is the most votes any MFI has: for,
    // against and abstentions still add up to the members present.
    let against = voted_for_an_mfi - votes_for;
    let hundred = Decimal::ONE_HUNDRED;
    let quorum_met = members > 0
        && Decimal::from(present as u64) * hundred
            > rule.quorum_percent * Decimal::from(members as u64);
    let carried = quorum_met
        && mfi.is_some()
        && present > 0
        && Decimal::from(votes_for as u64) * hundred
            >= rule.carried_percent * Decimal::from(present as u64);
    Tally {
        mfi,
        tied,
        by_mfi,
        votes_for,
        against,
        abstain,
        absent: members - present,
        present,
        members,
        rule,
        quorum_met,
        carried,
    }
}
