//! The plans loader on arbitrary bytes: an error or plans, never a panic;
//! plans it accepts save and load back equal, and evaluate without panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mfi_compare::plans::{load_plans, plans_to_csv};

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = load_plans("fuzz.csv", data) {
        let again = load_plans("again.csv", &plans_to_csv(&p)).expect("saved plans load");
        assert_eq!(p, again);
        if p.members.len() <= 50 {
            let m = mfi_compare::study::kasur_matrix().expect("built-in matrix");
            let w = mfi_compare::scoring::preset("balanced").expect("preset");
            let settings = mfi_compare::scoring::Settings { draws: 20, ..Default::default() };
            let e = mfi_compare::scoring::evaluate(&m, &p, &w, &settings);
            for r in &e.ranking {
                assert!(r.score.is_finite());
            }
        }
    }
});
