//! The study file reader on arbitrary bytes: an error or a study, never a
//! panic; a study it accepts saves and loads back equal.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mfi_core::data::study::StudyDoc;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = StudyDoc::from_bytes("fuzz.mfistudy", data) {
        let again = StudyDoc::from_bytes("again.mfistudy", &doc.to_bytes())
            .expect("a saved study loads");
        assert_eq!(doc, again);
    }
});
