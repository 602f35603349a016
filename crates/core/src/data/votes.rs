//! The CO's vote on its partner MFI, taken after the meeting: each member
//! votes for an MFI, abstains, or is absent; the rule (a study setting,
//! [`VoteRule`]) says when the choice is carried (the count is the
//! members' voice's, `voice::tally`). The votes file
//! (`member, vote, note`; a vote is an MFI's name, `abstain` or `absent`)
//! loads and saves like the priorities file: every problem of the file at
//! once, names compared as a person reads them.
//!
//! An empty member is an anonymous vote (a show of hands counted, names not
//! kept). The CO's members are the members of the plans, with anyone who
//! voted and has no plan; a member of the plans who has no row was absent.

use crate::data::names;
use crate::data::plans::Plans;
use crate::data::table::{self, ColumnSpec};
use crate::date::Date;
use crate::error::{LoadError, LoadErrors};
use rust_decimal::Decimal;

/// What one member did in the vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// She voted for this MFI (its name as the study writes it).
    For(String),
    /// She was present and voted for none (counts as present, not in favour).
    Abstain,
    /// She was not at the meeting.
    Absent,
}

/// How an abstention is written in a votes file.
pub const ABSTAIN: &str = "abstain";
/// How an absence is written in a votes file.
pub const ABSENT: &str = "absent";

impl Choice {
    /// As written in a votes file: the MFI's name, `abstain` or `absent`.
    pub fn key(&self) -> &str {
        match self {
            Choice::For(mfi) => mfi,
            Choice::Abstain => ABSTAIN,
            Choice::Absent => ABSENT,
        }
    }

    /// Whether she was at the meeting.
    pub fn present(&self) -> bool {
        !matches!(self, Choice::Absent)
    }

    /// The MFI she voted for, if any.
    pub fn mfi(&self) -> Option<&str> {
        match self {
            Choice::For(m) => Some(m),
            _ => None,
        }
    }

    /// Reads the words for an abstention or an absence as staff write them
    /// (any case; "abstained", "not present", Urdu too); `None` for
    /// anything else (an MFI's name, to be looked up).
    pub fn parse_word(s: &str) -> Option<Choice> {
        match names::key(s).as_str() {
            "abstain" | "abstained" | "abstains" | "abstention" | "غیر جانبدار" => {
                Some(Choice::Abstain)
            }
            "absent" | "not present" | "away" | "غیر حاضر" => Some(Choice::Absent),
            _ => None,
        }
    }
}

/// One member's vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberVote {
    /// Her name as in the plans; empty in an anonymous count.
    pub member: String,
    /// What she did.
    pub choice: Choice,
    /// A note (what she said: a dissent she asked to be recorded).
    pub note: String,
}

impl MemberVote {
    /// Whether she was counted without her name.
    pub fn anonymous(&self) -> bool {
        names::is_blank(&self.member)
    }
}

/// The CO's vote: one row per member (or anonymous vote), and the meeting's
/// date and place when they were recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Votes {
    /// The votes, in the order entered.
    pub members: Vec<MemberVote>,
    /// The day of the meeting, when known.
    pub date: Option<Date>,
    /// Where the meeting was held, when known.
    pub place: String,
}

impl Votes {
    /// Whether no vote has been recorded.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Whether the vote was counted without names (every row anonymous).
    pub fn anonymous(&self) -> bool {
        !self.members.is_empty() && self.members.iter().all(MemberVote::anonymous)
    }

    /// The named member's vote, compared as a person reads names.
    pub fn of(&self, member: &str) -> Option<&MemberVote> {
        let key = names::key(member);
        self.members
            .iter()
            .find(|m| !m.anonymous() && names::key(&m.member) == key)
    }

    /// Sets a named member's vote (replacing the one she had), or adds an
    /// anonymous one when `member` is empty.
    pub fn set(&mut self, member: &str, choice: Choice) {
        if !names::is_blank(member) {
            let key = names::key(member);
            if let Some(m) = self
                .members
                .iter_mut()
                .find(|m| !m.anonymous() && names::key(&m.member) == key)
            {
                m.choice = choice;
                return;
            }
        }
        self.members.push(MemberVote {
            member: member.to_string(),
            choice,
            note: String::new(),
        });
    }
}

/// When a vote carries: at least `carried_percent` of the members present
/// vote for the MFI, with more than `quorum_percent` of the CO's members
/// present. Abstentions count as present and not in favour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteRule {
    /// The share of the members present who must vote for it, at least (70%).
    pub carried_percent: Decimal,
    /// The share of the CO's members who must be present, more than (50%).
    pub quorum_percent: Decimal,
}

impl Default for VoteRule {
    /// The CO's own rule as the seeds give it: "decisions should be made by
    /// at least 70% of members", with more than half of them present.
    fn default() -> Self {
        VoteRule {
            carried_percent: Decimal::from(70),
            quorum_percent: Decimal::from(50),
        }
    }
}

/// What a threshold may be: from 50% (at least half) to 100% (everyone).
pub const CARRIED_RANGE: (u32, u32) = (50, 100);

impl VoteRule {
    /// Checks a share of the members present: 50 to 100.
    pub fn check_carried(d: Decimal) -> Result<Decimal, String> {
        if d >= Decimal::from(CARRIED_RANGE.0) && d <= Decimal::from(CARRIED_RANGE.1) {
            Ok(d.normalize())
        } else {
            Err(format!(
                "expected a percentage from 50 to 100 (a choice carried by fewer than half of the members present would not be the CO's), found {}%",
                d.normalize()
            ))
        }
    }

    /// Checks a quorum: 0 (one member present is enough) to below 100.
    pub fn check_quorum(d: Decimal) -> Result<Decimal, String> {
        if d >= Decimal::ZERO && d < Decimal::ONE_HUNDRED {
            Ok(d.normalize())
        } else {
            Err(format!(
                "expected a percentage from 0 to below 100 (more than this share of the members must be present; 50 is more than half), found {}%",
                d.normalize()
            ))
        }
    }

    /// The quorum in words: "more than half", "more than 60%".
    pub fn quorum_words(&self) -> String {
        if self.quorum_percent == Decimal::from(50) {
            "more than half".into()
        } else if self.quorum_percent.is_zero() {
            "at least one".into()
        } else {
            format!("more than {}%", self.quorum_percent.normalize())
        }
    }

    /// The rule in one sentence, as the resolution and the app state it:
    /// "carried when at least 70% of the members present vote for it, with
    /// more than half of the CO's members present; an abstention counts as
    /// present and not in favour".
    pub fn sentence(&self) -> String {
        format!(
            "carried when at least {}% of the members present vote for it, with {} of the CO's members present; an abstention counts as present and not in favour",
            self.carried_percent.normalize(),
            self.quorum_words()
        )
    }
}

/// The columns of a votes file.
pub const VOTE_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "member",
        required: true,
    },
    ColumnSpec {
        name: "vote",
        required: true,
    },
    ColumnSpec {
        name: "note",
        required: false,
    },
];

/// How a row is named in a message: her name, or "an anonymous vote".
fn who(member: &str) -> String {
    if names::is_blank(member) {
        "an anonymous vote".to_string()
    } else {
        format!("\"{}\"", table::clip(member))
    }
}

/// The options a member may vote for, as a list for a message.
fn expected(options: &[String]) -> String {
    let mut all: Vec<String> = options.iter().map(|o| table::clip(o)).collect();
    all.push(ABSTAIN.into());
    all.push(ABSENT.into());
    let n = all.len();
    match all.split_last() {
        Some((last, init)) if n > 1 => format!("{} or {last}", init.join(", ")),
        _ => all.join(""),
    }
}

/// Reads a votes file: `member`, `vote` (an MFI's name, `abstain` or
/// `absent`), `note` optional. With `options` (the study's MFIs), a vote
/// for an MFI not among them is an error and a vote is kept with the
/// study's spelling of the name; without, names are kept as written (the
/// study file's own votes: see the README). Every problem of the file is
/// reported at once.
pub fn load_votes(
    file: &str,
    bytes: &[u8],
    options: Option<&[String]>,
) -> Result<Votes, LoadErrors> {
    let t = table::read_table(file, bytes, VOTE_COLUMNS)?;
    let label = t.file.clone();
    let file = label.as_str();
    let mut errors = LoadErrors::default();
    let mut members = Vec::with_capacity(t.rows.len());
    let mut seen: std::collections::HashMap<String, (u64, String)> = Default::default();
    for row in &t.rows {
        let member = row.get(t.col("member")).to_string();
        let text = row.get(t.col("vote"));
        let choice = if names::is_blank(text) {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("vote"),
                format!(
                    "expected the vote of {}: an MFI's name, {ABSTAIN} or {ABSENT}, found an empty cell",
                    who(&member)
                ),
            ));
            None
        } else if let Some(c) = Choice::parse_word(text) {
            Some(c)
        } else {
            match options {
                None => Some(Choice::For(text.to_string())),
                Some(opts) => match opts.iter().find(|o| names::same(o, text)) {
                    Some(o) => Some(Choice::For(o.clone())),
                    None => {
                        errors.push(LoadError::at(
                            file,
                            row.line,
                            Some("vote"),
                            format!(
                                "\"{}\" is not an MFI of the study: expected {}",
                                table::clip(text),
                                expected(opts)
                            ),
                        ));
                        None
                    }
                },
            }
        };
        if !names::is_blank(&member) {
            let key = names::key(&member);
            if let Some((first, earlier)) = seen.get(&key) {
                errors.push(LoadError::at(
                    file,
                    row.line,
                    Some("member"),
                    format!(
                        "{} is given twice: first at line {first}{}; one vote per member (in an anonymous count, leave the names empty)",
                        who(&member),
                        names::written_as(earlier, &member)
                    ),
                ));
            } else {
                seen.insert(key, (row.line, member.clone()));
            }
        }
        if let Some(choice) = choice {
            members.push(MemberVote {
                member,
                choice,
                note: row.get(t.col("note")).to_string(),
            });
        }
    }
    errors.into_result(Votes {
        members,
        date: None,
        place: String::new(),
    })
}

/// Writes votes in the format [`load_votes`] reads.
pub fn votes_to_csv(v: &Votes) -> Vec<u8> {
    let rows: Vec<Vec<String>> = v
        .members
        .iter()
        .map(|m| vec![m.member.clone(), m.choice.key().to_string(), m.note.clone()])
        .collect();
    table::to_csv(&["member", "vote", "note"], &rows)
}

/// Warnings (not errors) about a vote: a member who voted and has no plan
/// (counted among the CO's members; check the spelling), and a vote for an
/// MFI the study no longer holds (renamed or removed since the vote).
pub fn warnings(v: &Votes, plans: &Plans, options: &[String]) -> Vec<String> {
    let known: std::collections::HashSet<String> = plans
        .members
        .iter()
        .map(|m| names::key(&m.member))
        .collect();
    let mut out: Vec<String> = v
        .members
        .iter()
        .filter(|m| !m.anonymous() && !known.contains(&names::key(&m.member)))
        .map(|m| {
            format!(
                "{} voted but has no plan: counted among the CO's members; check the spelling if she has a plan",
                who(&m.member)
            )
        })
        .collect();
    let mut stale: Vec<&str> = Vec::new();
    for m in &v.members {
        if let Some(mfi) = m.choice.mfi()
            && !options.iter().any(|o| names::same(o, mfi))
            && !stale.iter().any(|s| names::same(s, mfi))
        {
            stale.push(mfi);
        }
    }
    out.extend(stale.into_iter().map(|s| {
        format!(
            "\"{}\" was voted for but is not an MFI of the study now (renamed or removed since the vote?): the vote is kept as it was taken",
            table::clip(s)
        )
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Vec<String> {
        ["Akhuwat", "CWCD", "Kashf"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn reads_names_words_and_anonymous_votes_and_writes_them_back() {
        let text = "member,vote,note\nAmina,akhuwat,\nBushra,Abstained,\nSaima,ABSENT,ill\n,CWCD,\n,cwcd,\n";
        let v = load_votes("v.csv", text.as_bytes(), Some(&opts())).unwrap();
        assert_eq!(v.members.len(), 5);
        assert_eq!(v.members[0].choice, Choice::For("Akhuwat".into()));
        assert_eq!(v.members[1].choice, Choice::Abstain);
        assert_eq!(v.members[2].choice, Choice::Absent);
        assert_eq!(v.members[2].note, "ill");
        assert!(v.members[3].anonymous() && v.members[4].anonymous());
        let again = load_votes("v.csv", &votes_to_csv(&v), Some(&opts())).unwrap();
        assert_eq!(again, v);
    }

    #[test]
    fn an_unknown_mfi_and_a_member_twice_are_errors_all_at_once() {
        let text = "member,vote\nAmina,Kashif\nBushra,\nAMINA ,Kashf\n";
        let e = load_votes("v.csv", text.as_bytes(), Some(&opts()))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("v.csv:2: column \"vote\": \"Kashif\" is not an MFI of the study: expected Akhuwat, CWCD, Kashf, abstain or absent"),
            "{e}"
        );
        assert!(
            e.contains("v.csv:3: column \"vote\": expected the vote of \"Bushra\""),
            "{e}"
        );
        assert!(
            e.contains("v.csv:4: column \"member\": \"AMINA\" is given twice: first at line 2 as \"Amina\" (names are compared as they read"),
            "{e}"
        );
    }
}
