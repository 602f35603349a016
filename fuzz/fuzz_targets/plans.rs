//! The plans loader on arbitrary bytes: an error or plans, never a panic;
//! plans it accepts save and load back equal, and evaluate without panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mfi_core::data::plans::{load_plans, plans_to_csv};

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = load_plans("fuzz.csv", data) {
        let again = load_plans("again.csv", &plans_to_csv(&p)).expect("saved plans load");
        assert_eq!(p, again);
        if p.members.len() <= 50 {
            let m = mfi_core::data::builtin::kasur_matrix().expect("built-in matrix");
            let w = mfi_core::data::criteria::preset("balanced").expect("preset");
            let settings = mfi_core::scoring::Settings { draws: 20, ..Default::default() };
            let e = mfi_core::scoring::evaluate(&m, &p, &w, &settings);
            for r in &e.ranking {
                assert!(r.score.is_finite());
            }
        }
    }
});
