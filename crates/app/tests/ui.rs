//! The real app driven headless with egui_kittest: found by role and label,
//! clicked and typed into, checked on its state and its screen.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use mfi_app::dialogs::ScriptedDialogs;
use mfi_app::{MfiApp, View, install_fonts};
use mfi_core::data::study::StudyDoc;
use std::path::PathBuf;

fn app_with(dialogs: ScriptedDialogs) -> MfiApp {
    MfiApp::new(
        StudyDoc::kasur().expect("built-in study"),
        Box::new(dialogs),
    )
}

fn harness_with(app: MfiApp) -> Harness<'static, MfiApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(install_fonts)
        .build_eframe(move |_cc| app);
    h.run_ok();
    h
}

fn harness() -> Harness<'static, MfiApp> {
    harness_with(app_with(ScriptedDialogs::default()))
}

fn tab(h: &mut Harness<'static, MfiApp>, name: &str) {
    h.get_by_role_and_label(Role::Button, name).click();
    h.run_ok();
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mfi-app-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn opens_on_the_built_in_study_and_visits_every_view() {
    let mut h = harness();
    assert_eq!(h.state().view, View::Compare);
    h.get_by_label_contains("Recommended: Akhuwat");
    h.get_by_label_contains("Stability: Akhuwat comes first");
    tab(&mut h, "MFI matrix");
    assert_eq!(h.state().view, View::Matrix);
    h.get_by_label("Office location");
    h.get_by_label("CWCD: office");
    tab(&mut h, "Members' plans");
    h.get_by_label_contains("Loan needed: Rs 25,400");
    tab(&mut h, "Repayment");
    assert_eq!(h.get_all_by_label("Each instalment").count(), 3);
    h.get_by_label("Rs 2,117");
    tab(&mut h, "Weights");
    h.get_by_label("Weight of true cost (APR)");
    tab(&mut h, "Compare");
    h.get_by_label_contains("Members served by each MFI");
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
    h.get_by_label_contains("Recommended now: CWCD");
    // A preset puts it back.
    h.get_by_role_and_label(Role::Button, "balanced").click();
    h.run_ok();
    assert_eq!(
        h.state().eval.recommended().map(|r| r.mfi.as_str()),
        Some("Akhuwat")
    );
}

#[test]
fn an_invalid_matrix_cell_shows_its_error_and_changes_nothing() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    tab(&mut h, "Loan products");
    let before = h.state().study.matrix.clone();
    let cell = h.get_by_label("Kashf / Business loan: markup");
    cell.focus();
    cell.type_text(",5");
    h.run_ok();
    h.get_by_label_contains(
        "Kashf / Business loan, markup: expected a percentage like 22%, found \"22%,5\"",
    );
    assert_eq!(h.state().study.matrix, before);
    assert!(!h.state().dirty);
    // A valid value is taken at once and the scores follow.
    let cell = h.get_by_label("Kashf / Business loan: markup");
    cell.focus();
    h.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    cell.type_text("10%");
    h.run_ok();
    let kashf = h
        .state()
        .study
        .matrix
        .institution("Kashf")
        .expect("Kashf")
        .products[0]
        .facts["markup"]
        .clone();
    assert_eq!(
        kashf.value,
        Some(mfi_core::data::matrix::Value::Percent(
            rust_decimal::Decimal::from(10)
        ))
    );
    assert_eq!(kashf.provenance.source, "edited in the app");
    assert!(h.state().dirty);
}

#[test]
fn changing_a_members_plan_changes_her_schedule() {
    let mut h = harness();
    tab(&mut h, "Repayment");
    h.get_by_label("Rs 2,117");
    tab(&mut h, "Members' plans");
    let cost = h.get_by_label("Item 1 cost");
    cost.focus();
    h.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    h.get_by_label("Item 1 cost").type_text("27,900");
    h.run_ok();
    // Items 27,900 + 14,000 - own 4,500 = 37,400.
    h.get_by_label_contains("Loan needed: Rs 37,400");
    assert_eq!(
        h.state().eval.members[0].loan_needed,
        rust_decimal::Decimal::from(37400)
    );
    tab(&mut h, "Repayment");
    // Akhuwat's qard loan: 37,400 / 12 = 3,116.67, rounded to Rs 3,117.
    assert!(h.query_by_label("Rs 2,117").is_none());
    h.get_by_label_contains("Schedule: ");
    let offers = h
        .state()
        .repayment_view
        .offers(&h.state().study, &h.state().eval, 0);
    assert_eq!(
        offers[0].priced.terms.amount,
        rust_decimal::Decimal::from(37400)
    );
    assert_eq!(offers[0].priced.schedule.len(), 12);
}

#[test]
fn a_study_is_saved_and_reopened_as_one_file() {
    let dir = temp_dir("save");
    let path = dir.join("kasur.mfistudy");
    let dialogs = ScriptedDialogs {
        opens: vec![path.clone()],
        saves: vec![path.clone()],
    };
    let mut h = harness_with(app_with(dialogs));
    tab(&mut h, "Weights");
    h.get_by_label("Weight of access").set_value_accesskit(40.0);
    h.run_ok();
    let weights = h.state().study.weights.raw;
    h.get_by_role_and_label(Role::Button, "Study").click();
    h.run_ok();
    h.get_by_role_and_label(Role::Button, "Save study as…")
        .click();
    h.run_ok();
    assert!(path.exists());
    assert!(
        !h.state().dirty,
        "{:?} -> {:?}: {}",
        weights,
        h.state().study.weights.raw,
        h.state().status
    );
    assert_eq!(h.state().persisted.recent.first(), Some(&path));
    // Change something, then open the saved study again.
    h.get_by_role_and_label(Role::Button, "lowest-cost").click();
    h.run_ok();
    assert!(h.state().dirty);
    h.state_mut().apply(mfi_app::Command::OpenStudy);
    h.run_ok();
    let app = h.state();
    assert!(!app.dirty, "{:?} {}", app.errors, app.status);
    for (a, b) in app.study.weights.raw.iter().zip(weights) {
        assert!((a - b).abs() < 1e-9);
    }
    assert_eq!(
        app.study.matrix,
        StudyDoc::kasur().expect("built-in").matrix
    );
    let _ = std::fs::remove_dir_all(&dir);
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
    let mut h = harness_with(app_with(ScriptedDialogs {
        opens: vec![bad.clone()],
        saves: vec![],
    }));
    let before = h.state().study.matrix.clone();
    h.state_mut().apply(mfi_app::Command::OpenMatrix);
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
    h.state_mut().dialogs = Box::new(ScriptedDialogs {
        opens: vec![],
        saves: vec![missing.clone()],
    });
    h.state_mut().dirty = true;
    h.state_mut().apply(mfi_app::Command::SaveStudyAs);
    h.run_ok();
    assert!(h.state().dirty);
    h.get_by_label_contains("The study was NOT saved");
    assert!(!missing.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn snapshots_of_the_main_views() {
    let mut h = harness();
    h.snapshot("compare");
    for (name, file) in [
        ("MFI matrix", "matrix"),
        ("Members' plans", "plans"),
        ("Repayment", "repayment"),
        ("Weights", "weights"),
    ] {
        tab(&mut h, name);
        h.snapshot(file);
    }
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness();
    tab(&mut h, "Weights");
    h.get_by_role_and_label(Role::Button, "lowest-cost").click();
    h.run_ok();
    assert!(h.state().dirty);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_ok();
    h.get_by_label("The study has unsaved changes.");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run_ok();
    assert!(h.query_by_label("The study has unsaved changes.").is_none());
    assert!(h.state().dirty, "nothing was lost");
}

#[test]
fn institutions_and_products_are_added_renamed_duplicated_and_removed() {
    let mut h = harness();
    tab(&mut h, "MFI matrix");
    let count = |h: &Harness<'static, MfiApp>| h.state().study.matrix.institutions.len();
    assert_eq!(count(&h), 7);
    h.get_by_role_and_label(Role::Button, "Add institution")
        .click();
    h.run_ok();
    assert_eq!(count(&h), 8);
    let name = h.get_by_label("Institution name");
    name.focus();
    h.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    h.get_by_label("Institution name")
        .type_text("Sarhad Rural Support");
    h.run_ok();
    assert_eq!(
        h.state().study.matrix.institutions[7].name,
        "Sarhad Rural Support"
    );
    h.get_by_role_and_label(Role::Button, "Duplicate product")
        .click();
    h.run_ok();
    let inst = &h.state().study.matrix.institutions[7];
    assert_eq!(
        inst.products
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Loan", "Loan (copy)"]
    );
    h.get_by_role_and_label(Role::Button, "Remove product")
        .click();
    h.run_ok();
    h.get_by_role_and_label(Role::Button, "Duplicate institution")
        .click();
    h.run_ok();
    assert_eq!(count(&h), 9);
    h.get_by_role_and_label(Role::Button, "Remove institution")
        .click();
    h.run_ok();
    h.get_by_role_and_label(Role::Button, "Remove institution")
        .click();
    h.run_ok();
    assert_eq!(count(&h), 7);
    assert!(h.state().dirty);
}

#[test]
fn the_report_is_exported_from_a_button() {
    let dir = temp_dir("report");
    let path = dir.join("report.pdf");
    let mut h = harness_with(app_with(ScriptedDialogs {
        opens: vec![],
        saves: vec![path.clone()],
    }));
    h.get_by_role_and_label(Role::Button, "Export report (PDF)")
        .click();
    h.run_ok();
    assert!(std::fs::read(&path).expect("written").starts_with(b"%PDF"));
    h.get_by_label_contains("Report written to");
    let _ = std::fs::remove_dir_all(&dir);
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
    h.get_by_role_and_label(Role::Button, "Urdu").click();
    h.run_ok();
    assert_eq!(h.state().persisted.lang, Lang::Ur);
    tab(&mut h, "Repayment");
    // Her three cheapest offers, each labelled in Urdu, amounts as a number
    // and the word for rupees, in separate pieces.
    assert_eq!(h.get_all_by_label("ہر قسط").count(), 3);
    assert_eq!(h.get_all_by_label("وہ کل واپس کرے گی").count(), 3);
    h.get_by_label("2,117");
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
    let number = h.get_by_label("2,117").rect();
    let rupees = h
        .get_all_by_label("روپے")
        .map(|n| n.rect())
        .find(|r| (r.center().y - number.center().y).abs() < 20.0)
        .expect("the unit beside the instalment");
    assert!(rupees.max.x <= number.min.x + 1.0, "{rupees:?} {number:?}");
    // The study's digits: Urdu digits on choice, shown in reading order.
    assert_eq!(h.state().study.settings.digits, Digits::Western);
    h.get_by_role_and_label(Role::Button, "اردو ہندسے").click();
    h.run_ok();
    assert_eq!(h.state().study.settings.digits, Digits::Urdu);
    assert!(h.state().dirty, "the digits are the study's: saved with it");
    let shown: String = "۲٬۱۱۷".chars().rev().collect();
    h.get_by_label(&shown);
    // Remembered between runs.
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let back: mfi_app::Persisted = eframe::get_value(&storage, "mfi-compare").expect("persisted");
    assert_eq!(back.lang, Lang::Ur);
    // And back to English.
    h.get_by_role_and_label(Role::Button, "English").click();
    h.run_ok();
    assert_eq!(h.get_all_by_label("Each instalment").count(), 3);
}

#[test]
fn snapshot_of_the_urdu_repayment_view() {
    let mut h = harness();
    h.get_by_role_and_label(Role::Button, "Urdu").click();
    h.run_ok();
    tab(&mut h, "Repayment");
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
    let mut h = harness_with(app_with(ScriptedDialogs {
        opens: vec![path.clone()],
        saves: vec![],
    }));
    let before = h.state().study.clone();
    h.state_mut().apply(mfi_app::Command::OpenStudy);
    h.run_ok();
    h.get_by_label_contains(&format!(
        "{}: settings: \"draws\": expected a whole number from 1 to 1,000,000, found 4000000000",
        path.display()
    ));
    h.get_by_label_contains(&format!("{}: settings: \"spread\"", path.display()));
    h.get_by_label_contains("2 problem(s) in the file; nothing was changed");
    assert_eq!(h.state().study, before);
    let _ = std::fs::remove_dir_all(&dir);
}
