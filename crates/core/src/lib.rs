//! The functional core of mfi-compare: everything that computes, with no
//! window, PDF or command line in it. The desktop app (`mfi-app`), the PDF
//! writer (`mfi-pdf`) and the command line (`mfi-compare`) are shells over
//! it, and the compiler keeps it so: this crate depends on none of egui,
//! eframe, printpdf, harfrust, rfd, clap, indicatif or mimalloc.
//!
//! The layers, each using only those before it (a test in the binary's
//! `tests/it/architecture.rs` fails on any import against this order):
//!
//! 1. [`money`], [`fact`], [`error`], [`date`], [`rng`], [`bidi`]: rupees,
//!    percentages and digits; values that may be unknown; errors in the
//!    house format; calendar dates; a seeded random generator; the order of
//!    mixed runs (numbers, signs, names) in a line of Urdu.
//! 2. [`pricing`]: the true cost of one loan (schedule, APR, EIR).
//! 3. [`data`]: the study's data and formats (matrix, plans, weights,
//!    settings, the study file, the built-in Kasur 2010 study) and the CSV
//!    reading they share.
//! 4. [`i18n`] (the members' languages, read from the translations file),
//!    [`icons`] (the picture cards' drawings and words),
//!    [`offer`] (a product of the matrix as loan terms) and [`eligibility`]
//!    (the hard rules); [`generate`] (synthetic studies); [`card`] (a loan
//!    card's dates and rupees priced by the periodic, US or EU method, and
//!    set against a product's quoted terms).
//! 5. [`scoring`]: every member against every offer, the CO ranking, the
//!    reasons, and the stability of the recommendation.
//! 6. [`voice`]: the members' voice: the questions in pairs, the members'
//!    priorities combined into the CO's weights, the CO's vote counted
//!    (what they said is the study's data, in [`data`]).
//! 7. [`output`] (tables, text, JSON and CSV), then [`report`] (the
//!    feasibility report's content as plain data).
//! 8. [`batch`]: many COs on all cores.

// The JSON of `score` is one `json!` literal per offer, deeper than the
// default limit.
#![recursion_limit = "256"]

pub mod batch;
pub mod bidi;
pub mod card;
pub mod data;
pub mod date;
pub mod eligibility;
pub mod error;
pub mod fact;
pub mod forms;
pub mod generate;
pub mod i18n;
pub mod icons;
pub mod intern;
pub mod money;
pub mod offer;
pub mod output;
pub mod pricing;
pub mod report;
pub mod rng;
pub mod scoring;
pub mod voice;
