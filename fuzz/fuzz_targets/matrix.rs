//! The matrix loader on arbitrary bytes: an error or a matrix, never a
//! panic; a matrix it accepts saves and loads back equal.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mfi_core::data::matrix::{load_matrix, matrix_to_csv};

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = load_matrix("fuzz.csv", data) {
        let again = load_matrix("again.csv", &matrix_to_csv(&m)).expect("a saved matrix loads");
        assert_eq!(m, again);
    }
});
