//! The real app driven headless with egui_kittest: found by role and label,
//! clicked and typed into the way a person does (one key event per frame),
//! checked on the study it holds and on its screen.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use mfi_app::dialogs::{Answer, ScriptedDialogs};
use mfi_app::edit::{Field, PlanPart};
use mfi_app::{Command, MfiApp, View, install_fonts};
use mfi_core::data::matrix::Param;
use mfi_core::data::matrix::{MarkupQuote, Value};
use mfi_core::data::study::StudyDoc;
use rust_decimal::Decimal;
use std::path::PathBuf;

type H = Harness<'static, MfiApp>;

fn app_with(dialogs: ScriptedDialogs) -> MfiApp {
    MfiApp::new(
        StudyDoc::kasur().expect("built-in study"),
        Box::new(dialogs),
    )
}

/// The app in a window of `size` points at `zoom`; `checked`: every
/// control must have an accessible name.
fn harness_built(app: MfiApp, size: [f32; 2], zoom: f32, checked: bool) -> H {
    let mut h = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(zoom)
        .with_accessibility_check(checked)
        .with_context_setup(install_fonts)
        .build_eframe(move |_cc| app);
    h.run_ok();
    h
}

fn harness_sized(app: MfiApp, size: [f32; 2], zoom: f32) -> H {
    harness_built(app, size, zoom, true)
}

/// A harness that does not check that every control has an accessible
/// name: the app's own file dialog comes from egui_file, whose path and file
/// name fields have none (the app's own controls are checked everywhere else).
fn harness_unchecked(app: MfiApp) -> H {
    harness_built(app, [1280.0, 800.0], 1.0, false)
}

fn harness_with(app: MfiApp) -> H {
    harness_sized(app, [1280.0, 800.0], 1.0)
}

fn harness() -> H {
    harness_with(app_with(ScriptedDialogs::default()))
}

/// Waits for the work on other threads (the evaluation, the stability's
/// draws), then draws: a snapshot taken while the stability is computing
/// would show its spinner or not as the machine happens to be busy.
fn settle(h: &mut H) {
    h.state_mut().finish_work();
    h.run_ok();
}

fn tab(h: &mut H, name: &str) {
    h.get_by_role_and_label(Role::Button, name).click();
    h.run_ok();
}

fn click(h: &mut H, name: &str) {
    h.get_by_role_and_label(Role::Button, name).click();
    h.run_ok();
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mfi-app-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&d).ok();
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Selects everything in the field labelled `label`, then types `text` as a
/// person does: one key event per frame, the field checked after each key to
/// show exactly what was typed so far.
fn type_into(h: &mut H, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run_ok();
    h.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    h.step();
    let mut typed = String::new();
    for c in text.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.step();
        typed.push(c);
        let shown = cell(h, label);
        assert_eq!(
            shown, typed,
            "{label}: after typing {typed:?} the field shows {shown:?}"
        );
    }
}

/// Presses Enter, which reads the field being edited.
fn enter(h: &mut H) {
    h.key_press(egui::Key::Enter);
    h.run_ok();
}

/// What the text field labelled `label` shows.
fn cell(h: &H, label: &str) -> String {
    h.get_by_role_and_label(Role::TextInput, label)
        .value()
        .unwrap_or_default()
}

fn kashf_product(h: &H, key: &str) -> Option<Value> {
    h.state()
        .study
        .matrix
        .institution("Kashf")
        .expect("Kashf")
        .products[0]
        .facts
        .get(&Param::from_key(key).unwrap())
        .and_then(|f| f.value.clone())
}

#[test]
fn opens_on_the_built_in_study_and_visits_every_view() {
    let mut h = harness();
    assert_eq!(h.state().view, View::Compare);
    // The built-in study cannot tell yet: no MFI is recommended, never a
    // plain "Recommended", with the reason in words beside it.
    h.get_by_label("No MFI can be recommended yet");
    h.get_by_label_contains("The study does not know enough to choose");
    assert!(h.query_by_label_contains("Recommended: Akhuwat").is_none());
    h.get_by_label_contains("Stability: Akhuwat comes first");
    h.get_by_label_contains("This is the built-in example");
    tab(&mut h, "MFI matrix");
    assert_eq!(h.state().view, View::Matrix);
    h.get_by_label("Office location");
    h.get_by_label("CWCD: office");
    tab(&mut h, "Members' plans");
    h.get_by_label_contains("Loan needed: Rs 25,400");
    tab(&mut h, "Repayment");
    assert_eq!(h.get_all_by_label("Each instalment").count(), 3);
    h.get_by_label("Rs 2,117");
    // Her last instalment differs (rounding): eleven of Rs 2,117, then Rs
    // 2,113, never "x 12" of Rs 2,117 (Rs 4 more than she pays back).
    assert!(h.query_all_by_label("Then the last payment").count() >= 1);
    h.get_by_label("Rs 2,113");
    tab(&mut h, "Weights");
    h.get_by_label("Weight of true cost (APR)");
    tab(&mut h, "Compare");
    h.get_by_label_contains("Members served by each MFI");
    // The score's parts are points, not the figures they stand for.
    h.get_by_label("true cost (APR): points");
    h.get_by_label("Score (points)");
}

#[test]
fn unknown_terms_show_as_ranges_and_the_facts_to_ask_first_are_listed() {
    let mut h = harness();
    let st = h.state().stability.clone().expect("stability");
    let data = st.data_only.as_ref().expect("draws over the data");
    assert!(data.share("Akhuwat") < 1.0);
    assert!(!st.sentence.contains("100%"), "{}", st.sentence);
    h.get_by_label("What to ask first");
    for a in st.ask_first.iter().take(3) {
        h.get_by_label(&format!(
            "•  {}",
            mfi_core::output::score::ask_first_line(a)
        ));
    }
    // Her best offer's figures, as the evaluation holds them, both ends.
    let (rate, repaid) = {
        let app = h.state();
        let k = app.eval.members[0].ranked[0];
        let l = app.eval.pairs[k].loan.clone().expect("a loan");
        assert!(l.uncertain());
        let (a, t) = (l.apr_ends(), l.total_repaid_ends());
        (
            mfi_core::money::rate_range(a.low, a.high),
            mfi_core::money::rs_range(t.low, t.high),
        )
    };
    assert!(rate.contains(" - "), "{rate}");
    h.get_by_label(&rate);
    h.get_by_label(&repaid);
    // An offer open to her only if its MFI confirms facts says so.
    let unknown = {
        let app = h.state();
        let k = app.eval.members[0].ranked[0];
        app.eval.pairs[k].to_verify.len()
    };
    h.get_by_label(&format!(
        "Akhuwat / Qard-e-hasan loan (eligible if Akhuwat confirms {unknown} facts)"
    ));
    // Her cards: the cost from none to the highest documentation charge
    // the study states, and a line saying why.
    tab(&mut h, "Repayment");
    assert!(h.get_all_by_label("Rs 480").count() >= 1);
    assert!(h.get_all_by_label("Rs 0").count() >= 1);
    assert!(
        h.get_all_by_label_contains("Some of its terms are unknown")
            .count()
            >= 1
    );
    // The weights view shows the three kinds of draws.
    tab(&mut h, "Weights");
    h.get_by_label("The unknown facts and the weights drawn");
    h.get_by_label("The unknown facts drawn");
    h.get_by_label("The weights alone drawn (the unknown facts as the study assumes them)");
}

#[test]
fn moving_a_weight_changes_the_recommendation_and_its_stability() {
    let mut h = harness();
    tab(&mut h, "Weights");
    let before = h.state().stability.clone().expect("stability");
    assert_eq!(before.recommended, "Akhuwat");
    // The interval says CWCD takes over above 36% for extra services.
    h.get_by_label("Weight of extra services")
        .set_value_accesskit(60.0);
    h.run_ok();
    let app = h.state();
    assert!(
        (app.study.weights.normalised()[5] - 0.60).abs() < 0.01,
        "{:?}",
        app.study.weights.normalised()
    );
    assert_eq!(app.eval.recommended().map(|r| r.mfi.as_str()), Some("CWCD"));
    assert!(app.dirty);
    // First by CO score, not "recommended": the study's verdict beside it.
    h.get_by_label_contains("First by CO score now: CWCD");
    assert!(
        h.query_all_by_label_contains("Recommended now")
            .next()
            .is_none()
    );
    // A preset puts it back.
    click(&mut h, "balanced");
    assert_eq!(
        h.state().eval.recommended().map(|r| r.mfi.as_str()),
        Some("Akhuwat")
    );
}

#[test]
fn an_amount_typed_key_by_key_is_kept_exactly() {
    let mut h = harness();
    tab(&mut h, "Members' plans");
    let label = "Kausar Karim: Item 1 cost";
    assert_eq!(cell(&h, label), "15,900");
    // 18000 over 15,900: each key shows as typed, nothing regrouped under
    // the cursor, and the study is not changed while she types.
    type_into(&mut h, label, "18000");
    assert_eq!(
        h.state().study.plans.members[0].items[0].cost,
        Decimal::from(15_900)
    );
    enter(&mut h);
    assert_eq!(
        h.state().study.plans.members[0].items[0].cost,
        Decimal::from(18_000)
    );
    assert_eq!(cell(&h, label), "18,000");
    // Items 18,000 + 14,000 - own 4,500 = 27,500, and the offers follow.
    h.get_by_label_contains("Loan needed: Rs 27,500");
    assert_eq!(h.state().eval.members[0].loan_needed, Decimal::from(27_500));
    tab(&mut h, "Repayment");
    let (offers, _) = h
        .state()
        .repayment_view
        .offers(&h.state().study, &h.state().eval, 0);
    assert!(
        offers
            .iter()
            .all(|o| o.priced.terms.amount == Decimal::from(27_500))
    );
    // Sales typed with the grouping commas work too.
    tab(&mut h, "Members' plans");
    type_into(&mut h, "Kausar Karim: Sales a month (Rs)", "9,100");
    enter(&mut h);
    assert_eq!(
        h.state().study.plans.members[0].monthly_sales,
        Decimal::from(9_100)
    );
    assert!(h.state().dirty);
}

#[test]
fn matrix_cells_typed_key_by_key_hold_what_was_typed() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    // A yes/no cell.
    type_into(&mut h, "Kashf: group_lending", "yes");
    enter(&mut h);
    let kashf = &h
        .state()
        .study
        .matrix
        .institution("Kashf")
        .expect("Kashf")
        .facts;
    assert_eq!(kashf[&Param::GroupLending].value, Some(Value::Flag(true)));
    assert_eq!(
        kashf[&Param::GroupLending].provenance.source,
        "edited in the app"
    );
    assert_eq!(cell(&h, "Kashf: group_lending"), "yes");
    // A range and a percentage, in the products' table.
    tab(&mut h, "Loan products");
    type_into(&mut h, "Kashf / Business loan: amount", "10000-25000");
    enter(&mut h);
    assert_eq!(
        kashf_product(&h, "amount"),
        Some(Value::Range(Decimal::from(10_000), Decimal::from(25_000)))
    );
    assert_eq!(cell(&h, "Kashf / Business loan: amount"), "10,000-25,000");
    type_into(&mut h, "Kashf / Business loan: markup", "22.5%");
    enter(&mut h);
    assert_eq!(
        kashf_product(&h, "markup"),
        Some(Value::Markup(MarkupQuote::Rate(Decimal::new(225, 1))))
    );
    assert_eq!(cell(&h, "Kashf / Business loan: markup"), "22.5%");
}

/// Where the text field labelled `label` is.
fn cell_rect(h: &H, label: &str) -> egui::Rect {
    h.get_by_role_and_label(Role::TextInput, label).rect()
}

/// Turns the mouse wheel at `at`: `dy` points, positive up.
fn wheel(h: &mut H, at: egui::Pos2, dy: f32) {
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    // The wheel's scrolling is smoothed over frames: until it settles.
    for _ in 0..20 {
        if h.run_ok().is_some() {
            break;
        }
    }
}

/// The name of a matrix row, as the table of names shows it.
fn row_name(h: &H, label: &str) -> egui::Rect {
    h.get_by_role_and_label(Role::Label, label).rect()
}

#[test]
fn on_a_projector_the_parameters_stay_in_view_beside_the_last_mfi() {
    // 1024 x 768 at 150%: three MFIs fit beside the parameters' names.
    let (w, ht) = (1024.0 / 1.5, 768.0 / 1.5);
    let mut h = harness_sized(app_with(ScriptedDialogs::default()), [w, ht], 1.5);
    tab(&mut h, "MFI matrix");
    let names = row_name(&h, "Parameter");
    eprintln!(
        "TOP {:?} {:?} {:?} {:?}",
        names,
        row_name(&h, "Asasah"),
        row_name(&h, "Office location"),
        cell_rect(&h, "Asasah: office")
    );
    let last = mfi_core::data::matrix::PARAMS
        .iter()
        .rfind(|s| s.level.on_institution())
        .expect("a parameter");
    // Down to the last row with the wheel over the cells: the names follow.
    let at = cell_rect(&h, "Kashf: office").center();
    wheel(&mut h, at, -5_000.0);
    for n in h.query_all_by_role(Role::Label) {
        eprintln!(
            "DBG {:?} {:?}",
            format!("{n:?}").chars().take(160).collect::<String>(),
            n.rect()
        );
    }
    for n in h.query_all_by_role(Role::TextInput) {
        eprintln!(
            "DBGT {:?} {:?}",
            format!("{n:?}").chars().take(160).collect::<String>(),
            n.rect()
        );
    }
    let field = format!("Asasah: {}", last.key);
    let level = |h: &H, name: &str, field: &str| {
        let (name, cell) = (row_name(h, name), cell_rect(h, field));
        // Level: the field is a little taller than the name's text, and
        // a row is 28 points high.
        assert!(
            (name.top() - cell.top()).abs() < 3.0,
            "the name {name:?} and its cell {cell:?} are not level"
        );
        assert!(name.max.x <= cell.min.x, "{name:?} {cell:?}");
    };
    level(&h, last.label, &format!("Kashf: {}", last.key));
    // The last MFI's cell of that row, brought into view sideways as when
    // staff tab to it: the names stay where they were.
    h.get_by_role_and_label(Role::TextInput, &field).focus();
    h.run_ok();
    let cell = cell_rect(&h, &field);
    assert!(cell.max.x <= w + 0.5 && cell.max.y <= ht + 0.5, "{cell:?}");
    assert_eq!(row_name(&h, "Parameter").min.x, names.min.x);
    level(&h, last.label, &field);
    // Typed there, the value is read as in any cell.
    type_into(&mut h, &field, "yes");
    enter(&mut h);
    let asasah = &h
        .state()
        .study
        .matrix
        .institution("Asasah")
        .expect("Asasah")
        .facts;
    assert!(
        asasah[&last.param].value.is_some(),
        "{:?}",
        asasah[&last.param]
    );
    // Back to the top with the wheel over the names: the cells follow.
    let at = row_name(&h, last.label).center();
    wheel(&mut h, at, 5_000.0);
    level(&h, "Office location", "Asasah: office");
}

#[test]
fn an_invalid_cell_stays_red_changes_nothing_and_is_listed_before_saving() {
    let dir = temp_dir("invalid");
    let path = dir.join("s.mfistudy");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![],
        vec![path.clone()],
    )));
    tab(&mut h, "MFI matrix");
    tab(&mut h, "Loan products");
    let before = h.state().study.matrix.clone();
    let label = "Kashf / Business loan: markup";
    type_into(&mut h, label, "22,5%");
    enter(&mut h);
    // As typed, with its message in the line kept for it; the study as it was.
    assert_eq!(cell(&h, label), "22,5%");
    // The message names the row as the matrix does ("Mark up").
    assert!(
        h.get_all_by_label_contains(
            "Kashf / Business loan: Mark up: expected a percentage like 22%"
        )
        .count()
            >= 1
    );
    assert_eq!(h.state().study.matrix, before);
    assert!(!h.state().dirty);
    // Saving lists it and waits.
    h.state_mut().dirty = true;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_ok();
    h.get_by_label_contains("1 field(s) hold text that could not be read");
    assert!(!path.exists());
    // Going back to it focuses the field, still as typed.
    click(&mut h, "Go back to it");
    assert!(h.get_by_role_and_label(Role::TextInput, label).is_focused());
    assert_eq!(cell(&h, label), "22,5%");
    // Saving without it keeps the last confirmed value, and says so.
    h.key_press(egui::Key::Escape);
    h.run_ok();
    assert_eq!(
        cell(&h, label),
        "22%",
        "Escape puts the confirmed value back"
    );
    type_into(&mut h, label, "22,5%");
    enter(&mut h);
    h.state_mut().apply(Command::SaveStudy);
    h.run_ok();
    click(&mut h, "Save without them");
    assert!(path.exists());
    let saved = StudyDoc::open(&path).expect("saved study opens");
    assert_eq!(saved.matrix, before);
    assert!(!h.state().dirty);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn edits_and_removals_are_undone_and_redone() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    tab(&mut h, "Loan products");
    type_into(&mut h, "Kashf / Business loan: markup", "10%");
    enter(&mut h);
    assert_eq!(
        kashf_product(&h, "markup"),
        Some(Value::Markup(MarkupQuote::Rate(Decimal::from(10))))
    );
    // Ctrl+Z with no field being edited undoes the change, and the scores follow.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_ok();
    assert_eq!(
        kashf_product(&h, "markup"),
        Some(Value::Markup(MarkupQuote::Rate(Decimal::from(22))))
    );
    assert_eq!(cell(&h, "Kashf / Business loan: markup"), "22%");
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run_ok();
    assert_eq!(
        kashf_product(&h, "markup"),
        Some(Value::Markup(MarkupQuote::Rate(Decimal::from(10))))
    );
    // A removal says what was removed and offers to undo it at once.
    tab(&mut h, "Institutions");
    let count = |h: &H| h.state().study.matrix.institutions.len();
    assert_eq!(count(&h), 7);
    click(&mut h, "Remove institution");
    assert_eq!(count(&h), 6);
    h.get_by_label("Removed Asasah");
    click(&mut h, "Undo");
    assert_eq!(count(&h), 7);
    assert_eq!(h.state().study.matrix.institutions[0].name, "Asasah");
    // The Edit menu does the same, naming what it undoes.
    click(&mut h, "Edit");
    h.get_by_label_contains("Redo: Removed Asasah").click();
    h.run_ok();
    assert_eq!(count(&h), 6);
    // A member, too.
    tab(&mut h, "Members' plans");
    let members = h.state().study.plans.members.len();
    h.state_mut().selected_member = 2;
    h.run_ok();
    let third = h.state().study.plans.members[2].member.clone();
    click(&mut h, "Remove member");
    assert_eq!(h.state().study.plans.members.len(), members - 1);
    click(&mut h, "Undo");
    assert_eq!(h.state().study.plans.members.len(), members);
    assert_eq!(h.state().study.plans.members[0].member, "Kausar Karim");
    // The member brought back is the one shown again.
    assert_eq!(h.state().selected_member, 2);
    assert_eq!(h.state().study.plans.members[2].member, third);
}

#[test]
fn a_study_is_saved_and_reopened_as_one_file() {
    let dir = temp_dir("save");
    let path = dir.join("kasur.mfistudy");
    let dialogs = ScriptedDialogs::choosing(vec![path.clone()], vec![path.clone()]);
    let mut h = harness_with(app_with(dialogs));
    tab(&mut h, "Weights");
    h.get_by_label("Weight of access").set_value_accesskit(40.0);
    h.run_ok();
    let weights = h.state().study.weights.raw;
    click(&mut h, "Study");
    click(&mut h, "Save study as…");
    assert!(path.exists());
    assert!(!h.state().dirty, "{}", h.state().status);
    assert_eq!(h.state().persisted.recent.first(), Some(&path));
    assert_eq!(h.state().window_title(), "kasur.mfistudy - MFI compare");
    // Change something, then open the saved study again.
    click(&mut h, "lowest-cost");
    assert!(h.state().dirty);
    assert_eq!(h.state().window_title(), "kasur.mfistudy • - MFI compare");
    h.state_mut().apply(Command::OpenStudy);
    h.run_ok();
    // The change is unsaved: opening asks first.
    click(&mut h, "Discard the changes");
    let app = h.state();
    assert!(!app.dirty, "{:?} {}", app.errors, app.status);
    for (a, b) in app.study.weights.raw.iter().zip(weights) {
        assert!((a - b).abs() < 1e-9);
    }
    assert_eq!(
        app.study.matrix,
        StudyDoc::kasur().expect("built-in").matrix
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn without_a_system_dialog_the_apps_own_dialog_saves() {
    let dir = temp_dir("no-portal");
    let mut h = harness_unchecked(app_with(ScriptedDialogs {
        opens: vec![],
        saves: vec![Answer::Unavailable(
            "the system's file dialog did not open".into(),
        )],
    }));
    // The app's dialog starts in the study's folder.
    h.state_mut().study_path = Some(dir.join("kasur.mfistudy"));
    h.state_mut().dirty = true;
    h.state_mut().apply(Command::SaveStudyAs);
    h.run_ok();
    // It says what happened, and shows its own dialog.
    h.get_by_label_contains("the system's file dialog did not open");
    h.get_by_label_contains("Save the study");
    assert!(h.state().dirty, "nothing saved yet");
    // The app's dialog offers the suggested name: saving writes it.
    click(&mut h, "Save");
    let saved = dir.join("study.mfistudy");
    assert!(saved.exists(), "{}", h.state().status);
    assert!(!h.state().dirty);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn save_and_close_closes_only_after_a_save() {
    let dir = temp_dir("close");
    let path = dir.join("s.mfistudy");
    // The dialog is cancelled the first time, answered the second.
    let mut h = harness_with(app_with(ScriptedDialogs {
        opens: vec![],
        saves: vec![Answer::Cancelled, Answer::Chosen(path.clone())],
    }));
    tab(&mut h, "Weights");
    click(&mut h, "lowest-cost");
    assert!(h.state().dirty);
    let close = |h: &mut H| {
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        h.run_ok();
    };
    close(&mut h);
    h.get_by_label("The study has unsaved changes.");
    click(&mut h, "Save and close");
    assert!(!h.state().closing(), "a cancelled save does not close");
    assert!(h.state().dirty);
    h.get_by_label_contains("The study was not saved, so the window stays open");
    close(&mut h);
    click(&mut h, "Save and close");
    assert!(path.exists());
    assert!(h.state().closing());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_bad_file_shows_the_error_panel_and_keeps_the_study() {
    let dir = temp_dir("bad");
    let bad = dir.join("matrix.csv");
    std::fs::write(
        &bad,
        "institution,product,parameter,value\nKashf,,office,Kasur\nKashf,Loan,markup,\"22,5%\"\n",
    )
    .expect("write");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![bad.clone()],
        vec![],
    )));
    let before = h.state().study.matrix.clone();
    h.state_mut().apply(Command::OpenMatrix);
    h.run_ok();
    let expected = format!(
        "{}:3: column \"value\": markup: expected a percentage like 22%",
        bad.display()
    );
    h.get_by_label_contains(&expected);
    h.get_by_label_contains("1 problem(s) in the file; nothing was changed");
    assert_eq!(h.state().study.matrix, before);
    // Saving into a folder that cannot be written says so and keeps the study.
    let missing = dir.join("no such folder").join("s.mfistudy");
    h.state_mut().dialogs = Box::new(ScriptedDialogs::choosing(vec![], vec![missing.clone()]));
    h.state_mut().dirty = true;
    h.state_mut().apply(Command::SaveStudyAs);
    h.run_ok();
    assert!(h.state().dirty);
    h.get_by_label_contains("The study was NOT saved");
    assert!(!missing.exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn snapshots_of_the_main_views() {
    let mut h = harness();
    settle(&mut h);
    h.snapshot("compare");
    for (name, file) in [
        ("MFI matrix", "matrix"),
        ("Members' plans", "plans"),
        ("Repayment", "repayment"),
        ("Weights", "weights"),
    ] {
        tab(&mut h, name);
        settle(&mut h);
        h.snapshot(file);
    }
}

/// No two of the top bar's controls overlap.
fn assert_top_bar_apart(h: &H) {
    let mut rects: Vec<(String, egui::Rect)> = Vec::new();
    for name in [
        "Study",
        "Edit",
        "MFI matrix",
        "Members' plans",
        "Compare",
        "Repayment",
        "Weights",
        "Meeting",
        "Export report (PDF)",
        "English",
        "Urdu",
    ] {
        rects.push((name.into(), h.get_by_label(name).rect()));
    }
    let study = h.get_by_label_contains("Rasool Nagar").rect();
    rects.push(("study name".into(), study));
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            assert!(
                !ra.shrink(1.0).intersects(rb.shrink(1.0)),
                "{a} {ra:?} overlaps {b} {rb:?}"
            );
        }
    }
}

#[test]
fn narrow_windows_and_zoom_never_overlap_the_top_bar() {
    // 1024 x 768 pixels at 150%, 1280 at 150%, and 800 pixels at 100%.
    for (size, zoom) in [
        ([1024.0, 768.0], 1.5),
        ([1280.0, 800.0], 1.5),
        ([800.0, 600.0], 1.0),
    ] {
        let mut h = harness_sized(
            app_with(ScriptedDialogs::default()),
            [size[0] / zoom, size[1] / zoom],
            zoom,
        );
        assert_top_bar_apart(&h);
        tab(&mut h, "Repayment");
        assert_top_bar_apart(&h);
    }
}

#[test]
fn snapshot_at_1024_by_768_and_150_percent() {
    let mut h = harness_sized(
        app_with(ScriptedDialogs::default()),
        [1024.0 / 1.5, 768.0 / 1.5],
        1.5,
    );
    settle(&mut h);
    h.snapshot("compare-1024x768-150");
    tab(&mut h, "Repayment");
    settle(&mut h);
    h.snapshot("repayment-1024x768-150");
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness();
    tab(&mut h, "Weights");
    click(&mut h, "lowest-cost");
    assert!(h.state().dirty);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_ok();
    h.get_by_label("The study has unsaved changes.");
    click(&mut h, "Cancel");
    assert!(h.query_by_label("The study has unsaved changes.").is_none());
    assert!(h.state().dirty, "nothing was lost");
    assert!(!h.state().closing());
}

#[test]
fn institutions_and_products_are_added_renamed_duplicated_and_removed() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    let count = |h: &H| h.state().study.matrix.institutions.len();
    assert_eq!(count(&h), 7);
    click(&mut h, "Add institution");
    assert_eq!(count(&h), 8);
    type_into(&mut h, "New MFI: name", "Sarhad Rural Support");
    enter(&mut h);
    assert_eq!(
        h.state().study.matrix.institutions[7].name,
        "Sarhad Rural Support"
    );
    // A name already taken is refused, and the study keeps the old one.
    type_into(&mut h, "Sarhad Rural Support: name", "Kashf");
    enter(&mut h);
    h.get_by_label_contains("\"Kashf\" is taken");
    assert_eq!(
        h.state().study.matrix.institutions[7].name,
        "Sarhad Rural Support"
    );
    h.key_press(egui::Key::Escape);
    h.run_ok();
    click(&mut h, "Duplicate product");
    let inst = &h.state().study.matrix.institutions[7];
    assert_eq!(
        inst.products
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Loan", "Loan (copy)"]
    );
    click(&mut h, "Remove product");
    click(&mut h, "Duplicate institution");
    assert_eq!(count(&h), 9);
    click(&mut h, "Remove institution");
    click(&mut h, "Remove institution");
    assert_eq!(count(&h), 7);
    assert!(h.state().dirty);
}

#[test]
fn the_report_is_exported_from_a_button() {
    let dir = temp_dir("report");
    let path = dir.join("report.pdf");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![],
        vec![path.clone()],
    )));
    click(&mut h, "Export report (PDF)");
    assert!(std::fs::read(&path).expect("written").starts_with(b"%PDF"));
    h.get_by_label_contains("Report written to");
    std::fs::remove_dir_all(&dir).ok();
}

/// Study > Print forms: the blank forms, and the forms filled from the
/// study, read back (the filled one names an MFI of the study and what to
/// ask it).
#[test]
fn the_field_forms_are_printed_from_the_study_menu() {
    let dir = temp_dir("forms");
    let (blank, filled) = (dir.join("blank"), dir.join("filled.pdf"));
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![],
        vec![blank.clone(), filled.clone()],
    )));
    click(&mut h, "Study");
    click(&mut h, "Print blank forms (PDF)…");
    h.get_by_label_contains("Forms written to");
    click(&mut h, "Study");
    click(&mut h, "Print forms with this study's answers (PDF)…");
    let read = |p: &std::path::Path| {
        mfi_pdf::read_back::ReadBack::from_file(p)
            .expect("the forms read back")
            .reading_text()
    };
    // A name typed without ".pdf" gets it.
    let blank_text = read(&blank.with_extension("pdf"));
    assert!(blank_text.contains("MFI survey") && blank_text.contains("Micro Investment Plan"));
    let filled_text = read(&filled);
    assert!(filled_text.contains("MFI survey: Akhuwat"));
    assert!(filled_text.contains("[to ask]"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_new_blank_study_starts_from_the_templates() {
    let mut h = harness();
    click(&mut h, "Study");
    click(&mut h, "New blank study");
    let app = h.state();
    assert_eq!(app.study.matrix.institutions.len(), 1);
    assert_eq!(app.study.plans.members.len(), 1);
    assert!(app.study_path.is_none());
    assert!(!app.is_builtin_example());
    assert!(
        h.query_by_label_contains("This is the built-in example")
            .is_none()
    );
    // It opens where a new study starts, saying what to do.
    assert_eq!(app.view, View::Matrix);
    h.get_by_label_contains("first the MFI matrix");
}

/// Unsaved work is never replaced without a word: a new study, the
/// built-in one or another file first ask, and "Save first" saves, then
/// goes on. A name typed without ".mfistudy" gets it.
#[test]
fn replacing_unsaved_work_asks_first_and_can_save_it() {
    let dir = temp_dir("replace");
    let typed = dir.join("kasur-edited");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![],
        vec![typed.clone()],
    )));
    tab(&mut h, "MFI matrix");
    type_into(&mut h, "Kashf: distance_km", "12");
    enter(&mut h);
    assert!(h.state().dirty);
    for cancel in [true, false] {
        click(&mut h, "Study");
        click(&mut h, "New blank study");
        h.get_by_label_contains(
            "The study has unsaved changes. A new blank study would replace it",
        );
        // Nothing is replaced while the question waits.
        assert_eq!(h.state().study.matrix.institutions.len(), 7);
        if cancel {
            click(&mut h, "Cancel");
            assert_eq!(h.state().study.matrix.institutions.len(), 7);
            assert!(h.state().dirty);
        } else {
            click(&mut h, "Save first");
            h.run_ok();
        }
    }
    // Saved under the name typed, with the study's extension; then the
    // blank study.
    let saved = dir.join("kasur-edited.mfistudy");
    let reopened = StudyDoc::open(&saved).expect("saved with its extension");
    assert_eq!(reopened.matrix.institutions.len(), 7);
    assert_eq!(h.state().study.matrix.institutions.len(), 1);
    assert!(!h.state().dirty);
    // "Discard the changes" replaces at once.
    tab(&mut h, "MFI matrix");
    type_into(&mut h, "MFI name: distance_km", "3");
    enter(&mut h);
    click(&mut h, "Study");
    click(&mut h, "New from the Kasur 2010 study");
    click(&mut h, "Discard the changes");
    assert_eq!(h.state().study.matrix.institutions.len(), 7);
    std::fs::remove_dir_all(&dir).ok();
}

/// Unsaved work recovered after a crash is still the work of its file:
/// saving puts it back there.
#[test]
fn recovered_work_keeps_its_file() {
    let dir = temp_dir("recover");
    let file = dir.join("kasur.mfistudy");
    let recovery = dir.join("recovery.mfistudy");
    let mut h = harness_with(
        app_with(ScriptedDialogs::choosing(vec![], vec![file.clone()]))
            .with_recovery(recovery.clone()),
    );
    click(&mut h, "Study");
    click(&mut h, "Save study");
    assert_eq!(h.state().study_path.as_deref(), Some(file.as_path()));
    tab(&mut h, "MFI matrix");
    type_into(&mut h, "Kashf: distance_km", "12");
    enter(&mut h);
    h.state_mut().write_recovery_copy();
    drop(h);
    // The next session, after a crash.
    let mut h = harness_with(app_with(ScriptedDialogs::default()).with_recovery(recovery.clone()));
    click(&mut h, "Recover it");
    let app = h.state();
    assert_eq!(app.study_path.as_deref(), Some(file.as_path()));
    assert!(app.dirty);
    assert_eq!(
        app.study.matrix.institution("Kashf").unwrap().facts[&Param::DistanceKm].value,
        Some(Value::Number(Decimal::from(12)))
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_what_if_respects_each_products_limits_and_orders_by_what_she_pays() {
    let mut h = harness();
    tab(&mut h, "Repayment");
    click(&mut h, "Any amount");
    type_into(&mut h, "Amount (Rs)", "200000");
    enter(&mut h);
    // Read on Enter, and written in the usual form.
    assert_eq!(cell(&h, "Amount (Rs)"), "2,00,000");
    type_into(&mut h, "Months", "36");
    enter(&mut h);
    // Rs 2,00,000 over 36 months is beyond every product with known limits.
    h.get_by_label_contains("These offers cannot make this loan");
    // Each in the members' words, in pieces: "Asasah / Productive loan:
    // lends Rs 10,000 to Rs 15,000 over 12-18 months".
    h.get_by_label("Asasah / Productive loan:");
    for piece in [
        "lends",
        "Rs 10,000",
        "to",
        "Rs 15,000",
        "over",
        "12-18",
        "months",
    ] {
        assert!(h.query_all_by_label(piece).next().is_some(), "{piece}");
    }
    let (offers, outside) = h
        .state()
        .repayment_view
        .offers(&h.state().study, &h.state().eval, 0);
    assert!(outside.len() >= 3, "{outside:?}");
    for o in &offers {
        assert!(
            !o.to_verify.is_empty(),
            "{} can only be priced with its limits unknown",
            o.label
        );
    }
    // A loan the products can make: cheapest in what she pays first.
    type_into(&mut h, "Amount (Rs)", "12000");
    enter(&mut h);
    type_into(&mut h, "Months", "12");
    enter(&mut h);
    let (offers, _) = h
        .state()
        .repayment_view
        .offers(&h.state().study, &h.state().eval, 0);
    assert!(offers.len() >= 3);
    for w in offers.windows(2) {
        assert!(w[0].pays_in_all() <= w[1].pays_in_all());
    }
    // What cannot be read stays as typed, says why, and the offers stay
    // those of the last loan that could be read.
    type_into(&mut h, "Amount (Rs)", "abc");
    enter(&mut h);
    type_into(&mut h, "Months", "500");
    enter(&mut h);
    assert_eq!(cell(&h, "Amount (Rs)"), "abc");
    h.get_by_label_contains("Amount: expected an amount in rupees");
    h.get_by_label_contains("Months: expected a term in months from 1 to 120, found \"500\"");
    h.get_by_label_contains("(the offers shown are for Rs 12,000 over 12 months)");
    let (still, _) = h
        .state()
        .repayment_view
        .offers(&h.state().study, &h.state().eval, 0);
    assert_eq!(still.len(), offers.len());
}

#[test]
fn a_large_study_is_evaluated_on_a_worker() {
    let mut rng = mfi_core::generate::Rng::new(2010);
    let kasur = StudyDoc::kasur().expect("built-in");
    let big = StudyDoc {
        name: "generated".into(),
        matrix: mfi_core::generate::matrix(40, 5, "Kasur", &mut rng),
        plans: mfi_core::generate::plans(2000, "CO 1", "Kasur", &mut rng),
        ..kasur
    };
    let mut app = MfiApp::new(big, Box::new(ScriptedDialogs::default()));
    assert!(app.evaluation_pending(), "the start does not wait for it");
    app.finish_work();
    assert_eq!(app.eval.members.len(), 2000);
    let before = app.eval.members[1].capacity;
    app.apply(Command::Commit(
        Field::Member(1, PlanPart::Sales),
        "99,999".into(),
    ));
    assert!(
        app.evaluation_pending(),
        "the change is evaluated on a worker"
    );
    assert_eq!(
        app.eval.members[1].capacity, before,
        "the window shows the last evaluation meanwhile"
    );
    app.finish_work();
    assert!(app.eval.members[1].capacity > before);
    // A newer change while one runs: the last one wins.
    app.apply(Command::Edit(mfi_app::edit::Edit::AddInstitution));
    app.apply(Command::Undo);
    app.finish_work();
    assert_eq!(app.eval.institutions.len(), 40);
}

/// A storage in memory, as eframe's between runs.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_repayment_view_in_urdu_is_translated_mirrored_and_remembered() {
    use mfi_core::i18n::{Digits, Lang};
    let mut h = harness();
    click(&mut h, "Urdu");
    assert_eq!(h.state().persisted.lang, Lang::Ur);
    tab(&mut h, "Repayment");
    // Her three cheapest offers, each labelled in Urdu, amounts as a number
    // and the word for rupees, in separate pieces.
    assert_eq!(h.get_all_by_label("ہر قسط").count(), 3);
    assert_eq!(h.get_all_by_label("وہ کل واپس کرے گی").count(), 3);
    // The instalment on her first card, and again in the strip of her
    // months under the cards (the payment of each month).
    let instalment = |h: &H, text: &str| {
        h.get_all_by_label(text)
            .map(|n| n.rect())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .expect("the instalment on the card")
    };
    assert_eq!(h.get_all_by_label("2,117").count(), 1 + 11);
    assert!(h.get_all_by_label("روپے").count() >= 9);
    h.get_by_label("قسطوں کا شیڈول");
    h.get_by_label("قسط نمبر");
    // Mirrored: the first (cheapest) card is at the right, and in each
    // line the number is right of the word for rupees.
    let cards: Vec<f32> = h
        .get_all_by_label("ہر قسط")
        .map(|n| n.rect().center().x)
        .collect();
    assert!(cards[0] > cards[1] && cards[1] > cards[2], "{cards:?}");
    let number = instalment(&h, "2,117");
    let rupees = h
        .get_all_by_label("روپے")
        .map(|n| n.rect())
        .find(|r| (r.center().y - number.center().y).abs() < 20.0)
        .expect("the unit beside the instalment");
    assert!(rupees.max.x <= number.min.x + 1.0, "{rupees:?} {number:?}");
    // The study's digits: Urdu digits on choice, shown in reading order.
    assert_eq!(h.state().study.settings.digits, Digits::Western);
    click(&mut h, "اردو ہندسے");
    assert_eq!(h.state().study.settings.digits, Digits::Urdu);
    assert!(h.state().dirty, "the digits are the study's: saved with it");
    let shown: String = "۲٬۱۱۷".chars().rev().collect();
    assert_eq!(h.get_all_by_label(&shown).count(), 1 + 11);
    // Remembered between runs.
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let back: mfi_app::Persisted = eframe::get_value(&storage, "mfi-compare").expect("persisted");
    assert_eq!(back.lang, Lang::Ur);
    // And back to English.
    click(&mut h, "English");
    assert_eq!(h.get_all_by_label("Each instalment").count(), 3);
}

#[test]
fn snapshot_of_the_urdu_repayment_view() {
    let mut h = harness();
    click(&mut h, "Urdu");
    tab(&mut h, "Repayment");
    settle(&mut h);
    h.snapshot("repayment-urdu");
}

#[test]
fn a_study_with_bad_settings_shows_every_problem_and_keeps_the_study() {
    let dir = temp_dir("bad-settings");
    let path = dir.join("bad.mfistudy");
    let mut v: serde_json::Value =
        serde_json::from_slice(&StudyDoc::kasur().expect("built-in").to_bytes()).expect("json");
    v["settings"] = serde_json::json!({"draws": 4_000_000_000u64, "spread": "wide"});
    std::fs::write(&path, serde_json::to_vec(&v).expect("json")).expect("write");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![path.clone()],
        vec![],
    )));
    let before = h.state().study.clone();
    h.state_mut().apply(Command::OpenStudy);
    h.run_ok();
    h.get_by_label_contains(&format!(
        "{}: settings: \"draws\": expected a whole number from 1 to 1,000,000, found 4000000000",
        path.display()
    ));
    h.get_by_label_contains(&format!("{}: settings: \"spread\"", path.display()));
    h.get_by_label_contains("2 problem(s) in the file; nothing was changed");
    assert_eq!(h.state().study, before);
    std::fs::remove_dir_all(&dir).ok();
}

/// Charges and savings typed into a product, key by key as staff type a key
/// facts statement: the member's card shows what she has in hand, each
/// charge and the savings, from the same figures as the evaluation; the
/// schedule has its savings and refund columns.
#[test]
fn charges_and_savings_typed_in_the_matrix_reach_the_card_and_schedule() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    tab(&mut h, "Loan products");
    type_into(
        &mut h,
        "Kashf / Business loan: other_charges",
        "processing fee: 2.5% min Rs 2,500 +16% tax",
    );
    enter(&mut h);
    type_into(
        &mut h,
        "Kashf / Business loan: savings",
        "Rs 100 per instalment",
    );
    enter(&mut h);
    assert!(matches!(
        kashf_product(&h, "savings"),
        Some(Value::Savings(_))
    ));
    // The member whose best offers include Kashf's loan.
    tab(&mut h, "Repayment");
    let e = h.state().eval.clone();
    let member = h.state().selected_member;
    let pair = e.members[member]
        .ranked
        .iter()
        .map(|&k| &e.pairs[k])
        .find(|p| p.mfi == "Kashf")
        .expect("Kashf is among her offers");
    let d = pair.loan.as_ref().unwrap().disclosure.clone();
    let fee = d
        .charges
        .iter()
        .find(|c| &*c.name == "processing fee")
        .unwrap();
    assert_eq!(
        (fee.rupees, fee.tax),
        (Decimal::from(2500), Decimal::from(400))
    );
    assert_eq!(d.savings_collected, Decimal::from(1200));
    let rs = |x: Decimal| format!("Rs {}", mfi_core::money::group_rupees(x, false));
    // Kashf is now the dearest of her seven offers: the view says that it
    // shows three, and shows all when asked.
    let all = e.members[member].ranked.len();
    for piece in [
        "The cheapest",
        "3",
        "of",
        &all.to_string(),
        "offers are shown.",
    ] {
        assert!(h.query_all_by_label(piece).next().is_some(), "{piece}");
    }
    click(&mut h, "Show all");
    h.set_size(egui::vec2(1280.0, 1800.0));
    h.run_ok();
    assert!(h.query_by_label("The cheapest").is_none());
    // The card, from the evaluation's disclosure.
    for text in [
        rs(d.received),
        rs(d.pays_back()),
        rs(d.total_cost),
        rs(fee.rupees + fee.tax),
        rs(d.savings_collected),
        rs(d.savings_refunded),
        rs(d.regular_payment),
    ] {
        assert!(
            h.query_all_by_label(&text).next().is_some(),
            "the card shows {text}"
        );
    }
    for words in [
        "In her hand at the start",
        "Savings the MFI keeps",
        "Savings back at the end",
        "with tax",
        "Markup alone, a year",
    ] {
        // Other cards may say it too: the unknown charges of other offers
        // take from what she has in hand at their high end.
        assert!(
            h.query_all_by_label(words).next().is_some(),
            "the card says {words}"
        );
    }
}

/// A member served over a longer term than she asked for: her card says so.
#[test]
fn a_card_says_when_the_term_is_not_the_one_she_asked_for() {
    let mut h = harness();
    let e = h.state().eval.clone();
    let member = e
        .members
        .iter()
        .find(|m| {
            e.best_affordable(m.member)
                .and_then(|k| e.pairs[k].loan.as_ref())
                .is_some_and(|l| l.months != l.preferred_months)
        })
        .expect("a member served over a longer term")
        .member;
    h.state_mut().selected_member = member;
    tab(&mut h, "Repayment");
    h.state_mut().repayment_view.shown = 9;
    h.set_size(egui::vec2(1280.0, 1800.0));
    h.run_ok();
    assert!(h.query_all_by_label("She asked for").next().is_some());
    assert!(
        h.query_all_by_label("months: this is the nearest term she can afford")
            .next()
            .is_some()
    );
}

/// What the screen settles on is what the report prints: the app shows an
/// estimate from fewer draws at once, then the study's own draws (the
/// report's), computed on another thread.
#[test]
fn the_stability_on_screen_settles_on_the_reports() {
    let doc = StudyDoc::kasur().expect("built-in");
    let mut app = MfiApp::new(doc.clone(), Box::new(ScriptedDialogs::default()));
    let quick = app.stability.clone().expect("an estimate at once");
    assert!(quick.sentence.contains("2,000 draws"), "{}", quick.sentence);
    app.finish_work();
    let shown = app.stability.clone().expect("the stability");
    let e = mfi_core::scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
    let report = mfi_core::scoring::stability::stability_with_data(
        &e,
        &doc.matrix,
        &doc.plans,
        &doc.weights,
        &doc.settings,
    )
    .expect("the report's stability");
    assert_eq!(shown.sentence, report.sentence);
    assert_eq!(shown.data_only, report.data_only);
    assert_eq!(shown.ask_first, report.ask_first);
    assert!(
        shown.sentence.contains("10,000 draws"),
        "{}",
        shown.sentence
    );
}

/// The web app's worker computes the stability from the study's file alone
/// and sends it back as text: what the page then shows must be what the
/// window computes itself, draw for draw, after an edit too.
#[test]
fn the_web_workers_stability_is_the_windows() {
    let mut app = app_with(ScriptedDialogs::default());
    app.finish_work();
    app.apply(Command::Commit(
        Field::Member(3, PlanPart::Sales),
        "12,500".into(),
    ));
    app.finish_work();
    let window = app.stability.clone().expect("a recommendation");
    assert_eq!(window.draws, app.study.settings.draws);
    let text = mfi_app::web_stability_job(&app.study.to_bytes(), window.draws)
        .expect("the study file reads")
        .expect("a recommendation");
    let worker = mfi_app::stability_from_wire(&text).expect("the text reads back");
    assert_eq!(worker, window);
    assert!(
        !worker.ask_first.is_empty(),
        "the facts to ask first cross too"
    );
}

/// Puts `n` stones on a card, one click each, as at the meeting.
fn stones(h: &mut H, card: &str, n: usize) {
    for _ in 0..n {
        h.get_by_role_and_label(Role::Button, &format!("Add a stone: {card}"))
            .click();
        h.run_ok();
    }
}

#[test]
fn a_meeting_of_three_by_clicks_is_adopted_and_changes_the_recommendation() {
    let mut h = harness();
    assert_eq!(
        h.state().eval.recommended().map(|r| r.mfi.as_str()),
        Some("Akhuwat")
    );
    tab(&mut h, "Meeting");
    let names: Vec<String> = h.state().study.plans.members[..3]
        .iter()
        .map(|m| m.member.clone())
        .collect();
    // The first member: 6 on extra services, 4 on insurance. An eleventh
    // stone cannot be placed; one taken back and put elsewhere.
    stones(&mut h, "extra services", 6);
    stones(&mut h, "insurance", 4);
    stones(&mut h, "access", 1);
    assert_eq!(h.state().meeting_view.counters.iter().sum::<u32>(), 10);
    click(&mut h, "Take a stone back: insurance");
    stones(&mut h, "extra services", 1);
    click(&mut h, "Keep her stones, next member");
    // The next two: all on extra services, and half on cost.
    stones(&mut h, "extra services", 10);
    click(&mut h, "Keep her stones, next member");
    stones(&mut h, "extra services", 5);
    stones(&mut h, "true cost (APR)", 5);
    click(&mut h, "Keep her stones, next member");
    let p = &h.state().study.priorities;
    assert_eq!(p.members.len(), 3);
    let kept: Vec<&str> = p.members.iter().map(|m| m.member.as_str()).collect();
    assert_eq!(kept, names.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(p.members[0].counters, [0, 0, 0, 0, 3, 7, 0, 0]);
    assert!(h.state().dirty);
    // The results: the mean of the three, by hand: services (0.7 + 1 + 0.5) / 3.
    click(&mut h, "What the members said (3)");
    h.get_by_label_contains("73%");
    h.get_by_label_contains("With their own priorities");
    click(&mut h, "Use the members' weights for the study");
    h.state_mut().finish_work();
    h.run_ok();
    let app = h.state();
    let w = app.study.weights.normalised();
    assert!((w[5] - 2.2 / 3.0).abs() < 1e-9, "{w:?}");
    assert_eq!(app.eval.recommended().map(|r| r.mfi.as_str()), Some("CWCD"));
    h.get_by_label("The study uses the members' weights.");
    // One undo brings the staff's weights back.
    h.state_mut().apply(Command::Undo);
    h.run_ok();
    assert_eq!(
        h.state().eval.recommended().map(|r| r.mfi.as_str()),
        Some("Akhuwat")
    );
}

#[test]
fn the_anonymous_round_keeps_no_names() {
    let mut h = harness();
    tab(&mut h, "Meeting");
    h.get_by_label("Anonymous round (no names kept)").click();
    h.run_ok();
    for card in ["access", "fit to her needs"] {
        stones(&mut h, card, 10);
        click(&mut h, "Keep her stones, next member");
    }
    let p = &h.state().study.priorities;
    assert_eq!(p.members.len(), 2);
    assert!(p.members.iter().all(|m| m.member.is_empty()), "{p:?}");
    // Saved: the study file's priorities have no names either.
    let bytes = h.state().study.to_bytes();
    let back = StudyDoc::from_bytes("s", &bytes).unwrap();
    assert!(back.priorities.members.iter().all(|m| m.member.is_empty()));
    click(&mut h, "What the members said (2)");
    h.get_by_label("Anonymous member 2");
    click(&mut h, "Remove the stones of Anonymous member 1");
    assert_eq!(h.state().study.priorities.members.len(), 1);
}

#[test]
fn snapshot_of_the_meeting_on_a_projector() {
    meeting_on_a_projector(false);
}

#[test]
fn snapshot_of_the_meeting_on_a_projector_in_urdu() {
    meeting_on_a_projector(true);
}

/// Urdu read from the right, each number and sign where an Urdu reader
/// meets it: the stones still in her hand ("۱۰ پتھر باقی": the number, then
/// the words to its left); on a card of the questions in pairs, "82% کے
/// بجائے 21% سالانہ شرح", each number a piece of its own beside its words;
/// the charts' axes one run each in the Urdu face (egui lays the runs of a
/// label out left to right: words split by another face's spaces read
/// backwards).
#[test]
fn urdu_reads_from_the_right_with_its_numbers_in_place() {
    use mfi_core::i18n::{Lang, tr};
    let mut h = harness();
    click(&mut h, "Urdu");
    tab(&mut h, "Meeting");
    settle(&mut h);
    let x = |h: &H, label: &str| {
        h.get_all_by_label(label)
            .map(|n| n.rect())
            .next()
            .unwrap_or_else(|| panic!("no label {label}"))
    };
    let number = x(&h, "10");
    let words = x(&h, tr(Lang::Ur, "meeting.left"));
    assert!(
        words.max.x <= number.min.x + 1.0 && (words.center().y - number.center().y).abs() < 20.0,
        "the number first from the right: {number:?} {words:?}"
    );
    click(&mut h, "Questions in pairs");
    settle(&mut h);
    // The true cost's card: its words and numbers, right to left.
    let card = h
        .query_all_by_label_contains("Choose: ")
        .map(|n| n.rect())
        .find(|r| r.contains(x(&h, "بجائے").center()))
        .expect("the card of the yearly rate");
    let on_card = |h: &H, label: &str| -> f32 {
        h.get_all_by_label(label)
            .map(|n| n.rect())
            .find(|r| card.contains(r.center()))
            .unwrap_or_else(|| panic!("no {label} on the card"))
            .center()
            .x
    };
    let percents: Vec<f32> = h
        .query_all_by_label_contains("%")
        .map(|n| n.rect())
        .filter(|r| card.contains(r.center()))
        .map(|r| r.center().x)
        .collect();
    assert_eq!(percents.len(), 2, "{percents:?}");
    let (high, low) = (percents[0].max(percents[1]), percents[0].min(percents[1]));
    let order = [
        high,
        on_card(&h, "کے"),
        on_card(&h, "بجائے"),
        low,
        on_card(&h, "سالانہ"),
        on_card(&h, "شرح"),
    ];
    assert!(
        order.windows(2).all(|w| w[0] > w[1]),
        "read from the right: {order:?}"
    );
    for key in [
        "repay.axis_month",
        "repay.axis_paid",
        "repay.axis_markup",
        "repay.axis_apr",
    ] {
        let words = tr(Lang::Ur, key);
        assert!(
            !words.chars().any(mfi_core::bidi::lacks_naskh)
                && mfi_core::bidi::visual_runs(words, true).len() == 1,
            "{key}: {words} is not one run in the Urdu face"
        );
    }
}

/// The meeting at 1024 x 768 pixels and 150%, as on a projector.
fn meeting_on_a_projector(urdu: bool) {
    {
        let mut h = harness_sized(
            app_with(ScriptedDialogs::default()),
            [1024.0 / 1.5, 768.0 / 1.5],
            1.5,
        );
        if urdu {
            click(&mut h, "Urdu");
        }
        tab(&mut h, "Meeting");
        stones(&mut h, "extra services", 3);
        stones(&mut h, "access", 2);
        let suffix = if urdu { "-urdu" } else { "" };
        settle(&mut h);
        h.snapshot(format!("meeting-1024x768-150{suffix}"));
        // Every card is on the screen whole, none overlapping another.
        let cards: Vec<egui::Rect> = mfi_core::scoring::Criterion::ALL
            .iter()
            .map(|c| {
                h.get_by_role_and_label(Role::Button, &format!("Add a stone: {}", c.label()))
                    .rect()
            })
            .collect();
        for (i, a) in cards.iter().enumerate() {
            assert!(
                a.max.x <= 1024.0 / 1.5 + 0.5,
                "card {i} cut at the right: {a:?}"
            );
            for b in &cards[i + 1..] {
                assert!(!a.shrink(1.0).intersects(b.shrink(1.0)), "{a:?} {b:?}");
            }
        }
        // The questions in pairs: both cards on the screen, side by side.
        click(&mut h, "Questions in pairs");
        settle(&mut h);
        h.snapshot(format!("meeting-pairs-1024x768-150{suffix}"));
        let sides: Vec<egui::Rect> = h
            .query_all_by_label_contains("Choose: ")
            .map(|n| n.rect())
            .collect();
        assert_eq!(sides.len(), 2);
        assert!(
            sides.iter().all(|r| r.max.x <= 1024.0 / 1.5 + 0.5),
            "{sides:?}"
        );
        assert!(!sides[0].intersects(sides[1]));
    }
}

#[test]
fn priorities_from_a_file_are_opened_shown_saved_and_undone() {
    let dir = temp_dir("priorities");
    let saved = dir.join("said.csv");
    let example =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../parameters/example-priorities.csv");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![example.clone()],
        vec![saved.clone()],
    )));
    h.state_mut().apply(Command::OpenPriorities);
    h.run_ok();
    assert_eq!(h.state().study.priorities.members.len(), 40);
    assert_eq!(h.state().view, View::Meeting);
    // The same sentence as `score --priorities` (computed by the same function).
    let doc = h.state().study.clone();
    let e = mfi_core::scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
    let g = mfi_core::voice::group::group(&e, &doc.priorities, &doc.weights, &doc.settings)
        .expect("a group");
    h.get_by_label(&g.sentence());
    // The median instead: saved with the study.
    h.get_by_label("median").click();
    h.run_ok();
    assert_eq!(
        h.state().study.priorities.rule,
        mfi_core::data::priorities::Rule::Median
    );
    h.state_mut().apply(Command::SavePriorities);
    h.run_ok();
    let back = mfi_core::data::priorities::load_priorities(
        "said.csv",
        &std::fs::read(&saved).expect("saved"),
    )
    .expect("it loads");
    assert_eq!(back.members, h.state().study.priorities.members);
    // Undo twice: the rule, then the file.
    h.state_mut().apply(Command::Undo);
    h.state_mut().apply(Command::Undo);
    h.run_ok();
    assert!(h.state().study.priorities.is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn questions_in_pairs_rank_her_criteria_and_keep_them_out_of_100() {
    use mfi_core::scoring::Criterion;
    use mfi_core::voice::pairwise;
    let mut h = harness();
    tab(&mut h, "Meeting");
    click(&mut h, "Questions in pairs");
    let first = h.state().study.plans.members[0].member.clone();
    // She cares for services, then insurance, fit, access, true cost,
    // cost in rupees, affordability; she answers every question so.
    let order = [
        Criterion::Services,
        Criterion::Insurance,
        Criterion::Fit,
        Criterion::Access,
        Criterion::TrueCost,
        Criterion::TotalCost,
        Criterion::Affordability,
    ];
    let mut asked = 0;
    loop {
        let shown: Vec<String> = h
            .query_all_by_label_contains("Choose: ")
            .filter_map(|n| egui_kittest::kittest::NodeT::accesskit_node(&n).label())
            .collect();
        if shown.is_empty() {
            break;
        }
        assert_eq!(shown.len(), 2, "{shown:?}");
        let rank = |label: &str| {
            order
                .iter()
                .position(|c| label == format!("Choose: {}", c.label()))
                .expect("a criterion asked about")
        };
        let pick = shown.iter().min_by_key(|l| rank(l)).unwrap().clone();
        click(&mut h, &pick);
        asked += 1;
        assert!(asked <= 14, "at most 14 questions for 7 swings");
    }
    h.get_by_label("Her answers, most important first");
    // What she is shown is what is kept: her order's weights (rank-order
    // centroid over the swings) on the study's scales, out of 100.
    let doc = h.state().study.clone();
    let e = mfi_core::scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
    let swings = pairwise::swings(&e);
    let mut by_hand =
        pairwise::Ranker::new(&swings.iter().map(|s| s.criterion).collect::<Vec<_>>());
    while let Some((a, b)) = by_hand.question() {
        let rank = |c: Criterion| order.iter().position(|x| *x == c).unwrap();
        by_hand.answer(if rank(a) < rank(b) {
            pairwise::Answer::First
        } else {
            pairwise::Answer::Second
        });
    }
    let expected = by_hand.counters_on(&swings, &doc.weights.scales, 100);
    for c in order {
        h.get_by_label(&format!("{} {} of 100", c.label(), expected[c]));
    }
    // Why one lower in her order can have more: the criterion on which
    // the MFIs differ least on its scale, named.
    let (least, part) = swings
        .iter()
        .map(|s| (s.criterion, s.part(&doc.weights.scales[s.criterion])))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    h.get_by_label_contains(&format!(
        "(the least: {}, {} of its scale)",
        least.label(),
        mfi_core::output::group::pct(part)
    ));
    click(&mut h, "Keep her answers, next member");
    let p = &h.state().study.priorities;
    assert_eq!(p.members.len(), 1);
    let row = &p.members[0];
    assert_eq!(row.member, first);
    assert_eq!(row.counters, expected);
    assert_eq!(row.total(), 100);
    // Her order holds on the scales: the swing of a criterion she put
    // first is worth more than the next one's (within the rounding).
    let gain = |c: Criterion| {
        let s = swings.iter().find(|s| s.criterion == c).unwrap();
        let sc = doc.weights.scales[c];
        f64::from(row.counters[c]) * (sc.value(s.best) - sc.value(s.worst)).abs()
    };
    for w in order.windows(2) {
        assert!(gain(w[0]) >= gain(w[1]), "{w:?}: {:?}", row.counters);
    }
    assert_eq!(row.counters[Criterion::Flexibility], 0);
    assert!(
        row.note.contains(&format!("{asked} questions in pairs")),
        "{}",
        row.note
    );
    // The next member is offered.
    assert_eq!(h.state().meeting_view.who, Some(1));
}

/// When every member of the plans has said, no answers are kept under no
/// one's name: the pairs' keep waits for a member or an anonymous round,
/// as the cards' does.
#[test]
fn questions_in_pairs_are_not_kept_without_a_name_outside_an_anonymous_round() {
    let example =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../parameters/example-priorities.csv");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(vec![example], vec![])));
    h.state_mut().apply(Command::OpenPriorities);
    h.run_ok();
    assert_eq!(h.state().study.priorities.members.len(), 40);
    click(&mut h, "Questions in pairs");
    assert_eq!(h.state().meeting_view.who, None, "everyone has said");
    while h.query_all_by_label_contains("Choose: ").next().is_some() {
        let first = h
            .query_all_by_label_contains("Choose: ")
            .next()
            .and_then(|n| egui_kittest::kittest::NodeT::accesskit_node(&n).label())
            .unwrap();
        click(&mut h, &first);
    }
    let keep = h.get_by_label("Keep her answers, next member");
    assert!(egui_kittest::kittest::NodeT::accesskit_node(&keep).is_disabled());
    keep.click();
    h.run_ok();
    assert_eq!(h.state().study.priorities.members.len(), 40);
    // An anonymous round keeps them, without a name.
    h.get_by_label("Anonymous round (no names kept)").click();
    h.run_ok();
    click(&mut h, "Keep her answers, next member");
    let p = &h.state().study.priorities;
    assert_eq!(p.members.len(), 41);
    assert!(p.members[40].anonymous());
}

/// A file opened from "Open members' priorities" is read as priorities,
/// whatever its header: a misspelt column is named, never read as plans.
#[test]
fn a_priorities_file_with_a_misspelt_column_is_not_read_as_plans() {
    let dir = temp_dir("misspelt");
    let path = dir.join("said.csv");
    std::fs::write(
        &path,
        "member,true_cost,total_cost,afordability,access,insurance,services,fit,flexibility\nNargis,5,5,,,,,,\n",
    )
    .unwrap();
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(vec![path], vec![])));
    let plans = h.state().study.plans.clone();
    h.state_mut().apply(Command::OpenPriorities);
    h.run_ok();
    assert_eq!(h.state().study.plans, plans, "the plans are unchanged");
    assert!(h.state().study.priorities.is_empty());
    let errors = h.state().errors.join("\n");
    assert!(errors.contains("affordability"), "{errors}");
    assert!(
        h.state().status.contains("Could not load the priorities"),
        "{}",
        h.state().status
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// With no member's priorities there is nothing to save: a file of none
/// could not be opened again.
#[test]
fn no_priorities_are_saved_when_no_member_has_said() {
    let dir = temp_dir("nopriorities");
    let path = dir.join("none.csv");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![],
        vec![path.clone()],
    )));
    click(&mut h, "Study");
    assert!(
        egui_kittest::kittest::NodeT::accesskit_node(
            &h.get_by_label("Save members' priorities CSV…")
        )
        .is_disabled()
    );
    h.state_mut().apply(Command::SavePriorities);
    h.run_ok();
    assert!(!path.exists());
    assert!(
        h.state().status.contains("nothing to save"),
        "{}",
        h.state().status
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_cards_form_is_printed_from_the_study_menu() {
    let dir = temp_dir("cards");
    let path = dir.join("cards.pdf");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![],
        vec![path.clone()],
    )));
    click(&mut h, "Study");
    click(&mut h, "Print the picture cards' form (PDF)…");
    let text = mfi_pdf::read_back::ReadBack::from_file(&path)
        .expect("the cards' form reads back")
        .reading_text();
    for c in mfi_core::scoring::Criterion::ALL {
        let words = mfi_core::icons::card_label(mfi_core::i18n::Lang::En, c);
        let first = words.split_whitespace().next().unwrap_or_default();
        assert!(text.contains(first), "{words} not in {text}");
    }
    h.get_by_label_contains("The cards' form written to");
    std::fs::remove_dir_all(&dir).ok();
}

/// The loan of member `member` from `mfi`, as the app's evaluation holds it.
fn loan_of(h: &H, member: usize, mfi: &str) -> mfi_core::scoring::Loan {
    let e = h.state().eval.clone();
    e.pairs
        .iter()
        .find(|p| p.member == member && p.mfi == mfi)
        .and_then(|p| p.loan.clone())
        .unwrap_or_else(|| panic!("{mfi} prices a loan for member {member}"))
}

/// Types `text` into the field that has the focus, one key a frame.
fn type_here(h: &mut H, text: &str) {
    for c in text.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.step();
    }
}

/// A trainer types her lean months and a committee's instalment into
/// Kausar Karim's plan key by key: what she can repay, her months and her
/// offers follow; the repayment view says which months fail and why; each
/// change is undone.
#[test]
fn her_months_and_a_debt_typed_key_by_key_change_her_capacity_and_offers() {
    use mfi_core::data::months::{MonthFigures, OtherDebt};
    let mut h = harness();
    let before = loan_of(&h, 0, "Akhuwat");
    assert!(before.affordable && before.put_aside.is_none());
    assert_eq!(before.instalment, Decimal::from(2_117));
    // The whole form in sight: buttons are clicked where they are.
    h.set_size(egui::vec2(1280.0, 2000.0));
    tab(&mut h, "Members' plans");
    h.get_by_label_contains("Her plan gives no months (below)");
    // The short form, as a trainer types it.
    type_into(&mut h, "Kausar Karim: Sales month by month", "Jun-Aug 50%");
    enter(&mut h);
    let hundred = Decimal::ONE_HUNDRED;
    let half = Decimal::from(50);
    let mut shares = [hundred; 12];
    shares[5..8].fill(half);
    assert_eq!(
        h.state().study.plans.members[0].sales_by_month,
        Some(MonthFigures::Percent(shares))
    );
    // The boxes show the shares; the other months are her usual month.
    assert_eq!(cell(&h, "Kausar Karim: Sales in Jun"), "50%");
    assert_eq!(cell(&h, "Kausar Karim: Sales in Jan"), "");
    // Her costs follow her sales: in June she has Rs 2,000 left, not 4,000.
    h.get_by_label_contains("she has from Rs 2,000 in Jun to Rs 4,000 in Jan");
    // Rs 2,117 a month is more than the Rs 1,500 she can spare in her lean
    // months
    // (75% of Rs 2,000): over the 17 months of Rs 1,494 that the product
    // allows, every month meets its own payment.
    let lean = loan_of(&h, 0, "Akhuwat");
    assert!(lean.affordable, "{:?}", lean.short_months);
    assert_eq!((lean.months, lean.preferred_months), (17, 12));
    assert_eq!(lean.instalment, Decimal::from(1_494));
    assert_eq!(lean.put_aside, None);
    // What she already repays: a row added, the focus in its first field.
    click(&mut h, "Add a debt");
    type_here(&mut h, "Committee");
    assert_eq!(cell(&h, "Kausar Karim: Debt 1: to whom"), "Committee");
    h.key_press(egui::Key::Tab);
    h.run_ok();
    assert_eq!(
        h.state().study.plans.members[0].other_repayments[0].to,
        "Committee"
    );
    type_into(&mut h, "Kausar Karim: Debt 1: Rs a month", "1500");
    // Nothing changes while she types.
    assert_eq!(
        h.state().study.plans.members[0].other_repayments[0].monthly,
        Decimal::ZERO
    );
    enter(&mut h);
    assert_eq!(
        h.state().study.plans.members[0].other_repayments,
        vec![OtherDebt {
            to: "Committee".into(),
            monthly: Decimal::from(1_500)
        }]
    );
    assert_eq!(cell(&h, "Kausar Karim: Debt 1: Rs a month"), "1,500");
    // Her capacity, with its formula: now less her other repayments.
    h.get_by_label("She can repay: Rs 2,500 a month");
    h.get_by_label_contains("- other repayments Rs 1,500.");
    h.get_by_label("In all: Rs 1,500 a month");
    assert_eq!(h.state().eval.members[0].capacity, Decimal::from(2_500));
    // Rs 2,117 is more than the Rs 1,875 she can spare in her usual month.
    let indebted = loan_of(&h, 0, "Akhuwat");
    assert!(!indebted.affordable);
    assert!(!indebted.short_months.is_empty());
    // Her repayment view says so, and which months.
    tab(&mut h, "Repayment");
    assert!(
        h.get_all_by_label("It does not fit her months:").count() >= 1,
        "a card says it does not fit"
    );
    assert!(
        h.query_all_by_label_contains("as little as")
            .next()
            .is_some()
    );
    h.get_by_label_contains("Her months with this loan: Akhuwat / Qard-e-hasan loan");
    // Back, step by step: the debt's amount, the debt, the months.
    h.state_mut().apply(Command::Undo);
    h.run_ok();
    assert_eq!(
        h.state().study.plans.members[0].other_repayments[0].monthly,
        Decimal::ZERO
    );
    h.state_mut().apply(Command::Undo);
    h.state_mut().apply(Command::Undo);
    h.run_ok();
    assert!(h.state().study.plans.members[0].other_repayments.is_empty());
    h.state_mut().apply(Command::Undo);
    h.run_ok();
    assert_eq!(h.state().study.plans.members[0].sales_by_month, None);
    assert_eq!(loan_of(&h, 0, "Akhuwat"), before);
}

/// A month's box that cannot be read stays red with its message and
/// changes nothing; rupees in one box turn the row into rupees (the other
/// months show theirs); Eid is refused with the reason.
#[test]
fn a_months_box_is_read_as_staff_mean_it_and_a_bad_one_stays_red() {
    use mfi_core::data::months::MonthFigures;
    let mut h = harness();
    h.set_size(egui::vec2(1280.0, 2000.0));
    tab(&mut h, "Members' plans");
    type_into(&mut h, "Kausar Karim: Sales in Jul", "half");
    enter(&mut h);
    assert_eq!(cell(&h, "Kausar Karim: Sales in Jul"), "half");
    assert_eq!(h.state().study.plans.members[0].sales_by_month, None);
    h.get_by_label(
        "Jul: expected rupees like 3,000 or a share of her usual month like 50% (empty: her usual month), found \"half\"",
    );
    // Put right, in Urdu digits and sign.
    type_into(&mut h, "Kausar Karim: Sales in Jul", "۵۰٪");
    enter(&mut h);
    assert_eq!(cell(&h, "Kausar Karim: Sales in Jul"), "50%");
    // Rupees in another month: every month in rupees, her usual month
    // (Rs 8,600) where she gave none, half of it in July.
    type_into(&mut h, "Kausar Karim: Sales in Dec", "14,000");
    enter(&mut h);
    let usual = Decimal::from(8_600);
    let mut rupees = [usual; 12];
    rupees[6] = Decimal::from(4_300);
    rupees[11] = Decimal::from(14_000);
    assert_eq!(
        h.state().study.plans.members[0].sales_by_month,
        Some(MonthFigures::Rupees(rupees))
    );
    assert_eq!(cell(&h, "Kausar Karim: Sales in Jan"), "8,600");
    assert_eq!(cell(&h, "Kausar Karim: Sales in Jul"), "4,300");
    assert_eq!(
        cell(&h, "Kausar Karim: Sales month by month"),
        "Jan-Jun 8600; Jul 4300; Aug-Nov 8600; Dec 14000"
    );
    // Eid moves from year to year: the message says to name the months.
    type_into(&mut h, "Kausar Karim: Costs month by month", "Eid 150%");
    enter(&mut h);
    assert!(
        h.query_all_by_label_contains("Eid and Ramadan move by about eleven days a year")
            .next()
            .is_some()
    );
    assert_eq!(h.state().study.plans.members[0].costs_by_month, None);
    // A debt above what her household earns is refused in the loader's
    // words, kept as typed, and nothing is lost.
    click(&mut h, "Add a debt");
    type_into(&mut h, "Kausar Karim: Debt 1: Rs a month", "20000");
    enter(&mut h);
    assert_eq!(cell(&h, "Kausar Karim: Debt 1: Rs a month"), "20000");
    assert!(
        h.query_all_by_label_contains(
            "what she already repays (Rs 20,000 a month) is more than her household earns"
        )
        .next()
        .is_some()
    );
    assert_eq!(
        h.state().study.plans.members[0].other_repayments[0].monthly,
        Decimal::ZERO
    );
    // "Same every month" clears both rows.
    type_into(&mut h, "Kausar Karim: Costs month by month", "");
    enter(&mut h);
    click(&mut h, "Same every month");
    assert_eq!(h.state().study.plans.members[0].sales_by_month, None);
    assert_eq!(cell(&h, "Kausar Karim: Sales in Dec"), "");
}

/// The study's settings typed in the plans view: when the loans are paid
/// out (day first) and the debt-service cap, each read, refused with its
/// reason or undone.
#[test]
fn the_disbursement_date_and_the_debt_cap_are_typed_read_and_undone() {
    let mut h = harness();
    tab(&mut h, "Members' plans");
    h.get_by_label_contains("Reserve Bank of India's cap");
    type_into(&mut h, "Study: Loans paid out on", "31/02/2027");
    enter(&mut h);
    h.get_by_label_contains("there is no such day");
    assert_eq!(h.state().study.settings.disbursed, None);
    type_into(&mut h, "Study: Loans paid out on", "01/15/2027");
    enter(&mut h);
    h.get_by_label_contains("write the day first, then the month");
    type_into(&mut h, "Study: Loans paid out on", "15/01/2027");
    enter(&mut h);
    assert_eq!(
        h.state().study.settings.disbursed,
        mfi_core::date::Date::parse("2027-01-15")
    );
    assert_eq!(cell(&h, "Study: Loans paid out on"), "2027-01-15");
    h.get_by_label_contains(
        "Paid out on 15 Jan 2027: each member's first month of the loan is Feb.",
    );
    type_into(&mut h, "Study: Debt-service cap (%)", "0");
    enter(&mut h);
    h.get_by_label("expected a percentage above 0 and at most 100, like 50%, found \"0\"");
    type_into(&mut h, "Study: Debt-service cap (%)", "10%");
    enter(&mut h);
    assert_eq!(
        h.state().study.settings.debt_service_cap_percent,
        Decimal::from(10)
    );
    // At 10% of her income no loan fits Kausar Karim (Rs 2,117 of Rs
    // 11,300 is 19%), and the card says why.
    let l = loan_of(&h, 0, "Akhuwat");
    assert!(!l.affordable);
    tab(&mut h, "Repayment");
    assert!(
        h.query_all_by_label("the study allows").next().is_some()
            || h.query_all_by_label_contains("the study allows")
                .next()
                .is_some()
    );
    // Undone: the cap, then the date, and the evaluation follows.
    h.state_mut().apply(Command::Undo);
    h.run_ok();
    assert_eq!(
        h.state().study.settings.debt_service_cap_percent,
        Decimal::from(50)
    );
    assert!(loan_of(&h, 0, "Akhuwat").affordable);
    h.state_mut().apply(Command::Undo);
    h.run_ok();
    assert_eq!(h.state().study.settings.disbursed, None);
}

/// Kashf's business loan made interest-only at 22% declining: her card
/// shows the Rs 466 instalments and the last payment of Rs 25,862 in its
/// own month, never an average, and that it fits only if she puts money
/// aside for it; the compare view says the same in words.
fn with_a_balloon(h: &mut H) {
    tab(h, "MFI matrix");
    tab(h, "Loan products");
    type_into(h, "Kashf / Business loan: structure", "interest-only");
    enter(h);
    type_into(h, "Kashf / Business loan: basis", "declining");
    enter(h);
}

#[test]
fn a_balloon_loan_shows_its_last_payment_and_what_to_put_aside() {
    let mut h = harness();
    with_a_balloon(&mut h);
    let l = loan_of(&h, 0, "Kashf");
    assert!(l.has_balloon());
    let (last, month) = l.largest_payment;
    assert_eq!((last, month), (Decimal::from(25_862), 12));
    assert_eq!(l.instalment, Decimal::from(466));
    assert!(l.affordable);
    let aside = l.put_aside.expect("put aside for the last payment");
    assert_eq!(
        aside.what_for,
        mfi_core::scoring::months::AsideFor::LargePayment
    );
    tab(&mut h, "Repayment");
    let rs = |x: Decimal| format!("Rs {}", mfi_core::money::group_rupees(x, false));
    // (Other cards name their last instalment too, where rounding left it
    // a few rupees from the others.)
    assert!(h.query_all_by_label("Then the last payment").count() >= 2);
    h.get_by_label("Rs 25,862");
    assert!(h.query_all_by_label("11").next().is_some(), "x 11 months");
    // On her card (and under the cards when it is the offer picked).
    for piece in [
        "It fits only if she puts aside".to_string(),
        rs(mfi_core::scoring::months::rupees(aside.monthly)),
        "a month for".into(),
        "months, for the last payment.".into(),
    ] {
        assert!(h.query_all_by_label(&piece).next().is_some(), "{piece}");
    }
    // Never an average shown: what the loan takes a month on average is
    // on no label.
    assert!(
        h.query_all_by_label(&rs(l.monthly_burden)).next().is_none(),
        "{} shown",
        rs(l.monthly_burden)
    );
    // Her months with it, picked: the payment of month 12 in its column.
    click(&mut h, "Kashf / Business loan");
    h.get_by_label_contains("Her months with this loan: Kashf / Business loan");
    assert!(h.query_all_by_label("25,862").next().is_some());
    tab(&mut h, "Compare");
    h.get_by_label("Rs 466 x 11, then Rs 25,862 in month 12");
    h.get_by_label_contains("fits only if she puts aside");
}

#[test]
fn snapshot_of_her_months_with_a_balloon() {
    let mut h = harness();
    with_a_balloon(&mut h);
    tab(&mut h, "Members' plans");
    type_into(
        &mut h,
        "Kausar Karim: Sales month by month",
        "Jun-Aug 50%; Nov-Dec 150%",
    );
    enter(&mut h);
    type_into(&mut h, "Study: Loans paid out on", "2027-01-15");
    enter(&mut h);
    // The whole form, as on a projector scrolled down.
    h.set_size(egui::vec2(1280.0, 1700.0));
    settle(&mut h);
    h.snapshot("plans-her-months");
    tab(&mut h, "Repayment");
    click(&mut h, "Kashf / Business loan");
    h.set_size(egui::vec2(1280.0, 1500.0));
    settle(&mut h);
    h.snapshot("repayment-her-months");
}

/// Her months in Urdu: the strip's rows and the reasons in Urdu, the first
/// month of the loan at the right, the balloon in its month.
#[test]
fn her_months_in_urdu_run_right_to_left() {
    let mut h = harness();
    with_a_balloon(&mut h);
    tab(&mut h, "Members' plans");
    type_into(&mut h, "Study: Loans paid out on", "15 Jan 2027");
    enter(&mut h);
    assert_eq!(
        h.state().study.settings.disbursed,
        mfi_core::date::Date::parse("2027-01-15")
    );
    click(&mut h, "Urdu");
    tab(&mut h, "Repayment");
    assert_eq!(h.get_all_by_label("اس کے مہینے").count(), 3);
    assert!(h.query_all_by_label("پھر آخری ادائیگی").count() >= 2);
    click(&mut h, "Kashf / Business loan");
    h.set_size(egui::vec2(1280.0, 1500.0));
    h.run_ok();
    h.get_by_label("اس قرض کے ساتھ اس کے مہینے");
    for row in ["آمدن", "قرض کی ادائیگی", "الگ رکھی رقم", "باقی"] {
        h.get_by_label(row);
    }
    // February (the first month after a payout in January) is at the
    // right, January (month 12, the last payment) at the left.
    // (March is named only in the strip: its row.)
    let row = h.get_by_label("مارچ").rect().center().y;
    let x = |h: &H, name: &str| {
        h.get_all_by_label(name)
            .map(|n| n.rect().center())
            .find(|c| (c.y - row).abs() < 4.0)
            .map(|c| c.x)
            .expect("the month in the strip")
    };
    assert!(x(&h, "فروری") > x(&h, "مارچ") && x(&h, "مارچ") > x(&h, "جنوری"));
    settle(&mut h);
    h.snapshot("repayment-her-months-urdu");
}

/// Types `text` at the end of the multi-line field labelled `label` as a
/// person does: one key event per frame, Enter for each new line.
fn type_lines(h: &mut H, label: &str, text: &str) {
    h.get_by_role_and_label(Role::MultilineTextInput, label)
        .focus();
    h.run_ok();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    h.step();
    for c in text.chars() {
        if c == '\n' {
            h.key_press(egui::Key::Enter);
        } else {
            h.event(egui::Event::Text(c.to_string()));
        }
        h.step();
    }
    h.run_ok();
}

/// The Karobar Karza card (Rs 20,000, Rs 400 fee and Rs 200 insurance at
/// disbursement, 12 monthly payments of Rs 2,000), as staff type it.
fn karobar_karza_lines() -> String {
    let mut s = String::from(
        "2026-01-12, 20,000, disbursed\n2026-01-12, 400, charge\n2026-01-12, 200, charge\n",
    );
    for m in 2..=13 {
        let (y, m) = if m > 12 { (2027, m - 12) } else { (2026, m) };
        s.push_str(&format!("{y}-{m:02}-12, 2,000, payment\n"));
    }
    s
}

#[test]
fn a_loan_card_typed_key_by_key_is_priced_by_each_method_and_against_a_product() {
    let mut h = harness();
    // Study > Loan card… opens it, and its tab shows while it is open.
    click(&mut h, "Study");
    click(&mut h, "Loan card…");
    assert_eq!(h.state().view, View::LoanCard);
    h.get_by_label_contains("Its figures show here once lines are typed");
    tab(&mut h, "Compare");
    assert!(
        h.query_by_label("Loan card").is_none(),
        "its tab shows only while it is open"
    );
    click(&mut h, "Study");
    click(&mut h, "Loan card…");
    assert_eq!(h.state().view, View::LoanCard);
    type_lines(&mut h, "Card lines", &karobar_karza_lines());
    let card = |h: &H| {
        h.state()
            .card_view
            .result
            .clone()
            .expect("a result")
            .expect("the card is read")
            .card
    };
    assert_eq!(card(&h).total_cost, Decimal::from(4_600));
    assert_eq!(card(&h).received, Decimal::from(19_400));
    h.get_by_label("Rs 4,600.00");
    h.get_by_label("41.23%");
    // The EU method: one annual effective rate.
    click(&mut h, "EU (Consumer Credit Directive)");
    h.get_by_label("50.25%");
    click(&mut h, "Periodic (MFTransparency)");
    // A product of the matrix beside it, chosen from the list.
    h.get_by_label("Product of the card").click();
    h.run_ok();
    h.get_by_label("Kashf / Business loan").click();
    h.run_ok();
    h.get_by_label_contains("Quoted terms of Kashf / Business loan, Rs 20,000 over 12 months");
    h.get_by_label_contains("The card costs what the quoted terms do");
    // A line typed wrong says where, and the figures wait for it.
    type_lines(&mut h, "Card lines", "2026-02-30, 100, charge\n");
    h.get_by_label_contains(
        "card:16: column \"date\": expected a date like 2026-01-15, found \"2026-02-30\"",
    );
}

#[test]
fn a_loan_card_filled_from_a_product_is_changed_and_says_what_it_costs_more() {
    let mut h = harness();
    click(&mut h, "Study");
    click(&mut h, "Loan card…");
    h.get_by_label("Product of the card").click();
    h.run_ok();
    h.get_by_label("Kashf / Business loan").click();
    h.run_ok();
    type_into(&mut h, "First day to fill with", "2026-01-15");
    click(&mut h, "Fill the card from this product");
    let text = h.state().card_view.text.clone();
    assert!(
        text.starts_with("date,amount,what\n2026-01-15,25000,disbursed\n"),
        "{text}"
    );
    h.get_by_label_contains("Filled from the quoted terms");
    h.get_by_label_contains("The card costs what the quoted terms do");
    // A charge on the card the terms do not quote: typed at its end.
    h.get_by_role_and_label(Role::MultilineTextInput, "Card lines")
        .focus();
    h.run_ok();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    h.step();
    for c in "2026-01-15, 1,200, charge".chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.step();
    }
    h.run_ok();
    h.get_by_label_contains("more than the quoted terms: ask what it is");
    h.get_by_label_contains("The card costs Rs 1,200");
}

/// Found by typing in the release app: Tab from Kashf's "Staff come to the
/// village" to its "Operational area" (Kasur), then "no" typed, gave
/// "Kasurno". After Tab the cell's value is selected, as in a spreadsheet:
/// what is typed replaces it.
#[test]
fn what_is_typed_after_tab_replaces_the_cell_as_in_a_spreadsheet() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    assert_eq!(cell(&h, "Kashf: operational_area"), "Kasur");
    type_into(&mut h, "Kashf: staff_visit_village", "yes");
    h.key_press(egui::Key::Tab);
    h.run_ok();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Kashf: operational_area")
            .is_focused()
    );
    for c in "Pattoki".chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.step();
    }
    assert_eq!(cell(&h, "Kashf: operational_area"), "Pattoki");
    h.key_press(egui::Key::Tab);
    h.run_ok();
    let area = h
        .state()
        .study
        .matrix
        .institution("Kashf")
        .expect("Kashf")
        .facts
        .get(&Param::OperationalArea)
        .and_then(|f| f.value.clone());
    assert_eq!(area, Some(Value::List(vec!["Pattoki".into()])));
    // Shift+Tab back: the same, "Kasur" typed over "Pattoki".
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    h.run_ok();
    for c in "Kasur".chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.step();
    }
    assert_eq!(cell(&h, "Kashf: operational_area"), "Kasur");
}

#[test]
fn tab_moves_down_an_mfis_column_in_the_matrix() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    tab(&mut h, "Loan products");
    let focused = |h: &H, label: &str| h.get_by_role_and_label(Role::TextInput, label).is_focused();
    type_into(&mut h, "Kashf / Business loan: amount", "25000");
    // Tab: the value is read, and the next row of the same column is next.
    h.key_press(egui::Key::Tab);
    h.run_ok();
    assert_eq!(
        kashf_product(&h, "amount"),
        Some(Value::Range(Decimal::ZERO, Decimal::from(25_000)))
    );
    assert_eq!(cell(&h, "Kashf / Business loan: amount"), "up to 25,000");
    assert!(focused(&h, "Kashf / Business loan: term_months"));
    // The status line says how one number is read.
    h.get_by_label_contains("read as up to Rs 25,000: one number is the largest loan");
    // On down the column, one key a frame.
    for c in "12-18".chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.step();
    }
    h.key_press(egui::Key::Tab);
    h.run_ok();
    assert_eq!(
        kashf_product(&h, "term_months"),
        Some(Value::Range(Decimal::from(12), Decimal::from(18)))
    );
    assert!(focused(&h, "Kashf / Business loan: frequency"));
    // Shift+Tab goes back up.
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    h.run_ok();
    assert!(focused(&h, "Kashf / Business loan: term_months"));
    // A smallest loan the product has is kept when one number is typed.
    type_into(&mut h, "Kashf / Business loan: amount", "10000-25000");
    enter(&mut h);
    type_into(&mut h, "Kashf / Business loan: amount", "30000");
    enter(&mut h);
    assert_eq!(
        kashf_product(&h, "amount"),
        Some(Value::Range(Decimal::from(10_000), Decimal::from(30_000)))
    );
    h.get_by_label_contains("the smallest, Rs 10,000, kept from before");
}

#[test]
fn the_caret_stays_where_she_typed_after_the_value_is_regrouped() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    tab(&mut h, "Loan products");
    let label = "Kashf / Business loan: amount";
    type_into(&mut h, label, "10000-25000");
    enter(&mut h);
    assert_eq!(cell(&h, label), "10,000-25,000");
    // Back in the field, the next key lands at the end, where she stopped
    // typing, not eleven characters in (inside "25,000").
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run_ok();
    h.event(egui::Event::Text("9".into()));
    h.step();
    h.run_ok();
    assert_eq!(cell(&h, label), "10,000-25,0009");
    h.key_press(egui::Key::Escape);
    h.run_ok();
    // The caret in the middle stays in the middle: after "10000".
    type_into(&mut h, label, "10000-40000");
    for _ in 0.."-40000".len() {
        h.key_press(egui::Key::ArrowLeft);
        h.step();
    }
    enter(&mut h);
    assert_eq!(cell(&h, label), "10,000-40,000");
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run_ok();
    h.event(egui::Event::Text("5".into()));
    h.step();
    h.run_ok();
    assert_eq!(cell(&h, label), "10,0005-40,000");
}

#[test]
fn closing_with_unreadable_fields_can_close_without_saving() {
    let dir = temp_dir("close-invalid");
    let path = dir.join("s.mfistudy");
    let mut h = harness_with(app_with(ScriptedDialogs::choosing(
        vec![],
        vec![path.clone()],
    )));
    tab(&mut h, "MFI matrix");
    tab(&mut h, "Loan products");
    type_into(&mut h, "Kashf / Business loan: markup", "22,5%");
    enter(&mut h);
    type_into(&mut h, "Kashf / Business loan: amount", "25000");
    enter(&mut h);
    assert!(h.state().dirty);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_ok();
    h.get_by_label_contains("1 field(s) hold text that could not be read");
    h.get_by_label("Save without them");
    click(&mut h, "Close without saving");
    assert!(h.state().closing());
    assert!(!path.exists(), "nothing was written");
    std::fs::remove_dir_all(&dir).ok();
}

/// The matrix refuses a cell that makes a product's terms contradict, as
/// `price` refuses the flags, and keeps the product as it was.
#[test]
fn a_cell_that_contradicts_the_products_terms_is_refused() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    tab(&mut h, "Loan products");
    type_into(&mut h, "Kashf / Business loan: term_months", "12");
    enter(&mut h);
    type_into(&mut h, "Kashf / Business loan: frequency", "four-weekly");
    enter(&mut h);
    let before = h.state().study.matrix.clone();
    type_into(&mut h, "Kashf / Business loan: instalments", "12");
    enter(&mut h);
    assert_eq!(h.state().study.matrix, before);
    assert_eq!(cell(&h, "Kashf / Business loan: instalments"), "12");
    assert!(
        h.get_all_by_label_contains("12 four-weekly instalments take 11 months")
            .count()
            >= 1
    );
}

/// The app on a phone's screen of `size` points, with a finger's controls
/// (the web app's style where the pointer is coarse).
fn phone(size: [f32; 2]) -> H {
    let mut h = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(1.0)
        .with_accessibility_check(true)
        .with_context_setup(|ctx| {
            install_fonts(ctx);
            ctx.all_styles_mut(mfi_app::touch_style);
        })
        .build_eframe(move |_cc| app_with(ScriptedDialogs::default()));
    settle(&mut h);
    h
}

/// Asserts that `what` lies on a screen `width` points wide: nothing to
/// scroll sideways for.
fn on_screen(what: &str, r: egui::Rect, width: f32) {
    assert!(
        r.left() >= -0.5 && r.right() <= width + 0.5,
        "{what} {r:?} is not within the screen's {width} points"
    );
}

/// Shows `view` through the view menu of a phone's top bar.
fn view_on_phone(h: &mut H, view: &str) {
    h.get_by_label("View").click();
    h.run_ok();
    h.get_by_role_and_label(Role::Button, view).click();
    h.run_ok();
    settle(h);
}

#[test]
fn on_a_phone_the_top_bar_fits_its_screen_upright_and_on_its_side() {
    // 360 x 800 upright (two rows), 800 x 360 on its side (one row).
    for (size, rows) in [([360.0, 800.0], 2), ([800.0, 360.0], 1)] {
        let h = phone(size);
        let mut rects: Vec<(String, egui::Rect)> = ["Study", "Edit", "View", "English", "Urdu"]
            .iter()
            .map(|n| (n.to_string(), h.get_by_label(n).rect()))
            .collect();
        rects.push((
            "the study's name".into(),
            h.get_by_label_contains("Rasool Nagar").rect(),
        ));
        for (i, (a, ra)) in rects.iter().enumerate() {
            on_screen(a, *ra, size[0]);
            for (b, rb) in &rects[i + 1..] {
                assert!(
                    !ra.shrink(1.0).intersects(rb.shrink(1.0)),
                    "{size:?}: {a} {ra:?} overlaps {b} {rb:?}"
                );
            }
        }
        // A finger's height, the controls at least.
        for (name, r) in &rects[..5] {
            assert!(r.height() >= 40.0, "{size:?}: {name} is {r:?}");
        }
        let mut tops: Vec<i32> = rects
            .iter()
            .map(|(_, r)| r.center().y as i32 / 20)
            .collect();
        tops.sort_unstable();
        tops.dedup();
        assert_eq!(tops.len(), rows, "{size:?}: the top bar's rows: {rects:?}");
        // The report is in the Study menu (no room for its button).
        assert!(h.query_by_label("Export report (PDF)").is_none());
    }
}

#[test]
fn on_a_phone_the_decision_the_offers_and_the_cards_need_no_sideways_scrolling() {
    for size in [[360.0, 800.0], [800.0, 360.0]] {
        let width = size[0];
        let mut h = phone(size);
        // The decision, wrapped to the screen.
        on_screen(
            "the decision",
            h.get_by_label("No MFI can be recommended yet").rect(),
            width,
        );
        on_screen(
            "why",
            h.get_by_label_contains("The study does not know enough to choose")
                .rect(),
            width,
        );
        // Her offers: each card's name, instalment and amount on the screen.
        view_on_phone(&mut h, "Repayment");
        assert_eq!(h.state().view, View::Repayment, "{size:?}");
        for r in h.get_all_by_label("Each instalment") {
            on_screen("Each instalment", r.rect(), width);
        }
        on_screen("her instalment", h.get_by_label("Rs 2,117").rect(), width);
        // The meeting's cards: on the screen, each as large as a finger
        // needs (48 points and more), and the button under them.
        view_on_phone(&mut h, "Meeting");
        assert_eq!(h.state().view, View::Meeting, "{size:?}");
        let cards: Vec<egui::Rect> = h
            .get_all_by_label_contains("Add a stone: ")
            .map(|n| n.rect())
            .collect();
        assert_eq!(cards.len(), mfi_core::scoring::N, "{size:?}");
        for c in &cards {
            on_screen("a card", *c, width);
            assert!(
                c.width() >= 48.0 && c.height() >= 48.0,
                "{size:?}: card {c:?}"
            );
        }
        h.get_by_label("Add a stone: true cost (APR)").click();
        h.run_ok();
        assert_eq!(h.state().meeting_view.counters.iter().sum::<u32>(), 1);
        on_screen(
            "Keep her stones",
            h.get_by_label("Keep her stones, next member").rect(),
            width,
        );
    }
}

/// Every letter beyond ASCII in `dir`'s files ending in `ext`, and below.
fn letters_in(dir: &std::path::Path, ext: &str, into: &mut std::collections::BTreeSet<char>) {
    for entry in std::fs::read_dir(dir).expect("a folder of the sources") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            letters_in(&path, ext, into);
        } else if path.extension().is_some_and(|e| e == ext) {
            let text = std::fs::read_to_string(&path).expect("a source file");
            into.extend(text.chars().filter(|c| !c.is_ascii()));
        }
    }
}

#[test]
fn the_web_fonts_have_every_letter_the_app_writes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut letters = std::collections::BTreeSet::new();
    letters_in(&root.join("crates/app/src"), "rs", &mut letters);
    letters_in(&root.join("crates/core/src"), "rs", &mut letters);
    letters_in(&root.join("assets/i18n"), "csv", &mut letters);
    letters_in(&root.join("parameters"), "csv", &mut letters);
    // Read, never written: names typed in full-width letters (compared as
    // a person reads them), and ✓ and ✗ typed for yes and no.
    letters.retain(|c| !('\u{ff00}'..='\u{ffef}').contains(c) && !"✓✗".contains(*c));
    assert!(letters.len() > 50, "{letters:?}");
    // The web app's fonts once the whole Urdu font has come.
    let naskh = |face: &str| {
        std::fs::read(root.join(format!("assets/fonts/NotoNaskhArabic-{face}.ttf")))
            .expect("the Urdu font")
    };
    let ctx = egui::Context::default();
    ctx.set_fonts(mfi_app::web_fonts(Some((naskh("Regular"), naskh("Bold")))));
    let mut frame = ctx.run_ui(Default::default(), |_| {});
    frame.textures_delta.clear();
    let families = [
        egui::FontFamily::Proportional,
        egui::FontFamily::Name("bold".into()),
        egui::FontFamily::Monospace,
    ];
    let mut missing = Vec::new();
    ctx.fonts_mut(|f| {
        for family in &families {
            for &c in &letters {
                if !f.has_glyph(&egui::FontId::new(14.0, family.clone()), c) {
                    missing.push(format!("{c} (U+{:04X}) in {family:?}", c as u32));
                }
            }
        }
    });
    assert!(
        missing.is_empty(),
        "not in the web app's fonts (run scripts/web-fonts.py): {missing:?}"
    );
    // Before it has come, the language switch's own name is there.
    ctx.set_fonts(mfi_app::web_fonts(None));
    let mut frame = ctx.run_ui(Default::default(), |_| {});
    frame.textures_delta.clear();
    ctx.fonts_mut(|f| {
        let urdu = egui::FontId::new(14.0, egui::FontFamily::Name(mfi_app::URDU.into()));
        assert!(f.has_glyphs(&urdu, "اردو"));
    });
}

/// Found typing a loan card with Urdu digits (`۱۵٬۰۰۰`) in the release app:
/// the card's monospace lines showed boxes. Every font family of the
/// desktop app draws Urdu digits and letters.
#[test]
fn urdu_digits_are_drawn_in_every_font_family_of_the_desktop_app() {
    let ctx = egui::Context::default();
    mfi_app::install_fonts(&ctx);
    let mut frame = ctx.run_ui(Default::default(), |_| {});
    frame.textures_delta.clear();
    ctx.fonts_mut(|f| {
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            let id = egui::FontId::new(14.0, family.clone());
            assert!(f.has_glyphs(&id, "۱۵٬۰۰۰ اردو"), "{family:?}");
        }
    });
}

/// Terms to negotiate in the repayment view: with her lean months typed in
/// (June to August at half her sales), Akhuwat's 12 months of Rs 2,117 are
/// more than she can spare then; the view proposes what would fit, marked
/// "to negotiate with the MFI": the 17 months the product allows, and over
/// her 12 months no payment in her lean months or smaller payments then,
/// each with its rupees, what it costs and its APR (the core's figures), in
/// English and in Urdu.
#[test]
fn the_repayment_view_proposes_terms_to_negotiate() {
    use mfi_core::scoring::negotiate::{Proposed, to_negotiate};
    let mut h = harness();
    h.set_size(egui::vec2(1280.0, 2000.0));
    tab(&mut h, "Members' plans");
    type_into(&mut h, "Kausar Karim: Sales month by month", "Jun-Aug 50%");
    enter(&mut h);
    let (e, study) = (h.state().eval.clone(), h.state().study.clone());
    let pair = e
        .pairs
        .iter()
        .find(|p| p.member == 0 && p.mfi == "Akhuwat")
        .expect("Akhuwat's offer");
    let props = to_negotiate(
        pair,
        &study.plans.members[0],
        &study.matrix,
        &study.settings,
    );
    let kinds: Vec<Proposed> = props.iter().map(|p| p.kind).collect();
    assert_eq!(kinds[0], Proposed::LongerTerm, "{kinds:?}");
    assert!(kinds.len() >= 2, "{kinds:?}");
    assert!(props.iter().all(|p| p.fits));
    tab(&mut h, "Repayment");
    click(&mut h, "Akhuwat / Qard-e-hasan loan");
    h.run_ok();
    h.get_by_label("To negotiate with the MFI: what would fit her months");
    h.get_by_label("These are not yet the MFI's terms: ask whether it agrees.");
    // Each term with its rupees: what most months pay.
    let rs = |paisa: i64| {
        format!(
            "Rs {}",
            mfi_core::money::group_rupees(mfi_core::scoring::months::rupees(paisa), false)
        )
    };
    for p in &props {
        let usual = rs(p.said().usual);
        assert!(
            h.query_all_by_label(&usual).next().is_some(),
            "{usual}: {}",
            p.words()
        );
    }
    h.get_by_label_contains("months instead of the");
    assert!(h.query_all_by_label_contains("It would cost her").count() >= props.len());
    // In Urdu, the same terms.
    click(&mut h, "Urdu");
    h.run_ok();
    h.get_by_label("ادارے سے بات کرنے کے لیے: جو اس کے مہینوں میں پورا آئے");
}
