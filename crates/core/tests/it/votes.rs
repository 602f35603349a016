//! The CO's vote: the rule at its boundaries (exactly 70%, abstentions, the
//! quorum, a tie, everyone absent), the votes file's errors all at once,
//! and the vote kept in the study file with its date, place and rule.

use mfi_core::data::plans::{MicroInvestmentPlan, Plans};
use mfi_core::data::study::StudyDoc;
use mfi_core::data::votes::{Choice, VoteRule, Votes, load_votes, votes_to_csv};
use mfi_core::voice::tally::{Tally, tally};
use rust_decimal::Decimal;

/// A CO of `n` members, named M1..Mn.
fn co(n: usize) -> Plans {
    Plans {
        members: (1..=n)
            .map(|k| MicroInvestmentPlan::blank(&format!("M{k}"), "CO 1"))
            .collect(),
    }
}

/// The members of `plans` in order: the first `a` vote for A, the next `b`
/// for B, the next `abstain` abstain, the next `absent` say they are absent;
/// the rest have no row (absent).
fn vote(plans: &Plans, a: usize, b: usize, abstain: usize, absent: usize) -> Votes {
    let mut v = Votes::default();
    let mut names = plans.members.iter().map(|m| m.member.clone());
    for (n, c) in [
        (a, Choice::For("A".into())),
        (b, Choice::For("B".into())),
        (abstain, Choice::Abstain),
        (absent, Choice::Absent),
    ] {
        for _ in 0..n {
            v.set(&names.next().expect("enough members"), c.clone());
        }
    }
    v
}

fn count(members: usize, a: usize, b: usize, abstain: usize, absent: usize) -> Tally {
    let p = co(members);
    tally(&vote(&p, a, b, abstain, absent), &p, VoteRule::default())
}

#[test]
fn exactly_seventy_percent_of_those_present_carries() {
    // 7 of 10 present: 70%, carried.
    let t = count(10, 7, 3, 0, 0);
    assert_eq!(
        (t.votes_for, t.against, t.present, t.members),
        (7, 3, 10, 10)
    );
    assert_eq!(t.mfi.as_deref(), Some("A"));
    assert!(t.quorum_met && t.carried, "{t:?}");
    // 6 of 9 present (66.7%): not carried.
    let t = count(10, 6, 3, 0, 1);
    assert_eq!((t.present, t.absent), (9, 1));
    assert!(!t.carried, "{t:?}");
    // 14 of 20: exactly 70% again; 69 of 100 is not.
    assert!(count(20, 14, 6, 0, 0).carried);
    assert!(!count(100, 69, 31, 0, 0).carried);
    assert!(count(100, 70, 30, 0, 0).carried);
    // Absent members do not count against: 7 of 10 present in a CO of 12.
    let t = count(12, 7, 3, 0, 0);
    assert_eq!((t.present, t.absent, t.members), (10, 2, 12));
    assert!(t.carried);
}

#[test]
fn an_abstention_is_present_and_not_in_favour() {
    // 7 for, 3 abstain: 7 of 10 present, carried.
    let t = count(10, 7, 0, 3, 0);
    assert_eq!(
        (t.votes_for, t.against, t.abstain, t.present),
        (7, 0, 3, 10)
    );
    assert!(t.carried);
    // 7 for, 4 abstain: 7 of 11 (63.6%), not carried.
    let t = count(11, 7, 0, 4, 0);
    assert!(!t.carried, "{t:?}");
    assert!(t.sentence().contains("63.6%"), "{}", t.sentence());
    // for + against + abstain = present, always.
    for (a, b, ab, x) in [(3, 2, 1, 4), (0, 0, 5, 5), (5, 5, 0, 0), (1, 0, 0, 9)] {
        let t = count(10, a, b, ab, x);
        assert_eq!(t.votes_for + t.against + t.abstain, t.present, "{t:?}");
        assert_eq!(t.present + t.absent, t.members);
    }
}

#[test]
fn without_more_than_half_present_nothing_is_carried() {
    // 5 of 10 present, all for A: 100% of those present, but only half the CO.
    let t = count(10, 5, 0, 0, 0);
    assert_eq!((t.present, t.absent), (5, 5));
    assert!(!t.quorum_met && !t.carried, "{t:?}");
    assert!(
        t.sentence().contains("more than half must be present"),
        "{}",
        t.sentence()
    );
    // 6 of 10: more than half, carried.
    assert!(count(10, 6, 0, 0, 0).carried);
    // A stricter quorum, a lower threshold: the study's setting.
    let p = co(10);
    let rule = VoteRule {
        carried_percent: Decimal::from(60),
        quorum_percent: Decimal::from(60),
    };
    let t = tally(&vote(&p, 6, 0, 0, 0), &p, rule);
    assert!(!t.quorum_met, "6 of 10 is not more than 60%");
    let t = tally(&vote(&p, 4, 3, 0, 0), &p, rule);
    assert!(
        t.quorum_met && !t.carried,
        "4 of 7 (57%) is below 60%: {t:?}"
    );
    let t = tally(&vote(&p, 6, 1, 0, 0), &p, rule);
    assert!(t.carried, "6 of 7 (86%) with 7 of 10 present");
}

#[test]
fn everyone_absent_a_tie_and_no_vote_for_an_mfi_are_not_carried() {
    let t = count(10, 0, 0, 0, 10);
    assert_eq!((t.present, t.absent, t.members), (0, 10, 10));
    assert_eq!(t.mfi, None);
    assert!(!t.carried && !t.quorum_met);
    assert_eq!(t.share_for(), Decimal::ZERO);
    // No row at all: every member of the plans absent.
    let p = co(4);
    let t = tally(&Votes::default(), &p, VoteRule::default());
    assert_eq!((t.present, t.absent), (0, 4));
    // A tie: no MFI has the most votes, even at 50% with a rule of 50%.
    let rule = VoteRule {
        carried_percent: Decimal::from(50),
        ..VoteRule::default()
    };
    let p = co(10);
    let t = tally(&vote(&p, 5, 5, 0, 0), &p, rule);
    assert_eq!(t.mfi, None);
    assert_eq!(t.tied, vec!["A".to_string(), "B".to_string()]);
    assert!(!t.carried);
    assert!(t.sentence().contains("A and B tie"), "{}", t.sentence());
    // Everyone abstains.
    let t = count(10, 0, 0, 10, 0);
    assert!(!t.carried && t.mfi.is_none());
    // No plans and no votes: nothing to divide by.
    let t = tally(&Votes::default(), &Plans::default(), VoteRule::default());
    assert_eq!((t.members, t.carried), (0, false));
}

#[test]
fn an_anonymous_count_and_names_as_read() {
    let p = co(10);
    let mut v = Votes::default();
    for _ in 0..7 {
        v.set("", Choice::For("A".into()));
    }
    v.set("", Choice::For("a".into()));
    v.set("", Choice::Abstain);
    let t = tally(&v, &p, VoteRule::default());
    // "A" and "a" read the same: one MFI with 8 votes.
    assert_eq!(t.by_mfi, vec![("A".to_string(), 8)]);
    assert_eq!((t.present, t.absent, t.members), (9, 1, 10));
    assert!(t.carried);
    // More voices than plans: the CO is at least as large as the count.
    let mut v = Votes::default();
    for _ in 0..12 {
        v.set("", Choice::For("A".into()));
    }
    let t = tally(&v, &p, VoteRule::default());
    assert_eq!((t.members, t.absent), (12, 0));
    // A member who voted and has no plan is one more member.
    let mut v = vote(&p, 7, 0, 0, 0);
    v.set("Someone Else", Choice::For("A".into()));
    let t = tally(&v, &p, VoteRule::default());
    assert_eq!(t.members, 11);
    // Setting a vote again replaces it, names compared as they read.
    v.set("  m1 ", Choice::Abstain);
    assert_eq!(v.of("M1").map(|m| &m.choice), Some(&Choice::Abstain));
    assert_eq!(v.members.len(), 8);
}

fn kasur_mfis() -> Vec<String> {
    let doc = StudyDoc::kasur().unwrap();
    mfi_core::report::resolution::vote_options(&doc)
}

#[test]
fn a_votes_file_reports_every_problem_at_once_and_loses_nothing() {
    let bytes = std::fs::read(super::data::error_file("votes-several-errors.csv")).unwrap();
    let e = load_votes("votes.csv", &bytes, Some(&kasur_mfis()))
        .unwrap_err()
        .0;
    let text: Vec<String> = e.iter().map(|x| x.to_string()).collect();
    assert_eq!(text.len(), 4, "{text:#?}");
    // A good file: every row kept, the MFIs spelled as the study spells them.
    let good = "member,vote,note\nKausar Karim,AKHUWAT,\nSajida Naeem, cwcd ,far\nLubna Nawaz,Abstain,\nTanveer Hussain,absent,\n,Akhuwat,\n";
    let v = load_votes("votes.csv", good.as_bytes(), Some(&kasur_mfis())).unwrap();
    assert_eq!(v.members.len(), 5);
    assert_eq!(v.members[0].choice, Choice::For("Akhuwat".into()));
    assert_eq!(v.members[1].choice, Choice::For("CWCD".into()));
    assert_eq!(v.members[1].note, "far");
    let back = load_votes("votes.csv", &votes_to_csv(&v), Some(&kasur_mfis())).unwrap();
    assert_eq!(back, v);
    // A missing column is named.
    let e = load_votes("votes.csv", b"member,choice\nA,B\n", Some(&kasur_mfis()))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("column \"vote\": this required column is missing"),
        "{e}"
    );
}

#[test]
fn the_vote_is_kept_in_the_study_file_with_its_date_place_and_rule() {
    let mut doc = StudyDoc::kasur().unwrap();
    assert!(!String::from_utf8_lossy(&doc.to_bytes()).contains("\"votes\""));
    let names: Vec<String> = doc.plans.members.iter().map(|m| m.member.clone()).collect();
    for n in &names[..30] {
        doc.votes.set(n, Choice::For("Akhuwat".into()));
    }
    doc.votes.set(&names[30], Choice::Abstain);
    doc.votes.set("", Choice::For("CWCD".into()));
    doc.votes.date = mfi_core::date::Date::parse("2026-11-22");
    doc.votes.place = "Rasool Nagar".into();
    doc.settings.vote_carried_percent = Decimal::from(75);
    let again = StudyDoc::from_bytes("s.mfistudy", &doc.to_bytes()).unwrap();
    assert_eq!(again.votes, doc.votes);
    assert_eq!(again.settings.vote_rule(), doc.settings.vote_rule());
    // A bad row and a bad date inside a study file name the file and part.
    let text = String::from_utf8(doc.to_bytes())
        .unwrap()
        .replace(",abstain,", ",,")
        .replace("2026-11-22", "22/11/2026");
    let e = StudyDoc::from_bytes("s.mfistudy", text.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("s.mfistudy [votes]:32: column \"vote\""), "{e}");
    assert!(
        e.contains(
            "\"votes_date\": expected the day of the vote like 2026-11-22, found \"22/11/2026\""
        ),
        "{e}"
    );
    // An MFI renamed after the vote: the study still opens, with a warning.
    let mut renamed = doc.clone();
    if let Some(i) = renamed
        .matrix
        .institutions
        .iter_mut()
        .find(|i| i.name == "Akhuwat")
    {
        i.name = "Akhuwat Foundation".into();
    }
    let back = StudyDoc::from_bytes("s.mfistudy", &renamed.to_bytes()).unwrap();
    let w = mfi_core::data::votes::warnings(
        &back.votes,
        &back.plans,
        &mfi_core::report::resolution::vote_options(&back),
    );
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("\"Akhuwat\" was voted for but is not an MFI of the study now"));
}
