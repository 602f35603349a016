//! What each member of the CO says matters to her: counters (stones) put on
//! one picture card per criterion, at a meeting or on the paper form, and
//! the priorities file (`member, true_cost, ..., flexibility, note`).
//!
//! A row holds one member's counters per criterion; an empty cell is 0; a
//! row whose counters are all 0 is an error that names it. An empty member
//! is an anonymous voice (the anonymous round stores no names). At a meeting
//! each member places 10 counters; a file may hold any whole numbers (the
//! pairwise questions store theirs out of 100): only their shares count.

use crate::data::criteria::{Criterion, N};
use crate::data::names;
use crate::data::plans::Plans;
use crate::data::table::{self, ColumnSpec};
use crate::error::{LoadError, LoadErrors};
use serde::{Deserialize, Serialize};

/// The counters each member places at a meeting.
pub const COUNTERS: u32 = 10;

/// How a row's note says the member answered questions in pairs (the
/// meeting writes it; the report counts the rows that have it).
pub const BY_PAIRS: &str = "questions in pairs";

/// The most counters one cell may hold.
pub const MAX_COUNTERS: u32 = 1000;

/// One member's counters per criterion.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MemberPriorities {
    /// Her name as in the plans; empty in an anonymous round.
    pub member: String,
    /// Counters per criterion, in the order of [`Criterion::ALL`].
    pub counters: [u32; N],
    /// A note (how they were collected, what she said).
    pub note: String,
}

impl MemberPriorities {
    /// All her counters.
    pub fn total(&self) -> u32 {
        self.counters.iter().sum()
    }

    /// Her counters as shares summing to 1 (all 0 when she placed none).
    pub fn shares(&self) -> [f64; N] {
        let total = self.total();
        if total == 0 {
            return [0.0; N];
        }
        self.counters.map(|c| c as f64 / total as f64)
    }

    /// Whether she was entered without a name.
    pub fn anonymous(&self) -> bool {
        names::is_blank(&self.member)
    }
}

/// How the members' weights are combined into the CO's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// The mean of the members' shares, per criterion (sums to 1).
    #[default]
    Mean,
    /// The median of the members' shares per criterion, scaled to sum to 1.
    Median,
}

impl Rule {
    /// Its name in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Rule::Mean => "mean",
            Rule::Median => "median",
        }
    }

    /// Reads a name.
    pub fn parse(s: &str) -> Option<Rule> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mean" | "average" => Some(Rule::Mean),
            "median" => Some(Rule::Median),
            _ => None,
        }
    }
}

/// The priorities of the members who have said them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Priorities {
    /// One row per member (or anonymous voice), in the order entered.
    pub members: Vec<MemberPriorities>,
    /// How they are combined.
    pub rule: Rule,
}

impl Priorities {
    /// Whether no member has said anything yet.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Each member's shares.
    pub fn shares(&self) -> Vec<[f64; N]> {
        self.members.iter().map(|m| m.shares()).collect()
    }
}

/// The columns of a priorities file.
pub const PRIORITY_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "member",
        required: true,
    },
    ColumnSpec {
        name: "true_cost",
        required: true,
    },
    ColumnSpec {
        name: "total_cost",
        required: true,
    },
    ColumnSpec {
        name: "affordability",
        required: true,
    },
    ColumnSpec {
        name: "access",
        required: true,
    },
    ColumnSpec {
        name: "insurance",
        required: true,
    },
    ColumnSpec {
        name: "services",
        required: true,
    },
    ColumnSpec {
        name: "fit",
        required: true,
    },
    ColumnSpec {
        name: "flexibility",
        required: true,
    },
    ColumnSpec {
        name: "note",
        required: false,
    },
];

/// How a row is named in a message: her name, or "an anonymous member".
fn who(member: &str) -> String {
    if names::is_blank(member) {
        "an anonymous member".to_string()
    } else {
        format!("\"{}\"", table::clip(member))
    }
}

/// Reads a priorities file: `member` and one column of counters per
/// criterion (an empty cell is 0), `note` optional. Every problem of the file
/// is reported at once.
pub fn load_priorities(file: &str, bytes: &[u8]) -> Result<Priorities, LoadErrors> {
    let t = table::read_table(file, bytes, PRIORITY_COLUMNS)?;
    let label = t.file.clone();
    let file = label.as_str();
    let mut errors = LoadErrors::default();
    let mut members = Vec::with_capacity(t.rows.len());
    let mut seen: std::collections::HashMap<String, u64> = Default::default();
    for row in &t.rows {
        let member = row.get(t.col("member")).to_string();
        let mut m = MemberPriorities {
            member: member.clone(),
            counters: [0; N],
            note: row.get(t.col("note")).to_string(),
        };
        let mut row_ok = true;
        for c in Criterion::ALL {
            let text = row.get(t.col(c.key()));
            if text.is_empty() {
                continue;
            }
            // Urdu digits too: ۳ counters are 3.
            match crate::money::western_digits(text).trim().parse::<u32>() {
                Ok(x) if x <= MAX_COUNTERS => m.counters[c] = x,
                _ => {
                    row_ok = false;
                    errors.push(LoadError::at(
                        file,
                        row.line,
                        Some(c.key()),
                        format!(
                            "expected a whole number of counters, 0 to {MAX_COUNTERS}, like 3 (an empty cell is 0), found \"{}\"",
                            table::clip(text)
                        ),
                    ));
                }
            }
        }
        if row_ok && m.total() == 0 {
            errors.push(LoadError::at(
                file,
                row.line,
                None,
                format!(
                    "every counter of {} is 0: expected at least one counter on a card (a member who did not say anything is left out of the file)",
                    who(&member)
                ),
            ));
        }
        if !m.anonymous() {
            let key = names::key(&member);
            if let Some(first) = seen.get(&key) {
                errors.push(LoadError::at(
                    file,
                    row.line,
                    Some("member"),
                    format!(
                        "{} is given twice: first at line {first} (one row per member; leave the name empty for an anonymous round)",
                        who(&member)
                    ),
                ));
            } else {
                seen.insert(key, row.line);
            }
        }
        members.push(m);
    }
    errors.into_result(Priorities {
        members,
        rule: Rule::Mean,
    })
}

/// Writes priorities in the format [`load_priorities`] reads.
pub fn priorities_to_csv(p: &Priorities) -> Vec<u8> {
    let mut header = vec!["member"];
    header.extend(Criterion::ALL.map(|c| c.key()));
    header.push("note");
    let rows: Vec<Vec<String>> = p
        .members
        .iter()
        .map(|m| {
            let mut row = vec![m.member.clone()];
            row.extend(m.counters.map(|c| c.to_string()));
            row.push(m.note.clone());
            row
        })
        .collect();
    table::to_csv(&header, &rows)
}

/// Warnings (not errors) about members not in the plans: allowed (a member
/// who has no plan yet, or a name typed differently), said so that staff
/// can check the spelling.
pub fn unknown_members(p: &Priorities, plans: &Plans) -> Vec<String> {
    let known: std::collections::HashSet<String> = plans
        .members
        .iter()
        .map(|m| names::key(&m.member))
        .collect();
    p.members
        .iter()
        .filter(|m| !m.anonymous() && !known.contains(&names::key(&m.member)))
        .map(|m| {
            format!(
                "{} has priorities but no plan: counted in the CO's weights; check the spelling if she has a plan",
                who(&m.member)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "member,true_cost,total_cost,affordability,access,insurance,services,fit,flexibility,note\n";

    #[test]
    fn reads_counters_empty_cells_are_zero() {
        let text = format!("{HEAD}Amina,4,2,,2,1,1,,,at the meeting\n,0,0,5,5,0,0,0,0,\n");
        let p = load_priorities("p.csv", text.as_bytes()).unwrap();
        assert_eq!(p.members.len(), 2);
        assert_eq!(p.members[0].counters, [4, 2, 0, 2, 1, 1, 0, 0]);
        assert_eq!(p.members[0].note, "at the meeting");
        assert!(p.members[1].anonymous());
        assert_eq!(p.members[1].shares()[Criterion::Access], 0.5);
        // Written and read again: the same.
        let again = load_priorities("p.csv", &priorities_to_csv(&p)).unwrap();
        assert_eq!(again, p);
    }

    #[test]
    fn every_error_at_once_naming_row_and_column() {
        let text = format!(
            "{HEAD}Amina,-1,2,,,,,,,\nBushra,two,,,,,,,,\nSaima,,,,,,,,,\nAmina,1,,,,,,,,\n,0,0,0,0,0,0,0,0,\nNida,2.5,,,,,,,,\n"
        );
        let e = load_priorities("p.csv", text.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("p.csv:2: column \"true_cost\": expected a whole number"),
            "{e}"
        );
        assert!(e.contains("found \"-1\""), "{e}");
        assert!(e.contains("p.csv:3: column \"true_cost\""), "{e}");
        assert!(e.contains("found \"two\""), "{e}");
        assert!(
            e.contains("p.csv:4: every counter of \"Saima\" is 0"),
            "{e}"
        );
        assert!(
            e.contains("p.csv:5: column \"member\": \"Amina\" is given twice: first at line 2"),
            "{e}"
        );
        assert!(
            e.contains("p.csv:6: every counter of an anonymous member is 0"),
            "{e}"
        );
        assert!(
            e.contains("p.csv:7: column \"true_cost\"") && e.contains("found \"2.5\""),
            "{e}"
        );
    }

    #[test]
    fn a_missing_column_is_named() {
        let e = load_priorities("p.csv", b"member,true_cost\nAmina,3\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("flexibility"), "{e}");
    }

    #[test]
    fn members_not_in_the_plans_are_warned_not_refused() {
        let doc = crate::data::study::StudyDoc::kasur().unwrap();
        let first = doc.plans.members[0].member.clone();
        let text = format!("{HEAD}{first},1,,,,,,,,\nNobody Here,1,,,,,,,,\n,1,,,,,,,,\n");
        let p = load_priorities("p.csv", text.as_bytes()).unwrap();
        let w = unknown_members(&p, &doc.plans);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("Nobody Here"));
    }

    #[test]
    fn kept_in_the_study_file_with_their_rule() {
        let mut doc = crate::data::study::StudyDoc::kasur().unwrap();
        let bytes = doc.to_bytes();
        assert!(!String::from_utf8_lossy(&bytes).contains("priorities"));
        doc.priorities = load_priorities(
            "p.csv",
            format!("{HEAD}Amina,4,2,,2,1,1,,,\n,0,0,5,5,0,0,0,0,anonymous round\n").as_bytes(),
        )
        .unwrap();
        doc.priorities.rule = Rule::Median;
        let again =
            crate::data::study::StudyDoc::from_bytes("s.mfistudy", &doc.to_bytes()).unwrap();
        assert_eq!(again.priorities, doc.priorities);
        // A bad row inside a study file names the file and its part.
        let text = String::from_utf8(doc.to_bytes())
            .unwrap()
            .replace(",4,2,", ",-4,2,");
        let e = crate::data::study::StudyDoc::from_bytes("s.mfistudy", text.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("s.mfistudy [priorities]:2: column \"true_cost\""),
            "{e}"
        );
    }
}
