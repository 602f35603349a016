//! The CO's vote in the Meeting view, driven headless with egui_kittest:
//! each member's vote recorded by clicks, carried or not in view, a vote
//! removed and brought back, a count by show of hands, the resolution
//! printed, the vote kept in the study file.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use mfi_app::dialogs::ScriptedDialogs;
use mfi_app::{Command, MfiApp, View, install_fonts};
use mfi_core::data::study::StudyDoc;
use mfi_core::data::votes::Choice;
use mfi_core::voice::tally::tally;
use std::path::PathBuf;

type H = Harness<'static, MfiApp>;

/// The built-in study cut to its first ten members: a CO whose vote is
/// clicked in full.
fn ten_members() -> StudyDoc {
    let mut doc = StudyDoc::kasur().expect("built-in study");
    doc.plans.members.truncate(10);
    doc
}

fn harness(doc: StudyDoc, dialogs: ScriptedDialogs) -> H {
    let app = MfiApp::new(doc, Box::new(dialogs));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(true)
        .with_context_setup(install_fonts)
        .build_eframe(move |_cc| app);
    h.state_mut().finish_work();
    h.run_ok();
    h
}

fn click(h: &mut H, name: &str) {
    h.get_by_role_and_label(Role::Button, name).click();
    h.run_ok();
}

fn votes(h: &mut H, option: &str, n: usize) {
    for _ in 0..n {
        click(h, &format!("Vote: {option}"));
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mfi-app-vote-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&d).ok();
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn a_vote_recorded_by_clicks_is_carried_then_not_then_again() {
    let dir = temp_dir("clicks");
    let pdf = dir.join("printed-resolution.pdf");
    let mut h = harness(
        ten_members(),
        ScriptedDialogs::choosing(vec![], vec![pdf.clone()]),
    );
    click(&mut h, "Meeting");
    click(&mut h, "Vote (0)");
    h.get_by_label("No vote recorded yet.");
    // The rule is stated on the page.
    h.get_by_label("Carried when at least");
    // Each member in turn: seven for Akhuwat, two for CWCD, one abstains.
    votes(&mut h, "Akhuwat", 7);
    votes(&mut h, "CWCD", 2);
    votes(&mut h, "Abstain", 1);
    let app = h.state();
    let names: Vec<String> = app
        .study
        .plans
        .members
        .iter()
        .map(|m| m.member.clone())
        .collect();
    let v = &app.study.votes;
    assert_eq!(v.members.len(), 10);
    assert_eq!(
        v.of(&names[0]).map(|m| &m.choice),
        Some(&Choice::For("Akhuwat".into()))
    );
    assert_eq!(
        v.of(&names[8]).map(|m| &m.choice),
        Some(&Choice::For("CWCD".into()))
    );
    assert_eq!(v.of(&names[9]).map(|m| &m.choice), Some(&Choice::Abstain));
    assert!(v.date.is_some(), "today's date, when none was typed");
    assert_eq!(v.place, "Rasool Nagar", "the CO's village");
    assert!(app.dirty);
    // Seven of the ten present: exactly 70%, carried.
    h.get_by_label("CARRIED");
    h.get_by_label_contains(
        "Akhuwat has 7 of the 10 votes of the members present (70.0%; at least 70% needed)",
    );
    // One of the seven removed: 6 of 9, not carried.
    click(&mut h, &format!("Remove the vote of {}", names[0]));
    h.get_by_label("NOT CARRIED");
    h.get_by_label_contains("Akhuwat has 6 of the 9 votes");
    let t = tally(
        &h.state().study.votes,
        &h.state().study.plans,
        h.state().study.settings.vote_rule(),
    );
    assert!(!t.carried && t.absent == 1);
    // Undo brings her vote back.
    h.state_mut().apply(Command::Undo);
    h.run_ok();
    h.get_by_label("CARRIED");
    // Her vote changed by choosing her and clicking again: 6 of 10.
    h.get_by_label("Who is voting").click();
    h.run_ok();
    h.get_by_role_and_label(Role::Button, &format!("{} (voted: for Akhuwat)", names[0]))
        .click();
    h.run_ok();
    click(&mut h, "Vote: Absent");
    h.get_by_label("NOT CARRIED");
    assert_eq!(
        h.state().study.votes.of(&names[0]).map(|m| &m.choice),
        Some(&Choice::Absent)
    );
    // The rule is a study setting: 60% carries 6 of 9.
    h.state_mut()
        .apply(Command::Edit(mfi_app::edit::Edit::SetVoteRule(
            rust_decimal::Decimal::from(60),
            rust_decimal::Decimal::from(50),
        )));
    h.run_ok();
    h.get_by_label("CARRIED");
    // Kept in the study file.
    let back = StudyDoc::from_bytes("s", &h.state().study.to_bytes()).unwrap();
    assert_eq!(back.votes, h.state().study.votes);
    assert_eq!(
        back.settings.vote_rule(),
        h.state().study.settings.vote_rule()
    );
    // The resolution printed from the view reads back carried.
    click(&mut h, "Print the resolution (PDF)…");
    h.get_by_label_contains("The resolution written to");
    let text = mfi_pdf::read_back::ReadBack::from_file(&pdf)
        .expect("reads back")
        .reading_text();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Result: CARRIED."), "{text}");
    assert!(
        text.contains("at least 60% of the members present"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_count_by_show_of_hands_keeps_no_names() {
    let mut h = harness(ten_members(), ScriptedDialogs::default());
    click(&mut h, "Meeting");
    click(&mut h, "Vote (0)");
    h.get_by_label("Count by show of hands (no names kept)")
        .click();
    h.run_ok();
    votes(&mut h, "Akhuwat", 5);
    votes(&mut h, "Kashf", 1);
    // Six of ten present: more than half; five of six, carried.
    h.get_by_label("CARRIED");
    click(&mut h, "Take back a vote: Kashf");
    click(&mut h, "Take back a vote: Akhuwat");
    // Four present of ten: not more than half.
    h.get_by_label("NOT CARRIED");
    h.get_by_label_contains("4 of the CO's 10 members were present");
    let v = &h.state().study.votes;
    assert_eq!(v.members.len(), 4);
    assert!(v.anonymous());
    assert_eq!(h.state().view, View::Meeting);
}

#[test]
fn a_votes_file_is_opened_with_its_problems_or_its_votes() {
    let dir = temp_dir("file");
    let bad = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/errors/votes-several-errors.csv");
    let good = dir.join("votes.csv");
    std::fs::write(&good, "member,vote\nKausar Karim,akhuwat\n,CWCD\n").unwrap();
    let saved = dir.join("saved.csv");
    let mut h = harness(
        StudyDoc::kasur().unwrap(),
        ScriptedDialogs::choosing(vec![bad, good], vec![saved.clone()]),
    );
    h.state_mut().apply(Command::OpenVotes);
    h.run_ok();
    assert_eq!(h.state().errors.len(), 4, "{:?}", h.state().errors);
    assert!(
        h.state().study.votes.is_empty(),
        "nothing taken from a bad file"
    );
    h.state_mut().apply(Command::OpenVotes);
    h.run_ok();
    assert_eq!(h.state().study.votes.members.len(), 2);
    assert_eq!(h.state().view, View::Meeting);
    h.get_by_label("NOT CARRIED");
    h.state_mut().apply(Command::SaveVotes);
    h.run_ok();
    let back =
        mfi_core::data::votes::load_votes("saved.csv", &std::fs::read(&saved).unwrap(), None)
            .unwrap();
    assert_eq!(back.members, h.state().study.votes.members);
    std::fs::remove_dir_all(&dir).ok();
}
